//! The C API's PSK, OCSP stapling, key logging, exporter, Finished, DH parameter,
//! security level and client certificate functions, driven as a C program would: a
//! client and a server over a BIO pair, with C callbacks written in Rust.
//!
//! Only libtls12's own symbols are used here (no OpenSSL in this binary); the
//! `openssl` command makes DH parameters and checks what a server sends.

#[path = "common/certs.rs"]
mod certs;
#[path = "common/s_client.rs"]
mod s_client;

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_ulong, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::ptr;

use tls12::capi::bio::{tls12_BIO_free, tls12_BIO_new_bio_pair, tls12_BIO_new_file, Bio};
use tls12::capi::cipher_nid::*;
use tls12::capi::client_cert::*;
use tls12::capi::ctx::*;
use tls12::capi::dh::*;
use tls12::capi::err::{tls12_ERR_clear_error, tls12_ERR_get_error, tls12_ERR_get_error_line};
use tls12::capi::exporter::*;
use tls12::capi::keylog::*;
use tls12::capi::ocsp::*;
use tls12::capi::pkey::*;
use tls12::capi::psk::*;
use tls12::capi::ssl::*;
use tls12::capi::tls12_CRYPTO_malloc;
use tls12::capi::x509::{tls12_PEM_read_X509, tls12_X509_free, X509};

const PEM: c_int = 1;
const SSL_ERROR_WANT_READ: c_int = 2;
const SSL_ERROR_WANT_WRITE: c_int = 3;
const SSL_TLSEXT_ERR_OK: c_int = 0;
const SSL_TLSEXT_ERR_ALERT_FATAL: c_int = 2;
const SSL_TLSEXT_ERR_NOACK: c_int = 3;
const NID_FFDHE2048: c_int = 1126;
const NID_FFDHE3072: c_int = 1127;
const NID_FFDHE6144: c_int = 1129;

/// Reason codes (`ERR_GET_REASON`) the tests look for.
mod reason {
    pub const BAD_PSK: u32 = 219;
    pub const PSK_IDENTITY_NOT_FOUND: u32 = 223;
    pub const CALLBACK_FAILED: u32 = 234;
    /// The engine reports a DH group below the minimum as a bad value.
    pub const BAD_VALUE: u32 = 384;
    /// A fatal alert received: 1000 + its code.
    pub fn alert(code: u32) -> u32 {
        1000 + code
    }
}

/// The key both ends know "device-7" by.
const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
const IDENTITY: &str = "device-7";
const HINT: &str = "hint for devices";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from)
}

fn cpath(name: &str) -> CString {
    let dir = certs::ensure_test_certs(repo(), &target_dir());
    CString::new(dir.join(name).to_str().unwrap()).unwrap()
}

fn text(p: *const c_char) -> Option<String> {
    // SAFETY: the library returns NULL or NUL-terminated strings that outlive this call.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string())
}

/// The reasons on this thread's error queue, drained.
fn reasons() -> Vec<u32> {
    std::iter::from_fn(|| Some(tls12_ERR_get_error()).filter(|&e| e != 0))
        .map(|e: c_ulong| (e & 0x7f_ffff) as u32)
        .collect()
}

fn new_ctx(server: bool) -> *mut SslCtx {
    // SAFETY: the methods are static; the context is checked below.
    let ctx = unsafe { tls12_SSL_CTX_new(if server { tls12_TLS_server_method() } else { tls12_TLS_client_method() }) };
    assert!(!ctx.is_null());
    ctx
}

/// A server context with the certificate chain and key `name` ("rsa", "ecdsa").
fn cert_ctx(name: &str) -> *mut SslCtx {
    let ctx = new_ctx(true);
    // SAFETY: a live context and NUL-terminated paths.
    unsafe {
        assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, cpath(&format!("{name}-chain.pem")).as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, cpath(&format!("{name}.key")).as_ptr(), PEM), 1);
    }
    ctx
}

/// A client and a server connection joined by a BIO pair.
fn pair(client: *mut SslCtx, server: *mut SslCtx) -> (*mut Ssl, *mut Ssl) {
    // SAFETY: live contexts; the BIO pair's halves are handed to the connections.
    unsafe {
        let (c, s) = (tls12_SSL_new(client), tls12_SSL_new(server));
        assert!(!c.is_null() && !s.is_null());
        let (mut b1, mut b2): (*mut Bio, *mut Bio) = (ptr::null_mut(), ptr::null_mut());
        assert_eq!(tls12_BIO_new_bio_pair(&mut b1, 8192, &mut b2, 8192), 1);
        tls12_SSL_set_bio(c, b1, b1);
        tls12_SSL_set_bio(s, b2, b2);
        (c, s)
    }
}

/// How one end's handshake ended.
#[derive(Debug, PartialEq)]
enum End {
    Done,
    Failed(Vec<u32>),
    Waiting,
}

/// Runs both handshakes until each has finished, failed, or waits for nothing more.
fn run(c: *mut Ssl, s: *mut Ssl) -> (End, End) {
    let mut ends = [End::Waiting, End::Waiting];
    for _ in 0..200 {
        for (i, ssl) in [c, s].into_iter().enumerate() {
            if ends[i] != End::Waiting {
                continue;
            }
            // SAFETY: live connections.
            let r = unsafe {
                if i == 0 {
                    tls12_SSL_connect(ssl)
                } else {
                    tls12_SSL_accept(ssl)
                }
            };
            if r == 1 {
                ends[i] = End::Done;
                continue;
            }
            // SAFETY: a live connection.
            let e = unsafe { tls12_SSL_get_error(ssl, r) };
            if e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE {
                ends[i] = End::Failed(reasons());
            }
        }
        if ends.iter().all(|e| *e != End::Waiting) {
            break;
        }
    }
    let [client, server] = ends;
    (client, server)
}

/// Runs a handshake that must succeed and moves a message each way.
fn connect(c: *mut Ssl, s: *mut Ssl) {
    let ends = run(c, s);
    assert_eq!(ends, (End::Done, End::Done), "the handshake failed");
    for (from, to) in [(c, s), (s, c)] {
        let mut buf = [0u8; 16];
        // SAFETY: live connections and buffers of the lengths given.
        unsafe {
            assert_eq!(tls12_SSL_write(from, b"ping".as_ptr().cast(), 4), 4);
            assert_eq!(tls12_SSL_read(to, buf.as_mut_ptr().cast(), 16), 4);
        }
        assert_eq!(&buf[..4], b"ping");
    }
}

fn free(c: *mut Ssl, s: *mut Ssl, ctxs: &[*mut SslCtx]) {
    // SAFETY: live objects, each freed once.
    unsafe {
        tls12_SSL_free(c);
        tls12_SSL_free(s);
        for &ctx in ctxs {
            tls12_SSL_CTX_free(ctx);
        }
    }
}

/// What the PSK client callback does.
#[derive(Clone, Copy, PartialEq)]
enum ClientPsk {
    Normal,
    NoKey,
    LongIdentity,
}

thread_local! {
    static CLIENT_PSK: Cell<ClientPsk> = const { Cell::new(ClientPsk::Normal) };
    static HINT_SEEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static SERVER_KEY: RefCell<Vec<u8>> = RefCell::new(KEY.to_vec());
}

unsafe extern "C" fn psk_client_cb(
    _ssl: *mut Ssl,
    hint: *const c_char,
    identity: *mut c_char,
    max_identity_len: c_uint,
    psk: *mut c_uchar,
    max_psk_len: c_uint,
) -> c_uint {
    HINT_SEEN.with(|h| *h.borrow_mut() = text(hint));
    assert_eq!((max_identity_len, max_psk_len), (PSK_MAX_IDENTITY_LEN, PSK_MAX_PSK_LEN));
    // SAFETY: the library gives `max_identity_len + 1` and `max_psk_len` writable bytes.
    let (identity, psk) = unsafe {
        (
            std::slice::from_raw_parts_mut(identity.cast::<u8>(), max_identity_len as usize + 1),
            std::slice::from_raw_parts_mut(psk, max_psk_len as usize),
        )
    };
    match CLIENT_PSK.with(Cell::get) {
        ClientPsk::NoKey => return 0,
        ClientPsk::LongIdentity => identity.fill(b'a'),
        ClientPsk::Normal => {
            identity[..IDENTITY.len()].copy_from_slice(IDENTITY.as_bytes());
            identity[IDENTITY.len()] = 0;
        }
    }
    psk[..KEY.len()].copy_from_slice(KEY);
    KEY.len() as c_uint
}

unsafe extern "C" fn psk_server_cb(
    _ssl: *mut Ssl,
    identity: *const c_char,
    psk: *mut c_uchar,
    max_psk_len: c_uint,
) -> c_uint {
    if text(identity).as_deref() != Some(IDENTITY) {
        return 0;
    }
    SERVER_KEY.with(|k| {
        let k = k.borrow();
        assert!(k.len() <= max_psk_len as usize);
        // SAFETY: the library gives `max_psk_len` writable bytes.
        unsafe { ptr::copy_nonoverlapping(k.as_ptr(), psk, k.len()) };
        k.len() as c_uint
    })
}

/// A PSK client and server for `suite` (the server has an RSA certificate only when the
/// suite needs one).
fn psk_pair(suite: &str) -> (*mut Ssl, *mut Ssl, [*mut SslCtx; 2]) {
    let server = if suite.starts_with("RSA-PSK") { cert_ctx("rsa") } else { new_ctx(true) };
    let client = new_ctx(false);
    let hint = CString::new(HINT).unwrap();
    let list = CString::new(suite).unwrap();
    // SAFETY: live contexts, NUL-terminated strings and callbacks of the right types.
    unsafe {
        tls12_SSL_CTX_set_psk_server_callback(server, Some(psk_server_cb));
        assert_eq!(tls12_SSL_CTX_use_psk_identity_hint(server, hint.as_ptr()), 1);
        tls12_SSL_CTX_set_psk_client_callback(client, Some(psk_client_cb));
        assert_eq!(tls12_SSL_CTX_set_cipher_list(client, list.as_ptr()), 1);
    }
    let (c, s) = pair(client, server);
    (c, s, [client, server])
}

#[test]
fn psk_handshakes_through_the_c_callbacks_for_every_key_exchange() {
    for suite in [
        "PSK-AES128-GCM-SHA256",
        "DHE-PSK-AES128-GCM-SHA256",
        "ECDHE-PSK-CHACHA20-POLY1305",
        "RSA-PSK-AES256-GCM-SHA384",
    ] {
        let (c, s, ctxs) = psk_pair(suite);
        connect(c, s);
        // SAFETY: live connections.
        unsafe {
            assert_eq!(text(tls12_SSL_CIPHER_get_name(tls12_SSL_get_current_cipher(c))).as_deref(), Some(suite));
            assert_eq!(text(tls12_SSL_get_psk_identity(s)).as_deref(), Some(IDENTITY), "{suite}");
            assert_eq!(text(tls12_SSL_get_psk_identity(c)).as_deref(), Some(IDENTITY), "{suite}");
            assert_eq!(text(tls12_SSL_get_psk_identity_hint(c)).as_deref(), Some(HINT), "{suite}");
            assert_eq!(text(tls12_SSL_get_psk_identity_hint(s)).as_deref(), Some(HINT), "{suite}");
            assert_eq!(tls12_SSL_get0_peer_certificate(c).is_null(), !suite.starts_with("RSA-PSK"), "{suite}");
            let cipher = tls12_SSL_get_current_cipher(c);
            let kx = tls12_SSL_CIPHER_get_kx_nid(cipher);
            let expected = [("PSK-", 1043), ("DHE-PSK", 1041), ("ECDHE-PSK", 1040), ("RSA-PSK", 1042)];
            assert_eq!(Some(kx), expected.iter().find(|(p, _)| suite.starts_with(p)).map(|&(_, n)| n), "{suite}");
            let auth = if suite.starts_with("RSA-PSK") { 1046 } else { 1048 };
            assert_eq!(tls12_SSL_CIPHER_get_auth_nid(cipher), auth, "{suite}");
        }
        assert_eq!(HINT_SEEN.with(|h| h.borrow().clone()).as_deref(), Some(HINT));
        free(c, s, &ctxs);
    }
}

#[test]
fn psk_without_a_hint_passes_null_to_the_client_callback() {
    let (c, s, ctxs) = psk_pair("PSK-AES256-CBC-SHA384");
    // SAFETY: a live connection; NULL removes the hint.
    assert_eq!(unsafe { tls12_SSL_use_psk_identity_hint(s, ptr::null()) }, 1);
    connect(c, s);
    assert_eq!(HINT_SEEN.with(|h| h.borrow().clone()), None);
    // SAFETY: a live connection.
    assert!(unsafe { tls12_SSL_get_psk_identity_hint(c) }.is_null());
    free(c, s, &ctxs);
}

#[test]
fn psk_failures_end_with_the_right_alerts() {
    let suite = "PSK-AES128-GCM-SHA256";
    // A wrong key: the server cannot check the client's Finished.
    SERVER_KEY.with(|k| *k.borrow_mut() = b"another key entirely".to_vec());
    let (c, s, ctxs) = psk_pair(suite);
    let (client, server) = run(c, s);
    SERVER_KEY.with(|k| *k.borrow_mut() = KEY.to_vec());
    let End::Failed(seen) = client else { panic!("the client did not fail: {client:?}") };
    assert!(seen.contains(&reason::alert(20)) || seen.contains(&reason::alert(51)), "{seen:?}");
    assert!(matches!(server, End::Failed(_)));
    free(c, s, &ctxs);

    // An identity the server does not know.
    let (c, s, ctxs) = psk_pair(suite);
    // SAFETY: a live connection; a NULL callback removes it (and with it PSK).
    unsafe { tls12_SSL_set_psk_server_callback(s, Some(psk_server_unknown)) };
    let (client, server) = run(c, s);
    assert_eq!(client, End::Failed(vec![reason::alert(115)]));
    assert_eq!(server, End::Failed(vec![reason::PSK_IDENTITY_NOT_FOUND]));
    free(c, s, &ctxs);

    // The client callback has no key (returns 0), or an identity that is too long.
    for (mode, expected) in
        [(ClientPsk::NoKey, reason::PSK_IDENTITY_NOT_FOUND), (ClientPsk::LongIdentity, reason::BAD_PSK)]
    {
        CLIENT_PSK.with(|m| m.set(mode));
        let (c, s, ctxs) = psk_pair(suite);
        let (client, server) = run(c, s);
        CLIENT_PSK.with(|m| m.set(ClientPsk::Normal));
        let End::Failed(seen) = client else { panic!("the client did not fail: {client:?}") };
        assert_eq!(seen.last(), Some(&expected), "{seen:?}");
        assert!(matches!(server, End::Failed(_)));
        free(c, s, &ctxs);
    }

    // Without a client callback PSK suites are not offered.
    let (c, s, ctxs) = psk_pair(suite);
    // SAFETY: a live connection.
    unsafe { tls12_SSL_set_psk_client_callback(c, None) };
    assert!(matches!(run(c, s).0, End::Failed(_)));
    free(c, s, &ctxs);
}

unsafe extern "C" fn psk_server_unknown(_: *mut Ssl, _: *const c_char, _: *mut c_uchar, _: c_uint) -> c_uint {
    0
}

#[test]
fn psk_arguments_are_checked() {
    let ctx = new_ctx(true);
    let long = CString::new("x".repeat(257)).unwrap();
    // SAFETY: NULL and live arguments as the functions allow.
    unsafe {
        assert_eq!(tls12_SSL_CTX_use_psk_identity_hint(ptr::null_mut(), c"h".as_ptr()), 0);
        assert_eq!(tls12_SSL_CTX_use_psk_identity_hint(ctx, long.as_ptr()), 0);
        assert!(tls12_SSL_get_psk_identity(ptr::null()).is_null());
        assert_eq!(tls12_SSL_CIPHER_get_kx_nid(ptr::null()), 0);
        assert_eq!(tls12_SSL_CIPHER_get_auth_nid(ptr::null()), 0);
        assert!(tls12_PEM_read_DHparams(ptr::null_mut(), ptr::null_mut(), None, ptr::null_mut()).is_null());
        assert!(tls12_PEM_read_bio_PrivateKey(ptr::null_mut(), ptr::null_mut(), None, ptr::null_mut()).is_null());
        assert_eq!(tls12_SSL_CTX_set_tmp_dh(ctx, ptr::null()), 0);
        assert_eq!(tls12_SSL_set_tlsext_status_type(ptr::null_mut(), TLSEXT_STATUSTYPE_OCSP), 0);
        assert_eq!(
            tls12_SSL_export_keying_material(ptr::null_mut(), ptr::null_mut(), 0, ptr::null(), 0, ptr::null(), 0, 0),
            0
        );
        assert_eq!(tls12_SSL_get_finished(ptr::null(), ptr::null_mut(), 0), 0);
        tls12_SSL_CTX_set_psk_client_callback(ptr::null_mut(), None);
        tls12_SSL_CTX_free(ctx);
    }
    assert!(!reasons().is_empty());
}

/// The response the server staples.
const OCSP: &[u8] = b"an OCSP response, opaque to TLS";

thread_local! {
    static SERVER_VERDICT: Cell<c_int> = const { Cell::new(SSL_TLSEXT_ERR_OK) };
    static CLIENT_VERDICT: Cell<c_int> = const { Cell::new(1) };
    static OCSP_SEEN: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

unsafe extern "C" fn ocsp_server_cb(ssl: *mut Ssl, arg: *mut c_void) -> c_int {
    assert_eq!(arg as usize, 42);
    // SAFETY: OPENSSL_malloc'd memory of the response's length, handed to the library.
    unsafe {
        let copy = tls12_CRYPTO_malloc(OCSP.len(), ptr::null(), 0).cast::<c_uchar>();
        ptr::copy_nonoverlapping(OCSP.as_ptr(), copy, OCSP.len());
        assert_eq!(tls12_SSL_set_tlsext_status_ocsp_resp(ssl, copy, OCSP.len() as c_long), 1);
    }
    SERVER_VERDICT.with(Cell::get)
}

unsafe extern "C" fn ocsp_client_cb(ssl: *mut Ssl, _arg: *mut c_void) -> c_int {
    let mut p: *const c_uchar = ptr::null();
    // SAFETY: a live connection and a writable slot.
    let n = unsafe { tls12_SSL_get_tlsext_status_ocsp_resp(ssl, &mut p) };
    // SAFETY: the library points `p` at `n` bytes when `n` is positive.
    let seen = (n > 0).then(|| unsafe { std::slice::from_raw_parts(p, n as usize) }.to_vec());
    OCSP_SEEN.with(|s| *s.borrow_mut() = seen);
    CLIENT_VERDICT.with(Cell::get)
}

/// A client that asks for stapling and a server that staples, both with callbacks.
fn ocsp_pair() -> (*mut Ssl, *mut Ssl, [*mut SslCtx; 2]) {
    let (client, server) = (new_ctx(false), cert_ctx("rsa"));
    // SAFETY: live contexts and callbacks of the right types.
    unsafe {
        assert_eq!(tls12_SSL_CTX_set_tlsext_status_cb(server, Some(ocsp_server_cb)), 1);
        assert_eq!(tls12_SSL_CTX_set_tlsext_status_arg(server, 42 as *mut c_void), 1);
        assert_eq!(tls12_SSL_CTX_set_tlsext_status_cb(client, Some(ocsp_client_cb)), 1);
        let (mut cb, mut arg): (StatusCallback, *mut c_void) = (None, ptr::null_mut());
        assert_eq!(tls12_SSL_CTX_get_tlsext_status_cb(server, &mut cb), 1);
        assert_eq!(tls12_SSL_CTX_get_tlsext_status_arg(server, &mut arg), 1);
        assert!(cb.is_some() && arg as usize == 42);
    }
    let (c, s) = pair(client, server);
    // SAFETY: a live connection.
    unsafe {
        assert_eq!(tls12_SSL_set_tlsext_status_type(c, TLSEXT_STATUSTYPE_OCSP), 1);
        assert_eq!(tls12_SSL_get_tlsext_status_type(c), 1);
    }
    (c, s, [client, server])
}

#[test]
fn ocsp_responses_are_stapled_and_checked() {
    let (c, s, ctxs) = ocsp_pair();
    connect(c, s);
    assert_eq!(OCSP_SEEN.with(|s| s.borrow().clone()).as_deref(), Some(OCSP));
    let mut p: *const c_uchar = ptr::null();
    // SAFETY: a live connection and a writable slot.
    assert_eq!(unsafe { tls12_SSL_get_tlsext_status_ocsp_resp(c, &mut p) }, OCSP.len() as c_long);
    free(c, s, &ctxs);

    // NOACK: nothing stapled, and the client's callback sees nothing.
    SERVER_VERDICT.with(|v| v.set(SSL_TLSEXT_ERR_NOACK));
    let (c, s, ctxs) = ocsp_pair();
    connect(c, s);
    SERVER_VERDICT.with(|v| v.set(SSL_TLSEXT_ERR_OK));
    assert_eq!(OCSP_SEEN.with(|s| s.borrow().clone()), None);
    // SAFETY: a live connection and a writable slot.
    assert_eq!(unsafe { tls12_SSL_get_tlsext_status_ocsp_resp(c, &mut p) }, -1);
    assert!(p.is_null());
    free(c, s, &ctxs);

    // The server's callback fails: internal_error.
    SERVER_VERDICT.with(|v| v.set(SSL_TLSEXT_ERR_ALERT_FATAL));
    let (c, s, ctxs) = ocsp_pair();
    let (client, server) = run(c, s);
    SERVER_VERDICT.with(|v| v.set(SSL_TLSEXT_ERR_OK));
    assert_eq!(client, End::Failed(vec![reason::alert(80)]));
    assert_eq!(server, End::Failed(vec![reason::CALLBACK_FAILED]));
    free(c, s, &ctxs);

    // The client's callback rejects the response: bad_certificate_status_response.
    CLIENT_VERDICT.with(|v| v.set(0));
    let (c, s, ctxs) = ocsp_pair();
    let (client, server) = run(c, s);
    CLIENT_VERDICT.with(|v| v.set(1));
    assert_eq!(client, End::Failed(vec![reason::CALLBACK_FAILED]));
    assert_eq!(server, End::Failed(vec![reason::alert(113)]));
    free(c, s, &ctxs);
}

thread_local! {
    static KEYLOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn keylog_cb(_ssl: *const Ssl, line: *const c_char) {
    KEYLOG.with(|k| k.borrow_mut().push(text(line).unwrap()));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The master secret of `ssl`'s session.
fn master_key(ssl: *mut Ssl) -> Vec<u8> {
    let mut key = [0u8; 48];
    // SAFETY: a live connection whose session lives as long as it does.
    let n = unsafe { tls12_SSL_SESSION_get_master_key(tls12_SSL_get_session(ssl), key.as_mut_ptr(), key.len()) };
    key[..n].to_vec()
}

/// A handshake with `client` logging keys through the callback; returns the lines and
/// the client's master secret.
fn logged_handshake(server: *mut SslCtx) -> (Vec<String>, Vec<u8>) {
    let client = new_ctx(false);
    KEYLOG.with(|k| k.borrow_mut().clear());
    // SAFETY: a live context and a callback of the right type.
    unsafe {
        tls12_SSL_CTX_set_keylog_callback(client, Some(keylog_cb));
        assert!(tls12_SSL_CTX_get_keylog_callback(client).is_some());
    }
    let (c, s) = pair(client, server);
    connect(c, s);
    let master = master_key(c);
    free(c, s, &[client]);
    (KEYLOG.with(|k| k.borrow().clone()), master)
}

#[test]
fn the_key_log_line_carries_the_master_secret() {
    let server = cert_ctx("ecdsa");
    let (lines, master) = logged_handshake(server);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let parts: Vec<&str> = lines[0].split(' ').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], "CLIENT_RANDOM");
    assert_eq!(parts[1].len(), 64);
    assert!(parts[1].chars().chain(parts[2].chars()).all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(master.len(), 48);
    assert_eq!(parts[2], hex(&master));
    // SAFETY: a live context.
    unsafe { tls12_SSL_CTX_free(server) };
}

#[test]
fn sslkeylogfile_gets_the_lines_when_no_callback_is_installed() {
    let file = target_dir().join(format!("keylog-test-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&file);
    // The variable is set only in a child process running the test below.
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "keylog_file_child", "--ignored", "--test-threads=1"])
        .env("SSLKEYLOGFILE", &file)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let logged = std::fs::read_to_string(&file).unwrap();
    let expected = std::fs::read_to_string(file.with_extension("expected")).unwrap();
    assert!(logged.lines().any(|l| l == expected.trim()), "{logged:?} lacks {expected:?}");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(file.with_extension("expected"));
}

/// Run by the test above with `SSLKEYLOGFILE` set: the server has no callback, so it
/// writes to the file; the client's callback shows what the line must be.
#[test]
#[ignore = "run by sslkeylogfile_gets_the_lines_when_no_callback_is_installed"]
fn keylog_file_child() {
    let file = PathBuf::from(std::env::var_os("SSLKEYLOGFILE").expect("SSLKEYLOGFILE is set"));
    let server = cert_ctx("rsa");
    let (lines, _) = logged_handshake(server);
    std::fs::write(file.with_extension("expected"), &lines[0]).unwrap();
    // SAFETY: a live context.
    unsafe { tls12_SSL_CTX_free(server) };
}

#[test]
fn exported_keying_material_and_finished_messages_agree() {
    let (client, server) = (new_ctx(false), cert_ctx("rsa"));
    let (c, s) = pair(client, server);
    let export = |ssl: *mut Ssl, label: &[u8], context: Option<&[u8]>| {
        let mut out = [0u8; 40];
        let (ctx_ptr, ctx_len) = context.map_or((ptr::null(), 0), |c| (c.as_ptr(), c.len()));
        // SAFETY: a live connection and buffers of the lengths given.
        let r = unsafe {
            tls12_SSL_export_keying_material(
                ssl,
                out.as_mut_ptr(),
                out.len(),
                label.as_ptr().cast(),
                label.len(),
                ctx_ptr,
                ctx_len,
                c_int::from(context.is_some()),
            )
        };
        (r, out)
    };
    assert_eq!(export(c, b"EXPERIMENTAL too early", None).0, 0);
    reasons();
    connect(c, s);
    let label: &[u8] = b"EXPERIMENTAL libtls12";
    assert_eq!(export(c, label, None), export(s, label, None));
    assert_eq!(export(c, label, Some(b"ctx")), export(s, label, Some(b"ctx")));
    assert_ne!(export(c, label, Some(b"")).1, export(c, label, None).1);
    assert_eq!(export(c, label, None).0, 1);

    let finished = |ssl: *mut Ssl, peer: bool| {
        let mut buf = [0u8; 64];
        // SAFETY: a live connection and a buffer of the length given.
        let n = unsafe {
            if peer {
                tls12_SSL_get_peer_finished(ssl, buf.as_mut_ptr().cast(), buf.len())
            } else {
                tls12_SSL_get_finished(ssl, buf.as_mut_ptr().cast(), buf.len())
            }
        };
        buf[..n].to_vec()
    };
    assert_eq!(finished(c, false).len(), 12);
    assert_eq!(finished(c, false), finished(s, true));
    assert_eq!(finished(c, true), finished(s, false));
    assert_ne!(finished(c, false), finished(c, true));
    let mut small = [0u8; 4];
    // SAFETY: a live connection and a buffer of the length given.
    assert_eq!(unsafe { tls12_SSL_get_finished(c, small.as_mut_ptr().cast(), 4) }, 12);
    assert_eq!(small[..], finished(c, false)[..4]);
    free(c, s, &[client, server]);
}

/// DH parameters made by `openssl dhparam 2048` once, kept in the target directory.
fn dhparam_file() -> PathBuf {
    let dir = target_dir().join("test-dh");
    let file = dir.join("dh2048.pem");
    if !file.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let scratch = dir.join(format!("dh2048.{}.tmp", std::process::id()));
        let status = Command::new("openssl")
            .args(["dhparam", "-out"])
            .arg(&scratch)
            .arg("2048")
            .stderr(Stdio::null())
            .status()
            .expect("the openssl command runs");
        assert!(status.success());
        std::fs::rename(&scratch, &file).unwrap();
    }
    file
}

/// The group a DHE handshake between `client` and `server` negotiated, as the client
/// reports it.
fn dhe_group(client: *mut SslCtx, server: *mut SslCtx) -> Result<c_int, End> {
    let (c, s) = pair(client, server);
    let ends = run(c, s);
    // The server names the group it chose; a client names a DHE group only when it
    // offered it in supported_groups (RFC 7919), as OpenSSL's client does.
    // SAFETY: a live connection.
    let group = unsafe { tls12_SSL_get_negotiated_group(s) };
    // SAFETY: live connections.
    unsafe {
        tls12_SSL_free(c);
        tls12_SSL_free(s);
    }
    match ends {
        (End::Done, End::Done) => Ok(group),
        (client, _) => Err(client),
    }
}

fn dhe_client() -> *mut SslCtx {
    let client = new_ctx(false);
    // SAFETY: a live context and a NUL-terminated list.
    assert_eq!(unsafe { tls12_SSL_CTX_set_cipher_list(client, c"DHE-RSA-AES128-GCM-SHA256".as_ptr()) }, 1);
    client
}

#[test]
fn dh_parameters_from_openssl_dhparam_serve_dhe() {
    let (client, server) = (dhe_client(), cert_ctx("rsa"));
    assert_eq!(dhe_group(client, server), Ok(NID_FFDHE2048));
    let path = CString::new(dhparam_file().to_str().unwrap()).unwrap();
    // SAFETY: a NUL-terminated path and mode; the objects are freed once.
    unsafe {
        let fp = libc::fopen(path.as_ptr(), c"r".as_ptr());
        assert!(!fp.is_null());
        let dh = tls12_PEM_read_DHparams(fp, ptr::null_mut(), None, ptr::null_mut());
        libc::fclose(fp);
        assert!(!dh.is_null());
        assert_eq!(tls12_SSL_CTX_set_tmp_dh(server, dh), 1);
        tls12_DH_free(dh);
        // The same file through a BIO, into `*x`.
        let bio = tls12_BIO_new_file(path.as_ptr(), c"r".as_ptr());
        let mut slot: *mut Dh = ptr::null_mut();
        let dh = tls12_PEM_read_bio_DHparams(bio, &mut slot, None, ptr::null_mut());
        assert!(!dh.is_null() && dh == slot);
        tls12_DH_free(dh);
        tls12_BIO_free(bio);
    }
    // A group the client cannot name: the loaded parameters are in use.
    assert_eq!(dhe_group(client, server), Ok(0));
    // SAFETY: a live context; 1 goes back to the RFC 7919 groups.
    assert_eq!(unsafe { tls12_SSL_CTX_set_dh_auto(server, 1) }, 1);
    assert_eq!(dhe_group(client, server), Ok(NID_FFDHE2048));
    // SAFETY: live contexts.
    unsafe {
        tls12_SSL_CTX_free(client);
        tls12_SSL_CTX_free(server);
    }
}

#[test]
fn ffdhe_group_names_min_bits_and_security_levels_reach_the_handshake() {
    // RSA 4096: at level 3 an RSA 2048 certificate is too weak to serve (checked below).
    let server = cert_ctx("rsa4096");
    let client = dhe_client();
    // SAFETY: live contexts and NUL-terminated lists.
    unsafe {
        assert_eq!(tls12_SSL_CTX_set1_groups_list(client, c"ffdhe3072:X25519".as_ptr()), 1);
        assert_eq!(dhe_group(client, server), Ok(NID_FFDHE3072));
        // The client's first FFDHE group that the server has, unknown names skipped.
        assert_eq!(tls12_SSL_CTX_set1_groups_list(client, c"X25519:ffdhe6144:ffdhe2048".as_ptr()), 1);
        assert_eq!(dhe_group(client, server), Ok(NID_FFDHE6144));
        // The client wants 3072 bits at least; the server offers ffdhe2048 by default.
        assert_eq!(tls12_SSL_CTX_set1_groups_list(client, c"X25519".as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_set_dh_min_bits(client, 3072), 1);
        assert_eq!(dhe_group(client, server), Err(End::Failed(vec![reason::BAD_VALUE])));
        assert_eq!(tls12_SSL_CTX_set_dh_min_bits(client, 512), 0);
        assert_eq!(tls12_SSL_CTX_set_dh_min_bits(client, 2048), 1);
        reasons();
        // Level 3 on the client: the same, through the security level.
        tls12_SSL_CTX_set_security_level(client, 3);
        assert_eq!(dhe_group(client, server), Err(End::Failed(vec![reason::BAD_VALUE])));
        // Level 3 on a server whose only certificate is RSA 2048: nothing to serve with.
        let weak = cert_ctx("rsa");
        tls12_SSL_CTX_set_security_level(weak, 3);
        assert!(dhe_group(client, weak).is_err(), "an RSA 2048 certificate served at level 3");
        reasons();
        tls12_SSL_CTX_free(weak);
        // Level 3 on the server too: it moves up to ffdhe3072.
        tls12_SSL_CTX_set_security_level(server, 3);
        assert_eq!(dhe_group(client, server), Ok(NID_FFDHE3072));
        // @SECLEVEL in a cipher string sets the level, and level 3 has no plain PSK.
        assert_eq!(tls12_SSL_CTX_set_cipher_list(client, c"ALL:@SECLEVEL=2".as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_get_security_level(client), 2);
        assert_eq!(tls12_SSL_CTX_set_cipher_list(client, c"PSK-AES128-GCM-SHA256:@SECLEVEL=3".as_ptr()), 0);
        reasons();
        tls12_SSL_CTX_free(client);
        tls12_SSL_CTX_free(server);
    }
}

thread_local! {
    static CLIENT_CERT_ASKED: Cell<u32> = const { Cell::new(0) };
}

unsafe extern "C" fn client_cert_cb(_ssl: *mut Ssl, x509: *mut *mut X509, pkey: *mut *mut EvpPkey) -> c_int {
    CLIENT_CERT_ASKED.with(|n| n.set(n.get() + 1));
    // SAFETY: NUL-terminated paths; the out-slots are writable, and the references
    // made here pass to the library.
    unsafe {
        let fp = libc::fopen(cpath("client.pem").as_ptr(), c"r".as_ptr());
        *x509 = tls12_PEM_read_X509(fp, ptr::null_mut(), None, ptr::null_mut());
        libc::fclose(fp);
        let fp = libc::fopen(cpath("client.key").as_ptr(), c"r".as_ptr());
        *pkey = tls12_PEM_read_PrivateKey(fp, ptr::null_mut(), None, ptr::null_mut());
        libc::fclose(fp);
        c_int::from(!(*x509).is_null() && !(*pkey).is_null())
    }
}

/// A server that asks for client certificates issued under the test root and names
/// the root as the acceptable CA.
fn client_auth_server() -> *mut SslCtx {
    let server = cert_ctx("rsa");
    // SAFETY: a live context, NUL-terminated paths; the certificate is freed once.
    unsafe {
        assert_eq!(tls12_SSL_CTX_load_verify_locations(server, cpath("ca.pem").as_ptr(), ptr::null()), 1);
        // The callback sends the leaf alone, so its issuer is trusted directly.
        assert_eq!(tls12_SSL_CTX_load_verify_locations(server, cpath("int.pem").as_ptr(), ptr::null()), 1);
        tls12_SSL_CTX_set_verify(server, 1, None);
        let fp = libc::fopen(cpath("ca.pem").as_ptr(), c"r".as_ptr());
        let ca = tls12_PEM_read_X509(fp, ptr::null_mut(), None, ptr::null_mut());
        libc::fclose(fp);
        assert_eq!(tls12_SSL_CTX_add_client_CA(server, ca), 1);
        assert_eq!(tls12_SSL_CTX_add_client_CA(server, ca), 1);
        tls12_X509_free(ca);
        assert_eq!(tls12_SSL_CTX_add_client_CA(server, ptr::null_mut()), 0);
    }
    reasons();
    server
}

#[test]
fn the_client_certificate_callback_supplies_a_certificate() {
    let (client, server) = (new_ctx(false), client_auth_server());
    // SAFETY: a live context and a callback of the right type.
    unsafe {
        tls12_SSL_CTX_set_client_cert_cb(client, Some(client_cert_cb));
        assert!(tls12_SSL_CTX_get_client_cert_cb(client).is_some());
    }
    let (c, s) = pair(client, server);
    connect(c, s);
    assert_eq!(CLIENT_CERT_ASKED.with(Cell::get), 1);
    // SAFETY: a live connection.
    unsafe {
        assert!(!tls12_SSL_get0_peer_certificate(s).is_null());
        assert_eq!(tls12_SSL_get_verify_result(s), 0);
    }
    free(c, s, &[client, server]);
}

#[test]
fn the_client_ca_list_reaches_openssl_s_client() {
    let server = client_auth_server();
    let (accepted, out) = s_client::serve_one(server);
    assert_eq!(accepted, 1, "{out}");
    let names = out.split("Acceptable client certificate CA names").nth(1).unwrap_or_else(|| panic!("{out}"));
    assert!(names.lines().nth(1).is_some_and(|l| l.contains("CN")), "{out}");
    // SAFETY: a live context.
    unsafe { tls12_SSL_CTX_free(server) };
}

/// `SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE`.
const SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE: c_ulong = 199;

#[test]
fn a_handshake_error_entry_names_the_engine_line_that_raised_it() {
    // The server insists on a client certificate; openssl s_client sends none.
    let server = cert_ctx("rsa");
    // SAFETY: a live context and a NUL-terminated path.
    unsafe {
        assert_eq!(tls12_SSL_CTX_load_verify_locations(server, cpath("ca.pem").as_ptr(), ptr::null()), 1);
        tls12_SSL_CTX_set_verify(server, 1 | 2, None);
    }
    tls12_ERR_clear_error();
    let (accepted, out) = s_client::serve_one(server);
    assert!(accepted <= 0, "the handshake succeeded without a client certificate: {out}");
    let mut entries = Vec::new();
    loop {
        let mut file: *const c_char = ptr::null();
        let mut line: c_int = 0;
        // SAFETY: valid output slots; the file text lives until the next entry is taken.
        let code = unsafe { tls12_ERR_get_error_line(&mut file, &mut line) };
        if code == 0 {
            break;
        }
        entries.push((code & 0x7f_ffff, text(file).unwrap_or_default(), line));
    }
    let (_, file, line) = entries
        .iter()
        .find(|(reason, _, _)| *reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE)
        .unwrap_or_else(|| panic!("no 'peer did not return a certificate' entry in {entries:?}"));
    assert!(file.starts_with("src/handshake/"), "the entry points at {file}:{line}, not at the handshake");
    assert!(*line > 0, "{file}:{line}");
    // SAFETY: a live context.
    unsafe { tls12_SSL_CTX_free(server) };
}

//! The C API's stacks (`OPENSSL_sk_*` behind `sk_<type>_*`) and the functions that take
//! or return them: `SSL_get_ciphers`, the client CA list functions and
//! `SSL_load_client_CA_file`, driven as a C program would.
//!
//! Only libtls12's own symbols are used here (no OpenSSL in this binary); the
//! `openssl` command prints certificate subjects and shows what a server sends.

#[path = "common/certs.rs"]
mod certs;
#[path = "common/s_client.rs"]
mod s_client;

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_ulong, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::ptr;

use tls12::capi::bio::{tls12_BIO_new_bio_pair, Bio};
use tls12::capi::client_cert::*;
use tls12::capi::ctx::*;
use tls12::capi::err::{tls12_ERR_clear_error, tls12_ERR_get_error};
use tls12::capi::ssl::*;
use tls12::capi::stack::*;
use tls12::capi::x509::*;

const PEM: c_int = 1;
const SSL_ERROR_WANT_READ: c_int = 2;
const SSL_ERROR_WANT_WRITE: c_int = 3;
const SSL_VERIFY_PEER: c_int = 1;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cert_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    certs::ensure_test_certs(repo(), &target)
}

fn cpath(name: &str) -> CString {
    CString::new(cert_dir().join(name).to_str().unwrap()).unwrap()
}

fn text(p: *const c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: the library returns NUL-terminated strings that outlive this call.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string()
}

/// Drains this thread's error queue; true when it held an entry.
fn had_error() -> bool {
    let first = tls12_ERR_get_error();
    tls12_ERR_clear_error();
    first != 0
}

/// `sk_<type>_num` and `sk_<type>_value` as the compatibility macros expand them.
fn elements<T, E>(sk: *mut T) -> Vec<*mut E> {
    // SAFETY: `sk` is a live stack from the library.
    unsafe {
        let n = tls12_OPENSSL_sk_num(sk.cast_const().cast());
        (0..n).map(|i| tls12_OPENSSL_sk_value(sk.cast_const().cast(), i).cast()).collect()
    }
}

/// The `X509_NAME_oneline` texts of a stack of names.
fn oneline_texts(sk: *mut X509NameStack) -> Vec<String> {
    let names: Vec<*mut X509Name> = elements(sk);
    names
        .into_iter()
        .map(|n| {
            // SAFETY: a live name; the text is freed after it is copied.
            unsafe {
                let p = tls12_X509_NAME_oneline(n, ptr::null_mut(), 0);
                let t = text(p);
                libc::free(p.cast());
                t
            }
        })
        .collect()
}

/// A file holding the test root and the intermediate CA (and the root once more).
fn ca_file() -> CString {
    // Written once per test binary: tests running in parallel must never read it half
    // written.
    static PATH: std::sync::OnceLock<CString> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let dir = cert_dir();
        let path = dir.join("stacks-cas.pem");
        let mut pem = std::fs::read(dir.join("ca.pem")).unwrap();
        pem.extend(std::fs::read(dir.join("int.pem")).unwrap());
        pem.extend(std::fs::read(dir.join("ca.pem")).unwrap());
        let scratch = dir.join(format!("stacks-cas.pem.{}", std::process::id()));
        std::fs::write(&scratch, pem).unwrap();
        std::fs::rename(&scratch, &path).unwrap();
        CString::new(path.to_str().unwrap()).unwrap()
    })
    .clone()
}

/// The subjects `openssl x509 -noout -subject -nameopt compat` prints.
fn openssl_subjects() -> Vec<String> {
    openssl_subjects_as("compat")
}

/// The subjects `openssl x509 -noout -subject -nameopt <nameopt>` prints.
fn openssl_subjects_as(nameopt: &str) -> Vec<String> {
    ["ca.pem", "int.pem"]
        .iter()
        .map(|f| {
            let out = Command::new("openssl")
                .args(["x509", "-noout", "-subject", "-nameopt", nameopt, "-in"])
                .arg(cert_dir().join(f))
                .output()
                .expect("the openssl command runs");
            let line = String::from_utf8(out.stdout).unwrap();
            line.trim_end().strip_prefix("subject=").unwrap().to_string()
        })
        .collect()
}

fn new_ctx(server: bool) -> *mut SslCtx {
    // SAFETY: the methods are static.
    let ctx = unsafe { tls12_SSL_CTX_new(if server { tls12_TLS_server_method() } else { tls12_TLS_client_method() }) };
    assert!(!ctx.is_null());
    ctx
}

/// A server that asks for a client certificate, naming the CAs in [`ca_file`].
fn ca_list_server() -> *mut SslCtx {
    let ctx = new_ctx(true);
    // SAFETY: a live context and NUL-terminated paths; the list is handed over.
    unsafe {
        assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, cpath("rsa-chain.pem").as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, cpath("rsa.key").as_ptr(), PEM), 1);
        tls12_SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, None);
        let list = tls12_SSL_load_client_CA_file(ca_file().as_ptr());
        assert!(!list.is_null());
        tls12_SSL_CTX_set_client_CA_list(ctx, list);
    }
    ctx
}

#[test]
fn get_ciphers_lists_the_cipher_list_set() {
    let ctx = new_ctx(false);
    // SAFETY: live objects; the stacks belong to them and are not freed here.
    unsafe {
        let list = c"ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:ECDHE-ECDSA-CHACHA20-POLY1305";
        assert_eq!(tls12_SSL_CTX_set_cipher_list(ctx, list.as_ptr()), 1);
        let sk = tls12_SSL_CTX_get_ciphers(ctx);
        let names: Vec<String> =
            elements::<_, SslCipher>(sk).into_iter().map(|c| text(tls12_SSL_CIPHER_get_name(c))).collect();
        assert_eq!(names, ["ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA", "ECDHE-ECDSA-CHACHA20-POLY1305"]);
        assert_eq!(tls12_SSL_CTX_get_ciphers(ctx), sk, "the same stack while the list is unchanged");

        let ssl = tls12_SSL_new(ctx);
        assert_eq!(tls12_SSL_set_cipher_list(ssl, c"AES128-SHA256".as_ptr()), 1);
        let sk = tls12_SSL_get_ciphers(ssl);
        let ciphers: Vec<*mut SslCipher> = elements(sk);
        assert_eq!(ciphers.len(), 1);
        assert_eq!(text(tls12_SSL_CIPHER_get_name(ciphers[0])), text(tls12_SSL_get_cipher_list(ssl, 0)));
        assert_eq!(tls12_OPENSSL_sk_push(sk.cast(), ptr::null()), 0, "the library's stacks are read-only");
        assert!(had_error());
        tls12_SSL_free(ssl);
        tls12_SSL_CTX_free(ctx);

        assert!(tls12_SSL_CTX_get_ciphers(ptr::null()).is_null());
        assert!(had_error());
        assert!(tls12_SSL_get_ciphers(ptr::null()).is_null());
        assert!(had_error());
    }
}

#[test]
fn load_client_ca_file_reads_the_subjects_like_openssl() {
    // SAFETY: NUL-terminated paths; the stack and its names are the caller's.
    unsafe {
        let sk = tls12_SSL_load_client_CA_file(ca_file().as_ptr());
        assert_eq!(oneline_texts(sk), openssl_subjects(), "each name once, in file order");

        let names: Vec<*mut X509Name> = elements(sk);
        let mut der: *mut u8 = ptr::null_mut();
        let len = tls12_i2d_X509_NAME(names[0], &mut der);
        assert!(len > 10);
        assert_eq!(tls12_i2d_X509_NAME(names[0], ptr::null_mut()), len);
        assert_eq!(*der, 0x30, "a DER SEQUENCE");
        libc::free(der.cast());

        let copy = tls12_SSL_dup_CA_list(sk);
        assert_eq!(oneline_texts(copy), oneline_texts(sk));
        tls12_OPENSSL_sk_pop_free(copy.cast(), Some(counted_name_free));
        assert_eq!(FREED.with(Cell::get), 2);
        tls12_OPENSSL_sk_pop_free(sk.cast(), Some(name_free));

        assert!(tls12_SSL_load_client_CA_file(cpath("no-such-file.pem").as_ptr()).is_null());
        assert!(had_error());
        assert!(tls12_SSL_load_client_CA_file(cpath("rsa.key").as_ptr()).is_null(), "no certificate in it");
        assert!(had_error());
        assert!(tls12_SSL_load_client_CA_file(ptr::null()).is_null());
        assert!(had_error());
    }
}

thread_local! {
    static FREED: Cell<usize> = const { Cell::new(0) };
}

/// `X509_NAME_free` as an `OPENSSL_sk_freefunc`.
unsafe extern "C" fn name_free(p: *mut c_void) {
    // SAFETY: the stacks freed with this hold owned names.
    unsafe { tls12_X509_NAME_free(p.cast()) }
}

/// [`name_free`], counting the names freed.
unsafe extern "C" fn counted_name_free(p: *mut c_void) {
    FREED.with(|n| n.set(n.get() + 1));
    // SAFETY: as for `name_free`.
    unsafe { name_free(p) }
}

#[test]
fn stacks_of_names_are_built_pushed_and_freed() {
    // SAFETY: live objects from the library; each owned name is freed once.
    unsafe {
        let fp = libc::fopen(cpath("ca.pem").as_ptr(), c"r".as_ptr());
        let ca = tls12_PEM_read_X509(fp, ptr::null_mut(), None, ptr::null_mut());
        libc::fclose(fp);
        let subject = tls12_X509_get_subject_name(ca);

        let sk = tls12_OPENSSL_sk_new_null();
        assert_eq!(tls12_OPENSSL_sk_num(sk), 0);
        let copy = tls12_X509_NAME_dup(subject);
        assert_eq!(tls12_X509_NAME_cmp(copy, subject), 0);
        assert_eq!(tls12_OPENSSL_sk_push(sk, copy.cast()), 1);
        assert_eq!(tls12_OPENSSL_sk_push(sk, tls12_X509_NAME_dup(copy).cast()), 2);
        let second = tls12_OPENSSL_sk_value(sk, 1).cast::<X509Name>();
        assert!(second != copy && tls12_X509_NAME_cmp(second, copy) == 0);
        assert!(tls12_OPENSSL_sk_value(sk, 2).is_null());
        assert!(tls12_OPENSSL_sk_value(sk, -1).is_null());

        // A certificate's own name is not freed by X509_NAME_free.
        tls12_X509_NAME_free(subject);
        assert!(had_error());
        assert_eq!(tls12_X509_NAME_entry_count(subject), 2);

        let before = FREED.with(Cell::get);
        tls12_OPENSSL_sk_pop_free(sk, Some(counted_name_free));
        assert_eq!(FREED.with(Cell::get) - before, 2);

        let empty = tls12_OPENSSL_sk_new_null();
        tls12_OPENSSL_sk_free(empty);
        tls12_X509_free(ca);

        // NULL arguments: error entries and failure returns, no crash.
        assert_eq!(tls12_OPENSSL_sk_num(ptr::null()), -1);
        assert!(had_error());
        assert!(tls12_OPENSSL_sk_value(ptr::null(), 0).is_null());
        assert!(had_error());
        assert_eq!(tls12_OPENSSL_sk_push(ptr::null_mut(), ptr::null()), 0);
        assert!(had_error());
        tls12_OPENSSL_sk_free(ptr::null_mut());
        tls12_OPENSSL_sk_pop_free(ptr::null_mut(), Some(name_free));
        let sk = tls12_OPENSSL_sk_new_null();
        tls12_OPENSSL_sk_pop_free(sk, None);
        assert!(had_error());
        assert!(tls12_X509_NAME_dup(ptr::null()).is_null());
        assert!(had_error());
        tls12_X509_NAME_free(ptr::null_mut());
        assert_eq!(tls12_i2d_X509_NAME(ptr::null(), ptr::null_mut()), -1);
        assert!(had_error());
        assert!(tls12_SSL_dup_CA_list(ptr::null()).is_null());
        assert!(had_error());
        tls12_SSL_CTX_set_client_CA_list(ptr::null_mut(), ptr::null_mut());
        assert!(had_error());
        assert!(tls12_SSL_CTX_get_client_CA_list(ptr::null()).is_null());
        assert!(had_error());
        assert!(tls12_SSL_get_client_CA_list(ptr::null()).is_null());
        assert!(had_error());
    }
}

/// Runs both handshakes over a BIO pair until both have finished.
fn handshake(c: *mut Ssl, s: *mut Ssl) {
    let mut done = [false, false];
    for _ in 0..200 {
        for (i, ssl) in [c, s].into_iter().enumerate() {
            if done[i] {
                continue;
            }
            // SAFETY: live connections.
            let r = unsafe { tls12_SSL_do_handshake(ssl) };
            done[i] = r == 1;
            // SAFETY: a live connection.
            let e = if r == 1 { 0 } else { unsafe { tls12_SSL_get_error(ssl, r) } };
            assert!(r == 1 || e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE, "end {i} failed");
        }
        if done == [true, true] {
            return;
        }
    }
    panic!("the handshake did not finish");
}

#[test]
fn the_ca_list_set_reaches_our_client() {
    let (client, server) = (new_ctx(false), ca_list_server());
    let expected = openssl_subjects();
    // SAFETY: live objects; the stacks belong to them.
    unsafe {
        assert_eq!(oneline_texts(tls12_SSL_CTX_get_client_CA_list(server)), expected);
        let (c, s) = (tls12_SSL_new(client), tls12_SSL_new(server));
        assert_eq!(oneline_texts(tls12_SSL_get_client_CA_list(s)), expected);
        assert!(tls12_SSL_get_client_CA_list(c).is_null(), "no CertificateRequest yet");
        tls12_ERR_clear_error();
        let (mut b1, mut b2): (*mut Bio, *mut Bio) = (ptr::null_mut(), ptr::null_mut());
        assert_eq!(tls12_BIO_new_bio_pair(&mut b1, 8192, &mut b2, 8192), 1);
        tls12_SSL_set_bio(c, b1, b1);
        tls12_SSL_set_bio(s, b2, b2);
        handshake(c, s);
        assert_eq!(oneline_texts(tls12_SSL_get_client_CA_list(c)), expected);

        // A connection's own list replaces what it copied from the context.
        tls12_SSL_set_client_CA_list(s, tls12_OPENSSL_sk_new_null().cast());
        assert_eq!(tls12_OPENSSL_sk_num(tls12_SSL_get_client_CA_list(s).cast_const().cast()), 0);
        assert_eq!(oneline_texts(tls12_SSL_CTX_get_client_CA_list(server)), expected);
        tls12_SSL_CTX_set_client_CA_list(server, ptr::null_mut());
        assert_eq!(tls12_OPENSSL_sk_num(tls12_SSL_CTX_get_client_CA_list(server).cast_const().cast()), 0);
        tls12_SSL_free(c);
        tls12_SSL_free(s);
        tls12_SSL_CTX_free(client);
        tls12_SSL_CTX_free(server);
    }
}

#[test]
fn the_ca_list_set_reaches_openssl_s_client() {
    let server = ca_list_server();
    let (accepted, out) = s_client::serve_one(server);
    // SAFETY: a live context.
    unsafe { tls12_SSL_CTX_free(server) };
    assert_eq!(accepted, 1, "{out}");
    let after = out.split("Acceptable client certificate CA names").nth(1).unwrap_or_else(|| panic!("{out}"));
    let names: Vec<&str> = after.lines().skip(1).take(2).collect();
    // s_client prints the names as `-nameopt oneline` does ("O = libtls12, CN = ...").
    assert_eq!(names, openssl_subjects_as("oneline"), "{out}");
}

#[test]
fn errors_are_codes() {
    // The reason codes are readable numbers (the queue is per thread).
    tls12_ERR_clear_error();
    // SAFETY: NULL is an accepted argument.
    unsafe { tls12_OPENSSL_sk_free(ptr::null_mut()) };
    let e: c_ulong = tls12_ERR_get_error();
    assert_eq!(e, 0, "freeing NULL is not an error");
}

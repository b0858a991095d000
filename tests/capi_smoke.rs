//! Drives the exported `SSL_CTX` / `SSL` functions directly, as a C program would: a
//! client and a server over a BIO pair, handshake, data both ways (with a write that
//! has to be retried after `SSL_ERROR_WANT_WRITE`), the two-step shutdown, the SNI,
//! ALPN and verify callbacks, and NULL arguments.
//!
//! Only libtls12's own symbols are used here (no OpenSSL in this binary).

#[path = "common/certs.rs"]
mod certs;

use std::ffi::{c_char, c_int, c_uchar, c_uint, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};

use tls12::capi::bio::{tls12_BIO_new_bio_pair, Bio};
use tls12::capi::ctx::*;
use tls12::capi::err::{tls12_ERR_clear_error, tls12_ERR_get_error, tls12_ERR_peek_error};
use tls12::capi::ssl::*;
use tls12::capi::x509::{tls12_X509_STORE_CTX_get_ex_data, tls12_X509_free, X509StoreCtx};

const SSL_VERIFY_PEER: c_int = 1;
const SSL_ERROR_WANT_READ: c_int = 2;
const SSL_ERROR_WANT_WRITE: c_int = 3;
const SSL_ERROR_ZERO_RETURN: c_int = 6;
const SSL_TLSEXT_ERR_OK: c_int = 0;
const PEM: c_int = 1;

/// The test PKI (generated once into the target directory).
fn certs_dir() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    certs::ensure_test_certs(repo, &target)
}

fn cpath(name: &str) -> CString {
    CString::new(certs_dir().join(name).to_str().unwrap()).unwrap()
}

fn text(p: *const c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: the library returns NUL-terminated strings that outlive this call.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string()
}

/// A server context with the certificate chain and key `name` (e.g. "rsa").
fn server_ctx(name: &str) -> *mut SslCtx {
    // SAFETY: every pointer passed is live or NULL as the functions allow.
    unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_server_method());
        assert!(!ctx.is_null());
        assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, cpath(&format!("{name}-chain.pem")).as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, cpath(&format!("{name}.key")).as_ptr(), PEM), 1);
        assert_eq!(tls12_SSL_CTX_check_private_key(ctx), 1);
        ctx
    }
}

/// A client context trusting the test root and checking the server.
fn client_ctx() -> *mut SslCtx {
    // SAFETY: every pointer passed is live or NULL as the functions allow.
    unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_client_method());
        assert!(!ctx.is_null());
        assert_eq!(tls12_SSL_CTX_load_verify_locations(ctx, cpath("ca.pem").as_ptr(), ptr::null()), 1);
        tls12_SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, None);
        assert_eq!(tls12_SSL_CTX_get_verify_mode(ctx), SSL_VERIFY_PEER);
        ctx
    }
}

/// A client and a server connection joined by a BIO pair with small buffers.
fn pair(client: *mut SslCtx, server: *mut SslCtx) -> (*mut Ssl, *mut Ssl) {
    // SAFETY: live contexts; the BIO pair's halves are handed to the connections.
    unsafe {
        let c = tls12_SSL_new(client);
        let s = tls12_SSL_new(server);
        assert!(!c.is_null() && !s.is_null());
        let mut b1: *mut Bio = ptr::null_mut();
        let mut b2: *mut Bio = ptr::null_mut();
        assert_eq!(tls12_BIO_new_bio_pair(&mut b1, 4096, &mut b2, 4096), 1);
        tls12_SSL_set_bio(c, b1, b1);
        tls12_SSL_set_bio(s, b2, b2);
        assert_eq!(tls12_SSL_is_server(c), 0);
        assert_eq!(tls12_SSL_is_server(s), 1);
        (c, s)
    }
}

/// Runs both handshakes, non-blocking, until both are done.
fn handshake(c: *mut Ssl, s: *mut Ssl) {
    let (mut c_done, mut s_done) = (false, false);
    for _ in 0..100 {
        // SAFETY: live connections.
        unsafe {
            if !c_done {
                let r = tls12_SSL_connect(c);
                c_done = r == 1;
                if !c_done {
                    let e = tls12_SSL_get_error(c, r);
                    assert!(
                        e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE,
                        "client: SSL_get_error {e}: {}",
                        errors()
                    );
                }
            }
            if !s_done {
                let r = tls12_SSL_accept(s);
                s_done = r == 1;
                if !s_done {
                    let e = tls12_SSL_get_error(s, r);
                    assert!(
                        e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE,
                        "server: SSL_get_error {e}: {}",
                        errors()
                    );
                }
            }
        }
        if c_done && s_done {
            return;
        }
    }
    panic!("the handshake did not finish");
}

/// The error queue, drained, as text.
fn errors() -> String {
    let mut out = Vec::new();
    loop {
        let e = tls12_ERR_get_error();
        if e == 0 {
            return out.join("; ");
        }
        out.push(format!("{e:#x}"));
    }
}

#[test]
fn handshake_data_and_shutdown() {
    let (cctx, sctx) = (client_ctx(), server_ctx("rsa"));
    let (c, s) = pair(cctx, sctx);
    let host = CString::new("localhost").unwrap();
    // SAFETY: live objects and valid buffers throughout.
    unsafe {
        assert_eq!(tls12_SSL_set_tlsext_host_name(c, host.as_ptr()), 1);
        assert_eq!(tls12_SSL_in_before(c), 1);
        // Nothing to read yet: a non-blocking read on the server wants to read.
        tls12_ERR_clear_error();
        assert_eq!(tls12_SSL_do_handshake(s), -1);
        assert_eq!(tls12_SSL_get_error(s, -1), SSL_ERROR_WANT_READ);

        handshake(c, s);
        assert_eq!(tls12_SSL_is_init_finished(c), 1);
        assert_eq!(tls12_SSL_in_init(s), 0);
        assert_eq!(text(tls12_SSL_get_version(c)), "TLSv1.2");
        assert_eq!(tls12_SSL_version(c), 0x0303);
        assert_eq!(tls12_SSL_get_verify_result(c), 0);
        assert_eq!(text(tls12_SSL_get_servername(s, 0)), "localhost");
        let cipher = tls12_SSL_get_current_cipher(c);
        assert!(text(tls12_SSL_CIPHER_get_name(cipher)).starts_with("ECDHE-RSA-"));
        assert!(text(tls12_SSL_CIPHER_standard_name(cipher)).starts_with("TLS_ECDHE_RSA_"));
        assert_eq!(tls12_SSL_CIPHER_get_id(cipher) >> 16, 0x0300);
        assert_ne!(tls12_SSL_get_negotiated_group(c), 0);
        let peer = tls12_SSL_get1_peer_certificate(c);
        assert!(!peer.is_null());
        tls12_X509_free(peer);
        assert!(tls12_SSL_get0_peer_certificate(s).is_null());

        // Client to server.
        let msg = b"hello over TLS 1.2";
        assert_eq!(tls12_SSL_write(c, msg.as_ptr().cast(), msg.len() as c_int), msg.len() as c_int);
        let mut buf = [0u8; 64];
        assert_eq!(tls12_SSL_peek(s, buf.as_mut_ptr().cast(), 5), 5);
        assert_eq!(&buf[..5], b"hello");
        assert_eq!(tls12_SSL_pending(s) as usize, msg.len());
        let n = tls12_SSL_read(s, buf.as_mut_ptr().cast(), buf.len() as c_int);
        assert_eq!(&buf[..n as usize], msg);
        assert_eq!(tls12_SSL_read(s, buf.as_mut_ptr().cast(), buf.len() as c_int), -1);
        assert_eq!(tls12_SSL_get_error(s, -1), SSL_ERROR_WANT_READ);

        // Server to client: more than the pair holds, so the write must be retried
        // with the same arguments after SSL_ERROR_WANT_WRITE.
        let big: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut got = Vec::new();
        let mut wrote = false;
        let mut retries = 0;
        let mut rbuf = vec![0u8; 8192];
        while !wrote || got.len() < big.len() {
            if !wrote {
                let r = tls12_SSL_write(s, big.as_ptr().cast(), big.len() as c_int);
                if r > 0 {
                    assert_eq!(r as usize, big.len());
                    wrote = true;
                } else {
                    assert_eq!(tls12_SSL_get_error(s, r), SSL_ERROR_WANT_WRITE);
                    retries += 1;
                }
            }
            let mut n = 0usize;
            if tls12_SSL_read_ex(c, rbuf.as_mut_ptr().cast(), rbuf.len(), &mut n) == 1 {
                got.extend_from_slice(&rbuf[..n]);
            } else {
                assert_eq!(tls12_SSL_get_error(c, 0), SSL_ERROR_WANT_READ);
            }
        }
        assert!(retries > 0);
        assert!(got == big);

        // Shutdown: the client closes first.
        assert_eq!(tls12_SSL_shutdown(c), 0);
        assert_eq!(tls12_SSL_get_shutdown(c), 1);
        assert_eq!(tls12_SSL_read(s, buf.as_mut_ptr().cast(), buf.len() as c_int), 0);
        assert_eq!(tls12_SSL_get_error(s, 0), SSL_ERROR_ZERO_RETURN);
        assert_eq!(tls12_SSL_shutdown(s), 1);
        assert_eq!(tls12_SSL_shutdown(c), 1);
        assert_eq!(tls12_SSL_get_shutdown(c), 3);

        tls12_SSL_free(c);
        tls12_SSL_free(s);
        tls12_SSL_CTX_free(cctx);
        tls12_SSL_CTX_free(sctx);
    }
}

static VERIFY_CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn verify_cb(preverify_ok: c_int, store: *mut X509StoreCtx) -> c_int {
    VERIFY_CALLS.fetch_add(1, Ordering::SeqCst);
    // SAFETY: the store context is live during the callback; index 0 holds the SSL.
    let ssl = unsafe { tls12_X509_STORE_CTX_get_ex_data(store, 0) };
    assert!(!ssl.is_null());
    preverify_ok
}

unsafe extern "C" fn servername_cb(ssl: *mut Ssl, _al: *mut c_int, arg: *mut c_void) -> c_int {
    // SAFETY: the SSL is live during the callback; `arg` is the ECDSA context.
    unsafe {
        assert_eq!(text(tls12_SSL_get_servername(ssl, 0)), "server.test");
        assert_eq!(tls12_SSL_set_SSL_CTX(ssl, arg.cast()), arg.cast());
    }
    SSL_TLSEXT_ERR_OK
}

unsafe extern "C" fn alpn_cb(
    _ssl: *mut Ssl,
    out: *mut *const c_uchar,
    outlen: *mut c_uchar,
    input: *const c_uchar,
    inlen: c_uint,
    _arg: *mut c_void,
) -> c_int {
    // SAFETY: `input` has `inlen` bytes; the outputs are writable.
    unsafe {
        let offered = std::slice::from_raw_parts(input, inlen as usize);
        assert_eq!(offered, b"\x08http/1.1\x02h2");
        *out = input.add(10);
        *outlen = 2;
    }
    SSL_TLSEXT_ERR_OK
}

#[test]
fn callbacks_switch_context_and_choose_protocol() {
    let cctx = client_ctx();
    let (sctx, ecdsa) = (server_ctx("rsa"), server_ctx("ecdsa"));
    let host = CString::new("server.test").unwrap();
    // SAFETY: live objects and valid buffers throughout; the callbacks match the types.
    unsafe {
        tls12_SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, Some(verify_cb));
        assert_eq!(tls12_SSL_CTX_set_alpn_protos(cctx, b"\x08http/1.1\x02h2".as_ptr(), 12), 0);
        assert_eq!(tls12_SSL_CTX_set_tlsext_servername_callback(sctx, Some(servername_cb)), 1);
        assert_eq!(tls12_SSL_CTX_set_tlsext_servername_arg(sctx, ecdsa.cast()), 1);
        // As in OpenSSL, the ALPN callback of the context switched to is the one called.
        tls12_SSL_CTX_set_alpn_select_cb(ecdsa, Some(alpn_cb), ptr::null_mut());
        let (c, s) = pair(cctx, sctx);
        assert_eq!(tls12_SSL_set_tlsext_host_name(c, host.as_ptr()), 1);
        handshake(c, s);
        assert_eq!(tls12_SSL_get_SSL_CTX(s), ecdsa);
        assert!(text(tls12_SSL_CIPHER_get_name(tls12_SSL_get_current_cipher(c))).starts_with("ECDHE-ECDSA-"));
        let (mut p, mut n) = (ptr::null(), 0);
        tls12_SSL_get0_alpn_selected(c, &mut p, &mut n);
        assert!(!p.is_null());
        assert_eq!(std::slice::from_raw_parts(p, n as usize), b"h2");
        assert!(VERIFY_CALLS.load(Ordering::SeqCst) >= 2, "one call per certificate of the chain");
        assert_eq!(tls12_SSL_get_verify_result(c), 0);
        tls12_SSL_free(c);
        tls12_SSL_free(s);
        tls12_SSL_CTX_free(cctx);
        tls12_SSL_CTX_free(sctx);
        tls12_SSL_CTX_free(ecdsa);
    }
}

#[test]
fn null_arguments_are_errors() {
    tls12_ERR_clear_error();
    let mut buf = [0u8; 8];
    // SAFETY: NULL handles are what is being tested; buffers are valid.
    unsafe {
        assert!(tls12_SSL_CTX_new(ptr::null()).is_null());
        assert_ne!(tls12_ERR_get_error(), 0);
        assert!(tls12_SSL_new(ptr::null_mut()).is_null());
        assert_ne!(tls12_ERR_get_error(), 0);
        assert_eq!(tls12_SSL_read(ptr::null_mut(), buf.as_mut_ptr().cast(), 8), -1);
        assert_eq!(tls12_SSL_write(ptr::null_mut(), buf.as_ptr().cast(), 8), -1);
        assert_eq!(tls12_SSL_connect(ptr::null_mut()), -1);
        assert_eq!(tls12_SSL_shutdown(ptr::null_mut()), -1);
        assert_eq!(tls12_SSL_set_fd(ptr::null_mut(), 0), 0);
        assert_eq!(tls12_SSL_CTX_set_cipher_list(ptr::null_mut(), c"DEFAULT".as_ptr()), 0);
        assert_ne!(tls12_ERR_peek_error(), 0);
        tls12_ERR_clear_error();
        tls12_SSL_free(ptr::null_mut());
        tls12_SSL_CTX_free(ptr::null_mut());

        let ctx = tls12_SSL_CTX_new(tls12_TLS_method());
        assert_eq!(tls12_SSL_CTX_set_cipher_list(ctx, ptr::null()), 0);
        assert_ne!(tls12_ERR_get_error(), 0);
        assert_eq!(tls12_SSL_CTX_set_cipher_list(ctx, c"NO-SUCH-CIPHER".as_ptr()), 0);
        assert_eq!(tls12_ERR_get_error() & 0xfff, 185);
        assert_eq!(tls12_SSL_CTX_use_certificate_file(ctx, c"/no/such/file.pem".as_ptr(), PEM), 0);
        assert_ne!(tls12_ERR_get_error(), 0);
        assert_eq!(tls12_SSL_CTX_set_min_proto_version(ctx, 0x0304), 0);
        assert_ne!(tls12_ERR_get_error(), 0);
        assert_eq!(tls12_SSL_CTX_set_max_proto_version(ctx, 0x0302), 1);

        // A range without TLS 1.2 fails at the handshake; a TLS_method connection
        // needs a role first.
        let ssl = tls12_SSL_new(ctx);
        assert_eq!(tls12_SSL_do_handshake(ssl), -1);
        assert_eq!(tls12_SSL_get_error(ssl, -1), 1);
        tls12_ERR_clear_error();
        assert_eq!(tls12_SSL_connect(ssl), -1);
        assert_eq!(tls12_ERR_get_error() & 0xfff, 191);
        tls12_SSL_free(ssl);
        tls12_SSL_CTX_free(ctx);
    }
}

#[test]
fn partial_writes_and_end_of_stream() {
    const SSL_MODE_ENABLE_PARTIAL_WRITE: std::ffi::c_long = 1;
    const SSL_OP_IGNORE_UNEXPECTED_EOF: u64 = 1 << 7;
    const SSL_ERROR_SSL: c_int = 1;
    let (cctx, sctx) = (client_ctx(), server_ctx("ecdsa"));
    let host = CString::new("localhost").unwrap();
    // SAFETY: live objects and valid buffers throughout.
    unsafe {
        for ignore_eof in [false, true] {
            let (c, s) = pair(cctx, sctx);
            assert_eq!(tls12_SSL_set_tlsext_host_name(c, host.as_ptr()), 1);
            handshake(c, s);
            // With partial writes a write reports each record as it goes out.
            assert_eq!(tls12_SSL_set_mode(s, SSL_MODE_ENABLE_PARTIAL_WRITE) & SSL_MODE_ENABLE_PARTIAL_WRITE, 1);
            let data = vec![7u8; 40_000];
            let mut buf = vec![0u8; 40_000];
            let mut r = -1;
            let mut waited = false;
            while r < 0 {
                r = tls12_SSL_write(s, data.as_ptr().cast(), data.len() as c_int);
                if r < 0 {
                    assert_eq!(tls12_SSL_get_error(s, r), SSL_ERROR_WANT_WRITE);
                    waited = true;
                    // The client takes what arrived (not a whole record yet).
                    assert_eq!(tls12_SSL_read(c, buf.as_mut_ptr().cast(), buf.len() as c_int), -1);
                }
            }
            assert!(waited);
            assert_eq!(r, 16384, "one record at a time");

            // The client goes away without close_notify.
            if ignore_eof {
                tls12_SSL_set_options(s, SSL_OP_IGNORE_UNEXPECTED_EOF);
            }
            tls12_SSL_free(c);
            tls12_ERR_clear_error();
            let mut r = 1;
            while r > 0 {
                r = tls12_SSL_read(s, buf.as_mut_ptr().cast(), buf.len() as c_int);
            }
            assert_eq!(r, 0);
            if ignore_eof {
                assert_eq!(tls12_SSL_get_error(s, r), SSL_ERROR_ZERO_RETURN);
            } else {
                assert_eq!(tls12_SSL_get_error(s, r), SSL_ERROR_SSL);
                assert_eq!(tls12_ERR_get_error() & 0xfff, 294, "unexpected eof while reading");
            }
            tls12_SSL_free(s);
        }
        tls12_SSL_CTX_free(cctx);
        tls12_SSL_CTX_free(sctx);
    }
}

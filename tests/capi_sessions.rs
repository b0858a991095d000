//! Session resumption through the exported C functions, as a C program would use them:
//! by session ID and by ticket, `i2d`/`d2i` and PEM round trips (a client resuming
//! from a decoded session, as after a restart), cache statistics, flushing, adding and
//! removing sessions, `SSL_OP_NO_TICKET` on either side, expiry, the external cache
//! callbacks, ticket keys and key files, and NULL arguments.
//!
//! Only libtls12's own symbols are used here (no OpenSSL in this binary).

#[path = "common/certs.rs"]
mod certs;

use std::collections::HashMap;
use std::ffi::{c_int, c_uchar, c_void, CString};
use std::path::{Path, PathBuf};
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use tls12::capi::bio::{tls12_BIO_free, tls12_BIO_new, tls12_BIO_new_bio_pair, tls12_BIO_s_mem, Bio};
use tls12::capi::ctx::*;
use tls12::capi::err::{tls12_ERR_clear_error, tls12_ERR_get_error};
use tls12::capi::ssl::*;

const SSL_VERIFY_PEER: c_int = 1;
const SSL_ERROR_WANT_READ: c_int = 2;
const SSL_ERROR_WANT_WRITE: c_int = 3;
const PEM: c_int = 1;
const SSL_OP_NO_TICKET: u64 = 0x4000;
const SSL_SESS_CACHE_OFF: i64 = 0;
const SSL_SESS_CACHE_CLIENT: i64 = 1;
const SSL_SESS_CACHE_SERVER: i64 = 2;
const SSL_SESS_CACHE_NO_AUTO_CLEAR: i64 = 0x80;
const SSL_SESS_CACHE_NO_INTERNAL: i64 = 0x300;

/// The path of a file of the test PKI (generated once into the target directory).
fn cpath(name: &str) -> CString {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    let dir = certs::ensure_test_certs(repo, &target);
    CString::new(dir.join(name).to_str().unwrap()).unwrap()
}

/// A server context with the RSA chain of the test PKI.
fn server_ctx() -> *mut SslCtx {
    // SAFETY: every pointer passed is live or NULL as the functions allow.
    unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_server_method());
        assert!(!ctx.is_null());
        assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, cpath("rsa-chain.pem").as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, cpath("rsa.key").as_ptr(), PEM), 1);
        ctx
    }
}

/// A client context trusting the test root.
fn client_ctx() -> *mut SslCtx {
    // SAFETY: every pointer passed is live or NULL as the functions allow.
    unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_client_method());
        assert!(!ctx.is_null());
        assert_eq!(tls12_SSL_CTX_load_verify_locations(ctx, cpath("ca.pem").as_ptr(), ptr::null()), 1);
        tls12_SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, None);
        ctx
    }
}

/// The error queue, drained, as text.
fn errors() -> String {
    std::iter::from_fn(|| Some(tls12_ERR_get_error()).filter(|&e| e != 0)).map(|e| format!("{e:#x}")).collect()
}

/// One connection between `client` and `server` offering `offer` (if not NULL); returns
/// whether the client and the server report a resumed session, and the client's
/// session (owned by the caller).
fn connect(client: *mut SslCtx, server: *mut SslCtx, offer: *mut SslSession) -> (bool, bool, *mut SslSession) {
    // SAFETY: live contexts; the BIO pair's halves are handed to the connections.
    unsafe {
        let c = tls12_SSL_new(client);
        let s = tls12_SSL_new(server);
        let (mut b1, mut b2): (*mut Bio, *mut Bio) = (ptr::null_mut(), ptr::null_mut());
        assert_eq!(tls12_BIO_new_bio_pair(&mut b1, 0, &mut b2, 0), 1);
        tls12_SSL_set_bio(c, b1, b1);
        tls12_SSL_set_bio(s, b2, b2);
        if !offer.is_null() {
            assert_eq!(tls12_SSL_set_session(c, offer), 1);
            assert_eq!(tls12_SSL_get_session(c), offer, "before the handshake: the session set");
        }
        let (mut c_done, mut s_done) = (false, false);
        for _ in 0..50 {
            if c_done && s_done {
                break;
            }
            for (ssl, done, step) in [
                (c, &mut c_done, tls12_SSL_connect as unsafe extern "C" fn(*mut Ssl) -> c_int),
                (s, &mut s_done, tls12_SSL_accept),
            ] {
                if !*done {
                    let r = step(ssl);
                    *done = r == 1;
                    let e = tls12_SSL_get_error(ssl, r);
                    assert!(*done || e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE, "error {e}: {}", errors());
                }
            }
        }
        assert!(c_done && s_done, "the handshake did not finish");
        let reused = (tls12_SSL_session_reused(c) == 1, tls12_SSL_session_reused(s) == 1);
        let session = tls12_SSL_get1_session(c);
        assert!(!session.is_null());
        assert_eq!(tls12_SSL_get_session(c), session, "get0 and get1 give the same session");
        let server_session = tls12_SSL_get_session(s);
        assert!(!server_session.is_null());
        let (mut n1, mut n2) = (0u32, 0u32);
        let (id1, id2) =
            (tls12_SSL_SESSION_get_id(session, &mut n1), tls12_SSL_SESSION_get_id(server_session, &mut n2));
        if n2 > 0 && tls12_SSL_SESSION_has_ticket(session) == 0 {
            assert_eq!(std::slice::from_raw_parts(id1, n1 as usize), std::slice::from_raw_parts(id2, n2 as usize));
        }
        tls12_SSL_free(c);
        tls12_SSL_free(s);
        (reused.0, reused.1, session)
    }
}

/// The DER encoding of a session.
fn der(session: *const SslSession) -> Vec<u8> {
    // SAFETY: a live session; the buffer is allocated by the library and freed here.
    unsafe {
        let len = tls12_i2d_SSL_SESSION(session, ptr::null_mut());
        assert!(len > 100, "{len}");
        let mut out: *mut c_uchar = ptr::null_mut();
        assert_eq!(tls12_i2d_SSL_SESSION(session, &mut out), len);
        let bytes = std::slice::from_raw_parts(out, len as usize).to_vec();
        tls12::capi::tls12_CRYPTO_free(out.cast(), ptr::null(), 0);
        bytes
    }
}

#[test]
fn resumption_by_session_id() {
    let (cctx, sctx) = (client_ctx(), server_ctx());
    // SAFETY: live contexts and sessions throughout.
    unsafe {
        tls12_SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
        assert_eq!(tls12_SSL_CTX_get_session_cache_mode(sctx), SSL_SESS_CACHE_SERVER);
        let (c, s, first) = connect(cctx, sctx, ptr::null_mut());
        assert!(!c && !s);
        let mut len = 0;
        assert!(!tls12_SSL_SESSION_get_id(first, &mut len).is_null());
        assert_eq!(len, 32);
        assert_eq!(tls12_SSL_SESSION_has_ticket(first), 0);
        assert_eq!(tls12_SSL_SESSION_is_resumable(first), 1);
        assert_eq!(tls12_SSL_SESSION_get_master_key(first, ptr::null_mut(), 0), 48);
        let mut secret = [0u8; 48];
        assert_eq!(tls12_SSL_SESSION_get_master_key(first, secret.as_mut_ptr(), 100), 48);
        assert_ne!(secret, [0u8; 48]);
        assert_eq!(tls12_SSL_SESSION_get_timeout(first), 7200);
        let age = tls12::internal::session::now() as i64 - tls12_SSL_SESSION_get_time(first);
        assert!((0..5).contains(&age));

        let (c, s, second) = connect(cctx, sctx, first);
        assert!(c && s, "resumed on both sides");
        let mut master = [0u8; 48];
        tls12_SSL_SESSION_get_master_key(second, master.as_mut_ptr(), 48);
        assert_eq!(master, secret, "the same master secret");
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 1);
        assert_eq!(tls12_SSL_CTX_sess_hits(sctx), 1);
        assert_eq!(tls12_SSL_CTX_sess_misses(sctx), 0);
        assert_eq!((tls12_SSL_CTX_sess_accept(sctx), tls12_SSL_CTX_sess_accept_good(sctx)), (2, 2));
        assert_eq!((tls12_SSL_CTX_sess_connect(cctx), tls12_SSL_CTX_sess_connect_good(cctx)), (2, 2));
        // The client counts the resumption too, as OpenSSL's client does.
        assert_eq!((tls12_SSL_CTX_sess_hits(cctx), tls12_SSL_CTX_sess_misses(cctx)), (1, 0));
        assert_eq!(tls12_SSL_CTX_sess_accept_renegotiate(sctx) + tls12_SSL_CTX_sess_cb_hits(sctx), 0);
        tls12_SSL_SESSION_free(second);

        // Taken out of the server's cache, the session no longer resumes.
        assert_eq!(tls12_SSL_CTX_remove_session(sctx, first), 1);
        assert_eq!(tls12_SSL_CTX_remove_session(sctx, first), 0);
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 0);
        let (c, s, third) = connect(cctx, sctx, first);
        assert!(!c && !s);
        assert_eq!(tls12_SSL_CTX_sess_misses(sctx), 1);
        // An offered session the server did not resume is the client's miss.
        assert_eq!((tls12_SSL_CTX_sess_hits(cctx), tls12_SSL_CTX_sess_misses(cctx)), (1, 1));
        // Put back, it does again; adding the same session twice reports 0.
        assert_eq!(tls12_SSL_CTX_add_session(sctx, first), 1);
        assert_eq!(tls12_SSL_CTX_add_session(sctx, first), 0);
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 2);
        let (c, _, fourth) = connect(cctx, sctx, first);
        assert!(c);
        // Flushing at time 0 empties the cache.
        tls12_SSL_CTX_flush_sessions(sctx, 0);
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 0);
        for session in [first, third, fourth] {
            tls12_SSL_SESSION_free(session);
        }
        tls12_SSL_CTX_free(cctx);
        tls12_SSL_CTX_free(sctx);
    }
}

#[test]
fn resumption_by_ticket_and_no_ticket_on_either_side() {
    let (cctx, sctx) = (client_ctx(), server_ctx());
    // SAFETY: live contexts and sessions throughout.
    unsafe {
        // No server cache: only the ticket can resume.
        assert_eq!(tls12_SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_OFF), SSL_SESS_CACHE_SERVER);
        assert_eq!(tls12_SSL_CTX_set_timeout(sctx, 600), 7200);
        assert_eq!(tls12_SSL_CTX_get_timeout(sctx), 600);
        let (_, _, first) = connect(cctx, sctx, ptr::null_mut());
        assert_eq!(tls12_SSL_SESSION_has_ticket(first), 1);
        assert_eq!(tls12_SSL_SESSION_get_ticket_lifetime_hint(first), 600);
        let (mut tick, mut len): (*const c_uchar, usize) = (ptr::null(), 0);
        tls12_SSL_SESSION_get0_ticket(first, &mut tick, &mut len);
        assert!(!tick.is_null() && len > 100);
        let (c, s, second) = connect(cctx, sctx, first);
        assert!(c && s);
        assert_eq!(tls12_SSL_CTX_sess_hits(sctx), 1);
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 0);
        tls12_SSL_SESSION_free(second);

        // The client says SSL_OP_NO_TICKET: it neither asks for nor offers tickets.
        let no_ticket_client = client_ctx();
        tls12_SSL_CTX_set_options(no_ticket_client, SSL_OP_NO_TICKET);
        let (c, _, plain) = connect(no_ticket_client, sctx, first);
        assert!(!c, "a ticket is not offered, and the server has no cache");
        assert_eq!(tls12_SSL_SESSION_has_ticket(plain), 0);
        // The server says it: no ticket is issued, and none is accepted.
        tls12_SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
        let (c, _, third) = connect(cctx, sctx, first);
        assert!(!c);
        assert_eq!(tls12_SSL_SESSION_has_ticket(third), 0);
        for session in [first, plain, third] {
            tls12_SSL_SESSION_free(session);
        }
        for ctx in [cctx, sctx, no_ticket_client] {
            tls12_SSL_CTX_free(ctx);
        }
    }
}

#[test]
fn der_and_pem_round_trips_resume() {
    let (cctx, sctx) = (client_ctx(), server_ctx());
    // SAFETY: live objects and valid buffers throughout.
    unsafe {
        let (_, _, first) = connect(cctx, sctx, ptr::null_mut());
        let encoded = der(first);

        // d2i reads one session from a longer buffer and advances the pointer.
        let mut buf = encoded.clone();
        buf.extend_from_slice(b"trailing");
        let mut p = buf.as_ptr();
        let mut slot: *mut SslSession = ptr::null_mut();
        let decoded = tls12_d2i_SSL_SESSION(&mut slot, &mut p, buf.len() as _);
        assert!(!decoded.is_null());
        assert_eq!(slot, decoded);
        assert_eq!(p, buf.as_ptr().add(encoded.len()));
        assert_eq!(der(decoded), encoded);
        // A client "after a restart": the decoded session resumes.
        let (c, s, second) = connect(cctx, sctx, decoded);
        assert!(c && s);
        tls12_SSL_SESSION_free(second);
        tls12_SSL_SESSION_free(decoded);

        // Damaged input fails with an error entry, never a crash.
        tls12_ERR_clear_error();
        let mut damaged = encoded.clone();
        damaged[4] ^= 0xff;
        for input in [&damaged[..], &encoded[..encoded.len() - 1], b"\x30\x00", b""] {
            let mut p = input.as_ptr();
            assert!(tls12_d2i_SSL_SESSION(ptr::null_mut(), &mut p, input.len() as _).is_null());
            assert_eq!(p, input.as_ptr(), "the pointer stays on failure");
        }
        assert_ne!(tls12_ERR_get_error(), 0);
        tls12_ERR_clear_error();

        // PEM through a memory BIO.
        let bio = tls12_BIO_new(tls12_BIO_s_mem());
        assert_eq!(tls12_PEM_write_bio_SSL_SESSION(bio, first), 1);
        let from_bio = tls12_PEM_read_bio_SSL_SESSION(bio, ptr::null_mut(), None, ptr::null_mut());
        assert!(!from_bio.is_null());
        assert_eq!(der(from_bio), encoded);
        // The end of the input: PEM's "no start line" (library 9, reason 108).
        assert!(tls12_PEM_read_bio_SSL_SESSION(bio, ptr::null_mut(), None, ptr::null_mut()).is_null());
        assert_eq!(tls12_ERR_get_error(), (9 << 23) | 108);
        tls12_BIO_free(bio);
        tls12_SSL_SESSION_free(from_bio);

        // PEM through a file, as `openssl s_client -sess_out` / `-sess_in` use it.
        let path = std::env::temp_dir().join(format!("tls12-session-{}.pem", std::process::id()));
        let cpath = CString::new(path.to_str().unwrap()).unwrap();
        let fp = libc::fopen(cpath.as_ptr(), c"w".as_ptr());
        assert_eq!(tls12_PEM_write_SSL_SESSION(fp, first), 1);
        libc::fclose(fp);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("-----BEGIN SSL SESSION PARAMETERS-----\n"), "{text}");
        let fp = libc::fopen(cpath.as_ptr(), c"r".as_ptr());
        let mut slot: *mut SslSession = ptr::null_mut();
        let from_file = tls12_PEM_read_SSL_SESSION(fp, &mut slot, None, ptr::null_mut());
        libc::fclose(fp);
        std::fs::remove_file(&path).unwrap();
        assert!(!from_file.is_null() && slot == from_file);
        let (c, s, third) = connect(cctx, sctx, from_file);
        assert!(c && s);
        for session in [first, from_file, third] {
            tls12_SSL_SESSION_free(session);
        }
        tls12_SSL_CTX_free(cctx);
        tls12_SSL_CTX_free(sctx);
    }
}

#[test]
fn expired_sessions_are_not_resumed() {
    let (cctx, sctx) = (client_ctx(), server_ctx());
    // SAFETY: live contexts and sessions throughout.
    unsafe {
        tls12_SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
        tls12_SSL_CTX_set_timeout(sctx, 1);
        let (_, _, first) = connect(cctx, sctx, ptr::null_mut());
        assert_eq!(tls12_SSL_SESSION_get_timeout(first), 7200, "the client's own lifetime");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        // The client's copy says it may still be used, so it offers it; the server's
        // has expired: a timeout and a miss, and a full handshake.
        assert_eq!(tls12_SSL_SESSION_set_timeout(first, 3600), 1);
        assert_eq!(tls12_SSL_SESSION_get_timeout(first), 3600);
        assert_eq!(tls12_SSL_SESSION_set_timeout(first, -1), 0);
        assert_ne!(tls12_ERR_get_error(), 0);
        let (c, s, second) = connect(cctx, sctx, first);
        assert!(!c && !s);
        assert_eq!((tls12_SSL_CTX_sess_timeouts(sctx), tls12_SSL_CTX_sess_misses(sctx)), (1, 1));
        // A client does not offer a session it knows has expired.
        let (c, _, third) = connect(cctx, sctx, second);
        assert!(c, "the new session is fresh");
        assert_eq!(tls12_SSL_SESSION_set_timeout(third, 0), 1);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let before = tls12_SSL_CTX_sess_misses(sctx);
        let (c, _, fourth) = connect(cctx, sctx, third);
        assert!(!c);
        assert_eq!(tls12_SSL_CTX_sess_misses(sctx), before, "nothing was offered");
        // Flushing at a time removes what has expired by then.
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 2);
        tls12_SSL_CTX_flush_sessions(sctx, (tls12::internal::session::now() + 10) as _);
        assert_eq!(tls12_SSL_CTX_sess_number(sctx), 0);
        for session in [first, second, third, fourth] {
            tls12_SSL_SESSION_free(session);
        }
        tls12_SSL_CTX_free(cctx);
        tls12_SSL_CTX_free(sctx);
    }
}

/// What the callbacks of one context saw, reached through its app data.
#[derive(Default)]
struct Recorder {
    /// Sessions the new-session callback kept, by ID, in DER (an "external cache").
    external: Mutex<HashMap<Vec<u8>, Vec<u8>>>,
    /// Sessions the new-session callback kept a reference to.
    kept: Mutex<Vec<usize>>,
    new: AtomicUsize,
    get: AtomicUsize,
    removed: AtomicUsize,
}

/// The recorder of the context `ctx`.
///
/// # Safety
/// `ctx` is a live context whose app data is a `Recorder` that outlives `'a`.
unsafe fn recorder<'a>(ctx: *mut SslCtx) -> &'a Recorder {
    // SAFETY: as the caller promises.
    unsafe { &*tls12_SSL_CTX_get_app_data(ctx).cast::<Recorder>() }
}

unsafe extern "C" fn new_cb(ssl: *mut Ssl, sess: *mut SslSession) -> c_int {
    // SAFETY: the library passes a live connection and session.
    unsafe {
        let r = recorder(tls12_SSL_get_SSL_CTX(ssl));
        r.new.fetch_add(1, Ordering::SeqCst);
        let mut len = 0;
        let id = tls12_SSL_SESSION_get_id(sess, &mut len);
        let id = std::slice::from_raw_parts(id, len as usize).to_vec();
        r.external.lock().unwrap().insert(id, der(sess));
        r.kept.lock().unwrap().push(sess as usize);
        1
    }
}

unsafe extern "C" fn get_cb(ssl: *mut Ssl, data: *const c_uchar, len: c_int, copy: *mut c_int) -> *mut SslSession {
    // SAFETY: the library passes a live connection and `len` bytes of ID.
    unsafe {
        let r = recorder(tls12_SSL_get_SSL_CTX(ssl));
        r.get.fetch_add(1, Ordering::SeqCst);
        if *copy != 1 {
            return ptr::null_mut();
        }
        let id = std::slice::from_raw_parts(data, len as usize);
        let Some(encoded) = r.external.lock().unwrap().get(id).cloned() else { return ptr::null_mut() };
        let mut p = encoded.as_ptr();
        *copy = 0;
        tls12_d2i_SSL_SESSION(ptr::null_mut(), &mut p, encoded.len() as _)
    }
}

unsafe extern "C" fn remove_cb(ctx: *mut SslCtx, sess: *mut SslSession) {
    // SAFETY: the library passes a live context and session.
    unsafe {
        // (No assertions in a callback: a panic cannot cross the C boundary.)
        if tls12_SSL_SESSION_is_resumable(sess) == 1 {
            recorder(ctx).removed.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[test]
fn external_cache_callbacks() {
    let recorder_box = Box::new(Recorder::default());
    let r: *const Recorder = &*recorder_box;
    let (cctx, a, b) = (client_ctx(), server_ctx(), server_ctx());
    // SAFETY: live contexts and sessions throughout; the recorder outlives them.
    unsafe {
        for ctx in [a, b] {
            tls12_SSL_CTX_set_app_data(ctx, r.cast_mut().cast::<c_void>());
            tls12_SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
            tls12_SSL_CTX_sess_set_new_cb(ctx, Some(new_cb));
            tls12_SSL_CTX_sess_set_get_cb(ctx, Some(get_cb));
            tls12_SSL_CTX_sess_set_remove_cb(ctx, Some(remove_cb));
            assert_eq!(tls12_SSL_CTX_set_session_id_context(ctx, b"fleet".as_ptr(), 5), 1);
        }
        assert!(tls12_SSL_CTX_sess_get_new_cb(a).is_some());
        assert!(tls12_SSL_CTX_sess_get_get_cb(a).is_some() && tls12_SSL_CTX_sess_get_remove_cb(a).is_some());
        assert!(tls12_SSL_CTX_sess_get_new_cb(cctx).is_none());
        // B keeps nothing itself: every session comes from the external cache.
        tls12_SSL_CTX_set_session_cache_mode(b, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);

        let (_, _, first) = connect(cctx, a, ptr::null_mut());
        let rec = &*r;
        assert_eq!(rec.new.load(Ordering::SeqCst), 1);
        let (c, s, second) = connect(cctx, b, first);
        assert!(c && s, "B resumes A's session from the external cache: {}", errors());
        assert_eq!(rec.get.load(Ordering::SeqCst), 1);
        assert_eq!(tls12_SSL_CTX_sess_cb_hits(b), 1);
        assert_eq!(tls12_SSL_CTX_sess_number(b), 0);
        // Another session id context does not resume it.
        let other = server_ctx();
        tls12_SSL_CTX_set_app_data(other, r.cast_mut().cast::<c_void>());
        tls12_SSL_CTX_sess_set_get_cb(other, Some(get_cb));
        tls12_SSL_CTX_set_session_cache_mode(other, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
        let (c, _, third) = connect(cctx, other, first);
        assert!(!c);

        // The remove callback hears of flushed and evicted sessions.
        assert_eq!(tls12_SSL_CTX_sess_number(a), 1);
        tls12_SSL_CTX_flush_sessions(a, 0);
        assert_eq!(rec.removed.load(Ordering::SeqCst), 1);
        assert_eq!(tls12_SSL_CTX_sess_set_cache_size(a, 1), 20480);
        assert_eq!(tls12_SSL_CTX_sess_get_cache_size(a), 1);
        for _ in 0..2 {
            let (_, _, s) = connect(cctx, a, ptr::null_mut());
            tls12_SSL_SESSION_free(s);
        }
        assert_eq!(tls12_SSL_CTX_sess_cache_full(a), 1);
        assert_eq!(rec.removed.load(Ordering::SeqCst), 2);

        // A client with SSL_SESS_CACHE_CLIENT reports its sessions too, and keeps them.
        let client_rec = Box::new(Recorder::default());
        tls12_SSL_CTX_set_app_data(cctx, (&*client_rec as *const Recorder).cast_mut().cast::<c_void>());
        tls12_SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
        tls12_SSL_CTX_sess_set_new_cb(cctx, Some(new_cb));
        let (_, _, fourth) = connect(cctx, a, ptr::null_mut());
        assert_eq!(client_rec.new.load(Ordering::SeqCst), 1);
        assert_eq!(tls12_SSL_CTX_sess_number(cctx), 1);

        for kept in rec.kept.lock().unwrap().iter().chain(client_rec.kept.lock().unwrap().iter()) {
            tls12_SSL_SESSION_free(*kept as *mut SslSession);
        }
        for session in [first, second, third, fourth] {
            tls12_SSL_SESSION_free(session);
        }
        for ctx in [cctx, a, b, other] {
            tls12_SSL_CTX_free(ctx);
        }
    }
}

#[test]
fn expired_sessions_are_flushed_every_256th_handshake_unless_no_auto_clear() {
    for no_auto_clear in [false, true] {
        let (cctx, sctx) = (client_ctx(), server_ctx());
        // SAFETY: live contexts and sessions throughout.
        unsafe {
            tls12_SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
            if no_auto_clear {
                tls12_SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
            }
            let (_, _, stale) = connect(cctx, sctx, ptr::null_mut());
            assert_eq!(tls12_SSL_SESSION_set_timeout(stale, 0), 1);
            assert_eq!(tls12_SSL_CTX_add_session(sctx, stale), 1, "the server's copy replaced by one that expires");
            let (_, _, fresh) = connect(cctx, sctx, ptr::null_mut());
            std::thread::sleep(std::time::Duration::from_millis(1100));
            // Resumed handshakes up to 255 completed in all, then a full one.
            while tls12_SSL_CTX_sess_accept_good(sctx) < 255 {
                let (c, _, s) = connect(cctx, sctx, fresh);
                assert!(c);
                tls12_SSL_SESSION_free(s);
            }
            assert_eq!(tls12_SSL_CTX_sess_number(sctx), 2);
            let (_, _, last) = connect(cctx, sctx, ptr::null_mut());
            assert_eq!(tls12_SSL_CTX_sess_number(sctx), if no_auto_clear { 3 } else { 2 });
            for session in [stale, fresh, last] {
                tls12_SSL_SESSION_free(session);
            }
            tls12_SSL_CTX_free(cctx);
            tls12_SSL_CTX_free(sctx);
        }
    }
}

/// 96 hex digits for a ticket key made of `fill` bytes (its name starts with `fill`).
fn key_line(fill: u8) -> String {
    format!("{fill:02x}").repeat(48)
}

/// The first 16 bytes of a session's ticket: the name of the key that sealed it.
fn ticket_key_name(session: *const SslSession) -> Vec<u8> {
    let (mut tick, mut len): (*const c_uchar, usize) = (ptr::null(), 0);
    // SAFETY: a live session; the ticket is owned by it.
    unsafe {
        tls12_SSL_SESSION_get0_ticket(session, &mut tick, &mut len);
        assert!(len > 16);
        std::slice::from_raw_parts(tick, 16).to_vec()
    }
}

#[test]
fn ticket_keys_and_key_files() {
    let (cctx, a, b) = (client_ctx(), server_ctx(), server_ctx());
    let dir = std::env::temp_dir().join(format!("tls12-ticket-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("keys");
    let cfile = CString::new(file.to_str().unwrap()).unwrap();
    // SAFETY: live contexts, sessions and buffers throughout.
    unsafe {
        // A context starts with a random key; another context can be given the same.
        let mut keys = [0u8; 48];
        assert_eq!(tls12_SSL_CTX_get_tlsext_ticket_keys(a, ptr::null_mut(), 0), 48);
        assert_eq!(tls12_SSL_CTX_get_tlsext_ticket_keys(a, keys.as_mut_ptr().cast(), 48), 1);
        assert_ne!(keys, [0u8; 48]);
        assert_eq!(tls12_SSL_CTX_set_tlsext_ticket_keys(b, keys.as_ptr().cast(), 47), 0);
        assert_ne!(tls12_ERR_get_error(), 0);
        assert_eq!(tls12_SSL_CTX_set_tlsext_ticket_keys(b, keys.as_ptr().cast(), 48), 1);
        let (_, _, from_a) = connect(cctx, a, ptr::null_mut());
        assert_eq!(ticket_key_name(from_a), keys[..16]);
        let (c, s, again) = connect(cctx, b, from_a);
        assert!(c && s, "B opens A's ticket");
        tls12_SSL_SESSION_free(again);

        // Key files: both servers read key 1.
        std::fs::write(&file, format!("# fleet ticket keys\n{}\n", key_line(1))).unwrap();
        for ctx in [a, b] {
            assert_eq!(tls12_SSL_CTX_load_ticket_key_file(ctx, cfile.as_ptr()), 1);
        }
        let (_, _, before) = connect(cctx, a, ptr::null_mut());
        assert_eq!(ticket_key_name(before), [1u8; 16]);
        // Rotation: key 2 seals, key 1 still opens; B renews A's ticket under key 2.
        std::fs::write(&file, format!("{}\n{}\n", key_line(2), key_line(1))).unwrap();
        for ctx in [a, b] {
            assert_eq!(tls12_SSL_CTX_load_ticket_key_file(ctx, cfile.as_ptr()), 1);
        }
        let (c, s, renewed) = connect(cctx, b, before);
        assert!(c && s);
        assert_eq!(ticket_key_name(renewed), [2u8; 16], "the ticket was renewed under the new key");
        // Key 1 gone from the file: its tickets mean a full handshake.
        std::fs::write(&file, format!("{}\n{}\n", key_line(3), key_line(2))).unwrap();
        for ctx in [a, b] {
            assert_eq!(tls12_SSL_CTX_load_ticket_key_file(ctx, cfile.as_ptr()), 1);
        }
        let (c, _, full) = connect(cctx, a, before);
        assert!(!c, "a ticket under a dropped key is not accepted");
        let (c, _, still) = connect(cctx, a, renewed);
        assert!(c, "the renewed ticket (key 2) still is");

        // Bad files fail and leave the keys in use.
        tls12_ERR_clear_error();
        std::fs::write(&file, "not hex\n").unwrap();
        assert_eq!(tls12_SSL_CTX_load_ticket_key_file(a, cfile.as_ptr()), 0);
        assert_ne!(tls12_ERR_get_error(), 0);
        let missing = CString::new(dir.join("missing").to_str().unwrap()).unwrap();
        assert_eq!(tls12_SSL_CTX_load_ticket_key_file(a, missing.as_ptr()), 0);
        assert_eq!(tls12_SSL_CTX_load_ticket_key_file(a, ptr::null()), 0);
        tls12_ERR_clear_error();
        let (c, _, last) = connect(cctx, a, renewed);
        assert!(c);
        std::fs::remove_dir_all(&dir).unwrap();
        for session in [from_a, before, renewed, full, still, last] {
            tls12_SSL_SESSION_free(session);
        }
        for ctx in [cctx, a, b] {
            tls12_SSL_CTX_free(ctx);
        }
    }
}

#[test]
fn null_arguments_are_errors_not_crashes() {
    // SAFETY: NULL is allowed for every argument here.
    unsafe {
        tls12_ERR_clear_error();
        let null_ssl: *mut Ssl = ptr::null_mut();
        let null_ctx: *mut SslCtx = ptr::null_mut();
        let null_session: *mut SslSession = ptr::null_mut();
        assert!(tls12_SSL_get_session(null_ssl).is_null());
        assert!(tls12_SSL_get1_session(null_ssl).is_null());
        assert_eq!(tls12_SSL_set_session(null_ssl, null_session), 0);
        assert_eq!(tls12_SSL_session_reused(null_ssl), 0);
        assert!(tls12_SSL_SESSION_get_id(null_session, ptr::null_mut()).is_null());
        assert_eq!(tls12_SSL_SESSION_get_time(null_session), 0);
        assert_eq!(tls12_SSL_SESSION_set_timeout(null_session, 5), 0);
        assert_eq!(tls12_SSL_SESSION_get_master_key(null_session, ptr::null_mut(), 0), 0);
        assert_eq!(tls12_SSL_SESSION_up_ref(null_session), 0);
        tls12_SSL_SESSION_free(null_session);
        tls12_SSL_SESSION_get0_ticket(null_session, ptr::null_mut(), ptr::null_mut());
        assert_eq!(tls12_i2d_SSL_SESSION(null_session, ptr::null_mut()), 0);
        assert!(tls12_d2i_SSL_SESSION(ptr::null_mut(), ptr::null_mut(), 10).is_null());
        assert!(tls12_PEM_read_bio_SSL_SESSION(ptr::null_mut(), ptr::null_mut(), None, ptr::null_mut()).is_null());
        assert!(tls12_PEM_read_SSL_SESSION(ptr::null_mut(), ptr::null_mut(), None, ptr::null_mut()).is_null());
        assert_eq!(tls12_PEM_write_SSL_SESSION(ptr::null_mut(), null_session), 0);
        assert_eq!(tls12_SSL_CTX_add_session(null_ctx, null_session), 0);
        assert_eq!(tls12_SSL_CTX_remove_session(null_ctx, null_session), 0);
        tls12_SSL_CTX_flush_sessions(null_ctx, 0);
        assert_eq!(tls12_SSL_CTX_sess_number(null_ctx), 0);
        assert_eq!(tls12_SSL_CTX_set_session_cache_mode(null_ctx, 2), 0);
        assert_eq!(tls12_SSL_CTX_set_tlsext_ticket_keys(null_ctx, ptr::null(), 48), 0);
        assert_eq!(tls12_SSL_CTX_load_ticket_key_file(null_ctx, ptr::null()), 0);
        tls12_SSL_CTX_sess_set_new_cb(null_ctx, None);
        assert_ne!(tls12_ERR_get_error(), 0);
        tls12_ERR_clear_error();

        let ctx = server_ctx();
        assert_eq!(tls12_SSL_CTX_add_session(ctx, null_session), 0);
        assert_eq!(tls12_SSL_CTX_sess_set_cache_size(ctx, -1), 0);
        assert_eq!(tls12_SSL_CTX_set_timeout(ctx, -1), 0);
        let ssl = tls12_SSL_new(ctx);
        assert!(tls12_SSL_get_session(ssl).is_null(), "no session before a handshake");
        assert_eq!(tls12_SSL_set_session(ssl, null_session), 1);
        tls12_SSL_free(ssl);
        tls12_SSL_CTX_free(ctx);
        tls12_ERR_clear_error();
    }
}

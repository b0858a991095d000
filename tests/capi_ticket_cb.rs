//! The ticket key callback (`tls12_SSL_CTX_set_ticket_key_cb`) through the exported C
//! functions, as a C program would use it: two servers sharing a key through the
//! callback resume each other's tickets, an answer of 2 renews the ticket, 0 means a
//! full handshake (or no ticket), -1 fails the handshake with an error entry, and NULL
//! arguments.
//!
//! Only libtls12's own symbols are used here (no OpenSSL in this binary).

#[path = "common/certs.rs"]
mod certs;

use std::ffi::{c_int, c_uchar, c_ulong, c_void, CString};
use std::path::{Path, PathBuf};
use std::ptr;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::Mutex;

use tls12::capi::bio::{tls12_BIO_new_bio_pair, Bio};
use tls12::capi::ctx::*;
use tls12::capi::err::{tls12_ERR_clear_error, tls12_ERR_get_error};
use tls12::capi::ssl::*;

const SSL_VERIFY_PEER: c_int = 1;
const SSL_ERROR_WANT_READ: c_int = 2;
const SSL_ERROR_WANT_WRITE: c_int = 3;
const PEM: c_int = 1;
const SSL_SESS_CACHE_OFF: i64 = 0;
/// The reason of an error entry for a failed callback (`SSL_R_CALLBACK_FAILED`).
const CALLBACK_FAILED: c_ulong = 234;
/// The reason of an error entry for a NULL argument.
const NULL_ARGUMENT: c_ulong = 196;

/// The path of a file of the test PKI (generated once into the target directory).
fn cpath(name: &str) -> CString {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    let dir = certs::ensure_test_certs(repo, &target);
    CString::new(dir.join(name).to_str().unwrap()).unwrap()
}

/// The keys a fleet of servers shares, and how its callback answers: what the C
/// application behind `arg` would keep.
struct Fleet {
    /// The 48-byte keys (name first); the first one seals.
    keys: Mutex<Vec<[u8; 48]>>,
    /// The answer to a sealing call (1, 0 or -1).
    seal_answer: AtomicI32,
    /// The answer to an opening call when the key is known (1, 2, 0 or -1).
    open_answer: AtomicI32,
    /// Sealing calls.
    seals: AtomicUsize,
    /// Opening calls.
    opens: AtomicUsize,
}

impl Fleet {
    fn new(key: [u8; 48]) -> Box<Fleet> {
        Box::new(Fleet {
            keys: Mutex::new(vec![key]),
            seal_answer: AtomicI32::new(1),
            open_answer: AtomicI32::new(1),
            seals: AtomicUsize::new(0),
            opens: AtomicUsize::new(0),
        })
    }

    fn arg(&self) -> *mut c_void {
        ptr::from_ref(self).cast_mut().cast()
    }

    fn counts(&self) -> (usize, usize) {
        (self.seals.load(Ordering::SeqCst), self.opens.load(Ordering::SeqCst))
    }
}

/// A 48-byte key whose bytes are all `fill` but the name's first byte.
fn key(fill: u8, name: u8) -> [u8; 48] {
    let mut key = [fill; 48];
    key[0] = name;
    key
}

/// The callback: seals with the fleet's first key, opens with the key the ticket names.
unsafe extern "C" fn fleet_cb(
    _ssl: *mut Ssl,
    key_name: *mut c_uchar,
    key: *mut c_uchar,
    enc: c_int,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: `arg` is the `Fleet` the test installed, alive for the whole test; the
    // library gives 16 bytes at `key_name` and 48 at `key`.
    let (fleet, name, out) =
        unsafe { (&*arg.cast::<Fleet>(), &mut *key_name.cast::<[u8; 16]>(), &mut *key.cast::<[u8; 48]>()) };
    let keys = fleet.keys.lock().unwrap();
    if enc == 1 {
        fleet.seals.fetch_add(1, Ordering::SeqCst);
        name.copy_from_slice(&keys[0][..16]);
        out.copy_from_slice(&keys[0]);
        return fleet.seal_answer.load(Ordering::SeqCst);
    }
    fleet.opens.fetch_add(1, Ordering::SeqCst);
    match keys.iter().find(|k| k[..16] == name[..]) {
        Some(found) => {
            out.copy_from_slice(found);
            fleet.open_answer.load(Ordering::SeqCst)
        }
        None => 0,
    }
}

/// A server context with the RSA chain, no session cache (so only tickets resume) and,
/// if given, the fleet's callback.
fn server_ctx(fleet: Option<&Fleet>) -> *mut SslCtx {
    // SAFETY: every pointer passed is live or NULL as the functions allow; the fleet
    // outlives the context's connections.
    unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_server_method());
        assert!(!ctx.is_null());
        assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, cpath("rsa-chain.pem").as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, cpath("rsa.key").as_ptr(), PEM), 1);
        tls12_SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        if let Some(fleet) = fleet {
            assert_eq!(tls12_SSL_CTX_set_ticket_key_cb(ctx, Some(fleet_cb), fleet.arg()), 1);
        }
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

/// The reasons of the error queue's entries, drained.
fn error_reasons() -> Vec<c_ulong> {
    std::iter::from_fn(|| Some(tls12_ERR_get_error()).filter(|&e| e != 0)).map(|e| e & 0x7f_ffff).collect()
}

/// What one connection ended with.
struct Outcome {
    /// Whether the client and the server report a resumed session.
    reused: (bool, bool),
    /// The client's session (owned; NULL when the handshake failed).
    session: *mut SslSession,
    /// The ticket the client holds (empty for none).
    ticket: Vec<u8>,
}

/// One connection between `client` and `server` offering `offer` (if not NULL); `Err`
/// holds the reasons of the error entries when the server's handshake fails.
fn connect(client: *mut SslCtx, server: *mut SslCtx, offer: *mut SslSession) -> Result<Outcome, Vec<c_ulong>> {
    tls12_ERR_clear_error();
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
        }
        let (mut c_done, mut s_done) = (false, false);
        let mut failure = None;
        for _ in 0..50 {
            if c_done && s_done {
                break;
            }
            if !c_done {
                let r = tls12_SSL_connect(c);
                c_done = r == 1;
                let e = tls12_SSL_get_error(c, r);
                if !c_done && e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE {
                    failure = Some(error_reasons());
                    break;
                }
            }
            if !s_done {
                let r = tls12_SSL_accept(s);
                s_done = r == 1;
                let e = tls12_SSL_get_error(s, r);
                if !s_done && e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE {
                    failure = Some(error_reasons());
                    break;
                }
            }
        }
        let outcome = match failure {
            Some(reasons) => Err(reasons),
            None => {
                assert!(c_done && s_done, "the handshake did not finish");
                let session = tls12_SSL_get1_session(c);
                assert!(!session.is_null());
                let (mut tick, mut len): (*const c_uchar, usize) = (ptr::null(), 0);
                tls12_SSL_SESSION_get0_ticket(session, &mut tick, &mut len);
                let ticket = if tick.is_null() { Vec::new() } else { std::slice::from_raw_parts(tick, len).to_vec() };
                Ok(Outcome {
                    reused: (tls12_SSL_session_reused(c) == 1, tls12_SSL_session_reused(s) == 1),
                    session,
                    ticket,
                })
            }
        };
        tls12_SSL_free(c);
        tls12_SSL_free(s);
        outcome
    }
}

/// Frees the contexts and sessions given.
fn free(ctxs: &[*mut SslCtx], sessions: &[*mut SslSession]) {
    // SAFETY: each is a live object owned by the test, freed once.
    unsafe {
        ctxs.iter().for_each(|&ctx| tls12_SSL_CTX_free(ctx));
        sessions.iter().for_each(|&s| tls12_SSL_SESSION_free(s));
    }
}

#[test]
fn servers_sharing_a_key_resume_each_others_tickets() {
    let fleet = Fleet::new(key(0x11, 0xa1));
    let (cctx, one, two, stranger) =
        (client_ctx(), server_ctx(Some(&fleet)), server_ctx(Some(&fleet)), server_ctx(None));
    let full = connect(cctx, one, ptr::null_mut()).unwrap();
    assert_eq!(full.reused, (false, false));
    assert_eq!(&full.ticket[..16], &key(0x11, 0xa1)[..16], "sealed with the fleet's key");
    assert_eq!(fleet.counts(), (1, 0));

    // The other server opens the first one's ticket, and issues none (answer 1).
    let resumed = connect(cctx, two, full.session).unwrap();
    assert_eq!(resumed.reused, (true, true));
    assert_eq!(resumed.ticket, full.ticket, "the ticket is kept, not renewed");
    assert_eq!(fleet.counts(), (1, 1));

    // A server with keys of its own cannot.
    let other = connect(cctx, stranger, full.session).unwrap();
    assert_eq!(other.reused, (false, false));
    assert_eq!(fleet.counts(), (1, 1));

    // Rotation: a new key seals, the old one still opens; the callback asks for renewal.
    fleet.keys.lock().unwrap().insert(0, key(0x22, 0xb2));
    fleet.open_answer.store(2, Ordering::SeqCst);
    let renewed = connect(cctx, one, full.session).unwrap();
    assert_eq!(renewed.reused, (true, true));
    assert_eq!(&renewed.ticket[..16], &key(0x22, 0xb2)[..16], "renewed with the new key");
    assert_eq!(fleet.counts(), (2, 2));

    // The renewed ticket resumes on the other server with the new key.
    fleet.open_answer.store(1, Ordering::SeqCst);
    let again = connect(cctx, two, renewed.session).unwrap();
    assert_eq!(again.reused, (true, true));
    assert_eq!(fleet.counts(), (2, 3));
    free(&[cctx, one, two, stranger], &[full.session, resumed.session, other.session, renewed.session, again.session]);
}

#[test]
fn an_unknown_key_means_a_full_handshake_and_no_key_means_no_ticket() {
    let fleet = Fleet::new(key(0x33, 0xc3));
    let (cctx, sctx) = (client_ctx(), server_ctx(Some(&fleet)));
    let full = connect(cctx, sctx, ptr::null_mut()).unwrap();
    assert!(!full.ticket.is_empty());

    // The key is gone from the fleet: the callback answers 0, a full handshake follows
    // (with a ticket sealed by the current key).
    *fleet.keys.lock().unwrap() = vec![key(0x44, 0xd4)];
    let unknown = connect(cctx, sctx, full.session).unwrap();
    assert_eq!(unknown.reused, (false, false));
    assert_eq!(&unknown.ticket[..16], &key(0x44, 0xd4)[..16]);
    assert_eq!(fleet.counts(), (2, 1));

    // The key is known but the callback answers 0 anyway: a full handshake.
    fleet.open_answer.store(0, Ordering::SeqCst);
    let refused = connect(cctx, sctx, unknown.session).unwrap();
    assert_eq!(refused.reused, (false, false));

    // Sealing answered with 0: the handshake completes and the client holds no ticket.
    fleet.seal_answer.store(0, Ordering::SeqCst);
    let no_ticket = connect(cctx, sctx, ptr::null_mut()).unwrap();
    assert_eq!(no_ticket.reused, (false, false));
    assert!(no_ticket.ticket.is_empty());
    // SAFETY: a live session.
    assert_eq!(unsafe { tls12_SSL_SESSION_has_ticket(no_ticket.session) }, 0);
    free(&[cctx, sctx], &[full.session, unknown.session, refused.session, no_ticket.session]);
}

#[test]
fn a_failing_callback_fails_the_handshake_with_an_error_entry() {
    let fleet = Fleet::new(key(0x55, 0xe5));
    let (cctx, sctx) = (client_ctx(), server_ctx(Some(&fleet)));
    let full = connect(cctx, sctx, ptr::null_mut()).unwrap();

    // Opening answered with -1.
    fleet.open_answer.store(-1, Ordering::SeqCst);
    let reasons = connect(cctx, sctx, full.session).err().expect("the handshake fails");
    assert!(reasons.contains(&CALLBACK_FAILED), "{reasons:?}");

    // Opening answered with 3, which means nothing.
    fleet.open_answer.store(3, Ordering::SeqCst);
    let reasons = connect(cctx, sctx, full.session).err().expect("the handshake fails");
    assert!(reasons.contains(&CALLBACK_FAILED), "{reasons:?}");

    // Sealing answered with -1.
    fleet.open_answer.store(1, Ordering::SeqCst);
    fleet.seal_answer.store(-1, Ordering::SeqCst);
    let reasons = connect(cctx, sctx, ptr::null_mut()).err().expect("the handshake fails");
    assert!(reasons.contains(&CALLBACK_FAILED), "{reasons:?}");

    free(&[cctx, sctx], &[full.session]);
}

/// A callback that returns a key not named as asked.
unsafe extern "C" fn misnaming_cb(
    _ssl: *mut Ssl,
    key_name: *mut c_uchar,
    key: *mut c_uchar,
    _enc: c_int,
    _arg: *mut c_void,
) -> c_int {
    // SAFETY: the library gives 16 bytes at `key_name` and 48 at `key`.
    unsafe {
        ptr::write_bytes(key_name, 0x01, 16);
        ptr::write_bytes(key, 0x02, 48);
    }
    1
}

#[test]
fn a_key_not_named_as_its_name_fails_the_handshake() {
    let (cctx, sctx) = (client_ctx(), server_ctx(None));
    // SAFETY: a live context.
    assert_eq!(unsafe { tls12_SSL_CTX_set_ticket_key_cb(sctx, Some(misnaming_cb), ptr::null_mut()) }, 1);
    let reasons = connect(cctx, sctx, ptr::null_mut()).err().expect("the handshake fails");
    assert!(reasons.contains(&CALLBACK_FAILED), "{reasons:?}");
    // Removing the callback brings back the context's own keys.
    // SAFETY: a live context.
    assert_eq!(unsafe { tls12_SSL_CTX_set_ticket_key_cb(sctx, None, ptr::null_mut()) }, 1);
    let full = connect(cctx, sctx, ptr::null_mut()).unwrap();
    assert!(!full.ticket.is_empty());
    let resumed = connect(cctx, sctx, full.session).unwrap();
    assert_eq!(resumed.reused, (true, true));
    free(&[cctx, sctx], &[full.session, resumed.session]);
}

#[test]
fn a_null_context_is_an_error() {
    tls12_ERR_clear_error();
    // SAFETY: NULL is allowed and reported.
    assert_eq!(unsafe { tls12_SSL_CTX_set_ticket_key_cb(ptr::null_mut(), Some(fleet_cb), ptr::null_mut()) }, 0);
    assert_eq!(error_reasons(), vec![NULL_ARGUMENT]);
}

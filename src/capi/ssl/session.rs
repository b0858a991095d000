//! `SSL_SESSION`: a reference-counted handle around the engine's [`Session`], the
//! connection's side of resumption (`SSL_set_session`, `SSL_get_session`,
//! `SSL_session_reused`), the DER and PEM forms that let a client resume after a restart
//! (what `openssl s_client -sess_out` / `-sess_in` do), and the forwarding of the
//! engine's session hooks to the callbacks of `SSL_CTX_sess_set_*_cb`.
//!
//! The DER and PEM forms are this library's own (see [`crate::session`]): OpenSSL cannot
//! read them, and this library cannot read OpenSSL's.

use super::{with_ssl, Role, Ssl};
use crate::capi::bio::Bio;
use crate::capi::ctx::SessionCallbacks;
use crate::capi::err;
use crate::capi::passwd::PemPasswordCallback;
use crate::capi::pem::{self, Input, Output};
use crate::capi::{arc_borrow, arc_into_ptr, arc_release, arc_retain, bytes, guard, malloc_bytes, null_arg};
use crate::config::SESS_CACHE_NO_INTERNAL_STORE;
use crate::conn::Connection;
use crate::error::Reason;
use crate::handshake::hooks::TicketKeyDecision;
use crate::session::ticket::TicketKey;
use crate::session::{self, Session};
use crate::x509::der::Reader;
use std::cell::Cell;
use std::ffi::{c_int, c_long, c_uchar, c_uint, c_ulong, c_void};
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use zeroize::Zeroizing;

/// `SSL_SESSION`: one session, shared by reference count (`SSL_SESSION_up_ref`,
/// `SSL_SESSION_free`). C sees it only through pointers.
pub struct SslSession {
    /// The session; its bytes (ID, ticket) stay put while the handle lives.
    session: Arc<Session>,
    /// `SSL_SESSION_set_timeout` changes this rather than the shared session.
    timeout: AtomicU64,
}

impl SslSession {
    /// A new handle with one reference, for C.
    pub(crate) fn into_ptr(session: Arc<Session>) -> *mut SslSession {
        arc_into_ptr(SslSession { timeout: AtomicU64::new(session.timeout), session })
    }

    /// Borrows the handle behind `p`, pushing a NULL-argument entry for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live `SSL_SESSION` that stays alive for `'a`.
    pub(crate) unsafe fn from_ptr<'a>(p: *const SslSession) -> Option<&'a SslSession> {
        // SAFETY: the caller promises `p` is NULL or a live handle.
        let handle = unsafe { arc_borrow(p) };
        if handle.is_none() {
            null_arg("session");
        }
        handle
    }

    /// The session as it is to be resumed, cached or encoded: with the timeout set by
    /// `SSL_SESSION_set_timeout`.
    pub(crate) fn to_session(&self) -> Arc<Session> {
        let timeout = self.timeout.load(Ordering::Relaxed);
        if timeout == self.session.timeout {
            Arc::clone(&self.session)
        } else {
            Arc::new(Session { timeout, ..Session::clone(&self.session) })
        }
    }

    /// The session ID (empty for a session only resumable by ticket).
    pub(crate) fn id(&self) -> &[u8] {
        &self.session.id
    }
}

/// The session of one `SSL` (one reference held, or NULL): the one offered with
/// `SSL_set_session`, then the one its handshake made or resumed.
pub(crate) struct SessionSlot(Cell<*mut SslSession>);

impl Default for SessionSlot {
    fn default() -> Self {
        SessionSlot(Cell::new(ptr::null_mut()))
    }
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        // SAFETY: the slot holds one reference (or NULL), given up here.
        unsafe { arc_release(self.0.get()) };
    }
}

impl SessionSlot {
    /// Puts `handle` in the slot, which takes over one reference to it, and drops the
    /// reference to the session it held.
    fn put(&self, handle: *mut SslSession) {
        let old = self.0.replace(handle);
        // SAFETY: the slot held one reference to `old` (or NULL), given up here.
        unsafe { arc_release(old) };
    }

    /// Client: the session to offer when the handshake starts.
    pub(crate) fn offer(&self) -> Option<Arc<Session>> {
        // SAFETY: the slot holds a reference to its handle, so it is alive.
        unsafe { arc_borrow(self.0.get()) }.map(SslSession::to_session)
    }

    /// Makes the slot hold `session` (the one a handshake made or resumed), keeping the
    /// handle when it already does.
    fn hold(&self, session: Arc<Session>) {
        // SAFETY: the slot holds a reference to its handle, so it is alive.
        let held = unsafe { arc_borrow(self.0.get()) };
        if !held.is_some_and(|h| Arc::ptr_eq(&h.session, &session)) {
            self.put(SslSession::into_ptr(session));
        }
    }
}

impl Ssl {
    /// `SSL_get_session`'s answer: the session the handshake made or resumed once there
    /// is one, else the one set with `SSL_set_session` (NULL if none).
    fn current_session(&self) -> *mut SslSession {
        if let Some(made) = self.with_conn(|c| c.session().cloned()).flatten() {
            self.session.hold(made);
        }
        self.session.0.get()
    }

    /// The session callbacks and the internal cache this connection uses.
    fn session_settings(&self) -> Option<(SessionCallbacks, u32, Arc<session::cache::SessionCache>)> {
        let settings = self.settings.try_borrow().ok()?;
        let config = &settings.config;
        Some((settings.session_callbacks, config.session_cache_mode, Arc::clone(&config.session_cache)))
    }
}

/// The engine made a new session (`Hooks::new_session`): a client with
/// `SSL_SESS_CACHE_CLIENT` keeps it in the internal cache (unless
/// `SSL_SESS_CACHE_NO_INTERNAL_STORE`), expired sessions are flushed every 256th
/// completed handshake (unless `SSL_SESS_CACHE_NO_AUTO_CLEAR`), and the new-session
/// callback gets its own reference, which it keeps by returning 1.
pub(super) fn on_new_session(ssl: &Ssl, session: &Arc<Session>) {
    let Some((callbacks, mode, cache)) = ssl.session_settings() else { return };
    let ctx = ssl.ctx.get();
    let is_client = ssl.role.get() == Role::Client;
    if is_client && mode & SESS_CACHE_NO_INTERNAL_STORE == 0 {
        callbacks.removed(ctx, cache.insert(Arc::clone(session)));
    }
    callbacks.auto_clear(ctx, mode, &cache, is_client);
    let Some(cb) = callbacks.new_session else { return };
    let handle = SslSession::into_ptr(Arc::clone(session));
    // SAFETY: the application installed the callback for these arguments; `handle` is
    // a live session with one reference, which the callback takes by returning 1.
    if unsafe { cb(ptr::from_ref(ssl).cast_mut(), handle) } == 0 {
        // SAFETY: the callback did not keep the reference, which is given up here.
        unsafe { arc_release(handle) };
    }
}

/// A server looks for a session its internal cache does not have
/// (`Hooks::find_session`): the get-session callback may supply it. With `*copy` left
/// at 1 the callback keeps its reference; set to 0 it hands it over. A session with
/// another ID than the one asked for is ignored.
pub(super) fn on_find_session(ssl: &Ssl, id: &[u8]) -> Option<Session> {
    let (callbacks, _, _) = ssl.session_settings()?;
    let cb = callbacks.get_session?;
    let len = c_int::try_from(id.len()).ok()?;
    let mut copy: c_int = 1;
    // SAFETY: the application installed the callback for these arguments; `id` and
    // `copy` live across the call.
    let found = unsafe { cb(ptr::from_ref(ssl).cast_mut(), id.as_ptr(), len, &mut copy) };
    // SAFETY: the callback returns NULL or a live session.
    let handle = unsafe { arc_borrow(found) }?;
    let session = (handle.id() == id).then(|| Session::clone(&handle.to_session()));
    if copy == 0 {
        // SAFETY: the callback handed its reference over; it is given up here.
        unsafe { arc_release(found) };
    }
    session
}

/// A server seals a ticket (`name` none) or opens one whose key is named `name`
/// (`Hooks::ticket_key`): the callback of `tls12_SSL_CTX_set_ticket_key_cb` gives the key
/// (see [`crate::capi::ctx::TicketKeyCallback`]); without one the configured keys are
/// used. A failure or an answer out of range pushes an error entry.
pub(super) fn on_ticket_key(ssl: &Ssl, name: Option<&[u8; 16]>) -> TicketKeyDecision {
    let Some((callbacks, _, _)) = ssl.session_settings() else { return TicketKeyDecision::Configured };
    let (Some(cb), arg) = callbacks.ticket_key else { return TicketKeyDecision::Configured };
    let mut key_name = name.copied().unwrap_or_default();
    let mut key = Zeroizing::new([0u8; 48]);
    let enc = c_int::from(name.is_none());
    // SAFETY: the application installed the callback for these arguments; `key_name`
    // (16 bytes) and `key` (48 bytes) live across the call.
    let ret = unsafe { cb(ptr::from_ref(ssl).cast_mut(), key_name.as_mut_ptr(), key.as_mut_ptr(), enc, arg) };
    let failed = |detail: String| {
        err::push(Reason::CALLBACK_FAILED, format!("the ticket key callback (enc={enc}) {detail}"));
        TicketKeyDecision::Fail
    };
    let renew = match (enc, ret) {
        (_, 0) => return TicketKeyDecision::Skip,
        (_, 1) => false,
        (0, 2) => true,
        (_, ret) if ret < 0 => return failed(format!("returned {ret}: it failed the handshake")),
        (_, ret) => return failed(format!("returned {ret}, which means nothing here")),
    };
    if key[..16] != key_name {
        return failed("returned a key whose first 16 bytes are not its key name".into());
    }
    let key = TicketKey::from_openssl_bytes(&key);
    if renew {
        TicketKeyDecision::Renew(key)
    } else {
        TicketKeyDecision::Use(key)
    }
}

/// A session left the internal cache during a handshake (`Hooks::removed_session`):
/// the remove callback hears of it.
pub(super) fn on_removed_session(ssl: &Ssl, session: &Arc<Session>) {
    if let Some((callbacks, _, _)) = ssl.session_settings() {
        callbacks.removed(ssl.ctx.get(), vec![Arc::clone(session)]);
    }
}

/// `SSL_get_session` (also `SSL_get0_session`): the connection's session, borrowed
/// (valid until the connection is freed or gets another session): the one its
/// handshake made or resumed, or before that the one set with `SSL_set_session`. NULL
/// if there is none.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_session(ssl: *const Ssl) -> *mut SslSession {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, ptr::null_mut(), Ssl::current_session) }
}

/// `SSL_get1_session`: as `SSL_get_session`, with a reference for the caller, who
/// releases it with `SSL_SESSION_free`; the session can then outlive the connection
/// and be offered by another one with `SSL_set_session`.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get1_session(ssl: *mut Ssl) -> *mut SslSession {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null_mut(), |s| {
            let handle = s.current_session();
            // SAFETY: the slot holds a reference to `handle` (or it is NULL); the
            // caller gets another one.
            arc_retain(handle);
            handle
        })
    }
}

/// `SSL_set_session`: a client offers `session` in its next handshake (by ticket if
/// it has one, else by session ID); the server may decline, and a full handshake
/// follows. The connection takes its own reference (the caller keeps theirs). NULL
/// offers nothing. Returns 1, or 0 for a NULL `ssl`.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `session` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_session(ssl: *mut Ssl, session: *mut SslSession) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            // SAFETY: `session` is NULL or live; the slot takes a reference to it.
            arc_retain(session);
            s.session.put(session);
            1
        })
    }
}

/// `SSL_session_reused`: 1 when the handshake resumed a session (abbreviated
/// handshake), 0 otherwise (and before the ServerHello).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_session_reused(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, 0, |s| s.with_conn(Connection::session_reused).map_or(0, c_int::from)) }
}

/// Runs `f` on the session behind `s` through the panic guard, or gives `fail` (with
/// an error entry) for NULL.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
unsafe fn with_session<R: Copy>(s: *const SslSession, fail: R, f: impl FnOnce(&SslSession) -> R) -> R {
    guard(fail, move || {
        // SAFETY: the caller promises `s` is NULL or live.
        unsafe { SslSession::from_ptr(s) }.map_or(fail, f)
    })
}

/// `SSL_SESSION_free`: drops the caller's reference; the session goes with the last
/// one. NULL is ignored.
///
/// # Safety
/// `session` is NULL or a live `SSL_SESSION` whose reference the caller gives up.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_free(session: *mut SslSession) {
    // SAFETY: the caller promises `session` is NULL or live and hands over a reference.
    guard((), || unsafe { arc_release(session) })
}

/// `SSL_SESSION_up_ref`: adds a reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// `session` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_up_ref(session: *mut SslSession) -> c_int {
    // SAFETY: the caller promises `session` is NULL or live; a live one may gain a
    // reference.
    unsafe {
        with_session(session, 0, |_| {
            arc_retain(session.cast_const());
            1
        })
    }
}

/// `SSL_SESSION_get_id`: the session ID (0 to 32 bytes, owned by the session), its
/// length in `*len` when `len` is not NULL. NULL for a NULL session.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`; `len` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get_id(s: *const SslSession, len: *mut c_uint) -> *const c_uchar {
    // SAFETY: as the caller promises.
    unsafe { session_bytes(s, len, SslSession::id) }
}

/// `SSL_SESSION_get0_id_context`: the session id context the session was made under
/// (0 to 32 bytes, owned by the session), its length in `*len` when `len` is not NULL.
/// NULL for a NULL session.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`; `len` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get0_id_context(s: *const SslSession, len: *mut c_uint) -> *const c_uchar {
    // SAFETY: as the caller promises.
    unsafe { session_bytes(s, len, |h| &h.session.sid_ctx) }
}

/// Bytes of a session picked by `pick` (owned by the session), their length in `*len`.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`; `len` is NULL or valid for one write.
unsafe fn session_bytes(s: *const SslSession, len: *mut c_uint, pick: fn(&SslSession) -> &[u8]) -> *const c_uchar {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe {
        with_session(s, ptr::null(), |h| {
            let bytes = pick(h);
            // SAFETY: the caller promises `len` is NULL or writable.
            if let Some(len) = len.as_mut() {
                *len = bytes.len() as c_uint;
            }
            bytes.as_ptr()
        })
    }
}

/// `SSL_SESSION_get0_cipher`: the suite the session was negotiated with (static).
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get0_cipher(s: *const SslSession) -> *const super::SslCipher {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, ptr::null(), |h| super::cipher::cipher_for(h.session.suite)) }
}

/// `SSL_SESSION_get_protocol_version`: `TLS1_2_VERSION` (0x0303), the only protocol
/// (0 for NULL).
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get_protocol_version(s: *const SslSession) -> c_int {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, 0, |_| c_int::from(crate::msgs::enums::TLS12)) }
}

/// `SSL_SESSION_get_time`: when the session was made, in seconds since 1970 (0 for
/// NULL).
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get_time(s: *const SslSession) -> c_long {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, 0, |h| c_long::try_from(h.session.created).unwrap_or(c_long::MAX)) }
}

/// `SSL_SESSION_get_timeout`: how many seconds after it was made the session may be
/// resumed (0 for NULL).
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get_timeout(s: *const SslSession) -> c_long {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, 0, |h| c_long::try_from(h.timeout.load(Ordering::Relaxed)).unwrap_or(c_long::MAX)) }
}

/// `SSL_SESSION_set_timeout`: changes the session's lifetime to `t` seconds from when
/// it was made. It applies where this handle goes afterwards (`SSL_set_session`,
/// `SSL_CTX_add_session`, `i2d_SSL_SESSION`, PEM), not to copies already in a cache.
/// Returns 1, or 0 for NULL or a negative `t`.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_set_timeout(s: *mut SslSession, t: c_long) -> c_long {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe {
        with_session(s, 0, |h| match u64::try_from(t) {
            Ok(t) => {
                h.timeout.store(t, Ordering::Relaxed);
                1
            }
            Err(_) => {
                err::push(Reason::BAD_VALUE, format!("SSL_SESSION_set_timeout: the timeout {t} is negative"));
                0
            }
        })
    }
}

/// `SSL_SESSION_get_master_key`: copies up to `outlen` bytes of the 48-byte master
/// secret to `out` and returns how many; with `outlen` 0 it returns 48 and copies
/// nothing. 0 for a NULL session.
///
/// # Safety
/// `sess` is NULL or a live `SSL_SESSION`; `out` is NULL or has `outlen` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get_master_key(
    sess: *const SslSession,
    out: *mut c_uchar,
    outlen: usize,
) -> usize {
    // SAFETY: the caller promises `sess` is NULL or live.
    unsafe {
        with_session(sess, 0, |h| {
            let secret = &h.session.master_secret[..];
            if outlen == 0 {
                return secret.len();
            }
            let n = outlen.min(secret.len());
            // SAFETY: `out` has `outlen >= n` writable bytes, as the caller promises.
            let Some(out) = bytes_out(out, n) else { return 0 };
            out.copy_from_slice(&secret[..n]);
            n
        })
    }
}

/// Borrows `n` writable bytes at `out` (n > 0), pushing an entry for NULL.
///
/// # Safety
/// `out` is NULL or has `n` writable bytes that nothing else uses meanwhile.
unsafe fn bytes_out<'a>(out: *mut c_uchar, n: usize) -> Option<&'a mut [u8]> {
    if out.is_null() {
        null_arg("out");
        return None;
    }
    // SAFETY: non-NULL, and the caller promises `n` writable bytes.
    Some(unsafe { std::slice::from_raw_parts_mut(out, n) })
}

/// `SSL_SESSION_is_resumable`: 1 when the session can be offered again (it has a
/// session ID or a ticket), else 0. As in OpenSSL, expiry is not considered.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_is_resumable(s: *const SslSession) -> c_int {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, 0, |h| c_int::from(!h.id().is_empty() || has_ticket(h))) }
}

/// Whether the session carries a non-empty ticket.
fn has_ticket(h: &SslSession) -> bool {
    h.session.ticket.as_ref().is_some_and(|t| !t.is_empty())
}

/// `SSL_SESSION_has_ticket`: 1 when a client's session carries a ticket from the
/// server (RFC 5077), else 0.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_has_ticket(s: *const SslSession) -> c_int {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, 0, |h| c_int::from(has_ticket(h))) }
}

/// `SSL_SESSION_get_ticket_lifetime_hint`: the lifetime in seconds the server gave
/// with the ticket (0 without a ticket).
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get_ticket_lifetime_hint(s: *const SslSession) -> c_ulong {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { with_session(s, 0, |h| c_ulong::from(h.session.ticket_lifetime_hint)) }
}

/// `SSL_SESSION_get0_ticket`: points `*tick` at the session's ticket (owned by the
/// session) and sets `*len` to its length; NULL and 0 without a ticket. NULL output
/// pointers are skipped.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`; `tick` and `len` are NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_SESSION_get0_ticket(
    s: *const SslSession,
    tick: *mut *const c_uchar,
    len: *mut usize,
) {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe {
        with_session(s, (), |h| {
            let (p, n) = match h.session.ticket.as_deref() {
                Some(ticket) if !ticket.is_empty() => (ticket.as_ptr(), ticket.len()),
                _ => (ptr::null(), 0),
            };
            // SAFETY: the caller promises the output pointers are NULL or writable.
            if let Some(tick) = tick.as_mut() {
                *tick = p;
            }
            if let Some(len) = len.as_mut() {
                *len = n;
            }
        })
    }
}

/// `i2d_SSL_SESSION`: the session's DER encoding (it holds the master secret: keep it
/// secret). With `pp` NULL only the length is returned; with `*pp` NULL a buffer is
/// allocated (free it with `OPENSSL_free`) and stored in `*pp`; otherwise the encoding
/// is written at `*pp`, which is advanced past it. Returns the length, or 0 on failure.
///
/// # Safety
/// `in_` is NULL or a live `SSL_SESSION`; `pp` is NULL or valid for reading and writing
/// one pointer, and a non-NULL `*pp` has room for the encoding.
#[no_mangle]
pub unsafe extern "C" fn tls12_i2d_SSL_SESSION(in_: *const SslSession, pp: *mut *mut c_uchar) -> c_int {
    // SAFETY: the caller promises `in_` is NULL or live.
    unsafe {
        with_session(in_, 0, |h| {
            let der = h.to_session().encode();
            let Ok(len) = c_int::try_from(der.len()) else {
                err::push(Reason::DATA_LENGTH_TOO_LONG, "i2d_SSL_SESSION: the session is too large");
                return 0;
            };
            // SAFETY: `pp` is NULL or valid for one pointer, as the caller promises.
            let Some(out) = pp.as_mut() else { return len };
            if out.is_null() {
                let p = malloc_bytes(&der, 0);
                if p.is_null() {
                    return 0;
                }
                *out = p;
            } else {
                // SAFETY: a non-NULL `*pp` has room for `len` bytes, as the caller promises.
                ptr::copy_nonoverlapping(der.as_ptr(), *out, der.len());
                *out = out.add(der.len());
            }
            len
        })
    }
}

/// `d2i_SSL_SESSION`: reads one session in the DER form of `i2d_SSL_SESSION` from the
/// `length` bytes at `*pp`, advancing `*pp` past it. Returns the session (also in `*a`
/// if `a` is not NULL), or NULL with an error entry.
///
/// # Safety
/// `pp` is NULL or valid for reading and writing one pointer, and `*pp` points to
/// `length` readable bytes; `a` is NULL, or points to NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_d2i_SSL_SESSION(
    a: *mut *mut SslSession,
    pp: *mut *const c_uchar,
    length: c_long,
) -> *mut SslSession {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller promises `pp` is NULL or valid for one pointer.
        let Some(pp) = (unsafe { pp.as_mut() }) else {
            null_arg("pp");
            return ptr::null_mut();
        };
        let Ok(len) = c_int::try_from(length) else {
            err::push(Reason::BAD_VALUE, format!("d2i_SSL_SESSION: the length {length} is out of range"));
            return ptr::null_mut();
        };
        // SAFETY: the caller promises `length` readable bytes at `*pp`.
        let Some(data) = (unsafe { bytes(*pp, len, "*pp") }) else { return ptr::null_mut() };
        let Some(element) = Reader::new(data).element() else {
            err::push(Reason::BAD_DATA, "d2i_SSL_SESSION: the input does not start with a whole DER element");
            return ptr::null_mut();
        };
        match Session::decode(element.encoded) {
            Ok(session) => {
                // SAFETY: the element lies within the `length` bytes at `*pp`.
                *pp = unsafe { pp.add(element.encoded.len()) };
                // SAFETY: as the caller promises for `a`.
                unsafe { pem::store_out(a, SslSession::into_ptr(Arc::new(session))) }
            }
            Err(e) => {
                err::push_error(&e);
                ptr::null_mut()
            }
        }
    })
}

/// Reads the next PEM session from `input` for `func`, as [`pem::read`] does.
///
/// # Safety
/// As for [`pem::read`].
unsafe fn read_pem(input: Input, x: *mut *mut SslSession, func: &str) -> *mut SslSession {
    let make = |block: crate::pem::Block| Session::decode(&block.der).map(|s| SslSession::into_ptr(Arc::new(s)));
    // SAFETY: as the caller promises.
    unsafe { pem::read(input, x, &[session::PEM_LABEL], func, make) }
}

/// `PEM_read_bio_SSL_SESSION`: reads the next PEM session (as `PEM_write_bio_SSL_SESSION`
/// writes it) from `bp`, consuming the input through its END line. Returns it (also in
/// `*x` if `x` is not NULL), or NULL with an error entry; at the end of the input the
/// entry is PEM's "no start line". `cb` and `u` are not used (sessions are not
/// encrypted).
///
/// # Safety
/// `bp` is NULL or a live BIO; `x` is NULL, or points to NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_bio_SSL_SESSION(
    bp: *mut Bio,
    x: *mut *mut SslSession,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut SslSession {
    guard(ptr::null_mut(), || {
        let _ = (cb, u);
        // SAFETY: as the caller promises for `bp` and `x`.
        unsafe { read_pem(Input::Bio(bp), x, "PEM_read_bio_SSL_SESSION") }
    })
}

/// `PEM_read_SSL_SESSION`: as `PEM_read_bio_SSL_SESSION`, reading from the stdio
/// stream `fp` (a file written by `PEM_write_SSL_SESSION`, say by an earlier run).
///
/// # Safety
/// `fp` is NULL or an open `FILE *`; `x` as for `PEM_read_bio_SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_SSL_SESSION(
    fp: *mut libc::FILE,
    x: *mut *mut SslSession,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut SslSession {
    guard(ptr::null_mut(), || {
        let _ = (cb, u);
        // SAFETY: as the caller promises for `fp` and `x`.
        unsafe { read_pem(Input::Stream(fp), x, "PEM_read_SSL_SESSION") }
    })
}

/// `PEM_write_bio_SSL_SESSION`: writes the session to `bp` as an `SSL SESSION
/// PARAMETERS` PEM block (it holds the master secret: keep it secret). Returns 1, or 0.
///
/// # Safety
/// `bp` is NULL or a live BIO; `x` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_write_bio_SSL_SESSION(bp: *mut Bio, x: *const SslSession) -> c_int {
    // SAFETY: as the caller promises for `x` and `bp`.
    unsafe { with_session(x, 0, |h| pem::write(Output::Bio(bp), &h.to_session().to_pem())) }
}

/// `PEM_write_SSL_SESSION`: as `PEM_write_bio_SSL_SESSION`, to the stdio stream `fp`.
/// Returns 1, or 0.
///
/// # Safety
/// `fp` is NULL or an open `FILE *`; `x` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_write_SSL_SESSION(fp: *mut libc::FILE, x: *const SslSession) -> c_int {
    // SAFETY: as the caller promises for `x` and `fp`.
    unsafe { with_session(x, 0, |h| pem::write(Output::Stream(fp), &h.to_session().to_pem())) }
}

/// Gives `SslCtx` users the handle of `s` as a session to cache, or `None` (with an
/// error entry) for NULL.
///
/// # Safety
/// `s` is NULL or a live `SSL_SESSION`.
pub(crate) unsafe fn session_arg(s: *const SslSession) -> Option<Arc<Session>> {
    // SAFETY: the caller promises `s` is NULL or live.
    unsafe { SslSession::from_ptr(s) }.map(SslSession::to_session)
}

//! A context's session settings: the internal cache (mode, size, lifetime, flushing,
//! adding and removing sessions, statistics), the external cache callbacks of
//! `SSL_CTX_sess_set_new_cb` / `_get_cb` / `_remove_cb`, and the keys that seal session
//! tickets (`SSL_CTX_set_tlsext_ticket_keys` and libtls12's key files, which a fleet of
//! servers shares and reloads on rotation).
//!
//! OpenSSL's statistics and ticket-key accessors are macros over `SSL_CTX_ctrl`; here
//! each is an exported function of its own. No lock is held while a callback runs.

use super::SslCtx;
use crate::capi::ssl::{session_arg, Ssl, SslSession};
use crate::capi::{arc_release, c_str, err, guard};
use crate::error::Reason;
use crate::session::cache::{CacheStats, SessionCache};
use crate::session::ticket::{TicketKey, TicketKeys};
use crate::session::{self, Session};
use std::ffi::{c_char, c_int, c_long, c_uchar, c_void};
use std::sync::Arc;

/// The size of the buffer of `SSL_CTX_set_tlsext_ticket_keys`: key name, HMAC secret,
/// AES key (16 bytes each).
const TICKET_KEYS_LEN: usize = 48;

/// The callback of `SSL_CTX_sess_set_new_cb`: a handshake made a new session (a server
/// with `SSL_SESS_CACHE_SERVER`, a client with `SSL_SESS_CACHE_CLIENT`). It gets a
/// reference to `sess`: returning 1 keeps it (release it later with
/// `SSL_SESSION_free`), returning 0 lets the library drop it.
pub type NewSessionCallback = Option<unsafe extern "C" fn(ssl: *mut Ssl, sess: *mut SslSession) -> c_int>;

/// The callback of `SSL_CTX_sess_set_get_cb`: a server looks for the session with ID
/// `data` (`len` bytes) that its internal cache does not have. It returns the session
/// or NULL. `*copy` is 1 on entry: left at 1 the callback keeps its reference to the
/// session returned (the library copies it); set to 0 it hands that reference over.
pub type GetSessionCallback =
    Option<unsafe extern "C" fn(ssl: *mut Ssl, data: *const c_uchar, len: c_int, copy: *mut c_int) -> *mut SslSession>;

/// The callback of `SSL_CTX_sess_set_remove_cb`: `sess` left the internal cache
/// (expired, evicted, flushed or removed). The session is borrowed for the call
/// (`SSL_SESSION_up_ref` keeps it).
pub type RemoveSessionCallback = Option<unsafe extern "C" fn(ctx: *mut SslCtx, sess: *mut SslSession)>;

/// The callback of `tls12_SSL_CTX_set_ticket_key_cb` (libtls12's counterpart of
/// `SSL_CTX_set_tlsext_ticket_key_evp_cb`): it chooses the key a server seals a ticket
/// with and finds the key that opens one, so that several servers share keys and rotate
/// them. `key` is 48 bytes in the layout of `SSL_CTX_set_tlsext_ticket_keys`: the key
/// name (which must equal `key_name`), then 32 secret bytes (OpenSSL's HMAC secret and
/// AES key; libtls12 derives its AES-256-GCM key from them).
///
/// - `enc` = 1, sealing a new ticket: the callback writes the name to `key_name` and the
///   48 bytes to `key`, and returns 1, or 0 to issue no ticket, or -1 to fail the
///   handshake.
/// - `enc` = 0, opening a ticket: `key_name` holds the name the ticket carries; the
///   callback writes that key's 48 bytes to `key` and returns 1 (use it), 2 (use it and
///   issue a fresh ticket, for a key being retired), 0 (unknown key: a full handshake),
///   or -1 (fail the handshake).
///
/// A failure fails the handshake with an `internal_error` alert and an error entry. The
/// buffers are the library's, valid for the call; `key` is wiped after it.
pub type TicketKeyCallback = Option<
    unsafe extern "C" fn(
        ssl: *mut Ssl,
        key_name: *mut c_uchar,
        key: *mut c_uchar,
        enc: c_int,
        arg: *mut c_void,
    ) -> c_int,
>;

/// The external session cache callbacks of a context (copied into its connections).
#[derive(Clone, Copy)]
pub(crate) struct SessionCallbacks {
    /// `SSL_CTX_sess_set_new_cb`.
    pub(crate) new_session: NewSessionCallback,
    /// `SSL_CTX_sess_set_get_cb`.
    pub(crate) get_session: GetSessionCallback,
    /// `SSL_CTX_sess_set_remove_cb`.
    pub(crate) remove_session: RemoveSessionCallback,
    /// `tls12_SSL_CTX_set_ticket_key_cb`: the callback and its argument.
    pub(crate) ticket_key: (TicketKeyCallback, *mut c_void),
}

impl Default for SessionCallbacks {
    fn default() -> Self {
        SessionCallbacks {
            new_session: None,
            get_session: None,
            remove_session: None,
            ticket_key: (None, std::ptr::null_mut()),
        }
    }
}

impl SessionCallbacks {
    /// Tells the remove callback about each of `sessions`, which left the internal cache
    /// of `ctx`, then drops them.
    pub(crate) fn removed(&self, ctx: *mut SslCtx, sessions: Vec<Arc<Session>>) {
        let Some(cb) = self.remove_session else { return };
        for session in sessions {
            let handle = SslSession::into_ptr(session);
            // SAFETY: the application installed the callback for these arguments;
            // `handle` is live for the call, and its reference is given up after it.
            unsafe {
                cb(ctx, handle);
                arc_release(handle);
            }
        }
    }

    /// After a handshake made a new session: flushes the expired sessions of `cache`
    /// every 256th completed handshake (client or server, as the connection is), unless
    /// `mode` has `SSL_SESS_CACHE_NO_AUTO_CLEAR`.
    pub(crate) fn auto_clear(&self, ctx: *mut SslCtx, mode: u32, cache: &SessionCache, is_client: bool) {
        self.removed(ctx, cache.flush_if_due(mode, is_client, session::now()));
    }
}

/// Runs `f` on the context behind `ctx` through the panic guard, or gives `fail` (with
/// an error entry) for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
unsafe fn with_ctx<R: Copy>(ctx: *const SslCtx, fail: R, f: impl FnOnce(&SslCtx) -> R) -> R {
    guard(fail, move || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        unsafe { SslCtx::from_ptr(ctx) }.map_or(fail, f)
    })
}

impl SslCtx {
    /// The internal cache and the session callbacks.
    fn sessions(&self) -> (Arc<SessionCache>, SessionCallbacks) {
        self.lock_settings(|s| (Arc::clone(&s.config.session_cache), s.session_callbacks))
    }

    /// Runs `f` on the settings (a short-lived lock; no callback runs meanwhile).
    fn lock_settings<R>(&self, f: impl FnOnce(&mut super::Settings) -> R) -> R {
        self.with_settings(f).expect("a context's settings are always available")
    }
}

/// A `u64` setting as a C `long`, saturating.
fn to_long(value: u64) -> c_long {
    c_long::try_from(value).unwrap_or(c_long::MAX)
}

/// `SSL_CTX_set_session_cache_mode` (a macro in OpenSSL): the `SSL_SESS_CACHE_*` bits
/// (`OFF`, `CLIENT`, `SERVER`, `BOTH`, `NO_AUTO_CLEAR`, `NO_INTERNAL_LOOKUP`,
/// `NO_INTERNAL_STORE`, `NO_INTERNAL`) for the connections made from now on. Returns
/// the previous mode (0 for NULL).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_session_cache_mode(ctx: *mut SslCtx, mode: c_long) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            let bits = u32::try_from(mode & 0xffff_ffff).unwrap_or(0);
            c_long::from(c.lock_settings(|s| std::mem::replace(&mut s.config.session_cache_mode, bits)))
        })
    }
}

/// `SSL_CTX_get_session_cache_mode` (a macro in OpenSSL): the `SSL_SESS_CACHE_*` bits
/// (`SSL_SESS_CACHE_SERVER` by default; 0 for NULL).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_session_cache_mode(ctx: *const SslCtx) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe { with_ctx(ctx, 0, |c| c_long::from(c.lock_settings(|s| s.config.session_cache_mode))) }
}

/// `SSL_CTX_sess_set_cache_size` (a macro in OpenSSL): how many sessions the internal
/// cache holds (0: no limit; 20480 by default). Shrinking evicts the least recently
/// used sessions at once (the remove callback hears of each). Returns the previous
/// size, or 0 for NULL or a negative size.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_sess_set_cache_size(ctx: *mut SslCtx, size: c_long) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            let Ok(size) = usize::try_from(size) else {
                err::push(Reason::BAD_VALUE, format!("SSL_CTX_sess_set_cache_size: the size {size} is negative"));
                return 0;
            };
            let (cache, callbacks) = c.sessions();
            let previous = cache.capacity();
            callbacks.removed(ctx, cache.set_capacity(size));
            to_long(previous as u64)
        })
    }
}

/// `SSL_CTX_sess_get_cache_size` (a macro in OpenSSL): the internal cache's capacity
/// (0: no limit).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_sess_get_cache_size(ctx: *const SslCtx) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe { with_ctx(ctx, 0, |c| to_long(c.sessions().0.capacity() as u64)) }
}

/// `SSL_CTX_set_timeout`: how many seconds the sessions made from now on may be resumed
/// (7200 by default; also the lifetime hint sent with tickets). Returns the previous
/// value, or 0 for NULL or a negative value.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_timeout(ctx: *mut SslCtx, t: c_long) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            let Ok(t) = u64::try_from(t) else {
                err::push(Reason::BAD_VALUE, format!("SSL_CTX_set_timeout: the timeout {t} is negative"));
                return 0;
            };
            to_long(c.lock_settings(|s| std::mem::replace(&mut s.config.session_timeout, t)))
        })
    }
}

/// `SSL_CTX_get_timeout`: the session lifetime in seconds (0 for NULL).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_timeout(ctx: *const SslCtx) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe { with_ctx(ctx, 0, |c| to_long(c.lock_settings(|s| s.config.session_timeout))) }
}

/// `SSL_CTX_flush_sessions`: removes from the internal cache every session expired at
/// time `tm` (seconds since 1970; 0 or less removes them all). The remove callback
/// hears of each.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_flush_sessions(ctx: *mut SslCtx, tm: c_long) {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, (), |c| {
            let (cache, callbacks) = c.sessions();
            callbacks.removed(ctx, cache.flush(u64::try_from(tm).unwrap_or(0)));
        })
    }
}

/// `SSL_CTX_add_session`: puts `session` in the internal cache as the most recently
/// used, replacing a session with the same ID (the remove callback hears of it, and of
/// one evicted to make room). Returns 1, or 0 when that very session was already
/// there, has no session ID, or an argument is NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `session` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_add_session(ctx: *mut SslCtx, session: *mut SslSession) -> c_int {
    // SAFETY: the caller promises `ctx` and `session` are NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            let Some(session) = session_arg(session) else { return 0 };
            if session.id.is_empty() {
                err::push(Reason::BAD_VALUE, "SSL_CTX_add_session: the session has no ID, so it cannot be cached");
                return 0;
            }
            let (cache, callbacks) = c.sessions();
            let (added, removed) = cache.add_session(session);
            callbacks.removed(ctx, removed);
            c_int::from(added)
        })
    }
}

/// `SSL_CTX_remove_session`: takes the session with `session`'s ID out of the internal
/// cache (the remove callback hears of it). Returns 1 when it was there, else 0.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `session` is NULL or a live `SSL_SESSION`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_remove_session(ctx: *mut SslCtx, session: *mut SslSession) -> c_int {
    // SAFETY: the caller promises `ctx` and `session` are NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            // SAFETY: the caller promises `session` is NULL or live.
            let Some(handle) = SslSession::from_ptr(session) else { return 0 };
            let (cache, callbacks) = c.sessions();
            let removed: Vec<Arc<Session>> = cache.remove(handle.id()).into_iter().collect();
            let found = !removed.is_empty();
            callbacks.removed(ctx, removed);
            c_int::from(found)
        })
    }
}

/// Defines the exported statistics, each a macro over `SSL_CTX_ctrl` in OpenSSL.
macro_rules! statistics {
    ($($(#[$doc:meta])* $name:ident: |$cache:ident, $stats:ident| $value:expr;)*) => {$(
        $(#[$doc])*
        /// 0 for NULL.
        ///
        /// # Safety
        /// `ctx` is NULL or a live `SSL_CTX`.
        #[no_mangle]
        pub unsafe extern "C" fn $name(ctx: *const SslCtx) -> c_long {
            // SAFETY: the caller promises `ctx` is NULL or live.
            unsafe {
                with_ctx(ctx, 0, |c| {
                    let $cache: Arc<SessionCache> = c.sessions().0;
                    let $stats: CacheStats = $cache.stats();
                    let _ = &$stats;
                    to_long($value)
                })
            }
        }
    )*};
}

statistics! {
    /// `SSL_CTX_sess_number`: the sessions in the internal cache.
    tls12_SSL_CTX_sess_number: |cache, stats| cache.len() as u64;
    /// `SSL_CTX_sess_connect`: client handshakes started.
    tls12_SSL_CTX_sess_connect: |cache, stats| stats.connect;
    /// `SSL_CTX_sess_connect_good`: client handshakes completed.
    tls12_SSL_CTX_sess_connect_good: |cache, stats| stats.connect_good;
    /// `SSL_CTX_sess_connect_renegotiate`: client renegotiations started (never:
    /// renegotiation is refused).
    tls12_SSL_CTX_sess_connect_renegotiate: |cache, stats| stats.connect_renegotiate;
    /// `SSL_CTX_sess_accept`: server handshakes started.
    tls12_SSL_CTX_sess_accept: |cache, stats| stats.accept;
    /// `SSL_CTX_sess_accept_good`: server handshakes completed.
    tls12_SSL_CTX_sess_accept_good: |cache, stats| stats.accept_good;
    /// `SSL_CTX_sess_accept_renegotiate`: server renegotiations started (never:
    /// renegotiation is refused).
    tls12_SSL_CTX_sess_accept_renegotiate: |cache, stats| stats.accept_renegotiate;
    /// `SSL_CTX_sess_hits`: sessions a server resumed from the internal cache or a
    /// ticket; resumed handshakes a client completed.
    tls12_SSL_CTX_sess_hits: |cache, stats| stats.hits;
    /// `SSL_CTX_sess_cb_hits`: sessions the get-session callback supplied.
    tls12_SSL_CTX_sess_cb_hits: |cache, stats| stats.callback_hits;
    /// `SSL_CTX_sess_misses`: sessions a client asked a server for that were not found;
    /// sessions a client offered that the server did not resume.
    tls12_SSL_CTX_sess_misses: |cache, stats| stats.misses;
    /// `SSL_CTX_sess_timeouts`: sessions found expired.
    tls12_SSL_CTX_sess_timeouts: |cache, stats| stats.timeouts;
    /// `SSL_CTX_sess_cache_full`: sessions evicted because the cache was full.
    tls12_SSL_CTX_sess_cache_full: |cache, stats| stats.cache_full;
}

/// Defines a setter and a getter for one of the session callbacks.
macro_rules! callback_accessors {
    ($($(#[$doc:meta])* $field:ident: $ty:ty, $set:ident / $get:ident;)*) => {$(
        $(#[$doc])*
        /// The setter installs the callback (NULL removes it) for the connections made
        /// from now on.
        ///
        /// # Safety
        /// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
        #[no_mangle]
        pub unsafe extern "C" fn $set(ctx: *mut SslCtx, cb: $ty) {
            // SAFETY: the caller promises `ctx` is NULL or live.
            unsafe { with_ctx(ctx, (), |c| c.lock_settings(|s| s.session_callbacks.$field = cb)) }
        }

        $(#[$doc])*
        /// The getter returns the callback installed (NULL if none).
        ///
        /// # Safety
        /// `ctx` is NULL or a live `SSL_CTX`.
        #[no_mangle]
        pub unsafe extern "C" fn $get(ctx: *mut SslCtx) -> $ty {
            // SAFETY: the caller promises `ctx` is NULL or live.
            unsafe { with_ctx(ctx, None, |c| c.lock_settings(|s| s.session_callbacks.$field)) }
        }
    )*};
}

callback_accessors! {
    /// `SSL_CTX_sess_set_new_cb` / `SSL_CTX_sess_get_new_cb`: the new-session callback
    /// (`tls12_new_session_cb`).
    new_session: NewSessionCallback, tls12_SSL_CTX_sess_set_new_cb / tls12_SSL_CTX_sess_get_new_cb;
    /// `SSL_CTX_sess_set_get_cb` / `SSL_CTX_sess_get_get_cb`: the get-session callback
    /// (`tls12_get_session_cb`).
    get_session: GetSessionCallback, tls12_SSL_CTX_sess_set_get_cb / tls12_SSL_CTX_sess_get_get_cb;
    /// `SSL_CTX_sess_set_remove_cb` / `SSL_CTX_sess_get_remove_cb`: the remove-session
    /// callback (`tls12_remove_session_cb`).
    remove_session: RemoveSessionCallback, tls12_SSL_CTX_sess_set_remove_cb / tls12_SSL_CTX_sess_get_remove_cb;
}

/// Checks the buffer of the ticket-key accessors: `Err` holds the answer to give at
/// once (48, the size, for NULL `keys`; 0 with an error entry for another length).
fn ticket_keys_len(keys: *const c_void, keylen: c_long, func: &str) -> Result<(), c_long> {
    if keys.is_null() {
        return Err(TICKET_KEYS_LEN as c_long);
    }
    if usize::try_from(keylen) != Ok(TICKET_KEYS_LEN) {
        err::push(
            Reason::BAD_VALUE,
            format!("{func}: the ticket keys are {TICKET_KEYS_LEN} bytes (name, HMAC secret, AES key), not {keylen}"),
        );
        return Err(0);
    }
    Ok(())
}

/// `SSL_CTX_set_tlsext_ticket_keys` (a macro over `SSL_CTX_ctrl` in OpenSSL): the 48
/// bytes at `keys` (16 of key name, 32 of secret) become the only key that seals and
/// opens tickets, replacing the random one a context starts with. Returns 1, 48 when
/// `keys` is NULL, or 0 when `keylen` is not 48.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `keys` is NULL or has `keylen` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tlsext_ticket_keys(
    ctx: *mut SslCtx,
    keys: *const c_void,
    keylen: c_long,
) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            if let Err(answer) = ticket_keys_len(keys, keylen, "SSL_CTX_set_tlsext_ticket_keys") {
                return answer;
            }
            // SAFETY: `keys` is non-NULL with 48 readable bytes (checked above).
            let raw = &*keys.cast::<[u8; TICKET_KEYS_LEN]>();
            let store = c.lock_settings(|s| Arc::clone(&s.config.ticket_keys));
            store.set(TicketKeys::new(TicketKey::from_openssl_bytes(raw)));
            1
        })
    }
}

/// `SSL_CTX_get_tlsext_ticket_keys` (a macro over `SSL_CTX_ctrl` in OpenSSL): writes
/// the 48 bytes of the key that seals tickets now to `keys`. Returns 1, 48 when `keys`
/// is NULL, or 0 when `keylen` is not 48.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `keys` is NULL or has `keylen` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_tlsext_ticket_keys(
    ctx: *mut SslCtx,
    keys: *mut c_void,
    keylen: c_long,
) -> c_long {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            if let Err(answer) = ticket_keys_len(keys, keylen, "SSL_CTX_get_tlsext_ticket_keys") {
                return answer;
            }
            let store = c.lock_settings(|s| Arc::clone(&s.config.ticket_keys));
            match store.with(|k| k.current().to_openssl_bytes()) {
                Ok(bytes) => {
                    // SAFETY: `keys` is non-NULL with 48 writable bytes (checked above).
                    std::ptr::copy_nonoverlapping(bytes.as_ptr(), keys.cast::<u8>(), TICKET_KEYS_LEN);
                    1
                }
                Err(e) => {
                    err::push_error(&e);
                    0
                }
            }
        })
    }
}

/// `tls12_SSL_CTX_load_ticket_key_file` (libtls12's own): reads the ticket keys from the
/// text file at `path`, one key per line as 96 hex digits (48 bytes: 16 of name, 32 of
/// secret), `#` comments and blank lines ignored, at most 5 keys. The first key seals
/// new tickets; all of them open tickets, and a ticket opened with a key other than the
/// first is renewed. Servers sharing the file accept each other's tickets; to rotate,
/// put a new key first, keep the old ones after it for as long as their tickets should
/// stay valid, and call this again on every server (connections made from then on use
/// the new keys). Returns 1, or 0 with an error entry (the keys in use stay).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `path` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_load_ticket_key_file(ctx: *mut SslCtx, path: *const c_char) -> c_int {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            // SAFETY: the caller promises `path` is NULL or NUL-terminated.
            let Some(path) = c_str(path, "path") else { return 0 };
            let func = "tls12_SSL_CTX_load_ticket_key_file";
            let keys = match std::fs::read(path) {
                Ok(text) => TicketKeys::from_key_file(&zeroize::Zeroizing::new(text)),
                Err(e) => {
                    err::push(Reason::SYSTEM_LIB, format!("{func}: cannot read {path}: {e}"));
                    return 0;
                }
            };
            match keys {
                Ok(keys) => {
                    c.lock_settings(|s| Arc::clone(&s.config.ticket_keys)).set(keys);
                    1
                }
                Err(e) => {
                    err::push_error_saying(&e, format!("{func}: {path}: {}", e.detail));
                    0
                }
            }
        })
    }
}

/// `tls12_SSL_CTX_set_ticket_key_cb` (libtls12's own, in the spirit of OpenSSL's
/// `SSL_CTX_set_tlsext_ticket_key_evp_cb`): installs the callback that gives the keys
/// sealing and opening session tickets (`tls12_ticket_key_cb`, see [`TicketKeyCallback`]), with `arg` passed to
/// every call, for the connections made from now on. While it is installed the keys of
/// `SSL_CTX_set_tlsext_ticket_keys` and key files are not used; NULL removes it. Servers
/// whose callbacks give the same keys resume each other's tickets. Returns 1, or 0 for a
/// NULL `ctx`.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented, with
/// `arg`, from any thread that drives a connection of `ctx`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_ticket_key_cb(
    ctx: *mut SslCtx,
    cb: TicketKeyCallback,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe {
        with_ctx(ctx, 0, |c| {
            c.lock_settings(|s| s.session_callbacks.ticket_key = (cb, arg));
            1
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_key_buffers_are_checked() {
        let buf = [0u8; 48];
        assert_eq!(ticket_keys_len(std::ptr::null(), 48, "f"), Err(48));
        assert_eq!(ticket_keys_len(buf.as_ptr().cast(), 47, "f"), Err(0));
        assert_eq!(ticket_keys_len(buf.as_ptr().cast(), 48, "f"), Ok(()));
    }
}

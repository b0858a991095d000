//! Pre-shared keys (RFC 4279, RFC 5489): OpenSSL's PSK callbacks, the server's
//! identity hint, and what the handshake used. A client offers PSK suites once a PSK
//! client callback is installed; a server may choose them once a PSK server callback
//! is, and needs no certificate for the plain, DHE and ECDHE PSK suites.
//!
//! The callbacks get buffers of OpenSSL's sizes (`PSK_MAX_IDENTITY_LEN` + 1 for the
//! identity, `PSK_MAX_PSK_LEN` for the key); the key buffers are wiped after use.

#![allow(non_snake_case)]

use super::ctx::{Handle, SslCtx};
use super::extras::{cached_text, on_handle};
use super::ssl::{with_ssl, Ssl};
use super::{c_str, err};
use crate::error::Reason;
use crate::handshake::key_agreement::{Psk, MAX_PSK_IDENTITY_LEN, MAX_PSK_LEN};
use std::ffi::{c_char, c_int, c_uchar, c_uint, CString};
use std::ptr;
use zeroize::Zeroizing;

/// `PSK_MAX_IDENTITY_LEN`: the longest identity (and identity hint), in bytes.
pub const PSK_MAX_IDENTITY_LEN: c_uint = MAX_PSK_IDENTITY_LEN as c_uint;
/// `PSK_MAX_PSK_LEN`: the longest pre-shared key, in bytes.
pub const PSK_MAX_PSK_LEN: c_uint = MAX_PSK_LEN as c_uint;

/// The client callback (`SSL_psk_client_cb_func`): given the server's identity hint
/// (NULL if it sent none), it writes a NUL-terminated identity of at most
/// `max_identity_len` bytes into `identity` and the key into `psk` (room for
/// `max_psk_len` bytes), and returns the key's length; 0 fails the handshake.
pub type PskClientCallback = Option<
    unsafe extern "C" fn(
        ssl: *mut Ssl,
        hint: *const c_char,
        identity: *mut c_char,
        max_identity_len: c_uint,
        psk: *mut c_uchar,
        max_psk_len: c_uint,
    ) -> c_uint,
>;

/// The server callback (`SSL_psk_server_cb_func`): given the identity the client
/// named, it writes that identity's key into `psk` (room for `max_psk_len` bytes) and
/// returns its length; 0 means the identity is unknown (`unknown_psk_identity`).
pub type PskServerCallback = Option<
    unsafe extern "C" fn(ssl: *mut Ssl, identity: *const c_char, psk: *mut c_uchar, max_psk_len: c_uint) -> c_uint,
>;

/// Installs the client callback on a context or connection.
///
/// # Safety
/// `p` is NULL or a live handle; `cb` is NULL or safe to call as documented.
unsafe fn set_client_cb<H: Handle>(p: *const H, func: &str, cb: PskClientCallback) {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, (), |s| {
            s.extras.psk_client_cb = cb;
        })
    }
}

/// Installs the server callback on a context or connection.
///
/// # Safety
/// `p` is NULL or a live handle; `cb` is NULL or safe to call as documented.
unsafe fn set_server_cb<H: Handle>(p: *const H, func: &str, cb: PskServerCallback) {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, (), |s| {
            s.extras.psk_server_cb = cb;
        })
    }
}

/// Sets the identity hint of a context or connection (NULL: none). Returns 1, or 0
/// when the hint is longer than `PSK_MAX_IDENTITY_LEN`.
///
/// # Safety
/// `p` is NULL or a live handle; `hint` is NULL or a NUL-terminated string.
unsafe fn use_hint<H: Handle>(p: *const H, func: &str, hint: *const c_char) -> c_int {
    let text = if hint.is_null() {
        None
    } else {
        // SAFETY: non-NULL and NUL-terminated, as the caller promises.
        let Some(text) = (unsafe { c_str(hint, "identity_hint") }) else { return 0 };
        Some(text.as_bytes().to_vec())
    };
    if text.as_ref().is_some_and(|t| t.len() > MAX_PSK_IDENTITY_LEN) {
        err::push(
            Reason::DATA_LENGTH_TOO_LONG,
            format!("{func}: an identity hint has at most {MAX_PSK_IDENTITY_LEN} bytes"),
        );
        return 0;
    }
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, 0, |s| {
            s.config.psk_identity_hint = text;
            1
        })
    }
}

/// `SSL_CTX_set_psk_client_callback`: the client callback (NULL removes it) for the
/// connections made from now on; with one, PSK suites in the cipher list are offered.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_psk_client_callback(ctx: *mut SslCtx, cb: PskClientCallback) {
    // SAFETY: as the caller promises.
    unsafe { set_client_cb(ctx.cast_const(), "SSL_CTX_set_psk_client_callback", cb) }
}

/// `SSL_set_psk_client_callback`: the client callback of one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_psk_client_callback(ssl: *mut Ssl, cb: PskClientCallback) {
    // SAFETY: as the caller promises.
    unsafe { set_client_cb(ssl.cast_const(), "SSL_set_psk_client_callback", cb) }
}

/// `SSL_CTX_set_psk_server_callback`: the server callback (NULL removes it) for the
/// connections made from now on; with one, PSK suites may be chosen.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_psk_server_callback(ctx: *mut SslCtx, cb: PskServerCallback) {
    // SAFETY: as the caller promises.
    unsafe { set_server_cb(ctx.cast_const(), "SSL_CTX_set_psk_server_callback", cb) }
}

/// `SSL_set_psk_server_callback`: the server callback of one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_psk_server_callback(ssl: *mut Ssl, cb: PskServerCallback) {
    // SAFETY: as the caller promises.
    unsafe { set_server_cb(ssl.cast_const(), "SSL_set_psk_server_callback", cb) }
}

/// `SSL_CTX_use_psk_identity_hint`: the hint a server sends with PSK suites (copied;
/// NULL sends none). Returns 1, or 0 when it is longer than 256 bytes.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `identity_hint` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_psk_identity_hint(ctx: *mut SslCtx, identity_hint: *const c_char) -> c_int {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { use_hint(ctx.cast_const(), "SSL_CTX_use_psk_identity_hint", identity_hint) })
}

/// `SSL_use_psk_identity_hint`: the hint of one connection (see the context's).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `identity_hint` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_use_psk_identity_hint(ssl: *mut Ssl, identity_hint: *const c_char) -> c_int {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { use_hint(ssl.cast_const(), "SSL_use_psk_identity_hint", identity_hint) })
}

/// `SSL_get_psk_identity`: the PSK identity of the handshake (a client's own, the one
/// a server's client named), or NULL. The text belongs to the connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_psk_identity(ssl: *const Ssl) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null(), |s| {
            let identity = s.with_conn(|c| c.psk_identity().map(<[u8]>::to_vec)).flatten();
            s.settings_mut(|st| cached_text(&mut st.extras.psk_identity_text, identity.as_deref()))
                .unwrap_or(ptr::null())
        })
    }
}

/// `SSL_get_psk_identity_hint`: a client's: the hint the server sent; a server's: the
/// hint it sends. NULL if none. The text belongs to the connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_psk_identity_hint(ssl: *const Ssl) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null(), |s| {
            let received = s.with_conn(|c| c.is_client().then(|| c.psk_identity_hint().map(<[u8]>::to_vec))).flatten();
            s.settings_mut(|st| {
                let hint = received.unwrap_or_else(|| st.config.psk_identity_hint.clone());
                cached_text(&mut st.extras.psk_hint_text, hint.as_deref().filter(|h| !h.is_empty()))
            })
            .unwrap_or(ptr::null())
        })
    }
}

/// The client hook: asks the application's callback for the identity and key.
pub(crate) fn client_key(ssl: &Ssl, ssl_ptr: *mut Ssl, hint: Option<&[u8]>) -> Option<Psk> {
    let cb = ssl.settings_mut(|s| s.extras.psk_client_cb).flatten()?;
    let hint = hint.filter(|h| !h.is_empty()).map(|h| {
        let end = h.iter().position(|&b| b == 0).unwrap_or(h.len());
        CString::new(&h[..end]).unwrap_or_default()
    });
    let mut identity = [0u8; MAX_PSK_IDENTITY_LEN + 1];
    let mut key = Zeroizing::new([0u8; MAX_PSK_LEN]);
    // SAFETY: the application installed the callback for these arguments; the buffers
    // have the sizes given and live across the call.
    let n = unsafe {
        cb(
            ssl_ptr,
            hint.as_ref().map_or(ptr::null(), |h| h.as_ptr()),
            identity.as_mut_ptr().cast(),
            PSK_MAX_IDENTITY_LEN,
            key.as_mut_ptr(),
            PSK_MAX_PSK_LEN,
        )
    } as usize;
    if n > MAX_PSK_LEN {
        err::push(
            Reason::BAD_PSK,
            format!("the PSK client callback returned {n} bytes; the key buffer has {MAX_PSK_LEN}"),
        );
        return None;
    }
    // No NUL in the buffer: the whole buffer, which the engine rejects as too long.
    let end = identity.iter().position(|&b| b == 0).unwrap_or(identity.len());
    (n > 0).then(|| Psk { identity: identity[..end].to_vec(), key: Zeroizing::new(key[..n].to_vec()) })
}

/// The server hook: asks the application's callback for the key of `identity` (up to
/// its first NUL byte, as OpenSSL passes it).
pub(crate) fn server_key(ssl: &Ssl, ssl_ptr: *mut Ssl, identity: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let cb = ssl.settings_mut(|s| s.extras.psk_server_cb).flatten()?;
    let end = identity.iter().position(|&b| b == 0).unwrap_or(identity.len());
    let identity = CString::new(&identity[..end]).ok()?;
    let mut key = Zeroizing::new([0u8; MAX_PSK_LEN]);
    // SAFETY: the application installed the callback for these arguments; the buffers
    // live across the call and `key` has the size given.
    let n = unsafe { cb(ssl_ptr, identity.as_ptr(), key.as_mut_ptr(), PSK_MAX_PSK_LEN) } as usize;
    if n > MAX_PSK_LEN {
        err::push(
            Reason::BAD_PSK,
            format!("the PSK server callback returned {n} bytes; the key buffer has {MAX_PSK_LEN}"),
        );
        return None;
    }
    (n > 0).then(|| Zeroizing::new(key[..n].to_vec()))
}

//! OCSP stapling (RFC 6066 8): a server staples the response its status callback sets
//! with `SSL_set_tlsext_status_ocsp_resp`; a client asks with
//! `SSL_set_tlsext_status_type` and judges the stapled response in the same callback.
//! In OpenSSL these are macros over `SSL_ctrl` and `SSL_CTX_callback_ctrl`; here they
//! are functions.

#![allow(non_snake_case)]

use super::ctx::{Handle, SslCtx};
use super::extras::on_handle;
use super::ssl::{with_ssl, Ssl};
use super::{err, null_arg};
use crate::error::Reason;
use crate::msgs::enums::AlertDescription;
use std::ffi::{c_int, c_long, c_uchar, c_void};
use std::ptr;

/// `TLSEXT_STATUSTYPE_ocsp`: ask for an OCSP response.
pub const TLSEXT_STATUSTYPE_OCSP: c_int = 1;
/// `TLSEXT_STATUSTYPE_nothing`: ask for nothing (the default).
const TLSEXT_STATUSTYPE_NOTHING: c_int = -1;

/// The status callback of `SSL_CTX_set_tlsext_status_cb`, called with the argument of
/// `SSL_CTX_set_tlsext_status_arg`. On a server (when a client asks and a certificate
/// is sent) it sets the response with `SSL_set_tlsext_status_ocsp_resp` and returns
/// `SSL_TLSEXT_ERR_OK` (0) to staple it, `SSL_TLSEXT_ERR_NOACK` (3) to staple nothing,
/// or `SSL_TLSEXT_ERR_ALERT_FATAL` (2) to abort with `internal_error`. On a client
/// that asked, it reads the response with `SSL_get_tlsext_status_ocsp_resp` (after the
/// server's Certificate) and returns 1 to go on, 0 to abort with
/// `bad_certificate_status_response`, or a negative value for an internal error.
pub type StatusCallback = Option<unsafe extern "C" fn(ssl: *mut Ssl, arg: *mut c_void) -> c_int>;

/// `SSL_CTX_set_tlsext_status_cb`: installs the status callback (NULL removes it).
/// Returns 1, 0 for NULL `ctx`.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tlsext_status_cb(ctx: *mut SslCtx, cb: StatusCallback) -> c_long {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(ctx.cast_const(), "SSL_CTX_set_tlsext_status_cb", 0, |s| {
            s.extras.status_cb = cb;
            1
        })
    }
}

/// `SSL_CTX_set_tlsext_status_arg`: the argument the status callback gets. Returns 1.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tlsext_status_arg(ctx: *mut SslCtx, arg: *mut c_void) -> c_long {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(ctx.cast_const(), "SSL_CTX_set_tlsext_status_arg", 0, |s| {
            s.extras.status_arg = arg;
            1
        })
    }
}

/// `SSL_CTX_get_tlsext_status_cb`: stores the status callback (NULL if none) in
/// `*callback`. Returns 1, or 0 for NULL arguments.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `callback` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_tlsext_status_cb(
    ctx: *const SslCtx,
    callback: *mut StatusCallback,
) -> c_long {
    super::guard(0, || {
        // SAFETY: as the caller promises.
        let Some(out) = (unsafe { callback.as_mut() }) else {
            null_arg("callback");
            return 0;
        };
        // SAFETY: as the caller promises.
        unsafe {
            on_handle(ctx, "SSL_CTX_get_tlsext_status_cb", 0, |s| {
                *out = s.extras.status_cb;
                1
            })
        }
    })
}

/// `SSL_CTX_get_tlsext_status_arg`: stores the status callback's argument in `*arg`.
/// Returns 1, or 0 for NULL arguments.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `arg` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_tlsext_status_arg(ctx: *const SslCtx, arg: *mut *mut c_void) -> c_long {
    super::guard(0, || {
        // SAFETY: as the caller promises.
        let Some(out) = (unsafe { arg.as_mut() }) else {
            null_arg("arg");
            return 0;
        };
        // SAFETY: as the caller promises.
        unsafe {
            on_handle(ctx, "SSL_CTX_get_tlsext_status_arg", 0, |s| {
                *out = s.extras.status_arg;
                1
            })
        }
    })
}

/// Sets whether a client asks for a stapled response.
///
/// # Safety
/// `p` is NULL or a live handle.
unsafe fn set_status_type<H: Handle>(p: *const H, func: &str, type_: c_int) -> c_long {
    let ask = match type_ {
        TLSEXT_STATUSTYPE_OCSP => true,
        TLSEXT_STATUSTYPE_NOTHING => false,
        other => {
            err::push(
                Reason::BAD_VALUE,
                format!("{func}: unknown status type {other}; only TLSEXT_STATUSTYPE_ocsp (1)"),
            );
            return 0;
        }
    };
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, 0, |s| {
            s.config.request_ocsp = ask;
            1
        })
    }
}

/// `SSL_set_tlsext_status_type`: with `TLSEXT_STATUSTYPE_ocsp` (1) the client asks the
/// server to staple an OCSP response (status_request); -1 asks for nothing. Returns 1,
/// or 0 for another type.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_tlsext_status_type(ssl: *mut Ssl, type_: c_int) -> c_long {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { set_status_type(ssl.cast_const(), "SSL_set_tlsext_status_type", type_) })
}

/// `SSL_CTX_set_tlsext_status_type`: as `SSL_set_tlsext_status_type`, for the
/// connections made from the context from now on.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tlsext_status_type(ctx: *mut SslCtx, type_: c_int) -> c_long {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { set_status_type(ctx.cast_const(), "SSL_CTX_set_tlsext_status_type", type_) })
}

/// `SSL_get_tlsext_status_type`: `TLSEXT_STATUSTYPE_ocsp` (1) when the client asks
/// for a stapled response, else -1.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_tlsext_status_type(ssl: *const Ssl) -> c_long {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(ssl, "SSL_get_tlsext_status_type", -1, |s| {
            c_long::from(if s.config.request_ocsp { TLSEXT_STATUSTYPE_OCSP } else { TLSEXT_STATUSTYPE_NOTHING })
        })
    }
}

/// `SSL_set_tlsext_status_ocsp_resp`: the DER OCSP response a server staples (call it
/// from the status callback). As in OpenSSL, the library takes ownership of `resp`,
/// which must come from `OPENSSL_malloc` (it is freed here); NULL clears the response.
/// Returns 1, or 0 (keeping nothing) for a negative length or NULL `ssl`.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `resp` is NULL or `len` bytes from `OPENSSL_malloc`
/// that the caller no longer uses.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_tlsext_status_ocsp_resp(
    ssl: *mut Ssl,
    resp: *mut c_uchar,
    len: c_long,
) -> c_long {
    super::guard(0, || {
        let Ok(n) = c_int::try_from(len) else {
            err::push(Reason::BAD_VALUE, format!("SSL_set_tlsext_status_ocsp_resp: the length {len} is out of range"));
            return 0;
        };
        let response = if resp.is_null() {
            None
        } else {
            // SAFETY: the caller promises `len` readable bytes at `resp`.
            let Some(data) = (unsafe { super::bytes(resp, n, "resp") }) else { return 0 };
            Some(data.to_vec())
        };
        // SAFETY: the caller promises `ssl` is NULL or live.
        let stored = unsafe {
            on_handle(ssl.cast_const(), "SSL_set_tlsext_status_ocsp_resp", 0, |s| {
                s.extras.ocsp_resp = response;
                1
            })
        };
        if stored == 1 {
            // SAFETY: ownership of `resp` (from OPENSSL_malloc, that is malloc) passed
            // to us, and it was copied above.
            unsafe { libc::free(resp.cast()) };
        }
        stored
    })
}

/// `SSL_get_tlsext_status_ocsp_resp`: points `*resp` at the OCSP response (a client's:
/// the one the server stapled; a server's: the one set) and returns its length, or
/// sets `*resp` to NULL and returns -1 when there is none. The bytes belong to the
/// connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `resp` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_tlsext_status_ocsp_resp(ssl: *mut Ssl, resp: *mut *const c_uchar) -> c_long {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, -1, |s| {
            if resp.is_null() {
                null_arg("resp");
                return -1;
            }
            let (p, n) = s
                .settings_mut(|st| match &st.extras.ocsp_resp {
                    Some(r) if !r.is_empty() => (r.as_ptr(), r.len() as c_long),
                    _ => (ptr::null(), -1),
                })
                .unwrap_or((ptr::null(), -1));
            // SAFETY: `resp` is non-NULL and writable, as the caller promises.
            *resp = p;
            n
        })
    }
}

/// The status callback and its argument, from the connection's context.
fn callback(ssl: &Ssl) -> (StatusCallback, *mut c_void) {
    ssl.ctx().with_settings(|s| (s.extras.status_cb, s.extras.status_arg)).unwrap_or((None, ptr::null_mut()))
}

/// The server hook: runs the status callback, if there is one, and returns its
/// verdict (`SSL_TLSEXT_ERR_*`) with the response it set.
pub(crate) fn server_status(ssl: &Ssl, ssl_ptr: *mut Ssl) -> Option<(c_int, Option<Vec<u8>>)> {
    let (Some(cb), arg) = callback(ssl) else { return None };
    // SAFETY: the application installed the callback for these arguments.
    let verdict = unsafe { cb(ssl_ptr, arg) };
    Some((verdict, ssl.settings_mut(|s| s.extras.ocsp_resp.clone()).flatten()))
}

/// The client hook: keeps the stapled response for `SSL_get_tlsext_status_ocsp_resp`
/// and runs the status callback; returns whether the handshake goes on.
pub(crate) fn client_check(ssl: &Ssl, ssl_ptr: *mut Ssl, response: Option<&[u8]>) -> Result<(), AlertDescription> {
    ssl.settings_mut(|s| s.extras.ocsp_resp = response.map(<[u8]>::to_vec));
    let (Some(cb), arg) = callback(ssl) else { return Ok(()) };
    // SAFETY: the application installed the callback for these arguments.
    let verdict = unsafe { cb(ssl_ptr, arg) };
    match verdict {
        1.. => Ok(()),
        0 => Err(AlertDescription::BadCertificateStatusResponse),
        _ => {
            err::push(Reason::INTERNAL_ERROR, format!("the OCSP status callback failed ({verdict})"));
            Err(AlertDescription::InternalError)
        }
    }
}

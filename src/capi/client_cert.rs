//! Client certificates: the CA names a server sends in its CertificateRequest
//! (`SSL_CTX_add_client_CA`) and the client's certificate callback
//! (`SSL_CTX_set_client_cert_cb`), asked when no configured certificate fits.

#![allow(non_snake_case)]

use super::ctx::{Handle, SslCtx};
use super::extras::on_handle;
use super::pkey::EvpPkey;
use super::ssl::Ssl;
use super::x509::X509;
use super::{arc_release, err, null_arg};
use crate::error::Reason;
use crate::keys::CertifiedKey;
use std::ffi::c_int;
use std::ptr;
use std::sync::Arc;

/// The client certificate callback: called when the server asks for a certificate and
/// none configured fits. Returning 1 with `*x509` and `*pkey` set sends that
/// certificate (the library takes over both references); 0 sends none. A negative
/// value (OpenSSL's "retry later") is not supported and also sends none.
pub type ClientCertCallback =
    Option<unsafe extern "C" fn(ssl: *mut Ssl, x509: *mut *mut X509, pkey: *mut *mut EvpPkey) -> c_int>;

/// Adds the subject name of `x` to the CA names of a context or connection.
///
/// # Safety
/// `p` is NULL or a live handle; `x` is NULL or a live `X509`.
unsafe fn add_client_ca<H: Handle>(p: *const H, func: &str, x: *const X509) -> c_int {
    // SAFETY: as the caller promises.
    let Some(cert) = (unsafe { X509::from_ptr(x) }) else {
        null_arg("x");
        return 0;
    };
    let subject = match crate::x509::Certificate::parse(cert.der()) {
        Ok(parsed) => parsed.subject.der,
        Err(e) => {
            err::push(e.reason, format!("{func}: {e}"));
            return 0;
        }
    };
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, 0, |s| {
            if !s.config.client_ca_names.contains(&subject) {
                s.config.client_ca_names.push(subject);
            }
            1
        })
    }
}

/// `SSL_CTX_add_client_CA`: adds the subject name of `x` to the names a server sends
/// in its CertificateRequest as acceptable issuers of client certificates (the
/// certificate is not kept). Returns 1, or 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_add_client_CA(ctx: *mut SslCtx, x: *mut X509) -> c_int {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { add_client_ca(ctx.cast_const(), "SSL_CTX_add_client_CA", x) })
}

/// `SSL_add_client_CA`: as `SSL_CTX_add_client_CA`, for one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_add_client_CA(ssl: *mut Ssl, x: *mut X509) -> c_int {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { add_client_ca(ssl.cast_const(), "SSL_add_client_CA", x) })
}

/// `SSL_CTX_set_client_cert_cb`: installs the client certificate callback (NULL
/// removes it). Read when a server asks for a certificate.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_client_cert_cb(ctx: *mut SslCtx, cb: ClientCertCallback) {
    // SAFETY: as the caller promises.
    unsafe { on_handle(ctx.cast_const(), "SSL_CTX_set_client_cert_cb", (), |s| s.extras.client_cert_cb = cb) }
}

/// `SSL_CTX_get_client_cert_cb`: the client certificate callback (NULL if none).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_client_cert_cb(ctx: *const SslCtx) -> ClientCertCallback {
    // SAFETY: as the caller promises.
    unsafe { on_handle(ctx, "SSL_CTX_get_client_cert_cb", None, |s| s.extras.client_cert_cb) }
}

/// The hook: asks the context's callback for a certificate and key.
pub(crate) fn from_callback(ssl: &Ssl, ssl_ptr: *mut Ssl) -> Option<Arc<CertifiedKey>> {
    let cb = ssl.ctx().with_settings(|s| s.extras.client_cert_cb).flatten()?;
    let mut x509: *mut X509 = ptr::null_mut();
    let mut pkey: *mut EvpPkey = ptr::null_mut();
    // SAFETY: the application installed the callback; the out-slots live across it.
    let ret = unsafe { cb(ssl_ptr, &mut x509, &mut pkey) };
    // SAFETY: what the callback handed over is NULL or live, with one reference each.
    let (cert, key) = unsafe { (X509::from_ptr(x509), EvpPkey::from_ptr(pkey)) };
    let chosen = match (ret, cert, key) {
        (1, Some(cert), Some(key)) => key
            .signing_key()
            .and_then(|k| CertifiedKey::new(vec![cert.der().clone()], k))
            .map_err(|e| err::push(e.reason, format!("the client certificate callback's certificate: {e}")))
            .ok()
            .map(Arc::new),
        (r, ..) if r < 0 => {
            err::push(Reason::CALLBACK_FAILED, "the client certificate callback asked to retry later: not supported");
            None
        }
        _ => None,
    };
    // SAFETY: the references the callback handed over are given up here.
    unsafe {
        arc_release(x509);
        arc_release(pkey);
    }
    chosen
}

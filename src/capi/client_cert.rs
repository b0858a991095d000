//! Client certificates: the CA names a server sends in its CertificateRequest
//! (`SSL_CTX_add_client_CA`, `SSL_CTX_set_client_CA_list`, `SSL_load_client_CA_file`),
//! the names a client was sent (`SSL_get_client_CA_list`) and the client's certificate
//! callback (`SSL_CTX_set_client_cert_cb`), asked when no configured certificate fits.

#![allow(non_snake_case)]

use super::ctx::{Handle, Settings, SslCtx};
use super::extras::on_handle;
use super::pkey::EvpPkey;
use super::ssl::Ssl;
use super::stack::{self, X509NameStack};
use super::x509::{free_name, name_stack, X509Name, X509};
use super::{arc_release, c_str, err, guard, null_arg};
use crate::error::Reason;
use crate::keys::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use std::ffi::c_char;
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
            err::push_error_saying(&e, format!("{func}: {e}"));
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
            .map_err(|e| err::push_error_saying(&e, format!("the client certificate callback's certificate: {e}")))
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

/// The DER of each name on a stack of `X509_NAME`s (NULL elements are skipped).
///
/// # Safety
/// `sk` is NULL or a live `STACK_OF(X509_NAME)` of live names.
unsafe fn names_der(sk: *const X509NameStack) -> Vec<Vec<u8>> {
    // SAFETY: as the caller promises.
    let items = unsafe { stack::OpensslStack::from_typed(sk) }.map_or(&[][..], |s| s.items());
    // SAFETY: the elements are NULL or live names, as the caller promises.
    items.iter().filter_map(|&p| unsafe { p.cast::<X509Name>().as_ref() }).map(|n| n.der().to_vec()).collect()
}

/// Replaces the CA names of a context or connection with those on `list`, taking
/// ownership of the stack and its names (NULL: no names).
///
/// # Safety
/// `p` is NULL or a live handle; `list` is NULL or a `STACK_OF(X509_NAME)` of live,
/// owned names that the caller gives up.
unsafe fn set_client_ca_list<H: Handle>(p: *const H, func: &str, list: *mut X509NameStack) {
    // SAFETY: as the caller promises.
    let names = unsafe { names_der(list) };
    // SAFETY: the stack and its names are ours now; they are freed here.
    for item in unsafe { stack::into_items(list) }.into_iter().filter(|i| !i.is_null()) {
        // SAFETY: each element is a live, owned name given up by the caller.
        unsafe { free_name(item) };
    }
    // SAFETY: as the caller promises.
    unsafe { on_handle(p, func, (), |s| s.config.client_ca_names = names) }
}

/// `SSL_CTX_set_client_CA_list`: the CA names a server sends in its CertificateRequest
/// become those on `list` (their DER encodings are kept). The context takes ownership
/// of `list` and its names, and frees them; NULL clears the names.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `list` is NULL or a `STACK_OF(X509_NAME)` of
/// names from `X509_NAME_dup` or `SSL_load_client_CA_file`, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_client_CA_list(ctx: *mut SslCtx, list: *mut X509NameStack) {
    // SAFETY: as the caller promises.
    guard((), || unsafe { set_client_ca_list(ctx.cast_const(), "SSL_CTX_set_client_CA_list", list) })
}

/// `SSL_set_client_CA_list`: as `SSL_CTX_set_client_CA_list`, for one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `list` as for `SSL_CTX_set_client_CA_list`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_client_CA_list(ssl: *mut Ssl, list: *mut X509NameStack) {
    // SAFETY: as the caller promises.
    guard((), || unsafe { set_client_ca_list(ssl.cast_const(), "SSL_set_client_CA_list", list) })
}

/// `names` as a stack the settings keep (rebuilt when the names change).
fn kept_names(s: &mut Settings, names: Vec<Vec<u8>>) -> *mut X509NameStack {
    s.extras.lists.client_ca.get(names, |n| name_stack(n, true))
}

/// `SSL_CTX_get_client_CA_list`: the CA names a server sends, as a
/// `STACK_OF(X509_NAME)` the context owns (valid until the names change or the
/// context goes; read it, do not change or free it), or NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_client_CA_list(ctx: *const SslCtx) -> *mut X509NameStack {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(ctx, "SSL_CTX_get_client_CA_list", ptr::null_mut(), |s| {
            let names = s.config.client_ca_names.clone();
            kept_names(s, names)
        })
    }
}

/// `SSL_get_client_CA_list`: a server's: the CA names it sends (as
/// `SSL_CTX_get_client_CA_list`); a client's: the names the server listed in its
/// CertificateRequest (NULL before one came). Owned by the `SSL`.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_client_CA_list(ssl: *const Ssl) -> *mut X509NameStack {
    // SAFETY: as the caller promises.
    let server = unsafe { super::ssl::tls12_SSL_is_server(ssl) } == 1;
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(ssl, "SSL_get_client_CA_list", ptr::null_mut(), |s| {
            let names =
                if server { Some(s.config.client_ca_names.clone()) } else { s.extras.lists.received_ca.clone() };
            names.map_or(ptr::null_mut(), |names| kept_names(s, names))
        })
    }
}

/// Client: keeps the CA names of the server's CertificateRequest for
/// `SSL_get_client_CA_list` (called by the hooks before the certificate is chosen).
pub(crate) fn note_ca_names(ssl: &Ssl, names: &[Vec<u8>]) {
    ssl.settings_mut(|s| s.extras.lists.received_ca = Some(names.to_vec()));
}

/// `SSL_load_client_CA_file`: the subject names of the certificates in the PEM file
/// `file`, each once, as a `STACK_OF(X509_NAME)` the caller owns (free it with
/// `sk_X509_NAME_pop_free(list, X509_NAME_free)`), or NULL with an error entry when
/// the file cannot be read or holds no certificate.
///
/// # Safety
/// `file` is NULL or a NUL-terminated path.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_load_client_CA_file(file: *const c_char) -> *mut X509NameStack {
    guard(ptr::null_mut(), || {
        const FUNC: &str = "SSL_load_client_CA_file";
        // SAFETY: as the caller promises.
        let Some(path) = (unsafe { c_str(file, "file") }) else {
            return ptr::null_mut();
        };
        let Some(pem) = super::ctx::read_file(path, FUNC) else {
            return ptr::null_mut();
        };
        let mut names: Vec<Vec<u8>> = Vec::new();
        for cert in <rustls_pki_types::CertificateDer<'static> as PemObject>::pem_slice_iter(&pem) {
            let subject = cert
                .map_err(|e| crate::Error::local(Reason::BAD_DATA, format!("bad PEM certificate: {e}")))
                .and_then(|c| crate::x509::Certificate::parse(&c).map(|c| c.subject.der));
            match subject {
                Ok(der) if !names.contains(&der) => names.push(der),
                Ok(_) => {}
                Err(e) => {
                    err::push_error_saying(&e, format!("{FUNC}: {path}: {e}"));
                    return ptr::null_mut();
                }
            }
        }
        if names.is_empty() {
            err::push(Reason::NO_CERTIFICATE_ASSIGNED, format!("{FUNC}: {path} holds no certificate"));
            return ptr::null_mut();
        }
        name_stack(&names, false)
    })
}

/// `SSL_dup_CA_list`: a copy of a `STACK_OF(X509_NAME)` with copies of its names,
/// owned by the caller (free it with `sk_X509_NAME_pop_free(list, X509_NAME_free)`),
/// or NULL.
///
/// # Safety
/// `sk` is NULL or a live `STACK_OF(X509_NAME)` of live names.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_dup_CA_list(sk: *const X509NameStack) -> *mut X509NameStack {
    guard(ptr::null_mut(), || {
        if sk.is_null() {
            null_arg("sk");
            return ptr::null_mut();
        }
        // SAFETY: as the caller promises.
        name_stack(&unsafe { names_der(sk) }, false)
    })
}

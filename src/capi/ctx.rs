//! `SSL_METHOD` and `SSL_CTX`: the context a program configures once (certificates and
//! keys, trust anchors, suites, groups, verification, callbacks) and makes connections
//! from. An `SSL` copies the context's [`Settings`] when it is made; the setters that
//! exist for both are defined once here, for both objects, by [`both!`].
//!
//! A context may be used from several threads: its state sits behind a mutex that is
//! never held while a C callback runs.

#![allow(non_snake_case)]

mod ctrl;
mod method;
mod session_cache;
mod settings;

pub use ctrl::*;
pub use method::*;
pub use session_cache::*;
pub use settings::*;

use super::passwd::password_source;
use super::pkey::EvpPkey;
use super::ssl::Ssl;
use super::verify_param::{X509Store, X509VerifyParam};
use super::x509::X509;
use super::{arc_borrow, arc_into_ptr, arc_release, arc_retain, bytes, c_str, err, guard, null_arg};
use crate::config::{KeyPairing, TrustedCerts};
use crate::crypto::sign::{KeyKind, SigningKey};
use crate::error::{Error, Reason};
use crate::keys;
use crate::verify::{self, VerifyFlags};
use rustls_pki_types::CertificateDer;
use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_void};
use std::path::Path;
use std::ptr;
use std::sync::{Mutex, MutexGuard, OnceLock};
use zeroize::Zeroizing;

/// `SSL_FILETYPE_PEM`.
pub const SSL_FILETYPE_PEM: c_int = 1;
/// `SSL_FILETYPE_ASN1` (DER).
pub const SSL_FILETYPE_ASN1: c_int = 2;

/// The callback `SSL_CTX_set_tlsext_servername_callback` installs: called on a server
/// with the connection, a place for the alert to send and the argument given with
/// `SSL_CTX_set_tlsext_servername_arg`. It returns `SSL_TLSEXT_ERR_OK` (0),
/// `SSL_TLSEXT_ERR_ALERT_WARNING` (1), `SSL_TLSEXT_ERR_ALERT_FATAL` (2) or
/// `SSL_TLSEXT_ERR_NOACK` (3).
pub type ServerNameCallback = Option<unsafe extern "C" fn(ssl: *mut Ssl, al: *mut c_int, arg: *mut c_void) -> c_int>;

/// The callback `SSL_CTX_set_alpn_select_cb` installs: called on a server with the
/// client's protocol list (wire format) in `input`; it points `out`/`outlen` at the
/// chosen protocol and returns `SSL_TLSEXT_ERR_OK`, or `SSL_TLSEXT_ERR_NOACK` to go on
/// without ALPN, or `SSL_TLSEXT_ERR_ALERT_FATAL` to abort.
pub type AlpnSelectCallback = Option<
    unsafe extern "C" fn(
        ssl: *mut Ssl,
        out: *mut *const c_uchar,
        outlen: *mut c_uchar,
        input: *const c_uchar,
        inlen: c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;

/// The constructor, duplicator and destructor callbacks of `*_get_ex_new_index`. They
/// are accepted for source compatibility and not called.
pub type ExDataCallback = Option<unsafe extern "C" fn()>;

/// The part of a context that connections do not copy.
struct CtxState {
    /// What connections copy.
    settings: Settings,
    /// The certificate/key pairing in progress.
    pairing: KeyPairing,
    /// Trusted certificates, as loaded (the configuration holds them as a root store).
    trusted: TrustedCerts,
    /// `SSL_CTX_set_tlsext_servername_callback`.
    servername_cb: ServerNameCallback,
    /// `SSL_CTX_set_tlsext_servername_arg`.
    servername_arg: *mut c_void,
    /// `SSL_CTX_set_alpn_select_cb`: the callback.
    alpn_select_cb: AlpnSelectCallback,
    /// `SSL_CTX_set_alpn_select_cb`: its argument.
    alpn_select_arg: *mut c_void,
    /// `SSL_CTX_set_ex_data` / `SSL_CTX_set_app_data`.
    ex_data: ExData,
}

/// `SSL_CTX`: settings and callbacks shared by the connections made from it.
pub struct SslCtx {
    /// The method it was made with.
    method: &'static SslMethod,
    state: Mutex<CtxState>,
    /// The view `SSL_CTX_get0_param` hands out, made on first use.
    verify_param: OnceLock<X509VerifyParam>,
    /// The view `SSL_CTX_get_cert_store` hands out, made on first use.
    cert_store: OnceLock<X509Store>,
}

/// The callbacks a server calls during a handshake, copied out of the context so that
/// no lock is held while they run.
#[derive(Clone, Copy)]
pub(crate) struct ServerCallbacks {
    /// The SNI callback and its argument.
    pub(crate) servername: (ServerNameCallback, *mut c_void),
    /// The ALPN selection callback and its argument.
    pub(crate) alpn_select: (AlpnSelectCallback, *mut c_void),
}

impl SslCtx {
    fn lock(&self) -> MutexGuard<'_, CtxState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Borrows the context behind `p`, pushing a NULL-argument entry for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live `SSL_CTX` that stays alive for `'a`.
    pub(crate) unsafe fn from_ptr<'a>(p: *const SslCtx) -> Option<&'a SslCtx> {
        // SAFETY: the caller promises `p` is NULL or a live handle from `SSL_CTX_new`.
        let ctx = unsafe { arc_borrow(p) };
        if ctx.is_none() {
            null_arg("ctx");
        }
        ctx
    }

    /// Adds a reference (for an `SSL` made from it or switched to it).
    ///
    /// # Safety
    /// `p` is a live `SSL_CTX`.
    pub(crate) unsafe fn retain(p: *const SslCtx) {
        // SAFETY: the caller promises `p` is a live handle.
        unsafe { arc_retain(p) }
    }

    /// Drops a reference taken with [`SslCtx::retain`] or `SSL_CTX_new`.
    ///
    /// # Safety
    /// `p` is NULL or a live `SSL_CTX`, and the caller gives up one reference.
    pub(crate) unsafe fn release(p: *const SslCtx) {
        // SAFETY: the caller promises `p` is NULL or live and hands over a reference.
        unsafe { arc_release(p) }
    }

    /// The verification parameters' view; `this` is the context's own pointer.
    pub(crate) fn verify_param(&self, this: *const SslCtx) -> *const X509VerifyParam {
        self.verify_param.get_or_init(|| X509VerifyParam::of_ctx(this))
    }

    /// The trust store's view; `this` is the context's own pointer.
    pub(crate) fn cert_store(&self, this: *const SslCtx) -> *const X509Store {
        self.cert_store.get_or_init(|| X509Store::of_ctx(this))
    }

    /// The method the context was made with.
    pub(crate) fn method(&self) -> &'static SslMethod {
        self.method
    }

    /// A copy of the settings a new `SSL` starts from.
    pub(crate) fn settings(&self) -> Settings {
        self.lock().settings.clone()
    }

    /// The server callbacks in force now.
    pub(crate) fn server_callbacks(&self) -> ServerCallbacks {
        let state = self.lock();
        ServerCallbacks {
            servername: (state.servername_cb, state.servername_arg),
            alpn_select: (state.alpn_select_cb, state.alpn_select_arg),
        }
    }

    /// Runs `f` on the context's settings.
    pub(crate) fn with_settings<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> Option<R> {
        Some(f(&mut self.lock().settings))
    }

    /// Runs `f` on the context's extra data.
    pub(crate) fn with_ex_data<R>(&self, f: impl FnOnce(&mut ExData) -> R) -> Option<R> {
        Some(f(&mut self.lock().ex_data))
    }

    /// Takes a chain (leaf first) for the next certificate/key pair.
    fn use_chain(&self, chain: Vec<CertificateDer<'static>>) -> c_int {
        let mut state = self.lock();
        let state = &mut *state;
        state.pairing.take_chain(&mut state.settings.config, chain);
        1
    }

    /// Takes a private key for the next certificate/key pair. `func` names the C
    /// function for the error entry.
    fn use_key(&self, key: SigningKey, func: &str) -> c_int {
        let mut state = self.lock();
        let state = &mut *state;
        match state.pairing.take_key(&mut state.settings.config, key) {
            Ok(()) => 1,
            Err(e) => {
                err::push(e.reason, format!("{func}: {}", e.detail));
                0
            }
        }
    }

    /// Adds trusted certificates and rebuilds the trust store; returns how many were new.
    pub(crate) fn add_trusted(&self, certs: Vec<CertificateDer<'static>>) -> usize {
        let mut state = self.lock();
        let state = &mut *state;
        state.trusted.add(&mut state.settings.config, certs)
    }

    /// The trusted certificates, in the order they were added.
    pub(crate) fn trusted(&self) -> Vec<CertificateDer<'static>> {
        self.lock().trusted.certs().to_vec()
    }

    /// Runs `f` on the trust store's own flags (`X509_STORE_set_flags`) and rebuilds the
    /// store when they changed.
    pub(crate) fn on_store_flags<R>(&self, f: impl FnOnce(&mut VerifyFlags) -> R) -> R {
        let mut state = self.lock();
        let state = &mut *state;
        state.trusted.on_flags(&mut state.settings.config, f)
    }
}

/// `SSL_CTX_new`: a context for `method`, with OpenSSL's defaults; NULL on failure.
/// The caller owns it and releases it with `SSL_CTX_free`.
///
/// # Safety
/// `method` is NULL or one of the library's `SSL_METHOD` objects.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_new(method: *const SslMethod) -> *mut SslCtx {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller promises `method` is NULL or one of our static methods.
        let Some(method) = (unsafe { method.as_ref() }) else {
            null_arg("method");
            return ptr::null_mut();
        };
        let method: &'static SslMethod = method.as_static();
        arc_into_ptr(SslCtx {
            method,
            state: Mutex::new(CtxState {
                settings: Settings::default(),
                pairing: KeyPairing::default(),
                trusted: TrustedCerts::default(),
                servername_cb: None,
                servername_arg: ptr::null_mut(),
                alpn_select_cb: None,
                alpn_select_arg: ptr::null_mut(),
                ex_data: ExData::default(),
            }),
            verify_param: OnceLock::new(),
            cert_store: OnceLock::new(),
        })
    })
}

/// `SSL_CTX_free`: drops the caller's reference; the context goes when the last
/// reference (connections hold one each) is dropped. NULL is ignored.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX` whose reference the caller gives up.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_free(ctx: *mut SslCtx) {
    // SAFETY: the caller promises `ctx` is NULL or live and hands over a reference.
    guard((), || unsafe { SslCtx::release(ctx) })
}

/// `SSL_CTX_up_ref`: adds a reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_up_ref(ctx: *mut SslCtx) -> c_int {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        if unsafe { SslCtx::from_ptr(ctx) }.is_none() {
            return 0;
        }
        // SAFETY: `ctx` is live (checked above).
        unsafe { SslCtx::retain(ctx) };
        1
    })
}

/// `SSL_CTX_get_ssl_method`: the method the context was made with (NULL for NULL).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_ssl_method(ctx: *const SslCtx) -> *const SslMethod {
    guard(ptr::null(), || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        unsafe { SslCtx::from_ptr(ctx) }.map_or(ptr::null(), |c| c.method() as *const SslMethod)
    })
}

/// Reads a whole file for `func`, with an error entry naming the file when it cannot.
pub(crate) fn read_file(path: &str, func: &str) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(data) => Some(data),
        Err(e) => {
            // The errno entry, as OpenSSL records a failed fopen (callers such as
            // Python map it to the matching OSError).
            err::push_sys(&e, format!("{func}: cannot read {path}"));
            None
        }
    }
}

/// Pushes a library error for `func`, naming what it was about.
fn push_about(e: &Error, func: &str, what: &str) {
    err::push_error_saying(e, format!("{func}: {what}: {e}"));
}

/// Parses certificates of `kind` (`SSL_FILETYPE_PEM` or `SSL_FILETYPE_ASN1`) from the
/// file at `path`: all of them for PEM, the one for DER.
fn certs_from_file(path: &str, kind: c_int, func: &str) -> Option<Vec<CertificateDer<'static>>> {
    let data = read_file(path, func)?;
    let certs = match kind {
        SSL_FILETYPE_PEM => keys::certs_from_pem(&data),
        SSL_FILETYPE_ASN1 => Ok(vec![CertificateDer::from(data)]),
        other => {
            err::push(Reason::BAD_VALUE, format!("{func}: unknown file type {other}"));
            return None;
        }
    };
    match certs {
        Ok(certs) if !certs.is_empty() => Some(certs),
        Ok(_) => {
            err::push(Reason::NO_CERTIFICATE_ASSIGNED, format!("{func}: {path} holds no certificate"));
            None
        }
        Err(e) => {
            push_about(&e, func, path);
            None
        }
    }
}

/// Parses the private key in the file at `path`, PEM or DER as `kind` says; an
/// encrypted PEM key is decrypted with the password `ctx`'s password callback gives.
fn key_from_file(ctx: &SslCtx, path: &str, kind: c_int, func: &str) -> Option<SigningKey> {
    let data = Zeroizing::new(read_file(path, func)?);
    let key = match kind {
        SSL_FILETYPE_PEM => {
            let (cb, userdata) = ctx.lock().settings.passwd_callback;
            keys::key_from_pem_with(&data, &mut password_source(cb, userdata))
        }
        SSL_FILETYPE_ASN1 => keys::key_from_der(&data),
        other => {
            err::push(Reason::BAD_VALUE, format!("{func}: unknown file type {other}"));
            return None;
        }
    };
    key.map_err(|e| push_about(&e, func, path)).ok()
}

/// The shared shape of the certificate and key loaders: check the context, get the
/// item with `load` (which pushes its own error entries), hand it to `take`.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
unsafe fn load_into<T>(
    ctx: *mut SslCtx,
    load: impl FnOnce(&SslCtx) -> Option<T>,
    take: impl FnOnce(&SslCtx, T) -> c_int,
) -> c_int {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return 0;
        };
        load(ctx).map_or(0, |item| take(ctx, item))
    })
}

/// `SSL_CTX_use_certificate_file`: uses the first certificate in `file` (PEM or DER as
/// `type_` says) as the context's certificate. Returns 1 on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_certificate_file(
    ctx: *mut SslCtx,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    let func = "SSL_CTX_use_certificate_file";
    // SAFETY: `ctx` as the caller promises; `file` is NULL or NUL-terminated.
    unsafe {
        load_into(
            ctx,
            |_| {
                certs_from_file(c_str(file, "file")?, type_, func).map(|mut c| {
                    c.truncate(1);
                    c
                })
            },
            SslCtx::use_chain,
        )
    }
}

/// `SSL_CTX_use_certificate_chain_file`: uses the PEM certificates in `file`, leaf
/// first, as the context's certificate chain. Returns 1 on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_certificate_chain_file(ctx: *mut SslCtx, file: *const c_char) -> c_int {
    let func = "SSL_CTX_use_certificate_chain_file";
    // SAFETY: `ctx` as the caller promises; `file` is NULL or NUL-terminated.
    unsafe { load_into(ctx, |_| certs_from_file(c_str(file, "file")?, SSL_FILETYPE_PEM, func), SslCtx::use_chain) }
}

/// `SSL_CTX_use_certificate`: uses the certificate `x` (copied; the caller keeps its
/// reference). Returns 1 on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_certificate(ctx: *mut SslCtx, x: *mut X509) -> c_int {
    // SAFETY: the caller promises `ctx` and `x` are NULL or live.
    unsafe {
        load_into(
            ctx,
            |_| match X509::from_ptr(x) {
                Some(cert) => Some(vec![cert.der().clone()]),
                None => {
                    null_arg("x");
                    None
                }
            },
            SslCtx::use_chain,
        )
    }
}

/// `SSL_CTX_use_certificate_ASN1`: uses the DER certificate of `len` bytes at `d`.
/// Returns 1 on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `d` is NULL or points to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_certificate_ASN1(ctx: *mut SslCtx, len: c_int, d: *const c_uchar) -> c_int {
    // SAFETY: `ctx` as the caller promises; `d` has `len` readable bytes.
    unsafe { load_into(ctx, |_| Some(vec![CertificateDer::from(bytes(d, len, "d")?.to_vec())]), SslCtx::use_chain) }
}

/// `SSL_CTX_use_PrivateKey_file`: uses the private key in `file` (PEM or DER as `type_`
/// says; RSA or ECDSA, PKCS#1, SEC1 or PKCS#8). It must belong to the certificate
/// loaded before it, if any. Returns 1 on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_PrivateKey_file(
    ctx: *mut SslCtx,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    let func = "SSL_CTX_use_PrivateKey_file";
    // SAFETY: `ctx` as the caller promises; `file` is NULL or NUL-terminated.
    unsafe { load_into(ctx, |c| key_from_file(c, c_str(file, "file")?, type_, func), |c, k| c.use_key(k, func)) }
}

/// `SSL_CTX_use_RSAPrivateKey_file`: as `SSL_CTX_use_PrivateKey_file`, for a file that
/// must hold an RSA key. Returns 1 on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_RSAPrivateKey_file(
    ctx: *mut SslCtx,
    file: *const c_char,
    type_: c_int,
) -> c_int {
    let func = "SSL_CTX_use_RSAPrivateKey_file";
    let load = |c: &SslCtx| {
        // SAFETY: `file` is NULL or NUL-terminated, as the caller promises.
        let path = unsafe { c_str(file, "file") }?;
        let key = key_from_file(c, path, type_, func)?;
        if matches!(key.kind(), KeyKind::Rsa { .. }) {
            return Some(key);
        }
        err::push(Reason::WRONG_CERTIFICATE_TYPE, format!("{func}: {path} does not hold an RSA key"));
        None
    };
    // SAFETY: `ctx` as the caller promises.
    unsafe { load_into(ctx, load, |c, k| c.use_key(k, func)) }
}

/// `SSL_CTX_use_PrivateKey_ASN1`: uses the DER private key of `len` bytes at `d`
/// (`pk`, the key type, is not needed: the DER says it). Returns 1 on success, 0 on
/// failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `d` is NULL or points to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_PrivateKey_ASN1(
    pk: c_int,
    ctx: *mut SslCtx,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    let _ = pk;
    let func = "SSL_CTX_use_PrivateKey_ASN1";
    let load = |_: &SslCtx| {
        let Ok(len) = c_int::try_from(len) else {
            err::push(Reason::BAD_VALUE, format!("{func}: the length {len} is out of range"));
            return None;
        };
        // SAFETY: the caller promises `d` is NULL or has `len` readable bytes.
        let der = unsafe { bytes(d, len, "d") }?;
        keys::key_from_der(der).map_err(|e| push_about(&e, func, "the key")).ok()
    };
    // SAFETY: `ctx` as the caller promises.
    unsafe { load_into(ctx, load, |c, k| c.use_key(k, func)) }
}

/// `SSL_CTX_use_PrivateKey`: uses the private key `pkey` (copied; the caller keeps its
/// reference). It must belong to the certificate loaded before it, if any. Returns 1
/// on success, 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `pkey` is NULL or a live `EVP_PKEY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_use_PrivateKey(ctx: *mut SslCtx, pkey: *mut EvpPkey) -> c_int {
    let func = "SSL_CTX_use_PrivateKey";
    let load = |_: &SslCtx| {
        // SAFETY: the caller promises `pkey` is NULL or live.
        let Some(pkey) = (unsafe { EvpPkey::from_ptr(pkey) }) else {
            null_arg("pkey");
            return None;
        };
        pkey.signing_key().map_err(|e| push_about(&e, func, "the key")).ok()
    };
    // SAFETY: `ctx` as the caller promises.
    unsafe { load_into(ctx, load, |c, k| c.use_key(k, func)) }
}

/// `SSL_CTX_check_private_key`: 1 if the last certificate and private key loaded
/// belong together, else 0 with an error entry saying what is missing.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_check_private_key(ctx: *const SslCtx) -> c_int {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return 0;
        };
        match ctx.lock().pairing.check() {
            Ok(()) => 1,
            Err(e) => {
                err::push(e.reason, format!("SSL_CTX_check_private_key: {}", e.detail));
                0
            }
        }
    })
}

/// `SSL_CTX_load_verify_locations`: trusts the PEM certificates in `CAfile` and in the
/// files of directory `CApath` (either may be NULL, not both). Returns 1 on success, 0
/// when the file cannot be read or holds no certificate.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `CAfile` and `CApath` are NULL or
/// NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_load_verify_locations(
    ctx: *mut SslCtx,
    CAfile: *const c_char,
    CApath: *const c_char,
) -> c_int {
    let func = "SSL_CTX_load_verify_locations";
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return 0;
        };
        if CAfile.is_null() && CApath.is_null() {
            null_arg("CAfile and CApath");
            return 0;
        }
        let mut certs = Vec::new();
        if !CAfile.is_null() {
            // SAFETY: non-NULL and NUL-terminated, as the caller promises.
            let Some(path) = (unsafe { c_str(CAfile, "CAfile") }) else {
                return 0;
            };
            let Some(found) = certs_from_file(path, SSL_FILETYPE_PEM, func) else {
                return 0;
            };
            certs.extend(found);
        }
        if !CApath.is_null() {
            // SAFETY: non-NULL and NUL-terminated, as the caller promises.
            let Some(dir) = (unsafe { c_str(CApath, "CApath") }) else {
                return 0;
            };
            // As in OpenSSL, a directory is only looked in: a missing one is no error.
            certs.extend(verify::pem_certs_in_dir(Path::new(dir)).unwrap_or_default());
        }
        ctx.add_trusted(certs);
        1
    })
}

/// `SSL_CTX_set_default_verify_paths`: trusts the system's certificates: the file
/// named by `SSL_CERT_FILE` (default `/etc/ssl/certs/ca-certificates.crt`) and the
/// directories named by `SSL_CERT_DIR` (colon separated, default `/etc/ssl/certs`). Missing locations
/// are skipped, as in OpenSSL. Returns 1 (0 for NULL).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_default_verify_paths(ctx: *mut SslCtx) -> c_int {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return 0;
        };
        ctx.add_trusted(verify::DefaultTrustPaths::from_env().certs());
        1
    })
}

/// `SSL_CTX_set_tlsext_servername_callback` (a macro over `SSL_CTX_callback_ctrl` in
/// OpenSSL): installs the server's SNI callback (NULL removes it). Returns 1.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tlsext_servername_callback(
    ctx: *mut SslCtx,
    cb: ServerNameCallback,
) -> c_long {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return 0;
        };
        ctx.lock().servername_cb = cb;
        1
    })
}

/// `SSL_CTX_set_tlsext_servername_arg` (a macro over `SSL_CTX_ctrl` in OpenSSL): the
/// argument the SNI callback gets. Returns 1.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tlsext_servername_arg(ctx: *mut SslCtx, arg: *mut c_void) -> c_long {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return 0;
        };
        ctx.lock().servername_arg = arg;
        1
    })
}

/// `SSL_CTX_set_alpn_select_cb`: installs the server's ALPN selection callback and its
/// argument (NULL removes it).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_alpn_select_cb(ctx: *mut SslCtx, cb: AlpnSelectCallback, arg: *mut c_void) {
    guard((), || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        if let Some(ctx) = unsafe { SslCtx::from_ptr(ctx) } {
            let mut state = ctx.lock();
            state.alpn_select_cb = cb;
            state.alpn_select_arg = arg;
        }
    })
}

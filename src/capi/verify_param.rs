//! `X509_VERIFY_PARAM` and `X509_STORE` as `SSL_CTX_get0_param`, `SSL_get0_param` and
//! `SSL_CTX_get_cert_store` hand them out: views of their owner's settings, not copies,
//! so that a flag set through them is the flag the owner's connections verify with.
//! Each view lives inside its owner and goes with it.

#![allow(non_snake_case)]

use super::ctx::{on_settings, Handle, SslCtx};
use super::ssl::Ssl;
use super::x509::{caller_owned_stack, X509Stack, X509};
use super::{err, guard, null_arg};
use crate::error::Reason;
use crate::verify::{HostFlags, VerifyFlags};
use std::ffi::{c_int, c_uint, c_ulong};
use std::ptr;

/// `X509_V_FLAG_TRUSTED_FIRST`: trusted issuers are looked for first. Always so here
/// (OpenSSL's default), so setting it changes nothing and clearing it is refused.
const X509_V_FLAG_TRUSTED_FIRST: c_ulong = 0x8000;
/// `X509_V_FLAG_PARTIAL_CHAIN`: every trusted certificate is a trust anchor.
const X509_V_FLAG_PARTIAL_CHAIN: c_ulong = 0x80000;

/// `X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT`.
const X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT: c_uint = 0x1;
/// `X509_CHECK_FLAG_NO_WILDCARDS`.
const X509_CHECK_FLAG_NO_WILDCARDS: c_uint = 0x2;
/// `X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS`.
const X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS: c_uint = 0x4;
/// `X509_CHECK_FLAG_NEVER_CHECK_SUBJECT`.
const X509_CHECK_FLAG_NEVER_CHECK_SUBJECT: c_uint = 0x20;

/// The host-name check flags in the `X509_CHECK_FLAG_*` bits `bits` (the others,
/// `MULTI_LABEL_WILDCARDS` and `SINGLE_LABEL_SUBDOMAINS`, do not apply to a client
/// checking its server and are ignored, as OpenSSL ignores them there).
pub(crate) fn host_flags(bits: c_uint) -> HostFlags {
    HostFlags {
        always_check_subject: bits & X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT != 0,
        no_wildcards: bits & X509_CHECK_FLAG_NO_WILDCARDS != 0,
        no_partial_wildcards: bits & X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS != 0,
        never_check_subject: bits & X509_CHECK_FLAG_NEVER_CHECK_SUBJECT != 0,
    }
}

/// The `X509_CHECK_FLAG_*` bits of `flags`.
fn host_flag_bits(flags: HostFlags) -> c_uint {
    [
        (flags.always_check_subject, X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT),
        (flags.no_wildcards, X509_CHECK_FLAG_NO_WILDCARDS),
        (flags.no_partial_wildcards, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS),
        (flags.never_check_subject, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .fold(0, |bits, (_, bit)| bits | bit)
}

/// Whose settings a view changes.
#[derive(Clone, Copy)]
enum Owner {
    /// An `SSL_CTX` (for the connections made from it afterwards).
    Ctx(*const SslCtx),
    /// One `SSL`.
    Ssl(*const Ssl),
    /// The trust store of an `SSL_CTX`: its own flags, added to every connection's when
    /// a chain is checked (OpenSSL's `X509_STORE_get0_param`).
    Store(*const SslCtx),
}

/// `X509_VERIFY_PARAM`: the verification flags and depth of an `SSL_CTX` or an `SSL`.
pub struct X509VerifyParam {
    owner: Owner,
}

/// `X509_STORE`: the trust store of an `SSL_CTX`: certificates added to it become
/// trusted, flags set on it are added to every connection's.
pub struct X509Store {
    param: X509VerifyParam,
}

impl X509VerifyParam {
    /// The view of `ctx`'s parameters.
    pub(crate) fn of_ctx(ctx: *const SslCtx) -> X509VerifyParam {
        X509VerifyParam { owner: Owner::Ctx(ctx) }
    }

    /// The view of `ssl`'s parameters.
    pub(crate) fn of_ssl(ssl: *const Ssl) -> X509VerifyParam {
        X509VerifyParam { owner: Owner::Ssl(ssl) }
    }

    /// Runs `f` on the owner's verification flags, or gives `fail`.
    fn on_flags<R: Copy>(&self, func: &str, fail: R, f: impl FnOnce(&mut VerifyFlags) -> R) -> R {
        match self.owner {
            // SAFETY: a view lives inside its owner, so the owner is alive while the
            // caller holds the view.
            Owner::Ctx(ctx) => {
                on_settings(unsafe { SslCtx::handle(ctx) }, func, fail, |s, _| f(&mut s.config.verify_flags))
            }
            // SAFETY: as above.
            Owner::Ssl(ssl) => {
                on_settings(unsafe { Ssl::handle(ssl) }, func, fail, |s, _| f(&mut s.config.verify_flags))
            }
            // SAFETY: as above.
            Owner::Store(ctx) => unsafe { SslCtx::from_ptr(ctx) }.map_or(fail, |c| c.on_store_flags(f)),
        }
    }

    /// Runs `f` on the owner's depth limit, or gives `fail`. A store has no depth of its
    /// own (the connection's is the one in force): `fail` with an error entry.
    fn on_depth<R: Copy>(&self, func: &str, fail: R, f: impl FnOnce(&mut u32) -> R) -> R {
        match self.owner {
            // SAFETY: a view lives inside its owner, so the owner is alive while the
            // caller holds the view.
            Owner::Ctx(ctx) => {
                on_settings(unsafe { SslCtx::handle(ctx) }, func, fail, |s, _| f(&mut s.config.verify_depth))
            }
            // SAFETY: as above.
            Owner::Ssl(ssl) => {
                on_settings(unsafe { Ssl::handle(ssl) }, func, fail, |s, _| f(&mut s.config.verify_depth))
            }
            Owner::Store(_) => {
                err::push(
                    Reason::BAD_VALUE,
                    format!("{func}: a trust store has no depth limit of its own; use SSL_CTX_set_verify_depth"),
                );
                fail
            }
        }
    }
}

impl X509Store {
    /// The trust store of `ctx`.
    pub(crate) fn of_ctx(ctx: *const SslCtx) -> X509Store {
        X509Store { param: X509VerifyParam { owner: Owner::Store(ctx) } }
    }
}

/// The `X509_V_FLAG_*` bits that `flags` stands for.
fn to_bits(flags: VerifyFlags) -> c_ulong {
    if flags.partial_chain {
        X509_V_FLAG_PARTIAL_CHAIN
    } else {
        0
    }
}

/// Sets (`on`) or clears the `X509_V_FLAG_*` bits `bits`. Bits this library does not
/// implement are refused with an error entry rather than ignored: a program that asks
/// for CRL checking must not believe it has it.
fn change_flags(param: &X509VerifyParam, func: &str, bits: c_ulong, on: bool) -> c_int {
    let known = X509_V_FLAG_PARTIAL_CHAIN | if on { X509_V_FLAG_TRUSTED_FIRST } else { 0 };
    let unknown = bits & !known;
    if unknown != 0 {
        err::push(
            Reason::BAD_VALUE,
            format!("{func}: verification flags {unknown:#x} are not implemented (only X509_V_FLAG_PARTIAL_CHAIN can be changed; trusted issuers are always tried first)"),
        );
        return 0;
    }
    param.on_flags(func, 0, |flags| {
        if bits & X509_V_FLAG_PARTIAL_CHAIN != 0 {
            flags.partial_chain = on;
        }
        1
    })
}

/// Borrows the view behind `p`, pushing a NULL-argument entry for NULL.
///
/// # Safety
/// `p` is NULL or a pointer handed out by this module whose owner is alive.
unsafe fn param<'a>(p: *const X509VerifyParam) -> Option<&'a X509VerifyParam> {
    // SAFETY: the caller's promise.
    let param = unsafe { p.as_ref() };
    if param.is_none() {
        null_arg("param");
    }
    param
}

/// Borrows the store behind `p`, pushing a NULL-argument entry for NULL.
///
/// # Safety
/// `p` is NULL or a pointer from `SSL_CTX_get_cert_store` whose context is alive.
unsafe fn store<'a>(p: *const X509Store) -> Option<&'a X509Store> {
    // SAFETY: the caller's promise.
    let store = unsafe { p.as_ref() };
    if store.is_none() {
        null_arg("store");
    }
    store
}

/// `SSL_CTX_get0_param`: the context's verification parameters, owned by the context
/// (valid while it lives); changes apply to connections made afterwards. NULL for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get0_param(ctx: *mut SslCtx) -> *mut X509VerifyParam {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        unsafe { SslCtx::from_ptr(ctx) }.map_or(ptr::null_mut(), |c| c.verify_param(ctx).cast_mut())
    })
}

/// `SSL_get0_param`: the connection's verification parameters (copied from its context
/// when it was made), owned by the connection. NULL for NULL.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get0_param(ssl: *mut Ssl) -> *mut X509VerifyParam {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller promises `ssl` is NULL or live.
        unsafe { Ssl::handle(ssl) }.map_or(ptr::null_mut(), |s| s.verify_param(ssl).cast_mut())
    })
}

/// `X509_VERIFY_PARAM_set_flags`: turns on `flags` (`X509_V_FLAG_PARTIAL_CHAIN`;
/// `X509_V_FLAG_TRUSTED_FIRST` is always on). Returns 1, or 0 with an error entry for
/// NULL or flags this library does not implement.
///
/// # Safety
/// `param` is NULL or from `SSL_CTX_get0_param` / `SSL_get0_param` with its owner alive.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_set_flags(param: *mut X509VerifyParam, flags: c_ulong) -> c_int {
    // SAFETY: the caller's promise is the one `param` needs.
    guard(0, || {
        unsafe { self::param(param) }.map_or(0, |p| change_flags(p, "X509_VERIFY_PARAM_set_flags", flags, true))
    })
}

/// `X509_VERIFY_PARAM_clear_flags`: turns off `flags` (`X509_V_FLAG_PARTIAL_CHAIN`).
/// Returns 1, or 0 with an error entry for NULL or flags that cannot be turned off.
///
/// # Safety
/// As for `X509_VERIFY_PARAM_set_flags`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_clear_flags(param: *mut X509VerifyParam, flags: c_ulong) -> c_int {
    // SAFETY: the caller's promise is the one `param` needs.
    guard(0, || {
        unsafe { self::param(param) }.map_or(0, |p| change_flags(p, "X509_VERIFY_PARAM_clear_flags", flags, false))
    })
}

/// `X509_VERIFY_PARAM_get_flags`: the flags in force (0 for NULL).
///
/// # Safety
/// As for `X509_VERIFY_PARAM_set_flags`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_get_flags(param: *const X509VerifyParam) -> c_ulong {
    guard(0, || {
        // SAFETY: the caller's promise is the one `param` needs.
        unsafe { self::param(param) }
            .map_or(0, |p| p.on_flags("X509_VERIFY_PARAM_get_flags", 0, |flags| to_bits(*flags)))
    })
}

/// `X509_VERIFY_PARAM_set_hostflags`: how the peer's names are matched against the
/// name given to `SSL_set1_host` (`X509_CHECK_FLAG_*`: `ALWAYS_CHECK_SUBJECT`,
/// `NO_WILDCARDS`, `NO_PARTIAL_WILDCARDS`, `NEVER_CHECK_SUBJECT`), replacing the flags
/// set before. NULL does nothing.
///
/// # Safety
/// As for `X509_VERIFY_PARAM_set_flags`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_set_hostflags(param: *mut X509VerifyParam, flags: c_uint) {
    guard((), || {
        // SAFETY: the caller's promise is the one `param` needs.
        if let Some(p) = unsafe { self::param(param) } {
            p.on_flags("X509_VERIFY_PARAM_set_hostflags", (), |f| f.host = host_flags(flags));
        }
    })
}

/// `X509_VERIFY_PARAM_get_hostflags`: the `X509_CHECK_FLAG_*` bits in force (0 for
/// NULL).
///
/// # Safety
/// As for `X509_VERIFY_PARAM_set_flags`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_get_hostflags(param: *const X509VerifyParam) -> c_uint {
    guard(0, || {
        // SAFETY: the caller's promise is the one `param` needs.
        unsafe { self::param(param) }
            .map_or(0, |p| p.on_flags("X509_VERIFY_PARAM_get_hostflags", 0, |f| host_flag_bits(f.host)))
    })
}

/// `X509_VERIFY_PARAM_set_depth`: the longest chain accepted, as
/// `SSL_CTX_set_verify_depth` (a negative depth counts as 0).
///
/// # Safety
/// As for `X509_VERIFY_PARAM_set_flags`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_set_depth(param: *mut X509VerifyParam, depth: c_int) {
    guard((), || {
        // SAFETY: the caller's promise is the one `param` needs.
        if let Some(p) = unsafe { self::param(param) } {
            p.on_depth("X509_VERIFY_PARAM_set_depth", (), |limit| *limit = u32::try_from(depth).unwrap_or(0));
        }
    })
}

/// `X509_VERIFY_PARAM_get_depth`: the depth limit (-1 for NULL).
///
/// # Safety
/// As for `X509_VERIFY_PARAM_set_flags`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_VERIFY_PARAM_get_depth(param: *const X509VerifyParam) -> c_int {
    guard(-1, || {
        // SAFETY: the caller's promise is the one `param` needs.
        unsafe { self::param(param) }.map_or(-1, |p| {
            p.on_depth("X509_VERIFY_PARAM_get_depth", -1, |limit| c_int::try_from(*limit).unwrap_or(c_int::MAX))
        })
    })
}

/// `SSL_CTX_get_cert_store`: the context's trust store, owned by the context (valid
/// while it lives). NULL for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_cert_store(ctx: *const SslCtx) -> *mut X509Store {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        unsafe { SslCtx::from_ptr(ctx) }.map_or(ptr::null_mut(), |c| c.cert_store(ctx).cast_mut())
    })
}

/// `X509_STORE_set_flags`: sets the store's own flags (see `X509_STORE_get0_param`).
///
/// # Safety
/// `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_set_flags(store: *mut X509Store, flags: c_ulong) -> c_int {
    guard(0, || {
        // SAFETY: the caller's promise is the one `store` needs.
        unsafe { self::store(store) }.map_or(0, |s| change_flags(&s.param, "X509_STORE_set_flags", flags, true))
    })
}

/// `X509_STORE_get0_param`: the store's own parameters: flags set there are added to
/// every connection's (made afterwards) when a chain is checked.
///
/// # Safety
/// `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_get0_param(store: *mut X509Store) -> *mut X509VerifyParam {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller's promise is the one `store` needs.
        unsafe { self::store(store) }.map_or(ptr::null_mut(), |s| ptr::from_ref(&s.param).cast_mut())
    })
}

/// `X509_STORE_add_cert`: trusts `x509` (the store keeps its own copy). Returns 1 (also
/// for a certificate already trusted, as OpenSSL 3), or 0 with an error entry for NULL.
///
/// # Safety
/// `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive; `x509` is
/// NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_add_cert(store: *mut X509Store, x509: *mut X509) -> c_int {
    guard(0, || {
        // SAFETY: the caller's promises are the ones `store` and `from_ptr` need.
        let (Some(s), Some(cert)) = (unsafe { self::store(store) }, unsafe { X509::from_ptr(x509) }) else {
            return 0;
        };
        let Owner::Store(ctx) = s.param.owner else { return 0 };
        // SAFETY: the store lives inside its context, which is alive.
        unsafe { SslCtx::from_ptr(ctx) }.map_or(0, |c| {
            c.add_trusted(vec![cert.der().clone()]);
            1
        })
    })
}

/// `X509_STORE_get1_all_certs`: a new stack of the trusted certificates (each with a
/// reference of its own), owned by the caller: free it with
/// `sk_X509_pop_free(sk, X509_free)`. NULL for NULL.
///
/// # Safety
/// `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_get1_all_certs(store: *mut X509Store) -> *mut X509Stack {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller's promise is the one `store` needs.
        let Some(s) = (unsafe { self::store(store) }) else {
            return ptr::null_mut();
        };
        let Owner::Store(ctx) = s.param.owner else { return ptr::null_mut() };
        // SAFETY: the store lives inside its context, which is alive.
        unsafe { SslCtx::from_ptr(ctx) }.map_or(ptr::null_mut(), |c| caller_owned_stack(&c.trusted()))
    })
}

//! Finite-field Diffie-Hellman settings: parameters from PEM (`PEM_read_DHparams`,
//! wrapped in a small opaque `DH`), `SSL_CTX_set_tmp_dh`, `SSL_CTX_set_dh_auto`, and
//! libtls12's `tls12_SSL_CTX_set_dh_min_bits` for the smallest group a client accepts.

#![allow(non_snake_case)]

use super::bio::Bio;
use super::ctx::{Handle, SslCtx};
use super::extras::on_handle;
use super::passwd::PemPasswordCallback;
use super::pem::{self, Input};
use super::ssl::Ssl;
use super::{arc_borrow, arc_into_ptr, arc_release, err, null_arg};
use crate::crypto::dh::{self, DhParams};
use crate::error::Reason;
use std::ffi::{c_int, c_long, c_void};

/// `DH`: a prime and generator for DHE, as read by `PEM_read_DHparams`. Free it with
/// `DH_free`.
pub struct Dh {
    params: DhParams,
}

/// Reads the next PEM block of DH parameters (1024 to 10000 bits) from `input` for
/// `func`, as [`pem::read`] does.
///
/// # Safety
/// As for [`pem::read`].
unsafe fn read(input: Input, x: *mut *mut Dh, func: &str) -> *mut Dh {
    let make = |block: crate::pem::Block| DhParams::from_pem_block(&block).map(|params| arc_into_ptr(Dh { params }));
    // SAFETY: as the caller promises.
    unsafe { pem::read(input, x, dh::PEM_LABELS, func, make) }
}

/// `PEM_read_DHparams`: reads the next PEM block of DH parameters from `fp`.
/// Returns a new `DH` (also stored in `*x` when `x` is not NULL), or NULL. The
/// password callback is not used (parameters are never encrypted).
///
/// # Safety
/// `fp` is NULL or an open `FILE *`; `x` is NULL or valid, holding NULL or a `DH`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_DHparams(
    fp: *mut libc::FILE,
    x: *mut *mut Dh,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut Dh {
    super::guard(std::ptr::null_mut(), || {
        let _ = (cb, u);
        // SAFETY: as the caller promises.
        unsafe { read(Input::Stream(fp), x, "PEM_read_DHparams") }
    })
}

/// `PEM_read_bio_DHparams`: as `PEM_read_DHparams`, reading from a `BIO`.
///
/// # Safety
/// `bp` is NULL or a live `BIO`; `x` is NULL or valid, holding NULL or a `DH`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_bio_DHparams(
    bp: *mut Bio,
    x: *mut *mut Dh,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut Dh {
    super::guard(std::ptr::null_mut(), || {
        let _ = (cb, u);
        // SAFETY: as the caller promises.
        unsafe { read(Input::Bio(bp), x, "PEM_read_bio_DHparams") }
    })
}

/// `DH_free`: releases a `DH` (NULL is ignored).
///
/// # Safety
/// `dh` is NULL or a live `DH` whose reference the caller gives up.
#[no_mangle]
pub unsafe extern "C" fn tls12_DH_free(dh: *mut Dh) {
    // SAFETY: as the caller promises.
    super::guard((), || unsafe { arc_release(dh) })
}

/// Stores a copy of the parameters of `dh` in a context or connection.
///
/// # Safety
/// `p` is NULL or a live handle; `dh` is NULL or a live `DH`.
unsafe fn set_tmp_dh<H: Handle>(p: *const H, func: &str, dh: *const Dh) -> c_long {
    // SAFETY: as the caller promises.
    let Some(dh) = (unsafe { arc_borrow(dh) }) else {
        null_arg("dh");
        return 0;
    };
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, 0, |s| {
            s.config.dh_params = Some(dh.params.clone());
            1
        })
    }
}

/// `SSL_CTX_set_tmp_dh` (a macro over `SSL_CTX_ctrl` in OpenSSL): the DH parameters a
/// server uses for DHE suites when the client names no FFDHE group (copied; the caller
/// still frees `dh`). Returns 1, or 0 on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `dh` is NULL or a live `DH`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_tmp_dh(ctx: *mut SslCtx, dh: *const Dh) -> c_long {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { set_tmp_dh(ctx.cast_const(), "SSL_CTX_set_tmp_dh", dh) })
}

/// `SSL_set_tmp_dh`: as `SSL_CTX_set_tmp_dh`, for one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `dh` is NULL or a live `DH`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_tmp_dh(ssl: *mut Ssl, dh: *const Dh) -> c_long {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { set_tmp_dh(ssl.cast_const(), "SSL_set_tmp_dh", dh) })
}

/// `SSL_CTX_set_dh_auto` (a macro over `SSL_CTX_ctrl` in OpenSSL): with `onoff` 1 the
/// server uses the RFC 7919 groups (ffdhe2048 unless the client names others),
/// dropping parameters set with `SSL_CTX_set_tmp_dh`. That is the default here; 0
/// changes nothing. Returns 1.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_dh_auto(ctx: *mut SslCtx, onoff: c_int) -> c_long {
    // SAFETY: as the caller promises.
    unsafe { set_dh_auto(ctx.cast_const(), "SSL_CTX_set_dh_auto", onoff) }
}

/// `SSL_set_dh_auto`: as `SSL_CTX_set_dh_auto`, for one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_dh_auto(ssl: *mut Ssl, onoff: c_int) -> c_long {
    // SAFETY: as the caller promises.
    unsafe { set_dh_auto(ssl.cast_const(), "SSL_set_dh_auto", onoff) }
}

/// The shared body of the `set_dh_auto` functions.
///
/// # Safety
/// `p` is NULL or a live handle.
unsafe fn set_dh_auto<H: Handle>(p: *const H, func: &str, onoff: c_int) -> c_long {
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, 0, |s| {
            if onoff != 0 {
                s.config.dh_params = None;
            }
            1
        })
    }
}

/// The smallest and largest client minimum accepted, in bits.
const MIN_BITS_RANGE: std::ops::RangeInclusive<c_int> = 1024..=10_000;

/// The shared body of the `set_dh_min_bits` functions.
///
/// # Safety
/// `p` is NULL or a live handle.
unsafe fn set_dh_min_bits<H: Handle>(p: *const H, func: &str, bits: c_int) -> c_int {
    if !MIN_BITS_RANGE.contains(&bits) {
        err::push(Reason::BAD_VALUE, format!("{func}: {bits} bits is outside 1024 to 10000"));
        return 0;
    }
    // SAFETY: as the caller promises.
    unsafe {
        on_handle(p, func, 0, |s| {
            s.config.min_dh_bits = bits as usize;
            1
        })
    }
}

/// `tls12_SSL_CTX_set_dh_min_bits` (libtls12's own): the smallest DH prime, in bits,
/// a client accepts from a server for DHE suites (default 2048; 1024 to 10000). A
/// security level may raise it further (see `SSL_CTX_set_security_level`). Returns 1,
/// or 0 for a value out of range.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_dh_min_bits(ctx: *mut SslCtx, bits: c_int) -> c_int {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { set_dh_min_bits(ctx.cast_const(), "SSL_CTX_set_dh_min_bits", bits) })
}

/// `tls12_SSL_set_dh_min_bits` (libtls12's own): as `tls12_SSL_CTX_set_dh_min_bits`,
/// for one connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_dh_min_bits(ssl: *mut Ssl, bits: c_int) -> c_int {
    // SAFETY: as the caller promises.
    super::guard(0, || unsafe { set_dh_min_bits(ssl.cast_const(), "SSL_set_dh_min_bits", bits) })
}

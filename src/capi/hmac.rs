//! HMAC (`HMAC_CTX`, `HMAC()`): thin wrappers over the core's [`crate::crypto::hmac`].

#![allow(non_snake_case)]

use super::evp_md::{store_len, write_digest, EvpMd};
use super::owned::{borrow_handle, free_handle, new_handle, with_handle};
use super::{bytes, guard, sized_bytes};
use crate::crypto::hmac::{Hmac, HmacCtx as Mac};
use std::ffi::{c_int, c_uint, c_void};
use std::ptr;

/// `HMAC_CTX`: an HMAC in progress. Free it with `HMAC_CTX_free`.
#[derive(Default)]
pub struct HmacCtx {
    inner: Mac,
}

/// `HMAC_CTX_new`: a new HMAC context without a key.
#[no_mangle]
pub extern "C" fn tls12_HMAC_CTX_new() -> *mut HmacCtx {
    guard(ptr::null_mut(), new_handle)
}

/// `HMAC_CTX_free`: frees an HMAC context, wiping its key (NULL is ignored).
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX` not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_CTX_free(ctx: *mut HmacCtx) {
    // SAFETY: as the caller promises.
    guard((), || unsafe { free_handle(ctx) })
}

/// `HMAC_CTX_reset`: forgets the key and data. Returns 1, or 0 for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_CTX_reset(ctx: *mut HmacCtx) -> c_int {
    // SAFETY: as the caller promises.
    guard(0, || unsafe {
        with_handle(ctx, |c| {
            c.inner.reset();
            Ok(())
        })
    })
}

/// `HMAC_CTX_copy`: makes `dctx` a copy of `sctx` (key and data so far). Returns 1 or 0.
///
/// # Safety
/// `dctx` and `sctx` are NULL or live, distinct `HMAC_CTX`s.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_CTX_copy(dctx: *mut HmacCtx, sctx: *mut HmacCtx) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        let Some(source) = (unsafe { borrow_handle(sctx, "sctx") }).map(|s| s.inner.clone()) else { return 0 };
        // SAFETY: as the caller promises.
        unsafe {
            with_handle(dctx, |d| {
                d.inner = source;
                Ok(())
            })
        }
    })
}

/// `HMAC_Init_ex`: keys the HMAC with `len` bytes at `key` and digest `md` (NULL: the
/// current one). A NULL `key` keeps the current key and restarts. The engine is not
/// used. Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX`; `key` is NULL or has `len` bytes; `md` is NULL
/// or an `EVP_MD`.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_Init_ex(
    ctx: *mut HmacCtx,
    key: *const c_void,
    len: c_int,
    md: *const EvpMd,
    engine: *mut c_void,
) -> c_int {
    guard(0, || {
        let _ = engine;
        // SAFETY: as the caller promises.
        let alg = unsafe { EvpMd::algorithm(md) };
        // SAFETY: `key` is NULL or has `len` bytes, as the caller promises.
        let key = match key.is_null() {
            true => None,
            false => match unsafe { bytes(key.cast(), len, "key") } {
                Some(key) => Some(key),
                None => return 0,
            },
        };
        // SAFETY: as the caller promises.
        unsafe { with_handle(ctx, |c| c.inner.init(key, alg)) }
    })
}

/// `HMAC_Update`: absorbs `len` bytes at `data`. Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX`; `data` has `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_Update(ctx: *mut HmacCtx, data: *const u8, len: usize) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        let Some(data) = (unsafe { sized_bytes(data.cast(), len, "data") }) else { return 0 };
        // SAFETY: as the caller promises.
        unsafe {
            with_handle(ctx, |c| {
                c.inner.keyed()?.update(data);
                Ok(())
            })
        }
    })
}

/// `HMAC_Final`: writes the MAC to `md` and its length to `*len` (when not NULL); the
/// context can then start again under the same key. Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX`; `md` has room for the MAC; `len` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_Final(ctx: *mut HmacCtx, md: *mut u8, len: *mut c_uint) -> c_int {
    guard(0, || {
        if md.is_null() {
            super::null_arg("md");
            return 0;
        }
        // SAFETY: as the caller promises; `md` has room for the MAC and `len` is NULL
        // or writable.
        unsafe {
            with_handle(ctx, |c| {
                let mac = c.inner.keyed()?.finish();
                write_digest(&mac, md);
                store_len(len, mac.len());
                Ok(())
            })
        }
    })
}

/// `HMAC_size`: bytes in the MAC, or 0 when the context has no key yet.
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_size(ctx: *const HmacCtx) -> usize {
    // SAFETY: as the caller promises.
    guard(0, || unsafe { ctx.as_ref() }.and_then(|c| c.inner.algorithm()).map_or(0, |alg| alg.output_len()))
}

/// `HMAC_CTX_get_md`: the context's digest (borrowed), or NULL.
///
/// # Safety
/// `ctx` is NULL or a live `HMAC_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC_CTX_get_md(ctx: *const HmacCtx) -> *const EvpMd {
    // SAFETY: as the caller promises.
    guard(ptr::null(), || unsafe { ctx.as_ref() }.and_then(|c| c.inner.algorithm()).map_or(ptr::null(), EvpMd::of))
}

/// `HMAC()`: the MAC of `n` bytes at `d` under `key_len` bytes at `key` with digest
/// `evp_md`, written to `md` (a per-thread buffer when NULL) and its length to
/// `*md_len` (when not NULL). Returns where it went, or NULL.
///
/// # Safety
/// `evp_md` is NULL or an `EVP_MD`; `key` has `key_len` bytes; `d` has `n` bytes; `md`
/// is NULL or has room for the MAC; `md_len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn tls12_HMAC(
    evp_md: *const EvpMd,
    key: *const c_void,
    key_len: c_int,
    d: *const u8,
    n: usize,
    md: *mut u8,
    md_len: *mut c_uint,
) -> *mut u8 {
    guard(ptr::null_mut(), || {
        // SAFETY: as the caller promises.
        let alg = unsafe { EvpMd::required(evp_md, "evp_md") };
        // SAFETY: as the caller promises.
        let (Some(alg), Some(key), Some(data)) =
            (alg, unsafe { bytes(key.cast(), key_len, "key") }, unsafe { sized_bytes(d.cast(), n, "d") })
        else {
            return ptr::null_mut();
        };
        let mac = Hmac::mac(alg, key, data);
        // SAFETY: `md` is NULL or has room for the MAC; `md_len` is NULL or writable.
        unsafe {
            store_len(md_len, mac.len());
            write_digest(&mac, md)
        }
    })
}

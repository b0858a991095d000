//! Message digests (`EVP_MD`, `EVP_MD_CTX`, `EVP_Digest*`): thin wrappers over the
//! core's [`crate::crypto::digest`]. `EVP_MD` objects are static; `EVP_MD_fetch`
//! returns the same ones, and `EVP_MD_free` on them does nothing, as OpenSSL does for
//! its built-in digests.

#![allow(non_snake_case)]

use super::owned::{free_handle, new_handle, with_handle};
use super::static_algorithm::static_algorithm_lookups;
use super::{c_str, err, guard, null_arg, sized_bytes};
use crate::crypto::digest::{DigestAlgorithm, DigestCtx, ALL_DIGESTS, MAX_DIGEST_LEN};
use crate::error::Reason;
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_uint, c_void};
use std::ptr;

/// `EVP_MD`: a digest algorithm. Never freed (static).
pub struct EvpMd {
    alg: DigestAlgorithm,
}

/// One `EVP_MD` per algorithm, in the order of [`ALL_DIGESTS`].
static DIGESTS: [EvpMd; 7] = [
    EvpMd { alg: ALL_DIGESTS[0] },
    EvpMd { alg: ALL_DIGESTS[1] },
    EvpMd { alg: ALL_DIGESTS[2] },
    EvpMd { alg: ALL_DIGESTS[3] },
    EvpMd { alg: ALL_DIGESTS[4] },
    EvpMd { alg: ALL_DIGESTS[5] },
    EvpMd { alg: ALL_DIGESTS[6] },
];

impl EvpMd {
    /// The static `EVP_MD` of `alg`.
    pub(crate) fn of(alg: DigestAlgorithm) -> *const EvpMd {
        &DIGESTS[alg.index()]
    }

    /// The algorithm behind a C pointer; `None` (without an error entry) for NULL.
    ///
    /// # Safety
    /// `md` is NULL or an `EVP_MD` from this library.
    pub(crate) unsafe fn algorithm(md: *const EvpMd) -> Option<DigestAlgorithm> {
        // SAFETY: as the caller promises.
        unsafe { md.as_ref() }.map(|md| md.alg)
    }

    /// As [`EvpMd::algorithm`], pushing an error entry naming `what` for NULL.
    ///
    /// # Safety
    /// As for [`EvpMd::algorithm`].
    pub(crate) unsafe fn required(md: *const EvpMd, what: &str) -> Option<DigestAlgorithm> {
        // SAFETY: as the caller promises.
        let alg = unsafe { EvpMd::algorithm(md) };
        if alg.is_none() {
            null_arg(what);
        }
        alg
    }
}

thread_local! {
    /// Where the one-shot digest functions write when given no output buffer.
    static STATIC_DIGEST: RefCell<[u8; MAX_DIGEST_LEN]> = const { RefCell::new([0; MAX_DIGEST_LEN]) };
}

/// Copies `digest` to `md`, or to a per-thread buffer when `md` is NULL (OpenSSL's
/// one-shot functions use a static one), and returns where it went.
///
/// # Safety
/// `md` is NULL or has room for `digest.len()` bytes.
pub(crate) unsafe fn write_digest(digest: &[u8], md: *mut u8) -> *mut u8 {
    let out = if md.is_null() { STATIC_DIGEST.with(|b| b.borrow_mut().as_mut_ptr()) } else { md };
    // SAFETY: `out` has room for the digest: the caller's buffer, or ours of the
    // largest digest size.
    unsafe { ptr::copy_nonoverlapping(digest.as_ptr(), out, digest.len()) };
    out
}

/// Stores `len` in `*out_len` unless it is NULL.
///
/// # Safety
/// `out_len` is NULL or writable.
pub(crate) unsafe fn store_len(out_len: *mut c_uint, len: usize) {
    // SAFETY: as the caller promises.
    if let Some(out_len) = unsafe { out_len.as_mut() } {
        *out_len = len as c_uint;
    }
}

macro_rules! md_getters {
    ($($fname:ident => $alg:ident, $doc:expr;)*) => {$(
        #[doc = $doc]
        #[no_mangle]
        pub extern "C" fn $fname() -> *const EvpMd {
            guard(ptr::null(), || EvpMd::of(DigestAlgorithm::$alg))
        }
    )*};
}

md_getters! {
    tls12_EVP_md5 => Md5, "`EVP_md5`: MD5.";
    tls12_EVP_sha1 => Sha1, "`EVP_sha1`: SHA-1.";
    tls12_EVP_sha224 => Sha224, "`EVP_sha224`: SHA-224.";
    tls12_EVP_sha256 => Sha256, "`EVP_sha256`: SHA-256.";
    tls12_EVP_sha384 => Sha384, "`EVP_sha384`: SHA-384.";
    tls12_EVP_sha512 => Sha512, "`EVP_sha512`: SHA-512.";
    tls12_EVP_sha512_256 => Sha512_256, "`EVP_sha512_256`: SHA-512/256.";
}

static_algorithm_lookups! {
    object: EvpMd, algorithm: DigestAlgorithm, noun: "digest",
    by_name: tls12_EVP_get_digestbyname, by_nid: tls12_EVP_get_digestbynid,
    fetch: tls12_EVP_MD_fetch, up_ref: tls12_EVP_MD_up_ref, free: tls12_EVP_MD_free,
}

macro_rules! md_property {
    ($($fname:ident -> $ty:ty, $fail:expr, |$alg:ident| $value:expr, $doc:expr;)*) => {$(
        #[doc = $doc]
        ///
        /// # Safety
        /// `md` is NULL or an `EVP_MD` from this library.
        #[no_mangle]
        pub unsafe extern "C" fn $fname(md: *const EvpMd) -> $ty {
            // SAFETY: as the caller promises.
            guard($fail, || unsafe { EvpMd::required(md, "md") }.map_or($fail, |$alg| $value))
        }
    )*};
}

md_property! {
    tls12_EVP_MD_get_size -> c_int, -1, |alg| alg.output_len() as c_int,
        "`EVP_MD_get_size` (also `EVP_MD_size`): bytes in a digest, or -1 for NULL.";
    tls12_EVP_MD_get_block_size -> c_int, -1, |alg| alg.block_len() as c_int,
        "`EVP_MD_get_block_size` (also `EVP_MD_block_size`): bytes in an input block, or -1.";
    tls12_EVP_MD_get_type -> c_int, 0, |alg| alg.nid(),
        "`EVP_MD_get_type` (also `EVP_MD_type`, `EVP_MD_nid`): the digest's NID, or 0.";
    tls12_EVP_MD_get0_name -> *const c_char, ptr::null(), |alg| super::intern(alg.name()),
        "`EVP_MD_get0_name` (also `EVP_MD_name`): the digest's name (`\"SHA256\"`), or NULL.";
}

/// `EVP_MD_CTX`: a digest in progress. Free it with `EVP_MD_CTX_free`.
#[derive(Default)]
pub struct EvpMdCtx {
    inner: DigestCtx,
}

/// `EVP_MD_CTX_new` (also `EVP_MD_CTX_create`): a new, empty digest context.
#[no_mangle]
pub extern "C" fn tls12_EVP_MD_CTX_new() -> *mut EvpMdCtx {
    guard(ptr::null_mut(), new_handle)
}

/// `EVP_MD_CTX_free` (also `EVP_MD_CTX_destroy`): frees a digest context (NULL is
/// ignored).
///
/// # Safety
/// `ctx` is NULL or a live `EVP_MD_CTX` not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_MD_CTX_free(ctx: *mut EvpMdCtx) {
    // SAFETY: as the caller promises.
    guard((), || unsafe { free_handle(ctx) })
}

/// `EVP_MD_CTX_reset`: empties a context for reuse. Returns 1, or 0 for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_MD_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_MD_CTX_reset(ctx: *mut EvpMdCtx) -> c_int {
    // SAFETY: as the caller promises.
    guard(0, || unsafe {
        with_handle(ctx, |c| {
            c.inner = DigestCtx::default();
            Ok(())
        })
    })
}

/// `EVP_MD_CTX_copy_ex`: makes `out` a copy of `in_` (digest and data so far).
/// Returns 1, or 0 when `in_` is NULL or not initialised.
///
/// # Safety
/// `out` and `in_` are NULL or live, distinct `EVP_MD_CTX`s.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_MD_CTX_copy_ex(out: *mut EvpMdCtx, in_: *const EvpMdCtx) -> c_int {
    // SAFETY: as the caller promises.
    let source = unsafe { in_.as_ref() }.map(|c| &c.inner).filter(|c| c.algorithm().is_some()).cloned();
    guard(0, || {
        let Some(source) = source else {
            err::push(Reason::UNINITIALIZED, "EVP_MD_CTX_copy_ex: the source context is NULL or not initialised");
            return 0;
        };
        // SAFETY: as the caller promises.
        unsafe {
            with_handle(out, |c| {
                c.inner = source;
                Ok(())
            })
        }
    })
}

/// `EVP_MD_CTX_get0_md` (also `EVP_MD_CTX_md`): the context's digest (borrowed), or
/// NULL.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_MD_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_MD_CTX_get0_md(ctx: *const EvpMdCtx) -> *const EvpMd {
    // SAFETY: as the caller promises.
    guard(ptr::null(), || unsafe { ctx.as_ref() }.and_then(|c| c.inner.algorithm()).map_or(ptr::null(), EvpMd::of))
}

/// `EVP_DigestInit_ex`: starts a hash of `type_` in `ctx` (of the context's previous
/// digest when `type_` is NULL). The engine is not used. Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_MD_CTX`; `type_` is NULL or an `EVP_MD`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_DigestInit_ex(
    ctx: *mut EvpMdCtx,
    type_: *const EvpMd,
    engine: *mut c_void,
) -> c_int {
    guard(0, || {
        let _ = engine;
        // SAFETY: as the caller promises.
        let alg = unsafe { EvpMd::algorithm(type_) };
        // SAFETY: as the caller promises.
        unsafe { with_handle(ctx, |c| c.inner.init(alg)) }
    })
}

/// `EVP_DigestInit_ex2`: as `EVP_DigestInit_ex`; the parameters are not used.
///
/// # Safety
/// As for `EVP_DigestInit_ex`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_DigestInit_ex2(
    ctx: *mut EvpMdCtx,
    type_: *const EvpMd,
    params: *const c_void,
) -> c_int {
    let _ = params;
    // SAFETY: as the caller promises.
    unsafe { tls12_EVP_DigestInit_ex(ctx, type_, ptr::null_mut()) }
}

/// `EVP_DigestInit`: resets `ctx` and starts a hash of `type_`. Returns 1 or 0.
///
/// # Safety
/// As for `EVP_DigestInit_ex`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_DigestInit(ctx: *mut EvpMdCtx, type_: *const EvpMd) -> c_int {
    // SAFETY: as the caller promises.
    let alg = unsafe { EvpMd::algorithm(type_) };
    guard(0, || {
        // SAFETY: as the caller promises.
        unsafe {
            with_handle(ctx, |c| {
                c.inner = DigestCtx::default();
                c.inner.init(alg)
            })
        }
    })
}

/// `EVP_DigestUpdate`: hashes `cnt` bytes at `d`. Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_MD_CTX`; `d` points to `cnt` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_DigestUpdate(ctx: *mut EvpMdCtx, d: *const c_void, cnt: usize) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        let Some(data) = (unsafe { sized_bytes(d, cnt, "d") }) else { return 0 };
        // SAFETY: as the caller promises.
        unsafe { with_handle(ctx, |c| c.inner.update(data)) }
    })
}

/// `EVP_DigestFinal_ex`: writes the digest to `md` (room for `EVP_MAX_MD_SIZE`) and
/// its length to `*s` (when not NULL). The context keeps its digest for another
/// `EVP_DigestInit_ex`. Returns 1 or 0.
///
/// # Safety
/// `ctx` is NULL or a live `EVP_MD_CTX`; `md` has room for the digest; `s` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_DigestFinal_ex(ctx: *mut EvpMdCtx, md: *mut u8, s: *mut c_uint) -> c_int {
    guard(0, || {
        if md.is_null() {
            null_arg("md");
            return 0;
        }
        // SAFETY: as the caller promises; `md` has room for the digest and `s` is
        // NULL or writable.
        unsafe {
            with_handle(ctx, |c| {
                let digest = c.inner.finish()?;
                write_digest(&digest, md);
                store_len(s, digest.len());
                Ok(())
            })
        }
    })
}

/// `EVP_DigestFinal`: as `EVP_DigestFinal_ex`, then resets the context.
///
/// # Safety
/// As for `EVP_DigestFinal_ex`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_DigestFinal(ctx: *mut EvpMdCtx, md: *mut u8, s: *mut c_uint) -> c_int {
    // SAFETY: as the caller promises.
    let done = unsafe { tls12_EVP_DigestFinal_ex(ctx, md, s) };
    // SAFETY: as the caller promises.
    unsafe { tls12_EVP_MD_CTX_reset(ctx) };
    done
}

/// `EVP_Digest`: the digest of `count` bytes at `data` in one go, written to `md`,
/// its length to `*size` (when not NULL). The engine is not used. Returns 1 or 0.
///
/// # Safety
/// `data` points to `count` readable bytes; `md` has room for the digest; `size` is
/// NULL or writable; `type_` is NULL or an `EVP_MD`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_Digest(
    data: *const c_void,
    count: usize,
    md: *mut u8,
    size: *mut c_uint,
    type_: *const EvpMd,
    engine: *mut c_void,
) -> c_int {
    guard(0, || {
        let _ = engine;
        // SAFETY: as the caller promises.
        let (Some(alg), Some(data)) =
            (unsafe { EvpMd::required(type_, "type") }, unsafe { sized_bytes(data, count, "data") })
        else {
            return 0;
        };
        if md.is_null() {
            null_arg("md");
            return 0;
        }
        let digest = alg.digest(data);
        // SAFETY: `md` has room for the digest and `size` is NULL or writable.
        unsafe {
            write_digest(&digest, md);
            store_len(size, digest.len());
        }
        1
    })
}

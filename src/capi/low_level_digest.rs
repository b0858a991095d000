//! OpenSSL's low-level digest functions (`MD5_Init`/`_Update`/`_Final`, `SHA1_*`,
//! `SHA224_*` ... and the one-shots `MD5()`, `SHA256()` ...). Programs allocate the
//! contexts themselves (often on the stack), so each context type is a plain C struct
//! large enough to hold the core's running hash, which lives inside it.

#![allow(non_snake_case)]

use super::evp_md::write_digest;
use super::{guard, null_arg, sized_bytes};
use crate::crypto::digest::{DigestAlgorithm, Hasher};
use std::ffi::{c_int, c_void};
use std::ptr;

/// Starts a hash of `alg` in the context at `c` (room for a [`Hasher`]). Returns 1,
/// or 0 for NULL.
///
/// # Safety
/// `c` is NULL or points to a writable context.
unsafe fn init(c: *mut c_void, alg: DigestAlgorithm) -> c_int {
    if c.is_null() {
        null_arg("c");
        return 0;
    }
    // SAFETY: every context has room for a `Hasher` (checked at compile time);
    // it may not be aligned for one, hence the unaligned write.
    unsafe { ptr::write_unaligned(c.cast::<Hasher>(), alg.start()) };
    1
}

/// Hashes `len` bytes at `data` in the context at `c`. Returns 1, or 0 for NULL.
///
/// # Safety
/// `c` is NULL or a context that [`init`] started; `data` points to `len` bytes.
unsafe fn update(c: *mut c_void, data: *const c_void, len: usize) -> c_int {
    // SAFETY: as the caller promises.
    let Some(data) = (unsafe { sized_bytes(data, len, "data") }) else { return 0 };
    if c.is_null() {
        null_arg("c");
        return 0;
    }
    // SAFETY: `init` stored a `Hasher` there (possibly unaligned); it holds no
    // pointers, so reading it out and writing it back is a plain copy.
    unsafe {
        let mut hasher = ptr::read_unaligned(c.cast::<Hasher>());
        hasher.update(data);
        ptr::write_unaligned(c.cast::<Hasher>(), hasher);
    }
    1
}

/// Writes the digest of the context at `c` to `md`. Returns 1, or 0 for NULL.
///
/// # Safety
/// `c` is NULL or a context that [`init`] started; `md` has room for the digest.
unsafe fn finish(md: *mut u8, c: *mut c_void) -> c_int {
    if c.is_null() || md.is_null() {
        null_arg(if c.is_null() { "c" } else { "md" });
        return 0;
    }
    // SAFETY: `init` stored a `Hasher` there (possibly unaligned).
    let hasher = unsafe { ptr::read_unaligned(c.cast::<Hasher>()) };
    // SAFETY: `md` has room for the digest.
    unsafe { write_digest(&hasher.finish(), md) };
    1
}

/// The digest of `n` bytes at `d` in `md` (a per-thread buffer when NULL), or NULL.
///
/// # Safety
/// `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
unsafe fn one_shot(alg: DigestAlgorithm, d: *const u8, n: usize, md: *mut u8) -> *mut u8 {
    // SAFETY: as the caller promises.
    match unsafe { sized_bytes(d.cast(), n, "d") } {
        // SAFETY: `md` is NULL or has room for the digest.
        Some(data) => unsafe { write_digest(&alg.digest(data), md) },
        None => ptr::null_mut(),
    }
}

macro_rules! low_level {
    ($ctx:ident, $doc:expr, $($alg:ident: $init:ident, $update:ident, $final:ident, $oneshot:ident, $name:expr;)*) => {
        #[doc = $doc]
        /// The running hash lives inside; copy it by assignment, never use it before
        /// the init function.
        #[repr(C)]
        pub struct $ctx {
            tls12_state: [u64; 32],
        }

        const _: () = assert!(size_of::<Hasher>() <= size_of::<$ctx>(), "a low-level digest context is too small");

        $(
            #[doc = concat!("`", $name, "_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.")]
            ///
            /// # Safety
            /// `c` is NULL or a writable context.
            #[no_mangle]
            pub unsafe extern "C" fn $init(c: *mut $ctx) -> c_int {
                // SAFETY: as the caller promises.
                guard(0, || unsafe { init(c.cast(), DigestAlgorithm::$alg) })
            }

            #[doc = concat!("`", $name, "_Update`: hashes `len` bytes at `data`. Returns 1, or 0.")]
            ///
            /// # Safety
            #[doc = concat!("`c` is NULL or a context `", $name, "_Init` started; `data` has `len` bytes.")]
            #[no_mangle]
            pub unsafe extern "C" fn $update(c: *mut $ctx, data: *const c_void, len: usize) -> c_int {
                // SAFETY: as the caller promises.
                guard(0, || unsafe { update(c.cast(), data, len) })
            }

            #[doc = concat!("`", $name, "_Final`: writes the digest to `md`. Returns 1, or 0.")]
            ///
            /// # Safety
            #[doc = concat!("`c` is NULL or a context `", $name, "_Init` started; `md` has room for the digest.")]
            #[no_mangle]
            pub unsafe extern "C" fn $final(md: *mut u8, c: *mut $ctx) -> c_int {
                // SAFETY: as the caller promises.
                guard(0, || unsafe { finish(md, c.cast()) })
            }

            #[doc = concat!("`", $name, "()`: the digest of `n` bytes at `d`, written to `md` (a per-thread")]
            /// buffer when NULL); returns where it went, or NULL.
            ///
            /// # Safety
            /// `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
            #[no_mangle]
            pub unsafe extern "C" fn $oneshot(d: *const u8, n: usize, md: *mut u8) -> *mut u8 {
                // SAFETY: as the caller promises.
                guard(ptr::null_mut(), || unsafe { one_shot(DigestAlgorithm::$alg, d, n, md) })
            }
        )*
    };
}

low_level!(Md5Ctx, "`MD5_CTX`: an MD5 hash in progress.",
    Md5: tls12_MD5_Init, tls12_MD5_Update, tls12_MD5_Final, tls12_MD5, "MD5";);
low_level!(ShaCtx, "`SHA_CTX`: a SHA-1 hash in progress.",
    Sha1: tls12_SHA1_Init, tls12_SHA1_Update, tls12_SHA1_Final, tls12_SHA1, "SHA1";);
low_level!(Sha256Ctx, "`SHA256_CTX`: a SHA-224 or SHA-256 hash in progress.",
    Sha224: tls12_SHA224_Init, tls12_SHA224_Update, tls12_SHA224_Final, tls12_SHA224, "SHA224";
    Sha256: tls12_SHA256_Init, tls12_SHA256_Update, tls12_SHA256_Final, tls12_SHA256, "SHA256";);
low_level!(Sha512Ctx, "`SHA512_CTX`: a SHA-384 or SHA-512 hash in progress.",
    Sha384: tls12_SHA384_Init, tls12_SHA384_Update, tls12_SHA384_Final, tls12_SHA384, "SHA384";
    Sha512: tls12_SHA512_Init, tls12_SHA512_Update, tls12_SHA512_Final, tls12_SHA512, "SHA512";);

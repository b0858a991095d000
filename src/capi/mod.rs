//! The C ABI: `extern "C"` functions with OpenSSL's names behind a `tls12_` prefix,
//! opaque handles, the per-thread error queue and the I/O adapters (BIOs).
//!
//! This is the only module with `unsafe` code and raw pointers. Every exported function
//! runs its body through [`guard`], so that no panic crosses into C, and checks its
//! pointer arguments with the helpers here, so that NULL is an error entry and
//! OpenSSL's failure return, never a crash.

pub mod bio;
pub mod cipher_nid;
pub mod client_cert;
pub mod ctx;
pub mod dh;
pub mod err;
pub mod evp_cipher;
pub mod evp_md;
pub mod exporter;
mod extras;
pub mod hmac;
pub mod keylog;
pub mod low_level_digest;
pub mod ocsp;
mod options;
mod owned;
pub mod passwd;
mod pem;
pub mod pkey;
pub mod psk;
pub mod rand;
pub mod reason;
pub mod ssl;
pub mod stack;
mod static_algorithm;
pub mod verify_code;
pub mod verify_param;
pub mod x509;

use crate::error::Reason;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

/// Runs `f`, turning a panic into an internal-error entry on the error queue and the
/// `fallback` return value. Every exported function's body goes through here.
pub(crate) fn guard<R>(fallback: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => value,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_string());
            err::push(Reason::INTERNAL_ERROR, format!("libtls12 hit an internal error ({what}); please report it"));
            fallback
        }
    }
}

/// Records that the argument called `what` was NULL (`PASSED_NULL_PARAMETER`).
#[track_caller]
pub(crate) fn null_arg(what: &str) {
    err::push(Reason::PASSED_NULL_PARAMETER, format!("the argument `{what}` is NULL"));
}

/// Borrows a NUL-terminated C string as UTF-8. NULL or invalid UTF-8 push an error
/// entry naming the argument `what` and give `None`.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
#[track_caller]
pub(crate) unsafe fn c_str<'a>(p: *const c_char, what: &str) -> Option<&'a str> {
    if p.is_null() {
        null_arg(what);
        return None;
    }
    // SAFETY: non-NULL, and the caller promises a NUL-terminated string living for 'a.
    let bytes = unsafe { CStr::from_ptr(p) };
    match bytes.to_str() {
        Ok(s) => Some(s),
        Err(_) => {
            err::push(Reason::BAD_VALUE, format!("the argument `{what}` is not valid UTF-8 text"));
            None
        }
    }
}

/// Borrows `len` bytes at `p` for reading. A NULL pointer with a non-zero length, or a
/// negative length, pushes an error entry naming `what` and gives `None`; a zero
/// length gives an empty slice whatever `p` is.
///
/// # Safety
/// When `len > 0`, `p` is NULL or points to `len` readable bytes that outlive `'a`.
#[track_caller]
pub(crate) unsafe fn bytes<'a>(p: *const u8, len: c_int, what: &str) -> Option<&'a [u8]> {
    let len = checked_len(p.is_null(), len, what)?;
    if len == 0 {
        return Some(&[]);
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes living for 'a.
    Some(unsafe { std::slice::from_raw_parts(p, len) })
}

/// Borrows `len` bytes at `p` for reading, for functions that take a `size_t` length:
/// NULL with a non-zero length pushes an error entry naming `what` and gives `None`;
/// a zero length gives an empty slice whatever `p` is.
///
/// # Safety
/// When `len > 0`, `p` is NULL or points to `len` readable bytes that outlive `'a`.
#[track_caller]
pub(crate) unsafe fn sized_bytes<'a>(p: *const std::ffi::c_void, len: usize, what: &str) -> Option<&'a [u8]> {
    if len == 0 {
        return Some(&[]);
    }
    if p.is_null() {
        null_arg(what);
        return None;
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes living for 'a.
    Some(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) })
}

/// Borrows `len` bytes at `p` for writing, with the checks of [`bytes`].
///
/// # Safety
/// When `len > 0`, `p` is NULL or points to `len` writable bytes that nothing else
/// uses during `'a`.
#[track_caller]
pub(crate) unsafe fn bytes_mut<'a>(p: *mut u8, len: c_int, what: &str) -> Option<&'a mut [u8]> {
    let len = checked_len(p.is_null(), len, what)?;
    if len == 0 {
        return Some(&mut []);
    }
    // SAFETY: non-NULL, and the caller promises `len` writable, unaliased bytes.
    Some(unsafe { std::slice::from_raw_parts_mut(p, len) })
}

#[track_caller]
fn checked_len(null: bool, len: c_int, what: &str) -> Option<usize> {
    match usize::try_from(len) {
        Err(_) => {
            err::push(Reason::BAD_VALUE, format!("the length given for `{what}` is negative ({len})"));
            None
        }
        Ok(n) if n > 0 && null => {
            null_arg(what);
            None
        }
        Ok(n) => Some(n),
    }
}

/// Copies `text` into the C buffer `buf` of `size` bytes as a NUL-terminated string,
/// truncating it to `size - 1` bytes. Returns whether anything was written (false
/// when `buf` is NULL or `size` is not positive).
///
/// # Safety
/// `buf` is NULL or points to `size` writable bytes.
pub(crate) unsafe fn copy_to_c_buf(text: &[u8], buf: *mut c_char, size: usize) -> bool {
    if buf.is_null() || size == 0 {
        return false;
    }
    let n = text.len().min(size - 1);
    // SAFETY: `buf` has `size` writable bytes and we write `n + 1 <= size` of them.
    let out = unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), n + 1) };
    out[..n].copy_from_slice(&text[..n]);
    out[n] = 0;
    true
}

/// A `malloc`ed NUL-terminated copy of `text` (which the caller releases with
/// `OPENSSL_free`), or NULL when memory runs out. Interior NUL bytes end the string.
pub(crate) fn malloc_c_string(text: &[u8]) -> *mut c_char {
    let len = text.iter().position(|&b| b == 0).unwrap_or(text.len());
    let p = malloc_bytes(&text[..len], 1);
    if !p.is_null() {
        // SAFETY: `malloc_bytes` allocated `len + 1` bytes and filled the first `len`.
        unsafe { *p.add(len) = 0 };
    }
    p.cast()
}

/// A `malloc`ed block holding `data` followed by `spare` more bytes (uninitialised),
/// or NULL (with an error entry) when memory runs out.
pub(crate) fn malloc_bytes(data: &[u8], spare: usize) -> *mut u8 {
    // SAFETY: malloc has no preconditions; the size is at least one byte.
    let p = unsafe { libc::malloc((data.len() + spare).max(1)) }.cast::<u8>();
    if p.is_null() {
        err::push(Reason::INTERNAL_ERROR, "out of memory");
        return p;
    }
    // SAFETY: `p` has room for `data.len() + spare` bytes and does not overlap `data`.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
    p
}

/// A NUL-terminated copy of `text` that lives as long as the process, for functions
/// that return `const char *` without giving the caller ownership. Each distinct text
/// is stored once.
pub(crate) fn intern(text: &str) -> *const c_char {
    static TABLE: Mutex<Option<HashMap<String, &'static CStr>>> = Mutex::new(None);
    let mut table = TABLE.lock().unwrap_or_else(|e| e.into_inner());
    let table = table.get_or_insert_with(HashMap::new);
    if let Some(s) = table.get(text) {
        return s.as_ptr();
    }
    let owned = CString::new(text.replace('\0', " ")).unwrap_or_default();
    let leaked: &'static CStr = Box::leak(owned.into_boxed_c_str());
    table.insert(text.to_string(), leaked);
    leaked.as_ptr()
}

/// Turns a handle's contents into a reference-counted pointer for C (one reference).
pub(crate) fn arc_into_ptr<T>(value: T) -> *mut T {
    Arc::into_raw(Arc::new(value)).cast_mut()
}

/// Borrows the contents of a handle made by [`arc_into_ptr`]; `None` for NULL.
///
/// # Safety
/// `p` is NULL or came from [`arc_into_ptr`] and still holds a reference for `'a`.
pub(crate) unsafe fn arc_borrow<'a, T>(p: *const T) -> Option<&'a T> {
    // SAFETY: the caller promises that `p` is NULL or a live `Arc` allocation.
    unsafe { p.as_ref() }
}

/// Adds a reference to a handle made by [`arc_into_ptr`] (NULL is ignored).
///
/// # Safety
/// `p` is NULL or came from [`arc_into_ptr`] and still holds a reference.
pub(crate) unsafe fn arc_retain<T>(p: *const T) {
    if !p.is_null() {
        // SAFETY: the caller promises `p` is a live `Arc` allocation.
        unsafe { Arc::increment_strong_count(p) };
    }
}

/// Drops one reference to a handle made by [`arc_into_ptr`], freeing it with the last
/// (NULL is ignored).
///
/// # Safety
/// `p` is NULL or came from [`arc_into_ptr`] and the caller gives up one reference.
pub(crate) unsafe fn arc_release<T>(p: *const T) {
    if !p.is_null() {
        // SAFETY: the caller promises `p` is a live `Arc` allocation and hands over
        // one of its references.
        unsafe { Arc::decrement_strong_count(p) };
    }
}

/// `OPENSSL_init_ssl`: nothing needs initialising; returns 1. Also what OpenSSL's
/// `SSL_library_init`, `SSL_load_error_strings` and `OpenSSL_add_ssl_algorithms`
/// macros expand to.
#[no_mangle]
pub extern "C" fn tls12_OPENSSL_init_ssl(opts: u64, settings: *const std::ffi::c_void) -> c_int {
    guard(0, || {
        let _ = (opts, settings);
        1
    })
}

/// `OPENSSL_init_crypto`: nothing needs initialising; returns 1.
#[no_mangle]
pub extern "C" fn tls12_OPENSSL_init_crypto(opts: u64, settings: *const std::ffi::c_void) -> c_int {
    guard(0, || {
        let _ = (opts, settings);
        1
    })
}

/// `CRYPTO_malloc` (behind OpenSSL's `OPENSSL_malloc` macro): `malloc`. Memory this
/// library hands out for the caller to free comes from here too; free it with
/// `OPENSSL_free`.
#[no_mangle]
pub extern "C" fn tls12_CRYPTO_malloc(num: usize, file: *const c_char, line: c_int) -> *mut std::ffi::c_void {
    guard(std::ptr::null_mut(), || {
        let _ = (file, line);
        malloc_bytes(&[], num).cast()
    })
}

/// `CRYPTO_free` (behind OpenSSL's `OPENSSL_free` macro): `free`. NULL is ignored.
///
/// # Safety
/// `ptr` is NULL or memory from `OPENSSL_malloc` or from this library (for example
/// `X509_NAME_oneline` or `i2d_X509` with `*out` NULL) that is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_CRYPTO_free(ptr: *mut std::ffi::c_void, file: *const c_char, line: c_int) {
    guard((), || {
        let _ = (file, line);
        // SAFETY: the caller promises `ptr` is NULL or came from malloc and is unused.
        unsafe { libc::free(ptr) }
    })
}

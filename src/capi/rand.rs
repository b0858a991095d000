//! Randomness (`RAND_*`): always the operating system's generator, which seeds
//! itself; the seeding functions are accepted and change nothing, as in OpenSSL 3
//! with its default generator.

#![allow(non_snake_case)]

use super::{bytes_mut, c_str, copy_to_c_buf, err, guard};
use crate::crypto::{fill_random, seed_file};
use std::ffi::{c_char, c_int, c_long, c_void};

/// Fills `num` bytes at `buf` with random bytes. Returns 1, or 0 (with an error entry)
/// for a bad argument or a failed generator.
///
/// # Safety
/// `buf` has `num` writable bytes.
unsafe fn fill(buf: *mut u8, num: c_int) -> c_int {
    // SAFETY: as the caller promises.
    let Some(out) = (unsafe { bytes_mut(buf, num, "buf") }) else { return 0 };
    match fill_random(out) {
        Ok(()) => 1,
        Err(e) => {
            err::push_error(&e);
            0
        }
    }
}

/// `RAND_bytes`: `num` random bytes at `buf`. Returns 1, or 0.
///
/// # Safety
/// `buf` has `num` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_RAND_bytes(buf: *mut u8, num: c_int) -> c_int {
    // SAFETY: as the caller promises.
    guard(0, || unsafe { fill(buf, num) })
}

/// `RAND_priv_bytes`: as `RAND_bytes` (one generator serves both).
///
/// # Safety
/// `buf` has `num` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_RAND_priv_bytes(buf: *mut u8, num: c_int) -> c_int {
    // SAFETY: as the caller promises.
    guard(0, || unsafe { fill(buf, num) })
}

/// `RAND_status`: 1, the generator is always seeded (by the operating system).
#[no_mangle]
pub extern "C" fn tls12_RAND_status() -> c_int {
    guard(0, || 1)
}

/// `RAND_poll`: 1; the operating system's generator needs no polling.
#[no_mangle]
pub extern "C" fn tls12_RAND_poll() -> c_int {
    guard(0, || 1)
}

/// `RAND_seed`: accepted; the bytes are not needed.
#[no_mangle]
pub extern "C" fn tls12_RAND_seed(buf: *const c_void, num: c_int) {
    guard((), || {
        let _ = (buf, num);
    })
}

/// `RAND_add`: accepted; the bytes are not needed.
#[no_mangle]
pub extern "C" fn tls12_RAND_add(buf: *const c_void, num: c_int, randomness: f64) {
    guard((), || {
        let _ = (buf, num, randomness);
    })
}

/// `RAND_load_file`: reads up to `max_bytes` of the seed file `filename` (all of it
/// when -1). Returns the bytes read, 0 when `max_bytes` is 0, or -1 (with an error
/// entry) when the file cannot be read.
///
/// # Safety
/// `filename` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_RAND_load_file(filename: *const c_char, max_bytes: c_long) -> c_int {
    guard(-1, || {
        if max_bytes == 0 {
            return 0;
        }
        // SAFETY: as the caller promises.
        let Some(path) = (unsafe { c_str(filename, "filename") }) else { return -1 };
        match seed_file::load(path, u64::try_from(max_bytes).ok()) {
            Ok(n) => c_int::try_from(n).unwrap_or(c_int::MAX),
            Err(e) => {
                err::push_error(&e);
                -1
            }
        }
    })
}

/// `RAND_file_name`: writes the default seed file's path (`$RANDFILE`, else
/// `$HOME/.rnd`) to `buf` (`num` bytes) and returns `buf`, or NULL when neither is
/// set or the path does not fit.
///
/// # Safety
/// `buf` is NULL or has `num` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_RAND_file_name(buf: *mut c_char, num: usize) -> *const c_char {
    guard(std::ptr::null(), || match seed_file::default_path() {
        // SAFETY: `buf` has `num` writable bytes.
        Some(path) if path.len() < num && unsafe { copy_to_c_buf(path.as_bytes(), buf, num) } => buf,
        _ => std::ptr::null(),
    })
}

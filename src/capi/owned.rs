//! Handles that C owns alone (`EVP_MD_CTX`, `HMAC_CTX`, `EVP_CIPHER_CTX`): a `Box`
//! behind the pointer, made by the `*_new` function, freed by the `*_free` one, and
//! borrowed mutably by every call in between.

use super::{err, null_arg};
use crate::error::Error;
use std::ffi::c_int;

/// A new handle holding `T::default()`.
pub(crate) fn new_handle<T: Default>() -> *mut T {
    Box::into_raw(Box::default())
}

/// Frees a handle made by [`new_handle`] (NULL is ignored).
///
/// # Safety
/// `p` is NULL or came from [`new_handle`] and is not used afterwards.
pub(crate) unsafe fn free_handle<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: the caller gives up a handle made by `new_handle`.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// Borrows the contents of a handle, pushing an error entry naming `what` for NULL.
///
/// # Safety
/// `p` is NULL or a live handle from [`new_handle`] that nothing else uses during `'a`.
#[track_caller]
pub(crate) unsafe fn borrow_handle<'a, T>(p: *mut T, what: &str) -> Option<&'a mut T> {
    // SAFETY: as the caller promises.
    let handle = unsafe { p.as_mut() };
    if handle.is_none() {
        null_arg(what);
    }
    handle
}

/// Runs `f` on the handle `p` (an error entry for NULL), turning a core error into an
/// error entry: OpenSSL's 1 on success, 0 on failure.
///
/// # Safety
/// As for [`borrow_handle`].
pub(crate) unsafe fn with_handle<T>(p: *mut T, f: impl FnOnce(&mut T) -> Result<(), Error>) -> c_int {
    // SAFETY: as the caller promises.
    let Some(handle) = (unsafe { borrow_handle(p, "ctx") }) else { return 0 };
    match f(handle) {
        Ok(()) => 1,
        Err(e) => {
            err::push_error(&e);
            0
        }
    }
}

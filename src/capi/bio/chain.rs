//! BIO chains: `BIO_push`, `BIO_pop`, `BIO_next` and `BIO_free_all`.
//!
//! As in OpenSSL, the links of a chain hold no references: pushing a BIO onto another
//! moves nothing, and `BIO_free_all` drops one reference of each BIO along the chain,
//! stopping after a BIO that someone else still holds.

use super::{arg, release, Bio};
use std::sync::atomic::{AtomicPtr, Ordering};

/// A BIO's neighbours in its chain (NULL: none). Non-owning.
#[derive(Default)]
pub(super) struct Links {
    next: AtomicPtr<Bio>,
    prev: AtomicPtr<Bio>,
}

impl Links {
    /// The BIO after this one, or NULL.
    pub(super) fn next(&self) -> *mut Bio {
        self.next.load(Ordering::Acquire)
    }
}

/// Borrows a chain member (never NULL here).
///
/// # Safety
/// `p` is a live BIO.
unsafe fn member<'a>(p: *mut Bio) -> &'a Bio {
    // SAFETY: as promised by the caller.
    unsafe { &*p }
}

/// Appends `rest` after the last BIO of the chain that starts at `bio`, and tells `bio`
/// (`BIO_CTRL_PUSH`: an SSL BIO takes the BIO after it as its transport).
///
/// # Safety
/// `bio` and `rest` are live BIOs (`rest` may be NULL), and every link is live.
pub(super) unsafe fn push(bio: *mut Bio, rest: *mut Bio) {
    let mut last = bio;
    // SAFETY: the chain's BIOs are live, as promised by the caller.
    while let Some(next) = unsafe { std::ptr::NonNull::new(member(last).links.next()) } {
        last = next.as_ptr();
    }
    // SAFETY: as above.
    unsafe { member(last) }.links.next.store(rest, Ordering::Release);
    if !rest.is_null() {
        // SAFETY: `rest` is live.
        unsafe { member(rest) }.links.prev.store(last, Ordering::Release);
    }
    // SAFETY: as above.
    unsafe { member(bio) }.ctrl(super::ssl::CTRL_PUSH, 0, last.cast());
}

/// Unlinks `bio` from its chain, joining its neighbours; returns the BIO that followed.
///
/// # Safety
/// `bio` is a live BIO whose links are live.
pub(super) unsafe fn unlink(bio: *mut Bio) -> *mut Bio {
    // SAFETY: as promised by the caller.
    let bio_ref = unsafe { member(bio) };
    bio_ref.ctrl(super::ssl::CTRL_POP, 0, bio.cast());
    let links = &bio_ref.links;
    let next = links.next.swap(std::ptr::null_mut(), Ordering::AcqRel);
    let prev = links.prev.swap(std::ptr::null_mut(), Ordering::AcqRel);
    if !prev.is_null() {
        // SAFETY: the neighbours are live.
        unsafe { member(prev) }.links.next.store(next, Ordering::Release);
    }
    if !next.is_null() {
        // SAFETY: as above.
        unsafe { member(next) }.links.prev.store(prev, Ordering::Release);
    }
    next
}

/// `BIO_push`: appends `append` (may be NULL) to the end of the chain that starts at
/// `b`. Returns `b`; for a NULL `b`, `append` (the chain is `append` alone).
///
/// # Safety
/// `b` and `append` are NULL or live BIOs, and so are the BIOs chained to them.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_push(b: *mut Bio, append: *mut Bio) -> *mut Bio {
    guard_ptr(|| {
        if b.is_null() {
            return Some(append);
        }
        // SAFETY: as promised by the caller.
        unsafe { push(b, append) };
        Some(b)
    })
}

/// `BIO_pop`: takes `b` out of its chain (its neighbours are joined) and returns the
/// BIO that followed it, or NULL.
///
/// # Safety
/// `b` is NULL or a live BIO, and so are the BIOs chained to it.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_pop(b: *mut Bio) -> *mut Bio {
    guard_ptr(|| {
        // SAFETY: as promised by the caller.
        unsafe { arg(b) }?;
        // SAFETY: `b` is live and so are its links.
        Some(unsafe { unlink(b) })
    })
}

/// `BIO_next`: the BIO after `b` in its chain, or NULL.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_next(b: *mut Bio) -> *mut Bio {
    // SAFETY: as promised by the caller.
    guard_ptr(|| Some(unsafe { arg(b) }?.links.next()))
}

/// Runs `f` under [`super::guard`], giving NULL for `None` or a panic.
fn guard_ptr(f: impl FnOnce() -> Option<*mut Bio>) -> *mut Bio {
    super::guard(std::ptr::null_mut(), || f().unwrap_or(std::ptr::null_mut()))
}

/// `BIO_free_all`: frees each BIO of the chain that starts at `b` in turn, stopping
/// after one that still has other references.
///
/// # Safety
/// `b` is NULL or a live BIO whose chain is live; the caller gives up one reference
/// of each BIO that is freed.
pub(super) unsafe fn free_all(mut b: *mut Bio) {
    while !b.is_null() {
        // SAFETY: `b` is a live BIO of the chain (a reference-counted allocation).
        let shared =
            unsafe { std::sync::Arc::strong_count(&std::mem::ManuallyDrop::new(std::sync::Arc::from_raw(b))) } > 1;
        // SAFETY: as above; the links are read before the reference is dropped.
        let next = unsafe { member(b) }.links.next();
        // SAFETY: the caller gives up this reference.
        unsafe { release(b) };
        if shared {
            return;
        }
        b = next;
    }
}

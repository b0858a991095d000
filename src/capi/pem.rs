//! The one reader behind every `PEM_read_*` / `PEM_read_bio_*` pair (certificates,
//! private keys, DH parameters, sessions): lines from a C `FILE *` or a `BIO *` go to
//! [`crate::pem::read_block`], the block becomes a handle, and the handle is given to
//! the caller as OpenSSL does with the `*x` out-parameter. And the one writer behind
//! every `PEM_write_*` / `PEM_write_bio_*` pair.

use super::bio::{self, Bio};
use super::err::{self, LIB_PEM, PEM_R_NO_START_LINE};
use super::{arc_release, null_arg};
use crate::error::{Error, Reason};
use crate::pem::{self, ReadError};
use zeroize::Zeroizing;

/// The longest PEM line read (PEM lines have 64 characters; this leaves room for junk).
const MAX_LINE: usize = 16 * 1024;

/// Where a `PEM_read_*` function reads from.
#[derive(Clone, Copy)]
pub(crate) enum Input {
    /// A stdio stream (`PEM_read_*`).
    Stream(*mut libc::FILE),
    /// A `BIO` (`PEM_read_bio_*`).
    Bio(*mut Bio),
}

/// Where a `PEM_write_*` function writes to.
#[derive(Clone, Copy)]
pub(crate) enum Output {
    /// A stdio stream (`PEM_write_*`).
    Stream(*mut libc::FILE),
    /// A `BIO` (`PEM_write_bio_*`).
    Bio(*mut Bio),
}

/// Writes the PEM `text` to `output`: 1 when all of it was written, else 0 (with an
/// error entry for a NULL output).
///
/// # Safety
/// `output` holds NULL, an open `FILE *` or a live `BIO`.
pub(crate) unsafe fn write(output: Output, text: &str) -> std::ffi::c_int {
    let written = match output {
        Output::Stream(fp) if fp.is_null() => {
            null_arg("fp");
            false
        }
        // SAFETY: `fp` is an open stream and `text` has `text.len()` readable bytes.
        Output::Stream(fp) => (unsafe { libc::fwrite(text.as_ptr().cast(), 1, text.len(), fp) }) == text.len(),
        // SAFETY: `bp` is NULL or a live BIO, as the caller promises.
        Output::Bio(bp) => match unsafe { bio::from_ptr(bp) } {
            Some(b) => matches!(b.write_all(text.as_bytes()), bio::IoResult::Done(_)),
            None => {
                null_arg("bp");
                false
            }
        },
    };
    std::ffi::c_int::from(written)
}

/// One line (with its newline) from the stdio stream `fp`; `None` at its end.
///
/// # Safety
/// `fp` is an open `FILE *` that nothing else uses during the call.
unsafe fn stream_line(fp: *mut libc::FILE) -> Option<Vec<u8>> {
    let mut buf = Zeroizing::new(vec![0u8; MAX_LINE]);
    // SAFETY: `buf` has `MAX_LINE` writable bytes and `fp` is an open stream.
    let got = unsafe { libc::fgets(buf.as_mut_ptr().cast(), MAX_LINE as std::ffi::c_int, fp) };
    (!got.is_null()).then(|| buf.iter().take_while(|&&b| b != 0).copied().collect())
}

/// Reads the next PEM block labelled one of `labels` from `input` (blocks with other
/// labels and text before it are skipped; the input after its END line is left unread),
/// makes a handle of it with `make`, and returns the handle, also storing it in `*x`
/// when `x` is not NULL (the handle `*x` held is released). On failure: NULL and one
/// error entry, naming `func`; when the input ends before such a block the entry is
/// PEM's "no start line" (`PEM_R_NO_START_LINE`), what loops reading several objects
/// stop on.
///
/// # Safety
/// `input` holds NULL, an open `FILE *` or a live `BIO` that nothing else uses during
/// the call; `x` is NULL or valid for reading and writing, holding NULL or a live
/// handle of `T` made by [`super::arc_into_ptr`].
pub(crate) unsafe fn read<T>(
    input: Input,
    x: *mut *mut T,
    labels: &[&str],
    func: &str,
    make: impl FnOnce(pem::Block) -> Result<*mut T, Error>,
) -> *mut T {
    let block = match input {
        Input::Stream(fp) if fp.is_null() => {
            null_arg("fp");
            return std::ptr::null_mut();
        }
        // SAFETY: `fp` is an open stream, as the caller promises.
        Input::Stream(fp) => pem::read_block(|| unsafe { stream_line(fp) }, labels),
        // SAFETY: `bp` is NULL or a live BIO, as the caller promises.
        Input::Bio(bp) => match unsafe { bio::from_ptr(bp) } {
            Some(b) => pem::read_block(|| b.read_line(MAX_LINE), labels),
            None => {
                null_arg("bp");
                return std::ptr::null_mut();
            }
        },
    };
    let made = match block {
        Ok(block) => make(block),
        Err(ReadError::NoStartLine) => {
            err::push_lib(LIB_PEM, PEM_R_NO_START_LINE, format!("{func}: expecting: {}", labels.join(" or ")));
            return std::ptr::null_mut();
        }
        Err(e) => Err(Error::local(Reason::BAD_DATA, e.to_string())),
    };
    match made {
        // SAFETY: as the caller promises for `x`.
        Ok(p) => unsafe { store_out(x, p) },
        Err(e) => {
            err::push(e.reason, format!("{func}: {}", e.detail));
            std::ptr::null_mut()
        }
    }
}

/// Gives the new handle `p` to the caller of a `PEM_read_*` or `d2i_*` function: with
/// `x` not NULL the handle it held is released and `*x` becomes `p` (the return value
/// and `*x` are then the same reference). Returns `p`.
///
/// # Safety
/// `x` is NULL or valid for reading and writing, holding NULL or a live handle of `T`
/// made by [`super::arc_into_ptr`], whose reference the caller gives up.
pub(crate) unsafe fn store_out<T>(x: *mut *mut T, p: *mut T) -> *mut T {
    // SAFETY: as the caller promises.
    if let Some(slot) = unsafe { x.as_mut() } {
        // SAFETY: `*x` is NULL or live, and its reference is given up here.
        unsafe { arc_release(*slot) };
        *slot = p;
    }
    p
}

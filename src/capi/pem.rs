//! Reading one PEM block from a C `FILE *` or a `BIO *` for the `PEM_read_*` functions
//! of this crate's `DH` and `EVP_PKEY`, and their `*x` out-parameter.

use super::bio::{self, Bio};
use super::{arc_release, err, null_arg};
use crate::error::{Error, Reason};
use zeroize::Zeroizing;

/// The longest PEM line read (PEM lines have 64 characters; this leaves room for junk).
const MAX_LINE: usize = 16 * 1024;
/// The most lines one block may have: far above any key or DH group.
const MAX_LINES: usize = 4096;

/// Collects the next PEM block whose label is one of `labels`, from its BEGIN line
/// through its END line, reading lines with `next_line` (which gives `None` at the
/// end). Blocks with other labels and text between blocks are skipped; the input
/// after the END line is left unread.
fn read_block(mut next_line: impl FnMut() -> Option<Vec<u8>>, labels: &[&str]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut block = Zeroizing::new(Vec::new());
    let mut end: Option<String> = None;
    for _ in 0..MAX_LINES {
        let Some(line) = next_line().map(Zeroizing::new) else { break };
        let trimmed = String::from_utf8_lossy(&line).trim_end().to_string();
        match &end {
            None => {
                let begins = labels.iter().find(|l| trimmed == format!("-----BEGIN {l}-----"));
                if let Some(label) = begins {
                    end = Some(format!("-----END {label}-----"));
                    block.extend_from_slice(trimmed.as_bytes());
                    block.push(b'\n');
                }
            }
            Some(end_line) => {
                block.extend_from_slice(trimmed.as_bytes());
                block.push(b'\n');
                if trimmed == *end_line {
                    return Ok(block);
                }
            }
        }
    }
    Err(Error::local(Reason::BAD_VALUE, format!("no complete PEM block labelled {} found", labels.join(" or "))))
}

/// Reads the next block labelled one of `labels` from `fp`.
///
/// # Safety
/// `fp` is NULL or an open `FILE *` that nothing else uses during the call.
pub(crate) unsafe fn read_stream(fp: *mut libc::FILE, labels: &[&str]) -> Result<Zeroizing<Vec<u8>>, Error> {
    if fp.is_null() {
        null_arg("fp");
        return Err(Error::local(Reason::PASSED_NULL_PARAMETER, "no stream"));
    }
    let mut buf = Zeroizing::new(vec![0u8; MAX_LINE]);
    read_block(
        || {
            // SAFETY: `buf` has `MAX_LINE` writable bytes and `fp` is an open stream.
            let got = unsafe { libc::fgets(buf.as_mut_ptr().cast(), MAX_LINE as std::ffi::c_int, fp) };
            (!got.is_null()).then(|| buf.iter().take_while(|&&b| b != 0).copied().collect())
        },
        labels,
    )
}

/// Reads the next block labelled one of `labels` from `bp`.
///
/// # Safety
/// `bp` is NULL or a live `BIO`.
pub(crate) unsafe fn read_bio(bp: *mut Bio, labels: &[&str]) -> Result<Zeroizing<Vec<u8>>, Error> {
    // SAFETY: as the caller promises.
    let Some(b) = (unsafe { bio::from_ptr(bp) }) else {
        null_arg("bp");
        return Err(Error::local(Reason::PASSED_NULL_PARAMETER, "no BIO"));
    };
    read_block(|| b.read_line(MAX_LINE), labels)
}

/// Gives the object made by a `PEM_read_*` function to the caller: with `x` not NULL
/// the object it held is released and `*x` points to the new one (the return value
/// and `*x` are then the same reference). A failure gives NULL and an error entry
/// (none more for a NULL argument, which has one already).
///
/// # Safety
/// `x` is NULL or valid for reading and writing, holding NULL or a live handle of `T`
/// made by [`super::arc_into_ptr`].
pub(crate) unsafe fn hand_out<T>(x: *mut *mut T, made: Result<*mut T, Error>, func: &str) -> *mut T {
    let made = match made {
        Ok(p) => p,
        Err(e) => {
            if e.reason != Reason::PASSED_NULL_PARAMETER {
                err::push_error_saying(&e, format!("{func}: {e}"));
            }
            return std::ptr::null_mut();
        }
    };
    if !x.is_null() {
        // SAFETY: the caller promises `x` is valid and `*x` NULL or a live handle
        // whose reference it hands over.
        unsafe {
            arc_release(*x);
            *x = made;
        }
    }
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_block_and_skips_others() {
        let text = "junk\n-----BEGIN EC PARAMETERS-----\nAAAA\n-----END EC PARAMETERS-----\n\
                    -----BEGIN EC PRIVATE KEY-----\nBBBB\n-----END EC PRIVATE KEY-----\nafter\n";
        let mut lines = text.split_inclusive('\n').map(|l| l.as_bytes().to_vec());
        let block = read_block(|| lines.next(), &["EC PRIVATE KEY", "PRIVATE KEY"]).unwrap();
        assert_eq!(&block[..], b"-----BEGIN EC PRIVATE KEY-----\nBBBB\n-----END EC PRIVATE KEY-----\n");
        assert_eq!(lines.next().unwrap(), b"after\n");
        let mut lines = text.split_inclusive('\n').map(|l| l.as_bytes().to_vec());
        assert!(read_block(|| lines.next(), &["DH PARAMETERS"]).is_err());
    }
}

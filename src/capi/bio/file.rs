//! Stdio stream BIOs (`BIO_s_file`, `BIO_new_fp`, `BIO_new_file`): reads and writes
//! with `fread`/`fwrite`, and the controls behind `BIO_read_filename` (and its write,
//! append and read-write forms), `BIO_set_fp`, `BIO_get_fp` and `BIO_flush`. The
//! `fopen` mode of the filename macros comes from the core ([`crate::bio_file`]).

use super::{null_arg, Bio, IoResult, CTRL_FLUSH};
use crate::capi::err;
use crate::error::Reason;
use std::ffi::{c_char, c_int, c_long, c_void, CStr};
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `BIO_C_SET_FILE_PTR` (`BIO_set_fp`).
const C_SET_FILE_PTR: c_int = 106;
/// `BIO_C_GET_FILE_PTR` (`BIO_get_fp`).
const C_GET_FILE_PTR: c_int = 107;
/// `BIO_C_SET_FILENAME` (`BIO_read_filename` ...).
const C_SET_FILENAME: c_int = 108;

/// The BIO's stream, if it has one.
fn stream(fp: &AtomicUsize) -> Option<*mut libc::FILE> {
    Some(fp.load(Ordering::Relaxed) as *mut libc::FILE).filter(|p| !p.is_null())
}

/// Whether [`Bio::file_ctrl`] answers `cmd`.
pub(super) fn handles(cmd: c_int) -> bool {
    matches!(cmd, CTRL_FLUSH | C_SET_FILE_PTR | C_GET_FILE_PTR | C_SET_FILENAME)
}

/// Reads with `fread`: the count, the end of the file, or the stream's error. A BIO
/// without a stream has nothing to read.
pub(super) fn read(fp: &AtomicUsize, buf: &mut [u8]) -> IoResult {
    let Some(fp) = stream(fp) else { return IoResult::Eof };
    // SAFETY: `fp` is the open stream the BIO holds; `buf` has `buf.len()` writable bytes.
    let n = unsafe { libc::fread(buf.as_mut_ptr().cast(), 1, buf.len(), fp) };
    // SAFETY: as above.
    let failed = n == 0 && unsafe { libc::ferror(fp) } != 0;
    match n {
        _ if failed => IoResult::Failed(io::Error::last_os_error()),
        0 => IoResult::Eof,
        n => IoResult::Done(n),
    }
}

/// Writes with `fwrite`; fails on a BIO without a stream.
pub(super) fn write(fp: &AtomicUsize, data: &[u8]) -> IoResult {
    let Some(fp) = stream(fp) else {
        return IoResult::Failed(io::Error::other("the file BIO has no file: use BIO_write_filename or BIO_set_fp"));
    };
    // SAFETY: `fp` is the open stream the BIO holds; `data` has `data.len()` readable bytes.
    match unsafe { libc::fwrite(data.as_ptr().cast(), 1, data.len(), fp) } {
        0 => IoResult::Failed(io::Error::last_os_error()),
        n => IoResult::Done(n),
    }
}

/// Lets go of the BIO's stream: closes it when the BIO owns it (`BIO_CLOSE`), else
/// flushes what was written.
pub(super) fn close(fp: &AtomicUsize, owned: bool) {
    let Some(fp) = stream(fp) else { return };
    // SAFETY: the stream is open and the BIO is done with it; it closes it only when
    // it owns it.
    unsafe {
        if owned {
            libc::fclose(fp);
        } else {
            libc::fflush(fp);
        }
    }
}

impl Bio {
    /// The file controls (see [`handles`]) on a stdio stream BIO whose stream is `fp`.
    pub(super) fn file_ctrl(&self, fp: &AtomicUsize, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        match cmd {
            // SAFETY: `fflush` on the open stream the BIO holds.
            CTRL_FLUSH => stream(fp).map_or(1, |f| c_long::from(unsafe { libc::fflush(f) } == 0)),
            C_GET_FILE_PTR => {
                if !parg.is_null() {
                    // SAFETY: for BIO_C_GET_FILE_PTR the caller passes a `FILE **`
                    // (the `BIO_get_fp` macro), valid for one write.
                    unsafe { *parg.cast::<*mut libc::FILE>() = fp.load(Ordering::Relaxed) as *mut libc::FILE };
                }
                1
            }
            C_SET_FILE_PTR => {
                self.replace_stream(fp, parg.cast(), larg);
                1
            }
            _ => self.open_filename(fp, larg, parg.cast()),
        }
    }

    /// Closes the stream the BIO owns and takes `new` (with `BIO_CLOSE` in `larg`,
    /// owning it).
    fn replace_stream(&self, fp: &AtomicUsize, new: *mut libc::FILE, larg: c_long) {
        close(fp, self.close.load(Ordering::Relaxed));
        fp.store(new as usize, Ordering::Relaxed);
        self.close.store(larg & 1 != 0, Ordering::Relaxed);
        self.init.store(!new.is_null(), Ordering::Relaxed);
    }

    /// `BIO_C_SET_FILENAME`: opens `name` with the mode `larg`'s `BIO_FP_*` flags
    /// give. Returns 1, or 0 (with an error entry).
    fn open_filename(&self, fp: &AtomicUsize, larg: c_long, name: *const c_char) -> c_long {
        if name.is_null() {
            null_arg("name");
            return 0;
        }
        let Some(mode) = crate::bio_file::fopen_mode(larg) else {
            err::push(Reason::BAD_VALUE, "bad fopen mode: the flags ask for neither reading nor writing");
            return 0;
        };
        // SAFETY: `name` is the caller's NUL-terminated file name; `mode` is ours.
        let new = unsafe { libc::fopen(name, mode.as_ptr()) };
        if new.is_null() {
            // SAFETY: as above.
            let shown = unsafe { CStr::from_ptr(name) }.to_string_lossy();
            err::push_sys(&io::Error::last_os_error(), format!("cannot open {shown}"));
            return 0;
        }
        self.replace_stream(fp, new, larg);
        1
    }
}

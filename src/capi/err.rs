//! The per-thread error queue, as OpenSSL 3 keeps it.
//!
//! Each failure pushes an entry: a packed code (`ERR_PACK(lib, 0, reason)`, that is
//! `lib << 23 | reason`; `ERR_LIB_SSL` is 20, so SSL errors read `0A0000xx`), where in
//! the library it was raised, and a sentence saying what exactly went wrong (OpenSSL's
//! "error data"). The queue keeps the 16 newest entries, like OpenSSL's.

use super::{bio, copy_to_c_buf, guard, intern, reason};
use crate::error::{Error, Reason};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::ffi::{c_char, c_int, c_ulong, c_void, CString};
use std::panic::Location;
use std::ptr;

/// `ERR_LIB_SYS`.
const LIB_SYS: u32 = 2;
/// `ERR_LIB_PEM`.
pub(crate) const LIB_PEM: u32 = 9;
/// `ERR_LIB_X509`.
const LIB_X509: u32 = 11;
/// `ERR_LIB_ASN1`.
const LIB_ASN1: u32 = 13;
/// `ERR_LIB_SSL`.
const LIB_SSL: u32 = 20;
/// `ERR_LIB_BIO`.
const LIB_BIO: u32 = 32;
/// `PEM_R_NO_START_LINE`: what `PEM_read_*` report at the end of the input.
pub(crate) const PEM_R_NO_START_LINE: u32 = 108;
/// `ERR_TXT_STRING`: the entry's data is text.
const TXT_STRING: c_int = 0x02;
/// How many entries a queue keeps (`ERR_NUM_ERRORS`).
const MAX_ENTRIES: usize = 16;
/// The size of `ERR_error_string`'s buffer.
const ERROR_STRING_SIZE: usize = 256;

/// One entry on the queue.
struct Entry {
    code: u32,
    detail: CString,
    file: CString,
    line: u32,
    marked: bool,
}

/// The calling thread's queue, plus the entry last taken off it (its texts stay valid
/// until the next one is taken, as OpenSSL's do) and `ERR_error_string`'s buffer.
struct Queue {
    entries: VecDeque<Entry>,
    taken: Option<Entry>,
    string_buf: [u8; ERROR_STRING_SIZE],
}

thread_local! {
    static QUEUE: RefCell<Queue> = const {
        RefCell::new(Queue {
            entries: VecDeque::new(),
            taken: None,
            string_buf: [0; ERROR_STRING_SIZE],
        })
    };
}

fn pack(lib: u32, reason: u32) -> u32 {
    ((lib & 0xff) << 23) | (reason & 0x7f_ffff)
}

fn lib_of(code: u32) -> u32 {
    if code & 0x8000_0000 != 0 {
        LIB_SYS
    } else {
        (code >> 23) & 0xff
    }
}

fn reason_of(code: u32) -> u32 {
    if code & 0x8000_0000 != 0 {
        code & 0x7fff_ffff
    } else {
        code & 0x7f_ffff
    }
}

fn lib_text(lib: u32) -> Option<&'static str> {
    match lib {
        LIB_SYS => Some("system library"),
        LIB_PEM => Some("PEM routines"),
        LIB_X509 => Some("x509 certificate routines"),
        LIB_ASN1 => Some("asn1 encoding routines"),
        LIB_SSL => Some("SSL routines"),
        LIB_BIO => Some("BIO routines"),
        _ => None,
    }
}

fn reason_text(code: u32) -> Option<String> {
    let reason = reason_of(code);
    match lib_of(code) {
        LIB_SSL => Some(reason::reason_for_code(reason).map_or_else(|| format!("error {reason}"), Reason::text)),
        LIB_PEM if reason == PEM_R_NO_START_LINE => Some("no start line".to_string()),
        LIB_SYS => i32::try_from(reason).ok().map(strerror),
        _ => None,
    }
}

/// The C library's text for `errno` ("Connection reset by peer"), without the
/// " (os error N)" that Rust adds.
fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// OpenSSL 3's one-line form: `error:0A000086:SSL routines::certificate verify failed`.
fn error_string(code: u32) -> String {
    let lib = lib_of(code);
    let lib = lib_text(lib).map_or_else(|| format!("lib({lib})"), str::to_string);
    let reason = reason_text(code).unwrap_or_else(|| format!("reason({})", reason_of(code)));
    format!("error:{code:08X}:{lib}::{reason}")
}

/// Pushes an entry with library `lib` and `reason`, recording the caller's location.
#[track_caller]
pub(crate) fn push_lib(lib: u32, reason: u32, detail: impl Into<String>) {
    push_code(pack(lib, reason), detail.into());
}

/// Pushes an entry with a packed `code`, recording where in the library it was raised
/// (the first caller that is not `#[track_caller]`).
#[track_caller]
fn push_code(code: u32, detail: String) {
    push_code_at(code, detail, Location::caller());
}

/// Pushes an entry with a packed `code` raised at `here`.
fn push_code_at(code: u32, detail: String, here: &Location<'_>) {
    let entry = Entry {
        code,
        detail: to_cstring(detail),
        file: to_cstring(here.file().to_string()),
        line: here.line(),
        marked: false,
    };
    // `try_with`: during thread teardown the queue may be gone; the entry is dropped
    // then rather than panicking (this also runs in `guard`'s panic handler).
    let _ = QUEUE.try_with(|q| {
        let mut q = q.borrow_mut();
        if q.entries.len() == MAX_ENTRIES {
            q.entries.pop_front();
        }
        q.entries.push_back(entry);
    });
}

/// Pushes a system error as OpenSSL 3 records one (`ERR_SYSTEM_FLAG | errno`, shown as
/// `error:80000068:system library::Connection reset by peer`), for a failed transport.
#[track_caller]
pub(crate) fn push_sys(e: &std::io::Error, detail: impl Into<String>) {
    match e.raw_os_error().and_then(|errno| u32::try_from(errno).ok()) {
        Some(errno) => push_code(0x8000_0000 | (errno & 0x7fff_ffff), detail.into()),
        None => push(Reason::SYSTEM_LIB, format!("{}: {e}", detail.into())),
    }
}

/// Pushes an SSL-library entry for `reason` with a sentence for people.
#[track_caller]
pub(crate) fn push(reason: Reason, detail: impl Into<String>) {
    push_lib(LIB_SSL, reason::ssl_reason_code(reason), detail);
}

/// Pushes the entry for a library [`Error`], located where the error arose.
pub(crate) fn push_error(e: &Error) {
    push_error_saying(e, e.detail.clone());
}

/// Pushes the entry for a library [`Error`] with `detail` in place of its own (which
/// the caller usually puts into context), located where the error arose.
pub(crate) fn push_error_saying(e: &Error, detail: impl Into<String>) {
    push_code_at(pack(LIB_SSL, reason::ssl_reason_code(e.reason)), detail.into(), e.location);
}

fn to_cstring(text: String) -> CString {
    CString::new(text.replace('\0', " ")).unwrap_or_default()
}

/// Which entry a query looks at, and whether it takes it off the queue.
#[derive(Clone, Copy)]
enum Pick {
    /// The oldest, removed (`ERR_get_error*`).
    TakeOldest,
    /// The oldest, left in place (`ERR_peek_error*`).
    PeekOldest,
    /// The newest, left in place (`ERR_peek_last_error*`).
    PeekNewest,
}

/// Where a query writes the entry's location and data; NULL fields are skipped.
struct Outputs {
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
}

impl Outputs {
    const NONE: Outputs = Outputs {
        file: ptr::null_mut(),
        line: ptr::null_mut(),
        func: ptr::null_mut(),
        data: ptr::null_mut(),
        flags: ptr::null_mut(),
    };
}

/// Answers one `ERR_get_*` / `ERR_peek_*` query: the code (0 when the queue is empty)
/// and, through `out`, the entry's file, line, function (always "") and data.
///
/// # Safety
/// Every non-NULL pointer in `out` is valid for one write of its type.
unsafe fn query(pick: Pick, out: Outputs) -> c_ulong {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        let q = &mut *q;
        let entry = match pick {
            Pick::TakeOldest => {
                q.taken = q.entries.pop_front();
                q.taken.as_ref()
            }
            Pick::PeekOldest => q.entries.front(),
            Pick::PeekNewest => q.entries.back(),
        };
        let Some(entry) = entry else {
            return 0;
        };
        let empty = c"".as_ptr();
        // SAFETY: each pointer is NULL (skipped) or valid for one write, as the caller
        // promises. The texts live in the queue or in `taken` until the next query
        // that takes an entry, as OpenSSL documents for its own.
        unsafe {
            if !out.file.is_null() {
                *out.file = entry.file.as_ptr();
            }
            if !out.line.is_null() {
                *out.line = c_int::try_from(entry.line).unwrap_or(0);
            }
            if !out.func.is_null() {
                *out.func = empty;
            }
            if !out.data.is_null() {
                *out.data = entry.detail.as_ptr();
            }
            if !out.flags.is_null() {
                *out.flags = TXT_STRING;
            }
        }
        c_ulong::from(entry.code)
    })
}

/// Defines exported queries that differ only in which entry they pick and which
/// outputs they take.
macro_rules! queries {
    ($($(#[$doc:meta])* $name:ident($pick:expr; $($arg:ident: $ty:ty),*);)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// Every non-NULL output pointer is valid for one write.
            #[no_mangle]
            pub unsafe extern "C" fn $name($($arg: $ty),*) -> c_ulong {
                guard(0, || {
                    let mut out = Outputs::NONE;
                    $(out.$arg = $arg;)*
                    // SAFETY: the caller promises the output pointers are NULL or valid.
                    unsafe { query($pick, out) }
                })
            }
        )*
    };
}

/// Defines exported queries that only return a code.
macro_rules! code_queries {
    ($($(#[$doc:meta])* $name:ident($pick:expr);)*) => {
        $(
            $(#[$doc])*
            #[no_mangle]
            pub extern "C" fn $name() -> c_ulong {
                // SAFETY: no output pointers are given.
                guard(0, || unsafe { query($pick, Outputs::NONE) })
            }
        )*
    };
}

code_queries! {
    /// `ERR_get_error`: takes the oldest entry off the queue and returns its code, or 0
    /// when the queue is empty.
    tls12_ERR_get_error(Pick::TakeOldest);
    /// `ERR_peek_error`: the oldest entry's code, leaving it on the queue (0 if none).
    tls12_ERR_peek_error(Pick::PeekOldest);
    /// `ERR_peek_last_error`: the newest entry's code, leaving it on the queue (0 if none).
    tls12_ERR_peek_last_error(Pick::PeekNewest);
}

queries! {
    /// `ERR_get_error_line`: as `ERR_get_error`, also giving the source file and line.
    tls12_ERR_get_error_line(Pick::TakeOldest; file: *mut *const c_char, line: *mut c_int);
    /// `ERR_peek_error_line`: as `ERR_peek_error`, also giving the source file and line.
    tls12_ERR_peek_error_line(Pick::PeekOldest; file: *mut *const c_char, line: *mut c_int);
    /// `ERR_get_error_line_data`: as `ERR_get_error_line`, also giving the entry's detail
    /// text in `data` (`flags` gets `ERR_TXT_STRING`). The texts stay valid until the
    /// next entry is taken off this thread's queue.
    tls12_ERR_get_error_line_data(Pick::TakeOldest; file: *mut *const c_char,
        line: *mut c_int, data: *mut *const c_char, flags: *mut c_int);
    /// `ERR_peek_error_line_data`: as `ERR_get_error_line_data`, leaving the entry.
    tls12_ERR_peek_error_line_data(Pick::PeekOldest; file: *mut *const c_char,
        line: *mut c_int, data: *mut *const c_char, flags: *mut c_int);
    /// `ERR_peek_last_error_line_data`: the newest entry, left on the queue.
    tls12_ERR_peek_last_error_line_data(Pick::PeekNewest; file: *mut *const c_char,
        line: *mut c_int, data: *mut *const c_char, flags: *mut c_int);
    /// `ERR_peek_error_data`: the oldest entry's code and detail text, left on the queue.
    tls12_ERR_peek_error_data(Pick::PeekOldest; data: *mut *const c_char, flags: *mut c_int);
    /// `ERR_peek_last_error_data`: the newest entry's code and detail text, left on the
    /// queue.
    tls12_ERR_peek_last_error_data(Pick::PeekNewest; data: *mut *const c_char,
        flags: *mut c_int);
    /// `ERR_get_error_all`: as `ERR_get_error_line_data`, also giving the function
    /// name (always "").
    tls12_ERR_get_error_all(Pick::TakeOldest; file: *mut *const c_char, line: *mut c_int,
        func: *mut *const c_char, data: *mut *const c_char, flags: *mut c_int);
    /// `ERR_peek_error_all`: as `ERR_get_error_all`, leaving the entry.
    tls12_ERR_peek_error_all(Pick::PeekOldest; file: *mut *const c_char, line: *mut c_int,
        func: *mut *const c_char, data: *mut *const c_char, flags: *mut c_int);
    /// `ERR_peek_last_error_all`: the newest entry, left on the queue.
    tls12_ERR_peek_last_error_all(Pick::PeekNewest; file: *mut *const c_char,
        line: *mut c_int, func: *mut *const c_char, data: *mut *const c_char,
        flags: *mut c_int);
}

/// `ERR_clear_error`: empties the calling thread's queue.
#[no_mangle]
pub extern "C" fn tls12_ERR_clear_error() {
    guard((), || QUEUE.with(|q| q.borrow_mut().entries.clear()));
}

/// `ERR_set_mark`: marks the newest entry, so that `ERR_pop_to_mark` can remove what
/// comes after it. Returns 0 when the queue is empty, 1 otherwise.
#[no_mangle]
pub extern "C" fn tls12_ERR_set_mark() -> c_int {
    guard(0, || {
        QUEUE.with(|q| match q.borrow_mut().entries.back_mut() {
            Some(e) => {
                e.marked = true;
                1
            }
            None => 0,
        })
    })
}

/// Removes the newest mark and, unless `unmark_only`, the entries pushed after it.
/// Returns 1 if there was a mark, else 0 (and, unless `unmark_only`, the queue is then
/// empty).
fn to_mark(unmark_only: bool) -> c_int {
    QUEUE.with(|q| {
        let entries = &mut q.borrow_mut().entries;
        let Some(at) = entries.iter().rposition(|e| e.marked) else {
            if !unmark_only {
                entries.clear();
            }
            return 0;
        };
        entries[at].marked = false;
        if !unmark_only {
            entries.truncate(at + 1);
        }
        1
    })
}

/// `ERR_pop_to_mark`: removes the entries pushed since the newest mark and the mark.
/// Returns 0 if no mark was found (the queue is then empty), 1 otherwise.
#[no_mangle]
pub extern "C" fn tls12_ERR_pop_to_mark() -> c_int {
    guard(0, || to_mark(false))
}

/// `ERR_clear_last_mark`: removes the newest mark, keeping the entries. Returns 1 if a
/// mark was removed, else 0.
#[no_mangle]
pub extern "C" fn tls12_ERR_clear_last_mark() -> c_int {
    guard(0, || to_mark(true))
}

/// Writes `text` into `buf` (`len` bytes) like OpenSSL's `ERR_error_string_n`: when it
/// does not fit, the string is cut but keeps its four `:` separators.
///
/// # Safety
/// `buf` is NULL or points to `len` writable bytes.
unsafe fn write_error_string(text: &str, buf: *mut c_char, len: usize) {
    let mut bytes = text.as_bytes().to_vec();
    if len > 0 && bytes.len() >= len {
        bytes.truncate(len - 1);
        let mut missing = 4usize.saturating_sub(bytes.iter().filter(|&&b| b == b':').count());
        for b in bytes.iter_mut().rev() {
            if missing == 0 {
                break;
            }
            if *b != b':' {
                *b = b':';
                missing -= 1;
            }
        }
    }
    // SAFETY: the caller promises `len` writable bytes at `buf` (or NULL).
    unsafe { copy_to_c_buf(&bytes, buf, len) };
}

/// `ERR_error_string_n`: writes OpenSSL 3's text for `e`, such as
/// `error:0A000086:SSL routines::certificate verify failed`, into `buf` (at most `len`
/// bytes including the terminating NUL).
///
/// # Safety
/// `buf` is NULL (nothing is written) or points to `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_ERR_error_string_n(e: c_ulong, buf: *mut c_char, len: usize) {
    guard((), || {
        let text = error_string(e as u32);
        // SAFETY: the caller promises `len` writable bytes at `buf` (or NULL).
        unsafe { write_error_string(&text, buf, len) }
    })
}

/// `ERR_error_string`: as `ERR_error_string_n` with a 256-byte buffer. With `buf`
/// NULL the text goes to a buffer of the calling thread that the next call reuses.
///
/// # Safety
/// `buf` is NULL or points to at least 256 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_ERR_error_string(e: c_ulong, buf: *mut c_char) -> *mut c_char {
    guard(ptr::null_mut(), || {
        let text = error_string(e as u32);
        let target =
            if buf.is_null() { QUEUE.with(|q| q.borrow_mut().string_buf.as_mut_ptr().cast::<c_char>()) } else { buf };
        // SAFETY: `target` is the caller's buffer of at least 256 bytes, or this
        // thread's 256-byte buffer, which lives as long as the thread.
        unsafe { write_error_string(&text, target, ERROR_STRING_SIZE) };
        target
    })
}

/// `ERR_reason_error_string`: the text of `e`'s reason (for example
/// "certificate verify failed"), or NULL when it has none. The text is static.
#[no_mangle]
pub extern "C" fn tls12_ERR_reason_error_string(e: c_ulong) -> *const c_char {
    guard(ptr::null(), || reason_text(e as u32).map_or(ptr::null(), |t| intern(&t)))
}

/// `ERR_lib_error_string`: the name of `e`'s library ("SSL routines"), or NULL.
#[no_mangle]
pub extern "C" fn tls12_ERR_lib_error_string(e: c_ulong) -> *const c_char {
    guard(ptr::null(), || lib_text(lib_of(e as u32)).map_or(ptr::null(), intern))
}

/// `ERR_func_error_string`: always NULL, as in OpenSSL 3 (entries carry no function).
#[no_mangle]
pub extern "C" fn tls12_ERR_func_error_string(e: c_ulong) -> *const c_char {
    guard(ptr::null(), || {
        let _ = e;
        ptr::null()
    })
}

/// The text of the calling thread's thread id as OpenSSL 3 prints it: the bytes of
/// `pthread_t` in memory order, in hexadecimal.
fn thread_id_text() -> String {
    // SAFETY: pthread_self has no preconditions.
    let id = unsafe { libc::pthread_self() };
    id.to_ne_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

/// Takes every entry off the queue, oldest first, as the lines OpenSSL 3's
/// `ERR_print_errors` prints, giving each to `sink` until it returns false.
fn drain_lines(mut sink: impl FnMut(&CString) -> bool) {
    let tid = thread_id_text();
    loop {
        let line = QUEUE.with(|q| {
            q.borrow_mut().entries.pop_front().map(|e| {
                format!(
                    "{tid}:{}:{}:{}:{}\n",
                    error_string(e.code),
                    e.file.to_string_lossy(),
                    e.line,
                    e.detail.to_string_lossy()
                )
            })
        });
        if !line.is_some_and(|line| sink(&to_cstring(line))) {
            break;
        }
    }
}

/// The callback `ERR_print_errors_cb` calls for each line: the text, its length and
/// the caller's `u`; a return value of 0 or less stops the printing.
pub type ErrPrintCallback = Option<unsafe extern "C" fn(str: *const c_char, len: usize, u: *mut c_void) -> c_int>;

/// `ERR_print_errors_cb`: takes every entry off the queue and gives `cb` one line per
/// entry, OpenSSL 3's format: `<thread id>:error:<code>:<library>:<function>:<reason>:
/// <file>:<line>:<detail>` and a newline.
///
/// # Safety
/// `cb` is safe to call with `u`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ERR_print_errors_cb(cb: ErrPrintCallback, u: *mut c_void) {
    guard((), || {
        let Some(cb) = cb else {
            super::null_arg("cb");
            return;
        };
        drain_lines(|line| {
            // SAFETY: the caller promises `cb` may be called with `u`; the text is a
            // NUL-terminated string that lives for the call.
            unsafe { cb(line.as_ptr(), line.as_bytes().len(), u) > 0 }
        });
    })
}

/// `ERR_print_errors_fp`: as `ERR_print_errors_cb`, writing the lines to `fp`.
///
/// # Safety
/// `fp` is NULL or an open `FILE *`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ERR_print_errors_fp(fp: *mut libc::FILE) {
    guard((), || {
        if fp.is_null() {
            super::null_arg("fp");
            return;
        }
        // SAFETY: the caller promises `fp` is an open stream; the text is NUL-terminated.
        drain_lines(|line| unsafe { libc::fputs(line.as_ptr(), fp) >= 0 });
    })
}

/// `ERR_print_errors`: as `ERR_print_errors_cb`, writing the lines to the BIO `bp`.
///
/// # Safety
/// `bp` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_ERR_print_errors(bp: *mut bio::Bio) {
    guard((), || {
        // SAFETY: the caller promises `bp` is NULL or a live BIO.
        let Some(b) = (unsafe { bio::from_ptr(bp) }) else {
            super::null_arg("bp");
            return;
        };
        drain_lines(|line| matches!(b.write_all(line.as_bytes()), bio::IoResult::Done(_)));
    })
}

/// Defines exported functions that exist for source compatibility and do nothing.
macro_rules! no_ops {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            #[no_mangle]
            pub extern "C" fn $name() {
                guard((), || ());
            }
        )*
    };
}

no_ops! {
    /// `ERR_load_crypto_strings`: nothing to load; the texts are built in.
    tls12_ERR_load_crypto_strings;
    /// `ERR_load_SSL_strings`: nothing to load; the texts are built in.
    tls12_ERR_load_SSL_strings;
    /// `ERR_load_ERR_strings`: nothing to load; the texts are built in.
    tls12_ERR_load_ERR_strings;
    /// `ERR_free_strings`: nothing to free.
    tls12_ERR_free_strings;
}

/// `ERR_remove_thread_state` (and OpenSSL's `ERR_remove_state` macro): does nothing; a
/// thread's queue is freed when the thread ends.
#[no_mangle]
pub extern "C" fn tls12_ERR_remove_thread_state(tid: *const c_void) {
    guard((), || {
        let _ = tid;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_text(code: c_ulong, len: usize) -> String {
        let mut buf = vec![0 as c_char; len];
        // SAFETY: `buf` has `len` bytes.
        unsafe { tls12_ERR_error_string_n(code, buf.as_mut_ptr(), len) };
        let bytes: Vec<u8> = buf.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn packs_and_formats_like_openssl_3() {
        tls12_ERR_clear_error();
        push(Reason::CERTIFICATE_VERIFY_FAILED, "the chain does not lead to a trusted root");
        let code = tls12_ERR_peek_error();
        assert_eq!(code, 0x0A00_0086);
        assert_eq!(code_text(code, 256), "error:0A000086:SSL routines::certificate verify failed");
        let short = code_text(code, 20);
        assert_eq!(short.len(), 19);
        assert_eq!(short.matches(':').count(), 4);
        assert_eq!(tls12_ERR_get_error(), code);
        assert_eq!(tls12_ERR_get_error(), 0);
    }

    #[test]
    fn queue_order_marks_and_data() {
        tls12_ERR_clear_error();
        push(Reason::BAD_VALUE, "first");
        assert_eq!(tls12_ERR_set_mark(), 1);
        push(Reason::NO_SUCH_FILE, "second");
        assert_eq!(tls12_ERR_peek_last_error(), 0x0A00_0000 | 128);
        assert_eq!(tls12_ERR_set_mark(), 1);
        assert_eq!(tls12_ERR_clear_last_mark(), 1);
        assert_eq!(tls12_ERR_pop_to_mark(), 1);
        let mut data: *const c_char = ptr::null();
        let mut flags = 0;
        // SAFETY: valid output pointers; NULL ones are skipped.
        let code = unsafe { tls12_ERR_get_error_line_data(ptr::null_mut(), ptr::null_mut(), &mut data, &mut flags) };
        assert_eq!(code, 0x0A00_0000 | 384);
        assert_eq!(flags, TXT_STRING);
        // SAFETY: the data stays valid until the next entry is taken.
        assert_eq!(unsafe { std::ffi::CStr::from_ptr(data) }.to_str().unwrap(), "first");
        for i in 0..20 {
            push(Reason::BAD_VALUE, format!("{i}"));
        }
        let mut lines = Vec::new();
        drain_lines(|l| {
            lines.push(l.to_str().unwrap().to_string());
            true
        });
        assert_eq!(lines.len(), MAX_ENTRIES);
        assert!(lines[0].contains(":error:0A000180:SSL routines::bad value:"));
        assert!(lines[0].ends_with(":4\n"), "{}", lines[0]);
    }

    #[test]
    fn texts() {
        // SAFETY: the returned pointers are static NUL-terminated strings.
        unsafe {
            let r = tls12_ERR_reason_error_string(0x0A00_0086);
            assert_eq!(std::ffi::CStr::from_ptr(r).to_str().unwrap(), "certificate verify failed");
            let l = tls12_ERR_lib_error_string(0x0480_006C);
            assert_eq!(std::ffi::CStr::from_ptr(l).to_str().unwrap(), "PEM routines");
        }
        assert!(tls12_ERR_reason_error_string(0x7F00_0001).is_null());
        assert!(tls12_ERR_func_error_string(0x0A00_0086).is_null());
        tls12_ERR_clear_error();
        push_sys(&std::io::Error::from_raw_os_error(libc::ECONNRESET), "reading");
        let code = tls12_ERR_get_error();
        assert_eq!(code, 0x8000_0000 | libc::ECONNRESET as c_ulong);
        assert_eq!(error_string(code as u32), "error:80000068:system library::Connection reset by peer");
    }
}

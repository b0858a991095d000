//! User-defined BIO methods (OpenSSL's `BIO_meth_new`): their type numbers, and
//! OpenSSL's rules for what the application's read, write and control functions
//! return: how the engine reads those results (would block, end of stream, failure)
//! and what `BIO_read`, `BIO_write` and their `_ex` forms return for them.
//!
//! The C side only calls the application's functions (through [`MethodCalls`]); the
//! decisions are made here.

use crate::conn::IoResult;
use std::io;
use std::sync::atomic::{AtomicI32, Ordering};

/// `BIO_TYPE_DESCRIPTOR`: the BIO has a file descriptor.
pub(crate) const TYPE_DESCRIPTOR: i32 = 0x0100;
/// `BIO_TYPE_SOURCE_SINK`: the BIO is an end of a chain, not a filter.
pub(crate) const TYPE_SOURCE_SINK: i32 = 0x0400;
/// `BIO_TYPE_FILTER`: the BIO passes data on to the next in its chain.
const TYPE_FILTER: i32 = 0x0200;
/// `BIO_TYPE_START`: type numbers above this one are the applications'.
const TYPE_START: i32 = 128;
/// `BIO_TYPE_MASK`: the bits of a type that hold its number.
const TYPE_MASK: i32 = 0xff;
/// `BIO_CTRL_EOF`: asks whether the input has ended.
pub(crate) const CTRL_EOF: i32 = 2;
/// `BIO_CTRL_FLUSH`: asks the BIO to send what it holds back.
pub(crate) const CTRL_FLUSH: i32 = 11;

/// The last type number `BIO_get_new_index` gave out.
static LAST_INDEX: AtomicI32 = AtomicI32::new(TYPE_START);

/// `BIO_get_new_index`: the next unused type number for an application's method
/// (129, 130 ...), or `None` once all 127 are taken.
pub(crate) fn new_index() -> Option<i32> {
    LAST_INDEX
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |i| (i < TYPE_MASK).then_some(i + 1))
        .ok()
        .map(|i| i + 1)
}

/// The BIOs this library makes itself, for `BIO_method_type` and `BIO_method_name`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// `BIO_s_mem` and `BIO_new_mem_buf`.
    Mem,
    /// `BIO_new_fp`, `BIO_new_file`.
    File,
    /// `BIO_s_fd`, `BIO_new_fd`.
    Fd,
    /// `BIO_s_socket`, `BIO_new_socket`.
    Socket,
    /// A half of `BIO_new_bio_pair`.
    Pair,
    /// `BIO_f_ssl`, `BIO_new_ssl`.
    Ssl,
    /// `BIO_s_connect`, `BIO_new_connect`.
    Connect,
    /// `BIO_new_accept`.
    Accept,
    /// `tls12_SSL_set_io_callbacks` (libtls12's own; OpenSSL has no type number for it).
    Callbacks,
}

impl Builtin {
    /// OpenSSL's `BIO_TYPE_*` number.
    pub(crate) fn type_number(self) -> i32 {
        match self {
            Builtin::Mem => 1 | TYPE_SOURCE_SINK,
            Builtin::File => 2 | TYPE_SOURCE_SINK,
            Builtin::Fd => 4 | TYPE_SOURCE_SINK | TYPE_DESCRIPTOR,
            Builtin::Socket => 5 | TYPE_SOURCE_SINK | TYPE_DESCRIPTOR,
            Builtin::Pair => 19 | TYPE_SOURCE_SINK,
            Builtin::Ssl => 7 | TYPE_FILTER,
            Builtin::Connect => 12 | TYPE_SOURCE_SINK | TYPE_DESCRIPTOR,
            Builtin::Accept => 13 | TYPE_SOURCE_SINK | TYPE_DESCRIPTOR,
            Builtin::Callbacks => TYPE_SOURCE_SINK,
        }
    }

    /// The method's name, as OpenSSL spells it for its own.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Builtin::Mem => "memory buffer",
            Builtin::File => "FILE pointer",
            Builtin::Fd => "file descriptor",
            Builtin::Socket => "socket",
            Builtin::Pair => "BIO pair",
            Builtin::Ssl => "ssl",
            Builtin::Connect => "socket connect",
            Builtin::Accept => "socket accept",
            Builtin::Callbacks => "libtls12 I/O callbacks",
        }
    }
}

/// What one call of an application's read or write function gave: its return value
/// and, when that is positive, how many bytes it moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Moved {
    ret: i32,
    bytes: usize,
}

impl Moved {
    /// The result of a function shaped like `BIO_read`: the count, or 0 or a negative
    /// value for "nothing".
    pub(crate) fn from_count(ret: i32) -> Moved {
        Moved { ret, bytes: usize::try_from(ret).unwrap_or(0) }
    }

    /// The result of a function shaped like `BIO_read_ex`: a positive value and the
    /// count it stored, or 0 (or less) for "nothing".
    pub(crate) fn from_ex(ret: i32, bytes: usize) -> Moved {
        Moved { ret, bytes: if ret > 0 { bytes } else { 0 } }
    }

    /// What `BIO_read` or `BIO_write` return: the count, or the function's own value
    /// when it moved nothing.
    pub(crate) fn count(self) -> i32 {
        if self.ret > 0 {
            i32::try_from(self.bytes).unwrap_or(i32::MAX)
        } else {
            self.ret
        }
    }

    /// What `BIO_read_ex` or `BIO_write_ex` return (1 or 0) and the count they store.
    pub(crate) fn ex(self) -> (i32, usize) {
        (i32::from(self.ret > 0), self.bytes)
    }
}

/// The application's functions for one BIO, as the rules here need them.
pub(crate) trait MethodCalls {
    /// Calls the read function with `buf`; `None` when the method has none.
    fn read(&self, buf: &mut [u8]) -> Option<Moved>;
    /// Calls the write function with `data`; `None` when the method has none.
    fn write(&self, data: &[u8]) -> Option<Moved>;
    /// Calls the control function with `cmd` and `larg` (and no pointer); 0 when the
    /// method has none.
    fn ctrl(&self, cmd: i32, larg: i64) -> i64;
    /// Whether the BIO's retry flags, which the functions set themselves
    /// (`BIO_set_retry_read`), say the call should be retried.
    fn should_retry(&self) -> bool;
}

/// A read for the engine, with OpenSSL's rules: a positive result is data; nothing
/// with the retry flag set is "would block"; otherwise it is the end of the stream
/// only if the BIO's `BIO_CTRL_EOF` says so (0 alone is not enough), else a failure.
pub(crate) fn engine_read(calls: &impl MethodCalls, buf: &mut [u8]) -> IoResult {
    let len = buf.len();
    engine_result(calls, calls.read(buf), len, "read", true)
}

/// A write for the engine: a positive result is the count taken; nothing with the
/// retry flag set is "would block"; otherwise a failure.
pub(crate) fn engine_write(calls: &impl MethodCalls, data: &[u8]) -> IoResult {
    engine_result(calls, calls.write(data), data.len(), "write", false)
}

/// Reads what a read or write function (`what`) of `len` bytes gave.
fn engine_result(calls: &impl MethodCalls, moved: Option<Moved>, len: usize, what: &str, reading: bool) -> IoResult {
    let Some(moved) = moved else {
        return IoResult::Failed(io::Error::other(format!("the BIO's method has no {what} function")));
    };
    match moved.bytes {
        0 => nothing_moved(calls, moved.ret, what, reading),
        n if n > len => IoResult::Failed(io::Error::other(format!(
            "the BIO's {what} function reports {n} bytes moved with a buffer of {len}"
        ))),
        n => IoResult::Done(n),
    }
}

/// The engine's `BIO_flush` after it wrote: the control function's `BIO_CTRL_FLUSH`
/// must give a positive value; otherwise the retry flag tells "would block" from a
/// failure.
pub(crate) fn engine_flush(calls: &impl MethodCalls) -> IoResult {
    let ret = calls.ctrl(CTRL_FLUSH, 0);
    if ret > 0 {
        IoResult::Done(0)
    } else if calls.should_retry() {
        IoResult::WouldBlock
    } else {
        IoResult::Failed(io::Error::other(format!("the BIO's flush (BIO_CTRL_FLUSH) failed: it returned {ret}")))
    }
}

/// Reads a call that moved nothing and returned `ret`.
fn nothing_moved(calls: &impl MethodCalls, ret: i32, what: &str, reading: bool) -> IoResult {
    if calls.should_retry() {
        IoResult::WouldBlock
    } else if reading && calls.ctrl(CTRL_EOF, 0) != 0 {
        IoResult::Eof
    } else if reading && ret == 0 {
        let e = "the BIO's read function returned 0 but its BIO_CTRL_EOF reports no end of file";
        IoResult::Failed(io::Error::new(io::ErrorKind::UnexpectedEof, e))
    } else {
        IoResult::Failed(io::Error::other(format!("the BIO's {what} function failed: it returned {ret}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};

    /// A method over a byte queue whose functions follow the documented contract:
    /// "would block" when the queue is empty and not closed, 0 once it is closed.
    struct Queue {
        bytes: RefCell<Vec<u8>>,
        closed: Cell<bool>,
        retry: Cell<bool>,
        flush_ret: i64,
    }

    impl MethodCalls for Queue {
        fn read(&self, buf: &mut [u8]) -> Option<Moved> {
            let mut q = self.bytes.borrow_mut();
            let n = q.len().min(buf.len());
            buf[..n].copy_from_slice(&q[..n]);
            q.drain(..n);
            self.retry.set(n == 0 && !self.closed.get());
            Some(Moved::from_count(if n == 0 && !self.closed.get() { -1 } else { n as i32 }))
        }
        fn write(&self, data: &[u8]) -> Option<Moved> {
            self.retry.set(false);
            if self.closed.get() {
                return Some(Moved::from_ex(0, 0));
            }
            self.bytes.borrow_mut().extend_from_slice(data);
            Some(Moved::from_ex(1, data.len()))
        }
        fn ctrl(&self, cmd: i32, _larg: i64) -> i64 {
            match cmd {
                CTRL_EOF => i64::from(self.closed.get()),
                CTRL_FLUSH => self.flush_ret,
                _ => 0,
            }
        }
        fn should_retry(&self) -> bool {
            self.retry.get()
        }
    }

    #[test]
    fn results_follow_the_retry_flag_and_the_eof_control() {
        let q = Queue { bytes: RefCell::default(), closed: Cell::new(false), retry: Cell::new(false), flush_ret: 1 };
        let mut buf = [0u8; 4];
        assert!(matches!(engine_read(&q, &mut buf), IoResult::WouldBlock));
        assert!(matches!(engine_write(&q, b"hello"), IoResult::Done(5)));
        assert!(matches!(engine_flush(&q), IoResult::Done(0)));
        assert!(matches!(engine_read(&q, &mut buf), IoResult::Done(4)));
        assert!(matches!(engine_read(&q, &mut buf), IoResult::Done(1)));
        q.closed.set(true);
        assert!(matches!(engine_read(&q, &mut buf), IoResult::Eof));
        assert!(matches!(engine_write(&q, b"x"), IoResult::Failed(_)));
        let stuck = Queue { flush_ret: 0, ..q };
        assert!(matches!(engine_flush(&stuck), IoResult::Failed(_)));
    }

    #[test]
    fn return_values_and_type_numbers() {
        assert_eq!(Moved::from_count(7).count(), 7);
        assert_eq!(Moved::from_count(-1).count(), -1);
        assert_eq!(Moved::from_count(-1).ex(), (0, 0));
        assert_eq!(Moved::from_ex(1, 9).count(), 9);
        assert_eq!(Moved::from_ex(0, 9).ex(), (0, 0));
        assert_eq!(Builtin::Mem.type_number(), 0x0401);
        assert_eq!(Builtin::Socket.type_number(), 0x0505);
        let first = new_index().unwrap();
        assert!(first > TYPE_START && first <= TYPE_MASK);
        assert!(new_index().is_none_or(|next| next > first));
    }
}

//! BIOs: the byte pipes an `SSL` reads from and writes to, with OpenSSL's semantics.
//!
//! Kinds: memory (`BIO_s_mem`, `BIO_new_mem_buf`), halves of a pair
//! (`BIO_new_bio_pair`), file descriptors and sockets (`BIO_new_fd`,
//! `BIO_new_socket`, used by `SSL_set_fd`) and application callbacks (used by
//! `tls12_SSL_set_io_callbacks`). A BIO is reference counted (`BIO_up_ref`,
//! `BIO_free`) and may be used from several threads: each keeps its state behind
//! locks that are never held across a system call or a callback.
//!
//! When an operation cannot go on now (an empty memory BIO, a full pair, a
//! non-blocking socket, a callback reporting "would block"), it fails with the
//! retry flags set: `BIO_should_retry` is true and `BIO_should_read` or
//! `BIO_should_write` says which way to wait.

mod accept;
mod addr;
mod chain;
mod connect;
mod file;
mod method;
mod ssl;

use super::{arc_borrow, arc_into_ptr, arc_release, arc_retain, bytes, bytes_mut, guard, null_arg};
pub(crate) use crate::conn::IoResult;
use crate::pipe::{MemoryBuffer, PairEnd};
use std::ffi::{c_char, c_int, c_long, c_uchar, c_void};
use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// `BIO_FLAGS_READ`: the failed operation should be retried when data can be read.
const FLAGS_READ: c_int = 0x01;
/// `BIO_FLAGS_WRITE`: the failed operation should be retried when data can be written.
const FLAGS_WRITE: c_int = 0x02;
/// `BIO_FLAGS_IO_SPECIAL`.
const FLAGS_IO_SPECIAL: c_int = 0x04;
/// `BIO_FLAGS_SHOULD_RETRY`: the failure was "not now", not an error.
const FLAGS_SHOULD_RETRY: c_int = 0x08;
/// The flags each read or write starts by clearing.
const RETRY_FLAGS: c_int = FLAGS_READ | FLAGS_WRITE | FLAGS_IO_SPECIAL | FLAGS_SHOULD_RETRY;

const CTRL_RESET: c_int = 1;
const CTRL_EOF: c_int = 2;
const CTRL_INFO: c_int = 3;
const CTRL_GET_CLOSE: c_int = 8;
const CTRL_SET_CLOSE: c_int = 9;
const CTRL_PENDING: c_int = 10;
const CTRL_FLUSH: c_int = 11;
const CTRL_WPENDING: c_int = 13;
const C_SET_NBIO: c_int = 102;
const C_SET_FD: c_int = 104;
const C_GET_FD: c_int = 105;
const C_SET_BUF_MEM_EOF_RETURN: c_int = 130;
const C_GET_WRITE_BUF_SIZE: c_int = 137;
const C_GET_WRITE_GUARANTEE: c_int = 140;
const C_GET_READ_REQUEST: c_int = 141;
const C_SHUTDOWN_WR: c_int = 142;
const C_RESET_READ_REQUEST: c_int = 147;

/// The application's read callback for `tls12_SSL_set_io_callbacks`:
/// `int read_cb(void *user_data, unsigned char *buf, int len)`.
///
/// Store up to `len` bytes in `buf` and return how many (at least 1); return 0 at the
/// end of the stream; return -1 with `errno` set to `EAGAIN` or `EWOULDBLOCK` (or
/// `EINTR`) when no data is available yet ("would block": `SSL_get_error` then says
/// `SSL_ERROR_WANT_READ`), or -1 with any other `errno` for an error.
pub type ReadCallback = Option<unsafe extern "C" fn(user_data: *mut c_void, buf: *mut c_uchar, len: c_int) -> c_int>;

/// The application's write callback for `tls12_SSL_set_io_callbacks`:
/// `int write_cb(void *user_data, const unsigned char *buf, int len)`.
///
/// Send up to `len` bytes from `buf` and return how many (at least 1); return -1 with
/// `errno` set to `EAGAIN` or `EWOULDBLOCK` (or `EINTR`) when nothing can be sent yet
/// ("would block": `SSL_ERROR_WANT_WRITE`), or -1 with any other `errno` for an error
/// (0 is also taken as an error: the peer cannot be reached).
pub type WriteCallback = Option<unsafe extern "C" fn(user_data: *mut c_void, buf: *const c_uchar, len: c_int) -> c_int>;

/// A `BIO_METHOD`: which kind of BIO `BIO_new` makes.
pub struct BioMethod {
    kind: MethodKind,
}

enum MethodKind {
    Mem,
    Socket,
    Fd,
    File,
    /// From `BIO_meth_new`.
    User(method::UserMethod),
    Connect,
    Ssl,
}

static METHOD_MEM: BioMethod = BioMethod { kind: MethodKind::Mem };
static METHOD_SOCKET: BioMethod = BioMethod { kind: MethodKind::Socket };
static METHOD_FD: BioMethod = BioMethod { kind: MethodKind::Fd };
static METHOD_FILE: BioMethod = BioMethod { kind: MethodKind::File };
static METHOD_CONNECT: BioMethod = BioMethod { kind: MethodKind::Connect };

/// A memory BIO: its buffer, and what `BIO_read` returns when it is empty (-1 with
/// the retry flags, or 0 for end of data: `BIO_set_mem_eof_return`).
struct Mem {
    buffer: MemoryBuffer,
    eof_return: c_int,
}

/// A file descriptor, used with `recv`/`send` when it is a socket.
struct Fd {
    fd: AtomicI32,
    socket: bool,
}

struct Callbacks {
    read: ReadCallback,
    write: WriteCallback,
    user_data: usize,
}

enum Kind {
    Mem(Mutex<Mem>),
    Pair(PairEnd),
    Fd(Fd),
    /// A stdio stream (`FILE *`, kept as an address so that the BIO stays `Send`; 0
    /// until `BIO_read_filename` or `BIO_set_fp` gives one to a `BIO_s_file` BIO).
    File(AtomicUsize),
    Callback(Callbacks),
    /// Of a user-defined method (`BIO_meth_new`).
    User(method::UserBio),
    /// An accept BIO (`BIO_new_accept`).
    Accept(accept::Acceptor),
    /// A connect BIO (`BIO_new_connect`).
    Connect(connect::Connector),
    /// An SSL BIO (`BIO_f_ssl`).
    Ssl(ssl::SslFilter),
}

/// A `BIO`: a reference-counted byte pipe. C sees it only through pointers.
pub struct Bio {
    kind: Kind,
    flags: AtomicI32,
    close: AtomicBool,
    /// `BIO_get_data`: the application's pointer.
    data: AtomicUsize,
    /// `BIO_get_init`: ready for I/O.
    init: AtomicBool,
    links: chain::Links,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn would_block(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted)
}

/// Maps a system call's or callback's return value to an [`IoResult`], reading
/// `errno` for -1. `zero` is what a return of 0 means.
fn from_c_result(r: isize, zero: IoResult) -> IoResult {
    match usize::try_from(r) {
        Ok(0) => zero,
        Ok(n) => IoResult::Done(n),
        Err(_) => {
            let e = io::Error::last_os_error();
            if would_block(&e) {
                IoResult::WouldBlock
            } else {
                IoResult::Failed(e)
            }
        }
    }
}

impl Bio {
    fn new(kind: Kind) -> Bio {
        Bio {
            kind,
            flags: AtomicI32::new(0),
            close: AtomicBool::new(true),
            data: AtomicUsize::new(0),
            init: AtomicBool::new(true),
            links: chain::Links::default(),
        }
    }

    fn new_mem(buffer: MemoryBuffer) -> Bio {
        let eof_return = if buffer.is_read_only() { 0 } else { -1 };
        Bio::new(Kind::Mem(Mutex::new(Mem { buffer, eof_return })))
    }

    fn new_fd(fd: c_int, socket: bool, close: bool) -> Bio {
        let bio = Bio::new(Kind::Fd(Fd { fd: AtomicI32::new(fd), socket }));
        bio.close.store(close, Ordering::Relaxed);
        bio
    }

    fn set_retry(&self, way: c_int) {
        self.flags.fetch_or(FLAGS_SHOULD_RETRY | way, Ordering::Relaxed);
    }

    /// Reads up to `buf.len()` bytes. Clears the retry flags first and sets
    /// `SHOULD_RETRY | READ` when the result is [`IoResult::WouldBlock`].
    pub(crate) fn read(&self, buf: &mut [u8]) -> IoResult {
        self.flags.fetch_and(!RETRY_FLAGS, Ordering::Relaxed);
        if buf.is_empty() {
            return IoResult::Done(0);
        }
        let result = match &self.kind {
            Kind::Mem(m) => {
                let mut m = lock(m);
                match m.buffer.read(buf) {
                    0 if m.eof_return == 0 => IoResult::Eof,
                    0 => IoResult::WouldBlock,
                    n => IoResult::Done(n),
                }
            }
            Kind::Pair(end) => end.read(buf),
            Kind::User(_) => self.user_read(buf).unwrap_or(IoResult::Eof),
            Kind::Fd(fd) => fd_read(fd, buf),
            Kind::File(fp) => file::read(fp, buf),
            Kind::Callback(cb) => match cb.read {
                None => IoResult::Failed(io::Error::other("no read callback is installed")),
                Some(read) => {
                    let len = c_int::try_from(buf.len()).unwrap_or(c_int::MAX);
                    // SAFETY: the application installed this callback for these
                    // arguments; `buf` has at least `len` writable bytes.
                    let r = unsafe { read(cb.user_data as *mut c_void, buf.as_mut_ptr(), len) };
                    if r > len {
                        IoResult::Failed(io::Error::other("the read callback returned more bytes than asked for"))
                    } else {
                        from_c_result(r as isize, IoResult::Eof)
                    }
                }
            },
            Kind::Accept(a) => a.read(self, buf),
            Kind::Connect(c) => c.read(buf),
            Kind::Ssl(f) => f.read(self, buf),
        };
        if matches!(result, IoResult::WouldBlock) && self.flags.load(Ordering::Relaxed) & FLAGS_SHOULD_RETRY == 0 {
            self.set_retry(FLAGS_READ);
        }
        result
    }

    /// Writes up to `data.len()` bytes (a pair or a socket may take fewer). Clears the
    /// retry flags first and sets `SHOULD_RETRY | WRITE` on [`IoResult::WouldBlock`].
    pub(crate) fn write(&self, data: &[u8]) -> IoResult {
        self.flags.fetch_and(!RETRY_FLAGS, Ordering::Relaxed);
        if data.is_empty() {
            return IoResult::Done(0);
        }
        let result = match &self.kind {
            Kind::Mem(m) => lock(m).buffer.write(data).map_or_else(IoResult::Failed, IoResult::Done),
            Kind::Pair(end) => end.write(data),
            Kind::User(_) => self.user_write(data).unwrap_or(IoResult::Eof),
            Kind::Fd(fd) => fd_write(fd, data),
            Kind::File(fp) => file::write(fp, data),
            Kind::Callback(cb) => match cb.write {
                None => IoResult::Failed(io::Error::other("no write callback is installed")),
                Some(write) => {
                    let len = c_int::try_from(data.len()).unwrap_or(c_int::MAX);
                    // SAFETY: the application installed this callback for these
                    // arguments; `data` has at least `len` readable bytes.
                    let r = unsafe { write(cb.user_data as *mut c_void, data.as_ptr(), len) };
                    if r > len {
                        IoResult::Failed(io::Error::other("the write callback reports more bytes than given"))
                    } else {
                        let zero =
                            IoResult::Failed(io::Error::new(io::ErrorKind::WriteZero, "the write callback returned 0"));
                        from_c_result(r as isize, zero)
                    }
                }
            },
            Kind::Accept(a) => a.write(self, data),
            Kind::Connect(c) => c.write(data),
            Kind::Ssl(f) => f.write(self, data),
        };
        if matches!(result, IoResult::WouldBlock) && self.flags.load(Ordering::Relaxed) & FLAGS_SHOULD_RETRY == 0 {
            self.set_retry(FLAGS_WRITE);
        }
        result
    }

    /// Writes all of `data`, looping over partial writes; stops at the first result
    /// that is not progress and returns it, or `Done(data.len())`.
    pub(crate) fn write_all(&self, data: &[u8]) -> IoResult {
        let mut done = 0;
        while done < data.len() {
            match self.write(&data[done..]) {
                IoResult::Done(n) if n > 0 => done += n,
                IoResult::Done(_) => return IoResult::Failed(io::ErrorKind::WriteZero.into()),
                other => return other,
            }
        }
        IoResult::Done(done)
    }

    /// Reads one line (through `\n`, at most `max` bytes). `None` when nothing could
    /// be read (end of data, would block or failure).
    pub(crate) fn read_line(&self, max: usize) -> Option<Vec<u8>> {
        if let Kind::Mem(m) = &self.kind {
            self.flags.fetch_and(!RETRY_FLAGS, Ordering::Relaxed);
            return lock(m).buffer.read_line(max);
        }
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while line.len() < max && line.last() != Some(&b'\n') {
            match self.read(&mut byte) {
                IoResult::Done(1) => line.push(byte[0]),
                _ => break,
            }
        }
        (!line.is_empty()).then_some(line)
    }

    /// The file descriptor of a socket or fd BIO (`BIO_get_fd`), if it has one.
    pub(crate) fn fd(&self) -> Option<c_int> {
        match &self.kind {
            Kind::Fd(fd) => Some(fd.fd.load(Ordering::Relaxed)).filter(|&f| f >= 0),
            _ => None,
        }
    }

    /// Bytes buffered for reading (`BIO_pending`).
    fn pending(&self) -> usize {
        match &self.kind {
            Kind::Mem(m) => lock(m).buffer.unread().len(),
            Kind::Pair(end) => end.pending(),
            _ => 0,
        }
    }

    /// Bytes written but not yet taken by the other side (`BIO_wpending`).
    fn wpending(&self) -> usize {
        match &self.kind {
            Kind::Pair(end) => end.written_pending(),
            _ => 0,
        }
    }

    /// Answers `BIO_ctrl`.
    fn ctrl(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        if let Some(r) = self.user_ctrl(cmd, larg, parg) {
            return r;
        }
        let own = match &self.kind {
            Kind::Ssl(f) => f.ctrl(self, cmd, larg, parg),
            Kind::Connect(c) => c.ctrl(cmd, larg, parg),
            _ => None,
        };
        if let Some(answer) = own {
            return answer;
        }
        let count = |n: usize| c_long::try_from(n).unwrap_or(c_long::MAX);
        match (cmd, &self.kind) {
            (CTRL_PENDING, _) => count(self.pending()),
            (CTRL_WPENDING, _) => count(self.wpending()),
            (_, Kind::File(fp)) if file::handles(cmd) => self.file_ctrl(fp, cmd, larg, parg),
            (CTRL_FLUSH, _) => 1,
            (CTRL_GET_CLOSE, _) => c_long::from(self.close.load(Ordering::Relaxed)),
            (CTRL_SET_CLOSE, _) => {
                self.close.store(larg != 0, Ordering::Relaxed);
                1
            }
            (CTRL_RESET, Kind::Mem(m)) => {
                lock(m).buffer.reset();
                1
            }
            (CTRL_EOF, Kind::Mem(m)) => c_long::from(lock(m).buffer.unread().is_empty()),
            (CTRL_INFO, Kind::Mem(m)) => {
                let m = lock(m);
                if !parg.is_null() {
                    // SAFETY: for BIO_CTRL_INFO the caller passes a `char **` (the
                    // `BIO_get_mem_data` macro), valid for one write. The pointer stays
                    // valid until the BIO is next changed, as in OpenSSL.
                    unsafe { *parg.cast::<*const c_char>() = m.buffer.unread().as_ptr().cast() };
                }
                count(m.buffer.unread().len())
            }
            (C_SET_BUF_MEM_EOF_RETURN, Kind::Mem(m)) => {
                lock(m).eof_return = c_int::try_from(larg).unwrap_or(-1);
                1
            }
            (CTRL_RESET, Kind::Pair(end)) => {
                end.clear_written();
                1
            }
            (CTRL_EOF, Kind::Pair(end)) => c_long::from(end.at_eof()),
            (C_GET_WRITE_BUF_SIZE, Kind::Pair(end)) => count(end.capacity()),
            (C_GET_WRITE_GUARANTEE, Kind::Pair(end)) => count(end.write_guarantee()),
            (C_GET_READ_REQUEST, Kind::Pair(end)) => count(end.peer_read_request()),
            (C_RESET_READ_REQUEST, Kind::Pair(end)) => {
                end.reset_peer_read_request();
                1
            }
            (C_SHUTDOWN_WR, Kind::Pair(end)) => {
                end.shutdown_write();
                1
            }
            (C_SET_FD, Kind::Fd(fd)) => {
                if parg.is_null() {
                    null_arg("parg");
                    return 0;
                }
                // SAFETY: for BIO_C_SET_FD the caller passes an `int *` (the
                // `BIO_set_fd` macro through `BIO_int_ctrl`), valid for one read.
                let new_fd = unsafe { *parg.cast::<c_int>() };
                let old = fd.fd.swap(new_fd, Ordering::Relaxed);
                if old >= 0 && old != new_fd && self.close.load(Ordering::Relaxed) {
                    // SAFETY: we own `old` (close flag) and nothing uses it any more.
                    unsafe { libc::close(old) };
                }
                self.close.store(larg != 0, Ordering::Relaxed);
                1
            }
            (C_GET_FD, Kind::Fd(fd)) => {
                let f = fd.fd.load(Ordering::Relaxed);
                if !parg.is_null() && f >= 0 {
                    // SAFETY: for BIO_C_GET_FD the caller passes NULL or an `int *`
                    // (the `BIO_get_fd` macro), valid for one write.
                    unsafe { *parg.cast::<c_int>() = f };
                }
                c_long::from(f)
            }
            (C_SET_NBIO, Kind::Fd(fd)) => c_long::from(set_nonblocking(fd.fd.load(Ordering::Relaxed), larg != 0)),
            (_, Kind::Accept(a)) => a.ctrl(self, cmd, larg, parg).unwrap_or(0),
            _ => 0,
        }
    }
}

impl Drop for Bio {
    fn drop(&mut self) {
        match &self.kind {
            Kind::Fd(fd) => {
                let f = fd.fd.load(Ordering::Relaxed);
                if f >= 0 && self.close.load(Ordering::Relaxed) {
                    // SAFETY: the BIO owns the descriptor (BIO_CLOSE) and is going away.
                    unsafe { libc::close(f) };
                }
            }
            Kind::File(fp) => file::close(fp, self.close.load(Ordering::Relaxed)),
            Kind::User(_) => self.destroy_user(),
            Kind::Ssl(f) => f.release(self),
            Kind::Mem(_) | Kind::Pair(_) | Kind::Callback(_) | Kind::Accept(_) | Kind::Connect(_) => {}
        }
    }
}

fn set_nonblocking(fd: c_int, on: bool) -> bool {
    // SAFETY: fcntl with F_GETFL/F_SETFL has no memory-safety preconditions; a bad
    // descriptor gives -1.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return false;
        }
        let flags = if on { flags | libc::O_NONBLOCK } else { flags & !libc::O_NONBLOCK };
        libc::fcntl(fd, libc::F_SETFL, flags) == 0
    }
}

/// Repeats a system call while it is interrupted by a signal.
fn retry_eintr(mut call: impl FnMut() -> isize) -> isize {
    loop {
        let r = call();
        if r >= 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return r;
        }
    }
}

fn fd_read(fd: &Fd, buf: &mut [u8]) -> IoResult {
    let f = fd.fd.load(Ordering::Relaxed);
    let r = retry_eintr(|| {
        let p = buf.as_mut_ptr().cast::<c_void>();
        // SAFETY: `buf` has `buf.len()` writable bytes.
        let r = if fd.socket { unsafe { libc::recv(f, p, buf.len(), 0) } } else { -1 };
        if fd.socket && (r >= 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ENOTSOCK)) {
            return r;
        }
        // SAFETY: as above; `read` is also right for descriptors that are not sockets.
        unsafe { libc::read(f, p, buf.len()) }
    });
    from_c_result(r, IoResult::Eof)
}

fn fd_write(fd: &Fd, data: &[u8]) -> IoResult {
    let f = fd.fd.load(Ordering::Relaxed);
    let r = retry_eintr(|| {
        let p = data.as_ptr().cast::<c_void>();
        // SAFETY: `data` has `data.len()` readable bytes. MSG_NOSIGNAL turns a closed
        // peer into EPIPE instead of a SIGPIPE that would kill the process.
        let r = if fd.socket { unsafe { libc::send(f, p, data.len(), libc::MSG_NOSIGNAL) } } else { -1 };
        if fd.socket && (r >= 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ENOTSOCK)) {
            return r;
        }
        // SAFETY: as above, for descriptors that are not sockets.
        unsafe { libc::write(f, p, data.len()) }
    });
    from_c_result(r, IoResult::Failed(io::ErrorKind::WriteZero.into()))
}

/// Gives C one reference to a new BIO.
pub(crate) fn into_ptr(bio: Bio) -> *mut Bio {
    arc_into_ptr(bio)
}

/// Borrows the BIO behind a C pointer; `None` for NULL (no error entry is pushed).
///
/// # Safety
/// `p` is NULL or a BIO pointer from this library that holds a reference for `'a`.
pub(crate) unsafe fn from_ptr<'a>(p: *mut Bio) -> Option<&'a Bio> {
    // SAFETY: as promised by the caller.
    unsafe { arc_borrow(p) }
}

/// Adds a reference (what `SSL_set_bio` does not do: it takes over the caller's).
///
/// # Safety
/// `p` is NULL or a live BIO pointer from this library.
pub(crate) unsafe fn retain(p: *mut Bio) {
    // SAFETY: as promised by the caller.
    unsafe { arc_retain(p) }
}

/// Drops one reference, freeing the BIO with the last one (`BIO_free`).
///
/// # Safety
/// `p` is NULL or a live BIO pointer from this library; the caller gives up one
/// reference.
pub(crate) unsafe fn release(p: *mut Bio) {
    // SAFETY: as promised by the caller.
    unsafe { arc_release(p) }
}

/// A socket BIO over `fd` for `SSL_set_fd` and friends; `close` closes `fd` when the
/// BIO is freed (`SSL_set_fd` uses `BIO_NOCLOSE`). One reference for the caller.
pub(crate) fn new_socket_bio(fd: c_int, close: bool) -> *mut Bio {
    into_ptr(Bio::new_fd(fd, true, close))
}

/// A BIO over the application's callbacks (`tls12_SSL_set_io_callbacks`). One
/// reference for the caller.
pub(crate) fn new_callback_bio(read_cb: ReadCallback, write_cb: WriteCallback, user_data: *mut c_void) -> *mut Bio {
    into_ptr(Bio::new(Kind::Callback(Callbacks { read: read_cb, write: write_cb, user_data: user_data as usize })))
}

/// Borrows `b` for an exported function, pushing an error entry when it is NULL.
///
/// # Safety
/// `b` is NULL or a live BIO pointer.
#[track_caller]
unsafe fn arg<'a>(b: *mut Bio) -> Option<&'a Bio> {
    // SAFETY: as promised by the caller.
    let bio = unsafe { from_ptr(b) };
    if bio.is_none() {
        null_arg("bio");
    }
    bio
}

/// Defines the exported functions that return a static `BIO_METHOD`.
macro_rules! methods {
    ($($(#[$doc:meta])* $name:ident => $method:ident;)*) => {
        $(
            $(#[$doc])*
            #[no_mangle]
            pub extern "C" fn $name() -> *const BioMethod {
                guard(std::ptr::null(), || &$method as *const BioMethod)
            }
        )*
    };
}

methods! {
    /// `BIO_s_mem`: the method of growable memory BIOs. Reading an empty one fails with
    /// -1 and the retry flags, unless `BIO_set_mem_eof_return(b, 0)` made it report end
    /// of data (0).
    tls12_BIO_s_mem => METHOD_MEM;
    /// `BIO_s_socket`: the method of socket BIOs (set the socket with `BIO_set_fd`).
    tls12_BIO_s_socket => METHOD_SOCKET;
    /// `BIO_s_fd`: the method of file descriptor BIOs (set it with `BIO_set_fd`).
    tls12_BIO_s_fd => METHOD_FD;
    /// `BIO_s_file`: the method of stdio stream BIOs, which get their file from
    /// `BIO_read_filename` (and `_write_`, `_append_`, `_rw_`) or `BIO_set_fp`.
    tls12_BIO_s_file => METHOD_FILE;
    /// `BIO_s_connect`: the method of connect BIOs (name the peer with
    /// `BIO_set_conn_hostname`).
    tls12_BIO_s_connect => METHOD_CONNECT;
}

/// `BIO_new`: a new BIO of the given method, or NULL (with an error entry).
///
/// # Safety
/// `method` is NULL or a method from `BIO_s_mem`, `BIO_s_socket`, `BIO_s_fd`,
/// `BIO_s_connect`, `BIO_f_ssl` or a live one from `BIO_meth_new`.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new(method: *const BioMethod) -> *mut Bio {
    guard(std::ptr::null_mut(), || {
        // SAFETY: the caller promises NULL or one of our static methods.
        let Some(method) = (unsafe { method.as_ref() }) else {
            null_arg("method");
            return std::ptr::null_mut();
        };
        into_ptr(match &method.kind {
            MethodKind::Mem => Bio::new_mem(MemoryBuffer::new()),
            MethodKind::Socket => Bio::new_fd(-1, true, true),
            MethodKind::Fd => Bio::new_fd(-1, false, true),
            MethodKind::File => Bio::new(Kind::File(AtomicUsize::new(0))),
            MethodKind::User(_) => return Bio::new_user(method).unwrap_or(std::ptr::null_mut()),
            MethodKind::Connect => Bio::new(Kind::Connect(Default::default())),
            MethodKind::Ssl => Bio::new(Kind::Ssl(Default::default())),
        })
    })
}

/// `BIO_new_mem_buf`: a read-only memory BIO holding a copy of `len` bytes at `buf`
/// (`len` -1: `buf` is a NUL-terminated string). At the end of the data reads return
/// 0; writes fail.
///
/// # Safety
/// `buf` points to `len` readable bytes, or to a NUL-terminated string if `len` is -1.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_mem_buf(buf: *const c_void, len: c_int) -> *mut Bio {
    guard(std::ptr::null_mut(), || {
        let data = if len == -1 {
            // SAFETY: the caller promises a NUL-terminated string when `len` is -1.
            let Some(s) = (unsafe { super::c_str(buf.cast(), "buf") }) else {
                return std::ptr::null_mut();
            };
            s.as_bytes().to_vec()
        } else {
            // SAFETY: the caller promises `len` readable bytes.
            match unsafe { bytes(buf.cast(), len, "buf") } {
                Some(b) => b.to_vec(),
                None => return std::ptr::null_mut(),
            }
        };
        into_ptr(Bio::new_mem(MemoryBuffer::read_only(data)))
    })
}

/// `BIO_new_bio_pair`: two connected BIOs; what one writes the other reads. Each half
/// buffers at most its `writebuf` bytes (0: 17 KiB); a write that finds the buffer
/// full fails with the retry flags, and a read of an empty pair fails with them too
/// until the writer calls `BIO_shutdown_wr` (then reads give 0). Returns 1, or 0 when
/// an output pointer is NULL.
///
/// # Safety
/// `bio1` and `bio2` are valid for one write each.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_bio_pair(
    bio1: *mut *mut Bio,
    writebuf1: usize,
    bio2: *mut *mut Bio,
    writebuf2: usize,
) -> c_int {
    guard(0, || {
        if bio1.is_null() || bio2.is_null() {
            null_arg(if bio1.is_null() { "bio1" } else { "bio2" });
            return 0;
        }
        let (first, second) = PairEnd::pair(writebuf1, writebuf2);
        // SAFETY: both output pointers are non-NULL and valid for one write.
        unsafe {
            *bio1 = into_ptr(Bio::new(Kind::Pair(first)));
            *bio2 = into_ptr(Bio::new(Kind::Pair(second)));
        }
        1
    })
}

/// `BIO_new_socket`: a BIO over the socket `sock`; `close_flag` `BIO_CLOSE` closes the
/// socket when the BIO is freed, `BIO_NOCLOSE` leaves it open.
#[no_mangle]
pub extern "C" fn tls12_BIO_new_socket(sock: c_int, close_flag: c_int) -> *mut Bio {
    guard(std::ptr::null_mut(), || new_socket_bio(sock, close_flag != 0))
}

/// `BIO_new_fd`: a BIO over the file descriptor `fd` (`read`/`write`); `close_flag`
/// as for `BIO_new_socket`.
#[no_mangle]
pub extern "C" fn tls12_BIO_new_fd(fd: c_int, close_flag: c_int) -> *mut Bio {
    guard(std::ptr::null_mut(), || into_ptr(Bio::new_fd(fd, false, close_flag != 0)))
}

/// `BIO_new_fp`: a BIO over the stdio stream `stream` (for example `stdout`, to print
/// with `X509_NAME_print_ex` or `ERR_print_errors`); `close_flag` `BIO_CLOSE` closes the
/// stream when the BIO is freed, `BIO_NOCLOSE` only flushes it. NULL for a NULL stream.
///
/// # Safety
/// `stream` is NULL or an open `FILE *` that outlives the BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_fp(stream: *mut libc::FILE, close_flag: c_int) -> *mut Bio {
    guard(std::ptr::null_mut(), || {
        if stream.is_null() {
            null_arg("stream");
            return std::ptr::null_mut();
        }
        let bio = Bio::new(Kind::File(AtomicUsize::new(stream as usize)));
        bio.close.store(close_flag & 1 != 0, Ordering::Relaxed);
        into_ptr(bio)
    })
}

/// `BIO_new_file`: a BIO over the file `filename` opened with the `fopen` `mode` ("r",
/// "w", "a" ...), closed when the BIO is freed. NULL (with a system error entry) when
/// the file cannot be opened.
///
/// # Safety
/// `filename` and `mode` are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut Bio {
    guard(std::ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let (Some(name), Some(_)) =
            (unsafe { super::c_str(filename, "filename") }, unsafe { super::c_str(mode, "mode") })
        else {
            return std::ptr::null_mut();
        };
        // SAFETY: both are NUL-terminated strings.
        let fp = unsafe { libc::fopen(filename, mode) };
        if fp.is_null() {
            super::err::push_sys(&io::Error::last_os_error(), format!("BIO_new_file: cannot open {name}"));
            return std::ptr::null_mut();
        }
        into_ptr(Bio::new(Kind::File(AtomicUsize::new(fp as usize))))
    })
}

/// `BIO_up_ref`: adds a reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_up_ref(b: *mut Bio) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        if unsafe { arg(b) }.is_none() {
            return 0;
        }
        // SAFETY: `b` is a live BIO.
        unsafe { retain(b) };
        1
    })
}

/// `BIO_free`: drops a reference; the last one frees the BIO (closing its descriptor
/// if it was made with `BIO_CLOSE`). Returns 1, or 0 for NULL.
///
/// # Safety
/// `b` is NULL or a live BIO whose reference the caller gives up.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_free(b: *mut Bio) -> c_int {
    guard(0, || {
        if b.is_null() {
            return 0;
        }
        // SAFETY: as promised by the caller.
        unsafe { release(b) };
        1
    })
}

/// `BIO_free_all`: frees each BIO of the chain that starts at `b` (`BIO_push`), stopping
/// after one that still has other references.
///
/// # Safety
/// As for `BIO_free`, for each BIO of the chain.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_free_all(b: *mut Bio) {
    // SAFETY: as promised by the caller.
    guard((), || unsafe { chain::free_all(b) })
}

/// `BIO_vfree`: as `BIO_free`, without a result.
///
/// # Safety
/// As for `BIO_free`.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_vfree(b: *mut Bio) {
    // SAFETY: as promised by the caller.
    guard((), || unsafe { release(b) })
}

/// The value `BIO_read`/`BIO_write` return for a result: the byte count, 0 at the
/// end of data, -1 for a failure, and for an empty memory BIO its EOF return value.
fn c_result(b: &Bio, r: IoResult) -> c_int {
    match r {
        IoResult::Done(n) => c_int::try_from(n).unwrap_or(c_int::MAX),
        IoResult::Eof => 0,
        IoResult::WouldBlock => match &b.kind {
            Kind::Mem(m) => lock(m).eof_return,
            _ => -1,
        },
        IoResult::Failed(e) if e.get_ref().is_some_and(|inner| inner.is::<ssl::Reported>()) => -1,
        IoResult::Failed(e) => {
            super::err::push_sys(&e, "BIO I/O failed");
            -1
        }
    }
}

/// `BIO_read`: reads up to `dlen` bytes into `data`. Returns the count, 0 at the end
/// of data, or -1 (see `BIO_should_retry`).
///
/// # Safety
/// `b` is NULL or a live BIO; `data` has `dlen` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_read(b: *mut Bio, data: *mut c_void, dlen: c_int) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (Some(bio), Some(buf)) = (unsafe { arg(b) }, unsafe { bytes_mut(data.cast(), dlen, "data") }) else {
            return -1;
        };
        bio.user_read_count(buf).unwrap_or_else(|| c_result(bio, bio.read(buf)))
    })
}

/// `BIO_write`: writes up to `dlen` bytes from `data`. Returns the count taken (a pair
/// or a socket may take fewer), or -1 (see `BIO_should_retry`).
///
/// # Safety
/// `b` is NULL or a live BIO; `data` has `dlen` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_write(b: *mut Bio, data: *const c_void, dlen: c_int) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (Some(bio), Some(buf)) = (unsafe { arg(b) }, unsafe { bytes(data.cast(), dlen, "data") }) else {
            return -1;
        };
        bio.user_write_count(buf).unwrap_or_else(|| c_result(bio, bio.write(buf)))
    })
}

/// `BIO_puts`: writes the NUL-terminated string `buf`. Returns the count, or -1.
///
/// # Safety
/// `b` is NULL or a live BIO; `buf` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_puts(b: *mut Bio, buf: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (Some(bio), Some(s)) = (unsafe { arg(b) }, unsafe { super::c_str(buf, "buf") }) else {
            return -1;
        };
        bio.user_puts(buf).unwrap_or_else(|| c_result(bio, bio.write(s.as_bytes())))
    })
}

/// `BIO_gets`: reads one line, through the newline, storing at most `size - 1` bytes
/// and a NUL. Returns the length, 0 when there is nothing to read, or -1.
///
/// # Safety
/// `b` is NULL or a live BIO; `buf` has `size` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_gets(b: *mut Bio, buf: *mut c_char, size: c_int) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (Some(bio), Some(out)) = (unsafe { arg(b) }, unsafe { bytes_mut(buf.cast(), size, "buf") }) else {
            return -1;
        };
        if let Some(r) = bio.user_gets(buf, size) {
            return r;
        }
        let Some(last) = out.len().checked_sub(1) else {
            return 0;
        };
        let line = bio.read_line(last).unwrap_or_default();
        out[..line.len()].copy_from_slice(&line);
        out[line.len()] = 0;
        c_int::try_from(line.len()).unwrap_or(-1)
    })
}

/// `BIO_ctrl`: the control commands the `BIO_*` macros use: `BIO_CTRL_RESET`,
/// `BIO_CTRL_EOF`, `BIO_CTRL_INFO` (`BIO_get_mem_data`), `BIO_CTRL_GET_CLOSE`,
/// `BIO_CTRL_SET_CLOSE`, `BIO_CTRL_PENDING`, `BIO_CTRL_WPENDING`, `BIO_CTRL_FLUSH`,
/// `BIO_C_SET_BUF_MEM_EOF_RETURN`, `BIO_C_SET_FD`, `BIO_C_GET_FD`, `BIO_C_SET_NBIO`
/// and the pair commands (`BIO_C_GET_WRITE_GUARANTEE`, `BIO_C_GET_READ_REQUEST`,
/// `BIO_C_RESET_READ_REQUEST`, `BIO_C_SHUTDOWN_WR`, `BIO_C_GET_WRITE_BUF_SIZE`).
/// Anything else returns 0.
///
/// # Safety
/// `b` is NULL or a live BIO; `parg` is what the command expects (see OpenSSL).
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_ctrl(b: *mut Bio, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { arg(b) }.map_or(0, |bio| bio.ctrl(cmd, larg, parg))
    })
}

/// `BIO_int_ctrl`: `BIO_ctrl` with a pointer to `iarg` (how `BIO_set_fd` passes the
/// descriptor).
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_int_ctrl(b: *mut Bio, cmd: c_int, larg: c_long, iarg: c_int) -> c_long {
    guard(0, || {
        let mut value = iarg;
        // SAFETY: as promised by the caller; `value` lives for the call.
        unsafe { arg(b) }.map_or(0, |bio| bio.ctrl(cmd, larg, (&mut value as *mut c_int).cast()))
    })
}

/// Defines exported functions that answer a size question about a BIO.
macro_rules! size_queries {
    ($($(#[$doc:meta])* $name:ident => $cmd:expr;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// `b` is NULL or a live BIO.
            #[no_mangle]
            pub unsafe extern "C" fn $name(b: *mut Bio) -> usize {
                guard(0, || {
                    // SAFETY: as promised by the caller.
                    unsafe { arg(b) }.map_or(0, |bio| {
                        usize::try_from(bio.ctrl($cmd, 0, std::ptr::null_mut())).unwrap_or(0)
                    })
                })
            }
        )*
    };
}

size_queries! {
    /// `BIO_ctrl_pending`: bytes buffered for reading.
    tls12_BIO_ctrl_pending => CTRL_PENDING;
    /// `BIO_ctrl_wpending`: bytes written and not yet taken by the other end.
    tls12_BIO_ctrl_wpending => CTRL_WPENDING;
    /// `BIO_ctrl_get_write_guarantee`: how many bytes a write to this pair half can
    /// take now.
    tls12_BIO_ctrl_get_write_guarantee => C_GET_WRITE_GUARANTEE;
    /// `BIO_ctrl_get_read_request`: how many bytes the other half of the pair last
    /// wanted to read and could not (at most its buffer size; 0 once something was
    /// written to this half).
    tls12_BIO_ctrl_get_read_request => C_GET_READ_REQUEST;
}

/// `BIO_ctrl_reset_read_request`: sets what `BIO_ctrl_get_read_request` reports for this
/// pair half back to 0. Returns 1, or 0 for other BIOs.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_ctrl_reset_read_request(b: *mut Bio) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { arg(b) }.map_or(0, |bio| c_int::from(bio.ctrl(C_RESET_READ_REQUEST, 0, std::ptr::null_mut()) == 1))
    })
}

/// `BIO_test_flags`: the flags of `b` among `flags` (the retry flags behind
/// `BIO_should_retry`, `BIO_should_read`, `BIO_should_write`).
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_test_flags(b: *const Bio, flags: c_int) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { arg(b.cast_mut()) }.map_or(0, |bio| bio.flags.load(Ordering::Relaxed) & flags)
    })
}

/// `BIO_set_flags`: sets `flags` on `b`.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_set_flags(b: *mut Bio, flags: c_int) {
    guard((), || {
        // SAFETY: as promised by the caller.
        if let Some(bio) = unsafe { arg(b) } {
            bio.flags.fetch_or(flags, Ordering::Relaxed);
        }
    })
}

/// `BIO_clear_flags`: clears `flags` on `b`.
///
/// # Safety
/// `b` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_clear_flags(b: *mut Bio, flags: c_int) {
    guard((), || {
        // SAFETY: as promised by the caller.
        if let Some(bio) = unsafe { arg(b) } {
            bio.flags.fetch_and(!flags, Ordering::Relaxed);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_c(b: *mut Bio, n: usize) -> (c_int, Vec<u8>) {
        let mut buf = vec![0u8; n];
        // SAFETY: `b` is live and `buf` has `n` bytes.
        let r = unsafe { tls12_BIO_read(b, buf.as_mut_ptr().cast(), n as c_int) };
        buf.truncate(r.max(0) as usize);
        (r, buf)
    }

    fn write_c(b: *mut Bio, data: &[u8]) -> c_int {
        // SAFETY: `b` is live and `data` has its length.
        unsafe { tls12_BIO_write(b, data.as_ptr().cast(), data.len() as c_int) }
    }

    fn retry(b: *mut Bio) -> (bool, bool, bool) {
        // SAFETY: `b` is live.
        unsafe {
            (
                tls12_BIO_test_flags(b, FLAGS_SHOULD_RETRY) != 0,
                tls12_BIO_test_flags(b, FLAGS_READ) != 0,
                tls12_BIO_test_flags(b, FLAGS_WRITE) != 0,
            )
        }
    }

    #[test]
    fn mem_bio() {
        // SAFETY: all pointers come from this library and are freed once.
        unsafe {
            let b = tls12_BIO_new(tls12_BIO_s_mem());
            assert_eq!(read_c(b, 4).0, -1);
            assert_eq!(retry(b), (true, true, false));
            assert_eq!(write_c(b, b"hello\nworld"), 11);
            assert_eq!(tls12_BIO_ctrl_pending(b), 11);
            let mut p: *const c_char = std::ptr::null();
            assert_eq!(tls12_BIO_ctrl(b, CTRL_INFO, 0, (&mut p as *mut *const c_char).cast()), 11);
            assert_eq!(std::slice::from_raw_parts(p.cast::<u8>(), 11), b"hello\nworld");
            let mut line = [0 as c_char; 32];
            assert_eq!(tls12_BIO_gets(b, line.as_mut_ptr(), 32), 6);
            assert_eq!(read_c(b, 3), (3, b"wor".to_vec()));
            assert_eq!(retry(b), (false, false, false));
            tls12_BIO_ctrl(b, C_SET_BUF_MEM_EOF_RETURN, 0, std::ptr::null_mut());
            assert_eq!(read_c(b, 8), (2, b"ld".to_vec()));
            assert_eq!(read_c(b, 8).0, 0);
            assert_eq!(tls12_BIO_free(b), 1);

            let ro = tls12_BIO_new_mem_buf(c"abc".as_ptr().cast(), -1);
            assert_eq!(write_c(ro, b"x"), -1);
            assert_eq!(read_c(ro, 8), (3, b"abc".to_vec()));
            assert_eq!(read_c(ro, 8).0, 0);
            tls12_BIO_free(ro);
            assert_eq!(tls12_BIO_read(std::ptr::null_mut(), std::ptr::null_mut(), 1), -1);
            assert_eq!(tls12_BIO_free(std::ptr::null_mut()), 0);
        }
    }

    #[test]
    fn bio_pair() {
        let (mut a, mut b) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: all pointers come from this library and are freed once.
        unsafe {
            assert_eq!(tls12_BIO_new_bio_pair(&mut a, 4, &mut b, 0), 1);
            assert_eq!(tls12_BIO_ctrl_get_write_guarantee(a), 4);
            assert_eq!(read_c(b, 10).0, -1);
            assert_eq!(retry(b), (true, true, false));
            assert_eq!(tls12_BIO_ctrl_get_read_request(a), 4);
            assert_eq!(tls12_BIO_ctrl_get_read_request(b), 0);
            assert_eq!(write_c(a, b"123456"), 4);
            assert_eq!(write_c(a, b"56"), -1);
            assert_eq!(retry(a), (true, false, true));
            assert_eq!(tls12_BIO_ctrl_wpending(a), 4);
            assert_eq!(tls12_BIO_ctrl_pending(b), 4);
            assert_eq!(read_c(b, 10), (4, b"1234".to_vec()));
            tls12_BIO_ctrl(a, C_SHUTDOWN_WR, 0, std::ptr::null_mut());
            assert_eq!(read_c(b, 10).0, 0);
            assert_eq!(write_c(b, b"back"), 4);
            tls12_BIO_free(b);
            assert_eq!(read_c(a, 10), (4, b"back".to_vec()));
            assert_eq!(read_c(a, 10).0, 0);
            tls12_BIO_free(a);
        }
    }

    #[test]
    fn fd_and_callback_bios() {
        let mut fds = [0 as c_int; 2];
        // SAFETY: `fds` has room for two descriptors.
        assert_eq!(unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fds.as_mut_ptr()) }, 0);
        let a = tls12_BIO_new_socket(fds[0], 1);
        let b = new_socket_bio(fds[1], true);
        // SAFETY: the BIOs are live until freed below.
        unsafe {
            assert_eq!(tls12_BIO_ctrl(b, C_SET_NBIO, 1, std::ptr::null_mut()), 1);
            assert_eq!(read_c(b, 4).0, -1);
            assert_eq!(retry(b), (true, true, false));
            assert_eq!(write_c(a, b"ping"), 4);
            assert_eq!(read_c(b, 8), (4, b"ping".to_vec()));
            let mut fd = -1;
            assert_eq!(tls12_BIO_ctrl(a, C_GET_FD, 0, (&mut fd as *mut c_int).cast()), fds[0] as c_long);
            assert_eq!(fd, fds[0]);
            tls12_BIO_free(a);
            assert_eq!(read_c(b, 8).0, 0);
            tls12_BIO_free(b);
        }

        unsafe extern "C" fn rd(user: *mut c_void, buf: *mut u8, len: c_int) -> c_int {
            // SAFETY: the test passes a `Vec<u8>` as user data.
            let src = unsafe { &mut *user.cast::<Vec<u8>>() };
            if src.is_empty() {
                // SAFETY: setting errno is always allowed.
                unsafe { *libc::__errno_location() = libc::EAGAIN };
                return -1;
            }
            let n = src.len().min(len as usize);
            // SAFETY: `buf` has `len >= n` bytes.
            unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), buf, n) };
            src.drain(..n);
            n as c_int
        }
        // SAFETY: tmpfile gives a new stream, which the BIO closes.
        unsafe {
            let fp = libc::tmpfile();
            let f = tls12_BIO_new_fp(fp, 1);
            assert_eq!(write_c(f, b"line\n"), 5);
            libc::rewind(fp);
            assert_eq!(read_c(f, 16), (5, b"line\n".to_vec()));
            assert_eq!(read_c(f, 16).0, 0);
            tls12_BIO_free(f);
            assert!(tls12_BIO_new_file(c"/nonexistent/x".as_ptr(), c"r".as_ptr()).is_null());
            assert_eq!(super::super::err::tls12_ERR_get_error(), 0x8000_0000 | libc::ENOENT as std::ffi::c_ulong);
        }

        let mut src = b"abc".to_vec();
        let cb = new_callback_bio(Some(rd), None, (&mut src as *mut Vec<u8>).cast());
        // SAFETY: `cb` is live until freed; `src` outlives it.
        unsafe {
            let bio = from_ptr(cb).unwrap();
            let mut buf = [0u8; 2];
            assert!(matches!(bio.read(&mut buf), IoResult::Done(2)));
            assert!(matches!(bio.read(&mut buf), IoResult::Done(1)));
            assert!(matches!(bio.read(&mut buf), IoResult::WouldBlock));
            assert!(matches!(bio.write(b"x"), IoResult::Failed(_)));
            release(cb);
        }
    }
}

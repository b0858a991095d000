//! Driving the engine: handshakes, reads, writes and shutdown move bytes between the
//! engine and the BIOs, and turn "cannot go on now" into `SSL_ERROR_WANT_READ` /
//! `SSL_ERROR_WANT_WRITE` with OpenSSL's retry rules.
//!
//! Pending output is always flushed first; more input is read only when the engine
//! needs it. The data path allocates nothing per record: input is read into a buffer
//! kept in the `SSL`, and `SSL_write` hands the engine one record's worth at a time.

use super::{hooks, with_ssl, Ssl};
use crate::capi::bio::{self, Bio, IoResult};
use crate::capi::ctx::{Role, SSL_MODE_ENABLE_PARTIAL_WRITE, SSL_OP_IGNORE_UNEXPECTED_EOF};
use crate::capi::{err, guard};
use crate::conn::Connection;
use crate::error::{Error, Reason};
use std::ffi::{c_int, c_ulong, c_void};

/// `SSL_ERROR_NONE`.
pub const SSL_ERROR_NONE: c_int = 0;
/// `SSL_ERROR_SSL`: a library error; the error queue says which.
pub const SSL_ERROR_SSL: c_int = 1;
/// `SSL_ERROR_WANT_READ`: retry the same call when the transport has data.
pub const SSL_ERROR_WANT_READ: c_int = 2;
/// `SSL_ERROR_WANT_WRITE`: retry the same call when the transport can take data.
pub const SSL_ERROR_WANT_WRITE: c_int = 3;
/// `SSL_ERROR_SYSCALL`: the transport failed (see `errno`), or ended oddly.
pub const SSL_ERROR_SYSCALL: c_int = 5;
/// `SSL_ERROR_ZERO_RETURN`: the peer closed the connection with close_notify.
pub const SSL_ERROR_ZERO_RETURN: c_int = 6;
/// `SSL_SENT_SHUTDOWN`: close_notify was sent (or is not to be sent).
pub const SSL_SENT_SHUTDOWN: c_int = 1;
/// `SSL_RECEIVED_SHUTDOWN`: the peer's close_notify arrived (or is not awaited).
pub const SSL_RECEIVED_SHUTDOWN: c_int = 2;
/// `SSL_NOTHING`: `SSL_want` when no call waits.
pub const SSL_NOTHING: c_int = 1;
/// `SSL_WRITING`: `SSL_want` when a call waits to write.
pub const SSL_WRITING: c_int = 2;
/// `SSL_READING`: `SSL_want` when a call waits to read.
pub const SSL_READING: c_int = 3;

/// The input buffer: the largest record (16 KiB of data plus expansion) fits.
const READ_BUF_SIZE: usize = 16 * 1024 + 2048;
/// The most plaintext handed to the engine per record.
const MAX_FRAGMENT: usize = 16 * 1024;
/// `ERR_LIB_SYS`, whose entries make `SSL_get_error` say `SSL_ERROR_SYSCALL`.
const ERR_LIB_SYS: c_ulong = 2;

/// What the last I/O call is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Want {
    /// Nothing.
    Nothing,
    /// Readable transport.
    Read,
    /// Writable transport.
    Write,
}

/// The buffers of the data path, kept for the connection's life.
pub(crate) struct IoState {
    /// Bytes read from the BIO; `buf[start..end]` are not given to the engine yet.
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// Plaintext taken from the engine by `SSL_peek`; `peeked[peek_start..]` is unread.
    peeked: Vec<u8>,
    peek_start: usize,
    /// How much of the buffer of the `SSL_write` being retried is already encrypted.
    write_taken: usize,
}

impl IoState {
    /// Empty buffers.
    pub(crate) fn new() -> IoState {
        IoState {
            buf: vec![0; READ_BUF_SIZE].into_boxed_slice(),
            start: 0,
            end: 0,
            peeked: Vec::new(),
            peek_start: 0,
            write_taken: 0,
        }
    }

    fn peeked(&self) -> &[u8] {
        &self.peeked[self.peek_start..]
    }
}

/// Why a call stops before it is done.
#[derive(Debug)]
enum Stop {
    /// The read BIO has nothing now.
    WantRead,
    /// The write BIO takes nothing now.
    WantWrite,
    /// The transport failed (`errno` is set).
    Syscall,
    /// An error entry was pushed.
    Error,
    /// The peer closed with close_notify.
    Closed,
    /// The transport ended without close_notify while reading (an entry was pushed).
    Eof,
}

/// Sets `errno` from a transport error, for `SSL_ERROR_SYSCALL` callers.
fn set_errno(e: &std::io::Error) {
    if let Some(code) = e.raw_os_error() {
        // SAFETY: `__errno_location` gives the calling thread's errno slot.
        unsafe { *libc::__errno_location() = code };
    }
}

/// One call's access to the engine and the buffers.
struct Driver<'a> {
    ssl: &'a Ssl,
    conn: &'a mut Connection,
    io: &'a mut IoState,
    func: &'static str,
}

impl<'a> Driver<'a> {
    /// The BIO in `slot`, or an error entry when none is set.
    fn bio(&self, slot: *mut Bio, way: &str) -> Result<&'a Bio, Stop> {
        // SAFETY: the slot holds NULL or a BIO the SSL has a reference to.
        match unsafe { bio::from_ptr(slot) } {
            Some(b) => Ok(b),
            None => {
                err::push(
                    Reason::UNINITIALIZED,
                    format!(
                        "{}: no BIO is set for {way}: call SSL_set_fd, SSL_set_bio or tls12_SSL_set_io_callbacks first",
                        self.func
                    ),
                );
                Err(Stop::Error)
            }
        }
    }

    /// Sends everything the engine has queued.
    fn flush(&mut self) -> Result<(), Stop> {
        while !self.conn.pending_tls().is_empty() {
            let bio = self.bio(self.ssl.wbio.get(), "writing")?;
            match bio.write(self.conn.pending_tls()) {
                IoResult::Done(n) if n > 0 => self.conn.consume_tls(n),
                IoResult::WouldBlock => return Err(Stop::WantWrite),
                IoResult::Failed(e) => {
                    set_errno(&e);
                    return Err(Stop::Syscall);
                }
                IoResult::Done(_) | IoResult::Eof => return Err(Stop::Syscall),
            }
        }
        Ok(())
    }

    /// Records a fatal error: the alert goes out if it can, an entry is pushed.
    fn fail(&mut self, e: &Error) -> Stop {
        let _ = self.flush();
        err::push_error(e);
        if (1000..1256).contains(&e.reason.0) {
            self.ssl.shutdown.set(self.ssl.shutdown.get() | SSL_RECEIVED_SHUTDOWN);
        }
        Stop::Error
    }

    /// Fails again with the error that already ended the connection, if one did.
    fn check_fatal(&mut self) -> Result<(), Stop> {
        match self.conn.fatal_error() {
            Some(e) => {
                let e = e.clone();
                Err(self.fail(&e))
            }
            None => Ok(()),
        }
    }

    fn process(&mut self) -> Result<(), Stop> {
        match self.conn.process_new_packets() {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(&e)),
        }
    }

    /// Gives the engine the buffered input, or reads more from the BIO first, and
    /// processes it. Returns true at the end of the stream (the engine is not told:
    /// see [`Driver::end_of_stream`]).
    fn receive(&mut self) -> Result<bool, Stop> {
        if self.io.start == self.io.end {
            let bio = self.bio(self.ssl.rbio.get(), "reading")?;
            match bio.read(&mut self.io.buf) {
                IoResult::Done(n) => {
                    self.io.start = 0;
                    self.io.end = n;
                }
                IoResult::Eof => return Ok(true),
                IoResult::WouldBlock => return Err(Stop::WantRead),
                IoResult::Failed(e) => {
                    set_errno(&e);
                    return Err(Stop::Syscall);
                }
            }
        }
        for _ in 0..2 {
            let taken = self.conn.read_tls(&self.io.buf[self.io.start..self.io.end]);
            self.io.start += taken;
            self.process()?;
            if taken > 0 {
                return Ok(false);
            }
        }
        let e = Error::internal("the engine takes no more input although it has processed what it holds");
        Err(self.fail(&e))
    }

    /// Tells the engine the stream ended where more was expected, and records the
    /// error (the engine's, or ours saying `what` was going on).
    fn end_of_stream(&mut self, what: &str) {
        self.conn.read_eof();
        if self.process().is_ok() && self.conn.fatal_error().is_none() {
            let e = Error::local(
                Reason::UNEXPECTED_EOF_WHILE_READING,
                format!("{}: the peer closed the connection {what} without sending close_notify", self.func),
            );
            self.fail(&e);
        }
    }

    /// Runs the handshake until it is complete; a call that finds it running tells the
    /// info callback when it returns.
    fn handshake(&mut self) -> Result<(), Stop> {
        let running = self.conn.is_handshaking() && self.conn.fatal_error().is_none();
        let result = self.handshake_steps();
        if running {
            super::trace::handshake_exit(self.ssl, result.is_ok());
        }
        result
    }

    fn handshake_steps(&mut self) -> Result<(), Stop> {
        loop {
            self.check_fatal()?;
            self.flush()?;
            if !self.conn.is_handshaking() {
                return Ok(());
            }
            if self.receive()? {
                self.end_of_stream("during the handshake");
                return Err(Stop::Error);
            }
        }
    }

    /// Copies plaintext into `buf` (leaving it to be read again when `peek`).
    fn read(&mut self, buf: &mut [u8], peek: bool) -> Result<usize, Stop> {
        loop {
            let peeked = self.io.peeked();
            if !peeked.is_empty() {
                let n = peeked.len().min(buf.len());
                buf[..n].copy_from_slice(&peeked[..n]);
                if !peek {
                    self.io.peek_start += n;
                }
                return Ok(n);
            }
            self.check_fatal()?;
            if self.conn.is_handshaking() {
                self.handshake()?;
                continue;
            }
            if buf.is_empty() {
                return Ok(0);
            }
            if self.conn.plaintext_pending() > 0 {
                if !peek {
                    return Ok(self.conn.read_plaintext(buf));
                }
                self.io.peeked.resize(MAX_FRAGMENT, 0);
                let n = self.conn.read_plaintext(&mut self.io.peeked);
                self.io.peeked.truncate(n);
                self.io.peek_start = 0;
                continue;
            }
            if self.conn.received_close_notify() {
                return Err(self.closed());
            }
            // Alerts or handshake messages the engine queued go out if they can; data
            // of a write waiting for WANT_WRITE is left to that write, as in OpenSSL.
            if self.io.write_taken == 0 {
                match self.flush() {
                    Ok(()) | Err(Stop::WantWrite) => {}
                    Err(stop) => return Err(stop),
                }
            }
            if self.receive()? {
                if self.ssl.options() & SSL_OP_IGNORE_UNEXPECTED_EOF != 0 {
                    return Err(self.closed());
                }
                self.end_of_stream("while data was awaited");
                return Err(Stop::Eof);
            }
        }
    }

    /// Notes that the peer closed the connection.
    fn closed(&mut self) -> Stop {
        self.ssl.close_received.set(true);
        self.ssl.shutdown.set(self.ssl.shutdown.get() | SSL_RECEIVED_SHUTDOWN);
        Stop::Closed
    }

    /// Encrypts and sends `buf`. A call retried after `WANT_WRITE` must pass at least
    /// the bytes already taken; they are not encrypted twice.
    fn write(&mut self, buf: &[u8]) -> Result<usize, Stop> {
        self.check_fatal()?;
        if self.ssl.shutdown.get() & SSL_SENT_SHUTDOWN != 0 || self.conn.sent_close_notify() {
            err::push(
                Reason::PROTOCOL_IS_SHUTDOWN,
                format!("{}: the connection is shut down for writing (close_notify was sent)", self.func),
            );
            return Err(Stop::Error);
        }
        if self.conn.is_handshaking() {
            self.handshake()?;
        }
        if buf.len() < self.io.write_taken {
            err::push(
                Reason::BAD_VALUE,
                format!(
                    "{}: bad length: a retried write must pass the same data ({} bytes were already taken, {} given)",
                    self.func,
                    self.io.write_taken,
                    buf.len()
                ),
            );
            return Err(Stop::Error);
        }
        let partial = self.ssl.mode() & SSL_MODE_ENABLE_PARTIAL_WRITE != 0;
        loop {
            self.flush()?;
            let taken = self.io.write_taken;
            if taken == buf.len() || (partial && taken > 0) {
                self.io.write_taken = 0;
                return Ok(taken);
            }
            let chunk = &buf[taken..buf.len().min(taken + MAX_FRAGMENT)];
            match self.conn.write_plaintext(chunk) {
                Ok(n) => self.io.write_taken += n,
                Err(e) => {
                    self.io.write_taken = 0;
                    return Err(self.fail(&e));
                }
            }
        }
    }

    /// The two steps of `SSL_shutdown`: send close_notify (returns 0), then wait for
    /// the peer's (returns 1).
    fn shutdown(&mut self) -> Result<c_int, Stop> {
        if self.conn.is_handshaking() || self.conn.fatal_error().is_some() {
            err::push(
                Reason::UNINITIALIZED,
                format!("{}: shutdown while in init: the handshake has not completed", self.func),
            );
            return Err(Stop::Error);
        }
        let flags = self.ssl.shutdown.get();
        if flags & SSL_SENT_SHUTDOWN == 0 {
            self.ssl.shutdown.set(flags | SSL_SENT_SHUTDOWN);
            self.conn.send_close_notify();
            self.flush()?;
        } else if !self.conn.pending_tls().is_empty() {
            // A retry after WANT_WRITE: finish sending close_notify.
            self.flush()?;
        } else {
            let mut scratch = [0u8; 4096];
            while self.ssl.shutdown.get() & SSL_RECEIVED_SHUTDOWN == 0 {
                // Data that arrives after our close_notify is dropped, as OpenSSL does.
                while self.conn.read_plaintext(&mut scratch) > 0 {}
                if self.conn.received_close_notify() {
                    self.closed();
                } else if self.receive()? {
                    self.end_of_stream("before its close_notify");
                    return Err(Stop::Error);
                }
            }
        }
        Ok(c_int::from(self.ssl.shutdown.get() == SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN))
    }
}

impl Ssl {
    /// Makes the engine for the first handshake step.
    fn make_connection(&self, func: &str) -> Result<Connection, Stop> {
        let config = {
            let settings = self.settings.borrow();
            if !settings.config.tls12_enabled() {
                err::push(
                    Reason::NO_PROTOCOLS_AVAILABLE,
                    format!("{func}: no protocols available: the version range and options exclude TLS 1.2, the only version this library speaks"),
                );
                return Err(Stop::Error);
            }
            settings.config.build()
        };
        let made = match self.role.get() {
            Role::Any => {
                err::push(
                    Reason::UNINITIALIZED,
                    format!(
                        "{func}: connection type not set: call SSL_set_connect_state or SSL_set_accept_state first"
                    ),
                );
                return Err(Stop::Error);
            }
            Role::Client => {
                let sni = self.sni.borrow();
                let sni = sni.as_ref().and_then(|n| n.to_str().ok());
                let host = self.verify_host.borrow();
                let hooks = Box::new(hooks::CapiHooks::new(self));
                Connection::new_client_with_hooks(config, sni, host.as_deref(), self.session.offer(), hooks)
            }
            Role::Server => Connection::new_server_with_hooks(config, Box::new(hooks::CapiHooks::new(self))),
        };
        match made {
            Ok(conn) => Ok(conn),
            Err(e) => {
                err::push_error(&e);
                Err(Stop::Error)
            }
        }
    }

    /// Runs one I/O call: borrows the engine and buffers (making the engine on the
    /// first call, except for `SSL_shutdown`) and records what a stop waits for.
    fn drive<R>(&self, func: &'static str, op: impl FnOnce(&mut Driver<'_>) -> Result<R, Stop>) -> Result<R, Stop> {
        self.want.set(Want::Nothing);
        let (Ok(mut conn), Ok(mut io)) = (self.conn.try_borrow_mut(), self.io.try_borrow_mut()) else {
            err::push(
                Reason::INTERNAL_ERROR,
                format!("{func} was called from a callback of the same connection, which is busy"),
            );
            return Err(Stop::Error);
        };
        if conn.is_none() {
            if func == "SSL_shutdown" {
                err::push(Reason::UNINITIALIZED, "SSL_shutdown: the handshake has not started");
                return Err(Stop::Error);
            }
            *conn = Some(self.make_connection(func)?);
        }
        let Some(conn) = conn.as_mut() else {
            return Err(Stop::Error);
        };
        let result = op(&mut Driver { ssl: self, conn, io: &mut io, func });
        match result {
            Err(Stop::WantRead) => self.want.set(Want::Read),
            Err(Stop::WantWrite) => self.want.set(Want::Write),
            _ => {}
        }
        result
    }
}

/// Defines the three handshake entry points, which differ in the role they set.
macro_rules! handshakes {
    ($($(#[$doc:meta])* $name:ident($role:expr, $func:expr);)*) => {$(
        $(#[$doc])*
        /// Returns 1 when the handshake is complete, or -1: see `SSL_get_error`
        /// (`SSL_ERROR_WANT_READ` / `WANT_WRITE`: call again with the same arguments
        /// when the transport is ready).
        ///
        /// # Safety
        /// `ssl` is NULL or a live `SSL`.
        #[no_mangle]
        pub unsafe extern "C" fn $name(ssl: *mut Ssl) -> c_int {
            // SAFETY: the caller promises `ssl` is NULL or live.
            unsafe {
                with_ssl(ssl, -1, |s| {
                    let role: Option<Role> = $role;
                    if let Some(role) = role {
                        s.role.set(role);
                    }
                    s.drive($func, |d| d.handshake()).map_or(-1, |()| 1)
                })
            }
        }
    )*};
}

handshakes! {
    /// `SSL_connect`: runs the client handshake (putting the connection in connect
    /// state).
    tls12_SSL_connect(Some(Role::Client), "SSL_connect");
    /// `SSL_accept`: runs the server handshake (putting the connection in accept
    /// state).
    tls12_SSL_accept(Some(Role::Server), "SSL_accept");
    /// `SSL_do_handshake`: runs the handshake in the state set before
    /// (`SSL_set_connect_state` / `SSL_set_accept_state`, or the method's end).
    tls12_SSL_do_handshake(None, "SSL_do_handshake");
}

/// The shared body of the read functions: the count, or OpenSSL's return value for
/// the stop (0 for a close or an end of stream, else -1).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes.
unsafe fn read_into(
    ssl: *mut Ssl,
    buf: *mut c_void,
    num: usize,
    peek: bool,
    func: &'static str,
) -> Result<usize, c_int> {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, Err(-1), |s| {
            if buf.is_null() && num > 0 {
                crate::capi::null_arg("buf");
                return Err(-1);
            }
            let mut empty = [];
            let out = if num == 0 {
                &mut empty[..]
            } else {
                // SAFETY: non-NULL with `num` writable bytes, as the caller promises.
                std::slice::from_raw_parts_mut(buf.cast::<u8>(), num)
            };
            s.drive(func, |d| d.read(out, peek)).map_err(|stop| match stop {
                Stop::Closed | Stop::Eof => 0,
                _ => -1,
            })
        })
    }
}

/// The shared body of the write functions, as [`read_into`].
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` readable bytes.
unsafe fn write_from(ssl: *mut Ssl, buf: *const c_void, num: usize, func: &'static str) -> Result<usize, c_int> {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, Err(-1), |s| {
            if buf.is_null() && num > 0 {
                crate::capi::null_arg("buf");
                return Err(-1);
            }
            let data = if num == 0 {
                &[][..]
            } else {
                // SAFETY: non-NULL with `num` readable bytes, as the caller promises.
                std::slice::from_raw_parts(buf.cast::<u8>(), num)
            };
            s.drive(func, |d| d.write(data)).map_err(|_| -1)
        })
    }
}

/// A C `int` count as a length; negative counts push an entry.
fn int_len(num: c_int, func: &str) -> Option<usize> {
    let n = usize::try_from(num).ok();
    if n.is_none() {
        err::push(Reason::BAD_VALUE, format!("{func}: bad length {num}"));
    }
    n
}

/// The `SSL_read_ex` shape: 1 and the count in `*done`, or 0.
///
/// # Safety
/// `done` is NULL or valid for one write.
unsafe fn ex_result(r: Result<usize, c_int>, done: *mut usize) -> c_int {
    let n = r.unwrap_or(0);
    // SAFETY: the caller promises `done` is NULL or writable.
    if let Some(done) = unsafe { done.as_mut() } {
        *done = n;
    }
    c_int::from(r.is_ok())
}

/// Defines `SSL_read`/`SSL_peek` and their `_ex` forms.
macro_rules! reads {
    ($($(#[$doc:meta])* $int_fn:ident / $ex_fn:ident (peek: $peek:expr);)*) => {$(
        $(#[$doc])*
        /// Returns the count (> 0); 0 when the peer closed the connection
        /// (`SSL_ERROR_ZERO_RETURN` after close_notify, `SSL_ERROR_SSL` with "unexpected
        /// eof while reading" without it); -1 otherwise: see `SSL_get_error`.
        ///
        /// # Safety
        /// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes.
        #[no_mangle]
        pub unsafe extern "C" fn $int_fn(ssl: *mut Ssl, buf: *mut c_void, num: c_int) -> c_int {
            guard(-1, || {
                let func = &stringify!($int_fn)[6..];
                let Some(n) = int_len(num, func) else { return -1 };
                // SAFETY: as the caller promises; the count fits in `c_int` as `num` did.
                unsafe { read_into(ssl, buf, n, $peek, func) }.map_or_else(|r| r, |n| n as c_int)
            })
        }

        $(#[$doc])*
        /// Returns 1 with the count in `*readbytes`, or 0: see `SSL_get_error`.
        ///
        /// # Safety
        /// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes;
        /// `readbytes` is NULL or valid for one write.
        #[no_mangle]
        pub unsafe extern "C" fn $ex_fn(ssl: *mut Ssl, buf: *mut c_void, num: usize, readbytes: *mut usize) -> c_int {
            // SAFETY: as the caller promises.
            unsafe { ex_result(read_into(ssl, buf, num, $peek, &stringify!($ex_fn)[6..]), readbytes) }
        }
    )*};
}

reads! {
    /// `SSL_read` / `SSL_read_ex`: reads decrypted data (running the handshake first
    /// if it has not completed).
    tls12_SSL_read / tls12_SSL_read_ex (peek: false);
    /// `SSL_peek` / `SSL_peek_ex`: as `SSL_read`, leaving the data to be read again.
    tls12_SSL_peek / tls12_SSL_peek_ex (peek: true);
}

/// `SSL_write`: encrypts and sends `num` bytes (running the handshake first if it has
/// not completed). Returns `num` once everything is sent, or with
/// `SSL_MODE_ENABLE_PARTIAL_WRITE` the count sent so far (at least one record), or -1:
/// see `SSL_get_error`; after `SSL_ERROR_WANT_WRITE` call again with the same data.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_write(ssl: *mut Ssl, buf: *const c_void, num: c_int) -> c_int {
    guard(-1, || {
        let Some(n) = int_len(num, "SSL_write") else {
            return -1;
        };
        // SAFETY: as the caller promises; the count fits in `c_int` as `num` did.
        unsafe { write_from(ssl, buf, n, "SSL_write") }.map_or_else(|r| r, |n| n as c_int)
    })
}

/// `SSL_write_ex`: as `SSL_write`; returns 1 with the count in `*written`, or 0.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` readable bytes;
/// `written` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_write_ex(
    ssl: *mut Ssl,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    // SAFETY: as the caller promises.
    unsafe { ex_result(write_from(ssl, buf, num, "SSL_write_ex"), written) }
}

/// `SSL_shutdown`: the first call sends close_notify and returns 0 (1 if the peer's
/// close_notify already arrived); a later call waits for the peer's close_notify and
/// returns 1. -1 on failure or when the transport is not ready: see `SSL_get_error`.
/// Fails before the handshake has completed.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_shutdown(ssl: *mut Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, -1, |s| s.drive("SSL_shutdown", |d| d.shutdown()).unwrap_or(-1)) }
}

/// `SSL_set_shutdown`: sets the `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits
/// (`SSL_SENT_SHUTDOWN` makes `SSL_shutdown` send no close_notify).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_shutdown(ssl: *mut Ssl, mode: c_int) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| s.shutdown.set(mode)) }
}

/// `SSL_get_shutdown`: the `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_shutdown(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, 0, |s| s.shutdown.get()) }
}

/// `SSL_get_error`: why the call that returned `ret` on `ssl` stopped, as OpenSSL 3
/// decides it: `SSL_ERROR_NONE` for `ret > 0`; `SSL_ERROR_SSL` (or `SSL_ERROR_SYSCALL`
/// for a system entry) when this thread's error queue has an entry; `WANT_READ` /
/// `WANT_WRITE` when the transport was not ready; `ZERO_RETURN` after the peer's
/// close_notify; otherwise `SSL_ERROR_SYSCALL` (see `errno`).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_error(ssl: *const Ssl, ret: c_int) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, SSL_ERROR_SSL, |s| {
            if ret > 0 {
                return SSL_ERROR_NONE;
            }
            let code: c_ulong = err::tls12_ERR_peek_error();
            if code != 0 {
                let system = code & 0x8000_0000 != 0 || (code >> 23) & 0xff == ERR_LIB_SYS;
                return if system { SSL_ERROR_SYSCALL } else { SSL_ERROR_SSL };
            }
            match s.want.get() {
                Want::Read => SSL_ERROR_WANT_READ,
                Want::Write => SSL_ERROR_WANT_WRITE,
                Want::Nothing if s.close_received.get() => SSL_ERROR_ZERO_RETURN,
                Want::Nothing => SSL_ERROR_SYSCALL,
            }
        })
    }
}

/// `SSL_want`: what the last call waits for: `SSL_NOTHING` (1), `SSL_WRITING` (2) or
/// `SSL_READING` (3). (`SSL_want_read` / `SSL_want_write` are macros over it.)
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_want(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, SSL_NOTHING, |s| match s.want.get() {
            Want::Nothing => SSL_NOTHING,
            Want::Write => SSL_WRITING,
            Want::Read => SSL_READING,
        })
    }
}

/// Decrypted bytes waiting in the connection (0 while it is busy).
fn pending_plaintext(s: &Ssl) -> usize {
    let peeked = s.io.try_borrow().map_or(0, |io| io.peeked().len());
    peeked + s.with_conn(Connection::plaintext_pending).unwrap_or(0)
}

/// `SSL_pending`: how many decrypted bytes `SSL_read` can return without reading
/// from the transport.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_pending(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, 0, |s| c_int::try_from(pending_plaintext(s)).unwrap_or(c_int::MAX)) }
}

/// `SSL_has_pending`: 1 if decrypted data, or received bytes not processed yet, are
/// waiting in the connection. A close_notify the engine read along with the last data
/// counts until `SSL_read` has reported it: OpenSSL would still hold its record, and a
/// caller that polls the socket only when nothing is pending would otherwise wait for
/// bytes that already arrived.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_has_pending(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            let staged = s.io.try_borrow().is_ok_and(|io| io.start < io.end);
            let buffered = s
                .with_conn(|c| c.has_unprocessed_input() || (c.received_close_notify() && !s.close_received.get()))
                .unwrap_or(false);
            c_int::from(staged || buffered || pending_plaintext(s) > 0)
        })
    }
}

//! The C side of the I/O calls: the `SSL`'s BIOs as the engine's [`Transport`], the
//! entry points that run the core's [`Stream`] over them, and the `SSL_get_error`
//! mapping of how a call stopped.

use super::{hooks, with_ssl, Ssl};
use crate::capi::bio::{self, Bio};
use crate::capi::ctx::{
    Handle, Role, SSL_MODE_ENABLE_PARTIAL_WRITE, SSL_MODE_RELEASE_BUFFERS, SSL_OP_IGNORE_UNEXPECTED_EOF,
};
use crate::capi::{err, guard};
use crate::conn::{Connection, IoResult, Stop, Stream, Transport};
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

/// Sets `errno` from a transport error, for `SSL_ERROR_SYSCALL` callers.
fn set_errno(e: &std::io::Error) {
    if let Some(code) = e.raw_os_error() {
        // SAFETY: `__errno_location` gives the calling thread's errno slot.
        unsafe { *libc::__errno_location() = code };
    }
}

/// The `SSL`'s read and write BIOs as the engine's transport, looked up at each use
/// (a callback may switch them).
struct Bios<'a> {
    ssl: &'a Ssl,
    /// The direction that was needed while no BIO was set for it.
    missing: Option<&'static str>,
}

impl Bios<'_> {
    /// Runs `op` on the BIO in `slot`, or notes that none is set for `way`.
    fn with(&mut self, slot: *mut Bio, way: &'static str, op: impl FnOnce(&Bio) -> IoResult) -> IoResult {
        // SAFETY: the slot holds NULL or a BIO the SSL has a reference to.
        match unsafe { bio::from_ptr(slot) } {
            Some(b) => op(b),
            None => {
                self.missing = Some(way);
                IoResult::Failed(std::io::Error::other("no BIO is set"))
            }
        }
    }
}

impl Transport for Bios<'_> {
    fn read(&mut self, buf: &mut [u8]) -> IoResult {
        self.with(self.ssl.rbio.get(), "reading", |b| b.read(buf))
    }

    fn write(&mut self, data: &[u8]) -> IoResult {
        self.with(self.ssl.wbio.get(), "writing", |b| b.write(data))
    }

    fn flush(&mut self) -> IoResult {
        self.with(self.ssl.wbio.get(), "writing", Bio::flush)
    }
}

impl Ssl {
    /// Makes the engine for the first handshake step.
    fn make_connection(&self, func: &str) -> Result<Connection, Error> {
        let config = {
            let settings = self.settings.borrow();
            if !settings.config.tls12_enabled() {
                return Err(Error::local(
                    Reason::NO_PROTOCOLS_AVAILABLE,
                    format!("{func}: no protocols available: the version range and options exclude TLS 1.2, the only version this library speaks"),
                ));
            }
            settings.config.build()
        };
        match self.role.get() {
            Role::Any => Err(Error::local(
                Reason::UNINITIALIZED,
                format!("{func}: connection type not set: call SSL_set_connect_state or SSL_set_accept_state first"),
            )),
            Role::Client => {
                let sni = self.sni.borrow();
                let sni = sni.as_ref().and_then(|n| n.to_str().ok());
                let host = self.verify_host.borrow();
                let hooks = Box::new(hooks::CapiHooks::new(self));
                Connection::new_client_with_hooks(config, sni, host.as_deref(), self.session.offer(), hooks)
            }
            Role::Server => Connection::new_server_with_hooks(config, Box::new(hooks::CapiHooks::new(self))),
        }
    }

    /// Runs one I/O call on the stream and the BIOs (making the engine on the first
    /// call, except for `SSL_shutdown`), records what a stop waits for, and puts a
    /// failure on the error queue (or in `errno`).
    fn drive<R>(
        &self,
        func: &'static str,
        op: impl FnOnce(&mut Stream, &mut Bios<'_>) -> Result<R, Stop>,
    ) -> Result<R, Stop> {
        self.want.set(Want::Nothing);
        let mut bios = Bios { ssl: self, missing: None };
        let result = self.run(func, &mut bios, op);
        match &result {
            Err(Stop::WantRead) => self.want.set(Want::Read),
            Err(Stop::WantWrite) => self.want.set(Want::Write),
            Err(Stop::Failed(e) | Stop::Eof(e)) => err::push_error(e),
            Err(Stop::Io(e)) => match bios.missing {
                Some(way) => err::push(
                    Reason::UNINITIALIZED,
                    format!("{func}: no BIO is set for {way}: call SSL_set_fd, SSL_set_bio or tls12_SSL_set_io_callbacks first"),
                ),
                None => set_errno(e),
            },
            _ => {}
        }
        result
    }

    fn run<R>(
        &self,
        func: &'static str,
        bios: &mut Bios<'_>,
        op: impl FnOnce(&mut Stream, &mut Bios<'_>) -> Result<R, Stop>,
    ) -> Result<R, Stop> {
        let Ok(mut stream) = self.conn.try_borrow_mut() else {
            return Err(Stop::Failed(Error::local(
                Reason::INTERNAL_ERROR,
                format!("{func} was called from a callback of the same connection, which is busy"),
            )));
        };
        if stream.is_none() {
            if func == "SSL_shutdown" {
                return Err(Stop::Failed(Error::local(
                    Reason::UNINITIALIZED,
                    "SSL_shutdown: the handshake has not started",
                )));
            }
            *stream = Some(Stream::new(self.make_connection(func).map_err(Stop::Failed)?));
        }
        let Some(stream) = stream.as_mut() else {
            return Err(Stop::Failed(Error::internal("the connection has no engine")));
        };
        let result = op(stream, bios);
        if self.mode() & SSL_MODE_RELEASE_BUFFERS != 0 {
            stream.release_buffers();
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
                    s.drive($func, |st, io| st.handshake(io)).map_or(-1, |()| 1)
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
            let ignore_eof = s.options() & SSL_OP_IGNORE_UNEXPECTED_EOF != 0;
            s.drive(func, |st, io| st.read(io, out, peek, ignore_eof)).map_err(|stop| match stop {
                Stop::Closed | Stop::Eof(_) => 0,
                // A BIO's read gave 0 without an end of file: OpenSSL returns that 0.
                Stop::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => 0,
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
            let partial = s.mode() & SSL_MODE_ENABLE_PARTIAL_WRITE != 0;
            s.drive(func, |st, io| st.write(io, data, partial)).map_err(|_| -1)
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
/// returns 1. With quiet shutdown on (`SSL_set_quiet_shutdown`), nothing is sent and
/// the call returns 1. -1 on failure or when the transport is not ready: see `SSL_get_error`.
/// Fails before the handshake has completed.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_shutdown(ssl: *mut Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, -1, |s| {
            let quiet = s.settings_mut(|settings| settings.config.quiet_shutdown).unwrap_or(false);
            s.drive("SSL_shutdown", |st, io| {
                st.set_quiet_shutdown(quiet);
                st.shutdown(io)
            })
            .map_or(-1, c_int::from)
        })
    }
}

/// `SSL_set_shutdown`: sets the `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits
/// (`SSL_SENT_SHUTDOWN` makes `SSL_shutdown` send no close_notify).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_shutdown(ssl: *mut Ssl, mode: c_int) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, (), |s| {
            if let Ok(Some(stream)) = s.conn.try_borrow_mut().as_deref_mut() {
                stream.set_shutdown_state(mode & SSL_SENT_SHUTDOWN != 0, mode & SSL_RECEIVED_SHUTDOWN != 0);
            }
        })
    }
}

/// `SSL_get_shutdown`: the `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_shutdown(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            let (sent, received) = s.with_stream(Stream::shutdown_state).unwrap_or((false, false));
            (if sent { SSL_SENT_SHUTDOWN } else { 0 }) | (if received { SSL_RECEIVED_SHUTDOWN } else { 0 })
        })
    }
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
                Want::Nothing if s.with_stream(Stream::close_reported).unwrap_or(false) => SSL_ERROR_ZERO_RETURN,
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
    s.with_conn(Connection::plaintext_pending).unwrap_or(0)
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
            let buffered = s
                .with_stream(|st| {
                    let c = st.conn();
                    c.has_unprocessed_input() || (c.received_close_notify() && !st.close_reported())
                })
                .unwrap_or(false);
            c_int::from(buffered || pending_plaintext(s) > 0)
        })
    }
}

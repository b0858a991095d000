//! `SSL`: one connection. It copies its context's settings when it is made, owns its
//! BIOs and drives the engine ([`crate::Connection`]) between them.
//!
//! The aliasing rule: C callbacks get the `SSL *` and may call any `SSL_*` function on
//! it while the engine is running (inside `SSL_connect`, `SSL_read` ...). So functions
//! here only ever make a shared `&Ssl`; everything that changes sits in a `Cell` or
//! `RefCell`. The engine is in a `RefCell` that the driving functions borrow; a
//! function called from a callback that needs the engine while it is borrowed fails
//! gracefully. What callbacks read (the server name received, the context, the app
//! data, the verify result) lives outside the engine.

#![allow(non_snake_case)]

mod cipher;
mod dup;
mod hooks;
mod io;
mod peer;
mod session;
mod trace;

pub use cipher::*;
pub use io::*;
pub use peer::*;
pub use session::*;
pub use trace::*;

use super::bio::{self, Bio, ReadCallback, WriteCallback};
use super::ctx::{ExData, Handle, Role, Settings, SslCtx};
use super::verify_param::X509VerifyParam;
use super::{arc_borrow, arc_into_ptr, arc_release, arc_retain, c_str, err, guard, null_arg};
use crate::capi::verify_code::X509_V_OK;
use crate::config::lists::AlpnNames;
use crate::conn::{Connection, Stream};
use crate::error::Reason;
use crate::handshake_state::HandshakeState;
use crate::msgs::enums::{NamedGroup, TLS12};
use std::cell::{Cell, OnceCell, RefCell};
use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_void, CString};
use std::ptr;

/// `TLSEXT_NAMETYPE_host_name`.
pub const TLSEXT_NAMETYPE_HOST_NAME: c_int = 0;
/// The longest host name SNI can carry.
const MAX_HOST_NAME: usize = 255;

/// `SSL`: one TLS connection. C sees it only through pointers.
pub struct Ssl {
    /// The context (one reference held; `SSL_set_SSL_CTX` switches it).
    ctx: Cell<*mut SslCtx>,
    /// Client, server, or not decided yet.
    role: Cell<Role>,
    /// The settings copied from the context, changed by the `SSL_set_*` setters.
    settings: RefCell<Settings>,
    /// `SSL_set_ex_data` / `SSL_set_app_data`.
    ex_data: RefCell<ExData>,
    /// The engine and its I/O loop, made by the first handshake step.
    conn: RefCell<Option<Stream>>,
    /// The BIO read from (one reference held, or NULL).
    rbio: Cell<*mut Bio>,
    /// The BIO written to (one reference held, or NULL).
    wbio: Cell<*mut Bio>,
    /// What the last I/O call waits for (`SSL_want`).
    want: Cell<io::Want>,
    /// Client: the SNI name to send (`SSL_set_tlsext_host_name`).
    sni: RefCell<Option<CString>>,
    /// Client: the name the certificate must match (`SSL_set1_host`).
    verify_host: RefCell<Option<String>>,
    /// Server: the SNI name the client sent.
    servername_received: RefCell<Option<CString>>,
    /// The verify result (`SSL_get_verify_result`), recorded by the verify hook.
    verify_result: Cell<c_long>,
    /// Copies of what the engine negotiated, for pointers handed to C.
    peer: RefCell<peer::PeerCache>,
    /// The session offered (`SSL_set_session`), then the one made or resumed.
    session: session::SessionSlot,
    /// Where the handshake is, as the engine reported it (for `SSL_state_string`,
    /// which callbacks call while the engine runs).
    handshake_state: Cell<HandshakeState>,
    /// The view `SSL_get0_param` hands out, made on first use.
    verify_param: OnceCell<X509VerifyParam>,
}

impl Handle for Ssl {
    unsafe fn handle<'a>(p: *const Self) -> Option<&'a Self> {
        // SAFETY: the caller promises `p` is NULL or a live `SSL`.
        unsafe { Ssl::from_ptr(p) }
    }
    fn settings_mut<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> Option<R> {
        busy_or(self.settings.try_borrow_mut().ok().map(|mut s| f(&mut s)))
    }
    fn ex_data_mut<R>(&self, f: impl FnOnce(&mut ExData) -> R) -> Option<R> {
        busy_or(self.ex_data.try_borrow_mut().ok().map(|mut x| f(&mut x)))
    }
}

/// Passes `value` through, pushing an entry when it is `None` because the object was
/// busy (a function called from a callback while the library was using that part).
fn busy_or<R>(value: Option<R>) -> Option<R> {
    if value.is_none() {
        err::push(Reason::INTERNAL_ERROR, "this connection is busy: the function cannot be called from this callback");
    }
    value
}

impl Drop for Ssl {
    fn drop(&mut self) {
        // SAFETY: the SSL holds one reference to each BIO slot and to the context,
        // which it gives up here.
        unsafe {
            bio::release(self.rbio.get());
            bio::release(self.wbio.get());
            SslCtx::release(self.ctx.get());
        }
    }
}

impl Ssl {
    /// Borrows the connection behind `p`, pushing a NULL-argument entry for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live `SSL` that stays alive for `'a`.
    pub(crate) unsafe fn from_ptr<'a>(p: *const Ssl) -> Option<&'a Ssl> {
        // SAFETY: the caller promises `p` is NULL or a live handle from `SSL_new`.
        let ssl = unsafe { arc_borrow(p) };
        if ssl.is_none() {
            null_arg("ssl");
        }
        ssl
    }

    /// The verification parameters' view; `this` is the connection's own pointer.
    pub(crate) fn verify_param(&self, this: *const Ssl) -> *const X509VerifyParam {
        self.verify_param.get_or_init(|| X509VerifyParam::of_ssl(this))
    }

    /// The context in force (never NULL while the `SSL` lives).
    pub(crate) fn ctx(&self) -> &SslCtx {
        // SAFETY: the SSL holds a reference to its context, so it is alive; contexts
        // are only used through shared references.
        unsafe { &*self.ctx.get() }
    }

    /// The mode bits in force.
    pub(crate) fn mode(&self) -> c_long {
        self.settings.try_borrow().map_or(0, |s| s.mode)
    }

    /// The option bits in force.
    pub(crate) fn options(&self) -> u64 {
        self.settings.try_borrow().map_or(0, |s| s.options)
    }

    /// Replaces the BIO in `slot` with `new`, taking over one reference to it and
    /// dropping the one held on the old BIO.
    fn set0(slot: &Cell<*mut Bio>, new: *mut Bio) {
        let old = slot.replace(new);
        // SAFETY: the slot held one reference to `old` (or NULL), given up here.
        unsafe { bio::release(old) };
    }

    /// `SSL_set_bio`'s reference rules (see there).
    fn set_bio(&self, rbio: *mut Bio, wbio: *mut Bio) {
        if !rbio.is_null() && rbio == wbio {
            // Both slots take a reference; the caller gave one.
            // SAFETY: the caller of SSL_set_bio promises a live BIO.
            unsafe { bio::retain(rbio) };
        }
        if rbio == self.rbio.get() {
            Ssl::set0(&self.wbio, wbio);
            return;
        }
        if wbio == self.wbio.get() && self.rbio.get() != self.wbio.get() {
            Ssl::set0(&self.rbio, rbio);
            return;
        }
        Ssl::set0(&self.rbio, rbio);
        Ssl::set0(&self.wbio, wbio);
    }

    /// The handshake state for the state queries: `None` before the first handshake
    /// step; otherwise whether the handshake is still running and whether it failed.
    /// While a callback runs inside the handshake, the handshake is running.
    fn progress(&self) -> Option<(bool, bool)> {
        match self.conn.try_borrow() {
            Ok(stream) => stream.as_ref().map(|st| (st.conn().is_handshaking(), st.conn().fatal_error().is_some())),
            Err(_) => Some((true, false)),
        }
    }

    /// Runs `f` on the engine, if it exists and is not busy.
    pub(crate) fn with_conn<R>(&self, f: impl FnOnce(&Connection) -> R) -> Option<R> {
        self.with_stream(|st| f(st.conn()))
    }

    /// Runs `f` on the engine's I/O loop, if it exists and is not busy.
    fn with_stream<R>(&self, f: impl FnOnce(&Stream) -> R) -> Option<R> {
        self.conn.try_borrow().ok()?.as_ref().map(f)
    }
}

/// Runs `f` on the `SSL` behind `ssl`, or gives `fail` for NULL; panics become
/// `fail` with an internal-error entry.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
pub(crate) unsafe fn with_ssl<R: Copy>(ssl: *const Ssl, fail: R, f: impl FnOnce(&Ssl) -> R) -> R {
    guard(fail, move || {
        // SAFETY: the caller promises `ssl` is NULL or live.
        match unsafe { Ssl::from_ptr(ssl) } {
            Some(s) => f(s),
            None => fail,
        }
    })
}

/// `SSL_new`: a connection using `ctx`'s settings as they are now (later changes to
/// `ctx` do not reach it). A context made with a client or server method makes
/// connections already in connect or accept state. NULL on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_new(ctx: *mut SslCtx) -> *mut Ssl {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(c) = (unsafe { SslCtx::from_ptr(ctx) }) else {
            return ptr::null_mut();
        };
        let settings = c.settings();
        // SAFETY: `ctx` is live; the new SSL keeps this reference.
        unsafe { SslCtx::retain(ctx) };
        arc_into_ptr(Ssl {
            ctx: Cell::new(ctx),
            role: Cell::new(c.method().role),
            settings: RefCell::new(settings),
            ex_data: RefCell::new(ExData::default()),
            conn: RefCell::new(None),
            rbio: Cell::new(ptr::null_mut()),
            wbio: Cell::new(ptr::null_mut()),
            want: Cell::new(io::Want::Nothing),
            sni: RefCell::new(None),
            verify_host: RefCell::new(None),
            servername_received: RefCell::new(None),
            verify_result: Cell::new(X509_V_OK as c_long),
            peer: RefCell::new(peer::PeerCache::default()),
            session: session::SessionSlot::default(),
            handshake_state: Cell::new(HandshakeState::Before),
            verify_param: OnceCell::new(),
        })
    })
}

/// `SSL_free`: drops the caller's reference; the connection, its BIOs and its
/// reference to the context go with the last one. NULL is ignored.
///
/// # Safety
/// `ssl` is NULL or a live `SSL` whose reference the caller gives up; no callback of
/// this connection is running.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_free(ssl: *mut Ssl) {
    // SAFETY: the caller promises `ssl` is NULL or live and hands over a reference.
    guard((), || unsafe { arc_release(ssl) })
}

/// `SSL_up_ref`: adds a reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_up_ref(ssl: *mut Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live; a live one may gain a reference.
    unsafe {
        with_ssl(ssl, 0, |_| {
            arc_retain(ssl.cast_const());
            1
        })
    }
}

/// `SSL_set_bio`: the BIOs to read from and write to (either may be NULL; they may be
/// the same). Ownership follows OpenSSL: the SSL takes over one reference per BIO that
/// is new to it, none for a BIO it already holds in that role.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `rbio` and `wbio` are NULL or live BIOs whose
/// references pass as described.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_bio(ssl: *mut Ssl, rbio: *mut Bio, wbio: *mut Bio) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| s.set_bio(rbio, wbio)) }
}

/// `SSL_set0_rbio`: the BIO to read from; the SSL takes over the caller's reference
/// and drops the one it held on the previous read BIO.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `rbio` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set0_rbio(ssl: *mut Ssl, rbio: *mut Bio) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| Ssl::set0(&s.rbio, rbio)) }
}

/// `SSL_set0_wbio`: the BIO to write to; the SSL takes over the caller's reference
/// and drops the one it held on the previous write BIO.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `wbio` is NULL or a live BIO.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set0_wbio(ssl: *mut Ssl, wbio: *mut Bio) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| Ssl::set0(&s.wbio, wbio)) }
}

/// `SSL_get_rbio`: the BIO read from (borrowed; NULL if none).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_rbio(ssl: *const Ssl) -> *mut Bio {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, ptr::null_mut(), |s| s.rbio.get()) }
}

/// `SSL_get_wbio`: the BIO written to (borrowed; NULL if none).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_wbio(ssl: *const Ssl) -> *mut Bio {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, ptr::null_mut(), |s| s.wbio.get()) }
}

/// Which BIO slots an fd setter fills.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FdSlots {
    Both,
    Read,
    Write,
}

/// The shared body of `SSL_set_fd`, `SSL_set_rfd` and `SSL_set_wfd`: a socket BIO on
/// `fd` that does not close it, reusing the other slot's BIO when it already is on `fd`.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
unsafe fn set_fd(ssl: *mut Ssl, fd: c_int, slots: FdSlots) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            if fd < 0 {
                err::push(Reason::BAD_VALUE, format!("the file descriptor {fd} is not valid"));
                return 0;
            }
            let (slot, other) = match slots {
                FdSlots::Both => {
                    let b = bio::new_socket_bio(fd, false);
                    s.set_bio(b, b);
                    return 1;
                }
                FdSlots::Read => (&s.rbio, s.wbio.get()),
                FdSlots::Write => (&s.wbio, s.rbio.get()),
            };
            // SAFETY: `other` is NULL or a BIO the SSL holds a reference to.
            let reuse = bio::from_ptr(other).and_then(Bio::fd) == Some(fd);
            let b = if reuse {
                // SAFETY: `other` is live (held by the SSL); the new slot takes a reference.
                bio::retain(other);
                other
            } else {
                bio::new_socket_bio(fd, false)
            };
            Ssl::set0(slot, b);
            1
        })
    }
}

/// `SSL_set_fd`: reads from and writes to the socket (or other descriptor) `fd`,
/// blocking or not as `fd` is. The descriptor is not closed by the library. Returns
/// 1, or 0 on failure.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_fd(ssl: *mut Ssl, fd: c_int) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { set_fd(ssl, fd, FdSlots::Both) }
}

/// `SSL_set_rfd`: reads from `fd` (see `SSL_set_fd`). Returns 1, or 0 on failure.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_rfd(ssl: *mut Ssl, fd: c_int) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { set_fd(ssl, fd, FdSlots::Read) }
}

/// `SSL_set_wfd`: writes to `fd` (see `SSL_set_fd`). Returns 1, or 0 on failure.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_wfd(ssl: *mut Ssl, fd: c_int) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { set_fd(ssl, fd, FdSlots::Write) }
}

/// The descriptor of the BIO in `slot`, or -1.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
unsafe fn get_fd(ssl: *const Ssl, slot: fn(&Ssl) -> *mut Bio) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live; the slot's BIO is NULL or
    // held by the SSL.
    unsafe { with_ssl(ssl, -1, |s| bio::from_ptr(slot(s)).and_then(Bio::fd).unwrap_or(-1)) }
}

/// `SSL_get_fd`: the descriptor read from, or -1 when the read BIO has none.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_fd(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { get_fd(ssl, |s| s.rbio.get()) }
}

/// `SSL_get_rfd`: the descriptor read from, or -1.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_rfd(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { get_fd(ssl, |s| s.rbio.get()) }
}

/// `SSL_get_wfd`: the descriptor written to, or -1.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_wfd(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { get_fd(ssl, |s| s.wbio.get()) }
}

/// `tls12_SSL_set_io_callbacks` (libtls12's own): the connection reads and writes
/// through the application's functions instead of a socket. `read_cb` and `write_cb`
/// get `user_data` and follow the rules documented with their types: bytes moved,
/// 0 for end of stream (reads), or -1 with `errno` `EAGAIN`/`EWOULDBLOCK` for "would
/// block" (`SSL_ERROR_WANT_READ` / `WANT_WRITE`) or another `errno` for an error.
/// Returns 1, or 0 on failure.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; the callbacks are NULL or safe to call with
/// `user_data` for as long as the connection uses them.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_io_callbacks(
    ssl: *mut Ssl,
    read_cb: ReadCallback,
    write_cb: WriteCallback,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            if read_cb.is_none() || write_cb.is_none() {
                null_arg(if read_cb.is_none() { "read_cb" } else { "write_cb" });
                return 0;
            }
            let b = bio::new_callback_bio(read_cb, write_cb, user_data);
            s.set_bio(b, b);
            1
        })
    }
}

/// `SSL_set_connect_state`: the connection is a client.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_connect_state(ssl: *mut Ssl) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| s.role.set(Role::Client)) }
}

/// `SSL_set_accept_state`: the connection is a server.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_accept_state(ssl: *mut Ssl) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| s.role.set(Role::Server)) }
}

/// `SSL_is_server`: 1 for a server, 0 for a client. As in OpenSSL, a connection from
/// `TLS_method` counts as a server until it is put in connect state.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_is_server(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, 0, |s| c_int::from(s.role.get() != Role::Client)) }
}

/// `SSL_get_SSL_CTX`: the context in force (borrowed).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_SSL_CTX(ssl: *const Ssl) -> *mut SslCtx {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, ptr::null_mut(), |s| s.ctx.get()) }
}

/// `SSL_set_SSL_CTX`: switches the connection to `ctx`'s certificates and keys (and its
/// SNI and ALPN callbacks), keeping its other settings, as OpenSSL does. Called from
/// the SNI callback, the handshake goes on with the new certificates. The connection
/// holds a reference to `ctx` from now on. Returns `ctx`, or NULL on failure.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_SSL_CTX(ssl: *mut Ssl, ctx: *mut SslCtx) -> *mut SslCtx {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null_mut(), |s| {
            // SAFETY: the caller promises `ctx` is NULL or live.
            let Some(new) = SslCtx::from_ptr(ctx) else {
                return ptr::null_mut();
            };
            if s.ctx.get() == ctx {
                return ctx;
            }
            let new_settings = new.settings();
            let Some(()) = s.settings_mut(|mine| {
                mine.config.certs = new_settings.config.certs.clone();
                mine.config.session_id_context = new_settings.config.session_id_context.clone();
            }) else {
                return ptr::null_mut();
            };
            // SAFETY: `ctx` is live; the SSL keeps this reference and gives up the
            // one on its old context (whose state nothing borrows now).
            SslCtx::retain(ctx);
            SslCtx::release(s.ctx.replace(ctx));
            ctx
        })
    }
}

/// `SSL_set_tlsext_host_name` (a macro over `SSL_ctrl` in OpenSSL): the host name a
/// client sends with SNI (NULL sends none). Unless `SSL_set1_host` says otherwise, the
/// server's certificate must also match it. Returns 1, or 0 for a name that is too long.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `name` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_tlsext_host_name(ssl: *mut Ssl, name: *const c_char) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            if name.is_null() {
                *s.sni.borrow_mut() = None;
                return 1;
            }
            // SAFETY: non-NULL and NUL-terminated, as the caller promises.
            let Some(text) = c_str(name, "name") else {
                return 0;
            };
            if text.is_empty() || text.len() > MAX_HOST_NAME {
                err::push(
                    Reason::BAD_VALUE,
                    format!(
                        "SSL_set_tlsext_host_name: a host name has 1 to {MAX_HOST_NAME} characters, not {}",
                        text.len()
                    ),
                );
                return 0;
            }
            *s.sni.borrow_mut() = CString::new(text).ok();
            1
        })
    }
}

/// `SSL_set1_host`: the name the peer's certificate must match (NULL: no name check
/// beyond the SNI name). Returns 1, or 0 on failure.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `hostname` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set1_host(ssl: *mut Ssl, hostname: *const c_char) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            let host = if hostname.is_null() {
                None
            } else {
                // SAFETY: non-NULL and NUL-terminated, as the caller promises.
                let Some(text) = c_str(hostname, "hostname") else {
                    return 0;
                };
                Some(text.to_string())
            };
            *s.verify_host.borrow_mut() = host;
            1
        })
    }
}

/// `SSL_get_servername`: for `TLSEXT_NAMETYPE_host_name`, a client's SNI name as set,
/// or the name a server received (available in the SNI callback). NULL when there is
/// none or for another type. The text belongs to the connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_servername(ssl: *const Ssl, type_: c_int) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null(), |s| {
            if type_ != TLSEXT_NAMETYPE_HOST_NAME {
                return ptr::null();
            }
            let slot = if s.role.get() == Role::Client { &s.sni } else { &s.servername_received };
            slot.borrow().as_ref().map_or(ptr::null(), |n| n.as_ptr())
        })
    }
}

/// `SSL_get_servername_type`: `TLSEXT_NAMETYPE_host_name` (0) when
/// `SSL_get_servername` has a name, else -1.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_servername_type(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    if unsafe { tls12_SSL_get_servername(ssl, TLSEXT_NAMETYPE_HOST_NAME) }.is_null() {
        -1
    } else {
        TLSEXT_NAMETYPE_HOST_NAME
    }
}

/// `SSL_get0_alpn_selected`: the protocol ALPN agreed on (`*data` NULL and `*len` 0
/// when none). The bytes belong to the connection.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `data` and `len` are NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get0_alpn_selected(ssl: *const Ssl, data: *mut *const c_uchar, len: *mut c_uint) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, (), |s| {
            // The bytes stay in the engine, which lives until `SSL_clear` or `SSL_free`.
            let agreed = s.with_conn(|c| c.alpn_protocol().map(|p| (p.as_ptr(), p.len() as c_uint))).flatten();
            let (p, n) = agreed.unwrap_or((ptr::null(), 0));
            // SAFETY: the caller promises the output pointers are NULL or writable.
            if let Some(data) = data.as_mut() {
                *data = p;
            }
            if let Some(len) = len.as_mut() {
                *len = n;
            }
        })
    }
}

/// `SSL_get_version`: "TLSv1.2", the only protocol.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_version(ssl: *const Ssl) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, ptr::null(), |_| c"TLSv1.2".as_ptr()) }
}

/// `SSL_version`: `TLS1_2_VERSION` (0x0303).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_version(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, 0, |_| c_int::from(TLS12)) }
}

/// `SSL_get_verify_result`: the `X509_V_*` code of checking the peer's certificate
/// (`X509_V_OK` when nothing was checked). It is recorded even when
/// `SSL_VERIFY_NONE` let the handshake go on.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_verify_result(ssl: *const Ssl) -> c_long {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, 1, |s| s.verify_result.get()) }
}

/// `SSL_set_verify_result`: overrides the recorded verify result.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_verify_result(ssl: *mut Ssl, v: c_long) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, (), |s| s.verify_result.set(v)) }
}

/// `NID_X9_62_prime256v1`.
const NID_P256: c_int = 415;
/// `NID_secp384r1`.
const NID_P384: c_int = 715;
/// `NID_secp521r1`.
const NID_P521: c_int = 716;
/// `NID_X25519`.
const NID_X25519: c_int = 1034;
/// `NID_X448`.
const NID_X448: c_int = 1035;
/// `NID_ffdhe2048`.
const NID_FFDHE2048: c_int = 1126;
/// `NID_ffdhe3072`.
const NID_FFDHE3072: c_int = 1127;
/// `NID_ffdhe4096`.
const NID_FFDHE4096: c_int = 1128;
/// `NID_ffdhe6144`.
const NID_FFDHE6144: c_int = 1129;
/// `NID_ffdhe8192`.
const NID_FFDHE8192: c_int = 1130;

/// `SSL_get_negotiated_group` (a macro over `SSL_ctrl` in OpenSSL): the NID of the key
/// exchange group (`NID_X25519` 1034, `NID_X9_62_prime256v1` 415, `NID_secp384r1` 715),
/// or 0 before the key exchange.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_negotiated_group(ssl: *const Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| match s.with_conn(Connection::group).flatten() {
            Some(NamedGroup::X25519) => NID_X25519,
            Some(NamedGroup::Secp256r1) => NID_P256,
            Some(NamedGroup::Secp384r1) => NID_P384,
            Some(NamedGroup::Secp521r1) => NID_P521,
            Some(NamedGroup::X448) => NID_X448,
            Some(NamedGroup::Ffdhe2048) => NID_FFDHE2048,
            Some(NamedGroup::Ffdhe3072) => NID_FFDHE3072,
            Some(NamedGroup::Ffdhe4096) => NID_FFDHE4096,
            Some(NamedGroup::Ffdhe6144) => NID_FFDHE6144,
            Some(NamedGroup::Ffdhe8192) => NID_FFDHE8192,
            Some(NamedGroup::Unknown(_)) | None => 0,
        })
    }
}

/// Defines exported yes/no questions about the handshake's progress.
macro_rules! progress_queries {
    ($($(#[$doc:meta])* $name:ident: |$s:ident, $p:ident| $answer:expr;)*) => {$(
        $(#[$doc])*
        ///
        /// # Safety
        /// `ssl` is NULL or a live `SSL`.
        #[no_mangle]
        pub unsafe extern "C" fn $name(ssl: *const Ssl) -> c_int {
            // SAFETY: the caller promises `ssl` is NULL or live.
            unsafe { with_ssl(ssl, 0, |$s| { let $p = $s.progress(); c_int::from($answer) }) }
        }
    )*};
}

progress_queries! {
    /// `SSL_is_init_finished`: 1 once the handshake has completed (and not failed).
    tls12_SSL_is_init_finished: |s, p| p == Some((false, false));
    /// `SSL_in_init`: 1 while the handshake has not completed (before it starts too).
    tls12_SSL_in_init: |s, p| p != Some((false, false));
    /// `SSL_in_before`: 1 before the first handshake step.
    tls12_SSL_in_before: |s, p| p.is_none();
    /// `SSL_in_connect_init` (a macro in OpenSSL): 1 while a client's handshake runs.
    tls12_SSL_in_connect_init: |s, p| p != Some((false, false)) && s.role.get() == Role::Client;
    /// `SSL_in_accept_init` (a macro in OpenSSL): 1 while a server's handshake runs.
    tls12_SSL_in_accept_init: |s, p| p != Some((false, false)) && s.role.get() != Role::Client;
}

/// `OPENSSL_NPN_NEGOTIATED`: `SSL_select_next_proto` found a common protocol.
const NPN_NEGOTIATED: c_int = 1;
/// `OPENSSL_NPN_NO_OVERLAP`: `SSL_select_next_proto` found none.
const NPN_NO_OVERLAP: c_int = 2;

/// `SSL_select_next_proto`: picks the first protocol of `server` (ALPN wire format,
/// in preference order) that `client` also lists, points `*out`/`*outlen` at it (in
/// `server`) and returns `OPENSSL_NPN_NEGOTIATED` (1). Without a common protocol it
/// points at the first protocol of `client` (NULL and 0 if there is none) and returns
/// `OPENSSL_NPN_NO_OVERLAP` (2). Meant for ALPN selection callbacks.
///
/// # Safety
/// `out` and `outlen` are valid for one write; `server` and `client` are NULL or have
/// `server_len` and `client_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_select_next_proto(
    out: *mut *mut c_uchar,
    outlen: *mut c_uchar,
    server: *const c_uchar,
    server_len: c_uint,
    client: *const c_uchar,
    client_len: c_uint,
) -> c_int {
    guard(NPN_NO_OVERLAP, || {
        if out.is_null() || outlen.is_null() {
            null_arg(if out.is_null() { "out" } else { "outlen" });
            return NPN_NO_OVERLAP;
        }
        // SAFETY: the caller promises `server_len` / `client_len` readable bytes.
        let (s, c) = unsafe {
            (
                super::bytes(server, c_int::try_from(server_len).unwrap_or(0), "server").unwrap_or(&[]),
                super::bytes(client, c_int::try_from(client_len).unwrap_or(0), "client").unwrap_or(&[]),
            )
        };
        let common = AlpnNames::new(s).find(|name| AlpnNames::new(c).any(|theirs| theirs == *name));
        let (name, status) = match common {
            Some(name) => (Some(name), NPN_NEGOTIATED),
            None => (AlpnNames::new(c).next(), NPN_NO_OVERLAP),
        };
        // SAFETY: `out` and `outlen` are writable (checked non-NULL, and the caller
        // promises them valid); `name` lies inside `server` or `client`.
        unsafe {
            *out = name.map_or(ptr::null_mut(), |n| n.as_ptr().cast_mut());
            *outlen = name.map_or(0, |n| n.len() as c_uchar);
        }
        status
    })
}

/// Defines exported questions about what the handshake agreed, answered 1 or 0 once
/// it has completed and -1 before.
macro_rules! agreed {
    ($($(#[$doc:meta])* $name:ident: $query:path;)*) => {$(
        $(#[$doc])*
        /// -1 before the handshake has completed.
        ///
        /// # Safety
        /// `ssl` is NULL or a live `SSL`.
        #[no_mangle]
        pub unsafe extern "C" fn $name(ssl: *const Ssl) -> c_long {
            // SAFETY: the caller promises `ssl` is NULL or live.
            unsafe {
                with_ssl(ssl, -1, |s| {
                    s.with_conn(|c| if c.is_handshaking() { -1 } else { c_long::from($query(c)) }).unwrap_or(-1)
                })
            }
        }
    )*};
}

agreed! {
    /// `SSL_get_extms_support` (a macro over `SSL_ctrl` in OpenSSL): 1 if the
    /// extended master secret (RFC 7627) is in use, 0 if not.
    tls12_SSL_get_extms_support: Connection::extended_master_secret;
    /// `SSL_get_secure_renegotiation_support` (a macro over `SSL_ctrl` in OpenSSL): 1
    /// if the peer supports secure renegotiation (RFC 5746), 0 if not.
    tls12_SSL_get_secure_renegotiation_support: Connection::secure_renegotiation;
}

/// `SSL_clear`: makes the connection ready for a new handshake on the same object,
/// keeping its settings, context and BIOs: the engine, the shutdown state, the verify
/// result and what the peer presented are reset. Returns 1, or 0 when called from one
/// of the connection's own callbacks.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_clear(ssl: *mut Ssl) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            let (Ok(mut conn), Ok(mut peer)) = (s.conn.try_borrow_mut(), s.peer.try_borrow_mut()) else {
                busy_or::<()>(None);
                return 0;
            };
            *conn = None;
            *peer = peer::PeerCache::default();
            s.want.set(io::Want::Nothing);
            s.verify_result.set(X509_V_OK as c_long);
            *s.servername_received.borrow_mut() = None;
            s.handshake_state.set(HandshakeState::Before);
            1
        })
    }
}

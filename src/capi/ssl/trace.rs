//! OpenSSL's message callback (`SSL_set_msg_callback`) and info callback
//! (`SSL_set_info_callback`), fed by the engine's `trace` and `progress` hooks, and
//! `SSL_state_string` / `SSL_state_string_long` (the core's [`HandshakeState`] names).
//!
//! The info callback follows OpenSSL's state machine: `SSL_CB_HANDSHAKE_START`, then an
//! `SSL_CB_*_LOOP` before every step sent or received and when a flight is out (with
//! the state before the step), `SSL_CB_HANDSHAKE_DONE`, and `SSL_CB_*_EXIT` when a call
//! that ran the handshake returns (1 when it is complete, -1 otherwise).

use super::{with_ssl, Ssl};
use crate::capi::ctx::{InfoCallback, Role};
use crate::handshake::hooks::{Progress, Traced};
use crate::handshake_state::HandshakeState;
use std::ffi::{c_char, c_int, CStr};

/// `SSL_ST_CONNECT`: the event is a client's.
const SSL_ST_CONNECT: c_int = 0x1000;
/// `SSL_ST_ACCEPT`: the event is a server's.
const SSL_ST_ACCEPT: c_int = 0x2000;
/// `SSL_CB_LOOP`: the handshake is about to take a step.
const SSL_CB_LOOP: c_int = 0x01;
/// `SSL_CB_EXIT`: a handshake call returns.
const SSL_CB_EXIT: c_int = 0x02;
/// `SSL_CB_READ`: an alert arrived.
const SSL_CB_READ: c_int = 0x04;
/// `SSL_CB_WRITE`: an alert went out.
const SSL_CB_WRITE: c_int = 0x08;
/// `SSL_CB_ALERT`: the event is an alert; `ret` is `level << 8 | description`.
const SSL_CB_ALERT: c_int = 0x4000;
/// `SSL_CB_HANDSHAKE_START`.
const SSL_CB_HANDSHAKE_START: c_int = 0x10;
/// `SSL_CB_HANDSHAKE_DONE`.
const SSL_CB_HANDSHAKE_DONE: c_int = 0x20;
/// `SSL3_RT_HEADER`: the content type the message callback gets for a record header.
const SSL3_RT_HEADER: c_int = 0x100;
/// `SSL3_RT_CHANGE_CIPHER_SPEC`.
const SSL3_RT_CHANGE_CIPHER_SPEC: c_int = 20;
/// `SSL3_RT_ALERT`.
const SSL3_RT_ALERT: c_int = 21;
/// `SSL3_RT_HANDSHAKE`.
const SSL3_RT_HANDSHAKE: c_int = 22;

impl Ssl {
    /// The info callback in force: the connection's, else its context's (read now, as
    /// OpenSSL does).
    fn info_callback(&self) -> InfoCallback {
        self.settings.try_borrow().ok().and_then(|s| s.info_callback).or_else(|| {
            let ctx = self.ctx();
            ctx.with_settings(|s| s.info_callback).flatten()
        })
    }

    /// Calls the info callback, if there is one.
    fn info(&self, where_: c_int, ret: c_int) {
        if let Some(cb) = self.info_callback() {
            // SAFETY: the application installed the callback for these arguments.
            unsafe { cb(self, where_, ret) };
        }
    }

    /// `SSL_ST_CONNECT` or `SSL_ST_ACCEPT`, as OpenSSL decides (not a client: a server).
    fn role_bit(&self) -> c_int {
        if self.role.get() == Role::Client {
            SSL_ST_CONNECT
        } else {
            SSL_ST_ACCEPT
        }
    }

    /// An `SSL_CB_*_LOOP` event, then the new state.
    fn step(&self, next: HandshakeState) {
        self.info(self.role_bit() | SSL_CB_LOOP, 1);
        self.handshake_state.set(next);
    }
}

/// The engine's `trace` hook: the message callback, if one is installed.
pub(crate) fn message(ssl: &Ssl, sent: bool, version: u16, what: Traced, bytes: &[u8]) {
    let Ok((Some(cb), arg)) = ssl.settings.try_borrow().map(|s| s.msg_callback) else {
        return;
    };
    let content_type = match what {
        Traced::RecordHeader => SSL3_RT_HEADER,
        Traced::Handshake => SSL3_RT_HANDSHAKE,
        Traced::Alert => SSL3_RT_ALERT,
        Traced::ChangeCipherSpec => SSL3_RT_CHANGE_CIPHER_SPEC,
    };
    let ssl_ptr = (ssl as *const Ssl).cast_mut();
    // SAFETY: the application installed the callback for these arguments; `bytes`
    // lives across the call.
    unsafe {
        cb(c_int::from(sent), c_int::from(version), content_type, bytes.as_ptr().cast(), bytes.len(), ssl_ptr, arg)
    };
}

/// The engine's `progress` hook: the state the texts describe, and the info callback.
pub(crate) fn progress(ssl: &Ssl, event: Progress) {
    let next = ssl.handshake_state.get().after(event);
    match event {
        Progress::Started => ssl.info(SSL_CB_HANDSHAKE_START, 1),
        Progress::Sending(_) | Progress::Received(_) => ssl.step(next),
        Progress::Waiting => ssl.info(ssl.role_bit() | SSL_CB_LOOP, 1),
        Progress::Completed => {
            ssl.step(next);
            ssl.info(SSL_CB_HANDSHAKE_DONE, 1);
        }
        Progress::Alert { sent, level, description } => {
            let way = if sent { SSL_CB_WRITE } else { SSL_CB_READ };
            let value = c_int::from(u8::from(level)) << 8 | c_int::from(u8::from(description));
            ssl.info(SSL_CB_ALERT | way, value);
        }
        Progress::Failed => ssl.handshake_state.set(next),
        // `SSL_CB_CONNECT_EXIT` / `SSL_CB_ACCEPT_EXIT` with 1 when the handshake is
        // complete, -1 when it waits or failed.
        Progress::Returned { complete } => ssl.info(ssl.role_bit() | SSL_CB_EXIT, if complete { 1 } else { -1 }),
    }
}

/// The texts for where the handshake of `s` is.
fn texts_of(s: &Ssl) -> (&'static CStr, &'static CStr) {
    s.handshake_state.get().names(s.role.get() == Role::Client)
}

/// `SSL_state_string`: OpenSSL's short code for where the handshake is ("PINIT",
/// "TWCH", "TRSH" ... "SSLOK", "SSLERR").
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_state_string(ssl: *const Ssl) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, std::ptr::null(), |s| texts_of(s).0.as_ptr()) }
}

/// `SSL_state_string_long`: OpenSSL's sentence for where the handshake is ("before SSL
/// initialization", "SSLv3/TLS write client hello", ... "SSL negotiation finished
/// successfully", "error").
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_state_string_long(ssl: *const Ssl) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, std::ptr::null(), |s| texts_of(s).1.as_ptr()) }
}

//! Key logging for traffic analysis (Wireshark): each handshake's master secret as a
//! line of the NSS key log format, `CLIENT_RANDOM <client random, 64 hex digits>
//! <master secret, 96 hex digits>`, given to the callback of
//! `SSL_CTX_set_keylog_callback`. Without a callback, when the environment variable
//! `SSLKEYLOGFILE` names a file, the lines are appended to that file (created with
//! mode 0600), as many TLS libraries do. Anyone who can read the lines can decrypt
//! the connections: leave the variable unset in production.

#![allow(non_snake_case)]

use super::ctx::SslCtx;
use super::extras::on_handle;
use super::ssl::Ssl;
use std::ffi::c_char;
use std::fmt::Write as _;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// The key-log callback: gets the connection and one NUL-terminated line (without a
/// newline), valid during the call.
pub type KeylogCallback = Option<unsafe extern "C" fn(ssl: *const Ssl, line: *const c_char)>;

/// `SSL_CTX_set_keylog_callback`: installs the key-log callback (NULL removes it, and
/// `SSLKEYLOGFILE` applies again). Read when a handshake makes its keys.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_keylog_callback(ctx: *mut SslCtx, cb: KeylogCallback) {
    // SAFETY: as the caller promises.
    unsafe { on_handle(ctx.cast_const(), "SSL_CTX_set_keylog_callback", (), |s| s.extras.keylog_cb = cb) }
}

/// `SSL_CTX_get_keylog_callback`: the key-log callback (NULL if none).
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_keylog_callback(ctx: *const SslCtx) -> KeylogCallback {
    // SAFETY: as the caller promises.
    unsafe { on_handle(ctx, "SSL_CTX_get_keylog_callback", None, |s| s.extras.keylog_cb) }
}

/// The line for one secret.
fn format_line(label: &str, client_random: &[u8], secret: &[u8]) -> Zeroizing<String> {
    let mut line = Zeroizing::new(String::with_capacity(label.len() + 2 * (client_random.len() + secret.len()) + 3));
    line.push_str(label);
    for part in [client_random, secret] {
        line.push(' ');
        for b in part {
            // Writing to a String cannot fail.
            let _ = write!(line, "{b:02x}");
        }
    }
    line
}

/// The hook: gives the line to the callback or the `SSLKEYLOGFILE` file, and formats
/// it only when one of them is there.
pub(crate) fn log(ssl: &Ssl, label: &str, client_random: &[u8], secret: &[u8]) {
    let cb = ssl.ctx().with_settings(|s| s.extras.keylog_cb).flatten();
    if let Some(cb) = cb {
        let line = format_line(label, client_random, secret);
        let mut text = Zeroizing::new(line.as_bytes().to_vec());
        text.push(0);
        // SAFETY: the application installed the callback; `text` is NUL-terminated and
        // lives across the call.
        unsafe { cb(ssl, text.as_ptr().cast()) };
        return;
    }
    if let Some(path) = std::env::var_os("SSLKEYLOGFILE").filter(|p| !p.is_empty()) {
        let mut line = format_line(label, client_random, secret);
        // One writer at a time, so that lines from several threads do not interleave.
        static FILE_LOCK: Mutex<()> = Mutex::new(());
        let _held = FILE_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        line.push('\n');
        let written = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut f| f.write_all(line.as_bytes()));
        if let Err(e) = written {
            super::err::push_sys(&e, format!("cannot append to SSLKEYLOGFILE {}", path.to_string_lossy()));
        }
    }
}

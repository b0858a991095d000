//! SSL BIOs (`BIO_f_ssl`, `BIO_new_ssl`, `BIO_new_ssl_connect`): a filter that reads and
//! writes through an `SSL` with the connection's own `SSL_read` / `SSL_write` /
//! `SSL_do_handshake` (one engine). The BIO pushed after it becomes the `SSL`'s read
//! and write BIO; a failed call leaves the retry flags that `SSL_get_error` implies
//! (`WANT_READ`: retry reading, `WANT_WRITE`: retry writing).

use super::{chain, Bio, IoResult, FLAGS_READ, FLAGS_WRITE};
use crate::capi::ctx::SslCtx;
use crate::capi::ssl::{self as ssl_api, Ssl, SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE, SSL_ERROR_ZERO_RETURN};
use std::ffi::{c_int, c_long, c_void};
use std::io;
use std::sync::atomic::{AtomicPtr, Ordering};

/// `BIO_CTRL_PUSH`: sent to a BIO after something was pushed after it.
pub(super) const CTRL_PUSH: c_int = 6;
/// `BIO_CTRL_POP`: sent to a BIO before it is popped (`parg` is the BIO popped).
pub(super) const CTRL_POP: c_int = 7;
/// `BIO_C_SET_SSL` (`BIO_set_ssl`).
const C_SET_SSL: c_int = 109;
/// `BIO_C_GET_SSL` (`BIO_get_ssl`).
const C_GET_SSL: c_int = 110;
/// `BIO_C_SSL_MODE` (`BIO_set_ssl_mode`).
const C_SSL_MODE: c_int = 119;

/// The failure of an `SSL` call whose entry is already on the error queue.
#[derive(Debug)]
pub(super) struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the SSL call failed (see the error queue)")
    }
}

impl std::error::Error for Reported {}

/// An SSL BIO's connection (NULL until `BIO_set_ssl`), freed with the BIO when it was
/// set with `BIO_CLOSE`.
#[derive(Default)]
pub(super) struct SslFilter {
    ssl: AtomicPtr<Ssl>,
}

impl SslFilter {
    fn ssl(&self) -> *mut Ssl {
        self.ssl.load(Ordering::Acquire)
    }

    /// The BIO result of an `SSL` call's return value `r`, setting `bio`'s retry flags
    /// as `SSL_get_error` says.
    fn result(&self, bio: &Bio, r: c_int) -> IoResult {
        if r > 0 {
            return IoResult::Done(r as usize);
        }
        // SAFETY: the filter's SSL is live while the BIO holds it.
        match unsafe { ssl_api::tls12_SSL_get_error(self.ssl(), r) } {
            SSL_ERROR_WANT_READ => {
                bio.set_retry(FLAGS_READ);
                IoResult::WouldBlock
            }
            SSL_ERROR_WANT_WRITE => {
                bio.set_retry(FLAGS_WRITE);
                IoResult::WouldBlock
            }
            SSL_ERROR_ZERO_RETURN => IoResult::Eof,
            _ if r == 0 => IoResult::Eof,
            _ => IoResult::Failed(io::Error::other(Reported)),
        }
    }

    /// Reads decrypted data (`SSL_read`).
    pub(super) fn read(&self, bio: &Bio, buf: &mut [u8]) -> IoResult {
        let len = c_int::try_from(buf.len()).unwrap_or(c_int::MAX);
        // SAFETY: the SSL is live or NULL (an error entry); `buf` has `len` bytes.
        let r = unsafe { ssl_api::tls12_SSL_read(self.ssl(), buf.as_mut_ptr().cast(), len) };
        self.result(bio, r)
    }

    /// Writes data to encrypt (`SSL_write`).
    pub(super) fn write(&self, bio: &Bio, data: &[u8]) -> IoResult {
        let len = c_int::try_from(data.len()).unwrap_or(c_int::MAX);
        // SAFETY: the SSL is live or NULL (an error entry); `data` has `len` bytes.
        let r = unsafe { ssl_api::tls12_SSL_write(self.ssl(), data.as_ptr().cast(), len) };
        self.result(bio, r)
    }

    /// Answers the SSL BIO's `BIO_ctrl` commands; `None` for the commands that go to
    /// the `SSL`'s read BIO (the BIO after this one).
    pub(super) fn ctrl(&self, bio: &Bio, cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<c_long> {
        let ssl = self.ssl();
        match cmd {
            C_SET_SSL => {
                self.release(bio);
                self.ssl.store(parg.cast(), Ordering::Release);
                bio.close.store(larg != 0, Ordering::Relaxed);
                Some(1)
            }
            C_GET_SSL if parg.is_null() => Some(0),
            C_GET_SSL => {
                // SAFETY: `BIO_get_ssl` passes an `SSL **`, valid for one write.
                unsafe { *parg.cast::<*mut Ssl>() = ssl };
                Some(1)
            }
            C_SSL_MODE => {
                // SAFETY: the SSL is live or NULL (an error entry).
                unsafe {
                    if larg != 0 {
                        ssl_api::tls12_SSL_set_connect_state(ssl);
                    } else {
                        ssl_api::tls12_SSL_set_accept_state(ssl);
                    }
                }
                Some(1)
            }
            super::accept::C_DO_STATE_MACHINE => {
                // SAFETY: as above.
                let r = unsafe { ssl_api::tls12_SSL_do_handshake(ssl) };
                Some(match self.result(bio, r) {
                    IoResult::Done(_) => 1,
                    IoResult::Eof => 0,
                    _ => -1,
                })
            }
            CTRL_PUSH => {
                let next = bio.links.next();
                // SAFETY: as above.
                if !next.is_null() && !ssl.is_null() && next != unsafe { ssl_api::tls12_SSL_get_rbio(ssl) } {
                    // SAFETY: `next` is a live chained BIO. The SSL takes two references
                    // (read and write) from SSL_set_bio for the one given here; the
                    // chain keeps its own.
                    unsafe {
                        super::retain(next);
                        ssl_api::tls12_SSL_set_bio(ssl, next, next);
                    }
                }
                Some(1)
            }
            CTRL_POP => {
                if std::ptr::eq(parg.cast_const().cast::<Bio>(), bio) && !ssl.is_null() {
                    // SAFETY: as above; the references taken at the push go.
                    unsafe { ssl_api::tls12_SSL_set_bio(ssl, std::ptr::null_mut(), std::ptr::null_mut()) };
                }
                Some(1)
            }
            super::CTRL_PENDING => {
                // SAFETY: as above.
                let n = unsafe { ssl_api::tls12_SSL_pending(ssl) };
                Some(c_long::from(n))
            }
            super::CTRL_GET_CLOSE | super::CTRL_SET_CLOSE => None,
            _ => {
                // SAFETY: as above; the read BIO is live or NULL.
                let rbio =
                    if ssl.is_null() { std::ptr::null_mut() } else { unsafe { ssl_api::tls12_SSL_get_rbio(ssl) } };
                // SAFETY: `rbio` is NULL or live.
                Some(unsafe { super::from_ptr(rbio) }.map_or(0, |next| next.ctrl(cmd, larg, parg)))
            }
        }
    }

    /// A new SSL BIO with a copy of this one's connection (which it owns), for a chain
    /// an accept BIO copies for each connection; NULL (with an error entry) without one.
    pub(super) fn duplicate(&self) -> *mut Bio {
        // SAFETY: the filter's SSL is live or NULL.
        let Some(ssl) = (unsafe { self.ssl().as_ref() }) else {
            super::null_arg("ssl");
            return std::ptr::null_mut();
        };
        let copy = ssl.duplicate();
        if copy.is_null() {
            return std::ptr::null_mut();
        }
        let bio = Bio::new(super::Kind::Ssl(SslFilter::default()));
        bio.ctrl(C_SET_SSL, 1, copy.cast());
        super::into_ptr(bio)
    }

    /// Frees the connection if the BIO owns it (`BIO_CLOSE`), and forgets it.
    pub(super) fn release(&self, bio: &Bio) {
        let old = self.ssl.swap(std::ptr::null_mut(), Ordering::AcqRel);
        if !old.is_null() && bio.close.load(Ordering::Relaxed) {
            // SAFETY: the BIO owned one reference to `old`.
            unsafe { ssl_api::tls12_SSL_free(old) };
        }
    }
}

static METHOD_SSL: super::BioMethod = super::BioMethod { kind: super::MethodKind::Ssl };

/// `BIO_f_ssl`: the method of SSL BIOs (give it its connection with `BIO_set_ssl`).
#[no_mangle]
pub extern "C" fn tls12_BIO_f_ssl() -> *const super::BioMethod {
    super::guard(std::ptr::null(), || &METHOD_SSL as *const super::BioMethod)
}

/// A new SSL BIO owning a new connection of `ctx` in connect or accept state.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
unsafe fn new_ssl_bio(ctx: *mut SslCtx, client: bool) -> *mut Bio {
    // SAFETY: as promised by the caller.
    let ssl = unsafe { ssl_api::tls12_SSL_new(ctx) };
    if ssl.is_null() {
        return std::ptr::null_mut();
    }
    let bio = Bio::new(super::Kind::Ssl(SslFilter::default()));
    bio.ctrl(C_SET_SSL, 1, ssl.cast());
    bio.ctrl(C_SSL_MODE, c_long::from(client), std::ptr::null_mut());
    super::into_ptr(bio)
}

/// `BIO_new_ssl`: an SSL BIO owning a new connection of `ctx`, a client if `client` is
/// not 0, else a server. NULL (with an error entry) on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_ssl(ctx: *mut SslCtx, client: c_int) -> *mut Bio {
    // SAFETY: as promised by the caller.
    super::guard(std::ptr::null_mut(), || unsafe { new_ssl_bio(ctx, client != 0) })
}

/// `BIO_new_ssl_connect`: a client SSL BIO of `ctx` with a connect BIO after it (name
/// the peer with `BIO_set_conn_hostname` on the returned BIO). NULL on failure.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_ssl_connect(ctx: *mut SslCtx) -> *mut Bio {
    super::guard(std::ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let bio = unsafe { new_ssl_bio(ctx, true) };
        if bio.is_null() {
            return bio;
        }
        let connect = super::into_ptr(Bio::new(super::Kind::Connect(Default::default())));
        // SAFETY: both BIOs are new and live.
        unsafe { chain::push(bio, connect) };
        bio
    })
}

/// `BIO_ssl_shutdown`: `SSL_shutdown` on the connection of the first SSL BIO of the
/// chain that starts at `ssl_bio` (nothing if there is none).
///
/// # Safety
/// `ssl_bio` is NULL or a live BIO whose chain is live.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_ssl_shutdown(ssl_bio: *mut Bio) {
    super::guard((), || {
        let mut b = ssl_bio;
        // SAFETY: the chain's BIOs are live, as promised by the caller.
        while let Some(bio) = unsafe { super::from_ptr(b) } {
            if let super::Kind::Ssl(filter) = &bio.kind {
                // SAFETY: the filter's SSL is live or NULL.
                unsafe { ssl_api::tls12_SSL_shutdown(filter.ssl()) };
                return;
            }
            b = bio.links.next();
        }
    })
}

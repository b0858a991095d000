//! Accept BIOs (`BIO_new_accept`): a listening point ([`crate::net::AcceptPoint`]) that
//! `BIO_do_accept` opens on its first call and that hands out each accepted
//! connection, on later calls, as a socket BIO chained after it (take it with
//! `BIO_pop`). Reads and writes go to the connection chained after it.

use super::{chain, lock, new_socket_bio, Bio, IoResult};
use crate::net::{AcceptPoint, AcceptStep};
use std::ffi::{c_char, c_int, c_long, c_void, CStr};
use std::io;
use std::os::fd::IntoRawFd;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;

/// `BIO_C_DO_STATE_MACHINE` (`BIO_do_accept`).
pub(super) const C_DO_STATE_MACHINE: c_int = 101;
/// `BIO_C_SET_ACCEPT` (`BIO_set_accept_name` with larg 0, `BIO_set_nbio_accept` with 2).
const C_SET_ACCEPT: c_int = 118;
/// `BIO_C_SET_BIND_MODE` (`BIO_set_bind_mode`).
const C_SET_BIND_MODE: c_int = 131;

/// An accept BIO's state: the listening point, and the SSL BIO given with
/// `BIO_set_accept_bios` (owned; NULL if none), of which each accepted connection gets
/// a copy, with the connection's socket BIO after it.
pub(super) struct Acceptor {
    point: Mutex<AcceptPoint>,
    template: AtomicPtr<Bio>,
}

impl Drop for Acceptor {
    fn drop(&mut self) {
        // SAFETY: the accept BIO owns the template's chain (`BIO_set_accept_bios`).
        unsafe { chain::free_all(*self.template.get_mut()) };
    }
}

impl Acceptor {
    /// Answers the accept BIO's `BIO_ctrl` commands; `None` for other commands.
    pub(super) fn ctrl(&self, bio: &Bio, cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<c_long> {
        match cmd {
            C_SET_ACCEPT if larg == 0 && !parg.is_null() => {
                // SAFETY: `BIO_set_accept_name` passes a NUL-terminated string.
                let name = unsafe { CStr::from_ptr(parg.cast::<c_char>()) };
                lock(&self.point).set_name(&name.to_string_lossy());
                Some(1)
            }
            C_SET_ACCEPT if larg == 2 => {
                lock(&self.point).set_nonblocking(!parg.is_null());
                Some(1)
            }
            C_SET_ACCEPT if larg == 3 => {
                let old = self.template.swap(parg.cast(), Ordering::AcqRel);
                // SAFETY: the accept BIO owned the old template.
                unsafe { chain::free_all(old) };
                Some(1)
            }
            // Listening sockets always reuse addresses (BIO_BIND_REUSEADDR).
            C_SET_BIND_MODE => Some(1),
            C_DO_STATE_MACHINE => Some(c_long::from(self.step(bio))),
            _ => None,
        }
    }

    /// `BIO_do_accept`: 1 on success, -1 with an error entry (or with the retry flags
    /// for a non-blocking accept BIO with no connection waiting).
    fn step(&self, bio: &Bio) -> c_int {
        let step = lock(&self.point).step();
        match step {
            Ok(AcceptStep::Listening) => 1,
            Ok(AcceptStep::Accepted(stream)) => {
                let mut connection = new_socket_bio(stream.into_raw_fd(), true);
                // SAFETY: the template is NULL or a live BIO the accept BIO owns.
                if let Some(template) = unsafe { super::from_ptr(self.template.load(Ordering::Acquire)) } {
                    let super::Kind::Ssl(filter) = &template.kind else {
                        super::super::err::push(
                            crate::error::Reason::BAD_VALUE,
                            "BIO_do_accept: the BIO given with BIO_set_accept_bios is not an SSL BIO",
                        );
                        // SAFETY: the new socket BIO is ours alone.
                        unsafe { super::release(connection) };
                        return -1;
                    };
                    let copy = filter.duplicate();
                    if copy.is_null() {
                        // SAFETY: as above.
                        unsafe { super::release(connection) };
                        return -1;
                    }
                    // SAFETY: both BIOs are new and live.
                    unsafe { chain::push(copy, connection) };
                    connection = copy;
                }
                // SAFETY: `bio` is live (borrowed) and `connection` is new.
                unsafe { chain::push((bio as *const Bio).cast_mut(), connection) };
                1
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                bio.set_retry(super::FLAGS_IO_SPECIAL);
                -1
            }
            Err(e) => {
                super::super::err::push_sys(&e, "BIO_do_accept");
                -1
            }
        }
    }

    /// Reads from the connection chained after `bio`; with none yet, accepts one first.
    pub(super) fn read(&self, bio: &Bio, buf: &mut [u8]) -> IoResult {
        // SAFETY: a chained BIO stays alive while it is chained.
        self.connection(bio).map_or_else(|r| r, |next| unsafe { &*next }.read(buf))
    }

    /// Writes to the connection chained after `bio`; with none yet, accepts one first.
    pub(super) fn write(&self, bio: &Bio, data: &[u8]) -> IoResult {
        // SAFETY: a chained BIO stays alive while it is chained.
        self.connection(bio).map_or_else(|r| r, |next| unsafe { &*next }.write(data))
    }

    /// The connection BIO chained after `bio`, accepting one when there is none.
    fn connection(&self, bio: &Bio) -> Result<*mut Bio, IoResult> {
        while bio.links.next().is_null() {
            if self.step(bio) != 1 {
                return Err(IoResult::Failed(io::Error::other("the accept BIO has no connection")));
            }
        }
        Ok(bio.links.next())
    }
}

/// `BIO_new_accept`: an accept BIO that will listen on `host_port` (`[host:]port`,
/// `*:port` for every interface). NULL (with an error entry) for a NULL argument.
///
/// # Safety
/// `host_port` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_accept(host_port: *const c_char) -> *mut Bio {
    super::guard(std::ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let Some(name) = (unsafe { super::super::c_str(host_port, "host_port") }) else {
            return std::ptr::null_mut();
        };
        let acceptor =
            Acceptor { point: Mutex::new(AcceptPoint::new(name)), template: AtomicPtr::new(std::ptr::null_mut()) };
        super::into_ptr(Bio::new(super::Kind::Accept(acceptor)))
    })
}

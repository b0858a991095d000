//! Connect BIOs (`BIO_s_connect`, `BIO_new_connect`): the C side of
//! [`crate::net::ConnectPoint`]. `BIO_set_conn_hostname` / `BIO_set_conn_port` name the
//! peer, `BIO_do_connect` connects (reads and writes connect first when needed),
//! `BIO_set_nbio` makes the connection non-blocking.

use super::{lock, Bio, IoResult};
use crate::net::ConnectPoint;
use std::ffi::{c_char, c_int, c_long, c_void, CStr, CString};
use std::sync::Mutex;

/// `BIO_C_SET_CONNECT`: larg 0 sets the host (or `host:port`), 1 the port.
const C_SET_CONNECT: c_int = 100;
/// `BIO_C_GET_CONNECT`: larg 0 gets the host, 1 the port.
const C_GET_CONNECT: c_int = 123;

/// A connect BIO's state: the point, and the C copies of its names that
/// `BIO_get_conn_hostname` / `BIO_get_conn_port` hand out (valid until the next change).
#[derive(Default)]
pub(super) struct Connector {
    point: Mutex<ConnectPoint>,
    names: Mutex<[Option<CString>; 2]>,
}

impl Connector {
    /// Answers the connect BIO's `BIO_ctrl` commands; `None` for other commands.
    pub(super) fn ctrl(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<c_long> {
        match cmd {
            C_SET_CONNECT if (larg == 0 || larg == 1) && !parg.is_null() => {
                // SAFETY: `BIO_set_conn_hostname` / `_port` pass a NUL-terminated string.
                let text = unsafe { CStr::from_ptr(parg.cast::<c_char>()) }.to_string_lossy();
                let mut point = lock(&self.point);
                if larg == 0 {
                    point.set_host(&text);
                } else {
                    point.set_port(&text);
                }
                let mut names = lock(&self.names);
                names[0] = point.host().and_then(|h| CString::new(h).ok());
                names[1] = point.port().and_then(|p| CString::new(p).ok());
                Some(1)
            }
            C_GET_CONNECT if larg == 0 || larg == 1 => {
                let names = lock(&self.names);
                Some(names[larg as usize].as_ref().map_or(0, |n| n.as_ptr() as c_long))
            }
            super::C_SET_NBIO => Some(match lock(&self.point).set_nonblocking(larg != 0) {
                Ok(()) => 1,
                Err(e) => {
                    super::super::err::push_sys(&e, "BIO_set_nbio");
                    0
                }
            }),
            super::accept::C_DO_STATE_MACHINE => Some(match lock(&self.point).connect() {
                Ok(_) => 1,
                Err(e) => {
                    super::super::err::push_sys(&e, "BIO_do_connect");
                    -1
                }
            }),
            _ => None,
        }
    }

    /// Reads from the connection (connecting first if needed).
    pub(super) fn read(&self, buf: &mut [u8]) -> IoResult {
        lock(&self.point).read(buf)
    }

    /// Writes to the connection (connecting first if needed).
    pub(super) fn write(&self, data: &[u8]) -> IoResult {
        lock(&self.point).write(data)
    }
}

/// `BIO_new_connect`: a connect BIO for `host_port` (`host:port`, `[v6]:port`, or a host
/// whose port `BIO_set_conn_port` gives). NULL (with an error entry) for NULL.
///
/// # Safety
/// `host_port` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_new_connect(host_port: *const c_char) -> *mut Bio {
    super::guard(std::ptr::null_mut(), || {
        if host_port.is_null() {
            super::null_arg("host_port");
            return std::ptr::null_mut();
        }
        let bio = Bio::new(super::Kind::Connect(Connector::default()));
        bio.ctrl(C_SET_CONNECT, 0, host_port.cast_mut().cast());
        super::into_ptr(bio)
    })
}

//! Socket addresses and sockets for programs that make their own connections:
//! `BIO_lookup_ex` and the `BIO_ADDRINFO` list it gives, `BIO_ADDR`, `BIO_socket`,
//! `BIO_connect`, `BIO_socket_nbio`, `BIO_closesocket`, `BIO_sock_init`.
//!
//! The lookup policy is the core's ([`crate::net::lookup`]); this file converts C
//! arguments (AF_* numbers, `sockaddr`) and makes the system calls.

use super::super::{c_str, err, guard, null_arg};
use crate::net::{self, Family, Role};
use std::ffi::{c_char, c_int};
use std::io;
use std::net::SocketAddr;

/// `BIO_LOOKUP_SERVER`: the addresses are for binding (`BIO_LOOKUP_CLIENT` is 0).
const LOOKUP_SERVER: c_int = 1;
/// `BIO_SOCK_KEEPALIVE`: turn on TCP keep-alive before connecting.
const SOCK_KEEPALIVE: c_int = 0x04;
/// `BIO_SOCK_NONBLOCK`: make the socket non-blocking before connecting.
const SOCK_NONBLOCK: c_int = 0x08;
/// `BIO_SOCK_NODELAY`: turn off Nagle's algorithm before connecting.
const SOCK_NODELAY: c_int = 0x10;

/// A `BIO_ADDR`: one socket address.
pub struct BioAddr {
    addr: SocketAddr,
}

/// A `BIO_ADDRINFO`: one entry of the list `BIO_lookup_ex` gives, owning the rest.
pub struct BioAddrInfo {
    addr: BioAddr,
    socktype: c_int,
    protocol: c_int,
    next: Option<Box<BioAddrInfo>>,
}

/// The list of `addrs` for C, in their order (NULL for none).
fn into_list(addrs: Vec<SocketAddr>, socktype: c_int, protocol: c_int) -> *mut BioAddrInfo {
    let list = addrs
        .into_iter()
        .rev()
        .fold(None, |next, addr| Some(Box::new(BioAddrInfo { addr: BioAddr { addr }, socktype, protocol, next })));
    list.map_or(std::ptr::null_mut(), Box::into_raw)
}

/// A C string argument that may be NULL (`None`); `Err` when it is not UTF-8.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string.
unsafe fn optional_str<'a>(p: *const c_char, what: &str) -> Result<Option<&'a str>, ()> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: as promised by the caller.
    unsafe { c_str(p, what) }.map(Some).ok_or(())
}

/// `BIO_lookup_ex`: resolves `host` and `service` (either may be NULL) for a client
/// (`BIO_LOOKUP_CLIENT`) or a server (`BIO_LOOKUP_SERVER`), limited to `family`
/// (`AF_INET`, `AF_INET6` or `AF_UNSPEC`), and stores the list in `*res` (free it with
/// `BIO_ADDRINFO_free`). Returns 1, or 0 with an error entry.
///
/// # Safety
/// `host` and `service` are NULL or NUL-terminated strings; `res` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_lookup_ex(
    host: *const c_char,
    service: *const c_char,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    protocol: c_int,
    res: *mut *mut BioAddrInfo,
) -> c_int {
    guard(0, || {
        if res.is_null() {
            null_arg("res");
            return 0;
        }
        // SAFETY: as promised by the caller.
        let (Ok(host), Ok(service)) =
            (unsafe { optional_str(host, "host") }, unsafe { optional_str(service, "service") })
        else {
            return 0;
        };
        let family = match family {
            libc::AF_UNSPEC => Family::Any,
            libc::AF_INET => Family::V4,
            libc::AF_INET6 => Family::V6,
            other => {
                err::push(
                    crate::error::Reason::BAD_VALUE,
                    format!("BIO_lookup_ex: address family {other} is not AF_INET, AF_INET6 or AF_UNSPEC"),
                );
                return 0;
            }
        };
        let role = if lookup_type == LOOKUP_SERVER { Role::Server } else { Role::Client };
        match net::lookup(host, service, family, role) {
            Ok(addrs) => {
                let protocol = match (protocol, socktype) {
                    (0, libc::SOCK_STREAM) => libc::IPPROTO_TCP,
                    (0, libc::SOCK_DGRAM) => libc::IPPROTO_UDP,
                    (p, _) => p,
                };
                // SAFETY: `res` is non-NULL and valid for a write.
                unsafe { *res = into_list(addrs, socktype, protocol) };
                1
            }
            Err(e) => {
                err::push_sys(&e, "BIO_lookup_ex");
                0
            }
        }
    })
}

/// `BIO_lookup`: `BIO_lookup_ex` with any protocol.
///
/// # Safety
/// As for `BIO_lookup_ex`.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_lookup(
    host: *const c_char,
    service: *const c_char,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    res: *mut *mut BioAddrInfo,
) -> c_int {
    // SAFETY: as promised by the caller.
    guard(0, || unsafe { tls12_BIO_lookup_ex(host, service, lookup_type, family, socktype, 0, res) })
}

/// Borrows a list entry; `None` (with an error entry) for NULL.
///
/// # Safety
/// `ai` is NULL or an entry of a list from `BIO_lookup_ex` that is not yet freed.
unsafe fn entry<'a>(ai: *const BioAddrInfo) -> Option<&'a BioAddrInfo> {
    // SAFETY: as promised by the caller.
    let entry = unsafe { ai.as_ref() };
    if entry.is_none() {
        null_arg("bai");
    }
    entry
}

/// Defines exported functions that read a number from a `BIO_ADDRINFO` entry.
macro_rules! entry_numbers {
    ($($(#[$doc:meta])* $name:ident => |$e:ident| $value:expr;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// `bai` is NULL or an entry of a list that is not yet freed.
            #[no_mangle]
            pub unsafe extern "C" fn $name(bai: *const BioAddrInfo) -> c_int {
                // SAFETY: as promised by the caller.
                guard(0, || unsafe { entry(bai) }.map_or(0, |$e| $value))
            }
        )*
    };
}

entry_numbers! {
    /// `BIO_ADDRINFO_family`: `AF_INET` or `AF_INET6` (0 for NULL).
    tls12_BIO_ADDRINFO_family => |e| if e.addr.addr.is_ipv4() { libc::AF_INET } else { libc::AF_INET6 };
    /// `BIO_ADDRINFO_socktype`: the socket type asked for (`SOCK_STREAM` ...).
    tls12_BIO_ADDRINFO_socktype => |e| e.socktype;
    /// `BIO_ADDRINFO_protocol`: the protocol (`IPPROTO_TCP` for a stream socket asked
    /// for with protocol 0).
    tls12_BIO_ADDRINFO_protocol => |e| e.protocol;
}

/// `BIO_ADDRINFO_next`: the entry after `bai`, or NULL at the end of the list.
///
/// # Safety
/// `bai` is NULL or an entry of a list that is not yet freed.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_ADDRINFO_next(bai: *const BioAddrInfo) -> *const BioAddrInfo {
    guard(std::ptr::null(), || {
        // SAFETY: as promised by the caller.
        unsafe { entry(bai) }.and_then(|e| e.next.as_deref()).map_or(std::ptr::null(), |n| n as *const BioAddrInfo)
    })
}

/// `BIO_ADDRINFO_address`: the entry's address, owned by the list.
///
/// # Safety
/// `bai` is NULL or an entry of a list that is not yet freed.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_ADDRINFO_address(bai: *const BioAddrInfo) -> *const BioAddr {
    // SAFETY: as promised by the caller.
    guard(std::ptr::null(), || unsafe { entry(bai) }.map_or(std::ptr::null(), |e| &e.addr as *const BioAddr))
}

/// `BIO_ADDRINFO_free`: frees the list that starts at `bai` (NULL is ignored).
///
/// # Safety
/// `bai` is NULL or the first entry of a list from `BIO_lookup_ex`, not used after.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_ADDRINFO_free(bai: *mut BioAddrInfo) {
    guard((), || {
        if !bai.is_null() {
            // SAFETY: the list's head came from `Box::into_raw` and is given back.
            drop(unsafe { Box::from_raw(bai) });
        }
    })
}

/// `BIO_sock_init`: nothing to initialise on this system; returns 1.
#[no_mangle]
pub extern "C" fn tls12_BIO_sock_init() -> c_int {
    guard(0, || 1)
}

/// `BIO_socket`: a new socket (`socket(2)`; `options` is unused, as in OpenSSL), or -1
/// (`INVALID_SOCKET`) with a system error entry.
#[no_mangle]
pub extern "C" fn tls12_BIO_socket(domain: c_int, socktype: c_int, protocol: c_int, options: c_int) -> c_int {
    guard(-1, || {
        let _ = options;
        // SAFETY: socket(2) has no memory-safety preconditions.
        let fd = unsafe { libc::socket(domain, socktype, protocol) };
        if fd < 0 {
            err::push_sys(&io::Error::last_os_error(), "BIO_socket: cannot create a socket");
        }
        fd
    })
}

/// Sets an integer socket option to 1.
fn set_flag(sock: c_int, level: c_int, name: c_int) -> io::Result<()> {
    let one: c_int = 1;
    // SAFETY: `one` is an int that lives for the call, and its size is given.
    let r = unsafe {
        libc::setsockopt(
            sock,
            level,
            name,
            (&one as *const c_int).cast(),
            std::mem::size_of::<c_int>() as libc::socklen_t,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `addr` as a `sockaddr_storage` and its length.
fn to_sockaddr(addr: &SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: an all-zero sockaddr_storage is a valid value.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match addr {
        SocketAddr::V4(a) => {
            // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in.
            let sin = unsafe { &mut *(&mut storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = a.port().to_be();
            sin.sin_addr.s_addr = u32::from_ne_bytes(a.ip().octets());
            std::mem::size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(a) => {
            // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = a.port().to_be();
            sin6.sin6_addr.s6_addr = a.ip().octets();
            sin6.sin6_flowinfo = a.flowinfo();
            sin6.sin6_scope_id = a.scope_id();
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    (storage, len as libc::socklen_t)
}

/// `BIO_connect`: connects `sock` to `addr` after applying `options`
/// (`BIO_SOCK_KEEPALIVE`, `BIO_SOCK_NONBLOCK`, `BIO_SOCK_NODELAY`). Returns 1, or 0: with
/// a system error entry, except for a non-blocking connect still in progress
/// (`BIO_sock_should_retry`).
///
/// # Safety
/// `addr` is NULL or an address from `BIO_ADDRINFO_address` that is still alive.
#[no_mangle]
pub unsafe extern "C" fn tls12_BIO_connect(sock: c_int, addr: *const BioAddr, options: c_int) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let Some(addr) = (unsafe { addr.as_ref() }) else {
            null_arg("addr");
            return 0;
        };
        let prepared = (|| {
            if options & SOCK_KEEPALIVE != 0 {
                set_flag(sock, libc::SOL_SOCKET, libc::SO_KEEPALIVE)?;
            }
            if options & SOCK_NODELAY != 0 {
                set_flag(sock, libc::IPPROTO_TCP, libc::TCP_NODELAY)?;
            }
            if options & SOCK_NONBLOCK != 0 && !super::set_nonblocking(sock, true) {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        })();
        if let Err(e) = prepared {
            err::push_sys(&e, "BIO_connect: cannot set the socket's options");
            return 0;
        }
        let (storage, len) = to_sockaddr(&addr.addr);
        // SAFETY: `storage` holds a socket address of `len` bytes.
        let r = unsafe { libc::connect(sock, (&storage as *const libc::sockaddr_storage).cast(), len) };
        if r == 0 {
            return 1;
        }
        let e = io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINPROGRESS | libc::EALREADY | libc::EINTR)) {
            err::push_sys(&e, format!("BIO_connect: cannot connect to {}", addr.addr));
        }
        0
    })
}

/// `BIO_socket_nbio`: makes `sock` non-blocking (`mode` 1) or blocking (0). Returns 1,
/// or 0 with a system error entry.
#[no_mangle]
pub extern "C" fn tls12_BIO_socket_nbio(sock: c_int, mode: c_int) -> c_int {
    guard(0, || {
        let done = super::set_nonblocking(sock, mode != 0);
        if !done {
            err::push_sys(&io::Error::last_os_error(), "BIO_socket_nbio");
        }
        c_int::from(done)
    })
}

/// `BIO_closesocket`: closes `sock`. Returns 1, or 0 with a system error entry.
#[no_mangle]
pub extern "C" fn tls12_BIO_closesocket(sock: c_int) -> c_int {
    guard(0, || {
        // SAFETY: close(2) has no memory-safety preconditions; the caller gives `sock` up.
        if unsafe { libc::close(sock) } == 0 {
            return 1;
        }
        err::push_sys(&io::Error::last_os_error(), "BIO_closesocket");
        0
    })
}

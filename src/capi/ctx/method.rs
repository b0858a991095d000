//! `SSL_METHOD` objects and the library's version information.

use crate::capi::guard;
use std::ffi::{c_char, c_int, c_ulong};

/// Which end a method makes connections for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Either end: `SSL_connect` or `SSL_accept` decides.
    Any,
    /// Client connections (they start in connect state).
    Client,
    /// Server connections (they start in accept state).
    Server,
}

/// `SSL_METHOD`: which end the connections made with it play. TLS 1.2 is the only
/// protocol, so the version-flexible and the TLS 1.2 methods are the same objects.
pub struct SslMethod {
    /// The end.
    pub(crate) role: Role,
}

static ANY: SslMethod = SslMethod { role: Role::Any };
static CLIENT: SslMethod = SslMethod { role: Role::Client };
static SERVER: SslMethod = SslMethod { role: Role::Server };

impl SslMethod {
    /// The static method object with this method's role (methods are never made
    /// anywhere else, so this gives back the same object with a static lifetime).
    pub(crate) fn as_static(&self) -> &'static SslMethod {
        match self.role {
            Role::Any => &ANY,
            Role::Client => &CLIENT,
            Role::Server => &SERVER,
        }
    }
}

/// Defines exported functions that return one of the static methods.
macro_rules! methods {
    ($($(#[$doc:meta])* $name:ident => $method:ident;)*) => {
        $(
            $(#[$doc])*
            #[no_mangle]
            pub extern "C" fn $name() -> *const SslMethod {
                guard(std::ptr::null(), || &$method as *const SslMethod)
            }
        )*
    };
}

methods! {
    /// `TLS_method`: connections for either end (TLS 1.2).
    tls12_TLS_method => ANY;
    /// `TLS_client_method`: client connections (TLS 1.2).
    tls12_TLS_client_method => CLIENT;
    /// `TLS_server_method`: server connections (TLS 1.2).
    tls12_TLS_server_method => SERVER;
    /// `TLSv1_2_method`: connections for either end, TLS 1.2 only.
    tls12_TLSv1_2_method => ANY;
    /// `TLSv1_2_client_method`: client connections, TLS 1.2 only.
    tls12_TLSv1_2_client_method => CLIENT;
    /// `TLSv1_2_server_method`: server connections, TLS 1.2 only.
    tls12_TLSv1_2_server_method => SERVER;
}

/// The OpenSSL API level libtls12 provides, as `OPENSSL_VERSION_NUMBER` in
/// include/tls12/openssl/opensslv.h says it at compile time (3.0.0).
const API_VERSION_NUMBER: c_ulong = 0x3000_0000;

/// `OpenSSL_version_num`: the OpenSSL API level (`0x30000000`), the same number programs
/// saw at compile time, so that their version checks agree; libtls12's own version is
/// in `OpenSSL_version(OPENSSL_VERSION)`.
#[no_mangle]
pub extern "C" fn tls12_OpenSSL_version_num() -> c_ulong {
    guard(0, || API_VERSION_NUMBER)
}

/// `OpenSSL_version`: texts about the library. `OPENSSL_VERSION` (0) gives
/// "libtls12 <version>", `OPENSSL_VERSION_STRING` (6) and `OPENSSL_FULL_VERSION_STRING`
/// (7) the bare version; the other items OpenSSL knows give "not available".
#[no_mangle]
pub extern "C" fn tls12_OpenSSL_version(t: c_int) -> *const c_char {
    guard(std::ptr::null(), || {
        const NAME: &std::ffi::CStr = const_cstr(concat!("libtls12 ", env!("CARGO_PKG_VERSION"), "\0"));
        const VERSION: &std::ffi::CStr = const_cstr(concat!(env!("CARGO_PKG_VERSION"), "\0"));
        let text = match t {
            0 => NAME,
            6 | 7 => VERSION,
            _ => c"not available",
        };
        text.as_ptr()
    })
}

/// A static C string from a literal that ends in NUL.
const fn const_cstr(s: &'static str) -> &'static std::ffi::CStr {
    match std::ffi::CStr::from_bytes_with_nul(s.as_bytes()) {
        Ok(c) => c,
        Err(_) => panic!("the literal must end in NUL and hold no other NUL"),
    }
}

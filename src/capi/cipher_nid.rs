//! `SSL_CIPHER_get_kx_nid` and `SSL_CIPHER_get_auth_nid`: a suite's key exchange and
//! authentication as OpenSSL's NIDs.

#![allow(non_snake_case)]

use super::ssl::{tls12_SSL_CIPHER_get_protocol_id, SslCipher};
use super::{guard, null_arg};
use crate::suites::{self, Authentication, KeyExchange, Suite};
use std::ffi::c_int;

/// The suite behind `c` (NULL: an error entry and `None`).
///
/// # Safety
/// `c` is NULL or one of the library's `SSL_CIPHER` objects.
unsafe fn suite_of(c: *const SslCipher) -> Option<&'static Suite> {
    if c.is_null() {
        null_arg("c");
        return None;
    }
    // SAFETY: as the caller promises.
    suites::by_id(unsafe { tls12_SSL_CIPHER_get_protocol_id(c) })
}

/// `SSL_CIPHER_get_kx_nid`: `NID_kx_ecdhe` (1038), `NID_kx_dhe` (1039), `NID_kx_rsa`
/// (1037), `NID_kx_psk` (1043), `NID_kx_ecdhe_psk` (1040), `NID_kx_dhe_psk` (1041) or
/// `NID_kx_rsa_psk` (1042); `NID_undef` (0) for NULL.
///
/// # Safety
/// `c` is NULL or one of the library's `SSL_CIPHER` objects.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CIPHER_get_kx_nid(c: *const SslCipher) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        let suite = unsafe { suite_of(c) };
        suite.map_or(0, |s| match s.kx {
            KeyExchange::Rsa => 1037,
            KeyExchange::Ecdhe => 1038,
            KeyExchange::Dhe => 1039,
            KeyExchange::EcdhePsk => 1040,
            KeyExchange::DhePsk => 1041,
            KeyExchange::RsaPsk => 1042,
            KeyExchange::Psk => 1043,
        })
    })
}

/// `SSL_CIPHER_get_auth_nid`: `NID_auth_rsa` (1046, also for RSA-PSK suites, as in
/// OpenSSL), `NID_auth_ecdsa` (1047) or `NID_auth_psk` (1048); `NID_undef` (0) for NULL.
///
/// # Safety
/// `c` is NULL or one of the library's `SSL_CIPHER` objects.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CIPHER_get_auth_nid(c: *const SslCipher) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        let suite = unsafe { suite_of(c) };
        suite.map_or(0, |s| match s.auth {
            Authentication::Rsa => 1046,
            Authentication::Ecdsa => 1047,
            Authentication::Psk => 1048,
        })
    })
}

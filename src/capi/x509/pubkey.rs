//! A certificate's public key as encoded, for C: the `X509_PUBKEY` that
//! `X509_get_X509_PUBKEY` borrows and `i2d_X509_PUBKEY` encodes (what public key
//! pinning hashes).

use super::{cert_arg, i2d, X509};
use crate::capi::{guard, null_arg};
use std::ffi::{c_int, c_uchar};
use std::ptr;

/// An `X509_PUBKEY`: a certificate's subjectPublicKeyInfo (DER), owned by the `X509`.
pub struct X509Pubkey {
    spki: Vec<u8>,
}

impl X509Pubkey {
    /// The subjectPublicKeyInfo of the DER certificate `der`.
    pub(super) fn of_certificate(der: &[u8]) -> Result<X509Pubkey, crate::Error> {
        Ok(X509Pubkey { spki: crate::x509::parse_certificate(der)?.spki.to_vec() })
    }
}

/// `X509_get_X509_PUBKEY`: the certificate's public key, owned by the certificate
/// (valid while it lives; not to be freed), or NULL for NULL.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_get_X509_PUBKEY(x: *const X509) -> *mut X509Pubkey {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        unsafe { cert_arg(x) }.map_or(ptr::null_mut(), |c| ptr::from_ref(&c.pubkey).cast_mut())
    })
}

/// `i2d_X509_PUBKEY`: the DER subjectPublicKeyInfo of `a`, written as `i2d_X509`
/// writes a certificate (length only when `out` is NULL; a new buffer when `*out` is
/// NULL; else written at `*out`, which is advanced). Returns the length, or -1.
///
/// # Safety
/// `a` is NULL or from `X509_get_X509_PUBKEY` with its certificate alive; `out` as for
/// `i2d_X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_i2d_X509_PUBKEY(a: *const X509Pubkey, out: *mut *mut c_uchar) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(key) = (unsafe { a.as_ref() }) else {
            null_arg("a");
            return -1;
        };
        // SAFETY: as promised by the caller.
        unsafe { i2d(&key.spki, out, "public key") }
    })
}

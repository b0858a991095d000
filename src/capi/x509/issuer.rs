//! Whether one certificate issued another, for C: `X509_check_issued`, on the verifier's
//! own test (`verify::check_issued`).

use super::{cert_arg, X509};
use crate::capi::guard;
use crate::capi::verify_code::code_of;
use crate::verify;
use crate::verify_error::VerifyError;
use std::ffi::c_int;

/// `X509_check_issued`: `X509_V_OK` (0) when `issuer` may have issued `subject` (the
/// names link, the key identifiers agree, the signature algorithm fits the issuer's key
/// and its keyUsage, if any, allows certificate signing), else the `X509_V_ERR_*` code
/// that says why not. No signature is checked. NULL gives `X509_V_ERR_UNSPECIFIED`
/// with an error entry.
///
/// # Safety
/// `issuer` and `subject` are NULL or live `X509`s.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_check_issued(issuer: *const X509, subject: *const X509) -> c_int {
    let unspecified = code_of(VerifyError::UNSPECIFIED) as c_int;
    guard(unspecified, || {
        // SAFETY: as promised by the caller.
        let (Some(issuer), Some(subject)) = (unsafe { cert_arg(issuer) }, unsafe { cert_arg(subject) }) else {
            return unspecified;
        };
        verify::check_issued(issuer.der(), subject.der()).map_or(0, |error| code_of(error) as c_int)
    })
}

//! Checking the peer: certificate chains against trust anchors, host names, and the
//! signatures the peer makes with its certificate's key. Results use OpenSSL's
//! `X509_V_*` codes. HELPER-A: implement. Interface is fixed.

use crate::error::Error;
use crate::msgs::enums::{AlertDescription, SignatureScheme};
use rustls_pki_types::CertificateDer;

/// `X509_V_OK`.
pub const X509_V_OK: i64 = 0;

/// Trust anchors.
#[derive(Default)]
pub struct RootStore {}

/// Which end of the connection a chain belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A server certificate (client checking the server).
    ServerAuth,
    /// A client certificate (server checking the client).
    ClientAuth,
}

/// The outcome of checking a chain, as `SSL_get_verify_result` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyResult {
    /// An `X509_V_*` code.
    pub code: i64,
    /// The depth in the chain the failure is about (0 = the leaf).
    pub depth: u32,
}

impl VerifyResult {
    /// Success.
    pub const OK: VerifyResult = VerifyResult { code: X509_V_OK, depth: 0 };
    /// The alert a peer gets when this result aborts the handshake.
    pub fn alert(&self) -> AlertDescription {
        todo!()
    }
}

/// Checks `chain` (leaf first) against `roots` for `purpose`, and the leaf against `host`.
pub fn verify_chain(
    _roots: &RootStore,
    _chain: &[CertificateDer<'static>],
    _purpose: Purpose,
    _host: Option<&str>,
    _max_depth: u32,
) -> VerifyResult {
    todo!()
}

/// Checks a signature made with the public key in `cert`.
pub fn verify_signature(
    _cert: &CertificateDer<'_>,
    _scheme: SignatureScheme,
    _message: &[u8],
    _signature: &[u8],
) -> Result<(), Error> {
    todo!()
}

/// OpenSSL's text for an `X509_V_*` code (`X509_verify_cert_error_string`).
pub fn verify_error_string(_code: i64) -> &'static str {
    todo!()
}

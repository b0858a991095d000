//! Certificates and private keys from PEM files, PEM in memory, and DER.
//! HELPER-A: implement. Interface is fixed.

use crate::crypto::sign::SigningKey;
use crate::error::Error;
use rustls_pki_types::CertificateDer;
use std::path::Path;

/// A certificate chain (leaf first) and the private key of its leaf.
pub struct CertifiedKey {
    /// Leaf first, then intermediates.
    pub chain: Vec<CertificateDer<'static>>,
    /// The leaf's private key.
    pub key: SigningKey,
}

/// Reads every certificate in PEM text.
pub fn certs_from_pem(_pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    todo!()
}

/// Reads every certificate in a PEM file.
pub fn certs_from_pem_file(_path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    todo!()
}

/// Reads the first private key in PEM text.
pub fn key_from_pem(_pem: &[u8]) -> Result<SigningKey, Error> {
    todo!()
}

/// Whether `key` is the private half of the public key in `cert`.
pub fn key_matches_cert(_key: &SigningKey, _cert: &CertificateDer<'_>) -> bool {
    todo!()
}

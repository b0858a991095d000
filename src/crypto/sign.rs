//! Our private keys and the signatures they make (ServerKeyExchange, CertificateVerify).
//! HELPER-A: implement with ring (RsaKeyPair / EcdsaKeyPair). Interface is fixed.

use crate::error::Error;
use crate::msgs::enums::{NamedGroup, SignatureScheme};
use rustls_pki_types::PrivateKeyDer;

/// The schemes this library can sign and verify, in the order it prefers them.
pub static SUPPORTED_SCHEMES: &[SignatureScheme] = &[
    SignatureScheme::EcdsaSecp256r1Sha256,
    SignatureScheme::EcdsaSecp384r1Sha384,
    SignatureScheme::RsaPssRsaeSha256,
    SignatureScheme::RsaPssRsaeSha384,
    SignatureScheme::RsaPssRsaeSha512,
    SignatureScheme::RsaPkcs1Sha256,
    SignatureScheme::RsaPkcs1Sha384,
    SignatureScheme::RsaPkcs1Sha512,
];

/// What kind of key this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with a modulus of `bits` bits.
    Rsa {
        /// Modulus size.
        bits: usize,
    },
    /// ECDSA on the given curve.
    Ecdsa(NamedGroup),
}

/// A private key that signs handshake messages.
pub struct SigningKey {}

impl SigningKey {
    /// Loads a key from DER (RSA PKCS#1 or PKCS#8, EC SEC1 or PKCS#8).
    pub fn from_der(_der: &PrivateKeyDer<'_>) -> Result<SigningKey, Error> {
        todo!()
    }
    /// The key's type and size.
    pub fn kind(&self) -> KeyKind {
        todo!()
    }
    /// Whether this key can make signatures with `scheme`.
    pub fn can_sign(&self, _scheme: SignatureScheme) -> bool {
        todo!()
    }
    /// Signs `message` (which is hashed as the scheme says).
    pub fn sign(&self, _scheme: SignatureScheme, _message: &[u8]) -> Result<Vec<u8>, Error> {
        todo!()
    }
}

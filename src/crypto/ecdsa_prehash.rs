//! ECDSA on P-256 and P-384 with any hash a TLS 1.2 signature scheme names. TLS 1.2
//! does not tie the hash to the curve (RFC 8422 5.1.1), and ring signs and verifies only
//! P-256 with SHA-256 and P-384 with SHA-384 (and verifies the two crossed pairs). The
//! other pairs (SHA-1, SHA-224 and SHA-512 on either curve, SHA-384 on P-256, SHA-256 on
//! P-384) go through here: we hash, and RustCrypto's ECDSA signs or verifies the digest.
//!
//! The digest becomes the integer e of FIPS 186-5 6.4.1 (SEC 1 4.1.3 step 5): its
//! leftmost bits, as many as the order has. Both orders are whole bytes (256 and 384
//! bits), so that is the digest cut to the field size when longer, and the digest as it
//! is, left-padded with zero bytes to the field size, when shorter; OpenSSL reads the
//! same integer (it converts the whole digest and shifts only when it is longer).

use crate::crypto::hash::SignatureHash;
use crate::error::Error;
use crate::msgs::enums::NamedGroup;
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};

/// An ECDSA private key that signs prehashed messages; its scalar is wiped when dropped.
pub enum EcdsaPrehashKey {
    /// A P-256 key.
    P256(p256::ecdsa::SigningKey),
    /// A P-384 key.
    P384(p384::ecdsa::SigningKey),
}

impl EcdsaPrehashKey {
    /// The key with private scalar `scalar` (big-endian, the field size) on `group`;
    /// `None` for another curve or a scalar that is zero or not below the order.
    pub fn new(group: NamedGroup, scalar: &[u8]) -> Option<EcdsaPrehashKey> {
        match group {
            NamedGroup::Secp256r1 => p256::ecdsa::SigningKey::from_slice(scalar).ok().map(EcdsaPrehashKey::P256),
            NamedGroup::Secp384r1 => p384::ecdsa::SigningKey::from_slice(scalar).ok().map(EcdsaPrehashKey::P384),
            _ => None,
        }
    }

    /// An ASN.1 DER ECDSA-Sig-Value over `message` hashed with `hash`. The nonce is
    /// derived from the key and the digest (RFC 6979), so it needs no random generator.
    pub fn sign(&self, hash: SignatureHash, message: &[u8]) -> Result<Vec<u8>, Error> {
        let digest = hash.digest(message);
        let failed = |e: p256::ecdsa::Error| Error::internal(format!("ECDSA signing failed: {e}"));
        match self {
            EcdsaPrehashKey::P256(key) => {
                let signature: p256::ecdsa::DerSignature =
                    key.sign_prehash(&field_integer(&digest, 32)).map_err(failed)?;
                Ok(signature.as_bytes().to_vec())
            }
            EcdsaPrehashKey::P384(key) => {
                let signature: p384::ecdsa::DerSignature =
                    key.sign_prehash(&field_integer(&digest, 48)).map_err(failed)?;
                Ok(signature.as_bytes().to_vec())
            }
        }
    }
}

/// Whether `signature` (ASN.1 DER) is a valid ECDSA signature over `message` hashed with
/// `hash`, by the public key `point` (a SEC1 point, as a certificate carries it) on
/// `group`. `None` when the group is not P-256 or P-384 or the point is not on it.
pub fn verify(group: NamedGroup, point: &[u8], hash: SignatureHash, message: &[u8], signature: &[u8]) -> Option<bool> {
    let digest = hash.digest(message);
    match group {
        NamedGroup::Secp256r1 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?;
            let Ok(signature) = p256::ecdsa::DerSignature::try_from(signature) else { return Some(false) };
            Some(key.verify_prehash(&field_integer(&digest, 32), &signature).is_ok())
        }
        NamedGroup::Secp384r1 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?;
            let Ok(signature) = p384::ecdsa::DerSignature::try_from(signature) else { return Some(false) };
            Some(key.verify_prehash(&field_integer(&digest, 48), &signature).is_ok())
        }
        _ => None,
    }
}

/// The digest as the `field_len`-byte big-endian integer that ECDSA signs: its first
/// `field_len` bytes when longer, left-padded with zeros when shorter (see the module
/// documentation for why this is the standard's, and OpenSSL's, integer).
fn field_integer(digest: &[u8], field_len: usize) -> Vec<u8> {
    let kept = &digest[..digest.len().min(field_len)];
    let mut integer = vec![0u8; field_len - kept.len()];
    integer.extend_from_slice(kept);
    integer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_become_field_sized_integers_of_the_same_value() {
        let sha1 = [0xabu8; 20];
        let padded = field_integer(&sha1, 32);
        assert_eq!(padded.len(), 32);
        assert_eq!(&padded[..12], &[0u8; 12]);
        assert_eq!(&padded[12..], &sha1);
        let sha512: Vec<u8> = (0u8..64).collect();
        assert_eq!(field_integer(&sha512, 48), sha512[..48]);
        assert_eq!(field_integer(&sha512[..48], 48), sha512[..48]);
    }
}

//! Hash functions used by the handshake (transcript hashes, PRF) and the hashes that
//! signature schemes name.

use super::algorithms::PrfHash;

impl PrfHash {
    /// ring's digest algorithm for this hash.
    pub(crate) fn digest_algorithm(self) -> &'static ring::digest::Algorithm {
        match self {
            PrfHash::Sha256 => &ring::digest::SHA256,
            PrfHash::Sha384 => &ring::digest::SHA384,
        }
    }

    /// ring's HMAC algorithm for this hash.
    pub(crate) fn hmac_algorithm(self) -> ring::hmac::Algorithm {
        match self {
            PrfHash::Sha256 => ring::hmac::HMAC_SHA256,
            PrfHash::Sha384 => ring::hmac::HMAC_SHA384,
        }
    }

    /// Hashes `data` in one go.
    pub fn hash(self, data: &[u8]) -> Vec<u8> {
        ring::digest::digest(self.digest_algorithm(), data).as_ref().to_vec()
    }
}

/// The hash a TLS 1.2 signature scheme names (RFC 5246 7.4.1.4.1: `HashAlgorithm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureHash {
    /// SHA-1 (RFC 5246's default without signature_algorithms).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl SignatureHash {
    /// The digest of `message`.
    pub fn digest(self, message: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            SignatureHash::Sha1 => sha1::Sha1::digest(message).to_vec(),
            SignatureHash::Sha224 => sha2::Sha224::digest(message).to_vec(),
            SignatureHash::Sha256 => sha2::Sha256::digest(message).to_vec(),
            SignatureHash::Sha384 => sha2::Sha384::digest(message).to_vec(),
            SignatureHash::Sha512 => sha2::Sha512::digest(message).to_vec(),
        }
    }

    /// Bits of security as OpenSSL 3.0 rates the hash for security levels: half the
    /// digest size, except SHA-1, rated below level 1 (64) as a broken hash.
    pub fn security_bits(self) -> u32 {
        match self {
            SignatureHash::Sha1 => 64,
            SignatureHash::Sha224 => 112,
            SignatureHash::Sha256 => 128,
            SignatureHash::Sha384 => 192,
            SignatureHash::Sha512 => 256,
        }
    }
}

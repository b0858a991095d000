//! Hash functions used by the handshake (transcript hashes, PRF).

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

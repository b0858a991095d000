//! The symmetric algorithms a cipher suite names: the record protection, the record
//! MAC of CBC suites and the PRF hash, with the sizes the key schedule needs. The suite
//! table (`suites`) picks among them; the crypto code implements them.

/// The record protection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkCipher {
    /// AES-128 in GCM mode (RFC 5288).
    Aes128Gcm,
    /// AES-256 in GCM mode (RFC 5288).
    Aes256Gcm,
    /// ChaCha20-Poly1305 (RFC 7905).
    Chacha20Poly1305,
    /// AES-128 in CBC mode with an HMAC (RFC 5246 6.2.3.2).
    Aes128Cbc,
    /// AES-256 in CBC mode with an HMAC (RFC 5246 6.2.3.2).
    Aes256Cbc,
}

impl BulkCipher {
    /// Length of the encryption key.
    pub fn key_len(self) -> usize {
        match self {
            BulkCipher::Aes128Gcm | BulkCipher::Aes128Cbc => 16,
            BulkCipher::Aes256Gcm | BulkCipher::Aes256Cbc | BulkCipher::Chacha20Poly1305 => 32,
        }
    }

    /// Length of the implicit (fixed) part of the nonce taken from the key block.
    pub fn fixed_iv_len(self) -> usize {
        match self {
            BulkCipher::Aes128Gcm | BulkCipher::Aes256Gcm => 4,
            BulkCipher::Chacha20Poly1305 => 12,
            // TLS 1.2 CBC records carry their whole IV.
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => 0,
        }
    }

    /// Length of the explicit nonce carried in each record.
    pub fn explicit_nonce_len(self) -> usize {
        match self {
            BulkCipher::Aes128Gcm | BulkCipher::Aes256Gcm => 8,
            BulkCipher::Chacha20Poly1305 => 0,
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => 16,
        }
    }

    /// Length of the authentication tag.
    pub fn tag_len(self) -> usize {
        16
    }
}

/// The record MAC of a CBC suite (AEAD suites have none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mac {
    /// No separate MAC: the AEAD authenticates.
    Aead,
    /// HMAC-SHA1.
    HmacSha1,
    /// HMAC-SHA256.
    HmacSha256,
    /// HMAC-SHA384.
    HmacSha384,
}

impl Mac {
    /// Length of the MAC key and of the MAC value.
    pub fn key_len(self) -> usize {
        match self {
            Mac::Aead => 0,
            Mac::HmacSha1 => 20,
            Mac::HmacSha256 => 32,
            Mac::HmacSha384 => 48,
        }
    }
}

/// The hash that drives the PRF (and the Finished computation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrfHash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
}

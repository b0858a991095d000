//! Record protection: an AEAD key or a CBC + HMAC key, behind one interface.

use crate::crypto::aead::RecordKey;
use crate::crypto::cbc::CbcKey;
use crate::error::Error;
use std::ops::Range;

/// One direction's record protection.
pub enum Protection {
    /// AES-GCM or ChaCha20-Poly1305.
    Aead(RecordKey),
    /// AES-CBC with HMAC, MAC-then-encrypt or encrypt-then-MAC.
    Cbc(CbcKey),
}

impl Protection {
    /// Bytes reserved in front of the plaintext (explicit nonce or IV).
    pub fn prefix_len(&self) -> usize {
        match self {
            Protection::Aead(key) => key.explicit_nonce_len(),
            Protection::Cbc(_) => 16,
        }
    }

    /// The most bytes protection adds to a record.
    pub fn max_overhead(&self) -> usize {
        match self {
            Protection::Aead(key) => key.overhead(),
            Protection::Cbc(key) => key.max_overhead(),
        }
    }

    /// Protects the plaintext at `out[start + prefix_len()..]`; `out[start..]` becomes
    /// the record payload.
    pub fn seal(&self, seq: u64, content_type: u8, version: u16, out: &mut Vec<u8>, start: usize) -> Result<(), Error> {
        match self {
            Protection::Aead(key) => key.seal(seq, content_type, version, out, start),
            Protection::Cbc(key) => key.seal(seq, content_type, version, out, start),
        }
    }

    /// Checks and decrypts a record payload in place; returns the plaintext's range.
    pub fn open(&self, seq: u64, content_type: u8, version: u16, payload: &mut [u8]) -> Result<Range<usize>, Error> {
        match self {
            Protection::Aead(key) => key.open(seq, content_type, version, payload),
            Protection::Cbc(key) => key.open(seq, content_type, version, payload),
        }
    }
}

//! The only code that calls ring (or any other crypto crate). Small types: record AEAD
//! keys, ephemeral key exchange, hashes, the TLS 1.2 PRF, signing keys and randomness.

pub mod aead;
pub mod algorithms;
pub(crate) mod block_cipher;
pub mod cbc;
pub mod dh;
pub(crate) mod digest;
pub mod ecdsa_prehash;
pub mod hash;
pub(crate) mod hmac;
pub mod kx;
pub mod pbe;
pub mod prf;
pub mod rsa_kx;
pub(crate) mod seed_file;
pub mod sign;

use crate::error::Error;
use ring::rand::{SecureRandom, SystemRandom};

/// Fills `buf` with random bytes from the operating system.
pub fn fill_random(buf: &mut [u8]) -> Result<(), Error> {
    SystemRandom::new().fill(buf).map_err(|_| Error::internal("the operating system's random number generator failed"))
}

/// Compares two byte strings in constant time (for Finished and MAC values).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Decodes a string of hex digits (either case); `None` for anything else or an odd
/// number of digits.
pub(crate) fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.as_bytes().chunks(2).map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()).collect()
}

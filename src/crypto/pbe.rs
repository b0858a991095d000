//! Private keys encrypted under a password, as OpenSSL writes them:
//! - PKCS#8 `ENCRYPTED PRIVATE KEY` with PBES2 (RFC 8018 6.2): PBKDF2 with HMAC-SHA-1,
//!   SHA-256, SHA-384 or SHA-512, then AES-128, AES-192 or AES-256 in CBC mode (what
//!   `openssl genpkey -aes256`, `openssl pkcs8 -topk8 -v2 aes-256-cbc` and OpenSSL 3's
//!   `openssl rsa -aes256` write);
//! - the older PEM encryption (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-256-CBC,<iv>`,
//!   written with `-traditional`), whose key is OpenSSL's `EVP_BytesToKey` with MD5 over
//!   the password and the first 8 bytes of the IV.
//!
//! The padding check after decryption is the usual PKCS#7 one: these are local files,
//! not a peer's records, so a wrong password may be told apart from damaged data.

use super::cbc::cbc_decrypt;
use super::from_hex;
use crate::error::{Error, Reason};
use crate::x509::der::{self, Reader, OCTET_STRING, OID, SEQUENCE};
use md5::{Digest, Md5};
use std::num::NonZeroU32;
use zeroize::Zeroizing;

/// OID content bytes of `id-PBES2` (1.2.840.113549.1.5.13).
const OID_PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
/// OID content bytes of `id-PBKDF2` (1.2.840.113549.1.5.12).
const OID_PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
/// OID content bytes of `id-scrypt` (1.3.6.1.4.1.11591.4.11), named in the error only.
const OID_SCRYPT: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b];
/// The PBKDF2 pseudo-random functions, by the last byte of their OID
/// 1.2.840.113549.2.n: hmacWithSHA1 (7), hmacWithSHA256 (9), SHA384 (10), SHA512 (11).
const OID_HMAC_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02];
/// The AES-CBC encryption schemes, by the last byte of their OID 2.16.840.1.101.3.4.1.n:
/// aes128-CBC (2), aes192-CBC (22), aes256-CBC (42).
const OID_AES_PREFIX: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01];
/// The most PBKDF2 iterations accepted (OpenSSL writes 2048; a damaged or hostile file
/// must not keep a program busy for minutes).
const MAX_ITERATIONS: u32 = 10_000_000;

/// Which AES.
#[derive(Clone, Copy)]
enum Aes {
    Aes128,
    Aes192,
    Aes256,
}

impl Aes {
    /// The key length in bytes.
    fn key_len(self) -> usize {
        match self {
            Aes::Aes128 => 16,
            Aes::Aes192 => 24,
            Aes::Aes256 => 32,
        }
    }

    /// Decrypts `data` (CBC under `key` and `iv`) and removes the PKCS#7 padding.
    fn decrypt(self, key: &[u8], iv: [u8; 16], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        use aes::cipher::KeyInit;
        if data.is_empty() || !data.len().is_multiple_of(16) {
            return Err(bad_decrypt());
        }
        let mut plain = Zeroizing::new(data.to_vec());
        let wrong_key = |_| Error::internal("an AES key of the wrong length");
        match self {
            Aes::Aes128 => cbc_decrypt(&aes::Aes128::new_from_slice(key).map_err(wrong_key)?, iv, &mut plain),
            Aes::Aes192 => cbc_decrypt(&aes::Aes192::new_from_slice(key).map_err(wrong_key)?, iv, &mut plain),
            Aes::Aes256 => cbc_decrypt(&aes::Aes256::new_from_slice(key).map_err(wrong_key)?, iv, &mut plain),
        }
        let pad = usize::from(plain[plain.len() - 1]);
        if pad == 0 || pad > 16 || plain[plain.len() - pad..].iter().any(|&b| usize::from(b) != pad) {
            return Err(bad_decrypt());
        }
        let len = plain.len() - pad;
        plain.truncate(len);
        Ok(plain)
    }
}

/// The error for a wrong password (or damaged data: they cannot be told apart).
#[track_caller]
fn bad_decrypt() -> Error {
    Error::local(Reason::BAD_DECRYPT, "the password is wrong or the key is damaged")
}

/// The error for an encrypted key this module cannot read.
#[track_caller]
fn unsupported(what: &str) -> Error {
    Error::local(
        Reason::NOT_SUPPORTED,
        format!("the private key is encrypted with {what}, which is not supported (PBES2 with PBKDF2 and AES-CBC is: openssl pkcs8 -topk8 -v2 aes-256-cbc converts it)"),
    )
}

/// The error for a malformed `EncryptedPrivateKeyInfo`.
#[track_caller]
fn malformed(what: &str) -> Error {
    Error::local(Reason::BAD_DATA, format!("the encrypted private key is malformed: {what}"))
}

/// Decrypts a PKCS#8 `EncryptedPrivateKeyInfo` (the DER of an `ENCRYPTED PRIVATE KEY`
/// PEM block) with `password`, giving the DER of the plain `PrivateKeyInfo`.
pub fn decrypt_pkcs8(der: &[u8], password: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut info = Reader::new(der::single(der, SEQUENCE).ok_or_else(|| malformed("not a DER SEQUENCE"))?);
    let mut algorithm = Reader::new(info.read(SEQUENCE).ok_or_else(|| malformed("no encryption algorithm"))?);
    let encrypted = info.read(OCTET_STRING).ok_or_else(|| malformed("no encrypted data"))?;
    let scheme = algorithm.read(OID).ok_or_else(|| malformed("no algorithm identifier"))?;
    if scheme != OID_PBES2 {
        return Err(unsupported("PBES1 or a PKCS#12 scheme (openssl -v1 or an old default)"));
    }
    let mut params = Reader::new(algorithm.read(SEQUENCE).ok_or_else(|| malformed("no PBES2 parameters"))?);
    let mut kdf = Reader::new(params.read(SEQUENCE).ok_or_else(|| malformed("no key derivation function"))?);
    let mut cipher = Reader::new(params.read(SEQUENCE).ok_or_else(|| malformed("no encryption scheme"))?);
    match kdf.read(OID) {
        Some(OID_PBKDF2) => {}
        Some(OID_SCRYPT) => return Err(unsupported("scrypt")),
        _ => return Err(unsupported("a key derivation function other than PBKDF2")),
    }
    let mut pbkdf2 = Reader::new(kdf.read(SEQUENCE).ok_or_else(|| malformed("no PBKDF2 parameters"))?);
    let salt = pbkdf2.read(OCTET_STRING).ok_or_else(|| malformed("no PBKDF2 salt"))?;
    let iterations =
        pbkdf2.read(der::INTEGER).and_then(small_unsigned).ok_or_else(|| malformed("bad PBKDF2 iteration count"))?;
    let key_len = pbkdf2
        .optional(der::INTEGER)
        .map(|n| small_unsigned(n).ok_or_else(|| malformed("bad PBKDF2 key length")))
        .transpose()?;
    let prf = match pbkdf2.optional(SEQUENCE) {
        None => ring::pbkdf2::PBKDF2_HMAC_SHA1,
        Some(prf) => match Reader::new(prf).read(OID).and_then(|oid| oid.strip_prefix(OID_HMAC_PREFIX)) {
            Some([7]) => ring::pbkdf2::PBKDF2_HMAC_SHA1,
            Some([9]) => ring::pbkdf2::PBKDF2_HMAC_SHA256,
            Some([10]) => ring::pbkdf2::PBKDF2_HMAC_SHA384,
            Some([11]) => ring::pbkdf2::PBKDF2_HMAC_SHA512,
            _ => return Err(unsupported("a PBKDF2 hash other than SHA-1, SHA-256, SHA-384 or SHA-512")),
        },
    };
    let aes = match cipher.read(OID).and_then(|oid| oid.strip_prefix(OID_AES_PREFIX)) {
        Some([2]) => Aes::Aes128,
        Some([22]) => Aes::Aes192,
        Some([42]) => Aes::Aes256,
        _ => return Err(unsupported("a cipher other than AES-CBC")),
    };
    let iv: [u8; 16] =
        cipher.read(OCTET_STRING).and_then(|iv| iv.try_into().ok()).ok_or_else(|| malformed("bad AES IV"))?;
    if key_len.is_some_and(|len| len as usize != aes.key_len()) {
        return Err(malformed("the PBKDF2 key length does not fit the cipher"));
    }
    let iterations = NonZeroU32::new(iterations)
        .filter(|n| n.get() <= MAX_ITERATIONS)
        .ok_or_else(|| malformed("the PBKDF2 iteration count is 0 or over 10,000,000"))?;
    let mut key = Zeroizing::new(vec![0; aes.key_len()]);
    ring::pbkdf2::derive(prf, iterations, salt, password, &mut key);
    aes.decrypt(&key, iv, encrypted)
}

/// The value of a DER INTEGER's contents that fits in a `u32` and is not negative.
fn small_unsigned(content: &[u8]) -> Option<u32> {
    if content.is_empty() || content[0] & 0x80 != 0 || content.len() > 5 {
        return None;
    }
    content.iter().try_fold(0u32, |acc, &b| acc.checked_mul(256)?.checked_add(u32::from(b)))
}

/// Decrypts the contents of a PEM block with OpenSSL's older encryption, given its
/// `DEK-Info` header (`AES-256-CBC,<hex IV>`), giving the DER of the key.
pub fn decrypt_pem(dek_info: &str, data: &[u8], password: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (cipher, iv_hex) = dek_info.split_once(',').ok_or_else(|| malformed("the DEK-Info header has no IV"))?;
    let aes = match cipher.trim().to_ascii_uppercase().as_str() {
        "AES-128-CBC" => Aes::Aes128,
        "AES-192-CBC" => Aes::Aes192,
        "AES-256-CBC" => Aes::Aes256,
        other => return Err(unsupported(other)),
    };
    let iv: [u8; 16] = from_hex(iv_hex.trim())
        .and_then(|iv| iv.try_into().ok())
        .ok_or_else(|| malformed("the DEK-Info IV is not 16 bytes of hex"))?;
    let key = bytes_to_key(password, &iv[..8], aes.key_len());
    aes.decrypt(&key, iv, data)
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one iteration: D1 = MD5(password || salt),
/// Dn = MD5(Dn-1 || password || salt), concatenated to `len` bytes.
fn bytes_to_key(password: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut previous: Option<Zeroizing<[u8; 16]>> = None;
    while key.len() < len {
        let mut md5 = Md5::new();
        if let Some(previous) = &previous {
            md5.update(previous.as_slice());
        }
        md5.update(password);
        md5.update(salt);
        let digest = Zeroizing::new(<[u8; 16]>::from(md5.finalize()));
        key.extend_from_slice(digest.as_slice());
        previous = Some(digest);
    }
    key.truncate(len);
    key
}

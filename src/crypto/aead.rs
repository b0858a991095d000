//! Record protection with AEAD ciphers (RFC 5246 6.2.3.3, RFC 5288, RFC 7905).
//!
//! AES-GCM: the nonce is the 4-byte implicit salt followed by an 8-byte explicit part that
//! travels in each record; we use the sequence number as the explicit part.
//! ChaCha20-Poly1305: the 12-byte IV XORed with the padded sequence number; nothing explicit.
//! The additional data is seq_num + type + version + plaintext length.

use super::algorithms::BulkCipher;
use crate::error::Error;
use ring::aead;
use zeroize::Zeroize;

/// One direction's record key.
pub struct RecordKey {
    cipher: BulkCipher,
    key: aead::LessSafeKey,
    iv: [u8; 12],
}

impl Drop for RecordKey {
    fn drop(&mut self) {
        self.iv.zeroize();
    }
}

fn additional_data(seq: u64, content_type: u8, version: u16, len: usize) -> aead::Aad<[u8; 13]> {
    let mut ad = [0u8; 13];
    ad[..8].copy_from_slice(&seq.to_be_bytes());
    ad[8] = content_type;
    ad[9..11].copy_from_slice(&version.to_be_bytes());
    ad[11..].copy_from_slice(&(len as u16).to_be_bytes());
    aead::Aad::from(ad)
}

impl RecordKey {
    /// Builds a key from the key block parts: the write key and the write IV.
    pub fn new(cipher: BulkCipher, key: &[u8], iv: &[u8]) -> Result<RecordKey, Error> {
        let alg = match cipher {
            BulkCipher::Aes128Gcm => &aead::AES_128_GCM,
            BulkCipher::Aes256Gcm => &aead::AES_256_GCM,
            BulkCipher::Chacha20Poly1305 => &aead::CHACHA20_POLY1305,
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => {
                return Err(Error::internal("a CBC cipher is not an AEAD"))
            }
        };
        let unbound = aead::UnboundKey::new(alg, key).map_err(|_| Error::internal("bad record key length"))?;
        let mut full_iv = [0u8; 12];
        full_iv[..iv.len()].copy_from_slice(iv);
        Ok(RecordKey { cipher, key: aead::LessSafeKey::new(unbound), iv: full_iv })
    }

    fn nonce(&self, seq: u64) -> aead::Nonce {
        let mut nonce = self.iv;
        match self.cipher {
            BulkCipher::Aes128Gcm | BulkCipher::Aes256Gcm => nonce[4..].copy_from_slice(&seq.to_be_bytes()),
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => {}
            BulkCipher::Chacha20Poly1305 => {
                for (n, s) in nonce[4..].iter_mut().zip(seq.to_be_bytes()) {
                    *n ^= s;
                }
            }
        }
        aead::Nonce::assume_unique_for_key(nonce)
    }

    /// Length of the explicit nonce each record carries.
    pub fn explicit_nonce_len(&self) -> usize {
        self.cipher.explicit_nonce_len()
    }

    /// How many bytes protection adds to a record's payload.
    pub fn overhead(&self) -> usize {
        self.cipher.explicit_nonce_len() + self.cipher.tag_len()
    }

    /// Encrypts the payload that `out[start..]` holds (appended by the caller after
    /// `explicit_nonce_len` reserved bytes), appending the tag.
    /// Layout on entry: `out[start..start + explicit]` reserved, then the plaintext.
    pub fn seal(&self, seq: u64, content_type: u8, version: u16, out: &mut Vec<u8>, start: usize) -> Result<(), Error> {
        let explicit = self.cipher.explicit_nonce_len();
        let plain_len = out.len() - start - explicit;
        if explicit > 0 {
            out[start..start + explicit].copy_from_slice(&seq.to_be_bytes());
        }
        let tag = self
            .key
            .seal_in_place_separate_tag(
                self.nonce(seq),
                additional_data(seq, content_type, version, plain_len),
                &mut out[start + explicit..],
            )
            .map_err(|_| Error::internal("encryption failed"))?;
        out.extend_from_slice(tag.as_ref());
        Ok(())
    }

    /// Decrypts a record payload in place; returns the range of the plaintext inside it.
    /// Any failure is `bad_record_mac`.
    pub fn open(
        &self,
        seq: u64,
        content_type: u8,
        version: u16,
        payload: &mut [u8],
    ) -> Result<std::ops::Range<usize>, Error> {
        let explicit = self.cipher.explicit_nonce_len();
        let bad = Error::bad_record_mac;
        if payload.len() < explicit + self.cipher.tag_len() {
            return Err(bad());
        }
        let plain_len = payload.len() - explicit - self.cipher.tag_len();
        let nonce = if explicit > 0 {
            let mut nonce = self.iv;
            nonce[4..].copy_from_slice(&payload[..explicit]);
            aead::Nonce::assume_unique_for_key(nonce)
        } else {
            self.nonce(seq)
        };
        self.key
            .open_in_place(nonce, additional_data(seq, content_type, version, plain_len), &mut payload[explicit..])
            .map_err(|_| bad())?;
        Ok(explicit..explicit + plain_len)
    }
}

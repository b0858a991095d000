//! The block ciphers of the libcrypto API (`EVP_CIPHER`): AES in CBC mode with
//! PKCS#7 padding, run as a stream (`EVP_CipherUpdate` takes any length and gives out
//! whole blocks), set up in stages as `EVP_CipherInit_ex` allows.

use crate::error::{Error, Reason};
use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use subtle::{Choice, ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess};
use zeroize::Zeroize;

/// The AES block size, which is also the IV length in CBC mode.
pub(crate) const BLOCK: usize = 16;

/// A cipher that `EVP_CIPHER` can name: AES in CBC mode, by key size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CipherAlgorithm {
    /// AES-128 in CBC mode.
    Aes128,
    /// AES-192 in CBC mode.
    Aes192,
    /// AES-256 in CBC mode.
    Aes256,
}

/// Every cipher, in the order of [`CipherAlgorithm::index`].
pub(crate) const ALL_CIPHERS: [CipherAlgorithm; 3] =
    [CipherAlgorithm::Aes128, CipherAlgorithm::Aes192, CipherAlgorithm::Aes256];

impl CipherAlgorithm {
    /// The position of the cipher in [`ALL_CIPHERS`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// OpenSSL's NID for the cipher.
    pub(crate) fn nid(self) -> i32 {
        match self {
            CipherAlgorithm::Aes128 => 419,
            CipherAlgorithm::Aes192 => 423,
            CipherAlgorithm::Aes256 => 427,
        }
    }

    /// OpenSSL's name for the cipher (`EVP_CIPHER_get0_name`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            CipherAlgorithm::Aes128 => "AES-128-CBC",
            CipherAlgorithm::Aes192 => "AES-192-CBC",
            CipherAlgorithm::Aes256 => "AES-256-CBC",
        }
    }

    /// The cipher called `name` (OpenSSL's name in any case, or the `AES128` style
    /// alias OpenSSL also accepts for CBC).
    pub(crate) fn from_name(name: &str) -> Option<CipherAlgorithm> {
        let alias = |alg: CipherAlgorithm| format!("AES{}", alg.key_len() * 8);
        ALL_CIPHERS
            .into_iter()
            .find(|&alg| alg.name().eq_ignore_ascii_case(name) || alias(alg).eq_ignore_ascii_case(name))
    }

    /// The cipher whose NID is `nid`.
    pub(crate) fn from_nid(nid: i32) -> Option<CipherAlgorithm> {
        ALL_CIPHERS.into_iter().find(|alg| alg.nid() == nid)
    }

    /// Bytes in a key.
    pub(crate) fn key_len(self) -> usize {
        match self {
            CipherAlgorithm::Aes128 => 16,
            CipherAlgorithm::Aes192 => 24,
            CipherAlgorithm::Aes256 => 32,
        }
    }

    /// Bytes in an IV.
    pub(crate) fn iv_len(self) -> usize {
        BLOCK
    }

    /// Bytes in a block.
    pub(crate) fn block_len(self) -> usize {
        BLOCK
    }

    /// OpenSSL's mode number (`EVP_CIPH_CBC_MODE`).
    pub(crate) fn mode(self) -> u64 {
        2
    }

    /// The block cipher keyed with `key` ([`CipherAlgorithm::key_len`] bytes).
    fn keyed(self, key: &[u8]) -> Result<AesKey, Error> {
        let wrong = |_| Error::local(Reason::BAD_VALUE, format!("{} needs a {}-byte key", self.name(), self.key_len()));
        Ok(match self {
            CipherAlgorithm::Aes128 => AesKey::Aes128(aes::Aes128::new_from_slice(key).map_err(wrong)?),
            CipherAlgorithm::Aes192 => AesKey::Aes192(aes::Aes192::new_from_slice(key).map_err(wrong)?),
            CipherAlgorithm::Aes256 => AesKey::Aes256(aes::Aes256::new_from_slice(key).map_err(wrong)?),
        })
    }
}

/// An AES key schedule (zeroized on drop by the aes crate).
#[derive(Clone)]
enum AesKey {
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
}

impl AesKey {
    /// Encrypts one block in place.
    fn encrypt(&self, block: &mut [u8; BLOCK]) {
        let b: &mut aes::Block = block.into();
        match self {
            AesKey::Aes128(k) => k.encrypt_block(b),
            AesKey::Aes192(k) => k.encrypt_block(b),
            AesKey::Aes256(k) => k.encrypt_block(b),
        }
    }

    /// Decrypts one block in place.
    fn decrypt(&self, block: &mut [u8; BLOCK]) {
        let b: &mut aes::Block = block.into();
        match self {
            AesKey::Aes128(k) => k.decrypt_block(b),
            AesKey::Aes192(k) => k.decrypt_block(b),
            AesKey::Aes256(k) => k.decrypt_block(b),
        }
    }
}

/// A cipher operation in progress (`EVP_CIPHER_CTX`).
#[derive(Clone)]
pub(crate) struct CipherCtx {
    cipher: Option<CipherAlgorithm>,
    key: Option<AesKey>,
    /// The chaining value: the IV, then the last ciphertext block.
    chain: [u8; BLOCK],
    encrypting: bool,
    padding: bool,
    /// Input not yet making a whole block.
    partial: [u8; BLOCK],
    partial_len: usize,
    /// Decrypting with padding: the last whole plaintext block, held back until more
    /// data shows it is not the padded one.
    held: Option<[u8; BLOCK]>,
}

impl Drop for CipherCtx {
    fn drop(&mut self) {
        self.chain.zeroize();
        self.partial.zeroize();
        self.held.zeroize();
    }
}

impl Default for CipherCtx {
    fn default() -> Self {
        CipherCtx {
            cipher: None,
            key: None,
            chain: [0; BLOCK],
            encrypting: true,
            padding: true,
            partial: [0; BLOCK],
            partial_len: 0,
            held: None,
        }
    }
}

impl CipherCtx {
    /// The cipher chosen so far.
    pub(crate) fn cipher(&self) -> Option<CipherAlgorithm> {
        self.cipher
    }

    /// Whether the context encrypts.
    pub(crate) fn encrypting(&self) -> bool {
        self.encrypting
    }

    /// Checks that the context runs in the direction (`Some(true)`: encryption) that a
    /// function named `func` needs; `None` takes either.
    pub(crate) fn check_direction(&self, encrypt: Option<bool>, func: &str) -> Result<(), Error> {
        if encrypt.is_none_or(|e| e == self.encrypting) {
            return Ok(());
        }
        let set = if self.encrypting { "encryption" } else { "decryption" };
        Err(Error::local(Reason::BAD_VALUE, format!("{func}: the context is set up for {set}")))
    }

    /// Turns PKCS#7 padding on or off (on by default).
    pub(crate) fn set_padding(&mut self, padding: bool) {
        self.padding = padding;
    }

    /// One stage of `EVP_CipherInit_ex`: each of the cipher, direction, key and IV that
    /// is given replaces the one before (a new cipher forgets the key), and the data
    /// of an earlier operation is dropped. The key and IV must be as long as the
    /// cipher says.
    pub(crate) fn init(
        &mut self,
        cipher: Option<CipherAlgorithm>,
        encrypt: Option<bool>,
        key: Option<&[u8]>,
        iv: Option<&[u8]>,
    ) -> Result<(), Error> {
        if let Some(cipher) = cipher {
            if self.cipher != Some(cipher) {
                self.key = None;
            }
            self.cipher = Some(cipher);
        }
        if let Some(encrypt) = encrypt {
            self.encrypting = encrypt;
        }
        let Some(alg) = self.cipher else {
            return Err(Error::local(Reason::UNINITIALIZED, "no cipher has been set"));
        };
        if let Some(key) = key {
            self.key = Some(alg.keyed(key)?);
        }
        if let Some(iv) = iv {
            let iv: [u8; BLOCK] = iv
                .try_into()
                .map_err(|_| Error::local(Reason::BAD_VALUE, format!("{} needs a {BLOCK}-byte IV", alg.name())))?;
            self.chain = iv;
        }
        self.partial_len = 0;
        self.held = None;
        Ok(())
    }

    fn ready_key(&self) -> Result<&AesKey, Error> {
        self.key.as_ref().ok_or_else(|| Error::local(Reason::UNINITIALIZED, "no key has been set for the cipher"))
    }

    /// Runs one whole block through CBC in the context's direction.
    fn process_block(key: &AesKey, chain: &mut [u8; BLOCK], encrypting: bool, block: &mut [u8; BLOCK]) {
        if encrypting {
            block.iter_mut().zip(chain.iter()).for_each(|(b, c)| *b ^= c);
            key.encrypt(block);
            *chain = *block;
        } else {
            let ciphertext = *block;
            key.decrypt(block);
            block.iter_mut().zip(chain.iter()).for_each(|(b, c)| *b ^= c);
            *chain = ciphertext;
        }
    }

    /// Takes `input` and writes the output it completes to `out`, which must have room
    /// for `input.len() + BLOCK` bytes. Returns the bytes written.
    pub(crate) fn update(&mut self, mut input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        let key = self.ready_key()?.clone();
        let mut written = 0;
        while !input.is_empty() {
            let take = (BLOCK - self.partial_len).min(input.len());
            self.partial[self.partial_len..self.partial_len + take].copy_from_slice(&input[..take]);
            self.partial_len += take;
            input = &input[take..];
            if self.partial_len < BLOCK {
                break;
            }
            let mut block = self.partial;
            self.partial_len = 0;
            Self::process_block(&key, &mut self.chain, self.encrypting, &mut block);
            let ready = if !self.encrypting && self.padding { self.held.replace(block) } else { Some(block) };
            if let Some(ready) = ready {
                out[written..written + BLOCK].copy_from_slice(&ready);
                written += BLOCK;
            }
        }
        Ok(written)
    }

    /// Ends the operation: writes the padded last block when encrypting, or the last
    /// plaintext with its padding checked (in constant time) and removed when
    /// decrypting, to `out` (room for `BLOCK` bytes). Returns the bytes written.
    pub(crate) fn finish(&mut self, out: &mut [u8]) -> Result<usize, Error> {
        let key = self.ready_key()?.clone();
        let partial_len = std::mem::take(&mut self.partial_len);
        if !self.padding {
            if partial_len != 0 {
                return Err(Error::local(
                    Reason::BAD_DATA,
                    "data not multiple of block length: padding is off and the input is not whole blocks",
                ));
            }
            return Ok(0);
        }
        if self.encrypting {
            let pad = (BLOCK - partial_len) as u8;
            let mut block = self.partial;
            block[partial_len..].fill(pad);
            Self::process_block(&key, &mut self.chain, true, &mut block);
            out[..BLOCK].copy_from_slice(&block);
            return Ok(BLOCK);
        }
        let held = self.held.take();
        let (Some(block), 0) = (held, partial_len) else {
            return Err(Error::local(Reason::BAD_DATA, "wrong final block length: the ciphertext is not whole blocks"));
        };
        let (good, pad) = check_pkcs7(&block);
        if !bool::from(good) {
            return Err(Error::local(Reason::BAD_DECRYPT, "bad decrypt: the padding of the last block is wrong"));
        }
        let keep = BLOCK - pad;
        out[..keep].copy_from_slice(&block[..keep]);
        Ok(keep)
    }
}

/// Checks the PKCS#7 padding of a final block, looking at every byte whatever the
/// padding length says. Returns whether it is good and its length.
fn check_pkcs7(block: &[u8; BLOCK]) -> (Choice, usize) {
    let pad = block[BLOCK - 1];
    let mut good = pad.ct_gt(&0) & !pad.ct_gt(&(BLOCK as u8));
    for (i, byte) in block.iter().rev().enumerate() {
        let in_padding = (i as u8).ct_lt(&pad);
        good &= !in_padding | byte.ct_eq(&pad);
    }
    (good, usize::from(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ctx: &mut CipherCtx, data: &[u8], chunk: usize) -> Result<Vec<u8>, Error> {
        let mut out = vec![0u8; data.len() + 2 * BLOCK];
        let mut n = 0;
        for piece in data.chunks(chunk.max(1)) {
            let mut buf = vec![0u8; piece.len() + BLOCK];
            let k = ctx.update(piece, &mut buf)?;
            out[n..n + k].copy_from_slice(&buf[..k]);
            n += k;
        }
        n += ctx.finish(&mut out[n..])?;
        out.truncate(n);
        Ok(out)
    }

    #[test]
    fn round_trips_for_every_length_and_chunking() {
        let key = [7u8; 32];
        let iv = [9u8; 16];
        for len in 0..50 {
            let data: Vec<u8> = (0..len as u8).collect();
            for chunk in [1, 5, 16, 17] {
                let mut enc = CipherCtx::default();
                enc.init(Some(CipherAlgorithm::Aes256), Some(true), Some(&key), Some(&iv)).unwrap();
                let sealed = run(&mut enc, &data, chunk).unwrap();
                assert_eq!(sealed.len(), (len / BLOCK + 1) * BLOCK);
                let mut dec = CipherCtx::default();
                dec.init(Some(CipherAlgorithm::Aes256), Some(false), Some(&key), Some(&iv)).unwrap();
                assert_eq!(run(&mut dec, &sealed, chunk).unwrap(), data);
            }
        }
    }

    #[test]
    fn bad_padding_is_refused() {
        let block = [3u8; BLOCK];
        assert!(bool::from(check_pkcs7(&block).0));
        let mut bad = block;
        bad[BLOCK - 3] = 4;
        assert!(!bool::from(check_pkcs7(&bad).0));
        assert!(!bool::from(check_pkcs7(&[0u8; BLOCK]).0));
        assert!(!bool::from(check_pkcs7(&[17u8; BLOCK]).0));
        assert!(bool::from(check_pkcs7(&[16u8; BLOCK]).0));
    }
}

//! Record protection with AES-CBC and an HMAC (RFC 5246 6.2.3.2), either MAC-then-encrypt
//! (the TLS 1.2 default) or encrypt_then_mac (RFC 7366).
//!
//! MAC-then-encrypt payload: `IV || E(plaintext || MAC || padding || padding_length)`, where
//! the MAC covers `seq_num || type || version || plaintext length || plaintext`.
//! encrypt_then_mac payload: `IV || E(plaintext || padding || padding_length) || MAC`, where the
//! MAC covers `seq_num || type || version || length of IV and ciphertext || IV || ciphertext`.
//!
//! # Why opening a MAC-then-encrypt record is constant time (Lucky13)
//!
//! Let `n` be the length of the decrypted data after the IV: public, as the record length is.
//! Everything that depends on the padding byte (the secret) is computed with `subtle` masks:
//!
//! 1. Branches and loop bounds depend only on `n`, the MAC length and the sequence number,
//!    content type and version (all public). The length checks that can reject a record
//!    early look only at `n`.
//! 2. The padding check reads the last `min(256, n)` bytes, always all of them, and folds
//!    each comparison into one `Choice`. A bad padding is replaced by a padding length of 0,
//!    so the rest of the work is the same for good and bad paddings.
//! 3. The inner hash of the HMAC runs the compression function a number of times that depends
//!    only on `n`: it hashes as many blocks as the longest possible plaintext needs. Blocks
//!    that lie wholly before the shortest possible plaintext's end are hashed as they are; in
//!    every later block each byte is chosen with masks (message byte, the 0x80 terminator, zero,
//!    or a byte of the length field in the block that ends the message), and the chaining value
//!    after the block that ends the real message is kept with a masked select. The secret
//!    plaintext length enters only through these masks and through the length bytes of the
//!    MAC header.
//! 4. The received MAC sits at a secret offset. It is gathered by scanning a window whose
//!    bounds depend only on `n`, into a buffer rotated by a secret amount, which is then
//!    undone with a masked select over every position. No memory address depends on a secret.
//! 5. The computed and received MACs are compared with `ConstantTimeEq`; the padding verdict
//!    and the MAC verdict are combined into one `Choice`, and only that final bit decides
//!    between the single error and success.
//!
//! The outer hash of the HMAC always hashes one digest, a public length. The test
//! `compressions_do_not_depend_on_padding` counts compression calls to check point 3.

use super::algorithms::{BulkCipher, Mac};
use crate::crypto::fill_random;
use crate::error::Error;
use aes::cipher::consts::U16;
use aes::cipher::{
    Array, BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, BlockSizeUser, InnerIvInit,
    KeyInit,
};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess};
use zeroize::Zeroize;

/// The AES block size, which is also the length of the explicit IV.
const BLOCK: usize = 16;
/// The longest MAC (HMAC-SHA384).
const MAX_MAC: usize = 48;
/// The longest plaintext a record may carry.
const MAX_PLAINTEXT: usize = 1 << 14;
/// The padding length byte can announce at most 255 bytes, so padding plus that byte is at
/// most 256 bytes.
const MAX_PADDING: usize = 256;
/// seq_num (8) + type (1) + version (2) + length (2).
const MAC_HEADER: usize = 13;

#[cfg(test)]
thread_local! {
    /// Compression function calls made on this thread (tests only).
    static COMPRESSIONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The block-level view of a Merkle-Damgard hash that HMAC is built from.
trait BlockHash {
    /// One word of the chaining value.
    type Word: ConditionallySelectable + Zeroize;
    /// The chaining value.
    type State: Copy + Zeroize + AsRef<[Self::Word]> + AsMut<[Self::Word]>;
    /// One input block.
    type Block: Copy + AsRef<[u8]> + AsMut<[u8]>;
    /// Bytes in a block.
    const BLOCK_LEN: usize;
    /// Bytes of the message bit length at the end of the final block.
    const LENGTH_FIELD: usize;
    /// Bytes of the digest.
    const OUTPUT_LEN: usize;
    /// The initial chaining value (FIPS 180-4).
    const INIT: Self::State;
    /// A block of zeros.
    const ZERO_BLOCK: Self::Block;
    /// Runs the compression function on one block.
    fn compress(state: &mut Self::State, block: &Self::Block);
    /// Writes the digest that `state` encodes into `out` (`OUTPUT_LEN` bytes).
    fn write_output(state: &Self::State, out: &mut [u8]);
}

macro_rules! block_hash {
    ($name:ident, $doc:expr, [$word:ty; $words:expr], [$($init:expr),*], $block:expr,
     $length_field:expr, $output:expr, $compress:path) => {
        #[doc = $doc]
        struct $name;

        impl BlockHash for $name {
            type Word = $word;
            type State = [$word; $words];
            type Block = [u8; $block];
            const BLOCK_LEN: usize = $block;
            const LENGTH_FIELD: usize = $length_field;
            const OUTPUT_LEN: usize = $output;
            const INIT: Self::State = [$($init),*];
            const ZERO_BLOCK: Self::Block = [0; $block];

            fn compress(state: &mut Self::State, block: &Self::Block) {
                #[cfg(test)]
                COMPRESSIONS.with(|count| count.set(count.get() + 1));
                $compress(state, std::slice::from_ref(block));
            }

            fn write_output(state: &Self::State, out: &mut [u8]) {
                for (chunk, word) in out.chunks_mut(size_of::<$word>()).zip(state) {
                    chunk.copy_from_slice(&word.to_be_bytes()[..chunk.len()]);
                }
            }
        }
    };
}

block_hash!(
    Sha1,
    "SHA-1.",
    [u32; 5],
    [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
    64,
    8,
    20,
    sha1::block_api::compress
);
block_hash!(
    Sha256,
    "SHA-256.",
    [u32; 8],
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
    64,
    8,
    32,
    sha2::block_api::compress256
);
block_hash!(
    Sha384,
    "SHA-384.",
    [u64; 8],
    [
        0xcbbb9d5dc1059ed8,
        0x629a292a367cd507,
        0x9159015a3070dd17,
        0x152fecd8f70e5939,
        0x67332667ffc00b31,
        0x8eb44a8768581511,
        0xdb0c2e0d64f98fa7,
        0x47b5481dbefa4fa4
    ],
    128,
    16,
    48,
    sha2::block_api::compress512
);

/// `value` if `choice` is set, else 0, without a branch.
fn masked(choice: Choice, value: u8) -> u8 {
    u8::conditional_select(&0, &value, choice)
}

/// A hash computation over data of public length, resumed from a chaining value.
struct Stream<H: BlockHash> {
    state: H::State,
    block: H::Block,
    used: usize,
    total: u64,
}

impl<H: BlockHash> Stream<H> {
    /// Continues from `state`, which has already absorbed one block (an HMAC key block).
    fn after_key_block(state: H::State) -> Self {
        Stream { state, block: H::ZERO_BLOCK, used: 0, total: H::BLOCK_LEN as u64 }
    }

    /// Absorbs `data`.
    fn update(&mut self, mut data: &[u8]) {
        self.total += data.len() as u64;
        while !data.is_empty() {
            let take = (H::BLOCK_LEN - self.used).min(data.len());
            self.block.as_mut()[self.used..self.used + take].copy_from_slice(&data[..take]);
            self.used += take;
            data = &data[take..];
            if self.used == H::BLOCK_LEN {
                H::compress(&mut self.state, &self.block);
                self.used = 0;
            }
        }
    }

    /// Appends the Merkle-Damgard padding and writes the digest into `out`.
    fn finish(mut self, out: &mut [u8]) {
        let bits = self.total * 8;
        self.update(&[0x80]);
        self.block.as_mut()[self.used..].fill(0);
        if self.used > H::BLOCK_LEN - H::LENGTH_FIELD {
            H::compress(&mut self.state, &self.block);
            self.block = H::ZERO_BLOCK;
        }
        self.block.as_mut()[H::BLOCK_LEN - 8..].copy_from_slice(&bits.to_be_bytes());
        H::compress(&mut self.state, &self.block);
        H::write_output(&self.state, out);
    }
}

/// An HMAC key as the chaining values after the inner and outer key blocks.
struct HmacKey<H: BlockHash> {
    inner: H::State,
    outer: H::State,
}

impl<H: BlockHash> Drop for HmacKey<H> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl<H: BlockHash> HmacKey<H> {
    /// `key` is at most one block long (TLS MAC keys are as long as the digest).
    fn new(key: &[u8]) -> HmacKey<H> {
        let mut pad = H::ZERO_BLOCK;
        pad.as_mut()[..key.len()].copy_from_slice(key);
        let mut inner = H::INIT;
        let mut outer = H::INIT;
        pad.as_mut().iter_mut().for_each(|b| *b ^= 0x36);
        H::compress(&mut inner, &pad);
        pad.as_mut().iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
        H::compress(&mut outer, &pad);
        pad.as_mut().zeroize();
        HmacKey { inner, outer }
    }

    /// Finishes the HMAC from the inner digest.
    fn finish_outer(&self, inner_digest: &[u8], out: &mut [u8]) {
        let mut outer = Stream::<H>::after_key_block(self.outer);
        outer.update(inner_digest);
        outer.finish(out);
    }

    /// The HMAC of the concatenation of `parts` (public lengths).
    fn mac(&self, parts: &[&[u8]], out: &mut [u8]) {
        let mut inner = Stream::<H>::after_key_block(self.inner);
        for part in parts {
            inner.update(part);
        }
        let mut digest = [0u8; MAX_MAC];
        inner.finish(&mut digest);
        self.finish_outer(&digest[..H::OUTPUT_LEN], out);
    }

    /// The record MAC of `data[..len]` where `len` is secret, known only to lie between
    /// `data.len() - MAX_PADDING + 1` and `data.len()`. The message hashed is `prefix`
    /// (seq_num, type, version), the two length bytes, then the plaintext. The number of
    /// compressions and every branch depend only on `data.len()` (see the module comment).
    fn mac_secret_len(&self, prefix: &[u8; 11], data: &[u8], len: u64, out: &mut [u8]) {
        let block_len = H::BLOCK_LEN;
        let mut header = [0u8; MAC_HEADER];
        header[..11].copy_from_slice(prefix);
        header[11] = (len >> 8) as u8;
        header[12] = len as u8;
        // Message lengths: the real one (secret), the longest and the shortest possible.
        let msg_len = MAC_HEADER as u64 + len;
        let max_msg = MAC_HEADER + data.len();
        let min_msg = MAC_HEADER + data.len().saturating_sub(MAX_PADDING - 1);
        let blocks = (max_msg + H::LENGTH_FIELD) / block_len + 1;
        // The block that holds the real message's length field (a shift, not a division,
        // as the operand is secret: block lengths are powers of two), and that length in
        // bits, counting the key block.
        let last_block = (msg_len + H::LENGTH_FIELD as u64) >> block_len.trailing_zeros();
        let bits = (block_len as u64 + msg_len) * 8;
        let message_byte = |p: usize| match p.checked_sub(MAC_HEADER) {
            None => header[p],
            Some(i) => data.get(i).copied().unwrap_or(0),
        };
        let mut state = self.inner;
        let mut result = self.inner;
        let mut block = H::ZERO_BLOCK;
        for j in 0..blocks {
            let base = j * block_len;
            // Wholly before the shortest message's end: plain message bytes, and never the
            // final block, since the final block also holds the 0x80 and the length.
            let plain = base + block_len <= min_msg;
            let is_last = (j as u64).ct_eq(&last_block);
            for (t, byte) in block.as_mut().iter_mut().enumerate() {
                let p = base + t;
                *byte = message_byte(p);
                if !plain {
                    let pos = p as u64;
                    *byte = masked(pos.ct_lt(&msg_len), *byte) | masked(pos.ct_eq(&msg_len), 0x80);
                    let from_end = block_len - 1 - t;
                    if from_end < 8 {
                        *byte |= masked(is_last, (bits >> (8 * from_end)) as u8);
                    }
                }
            }
            H::compress(&mut state, &block);
            for (r, s) in result.as_mut().iter_mut().zip(state.as_ref()) {
                r.conditional_assign(s, is_last);
            }
        }
        let mut digest = [0u8; MAX_MAC];
        H::write_output(&result, &mut digest);
        self.finish_outer(&digest[..H::OUTPUT_LEN], out);
    }
}

/// The MAC key of one of the three hashes.
enum MacKey {
    Sha1(HmacKey<Sha1>),
    Sha256(HmacKey<Sha256>),
    Sha384(HmacKey<Sha384>),
}

/// Runs `$body` with `$key` bound to the `HmacKey` inside a `MacKey`.
macro_rules! with_hmac {
    ($mac:expr, $key:ident => $body:expr) => {
        match $mac {
            MacKey::Sha1($key) => $body,
            MacKey::Sha256($key) => $body,
            MacKey::Sha384($key) => $body,
        }
    };
}

/// The AES key of one of the two sizes (zeroized on drop by the aes crate).
enum AesKey {
    Aes128(aes::Aes128),
    Aes256(aes::Aes256),
}

/// Encrypts `data` in place in CBC mode under `iv`.
fn cbc_encrypt<C>(cipher: &C, iv: [u8; BLOCK], data: &mut [u8]) -> Result<(), Error>
where
    C: BlockCipherEncrypt + BlockSizeUser<BlockSize = U16>,
{
    let (blocks, rest) = Array::slice_as_chunks_mut(data);
    if !rest.is_empty() {
        return Err(Error::internal("CBC data is not a whole number of blocks"));
    }
    cbc::Encryptor::<&C>::inner_iv_init(cipher, &iv.into()).encrypt_blocks(blocks);
    Ok(())
}

/// Decrypts `data`, whose length the caller checked to be a multiple of the block size.
pub(super) fn cbc_decrypt<C>(cipher: &C, iv: [u8; BLOCK], data: &mut [u8])
where
    C: BlockCipherDecrypt + BlockSizeUser<BlockSize = U16>,
{
    let (blocks, _) = Array::slice_as_chunks_mut(data);
    cbc::Decryptor::<&C>::inner_iv_init(cipher, &iv.into()).decrypt_blocks(blocks);
}

impl AesKey {
    /// Encrypts whole blocks in place.
    fn encrypt(&self, iv: [u8; BLOCK], data: &mut [u8]) -> Result<(), Error> {
        match self {
            AesKey::Aes128(k) => cbc_encrypt(k, iv, data),
            AesKey::Aes256(k) => cbc_encrypt(k, iv, data),
        }
    }

    /// Decrypts whole blocks in place.
    fn decrypt(&self, iv: [u8; BLOCK], data: &mut [u8]) {
        match self {
            AesKey::Aes128(k) => cbc_decrypt(k, iv, data),
            AesKey::Aes256(k) => cbc_decrypt(k, iv, data),
        }
    }
}

/// Checks the TLS padding at the end of `data` (decrypted, public length) in constant time:
/// every one of the last `min(256, len)` bytes is examined. `reserved` bytes (the MAC) must
/// precede the padding. Returns whether the padding is good, and the number of bytes to strip
/// (padding plus length byte), which is 1 when the padding is bad.
fn check_padding(data: &[u8], reserved: usize) -> (Choice, u64) {
    let n = data.len() as u64;
    let Some(&last) = data.last() else {
        return (Choice::from(0), 1);
    };
    let pad = u64::from(last);
    let mut good = !(pad + 1 + reserved as u64).ct_gt(&n);
    for (i, &byte) in data.iter().rev().take(MAX_PADDING).enumerate() {
        let in_padding = (i as u64).ct_lt(&(pad + 1));
        good &= !in_padding | byte.ct_eq(&last);
    }
    (good, u64::conditional_select(&1, &(pad + 1), good))
}

/// Copies `mac.len()` bytes starting at the secret offset `start` of `data` into `mac`,
/// without an address that depends on `start`. `start` must be at least `lo` and at most
/// `data.len() - mac.len()`.
fn gather_mac(data: &[u8], lo: usize, start: u64, mac: &mut [u8]) {
    let mac_len = mac.len();
    let mut rotated = [0u8; MAX_MAC];
    let mut rotation = 0u64;
    let mut k = 0usize;
    for (j, &byte) in data.iter().enumerate().skip(lo) {
        let pos = j as u64;
        let in_mac = !pos.ct_lt(&start) & pos.ct_lt(&(start + mac_len as u64));
        rotated[k] |= masked(in_mac, byte);
        rotation.conditional_assign(&(k as u64), pos.ct_eq(&start));
        k = if k + 1 == mac_len { 0 } else { k + 1 };
    }
    // mac[i] = rotated[(rotation + i) % mac_len], selecting over every index.
    for (i, out) in mac.iter_mut().enumerate() {
        let index = rotation + i as u64;
        let index = index - u64::conditional_select(&0, &(mac_len as u64), !index.ct_lt(&(mac_len as u64)));
        *out = 0;
        for (k, &byte) in rotated[..mac_len].iter().enumerate() {
            *out |= masked((k as u64).ct_eq(&index), byte);
        }
    }
}

/// seq_num, type and version: the MAC header without its length.
fn mac_prefix(seq: u64, content_type: u8, version: u16) -> [u8; 11] {
    let mut prefix = [0u8; 11];
    prefix[..8].copy_from_slice(&seq.to_be_bytes());
    prefix[8] = content_type;
    prefix[9..].copy_from_slice(&version.to_be_bytes());
    prefix
}

/// One direction's CBC record key. The AES key schedule and the HMAC key states are zeroized
/// on drop.
pub struct CbcKey {
    cipher: AesKey,
    mac: MacKey,
    mac_len: usize,
    encrypt_then_mac: bool,
}

impl CbcKey {
    /// Builds a key from the key block parts. `cipher` is Aes128Cbc or Aes256Cbc; `mac` is
    /// HmacSha1, HmacSha256 or HmacSha384; `encrypt_then_mac` selects RFC 7366.
    pub fn new(
        cipher: BulkCipher,
        mac: Mac,
        enc_key: &[u8],
        mac_key: &[u8],
        encrypt_then_mac: bool,
    ) -> Result<CbcKey, Error> {
        let bad_key = |_| Error::internal("bad CBC record key length");
        let cipher = match cipher {
            BulkCipher::Aes128Cbc => AesKey::Aes128(aes::Aes128::new_from_slice(enc_key).map_err(bad_key)?),
            BulkCipher::Aes256Cbc => AesKey::Aes256(aes::Aes256::new_from_slice(enc_key).map_err(bad_key)?),
            BulkCipher::Aes128Gcm | BulkCipher::Aes256Gcm | BulkCipher::Chacha20Poly1305 => {
                return Err(Error::internal("an AEAD cipher is not a CBC cipher"))
            }
        };
        if mac_key.len() != mac.key_len() {
            return Err(Error::internal("bad MAC key length"));
        }
        let mac_len = mac.key_len();
        let mac = match mac {
            Mac::HmacSha1 => MacKey::Sha1(HmacKey::new(mac_key)),
            Mac::HmacSha256 => MacKey::Sha256(HmacKey::new(mac_key)),
            Mac::HmacSha384 => MacKey::Sha384(HmacKey::new(mac_key)),
            Mac::Aead => return Err(Error::internal("a CBC cipher needs an HMAC")),
        };
        Ok(CbcKey { cipher, mac, mac_len, encrypt_then_mac })
    }

    /// The most bytes protection adds to a payload: the IV, the MAC and up to one block of
    /// padding (we pad minimally).
    pub fn max_overhead(&self) -> usize {
        BLOCK + self.mac_len + BLOCK
    }

    /// Protects the plaintext in `out[start + 16..]` (the caller reserved 16 bytes for the IV
    /// at `out[start..start + 16]` and appended the plaintext after them). On return
    /// `out[start..]` is the record payload: IV, ciphertext and, for encrypt_then_mac, the MAC.
    /// Each record gets a fresh random IV.
    pub fn seal(&self, seq: u64, content_type: u8, version: u16, out: &mut Vec<u8>, start: usize) -> Result<(), Error> {
        let mut iv = [0u8; BLOCK];
        fill_random(&mut iv)?;
        let plain_len = out.len().saturating_sub(start + BLOCK);
        let content = plain_len + if self.encrypt_then_mac { 0 } else { self.mac_len };
        let pad = BLOCK - 1 - content % BLOCK;
        self.seal_with(seq, content_type, version, out, start, iv, pad)
    }

    /// `seal` with a chosen IV and padding length (`pad` bytes of padding, then the length
    /// byte; the padded content must fill whole blocks).
    #[allow(clippy::too_many_arguments)]
    fn seal_with(
        &self,
        seq: u64,
        content_type: u8,
        version: u16,
        out: &mut Vec<u8>,
        start: usize,
        iv: [u8; BLOCK],
        pad: usize,
    ) -> Result<(), Error> {
        let body = start + BLOCK;
        if out.len() < body || out.len() - body > MAX_PLAINTEXT {
            return Err(Error::internal("a CBC record's plaintext has a bad length"));
        }
        let Ok(pad_byte) = u8::try_from(pad) else {
            return Err(Error::internal("CBC padding is longer than 255 bytes"));
        };
        let prefix = mac_prefix(seq, content_type, version);
        let mut mac = [0u8; MAX_MAC];
        let mac = &mut mac[..self.mac_len];
        if !self.encrypt_then_mac {
            let len = ((out.len() - body) as u16).to_be_bytes();
            with_hmac!(&self.mac, key => key.mac(&[&prefix, &len, &out[body..]], mac));
            out.extend_from_slice(mac);
        }
        out.resize(out.len() + pad + 1, pad_byte);
        out[start..body].copy_from_slice(&iv);
        self.cipher.encrypt(iv, &mut out[body..])?;
        if self.encrypt_then_mac {
            let len = ((out.len() - start) as u16).to_be_bytes();
            with_hmac!(&self.mac, key => key.mac(&[&prefix, &len, &out[start..]], mac));
            out.extend_from_slice(mac);
        }
        Ok(())
    }

    /// Checks and decrypts a record payload in place; returns the plaintext's range inside
    /// `payload`. Every failure is the same `bad_record_mac` error.
    pub fn open(
        &self,
        seq: u64,
        content_type: u8,
        version: u16,
        payload: &mut [u8],
    ) -> Result<std::ops::Range<usize>, Error> {
        let prefix = mac_prefix(seq, content_type, version);
        if self.encrypt_then_mac {
            self.open_etm(&prefix, payload)
        } else {
            self.open_mte(&prefix, payload)
        }
    }

    /// RFC 7366: check the MAC over IV and ciphertext, then decrypt and check the padding.
    fn open_etm(&self, prefix: &[u8; 11], payload: &mut [u8]) -> Result<std::ops::Range<usize>, Error> {
        let Some(sealed_len) = payload.len().checked_sub(self.mac_len) else {
            return Err(Error::bad_record_mac());
        };
        if sealed_len < 2 * BLOCK || sealed_len % BLOCK != 0 {
            return Err(Error::bad_record_mac());
        }
        let (sealed, received) = payload.split_at_mut(sealed_len);
        let mut mac = [0u8; MAX_MAC];
        let mac = &mut mac[..self.mac_len];
        let len = (sealed_len as u16).to_be_bytes();
        with_hmac!(&self.mac, key => key.mac(&[prefix, &len, sealed], mac));
        if !bool::from(mac.ct_eq(received)) {
            return Err(Error::bad_record_mac());
        }
        let (iv, data) = sealed.split_at_mut(BLOCK);
        let mut iv_block = [0u8; BLOCK];
        iv_block.copy_from_slice(iv);
        self.cipher.decrypt(iv_block, data);
        let (good, strip) = check_padding(data, 0);
        if !bool::from(good) {
            return Err(Error::bad_record_mac());
        }
        Ok(BLOCK..sealed_len - strip as usize)
    }

    /// MAC-then-encrypt: decrypt, then check padding and MAC in constant time.
    fn open_mte(&self, prefix: &[u8; 11], payload: &mut [u8]) -> Result<std::ops::Range<usize>, Error> {
        let mac_len = self.mac_len;
        // Public length checks: whole blocks, room for the IV, the MAC and the length byte.
        if !payload.len().is_multiple_of(BLOCK) || payload.len() < BLOCK + mac_len + 1 {
            return Err(Error::bad_record_mac());
        }
        let (iv, data) = payload.split_at_mut(BLOCK);
        let mut iv_block = [0u8; BLOCK];
        iv_block.copy_from_slice(iv);
        self.cipher.decrypt(iv_block, data);
        let n = data.len();
        let (good, strip) = check_padding(data, mac_len);
        // strip <= n - mac_len whether or not the padding is good, so this cannot wrap.
        let plain_len = (n - mac_len) as u64 - strip;
        let mut computed = [0u8; MAX_MAC];
        let computed = &mut computed[..mac_len];
        let max_plain = &data[..n - mac_len - 1];
        with_hmac!(&self.mac, key => key.mac_secret_len(prefix, max_plain, plain_len, computed));
        let mut received = [0u8; MAX_MAC];
        let received = &mut received[..mac_len];
        let lo = n.saturating_sub(mac_len + MAX_PADDING);
        gather_mac(data, lo, plain_len, received);
        let ok = good & computed.ct_eq(received);
        if bool::from(ok) {
            Ok(BLOCK..BLOCK + plain_len as usize)
        } else {
            Err(Error::bad_record_mac())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::hmac;

    const CIPHERS: [BulkCipher; 2] = [BulkCipher::Aes128Cbc, BulkCipher::Aes256Cbc];
    const MACS: [Mac; 3] = [Mac::HmacSha1, Mac::HmacSha256, Mac::HmacSha384];
    const APPLICATION_DATA: u8 = 23;
    const TLS12: u16 = 0x0303;
    /// Bytes before the payload in the output buffer, as a record header would be.
    const START: usize = 5;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// The keys of the OpenSSL vectors: the encryption key is 00 01 02 .., the MAC key
    /// 40 41 42 ...
    fn key(cipher: BulkCipher, mac: Mac, etm: bool) -> CbcKey {
        let enc_key: Vec<u8> = (0..cipher.key_len() as u8).collect();
        let mac_key: Vec<u8> = (0x40..0x40 + mac.key_len() as u8).collect();
        CbcKey::new(cipher, mac, &enc_key, &mac_key, etm).unwrap()
    }

    fn all_keys() -> Vec<CbcKey> {
        let mut keys = Vec::new();
        for cipher in CIPHERS {
            for mac in MACS {
                for etm in [false, true] {
                    keys.push(key(cipher, mac, etm));
                }
            }
        }
        keys
    }

    fn plaintext(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + 3) as u8).collect()
    }

    /// A sealed record's payload; `pad` chooses the padding length (None: minimal) and
    /// pins the IV to a000..af.
    fn sealed(key: &CbcKey, seq: u64, plain: &[u8], pad: Option<usize>) -> Vec<u8> {
        let mut out = vec![0xee; START + BLOCK];
        out.extend_from_slice(plain);
        match pad {
            None => key.seal(seq, APPLICATION_DATA, TLS12, &mut out, START).unwrap(),
            Some(pad) => {
                let iv: [u8; BLOCK] = std::array::from_fn(|i| 0xa0 + i as u8);
                key.seal_with(seq, APPLICATION_DATA, TLS12, &mut out, START, iv, pad).unwrap()
            }
        }
        assert_eq!(out[..START], [0xee; START]);
        out.split_off(START)
    }

    fn open(key: &CbcKey, seq: u64, payload: &mut [u8]) -> Result<Vec<u8>, Error> {
        key.open(seq, APPLICATION_DATA, TLS12, payload).map(|range| payload[range].to_vec())
    }

    #[test]
    fn round_trips() {
        for key in all_keys() {
            for len in (0..=300).chain([MAX_PLAINTEXT]) {
                let plain = plaintext(len);
                let mut payload = sealed(&key, len as u64, &plain, None);
                assert!(payload.len() <= len + key.max_overhead());
                assert_eq!(open(&key, len as u64, &mut payload).unwrap(), plain);
            }
        }
    }

    #[test]
    fn ivs_are_fresh() {
        let key = key(BulkCipher::Aes128Cbc, Mac::HmacSha256, false);
        let a = sealed(&key, 0, b"same", None);
        let b = sealed(&key, 0, b"same", None);
        assert_ne!(a[..BLOCK], b[..BLOCK]);
        assert_ne!(a, b);
    }

    #[test]
    fn opens_every_padding_length() {
        for key in all_keys() {
            let extra = if key.encrypt_then_mac { 0 } else { key.mac_len };
            for len in [0, 1, 17, 100] {
                let minimal = BLOCK - 1 - (len + extra) % BLOCK;
                for pad in (minimal..MAX_PADDING).step_by(BLOCK) {
                    let plain = plaintext(len);
                    let mut payload = sealed(&key, 9, &plain, Some(pad));
                    assert_eq!(open(&key, 9, &mut payload).unwrap(), plain, "pad {pad}");
                }
            }
        }
    }

    #[test]
    fn tampering_any_byte_fails() {
        for key in all_keys() {
            for len in [0, 1, 33] {
                let payload = sealed(&key, 5, &plaintext(len), None);
                for i in 0..payload.len() {
                    for flip in [0x01, 0x80] {
                        let mut bad = payload.clone();
                        bad[i] ^= flip;
                        assert_eq!(open(&key, 5, &mut bad), Err(Error::bad_record_mac()), "byte {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn wrong_seq_type_or_version_fails() {
        for key in all_keys() {
            let payload = sealed(&key, 7, b"hello", None);
            for (seq, typ, version) in [(6, 23, TLS12), (8, 23, TLS12), (7, 22, TLS12), (7, 23, 0x0302)] {
                let mut bad = payload.clone();
                assert_eq!(key.open(seq, typ, version, &mut bad), Err(Error::bad_record_mac()));
            }
            let mut good = payload.clone();
            assert!(key.open(7, 23, TLS12, &mut good).is_ok());
        }
    }

    #[test]
    fn short_or_misaligned_payloads_fail() {
        for key in all_keys() {
            for len in 0..=2 * BLOCK + MAX_MAC + 1 {
                let mut payload = vec![0x5a; len];
                assert_eq!(open(&key, 0, &mut payload), Err(Error::bad_record_mac()));
            }
            // A good record with bytes cut off or added.
            let payload = sealed(&key, 0, &plaintext(40), None);
            for len in (0..payload.len()).chain([payload.len() + 1, payload.len() + 16]) {
                let mut bad = payload.clone();
                bad.resize(len, 0);
                assert_eq!(open(&key, 0, &mut bad), Err(Error::bad_record_mac()), "length {len}");
            }
        }
    }

    /// Encrypts `body` (already padded, or deliberately badly padded) under the test IV and,
    /// for encrypt_then_mac, appends a correct MAC: a record whose only flaw is its padding.
    fn raw_record(key: &CbcKey, body: &[u8]) -> Vec<u8> {
        let iv = [0xa5; BLOCK];
        let mut payload = iv.to_vec();
        payload.extend_from_slice(body);
        key.cipher.encrypt(iv, &mut payload[BLOCK..]).unwrap();
        if key.encrypt_then_mac {
            let prefix = mac_prefix(0, APPLICATION_DATA, TLS12);
            let len = (payload.len() as u16).to_be_bytes();
            let mut mac = vec![0; key.mac_len];
            with_hmac!(&key.mac, k => k.mac(&[&prefix, &len, &payload], &mut mac));
            payload.extend_from_slice(&mac);
        }
        payload
    }

    #[test]
    fn bad_padding_with_good_mac_fails() {
        for key in all_keys() {
            let plain = plaintext(20);
            let mut content = plain.clone();
            if !key.encrypt_then_mac {
                let prefix = mac_prefix(0, APPLICATION_DATA, TLS12);
                let mut mac = vec![0; key.mac_len];
                let len = (plain.len() as u16).to_be_bytes();
                with_hmac!(&key.mac, k => k.mac(&[&prefix, &len, &plain], &mut mac));
                content.extend_from_slice(&mac);
            }
            let pad = BLOCK - 1 - content.len() % BLOCK + BLOCK;
            let mut good = content.clone();
            good.resize(content.len() + pad + 1, pad as u8);
            let mut payload = raw_record(&key, &good);
            assert_eq!(open(&key, 0, &mut payload).unwrap(), plain);
            // Each padding byte wrong in turn, including the length byte.
            for i in content.len()..good.len() {
                let mut body = good.clone();
                body[i] ^= 0x10;
                let mut payload = raw_record(&key, &body);
                assert_eq!(open(&key, 0, &mut payload), Err(Error::bad_record_mac()), "byte {i}");
            }
            // A padding length longer than the whole record.
            let mut body = good.clone();
            body.iter_mut().skip(content.len()).for_each(|b| *b = 0xff);
            body.resize(body.len() + 2 * BLOCK, 0xff);
            let mut payload = raw_record(&key, &body);
            assert_eq!(open(&key, 0, &mut payload), Err(Error::bad_record_mac()));
        }
    }

    /// Records built with `openssl dgst -<hash> -mac HMAC -macopt hexkey:<mac key>` over the
    /// MAC input and `openssl enc -aes-<bits>-cbc -K <key> -iv a0a1..af -nopad` over the
    /// padded content (OpenSSL 3.0), for seq 1, application data, TLS 1.2, the keys of `key`
    /// and the plaintext below.
    #[test]
    fn matches_openssl() {
        let plain = b"The quick brown fox jumps over the lazy dog.";
        let vectors = [
            (
                BulkCipher::Aes128Cbc,
                Mac::HmacSha1,
                false,
                "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf66c79eeb9465863ede43c216978135de45de5a6a4c003c3a2a\
                 cf0dc47b07b0dabb3a8ce1e1194209fc0410e2927c2cc66f74bb0cbe76383b24ceb1ba6289b73047\
                 e4203ac0036852c4f17d43a518fb8a",
            ),
            (
                BulkCipher::Aes256Cbc,
                Mac::HmacSha256,
                false,
                "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf64bac78bf92341822f9cb229d5199006d90c3bab4f7eaa66\
                 3a51e8c75086e82cc493b936d341ce5d44411044bb250ac96418bd42c1b8fe5f6fe7a28c59c7e355\
                 00083031f6aea96ed4e6f04228faca4f",
            ),
            (
                BulkCipher::Aes256Cbc,
                Mac::HmacSha384,
                true,
                "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf64bac78bf92341822f9cb229d5199006d90c3bab4f7eaa66\
                 3a51e8c75086e82c3c0c6cb550c7395b2a823fad399d1683c209162df4248fa41008aab2c5a3c3f3\
                 bb5422c8ba44f290b9fb7277cd826b35237b2cad89fed8824777b208fc680e2e",
            ),
            (
                BulkCipher::Aes128Cbc,
                Mac::HmacSha256,
                true,
                "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf66c79eeb9465863ede43c216978135de45de5a6a4c003c3a2a\
                 cf0dc47b07b0daa1f4a5ac925fbb1ff9d8a6c0a7c86723c7da5eb0945a37000e9d292e8e45ec131d\
                 d0b138d35e5fb7e75f587d85e5f56d",
            ),
        ];
        for (cipher, mac, etm, expected) in vectors {
            let key = key(cipher, mac, etm);
            let extra = if etm { 0 } else { mac.key_len() };
            let pad = BLOCK - 1 - (plain.len() + extra) % BLOCK;
            let mut payload = sealed(&key, 1, plain, Some(pad));
            assert_eq!(payload, unhex(expected), "{cipher:?} {mac:?} etm {etm}");
            assert_eq!(open(&key, 1, &mut payload).unwrap(), plain);
        }
    }

    /// The constant-time MAC agrees with ring's HMAC for every plaintext length the padding
    /// allows, including lengths around block and length-field boundaries.
    #[test]
    fn secret_length_mac_matches_hmac() {
        let prefix = mac_prefix(0x0102030405060708, APPLICATION_DATA, TLS12);
        for mac in MACS {
            let key_bytes: Vec<u8> = (0..mac.key_len() as u8).map(|b| b ^ 0x77).collect();
            let cbc_key = CbcKey::new(BulkCipher::Aes128Cbc, mac, &[0; 16], &key_bytes, false).unwrap();
            let algorithm = match mac {
                Mac::HmacSha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                Mac::HmacSha256 => hmac::HMAC_SHA256,
                _ => hmac::HMAC_SHA384,
            };
            let ring_key = hmac::Key::new(algorithm, &key_bytes);
            for max in [0, 1, 50, 51, 55, 56, 64, 115, 119, 120, 128, 255, 256, 300, 1000] {
                let data = plaintext(max);
                for len in max.saturating_sub(MAX_PADDING - 1)..=max {
                    let mut input = prefix.to_vec();
                    input.extend_from_slice(&(len as u16).to_be_bytes());
                    input.extend_from_slice(&data[..len]);
                    let expected = hmac::sign(&ring_key, &input);
                    let mut got = vec![0; mac.key_len()];
                    with_hmac!(&cbc_key.mac, k => k.mac_secret_len(&prefix, &data, len as u64, &mut got));
                    assert_eq!(got, expected.as_ref(), "{mac:?} max {max} len {len}");
                    with_hmac!(&cbc_key.mac, k => k.mac(&[&input], &mut got));
                    assert_eq!(got, expected.as_ref(), "{mac:?} len {len}");
                }
            }
        }
    }

    fn compressions_while<T>(f: impl FnOnce() -> T) -> u64 {
        let before = COMPRESSIONS.with(|c| c.get());
        f();
        COMPRESSIONS.with(|c| c.get()) - before
    }

    /// Records of one length whose padding lengths differ (0 to 255), and records with a
    /// bad padding or a bad MAC, cost the same number of compression function calls.
    #[test]
    fn compressions_do_not_depend_on_padding() {
        const DATA_LEN: usize = 20 * BLOCK;
        for cipher in CIPHERS {
            for mac in MACS {
                let key = key(cipher, mac, false);
                let mut counts = Vec::new();
                for pad in [0, 1, 2, 15, 16, 100, 200, 255] {
                    let len = DATA_LEN - mac.key_len() - 1 - pad;
                    let mut payload = sealed(&key, 3, &plaintext(len), Some(pad));
                    assert_eq!(payload.len(), BLOCK + DATA_LEN);
                    counts.push(compressions_while(|| open(&key, 3, &mut payload).unwrap()));
                    // Bad padding: scramble the last block.
                    let mut bad = payload.clone();
                    let at = bad.len() - BLOCK - 1;
                    bad[at] ^= 0x42;
                    counts.push(compressions_while(|| open(&key, 3, &mut bad).unwrap_err()));
                    // Bad MAC, good padding.
                    let mut bad = payload.clone();
                    counts.push(compressions_while(|| open(&key, 4, &mut bad).unwrap_err()));
                }
                assert!(counts[0] > (DATA_LEN / 128) as u64);
                assert!(counts.iter().all(|&c| c == counts[0]), "{mac:?}: {counts:?}");
            }
        }
    }

    #[test]
    fn rejects_bad_keys() {
        let new = |cipher, mac, enc_len, mac_len| {
            CbcKey::new(cipher, mac, &vec![1; enc_len], &vec![2; mac_len], false).is_err()
        };
        assert!(new(BulkCipher::Aes128Cbc, Mac::HmacSha1, 32, 20));
        assert!(new(BulkCipher::Aes256Cbc, Mac::HmacSha1, 16, 20));
        assert!(new(BulkCipher::Aes128Cbc, Mac::HmacSha256, 16, 20));
        assert!(new(BulkCipher::Aes128Cbc, Mac::Aead, 16, 0));
        assert!(new(BulkCipher::Aes128Gcm, Mac::HmacSha256, 16, 32));
        assert!(!new(BulkCipher::Aes256Cbc, Mac::HmacSha384, 32, 48));
    }

    #[test]
    fn seal_rejects_bad_buffers() {
        let key = key(BulkCipher::Aes128Cbc, Mac::HmacSha256, false);
        let mut short = vec![0; START + BLOCK - 1];
        assert!(key.seal(0, APPLICATION_DATA, TLS12, &mut short, START).is_err());
        let mut long = vec![0; START + BLOCK + MAX_PLAINTEXT + 1];
        assert!(key.seal(0, APPLICATION_DATA, TLS12, &mut long, START).is_err());
        let mut out = vec![0; START + BLOCK + 3];
        assert!(key.seal_with(0, 23, TLS12, &mut out, START, [0; BLOCK], 256).is_err());
        let mut out = vec![0; START + BLOCK + 3];
        assert!(key.seal_with(0, 23, TLS12, &mut out, START, [0; BLOCK], 3).is_err());
    }
}

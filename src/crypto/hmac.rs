//! HMAC (RFC 2104) over any [`DigestAlgorithm`], as the libcrypto API (`HMAC_CTX`,
//! `HMAC()`) offers it: a key of any length, restartable with the same key.

use super::digest::{DigestAlgorithm, Hasher};
use crate::error::{Error, Reason};
use zeroize::Zeroizing;

/// An HMAC key absorbed into the inner and outer hashes, and the running inner hash.
#[derive(Clone)]
pub(crate) struct Hmac {
    /// The inner hash after the key block (what a restart goes back to).
    inner_start: Hasher,
    /// The outer hash after the key block.
    outer_start: Hasher,
    /// The inner hash over the key block and the data so far.
    inner: Hasher,
}

impl Hmac {
    /// Starts an HMAC under `key` (hashed first when longer than a block, as RFC 2104
    /// says).
    pub(crate) fn new(alg: DigestAlgorithm, key: &[u8]) -> Hmac {
        let mut block = Zeroizing::new(vec![0u8; alg.block_len()]);
        if key.len() > block.len() {
            let hashed = Zeroizing::new(alg.digest(key));
            block[..hashed.len()].copy_from_slice(&hashed);
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut inner_start = alg.start();
        let mut outer_start = alg.start();
        block.iter_mut().for_each(|b| *b ^= 0x36);
        inner_start.update(&block);
        block.iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
        outer_start.update(&block);
        Hmac { inner: inner_start.clone(), inner_start, outer_start }
    }

    /// The digest algorithm.
    pub(crate) fn algorithm(&self) -> DigestAlgorithm {
        self.inner.algorithm()
    }

    /// Forgets the data absorbed so far, keeping the key.
    pub(crate) fn restart(&mut self) {
        self.inner = self.inner_start.clone();
    }

    /// Absorbs `data`.
    pub(crate) fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// The MAC of the data absorbed since the start; the HMAC then starts over under
    /// the same key.
    pub(crate) fn finish(&mut self) -> Vec<u8> {
        let inner = std::mem::replace(&mut self.inner, self.inner_start.clone());
        let mut outer = self.outer_start.clone();
        outer.update(&inner.finish());
        outer.finish()
    }

    /// The MAC of `data` under `key` in one go.
    pub(crate) fn mac(alg: DigestAlgorithm, key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut hmac = Hmac::new(alg, key);
        hmac.update(data);
        hmac.finish()
    }
}

/// An HMAC operation as `HMAC_CTX` runs it: keyed by an init, restartable under the
/// same key by an init without one.
#[derive(Clone, Default)]
pub(crate) struct HmacCtx {
    hmac: Option<Hmac>,
}

impl HmacCtx {
    /// The digest of the current key, if any.
    pub(crate) fn algorithm(&self) -> Option<DigestAlgorithm> {
        self.hmac.as_ref().map(Hmac::algorithm)
    }

    /// `HMAC_Init_ex`: a new `key` (with `alg`, or the current digest when `None`), or,
    /// without a key, a restart under the current key (`alg` must then be `None` or the
    /// current digest).
    pub(crate) fn init(&mut self, key: Option<&[u8]>, alg: Option<DigestAlgorithm>) -> Result<(), Error> {
        let current = self.algorithm();
        match (key, alg.or(current)) {
            (Some(key), Some(alg)) => self.hmac = Some(Hmac::new(alg, key)),
            (Some(_), None) => {
                return Err(Error::local(Reason::PASSED_NULL_PARAMETER, "HMAC_Init_ex: no digest given"))
            }
            (None, _) if alg.is_some() && alg != current => {
                return Err(Error::local(Reason::UNINITIALIZED, "HMAC_Init_ex: a new digest needs a key"))
            }
            (None, _) => self.keyed()?.restart(),
        }
        Ok(())
    }

    /// The keyed HMAC, or an error when no key has been set.
    pub(crate) fn keyed(&mut self) -> Result<&mut Hmac, Error> {
        self.hmac.as_mut().ok_or_else(|| Error::local(Reason::UNINITIALIZED, "the HMAC has no key (call HMAC_Init_ex)"))
    }

    /// Forgets the key and the data.
    pub(crate) fn reset(&mut self) {
        self.hmac = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 6 (a key longer than the block) for SHA-256, against ring.
    #[test]
    fn long_keys_are_hashed_first() {
        let key = [0xaau8; 131];
        let data = b"Test Using Larger Than Block-Size Key - Hash Key First";
        let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
        let expected = ring::hmac::sign(&ring_key, data);
        assert_eq!(Hmac::mac(DigestAlgorithm::Sha256, &key, data), expected.as_ref());
    }

    #[test]
    fn an_init_without_key_restarts_under_the_same_key_only() {
        let mut ctx = HmacCtx::default();
        assert!(ctx.init(None, None).is_err());
        ctx.init(Some(b"k"), Some(DigestAlgorithm::Sha1)).unwrap();
        ctx.keyed().unwrap().update(b"junk");
        ctx.init(None, None).unwrap();
        ctx.keyed().unwrap().update(b"abc");
        assert_eq!(ctx.keyed().unwrap().finish(), Hmac::mac(DigestAlgorithm::Sha1, b"k", b"abc"));
        assert!(ctx.init(None, Some(DigestAlgorithm::Sha256)).is_err());
    }
}

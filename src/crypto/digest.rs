//! The message digests of the libcrypto API (`EVP_MD`, `MD5_*`, `SHA*_*`): each
//! algorithm's identity (OpenSSL's NID and names, sizes) and a running hash of any of
//! them, on the md-5, sha1 and sha2 crates.

use crate::error::{Error, Reason};
use sha2::Digest;

/// A digest algorithm that `EVP_MD` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DigestAlgorithm {
    /// MD5 (RFC 1321), for protocols that still need it (HTTP digest authentication).
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA-512/256 (SHA-512 with its own initial value, cut to 256 bits).
    Sha512_256,
}

/// Every digest algorithm, in the order of [`DigestAlgorithm::index`].
pub(crate) const ALL_DIGESTS: [DigestAlgorithm; 7] = [
    DigestAlgorithm::Md5,
    DigestAlgorithm::Sha1,
    DigestAlgorithm::Sha224,
    DigestAlgorithm::Sha256,
    DigestAlgorithm::Sha384,
    DigestAlgorithm::Sha512,
    DigestAlgorithm::Sha512_256,
];

/// The longest digest (`EVP_MAX_MD_SIZE` is 64 in OpenSSL).
pub(crate) const MAX_DIGEST_LEN: usize = 64;

impl DigestAlgorithm {
    /// The position of the algorithm in [`ALL_DIGESTS`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// OpenSSL's NID for the algorithm (`NID_sha256` ...).
    pub(crate) fn nid(self) -> i32 {
        match self {
            DigestAlgorithm::Md5 => 4,
            DigestAlgorithm::Sha1 => 64,
            DigestAlgorithm::Sha224 => 675,
            DigestAlgorithm::Sha256 => 672,
            DigestAlgorithm::Sha384 => 673,
            DigestAlgorithm::Sha512 => 674,
            DigestAlgorithm::Sha512_256 => 1095,
        }
    }

    /// The name OpenSSL 3 gives the algorithm (`EVP_MD_get0_name`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Md5 => "MD5",
            DigestAlgorithm::Sha1 => "SHA1",
            DigestAlgorithm::Sha224 => "SHA224",
            DigestAlgorithm::Sha256 => "SHA256",
            DigestAlgorithm::Sha384 => "SHA384",
            DigestAlgorithm::Sha512 => "SHA512",
            DigestAlgorithm::Sha512_256 => "SHA512-256",
        }
    }

    /// The other names OpenSSL accepts for the algorithm (short and long object names,
    /// and the provider's aliases), besides [`DigestAlgorithm::name`].
    fn aliases(self) -> &'static [&'static str] {
        match self {
            DigestAlgorithm::Md5 => &["md5", "SSL3-MD5"],
            DigestAlgorithm::Sha1 => &["sha1", "SHA-1", "SSL3-SHA1"],
            DigestAlgorithm::Sha224 => &["sha224", "SHA2-224", "SHA-224"],
            DigestAlgorithm::Sha256 => &["sha256", "SHA2-256", "SHA-256"],
            DigestAlgorithm::Sha384 => &["sha384", "SHA2-384", "SHA-384"],
            DigestAlgorithm::Sha512 => &["sha512", "SHA2-512", "SHA-512"],
            DigestAlgorithm::Sha512_256 => &["sha512-256", "SHA2-512/256", "SHA-512/256"],
        }
    }

    /// The algorithm called `name` (any of OpenSSL's names for it, in any case).
    pub(crate) fn from_name(name: &str) -> Option<DigestAlgorithm> {
        ALL_DIGESTS.into_iter().find(|alg| {
            alg.name().eq_ignore_ascii_case(name) || alg.aliases().iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }

    /// The algorithm whose NID is `nid`.
    pub(crate) fn from_nid(nid: i32) -> Option<DigestAlgorithm> {
        ALL_DIGESTS.into_iter().find(|alg| alg.nid() == nid)
    }

    /// Bytes in a digest.
    pub(crate) fn output_len(self) -> usize {
        match self {
            DigestAlgorithm::Md5 => 16,
            DigestAlgorithm::Sha1 => 20,
            DigestAlgorithm::Sha224 => 28,
            DigestAlgorithm::Sha256 | DigestAlgorithm::Sha512_256 => 32,
            DigestAlgorithm::Sha384 => 48,
            DigestAlgorithm::Sha512 => 64,
        }
    }

    /// Bytes in an input block of the compression function (what HMAC pads keys to).
    pub(crate) fn block_len(self) -> usize {
        match self {
            DigestAlgorithm::Md5 | DigestAlgorithm::Sha1 | DigestAlgorithm::Sha224 | DigestAlgorithm::Sha256 => 64,
            DigestAlgorithm::Sha384 | DigestAlgorithm::Sha512 | DigestAlgorithm::Sha512_256 => 128,
        }
    }

    /// A hash of this algorithm over no data yet.
    pub(crate) fn start(self) -> Hasher {
        match self {
            DigestAlgorithm::Md5 => Hasher::Md5(md5::Md5::new()),
            DigestAlgorithm::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            DigestAlgorithm::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
            DigestAlgorithm::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            DigestAlgorithm::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            DigestAlgorithm::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
            DigestAlgorithm::Sha512_256 => Hasher::Sha512_256(sha2::Sha512_256::new()),
        }
    }

    /// The digest of `data` in one go.
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut hasher = self.start();
        hasher.update(data);
        hasher.finish()
    }
}

/// A hash in progress. It holds no pointers, so a bitwise copy is an independent copy
/// (C programs copy `MD5_CTX` structures by assignment).
#[derive(Clone)]
pub(crate) enum Hasher {
    /// MD5.
    Md5(md5::Md5),
    /// SHA-1.
    Sha1(sha1::Sha1),
    /// SHA-224.
    Sha224(sha2::Sha224),
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SHA-384.
    Sha384(sha2::Sha384),
    /// SHA-512.
    Sha512(sha2::Sha512),
    /// SHA-512/256.
    Sha512_256(sha2::Sha512_256),
}

/// Runs `$body` with `$h` bound to the crate's hasher inside a [`Hasher`].
macro_rules! with_hasher {
    ($hasher:expr, $h:ident => $body:expr) => {
        match $hasher {
            Hasher::Md5($h) => $body,
            Hasher::Sha1($h) => $body,
            Hasher::Sha224($h) => $body,
            Hasher::Sha256($h) => $body,
            Hasher::Sha384($h) => $body,
            Hasher::Sha512($h) => $body,
            Hasher::Sha512_256($h) => $body,
        }
    };
}

impl Hasher {
    /// The algorithm being computed.
    pub(crate) fn algorithm(&self) -> DigestAlgorithm {
        match self {
            Hasher::Md5(_) => DigestAlgorithm::Md5,
            Hasher::Sha1(_) => DigestAlgorithm::Sha1,
            Hasher::Sha224(_) => DigestAlgorithm::Sha224,
            Hasher::Sha256(_) => DigestAlgorithm::Sha256,
            Hasher::Sha384(_) => DigestAlgorithm::Sha384,
            Hasher::Sha512(_) => DigestAlgorithm::Sha512,
            Hasher::Sha512_256(_) => DigestAlgorithm::Sha512_256,
        }
    }

    /// Absorbs `data`.
    pub(crate) fn update(&mut self, data: &[u8]) {
        with_hasher!(self, h => Digest::update(h, data))
    }

    /// The digest of everything absorbed ([`DigestAlgorithm::output_len`] bytes).
    pub(crate) fn finish(self) -> Vec<u8> {
        with_hasher!(self, h => h.finalize().to_vec())
    }
}

/// A digest operation as `EVP_MD_CTX` runs it: a digest chosen by the first init and
/// kept for the next, and a running hash between an init and a final.
#[derive(Clone, Default)]
pub(crate) struct DigestCtx {
    alg: Option<DigestAlgorithm>,
    hasher: Option<Hasher>,
}

impl DigestCtx {
    /// The digest set by the last init.
    pub(crate) fn algorithm(&self) -> Option<DigestAlgorithm> {
        self.alg
    }

    /// Starts a hash of `alg`, or of the digest of the previous init when `None`.
    pub(crate) fn init(&mut self, alg: Option<DigestAlgorithm>) -> Result<(), Error> {
        let alg = alg.or(self.alg).ok_or_else(|| {
            Error::local(Reason::UNINITIALIZED, "no digest set: EVP_DigestInit needs a digest the first time")
        })?;
        self.alg = Some(alg);
        self.hasher = Some(alg.start());
        Ok(())
    }

    fn running(&mut self) -> Result<&mut Hasher, Error> {
        self.hasher.as_mut().ok_or_else(|| {
            Error::local(Reason::UNINITIALIZED, "the digest context is not initialised (call EVP_DigestInit_ex)")
        })
    }

    /// Absorbs `data`; fails between a final and the next init.
    pub(crate) fn update(&mut self, data: &[u8]) -> Result<(), Error> {
        self.running()?.update(data);
        Ok(())
    }

    /// The digest of the data since the init; the next update needs a new init.
    pub(crate) fn finish(&mut self) -> Result<Vec<u8>, Error> {
        self.running()?;
        Ok(self.hasher.take().map(Hasher::finish).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_nids_find_each_algorithm() {
        for alg in ALL_DIGESTS {
            assert_eq!(ALL_DIGESTS[alg.index()], alg);
            assert_eq!(DigestAlgorithm::from_name(alg.name()), Some(alg));
            assert_eq!(DigestAlgorithm::from_name(&alg.name().to_lowercase()), Some(alg));
            assert_eq!(DigestAlgorithm::from_nid(alg.nid()), Some(alg));
            assert_eq!(alg.digest(b"abc").len(), alg.output_len());
            assert!(alg.output_len() <= MAX_DIGEST_LEN);
        }
        assert_eq!(DigestAlgorithm::from_name("whirlpool"), None);
    }

    #[test]
    fn a_context_keeps_its_digest_and_refuses_updates_after_final() {
        let mut ctx = DigestCtx::default();
        assert!(ctx.init(None).is_err());
        ctx.init(Some(DigestAlgorithm::Sha1)).unwrap();
        ctx.update(b"abc").unwrap();
        assert_eq!(ctx.finish().unwrap(), DigestAlgorithm::Sha1.digest(b"abc"));
        assert!(ctx.update(b"x").is_err());
        ctx.init(None).unwrap();
        assert_eq!(ctx.finish().unwrap(), DigestAlgorithm::Sha1.digest(b""));
    }
}

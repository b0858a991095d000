//! RSA key exchange (RFC 5246 7.4.7.1). The client encrypts the 48-byte premaster secret
//! to the key in the server's certificate with PKCS#1 v1.5; the server decrypts it.
//!
//! The server side defends against Bleichenbacher's attack and its descendants (ROBOT):
//! whatever the ciphertext, decryption "succeeds". A fresh random premaster is made first;
//! the padding, the separator position and the version bytes are checked without
//! branching on any of them, and the decrypted value or the random one is picked by a
//! constant-time select. A bad ciphertext therefore fails only later, at Finished, like
//! any other disagreement about keys. The bignum arithmetic (blinded, constant time) is the
//! `rsa` crate's raw `hazmat` decryption; the padding check is ours.
//!
//! The same crate makes and checks the PKCS#1 v1.5 signatures ring has no pair for
//! (SHA-1 and SHA-224), over our own digests.

use crate::crypto::hash::SignatureHash;
use crate::crypto::{fill_random, sign::rsa_modulus_bits};
use crate::error::{Error, Reason};
use crate::x509::der;
use ring::hmac;
use rsa::hazmat::rsa_decrypt_and_check;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::rand_core::{TryCryptoRng, TryRng};
use rsa::traits::{PaddingScheme, PublicKeyParts, SignatureScheme};
use rsa::{BoxedUint, Pkcs1v15Encrypt, Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::ops::RangeInclusive;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

/// PKCS#1 v1.5 signature padding for `hash`: the DER DigestInfo that goes before the
/// digest (RFC 8017 9.2, note 1), and the digest's length.
fn pkcs1_padding(hash: SignatureHash) -> Pkcs1v15Sign {
    /// The DigestInfo prefix of the SHA-2 hashes, up to the byte that tells which.
    fn sha2(total_len: u8, which: u8, digest_len: u8) -> Vec<u8> {
        let oid = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, which];
        [&[0x30, total_len, 0x30, 0x0d][..], &oid, &[0x05, 0x00, 0x04, digest_len]].concat()
    }
    let (prefix, hash_len) = match hash {
        SignatureHash::Sha1 => {
            (vec![0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14], 20)
        }
        SignatureHash::Sha224 => (sha2(0x2d, 0x04, 28), 28),
        SignatureHash::Sha256 => (sha2(0x31, 0x01, 32), 32),
        SignatureHash::Sha384 => (sha2(0x41, 0x02, 48), 48),
        SignatureHash::Sha512 => (sha2(0x51, 0x03, 64), 64),
    };
    Pkcs1v15Sign { hash_len: Some(hash_len), prefix: prefix.into_boxed_slice() }
}

/// Whether `signature` is a valid PKCS#1 v1.5 signature over `message` hashed with
/// `hash`, by `public_key` (a DER RSAPublicKey, as a certificate carries it). `None`
/// when the key cannot be read or its modulus is outside 1024 to 8192 bits.
pub fn verify_pkcs1(public_key: &[u8], hash: SignatureHash, message: &[u8], signature: &[u8]) -> Option<bool> {
    let key = RsaPublicKey::from_pkcs1_der(public_key).ok()?;
    if !MODULUS_BITS.contains(&(key.n().bits() as usize)) {
        return None;
    }
    Some(pkcs1_padding(hash).verify(&key, &hash.digest(message), signature).is_ok())
}

/// The length of the premaster secret (RFC 5246 7.4.7.1).
const PREMASTER_LEN: usize = 48;

/// The modulus sizes used for key exchange, in bits. 1024 is the floor of OpenSSL's
/// default security level 1; 8192 bounds the work a peer's key can cost us.
const MODULUS_BITS: RangeInclusive<usize> = 1024..=8192;

/// Client side: encrypts the premaster secret with PKCS#1 v1.5 (RFC 8017 7.2.1) to the
/// RSA public key in `cert`'s SubjectPublicKeyInfo.
///
/// Alerts: a certificate that cannot be read, or whose RSA key is malformed, is a
/// `bad_certificate`. A key that is not RSA is an `illegal_parameter` (the server chose an
/// RSA key exchange suite and then sent a certificate that cannot serve it; OpenSSL sends
/// the same alert with `wrong certificate type`). An RSA key outside 1024..=8192 bits is a
/// `handshake_failure`: the peer broke no rule, our policy refuses the key (as OpenSSL's
/// security level check does), and the message names the size.
pub fn encrypt_premaster(cert: &CertificateDer<'_>, premaster: &[u8; PREMASTER_LEN]) -> Result<Vec<u8>, Error> {
    let bad_certificate =
        |detail: &str| Error::bad_certificate(Reason::X509_LIB, format!("RSA key exchange: {detail}"));
    let spki = crate::x509::parse_certificate(cert)
        .ok()
        .and_then(|fields| der::parse_spki(fields.spki))
        .ok_or_else(|| bad_certificate("the server certificate cannot be read"))?;
    if spki.algorithm != der::OID_RSA_ENCRYPTION {
        return Err(Error::illegal(
            Reason::WRONG_CERTIFICATE_TYPE,
            "RSA key exchange needs a server certificate with an RSA key",
        ));
    }
    let bits = rsa_modulus_bits(spki.key).ok_or_else(|| bad_certificate("the certificate's RSA key is malformed"))?;
    if !MODULUS_BITS.contains(&bits) {
        return Err(Error::handshake_failure(
            Reason::SSL_HANDSHAKE_FAILURE,
            format!(
                "the server's RSA key has {bits} bits; RSA key exchange accepts {} to {}",
                MODULUS_BITS.start(),
                MODULUS_BITS.end()
            ),
        ));
    }
    let key = RsaPublicKey::from_pkcs1_der(spki.key)
        .map_err(|e| bad_certificate(&format!("the certificate's RSA key is unusable: {e}")))?;
    Pkcs1v15Encrypt
        .encrypt(&mut SystemRng, &key, premaster)
        .map_err(|e| Error::internal(format!("RSA encryption of the premaster failed: {e}")))
}

/// Server side: the decryption half of an RSA private key, which also makes the PKCS#1
/// v1.5 signatures ring cannot. The key is wiped when dropped.
pub struct RsaDecryptionKey {
    key: RsaPrivateKey,
    bits: usize,
    /// Keys the hash that turns fresh randomness and the ciphertext into the substitute
    /// premaster, so that the substitute stays unpredictable even if the operating
    /// system's generator ever fails.
    rejection_key: hmac::Key,
}

impl std::fmt::Debug for RsaDecryptionKey {
    /// Shows the size only, never key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RsaDecryptionKey").field("bits", &self.bits).finish()
    }
}

impl RsaDecryptionKey {
    /// Loads the key from the DER that [`SigningKey::from_der`] accepts, for RSA keys:
    /// PKCS#1 RSAPrivateKey or PKCS#8 with rsaEncryption. Moduli of 1024 to 8192 bits.
    ///
    /// [`SigningKey::from_der`]: crate::crypto::sign::SigningKey::from_der
    pub fn from_der(der: &PrivateKeyDer<'_>) -> Result<RsaDecryptionKey, Error> {
        let bad_key = |detail: String| Error::local(Reason::BAD_VALUE, detail);
        let key = match der {
            PrivateKeyDer::Pkcs1(key) => {
                RsaPrivateKey::from_pkcs1_der(key.secret_pkcs1_der()).map_err(|e| e.to_string())
            }
            PrivateKeyDer::Pkcs8(key) => {
                RsaPrivateKey::from_pkcs8_der(key.secret_pkcs8_der()).map_err(|e| e.to_string())
            }
            _ => Err("only PKCS#1 and PKCS#8 keys can be RSA keys".to_string()),
        }
        .map_err(|e| bad_key(format!("the RSA private key was rejected: {e}")))?;
        let bits = key.n().bits() as usize;
        if !MODULUS_BITS.contains(&bits) {
            return Err(bad_key(format!(
                "the RSA private key has {bits} bits; RSA key exchange accepts {} to {}",
                MODULUS_BITS.start(),
                MODULUS_BITS.end()
            )));
        }
        let mut secret = Zeroizing::new([0u8; PREMASTER_LEN]);
        fill_random(&mut *secret)?;
        Ok(RsaDecryptionKey { key, bits, rejection_key: hmac::Key::new(hmac::HMAC_SHA384, &*secret) })
    }

    /// Decrypts an EncryptedPreMasterSecret (RFC 5246 7.4.7.1) with the Bleichenbacher
    /// countermeasure, and never fails. A random 48-byte premaster R is made first. The
    /// result is the decrypted premaster when the ciphertext is exactly as long as the
    /// modulus, the PKCS#1 v1.5 block is `00 02`, at least 8 non-zero padding bytes and
    /// a `00` separator leaving exactly 48 bytes, and those begin with `client_version`
    /// (the version offered in the ClientHello); otherwise it is R. The checks neither
    /// branch nor return early on the decrypted bytes.
    pub fn decrypt_premaster(&self, ciphertext: &[u8], client_version: u16) -> Zeroizing<[u8; PREMASTER_LEN]> {
        let mut premaster = self.substitute_premaster(ciphertext);
        // Fails only on public facts (length, ciphertext not below the modulus), a
        // failing random generator (needed for blinding) or a CRT fault.
        let Some(block) = self.decrypt_block(ciphertext) else {
            return premaster;
        };
        let valid = check_block(&block, client_version);
        let message = block.iter().skip(block.len().saturating_sub(PREMASTER_LEN));
        for (out, decrypted) in premaster.iter_mut().zip(message) {
            out.conditional_assign(decrypted, valid);
        }
        premaster
    }

    /// Signs `message` hashed with `hash` with PKCS#1 v1.5 (blinded): for the pairs
    /// ring cannot make, SHA-1 (RFC 5246 7.4.1.4.1's default too) and SHA-224.
    pub fn sign_pkcs1(&self, hash: SignatureHash, message: &[u8]) -> Result<Vec<u8>, Error> {
        pkcs1_padding(hash)
            .sign(Some(&mut SystemRng), &self.key, &hash.digest(message))
            .map_err(|e| Error::internal(format!("RSA PKCS#1 v1.5 signing with {hash:?} failed: {e}")))
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// R: HMAC-SHA-384 over 48 fresh random bytes and the ciphertext. While the
    /// generator works, R is random; were it to fail, R would still be unpredictable to
    /// the peer (it depends on a secret key), which is what keeps the padding check
    /// from becoming an oracle.
    fn substitute_premaster(&self, ciphertext: &[u8]) -> Zeroizing<[u8; PREMASTER_LEN]> {
        let mut fresh = Zeroizing::new([0u8; PREMASTER_LEN]);
        // A failure leaves `fresh` predictable; the keyed hash covers for it.
        let _ = fill_random(&mut *fresh);
        let mut context = hmac::Context::with_key(&self.rejection_key);
        context.update(&*fresh);
        context.update(ciphertext);
        let tag = context.sign();
        let mut premaster = Zeroizing::new([0u8; PREMASTER_LEN]);
        for (out, byte) in premaster.iter_mut().zip(tag.as_ref()) {
            *out = *byte;
        }
        premaster
    }

    /// RSADP with blinding and the CRT fault check, then I2OSP to the modulus length:
    /// the encoded block EM (RFC 8017 7.2.2 steps 1-2).
    fn decrypt_block(&self, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let k = self.key.size();
        if ciphertext.len() != k {
            return None;
        }
        let c = BoxedUint::from_be_slice(ciphertext, self.key.n_bits_precision()).ok()?;
        let m = Zeroizing::new(rsa_decrypt_and_check(&self.key, Some(&mut SystemRng), &c).ok()?);
        // The integer's storage is whole limbs, at least k bytes; as m < n, the bytes
        // before the last k are zero.
        let bytes = Zeroizing::new(m.to_be_bytes());
        let leading = bytes.len().checked_sub(k)?;
        Some(Zeroizing::new(bytes.iter().skip(leading).copied().collect()))
    }
}

/// Whether `block` is `00 02 PS 00 V M` with PS non-zero bytes, V the two bytes of
/// `client_version` and V M 48 bytes in all. Every byte is examined; which check applies
/// to a byte depends only on its position, never on a value.
fn check_block(block: &[u8], client_version: u16) -> Choice {
    let separator = block.len().saturating_sub(PREMASTER_LEN + 1);
    let [major, minor] = client_version.to_be_bytes();
    // At least 8 padding bytes between `00 02` and the separator (public: the length).
    let mut valid = Choice::from(u8::from(separator >= 10));
    for (i, byte) in block.iter().enumerate() {
        valid &= match i {
            0 => byte.ct_eq(&0),
            1 => byte.ct_eq(&2),
            i if i < separator => !byte.ct_eq(&0),
            i if i == separator => byte.ct_eq(&0),
            i if i == separator + 1 => byte.ct_eq(&major),
            i if i == separator + 2 => byte.ct_eq(&minor),
            _ => Choice::from(1),
        };
    }
    valid
}

/// The operating system's random generator (through ring), in the shape the `rsa`
/// crate takes for blinding and padding.
struct SystemRng;

impl TryRng for SystemRng {
    type Error = Error;

    fn try_next_u32(&mut self) -> Result<u32, Error> {
        let mut bytes = [0u8; 4];
        fill_random(&mut bytes)?;
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Error> {
        let mut bytes = [0u8; 8];
        fill_random(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Error> {
        fill_random(dst)
    }
}

impl TryCryptoRng for SystemRng {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::sign::KeyKind;
    use crate::keys::test_pki;
    use crate::msgs::enums::AlertDescription;
    use crate::testing::openssl;
    use rustls_pki_types::pem::PemObject;

    const TLS12: u16 = 0x0303;

    /// The path of a test fixture, as a string for command lines.
    fn fixture(name: &str) -> String {
        test_pki::get().path(name).display().to_string()
    }

    fn decryption_key(name: &str) -> RsaDecryptionKey {
        let pem = test_pki::get().bytes(name);
        let der = PrivateKeyDer::from_pem_slice(&pem).expect(name);
        RsaDecryptionKey::from_der(&der).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn pkcs1_signatures_are_openssls_for_every_hash() {
        use rsa::pkcs1::EncodeRsaPublicKey;
        let key = decryption_key("rsa2048-pkcs8.key");
        let public = key.key.to_public_key().to_pkcs1_der().expect("public key DER");
        for (hash, name) in [
            (SignatureHash::Sha1, "-sha1"),
            (SignatureHash::Sha224, "-sha224"),
            (SignatureHash::Sha256, "-sha256"),
            (SignatureHash::Sha384, "-sha384"),
            (SignatureHash::Sha512, "-sha512"),
        ] {
            let signature = key.sign_pkcs1(hash, b"params").expect("sign");
            assert_eq!(signature.len(), 256);
            assert_eq!(verify_pkcs1(public.as_bytes(), hash, b"params", &signature), Some(true), "{name}");
            assert_eq!(verify_pkcs1(public.as_bytes(), hash, b"other", &signature), Some(false), "{name}");
            // The same bytes as OpenSSL's `dgst -sign` (PKCS#1 v1.5 is deterministic).
            let theirs = openssl(&["dgst", name, "-sign", &fixture("rsa2048-pkcs8.key")], b"params");
            assert_eq!(signature, theirs, "{name}");
        }
        assert_eq!(verify_pkcs1(b"junk", SignatureHash::Sha1, b"params", &[0u8; 256]), None);
    }

    fn random_premaster(version: u16) -> [u8; PREMASTER_LEN] {
        let mut premaster = [0u8; PREMASTER_LEN];
        fill_random(&mut premaster).expect("random");
        premaster[..2].copy_from_slice(&version.to_be_bytes());
        premaster
    }

    /// A well-formed PKCS#1 v1.5 type 2 block of `k` bytes around `message`.
    fn encoded_block(k: usize, message: &[u8]) -> Vec<u8> {
        let mut padding = vec![0u8; k - message.len() - 3];
        fill_random(&mut padding).expect("random");
        let padding = padding.iter().map(|&b| b.max(1));
        [0, 2].into_iter().chain(padding).chain([0]).chain(message.iter().copied()).collect()
    }

    /// Raw RSA (no padding) with OpenSSL, to the key in the certificate `cert`.
    fn raw_encrypt(cert: &str, block: &[u8]) -> Vec<u8> {
        let args = ["pkeyutl", "-encrypt", "-certin", "-inkey", cert];
        openssl(&[&args[..], &["-pkeyopt", "rsa_padding_mode:none"]].concat(), block)
    }

    #[test]
    fn premasters_round_trip_with_both_key_encodings() {
        let cert = &test_pki::get().certs("rsa2048.pem")[0];
        for name in ["rsa2048-pkcs1.key", "rsa2048-pkcs8.key"] {
            let key = decryption_key(name);
            assert_eq!(key.bits(), 2048);
            let premaster = random_premaster(TLS12);
            let ciphertext = encrypt_premaster(cert, &premaster).expect("encrypt");
            assert_eq!(ciphertext.len(), 256);
            assert_eq!(*key.decrypt_premaster(&ciphertext, TLS12), premaster, "{name}");
        }
    }

    #[test]
    fn signing_keys_carry_the_decryption_key_when_rsa() {
        let pki = test_pki::get();
        let rsa = pki.key("rsa2048-pkcs1.key");
        assert_eq!(rsa.kind(), KeyKind::Rsa { bits: 2048 });
        let decryption = rsa.rsa_decryption_key().expect("an RSA key decrypts");
        assert_eq!(decryption.bits(), 2048);
        let premaster = random_premaster(TLS12);
        let ciphertext = encrypt_premaster(&pki.certs("rsa2048.pem")[0], &premaster).unwrap();
        assert_eq!(*decryption.decrypt_premaster(&ciphertext, TLS12), premaster);
        assert!(pki.key("p256-pkcs8.key").rsa_decryption_key().is_none());
        assert!(format!("{decryption:?}").contains("2048"));
    }

    #[test]
    fn openssl_interoperates_in_both_directions() {
        let cert = fixture("rsa2048.pem");
        let key = decryption_key("rsa2048-pkcs8.key");
        let pkcs1 = ["-pkeyopt", "rsa_padding_mode:pkcs1"];

        let premaster = random_premaster(TLS12);
        let args = ["pkeyutl", "-encrypt", "-certin", "-inkey", &cert];
        let theirs = openssl(&[&args[..], &pkcs1].concat(), &premaster);
        assert_eq!(*key.decrypt_premaster(&theirs, TLS12), premaster);

        let premaster = random_premaster(TLS12);
        let ours = encrypt_premaster(&test_pki::get().certs("rsa2048.pem")[0], &premaster).expect("encrypt");
        let private = fixture("rsa2048-pkcs8.key");
        let args = ["pkeyutl", "-decrypt", "-inkey", &private];
        assert_eq!(openssl(&[&args[..], &pkcs1].concat(), &ours), premaster);
    }

    #[test]
    fn bad_ciphertexts_yield_fresh_random_premasters() {
        let cert = fixture("rsa2048.pem");
        let key = decryption_key("rsa2048-pkcs8.key");
        let k = 256;
        let premaster = random_premaster(TLS12);
        let good_block = encoded_block(k, &premaster);
        let good = raw_encrypt(&cert, &good_block);
        // The hand-made block is right: it decrypts.
        assert_eq!(*key.decrypt_premaster(&good, TLS12), premaster);

        let altered = |change: &dyn Fn(&mut Vec<u8>)| {
            let mut block = good_block.clone();
            change(&mut block);
            raw_encrypt(&cert, &block)
        };
        let separator = k - PREMASTER_LEN - 1;
        let mut modulus = vec![0u8; k];
        let n = key.key.n_bytes();
        modulus[k - n.len()..].copy_from_slice(&n);
        let cases: Vec<(&str, Vec<u8>, u16)> = vec![
            ("first byte not zero", altered(&|b| b[0] = 1), TLS12),
            ("block type 1", altered(&|b| b[1] = 1), TLS12),
            ("zero among the first 8 padding bytes", altered(&|b| b[5] = 0), TLS12),
            ("zero late in the padding", altered(&|b| b[separator - 1] = 0), TLS12),
            ("no separator", altered(&|b| b[separator] = 0x5a), TLS12),
            (
                "separator one byte late (47-byte message)",
                altered(&|b| {
                    b[separator] = 0x5a;
                    b[separator + 1] = 0;
                }),
                TLS12,
            ),
            ("wrong version bytes", good.clone(), 0x0302),
            ("version bytes altered", altered(&|b| b[separator + 2] = 0x01), TLS12),
            ("one byte short", good[1..].to_vec(), TLS12),
            ("one byte long", [&[0u8][..], &good].concat(), TLS12),
            ("empty", Vec::new(), TLS12),
            ("all zeros", vec![0u8; k], TLS12),
            ("the modulus itself", modulus, TLS12),
            ("all ones, above the modulus", vec![0xff; k], TLS12),
        ];
        for (name, ciphertext, version) in cases {
            let first = key.decrypt_premaster(&ciphertext, version);
            let second = key.decrypt_premaster(&ciphertext, version);
            assert_ne!(*first, premaster, "{name}");
            assert_ne!(*second, premaster, "{name}");
            assert_ne!(*first, *second, "{name}: the substitute must be fresh each time");
        }
    }

    #[test]
    fn the_client_refuses_keys_it_cannot_use() {
        let pki = test_pki::get();
        let premaster = random_premaster(TLS12);

        let error = encrypt_premaster(&pki.certs("p256.pem")[0], &premaster).expect_err("EC");
        assert_eq!(error.alert, Some(AlertDescription::IllegalParameter));
        assert_eq!(error.reason, Reason::WRONG_CERTIFICATE_TYPE);

        let junk = CertificateDer::from(&b"junk"[..]);
        let error = encrypt_premaster(&junk, &premaster).expect_err("junk");
        assert_eq!(error.alert, Some(AlertDescription::BadCertificate));

        let make = |bits: &str| {
            let key = fixture(&format!("rsa-kx-{bits}.key"));
            let cert = fixture(&format!("rsa-kx-{bits}.pem"));
            let keygen = format!("rsa_keygen_bits:{bits}");
            openssl(&["genpkey", "-algorithm", "RSA", "-pkeyopt", &keygen, "-out", &key], b"");
            let subject = "/CN=localhost";
            openssl(&["req", "-x509", "-new", "-key", &key, "-subj", subject, "-out", &cert], b"");
            pki.certs(&format!("rsa-kx-{bits}.pem")).remove(0)
        };
        let error = encrypt_premaster(&make("512"), &premaster).expect_err("512 bits");
        assert_eq!(error.alert, Some(AlertDescription::HandshakeFailure));
        assert!(error.detail.contains("512 bits"), "{error}");

        // 1024 bits is the smallest accepted, on both sides.
        let ciphertext = encrypt_premaster(&make("1024"), &premaster).expect("1024 bits");
        let key = decryption_key("rsa-kx-1024.key");
        assert_eq!(key.bits(), 1024);
        assert_eq!(*key.decrypt_premaster(&ciphertext, TLS12), premaster);
    }

    #[test]
    fn only_rsa_private_keys_load_for_decryption() {
        let pki = test_pki::get();
        for name in ["p256-pkcs8.key", "p256-sec1.key"] {
            let der = PrivateKeyDer::from_pem_slice(&pki.bytes(name)).expect(name);
            let error = RsaDecryptionKey::from_der(&der).expect_err(name);
            assert_eq!(error.reason, Reason::BAD_VALUE, "{name}");
        }
        let garbage = PrivateKeyDer::Pkcs1(vec![0x30, 0x03, 0x02, 0x01, 0x00].into());
        assert!(RsaDecryptionKey::from_der(&garbage).is_err());
        assert_eq!(decryption_key("rsa3072-pkcs8.key").bits(), 3072);
    }
}

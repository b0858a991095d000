//! Our private keys and the signatures they make (ServerKeyExchange, CertificateVerify),
//! what each TLS 1.2 signature scheme stands for, and the check of a peer's signature
//! for the pairs ring does not verify.
//!
//! ring makes the common pairs (ECDSA P-256/SHA-256 and P-384/SHA-384, RSA PKCS#1 v1.5
//! and PSS with SHA-256/384/512, Ed25519). The rest of what TLS 1.2 allows goes to
//! RustCrypto: ECDSA with any hash on either curve (`ecdsa_prehash`), RSA PKCS#1 v1.5
//! with SHA-1 and SHA-224 (`rsa_kx`).

use crate::crypto::ecdsa_prehash::{self, EcdsaPrehashKey};
use crate::crypto::hash::SignatureHash;
use crate::crypto::rsa_kx::{self, RsaDecryptionKey};
use crate::error::{Error, Reason};
use crate::msgs::enums::{NamedGroup, SignatureScheme};
use crate::x509::der;
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair, RsaKeyPair};
use rustls_pki_types::{PrivateKeyDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer};
use zeroize::Zeroizing;

/// The schemes this library can sign and verify, in the order it prefers them:
/// OpenSSL 3.0's order, less what it has and we do not (Ed448, RSA-PSS keys, DSA). The
/// security level leaves out the weak ones (SHA-1 above level 0, SHA-224 above 2).
pub static SUPPORTED_SCHEMES: &[SignatureScheme] = &[
    SignatureScheme::EcdsaSecp256r1Sha256,
    SignatureScheme::EcdsaSecp384r1Sha384,
    SignatureScheme::EcdsaSecp521r1Sha512,
    SignatureScheme::Ed25519,
    SignatureScheme::RsaPssRsaeSha256,
    SignatureScheme::RsaPssRsaeSha384,
    SignatureScheme::RsaPssRsaeSha512,
    SignatureScheme::RsaPkcs1Sha256,
    SignatureScheme::RsaPkcs1Sha384,
    SignatureScheme::RsaPkcs1Sha512,
    SignatureScheme::EcdsaSha224,
    SignatureScheme::EcdsaSha1,
    SignatureScheme::RsaPkcs1Sha224,
    SignatureScheme::RsaPkcs1Sha1,
];

/// What a TLS 1.2 signature scheme stands for: the key, the padding and the hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeAlgorithm {
    /// RSA with PKCS#1 v1.5 padding.
    RsaPkcs1(SignatureHash),
    /// RSA-PSS with an rsaEncryption key (rsae), MGF1 and a salt as long as the hash.
    RsaPss(SignatureHash),
    /// ECDSA on any curve: in TLS 1.2 the scheme names only the hash (RFC 8422 5.1.1).
    Ecdsa(SignatureHash),
    /// Ed25519 (RFC 8422 5.1.1), which hashes inside.
    Ed25519,
}

impl SchemeAlgorithm {
    /// The algorithm `scheme` stands for; `None` for schemes this library does not know.
    pub fn of(scheme: SignatureScheme) -> Option<SchemeAlgorithm> {
        use SchemeAlgorithm::*;
        use SignatureHash::*;
        Some(match scheme {
            SignatureScheme::RsaPkcs1Sha1 => RsaPkcs1(Sha1),
            SignatureScheme::RsaPkcs1Sha224 => RsaPkcs1(Sha224),
            SignatureScheme::RsaPkcs1Sha256 => RsaPkcs1(Sha256),
            SignatureScheme::RsaPkcs1Sha384 => RsaPkcs1(Sha384),
            SignatureScheme::RsaPkcs1Sha512 => RsaPkcs1(Sha512),
            SignatureScheme::RsaPssRsaeSha256 => RsaPss(Sha256),
            SignatureScheme::RsaPssRsaeSha384 => RsaPss(Sha384),
            SignatureScheme::RsaPssRsaeSha512 => RsaPss(Sha512),
            SignatureScheme::EcdsaSha1 => Ecdsa(Sha1),
            SignatureScheme::EcdsaSha224 => Ecdsa(Sha224),
            SignatureScheme::EcdsaSecp256r1Sha256 => Ecdsa(Sha256),
            SignatureScheme::EcdsaSecp384r1Sha384 => Ecdsa(Sha384),
            SignatureScheme::EcdsaSecp521r1Sha512 => Ecdsa(Sha512),
            SignatureScheme::Ed25519 => Ed25519,
            _ => return None,
        })
    }

    /// Bits of security as OpenSSL 3.0 rates a signature algorithm for security
    /// levels: its hash's (SHA-1 64, SHA-224 112 ...), 128 for Ed25519.
    pub fn security_bits(self) -> u32 {
        match self {
            SchemeAlgorithm::RsaPkcs1(hash) | SchemeAlgorithm::RsaPss(hash) | SchemeAlgorithm::Ecdsa(hash) => {
                hash.security_bits()
            }
            SchemeAlgorithm::Ed25519 => 128,
        }
    }
}

/// The outcome of checking a peer's signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The signature is the key's, over the message.
    Valid,
    /// The key could make such signatures, but this one does not verify.
    Invalid,
    /// The key cannot make signatures of this scheme (another type, curve or size).
    WrongKey,
}

/// Checks `signature` over `message` with the public key in `spki` (a DER
/// SubjectPublicKeyInfo) for the pairs ring does not verify: ECDSA with SHA-1, SHA-224
/// or SHA-512 on P-256 or P-384, RSA PKCS#1 v1.5 with SHA-1 or SHA-224. Any other scheme
/// is [`SignatureCheck::WrongKey`].
pub fn verify_other_pairs(spki: &[u8], scheme: SignatureScheme, message: &[u8], signature: &[u8]) -> SignatureCheck {
    let Some(info) = der::parse_spki(spki) else {
        return SignatureCheck::WrongKey;
    };
    let valid = match SchemeAlgorithm::of(scheme) {
        Some(SchemeAlgorithm::RsaPkcs1(hash @ (SignatureHash::Sha1 | SignatureHash::Sha224)))
            if info.algorithm == der::OID_RSA_ENCRYPTION =>
        {
            rsa_kx::verify_pkcs1(info.key, hash, message, signature)
        }
        Some(SchemeAlgorithm::Ecdsa(hash @ (SignatureHash::Sha1 | SignatureHash::Sha224 | SignatureHash::Sha512)))
            if info.algorithm == der::OID_EC_PUBLIC_KEY =>
        {
            info.curve
                .and_then(|curve| group_for_curve(curve).ok())
                .and_then(|group| ecdsa_prehash::verify(group, info.key, hash, message, signature))
        }
        _ => None,
    };
    match valid {
        Some(true) => SignatureCheck::Valid,
        Some(false) => SignatureCheck::Invalid,
        None => SignatureCheck::WrongKey,
    }
}

/// The RSA modulus sizes ring signs with.
const RSA_BITS: std::ops::RangeInclusive<usize> = 2048..=4096;

/// What kind of key this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with a modulus of `bits` bits.
    Rsa {
        /// Modulus size.
        bits: usize,
    },
    /// ECDSA on the given curve.
    Ecdsa(NamedGroup),
    /// Ed25519 (RFC 8410 keys, RFC 8422 signatures).
    Ed25519,
}

impl KeyKind {
    /// The key's strength in bits of security, as OpenSSL rates it for security levels:
    /// RSA 1024 is 80, 2048 is 112, 3072 is 128, 7680 is 192, 15360 is 256; an EC key
    /// is half its order's size (P-256 and Ed25519 128, P-384 192).
    pub fn security_bits(self) -> u32 {
        match self {
            KeyKind::Rsa { bits } => rsa_security_bits(bits),
            KeyKind::Ecdsa(NamedGroup::Secp384r1) => 192,
            KeyKind::Ecdsa(NamedGroup::Secp521r1) => 256,
            KeyKind::Ecdsa(_) | KeyKind::Ed25519 => 128,
        }
    }
}

/// OpenSSL's `BN_security_bits` for an RSA modulus of `bits` bits (RFC 3766 steps).
pub fn rsa_security_bits(bits: usize) -> u32 {
    match bits {
        15360.. => 256,
        7680.. => 192,
        3072.. => 128,
        2048.. => 112,
        1024.. => 80,
        _ => 0,
    }
}

/// The ring key behind a [`SigningKey`].
enum KeyPairKind {
    Rsa {
        key: RsaKeyPair,
        bits: usize,
        /// The same key for RSA key exchange (ring cannot decrypt); boxed, being large.
        decryption: Box<RsaDecryptionKey>,
    },
    Ecdsa {
        key: EcdsaKeyPair,
        group: NamedGroup,
        /// The same key for the hashes ring does not pair with the curve.
        prehash: EcdsaPrehashKey,
    },
    Ed25519 {
        key: Ed25519KeyPair,
    },
}

/// A private key that signs handshake messages.
pub struct SigningKey {
    key: KeyPairKind,
}

impl std::fmt::Debug for SigningKey {
    /// Shows the kind of key only, never key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey").field("kind", &self.kind()).finish()
    }
}

impl SigningKey {
    /// Loads a key from DER (RSA PKCS#1 or PKCS#8, EC SEC1 or PKCS#8, Ed25519 PKCS#8).
    pub fn from_der(der: &PrivateKeyDer<'_>) -> Result<SigningKey, Error> {
        match der {
            PrivateKeyDer::Pkcs1(key) => Self::rsa_from_pkcs1(key.secret_pkcs1_der()),
            PrivateKeyDer::Sec1(key) => Self::ecdsa_from_sec1(key.secret_sec1_der()),
            PrivateKeyDer::Pkcs8(key) => Self::from_pkcs8(key.secret_pkcs8_der()),
            _ => Err(bad_key("the private key is in a format this library does not know")),
        }
    }

    /// The key's type and size.
    pub fn kind(&self) -> KeyKind {
        match &self.key {
            KeyPairKind::Rsa { bits, .. } => KeyKind::Rsa { bits: *bits },
            KeyPairKind::Ecdsa { group, .. } => KeyKind::Ecdsa(*group),
            KeyPairKind::Ed25519 { .. } => KeyKind::Ed25519,
        }
    }

    /// Whether this key can make signatures with `scheme`: an RSA key (2048 to 4096
    /// bits) every RSA scheme, an ECDSA key every ECDSA scheme whatever its curve (TLS
    /// 1.2 pairs any hash with any curve), an Ed25519 key ed25519.
    pub fn can_sign(&self, scheme: SignatureScheme) -> bool {
        let algorithm = SchemeAlgorithm::of(scheme);
        match &self.key {
            KeyPairKind::Rsa { bits, .. } => {
                RSA_BITS.contains(bits)
                    && matches!(algorithm, Some(SchemeAlgorithm::RsaPkcs1(_) | SchemeAlgorithm::RsaPss(_)))
            }
            KeyPairKind::Ecdsa { .. } => matches!(algorithm, Some(SchemeAlgorithm::Ecdsa(_))),
            KeyPairKind::Ed25519 { .. } => algorithm == Some(SchemeAlgorithm::Ed25519),
        }
    }

    /// Signs `message` (which is hashed as the scheme says) with one of the schemes of
    /// [`can_sign`](Self::can_sign): ring's pairs with ring, the others with RustCrypto.
    pub fn sign(&self, scheme: SignatureScheme, message: &[u8]) -> Result<Vec<u8>, Error> {
        if !self.can_sign(scheme) {
            return Err(Error::internal(format!("a {} key cannot sign with {}", self.kind_text(), scheme.text())));
        }
        let rng = SystemRandom::new();
        let failed = || Error::internal(format!("signing with {} failed", scheme.text()));
        let algorithm = SchemeAlgorithm::of(scheme);
        match &self.key {
            KeyPairKind::Rsa { key, decryption, .. } => match (rsa_padding(scheme), algorithm) {
                (Some(padding), _) => {
                    let mut signature = vec![0u8; key.public().modulus_len()];
                    key.sign(padding, &rng, message, &mut signature).map_err(|_| failed())?;
                    Ok(signature)
                }
                (None, Some(SchemeAlgorithm::RsaPkcs1(hash))) => decryption.sign_pkcs1(hash, message),
                (None, _) => Err(failed()),
            },
            KeyPairKind::Ecdsa { key, group, prehash } => match algorithm {
                _ if ecdsa_scheme(*group) == Some(scheme) => {
                    Ok(key.sign(&rng, message).map_err(|_| failed())?.as_ref().to_vec())
                }
                Some(SchemeAlgorithm::Ecdsa(hash)) => prehash.sign(hash, message),
                _ => Err(failed()),
            },
            // PureEdDSA signs the whole message (RFC 8422 5.10).
            KeyPairKind::Ed25519 { key } => Ok(key.sign(message).as_ref().to_vec()),
        }
    }

    /// The key's decryption half for RSA key exchange; `None` for EC and Ed25519 keys.
    pub fn rsa_decryption_key(&self) -> Option<&RsaDecryptionKey> {
        match &self.key {
            KeyPairKind::Rsa { decryption, .. } => Some(decryption.as_ref()),
            KeyPairKind::Ecdsa { .. } | KeyPairKind::Ed25519 { .. } => None,
        }
    }

    /// The public key as a certificate's SubjectPublicKeyInfo carries it in its BIT
    /// STRING: the DER RSAPublicKey for RSA, the uncompressed point for ECDSA, the 32
    /// bytes of the public key for Ed25519.
    pub fn public_key_bits(&self) -> &[u8] {
        match &self.key {
            KeyPairKind::Rsa { key, .. } => key.public_key().as_ref(),
            KeyPairKind::Ecdsa { key, .. } => key.public_key().as_ref(),
            KeyPairKind::Ed25519 { key } => key.public_key().as_ref(),
        }
    }

    /// Whether `spki` (a DER SubjectPublicKeyInfo) holds this key's public half.
    pub fn matches_spki(&self, spki: &[u8]) -> bool {
        let Some(info) = der::parse_spki(spki) else {
            return false;
        };
        let same_algorithm = match &self.key {
            KeyPairKind::Rsa { .. } => info.algorithm == der::OID_RSA_ENCRYPTION,
            KeyPairKind::Ecdsa { group, .. } => {
                info.algorithm == der::OID_EC_PUBLIC_KEY && info.curve == curve_oid(*group)
            }
            // RFC 8410 3: the parameters are absent.
            KeyPairKind::Ed25519 { .. } => info.algorithm == der::OID_ED25519 && info.curve.is_none(),
        };
        same_algorithm && info.key == self.public_key_bits()
    }

    /// "RSA 2048-bit", "ECDSA P-256", "Ed25519": the key described for messages.
    fn kind_text(&self) -> String {
        match self.kind() {
            KeyKind::Rsa { bits } => format!("RSA {bits}-bit"),
            KeyKind::Ecdsa(group) => format!("ECDSA {}", group.text()),
            KeyKind::Ed25519 => "Ed25519".to_string(),
        }
    }

    /// A PKCS#8 PrivateKeyInfo (RFC 5208), RSA, EC or Ed25519 by its algorithm
    /// identifier.
    fn from_pkcs8(pkcs8: &[u8]) -> Result<SigningKey, Error> {
        let malformed = || bad_key("the PKCS#8 private key is malformed");
        let mut fields = der::Reader::new(der::single(pkcs8, der::SEQUENCE).ok_or_else(malformed)?);
        fields.read(der::INTEGER).ok_or_else(malformed)?;
        let mut algorithm_id = der::Reader::new(fields.read(der::SEQUENCE).ok_or_else(malformed)?);
        let algorithm = algorithm_id.read(der::OID).ok_or_else(malformed)?;
        if algorithm == der::OID_RSA_ENCRYPTION {
            let key = RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| rejected("RSA", e))?;
            return Self::rsa(key, &PrivatePkcs8KeyDer::from(pkcs8).into());
        }
        if algorithm == der::OID_ED25519 {
            // OpenSSL writes version 1 PKCS#8 without the public key; the certificate
            // match (`matches_spki`) checks the pair instead.
            let key = Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8).map_err(|e| rejected("Ed25519", e))?;
            return Ok(SigningKey { key: KeyPairKind::Ed25519 { key } });
        }
        if algorithm != der::OID_EC_PUBLIC_KEY {
            return Err(bad_key("the PKCS#8 private key is neither RSA, EC nor Ed25519 (only those are supported)"));
        }
        let curve = algorithm_id.optional(der::OID).ok_or_else(malformed)?;
        let sec1 = fields.read(der::OCTET_STRING).ok_or_else(malformed)?;
        Self::ecdsa_from_pkcs8(group_for_curve(curve)?, pkcs8, sec1_private_key(sec1).ok_or_else(malformed)?)
    }

    /// An RSAPrivateKey (RFC 8017 A.1.2).
    fn rsa_from_pkcs1(pkcs1: &[u8]) -> Result<SigningKey, Error> {
        let key = RsaKeyPair::from_der(pkcs1).map_err(|e| rejected("RSA", e))?;
        Self::rsa(key, &PrivatePkcs1KeyDer::from(pkcs1).into())
    }

    /// An RSA key from ring for signing, and the same `der` loaded again for decryption.
    fn rsa(key: RsaKeyPair, der: &PrivateKeyDer<'_>) -> Result<SigningKey, Error> {
        let bits = rsa_modulus_bits(key.public_key().as_ref())
            .ok_or_else(|| bad_key("the RSA public key could not be read"))?;
        let decryption = Box::new(RsaDecryptionKey::from_der(der)?);
        Ok(SigningKey { key: KeyPairKind::Rsa { key, bits, decryption } })
    }

    /// An ECPrivateKey (RFC 5915), which ring only takes wrapped in PKCS#8.
    fn ecdsa_from_sec1(sec1: &[u8]) -> Result<SigningKey, Error> {
        let malformed = || bad_key("the EC private key is malformed");
        let mut fields = der::Reader::new(der::single(sec1, der::SEQUENCE).ok_or_else(malformed)?);
        let private_key = sec1_private_key_field(&mut fields).ok_or_else(malformed)?;
        let group = match fields.optional(der::CONTEXT_0) {
            Some(parameters) => group_for_curve(der::single(parameters, der::OID).ok_or_else(malformed)?)?,
            // Without parameters the private key's size tells the curve.
            None => match private_key.len() {
                32 => NamedGroup::Secp256r1,
                48 => NamedGroup::Secp384r1,
                _ => return Err(unsupported_curve()),
            },
        };
        let pkcs8 = wrap_sec1_in_pkcs8(group, sec1).ok_or_else(unsupported_curve)?;
        Self::ecdsa_from_pkcs8(group, &pkcs8, private_key)
    }

    /// An EC key from its PKCS#8 for ring, and from its private scalar `scalar` for the
    /// other hashes.
    fn ecdsa_from_pkcs8(group: NamedGroup, pkcs8: &[u8], scalar: &[u8]) -> Result<SigningKey, Error> {
        let algorithm: &'static EcdsaSigningAlgorithm = match group {
            NamedGroup::Secp256r1 => &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
            NamedGroup::Secp384r1 => &signature::ECDSA_P384_SHA384_ASN1_SIGNING,
            _ => return Err(unsupported_curve()),
        };
        let key = EcdsaKeyPair::from_pkcs8(algorithm, pkcs8, &SystemRandom::new()).map_err(|e| rejected("EC", e))?;
        // ring accepted the scalar, so it is in range; only its length can still differ.
        let prehash = EcdsaPrehashKey::new(group, scalar)
            .ok_or_else(|| bad_key("the EC private key's scalar does not have the curve's size"))?;
        Ok(SigningKey { key: KeyPairKind::Ecdsa { key, group, prehash } })
    }
}

/// ring's padding for an RSA scheme.
fn rsa_padding(scheme: SignatureScheme) -> Option<&'static dyn signature::RsaEncoding> {
    Some(match scheme {
        SignatureScheme::RsaPssRsaeSha256 => &signature::RSA_PSS_SHA256,
        SignatureScheme::RsaPssRsaeSha384 => &signature::RSA_PSS_SHA384,
        SignatureScheme::RsaPssRsaeSha512 => &signature::RSA_PSS_SHA512,
        SignatureScheme::RsaPkcs1Sha256 => &signature::RSA_PKCS1_SHA256,
        SignatureScheme::RsaPkcs1Sha384 => &signature::RSA_PKCS1_SHA384,
        SignatureScheme::RsaPkcs1Sha512 => &signature::RSA_PKCS1_SHA512,
        _ => return None,
    })
}

/// The privateKey of an ECPrivateKey (RFC 5915): the scalar's bytes.
fn sec1_private_key(sec1: &[u8]) -> Option<&[u8]> {
    sec1_private_key_field(&mut der::Reader::new(der::single(sec1, der::SEQUENCE)?))
}

/// Reads the version and the privateKey of an ECPrivateKey's fields, leaving the
/// optional parameters and public key to read.
fn sec1_private_key_field<'a>(fields: &mut der::Reader<'a>) -> Option<&'a [u8]> {
    fields.read(der::INTEGER)?;
    fields.read(der::OCTET_STRING)
}

/// The scheme ring signs with for an ECDSA key on `group`.
fn ecdsa_scheme(group: NamedGroup) -> Option<SignatureScheme> {
    match group {
        NamedGroup::Secp256r1 => Some(SignatureScheme::EcdsaSecp256r1Sha256),
        NamedGroup::Secp384r1 => Some(SignatureScheme::EcdsaSecp384r1Sha384),
        _ => None,
    }
}

/// The OID naming `group` in key and certificate encodings.
fn curve_oid(group: NamedGroup) -> Option<&'static [u8]> {
    match group {
        NamedGroup::Secp256r1 => Some(der::OID_P256),
        NamedGroup::Secp384r1 => Some(der::OID_P384),
        _ => None,
    }
}

/// The group a curve OID names, if it is one we sign with.
fn group_for_curve(oid: &[u8]) -> Result<NamedGroup, Error> {
    [NamedGroup::Secp256r1, NamedGroup::Secp384r1]
        .into_iter()
        .find(|group| curve_oid(*group) == Some(oid))
        .ok_or_else(unsupported_curve)
}

/// PKCS#8 around an ECPrivateKey: version 0, id-ecPublicKey with the named curve, and
/// the SEC1 encoding as the privateKey OCTET STRING. Written into one buffer of exact
/// size, which is wiped when dropped.
fn wrap_sec1_in_pkcs8(group: NamedGroup, sec1: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let version = der::encode(der::INTEGER, &[0]);
    let algorithm_id = der::encode(
        der::SEQUENCE,
        &[der::encode(der::OID, der::OID_EC_PUBLIC_KEY), der::encode(der::OID, curve_oid(group)?)].concat(),
    );
    let content_len = version.len() + algorithm_id.len() + der::encoded_len(sec1.len());
    let mut pkcs8 = Zeroizing::new(Vec::with_capacity(der::encoded_len(content_len)));
    der::write_header(&mut pkcs8, der::SEQUENCE, content_len);
    pkcs8.extend_from_slice(&version);
    pkcs8.extend_from_slice(&algorithm_id);
    der::write_header(&mut pkcs8, der::OCTET_STRING, sec1.len());
    pkcs8.extend_from_slice(sec1);
    Some(pkcs8)
}

/// The exact bit length of the modulus in a DER RSAPublicKey.
pub(crate) fn rsa_modulus_bits(public_key: &[u8]) -> Option<usize> {
    let mut fields = der::Reader::new(der::single(public_key, der::SEQUENCE)?);
    let modulus = fields.read(der::INTEGER)?;
    let first_nonzero = modulus.iter().position(|&b| b != 0)?;
    let significant = &modulus[first_nonzero..];
    Some(significant.len() * 8 - significant[0].leading_zeros() as usize)
}

#[track_caller]
fn bad_key(detail: impl Into<String>) -> Error {
    Error::local(Reason::BAD_VALUE, detail)
}

#[track_caller]
fn unsupported_curve() -> Error {
    bad_key("the EC private key is on a curve this library does not support (only P-256 and P-384)")
}

#[track_caller]
fn rejected(kind: &str, reason: ring::error::KeyRejected) -> Error {
    bad_key(format!("the {kind} private key was rejected: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::test_pki;
    use crate::verify::verify_signature;

    #[test]
    fn every_key_format_loads_with_its_kind() {
        let pki = test_pki::get();
        for (name, kind) in [
            ("rsa2048-pkcs1.key", KeyKind::Rsa { bits: 2048 }),
            ("rsa2048-pkcs8.key", KeyKind::Rsa { bits: 2048 }),
            ("rsa3072-pkcs8.key", KeyKind::Rsa { bits: 3072 }),
            ("p256-sec1.key", KeyKind::Ecdsa(NamedGroup::Secp256r1)),
            ("p256-pkcs8.key", KeyKind::Ecdsa(NamedGroup::Secp256r1)),
            ("p384-sec1.key", KeyKind::Ecdsa(NamedGroup::Secp384r1)),
            ("p384-pkcs8.key", KeyKind::Ecdsa(NamedGroup::Secp384r1)),
            ("ed25519.key", KeyKind::Ed25519),
        ] {
            let key = pki.key(name);
            assert_eq!(key.kind(), kind, "{name}");
        }
    }

    #[test]
    fn unsupported_keys_are_errors_not_panics() {
        let pki = test_pki::get();
        for name in ["p521-sec1.key", "p521-pkcs8.key", "ed448.key", "rsa1024-pkcs8.key"] {
            let error = crate::keys::key_from_pem_file(&pki.path(name)).expect_err(name);
            assert_eq!(error.reason, Reason::BAD_VALUE, "{name}: {error}");
        }
        let garbage = PrivateKeyDer::Pkcs8(vec![0x30, 0x03, 0x02, 0x01, 0x00].into());
        assert!(SigningKey::from_der(&garbage).is_err());
        let truncated = PrivateKeyDer::Sec1(vec![0x30, 0x82, 0x01].into());
        assert!(SigningKey::from_der(&truncated).is_err());
    }

    #[test]
    fn sign_and_verify_roundtrip_for_every_scheme() {
        let pki = test_pki::get();
        let message = b"the ServerKeyExchange params";
        for (key_name, cert_name) in [
            ("rsa2048-pkcs1.key", "rsa2048.pem"),
            ("p256-sec1.key", "p256.pem"),
            ("p384-pkcs8.key", "p384.pem"),
            ("ed25519.key", "ed25519.pem"),
        ] {
            let key = pki.key(key_name);
            let cert = &pki.certs(cert_name)[0];
            let schemes: Vec<_> = SUPPORTED_SCHEMES.iter().copied().filter(|s| key.can_sign(*s)).collect();
            assert!(!schemes.is_empty(), "{key_name}");
            for scheme in schemes {
                let signature = key.sign(scheme, message).expect("sign");
                verify_signature(cert, scheme, message, &signature)
                    .unwrap_or_else(|e| panic!("{key_name} {}: {e}", scheme.text()));
                let error = verify_signature(cert, scheme, b"another message", &signature)
                    .expect_err("a signature over other bytes must fail");
                assert_eq!(error.reason, Reason::BAD_SIGNATURE);
            }
        }
    }

    #[test]
    fn keys_sign_only_their_schemes() {
        let pki = test_pki::get();
        let p256 = pki.key("p256-pkcs8.key");
        assert!(p256.can_sign(SignatureScheme::EcdsaSecp256r1Sha256));
        // TLS 1.2 pairs any hash with the curve.
        for scheme in [SignatureScheme::EcdsaSha1, SignatureScheme::EcdsaSha224, SignatureScheme::EcdsaSecp384r1Sha384]
        {
            assert!(p256.can_sign(scheme), "{}", scheme.text());
        }
        assert!(!p256.can_sign(SignatureScheme::RsaPkcs1Sha256));
        assert!(p256.sign(SignatureScheme::RsaPssRsaeSha256, b"x").is_err());
        let rsa = pki.key("rsa2048-pkcs8.key");
        assert!(rsa.can_sign(SignatureScheme::RsaPssRsaeSha512));
        assert!(rsa.can_sign(SignatureScheme::RsaPkcs1Sha1));
        assert!(rsa.can_sign(SignatureScheme::RsaPkcs1Sha224));
        assert!(!rsa.can_sign(SignatureScheme::EcdsaSecp256r1Sha256));
        assert!(!rsa.can_sign(SignatureScheme::from(0x0202)), "DSA");
        assert!(!rsa.can_sign(SignatureScheme::Ed25519));
        let ed25519 = pki.key("ed25519.key");
        assert!(ed25519.can_sign(SignatureScheme::Ed25519));
        assert!(!ed25519.can_sign(SignatureScheme::EcdsaSecp256r1Sha256));
        assert!(ed25519.rsa_decryption_key().is_none());
        assert!(crate::keys::key_matches_cert(&ed25519, &pki.certs("ed25519.pem")[0]));
        assert!(!crate::keys::key_matches_cert(&ed25519, &pki.certs("p256.pem")[0]));
        assert!(!crate::keys::key_matches_cert(&p256, &pki.certs("ed25519.pem")[0]));
    }

    /// The `openssl dgst` option for each hash.
    const DGST: [(SignatureHash, &str); 5] = [
        (SignatureHash::Sha1, "-sha1"),
        (SignatureHash::Sha224, "-sha224"),
        (SignatureHash::Sha256, "-sha256"),
        (SignatureHash::Sha384, "-sha384"),
        (SignatureHash::Sha512, "-sha512"),
    ];

    #[test]
    fn ecdsa_with_every_hash_interoperates_with_openssl() {
        use crate::testing::openssl;
        let pki = test_pki::get();
        let message = b"client_random server_random params";
        for (key_name, cert_name) in [("p256-sec1.key", "p256.pem"), ("p384-pkcs8.key", "p384.pem")] {
            let key = pki.key(key_name);
            let cert = &pki.certs(cert_name)[0];
            let cert_path = pki.path(cert_name).display().to_string();
            let key_path = pki.path(key_name).display().to_string();
            for (hash, option) in DGST {
                let scheme = SignatureScheme::from(match hash {
                    SignatureHash::Sha1 => 0x0203,
                    SignatureHash::Sha224 => 0x0303,
                    SignatureHash::Sha256 => 0x0403,
                    SignatureHash::Sha384 => 0x0503,
                    SignatureHash::Sha512 => 0x0603,
                });
                assert_eq!(SchemeAlgorithm::of(scheme), Some(SchemeAlgorithm::Ecdsa(hash)));
                let what = format!("{key_name} {option}");
                // Ours, checked by OpenSSL.
                let ours = key.sign(scheme, message).expect("sign");
                let signature_path = pki.path(&format!("{key_name}{option}.sig"));
                std::fs::write(&signature_path, &ours).expect("write the signature");
                let signature_path = signature_path.display().to_string();
                let public = openssl(&["x509", "-in", &cert_path, "-pubkey", "-noout"], b"");
                let public_path = pki.path(&format!("{key_name}.pub"));
                std::fs::write(&public_path, public).expect("write the public key");
                let public_path = public_path.display().to_string();
                let args = ["dgst", option, "-verify", &public_path, "-signature", &signature_path];
                let verdict = openssl(&args, message);
                assert_eq!(String::from_utf8_lossy(&verdict).trim(), "Verified OK", "{what}");
                // OpenSSL's, checked by us; another message fails.
                let theirs = openssl(&["dgst", option, "-sign", &key_path], message);
                verify_signature(cert, scheme, message, &theirs).unwrap_or_else(|e| panic!("{what}: {e}"));
                let error = verify_signature(cert, scheme, b"other", &theirs).expect_err(&what);
                assert_eq!(error.alert, Some(crate::msgs::enums::AlertDescription::DecryptError), "{what}");
            }
        }
    }

    #[test]
    fn rsa_pkcs1_with_sha1_and_sha224_interoperates_with_openssl() {
        use crate::testing::openssl;
        let pki = test_pki::get();
        let key = pki.key("rsa2048-pkcs8.key");
        let cert = &pki.certs("rsa2048.pem")[0];
        let key_path = pki.path("rsa2048-pkcs8.key").display().to_string();
        for (scheme, option) in [(SignatureScheme::RsaPkcs1Sha1, "-sha1"), (SignatureScheme::RsaPkcs1Sha224, "-sha224")]
        {
            let theirs = openssl(&["dgst", option, "-sign", &key_path], b"params");
            assert_eq!(key.sign(scheme, b"params").expect("sign"), theirs, "{option}: PKCS#1 v1.5 is deterministic");
            verify_signature(cert, scheme, b"params", &theirs).unwrap_or_else(|e| panic!("{option}: {e}"));
            // Signed with SHA-256 but labelled with this hash: the signature does not verify.
            let sha256 = key.sign(SignatureScheme::RsaPkcs1Sha256, b"params").expect("sign");
            let error = verify_signature(cert, scheme, b"params", &sha256).expect_err(option);
            assert_eq!(error.alert, Some(crate::msgs::enums::AlertDescription::DecryptError), "{option}");
        }
    }
}

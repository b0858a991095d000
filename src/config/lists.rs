//! The lists an application names as text or bytes: key exchange groups
//! ("X25519:P-256:ffdhe2048"), signature algorithms ("ECDSA+SHA256:rsa_pss_rsae_sha256")
//! and ALPN protocol lists in wire format.

use crate::crypto::sign::SUPPORTED_SCHEMES;
use crate::msgs::enums::{NamedGroup, SignatureScheme};

/// Parses a group list such as "X25519:P-256:secp384r1:ffdhe3072". Unknown names
/// fail; groups that are known but not implemented (P-521, X448) are skipped.
pub fn parse_groups(list: &str) -> Result<Vec<NamedGroup>, String> {
    let mut out = Vec::new();
    for name in list.split(':').filter(|n| !n.is_empty()) {
        let group = match name.to_ascii_lowercase().as_str() {
            "x25519" => NamedGroup::X25519,
            "p-256" | "prime256v1" | "secp256r1" => NamedGroup::Secp256r1,
            "p-384" | "secp384r1" => NamedGroup::Secp384r1,
            "ffdhe2048" => NamedGroup::Ffdhe2048,
            "ffdhe3072" => NamedGroup::Ffdhe3072,
            "ffdhe4096" => NamedGroup::Ffdhe4096,
            "ffdhe6144" => NamedGroup::Ffdhe6144,
            "ffdhe8192" => NamedGroup::Ffdhe8192,
            // Known, but not implemented: skipped.
            "p-521" | "secp521r1" | "x448" => continue,
            _ => return Err(format!("unknown group \"{name}\"")),
        };
        if !out.contains(&group) {
            out.push(group);
        }
    }
    if out.is_empty() {
        return Err(format!("no group this library implements is in \"{list}\""));
    }
    Ok(out)
}

/// One signature algorithm name: OpenSSL's "SIG+HASH" form ("ECDSA+SHA256",
/// "RSA-PSS+SHA384", "RSA+SHA256") or a TLS 1.3 scheme name ("rsa_pss_rsae_sha256").
fn parse_sigalg(name: &str) -> Option<SignatureScheme> {
    use SignatureScheme as S;
    if let Some((sig, hash)) = name.split_once('+') {
        let hash = hash.to_ascii_uppercase();
        let pick = |[sha1, sha224, sha256, sha384, sha512]: [Option<S>; 5]| match hash.as_str() {
            "SHA1" => sha1,
            "SHA224" => sha224,
            "SHA256" => sha256,
            "SHA384" => sha384,
            "SHA512" => sha512,
            _ => None,
        };
        return match sig.to_ascii_uppercase().as_str() {
            "ECDSA" => pick([
                Some(S::EcdsaSha1),
                Some(S::EcdsaSha224),
                Some(S::EcdsaSecp256r1Sha256),
                Some(S::EcdsaSecp384r1Sha384),
                Some(S::EcdsaSecp521r1Sha512),
            ]),
            "RSA" => pick([
                Some(S::RsaPkcs1Sha1),
                Some(S::RsaPkcs1Sha224),
                Some(S::RsaPkcs1Sha256),
                Some(S::RsaPkcs1Sha384),
                Some(S::RsaPkcs1Sha512),
            ]),
            "RSA-PSS" | "PSS" => {
                pick([None, None, Some(S::RsaPssRsaeSha256), Some(S::RsaPssRsaeSha384), Some(S::RsaPssRsaeSha512)])
            }
            _ => None,
        };
    }
    (0x0200u16..0x0900).map(S::from).find(|s| !matches!(s, S::Unknown(_)) && s.text().eq_ignore_ascii_case(name))
}

/// Parses a signature algorithm list. Unknown names fail; known schemes this library
/// cannot use are skipped.
pub fn parse_sigalgs(list: &str) -> Result<Vec<SignatureScheme>, String> {
    let mut out = Vec::new();
    for name in list.split(':').filter(|n| !n.is_empty()) {
        let scheme = parse_sigalg(name).ok_or_else(|| format!("unknown signature algorithm \"{name}\""))?;
        if SUPPORTED_SCHEMES.contains(&scheme) && !out.contains(&scheme) {
            out.push(scheme);
        }
    }
    if out.is_empty() {
        return Err(format!("no signature algorithm this library implements is in \"{list}\""));
    }
    Ok(out)
}

/// The names of an ALPN protocol list in wire format (RFC 7301 3.1, without the
/// list's own length): each name one length byte and that many bytes. The iterator
/// stops at an empty name or one that runs past the end; [`AlpnNames::rest`] is then
/// what it could not read.
pub struct AlpnNames<'a> {
    /// The bytes not read yet.
    rest: &'a [u8],
}

impl<'a> AlpnNames<'a> {
    /// The names of `wire`.
    pub fn new(wire: &'a [u8]) -> Self {
        AlpnNames { rest: wire }
    }

    /// What is left after the names read so far (empty when the list was well formed
    /// and read to its end).
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }
}

impl<'a> Iterator for AlpnNames<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let (&len, after) = self.rest.split_first()?;
        let len = usize::from(len);
        if len == 0 || after.len() < len {
            return None;
        }
        let (name, rest) = after.split_at(len);
        self.rest = rest;
        Some(name)
    }
}

/// Writes `names` in ALPN's wire format, leaving out names that cannot be written
/// (empty, or longer than 255 bytes).
pub fn alpn_wire<'a>(names: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut wire = Vec::new();
    for name in names {
        if let Ok(len @ 1..) = u8::try_from(name.len()) {
            wire.push(len);
            wire.extend_from_slice(name);
        }
    }
    wire
}

/// Parses ALPN's wire format (length-prefixed names); `None` when malformed.
pub fn parse_alpn_wire(wire: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut names = AlpnNames::new(wire);
    let list = names.by_ref().map(<[u8]>::to_vec).collect();
    names.rest().is_empty().then_some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert_eq!(
            parse_groups("X25519:P-256:prime256v1:secp384r1:P-384:P-521").unwrap(),
            vec![NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1]
        );
        assert!(parse_groups("P-521").is_err());
        assert_eq!(
            parse_groups("ffdhe3072:X25519:ffdhe8192").unwrap(),
            vec![NamedGroup::Ffdhe3072, NamedGroup::X25519, NamedGroup::Ffdhe8192]
        );
        assert_eq!(parse_groups("ffdhe6144").unwrap(), vec![NamedGroup::Ffdhe6144]);
        assert!(parse_groups("brainpool").is_err());
        assert_eq!(
            parse_sigalgs("ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_rsae_sha384:ed25519").unwrap(),
            vec![
                SignatureScheme::EcdsaSecp256r1Sha256,
                SignatureScheme::RsaPssRsaeSha256,
                SignatureScheme::RsaPssRsaeSha384,
                SignatureScheme::Ed25519
            ]
        );
        assert!(parse_sigalgs("DSA+SHA256").is_err());
        assert!(parse_sigalgs("RSA-PSS+SHA224").is_err(), "no such scheme");
        assert_eq!(
            parse_sigalgs("RSA+SHA224:ecdsa_sha224:ECDSA+SHA1:rsa_pkcs1_sha1").unwrap(),
            vec![
                SignatureScheme::RsaPkcs1Sha224,
                SignatureScheme::EcdsaSha224,
                SignatureScheme::EcdsaSha1,
                SignatureScheme::RsaPkcs1Sha1
            ]
        );
        assert_eq!(parse_alpn_wire(b"\x02h2\x08http/1.1").unwrap(), vec![b"h2".to_vec(), b"http/1.1".to_vec()]);
        assert!(parse_alpn_wire(b"\x05h2").is_none());
        assert!(parse_alpn_wire(b"\x00").is_none());
        let long = [b'x'; 256];
        let wire = alpn_wire([&b"h2"[..], b"", &long, b"http/1.1"]);
        assert_eq!(wire, b"\x02h2\x08http/1.1", "empty and too long names are left out");
        let mut names = AlpnNames::new(b"\x02h2\x05h");
        assert_eq!(names.next(), Some(&b"h2"[..]));
        assert_eq!(names.next(), None);
        assert_eq!(names.rest(), b"\x05h", "the malformed tail is left");
    }
}

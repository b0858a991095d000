//! The one walk over a DER X.509 certificate (RFC 5280 4.1): the TBSCertificate's
//! fields borrowed from the encoding, its extensions through one strict iterator, and
//! what the extensions say about the certificate's use. The path builder and the key
//! checks read these views; [`super::Certificate`] makes its owned names and extension
//! values from the same walk.

use super::der::{self, Element};
use super::{bad, tag, Reader, Time};
use crate::error::Error;

/// OID content bytes of `basicConstraints` (2.5.29.19).
const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// OID content bytes of `keyUsage` (2.5.29.15).
const OID_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
/// OID content bytes of `extKeyUsage` (2.5.29.37).
const OID_EXT_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x25];
/// OID content bytes of `subjectKeyIdentifier` (2.5.29.14).
const OID_SUBJECT_KEY_ID: &[u8] = &[0x55, 0x1d, 0x0e];
/// OID content bytes of `authorityKeyIdentifier` (2.5.29.35).
const OID_AUTHORITY_KEY_ID: &[u8] = &[0x55, 0x1d, 0x23];
/// OID content bytes of Netscape's `nsCertType` (2.16.840.1.113730.1.1).
const OID_NS_CERT_TYPE: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x01];

/// The extended key usages this library tells apart (a set of bits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtendedKeyUsage(u8);

impl ExtendedKeyUsage {
    /// `id-kp-serverAuth` (1.3.6.1.5.5.7.3.1).
    pub const SERVER_AUTH: ExtendedKeyUsage = ExtendedKeyUsage(1);
    /// `id-kp-clientAuth` (1.3.6.1.5.5.7.3.2).
    pub const CLIENT_AUTH: ExtendedKeyUsage = ExtendedKeyUsage(2);
    /// Server Gated Cryptography, Netscape's (2.16.840.1.113730.4.1) or Microsoft's
    /// (1.3.6.1.4.1.311.10.3.3): OpenSSL still takes it for a TLS server.
    pub const SERVER_GATED_CRYPTO: ExtendedKeyUsage = ExtendedKeyUsage(4);

    /// The usage an OID names (none for the ones this library does not tell apart).
    fn from_oid(oid: &[u8]) -> ExtendedKeyUsage {
        const KP: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03];
        const NS_SGC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x04, 0x01];
        const MS_SGC: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0a, 0x03, 0x03];
        match oid {
            [kp @ .., 1] if kp == KP => ExtendedKeyUsage::SERVER_AUTH,
            [kp @ .., 2] if kp == KP => ExtendedKeyUsage::CLIENT_AUTH,
            o if o == NS_SGC || o == MS_SGC => ExtendedKeyUsage::SERVER_GATED_CRYPTO,
            _ => ExtendedKeyUsage(0),
        }
    }

    /// Whether any usage of `other` is in this set.
    pub fn intersects(self, other: ExtendedKeyUsage) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for ExtendedKeyUsage {
    type Output = ExtendedKeyUsage;
    fn bitor(self, other: ExtendedKeyUsage) -> ExtendedKeyUsage {
        ExtendedKeyUsage(self.0 | other.0)
    }
}

/// `keyUsage` bits as OpenSSL numbers them (`KU_*`: the first octet of the BIT STRING,
/// then the second octet shifted up by 8).
pub mod key_usage {
    /// `digitalSignature`.
    pub const DIGITAL_SIGNATURE: u16 = 0x80;
    /// `keyEncipherment`.
    pub const KEY_ENCIPHERMENT: u16 = 0x20;
    /// `keyAgreement`.
    pub const KEY_AGREEMENT: u16 = 0x08;
    /// `keyCertSign`.
    pub const KEY_CERT_SIGN: u16 = 0x04;
}

/// Netscape certificate type bits (`NS_*`).
pub mod ns_cert_type {
    /// `SSL client`.
    pub const SSL_CLIENT: u8 = 0x80;
    /// `SSL server`.
    pub const SSL_SERVER: u8 = 0x40;
    /// Any of `SSL CA`, `S/MIME CA` and `Object Signing CA`.
    pub const ANY_CA: u8 = 0x07;
}

/// The extensions of a certificate that decide what it may be used for and which
/// certificate issued it (RFC 5280 4.2.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage<'a> {
    /// basicConstraints cA (none when the extension is absent).
    pub ca: Option<bool>,
    /// keyUsage bits (none when absent), numbered as in [`key_usage`].
    pub key_usage: Option<u16>,
    /// extKeyUsage (none when absent).
    pub extended_key_usage: Option<ExtendedKeyUsage>,
    /// nsCertType bits (none when absent), as in [`ns_cert_type`].
    pub ns_cert_type: Option<u8>,
    /// subjectKeyIdentifier.
    pub subject_key_id: Option<&'a [u8]>,
    /// authorityKeyIdentifier's keyIdentifier.
    pub authority_key_id: Option<&'a [u8]>,
}

/// One extension of a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extension<'a> {
    /// The extension's OID (contents octets).
    pub oid: &'a [u8],
    /// Whether it is marked critical.
    pub critical: bool,
    /// The contents of its extnValue OCTET STRING (the DER of the extension's value).
    pub value: &'a [u8],
}

/// The extensions of a certificate, in order. Each item is one extension, or the error
/// for a malformed one: a SEQUENCE of an OID, a DER BOOLEAN `critical` (only ever TRUE,
/// since DER omits the default) and an OCTET STRING, with nothing else.
#[derive(Clone, Copy, Debug)]
pub struct Extensions<'a>(Reader<'a>);

impl<'a> Iterator for Extensions<'a> {
    type Item = Result<Extension<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        let read = |list: &mut Reader<'a>| {
            let mut extension = Reader::new(list.expect(tag::SEQUENCE, "extension is not a SEQUENCE")?);
            let oid = extension.expect(tag::OID, "extension id missing")?;
            let critical = match extension.optional(tag::BOOLEAN)? {
                None => false,
                Some([0xff]) => true,
                Some(_) => return Err(bad("extension's critical flag is not a DER TRUE")),
            };
            let value = extension.expect(tag::OCTET_STRING, "extension value missing")?;
            if !extension.is_empty() {
                return Err(bad("unexpected fields in an extension"));
            }
            Ok(Extension { oid, critical, value })
        };
        let item = read(&mut self.0);
        if item.is_err() {
            self.0 = Reader::new(&[]); // nothing after a malformed extension is read
        }
        Some(item)
    }
}

/// The parts of a certificate's TBSCertificate, and the issuer's signature over it,
/// borrowed from its encoding.
#[derive(Clone, Copy, Debug)]
pub struct CertificateFields<'a> {
    /// The TBSCertificate, whole encoding: the bytes the issuer signed.
    pub tbs: &'a [u8],
    /// The contents octets of the certificate's signatureAlgorithm (the OID and its
    /// parameters), as signature verifiers name algorithms.
    pub signed_with: &'a [u8],
    /// The signature value (the BIT STRING's contents, its unused-bits octet included).
    pub signature: &'a [u8],
    /// The version field as encoded (0 = v1, 2 = v3).
    pub version: u8,
    /// The serial number's content bytes (big-endian two's complement).
    pub serial: &'a [u8],
    /// The OID of the algorithm the issuer signed with (contents octets).
    pub signature_algorithm: &'a [u8],
    /// The issuer Name, whole encoding.
    pub issuer: &'a [u8],
    /// notBefore and notAfter, as encoded (UTCTime or GeneralizedTime).
    pub validity: [Element<'a>; 2],
    /// notBefore, seconds since the Unix epoch.
    pub not_before: i64,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: i64,
    /// The subject Name, whole encoding.
    pub subject: &'a [u8],
    /// The SubjectPublicKeyInfo, whole encoding.
    pub spki: &'a [u8],
    /// The extensions (none for a v1 certificate).
    pub extensions: Extensions<'a>,
    /// What the extensions say about its use and its issuer.
    pub usage: Usage<'a>,
}

impl CertificateFields<'_> {
    /// Whether the certificate is of version 3, the one that can carry extensions (and
    /// the only one webpki reads).
    pub fn has_extensions_version(&self) -> bool {
        self.version == 2
    }

    /// Whether the certificate names itself as its issuer.
    pub fn is_self_issued(&self) -> bool {
        self.issuer == self.subject
    }

    /// On what grounds the certificate may issue certificates, by OpenSSL's rules
    /// (`X509_check_ca`): none when basicConstraints says it is no CA, when a keyUsage
    /// lacks keyCertSign, or when nothing says it is one.
    pub fn ca_basis(&self) -> Option<CaBasis> {
        let usage = self.usage;
        if usage.key_usage.is_some_and(|k| k & key_usage::KEY_CERT_SIGN == 0) {
            return None;
        }
        match usage.ca {
            Some(true) => Some(CaBasis::BasicConstraints),
            Some(false) => None,
            None if self.version == 0 && self.is_self_issued() => Some(CaBasis::SelfIssuedV1),
            None if usage.key_usage.is_some() => Some(CaBasis::KeyUsage),
            None if usage.ns_cert_type.is_some_and(|t| t & ns_cert_type::ANY_CA != 0) => {
                Some(CaBasis::NetscapeCertType)
            }
            None => None,
        }
    }
}

/// What makes a certificate a CA in [`CertificateFields::ca_basis`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaBasis {
    /// basicConstraints says cA.
    BasicConstraints,
    /// No basicConstraints, and it is a self-issued v1 certificate.
    SelfIssuedV1,
    /// No basicConstraints, and a keyUsage allows keyCertSign.
    KeyUsage,
    /// No basicConstraints, and the Netscape certificate type names a CA.
    NetscapeCertType,
}

/// Reads a DER X.509 certificate (RFC 5280 4.1): the whole input must be one
/// certificate, its TBSCertificate must hold exactly the fields RFC 5280 lists, and
/// every extension must be well formed, the usage ones (basicConstraints, keyUsage,
/// extKeyUsage, key identifiers, nsCertType) down to their values.
pub fn parse_certificate(der: &[u8]) -> Result<CertificateFields<'_>, Error> {
    let mut outer = Reader::new(der);
    let cert = outer.expect(tag::SEQUENCE, "not a SEQUENCE")?;
    if !outer.is_empty() {
        return Err(bad("trailing bytes after the certificate"));
    }
    let mut cert = Reader::new(cert);
    let tbs_element = cert.element("TBSCertificate missing")?;
    if tbs_element.tag != tag::SEQUENCE {
        return Err(bad("TBSCertificate missing"));
    }
    let signed_with = cert.expect(tag::SEQUENCE, "signatureAlgorithm missing")?;
    let signature = cert.expect(der::BIT_STRING, "signature missing")?;
    let mut tbs = Reader::new(tbs_element.content);
    let version = match tbs.optional(tag::VERSION)? {
        Some(v) => match Reader::new(v).expect(tag::INTEGER, "version is not an INTEGER")? {
            [v @ 0..=2] => *v,
            _ => return Err(bad("unknown version")),
        },
        None => 0,
    };
    let serial = tbs.expect(tag::INTEGER, "serial number missing")?;
    let mut algorithm = Reader::new(tbs.expect(tag::SEQUENCE, "signature algorithm missing")?);
    let signature_algorithm = algorithm.expect(tag::OID, "signature algorithm is not an OID")?;
    let issuer = tbs.whole(tag::SEQUENCE, "issuer is not a Name")?;
    let mut times = Reader::new(tbs.expect(tag::SEQUENCE, "validity missing")?);
    let validity = [times.element("notBefore missing")?, times.element("notAfter missing")?];
    let (not_before, not_after) = (Time::from_element(validity[0])?.unix, Time::from_element(validity[1])?.unix);
    let subject = tbs.whole(tag::SEQUENCE, "subject is not a Name")?;
    let spki = tbs.whole(tag::SEQUENCE, "subject public key info missing")?;
    tbs.optional(tag::ISSUER_UID)?;
    tbs.optional(tag::SUBJECT_UID)?;
    let extensions = match tbs.optional(tag::EXTENSIONS)? {
        Some(wrapped) => {
            let mut wrapper = Reader::new(wrapped);
            let list = wrapper.expect(tag::SEQUENCE, "extensions are not a SEQUENCE")?;
            if !wrapper.is_empty() {
                return Err(bad("trailing bytes after the extensions"));
            }
            Extensions(Reader::new(list))
        }
        None => Extensions(Reader::new(&[])),
    };
    if !tbs.is_empty() {
        return Err(bad("unexpected fields in TBSCertificate"));
    }
    let usage = read_usage(extensions)?;
    Ok(CertificateFields {
        tbs: tbs_element.encoded,
        signed_with,
        signature,
        version,
        serial,
        signature_algorithm,
        issuer,
        validity,
        not_before,
        not_after,
        subject,
        spki,
        extensions,
        usage,
    })
}

/// Reads the usage extensions; the others are passed over (but must be well formed).
fn read_usage(extensions: Extensions<'_>) -> Result<Usage<'_>, Error> {
    let mut usage = Usage::default();
    for extension in extensions {
        let Extension { oid, value, .. } = extension?;
        let malformed = || bad("a usage extension is malformed");
        match oid {
            OID_BASIC_CONSTRAINTS => {
                let mut fields = der::Reader::new(der::single(value, der::SEQUENCE).ok_or_else(malformed)?);
                usage.ca = Some(fields.optional(der::BOOLEAN).is_some_and(|b| b.first().is_some_and(|&v| v != 0)));
            }
            OID_KEY_USAGE => {
                usage.key_usage = Some(bit_string_bits(der::single(value, der::BIT_STRING).ok_or_else(malformed)?))
            }
            OID_NS_CERT_TYPE => {
                let bits = der::single(value, der::BIT_STRING).ok_or_else(malformed)?;
                usage.ns_cert_type = Some(bit_string_bits(bits) as u8)
            }
            OID_EXT_KEY_USAGE => {
                let mut purposes = der::Reader::new(der::single(value, der::SEQUENCE).ok_or_else(malformed)?);
                let mut set = ExtendedKeyUsage::default();
                while !purposes.is_empty() {
                    set = set | ExtendedKeyUsage::from_oid(purposes.read(der::OID).ok_or_else(malformed)?);
                }
                usage.extended_key_usage = Some(set);
            }
            OID_SUBJECT_KEY_ID => {
                usage.subject_key_id = Some(der::single(value, der::OCTET_STRING).ok_or_else(malformed)?)
            }
            OID_AUTHORITY_KEY_ID => {
                let identifier = der::single(value, der::SEQUENCE).ok_or_else(malformed)?;
                usage.authority_key_id = der::Reader::new(identifier).optional(der::CONTEXT_PRIMITIVE_0);
            }
            _ => {}
        }
    }
    Ok(usage)
}

/// The first two octets of a BIT STRING's contents as OpenSSL numbers them (first octet
/// low, second octet high); missing octets are zero.
fn bit_string_bits(content: &[u8]) -> u16 {
    let first = content.get(1).copied().unwrap_or(0);
    let second = content.get(2).copied().unwrap_or(0);
    u16::from(first) | (u16::from(second) << 8)
}

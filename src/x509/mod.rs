//! Minimal X.509 reading for the C accessors: subject and issuer names, serial number,
//! validity, subject alternative names, authority information access (OCSP responders,
//! CA issuers) and CRL distribution points, read with the one DER reader in [`der`].
//! Nothing here checks signatures or trust (that is `verify`'s job).

pub mod der;
mod fields;
pub mod name_text;
pub mod objects;
mod time;

pub use fields::{key_usage, ns_cert_type, parse_certificate, CaBasis, CertificateFields, ExtendedKeyUsage, Extension};
pub use objects::KnownObject;
pub use time::Time;

use crate::error::{Error, Reason};

/// DER tags used here: the universal ones of [`der`], the string types of names, and
/// the context tags of a TBSCertificate.
mod tag {
    pub use super::der::{BOOLEAN, INTEGER, OCTET_STRING, OID, SEQUENCE};
    pub const UTF8_STRING: u8 = 0x0c;
    pub const NUMERIC_STRING: u8 = 0x12;
    pub const PRINTABLE_STRING: u8 = 0x13;
    pub const T61_STRING: u8 = 0x14;
    pub const VIDEOTEX_STRING: u8 = 0x15;
    pub const IA5_STRING: u8 = 0x16;
    pub const GRAPHIC_STRING: u8 = 0x19;
    pub const VISIBLE_STRING: u8 = 0x1a;
    pub const GENERAL_STRING: u8 = 0x1b;
    pub const UNIVERSAL_STRING: u8 = 0x1c;
    pub const BMP_STRING: u8 = 0x1e;
    pub const SET: u8 = 0x31;
    pub const VERSION: u8 = super::der::CONTEXT_0;
    pub const ISSUER_UID: u8 = 0x81;
    pub const SUBJECT_UID: u8 = 0x82;
    pub const EXTENSIONS: u8 = super::der::CONTEXT_3;
}

/// GeneralName kinds (the context tag numbers, OpenSSL's `GEN_*`) read here.
mod general_name_kind {
    pub const DNS: u8 = 2;
    pub const IP_ADDRESS: u8 = 7;
    pub const REGISTERED_ID: u8 = 8;
}

/// The DER encoding (content bytes) of the subjectAltName extension's OID, 2.5.29.17.
const OID_SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
/// The authorityInfoAccess extension's OID, 1.3.6.1.5.5.7.1.1.
const OID_AUTHORITY_INFO_ACCESS: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01];
/// The cRLDistributionPoints extension's OID, 2.5.29.31.
const OID_CRL_DISTRIBUTION_POINTS: &[u8] = &[0x55, 0x1d, 0x1f];
/// The id-ad-ocsp access method, 1.3.6.1.5.5.7.48.1.
const OID_AD_OCSP: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];
/// The id-ad-caIssuers access method, 1.3.6.1.5.5.7.48.2.
const OID_AD_CA_ISSUERS: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
/// The context tag of a DistributionPoint's distributionPoint and of its fullName.
const TAG_CONTEXT_0_CONSTRUCTED: u8 = 0xa0;

#[track_caller]
fn bad(what: &str) -> Error {
    Error::local(Reason::X509_LIB, format!("malformed certificate: {what}"))
}

/// [`der::Reader`] for certificates: a malformed or unexpected element is an error that
/// says what was expected.
#[derive(Clone, Copy, Debug)]
struct Reader<'a>(der::Reader<'a>);

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Reader<'a> {
        Reader(der::Reader::new(data))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The next element: its tag, its content bytes, and its whole encoding.
    fn any(&mut self) -> Result<(u8, &'a [u8], &'a [u8]), Error> {
        let element = self.0.element().ok_or_else(|| bad("an element is missing, truncated or has a bad length"))?;
        Ok((element.tag, element.content, element.encoded))
    }

    /// The next element, which must have tag `want`; its content bytes.
    fn expect(&mut self, want: u8, what: &str) -> Result<&'a [u8], Error> {
        self.0.read(want).ok_or_else(|| bad(what))
    }

    /// The next element if it has tag `want`.
    fn optional(&mut self, want: u8) -> Result<Option<&'a [u8]>, Error> {
        if self.0.peek_tag() == Some(want) {
            self.any().map(|(_, content, _)| Some(content))
        } else {
            Ok(None)
        }
    }

    /// The next element, whatever its tag; `what` says what is missing.
    fn element(&mut self, what: &str) -> Result<der::Element<'a>, Error> {
        self.0.element().ok_or_else(|| bad(what))
    }

    /// The next element, which must have tag `want`; its whole encoding.
    fn whole(&mut self, want: u8, what: &str) -> Result<&'a [u8], Error> {
        self.0.read_element(want).map(|element| element.encoded).ok_or_else(|| bad(what))
    }
}

/// The dotted text of an OID given as DER content bytes ("2.5.4.3").
pub fn oid_text(oid: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    for &b in oid {
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (value / 40).min(2);
                arcs.push(first);
                arcs.push(value - first * 40);
            } else {
                arcs.push(value);
            }
            value = 0;
        }
    }
    arcs.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

/// One attribute of a distinguished name (`CN=example.com`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameEntry {
    /// The attribute type's OID, as DER content bytes.
    pub oid: Vec<u8>,
    /// The DER tag of the value's string type (UTF8String 0x0c, PrintableString 0x13 ...).
    pub string_tag: u8,
    /// The value's bytes as encoded.
    pub value: Vec<u8>,
    /// Whether this attribute shares its RDN with the previous one (multi-valued RDN).
    pub same_rdn_as_previous: bool,
}

impl NameEntry {
    /// The known type of this attribute, if it is one.
    pub fn attribute_type(&self) -> Option<&'static KnownObject> {
        KnownObject::by_oid(&self.oid)
    }

    /// OpenSSL's short name for the type, or the dotted OID.
    pub fn short_name(&self) -> String {
        self.attribute_type().map_or_else(|| oid_text(&self.oid), |t| t.short_name.to_string())
    }

    /// OpenSSL's long name for the type, or the dotted OID.
    pub fn long_name(&self) -> String {
        self.attribute_type().map_or_else(|| oid_text(&self.oid), |t| t.long_name.to_string())
    }

    /// The value as bytes of text in one byte per character where possible: BMPString
    /// and UniversalString values whose characters are all below 256 are narrowed
    /// (as OpenSSL's `X509_NAME_oneline` does); other values are returned as encoded.
    pub fn narrow_value(&self) -> Vec<u8> {
        let width = match self.string_tag {
            tag::BMP_STRING => 2,
            tag::UNIVERSAL_STRING => 4,
            _ => return self.value.clone(),
        };
        if !self.value.len().is_multiple_of(width) {
            return self.value.clone();
        }
        let chunks = self.value.chunks(width);
        if chunks.clone().all(|c| c[..width - 1].iter().all(|&b| b == 0)) {
            chunks.map(|c| c[width - 1]).collect()
        } else {
            self.value.clone()
        }
    }

    /// The value as UTF-8 (converting BMPString, UniversalString and the Latin-1
    /// reading of T61String); `None` when it cannot be decoded.
    pub fn utf8_value(&self) -> Option<String> {
        match self.string_tag {
            tag::BMP_STRING => {
                let units: Vec<u16> = self.value.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                self.value.len().is_multiple_of(2).then(|| String::from_utf16(&units).ok()).flatten()
            }
            tag::UNIVERSAL_STRING => {
                let chars: Option<String> = self
                    .value
                    .chunks_exact(4)
                    .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                    .collect();
                chars.filter(|_| self.value.len().is_multiple_of(4))
            }
            tag::T61_STRING => Some(self.value.iter().map(|&b| char::from(b)).collect()),
            _ => String::from_utf8(self.value.clone()).ok(),
        }
    }

    /// Whether the value is one of the string types (rather than something to dump).
    pub fn is_string(&self) -> bool {
        matches!(
            self.string_tag,
            tag::UTF8_STRING
                | tag::NUMERIC_STRING
                | tag::PRINTABLE_STRING
                | tag::T61_STRING
                | tag::VIDEOTEX_STRING
                | tag::IA5_STRING
                | tag::GRAPHIC_STRING
                | tag::VISIBLE_STRING
                | tag::GENERAL_STRING
                | tag::UNIVERSAL_STRING
                | tag::BMP_STRING
        )
    }
}

/// A distinguished name: its encoding and its attributes in encoded order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The whole DER encoding of the Name.
    pub der: Vec<u8>,
    /// The attributes, in the order they are encoded (most significant first).
    pub entries: Vec<NameEntry>,
}

impl Name {
    /// Reads a DER Name (a whole SEQUENCE, as a CertificateRequest lists them).
    pub fn from_der(der: &[u8]) -> Result<Name, Error> {
        let mut outer = Reader::new(der);
        let (t, content, whole) = outer.any()?;
        if t != tag::SEQUENCE || !outer.is_empty() {
            return Err(bad("not a DER Name"));
        }
        Name::parse(content, whole)
    }

    fn parse(content: &[u8], der: &[u8]) -> Result<Name, Error> {
        let mut entries = Vec::new();
        let mut rdns = Reader::new(content);
        while !rdns.is_empty() {
            let mut set = Reader::new(rdns.expect(tag::SET, "name: RDN is not a SET")?);
            let mut first = true;
            while !set.is_empty() {
                let mut atv = Reader::new(set.expect(tag::SEQUENCE, "name: attribute is not a SEQUENCE")?);
                let oid = atv.expect(tag::OID, "name: attribute type is not an OID")?;
                let (string_tag, value, _) = atv.any()?;
                entries.push(NameEntry {
                    oid: oid.to_vec(),
                    string_tag,
                    value: value.to_vec(),
                    same_rdn_as_previous: !first,
                });
                first = false;
            }
        }
        Ok(Name { der: der.to_vec(), entries })
    }

    /// The value of the first attribute with OpenSSL's NID `nid`.
    pub fn first_by_nid(&self, nid: i32) -> Option<&NameEntry> {
        self.entries.iter().find(|e| e.attribute_type().is_some_and(|t| t.nid == nid))
    }
}

/// One GeneralName (RFC 5280 4.2.1.6) from a certificate extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneralName {
    /// Which choice it is, OpenSSL's `GEN_*` value (the context tag number): 0
    /// otherName, 1 rfc822Name, 2 dNSName, 3 x400Address, 4 directoryName, 5
    /// ediPartyName, 6 uniformResourceIdentifier, 7 iPAddress, 8 registeredID.
    pub kind: u8,
    /// The value: the text of a name or URI, the 4 or 16 bytes of an address, the
    /// dotted text of a registered ID, the DER Name of a directoryName, the encoded
    /// content for the other kinds.
    pub value: Vec<u8>,
}

impl GeneralName {
    /// Reads the GeneralName at the start of `r`.
    fn read(r: &mut Reader<'_>) -> Result<GeneralName, Error> {
        let (t, content, _) = r.any()?;
        if t & 0xc0 != 0x80 {
            return Err(bad("general name is not context-tagged"));
        }
        let kind = t & 0x1f;
        let value =
            if kind == general_name_kind::REGISTERED_ID { oid_text(content).into_bytes() } else { content.to_vec() };
        Ok(GeneralName { kind, value })
    }

    /// Reads GeneralNames (the content of the SEQUENCE).
    fn read_all(content: &[u8]) -> Result<Vec<GeneralName>, Error> {
        let mut r = Reader::new(content);
        let mut out = Vec::new();
        while !r.is_empty() {
            out.push(GeneralName::read(&mut r)?);
        }
        Ok(out)
    }
}

/// What this library reads from a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// The version field as encoded (0 = v1, 2 = v3).
    pub version: u8,
    /// The serial number's content bytes (big-endian two's complement).
    pub serial: Vec<u8>,
    /// The issuer's name.
    pub issuer: Name,
    /// The subject's name.
    pub subject: Name,
    /// Start of validity.
    pub not_before: Time,
    /// End of validity.
    pub not_after: Time,
    /// DNS names from the subjectAltName extension.
    pub dns_names: Vec<String>,
    /// IP addresses (4 or 16 bytes) from the subjectAltName extension.
    pub ip_addresses: Vec<Vec<u8>>,
    /// Every name of the subjectAltName extension, in order.
    pub alt_names: Vec<GeneralName>,
    /// The OCSP responders of the authorityInfoAccess extension.
    pub ocsp: Vec<GeneralName>,
    /// The CA issuers' locations of the authorityInfoAccess extension.
    pub ca_issuers: Vec<GeneralName>,
    /// The full names of the cRLDistributionPoints extension's points.
    pub crl_points: Vec<GeneralName>,
}

impl Certificate {
    /// Reads a DER certificate (see [`parse_certificate`]), with its names and the
    /// subjectAltName, authorityInfoAccess and cRLDistributionPoints extensions.
    pub fn parse(der: &[u8]) -> Result<Certificate, Error> {
        let fields = parse_certificate(der)?;
        let mut parsed = Certificate {
            version: fields.version,
            serial: fields.serial.to_vec(),
            issuer: Name::from_der(fields.issuer)?,
            subject: Name::from_der(fields.subject)?,
            not_before: Time::from_element(fields.validity[0])?,
            not_after: Time::from_element(fields.validity[1])?,
            dns_names: Vec::new(),
            ip_addresses: Vec::new(),
            alt_names: Vec::new(),
            ocsp: Vec::new(),
            ca_issuers: Vec::new(),
            crl_points: Vec::new(),
        };
        for extension in fields.extensions {
            parsed.read_extension(extension?)?;
        }
        Ok(parsed)
    }

    /// The length of the DER element at the start of `data` (the certificate that
    /// `d2i_X509` reads when more bytes follow).
    pub fn encoded_len(data: &[u8]) -> Result<usize, Error> {
        let mut r = Reader::new(data);
        match r.any()? {
            (tag::SEQUENCE, _, whole) => Ok(whole.len()),
            _ => Err(bad("not a SEQUENCE")),
        }
    }

    /// Reads the extensions kept here; the others are passed over.
    fn read_extension(&mut self, extension: Extension<'_>) -> Result<(), Error> {
        let value = extension.value;
        match extension.oid {
            OID_SUBJECT_ALT_NAME => {
                let names = Reader::new(value).expect(tag::SEQUENCE, "subjectAltName is not a SEQUENCE")?;
                for name in GeneralName::read_all(names)? {
                    match name.kind {
                        general_name_kind::DNS => {
                            self.dns_names.push(String::from_utf8_lossy(&name.value).into_owned())
                        }
                        general_name_kind::IP_ADDRESS => self.ip_addresses.push(name.value.clone()),
                        _ => {}
                    }
                    self.alt_names.push(name);
                }
            }
            OID_AUTHORITY_INFO_ACCESS => self.read_info_access(value)?,
            OID_CRL_DISTRIBUTION_POINTS => self.read_crl_points(value)?,
            _ => {}
        }
        Ok(())
    }

    /// authorityInfoAccess: a SEQUENCE of (access method, location).
    fn read_info_access(&mut self, value: &[u8]) -> Result<(), Error> {
        let mut list = Reader::new(Reader::new(value).expect(tag::SEQUENCE, "authorityInfoAccess is not a SEQUENCE")?);
        while !list.is_empty() {
            let mut access = Reader::new(list.expect(tag::SEQUENCE, "access description is not a SEQUENCE")?);
            let method = access.expect(tag::OID, "access method missing")?;
            let location = GeneralName::read(&mut access)?;
            match method {
                OID_AD_OCSP => self.ocsp.push(location),
                OID_AD_CA_ISSUERS => self.ca_issuers.push(location),
                _ => {}
            }
        }
        Ok(())
    }

    /// cRLDistributionPoints: a SEQUENCE of points, each with an optional
    /// distributionPoint whose fullName choice lists GeneralNames.
    fn read_crl_points(&mut self, value: &[u8]) -> Result<(), Error> {
        let mut list =
            Reader::new(Reader::new(value).expect(tag::SEQUENCE, "cRLDistributionPoints is not a SEQUENCE")?);
        while !list.is_empty() {
            let mut point = Reader::new(list.expect(tag::SEQUENCE, "distribution point is not a SEQUENCE")?);
            if let Some(name) = point.optional(TAG_CONTEXT_0_CONSTRUCTED)? {
                if let Some(full) = Reader::new(name).optional(TAG_CONTEXT_0_CONSTRUCTED)? {
                    self.crl_points.extend(GeneralName::read_all(full)?);
                }
            }
        }
        Ok(())
    }
}

/// An integer given as a sign and a magnitude in hexadecimal as OpenSSL's
/// `i2a_ASN1_INTEGER` writes it: two upper-case digits a byte, `-` before a negative
/// value, `00` for zero, a backslash and newline every 35 bytes.
pub fn integer_hex(negative: bool, magnitude: &[u8]) -> String {
    let mut text = String::from(if negative { "-" } else { "" });
    if magnitude.is_empty() {
        text.push_str("00");
    }
    for (i, byte) in magnitude.iter().enumerate() {
        if i != 0 && i % 35 == 0 {
            text.push_str("\\\n");
        }
        text.push_str(&format!("{byte:02X}"));
    }
    text
}

/// An integer given as a sign and a magnitude (as [`integer_magnitude`] makes them) as
/// an `i64`, or `None` when it does not fit (as `ASN1_INTEGER_get` fails).
pub fn integer_value(negative: bool, magnitude: &[u8]) -> Option<i64> {
    if magnitude.len() > std::mem::size_of::<i64>() {
        return None;
    }
    let value = i64::try_from(magnitude.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))).ok()?;
    Some(if negative { -value } else { value })
}

/// A DER INTEGER's content bytes (big-endian two's complement) as a sign and a
/// magnitude without leading zeros, as OpenSSL keeps an `ASN1_INTEGER`.
pub fn integer_magnitude(content: &[u8]) -> (bool, Vec<u8>) {
    let negative = content.first().is_some_and(|&b| b & 0x80 != 0);
    let mut magnitude = content.to_vec();
    if negative {
        // Two's complement negation: invert, then add one.
        for b in magnitude.iter_mut() {
            *b = !*b;
        }
        for b in magnitude.iter_mut().rev() {
            let (sum, carry) = b.overflowing_add(1);
            *b = sum;
            if !carry {
                break;
            }
        }
    }
    let start = magnitude.iter().position(|&b| b != 0).unwrap_or(magnitude.len());
    (negative, magnitude.split_off(start))
}

/// Certificates made with the `openssl` command at test time, each in its own temporary
/// directory, and what `openssl` prints about them: the fixtures and expectations of the
/// tests of this module and of `capi::x509`.
#[cfg(test)]
pub(crate) mod test_pki {
    use std::path::PathBuf;
    use std::process::Command;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The subject of [`TestCert::plain`].
    pub(crate) const PLAIN_SUBJECT: &str = "/C=XX/ST=Some State/O=Org, Inc./CN=test.example";

    /// The subject of [`TestCert::tricky`], in `openssl req -subj` syntax (a backslash
    /// escapes the next character, `+` joins a multi-valued RDN): characters that need
    /// escaping in one print mode or another ('#' first, ';', '<', '>', a trailing space,
    /// '"', '\\', ','), a multi-valued RDN, a UTF-8 value and the DC, UID and emailAddress
    /// attributes.
    pub(crate) const TRICKY_SUBJECT: &str =
        r#"/DC=com/DC=example/C=XX/O=#Hash;<x> /OU=a"b\\c+UID=u1/CN=Café, Ltd/emailAddress=me@test.example"#;

    /// A self-signed P-256 certificate made by `openssl req -x509`; its directory is
    /// removed when it is dropped.
    pub(crate) struct TestCert {
        dir: PathBuf,
        /// The certificate as `openssl` wrote it (PEM).
        pub(crate) pem: String,
        /// The certificate as `openssl x509 -outform DER` writes it.
        pub(crate) der: Vec<u8>,
    }

    impl TestCert {
        /// Subject [`PLAIN_SUBJECT`], with DNS and IP subject alternative names.
        pub(crate) fn plain() -> Self {
            Self::new(PLAIN_SUBJECT, &["-addext", "subjectAltName=DNS:test.example,DNS:*.test.example,IP:127.0.0.1"])
        }

        /// Subject [`TRICKY_SUBJECT`], UTF-8 encoded.
        pub(crate) fn tricky() -> Self {
            Self::new(TRICKY_SUBJECT, &["-utf8", "-multivalue-rdn"])
        }

        /// Subject `subject` (in `openssl req -subj` syntax), made with the further
        /// `openssl req` options `options`.
        pub(crate) fn new(subject: &str, options: &[&str]) -> Self {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("tls12-x509-test-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("create the certificate directory");
            // Made before anything can fail, so that dropping it removes the directory.
            let mut cert = TestCert { dir, pem: String::new(), der: Vec::new() };
            let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "key.pem"];
            let args = [&["req", "-x509"][..], &key, &["-subj", subject, "-out", "cert.pem"], options].concat();
            cert.openssl(&args);
            cert.pem = std::fs::read_to_string(cert.dir.join("cert.pem")).expect("read cert.pem");
            cert.der = cert.openssl(&["x509", "-in", "cert.pem", "-outform", "DER"]);
            cert
        }

        /// Runs `openssl` with `args` in the certificate's directory; its standard output.
        pub(crate) fn openssl(&self, args: &[&str]) -> Vec<u8> {
            let output = Command::new("openssl").args(args).current_dir(&self.dir).output().expect("run openssl");
            let err = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "openssl {args:?} failed: {err}");
            output.stdout
        }

        /// Whether `openssl` with `args`, run in the certificate's directory (where the
        /// certificate is `cert.pem`), exits with success.
        pub(crate) fn openssl_succeeds(&self, args: &[&str]) -> bool {
            let output = Command::new("openssl").args(args).current_dir(&self.dir).output().expect("run openssl");
            output.status.success()
        }

        /// What `openssl x509 -noout <args>` prints about the certificate, after `label`
        /// and without the final newline.
        pub(crate) fn x509(&self, args: &[&str], label: &str) -> Vec<u8> {
            let out = self.openssl(&[&["x509", "-in", "cert.pem", "-noout"][..], args].concat());
            let out = out.strip_prefix(label.as_bytes()).unwrap_or_else(|| panic!("{args:?}: no {label}"));
            out.strip_suffix(b"\n").expect("a final newline").to_vec()
        }

        /// The subject as `openssl x509 -nameopt <nameopt>` prints it (`X509_NAME_print_ex`
        /// with those flags; for "multiline", indented by 4; for "compat",
        /// `X509_NAME_oneline`).
        pub(crate) fn subject(&self, nameopt: &str) -> Vec<u8> {
            let text = self.x509(&["-subject", "-nameopt", nameopt], "subject=");
            // With a multi-line option the name starts on a line of its own.
            text.strip_prefix(b"\n").map_or(text.clone(), <[u8]>::to_vec)
        }

        /// The subject as `X509_NAME_print_ex` prints it with flags 0 (`X509_NAME_print`),
        /// which is what `openssl x509 -text -nameopt compat` prints after "Subject: ".
        pub(crate) fn subject_compat_text(&self) -> Vec<u8> {
            let text = self.openssl(&["x509", "-in", "cert.pem", "-noout", "-text", "-nameopt", "compat"]);
            let line = text.split(|&b| b == b'\n').find_map(|l| l.trim_ascii_start().strip_prefix(b"Subject: "));
            line.expect("a Subject: line").to_vec()
        }

        /// The subject's attributes, in order, as (short name, UTF-8 value), from
        /// `openssl x509 -nameopt sep_multiline,sname,utf8` (one RDN a line, the values of
        /// a multi-valued RDN joined by " + ").
        pub(crate) fn subject_entries(&self) -> Vec<(String, String)> {
            let text = String::from_utf8(self.subject("sep_multiline,sname,utf8")).expect("UTF-8");
            let entries = text.lines().flat_map(|line| line.trim_start().split(" + "));
            entries
                .map(|e| e.split_once('=').map(|(n, v)| (n.to_string(), v.to_string())).expect("name=value"))
                .collect()
        }

        /// `openssl x509 -serial`: the serial number in hex (`i2a_ASN1_INTEGER`).
        pub(crate) fn serial(&self) -> String {
            String::from_utf8(self.x509(&["-serial"], "serial=")).expect("ASCII")
        }

        /// `openssl x509 -startdate` (`ASN1_TIME_print` of notBefore), e.g.
        /// "Nov 22 13:00:19 2026 GMT".
        pub(crate) fn not_before(&self) -> String {
            String::from_utf8(self.x509(&["-startdate"], "notBefore=")).expect("ASCII")
        }

        /// `openssl x509 -enddate`, as [`Self::not_before`].
        pub(crate) fn not_after(&self) -> String {
            String::from_utf8(self.x509(&["-enddate"], "notAfter=")).expect("ASCII")
        }

        /// The DNS names and IP addresses (as bytes) of the subjectAltName extension, from
        /// `openssl x509 -ext subjectAltName`.
        pub(crate) fn subject_alt_names(&self) -> (Vec<String>, Vec<Vec<u8>>) {
            let text =
                String::from_utf8(self.openssl(&["x509", "-in", "cert.pem", "-noout", "-ext", "subjectAltName"]));
            let text = text.expect("UTF-8");
            let names = text.lines().nth(1).expect("a line of names").trim();
            let (mut dns, mut ips) = (Vec::new(), Vec::new());
            for name in names.split(", ") {
                if let Some(host) = name.strip_prefix("DNS:") {
                    dns.push(host.to_string());
                } else if let Some(ip) = name.strip_prefix("IP Address:") {
                    ips.push(match ip.parse().expect("an IP address") {
                        std::net::IpAddr::V4(v4) => v4.octets().to_vec(),
                        std::net::IpAddr::V6(v6) => v6.octets().to_vec(),
                    });
                }
            }
            (dns, ips)
        }
    }

    impl Drop for TestCert {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    /// The (year, month, day, hour, minute, second) of an `ASN1_TIME_print` text such as
    /// "Nov  2 13:00:19 2026 GMT".
    pub(crate) fn time_fields(text: &str) -> (i64, u32, u32, u32, u32, u32) {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let parts: Vec<&str> = text.split([' ', ':']).filter(|p| !p.is_empty()).collect();
        let [month, day, h, m, s, year, "GMT"] = parts[..] else { panic!("not an ASN1_TIME_print text: {text}") };
        let month = MONTHS.iter().position(|&name| name == month).expect("a month name") as u32 + 1;
        let n = |v: &str| v.parse::<u32>().expect("a number");
        (year.parse().expect("a year"), month, n(day), n(h), n(m), n(s))
    }
}

#[cfg(test)]
mod tests {
    use super::test_pki::{time_fields, TestCert};
    use super::*;

    #[test]
    fn ca_basis_agrees_with_openssl_purposes() {
        let cases: [(&[&str], Option<CaBasis>); 4] = [
            (&[], Some(CaBasis::BasicConstraints)),
            (&["-addext", "basicConstraints=critical,CA:FALSE"], None),
            (&["-addext", "keyUsage=digitalSignature"], None),
            (&["-addext", "keyUsage=keyCertSign,cRLSign"], Some(CaBasis::BasicConstraints)),
        ];
        for (options, want) in cases {
            let pki = TestCert::new("/CN=ca basis", options);
            let basis = parse_certificate(&pki.der).unwrap().ca_basis();
            assert_eq!(basis, want, "{options:?}");
            let purposes = String::from_utf8(pki.openssl(&["x509", "-in", "cert.pem", "-noout", "-purpose"])).unwrap();
            let openssl_says_ca = purposes.lines().any(|line| line == "SSL server CA : Yes");
            assert_eq!(basis.is_some(), openssl_says_ca, "{options:?}: {purposes}");
        }
    }

    #[test]
    fn reads_names_validity_and_sans() {
        let pki = TestCert::plain();
        let cert = Certificate::parse(&pki.der).unwrap();
        assert_eq!(cert.version, 2);
        let entries: Vec<(String, String)> =
            cert.subject.entries.iter().map(|e| (e.short_name(), e.utf8_value().unwrap())).collect();
        assert_eq!(entries, pki.subject_entries());
        assert_eq!(entries.len(), 4);
        assert_eq!(cert.subject.first_by_nid(13).unwrap().value, b"test.example");
        assert_eq!(cert.issuer, cert.subject);
        let (dns, ips) = pki.subject_alt_names();
        assert_eq!(cert.dns_names, dns);
        assert_eq!(cert.ip_addresses, ips);
        assert_eq!(cert.ip_addresses, [vec![127, 0, 0, 1]]);
        assert_eq!(cert.not_before.fields(), time_fields(&pki.not_before()));
        assert_eq!(cert.not_after.fields(), time_fields(&pki.not_after()));
        assert!(cert.not_after.unix > cert.not_before.unix);
    }

    #[test]
    fn rejects_truncations_and_garbage() {
        let der = TestCert::plain().der.clone();
        for n in 0..der.len() {
            assert!(Certificate::parse(&der[..n]).is_err(), "prefix of {n} bytes");
        }
        for i in 0..der.len() {
            for value in [0x00, 0x80, 0xff] {
                let mut mutated = der.clone();
                mutated[i] = value;
                // Any outcome but a panic is fine; a mutated certificate that still parses
                // must still answer every query.
                if let Ok(cert) = Certificate::parse(&mutated) {
                    let _ = crate::verify::match_host(&cert, "test.example", crate::verify::HostFlags::default());
                    let _ = cert.not_after.fields();
                    cert.subject.entries.iter().for_each(|e| drop((e.short_name(), e.utf8_value(), e.narrow_value())));
                }
            }
        }
        assert!(Certificate::parse(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(Certificate::parse(&[0x1f, 0x00]).is_err());
    }

    #[test]
    fn pem_round_trip() {
        use rustls_pki_types::pem::PemObject;
        let pki = TestCert::plain();
        let der = pki.der.clone();
        let pem = crate::pem::encode("CERTIFICATE", &der);
        assert_eq!(pem.trim(), pki.pem.trim());
        assert_eq!(rustls_pki_types::CertificateDer::from_pem_slice(pki.pem.as_bytes()).unwrap().as_ref(), der);
        let mut two = der.clone();
        two.extend_from_slice(&der);
        assert_eq!(Certificate::encoded_len(&two).unwrap(), der.len());
        assert_eq!(der::encode(0x04, &[7; 200])[..3], [0x04, 0x81, 200]);
    }

    #[test]
    fn integers() {
        assert_eq!(integer_magnitude(&[0x00, 0x82, 0x01]), (false, vec![0x82, 0x01]));
        assert_eq!(integer_magnitude(&[0xff]), (true, vec![0x01]));
        assert_eq!(integer_magnitude(&[0xff, 0x00]), (true, vec![0x01, 0x00]));
        assert_eq!(integer_magnitude(&[0x00]), (false, vec![]));
    }

    #[test]
    fn serials_read_as_numbers_as_openssl_made_them() {
        for (serial, want) in
            [("12345", Some(12345)), ("0x7fffffffffffffff", Some(i64::MAX)), ("0x8000000000000000", None)]
        {
            let pki = TestCert::new("/CN=serial", &["-set_serial", serial]);
            let (negative, magnitude) = integer_magnitude(parse_certificate(&pki.der).unwrap().serial);
            assert_eq!(integer_value(negative, &magnitude), want, "{serial}");
        }
        assert_eq!(integer_value(true, &[0x01, 0x00]), Some(-256));
        assert_eq!(integer_value(false, &[1; 9]), None);
    }

    #[test]
    fn oids() {
        assert_eq!(oid_text(&[0x55, 0x04, 0x03]), "2.5.4.3");
        assert_eq!(oid_text(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d]), "1.2.840.113549");
    }
}

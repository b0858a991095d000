//! OpenSSL's object table, for the objects TLS programs name: each OID (as DER content
//! bytes) with OpenSSL's NID, short name and long name. Name attributes come first
//! (they are what `X509_NAME` printing looks up), then key types, curves, digests,
//! signature algorithms, certificate extensions and their values.

/// A known object: its OID, OpenSSL's NID and its two names.
pub struct KnownObject {
    /// The OID, as DER content bytes.
    pub oid: &'static [u8],
    /// OpenSSL's numeric id (`NID_commonName` is 13 ...).
    pub nid: i32,
    /// OpenSSL's short name ("CN").
    pub short_name: &'static str,
    /// OpenSSL's long name ("commonName").
    pub long_name: &'static str,
}

macro_rules! known_objects {
    ($(#[$doc:meta])* $table:ident: $($nid:expr, $sn:expr, $ln:expr, [$($b:expr),*];)*) => {
        $(#[$doc])*
        pub static $table: &[KnownObject] = &[
            $(KnownObject { oid: &[$($b),*], nid: $nid, short_name: $sn, long_name: $ln },)*
        ];
    };
}

known_objects! {
    /// The name attribute types this library knows.
    ATTRIBUTE_TYPES:
    13, "CN", "commonName", [0x55, 0x04, 0x03];
    100, "SN", "surname", [0x55, 0x04, 0x04];
    105, "serialNumber", "serialNumber", [0x55, 0x04, 0x05];
    14, "C", "countryName", [0x55, 0x04, 0x06];
    15, "L", "localityName", [0x55, 0x04, 0x07];
    16, "ST", "stateOrProvinceName", [0x55, 0x04, 0x08];
    660, "street", "streetAddress", [0x55, 0x04, 0x09];
    17, "O", "organizationName", [0x55, 0x04, 0x0a];
    18, "OU", "organizationalUnitName", [0x55, 0x04, 0x0b];
    106, "title", "title", [0x55, 0x04, 0x0c];
    860, "businessCategory", "businessCategory", [0x55, 0x04, 0x0f];
    661, "postalCode", "postalCode", [0x55, 0x04, 0x11];
    173, "name", "name", [0x55, 0x04, 0x29];
    99, "GN", "givenName", [0x55, 0x04, 0x2a];
    101, "initials", "initials", [0x55, 0x04, 0x2b];
    509, "generationQualifier", "generationQualifier", [0x55, 0x04, 0x2c];
    174, "dnQualifier", "dnQualifier", [0x55, 0x04, 0x2e];
    510, "pseudonym", "pseudonym", [0x55, 0x04, 0x41];
    1089, "organizationIdentifier", "organizationIdentifier", [0x55, 0x04, 0x61];
    48, "emailAddress", "emailAddress", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];
    391, "DC", "domainComponent", [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19];
    458, "UID", "userId", [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01];
    955, "jurisdictionL", "jurisdictionLocalityName",
        [0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x01];
    956, "jurisdictionST", "jurisdictionStateOrProvinceName",
        [0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x02];
    957, "jurisdictionC", "jurisdictionCountryName",
        [0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x03];
}

known_objects! {
    /// The other objects this library knows: key types, curves, digests, signature
    /// algorithms, extensions, access methods and extended key usages.
    OTHER_OBJECTS:
    0, "UNDEF", "undefined", [];
    12, "X509", "X509", [0x55, 0x04];
    6, "rsaEncryption", "rsaEncryption", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    912, "RSASSA-PSS", "rsassaPss", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    408, "id-ecPublicKey", "id-ecPublicKey", [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    1087, "ED25519", "ED25519", [0x2b, 0x65, 0x70];
    1034, "X25519", "X25519", [0x2b, 0x65, 0x6e];
    415, "prime256v1", "prime256v1", [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    715, "secp384r1", "secp384r1", [0x2b, 0x81, 0x04, 0x00, 0x22];
    716, "secp521r1", "secp521r1", [0x2b, 0x81, 0x04, 0x00, 0x23];
    64, "SHA1", "sha1", [0x2b, 0x0e, 0x03, 0x02, 0x1a];
    672, "SHA256", "sha256", [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    673, "SHA384", "sha384", [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
    674, "SHA512", "sha512", [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
    4, "MD5", "md5", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05];
    65, "RSA-SHA1", "sha1WithRSAEncryption", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05];
    668, "RSA-SHA256", "sha256WithRSAEncryption", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
    669, "RSA-SHA384", "sha384WithRSAEncryption", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c];
    670, "RSA-SHA512", "sha512WithRSAEncryption", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d];
    794, "ecdsa-with-SHA256", "ecdsa-with-SHA256", [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    795, "ecdsa-with-SHA384", "ecdsa-with-SHA384", [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
    796, "ecdsa-with-SHA512", "ecdsa-with-SHA512", [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];
    85, "subjectAltName", "X509v3 Subject Alternative Name", [0x55, 0x1d, 0x11];
    87, "basicConstraints", "X509v3 Basic Constraints", [0x55, 0x1d, 0x13];
    83, "keyUsage", "X509v3 Key Usage", [0x55, 0x1d, 0x0f];
    126, "extendedKeyUsage", "X509v3 Extended Key Usage", [0x55, 0x1d, 0x25];
    82, "subjectKeyIdentifier", "X509v3 Subject Key Identifier", [0x55, 0x1d, 0x0e];
    90, "authorityKeyIdentifier", "X509v3 Authority Key Identifier", [0x55, 0x1d, 0x23];
    103, "crlDistributionPoints", "X509v3 CRL Distribution Points", [0x55, 0x1d, 0x1f];
    177, "authorityInfoAccess", "Authority Information Access", [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01];
    178, "OCSP", "OCSP", [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];
    179, "caIssuers", "CA Issuers", [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
    129, "serverAuth", "TLS Web Server Authentication", [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01];
    130, "clientAuth", "TLS Web Client Authentication", [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02];
    71, "nsCertType", "Netscape Cert Type", [0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x01];
}

/// OpenSSL's `NID_undef`: the NID of no known object.
pub const NID_UNDEF: i32 = 0;

impl KnownObject {
    /// Every known object.
    fn all() -> impl Iterator<Item = &'static KnownObject> {
        ATTRIBUTE_TYPES.iter().chain(OTHER_OBJECTS)
    }

    /// The known object with the OID `oid` (DER content bytes), if there is one.
    pub fn by_oid(oid: &[u8]) -> Option<&'static KnownObject> {
        KnownObject::all().find(|t| t.oid == oid)
    }

    /// The known object with OpenSSL's NID `nid`, if there is one.
    pub fn by_nid(nid: i32) -> Option<&'static KnownObject> {
        KnownObject::all().find(|t| t.nid == nid)
    }

    /// The known object whose short name is exactly `name`, if there is one.
    pub fn by_short_name(name: &str) -> Option<&'static KnownObject> {
        KnownObject::all().find(|t| t.short_name == name)
    }

    /// The known object whose long name is exactly `name`, if there is one.
    pub fn by_long_name(name: &str) -> Option<&'static KnownObject> {
        KnownObject::all().find(|t| t.long_name == name)
    }

    /// The known object that `text` names, as OpenSSL's `OBJ_txt2nid` reads it: a
    /// short name, else a long name, else a dotted OID ("2.5.4.3").
    pub fn by_text(text: &str) -> Option<&'static KnownObject> {
        KnownObject::by_short_name(text)
            .or_else(|| KnownObject::by_long_name(text))
            .or_else(|| oid_from_text(text).and_then(|oid| KnownObject::by_oid(&oid)))
    }
}

/// The NID of the object with the OID `oid`, or [`NID_UNDEF`] for one this library does
/// not know.
pub fn nid_of_oid(oid: &[u8]) -> i32 {
    KnownObject::by_oid(oid).map_or(NID_UNDEF, |t| t.nid)
}

/// The DER content bytes of the dotted OID `text` ("2.5.4.3"), or `None` when it is not
/// one (at least two arcs, the first 0, 1 or 2, the second below 40 unless the first
/// is 2, every arc decimal digits).
pub fn oid_from_text(text: &str) -> Option<Vec<u8>> {
    let arcs = text.split('.').map(|arc| {
        if arc.is_empty() || !arc.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        arc.parse::<u64>().ok()
    });
    let arcs: Vec<u64> = arcs.collect::<Option<_>>()?;
    let (&first, &second) = (arcs.first()?, arcs.get(1)?);
    if first > 2 || (first < 2 && second >= 40) {
        return None;
    }
    let head = first.checked_mul(40)?.checked_add(second)?;
    let mut out = Vec::new();
    for arc in std::iter::once(head).chain(arcs[2..].iter().copied()) {
        push_base128(&mut out, arc);
    }
    Some(out)
}

/// Appends `value` in base 128, most significant group first, every group but the last
/// with its top bit set (how DER encodes an OID's arcs).
fn push_base128(out: &mut Vec<u8>, value: u64) {
    let mut shift = 63;
    while shift > 0 && value >> shift == 0 {
        shift -= 7;
    }
    while shift > 0 {
        out.push(((value >> shift) & 0x7f) as u8 | 0x80);
        shift -= 7;
    }
    out.push((value & 0x7f) as u8);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::oid_text;

    #[test]
    fn dotted_oids_round_trip() {
        for t in KnownObject::all().filter(|t| !t.oid.is_empty()) {
            let text = oid_text(t.oid);
            assert_eq!(oid_from_text(&text).as_deref(), Some(t.oid), "{text}");
        }
        for bad in ["", "2", "2.", "3.1", "1.40", "1..2", "1.2.x", "+1.2", "1.2.99999999999999999999"] {
            assert_eq!(oid_from_text(bad), None, "{bad}");
        }
        assert_eq!(oid_from_text("2.999.1"), Some(vec![0x88, 0x37, 0x01]));
    }
}

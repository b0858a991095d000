//! A minimal, bounds-checked DER reader and writer: just enough ASN.1 to find the parts
//! of keys and certificates that ring and webpki do not hand out (key algorithm and
//! curve, the SubjectPublicKeyInfo, names and validity dates of a certificate), and to
//! wrap a SEC1 EC key into PKCS#8. Every read returns `None` on malformed input.

/// `SEQUENCE` (constructed).
pub const SEQUENCE: u8 = 0x30;
/// `INTEGER`.
pub const INTEGER: u8 = 0x02;
/// `BIT STRING`.
pub const BIT_STRING: u8 = 0x03;
/// `OCTET STRING`.
pub const OCTET_STRING: u8 = 0x04;
/// `OBJECT IDENTIFIER`.
pub const OID: u8 = 0x06;
/// `UTCTime`.
pub const UTC_TIME: u8 = 0x17;
/// `GeneralizedTime`.
pub const GENERALIZED_TIME: u8 = 0x18;
/// Context-specific constructed tag `[0]`.
pub const CONTEXT_0: u8 = 0xa0;
/// Context-specific constructed tag `[3]` (a certificate's extensions).
pub const CONTEXT_3: u8 = 0xa3;
/// Context-specific primitive tag `[0]` (an authority key identifier's keyIdentifier).
pub const CONTEXT_PRIMITIVE_0: u8 = 0x80;
/// `BOOLEAN`.
pub const BOOLEAN: u8 = 0x01;

/// OID content bytes of `rsaEncryption` (1.2.840.113549.1.1.1).
pub const OID_RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// OID content bytes of `id-ecPublicKey` (1.2.840.10045.2.1).
pub const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// OID content bytes of the P-256 curve, `prime256v1` (1.2.840.10045.3.1.7).
pub const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// OID content bytes of the P-384 curve, `secp384r1` (1.3.132.0.34).
pub const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
/// OID content bytes of `id-Ed25519` (1.3.101.112, RFC 8410).
pub const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];

/// One decoded element: its tag, its contents, and its whole encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element<'a> {
    /// The identifier octet (only single-octet tags are supported).
    pub tag: u8,
    /// The contents octets.
    pub content: &'a [u8],
    /// Tag, length and contents together.
    pub encoded: &'a [u8],
}

/// Reads consecutive DER elements from a byte slice.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `input`.
    pub fn new(input: &'a [u8]) -> Reader<'a> {
        Reader { rest: input }
    }

    /// Whether everything has been read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next element, without consuming it.
    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads the next element, whatever its tag.
    pub fn element(&mut self) -> Option<Element<'a>> {
        let (&tag, after_tag) = self.rest.split_first()?;
        if tag & 0x1f == 0x1f {
            return None; // multi-octet tags never occur in what we read
        }
        let (&first, mut after_length) = after_tag.split_first()?;
        let length = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || after_length.len() < count {
                return None; // indefinite or absurd lengths
            }
            let (length_bytes, rest) = after_length.split_at(count);
            after_length = rest;
            length_bytes.iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
        };
        if after_length.len() < length {
            return None;
        }
        let (content, rest) = after_length.split_at(length);
        let header_len = self.rest.len() - after_length.len();
        let encoded = &self.rest[..header_len + length];
        self.rest = rest;
        Some(Element { tag, content, encoded })
    }

    /// Reads the next element and returns its contents if it has tag `tag`.
    pub fn read(&mut self, tag: u8) -> Option<&'a [u8]> {
        self.read_element(tag).map(|element| element.content)
    }

    /// Reads the next element if it has tag `tag`.
    pub fn read_element(&mut self, tag: u8) -> Option<Element<'a>> {
        let mut ahead = *self;
        let element = ahead.element()?;
        if element.tag != tag {
            return None;
        }
        *self = ahead;
        Some(element)
    }

    /// Reads the next element if it has tag `tag`; leaves the reader alone otherwise.
    pub fn optional(&mut self, tag: u8) -> Option<&'a [u8]> {
        if self.peek_tag() == Some(tag) {
            self.read(tag)
        } else {
            None
        }
    }
}

/// Reads `input` as exactly one element with tag `tag` and returns its contents.
pub fn single(input: &[u8], tag: u8) -> Option<&[u8]> {
    let mut reader = Reader::new(input);
    let content = reader.read(tag)?;
    reader.is_empty().then_some(content)
}

/// The number of octets the length field of an element with `length` content octets takes.
fn length_field_len(length: usize) -> usize {
    if length < 0x80 {
        1
    } else {
        1 + (usize::BITS - length.leading_zeros()).div_ceil(8) as usize
    }
}

/// The size of a whole element with `length` content octets.
pub fn encoded_len(length: usize) -> usize {
    1 + length_field_len(length) + length
}

/// Appends the tag and length octets of an element with `length` content octets.
/// The caller appends the contents; this lets secrets be written straight into one
/// buffer of known size instead of passing through temporary copies.
pub fn write_header(out: &mut Vec<u8>, tag: u8, length: usize) {
    out.push(tag);
    if length < 0x80 {
        out.push(length as u8);
    } else {
        let octets = length_field_len(length) - 1;
        out.push(0x80 | octets as u8);
        out.extend((0..octets).rev().map(|i| (length >> (8 * i)) as u8));
    }
}

/// Encodes one element with tag `tag` and contents `content`.
pub fn encode(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(encoded_len(content.len()));
    write_header(&mut out, tag, content.len());
    out.extend_from_slice(content);
    out
}

/// A SubjectPublicKeyInfo split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKeyInfo<'a> {
    /// The AlgorithmIdentifier's contents octets (the OID and its parameters), as
    /// signature verifiers name key types.
    pub algorithm_id: &'a [u8],
    /// The algorithm OID (contents octets).
    pub algorithm: &'a [u8],
    /// The curve OID (contents octets) when the parameters name one.
    pub curve: Option<&'a [u8]>,
    /// The public key bits (the BIT STRING without its unused-bits octet).
    pub key: &'a [u8],
}

/// Splits a DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7).
pub fn parse_spki(spki: &[u8]) -> Option<PublicKeyInfo<'_>> {
    let mut fields = Reader::new(single(spki, SEQUENCE)?);
    let algorithm_id = fields.read(SEQUENCE)?;
    let mut parameters = Reader::new(algorithm_id);
    let algorithm = parameters.read(OID)?;
    let curve = parameters.optional(OID);
    let bits = fields.read(BIT_STRING)?;
    let (&unused_bits, key) = bits.split_first()?;
    (unused_bits == 0 && fields.is_empty()).then_some(PublicKeyInfo { algorithm_id, algorithm, curve, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_roundtrip_through_writer_and_reader() {
        for length in [0usize, 1, 127, 128, 255, 256, 65_535, 65_536] {
            let content = vec![7u8; length];
            let encoded = encode(OCTET_STRING, &content);
            assert_eq!(encoded.len(), encoded_len(length));
            assert_eq!(single(&encoded, OCTET_STRING), Some(&content[..]));
        }
    }

    #[test]
    fn truncated_and_indefinite_lengths_are_rejected() {
        assert_eq!(Reader::new(&[0x04, 0x05, 1, 2]).element(), None);
        assert_eq!(Reader::new(&[0x30, 0x80, 0, 0]).element(), None);
        assert_eq!(Reader::new(&[0x04, 0x82, 0x01]).element(), None);
        assert_eq!(Reader::new(&[0x1f, 0x01, 0x00]).element(), None);
        assert_eq!(Reader::new(&[]).element(), None);
    }
}

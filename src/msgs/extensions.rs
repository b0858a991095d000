//! Hello extensions: the list as it travels, and the typed bodies this library reads.

use super::codec::{Reader, Writer};
use super::enums::{ExtensionType, NamedGroup, SignatureScheme};
use crate::error::{Error, Reason};

/// The extensions of a hello message, in the order they came.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extensions(pub Vec<(ExtensionType, Vec<u8>)>);

impl Extensions {
    /// Decodes the optional extension block at the end of a hello. A repeated extension
    /// is a `decode_error`. Linear in the block's length: repeats are found with one bit
    /// per possible extension type.
    pub fn decode(r: &mut Reader<'_>) -> Result<Extensions, Error> {
        let mut out = Vec::new();
        if r.is_empty() {
            return Ok(Extensions(out));
        }
        let mut list = r.sub16("extension list")?;
        let mut seen = vec![0u64; 1 << 10];
        while !list.is_empty() {
            let code = list.u16()?;
            let body = list.vec16()?;
            let (word, bit) = (usize::from(code >> 6), 1u64 << (code & 63));
            let typ = ExtensionType::from(code);
            if seen[word] & bit != 0 {
                return Err(Error::decode(format!("the {} extension appears twice", typ.text())));
            }
            seen[word] |= bit;
            out.push((typ, body.to_vec()));
        }
        Ok(Extensions(out))
    }

    /// Encodes the extension block (nothing at all when there are no extensions).
    pub fn encode(&self, out: &mut Vec<u8>) {
        if self.0.is_empty() {
            return;
        }
        out.put_vec(2, |out| {
            for (typ, body) in &self.0 {
                out.put_u16(u16::from(*typ));
                out.put_vec(2, |out| out.extend_from_slice(body));
            }
        });
    }

    /// The body of extension `typ`, if present.
    pub fn get(&self, typ: ExtensionType) -> Option<&[u8]> {
        self.0.iter().find(|(t, _)| *t == typ).map(|(_, b)| b.as_slice())
    }

    /// Whether extension `typ` is present.
    pub fn has(&self, typ: ExtensionType) -> bool {
        self.get(typ).is_some()
    }

    /// Adds an extension.
    pub fn push(&mut self, typ: ExtensionType, body: Vec<u8>) {
        self.0.push((typ, body));
    }

    /// Reads extension `typ` with `parse`, which must consume the whole body.
    pub fn parse<T>(
        &self,
        typ: ExtensionType,
        what: &'static str,
        parse: impl FnOnce(&mut Reader<'_>) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        match self.get(typ) {
            None => Ok(None),
            Some(body) => {
                let mut r = Reader::new(body, what);
                let value = parse(&mut r)?;
                r.expect_end()?;
                Ok(Some(value))
            }
        }
    }
}

/// server_name (RFC 6066 3): the host name in a client's list, if it has one. Lengths
/// that do not add up are a `decode_error`; a second host_name, or one that is not a
/// host name (see [`is_host_name`]), is an `illegal_parameter`; other name types are
/// skipped.
pub fn read_server_name(r: &mut Reader<'_>) -> Result<Option<String>, Error> {
    let mut list = r.sub16("server_name extension")?;
    if list.is_empty() {
        return Err(Error::decode("the server_name list is empty"));
    }
    let mut host = None;
    while !list.is_empty() {
        let name_type = list.u8()?;
        let name = list.vec16()?;
        if name_type != 0 {
            continue;
        }
        if host.is_some() {
            return Err(Error::illegal(Reason::BAD_EXTENSION, "the server_name list has two host names"));
        }
        if !is_host_name(name) {
            return Err(Error::illegal(Reason::BAD_EXTENSION, "the server name is not a valid host name"));
        }
        host = Some(String::from_utf8_lossy(name).into_owned());
    }
    Ok(host)
}

/// RFC 6066 3 and RFC 1123 2.1: at most 255 bytes of dot-separated labels, each 1 to 63
/// letters, digits and hyphens, without a trailing dot.
fn is_host_name(name: &[u8]) -> bool {
    let label_ok =
        |label: &[u8]| (1..=63).contains(&label.len()) && label.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-');
    !name.is_empty() && name.len() <= 255 && name.split(|&c| c == b'.').all(label_ok)
}

/// Encodes a server_name extension body with one host name.
pub fn server_name_body(host: &str) -> Vec<u8> {
    let mut out = Vec::new();
    out.put_vec(2, |out| {
        out.put_u8(0);
        out.put_vec(2, |out| out.extend_from_slice(host.as_bytes()));
    });
    out
}

/// supported_groups (RFC 8422 5.1.1).
pub fn read_groups(r: &mut Reader<'_>) -> Result<Vec<NamedGroup>, Error> {
    Ok(r.u16_list()?.into_iter().map(NamedGroup::from).collect())
}

/// signature_algorithms (RFC 5246 7.4.1.4.1); an empty list is a `decode_error`.
pub fn read_schemes(r: &mut Reader<'_>) -> Result<Vec<SignatureScheme>, Error> {
    let list = r.u16_list()?;
    if list.is_empty() {
        return Err(Error::decode("the signature_algorithms list is empty"));
    }
    Ok(list.into_iter().map(SignatureScheme::from).collect())
}

/// Encodes a list of 16-bit code points (groups or schemes) with a two-byte length.
pub fn u16_list_body(items: impl IntoIterator<Item = u16>) -> Vec<u8> {
    let mut out = Vec::new();
    out.put_vec(2, |out| items.into_iter().for_each(|v| out.put_u16(v)));
    out
}

/// application_layer_protocol_negotiation (RFC 7301 3.1): the protocol names.
pub fn read_alpn(r: &mut Reader<'_>) -> Result<Vec<Vec<u8>>, Error> {
    let mut list = r.sub16("ALPN extension")?;
    let mut out = Vec::new();
    while !list.is_empty() {
        let name = list.vec8()?;
        if name.is_empty() {
            return Err(Error::decode("an ALPN protocol name is empty"));
        }
        out.push(name.to_vec());
    }
    if out.is_empty() {
        return Err(Error::decode("the ALPN protocol list is empty"));
    }
    Ok(out)
}

/// Encodes an ALPN extension body.
pub fn alpn_body<'a>(names: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    out.put_vec(2, |out| {
        for name in names {
            out.put_vec(1, |out| out.extend_from_slice(name));
        }
    });
    out
}

/// ec_point_formats (RFC 8422 5.1.2): the list must contain `uncompressed` (0); an
/// empty list is a `decode_error` (the grammar asks for at least one format).
pub fn read_point_formats(r: &mut Reader<'_>) -> Result<(), Error> {
    let formats = r.vec8()?;
    if formats.is_empty() {
        return Err(Error::decode("the ec_point_formats list is empty"));
    }
    if !formats.contains(&0) {
        return Err(Error::illegal(Reason::BAD_EXTENSION, "the peer does not accept uncompressed points"));
    }
    Ok(())
}

/// The ec_point_formats body that says "uncompressed only".
pub fn point_formats_body() -> Vec<u8> {
    vec![1, 0]
}

/// renegotiation_info (RFC 5746 3.2): the renegotiated_connection field.
pub fn read_renegotiation_info(r: &mut Reader<'_>) -> Result<Vec<u8>, Error> {
    Ok(r.vec8()?.to_vec())
}

/// supported_versions as a client sends it (RFC 8446 4.2.1).
pub fn read_supported_versions(r: &mut Reader<'_>) -> Result<Vec<u16>, Error> {
    let body = r.vec8()?;
    if body.len() % 2 != 0 || body.is_empty() {
        return Err(Error::decode("the supported_versions list is malformed"));
    }
    Ok(body.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect())
}

/// padding (RFC 7685 3): any length, every byte zero.
pub fn read_padding(r: &mut Reader<'_>) -> Result<(), Error> {
    while !r.is_empty() {
        if r.u8()? != 0 {
            return Err(Error::illegal(Reason::BAD_EXTENSION, "the padding extension holds bytes other than zero"));
        }
    }
    Ok(())
}

/// An extension that must have an empty body (extended_master_secret, an SNI echo).
pub fn read_empty(_r: &mut Reader<'_>) -> Result<(), Error> {
    Ok(())
}

/// The status_request body a client sends (RFC 6066 8): OCSP, no responder IDs, no
/// request extensions.
pub fn status_request_body() -> Vec<u8> {
    vec![1, 0, 0, 0, 0]
}

/// Whether a client's status_request asks for OCSP (other status types are ignored).
pub fn read_status_request(r: &mut Reader<'_>) -> Result<bool, Error> {
    let status_type = r.u8()?;
    if status_type != 1 {
        return Ok(false);
    }
    r.vec16()?;
    r.vec16()?;
    Ok(true)
}

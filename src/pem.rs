//! PEM (RFC 7468, with the RFC 1421 headers of OpenSSL's encrypted keys) and the base64
//! inside it (RFC 4648 section 4): the one reader and writer of both, for certificates,
//! keys, DH parameters and sessions. Keys and sessions are secrets, so base64 is computed
//! without branching on the data and decoded bytes are wiped when dropped.
//!
//! rustls-pki-types reads PEM too, but only the labels it has types for and without
//! RFC 1421 headers; DH parameters, sessions and OpenSSL's encrypted keys need both, so
//! this module reads every block, line by line as `PEM_read_*` does from a stream.

use std::fmt;
use zeroize::Zeroizing;

/// Characters per base64 line in the PEM this library writes (RFC 7468's 64).
const LINE_LEN: usize = 64;
/// What a BEGIN line starts with, before the label.
const BEGIN: &str = "-----BEGIN ";
/// What an END line starts with, before the label.
const END: &str = "-----END ";
/// What BEGIN and END lines end with, after the label.
const DASHES: &str = "-----";

/// One `-----BEGIN label-----` ... `-----END label-----` block.
pub struct Block {
    /// The label, such as `CERTIFICATE` or `ENCRYPTED PRIVATE KEY`.
    pub label: String,
    /// RFC 1421 headers before the base64 (`Proc-Type`, `DEK-Info`), names as written.
    pub headers: Vec<(String, String)>,
    /// The decoded contents.
    pub der: Zeroizing<Vec<u8>>,
}

impl Block {
    /// The value of the header `name` (compared without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why no block could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The input ended before a BEGIN line with a wanted label (OpenSSL's
    /// `PEM_R_NO_START_LINE`, what loops reading several objects stop on).
    NoStartLine,
    /// The input ended inside the block with this label, before its END line.
    NoEndLine(String),
    /// The block with this label does not hold valid base64.
    BadBase64(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NoStartLine => write!(f, "no PEM block found"),
            ReadError::NoEndLine(label) => write!(f, "the {label} block has no END line"),
            ReadError::BadBase64(label) => write!(f, "the {label} block is not valid base64"),
        }
    }
}

/// The label of a `-----BEGIN label-----` line, if `line` is one.
fn begin_label(line: &str) -> Option<&str> {
    line.strip_prefix(BEGIN)?.strip_suffix(DASHES)
}

/// Reads the next block whose label is one of `labels` (any label when `labels` is
/// empty), taking lines from `next_line` (which gives `None` at the end of the input)
/// through the block's END line and no further. Lines before the block, blocks with
/// other labels among them, are skipped, as OpenSSL's `PEM_read_bio_*` do.
pub fn read_block(mut next_line: impl FnMut() -> Option<Vec<u8>>, labels: &[&str]) -> Result<Block, ReadError> {
    let label = loop {
        let line = Zeroizing::new(next_line().ok_or(ReadError::NoStartLine)?);
        let text = String::from_utf8_lossy(&line);
        if let Some(label) = begin_label(text.trim_end()) {
            if labels.is_empty() || labels.contains(&label) {
                break label.to_string();
            }
        }
    };
    let end_line = format!("{END}{label}{DASHES}");
    let mut body = Zeroizing::new(Vec::new());
    loop {
        let Some(line) = next_line().map(Zeroizing::new) else {
            return Err(ReadError::NoEndLine(label));
        };
        if String::from_utf8_lossy(&line).trim_end() == end_line {
            break;
        }
        body.extend_from_slice(&line);
    }
    let (headers, base64) = split_headers(&body);
    let der = base64_decode(base64).ok_or_else(|| ReadError::BadBase64(label.clone()))?;
    Ok(Block { label, headers, der })
}

/// The lines of `text`, each with its line break, for [`read_block`].
fn lines_of(text: &[u8]) -> impl FnMut() -> Option<Vec<u8>> + '_ {
    let mut lines = text.split_inclusive(|&c| c == b'\n');
    move || lines.next().map(<[u8]>::to_vec)
}

/// The first block in `text` whose label is one of `labels`.
pub fn first_block(text: &[u8], labels: &[&str]) -> Result<Block, ReadError> {
    read_block(lines_of(text), labels)
}

/// Every block in `text`, in order; text around the blocks is ignored, as OpenSSL does.
/// Fails on a block without its END line or with invalid base64.
pub fn parse(text: &[u8]) -> Result<Vec<Block>, ReadError> {
    let mut next_line = lines_of(text);
    let mut blocks = Vec::new();
    loop {
        match read_block(&mut next_line, &[]) {
            Ok(block) => blocks.push(block),
            Err(ReadError::NoStartLine) => return Ok(blocks),
            Err(e) => return Err(e),
        }
    }
}

/// Splits a block's body into its RFC 1421 headers (`Name: value` lines up to a blank
/// line, when the first line is one) and the base64 text.
fn split_headers(body: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut headers = Vec::new();
    let first_line = body.split(|&c| c == b'\n').next().unwrap_or_default();
    if !first_line.contains(&b':') {
        return (headers, body);
    }
    let mut rest = body;
    while let Some(line_end) = rest.iter().position(|&c| c == b'\n') {
        let line = String::from_utf8_lossy(&rest[..line_end]).trim().to_string();
        rest = &rest[line_end + 1..];
        match line.split_once(':') {
            Some((name, value)) => headers.push((name.trim().to_string(), value.trim().to_string())),
            None if line.is_empty() => break,
            // A header line continued on the next (RFC 1421): part of the last value.
            None => {
                if let Some((_, value)) = headers.last_mut() {
                    value.push_str(&line);
                }
            }
        }
    }
    (headers, rest)
}

/// A PEM block labelled `label` holding `der`: lines of 64 base64 characters, each line
/// ending in a newline.
pub fn encode(label: &str, der: &[u8]) -> Zeroizing<String> {
    let encoded = base64_encode(der);
    let mut pem =
        Zeroizing::new(String::with_capacity(encoded.len() + encoded.len() / LINE_LEN + 2 * label.len() + 40));
    pem.push_str(&format!("{BEGIN}{label}{DASHES}\n"));
    for line in encoded.as_bytes().chunks(LINE_LEN) {
        pem.extend(line.iter().map(|&c| char::from(c)));
        pem.push('\n');
    }
    pem.push_str(&format!("{END}{label}{DASHES}\n"));
    pem
}
/// All ones when `lo <= c <= hi`, zero otherwise, computed without branches so that
/// encoding secrets as text does not leak them through timing.
pub(crate) fn range_mask(c: i16, lo: i16, hi: i16) -> i16 {
    ((lo - 1 - c) & (c - hi - 1)) >> 15
}

/// The base64 character for a 6-bit value.
fn base64_char(value: u8) -> u8 {
    let v = i16::from(value & 0x3f);
    let c = (range_mask(v, 0, 25) & (v + 65))
        | (range_mask(v, 26, 51) & (v + 71))
        | (range_mask(v, 52, 61) & (v - 4))
        | (range_mask(v, 62, 62) & 43)
        | (range_mask(v, 63, 63) & 47);
    c as u8
}

/// The 6-bit value of a base64 character, or `None` for any other byte.
fn base64_value(c: u8) -> Option<u8> {
    let c = i16::from(c);
    let upper = range_mask(c, 65, 90);
    let lower = range_mask(c, 97, 122);
    let digit = range_mask(c, 48, 57);
    let plus = range_mask(c, 43, 43);
    let slash = range_mask(c, 47, 47);
    let value = (upper & (c - 65)) | (lower & (c - 71)) | (digit & (c + 4)) | (plus & 62) | (slash & 63);
    ((upper | lower | digit | plus | slash) != 0).then_some(value as u8)
}

/// Base64 with padding, without line breaks.
pub fn base64_encode(data: &[u8]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(data.len().div_ceil(3) * 4));
    for chunk in data.chunks(3) {
        let group = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let sextets = [group[0] >> 2, (group[0] << 4) | (group[1] >> 4), (group[1] << 2) | (group[2] >> 6), group[2]];
        for (index, &sextet) in sextets.iter().enumerate() {
            out.push(if index <= chunk.len() { char::from(base64_char(sextet)) } else { '=' });
        }
    }
    out
}

/// Decodes padded base64, ignoring white space; `None` unless it is canonical.
pub fn base64_decode(text: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let chars: Zeroizing<Vec<u8>> = Zeroizing::new(text.iter().copied().filter(|c| !c.is_ascii_whitespace()).collect());
    let padding = chars.iter().rev().take_while(|&&c| c == b'=').count();
    if !chars.len().is_multiple_of(4) || padding > 2 {
        return None;
    }
    let mut out = Zeroizing::new(Vec::with_capacity(chars.len() / 4 * 3));
    let (mut buffer, mut buffered_bits) = (0u32, 0u32);
    for &c in &chars[..chars.len() - padding] {
        buffer = (buffer << 6) | u32::from(base64_value(c)?);
        buffered_bits += 6;
        if buffered_bits >= 8 {
            buffered_bits -= 8;
            out.push((buffer >> buffered_bits) as u8);
            buffer &= (1 << buffered_bits) - 1;
        }
    }
    // The bits left over must be zero padding; then the text is the canonical encoding.
    (buffer == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (data, text) in vectors {
            assert_eq!(base64_encode(data).as_str(), text);
            assert_eq!(base64_decode(text.as_bytes()).unwrap().as_slice(), data);
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64_decode(base64_encode(&all).as_bytes()).unwrap().as_slice(), all.as_slice());
        for c in 0..=255u8 {
            assert_eq!(base64_value(c).is_some(), c.is_ascii_alphanumeric() || c == b'+' || c == b'/');
        }
        for bad in ["Zg=", "Zh==", "Z===", "Zm9v=", "Zg==Zg==", "Zm-v", "=Zm9"] {
            assert!(base64_decode(bad.as_bytes()).is_none(), "{bad}");
        }
    }

    #[test]
    fn blocks_round_trip_with_text_around_them() {
        let der: Vec<u8> = (0..200).collect();
        let text = format!("junk before\n{}between\r\n{}after", *encode("ONE", &der), *encode("TWO", b"x"));
        let blocks = parse(text.as_bytes()).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!((blocks[0].label.as_str(), blocks[0].der.as_slice()), ("ONE", der.as_slice()));
        assert_eq!((blocks[1].label.as_str(), blocks[1].der.as_slice()), ("TWO", &b"x"[..]));
        assert!(blocks[0].headers.is_empty());
    }

    #[test]
    fn rfc_1421_headers_are_read() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\nZm9v\n-----END RSA PRIVATE KEY-----\n";
        let blocks = parse(text.as_bytes()).unwrap();
        assert_eq!(blocks[0].header("proc-type"), Some("4,ENCRYPTED"));
        assert_eq!(blocks[0].header("DEK-Info"), Some("AES-128-CBC,00FF"));
        assert_eq!(blocks[0].der.as_slice(), b"foo");
    }

    #[test]
    fn damaged_blocks_say_what_is_wrong() {
        let cut = "-----BEGIN CERTIFICATE-----\nZm9v\n";
        assert_eq!(parse(cut.as_bytes()).err().unwrap().to_string(), "the CERTIFICATE block has no END line");
        let bad = "-----BEGIN CERTIFICATE-----\nZm9v!\n-----END CERTIFICATE-----\n";
        assert_eq!(parse(bad.as_bytes()).err().unwrap(), ReadError::BadBase64("CERTIFICATE".into()));
        assert_eq!(parse(bad.as_bytes()).err().unwrap().to_string(), "the CERTIFICATE block is not valid base64");
        let other_end = "-----BEGIN CERTIFICATE-----\nZm9v\n-----END X509 CERTIFICATE-----\n";
        assert_eq!(parse(other_end.as_bytes()).err().unwrap(), ReadError::NoEndLine("CERTIFICATE".into()));
        assert!(parse(b"no PEM here").unwrap().is_empty());
        assert!(parse(b"-----BEGIN CERTIFICATE\nZm9v\n").unwrap().is_empty(), "not a BEGIN line");
    }

    #[test]
    fn encoder_writes_rfc_7468_lines() {
        let der: Vec<u8> = (0..49).collect();
        let text = encode("DH PARAMETERS", &der);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "-----BEGIN DH PARAMETERS-----");
        assert_eq!((lines[1].len(), lines[2].len()), (64, 4));
        assert_eq!(lines[3], "-----END DH PARAMETERS-----");
        assert!(text.ends_with("-----\n"));
    }

    #[test]
    fn read_block_takes_the_wanted_label_and_stops_after_it() {
        let text = format!("junk\n{}{}after\n", *encode("EC PARAMETERS", b"params"), *encode("EC PRIVATE KEY", b"key"));
        let mut lines = text.split_inclusive('\n').map(|l| l.as_bytes().to_vec());
        let block = read_block(|| lines.next(), &["EC PRIVATE KEY", "PRIVATE KEY"]).unwrap();
        assert_eq!((block.label.as_str(), block.der.as_slice()), ("EC PRIVATE KEY", &b"key"[..]));
        assert_eq!(lines.next().unwrap(), b"after\n");
        assert_eq!(first_block(text.as_bytes(), &["DH PARAMETERS"]).err(), Some(ReadError::NoStartLine));
        assert_eq!(first_block(b"", &[]).err(), Some(ReadError::NoStartLine));
        assert_eq!(first_block(text.as_bytes(), &[]).unwrap().label, "EC PARAMETERS");
    }
}

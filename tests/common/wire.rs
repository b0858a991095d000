//! Handshake messages built byte by byte: framing, splitting a flight into messages,
//! and a ClientHello builder whose fields a test can break one at a time.

use super::{record, records};

/// Handshake record content type.
pub const HANDSHAKE: u8 = 22;
/// ClientHello message type.
pub const CLIENT_HELLO: u8 = 1;

/// One handshake message: type and body.
pub type Msg = (u8, Vec<u8>);

/// Encodes a handshake message.
pub fn hs(typ: u8, body: &[u8]) -> Vec<u8> {
    let len = body.len() as u32;
    let mut out = vec![typ, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    out.extend_from_slice(body);
    out
}

/// Frames handshake bytes into plaintext records of at most 2^14 bytes.
pub fn frame(bytes: &[u8]) -> Vec<u8> {
    bytes.chunks(16384).flat_map(|c| record(HANDSHAKE, 0x0303, c)).collect()
}

/// Frames messages into records.
pub fn frame_msgs(msgs: &[Msg]) -> Vec<u8> {
    frame(&msgs.iter().flat_map(|(t, b)| hs(*t, b)).collect::<Vec<u8>>())
}

/// Splits the handshake records of a plaintext flight into messages.
pub fn messages(wire: &[u8]) -> Vec<Msg> {
    let joined: Vec<u8> = records(wire).into_iter().filter(|r| r.typ == HANDSHAKE).flat_map(|r| r.body).collect();
    let mut out = Vec::new();
    let mut rest = &joined[..];
    while rest.len() >= 4 {
        let len = (usize::from(rest[1]) << 16) | (usize::from(rest[2]) << 8) | usize::from(rest[3]);
        assert!(rest.len() >= 4 + len, "flight ends inside a handshake message");
        out.push((rest[0], rest[4..4 + len].to_vec()));
        rest = &rest[4 + len..];
    }
    out
}

/// Appends a vector with a big-endian length prefix of `n` bytes.
pub fn put_vec(out: &mut Vec<u8>, n: usize, data: &[u8]) {
    out.extend_from_slice(&data.len().to_be_bytes()[8 - n..]);
    out.extend_from_slice(data);
}

/// A ClientHello we build field by field.
#[derive(Clone)]
pub struct Hello {
    /// The legacy version field.
    pub version: u16,
    /// The session ID.
    pub session_id: Vec<u8>,
    /// The cipher suites, encoded.
    pub suites: Vec<u8>,
    /// The compression methods.
    pub compression: Vec<u8>,
    /// The extensions, in order.
    pub extensions: Vec<(u16, Vec<u8>)>,
    /// Bytes after the extensions.
    pub trailing: Vec<u8>,
}

/// Big-endian encoding of 16-bit values.
pub fn u16s(values: &[u16]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// `data` behind a 16-bit length.
pub fn with_len16(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    put_vec(&mut out, 2, data);
    out
}

impl Hello {
    /// A plain, acceptable TLS 1.2 ClientHello for our ECDHE suites.
    pub fn good() -> Hello {
        let mut sni = vec![0u8];
        put_vec(&mut sni, 2, b"localhost");
        Hello {
            version: 0x0303,
            session_id: Vec::new(),
            suites: u16s(&[0xc02f, 0xc030, 0xcca8, 0xc02b, 0xc02c, 0xcca9, 0x00ff]),
            compression: vec![0],
            extensions: vec![
                (0, with_len16(&sni)),
                (10, with_len16(&u16s(&[29, 23, 24]))),
                (11, vec![1, 0]),
                (13, with_len16(&u16s(&[0x0804, 0x0401, 0x0403, 0x0805, 0x0501, 0x0503]))),
                (23, vec![]),
            ],
            trailing: Vec::new(),
        }
    }

    /// The handshake message.
    pub fn message(&self) -> Vec<u8> {
        let mut body = self.version.to_be_bytes().to_vec();
        body.extend_from_slice(&[0x42; 32]);
        put_vec(&mut body, 1, &self.session_id);
        put_vec(&mut body, 2, &self.suites);
        put_vec(&mut body, 1, &self.compression);
        let mut exts = Vec::new();
        for (typ, data) in &self.extensions {
            exts.extend_from_slice(&typ.to_be_bytes());
            put_vec(&mut exts, 2, data);
        }
        put_vec(&mut body, 2, &exts);
        body.extend_from_slice(&self.trailing);
        hs(CLIENT_HELLO, &body)
    }

    /// The record(s) carrying it.
    pub fn wire(&self) -> Vec<u8> {
        frame(&self.message())
    }

    /// The hello after `f` edited it.
    pub fn with(mut self, f: impl FnOnce(&mut Hello)) -> Hello {
        f(&mut self);
        self
    }

    /// The hello with extension `typ` replaced by (or added as) `data`.
    pub fn replace_ext(self, typ: u16, data: Vec<u8>) -> Hello {
        self.with(|h| {
            h.extensions.retain(|(t, _)| *t != typ);
            h.extensions.push((typ, data));
        })
    }
}

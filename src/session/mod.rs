//! Sessions: what a connection remembers so that a later connection can resume it with an
//! abbreviated handshake (RFC 5246 7.3), by session ID through a [`cache::SessionCache`]
//! or statelessly through a ticket sealed by [`ticket::TicketKeys`] (RFC 5077).
//!
//! This module holds no handshake code: the state machines create sessions, look them up
//! and decide whether one may be resumed (suite, session id context, expiry).
//!
//! # The encoding
//!
//! [`Session::encode`] writes DER (X.690). It is this library's own structure, not
//! OpenSSL's `SSL_SESSION_ASN1`, so OpenSSL cannot read it and we cannot read OpenSSL's:
//!
//! ```text
//! SessionParameters ::= SEQUENCE {
//!     version               INTEGER (1),
//!     cipherSuite           OCTET STRING (SIZE (2)),       -- the wire id
//!     sessionId             OCTET STRING (SIZE (0..32)),
//!     masterSecret          OCTET STRING (SIZE (48)),
//!     extendedMasterSecret  BOOLEAN,
//!     peerCertificates      SEQUENCE OF OCTET STRING,      -- DER certificates, leaf first
//!     verifyResult          INTEGER,                       -- 0 accepted, else 1 + the
//!                                                          -- failure's place in VerifyError::ALL
//!     sessionIdContext      OCTET STRING (SIZE (0..32)),
//!     created               INTEGER (0..2^64-1),           -- unix seconds
//!     timeout               INTEGER (0..2^64-1),           -- seconds
//!     ticketLifetimeHint    INTEGER (0..2^32-1),
//!     serverName        [0] IMPLICIT UTF8String (SIZE (1..65535)) OPTIONAL,
//!     alpn              [1] IMPLICIT OCTET STRING (SIZE (1..255)) OPTIONAL,
//!     ticket            [2] IMPLICIT OCTET STRING (SIZE (0..65535)) OPTIONAL,
//!     pskIdentity       [3] IMPLICIT OCTET STRING (SIZE (0..65535)) OPTIONAL
//! }
//! ```
//!
//! The sizes are the wire limits of the fields (RFC 5246, RFC 7301, RFC 5077, RFC 4279);
//! each certificate is 1..2^24-1 bytes. A later version of the structure gets a new
//! version number and keeps decoding version 1. Decoding accepts only the exact bytes that
//! [`Session::encode`] produces for the session it decodes to: anything else (non-minimal
//! lengths or integers, unknown versions or suites, out-of-range fields, trailing bytes)
//! is an error.

pub mod cache;
pub mod ticket;

use crate::error::{Error, Reason};
use crate::pem;
use crate::suites::{self, Suite};
use crate::verify_error::VerifyError;
use crate::x509::der::{self, Reader, BOOLEAN};
use rustls_pki_types::CertificateDer;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};
use zeroize::Zeroizing;

/// The longest session ID (RFC 5246 7.4.1.2) and session id context
/// (`SSL_MAX_SID_CTX_LENGTH`), in bytes.
pub const MAX_ID_LEN: usize = 32;

/// The version of the encoding that [`Session::encode`] writes.
const ENCODING_VERSION: i128 = 1;
/// The PEM label that `PEM_write_SSL_SESSION` uses.
pub const PEM_LABEL: &str = "SSL SESSION PARAMETERS";

/// Context-specific primitive tags `[0]` .. `[3]` of the optional fields.
const SERVER_NAME: u8 = 0x80;
const ALPN: u8 = 0x81;
const TICKET: u8 = 0x82;
const PSK_IDENTITY: u8 = 0x83;

/// What a session remembers so that a later connection can resume it (RFC 5246 7.3,
/// RFC 5077). Shared as `Arc<Session>` (an `SSL_SESSION`); every copy wipes its master
/// secret when dropped.
#[derive(Clone)]
pub struct Session {
    /// The session ID, 0..=32 bytes (empty: only resumable by ticket).
    pub id: Vec<u8>,
    /// The cipher suite the session was negotiated with.
    pub suite: &'static Suite,
    /// The master secret.
    pub master_secret: Zeroizing<[u8; 48]>,
    /// Whether the master secret is RFC 7627's extended master secret.
    pub extended_master_secret: bool,
    /// The peer's certificate chain, leaf first (empty when the peer sent none).
    pub peer_certificates: Vec<CertificateDer<'static>>,
    /// Why verifying the peer's chain failed; `None` when it was accepted (or not checked).
    pub verify_result: Option<VerifyError>,
    /// The server name (SNI) the session was made under.
    pub server_name: Option<String>,
    /// The negotiated application protocol (ALPN).
    pub alpn: Option<Vec<u8>>,
    /// The session id context (`SSL_CTX_set_session_id_context`), 0..=32 bytes.
    pub sid_ctx: Vec<u8>,
    /// When the session was made, in unix seconds.
    pub created: u64,
    /// How long the session may be resumed, in seconds.
    pub timeout: u64,
    /// Client side: the ticket to offer when resuming (RFC 5077).
    pub ticket: Option<Vec<u8>>,
    /// Client side: the server's ticket lifetime hint, in seconds.
    pub ticket_lifetime_hint: u32,
    /// The PSK identity of a PSK session (RFC 4279).
    pub psk_identity: Option<Vec<u8>>,
}

impl fmt::Debug for Session {
    /// Shows what identifies the session; never the master secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("suite", &self.suite.openssl_name)
            .field("server_name", &self.server_name)
            .field("created", &self.created)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Unix time now, in seconds (0 if the clock is before 1970).
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs())
}

impl Session {
    /// Whether the session may no longer be resumed at `now` (unix seconds): it lives
    /// `timeout` seconds after `created`, inclusive. A lifetime that overflows never ends.
    pub fn is_expired(&self, now: u64) -> bool {
        self.created.checked_add(self.timeout).is_some_and(|end| now > end)
    }

    /// The DER encoding described in the [module documentation](self), used by
    /// `i2d_SSL_SESSION`, PEM, tickets and external caches. It holds the master secret,
    /// so it is wiped when dropped. A session whose fields break the limits there (which
    /// the handshake never creates) still encodes, but does not decode.
    pub fn encode(&self) -> Zeroizing<Vec<u8>> {
        let mut body = Zeroizing::new(Vec::with_capacity(256));
        put_integer(&mut body, ENCODING_VERSION);
        put(&mut body, der::OCTET_STRING, &self.suite.id.to_be_bytes());
        put(&mut body, der::OCTET_STRING, &self.id);
        put(&mut body, der::OCTET_STRING, &self.master_secret[..]);
        put(&mut body, BOOLEAN, &[if self.extended_master_secret { 0xff } else { 0x00 }]);
        let certificates_len: usize =
            self.peer_certificates.iter().map(|certificate| der::encoded_len(certificate.len())).sum();
        der::write_header(&mut body, der::SEQUENCE, certificates_len);
        for certificate in &self.peer_certificates {
            put(&mut body, der::OCTET_STRING, certificate);
        }
        // A fieldless enum's discriminant is its place in declaration order, which `ALL` keeps.
        put_integer(&mut body, self.verify_result.map_or(0, |error| error as i128 + 1));
        put(&mut body, der::OCTET_STRING, &self.sid_ctx);
        put_integer(&mut body, i128::from(self.created));
        put_integer(&mut body, i128::from(self.timeout));
        put_integer(&mut body, i128::from(self.ticket_lifetime_hint));
        let optional = [
            (SERVER_NAME, self.server_name.as_ref().map(String::as_bytes)),
            (ALPN, self.alpn.as_deref()),
            (TICKET, self.ticket.as_deref()),
            (PSK_IDENTITY, self.psk_identity.as_deref()),
        ];
        for (tag, value) in optional {
            if let Some(value) = value {
                put(&mut body, tag, value);
            }
        }
        let mut out = Zeroizing::new(Vec::with_capacity(der::encoded_len(body.len())));
        put(&mut out, der::SEQUENCE, &body);
        out
    }

    /// Decodes what [`Session::encode`] wrote (`d2i_SSL_SESSION`). Bounds-checked; any
    /// other input is a `BAD_DATA` error, never a panic.
    pub fn decode(bytes: &[u8]) -> Result<Session, Error> {
        let session = parse(bytes).map_err(|detail| Error::local(Reason::BAD_DATA, detail))?;
        if session.encode().as_slice() != bytes {
            return Err(Error::local(Reason::BAD_DATA, "the session encoding is not canonical DER"));
        }
        Ok(session)
    }

    /// The encoding as PEM with the label `SSL SESSION PARAMETERS`, as
    /// `PEM_write_SSL_SESSION` writes it. It holds the master secret, so it is wiped
    /// when dropped.
    pub fn to_pem(&self) -> Zeroizing<String> {
        pem::encode(PEM_LABEL, &self.encode())
    }

    /// Reads the first `SSL SESSION PARAMETERS` PEM block in `pem` (text around it is
    /// ignored, as `PEM_read_SSL_SESSION` does) and decodes it.
    pub fn from_pem(text: &[u8]) -> Result<Session, Error> {
        let block = pem::first_block(text, &[PEM_LABEL]).map_err(|e| match e {
            pem::ReadError::NoStartLine => Error::local(Reason::BAD_DATA, format!("no {PEM_LABEL} PEM block")),
            e => Error::local(Reason::BAD_DATA, e.to_string()),
        })?;
        Session::decode(&block.der)
    }
}

/// Appends one DER element.
fn put(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    der::write_header(out, tag, content.len());
    out.extend_from_slice(content);
}

/// Appends a DER INTEGER in its minimal two's complement form.
fn put_integer(out: &mut Vec<u8>, value: i128) {
    let bytes = value.to_be_bytes();
    // Drop a leading octet while it only repeats the sign of the next one.
    let redundant = bytes
        .windows(2)
        .take_while(|pair| (pair[0] == 0x00 || pair[0] == 0xff) && (pair[0] & 0x80) == (pair[1] & 0x80))
        .count();
    put(out, der::INTEGER, &bytes[redundant..]);
}

/// Reads a DER INTEGER of at most 16 octets.
fn read_integer(reader: &mut Reader<'_>) -> Option<i128> {
    let content = reader.read(der::INTEGER)?;
    let &first = content.first()?;
    if content.len() > 16 {
        return None;
    }
    let sign_extension = if first & 0x80 == 0 { 0 } else { -1 };
    Some(content.iter().fold(sign_extension, |acc: i128, &byte| (acc << 8) | i128::from(byte)))
}

/// Reads an OCTET STRING (or an implicitly tagged one) of `range` bytes.
fn read_bytes<'a>(reader: &mut Reader<'a>, tag: u8, range: std::ops::RangeInclusive<usize>) -> Option<&'a [u8]> {
    reader.read(tag).filter(|content| range.contains(&content.len()))
}

/// Reads an optional implicitly tagged field of `range` bytes: `Ok(None)` when absent.
fn read_optional(
    reader: &mut Reader<'_>,
    tag: u8,
    range: std::ops::RangeInclusive<usize>,
) -> Result<Option<Vec<u8>>, &'static str> {
    match reader.peek_tag() {
        Some(next) if next == tag => {
            read_bytes(reader, tag, range).map(|value| Some(value.to_vec())).ok_or("an optional field is malformed")
        }
        _ => Ok(None),
    }
}

/// Reads the fields of a `SessionParameters`; [`Session::decode`] checks canonicity.
fn parse(bytes: &[u8]) -> Result<Session, &'static str> {
    let body = der::single(bytes, der::SEQUENCE).ok_or("not a single DER SEQUENCE")?;
    let mut fields = Reader::new(body);
    if read_integer(&mut fields) != Some(ENCODING_VERSION) {
        return Err("unknown session encoding version");
    }
    let suite_id = read_bytes(&mut fields, der::OCTET_STRING, 2..=2).ok_or("bad cipher suite field")?;
    let suite = suites::by_id(u16::from_be_bytes([suite_id[0], suite_id[1]])).ok_or("unknown cipher suite")?;
    let id = read_bytes(&mut fields, der::OCTET_STRING, 0..=MAX_ID_LEN).ok_or("bad session ID")?.to_vec();
    let mut master_secret = Zeroizing::new([0u8; 48]);
    master_secret.copy_from_slice(read_bytes(&mut fields, der::OCTET_STRING, 48..=48).ok_or("bad master secret")?);
    let extended_master_secret = match fields.read(BOOLEAN) {
        Some([0x00]) => false,
        Some([0xff]) => true,
        _ => return Err("bad extended master secret flag"),
    };
    let mut chain = Reader::new(fields.read(der::SEQUENCE).ok_or("bad certificate list")?);
    let mut peer_certificates = Vec::new();
    while !chain.is_empty() {
        let certificate = read_bytes(&mut chain, der::OCTET_STRING, 1..=0xff_ffff).ok_or("bad certificate")?;
        peer_certificates.push(CertificateDer::from(certificate.to_vec()));
    }
    let verify_result = match read_integer(&mut fields).and_then(|v| usize::try_from(v).ok()) {
        Some(0) => None,
        Some(n) => Some(*VerifyError::ALL.get(n - 1).ok_or("bad verify result")?),
        None => return Err("bad verify result"),
    };
    let sid_ctx = read_bytes(&mut fields, der::OCTET_STRING, 0..=MAX_ID_LEN).ok_or("bad session id context")?;
    let created = read_integer(&mut fields).and_then(|v| u64::try_from(v).ok()).ok_or("bad creation time")?;
    let timeout = read_integer(&mut fields).and_then(|v| u64::try_from(v).ok()).ok_or("bad timeout")?;
    let ticket_lifetime_hint =
        read_integer(&mut fields).and_then(|v| u32::try_from(v).ok()).ok_or("bad ticket lifetime hint")?;
    let server_name = read_optional(&mut fields, SERVER_NAME, 1..=0xffff)?
        .map(|name| String::from_utf8(name).map_err(|_| "the server name is not UTF-8"))
        .transpose()?;
    let alpn = read_optional(&mut fields, ALPN, 1..=0xff)?;
    let ticket = read_optional(&mut fields, TICKET, 0..=0xffff)?;
    let psk_identity = read_optional(&mut fields, PSK_IDENTITY, 0..=0xffff)?;
    if !fields.is_empty() {
        return Err("unexpected fields after the session parameters");
    }
    Ok(Session {
        id,
        suite,
        master_secret,
        extended_master_secret,
        peer_certificates,
        verify_result,
        server_name,
        alpn,
        sid_ctx: sid_ctx.to_vec(),
        created,
        timeout,
        ticket,
        ticket_lifetime_hint,
        psk_identity,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A session with every field set.
    pub(crate) fn full_session() -> Session {
        Session {
            id: (0..32).collect(),
            suite: suites::by_name("ECDHE-RSA-AES128-GCM-SHA256").unwrap(),
            master_secret: Zeroizing::new([0x5a; 48]),
            extended_master_secret: true,
            peer_certificates: vec![CertificateDer::from(vec![0x30; 300]), CertificateDer::from(vec![1, 2, 3])],
            verify_result: Some(VerifyError::CERT_SIGNATURE_FAILURE),
            server_name: Some("example.com".into()),
            alpn: Some(b"h2".to_vec()),
            sid_ctx: b"context".to_vec(),
            created: 1_700_000_000,
            timeout: 7200,
            ticket: Some(vec![9; 200]),
            ticket_lifetime_hint: 300,
            psk_identity: Some(b"client1".to_vec()),
        }
    }

    /// A session with every optional field absent and everything else empty or zero.
    pub(crate) fn minimal_session() -> Session {
        Session {
            id: Vec::new(),
            suite: &suites::ALL_SUITES[0],
            master_secret: Zeroizing::new([0; 48]),
            extended_master_secret: false,
            peer_certificates: Vec::new(),
            verify_result: None,
            server_name: None,
            alpn: None,
            sid_ctx: Vec::new(),
            created: 0,
            timeout: 0,
            ticket: None,
            ticket_lifetime_hint: 0,
            psk_identity: None,
        }
    }

    /// Asserts that every field survived a round trip.
    pub(crate) fn assert_same(a: &Session, b: &Session) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.suite.id, b.suite.id);
        assert_eq!(a.master_secret[..], b.master_secret[..]);
        assert_eq!(a.extended_master_secret, b.extended_master_secret);
        assert_eq!(a.peer_certificates, b.peer_certificates);
        assert_eq!(a.verify_result, b.verify_result);
        assert_eq!(a.server_name, b.server_name);
        assert_eq!(a.alpn, b.alpn);
        assert_eq!(a.sid_ctx, b.sid_ctx);
        assert_eq!((a.created, a.timeout), (b.created, b.timeout));
        assert_eq!(a.ticket, b.ticket);
        assert_eq!(a.ticket_lifetime_hint, b.ticket_lifetime_hint);
        assert_eq!(a.psk_identity, b.psk_identity);
    }

    fn round_trip(session: &Session) {
        let encoded = session.encode();
        let decoded = Session::decode(&encoded).unwrap();
        assert_same(session, &decoded);
        assert_eq!(decoded.encode(), encoded);
    }

    #[test]
    fn full_and_minimal_sessions_round_trip() {
        round_trip(&full_session());
        round_trip(&minimal_session());
        let extremes = Session {
            verify_result: VerifyError::ALL.first().copied(),
            created: u64::MAX,
            timeout: u64::MAX,
            ticket_lifetime_hint: u32::MAX,
            ticket: Some(Vec::new()),
            psk_identity: Some(Vec::new()),
            ..minimal_session()
        };
        round_trip(&extremes);
        for suite in suites::ALL_SUITES {
            round_trip(&Session {
                suite,
                verify_result: VerifyError::ALL.last().copied(),
                created: 128,
                timeout: 255,
                ..full_session()
            });
        }
    }

    #[test]
    fn every_truncation_fails() {
        let encoded = full_session().encode();
        for len in 0..encoded.len() {
            assert!(Session::decode(&encoded[..len]).is_err(), "truncated to {len} bytes");
        }
    }

    #[test]
    fn bit_flips_never_panic_and_structure_flips_fail() {
        let encoded = full_session().encode();
        for index in 0..encoded.len() {
            for bit in [0, 3, 7] {
                let mut flipped = encoded.to_vec();
                flipped[index] ^= 1 << bit;
                if let Ok(session) = Session::decode(&flipped) {
                    // Only a value inside a field changed: the result re-encodes exactly.
                    assert_eq!(session.encode().as_slice(), flipped.as_slice());
                }
            }
        }
        // The outer header, the version and the suite id: every flip there must fail.
        for index in 0..7 {
            for bit in 0..8 {
                let mut flipped = encoded.to_vec();
                flipped[index] ^= 1 << bit;
                assert!(Session::decode(&flipped).is_err(), "byte {index} bit {bit}");
            }
        }
    }

    #[test]
    fn malformed_encodings_are_rejected() {
        let encoded = full_session().encode();
        let mut trailing = encoded.to_vec();
        trailing.push(0);
        assert!(Session::decode(&trailing).is_err());
        assert!(Session::decode(&[]).is_err());
        assert!(Session::decode(&[0x30, 0x00]).is_err());

        // The version INTEGER follows the outer header (4 bytes: 0x30 0x82 len len).
        assert_eq!(&encoded[4..7], &[0x02, 0x01, 0x01]);
        let mut version_2 = encoded.to_vec();
        version_2[6] = 2;
        assert!(Session::decode(&version_2).is_err());

        // A suite id that this library does not implement.
        assert_eq!(&encoded[7..9], &[0x04, 0x02]);
        let mut unknown_suite = encoded.to_vec();
        unknown_suite[9..11].copy_from_slice(&0x0005u16.to_be_bytes());
        assert!(Session::decode(&unknown_suite).is_err());

        // A non-minimal length that a lenient reader would accept.
        let mut long_form = vec![0x30, 0x83, 0x00];
        long_form.extend_from_slice(&encoded[2..]);
        assert!(Session::decode(&long_form).is_err());

        let out_of_range = [
            Session { id: vec![1; 33], ..full_session() },
            Session { sid_ctx: vec![1; 33], ..full_session() },
            Session { alpn: Some(Vec::new()), ..full_session() },
            Session { alpn: Some(vec![b'a'; 256]), ..full_session() },
            Session { server_name: Some(String::new()), ..full_session() },
            Session { ticket: Some(vec![0; 0x1_0000]), ..full_session() },
            Session { psk_identity: Some(vec![0; 0x1_0000]), ..full_session() },
            Session { peer_certificates: vec![CertificateDer::from(Vec::new())], ..full_session() },
        ];
        for session in out_of_range {
            assert!(Session::decode(&session.encode()).is_err(), "{session:?}");
        }
    }

    #[test]
    fn integers_are_minimal_twos_complement() {
        let encode = |value: i128| {
            let mut out = Vec::new();
            put_integer(&mut out, value);
            out
        };
        assert_eq!(encode(0), [0x02, 0x01, 0x00]);
        assert_eq!(encode(127), [0x02, 0x01, 0x7f]);
        assert_eq!(encode(128), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(encode(-1), [0x02, 0x01, 0xff]);
        assert_eq!(encode(-128), [0x02, 0x01, 0x80]);
        assert_eq!(encode(-129), [0x02, 0x02, 0xff, 0x7f]);
        assert_eq!(encode(i128::from(u64::MAX)), [0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        for value in [0, 1, -1, 127, 128, -128, -129, 65_535, i128::from(i64::MIN), i128::from(u64::MAX)] {
            assert_eq!(read_integer(&mut Reader::new(&encode(value))), Some(value));
        }
    }

    #[test]
    fn expiry_includes_the_last_second() {
        let session = Session { created: 1000, timeout: 100, ..minimal_session() };
        assert!(!session.is_expired(0));
        assert!(!session.is_expired(1100));
        assert!(session.is_expired(1101));
        let forever = Session { created: 1000, timeout: u64::MAX, ..minimal_session() };
        assert!(!forever.is_expired(u64::MAX));
        assert!(now() > 1_600_000_000);
    }

    #[test]
    fn pem_round_trips_and_rejects_damage() {
        let session = full_session();
        let pem = session.to_pem();
        assert_eq!(PEM_LABEL, "SSL SESSION PARAMETERS");
        assert_eq!(*pem, *pem::encode(PEM_LABEL, &session.encode()));
        assert!(pem.lines().all(|line| line.len() <= 64 || line.starts_with("-----")));
        assert_same(&session, &Session::from_pem(pem.as_bytes()).unwrap());

        let crlf = format!("explanatory text\r\n{}trailer", pem.replace('\n', "\r\n"));
        assert_same(&session, &Session::from_pem(crlf.as_bytes()).unwrap());

        let other_label = pem.replace("SSL SESSION PARAMETERS", "CERTIFICATE");
        assert!(Session::from_pem(other_label.as_bytes()).is_err());
        let no_end = pem.replace("-----END", "-----FIN");
        assert!(Session::from_pem(no_end.as_bytes()).is_err());
        let damaged = pem.replacen('A', "*", 1);
        assert!(Session::from_pem(damaged.as_bytes()).is_err());
        assert!(Session::from_pem(b"").is_err());
    }
}

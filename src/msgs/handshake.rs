//! Handshake messages (RFC 5246 7.4) with their decoders and encoders.

use super::codec::{Reader, Writer};
use super::enums::{AlertDescription, HandshakeType, NamedGroup, SignatureScheme};
use super::extensions::Extensions;
use crate::error::{Error, Reason};
use crate::suites::KeyExchange;
use rustls_pki_types::CertificateDer;

/// The longest ClientHello body accepted: the largest the grammar allows (a full
/// cipher-suite list and extension block), as OpenSSL's `CLIENT_HELLO_MAX_LENGTH`.
pub const MAX_CLIENT_HELLO: usize = 131_396;

/// OpenSSL's default for the longest Certificate message (`SSL_MAX_CERT_LIST_DEFAULT`,
/// changed with `SSL_CTX_set_max_cert_list`).
pub const DEFAULT_MAX_CERT_LIST: usize = 100 * 1024;

/// The longest body a peer may send in a handshake message of type `typ`: OpenSSL's
/// limits for each message a TLS 1.2 peer may send us (`we_are_client` says which end
/// we are). `max_cert_list` bounds the messages that carry certificates or CA names. A
/// message that no state expects gets the largest limit: the state machine rejects it as
/// unexpected once it is whole.
pub fn max_message_len(typ: HandshakeType, we_are_client: bool, max_cert_list: usize) -> usize {
    use HandshakeType as T;
    match (we_are_client, typ) {
        (_, T::HelloRequest | T::ServerHelloDone) => 0,
        (_, T::Finished) => 64,
        (_, T::Certificate) => max_cert_list,
        (true, T::ServerHello) => 65_607,
        (true, T::CertificateRequest) => max_cert_list,
        (true, T::ServerKeyExchange) => 102_400,
        (true, T::CertificateStatus) => 16_384,
        (true, T::NewSessionTicket) => 65_541,
        (false, T::ClientKeyExchange) => 2048,
        (false, T::CertificateVerify) => 16_384,
        _ => MAX_CLIENT_HELLO.max(max_cert_list),
    }
}

/// Wraps a message body in its handshake header (type and 24-bit length).
pub fn encode_handshake(typ: HandshakeType, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 4);
    out.put_u8(u8::from(typ));
    out.put_u24(body.len());
    out.extend_from_slice(body);
    out
}

/// ClientHello (RFC 5246 7.4.1.2).
#[derive(Clone, Debug)]
pub struct ClientHello {
    /// The highest version the client speaks (legacy field).
    pub client_version: u16,
    /// client_random.
    pub random: [u8; 32],
    /// The session ID the client would resume.
    pub session_id: Vec<u8>,
    /// Offered suites (including signalling values).
    pub cipher_suites: Vec<u16>,
    /// Offered compression methods (only `null` is used).
    pub compression_methods: Vec<u8>,
    /// Extensions.
    pub extensions: Extensions,
}

fn read_random(r: &mut Reader<'_>) -> Result<[u8; 32], Error> {
    let mut random = [0u8; 32];
    random.copy_from_slice(r.take(32)?);
    Ok(random)
}

fn read_session_id(r: &mut Reader<'_>) -> Result<Vec<u8>, Error> {
    let id = r.vec8()?;
    if id.len() > 32 {
        return Err(Error::decode("the session ID is longer than 32 bytes"));
    }
    Ok(id.to_vec())
}

impl ClientHello {
    /// Decodes a ClientHello body.
    pub fn decode(body: &[u8]) -> Result<ClientHello, Error> {
        let mut r = Reader::new(body, "ClientHello");
        let client_version = r.u16()?;
        let random = read_random(&mut r)?;
        let session_id = read_session_id(&mut r)?;
        let cipher_suites = r.u16_list()?;
        if cipher_suites.is_empty() {
            // RFC 5246 7.4.1.2: the list has at least one entry, so this is a decode error.
            return Err(Error::fatal(
                AlertDescription::DecodeError,
                Reason::NO_CIPHERS_SPECIFIED,
                "the ClientHello offers no cipher suites",
            ));
        }
        let compression_methods = r.vec8()?.to_vec();
        let extensions = Extensions::decode(&mut r)?;
        r.expect_end()?;
        Ok(ClientHello { client_version, random, session_id, cipher_suites, compression_methods, extensions })
    }

    /// Encodes the body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.put_u16(self.client_version);
        out.extend_from_slice(&self.random);
        out.put_vec(1, |o| o.extend_from_slice(&self.session_id));
        out.put_vec(2, |o| self.cipher_suites.iter().for_each(|s| o.put_u16(*s)));
        out.put_vec(1, |o| o.extend_from_slice(&self.compression_methods));
        self.extensions.encode(&mut out);
        out
    }
}

/// ServerHello (RFC 5246 7.4.1.3).
#[derive(Clone, Debug)]
pub struct ServerHello {
    /// The chosen version.
    pub server_version: u16,
    /// server_random.
    pub random: [u8; 32],
    /// The session ID (empty: not resumable).
    pub session_id: Vec<u8>,
    /// The chosen suite.
    pub cipher_suite: u16,
    /// The chosen compression method.
    pub compression_method: u8,
    /// Extensions.
    pub extensions: Extensions,
}

impl ServerHello {
    /// Decodes a ServerHello body.
    pub fn decode(body: &[u8]) -> Result<ServerHello, Error> {
        let mut r = Reader::new(body, "ServerHello");
        let server_version = r.u16()?;
        let random = read_random(&mut r)?;
        let session_id = read_session_id(&mut r)?;
        let cipher_suite = r.u16()?;
        let compression_method = r.u8()?;
        let extensions = Extensions::decode(&mut r)?;
        r.expect_end()?;
        Ok(ServerHello { server_version, random, session_id, cipher_suite, compression_method, extensions })
    }

    /// Encodes the body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.put_u16(self.server_version);
        out.extend_from_slice(&self.random);
        out.put_vec(1, |o| o.extend_from_slice(&self.session_id));
        out.put_u16(self.cipher_suite);
        out.put_u8(self.compression_method);
        self.extensions.encode(&mut out);
        out
    }
}

/// Certificate (RFC 5246 7.4.2): a chain, leaf first.
pub fn decode_certificate(body: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    let mut r = Reader::new(body, "Certificate");
    let mut list = Reader::new(r.vec24()?, "certificate list");
    r.expect_end()?;
    let mut chain = Vec::new();
    while !list.is_empty() {
        let cert = list.vec24()?;
        if cert.is_empty() {
            return Err(Error::decode("a certificate in the chain is empty"));
        }
        chain.push(CertificateDer::from(cert.to_vec()));
    }
    Ok(chain)
}

/// Encodes a Certificate body.
pub fn encode_certificate(chain: &[CertificateDer<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    out.put_vec(3, |o| {
        for cert in chain {
            o.put_vec(3, |o| o.extend_from_slice(cert.as_ref()));
        }
    });
    out
}

/// The key exchange parameters a server sends and signs (RFC 5246 7.4.3, RFC 8422 5.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KxParams {
    /// ECDHE: a named curve and the server's public point.
    Ecdhe {
        /// The curve.
        group: NamedGroup,
        /// The server's ephemeral public value.
        public: Vec<u8>,
    },
    /// DHE: the prime, the generator and the server's public value.
    Dhe {
        /// dh_p.
        p: Vec<u8>,
        /// dh_g.
        g: Vec<u8>,
        /// dh_Ys.
        public: Vec<u8>,
    },
}

/// `ECCurveType.named_curve`.
const NAMED_CURVE: u8 = 3;

fn nonempty<'a>(value: &'a [u8], what: &str) -> Result<&'a [u8], Error> {
    if value.is_empty() {
        return Err(Error::decode(format!("the server's {what} is empty")));
    }
    Ok(value)
}

impl KxParams {
    /// Encodes the parameters (the part the signature covers, after the randoms).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            KxParams::Ecdhe { group, public } => {
                out.put_u8(NAMED_CURVE);
                out.put_u16(u16::from(*group));
                out.put_vec(1, |o| o.extend_from_slice(public));
            }
            KxParams::Dhe { p, g, public } => {
                for value in [p, g, public] {
                    out.put_vec(2, |o| o.extend_from_slice(value));
                }
            }
        }
        out
    }

    /// Reads the parameters of key exchange `kx`; none for exchanges without them.
    fn decode(r: &mut Reader<'_>, kx: KeyExchange) -> Result<Option<KxParams>, Error> {
        match kx {
            KeyExchange::Ecdhe | KeyExchange::EcdhePsk => {
                if r.u8()? != NAMED_CURVE {
                    return Err(Error::illegal(Reason::WRONG_CURVE, "the server did not use a named curve"));
                }
                let group = NamedGroup::from(r.u16()?);
                let public = nonempty(r.vec8()?, "ECDH public value")?.to_vec();
                Ok(Some(KxParams::Ecdhe { group, public }))
            }
            KeyExchange::Dhe | KeyExchange::DhePsk => Ok(Some(KxParams::Dhe {
                p: nonempty(r.vec16()?, "DH prime")?.to_vec(),
                g: nonempty(r.vec16()?, "DH generator")?.to_vec(),
                public: nonempty(r.vec16()?, "DH public value")?.to_vec(),
            })),
            KeyExchange::Rsa | KeyExchange::Psk | KeyExchange::RsaPsk => Ok(None),
        }
    }
}

/// ServerKeyExchange: a PSK identity hint (PSK suites, RFC 4279), key exchange
/// parameters (ephemeral suites) and a signature over the randoms and the parameters
/// (certificate-signed suites).
#[derive(Clone, Debug)]
pub struct ServerKeyExchange {
    /// The PSK identity hint (PSK suites only; may be empty).
    pub psk_hint: Option<Vec<u8>>,
    /// The ephemeral key exchange parameters.
    pub params: Option<KxParams>,
    /// The signature.
    pub signed: Option<DigitallySigned>,
}

impl ServerKeyExchange {
    /// Decodes a ServerKeyExchange body for key exchange `kx`.
    pub fn decode(body: &[u8], kx: KeyExchange) -> Result<ServerKeyExchange, Error> {
        let mut r = Reader::new(body, "ServerKeyExchange");
        let psk_hint = if kx.uses_psk() { Some(r.vec16()?.to_vec()) } else { None };
        let params = KxParams::decode(&mut r, kx)?;
        let signed = if kx.is_signed() {
            let scheme = SignatureScheme::from(r.u16()?);
            Some(DigitallySigned { scheme, signature: r.vec16()?.to_vec() })
        } else {
            None
        };
        r.expect_end()?;
        Ok(ServerKeyExchange { psk_hint, params, signed })
    }

    /// Encodes the body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(hint) = &self.psk_hint {
            out.put_vec(2, |o| o.extend_from_slice(hint));
        }
        if let Some(params) = &self.params {
            out.extend_from_slice(&params.encode());
        }
        if let Some(signed) = &self.signed {
            out.extend_from_slice(&signed.encode());
        }
        out
    }
}

/// CertificateRequest (RFC 5246 7.4.4).
#[derive(Clone, Debug)]
pub struct CertificateRequest {
    /// ClientCertificateType values.
    pub certificate_types: Vec<u8>,
    /// Acceptable signature schemes.
    pub schemes: Vec<SignatureScheme>,
    /// Distinguished names of acceptable CAs (DER).
    pub authorities: Vec<Vec<u8>>,
}

impl CertificateRequest {
    /// Decodes a CertificateRequest body.
    pub fn decode(body: &[u8]) -> Result<CertificateRequest, Error> {
        let mut r = Reader::new(body, "CertificateRequest");
        let certificate_types = r.vec8()?.to_vec();
        if certificate_types.is_empty() {
            return Err(Error::decode("the CertificateRequest lists no certificate types"));
        }
        let schemes = super::extensions::read_schemes(&mut r)?;
        let mut names = r.sub16("certificate authorities")?;
        let mut authorities = Vec::new();
        while !names.is_empty() {
            authorities.push(names.vec16()?.to_vec());
        }
        r.expect_end()?;
        Ok(CertificateRequest { certificate_types, schemes, authorities })
    }

    /// Encodes the body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.put_vec(1, |o| o.extend_from_slice(&self.certificate_types));
        out.put_vec(2, |o| self.schemes.iter().for_each(|s| o.put_u16(u16::from(*s))));
        out.put_vec(2, |o| {
            for name in &self.authorities {
                o.put_vec(2, |o| o.extend_from_slice(name));
            }
        });
        out
    }
}

/// ClientKeyExchange (RFC 5246 7.4.7, RFC 4279, RFC 5489): a PSK identity (PSK suites)
/// followed by the client's public value (ECDHE: one-byte length; DHE: two-byte length)
/// or the encrypted premaster (RSA: two-byte length); plain PSK has nothing after the
/// identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientKeyExchange {
    /// The PSK identity (PSK suites only).
    pub psk_identity: Option<Vec<u8>>,
    /// The public value or encrypted premaster (empty for plain PSK).
    pub exchange: Vec<u8>,
}

impl ClientKeyExchange {
    /// Decodes a ClientKeyExchange body for key exchange `kx`.
    pub fn decode(body: &[u8], kx: KeyExchange) -> Result<ClientKeyExchange, Error> {
        let mut r = Reader::new(body, "ClientKeyExchange");
        let psk_identity = if kx.uses_psk() { Some(r.vec16()?.to_vec()) } else { None };
        let exchange = match kx {
            KeyExchange::Psk => Vec::new(),
            KeyExchange::Ecdhe | KeyExchange::EcdhePsk => r.vec8()?.to_vec(),
            KeyExchange::Dhe | KeyExchange::DhePsk | KeyExchange::Rsa | KeyExchange::RsaPsk => r.vec16()?.to_vec(),
        };
        r.expect_end()?;
        if exchange.is_empty() && kx != KeyExchange::Psk {
            return Err(Error::decode("the ClientKeyExchange is empty"));
        }
        Ok(ClientKeyExchange { psk_identity, exchange })
    }

    /// Encodes the body.
    pub fn encode(&self, kx: KeyExchange) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(identity) = &self.psk_identity {
            out.put_vec(2, |o| o.extend_from_slice(identity));
        }
        match kx {
            KeyExchange::Psk => {}
            KeyExchange::Ecdhe | KeyExchange::EcdhePsk => out.put_vec(1, |o| o.extend_from_slice(&self.exchange)),
            _ => out.put_vec(2, |o| o.extend_from_slice(&self.exchange)),
        }
        out
    }
}

/// A digitally-signed struct (CertificateVerify, RFC 5246 7.4.8).
#[derive(Clone, Debug)]
pub struct DigitallySigned {
    /// The scheme.
    pub scheme: SignatureScheme,
    /// The signature.
    pub signature: Vec<u8>,
}

impl DigitallySigned {
    /// Decodes the body.
    pub fn decode(body: &[u8], what: &'static str) -> Result<DigitallySigned, Error> {
        let mut r = Reader::new(body, what);
        let scheme = SignatureScheme::from(r.u16()?);
        let signature = r.vec16()?.to_vec();
        r.expect_end()?;
        Ok(DigitallySigned { scheme, signature })
    }

    /// Encodes the body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.put_u16(u16::from(self.scheme));
        out.put_vec(2, |o| o.extend_from_slice(&self.signature));
        out
    }
}

/// Checks that a message that has no body (ServerHelloDone, HelloRequest) has none.
pub fn expect_empty(body: &[u8], typ: HandshakeType) -> Result<(), Error> {
    if body.is_empty() {
        Ok(())
    } else {
        Err(Error::decode(format!("{} must be empty", typ.text())))
    }
}

/// CertificateStatus (RFC 6066 8): an OCSP response.
pub fn decode_certificate_status(body: &[u8]) -> Result<Vec<u8>, Error> {
    let mut r = Reader::new(body, "CertificateStatus");
    if r.u8()? != 1 {
        return Err(Error::decode("CertificateStatus carries an unknown status type"));
    }
    let response = r.vec24()?;
    r.expect_end()?;
    if response.is_empty() {
        return Err(Error::decode("CertificateStatus carries an empty OCSP response"));
    }
    Ok(response.to_vec())
}

/// Encodes a CertificateStatus body carrying an OCSP response.
pub fn encode_certificate_status(response: &[u8]) -> Vec<u8> {
    let mut out = vec![1];
    out.put_vec(3, |o| o.extend_from_slice(response));
    out
}

/// NewSessionTicket (RFC 5077 3.3): a lifetime hint and the opaque ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSessionTicket {
    /// Seconds the client may keep the ticket (0: unspecified).
    pub lifetime_hint: u32,
    /// The ticket.
    pub ticket: Vec<u8>,
}

impl NewSessionTicket {
    /// Decodes the body.
    pub fn decode(body: &[u8]) -> Result<NewSessionTicket, Error> {
        let mut r = Reader::new(body, "NewSessionTicket");
        let hint = r.take(4)?;
        let lifetime_hint = u32::from_be_bytes([hint[0], hint[1], hint[2], hint[3]]);
        let ticket = r.vec16()?.to_vec();
        r.expect_end()?;
        Ok(NewSessionTicket { lifetime_hint, ticket })
    }

    /// Encodes the body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.lifetime_hint.to_be_bytes().to_vec();
        out.put_vec(2, |o| o.extend_from_slice(&self.ticket));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ClientHello body offering `suites` (two bytes each) and `compression`.
    fn hello_body(suites: &[u8], compression: &[u8]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend_from_slice(&[0; 32]);
        body.push(0);
        body.extend_from_slice(&(suites.len() as u16).to_be_bytes());
        body.extend_from_slice(suites);
        body.push(compression.len() as u8);
        body.extend_from_slice(compression);
        body
    }

    #[test]
    fn a_client_hello_without_suites_is_refused_as_openssl_names_it() {
        let e = ClientHello::decode(&hello_body(&[], &[0])).unwrap_err();
        assert_eq!((e.reason, e.alert), (Reason::NO_CIPHERS_SPECIFIED, Some(AlertDescription::DecodeError)));
        let hello = ClientHello::decode(&hello_body(&[0xc0, 0x2f], &[])).expect("no compression methods still decodes");
        assert!(hello.compression_methods.is_empty(), "the server refuses it (no compression specified)");
    }
}

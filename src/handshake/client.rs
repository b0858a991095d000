//! The client side of the full handshake (RFC 5246 7.3):
//!
//! ```text
//! ClientHello        -->
//!                    <--  ServerHello, Certificate, [CertificateStatus],
//!                         [ServerKeyExchange], [CertificateRequest], ServerHelloDone
//! [Certificate], ClientKeyExchange, [CertificateVerify],
//! ChangeCipherSpec, Finished -->
//!                    <--  [NewSessionTicket], ChangeCipherSpec, Finished
//! ```
//!
//! Each optional message is an either-or state: ExpectCertificateStatusOrServerKx
//! (only after a Certificate, and only when the ServerHello acknowledged
//! status_request), ExpectServerKx (the ServerKeyExchange, which the suite's key
//! exchange method makes required, optional or absent), ExpectServerHelloDoneOrCertificateRequest,
//! ExpectNewTicketOrChangeCipherSpec (only when the ServerHello promised a ticket).
//! PSK-authenticated suites have no Certificate and no CertificateRequest (RFC 4279 2).

use super::common::HandshakeCommon;
use super::hooks::Step;
use super::key_agreement;
use super::key_schedule::Side;
use super::resumption::{self, SessionFacts};
use super::sigalgs;
use super::transcript::Transcript;
use super::{expect, expect_change_cipher_spec, unexpected, Connected, Context, Message, Secrets, State};
use crate::config::SESS_CACHE_CLIENT;
use crate::crypto::dh::DhParams;
use crate::crypto::kx;
use crate::error::{Error, Reason};
use crate::keys::CertifiedKey;
use crate::msgs::enums::{AlertDescription, ExtensionType, HandshakeType, SignatureScheme, TLS12};
use crate::msgs::extensions::{self as ext, Extensions};
use crate::msgs::handshake::{
    decode_certificate, decode_certificate_status, encode_certificate, expect_empty, CertificateRequest, ClientHello,
    DigitallySigned, KxParams, NewSessionTicket, ServerHello, ServerKeyExchange,
};
use crate::record::joiner::HandshakeMessage;
use crate::session::cache::Counter;
use crate::session::{self, Session};
use crate::suites::{self, Authentication, KeyExchange, Mac};
use crate::verify::{self, Purpose};
use std::sync::Arc;

/// What the client offered, to check the server's choices against.
struct Offer {
    random: [u8; 32],
    suites: Vec<u16>,
    extensions: Vec<ExtensionType>,
    alpn: Vec<Vec<u8>>,
    /// The session offered for resumption.
    resume: Option<Arc<Session>>,
    /// The session ID sent (a resumed session's, or a random one beside a ticket).
    session_id: Vec<u8>,
    /// The SNI name sent.
    server_name: Option<String>,
}

/// Builds and sends the ClientHello; returns the first state.
pub fn start(
    cx: &mut Context<'_>,
    server_name: Option<&str>,
    verify_host: Option<&str>,
    resume: Option<Arc<Session>>,
) -> Result<Box<dyn State>, Error> {
    let config = Arc::clone(cx.config);
    if !config.tls12_enabled() {
        return Err(Error::local(Reason::NO_PROTOCOLS_AVAILABLE, "the configured version range excludes TLS 1.2"));
    }
    let mut random = [0u8; 32];
    crate::crypto::fill_random(&mut random)?;
    // PSK suites are offered only when the application can supply a key.
    let suites: Vec<u16> =
        config.suites.iter().filter(|s| cx.hooks.has_psk() || !s.kx.uses_psk()).map(|s| s.id).collect();
    if suites.is_empty() {
        return Err(Error::local(Reason::NO_CIPHER_MATCH, "no cipher suite is enabled that can be used"));
    }
    let mut extensions = Extensions::default();
    // RFC 6066 3: literal IP addresses are not sent as server names.
    let sni = server_name.filter(|n| n.parse::<std::net::IpAddr>().is_err() && !n.is_empty());
    if let Some(name) = sni {
        extensions.push(ExtensionType::ServerName, ext::server_name_body(name));
        cx.info.server_name = Some(name.to_string());
    }
    let groups =
        config.groups.iter().filter(|g| kx::is_supported(**g) || DhParams::named(**g).is_some()).map(|g| u16::from(*g));
    extensions.push(ExtensionType::SupportedGroups, ext::u16_list_body(groups));
    extensions.push(ExtensionType::EcPointFormats, ext::point_formats_body());
    // An empty list is not allowed on the wire; without any, the extension is left out.
    let schemes = sigalgs::offered_schemes(&config);
    if !schemes.is_empty() {
        extensions.push(ExtensionType::SignatureAlgorithms, ext::u16_list_body(schemes.iter().map(|s| u16::from(*s))));
    }
    if !config.alpn_protocols.is_empty() {
        extensions.push(ExtensionType::Alpn, ext::alpn_body(config.alpn_protocols.iter().map(Vec::as_slice)));
    }
    if config.extended_master_secret() {
        extensions.push(ExtensionType::ExtendedMasterSecret, Vec::new());
    }
    if config.request_ocsp {
        extensions.push(ExtensionType::StatusRequest, ext::status_request_body());
    }
    if config.encrypt_then_mac() && config.suites.iter().any(|s| s.mac != Mac::Aead) {
        extensions.push(ExtensionType::EncryptThenMac, Vec::new());
    }
    extensions.push(ExtensionType::RenegotiationInfo, vec![0]);
    // A session is offered by its ticket when it has one (with a random session ID to
    // recognise acceptance by, RFC 5077 3.4), else by its session ID.
    let resume = resume.filter(|s| !s.is_expired(session::now()) && suites.contains(&s.suite.id));
    let mut session_id = Vec::new();
    match (&resume, config.tickets()) {
        (Some(session), true) if session.ticket.is_some() => {
            extensions.push(ExtensionType::SessionTicket, session.ticket.clone().unwrap_or_default());
            session_id = vec![0u8; 32];
            crate::crypto::fill_random(&mut session_id)?;
        }
        (Some(session), tickets) => {
            session_id = session.id.clone();
            if tickets {
                extensions.push(ExtensionType::SessionTicket, Vec::new());
            }
        }
        (None, true) => extensions.push(ExtensionType::SessionTicket, Vec::new()),
        (None, false) => {}
    }
    cx.config.session_cache.count(Counter::Connect);
    let hello = ClientHello {
        client_version: TLS12,
        random,
        session_id: session_id.clone(),
        cipher_suites: suites.clone(),
        compression_methods: vec![0],
        extensions,
    };
    let mut transcript = Transcript::default();
    cx.send_handshake(&mut transcript, HandshakeType::ClientHello, &hello.encode())?;
    let offer = Offer {
        random,
        suites,
        extensions: hello.extensions.0.iter().map(|(t, _)| *t).collect(),
        alpn: config.alpn_protocols.clone(),
        resume: resume.filter(|_| !session_id.is_empty()),
        session_id,
        server_name: sni.map(str::to_string),
    };
    Ok(Box::new(ExpectServerHello { offer, transcript, verify_host: verify_host.map(str::to_string) }))
}

/// The server's ServerHello: a full handshake or the resumption of the session offered.
struct ExpectServerHello {
    offer: Offer,
    transcript: Transcript,
    verify_host: Option<String>,
}

impl State for ExpectServerHello {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::ServerHello)?;
        let hello = ServerHello::decode(msg.body())?;
        if hello.server_version != TLS12 {
            return Err(Error::fatal(
                AlertDescription::ProtocolVersion,
                Reason::UNSUPPORTED_PROTOCOL,
                format!("the server chose version {:#06x}; this library speaks only TLS 1.2", hello.server_version),
            ));
        }
        cx.record.agree_version();
        let suite =
            suites::by_id(hello.cipher_suite).filter(|s| self.offer.suites.contains(&s.id)).ok_or_else(|| {
                Error::illegal(
                    Reason::WRONG_CIPHER_RETURNED,
                    format!("the server chose suite {:#06x}, which was not offered", hello.cipher_suite),
                )
            })?;
        if hello.compression_method != 0 {
            return Err(Error::illegal(Reason::BAD_VALUE, "the server chose compression"));
        }
        let exts = &hello.extensions;
        if let Some((typ, _)) = exts.0.iter().find(|(t, _)| !self.offer.extensions.contains(t)) {
            return Err(Error::fatal(
                AlertDescription::UnsupportedExtension,
                Reason::BAD_EXTENSION,
                format!("the server sent the {} extension, which was not offered", typ.text()),
            ));
        }
        match exts.parse(ExtensionType::RenegotiationInfo, "renegotiation_info", ext::read_renegotiation_info)? {
            Some(info) if !info.is_empty() => {
                return Err(Error::fatal(
                    AlertDescription::HandshakeFailure,
                    Reason::RENEGOTIATION_MISMATCH,
                    "the server's renegotiation_info is not empty on an initial handshake",
                ));
            }
            Some(_) => cx.info.secure_renegotiation = true,
            None if !cx.config.options.legacy_server_connect => {
                return Err(Error::fatal(
                    AlertDescription::HandshakeFailure,
                    Reason::UNSAFE_LEGACY_RENEGOTIATION_DISABLED,
                    "the server does not support secure renegotiation (RFC 5746)",
                ));
            }
            None => {}
        }
        exts.parse(ExtensionType::EcPointFormats, "ec_point_formats", ext::read_point_formats)?;
        exts.parse(ExtensionType::ServerName, "server_name", ext::read_empty)?;
        let status_promised = exts.parse(ExtensionType::StatusRequest, "status_request", ext::read_empty)?.is_some();
        let extended_master_secret =
            exts.parse(ExtensionType::ExtendedMasterSecret, "extended_master_secret", ext::read_empty)?.is_some();
        let alpn = match exts.parse(ExtensionType::Alpn, "ALPN extension", ext::read_alpn)? {
            Some(mut protocols) => {
                if protocols.len() != 1 || !self.offer.alpn.contains(&protocols[0]) {
                    return Err(Error::illegal(
                        Reason::BAD_EXTENSION,
                        "the server's ALPN choice is not one we offered",
                    ));
                }
                protocols.pop()
            }
            None => None,
        };
        cx.info.alpn = alpn.clone();
        cx.info.version = Some(TLS12);
        cx.info.suite = Some(suite);
        cx.info.extended_master_secret = extended_master_secret;
        // RFC 7366 3: an AEAD suite never uses encrypt-then-MAC, whatever the server says.
        let encrypt_then_mac = suite.mac != Mac::Aead
            && exts.parse(ExtensionType::EncryptThenMac, "encrypt_then_mac", ext::read_empty)?.is_some();
        let ticket_expected = exts.has(ExtensionType::SessionTicket);
        let ExpectServerHello { mut transcript, offer, verify_host } = *self;
        transcript.add(&msg.encoded);
        let common = HandshakeCommon {
            transcript,
            client_random: offer.random,
            server_random: hello.random,
            suite,
            encrypt_then_mac,
            session: SessionFacts {
                extended_master_secret,
                server_name: offer.server_name,
                alpn,
                ..SessionFacts::default()
            },
        };
        match offer.resume {
            Some(session) if hello.session_id == offer.session_id => {
                return resume(cx, common, session, ticket_expected);
            }
            // As OpenSSL's client counts it: a session offered and not resumed.
            Some(_) => cx.config.session_cache.count(Counter::Miss),
            None => {}
        }
        let flow = Flow { common, verify_host, session_id: hello.session_id, ticket_expected, stapled: None };
        // PSK-authenticated suites have no server certificate (RFC 4279 2).
        if suite.auth == Authentication::Psk {
            return Ok(Box::new(ExpectServerKx { flow }));
        }
        Ok(Box::new(ExpectCertificate { flow, status_promised }))
    }
}

/// The abbreviated handshake from the client's side: the server resumed `session`;
/// [NewSessionTicket], ChangeCipherSpec and Finished come next.
fn resume(
    cx: &mut Context<'_>,
    common: HandshakeCommon,
    session: Arc<Session>,
    ticket_expected: bool,
) -> Result<Box<dyn State>, Error> {
    if common.suite != session.suite {
        return Err(Error::illegal(
            Reason::WRONG_CIPHER_RETURNED,
            "the server resumed the session with a different cipher suite",
        ));
    }
    if common.session.extended_master_secret != session.extended_master_secret {
        // RFC 7627 5.3: the extended master secret state must not change on resumption.
        return Err(Error::fatal(
            AlertDescription::HandshakeFailure,
            Reason::INCONSISTENT_EXTMS,
            "the server resumed the session with a different extended master secret state",
        ));
    }
    resumption::restore_info(cx.info, &session);
    let secrets = Secrets::resumed(&session, common.client_random, common.server_random, common.encrypt_then_mac);
    secrets.activate(cx, Side::Client)?;
    let finishing = Finishing { secrets, transcript: common.transcript, ending: Ending::Resumed { session } };
    Ok(finishing.expect_server_finish(ticket_expected))
}

/// What carries through a full handshake once the ServerHello is in.
struct Flow {
    common: HandshakeCommon,
    /// The name the server's certificate must match.
    verify_host: Option<String>,
    /// The session ID the server assigned (empty: not resumable by ID).
    session_id: Vec<u8>,
    /// The ServerHello has session_ticket: a NewSessionTicket may precede the server's
    /// ChangeCipherSpec.
    ticket_expected: bool,
    /// The OCSP response of the server's CertificateStatus (RFC 6066 8), once it is in.
    stapled: Option<Vec<u8>>,
}

/// Whether a key exchange method's server sends a ServerKeyExchange.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ServerKxRule {
    /// Always: it carries the ephemeral parameters.
    Always,
    /// RFC 4279 2 and 4: a PSK or RSA_PSK server sends one only for an identity hint.
    WithHint,
    /// Never: RSA key exchange.
    Never,
}

impl ServerKxRule {
    /// The rule of the key exchange method `kx`.
    fn of(kx: KeyExchange) -> ServerKxRule {
        match kx {
            KeyExchange::Ecdhe | KeyExchange::Dhe | KeyExchange::DhePsk | KeyExchange::EcdhePsk => ServerKxRule::Always,
            KeyExchange::Psk | KeyExchange::RsaPsk => ServerKxRule::WithHint,
            KeyExchange::Rsa => ServerKxRule::Never,
        }
    }
}

/// What the server's ServerKeyExchange said (nothing when it sent none).
#[derive(Default)]
struct ServerKx {
    /// The ephemeral (EC)DH parameters.
    params: Option<KxParams>,
    /// The PSK identity hint.
    psk_hint: Option<Vec<u8>>,
}

impl Flow {
    /// Whether the server may ask for our certificate: not on a PSK-authenticated suite
    /// (RFC 4279 2; OpenSSL's client refuses it too).
    fn may_request_certificate(&self) -> bool {
        self.common.suite.auth != Authentication::Psk
    }

    /// The messages that may open the server's key exchange section: ServerKeyExchange
    /// unless the method has none; when it is not always sent, what follows it.
    fn server_kx_steps(&self) -> Vec<Step> {
        let rule = ServerKxRule::of(self.common.suite.kx);
        let mut steps = Vec::new();
        if rule != ServerKxRule::Never {
            steps.push(Step::Message(HandshakeType::ServerKeyExchange));
        }
        if rule != ServerKxRule::Always {
            if self.may_request_certificate() {
                steps.push(Step::Message(HandshakeType::CertificateRequest));
            }
            steps.push(Step::Message(HandshakeType::ServerHelloDone));
        }
        steps
    }

    /// Handles the message that opens the key exchange section (see
    /// [`Flow::server_kx_steps`]); anything else is unexpected, and the error names
    /// `also` (what the calling state takes besides) too.
    fn server_kx_section(self, cx: &mut Context<'_>, msg: Message, also: &[Step]) -> Result<Box<dyn State>, Error> {
        let steps = self.server_kx_steps();
        let m = match msg {
            Message::Handshake(m) if steps.contains(&Step::Message(m.typ)) => m,
            other => return Err(unexpected(&[also, &steps].concat(), &other)),
        };
        match m.typ {
            HandshakeType::ServerKeyExchange => self.server_key_exchange(cx, m),
            HandshakeType::CertificateRequest => self.certificate_request(m, ServerKx::default()),
            _ => self.server_hello_done(cx, m, ServerKx::default(), None),
        }
    }

    /// RFC 6066 8: the server's CertificateStatus, kept for the application to judge
    /// at ServerHelloDone.
    fn certificate_status(mut self, m: HandshakeMessage) -> Result<Box<dyn State>, Error> {
        let response = decode_certificate_status(m.body())?;
        self.common.transcript.add(&m.encoded);
        self.stapled = Some(response);
        Ok(Box::new(ExpectServerKx { flow: self }))
    }

    /// The ServerKeyExchange: the group is checked, the signature verified against the
    /// server's certificate, the PSK identity hint noted.
    fn server_key_exchange(mut self, cx: &mut Context<'_>, m: HandshakeMessage) -> Result<Box<dyn State>, Error> {
        let suite = self.common.suite;
        let skx = ServerKeyExchange::decode(m.body(), suite.kx)?;
        match &skx.params {
            Some(KxParams::Ecdhe { group, .. }) => {
                key_agreement::client_accepts_curve(cx.config, *group)?;
                cx.info.group = Some(*group);
            }
            Some(KxParams::Dhe { p, g, .. }) => {
                // A named group only when negotiated as one (RFC 7919: the client offered it).
                let named = DhParams::from_server(p, g, 0).ok().and_then(|params| params.named_group());
                cx.info.group = named.filter(|group| cx.config.groups.contains(group));
            }
            None => {}
        }
        if let Some(signed) = &skx.signed {
            let scheme = signed.scheme;
            sigalgs::check_server_scheme(cx.config, scheme, suite.auth)?;
            let leaf =
                self.common.session.peer_certificates.first().ok_or_else(|| {
                    Error::unexpected("the server signed its key exchange without sending a certificate")
                })?;
            let params = skx.params.as_ref().map(KxParams::encode).unwrap_or_default();
            let signed_data =
                [self.common.client_random.as_slice(), self.common.server_random.as_slice(), &params].concat();
            verify::verify_signature(leaf, scheme, &signed_data, &signed.signature)?;
            cx.info.peer_scheme = Some(scheme);
        }
        if let Some(hint) = &skx.psk_hint {
            cx.info.psk_identity_hint = Some(hint.clone());
        }
        self.common.transcript.add(&m.encoded);
        let server_kx = ServerKx { params: skx.params, psk_hint: skx.psk_hint };
        if self.may_request_certificate() {
            return Ok(Box::new(ExpectServerHelloDoneOrCertificateRequest { flow: self, server_kx }));
        }
        Ok(Box::new(ExpectServerHelloDone { flow: self, server_kx, request: None }))
    }

    /// The server asks for our certificate.
    fn certificate_request(mut self, m: HandshakeMessage, server_kx: ServerKx) -> Result<Box<dyn State>, Error> {
        let request = CertificateRequest::decode(m.body())?;
        self.common.transcript.add(&m.encoded);
        Ok(Box::new(ExpectServerHelloDone { flow: self, server_kx, request: Some(request) }))
    }

    /// The server's flight is complete: the application judges the stapled response,
    /// and our flight goes out ([Certificate], ClientKeyExchange, [CertificateVerify],
    /// ChangeCipherSpec, Finished).
    fn server_hello_done(
        self,
        cx: &mut Context<'_>,
        m: HandshakeMessage,
        server_kx: ServerKx,
        request: Option<CertificateRequest>,
    ) -> Result<Box<dyn State>, Error> {
        expect_empty(m.body(), HandshakeType::ServerHelloDone)?;
        let Flow { mut common, session_id, ticket_expected, stapled, .. } = self;
        if cx.config.request_ocsp {
            // As OpenSSL's client: the status callback runs once the server's flight is
            // in, with the stapled response or none.
            if let Err(alert) = cx.hooks.check_ocsp_response(stapled.as_deref()) {
                return Err(Error::fatal(alert, Reason::CALLBACK_FAILED, "the stapled OCSP response was rejected"));
            }
            cx.info.ocsp_response = Some(stapled.unwrap_or_default());
        }
        common.transcript.add(&m.encoded);

        let client_auth = request.as_ref().map(|r| choose_client_cert(cx, r));
        if let Some(choice) = &client_auth {
            let chain = choice.as_ref().map(|(cert, _)| cx.config.chain_to_send(cert)).unwrap_or_default();
            cx.send_handshake(&mut common.transcript, HandshakeType::Certificate, &encode_certificate(&chain))?;
        }

        let psk = match common.suite.kx.uses_psk() {
            true => Some(cx.hooks.psk_client(server_kx.psk_hint.as_deref()).ok_or_else(|| {
                Error::fatal(
                    AlertDescription::HandshakeFailure,
                    Reason::PSK_IDENTITY_NOT_FOUND,
                    "the application has no pre-shared key for this server",
                )
            })?),
            false => None,
        };
        common.session.psk_identity = psk.as_ref().map(|p| p.identity.clone());
        cx.info.psk_identity = common.session.psk_identity.clone();
        let (body, premaster) = key_agreement::client_agree(
            common.suite.kx,
            server_kx.params.as_ref(),
            common.session.peer_certificates.first(),
            psk.as_ref(),
            cx.config,
        )?;
        cx.send_handshake(&mut common.transcript, HandshakeType::ClientKeyExchange, &body)?;
        let secrets = common.derive_secrets(cx, &premaster, Side::Client)?;

        if let Some(Some((cert, scheme))) = client_auth {
            let signature = cert.key.sign(scheme, common.transcript.bytes())?;
            let verify = DigitallySigned { scheme, signature };
            cx.send_handshake(&mut common.transcript, HandshakeType::CertificateVerify, &verify.encode())?;
        }

        cx.send_change_cipher_spec()?;
        secrets.send_finished(cx, &mut common.transcript, Side::Client)?;
        let ending = Ending::Full { session_id, facts: common.session };
        Ok(Finishing { secrets, transcript: common.transcript, ending }.expect_server_finish(ticket_expected))
    }
}

/// Our certificate and the scheme to sign with, if the application has one that fits
/// the request.
fn choose_client_cert(
    cx: &mut Context<'_>,
    request: &CertificateRequest,
) -> Option<(Arc<CertifiedKey>, SignatureScheme)> {
    let cert = cx.hooks.client_certificate(cx.config, request)?;
    let scheme = sigalgs::client_scheme(cx.config, &request.schemes, &cert.key)?;
    Some((cert, scheme))
}

/// The server's Certificate (certificate-authenticated suites).
struct ExpectCertificate {
    flow: Flow,
    /// The ServerHello acknowledged status_request: a CertificateStatus may follow.
    status_promised: bool,
}

impl State for ExpectCertificate {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::Certificate)?;
        let chain = decode_certificate(msg.body())?;
        if chain.is_empty() {
            return Err(Error::decode("the server sent an empty certificate chain"));
        }
        let mut flow = self.flow;
        flow.common.transcript.add(&msg.encoded);
        let result = cx.check_peer_chain(&chain, Purpose::ServerAuth, flow.verify_host.as_deref())?;
        flow.common.session.peer_certificates = chain;
        flow.common.session.verify_result = Some(result);
        if self.status_promised {
            return Ok(Box::new(ExpectCertificateStatusOrServerKx { flow }));
        }
        Ok(Box::new(ExpectServerKx { flow }))
    }
}

/// After the server's Certificate, when its ServerHello acknowledged status_request:
/// CertificateStatus (RFC 6066 8: the server may still leave it out), or what opens
/// the key exchange section.
struct ExpectCertificateStatusOrServerKx {
    flow: Flow,
}

impl State for ExpectCertificateStatusOrServerKx {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        match msg {
            Message::Handshake(m) if m.typ == HandshakeType::CertificateStatus => self.flow.certificate_status(m),
            other => self.flow.server_kx_section(cx, other, &[Step::Message(HandshakeType::CertificateStatus)]),
        }
    }
}

/// The server's key exchange section, after its Certificate (and CertificateStatus),
/// or after the ServerHello on a PSK-authenticated suite: ServerKeyExchange, which
/// the key exchange method makes required, optional or absent (see
/// [`Flow::server_kx_steps`]).
struct ExpectServerKx {
    flow: Flow,
}

impl State for ExpectServerKx {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        self.flow.server_kx_section(cx, msg, &[])
    }
}

/// After the ServerKeyExchange of a certificate-authenticated suite: CertificateRequest
/// or ServerHelloDone.
struct ExpectServerHelloDoneOrCertificateRequest {
    flow: Flow,
    server_kx: ServerKx,
}

impl State for ExpectServerHelloDoneOrCertificateRequest {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        match msg {
            Message::Handshake(m) if m.typ == HandshakeType::CertificateRequest => {
                self.flow.certificate_request(m, self.server_kx)
            }
            Message::Handshake(m) if m.typ == HandshakeType::ServerHelloDone => {
                self.flow.server_hello_done(cx, m, self.server_kx, None)
            }
            other => Err(unexpected(
                &[Step::Message(HandshakeType::CertificateRequest), Step::Message(HandshakeType::ServerHelloDone)],
                &other,
            )),
        }
    }
}

/// ServerHelloDone only: after a CertificateRequest, or after the ServerKeyExchange of
/// a PSK-authenticated suite.
struct ExpectServerHelloDone {
    flow: Flow,
    server_kx: ServerKx,
    request: Option<CertificateRequest>,
}

impl State for ExpectServerHelloDone {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let m = expect(msg, HandshakeType::ServerHelloDone)?;
        self.flow.server_hello_done(cx, m, self.server_kx, self.request)
    }
}

/// How a client's handshake ends, and the session it leaves.
enum Ending {
    /// A full handshake: a new session under the server's session ID.
    Full {
        /// The session ID the server assigned (empty: not resumable by ID).
        session_id: Vec<u8>,
        /// What the new session remembers.
        facts: SessionFacts,
    },
    /// An abbreviated handshake: the session offered; we send Finished last.
    Resumed {
        /// The resumed session.
        session: Arc<Session>,
    },
}

/// What the client's last states carry once the keys are known.
struct Finishing {
    secrets: Secrets,
    transcript: Transcript,
    ending: Ending,
}

impl Finishing {
    /// The state that waits for the server's last flight: [NewSessionTicket] when the
    /// ServerHello promised one, then ChangeCipherSpec and Finished.
    fn expect_server_finish(self, ticket_expected: bool) -> Box<dyn State> {
        match ticket_expected {
            true => Box::new(ExpectNewTicketOrChangeCipherSpec { finishing: self }),
            false => Box::new(ExpectChangeCipherSpec { finishing: self, ticket: None }),
        }
    }

    /// The server's ChangeCipherSpec: its direction switches to the new keys.
    fn change_cipher_spec(
        self,
        cx: &mut Context<'_>,
        ticket: Option<NewSessionTicket>,
    ) -> Result<Box<dyn State>, Error> {
        cx.record.start_decrypting()?;
        Ok(Box::new(ExpectFinished { finishing: self, ticket }))
    }
}

/// The ServerHello promised a ticket: NewSessionTicket (RFC 5077 3.3) or, without
/// one, ChangeCipherSpec.
struct ExpectNewTicketOrChangeCipherSpec {
    finishing: Finishing,
}

impl State for ExpectNewTicketOrChangeCipherSpec {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let mut finishing = self.finishing;
        match msg {
            Message::Handshake(m) if m.typ == HandshakeType::NewSessionTicket => {
                let ticket = NewSessionTicket::decode(m.body())?;
                finishing.transcript.add(&m.encoded);
                Ok(Box::new(ExpectChangeCipherSpec { finishing, ticket: Some(ticket) }))
            }
            Message::ChangeCipherSpec => finishing.change_cipher_spec(cx, None),
            other => Err(unexpected(&[Step::Message(HandshakeType::NewSessionTicket), Step::ChangeCipherSpec], &other)),
        }
    }
}

/// The server's ChangeCipherSpec.
struct ExpectChangeCipherSpec {
    finishing: Finishing,
    ticket: Option<NewSessionTicket>,
}

impl State for ExpectChangeCipherSpec {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        expect_change_cipher_spec(msg)?;
        self.finishing.change_cipher_spec(cx, self.ticket)
    }
}

/// The server's Finished; on a resumed session ours follows.
struct ExpectFinished {
    finishing: Finishing,
    ticket: Option<NewSessionTicket>,
}

impl State for ExpectFinished {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let Finishing { secrets, mut transcript, ending } = self.finishing;
        secrets.check_finished(cx, &mut transcript, Side::Server, msg)?;
        let (mut session, is_new) = match ending {
            Ending::Full { session_id, facts } => {
                (resumption::make_session(facts, &secrets, session_id, cx.config), true)
            }
            Ending::Resumed { session } => {
                cx.send_change_cipher_spec()?;
                secrets.send_finished(cx, &mut transcript, Side::Client)?;
                // As OpenSSL's client counts it: a resumed handshake completed.
                cx.config.session_cache.count(Counter::Hit);
                (Session::clone(&session), false)
            }
        };
        // RFC 5077 3.3: an empty ticket means the server issued none after all.
        let ticket = self.ticket.filter(|t| !t.ticket.is_empty());
        let renewed = ticket.is_some();
        if let Some(ticket) = ticket {
            session.ticket = Some(ticket.ticket);
            session.ticket_lifetime_hint = ticket.lifetime_hint;
        }
        let session = Arc::new(session);
        if (is_new || renewed) && cx.config.session_cache_mode & SESS_CACHE_CLIENT != 0 {
            cx.hooks.new_session(&session);
        }
        cx.info.session = Some(session);
        cx.config.session_cache.count(Counter::ConnectGood);
        cx.info.secrets = Some(secrets);
        Ok(Box::new(Connected { is_client: true }))
    }
}

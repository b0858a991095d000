//! The client side of the full handshake (RFC 5246 7.3):
//!
//! ```text
//! ClientHello        -->
//!                    <--  ServerHello, Certificate, ServerKeyExchange,
//!                         [CertificateRequest], ServerHelloDone
//! [Certificate], ClientKeyExchange, [CertificateVerify],
//! ChangeCipherSpec, Finished -->
//!                    <--  ChangeCipherSpec, Finished
//! ```

use super::key_agreement;
use super::key_schedule::{MasterSecret, Side};
use super::resumption;
use super::sigalgs;
use super::transcript::Transcript;
use super::{expect, expect_change_cipher_spec, Connected, Context, Message, Secrets, State};
use crate::config::{OP_LEGACY_SERVER_CONNECT, SESS_CACHE_CLIENT};
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
use crate::session::cache::Counter;
use crate::session::{self, Session};
use crate::suites::{self, Authentication, KeyExchange, Mac, Suite};
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
}

/// What carries through the handshake once the ServerHello is in.
struct Flow {
    transcript: Transcript,
    client_random: [u8; 32],
    server_random: [u8; 32],
    suite: &'static Suite,
    extended_master_secret: bool,
    encrypt_then_mac: bool,
    /// The server promised a CertificateStatus that has not arrived yet.
    status_pending: bool,
    /// The application has judged the stapled response (or its absence).
    status_checked: bool,
    verify_host: Option<String>,
    /// The server's PSK identity hint.
    psk_hint: Option<Vec<u8>>,
    ending: Ending,
    /// The server promised a NewSessionTicket.
    ticket_expected: bool,
}

/// How a client's handshake ends, and the session it leaves.
enum Ending {
    /// A full handshake: a new session under the server's session ID.
    Full {
        /// The session ID the server assigned (empty: not resumable by ID).
        session_id: Vec<u8>,
    },
    /// An abbreviated handshake: the session offered; we send Finished last.
    Resumed {
        /// The resumed session.
        session: Arc<Session>,
    },
}

/// The abbreviated handshake from the client's side: the server resumed `session`;
/// [NewSessionTicket], ChangeCipherSpec and Finished come next.
fn resume(
    cx: &mut Context<'_>,
    transcript: Transcript,
    session: Arc<Session>,
    offer: &Offer,
    server_random: [u8; 32],
    encrypt_then_mac: bool,
    ticket_expected: bool,
) -> Result<Box<dyn State>, Error> {
    if cx.info.suite != Some(session.suite) {
        return Err(Error::illegal(
            Reason::WRONG_CIPHER_RETURNED,
            "the server resumed the session with a different cipher suite",
        ));
    }
    if cx.info.extended_master_secret != session.extended_master_secret {
        // RFC 7627 5.3: the extended master secret state must not change on resumption.
        return Err(Error::fatal(
            AlertDescription::HandshakeFailure,
            Reason::INCONSISTENT_EXTMS,
            "the server resumed the session with a different extended master secret state",
        ));
    }
    resumption::restore_info(cx.info, &session);
    let secrets = Secrets {
        suite: session.suite,
        master: MasterSecret::from_session(&session.master_secret),
        client_random: offer.random,
        server_random,
        encrypt_then_mac,
    };
    cx.hooks.key_log("CLIENT_RANDOM", &secrets.client_random, secrets.master.secret_bytes());
    secrets.install_keys(cx.record, Side::Client)?;
    Ok(Box::new(ExpectChangeCipherSpec {
        secrets,
        transcript,
        ticket_expected,
        ticket: None,
        ending: Ending::Resumed { session },
    }))
}

impl Flow {
    /// RFC 6066 8: after the server's Certificate may come a CertificateStatus. Takes it
    /// if `msg` is one (returning `None`); otherwise gives `msg` back. Either way the
    /// application gets to judge the stapled response, or its absence, once.
    fn take_certificate_status(&mut self, cx: &mut Context<'_>, msg: Message) -> Result<Option<Message>, Error> {
        if !cx.config.request_ocsp || self.status_checked {
            return Ok(Some(msg));
        }
        let (response, rest) = match msg {
            Message::Handshake(m) if m.typ == HandshakeType::CertificateStatus && self.status_pending => {
                let response = decode_certificate_status(m.body())?;
                self.transcript.add(&m.encoded);
                (Some(response), None)
            }
            other => (None, Some(other)),
        };
        self.status_pending = false;
        self.status_checked = true;
        if let Err(alert) = cx.hooks.check_ocsp_response(response.as_deref()) {
            return Err(Error::fatal(alert, Reason::CALLBACK_FAILED, "the stapled OCSP response was rejected"));
        }
        cx.info.ocsp_response = response.or_else(|| Some(Vec::new()));
        Ok(rest)
    }
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
        config.suites.iter().filter(|s| config.psk_client || !s.kx.uses_psk()).map(|s| s.id).collect();
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
    };
    Ok(Box::new(ExpectServerHello { offer, transcript, verify_host: verify_host.map(str::to_string) }))
}

struct ExpectServerHello {
    offer: Offer,
    transcript: Transcript,
    verify_host: Option<String>,
}

impl State for ExpectServerHello {
    fn handle(mut self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
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
            None if cx.config.options & OP_LEGACY_SERVER_CONNECT == 0 => {
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
        let status_pending = exts.parse(ExtensionType::StatusRequest, "status_request", ext::read_empty)?.is_some();
        let extended_master_secret =
            exts.parse(ExtensionType::ExtendedMasterSecret, "extended_master_secret", ext::read_empty)?.is_some();
        if let Some(mut protocols) = exts.parse(ExtensionType::Alpn, "ALPN extension", ext::read_alpn)? {
            if protocols.len() != 1 || !self.offer.alpn.contains(&protocols[0]) {
                return Err(Error::illegal(Reason::BAD_EXTENSION, "the server's ALPN choice is not one we offered"));
            }
            cx.info.alpn = protocols.pop();
        }
        cx.info.version = Some(TLS12);
        cx.info.suite = Some(suite);
        cx.info.extended_master_secret = extended_master_secret;
        // RFC 7366 3: an AEAD suite never uses encrypt-then-MAC, whatever the server says.
        let encrypt_then_mac = suite.mac != Mac::Aead
            && exts.parse(ExtensionType::EncryptThenMac, "encrypt_then_mac", ext::read_empty)?.is_some();
        self.transcript.add(&msg.encoded);
        let ticket_expected = exts.has(ExtensionType::SessionTicket);
        let resumed = self.offer.resume.clone().filter(|_| hello.session_id == self.offer.session_id);
        if let Some(session) = resumed {
            return resume(cx, self.transcript, session, &self.offer, hello.random, encrypt_then_mac, ticket_expected);
        }
        if self.offer.resume.is_some() {
            // As OpenSSL's client counts it: a session offered and not resumed.
            cx.config.session_cache.count(Counter::Miss);
        }
        let flow = Flow {
            transcript: self.transcript,
            client_random: self.offer.random,
            server_random: hello.random,
            suite,
            extended_master_secret,
            encrypt_then_mac,
            status_pending,
            status_checked: false,
            verify_host: self.verify_host,
            psk_hint: None,
            ending: Ending::Full { session_id: hello.session_id },
            ticket_expected,
        };
        // PSK-authenticated suites have no server certificate (RFC 4279 2).
        if suite.auth == Authentication::Psk {
            return Ok(Box::new(ExpectServerKeyExchange { flow }));
        }
        Ok(Box::new(ExpectCertificate { flow }))
    }
}

struct ExpectCertificate {
    flow: Flow,
}

impl State for ExpectCertificate {
    fn handle(mut self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::Certificate)?;
        let chain = decode_certificate(msg.body())?;
        if chain.is_empty() {
            return Err(Error::decode("the server sent an empty certificate chain"));
        }
        self.flow.transcript.add(&msg.encoded);
        cx.info.peer_certificates = chain;
        cx.check_peer_chain(Purpose::ServerAuth, self.flow.verify_host.as_deref())?;
        if self.flow.suite.kx == KeyExchange::Rsa {
            return Ok(Box::new(ExpectServerHelloDone { flow: self.flow, params: None, request: None }));
        }
        Ok(Box::new(ExpectServerKeyExchange { flow: self.flow }))
    }
}

struct ExpectServerKeyExchange {
    flow: Flow,
}

impl State for ExpectServerKeyExchange {
    fn handle(mut self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let Some(msg) = self.flow.take_certificate_status(cx, msg)? else { return Ok(self) };
        let kx = self.flow.suite.kx;
        let is_skx = matches!(&msg, Message::Handshake(m) if m.typ == HandshakeType::ServerKeyExchange);
        // RFC 4279 2 and 4: a PSK or RSA_PSK server without an identity hint sends none.
        if !is_skx && matches!(kx, KeyExchange::Psk | KeyExchange::RsaPsk) {
            return Box::new(ExpectServerHelloDone { flow: self.flow, params: None, request: None }).handle(cx, msg);
        }
        let msg = expect(msg, HandshakeType::ServerKeyExchange)?;
        let skx = ServerKeyExchange::decode(msg.body(), kx)?;
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
            sigalgs::check_server_scheme(cx.config, scheme, self.flow.suite.auth)?;
            let params = skx.params.as_ref().map(KxParams::encode).unwrap_or_default();
            let signed_data =
                [self.flow.client_random.as_slice(), self.flow.server_random.as_slice(), &params].concat();
            verify::verify_signature(&cx.info.peer_certificates[0], scheme, &signed_data, &signed.signature)?;
            cx.info.peer_scheme = Some(scheme);
        }
        if let Some(hint) = &skx.psk_hint {
            cx.info.psk_identity_hint = Some(hint.clone());
        }
        self.flow.psk_hint = skx.psk_hint;
        self.flow.transcript.add(&msg.encoded);
        Ok(Box::new(ExpectServerHelloDone { flow: self.flow, params: skx.params, request: None }))
    }
}

struct ExpectServerHelloDone {
    flow: Flow,
    params: Option<KxParams>,
    request: Option<CertificateRequest>,
}

impl ExpectServerHelloDone {
    /// Our certificate and the scheme to sign with, if the application has one that
    /// fits the request.
    fn choose_client_cert(
        cx: &mut Context<'_>,
        request: &CertificateRequest,
    ) -> Option<(Arc<CertifiedKey>, SignatureScheme)> {
        let cert = cx.hooks.client_certificate(cx.config, request)?;
        let scheme = sigalgs::client_scheme(cx.config, &request.schemes, &cert.key)?;
        Some((cert, scheme))
    }
}

impl State for ExpectServerHelloDone {
    fn handle(mut self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let Some(msg) = self.flow.take_certificate_status(cx, msg)? else { return Ok(self) };
        let msg = match msg {
            Message::Handshake(m) if m.typ == HandshakeType::CertificateRequest && self.request.is_none() => {
                self.request = Some(CertificateRequest::decode(m.body())?);
                self.flow.transcript.add(&m.encoded);
                return Ok(self);
            }
            other => expect(other, HandshakeType::ServerHelloDone)?,
        };
        expect_empty(msg.body(), HandshakeType::ServerHelloDone)?;
        let mut flow = self.flow;
        flow.transcript.add(&msg.encoded);

        let client_auth = self.request.as_ref().map(|r| Self::choose_client_cert(cx, r));
        if let Some(choice) = &client_auth {
            let chain = choice.as_ref().map(|(cert, _)| cert.chain.as_slice()).unwrap_or_default();
            cx.send_handshake(&mut flow.transcript, HandshakeType::Certificate, &encode_certificate(chain))?;
        }

        let psk = match flow.suite.kx.uses_psk() {
            true => Some(cx.hooks.psk_client(flow.psk_hint.as_deref()).ok_or_else(|| {
                Error::fatal(
                    AlertDescription::HandshakeFailure,
                    Reason::PSK_IDENTITY_NOT_FOUND,
                    "the application has no pre-shared key for this server",
                )
            })?),
            false => None,
        };
        cx.info.psk_identity = psk.as_ref().map(|p| p.identity.clone());
        let (body, premaster) = key_agreement::client_agree(
            flow.suite.kx,
            self.params.as_ref(),
            cx.info.peer_certificates.first(),
            psk.as_ref(),
            cx.config,
        )?;
        cx.send_handshake(&mut flow.transcript, HandshakeType::ClientKeyExchange, &body)?;
        // RFC 7627 3: the session hash covers the messages through ClientKeyExchange.
        let session_hash = flow.transcript.hash(flow.suite.prf);

        if let Some(Some((cert, scheme))) = client_auth {
            let signature = cert.key.sign(scheme, flow.transcript.bytes())?;
            let verify = DigitallySigned { scheme, signature };
            cx.send_handshake(&mut flow.transcript, HandshakeType::CertificateVerify, &verify.encode())?;
        }

        let master = MasterSecret::derive(
            flow.suite,
            &premaster,
            flow.extended_master_secret.then_some(session_hash.as_slice()),
            &flow.client_random,
            &flow.server_random,
        );
        cx.hooks.key_log("CLIENT_RANDOM", &flow.client_random, master.secret_bytes());
        let secrets = Secrets {
            suite: flow.suite,
            master,
            client_random: flow.client_random,
            server_random: flow.server_random,
            encrypt_then_mac: flow.encrypt_then_mac,
        };
        secrets.install_keys(cx.record, Side::Client)?;
        cx.send_change_cipher_spec()?;
        secrets.send_finished(cx, &mut flow.transcript, Side::Client)?;
        Ok(Box::new(ExpectChangeCipherSpec {
            secrets,
            transcript: flow.transcript,
            ticket_expected: flow.ticket_expected,
            ticket: None,
            ending: flow.ending,
        }))
    }
}

struct ExpectChangeCipherSpec {
    secrets: Secrets,
    transcript: Transcript,
    ticket_expected: bool,
    ticket: Option<NewSessionTicket>,
    ending: Ending,
}

impl State for ExpectChangeCipherSpec {
    fn handle(mut self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        if let Message::Handshake(m) = &msg {
            if m.typ == HandshakeType::NewSessionTicket && self.ticket_expected && self.ticket.is_none() {
                self.ticket = Some(NewSessionTicket::decode(m.body())?);
                self.transcript.add(&m.encoded);
                return Ok(self);
            }
        }
        expect_change_cipher_spec(msg)?;
        cx.record.start_decrypting()?;
        Ok(Box::new(ExpectFinished {
            secrets: self.secrets,
            transcript: self.transcript,
            ticket: self.ticket,
            ending: self.ending,
        }))
    }
}

struct ExpectFinished {
    secrets: Secrets,
    transcript: Transcript,
    ticket: Option<NewSessionTicket>,
    ending: Ending,
}

impl State for ExpectFinished {
    fn handle(mut self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        self.secrets.check_finished(cx, &mut self.transcript, Side::Server, msg)?;
        let (mut session, is_new) = match self.ending {
            Ending::Full { session_id } => {
                (resumption::make_session(cx.info, &self.secrets, session_id, cx.config), true)
            }
            Ending::Resumed { session } => {
                cx.send_change_cipher_spec()?;
                self.secrets.send_finished(cx, &mut self.transcript, Side::Client)?;
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
        cx.info.secrets = Some(self.secrets);
        Ok(Box::new(Connected { is_client: true }))
    }
}

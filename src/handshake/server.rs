//! The server side of the full handshake (RFC 5246 7.3):
//!
//! ```text
//!                    <--  ClientHello
//! ServerHello, Certificate, ServerKeyExchange,
//! [CertificateRequest], ServerHelloDone -->
//!                    <--  [Certificate], ClientKeyExchange, [CertificateVerify],
//!                         ChangeCipherSpec, Finished
//! [NewSessionTicket], ChangeCipherSpec, Finished -->
//! ```
//!
//! The client's Certificate is expected only when we sent a CertificateRequest, and
//! its CertificateVerify only when that Certificate was not empty: ExpectCertificate
//! and ExpectCertificateVerify exist only on those paths, the latter holding the
//! certificate it checks the signature against.

use super::common::HandshakeCommon;
use super::hooks::{AlpnDecision, ServerNameDecision, TicketKeyDecision};
use super::key_agreement::{KxGroup, ServerKeyAgreement};
use super::key_schedule::Side;
use super::resumption::{self, SessionFacts};
use super::sigalgs;
use super::transcript::Transcript;
use super::{expect, expect_change_cipher_spec, Connected, Context, Message, Secrets, State};
use crate::config::{Config, SESS_CACHE_SERVER};
use crate::crypto::dh::DhParams;
use crate::crypto::kx;
use crate::crypto::sign::KeyKind;
use crate::error::{Error, Reason};
use crate::keys::CertifiedKey;
use crate::msgs::enums::{AlertDescription, ExtensionType, HandshakeType, NamedGroup, SignatureScheme, TLS12};
use crate::msgs::extensions::{self as ext, Extensions};
use crate::msgs::handshake::{
    decode_certificate, encode_certificate, encode_certificate_status, CertificateRequest, ClientHello,
    DigitallySigned, NewSessionTicket, ServerHello, ServerKeyExchange,
};
use crate::session::cache::Counter;
use crate::session::Session;
use crate::suites::{self, Authentication, KeyExchange, Mac, Suite, EMPTY_RENEGOTIATION_INFO_SCSV};
use crate::verify::{self, Purpose};
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

/// The first state of a server.
pub fn start() -> Box<dyn State> {
    Box::new(ExpectClientHello)
}

/// What the client's hello asks for, read once.
struct ClientOffer {
    hello: ClientHello,
    groups: Option<Vec<NamedGroup>>,
    schemes: Vec<SignatureScheme>,
    alpn: Option<Vec<Vec<u8>>>,
    server_name: Option<String>,
    /// The session_ticket extension's body (an empty one asks for a ticket).
    session_ticket: Option<Vec<u8>>,
    wants_ocsp: bool,
    extended_master_secret: bool,
    secure_renegotiation: bool,
}

impl ClientOffer {
    fn read(body: &[u8]) -> Result<ClientOffer, Error> {
        let hello = ClientHello::decode(body)?;
        let exts = &hello.extensions;
        let versions =
            exts.parse(ExtensionType::SupportedVersions, "supported_versions", ext::read_supported_versions)?;
        let speaks_tls12 = match &versions {
            Some(list) => list.contains(&TLS12),
            None => hello.client_version >= TLS12,
        };
        if !speaks_tls12 {
            return Err(Error::fatal(
                AlertDescription::ProtocolVersion,
                Reason::UNSUPPORTED_PROTOCOL,
                format!(
                    "the client offers at most version {:#06x}; this library speaks only TLS 1.2",
                    hello.client_version
                ),
            ));
        }
        // The grammar asks for at least one method (decode_error); a list without null
        // is well-formed but unacceptable (illegal_parameter, RFC 5246 7.4.1.2).
        if hello.compression_methods.is_empty() {
            return Err(Error::fatal(
                AlertDescription::DecodeError,
                Reason::NO_COMPRESSION_SPECIFIED,
                "the ClientHello offers no compression methods",
            ));
        }
        if !hello.compression_methods.contains(&0) {
            return Err(Error::illegal(
                Reason::NO_COMPRESSION_SPECIFIED,
                "the client does not offer the null compression method",
            ));
        }
        let renegotiation_info =
            exts.parse(ExtensionType::RenegotiationInfo, "renegotiation_info", ext::read_renegotiation_info)?;
        if renegotiation_info.as_ref().is_some_and(|info| !info.is_empty()) {
            return Err(Error::fatal(
                AlertDescription::HandshakeFailure,
                Reason::RENEGOTIATION_MISMATCH,
                "the client's renegotiation_info is not empty on an initial handshake",
            ));
        }
        let secure_renegotiation =
            renegotiation_info.is_some() || hello.cipher_suites.contains(&EMPTY_RENEGOTIATION_INFO_SCSV);
        exts.parse(ExtensionType::EcPointFormats, "ec_point_formats", ext::read_point_formats)?;
        exts.parse(ExtensionType::Padding, "padding", ext::read_padding)?;
        Ok(ClientOffer {
            groups: exts.parse(ExtensionType::SupportedGroups, "supported_groups", ext::read_groups)?,
            schemes: exts
                .parse(ExtensionType::SignatureAlgorithms, "signature_algorithms", ext::read_schemes)?
                .unwrap_or_default(),
            alpn: exts.parse(ExtensionType::Alpn, "ALPN extension", ext::read_alpn)?,
            server_name: exts.parse(ExtensionType::ServerName, "server_name", ext::read_server_name)?.flatten(),
            session_ticket: exts.get(ExtensionType::SessionTicket).map(<[u8]>::to_vec),
            wants_ocsp: exts
                .parse(ExtensionType::StatusRequest, "status_request", ext::read_status_request)?
                .unwrap_or(false),
            extended_master_secret: exts
                .parse(ExtensionType::ExtendedMasterSecret, "extended_master_secret", ext::read_empty)?
                .is_some(),
            secure_renegotiation,
            hello,
        })
    }
}

/// The server's choices for this connection.
struct Choice {
    suite: &'static Suite,
    group: KxGroup,
    /// The scheme that signs the ServerKeyExchange (none for RSA and PSK key exchange).
    scheme: Option<SignatureScheme>,
    /// The certificate (none for PSK-authenticated suites).
    cert: Option<Arc<CertifiedKey>>,
}

/// Picks the group for each key exchange method, honouring whose preference counts.
struct GroupChoice {
    curve: Option<NamedGroup>,
    field: Option<DhParams>,
    /// The client named FFDHE groups and none of them is acceptable (RFC 7919 4).
    no_acceptable_ffdhe: bool,
}

impl GroupChoice {
    fn new(config: &Config, offered: Option<&[NamedGroup]>, server_first: bool, needs_field: bool) -> GroupChoice {
        let pick = |usable: &dyn Fn(NamedGroup) -> bool| -> Option<NamedGroup> {
            let theirs = offered?;
            if server_first {
                config.groups.iter().copied().find(|g| usable(*g) && theirs.contains(g))
            } else {
                theirs.iter().copied().find(|g| usable(*g) && config.groups.contains(g))
            }
        };
        let curve = match offered {
            // RFC 8422 5.1.1: a client without supported_groups is assumed to accept
            // secp256r1 (OpenSSL picks the same).
            None => [NamedGroup::Secp256r1]
                .into_iter()
                .chain(config.groups.iter().copied())
                .find(|g| kx::is_supported(*g) && config.groups.contains(g)),
            Some(_) => pick(&|g| kx::is_supported(g)),
        };
        let is_ffdhe = |g: &NamedGroup| DhParams::ffdhe_groups().any(|known| known == *g);
        let client_names_ffdhe = offered.is_some_and(|groups| groups.iter().any(is_ffdhe));
        let field = if !needs_field {
            None
        } else if client_names_ffdhe {
            // RFC 7919 4: a client that names FFDHE groups gets one of them or no DHE.
            // The server's FFDHE groups are those in its group list, or every RFC 7919
            // group when the list names none; each at least as large as the security
            // level asks.
            let listed: Vec<NamedGroup> = config.groups.iter().copied().filter(is_ffdhe).collect();
            let ours = if listed.is_empty() { DhParams::ffdhe_groups().collect() } else { listed };
            let usable =
                |g: NamedGroup| ours.contains(&g) && DhParams::named(g).is_some_and(|p| p.bits() >= config.min_dh_bits);
            let theirs = offered.unwrap_or_default();
            let chosen = match server_first {
                true => ours.iter().copied().find(|g| usable(*g) && theirs.contains(g)),
                false => theirs.iter().copied().find(|g| usable(*g)),
            };
            chosen.and_then(DhParams::named)
        } else {
            Some(
                config
                    .dh_params
                    .clone()
                    .unwrap_or_else(|| DhParams::named(NamedGroup::Ffdhe2048).expect("ffdhe2048 is built in")),
            )
        };
        let no_acceptable_ffdhe = needs_field && client_names_ffdhe && field.is_none();
        GroupChoice { curve, field, no_acceptable_ffdhe }
    }

    fn for_method(&self, method: KeyExchange) -> Option<KxGroup> {
        match method {
            KeyExchange::Ecdhe | KeyExchange::EcdhePsk => self.curve.map(KxGroup::Curve),
            KeyExchange::Dhe | KeyExchange::DhePsk => self.field.clone().map(KxGroup::Field),
            KeyExchange::Rsa | KeyExchange::Psk | KeyExchange::RsaPsk => Some(KxGroup::None),
        }
    }
}

/// Picks suite, group, certificate and signature scheme: the client's order unless the
/// server's is asked for, and only what both sides can complete.
fn choose(config: &Config, offer: &ClientOffer, has_psk: bool) -> Result<Choice, Error> {
    let server_first = config.options.server_preference;
    let client_suites: Vec<&'static Suite> =
        offer.hello.cipher_suites.iter().filter_map(|id| suites::by_id(*id)).collect();
    let candidates: Vec<&'static Suite> = if server_first {
        config.suites.iter().copied().filter(|s| client_suites.contains(s)).collect()
    } else {
        client_suites.into_iter().filter(|s| config.suites.contains(s)).collect()
    };
    let needs_field = candidates.iter().any(|s| matches!(s.kx, KeyExchange::Dhe | KeyExchange::DhePsk));
    let groups = GroupChoice::new(config, offer.groups.as_deref(), server_first, needs_field);
    let mut missing_sigalgs = false;
    for suite in candidates {
        // PSK suites need the application's keys.
        if suite.kx.uses_psk() && !has_psk {
            continue;
        }
        let Some(group) = groups.for_method(suite.kx) else { continue };
        if suite.auth == Authentication::Psk {
            return Ok(Choice { suite, group, scheme: None, cert: None });
        }
        let certs: Vec<&Arc<CertifiedKey>> = config
            .certs_for(suite.auth)
            .into_iter()
            .filter(|cert| client_accepts_key(cert, offer.groups.as_deref()))
            .collect();
        if certs.is_empty() {
            continue;
        }
        if !suite.kx.is_signed() {
            // RSA and RSA_PSK: the client encrypts to the certificate's key.
            if let Some(cert) = certs.iter().find(|cert| cert.key.rsa_decryption_key().is_some()) {
                return Ok(Choice { suite, group, scheme: None, cert: Some(Arc::clone(cert)) });
            }
            continue;
        }
        match sigalgs::server_signer(config, &offer.schemes, &certs) {
            Some((scheme, cert)) => return Ok(Choice { suite, group, scheme: Some(scheme), cert: Some(cert) }),
            None => missing_sigalgs |= offer.schemes.is_empty(),
        }
    }
    if missing_sigalgs {
        // RFC 9155: without signature_algorithms the only default left is SHA-1.
        return Err(Error::fatal(
            AlertDescription::HandshakeFailure,
            Reason::MISSING_SIGALGS_EXTENSION,
            "the client sent no signature_algorithms, and the SHA-1 default is not accepted",
        ));
    }
    if groups.no_acceptable_ffdhe {
        return Err(Error::fatal(
            AlertDescription::InsufficientSecurity,
            Reason::NO_SHARED_CIPHER,
            "none of the client's FFDHE groups is acceptable, and no other cipher suite is shared",
        ));
    }
    let reason = if config.certs.is_empty() {
        Error::fatal(
            AlertDescription::HandshakeFailure,
            Reason::NO_SHARED_CIPHER,
            "no cipher suite is shared with the client: the server has no certificate and no PSK",
        )
    } else {
        Error::fatal(
            AlertDescription::HandshakeFailure,
            Reason::NO_SHARED_CIPHER,
            "no cipher suite, group and signature algorithm is shared with the client",
        )
    };
    Err(reason)
}

/// RFC 8422 5.1: an ECDSA certificate's curve must be one the client listed (an
/// Ed25519 certificate needs only the ed25519 scheme, checked with the schemes).
fn client_accepts_key(cert: &CertifiedKey, client_groups: Option<&[NamedGroup]>) -> bool {
    match (cert.key.kind(), client_groups) {
        (KeyKind::Ecdsa(curve), Some(groups)) => groups.contains(&curve),
        _ => true,
    }
}

struct ExpectClientHello;

impl State for ExpectClientHello {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::ClientHello)?;
        if !cx.config.tls12_enabled() {
            return Err(Error::fatal(
                AlertDescription::ProtocolVersion,
                Reason::NO_PROTOCOLS_AVAILABLE,
                "the configured version range excludes TLS 1.2",
            ));
        }
        let offer = ClientOffer::read(msg.body())?;
        cx.record.agree_version();
        let mut transcript = Transcript::default();
        transcript.add(&msg.encoded);
        cx.config.session_cache.count(Counter::Accept);

        let (acknowledge_name, switched) = match cx.hooks.server_name(offer.server_name.as_deref()) {
            ServerNameDecision::Accept(config) => (true, config),
            ServerNameDecision::NoAck(config) => (false, config),
            ServerNameDecision::Reject(alert) => {
                return Err(Error::fatal(alert, Reason::CALLBACK_FAILED, "the server name callback rejected the name"));
            }
        };
        if let Some(config) = switched {
            *cx.config = config;
        }
        cx.info.server_name = offer.server_name.clone();
        cx.info.version = Some(TLS12);
        cx.info.secure_renegotiation = offer.secure_renegotiation;
        if let Some((session, renew)) = resumable_session(cx, &offer)? {
            return resume(cx, offer, transcript, session, renew);
        }
        full_handshake(cx, offer, transcript, acknowledge_name)
    }
}

/// The session the client offers, if it can be resumed: a ticket when it sends one
/// (RFC 5077 3.4: then the session ID cache is not consulted), else its session ID.
/// Returns the session and whether its ticket should be renewed.
fn resumable_session(cx: &mut Context<'_>, offer: &ClientOffer) -> Result<Option<(Arc<Session>, bool)>, Error> {
    let (candidate, renew) = match &offer.session_ticket {
        Some(ticket) if !ticket.is_empty() && cx.config.tickets() => match open_ticket(cx, ticket)? {
            Some((session, renew)) => (Some(Arc::new(session)), Some(renew)),
            None => (None, None),
        },
        _ => (resumption::find_by_id(cx, &offer.hello.session_id), None),
    };
    let Some(session) = candidate else { return Ok(None) };
    let resume_offer = resumption::Offer {
        suites: &offer.hello.cipher_suites,
        server_name: offer.server_name.as_deref(),
        extended_master_secret: offer.extended_master_secret && cx.config.extended_master_secret(),
    };
    if !resumption::server_may_resume(&session, &resume_offer, cx.config, cx.hooks.has_psk())? {
        return Ok(None);
    }
    if renew.is_some() {
        // The cache counts its own hits; a ticket's is counted here.
        cx.config.session_cache.count(Counter::Hit);
    }
    Ok(Some((session, renew.unwrap_or(false))))
}

/// Opens a ticket with the key the application names (the configured keys by default):
/// the session and whether to renew the ticket, or none for a ticket that does not open.
fn open_ticket(cx: &mut Context<'_>, ticket: &[u8]) -> Result<Option<(Session, bool)>, Error> {
    let Some(name) = crate::session::ticket::key_name(ticket) else { return Ok(None) };
    Ok(match cx.hooks.ticket_key(Some(name)) {
        TicketKeyDecision::Configured => cx.config.ticket_keys.with(|keys| keys.open(ticket))?,
        TicketKeyDecision::Use(key) => key.open(ticket).map(|session| (session, false)),
        TicketKeyDecision::Renew(key) => key.open(ticket).map(|session| (session, true)),
        TicketKeyDecision::Skip => None,
        TicketKeyDecision::Fail => return Err(ticket_key_failed()),
    })
}

/// The error of a ticket key callback that failed.
#[track_caller]
fn ticket_key_failed() -> Error {
    Error::fatal(AlertDescription::InternalError, Reason::CALLBACK_FAILED, "the ticket key callback failed")
}

/// The ALPN protocol for this connection, as the application decides.
fn negotiate_alpn(cx: &mut Context<'_>, offer: &ClientOffer) -> Result<Option<Vec<u8>>, Error> {
    let Some(offered) = &offer.alpn else { return Ok(None) };
    match cx.hooks.select_alpn(cx.config, offered) {
        AlpnDecision::Select(p) if offered.contains(&p) => Ok(Some(p)),
        AlpnDecision::Select(_) => Err(Error::internal("the ALPN callback chose a protocol not offered")),
        AlpnDecision::NoAck => Ok(None),
        AlpnDecision::Reject => Err(Error::fatal(
            AlertDescription::NoApplicationProtocol,
            Reason::NO_APPLICATION_PROTOCOL,
            "none of the client's ALPN protocols is acceptable",
        )),
    }
}

/// The ServerHello extensions both handshakes send.
fn hello_extensions(
    offer: &ClientOffer,
    extended_master_secret: bool,
    encrypt_then_mac: bool,
    alpn: &Option<Vec<u8>>,
    issue_ticket: bool,
) -> Extensions {
    let mut extensions = Extensions::default();
    if offer.secure_renegotiation {
        extensions.push(ExtensionType::RenegotiationInfo, vec![0]);
    }
    if extended_master_secret {
        extensions.push(ExtensionType::ExtendedMasterSecret, Vec::new());
    }
    if encrypt_then_mac {
        extensions.push(ExtensionType::EncryptThenMac, Vec::new());
    }
    if offer.hello.extensions.has(ExtensionType::EcPointFormats) {
        extensions.push(ExtensionType::EcPointFormats, ext::point_formats_body());
    }
    if let Some(protocol) = alpn {
        extensions.push(ExtensionType::Alpn, ext::alpn_body([protocol.as_slice()]));
    }
    if issue_ticket {
        extensions.push(ExtensionType::SessionTicket, Vec::new());
    }
    extensions
}

/// A fresh session ID when the server caches sessions; empty (not resumable by ID)
/// otherwise.
fn new_session_id(config: &Config) -> Result<Vec<u8>, Error> {
    if config.session_cache_mode & SESS_CACHE_SERVER == 0 {
        return Ok(Vec::new());
    }
    let mut id = vec![0u8; 32];
    crate::crypto::fill_random(&mut id)?;
    Ok(id)
}

fn server_random() -> Result<[u8; 32], Error> {
    let mut random = [0u8; 32];
    crate::crypto::fill_random(&mut random)?;
    Ok(random)
}

/// The abbreviated handshake (RFC 5246 7.3, figure 2): ServerHello, [NewSessionTicket],
/// ChangeCipherSpec, Finished from the server first.
fn resume(
    cx: &mut Context<'_>,
    offer: ClientOffer,
    mut transcript: Transcript,
    session: Arc<Session>,
    renew_ticket: bool,
) -> Result<Box<dyn State>, Error> {
    resumption::restore_info(cx.info, &session);
    let suite = session.suite;
    let alpn = negotiate_alpn(cx, &offer)?;
    let encrypt_then_mac = suite.mac != Mac::Aead
        && offer.hello.extensions.has(ExtensionType::EncryptThenMac)
        && cx.config.encrypt_then_mac();
    let issue_ticket = renew_ticket && offer.session_ticket.is_some();
    let extensions = hello_extensions(&offer, session.extended_master_secret, encrypt_then_mac, &alpn, issue_ticket);
    let server_random = server_random()?;
    let hello = ServerHello {
        server_version: TLS12,
        random: server_random,
        session_id: offer.hello.session_id.clone(),
        cipher_suite: suite.id,
        compression_method: 0,
        extensions,
    };
    cx.send_handshake(&mut transcript, HandshakeType::ServerHello, &hello.encode())?;
    if issue_ticket {
        send_ticket(cx, &mut transcript, &session)?;
    }
    cx.info.alpn = alpn;
    let secrets = Secrets::resumed(&session, offer.hello.random, server_random, encrypt_then_mac);
    secrets.activate(cx, Side::Server)?;
    cx.send_change_cipher_spec()?;
    secrets.send_finished(cx, &mut transcript, Side::Server)?;
    cx.info.session = Some(session);
    Ok(Box::new(ExpectChangeCipherSpec { finishing: Finishing { secrets, transcript, ending: Ending::Resumed } }))
}

/// Seals `session` into a ticket and sends it (RFC 5077 3.3).
fn send_ticket(cx: &mut Context<'_>, transcript: &mut Transcript, session: &Session) -> Result<(), Error> {
    let mut sealed = session.clone();
    sealed.ticket = None;
    let ticket = match cx.hooks.ticket_key(None) {
        TicketKeyDecision::Configured => cx.config.ticket_keys.with(|keys| keys.seal(&sealed))??,
        TicketKeyDecision::Use(key) | TicketKeyDecision::Renew(key) => key.seal(&sealed)?,
        // RFC 5077 3.3: the ServerHello promised a ticket; an empty one stands for none.
        TicketKeyDecision::Skip => Vec::new(),
        TicketKeyDecision::Fail => return Err(ticket_key_failed()),
    };
    let lifetime_hint = u32::try_from(cx.config.session_timeout).unwrap_or(u32::MAX);
    let message = NewSessionTicket { lifetime_hint, ticket };
    cx.send_handshake(transcript, HandshakeType::NewSessionTicket, &message.encode())
}

/// The full handshake: ServerHello, Certificate, ServerKeyExchange,
/// [CertificateRequest], ServerHelloDone.
fn full_handshake(
    cx: &mut Context<'_>,
    offer: ClientOffer,
    mut transcript: Transcript,
    acknowledge_name: bool,
) -> Result<Box<dyn State>, Error> {
    let choice = choose(cx.config, &offer, cx.hooks.has_psk())?;

    let alpn = negotiate_alpn(cx, &offer)?;
    let extended_master_secret = offer.extended_master_secret && cx.config.extended_master_secret();
    let encrypt_then_mac = choice.suite.mac != Mac::Aead
        && offer.hello.extensions.has(ExtensionType::EncryptThenMac)
        && cx.config.encrypt_then_mac();

    let ocsp_response = match offer.wants_ocsp && choice.cert.is_some() {
        true => cx
            .hooks
            .ocsp_response(cx.config)
            .map_err(|alert| Error::fatal(alert, Reason::CALLBACK_FAILED, "the OCSP status callback failed"))?,
        false => None,
    };
    let issue_ticket = offer.session_ticket.is_some() && cx.config.tickets();
    let mut extensions = hello_extensions(&offer, extended_master_secret, encrypt_then_mac, &alpn, issue_ticket);
    if ocsp_response.is_some() {
        extensions.push(ExtensionType::StatusRequest, Vec::new());
    }
    if acknowledge_name && offer.server_name.is_some() {
        extensions.push(ExtensionType::ServerName, Vec::new());
    }
    let session_id = new_session_id(cx.config)?;
    let server_random = server_random()?;
    let hello = ServerHello {
        server_version: TLS12,
        random: server_random,
        session_id: session_id.clone(),
        cipher_suite: choice.suite.id,
        compression_method: 0,
        extensions,
    };
    cx.send_handshake(&mut transcript, HandshakeType::ServerHello, &hello.encode())?;
    if let Some(cert) = &choice.cert {
        let chain = cx.config.chain_to_send(cert);
        cx.send_handshake(&mut transcript, HandshakeType::Certificate, &encode_certificate(&chain))?;
    }
    if let Some(response) = &ocsp_response {
        cx.send_handshake(&mut transcript, HandshakeType::CertificateStatus, &encode_certificate_status(response))?;
    }

    let kx = choice.suite.kx;
    let (agreement, params) = ServerKeyAgreement::start(kx, &choice.group)?;
    // RFC 4279: PSK suites carry the identity hint; plain PSK and RSA_PSK send a
    // ServerKeyExchange only when there is a hint.
    let psk_hint = kx.uses_psk().then(|| cx.config.psk_identity_hint.clone().unwrap_or_default());
    let has_hint = psk_hint.as_ref().is_some_and(|h| !h.is_empty());
    if params.is_some() || has_hint {
        let signed = match (choice.scheme, &choice.cert, &params) {
            (Some(scheme), Some(cert), Some(params)) => {
                let data = [offer.hello.random.as_slice(), server_random.as_slice(), &params.encode()].concat();
                Some(DigitallySigned { scheme, signature: cert.key.sign(scheme, &data)? })
            }
            _ => None,
        };
        let skx = ServerKeyExchange { psk_hint, params, signed };
        cx.send_handshake(&mut transcript, HandshakeType::ServerKeyExchange, &skx.encode())?;
    }

    let request_certificate = cx.config.verify_mode.peer && choice.suite.auth != Authentication::Psk;
    if request_certificate {
        let request = CertificateRequest {
            certificate_types: vec![1, 64],
            schemes: sigalgs::offered_schemes(cx.config),
            authorities: cx.config.client_ca_names.clone(),
        };
        cx.send_handshake(&mut transcript, HandshakeType::CertificateRequest, &request.encode())?;
    }
    cx.send_handshake(&mut transcript, HandshakeType::ServerHelloDone, &[])?;

    cx.info.version = Some(TLS12);
    cx.info.suite = Some(choice.suite);
    cx.info.group = match &choice.group {
        KxGroup::Curve(curve) => Some(*curve),
        KxGroup::Field(params) => params.named_group(),
        KxGroup::None => None,
    };
    cx.info.alpn = alpn.clone();
    cx.info.extended_master_secret = extended_master_secret;
    cx.info.secure_renegotiation = offer.secure_renegotiation;
    let common = HandshakeCommon {
        transcript,
        client_random: offer.hello.random,
        server_random,
        suite: choice.suite,
        encrypt_then_mac,
        session: SessionFacts {
            extended_master_secret,
            server_name: offer.server_name,
            alpn,
            ..SessionFacts::default()
        },
    };
    let flow = Flow {
        common,
        agreement,
        cert: choice.cert,
        client_version: offer.hello.client_version,
        session_id,
        issue_ticket,
    };
    if request_certificate {
        Ok(Box::new(ExpectCertificate { flow }))
    } else {
        Ok(Box::new(ExpectClientKeyExchange { flow }))
    }
}

/// What carries through the handshake after the server's first flight.
struct Flow {
    common: HandshakeCommon,
    agreement: ServerKeyAgreement,
    /// Our certificate (none on a PSK-authenticated suite).
    cert: Option<Arc<CertifiedKey>>,
    /// ClientHello.client_version (checked in an RSA premaster secret).
    client_version: u16,
    /// The session ID sent in the ServerHello.
    session_id: Vec<u8>,
    /// Whether the client asked for a ticket and gets one.
    issue_ticket: bool,
}

/// How the server's part of a handshake ends once the client's Finished is in.
enum Ending {
    /// Full handshake: make the session, maybe send a ticket, then ChangeCipherSpec and
    /// Finished.
    Full {
        /// The session ID sent in the ServerHello.
        session_id: Vec<u8>,
        /// Whether the client asked for a ticket and gets one.
        issue_ticket: bool,
        /// What the new session remembers.
        facts: SessionFacts,
    },
    /// Abbreviated handshake: the server already sent its Finished.
    Resumed,
}

/// What the server's last states carry once the keys are known.
struct Finishing {
    secrets: Secrets,
    transcript: Transcript,
    ending: Ending,
}

/// The client's Certificate, which our CertificateRequest asked for (it may be empty).
struct ExpectCertificate {
    flow: Flow,
}

impl State for ExpectCertificate {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::Certificate)?;
        let chain = decode_certificate(msg.body())?;
        let mut flow = self.flow;
        flow.common.transcript.add(&msg.encoded);
        if chain.is_empty() {
            if cx.config.verify_mode.fail_if_no_peer_cert {
                return Err(Error::fatal(
                    AlertDescription::HandshakeFailure,
                    Reason::PEER_DID_NOT_RETURN_A_CERTIFICATE,
                    "the client sent no certificate, and one is required",
                ));
            }
            return Ok(Box::new(ExpectClientKeyExchange { flow }));
        }
        let result = cx.check_peer_chain(&chain, Purpose::ClientAuth, None)?;
        flow.common.session.peer_certificates = chain;
        flow.common.session.verify_result = Some(result);
        Ok(Box::new(ExpectClientKeyExchange { flow }))
    }
}

/// The client's ClientKeyExchange; then its CertificateVerify if it sent a certificate,
/// else its ChangeCipherSpec.
struct ExpectClientKeyExchange {
    flow: Flow,
}

impl State for ExpectClientKeyExchange {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::ClientKeyExchange)?;
        let Flow { mut common, agreement, cert, client_version, session_id, issue_ticket } = self.flow;
        let agreed = agreement.finish(msg.body(), cert.as_deref(), client_version, cx.hooks)?;
        cx.info.psk_identity = agreed.psk_identity.clone();
        common.session.psk_identity = agreed.psk_identity;
        common.transcript.add(&msg.encoded);
        let secrets = common.derive_secrets(cx, &agreed.premaster, Side::Server)?;
        let HandshakeCommon { transcript, session: facts, .. } = common;
        let client_leaf = facts.peer_certificates.first().cloned();
        let finishing = Finishing { secrets, transcript, ending: Ending::Full { session_id, issue_ticket, facts } };
        match client_leaf {
            Some(leaf) => Ok(Box::new(ExpectCertificateVerify { finishing, leaf })),
            None => Ok(Box::new(ExpectChangeCipherSpec { finishing })),
        }
    }
}

/// The client's CertificateVerify, signed with the key of `leaf`, its certificate.
struct ExpectCertificateVerify {
    finishing: Finishing,
    leaf: CertificateDer<'static>,
}

impl State for ExpectCertificateVerify {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let msg = expect(msg, HandshakeType::CertificateVerify)?;
        let signed = DigitallySigned::decode(msg.body(), "CertificateVerify")?;
        sigalgs::check_client_scheme(cx.config, signed.scheme)?;
        let mut finishing = self.finishing;
        verify::verify_signature(&self.leaf, signed.scheme, finishing.transcript.bytes(), &signed.signature)?;
        cx.info.peer_scheme = Some(signed.scheme);
        finishing.transcript.add(&msg.encoded);
        Ok(Box::new(ExpectChangeCipherSpec { finishing }))
    }
}

/// The client's ChangeCipherSpec.
struct ExpectChangeCipherSpec {
    finishing: Finishing,
}

impl State for ExpectChangeCipherSpec {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        expect_change_cipher_spec(msg)?;
        cx.record.start_decrypting()?;
        Ok(Box::new(ExpectFinished { finishing: self.finishing }))
    }
}

/// The client's Finished; after a full handshake, our [NewSessionTicket],
/// ChangeCipherSpec and Finished follow.
struct ExpectFinished {
    finishing: Finishing,
}

impl State for ExpectFinished {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let Finishing { secrets, mut transcript, ending } = self.finishing;
        secrets.check_finished(cx, &mut transcript, Side::Client, msg)?;
        if let Ending::Full { session_id, issue_ticket, facts } = ending {
            let session = Arc::new(resumption::make_session(facts, &secrets, session_id, cx.config));
            if issue_ticket {
                send_ticket(cx, &mut transcript, &session)?;
            }
            cx.send_change_cipher_spec()?;
            secrets.send_finished(cx, &mut transcript, Side::Server)?;
            resumption::store(cx, &session);
            cx.info.session = Some(session);
        }
        cx.config.session_cache.count(Counter::AcceptGood);
        cx.info.secrets = Some(secrets);
        Ok(Box::new(Connected { is_client: false }))
    }
}

//! Decisions the application makes during a handshake. The C layer maps them to
//! OpenSSL's callbacks; every method's default is the behaviour of "no callback installed".

use super::key_agreement::Psk;
use crate::config::Config;
use crate::keys::CertifiedKey;
use crate::msgs::enums::{AlertDescription, AlertLevel, HandshakeType};
use crate::msgs::handshake::CertificateRequest;
use crate::session::ticket::TicketKey;
use crate::session::Session;
use crate::verify::VerifyResult;
use rustls_pki_types::CertificateDer;
use std::sync::Arc;
use zeroize::Zeroizing;

/// What a server does with the name a client asked for (the SNI callback's answer).
pub enum ServerNameDecision {
    /// Go on, acknowledging the name in the ServerHello, and optionally with another
    /// configuration (OpenSSL's `SSL_set_SSL_CTX` from the callback).
    Accept(Option<Arc<Config>>),
    /// Go on without acknowledging the name.
    NoAck(Option<Arc<Config>>),
    /// Abort with this alert.
    Reject(AlertDescription),
}

/// What a server does with the protocols a client offered (the ALPN callback's answer).
pub enum AlpnDecision {
    /// Use this protocol (it must be one the client offered).
    Select(Vec<u8>),
    /// Continue without ALPN.
    NoAck,
    /// Abort with `no_application_protocol`.
    Reject,
}

/// The key a server seals a ticket with or opens one with (the ticket key callback's
/// answer).
pub enum TicketKeyDecision {
    /// Use the configuration's `ticket_keys` (no callback installed).
    Configured,
    /// Seal with this key, or open with it.
    Use(TicketKey),
    /// Opening: open with this key, then issue a fresh ticket (the key is being retired).
    Renew(TicketKey),
    /// Sealing: issue no ticket (an empty NewSessionTicket, RFC 5077 3.3). Opening: the
    /// key is unknown, so the handshake is a full one.
    Skip,
    /// Fail the handshake (`internal_error`).
    Fail,
}

/// What a traced piece of the protocol is (see [`Hooks::trace`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Traced {
    /// The 5-byte header of a record, of any content type (application data too).
    RecordHeader,
    /// A whole handshake message, with its 4-byte header.
    Handshake,
    /// An alert: its two bytes, level and description.
    Alert,
    /// A ChangeCipherSpec message: its one byte.
    ChangeCipherSpec,
}

/// What moves a handshake on: a handshake message or a ChangeCipherSpec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A handshake message of this type.
    Message(HandshakeType),
    /// ChangeCipherSpec.
    ChangeCipherSpec,
}

/// Where a connection is, reported as it gets there (see [`Hooks::progress`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The handshake begins: a client's before its ClientHello is queued, a server's
    /// before it reads.
    Started,
    /// This step is about to be sent.
    Sending(Step),
    /// This step arrived and is about to be handled.
    Received(Step),
    /// Our flight is queued (at a server's start: an empty one) and we wait for the
    /// peer's.
    Waiting,
    /// The handshake completed.
    Completed,
    /// An alert was queued for the peer (`sent`) or arrived.
    Alert {
        /// Whether we sent it.
        sent: bool,
        /// Its level.
        level: AlertLevel,
        /// Its description.
        description: AlertDescription,
    },
    /// The connection failed; reported before the fatal alert (if any) is queued.
    Failed,
    /// A call that ran the handshake returns, with it complete or not (waiting or
    /// failed).
    Returned {
        /// Whether the handshake is complete.
        complete: bool,
    },
}

/// The application's part in a handshake.
pub trait Hooks: Send {
    /// A record header, handshake message, alert or ChangeCipherSpec was queued for the
    /// peer (`sent`) or arrived; `bytes` is exactly that item (a record header after its
    /// record was sealed, a message in plaintext). `version` is the record's for a
    /// header and TLS 1.2 for the rest. Application data is traced by its record
    /// headers only.
    fn trace(&mut self, sent: bool, version: u16, what: Traced, bytes: &[u8]) {
        let _ = (sent, version, what, bytes);
    }

    /// The handshake or the connection moved on.
    fn progress(&mut self, event: Progress) {
        let _ = event;
    }

    /// Server: the client's SNI name (or none) has arrived.
    fn server_name(&mut self, name: Option<&str>) -> ServerNameDecision {
        let _ = name;
        ServerNameDecision::Accept(None)
    }

    /// Server: the client offered these protocols. By default the first protocol in the
    /// configuration's `alpn_protocols` that the client offered wins; with no configured
    /// protocols ALPN is ignored.
    fn select_alpn(&mut self, config: &Config, offered: &[Vec<u8>]) -> AlpnDecision {
        if config.alpn_protocols.is_empty() {
            return AlpnDecision::NoAck;
        }
        match config.alpn_protocols.iter().find(|p| offered.contains(p)) {
            Some(p) => AlpnDecision::Select(p.clone()),
            None => AlpnDecision::Reject,
        }
    }

    /// A secret for the NSS key log format (`SSLKEYLOGFILE`): `label` is `CLIENT_RANDOM`.
    fn key_log(&mut self, label: &str, client_random: &[u8], secret: &[u8]) {
        let _ = (label, client_random, secret);
    }

    /// Server: the client asked for OCSP stapling (status_request). The answer is the
    /// DER OCSP response to staple (none: staple nothing), or an alert that aborts.
    /// By default the configuration's response is stapled.
    fn ocsp_response(&mut self, config: &Config) -> Result<Option<Vec<u8>>, AlertDescription> {
        Ok(config.ocsp_response.clone())
    }

    /// Client: the server's stapled OCSP response (none if it stapled nothing) when we
    /// asked for one. An error aborts the handshake with that alert
    /// (`bad_certificate_status_response` for a response the application rejects).
    fn check_ocsp_response(&mut self, response: Option<&[u8]>) -> Result<(), AlertDescription> {
        let _ = response;
        Ok(())
    }

    /// Client: the server asked for a certificate. The answer is the certificate to send
    /// (none: send an empty list). By default the first configured certificate (RSA,
    /// ECDSA, Ed25519) whose key type the server accepts, that can sign with one of the
    /// schemes it asks for, and whose key the security level allows is used.
    fn client_certificate(&mut self, config: &Config, request: &CertificateRequest) -> Option<Arc<CertifiedKey>> {
        const RSA_SIGN: u8 = 1;
        // RFC 8422 5.5: ecdsa_sign also covers Ed25519 certificates.
        const ECDSA_SIGN: u8 = 64;
        let slots =
            [(RSA_SIGN, &config.certs.rsa), (ECDSA_SIGN, &config.certs.ecdsa), (ECDSA_SIGN, &config.certs.ed25519)];
        let signs_requested =
            |cert: &CertifiedKey| super::sigalgs::client_scheme(config, &request.schemes, &cert.key).is_some();
        slots.into_iter().find_map(|(kind, slot)| {
            slot.clone().filter(|cert| {
                request.certificate_types.contains(&kind)
                    && signs_requested(cert)
                    && config.key_allowed(cert.key.kind())
            })
        })
    }

    /// Whether the application can supply pre-shared keys: a client offers PSK suites
    /// only then ([`Hooks::psk_client`] gives the key), a server chooses or resumes
    /// them only then ([`Hooks::psk_server`] looks keys up).
    fn has_psk(&self) -> bool {
        false
    }

    /// Client: a PSK suite was chosen; `hint` is the server's identity hint, if it sent
    /// one. The answer is the identity and key to use; none aborts the handshake.
    fn psk_client(&mut self, hint: Option<&[u8]>) -> Option<Psk> {
        let _ = hint;
        None
    }

    /// Server: the client named this PSK identity. The answer is its key; none means the
    /// identity is unknown (`unknown_psk_identity`).
    fn psk_server(&mut self, identity: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let _ = identity;
        None
    }

    /// A full handshake made a new session (`SSL_CTX_sess_set_new_cb`): a server's before
    /// it is cached, a client's once its ticket (if any) has arrived.
    fn new_session(&mut self, session: &Arc<Session>) {
        let _ = session;
    }

    /// Server: a client asked to resume a session the internal cache does not have (or
    /// the internal cache is off): the application's external cache may know it
    /// (`SSL_CTX_sess_set_get_cb`).
    fn find_session(&mut self, id: &[u8]) -> Option<Session> {
        let _ = id;
        None
    }

    /// A session left the internal cache (evicted, expired or invalidated:
    /// `SSL_CTX_sess_set_remove_cb`).
    fn removed_session(&mut self, session: &Arc<Session>) {
        let _ = session;
    }

    /// Server: the key to seal a ticket with (`name` none) or to open a ticket whose key
    /// name is `name`. By default the configuration's `ticket_keys` are used.
    fn ticket_key(&mut self, name: Option<&[u8; 16]>) -> TicketKeyDecision {
        let _ = name;
        TicketKeyDecision::Configured
    }

    /// The peer's chain was checked with this result; the answer is the result that
    /// counts (a verify callback may accept a failure or fail a success).
    fn verify_peer(&mut self, chain: &[CertificateDer<'static>], result: VerifyResult) -> VerifyResult {
        let _ = chain;
        result
    }
}

/// The hooks used when the application installs none.
pub struct DefaultHooks;

impl Hooks for DefaultHooks {}

//! What an `SSL_CTX` holds: certificates and keys, suites, groups, signature schemes,
//! verification settings and ALPN. A [`ConfigBuilder`] holds what the application set;
//! a connection takes the `Arc<Config>` built from it when it starts, so later changes
//! to the context do not disturb connections in flight.

use crate::crypto::dh::DhParams;
use crate::crypto::sign::KeyKind;
use crate::keys::CertifiedKey;
use crate::msgs::enums::{NamedGroup, SignatureScheme};
use crate::session::cache::SessionCache;
use crate::session::ticket::TicketKeyStore;
use crate::suites::{self, Suite};
use crate::verify::RootStore;
use rustls_pki_types::CertificateDer;
use std::borrow::Cow;
use std::sync::Arc;

mod builder;
mod credentials;
pub mod lists;
mod security_level;
mod setters;

pub use builder::ConfigBuilder;
pub use credentials::{ChainEdit, KeyPairing, ListedCerts, TrustedCerts};
pub use security_level::{min_security_bits, scheme_allowed_at_level};

/// OpenSSL's default session lifetime for TLS, in seconds (`SSL_CTX_get_timeout`); also
/// the lifetime hint sent with tickets.
pub const DEFAULT_SESSION_TIMEOUT: u64 = 7200;

/// `SSL_SESS_CACHE_CLIENT`: a client keeps the sessions it makes (for the application).
pub const SESS_CACHE_CLIENT: u32 = 0x1;
/// `SSL_SESS_CACHE_SERVER`: a server caches sessions and assigns session IDs.
pub const SESS_CACHE_SERVER: u32 = 0x2;
/// `SSL_SESS_CACHE_NO_AUTO_CLEAR`: expired sessions are not flushed automatically.
pub const SESS_CACHE_NO_AUTO_CLEAR: u32 = 0x80;
/// `SSL_SESS_CACHE_NO_INTERNAL_LOOKUP`: only the application's callback finds sessions.
pub const SESS_CACHE_NO_INTERNAL_LOOKUP: u32 = 0x100;
/// `SSL_SESS_CACHE_NO_INTERNAL_STORE`: new sessions go only to the application's callback.
pub const SESS_CACHE_NO_INTERNAL_STORE: u32 = 0x200;
/// Protocol features an application turns on or off (the C layer sets them from
/// OpenSSL's `SSL_OP_*` bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Server: the suite is picked in the server's order of preference, not the client's.
    pub server_preference: bool,
    /// RFC 7627 extended master secret is offered and accepted.
    pub extended_master_secret: bool,
    /// RFC 7366 encrypt-then-MAC is offered and accepted.
    pub encrypt_then_mac: bool,
    /// Session tickets (RFC 5077) are asked for (client) and issued (server).
    pub tickets: bool,
    /// Client: a server without RFC 5746 secure renegotiation is still talked to.
    pub legacy_server_connect: bool,
    /// TLS 1.2, the one version spoken, is allowed (without it nothing is left).
    pub tls12: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            server_preference: false,
            extended_master_secret: true,
            encrypt_then_mac: true,
            tickets: true,
            legacy_server_connect: false,
            tls12: true,
        }
    }
}

/// How the peer's certificate is checked (`SSL_VERIFY_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerifyMode {
    /// `SSL_VERIFY_PEER`: check the peer's chain and abort when it fails (a server
    /// also asks the client for a certificate).
    pub peer: bool,
    /// `SSL_VERIFY_FAIL_IF_NO_PEER_CERT`: a server aborts when the client sends none.
    pub fail_if_no_peer_cert: bool,
    /// `SSL_VERIFY_CLIENT_ONCE`: only ask on the first handshake.
    pub client_once: bool,
}

/// Certificates and keys, one slot per key type, as OpenSSL keeps them.
#[derive(Clone, Default)]
pub struct CertSlots {
    /// The RSA certificate chain and key.
    pub rsa: Option<Arc<CertifiedKey>>,
    /// The ECDSA certificate chain and key.
    pub ecdsa: Option<Arc<CertifiedKey>>,
    /// The Ed25519 certificate chain and key, used with ECDSA suites (RFC 8422 5.3)
    /// when the peer accepts ed25519 signatures.
    pub ed25519: Option<Arc<CertifiedKey>>,
}

impl CertSlots {
    /// The slot for keys of this kind.
    pub fn slot(&self, kind: KeyKind) -> &Option<Arc<CertifiedKey>> {
        match kind {
            KeyKind::Rsa { .. } => &self.rsa,
            KeyKind::Ecdsa(_) => &self.ecdsa,
            KeyKind::Ed25519 => &self.ed25519,
        }
    }

    /// The slot for keys of this kind, to fill or change.
    pub fn slot_mut(&mut self, kind: KeyKind) -> &mut Option<Arc<CertifiedKey>> {
        match kind {
            KeyKind::Rsa { .. } => &mut self.rsa,
            KeyKind::Ecdsa(_) => &mut self.ecdsa,
            KeyKind::Ed25519 => &mut self.ed25519,
        }
    }

    /// Whether no slot is filled.
    pub fn is_empty(&self) -> bool {
        self.rsa.is_none() && self.ecdsa.is_none() && self.ed25519.is_none()
    }
}

/// Everything a context decides for the connections made from it.
#[derive(Clone)]
pub struct Config {
    /// Enabled suites in preference order.
    pub suites: Vec<&'static Suite>,
    /// Key exchange groups in preference order.
    pub groups: Vec<NamedGroup>,
    /// Signature schemes we offer and accept, in preference order.
    pub sigalgs: Vec<SignatureScheme>,
    /// Protocol features turned on or off.
    pub options: Options,
    /// Lowest version allowed (0 = no limit).
    pub min_version: u16,
    /// Highest version allowed (0 = no limit).
    pub max_version: u16,
    /// Our certificates and keys.
    pub certs: CertSlots,
    /// Trust anchors for the peer's chain.
    pub roots: Arc<RootStore>,
    /// How the peer's certificate is checked.
    pub verify_mode: VerifyMode,
    /// Maximum chain depth accepted (`SSL_CTX_set_verify_depth`; OpenSSL's default is 100).
    pub verify_depth: u32,
    /// How chains are built and trusted (`X509_V_FLAG_*` through `X509_STORE_set_flags`).
    pub verify_flags: crate::verify::VerifyFlags,
    /// The longest Certificate or CertificateRequest message accepted from the peer
    /// (`SSL_CTX_set_max_cert_list`; OpenSSL's default is 100 KiB).
    pub max_cert_list: usize,
    /// Server: DH parameters for DHE suites when the client names no FFDHE group
    /// (`SSL_CTX_set_tmp_dh`); none means ffdhe2048.
    pub dh_params: Option<DhParams>,
    /// Client: the smallest DH prime accepted from a server, in bits.
    pub min_dh_bits: usize,
    /// Server: the DER OCSP response stapled when a client asks (status_request).
    pub ocsp_response: Option<Vec<u8>>,
    /// Client: ask the server to staple an OCSP response.
    pub request_ocsp: bool,
    /// Server: the distinguished names (DER) sent in CertificateRequest as acceptable
    /// issuers of client certificates (`SSL_CTX_set_client_CA_list`).
    pub client_ca_names: Vec<Vec<u8>>,
    /// Server: the identity hint sent in the ServerKeyExchange of PSK suites.
    pub psk_identity_hint: Option<Vec<u8>>,
    /// The session cache (shared by every connection of a context).
    pub session_cache: Arc<SessionCache>,
    /// `SSL_SESS_CACHE_*` bits.
    pub session_cache_mode: u32,
    /// Seconds a new session stays resumable (`SSL_CTX_set_timeout`).
    pub session_timeout: u64,
    /// The session ID context: sessions resume only under the same one.
    pub session_id_context: Vec<u8>,
    /// Server: the keys that seal and open session tickets.
    pub ticket_keys: Arc<TicketKeyStore>,
    /// Client: the protocols offered with ALPN, in preference order.
    /// Server: the protocols accepted when no selection callback is installed.
    pub alpn_protocols: Vec<Vec<u8>>,
    /// OpenSSL's security level (0 to 5; OpenSSL's default is 1): the smallest keys
    /// accepted for our certificates and the peer's leaf (see [`min_security_bits`]).
    pub security_level: u32,
    /// Certificates sent after a leaf whose own chain has no intermediates
    /// (`SSL_CTX_add_extra_chain_cert`).
    pub extra_chain_certs: Vec<CertificateDer<'static>>,
    /// Shutdown sends no close_notify and waits for none (`SSL_CTX_set_quiet_shutdown`).
    pub quiet_shutdown: bool,
    /// `SSL_CTX_set_read_ahead`: kept and reported only; the engine always takes every
    /// byte the transport has, which is what read-ahead asks for.
    pub read_ahead: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            suites: suites::ALL_SUITES.iter().collect(),
            groups: vec![NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1],
            sigalgs: crate::crypto::sign::SUPPORTED_SCHEMES.to_vec(),
            options: Options::default(),
            min_version: 0,
            max_version: 0,
            certs: CertSlots::default(),
            roots: Arc::new(RootStore::default()),
            verify_mode: VerifyMode::default(),
            verify_depth: 100,
            verify_flags: crate::verify::VerifyFlags::default(),
            max_cert_list: crate::msgs::handshake::DEFAULT_MAX_CERT_LIST,
            dh_params: None,
            session_cache: Arc::new(SessionCache::new(crate::session::cache::DEFAULT_CAPACITY)),
            session_cache_mode: SESS_CACHE_SERVER,
            session_timeout: DEFAULT_SESSION_TIMEOUT,
            session_id_context: Vec::new(),
            ticket_keys: Arc::new(TicketKeyStore::default()),
            psk_identity_hint: None,
            ocsp_response: None,
            request_ocsp: false,
            client_ca_names: Vec::new(),
            min_dh_bits: 2048,
            alpn_protocols: Vec::new(),
            security_level: 1,
            extra_chain_certs: Vec::new(),
            quiet_shutdown: false,
            read_ahead: false,
        }
    }
}

impl Config {
    /// Whether RFC 7627 extended master secret is offered and accepted.
    pub fn extended_master_secret(&self) -> bool {
        self.options.extended_master_secret
    }

    /// Whether RFC 7366 encrypt-then-MAC is offered and accepted.
    pub fn encrypt_then_mac(&self) -> bool {
        self.options.encrypt_then_mac
    }

    /// Whether session tickets are asked for (client) and issued (server).
    pub fn tickets(&self) -> bool {
        self.options.tickets
    }

    /// Whether the configured version range still contains TLS 1.2.
    pub fn tls12_enabled(&self) -> bool {
        let v = crate::msgs::enums::TLS12;
        self.options.tls12
            && (self.min_version == 0 || self.min_version <= v)
            && (self.max_version == 0 || self.max_version >= v)
    }

    /// Whether a key of this kind is strong enough for the security level.
    pub fn key_allowed(&self, kind: KeyKind) -> bool {
        kind.security_bits() >= min_security_bits(self.security_level)
    }

    /// The certificates to send for `cert`: its chain, or, when that holds only the
    /// leaf, the leaf and the extra chain certificates, as OpenSSL sends them.
    pub fn chain_to_send<'a>(&'a self, cert: &'a CertifiedKey) -> Cow<'a, [CertificateDer<'static>]> {
        match cert.chain.as_slice() {
            [leaf] if !self.extra_chain_certs.is_empty() => {
                Cow::Owned(std::iter::once(leaf).chain(&self.extra_chain_certs).cloned().collect())
            }
            chain => Cow::Borrowed(chain),
        }
    }

    /// The filled certificate slots a suite can use whose keys the security level
    /// allows, ECDSA before Ed25519 for ECDSA-authenticated suites (RFC 8422 5.3: they
    /// carry Ed25519 certificates too).
    pub fn certs_for(&self, auth: suites::Authentication) -> Vec<&Arc<CertifiedKey>> {
        let slots: &[&Option<Arc<CertifiedKey>>] = match auth {
            suites::Authentication::Rsa => &[&self.certs.rsa],
            suites::Authentication::Ecdsa => &[&self.certs.ecdsa, &self.certs.ed25519],
            suites::Authentication::Psk => &[],
        };
        slots.iter().filter_map(|slot| slot.as_ref()).filter(|cert| self.key_allowed(cert.key.kind())).collect()
    }
}

//! The sans-IO connection: network bytes in, network bytes out, plaintext in and out.
//! It owns the record layer and the handshake state machine and never does I/O.
//!
//! The caller's loop: give received bytes to [`Connection::read_tls`], call
//! [`Connection::process_new_packets`], send what [`Connection::pending_tls`] holds and
//! [`Connection::consume_tls`] it, read plaintext with [`Connection::read_plaintext`],
//! write plaintext with [`Connection::write_plaintext`].

use crate::config::Config;
use crate::error::Error;
use crate::msgs::enums::{AlertDescription, NamedGroup, SignatureScheme};
use crate::suites::Suite;
use crate::verify::VerifyResult;
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

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

/// Decisions the application makes during a handshake: the C layer maps them to
/// OpenSSL's callbacks. Every method has the behaviour of "no callback installed".
pub trait Hooks: Send {
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

/// One TLS 1.2 connection, client or server.
pub struct Connection {}

impl Connection {
    /// A client. `server_name` is sent as SNI (unless it is an IP address) and, when
    /// `verify_host` is none, is also the name the certificate must match.
    pub fn new_client(config: Arc<Config>, server_name: Option<&str>, verify_host: Option<&str>) -> Result<Connection, Error> {
        todo!()
    }

    /// A server.
    pub fn new_server(config: Arc<Config>) -> Result<Connection, Error> {
        todo!()
    }

    /// Installs the application's callbacks.
    pub fn set_hooks(&mut self, hooks: Box<dyn Hooks>) {
        todo!()
    }

    /// Whether this is the client end.
    pub fn is_client(&self) -> bool {
        todo!()
    }

    /// Takes bytes received from the network; returns how many were taken (fewer than
    /// given only when enough unprocessed input is already buffered).
    pub fn read_tls(&mut self, data: &[u8]) -> usize {
        todo!()
    }

    /// Tells the engine the peer closed the transport (end of stream).
    pub fn read_eof(&mut self) {
        todo!()
    }

    /// Processes buffered input: advances the handshake, decrypts application data.
    /// A fatal error queues the alert for the peer (in `pending_tls`), and every later
    /// call returns the same error.
    pub fn process_new_packets(&mut self) -> Result<(), Error> {
        todo!()
    }

    /// Bytes waiting to be sent to the network.
    pub fn pending_tls(&self) -> &[u8] {
        todo!()
    }

    /// Marks `n` bytes of `pending_tls` as sent.
    pub fn consume_tls(&mut self, n: usize) {
        todo!()
    }

    /// Encrypts application data. Fails while the handshake is in progress, after a
    /// fatal error and after close_notify was sent. Returns the bytes taken (all of them).
    pub fn write_plaintext(&mut self, data: &[u8]) -> Result<usize, Error> {
        todo!()
    }

    /// Copies decrypted application data into `buf`; returns how many bytes.
    pub fn read_plaintext(&mut self, buf: &mut [u8]) -> usize {
        todo!()
    }

    /// Decrypted application data waiting to be read.
    pub fn plaintext_pending(&self) -> usize {
        todo!()
    }

    /// Whether the handshake has not finished yet.
    pub fn is_handshaking(&self) -> bool {
        todo!()
    }

    /// Queues a close_notify alert (once).
    pub fn send_close_notify(&mut self) {
        todo!()
    }

    /// Whether we already queued close_notify.
    pub fn sent_close_notify(&self) -> bool {
        todo!()
    }

    /// Whether the peer sent close_notify.
    pub fn received_close_notify(&self) -> bool {
        todo!()
    }

    /// The fatal error that ended this connection, if one did.
    pub fn fatal_error(&self) -> Option<&Error> {
        todo!()
    }

    /// The negotiated protocol version (0x0303) once the ServerHello is through.
    pub fn protocol_version(&self) -> Option<u16> {
        todo!()
    }

    /// The negotiated suite.
    pub fn suite(&self) -> Option<&'static Suite> {
        todo!()
    }

    /// The key exchange group.
    pub fn group(&self) -> Option<NamedGroup> {
        todo!()
    }

    /// The signature scheme the peer signed with.
    pub fn peer_signature_scheme(&self) -> Option<SignatureScheme> {
        todo!()
    }

    /// The ALPN protocol agreed on.
    pub fn alpn_protocol(&self) -> Option<&[u8]> {
        todo!()
    }

    /// Client: the SNI name sent. Server: the SNI name received.
    pub fn server_name(&self) -> Option<&str> {
        todo!()
    }

    /// The peer's certificate chain, leaf first (empty if it sent none).
    pub fn peer_certificates(&self) -> &[CertificateDer<'static>] {
        todo!()
    }

    /// The result of checking the peer's chain (`X509_V_OK` before it is checked).
    pub fn verify_result(&self) -> VerifyResult {
        todo!()
    }

    /// Whether RFC 7627 extended master secret is in use.
    pub fn extended_master_secret(&self) -> bool {
        todo!()
    }

    /// Whether the peer supports secure renegotiation (RFC 5746).
    pub fn secure_renegotiation(&self) -> bool {
        todo!()
    }

    /// The configuration in force (it changes when the SNI callback switches it).
    pub fn config(&self) -> &Arc<Config> {
        todo!()
    }
}

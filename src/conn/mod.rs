//! The sans-IO connection: network bytes in, network bytes out, plaintext in and out.
//! It owns the record layer and the handshake state machine and never does I/O.
//!
//! The caller's loop: give received bytes to [`Connection::read_tls`], call
//! [`Connection::process_new_packets`], send what [`Connection::pending_tls`] holds and
//! [`Connection::consume_tls`] it, read plaintext with [`Connection::read_plaintext`],
//! write plaintext with [`Connection::write_plaintext`].

use crate::config::Config;
use crate::error::{Error, Reason};
use crate::handshake::hooks::{Progress, Step, Traced};
use crate::handshake::{self, Context, HandshakeInfo, Message, State};
use crate::msgs::enums::{
    AlertDescription, AlertLevel, ContentType, HandshakeType, NamedGroup, SignatureScheme, TLS12,
};
use crate::msgs::handshake::{expect_empty, max_message_len};
use crate::record::joiner::HandshakeJoiner;
use crate::record::RecordLayer;
use crate::session::Session;
use crate::suites::Suite;
use crate::verify::VerifyResult;
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

pub use crate::handshake::hooks::{AlpnDecision, DefaultHooks, Hooks, ServerNameDecision};
pub use stream::{IoResult, Stop, Stream, Transport};

mod stream;

/// How many records in a row may make no progress (empty records, refused renegotiation
/// requests, HelloRequests) before the peer is taken to be flooding us: OpenSSL's
/// `MAX_EMPTY_RECORDS`.
const MAX_NO_PROGRESS: u32 = 32;

/// The warning alert that ends a run of consecutive warning alerts: OpenSSL's
/// `MAX_WARN_ALERT_COUNT` (the fifth in a row is fatal).
const MAX_WARNING_ALERTS: u32 = 5;

/// Counts what a peer sends that makes no progress, so that a flood of it ends the
/// connection instead of costing us a reply each time.
#[derive(Default)]
struct FloodGuard {
    /// Empty records, refused renegotiations and HelloRequests since the last
    /// application data.
    no_progress: u32,
    /// Warning alerts since the last non-empty record that was not an alert.
    warning_alerts: u32,
}

impl FloodGuard {
    /// Notes a record as it arrives (OpenSSL resets the warning count on any non-empty
    /// record that is not an alert).
    fn record(&mut self, content_type: ContentType, len: usize) {
        if content_type != ContentType::Alert && len > 0 {
            self.warning_alerts = 0;
        }
    }

    /// Application data arrived: the peer is making progress.
    fn progress(&mut self) {
        self.no_progress = 0;
    }

    /// Something that made no progress arrived (`what`, for the error message).
    fn no_progress(&mut self, what: &str) -> Result<(), Error> {
        self.no_progress += 1;
        if self.no_progress > MAX_NO_PROGRESS {
            return Err(Error::fatal(
                AlertDescription::UnexpectedMessage,
                Reason::RECORD_TOO_SMALL,
                format!("the peer sent more than {MAX_NO_PROGRESS} {what} without application data"),
            ));
        }
        Ok(())
    }

    /// A warning alert arrived.
    fn warning_alert(&mut self) -> Result<(), Error> {
        self.warning_alerts += 1;
        if self.warning_alerts >= MAX_WARNING_ALERTS {
            return Err(Error::fatal(
                AlertDescription::UnexpectedMessage,
                Reason::TOO_MANY_WARN_ALERTS,
                format!("the peer sent {MAX_WARNING_ALERTS} warning alerts in a row"),
            ));
        }
        Ok(())
    }
}

/// One TLS 1.2 connection, client or server.
pub struct Connection {
    is_client: bool,
    config: Arc<Config>,
    record: RecordLayer,
    joiner: HandshakeJoiner,
    state: Option<Box<dyn State>>,
    hooks: Box<dyn Hooks>,
    info: HandshakeInfo,
    /// The buffers grown for the handshake's flights are still held: they are freed
    /// once idle after the handshake, so an established connection holds little.
    handshake_buffers: bool,
    fatal: Option<Error>,
    sent_close_notify: bool,
    received_close_notify: bool,
    peer_eof: bool,
    flood: FloodGuard,
    /// The peer's ChangeCipherSpec arrived and its Finished has not begun: only a
    /// handshake record may come next.
    awaiting_finished: bool,
}

impl Connection {
    fn new(config: Arc<Config>, is_client: bool, hooks: Box<dyn Hooks>) -> Connection {
        Connection {
            is_client,
            config,
            record: RecordLayer::default(),
            joiner: HandshakeJoiner::default(),
            state: None,
            hooks,
            info: HandshakeInfo::default(),
            handshake_buffers: true,
            fatal: None,
            sent_close_notify: false,
            received_close_notify: false,
            peer_eof: false,
            flood: FloodGuard::default(),
            awaiting_finished: false,
        }
    }

    fn context(&mut self) -> Context<'_> {
        Context {
            record: &mut self.record,
            info: &mut self.info,
            config: &mut self.config,
            hooks: &mut *self.hooks,
            sent_step: false,
        }
    }

    /// A client; its ClientHello is queued at once. `server_name` is sent as SNI (unless
    /// it is an IP address); `verify_host` is the name the server's certificate must
    /// match (none: no name check, as in OpenSSL without `SSL_set1_host`).
    pub fn new_client(
        config: Arc<Config>,
        server_name: Option<&str>,
        verify_host: Option<&str>,
    ) -> Result<Connection, Error> {
        Connection::new_client_resuming(config, server_name, verify_host, None)
    }

    /// A client that offers `session` for resumption (by ticket if it has one, else by
    /// session ID); the server may decline, and a full handshake follows.
    pub fn new_client_resuming(
        config: Arc<Config>,
        server_name: Option<&str>,
        verify_host: Option<&str>,
        session: Option<Arc<Session>>,
    ) -> Result<Connection, Error> {
        Connection::new_client_with_hooks(config, server_name, verify_host, session, Box::new(DefaultHooks))
    }

    /// As [`Connection::new_client_resuming`], with the application's callbacks in
    /// place from the start (so that they see the ClientHello go out).
    pub fn new_client_with_hooks(
        config: Arc<Config>,
        server_name: Option<&str>,
        verify_host: Option<&str>,
        session: Option<Arc<Session>>,
        hooks: Box<dyn Hooks>,
    ) -> Result<Connection, Error> {
        let mut conn = Connection::new(config, true, hooks);
        conn.hooks.progress(Progress::Started);
        let state = handshake::client::start(&mut conn.context(), server_name, verify_host, session)?;
        conn.state = Some(state);
        conn.hooks.progress(Progress::Waiting);
        Ok(conn)
    }

    /// A server, waiting for a ClientHello.
    pub fn new_server(config: Arc<Config>) -> Result<Connection, Error> {
        Connection::new_server_with_hooks(config, Box::new(DefaultHooks))
    }

    /// As [`Connection::new_server`], with the application's callbacks in place from
    /// the start.
    pub fn new_server_with_hooks(config: Arc<Config>, hooks: Box<dyn Hooks>) -> Result<Connection, Error> {
        let mut conn = Connection::new(config, false, hooks);
        conn.hooks.progress(Progress::Started);
        conn.state = Some(handshake::server::start());
        conn.hooks.progress(Progress::Waiting);
        Ok(conn)
    }

    /// Installs the application's callbacks (from now on: see
    /// [`Connection::new_client_with_hooks`]).
    pub fn set_hooks(&mut self, hooks: Box<dyn Hooks>) {
        self.hooks = hooks;
    }

    /// Whether this is the client end.
    pub fn is_client(&self) -> bool {
        self.is_client
    }

    /// Takes bytes received from the network; returns how many were taken (fewer than
    /// given only when enough unprocessed input is already buffered).
    pub fn read_tls(&mut self, data: &[u8]) -> usize {
        self.record.buffer_input(data)
    }

    /// Lets `read` put network bytes straight into the input buffer (see
    /// [`Transport::read`]); returns what it returned.
    pub fn read_tls_with(&mut self, read: impl FnOnce(&mut [u8]) -> IoResult) -> IoResult {
        self.record.read_input_with(read)
    }

    /// Whether received bytes are waiting to be processed (a partial record, say).
    pub fn has_unprocessed_input(&self) -> bool {
        self.record.buffered_input() > 0
    }

    /// Tells the engine the peer closed the transport (end of stream).
    pub fn read_eof(&mut self) {
        self.peer_eof = true;
    }

    /// Processes buffered input: advances the handshake, decrypts application data.
    /// A fatal error queues the alert for the peer (in `pending_tls`), and every later
    /// call returns the same error. An end of stream without close_notify is an error
    /// once the plaintext before it has been read.
    pub fn process_new_packets(&mut self) -> Result<(), Error> {
        if let Some(e) = &self.fatal {
            return Err(e.clone());
        }
        let mut result = self.process_records();
        self.release_handshake_buffers();
        if result.is_ok() && self.peer_eof && !self.received_close_notify && self.plaintext_pending() == 0 {
            result = Err(Error::local(
                Reason::UNEXPECTED_EOF_WHILE_READING,
                "the peer closed the connection without sending close_notify",
            ));
        }
        if let Err(e) = &result {
            self.fail(e.clone());
        }
        result
    }

    fn fail(&mut self, error: Error) {
        self.hooks.progress(Progress::Failed);
        if let Some(alert) = error.alert {
            // Best effort: if even the alert cannot be protected there is nothing to send.
            let _ = self.context().send_alert(AlertLevel::Fatal, alert);
        }
        self.state = None;
        self.fatal = Some(error);
    }

    fn process_records(&mut self) -> Result<(), Error> {
        while !self.received_close_notify {
            let handshaking = self.is_handshaking();
            let Some(record) = self.record.next_record()? else {
                return Ok(());
            };
            self.hooks.trace(false, record.version, Traced::RecordHeader, &record.header);
            let payload = record.payload;
            self.flood.record(record.content_type, payload.len());
            // RFC 5246 7.4.9: the Finished comes right after the ChangeCipherSpec; OpenSSL
            // refuses anything in between, alerts included.
            if self.awaiting_finished && record.content_type != ContentType::Handshake {
                return Err(Error::fatal(
                    AlertDescription::UnexpectedMessage,
                    Reason::DATA_BETWEEN_CCS_AND_FINISHED,
                    format!("a record of type {:?} arrived between ChangeCipherSpec and Finished", record.content_type),
                ));
            }
            match record.content_type {
                ContentType::ApplicationData => {
                    if handshaking {
                        return Err(Error::unexpected("application data arrived before the handshake finished"));
                    }
                    if payload.is_empty() {
                        self.flood.no_progress("empty records")?;
                    } else {
                        self.flood.progress();
                        self.record.hold_payload();
                    }
                }
                ContentType::Alert => {
                    let alert = match payload {
                        [level, description] => (AlertLevel::from(*level), AlertDescription::from(*description)),
                        _ => return Err(Error::decode("an alert record is not two bytes long")),
                    };
                    self.hooks.trace(false, TLS12, Traced::Alert, payload);
                    self.hooks.progress(Progress::Alert { sent: false, level: alert.0, description: alert.1 });
                    self.handle_alert(alert.0, alert.1)?;
                }
                ContentType::Handshake => {
                    if payload.is_empty() {
                        return Err(Error::unexpected("an empty handshake record arrived"));
                    }
                    self.awaiting_finished = false;
                    self.joiner.push(payload);
                    let (is_client, max_cert_list) = (self.is_client, self.config.max_cert_list);
                    let max_len = move |typ| max_message_len(typ, is_client, max_cert_list);
                    while let Some(message) = self.joiner.pop(max_len)? {
                        // RFC 5246 7.4.1.1: a client negotiating ignores HelloRequest, and it
                        // stays out of the transcript. After the handshake, the state
                        // refuses renegotiation; both make no progress.
                        if self.is_client && message.typ == HandshakeType::HelloRequest && self.is_handshaking() {
                            self.hooks.trace(false, TLS12, Traced::Handshake, &message.encoded);
                            expect_empty(message.body(), HandshakeType::HelloRequest)?;
                            self.flood.no_progress("HelloRequests")?;
                            continue;
                        }
                        self.announce(Step::Message(message.typ), Traced::Handshake, &message.encoded);
                        if !self.is_handshaking() {
                            self.flood.no_progress("renegotiation requests")?;
                        }
                        self.dispatch(Message::Handshake(message))?;
                    }
                }
                ContentType::ChangeCipherSpec => {
                    // RFC 5246 7.1: the body is the single byte 1 (OpenSSL answers
                    // anything else with unexpected_message too).
                    if payload != [1] {
                        return Err(Error::fatal(
                            AlertDescription::UnexpectedMessage,
                            Reason::BAD_CHANGE_CIPHER_SPEC,
                            format!(
                                "a ChangeCipherSpec record must hold the single byte 1, not {} bytes",
                                payload.len()
                            ),
                        ));
                    }
                    if !self.joiner.is_empty() {
                        return Err(Error::unexpected("ChangeCipherSpec arrived in the middle of a handshake message"));
                    }
                    self.announce(Step::ChangeCipherSpec, Traced::ChangeCipherSpec, &[1]);
                    self.dispatch(Message::ChangeCipherSpec)?;
                    self.awaiting_finished = true;
                }
                ContentType::Unknown(t) => {
                    return Err(Error::unexpected(format!("a record has unknown content type {t}")));
                }
            }
        }
        Ok(())
    }

    fn handle_alert(&mut self, level: AlertLevel, description: AlertDescription) -> Result<(), Error> {
        match (level, description) {
            (_, AlertDescription::CloseNotify) => {
                self.received_close_notify = true;
                Ok(())
            }
            (AlertLevel::Fatal, _) => Err(Error::alert_received(description)),
            // It answers a renegotiation request, and we never make one: as OpenSSL,
            // the handshake (or the connection) ends with handshake_failure.
            (AlertLevel::Warning, AlertDescription::NoRenegotiation) => Err(Error::fatal(
                AlertDescription::HandshakeFailure,
                Reason::NO_RENEGOTIATION,
                "the peer sent a no_renegotiation alert, but no renegotiation was asked for",
            )),
            (AlertLevel::Warning, _) => self.flood.warning_alert(),
            (AlertLevel::Unknown(_), _) => {
                Err(Error::illegal(Reason::UNKNOWN_ALERT_TYPE, "an alert has an unknown level"))
            }
        }
    }

    /// Reports a step that arrived (while handshaking) and traces it.
    fn announce(&mut self, step: Step, what: Traced, bytes: &[u8]) {
        if self.is_handshaking() {
            self.hooks.progress(Progress::Received(step));
        }
        self.hooks.trace(false, TLS12, what, bytes);
    }

    fn dispatch(&mut self, message: Message) -> Result<(), Error> {
        let state = self.state.take().ok_or_else(|| Error::internal("the handshake has no state"))?;
        let was_connected = state.is_connected();
        let mut cx = self.context();
        let next = state.handle(&mut cx, message)?;
        let sent_step = cx.sent_step;
        if next.is_connected() && !was_connected {
            self.hooks.progress(Progress::Completed);
        } else if sent_step {
            self.hooks.progress(Progress::Waiting);
        }
        self.state = Some(next);
        Ok(())
    }

    /// Bytes waiting to be sent to the network.
    pub fn pending_tls(&self) -> &[u8] {
        self.record.pending_output()
    }

    /// Marks `n` bytes of `pending_tls` as sent.
    pub fn consume_tls(&mut self, n: usize) {
        self.record.consume_output(n);
        self.release_handshake_buffers();
    }

    /// Once the handshake is over, frees the buffers its flights grew as soon as they
    /// hold nothing (the next record needs far less than a certificate chain).
    fn release_handshake_buffers(&mut self) {
        if self.handshake_buffers && !self.is_handshaking() && self.joiner.is_empty() {
            self.joiner = HandshakeJoiner::default();
            self.handshake_buffers = !self.record.release_idle_buffers();
        }
    }

    /// Frees idle buffer memory (`SSL_MODE_RELEASE_BUFFERS`).
    pub fn release_buffers(&mut self) {
        self.record.release_idle_buffers();
    }

    /// Encrypts application data. Fails while the handshake is in progress, after a
    /// fatal error and after close_notify was sent. Returns the bytes taken (all of them).
    pub fn write_plaintext(&mut self, data: &[u8]) -> Result<usize, Error> {
        if let Some(e) = &self.fatal {
            return Err(e.clone());
        }
        if self.sent_close_notify {
            return Err(Error::local(Reason::PROTOCOL_IS_SHUTDOWN, "close_notify was already sent"));
        }
        if self.is_handshaking() {
            return Err(Error::local(Reason::UNINITIALIZED, "the handshake has not finished"));
        }
        if !data.is_empty() {
            self.context().send_records(ContentType::ApplicationData, data)?;
        }
        Ok(data.len())
    }

    /// Copies decrypted application data into `buf`; returns how many bytes.
    pub fn read_plaintext(&mut self, buf: &mut [u8]) -> usize {
        let n = self.record.peek_plaintext(buf);
        self.record.consume_plaintext(n);
        n
    }

    /// Copies decrypted application data into `buf` and leaves it to be read again;
    /// returns how many bytes.
    pub fn peek_plaintext(&self, buf: &mut [u8]) -> usize {
        self.record.peek_plaintext(buf)
    }

    /// Reports to the hooks that a call that ran the handshake returns.
    pub(crate) fn report_return(&mut self, complete: bool) {
        self.hooks.progress(Progress::Returned { complete });
    }

    /// Drops the decrypted application data not read yet.
    pub fn discard_plaintext(&mut self) {
        self.record.discard_plaintext();
    }

    /// Decrypted application data waiting to be read.
    pub fn plaintext_pending(&self) -> usize {
        self.record.plaintext_len()
    }

    /// Whether the handshake has not finished yet.
    pub fn is_handshaking(&self) -> bool {
        !self.state.as_ref().is_some_and(|s| s.is_connected())
    }

    /// Queues a close_notify alert (once; not after a fatal error).
    pub fn send_close_notify(&mut self) {
        if self.sent_close_notify || self.fatal.is_some() {
            return;
        }
        self.sent_close_notify = true;
        if let Err(e) = self.context().send_alert(AlertLevel::Warning, AlertDescription::CloseNotify) {
            self.fail(e);
        }
    }

    /// Whether we already queued close_notify.
    pub fn sent_close_notify(&self) -> bool {
        self.sent_close_notify
    }

    /// Whether the peer sent close_notify.
    pub fn received_close_notify(&self) -> bool {
        self.received_close_notify
    }

    /// The fatal error that ended this connection, if one did.
    pub fn fatal_error(&self) -> Option<&Error> {
        self.fatal.as_ref()
    }

    /// The negotiated protocol version (0x0303) once the ServerHello is through.
    pub fn protocol_version(&self) -> Option<u16> {
        self.info.version
    }

    /// The negotiated suite.
    pub fn suite(&self) -> Option<&'static Suite> {
        self.info.suite
    }

    /// The key exchange group.
    pub fn group(&self) -> Option<NamedGroup> {
        self.info.group
    }

    /// The signature scheme the peer signed with.
    pub fn peer_signature_scheme(&self) -> Option<SignatureScheme> {
        self.info.peer_scheme
    }

    /// The ALPN protocol agreed on.
    pub fn alpn_protocol(&self) -> Option<&[u8]> {
        self.info.alpn.as_deref()
    }

    /// Client: the SNI name sent. Server: the SNI name received.
    pub fn server_name(&self) -> Option<&str> {
        self.info.server_name.as_deref()
    }

    /// The peer's certificate chain, leaf first (empty if it sent none).
    pub fn peer_certificates(&self) -> &[CertificateDer<'static>] {
        &self.info.peer_certificates
    }

    /// The result of checking the peer's chain (`X509_V_OK` before it is checked).
    pub fn verify_result(&self) -> VerifyResult {
        self.info.verify_result.unwrap_or(VerifyResult::OK)
    }

    /// Whether RFC 7627 extended master secret is in use.
    pub fn extended_master_secret(&self) -> bool {
        self.info.extended_master_secret
    }

    /// Whether the peer supports secure renegotiation (RFC 5746).
    pub fn secure_renegotiation(&self) -> bool {
        self.info.secure_renegotiation
    }

    /// Our Finished verify_data (empty before we sent it).
    pub fn our_finished(&self) -> &[u8] {
        &self.info.our_finished
    }

    /// The peer's Finished verify_data (empty before it arrived).
    pub fn peer_finished(&self) -> &[u8] {
        &self.info.peer_finished
    }

    /// Keying material for the application (RFC 5705, `SSL_export_keying_material`):
    /// fills `out` from the label and the optional context. Fails before the handshake
    /// is over.
    pub fn export_keying_material(&self, out: &mut [u8], label: &[u8], context: Option<&[u8]>) -> Result<(), Error> {
        let secrets =
            self.info.secrets.as_ref().ok_or_else(|| {
                Error::local(Reason::UNINITIALIZED, "keying material exists only after the handshake")
            })?;
        secrets.master.export(secrets.suite, label, context, &secrets.client_random, &secrets.server_random, out)
    }

    /// The session this connection made or resumed (once the handshake is over).
    pub fn session(&self) -> Option<&Arc<Session>> {
        self.info.session.as_ref()
    }

    /// Whether the handshake resumed a session.
    pub fn session_reused(&self) -> bool {
        self.info.resumed
    }

    /// The PSK identity (client: the one sent; server: the one the client named).
    pub fn psk_identity(&self) -> Option<&[u8]> {
        self.info.psk_identity.as_deref()
    }

    /// Client: the PSK identity hint the server sent.
    pub fn psk_identity_hint(&self) -> Option<&[u8]> {
        self.info.psk_identity_hint.as_deref()
    }

    /// Client: the OCSP response the server stapled (empty if it was asked and stapled
    /// nothing; none if it was not asked).
    pub fn ocsp_response(&self) -> Option<&[u8]> {
        self.info.ocsp_response.as_deref()
    }

    /// Whether CBC records use encrypt-then-MAC (RFC 7366).
    pub fn encrypt_then_mac(&self) -> bool {
        self.info.secrets.as_ref().is_some_and(|s| s.encrypt_then_mac)
    }

    /// The configuration in force (it changes when the SNI callback switches it).
    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }
}

#[cfg(test)]
mod tests {
    //! Our client against our server, for every suite and group. Interop with OpenSSL is
    //! tested in tests/.
    use super::*;
    use crate::config::{CertSlots, VerifyMode};
    use crate::keys::{self, CertifiedKey};
    use crate::verify::RootStore;
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    fn cert_dir() -> &'static Path {
        static DIR: OnceLock<PathBuf> = OnceLock::new();
        DIR.get_or_init(|| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let dir = root.join("target/test-certs");
            let status = std::process::Command::new("bash")
                .arg(root.join("tests/gen-certs.sh"))
                .arg(&dir)
                .stdout(std::process::Stdio::null())
                .status()
                .expect("tests/gen-certs.sh runs");
            assert!(status.success(), "generating test certificates failed");
            dir
        })
    }

    fn certified(name: &str) -> Arc<CertifiedKey> {
        let dir = cert_dir();
        let chain = keys::certs_from_pem_file(&dir.join(format!("{name}-chain.pem"))).unwrap();
        let key = keys::key_from_pem_file(&dir.join(format!("{name}.key"))).unwrap();
        Arc::new(CertifiedKey::new(chain, key).unwrap())
    }

    pub(super) fn server_config() -> Config {
        let mut config = Config::default();
        config.certs.rsa = Some(certified("rsa"));
        config.certs.ecdsa = Some(certified("ecdsa"));
        config
    }

    pub(super) fn client_config() -> Config {
        let mut roots = RootStore::default();
        roots.add_pem_file(&cert_dir().join("ca.pem")).unwrap();
        Config {
            roots: Arc::new(roots),
            verify_mode: VerifyMode { peer: true, ..VerifyMode::default() },
            ..Config::default()
        }
    }

    /// Moves what `from` has to say to `to`; returns whether anything moved.
    fn transfer(from: &mut Connection, to: &mut Connection) -> Result<bool, Error> {
        let n = to.read_tls(from.pending_tls());
        from.consume_tls(n);
        to.process_new_packets()?;
        Ok(n > 0)
    }

    /// Moves bytes both ways until neither side has anything to say.
    fn pump(client: &mut Connection, server: &mut Connection) -> Result<(), Error> {
        while transfer(client, server)? | transfer(server, client)? {}
        Ok(())
    }

    /// Both ends' PSK callbacks for tests: the client uses identity "device-7" with a
    /// fixed key; the server knows "device-7" under `server_key`.
    struct TestPsk {
        server_key: Vec<u8>,
    }

    const PSK_KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    impl Hooks for TestPsk {
        fn has_psk(&self) -> bool {
            true
        }

        fn psk_client(&mut self, hint: Option<&[u8]>) -> Option<crate::handshake::key_agreement::Psk> {
            assert_eq!(hint.unwrap_or_default(), b"hint for devices".as_slice());
            Some(crate::handshake::key_agreement::Psk {
                identity: b"device-7".to_vec(),
                key: zeroize::Zeroizing::new(PSK_KEY.to_vec()),
            })
        }

        fn psk_server(&mut self, identity: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
            (identity == b"device-7").then(|| zeroize::Zeroizing::new(self.server_key.clone()))
        }
    }

    /// A handshake with PSK callbacks on both sides.
    fn psk_pair(suite: &'static Suite, server_key: &[u8]) -> (Connection, Connection) {
        let client = Config { suites: vec![suite], ..client_config() };
        let hint = Some(b"hint for devices".to_vec());
        let server = Config { psk_identity_hint: hint, ..server_config() };
        let hooks = Box::new(TestPsk { server_key: Vec::new() });
        let host = Some("localhost");
        let client = Connection::new_client_with_hooks(Arc::new(client), host, host, None, hooks).unwrap();
        let mut server = Connection::new_server(Arc::new(server)).unwrap();
        server.set_hooks(Box::new(TestPsk { server_key: server_key.to_vec() }));
        (client, server)
    }

    /// Runs a handshake and a transfer each way; returns both ends.
    #[test]
    fn a_lone_leaf_goes_out_with_the_extra_chain_certificates() {
        let full = certified("rsa");
        let leaf_only = Arc::new(CertifiedKey { chain: full.chain[..1].to_vec(), key: Arc::clone(&full.key) });
        let certs = CertSlots { rsa: Some(leaf_only), ..CertSlots::default() };
        let without = Config { certs: certs.clone(), ..Config::default() };
        let mut client = Connection::new_client(Arc::new(client_config()), Some("localhost"), None).unwrap();
        let mut server = Connection::new_server(Arc::new(without)).unwrap();
        let refused = pump(&mut client, &mut server).unwrap_err();
        assert_eq!(refused.reason, Reason::CERTIFICATE_VERIFY_FAILED, "the root alone cannot vouch for the leaf");

        let with = Config { certs, extra_chain_certs: full.chain[1..].to_vec(), ..Config::default() };
        let (client, _) = connect(client_config(), with);
        assert_eq!(client.peer_certificates(), full.chain.as_slice());
    }

    #[test]
    fn a_change_cipher_spec_of_the_wrong_shape_is_named_as_openssl_names_it() {
        let mut client = Connection::new_client(Arc::new(client_config()), Some("localhost"), None).unwrap();
        let mut server = Connection::new_server(Arc::new(server_config())).unwrap();
        transfer(&mut client, &mut server).unwrap();
        server.read_tls(&[20, 3, 3, 0, 2, 1, 1]);
        let e = server.process_new_packets().unwrap_err();
        assert_eq!((e.reason, e.alert), (Reason::BAD_CHANGE_CIPHER_SPEC, Some(AlertDescription::UnexpectedMessage)));
    }

    fn connect(client_config: Config, server_config: Config) -> (Connection, Connection) {
        let client = Connection::new_client(Arc::new(client_config), Some("localhost"), Some("localhost")).unwrap();
        let server = Connection::new_server(Arc::new(server_config)).unwrap();
        exchange(client, server)
    }

    /// Completes the handshake between `client` and `server` and moves data both ways.
    fn exchange(mut client: Connection, mut server: Connection) -> (Connection, Connection) {
        pump(&mut client, &mut server).unwrap();
        assert!(!client.is_handshaking() && !server.is_handshaking());
        client.write_plaintext(b"ping").unwrap();
        server.write_plaintext(&vec![7u8; 40000]).unwrap();
        pump(&mut client, &mut server).unwrap();
        let mut buf = [0u8; 64];
        assert_eq!(server.read_plaintext(&mut buf), 4);
        assert_eq!(&buf[..4], b"ping");
        assert_eq!(client.plaintext_pending(), 40000);
        (client, server)
    }

    #[test]
    fn every_suite_between_our_client_and_server() {
        use crate::suites::{KeyExchange, Mac};
        for suite in crate::suites::ALL_SUITES.iter().filter(|s| !s.kx.uses_psk()) {
            let groups: &[NamedGroup] = match suite.kx {
                KeyExchange::Ecdhe => &[NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1],
                KeyExchange::Dhe => &[NamedGroup::Ffdhe2048, NamedGroup::Ffdhe3072],
                _ => &[NamedGroup::X25519],
            };
            for &group in groups {
                for etm in [true, false] {
                    let options = crate::config::Options { encrypt_then_mac: etm, ..Default::default() };
                    // The ECDSA certificate's curve must be acceptable too (RFC 8422 5.1).
                    let groups = vec![group, NamedGroup::Secp256r1];
                    let client = Config { suites: vec![suite], groups, options, ..client_config() };
                    let (client, server) = connect(client, server_config());
                    assert_eq!(client.suite(), Some(suite));
                    assert_eq!(server.suite(), Some(suite));
                    if suite.kx != KeyExchange::Rsa {
                        assert_eq!(server.group(), Some(group), "{}", suite.openssl_name);
                        assert_eq!(client.group(), Some(group), "{}", suite.openssl_name);
                    }
                    assert!(client.extended_master_secret());
                    assert_eq!(server.server_name(), Some("localhost"));
                    assert_eq!(client.encrypt_then_mac(), etm && suite.mac != Mac::Aead, "{}", suite.openssl_name);
                    assert_eq!(server.encrypt_then_mac(), client.encrypt_then_mac());
                }
            }
        }
    }

    #[test]
    fn every_psk_suite_between_our_client_and_server() {
        for suite in crate::suites::ALL_SUITES.iter().filter(|s| s.kx.uses_psk()) {
            let (client, server) = psk_pair(suite, PSK_KEY);
            let (client, server) = exchange(client, server);
            assert_eq!(server.suite(), Some(suite));
            assert_eq!(server.psk_identity(), Some(b"device-7".as_slice()));
            assert_eq!(client.psk_identity_hint(), Some(b"hint for devices".as_slice()));
            assert_eq!(client.peer_certificates().is_empty(), suite.auth == crate::suites::Authentication::Psk);
        }
    }

    #[test]
    fn psk_failures_get_the_right_alerts() {
        let suite = crate::suites::by_name("PSK-AES128-GCM-SHA256").unwrap();
        // A wrong key shows up as a Finished the server cannot check.
        let (mut client, mut server) = psk_pair(suite, b"another key entirely");
        let err = pump(&mut client, &mut server).unwrap_err();
        assert!(matches!(err.alert, Some(AlertDescription::DecryptError | AlertDescription::BadRecordMac)), "{err}");
        // An identity the server does not know: it takes PSK suites but knows no key.
        struct NoIdentityKnown;
        impl Hooks for NoIdentityKnown {
            fn has_psk(&self) -> bool {
                true
            }
        }
        let (mut client, mut server) = psk_pair(suite, PSK_KEY);
        server.set_hooks(Box::new(NoIdentityKnown));
        let err = pump(&mut client, &mut server).unwrap_err();
        assert_eq!(err.alert, Some(AlertDescription::UnknownPskIdentity));
        // A client without PSK callbacks does not offer PSK suites at all.
        let config = Config { suites: vec![suite], ..client_config() };
        assert!(Connection::new_client(Arc::new(config), None, None).is_err());
    }

    #[test]
    fn exported_keying_material_agrees_and_depends_on_label_and_context() {
        let (client, server) = connect(client_config(), server_config());
        let export = |conn: &Connection, label: &[u8], context: Option<&[u8]>| {
            let mut out = [0u8; 42];
            conn.export_keying_material(&mut out, label, context).unwrap();
            out
        };
        assert_eq!(export(&client, b"EXPERIMENTAL x", None), export(&server, b"EXPERIMENTAL x", None));
        assert_ne!(export(&client, b"EXPERIMENTAL x", None), export(&client, b"EXPERIMENTAL y", None));
        assert_ne!(export(&client, b"EXPERIMENTAL x", Some(b"")), export(&client, b"EXPERIMENTAL x", None));
        assert_eq!(client.our_finished(), server.peer_finished());
        assert_eq!(client.peer_finished(), server.our_finished());
    }

    #[test]
    fn a_stapled_ocsp_response_reaches_a_client_that_asks() {
        let response = b"not really DER, but opaque to TLS".to_vec();
        let server = Config { ocsp_response: Some(response.clone()), ..server_config() };
        let (client, _) = connect(Config { request_ocsp: true, ..client_config() }, server.clone());
        assert_eq!(client.ocsp_response(), Some(response.as_slice()));
        let (client, _) = connect(client_config(), server);
        assert_eq!(client.ocsp_response(), None);
        let (client, _) = connect(Config { request_ocsp: true, ..client_config() }, server_config());
        assert_eq!(client.ocsp_response(), Some(&[][..]));
    }

    #[test]
    fn client_certificates_are_requested_sent_and_verified() {
        let mut roots = RootStore::default();
        roots.add_pem_file(&cert_dir().join("ca.pem")).unwrap();
        let required = VerifyMode { peer: true, fail_if_no_peer_cert: true, ..VerifyMode::default() };
        let server = Config { verify_mode: required, roots: Arc::new(roots), ..server_config() };
        let mut client = client_config();
        client.certs.rsa = Some(certified("client"));
        let (_, server_end) = connect(client, server.clone());
        assert_eq!(server_end.peer_certificates().len(), 2);
        assert_eq!(server_end.verify_result(), VerifyResult::OK);

        let mut client = Connection::new_client(Arc::new(client_config()), None, None).unwrap();
        let mut server = Connection::new_server(Arc::new(server)).unwrap();
        let err = pump(&mut client, &mut server).unwrap_err();
        assert_eq!(err.reason, Reason::PEER_DID_NOT_RETURN_A_CERTIFICATE);
    }

    #[test]
    fn ed25519_certificates_serve_ecdsa_suites() {
        // Only an Ed25519 certificate: ECDSA suites use it, RSA suites are not possible.
        let mut server = Config::default();
        server.certs.ed25519 = Some(certified("ed25519"));
        let (client, server_end) = connect(client_config(), server.clone());
        assert_eq!(client.suite().map(|s| s.auth), Some(crate::suites::Authentication::Ecdsa));
        assert_eq!(client.peer_signature_scheme(), Some(SignatureScheme::Ed25519));
        assert_eq!(client.verify_result(), VerifyResult::OK);
        assert_eq!(server_end.suite(), client.suite());
        // Beside an ECDSA certificate, the first scheme in the client's list decides.
        server.certs.ecdsa = Some(certified("ecdsa"));
        let (client, _) = connect(client_config(), server.clone());
        assert_eq!(client.peer_signature_scheme(), Some(SignatureScheme::EcdsaSecp256r1Sha256));
        let ed_first = vec![SignatureScheme::Ed25519, SignatureScheme::EcdsaSecp256r1Sha256];
        let (client, _) = connect(Config { sigalgs: ed_first, ..client_config() }, server.clone());
        assert_eq!(client.peer_signature_scheme(), Some(SignatureScheme::Ed25519));
        // A client that does not take ed25519 gets the ECDSA certificate, or nothing.
        let no_ed = vec![SignatureScheme::EcdsaSecp256r1Sha256, SignatureScheme::RsaPssRsaeSha256];
        let (client, _) = connect(Config { sigalgs: no_ed.clone(), ..client_config() }, server.clone());
        assert_eq!(client.peer_signature_scheme(), Some(SignatureScheme::EcdsaSecp256r1Sha256));
        server.certs.ecdsa = None;
        let mut client =
            Connection::new_client(Arc::new(Config { sigalgs: no_ed, ..client_config() }), None, None).unwrap();
        let mut server = Connection::new_server(Arc::new(server)).unwrap();
        let err = pump(&mut client, &mut server).unwrap_err();
        assert_eq!(err.reason, Reason::NO_SHARED_CIPHER);
    }

    /// Server hooks that accept any client chain (the Ed25519 test leaf is for
    /// serverAuth), so that the CertificateVerify is what the test checks.
    struct AcceptAnyChain;

    impl Hooks for AcceptAnyChain {
        fn verify_peer(&mut self, _: &[CertificateDer<'static>], _: VerifyResult) -> VerifyResult {
            VerifyResult::OK
        }
    }

    #[test]
    fn ed25519_client_certificates_sign_the_certificate_verify() {
        let required = VerifyMode { peer: true, fail_if_no_peer_cert: true, ..VerifyMode::default() };
        let server = Config { verify_mode: required, ..server_config() };
        let mut client = client_config();
        client.certs.ed25519 = Some(certified("ed25519"));
        let client = Connection::new_client(Arc::new(client), Some("localhost"), Some("localhost")).unwrap();
        let mut server = Connection::new_server(Arc::new(server)).unwrap();
        server.set_hooks(Box::new(AcceptAnyChain));
        let (_, server) = exchange(client, server);
        assert_eq!(server.peer_certificates()[0], certified("ed25519").chain[0]);
        assert_eq!(server.peer_signature_scheme(), Some(SignatureScheme::Ed25519));
    }

    #[test]
    fn key_sizes_follow_the_security_level() {
        let rsa_only = |level: u32| {
            let suites = crate::suites::ALL_SUITES.iter().filter(|s| s.auth == crate::suites::Authentication::Rsa);
            Config { suites: suites.collect(), security_level: level, ..client_config() }
        };
        // Level 3: our RSA 2048 certificate is too weak to serve; the ECDSA one still is.
        let server = Config { security_level: 3, ..server_config() };
        let mut client = Connection::new_client(Arc::new(rsa_only(1)), None, None).unwrap();
        let mut server_end = Connection::new_server(Arc::new(server.clone())).unwrap();
        let err = pump(&mut client, &mut server_end).unwrap_err();
        assert_eq!(err.reason, Reason::NO_SHARED_CIPHER);
        let (client, _) = connect(client_config(), server);
        assert_eq!(client.suite().map(|s| s.auth), Some(crate::suites::Authentication::Ecdsa));
        // RSA 4096 is enough for level 3.
        let server = Config {
            security_level: 3,
            certs: CertSlots { rsa: Some(certified("rsa4096")), ..CertSlots::default() },
            ..Config::default()
        };
        connect(rsa_only(3), server);
        // A level 3 client fails the server's RSA 2048 leaf as OpenSSL does (code 66,
        // bad_certificate); without verification it only records the result.
        let mut client = Connection::new_client(Arc::new(rsa_only(3)), Some("localhost"), Some("localhost")).unwrap();
        let mut server_end = Connection::new_server(Arc::new(server_config())).unwrap();
        let err = pump(&mut client, &mut server_end).unwrap_err();
        assert_eq!(err.alert, Some(AlertDescription::BadCertificate));
        assert_eq!(client.verify_result().error, Some(crate::verify_error::VerifyError::EE_KEY_TOO_SMALL));
        let unverified = Config { verify_mode: VerifyMode::default(), ..rsa_only(3) };
        let (client, _) = connect(unverified, server_config());
        assert_eq!(client.verify_result().error, Some(crate::verify_error::VerifyError::EE_KEY_TOO_SMALL));
        // Level 2 takes RSA 2048.
        let (client, _) = connect(rsa_only(2), server_config());
        assert_eq!(client.verify_result(), VerifyResult::OK);
    }

    #[test]
    fn a_client_without_signature_algorithms_gets_sha1_only_at_level_0() {
        let rsa_suites = crate::suites::ALL_SUITES.iter().filter(|s| s.auth == crate::suites::Authentication::Rsa);
        let rsa_signed = rsa_suites.filter(|s| s.kx.is_signed()).collect::<Vec<_>>();
        let client = Arc::new(Config { suites: rsa_signed, sigalgs: Vec::new(), ..client_config() });
        let attempt = |level: u32| {
            let server = Config { security_level: level, ..server_config() };
            let mut client = Connection::new_client(Arc::clone(&client), None, None).unwrap();
            let mut server = Connection::new_server(Arc::new(server)).unwrap();
            let err = pump(&mut client, &mut server).unwrap_err();
            (err, server.fatal_error().cloned())
        };
        // RFC 9155 at level 1: the server refuses.
        let (err, _) = attempt(1);
        assert_eq!(err.reason, Reason::MISSING_SIGALGS_EXTENSION);
        // Level 0: the server signs with SHA-1 (RFC 5246); our client does not take it.
        let (err, server_error) = attempt(0);
        assert!(server_error.is_none(), "{server_error:?}");
        assert_eq!(err.reason, Reason::WRONG_SIGNATURE_TYPE);
        assert!(err.detail.contains("rsa_pkcs1_sha1"), "{err}");
    }

    /// A full handshake and then a resumption attempt with the session it made, against
    /// the same server configuration (and so the same cache and ticket keys).
    fn resume_with(client: Config, server: &Arc<Config>) -> (Connection, Connection, Connection) {
        let client = Arc::new(client);
        let first = Connection::new_client(Arc::clone(&client), Some("localhost"), None).unwrap();
        let (first, _) = exchange(first, Connection::new_server(Arc::clone(server)).unwrap());
        assert!(!first.session_reused());
        let session = first.session().cloned();
        let second = Connection::new_client_resuming(client, Some("localhost"), None, session).unwrap();
        let (second_client, second_server) = exchange(second, Connection::new_server(Arc::clone(server)).unwrap());
        (first, second_client, second_server)
    }

    #[test]
    fn sessions_resume_by_id_when_tickets_are_off() {
        let server = Arc::new(server_config());
        let client =
            Config { options: crate::config::Options { tickets: false, ..Default::default() }, ..client_config() };
        let (first, client, server_end) = resume_with(client, &server);
        assert!(first.session().unwrap().ticket.is_none());
        assert_eq!(first.session().unwrap().id.len(), 32);
        assert!(client.session_reused() && server_end.session_reused());
        assert_eq!(client.session().unwrap().id, first.session().unwrap().id);
        assert_eq!(client.peer_certificates(), first.peer_certificates());
        assert_eq!(server.session_cache.stats().hits, 1);
    }

    #[test]
    fn sessions_resume_by_ticket_and_old_keys_renew_the_ticket() {
        let server = Arc::new(server_config());
        let (first, client, _) = resume_with(client_config(), &server);
        let ticket = first.session().unwrap().ticket.clone().unwrap();
        assert!(client.session_reused());
        // The ticket was not renewed: the current key made it.
        assert_eq!(client.session().unwrap().ticket.as_ref(), Some(&ticket));
        // After a rotation the old ticket still resumes, and a fresh one is issued.
        use crate::session::ticket::TicketKey;
        server.ticket_keys.with(|_| ()).unwrap();
        let keys = server.ticket_keys.with(|k| k.current().to_openssl_bytes()).unwrap();
        let mut rotated = crate::session::ticket::TicketKeys::new(TicketKey::from_openssl_bytes(&keys));
        rotated.rotate(TicketKey::generate().unwrap());
        server.ticket_keys.set(rotated);
        let again = Connection::new_client_resuming(
            Arc::new(client_config()),
            Some("localhost"),
            None,
            first.session().cloned(),
        )
        .unwrap();
        let (again, _) = exchange(again, Connection::new_server(Arc::clone(&server)).unwrap());
        assert!(again.session_reused());
        assert_ne!(again.session().unwrap().ticket.as_ref(), Some(&ticket));
    }

    #[test]
    fn a_foreign_ticket_or_another_context_means_a_full_handshake() {
        let server = Arc::new(server_config());
        let (first, _, _) = resume_with(client_config(), &server);
        let resuming = || {
            Connection::new_client_resuming(
                Arc::new(client_config()),
                Some("localhost"),
                None,
                first.session().cloned(),
            )
            .unwrap()
        };
        // Another server (other ticket keys, empty cache) does not resume.
        let other = Arc::new(server_config());
        let client = resuming();
        let (client, server_end) = exchange(client, Connection::new_server(other).unwrap());
        assert!(!client.session_reused() && !server_end.session_reused());
        assert!(client.session().unwrap().ticket.is_some());
        // Another session ID context on the same server does not resume either.
        let elsewhere = Arc::new(Config { session_id_context: b"other app".to_vec(), ..(*server).clone() });
        let client = resuming();
        let (client, _) = exchange(client, Connection::new_server(elsewhere).unwrap());
        assert!(!client.session_reused());
    }

    #[test]
    fn a_tampered_record_is_bad_record_mac() {
        let (mut client, mut server) = connect(client_config(), server_config());
        client.write_plaintext(b"hello").unwrap();
        let mut record = client.pending_tls().to_vec();
        let last = record.len() - 1;
        record[last] ^= 1;
        server.read_tls(&record);
        let err = server.process_new_packets().unwrap_err();
        assert_eq!(err.alert, Some(AlertDescription::BadRecordMac));
        // The alert goes out encrypted, and the client reads it as a fatal alert.
        client.consume_tls(usize::MAX);
        client.read_tls(server.pending_tls());
        let seen = client.process_new_packets().unwrap_err();
        assert_eq!(seen.reason, Reason::ALERT_RECEIVED(AlertDescription::BadRecordMac));
    }
}

//! The handshake: client and server state machines (RFC 5246 7.3), the transcript and
//! the key schedule. Each state is its own type; handling a message consumes the state
//! and returns the next one, so a message a state does not expect cannot be handled by
//! accident: it is an `unexpected_message` alert, decided in [`unexpected`]. A message
//! that may or may not come is an either-or state (`ExpectCertificateStatusOrServerKx`,
//! `ExpectNewTicketOrChangeCipherSpec`, ...) that names every message it takes. What a
//! state needs travels with it by value ([`common::HandshakeCommon`] on both sides);
//! [`HandshakeInfo`] is only where the states publish what the application may ask about.

pub mod client;
pub mod common;
pub mod hooks;
pub mod key_agreement;
pub mod key_schedule;
pub mod resumption;
pub mod server;
pub mod sigalgs;
pub mod transcript;

use crate::config::Config;
use crate::error::{Error, Reason};
use crate::msgs::enums::{
    AlertDescription, AlertLevel, ContentType, HandshakeType, NamedGroup, SignatureScheme, TLS12,
};
use crate::msgs::handshake::encode_handshake;
use crate::record::joiner::HandshakeMessage;
use crate::record::RecordLayer;
use crate::session::Session;
use crate::suites::Suite;
use crate::verify::{self, Purpose, VerifyResult};
use hooks::{Hooks, Progress, Step, Traced};
use key_schedule::{MasterSecret, Side, VERIFY_DATA_LEN};
use rustls_pki_types::CertificateDer;
use std::sync::Arc;
use transcript::Transcript;

/// What the handshake found out, for the application to ask about. The states write it
/// as they learn each thing and never read it back.
#[derive(Default)]
pub struct HandshakeInfo {
    /// The negotiated version.
    pub version: Option<u16>,
    /// The negotiated suite.
    pub suite: Option<&'static Suite>,
    /// The ECDHE group.
    pub group: Option<NamedGroup>,
    /// The scheme the peer signed with.
    pub peer_scheme: Option<SignatureScheme>,
    /// The agreed ALPN protocol.
    pub alpn: Option<Vec<u8>>,
    /// The SNI name (sent by a client, received by a server).
    pub server_name: Option<String>,
    /// The peer's chain, leaf first.
    pub peer_certificates: Vec<CertificateDer<'static>>,
    /// The outcome of checking the peer's chain.
    pub verify_result: Option<VerifyResult>,
    /// Whether extended master secret is in use.
    pub extended_master_secret: bool,
    /// Whether the peer supports RFC 5746.
    pub secure_renegotiation: bool,
    /// Our Finished verify_data.
    pub our_finished: Vec<u8>,
    /// The peer's Finished verify_data.
    pub peer_finished: Vec<u8>,
    /// The PSK identity (client: the one sent; server: the one received).
    pub psk_identity: Option<Vec<u8>>,
    /// The server's PSK identity hint (client: as received).
    pub psk_identity_hint: Option<Vec<u8>>,
    /// Whether the handshake resumed a session.
    pub resumed: bool,
    /// The session this connection made or resumed.
    pub session: Option<Arc<crate::session::Session>>,
    /// The OCSP response the server stapled.
    pub ocsp_response: Option<Vec<u8>>,
    /// The session's secrets once the handshake is over (for the keying material exporter).
    pub secrets: Option<Secrets>,
}

/// A message for the state machine: a whole handshake message or a ChangeCipherSpec.
pub enum Message {
    /// A handshake message.
    Handshake(HandshakeMessage),
    /// A ChangeCipherSpec.
    ChangeCipherSpec,
}

impl Message {
    /// The step of the handshake this message is.
    fn step(&self) -> Step {
        match self {
            Message::Handshake(m) => Step::Message(m.typ),
            Message::ChangeCipherSpec => Step::ChangeCipherSpec,
        }
    }

    fn describe(&self) -> String {
        step_name(self.step())
    }
}

/// A step's name, as error messages spell it.
fn step_name(step: Step) -> String {
    match step {
        Step::Message(typ) => typ.text(),
        Step::ChangeCipherSpec => "ChangeCipherSpec".to_string(),
    }
}

/// What a state may touch while it handles a message.
pub struct Context<'a> {
    /// The record layer: where messages go and keys are installed.
    pub record: &'a mut RecordLayer,
    /// What the handshake found out.
    pub info: &'a mut HandshakeInfo,
    /// The configuration in force (the SNI callback may replace it).
    pub config: &'a mut Arc<Config>,
    /// The application's decisions.
    pub hooks: &'a mut dyn Hooks,
    /// Whether a handshake message or ChangeCipherSpec was sent through this context.
    pub sent_step: bool,
}

impl Context<'_> {
    /// Queues `data` as records of `content_type`, tracing each record's header.
    pub fn send_records(&mut self, content_type: ContentType, data: &[u8]) -> Result<(), Error> {
        let hooks = &mut *self.hooks;
        self.record
            .send(content_type, data, &mut |version, header| hooks.trace(true, version, Traced::RecordHeader, header))
    }

    /// Sends one step of the handshake: announces it, queues it and traces it.
    fn send_step(&mut self, step: Step, content_type: ContentType, what: Traced, bytes: &[u8]) -> Result<(), Error> {
        self.hooks.progress(Progress::Sending(step));
        self.sent_step = true;
        self.send_records(content_type, bytes)?;
        self.hooks.trace(true, TLS12, what, bytes);
        Ok(())
    }

    /// Sends a handshake message and adds it to the transcript.
    pub fn send_handshake(
        &mut self,
        transcript: &mut Transcript,
        typ: HandshakeType,
        body: &[u8],
    ) -> Result<(), Error> {
        let encoded = encode_handshake(typ, body);
        transcript.add(&encoded);
        self.send_step(Step::Message(typ), ContentType::Handshake, Traced::Handshake, &encoded)
    }

    /// Sends ChangeCipherSpec and switches our direction to the new keys.
    pub fn send_change_cipher_spec(&mut self) -> Result<(), Error> {
        self.send_step(Step::ChangeCipherSpec, ContentType::ChangeCipherSpec, Traced::ChangeCipherSpec, &[1])?;
        self.record.start_encrypting()
    }

    /// Queues an alert for the peer and reports it.
    pub fn send_alert(&mut self, level: AlertLevel, description: AlertDescription) -> Result<(), Error> {
        let alert = [u8::from(level), u8::from(description)];
        self.send_records(ContentType::Alert, &alert)?;
        self.hooks.trace(true, TLS12, Traced::Alert, &alert);
        self.hooks.progress(Progress::Alert { sent: true, level, description });
        Ok(())
    }

    /// Checks the peer's `chain` (not empty), lets the application have its say,
    /// publishes the chain and the result, and aborts with the matching alert when
    /// verification is required and failed. Returns the result.
    pub fn check_peer_chain(
        &mut self,
        chain: &[CertificateDer<'static>],
        purpose: Purpose,
        host: Option<&str>,
    ) -> Result<VerifyResult, Error> {
        self.info.peer_certificates = chain.to_vec();
        let params = verify::VerifyParams {
            purpose,
            host,
            max_depth: self.config.verify_depth,
            flags: self.config.verify_flags,
        };
        let computed = verify::verify_chain(&self.config.roots, chain, &params);
        let computed = verify::check_key_level(chain, self.config.security_level, computed);
        let result = self.hooks.verify_peer(chain, computed);
        self.info.verify_result = Some(result);
        if !result.is_ok() && self.config.verify_mode.peer {
            return Err(Error::fatal(result.alert(), Reason::CERTIFICATE_VERIFY_FAILED, result.text()));
        }
        Ok(result)
    }
}

/// One state of a handshake (or the connected state after it).
pub trait State: Send {
    /// Handles `msg` and returns the next state.
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error>;

    /// Whether the handshake is over.
    fn is_connected(&self) -> bool {
        false
    }
}

/// The `unexpected_message` error for `received` in a state that takes only the steps
/// in `expected` ("expected CertificateStatus or ServerKeyExchange, received
/// ServerHelloDone").
pub fn unexpected(expected: &[Step], received: &Message) -> Error {
    let names: Vec<String> = expected.iter().map(|step| step_name(*step)).collect();
    let wanted = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "nothing".to_string(),
    };
    Error::unexpected(format!("expected {wanted}, received {}", received.describe()))
}

/// Takes the handshake message of type `typ` out of `msg`, or fails with
/// `unexpected_message`.
pub fn expect(msg: Message, typ: HandshakeType) -> Result<HandshakeMessage, Error> {
    match msg {
        Message::Handshake(m) if m.typ == typ => Ok(m),
        other => Err(unexpected(&[Step::Message(typ)], &other)),
    }
}

/// Fails with `unexpected_message` unless `msg` is a ChangeCipherSpec.
pub fn expect_change_cipher_spec(msg: Message) -> Result<(), Error> {
    match msg {
        Message::ChangeCipherSpec => Ok(()),
        other => Err(unexpected(&[Step::ChangeCipherSpec], &other)),
    }
}

/// The keys of a handshake once the master secret is known.
pub struct Secrets {
    /// The negotiated suite.
    pub suite: &'static Suite,
    /// The master secret.
    pub master: MasterSecret,
    /// client_random.
    pub client_random: [u8; 32],
    /// server_random.
    pub server_random: [u8; 32],
    /// Whether CBC records use encrypt-then-MAC (RFC 7366).
    pub encrypt_then_mac: bool,
}

impl Secrets {
    /// The secrets of an abbreviated handshake: `session`'s master secret with this
    /// handshake's randoms.
    pub fn resumed(
        session: &Session,
        client_random: [u8; 32],
        server_random: [u8; 32],
        encrypt_then_mac: bool,
    ) -> Secrets {
        Secrets {
            suite: session.suite,
            master: MasterSecret::from_session(&session.master_secret),
            client_random,
            server_random,
            encrypt_then_mac,
        }
    }

    /// Logs the master secret (the key log callback) and installs the record keys as
    /// pending in the record layer.
    pub fn activate(&self, cx: &mut Context<'_>, side: Side) -> Result<(), Error> {
        cx.hooks.key_log("CLIENT_RANDOM", &self.client_random, self.master.secret_bytes());
        let (client, server) =
            self.master.record_keys(self.suite, &self.client_random, &self.server_random, self.encrypt_then_mac)?;
        match side {
            Side::Client => cx.record.set_pending_keys(client, server),
            Side::Server => cx.record.set_pending_keys(server, client),
        }
        Ok(())
    }

    /// Sends our Finished.
    pub fn send_finished(&self, cx: &mut Context<'_>, transcript: &mut Transcript, side: Side) -> Result<(), Error> {
        let data = self.master.verify_data(self.suite, side, &transcript.hash(self.suite.prf));
        cx.info.our_finished = data.to_vec();
        cx.send_handshake(transcript, HandshakeType::Finished, &data)
    }

    /// Checks the peer's Finished (in constant time) and adds it to the transcript.
    pub fn check_finished(
        &self,
        cx: &mut Context<'_>,
        transcript: &mut Transcript,
        side: Side,
        msg: Message,
    ) -> Result<(), Error> {
        let msg = expect(msg, HandshakeType::Finished)?;
        if msg.body().len() != VERIFY_DATA_LEN {
            return Err(Error::decode("Finished has the wrong length"));
        }
        let expected = self.master.verify_data(self.suite, side, &transcript.hash(self.suite.prf));
        if !crate::crypto::constant_time_eq(&expected, msg.body()) {
            return Err(Error::fatal(
                AlertDescription::DecryptError,
                Reason::DIGEST_CHECK_FAILED,
                "the peer's Finished message does not match the handshake",
            ));
        }
        cx.info.peer_finished = msg.body().to_vec();
        transcript.add(&msg.encoded);
        Ok(())
    }
}

/// The state after the handshake: renegotiation is refused politely.
pub struct Connected {
    /// Whether we are the client.
    pub is_client: bool,
}

impl State for Connected {
    fn handle(self: Box<Self>, cx: &mut Context<'_>, msg: Message) -> Result<Box<dyn State>, Error> {
        let renegotiation = match &msg {
            Message::Handshake(m) if self.is_client => m.typ == HandshakeType::HelloRequest,
            Message::Handshake(m) => m.typ == HandshakeType::ClientHello,
            Message::ChangeCipherSpec => false,
        };
        if !renegotiation {
            return Err(Error::unexpected(format!("received {} after the handshake", msg.describe())));
        }
        // RFC 5246 7.2.2: a warning-level no_renegotiation declines the request.
        cx.send_alert(AlertLevel::Warning, AlertDescription::NoRenegotiation)?;
        Ok(self)
    }

    fn is_connected(&self) -> bool {
        true
    }
}

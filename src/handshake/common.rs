//! What a full handshake carries from the hellos to the key exchange, the same on both
//! sides: the transcript, the randoms, the suite, the record options and what the new
//! session will remember. Each state owns it and hands it on by value.

use super::key_schedule::{MasterSecret, Side};
use super::resumption::SessionFacts;
use super::transcript::Transcript;
use super::{Context, Secrets};
use crate::error::Error;
use crate::suites::Suite;

/// The part of a full handshake that the client's and the server's states share.
pub struct HandshakeCommon {
    /// Every handshake message so far.
    pub transcript: Transcript,
    /// ClientHello.random.
    pub client_random: [u8; 32],
    /// ServerHello.random.
    pub server_random: [u8; 32],
    /// The negotiated suite.
    pub suite: &'static Suite,
    /// Whether CBC records use encrypt-then-MAC (RFC 7366).
    pub encrypt_then_mac: bool,
    /// What the session made by this handshake will remember.
    pub session: SessionFacts,
}

impl HandshakeCommon {
    /// Derives the master secret from `premaster` once ClientKeyExchange is the last
    /// message in the transcript (RFC 7627 3: the session hash ends there), logs it and
    /// installs the record keys as pending.
    pub fn derive_secrets(&self, cx: &mut Context<'_>, premaster: &[u8], side: Side) -> Result<Secrets, Error> {
        let session_hash = self.transcript.hash(self.suite.prf);
        let master = MasterSecret::derive(
            self.suite,
            premaster,
            self.session.extended_master_secret.then_some(session_hash.as_slice()),
            &self.client_random,
            &self.server_random,
        );
        let secrets = Secrets {
            suite: self.suite,
            master,
            client_random: self.client_random,
            server_random: self.server_random,
            encrypt_then_mac: self.encrypt_then_mac,
        };
        secrets.activate(cx, side)?;
        Ok(secrets)
    }
}

//! The handshake transcript: every handshake message in order, hashed when a Finished,
//! a CertificateVerify or the extended master secret needs it.

use crate::suites::PrfHash;

/// All handshake messages so far, as sent and received.
#[derive(Default)]
pub struct Transcript {
    messages: Vec<u8>,
}

impl Transcript {
    /// Appends an encoded handshake message (with its header).
    pub fn add(&mut self, encoded: &[u8]) {
        self.messages.extend_from_slice(encoded);
    }

    /// The concatenated messages (what CertificateVerify signs).
    pub fn bytes(&self) -> &[u8] {
        &self.messages
    }

    /// The hash of the messages so far.
    pub fn hash(&self, hash: PrfHash) -> Vec<u8> {
        hash.hash(&self.messages)
    }
}

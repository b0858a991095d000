//! Where a connection's handshake is, followed from the engine's progress events, and
//! the names OpenSSL gives each place (`SSL_state_string`, `SSL_state_string_long`):
//! the last step sent or received, from the side that took it.

use crate::handshake::hooks::{Progress, Step};
use crate::msgs::enums::HandshakeType;
use std::ffi::CStr;

/// Where a connection's handshake is, as OpenSSL names it: after the last step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HandshakeState {
    /// Nothing happened yet.
    #[default]
    Before,
    /// The last step was sent (`sent`) or received.
    After {
        /// Whether we sent it.
        sent: bool,
        /// The step.
        step: Step,
    },
    /// The handshake completed.
    Done,
    /// The connection failed.
    Failed,
}

/// OpenSSL's short and long names for a step a client (`client`) or server took.
fn step_names(client: bool, sent: bool, step: Step) -> Option<(&'static CStr, &'static CStr)> {
    use HandshakeType as H;
    let message = match step {
        Step::ChangeCipherSpec if sent => return Some((c"TWCCS", c"SSLv3/TLS write change cipher spec")),
        Step::ChangeCipherSpec => return Some((c"TRCCS", c"SSLv3/TLS read change cipher spec")),
        Step::Message(m) => m,
    };
    Some(match (client, sent, message) {
        (_, true, H::Finished) => (c"TWFIN", c"SSLv3/TLS write finished"),
        (_, false, H::Finished) => (c"TRFIN", c"SSLv3/TLS read finished"),
        (true, true, H::ClientHello) => (c"TWCH", c"SSLv3/TLS write client hello"),
        (true, true, H::Certificate) => (c"TWCC", c"SSLv3/TLS write client certificate"),
        (true, true, H::ClientKeyExchange) => (c"TWCKE", c"SSLv3/TLS write client key exchange"),
        (true, true, H::CertificateVerify) => (c"TWCV", c"SSLv3/TLS write certificate verify"),
        (true, false, H::HelloRequest) => (c"TRHR", c"SSLv3/TLS read hello request"),
        (true, false, H::ServerHello) => (c"TRSH", c"SSLv3/TLS read server hello"),
        (true, false, H::Certificate) => (c"TRSC", c"SSLv3/TLS read server certificate"),
        (true, false, H::CertificateStatus) => (c"TRCS", c"SSLv3/TLS read certificate status"),
        (true, false, H::ServerKeyExchange) => (c"TRSKE", c"SSLv3/TLS read server key exchange"),
        (true, false, H::CertificateRequest) => (c"TRCR", c"SSLv3/TLS read server certificate request"),
        (true, false, H::ServerHelloDone) => (c"TRSD", c"SSLv3/TLS read server done"),
        (true, false, H::NewSessionTicket) => (c"TRST", c"SSLv3/TLS read server session ticket"),
        (false, true, H::HelloRequest) => (c"TWHR", c"SSLv3/TLS write hello request"),
        (false, true, H::ServerHello) => (c"TWSH", c"SSLv3/TLS write server hello"),
        (false, true, H::Certificate) => (c"TWSC", c"SSLv3/TLS write certificate"),
        (false, true, H::CertificateStatus) => (c"TWCS", c"SSLv3/TLS write certificate status"),
        (false, true, H::ServerKeyExchange) => (c"TWSKE", c"SSLv3/TLS write key exchange"),
        (false, true, H::CertificateRequest) => (c"TWCR", c"SSLv3/TLS write certificate request"),
        (false, true, H::ServerHelloDone) => (c"TWSD", c"SSLv3/TLS write server done"),
        (false, true, H::NewSessionTicket) => (c"TWST", c"SSLv3/TLS write session ticket"),
        (false, false, H::ClientHello) => (c"TRCH", c"SSLv3/TLS read client hello"),
        (false, false, H::Certificate) => (c"TRCC", c"SSLv3/TLS read client certificate"),
        (false, false, H::ClientKeyExchange) => (c"TRCKE", c"SSLv3/TLS read client key exchange"),
        (false, false, H::CertificateVerify) => (c"TRCV", c"SSLv3/TLS read certificate verify"),
        _ => return None,
    })
}

impl HandshakeState {
    /// The state after `event`: a step sent or received, the handshake completed or
    /// failed; other events leave it where it is.
    pub fn after(self, event: Progress) -> HandshakeState {
        match event {
            Progress::Sending(step) => HandshakeState::After { sent: true, step },
            Progress::Received(step) => HandshakeState::After { sent: false, step },
            Progress::Completed => HandshakeState::Done,
            Progress::Failed => HandshakeState::Failed,
            Progress::Started | Progress::Waiting | Progress::Alert { .. } | Progress::Returned { .. } => self,
        }
    }

    /// OpenSSL's short code and sentence for this state on a client (`client`) or
    /// server ("TWCH" / "SSLv3/TLS write client hello"), as C strings.
    pub fn names(self, client: bool) -> (&'static CStr, &'static CStr) {
        match self {
            HandshakeState::Before => (c"PINIT", c"before SSL initialization"),
            HandshakeState::Done => (c"SSLOK", c"SSL negotiation finished successfully"),
            HandshakeState::Failed => (c"SSLERR", c"error"),
            HandshakeState::After { sent, step } => {
                step_names(client, sent, step).unwrap_or((c"UNKWN ", c"unknown state"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_steps() {
        let hello = Step::Message(HandshakeType::ClientHello);
        let state = HandshakeState::default().after(Progress::Started);
        assert_eq!(state.names(true).0, c"PINIT");
        let state = state.after(Progress::Sending(hello));
        assert_eq!(state.names(true), (c"TWCH", c"SSLv3/TLS write client hello"));
        assert_eq!(state.after(Progress::Waiting), state);
        let server = HandshakeState::default().after(Progress::Received(hello));
        assert_eq!(server.names(false).0, c"TRCH");
        assert_eq!(server.names(true).0, c"UNKWN ", "a client never reads a ClientHello");
        assert_eq!(state.after(Progress::Completed).names(true).0, c"SSLOK");
        assert_eq!(state.after(Progress::Failed).names(false).1, c"error");
    }
}

//! Reassembles handshake messages from handshake records: one message may span several
//! records and one record may hold several messages.

use crate::error::{Error, Reason};
use crate::msgs::enums::{AlertDescription, HandshakeType};

/// One complete handshake message.
pub struct HandshakeMessage {
    /// Its type.
    pub typ: HandshakeType,
    /// The whole message with its header, as the transcript hash needs it.
    pub encoded: Vec<u8>,
}

impl HandshakeMessage {
    /// The body, without the 4-byte header.
    pub fn body(&self) -> &[u8] {
        &self.encoded[4..]
    }
}

/// Buffers handshake bytes until whole messages are there.
#[derive(Default)]
pub struct HandshakeJoiner {
    buf: Vec<u8>,
}

impl HandshakeJoiner {
    /// Adds the payload of a handshake record.
    pub fn push(&mut self, payload: &[u8]) {
        self.buf.extend_from_slice(payload);
    }

    /// Whether part of a message is waiting for the rest.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Takes the next complete message, if there is one. `max_len` gives the longest
    /// body allowed for each message type: a longer one is refused as soon as its header
    /// is there, before its body is buffered.
    pub fn pop(&mut self, max_len: impl Fn(HandshakeType) -> usize) -> Result<Option<HandshakeMessage>, Error> {
        if self.buf.len() < 4 {
            return Ok(None);
        }
        let typ = HandshakeType::from(self.buf[0]);
        let len = (usize::from(self.buf[1]) << 16) | (usize::from(self.buf[2]) << 8) | usize::from(self.buf[3]);
        let limit = max_len(typ);
        if len > limit {
            return Err(Error::fatal(
                AlertDescription::IllegalParameter,
                Reason::EXCESSIVE_MESSAGE_SIZE,
                format!("a {} message claims {len} bytes, more than the {limit} allowed", typ.text()),
            ));
        }
        if self.buf.len() < 4 + len {
            return Ok(None);
        }
        // A buffer that holds just this message becomes it, without a copy (and the
        // joiner holds no memory until the next message).
        let encoded =
            if self.buf.len() == 4 + len { std::mem::take(&mut self.buf) } else { self.buf.drain(..4 + len).collect() };
        Ok(Some(HandshakeMessage { typ, encoded }))
    }
}

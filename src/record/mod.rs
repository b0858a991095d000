//! The record layer (RFC 5246 6.2): framing in both directions, fragmentation,
//! protection with the current keys, and sequence numbers. Records are decrypted in
//! place in the input buffer, and application data is read from there. Buffers are
//! kept and reused, so the data path does not allocate per record; the connection
//! frees them when they are idle after the handshake.

pub mod input;
pub mod joiner;
pub mod protection;

use crate::conn::IoResult;
use crate::error::{Error, Reason};
use crate::msgs::enums::{AlertDescription, ContentType, TLS10, TLS12};
use input::InputBuffer;
use protection::Protection;
use std::ops::Range;

/// The largest plaintext fragment (2^14).
pub const MAX_FRAGMENT: usize = 16384;
/// The largest protected fragment a peer may send (2^14 + 2048).
const MAX_CIPHERTEXT: usize = MAX_FRAGMENT + 2048;
/// Record header length.
const HEADER: usize = 5;
/// How much unprocessed input is buffered at most.
const MAX_BUFFERED_INPUT: usize = 2 * (HEADER + MAX_CIPHERTEXT);
/// What a read asks for when no record header is buffered: a handshake flight, or a
/// small record, in one read.
const FIRST_READ: usize = 4096;

/// Both directions of the record layer.
pub struct RecordLayer {
    input: InputBuffer,
    /// Where the plaintext of the record handed out by `next_record` lies in `input`.
    last_payload: Range<usize>,
    output: Vec<u8>,
    output_start: usize,
    // Boxed: a key is large (hundreds of bytes), and two of the four slots are empty
    // at any time.
    encrypter: Option<Box<Protection>>,
    decrypter: Option<Box<Protection>>,
    pending_encrypter: Option<Box<Protection>>,
    pending_decrypter: Option<Box<Protection>>,
    write_seq: u64,
    read_seq: u64,
    /// The version written in outgoing record headers.
    write_version: u16,
    /// Once the version is agreed, incoming records must carry exactly it.
    version_agreed: bool,
}

impl Default for RecordLayer {
    fn default() -> Self {
        RecordLayer {
            input: InputBuffer::default(),
            last_payload: 0..0,
            output: Vec::new(),
            output_start: 0,
            encrypter: None,
            decrypter: None,
            pending_encrypter: None,
            pending_decrypter: None,
            write_seq: 0,
            read_seq: 0,
            // The first ClientHello goes out as TLS 1.0 for old middleboxes (RFC 5246 E.1).
            write_version: TLS10,
            version_agreed: false,
        }
    }
}

/// A record that passed framing and protection checks.
pub struct InboundRecord<'a> {
    /// Its content type.
    pub content_type: ContentType,
    /// Its header as received.
    pub header: [u8; HEADER],
    /// The version in its header.
    pub version: u16,
    /// Its plaintext.
    pub payload: &'a [u8],
}

/// What an HTTP client sent instead of a TLS record, if the first bytes say so: a
/// request to a proxy (`CONNECT`) or to a web server (`GET`, `POST` ...).
fn http_instead_of_tls(bytes: &[u8]) -> Option<(Reason, &'static str)> {
    if bytes.starts_with(b"CONN") {
        return Some((Reason::HTTPS_PROXY_REQUEST, "the peer sent an HTTP proxy request (CONNECT), not TLS"));
    }
    let web = [b"GET ".as_slice(), b"POST", b"HEAD", b"PUT "].iter().any(|m| bytes.starts_with(m));
    web.then_some((Reason::HTTP_REQUEST, "the peer sent an HTTP request, not TLS"))
}

impl RecordLayer {
    /// Takes network bytes; returns how many fit in the input buffer.
    pub fn buffer_input(&mut self, data: &[u8]) -> usize {
        let room = MAX_BUFFERED_INPUT.saturating_sub(self.buffered_input());
        self.input.append(data, room)
    }

    /// Lets `read` fill the input buffer straight from the network; keeps the bytes it
    /// reports. Returns what `read` returned. It is offered room for the rest of the
    /// record whose header is buffered (or [`FIRST_READ`] bytes when none is), and for
    /// more, up to one whole record, only where the buffer already has the room: the
    /// buffer grows to what the records need, not to the largest record.
    pub fn read_input_with(&mut self, read: impl FnOnce(&mut [u8]) -> IoResult) -> IoResult {
        let unframed = self.input.unframed();
        let most = (HEADER + MAX_CIPHERTEXT).saturating_sub(unframed.len());
        let least = match unframed {
            [_, _, _, high, low, ..] => {
                (HEADER + usize::from(u16::from_be_bytes([*high, *low]))).saturating_sub(unframed.len())
            }
            _ => FIRST_READ,
        };
        self.input.append_with(least.min(most), most, read)
    }

    /// Bytes received but not yet processed.
    pub fn buffered_input(&self) -> usize {
        self.input.unframed().len()
    }

    /// From now on, incoming records must carry TLS 1.2 and outgoing ones do.
    pub fn agree_version(&mut self) {
        self.write_version = TLS12;
        self.version_agreed = true;
    }

    /// Returns the next complete record, decrypted and checked, or `None` if more bytes
    /// are needed. Its payload is dropped when more input arrives, unless it is kept
    /// with [`RecordLayer::hold_payload`].
    pub fn next_record(&mut self) -> Result<Option<InboundRecord<'_>>, Error> {
        let avail = self.input.unframed();
        if avail.len() < HEADER {
            if !avail.is_empty() {
                self.check_header(avail)?;
            }
            return Ok(None);
        }
        self.check_header(avail)?;
        let header: [u8; HEADER] = [avail[0], avail[1], avail[2], avail[3], avail[4]];
        let content_type = ContentType::from(avail[0]);
        let version = u16::from_be_bytes([avail[1], avail[2]]);
        let len = usize::from(u16::from_be_bytes([avail[3], avail[4]]));
        if avail.len() < HEADER + len {
            return Ok(None);
        }
        let start = self.input.position() + HEADER;
        self.input.take(HEADER + len);
        let payload = self.input.bytes_mut(start..start + len);
        let range = match &self.decrypter {
            Some(key) => {
                let range = key.open(self.read_seq, u8::from(content_type), version, payload)?;
                self.read_seq += 1;
                range
            }
            None => 0..len,
        };
        if range.len() > MAX_FRAGMENT {
            return Err(Error::fatal(
                AlertDescription::RecordOverflow,
                Reason::DATA_LENGTH_TOO_LONG,
                "a record's plaintext is longer than 2^14 bytes",
            ));
        }
        self.last_payload = start + range.start..start + range.end;
        Ok(Some(InboundRecord { content_type, header, version, payload: &payload[range] }))
    }

    /// Keeps the payload of the record `next_record` returned last as application data
    /// to be read, where it lies.
    pub fn hold_payload(&mut self) {
        self.input.hold_plaintext(self.last_payload.clone());
    }

    /// Decrypted application data waiting to be read.
    pub fn plaintext_len(&self) -> usize {
        self.input.plaintext_len()
    }

    /// Copies application data into `buf`, leaving it to be read; returns how many
    /// bytes.
    pub fn peek_plaintext(&self, buf: &mut [u8]) -> usize {
        self.input.peek_plaintext(buf)
    }

    /// Marks `n` bytes of application data as read.
    pub fn consume_plaintext(&mut self, n: usize) {
        self.input.consume_plaintext(n);
    }

    /// Drops the application data not read yet.
    pub fn discard_plaintext(&mut self) {
        self.input.discard_plaintext();
    }

    /// Framing checks on a record header (or the first bytes of one).
    fn check_header(&self, header: &[u8]) -> Result<(), Error> {
        if let Some((reason, detail)) = http_instead_of_tls(header) {
            return Err(Error::fatal(AlertDescription::ProtocolVersion, reason, detail));
        }
        let content_type = ContentType::from(header[0]);
        if matches!(content_type, ContentType::Unknown(_)) {
            return Err(Error::fatal(
                AlertDescription::UnexpectedMessage,
                Reason::WRONG_VERSION_NUMBER,
                format!("a record has unknown content type {}", header[0]),
            ));
        }
        if header.len() < 3 {
            return Ok(());
        }
        let version = u16::from_be_bytes([header[1], header[2]]);
        if version >> 8 != 3 || (self.version_agreed && version != TLS12) {
            return Err(Error::fatal(
                AlertDescription::ProtocolVersion,
                Reason::WRONG_VERSION_NUMBER,
                format!("a record carries version {version:#06x}"),
            ));
        }
        if header.len() < HEADER {
            return Ok(());
        }
        let len = usize::from(u16::from_be_bytes([header[3], header[4]]));
        let limit = if self.decrypter.is_some() { MAX_CIPHERTEXT } else { MAX_FRAGMENT };
        if len > limit {
            return Err(Error::fatal(
                AlertDescription::RecordOverflow,
                Reason::ENCRYPTED_LENGTH_TOO_LONG,
                format!("a record is {len} bytes long, more than the {limit} allowed"),
            ));
        }
        Ok(())
    }

    /// Queues `data` as records of `content_type`, protected with the current keys,
    /// and shows `on_header` the version and the header of each record once sealed.
    pub fn send(
        &mut self,
        content_type: ContentType,
        data: &[u8],
        on_header: &mut dyn FnMut(u16, &[u8]),
    ) -> Result<(), Error> {
        if self.output_start == self.output.len() {
            self.output.clear();
            self.output_start = 0;
        }
        for fragment in data.chunks(MAX_FRAGMENT) {
            let at = self.send_fragment(content_type, fragment)?;
            on_header(self.write_version, &self.output[at..at + HEADER]);
        }
        Ok(())
    }

    /// Seals one record into the output; returns where its header starts.
    fn send_fragment(&mut self, content_type: ContentType, fragment: &[u8]) -> Result<usize, Error> {
        let typ = u8::from(content_type);
        let (prefix, overhead) = self.encrypter.as_ref().map_or((0, 0), |p| (p.prefix_len(), p.max_overhead()));
        self.output.reserve(HEADER + fragment.len() + overhead);
        let header_at = self.output.len();
        self.output.push(typ);
        self.output.extend_from_slice(&self.write_version.to_be_bytes());
        self.output.extend_from_slice(&[0, 0]);
        let body_start = self.output.len();
        self.output.extend(std::iter::repeat_n(0, prefix));
        self.output.extend_from_slice(fragment);
        if let Some(protection) = &self.encrypter {
            protection.seal(self.write_seq, typ, self.write_version, &mut self.output, body_start)?;
            self.write_seq = self
                .write_seq
                .checked_add(1)
                .ok_or_else(|| Error::internal("the write sequence number is exhausted"))?;
        }
        let len = (self.output.len() - body_start) as u16;
        self.output[header_at + 3..header_at + 5].copy_from_slice(&len.to_be_bytes());
        Ok(header_at)
    }

    /// Bytes waiting to go to the network.
    pub fn pending_output(&self) -> &[u8] {
        &self.output[self.output_start..]
    }

    /// Marks `n` bytes of output as sent.
    pub fn consume_output(&mut self, n: usize) {
        self.output_start = (self.output_start + n).min(self.output.len());
        if self.output_start == self.output.len() {
            self.output.clear();
            self.output_start = 0;
        }
    }

    /// Frees the buffers that hold nothing (`SSL_MODE_RELEASE_BUFFERS`, and once after
    /// the handshake); returns whether both are free now.
    pub fn release_idle_buffers(&mut self) -> bool {
        let output_idle = self.output.is_empty();
        if output_idle {
            self.output = Vec::new();
        }
        self.input.release_if_idle() && output_idle
    }

    /// Installs the keys negotiated by the handshake; they take effect at the
    /// ChangeCipherSpec in each direction.
    pub fn set_pending_keys(&mut self, write: Protection, read: Protection) {
        self.pending_encrypter = Some(Box::new(write));
        self.pending_decrypter = Some(Box::new(read));
    }

    /// Our ChangeCipherSpec went out: protect from now on.
    pub fn start_encrypting(&mut self) -> Result<(), Error> {
        self.encrypter = Some(self.pending_encrypter.take().ok_or_else(|| Error::internal("no pending write key"))?);
        self.write_seq = 0;
        Ok(())
    }

    /// The peer's ChangeCipherSpec arrived: its records are protected from now on.
    pub fn start_decrypting(&mut self) -> Result<(), Error> {
        self.decrypter = Some(self.pending_decrypter.take().ok_or_else(|| {
            Error::fatal(
                AlertDescription::UnexpectedMessage,
                Reason::CCS_RECEIVED_EARLY,
                "ChangeCipherSpec arrived before the keys were agreed",
            )
        })?);
        self.read_seq = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_instead_of_tls_tells_a_proxy_request_from_a_web_request() {
        assert_eq!(
            http_instead_of_tls(b"CONNECT example.test:443 HTTP/1.1").map(|h| h.0),
            Some(Reason::HTTPS_PROXY_REQUEST)
        );
        for request in [b"GET / HTTP/1.1".as_slice(), b"POST /form", b"HEAD /", b"PUT /x"] {
            assert_eq!(http_instead_of_tls(request).map(|h| h.0), Some(Reason::HTTP_REQUEST), "{request:?}");
        }
        assert_eq!(http_instead_of_tls(&[22, 3, 3, 0, 5]), None, "a handshake record");
    }
}

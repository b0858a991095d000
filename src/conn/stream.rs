//! The I/O loop over a [`Connection`]: handshakes, reads, writes and shutdown move
//! bytes between the engine and a [`Transport`], and a transport that cannot go on now
//! becomes [`Stop::WantRead`] / [`Stop::WantWrite`], to be retried by the same call.
//!
//! Pending output is always flushed first; more input is read only when the engine
//! needs it, straight into the record layer's input buffer. The rules written here
//! once: a write retried after `WantWrite` passes at least the bytes already taken
//! (they are not encrypted twice), partial writes report each record as it goes, peek
//! leaves the data to be read again, shutdown has two steps (close_notify sent, then
//! the peer's received), and an end of stream without close_notify is an error unless
//! the caller chooses to take it as a clean close.

use super::Connection;
use crate::error::{Error, Reason};
use crate::record::MAX_FRAGMENT;
use std::io;

/// The outcome of one read or write on a transport.
#[derive(Debug)]
pub enum IoResult {
    /// This many bytes were moved (0 only when the buffer given was empty).
    Done(usize),
    /// The end of the stream (reads only).
    Eof,
    /// Nothing can be moved now.
    WouldBlock,
    /// The transport failed.
    Failed(io::Error),
}

/// Where a connection's bytes come from and go to: a socket, a memory buffer, the
/// application's callbacks.
pub trait Transport {
    /// Reads up to `buf.len()` bytes into `buf`.
    fn read(&mut self, buf: &mut [u8]) -> IoResult;
    /// Writes some of `data`, returning how much.
    fn write(&mut self, data: &[u8]) -> IoResult;
    /// Sends on what the transport holds back, after the engine wrote (`BIO_flush`);
    /// `Done` when it is all gone. Transports that hold nothing back need not say.
    fn flush(&mut self) -> IoResult {
        IoResult::Done(0)
    }
}

/// Why a call stops before it is done.
#[derive(Debug)]
pub enum Stop {
    /// The transport has nothing to read now: call again when it has.
    WantRead,
    /// The transport takes nothing now: call again when it can.
    WantWrite,
    /// The transport failed.
    Io(io::Error),
    /// The peer closed the connection with close_notify (or, when that was asked
    /// for, ended the stream without it).
    Closed,
    /// The stream ended without close_notify while data was awaited.
    Eof(Error),
    /// The call failed: a fatal error of the connection, or a misuse of the call.
    Failed(Error),
}

/// A [`Connection`] with the I/O rules around it.
pub struct Stream {
    conn: Connection,
    /// How much of the buffer of the write being retried is already encrypted.
    write_taken: usize,
    /// close_notify was sent, or is not to be sent.
    sent_shutdown: bool,
    /// The peer's close_notify (or a fatal alert) arrived, or is not awaited.
    received_shutdown: bool,
    /// A read reported that the peer closed the connection.
    close_reported: bool,
    /// Shutdown sends no close_notify and waits for none (quiet shutdown).
    quiet_shutdown: bool,
}

impl Stream {
    /// The I/O loop around `conn`.
    pub fn new(conn: Connection) -> Stream {
        let quiet_shutdown = conn.config().quiet_shutdown;
        Stream {
            conn,
            write_taken: 0,
            sent_shutdown: false,
            received_shutdown: false,
            close_reported: false,
            quiet_shutdown,
        }
    }

    /// Turns quiet shutdown on or off for this connection (it starts as its
    /// configuration says): a quiet [`Stream::shutdown`] sends no close_notify, waits
    /// for none, and reports the connection shut down in both directions.
    pub fn set_quiet_shutdown(&mut self, quiet: bool) {
        self.quiet_shutdown = quiet;
    }

    /// The engine.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Frees the engine's idle buffers (`Connection::release_buffers`).
    pub fn release_buffers(&mut self) {
        self.conn.release_buffers();
    }

    /// The shutdown state: whether close_notify was sent (or is not to be sent) and
    /// whether the peer's arrived (or is not awaited).
    pub fn shutdown_state(&self) -> (bool, bool) {
        (self.sent_shutdown, self.received_shutdown)
    }

    /// Overrides the shutdown state (`SSL_set_shutdown`): a `sent` state makes
    /// [`Stream::shutdown`] send no close_notify.
    pub fn set_shutdown_state(&mut self, sent: bool, received: bool) {
        self.sent_shutdown = sent;
        self.received_shutdown = received;
    }

    /// Whether a read has reported that the peer closed the connection.
    pub fn close_reported(&self) -> bool {
        self.close_reported
    }

    /// Sends everything the engine has queued, then flushes the transport if that was
    /// anything.
    fn flush<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<(), Stop> {
        if self.conn.pending_tls().is_empty() {
            return Ok(());
        }
        while !self.conn.pending_tls().is_empty() {
            match io.write(self.conn.pending_tls()) {
                IoResult::Done(n) if n > 0 => self.conn.consume_tls(n),
                IoResult::WouldBlock => return Err(Stop::WantWrite),
                IoResult::Failed(e) => return Err(Stop::Io(e)),
                IoResult::Done(_) | IoResult::Eof => return Err(Stop::Io(io::ErrorKind::WriteZero.into())),
            }
        }
        match io.flush() {
            IoResult::Done(_) | IoResult::Eof => Ok(()),
            IoResult::WouldBlock => Err(Stop::WantWrite),
            IoResult::Failed(e) => Err(Stop::Io(e)),
        }
    }

    /// Ends the call with `e`: the alert the engine queued goes out if it can, and a
    /// fatal alert from the peer counts as its shutdown.
    fn fail<T: Transport + ?Sized>(&mut self, io: &mut T, e: Error) -> Stop {
        let _ = self.flush(io);
        if matches!(e.reason, Reason::ALERT_RECEIVED(_)) {
            self.received_shutdown = true;
        }
        Stop::Failed(e)
    }

    /// Fails again with the error that already ended the connection, if one did.
    fn check_fatal<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<(), Stop> {
        match self.conn.fatal_error() {
            Some(e) => {
                let e = e.clone();
                Err(self.fail(io, e))
            }
            None => Ok(()),
        }
    }

    fn process<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<(), Stop> {
        match self.conn.process_new_packets() {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(io, e)),
        }
    }

    /// Reads more input into the engine and processes it. Returns true at the end of
    /// the stream (the engine is not told: see [`Stream::end_of_stream`]).
    fn receive<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<bool, Stop> {
        match self.conn.read_tls_with(|buf| io.read(buf)) {
            IoResult::Done(_) => {}
            IoResult::Eof => return Ok(true),
            IoResult::WouldBlock => return Err(Stop::WantRead),
            IoResult::Failed(e) => return Err(Stop::Io(e)),
        }
        self.process(io)?;
        Ok(false)
    }

    /// Tells the engine the stream ended where more was expected (`what` was going
    /// on), and fails with its error or ours.
    fn end_of_stream<T: Transport + ?Sized>(&mut self, io: &mut T, what: &str) -> Stop {
        self.conn.read_eof();
        if let Err(stop) = self.process(io) {
            return stop;
        }
        let e = Error::local(
            Reason::UNEXPECTED_EOF_WHILE_READING,
            format!("the peer closed the connection {what} without sending close_notify"),
        );
        self.fail(io, e)
    }

    /// Runs the handshake until it is complete; a call that finds it running reports
    /// to the hooks when it returns.
    pub fn handshake<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<(), Stop> {
        let running = self.conn.is_handshaking() && self.conn.fatal_error().is_none();
        let result = self.handshake_steps(io);
        if running {
            self.conn.report_return(result.is_ok());
        }
        result
    }

    fn handshake_steps<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<(), Stop> {
        loop {
            self.check_fatal(io)?;
            self.flush(io)?;
            if !self.conn.is_handshaking() {
                return Ok(());
            }
            if self.receive(io)? {
                return Err(self.end_of_stream(io, "during the handshake"));
            }
        }
    }

    /// Copies plaintext into `buf` (leaving it to be read again when `peek`), running
    /// the handshake first if it has not completed. With `ignore_eof`, an end of
    /// stream without close_notify is a clean close.
    pub fn read<T: Transport + ?Sized>(
        &mut self,
        io: &mut T,
        buf: &mut [u8],
        peek: bool,
        ignore_eof: bool,
    ) -> Result<usize, Stop> {
        loop {
            self.check_fatal(io)?;
            // As OpenSSL: once the peer's shutdown is in (or taken as in, by a quiet
            // shutdown or `set_shutdown_state`), reads report the end of the stream.
            if self.received_shutdown {
                return Err(self.closed());
            }
            if self.conn.is_handshaking() {
                self.handshake(io)?;
                continue;
            }
            if buf.is_empty() {
                return Ok(0);
            }
            if self.conn.plaintext_pending() > 0 {
                return Ok(if peek { self.conn.peek_plaintext(buf) } else { self.conn.read_plaintext(buf) });
            }
            if self.conn.received_close_notify() {
                return Err(self.closed());
            }
            // Alerts or handshake messages the engine queued go out if they can; data
            // of a write waiting for WantWrite is left to that write, as in OpenSSL.
            if self.write_taken == 0 {
                match self.flush(io) {
                    Ok(()) | Err(Stop::WantWrite) => {}
                    Err(stop) => return Err(stop),
                }
            }
            if self.receive(io)? {
                if ignore_eof {
                    return Err(self.closed());
                }
                return Err(match self.end_of_stream(io, "while data was awaited") {
                    Stop::Failed(e) => Stop::Eof(e),
                    stop => stop,
                });
            }
        }
    }

    /// Notes that the peer closed the connection.
    fn closed(&mut self) -> Stop {
        self.close_reported = true;
        self.received_shutdown = true;
        Stop::Closed
    }

    /// Encrypts and sends `buf` (running the handshake first if it has not
    /// completed), one record at a time. Returns `buf.len()` once all is sent, or with
    /// `partial` the count sent so far (at least one record). A call retried after
    /// `WantWrite` must pass at least the bytes already taken, from any address.
    pub fn write<T: Transport + ?Sized>(&mut self, io: &mut T, buf: &[u8], partial: bool) -> Result<usize, Stop> {
        self.check_fatal(io)?;
        if self.sent_shutdown || self.conn.sent_close_notify() {
            return Err(Stop::Failed(Error::local(
                Reason::PROTOCOL_IS_SHUTDOWN,
                "the connection is shut down for writing (close_notify was sent)",
            )));
        }
        if self.conn.is_handshaking() {
            self.handshake(io)?;
        }
        if buf.len() < self.write_taken {
            return Err(Stop::Failed(Error::local(
                Reason::BAD_VALUE,
                format!(
                    "bad length: a retried write must pass the same data ({} bytes were already taken, {} given)",
                    self.write_taken,
                    buf.len()
                ),
            )));
        }
        loop {
            self.flush(io)?;
            let taken = self.write_taken;
            if taken == buf.len() || (partial && taken > 0) {
                self.write_taken = 0;
                return Ok(taken);
            }
            let chunk = &buf[taken..buf.len().min(taken + MAX_FRAGMENT)];
            match self.conn.write_plaintext(chunk) {
                Ok(n) => self.write_taken += n,
                Err(e) => {
                    self.write_taken = 0;
                    return Err(self.fail(io, e));
                }
            }
        }
    }

    /// The two steps of shutdown: the first call sends close_notify (and returns
    /// whether the peer's already arrived); a later one waits for the peer's (true).
    /// A quiet shutdown does neither and is done at once (true).
    /// Data that arrives after our close_notify is dropped. Fails before the handshake
    /// has completed.
    pub fn shutdown<T: Transport + ?Sized>(&mut self, io: &mut T) -> Result<bool, Stop> {
        if self.conn.is_handshaking() || self.conn.fatal_error().is_some() {
            return Err(Stop::Failed(Error::local(
                Reason::UNINITIALIZED,
                "shutdown while in init: the handshake has not completed",
            )));
        }
        if self.quiet_shutdown {
            self.set_shutdown_state(true, true);
        } else if !self.sent_shutdown {
            self.sent_shutdown = true;
            self.conn.send_close_notify();
            self.flush(io)?;
        } else if !self.conn.pending_tls().is_empty() {
            // A retry after WantWrite: finish sending close_notify.
            self.flush(io)?;
        } else {
            while !self.received_shutdown {
                self.conn.discard_plaintext();
                if self.conn.received_close_notify() {
                    self.closed();
                } else if self.receive(io)? {
                    return Err(self.end_of_stream(io, "before its close_notify"));
                }
            }
        }
        Ok(self.sent_shutdown && self.received_shutdown)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{client_config, server_config};
    use super::*;
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;
    use std::sync::Arc;

    /// One direction of an in-memory link: bytes in flight, a capacity (so that a
    /// full link blocks the writer), and whether the writer hung up.
    #[derive(Default)]
    struct Pipe {
        bytes: VecDeque<u8>,
        capacity: usize,
        hung_up: bool,
    }

    /// One end of an in-memory link: reads from one pipe, writes to the other.
    struct End {
        inbound: Rc<RefCell<Pipe>>,
        outbound: Rc<RefCell<Pipe>>,
    }

    impl Transport for End {
        fn read(&mut self, buf: &mut [u8]) -> IoResult {
            let mut pipe = self.inbound.borrow_mut();
            if pipe.bytes.is_empty() {
                return if pipe.hung_up { IoResult::Eof } else { IoResult::WouldBlock };
            }
            let n = buf.len().min(pipe.bytes.len());
            for (out, byte) in buf.iter_mut().zip(pipe.bytes.drain(..n)) {
                *out = byte;
            }
            IoResult::Done(n)
        }

        fn write(&mut self, data: &[u8]) -> IoResult {
            let mut pipe = self.outbound.borrow_mut();
            let n = data.len().min(pipe.capacity - pipe.bytes.len());
            if n == 0 {
                return IoResult::WouldBlock;
            }
            pipe.bytes.extend(&data[..n]);
            IoResult::Done(n)
        }
    }

    /// Two ends linked by pipes that hold `capacity` bytes each way.
    fn link(capacity: usize) -> (End, End) {
        let a = Rc::new(RefCell::new(Pipe { capacity, ..Pipe::default() }));
        let b = Rc::new(RefCell::new(Pipe { capacity, ..Pipe::default() }));
        (End { inbound: Rc::clone(&a), outbound: Rc::clone(&b) }, End { inbound: b, outbound: a })
    }

    /// A client and a server stream over a link of `capacity`, with the handshake
    /// done by turns until both are through.
    fn connected(capacity: usize) -> (Stream, End, Stream, End) {
        let client = Connection::new_client(Arc::new(client_config()), Some("localhost"), Some("localhost")).unwrap();
        let server = Connection::new_server(Arc::new(server_config())).unwrap();
        let (mut client, mut server) = (Stream::new(client), Stream::new(server));
        let (mut client_io, mut server_io) = link(capacity);
        for _ in 0..50 {
            let c = client.handshake(&mut client_io);
            let s = server.handshake(&mut server_io);
            match (c, s) {
                (Ok(()), Ok(())) => return (client, client_io, server, server_io),
                (Err(Stop::Failed(e)), _) | (_, Err(Stop::Failed(e))) => panic!("handshake failed: {e}"),
                _ => {}
            }
        }
        panic!("the handshake made no progress");
    }

    /// Reads until `want` bytes have come, turning to `peer` for its pending write.
    fn read_all(stream: &mut Stream, io: &mut End, want: usize) -> Vec<u8> {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while got.len() < want {
            match stream.read(io, &mut buf, false, false) {
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(Stop::WantRead) => return got,
                Err(stop) => panic!("read stopped: {stop:?}"),
            }
        }
        got
    }

    #[test]
    fn data_crosses_both_ways_and_peek_leaves_it_unread() {
        let (mut client, mut client_io, mut server, mut server_io) = connected(1 << 20);
        assert_eq!(client.write(&mut client_io, b"ping", false).unwrap(), 4);
        let mut buf = [0u8; 16];
        assert_eq!(server.read(&mut server_io, &mut buf[..2], true, false).unwrap(), 2);
        assert_eq!(&buf[..2], b"pi");
        assert_eq!(server.read(&mut server_io, &mut buf, true, false).unwrap(), 4);
        assert_eq!(server.read(&mut server_io, &mut buf, false, false).unwrap(), 4);
        assert_eq!(&buf[..4], b"ping");
        assert!(matches!(server.read(&mut server_io, &mut buf, false, false), Err(Stop::WantRead)));
        assert_eq!(server.write(&mut server_io, b"pong", false).unwrap(), 4);
        assert_eq!(read_all(&mut client, &mut client_io, 4), b"pong");
    }

    #[test]
    fn a_blocked_write_is_retried_with_the_same_data_and_nothing_is_sent_twice() {
        let (mut client, mut client_io, mut server, mut server_io) = connected(20_000);
        let data: Vec<u8> = (0..50_000u32).map(|i| i as u8).collect();
        assert!(matches!(client.write(&mut client_io, &data, false), Err(Stop::WantWrite)));
        // A shorter buffer than what was taken is refused.
        match client.write(&mut client_io, &data[..10], false) {
            Err(Stop::Failed(e)) => assert_eq!(e.reason, Reason::BAD_VALUE),
            other => panic!("{other:?}"),
        }
        let mut received = Vec::new();
        // The retry may come from another address (a moved buffer).
        let moved = data.clone();
        loop {
            received.extend(read_all(&mut server, &mut server_io, usize::MAX));
            match client.write(&mut client_io, &moved, false) {
                Ok(n) => {
                    assert_eq!(n, data.len());
                    break;
                }
                Err(Stop::WantWrite) => {}
                Err(stop) => panic!("{stop:?}"),
            }
        }
        received.extend(read_all(&mut server, &mut server_io, data.len() - received.len()));
        assert_eq!(received, data);
    }

    #[test]
    fn partial_writes_report_each_record() {
        let (mut client, mut client_io, mut server, mut server_io) = connected(1 << 20);
        let data = vec![7u8; 3 * MAX_FRAGMENT + 5];
        let mut sent = 0;
        while sent < data.len() {
            let n = client.write(&mut client_io, &data[sent..], true).unwrap();
            assert_eq!(n, MAX_FRAGMENT.min(data.len() - sent));
            sent += n;
        }
        assert_eq!(read_all(&mut server, &mut server_io, data.len()), data);
    }

    #[test]
    fn quiet_shutdown_sends_nothing_and_is_done_at_once() {
        let (mut client, mut client_io, mut server, mut server_io) = connected(1 << 20);
        client.set_quiet_shutdown(true);
        assert!(client.shutdown(&mut client_io).unwrap());
        assert_eq!(client.shutdown_state(), (true, true));
        let mut buf = [0u8; 8];
        assert!(matches!(server.read(&mut server_io, &mut buf, false, false), Err(Stop::WantRead)));
        assert_eq!(server.shutdown_state(), (false, false));
        assert!(matches!(client.read(&mut client_io, &mut buf, false, false), Err(Stop::Closed)));
    }

    #[test]
    fn shutdown_takes_two_steps_and_data_after_it_is_refused() {
        let (mut client, mut client_io, mut server, mut server_io) = connected(1 << 20);
        assert!(!client.shutdown(&mut client_io).unwrap());
        assert_eq!(client.shutdown_state(), (true, false));
        match client.write(&mut client_io, b"late", false) {
            Err(Stop::Failed(e)) => assert_eq!(e.reason, Reason::PROTOCOL_IS_SHUTDOWN),
            other => panic!("{other:?}"),
        }
        assert!(matches!(client.shutdown(&mut client_io), Err(Stop::WantRead)));
        let mut buf = [0u8; 8];
        assert!(matches!(server.read(&mut server_io, &mut buf, false, false), Err(Stop::Closed)));
        assert!(server.close_reported());
        assert_eq!(server.shutdown_state(), (false, true));
        assert!(server.shutdown(&mut server_io).unwrap());
        assert!(client.shutdown(&mut client_io).unwrap());
        assert_eq!(client.shutdown_state(), (true, true));
    }

    #[test]
    fn an_end_of_stream_without_close_notify_is_an_error_unless_ignored() {
        for ignore in [false, true] {
            let (_client, client_io, mut server, mut server_io) = connected(1 << 20);
            client_io.outbound.borrow_mut().hung_up = true;
            let mut buf = [0u8; 8];
            match server.read(&mut server_io, &mut buf, false, ignore) {
                Err(Stop::Closed) if ignore => assert!(server.close_reported()),
                Err(Stop::Eof(e)) if !ignore => assert_eq!(e.reason, Reason::UNEXPECTED_EOF_WHILE_READING),
                other => panic!("ignore {ignore}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_end_of_stream_during_the_handshake_fails_it() {
        let client = Connection::new_client(Arc::new(client_config()), None, None).unwrap();
        let mut client = Stream::new(client);
        let (mut client_io, server_io) = link(1 << 20);
        assert!(matches!(client.handshake(&mut client_io), Err(Stop::WantRead)));
        server_io.outbound.borrow_mut().hung_up = true;
        match client.handshake(&mut client_io) {
            Err(Stop::Failed(e)) => assert_eq!(e.reason, Reason::UNEXPECTED_EOF_WHILE_READING),
            other => panic!("{other:?}"),
        }
        match client.shutdown(&mut client_io) {
            Err(Stop::Failed(e)) => assert_eq!(e.reason, Reason::UNINITIALIZED),
            other => panic!("{other:?}"),
        }
    }
}

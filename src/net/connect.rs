//! Connect BIOs' connection point (`BIO_new_connect`): where to connect, given as a
//! program gives it (`host:port`, or a host and a port set apart), and the connection
//! once made.
//!
//! The connection is made on first use (`BIO_do_connect`, or the first read or
//! write), trying each address of the host in the resolver's order. With
//! `BIO_set_nbio(b, 1)` the socket is non-blocking once connected; the connect itself
//! waits for the peer's answer (an unreachable host blocks the first step).

use super::{lookup, split_host_port, Family, Role};
use crate::conn::IoResult;
use std::io::{self, Read, Write};
use std::net::TcpStream;

/// A connect BIO's peer and, once made, its connection.
#[derive(Default)]
pub(crate) struct ConnectPoint {
    host: Option<String>,
    port: Option<String>,
    nonblocking: bool,
    stream: Option<TcpStream>,
}

impl ConnectPoint {
    /// Sets the host from `text`: `host:port` (or `[v6]:port`) sets the port too; a
    /// lone name is the host only.
    pub(crate) fn set_host(&mut self, text: &str) {
        let (host, port) = split_host_port(text, false);
        self.host = host.map(str::to_string);
        if let Some(port) = port {
            self.port = Some(port.to_string());
        }
    }

    /// Sets the port (a number or a service name).
    pub(crate) fn set_port(&mut self, text: &str) {
        self.port = Some(text.to_string());
    }

    /// The host to connect to, as parsed.
    pub(crate) fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// The port to connect to, as given.
    pub(crate) fn port(&self) -> Option<&str> {
        self.port.as_deref()
    }

    /// Makes reads and writes of the connection non-blocking (`BIO_set_nbio`).
    pub(crate) fn set_nonblocking(&mut self, on: bool) -> io::Result<()> {
        self.nonblocking = on;
        self.stream.as_ref().map_or(Ok(()), |s| s.set_nonblocking(on))
    }

    /// Connects, unless connected already: each address of the host in turn, until
    /// one answers. Fails with a sentence naming the peer.
    pub(crate) fn connect(&mut self) -> io::Result<&TcpStream> {
        if self.stream.is_none() {
            self.stream = Some(self.open()?);
        }
        self.stream.as_ref().ok_or_else(|| io::Error::other("not connected"))
    }

    fn open(&self) -> io::Result<TcpStream> {
        let Some(host) = self.host.as_deref() else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "no host name given to connect to"));
        };
        let Some(port) = self.port.as_deref() else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("no port given to connect to {host}")));
        };
        let mut last = io::Error::other(format!("no address to connect to for {host}:{port}"));
        for addr in lookup(Some(host), Some(port), Family::Any, Role::Client)? {
            match TcpStream::connect(addr).and_then(|s| s.set_nonblocking(self.nonblocking).map(|()| s)) {
                Ok(stream) => return Ok(stream),
                Err(e) => last = io::Error::new(e.kind(), format!("cannot connect to {host}:{port} ({addr}): {e}")),
            }
        }
        Err(last)
    }

    /// Reads from the connection, connecting first if needed.
    pub(crate) fn read(&mut self, buf: &mut [u8]) -> IoResult {
        match self.connect().and_then(|mut s| s.read(buf)) {
            Ok(0) => IoResult::Eof,
            Ok(n) => IoResult::Done(n),
            Err(e) => stopped(e),
        }
    }

    /// Writes to the connection, connecting first if needed.
    pub(crate) fn write(&mut self, data: &[u8]) -> IoResult {
        match self.connect().and_then(|mut s| s.write(data)) {
            Ok(0) => IoResult::Failed(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoResult::Done(n),
            Err(e) => stopped(e),
        }
    }
}

/// An I/O error as a result: "would block" (and an interrupted call) is not a failure.
fn stopped(e: io::Error) -> IoResult {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => IoResult::WouldBlock,
        _ => IoResult::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn names_then_connects_and_moves_bytes() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut point = ConnectPoint::default();
        point.set_host(&format!("127.0.0.1:{port}"));
        assert_eq!((point.host(), point.port()), (Some("127.0.0.1"), Some(port.to_string().as_str())));
        point.set_nonblocking(true).unwrap();
        assert!(matches!(point.write(b"ping"), IoResult::Done(4)));
        let (mut peer, _) = listener.accept().unwrap();
        let mut got = [0u8; 4];
        peer.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"ping");
        assert!(matches!(point.read(&mut got), IoResult::WouldBlock));
        drop(peer);
        point.set_nonblocking(false).unwrap();
        assert!(matches!(point.read(&mut got), IoResult::Eof));

        let mut nowhere = ConnectPoint::default();
        nowhere.set_host("localhost");
        let e = nowhere.connect().err().unwrap();
        assert!(e.to_string().contains("no port given to connect to localhost"), "{e}");
        let mut refused = ConnectPoint::default();
        refused.set_host("127.0.0.1");
        refused.set_port("1");
        let e = refused.connect().err().unwrap();
        assert!(e.to_string().contains("cannot connect to 127.0.0.1:1"), "{e}");
    }
}

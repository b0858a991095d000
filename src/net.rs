//! Address lookup for the socket BIOs (`BIO_lookup_ex`): a host and a service, as a
//! program gives them, to the socket addresses to try, in the resolver's order.
//!
//! The policy lives here: which family is wanted, what a missing host means for a
//! client (the loopback addresses) and for a server (the wildcard addresses), how a
//! service name becomes a port (a number, or a name from /etc/services). The C layer
//! only converts the arguments and the results.

mod connect;

pub(crate) use connect::ConnectPoint;

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};

/// The address family a lookup is limited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// IPv4 or IPv6, whichever the host has (`AF_UNSPEC`).
    Any,
    /// IPv4 only (`AF_INET`).
    V4,
    /// IPv6 only (`AF_INET6`).
    V6,
}

impl Family {
    fn admits(self, addr: &SocketAddr) -> bool {
        match self {
            Family::Any => true,
            Family::V4 => addr.is_ipv4(),
            Family::V6 => addr.is_ipv6(),
        }
    }
}

/// Who will use the addresses: a client connects to them, a server binds to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// `BIO_LOOKUP_CLIENT`: without a host, the loopback addresses.
    Client,
    /// `BIO_LOOKUP_SERVER`: without a host, the wildcard addresses.
    Server,
}

/// Resolves `host` and `service` to the addresses of `family`, in the resolver's order
/// and without repeats. `host` `None` means this machine: loopback for a client,
/// every interface for a server. `service` `None` means port 0. Fails with a sentence
/// for people when the service is unknown or the host has no address of the family.
pub(crate) fn lookup(
    host: Option<&str>,
    service: Option<&str>,
    family: Family,
    role: Role,
) -> io::Result<Vec<SocketAddr>> {
    let port = match service {
        None => 0,
        Some(name) => service_port(name).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unknown service `{name}` (not a port number or a name in /etc/services)"),
            )
        })?,
    };
    let found: Vec<SocketAddr> = match host {
        None => local_addresses(role).into_iter().map(|ip| SocketAddr::new(ip, port)).collect(),
        Some(name) => (name, port)
            .to_socket_addrs()
            .map_err(|e| io::Error::new(e.kind(), format!("cannot resolve host `{name}`: {e}")))?
            .collect(),
    };
    let mut addrs: Vec<SocketAddr> = Vec::new();
    for addr in found.into_iter().filter(|a| family.admits(a)) {
        if !addrs.contains(&addr) {
            addrs.push(addr);
        }
    }
    if addrs.is_empty() {
        let what = host.unwrap_or("this machine");
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("host `{what}` has no address of the requested family ({family:?})"),
        ));
    }
    Ok(addrs)
}

/// Splits an accept or connect BIO's `host:port` text as OpenSSL reads it: `[v6]:port`,
/// `host:port`, `*:port` (any host), `host:` (no port), or a lone word, which is the
/// port when `lone_is_port` (accept BIOs) and the host otherwise (connect BIOs).
/// `None` for a missing or `*` part.
pub(crate) fn split_host_port(text: &str, lone_is_port: bool) -> (Option<&str>, Option<&str>) {
    let present = |s: &str| !s.is_empty() && s != "*";
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        match rest.split_once(']') {
            Some((host, tail)) => (Some(host), tail.strip_prefix(':')),
            None => (Some(text), None),
        }
    } else if text.matches(':').count() == 1 {
        let (host, port) = text.split_once(':').unwrap_or((text, ""));
        (Some(host), Some(port))
    } else if lone_is_port {
        (None, Some(text))
    } else {
        (Some(text), None)
    };
    (host.filter(|h| present(h)), port.filter(|p| present(p)))
}

/// An accept BIO's listening point (`BIO_new_accept`): where to listen, whether the
/// listener is non-blocking, and the listener once the first `BIO_do_accept` opened it.
/// Listening sockets reuse addresses (`SO_REUSEADDR`, as `BIO_BIND_REUSEADDR` asks).
pub(crate) struct AcceptPoint {
    name: String,
    nonblocking: bool,
    listener: Option<TcpListener>,
}

/// What one `BIO_do_accept` step did.
pub(crate) enum AcceptStep {
    /// The first step: the listening socket is open.
    Listening,
    /// A later step: a connection was accepted.
    Accepted(TcpStream),
}

impl AcceptPoint {
    /// A point that will listen on `name` (`[host:]port`, `*:port`).
    pub(crate) fn new(name: &str) -> AcceptPoint {
        AcceptPoint { name: name.to_string(), nonblocking: false, listener: None }
    }

    /// Changes where the point will listen (before it is open).
    pub(crate) fn set_name(&mut self, name: &str) {
        self.name = name.to_string();
    }

    /// Makes accepting non-blocking: with no connection waiting, a step fails with
    /// [`io::ErrorKind::WouldBlock`].
    pub(crate) fn set_nonblocking(&mut self, on: bool) {
        self.nonblocking = on;
    }

    /// Opens the listener on the first call; accepts one connection on later ones.
    pub(crate) fn step(&mut self) -> io::Result<AcceptStep> {
        match &self.listener {
            Some(listener) => listener.accept().map(|(stream, _)| AcceptStep::Accepted(stream)),
            None => {
                self.listener = Some(self.listen()?);
                Ok(AcceptStep::Listening)
            }
        }
    }

    /// A listener on the first address of the name that can be bound.
    fn listen(&self) -> io::Result<TcpListener> {
        let (host, port) = split_host_port(&self.name, true);
        let mut last = io::Error::other(format!("no address to listen on for `{}`", self.name));
        for addr in lookup(host, port, Family::Any, Role::Server)? {
            match TcpListener::bind(addr).and_then(|l| l.set_nonblocking(self.nonblocking).map(|()| l)) {
                Ok(listener) => return Ok(listener),
                Err(e) => last = io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")),
            }
        }
        Err(last)
    }
}

/// The addresses that stand for this machine when no host is given.
fn local_addresses(role: Role) -> [IpAddr; 2] {
    match role {
        Role::Client => [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)],
        Role::Server => [IpAddr::V4(Ipv4Addr::UNSPECIFIED), IpAddr::V6(Ipv6Addr::UNSPECIFIED)],
    }
}

/// The TCP port of a service: a decimal number, or a name (or alias) in /etc/services.
fn service_port(name: &str) -> Option<u16> {
    if let Ok(port) = name.parse::<u16>() {
        return Some(port);
    }
    let services = std::fs::read_to_string("/etc/services").ok()?;
    services_port(&services, name)
}

/// Finds `name`'s TCP port in text in the format of /etc/services
/// (`name port/protocol [aliases...] [# comment]`).
fn services_port(services: &str, name: &str) -> Option<u16> {
    services.lines().find_map(|line| {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let service = words.next()?;
        let (port, protocol) = words.next()?.split_once('/')?;
        let named = service == name || words.any(|alias| alias == name);
        (named && protocol == "tcp").then(|| port.parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_of_services() {
        let text = "# comment\nhttp\t\t80/tcp\t\twww # WorldWideWeb\nhttp\t80/udp\nhttps 443/tcp\ndomain 53/udp\n";
        assert_eq!(services_port(text, "http"), Some(80));
        assert_eq!(services_port(text, "www"), Some(80));
        assert_eq!(services_port(text, "https"), Some(443));
        assert_eq!(services_port(text, "domain"), None);
        assert_eq!(services_port(text, "comment"), None);
        assert_eq!(service_port("4433"), Some(4433));
        assert_eq!(service_port("70000"), None);
    }

    #[test]
    fn host_and_port_texts() {
        assert_eq!(split_host_port("4433", true), (None, Some("4433")));
        assert_eq!(split_host_port("4433", false), (Some("4433"), None));
        assert_eq!(split_host_port("*:4433", true), (None, Some("4433")));
        assert_eq!(split_host_port("localhost:https", false), (Some("localhost"), Some("https")));
        assert_eq!(split_host_port("[::1]:443", true), (Some("::1"), Some("443")));
        assert_eq!(split_host_port("example.org:", false), (Some("example.org"), None));
        assert_eq!(split_host_port("::1", false), (Some("::1"), None));
    }

    #[test]
    fn accept_point_listens_then_accepts() {
        let mut point = AcceptPoint::new("*:1");
        point.set_name("127.0.0.1:0");
        point.set_nonblocking(true);
        assert!(matches!(point.step(), Ok(AcceptStep::Listening)));
        let at = point.listener.as_ref().unwrap().local_addr().unwrap();
        assert!(matches!(point.step(), Err(e) if e.kind() == io::ErrorKind::WouldBlock));
        let client = TcpStream::connect(at).unwrap();
        let accepted = loop {
            match point.step() {
                Ok(AcceptStep::Accepted(stream)) => break stream,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => std::thread::yield_now(),
                other => panic!("unexpected step {:?}", other.err()),
            }
        };
        assert_eq!(accepted.peer_addr().unwrap(), client.local_addr().unwrap());
        let e = AcceptPoint::new("192.0.2.1:1").step().err().unwrap();
        assert!(e.to_string().contains("cannot listen on 192.0.2.1:1"), "{e}");
    }

    #[test]
    fn lookups_by_family_and_role() {
        let v4 = lookup(Some("127.0.0.1"), Some("4433"), Family::V4, Role::Client).unwrap();
        assert_eq!(v4, vec!["127.0.0.1:4433".parse().unwrap()]);
        assert!(lookup(Some("127.0.0.1"), Some("4433"), Family::V6, Role::Client).is_err());
        let server = lookup(None, Some("443"), Family::Any, Role::Server).unwrap();
        assert_eq!(server, vec!["0.0.0.0:443".parse().unwrap(), "[::]:443".parse().unwrap()]);
        let client = lookup(None, None, Family::V6, Role::Client).unwrap();
        assert_eq!(client, vec!["[::1]:0".parse().unwrap()]);
        let e = lookup(Some("localhost"), Some("no-such-service"), Family::Any, Role::Client).unwrap_err();
        assert!(e.to_string().contains("unknown service `no-such-service`"), "{e}");
    }
}

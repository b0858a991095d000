//! Session resumption and PSK against real OpenSSL in the same process (openssl-sys over
//! memory BIOs): resumption by session ID and by ticket in both directions, the server's
//! rules for declining a session (ticket before ID, extended master secret, SNI, expiry,
//! eviction, tampered tickets, ticket key rotation), the cache statistics, and every PSK
//! suite in both directions. Where OpenSSL cannot produce a case, both ends are ours.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::ossl::{
    alert_reason, exchange_check, handshake, Ossl, OsslCtx, OsslSession, Outcome, PskHooks,
    OP_NO_EXTENDED_MASTER_SECRET, PSK_IDENTITY,
};
use common::{client_config, feed_ours, records, server_config, take_ours, Failures, RSA2048};
use openssl_sys as ffi;
use tls12::internal::suites::ALL_SUITES;
use tls12::Reason;
use tls12::Session;
use tls12::SessionCache;
use tls12::{Config, Options};
use tls12::{Connection, Error};
use tls12::{DefaultHooks, Hooks};
use tls12::{KeyExchange, Suite};
use tls12::{TicketKey, TicketKeyStore, TicketKeys};

/// How the server lets a session be resumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// By session ID only (the server issues no tickets).
    Id,
    /// By ticket.
    Ticket,
}

const MODES: [Mode; 2] = [Mode::Id, Mode::Ticket];

impl Mode {
    fn options(self) -> Options {
        match self {
            Mode::Id => Options { tickets: false, ..Options::default() },
            Mode::Ticket => Options::default(),
        }
    }
}

/// What a ClientHello offers for resumption.
#[derive(Debug)]
struct Hello {
    session_id: Vec<u8>,
    /// The session_ticket extension's body, if sent.
    ticket: Option<Vec<u8>>,
    ems: bool,
    sni: Option<String>,
}

fn be16(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_be_bytes([b[at], b[at + 1]]))
}

/// Parses the (plaintext) ClientHello in `wire`.
fn parse_client_hello(wire: &[u8]) -> Hello {
    let hs: Vec<u8> = records(wire).into_iter().filter(|r| r.typ == 22).flat_map(|r| r.body).collect();
    assert_eq!(hs.first(), Some(&1), "not a ClientHello");
    let b = &hs[4..];
    let mut p = 2 + 32;
    let sid_len = usize::from(b[p]);
    let session_id = b[p + 1..p + 1 + sid_len].to_vec();
    p += 1 + sid_len;
    p += 2 + be16(b, p);
    p += 1 + usize::from(b[p]);
    let end = p + 2 + be16(b, p);
    p += 2;
    let mut hello = Hello { session_id, ticket: None, ems: false, sni: None };
    while p < end {
        let (typ, len) = (be16(b, p), be16(b, p + 2));
        let data = &b[p + 4..p + 4 + len];
        match typ {
            0 => hello.sni = Some(String::from_utf8_lossy(&data[5..5 + be16(data, 3)]).into_owned()),
            23 => hello.ems = true,
            35 => hello.ticket = Some(data.to_vec()),
            _ => {}
        }
        p += 4 + len;
    }
    hello
}

/// Our server: RSA 2048, with `options`.
fn our_server_config(options: Options) -> Config {
    let mut config = server_config(&RSA2048);
    config.options = options;
    config
}

/// A ticket key with a recognisable name (first byte `n`).
fn ticket_key(n: u8) -> TicketKey {
    let mut bytes = [n.wrapping_mul(7).wrapping_add(3); 48];
    bytes[0] = n;
    TicketKey::from_openssl_bytes(&bytes)
}

/// A ticket key store holding only `ticket_key(n)`.
fn key_store(n: u8) -> Arc<TicketKeyStore> {
    let store = TicketKeyStore::default();
    store.set(TicketKeys::new(ticket_key(n)));
    Arc::new(store)
}

/// An OpenSSL client context speaking TLS 1.2 at most.
fn openssl_client_ctx(options: u64) -> OsslCtx {
    OsslCtx::new().versions(0, ffi::TLS1_2_VERSION).options(options)
}

/// An OpenSSL server context (RSA 2048) speaking TLS 1.2 at most.
fn openssl_server_ctx(options: u64) -> OsslCtx {
    OsslCtx::new().cert(RSA2048.chain, RSA2048.key).versions(0, ffi::TLS1_2_VERSION).options(options)
}

/// One connection from an OpenSSL client (offering `session`, SNI `sni`) to our server:
/// the ClientHello it sent, how the handshake ended, and both ends.
fn openssl_to_ours(
    config: &Arc<Config>,
    cctx: &OsslCtx,
    sni: Option<&str>,
    session: Option<&OsslSession>,
) -> (Hello, Outcome, Connection, Ossl) {
    let mut client = cctx.client(sni, None);
    if let Some(session) = session {
        client.set_session(session);
    }
    let mut server = Connection::new_server(Arc::clone(config)).expect("new_server");
    assert!(!client.handshake().expect("OpenSSL ClientHello"), "OpenSSL finished alone");
    let wire = client.take();
    let hello = parse_client_hello(&wire);
    let outcome = match feed_ours(&mut server, &wire, &mut Vec::new()) {
        Ok(()) => handshake(&mut server, &mut client),
        Err(e) => {
            let alert = take_ours(&mut server);
            client.feed(&alert);
            let theirs = client.handshake().map(|_| ());
            Outcome { ours: Err(e), theirs }
        }
    };
    (hello, outcome, server, client)
}

/// A full handshake from a fresh OpenSSL client to our server; returns OpenSSL's session
/// and ours.
fn openssl_full(config: &Arc<Config>, cctx: &OsslCtx, sni: Option<&str>) -> (OsslSession, Arc<Session>) {
    let (_, out, mut server, mut client) = openssl_to_ours(config, cctx, sni, None);
    assert!(out.ok(), "full handshake: {out:?}");
    assert!(!server.session_reused() && !client.reused());
    exchange_check(&mut server, &mut client).expect("data after the full handshake");
    // Freeing an SSL that did not send close_notify marks its session not resumable.
    client.shutdown();
    (client.session().expect("OpenSSL session"), Arc::clone(server.session().expect("our session")))
}

/// Asserts a completed handshake that resumed (`reused`) or not, with data flowing.
fn expect_outcome(label: &str, out: &Outcome, server: &mut Connection, client: &mut Ossl, reused: bool) {
    assert!(out.ok(), "{label}: handshake failed: {out:?}");
    assert_eq!(server.session_reused(), reused, "{label}: our session_reused");
    assert_eq!(client.reused(), reused, "{label}: OpenSSL SSL_session_reused");
    exchange_check(server, client).unwrap_or_else(|e| panic!("{label}: data: {e}"));
}

/// How a handshake between two of our connections ended: (client, server).
type Results = (Result<(), Error>, Result<(), Error>);

/// Drives a handshake between two of our connections. Bounded.
fn pump(client: &mut Connection, server: &mut Connection) -> Results {
    let mut c: Option<Result<(), Error>> = None;
    let mut s: Option<Result<(), Error>> = None;
    if let Err(e) = client.process_new_packets() {
        c = Some(Err(e));
    }
    for _ in 0..100 {
        let mut moved = false;
        let to_server = take_ours(client);
        if !to_server.is_empty() {
            moved = true;
            if s.is_none() {
                if let Err(e) = feed_ours(server, &to_server, &mut Vec::new()) {
                    s = Some(Err(e));
                }
            }
        }
        let to_client = take_ours(server);
        if !to_client.is_empty() {
            moved = true;
            if c.is_none() {
                if let Err(e) = feed_ours(client, &to_client, &mut Vec::new()) {
                    c = Some(Err(e));
                }
            }
        }
        if c.is_none() && !client.is_handshaking() {
            c = Some(Ok(()));
        }
        if s.is_none() && !server.is_handshaking() {
            s = Some(Ok(()));
        }
        if !moved {
            break;
        }
    }
    let stalled = || Err(Error::local(Reason::INTERNAL_ERROR, "stalled"));
    (c.unwrap_or_else(stalled), s.unwrap_or_else(stalled))
}

/// Sends a message each way between two of our connections.
fn ours_exchange(client: &mut Connection, server: &mut Connection) {
    fn one_way(from: &mut Connection, to: &mut Connection) {
        let msg = b"resumed data".to_vec();
        from.write_plaintext(&msg).expect("write");
        let wire = take_ours(from);
        let mut got = Vec::new();
        feed_ours(to, &wire, &mut got).expect("read");
        assert_eq!(got, msg);
    }
    one_way(client, server);
    one_way(server, client);
}

/// Our client (offering `session`) to our server: the ClientHello, both results, both ends.
fn ours_to_ours(
    client_config: &Arc<Config>,
    server_config: &Arc<Config>,
    sni: Option<&str>,
    session: Option<Arc<Session>>,
    hooks: impl Fn() -> Option<Box<dyn Hooks>>,
) -> (Hello, Results, Connection, Connection) {
    // The hooks are in place before the ClientHello is made: they decide whether PSK
    // suites are offered.
    let client_hooks = hooks().unwrap_or_else(|| Box::new(DefaultHooks));
    let mut client = Connection::new_client_with_hooks(Arc::clone(client_config), sni, None, session, client_hooks)
        .expect("new_client");
    let mut server = Connection::new_server(Arc::clone(server_config)).expect("new_server");
    if let Some(h) = hooks() {
        server.set_hooks(h);
    }
    client.process_new_packets().expect("client start");
    let hello = parse_client_hello(client.pending_tls());
    let results = pump(&mut client, &mut server);
    (hello, results, client, server)
}

fn no_hooks() -> Option<Box<dyn Hooks>> {
    None
}

// ---------------------------------------------------------------------------------------
// 1. Resumption in both directions.

#[test]
fn our_client_resumes_with_openssl_server_by_id_and_by_ticket() {
    for mode in MODES {
        let sctx = openssl_server_ctx(if mode == Mode::Id { ffi::SSL_OP_NO_TICKET } else { 0 });
        let config = Arc::new(client_config(false));
        let mut c1 = Connection::new_client(Arc::clone(&config), Some("localhost"), None).unwrap();
        let mut s1 = sctx.server();
        let out = handshake(&mut c1, &mut s1);
        assert!(out.ok(), "{mode:?} full: {out:?}");
        assert!(!c1.session_reused() && !s1.reused());
        exchange_check(&mut c1, &mut s1).unwrap();
        let session = Arc::clone(c1.session().expect("session"));
        match mode {
            Mode::Id => {
                assert!(session.ticket.is_none(), "OpenSSL sent a ticket with SSL_OP_NO_TICKET");
                assert_eq!(session.id.len(), 32);
            }
            Mode::Ticket => assert!(session.ticket.as_ref().is_some_and(|t| !t.is_empty()), "no ticket"),
        }

        let mut c2 =
            Connection::new_client_resuming(Arc::clone(&config), Some("localhost"), None, Some(Arc::clone(&session)))
                .unwrap();
        c2.process_new_packets().unwrap();
        let hello = parse_client_hello(c2.pending_tls());
        match mode {
            Mode::Id => assert_eq!(hello.session_id, session.id),
            Mode::Ticket => assert_eq!(hello.ticket, session.ticket),
        }
        let mut s2 = sctx.server();
        let out = handshake(&mut c2, &mut s2);
        assert!(out.ok(), "{mode:?} resumption: {out:?}");
        assert!(c2.session_reused(), "{mode:?}: we did not resume");
        assert!(s2.reused(), "{mode:?}: OpenSSL did not resume");
        assert_eq!(c2.session().unwrap().master_secret[..], session.master_secret[..]);
        exchange_check(&mut c2, &mut s2).unwrap();
    }
}

#[test]
fn openssl_client_resumes_with_our_server_by_id_and_by_ticket() {
    for mode in MODES {
        let config = Arc::new(our_server_config(mode.options()));
        let cctx = openssl_client_ctx(0);
        let (sess, ours) = openssl_full(&config, &cctx, Some("localhost"));
        match mode {
            Mode::Id => {
                assert!(sess.ticket().is_none(), "our server issued a ticket with OP_NO_TICKET");
                assert_eq!(sess.id(), ours.id, "OpenSSL keeps the ID we assigned");
                assert_eq!(config.session_cache.len(), 1);
            }
            Mode::Ticket => assert!(sess.ticket().is_some(), "no ticket from our server"),
        }
        let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, Some("localhost"), Some(&sess));
        match mode {
            Mode::Id => assert_eq!(hello.session_id, ours.id),
            Mode::Ticket => assert_eq!(hello.ticket, sess.ticket()),
        }
        expect_outcome(&format!("{mode:?}"), &out, &mut server, &mut client, true);
        assert_eq!(server.session().unwrap().master_secret[..], ours.master_secret[..]);
        let stats = config.session_cache.stats();
        assert_eq!((stats.hits, stats.accept, stats.accept_good), (1, 2, 2), "{mode:?}: {stats:?}");
    }
}

// ---------------------------------------------------------------------------------------
// 2. The rules.

/// A ClientHello with a valid ticket (of session 2) and a valid session ID (of session 1):
/// the ticket's session is resumed. OpenSSL checks the Finished with session 2's master
/// secret, so resuming session 1 by ID would fail the handshake.
#[test]
fn ticket_takes_precedence_over_the_session_id() {
    let config = Arc::new(our_server_config(Options::default()));
    let cctx = openssl_client_ctx(0);
    let (_, ours1) = openssl_full(&config, &cctx, None);
    let (sess2, ours2) = openssl_full(&config, &cctx, None);
    assert_ne!(ours1.master_secret[..], ours2.master_secret[..]);
    assert_eq!(config.session_cache.len(), 2, "both sessions are cached by ID too");
    sess2.set_id(&ours1.id);
    let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess2));
    assert_eq!(hello.session_id, ours1.id);
    assert_eq!(hello.ticket, sess2.ticket());
    expect_outcome("ticket + ID", &out, &mut server, &mut client, true);
    assert_eq!(server.session().unwrap().master_secret[..], ours2.master_secret[..]);
}

/// A ClientHello with an invalid ticket and a valid session ID: no fallback to the ID
/// cache (RFC 5077 3.4), a full handshake. The same ID without the ticket still resumes.
#[test]
fn a_failed_ticket_does_not_fall_back_to_the_session_id() {
    let mut config = our_server_config(Options::default());
    config.ticket_keys = key_store(1);
    let config = Arc::new(config);
    let cctx = openssl_client_ctx(0);
    let (sess, ours) = openssl_full(&config, &cctx, None);
    sess.set_id(&ours.id);
    config.ticket_keys.set(TicketKeys::new(ticket_key(2)));
    let before = config.session_cache.stats();
    let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess));
    assert_eq!(hello.session_id, ours.id);
    assert!(hello.ticket.as_ref().is_some_and(|t| !t.is_empty()));
    expect_outcome("bad ticket + good ID", &out, &mut server, &mut client, false);
    let after = config.session_cache.stats();
    assert_eq!(after.hits, before.hits, "the ID cache was consulted: {after:?}");

    // Control: the ID alone (no ticket offered) resumes, so it was valid all along.
    let no_ticket = openssl_client_ctx(ffi::SSL_OP_NO_TICKET);
    let (hello, out, mut server, mut client) = openssl_to_ours(&config, &no_ticket, None, Some(&sess));
    assert_eq!((hello.session_id, hello.ticket), (ours.id.clone(), None));
    expect_outcome("good ID alone", &out, &mut server, &mut client, true);
}

/// A session made without extended master secret, offered by a client that now offers
/// it: a full handshake (with EMS).
#[test]
fn ems_session_without_ems_offered_with_ems_gets_a_full_handshake() {
    for mode in MODES {
        let config = Arc::new(our_server_config(mode.options()));
        let (sess, ours) = openssl_full(&config, &openssl_client_ctx(OP_NO_EXTENDED_MASTER_SECRET), None);
        assert!(!ours.extended_master_secret);
        let (hello, out, mut server, mut client) = openssl_to_ours(&config, &openssl_client_ctx(0), None, Some(&sess));
        assert!(hello.ems, "{mode:?}: OpenSSL did not offer EMS");
        match mode {
            Mode::Id => assert_eq!(hello.session_id, ours.id),
            Mode::Ticket => assert!(hello.ticket.as_ref().is_some_and(|t| !t.is_empty())),
        }
        expect_outcome(&format!("{mode:?}"), &out, &mut server, &mut client, false);
        assert!(server.extended_master_secret() && client.extms() == 1);
    }
}

/// A session made with extended master secret, offered without it: the server aborts
/// with handshake_failure (RFC 7627 5.3). OpenSSL's client with
/// SSL_OP_NO_EXTENDED_MASTER_SECRET set still offers such a session; so does our client
/// with OP_NO_EXTENDED_MASTER_SECRET.
#[test]
fn ems_session_with_ems_offered_without_ems_is_fatal() {
    for mode in MODES {
        let config = Arc::new(our_server_config(mode.options()));
        let (sess, ours) = openssl_full(&config, &openssl_client_ctx(0), None);
        assert!(ours.extended_master_secret);
        let (hello, out, _server, _client) =
            openssl_to_ours(&config, &openssl_client_ctx(OP_NO_EXTENDED_MASTER_SECRET), None, Some(&sess));
        let offered = match mode {
            Mode::Id => hello.session_id == ours.id,
            Mode::Ticket => hello.ticket.as_ref().is_some_and(|t| !t.is_empty()),
        };
        assert!(offered, "{mode:?}: OpenSSL did not offer the session");
        assert!(!hello.ems, "{mode:?}: OpenSSL offered EMS despite SSL_OP_NO_EXTENDED_MASTER_SECRET");
        let err = out.ours.as_ref().expect_err("our server resumed or went on");
        assert_eq!(err.reason, Reason::INCONSISTENT_EXTMS, "{mode:?}: {err}");
        let theirs = out.theirs.as_ref().expect_err("OpenSSL went on");
        assert!(theirs.has_reason(alert_reason(40)), "{mode:?}: OpenSSL saw {theirs:?}");

        // The same with our client (its configuration has OP_NO_EXTENDED_MASTER_SECRET).
        let mut cconf = client_config(false);
        cconf.options.extended_master_secret = false;
        let ours_session = Arc::new(Session { ticket: sess.ticket(), ..Session::clone(&ours) });
        let (hello, (c, s), _, _) = ours_to_ours(&Arc::new(cconf), &config, None, Some(ours_session), no_hooks);
        assert!(!hello.ems);
        match mode {
            Mode::Id => assert_eq!(hello.session_id, ours.id),
            Mode::Ticket => assert_eq!(hello.ticket, sess.ticket()),
        }
        let err = s.expect_err("our server went on");
        assert_eq!(err.reason, Reason::INCONSISTENT_EXTMS, "{mode:?}: {err}");
        assert!(c.is_err(), "our client went on");
        let stats = config.session_cache.stats();
        assert_eq!((stats.accept, stats.accept_good), (3, 1), "{mode:?}: {stats:?}");
    }
}

/// A session made for server name A, offered with SNI B: a full handshake; with A it
/// resumes.
#[test]
fn sni_mismatch_gets_a_full_handshake() {
    for mode in MODES {
        let config = Arc::new(our_server_config(mode.options()));
        let cctx = openssl_client_ctx(0);
        let (sess, ours) = openssl_full(&config, &cctx, Some("a.example"));
        assert_eq!(ours.server_name.as_deref(), Some("a.example"));
        let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, Some("b.example"), Some(&sess));
        assert_eq!(hello.sni.as_deref(), Some("b.example"));
        match mode {
            Mode::Id => assert_eq!(hello.session_id, ours.id, "OpenSSL did not offer the session"),
            Mode::Ticket => assert!(hello.ticket.as_ref().is_some_and(|t| !t.is_empty())),
        }
        expect_outcome(&format!("{mode:?} B"), &out, &mut server, &mut client, false);
        let (_, out, mut server, mut client) = openssl_to_ours(&config, &cctx, Some("a.example"), Some(&sess));
        expect_outcome(&format!("{mode:?} A"), &out, &mut server, &mut client, true);
    }
}

/// session_timeout 1 s and 2 s later: a full handshake, by ID (counted as a timeout)
/// and by ticket. One sleep serves both.
#[test]
fn expired_sessions_get_a_full_handshake() {
    let cctx = openssl_client_ctx(0);
    let made: Vec<(Mode, Arc<Config>, OsslSession, Arc<Session>)> = MODES
        .iter()
        .map(|&mode| {
            let mut config = our_server_config(mode.options());
            config.session_timeout = 1;
            let config = Arc::new(config);
            let (sess, ours) = openssl_full(&config, &cctx, None);
            (mode, config, sess, ours)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(2100));
    for (mode, config, sess, ours) in made {
        let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess));
        match mode {
            Mode::Id => assert_eq!(hello.session_id, ours.id, "OpenSSL did not offer the session"),
            Mode::Ticket => assert!(hello.ticket.as_ref().is_some_and(|t| !t.is_empty()), "no ticket offered"),
        }
        expect_outcome(&format!("{mode:?}"), &out, &mut server, &mut client, false);
        let stats = config.session_cache.stats();
        if mode == Mode::Id {
            assert_eq!((stats.timeouts, stats.misses, stats.hits), (1, 1, 0), "{stats:?}");
        } else {
            assert_eq!(stats.hits, 0, "{stats:?}");
        }
    }
}

/// A cache of one session: the second session evicts the first (counted as cache_full),
/// which then gets a full handshake while the second resumes.
#[test]
fn evicted_sessions_get_a_full_handshake() {
    let mut config = our_server_config(Options { tickets: false, ..Options::default() });
    config.session_cache = Arc::new(SessionCache::new(1));
    let config = Arc::new(config);
    let cctx = openssl_client_ctx(0);
    let (sess_a, ours_a) = openssl_full(&config, &cctx, None);
    let (sess_b, _) = openssl_full(&config, &cctx, None);
    assert_eq!(config.session_cache.len(), 1);
    assert_eq!(config.session_cache.stats().cache_full, 1);
    let (_, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess_b));
    expect_outcome("second", &out, &mut server, &mut client, true);
    let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess_a));
    assert_eq!(hello.session_id, ours_a.id);
    expect_outcome("first (evicted)", &out, &mut server, &mut client, false);
    let stats = config.session_cache.stats();
    assert_eq!((stats.hits, stats.misses, stats.cache_full), (1, 1, 2), "{stats:?}");
    assert_eq!(config.session_cache.len(), 1);
}

/// A ticket with any byte flipped (key name, nonce, body, tag) or truncated: a full
/// handshake, never an error.
#[test]
fn tampered_tickets_get_a_full_handshake() {
    let server_config = Arc::new(our_server_config(Options::default()));
    let client = Arc::new(client_config(false));
    let (_, (c, s), c1, _) = ours_to_ours(&client, &server_config, None, None, no_hooks);
    c.unwrap();
    s.unwrap();
    let session = Arc::clone(c1.session().unwrap());
    let ticket = session.ticket.clone().expect("ticket");
    assert!(ticket.len() > 60);
    // Control: the untouched ticket resumes.
    let (_, (c, s), cc, sc) = ours_to_ours(&client, &server_config, None, Some(Arc::clone(&session)), no_hooks);
    assert!(c.is_ok() && s.is_ok() && cc.session_reused() && sc.session_reused());

    let mut f = Failures::default();
    let mut variants: Vec<(String, Vec<u8>)> =
        [0, 15, 16, 27, 28, 40, ticket.len() / 2, ticket.len() - 17, ticket.len() - 1]
            .iter()
            .map(|&i| {
                let mut t = ticket.clone();
                t[i] ^= 0x01;
                (format!("byte {i} flipped"), t)
            })
            .collect();
    variants.push(("truncated".into(), ticket[..ticket.len() - 1].to_vec()));
    variants.push(("short".into(), ticket[..20].to_vec()));
    for (label, bad) in variants {
        f.run(&label, || {
            let tampered = Arc::new(Session { ticket: Some(bad.clone()), ..Session::clone(&session) });
            let (hello, (c, s), mut cc, mut sc) = ours_to_ours(&client, &server_config, None, Some(tampered), no_hooks);
            if hello.ticket.as_deref() != Some(&bad[..]) {
                return Err("the tampered ticket was not sent".into());
            }
            c.map_err(|e| format!("client: {e}"))?;
            s.map_err(|e| format!("server: {e}"))?;
            if cc.session_reused() || sc.session_reused() {
                return Err("resumed".into());
            }
            ours_exchange(&mut cc, &mut sc);
            Ok(())
        });
    }
    f.assert_none("tampered tickets");
}

/// Ticket key rotation: a ticket under a previous key resumes and is renewed under the
/// current key; the renewed ticket resumes without renewal; once its key is removed it
/// gets a full handshake. OpenSSL is the client.
#[test]
fn rotated_ticket_keys() {
    let mut config = our_server_config(Options::default());
    config.ticket_keys = key_store(1);
    let config = Arc::new(config);
    let cctx = openssl_client_ctx(0);
    let (sess1, _) = openssl_full(&config, &cctx, None);
    let t1 = sess1.ticket().expect("ticket");
    assert_eq!(&t1[..16], ticket_key(1).name());

    let mut keys = TicketKeys::new(ticket_key(1));
    keys.rotate(ticket_key(2));
    config.ticket_keys.set(keys);
    let (_, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess1));
    expect_outcome("old key", &out, &mut server, &mut client, true);
    client.shutdown();
    let sess2 = client.session().unwrap();
    let t2 = sess2.ticket().expect("renewed ticket");
    assert_ne!(t2, t1, "the ticket was not renewed");
    assert_eq!(&t2[..16], ticket_key(2).name(), "renewed under the current key");

    let (_, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(&sess2));
    expect_outcome("current key", &out, &mut server, &mut client, true);
    assert_eq!(client.session().unwrap().ticket(), Some(t2.clone()), "a current ticket is not renewed");

    config.ticket_keys.set(TicketKeys::new(ticket_key(3)));
    for (label, sess) in [("removed key 2", &sess2), ("removed key 1", &sess1)] {
        let (hello, out, mut server, mut client) = openssl_to_ours(&config, &cctx, None, Some(sess));
        assert!(hello.ticket.as_ref().is_some_and(|t| !t.is_empty()));
        expect_outcome(label, &out, &mut server, &mut client, false);
        assert_eq!(&client.session().unwrap().ticket().unwrap()[..16], ticket_key(3).name());
    }
}

/// hits, misses, timeouts, accept and accept_good over a known sequence.
#[test]
fn cache_statistics() {
    let config = Arc::new(our_server_config(Options::default()));
    let ids = openssl_client_ctx(ffi::SSL_OP_NO_TICKET);
    let tickets = openssl_client_ctx(0);
    let (sess, ours) = openssl_full(&config, &ids, None);
    let (_, out, mut server, mut client) = openssl_to_ours(&config, &ids, None, Some(&sess));
    expect_outcome("by ID", &out, &mut server, &mut client, true);
    assert!(config.session_cache.remove(&ours.id).is_some());
    let (_, out, mut server, mut client) = openssl_to_ours(&config, &ids, None, Some(&sess));
    expect_outcome("removed ID", &out, &mut server, &mut client, false);
    let (tsess, _) = openssl_full(&config, &tickets, None);
    let (_, out, mut server, mut client) = openssl_to_ours(&config, &tickets, None, Some(&tsess));
    expect_outcome("by ticket", &out, &mut server, &mut client, true);
    let stats = config.session_cache.stats();
    assert_eq!(stats.hits, 2, "{stats:?}");
    assert_eq!(stats.misses, 1, "{stats:?}");
    assert_eq!(stats.timeouts, 0, "{stats:?}");
    assert_eq!(stats.cache_full, 0, "{stats:?}");
    assert_eq!((stats.accept, stats.accept_good), (5, 5), "{stats:?}");
    assert_eq!(stats.connect, 0, "{stats:?}");
}

// ---------------------------------------------------------------------------------------
// 3. PSK.

fn psk_suites() -> Vec<&'static Suite> {
    ALL_SUITES.iter().filter(|s| s.kx.uses_psk()).collect()
}

fn psk_hooks() -> Option<Box<dyn Hooks>> {
    Some(Box::new(PskHooks))
}

/// Our PSK client configuration for `suite`. OpenSSL's automatic DH parameters for
/// DHE-PSK without a certificate are 1024 bits for 128-bit suites, so that is accepted.
fn our_psk_client(suite: &'static Suite) -> Config {
    let mut config = client_config(false);
    config.suites = vec![suite];
    config.min_dh_bits = 1024;
    config
}

/// Our PSK server configuration for `suite` (RSA_PSK gets the RSA certificate).
fn our_psk_server(suite: &'static Suite, options: Options) -> Config {
    let mut config = if suite.kx == KeyExchange::RsaPsk { server_config(&RSA2048) } else { Config::default() };
    config.suites = vec![suite];
    config.options = options;
    config
}

#[test]
fn every_psk_suite_both_directions() {
    let suites = psk_suites();
    assert_eq!(suites.len(), 26, "{:?}", suites.iter().map(|s| s.openssl_name).collect::<Vec<_>>());
    let mut f = Failures::default();
    for suite in suites {
        let name = suite.openssl_name;
        f.run(&format!("our client, {name}"), || {
            let mut sctx = OsslCtx::new().versions(0, ffi::TLS1_2_VERSION).ciphers(name).psk();
            if suite.kx == KeyExchange::RsaPsk {
                sctx = sctx.cert(RSA2048.chain, RSA2048.key);
            }
            let mut theirs = sctx.server();
            let config = Arc::new(our_psk_client(suite));
            let mut ours = Connection::new_client_with_hooks(config, None, None, None, Box::new(PskHooks)).unwrap();
            let out = handshake(&mut ours, &mut theirs);
            if !out.ok() {
                return Err(format!("handshake: {out:?}"));
            }
            if ours.suite().map(|s| s.openssl_name) != Some(name) || theirs.cipher_name().as_deref() != Some(name) {
                return Err(format!("suite ours {:?} OpenSSL {:?}", ours.suite(), theirs.cipher_name()));
            }
            if ours.psk_identity() != Some(PSK_IDENTITY) || theirs.psk_identity().as_deref() != Some(PSK_IDENTITY) {
                return Err(format!("identity ours {:?} OpenSSL {:?}", ours.psk_identity(), theirs.psk_identity()));
            }
            exchange_check(&mut ours, &mut theirs)
        });
        f.run(&format!("our server, {name}"), || {
            let cctx = OsslCtx::new().versions(0, ffi::TLS1_2_VERSION).ciphers(name).psk();
            let mut theirs = cctx.client(None, None);
            let mut ours = Connection::new_server(Arc::new(our_psk_server(suite, Options::default()))).unwrap();
            ours.set_hooks(Box::new(PskHooks));
            let out = handshake(&mut ours, &mut theirs);
            if !out.ok() {
                return Err(format!("handshake: {out:?}"));
            }
            if ours.suite().map(|s| s.openssl_name) != Some(name) || theirs.cipher_name().as_deref() != Some(name) {
                return Err(format!("suite ours {:?} OpenSSL {:?}", ours.suite(), theirs.cipher_name()));
            }
            if ours.psk_identity() != Some(PSK_IDENTITY) {
                return Err(format!("our identity {:?}", ours.psk_identity()));
            }
            exchange_check(&mut ours, &mut theirs)
        });
    }
    f.assert_none("PSK suites");
}

/// A PSK session resumes between our ends, by ID and by ticket, and keeps its identity.
#[test]
fn psk_sessions_resume_between_our_ends() {
    let mut f = Failures::default();
    for name in ["ECDHE-PSK-CHACHA20-POLY1305", "PSK-AES128-GCM-SHA256", "RSA-PSK-AES256-GCM-SHA384"] {
        let suite = ALL_SUITES.iter().find(|s| s.openssl_name == name).unwrap();
        for mode in MODES {
            f.run(&format!("{name} {mode:?}"), || {
                let client = Arc::new(our_psk_client(suite));
                let server = Arc::new(our_psk_server(suite, mode.options()));
                let (_, (c, s), c1, _) = ours_to_ours(&client, &server, None, None, psk_hooks);
                c.map_err(|e| format!("full, client: {e}"))?;
                s.map_err(|e| format!("full, server: {e}"))?;
                let session = Arc::clone(c1.session().ok_or("no session")?);
                if session.psk_identity.as_deref() != Some(PSK_IDENTITY) {
                    return Err(format!("session identity {:?}", session.psk_identity));
                }
                if (mode == Mode::Ticket) != session.ticket.is_some() {
                    return Err(format!("ticket {:?}", session.ticket.as_ref().map(Vec::len)));
                }
                let (hello, (c, s), mut c2, mut s2) =
                    ours_to_ours(&client, &server, None, Some(Arc::clone(&session)), psk_hooks);
                match mode {
                    Mode::Id if hello.session_id != session.id => return Err("ID not offered".into()),
                    Mode::Ticket if hello.ticket != session.ticket => return Err("ticket not offered".into()),
                    _ => {}
                }
                c.map_err(|e| format!("resumption, client: {e}"))?;
                s.map_err(|e| format!("resumption, server: {e}"))?;
                if !c2.session_reused() || !s2.session_reused() {
                    return Err(format!("reused: client {} server {}", c2.session_reused(), s2.session_reused()));
                }
                if c2.psk_identity() != Some(PSK_IDENTITY) || s2.psk_identity() != Some(PSK_IDENTITY) {
                    return Err(format!("identity client {:?} server {:?}", c2.psk_identity(), s2.psk_identity()));
                }
                ours_exchange(&mut c2, &mut s2);
                Ok(())
            });
        }
    }
    f.assert_none("PSK resumption");
}

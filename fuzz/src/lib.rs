//! Shared code of the fuzz targets: configurations with the test PKI, well-formed
//! starting points made by our own engine, and the checks every input must pass
//! (no panic, no hang, a failure that sticks and is announced with its alert).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rustls_pki_types::CertificateDer;

use tls12::internal::msgs::{
    self, CertificateRequest, ClientHello, ClientKeyExchange, ContentType, Extensions, HandshakeType,
    Reader, ServerHello, ServerKeyExchange,
};
use tls12::internal::record::{HandshakeJoiner, RecordLayer};
use tls12::internal::verify::{Purpose, VerifyParams};
use tls12::keys::{self, CertifiedKey};
use tls12::{Config, Connection, KeyExchange, RootStore};

#[path = "../../tests/common/certs.rs"]
mod certs;

/// The test PKI (generated on first use into the repository's `target/test-certs`).
fn certs_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ has a parent");
        certs::ensure_test_certs(repo, &repo.join("target"))
    })
}

fn certified_key(chain: &str, key: &str) -> Arc<CertifiedKey> {
    let dir = certs_dir();
    let chain = keys::certs_from_pem_file(&dir.join(chain)).expect("chain");
    let key = keys::key_from_pem(&std::fs::read(dir.join(key)).expect("key file")).expect("key");
    Arc::new(CertifiedKey { chain, key })
}

/// A server with both an RSA and an ECDSA certificate, so every suite is possible.
pub fn server_config() -> Arc<Config> {
    static CONFIG: OnceLock<Arc<Config>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let mut config = Config::default();
            config.certs.rsa = Some(certified_key("rsa-chain.pem", "rsa.key"));
            config.certs.ecdsa = Some(certified_key("ecdsa-chain.pem", "ecdsa.key"));
            Arc::new(config)
        })
        .clone()
}

/// A client that trusts the test root.
pub fn client_config() -> Arc<Config> {
    static CONFIG: OnceLock<Arc<Config>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let mut roots = RootStore::default();
            roots.add_pem_file(&certs_dir().join("ca.pem")).expect("ca.pem");
            Arc::new(Config { roots: Arc::new(roots), ..Config::default() })
        })
        .clone()
}

/// A new client whose ClientHello has been taken off the wire; returns it too.
pub fn client() -> (Connection, Vec<u8>) {
    let mut conn = Connection::new_client(client_config(), Some("localhost"), Some("localhost")).expect("client");
    conn.process_new_packets().expect("a new client makes progress");
    let hello = conn.pending_tls().to_vec();
    conn.consume_tls(hello.len());
    (conn, hello)
}

/// A new server.
pub fn server() -> Connection {
    Connection::new_server(server_config()).expect("server")
}

/// Feeds `data` to `conn` in the way a socket loop would, then checks the contract of a
/// failure: the error is reported again by every later call, `fatal_error` holds it, no
/// application data can be written, and the alert (if any) is the last thing queued.
pub fn feed(conn: &mut Connection, data: &[u8]) {
    let mut offset = 0;
    let mut idle = 0;
    let mut buf = [0u8; 4096];
    let result = loop {
        let taken = conn.read_tls(&data[offset..]);
        offset += taken;
        let r = conn.process_new_packets();
        while conn.read_plaintext(&mut buf) > 0 {}
        if r.is_err() || offset >= data.len() {
            break r;
        }
        idle = if taken == 0 { idle + 1 } else { 0 };
        assert!(idle < 4, "the engine stopped taking input");
    };
    let Err(err) = result else {
        if !conn.is_handshaking() && !conn.sent_close_notify() {
            conn.write_plaintext(b"still works").expect("write after a good handshake");
        }
        return;
    };
    assert_eq!(conn.fatal_error(), Some(&err), "fatal_error() after {err:?}");
    assert_eq!(conn.process_new_packets().err(), Some(err.clone()), "the error must stick");
    assert!(conn.write_plaintext(b"x").is_err(), "write_plaintext after {err:?}");
    if let Some(alert) = err.alert {
        let last = last_record(conn.pending_tls());
        let Some((typ, body)) = last else { panic!("error {err:?} but nothing queued") };
        assert_eq!(typ, u8::from(ContentType::Alert), "last record queued after {err:?}");
        // A 2-byte body is a plaintext alert; an encrypted one is longer and opaque.
        if body.len() == 2 {
            assert_eq!(body, [2, u8::from(alert)], "queued alert for {err:?}");
        }
    }
}

/// The type and body of the last complete record in `wire`.
fn last_record(mut wire: &[u8]) -> Option<(u8, &[u8])> {
    let mut last = None;
    while wire.len() >= 5 {
        let len = usize::from(u16::from_be_bytes([wire[3], wire[4]]));
        let end = (5 + len).min(wire.len());
        last = Some((wire[0], &wire[5..end]));
        wire = &wire[end..];
    }
    last
}

/// Our server's answer to our client's ClientHello: the client (expecting it) and the
/// flight.
pub fn client_and_server_flight() -> (Connection, Vec<u8>) {
    let (client, hello) = client();
    let mut server = server();
    feed(&mut server, &hello);
    let flight = server.pending_tls().to_vec();
    (client, flight)
}

/// Decodes, re-encodes and decodes again: both decodings must agree.
macro_rules! roundtrip {
    ($decode:expr, $encode:expr, $body:expr) => {
        if let Ok(first) = $decode($body) {
            let again = $encode(&first);
            let second = $decode(&again[..]).expect("re-encoded message must decode");
            assert_eq!(format!("{first:?}"), format!("{second:?}"), "roundtrip changed the message");
        }
    };
}

/// Every key exchange, for the decoders whose format depends on it.
const KEY_EXCHANGES: [KeyExchange; 7] = [
    KeyExchange::Ecdhe,
    KeyExchange::Dhe,
    KeyExchange::Rsa,
    KeyExchange::Psk,
    KeyExchange::DhePsk,
    KeyExchange::EcdhePsk,
    KeyExchange::RsaPsk,
];

/// Runs the decoder for handshake type `typ` on `body`, with a roundtrip check where the
/// message has an encoder. `kx_pick` chooses the key exchange for the messages whose
/// format depends on it.
pub fn decode_message(typ: HandshakeType, kx_pick: u8, body: &[u8]) {
    let kx = KEY_EXCHANGES[usize::from(kx_pick) % KEY_EXCHANGES.len()];
    match typ {
        HandshakeType::ClientHello => roundtrip!(ClientHello::decode, ClientHello::encode, body),
        HandshakeType::ServerHello => roundtrip!(ServerHello::decode, ServerHello::encode, body),
        HandshakeType::Certificate => {
            if let Ok(chain) = msgs::decode_certificate(body) {
                let again = msgs::encode_certificate(&chain);
                assert_eq!(msgs::decode_certificate(&again).expect("re-decode"), chain);
            }
        }
        HandshakeType::ServerKeyExchange => {
            roundtrip!(|b| ServerKeyExchange::decode(b, kx), ServerKeyExchange::encode, body)
        }
        HandshakeType::CertificateRequest => {
            roundtrip!(CertificateRequest::decode, CertificateRequest::encode, body)
        }
        HandshakeType::ClientKeyExchange => {
            roundtrip!(|b| ClientKeyExchange::decode(b, kx), |m: &ClientKeyExchange| m.encode(kx), body)
        }
        other => {
            let _ = msgs::expect_empty(body, other);
        }
    }
}

/// Splits a fuzz input into a selector byte and the rest.
pub fn split(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&first, rest)) => (first, rest),
        None => (0, data),
    }
}

/// Decodes an extension block (as it ends a hello) and re-encodes it.
pub fn decode_extensions(data: &[u8]) {
    let mut r = Reader::new(data, "extensions");
    if let Ok(first) = Extensions::decode(&mut r) {
        let mut again = Vec::new();
        first.encode(&mut again);
        let second = Extensions::decode(&mut Reader::new(&again, "extensions")).expect("re-decode");
        assert_eq!(first, second);
    }
}

/// The record layer and handshake reassembly on arbitrary input: the first byte picks
/// the size of the pieces the input arrives in.
pub fn deframe(data: &[u8]) {
    let Some((&chunk, data)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(chunk).max(1) * 7;
    let mut layer = RecordLayer::default();
    let mut joiner = HandshakeJoiner::default();
    for piece in data.chunks(chunk) {
        let mut rest = piece;
        while !rest.is_empty() {
            let n = layer.buffer_input(rest);
            rest = &rest[n..];
            loop {
                match layer.next_record() {
                    Ok(Some(record)) => {
                        assert!(record.payload.len() <= tls12::internal::record::MAX_FRAGMENT);
                        if record.content_type == ContentType::Handshake {
                            joiner.push(record.payload);
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        assert!(e.alert.is_some(), "record errors carry an alert: {e:?}");
                        return;
                    }
                }
                loop {
                    match joiner.pop(|typ| tls12::internal::msgs::max_message_len(typ, false, 100 * 1024)) {
                        Ok(Some(msg)) => decode_message(msg.typ, 0, msg.body()),
                        Ok(None) => break,
                        Err(_) => return,
                    }
                }
            }
            if n == 0 {
                return;
            }
        }
    }
}

/// How much CPU time one input may take (`TLS12_FUZZ_SLOW_MS`, 100 ms by default): super-linear
/// cost is a finding, not only a hang.
fn slow_input_limit() -> Duration {
    static LIMIT: OnceLock<Duration> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let ms = std::env::var("TLS12_FUZZ_SLOW_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
        Duration::from_millis(ms)
    })
}

/// The CPU time this thread has used: unlike wall-clock time, it does not grow when
/// other processes take the machine's cores.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid clock id and a timespec to write.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs one input through `target` and fails (a libFuzzer crash, input saved) when it
/// takes more CPU time than the slow-input limit twice in a row: the second run tells
/// real cost from cache and allocator effects of a busy machine.
pub fn within_budget(data: &[u8], target: impl Fn(&[u8])) {
    let limit = slow_input_limit();
    for attempt in 0..2 {
        let start = thread_cpu_time();
        target(data);
        let spent = thread_cpu_time().saturating_sub(start);
        if spent <= limit {
            return;
        }
        if attempt == 1 {
            panic!("slow input: {} bytes took {spent:?} (limit {limit:?})", data.len());
        }
    }
}

/// The test root, as the chain-verification target trusts it.
fn test_root() -> &'static CertificateDer<'static> {
    static ROOT: OnceLock<CertificateDer<'static>> = OnceLock::new();
    ROOT.get_or_init(|| {
        let mut roots = keys::certs_from_pem_file(&certs_dir().join("ca.pem")).expect("ca.pem");
        roots.swap_remove(0)
    })
}

/// Verifies a certificate list (a Certificate message body) as a peer's chain. The
/// selector byte picks the purpose (bit 0), `X509_V_FLAG_PARTIAL_CHAIN` (bit 1) and how
/// many of the list's last certificates join the test root in the trust store (bits
/// 2-4), so that paths can end at anchors the input controls.
pub fn verify_peer_chain(data: &[u8]) {
    let (selector, body) = split(data);
    let Ok(chain) = msgs::decode_certificate(body) else { return };
    if chain.is_empty() {
        return;
    }
    let anchors = usize::from((selector >> 2) & 7).min(chain.len());
    let mut trusted = vec![test_root().clone()];
    trusted.extend_from_slice(&chain[chain.len() - anchors..]);
    let roots = RootStore::from_certs(&trusted);
    let purpose = if selector & 1 == 0 { Purpose::ServerAuth } else { Purpose::ClientAuth };
    let mut params = VerifyParams::new(purpose);
    params.flags.partial_chain = selector & 2 != 0;
    let result = tls12::internal::verify::verify_chain(&roots, &chain, &params);
    // A verdict always has OpenSSL's text, success or not.
    assert!(!result.text().is_empty());
}

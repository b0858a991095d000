//! The rustls side of `make bench`: the cases of bench/bench.c that rustls can run,
//! measured the same way, with rustls 0.23 and its ring provider.
//!
//!   bench-rustls CERTDIR [SECONDS [CASE...]]
//!
//! Client and server live in this one process and one thread and talk through an
//! in-memory pipe (two byte queues), as bench.c's two SSLs talk through a BIO pair. Rates
//! are per second of the process's CPU time over a wall-clock budget of SECONDS (default
//! 1.5) per case. The output lines are bench.c's (see there): `handshake`, `resumed`,
//! `memory`, `bulk NAME send|recv`, `peak_rss`, `library`, `skipped`. Cases that rustls
//! cannot run (DHE, RSA key exchange, CBC suites) print nothing; the table shows n/a.
//!
//! Heap is counted by this program's global allocator, block by block with
//! `malloc_usable_size`, which is how bench.c counts the heap of the two C libraries: the
//! `memory` line is what dropping an established server connection releases.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rustls::client::{Resumption, Tls12Resumption};
use rustls::crypto::{ring, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::server::{NoServerSessionStorage, ServerSessionMemoryCache};
use rustls::{
    ClientConfig, ClientConnection, ConnectionCommon, HandshakeKind, RootCertStore, ServerConfig, ServerConnection,
    SupportedCipherSuite,
};

/// Bytes of live heap blocks, as `malloc_usable_size` reports them.
static LIVE_HEAP: AtomicIsize = AtomicIsize::new(0);

/// The system allocator (glibc's malloc, as the C libraries use), counting live bytes.
struct CountingAllocator;

/// The usable size of a block that the system allocator returned.
fn usable_size(block: *mut u8) -> isize {
    // SAFETY: `block` is a live block of the system allocator, which is glibc's malloc.
    unsafe { libc::malloc_usable_size(block.cast()) as isize }
}

// SAFETY: every call is forwarded to `System` unchanged; only a counter is updated.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on to `System`.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            LIVE_HEAP.fetch_add(usable_size(block), Ordering::Relaxed);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on to `System`.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            LIVE_HEAP.fetch_add(usable_size(block), Ordering::Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        LIVE_HEAP.fetch_sub(usable_size(block), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on to `System`.
        unsafe { System.dealloc(block, layout) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = usable_size(block);
        // SAFETY: the caller's contract is passed on to `System`.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            LIVE_HEAP.fetch_add(usable_size(moved) - old, Ordering::Relaxed);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const HOST: &str = "localhost";
/// Plaintext bytes of one record in the bulk cases.
const RECORD_BYTES: usize = 16384;
/// Records sent (or received) between looks at the clocks, as in bench.c.
const RECORDS_PER_CHECK: usize = 8;
/// Connections measured for the heap each one holds, as in bench.c.
const MEMORY_CONNECTIONS: usize = 32;
/// A handshake needs a handful of round trips; more means it is stuck.
const MAX_HANDSHAKE_STEPS: usize = 64;

/// What a case measures.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Handshake,
    ResumeId,
    ResumeTicket,
    Bulk,
}

/// One case of bench.c, by the same name: the only suite both sides offer, and the
/// server's credentials in CERTDIR (NAME-chain.pem, NAME.key).
struct Case {
    kind: Kind,
    name: &'static str,
    suite: SupportedCipherSuite,
    server: &'static str,
}

const CASES: &[Case] = &[
    Case {
        kind: Kind::Handshake,
        name: "ECDHE-RSA",
        suite: ring::cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        server: "rsa",
    },
    Case {
        kind: Kind::Handshake,
        name: "ECDHE-ECDSA",
        suite: ring::cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        server: "ecdsa",
    },
    Case {
        kind: Kind::ResumeId,
        name: "resume-ID",
        suite: ring::cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        server: "rsa",
    },
    Case {
        kind: Kind::ResumeTicket,
        name: "resume-ticket",
        suite: ring::cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        server: "rsa",
    },
    Case {
        kind: Kind::Bulk,
        name: "AES128-GCM",
        suite: ring::cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        server: "rsa",
    },
    Case {
        kind: Kind::Bulk,
        name: "CHACHA20-POLY1305",
        suite: ring::cipher_suite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        server: "rsa",
    },
];

/// The configurations of both sides for one case.
struct Configs {
    client: Arc<ClientConfig>,
    server: Arc<ServerConfig>,
}

/// A client and a server connection joined by an in-memory pipe.
struct Pair {
    client: ClientConnection,
    server: ServerConnection,
    to_server: VecDeque<u8>,
    to_client: VecDeque<u8>,
}

/// Seconds of CPU time of the process (all threads).
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec to write.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// A wall-clock budget for a timed loop whose rate is counted per CPU second.
struct Timer {
    wall_start: Instant,
    cpu_start: f64,
    budget: f64,
}

impl Timer {
    fn start(budget: f64) -> Timer {
        Timer { wall_start: Instant::now(), cpu_start: cpu_seconds(), budget }
    }

    fn running(&self) -> bool {
        self.wall_start.elapsed().as_secs_f64() < self.budget
    }

    /// `amount` per CPU second since the timer started.
    fn rate(&self, amount: f64) -> f64 {
        amount / (cpu_seconds() - self.cpu_start)
    }
}

/// The crypto provider of one case: ring with only `suite`, X25519 then P-256 (bench.c's
/// "X25519:P-256"). ring's provider is deprecated for lacking post-quantum key exchange,
/// which TLS 1.2 does not have anyway.
#[allow(deprecated)]
fn provider(suite: SupportedCipherSuite) -> Arc<CryptoProvider> {
    Arc::new(CryptoProvider {
        cipher_suites: vec![suite],
        kx_groups: vec![ring::kx_group::X25519, ring::kx_group::SECP256R1],
        ..ring::default_provider()
    })
}

/// Both sides' configurations: TLS 1.2 only, one suite, the client verifying the server's
/// chain and host name; resumption only as the case's kind turns it on.
fn configs(cert_dir: &str, case: &Case) -> Result<Configs, String> {
    let file = |name: &str| format!("{cert_dir}/{name}");
    let chain_file = file(&format!("{}-chain.pem", case.server));
    let key_file = file(&format!("{}.key", case.server));
    let chain = CertificateDer::pem_file_iter(&chain_file)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("cannot read {chain_file}: {e}"))?;
    let key = PrivateKeyDer::from_pem_file(&key_file).map_err(|e| format!("cannot read {key_file}: {e}"))?;
    let mut roots = RootCertStore::empty();
    let ca_file = file("ca.pem");
    let ca = CertificateDer::from_pem_file(&ca_file).map_err(|e| format!("cannot read {ca_file}: {e}"))?;
    roots.add(ca).map_err(|e| format!("cannot trust {ca_file}: {e}"))?;

    let mut server = ServerConfig::builder_with_provider(provider(case.suite))
        .with_protocol_versions(&[&rustls::version::TLS12])
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("cannot use {chain_file} and {key_file}: {e}"))?;
    let mut client = ClientConfig::builder_with_provider(provider(case.suite))
        .with_protocol_versions(&[&rustls::version::TLS12])
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    server.session_storage = Arc::new(NoServerSessionStorage {});
    client.resumption = Resumption::disabled();
    match case.kind {
        Kind::ResumeId => {
            server.session_storage = ServerSessionMemoryCache::new(256);
            client.resumption =
                Resumption::in_memory_sessions(256).tls12_resumption(Tls12Resumption::SessionIdOrTickets);
        }
        Kind::ResumeTicket => {
            server.ticketer = ring::Ticketer::new().map_err(|e| e.to_string())?;
            client.resumption =
                Resumption::in_memory_sessions(256).tls12_resumption(Tls12Resumption::SessionIdOrTickets);
        }
        Kind::Handshake | Kind::Bulk => {}
    }
    Ok(Configs { client: Arc::new(client), server: Arc::new(server) })
}

impl Pair {
    fn new(configs: &Configs) -> Result<Pair, String> {
        let name = ServerName::try_from(HOST).map_err(|e| e.to_string())?;
        Ok(Pair {
            client: ClientConnection::new(configs.client.clone(), name).map_err(|e| e.to_string())?,
            server: ServerConnection::new(configs.server.clone()).map_err(|e| e.to_string())?,
            to_server: VecDeque::with_capacity(RECORDS_PER_CHECK * (RECORD_BYTES + 1024)),
            to_client: VecDeque::with_capacity(RECORDS_PER_CHECK * (RECORD_BYTES + 1024)),
        })
    }

    /// Runs both sides in turn until both have finished the handshake.
    fn handshake(&mut self) -> Result<(), String> {
        for _ in 0..MAX_HANDSHAKE_STEPS {
            flush(&mut self.client, &mut self.to_server)?;
            absorb(&mut self.server, &mut self.to_server).map_err(|e| format!("server handshake failed: {e}"))?;
            flush(&mut self.server, &mut self.to_client)?;
            absorb(&mut self.client, &mut self.to_client).map_err(|e| format!("client handshake failed: {e}"))?;
            if !self.client.is_handshaking() && !self.server.is_handshaking() {
                return Ok(());
            }
        }
        Err(format!("handshake stuck after {MAX_HANDSHAKE_STEPS} steps"))
    }

    fn connect(configs: &Configs) -> Result<Pair, String> {
        let mut pair = Pair::new(configs)?;
        pair.handshake()?;
        Ok(pair)
    }
}

/// Writes everything `conn` has to send into `pipe`.
fn flush<D>(conn: &mut ConnectionCommon<D>, pipe: &mut VecDeque<u8>) -> Result<(), String> {
    while conn.wants_write() {
        conn.write_tls(pipe).map_err(|e| format!("write_tls failed: {e}"))?;
    }
    Ok(())
}

/// Hands `conn` all the bytes in `pipe` and processes them.
fn absorb<D>(conn: &mut ConnectionCommon<D>, pipe: &mut VecDeque<u8>) -> Result<(), String> {
    while !pipe.is_empty() {
        conn.read_tls(pipe).map_err(|e| format!("read_tls failed: {e}"))?;
        conn.process_new_packets().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One untimed connection: checks that the case works and warms lazy state up.
fn warm_up(configs: &Configs, case: &Case) -> Result<(), String> {
    let pair = Pair::connect(configs)?;
    let got = pair.client.negotiated_cipher_suite().map(|s| s.suite());
    if got != Some(case.suite.suite()) {
        return Err(format!("negotiated {got:?} instead of {:?}", case.suite.suite()));
    }
    Ok(())
}

/// Full handshakes per CPU second, for the budget.
fn handshake_rate(configs: &Configs, budget: f64) -> Result<f64, String> {
    let mut count = 0u64;
    let timer = Timer::start(budget);
    loop {
        Pair::connect(configs)?;
        count += 1;
        if !timer.running() {
            return Ok(timer.rate(count as f64));
        }
    }
}

/// Abbreviated handshakes per CPU second, for the budget. The warm-up's full handshake
/// left a session in the client's store; every timed connection offers it and must be
/// resumed on both sides.
fn resume_rate(configs: &Configs, budget: f64) -> Result<f64, String> {
    let mut count = 0u64;
    let timer = Timer::start(budget);
    loop {
        let pair = Pair::connect(configs)?;
        let kinds = (pair.client.handshake_kind(), pair.server.handshake_kind());
        if kinds != (Some(HandshakeKind::Resumed), Some(HandshakeKind::Resumed)) {
            return Err(format!("the session was not resumed (client {:?}, server {:?})", kinds.0, kinds.1));
        }
        count += 1;
        if !timer.running() {
            return Ok(timer.rate(count as f64));
        }
    }
}

/// KiB of heap that an established server connection holds: what dropping it releases,
/// averaged over MEMORY_CONNECTIONS connections held open at once.
fn server_connection_kib(configs: &Configs) -> Result<f64, String> {
    let pairs = (0..MEMORY_CONNECTIONS).map(|_| Pair::connect(configs)).collect::<Result<Vec<_>, _>>()?;
    let mut released = 0isize;
    for pair in pairs {
        let Pair { client, server, to_server, to_client } = pair;
        drop((client, to_server, to_client));
        let before = LIVE_HEAP.load(Ordering::Relaxed);
        drop(server);
        released += before - LIVE_HEAP.load(Ordering::Relaxed);
    }
    Ok(released as f64 / MEMORY_CONNECTIONS as f64 / 1024.0)
}

/// MB (10^6 bytes) per CPU second of application data, client to server in 16 KiB
/// records: sending (the client's writes, including handing the records to the pipe) and
/// receiving (the server's reads, from taking the records off the pipe) timed apart.
fn bulk_rates(configs: &Configs, budget: f64) -> Result<(f64, f64), String> {
    let data: Vec<u8> = (0..RECORD_BYTES).map(|i| (i * 31 + 7) as u8).collect();
    let mut sink = vec![0u8; RECORD_BYTES];
    let mut pair = Pair::connect(configs)?;
    let (mut send_cpu, mut recv_cpu, mut bytes) = (0.0, 0.0, 0.0);
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < budget {
        let t0 = cpu_seconds();
        for _ in 0..RECORDS_PER_CHECK {
            pair.client.writer().write_all(&data).map_err(|e| format!("write failed: {e}"))?;
            flush(&mut pair.client, &mut pair.to_server)?;
        }
        let t1 = cpu_seconds();
        for _ in 0..RECORDS_PER_CHECK {
            receive_record(&mut pair, &mut sink)?;
        }
        let t2 = cpu_seconds();
        send_cpu += t1 - t0;
        recv_cpu += t2 - t1;
        bytes += (RECORDS_PER_CHECK * RECORD_BYTES) as f64;
    }
    Ok((bytes / 1e6 / send_cpu, bytes / 1e6 / recv_cpu))
}

/// Reads one record's worth of plaintext on the server into `sink`.
fn receive_record(pair: &mut Pair, sink: &mut [u8]) -> Result<(), String> {
    let mut got = 0;
    while got < sink.len() {
        match pair.server.reader().read(&mut sink[got..]) {
            Ok(n) if n > 0 => got += n,
            Ok(_) => return Err("the client closed the connection".to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if pair.to_server.is_empty() {
                    return Err("the server ran out of records".to_string());
                }
                pair.server.read_tls(&mut pair.to_server).map_err(|e| format!("read_tls failed: {e}"))?;
                pair.server.process_new_packets().map_err(|e| e.to_string())?;
            }
            Err(e) => return Err(format!("read failed: {e}")),
        }
    }
    Ok(())
}

/// Prints "KIND NAME VALUE", or the reason and "skipped NAME" when the case failed.
fn report(kind: &str, name: &str, value: Result<f64, String>) {
    match value {
        Ok(v) => println!("{kind} {name} {v:.1}"),
        Err(e) => skip(name, &e),
    }
}

fn skip(name: &str, reason: &str) {
    eprintln!("bench-rustls: {name}: {reason}");
    println!("skipped {name}");
}

/// Runs one case: its configurations, the warm-up, then what its kind measures.
fn run(cert_dir: &str, budget: f64, case: &Case) {
    let configs = match configs(cert_dir, case).and_then(|c| warm_up(&c, case).map(|()| c)) {
        Ok(c) => c,
        Err(e) => return skip(case.name, &e),
    };
    match case.kind {
        Kind::Handshake => {
            report("handshake", case.name, handshake_rate(&configs, budget));
            report("memory", case.name, server_connection_kib(&configs));
        }
        Kind::ResumeId | Kind::ResumeTicket => report("resumed", case.name, resume_rate(&configs, budget)),
        Kind::Bulk => match bulk_rates(&configs, budget) {
            Ok((send, recv)) => {
                println!("bulk {} send {send:.1}", case.name);
                println!("bulk {} recv {recv:.1}", case.name);
            }
            Err(e) => skip(case.name, &e),
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: {} CERTDIR [SECONDS [CASE...]]", args[0]);
        std::process::exit(2);
    }
    let budget = match args.get(2).map(|s| s.parse::<f64>()) {
        None => 1.5,
        Some(Ok(b)) if b > 0.0 => b,
        Some(_) => {
            eprintln!("bench-rustls: SECONDS must be a positive number");
            std::process::exit(2);
        }
    };
    let named = &args[args.len().min(3)..];
    println!("library rustls 0.23 (ring provider)");
    for case in CASES {
        if named.is_empty() || named.iter().any(|n| n == case.name) {
            run(&args[1], budget, case);
        }
    }
    // SAFETY: `usage` is a valid rusage to write.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above; RUSAGE_SELF is a valid target.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    println!("peak_rss {:.1}", usage.ru_maxrss as f64 / 1024.0);
}

//! Helpers shared by the integration tests: the test PKI, configurations for our engine,
//! a seeded random generator, record parsing, and byte pumping between our engine and
//! an in-process OpenSSL peer (see [`ossl`]).
//!
//! Every test binary compiles this module on its own and uses only part of it.
#![allow(dead_code)]

pub mod certs;
pub mod ossl;
pub mod wire;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tls12::internal::suites::ALL_SUITES;
use tls12::keys::{self, CertifiedKey};
use tls12::NamedGroup;
use tls12::RootStore;
use tls12::{Authentication, Suite};
use tls12::{Config, VerifyMode};
use tls12::{Connection, Error};

/// The directory holding the build output (`CARGO_TARGET_DIR` or `target/`).
fn target_dir() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let configured = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| option_env!("CARGO_TARGET_DIR").map(PathBuf::from));
    match configured {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => manifest.join(dir),
        None => manifest.join("target"),
    }
}

/// The test PKI made by `tests/gen-certs.sh`, generated once per test binary into
/// `<target>/test-certs`.
pub fn certs_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| certs::ensure_test_certs(Path::new(env!("CARGO_MANIFEST_DIR")), &target_dir()))
}

/// The path of one file of the test PKI.
pub fn cert_path(name: &str) -> PathBuf {
    certs_dir().join(name)
}

/// A server certificate of the test PKI: chain file, key file and what it authenticates.
#[derive(Clone, Copy, Debug)]
pub struct CertSpec {
    /// Name for messages.
    pub label: &'static str,
    /// Leaf + intermediate, PEM.
    pub chain: &'static str,
    /// The leaf's private key, PEM.
    pub key: &'static str,
    /// Which suites this certificate can serve.
    pub auth: Authentication,
}

/// RSA 2048 leaf under the intermediate.
pub const RSA2048: CertSpec =
    CertSpec { label: "RSA 2048", chain: "rsa-chain.pem", key: "rsa.key", auth: Authentication::Rsa };
/// RSA 4096 leaf under the intermediate.
pub const RSA4096: CertSpec =
    CertSpec { label: "RSA 4096", chain: "rsa4096-chain.pem", key: "rsa4096.key", auth: Authentication::Rsa };
/// ECDSA P-256 leaf (SEC1 key) under the intermediate.
pub const ECDSA256: CertSpec =
    CertSpec { label: "ECDSA P-256", chain: "ecdsa-chain.pem", key: "ecdsa.key", auth: Authentication::Ecdsa };
/// ECDSA P-384 leaf (SEC1 key) under the intermediate.
pub const ECDSA384: CertSpec =
    CertSpec { label: "ECDSA P-384", chain: "ecdsa384-chain.pem", key: "ecdsa384.key", auth: Authentication::Ecdsa };
/// Every server certificate type the matrix covers.
pub const ALL_CERTS: [CertSpec; 4] = [RSA2048, RSA4096, ECDSA256, ECDSA384];

/// A key exchange group with the names OpenSSL uses for it.
#[derive(Clone, Copy, Debug)]
pub struct GroupSpec {
    /// Our enum value.
    pub group: NamedGroup,
    /// The name `SSL_CTX_set1_groups_list` accepts.
    pub openssl_name: &'static str,
    /// OpenSSL's NID, as `SSL_get_negotiated_group` reports it.
    pub nid: i32,
}

/// The groups the matrix covers.
pub const ALL_GROUPS: [GroupSpec; 3] = [
    GroupSpec { group: NamedGroup::X25519, openssl_name: "X25519", nid: openssl_sys::NID_X25519 },
    GroupSpec { group: NamedGroup::Secp256r1, openssl_name: "P-256", nid: openssl_sys::NID_X9_62_prime256v1 },
    GroupSpec { group: NamedGroup::Secp384r1, openssl_name: "P-384", nid: openssl_sys::NID_secp384r1 },
];

/// Every suite we implement that authenticates with a certificate (the PSK suites
/// need a key shared with the peer, which these tests do not set up).
pub fn all_suites() -> impl Iterator<Item = &'static Suite> {
    ALL_SUITES.iter().filter(|s| !s.kx.uses_psk() && s.auth != Authentication::Psk)
}

/// Loads a certificate chain and its key from the test PKI.
pub fn certified_key(chain: &str, key: &str) -> Arc<CertifiedKey> {
    let chain_path = cert_path(chain);
    let chain = keys::certs_from_pem_file(&chain_path).unwrap_or_else(|e| panic!("{chain}: {e}"));
    let pem = std::fs::read(cert_path(key)).unwrap_or_else(|e| panic!("{key}: {e}"));
    let key = keys::key_from_pem(&pem).unwrap_or_else(|e| panic!("{key}: {e}"));
    Arc::new(CertifiedKey { chain, key: Arc::new(key) })
}

/// A root store holding the given PEM files of the test PKI.
pub fn root_store(files: &[&str]) -> Arc<RootStore> {
    let mut store = RootStore::default();
    for file in files {
        store.add_pem_file(&cert_path(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    Arc::new(store)
}

/// A server configuration serving `cert` (the chain file is sent as it is).
pub fn server_config_with(chain: &str, key: &str, auth: Authentication) -> Config {
    let mut config = Config::default();
    let ck = Some(certified_key(chain, key));
    match auth {
        Authentication::Rsa => config.certs.rsa = ck,
        Authentication::Ecdsa => config.certs.ecdsa = ck,
        Authentication::Psk => panic!("PSK suites have no certificate"),
    }
    config
}

/// A server configuration serving one of the standard certificates.
pub fn server_config(cert: &CertSpec) -> Config {
    server_config_with(cert.chain, cert.key, cert.auth)
}

/// A client configuration trusting the test root; `verify` turns on `SSL_VERIFY_PEER`.
pub fn client_config(verify: bool) -> Config {
    Config {
        roots: root_store(&["ca.pem"]),
        verify_mode: VerifyMode { peer: verify, ..VerifyMode::default() },
        ..Config::default()
    }
}

/// A small seeded generator (xorshift64*), so that failures can be reproduced.
pub struct Prng(u64);

impl Prng {
    /// A generator from a seed (any value; zero is mapped to a fixed constant).
    pub fn new(seed: u64) -> Prng {
        Prng(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// Fills `buf` with random bytes.
    pub fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut v = vec![0; n];
        self.fill(&mut v);
        v
    }
}

/// One TLS record as seen on the wire (header fields and body).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Content type.
    pub typ: u8,
    /// Record-layer version.
    pub version: u16,
    /// The body (ciphertext once keys are on).
    pub body: Vec<u8>,
}

/// Splits wire bytes into records; a trailing partial record is ignored.
pub fn records(mut wire: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    while wire.len() >= 5 {
        let len = usize::from(u16::from_be_bytes([wire[3], wire[4]]));
        if wire.len() < 5 + len {
            break;
        }
        out.push(Record {
            typ: wire[0],
            version: u16::from_be_bytes([wire[1], wire[2]]),
            body: wire[5..5 + len].to_vec(),
        });
        wire = &wire[5 + len..];
    }
    out
}

/// Encodes one record with the given type, version and body.
pub fn record(typ: u8, version: u16, body: &[u8]) -> Vec<u8> {
    let mut out = vec![typ];
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&(body.len() as u16).to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// The unencrypted alerts (level, description) in wire bytes.
pub fn plaintext_alerts(wire: &[u8]) -> Vec<(u8, u8)> {
    records(wire).into_iter().filter(|r| r.typ == 21 && r.body.len() == 2).map(|r| (r.body[0], r.body[1])).collect()
}

/// Hands `data` to our engine, processing as it goes and moving decrypted application
/// data into `sink`; stops at the first error.
pub fn feed_ours(conn: &mut Connection, data: &[u8], sink: &mut Vec<u8>) -> Result<(), Error> {
    let mut offset = 0;
    let mut stalls = 0;
    loop {
        let taken = conn.read_tls(&data[offset..]);
        offset += taken;
        let result = conn.process_new_packets();
        drain_plaintext(conn, sink);
        result?;
        if offset >= data.len() {
            return Ok(());
        }
        stalls = if taken == 0 { stalls + 1 } else { 0 };
        assert!(stalls < 4, "the engine takes no more input ({} bytes left)", data.len() - offset);
    }
}

/// Moves all decrypted application data of `conn` into `sink`.
pub fn drain_plaintext(conn: &mut Connection, sink: &mut Vec<u8>) {
    let mut buf = vec![0u8; 16384];
    loop {
        let n = conn.read_plaintext(&mut buf);
        if n == 0 {
            break;
        }
        sink.extend_from_slice(&buf[..n]);
    }
}

/// Takes everything our engine wants to send.
pub fn take_ours(conn: &mut Connection) -> Vec<u8> {
    let out = conn.pending_tls().to_vec();
    conn.consume_tls(out.len());
    out
}

/// Runs `f`, turning a panic into an error message (so a table-driven test can report
/// every failing case instead of stopping at the first).
pub fn run_case<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|e| {
        if let Some(s) = e.downcast_ref::<&str>() {
            format!("panicked: {s}")
        } else if let Some(s) = e.downcast_ref::<String>() {
            format!("panicked: {s}")
        } else {
            "panicked".to_string()
        }
    })
}

/// Collects failed checks of a table-driven test and fails once at the end with all of them.
#[derive(Default)]
pub struct Failures(Vec<String>);

impl Failures {
    /// Records `message` unless `ok`.
    pub fn check(&mut self, ok: bool, message: impl FnOnce() -> String) {
        if !ok {
            self.0.push(message());
        }
    }

    /// Records a failure.
    pub fn push(&mut self, message: String) {
        self.0.push(message);
    }

    /// Takes over the failures another collector recorded.
    pub fn extend(&mut self, other: Failures) {
        self.0.extend(other.0);
    }

    /// Runs one case that returns `Err(description)` when it fails; a panic is recorded
    /// as a failure too.
    pub fn run(&mut self, label: &str, case: impl FnOnce() -> Result<(), String>) {
        match run_case(case) {
            Ok(Ok(())) => {}
            Ok(Err(e)) | Err(e) => self.push(format!("{label}: {e}")),
        }
    }

    /// Runs one case that collects its own failures; a panic is recorded as a failure.
    pub fn run_collecting(&mut self, label: &str, case: impl FnOnce() -> Failures) {
        match run_case(case) {
            Ok(inner) => self.extend(inner),
            Err(panic) => self.push(format!("{label}: {panic}")),
        }
    }

    /// Panics listing every failure, if there were any.
    pub fn assert_none(self, what: &str) {
        assert!(self.0.is_empty(), "{what}: {} failure(s):\n{}", self.0.len(), self.0.join("\n"));
    }
}

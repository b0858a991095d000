//! Certificate verification side by side with OpenSSL: for each chain of the test PKI,
//! our client and an OpenSSL client (`SSL_VERIFY_PEER` and `SSL_set1_host`, what
//! `openssl s_client -verify_return_error -verify_hostname` does) connect to the same
//! in-process OpenSSL server and must reach the same `X509_V_*` verdict.
//!
//! The path-building flood (a leaf and 160 same-name, same-key CA certificates that
//! reach no root) is also measured: the CPU time one handshake costs us is bounded, as
//! client and as a server that asks for client certificates, whether or not anything is
//! verified.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::ossl::{handshake, Ossl, OsslCtx};
use common::{root_store, server_config, RSA2048};
use tls12::capi::verify_code::x509_v_code;
use tls12::Connection;
use tls12::VerifyFlags;
use tls12::{Config, VerifyMode};

/// `X509_V_FLAG_PARTIAL_CHAIN`.
const X509_V_FLAG_PARTIAL_CHAIN: std::os::raw::c_ulong = 0x80000;

/// One chain to verify.
struct Case<'a> {
    /// What the case is about.
    name: &'a str,
    /// The chain the server sends (leaf first) and its key (test PKI names or paths).
    chain: &'a str,
    key: &'a str,
    /// The CA files the client trusts.
    trust: &'a [&'a str],
    /// Whether the client sets `X509_V_FLAG_PARTIAL_CHAIN`.
    partial_chain: bool,
}

const fn case(name: &'static str, chain: &'static str, trust: &'static [&'static str]) -> Case<'static> {
    Case { name, chain, key: "rsa.key", trust, partial_chain: false }
}

/// The cases: one that verifies, the ones OpenSSL rejects, and the partial-chain ones.
const CASES: &[Case<'static>] = &[
    case("good chain", "rsa-chain.pem", &["ca.pem"]),
    Case { key: "expired.key", ..case("expired", "expired-chain.pem", &["ca.pem"]) },
    case("not yet valid", "cases/notyet-chain.pem", &["ca.pem"]),
    Case { key: "wronghost.key", ..case("wrong host", "wronghost-chain.pem", &["ca.pem"]) },
    Case { key: "untrusted.key", ..case("unknown CA", "untrusted-chain.pem", &["ca.pem"]) },
    case("name constraints", "cases/nameconstraints-chain.pem", &["ca.pem"]),
    case("bad signature", "cases/badsig-chain.pem", &["ca.pem"]),
    case("CA:FALSE intermediate", "cases/cafalse-chain.pem", &["ca.pem"]),
    case("intermediate without basicConstraints", "cases/nobasic-chain.pem", &["ca.pem"]),
    case("path length exceeded", "cases/pathlen-chain.pem", &["ca.pem"]),
    Case { key: "selfsigned.key", ..case("untrusted self-signed", "selfsigned.pem", &["ca.pem"]) },
    Case { key: "client.key", ..case("clientAuth-only leaf as server", "client-chain.pem", &["ca.pem"]) },
    case("the leaf alone trusted", "rsa-chain.pem", &["rsa.pem"]),
    case("the intermediate alone trusted", "rsa-chain.pem", &["int.pem"]),
    Case {
        key: "cases/selfclient.key",
        ..case("trusted self-signed clientAuth-only leaf", "cases/selfclient.pem", &["cases/selfclient.pem"])
    },
    Case { partial_chain: true, ..case("partial chain: the intermediate", "rsa-chain.pem", &["int.pem"]) },
    Case { partial_chain: true, ..case("partial chain: the leaf", "rsa-chain.pem", &["rsa.pem"]) },
    Case { partial_chain: true, ..case("partial chain: nothing trusted", "rsa-chain.pem", &["untrusted-ca.pem"]) },
    Case { key: "flood/leaf.key", ..case("160 same-name CAs, no root", "flood/chain.pem", &["ca.pem"]) },
];

/// Our client's configuration for a case: verify the peer against `trust`.
fn our_client_config(case: &Case<'_>) -> Config {
    Config {
        roots: root_store(case.trust),
        verify_mode: VerifyMode { peer: true, ..VerifyMode::default() },
        verify_flags: VerifyFlags { partial_chain: case.partial_chain, ..VerifyFlags::default() },
        ..Config::default()
    }
}

/// An OpenSSL context that trusts `trust`, with the partial-chain flag when asked.
fn openssl_trusting(trust: &[&str], partial_chain: bool) -> OsslCtx {
    let ctx = trust.iter().fold(OsslCtx::new(), |ctx, file| ctx.trust(file)).verify_peer();
    if partial_chain {
        // SAFETY: a live context; its store lives as long as the context.
        let ok = unsafe { openssl_sys::X509_STORE_set_flags(ctx.cert_store(), X509_V_FLAG_PARTIAL_CHAIN) };
        assert_eq!(ok, 1, "X509_STORE_set_flags");
    }
    ctx
}

/// The verdict of an OpenSSL client for `case`.
fn openssl_verdict(case: &Case<'_>) -> i64 {
    let server = OsslCtx::new().cert(case.chain, case.key).server();
    let client = openssl_trusting(case.trust, case.partial_chain).client(Some("localhost"), Some("localhost"));
    run_openssl_pair(client, server).0.verify_result()
}

/// Runs an OpenSSL client against an OpenSSL server until both finish or both fail.
fn run_openssl_pair(mut client: Ossl, mut server: Ossl) -> (Ossl, Ossl) {
    for _ in 0..20 {
        let c = client.handshake();
        server.feed(&client.take());
        let s = server.handshake();
        client.feed(&server.take());
        if matches!((&c, &s), (Ok(true), Ok(true))) || (c.is_err() && s.is_err()) {
            break;
        }
    }
    (client, server)
}

/// The CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid clock id and a timespec to write.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `f` and returns its result and the CPU time this thread spent in it.
fn cpu_time_of<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = thread_cpu_time();
    let out = f();
    (out, thread_cpu_time() - start)
}

/// The cases where our client's verdict (and whether the handshake went on) differs
/// from OpenSSL's, one line each.
fn verdicts_unlike_openssls(cases: &[Case<'_>]) -> Vec<String> {
    let mut mismatches = Vec::new();
    for case in cases {
        let theirs = openssl_verdict(case);
        let mut ours =
            Connection::new_client(Arc::new(our_client_config(case)), Some("localhost"), Some("localhost")).unwrap();
        let mut server = OsslCtx::new().cert(case.chain, case.key).server();
        let outcome = handshake(&mut ours, &mut server);
        let verdict = ours.verify_result();
        if x509_v_code(verdict) != theirs || outcome.ours.is_ok() != (theirs == 0) {
            mismatches.push(format!(
                "{}: OpenSSL {theirs}, ours {} ({}) with handshake {:?}",
                case.name,
                x509_v_code(verdict),
                verdict.text(),
                outcome.ours
            ));
        }
    }
    mismatches
}

#[test]
fn our_client_reaches_openssls_verdict_on_every_chain() {
    let mismatches = verdicts_unlike_openssls(CASES);
    assert!(mismatches.is_empty(), "verdicts differ from OpenSSL's:\n{}", mismatches.join("\n"));
}

/// Makes the version 1 certificates (no extensions, as `openssl x509 -req` without
/// `-extfile` makes them) of [`version_1_certificates_get_openssls_verdict`], all P-256
/// and valid for 30 days, in the current directory.
const V1_SCRIPT: &str = r#"
set -e
serial=1
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; }
# issue NAME KEY SUBJECT ISSUER [EXTENSIONS]: NAME.pem for KEY.key, signed by
# ISSUER.pem/.key, version 1 unless EXTENSIONS are given
issue() {
  openssl req -new -key "$2.key" -subj "$3" -out "$1.csr"
  ext=()
  if [ -n "${5:-}" ]; then printf "$5" > "$1.ext"; ext=(-extfile "$1.ext"); fi
  openssl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4.key" -set_serial $((serial = serial + 1)) \
    -days 30 -out "$1.pem" "${ext[@]}" 2>/dev/null
}
key root; openssl req -x509 -new -key root.key -subj "/CN=v3 Root" -days 30 -out root.pem
key v1root; openssl req -new -key v1root.key -subj "/CN=v1 Root" -out v1root.csr
openssl x509 -req -in v1root.csr -signkey v1root.key -days 30 -out v1root.pem 2>/dev/null
key mimic; openssl req -x509 -new -key mimic.key -subj "/CN=v3 Root" -days 30 -out mimic.pem
LEAF='subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n'
key leaf
issue v1-leaf leaf /CN=localhost root
issue v1-other-name leaf /CN=other.test root
issue v1-under-v1 leaf /CN=localhost v1root
issue v3-under-v1 leaf /CN=localhost v1root "$LEAF"
issue v1-wrong-signature leaf /CN=localhost mimic
key v1-int; issue v1-int v1-int "/CN=v1 Intermediate" root
issue v3-under-v1-int leaf /CN=localhost v1-int "$LEAF"
cat v3-under-v1-int.pem v1-int.pem > v1-int-chain.pem
"#;

/// One version 1 case: files made by [`V1_SCRIPT`], and OpenSSL's verdict.
struct V1Case {
    /// What the case is about.
    name: &'static str,
    /// The chain the server sends (served with `leaf.key`) and the CA file trusted.
    chain: &'static str,
    trust: &'static str,
    /// Whether `X509_V_FLAG_PARTIAL_CHAIN` is set.
    partial_chain: bool,
    /// OpenSSL 3.0's `X509_V_*` verdict: `X509_V_OK`, `_ERR_CERT_SIGNATURE_FAILURE` (7),
    /// `_ERR_HOSTNAME_MISMATCH` (62) or `_ERR_INVALID_CA` (79).
    verdict: i64,
}

/// The version 1 cases.
const V1_CASES: &[V1Case] = &[
    V1Case {
        name: "v1 leaf under a v3 root, named by its CN",
        chain: "v1-leaf.pem",
        trust: "root.pem",
        partial_chain: false,
        verdict: 0,
    },
    V1Case {
        name: "v1 leaf with another CN",
        chain: "v1-other-name.pem",
        trust: "root.pem",
        partial_chain: false,
        verdict: 62,
    },
    V1Case {
        name: "v1 leaf under a v1 root",
        chain: "v1-under-v1.pem",
        trust: "v1root.pem",
        partial_chain: false,
        verdict: 0,
    },
    V1Case {
        name: "v3 leaf under a v1 root",
        chain: "v3-under-v1.pem",
        trust: "v1root.pem",
        partial_chain: false,
        verdict: 0,
    },
    V1Case {
        name: "v1 leaf signed by another key",
        chain: "v1-wrong-signature.pem",
        trust: "root.pem",
        partial_chain: false,
        verdict: 7,
    },
    V1Case { name: "v1 intermediate", chain: "v1-int-chain.pem", trust: "root.pem", partial_chain: false, verdict: 79 },
    V1Case {
        name: "v1 intermediate trusted, partial chain",
        chain: "v1-int-chain.pem",
        trust: "v1-int.pem",
        partial_chain: true,
        verdict: 79,
    },
];

/// Version 1 certificates as leaf, as trust anchor and as intermediate get OpenSSL
/// 3.0's verdict, which is also written down in [`V1_CASES`] and checked against
/// `openssl verify` and OpenSSL's client: a v1 leaf is a leaf like any other (named by
/// its common name, having no subjectAltName), a self-signed v1 root is a CA, and a v1
/// certificate that is not self-signed is no CA (`X509_check_ca`), not even as a
/// trusted certificate under the partial-chain flag.
#[test]
fn version_1_certificates_get_openssls_verdict() {
    let dir = std::env::temp_dir().join(format!("tls12-v1-certs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let made = std::process::Command::new("bash").args(["-c", V1_SCRIPT]).current_dir(&dir).output().unwrap();
    assert!(made.status.success(), "making the certificates: {}", String::from_utf8_lossy(&made.stderr));
    let file = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let leaf_key = file("leaf.key");
    let mut mismatches = Vec::new();
    for v1 in V1_CASES {
        let (chain, trust) = (file(v1.chain), file(v1.trust));
        let trust = [trust.as_str()];
        let case =
            Case { name: v1.name, chain: &chain, key: &leaf_key, trust: &trust, partial_chain: v1.partial_chain };
        let mut args = vec!["verify", "-verify_hostname", "localhost", "-CAfile", trust[0], "-untrusted", &chain];
        if v1.partial_chain {
            args.push("-partial_chain");
        }
        args.push(&chain);
        let out = std::process::Command::new("openssl").args(&args).output().unwrap();
        let printed = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        // "error 79 at 1 depth lookup: invalid CA certificate": the first error found.
        let first_error = printed.split("error ").nth(1).and_then(|rest| rest.split(' ').next()?.parse().ok());
        assert_eq!(first_error.unwrap_or(0), v1.verdict, "{}: openssl verify printed {printed}", v1.name);
        assert_eq!(out.status.success(), v1.verdict == 0, "{}: openssl verify printed {printed}", v1.name);
        assert_eq!(openssl_verdict(&case), v1.verdict, "{}: OpenSSL's client", v1.name);
        mismatches.extend(verdicts_unlike_openssls(std::slice::from_ref(&case)));
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(mismatches.is_empty(), "verdicts differ from OpenSSL's:\n{}", mismatches.join("\n"));
}

/// The bound on the CPU time one handshake with the flood chain may cost us: OpenSSL
/// needs about 0.03 s; unbounded path building needed 13-16 s.
const FLOOD_CPU_BOUND: Duration = Duration::from_millis(300);

#[test]
fn flood_chain_costs_our_client_little_whatever_the_verify_mode() {
    let flood = CASES.iter().find(|c| c.chain == "flood/chain.pem").unwrap();
    for verify in [true, false] {
        let mut config = our_client_config(flood);
        config.verify_mode.peer = verify;
        let mut ours = Connection::new_client(Arc::new(config), Some("localhost"), Some("localhost")).unwrap();
        let mut server = OsslCtx::new().cert(flood.chain, flood.key).server();
        let (outcome, cpu) = cpu_time_of(|| handshake(&mut ours, &mut server));
        assert!(cpu < FLOOD_CPU_BOUND, "verify {verify}: the handshake cost {cpu:?} of CPU");
        assert_eq!(outcome.ours.is_ok(), !verify, "verify {verify}: handshake {:?}", outcome.ours);
        assert_eq!(x509_v_code(ours.verify_result()), openssl_verdict(flood), "verify {verify}: our verdict");
    }
}

#[test]
fn flood_chain_from_a_client_costs_our_server_little() {
    let flood_client = || OsslCtx::new().cert("flood/chain.pem", "flood/leaf.key").client(Some("localhost"), None);
    // OpenSSL's verdict as a server asking for a client certificate.
    let openssl_server = openssl_trusting(&["ca.pem"], false).cert(RSA2048.chain, RSA2048.key).server();
    let (_, openssl_server) = run_openssl_pair(flood_client(), openssl_server);
    let openssl = openssl_server.verify_result();
    assert_ne!(openssl, 0, "OpenSSL accepted the flood chain");

    let mut config = server_config(&RSA2048);
    config.roots = root_store(&["ca.pem"]);
    config.verify_mode = VerifyMode { peer: true, ..VerifyMode::default() };
    let mut ours = Connection::new_server(Arc::new(config)).unwrap();
    let mut client = flood_client();
    let (outcome, cpu) = cpu_time_of(|| handshake(&mut ours, &mut client));
    assert!(cpu < FLOOD_CPU_BOUND, "the handshake cost our server {cpu:?} of CPU");
    assert!(outcome.ours.is_err(), "our server accepted the flood chain");
    assert_eq!(x509_v_code(ours.verify_result()), openssl, "our verdict");
}

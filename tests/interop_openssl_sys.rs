//! Interoperability with real OpenSSL in the same process (openssl-sys over memory BIOs).
//! Every test runs both ends for real and asks OpenSSL what it saw; where OpenSSL's own
//! behaviour is the yardstick (verification failures, version refusals, renegotiation),
//! the test first runs OpenSSL against OpenSSL and then requires the same outcome with
//! our engine in one of the seats.

mod common;

use std::os::raw::c_int;
use std::sync::Arc;

use common::ossl::{
    alert_reason, exchange_check, handshake, theirs_to_ours, Ossl, OsslCtx, OsslError, Outcome,
    OP_NO_EXTENDED_MASTER_SECRET,
};
use common::{
    all_suites, client_config, drain_plaintext, feed_ours, server_config, server_config_with, take_ours, CertSpec,
    Failures, GroupSpec, Prng, ALL_CERTS, ALL_GROUPS, ECDSA256, RSA2048,
};
use openssl_sys as ffi;
use tls12::capi::reason::ssl_reason_code;
use tls12::capi::verify_code::x509_v_code;
use tls12::internal::msgs::TLS12;
use tls12::internal::suites;
use tls12::AlertDescription;
use tls12::Config;
use tls12::Connection;
use tls12::Reason;
use tls12::{Authentication, KeyExchange, Suite};

/// Our client for `localhost`, verifying against the test root when `verify` is set.
fn our_client(config: Config, sni: Option<&str>) -> Connection {
    Connection::new_client(Arc::new(config), sni, sni).expect("new_client")
}

/// Our server.
fn our_server(config: Config) -> Connection {
    Connection::new_server(Arc::new(config)).expect("new_server")
}

/// An OpenSSL client that trusts the test root and verifies the server.
fn verifying_openssl_client_ctx() -> OsslCtx {
    OsslCtx::new().trust("ca.pem").verify_peer()
}

/// Records everything that differs from a successful TLS 1.2 handshake on `suite`/`group`.
fn check_established(
    f: &mut Failures,
    label: &str,
    out: &Outcome,
    ours: &mut Connection,
    theirs: &mut Ossl,
    suite: &Suite,
    group: Option<&GroupSpec>,
) {
    if !out.ok() {
        f.push(format!("{label}: handshake failed: ours {:?}, OpenSSL {:?}", out.ours, out.theirs));
        return;
    }
    f.check(ours.protocol_version() == Some(TLS12), || format!("{label}: our version {:?}", ours.protocol_version()));
    f.check(theirs.version() == ffi::TLS1_2_VERSION, || format!("{label}: OpenSSL version {}", theirs.version_name()));
    let ours_suite = ours.suite().map(|s| s.openssl_name);
    let theirs_suite = theirs.cipher_name();
    f.check(ours_suite == Some(suite.openssl_name) && theirs_suite.as_deref() == Some(suite.openssl_name), || {
        format!("{label}: suite ours {ours_suite:?}, OpenSSL {theirs_suite:?}, wanted {}", suite.openssl_name)
    });
    if let Some(group) = group {
        f.check(ours.group() == Some(group.group), || format!("{label}: our group {:?}", ours.group()));
        f.check(theirs.negotiated_group() == group.nid.into(), || {
            format!("{label}: OpenSSL group NID {} (wanted {})", theirs.negotiated_group(), group.nid)
        });
    }
    f.check(ours.extended_master_secret() && theirs.extms() == 1, || {
        format!("{label}: EMS ours {} OpenSSL {}", ours.extended_master_secret(), theirs.extms())
    });
    if let Err(e) = exchange_check(ours, theirs) {
        f.push(format!("{label}: data exchange: {e}"));
    }
}

/// The suites the library must implement (the matrix covers whatever the table has).
const REQUIRED_SUITES: [&str; 6] = [
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
];

/// The ECDHE matrix: every ECDHE suite with every group and every certificate that can
/// serve it.
fn matrix() -> Vec<(&'static Suite, GroupSpec, CertSpec)> {
    let mut out = Vec::new();
    for suite in all_suites().filter(|s| s.kx == KeyExchange::Ecdhe) {
        for group in ALL_GROUPS {
            for cert in ALL_CERTS.iter().filter(|c| c.auth == suite.auth) {
                out.push((suite, group, *cert));
            }
        }
    }
    out
}

/// Which end of the connection our engine plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Client,
    Server,
}

const ROLES: [Role; 2] = [Role::Client, Role::Server];

/// One session on `suite` (the server allows only it) with `cert` on the server and,
/// for ECDHE, only `group`; our engine plays `role`, OpenSSL the other end and the
/// client offers everything it has. Returns whatever differed from a good TLS 1.2
/// session, on either side.
fn suite_session(role: Role, suite: &'static Suite, group: Option<GroupSpec>, cert: CertSpec) -> Failures {
    let label =
        format!("our {role:?}: {} {} {}", suite.openssl_name, group.map_or("-", |g| g.openssl_name), cert.label);
    let mut f = Failures::default();
    f.run_collecting(&label, || {
        let (mut ours, mut theirs) = match role {
            Role::Client => {
                let mut ctx = OsslCtx::new().cert(cert.chain, cert.key).ciphers(suite.openssl_name);
                if let Some(g) = &group {
                    ctx = ctx.groups(g.openssl_name);
                }
                (our_client(client_config(true), Some("localhost")), ctx.server())
            }
            Role::Server => {
                let mut config = server_config(&cert);
                config.suites = vec![suite];
                if let Some(g) = &group {
                    config.groups = vec![g.group];
                }
                let ctx = verifying_openssl_client_ctx();
                (our_server(config), ctx.client(Some("localhost"), Some("localhost")))
            }
        };
        let out = handshake(&mut ours, &mut theirs);
        let mut inner = Failures::default();
        check_established(&mut inner, &label, &out, &mut ours, &mut theirs, suite, group.as_ref());
        if out.ok() {
            // The client verified the server's chain: leaf + intermediate to the root.
            let (code, seen) = match role {
                Role::Client => (x509_v_code(ours.verify_result()), ours.peer_certificates().len()),
                Role::Server => (theirs.verify_result(), theirs.peer_chain_len()),
            };
            inner.check(code == 0 && seen == 2, || {
                format!("{label}: client's verify result {code} with {seen} certificates")
            });
        }
        inner
    });
    f
}

#[test]
fn matrix_our_client_to_openssl_server() {
    for name in REQUIRED_SUITES {
        assert!(suites::by_name(name).is_some(), "{name} is missing from the suite table");
    }
    let mut f = Failures::default();
    for (suite, group, cert) in matrix() {
        f.extend(suite_session(Role::Client, suite, Some(group), cert));
    }
    f.assert_none("our client against OpenSSL servers (ECDHE)");
}

#[test]
fn matrix_openssl_client_to_our_server() {
    let mut f = Failures::default();
    for (suite, group, cert) in matrix() {
        f.extend(suite_session(Role::Server, suite, Some(group), cert));
    }
    f.assert_none("OpenSSL clients against our server (ECDHE)");
}

#[test]
fn other_key_exchanges_both_ways() {
    // DHE and RSA key transport, with both RSA certificates, both directions.
    let mut f = Failures::default();
    for suite in all_suites().filter(|s| s.kx != KeyExchange::Ecdhe) {
        for cert in ALL_CERTS.iter().filter(|c| c.auth == suite.auth) {
            for role in ROLES {
                f.extend(suite_session(role, suite, None, *cert));
            }
        }
    }
    f.assert_none("DHE and RSA key exchange");
}

/// A connected pair: our engine in `role` and OpenSSL in the other seat, with RSA 2048
/// on the server and the given tweaks to both configurations. Returns the handshake
/// outcome too, so that tests of failures can look at it.
fn connect(
    role: Role,
    tweak_ours: impl FnOnce(&mut Config),
    tweak_theirs: impl FnOnce(OsslCtx) -> OsslCtx,
    sni: Option<&str>,
) -> (Connection, Ossl, Outcome) {
    let (mut ours, mut theirs) = match role {
        Role::Client => {
            let mut config = client_config(true);
            tweak_ours(&mut config);
            let ctx = tweak_theirs(OsslCtx::new().cert(RSA2048.chain, RSA2048.key));
            (our_client(config, sni), ctx.server())
        }
        Role::Server => {
            let mut config = server_config(&RSA2048);
            tweak_ours(&mut config);
            let ctx = tweak_theirs(verifying_openssl_client_ctx());
            (our_server(config), ctx.client(sni, Some("localhost")))
        }
    };
    let out = handshake(&mut ours, &mut theirs);
    (ours, theirs, out)
}

#[test]
fn extended_master_secret_on_and_off() {
    let mut f = Failures::default();
    for role in ROLES {
        for ours_on in [true, false] {
            for theirs_on in [true, false] {
                let label = format!("{role:?} ours EMS {ours_on} OpenSSL EMS {theirs_on}");
                f.run(&label, || {
                    let (ours, theirs, out) = connect(
                        role,
                        |c| {
                            if !ours_on {
                                c.options.extended_master_secret = false;
                            }
                        },
                        |ctx| {
                            if theirs_on {
                                ctx
                            } else {
                                ctx.options(OP_NO_EXTENDED_MASTER_SECRET)
                            }
                        },
                        Some("localhost"),
                    );
                    let want = ours_on && theirs_on;
                    if !out.ok() {
                        return Err(format!("handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
                    }
                    if ours.extended_master_secret() != want || (theirs.extms() == 1) != want {
                        return Err(format!(
                            "EMS ours {} OpenSSL {} wanted {want}",
                            ours.extended_master_secret(),
                            theirs.extms()
                        ));
                    }
                    Ok(())
                });
            }
        }
    }
    f.assert_none("extended master secret");
}

/// One ALPN scenario: what the client offers, what the server accepts, what must happen.
struct AlpnCase {
    offer: &'static [&'static str],
    accept: &'static [&'static str],
    /// The agreed protocol, or `None` for "no ALPN"; ignored when `fails`.
    agreed: Option<&'static str>,
    /// No overlap: the server aborts with no_application_protocol.
    fails: bool,
}

const ALPN_CASES: &[AlpnCase] = &[
    AlpnCase { offer: &["h2", "http/1.1"], accept: &["http/1.1", "h2"], agreed: Some("http/1.1"), fails: false },
    AlpnCase { offer: &["http/1.1", "h2"], accept: &["h2"], agreed: Some("h2"), fails: false },
    AlpnCase { offer: &["h2"], accept: &["http/1.1"], agreed: None, fails: true },
    AlpnCase { offer: &["h2", "http/1.1"], accept: &[], agreed: None, fails: false },
    AlpnCase { offer: &[], accept: &["h2"], agreed: None, fails: false },
];

#[test]
fn alpn_agreement_and_no_overlap() {
    let mut f = Failures::default();
    let no_app = u8::from(AlertDescription::NoApplicationProtocol);
    for role in ROLES {
        for case in ALPN_CASES {
            let label = format!("{role:?} offer {:?} accept {:?}", case.offer, case.accept);
            f.run_collecting(&label, || {
                let ours_list: Vec<Vec<u8>> = match role {
                    Role::Client => case.offer,
                    Role::Server => case.accept,
                }
                .iter()
                .map(|p| p.as_bytes().to_vec())
                .collect();
                let (ours, theirs, out) = connect(
                    role,
                    |c| c.alpn_protocols = ours_list,
                    |ctx| match role {
                        Role::Client if !case.accept.is_empty() => ctx.alpn_accept(case.accept),
                        Role::Server if !case.offer.is_empty() => ctx.alpn_offer(case.offer),
                        _ => ctx,
                    },
                    Some("localhost"),
                );
                let mut inner = Failures::default();
                if case.fails {
                    inner.check(!out.ok(), || format!("{label}: handshake succeeded without a common protocol"));
                    match role {
                        Role::Client => {
                            let reason = out.ours.as_ref().err().map(|e| e.reason);
                            inner.check(
                                reason == Some(Reason::ALERT_RECEIVED(AlertDescription::NoApplicationProtocol)),
                                || format!("{label}: our client's error {:?}", out.ours),
                            );
                        }
                        Role::Server => {
                            let alert = out.ours.as_ref().err().and_then(|e| e.alert);
                            inner.check(alert == Some(AlertDescription::NoApplicationProtocol), || {
                                format!("{label}: our server's error {:?}", out.ours)
                            });
                            let seen = out.theirs.as_ref().err();
                            inner.check(
                                seen.is_some_and(|e| {
                                    e.has_reason(alert_reason(no_app)) && e.mentions("no application protocol")
                                }),
                                || format!("{label}: OpenSSL client saw {:?}", out.theirs),
                            );
                        }
                    }
                } else if !out.ok() {
                    inner.push(format!("{label}: handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
                } else {
                    let want = case.agreed.map(|p| p.as_bytes().to_vec());
                    inner.check(ours.alpn_protocol().map(|p| p.to_vec()) == want && theirs.alpn() == want, || {
                        format!(
                            "{label}: ALPN ours {:?} OpenSSL {:?} wanted {:?}",
                            ours.alpn_protocol().map(String::from_utf8_lossy),
                            theirs.alpn().map(|p| String::from_utf8_lossy(&p).into_owned()),
                            case.agreed
                        )
                    });
                }
                inner
            });
        }
    }
    f.assert_none("ALPN");
}

#[test]
fn server_name_indication() {
    let mut f = Failures::default();
    // (role, name given to the client, name the server must see)
    let cases: &[(Role, Option<&str>, Option<&str>)] = &[
        (Role::Client, Some("server.test"), Some("server.test")),
        (Role::Client, Some("localhost"), Some("localhost")),
        (Role::Client, Some("127.0.0.1"), None),
        (Role::Server, Some("server.test"), Some("server.test")),
        (Role::Server, None, None),
    ];
    for &(role, sni, seen) in cases {
        let label = format!("{role:?} SNI {sni:?}");
        f.run(&label, || {
            let (ours, theirs, out) = connect(role, |_| {}, |ctx| ctx, sni);
            if !out.ok() {
                return Err(format!("handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
            }
            let (server_saw, client_sent) = match role {
                Role::Client => (theirs.servername(), ours.server_name().map(str::to_string)),
                Role::Server => (ours.server_name().map(str::to_string), theirs.servername()),
            };
            if server_saw.as_deref() != seen {
                return Err(format!("the server saw {server_saw:?}, wanted {seen:?}"));
            }
            if role == Role::Client && seen.is_some() && client_sent.as_deref() != seen {
                return Err(format!("our client reports it sent {client_sent:?}"));
            }
            Ok(())
        });
    }
    f.assert_none("SNI");
}

#[test]
fn close_notify_both_ways() {
    let mut f = Failures::default();
    for role in ROLES {
        for we_close_first in [true, false] {
            let label = format!("{role:?}, we close first: {we_close_first}");
            f.run(&label, || -> Result<(), String> {
                let (mut ours, mut theirs, out) = connect(role, |_| {}, |ctx| ctx, Some("localhost"));
                if !out.ok() {
                    return Err(format!("handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
                }
                let mut sink = Vec::new();
                if we_close_first {
                    ours.send_close_notify();
                    if !ours.sent_close_notify() {
                        return Err("sent_close_notify() is false after send_close_notify()".into());
                    }
                    theirs.feed(&take_ours(&mut ours));
                    let closed = theirs.read_all(&mut sink).map_err(|e| format!("OpenSSL read: {e:?}"))?;
                    if !closed || theirs.shutdown_flags() & ffi::SSL_RECEIVED_SHUTDOWN == 0 {
                        return Err(format!(
                            "OpenSSL did not see our close_notify (flags {})",
                            theirs.shutdown_flags()
                        ));
                    }
                    let rc = theirs.shutdown();
                    if rc != 1 {
                        return Err(format!("OpenSSL SSL_shutdown after receiving ours returned {rc}"));
                    }
                    feed_ours(&mut ours, &theirs.take(), &mut sink).map_err(|e| format!("our engine: {e}"))?;
                    if !ours.received_close_notify() {
                        return Err("we did not see OpenSSL's close_notify".into());
                    }
                } else {
                    let rc = theirs.shutdown();
                    if rc != 0 {
                        return Err(format!("OpenSSL's first SSL_shutdown returned {rc}"));
                    }
                    feed_ours(&mut ours, &theirs.take(), &mut sink).map_err(|e| format!("our engine: {e}"))?;
                    if !ours.received_close_notify() {
                        return Err("we did not see OpenSSL's close_notify".into());
                    }
                    ours.send_close_notify();
                    theirs.feed(&take_ours(&mut ours));
                    let rc = theirs.shutdown();
                    if rc != 1 {
                        return Err(format!("OpenSSL's second SSL_shutdown returned {rc}: it did not see ours"));
                    }
                }
                if !sink.is_empty() {
                    return Err(format!("{} stray bytes of application data", sink.len()));
                }
                if ours.write_plaintext(b"after close").is_ok() {
                    return Err("write_plaintext succeeded after close_notify was sent".into());
                }
                Ok(())
            });
        }
    }
    f.assert_none("close_notify");
}

/// Bytes moved each way by the bulk transfer test for the required suites (smaller in
/// unoptimised builds).
const BULK: usize = if cfg!(debug_assertions) { 1 << 20 } else { 16 << 20 };

/// Sends `data` in random-sized writes from our engine to OpenSSL, reading as it goes.
fn bulk_ours_to_theirs(ours: &mut Connection, theirs: &mut Ossl, data: &[u8], rng: &mut Prng) -> Result<(), String> {
    let mut sent = 0;
    let mut got = Vec::with_capacity(data.len());
    while sent < data.len() {
        let n = rng.range(1, 40000).min(data.len() - sent);
        let taken = ours.write_plaintext(&data[sent..sent + n]).map_err(|e| format!("write_plaintext: {e}"))?;
        if taken != n {
            return Err(format!("write_plaintext took {taken} of {n}"));
        }
        sent += n;
        theirs.feed(&take_ours(ours));
        theirs.read_all(&mut got).map_err(|e| format!("OpenSSL SSL_read: {e:?}"))?;
    }
    compare_stream(&got, data)
}

/// Sends `data` in random-sized writes from OpenSSL to our engine, reading as it goes.
fn bulk_theirs_to_ours(ours: &mut Connection, theirs: &mut Ossl, data: &[u8], rng: &mut Prng) -> Result<(), String> {
    let mut sent = 0;
    let mut got = Vec::with_capacity(data.len());
    while sent < data.len() {
        let n = rng.range(1, 40000).min(data.len() - sent);
        theirs.write(&data[sent..sent + n]).map_err(|e| format!("SSL_write: {e:?}"))?;
        sent += n;
        feed_ours(ours, &theirs.take(), &mut got).map_err(|e| format!("our engine: {e}"))?;
    }
    drain_plaintext(ours, &mut got);
    compare_stream(&got, data)
}

/// Describes the first difference between what arrived and what was sent.
fn compare_stream(got: &[u8], want: &[u8]) -> Result<(), String> {
    if got == want {
        return Ok(());
    }
    let first = got.iter().zip(want).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
    Err(format!("received {} of {} bytes, first difference at offset {first}", got.len(), want.len()))
}

#[test]
fn bulk_transfer_every_suite_both_ways() {
    let mut rng = Prng::new(0x5eed_0001);
    let data_out = rng.bytes(BULK);
    let data_in = rng.bytes(BULK);
    let mut f = Failures::default();
    for suite in all_suites() {
        let cert = if suite.auth == Authentication::Rsa { RSA2048 } else { ECDSA256 };
        // The full size for the suites the library exists for, 1 MiB for the others.
        let size = if REQUIRED_SUITES.contains(&suite.openssl_name) { BULK } else { 1 << 20 };
        let (data_out, data_in) = (&data_out[..size], &data_in[..size]);
        for role in ROLES {
            let label = format!("{role:?} {}", suite.openssl_name);
            f.run(&label, || -> Result<(), String> {
                let (mut ours, mut theirs) = match role {
                    Role::Client => {
                        let ctx = OsslCtx::new().cert(cert.chain, cert.key).ciphers(suite.openssl_name);
                        (our_client(client_config(true), Some("localhost")), ctx.server())
                    }
                    Role::Server => {
                        let mut config = server_config(&cert);
                        config.suites = vec![suite];
                        (our_server(config), verifying_openssl_client_ctx().client(Some("localhost"), None))
                    }
                };
                let out = handshake(&mut ours, &mut theirs);
                if !out.ok() {
                    return Err(format!("handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
                }
                let mut rng = Prng::new(0x5eed_0002);
                bulk_ours_to_theirs(&mut ours, &mut theirs, data_out, &mut rng)
                    .map_err(|e| format!("ours -> OpenSSL: {e}"))?;
                bulk_theirs_to_ours(&mut ours, &mut theirs, data_in, &mut rng)
                    .map_err(|e| format!("OpenSSL -> ours: {e}"))?;
                Ok(())
            });
        }
    }
    f.assert_none("bulk transfer");
}

/// What OpenSSL itself makes of a scenario, run OpenSSL against OpenSSL.
struct Reference {
    client: Result<(), OsslError>,
    server: Result<(), OsslError>,
    client_verify: i64,
}

/// Runs a handshake between two OpenSSL connections over memory BIOs.
fn openssl_pair(client: &mut Ossl, server: &mut Ossl) -> Reference {
    let mut c_res: Option<Result<(), OsslError>> = None;
    let mut s_res: Option<Result<(), OsslError>> = None;
    for _ in 0..100 {
        if c_res.is_none() {
            c_res = client.handshake().map(|done| done.then_some(())).transpose();
        }
        let c_out = client.take();
        server.feed(&c_out);
        if s_res.is_none() {
            s_res = server.handshake().map(|done| done.then_some(())).transpose();
        }
        let s_out = server.take();
        client.feed(&s_out);
        if c_out.is_empty() && s_out.is_empty() && (c_res.is_some() || s_res.is_some()) {
            // Let the other side read the last alert, then stop.
            if c_res.is_none() {
                c_res = client.handshake().map(|done| done.then_some(())).transpose();
            }
            if s_res.is_none() {
                s_res = server.handshake().map(|done| done.then_some(())).transpose();
            }
            break;
        }
    }
    let stalled = || Err(OsslError { ssl_error: ffi::SSL_ERROR_WANT_READ, queue: vec![] });
    Reference {
        client: c_res.unwrap_or_else(stalled),
        server: s_res.unwrap_or_else(stalled),
        client_verify: client.verify_result(),
    }
}

/// A server certificate our client must reject, with the text OpenSSL's server shows for
/// the alert it gets.
struct BadServerCert {
    chain: &'static str,
    key: &'static str,
    alert_text: &'static str,
}

const BAD_SERVER_CERTS: &[BadServerCert] = &[
    BadServerCert { chain: "expired-chain.pem", key: "expired.key", alert_text: "sslv3 alert certificate expired" },
    BadServerCert { chain: "untrusted-chain.pem", key: "untrusted.key", alert_text: "tlsv1 alert unknown ca" },
    BadServerCert { chain: "untrusted.pem", key: "untrusted.key", alert_text: "tlsv1 alert unknown ca" },
    BadServerCert { chain: "selfsigned.pem", key: "selfsigned.key", alert_text: "tlsv1 alert unknown ca" },
    BadServerCert { chain: "rsa.pem", key: "rsa.key", alert_text: "tlsv1 alert unknown ca" },
    BadServerCert { chain: "wronghost-chain.pem", key: "wronghost.key", alert_text: "sslv3 alert bad certificate" },
];

#[test]
fn our_client_rejects_bad_server_certificates_like_openssl() {
    let mut f = Failures::default();
    for bad in BAD_SERVER_CERTS {
        let label = bad.chain;
        f.run(label, || -> Result<(), String> {
            let server_ctx = OsslCtx::new().cert(bad.chain, bad.key);
            // OpenSSL's own verdict as a client, and what its server hears about it.
            let reference = {
                let mut c = verifying_openssl_client_ctx().client(Some("localhost"), Some("localhost"));
                let mut s = server_ctx.server();
                openssl_pair(&mut c, &mut s)
            };
            let Err(ref_server_err) = &reference.server else {
                return Err("OpenSSL accepted it as a client: the test PKI is wrong".into());
            };
            if !ref_server_err.mentions(bad.alert_text) {
                return Err(format!(
                    "OpenSSL's own server saw {:?}, table says {}",
                    ref_server_err.queue, bad.alert_text
                ));
            }
            // Ours with SSL_VERIFY_PEER: must abort with the same code and alert.
            let mut theirs = server_ctx.server();
            let mut ours = our_client(client_config(true), Some("localhost"));
            let out = handshake(&mut ours, &mut theirs);
            let mut problems = Vec::new();
            if out.ours.is_ok() {
                problems.push("our client accepted the certificate".to_string());
            }
            if x509_v_code(ours.verify_result()) != reference.client_verify {
                problems.push(format!(
                    "our verify result {:?}, OpenSSL's {}",
                    ours.verify_result(),
                    reference.client_verify
                ));
            }
            match &out.theirs {
                Err(e) if e.first_reason() == ref_server_err.first_reason() && e.mentions(bad.alert_text) => {}
                other => problems.push(format!("OpenSSL server saw {other:?}, wanted {}", bad.alert_text)),
            }
            // Without SSL_VERIFY_PEER the handshake completes and the result is reported.
            let mut theirs = server_ctx.server();
            let mut ours = our_client(client_config(false), Some("localhost"));
            let out = handshake(&mut ours, &mut theirs);
            if !out.ok() {
                problems.push(format!("without verify_peer: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
            } else if x509_v_code(ours.verify_result()) != reference.client_verify {
                problems.push(format!("without verify_peer our verify result is {:?}", ours.verify_result()));
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("; "))
            }
        });
    }
    f.assert_none("certificate verification by our client");
}

#[test]
fn openssl_client_verifies_our_server_chain() {
    let mut f = Failures::default();
    // (chain we serve, must verify)
    let cases: &[(&str, &str, bool)] =
        &[("rsa-chain.pem", "rsa.key", true), ("ecdsa-chain.pem", "ecdsa.key", true), ("rsa.pem", "rsa.key", false)];
    for &(chain, key, good) in cases {
        f.run(chain, || -> Result<(), String> {
            let auth = if key.starts_with("ecdsa") { Authentication::Ecdsa } else { Authentication::Rsa };
            let mut ours = our_server(server_config_with(chain, key, auth));
            let mut theirs = verifying_openssl_client_ctx().client(Some("localhost"), Some("localhost"));
            let out = handshake(&mut ours, &mut theirs);
            if good {
                if !out.ok() {
                    return Err(format!("handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
                }
                if theirs.verify_result() != 0 || theirs.peer_chain_len() != 2 {
                    return Err(format!(
                        "OpenSSL verify result {} with {} certificates",
                        theirs.verify_result(),
                        theirs.peer_chain_len()
                    ));
                }
                return Ok(());
            }
            // Reference: an OpenSSL server sending the same incomplete chain.
            let reference = {
                let mut c = verifying_openssl_client_ctx().client(Some("localhost"), Some("localhost"));
                let mut s = OsslCtx::new().cert(chain, key).server();
                openssl_pair(&mut c, &mut s)
            };
            let ref_reason = reference.server.as_ref().err().and_then(|e| e.first_reason());
            let ours_reason = out.ours.as_ref().err().map(|e| ssl_reason_code(e.reason) as c_int);
            if out.theirs.is_ok() || theirs.verify_result() != reference.client_verify || ours_reason != ref_reason {
                return Err(format!(
                    "OpenSSL client {:?} verify {} (reference {}); our server {:?} (reference reason {ref_reason:?})",
                    out.theirs,
                    theirs.verify_result(),
                    reference.client_verify,
                    out.ours
                ));
            }
            Ok(())
        });
    }
    f.assert_none("OpenSSL verifying our server");
}

#[test]
fn cipher_preference_server_and_client_order() {
    let ours_order = ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"];
    let theirs_order = "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256";
    let our_suites: Vec<&'static Suite> = ours_order.iter().map(|n| suites::by_name(n).expect("known suite")).collect();
    let mut f = Failures::default();
    // (our role, server preference on, expected winner)
    let cases = [
        (Role::Server, true, ours_order[0]),
        (Role::Server, false, "ECDHE-RSA-CHACHA20-POLY1305"),
        (Role::Client, true, "ECDHE-RSA-CHACHA20-POLY1305"),
        (Role::Client, false, ours_order[0]),
    ];
    for (role, server_pref, want) in cases {
        let label = format!("{role:?} server preference {server_pref}");
        f.run(&label, || -> Result<(), String> {
            let (ours, theirs, out) = connect(
                role,
                |c| {
                    c.suites = our_suites.clone();
                    if server_pref {
                        c.options.server_preference = true;
                    }
                },
                |ctx| {
                    let ctx = ctx.ciphers(theirs_order);
                    if server_pref {
                        ctx.options(ffi::SSL_OP_CIPHER_SERVER_PREFERENCE)
                    } else {
                        ctx
                    }
                },
                Some("localhost"),
            );
            if !out.ok() {
                return Err(format!("handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs));
            }
            let theirs_name = theirs.cipher_name();
            let ours_name = ours.suite().map(|s| s.openssl_name);
            if theirs_name.as_deref() != Some(want) || ours_name != Some(want) {
                return Err(format!("negotiated ours {ours_name:?} OpenSSL {theirs_name:?}, wanted {want}"));
            }
            Ok(())
        });
    }
    f.assert_none("cipher preference");
}

#[test]
fn tls13_capable_openssl_client_negotiates_tls12() {
    // OpenSSL's default client offers TLS 1.3 and 1.2 (supported_versions, key_share).
    let ctx = verifying_openssl_client_ctx().versions(ffi::TLS1_2_VERSION, ffi::TLS1_3_VERSION);
    let mut theirs = ctx.client(Some("localhost"), Some("localhost"));
    let mut ours = our_server(server_config(&ECDSA256));
    let out = handshake(&mut ours, &mut theirs);
    assert!(out.ok(), "ours {:?} OpenSSL {:?}", out.ours, out.theirs);
    assert_eq!(theirs.version_name(), "TLSv1.2");
    assert_eq!(ours.protocol_version(), Some(TLS12));
    exchange_check(&mut ours, &mut theirs).unwrap();
}

/// An OpenSSL context that speaks at most TLS 1.1 (security level 0 so that OpenSSL 3
/// is willing to at all).
fn tls11_only(ctx: OsslCtx) -> OsslCtx {
    ctx.security_level(0).ciphers("DEFAULT:@SECLEVEL=0").versions(ffi::TLS1_VERSION, ffi::TLS1_1_VERSION)
}

#[test]
fn tls11_openssl_client_gets_protocol_version_alert() {
    // Reference: an OpenSSL server that only speaks TLS 1.2.
    let reference = {
        let mut c = tls11_only(OsslCtx::new()).client(Some("localhost"), None);
        let mut s = OsslCtx::new().cert(RSA2048.chain, RSA2048.key).versions(ffi::TLS1_2_VERSION, 0).server();
        openssl_pair(&mut c, &mut s)
    };
    let ref_reason = reference.client.as_ref().err().and_then(|e| e.first_reason());
    assert_eq!(ref_reason, Some(alert_reason(70)), "reference run: {:?}", reference.client);

    let mut theirs = tls11_only(OsslCtx::new()).client(Some("localhost"), None);
    let mut ours = our_server(server_config(&RSA2048));
    let out = handshake(&mut ours, &mut theirs);
    let our_err = out.ours.as_ref().expect_err("our server accepted a TLS 1.1 ClientHello");
    assert_eq!(our_err.alert, Some(AlertDescription::ProtocolVersion), "our error: {our_err:?}");
    let their_err = out.theirs.as_ref().expect_err("OpenSSL client finished a TLS 1.1 handshake with us");
    assert!(
        their_err.has_reason(alert_reason(70)) && their_err.mentions("tlsv1 alert protocol version"),
        "OpenSSL client saw {their_err:?}"
    );
}

#[test]
fn our_client_against_tls11_openssl_server_fails_cleanly() {
    let server_ctx = tls11_only(OsslCtx::new().cert(RSA2048.chain, RSA2048.key));
    // Reference: an OpenSSL client limited to TLS 1.2 and our suites.
    let our_list: Vec<&str> = all_suites().map(|s| s.openssl_name).collect();
    let reference = {
        let mut c = OsslCtx::new()
            .ciphers(&our_list.join(":"))
            .versions(ffi::TLS1_2_VERSION, ffi::TLS1_2_VERSION)
            .client(Some("localhost"), None);
        let mut s = server_ctx.server();
        openssl_pair(&mut c, &mut s)
    };
    let ref_client_reason = reference.client.as_ref().err().and_then(|e| e.first_reason());
    let ref_server_reason = reference.server.as_ref().err().and_then(|e| e.first_reason());
    assert!(ref_client_reason.is_some() && ref_server_reason.is_some(), "reference run succeeded?");

    let mut theirs = server_ctx.server();
    let mut ours = our_client(client_config(true), Some("localhost"));
    let out = handshake(&mut ours, &mut theirs);
    let our_err = out.ours.as_ref().expect_err("our client finished a handshake with a TLS 1.1 server");
    assert!(ours.fatal_error().is_some(), "fatal_error() is empty after {our_err:?}");
    assert_eq!(
        Some(ssl_reason_code(our_err.reason) as c_int),
        ref_client_reason,
        "our client's error {our_err:?}; OpenSSL client in our place: {:?}",
        reference.client
    );
    let their_reason = out.theirs.as_ref().err().and_then(|e| e.first_reason());
    assert_eq!(
        their_reason, ref_server_reason,
        "OpenSSL server saw {:?}, reference {:?}",
        out.theirs, reference.server
    );
    // Every later call reports the same error, and nothing more is sent.
    assert_eq!(ours.process_new_packets().err().as_ref(), Some(our_err));
    assert!(ours.write_plaintext(b"x").is_err());
}

/// The result of one side asking for renegotiation after the handshake.
struct RenegOutcome {
    /// The initiator's result driving the renegotiation.
    initiator: Result<(), OsslError>,
    /// The responder's result (an error reason code) processing it.
    responder: Result<(), c_int>,
    /// Whether data still went from the initiator to the responder afterwards.
    still_works: bool,
}

/// The side of a connection that is asked to renegotiate.
trait Responder {
    /// Takes the initiator's bytes; returns the answer and the error reason, if any.
    fn respond(&mut self, input: &[u8]) -> (Vec<u8>, Result<(), c_int>);
    /// Whether application data from `initiator` still arrives intact.
    fn receives_from(&mut self, initiator: &mut Ossl) -> bool;
}

impl Responder for Connection {
    fn respond(&mut self, input: &[u8]) -> (Vec<u8>, Result<(), c_int>) {
        let mut sink = Vec::new();
        let r = feed_ours(self, input, &mut sink).map_err(|e| ssl_reason_code(e.reason) as c_int);
        (take_ours(self), r)
    }

    fn receives_from(&mut self, initiator: &mut Ossl) -> bool {
        theirs_to_ours(self, initiator, b"after").is_ok_and(|got| got == b"after")
    }
}

impl Responder for Ossl {
    fn respond(&mut self, input: &[u8]) -> (Vec<u8>, Result<(), c_int>) {
        self.feed(input);
        let mut sink = Vec::new();
        let r = self.read_all(&mut sink).map(|_| ()).map_err(|e| e.first_reason().unwrap_or(-1));
        (self.take(), r)
    }

    fn receives_from(&mut self, initiator: &mut Ossl) -> bool {
        if initiator.write(b"after").is_err() {
            return false;
        }
        self.feed(&initiator.take());
        let mut got = Vec::new();
        self.read_all(&mut got).is_ok() && got == b"after"
    }
}

/// Drives a renegotiation that OpenSSL (`initiator`) starts after the handshake.
fn renegotiate(initiator: &mut Ossl, responder: &mut dyn Responder) -> RenegOutcome {
    assert!(initiator.renegotiate(), "SSL_renegotiate refused");
    let mut initiator_result = Ok(());
    let mut responder_result = Ok(());
    for _ in 0..10 {
        if let Err(e) = initiator.handshake() {
            initiator_result = Err(e);
        }
        let out = initiator.take();
        let (back, r) = responder.respond(&out);
        if r.is_err() {
            responder_result = r;
        }
        if out.is_empty() && back.is_empty() {
            break;
        }
        initiator.feed(&back);
        // A server that sent HelloRequest hears the answer when it next reads.
        let mut sink = Vec::new();
        if initiator_result.is_ok() {
            if let Err(e) = initiator.read_all(&mut sink) {
                initiator_result = Err(e);
            }
        }
        if initiator_result.is_err() {
            // Deliver the initiator's last words, then stop.
            let (_, r) = responder.respond(&initiator.take());
            if r.is_err() {
                responder_result = r;
            }
            break;
        }
    }
    let still_works = initiator_result.is_ok() && responder_result.is_ok() && responder.receives_from(initiator);
    RenegOutcome { initiator: initiator_result, responder: responder_result, still_works }
}

/// OpenSSL's reason code for a refused renegotiation (a no_renegotiation warning).
const SSL_R_NO_RENEGOTIATION: c_int = 339;

#[test]
fn renegotiation_is_refused_like_openssl_refuses_it() {
    let no_reneg = ffi::SSL_OP_NO_RENEGOTIATION;
    for initiator_is_client in [true, false] {
        let who = if initiator_is_client { "OpenSSL client renegotiates" } else { "OpenSSL server renegotiates" };
        // Reference: OpenSSL refusing renegotiation with SSL_OP_NO_RENEGOTIATION.
        let reference = {
            let client_ctx = verifying_openssl_client_ctx().versions(0, ffi::TLS1_2_VERSION);
            let server_ctx = OsslCtx::new().cert(RSA2048.chain, RSA2048.key);
            let (client_ctx, server_ctx) = if initiator_is_client {
                (client_ctx, server_ctx.options(no_reneg))
            } else {
                (client_ctx.options(no_reneg), server_ctx)
            };
            let mut c = client_ctx.client(Some("localhost"), Some("localhost"));
            let mut s = server_ctx.server();
            let r = openssl_pair(&mut c, &mut s);
            assert!(r.client.is_ok() && r.server.is_ok(), "reference handshake failed");
            if initiator_is_client {
                renegotiate(&mut c, &mut s)
            } else {
                renegotiate(&mut s, &mut c)
            }
        };

        // Ours in the responder's seat.
        let (mut ours, mut theirs, out) = if initiator_is_client {
            connect(Role::Server, |_| {}, |ctx| ctx.versions(0, ffi::TLS1_2_VERSION), Some("localhost"))
        } else {
            connect(Role::Client, |_| {}, |ctx| ctx, Some("localhost"))
        };
        assert!(out.ok(), "{who}: handshake failed: ours {:?} OpenSSL {:?}", out.ours, out.theirs);
        let outcome = renegotiate(&mut theirs, &mut ours);
        // What happens, concretely: we answer with a warning no_renegotiation alert, which
        // OpenSSL turns into SSL_R_NO_RENEGOTIATION and a fatal handshake_failure to us.
        assert_eq!(
            outcome.initiator.as_ref().err().and_then(|e| e.first_reason()),
            Some(SSL_R_NO_RENEGOTIATION),
            "{who}: OpenSSL did not get a no_renegotiation warning: {:?}",
            outcome.initiator
        );
        assert_eq!(
            outcome.initiator.as_ref().err().and_then(|e| e.first_reason()),
            reference.initiator.as_ref().err().and_then(|e| e.first_reason()),
            "{who}: OpenSSL initiator got {:?}; against OpenSSL it got {:?}",
            outcome.initiator,
            reference.initiator
        );
        assert_eq!(
            outcome.responder, reference.responder,
            "{who}: our result (reason code) differs from OpenSSL's in our seat"
        );
        assert_eq!(outcome.still_works, reference.still_works, "{who}: is the connection still usable?");
    }
}

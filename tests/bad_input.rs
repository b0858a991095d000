//! Malformed, truncated, oversized and out-of-order input fed to our client and server.
//! Each case must end the connection with the RFC 5246 alert (read back from the record
//! our side queues, or, once records are encrypted, from what OpenSSL reports after
//! receiving it) and an error; random garbage must never panic or hang.
//!
//! The well-formed starting points come from real peers: OpenSSL's ClientHello and
//! server flight, our own client's ClientHello, and a small ClientHello builder whose
//! unmodified output is checked to be accepted.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::ossl::{alert_reason, handshake, Ossl, OsslCtx};
use common::wire::{frame, frame_msgs, hs, messages, put_vec, u16s, with_len16, Hello, Msg};
use common::{
    client_config, feed_ours, plaintext_alerts, record, records, server_config, take_ours, Failures, Prng, RSA2048,
};
use tls12::AlertDescription as AD;
use tls12::{Connection, Error};

/// One table-driven case: returns a description of what went wrong.
type CaseFn = Box<dyn FnOnce() -> Result<(), String>>;

use common::wire::{CLIENT_HELLO, HANDSHAKE};
const CCS: u8 = 20;
const ALERT: u8 = 21;
const APPDATA: u8 = 23;

const SERVER_HELLO: u8 = 2;
const CERTIFICATE: u8 = 11;
const SERVER_KEY_EXCHANGE: u8 = 12;
const SERVER_HELLO_DONE: u8 = 14;
const CLIENT_KEY_EXCHANGE: u8 = 16;
const FINISHED: u8 = 20;
const HELLO_REQUEST: u8 = 0;

/// Real suites this library does not implement: DHE-DSS-AES256-GCM-SHA384, RC4-SHA,
/// DES-CBC3-SHA (checked against the table in `not_ours_is_not_ours`).
const NOT_OURS: [u16; 3] = [0x00a3, 0x0005, 0x000a];

#[test]
fn not_ours_is_not_ours() {
    for id in NOT_OURS {
        assert!(tls12::internal::suites::by_id(id).is_none(), "{id:#06x} is implemented now");
    }
}

fn new_server() -> Connection {
    Connection::new_server(Arc::new(server_config(&RSA2048))).expect("new_server")
}

/// Our client, with its ClientHello already taken off the wire (returned too).
fn new_client() -> (Connection, Vec<u8>) {
    let mut c = Connection::new_client(Arc::new(client_config(true)), Some("localhost"), Some("localhost"))
        .expect("new_client");
    c.process_new_packets().expect("a new client makes progress");
    let hello = take_ours(&mut c);
    (c, hello)
}

/// Checks that `conn` failed on `input` with one of `allowed` as its alert, that the
/// alert record is queued in plaintext (before keys are on), and that the failure sticks.
fn expect_alert(conn: &mut Connection, input: &[u8], allowed: &[AD]) -> Result<(), String> {
    let mut sink = Vec::new();
    let err = match feed_ours(conn, input, &mut sink) {
        Ok(()) => return Err(format!("no error; our side queued {} bytes", conn.pending_tls().len())),
        Err(e) => e,
    };
    check_failure(conn, &err, allowed)?;
    let alerts = plaintext_alerts(conn.pending_tls());
    let want = u8::from(err.alert.unwrap());
    if alerts.last() != Some(&(2, want)) {
        return Err(format!("error {err:?} but the queued alerts are {alerts:?} (bytes {:02x?})", conn.pending_tls()));
    }
    Ok(())
}

/// The common part of every failure check: the alert is one of `allowed`, the error
/// sticks, and no application data can be written.
fn check_failure(conn: &mut Connection, err: &Error, allowed: &[AD]) -> Result<(), String> {
    match err.alert {
        Some(a) if allowed.contains(&a) => {}
        _ => return Err(format!("error {err} with alert {:?}, wanted one of {allowed:?}", err.alert)),
    }
    if conn.fatal_error() != Some(err) {
        return Err(format!("fatal_error() is {:?} after {err:?}", conn.fatal_error()));
    }
    if conn.process_new_packets().as_ref().err() != Some(err) {
        return Err("a later process_new_packets did not repeat the error".into());
    }
    if conn.write_plaintext(b"x").is_ok() {
        return Err("write_plaintext works after a fatal error".into());
    }
    Ok(())
}

/// Runs named cases, each returning `Err(description)` on failure; panics are failures too.
fn run_table<N: std::fmt::Display>(what: &str, cases: Vec<(N, CaseFn)>) {
    let mut f = Failures::default();
    for (name, case) in cases {
        f.run(&name.to_string(), case);
    }
    f.assert_none(what);
}

/// A ClientHello case for our server.
fn server_case(hello_wire: Vec<u8>, allowed: &'static [AD]) -> CaseFn {
    Box::new(move || expect_alert(&mut new_server(), &hello_wire, allowed))
}

/// The handshake message types in a plaintext flight.
fn flight_types(wire: &[u8]) -> Vec<u8> {
    messages(wire).iter().map(|(t, _)| *t).collect()
}

#[test]
fn server_accepts_the_well_formed_starting_points() {
    // Our builder's ClientHello, OpenSSL's (TLS 1.3 capable) and ours, whole, split into
    // one-byte records, and fed one byte at a time: all must get a ServerHello flight.
    let openssl_hello = {
        let mut c = OsslCtx::new().client(Some("localhost"), None);
        let _ = c.handshake();
        c.take()
    };
    let ours_hello = new_client().1;
    let mut cases: Vec<(String, CaseFn)> = Vec::new();
    for (name, wire) in [("built", Hello::good().wire()), ("OpenSSL's", openssl_hello), ("our client's", ours_hello)] {
        let split: Vec<u8> =
            messages(&wire).iter().flat_map(|(t, b)| hs(*t, b)).flat_map(|b| record(HANDSHAKE, 0x0303, &[b])).collect();
        for (how, input, bytewise) in
            [("whole", wire.clone(), false), ("1-byte records", split, false), ("bytewise", wire.clone(), true)]
        {
            let label = format!("{name} ClientHello {how}");
            cases.push((
                label,
                Box::new(move || {
                    let mut s = new_server();
                    let mut sink = Vec::new();
                    let chunk = if bytewise { 1 } else { input.len() };
                    for piece in input.chunks(chunk) {
                        feed_ours(&mut s, piece, &mut sink).map_err(|e| format!("refused: {e:?}"))?;
                    }
                    let types = flight_types(s.pending_tls());
                    if types != [SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE] {
                        return Err(format!("server flight has messages {types:?}"));
                    }
                    Ok(())
                }),
            ));
        }
    }
    run_table("well-formed ClientHellos", cases);
}

#[test]
fn server_rejects_malformed_client_hellos() {
    let good = Hello::good();
    let msg = good.message();
    let truncated = {
        // Cut the last 3 bytes off but fix the handshake length: extensions overrun.
        let mut m = msg[..msg.len() - 3].to_vec();
        let len = m.len() - 4;
        m[1..4].copy_from_slice(&(len as u32).to_be_bytes()[1..]);
        frame(&m)
    };
    let cases: Vec<(&str, CaseFn)> = vec![
        ("TLS 1.1 only", server_case(good.clone().with(|h| h.version = 0x0302).wire(), &[AD::ProtocolVersion])),
        ("SSL 3.0 only", server_case(good.clone().with(|h| h.version = 0x0300).wire(), &[AD::ProtocolVersion])),
        (
            "no shared suite",
            server_case(good.clone().with(|h| h.suites = u16s(&NOT_OURS)).wire(), &[AD::HandshakeFailure]),
        ),
        ("empty suite list", server_case(good.clone().with(|h| h.suites.clear()).wire(), &[AD::DecodeError])),
        ("odd suite list length", server_case(good.clone().with(|h| h.suites.push(0xc0)).wire(), &[AD::DecodeError])),
        (
            "no null compression",
            server_case(
                good.clone().with(|h| h.compression = vec![1]).wire(),
                &[AD::DecodeError, AD::IllegalParameter],
            ),
        ),
        (
            "empty compression list",
            server_case(good.clone().with(|h| h.compression.clear()).wire(), &[AD::DecodeError, AD::IllegalParameter]),
        ),
        (
            "session id of 33 bytes",
            server_case(
                good.clone().with(|h| h.session_id = vec![7; 33]).wire(),
                &[AD::DecodeError, AD::IllegalParameter],
            ),
        ),
        (
            "no uncompressed point format",
            server_case(good.clone().replace_ext(11, vec![1, 1]).wire(), &[AD::IllegalParameter]),
        ),
        (
            "only unsupported groups",
            server_case(good.clone().replace_ext(10, with_len16(&u16s(&[25, 30]))).wire(), &[AD::HandshakeFailure]),
        ),
        (
            "only SHA-1 signatures",
            server_case(
                good.clone().replace_ext(13, with_len16(&u16s(&[0x0201, 0x0203]))).wire(),
                &[AD::HandshakeFailure],
            ),
        ),
        (
            "supported_groups odd length",
            server_case(good.clone().replace_ext(10, vec![0, 3, 0, 29, 0]).wire(), &[AD::DecodeError]),
        ),
        (
            "sigalgs inner length overruns",
            server_case(good.clone().replace_ext(13, vec![0, 40, 4, 1]).wire(), &[AD::DecodeError]),
        ),
        (
            "empty SNI host name",
            server_case(
                good.clone().replace_ext(0, with_len16(&[0, 0, 0])).wire(),
                &[AD::DecodeError, AD::IllegalParameter],
            ),
        ),
        ("EMS extension with a body", server_case(good.clone().replace_ext(23, vec![0]).wire(), &[AD::DecodeError])),
        (
            "renegotiation_info not empty",
            server_case(
                good.clone().replace_ext(0xff01, vec![12; 13]).wire(),
                &[AD::HandshakeFailure, AD::IllegalParameter],
            ),
        ),
        (
            "duplicate extension",
            server_case(
                good.clone().with(|h| h.extensions.push((10, with_len16(&u16s(&[23]))))).wire(),
                &[AD::DecodeError, AD::IllegalParameter],
            ),
        ),
        (
            "trailing bytes after extensions",
            server_case(good.clone().with(|h| h.trailing = vec![0, 0]).wire(), &[AD::DecodeError]),
        ),
        ("extensions overrun the message", server_case(truncated, &[AD::DecodeError])),
        (
            "message shorter than its fixed fields",
            server_case(frame(&hs(CLIENT_HELLO, &[3, 3, 0, 0])), &[AD::DecodeError]),
        ),
    ];
    run_table("malformed ClientHello", cases);
}

#[test]
fn server_rejects_bad_records_and_out_of_order_messages() {
    let good = Hello::good();
    let cases: Vec<(&str, CaseFn)> = vec![
        ("unknown content type", server_case(record(0x63, 0x0303, &good.message()), &[AD::UnexpectedMessage])),
        (
            "application data first",
            server_case(record(APPDATA, 0x0303, b"GET / HTTP/1.0\r\n\r\n"), &[AD::UnexpectedMessage]),
        ),
        ("change_cipher_spec first", server_case(record(CCS, 0x0303, &[1]), &[AD::UnexpectedMessage])),
        ("ServerHello to a server", server_case(frame(&hs(SERVER_HELLO, &[3, 3])), &[AD::UnexpectedMessage])),
        ("Finished first", server_case(frame(&hs(FINISHED, &[0; 12])), &[AD::UnexpectedMessage])),
        ("ClientKeyExchange first", server_case(frame(&hs(CLIENT_KEY_EXCHANGE, &[1, 4])), &[AD::UnexpectedMessage])),
        ("plaintext record over 2^14", server_case(record(HANDSHAKE, 0x0303, &vec![0; 16385]), &[AD::RecordOverflow])),
        (
            "handshake message of 16 MiB announced",
            server_case(
                record(HANDSHAKE, 0x0303, &[1, 0xff, 0xff, 0xff, 3, 3]),
                &[AD::IllegalParameter, AD::DecodeError, AD::HandshakeFailure, AD::RecordOverflow],
            ),
        ),
        ("alert record of 3 bytes", server_case(record(ALERT, 0x0303, &[2, 40, 0]), &[AD::DecodeError])),
        ("two ClientHellos", server_case([good.wire(), good.wire()].concat(), &[AD::UnexpectedMessage])),
        (
            "ClientHello then Finished",
            server_case([good.wire(), frame(&hs(FINISHED, &[0; 12]))].concat(), &[AD::UnexpectedMessage]),
        ),
        (
            "ClientHello then change_cipher_spec",
            server_case([good.wire(), record(CCS, 0x0303, &[1])].concat(), &[AD::UnexpectedMessage]),
        ),
        (
            "change_cipher_spec with body 2",
            server_case(
                [good.wire(), record(CCS, 0x0303, &[2])].concat(),
                &[AD::UnexpectedMessage, AD::DecodeError, AD::IllegalParameter],
            ),
        ),
    ];
    run_table("bad records to the server", cases);
}

#[test]
fn server_rejects_a_real_client_flight_out_of_order() {
    // OpenSSL's real ClientKeyExchange / ChangeCipherSpec / Finished, rearranged.
    type Edit = fn(Vec<common::Record>) -> Vec<common::Record>;
    let edits: Vec<(&str, Edit, &'static [AD])> = vec![
        (
            "change_cipher_spec before ClientKeyExchange",
            |r| vec![r[1].clone(), r[0].clone(), r[2].clone()],
            &[AD::UnexpectedMessage],
        ),
        ("no ClientKeyExchange", |r| vec![r[1].clone(), r[2].clone()], &[AD::UnexpectedMessage]),
        (
            "Finished without change_cipher_spec",
            |r| vec![r[0].clone(), r[2].clone()],
            // The ciphertext is read as a plaintext handshake message: any of these.
            &[AD::UnexpectedMessage, AD::BadRecordMac, AD::DecodeError, AD::IllegalParameter],
        ),
        (
            "ClientKeyExchange twice",
            |r| vec![r[0].clone(), r[0].clone(), r[1].clone(), r[2].clone()],
            &[AD::UnexpectedMessage],
        ),
        (
            "Finished tampered",
            |mut r| {
                let last = r[2].body.len() - 1;
                r[2].body[last] ^= 1;
                r
            },
            &[AD::BadRecordMac],
        ),
        (
            "ClientKeyExchange point cut short",
            |mut r| {
                // Shorten the public point, keeping every length consistent.
                let body = &mut r[0].body;
                let point_len = usize::from(body[4]);
                let mut m = vec![CLIENT_KEY_EXCHANGE, 0, 0, (point_len - 1) as u8, (point_len - 2) as u8];
                m.extend_from_slice(&body[5..5 + point_len - 2]);
                *body = m;
                r
            },
            &[AD::DecodeError, AD::IllegalParameter, AD::HandshakeFailure],
        ),
        (
            "ClientKeyExchange with trailing byte",
            |mut r| {
                let body = &mut r[0].body;
                body.push(0);
                let len = body.len() - 4;
                body[1..4].copy_from_slice(&(len as u32).to_be_bytes()[1..]);
                r
            },
            &[AD::DecodeError],
        ),
    ];
    let mut cases: Vec<(&str, CaseFn)> = Vec::new();
    for (name, edit, allowed) in edits {
        cases.push((
            name,
            Box::new(move || {
                let mut ours = new_server();
                let mut theirs = OsslCtx::new()
                    .groups("X25519")
                    .ciphers("ECDHE-RSA-AES128-GCM-SHA256")
                    .client(Some("localhost"), None);
                let _ = theirs.handshake();
                let mut sink = Vec::new();
                feed_ours(&mut ours, &theirs.take(), &mut sink).map_err(|e| format!("ClientHello refused: {e}"))?;
                theirs.feed(&take_ours(&mut ours));
                let _ = theirs.handshake();
                let flight = records(&theirs.take());
                let kinds: Vec<u8> = flight.iter().map(|r| r.typ).collect();
                if kinds != [HANDSHAKE, CCS, HANDSHAKE] {
                    return Err(format!("OpenSSL's flight has records {kinds:?}"));
                }
                let wire: Vec<u8> = edit(flight).iter().flat_map(|r| record(r.typ, r.version, &r.body)).collect();
                let err = match feed_ours(&mut ours, &wire, &mut sink) {
                    Ok(()) => return Err("accepted".into()),
                    Err(e) => e,
                };
                check_failure(&mut ours, &err, allowed)?;
                alert_reaches_openssl(&mut ours, &mut theirs, &err, true)
            }),
        ));
    }
    run_table("rearranged client flight", cases);
}

/// Delivers our queued alert to OpenSSL and checks it reports receiving exactly that
/// alert (works whether or not the alert record is encrypted). `in_handshake` says
/// whether OpenSSL is still in its handshake (so it reads with `SSL_do_handshake`).
fn alert_reaches_openssl(
    ours: &mut Connection,
    theirs: &mut Ossl,
    err: &Error,
    in_handshake: bool,
) -> Result<(), String> {
    let alert = u8::from(err.alert.expect("an alert"));
    theirs.feed(&take_ours(ours));
    let seen = if in_handshake {
        theirs.handshake().err()
    } else {
        let mut sink = Vec::new();
        theirs.read_all(&mut sink).err()
    };
    match seen {
        Some(e) if e.has_reason(alert_reason(alert)) => Ok(()),
        other => Err(format!("we failed with {err}, OpenSSL saw {other:?}")),
    }
}

/// A parsed ServerHello that can be re-encoded after changes.
#[derive(Clone)]
struct ServerHello {
    version: u16,
    random: Vec<u8>,
    session_id: Vec<u8>,
    suite: u16,
    compression: u8,
    extensions: Vec<(u16, Vec<u8>)>,
}

impl ServerHello {
    fn parse(body: &[u8]) -> ServerHello {
        let sid_len = usize::from(body[34]);
        let mut p = 35 + sid_len;
        let suite = u16::from_be_bytes([body[p], body[p + 1]]);
        let compression = body[p + 2];
        p += 3;
        let mut extensions = Vec::new();
        if p < body.len() {
            let end = p + 2 + usize::from(u16::from_be_bytes([body[p], body[p + 1]]));
            p += 2;
            while p < end {
                let typ = u16::from_be_bytes([body[p], body[p + 1]]);
                let len = usize::from(u16::from_be_bytes([body[p + 2], body[p + 3]]));
                extensions.push((typ, body[p + 4..p + 4 + len].to_vec()));
                p += 4 + len;
            }
        }
        ServerHello {
            version: u16::from_be_bytes([body[0], body[1]]),
            random: body[2..34].to_vec(),
            session_id: body[35..35 + sid_len].to_vec(),
            suite,
            compression,
            extensions,
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut body = self.version.to_be_bytes().to_vec();
        body.extend_from_slice(&self.random);
        put_vec(&mut body, 1, &self.session_id);
        body.extend_from_slice(&self.suite.to_be_bytes());
        body.push(self.compression);
        let mut exts = Vec::new();
        for (typ, data) in &self.extensions {
            exts.extend_from_slice(&typ.to_be_bytes());
            put_vec(&mut exts, 2, data);
        }
        put_vec(&mut body, 2, &exts);
        body
    }
}

/// Our client (ClientHello sent) and OpenSSL's real answer to it, as messages.
fn client_with_server_flight() -> (Connection, Ossl, Vec<Msg>) {
    let (ours, hello) = new_client();
    let mut theirs = OsslCtx::new()
        .cert(RSA2048.chain, RSA2048.key)
        .ciphers("ECDHE-RSA-AES128-GCM-SHA256")
        .groups("X25519")
        .options(openssl_sys::SSL_OP_NO_TICKET)
        .server();
    theirs.feed(&hello);
    let _ = theirs.handshake();
    let flight = messages(&theirs.take());
    let types: Vec<u8> = flight.iter().map(|(t, _)| *t).collect();
    assert_eq!(types, [SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE], "OpenSSL's flight");
    (ours, theirs, flight)
}

/// A client case: edit OpenSSL's real server flight, feed it, expect one of `allowed`
/// (or success when `allowed` is empty).
fn client_case(edit: fn(&mut Vec<Msg>) -> Vec<u8>, allowed: &'static [AD]) -> CaseFn {
    Box::new(move || {
        let (mut ours, _theirs, mut flight) = client_with_server_flight();
        let wire = edit(&mut flight);
        if allowed.is_empty() {
            let mut sink = Vec::new();
            return feed_ours(&mut ours, &wire, &mut sink).map_err(|e| format!("refused: {e:?}"));
        }
        expect_alert(&mut ours, &wire, allowed)
    })
}

/// Applies `f` to the ServerHello of the flight and re-frames everything.
fn edit_sh(flight: &mut [Msg], f: impl FnOnce(&mut ServerHello)) -> Vec<u8> {
    let mut sh = ServerHello::parse(&flight[0].1);
    f(&mut sh);
    flight[0].1 = sh.encode();
    frame_msgs(flight)
}

#[test]
fn client_rejects_bad_server_flights() {
    let cases: Vec<(&str, CaseFn)> = vec![
        ("unmodified flight is accepted", client_case(|f| frame_msgs(f), &[])),
        (
            "suite we did not offer",
            client_case(|f| edit_sh(f, |sh| sh.suite = NOT_OURS[0]), &[AD::IllegalParameter, AD::HandshakeFailure]),
        ),
        (
            "suite unknown to everyone",
            client_case(|f| edit_sh(f, |sh| sh.suite = 0xeeee), &[AD::IllegalParameter, AD::HandshakeFailure]),
        ),
        ("TLS 1.1 ServerHello", client_case(|f| edit_sh(f, |sh| sh.version = 0x0302), &[AD::ProtocolVersion])),
        (
            "TLS 1.3 in ServerHello.version",
            client_case(|f| edit_sh(f, |sh| sh.version = 0x0304), &[AD::ProtocolVersion, AD::IllegalParameter]),
        ),
        ("compression method 1", client_case(|f| edit_sh(f, |sh| sh.compression = 1), &[AD::IllegalParameter])),
        (
            "session id of 33 bytes",
            client_case(|f| edit_sh(f, |sh| sh.session_id = vec![1; 33]), &[AD::DecodeError, AD::IllegalParameter]),
        ),
        (
            "ALPN we did not offer",
            client_case(
                |f| edit_sh(f, |sh| sh.extensions.push((16, vec![0, 3, 2, b'h', b'2']))),
                &[AD::UnsupportedExtension],
            ),
        ),
        (
            "unknown extension",
            client_case(|f| edit_sh(f, |sh| sh.extensions.push((0x1234, vec![]))), &[AD::UnsupportedExtension]),
        ),
        (
            "duplicate extension",
            client_case(
                |f| edit_sh(f, |sh| sh.extensions.push((0xff01, vec![0]))),
                &[AD::DecodeError, AD::IllegalParameter, AD::UnsupportedExtension],
            ),
        ),
        (
            "ServerHello cut short",
            client_case(
                |f| {
                    let body = f[0].1.clone();
                    f[0].1 = body[..body.len() - 3].to_vec();
                    frame_msgs(f)
                },
                &[AD::DecodeError],
            ),
        ),
        (
            "Certificate before ServerHello",
            client_case(
                |f| {
                    f.swap(0, 1);
                    frame_msgs(f)
                },
                &[AD::UnexpectedMessage],
            ),
        ),
        (
            "ServerHelloDone right after ServerHello",
            client_case(
                |f| {
                    f.drain(1..3);
                    frame_msgs(f)
                },
                &[AD::UnexpectedMessage],
            ),
        ),
        (
            "no ServerKeyExchange",
            client_case(
                |f| {
                    f.remove(2);
                    frame_msgs(f)
                },
                &[AD::UnexpectedMessage],
            ),
        ),
        (
            "ServerKeyExchange signature altered",
            client_case(
                |f| {
                    let last = f[2].1.len() - 5;
                    f[2].1[last] ^= 0x10;
                    frame_msgs(f)
                },
                &[AD::DecryptError],
            ),
        ),
        (
            "ServerKeyExchange names a group we did not offer",
            client_case(
                |f| {
                    f[2].1[1..3].copy_from_slice(&25u16.to_be_bytes());
                    frame_msgs(f)
                },
                &[AD::IllegalParameter, AD::DecryptError, AD::HandshakeFailure],
            ),
        ),
        (
            "empty Certificate message",
            client_case(
                |f| {
                    f[1].1 = vec![0, 0, 0];
                    frame_msgs(f)
                },
                &[AD::DecodeError, AD::HandshakeFailure, AD::BadCertificate, AD::IllegalParameter],
            ),
        ),
        (
            "Certificate list length overruns",
            client_case(
                |f| {
                    f[1].1[2] = f[1].1[2].wrapping_add(1);
                    frame_msgs(f)
                },
                &[AD::DecodeError],
            ),
        ),
        (
            "application data during the handshake",
            client_case(|f| [frame_msgs(&f[..1]), record(APPDATA, 0x0303, b"hi")].concat(), &[AD::UnexpectedMessage]),
        ),
        ("record over 2^14", client_case(|_| record(HANDSHAKE, 0x0303, &vec![0; 16385]), &[AD::RecordOverflow])),
        ("Finished before anything", client_case(|_| frame(&hs(FINISHED, &[0; 12])), &[AD::UnexpectedMessage])),
        ("ClientHello to a client", client_case(|_| Hello::good().wire(), &[AD::UnexpectedMessage])),
    ];
    run_table("bad server flights", cases);
}

#[test]
fn received_fatal_alert_is_not_answered() {
    for (name, mut conn) in [("server", new_server()), ("client", new_client().0)] {
        let mut sink = Vec::new();
        let err = feed_ours(&mut conn, &record(ALERT, 0x0303, &[2, 40]), &mut sink).expect_err(name);
        assert_eq!(err.reason, tls12::Reason::ALERT_RECEIVED(AD::HandshakeFailure), "{name}: {err:?}");
        assert_eq!(err.alert, None, "{name}: we must not answer a fatal alert");
        assert!(plaintext_alerts(conn.pending_tls()).is_empty(), "{name}: queued {:02x?}", conn.pending_tls());
    }
}

/// Which of our ends is tested after an established handshake with OpenSSL.
fn established(our_client: bool) -> (Connection, Ossl) {
    let (mut ours, mut theirs) = if our_client {
        let ctx = OsslCtx::new().cert(RSA2048.chain, RSA2048.key);
        (new_client_raw(), ctx.server())
    } else {
        (new_server(), OsslCtx::new().client(Some("localhost"), None))
    };
    let out = handshake(&mut ours, &mut theirs);
    assert!(out.ok(), "handshake: ours {:?} OpenSSL {:?}", out.ours, out.theirs);
    (ours, theirs)
}

fn new_client_raw() -> Connection {
    Connection::new_client(Arc::new(client_config(true)), Some("localhost"), Some("localhost")).expect("new_client")
}

/// Tampered or oversized records after the handshake: the alert is encrypted, so OpenSSL
/// decrypts it and tells us which one it got.
#[test]
fn encrypted_records_tampered_truncated_oversized() {
    type Make = fn(Vec<u8>) -> Vec<u8>;
    let edits: Vec<(&str, Make, &'static [AD])> = vec![
        (
            "ciphertext bit flipped",
            |mut w| {
                let mid = w.len() / 2;
                w[mid] ^= 0x01;
                w
            },
            &[AD::BadRecordMac],
        ),
        (
            "tag bit flipped",
            |mut w| {
                let last = w.len() - 1;
                w[last] ^= 0x80;
                w
            },
            &[AD::BadRecordMac],
        ),
        (
            "content type changed to handshake",
            |mut w| {
                w[0] = HANDSHAKE;
                w
            },
            &[AD::BadRecordMac],
        ),
        (
            "record shorter than nonce and tag",
            |_| record(APPDATA, 0x0303, &[1, 2, 3, 4, 5]),
            &[AD::BadRecordMac, AD::DecodeError],
        ),
        ("empty encrypted record", |_| record(APPDATA, 0x0303, &[]), &[AD::BadRecordMac, AD::DecodeError]),
        (
            "ciphertext over 2^14 + 2048",
            |_| record(APPDATA, 0x0303, &vec![0x55; 16384 + 2048 + 1]),
            &[AD::RecordOverflow],
        ),
        (
            "plaintext change_cipher_spec after the handshake",
            |_| record(CCS, 0x0303, &[1]),
            &[AD::UnexpectedMessage, AD::BadRecordMac],
        ),
        ("records replayed", |w| [w.clone(), w].concat(), &[AD::BadRecordMac]),
    ];
    let mut cases: Vec<(String, CaseFn)> = Vec::new();
    for our_client in [true, false] {
        for (name, edit, allowed) in edits.iter().cloned() {
            let label = format!("{} {name}", if our_client { "client" } else { "server" });
            cases.push((
                label,
                Box::new(move || {
                    let (mut ours, mut theirs) = established(our_client);
                    theirs.write(b"a perfectly good record").map_err(|e| format!("{e:?}"))?;
                    let wire = edit(theirs.take());
                    let mut sink = Vec::new();
                    let err = match feed_ours(&mut ours, &wire, &mut sink) {
                        Ok(()) => return Err(format!("accepted; read {:?}", String::from_utf8_lossy(&sink))),
                        Err(e) => e,
                    };
                    check_failure(&mut ours, &err, allowed)?;
                    alert_reaches_openssl(&mut ours, &mut theirs, &err, false)
                }),
            ));
        }
    }
    run_table("encrypted record errors", cases);
}

/// Feeds `input` to `conn` in pieces, expecting no panic; returns the error if any.
fn feed_garbage(conn: &mut Connection, input: &[u8], rng: &mut Prng) -> Option<Error> {
    let mut sink = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let n = rng.range(1, rest.len());
        if let Err(e) = feed_ours(conn, &rest[..n], &mut sink) {
            return Some(e);
        }
        rest = &rest[n..];
    }
    None
}

/// How many random inputs each garbage test tries.
const GARBAGE_CASES: usize = if cfg!(debug_assertions) { 1500 } else { 6000 };

/// Random inputs of several shapes; every one must be handled without panicking, and
/// an error must stick and carry an alert that is queued in plaintext.
#[test]
fn random_garbage_never_panics() {
    let mut rng = Prng::new(0xbad_1a9u64);
    let base_hello = Hello::good().wire();
    let (_, client_hello) = new_client();
    let (_c, _s, flight) = client_with_server_flight();
    let server_flight = frame_msgs(&flight);
    let deadline = Instant::now() + Duration::from_secs(if cfg!(debug_assertions) { 240 } else { 120 });
    let mut f = Failures::default();
    for i in 0..GARBAGE_CASES {
        assert!(Instant::now() < deadline, "garbage test too slow at case {i}");
        let seed = rng.next_u64();
        let shape = i % 6;
        let label = format!("case {i} (shape {shape}, seed {seed:#x})");
        f.run(&label, || -> Result<(), String> {
            let mut r = Prng::new(seed);
            let (mut conn, input) = match shape {
                // Pure noise to a server.
                0 => {
                    let n = r.range(1, 3000);
                    (new_server(), r.bytes(n))
                }
                // Noise in well-formed record headers to a server.
                1 => {
                    let mut input = Vec::new();
                    for _ in 0..r.range(1, 4) {
                        let typ = [CCS, ALERT, HANDSHAKE, APPDATA][r.range(0, 3)];
                        let len = r.range(0, 600);
                        input.extend(record(typ, 0x0303, &r.bytes(len)));
                    }
                    (new_server(), input)
                }
                // A ClientHello with random bytes flipped.
                2 | 3 => {
                    let base = if shape == 2 { &base_hello } else { &client_hello };
                    let mut input = base.clone();
                    for _ in 0..r.range(1, 6) {
                        let at = r.range(0, input.len() - 1);
                        input[at] ^= 1 << r.range(0, 7);
                    }
                    (new_server(), input)
                }
                // A valid ClientHello, then noise.
                4 => {
                    let mut input = base_hello.clone();
                    let n = r.range(1, 500);
                    input.extend(r.bytes(n));
                    (new_server(), input)
                }
                // OpenSSL's server flight with bytes flipped, to our client.
                _ => {
                    let mut input = server_flight.clone();
                    for _ in 0..r.range(1, 4) {
                        let at = r.range(0, input.len() - 1);
                        input[at] = r.next_u64() as u8;
                    }
                    (new_client().0, input)
                }
            };
            if let Some(err) = feed_garbage(&mut conn, &input, &mut r) {
                if conn.fatal_error() != Some(&err) || conn.process_new_packets().as_ref().err() != Some(&err) {
                    return Err(format!("error {err:?} does not stick"));
                }
                if let Some(alert) = err.alert {
                    let queued = plaintext_alerts(conn.pending_tls());
                    if queued.last() != Some(&(2, u8::from(alert))) {
                        return Err(format!("error {err:?} but queued alerts {queued:?}"));
                    }
                }
            }
            Ok(())
        });
    }
    f.assert_none("random garbage");
}

#[test]
fn hello_request_before_server_hello_is_ignored_like_openssl() {
    // RFC 5246 7.4.1.1: a client that is negotiating ignores HelloRequest. OpenSSL does:
    // the same server flight behind a HelloRequest completes its side of the handshake.
    let hello_request = frame(&hs(HELLO_REQUEST, &[]));
    let server = || OsslCtx::new().cert(RSA2048.chain, RSA2048.key).versions(0, openssl_sys::TLS1_2_VERSION).server();
    let mut reference = OsslCtx::new().client(Some("localhost"), None);
    let _ = reference.handshake();
    let mut s = server();
    s.feed(&reference.take());
    let _ = s.handshake();
    reference.feed(&[hello_request.clone(), s.take()].concat());
    let r = reference.handshake();
    assert!(matches!(r, Ok(false)), "OpenSSL client: {r:?}");
    let answer: Vec<u8> = records(&reference.take()).iter().map(|r| r.typ).collect();
    assert_eq!(answer, [HANDSHAKE, CCS, HANDSHAKE], "OpenSSL answered with records {answer:?}");

    let (mut ours, hello) = new_client();
    let mut s = server();
    s.feed(&hello);
    let _ = s.handshake();
    let mut sink = Vec::new();
    let result = feed_ours(&mut ours, &[hello_request, s.take()].concat(), &mut sink);
    assert!(result.is_ok(), "our client: {result:?}");
    let answer: Vec<u8> = records(&take_ours(&mut ours)).iter().map(|r| r.typ).collect();
    assert_eq!(answer, [HANDSHAKE, CCS, HANDSHAKE], "our client answered with records {answer:?}");
}

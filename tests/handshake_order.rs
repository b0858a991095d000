//! The order of the server's optional messages, as our client enforces it. Each case
//! takes OpenSSL's real answer to our ClientHello, edits it (acknowledges
//! status_request, inserts a CertificateStatus or a NewSessionTicket) and feeds it to
//! our client, which must either go on or end the handshake with unexpected_message:
//! a CertificateStatus comes only right after a Certificate (so never on a
//! PSK-authenticated suite), a NewSessionTicket only when the ServerHello promised one.
//! And the same for our server with OpenSSL's client flight: a Certificate only when
//! our server asked for one, a CertificateVerify only after a non-empty Certificate.

mod common;

use std::sync::Arc;

use common::ossl::{Ossl, OsslCtx, PskHooks};
use common::wire::{frame_msgs, messages, put_vec, Msg};
use common::{
    client_config, feed_ours, plaintext_alerts, record, records, root_store, server_config, take_ours, Failures,
    RSA2048,
};
use openssl_sys as ffi;
use tls12::internal::suites::ALL_SUITES;
use tls12::AlertDescription as AD;
use tls12::{Connection, DefaultHooks, Hooks};

const SERVER_HELLO: u8 = 2;
const NEW_SESSION_TICKET: u8 = 4;
const CERTIFICATE: u8 = 11;
const SERVER_KEY_EXCHANGE: u8 = 12;
const SERVER_HELLO_DONE: u8 = 14;
const CERTIFICATE_VERIFY: u8 = 15;
const CLIENT_KEY_EXCHANGE: u8 = 16;
const CERTIFICATE_STATUS: u8 = 22;
/// The status_request extension (RFC 6066 8).
const STATUS_REQUEST: u16 = 5;
const CHANGE_CIPHER_SPEC: u8 = 20;
const ALERT: u8 = 21;
/// The OCSP response the edited flights staple (its content is not checked by the
/// default hooks; the client only hands it on).
const STAPLED: &[u8] = b"a stapled OCSP response";

/// Our client for the suite `name` (PSK suites get the PSK callback), asking for OCSP
/// stapling, and OpenSSL's server flight in answer to its ClientHello.
fn client_and_flight(name: &str) -> (Connection, Ossl, Vec<Msg>) {
    let suite = ALL_SUITES.iter().find(|s| s.openssl_name == name).expect("suite in the table");
    let mut config = client_config(false);
    config.suites = vec![suite];
    config.request_ocsp = true;
    // OpenSSL's automatic DH parameters for DHE-PSK without a certificate: 1024 bits.
    config.min_dh_bits = 1024;
    let hooks: Box<dyn Hooks> = if suite.kx.uses_psk() { Box::new(PskHooks) } else { Box::new(DefaultHooks) };
    let mut ours =
        Connection::new_client_with_hooks(Arc::new(config), Some("localhost"), None, None, hooks).expect("new_client");
    let hello = take_ours(&mut ours);
    let mut sctx = OsslCtx::new().versions(0, ffi::TLS1_2_VERSION).ciphers(name).options(ffi::SSL_OP_NO_TICKET);
    sctx = if suite.kx.uses_psk() { sctx.psk() } else { sctx.cert(RSA2048.chain, RSA2048.key) };
    let mut theirs = sctx.server();
    theirs.feed(&hello);
    let _ = theirs.handshake();
    let flight = messages(&theirs.take());
    (ours, theirs, flight)
}

/// The ServerHello body `body` with one more (empty) extension of type `typ`.
fn with_extension(body: &[u8], typ: u16) -> Vec<u8> {
    let start = 35 + usize::from(body[34]) + 3;
    let mut extensions = body.get(start + 2..).unwrap_or_default().to_vec();
    extensions.extend_from_slice(&typ.to_be_bytes());
    extensions.extend_from_slice(&[0, 0]);
    let mut out = body[..start].to_vec();
    put_vec(&mut out, 2, &extensions);
    out
}

/// A CertificateStatus message stapling [`STAPLED`] (status_type ocsp).
fn certificate_status() -> Msg {
    let mut body = vec![1];
    put_vec(&mut body, 3, STAPLED);
    (CERTIFICATE_STATUS, body)
}

/// The flight with status_request acknowledged in its ServerHello and a
/// CertificateStatus inserted at `at` (none: left out, as RFC 6066 8 allows).
fn stapled_flight(mut flight: Vec<Msg>, at: Option<usize>) -> Vec<u8> {
    flight[0].1 = with_extension(&flight[0].1, STATUS_REQUEST);
    if let Some(at) = at {
        flight.insert(at, certificate_status());
    }
    frame_msgs(&flight)
}

/// Feeds `wire` to `ours` and checks that it fails with unexpected_message, with an
/// error naming `received`, and queues its alert: a fatal unexpected_message in
/// plaintext, or, once our keys are on (`encrypted`), an encrypted alert record.
fn expect_unexpected(ours: &mut Connection, wire: &[u8], received: &str, encrypted: bool) -> Result<(), String> {
    let mut sink = Vec::new();
    let err = match feed_ours(ours, wire, &mut sink) {
        Ok(()) => return Err("the client went on".to_string()),
        Err(e) => e,
    };
    if err.alert != Some(AD::UnexpectedMessage) {
        return Err(format!("alert {:?}, error {err}", err.alert));
    }
    if !err.to_string().contains(&format!("received {received}")) {
        return Err(format!("the error does not name the {received}: {err}"));
    }
    let queued = records(ours.pending_tls());
    let alert_queued = match (queued.last(), encrypted) {
        (Some(last), true) => last.typ == ALERT && last.body.len() > 2,
        (Some(last), false) => last.typ == ALERT && last.body == [2, u8::from(AD::UnexpectedMessage)],
        (None, _) => false,
    };
    if !alert_queued {
        return Err(format!("queued records {queued:?}"));
    }
    Ok(())
}

/// Feeds `wire` to `ours` and checks that the client answers with its flight.
fn expect_client_flight(ours: &mut Connection, wire: &[u8]) -> Result<(), String> {
    let mut sink = Vec::new();
    feed_ours(ours, wire, &mut sink).map_err(|e| format!("refused: {e}"))?;
    if ours.pending_tls().is_empty() || !plaintext_alerts(ours.pending_tls()).is_empty() {
        return Err(format!("the client queued {:02x?} instead of its flight", ours.pending_tls()));
    }
    Ok(())
}

#[test]
fn certificate_status_needs_a_certificate_before_it() {
    let mut f = Failures::default();
    for name in ["PSK-AES128-GCM-SHA256", "ECDHE-PSK-AES128-CBC-SHA256", "DHE-PSK-AES128-GCM-SHA256"] {
        f.run(&format!("{name}: status_request acknowledged, no CertificateStatus"), || {
            let (mut ours, _theirs, flight) = client_and_flight(name);
            expect_client_flight(&mut ours, &stapled_flight(flight, None))?;
            match ours.ocsp_response() {
                Some([]) => Ok(()),
                other => Err(format!("ocsp_response {other:?}, not an empty one")),
            }
        });
        f.run(&format!("{name}: CertificateStatus right after the ServerHello"), || {
            let (mut ours, _theirs, flight) = client_and_flight(name);
            expect_unexpected(&mut ours, &stapled_flight(flight, Some(1)), "CertificateStatus", false)
        });
    }
    f.assert_none("CertificateStatus on PSK suites");
}

#[test]
fn certificate_status_comes_right_after_the_certificate() {
    let name = "ECDHE-RSA-AES128-GCM-SHA256";
    let mut f = Failures::default();
    f.run("OpenSSL's flight", || {
        let (_, _, flight) = client_and_flight(name);
        let types: Vec<u8> = flight.iter().map(|(t, _)| *t).collect();
        match types == [SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE] {
            true => Ok(()),
            false => Err(format!("messages {types:?}")),
        }
    });
    f.run("after the Certificate: stapled", || {
        let (mut ours, _theirs, flight) = client_and_flight(name);
        expect_client_flight(&mut ours, &stapled_flight(flight, Some(2)))?;
        match ours.ocsp_response() {
            Some(response) if response == STAPLED => Ok(()),
            other => Err(format!("ocsp_response {other:?}")),
        }
    });
    f.run("after the ServerKeyExchange", || {
        let (mut ours, _theirs, flight) = client_and_flight(name);
        expect_unexpected(&mut ours, &stapled_flight(flight, Some(3)), "CertificateStatus", false)
    });
    f.run("twice after the Certificate", || {
        let (mut ours, _theirs, mut flight) = client_and_flight(name);
        flight.insert(2, certificate_status());
        expect_unexpected(&mut ours, &stapled_flight(flight, Some(2)), "CertificateStatus", false)
    });
    f.run("without status_request in the ServerHello", || {
        let (mut ours, _theirs, mut flight) = client_and_flight(name);
        flight.insert(2, certificate_status());
        expect_unexpected(&mut ours, &frame_msgs(&flight), "CertificateStatus", false)
    });
    f.assert_none("CertificateStatus after a Certificate");
}

#[test]
fn new_session_ticket_only_when_promised() {
    // OpenSSL's server runs with SSL_OP_NO_TICKET: its ServerHello promises no ticket.
    let (mut ours, mut theirs, flight) = client_and_flight("ECDHE-RSA-AES128-GCM-SHA256");
    expect_client_flight(&mut ours, &frame_msgs(&flight)).expect("the unmodified flight");
    theirs.feed(&take_ours(&mut ours));
    assert!(theirs.handshake().expect("OpenSSL completes its side"), "OpenSSL's handshake is complete");
    let last_flight = theirs.take();
    let ccs = record(CHANGE_CIPHER_SPEC, 0x0303, &[1]);
    assert!(last_flight.starts_with(&ccs), "OpenSSL's last flight begins with ChangeCipherSpec");
    let ticket = frame_msgs(&[(NEW_SESSION_TICKET, vec![0, 0, 0, 60, 0, 4, 1, 2, 3, 4])]);
    let wire = [ticket, last_flight].concat();
    expect_unexpected(&mut ours, &wire, "NewSessionTicket", true).expect("a ticket nobody promised");
}

/// Our server (asking for a client certificate when `request`) and OpenSSL's client
/// flight in answer to our server's: its handshake messages before ChangeCipherSpec,
/// and the records from ChangeCipherSpec on.
fn server_and_client_flight(request: bool) -> (Connection, Vec<Msg>, Vec<u8>) {
    let mut config = server_config(&RSA2048);
    config.roots = root_store(&["ca.pem"]);
    config.verify_mode.peer = request;
    let mut ours = Connection::new_server(Arc::new(config)).expect("new_server");
    let mut theirs = OsslCtx::new().ciphers("ECDHE-RSA-AES128-GCM-SHA256").client(Some("localhost"), None);
    let _ = theirs.handshake();
    let mut sink = Vec::new();
    feed_ours(&mut ours, &theirs.take(), &mut sink).expect("OpenSSL's ClientHello");
    theirs.feed(&take_ours(&mut ours));
    let _ = theirs.handshake();
    let flight = records(&theirs.take());
    let split = flight.iter().position(|r| r.typ == CHANGE_CIPHER_SPEC).expect("OpenSSL sends ChangeCipherSpec");
    let frame_records =
        |rs: &[common::Record]| -> Vec<u8> { rs.iter().flat_map(|r| record(r.typ, r.version, &r.body)).collect() };
    (ours, messages(&frame_records(&flight[..split])), frame_records(&flight[split..]))
}

#[test]
fn client_certificate_messages_only_when_asked_for() {
    let mut f = Failures::default();
    f.run("requested: OpenSSL's empty Certificate and ClientKeyExchange", || {
        let (mut ours, msgs, rest) = server_and_client_flight(true);
        let types: Vec<u8> = msgs.iter().map(|(t, _)| *t).collect();
        if types != [CERTIFICATE, CLIENT_KEY_EXCHANGE] || msgs[0].1 != [0, 0, 0] {
            return Err(format!("OpenSSL's messages {msgs:02x?}"));
        }
        let mut sink = Vec::new();
        feed_ours(&mut ours, &[frame_msgs(&msgs), rest].concat(), &mut sink).map_err(|e| format!("refused: {e}"))
    });
    f.run("requested: CertificateVerify after an empty Certificate", || {
        let (mut ours, mut msgs, rest) = server_and_client_flight(true);
        let mut signed = 0x0804u16.to_be_bytes().to_vec();
        put_vec(&mut signed, 2, &[0x5a; 256]);
        msgs.push((CERTIFICATE_VERIFY, signed));
        expect_unexpected(&mut ours, &[frame_msgs(&msgs), rest].concat(), "CertificateVerify", false)
    });
    f.run("not requested: an empty Certificate before ClientKeyExchange", || {
        let (mut ours, mut msgs, rest) = server_and_client_flight(false);
        msgs.insert(0, (CERTIFICATE, vec![0, 0, 0]));
        expect_unexpected(&mut ours, &[frame_msgs(&msgs), rest].concat(), "Certificate", false)
    });
    f.assert_none("client certificate messages");
}

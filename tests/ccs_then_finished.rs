//! RFC 5246 7.4.9: the Finished comes right after the ChangeCipherSpec. A record of any
//! other type in between (here a warning alert, which tlslite-ng sent in
//! tests/hostile) ends the handshake with unexpected_message, as in OpenSSL
//! ("data between ccs and finished").
//!
//! The alert has to be protected with the client's new keys, so the case is a
//! resumption: the master secret is the first handshake's, and the randoms are on the
//! wire.

mod common;

use std::sync::Arc;

use common::{client_config, feed_ours, record, records, server_config, take_ours, RSA2048};
use tls12::internal::handshake::MasterSecret;
use tls12::internal::record::Protection;
use tls12::AlertDescription as AD;
use tls12::Connection;
use tls12::Reason;

const CHANGE_CIPHER_SPEC: u8 = 20;
const ALERT: u8 = 21;
const TLS12: u16 = 0x0303;

/// Runs our client against our server until neither has anything to send.
fn complete(client: &mut Connection, server: &mut Connection) {
    client.process_new_packets().expect("client start");
    for _ in 0..10 {
        let to_server = take_ours(client);
        let to_client = take_ours(server);
        if to_server.is_empty() && to_client.is_empty() {
            break;
        }
        feed_ours(server, &to_server, &mut Vec::new()).expect("server");
        feed_ours(client, &to_client, &mut Vec::new()).expect("client");
    }
    assert!(!client.is_handshaking() && !server.is_handshaking(), "the first handshake did not complete");
}

/// The random of the hello at the start of a flight (after the 4-byte handshake header
/// and the 2-byte version).
fn hello_random(flight: &[u8]) -> [u8; 32] {
    records(flight)[0].body[6..38].try_into().expect("32 bytes")
}

/// A record of `content_type` holding `plaintext`, protected by `key` with sequence
/// number `seq`.
fn sealed(key: &Protection, seq: u64, content_type: u8, plaintext: &[u8]) -> Vec<u8> {
    let mut out = vec![content_type, 3, 3, 0, 0];
    out.extend(std::iter::repeat_n(0, key.prefix_len()));
    out.extend_from_slice(plaintext);
    key.seal(seq, content_type, TLS12, &mut out, 5).expect("seal");
    let len = (out.len() - 5) as u16;
    out[3..5].copy_from_slice(&len.to_be_bytes());
    out
}

#[test]
fn a_warning_alert_between_change_cipher_spec_and_finished_is_refused() {
    let client_config = Arc::new(client_config(false));
    let server_config = Arc::new(server_config(&RSA2048));
    let mut first = Connection::new_client(Arc::clone(&client_config), Some("localhost"), None).expect("client");
    complete(&mut first, &mut Connection::new_server(Arc::clone(&server_config)).expect("server"));
    let session = Arc::clone(first.session().expect("a session"));

    let mut client =
        Connection::new_client_resuming(client_config, Some("localhost"), None, Some(Arc::clone(&session)))
            .expect("resuming client");
    let mut server = Connection::new_server(server_config).expect("server");
    client.process_new_packets().expect("client start");
    let hello = take_ours(&mut client);
    feed_ours(&mut server, &hello, &mut Vec::new()).expect("the resuming hello");
    let server_flight = take_ours(&mut server);
    assert!(records(&server_flight).iter().any(|r| r.typ == CHANGE_CIPHER_SPEC), "the server did not resume");

    let suite = first.suite().expect("a suite");
    let master = MasterSecret::from_session(&session.master_secret);
    let (client_key, _) = master
        .record_keys(suite, &hello_random(&hello), &hello_random(&server_flight), first.encrypt_then_mac())
        .expect("record keys");

    // The keys are right: they open the client's own Finished, which follows its
    // ChangeCipherSpec.
    feed_ours(&mut client, &server_flight, &mut Vec::new()).expect("the server's flight");
    let client_flight = records(&take_ours(&mut client));
    assert_eq!(client_flight.iter().map(|r| r.typ).collect::<Vec<_>>(), [CHANGE_CIPHER_SPEC, 22]);
    let mut finished = client_flight[1].body.clone();
    assert!(client_key.open(0, 22, TLS12, &mut finished).is_ok(), "the derived key does not open the Finished");

    let user_canceled = sealed(&client_key, 0, ALERT, &[1, u8::from(AD::UserCanceled)]);
    let mut wire = record(CHANGE_CIPHER_SPEC, TLS12, &[1]);
    wire.extend_from_slice(&user_canceled);
    let error = feed_ours(&mut server, &wire, &mut Vec::new()).expect_err("an alert between CCS and Finished");
    assert_eq!(error.alert, Some(AD::UnexpectedMessage), "{error}");
    assert_eq!(error.reason, Reason::DATA_BETWEEN_CCS_AND_FINISHED, "{error}");
}

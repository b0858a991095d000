//! Application data is decrypted where it lies in our input buffer and read from there.
//! These tests check, against real OpenSSL (openssl-sys over memory BIOs), that what
//! OpenSSL sends arrives intact and in order however the network cuts the bytes, with
//! several records waiting at once, read with small buffers and peeked.

mod common;

use std::sync::Arc;

use common::ossl::{handshake, Ossl, OsslCtx};
use common::{server_config, RSA2048};
use tls12::Connection;

/// Plaintext sizes OpenSSL writes: single bytes, a full record, two records in one write.
const SIZES: [usize; 7] = [1, 100, 16384, 20000, 5000, 3, 16383];

/// Our server and a verifying OpenSSL client, after the handshake.
fn connected() -> (Connection, Ossl) {
    let mut ours = Connection::new_server(Arc::new(server_config(&RSA2048))).expect("new_server");
    let mut theirs = OsslCtx::new().trust("ca.pem").verify_peer().client(Some("localhost"), Some("localhost"));
    let outcome = handshake(&mut ours, &mut theirs);
    assert!(outcome.ok(), "handshake: ours {:?}, OpenSSL {:?}", outcome.ours, outcome.theirs);
    (ours, theirs)
}

/// The messages OpenSSL writes, each byte telling its message and position.
fn messages() -> Vec<Vec<u8>> {
    SIZES.iter().enumerate().map(|(m, &n)| (0..n).map(|i| (i * 7 + m * 31) as u8).collect()).collect()
}

/// Reads all decrypted data of `ours` into `got` in reads of at most 3000 bytes, peeking
/// before each read: the read must return what the peek showed.
fn drain_with_peeks(ours: &mut Connection, got: &mut Vec<u8>) {
    let mut peeked = [0u8; 1500];
    let mut buf = [0u8; 3000];
    while ours.plaintext_pending() > 0 {
        let pending = ours.plaintext_pending();
        let p = ours.peek_plaintext(&mut peeked);
        assert_eq!(ours.plaintext_pending(), pending, "a peek consumed data");
        let n = ours.read_plaintext(&mut buf);
        assert!(n >= p && n > 0, "read {n} bytes after peeking {p}");
        assert_eq!(&buf[..p], &peeked[..p], "the read differs from the peek");
        assert_eq!(ours.plaintext_pending(), pending - n);
        got.extend_from_slice(&buf[..n]);
    }
}

#[test]
fn openssl_application_data_arrives_intact_however_the_bytes_are_cut() {
    let expected = messages().concat();
    // Cuts: byte by byte, inside headers, exactly a full record, across records, all.
    for cut in [1, 7, 4096, 16413, 17000, usize::MAX] {
        // Read as it arrives, or only once everything has arrived (the buffer then holds
        // many decrypted records while more bytes come in behind them).
        for read_as_it_arrives in [true, false] {
            let (mut ours, mut theirs) = connected();
            let mut wire = Vec::new();
            for message in messages() {
                theirs.write(&message).expect("OpenSSL SSL_write");
                wire.extend(theirs.take());
            }
            let mut got = Vec::new();
            let mut offset = 0;
            while offset < wire.len() {
                let end = offset.saturating_add(cut).min(wire.len());
                let taken = ours.read_tls(&wire[offset..end]);
                assert!(taken > 0, "cut {cut}: the engine takes no more input at {offset}");
                offset += taken;
                ours.process_new_packets().unwrap_or_else(|e| panic!("cut {cut}: {e}"));
                if read_as_it_arrives {
                    drain_with_peeks(&mut ours, &mut got);
                }
            }
            if !read_as_it_arrives {
                assert_eq!(ours.plaintext_pending(), expected.len(), "cut {cut}: not all decrypted");
            }
            drain_with_peeks(&mut ours, &mut got);
            assert!(got == expected, "cut {cut}, reading as it arrives {read_as_it_arrives}: the data differs");
            // The connection still works both ways afterwards.
            common::ossl::exchange_check(&mut ours, &mut theirs).unwrap_or_else(|e| panic!("cut {cut}: {e}"));
        }
    }
}

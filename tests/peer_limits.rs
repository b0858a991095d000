//! What a peer can make us spend before it authenticates: CPU per message and the
//! number of records we tolerate that make no progress. Each limit is compared with
//! OpenSSL's on the same bytes.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::ossl::OsslCtx;
use common::wire::Hello;
use common::{feed_ours, record, server_config, RSA2048};
use tls12::AlertDescription as AD;
use tls12::Connection;

/// Alert record content type.
const ALERT: u8 = 21;

/// The CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid clock id and a timespec to write.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn new_server() -> Connection {
    Connection::new_server(Arc::new(server_config(&RSA2048))).expect("new_server")
}

#[test]
fn sixteen_thousand_empty_extensions_cost_linear_time() {
    // A 64 KB ClientHello of unknown, empty extensions: duplicate detection that compares
    // each extension with every other one cost 87 ms here; OpenSSL needs about 1 ms.
    let hello = Hello::good().with(|h| h.extensions.extend((20000..36000).map(|t| (t, Vec::new())))).wire();
    assert!(hello.len() > 64_000);
    let mut server = new_server();
    let mut sink = Vec::new();
    let start = thread_cpu_time();
    let result = feed_ours(&mut server, &hello, &mut sink);
    let cpu = thread_cpu_time() - start;
    assert!(result.is_ok(), "the hello was refused: {result:?}");
    assert!(!server.pending_tls().is_empty(), "no server flight");
    assert!(cpu < Duration::from_millis(30), "the hello cost {cpu:?} of CPU");
}

#[test]
fn fifth_consecutive_warning_alert_ends_the_handshake_as_in_openssl() {
    let hello = Hello::good().wire();
    let warning = record(ALERT, 0x0303, &[1, u8::from(AD::UnrecognizedName)]);
    for count in [4, 5] {
        let alerts = warning.repeat(count);

        let mut theirs = OsslCtx::new().cert(RSA2048.chain, RSA2048.key).server();
        theirs.feed(&hello);
        let _ = theirs.handshake();
        theirs.feed(&alerts);
        let openssl = theirs.handshake();

        let mut ours = new_server();
        let mut sink = Vec::new();
        feed_ours(&mut ours, &hello, &mut sink).expect("the hello");
        let result = feed_ours(&mut ours, &alerts, &mut sink);
        assert_eq!(result.is_err(), openssl.is_err(), "{count} warnings: ours {result:?}, OpenSSL {openssl:?}");
        if let Err(e) = result {
            assert_eq!(e.alert, Some(AD::UnexpectedMessage), "{count} warnings: {e}");
        }
    }
}

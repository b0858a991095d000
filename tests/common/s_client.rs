//! One `openssl s_client` connection served by a server context made through libtls12's
//! C API, for tests that check what the real OpenSSL client sees.

use std::io::Read;
use std::os::fd::AsRawFd;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tls12::capi::ctx::SslCtx;
use tls12::capi::ssl::{tls12_SSL_accept, tls12_SSL_free, tls12_SSL_new, tls12_SSL_set_fd, tls12_SSL_shutdown};

/// Runs `openssl s_client -connect 127.0.0.1:PORT -tls1_2` (under `timeout 30`) against
/// one `SSL_accept` on a connection made from `server`. Returns what `SSL_accept`
/// returned and everything s_client printed.
pub fn serve_one(server: *mut SslCtx) -> (i32, String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut child = Command::new("timeout")
        .args(["30", "openssl", "s_client", "-connect", &format!("127.0.0.1:{port}"), "-tls1_2"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the openssl command runs");
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let sock = loop {
        match listener.accept() {
            Ok((sock, _)) => break sock,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("s_client did not connect: {e}");
            }
        }
    };
    sock.set_nonblocking(false).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // SAFETY: `server` is a live context; the socket outlives the connection.
    let accepted = unsafe {
        let s = tls12_SSL_new(server);
        assert_eq!(tls12_SSL_set_fd(s, sock.as_raw_fd()), 1);
        let r = tls12_SSL_accept(s);
        tls12_SSL_shutdown(s);
        tls12_SSL_free(s);
        r
    };
    drop(sock);
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let waited = Instant::now();
    while child.try_wait().unwrap().is_none() && waited.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    (accepted, reader.join().unwrap())
}

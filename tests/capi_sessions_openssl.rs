//! Session resumption through the C API against the real `openssl` command over loopback
//! TCP: `openssl s_client -sess_out F` to our server and then `-sess_in F` resumes (by
//! ticket, and by session ID with `-no_ticket`); our client, with its session saved to a
//! PEM file and read back as after a restart, resumes against `openssl s_server` (by
//! ticket, and by session ID with `-no_ticket`). Every child is killed when its guard
//! drops; every wait has a deadline.
//!
//! Only libtls12's own symbols are linked (the peer is the `openssl` process).

#[path = "common/certs.rs"]
mod certs;

use std::ffi::{c_int, CString};
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::ptr;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tls12::capi::ctx::*;
use tls12::capi::err::{tls12_ERR_clear_error, tls12_ERR_get_error};
use tls12::capi::ssl::*;

/// How long one step (a handshake, a child's output) may take.
const STEP: Duration = Duration::from_secs(20);
const PEM: c_int = 1;
const SSL_VERIFY_PEER: c_int = 1;
const SSL_OP_NO_TICKET: u64 = 0x4000;

/// The test PKI, generated once into the target directory.
fn certs_dir() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    certs::ensure_test_certs(repo, &target)
}

fn cpath(path: &Path) -> CString {
    CString::new(path.to_str().unwrap()).unwrap()
}

/// A child process whose output is collected in the background; killed on drop.
struct ChildGuard {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl ChildGuard {
    /// Starts `openssl ARGS` in the certificate directory, stdin open, output captured.
    fn openssl(args: &[&str]) -> ChildGuard {
        let mut child = Command::new("openssl")
            .args(args)
            .current_dir(certs_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start openssl");
        let output = Arc::new(Mutex::new(String::new()));
        for pipe in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let output = Arc::clone(&output);
            thread::spawn(move || {
                let mut pipe = pipe;
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    output.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        ChildGuard { child, output }
    }

    /// Waits until the output contains `needle`; returns it.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + STEP;
        loop {
            let out = self.output.lock().unwrap().clone();
            if out.contains(needle) {
                return out;
            }
            assert!(Instant::now() < deadline, "openssl never printed {needle:?}:\n{out}");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (bounded) for the child to exit with its stdin closed; returns its output.
    fn finish(mut self) -> String {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + STEP;
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "openssl did not exit:\n{}", self.output.lock().unwrap());
            thread::sleep(Duration::from_millis(20));
        }
        thread::sleep(Duration::from_millis(100));
        let out = self.output.lock().unwrap().clone();
        out
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The error queue, drained, as text.
fn errors() -> String {
    std::iter::from_fn(|| Some(tls12_ERR_get_error()).filter(|&e| e != 0)).map(|e| format!("{e:#x} ")).collect()
}

/// A context pointer that may move to another thread (contexts are thread-safe).
#[derive(Clone, Copy)]
struct SharedCtx(*mut SslCtx);
// SAFETY: an SSL_CTX may be used from several threads (its state is behind a mutex).
unsafe impl Send for SharedCtx {}

/// Our server (the C API on a blocking socket) accepts `n` connections from `listener`;
/// returns whether each resumed a session.
fn serve(ctx: SharedCtx, listener: TcpListener, n: usize) -> thread::JoinHandle<Vec<bool>> {
    thread::spawn(move || {
        let ctx = ctx;
        (0..n)
            .map(|_| {
                let (sock, _) = listener.accept().expect("accept");
                sock.set_read_timeout(Some(STEP)).unwrap();
                sock.set_write_timeout(Some(STEP)).unwrap();
                // SAFETY: a live context and an open socket that outlives the connection.
                unsafe {
                    let ssl = tls12_SSL_new(ctx.0);
                    assert_eq!(tls12_SSL_set_fd(ssl, sock.as_raw_fd()), 1);
                    assert_eq!(tls12_SSL_accept(ssl), 1, "our server's handshake: {}", errors());
                    let reused = tls12_SSL_session_reused(ssl) == 1;
                    let hello = b"hello\n";
                    tls12_SSL_write(ssl, hello.as_ptr().cast(), hello.len() as c_int);
                    let mut buf = [0u8; 256];
                    while tls12_SSL_read(ssl, buf.as_mut_ptr().cast(), buf.len() as c_int) > 0 {}
                    tls12_SSL_shutdown(ssl);
                    tls12_SSL_free(ssl);
                    tls12_ERR_clear_error();
                    reused
                }
            })
            .collect()
    })
}

/// `openssl s_client` resumes against our server with `-sess_out` / `-sess_in`.
fn s_client_resumes_with_our_server(no_ticket: bool) {
    let dir = certs_dir();
    // SAFETY: every pointer passed is live or NULL as the functions allow.
    let ctx = unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_server_method());
        assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, cpath(&dir.join("rsa-chain.pem")).as_ptr()), 1);
        assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, cpath(&dir.join("rsa.key")).as_ptr(), PEM), 1);
        ctx
    };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let server = serve(SharedCtx(ctx), listener, 2);
    let file = std::env::temp_dir().join(format!("tls12-s_client-{}-{no_ticket}.pem", std::process::id()));
    let file = file.to_str().unwrap();
    let connect = format!("127.0.0.1:{port}");
    let mut outputs = Vec::new();
    for sess in ["-sess_out", "-sess_in"] {
        let mut args = vec!["s_client", "-connect", &connect, "-tls1_2", "-CAfile", "ca.pem", sess, file];
        if no_ticket {
            args.push("-no_ticket");
        }
        outputs.push(ChildGuard::openssl(&args).finish());
    }
    let reused = server.join().expect("our server");
    let _ = std::fs::remove_file(file);
    assert!(outputs[0].contains("New, TLSv1.2"), "{}", outputs[0]);
    assert!(outputs[1].contains("Reused, TLSv1.2"), "s_client did not resume:\n{}", outputs[1]);
    assert_eq!(reused, [false, true]);
    // SAFETY: a live context, released once.
    unsafe {
        assert_eq!(tls12_SSL_CTX_sess_hits(ctx), 1);
        tls12_SSL_CTX_free(ctx);
    }
}

#[test]
fn s_client_resumes_by_ticket_with_our_server() {
    s_client_resumes_with_our_server(false);
}

#[test]
fn s_client_resumes_by_session_id_with_our_server() {
    s_client_resumes_with_our_server(true);
}

/// One connection of our client to `port`, offering `offer` (if not NULL); returns
/// whether it resumed and its session (owned by the caller).
fn our_client(ctx: *mut SslCtx, port: u16, offer: *mut SslSession) -> (bool, *mut SslSession) {
    let sock = TcpStream::connect(("127.0.0.1", port)).expect("connect to openssl s_server");
    sock.set_read_timeout(Some(STEP)).unwrap();
    sock.set_write_timeout(Some(STEP)).unwrap();
    // SAFETY: a live context and an open socket that outlives the connection.
    unsafe {
        let ssl = tls12_SSL_new(ctx);
        assert_eq!(tls12_SSL_set_fd(ssl, sock.as_raw_fd()), 1);
        assert_eq!(tls12_SSL_set_session(ssl, offer), 1);
        assert_eq!(tls12_SSL_connect(ssl), 1, "our client's handshake: {}", errors());
        let reused = tls12_SSL_session_reused(ssl) == 1;
        let session = tls12_SSL_get1_session(ssl);
        tls12_SSL_shutdown(ssl);
        tls12_SSL_free(ssl);
        tls12_ERR_clear_error();
        (reused, session)
    }
}

/// Our client resumes against `openssl s_server` from a session saved as PEM.
fn our_client_resumes_with_s_server(no_ticket: bool) {
    let mut args = vec!["s_server", "-accept", "127.0.0.1:0", "-naccept", "2", "-tls1_2", "-cert", "rsa.pem"];
    args.extend(["-cert_chain", "int.pem", "-key", "rsa.key"]);
    if no_ticket {
        args.push("-no_ticket");
    }
    let server = ChildGuard::openssl(&args);
    let out = server.wait_for("ACCEPT");
    let line = out.lines().find(|l| l.starts_with("ACCEPT")).unwrap();
    let port: u16 = line.rsplit(':').next().unwrap().trim().parse().expect("port in ACCEPT line");
    let file = std::env::temp_dir().join(format!("tls12-s_server-{}-{no_ticket}.pem", std::process::id()));
    let cfile = cpath(&file);
    // SAFETY: live objects throughout; the FILE streams are closed here.
    unsafe {
        let ctx = tls12_SSL_CTX_new(tls12_TLS_client_method());
        assert_eq!(
            tls12_SSL_CTX_load_verify_locations(ctx, cpath(&certs_dir().join("ca.pem")).as_ptr(), ptr::null()),
            1
        );
        tls12_SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, None);
        if no_ticket {
            tls12_SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        }
        let (reused, first) = our_client(ctx, port, ptr::null_mut());
        assert!(!reused);
        assert_eq!(tls12_SSL_SESSION_has_ticket(first), c_int::from(!no_ticket));
        let fp = libc::fopen(cfile.as_ptr(), c"w".as_ptr());
        assert_eq!(tls12_PEM_write_SSL_SESSION(fp, first), 1);
        libc::fclose(fp);
        tls12_SSL_SESSION_free(first);
        tls12_SSL_CTX_free(ctx);

        // "After a restart": a new context, and the session read back from the file.
        let ctx = tls12_SSL_CTX_new(tls12_TLS_client_method());
        if no_ticket {
            tls12_SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        }
        let fp = libc::fopen(cfile.as_ptr(), c"r".as_ptr());
        let saved = tls12_PEM_read_SSL_SESSION(fp, ptr::null_mut(), None, ptr::null_mut());
        libc::fclose(fp);
        let _ = std::fs::remove_file(&file);
        assert!(!saved.is_null(), "{}", errors());
        let (reused, second) = our_client(ctx, port, saved);
        assert!(reused, "our client did not resume against s_server:\n{}", server.output.lock().unwrap());
        // Counted as OpenSSL's client counts it: a hit, no miss.
        assert_eq!((tls12_SSL_CTX_sess_hits(ctx), tls12_SSL_CTX_sess_misses(ctx)), (1, 0));
        tls12_SSL_SESSION_free(saved);
        tls12_SSL_SESSION_free(second);
        tls12_SSL_CTX_free(ctx);
    }
    let out = server.finish();
    assert!(out.contains("ACCEPT"), "{out}");
}

#[test]
fn our_client_resumes_by_ticket_with_s_server() {
    our_client_resumes_with_s_server(false);
}

#[test]
fn our_client_resumes_by_session_id_with_s_server() {
    our_client_resumes_with_s_server(true);
}

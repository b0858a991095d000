//! Interoperability with the `openssl s_server` and `openssl s_client` commands over
//! loopback TCP. Our side drives a [`Connection`] over a `TcpStream`; the commands report
//! what they negotiated on their output, which the tests parse. Every child process is
//! killed when its guard drops and every wait has a deadline.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{cert_path, client_config, server_config, server_config_with, take_ours, CertSpec, ECDSA256, RSA2048};
use tls12::capi::verify_code::x509_v_code;
use tls12::Reason;
use tls12::{AlertDescription, SignatureScheme};
use tls12::{Authentication, Suite};
use tls12::{Connection, Error};

/// How long any one step (a handshake, a read, a child's exit) may take.
const STEP: Duration = Duration::from_secs(20);

/// A child process with its output collected in the background; killed on drop.
struct ChildGuard {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// Copies everything from `pipe` into `out` on a background thread.
fn collect(mut pipe: impl Read + Send + 'static, out: Arc<Mutex<String>>) {
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
}

impl ChildGuard {
    /// Starts `openssl ARGS` in the certificate directory with piped stdio.
    fn openssl(args: &[String]) -> ChildGuard {
        let mut child = Command::new("openssl")
            .args(args)
            .current_dir(common::certs_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start openssl");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        collect(child.stdout.take().unwrap(), Arc::clone(&stdout));
        collect(child.stderr.take().unwrap(), Arc::clone(&stderr));
        ChildGuard { child, stdout, stderr }
    }

    /// Writes to the child's stdin and closes it.
    fn send_stdin_and_close(&mut self, data: &[u8]) {
        if let Some(mut stdin) = self.child.stdin.take() {
            let _ = stdin.write_all(data);
        }
    }

    /// Everything the child printed so far (stdout, then stderr).
    fn output(&self) -> String {
        format!("{}\n--- stderr ---\n{}", self.stdout.lock().unwrap(), self.stderr.lock().unwrap())
    }

    /// Waits until stdout contains `needle`; returns the stdout text.
    fn wait_for_stdout(&self, needle: &str) -> String {
        let deadline = Instant::now() + STEP;
        loop {
            let out = self.stdout.lock().unwrap().clone();
            if out.contains(needle) {
                return out;
            }
            assert!(Instant::now() < deadline, "openssl never printed {needle:?}:\n{}", self.output());
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (bounded) for the child to exit; returns its output. The output readers may
    /// lag the exit slightly, so give them a moment.
    fn wait_exit(&mut self) -> String {
        let deadline = Instant::now() + STEP;
        while self.child.try_wait().expect("try_wait").is_none() {
            assert!(Instant::now() < deadline, "openssl did not exit:\n{}", self.output());
            thread::sleep(Duration::from_millis(20));
        }
        thread::sleep(Duration::from_millis(100));
        self.output()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends what the engine has queued.
fn flush(conn: &mut Connection, sock: &mut TcpStream) -> std::io::Result<()> {
    let out = take_ours(conn);
    if !out.is_empty() {
        sock.write_all(&out)?;
    }
    Ok(())
}

/// Moves bytes between the socket and the engine until `done` holds, the engine fails,
/// or the peer closes. Reads carry the socket's timeout.
fn drive(
    conn: &mut Connection,
    sock: &mut TcpStream,
    mut done: impl FnMut(&mut Connection) -> bool,
) -> Result<(), String> {
    let deadline = Instant::now() + STEP;
    let mut buf = vec![0u8; 16384];
    // A client may queue its ClientHello only once asked to make progress.
    if let Err(e) = conn.process_new_packets() {
        let _ = flush(conn, sock);
        return Err(format!("engine: {e}"));
    }
    loop {
        flush(conn, sock).map_err(|e| format!("write: {e}"))?;
        if done(conn) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err("timed out".into());
        }
        let n = sock.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            conn.read_eof();
            let r = conn.process_new_packets();
            return match (done(conn), r) {
                (true, _) => Ok(()),
                (false, Err(e)) => Err(format!("engine after EOF: {e}")),
                (false, Ok(())) => Err("peer closed the connection".into()),
            };
        }
        let mut offset = 0;
        while offset < n {
            offset += conn.read_tls(&buf[offset..n]);
            if let Err(e) = conn.process_new_packets() {
                let _ = flush(conn, sock);
                return Err(format!("engine: {e}"));
            }
        }
    }
}

/// Reads application data until it ends with `end`.
fn read_until(conn: &mut Connection, sock: &mut TcpStream, end: &[u8]) -> Result<Vec<u8>, String> {
    let mut got = Vec::new();
    drive(conn, sock, |c| {
        common::drain_plaintext(c, &mut got);
        got.ends_with(end) || c.received_close_notify()
    })?;
    Ok(got)
}

/// A loopback TCP connection with timeouts.
fn connect(port: u16) -> TcpStream {
    let sock = TcpStream::connect(("127.0.0.1", port)).expect("connect to openssl s_server");
    sock.set_read_timeout(Some(STEP)).unwrap();
    sock.set_write_timeout(Some(STEP)).unwrap();
    sock
}

/// `openssl s_server` serving `cert` (leaf + intermediate) in `-rev` mode for one
/// connection, with extra arguments; returns the guard and the port.
fn s_server(cert: &CertSpec, extra: &[&str]) -> (ChildGuard, u16) {
    let leaf = cert.chain.replace("-chain", "");
    let mut args: Vec<String> =
        ["s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-rev"].iter().map(|s| s.to_string()).collect();
    args.extend(["-cert".into(), leaf, "-cert_chain".into(), "int.pem".into(), "-key".into(), cert.key.into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let server = ChildGuard::openssl(&args);
    let out = server.wait_for_stdout("ACCEPT");
    let line = out.lines().find(|l| l.starts_with("ACCEPT")).unwrap();
    let port = line.rsplit(':').next().unwrap().trim().parse().expect("port in ACCEPT line");
    (server, port)
}

/// What our client learnt from one session with `s_server -rev`.
struct ClientRun {
    conn: Connection,
    result: Result<(), String>,
    server_output: String,
}

/// Our client connects to `s_server`, sends a line, expects it reversed, and closes.
fn our_client_session(conn: Connection, port: u16, mut server: ChildGuard) -> ClientRun {
    let mut conn = conn;
    let mut sock = connect(port);
    let mut result = drive(&mut conn, &mut sock, |c| !c.is_handshaking() || c.fatal_error().is_some());
    if result.is_ok() {
        if let Some(e) = conn.fatal_error() {
            result = Err(format!("engine: {e}"));
        }
    }
    if result.is_ok() {
        result = (|| {
            conn.write_plaintext(b"hello openssl\n").map_err(|e| format!("write_plaintext: {e}"))?;
            let got = read_until(&mut conn, &mut sock, b"\n")?;
            if got != b"lssnepo olleh\n" {
                return Err(format!("s_server -rev answered {:?}", String::from_utf8_lossy(&got)));
            }
            conn.send_close_notify();
            flush(&mut conn, &mut sock).map_err(|e| format!("write: {e}"))
        })();
    }
    drop(sock);
    let server_output = server.wait_exit();
    ClientRun { conn, result, server_output }
}

/// The certificate that serves `suite`.
fn cert_for(suite: &Suite) -> CertSpec {
    match suite.auth {
        Authentication::Rsa => RSA2048,
        Authentication::Ecdsa => ECDSA256,
        Authentication::Psk => panic!("PSK suites have no certificate"),
    }
}

fn new_client(verify: bool, sni: &str) -> Connection {
    Connection::new_client(Arc::new(client_config(verify)), Some(sni), Some(sni)).expect("new_client")
}

#[test]
fn our_client_to_s_server_every_suite() {
    let mut failures = Vec::new();
    for suite in common::all_suites() {
        let (server, port) = s_server(&cert_for(suite), &["-cipher", suite.openssl_name]);
        let run = our_client_session(new_client(true, "localhost"), port, server);
        let wanted = format!("Ciphersuite: {}", suite.openssl_name);
        let ours = run.conn.suite().map(|s| s.openssl_name);
        if let Err(e) = &run.result {
            failures.push(format!("{}: {e}\n{}", suite.openssl_name, run.server_output));
        } else if !run.server_output.contains(&wanted)
            || !run.server_output.contains("Protocol version: TLSv1.2")
            || ours != Some(suite.openssl_name)
        {
            failures.push(format!("{}: ours {ours:?}; s_server said:\n{}", suite.openssl_name, run.server_output));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn our_client_to_s_server_alpn_and_sni() {
    // ALPN: s_server picks from its list among what we offer.
    let (server, port) = s_server(&RSA2048, &["-alpn", "h2,http/1.1"]);
    let mut config = client_config(true);
    config.alpn_protocols = vec![b"http/1.1".to_vec(), b"spdy/3".to_vec()];
    let conn = Connection::new_client(Arc::new(config), Some("localhost"), Some("localhost")).unwrap();
    let run = our_client_session(conn, port, server);
    assert!(run.result.is_ok(), "{:?}\n{}", run.result, run.server_output);
    assert!(run.server_output.contains("ALPN protocols selected: http/1.1"), "{}", run.server_output);
    assert_eq!(run.conn.alpn_protocol(), Some(&b"http/1.1"[..]));

    // SNI: s_server switches context when it sees its -servername.
    let (server, port) = s_server(&RSA2048, &["-servername", "server.test", "-cert2", "rsa.pem", "-key2", "rsa.key"]);
    let run = our_client_session(new_client(false, "server.test"), port, server);
    assert!(run.result.is_ok(), "{:?}\n{}", run.result, run.server_output);
    assert!(run.server_output.contains("Hostname in TLS extension: \"server.test\""), "{}", run.server_output);
    assert_eq!(run.conn.server_name(), Some("server.test"));
}

#[test]
fn our_client_rejects_expired_s_server_certificate() {
    let expired =
        CertSpec { label: "expired", chain: "expired-chain.pem", key: "expired.key", auth: Authentication::Rsa };
    let (server, port) = s_server(&expired, &[]);
    let run = our_client_session(new_client(true, "localhost"), port, server);
    assert!(run.result.is_err(), "our client accepted an expired certificate");
    assert_eq!(x509_v_code(run.conn.verify_result()), 10, "X509_V_ERR_CERT_HAS_EXPIRED");
    assert!(run.server_output.contains("sslv3 alert certificate expired"), "s_server saw:\n{}", run.server_output);
}

/// What our server learnt from one s_client session.
#[derive(Debug)]
struct ServerRun {
    result: Result<(), Error>,
    suite: Option<&'static str>,
    alpn: Option<Vec<u8>>,
    sni: Option<String>,
    echoed: Vec<u8>,
}

/// Our echo server for one connection on `listener`: handshake, echo one line back,
/// close_notify. Runs on its own thread; the accept has a deadline.
fn serve_once(listener: TcpListener, config: tls12::Config) -> thread::JoinHandle<ServerRun> {
    thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + STEP;
        let mut sock = loop {
            match listener.accept() {
                Ok((s, _)) => break s,
                Err(_) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
                Err(e) => panic!("no connection from s_client: {e}"),
            }
        };
        sock.set_nonblocking(false).unwrap();
        sock.set_read_timeout(Some(STEP)).unwrap();
        sock.set_write_timeout(Some(STEP)).unwrap();
        let mut conn = Connection::new_server(Arc::new(config)).expect("new_server");
        let mut echoed = Vec::new();
        let outcome = drive(&mut conn, &mut sock, |c| !c.is_handshaking() || c.fatal_error().is_some())
            .and_then(|()| match conn.fatal_error() {
                Some(e) => Err(e.to_string()),
                None => Ok(()),
            })
            .and_then(|()| {
                echoed = read_until(&mut conn, &mut sock, b"\n")?;
                conn.write_plaintext(&echoed).map_err(|e| e.to_string())?;
                conn.send_close_notify();
                flush(&mut conn, &mut sock).map_err(|e| e.to_string())
            });
        let result = match (outcome, conn.fatal_error()) {
            (_, Some(e)) => Err(e.clone()),
            (Ok(()), None) => Ok(()),
            (Err(e), None) => Err(Error::local(Reason::INTERNAL_ERROR, e)),
        };
        ServerRun {
            result,
            suite: conn.suite().map(|s| s.openssl_name),
            alpn: conn.alpn_protocol().map(|p| p.to_vec()),
            sni: conn.server_name().map(str::to_string),
            echoed,
        }
    })
}

/// Runs `openssl s_client` with `extra` arguments against our server configured with
/// `config`; returns s_client's output and what our server saw.
fn s_client_session(config: tls12::Config, extra: &[&str]) -> (String, ServerRun) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = serve_once(listener, config);
    let mut args: Vec<String> = vec!["s_client".into(), "-connect".into(), format!("127.0.0.1:{port}")];
    args.extend(["-CAfile".into(), cert_path("ca.pem").display().to_string(), "-ign_eof".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut client = ChildGuard::openssl(&args);
    client.send_stdin_and_close(b"hello from s_client\n");
    let output = client.wait_exit();
    let run = handle.join().expect("our server thread panicked");
    (output, run)
}

#[test]
fn s_client_to_our_server_every_suite() {
    let mut failures = Vec::new();
    for suite in common::all_suites() {
        let mut config = server_config(&cert_for(suite));
        config.suites = vec![suite];
        let (out, run) = s_client_session(config, &["-verify_return_error", "-verify_hostname", "localhost"]);
        let ok = run.result.is_ok()
            && run.suite == Some(suite.openssl_name)
            && run.echoed == b"hello from s_client\n"
            // The session block (the "New, ..." line names the suite's minimum version).
            && out.contains(&format!("Cipher    : {}\n", suite.openssl_name))
            && out.contains("Protocol  : TLSv1.2\n")
            && out.contains("Verify return code: 0 (ok)")
            && out.contains("hello from s_client");
        if !ok {
            failures.push(format!("{}: our server {run:?}\ns_client said:\n{out}", suite.openssl_name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn s_client_to_our_server_alpn_and_sni() {
    let mut config = server_config(&RSA2048);
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let (out, run) = s_client_session(config, &["-alpn", "http/1.1,h2", "-servername", "server.test"]);
    assert!(run.result.is_ok(), "{run:?}\n{out}");
    assert!(out.contains("ALPN protocol: h2"), "{out}");
    assert_eq!(run.alpn.as_deref(), Some(&b"h2"[..]));
    assert_eq!(run.sni.as_deref(), Some("server.test"));

    // No common protocol: our server refuses, s_client reports the alert.
    let mut config = server_config(&RSA2048);
    config.alpn_protocols = vec![b"h2".to_vec()];
    let (out, run) = s_client_session(config, &["-alpn", "http/1.1"]);
    assert_eq!(
        run.result.as_ref().err().and_then(|e| e.alert),
        Some(AlertDescription::NoApplicationProtocol),
        "{run:?}"
    );
    assert!(out.contains("tlsv1 alert no application protocol"), "{out}");
}

#[test]
fn s_client_rejects_our_untrusted_server_chain() {
    let config = server_config_with("untrusted-chain.pem", "untrusted.key", Authentication::Rsa);
    let (out, run) = s_client_session(config, &["-verify_return_error", "-verify_hostname", "localhost"]);
    assert!(out.contains("verify error:num=19"), "s_client said:\n{out}");
    let err = run.result.as_ref().expect_err("our server finished a handshake the client refused");
    assert_eq!(err.reason, Reason::ALERT_RECEIVED(AlertDescription::UnknownCa), "our server: {err:?}");
}

/// The Ed25519 leaf under the intermediate (RFC 8422: it serves ECDSA suites).
const ED25519: CertSpec =
    CertSpec { label: "Ed25519", chain: "ed25519-chain.pem", key: "ed25519.key", auth: Authentication::Ecdsa };

#[test]
fn our_client_to_s_server_with_an_ed25519_certificate() {
    let (server, port) = s_server(&ED25519, &[]);
    let run = our_client_session(new_client(true, "localhost"), port, server);
    assert!(run.result.is_ok(), "{:?}\n{}", run.result, run.server_output);
    let suite = run.conn.suite().expect("a suite");
    assert_eq!(suite.auth, Authentication::Ecdsa, "{}", suite.openssl_name);
    assert_eq!(run.conn.peer_signature_scheme(), Some(SignatureScheme::Ed25519));
    assert_eq!(x509_v_code(run.conn.verify_result()), 0);
    assert!(run.server_output.contains(&format!("Ciphersuite: {}", suite.openssl_name)), "{}", run.server_output);
}

#[test]
fn s_client_to_our_server_with_an_ed25519_certificate() {
    let mut config = tls12::Config::default();
    config.certs.ed25519 = Some(common::certified_key(ED25519.chain, ED25519.key));
    let verify = ["-verify_return_error", "-verify_hostname", "localhost"];
    let (out, run) = s_client_session(config.clone(), &[&verify[..], &["-sigalgs", "ed25519"]].concat());
    assert!(run.result.is_ok(), "{run:?}\n{out}");
    assert!(run.suite.is_some_and(|s| s.starts_with("ECDHE-ECDSA-")), "{run:?}");
    assert!(out.contains("Peer signature type: ed25519"), "{out}");
    assert!(out.contains("Verify return code: 0 (ok)"), "{out}");
    assert_eq!(run.echoed, b"hello from s_client\n");

    // Beside an ECDSA certificate, a client that lists ECDSA first gets that one.
    config.certs.ecdsa = Some(common::certified_key(ECDSA256.chain, ECDSA256.key));
    let (out, run) = s_client_session(config, &[&verify[..], &["-sigalgs", "ecdsa_secp256r1_sha256:ed25519"]].concat());
    assert!(run.result.is_ok(), "{run:?}\n{out}");
    assert!(out.contains("Peer signature type: ECDSA"), "{out}");
}

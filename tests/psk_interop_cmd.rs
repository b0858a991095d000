//! PSK interoperability with the `openssl` command, for every PSK suite, through the C
//! API over loopback TCP: our client (`SSL_set_fd`, the PSK client callback) against
//! `openssl s_server -psk HEX -psk_identity ID -nocert`, and `openssl s_client -psk HEX
//! -psk_identity ID` against our server. RSA-PSK suites also need the server's RSA
//! certificate. Child output goes to files; each child is killed when its guard drops,
//! and every wait and socket operation has a deadline.

#[path = "common/certs.rs"]
mod certs;

use std::ffi::{c_char, c_int, c_uchar, c_uint, CStr, CString};
use std::fs::File;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tls12::capi::ctx::*;
use tls12::capi::err::tls12_ERR_get_error;
use tls12::capi::psk::*;
use tls12::capi::ssl::*;
use tls12::internal::suites::ALL_SUITES;
use tls12::Authentication;

/// How long a handshake, a read or a child's exit may take.
const STEP: Duration = Duration::from_secs(20);
/// The pre-shared key, and the same in hex for the `openssl` command.
const KEY: &[u8] = b"\x0b\xad\xc0\xde0123456789abcdef";
const IDENTITY: &str = "device-7";
const PEM: c_int = 1;

fn key_hex() -> String {
    KEY.iter().map(|b| format!("{b:02x}")).collect()
}

fn certs_dir() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    certs::ensure_test_certs(repo, &target)
}

/// The PSK suites of the library, by OpenSSL name.
fn psk_suites() -> Vec<&'static str> {
    ALL_SUITES.iter().filter(|s| s.kx.uses_psk()).map(|s| s.openssl_name).collect()
}

fn needs_cert(suite: &str) -> bool {
    ALL_SUITES.iter().any(|s| s.openssl_name == suite && s.auth == Authentication::Rsa)
}

/// An `openssl` child whose output goes to a file; killed on drop.
struct Openssl {
    child: Child,
    out: PathBuf,
}

impl Openssl {
    fn start(args: &[&str], stdin: &[u8]) -> Openssl {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let out = std::env::temp_dir().join(format!("tls12-psk-interop-{}-{n}.txt", std::process::id()));
        let file = File::create(&out).unwrap();
        let mut child = Command::new("openssl")
            .args(args)
            .current_dir(certs_dir())
            .stdin(Stdio::piped())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .expect("the openssl command runs");
        let mut pipe = child.stdin.take().unwrap();
        let _ = pipe.write_all(stdin);
        // Dropping `pipe` closes stdin (s_client then ends after the echo arrives).
        Openssl { child, out }
    }

    fn output(&self) -> String {
        std::fs::read_to_string(&self.out).unwrap_or_default()
    }

    /// Waits until the output contains `needle`.
    fn wait_for(&self, needle: &str) -> Result<String, String> {
        let deadline = Instant::now() + STEP;
        loop {
            let out = self.output();
            if out.contains(needle) {
                return Ok(out);
            }
            if Instant::now() > deadline {
                return Err(format!("openssl never printed {needle:?}:\n{out}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (bounded) for the exit; returns the output.
    fn finish(mut self) -> String {
        let deadline = Instant::now() + STEP;
        while self.child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.output()
    }
}

impl Drop for Openssl {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.out);
    }
}

unsafe extern "C" fn client_cb(
    _ssl: *mut Ssl,
    _hint: *const c_char,
    identity: *mut c_char,
    max_identity_len: c_uint,
    psk: *mut c_uchar,
    max_psk_len: c_uint,
) -> c_uint {
    assert!(IDENTITY.len() < max_identity_len as usize && KEY.len() <= max_psk_len as usize);
    let id = CString::new(IDENTITY).unwrap();
    // SAFETY: the library gives room for `max_identity_len + 1` and `max_psk_len` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(id.as_ptr(), identity, IDENTITY.len() + 1);
        std::ptr::copy_nonoverlapping(KEY.as_ptr(), psk, KEY.len());
    }
    KEY.len() as c_uint
}

unsafe extern "C" fn server_cb(
    _ssl: *mut Ssl,
    identity: *const c_char,
    psk: *mut c_uchar,
    max_psk_len: c_uint,
) -> c_uint {
    // SAFETY: the library passes a NUL-terminated identity.
    if unsafe { CStr::from_ptr(identity) }.to_bytes() != IDENTITY.as_bytes() || KEY.len() > max_psk_len as usize {
        return 0;
    }
    // SAFETY: the library gives room for `max_psk_len` bytes.
    unsafe { std::ptr::copy_nonoverlapping(KEY.as_ptr(), psk, KEY.len()) };
    KEY.len() as c_uint
}

/// The error queue, drained, as numbers.
fn errors() -> String {
    std::iter::from_fn(|| Some(tls12_ERR_get_error()).filter(|&e| e != 0)).map(|e| format!("{e:#x} ")).collect()
}

/// A connection for `suite` on `sock`: a client, or a server (with the RSA certificate
/// when the suite needs one). The caller frees it.
fn our_end(server: bool, suite: &str, sock: &TcpStream) -> *mut Ssl {
    let list = CString::new(suite).unwrap();
    let file = |name: &str| CString::new(certs_dir().join(name).to_str().unwrap()).unwrap();
    // SAFETY: live objects and NUL-terminated strings; the context is released once
    // (the connection keeps its own reference), and the socket outlives the connection.
    unsafe {
        let ctx = tls12_SSL_CTX_new(if server { tls12_TLS_server_method() } else { tls12_TLS_client_method() });
        assert_eq!(tls12_SSL_CTX_set_cipher_list(ctx, list.as_ptr()), 1);
        if server {
            tls12_SSL_CTX_set_psk_server_callback(ctx, Some(server_cb));
            if needs_cert(suite) {
                assert_eq!(tls12_SSL_CTX_use_certificate_chain_file(ctx, file("rsa-chain.pem").as_ptr()), 1);
                assert_eq!(tls12_SSL_CTX_use_PrivateKey_file(ctx, file("rsa.key").as_ptr(), PEM), 1);
            }
        } else {
            tls12_SSL_CTX_set_psk_client_callback(ctx, Some(client_cb));
        }
        let ssl = tls12_SSL_new(ctx);
        tls12_SSL_CTX_free(ctx);
        assert_eq!(tls12_SSL_set_fd(ssl, sock.as_raw_fd()), 1);
        ssl
    }
}

/// Reads from `ssl` until a newline; the text read.
fn read_line(ssl: *mut Ssl) -> Result<String, String> {
    let mut got = Vec::new();
    while !got.ends_with(b"\n") {
        let mut buf = [0u8; 256];
        // SAFETY: a live connection and a buffer of the length given.
        let n = unsafe { tls12_SSL_read(ssl, buf.as_mut_ptr().cast(), buf.len() as c_int) };
        if n <= 0 {
            return Err(format!("SSL_read gave {n}: {}", errors()));
        }
        got.extend_from_slice(&buf[..n as usize]);
    }
    Ok(String::from_utf8_lossy(&got).into_owned())
}

fn timeouts(sock: &TcpStream) {
    sock.set_read_timeout(Some(STEP)).unwrap();
    sock.set_write_timeout(Some(STEP)).unwrap();
}

/// Our client against `s_server -rev` for `suite`: handshake, a line, its reverse.
fn our_client_to_s_server(suite: &str) -> Result<(), String> {
    let key = key_hex();
    let mut args = vec!["s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-rev", "-tls1_2", "-cipher", suite];
    args.extend(["-psk", &key, "-psk_identity", IDENTITY, "-psk_hint", "gateway"]);
    args.extend(if needs_cert(suite) { ["-cert", "rsa.pem", "-key", "rsa.key"].as_slice() } else { &["-nocert"] });
    let server = Openssl::start(&args, b"");
    let out = server.wait_for("ACCEPT")?;
    let port: u16 = out
        .lines()
        .find(|l| l.starts_with("ACCEPT"))
        .and_then(|l| l.rsplit(':').next()?.trim().parse().ok())
        .ok_or(out.clone())?;
    let sock = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    timeouts(&sock);
    let ssl = our_end(false, suite, &sock);
    // SAFETY: a live connection and buffers of the lengths given; freed once.
    let result = unsafe {
        let outcome = if tls12_SSL_connect(ssl) != 1 {
            Err(format!("SSL_connect: {}", errors()))
        } else {
            let name = CStr::from_ptr(tls12_SSL_CIPHER_get_name(tls12_SSL_get_current_cipher(ssl)));
            assert_eq!(name.to_str().unwrap(), suite);
            assert_eq!(CStr::from_ptr(tls12_SSL_get_psk_identity_hint(ssl)).to_str().unwrap(), "gateway");
            tls12_SSL_write(ssl, b"hello openssl\n".as_ptr().cast(), 14);
            read_line(ssl).and_then(|l| if l == "lssnepo olleh\n" { Ok(()) } else { Err(format!("got {l:?}")) })
        };
        tls12_SSL_shutdown(ssl);
        tls12_SSL_free(ssl);
        outcome
    };
    drop(sock);
    result.map_err(|e| format!("{e}\ns_server said:\n{}", server.finish()))
}

/// `s_client` against our server for `suite`: handshake, a line echoed back.
fn s_client_to_our_server(suite: &str) -> Result<(), String> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let key = key_hex();
    let connect = format!("127.0.0.1:{port}");
    let args = [
        "s_client",
        "-connect",
        &connect,
        "-tls1_2",
        "-cipher",
        suite,
        "-psk",
        &key,
        "-psk_identity",
        IDENTITY,
        "-ign_eof",
    ];
    let client = Openssl::start(&args, b"hello from s_client\n");
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + STEP;
    let sock = loop {
        match listener.accept() {
            Ok((sock, _)) => break sock,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("s_client did not connect: {e}\n{}", client.output())),
        }
    };
    sock.set_nonblocking(false).unwrap();
    timeouts(&sock);
    let ssl = our_end(true, suite, &sock);
    // SAFETY: a live connection and buffers of the lengths given; freed once.
    let result = unsafe {
        let outcome = if tls12_SSL_accept(ssl) != 1 {
            Err(format!("SSL_accept: {}", errors()))
        } else {
            assert_eq!(CStr::from_ptr(tls12_SSL_get_psk_identity(ssl)).to_str().unwrap(), IDENTITY);
            read_line(ssl).map(|line| {
                tls12_SSL_write(ssl, line.as_ptr().cast(), line.len() as c_int);
            })
        };
        tls12_SSL_shutdown(ssl);
        tls12_SSL_free(ssl);
        outcome
    };
    drop(sock);
    let out = client.finish();
    let seen = out.contains(&format!("Cipher    : {suite}\n")) && out.matches("hello from s_client").count() >= 1;
    match result {
        Ok(()) if seen => Ok(()),
        Ok(()) => Err(format!("s_client did not report the suite and the echo:\n{out}")),
        Err(e) => Err(format!("{e}\ns_client said:\n{out}")),
    }
}

/// The PSK suites are exactly OpenSSL's TLS 1.2 PSK suites without the ciphers this
/// library does not implement (AES-CCM, ARIA, Camellia, NULL): 26 of them.
#[test]
fn the_psk_suites_are_openssls_with_implemented_ciphers() {
    let output = Command::new("openssl")
        .args(["ciphers", "-s", "-psk", "-tls1_2", "kPSK:kDHEPSK:kECDHEPSK:kRSAPSK"])
        .output()
        .expect("the openssl command runs");
    let mut theirs: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .trim()
        .split(':')
        .filter(|name| !["CCM", "ARIA", "CAMELLIA", "NULL"].iter().any(|c| name.contains(c)))
        .map(str::to_string)
        .collect();
    let mut ours: Vec<String> = psk_suites().into_iter().map(str::to_string).collect();
    theirs.sort();
    ours.sort();
    assert_eq!(ours, theirs);
    assert_eq!(ours.len(), 26);
}

#[test]
fn our_client_to_s_server_every_psk_suite() {
    let failures: Vec<String> =
        psk_suites().into_iter().filter_map(|s| our_client_to_s_server(s).err().map(|e| format!("{s}: {e}"))).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn s_client_to_our_server_every_psk_suite() {
    let failures: Vec<String> =
        psk_suites().into_iter().filter_map(|s| s_client_to_our_server(s).err().map(|e| format!("{s}: {e}"))).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

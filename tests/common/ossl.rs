//! A thin safe wrapper over OpenSSL (through openssl-sys) with memory BIOs, and the pump
//! that moves bytes between it and our engine. OpenSSL is the real peer here: every
//! assertion about what "the other side" saw asks OpenSSL itself.

use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_long, c_uchar, c_uint, c_ulong, c_void};
use std::path::Path;
use std::ptr;
use std::rc::Rc;

use openssl_sys as ffi;
use tls12::{Connection, Error, Hooks, Psk};
use zeroize::Zeroizing;

use super::{cert_path, feed_ours, take_ours};

// Functions of libssl/libcrypto 3.0 that openssl-sys does not declare.
extern "C" {
    fn SSL_renegotiate(ssl: *mut ffi::SSL) -> c_int;
    fn SSL_renegotiate_pending(ssl: *const ffi::SSL) -> c_int;
    fn SSL_set1_host(ssl: *mut ffi::SSL, host: *const c_char) -> c_int;
    fn ERR_error_string_n(e: c_ulong, buf: *mut c_char, len: usize);
    fn SSL_get1_session(ssl: *mut ffi::SSL) -> *mut ffi::SSL_SESSION;
    fn SSL_SESSION_set1_id(s: *mut ffi::SSL_SESSION, sid: *const c_uchar, sid_len: c_uint) -> c_int;
    fn SSL_SESSION_get0_ticket(s: *const ffi::SSL_SESSION, tick: *mut *const c_uchar, len: *mut usize);
}

/// The PSK identity both PSK callbacks of [`OsslCtx::psk`] use.
pub const PSK_IDENTITY: &[u8] = b"libtls12-interop";
/// The PSK key both PSK callbacks of [`OsslCtx::psk`] use.
pub const PSK_KEY: &[u8] = &[
    0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70, 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8, 0x09, 0x10, 0x21, 0x32,
    0x43, 0x54, 0x65, 0x76, 0x87,
];

/// Our engine's PSK callbacks answering with the identity and key of OpenSSL's
/// ([`PSK_IDENTITY`], [`PSK_KEY`]).
pub struct PskHooks;

impl Hooks for PskHooks {
    fn has_psk(&self) -> bool {
        true
    }

    fn psk_client(&mut self, _hint: Option<&[u8]>) -> Option<Psk> {
        Some(Psk { identity: PSK_IDENTITY.to_vec(), key: Zeroizing::new(PSK_KEY.to_vec()) })
    }

    fn psk_server(&mut self, identity: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        (identity == PSK_IDENTITY).then(|| Zeroizing::new(PSK_KEY.to_vec()))
    }
}

/// OpenSSL's PSK client callback: always [`PSK_IDENTITY`] and [`PSK_KEY`].
extern "C" fn psk_client_cb(
    _ssl: *mut ffi::SSL,
    _hint: *const c_char,
    identity: *mut c_char,
    max_identity_len: c_uint,
    psk: *mut c_uchar,
    max_psk_len: c_uint,
) -> c_uint {
    if PSK_IDENTITY.len() >= max_identity_len as usize || PSK_KEY.len() > max_psk_len as usize {
        return 0;
    }
    // SAFETY: OpenSSL gives room for `max_identity_len` identity bytes (NUL included) and
    // `max_psk_len` key bytes; both lengths were checked above.
    unsafe {
        ptr::copy_nonoverlapping(PSK_IDENTITY.as_ptr(), identity as *mut u8, PSK_IDENTITY.len());
        *identity.add(PSK_IDENTITY.len()) = 0;
        ptr::copy_nonoverlapping(PSK_KEY.as_ptr(), psk, PSK_KEY.len());
    }
    PSK_KEY.len() as c_uint
}

/// OpenSSL's PSK server callback: [`PSK_KEY`] for [`PSK_IDENTITY`], unknown otherwise.
extern "C" fn psk_server_cb(
    _ssl: *mut ffi::SSL,
    identity: *const c_char,
    psk: *mut c_uchar,
    max_psk_len: c_uint,
) -> c_uint {
    // SAFETY: OpenSSL passes the client's identity NUL-terminated (or null).
    let known = !identity.is_null() && unsafe { CStr::from_ptr(identity) }.to_bytes() == PSK_IDENTITY;
    if !known || PSK_KEY.len() > max_psk_len as usize {
        return 0;
    }
    // SAFETY: OpenSSL gives room for `max_psk_len` bytes, checked above.
    unsafe { ptr::copy_nonoverlapping(PSK_KEY.as_ptr(), psk, PSK_KEY.len()) };
    PSK_KEY.len() as c_uint
}

/// An `SSL_SESSION` reference (from `SSL_get1_session`), freed on drop.
pub struct OsslSession(*mut ffi::SSL_SESSION);

impl Drop for OsslSession {
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { ffi::SSL_SESSION_free(self.0) };
    }
}

impl OsslSession {
    /// The session ID (`SSL_SESSION_get_id`).
    pub fn id(&self) -> Vec<u8> {
        let mut len: c_uint = 0;
        // SAFETY: valid session; the ID lives as long as the session and is `len` long.
        unsafe {
            let id = ffi::SSL_SESSION_get_id(self.0, &mut len);
            std::slice::from_raw_parts(id, len as usize).to_vec()
        }
    }

    /// `SSL_SESSION_set1_id`: the session ID the client will offer.
    pub fn set_id(&self, id: &[u8]) {
        // SAFETY: valid session and slice; OpenSSL copies at most 32 bytes (checked).
        let ok = unsafe { SSL_SESSION_set1_id(self.0, id.as_ptr(), id.len() as c_uint) };
        assert_eq!(ok, 1, "SSL_SESSION_set1_id failed");
    }

    /// The ticket the session holds (`SSL_SESSION_get0_ticket`), if any.
    pub fn ticket(&self) -> Option<Vec<u8>> {
        let mut data: *const c_uchar = ptr::null();
        let mut len: usize = 0;
        // SAFETY: valid session and out-pointers; the ticket lives as long as the session.
        unsafe {
            SSL_SESSION_get0_ticket(self.0, &mut data, &mut len);
            (!data.is_null() && len > 0).then(|| std::slice::from_raw_parts(data, len).to_vec())
        }
    }
}

/// `SSL_OP_NO_EXTENDED_MASTER_SECRET` in OpenSSL 3.0.
pub const OP_NO_EXTENDED_MASTER_SECRET: u64 = 0x1;
/// `SSL_CTRL_GET_NEGOTIATED_GROUP` (the ctrl behind `SSL_get_negotiated_group`).
const CTRL_GET_NEGOTIATED_GROUP: c_int = 134;
/// `SSL_CTRL_SET_DH_AUTO` (the ctrl behind `SSL_CTX_set_dh_auto`).
const CTRL_SET_DH_AUTO: c_int = 118;

/// One entry of OpenSSL's error queue.
#[derive(Clone, Debug)]
pub struct ErrEntry {
    /// The packed error code.
    pub code: c_ulong,
    /// `ERR_GET_REASON`.
    pub reason: c_int,
    /// `ERR_error_string_n` text.
    pub text: String,
}

/// A failed OpenSSL call: `SSL_get_error`'s answer and the drained error queue.
#[derive(Clone, Debug)]
pub struct OsslError {
    /// `SSL_ERROR_*`.
    pub ssl_error: c_int,
    /// The error queue, oldest first.
    pub queue: Vec<ErrEntry>,
}

impl OsslError {
    /// Whether any queued error has this reason code.
    pub fn has_reason(&self, reason: c_int) -> bool {
        self.queue.iter().any(|e| e.reason == reason)
    }

    /// Whether any queued error's text contains `needle` (e.g. "tlsv1 alert unknown ca").
    pub fn mentions(&self, needle: &str) -> bool {
        self.queue.iter().any(|e| e.text.contains(needle))
    }

    /// The reason of the first queued error from libssl, if any.
    pub fn first_reason(&self) -> Option<c_int> {
        self.queue.first().map(|e| e.reason)
    }
}

/// Drains OpenSSL's (thread-local) error queue.
pub fn drain_errors() -> Vec<ErrEntry> {
    let mut out = Vec::new();
    loop {
        // SAFETY: ERR_get_error only reads this thread's error queue.
        let code = unsafe { ffi::ERR_get_error() };
        if code == 0 {
            return out;
        }
        let mut buf = [0 as c_char; 256];
        // SAFETY: the buffer is writable for its whole length, which we pass.
        unsafe { ERR_error_string_n(code, buf.as_mut_ptr(), buf.len()) };
        // SAFETY: ERR_error_string_n always NUL-terminates within the length.
        let text = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned();
        out.push(ErrEntry { code, reason: ffi::ERR_GET_REASON(code), text });
    }
}

/// The reason code OpenSSL records when it receives a fatal alert.
pub fn alert_reason(alert: u8) -> c_int {
    1000 + c_int::from(alert)
}

/// Encodes a protocol list in ALPN wire form.
pub fn alpn_wire(protocols: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in protocols {
        out.push(p.len() as u8);
        out.extend_from_slice(p.as_bytes());
    }
    out
}

fn cstring(s: &str) -> CString {
    CString::new(s).expect("no NUL in argument")
}

fn path_cstring(path: &Path) -> CString {
    cstring(path.to_str().expect("UTF-8 path"))
}

/// The owner of an `SSL_CTX` and of the data its callbacks point to.
struct CtxInner {
    ctx: *mut ffi::SSL_CTX,
    /// Protocols the server accepts, in its preference order (the ALPN callback's argument).
    alpn_accept: Vec<Vec<u8>>,
}

impl Drop for CtxInner {
    fn drop(&mut self) {
        // SAFETY: we own one reference to the context; SSL objects hold their own.
        unsafe { ffi::SSL_CTX_free(self.ctx) };
    }
}

/// An OpenSSL context (`SSL_CTX_new(TLS_method())`) configured through builder methods.
pub struct OsslCtx(Rc<CtxInner>);

/// The server's ALPN choice: the first of its own protocols that the client offered;
/// no overlap is a fatal `no_application_protocol`.
unsafe extern "C" fn alpn_select(
    _ssl: *mut ffi::SSL,
    out: *mut *const c_uchar,
    outlen: *mut c_uchar,
    inbuf: *const c_uchar,
    inlen: c_uint,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: `arg` is the Vec owned by the CtxInner that outlives every SSL made from it.
    let accept = unsafe { &*(arg as *const Vec<Vec<u8>>) };
    // SAFETY: OpenSSL passes the client's list, `inlen` bytes long.
    let offered = unsafe { std::slice::from_raw_parts(inbuf, inlen as usize) };
    for want in accept {
        let mut i = 0;
        while i < offered.len() {
            let len = usize::from(offered[i]);
            let end = (i + 1 + len).min(offered.len());
            if &offered[i + 1..end] == want.as_slice() {
                // SAFETY: the selection points into the client's list, as OpenSSL requires.
                unsafe {
                    *out = inbuf.add(i + 1);
                    *outlen = len as c_uchar;
                }
                return ffi::SSL_TLSEXT_ERR_OK;
            }
            i = end;
        }
    }
    ffi::SSL_TLSEXT_ERR_ALERT_FATAL
}

impl OsslCtx {
    /// A fresh context with OpenSSL's defaults.
    pub fn new() -> OsslCtx {
        ffi::init();
        // SAFETY: TLS_method returns a static method table; SSL_CTX_new copies what it needs.
        let ctx = unsafe { ffi::SSL_CTX_new(ffi::TLS_method()) };
        assert!(!ctx.is_null(), "SSL_CTX_new failed: {:?}", drain_errors());
        OsslCtx(Rc::new(CtxInner { ctx, alpn_accept: Vec::new() }))
    }

    fn raw(&self) -> *mut ffi::SSL_CTX {
        self.0.ctx
    }

    /// The context's certificate store (`SSL_CTX_get_cert_store`), owned by the context.
    pub fn cert_store(&self) -> *mut ffi::X509_STORE {
        // SAFETY: a live context.
        unsafe { ffi::SSL_CTX_get_cert_store(self.raw()) }
    }

    /// Serves a chain file and key file of the test PKI (and turns on automatic DH
    /// parameters, so that DHE suites work as with `openssl s_server`).
    pub fn cert(self, chain: &str, key: &str) -> OsslCtx {
        let chain_c = path_cstring(&cert_path(chain));
        let key_c = path_cstring(&cert_path(key));
        // SAFETY: valid context and NUL-terminated paths that outlive the calls.
        let ok = unsafe {
            ffi::SSL_CTX_use_certificate_chain_file(self.raw(), chain_c.as_ptr()) == 1
                && ffi::SSL_CTX_use_PrivateKey_file(self.raw(), key_c.as_ptr(), ffi::SSL_FILETYPE_PEM) == 1
                && ffi::SSL_CTX_check_private_key(self.raw()) == 1
        };
        assert!(ok, "loading {chain}/{key} into OpenSSL failed: {:?}", drain_errors());
        // SAFETY: valid context; SSL_CTRL_SET_DH_AUTO takes no pointer.
        unsafe { ffi::SSL_CTX_ctrl(self.raw(), CTRL_SET_DH_AUTO, 1, ptr::null_mut()) };
        self
    }

    /// Trusts a CA file of the test PKI.
    pub fn trust(self, ca: &str) -> OsslCtx {
        let ca_c = path_cstring(&cert_path(ca));
        // SAFETY: valid context and NUL-terminated path.
        let ok = unsafe { ffi::SSL_CTX_load_verify_locations(self.raw(), ca_c.as_ptr(), ptr::null()) };
        assert_eq!(ok, 1, "load_verify_locations({ca}) failed: {:?}", drain_errors());
        self
    }

    /// `SSL_VERIFY_PEER` (abort the handshake when the peer's chain does not verify).
    pub fn verify_peer(self) -> OsslCtx {
        // SAFETY: valid context; no callback.
        unsafe { ffi::SSL_CTX_set_verify(self.raw(), ffi::SSL_VERIFY_PEER, None) };
        self
    }

    /// `SSL_CTX_set_cipher_list`.
    pub fn ciphers(self, list: &str) -> OsslCtx {
        let c = cstring(list);
        // SAFETY: valid context and NUL-terminated string.
        let ok = unsafe { ffi::SSL_CTX_set_cipher_list(self.raw(), c.as_ptr()) };
        assert_eq!(ok, 1, "set_cipher_list({list}) failed: {:?}", drain_errors());
        self
    }

    /// `SSL_CTX_set1_groups_list`.
    pub fn groups(self, list: &str) -> OsslCtx {
        let c = cstring(list);
        // SAFETY: valid context and NUL-terminated string (copied by OpenSSL).
        let ok = unsafe { ffi::SSL_CTX_set1_groups_list(self.raw(), c.as_ptr()) };
        assert_eq!(ok, 1, "set1_groups_list({list}) failed: {:?}", drain_errors());
        self
    }

    /// `SSL_CTX_set_options`.
    pub fn options(self, options: u64) -> OsslCtx {
        // SAFETY: valid context.
        unsafe { ffi::SSL_CTX_set_options(self.raw(), options as _) };
        self
    }

    /// `SSL_CTX_set_min_proto_version` / `max` (0 = no limit).
    pub fn versions(self, min: c_int, max: c_int) -> OsslCtx {
        // SAFETY: valid context.
        let ok = unsafe {
            ffi::SSL_CTX_set_min_proto_version(self.raw(), min as _) == 1
                && ffi::SSL_CTX_set_max_proto_version(self.raw(), max as _) == 1
        };
        assert!(ok, "setting versions {min:#x}..{max:#x} failed: {:?}", drain_errors());
        self
    }

    /// `SSL_CTX_set_security_level`.
    pub fn security_level(self, level: c_int) -> OsslCtx {
        // SAFETY: valid context.
        unsafe { ffi::SSL_CTX_set_security_level(self.raw(), level) };
        self
    }

    /// Installs PSK client and server callbacks answering with [`PSK_IDENTITY`] and
    /// [`PSK_KEY`], and automatic DH parameters (for DHE-PSK without a certificate).
    pub fn psk(self) -> OsslCtx {
        // SAFETY: valid context; the callbacks are plain functions without state.
        unsafe {
            ffi::SSL_CTX_set_psk_client_callback(self.raw(), Some(psk_client_cb));
            ffi::SSL_CTX_set_psk_server_callback(self.raw(), Some(psk_server_cb));
            ffi::SSL_CTX_ctrl(self.raw(), CTRL_SET_DH_AUTO, 1, ptr::null_mut());
        }
        self
    }

    /// Client: offers these protocols with ALPN.
    pub fn alpn_offer(self, protocols: &[&str]) -> OsslCtx {
        let wire = alpn_wire(protocols);
        // SAFETY: valid context; OpenSSL copies the list. Returns 0 on success.
        let rc = unsafe { ffi::SSL_CTX_set_alpn_protos(self.raw(), wire.as_ptr(), wire.len() as c_uint) };
        assert_eq!(rc, 0, "set_alpn_protos failed");
        self
    }

    /// Server: selects the first of `protocols` the client offered; no overlap is fatal.
    pub fn alpn_accept(mut self, protocols: &[&str]) -> OsslCtx {
        let inner = Rc::get_mut(&mut self.0).expect("configure the context before making connections");
        inner.alpn_accept = protocols.iter().map(|p| p.as_bytes().to_vec()).collect();
        // The Rc allocation does not move, so this address is stable.
        let arg = &inner.alpn_accept as *const Vec<Vec<u8>> as *mut c_void;
        // SAFETY: `arg` stays valid as long as the CtxInner, which every Ossl keeps alive,
        // and it is never changed after this (get_mut fails once connections exist).
        unsafe { ffi::SSL_CTX_set_alpn_select_cb__fixed_rust(inner.ctx, Some(alpn_select), arg) };
        self
    }

    /// A client connection; `sni` is sent as server name, `host` is checked against the
    /// certificate (`SSL_set1_host`).
    pub fn client(&self, sni: Option<&str>, host: Option<&str>) -> Ossl {
        let mut conn = Ossl::new(self);
        // SAFETY: freshly made SSL.
        unsafe { ffi::SSL_set_connect_state(conn.ssl) };
        if let Some(name) = sni {
            let c = cstring(name);
            // SAFETY: valid SSL and NUL-terminated name (copied by OpenSSL).
            let ok = unsafe { ffi::SSL_set_tlsext_host_name(conn.ssl, c.as_ptr() as *mut c_char) };
            assert_eq!(ok, 1, "SSL_set_tlsext_host_name failed");
        }
        if let Some(name) = host {
            let c = cstring(name);
            // SAFETY: valid SSL and NUL-terminated name (copied by OpenSSL).
            let ok = unsafe { SSL_set1_host(conn.ssl, c.as_ptr()) };
            assert_eq!(ok, 1, "SSL_set1_host failed");
        }
        conn.is_client = true;
        conn
    }

    /// A server connection.
    pub fn server(&self) -> Ossl {
        let conn = Ossl::new(self);
        // SAFETY: freshly made SSL.
        unsafe { ffi::SSL_set_accept_state(conn.ssl) };
        conn
    }
}

impl Default for OsslCtx {
    fn default() -> Self {
        OsslCtx::new()
    }
}

/// What `SSL_read` gave.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadOutcome {
    /// This many bytes.
    Data(usize),
    /// Nothing yet (`SSL_ERROR_WANT_READ`).
    WantRead,
    /// The peer sent close_notify (`SSL_ERROR_ZERO_RETURN`).
    Closed,
}

/// One OpenSSL connection over a pair of memory BIOs.
pub struct Ossl {
    ssl: *mut ffi::SSL,
    /// Bytes from the network, read by OpenSSL.
    net_in: *mut ffi::BIO,
    /// Bytes OpenSSL wants to send.
    net_out: *mut ffi::BIO,
    /// Whether this is the client end.
    pub is_client: bool,
    _ctx: Rc<CtxInner>,
}

impl Drop for Ossl {
    fn drop(&mut self) {
        // SAFETY: the SSL owns both BIOs (SSL_set_bio) and frees them with itself.
        unsafe { ffi::SSL_free(self.ssl) };
    }
}

impl Ossl {
    fn new(ctx: &OsslCtx) -> Ossl {
        // SAFETY: valid context; the BIOs are handed to the SSL, which frees them.
        unsafe {
            let ssl = ffi::SSL_new(ctx.raw());
            assert!(!ssl.is_null(), "SSL_new failed: {:?}", drain_errors());
            let net_in = ffi::BIO_new(ffi::BIO_s_mem());
            let net_out = ffi::BIO_new(ffi::BIO_s_mem());
            assert!(!net_in.is_null() && !net_out.is_null(), "BIO_new failed");
            ffi::SSL_set_bio(ssl, net_in, net_out);
            Ossl { ssl, net_in, net_out, is_client: false, _ctx: Rc::clone(&ctx.0) }
        }
    }

    /// `SSL_get1_session`: the session of this connection (after the handshake).
    pub fn session(&self) -> Option<OsslSession> {
        // SAFETY: valid SSL; the result carries its own reference (or is null).
        let session = unsafe { SSL_get1_session(self.ssl) };
        (!session.is_null()).then_some(OsslSession(session))
    }

    /// `SSL_set_session`: a client offers `session` for resumption.
    pub fn set_session(&mut self, session: &OsslSession) {
        // SAFETY: valid SSL and session; OpenSSL takes its own reference.
        let ok = unsafe { ffi::SSL_set_session(self.ssl, session.0) };
        assert_eq!(ok, 1, "SSL_set_session failed: {:?}", drain_errors());
    }

    /// `SSL_session_reused`.
    pub fn reused(&self) -> bool {
        // SAFETY: valid SSL.
        unsafe { ffi::SSL_session_reused(self.ssl) == 1 }
    }

    /// `SSL_get_psk_identity` (server: the identity the client named).
    pub fn psk_identity(&self) -> Option<Vec<u8>> {
        // SAFETY: valid SSL; the string lives as long as the session.
        unsafe {
            let id = ffi::SSL_get_psk_identity(self.ssl);
            (!id.is_null()).then(|| CStr::from_ptr(id).to_bytes().to_vec())
        }
    }

    /// The raw handle, for calls this wrapper does not cover.
    pub fn raw(&self) -> *mut ffi::SSL {
        self.ssl
    }

    /// Gives OpenSSL bytes from the network.
    pub fn feed(&mut self, data: &[u8]) {
        for chunk in data.chunks(1 << 20) {
            // SAFETY: the BIO is alive (owned by our SSL) and the slice is valid.
            let n = unsafe { ffi::BIO_write(self.net_in, chunk.as_ptr() as *const c_void, chunk.len() as c_int) };
            assert_eq!(n as usize, chunk.len(), "BIO_write to a memory BIO fell short");
        }
    }

    /// Takes everything OpenSSL wants to send.
    pub fn take(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = vec![0u8; 65536];
        loop {
            // SAFETY: the BIO is alive and the buffer writable for its length.
            let n = unsafe { ffi::BIO_read(self.net_out, buf.as_mut_ptr() as *mut c_void, buf.len() as c_int) };
            if n <= 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n as usize]);
        }
    }

    fn error(&self, rc: c_int) -> OsslError {
        // SAFETY: valid SSL; rc is the return value of the call that just failed.
        let ssl_error = unsafe { ffi::SSL_get_error(self.ssl, rc) };
        OsslError { ssl_error, queue: drain_errors() }
    }

    /// `SSL_do_handshake`: `Ok(true)` when done, `Ok(false)` when it needs more input.
    pub fn handshake(&mut self) -> Result<bool, OsslError> {
        // SAFETY: valid SSL with its BIOs.
        let rc = unsafe { ffi::SSL_do_handshake(self.ssl) };
        if rc == 1 {
            return Ok(true);
        }
        let err = self.error(rc);
        if err.ssl_error == ffi::SSL_ERROR_WANT_READ && err.queue.is_empty() {
            Ok(false)
        } else {
            Err(err)
        }
    }

    /// `SSL_read` into `buf`.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<ReadOutcome, OsslError> {
        // SAFETY: valid SSL; the buffer is writable for the length passed.
        let rc = unsafe { ffi::SSL_read(self.ssl, buf.as_mut_ptr() as *mut c_void, buf.len() as c_int) };
        if rc > 0 {
            return Ok(ReadOutcome::Data(rc as usize));
        }
        let err = self.error(rc);
        match err.ssl_error {
            ffi::SSL_ERROR_WANT_READ if err.queue.is_empty() => Ok(ReadOutcome::WantRead),
            ffi::SSL_ERROR_ZERO_RETURN => Ok(ReadOutcome::Closed),
            _ => Err(err),
        }
    }

    /// Reads all application data available now into `sink`; `Ok(true)` if close_notify
    /// arrived.
    pub fn read_all(&mut self, sink: &mut Vec<u8>) -> Result<bool, OsslError> {
        let mut buf = vec![0u8; 65536];
        loop {
            match self.read(&mut buf)? {
                ReadOutcome::Data(n) => sink.extend_from_slice(&buf[..n]),
                ReadOutcome::WantRead => return Ok(false),
                ReadOutcome::Closed => return Ok(true),
            }
        }
    }

    /// `SSL_write` of all of `data` (memory BIOs never block).
    pub fn write(&mut self, data: &[u8]) -> Result<(), OsslError> {
        if data.is_empty() {
            return Ok(());
        }
        // SAFETY: valid SSL and slice.
        let rc = unsafe { ffi::SSL_write(self.ssl, data.as_ptr() as *const c_void, data.len() as c_int) };
        if rc as usize == data.len() {
            Ok(())
        } else {
            Err(self.error(rc))
        }
    }

    /// `SSL_shutdown`: 0 = close_notify sent, 1 = both sent and received, <0 = error.
    pub fn shutdown(&mut self) -> c_int {
        // SAFETY: valid SSL.
        let rc = unsafe { ffi::SSL_shutdown(self.ssl) };
        if rc < 0 {
            drain_errors();
        }
        rc
    }

    /// `SSL_get_shutdown` flags.
    pub fn shutdown_flags(&self) -> c_int {
        // SAFETY: valid SSL.
        unsafe { ffi::SSL_get_shutdown(self.ssl) }
    }

    /// `SSL_renegotiate` (then drive it with [`Ossl::handshake`]).
    pub fn renegotiate(&mut self) -> bool {
        // SAFETY: valid SSL.
        unsafe { SSL_renegotiate(self.ssl) == 1 }
    }

    /// `SSL_renegotiate_pending`.
    pub fn renegotiate_pending(&self) -> bool {
        // SAFETY: valid SSL.
        unsafe { SSL_renegotiate_pending(self.ssl) == 1 }
    }

    /// `SSL_version` (e.g. 0x0303).
    pub fn version(&self) -> c_int {
        // SAFETY: valid SSL.
        unsafe { ffi::SSL_version(self.ssl) }
    }

    /// `SSL_get_version` (e.g. "TLSv1.2").
    pub fn version_name(&self) -> String {
        // SAFETY: valid SSL; the result is a static string.
        unsafe { CStr::from_ptr(ffi::SSL_get_version(self.ssl)) }.to_string_lossy().into_owned()
    }

    /// The negotiated suite's OpenSSL name.
    pub fn cipher_name(&self) -> Option<String> {
        // SAFETY: valid SSL; the cipher and its name are static.
        unsafe {
            let cipher = ffi::SSL_get_current_cipher(self.ssl);
            if cipher.is_null() {
                return None;
            }
            Some(CStr::from_ptr(ffi::SSL_CIPHER_get_name(cipher)).to_string_lossy().into_owned())
        }
    }

    /// `SSL_get_negotiated_group` (a NID).
    pub fn negotiated_group(&self) -> c_long {
        // SAFETY: valid SSL; this ctrl takes no pointer.
        unsafe { ffi::SSL_ctrl(self.ssl, CTRL_GET_NEGOTIATED_GROUP, 0, ptr::null_mut()) }
    }

    /// `SSL_get_extms_support`: 1 when extended master secret is in use.
    pub fn extms(&self) -> c_long {
        // SAFETY: valid SSL.
        unsafe { ffi::SSL_get_extms_support(self.ssl) }
    }

    /// `SSL_get0_alpn_selected`.
    pub fn alpn(&self) -> Option<Vec<u8>> {
        let mut data: *const c_uchar = ptr::null();
        let mut len: c_uint = 0;
        // SAFETY: valid SSL and out-pointers; the data lives as long as the SSL.
        unsafe {
            ffi::SSL_get0_alpn_selected(self.ssl, &mut data, &mut len);
            if data.is_null() || len == 0 {
                return None;
            }
            Some(std::slice::from_raw_parts(data, len as usize).to_vec())
        }
    }

    /// `SSL_get_servername`.
    pub fn servername(&self) -> Option<String> {
        // SAFETY: valid SSL; the name lives as long as the session.
        unsafe {
            let name = ffi::SSL_get_servername(self.ssl, ffi::TLSEXT_NAMETYPE_host_name);
            if name.is_null() {
                return None;
            }
            Some(CStr::from_ptr(name).to_string_lossy().into_owned())
        }
    }

    /// `SSL_get_verify_result`.
    pub fn verify_result(&self) -> c_long {
        // SAFETY: valid SSL.
        unsafe { ffi::SSL_get_verify_result(self.ssl) }
    }

    /// How many certificates the peer sent (`SSL_get_peer_cert_chain`).
    pub fn peer_chain_len(&self) -> usize {
        // SAFETY: valid SSL; the stack (if any) belongs to the SSL.
        unsafe {
            let chain = ffi::SSL_get_peer_cert_chain(self.ssl);
            if chain.is_null() {
                0
            } else {
                ffi::OPENSSL_sk_num(chain as *const ffi::OPENSSL_STACK).max(0) as usize
            }
        }
    }
}

/// How a handshake between our engine and OpenSSL ended, for each side.
#[derive(Debug)]
pub struct Outcome {
    /// Our engine's result.
    pub ours: Result<(), Error>,
    /// OpenSSL's result.
    pub theirs: Result<(), OsslError>,
}

impl Outcome {
    /// Both sides completed the handshake.
    pub fn ok(&self) -> bool {
        self.ours.is_ok() && self.theirs.is_ok()
    }
}

/// Drives a handshake between our engine and OpenSSL until both finish, one fails (the
/// other then gets whatever alert was sent), or nothing moves any more. Bounded.
pub fn handshake(ours: &mut Connection, theirs: &mut Ossl) -> Outcome {
    let mut our_result: Option<Result<(), Error>> = None;
    let mut their_result: Option<Result<(), OsslError>> = None;
    let mut sink = Vec::new();
    // A client may queue its ClientHello only once asked to make progress.
    if let Err(e) = ours.process_new_packets() {
        our_result = Some(Err(e));
    }
    for _ in 0..200 {
        let mut moved = false;
        let to_them = take_ours(ours);
        if !to_them.is_empty() {
            theirs.feed(&to_them);
            moved = true;
        }
        if their_result.is_none() {
            match theirs.handshake() {
                Ok(true) => their_result = Some(Ok(())),
                Ok(false) => {}
                Err(e) => their_result = Some(Err(e)),
            }
        }
        let to_us = theirs.take();
        if !to_us.is_empty() {
            moved = true;
            if our_result.as_ref().is_none_or(|r| r.is_ok()) {
                if let Err(e) = feed_ours(ours, &to_us, &mut sink) {
                    our_result = Some(Err(e));
                }
            }
        }
        if our_result.is_none() && !ours.is_handshaking() {
            our_result = Some(Ok(()));
        }
        if !moved && !ours.pending_tls().is_empty() {
            moved = true;
        }
        if !moved {
            break;
        }
    }
    let ours_final = match our_result {
        Some(r) => r,
        None => match ours.fatal_error() {
            Some(e) => Err(e.clone()),
            None => Err(Error::local(tls12::Reason::INTERNAL_ERROR, "our handshake stalled")),
        },
    };
    let theirs_final =
        their_result.unwrap_or_else(|| Err(OsslError { ssl_error: ffi::SSL_ERROR_WANT_READ, queue: vec![] }));
    Outcome { ours: ours_final, theirs: theirs_final }
}

/// Sends `data` from our engine to OpenSSL and returns what OpenSSL read.
pub fn ours_to_theirs(ours: &mut Connection, theirs: &mut Ossl, data: &[u8]) -> Result<Vec<u8>, String> {
    ours.write_plaintext(data).map_err(|e| format!("our write_plaintext: {e}"))?;
    let wire = take_ours(ours);
    theirs.feed(&wire);
    let mut got = Vec::new();
    theirs.read_all(&mut got).map_err(|e| format!("OpenSSL SSL_read: {e:?}"))?;
    Ok(got)
}

/// Sends `data` from OpenSSL to our engine and returns what our engine read.
pub fn theirs_to_ours(ours: &mut Connection, theirs: &mut Ossl, data: &[u8]) -> Result<Vec<u8>, String> {
    theirs.write(data).map_err(|e| format!("OpenSSL SSL_write: {e:?}"))?;
    let wire = theirs.take();
    let mut got = Vec::new();
    feed_ours(ours, &wire, &mut got).map_err(|e| format!("our engine: {e}"))?;
    // Anything our side answers (nothing, normally) goes back to OpenSSL.
    let back = take_ours(ours);
    theirs.feed(&back);
    Ok(got)
}

/// Checks that a short message goes through both ways; returns a description of the
/// first problem.
pub fn exchange_check(ours: &mut Connection, theirs: &mut Ossl) -> Result<(), String> {
    let ping = b"ping from libtls12".to_vec();
    let got = ours_to_theirs(ours, theirs, &ping)?;
    if got != ping {
        return Err(format!("OpenSSL read {got:?}, we wrote {ping:?}"));
    }
    let pong = b"pong from OpenSSL".to_vec();
    let got = theirs_to_ours(ours, theirs, &pong)?;
    if got != pong {
        return Err(format!("we read {got:?}, OpenSSL wrote {pong:?}"));
    }
    Ok(())
}

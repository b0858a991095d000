//! The settings an `SSL` copies from its `SSL_CTX`, and the setters and getters that
//! OpenSSL has for both objects, defined once for both by [`both!`].

use super::SslCtx;
use crate::capi::passwd::PemPasswordCallback;
use crate::capi::ssl::Ssl;
use crate::capi::x509::X509StoreCtx;
use crate::capi::{bytes, c_str, err, guard, options};
use crate::config::{Config, ConfigBuilder, VerifyMode};
use crate::error::{Error, Reason};
use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

/// `SSL_VERIFY_PEER`.
pub const SSL_VERIFY_PEER: c_int = 0x01;
/// `SSL_VERIFY_FAIL_IF_NO_PEER_CERT`.
pub const SSL_VERIFY_FAIL_IF_NO_PEER_CERT: c_int = 0x02;
/// `SSL_VERIFY_CLIENT_ONCE`.
pub const SSL_VERIFY_CLIENT_ONCE: c_int = 0x04;
/// `SSL_MODE_ENABLE_PARTIAL_WRITE`: `SSL_write` may report fewer bytes than given.
pub const SSL_MODE_ENABLE_PARTIAL_WRITE: c_long = 0x01;
/// `SSL_MODE_RELEASE_BUFFERS`: buffers are freed when a call leaves them idle.
pub const SSL_MODE_RELEASE_BUFFERS: c_long = 0x10;
/// `SSL_MODE_AUTO_RETRY`: on by default, as in OpenSSL 3.
pub const SSL_MODE_AUTO_RETRY: c_long = 0x04;
/// `SSL_OP_IGNORE_UNEXPECTED_EOF`: an end of stream without close_notify counts as a
/// clean close.
pub const SSL_OP_IGNORE_UNEXPECTED_EOF: u64 = 1 << 7;
/// The options OpenSSL 3 sets in a new context (`SSL_OP_NO_COMPRESSION` and
/// `SSL_OP_ENABLE_MIDDLEBOX_COMPAT`), reported the same way here.
const DEFAULT_OPTIONS: u64 = (1 << 17) | (1 << 20);
/// The highest extra-data index accepted (a guard against garbage indexes).
const MAX_EX_INDEX: usize = 1 << 12;

/// The certificate-verification callback of `SSL_CTX_set_verify` / `SSL_set_verify`:
/// called for each certificate of the peer's chain, from the top down to the leaf
/// (depth 0), with `preverify_ok` 1 unless that certificate failed. Its return value
/// decides: 0 aborts the handshake (under `SSL_VERIFY_PEER`), 1 goes on.
pub type VerifyCallback = Option<unsafe extern "C" fn(preverify_ok: c_int, x509_ctx: *mut X509StoreCtx) -> c_int>;

/// The callback of `SSL_CTX_set_info_callback` / `SSL_set_info_callback`: called with
/// `where_` (`SSL_CB_*` bits) and `ret` as the handshake moves on (see
/// `capi::ssl::trace`).
pub type InfoCallback = Option<unsafe extern "C" fn(ssl: *const Ssl, where_: c_int, ret: c_int)>;

/// The callback of `SSL_CTX_set_msg_callback` / `SSL_set_msg_callback`: called for
/// every record header, handshake message, alert and ChangeCipherSpec sent
/// (`write_p` 1) or received, with `content_type` `SSL3_RT_*` (`SSL3_RT_HEADER` for a
/// record header) and the bytes, valid during the call.
pub type MsgCallback = Option<
    unsafe extern "C" fn(
        write_p: c_int,
        version: c_int,
        content_type: c_int,
        buf: *const c_void,
        len: usize,
        ssl: *mut Ssl,
        arg: *mut c_void,
    ),
>;

/// What an `SSL` copies from its context when it is made; both have setters for it.
#[derive(Clone)]
pub(crate) struct Settings {
    /// What the engine gets, built once per change.
    pub(crate) config: ConfigBuilder,
    /// `SSL_OP_*` bits, as the application set them (the engine gets what they choose).
    pub(crate) options: u64,
    /// `SSL_MODE_*` bits.
    pub(crate) mode: c_long,
    /// The verify callback.
    pub(crate) verify_callback: VerifyCallback,
    /// The info callback.
    pub(crate) info_callback: InfoCallback,
    /// The message callback and its argument.
    pub(crate) msg_callback: (MsgCallback, *mut c_void),
    /// The external session cache callbacks (`SSL_CTX_sess_set_new_cb` ...).
    pub(crate) session_callbacks: super::SessionCallbacks,
    /// PSK, OCSP, key-log and client-certificate callbacks and values.
    pub(crate) extras: crate::capi::extras::Extras,
    /// `SSL_CTX_set_default_passwd_cb` and `..._userdata`: the password of encrypted keys.
    pub(crate) passwd_callback: (PemPasswordCallback, *mut c_void),
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config: ConfigBuilder::new(Config { options: options::from_bits(DEFAULT_OPTIONS), ..Config::default() }),
            options: DEFAULT_OPTIONS,
            mode: SSL_MODE_AUTO_RETRY,
            verify_callback: None,
            info_callback: None,
            msg_callback: (None, std::ptr::null_mut()),
            session_callbacks: super::SessionCallbacks::default(),
            extras: Default::default(),
            passwd_callback: (None, std::ptr::null_mut()),
        }
    }
}

impl Settings {
    /// The `SSL_VERIFY_*` bits of the verify mode.
    fn verify_bits(&self) -> c_int {
        let m = self.config.verify_mode;
        (if m.peer { SSL_VERIFY_PEER } else { 0 })
            | (if m.fail_if_no_peer_cert { SSL_VERIFY_FAIL_IF_NO_PEER_CERT } else { 0 })
            | (if m.client_once { SSL_VERIFY_CLIENT_ONCE } else { 0 })
    }

    /// Sets the `SSL_OP_*` bits and the engine options they choose; returns the bits.
    fn set_options(&mut self, bits: u64) -> u64 {
        self.options = bits;
        self.config.options = options::from_bits(bits);
        bits
    }

    /// Sets the verify mode from `SSL_VERIFY_*` bits.
    pub(crate) fn set_verify_bits(&mut self, bits: c_int) {
        self.config.verify_mode = VerifyMode {
            peer: bits & SSL_VERIFY_PEER != 0,
            fail_if_no_peer_cert: bits & SSL_VERIFY_FAIL_IF_NO_PEER_CERT != 0,
            client_once: bits & SSL_VERIFY_CLIENT_ONCE != 0,
        };
    }
}

/// The `*_set_ex_data` slots of a context or connection; slot 0 is the "app data".
#[derive(Default)]
pub(crate) struct ExData(Vec<*mut c_void>);

impl ExData {
    /// The pointer at `idx` (NULL if never set).
    fn get(&self, idx: c_int) -> *mut c_void {
        usize::try_from(idx).ok().and_then(|i| self.0.get(i).copied()).unwrap_or(std::ptr::null_mut())
    }

    /// Stores `p` at `idx`; false (with an error entry) for an index out of range.
    fn set(&mut self, idx: c_int, p: *mut c_void, func: &str) -> bool {
        match usize::try_from(idx) {
            Ok(i) if i < MAX_EX_INDEX => {
                if self.0.len() <= i {
                    self.0.resize(i + 1, std::ptr::null_mut());
                }
                self.0[i] = p;
                true
            }
            _ => {
                err::push(Reason::BAD_VALUE, format!("{func}: the index {idx} is out of range"));
                false
            }
        }
    }
}

/// A context or connection handle whose settings the shared setters reach.
pub(crate) trait Handle {
    /// Borrows the object behind `p`, pushing a NULL-argument entry for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live handle of this type that stays alive for `'a`.
    unsafe fn handle<'a>(p: *const Self) -> Option<&'a Self>;
    /// Runs `f` on the settings; `None` (with an error entry) when they are busy.
    fn settings_mut<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> Option<R>;
    /// Runs `f` on the extra data; `None` (with an error entry) when it is busy.
    fn ex_data_mut<R>(&self, f: impl FnOnce(&mut ExData) -> R) -> Option<R>;
}

impl Handle for SslCtx {
    unsafe fn handle<'a>(p: *const Self) -> Option<&'a Self> {
        // SAFETY: the caller's promise is the one `from_ptr` needs.
        unsafe { SslCtx::from_ptr(p) }
    }
    fn settings_mut<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> Option<R> {
        self.with_settings(f)
    }
    fn ex_data_mut<R>(&self, f: impl FnOnce(&mut ExData) -> R) -> Option<R> {
        self.with_ex_data(f)
    }
}

/// Runs `f` with the settings of `h` and the C function's name, or gives `fail` when
/// `h` is `None` (a NULL argument) or the settings are busy.
pub(crate) fn on_settings<H: Handle, R: Copy>(
    h: Option<&H>,
    func: &str,
    fail: R,
    f: impl FnOnce(&mut Settings, &str) -> R,
) -> R {
    guard(fail, move || h.and_then(|h| h.settings_mut(|s| f(s, func))).unwrap_or(fail))
}

/// Runs `f` with the extra data of `h`, as [`on_settings`].
pub(crate) fn on_ex_data<H: Handle, R: Copy>(
    h: Option<&H>,
    func: &str,
    fail: R,
    f: impl FnOnce(&mut ExData, &str) -> R,
) -> R {
    guard(fail, move || h.and_then(|h| h.ex_data_mut(|x| f(x, func))).unwrap_or(fail))
}

/// Defines each setting's function twice: `SSL_CTX_<name>` on a context and
/// `SSL_<name>` on a connection, with one body working on [`Settings`] (or
/// [`ExData`]). `$m` is `const` for getters, `mut` for setters.
macro_rules! both {
    ($(
        $(#[$doc:meta])*
        $ctx_fn:ident / $ssl_fn:ident ($m:tt; $($arg:ident: $ty:ty),*) -> $ret:ty
            = $on:ident, $fail:expr, |$s:ident, $func:ident| $body:block
    )*) => {$(
        $(#[$doc])*
        ///
        /// # Safety
        /// `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
        /// the lengths given.
        #[no_mangle]
        pub unsafe extern "C" fn $ctx_fn(ctx: *$m SslCtx, $($arg: $ty),*) -> $ret {
            // SAFETY: the caller promises `ctx` is NULL or a live context.
            let handle = unsafe { SslCtx::handle(ctx) };
            $on(handle, &stringify!($ctx_fn)[6..], $fail, |$s, $func| -> $ret { let _ = $func; $body })
        }

        $(#[$doc])*
        ///
        /// # Safety
        /// `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
        /// lengths given.
        #[no_mangle]
        pub unsafe extern "C" fn $ssl_fn(ssl: *$m Ssl, $($arg: $ty),*) -> $ret {
            // SAFETY: the caller promises `ssl` is NULL or a live connection.
            let handle = unsafe { Ssl::handle(ssl) };
            $on(handle, &stringify!($ssl_fn)[6..], $fail, |$s, $func| -> $ret { let _ = $func; $body })
        }
    )*};
}

/// The C answer to a core setter's result: 1, or 0 with an error entry for `func`.
pub(super) fn applied(result: Result<(), Error>, func: &str) -> c_int {
    match result {
        Ok(()) => 1,
        Err(e) => {
            err::push_error_saying(&e, format!("{func}: {}", e.detail));
            0
        }
    }
}

both! {
    /// `SSL_CTX_set_options` / `SSL_set_options`: turns on the `SSL_OP_*` bits in `op`;
    /// returns the options now in force.
    tls12_SSL_CTX_set_options / tls12_SSL_set_options (mut; op: u64) -> u64 = on_settings, 0, |s, func| {
        s.set_options(s.options | op)
    }
    /// `SSL_CTX_clear_options` / `SSL_clear_options`: turns off the bits in `op`;
    /// returns the options now in force.
    tls12_SSL_CTX_clear_options / tls12_SSL_clear_options (mut; op: u64) -> u64 = on_settings, 0, |s, func| {
        s.set_options(s.options & !op)
    }
    /// `SSL_CTX_get_options` / `SSL_get_options`: the `SSL_OP_*` bits in force.
    tls12_SSL_CTX_get_options / tls12_SSL_get_options (const;) -> u64 = on_settings, 0, |s, func| {
        s.options
    }
    /// `SSL_CTX_set_mode` / `SSL_set_mode` (macros in OpenSSL): turns on the
    /// `SSL_MODE_*` bits in `mode`; returns the mode now in force. The bits that change
    /// behaviour are `SSL_MODE_ENABLE_PARTIAL_WRITE`, `SSL_MODE_RELEASE_BUFFERS` and
    /// `SSL_MODE_AUTO_RETRY` (always in effect: records that carry no data never make
    /// a call return early); the others are kept and reported (a retried write may
    /// always come from another address).
    tls12_SSL_CTX_set_mode / tls12_SSL_set_mode (mut; mode: c_long) -> c_long = on_settings, 0, |s, func| {
        s.mode |= mode;
        s.mode
    }
    /// `SSL_CTX_clear_mode` / `SSL_clear_mode` (macros in OpenSSL): turns off the bits
    /// in `mode`; returns the mode now in force.
    tls12_SSL_CTX_clear_mode / tls12_SSL_clear_mode (mut; mode: c_long) -> c_long = on_settings, 0, |s, func| {
        s.mode &= !mode;
        s.mode
    }
    /// `SSL_CTX_get_mode` / `SSL_get_mode` (macros in OpenSSL): the `SSL_MODE_*` bits
    /// in force (`SSL_MODE_AUTO_RETRY` by default).
    tls12_SSL_CTX_get_mode / tls12_SSL_get_mode (const;) -> c_long = on_settings, 0, |s, func| {
        s.mode
    }
    /// `SSL_CTX_get_verify_mode` / `SSL_get_verify_mode`: the `SSL_VERIFY_*` bits.
    tls12_SSL_CTX_get_verify_mode / tls12_SSL_get_verify_mode (const;) -> c_int = on_settings, 0, |s, func| {
        s.verify_bits()
    }
    /// `SSL_CTX_get_verify_callback` / `SSL_get_verify_callback`: the verify callback
    /// (NULL if none).
    tls12_SSL_CTX_get_verify_callback / tls12_SSL_get_verify_callback (const;) -> VerifyCallback = on_settings, None, |s, func| {
        s.verify_callback
    }
    /// `SSL_CTX_set_verify_depth` / `SSL_set_verify_depth`: the longest chain accepted
    /// (intermediates below the trust anchor; a negative depth counts as 0).
    tls12_SSL_CTX_set_verify_depth / tls12_SSL_set_verify_depth (mut; depth: c_int) -> () = on_settings, (), |s, func| {
        s.config.verify_depth = u32::try_from(depth).unwrap_or(0);
    }
    /// `SSL_CTX_get_verify_depth` / `SSL_get_verify_depth`: the depth limit (100 by
    /// default).
    tls12_SSL_CTX_get_verify_depth / tls12_SSL_get_verify_depth (const;) -> c_int = on_settings, -1, |s, func| {
        c_int::try_from(s.config.verify_depth).unwrap_or(c_int::MAX)
    }
    /// `SSL_CTX_set_default_passwd_cb` / `SSL_set_default_passwd_cb`: the callback that
    /// gives the password when an encrypted private key is loaded (NULL: none).
    tls12_SSL_CTX_set_default_passwd_cb / tls12_SSL_set_default_passwd_cb (mut; cb: PemPasswordCallback) -> () = on_settings, (), |s, func| {
        s.passwd_callback.0 = cb;
    }
    /// `SSL_CTX_set_default_passwd_cb_userdata` / `SSL_set_default_passwd_cb_userdata`:
    /// the callback's last argument; with no callback, the password itself as a
    /// NUL-terminated string (as OpenSSL's default callback takes it).
    tls12_SSL_CTX_set_default_passwd_cb_userdata / tls12_SSL_set_default_passwd_cb_userdata (mut; u: *mut c_void) -> () = on_settings, (), |s, func| {
        s.passwd_callback.1 = u;
    }
    /// `SSL_CTX_get_default_passwd_cb` / `SSL_get_default_passwd_cb`: that callback.
    tls12_SSL_CTX_get_default_passwd_cb / tls12_SSL_get_default_passwd_cb (const;) -> PemPasswordCallback = on_settings, None, |s, func| {
        s.passwd_callback.0
    }
    /// `SSL_CTX_get_default_passwd_cb_userdata` / `SSL_get_default_passwd_cb_userdata`:
    /// its argument.
    tls12_SSL_CTX_get_default_passwd_cb_userdata / tls12_SSL_get_default_passwd_cb_userdata (const;) -> *mut c_void = on_settings, std::ptr::null_mut(), |s, func| {
        s.passwd_callback.1
    }
    /// `SSL_CTX_set_max_cert_list` / `SSL_set_max_cert_list`: the largest Certificate
    /// (and, for a client, CertificateRequest) message accepted from the peer, in bytes;
    /// returns the previous limit. A negative limit counts as 0.
    tls12_SSL_CTX_set_max_cert_list / tls12_SSL_set_max_cert_list (mut; max: c_long) -> c_long = on_settings, 0, |s, func| {
        let previous = c_long::try_from(s.config.max_cert_list).unwrap_or(c_long::MAX);
        s.config.max_cert_list = usize::try_from(max).unwrap_or(0);
        previous
    }
    /// `SSL_CTX_get_max_cert_list` / `SSL_get_max_cert_list`: that limit (102400, 100
    /// KiB, by default as in OpenSSL).
    tls12_SSL_CTX_get_max_cert_list / tls12_SSL_get_max_cert_list (const;) -> c_long = on_settings, 0, |s, func| {
        c_long::try_from(s.config.max_cert_list).unwrap_or(c_long::MAX)
    }
    /// `SSL_CTX_set_cipher_list` / `SSL_set_cipher_list`: the TLS 1.2 suites to use,
    /// in order, by OpenSSL or IANA names separated by `:` (and the keywords DEFAULT,
    /// ALL, HIGH, ECDHE, AESGCM, CHACHA20, aRSA, aECDSA). Names of suites this library
    /// does not implement are skipped; `@SECLEVEL=n` sets the security level. Returns
    /// 1, or 0 with an error entry when nothing usable is left.
    tls12_SSL_CTX_set_cipher_list / tls12_SSL_set_cipher_list (mut; str: *const c_char) -> c_int = on_settings, 0, |s, func| {
        // SAFETY: the caller promises `str` is NULL or NUL-terminated.
        let Some(list) = (unsafe { c_str(str, "str") }) else { return 0 };
        applied(s.config.set_cipher_list(list), func)
    }
    /// `SSL_CTX_set_ciphersuites` / `SSL_set_ciphersuites`: TLS 1.3 suites, which this
    /// library does not speak; the list is accepted and ignored. Returns 1.
    tls12_SSL_CTX_set_ciphersuites / tls12_SSL_set_ciphersuites (mut; str: *const c_char) -> c_int = on_settings, 0, |s, func| {
        let _ = (s, str);
        1
    }
    /// `SSL_CTX_set_min_proto_version` / `SSL_set_min_proto_version` (macros in
    /// OpenSSL): the lowest version allowed (0 = no limit). TLS 1.2 is the only
    /// protocol, so a minimum above it fails (0 with an error entry); lower values are
    /// kept and change nothing. Returns 1 on success.
    tls12_SSL_CTX_set_min_proto_version / tls12_SSL_set_min_proto_version (mut; version: c_int) -> c_int = on_settings, 0, |s, func| {
        applied(s.config.set_min_version(version), func)
    }
    /// `SSL_CTX_set_max_proto_version` / `SSL_set_max_proto_version` (macros in
    /// OpenSSL): the highest version allowed (0 = no limit). A maximum below TLS 1.2
    /// is kept, and handshakes then fail with "no protocols available". Returns 1, or 0
    /// for a value that is not a TLS version.
    tls12_SSL_CTX_set_max_proto_version / tls12_SSL_set_max_proto_version (mut; version: c_int) -> c_int = on_settings, 0, |s, func| {
        applied(s.config.set_max_version(version), func)
    }
    /// `SSL_CTX_get_min_proto_version` / `SSL_get_min_proto_version` (macros in
    /// OpenSSL): the minimum set (0 = no limit).
    tls12_SSL_CTX_get_min_proto_version / tls12_SSL_get_min_proto_version (const;) -> c_int = on_settings, 0, |s, func| {
        c_int::from(s.config.min_version)
    }
    /// `SSL_CTX_get_max_proto_version` / `SSL_get_max_proto_version` (macros in
    /// OpenSSL): the maximum set (0 = no limit).
    tls12_SSL_CTX_get_max_proto_version / tls12_SSL_get_max_proto_version (const;) -> c_int = on_settings, 0, |s, func| {
        c_int::from(s.config.max_version)
    }
    /// `SSL_CTX_set1_groups_list` / `SSL_set1_groups_list` (macros in OpenSSL; also
    /// `*_set1_curves_list`): the key exchange groups in preference order, such as
    /// "X25519:P-256:prime256v1:secp384r1:P-384:ffdhe2048". The FFDHE groups
    /// (ffdhe2048, ffdhe3072, ffdhe4096) are offered by a client for DHE suites and
    /// preferred in this order by a server when the client names them. Returns 1, or 0
    /// with an error entry for an unknown name or when no implemented group is left.
    tls12_SSL_CTX_set1_groups_list / tls12_SSL_set1_groups_list (mut; list: *const c_char) -> c_int = on_settings, 0, |s, func| {
        // SAFETY: the caller promises `list` is NULL or NUL-terminated.
        let Some(list) = (unsafe { c_str(list, "list") }) else { return 0 };
        applied(s.config.set_groups_list(list), func)
    }
    /// `SSL_CTX_set1_sigalgs_list` / `SSL_set1_sigalgs_list` (macros in OpenSSL): the
    /// signature algorithms offered and accepted, in preference order, such as
    /// "ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_rsae_sha384". Returns 1, or 0 with an error
    /// entry for an unknown name or when no usable algorithm is left.
    tls12_SSL_CTX_set1_sigalgs_list / tls12_SSL_set1_sigalgs_list (mut; list: *const c_char) -> c_int = on_settings, 0, |s, func| {
        // SAFETY: the caller promises `list` is NULL or NUL-terminated.
        let Some(list) = (unsafe { c_str(list, "list") }) else { return 0 };
        applied(s.config.set_sigalgs_list(list), func)
    }
    /// `SSL_CTX_set_alpn_protos` / `SSL_set_alpn_protos`: the protocols a client offers,
    /// in ALPN wire format (each name preceded by its length). An empty list turns ALPN
    /// off. Returns 0 on success and 1 on failure, as OpenSSL does.
    tls12_SSL_CTX_set_alpn_protos / tls12_SSL_set_alpn_protos (mut; protos: *const c_uchar, protos_len: c_uint) -> c_int = on_settings, 1, |s, func| {
        let Ok(len) = c_int::try_from(protos_len) else {
            err::push(Reason::BAD_VALUE, format!("{func}: the list is too long"));
            return 1;
        };
        let wire = if protos.is_null() || len == 0 {
            &[]
        } else {
            // SAFETY: non-NULL, and the caller promises `protos_len` readable bytes.
            let Some(wire) = (unsafe { bytes(protos, len, "protos") }) else { return 1 };
            wire
        };
        1 - applied(s.config.set_alpn_wire(wire), func)
    }
    /// `SSL_CTX_set_info_callback` / `SSL_set_info_callback`: the callback told where
    /// the handshake is (`SSL_CB_HANDSHAKE_START`, `SSL_CB_CONNECT_LOOP` /
    /// `SSL_CB_ACCEPT_LOOP` before each step, `SSL_CB_HANDSHAKE_DONE`,
    /// `SSL_CB_CONNECT_EXIT` / `SSL_CB_ACCEPT_EXIT` when a handshake call returns,
    /// `SSL_CB_READ_ALERT` / `SSL_CB_WRITE_ALERT`), as OpenSSL does. NULL removes it;
    /// a connection without one of its own uses its context's.
    tls12_SSL_CTX_set_info_callback / tls12_SSL_set_info_callback (mut; cb: InfoCallback) -> () = on_settings, (), |s, func| {
        s.info_callback = cb;
    }
    /// `SSL_CTX_get_info_callback` / `SSL_get_info_callback`: the info callback set on
    /// this object (NULL if none).
    tls12_SSL_CTX_get_info_callback / tls12_SSL_get_info_callback (const;) -> InfoCallback = on_settings, None, |s, func| {
        s.info_callback
    }
    /// `SSL_CTX_set_msg_callback` / `SSL_set_msg_callback`: the callback shown every
    /// record header, handshake message, alert and ChangeCipherSpec in both directions
    /// (NULL removes it). A connection takes its context's when it is made.
    tls12_SSL_CTX_set_msg_callback / tls12_SSL_set_msg_callback (mut; cb: MsgCallback) -> () = on_settings, (), |s, func| {
        s.msg_callback.0 = cb;
    }
    /// `SSL_CTX_set_msg_callback_arg` / `SSL_set_msg_callback_arg` (macros in OpenSSL):
    /// the last argument the message callback gets.
    tls12_SSL_CTX_set_msg_callback_arg / tls12_SSL_set_msg_callback_arg (mut; arg: *mut c_void) -> () = on_settings, (), |s, func| {
        s.msg_callback.1 = arg;
    }
    /// `SSL_CTX_set_quiet_shutdown` / `SSL_set_quiet_shutdown`: with `mode` non-zero,
    /// `SSL_shutdown` sends no close_notify, waits for none and returns 1, marking the
    /// connection shut down both ways (as OpenSSL's quiet shutdown does).
    tls12_SSL_CTX_set_quiet_shutdown / tls12_SSL_set_quiet_shutdown (mut; mode: c_int) -> () = on_settings, (), |s, func| {
        s.config.quiet_shutdown = mode != 0;
    }
    /// `SSL_CTX_get_quiet_shutdown` / `SSL_get_quiet_shutdown`: 1 when quiet shutdown is
    /// on, else 0.
    tls12_SSL_CTX_get_quiet_shutdown / tls12_SSL_get_quiet_shutdown (const;) -> c_int = on_settings, 0, |s, func| {
        c_int::from(s.config.quiet_shutdown)
    }
    /// `SSL_CTX_set_security_level` / `SSL_set_security_level`: OpenSSL's security
    /// level, applied when a connection starts. Levels 0 to 2: every suite, DH groups
    /// of 2048 bits or more (the library's floor); 3: forward-secret suites only
    /// (ECDHE, DHE, ECDHE-PSK, DHE-PSK), DH groups of 3072 bits or more; 4: also no
    /// SHA-1 MAC and 256-bit ciphers, DH of 7680 bits (so no DHE: the built-in groups
    /// end at 4096); 5: DH of 15360 bits. Certificate key sizes are not checked.
    tls12_SSL_CTX_set_security_level / tls12_SSL_set_security_level (mut; level: c_int) -> () = on_settings, (), |s, func| {
        s.config.security_level = u32::try_from(level).unwrap_or(0);
    }
    /// `SSL_CTX_get_security_level` / `SSL_get_security_level`: the stored level
    /// (1 by default).
    tls12_SSL_CTX_get_security_level / tls12_SSL_get_security_level (const;) -> c_int = on_settings, 0, |s, func| {
        c_int::try_from(s.config.security_level).unwrap_or(c_int::MAX)
    }
    /// `SSL_CTX_set_session_id_context` / `SSL_set_session_id_context`: the session id
    /// context (at most 32 bytes): sessions are resumed only under the context they were
    /// made in. Returns 1, or 0 when it is too long.
    tls12_SSL_CTX_set_session_id_context / tls12_SSL_set_session_id_context (mut; sid_ctx: *const c_uchar, sid_ctx_len: c_uint) -> c_int = on_settings, 0, |s, func| {
        let len = c_int::try_from(sid_ctx_len).unwrap_or(c_int::MAX);
        // SAFETY: the caller promises `sid_ctx_len` readable bytes.
        let Some(data) = (unsafe { bytes(sid_ctx, len, "sid_ctx") }) else { return 0 };
        applied(s.config.set_session_id_context(data), func)
    }
    /// `SSL_CTX_set_ex_data` / `SSL_set_ex_data`: stores `arg` at index `idx` (from
    /// `*_get_ex_new_index`). Returns 1, or 0 for a bad index.
    tls12_SSL_CTX_set_ex_data / tls12_SSL_set_ex_data (mut; idx: c_int, arg: *mut c_void) -> c_int = on_ex_data, 0, |x, func| {
        c_int::from(x.set(idx, arg, func))
    }
    /// `SSL_CTX_get_ex_data` / `SSL_get_ex_data`: the pointer stored at `idx` (NULL if
    /// none).
    tls12_SSL_CTX_get_ex_data / tls12_SSL_get_ex_data (const; idx: c_int) -> *mut c_void = on_ex_data, std::ptr::null_mut(), |x, func| {
        x.get(idx)
    }
    /// `SSL_CTX_set_app_data` / `SSL_set_app_data` (macros in OpenSSL): stores `arg`
    /// at extra-data index 0. Returns 1.
    tls12_SSL_CTX_set_app_data / tls12_SSL_set_app_data (mut; arg: *mut c_void) -> c_int = on_ex_data, 0, |x, func| {
        c_int::from(x.set(0, arg, func))
    }
    /// `SSL_CTX_get_app_data` / `SSL_get_app_data` (macros in OpenSSL): the pointer
    /// stored with `set_app_data`.
    tls12_SSL_CTX_get_app_data / tls12_SSL_get_app_data (const;) -> *mut c_void = on_ex_data, std::ptr::null_mut(), |x, func| {
        x.get(0)
    }
}

/// Defines the two `*_get_ex_new_index` functions, each with its own counter.
macro_rules! ex_new_index {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        /// The callbacks and `argl`/`argp` are accepted for source compatibility and not
        /// used. Indexes start at 1 (0 is the app data).
        #[no_mangle]
        pub extern "C" fn $name(
            argl: c_long,
            argp: *mut c_void,
            new_func: super::ExDataCallback,
            dup_func: super::ExDataCallback,
            free_func: super::ExDataCallback,
        ) -> c_int {
            static NEXT: AtomicI32 = AtomicI32::new(1);
            guard(-1, || {
                let _ = (argl, argp, new_func, dup_func, free_func);
                NEXT.fetch_add(1, Ordering::Relaxed)
            })
        }
    )*};
}

ex_new_index! {
    /// `SSL_CTX_get_ex_new_index` (a macro over `CRYPTO_get_ex_new_index` in OpenSSL):
    /// a new index for `SSL_CTX_set_ex_data`.
    tls12_SSL_CTX_get_ex_new_index;
    /// `SSL_get_ex_new_index` (a macro over `CRYPTO_get_ex_new_index` in OpenSSL): a
    /// new index for `SSL_set_ex_data`.
    tls12_SSL_get_ex_new_index;
}

/// `SSL_CTX_set_verify`: the verify mode (`SSL_VERIFY_*` bits) and callback (NULL for
/// none) for the connections made from now on.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_set_verify(ctx: *mut SslCtx, mode: c_int, cb: VerifyCallback) {
    // SAFETY: the caller promises `ctx` is NULL or live.
    let handle = unsafe { SslCtx::handle(ctx) };
    on_settings(handle, "SSL_CTX_set_verify", (), |s, _| {
        s.set_verify_bits(mode);
        s.verify_callback = cb;
    })
}

/// `SSL_set_verify`: the verify mode and, when `cb` is not NULL, the callback (a NULL
/// `cb` keeps the one in place, as in OpenSSL).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `cb` is NULL or safe to call as documented.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_set_verify(ssl: *mut Ssl, mode: c_int, cb: VerifyCallback) {
    // SAFETY: the caller promises `ssl` is NULL or live.
    let handle = unsafe { Ssl::handle(ssl) };
    on_settings(handle, "SSL_set_verify", (), |s, _| {
        s.set_verify_bits(mode);
        if cb.is_some() {
            s.verify_callback = cb;
        }
    })
}

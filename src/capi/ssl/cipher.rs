//! `SSL_CIPHER`: one static object per row of the suite table, and the texts OpenSSL
//! prints for alerts.

use super::{with_ssl, Ssl};
use crate::capi::ctx::{Settings, SslCtx};
use crate::capi::extras::on_handle;
use crate::capi::stack::{CipherStack, OpensslStack};
use crate::capi::{guard, malloc_c_string};
use crate::msgs::enums::{AlertDescription, AlertLevel};
use crate::suites::{self, Suite};
use std::ffi::{c_char, c_int, CStr, CString};
use std::ptr;
use std::sync::OnceLock;

/// `SSL_CIPHER`: a cipher suite. The objects are static; never free them.
pub struct SslCipher {
    suite: &'static Suite,
    name: CString,
    standard_name: CString,
    /// The protocol version that first defined the suite, as OpenSSL names it.
    version: CString,
    /// `SSL_CIPHER_description`'s text.
    description: String,
}

/// The objects, in the order of [`suites::ALL_SUITES`].
fn table() -> &'static [SslCipher] {
    static TABLE: OnceLock<Vec<SslCipher>> = OnceLock::new();
    TABLE.get_or_init(|| {
        suites::ALL_SUITES
            .iter()
            .map(|suite| SslCipher {
                suite,
                name: CString::new(suite.openssl_name).unwrap_or_default(),
                standard_name: CString::new(suite.iana_name).unwrap_or_default(),
                version: CString::new(suite.version_label).unwrap_or_default(),
                description: suite.description(),
            })
            .collect()
    })
}

/// The object for `suite`.
pub(crate) fn cipher_for(suite: &'static Suite) -> *const SslCipher {
    table().iter().find(|c| ptr::eq(c.suite, suite)).map_or(ptr::null(), |c| c as *const SslCipher)
}

/// Borrows a cipher from C.
///
/// # Safety
/// `c` is NULL or one of the library's `SSL_CIPHER` objects.
unsafe fn cipher<'a>(c: *const SslCipher) -> Option<&'a SslCipher> {
    // SAFETY: as promised by the caller; the objects are static.
    unsafe { c.as_ref() }
}

/// The negotiated suite's object, or NULL.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
unsafe fn negotiated(ssl: *const Ssl) -> *const SslCipher {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { with_ssl(ssl, ptr::null(), |s| s.with_conn(|c| c.suite()).flatten().map_or(ptr::null(), cipher_for)) }
}

/// `SSL_get_current_cipher`: the suite in use (static; NULL before it is agreed).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_current_cipher(ssl: *const Ssl) -> *const SslCipher {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { negotiated(ssl) }
}

/// `SSL_get_pending_cipher`: the suite agreed in the handshake under way (static;
/// NULL before the ServerHello).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_pending_cipher(ssl: *const Ssl) -> *const SslCipher {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { negotiated(ssl) }
}

/// `SSL_get_cipher_list`: the OpenSSL name of the `n`th suite the connection may use
/// (static), or NULL past the end.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_cipher_list(ssl: *const Ssl, n: c_int) -> *const c_char {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null(), |s| {
            let suite = s
                .settings
                .try_borrow()
                .ok()
                .and_then(|st| usize::try_from(n).ok().and_then(|i| st.config.suites.get(i).copied()));
            // SAFETY: the object is NULL or static.
            suite.and_then(|suite| cipher(cipher_for(suite))).map_or(ptr::null(), |c| c.name.as_ptr())
        })
    }
}

/// The suites of `s` as a stack the settings keep (rebuilt when the list changes).
fn cipher_stack(s: &mut Settings) -> *mut CipherStack {
    let suites = s.config.suites.clone();
    let ids = suites.iter().map(|suite| suite.id).collect();
    s.extras.lists.ciphers.get(ids, |_| {
        let items = suites.iter().map(|&suite| cipher_for(suite).cast_mut().cast()).collect();
        OpensslStack::into_ptr(items, None)
    })
}

/// `SSL_CTX_get_ciphers`: the context's cipher suites in order of preference, as a
/// `STACK_OF(SSL_CIPHER)` the context owns (valid until the list changes or the
/// context goes; do not free it or its elements), or NULL.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_get_ciphers(ctx: *const SslCtx) -> *mut CipherStack {
    // SAFETY: the caller promises `ctx` is NULL or live.
    unsafe { on_handle(ctx, "SSL_CTX_get_ciphers", ptr::null_mut(), cipher_stack) }
}

/// `SSL_get_ciphers`: as `SSL_CTX_get_ciphers`, for the suites the connection may use
/// (owned by the `SSL`).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_ciphers(ssl: *const Ssl) -> *mut CipherStack {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { on_handle(ssl, "SSL_get_ciphers", ptr::null_mut(), cipher_stack) }
}

/// Defines `SSL_CIPHER` accessors that return a static text ("(NONE)" for NULL).
macro_rules! cipher_texts {
    ($($(#[$doc:meta])* $name:ident: |$c:ident| $text:expr;)*) => {$(
        $(#[$doc])*
        ///
        /// # Safety
        /// `c` is NULL or one of the library's `SSL_CIPHER` objects.
        #[no_mangle]
        pub unsafe extern "C" fn $name(c: *const SslCipher) -> *const c_char {
            guard(ptr::null(), || {
                // SAFETY: as the caller promises.
                let text: &CStr = match unsafe { cipher(c) } {
                    Some($c) => $text,
                    None => c"(NONE)",
                };
                text.as_ptr()
            })
        }
    )*};
}

cipher_texts! {
    /// `SSL_CIPHER_get_name`: OpenSSL's name, e.g. "ECDHE-RSA-AES128-GCM-SHA256".
    tls12_SSL_CIPHER_get_name: |c| &c.name;
    /// `SSL_CIPHER_standard_name`: the IANA name, e.g.
    /// "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".
    tls12_SSL_CIPHER_standard_name: |c| &c.standard_name;
    /// `SSL_CIPHER_get_version`: the protocol version that first defined the suite, as
    /// OpenSSL reports it ("TLSv1.2" for AEAD suites, "SSLv3" or "TLSv1" for older CBC
    /// suites, which TLS 1.2 still uses).
    tls12_SSL_CIPHER_get_version: |c| &c.version;
}

/// `SSL_CIPHER_get_bits`: the secret bits of the bulk cipher (also stored in
/// `*alg_bits` when it is not NULL); 0 for NULL.
///
/// # Safety
/// `c` is NULL or an `SSL_CIPHER`; `alg_bits` is NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CIPHER_get_bits(c: *const SslCipher, alg_bits: *mut c_int) -> c_int {
    guard(0, || {
        // SAFETY: as the caller promises.
        let bits = unsafe { cipher(c) }.map_or(0, |c| c.suite.bits as c_int);
        // SAFETY: the caller promises `alg_bits` is NULL or writable.
        if let Some(out) = unsafe { alg_bits.as_mut() } {
            *out = bits;
        }
        bits
    })
}

/// `SSL_CIPHER_get_id`: `0x03000000` plus the suite's two-byte code; 0 for NULL.
///
/// # Safety
/// `c` is NULL or one of the library's `SSL_CIPHER` objects.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CIPHER_get_id(c: *const SslCipher) -> u32 {
    // SAFETY: as the caller promises.
    guard(0, || unsafe { cipher(c) }.map_or(0, |c| 0x0300_0000 | u32::from(c.suite.id)))
}

/// `SSL_CIPHER_get_protocol_id`: the suite's two-byte code on the wire; 0 for NULL.
///
/// # Safety
/// `c` is NULL or one of the library's `SSL_CIPHER` objects.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CIPHER_get_protocol_id(c: *const SslCipher) -> u16 {
    // SAFETY: as the caller promises.
    guard(0, || unsafe { cipher(c) }.map_or(0, |c| c.suite.id))
}

/// `SSL_CIPHER_description`: OpenSSL 3's one-line description ("ECDHE-RSA-AES128-GCM-SHA256
/// TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD" in padded columns, and a newline)
/// written into `buf` (`size` bytes, at least 128), or with `buf` NULL into memory the
/// caller frees with `OPENSSL_free`. Returns the text, or NULL on failure.
///
/// # Safety
/// `c` is NULL or an `SSL_CIPHER`; `buf` is NULL or has `size` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CIPHER_description(
    c: *const SslCipher,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: as the caller promises.
        let Some(c) = (unsafe { cipher(c) }) else {
            crate::capi::null_arg("cipher");
            return ptr::null_mut();
        };
        let text = &c.description;
        if buf.is_null() {
            return malloc_c_string(text.as_bytes());
        }
        match usize::try_from(size) {
            // SAFETY: `buf` has `size` writable bytes, as the caller promises.
            Ok(n) if n >= 128 && unsafe { crate::capi::copy_to_c_buf(text.as_bytes(), buf, n) } => buf,
            _ => ptr::null_mut(),
        }
    })
}

/// An alert's two-letter code and OpenSSL's text for it ("unknown" for a value this
/// library does not know), as C strings.
fn alert_texts(desc: u8) -> &'static [CString; 2] {
    static TEXTS: OnceLock<Vec<[CString; 2]>> = OnceLock::new();
    c_texts(&TEXTS, desc, |desc| {
        let alert = AlertDescription::from(desc);
        let text = match alert {
            // OpenSSL's text for this one keeps the underscore of its name.
            AlertDescription::UnexpectedMessage => "unexpected_message".to_string(),
            AlertDescription::Unknown(_) => "unknown".to_string(),
            known => known.text(),
        };
        [alert.code().to_string(), text]
    })
}

/// An alert level's letter and word, as C strings: "W" and "warning", "F" and
/// "fatal", "U" and "unknown".
fn level_texts(level: u8) -> &'static [CString; 2] {
    static TEXTS: OnceLock<Vec<[CString; 2]>> = OnceLock::new();
    c_texts(&TEXTS, level, |level| {
        let text = match AlertLevel::from(level) {
            AlertLevel::Unknown(_) => "unknown".to_string(),
            known => known.text(),
        };
        [text[..1].to_uppercase(), text]
    })
}

/// The C strings of `texts(byte)`, made for every byte value on first use.
fn c_texts(
    cache: &'static OnceLock<Vec<[CString; 2]>>,
    byte: u8,
    texts: fn(u8) -> [String; 2],
) -> &'static [CString; 2] {
    let all = cache.get_or_init(|| {
        (0..=u8::MAX).map(|b| texts(b).map(|text| CString::new(text).expect("alert texts have no NUL"))).collect()
    });
    &all[usize::from(byte)]
}

/// Defines the four alert text functions.
macro_rules! alert_strings {
    ($($(#[$doc:meta])* $name:ident = $texts:ident($byte:expr)[$which:expr];)*) => {$(
        $(#[$doc])*
        #[no_mangle]
        pub extern "C" fn $name(value: c_int) -> *const c_char {
            guard(ptr::null(), || $texts($byte(value))[$which].as_ptr())
        }
    )*};
}

/// The level in an info callback's alert `value` (its high byte; 0, no level, when
/// the value is out of range).
fn level_of(value: c_int) -> u8 {
    u8::try_from(value >> 8).unwrap_or(0)
}

/// The description in an info callback's alert `value` (its low byte).
fn description_of(value: c_int) -> u8 {
    (value & 0xff) as u8
}

alert_strings! {
    /// `SSL_alert_type_string`: "W", "F" or "U" for the level in `value >> 8`.
    tls12_SSL_alert_type_string = level_texts(level_of)[0];
    /// `SSL_alert_type_string_long`: "warning", "fatal" or "unknown".
    tls12_SSL_alert_type_string_long = level_texts(level_of)[1];
    /// `SSL_alert_desc_string`: OpenSSL's two-letter code for the alert in
    /// `value & 0xff` ("HF" for handshake_failure, "UK" when unknown).
    tls12_SSL_alert_desc_string = alert_texts(description_of)[0];
    /// `SSL_alert_desc_string_long`: OpenSSL's text for the alert in `value & 0xff`
    /// ("handshake failure", "unknown CA" ...).
    tls12_SSL_alert_desc_string_long = alert_texts(description_of)[1];
}

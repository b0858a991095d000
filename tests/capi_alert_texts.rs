//! The C API's alert texts (`SSL_alert_desc_string`, `SSL_alert_type_string` and their
//! `_long` forms) against OpenSSL's own functions, for every value a byte can hold.

use std::ffi::{c_char, c_int, CStr};
use tls12::capi::ssl::{
    tls12_SSL_alert_desc_string, tls12_SSL_alert_desc_string_long, tls12_SSL_alert_type_string,
    tls12_SSL_alert_type_string_long,
};

// The system OpenSSL's functions; openssl-sys links libssl.
use openssl_sys as _;
extern "C" {
    fn SSL_alert_desc_string(value: c_int) -> *const c_char;
    fn SSL_alert_desc_string_long(value: c_int) -> *const c_char;
    fn SSL_alert_type_string(value: c_int) -> *const c_char;
    fn SSL_alert_type_string_long(value: c_int) -> *const c_char;
}

/// Alerts defined after the OpenSSL this may run against (which then says "UK"):
/// inappropriate_fallback, certificate_required, no_application_protocol.
const NEWER_THAN_OPENSSL: [c_int; 3] = [86, 116, 120];

/// A C string the library returned (never NULL for these functions).
fn text(p: *const c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: non-NULL, and these functions return static NUL-terminated strings.
    unsafe { CStr::from_ptr(p) }.to_str().expect("ASCII").to_string()
}

#[test]
fn alert_descriptions_read_as_openssl_writes_them() {
    for value in 0..=255 {
        // SAFETY: OpenSSL's functions take any value and return static strings.
        let (code, long) = unsafe { (text(SSL_alert_desc_string(value)), text(SSL_alert_desc_string_long(value))) };
        let ours = (text(tls12_SSL_alert_desc_string(value)), text(tls12_SSL_alert_desc_string_long(value)));
        if code == "UK" && NEWER_THAN_OPENSSL.contains(&value) {
            assert_ne!(ours.0, "UK", "alert {value}");
            continue;
        }
        assert_eq!(ours, (code, long), "alert {value}");
    }
    // Only the low byte is the description.
    assert_eq!(text(tls12_SSL_alert_desc_string(0x0228)), "HF");
    assert_eq!(text(tls12_SSL_alert_desc_string_long(0x0228)), "handshake failure");
}

#[test]
fn alert_levels_read_as_openssl_writes_them() {
    for level in 0..=255 {
        let value = level << 8 | 40;
        // SAFETY: as above.
        let theirs = unsafe { (text(SSL_alert_type_string(value)), text(SSL_alert_type_string_long(value))) };
        let ours = (text(tls12_SSL_alert_type_string(value)), text(tls12_SSL_alert_type_string_long(value)));
        assert_eq!(ours, theirs, "level {level}");
    }
}

//! The state behind the PSK, OCSP, key-log and client-certificate functions: one
//! [`Extras`] in every context's and connection's settings (copied from the context
//! when an `SSL` is made), and the helper that runs a setter on either object.

use super::client_cert::ClientCertCallback;
use super::ctx::{on_settings, Handle, Settings};
use super::keylog::KeylogCallback;
use super::ocsp::StatusCallback;
use super::psk::{PskClientCallback, PskServerCallback};
use std::ffi::{c_void, CString};

/// Callbacks and per-connection values of the features in `psk.rs`, `ocsp.rs`,
/// `keylog.rs` and `client_cert.rs`.
#[derive(Clone)]
pub(crate) struct Extras {
    /// `SSL_CTX_set_psk_client_callback` / `SSL_set_psk_client_callback`.
    pub(crate) psk_client_cb: PskClientCallback,
    /// `SSL_CTX_set_psk_server_callback` / `SSL_set_psk_server_callback`.
    pub(crate) psk_server_cb: PskServerCallback,
    /// `SSL_CTX_set_tlsext_status_cb` (read from the context, as OpenSSL does).
    pub(crate) status_cb: StatusCallback,
    /// `SSL_CTX_set_tlsext_status_arg`.
    pub(crate) status_arg: *mut c_void,
    /// Server: the OCSP response to staple (`SSL_set_tlsext_status_ocsp_resp`);
    /// client: the response the server stapled.
    pub(crate) ocsp_resp: Option<Vec<u8>>,
    /// `SSL_CTX_set_keylog_callback` (read from the context).
    pub(crate) keylog_cb: KeylogCallback,
    /// `SSL_CTX_set_client_cert_cb` (read from the context).
    pub(crate) client_cert_cb: ClientCertCallback,
    /// The text `SSL_get_psk_identity` last returned (kept so the pointer stays valid).
    pub(crate) psk_identity_text: Option<CString>,
    /// The text `SSL_get_psk_identity_hint` last returned.
    pub(crate) psk_hint_text: Option<CString>,
    /// The stacks `SSL_get_ciphers` and `SSL_get_client_CA_list` hand out, and the CA
    /// names a server asked for (`stack.rs`, `client_cert.rs`).
    pub(crate) lists: super::stack::Lists,
}

impl Default for Extras {
    fn default() -> Self {
        Extras {
            psk_client_cb: None,
            psk_server_cb: None,
            status_cb: None,
            status_arg: std::ptr::null_mut(),
            ocsp_resp: None,
            keylog_cb: None,
            client_cert_cb: None,
            psk_identity_text: None,
            psk_hint_text: None,
            lists: Default::default(),
        }
    }
}

/// Runs `f` on the settings of the context or connection behind `p` (named `func` in
/// error entries), or gives `fail` for NULL, for busy settings and after a panic.
///
/// # Safety
/// `p` is NULL or a live `SSL_CTX` or `SSL` (as `H` says).
pub(crate) unsafe fn on_handle<H: Handle, R: Copy>(
    p: *const H,
    func: &str,
    fail: R,
    f: impl FnOnce(&mut Settings) -> R,
) -> R {
    super::guard(fail, || {
        // SAFETY: the caller promises `p` is NULL or a live handle of type `H`.
        let handle = unsafe { H::handle(p) };
        on_settings(handle, func, fail, |s, _| f(s))
    })
}

/// Keeps `text` in `slot` as a C string (replacing it only when it changed, so earlier
/// pointers stay valid) and returns it; NULL for none. The text ends at a NUL byte.
pub(crate) fn cached_text(slot: &mut Option<CString>, text: Option<&[u8]>) -> *const std::ffi::c_char {
    let text = text.map(|t| &t[..t.iter().position(|&b| b == 0).unwrap_or(t.len())]);
    if slot.as_ref().map(|c| c.as_bytes()) != text {
        *slot = text.and_then(|t| CString::new(t).ok());
    }
    slot.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}

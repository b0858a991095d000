//! The engine's [`Hooks`] for C: the SNI, ALPN, verify, PSK, OCSP status, key-log,
//! client-certificate and session (cache, ticket key) callbacks,
//! called with the `SSL *` while the engine runs (see the aliasing rule in `ssl.rs`).

use super::Ssl;
use crate::capi::arc_release;
use crate::capi::ctx::Role;
use crate::capi::verify_code::{code_of, result_for_code, x509_v_code, X509_V_OK};
use crate::capi::x509::{x509_from_der, X509StoreCtx, X509};
use crate::config::Config;
use crate::conn::{AlpnDecision, DefaultHooks, Hooks, ServerNameDecision};
use crate::handshake::hooks::{Progress, TicketKeyDecision, Traced};
use crate::handshake::key_agreement::Psk;
use crate::keys::CertifiedKey;
use crate::msgs::enums::AlertDescription;
use crate::msgs::handshake::CertificateRequest;
use crate::verify::VerifyResult;
use crate::verify_error::VerifyError;
use rustls_pki_types::CertificateDer;
use std::ffi::{c_int, c_long, c_uchar, c_uint, c_void, CString};
use std::sync::Arc;
use zeroize::Zeroizing;

/// `SSL_TLSEXT_ERR_ALERT_WARNING`.
const TLSEXT_ERR_ALERT_WARNING: c_int = 1;
/// `SSL_TLSEXT_ERR_ALERT_FATAL`.
const TLSEXT_ERR_ALERT_FATAL: c_int = 2;
/// `SSL_TLSEXT_ERR_OK`.
const TLSEXT_ERR_OK: c_int = 0;
/// `SSL_TLSEXT_ERR_NOACK`.
const TLSEXT_ERR_NOACK: c_int = 3;

/// The hooks of one `SSL`: they reach it through a raw pointer, creating only shared
/// references, because C callbacks may use the same `SSL *` meanwhile.
pub(crate) struct CapiHooks {
    ssl: *const Ssl,
}

// SAFETY: the hooks are only called by the engine inside the `SSL_*` call that drives
// it, on the thread making that call; an `SSL` is used by one thread at a time, as in
// OpenSSL, so the pointer is never used from two threads at once.
unsafe impl Send for CapiHooks {}

impl CapiHooks {
    /// Hooks for `ssl`, which owns the engine they go into.
    pub(crate) fn new(ssl: &Ssl) -> CapiHooks {
        CapiHooks { ssl }
    }

    fn ssl(&self) -> &Ssl {
        // SAFETY: the hooks live inside the engine, which the `SSL` owns, so the `SSL`
        // outlives them; only shared references are made.
        unsafe { &*self.ssl }
    }

    /// The `SSL *` handed to C callbacks.
    fn ssl_ptr(&self) -> *mut Ssl {
        self.ssl.cast_mut()
    }
}

impl Hooks for CapiHooks {
    fn trace(&mut self, sent: bool, version: u16, what: Traced, bytes: &[u8]) {
        super::trace::message(self.ssl(), sent, version, what, bytes);
    }

    fn progress(&mut self, event: Progress) {
        super::trace::progress(self.ssl(), event);
    }

    fn server_name(&mut self, name: Option<&str>) -> ServerNameDecision {
        let ssl = self.ssl();
        *ssl.servername_received.borrow_mut() = name.and_then(|n| CString::new(n).ok());
        let (cb, arg) = ssl.ctx().server_callbacks().servername;
        let Some(cb) = cb else {
            return ServerNameDecision::Accept(None);
        };
        let before = ssl.ctx.get();
        let mut alert = c_int::from(u8::from(AlertDescription::UnrecognizedName));
        // SAFETY: the application installed the callback for these arguments; `alert`
        // lives across the call.
        let ret = unsafe { cb(self.ssl_ptr(), &mut alert, arg) };
        // `SSL_set_SSL_CTX` from the callback: go on with the new certificates.
        let switched =
            (ssl.ctx.get() != before).then(|| ssl.settings.try_borrow().ok().map(|s| s.config.build())).flatten();
        match ret {
            TLSEXT_ERR_ALERT_FATAL => ServerNameDecision::Reject(AlertDescription::from(alert as u8)),
            TLSEXT_ERR_ALERT_WARNING | TLSEXT_ERR_NOACK => ServerNameDecision::NoAck(switched),
            _ => ServerNameDecision::Accept(switched),
        }
    }

    fn select_alpn(&mut self, config: &Config, offered: &[Vec<u8>]) -> AlpnDecision {
        let _ = config;
        let (cb, arg) = self.ssl().ctx().server_callbacks().alpn_select;
        // As in OpenSSL, a server without a selection callback ignores ALPN (the
        // protocol list of `SSL_CTX_set_alpn_protos` is a client setting).
        let Some(cb) = cb else {
            return AlpnDecision::NoAck;
        };
        let wire = crate::config::lists::alpn_wire(offered.iter().map(Vec::as_slice));
        let mut out: *const c_uchar = std::ptr::null();
        let mut outlen: c_uchar = 0;
        let inlen = c_uint::try_from(wire.len()).unwrap_or(0);
        // SAFETY: the application installed the callback for these arguments; `wire`
        // and the output slots live across the call.
        let ret = unsafe { cb(self.ssl_ptr(), &mut out, &mut outlen, wire.as_ptr(), inlen, arg) };
        match ret {
            TLSEXT_ERR_OK if !out.is_null() && outlen > 0 => {
                // SAFETY: the callback points `out` at `outlen` bytes (in `wire` or its
                // own memory), valid now.
                let chosen = unsafe { std::slice::from_raw_parts(out, usize::from(outlen)) };
                AlpnDecision::Select(chosen.to_vec())
            }
            TLSEXT_ERR_NOACK => AlpnDecision::NoAck,
            _ => AlpnDecision::Reject,
        }
    }

    fn has_psk(&self) -> bool {
        let ssl = self.ssl();
        let client = ssl.role.get() == Role::Client;
        ssl.settings.try_borrow().is_ok_and(|s| {
            if client {
                s.extras.psk_client_cb.is_some()
            } else {
                s.extras.psk_server_cb.is_some()
            }
        })
    }

    fn psk_client(&mut self, hint: Option<&[u8]>) -> Option<Psk> {
        crate::capi::psk::client_key(self.ssl(), self.ssl_ptr(), hint)
    }

    fn psk_server(&mut self, identity: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        crate::capi::psk::server_key(self.ssl(), self.ssl_ptr(), identity)
    }

    fn ocsp_response(&mut self, config: &Config) -> Result<Option<Vec<u8>>, AlertDescription> {
        match crate::capi::ocsp::server_status(self.ssl(), self.ssl_ptr()) {
            None => Ok(config.ocsp_response.clone()),
            Some((TLSEXT_ERR_OK, response)) => Ok(response),
            Some((TLSEXT_ERR_NOACK, _)) => Ok(None),
            Some(_) => Err(AlertDescription::InternalError),
        }
    }

    fn check_ocsp_response(&mut self, response: Option<&[u8]>) -> Result<(), AlertDescription> {
        crate::capi::ocsp::client_check(self.ssl(), self.ssl_ptr(), response)
    }

    fn key_log(&mut self, label: &str, client_random: &[u8], secret: &[u8]) {
        crate::capi::keylog::log(self.ssl(), label, client_random, secret);
    }

    fn client_certificate(&mut self, config: &Config, request: &CertificateRequest) -> Option<Arc<CertifiedKey>> {
        crate::capi::client_cert::note_ca_names(self.ssl(), &request.authorities);
        DefaultHooks
            .client_certificate(config, request)
            .or_else(|| crate::capi::client_cert::from_callback(self.ssl(), self.ssl_ptr()))
    }

    fn new_session(&mut self, session: &Arc<crate::session::Session>) {
        super::session::on_new_session(self.ssl(), session);
    }

    fn find_session(&mut self, id: &[u8]) -> Option<crate::session::Session> {
        super::session::on_find_session(self.ssl(), id)
    }

    fn removed_session(&mut self, session: &Arc<crate::session::Session>) {
        super::session::on_removed_session(self.ssl(), session);
    }

    fn ticket_key(&mut self, name: Option<&[u8; 16]>) -> TicketKeyDecision {
        super::session::on_ticket_key(self.ssl(), name)
    }

    fn verify_peer(&mut self, chain: &[CertificateDer<'static>], result: VerifyResult) -> VerifyResult {
        let ssl = self.ssl();
        let cb = ssl.settings.try_borrow().ok().and_then(|s| s.verify_callback);
        let (Some(cb), false) = (cb, chain.is_empty()) else {
            ssl.verify_result.set(x509_v_code(result) as c_long);
            return result;
        };
        let certs: Vec<*mut X509> = chain.iter().map(|c| x509_from_der(c.clone())).collect();
        let failing = (!result.is_ok()).then(|| (result.depth as usize).min(chain.len() - 1));
        let mut store = X509StoreCtx {
            ssl: self.ssl_ptr().cast::<c_void>(),
            error: X509_V_OK,
            depth: 0,
            cert: std::ptr::null_mut(),
        };
        let mut outcome = VerifyResult::OK;
        // OpenSSL's order: from the top of the chain down to the peer's own certificate.
        for depth in (0..chain.len()).rev() {
            store.depth = depth as i32;
            store.cert = certs[depth];
            let preverify_ok = if failing == Some(depth) {
                store.error = x509_v_code(result);
                0
            } else {
                1
            };
            // SAFETY: the application installed the callback; `store` lives across the
            // call and is only reached through the pointer given.
            if unsafe { cb(preverify_ok, &mut store) } == 0 {
                if store.error == X509_V_OK {
                    store.error = code_of(VerifyError::UNSPECIFIED);
                }
                outcome = result_for_code(store.error, depth);
                break;
            }
        }
        for x in certs {
            // SAFETY: each certificate was made above with one reference, given up here.
            unsafe { arc_release(x) };
        }
        ssl.verify_result.set(store.error as c_long);
        outcome
    }
}

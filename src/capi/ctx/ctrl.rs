//! `SSL_CTX_ctrl`: the settings OpenSSL's macros reach through a command number
//! (`SSL_CTX_add_extra_chain_cert`, `SSL_CTX_set0_chain`, `SSL_CTX_add1_chain_cert`,
//! `SSL_CTX_get_read_ahead` ...). Each command converts its arguments and hands them to
//! the core's certificate pairing and configuration.

use super::{settings::applied, SslCtx};
use crate::capi::stack::{self, X509Stack};
use crate::capi::{arc_release, err, guard, null_arg, x509::stack_from_chain, x509::X509};
use crate::config::{ChainEdit, ListedCerts};
use crate::error::Reason;
use rustls_pki_types::CertificateDer;
use std::ffi::{c_int, c_long, c_void};

// OpenSSL's command numbers, which its macros (in openssl/ssl.h) pass.
const SSL_CTRL_EXTRA_CHAIN_CERT: c_int = 14;
const SSL_CTRL_GET_READ_AHEAD: c_int = 40;
const SSL_CTRL_SET_READ_AHEAD: c_int = 41;
const SSL_CTRL_GET_EXTRA_CHAIN_CERTS: c_int = 82;
const SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS: c_int = 83;
const SSL_CTRL_CHAIN: c_int = 88;
const SSL_CTRL_CHAIN_CERT: c_int = 89;
const SSL_CTRL_GET_CHAIN_CERTS: c_int = 115;

/// `SSL_CTX_ctrl`: runs command `cmd` with `larg` and `parg` as OpenSSL's macros pass
/// them. The "0" forms (`larg` 0: `add0`, `set0`, `add_extra`) take the caller's
/// reference on success; the "1" forms copy. The getters store a stack the context
/// keeps (NULL when empty) in `*parg`. Returns 1 on success (the previous value for
/// `SSL_CTRL_SET_READ_AHEAD`, the value for `SSL_CTRL_GET_READ_AHEAD`), 0 on failure
/// or for a command this library does not take, with an error entry.
///
/// # Safety
/// `ctx` is NULL or a live `SSL_CTX`; `parg` is what the command expects: NULL or a
/// live `X509`, NULL or a live `STACK_OF(X509)`, or a writable `STACK_OF(X509) **`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_CTX_ctrl(ctx: *mut SslCtx, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    guard(0, || {
        // SAFETY: the caller promises `ctx` is NULL or live.
        let Some(ctx) = (unsafe { SslCtx::from_ptr(ctx) }) else { return 0 };
        let copy = larg != 0;
        match cmd {
            // SAFETY: for these commands `parg` is NULL or a live `X509`.
            SSL_CTRL_EXTRA_CHAIN_CERT => unsafe {
                take_cert(parg.cast(), false, |c| ctx.edit_chain(ChainEdit::AddExtra(c)))
            },
            // SAFETY: as above.
            SSL_CTRL_CHAIN_CERT => unsafe { take_cert(parg.cast(), copy, |c| ctx.edit_chain(ChainEdit::Add(c))) },
            // SAFETY: for this command `parg` is NULL or a live `STACK_OF(X509)`.
            SSL_CTRL_CHAIN => unsafe { take_chain(parg.cast(), copy, |certs| ctx.edit_chain(ChainEdit::Set(certs))) },
            SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS => c_long::from(ctx.edit_chain(ChainEdit::ClearExtra)),
            SSL_CTRL_GET_READ_AHEAD => c_long::from(ctx.read_ahead(None)),
            SSL_CTRL_SET_READ_AHEAD => c_long::from(ctx.read_ahead(Some(larg != 0))),
            // SAFETY: for the getters `parg` is a writable `STACK_OF(X509) **`.
            SSL_CTRL_GET_EXTRA_CHAIN_CERTS => unsafe {
                hand_out(parg.cast(), ctx.certs_stack(ListedCerts::Extra { only: copy }))
            },
            // SAFETY: as above.
            SSL_CTRL_GET_CHAIN_CERTS => unsafe { hand_out(parg.cast(), ctx.certs_stack(ListedCerts::Chain)) },
            other => {
                err::push(Reason::BAD_VALUE, format!("SSL_CTX_ctrl: command {other} is not supported by libtls12"));
                0
            }
        }
    })
}

/// Gives the certificate `x` to `add`; without `copy`, the caller's reference goes
/// with it when `add` succeeds. Returns 1 or 0.
///
/// # Safety
/// `x` is NULL or a live `X509`.
unsafe fn take_cert(x: *mut X509, copy: bool, add: impl FnOnce(CertificateDer<'static>) -> bool) -> c_long {
    // SAFETY: as the caller promises.
    let Some(cert) = (unsafe { X509::from_ptr(x) }) else {
        null_arg("x509");
        return 0;
    };
    if !add(cert.der().clone()) {
        return 0;
    }
    if !copy {
        // SAFETY: the caller handed its reference over with the "0" form.
        unsafe { arc_release(x) };
    }
    1
}

/// Gives the certificates of the stack `sk` (NULL: none) to `set`; without `copy`, the
/// stack and its references go with them when `set` succeeds. Returns 1 or 0.
///
/// # Safety
/// `sk` is NULL or a live `STACK_OF(X509)` of live `X509`s.
unsafe fn take_chain(sk: *mut X509Stack, copy: bool, set: impl FnOnce(Vec<CertificateDer<'static>>) -> bool) -> c_long {
    // SAFETY: as the caller promises.
    let items = unsafe { stack::OpensslStack::from_typed(sk) }.map(|s| s.items().to_vec()).unwrap_or_default();
    // SAFETY: the elements of a `STACK_OF(X509)` are live `X509`s.
    let certs = items.iter().filter_map(|&p| unsafe { X509::from_ptr(p.cast()) }).map(|c| c.der().clone()).collect();
    if !set(certs) {
        return 0;
    }
    if !copy {
        // SAFETY: the caller handed the stack and its references over with `set0`.
        for p in unsafe { stack::into_items(sk) } {
            // SAFETY: each element is an `X509` reference the stack held.
            unsafe { arc_release(p.cast::<X509>()) };
        }
    }
    1
}

/// Stores `stack` in `*out`. Returns 1, or 0 when `out` is NULL.
///
/// # Safety
/// `out` is NULL or writable.
unsafe fn hand_out(out: *mut *mut X509Stack, stack: *mut X509Stack) -> c_long {
    if out.is_null() {
        null_arg("parg");
        return 0;
    }
    // SAFETY: non-NULL and writable, as the caller promises.
    unsafe { *out = stack };
    1
}

impl SslCtx {
    /// Makes a change to the chain certificates; false with an error entry when the
    /// core refuses it (no certificate loaded).
    fn edit_chain(&self, edit: ChainEdit) -> bool {
        let mut state = self.lock();
        let state = &mut *state;
        applied(state.pairing.edit_chain_certs(&mut state.settings.config, edit), "SSL_CTX_ctrl") == 1
    }

    /// The read-ahead flag before this call, which sets it to `new` if given.
    fn read_ahead(&self, new: Option<bool>) -> bool {
        let config = &mut self.lock().settings.config;
        let old = config.read_ahead;
        config.read_ahead = new.unwrap_or(old);
        old
    }

    /// The stack of certificates `which` names, kept by the context until that list
    /// changes; NULL when it is empty.
    fn certs_stack(&self, which: ListedCerts) -> *mut X509Stack {
        let mut state = self.lock();
        let state = &mut *state;
        let certs = state.pairing.listed(&state.settings.config, which).to_vec();
        let lists = &mut state.settings.extras.lists;
        let cache = if matches!(which, ListedCerts::Chain) { &mut lists.chain } else { &mut lists.extra_chain };
        if certs.is_empty() {
            return std::ptr::null_mut();
        }
        cache.get(certs, |c| stack_from_chain(c))
    }
}

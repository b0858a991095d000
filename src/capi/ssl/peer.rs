//! What the peer presented, for the pointers C borrows: its certificates as `X509`
//! objects, made from the engine's copies once and owned by the `SSL`.

use super::{with_ssl, Role, Ssl};
use crate::capi::arc_retain;
use crate::capi::x509::{stack_free, stack_from_chain, x509_from_der, X509Stack, X509};
use std::ptr;

/// The copies; each pointer holds one reference (or is NULL).
pub(crate) struct PeerCache {
    built: bool,
    leaf: *mut X509,
    chain: *mut X509Stack,
}

impl Default for PeerCache {
    fn default() -> Self {
        PeerCache { built: false, leaf: ptr::null_mut(), chain: ptr::null_mut() }
    }
}

impl Drop for PeerCache {
    fn drop(&mut self) {
        // SAFETY: the cache holds one reference to `leaf` and owns `chain` (or NULL).
        unsafe {
            crate::capi::arc_release(self.leaf);
            stack_free(self.chain);
        }
    }
}

impl PeerCache {
    /// Makes the copies once the peer's certificates are known.
    fn build(&mut self, ssl: &Ssl) {
        if self.built {
            return;
        }
        ssl.with_conn(|c| {
            let certs = c.peer_certificates();
            if certs.is_empty() {
                return;
            }
            self.built = true;
            self.leaf = x509_from_der(certs[0].clone());
            // OpenSSL's quirk: a client's chain includes the server's certificate, a
            // server's chain leaves the client's out.
            let skip = usize::from(ssl.role.get() != Role::Client);
            self.chain = stack_from_chain(&certs[skip..]);
        });
    }
}

/// The peer's certificate, borrowed (NULL if none).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
unsafe fn peer_leaf(ssl: *const Ssl) -> *mut X509 {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null_mut(), |s| {
            let Ok(mut cache) = s.peer.try_borrow_mut() else {
                return ptr::null_mut();
            };
            cache.build(s);
            cache.leaf
        })
    }
}

/// `SSL_get0_peer_certificate`: the peer's certificate, borrowed from the connection
/// (NULL if it sent none or the handshake has not got that far).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get0_peer_certificate(ssl: *const super::Ssl) -> *mut X509 {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { peer_leaf(ssl) }
}

/// `SSL_get1_peer_certificate`: the peer's certificate with a reference for the
/// caller, who releases it with `X509_free` (NULL if none).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get1_peer_certificate(ssl: *const super::Ssl) -> *mut X509 {
    // SAFETY: the caller promises `ssl` is NULL or live; the certificate is NULL or
    // held by the connection, so it may gain a reference.
    unsafe {
        let x = peer_leaf(ssl);
        arc_retain(x);
        x
    }
}

/// `SSL_get_peer_certificate` (OpenSSL 1.1's name of `SSL_get1_peer_certificate`):
/// the peer's certificate, owned by the caller.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_peer_certificate(ssl: *const super::Ssl) -> *mut X509 {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe { tls12_SSL_get1_peer_certificate(ssl) }
}

/// `SSL_get_peer_cert_chain`: the peer's chain as a `STACK_OF(X509)` borrowed from the
/// connection (NULL if none). As in OpenSSL, a client's stack includes the server's
/// own certificate and a server's stack does not include the client's.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_peer_cert_chain(ssl: *const super::Ssl) -> *mut X509Stack {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, ptr::null_mut(), |s| {
            let Ok(mut cache) = s.peer.try_borrow_mut() else {
                return ptr::null_mut();
            };
            cache.build(s);
            cache.chain
        })
    }
}

//! A minimal `EVP_PKEY`: a private key read from PEM, for `SSL_CTX_set_client_cert_cb`
//! callbacks to hand over. It keeps the key's DER (wiped when freed) and makes the
//! signing key from it when the handshake needs one.

#![allow(non_snake_case)]

use super::bio::Bio;
use super::passwd::{password_source, PemPasswordCallback};
use super::pem::{self, Input};
use super::{arc_borrow, arc_into_ptr, arc_release, arc_retain, guard};
use crate::crypto::sign::SigningKey;
use crate::error::Error;
use crate::keys;
use std::ffi::{c_int, c_void};
use zeroize::Zeroizing;

/// `EVP_PKEY`: an RSA or ECDSA private key. Free it with `EVP_PKEY_free`.
pub struct EvpPkey {
    der: Zeroizing<Vec<u8>>,
}

impl EvpPkey {
    /// Borrows the key behind a C pointer (`None` for NULL, without an error entry).
    ///
    /// # Safety
    /// `p` is NULL or a live `EVP_PKEY` that stays alive for `'a`.
    pub(crate) unsafe fn from_ptr<'a>(p: *const EvpPkey) -> Option<&'a EvpPkey> {
        // SAFETY: as the caller promises.
        unsafe { arc_borrow(p) }
    }

    /// A signing key made from the stored DER.
    pub(crate) fn signing_key(&self) -> Result<SigningKey, Error> {
        keys::key_from_der(&self.der)
    }
}

/// Reads the next private key in PEM from `input` for `func`, as [`pem::read`] does,
/// decrypting it with the password from `cb` and `u` (see [`password_source`]) if it is
/// encrypted.
///
/// # Safety
/// As for [`pem::read`]; `cb` and `u` as for [`password_source`].
unsafe fn read(
    input: Input,
    x: *mut *mut EvpPkey,
    cb: PemPasswordCallback,
    u: *mut c_void,
    func: &str,
) -> *mut EvpPkey {
    let make = |block| {
        let pkey = EvpPkey { der: keys::key_der_from_block(block, &mut password_source(cb, u))? };
        pkey.signing_key()?;
        Ok(arc_into_ptr(pkey))
    };
    // SAFETY: as the caller promises.
    unsafe { pem::read(input, x, keys::KEY_LABELS, func, make) }
}

/// `PEM_read_PrivateKey`: reads the next private key in PEM from `fp` (other PEM blocks
/// before it are skipped); an encrypted one is decrypted with the password `cb` gives
/// (called with `u`), or with `u` itself as the password when `cb` is NULL. Returns a
/// new `EVP_PKEY` (also stored in `*x` when `x` is not NULL), or NULL.
///
/// # Safety
/// `fp` is NULL or an open `FILE *`; `x` is NULL or valid, holding NULL or an `EVP_PKEY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_PrivateKey(
    fp: *mut libc::FILE,
    x: *mut *mut EvpPkey,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut EvpPkey {
    guard(std::ptr::null_mut(), || {
        // SAFETY: as the caller promises.
        unsafe { read(Input::Stream(fp), x, cb, u, "PEM_read_PrivateKey") }
    })
}

/// `PEM_read_bio_PrivateKey`: as `PEM_read_PrivateKey`, reading from a `BIO`.
///
/// # Safety
/// `bp` is NULL or a live `BIO`; `x` is NULL or valid, holding NULL or an `EVP_PKEY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_bio_PrivateKey(
    bp: *mut Bio,
    x: *mut *mut EvpPkey,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut EvpPkey {
    guard(std::ptr::null_mut(), || {
        // SAFETY: as the caller promises.
        unsafe { read(Input::Bio(bp), x, cb, u, "PEM_read_bio_PrivateKey") }
    })
}

/// `EVP_PKEY_up_ref`: adds a reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// `pkey` is NULL or a live `EVP_PKEY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_PKEY_up_ref(pkey: *mut EvpPkey) -> c_int {
    guard(0, || {
        if pkey.is_null() {
            super::null_arg("pkey");
            return 0;
        }
        // SAFETY: non-NULL and live, as the caller promises.
        unsafe { arc_retain(pkey) };
        1
    })
}

/// `EVP_PKEY_free`: drops a reference; the key is wiped with the last (NULL is ignored).
///
/// # Safety
/// `pkey` is NULL or a live `EVP_PKEY` whose reference the caller gives up.
#[no_mangle]
pub unsafe extern "C" fn tls12_EVP_PKEY_free(pkey: *mut EvpPkey) {
    // SAFETY: as the caller promises.
    guard((), || unsafe { arc_release(pkey) })
}

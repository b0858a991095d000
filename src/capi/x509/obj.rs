//! Objects for C: OpenSSL's `OBJ_*` look-ups between NIDs, names, dotted OIDs and the
//! `ASN1_OBJECT`s of certificate names, on the core's object table.

use super::{cert_arg, Asn1Object, X509};
use crate::capi::{c_str, copy_to_c_buf, guard, intern, null_arg};
use crate::x509::objects::{nid_of_oid, NID_UNDEF};
use crate::x509::KnownObject;
use std::ffi::{c_char, c_int};
use std::ptr;

/// `OBJ_nid2sn`: the short name of the object with `nid` ("CN" for `NID_commonName`), a
/// static string, or NULL (without an error entry, as OpenSSL) for a NID this library
/// does not know.
#[no_mangle]
pub extern "C" fn tls12_OBJ_nid2sn(nid: c_int) -> *const c_char {
    guard(ptr::null(), || KnownObject::by_nid(nid).map_or(ptr::null(), |t| intern(t.short_name)))
}

/// `OBJ_nid2ln`: the long name of the object with `nid` ("commonName"), as
/// `OBJ_nid2sn`.
#[no_mangle]
pub extern "C" fn tls12_OBJ_nid2ln(nid: c_int) -> *const c_char {
    guard(ptr::null(), || KnownObject::by_nid(nid).map_or(ptr::null(), |t| intern(t.long_name)))
}

/// Defines the exported look-ups from a text to a NID: each gives `NID_undef` for NULL
/// or for text that names no known object.
macro_rules! text_to_nid {
    ($($(#[$doc:meta])* $name:ident => $lookup:path;)*) => {$(
        $(#[$doc])*
        ///
        /// # Safety
        /// `s` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $name(s: *const c_char) -> c_int {
            guard(NID_UNDEF, || {
                // SAFETY: as promised by the caller.
                unsafe { c_str(s, "s") }.and_then($lookup).map_or(NID_UNDEF, |t| t.nid)
            })
        }
    )*};
}

text_to_nid! {
    /// `OBJ_sn2nid`: the NID of the object whose short name is `s` ("CN").
    tls12_OBJ_sn2nid => KnownObject::by_short_name;
    /// `OBJ_ln2nid`: the NID of the object whose long name is `s` ("commonName").
    tls12_OBJ_ln2nid => KnownObject::by_long_name;
    /// `OBJ_txt2nid`: the NID of the object that `s` names: a short name, a long name or
    /// a dotted OID ("2.5.4.3").
    tls12_OBJ_txt2nid => KnownObject::by_text;
}

/// `OBJ_obj2nid`: the NID of the object `o` (`NID_undef` for an object this library
/// does not know, and for NULL).
///
/// # Safety
/// `o` is NULL or a live `ASN1_OBJECT`.
#[no_mangle]
pub unsafe extern "C" fn tls12_OBJ_obj2nid(o: *const Asn1Object) -> c_int {
    guard(NID_UNDEF, || {
        // SAFETY: as promised by the caller.
        unsafe { o.as_ref() }.map_or_else(
            || {
                null_arg("o");
                NID_UNDEF
            },
            |obj| nid_of_oid(&obj.oid),
        )
    })
}

/// `OBJ_obj2txt`: writes the object's name to `buf` (at most `buf_len` bytes with the
/// NUL): its long name ("commonName") when it is a known object and `no_name`
/// is 0, else the dotted OID ("2.5.4.3"). Returns the length of the whole text (which
/// may exceed what fitted), or -1 for NULL.
///
/// # Safety
/// `buf` is NULL or has `buf_len` writable bytes; `a` is NULL or a live `ASN1_OBJECT`.
#[no_mangle]
pub unsafe extern "C" fn tls12_OBJ_obj2txt(
    buf: *mut c_char,
    buf_len: c_int,
    a: *const Asn1Object,
    no_name: c_int,
) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(obj) = (unsafe { a.as_ref() }) else {
            null_arg("a");
            return -1;
        };
        let known = (no_name == 0).then(|| KnownObject::by_oid(&obj.oid)).flatten();
        let text = known.map_or_else(|| crate::x509::oid_text(&obj.oid), |t| t.long_name.to_string());
        // SAFETY: as promised by the caller.
        unsafe { copy_to_c_buf(text.as_bytes(), buf, usize::try_from(buf_len).unwrap_or(0)) };
        c_int::try_from(text.len()).unwrap_or(c_int::MAX)
    })
}

/// `X509_get_signature_nid`: the NID of the algorithm the certificate is signed with
/// (`NID_sha256WithRSAEncryption` ...), `NID_undef` for one this library does not know
/// and for NULL.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_get_signature_nid(x: *const X509) -> c_int {
    guard(NID_UNDEF, || {
        // SAFETY: as promised by the caller.
        let fields = unsafe { cert_arg(x) }.and_then(|c| crate::x509::parse_certificate(c.der()).ok());
        fields.map_or(NID_UNDEF, |f| nid_of_oid(f.signature_algorithm))
    })
}

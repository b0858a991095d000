//! Certificates for C: `X509` handles (reference counted), their names (`X509_NAME`,
//! owned by the certificate, or on their own from `X509_NAME_dup` and stacks of
//! names), DER and PEM conversion, the `STACK_OF(X509)` that `SSL_get_peer_cert_chain`
//! returns, and the `X509_STORE_CTX` a verify callback sees.

use super::err;
use super::passwd::PemPasswordCallback;
use super::pem::{self, Input, Output};
use super::stack::{ElementFree, OpensslStack, X509NameStack};
use super::verify_param::host_flags;
use super::{
    arc_borrow, arc_into_ptr, arc_release, arc_retain, bio, copy_to_c_buf, guard, intern, malloc_bytes,
    malloc_c_string, null_arg,
};
use crate::error::Reason;
use crate::keys;
use crate::verify;
use crate::x509::name_text::{self, Dumps, Escapes, FieldNames, NameFormat, Separators};
use crate::x509::{CaBasis, Certificate, GeneralName, Name, NameEntry};
use rustls_pki_types::CertificateDer;
use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_ulong, c_void};
use std::ptr;

mod issuer;
mod obj;
mod pubkey;

/// A certificate: its DER encoding and what [`Certificate`] reads from it.
pub struct X509 {
    der: CertificateDer<'static>,
    cert: Certificate,
    subject: X509Name,
    issuer: X509Name,
    not_before: Asn1Time,
    not_after: Asn1Time,
    serial: Asn1Integer,
    /// Its subjectPublicKeyInfo (`X509_get_X509_PUBKEY`).
    pubkey: pubkey::X509Pubkey,
}

/// An `ASN1_INTEGER`: the certificate's serial number, owned by the `X509`.
pub struct Asn1Integer {
    negative: bool,
    magnitude: Vec<u8>,
}

/// An `ASN1_TIME`: one end of a certificate's validity, owned by the `X509`.
pub struct Asn1Time {
    time: crate::x509::Time,
}

/// A distinguished name: owned by the `X509` it came from, or on its own (from
/// `X509_NAME_dup` or a stack of names) and freed with `X509_NAME_free`.
pub struct X509Name {
    name: Name,
    entries: Vec<X509NameEntry>,
    /// Whether the name stands on its own (`X509_NAME_free` frees it).
    owned: bool,
}

/// An `X509_NAME_ENTRY`: one attribute of a name, owned by the `X509_NAME`.
pub struct X509NameEntry {
    nid: c_int,
    data: Asn1String,
    /// The attribute's type.
    object: Asn1Object,
    /// The index of its RDN in the name (`X509_NAME_ENTRY_set`).
    set: c_int,
}

/// An `ASN1_OBJECT`: an OID (DER content bytes), owned by what it came from.
pub struct Asn1Object {
    oid: Vec<u8>,
}

/// An `ASN1_STRING`: an attribute's value as encoded, with its string type (the DER
/// tag, OpenSSL's `V_ASN1_*` value), owned by the `X509_NAME_ENTRY`.
pub struct Asn1String {
    tag: u8,
    /// The value followed by a NUL that is not part of it, as OpenSSL keeps strings.
    bytes: Vec<u8>,
}

impl Asn1String {
    fn value(&self) -> &[u8] {
        &self.bytes[..self.bytes.len() - 1]
    }
}

impl X509Name {
    fn new(name: Name) -> X509Name {
        let mut set = -1;
        let entries = name
            .entries
            .iter()
            .map(|e| {
                if !e.same_rdn_as_previous {
                    set += 1;
                }
                X509NameEntry {
                    nid: e.attribute_type().map_or(0, |t| t.nid),
                    data: Asn1String { tag: e.string_tag, bytes: [e.value.as_slice(), &[0]].concat() },
                    object: Asn1Object { oid: e.oid.clone() },
                    set: set.max(0),
                }
            })
            .collect();
        X509Name { name, entries, owned: false }
    }

    /// A name on its own for C, freed with `X509_NAME_free`.
    pub(crate) fn boxed(name: Name) -> *mut X509Name {
        Box::into_raw(Box::new(X509Name { owned: true, ..X509Name::new(name) }))
    }

    /// The name's DER encoding.
    pub(crate) fn der(&self) -> &[u8] {
        &self.name.der
    }
}

impl X509 {
    fn parse(der: CertificateDer<'static>) -> Result<X509, crate::Error> {
        let cert = Certificate::parse(&der)?;
        let pubkey = pubkey::X509Pubkey::of_certificate(&der)?;
        Ok(X509 {
            der,
            subject: X509Name::new(cert.subject.clone()),
            issuer: X509Name::new(cert.issuer.clone()),
            not_before: Asn1Time { time: cert.not_before.clone() },
            not_after: Asn1Time { time: cert.not_after.clone() },
            serial: {
                let (negative, magnitude) = crate::x509::integer_magnitude(&cert.serial);
                Asn1Integer { negative, magnitude }
            },
            pubkey,
            cert,
        })
    }

    /// Borrows the certificate behind a C pointer; `None` for NULL (no error entry).
    ///
    /// # Safety
    /// `p` is NULL or an `X509` pointer from this library holding a reference for `'a`.
    pub(crate) unsafe fn from_ptr<'a>(p: *const X509) -> Option<&'a X509> {
        // SAFETY: as promised by the caller.
        unsafe { arc_borrow(p) }
    }

    /// The certificate's DER encoding.
    pub(crate) fn der(&self) -> &CertificateDer<'static> {
        &self.der
    }
}

/// A new `X509` for C (one reference) holding `der`, or NULL with an error entry when
/// the certificate cannot be read. For `SSL_get_peer_certificate` and friends.
pub(crate) fn x509_from_der(der: CertificateDer<'static>) -> *mut X509 {
    match X509::parse(der) {
        Ok(x) => arc_into_ptr(x),
        Err(e) => {
            err::push_error(&e);
            ptr::null_mut()
        }
    }
}

/// Borrows `x` for an exported function, pushing an error entry when it is NULL.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[track_caller]
unsafe fn cert_arg<'a>(x: *const X509) -> Option<&'a X509> {
    // SAFETY: as promised by the caller.
    let cert = unsafe { X509::from_ptr(x) };
    if cert.is_none() {
        null_arg("x");
    }
    cert
}

/// Borrows `name` for an exported function, pushing an error entry when it is NULL.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME` (its `X509` holds a reference).
#[track_caller]
unsafe fn name_arg<'a>(name: *const X509Name) -> Option<&'a Name> {
    // SAFETY: as promised by the caller.
    let n = unsafe { name.as_ref() }.map(|n| &n.name);
    if n.is_none() {
        null_arg("name");
    }
    n
}

/// `X509_free`: drops a reference; the last one frees the certificate (and its names).
///
/// # Safety
/// `x` is NULL or a live `X509` whose reference the caller gives up.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_free(x: *mut X509) {
    // SAFETY: as promised by the caller.
    guard((), || unsafe { arc_release(x) })
}

/// `X509_up_ref`: adds a reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_up_ref(x: *mut X509) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        if unsafe { cert_arg(x) }.is_none() {
            return 0;
        }
        // SAFETY: `x` is live.
        unsafe { arc_retain(x) };
        1
    })
}

/// `X509_dup`: a new certificate (one reference for the caller) with the contents of
/// `x`, or NULL.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_dup(x: *const X509) -> *mut X509 {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        unsafe { cert_arg(x) }.map_or(ptr::null_mut(), |c| x509_from_der(c.der.clone()))
    })
}

/// Orders two byte strings as `memcmp` would, then by length: <0, 0 or >0.
fn compare(a: &[u8], b: &[u8]) -> c_int {
    match a.cmp(b) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// `X509_cmp`: 0 when `a` and `b` are the same certificate (same encoding), otherwise
/// a stable order (<0 or >0). NULL sorts before everything else.
///
/// # Safety
/// `a` and `b` are NULL or live `X509`s.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_cmp(a: *const X509, b: *const X509) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (a, b) = unsafe { (X509::from_ptr(a), X509::from_ptr(b)) };
        compare(a.map_or(&[], |c| c.der()), b.map_or(&[], |c| c.der()))
    })
}

/// `X509_NAME_cmp`: 0 when the two names have the same encoding, otherwise a stable
/// order (<0 or >0). NULL sorts before everything else.
///
/// # Safety
/// `a` and `b` are NULL or live `X509_NAME`s.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_cmp(a: *const X509Name, b: *const X509Name) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (a, b) = unsafe { (a.as_ref(), b.as_ref()) };
        compare(a.map_or(&[], |n| &n.name.der), b.map_or(&[], |n| &n.name.der))
    })
}

/// Writes `der` as the `i2d_*` functions do (see `i2d_X509`); `what` names the
/// object in error entries.
///
/// # Safety
/// `out` is NULL or valid for reading and writing one pointer, and a non-NULL `*out`
/// has room for `der`.
unsafe fn i2d(der: &[u8], out: *mut *mut c_uchar, what: &str) -> c_int {
    let Ok(len) = c_int::try_from(der.len()) else {
        err::push(Reason::DATA_LENGTH_TOO_LONG, format!("the {what} is too large to encode"));
        return -1;
    };
    if out.is_null() {
        return len;
    }
    // SAFETY: `out` is valid for reading and writing one pointer; a non-NULL `*out`
    // has room for `len` bytes, as the caller promises.
    unsafe {
        if (*out).is_null() {
            let p = malloc_bytes(der, 0);
            if p.is_null() {
                return -1;
            }
            *out = p;
        } else {
            ptr::copy_nonoverlapping(der.as_ptr(), *out, der.len());
            *out = (*out).add(der.len());
        }
    }
    len
}

/// `i2d_X509`: the DER encoding of `x`. With `out` NULL only the length is returned;
/// with `*out` NULL a buffer is allocated (free it with `OPENSSL_free`) and stored in
/// `*out`; otherwise the encoding is written at `*out`, which is advanced past it.
/// Returns the length, or -1 on failure.
///
/// # Safety
/// `x` is NULL or a live `X509`; `out` is NULL or valid for reading and writing one
/// pointer, and a non-NULL `*out` has room for the encoding.
#[no_mangle]
pub unsafe extern "C" fn tls12_i2d_X509(x: *const X509, out: *mut *mut c_uchar) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        match unsafe { cert_arg(x) } {
            // SAFETY: as promised by the caller.
            Some(cert) => unsafe { i2d(cert.der(), out, "certificate") },
            None => -1,
        }
    })
}

/// `i2d_X509_NAME`: the DER encoding of `name`, written as `i2d_X509` writes a
/// certificate's. Returns the length, or -1 on failure.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`; `out` as for `i2d_X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_i2d_X509_NAME(name: *const X509Name, out: *mut *mut c_uchar) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        match unsafe { name_arg(name) } {
            // SAFETY: as promised by the caller.
            Some(n) => unsafe { i2d(&n.der, out, "name") },
            None => -1,
        }
    })
}

/// `X509_NAME_dup`: a copy of `name` that stands on its own (free it with
/// `X509_NAME_free`), or NULL.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_dup(name: *const X509Name) -> *mut X509Name {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        unsafe { name_arg(name) }.map_or(ptr::null_mut(), |n| X509Name::boxed(n.clone()))
    })
}

/// `X509_NAME_free`: frees a name from `X509_NAME_dup` or a stack of names. NULL is
/// ignored; a name that belongs to a certificate (`X509_get_subject_name`) is left
/// alone, with an error entry.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`; one the caller owns is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_free(name: *mut X509Name) {
    guard((), || {
        // SAFETY: as promised by the caller.
        match unsafe { name.as_ref() } {
            None => {}
            Some(n) if !n.owned => {
                err::push(Reason::BAD_VALUE, "X509_NAME_free: the name belongs to its certificate; free the X509");
            }
            // SAFETY: an owned name came from `Box::into_raw` and the caller gives it up.
            Some(_) => drop(unsafe { Box::from_raw(name) }),
        }
    })
}

/// `d2i_X509_NAME`: reads the DER Name at `*in_` (`len` bytes), a name of its own
/// (free it with `X509_NAME_free`); advances `*in_` past it and, when `a` is not NULL,
/// also stores it in `*a` (freeing the name there). NULL with an error entry when no
/// name can be read.
///
/// # Safety
/// `in_` is NULL or holds a pointer to `len` readable bytes; `a` is NULL or valid,
/// holding NULL or a name the caller owns.
#[no_mangle]
pub unsafe extern "C" fn tls12_d2i_X509_NAME(
    a: *mut *mut X509Name,
    in_: *mut *const c_uchar,
    len: c_long,
) -> *mut X509Name {
    guard(ptr::null_mut(), || {
        // SAFETY: `in_` is valid for one read when not NULL.
        let start = if in_.is_null() { ptr::null() } else { unsafe { *in_ } };
        let len = c_int::try_from(len).unwrap_or(-1);
        // SAFETY: the caller promises `len` readable bytes at `*in_`.
        let Some(data) = (unsafe { super::bytes(start, len, "in") }) else {
            return ptr::null_mut();
        };
        match Certificate::encoded_len(data).and_then(|n| Name::from_der(&data[..n]).map(|name| (n, name))) {
            Ok((n, name)) => {
                // SAFETY: `in_` is non-NULL here and `n` is within the `len` bytes.
                unsafe { *in_ = start.add(n) };
                let p = X509Name::boxed(name);
                // SAFETY: as promised by the caller.
                if let Some(slot) = unsafe { a.as_mut() } {
                    // SAFETY: the caller owns the name in the slot and gives it up.
                    unsafe { tls12_X509_NAME_free(*slot) };
                    *slot = p;
                }
                p
            }
            Err(e) => {
                err::push_error(&e);
                ptr::null_mut()
            }
        }
    })
}

/// `d2i_X509`: reads one DER certificate from the `len` bytes at `*in`, advancing
/// `*in` past it. Returns the certificate (also stored in `*px` if `px` is not NULL),
/// or NULL with an error entry.
///
/// # Safety
/// `in_` is valid for reading and writing one pointer, and `*in_` points to `len`
/// readable bytes; `px` is as for OpenSSL (NULL, or a pointer to NULL or a live `X509`).
#[no_mangle]
pub unsafe extern "C" fn tls12_d2i_X509(px: *mut *mut X509, in_: *mut *const c_uchar, len: c_long) -> *mut X509 {
    guard(ptr::null_mut(), || {
        // SAFETY: `in_` is valid for one read when not NULL.
        let start = if in_.is_null() { ptr::null() } else { unsafe { *in_ } };
        let len = c_int::try_from(len).unwrap_or(-1);
        // SAFETY: the caller promises `len` readable bytes at `*in_`.
        let Some(data) = (unsafe { super::bytes(start, len, "in") }) else {
            return ptr::null_mut();
        };
        let parsed = Certificate::encoded_len(data)
            .and_then(|n| X509::parse(CertificateDer::from(data[..n].to_vec())).map(|x| (n, x)));
        match parsed {
            Ok((n, x)) => {
                // SAFETY: `in_` is non-NULL here (a NULL one gave no data) and `n` is
                // within the `len` bytes at `*in_`.
                unsafe { *in_ = start.add(n) };
                // SAFETY: as promised by the caller.
                unsafe { pem::store_out(px, arc_into_ptr(x)) }
            }
            Err(e) => {
                err::push_error(&e);
                ptr::null_mut()
            }
        }
    })
}

/// Reads the next PEM certificate from `input` for `func`, as [`pem::read`] does.
///
/// # Safety
/// As for [`pem::read`].
unsafe fn read_pem(input: Input, x: *mut *mut X509, func: &str) -> *mut X509 {
    let make = |block: crate::pem::Block| X509::parse(CertificateDer::from(block.der.to_vec())).map(arc_into_ptr);
    // SAFETY: as the caller promises.
    unsafe { pem::read(input, x, keys::CERT_LABELS, func, make) }
}

/// `PEM_read_bio_X509`: reads the next PEM certificate from `bp` (consuming the input
/// through its END line). Returns it (also in `*x` if `x` is not NULL), or NULL with
/// an error entry; at the end of the input the entry is PEM's "no start line"
/// (`ERR_GET_REASON` = `PEM_R_NO_START_LINE`). `cb` and `u` are not used
/// (certificates are not encrypted).
///
/// # Safety
/// `bp` is NULL or a live BIO; `x` is NULL or points to NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_bio_X509(
    bp: *mut bio::Bio,
    x: *mut *mut X509,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut X509 {
    guard(ptr::null_mut(), || {
        let _ = (cb, u);
        // SAFETY: as promised by the caller.
        unsafe { read_pem(Input::Bio(bp), x, "PEM_read_bio_X509") }
    })
}

/// `PEM_read_X509`: as `PEM_read_bio_X509`, reading from the stdio stream `fp`.
///
/// # Safety
/// `fp` is NULL or an open `FILE *`; `x` as for `PEM_read_bio_X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_read_X509(
    fp: *mut libc::FILE,
    x: *mut *mut X509,
    cb: PemPasswordCallback,
    u: *mut c_void,
) -> *mut X509 {
    guard(ptr::null_mut(), || {
        let _ = (cb, u);
        // SAFETY: as promised by the caller.
        unsafe { read_pem(Input::Stream(fp), x, "PEM_read_X509") }
    })
}

/// `PEM_write_bio_X509`: writes `x` to `bp` as a PEM CERTIFICATE block. Returns 1, or
/// 0 on failure.
///
/// # Safety
/// `bp` is NULL or a live BIO; `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_write_bio_X509(bp: *mut bio::Bio, x: *const X509) -> c_int {
    // SAFETY: as promised by the caller.
    guard(0, || unsafe { write_pem(Output::Bio(bp), x) })
}

/// `PEM_write_X509`: writes `x` to the stdio stream `fp` as PEM. Returns 1, or 0.
///
/// # Safety
/// `fp` is NULL or an open `FILE *`; `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_PEM_write_X509(fp: *mut libc::FILE, x: *const X509) -> c_int {
    // SAFETY: as promised by the caller.
    guard(0, || unsafe { write_pem(Output::Stream(fp), x) })
}

/// Writes `x` to `output` as a PEM CERTIFICATE block: 1, or 0 on failure.
///
/// # Safety
/// `output` holds NULL, an open `FILE *` or a live BIO; `x` is NULL or a live `X509`.
unsafe fn write_pem(output: Output, x: *const X509) -> c_int {
    // SAFETY: as promised by the caller.
    match unsafe { cert_arg(x) } {
        // SAFETY: as promised by the caller.
        Some(cert) => unsafe { pem::write(output, &crate::pem::encode(keys::CERT_LABELS[0], cert.der())) },
        None => 0,
    }
}

/// Defines the exported getters of a certificate's names.
macro_rules! name_getters {
    ($($(#[$doc:meta])* $fn_name:ident => $field:ident;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// `x` is NULL or a live `X509`.
            #[no_mangle]
            pub unsafe extern "C" fn $fn_name(x: *const X509) -> *mut X509Name {
                guard(ptr::null_mut(), || {
                    // SAFETY: as promised by the caller.
                    unsafe { cert_arg(x) }.map_or(ptr::null_mut(), |c| (&c.$field as *const X509Name).cast_mut())
                })
            }
        )*
    };
}

name_getters! {
    /// `X509_get_subject_name`: the subject's name, owned by `x` (do not free it).
    tls12_X509_get_subject_name => subject;
    /// `X509_get_issuer_name`: the issuer's name, owned by `x` (do not free it).
    tls12_X509_get_issuer_name => issuer;
}

/// Defines the exported getters of a certificate's validity.
macro_rules! time_getters {
    ($($(#[$doc:meta])* $fn_name:ident => $field:ident;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// `x` is NULL or a live `X509`.
            #[no_mangle]
            pub unsafe extern "C" fn $fn_name(x: *const X509) -> *const Asn1Time {
                guard(ptr::null(), || {
                    // SAFETY: as promised by the caller.
                    unsafe { cert_arg(x) }.map_or(ptr::null(), |c| &c.$field as *const Asn1Time)
                })
            }
        )*
    };
}

time_getters! {
    /// `X509_get0_notBefore`: the start of the validity period, owned by `x`.
    tls12_X509_get0_notBefore => not_before;
    /// `X509_get0_notAfter`: the end of the validity period, owned by `x`.
    tls12_X509_get0_notAfter => not_after;
}

/// `X509_get_serialNumber`: the serial number, owned by `x`.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_get_serialNumber(x: *mut X509) -> *mut Asn1Integer {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        unsafe { cert_arg(x) }.map_or(ptr::null_mut(), |c| (&c.serial as *const Asn1Integer).cast_mut())
    })
}

/// `X509_get0_serialNumber`: the serial number, owned by `x`.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_get0_serialNumber(x: *const X509) -> *const Asn1Integer {
    // SAFETY: as promised by the caller.
    guard(ptr::null(), || unsafe { tls12_X509_get_serialNumber(x.cast_mut()) }.cast_const())
}

/// `X509_get_version`: the version field (0 for v1, 2 for v3), or -1 for NULL.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_get_version(x: *const X509) -> c_long {
    // SAFETY: as promised by the caller.
    guard(-1, || unsafe { cert_arg(x) }.map_or(-1, |c| c_long::from(c.cert.version)))
}

/// `X509_check_ca`: whether the certificate may issue certificates: 1 when
/// basicConstraints says cA (0 when it says not), and without basicConstraints 3 for a
/// self-issued v1 certificate, 4 when keyUsage is present, 5 when the Netscape
/// certificate type names a CA; otherwise 0. A keyUsage without keyCertSign gives 0.
///
/// # Safety
/// `x` is NULL or a live `X509`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_check_ca(x: *const X509) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let Some(c) = (unsafe { cert_arg(x) }) else {
            return 0;
        };
        let Ok(fields) = crate::x509::parse_certificate(c.der()) else {
            return 0;
        };
        match fields.ca_basis() {
            Some(CaBasis::BasicConstraints) => 1,
            Some(CaBasis::SelfIssuedV1) => 3,
            Some(CaBasis::KeyUsage) => 4,
            Some(CaBasis::NetscapeCertType) => 5,
            None => 0,
        }
    })
}

/// OpenSSL's `NID_subject_alt_name`.
const NID_SUBJECT_ALT_NAME: c_int = 85;
/// OpenSSL's `NID_crl_distribution_points`.
const NID_CRL_DISTRIBUTION_POINTS: c_int = 103;
/// OpenSSL's `NID_ad_OCSP`.
const NID_AD_OCSP: c_int = 178;
/// OpenSSL's `NID_ad_ca_issuers`.
const NID_AD_CA_ISSUERS: c_int = 179;

/// `X509_get0_general_name` (this library's own: OpenSSL decodes these extensions
/// with `X509_get_ext_d2i` into structures this library does not have): the `idx`th
/// (from 0) name of one list of the certificate, chosen by `nid`:
/// `NID_subject_alt_name` (85) the subjectAltName names, `NID_ad_OCSP` (178) the OCSP
/// responders and `NID_ad_ca_issuers` (179) the CA issuers of authorityInfoAccess,
/// `NID_crl_distribution_points` (103) the full names of the CRL distribution points.
/// Stores a pointer to the value (owned by `x`) in `*data` and its length in `*len`:
/// the text of an email address, DNS name or URI, the 4 or 16 bytes of an IP address,
/// the dotted text of a registered ID, the DER Name of a directory name, the encoded
/// content of the other kinds. Returns the kind (`GEN_EMAIL` 1, `GEN_DNS` 2,
/// `GEN_DIRNAME` 4, `GEN_URI` 6, `GEN_IPADD` 7, `GEN_RID` 8; 0, 3 and 5 for otherName,
/// x400Address and ediPartyName), or -1 past the end of the list (no error entry) or
/// for NULL or an unknown `nid` (with an error entry).
///
/// # Safety
/// `x` is NULL or a live `X509`; `data` and `len` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_get0_general_name(
    x: *const X509,
    nid: c_int,
    idx: c_int,
    data: *mut *const c_uchar,
    len: *mut c_int,
) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(c) = (unsafe { cert_arg(x) }) else {
            return -1;
        };
        let list: &[GeneralName] = match nid {
            NID_SUBJECT_ALT_NAME => &c.cert.alt_names,
            NID_AD_OCSP => &c.cert.ocsp,
            NID_AD_CA_ISSUERS => &c.cert.ca_issuers,
            NID_CRL_DISTRIBUTION_POINTS => &c.cert.crl_points,
            _ => {
                err::push(Reason::BAD_VALUE, format!("X509_get0_general_name: no list of names for NID {nid}"));
                return -1;
            }
        };
        let Some(name) = usize::try_from(idx).ok().and_then(|i| list.get(i)) else {
            return -1;
        };
        // SAFETY: as promised by the caller, each is NULL or writable.
        unsafe {
            if let Some(d) = data.as_mut() {
                *d = name.value.as_ptr();
            }
            if let Some(l) = len.as_mut() {
                *l = c_int::try_from(name.value.len()).unwrap_or(c_int::MAX);
            }
        }
        c_int::from(name.kind)
    })
}

/// `ASN1_INTEGER_get`: the value as a `long`; -1 when it does not fit, 0 for NULL.
///
/// # Safety
/// `a` is NULL or a live `ASN1_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ASN1_INTEGER_get(a: *const Asn1Integer) -> c_long {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let Some(a) = (unsafe { a.as_ref() }) else {
            return 0;
        };
        crate::x509::integer_value(a.negative, &a.magnitude).and_then(|v| c_long::try_from(v).ok()).unwrap_or(-1)
    })
}

/// `i2a_ASN1_INTEGER`: writes the value to `bp` in hexadecimal as OpenSSL does (two
/// upper-case digits a byte, `-` before a negative value, `00` for zero, a backslash
/// and newline every 35 bytes). Returns the number of characters written, or -1.
///
/// # Safety
/// `bp` is NULL or a live BIO; `a` is NULL or a live `ASN1_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn tls12_i2a_ASN1_INTEGER(bp: *mut bio::Bio, a: *const Asn1Integer) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let (Some(b), Some(a)) = (unsafe { bio::from_ptr(bp) }, unsafe { a.as_ref() }) else {
            null_arg(if bp.is_null() { "bp" } else { "a" });
            return -1;
        };
        match b.write_all(crate::x509::integer_hex(a.negative, &a.magnitude).as_bytes()) {
            bio::IoResult::Done(n) => c_int::try_from(n).unwrap_or(c_int::MAX),
            _ => -1,
        }
    })
}

/// Borrows a time from C, pushing an error entry for NULL.
///
/// # Safety
/// `tm` is NULL or a live `ASN1_TIME` (its `X509` holds a reference).
unsafe fn time_arg<'a>(tm: *const Asn1Time) -> Option<&'a crate::x509::Time> {
    // SAFETY: as promised by the caller.
    let t = unsafe { tm.as_ref() }.map(|t| &t.time);
    if t.is_none() {
        null_arg("tm");
    }
    t
}

/// `ASN1_TIME_print`: writes the time to `bp` as OpenSSL does: `Nov  2 13:00:19 2026 GMT`.
/// Returns 1, or 0 on failure.
///
/// # Safety
/// `bp` is NULL or a live BIO; `tm` is NULL or a live `ASN1_TIME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ASN1_TIME_print(bp: *mut bio::Bio, tm: *const Asn1Time) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let (Some(b), Some(t)) = (unsafe { bio::from_ptr(bp) }, unsafe { time_arg(tm) }) else {
            if bp.is_null() {
                null_arg("bp");
            }
            return 0;
        };
        c_int::from(matches!(b.write_all(t.openssl_text().as_bytes()), bio::IoResult::Done(_)))
    })
}

/// `X509_cmp_current_time`: -1 if the time is before now, 1 if it is after, 0 on
/// failure.
///
/// # Safety
/// `tm` is NULL or a live `ASN1_TIME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_cmp_current_time(tm: *const Asn1Time) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        let Some(t) = (unsafe { time_arg(tm) }) else {
            return 0;
        };
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        if t.unix <= i64::try_from(now).unwrap_or(i64::MAX) {
            -1
        } else {
            1
        }
    })
}

/// `X509_NAME_oneline`: the name as `/C=XX/O=Org/CN=name`. With `buf` NULL the text
/// is returned in a new buffer (free it with `OPENSSL_free`); otherwise at most `size`
/// bytes including the NUL are written to `buf` (entries that do not fit are left
/// out) and `buf` is returned. NULL on failure.
///
/// # Safety
/// `a` is NULL or a live `X509_NAME`; `buf` is NULL or has `size` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_oneline(a: *const X509Name, buf: *mut c_char, size: c_int) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let text = match unsafe { a.as_ref() } {
            Some(n) if buf.is_null() => name_text::oneline(&n.name, None),
            Some(n) => name_text::oneline(&n.name, usize::try_from(size).ok().and_then(|s| s.checked_sub(1))),
            None => b"NO X509_NAME".to_vec(),
        };
        if buf.is_null() {
            return malloc_c_string(&text);
        }
        match usize::try_from(size) {
            // SAFETY: `buf` has `size` writable bytes.
            Ok(size) if size > 0 => {
                unsafe { copy_to_c_buf(&text, buf, size) };
                buf
            }
            _ => {
                err::push(Reason::BAD_VALUE, "X509_NAME_oneline: the buffer size is not positive");
                ptr::null_mut()
            }
        }
    })
}

/// `X509_NAME_get_text_by_NID`: copies the value of the first attribute of type `nid`
/// (`NID_commonName` ...) into `buf` (at most `len - 1` bytes and a NUL). Returns the
/// number of bytes copied (with `buf` NULL: the value's length), or -1 if the name has
/// no such attribute.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`; `buf` is NULL or has `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_get_text_by_NID(
    name: *const X509Name,
    nid: c_int,
    buf: *mut c_char,
    len: c_int,
) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(entry) = (unsafe { name_arg(name) }).and_then(|n| n.first_by_nid(nid)) else {
            return -1;
        };
        let value = &entry.value;
        if buf.is_null() {
            return c_int::try_from(value.len()).unwrap_or(c_int::MAX);
        }
        let Some(room) = usize::try_from(len).ok().filter(|&l| l > 0) else {
            return 0;
        };
        // SAFETY: `buf` has `len` writable bytes.
        unsafe { copy_to_c_buf(value, buf, room) };
        c_int::try_from(value.len().min(room - 1)).unwrap_or(c_int::MAX)
    })
}

/// `X509_NAME_entry_count`: the number of attributes in the name (0 for NULL).
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_entry_count(name: *const X509Name) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { name.as_ref() }.map_or(0, |n| c_int::try_from(n.name.entries.len()).unwrap_or(c_int::MAX))
    })
}

/// `X509_NAME_get_index_by_NID`: the position of the next attribute of type `nid` after
/// `lastpos` (-1: from the start), or -1 when there is none.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_get_index_by_NID(name: *const X509Name, nid: c_int, lastpos: c_int) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(n) = (unsafe { name.as_ref() }) else {
            null_arg("name");
            return -1;
        };
        let start = usize::try_from(lastpos.saturating_add(1)).unwrap_or(0);
        let found = n.entries.iter().enumerate().skip(start).find(|(_, e)| e.nid == nid && nid != 0);
        found.map_or(-1, |(i, _)| c_int::try_from(i).unwrap_or(-1))
    })
}

/// `X509_NAME_get_entry`: the attribute at position `loc` (owned by the name), or NULL.
///
/// # Safety
/// `name` is NULL or a live `X509_NAME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_get_entry(name: *const X509Name, loc: c_int) -> *mut X509NameEntry {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let entry = unsafe { name.as_ref() }.and_then(|n| n.entries.get(usize::try_from(loc).ok()?));
        entry.map_or(ptr::null_mut(), |e| (e as *const X509NameEntry).cast_mut())
    })
}

/// `X509_NAME_ENTRY_get_data`: the attribute's value (owned by the entry), or NULL.
///
/// # Safety
/// `ne` is NULL or a live `X509_NAME_ENTRY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_ENTRY_get_data(ne: *const X509NameEntry) -> *mut Asn1String {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        unsafe { ne.as_ref() }.map_or(ptr::null_mut(), |e| (&e.data as *const Asn1String).cast_mut())
    })
}

/// `X509_NAME_ENTRY_get_object`: the attribute's type (owned by the entry), or NULL.
///
/// # Safety
/// `ne` is NULL or a live `X509_NAME_ENTRY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_ENTRY_get_object(ne: *const X509NameEntry) -> *mut Asn1Object {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        unsafe { ne.as_ref() }.map_or(ptr::null_mut(), |e| (&e.object as *const Asn1Object).cast_mut())
    })
}

/// `X509_NAME_ENTRY_set`: the index of the entry's RDN in its name (entries of a
/// multi-valued RDN share it); -1 for NULL.
///
/// # Safety
/// `ne` is NULL or a live `X509_NAME_ENTRY`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_ENTRY_set(ne: *const X509NameEntry) -> c_int {
    // SAFETY: as promised by the caller.
    guard(-1, || unsafe { ne.as_ref() }.map_or(-1, |e| e.set))
}

/// Borrows a string from C, pushing an error entry for NULL.
///
/// # Safety
/// `x` is NULL or a live `ASN1_STRING`.
unsafe fn string_arg<'a>(x: *const Asn1String) -> Option<&'a Asn1String> {
    // SAFETY: as promised by the caller.
    let s = unsafe { x.as_ref() };
    if s.is_none() {
        null_arg("x");
    }
    s
}

/// `ASN1_STRING_get0_data`: the string's bytes as encoded (followed by a NUL that is
/// not counted by `ASN1_STRING_length`), or NULL.
///
/// # Safety
/// `x` is NULL or a live `ASN1_STRING`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ASN1_STRING_get0_data(x: *const Asn1String) -> *const c_uchar {
    // SAFETY: as promised by the caller.
    guard(ptr::null(), || unsafe { string_arg(x) }.map_or(ptr::null(), |s| s.bytes.as_ptr()))
}

/// `ASN1_STRING_length`: the number of bytes in the string (0 for NULL).
///
/// # Safety
/// `x` is NULL or a live `ASN1_STRING`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ASN1_STRING_length(x: *const Asn1String) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { string_arg(x) }.map_or(0, |s| c_int::try_from(s.value().len()).unwrap_or(c_int::MAX))
    })
}

/// `ASN1_STRING_type`: the string type (`V_ASN1_UTF8STRING` 12, `V_ASN1_PRINTABLESTRING`
/// 19, `V_ASN1_IA5STRING` 22, `V_ASN1_BMPSTRING` 30 ...), or 0 for NULL.
///
/// # Safety
/// `x` is NULL or a live `ASN1_STRING`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ASN1_STRING_type(x: *const Asn1String) -> c_int {
    // SAFETY: as promised by the caller.
    guard(0, || unsafe { string_arg(x) }.map_or(0, |s| c_int::from(s.tag)))
}

/// `ASN1_STRING_to_UTF8`: the string converted to UTF-8 in a new NUL-terminated buffer
/// stored in `*out` (free it with `OPENSSL_free`). Returns its length, or -1.
///
/// # Safety
/// `out` is NULL or valid for one pointer write; `in_` is NULL or a live `ASN1_STRING`.
#[no_mangle]
pub unsafe extern "C" fn tls12_ASN1_STRING_to_UTF8(out: *mut *mut c_uchar, in_: *const Asn1String) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(s) = (unsafe { string_arg(in_) }) else {
            return -1;
        };
        if out.is_null() {
            null_arg("out");
            return -1;
        }
        let entry =
            NameEntry { oid: Vec::new(), string_tag: s.tag, value: s.value().to_vec(), same_rdn_as_previous: false };
        let Some(text) = entry.utf8_value() else {
            err::push(Reason::BAD_VALUE, "ASN1_STRING_to_UTF8: the string cannot be read as text");
            return -1;
        };
        let p = malloc_c_string(text.as_bytes());
        if p.is_null() {
            return -1;
        }
        // SAFETY: `out` is valid for one pointer write.
        unsafe { *out = p.cast() };
        c_int::try_from(text.len()).unwrap_or(c_int::MAX)
    })
}

const ESC_2253: c_ulong = 0x01;
const ESC_CTRL: c_ulong = 0x02;
const ESC_MSB: c_ulong = 0x04;
const ESC_QUOTE: c_ulong = 0x08;
const UTF8_CONVERT: c_ulong = 0x10;
const DUMP_ALL: c_ulong = 0x80;
const DUMP_UNKNOWN: c_ulong = 0x100;
const DUMP_DER: c_ulong = 0x200;
const SEP_MASK: c_ulong = 0xf << 16;
const SEP_COMMA_PLUS: c_ulong = 1 << 16;
const SEP_CPLUS_SPC: c_ulong = 2 << 16;
const SEP_SPLUS_SPC: c_ulong = 3 << 16;
const SEP_MULTILINE: c_ulong = 4 << 16;
const DN_REV: c_ulong = 1 << 20;
const FN_MASK: c_ulong = 0x3 << 21;
const FN_LN: c_ulong = 1 << 21;
const FN_OID: c_ulong = 2 << 21;
const FN_NONE: c_ulong = 3 << 21;
const SPC_EQ: c_ulong = 1 << 23;
const DUMP_UNKNOWN_FIELDS: c_ulong = 1 << 24;
const FN_ALIGN: c_ulong = 1 << 25;

/// `X509_NAME_print_ex`'s flag bits (`XN_FLAG_*` and `ASN1_STRFLGS_*`) other than
/// `XN_FLAG_COMPAT` as a [`NameFormat`], or `None` for an unknown separator choice.
fn name_format(flags: c_ulong, indent: usize) -> Option<NameFormat> {
    let separators = match flags & SEP_MASK {
        SEP_COMMA_PLUS => Separators::CommaPlus,
        SEP_CPLUS_SPC => Separators::CommaPlusSpaced,
        SEP_SPLUS_SPC => Separators::SemicolonPlusSpaced,
        SEP_MULTILINE => Separators::Multiline,
        _ => return None,
    };
    let field_names = match flags & FN_MASK {
        FN_LN => FieldNames::Long,
        FN_OID => FieldNames::Oid,
        FN_NONE => FieldNames::None,
        _ => FieldNames::Short,
    };
    let set = |bit: c_ulong| flags & bit != 0;
    Some(NameFormat {
        escapes: Escapes {
            rfc2253: set(ESC_2253),
            control: set(ESC_CTRL),
            high_bytes: set(ESC_MSB),
            quote: set(ESC_QUOTE),
        },
        utf8: set(UTF8_CONVERT),
        dumps: Dumps {
            all: set(DUMP_ALL),
            non_strings: set(DUMP_UNKNOWN),
            unknown_fields: set(DUMP_UNKNOWN_FIELDS),
            der: set(DUMP_DER),
        },
        separators,
        reverse: set(DN_REV),
        field_names,
        spaced_equals: set(SPC_EQ),
        align: set(FN_ALIGN),
        indent,
    })
}

/// `X509_NAME_print_ex`: writes `nm` to `out` in the form `flags` selects:
/// `XN_FLAG_ONELINE` (`C = XX, O = Org, CN = name`), `XN_FLAG_RFC2253`
/// (`CN=name,O=Org,C=XX`), `XN_FLAG_MULTILINE`, other combinations of the `XN_FLAG_*`
/// and `ASN1_STRFLGS_*` bits, or 0 (`XN_FLAG_COMPAT`: `C=XX, O=Org, CN=name`),
/// indented by `indent` spaces (not in the compat form). Returns the number of bytes
/// written (1 for the compat form), or -1 (0 for compat) on failure.
///
/// # Safety
/// `out` is NULL or a live BIO; `nm` is NULL or a live `X509_NAME`.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_NAME_print_ex(
    out: *mut bio::Bio,
    nm: *const X509Name,
    indent: c_int,
    flags: c_ulong,
) -> c_int {
    let failed = if flags == 0 { 0 } else { -1 };
    guard(failed, || {
        // SAFETY: as promised by the caller.
        let (Some(b), Some(name)) = (unsafe { bio::from_ptr(out) }, unsafe { name_arg(nm) }) else {
            if out.is_null() {
                null_arg("out");
            }
            return failed;
        };
        let text = if flags == 0 {
            name_text::compat(name)
        } else {
            let Some(format) = name_format(flags, usize::try_from(indent).unwrap_or(0)) else {
                err::push(Reason::BAD_VALUE, format!("X509_NAME_print_ex: unsupported flags {flags:#x}"));
                return failed;
            };
            name_text::print(name, &format)
        };
        match b.write_all(&text) {
            bio::IoResult::Done(n) if flags == 0 => c_int::from(n == text.len()),
            bio::IoResult::Done(n) => c_int::try_from(n).unwrap_or(c_int::MAX),
            _ => failed,
        }
    })
}

/// `X509_check_host`: whether the certificate is for the host name `chk` (`chklen`
/// bytes, or a NUL-terminated string if `chklen` is 0): its subjectAltName DNS names,
/// or its subject's common name when it has none; a `*` in the leftmost label of a
/// certificate name stands for one label. `flags` are `X509_CHECK_FLAG_*`
/// (`ALWAYS_CHECK_SUBJECT`, `NO_WILDCARDS`, `NO_PARTIAL_WILDCARDS`,
/// `NEVER_CHECK_SUBJECT`). On a match `*peername` (if `peername` is not NULL) gets a
/// copy of the certificate's name (free it with `OPENSSL_free`). Returns 1 for a match,
/// 0 for none, -2 for a malformed name, -1 on failure.
///
/// # Safety
/// `x` is NULL or a live `X509`; `chk` points to `chklen` bytes (a NUL-terminated
/// string when `chklen` is 0); `peername` is NULL or valid for one pointer write.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_check_host(
    x: *const X509,
    chk: *const c_char,
    chklen: usize,
    flags: c_uint,
    peername: *mut *mut c_char,
) -> c_int {
    guard(-1, || {
        // SAFETY: as promised by the caller.
        let Some(cert) = (unsafe { cert_arg(x) }) else {
            return -1;
        };
        let name: &[u8] = if chklen == 0 {
            // SAFETY: a NUL-terminated string when `chklen` is 0.
            match unsafe { super::c_str(chk, "chk") } {
                Some(s) => s.as_bytes(),
                None => return -2,
            }
        } else {
            // SAFETY: `chk` points to `chklen` readable bytes.
            match unsafe { super::bytes(chk.cast(), c_int::try_from(chklen).unwrap_or(-1), "chk") } {
                Some(b) => b.strip_suffix(&[0]).unwrap_or(b),
                None => return -2,
            }
        };
        let Some(host) = std::str::from_utf8(name).ok().filter(|h| !h.is_empty() && !h.contains('\0')) else {
            return -2;
        };
        let Some(matched) = verify::match_host(&cert.cert, host, host_flags(flags)) else {
            return 0;
        };
        if !peername.is_null() {
            let copy = malloc_c_string(matched.as_bytes());
            if copy.is_null() {
                return -1;
            }
            // SAFETY: `peername` is valid for one pointer write.
            unsafe { *peername = copy };
        }
        1
    })
}

/// `X509_check_ip`: whether the certificate's subjectAltName lists the IP address of
/// `chklen` bytes at `chk` (4 for IPv4, 16 for IPv6). Returns 1, 0, or -2 for a
/// malformed address.
///
/// # Safety
/// `x` is NULL or a live `X509`; `chk` points to `chklen` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_check_ip(
    x: *const X509,
    chk: *const c_uchar,
    chklen: usize,
    flags: c_uint,
) -> c_int {
    guard(-1, || {
        let _ = flags;
        // SAFETY: as promised by the caller.
        let Some(cert) = (unsafe { cert_arg(x) }) else {
            return -1;
        };
        // SAFETY: `chk` points to `chklen` readable bytes.
        match unsafe { super::bytes(chk, c_int::try_from(chklen).unwrap_or(-1), "chk") } {
            Some(ip) if ip.len() == 4 || ip.len() == 16 => c_int::from(verify::matches_ip(&cert.cert, ip)),
            _ => -2,
        }
    })
}

/// `X509_check_ip_asc`: as `X509_check_ip` with the address as text ("192.0.2.1",
/// "2001:db8::1"). Returns 1, 0, or -2 when `address` is not an IP address.
///
/// # Safety
/// `x` is NULL or a live `X509`; `address` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_check_ip_asc(x: *const X509, address: *const c_char, flags: c_uint) -> c_int {
    guard(-1, || {
        let _ = flags;
        // SAFETY: as promised by the caller.
        let (Some(cert), Some(text)) = (unsafe { cert_arg(x) }, unsafe { super::c_str(address, "address") }) else {
            return -2;
        };
        verify::matches_ip_text(&cert.cert, text).map_or(-2, c_int::from)
    })
}

/// `X509_verify_cert_error_string`: OpenSSL's text for an `X509_V_*` code, such as
/// "certificate has expired". The text is static.
#[no_mangle]
#[allow(clippy::useless_conversion)] // `long` is 32 bits on some platforms.
pub extern "C" fn tls12_X509_verify_cert_error_string(n: c_long) -> *const c_char {
    guard(ptr::null(), || intern(crate::capi::verify_code::verify_code_text(i64::from(n))))
}

pub use super::stack::X509Stack;

/// Frees one certificate reference held by a stack.
///
/// # Safety
/// `p` is an `X509` whose reference the stack gives up.
unsafe fn release_x509(p: *mut c_void) {
    // SAFETY: as promised by the caller.
    unsafe { arc_release(p.cast::<X509>()) }
}

/// Frees a stack-owned `X509_NAME` (see [`tls12_X509_NAME_free`]).
///
/// # Safety
/// `p` is an `X509_NAME` the stack owns.
pub(crate) unsafe fn free_name(p: *mut c_void) {
    // SAFETY: as promised by the caller.
    unsafe { tls12_X509_NAME_free(p.cast()) }
}

/// A new stack holding the certificates of `chain` (leaf first) that can be read,
/// owned by the caller (release it with [`stack_free`]).
pub(crate) fn stack_from_chain(chain: &[CertificateDer<'static>]) -> *mut X509Stack {
    OpensslStack::into_ptr(readable(chain), Some(release_x509))
}

/// New `X509` references for the certificates of `certs` that can be read.
fn readable(certs: &[CertificateDer<'static>]) -> Vec<*mut c_void> {
    certs.iter().map(|c| x509_from_der(c.clone())).filter(|p| !p.is_null()).map(|p| p.cast()).collect()
}

/// A new stack holding the certificates of `certs` that can be read, for C to free
/// with `sk_X509_pop_free(sk, X509_free)`.
pub(crate) fn caller_owned_stack(certs: &[CertificateDer<'static>]) -> *mut X509Stack {
    OpensslStack::into_ptr(readable(certs), None)
}

/// Frees a stack made by [`stack_from_chain`] and its references (NULL is ignored).
///
/// # Safety
/// `p` is NULL or came from [`stack_from_chain`] and is not used afterwards.
pub(crate) unsafe fn stack_free(p: *mut X509Stack) {
    // SAFETY: as promised by the caller.
    unsafe { super::stack::release(p) }
}

/// A new stack of owned `X509_NAME`s parsed from the DER `names` (those that cannot
/// be read are left out), freeing them when the library drops it (`owned`) or left to
/// the caller.
pub(crate) fn name_stack(names: &[Vec<u8>], owned: bool) -> *mut X509NameStack {
    let items = names.iter().filter_map(|der| Name::from_der(der).ok()).map(|n| X509Name::boxed(n).cast()).collect();
    OpensslStack::into_ptr(items, owned.then_some(free_name as ElementFree))
}

/// The `X509_STORE_CTX` a verify callback receives: the connection, the verification
/// result so far, and the certificate it is about. Made by the SSL layer for the
/// duration of the callback.
pub struct X509StoreCtx {
    /// The `SSL *` being verified (`X509_STORE_CTX_get_ex_data` with
    /// `SSL_get_ex_data_X509_STORE_CTX_idx()`).
    pub(crate) ssl: *mut c_void,
    /// The `X509_V_*` code (the callback may change it with `X509_STORE_CTX_set_error`).
    pub(crate) error: i64,
    /// The depth of `cert` in the chain (0 = the peer's own certificate).
    pub(crate) depth: i32,
    /// The certificate at `depth` (borrowed; may be NULL).
    pub(crate) cert: *mut X509,
}

/// The ex_data index under which an `X509_STORE_CTX` holds its `SSL`.
const SSL_EX_DATA_INDEX: c_int = 0;

/// Borrows a store context from C, pushing an error entry for NULL.
///
/// # Safety
/// `ctx` is NULL or a live `X509_STORE_CTX` from the SSL layer.
unsafe fn store_arg<'a>(ctx: *const X509StoreCtx) -> Option<&'a X509StoreCtx> {
    // SAFETY: as promised by the caller.
    let c = unsafe { ctx.as_ref() };
    if c.is_none() {
        null_arg("ctx");
    }
    c
}

/// `X509_STORE_CTX_get_error`: the `X509_V_*` code of the verification so far.
///
/// # Safety
/// `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_CTX_get_error(ctx: *const X509StoreCtx) -> c_int {
    guard(0, || {
        // SAFETY: as promised by the caller.
        unsafe { store_arg(ctx) }.map_or(0, |c| c_int::try_from(c.error).unwrap_or(c_int::MAX))
    })
}

/// `X509_STORE_CTX_set_error`: changes the `X509_V_*` code (what the connection's
/// verify result becomes).
///
/// # Safety
/// `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_CTX_set_error(ctx: *mut X509StoreCtx, s: c_int) {
    guard((), || {
        // SAFETY: as promised by the caller; the SSL layer gives the callback the only
        // pointer to the context, so nothing else uses it during this call.
        match unsafe { ctx.as_mut() } {
            Some(c) => c.error = i64::from(s),
            None => null_arg("ctx"),
        }
    })
}

/// `X509_STORE_CTX_get_error_depth`: the depth of the certificate the callback is
/// about (0 = the peer's own).
///
/// # Safety
/// `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_CTX_get_error_depth(ctx: *const X509StoreCtx) -> c_int {
    // SAFETY: as promised by the caller.
    guard(0, || unsafe { store_arg(ctx) }.map_or(0, |c| c.depth))
}

/// `X509_STORE_CTX_get_current_cert`: the certificate the callback is about
/// (borrowed: do not free it), or NULL.
///
/// # Safety
/// `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_CTX_get_current_cert(ctx: *const X509StoreCtx) -> *mut X509 {
    // SAFETY: as promised by the caller.
    guard(ptr::null_mut(), || unsafe { store_arg(ctx) }.map_or(ptr::null_mut(), |c| c.cert))
}

/// `X509_STORE_CTX_get_ex_data`: with `SSL_get_ex_data_X509_STORE_CTX_idx()` the
/// `SSL *` being verified; NULL for other indexes.
///
/// # Safety
/// `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
#[no_mangle]
pub unsafe extern "C" fn tls12_X509_STORE_CTX_get_ex_data(ctx: *const X509StoreCtx, idx: c_int) -> *mut c_void {
    guard(ptr::null_mut(), || {
        // SAFETY: as promised by the caller.
        let c = unsafe { store_arg(ctx) };
        c.filter(|_| idx == SSL_EX_DATA_INDEX).map_or(ptr::null_mut(), |c| c.ssl)
    })
}

/// `SSL_get_ex_data_X509_STORE_CTX_idx`: the index under which a verify callback's
/// `X509_STORE_CTX` holds the `SSL *`.
#[no_mangle]
pub extern "C" fn tls12_SSL_get_ex_data_X509_STORE_CTX_idx() -> c_int {
    guard(-1, || SSL_EX_DATA_INDEX)
}

#[cfg(test)]
mod tests {
    use super::super::stack::{tls12_OPENSSL_sk_num, tls12_OPENSSL_sk_value};
    use super::*;
    use crate::x509::test_pki::TestCert;

    const XN_FLAG_RFC2253: c_ulong = 0x317 | SEP_COMMA_PLUS | DN_REV | DUMP_UNKNOWN_FIELDS;
    const XN_FLAG_ONELINE: c_ulong = 0x317 | ESC_QUOTE | SEP_CPLUS_SPC | SPC_EQ;
    const XN_FLAG_MULTILINE: c_ulong = ESC_CTRL | ESC_MSB | SEP_MULTILINE | SPC_EQ | FN_LN | FN_ALIGN;

    /// Reads a PEM certificate through a memory BIO and `PEM_read_bio_X509`.
    fn load(pem: &str) -> *mut X509 {
        // SAFETY: the BIO and certificate pointers come from this library.
        unsafe {
            let b = bio::tls12_BIO_new_mem_buf(pem.as_ptr().cast(), pem.len() as c_int);
            let x = tls12_PEM_read_bio_X509(b, ptr::null_mut(), None, ptr::null_mut());
            assert!(!x.is_null());
            assert!(tls12_PEM_read_bio_X509(b, ptr::null_mut(), None, ptr::null_mut()).is_null());
            assert_eq!(err::tls12_ERR_get_error(), 0x0480_006C);
            bio::tls12_BIO_free(b);
            x
        }
    }

    /// What `X509_NAME_print_ex` writes for the subject of `x`.
    fn print_ex(x: *mut X509, indent: c_int, flags: c_ulong) -> Vec<u8> {
        // SAFETY: the pointers come from this library.
        unsafe {
            let b = bio::tls12_BIO_new(bio::tls12_BIO_s_mem());
            let r = tls12_X509_NAME_print_ex(b, tls12_X509_get_subject_name(x), indent, flags);
            assert!(r > 0);
            let text = mem_text(b);
            bio::tls12_BIO_free(b);
            text
        }
    }

    /// The bytes in a memory BIO.
    ///
    /// # Safety
    /// `b` is a live memory BIO from this library.
    unsafe fn mem_text(b: *mut bio::Bio) -> Vec<u8> {
        let mut p: *const c_char = ptr::null();
        // SAFETY: `b` is a live memory BIO (the caller's contract); BIO_CTRL_INFO (3)
        // stores its data pointer in `p` and returns the length, read before `b` changes.
        unsafe {
            let n = bio::tls12_BIO_ctrl(b, 3, 0, (&mut p as *mut *const c_char).cast());
            std::slice::from_raw_parts(p.cast::<u8>(), n as usize).to_vec()
        }
    }

    #[test]
    fn names_print_like_openssl() {
        let pki = TestCert::tricky();
        let x = load(&pki.pem);
        let text = |v: &[u8]| String::from_utf8_lossy(v).into_owned();
        let same = |ours: Vec<u8>, openssl: Vec<u8>| assert!(ours == openssl, "{} != {}", text(&ours), text(&openssl));
        // Each mode must print what `openssl` prints: the escaping of '#', ';', '<', '>',
        // '"', '\\', ',' and a trailing space, the '+' of the multi-valued RDN, and the
        // UTF-8 'é' as \C3\A9, \E9, \xC3\xA9 or the raw byte 0xE9.
        same(print_ex(x, 0, XN_FLAG_ONELINE), pki.subject("oneline"));
        same(print_ex(x, 0, XN_FLAG_RFC2253), pki.subject("RFC2253"));
        same(print_ex(x, 4, XN_FLAG_MULTILINE), pki.subject("multiline"));
        same(print_ex(x, 0, SEP_COMMA_PLUS), pki.subject("sep_comma_plus"));
        same(print_ex(x, 0, 0), pki.subject_compat_text());
        let entries = pki.subject_entries();
        let cn_value = entries.iter().find(|(short, _)| short == "CN").map(|(_, v)| v.as_bytes()).unwrap();
        assert_eq!(cn_value, "Café, Ltd".as_bytes());
        // SAFETY: the pointers come from this library; buffers have the sizes given.
        unsafe {
            let name = tls12_X509_get_subject_name(x);
            let line = tls12_X509_NAME_oneline(name, ptr::null_mut(), 0);
            let oneline = std::ffi::CStr::from_ptr(line).to_str().unwrap().to_string();
            assert_eq!(oneline.as_bytes(), pki.subject("compat"));
            libc::free(line.cast());
            // A short buffer holds the whole entries that fit (no value here has a '/').
            let mut small = [0 as c_char; 24];
            assert!(!tls12_X509_NAME_oneline(name, small.as_mut_ptr(), 24).is_null());
            let fits = &oneline[..oneline[..24].rfind('/').unwrap()];
            assert_eq!(std::ffi::CStr::from_ptr(small.as_ptr()).to_str().unwrap(), fits);
            let mut cn = [0 as c_char; 6];
            assert_eq!(tls12_X509_NAME_get_text_by_NID(name, 13, ptr::null_mut(), 0), 10);
            assert_eq!(tls12_X509_NAME_get_text_by_NID(name, 13, cn.as_mut_ptr(), 6), 5);
            assert_eq!(std::ffi::CStr::from_ptr(cn.as_ptr()).to_bytes(), &cn_value[..5]);
            assert_eq!(tls12_X509_NAME_get_text_by_NID(name, 100, cn.as_mut_ptr(), 6), -1);
            assert_eq!(tls12_X509_NAME_entry_count(name), 8);
            assert_eq!(entries.len(), 8);
            let idx = tls12_X509_NAME_get_index_by_NID(name, 391, -1);
            assert_eq!((idx, tls12_X509_NAME_get_index_by_NID(name, 391, idx)), (0, 1));
            assert_eq!(tls12_X509_NAME_get_index_by_NID(name, 391, 1), -1);
            let cn = tls12_X509_NAME_get_index_by_NID(name, 13, -1);
            let data = tls12_X509_NAME_ENTRY_get_data(tls12_X509_NAME_get_entry(name, cn));
            assert_eq!(tls12_ASN1_STRING_length(data), 10);
            assert_eq!(tls12_ASN1_STRING_type(data), 12);
            assert_eq!(std::ffi::CStr::from_ptr(tls12_ASN1_STRING_get0_data(data).cast()).to_bytes().len(), 10);
            let mut utf8: *mut c_uchar = ptr::null_mut();
            assert_eq!(tls12_ASN1_STRING_to_UTF8(&mut utf8, data), 10);
            assert_eq!(std::ffi::CStr::from_ptr(utf8.cast()).to_bytes(), cn_value);
            libc::free(utf8.cast());
            assert!(tls12_X509_NAME_get_entry(name, 8).is_null());
            tls12_X509_free(x);
        }
    }

    #[test]
    fn der_round_trips_and_stacks() {
        let pki = TestCert::plain();
        let x = load(&pki.pem);
        // SAFETY: the pointers come from this library; buffers have the sizes given.
        unsafe {
            let len = tls12_i2d_X509(x, ptr::null_mut());
            assert_eq!(len as usize, pki.der.len());
            let mut owned: *mut u8 = ptr::null_mut();
            assert_eq!(tls12_i2d_X509(x, &mut owned), len);
            let mut buf = vec![0u8; len as usize * 2];
            let mut out = buf.as_mut_ptr();
            assert_eq!(tls12_i2d_X509(x, &mut out), len);
            assert_eq!(out.offset_from(buf.as_ptr()), len as isize);
            assert_eq!(std::slice::from_raw_parts(owned, len as usize), &buf[..len as usize]);
            assert_eq!(&buf[..len as usize], pki.der);
            libc::free(owned.cast());
            buf.copy_within(..len as usize, len as usize);
            let mut input = buf.as_ptr();
            let mut slot: *mut X509 = ptr::null_mut();
            let y = tls12_d2i_X509(&mut slot, &mut input, c_long::from(len) * 2);
            assert_eq!(y, slot);
            assert_eq!(input.offset_from(buf.as_ptr()), len as isize);
            assert!(!tls12_d2i_X509(&mut slot, &mut input, c_long::from(len)).is_null());
            assert_ne!(slot, y);
            input = buf.as_ptr();
            assert!(tls12_d2i_X509(ptr::null_mut(), &mut input, 3).is_null());
            assert_eq!(input, buf.as_ptr());
            err::tls12_ERR_clear_error();

            let copy = tls12_X509_dup(x);
            assert_eq!(tls12_X509_cmp(x, copy), 0);
            assert_ne!(tls12_X509_cmp(x, ptr::null()), 0);
            assert_eq!(tls12_X509_NAME_cmp(tls12_X509_get_subject_name(copy), tls12_X509_get_issuer_name(x)), 0);
            tls12_X509_free(copy);

            let chain = [X509::from_ptr(x).unwrap().der().clone(), X509::from_ptr(slot).unwrap().der().clone()];
            let sk = stack_from_chain(&chain);
            assert_eq!(tls12_OPENSSL_sk_num(sk.cast_const().cast()), 2);
            assert!(!tls12_OPENSSL_sk_value(sk.cast_const().cast(), 1).is_null());
            assert!(tls12_OPENSSL_sk_value(sk.cast_const().cast(), 2).is_null());
            assert_eq!(tls12_OPENSSL_sk_num(ptr::null()), -1);
            stack_free(sk);

            let mut store = X509StoreCtx { ssl: 7usize as *mut c_void, error: 10, depth: 1, cert: x };
            assert_eq!(tls12_X509_STORE_CTX_get_error(&store), 10);
            tls12_X509_STORE_CTX_set_error(&mut store, 0);
            assert_eq!(store.error, 0);
            assert_eq!(tls12_X509_STORE_CTX_get_error_depth(&store), 1);
            assert_eq!(tls12_X509_STORE_CTX_get_current_cert(&store), x);
            let idx = tls12_SSL_get_ex_data_X509_STORE_CTX_idx();
            assert_eq!(tls12_X509_STORE_CTX_get_ex_data(&store, idx), 7usize as *mut c_void);

            let mut peer: *mut c_char = ptr::null_mut();
            assert_eq!(tls12_X509_check_host(x, c"x.test.example".as_ptr(), 0, 0, &mut peer), 1);
            assert_eq!(std::ffi::CStr::from_ptr(peer).to_str().unwrap(), "*.test.example");
            libc::free(peer.cast());
            assert_eq!(tls12_X509_check_host(x, c"test.examplez".as_ptr(), 12, 0, ptr::null_mut()), 1);
            assert_eq!(tls12_X509_check_host(x, c"other.example".as_ptr(), 0, 0, ptr::null_mut()), 0);
            assert_eq!(tls12_X509_check_host(x, b"a\0b".as_ptr().cast(), 3, 0, ptr::null_mut()), -2);
            assert_eq!(tls12_X509_check_ip_asc(x, c"127.0.0.1".as_ptr(), 0), 1);
            assert_eq!(tls12_X509_check_ip_asc(x, c"::1".as_ptr(), 0), 0);
            assert_eq!(tls12_X509_check_ip_asc(x, c"localhost".as_ptr(), 0), -2);
            assert_eq!(tls12_X509_check_ip(x, [127u8, 0, 0, 1].as_ptr(), 4, 0), 1);
            let b = bio::tls12_BIO_new(bio::tls12_BIO_s_mem());
            assert_eq!(tls12_ASN1_TIME_print(b, tls12_X509_get0_notBefore(x)), 1);
            assert_eq!(mem_text(b), pki.not_before().as_bytes());
            bio::tls12_BIO_free(b);
            let b = bio::tls12_BIO_new(bio::tls12_BIO_s_mem());
            assert_eq!(tls12_ASN1_TIME_print(b, tls12_X509_get0_notAfter(x)), 1);
            assert_eq!(mem_text(b), pki.not_after().as_bytes());
            bio::tls12_BIO_free(b);
            assert_eq!(tls12_X509_cmp_current_time(tls12_X509_get0_notAfter(x)), 1);
            assert_eq!(tls12_X509_cmp_current_time(ptr::null()), 0);
            let serial = tls12_X509_get0_serialNumber(x);
            let hex = pki.serial();
            // ASN1_INTEGER_get gives -1 for a value too large for a long (as `openssl
            // req`'s random 159-bit serial numbers are).
            assert_eq!(tls12_ASN1_INTEGER_get(serial), c_long::from_str_radix(&hex, 16).unwrap_or(-1));
            let b = bio::tls12_BIO_new(bio::tls12_BIO_s_mem());
            assert_eq!(tls12_i2a_ASN1_INTEGER(b, serial), hex.len() as c_int);
            assert_eq!(mem_text(b), hex.as_bytes());
            bio::tls12_BIO_free(b);
            assert_eq!(tls12_X509_up_ref(x), 1);
            tls12_X509_free(x);
            tls12_X509_free(x);
            // `y` was released by the second d2i_X509, which replaced it in `slot`.
            tls12_X509_free(slot);
        }
    }
}

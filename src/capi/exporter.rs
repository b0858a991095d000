//! Keying material for the application (RFC 5705) and the Finished messages for
//! channel binding (`tls-unique`, RFC 5929).

#![allow(non_snake_case)]

use super::ssl::{with_ssl, Ssl};
use super::{bytes, bytes_mut, err, null_arg};
use crate::conn::Connection;
use crate::error::Reason;
use std::ffi::{c_char, c_int, c_uchar, c_void};

/// A C length as the `c_int` the slice helpers take, with an error entry naming
/// `what` when it is too large.
fn length(len: usize, what: &str) -> Option<c_int> {
    let n = c_int::try_from(len).ok();
    if n.is_none() {
        err::push(Reason::DATA_LENGTH_TOO_LONG, format!("the length of `{what}` ({len}) is too large"));
    }
    n
}

/// `SSL_export_keying_material`: fills `out` (`olen` bytes) with keying material
/// derived from the master secret, the label (`llen` bytes, without a NUL) and, when
/// `use_context` is not 0, the context (`contextlen` bytes, possibly empty). Both ends
/// of a connection get the same bytes. Returns 1, or 0 before the handshake has
/// completed or for bad arguments.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `out`, `label` and `context` are NULL or valid for
/// the lengths given.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_export_keying_material(
    ssl: *mut Ssl,
    out: *mut c_uchar,
    olen: usize,
    label: *const c_char,
    llen: usize,
    context: *const c_uchar,
    contextlen: usize,
    use_context: c_int,
) -> c_int {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            let (Some(olen), Some(llen), Some(contextlen)) =
                (length(olen, "out"), length(llen, "label"), length(contextlen, "context"))
            else {
                return 0;
            };
            // SAFETY: the caller promises the buffers are valid for these lengths.
            let (Some(out), Some(label), Some(context)) = (
                bytes_mut(out, olen, "out"),
                bytes(label.cast(), llen, "label"),
                bytes(context, contextlen, "context"),
            ) else {
                return 0;
            };
            let context = (use_context != 0).then_some(context);
            let exported = s.with_conn(|c| c.export_keying_material(out, label, context));
            match exported {
                Some(Ok(())) => 1,
                Some(Err(e)) => {
                    err::push_error_saying(&e, format!("SSL_export_keying_material: {e}"));
                    0
                }
                None => {
                    err::push(Reason::UNINITIALIZED, "SSL_export_keying_material: the handshake has not completed");
                    0
                }
            }
        })
    }
}

/// Copies up to `count` bytes of one of the Finished messages into `buf`; returns its
/// full length (0 before it exists).
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `count` writable bytes.
unsafe fn copy_finished(ssl: *const Ssl, buf: *mut c_void, count: usize, which: fn(&Connection) -> &[u8]) -> usize {
    // SAFETY: the caller promises `ssl` is NULL or live.
    unsafe {
        with_ssl(ssl, 0, |s| {
            if buf.is_null() && count > 0 {
                null_arg("buf");
                return 0;
            }
            s.with_conn(|c| {
                let data = which(c);
                let n = data.len().min(count);
                if n > 0 {
                    // SAFETY: `buf` is non-NULL with `count >= n` writable bytes.
                    std::ptr::copy_nonoverlapping(data.as_ptr(), buf.cast::<u8>(), n);
                }
                data.len()
            })
            .unwrap_or(0)
        })
    }
}

/// `SSL_get_finished`: copies up to `count` bytes of the verify_data of the last
/// Finished message this end sent into `buf`; returns its full length (12), or 0
/// before it was sent.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `count` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_finished(ssl: *const Ssl, buf: *mut c_void, count: usize) -> usize {
    // SAFETY: as the caller promises.
    unsafe { copy_finished(ssl, buf, count, Connection::our_finished) }
}

/// `SSL_get_peer_finished`: as `SSL_get_finished`, for the peer's Finished message.
///
/// # Safety
/// `ssl` is NULL or a live `SSL`; `buf` is NULL or has `count` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tls12_SSL_get_peer_finished(ssl: *const Ssl, buf: *mut c_void, count: usize) -> usize {
    // SAFETY: as the caller promises.
    unsafe { copy_finished(ssl, buf, count, Connection::peer_finished) }
}

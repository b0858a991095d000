//! Passwords for encrypted private keys: OpenSSL's `pem_password_cb`, the default
//! password callback of an `SSL_CTX` or `SSL` (`SSL_CTX_set_default_passwd_cb` and its
//! userdata, set with the other settings), and the password source a key read gets.

use crate::error::{Error, Reason};
use std::ffi::{c_char, c_int, c_void, CStr};
use zeroize::Zeroizing;

/// OpenSSL's `pem_password_cb`: `int cb(char *buf, int size, int rwflag, void *u)`
/// writes the password into `buf` (at most `size` bytes) and returns its length, or 0 or
/// less for none. Only private keys are ever encrypted, so only key reads call it.
pub type PemPasswordCallback =
    Option<unsafe extern "C" fn(buf: *mut c_char, size: c_int, rwflag: c_int, u: *mut c_void) -> c_int>;

/// The buffer a password callback writes into: OpenSSL's `PEM_BUFSIZE`.
const PASSWORD_BUFFER: usize = 1024;

/// Where the password of an encrypted key comes from, as OpenSSL decides it: the callback
/// `cb` (called with `userdata`, `rwflag` 0 for reading) when there is one; else
/// `userdata` itself as a NUL-terminated password when it is not NULL (OpenSSL's default
/// callback does the same); else no password, and an encrypted key fails with an error
/// saying so (OpenSSL would prompt on the terminal).
pub(crate) fn password_source(
    cb: PemPasswordCallback,
    userdata: *mut c_void,
) -> impl FnMut() -> Result<Zeroizing<Vec<u8>>, Error> {
    move || match cb {
        Some(callback) => {
            let mut buf = Zeroizing::new(vec![0u8; PASSWORD_BUFFER]);
            // SAFETY: `buf` has PASSWORD_BUFFER writable bytes, the size given; the
            // callback and its argument are the application's, set for this purpose.
            let len = unsafe { callback(buf.as_mut_ptr().cast(), PASSWORD_BUFFER as c_int, 0, userdata) };
            match usize::try_from(len) {
                Ok(len) if len > 0 && len <= PASSWORD_BUFFER => {
                    buf.truncate(len);
                    Ok(buf)
                }
                _ => Err(Error::local(
                    Reason::PROBLEMS_GETTING_PASSWORD,
                    format!(
                        "the private key is encrypted and the password callback gave no password (it returned {len})"
                    ),
                )),
            }
        }
        None if !userdata.is_null() => {
            // SAFETY: with no callback, OpenSSL takes the userdata to be a NUL-terminated
            // password string; the application set it so.
            let password = unsafe { CStr::from_ptr(userdata.cast::<c_char>()) };
            Ok(Zeroizing::new(password.to_bytes().to_vec()))
        }
        None => Err(Error::local(
            Reason::PROBLEMS_GETTING_PASSWORD,
            "the private key is encrypted and no password was given (SSL_CTX_set_default_passwd_cb)",
        )),
    }
}

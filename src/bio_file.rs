//! What the flags of `BIO_read_filename`, `BIO_write_filename`, `BIO_append_filename`
//! and `BIO_rw_filename` (OpenSSL's `BIO_FP_*` bits of `BIO_C_SET_FILENAME`) mean: the
//! `fopen` mode a `BIO_s_file` BIO opens its file with.

use std::ffi::{c_long, CStr};

/// `BIO_FP_READ`.
const FP_READ: c_long = 0x02;
/// `BIO_FP_WRITE`.
const FP_WRITE: c_long = 0x04;
/// `BIO_FP_APPEND`.
const FP_APPEND: c_long = 0x08;

/// The `fopen` mode for `flags`, as OpenSSL chooses it: append (with read, "a+"),
/// read and write ("r+"), write ("w"), read ("r"); `None` when no direction is given.
pub(crate) fn fopen_mode(flags: c_long) -> Option<&'static CStr> {
    let (read, write, append) = (flags & FP_READ != 0, flags & FP_WRITE != 0, flags & FP_APPEND != 0);
    match (append, read, write) {
        (true, true, _) => Some(c"a+"),
        (true, false, _) => Some(c"a"),
        (false, true, true) => Some(c"r+"),
        (false, false, true) => Some(c"w"),
        (false, true, false) => Some(c"r"),
        (false, false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_of_the_filename_macros() {
        const CLOSE: c_long = 0x01;
        assert_eq!(fopen_mode(CLOSE | FP_READ), Some(c"r"));
        assert_eq!(fopen_mode(CLOSE | FP_WRITE), Some(c"w"));
        assert_eq!(fopen_mode(CLOSE | FP_APPEND), Some(c"a"));
        assert_eq!(fopen_mode(CLOSE | FP_READ | FP_WRITE), Some(c"r+"));
        assert_eq!(fopen_mode(CLOSE | FP_READ | FP_APPEND), Some(c"a+"));
        assert_eq!(fopen_mode(CLOSE), None);
    }
}

//! Reading and writing the TLS presentation language: big-endian integers and
//! length-prefixed vectors. Every read is bounds-checked and a short input is a
//! `decode_error`.

use crate::error::Error;

/// A cursor over received bytes.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// Reads `buf`, which holds a `what` (named in error messages).
    pub fn new(buf: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader { buf, pos: 0, what }
    }

    #[track_caller]
    fn short(&self) -> Error {
        Error::decode(format!("{} is truncated", self.what))
    }

    /// Takes the next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if self.buf.len() - self.pos < n {
            return Err(self.short());
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    /// Reads a byte.
    pub fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    /// Reads a 16-bit integer.
    pub fn u16(&mut self) -> Result<u16, Error> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    /// Reads a 24-bit integer.
    pub fn u24(&mut self) -> Result<usize, Error> {
        let b = self.take(3)?;
        Ok((usize::from(b[0]) << 16) | (usize::from(b[1]) << 8) | usize::from(b[2]))
    }

    /// Reads a vector with a one-byte length.
    pub fn vec8(&mut self) -> Result<&'a [u8], Error> {
        let n = usize::from(self.u8()?);
        self.take(n)
    }

    /// Reads a vector with a two-byte length.
    pub fn vec16(&mut self) -> Result<&'a [u8], Error> {
        let n = usize::from(self.u16()?);
        self.take(n)
    }

    /// Reads a vector with a three-byte length.
    pub fn vec24(&mut self) -> Result<&'a [u8], Error> {
        let n = self.u24()?;
        self.take(n)
    }

    /// Reads a vector with a two-byte length as a sub-reader.
    pub fn sub16(&mut self, what: &'static str) -> Result<Reader<'a>, Error> {
        Ok(Reader::new(self.vec16()?, what))
    }

    /// Reads a vector of 16-bit values with a two-byte length (which must be even).
    pub fn u16_list(&mut self) -> Result<Vec<u16>, Error> {
        let body = self.vec16()?;
        if body.len() % 2 != 0 {
            return Err(Error::decode(format!("{} has a list of odd length", self.what)));
        }
        Ok(body.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect())
    }

    /// Whether everything has been read.
    pub fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// Fails unless everything has been read.
    pub fn expect_end(&self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::decode(format!("{} has {} trailing bytes", self.what, self.buf.len() - self.pos)))
        }
    }
}

/// Appends big-endian integers and length-prefixed vectors to a buffer.
pub trait Writer {
    /// Appends a byte.
    fn put_u8(&mut self, v: u8);
    /// Appends a 16-bit integer.
    fn put_u16(&mut self, v: u16);
    /// Appends a 24-bit integer.
    fn put_u24(&mut self, v: usize);
    /// Appends a vector with an `len_bytes`-byte length prefix, filled by `f`.
    fn put_vec(&mut self, len_bytes: usize, f: impl FnOnce(&mut Vec<u8>));
}

impl Writer for Vec<u8> {
    fn put_u8(&mut self, v: u8) {
        self.push(v);
    }

    fn put_u16(&mut self, v: u16) {
        self.extend_from_slice(&v.to_be_bytes());
    }

    fn put_u24(&mut self, v: usize) {
        self.extend_from_slice(&(v as u32).to_be_bytes()[1..]);
    }

    fn put_vec(&mut self, len_bytes: usize, f: impl FnOnce(&mut Vec<u8>)) {
        let at = self.len();
        self.extend(std::iter::repeat_n(0, len_bytes));
        f(self);
        let len = self.len() - at - len_bytes;
        let be = (len as u32).to_be_bytes();
        self[at..at + len_bytes].copy_from_slice(&be[4 - len_bytes..]);
    }
}

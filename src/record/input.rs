//! The receive buffer: network bytes go in once, records are decrypted where they lie,
//! and application data is handed out from there, so a read copies the bytes twice in
//! all (transport -> buffer, buffer -> caller).
//!
//! The buffer is zero-filled only when it grows, not on every read, and it is dropped
//! when nothing in it is waiting ([`InputBuffer::release_if_idle`]).

use crate::conn::IoResult;
use std::collections::VecDeque;
use std::ops::Range;

/// Received bytes: `bytes[..end]` holds data, from `start` not yet framed into records;
/// `plaintext` lists the decrypted application data before `start` not read yet.
#[derive(Default)]
pub struct InputBuffer {
    bytes: Vec<u8>,
    start: usize,
    end: usize,
    /// Decrypted application data not read yet, oldest first, as ranges of `bytes`.
    plaintext: VecDeque<Range<usize>>,
}

impl InputBuffer {
    /// Bytes received and not yet framed into records.
    pub fn unframed(&self) -> &[u8] {
        &self.bytes[self.start..self.end]
    }

    /// Framed bytes: the next `n` unframed bytes are a record now taken.
    pub fn take(&mut self, n: usize) {
        self.start += n;
    }

    /// Bytes at absolute positions (see [`InputBuffer::position`]) of a record already
    /// taken, to decrypt in place.
    pub fn bytes_mut(&mut self, range: Range<usize>) -> &mut [u8] {
        &mut self.bytes[range]
    }

    /// The absolute position of the first unframed byte.
    pub fn position(&self) -> usize {
        self.start
    }

    /// Keeps `range` (absolute, inside a record already taken) as application data to
    /// be read.
    pub fn hold_plaintext(&mut self, range: Range<usize>) {
        if !range.is_empty() {
            self.plaintext.push_back(range);
        }
    }

    /// Appends up to `room` bytes from `data`; returns how many.
    pub fn append(&mut self, data: &[u8], room: usize) -> usize {
        let n = room.min(data.len());
        let at = self.make_room(n);
        self.bytes[at..at + n].copy_from_slice(&data[..n]);
        self.end += n;
        n
    }

    /// Lets `read` write at the end: at least `least` bytes of room (the buffer grows
    /// if it must), up to `most` where the buffer already has the room. Keeps what
    /// `read` reports.
    pub fn append_with(&mut self, least: usize, most: usize, read: impl FnOnce(&mut [u8]) -> IoResult) -> IoResult {
        let at = self.make_room(least);
        let room = (self.bytes.len() - at).min(most);
        let result = read(&mut self.bytes[at..at + room]);
        if let IoResult::Done(n) = result {
            self.end += n.min(room);
        }
        result
    }

    /// Moves what is still needed to the front, then makes `n` writable bytes at the
    /// end (growing, and zero-filling, only when the buffer is too small); returns
    /// where they start.
    fn make_room(&mut self, n: usize) -> usize {
        let keep_from = self.plaintext.front().map_or(self.start, |first| first.start);
        if keep_from > 0 {
            self.bytes.copy_within(keep_from..self.end, 0);
            self.start -= keep_from;
            self.end -= keep_from;
            for range in &mut self.plaintext {
                *range = range.start - keep_from..range.end - keep_from;
            }
        }
        if self.bytes.len() < self.end + n {
            self.bytes.resize(self.end + n, 0);
        }
        self.end
    }

    /// Decrypted application data waiting to be read.
    pub fn plaintext_len(&self) -> usize {
        self.plaintext.iter().map(|r| r.len()).sum()
    }

    /// Copies decrypted application data into `buf`, oldest first, leaving it to be
    /// read; returns how many bytes.
    pub fn peek_plaintext(&self, buf: &mut [u8]) -> usize {
        let mut copied = 0;
        for range in &self.plaintext {
            let n = range.len().min(buf.len() - copied);
            buf[copied..copied + n].copy_from_slice(&self.bytes[range.start..range.start + n]);
            copied += n;
            if copied == buf.len() {
                break;
            }
        }
        copied
    }

    /// Marks `n` bytes of decrypted application data as read.
    pub fn consume_plaintext(&mut self, mut n: usize) {
        while let Some(range) = self.plaintext.front_mut() {
            let used = range.len().min(n);
            range.start += used;
            n -= used;
            if range.start < range.end {
                break;
            }
            self.plaintext.pop_front();
        }
    }

    /// Drops the decrypted application data not read yet.
    pub fn discard_plaintext(&mut self) {
        self.plaintext.clear();
    }

    /// Frees the buffer when nothing in it is waiting (no unframed bytes, no plaintext);
    /// returns whether it is free now.
    pub fn release_if_idle(&mut self) -> bool {
        let idle = self.start == self.end && self.plaintext.is_empty();
        if idle {
            *self = InputBuffer::default();
        }
        idle
    }
}

//! In-memory byte pipes, with the semantics OpenSSL gives its memory BIOs and BIO
//! pairs: a [`MemoryBuffer`] that grows as it is written and drains as it is read, and
//! the two ends of a bounded pipe ([`PairEnd::pair`]), each writing into a buffer of
//! its own capacity that the other end reads. They move bytes and keep counts; the C
//! layer maps their answers to `BIO_*` return values and retry flags.

use crate::conn::IoResult;
use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

/// A growable buffer: what is written is appended, what is read is taken from the
/// front. A read-only buffer holds fixed data, refuses writes and can be rewound.
#[derive(Debug, Default)]
pub struct MemoryBuffer {
    /// The bytes; `data[start..]` has not been read yet.
    data: Vec<u8>,
    /// How much of `data` was read.
    start: usize,
    /// Whether the buffer holds fixed data (writes fail, a reset rewinds).
    read_only: bool,
}

impl MemoryBuffer {
    /// An empty, writable buffer.
    pub fn new() -> Self {
        MemoryBuffer::default()
    }

    /// A buffer that holds `data` and refuses writes.
    pub fn read_only(data: Vec<u8>) -> Self {
        MemoryBuffer { data, start: 0, read_only: true }
    }

    /// Whether the buffer holds fixed data.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The bytes not read yet.
    pub fn unread(&self) -> &[u8] {
        &self.data[self.start..]
    }

    /// Drops the first `n` unread bytes (at most all of them); a writable buffer that
    /// is then empty gives its memory back for reuse.
    fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.data.len());
        if self.start == self.data.len() && !self.read_only {
            self.data.clear();
            self.start = 0;
        }
    }

    /// Moves up to `buf.len()` unread bytes into `buf`; returns how many (0 when the
    /// buffer is empty).
    pub fn read(&mut self, buf: &mut [u8]) -> usize {
        let n = self.unread().len().min(buf.len());
        buf[..n].copy_from_slice(&self.unread()[..n]);
        self.consume(n);
        n
    }

    /// Appends `data`; fails with `PermissionDenied` on a read-only buffer.
    pub fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.read_only {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "this memory buffer is read-only"));
        }
        self.data.extend_from_slice(data);
        Ok(data.len())
    }

    /// Takes one line: the unread bytes through the first `\n`, or all of them, at most
    /// `max`. `None` when nothing is unread or `max` is 0.
    pub fn read_line(&mut self, max: usize) -> Option<Vec<u8>> {
        let unread = self.unread();
        let end = unread.iter().position(|&b| b == b'\n').map_or(unread.len(), |i| i + 1).min(max);
        if end == 0 {
            return None;
        }
        let line = unread[..end].to_vec();
        self.consume(end);
        Some(line)
    }

    /// Empties a writable buffer; rewinds a read-only one to its start.
    pub fn reset(&mut self) {
        if !self.read_only {
            self.data.clear();
        }
        self.start = 0;
    }
}

/// The buffer size of a pair end given no size.
pub const DEFAULT_PAIR_CAPACITY: usize = 17 * 1024;

/// What the two ends of a pair share. `written[i]` holds what end `i` wrote and end
/// `1 - i` has not read yet, at most `capacity[i]` bytes. `read_request[i]` is how much
/// end `i` last failed to read.
#[derive(Debug)]
struct PairState {
    written: [VecDeque<u8>; 2],
    capacity: [usize; 2],
    shut_down: [bool; 2],
    alive: [bool; 2],
    read_request: [usize; 2],
}

/// One end of a bounded in-memory pipe: what one end writes, the other reads. Writing
/// into a full buffer or reading an empty one is "would block" until the other end
/// moves; once the writer shut its side down or is dropped, an empty read is the end
/// of the stream. The ends may be used from different threads.
#[derive(Debug)]
pub struct PairEnd {
    /// The state both ends share.
    shared: Arc<Mutex<PairState>>,
    /// Which end this is (0 or 1).
    side: usize,
}

impl PairEnd {
    /// Two connected ends; each buffers at most its capacity (0 means
    /// [`DEFAULT_PAIR_CAPACITY`]) of what it writes.
    pub fn pair(capacity_first: usize, capacity_second: usize) -> (PairEnd, PairEnd) {
        let cap = |n: usize| if n == 0 { DEFAULT_PAIR_CAPACITY } else { n };
        let shared = Arc::new(Mutex::new(PairState {
            written: [VecDeque::new(), VecDeque::new()],
            capacity: [cap(capacity_first), cap(capacity_second)],
            shut_down: [false; 2],
            alive: [true; 2],
            read_request: [0; 2],
        }));
        (PairEnd { shared: Arc::clone(&shared), side: 0 }, PairEnd { shared, side: 1 })
    }

    /// The shared state, locked (a panic elsewhere leaves it usable).
    fn state(&self) -> MutexGuard<'_, PairState> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The other end's index.
    fn other(&self) -> usize {
        1 - self.side
    }

    /// Moves up to `buf.len()` bytes the other end wrote into `buf`. An empty pipe is
    /// the end of the stream once the other end shut down or went, else "would block"
    /// (and the request is remembered for [`PairEnd::peer_read_request`]).
    pub fn read(&self, buf: &mut [u8]) -> IoResult {
        let mut p = self.state();
        let other = self.other();
        let n = p.written[other].len().min(buf.len());
        if n > 0 {
            for (slot, byte) in buf.iter_mut().zip(p.written[other].drain(..n)) {
                *slot = byte;
            }
            IoResult::Done(n)
        } else if p.shut_down[other] || !p.alive[other] {
            IoResult::Eof
        } else {
            p.read_request[self.side] = buf.len().min(p.capacity[other]);
            IoResult::WouldBlock
        }
    }

    /// Buffers as much of `data` as fits; "would block" when nothing does. Fails once
    /// this end shut down or the other end went.
    pub fn write(&self, data: &[u8]) -> IoResult {
        let mut p = self.state();
        let (side, other) = (self.side, self.other());
        if p.shut_down[side] || !p.alive[other] {
            return IoResult::Failed(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the pipe is shut down for writing or its other end is gone",
            ));
        }
        let n = (p.capacity[side] - p.written[side].len()).min(data.len());
        if n == 0 {
            return IoResult::WouldBlock;
        }
        p.written[side].extend(&data[..n]);
        p.read_request[other] = 0;
        IoResult::Done(n)
    }

    /// Bytes the other end wrote that this end can read.
    pub fn pending(&self) -> usize {
        self.state().written[self.other()].len()
    }

    /// Bytes this end wrote that the other end has not read.
    pub fn written_pending(&self) -> usize {
        self.state().written[self.side].len()
    }

    /// Drops what this end wrote and the other end has not read.
    pub fn clear_written(&self) {
        self.state().written[self.side].clear();
    }

    /// Whether reading is at the end of the stream: nothing left and the other end
    /// shut down or gone.
    pub fn at_eof(&self) -> bool {
        let p = self.state();
        let other = self.other();
        p.written[other].is_empty() && (p.shut_down[other] || !p.alive[other])
    }

    /// How many bytes this end can buffer.
    pub fn capacity(&self) -> usize {
        self.state().capacity[self.side]
    }

    /// How many bytes a write could take now (0 after a shutdown).
    pub fn write_guarantee(&self) -> usize {
        let p = self.state();
        if p.shut_down[self.side] {
            0
        } else {
            p.capacity[self.side] - p.written[self.side].len()
        }
    }

    /// How many bytes the other end last failed to read (0 since a write).
    pub fn peer_read_request(&self) -> usize {
        self.state().read_request[self.other()]
    }

    /// Forgets the other end's failed read request.
    pub fn reset_peer_read_request(&self) {
        self.state().read_request[self.other()] = 0;
    }

    /// Ends this end's writing: the other end reads the rest, then the end of stream.
    pub fn shutdown_write(&self) {
        self.state().shut_down[self.side] = true;
    }
}

impl Drop for PairEnd {
    /// The other end sees the end of the stream after what is buffered.
    fn drop(&mut self) {
        self.state().alive[self.side] = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_buffer() {
        let mut m = MemoryBuffer::new();
        let mut buf = [0u8; 4];
        assert_eq!(m.read(&mut buf), 0);
        assert_eq!(m.write(b"hello\nworld").unwrap(), 11);
        assert_eq!(m.read_line(32).unwrap(), b"hello\n");
        assert_eq!(m.read(&mut buf[..3]), 3);
        assert_eq!(&buf[..3], b"wor");
        assert_eq!(m.read_line(1).unwrap(), b"l");
        assert_eq!(m.unread(), b"d");
        m.reset();
        assert!(m.unread().is_empty());

        let mut ro = MemoryBuffer::read_only(b"abc".to_vec());
        assert_eq!(ro.write(b"x").unwrap_err().kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(ro.read(&mut buf), 3);
        assert!(ro.read_line(8).is_none());
        ro.reset();
        assert_eq!(ro.unread(), b"abc", "a read-only buffer rewinds");
    }

    #[test]
    fn pair_ends() {
        let (a, b) = PairEnd::pair(4, 0);
        assert_eq!(b.capacity(), DEFAULT_PAIR_CAPACITY);
        let mut buf = [0u8; 10];
        assert!(matches!(b.read(&mut buf), IoResult::WouldBlock));
        assert_eq!(a.peer_read_request(), 4, "what b asked for, capped at a's capacity");
        assert!(matches!(a.write(b"123456"), IoResult::Done(4)));
        assert_eq!(a.peer_read_request(), 0);
        assert!(matches!(a.write(b"56"), IoResult::WouldBlock));
        assert_eq!((a.written_pending(), b.pending(), a.write_guarantee()), (4, 4, 0));
        assert!(matches!(b.read(&mut buf), IoResult::Done(4)));
        assert_eq!(&buf[..4], b"1234");
        a.shutdown_write();
        assert!(b.at_eof());
        assert!(matches!(b.read(&mut buf), IoResult::Eof));
        assert!(matches!(a.write(b"x"), IoResult::Failed(_)));
        assert!(matches!(b.write(b"back"), IoResult::Done(4)));
        drop(b);
        assert!(matches!(a.read(&mut buf), IoResult::Done(4)));
        assert!(matches!(a.read(&mut buf), IoResult::Eof));
    }
}

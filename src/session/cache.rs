//! The internal session cache of an `SSL_CTX`: sessions by ID, least recently used evicted
//! first, shared between threads as `Arc<SessionCache>`.
//!
//! One mutex guards the sessions and is held only for map operations: the cache calls no
//! callbacks. Whatever leaves the cache (evicted, expired, flushed) is handed back to the
//! caller, which then runs `SSL_CTX_sess_set_remove_cb`'s callback without the lock.
//!
//! The statistics of `SSL_CTX_sess_*` are counters outside the lock:
//! * [`SessionCache::lookup`] counts [`Counter::Hit`], or [`Counter::Miss`], or
//!   [`Counter::Timeout`] and [`Counter::Miss`] for an expired session;
//! * [`SessionCache::insert`] and [`SessionCache::set_capacity`] count
//!   [`Counter::CacheFull`] for every session they evict;
//! * the handshake counts the rest with [`SessionCache::count`]: `Connect`/`Accept` when a
//!   handshake starts, `ConnectGood`/`AcceptGood` when it completes, the `Renegotiate`
//!   ones when a renegotiation starts, `CallbackHit` when the external get-session
//!   callback supplies a session, and `Miss` when it decides not to resume without asking
//!   the internal cache (`SSL_SESS_CACHE_NO_INTERNAL_LOOKUP`); a server counts `Hit` for
//!   a ticket it resumes; a client, as OpenSSL's does, counts `Hit` when a resumed
//!   handshake completes and `Miss` when the server did not resume the session offered.

use super::Session;
use crate::config::SESS_CACHE_NO_AUTO_CLEAR;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// OpenSSL's default capacity (`SSL_SESSION_CACHE_MAX_SIZE_DEFAULT`).
pub const DEFAULT_CAPACITY: usize = 20480;
/// Expired sessions are flushed automatically when the count of completed handshakes
/// has these low bits all set (every 256th), as in OpenSSL.
const AUTO_CLEAR_MASK: u64 = 0xff;

/// One of the statistics `SSL_CTX_sess_*` report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter {
    /// `SSL_CTX_sess_hits`: a server resumed a session from the internal cache or a
    /// ticket; a client completed a resumed handshake.
    Hit,
    /// `SSL_CTX_sess_misses`: a client asked for a session that was not found; a client
    /// offered a session that the server did not resume.
    Miss,
    /// `SSL_CTX_sess_timeouts`: a session was found but had expired.
    Timeout,
    /// `SSL_CTX_sess_cache_full`: a session was evicted to make room.
    CacheFull,
    /// `SSL_CTX_sess_cb_hits`: the external cache's callback supplied a session.
    CallbackHit,
    /// `SSL_CTX_sess_connect`: a client handshake started.
    Connect,
    /// `SSL_CTX_sess_connect_good`: a client handshake completed.
    ConnectGood,
    /// `SSL_CTX_sess_connect_renegotiate`: a client renegotiation started.
    ConnectRenegotiate,
    /// `SSL_CTX_sess_accept`: a server handshake started.
    Accept,
    /// `SSL_CTX_sess_accept_good`: a server handshake completed.
    AcceptGood,
    /// `SSL_CTX_sess_accept_renegotiate`: a server renegotiation started.
    AcceptRenegotiate,
}

/// How many [`Counter`]s there are.
const COUNTERS: usize = Counter::AcceptRenegotiate as usize + 1;

/// A snapshot of the statistics (see [`Counter`] for what each one counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Sessions resumed (see [`Counter::Hit`]).
    pub hits: u64,
    /// Sessions asked for and not resumed (see [`Counter::Miss`]).
    pub misses: u64,
    /// Sessions found expired.
    pub timeouts: u64,
    /// Sessions evicted to make room.
    pub cache_full: u64,
    /// Sessions supplied by the external cache's callback.
    pub callback_hits: u64,
    /// Client handshakes started.
    pub connect: u64,
    /// Client handshakes completed.
    pub connect_good: u64,
    /// Client renegotiations started.
    pub connect_renegotiate: u64,
    /// Server handshakes started.
    pub accept: u64,
    /// Server handshakes completed.
    pub accept_good: u64,
    /// Server renegotiations started.
    pub accept_renegotiate: u64,
}

/// What [`SessionCache::lookup`] found.
#[derive(Debug)]
pub enum Lookup {
    /// A live session; it is now the most recently used.
    Hit(Arc<Session>),
    /// Nothing under that ID.
    Miss,
    /// A session that had expired; it has been removed from the cache, and the caller
    /// runs the remove callback for it.
    Expired(Arc<Session>),
}

impl Lookup {
    /// The session to resume, if any.
    pub fn hit(self) -> Option<Arc<Session>> {
        match self {
            Lookup::Hit(session) => Some(session),
            Lookup::Miss | Lookup::Expired(_) => None,
        }
    }
}

/// A cached session and when it was last used.
struct Entry {
    session: Arc<Session>,
    last_used: u64,
}

/// What the mutex guards.
struct State {
    /// 0: unlimited.
    capacity: usize,
    by_id: HashMap<Vec<u8>, Entry>,
    /// Session IDs by `last_used`: the first is the least recently used.
    by_recency: BTreeMap<u64, Vec<u8>>,
    /// Ticks on every use; orders `by_recency`.
    clock: u64,
}

impl State {
    /// Marks `id` as used now; returns its session.
    fn touch(&mut self, id: &[u8]) -> Option<Arc<Session>> {
        self.clock += 1;
        let entry = self.by_id.get_mut(id)?;
        let id = self.by_recency.remove(&entry.last_used)?;
        entry.last_used = self.clock;
        self.by_recency.insert(self.clock, id);
        Some(Arc::clone(&entry.session))
    }

    fn remove(&mut self, id: &[u8]) -> Option<Arc<Session>> {
        let entry = self.by_id.remove(id)?;
        self.by_recency.remove(&entry.last_used);
        Some(entry.session)
    }

    /// Evicts the least recently used sessions until at most `limit` remain.
    fn evict_to(&mut self, limit: usize) -> Vec<Arc<Session>> {
        let mut evicted = Vec::new();
        while self.by_id.len() > limit {
            let Some((_, id)) = self.by_recency.pop_first() else { break };
            evicted.extend(self.by_id.remove(&id).map(|entry| entry.session));
        }
        evicted
    }
}

/// The internal session cache: sessions by ID with least-recently-used eviction.
pub struct SessionCache {
    state: Mutex<State>,
    counters: [AtomicU64; COUNTERS],
}

impl SessionCache {
    /// An empty cache holding at most `capacity` sessions (0: unlimited; OpenSSL's
    /// default is [`DEFAULT_CAPACITY`]).
    pub fn new(capacity: usize) -> Self {
        SessionCache {
            state: Mutex::new(State { capacity, by_id: HashMap::new(), by_recency: BTreeMap::new(), clock: 0 }),
            counters: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }

    /// The lock. Nothing panics while holding it; if something did, the maps would still be
    /// safe to use (at worst a session becomes unreachable), so poisoning is ignored.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the capacity (`SSL_CTX_sess_set_cache_size`; 0: unlimited). Shrinking
    /// evicts the least recently used sessions at once; they are returned.
    pub fn set_capacity(&self, n: usize) -> Vec<Arc<Session>> {
        let evicted = {
            let mut state = self.state();
            state.capacity = n;
            if n == 0 {
                Vec::new()
            } else {
                state.evict_to(n)
            }
        };
        self.add(Counter::CacheFull, evicted.len());
        evicted
    }

    /// The capacity (`SSL_CTX_sess_get_cache_size`; 0: unlimited).
    pub fn capacity(&self) -> usize {
        self.state().capacity
    }

    /// Adds `session` as the most recently used, replacing one with the same ID. When the
    /// cache is full the least recently used session is evicted and returned (the caller
    /// runs the remove callback for it). A session with an empty ID cannot be found by ID
    /// and is not stored.
    pub fn insert(&self, session: Arc<Session>) -> Vec<Arc<Session>> {
        if session.id.is_empty() {
            return Vec::new();
        }
        let evicted = {
            let mut state = self.state();
            state.remove(&session.id);
            let evicted = match state.capacity {
                0 => Vec::new(),
                capacity => state.evict_to(capacity - 1),
            };
            state.clock += 1;
            let last_used = state.clock;
            state.by_recency.insert(last_used, session.id.clone());
            state.by_id.insert(session.id.clone(), Entry { session, last_used });
            evicted
        };
        self.add(Counter::CacheFull, evicted.len());
        evicted
    }

    /// Puts `session` in the cache as the most recently used (`SSL_CTX_add_session`),
    /// replacing a session with the same ID. Returns whether that very session was not
    /// there already, and the sessions that left the cache (the one replaced, one
    /// evicted to make room) for the caller's remove callback. A session without an ID
    /// is not stored (and counts as not added).
    pub fn add_session(&self, session: Arc<Session>) -> (bool, Vec<Arc<Session>>) {
        if session.id.is_empty() {
            return (false, Vec::new());
        }
        let replaced = self.remove(&session.id);
        let again = replaced.as_ref().is_some_and(|old| Arc::ptr_eq(old, &session));
        let mut removed: Vec<Arc<Session>> = replaced.into_iter().filter(|_| !again).collect();
        removed.extend(self.insert(session));
        (!again, removed)
    }

    /// After a handshake made a new session: every 256th completed handshake (client or
    /// server ones, as `is_client` says) flushes the sessions expired at `now`, as
    /// OpenSSL does unless `mode` has `SSL_SESS_CACHE_NO_AUTO_CLEAR`. Returns the
    /// removed sessions.
    pub fn flush_if_due(&self, mode: u32, is_client: bool, now: u64) -> Vec<Arc<Session>> {
        let stats = self.stats();
        let completed = if is_client { stats.connect_good } else { stats.accept_good };
        if mode & SESS_CACHE_NO_AUTO_CLEAR != 0 || completed & AUTO_CLEAR_MASK != AUTO_CLEAR_MASK {
            return Vec::new();
        }
        self.flush(now.max(1))
    }

    /// Finds the session with ID `id` at time `now` (unix seconds). A live session
    /// becomes the most recently used; an expired one is removed.
    pub fn lookup(&self, id: &[u8], now: u64) -> Lookup {
        let found = {
            let mut state = self.state();
            match state.by_id.get(id).map(|entry| entry.session.is_expired(now)) {
                None => Lookup::Miss,
                Some(true) => state.remove(id).map_or(Lookup::Miss, Lookup::Expired),
                Some(false) => state.touch(id).map_or(Lookup::Miss, Lookup::Hit),
            }
        };
        match found {
            Lookup::Hit(_) => self.count(Counter::Hit),
            Lookup::Miss => self.count(Counter::Miss),
            Lookup::Expired(_) => {
                self.count(Counter::Timeout);
                self.count(Counter::Miss);
            }
        }
        found
    }

    /// Removes the session with ID `id` (`SSL_CTX_remove_session`) and returns it.
    pub fn remove(&self, id: &[u8]) -> Option<Arc<Session>> {
        self.state().remove(id)
    }

    /// Removes every session expired at `now` (`SSL_CTX_flush_sessions`); `now == 0`
    /// removes every session, as in OpenSSL. Returns the removed sessions.
    pub fn flush(&self, now: u64) -> Vec<Arc<Session>> {
        let mut state = self.state();
        let expired: Vec<Vec<u8>> = state
            .by_id
            .iter()
            .filter(|(_, entry)| now == 0 || entry.session.is_expired(now))
            .map(|(id, _)| id.clone())
            .collect();
        expired.iter().filter_map(|id| state.remove(id)).collect()
    }

    /// How many sessions the cache holds (`SSL_CTX_sess_number`).
    pub fn len(&self) -> usize {
        self.state().by_id.len()
    }

    /// Whether the cache holds no session.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds one to `counter`.
    pub fn count(&self, counter: Counter) {
        self.add(counter, 1);
    }

    fn add(&self, counter: Counter, n: usize) {
        self.counters[counter as usize].fetch_add(n as u64, Ordering::Relaxed);
    }

    /// A snapshot of the statistics.
    pub fn stats(&self) -> CacheStats {
        let get = |counter: Counter| self.counters[counter as usize].load(Ordering::Relaxed);
        CacheStats {
            hits: get(Counter::Hit),
            misses: get(Counter::Miss),
            timeouts: get(Counter::Timeout),
            cache_full: get(Counter::CacheFull),
            callback_hits: get(Counter::CallbackHit),
            connect: get(Counter::Connect),
            connect_good: get(Counter::ConnectGood),
            connect_renegotiate: get(Counter::ConnectRenegotiate),
            accept: get(Counter::Accept),
            accept_good: get(Counter::AcceptGood),
            accept_renegotiate: get(Counter::AcceptRenegotiate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::tests::minimal_session;

    fn session(id: u8, created: u64, timeout: u64) -> Arc<Session> {
        Arc::new(Session { id: vec![id; 32], created, timeout, ..minimal_session() })
    }

    fn ids(sessions: &[Arc<Session>]) -> Vec<u8> {
        let mut ids: Vec<u8> = sessions.iter().map(|session| session.id[0]).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn adding_a_session_reports_what_left() {
        let cache = SessionCache::new(2);
        let first = session(1, 0, 100);
        assert!(cache.add_session(Arc::clone(&first)).0);
        let (added, removed) = cache.add_session(Arc::clone(&first));
        assert!(!added && removed.is_empty(), "the same session again is not added");
        let (added, removed) = cache.add_session(session(1, 5, 100));
        assert!(added);
        assert!(Arc::ptr_eq(&removed[0], &first), "a new session under the same ID replaces the old");
        assert!(cache.add_session(session(2, 0, 100)).1.is_empty());
        assert_eq!(ids(&cache.add_session(session(3, 0, 100)).1), [1], "the least recently used makes room");
        let nameless = Arc::new(Session { id: Vec::new(), ..minimal_session() });
        let (added, removed) = cache.add_session(nameless);
        assert!(!added && removed.is_empty(), "a session without an ID is not cached");
    }

    #[test]
    fn expired_sessions_are_flushed_every_256th_handshake() {
        let cache = SessionCache::new(0);
        cache.insert(session(1, 0, 10));
        cache.insert(session(2, 0, 1000));
        for _ in 0..254 {
            cache.count(Counter::AcceptGood);
        }
        assert!(cache.flush_if_due(0, false, 100).is_empty(), "254 handshakes: not yet");
        cache.count(Counter::AcceptGood);
        assert!(cache.flush_if_due(0, true, 100).is_empty(), "client handshakes are counted apart");
        let no_auto_clear = crate::config::SESS_CACHE_NO_AUTO_CLEAR;
        assert!(cache.flush_if_due(no_auto_clear, false, 100).is_empty());
        assert_eq!(ids(&cache.flush_if_due(0, false, 100)), [1], "only the expired session goes");
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn evicts_the_least_recently_used() {
        let cache = SessionCache::new(3);
        for id in 1..=3 {
            assert!(cache.insert(session(id, 0, 100)).is_empty());
        }
        // Using 1 makes 2 the least recently used.
        assert!(cache.lookup(&[1; 32], 50).hit().is_some());
        assert_eq!(ids(&cache.insert(session(4, 0, 100))), [2]);
        assert_eq!(ids(&cache.insert(session(5, 0, 100))), [3]);
        // Replacing 1 refreshes it and evicts nothing.
        assert!(cache.insert(session(1, 10, 100)).is_empty());
        assert_eq!(cache.lookup(&[1; 32], 50).hit().unwrap().created, 10);
        assert_eq!(ids(&cache.insert(session(6, 0, 100))), [4]);
        assert_eq!(cache.len(), 3);
        assert_eq!(cache.stats().cache_full, 3);
        for (id, present) in [(1, true), (2, false), (3, false), (4, false), (5, true), (6, true)] {
            assert_eq!(cache.remove(&[id; 32]).is_some(), present, "session {id}");
        }
        assert!(cache.is_empty());
    }

    #[test]
    fn capacity_changes_evict_at_once() {
        let cache = SessionCache::new(0);
        assert_eq!(cache.capacity(), 0);
        for id in 1..=10 {
            assert!(cache.insert(session(id, 0, 100)).is_empty());
        }
        assert_eq!(cache.len(), 10);
        assert!(cache.lookup(&[2; 32], 1).hit().is_some());
        assert_eq!(ids(&cache.set_capacity(3)), [1, 3, 4, 5, 6, 7, 8]);
        assert_eq!(cache.capacity(), 3);
        assert_eq!(cache.len(), 3);
        assert!(cache.set_capacity(0).is_empty());
        assert!(cache.insert(session(11, 0, 100)).is_empty());
        assert_eq!(cache.len(), 4);
        assert_eq!(cache.stats().cache_full, 7);
        assert!(cache.insert(Arc::new(minimal_session())).is_empty());
        assert_eq!(cache.len(), 4, "a session without an ID is not stored");
    }

    #[test]
    fn expired_sessions_count_as_timeouts_and_misses() {
        let cache = SessionCache::new(DEFAULT_CAPACITY);
        cache.insert(session(1, 1000, 100));
        cache.insert(session(2, 1000, 500));
        cache.insert(session(3, 1000, 900));
        assert!(matches!(cache.lookup(&[1; 32], 1100), Lookup::Hit(_)));
        assert!(matches!(cache.lookup(&[1; 32], 1101), Lookup::Expired(s) if s.id == [1; 32]));
        assert!(matches!(cache.lookup(&[1; 32], 1101), Lookup::Miss));
        assert!(matches!(cache.lookup(&[9; 32], 0), Lookup::Miss));
        assert_eq!(cache.stats(), CacheStats { hits: 1, misses: 3, timeouts: 1, ..CacheStats::default() });
        assert_eq!(ids(&cache.flush(1600)), [2]);
        assert_eq!(cache.len(), 1);
        cache.insert(session(4, 5000, 1));
        assert_eq!(ids(&cache.flush(0)), [3, 4]);
        assert!(cache.is_empty());
    }

    #[test]
    fn handshake_counters() {
        let cache = SessionCache::new(1);
        for counter in [Counter::Connect, Counter::Connect, Counter::ConnectGood, Counter::Accept, Counter::AcceptGood]
        {
            cache.count(counter);
        }
        cache.count(Counter::CallbackHit);
        cache.count(Counter::AcceptRenegotiate);
        cache.count(Counter::ConnectRenegotiate);
        let expected = CacheStats {
            connect: 2,
            connect_good: 1,
            connect_renegotiate: 1,
            accept: 1,
            accept_good: 1,
            accept_renegotiate: 1,
            callback_hits: 1,
            ..CacheStats::default()
        };
        assert_eq!(cache.stats(), expected);
    }

    #[test]
    fn concurrent_inserts_and_lookups() {
        let cache = Arc::new(SessionCache::new(64));
        let threads: Vec<_> = (0..4u8)
            .map(|thread| {
                let cache = Arc::clone(&cache);
                std::thread::spawn(move || {
                    let mut evicted = 0;
                    for round in 0..500u32 {
                        let id = thread * 50 + (round % 50) as u8;
                        evicted += cache.insert(session(id, 0, 100)).len();
                        if let Some(found) = cache.lookup(&[id; 32], 10).hit() {
                            assert_eq!(found.id, [id; 32]);
                        }
                        cache.lookup(&[id.wrapping_add(7); 32], 10);
                    }
                    evicted
                })
            })
            .collect();
        let evicted: usize = threads.into_iter().map(|thread| thread.join().unwrap()).sum();
        let stats = cache.stats();
        assert_eq!(cache.len(), 64);
        assert_eq!(stats.cache_full, evicted as u64);
        assert_eq!(stats.hits + stats.misses, 4 * 500 * 2);
        // Every session inserted is either still cached or was evicted (replacements aside).
        assert!(evicted >= 200 - 64);
    }
}

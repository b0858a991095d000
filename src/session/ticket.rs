//! Session tickets (RFC 5077): the server seals the session into an opaque ticket that
//! the client keeps, so any server holding the key can resume it without a cache.
//!
//! # Ticket format
//!
//! `key_name (16) || nonce (12) || AES-256-GCM(Session::encode()) || tag (16)`, with the
//! key name as additional data. The nonce is random, so a key should seal no more than
//! about 2^32 tickets; rotate keys well before that (and for forward secrecy, daily).
//!
//! # Keys
//!
//! A [`TicketKey`] is what `SSL_CTX_set_tlsext_ticket_keys` takes: 48 bytes, a 16-byte
//! name followed by 32 secret bytes (OpenSSL's HMAC secret and AES key). Our AES-256-GCM
//! key is derived from the 32 secret bytes with the TLS 1.2 PRF (SHA-256), label
//! `"libtls12 ticket key"`, seed the key name; so every server given the same 48 bytes
//! reads the others' tickets (they do not interoperate with OpenSSL's tickets).
//!
//! # Key file
//!
//! [`TicketKeys::from_key_file`] reads the keys of a fleet of servers from text:
//! one key per line, 96 hexadecimal digits (the 48 bytes above, either case), the first
//! line is the current key (it seals and opens), each following line a previous key (it
//! only opens), newest first, at most [`MAX_PREVIOUS_KEYS`] of them. Blank lines and lines
//! starting with `#` are ignored, white space around a line too; key names must differ.
//!
//! ```text
//! # rotated 2026-11-22
//! 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f
//! f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
//! ```

use super::Session;
use crate::crypto::fill_random;
use crate::crypto::prf::prf;
use crate::error::{Error, Reason};
use crate::pem::range_mask;
use crate::suites::PrfHash;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use zeroize::Zeroizing;

/// How many previous keys [`TicketKeys`] keeps for opening tickets.
pub const MAX_PREVIOUS_KEYS: usize = 4;
/// The longest ticket a NewSessionTicket message carries (RFC 5077 3.3).
pub const MAX_TICKET_LEN: usize = 0xffff;

/// Length of a key name.
const NAME_LEN: usize = 16;
/// Length of the AES-GCM tag.
const TAG_LEN: usize = 16;
/// The label of the AEAD key derivation.
const KEY_LABEL: &[u8] = b"libtls12 ticket key";

/// One ticket key: a 16-byte name and the secret material; zeroized on drop.
pub struct TicketKey {
    name: [u8; NAME_LEN],
    /// The 32 secret bytes of OpenSSL's layout, kept so the key can be exported.
    secret: Zeroizing<[u8; 32]>,
    /// The AES-256-GCM key derived from `secret`. ring's key schedule is built for each
    /// operation and dropped at once, since ring does not wipe its keys.
    aead_key: Zeroizing<[u8; 32]>,
}

impl TicketKey {
    /// A new random key (name and secret).
    pub fn generate() -> Result<TicketKey, Error> {
        let mut bytes = Zeroizing::new([0u8; 48]);
        fill_random(&mut bytes[..])?;
        Ok(TicketKey::from_openssl_bytes(&bytes))
    }

    /// A key from the 48 bytes `SSL_CTX_set_tlsext_ticket_keys` takes: 16 bytes of name,
    /// 16 of HMAC secret and 16 of AES key (the last 32 are our secret).
    pub fn from_openssl_bytes(b: &[u8; 48]) -> TicketKey {
        let mut name = [0u8; NAME_LEN];
        name.copy_from_slice(&b[..NAME_LEN]);
        let mut secret = Zeroizing::new([0u8; 32]);
        secret.copy_from_slice(&b[NAME_LEN..]);
        let mut aead_key = Zeroizing::new([0u8; 32]);
        prf(PrfHash::Sha256, &mut aead_key[..], &secret[..], KEY_LABEL, &name);
        TicketKey { name, secret, aead_key }
    }

    /// The 48 bytes this key was made from (`SSL_CTX_get_tlsext_ticket_keys`).
    pub fn to_openssl_bytes(&self) -> Zeroizing<[u8; 48]> {
        let mut bytes = Zeroizing::new([0u8; 48]);
        bytes[..NAME_LEN].copy_from_slice(&self.name);
        bytes[NAME_LEN..].copy_from_slice(&self.secret[..]);
        bytes
    }

    /// The key name that starts every ticket this key seals.
    pub fn name(&self) -> &[u8; 16] {
        &self.name
    }

    /// Seals `session` into a ticket with this key. The session's own `ticket` field is
    /// sealed too, so the server leaves it empty. Fails when the ticket would exceed
    /// [`MAX_TICKET_LEN`] (a huge certificate chain) or randomness fails.
    pub fn seal(&self, session: &Session) -> Result<Vec<u8>, Error> {
        let plaintext = session.encode();
        let len = NAME_LEN + NONCE_LEN + plaintext.len() + TAG_LEN;
        if len > MAX_TICKET_LEN {
            return Err(Error::local(Reason::DATA_LENGTH_TOO_LONG, "the session is too large for a ticket"));
        }
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce)?;
        let cipher = self.cipher().ok_or_else(|| Error::internal("bad ticket key"))?;
        // Wiped if sealing fails while it still holds the plaintext.
        let mut ticket = Zeroizing::new(Vec::with_capacity(len));
        ticket.extend_from_slice(&self.name);
        ticket.extend_from_slice(&nonce);
        ticket.extend_from_slice(&plaintext);
        let tag = cipher
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(self.name),
                &mut ticket[NAME_LEN + NONCE_LEN..],
            )
            .map_err(|_| Error::internal("sealing a ticket failed"))?;
        ticket.extend_from_slice(tag.as_ref());
        Ok(std::mem::take(&mut *ticket))
    }

    /// Opens a ticket this key sealed: the session, or `None` for another key's ticket,
    /// tampering, truncation or garbage.
    pub fn open(&self, ticket: &[u8]) -> Option<Session> {
        if key_name(ticket)? != &self.name {
            return None;
        }
        let (nonce, sealed) = ticket[NAME_LEN..].split_at(NONCE_LEN);
        let mut buffer = Zeroizing::new(sealed.to_vec());
        let plaintext = self
            .cipher()?
            .open_in_place(Nonce::try_assume_unique_for_key(nonce).ok()?, Aad::from(self.name), &mut buffer)
            .ok()?;
        Session::decode(plaintext).ok()
    }

    /// ring's AES-256-GCM key.
    fn cipher(&self) -> Option<LessSafeKey> {
        UnboundKey::new(&AES_256_GCM, &self.aead_key[..]).ok().map(LessSafeKey::new)
    }
}

/// The keys a server uses: the current one seals and opens, previous ones still open
/// (so that tickets survive a rotation).
pub struct TicketKeys {
    current: TicketKey,
    /// Newest first, at most [`MAX_PREVIOUS_KEYS`].
    previous: Vec<TicketKey>,
}

impl TicketKeys {
    /// Keys with `current` as the only one.
    pub fn new(current: TicketKey) -> Self {
        TicketKeys { current, previous: Vec::new() }
    }

    /// The key that seals tickets.
    pub fn current(&self) -> &TicketKey {
        &self.current
    }

    /// Makes `key` current and keeps the old current one for opening; the oldest previous
    /// key is dropped beyond [`MAX_PREVIOUS_KEYS`], and so is a previous key with the
    /// same name as `key`.
    pub fn rotate(&mut self, key: TicketKey) {
        let old = std::mem::replace(&mut self.current, key);
        let name = self.current.name;
        self.previous.retain(|previous| previous.name != name);
        if old.name != name {
            self.previous.insert(0, old);
        }
        self.previous.truncate(MAX_PREVIOUS_KEYS);
    }

    /// Seals `session` into a ticket with the current key (see [`TicketKey::seal`]).
    pub fn seal(&self, session: &Session) -> Result<Vec<u8>, Error> {
        self.current.seal(session)
    }

    /// Opens a ticket: `Some((session, renew))` when a known key decrypts and
    /// authenticates it, with `renew` true when that key is a previous one (the server
    /// then issues a fresh ticket). `None` for anything else: unknown key name, tampering,
    /// truncation, garbage. Expiry and the session id context are the caller's to check.
    pub fn open(&self, ticket: &[u8]) -> Option<(Session, bool)> {
        let name = key_name(ticket)?;
        if self.current.name == *name {
            return self.current.open(ticket).map(|session| (session, false));
        }
        let key = self.previous.iter().find(|key| key.name == *name)?;
        key.open(ticket).map(|session| (session, true))
    }

    /// Reads a key file (see the [module documentation](self)): the first key is current,
    /// the others previous, newest first.
    pub fn from_key_file(bytes: &[u8]) -> Result<TicketKeys, Error> {
        let bad = |detail: String| Error::local(Reason::BAD_VALUE, detail);
        let text = std::str::from_utf8(bytes).map_err(|_| bad("the ticket key file is not text".into()))?;
        let mut keys: Vec<TicketKey> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let raw = decode_hex_key(line)
                .ok_or_else(|| bad(format!("line {} of the ticket key file is not 96 hex digits", index + 1)))?;
            let key = TicketKey::from_openssl_bytes(&raw);
            if keys.iter().any(|other| other.name == key.name) {
                return Err(bad(format!("line {} of the ticket key file repeats a key name", index + 1)));
            }
            keys.push(key);
        }
        if keys.len() > 1 + MAX_PREVIOUS_KEYS {
            return Err(bad(format!("the ticket key file has more than {} keys", 1 + MAX_PREVIOUS_KEYS)));
        }
        let mut keys = keys.into_iter();
        let current = keys.next().ok_or_else(|| bad("the ticket key file has no key".into()))?;
        Ok(TicketKeys { current, previous: keys.collect() })
    }
}

/// The name of the key that sealed `ticket` (its first 16 bytes), or `None` when it is
/// too short to be a ticket at all.
pub fn key_name(ticket: &[u8]) -> Option<&[u8; NAME_LEN]> {
    if ticket.len() < NAME_LEN + NONCE_LEN + TAG_LEN {
        return None;
    }
    ticket[..NAME_LEN].try_into().ok()
}

/// Decodes 96 hex digits into 48 bytes without branching on their values.
fn decode_hex_key(text: &str) -> Option<Zeroizing<[u8; 48]>> {
    let digits = text.as_bytes();
    if digits.len() != 96 {
        return None;
    }
    let mut out = Zeroizing::new([0u8; 48]);
    let mut invalid = 0i16;
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let (high, high_invalid) = hex_value(pair[0]);
        let (low, low_invalid) = hex_value(pair[1]);
        *byte = (high << 4) | low;
        invalid |= high_invalid | low_invalid;
    }
    (invalid == 0).then_some(out)
}

/// The value of a hex digit and a mask that is non-zero when `c` is not one.
fn hex_value(c: u8) -> (u8, i16) {
    let c = i16::from(c);
    let digit = range_mask(c, 48, 57);
    let lower = range_mask(c, 97, 102);
    let upper = range_mask(c, 65, 70);
    let value = (digit & (c - 48)) | (lower & (c - 87)) | (upper & (c - 55));
    (value as u8, !(digit | lower | upper))
}

/// A server's ticket keys, shared by every connection of a context: random ones made
/// on first use unless the application installs its own (OpenSSL's behaviour).
#[derive(Default)]
pub struct TicketKeyStore {
    keys: std::sync::RwLock<Option<TicketKeys>>,
}

impl TicketKeyStore {
    /// Installs `keys` (`SSL_CTX_set_tlsext_ticket_keys`, a key file, a rotation).
    pub fn set(&self, keys: TicketKeys) {
        *self.keys.write().unwrap_or_else(|e| e.into_inner()) = Some(keys);
    }

    /// Runs `f` with the keys, generating random ones first if there are none yet.
    pub fn with<R>(&self, f: impl FnOnce(&TicketKeys) -> R) -> Result<R, Error> {
        if let Some(keys) = self.keys.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            return Ok(f(keys));
        }
        let mut slot = self.keys.write().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some(TicketKeys::new(TicketKey::generate()?));
        }
        slot.as_ref().map(f).ok_or_else(|| Error::internal("the ticket keys could not be made"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::tests::{assert_same, full_session};
    use rustls_pki_types::CertificateDer;

    fn key(fill: u8) -> TicketKey {
        let mut bytes = [fill; 48];
        bytes[0] = fill.wrapping_add(1); // distinct names for distinct fills
        TicketKey::from_openssl_bytes(&bytes)
    }

    fn hex_line(key: &TicketKey) -> String {
        key.to_openssl_bytes().iter().map(|byte| format!("{byte:02x}")).collect()
    }

    #[test]
    fn tickets_round_trip() {
        let keys = TicketKeys::new(TicketKey::generate().unwrap());
        let session = full_session();
        let ticket = keys.seal(&session).unwrap();
        assert_eq!(&ticket[..16], keys.current().name());
        let (opened, renew) = keys.open(&ticket).unwrap();
        assert_same(&session, &opened);
        assert!(!renew);
        assert_ne!(keys.seal(&session).unwrap(), ticket, "nonces are random");
    }

    #[test]
    fn the_same_key_bytes_open_each_others_tickets() {
        let bytes: [u8; 48] = std::array::from_fn(|i| i as u8);
        let a = TicketKeys::new(TicketKey::from_openssl_bytes(&bytes));
        let b = TicketKeys::new(TicketKey::from_openssl_bytes(&bytes));
        assert_eq!(b.current().to_openssl_bytes()[..], bytes[..]);
        let ticket = a.seal(&full_session()).unwrap();
        assert!(b.open(&ticket).is_some());
        // Same name, different secret: authentication fails.
        let mut other = bytes;
        other[47] ^= 1;
        assert!(TicketKeys::new(TicketKey::from_openssl_bytes(&other)).open(&ticket).is_none());
    }

    #[test]
    fn unknown_names_tampering_and_garbage_are_none() {
        let keys = TicketKeys::new(key(1));
        let ticket = keys.seal(&full_session()).unwrap();
        assert!(TicketKeys::new(key(2)).open(&ticket).is_none());
        for index in 0..ticket.len() {
            let mut tampered = ticket.clone();
            tampered[index] ^= 0x01 << (index % 8);
            assert!(keys.open(&tampered).is_none(), "byte {index}");
        }
        for len in 0..ticket.len() {
            assert!(keys.open(&ticket[..len]).is_none(), "length {len}");
        }
        let mut longer = ticket.clone();
        longer.push(0);
        assert!(keys.open(&longer).is_none());
        assert!(keys.open(&[0u8; 100]).is_none());
        let mut garbage = keys.current().name().to_vec();
        garbage.extend_from_slice(&[0x42; 200]);
        assert!(keys.open(&garbage).is_none());
    }

    #[test]
    fn rotation_keeps_a_bounded_number_of_old_keys() {
        let mut keys = TicketKeys::new(key(1));
        let first = keys.seal(&full_session()).unwrap();
        keys.rotate(key(2));
        let (_, renew) = keys.open(&first).unwrap();
        assert!(renew);
        let second = keys.seal(&full_session()).unwrap();
        assert!(!keys.open(&second).unwrap().1);
        // Re-installing the current key changes nothing.
        keys.rotate(key(2));
        assert!(keys.open(&first).unwrap().1);
        for fill in 3..=5 {
            keys.rotate(key(fill));
        }
        // Previous keys are now 4, 3, 2, 1: the first ticket still opens.
        assert!(keys.open(&first).is_some());
        keys.rotate(key(6));
        assert!(keys.open(&first).is_none(), "key 1 was dropped");
        assert!(keys.open(&second).unwrap().1);
        // Bringing an old key back makes it current and no longer previous.
        keys.rotate(key(3));
        assert_eq!(keys.previous.len(), MAX_PREVIOUS_KEYS);
        assert!(keys.previous.iter().all(|previous| previous.name() != key(3).name()));
    }

    #[test]
    fn oversized_sessions_are_refused() {
        let huge = Session { peer_certificates: vec![CertificateDer::from(vec![0x30; 70_000])], ..full_session() };
        let keys = TicketKeys::new(key(1));
        assert_eq!(keys.seal(&huge).unwrap_err().reason, Reason::DATA_LENGTH_TOO_LONG);
    }

    #[test]
    fn key_files_are_read() {
        let (current, old) = (key(7), key(8));
        let file = format!("# fleet keys\r\n{}\r\n\n  {}  \n", hex_line(&current).to_uppercase(), hex_line(&old));
        let keys = TicketKeys::from_key_file(file.as_bytes()).unwrap();
        assert_eq!(keys.current().name(), current.name());
        assert_eq!(keys.previous.len(), 1);
        let ticket = TicketKeys::new(old).seal(&full_session()).unwrap();
        assert!(keys.open(&ticket).unwrap().1);
        let ticket = TicketKeys::new(current).seal(&full_session()).unwrap();
        assert!(!keys.open(&ticket).unwrap().1);
    }

    #[test]
    fn bad_key_files_are_errors() {
        let good = hex_line(&key(1));
        let six: Vec<String> = (1..=6).map(|fill| hex_line(&key(fill))).collect();
        let bad_files: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"# only a comment\n\n".to_vec(),
            good.as_bytes()[..94].to_vec(),
            format!("{good}00").into_bytes(),
            good.replacen('0', "g", 1).into_bytes(),
            good.replacen('0', " ", 1).into_bytes(),
            format!("{good}\n{good}\n").into_bytes(),
            six.join("\n").into_bytes(),
            [good.as_bytes(), b"\n\xff\xfe"].concat(),
        ];
        for file in bad_files {
            let error = TicketKeys::from_key_file(&file).err().expect("a bad key file");
            assert_eq!(error.reason, Reason::BAD_VALUE);
        }
        assert!(TicketKeys::from_key_file(six[..5].join("\n").as_bytes()).is_ok());
    }

    #[test]
    fn hex_digits_decode_without_branches() {
        for c in 0..=255u8 {
            let (value, invalid) = hex_value(c);
            match (c as char).to_digit(16) {
                Some(expected) => assert_eq!((u32::from(value), invalid), (expected, 0)),
                None => assert_ne!(invalid, 0, "{c}"),
            }
        }
    }
}

//! The TLS 1.2 key schedule: master secret (RFC 5246 8.1, RFC 7627 4), key block
//! (RFC 5246 6.3) and Finished verify_data (RFC 5246 7.4.9).

use crate::crypto::aead::RecordKey;
use crate::crypto::cbc::CbcKey;
use crate::crypto::prf::prf;
use crate::error::{Error, Reason};
use crate::record::protection::Protection;
use crate::suites::{Mac, Suite};
use zeroize::Zeroizing;

/// Length of Finished verify_data.
pub const VERIFY_DATA_LEN: usize = 12;

/// The 48-byte master secret, wiped when dropped.
pub struct MasterSecret(Zeroizing<[u8; 48]>);

/// Which way a key or Finished message goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The client.
    Client,
    /// The server.
    Server,
}

impl MasterSecret {
    /// Derives the master secret from the premaster secret. With `session_hash` (the
    /// transcript hash through ClientKeyExchange) this is RFC 7627's extended master secret.
    pub fn derive(
        suite: &Suite,
        premaster: &[u8],
        session_hash: Option<&[u8]>,
        client_random: &[u8; 32],
        server_random: &[u8; 32],
    ) -> MasterSecret {
        let mut out = Zeroizing::new([0u8; 48]);
        match session_hash {
            Some(hash) => prf(suite.prf, &mut out[..], premaster, b"extended master secret", hash),
            None => {
                let seed = [client_random.as_slice(), server_random.as_slice()].concat();
                prf(suite.prf, &mut out[..], premaster, b"master secret", &seed);
            }
        }
        MasterSecret(out)
    }

    /// Derives the record protection for both directions: (client write, server write).
    pub fn record_keys(
        &self,
        suite: &Suite,
        client_random: &[u8; 32],
        server_random: &[u8; 32],
        encrypt_then_mac: bool,
    ) -> Result<(Protection, Protection), Error> {
        let mac_len = suite.mac.key_len();
        let key_len = suite.bulk.key_len();
        let iv_len = suite.bulk.fixed_iv_len();
        let mut block = Zeroizing::new(vec![0u8; 2 * (mac_len + key_len + iv_len)]);
        let seed = [server_random.as_slice(), client_random.as_slice()].concat();
        prf(suite.prf, &mut block, &self.0[..], b"key expansion", &seed);
        let (client_mac, rest) = block.split_at(mac_len);
        let (server_mac, rest) = rest.split_at(mac_len);
        let (client_key, rest) = rest.split_at(key_len);
        let (server_key, rest) = rest.split_at(key_len);
        let (client_iv, server_iv) = rest.split_at(iv_len);
        let protection = |key: &[u8], iv: &[u8], mac_key: &[u8]| -> Result<Protection, Error> {
            Ok(match suite.mac {
                Mac::Aead => Protection::Aead(RecordKey::new(suite.bulk, key, iv)?),
                mac => Protection::Cbc(CbcKey::new(suite.bulk, mac, key, mac_key, encrypt_then_mac)?),
            })
        };
        Ok((protection(client_key, client_iv, client_mac)?, protection(server_key, server_iv, server_mac)?))
    }

    /// Keying material for the application (RFC 5705): PRF(master, label,
    /// client_random + server_random [+ context length + context]).
    pub fn export(
        &self,
        suite: &Suite,
        label: &[u8],
        context: Option<&[u8]>,
        client_random: &[u8; 32],
        server_random: &[u8; 32],
        out: &mut [u8],
    ) -> Result<(), Error> {
        let mut seed = [client_random.as_slice(), server_random.as_slice()].concat();
        if let Some(context) = context {
            let len = u16::try_from(context.len())
                .map_err(|_| Error::local(Reason::BAD_VALUE, "the exporter context is longer than 65535 bytes"))?;
            seed.extend_from_slice(&len.to_be_bytes());
            seed.extend_from_slice(context);
        }
        prf(suite.prf, out, &self.0[..], label, &seed);
        Ok(())
    }

    /// A master secret remembered by a session.
    pub fn from_session(bytes: &[u8; 48]) -> MasterSecret {
        MasterSecret(Zeroizing::new(*bytes))
    }

    /// The secret itself, for the NSS key log format and for sessions.
    pub fn secret_bytes(&self) -> &[u8; 48] {
        &self.0
    }

    /// The verify_data of `side`'s Finished message over `transcript_hash`.
    pub fn verify_data(&self, suite: &Suite, side: Side, transcript_hash: &[u8]) -> [u8; VERIFY_DATA_LEN] {
        let label: &[u8] = match side {
            Side::Client => b"client finished",
            Side::Server => b"server finished",
        };
        let mut out = [0u8; VERIFY_DATA_LEN];
        prf(suite.prf, &mut out, &self.0[..], label, transcript_hash);
        out
    }
}

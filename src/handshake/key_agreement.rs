//! Key agreement for each key exchange method: what a server puts in its
//! ServerKeyExchange, what a client answers in its ClientKeyExchange, and the premaster
//! secret both sides end up with.

use crate::config::Config;
use crate::crypto::dh::{DhKey, DhParams};
use crate::crypto::kx::{self, EphemeralKey};
use crate::crypto::rsa_kx;
use crate::error::{Error, Reason};
use crate::keys::CertifiedKey;
use crate::msgs::enums::{AlertDescription, NamedGroup, TLS12};
use crate::msgs::handshake::{decode_client_key_exchange, encode_client_key_exchange, KxParams};
use crate::suites::KeyExchange;
use rustls_pki_types::CertificateDer;
use zeroize::Zeroizing;

/// The group a server uses for an ephemeral exchange.
#[derive(Clone, Debug)]
pub enum KxGroup {
    /// An elliptic curve (ECDHE).
    Curve(NamedGroup),
    /// Finite-field parameters (DHE).
    Field(DhParams),
    /// No ephemeral exchange (RSA key exchange).
    None,
}

/// The server's half of the key agreement, between its ServerKeyExchange and the
/// client's ClientKeyExchange.
pub enum ServerKeyAgreement {
    /// ECDHE with our ephemeral key.
    Ecdhe(EphemeralKey),
    /// DHE with our ephemeral key.
    Dhe(DhKey),
    /// RSA: the client encrypts the premaster to our certificate's key.
    Rsa,
}

impl ServerKeyAgreement {
    /// Generates the ephemeral key for `group`; returns it and the parameters to sign
    /// (none for RSA key exchange, which has no ServerKeyExchange).
    pub fn start(group: &KxGroup) -> Result<(ServerKeyAgreement, Option<KxParams>), Error> {
        Ok(match group {
            KxGroup::Curve(curve) => {
                let key = EphemeralKey::generate(*curve)?;
                let params = KxParams::Ecdhe { group: *curve, public: key.public_key().to_vec() };
                (ServerKeyAgreement::Ecdhe(key), Some(params))
            }
            KxGroup::Field(dh) => {
                let key = DhKey::generate(dh)?;
                let params = KxParams::Dhe { p: dh.p().to_vec(), g: dh.g().to_vec(), public: key.public().to_vec() };
                (ServerKeyAgreement::Dhe(key), Some(params))
            }
            KxGroup::None => (ServerKeyAgreement::Rsa, None),
        })
    }

    /// The key exchange method.
    pub fn method(&self) -> KeyExchange {
        match self {
            ServerKeyAgreement::Ecdhe(_) => KeyExchange::Ecdhe,
            ServerKeyAgreement::Dhe(_) => KeyExchange::Dhe,
            ServerKeyAgreement::Rsa => KeyExchange::Rsa,
        }
    }

    /// Derives the premaster secret from the client's ClientKeyExchange body.
    /// `client_version` is the version in the ClientHello, which an RSA premaster repeats.
    pub fn finish(
        self,
        client_key_exchange: &[u8],
        cert: &CertifiedKey,
        client_version: u16,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let value = decode_client_key_exchange(client_key_exchange, self.method())?;
        match self {
            ServerKeyAgreement::Ecdhe(key) => key.agree(&value),
            ServerKeyAgreement::Dhe(key) => key.agree(&value),
            ServerKeyAgreement::Rsa => {
                let key = cert
                    .key
                    .rsa_decryption_key()
                    .ok_or_else(|| Error::internal("RSA key exchange chosen without an RSA key"))?;
                // Never fails: a bad ciphertext yields a random premaster (RFC 5246 7.4.7.1),
                // and the handshake fails later at Finished like any other mismatch.
                Ok(Zeroizing::new(key.decrypt_premaster(&value, client_version).to_vec()))
            }
        }
    }
}

/// The client's half: from the server's parameters (none for RSA key exchange) builds the
/// ClientKeyExchange body and the premaster secret.
pub fn client_agree(
    method: KeyExchange,
    params: Option<&KxParams>,
    server_cert: &CertificateDer<'_>,
    config: &Config,
) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>), Error> {
    let (public, premaster) = match (method, params) {
        (KeyExchange::Ecdhe, Some(KxParams::Ecdhe { group, public })) => {
            let ours = EphemeralKey::generate(*group)?;
            let mine = ours.public_key().to_vec();
            (mine, ours.agree(public)?)
        }
        (KeyExchange::Dhe, Some(KxParams::Dhe { p, g, public })) => {
            let dh = DhParams::from_server(p, g, config.min_dh_bits)?;
            let ours = DhKey::generate(&dh)?;
            let mine = ours.public().to_vec();
            (mine, ours.agree(public)?)
        }
        (KeyExchange::Rsa, None) => {
            let mut premaster = Zeroizing::new([0u8; 48]);
            crate::crypto::fill_random(&mut premaster[2..])?;
            premaster[..2].copy_from_slice(&TLS12.to_be_bytes());
            let encrypted = rsa_kx::encrypt_premaster(server_cert, &premaster)?;
            (encrypted, Zeroizing::new(premaster.to_vec()))
        }
        _ => return Err(Error::internal("key exchange parameters do not match the suite")),
    };
    Ok((encode_client_key_exchange(&public, method), premaster))
}

/// Whether the client may accept the server's ECDHE curve.
pub fn client_accepts_curve(config: &Config, group: NamedGroup) -> Result<(), Error> {
    if config.groups.contains(&group) && kx::is_supported(group) {
        return Ok(());
    }
    Err(Error::fatal(
        AlertDescription::IllegalParameter,
        Reason::WRONG_CURVE,
        format!("the server chose group {}, which was not offered", group.text()),
    ))
}

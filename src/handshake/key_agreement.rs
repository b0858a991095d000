//! Key agreement for each key exchange method: what a server puts in its
//! ServerKeyExchange, what a client answers in its ClientKeyExchange, and the premaster
//! secret both sides end up with. PSK suites (RFC 4279, RFC 5489) wrap the other
//! methods' secret together with the pre-shared key.

use super::hooks::Hooks;
use crate::config::Config;
use crate::crypto::dh::{DhKey, DhParams};
use crate::crypto::kx::{self, EphemeralKey};
use crate::crypto::rsa_kx;
use crate::error::{Error, Reason};
use crate::keys::CertifiedKey;
use crate::msgs::codec::Writer;
use crate::msgs::enums::{AlertDescription, NamedGroup, TLS12};
use crate::msgs::handshake::{ClientKeyExchange, KxParams};
use crate::suites::KeyExchange;
use rustls_pki_types::CertificateDer;
use zeroize::Zeroizing;

/// The longest PSK identity accepted (OpenSSL's `PSK_MAX_IDENTITY_LEN`).
pub const MAX_PSK_IDENTITY_LEN: usize = 256;
/// The longest pre-shared key accepted (OpenSSL's `PSK_MAX_PSK_LEN`).
pub const MAX_PSK_LEN: usize = 512;

/// The group a server uses for an ephemeral exchange.
#[derive(Clone, Debug)]
pub enum KxGroup {
    /// An elliptic curve (ECDHE).
    Curve(NamedGroup),
    /// Finite-field parameters (DHE).
    Field(DhParams),
    /// No ephemeral exchange (RSA key exchange, plain PSK).
    None,
}

/// A pre-shared key and the identity it goes by.
pub struct Psk {
    /// The identity sent in the ClientKeyExchange.
    pub identity: Vec<u8>,
    /// The key.
    pub key: Zeroizing<Vec<u8>>,
}

/// RFC 4279 2: the premaster of a PSK suite is other_secret and the key, each with a
/// two-byte length. Plain PSK uses as many zero bytes as the key is long.
fn psk_premaster(other_secret: Option<&[u8]>, psk: &[u8]) -> Zeroizing<Vec<u8>> {
    let zeros = Zeroizing::new(vec![0u8; psk.len()]);
    let other = other_secret.unwrap_or(&zeros);
    let mut out = Zeroizing::new(Vec::with_capacity(other.len() + psk.len() + 4));
    out.put_vec(2, |o| o.extend_from_slice(other));
    out.put_vec(2, |o| o.extend_from_slice(psk));
    out
}

fn check_psk(psk: &Psk) -> Result<(), Error> {
    if psk.identity.len() > MAX_PSK_IDENTITY_LEN || psk.key.is_empty() || psk.key.len() > MAX_PSK_LEN {
        return Err(Error::fatal(
            AlertDescription::InternalError,
            Reason::BAD_PSK,
            format!(
                "the PSK callback gave an identity of {} bytes (at most {MAX_PSK_IDENTITY_LEN}) and a key of {} bytes (1 to {MAX_PSK_LEN})",
                psk.identity.len(),
                psk.key.len()
            ),
        ));
    }
    Ok(())
}

/// The server's ephemeral key, between its ServerKeyExchange and the client's reply.
enum Ephemeral {
    Curve(EphemeralKey),
    Field(DhKey),
    None,
}

/// What the server's key agreement ends with.
pub struct Agreed {
    /// The premaster secret.
    pub premaster: Zeroizing<Vec<u8>>,
    /// The PSK identity the client used (PSK suites).
    pub psk_identity: Option<Vec<u8>>,
}

/// The server's half of the key agreement.
pub struct ServerKeyAgreement {
    method: KeyExchange,
    ephemeral: Ephemeral,
}

impl ServerKeyAgreement {
    /// Generates the ephemeral key for `group`; returns it and the parameters to send
    /// (none for RSA and plain PSK key exchange).
    pub fn start(method: KeyExchange, group: &KxGroup) -> Result<(ServerKeyAgreement, Option<KxParams>), Error> {
        let (ephemeral, params) = match group {
            KxGroup::Curve(curve) => {
                let key = EphemeralKey::generate(*curve)?;
                let params = KxParams::Ecdhe { group: *curve, public: key.public_key().to_vec() };
                (Ephemeral::Curve(key), Some(params))
            }
            KxGroup::Field(dh) => {
                let key = DhKey::generate(dh)?;
                let params = KxParams::Dhe { p: dh.p().to_vec(), g: dh.g().to_vec(), public: key.public().to_vec() };
                (Ephemeral::Field(key), Some(params))
            }
            KxGroup::None => (Ephemeral::None, None),
        };
        Ok((ServerKeyAgreement { method, ephemeral }, params))
    }

    /// Derives the premaster secret from the client's ClientKeyExchange body.
    /// `client_version` is the version in the ClientHello, which an RSA premaster
    /// repeats; the PSK is looked up through `hooks`.
    pub fn finish(
        self,
        client_key_exchange: &[u8],
        cert: Option<&CertifiedKey>,
        client_version: u16,
        hooks: &mut dyn Hooks,
    ) -> Result<Agreed, Error> {
        let message = ClientKeyExchange::decode(client_key_exchange, self.method)?;
        let other_secret = match self.ephemeral {
            Ephemeral::Curve(key) => Some(key.agree(&message.exchange)?),
            Ephemeral::Field(key) => Some(key.agree(&message.exchange)?),
            Ephemeral::None if matches!(self.method, KeyExchange::Rsa | KeyExchange::RsaPsk) => {
                let key = cert
                    .and_then(|c| c.key.rsa_decryption_key())
                    .ok_or_else(|| Error::internal("RSA key exchange chosen without an RSA key"))?;
                // Never fails: a bad ciphertext yields a random premaster (RFC 5246 7.4.7.1),
                // and the handshake fails later at Finished like any other mismatch.
                Some(Zeroizing::new(key.decrypt_premaster(&message.exchange, client_version).to_vec()))
            }
            Ephemeral::None => None,
        };
        let Some(identity) = message.psk_identity else {
            let premaster = other_secret.ok_or_else(|| Error::internal("no premaster secret"))?;
            return Ok(Agreed { premaster, psk_identity: None });
        };
        if identity.len() > MAX_PSK_IDENTITY_LEN {
            return Err(Error::illegal(Reason::DATA_LENGTH_TOO_LONG, "the client's PSK identity is too long"));
        }
        let key = hooks.psk_server(&identity).ok_or_else(|| {
            Error::fatal(
                AlertDescription::UnknownPskIdentity,
                Reason::PSK_IDENTITY_NOT_FOUND,
                format!("no pre-shared key is known for identity \"{}\"", String::from_utf8_lossy(&identity)),
            )
        })?;
        check_psk(&Psk { identity: identity.clone(), key: key.clone() })?;
        let premaster = psk_premaster(other_secret.as_deref().map(|s| s.as_slice()), &key);
        Ok(Agreed { premaster, psk_identity: Some(identity) })
    }
}

/// The client's half: from the server's parameters (none for RSA and plain PSK), the
/// server's certificate (none for PSK-authenticated suites) and the pre-shared key (PSK
/// suites) builds the ClientKeyExchange body and the premaster secret.
pub fn client_agree(
    method: KeyExchange,
    params: Option<&KxParams>,
    server_cert: Option<&CertificateDer<'_>>,
    psk: Option<&Psk>,
    config: &Config,
) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>), Error> {
    let (exchange, other_secret) = match (method, params) {
        (KeyExchange::Ecdhe | KeyExchange::EcdhePsk, Some(KxParams::Ecdhe { group, public })) => {
            let ours = EphemeralKey::generate(*group)?;
            let mine = ours.public_key().to_vec();
            (mine, Some(ours.agree(public)?))
        }
        (KeyExchange::Dhe | KeyExchange::DhePsk, Some(KxParams::Dhe { p, g, public })) => {
            let dh = DhParams::from_server(p, g, config.min_dh_bits)?;
            let ours = DhKey::generate(&dh)?;
            let mine = ours.public().to_vec();
            (mine, Some(ours.agree(public)?))
        }
        (KeyExchange::Rsa | KeyExchange::RsaPsk, None) => {
            let cert = server_cert.ok_or_else(|| Error::internal("RSA key exchange without a server certificate"))?;
            let mut premaster = Zeroizing::new([0u8; 48]);
            crate::crypto::fill_random(&mut premaster[2..])?;
            premaster[..2].copy_from_slice(&TLS12.to_be_bytes());
            let encrypted = rsa_kx::encrypt_premaster(cert, &premaster)?;
            (encrypted, Some(Zeroizing::new(premaster.to_vec())))
        }
        (KeyExchange::Psk, None) => (Vec::new(), None),
        _ => return Err(Error::internal("key exchange parameters do not match the suite")),
    };
    let message = ClientKeyExchange { psk_identity: psk.map(|p| p.identity.clone()), exchange };
    let premaster = match psk {
        Some(psk) => {
            check_psk(psk)?;
            psk_premaster(other_secret.as_deref().map(|s| s.as_slice()), &psk.key)
        }
        None => other_secret.ok_or_else(|| Error::internal("no premaster secret"))?,
    };
    Ok((message.encode(method), premaster))
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

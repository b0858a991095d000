//! Ephemeral elliptic-curve Diffie-Hellman (X25519, P-256, P-384).

use crate::error::{Error, Reason};
use crate::msgs::enums::NamedGroup;
use ring::agreement;
use zeroize::Zeroizing;

/// The groups this library can use for ECDHE.
pub fn is_supported(group: NamedGroup) -> bool {
    algorithm(group).is_some()
}

fn algorithm(group: NamedGroup) -> Option<&'static agreement::Algorithm> {
    match group {
        NamedGroup::X25519 => Some(&agreement::X25519),
        NamedGroup::Secp256r1 => Some(&agreement::ECDH_P256),
        NamedGroup::Secp384r1 => Some(&agreement::ECDH_P384),
        _ => None,
    }
}

/// One side's ephemeral key pair.
pub struct EphemeralKey {
    group: NamedGroup,
    private: agreement::EphemeralPrivateKey,
    public: Vec<u8>,
}

impl EphemeralKey {
    /// Generates a fresh key pair in `group`.
    pub fn generate(group: NamedGroup) -> Result<EphemeralKey, Error> {
        let alg =
            algorithm(group).ok_or_else(|| Error::internal(format!("group {} is not implemented", group.text())))?;
        let rng = ring::rand::SystemRandom::new();
        let private = agreement::EphemeralPrivateKey::generate(alg, &rng)
            .map_err(|_| Error::internal("key generation failed"))?;
        let public = private
            .compute_public_key()
            .map_err(|_| Error::internal("public key computation failed"))?
            .as_ref()
            .to_vec();
        Ok(EphemeralKey { group, private, public })
    }

    /// Our public value as it goes on the wire.
    pub fn public_key(&self) -> &[u8] {
        &self.public
    }

    /// Combines our private key with the peer's public value into the premaster secret.
    /// A malformed or invalid peer value is `illegal_parameter`.
    pub fn agree(self, peer_public: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        let alg = self.private.algorithm();
        agreement::agree_ephemeral(self.private, &agreement::UnparsedPublicKey::new(alg, peer_public), |secret| {
            Zeroizing::new(secret.to_vec())
        })
        .map_err(|_| {
            Error::illegal(
                Reason::BAD_ECPOINT,
                format!("the peer's {} public key is not a valid point", self.group.text()),
            )
        })
    }
}

//! Which signature scheme each side offers, signs with and accepts (RFC 5246
//! 7.4.1.4.1). We offer the configured schemes the security level allows, in the
//! configured order; the peer's signature must use one of them, with a key of the
//! suite's type. A server signs with the first scheme in the client's list that we
//! offer and one of its certificates can make; a client that sent no list gets RFC
//! 5246's default, SHA-1 with the certificate's key type, where the level allows it.

use crate::config::{scheme_allowed_at_level, Config};
use crate::crypto::sign::{KeyKind, SchemeAlgorithm, SigningKey};
use crate::error::{Error, Reason};
use crate::keys::CertifiedKey;
use crate::msgs::enums::SignatureScheme;
use crate::suites::Authentication;
use std::sync::Arc;

/// Whether we offer and accept `scheme`: it is configured, and the security level
/// allows it (a configuration built by `ConfigBuilder` has the others left out
/// already).
fn offered(config: &Config, scheme: SignatureScheme) -> bool {
    config.sigalgs.contains(&scheme) && scheme_allowed_at_level(scheme, config.security_level)
}

/// The schemes our ClientHello and CertificateRequest list, in preference order.
pub fn offered_schemes(config: &Config) -> Vec<SignatureScheme> {
    config.sigalgs.iter().copied().filter(|s| offered(config, *s)).collect()
}

/// Server: the scheme and certificate that sign ServerKeyExchange, from `certs` (the
/// suite's certificates, in preference order). `client_schemes` is the client's
/// signature_algorithms list, empty when it sent none.
pub fn server_signer(
    config: &Config,
    client_schemes: &[SignatureScheme],
    certs: &[&Arc<CertifiedKey>],
) -> Option<(SignatureScheme, Arc<CertifiedKey>)> {
    let signer = |scheme: SignatureScheme| {
        certs.iter().find(|cert| cert.key.can_sign(scheme)).map(|cert| (scheme, Arc::clone(cert)))
    };
    if client_schemes.is_empty() {
        // RFC 5246 7.4.1.4.1; RFC 9155 forbids it, OpenSSL allows it at level 0.
        return certs.iter().find_map(|cert| {
            let scheme = default_scheme(cert.key.kind())?;
            (offered(config, scheme) && cert.key.can_sign(scheme)).then(|| (scheme, Arc::clone(cert)))
        });
    }
    // As OpenSSL's tls_choose_sigalg: the client's order decides.
    client_schemes.iter().copied().filter(|s| offered(config, *s)).find_map(signer)
}

/// The scheme a client that sends no signature_algorithms accepts for a key of this
/// kind (RFC 5246 7.4.1.4.1); none for Ed25519, which came with the extension.
fn default_scheme(kind: KeyKind) -> Option<SignatureScheme> {
    match kind {
        KeyKind::Rsa { .. } => Some(SignatureScheme::RsaPkcs1Sha1),
        KeyKind::Ecdsa(_) => Some(SignatureScheme::EcdsaSha1),
        KeyKind::Ed25519 => None,
    }
}

/// Client: the scheme for our CertificateVerify, the first in the server's list
/// (`requested`) that we offer and `key` can make.
pub fn client_scheme(config: &Config, requested: &[SignatureScheme], key: &SigningKey) -> Option<SignatureScheme> {
    requested.iter().copied().find(|s| offered(config, *s) && key.can_sign(*s))
}

/// Client: checks the scheme of the server's ServerKeyExchange signature: one we
/// offered, for the suite's certificate type (RFC 8422 5.3: ECDSA suites carry Ed25519
/// certificates too). Anything else is an `illegal_parameter`.
pub fn check_server_scheme(config: &Config, scheme: SignatureScheme, auth: Authentication) -> Result<(), Error> {
    let fits = matches!(
        (SchemeAlgorithm::of(scheme), auth),
        (Some(SchemeAlgorithm::RsaPkcs1(_) | SchemeAlgorithm::RsaPss(_)), Authentication::Rsa)
            | (Some(SchemeAlgorithm::Ecdsa(_) | SchemeAlgorithm::Ed25519), Authentication::Ecdsa)
    );
    if !offered(config, scheme) || !fits {
        return Err(Error::illegal(
            Reason::WRONG_SIGNATURE_TYPE,
            format!("the server signed with {}, which was not offered for this suite", scheme.text()),
        ));
    }
    Ok(())
}

/// Server: checks the scheme of the client's CertificateVerify: one our
/// CertificateRequest listed, or an `illegal_parameter`.
pub fn check_client_scheme(config: &Config, scheme: SignatureScheme) -> Result<(), Error> {
    if !offered(config, scheme) {
        return Err(Error::illegal(
            Reason::WRONG_SIGNATURE_TYPE,
            format!("the client signed with {}, which was not requested", scheme.text()),
        ));
    }
    Ok(())
}

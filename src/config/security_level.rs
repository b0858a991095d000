//! OpenSSL's security levels (`SSL_CTX_set_security_level`, `@SECLEVEL=n` in a cipher
//! string), applied when a [`Config`] is built from what the application set:
//!
//! - suites: levels 0 to 2 allow every suite; level 3 only forward-secret ones
//!   (ECDHE, DHE, ECDHE-PSK, DHE-PSK); levels 4 and 5 also no SHA-1 MAC and at least
//!   256-bit ciphers (`cipher_string::allowed_at_level`).
//! - DH: the smallest prime a client accepts, and the server's group, is at least
//!   2048 bits at levels 0 to 2 (the library's floor: OpenSSL would allow 1024 at
//!   levels 0 and 1), 3072 at level 3, 7680 at level 4 and 15360 at level 5. A server
//!   whose DH group is too small moves up to the smallest RFC 7919 group that is large
//!   enough, or gives up DHE suites when none is (levels 4 and 5).
//! - signature schemes: those whose hash is weaker than the level are neither offered
//!   nor accepted, as OpenSSL 3.0 rates them: SHA-1 (64 bits) only at level 0,
//!   SHA-224 (112) up to level 2, SHA-256 and Ed25519 (128) up to 3, SHA-384 up to 4
//!   (see [`scheme_allowed_at_level`]).
//! - keys: the engine reads `Config::security_level` itself: it leaves out our
//!   certificates with keys below it and fails the peer's leaf with "key too small"
//!   (see [`min_security_bits`]).
//!
//! A client that names only FFDHE groups below the level gets no DHE suite (RFC 7919
//! 4: a client that names FFDHE groups is answered with one of them or not with DHE).

use super::Config;
use crate::cipher_string::allowed_at_level;
use crate::crypto::dh::DhParams;
use crate::crypto::sign::SchemeAlgorithm;
use crate::msgs::enums::{NamedGroup, SignatureScheme};
use crate::suites::KeyExchange;

/// The bits of security a key needs at security `level`, as OpenSSL counts them:
/// none at 0, 80 at 1 (RSA 1024, ECC 160), 112 at 2 (RSA 2048, ECC 224), 128 at 3
/// (RSA 3072, ECC 256), 192 at 4 (RSA 7680, ECC 384), 256 at 5 (RSA 15360, ECC 512).
pub fn min_security_bits(level: u32) -> u32 {
    match level {
        0 => 0,
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    }
}

/// Whether signatures with `scheme` are allowed at security `level`: its bits of
/// security (OpenSSL 3.0's rating, [`SchemeAlgorithm::security_bits`]) reach the
/// level's minimum. A scheme this library does not know is not allowed.
pub fn scheme_allowed_at_level(scheme: SignatureScheme, level: u32) -> bool {
    SchemeAlgorithm::of(scheme).is_some_and(|algorithm| algorithm.security_bits() >= min_security_bits(level))
}

/// The smallest DH prime, in bits, allowed at `level`.
fn min_dh_bits(level: u32) -> usize {
    match level {
        0..=2 => 2048,
        3 => 3072,
        4 => 7680,
        _ => 15360,
    }
}

/// `wanted` with its security level applied to suites, groups and DH parameters.
pub(super) fn apply(wanted: &Config) -> Config {
    let mut config = wanted.clone();
    let level = config.security_level;
    config.suites.retain(|s| allowed_at_level(s, level));
    config.sigalgs.retain(|s| scheme_allowed_at_level(*s, level));
    let min_bits = min_dh_bits(level);
    config.min_dh_bits = config.min_dh_bits.max(min_bits);
    config.groups.retain(|g| DhParams::named(*g).is_none_or(|p| p.bits() >= min_bits));
    let server_group = config.dh_params.clone().or_else(|| DhParams::named(NamedGroup::Ffdhe2048));
    if server_group.is_some_and(|p| p.bits() < min_bits) {
        config.dh_params = DhParams::ffdhe_groups().filter_map(DhParams::named).find(|p| p.bits() >= min_bits);
        if config.dh_params.is_none() {
            config.suites.retain(|s| !matches!(s.kx, KeyExchange::Dhe | KeyExchange::DhePsk));
        }
    }
    config
}

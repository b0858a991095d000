//! OpenSSL's security levels (`SSL_CTX_set_security_level`, `@SECLEVEL=n` in a cipher
//! string), applied when a connection takes its configuration snapshot:
//!
//! - suites: levels 0 to 2 allow every suite; level 3 only forward-secret ones
//!   (ECDHE, DHE, ECDHE-PSK, DHE-PSK); levels 4 and 5 also no SHA-1 MAC and at least
//!   256-bit ciphers (`cipher_string::allowed_at_level`).
//! - DH: the smallest prime a client accepts, and the server's group, is at least
//!   2048 bits at levels 0 to 2 (the library's floor: OpenSSL would allow 1024 at
//!   levels 0 and 1), 3072 at level 3, 7680 at level 4 and 15360 at level 5. A server
//!   whose DH group is too small moves up to the smallest RFC 7919 group that is large
//!   enough, or gives up DHE suites when none is (levels 4 and 5).
//!
//! - keys: the level goes to the engine (`Config::security_level`), which leaves out
//!   our certificates with keys below it and fails the peer's leaf with
//!   `X509_V_ERR_EE_KEY_TOO_SMALL` (RSA 1024 / ECC 160 bits at level 1, 2048 / 224 at
//!   2, 3072 / 256 at 3, 7680 / 384 at 4, 15360 / 512 at 5).
//!
//! A client that names only FFDHE groups below the level still gets the first of them
//! (the engine answers a client that names FFDHE groups with one of its groups, RFC
//! 7919 4).

use super::ctx::Settings;
use crate::cipher_string::allowed_at_level;
use crate::config::Config;
use crate::crypto::dh::DhParams;
use crate::msgs::enums::NamedGroup;
use crate::suites::KeyExchange;

/// The smallest DH prime, in bits, allowed at `level`.
fn min_dh_bits(level: u32) -> usize {
    match level {
        0..=2 => 2048,
        3 => 3072,
        4 => 7680,
        _ => 15360,
    }
}

/// The configuration a connection starts with: the settings' configuration with their
/// security level applied.
pub(crate) fn config_for(settings: &Settings) -> Config {
    let mut config = settings.config.clone();
    let level = u32::try_from(settings.security_level).unwrap_or(0);
    config.security_level = level;
    config.suites.retain(|s| allowed_at_level(s, level));
    let min_bits = min_dh_bits(level);
    config.min_dh_bits = config.min_dh_bits.max(min_bits);
    config.groups.retain(|g| DhParams::named(*g).is_none_or(|p| p.bits() >= min_bits));
    let server_group = config.dh_params.clone().or_else(|| DhParams::named(NamedGroup::Ffdhe2048));
    if server_group.is_some_and(|p| p.bits() < min_bits) {
        config.dh_params = [NamedGroup::Ffdhe3072, NamedGroup::Ffdhe4096]
            .into_iter()
            .filter_map(DhParams::named)
            .find(|p| p.bits() >= min_bits);
        if config.dh_params.is_none() {
            config.suites.retain(|s| !matches!(s.kx, KeyExchange::Dhe | KeyExchange::DhePsk));
        }
    }
    config
}

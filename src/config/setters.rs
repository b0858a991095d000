//! The setters of [`Config`] that check what they are given: a cipher string, the
//! version limits, group and signature algorithm lists, the ALPN protocol list in wire
//! format and the session ID context. Each fails with an [`Error`] whose detail says
//! what was wrong, and then leaves the setting as it was.

use super::{lists, Config};
use crate::error::{Error, Reason};
use crate::msgs::enums::{TLS12, TLS13};

/// The longest session ID context (OpenSSL's `SSL_MAX_SID_CTX_LENGTH`).
pub const MAX_SESSION_ID_CONTEXT: usize = 32;

/// `version` as a protocol version a limit may name (0: no limit; SSL 3.0 to TLS 1.3).
fn version_limit(version: i32) -> Result<u16, Error> {
    u16::try_from(version).ok().filter(|&v| v == 0 || (0x0300..=TLS13).contains(&v)).ok_or_else(|| {
        Error::local(Reason::UNSUPPORTED_PROTOCOL, format!("version {version:#06x} is not a TLS version"))
    })
}

/// Turns a list parser's complaint into an error with `reason`.
fn list_error(reason: Reason) -> impl FnOnce(String) -> Error {
    move |why| Error::local(reason, why)
}

impl Config {
    /// Sets the suites (and, with `@SECLEVEL=n`, the security level) from an OpenSSL
    /// cipher string (see [`crate::cipher_string::parse`]).
    pub fn set_cipher_list(&mut self, list: &str) -> Result<(), Error> {
        let parsed = crate::cipher_string::parse(list)?;
        self.suites = parsed.suites;
        if let Some(level) = parsed.security_level {
            self.security_level = level;
        }
        Ok(())
    }

    /// Sets the lowest version allowed (0: no limit). TLS 1.2 is the only protocol, so
    /// a minimum above it fails; lower values are kept and change nothing.
    pub fn set_min_version(&mut self, version: i32) -> Result<(), Error> {
        let limit = version_limit(version)?;
        if limit > TLS12 {
            return Err(Error::local(
                Reason::UNSUPPORTED_PROTOCOL,
                format!("version {version:#06x} is above TLS 1.2, the only version this library speaks"),
            ));
        }
        self.min_version = limit;
        Ok(())
    }

    /// Sets the highest version allowed (0: no limit). A maximum below TLS 1.2 is kept;
    /// handshakes then fail with "no protocols available".
    pub fn set_max_version(&mut self, version: i32) -> Result<(), Error> {
        self.max_version = version_limit(version)?;
        Ok(())
    }

    /// Sets the key exchange groups from a list such as "X25519:P-256:ffdhe2048" (see
    /// [`lists::parse_groups`]).
    pub fn set_groups_list(&mut self, list: &str) -> Result<(), Error> {
        self.groups = lists::parse_groups(list).map_err(list_error(Reason::WRONG_CURVE))?;
        Ok(())
    }

    /// Sets the signature algorithms from a list such as "ECDSA+SHA256:rsa_pss_rsae_sha256"
    /// (see [`lists::parse_sigalgs`]).
    pub fn set_sigalgs_list(&mut self, list: &str) -> Result<(), Error> {
        self.sigalgs = lists::parse_sigalgs(list).map_err(list_error(Reason::NO_SUITABLE_SIGNATURE_ALGORITHM))?;
        Ok(())
    }

    /// Sets the ALPN protocols from their wire format (each name preceded by its
    /// length); an empty list turns ALPN off.
    pub fn set_alpn_wire(&mut self, wire: &[u8]) -> Result<(), Error> {
        self.alpn_protocols = lists::parse_alpn_wire(wire)
            .ok_or_else(|| Error::local(Reason::BAD_EXTENSION, "the protocol list is not in ALPN wire format"))?;
        Ok(())
    }

    /// Sets the session ID context (at most [`MAX_SESSION_ID_CONTEXT`] bytes): sessions
    /// resume only under the context they were made in.
    pub fn set_session_id_context(&mut self, context: &[u8]) -> Result<(), Error> {
        if context.len() > MAX_SESSION_ID_CONTEXT {
            return Err(Error::local(
                Reason::BAD_VALUE,
                format!("the context is {} bytes long; at most {MAX_SESSION_ID_CONTEXT} are allowed", context.len()),
            ));
        }
        self.session_id_context = context.to_vec();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_value_leaves_the_setting_alone() {
        let mut config = Config::default();
        config.set_min_version(0x0301).unwrap();
        assert_eq!(config.set_min_version(0x0304).unwrap_err().reason, Reason::UNSUPPORTED_PROTOCOL);
        assert!(config.set_max_version(0x0200).is_err() && config.set_max_version(-1).is_err());
        config.set_max_version(0x0302).unwrap();
        assert_eq!((config.min_version, config.max_version), (0x0301, 0x0302));
        assert!(!config.tls12_enabled(), "a maximum below TLS 1.2 leaves nothing to speak");

        config.set_cipher_list("ECDHE-RSA-AES128-GCM-SHA256@SECLEVEL=2").unwrap();
        assert_eq!((config.suites.len(), config.security_level), (1, 2));
        assert!(config.set_cipher_list("NO-SUCH-SUITE").is_err());
        assert_eq!(config.suites.len(), 1);

        assert_eq!(config.set_groups_list("brainpool").unwrap_err().reason, Reason::WRONG_CURVE);
        config.set_sigalgs_list("ed25519").unwrap();
        assert_eq!(config.sigalgs.len(), 1);

        config.set_alpn_wire(b"\x02h2").unwrap();
        assert_eq!(config.set_alpn_wire(b"\x05h2").unwrap_err().reason, Reason::BAD_EXTENSION);
        assert_eq!(config.alpn_protocols, vec![b"h2".to_vec()]);
        config.set_alpn_wire(b"").unwrap();
        assert!(config.alpn_protocols.is_empty());

        assert!(config.set_session_id_context(&[7; 33]).is_err());
        config.set_session_id_context(&[7; 32]).unwrap();
        assert_eq!(config.session_id_context.len(), 32);
    }
}

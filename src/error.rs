//! The one error type. Every failure knows the alert to send to the peer (if any),
//! a stable [`Reason`], a sentence for people, and where in the library it arose.
//! The reasons are the engine's own; the C layer translates them to OpenSSL's
//! `SSL_R_*` numbers (`capi::reason`), so that C code comparing `ERR_GET_REASON` keeps
//! working.

use crate::msgs::enums::AlertDescription;
use std::fmt;
use std::panic::Location;

macro_rules! reasons {
    ($($name:ident, $text:expr;)*) => {
        /// Why something failed: a stable kind, with the short text OpenSSL users know.
        /// The names are OpenSSL's reason names (`SSL_R_BAD_DATA` is [`Reason::BAD_DATA`]),
        /// so that the C layer's table and searches across both code bases line up.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Reason {
            $(
                #[doc = $text]
                $name,
            )*
            /// The peer sent us this fatal alert.
            ALERT_RECEIVED(AlertDescription),
        }

        impl Reason {
            /// Every reason that is not a received alert.
            pub const ALL: &'static [Reason] = &[$(Reason::$name,)*];

            /// The short sentence OpenSSL users see for this reason.
            pub fn text(self) -> String {
                match self {
                    $(Reason::$name => $text.to_string(),)*
                    Reason::ALERT_RECEIVED(alert) => format!("peer sent alert: {}", alert.text()),
                }
            }
        }
    };
}

reasons! {
    BAD_DATA, "bad data";
    BAD_CHANGE_CIPHER_SPEC, "bad change cipher spec";
    HTTPS_PROXY_REQUEST, "https proxy request";
    NO_CIPHERS_SPECIFIED, "no ciphers specified";
    NO_COMPRESSION_SPECIFIED, "no compression specified";
    BAD_DH_VALUE, "bad dh value";
    BAD_PSK, "bad psk";
    BAD_PSK_IDENTITY, "bad psk identity";
    DH_KEY_TOO_SMALL, "dh key too small";
    EE_KEY_TOO_SMALL, "ee key too small";
    PSK_IDENTITY_NOT_FOUND, "psk identity not found";
    PSK_NO_CLIENT_CB, "psk no client cb";
    PSK_NO_SERVER_CB, "psk no server cb";
    BAD_ECPOINT, "bad elliptic curve point";
    BAD_EXTENSION, "bad extension";
    BAD_PACKET_LENGTH, "bad packet length";
    BAD_SIGNATURE, "bad signature";
    BAD_VALUE, "bad value";
    CALLBACK_FAILED, "callback failed";
    CCS_RECEIVED_EARLY, "change cipher spec received early";
    CERTIFICATE_VERIFY_FAILED, "certificate verify failed";
    DATA_BETWEEN_CCS_AND_FINISHED, "data between ccs and finished";
    DATA_LENGTH_TOO_LONG, "data length too long";
    DECRYPTION_FAILED_OR_BAD_RECORD_MAC, "decryption failed or bad record mac";
    DIGEST_CHECK_FAILED, "digest check failed";
    ENCRYPTED_LENGTH_TOO_LONG, "encrypted length too long";
    EXCESSIVE_MESSAGE_SIZE, "excessive message size";
    HTTP_REQUEST, "http request";
    INCONSISTENT_EXTMS, "inconsistent extended master secret";
    INTERNAL_ERROR, "internal error";
    LENGTH_MISMATCH, "length mismatch";
    MISSING_SIGALGS_EXTENSION, "missing sigalgs extension";
    NO_APPLICATION_PROTOCOL, "no application protocol";
    NO_CERTIFICATE_ASSIGNED, "no certificate assigned";
    NO_CIPHER_MATCH, "no cipher match";
    NO_PRIVATE_KEY_ASSIGNED, "no private key assigned";
    NO_PROTOCOLS_AVAILABLE, "no protocols available";
    NO_RENEGOTIATION, "no renegotiation";
    NO_SHARED_CIPHER, "no shared cipher";
    NO_SHARED_SIGNATURE_ALGORITHMS, "no shared signature algorithms";
    NO_SUITABLE_KEY_SHARE, "no suitable key share";
    NO_SUITABLE_SIGNATURE_ALGORITHM, "no suitable signature algorithm";
    PACKET_LENGTH_TOO_LONG, "packet length too long";
    PASSED_NULL_PARAMETER, "passed a null parameter";
    PEER_DID_NOT_RETURN_A_CERTIFICATE, "peer did not return a certificate";
    PROTOCOL_IS_SHUTDOWN, "protocol is shutdown";
    RECORD_LENGTH_MISMATCH, "record length mismatch";
    RECORD_TOO_SMALL, "record too small";
    RENEGOTIATION_MISMATCH, "renegotiation mismatch";
    SSL_HANDSHAKE_FAILURE, "ssl handshake failure";
    TOO_MANY_WARN_ALERTS, "too many warn alerts";
    UNEXPECTED_EOF_WHILE_READING, "unexpected eof while reading";
    UNEXPECTED_MESSAGE, "unexpected message";
    UNEXPECTED_RECORD, "unexpected record";
    UNINITIALIZED, "uninitialized";
    UNKNOWN_ALERT_TYPE, "unknown alert type";
    UNKNOWN_CIPHER_RETURNED, "unknown cipher returned";
    UNKNOWN_PROTOCOL, "unknown protocol";
    UNSAFE_LEGACY_RENEGOTIATION_DISABLED, "unsafe legacy renegotiation disabled";
    UNSUPPORTED_PROTOCOL, "unsupported protocol";
    VERSION_TOO_LOW, "version too low";
    WRONG_CERTIFICATE_TYPE, "wrong certificate type";
    WRONG_CIPHER_RETURNED, "wrong cipher returned";
    WRONG_CURVE, "wrong curve";
    WRONG_SIGNATURE_TYPE, "wrong signature type";
    WRONG_VERSION_NUMBER, "wrong version number";
    X509_LIB, "X509 lib";
    SYSTEM_LIB, "system lib";
    KEY_VALUES_MISMATCH, "key values mismatch";
    NO_SUCH_FILE, "no such file";
    NOT_SUPPORTED, "not supported";
    BAD_DECRYPT, "bad decrypt";
    PROBLEMS_GETTING_PASSWORD, "problems getting password";
}

/// A failure: what to tell the peer, a stable reason, what happened in words, and
/// where in the library it arose. Two errors are equal when they say the same thing,
/// wherever they arose.
#[derive(Clone, Debug)]
pub struct Error {
    /// The fatal alert to send to the peer, if the failure is one the peer must hear of.
    pub alert: Option<AlertDescription>,
    /// The stable reason.
    pub reason: Reason,
    /// Details for people: what exactly was wrong.
    pub detail: String,
    /// The source line that raised the failure (the first caller of a constructor that
    /// is not itself `#[track_caller]`); the C error queue reports it.
    pub location: &'static Location<'static>,
}

impl Error {
    /// A failure that sends `alert` to the peer.
    #[track_caller]
    pub fn fatal(alert: AlertDescription, reason: Reason, detail: impl Into<String>) -> Error {
        Error { alert: Some(alert), reason, detail: detail.into(), location: Location::caller() }
    }

    /// A local failure that the peer is not told about (bad argument, missing file ...).
    #[track_caller]
    pub fn local(reason: Reason, detail: impl Into<String>) -> Error {
        Error { alert: None, reason, detail: detail.into(), location: Location::caller() }
    }

    /// A malformed message: `decode_error`.
    #[track_caller]
    pub fn decode(detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::DecodeError, Reason::LENGTH_MISMATCH, detail)
    }

    /// A message that the current state does not expect: `unexpected_message`.
    #[track_caller]
    pub fn unexpected(detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::UnexpectedMessage, Reason::UNEXPECTED_MESSAGE, detail)
    }

    /// A value that is well formed but not acceptable: `illegal_parameter`.
    #[track_caller]
    pub fn illegal(reason: Reason, detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::IllegalParameter, reason, detail)
    }

    /// A choice of the peer that breaks no rule but that our policy refuses:
    /// `handshake_failure`.
    #[track_caller]
    pub fn handshake_failure(reason: Reason, detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::HandshakeFailure, reason, detail)
    }

    /// A certificate that cannot be used: `bad_certificate`.
    #[track_caller]
    pub fn bad_certificate(reason: Reason, detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::BadCertificate, reason, detail)
    }

    /// A record that fails authentication, whatever the cause: `bad_record_mac`.
    #[track_caller]
    pub fn bad_record_mac() -> Error {
        Error::fatal(
            AlertDescription::BadRecordMac,
            Reason::DECRYPTION_FAILED_OR_BAD_RECORD_MAC,
            "a record failed authentication",
        )
    }

    /// Something that cannot happen unless the library is wrong: `internal_error`.
    #[track_caller]
    pub fn internal(detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::InternalError, Reason::INTERNAL_ERROR, detail)
    }

    /// The peer told us a fatal alert.
    #[track_caller]
    pub fn alert_received(alert: AlertDescription) -> Error {
        Error::local(Reason::ALERT_RECEIVED(alert), format!("the peer sent a fatal {} alert", alert.text()))
    }
}

impl PartialEq for Error {
    /// Equal when alert, reason and detail are; the location does not count.
    fn eq(&self, other: &Error) -> bool {
        self.alert == other.alert && self.reason == other.reason && self.detail == other.detail
    }
}

impl Eq for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail.is_empty() {
            f.write_str(&self.reason.text())
        } else {
            write!(f, "{}: {}", self.reason.text(), self.detail)
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_records_the_line_that_raised_it() {
        let line = line!() + 1;
        let error = Error::decode("short");
        assert_eq!((error.location.file(), error.location.line()), (file!(), line));
        assert_eq!(Error::illegal(Reason::BAD_VALUE, "x").location.file(), file!());
    }

    #[test]
    fn equality_ignores_the_location() {
        let first = Error::local(Reason::BAD_VALUE, "x");
        let second = Error::local(Reason::BAD_VALUE, "x");
        assert_ne!(first.location.line(), second.location.line());
        assert_eq!(first, second);
        assert_ne!(first, Error::local(Reason::BAD_DATA, "x"));
    }
}

//! The one error type. Every failure knows the alert to send to the peer (if any),
//! a stable reason code (OpenSSL's `SSL_R_*` value where OpenSSL has one, so that C code
//! comparing `ERR_GET_REASON` keeps working) and a sentence for people.

use crate::msgs::enums::AlertDescription;
use std::fmt;

/// A stable reason code. The values are OpenSSL's `SSL_R_*` numbers; a received fatal
/// alert is `1000 + alert`, as in OpenSSL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reason(pub u32);

macro_rules! reasons {
    ($($name:ident = $value:expr, $text:expr;)*) => {
        impl Reason {
            $(
                #[doc = $text]
                pub const $name: Reason = Reason($value);
            )*

            /// The short sentence OpenSSL users see for this reason.
            pub fn text(self) -> String {
                match self.0 {
                    $($value => $text.to_string(),)*
                    n if (1000..1256).contains(&n) => {
                        let alert = AlertDescription::from((n - 1000) as u8);
                        format!("peer sent alert: {}", alert.text())
                    }
                    n => format!("error {n}"),
                }
            }
        }
    };
}

reasons! {
    BAD_DATA = 390, "bad data";
    BAD_DH_VALUE = 102, "bad dh value";
    BAD_PSK = 219, "bad psk";
    BAD_PSK_IDENTITY = 114, "bad psk identity";
    DH_KEY_TOO_SMALL = 394, "dh key too small";
    EE_KEY_TOO_SMALL = 399, "ee key too small";
    PSK_IDENTITY_NOT_FOUND = 223, "psk identity not found";
    PSK_NO_CLIENT_CB = 224, "psk no client cb";
    PSK_NO_SERVER_CB = 225, "psk no server cb";
    BAD_ECPOINT = 306, "bad elliptic curve point";
    BAD_EXTENSION = 110, "bad extension";
    BAD_PACKET_LENGTH = 115, "bad packet length";
    BAD_SIGNATURE = 123, "bad signature";
    BAD_VALUE = 384, "bad value";
    CALLBACK_FAILED = 234, "callback failed";
    CCS_RECEIVED_EARLY = 133, "change cipher spec received early";
    CERTIFICATE_VERIFY_FAILED = 134, "certificate verify failed";
    DATA_BETWEEN_CCS_AND_FINISHED = 145, "data between ccs and finished";
    DATA_LENGTH_TOO_LONG = 146, "data length too long";
    DECRYPTION_FAILED_OR_BAD_RECORD_MAC = 281, "decryption failed or bad record mac";
    DIGEST_CHECK_FAILED = 149, "digest check failed";
    ENCRYPTED_LENGTH_TOO_LONG = 150, "encrypted length too long";
    EXCESSIVE_MESSAGE_SIZE = 152, "excessive message size";
    HTTP_REQUEST = 156, "http request";
    INCONSISTENT_EXTMS = 104, "inconsistent extended master secret";
    INTERNAL_ERROR = 68, "internal error";
    LENGTH_MISMATCH = 159, "length mismatch";
    MISSING_SIGALGS_EXTENSION = 112, "missing sigalgs extension";
    NO_APPLICATION_PROTOCOL = 235, "no application protocol";
    NO_CERTIFICATE_ASSIGNED = 177, "no certificate assigned";
    NO_CIPHER_MATCH = 185, "no cipher match";
    NO_PRIVATE_KEY_ASSIGNED = 190, "no private key assigned";
    NO_PROTOCOLS_AVAILABLE = 191, "no protocols available";
    NO_RENEGOTIATION = 339, "no renegotiation";
    NO_SHARED_CIPHER = 193, "no shared cipher";
    NO_SHARED_SIGNATURE_ALGORITHMS = 376, "no shared signature algorithms";
    NO_SUITABLE_KEY_SHARE = 101, "no suitable key share";
    NO_SUITABLE_SIGNATURE_ALGORITHM = 118, "no suitable signature algorithm";
    PACKET_LENGTH_TOO_LONG = 198, "packet length too long";
    PASSED_NULL_PARAMETER = 196, "passed a null parameter";
    PEER_DID_NOT_RETURN_A_CERTIFICATE = 199, "peer did not return a certificate";
    PROTOCOL_IS_SHUTDOWN = 207, "protocol is shutdown";
    RECORD_LENGTH_MISMATCH = 213, "record length mismatch";
    RECORD_TOO_SMALL = 298, "record too small";
    RENEGOTIATION_MISMATCH = 337, "renegotiation mismatch";
    SSL_HANDSHAKE_FAILURE = 229, "ssl handshake failure";
    TOO_MANY_WARN_ALERTS = 409, "too many warn alerts";
    UNEXPECTED_EOF_WHILE_READING = 294, "unexpected eof while reading";
    UNEXPECTED_MESSAGE = 244, "unexpected message";
    UNEXPECTED_RECORD = 245, "unexpected record";
    UNINITIALIZED = 276, "uninitialized";
    UNKNOWN_ALERT_TYPE = 246, "unknown alert type";
    UNKNOWN_CIPHER_RETURNED = 248, "unknown cipher returned";
    UNKNOWN_PROTOCOL = 252, "unknown protocol";
    UNSAFE_LEGACY_RENEGOTIATION_DISABLED = 338, "unsafe legacy renegotiation disabled";
    UNSUPPORTED_PROTOCOL = 258, "unsupported protocol";
    VERSION_TOO_LOW = 396, "version too low";
    WRONG_CERTIFICATE_TYPE = 383, "wrong certificate type";
    WRONG_CIPHER_RETURNED = 261, "wrong cipher returned";
    WRONG_CURVE = 378, "wrong curve";
    WRONG_SIGNATURE_TYPE = 370, "wrong signature type";
    WRONG_VERSION_NUMBER = 267, "wrong version number";
    X509_LIB = 268, "X509 lib";
    SYSTEM_LIB = 2, "system lib";
    KEY_VALUES_MISMATCH = 288, "key values mismatch";
    NO_SUCH_FILE = 128, "no such file";
    NOT_SUPPORTED = 127, "not supported";
    BAD_DECRYPT = 100, "bad decrypt";
    PROBLEMS_GETTING_PASSWORD = 109, "problems getting password";
}

impl Reason {
    /// The reason recorded when the peer sends us a fatal alert.
    pub fn alert_received(alert: AlertDescription) -> Reason {
        Reason(1000 + u32::from(u8::from(alert)))
    }
}

/// A failure: what to tell the peer, a stable code, and what happened in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The fatal alert to send to the peer, if the failure is one the peer must hear of.
    pub alert: Option<AlertDescription>,
    /// The stable reason code.
    pub reason: Reason,
    /// Details for people: what exactly was wrong.
    pub detail: String,
}

impl Error {
    /// A failure that sends `alert` to the peer.
    pub fn fatal(alert: AlertDescription, reason: Reason, detail: impl Into<String>) -> Error {
        Error { alert: Some(alert), reason, detail: detail.into() }
    }

    /// A local failure that the peer is not told about (bad argument, missing file ...).
    pub fn local(reason: Reason, detail: impl Into<String>) -> Error {
        Error { alert: None, reason, detail: detail.into() }
    }

    /// A malformed message: `decode_error`.
    pub fn decode(detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::DecodeError, Reason::LENGTH_MISMATCH, detail)
    }

    /// A message that the current state does not expect: `unexpected_message`.
    pub fn unexpected(detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::UnexpectedMessage, Reason::UNEXPECTED_MESSAGE, detail)
    }

    /// A value that is well formed but not acceptable: `illegal_parameter`.
    pub fn illegal(reason: Reason, detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::IllegalParameter, reason, detail)
    }

    /// Something that cannot happen unless the library is wrong: `internal_error`.
    pub fn internal(detail: impl Into<String>) -> Error {
        Error::fatal(AlertDescription::InternalError, Reason::INTERNAL_ERROR, detail)
    }

    /// The peer told us a fatal alert.
    pub fn alert_received(alert: AlertDescription) -> Error {
        Error {
            alert: None,
            reason: Reason::alert_received(alert),
            detail: format!("the peer sent a fatal {} alert", alert.text()),
        }
    }
}

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

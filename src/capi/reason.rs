//! The engine's [`Reason`]s as OpenSSL's `SSL_R_*` reason numbers: the one table
//! between the two, read in both directions (the error queue packs the number; the
//! texts are found from it again).

use crate::error::Reason;

/// OpenSSL's number for a received fatal alert is this plus the alert.
const ALERT_RECEIVED_BASE: u32 = 1000;

/// OpenSSL's `SSL_R_*` number for `reason` (a received fatal alert is `1000 + alert`,
/// as in OpenSSL).
pub fn ssl_reason_code(reason: Reason) -> u32 {
    match reason {
        Reason::BAD_DATA => 390,
        Reason::BAD_CHANGE_CIPHER_SPEC => 103,
        Reason::HTTPS_PROXY_REQUEST => 155,
        Reason::NO_CIPHERS_SPECIFIED => 183,
        Reason::NO_COMPRESSION_SPECIFIED => 187,
        Reason::BAD_DH_VALUE => 102,
        Reason::BAD_PSK => 219,
        Reason::BAD_PSK_IDENTITY => 114,
        Reason::DH_KEY_TOO_SMALL => 394,
        Reason::EE_KEY_TOO_SMALL => 399,
        Reason::PSK_IDENTITY_NOT_FOUND => 223,
        Reason::PSK_NO_CLIENT_CB => 224,
        Reason::PSK_NO_SERVER_CB => 225,
        Reason::BAD_ECPOINT => 306,
        Reason::BAD_EXTENSION => 110,
        Reason::BAD_PACKET_LENGTH => 115,
        Reason::BAD_SIGNATURE => 123,
        Reason::BAD_VALUE => 384,
        Reason::CALLBACK_FAILED => 234,
        Reason::CCS_RECEIVED_EARLY => 133,
        Reason::CERTIFICATE_VERIFY_FAILED => 134,
        Reason::DATA_BETWEEN_CCS_AND_FINISHED => 145,
        Reason::DATA_LENGTH_TOO_LONG => 146,
        Reason::DECRYPTION_FAILED_OR_BAD_RECORD_MAC => 281,
        Reason::DIGEST_CHECK_FAILED => 149,
        Reason::ENCRYPTED_LENGTH_TOO_LONG => 150,
        Reason::EXCESSIVE_MESSAGE_SIZE => 152,
        Reason::HTTP_REQUEST => 156,
        Reason::INCONSISTENT_EXTMS => 104,
        Reason::INTERNAL_ERROR => 68,
        Reason::LENGTH_MISMATCH => 159,
        Reason::MISSING_SIGALGS_EXTENSION => 112,
        Reason::NO_APPLICATION_PROTOCOL => 235,
        Reason::NO_CERTIFICATE_ASSIGNED => 177,
        Reason::NO_CIPHER_MATCH => 185,
        Reason::NO_PRIVATE_KEY_ASSIGNED => 190,
        Reason::NO_PROTOCOLS_AVAILABLE => 191,
        Reason::NO_RENEGOTIATION => 339,
        Reason::NO_SHARED_CIPHER => 193,
        Reason::NO_SHARED_SIGNATURE_ALGORITHMS => 376,
        Reason::NO_SUITABLE_KEY_SHARE => 101,
        Reason::NO_SUITABLE_SIGNATURE_ALGORITHM => 118,
        Reason::PACKET_LENGTH_TOO_LONG => 198,
        Reason::PASSED_NULL_PARAMETER => 196,
        Reason::PEER_DID_NOT_RETURN_A_CERTIFICATE => 199,
        Reason::PROTOCOL_IS_SHUTDOWN => 207,
        Reason::RECORD_LENGTH_MISMATCH => 213,
        Reason::RECORD_TOO_SMALL => 298,
        Reason::RENEGOTIATION_MISMATCH => 337,
        Reason::SSL_HANDSHAKE_FAILURE => 229,
        Reason::TOO_MANY_WARN_ALERTS => 409,
        Reason::UNEXPECTED_EOF_WHILE_READING => 294,
        Reason::UNEXPECTED_MESSAGE => 244,
        Reason::UNEXPECTED_RECORD => 245,
        Reason::UNINITIALIZED => 276,
        Reason::UNKNOWN_ALERT_TYPE => 246,
        Reason::UNKNOWN_CIPHER_RETURNED => 248,
        Reason::UNKNOWN_PROTOCOL => 252,
        Reason::UNSAFE_LEGACY_RENEGOTIATION_DISABLED => 338,
        Reason::UNSUPPORTED_PROTOCOL => 258,
        Reason::VERSION_TOO_LOW => 396,
        Reason::WRONG_CERTIFICATE_TYPE => 383,
        Reason::WRONG_CIPHER_RETURNED => 261,
        Reason::WRONG_CURVE => 378,
        Reason::WRONG_SIGNATURE_TYPE => 370,
        Reason::WRONG_VERSION_NUMBER => 267,
        Reason::X509_LIB => 268,
        Reason::SYSTEM_LIB => 2,
        Reason::KEY_VALUES_MISMATCH => 288,
        Reason::NO_SUCH_FILE => 128,
        Reason::NOT_SUPPORTED => 127,
        Reason::BAD_DECRYPT => 100,
        Reason::PROBLEMS_GETTING_PASSWORD => 109,
        Reason::ALERT_RECEIVED(alert) => ALERT_RECEIVED_BASE + u32::from(u8::from(alert)),
    }
}

/// The reason that OpenSSL's `SSL_R_*` number `code` stands for, if it is one of ours.
pub(crate) fn reason_for_code(code: u32) -> Option<Reason> {
    match code.checked_sub(ALERT_RECEIVED_BASE) {
        Some(alert) if alert < 256 => {
            Some(Reason::ALERT_RECEIVED(crate::msgs::enums::AlertDescription::from(alert as u8)))
        }
        _ => Reason::ALL.iter().copied().find(|&reason| ssl_reason_code(reason) == code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::enums::AlertDescription;

    #[test]
    fn every_reason_has_its_own_number_and_comes_back_from_it() {
        for &reason in Reason::ALL {
            assert_eq!(reason_for_code(ssl_reason_code(reason)), Some(reason), "{reason:?}");
        }
        let alert = Reason::ALERT_RECEIVED(AlertDescription::HandshakeFailure);
        assert_eq!(ssl_reason_code(alert), 1040);
        assert_eq!(reason_for_code(1040), Some(alert));
        assert_eq!(ssl_reason_code(Reason::CERTIFICATE_VERIFY_FAILED), 134);
        assert_eq!(reason_for_code(999), None);
    }
}

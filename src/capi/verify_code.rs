//! The engine's [`VerifyError`]s as OpenSSL's `X509_V_*` numbers: the one table
//! between the two, read in both directions (`SSL_get_verify_result` and the verify
//! callback's `X509_STORE_CTX_get_error` / `X509_STORE_CTX_set_error`).

use crate::verify::VerifyResult;
use crate::verify_error::VerifyError;

/// `X509_V_OK`: the chain was accepted (or nothing was checked).
pub(crate) const X509_V_OK: i64 = 0;

/// OpenSSL's `X509_V_ERR_*` number for `error`.
pub(crate) fn code_of(error: VerifyError) -> i64 {
    match error {
        VerifyError::UNSPECIFIED => 1,
        VerifyError::UNABLE_TO_GET_ISSUER_CERT => 2,
        VerifyError::UNABLE_TO_GET_CRL => 3,
        VerifyError::UNABLE_TO_DECRYPT_CERT_SIGNATURE => 4,
        VerifyError::UNABLE_TO_DECRYPT_CRL_SIGNATURE => 5,
        VerifyError::UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY => 6,
        VerifyError::CERT_SIGNATURE_FAILURE => 7,
        VerifyError::CRL_SIGNATURE_FAILURE => 8,
        VerifyError::CERT_NOT_YET_VALID => 9,
        VerifyError::CERT_HAS_EXPIRED => 10,
        VerifyError::CRL_NOT_YET_VALID => 11,
        VerifyError::CRL_HAS_EXPIRED => 12,
        VerifyError::ERROR_IN_CERT_NOT_BEFORE_FIELD => 13,
        VerifyError::ERROR_IN_CERT_NOT_AFTER_FIELD => 14,
        VerifyError::ERROR_IN_CRL_LAST_UPDATE_FIELD => 15,
        VerifyError::ERROR_IN_CRL_NEXT_UPDATE_FIELD => 16,
        VerifyError::OUT_OF_MEM => 17,
        VerifyError::DEPTH_ZERO_SELF_SIGNED_CERT => 18,
        VerifyError::SELF_SIGNED_CERT_IN_CHAIN => 19,
        VerifyError::UNABLE_TO_GET_ISSUER_CERT_LOCALLY => 20,
        VerifyError::UNABLE_TO_VERIFY_LEAF_SIGNATURE => 21,
        VerifyError::CERT_CHAIN_TOO_LONG => 22,
        VerifyError::CERT_REVOKED => 23,
        VerifyError::NO_ISSUER_PUBLIC_KEY => 24,
        VerifyError::PATH_LENGTH_EXCEEDED => 25,
        VerifyError::INVALID_PURPOSE => 26,
        VerifyError::CERT_UNTRUSTED => 27,
        VerifyError::CERT_REJECTED => 28,
        VerifyError::SUBJECT_ISSUER_MISMATCH => 29,
        VerifyError::AKID_SKID_MISMATCH => 30,
        VerifyError::AKID_ISSUER_SERIAL_MISMATCH => 31,
        VerifyError::KEYUSAGE_NO_CERTSIGN => 32,
        VerifyError::UNABLE_TO_GET_CRL_ISSUER => 33,
        VerifyError::UNHANDLED_CRITICAL_EXTENSION => 34,
        VerifyError::KEYUSAGE_NO_CRL_SIGN => 35,
        VerifyError::UNHANDLED_CRITICAL_CRL_EXTENSION => 36,
        VerifyError::INVALID_NON_CA => 37,
        VerifyError::PROXY_PATH_LENGTH_EXCEEDED => 38,
        VerifyError::KEYUSAGE_NO_DIGITAL_SIGNATURE => 39,
        VerifyError::PROXY_CERTIFICATES_NOT_ALLOWED => 40,
        VerifyError::INVALID_EXTENSION => 41,
        VerifyError::INVALID_POLICY_EXTENSION => 42,
        VerifyError::NO_EXPLICIT_POLICY => 43,
        VerifyError::DIFFERENT_CRL_SCOPE => 44,
        VerifyError::UNSUPPORTED_EXTENSION_FEATURE => 45,
        VerifyError::UNNESTED_RESOURCE => 46,
        VerifyError::PERMITTED_VIOLATION => 47,
        VerifyError::EXCLUDED_VIOLATION => 48,
        VerifyError::SUBTREE_MINMAX => 49,
        VerifyError::APPLICATION_VERIFICATION => 50,
        VerifyError::UNSUPPORTED_CONSTRAINT_TYPE => 51,
        VerifyError::UNSUPPORTED_CONSTRAINT_SYNTAX => 52,
        VerifyError::UNSUPPORTED_NAME_SYNTAX => 53,
        VerifyError::CRL_PATH_VALIDATION_ERROR => 54,
        VerifyError::PATH_LOOP => 55,
        VerifyError::SUITE_B_INVALID_VERSION => 56,
        VerifyError::SUITE_B_INVALID_ALGORITHM => 57,
        VerifyError::SUITE_B_INVALID_CURVE => 58,
        VerifyError::SUITE_B_INVALID_SIGNATURE_ALGORITHM => 59,
        VerifyError::SUITE_B_LOS_NOT_ALLOWED => 60,
        VerifyError::SUITE_B_CANNOT_SIGN_P_384_WITH_P_256 => 61,
        VerifyError::HOSTNAME_MISMATCH => 62,
        VerifyError::EMAIL_MISMATCH => 63,
        VerifyError::IP_ADDRESS_MISMATCH => 64,
        VerifyError::DANE_NO_MATCH => 65,
        VerifyError::EE_KEY_TOO_SMALL => 66,
        VerifyError::CA_KEY_TOO_SMALL => 67,
        VerifyError::CA_MD_TOO_WEAK => 68,
        VerifyError::INVALID_CALL => 69,
        VerifyError::STORE_LOOKUP => 70,
        VerifyError::NO_VALID_SCTS => 71,
        VerifyError::PROXY_SUBJECT_NAME_VIOLATION => 72,
        VerifyError::OCSP_VERIFY_NEEDED => 73,
        VerifyError::OCSP_VERIFY_FAILED => 74,
        VerifyError::OCSP_CERT_UNKNOWN => 75,
        VerifyError::UNSUPPORTED_SIGNATURE_ALGORITHM => 76,
        VerifyError::SIGNATURE_ALGORITHM_MISMATCH => 77,
        VerifyError::SIGNATURE_ALGORITHM_INCONSISTENCY => 78,
        VerifyError::INVALID_CA => 79,
        VerifyError::PATHLEN_INVALID_FOR_NON_CA => 80,
        VerifyError::PATHLEN_WITHOUT_KU_KEY_CERT_SIGN => 81,
        VerifyError::KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA => 82,
        VerifyError::ISSUER_NAME_EMPTY => 83,
        VerifyError::SUBJECT_NAME_EMPTY => 84,
        VerifyError::MISSING_AUTHORITY_KEY_IDENTIFIER => 85,
        VerifyError::MISSING_SUBJECT_KEY_IDENTIFIER => 86,
        VerifyError::EMPTY_SUBJECT_ALT_NAME => 87,
        VerifyError::EMPTY_SUBJECT_SAN_NOT_CRITICAL => 88,
        VerifyError::CA_BCONS_NOT_CRITICAL => 89,
        VerifyError::AUTHORITY_KEY_IDENTIFIER_CRITICAL => 90,
        VerifyError::SUBJECT_KEY_IDENTIFIER_CRITICAL => 91,
        VerifyError::CA_CERT_MISSING_KEY_USAGE => 92,
        VerifyError::EXTENSIONS_REQUIRE_VERSION_3 => 93,
        VerifyError::EC_KEY_EXPLICIT_PARAMS => 94,
    }
}

/// OpenSSL's `X509_V_*` number for a verification result: `X509_V_OK` or the number
/// of its failure.
pub fn x509_v_code(result: VerifyResult) -> i64 {
    result.error.map_or(X509_V_OK, code_of)
}

/// The failure that OpenSSL's `X509_V_ERR_*` number `code` stands for; `None` for
/// `X509_V_OK` and numbers OpenSSL does not define.
pub(crate) fn verify_error_for_code(code: i64) -> Option<VerifyError> {
    VerifyError::ALL.iter().copied().find(|&error| code_of(error) == code)
}

/// The verification result an `X509_V_*` number set by the application stands for, at
/// `depth`: a number OpenSSL does not define is an unspecified failure.
pub(crate) fn result_for_code(code: i64, depth: usize) -> VerifyResult {
    match (code, verify_error_for_code(code)) {
        (X509_V_OK, _) => VerifyResult::OK,
        (_, Some(error)) => VerifyResult::failure(error, depth),
        (_, None) => VerifyResult::failure(VerifyError::UNSPECIFIED, depth),
    }
}

/// OpenSSL's text for an `X509_V_*` number (`X509_verify_cert_error_string`).
pub(crate) fn verify_code_text(code: i64) -> &'static str {
    match (code, verify_error_for_code(code)) {
        (X509_V_OK, _) => "ok",
        (_, Some(error)) => error.text(),
        (_, None) => "unknown certificate verification error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_openssls_and_each_comes_back() {
        for (position, &error) in VerifyError::ALL.iter().enumerate() {
            assert_eq!(code_of(error), position as i64 + 1, "{error:?}: OpenSSL numbers them 1, 2, ...");
            assert_eq!(verify_error_for_code(code_of(error)), Some(error));
        }
        assert_eq!(x509_v_code(VerifyResult::failure(VerifyError::CERT_HAS_EXPIRED, 0)), 10);
        assert_eq!(x509_v_code(VerifyResult::OK), X509_V_OK);
        assert_eq!(verify_code_text(0), "ok");
        assert_eq!(verify_code_text(10), "certificate has expired");
        assert_eq!(verify_code_text(4000), "unknown certificate verification error");
        assert_eq!(result_for_code(4000, 1), VerifyResult::failure(VerifyError::UNSPECIFIED, 1));
    }
}

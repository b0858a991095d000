//! Why a certificate chain was not accepted: the kinds of failure OpenSSL's chain
//! verification reports, each with OpenSSL's text and the alert the peer gets when it
//! aborts a handshake. The C layer translates them to and from OpenSSL's
//! `X509_V_ERR_*` numbers (`capi::verify_code`).

use crate::msgs::enums::AlertDescription;

macro_rules! verify_errors {
    ($($name:ident, $alert:ident, $text:expr;)*) => {
        /// A reason a chain was not accepted. The names are OpenSSL's
        /// (`X509_V_ERR_CERT_HAS_EXPIRED` is [`VerifyError::CERT_HAS_EXPIRED`]), so that
        /// the C layer's table and searches across both code bases line up; an
        /// application's verify callback may report any of them.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum VerifyError {
            $(
                #[doc = $text]
                $name,
            )*
        }

        impl VerifyError {
            /// Every kind, in a fixed order that new kinds only extend (sessions store
            /// the position).
            pub const ALL: &'static [VerifyError] = &[$(VerifyError::$name,)*];

            /// OpenSSL's text for this failure (`X509_verify_cert_error_string`).
            pub fn text(self) -> &'static str {
                match self {
                    $(VerifyError::$name => $text,)*
                }
            }

            /// The alert a peer gets when this failure aborts the handshake (OpenSSL's
            /// choice for each).
            pub fn alert(self) -> AlertDescription {
                match self {
                    $(VerifyError::$name => AlertDescription::$alert,)*
                }
            }
        }
    };
}

verify_errors! {
    UNSPECIFIED, InternalError, "unspecified certificate verification error";
    UNABLE_TO_GET_ISSUER_CERT, UnknownCa, "unable to get issuer certificate";
    UNABLE_TO_GET_CRL, UnknownCa, "unable to get certificate CRL";
    UNABLE_TO_DECRYPT_CERT_SIGNATURE, BadCertificate, "unable to decrypt certificate's signature";
    UNABLE_TO_DECRYPT_CRL_SIGNATURE, BadCertificate, "unable to decrypt CRL's signature";
    UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, BadCertificate, "unable to decode issuer public key";
    CERT_SIGNATURE_FAILURE, DecryptError, "certificate signature failure";
    CRL_SIGNATURE_FAILURE, DecryptError, "CRL signature failure";
    CERT_NOT_YET_VALID, BadCertificate, "certificate is not yet valid";
    CERT_HAS_EXPIRED, CertificateExpired, "certificate has expired";
    CRL_NOT_YET_VALID, BadCertificate, "CRL is not yet valid";
    CRL_HAS_EXPIRED, CertificateExpired, "CRL has expired";
    ERROR_IN_CERT_NOT_BEFORE_FIELD, BadCertificate, "format error in certificate's notBefore field";
    ERROR_IN_CERT_NOT_AFTER_FIELD, BadCertificate, "format error in certificate's notAfter field";
    ERROR_IN_CRL_LAST_UPDATE_FIELD, BadCertificate, "format error in CRL's lastUpdate field";
    ERROR_IN_CRL_NEXT_UPDATE_FIELD, BadCertificate, "format error in CRL's nextUpdate field";
    OUT_OF_MEM, InternalError, "out of memory";
    DEPTH_ZERO_SELF_SIGNED_CERT, UnknownCa, "self-signed certificate";
    SELF_SIGNED_CERT_IN_CHAIN, UnknownCa, "self-signed certificate in certificate chain";
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY, UnknownCa, "unable to get local issuer certificate";
    UNABLE_TO_VERIFY_LEAF_SIGNATURE, UnknownCa, "unable to verify the first certificate";
    CERT_CHAIN_TOO_LONG, UnknownCa, "certificate chain too long";
    CERT_REVOKED, CertificateRevoked, "certificate revoked";
    NO_ISSUER_PUBLIC_KEY, CertificateUnknown, "issuer certificate doesn't have a public key";
    PATH_LENGTH_EXCEEDED, UnknownCa, "path length constraint exceeded";
    INVALID_PURPOSE, UnsupportedCertificate, "unsuitable certificate purpose";
    CERT_UNTRUSTED, BadCertificate, "certificate not trusted";
    CERT_REJECTED, BadCertificate, "certificate rejected";
    SUBJECT_ISSUER_MISMATCH, CertificateUnknown, "subject issuer mismatch";
    AKID_SKID_MISMATCH, CertificateUnknown, "authority and subject key identifier mismatch";
    AKID_ISSUER_SERIAL_MISMATCH, CertificateUnknown, "authority and issuer serial number mismatch";
    KEYUSAGE_NO_CERTSIGN, CertificateUnknown, "key usage does not include certificate signing";
    UNABLE_TO_GET_CRL_ISSUER, UnknownCa, "unable to get CRL issuer certificate";
    UNHANDLED_CRITICAL_EXTENSION, CertificateUnknown, "unhandled critical extension";
    KEYUSAGE_NO_CRL_SIGN, CertificateUnknown, "key usage does not include CRL signing";
    UNHANDLED_CRITICAL_CRL_EXTENSION, CertificateUnknown, "unhandled critical CRL extension";
    INVALID_NON_CA, CertificateUnknown, "invalid non-CA certificate (has CA markings)";
    PROXY_PATH_LENGTH_EXCEEDED, CertificateUnknown, "proxy path length constraint exceeded";
    KEYUSAGE_NO_DIGITAL_SIGNATURE, CertificateUnknown, "key usage does not include digital signature";
    PROXY_CERTIFICATES_NOT_ALLOWED, CertificateUnknown, "proxy certificates not allowed, please set the appropriate flag";
    INVALID_EXTENSION, CertificateUnknown, "invalid or inconsistent certificate extension";
    INVALID_POLICY_EXTENSION, CertificateUnknown, "invalid or inconsistent certificate policy extension";
    NO_EXPLICIT_POLICY, CertificateUnknown, "no explicit policy";
    DIFFERENT_CRL_SCOPE, CertificateUnknown, "different CRL scope";
    UNSUPPORTED_EXTENSION_FEATURE, CertificateUnknown, "unsupported extension feature";
    UNNESTED_RESOURCE, CertificateUnknown, "RFC 3779 resource not subset of parent's resources";
    PERMITTED_VIOLATION, CertificateUnknown, "permitted subtree violation";
    EXCLUDED_VIOLATION, CertificateUnknown, "excluded subtree violation";
    SUBTREE_MINMAX, CertificateUnknown, "name constraints minimum and maximum not supported";
    APPLICATION_VERIFICATION, HandshakeFailure, "application verification failure";
    UNSUPPORTED_CONSTRAINT_TYPE, CertificateUnknown, "unsupported name constraint type";
    UNSUPPORTED_CONSTRAINT_SYNTAX, CertificateUnknown, "unsupported or invalid name constraint syntax";
    UNSUPPORTED_NAME_SYNTAX, CertificateUnknown, "unsupported or invalid name syntax";
    CRL_PATH_VALIDATION_ERROR, CertificateUnknown, "CRL path validation error";
    PATH_LOOP, CertificateUnknown, "path loop";
    SUITE_B_INVALID_VERSION, CertificateUnknown, "Suite B: certificate version invalid";
    SUITE_B_INVALID_ALGORITHM, CertificateUnknown, "Suite B: invalid public key algorithm";
    SUITE_B_INVALID_CURVE, CertificateUnknown, "Suite B: invalid ECC curve";
    SUITE_B_INVALID_SIGNATURE_ALGORITHM, CertificateUnknown, "Suite B: invalid signature algorithm";
    SUITE_B_LOS_NOT_ALLOWED, CertificateUnknown, "Suite B: curve not allowed for this LOS";
    SUITE_B_CANNOT_SIGN_P_384_WITH_P_256, CertificateUnknown, "Suite B: cannot sign P-384 with P-256";
    HOSTNAME_MISMATCH, BadCertificate, "hostname mismatch";
    EMAIL_MISMATCH, BadCertificate, "email address mismatch";
    IP_ADDRESS_MISMATCH, BadCertificate, "IP address mismatch";
    DANE_NO_MATCH, BadCertificate, "no matching DANE TLSA records";
    EE_KEY_TOO_SMALL, BadCertificate, "EE certificate key too weak";
    CA_KEY_TOO_SMALL, BadCertificate, "CA certificate key too weak";
    CA_MD_TOO_WEAK, BadCertificate, "CA signature digest algorithm too weak";
    INVALID_CALL, InternalError, "invalid certificate verification context";
    STORE_LOOKUP, InternalError, "issuer certificate lookup error";
    NO_VALID_SCTS, CertificateUnknown, "Certificate Transparency required, but no valid SCTs found";
    PROXY_SUBJECT_NAME_VIOLATION, CertificateUnknown, "proxy subject name violation";
    OCSP_VERIFY_NEEDED, CertificateUnknown, "OCSP verification needed";
    OCSP_VERIFY_FAILED, CertificateUnknown, "OCSP verification failed";
    OCSP_CERT_UNKNOWN, CertificateUnknown, "OCSP unknown cert";
    UNSUPPORTED_SIGNATURE_ALGORITHM, CertificateUnknown, "Cannot find certificate signature algorithm";
    SIGNATURE_ALGORITHM_MISMATCH, CertificateUnknown, "subject signature algorithm and issuer public key algorithm mismatch";
    SIGNATURE_ALGORITHM_INCONSISTENCY, CertificateUnknown, "cert info signature and signature algorithm mismatch";
    INVALID_CA, UnknownCa, "invalid CA certificate";
    PATHLEN_INVALID_FOR_NON_CA, CertificateUnknown, "Path length invalid for non-CA cert";
    PATHLEN_WITHOUT_KU_KEY_CERT_SIGN, CertificateUnknown, "Path length given without key usage keyCertSign";
    KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA, CertificateUnknown, "Key usage keyCertSign invalid for non-CA cert";
    ISSUER_NAME_EMPTY, CertificateUnknown, "Issuer name empty";
    SUBJECT_NAME_EMPTY, CertificateUnknown, "Subject name empty";
    MISSING_AUTHORITY_KEY_IDENTIFIER, CertificateUnknown, "Missing Authority Key Identifier";
    MISSING_SUBJECT_KEY_IDENTIFIER, CertificateUnknown, "Missing Subject Key Identifier";
    EMPTY_SUBJECT_ALT_NAME, CertificateUnknown, "Empty Subject Alternative Name extension";
    EMPTY_SUBJECT_SAN_NOT_CRITICAL, CertificateUnknown, "Subject empty and Subject Alt Name extension not critical";
    CA_BCONS_NOT_CRITICAL, CertificateUnknown, "Basic Constraints of CA cert not marked critical";
    AUTHORITY_KEY_IDENTIFIER_CRITICAL, CertificateUnknown, "Authority Key Identifier marked critical";
    SUBJECT_KEY_IDENTIFIER_CRITICAL, CertificateUnknown, "Subject Key Identifier marked critical";
    CA_CERT_MISSING_KEY_USAGE, CertificateUnknown, "CA cert does not include key usage extension";
    EXTENSIONS_REQUIRE_VERSION_3, CertificateUnknown, "Using cert extension requires at least X509v3";
    EC_KEY_EXPLICIT_PARAMS, BadCertificate, "Certificate public key has explicit ECC parameters";
}

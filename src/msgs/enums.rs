//! The numbered things of the TLS wire format: content types, handshake types, alerts,
//! extensions, groups and signature schemes. Unknown values are kept, not rejected,
//! so that a decoder can ignore what it does not know.

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident: $repr:ty { $($(#[$vdoc:meta])* $variant:ident = $value:expr, $text:expr;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value this library does not know.
            Unknown($repr),
        }

        impl From<$repr> for $name {
            fn from(value: $repr) -> Self {
                match value {
                    $($value => $name::$variant,)*
                    other => $name::Unknown(other),
                }
            }
        }

        impl From<$name> for $repr {
            fn from(value: $name) -> $repr {
                match value {
                    $($name::$variant => $value,)*
                    $name::Unknown(other) => other,
                }
            }
        }

        impl $name {
            /// The name used in RFCs and in OpenSSL's messages.
            pub fn text(self) -> String {
                match self {
                    $($name::$variant => $text.to_string(),)*
                    $name::Unknown(other) => format!("unknown ({other:#x})"),
                }
            }
        }
    };
}

wire_enum! {
    /// Record content types (RFC 5246 6.2.1).
    ContentType: u8 {
        /// change_cipher_spec
        ChangeCipherSpec = 20, "change_cipher_spec";
        /// alert
        Alert = 21, "alert";
        /// handshake
        Handshake = 22, "handshake";
        /// application_data
        ApplicationData = 23, "application_data";
    }
}

wire_enum! {
    /// Handshake message types (RFC 5246 7.4).
    HandshakeType: u8 {
        /// hello_request
        HelloRequest = 0, "HelloRequest";
        /// client_hello
        ClientHello = 1, "ClientHello";
        /// server_hello
        ServerHello = 2, "ServerHello";
        /// new_session_ticket (RFC 5077)
        NewSessionTicket = 4, "NewSessionTicket";
        /// certificate
        Certificate = 11, "Certificate";
        /// server_key_exchange
        ServerKeyExchange = 12, "ServerKeyExchange";
        /// certificate_request
        CertificateRequest = 13, "CertificateRequest";
        /// server_hello_done
        ServerHelloDone = 14, "ServerHelloDone";
        /// certificate_verify
        CertificateVerify = 15, "CertificateVerify";
        /// client_key_exchange
        ClientKeyExchange = 16, "ClientKeyExchange";
        /// finished
        Finished = 20, "Finished";
        /// certificate_status (RFC 6066)
        CertificateStatus = 22, "CertificateStatus";
    }
}

wire_enum! {
    /// Alert levels (RFC 5246 7.2).
    AlertLevel: u8 {
        /// warning
        Warning = 1, "warning";
        /// fatal
        Fatal = 2, "fatal";
    }
}

/// Defines [`AlertDescription`] from one list: each alert's value, OpenSSL's two-letter
/// code for it and its text.
macro_rules! alert_descriptions {
    ($($(#[$vdoc:meta])* $variant:ident = $value:expr, $code:literal, $text:literal;)*) => {
        wire_enum! {
            /// Alert descriptions (RFC 5246 7.2, RFC 7301, RFC 6066).
            AlertDescription: u8 { $($(#[$vdoc])* $variant = $value, $text;)* }
        }

        impl AlertDescription {
            /// OpenSSL's two-letter code for the alert ("HF" for handshake_failure), "UK"
            /// for one this library does not know.
            pub fn code(self) -> &'static str {
                match self {
                    $(AlertDescription::$variant => $code,)*
                    AlertDescription::Unknown(_) => "UK",
                }
            }
        }
    };
}

alert_descriptions! {
    /// close_notify
    CloseNotify = 0, "CN", "close notify";
    /// unexpected_message
    UnexpectedMessage = 10, "UM", "unexpected message";
    /// bad_record_mac
    BadRecordMac = 20, "BM", "bad record mac";
    /// decryption_failed (RFC 5246: no longer sent)
    DecryptionFailed = 21, "DC", "decryption failed";
    /// record_overflow
    RecordOverflow = 22, "RO", "record overflow";
    /// decompression_failure
    DecompressionFailure = 30, "DF", "decompression failure";
    /// handshake_failure
    HandshakeFailure = 40, "HF", "handshake failure";
    /// no_certificate (SSL 3.0, reserved in TLS)
    NoCertificate = 41, "NC", "no certificate";
    /// bad_certificate
    BadCertificate = 42, "BC", "bad certificate";
    /// unsupported_certificate
    UnsupportedCertificate = 43, "UC", "unsupported certificate";
    /// certificate_revoked
    CertificateRevoked = 44, "CR", "certificate revoked";
    /// certificate_expired
    CertificateExpired = 45, "CE", "certificate expired";
    /// certificate_unknown
    CertificateUnknown = 46, "CU", "certificate unknown";
    /// illegal_parameter
    IllegalParameter = 47, "IP", "illegal parameter";
    /// unknown_ca
    UnknownCa = 48, "CA", "unknown CA";
    /// access_denied
    AccessDenied = 49, "AD", "access denied";
    /// decode_error
    DecodeError = 50, "DE", "decode error";
    /// decrypt_error
    DecryptError = 51, "CY", "decrypt error";
    /// export_restriction (reserved)
    ExportRestriction = 60, "ER", "export restriction";
    /// protocol_version
    ProtocolVersion = 70, "PV", "protocol version";
    /// insufficient_security
    InsufficientSecurity = 71, "IS", "insufficient security";
    /// internal_error
    InternalError = 80, "IE", "internal error";
    /// inappropriate_fallback (RFC 7507)
    InappropriateFallback = 86, "IF", "inappropriate fallback";
    /// user_canceled
    UserCanceled = 90, "US", "user canceled";
    /// no_renegotiation
    NoRenegotiation = 100, "NR", "no renegotiation";
    /// unsupported_extension
    UnsupportedExtension = 110, "UE", "unsupported extension";
    /// certificate_unobtainable (RFC 6066)
    CertificateUnobtainable = 111, "CO", "certificate unobtainable";
    /// unrecognized_name (RFC 6066)
    UnrecognizedName = 112, "UN", "unrecognized name";
    /// bad_certificate_status_response (RFC 6066)
    BadCertificateStatusResponse = 113, "BR", "bad certificate status response";
    /// bad_certificate_hash_value (RFC 6066)
    BadCertificateHashValue = 114, "BH", "bad certificate hash value";
    /// unknown_psk_identity (RFC 4279)
    UnknownPskIdentity = 115, "UP", "unknown PSK identity";
    /// certificate_required (RFC 8446)
    CertificateRequired = 116, "CQ", "certificate required";
    /// no_application_protocol (RFC 7301)
    NoApplicationProtocol = 120, "NP", "no application protocol";
}

wire_enum! {
    /// Hello extension types.
    ExtensionType: u16 {
        /// server_name (RFC 6066)
        ServerName = 0, "server_name";
        /// status_request (RFC 6066)
        StatusRequest = 5, "status_request";
        /// supported_groups (RFC 8422, RFC 7919)
        SupportedGroups = 10, "supported_groups";
        /// ec_point_formats (RFC 8422)
        EcPointFormats = 11, "ec_point_formats";
        /// signature_algorithms (RFC 5246)
        SignatureAlgorithms = 13, "signature_algorithms";
        /// application_layer_protocol_negotiation (RFC 7301)
        Alpn = 16, "application_layer_protocol_negotiation";
        /// padding (RFC 7685)
        Padding = 21, "padding";
        /// encrypt_then_mac (RFC 7366)
        EncryptThenMac = 22, "encrypt_then_mac";
        /// extended_master_secret (RFC 7627)
        ExtendedMasterSecret = 23, "extended_master_secret";
        /// session_ticket (RFC 5077)
        SessionTicket = 35, "session_ticket";
        /// supported_versions (RFC 8446, seen from TLS 1.3 clients)
        SupportedVersions = 43, "supported_versions";
        /// renegotiation_info (RFC 5746)
        RenegotiationInfo = 0xff01, "renegotiation_info";
    }
}

wire_enum! {
    /// Named groups for key exchange (RFC 8422, RFC 7919).
    NamedGroup: u16 {
        /// secp256r1 (P-256)
        Secp256r1 = 23, "P-256";
        /// secp384r1 (P-384)
        Secp384r1 = 24, "P-384";
        /// secp521r1 (P-521), recognised but not implemented
        Secp521r1 = 25, "P-521";
        /// x25519
        X25519 = 29, "X25519";
        /// x448, recognised but not implemented
        X448 = 30, "X448";
        /// ffdhe2048 (RFC 7919)
        Ffdhe2048 = 256, "ffdhe2048";
        /// ffdhe3072 (RFC 7919)
        Ffdhe3072 = 257, "ffdhe3072";
        /// ffdhe4096 (RFC 7919)
        Ffdhe4096 = 258, "ffdhe4096";
        /// ffdhe6144 (RFC 7919)
        Ffdhe6144 = 259, "ffdhe6144";
        /// ffdhe8192 (RFC 7919)
        Ffdhe8192 = 260, "ffdhe8192";
    }
}

wire_enum! {
    /// Signature schemes (RFC 8446 4.2.3, which TLS 1.2 peers also send).
    SignatureScheme: u16 {
        /// rsa_pkcs1_sha1 (legacy, only at security level 0)
        RsaPkcs1Sha1 = 0x0201, "rsa_pkcs1_sha1";
        /// ecdsa_sha1 (legacy)
        EcdsaSha1 = 0x0203, "ecdsa_sha1";
        /// rsa_pkcs1_sha224 (TLS 1.2 only)
        RsaPkcs1Sha224 = 0x0301, "rsa_pkcs1_sha224";
        /// ecdsa_sha224 (TLS 1.2 only)
        EcdsaSha224 = 0x0303, "ecdsa_sha224";
        /// rsa_pkcs1_sha256
        RsaPkcs1Sha256 = 0x0401, "rsa_pkcs1_sha256";
        /// rsa_pkcs1_sha384
        RsaPkcs1Sha384 = 0x0501, "rsa_pkcs1_sha384";
        /// rsa_pkcs1_sha512
        RsaPkcs1Sha512 = 0x0601, "rsa_pkcs1_sha512";
        /// ecdsa_secp256r1_sha256
        EcdsaSecp256r1Sha256 = 0x0403, "ecdsa_secp256r1_sha256";
        /// ecdsa_secp384r1_sha384
        EcdsaSecp384r1Sha384 = 0x0503, "ecdsa_secp384r1_sha384";
        /// ecdsa_secp521r1_sha512
        EcdsaSecp521r1Sha512 = 0x0603, "ecdsa_secp521r1_sha512";
        /// rsa_pss_rsae_sha256
        RsaPssRsaeSha256 = 0x0804, "rsa_pss_rsae_sha256";
        /// rsa_pss_rsae_sha384
        RsaPssRsaeSha384 = 0x0805, "rsa_pss_rsae_sha384";
        /// rsa_pss_rsae_sha512
        RsaPssRsaeSha512 = 0x0806, "rsa_pss_rsae_sha512";
        /// ed25519
        Ed25519 = 0x0807, "ed25519";
    }
}

/// The only protocol version this library speaks: TLS 1.2.
pub const TLS12: u16 = 0x0303;
/// TLS 1.0, the version to put on the first ClientHello record for old middleboxes.
pub const TLS10: u16 = 0x0301;
/// TLS 1.3, recognised in supported_versions and never negotiated.
pub const TLS13: u16 = 0x0304;

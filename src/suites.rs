//! The cipher suite table. One row per suite; everything else looks suites up here
//! and nothing switches on suite ids elsewhere.

pub use crate::crypto::algorithms::{BulkCipher, Mac, PrfHash};

/// How the premaster secret is agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyExchange {
    /// Ephemeral elliptic-curve Diffie-Hellman (RFC 8422).
    Ecdhe,
    /// Ephemeral finite-field Diffie-Hellman (RFC 5246, RFC 7919 groups).
    Dhe,
    /// The premaster secret encrypted to the server's RSA key (RFC 5246 7.4.7.1).
    Rsa,
    /// A pre-shared key alone (RFC 4279 2).
    Psk,
    /// Ephemeral finite-field Diffie-Hellman mixed with a pre-shared key (RFC 4279 3).
    DhePsk,
    /// Ephemeral elliptic-curve Diffie-Hellman mixed with a pre-shared key (RFC 5489).
    EcdhePsk,
    /// An RSA-encrypted secret mixed with a pre-shared key (RFC 4279 4).
    RsaPsk,
}

impl KeyExchange {
    /// Whether the suite uses a pre-shared key.
    pub fn uses_psk(self) -> bool {
        matches!(self, KeyExchange::Psk | KeyExchange::DhePsk | KeyExchange::EcdhePsk | KeyExchange::RsaPsk)
    }

    /// Whether the server signs its key exchange with its certificate's key.
    pub fn is_signed(self) -> bool {
        matches!(self, KeyExchange::Ecdhe | KeyExchange::Dhe)
    }
}

/// How the server proves who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authentication {
    /// An RSA certificate signs the key exchange.
    Rsa,
    /// An ECDSA certificate signs the key exchange.
    Ecdsa,
    /// The pre-shared key itself; no certificate.
    Psk,
}

/// One cipher suite.
#[derive(Debug, PartialEq, Eq)]
pub struct Suite {
    /// The IANA number on the wire.
    pub id: u16,
    /// OpenSSL's name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`.
    pub openssl_name: &'static str,
    /// The IANA name, e.g. `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`.
    pub iana_name: &'static str,
    /// Key exchange.
    pub kx: KeyExchange,
    /// Server authentication.
    pub auth: Authentication,
    /// Record protection.
    pub bulk: BulkCipher,
    /// The record MAC (CBC suites).
    pub mac: Mac,
    /// PRF hash.
    pub prf: PrfHash,
    /// Symmetric strength in bits, as `SSL_CIPHER_get_bits` reports it.
    pub bits: u32,
    /// The protocol version the suite first appeared in, as OpenSSL labels it
    /// (`SSL_CIPHER_get_version`): "TLSv1.2", "TLSv1" or "SSLv3".
    pub version_label: &'static str,
}

impl Suite {
    /// OpenSSL's one-line description (`SSL_CIPHER_description`, `openssl ciphers -v`):
    /// name, version label, key exchange, authentication, cipher and MAC in padded
    /// columns, ending in a newline.
    pub fn description(&self) -> String {
        let kx = match self.kx {
            KeyExchange::Ecdhe => "ECDH",
            KeyExchange::Dhe => "DH",
            KeyExchange::Rsa => "RSA",
            KeyExchange::Psk => "PSK",
            KeyExchange::DhePsk => "DHEPSK",
            KeyExchange::EcdhePsk => "ECDHEPSK",
            KeyExchange::RsaPsk => "RSAPSK",
        };
        let au = match self.auth {
            Authentication::Rsa => "RSA",
            Authentication::Ecdsa => "ECDSA",
            Authentication::Psk => "PSK",
        };
        let enc = match self.bulk {
            BulkCipher::Aes128Gcm => "AESGCM(128)",
            BulkCipher::Aes256Gcm => "AESGCM(256)",
            BulkCipher::Chacha20Poly1305 => "CHACHA20/POLY1305(256)",
            BulkCipher::Aes128Cbc => "AES(128)",
            BulkCipher::Aes256Cbc => "AES(256)",
        };
        let mac = match self.mac {
            Mac::Aead => "AEAD",
            Mac::HmacSha1 => "SHA1",
            Mac::HmacSha256 => "SHA256",
            Mac::HmacSha384 => "SHA384",
        };
        let (name, version) = (self.openssl_name, self.version_label);
        format!("{name:<30} {version:<7} Kx={kx:<8} Au={au:<5} Enc={enc:<22} Mac={mac:<4}\n")
    }
}

macro_rules! suite {
    ($id:expr, $ossl:expr, $iana:expr, $kx:ident, $auth:ident, $bulk:ident, $mac:ident, $prf:ident, $bits:expr, $ver:expr) => {
        Suite {
            id: $id,
            openssl_name: $ossl,
            iana_name: $iana,
            kx: KeyExchange::$kx,
            auth: Authentication::$auth,
            bulk: BulkCipher::$bulk,
            mac: Mac::$mac,
            prf: PrfHash::$prf,
            bits: $bits,
            version_label: $ver,
        }
    };
}

/// Every suite this library implements, in OpenSSL's preference order (the order
/// `openssl ciphers ALL` lists them in).
#[rustfmt::skip]
pub static ALL_SUITES: &[Suite] = &[
    suite!(0xc02c, "ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", Ecdhe, Ecdsa, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0xc030, "ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Ecdhe, Rsa, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0x009f, "DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", Dhe, Rsa, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0xcca9, "ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", Ecdhe, Ecdsa, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0xcca8, "ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Ecdhe, Rsa, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0xccaa, "DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Dhe, Rsa, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0xc02b, "ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Ecdhe, Ecdsa, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0xc02f, "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Ecdhe, Rsa, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0x009e, "DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", Dhe, Rsa, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0xc024, "ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", Ecdhe, Ecdsa, Aes256Cbc, HmacSha384, Sha384, 256, "TLSv1.2"),
    suite!(0xc028, "ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", Ecdhe, Rsa, Aes256Cbc, HmacSha384, Sha384, 256, "TLSv1.2"),
    suite!(0x006b, "DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", Dhe, Rsa, Aes256Cbc, HmacSha256, Sha256, 256, "TLSv1.2"),
    suite!(0xc023, "ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", Ecdhe, Ecdsa, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1.2"),
    suite!(0xc027, "ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", Ecdhe, Rsa, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1.2"),
    suite!(0x0067, "DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", Dhe, Rsa, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1.2"),
    suite!(0xc00a, "ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", Ecdhe, Ecdsa, Aes256Cbc, HmacSha1, Sha256, 256, "TLSv1"),
    suite!(0xc014, "ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", Ecdhe, Rsa, Aes256Cbc, HmacSha1, Sha256, 256, "TLSv1"),
    suite!(0x0039, "DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", Dhe, Rsa, Aes256Cbc, HmacSha1, Sha256, 256, "SSLv3"),
    suite!(0xc009, "ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", Ecdhe, Ecdsa, Aes128Cbc, HmacSha1, Sha256, 128, "TLSv1"),
    suite!(0xc013, "ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", Ecdhe, Rsa, Aes128Cbc, HmacSha1, Sha256, 128, "TLSv1"),
    suite!(0x0033, "DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", Dhe, Rsa, Aes128Cbc, HmacSha1, Sha256, 128, "SSLv3"),
    suite!(0x00ad, "RSA-PSK-AES256-GCM-SHA384", "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", RsaPsk, Rsa, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0x00ab, "DHE-PSK-AES256-GCM-SHA384", "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", DhePsk, Psk, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0xccae, "RSA-PSK-CHACHA20-POLY1305", "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", RsaPsk, Rsa, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0xccad, "DHE-PSK-CHACHA20-POLY1305", "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", DhePsk, Psk, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0xccac, "ECDHE-PSK-CHACHA20-POLY1305", "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", EcdhePsk, Psk, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0x009d, "AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384", Rsa, Rsa, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0x00a9, "PSK-AES256-GCM-SHA384", "TLS_PSK_WITH_AES_256_GCM_SHA384", Psk, Psk, Aes256Gcm, Aead, Sha384, 256, "TLSv1.2"),
    suite!(0xccab, "PSK-CHACHA20-POLY1305", "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", Psk, Psk, Chacha20Poly1305, Aead, Sha256, 256, "TLSv1.2"),
    suite!(0x00ac, "RSA-PSK-AES128-GCM-SHA256", "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", RsaPsk, Rsa, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0x00aa, "DHE-PSK-AES128-GCM-SHA256", "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", DhePsk, Psk, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0x009c, "AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256", Rsa, Rsa, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0x00a8, "PSK-AES128-GCM-SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256", Psk, Psk, Aes128Gcm, Aead, Sha256, 128, "TLSv1.2"),
    suite!(0x003d, "AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", Rsa, Rsa, Aes256Cbc, HmacSha256, Sha256, 256, "TLSv1.2"),
    suite!(0x003c, "AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256", Rsa, Rsa, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1.2"),
    suite!(0xc038, "ECDHE-PSK-AES256-CBC-SHA384", "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", EcdhePsk, Psk, Aes256Cbc, HmacSha384, Sha384, 256, "TLSv1"),
    suite!(0xc036, "ECDHE-PSK-AES256-CBC-SHA", "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", EcdhePsk, Psk, Aes256Cbc, HmacSha1, Sha256, 256, "TLSv1"),
    suite!(0x00b7, "RSA-PSK-AES256-CBC-SHA384", "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", RsaPsk, Rsa, Aes256Cbc, HmacSha384, Sha384, 256, "TLSv1"),
    suite!(0x00b3, "DHE-PSK-AES256-CBC-SHA384", "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", DhePsk, Psk, Aes256Cbc, HmacSha384, Sha384, 256, "TLSv1"),
    suite!(0x0095, "RSA-PSK-AES256-CBC-SHA", "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", RsaPsk, Rsa, Aes256Cbc, HmacSha1, Sha256, 256, "SSLv3"),
    suite!(0x0091, "DHE-PSK-AES256-CBC-SHA", "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", DhePsk, Psk, Aes256Cbc, HmacSha1, Sha256, 256, "SSLv3"),
    suite!(0x0035, "AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", Rsa, Rsa, Aes256Cbc, HmacSha1, Sha256, 256, "SSLv3"),
    suite!(0x00af, "PSK-AES256-CBC-SHA384", "TLS_PSK_WITH_AES_256_CBC_SHA384", Psk, Psk, Aes256Cbc, HmacSha384, Sha384, 256, "TLSv1"),
    suite!(0x008d, "PSK-AES256-CBC-SHA", "TLS_PSK_WITH_AES_256_CBC_SHA", Psk, Psk, Aes256Cbc, HmacSha1, Sha256, 256, "SSLv3"),
    suite!(0xc037, "ECDHE-PSK-AES128-CBC-SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", EcdhePsk, Psk, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1"),
    suite!(0xc035, "ECDHE-PSK-AES128-CBC-SHA", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", EcdhePsk, Psk, Aes128Cbc, HmacSha1, Sha256, 128, "TLSv1"),
    suite!(0x00b6, "RSA-PSK-AES128-CBC-SHA256", "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", RsaPsk, Rsa, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1"),
    suite!(0x00b2, "DHE-PSK-AES128-CBC-SHA256", "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", DhePsk, Psk, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1"),
    suite!(0x0094, "RSA-PSK-AES128-CBC-SHA", "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", RsaPsk, Rsa, Aes128Cbc, HmacSha1, Sha256, 128, "SSLv3"),
    suite!(0x0090, "DHE-PSK-AES128-CBC-SHA", "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", DhePsk, Psk, Aes128Cbc, HmacSha1, Sha256, 128, "SSLv3"),
    suite!(0x002f, "AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", Rsa, Rsa, Aes128Cbc, HmacSha1, Sha256, 128, "SSLv3"),
    suite!(0x00ae, "PSK-AES128-CBC-SHA256", "TLS_PSK_WITH_AES_128_CBC_SHA256", Psk, Psk, Aes128Cbc, HmacSha256, Sha256, 128, "TLSv1"),
    suite!(0x008c, "PSK-AES128-CBC-SHA", "TLS_PSK_WITH_AES_128_CBC_SHA", Psk, Psk, Aes128Cbc, HmacSha1, Sha256, 128, "SSLv3"),
];

/// The signalling value that says "I support secure renegotiation" (RFC 5746).
pub const EMPTY_RENEGOTIATION_INFO_SCSV: u16 = 0x00ff;

/// Looks a suite up by its wire id.
pub fn by_id(id: u16) -> Option<&'static Suite> {
    ALL_SUITES.iter().find(|s| s.id == id)
}

/// Looks a suite up by its OpenSSL or IANA name (case-insensitive, as OpenSSL does).
pub fn by_name(name: &str) -> Option<&'static Suite> {
    ALL_SUITES.iter().find(|s| s.openssl_name.eq_ignore_ascii_case(name) || s.iana_name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_read_like_openssl() {
        let text = |name: &str| by_name(name).map(Suite::description).unwrap_or_default();
        // As `openssl ciphers -v` prints them.
        assert_eq!(
            text("ECDHE-RSA-AES128-GCM-SHA256"),
            "ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            Mac=AEAD\n"
        );
        assert_eq!(
            text("AES128-SHA"),
            "AES128-SHA                     SSLv3   Kx=RSA      Au=RSA   Enc=AES(128)               Mac=SHA1\n"
        );
        assert_eq!(
            text("ECDHE-PSK-AES128-CBC-SHA256"),
            "ECDHE-PSK-AES128-CBC-SHA256    TLSv1   Kx=ECDHEPSK Au=PSK   Enc=AES(128)               Mac=SHA256\n"
        );
        assert_eq!(
            text("RSA-PSK-CHACHA20-POLY1305"),
            "RSA-PSK-CHACHA20-POLY1305      TLSv1.2 Kx=RSAPSK   Au=RSA   Enc=CHACHA20/POLY1305(256) Mac=AEAD\n"
        );
    }
}

//! The cipher suite table. One row per suite; everything else looks suites up here
//! and nothing switches on suite ids elsewhere.

/// How the premaster secret is agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyExchange {
    /// Ephemeral elliptic-curve Diffie-Hellman (RFC 8422).
    Ecdhe,
}

/// How the server proves who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authentication {
    /// An RSA certificate signs the key exchange.
    Rsa,
    /// An ECDSA certificate signs the key exchange.
    Ecdsa,
}

/// The record protection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkCipher {
    /// AES-128 in GCM mode (RFC 5288).
    Aes128Gcm,
    /// AES-256 in GCM mode (RFC 5288).
    Aes256Gcm,
    /// ChaCha20-Poly1305 (RFC 7905).
    Chacha20Poly1305,
    /// AES-128 in CBC mode with an HMAC (RFC 5246 6.2.3.2).
    Aes128Cbc,
    /// AES-256 in CBC mode with an HMAC (RFC 5246 6.2.3.2).
    Aes256Cbc,
}

/// The record MAC of a CBC suite (AEAD suites have none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mac {
    /// No separate MAC: the AEAD authenticates.
    Aead,
    /// HMAC-SHA1.
    HmacSha1,
    /// HMAC-SHA256.
    HmacSha256,
    /// HMAC-SHA384.
    HmacSha384,
}

impl Mac {
    /// Length of the MAC key and of the MAC value.
    pub fn len(self) -> usize {
        match self {
            Mac::Aead => 0,
            Mac::HmacSha1 => 20,
            Mac::HmacSha256 => 32,
            Mac::HmacSha384 => 48,
        }
    }
}

/// The hash that drives the PRF (and the Finished computation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrfHash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
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
    /// PRF hash.
    pub prf: PrfHash,
    /// Symmetric strength in bits, as `SSL_CIPHER_get_bits` reports it.
    pub bits: u32,
}

impl BulkCipher {
    /// Length of the encryption key.
    pub fn key_len(self) -> usize {
        match self {
            BulkCipher::Aes128Gcm | BulkCipher::Aes128Cbc => 16,
            BulkCipher::Aes256Gcm | BulkCipher::Aes256Cbc | BulkCipher::Chacha20Poly1305 => 32,
        }
    }

    /// Length of the implicit (fixed) part of the nonce taken from the key block.
    pub fn fixed_iv_len(self) -> usize {
        match self {
            BulkCipher::Aes128Gcm | BulkCipher::Aes256Gcm => 4,
            BulkCipher::Chacha20Poly1305 => 12,
            // TLS 1.2 CBC records carry their whole IV.
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => 0,
        }
    }

    /// Length of the explicit nonce carried in each record.
    pub fn explicit_nonce_len(self) -> usize {
        match self {
            BulkCipher::Aes128Gcm | BulkCipher::Aes256Gcm => 8,
            BulkCipher::Chacha20Poly1305 => 0,
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => 16,
        }
    }

    /// Length of the authentication tag.
    pub fn tag_len(self) -> usize {
        16
    }
}

macro_rules! suite {
    ($id:expr, $ossl:expr, $iana:expr, $kx:ident, $auth:ident, $bulk:ident, $prf:ident, $bits:expr) => {
        Suite {
            id: $id,
            openssl_name: $ossl,
            iana_name: $iana,
            kx: KeyExchange::$kx,
            auth: Authentication::$auth,
            bulk: BulkCipher::$bulk,
            prf: PrfHash::$prf,
            bits: $bits,
        }
    };
}

/// Every suite this library implements, in OpenSSL's default preference order.
pub static ALL_SUITES: &[Suite] = &[
    suite!(
        0xc02c,
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        Ecdhe,
        Ecdsa,
        Aes256Gcm,
        Sha384,
        256
    ),
    suite!(
        0xc030,
        "ECDHE-RSA-AES256-GCM-SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        Ecdhe,
        Rsa,
        Aes256Gcm,
        Sha384,
        256
    ),
    suite!(
        0xcca9,
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        Ecdhe,
        Ecdsa,
        Chacha20Poly1305,
        Sha256,
        256
    ),
    suite!(
        0xcca8,
        "ECDHE-RSA-CHACHA20-POLY1305",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        Ecdhe,
        Rsa,
        Chacha20Poly1305,
        Sha256,
        256
    ),
    suite!(
        0xc02b,
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        Ecdhe,
        Ecdsa,
        Aes128Gcm,
        Sha256,
        128
    ),
    suite!(
        0xc02f,
        "ECDHE-RSA-AES128-GCM-SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        Ecdhe,
        Rsa,
        Aes128Gcm,
        Sha256,
        128
    ),
];

/// The signalling value that says "I support secure renegotiation" (RFC 5746).
pub const EMPTY_RENEGOTIATION_INFO_SCSV: u16 = 0x00ff;
/// The signalling value of a client that fell back to a lower version (RFC 7507).
pub const FALLBACK_SCSV: u16 = 0x5600;

/// Looks a suite up by its wire id.
pub fn by_id(id: u16) -> Option<&'static Suite> {
    ALL_SUITES.iter().find(|s| s.id == id)
}

/// Looks a suite up by its OpenSSL or IANA name (case-insensitive, as OpenSSL does).
pub fn by_name(name: &str) -> Option<&'static Suite> {
    ALL_SUITES.iter().find(|s| {
        s.openssl_name.eq_ignore_ascii_case(name) || s.iana_name.eq_ignore_ascii_case(name)
    })
}

/// Parses a cipher list: names separated by `:`, `,` or spaces. Names this library does
/// not implement are skipped, as OpenSSL skips them; the result keeps the given order and
/// fails only if nothing usable is left.
pub fn parse_cipher_list(list: &str) -> Result<Vec<&'static Suite>, crate::Error> {
    let mut out: Vec<&'static Suite> = Vec::new();
    for name in list.split([':', ',', ' ']).filter(|n| !n.is_empty()) {
        let matched: Vec<&'static Suite> = match name.to_ascii_uppercase().as_str() {
            "DEFAULT" | "ALL" | "HIGH" | "ECDHE" | "EECDH" | "KECDHE" | "TLSV1.2" => {
                ALL_SUITES.iter().collect()
            }
            "AESGCM" | "AES" => ALL_SUITES
                .iter()
                .filter(|s| s.bulk != BulkCipher::Chacha20Poly1305)
                .collect(),
            "AES128" => ALL_SUITES
                .iter()
                .filter(|s| s.bulk == BulkCipher::Aes128Gcm)
                .collect(),
            "AES256" => ALL_SUITES
                .iter()
                .filter(|s| s.bulk == BulkCipher::Aes256Gcm)
                .collect(),
            "AECDSA" | "ECDSA" => ALL_SUITES
                .iter()
                .filter(|s| s.auth == Authentication::Ecdsa)
                .collect(),
            "ARSA" => ALL_SUITES
                .iter()
                .filter(|s| s.auth == Authentication::Rsa)
                .collect(),
            "CHACHA20" => ALL_SUITES
                .iter()
                .filter(|s| s.bulk == BulkCipher::Chacha20Poly1305)
                .collect(),
            _ => by_name(name).into_iter().collect(),
        };
        for suite in matched {
            if !out.contains(&suite) {
                out.push(suite);
            }
        }
    }
    if out.is_empty() {
        return Err(crate::Error::local(
            crate::error::Reason::NO_CIPHER_MATCH,
            format!("no cipher suite this library implements matches \"{list}\""),
        ));
    }
    Ok(out)
}

//! OpenSSL's `SSL_OP_*` bits and the engine's [`Options`] they choose: the one
//! translation between the two. The bits themselves are kept by the C layer, so that
//! `SSL_CTX_get_options` reports every bit the application set, known or not.

use crate::config::Options;

/// `SSL_OP_NO_EXTENDED_MASTER_SECRET`: neither offer nor accept RFC 7627.
pub const SSL_OP_NO_EXTENDED_MASTER_SECRET: u64 = 0x1;
/// `SSL_OP_LEGACY_SERVER_CONNECT`: a client may talk to a server without RFC 5746 support.
pub const SSL_OP_LEGACY_SERVER_CONNECT: u64 = 0x4;
/// `SSL_OP_NO_TICKET`: neither ask for nor issue session tickets (RFC 5077).
pub const SSL_OP_NO_TICKET: u64 = 0x4000;
/// `SSL_OP_NO_ENCRYPT_THEN_MAC`: neither offer nor accept RFC 7366.
pub const SSL_OP_NO_ENCRYPT_THEN_MAC: u64 = 0x0008_0000;
/// `SSL_OP_CIPHER_SERVER_PREFERENCE`: the server picks from its own order.
pub const SSL_OP_CIPHER_SERVER_PREFERENCE: u64 = 0x0040_0000;
/// `SSL_OP_NO_TLSv1_2`: with this set there is nothing left to speak.
pub const SSL_OP_NO_TLSV1_2: u64 = 0x0800_0000;

/// The engine's options that the `SSL_OP_*` bits in `bits` choose; bits the engine has
/// no use for are ignored.
pub(crate) fn from_bits(bits: u64) -> Options {
    let set = |bit: u64| bits & bit != 0;
    Options {
        server_preference: set(SSL_OP_CIPHER_SERVER_PREFERENCE),
        extended_master_secret: !set(SSL_OP_NO_EXTENDED_MASTER_SECRET),
        encrypt_then_mac: !set(SSL_OP_NO_ENCRYPT_THEN_MAC),
        tickets: !set(SSL_OP_NO_TICKET),
        legacy_server_connect: set(SSL_OP_LEGACY_SERVER_CONNECT),
        tls12: !set(SSL_OP_NO_TLSV1_2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_bits_are_the_engine_defaults() {
        assert_eq!(from_bits(0), Options::default());
    }

    #[test]
    fn each_bit_switches_its_option() {
        let all = SSL_OP_NO_EXTENDED_MASTER_SECRET
            | SSL_OP_LEGACY_SERVER_CONNECT
            | SSL_OP_NO_TICKET
            | SSL_OP_NO_ENCRYPT_THEN_MAC
            | SSL_OP_CIPHER_SERVER_PREFERENCE
            | SSL_OP_NO_TLSV1_2;
        let expected = Options {
            server_preference: true,
            extended_master_secret: false,
            encrypt_then_mac: false,
            tickets: false,
            legacy_server_connect: true,
            tls12: false,
        };
        assert_eq!(from_bits(all), expected);
        assert_eq!(from_bits(all | 1 << 17 | 1 << 20), expected, "bits the engine ignores change nothing");
    }
}

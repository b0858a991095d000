//! libtls12: TLS 1.2 (RFC 5246) in Rust, shipped as a C library with an OpenSSL-style API.
//!
//! Layers, bottom up: `crypto` (the only code that calls ring), `msgs` (wire types),
//! `record` (framing and protection), `handshake` (client and server state machines and
//! key schedule), `conn` (the sans-IO engine), `capi` (the C ABI). Only `capi` and the
//! facade below are public: the engine ([`Connection`], [`Stream`]), its configuration
//! ([`Config`], [`ConfigBuilder`]), [`Error`], [`Session`], [`keys`] and the [`Hooks`]
//! an application decides through.

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

pub(crate) mod bio_file;
pub(crate) mod bio_method;
pub mod capi;
pub(crate) mod cipher_string;
pub(crate) mod config;
pub(crate) mod conn;
pub(crate) mod crypto;
pub(crate) mod error;
pub(crate) mod handshake;
pub(crate) mod handshake_state;
pub mod keys;
pub(crate) mod msgs;
pub(crate) mod net;
pub(crate) mod pem;
pub(crate) mod pipe;
pub(crate) mod record;
pub(crate) mod session;
pub(crate) mod suites;
#[cfg(test)]
mod testing;
pub(crate) mod verify;
pub(crate) mod verify_error;
pub(crate) mod x509;

pub use config::{CertSlots, Config, ConfigBuilder, Options, VerifyMode};
pub use conn::{Connection, IoResult, Stop, Stream, Transport};
pub use crypto::sign::{KeyKind, SigningKey};
pub use error::{Error, Reason};
pub use handshake::hooks::{
    AlpnDecision, DefaultHooks, Hooks, Progress, ServerNameDecision, Step, TicketKeyDecision, Traced,
};
pub use handshake::key_agreement::Psk;
pub use msgs::enums::{AlertDescription, NamedGroup, SignatureScheme};
pub use session::cache::SessionCache;
pub use session::ticket::{TicketKey, TicketKeyStore, TicketKeys};
pub use session::Session;
pub use suites::{Authentication, KeyExchange, Suite};
pub use verify::{RootStore, VerifyFlags, VerifyResult};
pub use verify_error::VerifyError;

/// What the fuzz targets and the integration tests reach below the facade: decoders,
/// the record layer, chain verification and the suite table. Not a stable interface.
#[doc(hidden)]
pub mod internal {
    /// Wire types: the reader, enums and handshake message codecs.
    pub mod msgs {
        pub use crate::msgs::codec::Reader;
        pub use crate::msgs::enums::{ContentType, HandshakeType, TLS12};
        pub use crate::msgs::extensions::Extensions;
        pub use crate::msgs::handshake::{
            decode_certificate, encode_certificate, expect_empty, max_message_len, CertificateRequest, ClientHello,
            ClientKeyExchange, ServerHello, ServerKeyExchange,
        };
    }

    /// Record framing, reassembly and protection.
    pub mod record {
        pub use crate::record::joiner::HandshakeJoiner;
        pub use crate::record::protection::Protection;
        pub use crate::record::{RecordLayer, MAX_FRAGMENT};
    }

    /// The key schedule.
    pub mod handshake {
        pub use crate::handshake::key_schedule::MasterSecret;
    }

    /// Chain verification.
    pub mod verify {
        pub use crate::verify::{verify_chain, Purpose, VerifyParams};
    }

    /// The suite table.
    pub mod suites {
        pub use crate::suites::{by_id, by_name, ALL_SUITES};
    }

    /// The session clock.
    pub mod session {
        pub use crate::session::now;
    }
}

//! libtls12: TLS 1.2 (RFC 5246) in Rust, shipped as a C library with an OpenSSL-style API.
//!
//! Layers, bottom up: `crypto` (the only code that calls ring), `msgs` (wire types),
//! `record` (framing and protection), `handshake` (client and server state machines and
//! key schedule), `conn` (the sans-IO engine), `capi` (the C ABI).

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

pub mod capi;
pub mod cipher_string;
pub mod config;
pub mod conn;
pub mod crypto;
pub mod error;
pub mod handshake;
pub mod handshake_state;
pub mod keys;
pub mod msgs;
pub mod pem;
pub mod pipe;
pub mod record;
pub mod session;
pub mod suites;
#[cfg(test)]
mod testing;
pub mod verify;
pub mod x509;

pub use config::Config;
pub use conn::Connection;
pub use error::Error;

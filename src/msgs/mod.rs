//! Wire types: enums, handshake messages, extensions. Decoding checks bounds; no crypto, no state.

pub mod enums;

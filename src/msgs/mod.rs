//! Wire types: enums, handshake messages, extensions. Decoding checks bounds; no crypto,
//! no state.

pub mod codec;
pub mod enums;
pub mod extensions;
pub mod handshake;

//! Handshake state machines and key schedule.

//! The only code that calls ring (or any other crypto crate).

pub mod sign;

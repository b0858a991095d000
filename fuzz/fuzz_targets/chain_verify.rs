#![no_main]
//! Certificate path building and verification on a whole peer chain, against the test
//! root and anchors taken from the input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    tls12_fuzz::verify_peer_chain(data);
}));

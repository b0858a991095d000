#![no_main]
//! The record layer and handshake reassembly, then every decoder on what comes out.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    tls12_fuzz::deframe(data);
}));

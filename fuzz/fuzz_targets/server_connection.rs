#![no_main]
//! A server Connection fed arbitrary bytes from the start.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    tls12_fuzz::feed(&mut tls12_fuzz::server(), data);
}));

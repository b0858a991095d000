#![no_main]
//! A client Connection fed arbitrary bytes after its ClientHello.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    tls12_fuzz::feed(&mut tls12_fuzz::client().0, data);
}));

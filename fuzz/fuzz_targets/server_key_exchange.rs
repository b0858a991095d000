#![no_main]
//! The ServerKeyExchange decoder for every key exchange (the first byte picks it),
//! with a roundtrip check.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    let (kx, body) = tls12_fuzz::split(data);
    tls12_fuzz::decode_message(tls12::internal::msgs::HandshakeType::ServerKeyExchange, kx, body);
}));

#![no_main]
//! The ServerHello decoder (with a roundtrip check).

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    tls12_fuzz::decode_message(tls12::internal::msgs::HandshakeType::ServerHello, 0, data);
}));

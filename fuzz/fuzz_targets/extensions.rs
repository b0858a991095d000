#![no_main]
//! The hello extension block decoder (with a roundtrip check).

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    tls12_fuzz::decode_extensions(data);
}));

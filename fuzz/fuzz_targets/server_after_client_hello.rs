#![no_main]
//! A server Connection fed our client's valid ClientHello, then arbitrary bytes.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    let (_, hello) = tls12_fuzz::client();
    let mut server = tls12_fuzz::server();
    tls12_fuzz::feed(&mut server, &hello);
    let answer = server.pending_tls().len();
    server.consume_tls(answer);
    tls12_fuzz::feed(&mut server, data);
}));

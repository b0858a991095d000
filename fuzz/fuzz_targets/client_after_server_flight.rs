#![no_main]
//! A client Connection fed our server's real answer to its ClientHello, then arbitrary
//! bytes (where the server's ChangeCipherSpec and Finished belong).

libfuzzer_sys::fuzz_target!(|data: &[u8]| tls12_fuzz::within_budget(data, |data| {
    let (mut client, flight) = tls12_fuzz::client_and_server_flight();
    tls12_fuzz::feed(&mut client, &flight);
    let answer = client.pending_tls().len();
    client.consume_tls(answer);
    tls12_fuzz::feed(&mut client, data);
}));

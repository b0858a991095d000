"""`s_server -tls1_2 -www`: the status page goes out only once the request head is
complete (its empty line), and the whole reply travels in a single application-data
record, as harnesses written for `openssl s_server -www` expect. (-no_tls1_3, which
OpenSSL refuses beside -tls1_2, is tried alone in tools/test.sh.)"""

WWW = ("-www",)
REQUEST_LINE = b"GET / HTTP/1.0\r\n"


def requesting_in_two_steps(peer):
    """The case: the request line, SILENCE seconds to see that nothing comes back, then
    a header and the empty line; returns the outcome with `early` set to the data
    that came before the empty line."""
    peer.handshake()
    peer.write(REQUEST_LINE)
    early = peer.collect().data
    peer.write(b"Host: localhost\r\n\r\n")
    outcome = peer.collect()
    outcome.early = early
    return outcome


def test_the_reply_waits_for_the_empty_line_and_is_one_record(compare):
    tls12, openssl = compare(requesting_in_two_steps, extra=WWW)
    assert tls12.handshake_error is None, tls12.explain()
    assert tls12.early == b"", f"a reply before the request head ended: {tls12.early!r}"
    assert tls12.data.upper().startswith(b"HTTP/1.0 200 OK\r\n"), tls12.explain()
    assert tls12.data_records == 1, f"{tls12.data_records} records: {tls12.explain()}"
    assert tls12.closed and tls12.server_alive, tls12.explain()
    assert openssl.data_records == 1, f"OpenSSL: {openssl.data_records} records"

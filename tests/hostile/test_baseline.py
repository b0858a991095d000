"""The baseline: a well-behaved peer, which shows that the harness itself works (the
handshake, application data both ways, close_notify both ways)."""

from tlslite.constants import AlertDescription, AlertLevel

from hostile import alert


def test_handshake_echo_and_close(compare):
    """A line sent after the handshake comes back reversed; a close_notify is answered
    with a close_notify and the connection closes, as OpenSSL does."""

    def case(peer):
        assert peer.handshake(), peer.outcome.handshake_error
        peer.write(b"hostile harness\n")
        peer.collect(until=lambda outcome: outcome.data.endswith(b"\n"))
        peer.send([alert(AlertDescription.close_notify)])
        return peer.collect()

    tls12, openssl = compare(case, service="rev")
    assert tls12.data == b"ssenrah elitsoh\n", tls12.explain()
    assert tls12.alerts == [(AlertLevel.warning, AlertDescription.close_notify)], tls12.explain()
    assert tls12.closed and tls12.server_alive, tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"

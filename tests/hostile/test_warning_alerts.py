"""Warning alerts during the handshake: a warning alone is ignored, but five in a row
(OpenSSL's MAX_WARN_ALERT_COUNT) end the handshake with a fatal unexpected_message at
the fifth, as OpenSSL does; any other non-empty record in between starts the count
anew."""

from tlslite.constants import AlertDescription, AlertLevel, HandshakeType

from hostile import alert

# The warning alert that ends a run of warnings (src/conn.rs, MAX_WARNING_ALERTS).
MAX_WARNING_ALERTS = 5
USER_CANCELED = alert(AlertDescription.user_canceled)


def handshake(before=None, after=None):
    """The case: a handshake with records injected (see Peer.handshake), then what
    comes back."""

    def case(peer):
        peer.handshake(before, after)
        return peer.collect()

    return case


def assert_refused(tls12, openssl):
    """libtls12 answered with a fatal unexpected_message alone and closed, as OpenSSL."""
    assert tls12.alerts == [(AlertLevel.fatal, AlertDescription.unexpected_message)], tls12.explain()
    assert tls12.closed and tls12.server_alive, tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"


def test_warnings_after_client_hello(compare):
    """Five user_canceled warnings right behind the ClientHello."""
    tls12, openssl = compare(handshake(after={HandshakeType.client_hello: [USER_CANCELED] * MAX_WARNING_ALERTS}))
    assert_refused(tls12, openssl)


def test_warnings_before_client_key_exchange(compare):
    """Five user_canceled warnings after the server's flight, before the
    ClientKeyExchange."""
    tls12, openssl = compare(
        handshake(before={HandshakeType.client_key_exchange: [USER_CANCELED] * MAX_WARNING_ALERTS})
    )
    assert_refused(tls12, openssl)


def test_four_warnings_are_allowed(compare):
    """Four warnings before the ClientKeyExchange and four more after it (which ends
    the first run): the handshake completes and the connection stays open, as with
    OpenSSL."""
    four = [USER_CANCELED] * (MAX_WARNING_ALERTS - 1)

    def case(peer):
        client_key_exchange = HandshakeType.client_key_exchange
        peer.handshake(before={client_key_exchange: four}, after={client_key_exchange: four})
        return peer.collect()

    tls12, openssl = compare(case)
    assert tls12.handshake_error is None, tls12.explain()
    assert not tls12.alerts and tls12.closed is None, tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"


def test_warning_between_change_cipher_spec_and_finished(compare):
    """One warning after the client's ChangeCipherSpec, before its Finished (RFC 5246
    7.4.9: the Finished comes right after): unexpected_message, as OpenSSL."""
    tls12, openssl = compare(handshake(before={HandshakeType.finished: [USER_CANCELED]}))
    assert_refused(tls12, openssl)


def test_no_renegotiation_warning_during_the_handshake(compare):
    """A no_renegotiation warning from a client that is negotiating for the first time
    (the alert answers a renegotiation request, and none was made): handshake_failure,
    as OpenSSL."""
    no_renegotiation = alert(AlertDescription.no_renegotiation)
    tls12, openssl = compare(handshake(before={HandshakeType.client_key_exchange: [no_renegotiation]}))
    assert tls12.alerts == [(AlertLevel.fatal, AlertDescription.handshake_failure)], tls12.explain()
    assert tls12.closed and tls12.server_alive, tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"

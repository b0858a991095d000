"""Floods of records that make no progress after the handshake: each costs the server
work (and, for a renegotiation request, a reply) but brings no application data, so a
server must not take them without end. libtls12 allows 32 in a row (OpenSSL's
MAX_EMPTY_RECORDS) and ends the connection at the next with unexpected_message."""

from tlslite.constants import AlertDescription, ContentType

# libtls12's limit of no-progress records in a row (src/conn.rs, MAX_NO_PROGRESS).
MAX_NO_PROGRESS = 32
# How many records a flood sends: well past the limit.
FLOOD = 100
# A ClientHello's handshake header with an empty body: type 1, length 0.
EMPTY_CLIENT_HELLO = b"\x01\x00\x00\x00"


def flood(records):
    """The case: a full handshake, then `records` in one write, then what comes back."""

    def case(peer):
        assert peer.handshake(), peer.outcome.handshake_error
        peer.send(records)
        return peer.collect()

    return case


def test_renegotiation_flood(compare):
    """Encrypted records each holding a ClientHello header: libtls12 refuses each with a
    warning no_renegotiation, at most 32 times, then sends a fatal unexpected_message and
    closes the connection."""
    tls12, openssl = compare(flood([(ContentType.handshake, EMPTY_CLIENT_HELLO)] * FLOOD))
    refusals = tls12.warnings(AlertDescription.no_renegotiation)
    assert 1 <= refusals <= MAX_NO_PROGRESS, tls12.explain()
    assert len(tls12.alerts) == refusals + 1, tls12.explain()
    assert tls12.fatal == AlertDescription.unexpected_message, tls12.explain()
    assert tls12.closed and tls12.server_alive, tls12.explain()


def test_empty_application_data_flood(compare):
    """Empty encrypted application-data records: the 33rd in a row ends the connection
    with a fatal unexpected_message and nothing else, as OpenSSL does."""
    tls12, openssl = compare(flood([(ContentType.application_data, b"")] * FLOOD))
    assert tls12.alerts == [(2, AlertDescription.unexpected_message)], tls12.explain()
    assert tls12.closed and tls12.server_alive, tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"


def test_empty_records_below_the_limit(compare):
    """32 empty records, then a line: the line comes back reversed and the connection
    stays open (the limit counts records in a row, and 32 are allowed), as OpenSSL
    does."""

    def case(peer):
        assert peer.handshake(), peer.outcome.handshake_error
        peer.send([(ContentType.application_data, b"")] * MAX_NO_PROGRESS + [(ContentType.application_data, b"ok\n")])
        return peer.collect(until=lambda outcome: outcome.data.endswith(b"\n"))

    tls12, openssl = compare(case, service="rev")
    assert tls12.data == b"ko\n" and not tls12.alerts, tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"

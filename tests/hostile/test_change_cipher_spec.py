"""ChangeCipherSpec bodies (RFC 5246 7.1): the record holds the single byte 1. A client
that sends anything else where its ChangeCipherSpec belongs (right after its
ClientKeyExchange) gets unexpected_message, as from OpenSSL."""

from tlslite.constants import AlertDescription, AlertLevel, ContentType, HandshakeType


def change_cipher_spec_after_key_exchange(body):
    """The case: a handshake with a ChangeCipherSpec record holding `body` right after
    the ClientKeyExchange, then what comes back."""

    def case(peer):
        peer.handshake(after={HandshakeType.client_key_exchange: [(ContentType.change_cipher_spec, body)]})
        return peer.collect()

    return case


def test_bodies_other_than_one_byte_1_are_unexpected_message(compare):
    """The value 2, the byte 1 twice, and 1 followed by a zero."""
    for body in [b"\x02", b"\x01\x01", b"\x01\x00", b"\x00"]:
        tls12, openssl = compare(change_cipher_spec_after_key_exchange(body))
        assert tls12.alerts == [(AlertLevel.fatal, AlertDescription.unexpected_message)], f"{body!r}: {tls12.explain()}"
        assert tls12.closed and tls12.server_alive, f"{body!r}: {tls12.explain()}"
        assert tls12.same_as(openssl), f"{body!r}: libtls12: {tls12}\nOpenSSL:  {openssl}"


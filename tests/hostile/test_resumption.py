"""Resumption by session ID (RFC 5246 7.4.1.2, RFC 6066 3, RFC 7627 5.3): a first
connection (tlslite-ng, full handshake, closed with close_notify so that the session
stays cached) makes a session; a second one sends a ClientHello built by hello.py that
names it. The server resumes only when the session's suite is offered and the SNI name
is the session's, and a resumed ServerHello carries no server_name. A session with
extended master secret offered without it is handshake_failure; a session without it
offered with it gets a full handshake, as from OpenSSL 3.0. (Tickets and the client
side are not covered here.)"""

import socket
import struct

from tlslite.constants import AlertDescription, GroupName, HandshakeType

import hostile
from hello import ECDHE, EXTENDED_MASTER_SECRET, UNCOMPRESSED, client_hello, read_flight

# Both servers issue no tickets, so that the session has an ID (OpenSSL leaves it
# empty when it could send a ticket instead).
BY_ID = ("-no_ticket",)
# The other ECDHE-RSA AES-GCM suite, offered when the session's is to be left out.
ECDHE_AES256 = 0xC030
SERVER_NAME_EXTENSION = 0


def server_hello_fields(flight):
    """The ServerHello's session ID and extension types, or (None, None)."""
    body = flight.message(HandshakeType.server_hello)
    if body is None:
        return None, None
    id_end = 35 + body[34]
    at = id_end + 3
    types = []
    if len(body) > at:
        end = at + 2 + struct.unpack(">H", body[at:at + 2])[0]
        at += 2
        while at < end:
            typ, length = struct.unpack(">HH", body[at:at + 4])
            types.append(typ)
            at += 4 + length
    return bytes(body[35:id_end]), types


def resuming(first_settings=None, first_name=None, other_suite=False, names=None, ems=True):
    """The case: a full handshake with tlslite-ng `first_settings` and SNI `first_name`,
    closed cleanly, then a ClientHello naming its session and offering its suite (with
    `other_suite` another ECDHE-RSA GCM suite instead), the server names `names` and,
    when `ems`, extended_master_secret. Returns the second connection's flight, with `offered_id`
    (the session's ID), `session_id` and `extension_types` of the ServerHello."""

    def case(peer):
        assert peer.handshake(settings=first_settings, server_name=first_name), peer.outcome.explain()
        session = peer.connection.session
        peer.connection.close()
        port = peer._socket.getpeername()[1]
        extra = [(EXTENDED_MASTER_SECRET, b"")] if ems else []
        suite = session.cipherSuite
        if other_suite:
            suite = ECDHE_AES256 if suite == ECDHE else ECDHE
        hello = client_hello(
            [suite],
            [GroupName.secp256r1],
            [UNCOMPRESSED],
            server_names=names,
            extra_extensions=extra,
            session_id=session.sessionID,
        )
        with socket.create_connection(("127.0.0.1", port), timeout=hostile.HANDSHAKE_TIMEOUT) as second:
            content_type, payload = hello
            second.sendall(struct.pack(">BHH", content_type, 0x0301, len(payload)) + payload)
            flight = read_flight(second)
        flight.offered_id = bytes(session.sessionID)
        flight.session_id, flight.extension_types = server_hello_fields(flight)
        flight.first_suite = session.cipherSuite
        return flight

    return case


def resumed(flight):
    """Whether the server resumed: the offered ID echoed and no Certificate."""
    return flight.session_id == flight.offered_id and flight.message(HandshakeType.certificate) is None


def full_handshake(flight):
    """Whether the server did a full handshake: a new session ID and its certificate."""
    return (
        flight.session_id is not None
        and flight.session_id != flight.offered_id
        and flight.message(HandshakeType.certificate) is not None
    )


def test_the_same_offer_resumes(compare):
    """The control: the session's suite, SNI name and extended master secret."""
    tls12, openssl = compare(resuming(first_name="a.example", names=[(0, b"a.example")]), extra=BY_ID)
    assert tls12.offered_id and resumed(tls12), tls12.explain()
    assert resumed(openssl), f"OpenSSL: {openssl}"
    assert SERVER_NAME_EXTENSION not in tls12.extension_types, f"server_name in a resumed ServerHello: {tls12}"


def test_a_session_whose_suite_is_not_offered_is_not_resumed(compare):
    """The session's suite left out of the hello: a full handshake with the one offered
    (OpenSSL 3.0 refuses such a hello with illegal_parameter, as RFC 5246 7.4.1.2 lets
    it: the client MUST offer the session's suite)."""
    tls12, openssl = compare(resuming(other_suite=True), extra=BY_ID)
    assert full_handshake(tls12) and tls12.suite != tls12.first_suite, tls12.explain()


def test_another_server_name_is_not_resumed(compare):
    """RFC 6066 3: a session made for a.example, offered for b.example, gets a full
    handshake (OpenSSL 3.0 resumes it)."""
    tls12, openssl = compare(resuming(first_name="a.example", names=[(0, b"b.example")]), extra=BY_ID)
    assert full_handshake(tls12), tls12.explain()


def test_a_session_with_extended_master_secret_offered_without_it_is_handshake_failure(compare):
    """RFC 7627 5.3: the server aborts."""
    tls12, openssl = compare(resuming(ems=False), extra=BY_ID)
    assert tls12.fatal == AlertDescription.handshake_failure, tls12.explain()
    assert tls12.fatal == openssl.fatal, f"libtls12: {tls12}\nOpenSSL:  {openssl}"


def test_a_session_without_extended_master_secret_offered_with_it_is_not_resumed(compare):
    """RFC 7627 5.3: a full handshake (OpenSSL 3.0 does one too)."""
    tls12, openssl = compare(resuming(first_settings={"useExtendedMasterSecret": False}), extra=BY_ID)
    assert full_handshake(tls12), tls12.explain()
    assert full_handshake(openssl), f"OpenSSL: {openssl}"

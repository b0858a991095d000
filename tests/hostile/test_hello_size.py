"""The largest ClientHello (RFC 5246 7.4.1.2): the grammar allows a body of 131,396
bytes (a 32-byte session ID, 32,767 cipher suites, 255 compression methods and 65,535
bytes of extensions), which travels in several records. A server reads and answers
it, as OpenSSL does; a message that claims more is refused from its header with
illegal_parameter (OpenSSL's excessive message size)."""

import os
import struct

from tlslite.constants import AlertDescription, ContentType, GroupName, HandshakeType

from hello import ECDHE, PADDING, SIGALGS, UNCOMPRESSED, read_flight

# The longest ClientHello body the grammar allows.
LARGEST_BODY = 2 + 32 + (1 + 32) + (2 + 65534) + (1 + 255) + (2 + 65535)
# The longest record payload (RFC 5246 6.2.1).
MAX_FRAGMENT = 16384


def extension(typ, body):
    """One extension as it travels."""
    return struct.pack(">HH", typ, len(body)) + body


def largest_client_hello_body():
    """A ClientHello body of LARGEST_BODY bytes: the ECDHE suite last behind 32,766
    suite values nobody assigns, every compression method with null last, and
    signature_algorithms, supported_groups and ec_point_formats followed by a padding
    extension (of zeros) that fills the extension block."""
    # 0x0a0a, 0x1a1a, ... are values reserved never to be assigned (RFC 8701).
    fillers = [0x0A0A + 0x1010 * (i % 16) for i in range(32766)]
    suites = struct.pack(f">{len(fillers) + 1}H", *fillers, ECDHE)
    compression = bytes(range(255, 0, -1))[:254] + b"\x00"
    sigalgs = b"".join(bytes(pair) for pair in SIGALGS)
    extensions = (
        extension(13, struct.pack(">H", len(sigalgs)) + sigalgs)
        + extension(10, struct.pack(">HH", 2, GroupName.secp256r1))
        + extension(11, bytes([1, UNCOMPRESSED]))
    )
    extensions += extension(PADDING, bytes(65535 - len(extensions) - 4))
    body = (
        b"\x03\x03"
        + os.urandom(32)
        + bytes([32])
        + os.urandom(32)
        + struct.pack(">H", len(suites))
        + suites
        + bytes([len(compression)])
        + compression
        + struct.pack(">H", len(extensions))
        + extensions
    )
    assert len(body) == LARGEST_BODY
    return body


def sending_in_records(body):
    """A case that sends the ClientHello `body` in records of the longest payload and
    returns the server's first flight."""

    def case(peer):
        message = bytes([HandshakeType.client_hello]) + len(body).to_bytes(3, "big") + body
        records = b""
        for at in range(0, len(message), MAX_FRAGMENT):
            fragment = message[at:at + MAX_FRAGMENT]
            records += struct.pack(">BHH", ContentType.handshake, 0x0301, len(fragment)) + fragment
        peer._socket.sendall(records)
        return read_flight(peer._socket)

    return case


def test_the_largest_client_hello_is_answered(compare):
    """131,396 bytes in nine records: the server picks the one suite it knows."""
    tls12, openssl = compare(sending_in_records(largest_client_hello_body()))
    assert tls12.fatal is None and tls12.suite == ECDHE, tls12.explain()
    assert tls12.message(HandshakeType.server_hello_done) is not None, tls12.explain()
    assert openssl.suite == ECDHE, f"OpenSSL: {openssl}"


def test_a_longer_client_hello_is_illegal_parameter(compare):
    """One byte more (trailing the extension block): refused as too long before the
    rest of it is read."""
    tls12, openssl = compare(sending_in_records(largest_client_hello_body() + b"\x00"))
    assert tls12.fatal == AlertDescription.illegal_parameter, tls12.explain()
    assert tls12.server_alive, tls12.explain()
    assert tls12.fatal == openssl.fatal, f"libtls12: {tls12}\nOpenSSL:  {openssl}"

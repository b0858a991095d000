"""ClientHellos built with tlslite-ng's message classes and sent as one plaintext
record, and the server's first flight read back raw: the cases that need exactly one
hello field or extension to be wrong, and the suite, group or alert the server answers
with."""

import os
import socket
import struct

from tlslite.constants import CipherSuite, ContentType, GroupName, HandshakeType
from tlslite.extensions import (
    ECPointFormatsExtension,
    SignatureAlgorithmsExtension,
    SNIExtension,
    SupportedGroupsExtension,
    TLSExtension,
)
from tlslite.messages import ClientHello

import hostile

DHE = CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
ECDHE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
# A group id that no registry assigns (ignored by a server that does not know it).
UNKNOWN_GROUP = 0x1A1A
# rsa_pkcs1_sha256 and rsa_pss_rsae_sha256, as (hash, signature) pairs.
SIGALGS = [(4, 1), (8, 4)]
# ec_point_formats: uncompressed (0), ansiX962_compressed_prime (1).
UNCOMPRESSED, COMPRESSED = 0, 1
# Extension types: padding (RFC 7685), extended_master_secret (RFC 7627).
PADDING, EXTENDED_MASTER_SECRET = 21, 23


def client_hello(
    suites,
    groups=None,
    point_formats=None,
    compression_methods=(0,),
    server_names=None,
    sigalgs=SIGALGS,
    extra_extensions=(),
    session_id=b"",
):
    """A ClientHello record (content type, payload) offering `suites` and
    `compression_methods` and naming the session `session_id`, with a
    signature_algorithms extension listing `sigalgs` ((hash, signature) pairs), a
    supported_groups extension listing `groups`, an ec_point_formats extension listing
    `point_formats` and a server_name extension listing `server_names` (each (name
    type, bytes)) unless they are None, then the `extra_extensions`, each (type,
    body)."""
    extensions = [] if sigalgs is None else [SignatureAlgorithmsExtension().create(sigalgs)]
    if server_names is not None:
        names = [SNIExtension.ServerName(kind, bytearray(name)) for kind, name in server_names]
        extensions.append(SNIExtension().create(serverNames=names))
    if groups is not None:
        extensions.append(SupportedGroupsExtension().create(groups))
    if point_formats is not None:
        extensions.append(ECPointFormatsExtension().create(point_formats))
    for typ, body in extra_extensions:
        extensions.append(TLSExtension(extType=typ).create(bytearray(body)))
    hello = ClientHello().create((3, 3), bytearray(os.urandom(32)), bytearray(session_id), suites, extensions=extensions)
    hello.compression_methods = list(compression_methods)
    return (ContentType.handshake, bytes(hello.write()))


class Flight(hostile.Outcome):
    """An outcome with the server's first flight: its handshake messages as
    (type, body), in order."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def message(self, typ):
        """The body of the first handshake message of type `typ`, or None."""
        return next((body for t, body in self.messages if t == typ), None)

    @property
    def suite(self):
        """The cipher suite of the ServerHello, or None."""
        body = self.message(HandshakeType.server_hello)
        if body is None:
            return None
        at = 2 + 32 + 1 + body[34]
        return struct.unpack(">H", body[at:at + 2])[0]

    @property
    def dh_prime_bits(self):
        """The size of the DH prime in a DHE ServerKeyExchange, or None."""
        body = self.message(HandshakeType.server_key_exchange)
        if body is None or self.suite != DHE:
            return None
        length = struct.unpack(">H", body[:2])[0]
        return length * 8

    @property
    def named_curve(self):
        """The named group of an ECDHE ServerKeyExchange, or None."""
        body = self.message(HandshakeType.server_key_exchange)
        if body is None or self.suite != ECDHE or body[0] != 3:
            return None
        return struct.unpack(">H", body[1:3])[0]

    @property
    def ske_signature_scheme(self):
        """The signature scheme of an ECDHE ServerKeyExchange as (hash, signature), or
        None."""
        body = self.message(HandshakeType.server_key_exchange)
        if body is None or body[0] != 3:
            return None
        at = 4 + body[3]
        return (body[at], body[at + 1])

    def __str__(self):
        parts = [f"suite {self.suite:#06x}"] if self.suite is not None else []
        if self.ske_signature_scheme:
            parts.append("signed with {:#04x}{:02x}".format(*self.ske_signature_scheme))
        if self.dh_prime_bits:
            parts.append(f"DH prime {self.dh_prime_bits} bits")
        if self.named_curve:
            parts.append(f"curve {GroupName.toStr(self.named_curve)}")
        return "; ".join(parts + [super().__str__()])


def read_flight(sock):
    """Reads plaintext records until ServerHelloDone, an alert, the end of the stream or
    SILENCE seconds of nothing; returns the Flight."""
    flight = Flight()
    sock.settimeout(hostile.SILENCE)
    data = b""
    handshake = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return flight
        except ConnectionResetError:
            flight.closed = "reset"
            return flight
        if not chunk:
            flight.closed = "closed"
            return flight
        data += chunk
        while len(data) >= 5 and len(data) >= 5 + struct.unpack(">H", data[3:5])[0]:
            length = struct.unpack(">H", data[3:5])[0]
            content_type, payload, data = data[0], data[5:5 + length], data[5 + length:]
            if content_type == ContentType.alert and len(payload) == 2:
                flight.alerts.append((payload[0], payload[1]))
                return flight
            if content_type != ContentType.handshake:
                continue
            handshake += payload
            while len(handshake) >= 4 and len(handshake) >= 4 + int.from_bytes(handshake[1:4], "big"):
                size = int.from_bytes(handshake[1:4], "big")
                flight.messages.append((handshake[0], handshake[4:4 + size]))
                if handshake[0] == HandshakeType.server_hello_done:
                    return flight
                handshake = handshake[4 + size:]


def sending(record):
    """A case that sends `record` and returns the server's first flight."""

    def case(peer):
        content_type, payload = record
        # The record version a first ClientHello carries (RFC 5246 E.1).
        peer._socket.sendall(struct.pack(">BHH", content_type, 0x0301, len(payload)) + payload)
        return read_flight(peer._socket)

    return case

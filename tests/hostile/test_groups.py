"""Groups (RFC 7919, RFC 8422): a ClientHello (hello.py) with exactly the
supported_groups and ec_point_formats in question, and the group the server puts in its
ServerKeyExchange (or the alert it sends instead)."""

from tlslite.constants import AlertDescription, GroupName
from tlslite.messages import ClientKeyExchange

from hello import COMPRESSED, DHE, ECDHE, UNCOMPRESSED, UNKNOWN_GROUP, client_hello, sending


def test_the_clients_most_preferred_ffdhe_group_is_chosen(compare):
    """RFC 7919 4: ffdhe4096 listed before ffdhe2048 gets a 4096-bit prime."""
    hello = client_hello([DHE], [GroupName.ffdhe4096, GroupName.ffdhe2048])
    tls12, openssl = compare(sending(hello))
    assert tls12.suite == DHE and tls12.dh_prime_bits == 4096, tls12.explain()


def test_ffdhe6144_and_ffdhe8192(compare):
    """The two largest RFC 7919 groups are implemented; unknown ids and ECC groups in
    the list change nothing."""
    for group, bits in [(GroupName.ffdhe6144, 6144), (GroupName.ffdhe8192, 8192)]:
        hello = client_hello([DHE, ECDHE], [UNKNOWN_GROUP, GroupName.x25519, group], [UNCOMPRESSED])
        tls12, openssl = compare(sending(hello))
        assert tls12.suite == DHE and tls12.dh_prime_bits == bits, tls12.explain()


def test_no_acceptable_ffdhe_group_falls_back_to_ecdhe(compare):
    """RFC 7919 4: a server limited to ffdhe3072 does not answer a client that names
    only ffdhe2048 with DHE; ECDHE is next."""
    hello = client_hello([DHE, ECDHE], [GroupName.ffdhe2048, GroupName.secp256r1], [UNCOMPRESSED])
    tls12, openssl = compare(sending(hello), extra=("-groups", "P-256:ffdhe3072"))
    assert tls12.suite == ECDHE and tls12.named_curve == GroupName.secp256r1, tls12.explain()


def test_no_acceptable_ffdhe_group_and_no_other_suite_is_insufficient_security(compare):
    """RFC 7919 4: with only DHE offered, the handshake ends with insufficient_security."""
    hello = client_hello([DHE], [GroupName.ffdhe2048])
    tls12, openssl = compare(sending(hello), extra=("-groups", "P-256:ffdhe3072"))
    assert tls12.fatal == AlertDescription.insufficient_security, tls12.explain()


def test_without_supported_groups_ecdhe_uses_secp256r1(compare):
    """RFC 8422 5.1.1: a client without supported_groups gets secp256r1 (X25519 is the
    server's first preference otherwise; OpenSSL 3.0 refuses ECDHE here)."""
    hello = client_hello([ECDHE], None, [UNCOMPRESSED])
    tls12, openssl = compare(sending(hello))
    assert tls12.named_curve == GroupName.secp256r1, tls12.explain()


def test_empty_point_format_list_is_decode_error(compare):
    """RFC 8422 5.1.2: the list has at least one element."""
    tls12, openssl = compare(sending(client_hello([ECDHE], [GroupName.secp256r1], [])))
    assert tls12.fatal == AlertDescription.decode_error, tls12.explain()


def test_point_formats_without_uncompressed_are_illegal_parameter(compare):
    """RFC 8422 5.1.2: uncompressed must be in the list."""
    tls12, openssl = compare(sending(client_hello([ECDHE], [GroupName.secp256r1], [COMPRESSED])))
    assert tls12.fatal == AlertDescription.illegal_parameter, tls12.explain()


def test_a_compressed_client_point_is_illegal_parameter(compare):
    """RFC 8422 5.1.2: only uncompressed points were agreed on; the client's
    ClientKeyExchange carries its P-256 point in compressed form instead."""

    def case(peer):
        connection = peer.connection
        send = connection._sendMsg

        def compressing(msg, *args, **kwargs):
            if isinstance(msg, ClientKeyExchange) and msg.ecdh_Yc and msg.ecdh_Yc[0] == 4:
                point = bytes(msg.ecdh_Yc)
                x, y = point[1:33], point[33:]
                msg.ecdh_Yc = bytearray([2 + (y[-1] & 1)]) + bytearray(x)
            return send(msg, *args, **kwargs)

        connection._sendMsg = compressing
        settings = {
            "cipherNames": ["aes128gcm"],
            "keyExchangeNames": ["ecdhe_rsa"],
            "eccCurves": ["secp256r1"],
            "keyShares": [],
        }
        peer.handshake(settings=settings)
        return peer.collect()

    tls12, openssl = compare(case)
    assert tls12.fatal == AlertDescription.illegal_parameter, tls12.explain()

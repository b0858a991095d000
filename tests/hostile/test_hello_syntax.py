"""ClientHello syntax (RFC 5246 7.4.1.2): the alert for each malformed field, sent in a
hello built by hello.py."""

from tlslite.constants import AlertDescription, GroupName

from hello import ECDHE, PADDING, UNCOMPRESSED, client_hello, sending


def test_compression_methods_without_null_are_illegal_parameter(compare):
    """null (0) must be offered; a list with only DEFLATE (1) is illegal_parameter."""
    hello = client_hello([ECDHE], [GroupName.secp256r1], [UNCOMPRESSED], compression_methods=[1])
    tls12, openssl = compare(sending(hello))
    assert tls12.fatal == AlertDescription.illegal_parameter, tls12.explain()


def test_an_empty_compression_method_list_is_decode_error(compare):
    """The grammar asks for at least one method (compression_methods<1..2^8-1>)."""
    hello = client_hello([ECDHE], [GroupName.secp256r1], [UNCOMPRESSED], compression_methods=[])
    tls12, openssl = compare(sending(hello))
    assert tls12.fatal == AlertDescription.decode_error, tls12.explain()


def offering_names(names):
    """A case sending an ECDHE ClientHello whose server_name lists `names`."""
    return sending(client_hello([ECDHE], [GroupName.secp256r1], [UNCOMPRESSED], server_names=names))


def test_server_names_that_are_not_host_names_are_illegal_parameter(compare):
    """RFC 6066 3: a host_name is a DNS host name, without a trailing dot; one host_name
    per list."""
    for names in [
        [(0, b"")],
        [(0, b"example.com.")],
        [(0, b"exa\x00mple.com")],
        [(0, b"exa mple.com")],
        [(0, b"example..com")],
        [(0, b"example.com"), (0, b"example.org")],
    ]:
        tls12, openssl = compare(offering_names(names))
        assert tls12.fatal == AlertDescription.illegal_parameter, f"{names}: {tls12.explain()}"


def test_unknown_name_types_are_ignored(compare):
    """RFC 6066 3: a name type the server does not know is skipped, beside a host name
    or alone."""
    for names in [[(7, b"\x01\x02"), (0, b"example.com")], [(7, b"whatever")]]:
        tls12, openssl = compare(offering_names(names))
        assert tls12.suite == ECDHE and tls12.fatal is None, f"{names}: {tls12.explain()}"


def offering_padding(padding):
    """A case sending an ECDHE ClientHello whose padding extension holds `padding`."""
    return sending(client_hello([ECDHE], [GroupName.secp256r1], [UNCOMPRESSED], extra_extensions=[(PADDING, padding)]))


def test_padding_of_zeros_is_ignored(compare):
    """RFC 7685 3: the padding is zero bytes, of any length (none too)."""
    for padding in [b"", b"\x00", bytes(512)]:
        tls12, openssl = compare(offering_padding(padding))
        assert tls12.suite == ECDHE and tls12.fatal is None, f"{len(padding)} bytes: {tls12.explain()}"


def test_padding_with_other_bytes_is_illegal_parameter(compare):
    """RFC 7685 3: the client MUST fill the padding with zeros; a padding holding
    another byte is illegal_parameter (OpenSSL does not look at the padding and goes
    on; the table shows it)."""
    for padding in [b"\x01", bytes(100) + b"\xff", b"padding"]:
        tls12, openssl = compare(offering_padding(padding))
        assert tls12.fatal == AlertDescription.illegal_parameter, f"{padding!r}: {tls12.explain()}"
        assert tls12.server_alive, f"{padding!r}: {tls12.explain()}"

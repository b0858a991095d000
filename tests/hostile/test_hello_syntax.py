"""ClientHello syntax (RFC 5246 7.4.1.2): the alert for each malformed field, sent in a
hello built by hello.py."""

from tlslite.constants import AlertDescription, GroupName

from hello import ECDHE, UNCOMPRESSED, client_hello, sending


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

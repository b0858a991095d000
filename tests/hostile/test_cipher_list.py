"""A server configured with `-cipher "ECDHE:DHE:!CBC"` (SSL_CTX_set_cipher_list):
the CBC suites are left out, so a client offering only CBC suites gets
handshake_failure and one offering a CBC suite first gets an AEAD one, as from
OpenSSL."""

from tlslite.constants import AlertDescription, CipherSuite, GroupName

from hello import DHE, ECDHE, UNCOMPRESSED, client_hello, sending

NO_CBC = ("-cipher", "ECDHE:DHE:!CBC")
ECDHE_CBC = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
ECDHE_CBC_SHA384 = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
DHE_CBC = CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256


def offering(suites):
    """A case sending a ClientHello that offers `suites` (P-256 for ECDHE)."""
    return sending(client_hello(suites, [GroupName.secp256r1], [UNCOMPRESSED]))


def test_only_cbc_suites_offered_is_handshake_failure(compare):
    """ECDHE and DHE CBC suites, nothing else: no suite in common."""
    tls12, openssl = compare(offering([ECDHE_CBC, ECDHE_CBC_SHA384, DHE_CBC]), extra=NO_CBC)
    assert tls12.fatal == AlertDescription.handshake_failure, tls12.explain()
    assert tls12.fatal == openssl.fatal, f"libtls12: {tls12}\nOpenSSL:  {openssl}"


def test_the_aead_suites_stay(compare):
    """CBC suites before the GCM ones: the server takes an ECDHE or DHE GCM suite."""
    for suites, chosen in [([ECDHE_CBC, DHE_CBC, ECDHE], ECDHE), ([DHE_CBC, ECDHE_CBC, DHE], DHE)]:
        tls12, openssl = compare(offering(suites), extra=NO_CBC)
        assert tls12.fatal is None and tls12.suite == chosen, tls12.explain()
        assert openssl.suite == chosen, f"OpenSSL: {openssl}"


def test_without_the_rule_cbc_is_chosen(compare):
    """The control: `-cipher ECDHE:DHE` keeps the CBC suites, so the CBC-only hello
    is answered."""
    tls12, openssl = compare(offering([ECDHE_CBC]), extra=("-cipher", "ECDHE:DHE"))
    assert tls12.fatal is None and tls12.suite == ECDHE_CBC, tls12.explain()
    assert openssl.suite == ECDHE_CBC, f"OpenSSL: {openssl}"

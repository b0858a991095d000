"""Signature algorithms (RFC 5246 7.4.1.4.1, RFC 8422 5.1.1, RFC 9155): a client that
offers one signature/hash pair at a time gets a ServerKeyExchange signed with exactly
that pair, for RSA, P-256 and P-384 certificates (TLS 1.2 lets any hash go with either
curve); a client without signature_algorithms gets RFC 5246's SHA-1 default only at
security level 0; a CertificateVerify whose signature does not match its label is
decrypt_error, one with a pair the server did not ask for illegal_parameter. As a
client, `tls12 s_client` verifies each pair from `openssl s_server -sigalgs`, and
signs each with `-client_sigalgs` when `openssl s_client` forces it."""

import os
import socket
import struct
import subprocess
from pathlib import Path

import pytest
from tlslite import X509CertChain, parsePEMKey
from tlslite.constants import AlertDescription, HashAlgorithm, SignatureAlgorithm
from tlslite.constants import CipherSuite, GroupName, HandshakeType
from tlslite.messages import CertificateVerify

import hostile
from hello import ECDHE, UNCOMPRESSED, client_hello, sending

CERTS = Path(os.environ.get("TLS12_TEST_CERTS", hostile.ROOT / "target/test-certs"))
ECDHE_ECDSA = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256

# The servers' certificates: s_server options (the RSA one is hostile.py's default).
RSA = ()
P256 = ("-cert", str(CERTS / "ecdsa-chain.pem"), "-key", str(CERTS / "ecdsa.key"))
P384 = ("-cert", str(CERTS / "ecdsa384-chain.pem"), "-key", str(CERTS / "ecdsa384.key"))
# OpenSSL 3.0 rates SHA-1 below security level 1: it is allowed at level 0 only.
LEVEL_0 = ("-cipher", "ALL@SECLEVEL=0")

HASHES = ["sha1", "sha224", "sha256", "sha384", "sha512"]


def scheme(hash_name, signature):
    """The (hash, signature) code points of a pair; "rsa_pss" is rsa_pss_rsae."""
    if signature == "rsa_pss":
        return (8, {"sha256": 4, "sha384": 5, "sha512": 6}[hash_name])
    return (getattr(HashAlgorithm, hash_name), getattr(SignatureAlgorithm, signature))


def offering_one(hash_name, signature):
    """tlslite-ng settings for a client that offers exactly one pair, with the ECDHE
    suite of that signature type and both NIST curves."""
    settings = {
        "rsaSigHashes": [],
        "ecdsaSigHashes": [],
        "dsaSigHashes": [],
        "more_sig_schemes": [],
        "cipherNames": ["aes128gcm"],
        "keyExchangeNames": ["ecdhe_ecdsa" if signature == "ecdsa" else "ecdhe_rsa"],
        "eccCurves": ["secp256r1", "secp384r1"],
        "keyShares": [],
    }
    if signature == "ecdsa":
        settings["ecdsaSigHashes"] = [hash_name]
    else:
        settings["rsaSigHashes"] = [hash_name]
        settings["rsaSchemes"] = ["pss" if signature == "rsa_pss" else "pkcs1"]
    return settings


def handshaking(settings, **credentials):
    """A case: a full handshake with `settings` (and a client certificate, given as
    `cert_chain` and `private_key`), then whatever the server still sends."""

    def case(peer):
        peer.handshake(settings=settings, **credentials)
        return peer.collect()

    return case


# (server certificate, hash, signature) of every pair a server signs with at level 1.
SIGNED_PAIRS = (
    [(RSA, h, "rsa") for h in HASHES[1:]]
    + [(RSA, h, "rsa_pss") for h in HASHES[2:]]
    + [(cert, h, "ecdsa") for cert in (P256, P384) for h in HASHES[1:]]
)


@pytest.mark.parametrize("cert,hash_name,signature", SIGNED_PAIRS)
def test_the_server_signs_with_the_one_pair_offered(compare, cert, hash_name, signature):
    """RFC 5246 7.4.1.4.1: the server signs with a pair the client offered, and any pair
    its key can make will do (ECDSA keys with any hash on either curve), as OpenSSL
    does."""
    tls12, openssl = compare(handshaking(offering_one(hash_name, signature)), extra=cert)
    assert tls12.handshake_error is None, tls12.explain()
    assert tls12.signature_scheme == scheme(hash_name, signature), tls12.explain()
    assert openssl.signature_scheme == tls12.signature_scheme, openssl.explain()


@pytest.mark.parametrize("cert,signature", [(RSA, "rsa"), (P256, "ecdsa"), (P384, "ecdsa")])
def test_sha1_is_signed_only_at_level_0(compare, cert, signature):
    """RFC 9155 and OpenSSL 3.0's levels: a client offering only SHA-1 gets
    handshake_failure at level 1 and a SHA-1 signature at level 0."""
    case = handshaking(offering_one("sha1", signature))
    tls12, openssl = compare(case, extra=cert)
    assert tls12.fatal == AlertDescription.handshake_failure, tls12.explain()
    tls12, openssl = compare(case, extra=cert + LEVEL_0)
    assert tls12.handshake_error is None, tls12.explain()
    assert tls12.signature_scheme == scheme("sha1", signature), tls12.explain()
    assert tls12.same_as(openssl), f"libtls12: {tls12}\nOpenSSL:  {openssl}"


@pytest.mark.parametrize("cert,suite,default", [(RSA, ECDHE, (2, 1)), (P256, ECDHE_ECDSA, (2, 3))])
def test_without_signature_algorithms_the_default_is_sha1_at_level_0(compare, cert, suite, default):
    """RFC 5246 7.4.1.4.1: without the extension the client accepts SHA-1 with the
    certificate's key type, RSA and ECDSA alike; only level 0 allows SHA-1, so at
    level 1 the handshake fails as with OpenSSL."""
    hello = client_hello([suite], [GroupName.secp256r1], [UNCOMPRESSED], sigalgs=None)
    tls12, openssl = compare(sending(hello), extra=cert)
    assert tls12.fatal == AlertDescription.handshake_failure, tls12.explain()
    assert tls12.fatal == openssl.fatal, f"libtls12: {tls12}\nOpenSSL:  {openssl}"
    tls12, openssl = compare(sending(hello), extra=cert + LEVEL_0)
    assert tls12.ske_signature_scheme == default, tls12.explain()
    assert openssl.ske_signature_scheme == default, openssl.explain()


# A server that asks for a client certificate, trusting the test root.
ASKING = ("-Verify", "1", "-CAfile", str(CERTS / "ca.pem"))


def relabelling(label):
    """A case: a handshake with the RSA client certificate, signing CertificateVerify
    with rsa_pkcs1_sha256 and sending it labelled `label` instead."""

    def case(peer):
        send = peer.connection._sendMsg

        def relabelled(msg, *args, **kwargs):
            if isinstance(msg, CertificateVerify):
                msg.signatureAlgorithm = label
            return send(msg, *args, **kwargs)

        peer.connection._sendMsg = relabelled
        chain = X509CertChain()
        chain.parsePemList((CERTS / "client-chain.pem").read_text())
        key = parsePEMKey((CERTS / "client.key").read_text(), private=True)
        peer.handshake(settings=offering_one("sha256", "rsa"), cert_chain=chain, private_key=key)
        return peer.collect()

    return case


def test_a_client_signature_under_the_wrong_hash_is_decrypt_error(compare):
    """RFC 5246 7.4.8: made with SHA-256, labelled rsa_pkcs1_sha224 (a pair the server
    asked for): the signature does not verify."""
    tls12, openssl = compare(relabelling((HashAlgorithm.sha224, SignatureAlgorithm.rsa)), extra=ASKING)
    assert tls12.fatal == AlertDescription.decrypt_error, tls12.explain()
    assert tls12.fatal == openssl.fatal, f"libtls12: {tls12}\nOpenSSL:  {openssl}"


def test_a_client_signature_with_a_pair_not_asked_for_is_illegal_parameter(compare):
    """RFC 5246 7.4.8: the pair must be one of the CertificateRequest's; rsa_pkcs1_sha1
    is not at level 1."""
    tls12, openssl = compare(relabelling((HashAlgorithm.sha1, SignatureAlgorithm.rsa)), extra=ASKING)
    assert tls12.fatal == AlertDescription.illegal_parameter, tls12.explain()


def test_a_client_signature_with_each_pair_verifies(compare):
    """The server checks CertificateVerify with every pair it asks for."""
    for hash_name, signature in [(h, "rsa") for h in HASHES[1:]] + [(h, "rsa_pss") for h in HASHES[2:]]:
        chain = X509CertChain()
        chain.parsePemList((CERTS / "client-chain.pem").read_text())
        key = parsePEMKey((CERTS / "client.key").read_text(), private=True)
        settings = offering_one(hash_name, signature)
        case = handshaking(settings, cert_chain=chain, private_key=key)
        tls12, openssl = compare(case, extra=ASKING)
        assert tls12.handshake_error is None and tls12.fatal is None, f"{hash_name} {signature}: {tls12.explain()}"


def openssl_server(extra):
    """`openssl s_server` with hostile.py's options and `extra`, as a context manager."""
    return hostile.Server("openssl", CERTS / ".." / "hostile-openssl-server.log", extra=extra)


def run_tls12_client(port, extra=()):
    """`tls12 s_client` to 127.0.0.1:port; returns the completed process (it quits
    when its standard input ends). OpenSSL's s_server sends no intermediate here, so
    the chain is not verified: a completed handshake is what shows that the
    ServerKeyExchange signature verified."""
    tool = os.environ.get("TLS12_TOOL", str(hostile.ROOT / "build/tls12/tls12"))
    command = [tool, "s_client", "-connect", f"127.0.0.1:{port}", *extra]
    return subprocess.run(command, input=b"", capture_output=True, timeout=hostile.HANDSHAKE_TIMEOUT * 2)


# OpenSSL's names of every pair, and the servers that can sign it.
CLIENT_PAIRS = (
    [(f"RSA+{h.upper()}", RSA) for h in HASHES[1:]]
    + [(f"RSA-PSS+{h.upper()}", RSA) for h in HASHES[2:]]
    + [(f"ECDSA+{h.upper()}", cert) for cert in (P256, P384) for h in HASHES[1:]]
)


@pytest.mark.parametrize("sigalg,cert", CLIENT_PAIRS)
def test_the_client_verifies_every_pair(sigalg, cert):
    """`openssl s_server -sigalgs` signs with one pair only; `tls12 s_client` (level 1:
    everything but SHA-1 offered) completes the handshake, so it verified it."""
    with openssl_server(cert + ("-sigalgs", sigalg)) as server:
        client = run_tls12_client(server.port)
    output = (client.stdout + client.stderr).decode(errors="replace")
    assert client.returncode == 0 and "New, TLSv1.2" in output, f"{sigalg}:\n{output}"


def test_the_client_verifies_sha1_at_level_0_only():
    """At level 1 `tls12 s_client` does not offer SHA-1, so a server limited to it
    cannot sign; at level 0 it offers SHA-1 and verifies it."""
    for sigalg, cert in [("RSA+SHA1", RSA), ("ECDSA+SHA1", P256)]:
        with openssl_server(cert + LEVEL_0 + ("-sigalgs", sigalg)) as server:
            refused = run_tls12_client(server.port)
        assert refused.returncode != 0, f"{sigalg}: {refused.stdout.decode(errors='replace')}"
        with openssl_server(cert + LEVEL_0 + ("-sigalgs", sigalg)) as server:
            client = run_tls12_client(server.port, LEVEL_0)
        output = (client.stdout + client.stderr).decode(errors="replace")
        assert client.returncode == 0 and "New, TLSv1.2" in output, f"{sigalg}:\n{output}"


@pytest.mark.parametrize("sigalg", [f"RSA+{h.upper()}" for h in HASHES[1:]] + [f"RSA-PSS+{h.upper()}" for h in HASHES[2:]])
def test_the_client_signs_certificate_verify_with_the_pair_asked_for(sigalg):
    """`openssl s_server -client_sigalgs` asks for one pair; `tls12 s_client` signs its
    CertificateVerify with it, and OpenSSL verifies it."""
    asking = ASKING + ("-client_sigalgs", sigalg)
    client_cert = ("-cert", str(CERTS / "client-chain.pem"), "-key", str(CERTS / "client.key"))
    with openssl_server(asking) as server:
        client = run_tls12_client(server.port, client_cert)
        log = server.log()
    output = (client.stdout + client.stderr).decode(errors="replace")
    assert client.returncode == 0, f"{sigalg}:\n{output}\n--- server:\n{log}"
    assert "CLIENT CERTIFICATE" in log or "Client certificate" in log or "subject=" in log, f"{sigalg}:\n{log}"


# What OpenSSL 3.0 lists that this library does not implement: ed448, rsa_pss_pss_*
# (RSA-PSS keys) and DSA.
NOT_IMPLEMENTED = {(8, 8), (8, 9), (8, 10), (8, 11)} | {(h, 2) for h in range(2, 7)}


def pairs(body):
    """The (hash, signature) pairs of a signature_algorithms list (2-byte length,
    then the pairs)."""
    length = struct.unpack(">H", body[:2])[0]
    return [(body[i], body[i + 1]) for i in range(2, 2 + length, 2)]


def client_hello_sigalgs(command):
    """The signature_algorithms pairs of the ClientHello that `command` (a list with
    "{port}" where the port goes) sends to a listener on 127.0.0.1."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        process = subprocess.Popen(
            [arg.format(port=port) for arg in command],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            listener.settimeout(hostile.HANDSHAKE_TIMEOUT)
            connection, _ = listener.accept()
            with connection:
                connection.settimeout(hostile.HANDSHAKE_TIMEOUT)
                record = b""
                while len(record) < 5 or len(record) < 5 + struct.unpack(">H", record[3:5])[0]:
                    chunk = connection.recv(65536)
                    assert chunk, f"{command}: no ClientHello"
                    record += chunk
        finally:
            process.kill()
            process.wait()
    hello = record[5 + 4:]
    at = 2 + 32
    at += 1 + hello[at]
    at += 2 + struct.unpack(">H", hello[at:at + 2])[0]
    at += 1 + hello[at]
    end = at + 2 + struct.unpack(">H", hello[at:at + 2])[0]
    at += 2
    while at < end:
        typ, length = struct.unpack(">HH", hello[at:at + 4])
        if typ == 13:
            return pairs(hello[at + 4:at + 4 + length])
        at += 4 + length
    return None


@pytest.mark.parametrize("level", range(5))
def test_the_client_hello_lists_what_openssl_lists_at_each_level(level):
    """Our ClientHello's signature_algorithms is OpenSSL 3.0's at the same security
    level, in the same order, less what this library does not implement."""
    tool = os.environ.get("TLS12_TOOL", str(hostile.ROOT / "build/tls12/tls12"))
    cipher = f"ALL@SECLEVEL={level}"
    ours = client_hello_sigalgs([tool, "s_client", "-connect", "127.0.0.1:{port}", "-cipher", cipher])
    theirs = client_hello_sigalgs(["openssl", "s_client", "-connect", "127.0.0.1:{port}", "-tls1_2", "-cipher", cipher])
    assert ours == [pair for pair in theirs if pair not in NOT_IMPLEMENTED], f"ours {ours}\nOpenSSL {theirs}"


@pytest.mark.parametrize("level", range(4))
def test_the_certificate_request_lists_what_openssl_lists_at_each_level(compare, level):
    """Our CertificateRequest's supported_signature_algorithms is OpenSSL 3.0's at the
    same level, less what this library does not implement (a P-384 certificate; at
    level 4 OpenSSL refuses its SHA-256 signed chain, "ca md too weak")."""
    hello = client_hello([ECDHE_ECDSA], [GroupName.secp384r1], [UNCOMPRESSED], sigalgs=[(5, 3)])
    extra = P384 + ASKING + ("-cipher", f"ALL@SECLEVEL={level}")
    tls12, openssl = compare(sending(hello), extra=extra)
    requests = [flight.message(HandshakeType.certificate_request) for flight in (tls12, openssl)]
    assert None not in requests, f"libtls12: {tls12}\nOpenSSL:  {openssl}"
    ours, theirs = (pairs(body[1 + body[0]:]) for body in requests)
    assert ours == [pair for pair in theirs if pair not in NOT_IMPLEMENTED], f"ours {ours}\nOpenSSL {theirs}"

"""Certificate verification failures: libtls12's codes and messages, checked against
what Python's ssl (OpenSSL) reports for the same certificates."""

from __future__ import annotations

import ssl
import subprocess

import pytest

import tls12
from conftest import Peer, py_server_context

CASES = [
    # (server chain, key, server_hostname, X509_V_* code)
    ("expired-chain.pem", "expired.key", "localhost", 10),  # CERT_HAS_EXPIRED
    ("wronghost-chain.pem", "wronghost.key", "localhost", 62),  # HOSTNAME_MISMATCH
    ("untrusted-chain.pem", "untrusted.key", "localhost", None),  # no path to a trusted CA
    ("selfsigned.pem", "selfsigned.key", "localhost", 18),  # DEPTH_ZERO_SELF_SIGNED_CERT
]


def openssl_verdict(certs, pair, chain, key, hostname):
    """What Python's ssl client says about the server certificate."""
    a, b = pair()
    sctx = py_server_context(certs, chain, key)

    def serve(sock):
        try:
            sctx.wrap_socket(sock, server_side=True)
        except (ssl.SSLError, OSError):
            pass

    peer = Peer(serve, b)
    cctx = ssl.create_default_context(cafile=str(certs / "ca.pem"))
    with pytest.raises(ssl.SSLCertVerificationError) as info:
        cctx.wrap_socket(a, server_hostname=hostname)
    peer.join()
    return info.value


@pytest.mark.parametrize("chain,key,hostname,code", CASES)
def test_tls12_client_verification_failure(certs, pair, chain, key, hostname, code):
    expected = openssl_verdict(certs, pair, chain, key, hostname)
    if code is not None:
        assert expected.verify_code == code

    a, b = pair()
    sctx = py_server_context(certs, chain, key)
    alerts = []

    def serve(sock):
        try:
            sctx.wrap_socket(sock, server_side=True)
        except ssl.SSLError as exc:
            alerts.append(exc.reason)
        except OSError:
            alerts.append("eof")

    peer = Peer(serve, b)
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(certs / "ca.pem")
    with pytest.raises(tls12.SSLCertVerificationError) as info:
        ctx.wrap_socket(a, server_hostname=hostname)
    peer.join()
    err = info.value
    assert isinstance(err, tls12.SSLError) and isinstance(err, ValueError)
    assert err.verify_code == expected.verify_code
    assert err.verify_message == expected.verify_message
    assert err.verify_message in str(err)
    assert "certificate verify failed" in str(err)
    assert alerts and alerts[0] is not None  # OpenSSL heard an alert (or EOF)


def test_cert_none_accepts_untrusted_and_getpeercert_is_empty(certs, pair):
    a, b = pair()
    sctx = py_server_context(certs, "untrusted-chain.pem", "untrusted.key")

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(b"ok")

    peer = Peer(serve, b)
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = tls12.CERT_NONE
    tls = ctx.wrap_socket(a)
    assert tls.recv(10) == b"ok"
    assert tls.getpeercert() == {}
    assert tls.getpeercert(binary_form=True)
    peer.join()
    tls.close()


def test_python_client_rejects_tls12_server_expired_cert(certs, pair):
    a, b = pair()
    cctx = ssl.create_default_context(cafile=str(certs / "ca.pem"))

    def client(sock):
        with pytest.raises(ssl.SSLCertVerificationError) as info:
            cctx.wrap_socket(sock, server_hostname="localhost")
        return info.value.verify_code

    peer = Peer(client, a)
    sctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(certs / "expired-chain.pem", certs / "expired.key")
    with pytest.raises(tls12.SSLError) as info:
        sctx.wrap_socket(b, server_side=True)
    assert peer.join() == 10
    # The client's alert reached the server as an error with OpenSSL's reason text.
    assert info.value.reason


def test_context_settings_like_ssl():
    ctx = tls12.Context()
    assert ctx.verify_mode == tls12.CERT_REQUIRED and ctx.check_hostname
    with pytest.raises(ValueError):
        ctx.verify_mode = tls12.CERT_NONE
    ctx.check_hostname = False
    ctx.verify_mode = tls12.CERT_NONE
    ctx.check_hostname = True
    assert ctx.verify_mode == tls12.CERT_REQUIRED
    server = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    assert server.verify_mode == tls12.CERT_NONE and not server.check_hostname
    with pytest.raises(tls12.SSLError) as info:
        ctx.set_ciphers("NO-SUCH-SUITE")
    assert info.value.reason
    with pytest.raises(FileNotFoundError):  # as ssl raises it
        server.load_cert_chain("/nonexistent/chain.pem")
    with pytest.raises(FileNotFoundError):
        ctx.load_verify_locations("/nonexistent/ca.pem")


def test_check_hostname_requires_server_hostname(certs, pair):
    a, _ = pair()
    ctx = tls12.Context()
    with pytest.raises(ValueError):
        ctx.wrap_socket(a)


def test_cadata_pem_and_der(certs, pair):
    pem = (certs / "ca.pem").read_text()
    for cadata in (pem, ssl.PEM_cert_to_DER_cert(pem)):
        a, b = pair()
        sctx = py_server_context(certs)

        def serve(sock):
            with sctx.wrap_socket(sock, server_side=True) as tls:
                tls.sendall(b"ok")

        peer = Peer(serve, b)
        ctx = tls12.create_default_context(cadata=cadata)
        tls = ctx.wrap_socket(a, server_hostname="localhost")
        assert tls.recv(10) == b"ok"
        peer.join()
        tls.close()


@pytest.fixture(scope="module")
def cn_only(certs, tmp_path_factory):
    """A server certificate for "localhost" in its subject's common name and nowhere
    else (no subjectAltName), issued by the test CA."""
    d = tmp_path_factory.mktemp("cn-only")
    key, csr, cert, ext = d / "cn.key", d / "cn.csr", d / "cn.pem", d / "ext.cnf"
    ext.write_text("basicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n")

    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-subj", "/CN=localhost", "-out", str(csr))
    run("x509", "-req", "-in", str(csr), "-CA", str(certs / "ca.pem"), "-CAkey", str(certs / "ca.key"),
        "-days", "30", "-sha256", "-extfile", str(ext), "-out", str(cert))
    return cert, key


def client_accepts(make_client, pair, cert, key, common_name_checks):
    """Whether a client context from ``make_client`` (hostname checks on,
    hostname_checks_common_name as given) accepts ``cert`` for "localhost"."""
    a, b = pair()
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.maximum_version = ssl.TLSVersion.TLSv1_2
    sctx.load_cert_chain(cert, key)

    def serve(sock):
        try:
            sctx.wrap_socket(sock, server_side=True).close()
        except (ssl.SSLError, OSError):
            pass

    peer = Peer(serve, b)
    ctx = make_client()
    ctx.hostname_checks_common_name = common_name_checks
    try:
        ctx.wrap_socket(a, server_hostname="localhost").close()
        accepted = True
    except ssl.SSLCertVerificationError as exc:
        assert exc.verify_code == 62  # X509_V_ERR_HOSTNAME_MISMATCH
        accepted = False
    peer.join()
    return accepted


@pytest.mark.parametrize("common_name_checks", [True, False])
def test_common_name_fallback_as_ssl(certs, pair, cn_only, common_name_checks):
    cert, key = cn_only
    ca = certs / "ca.pem"
    theirs = client_accepts(lambda: ssl.create_default_context(cafile=str(ca)), pair, cert, key, common_name_checks)
    ours = client_accepts(lambda: tls12.create_default_context(cafile=ca), pair, cert, key, common_name_checks)
    assert ours == theirs == common_name_checks

"""getpeercert() and certificate decoding compared with Python's own ssl module: the
same certificates give the same dictionaries."""

from __future__ import annotations

import socket
import ssl
import subprocess
from pathlib import Path

import pytest

import tls12
from tls12 import _x509

from conftest import Peer, py_server_context

EXTRAS = """[req]
distinguished_name = dn
prompt = no
[dn]
C = XX
O = Org / With Slash
CN = extras.test
emailAddress = a@example.test
[ext]
subjectAltName = DNS:extras.test,IP:127.0.0.1,IP:2001:db8::1,email:b@example.test,URI:https://extras.test/x,RID:1.2.3.4,dirName:dir_sect
authorityInfoAccess = OCSP;URI:http://ocsp.extras.test/,caIssuers;URI:http://ca.extras.test/ca.der
crlDistributionPoints = URI:http://crl.extras.test/a.crl,URI:http://crl2.extras.test/b.crl
[dir_sect]
C = YY
O = Dir Org
CN = dir name
"""


@pytest.fixture(scope="module")
def extras_cert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate with every kind of name ssl reports, made by openssl."""
    d = tmp_path_factory.mktemp("extras")
    (d / "req.cnf").write_text(EXTRAS)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(d / "k.pem"),
         "-out", str(d / "c.pem"), "-days", "30", "-config", str(d / "req.cnf"), "-extensions", "ext"],
        check=True, capture_output=True,
    )
    return d / "c.pem"


def _der(path: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(path.read_text().split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n")


@pytest.mark.parametrize("name", ["ca.pem", "int.pem", "rsa.pem", "ecdsa.pem", "client.pem", "selfsigned.pem", "expired.pem"])
def test_decoded_like_ssl(certs: Path, name: str) -> None:
    assert _x509.decode_der(_der(certs / name)) == ssl._ssl._test_decode_cert(str(certs / name))


def test_every_name_kind_like_ssl(extras_cert: Path) -> None:
    want = ssl._ssl._test_decode_cert(str(extras_cert))
    assert "OCSP" in want and "crlDistributionPoints" in want
    assert _x509.decode_der(_der(extras_cert)) == want


def test_getpeercert_like_ssl(certs: Path) -> None:
    """The same server certificate, seen by an ssl client and a tls12 client."""
    results = []
    for make in (lambda: ssl.create_default_context(cafile=str(certs / "ca.pem")),
                 lambda: tls12.create_default_context(cafile=str(certs / "ca.pem"))):
        server_ctx = py_server_context(certs)
        a, b = socket.socketpair()

        def serve(sock: socket.socket) -> None:
            with server_ctx.wrap_socket(sock, server_side=True) as s:
                s.recv(1)

        peer = Peer(serve, b)
        with make().wrap_socket(a, server_hostname="localhost") as c:
            results.append((c.getpeercert(), c.getpeercert(binary_form=True)))
            c.sendall(b"x")
        peer.join()
    assert results[1] == results[0]
    assert results[1][0]["subjectAltName"] == (("DNS", "localhost"), ("DNS", "server.test"), ("IP Address", "127.0.0.1"))
    assert results[1][1] == _der(certs / "rsa.pem")

"""Third-party HTTP clients handed a tls12 context against a Python ssl HTTPS server:
urllib3 (PoolManager(ssl_context=ctx)) and requests (an HTTPAdapter that passes
ssl_context), and their verify failures as ssl.SSLError / requests' SSLError."""

from __future__ import annotations

import ssl

import pytest
import requests
import requests.adapters
import tls12
import urllib3
from conftest import https_server, py_server_context


class Tls12Adapter(requests.adapters.HTTPAdapter):
    """requests' adapter with a tls12 context for every pool, as the README shows."""

    def __init__(self, ctx: tls12.Context) -> None:
        self.ctx = ctx
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs, ssl_context=self.ctx)


def url(httpd, path: str) -> str:
    return f"https://localhost:{httpd.server_port}{path}"


def test_urllib3_pool_manager(certs, python_https):
    ctx = tls12.create_default_context(cafile=certs / "ca.pem")
    with urllib3.PoolManager(ssl_context=ctx, retries=False) as http:
        for path in ("/one", "/two"):  # http.server closes each connection: two handshakes
            resp = http.request("GET", url(python_https, path))
            assert resp.status == 200 and resp.data == path.encode()
    assert ctx.session_stats()["connect_good"] == 2  # both made by the tls12 context


def test_urllib3_verify_failure_is_an_ssl_error(python_https):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)  # no CA: the server cannot be verified
    with urllib3.PoolManager(ssl_context=ctx, retries=False) as http:
        with pytest.raises(urllib3.exceptions.SSLError) as info:
            http.request("GET", url(python_https, "/"))
    cause = info.value.__context__
    assert isinstance(cause, ssl.SSLCertVerificationError) and isinstance(cause, tls12.SSLError)
    assert cause.verify_code == 20  # unable to get local issuer certificate


def test_requests_with_adapter(certs, python_https):
    with requests.Session() as session:
        session.mount("https://", Tls12Adapter(tls12.create_default_context(cafile=certs / "ca.pem")))
        resp = session.get(url(python_https, "/requests"), timeout=10)
        assert resp.status_code == 200 and resp.text == "/requests"


def test_requests_hostname_mismatch_is_requests_ssl_error(certs):
    # A certificate from the trusted CA for another name than localhost.
    sctx = py_server_context(certs, "wronghost-chain.pem", "wronghost.key")
    httpd = https_server(lambda s: sctx.wrap_socket(s, server_side=True))
    ctx = tls12.create_default_context(cafile=certs / "ca.pem")
    try:
        with requests.Session() as session:
            session.mount("https://", Tls12Adapter(ctx))
            with pytest.raises(requests.exceptions.SSLError) as info:
                session.get(url(httpd, "/"), timeout=10)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert "CERTIFICATE_VERIFY_FAILED" in str(info.value)
    assert "Hostname mismatch" in str(info.value)

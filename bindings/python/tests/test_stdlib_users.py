"""A tls12 context where the standard library takes an ssl.SSLContext: http.client,
urllib, an http.server HTTPS server, asyncio streams, and ssl-shaped exceptions."""

from __future__ import annotations

import asyncio
import http.client
import ssl
import urllib.request

import pytest
import tls12
from conftest import https_server, py_client_context, py_server_context


def tls12_client(certs):
    return tls12.create_default_context(cafile=certs / "ca.pem")


def test_http_client_to_python_server(certs):
    sctx = py_server_context(certs)
    httpd = https_server(lambda s: sctx.wrap_socket(s, server_side=True))
    try:
        conn = http.client.HTTPSConnection("localhost", httpd.server_port, context=tls12_client(certs))
        conn.request("GET", "/hello")
        resp = conn.getresponse()
        assert resp.status == 200 and resp.read() == b"/hello"
        conn.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_urlopen_with_tls12_context(certs):
    sctx = py_server_context(certs)
    httpd = https_server(lambda s: sctx.wrap_socket(s, server_side=True))
    try:
        url = f"https://localhost:{httpd.server_port}/url"
        with urllib.request.urlopen(url, context=tls12_client(certs), timeout=10) as resp:
            assert resp.read() == b"/url"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_tls12_http_server_fetched_by_urllib_with_ssl(certs):
    sctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(certs / "rsa-chain.pem", certs / "rsa.key")
    httpd = https_server(lambda s: sctx.wrap_socket(s, server_side=True))
    try:
        url = f"https://localhost:{httpd.server_port}/served"
        for _ in range(2):  # the server goes on after the first connection
            with urllib.request.urlopen(url, context=py_client_context(certs), timeout=10) as resp:
                assert resp.read() == b"/served"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_verify_failure_is_an_ssl_error(certs):
    sctx = py_server_context(certs)
    httpd = https_server(lambda s: sctx.wrap_socket(s, server_side=True))
    try:
        results = []
        # No CA trusted on either side: both fail the same way.
        for c in (tls12.Context(tls12.PROTOCOL_TLS_CLIENT), ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)):
            conn = http.client.HTTPSConnection("localhost", httpd.server_port, context=c)
            try:
                conn.request("GET", "/")
            except ssl.SSLError as exc:  # tls12's error is an ssl.SSLError
                assert isinstance(exc, ssl.SSLCertVerificationError)
                results.append((exc.library, exc.reason, exc.verify_code))
            finally:
                conn.close()
        assert results[0] == results[1] == ("SSL", "CERTIFICATE_VERIFY_FAILED", 20)
    finally:
        httpd.shutdown()
        httpd.server_close()


async def echo_once(client_ctx, server_ctx):
    async def handle(reader, writer):
        writer.write((await reader.readline()).upper())
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", port, ssl=client_ctx, server_hostname="localhost"
        )
        writer.write(b"hello asyncio\n")
        line = await reader.readline()
        version = writer.get_extra_info("ssl_object").version()
        writer.close()
        await writer.wait_closed()
    return line, version


@pytest.mark.parametrize("tls12_side", ["client", "server"])
def test_asyncio_streams(certs, tls12_side):
    if tls12_side == "client":
        cctx, sctx = tls12_client(certs), py_server_context(certs)
    else:
        sctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
        sctx.load_cert_chain(certs / "rsa-chain.pem", certs / "rsa.key")
        cctx = py_client_context(certs)
    line, version = asyncio.run(asyncio.wait_for(echo_once(cctx, sctx), 20))
    assert line == b"HELLO ASYNCIO\n" and version == "TLSv1.2"

"""asyncio's SSL transport on tls12 beyond a plain exchange: ssl_handshake_timeout on
both sides against a peer that never speaks TLS, and the close_notify shutdown in both
directions against Python's ssl."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
import tls12
from tls12 import _lib
from conftest import py_client_context, py_server_context


def tls12_server(certs) -> tls12.Context:
    ctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs / "rsa-chain.pem", certs / "rsa.key")
    return ctx


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 20))


def test_server_handshake_timeout_drops_a_silent_client(certs):
    handled = []

    async def main() -> tuple[bytes, float]:
        server = await asyncio.start_server(lambda r, w: handled.append(1), "127.0.0.1", 0,
                                            ssl=tls12_server(certs), ssl_handshake_timeout=0.5)
        async with server:
            # A TCP client that never sends a ClientHello.
            reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname())
            start = time.monotonic()
            try:
                data = await reader.read(100)
            except ConnectionResetError:
                data = b""
            writer.close()
            return data, time.monotonic() - start

    data, waited = run(main())
    assert data == b"" and 0.4 < waited < 5 and not handled


def test_client_handshake_timeout_against_a_silent_server(certs):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers

        async def main() -> None:
            await asyncio.open_connection(*silent.getsockname(), ssl=tls12.create_default_context(
                cafile=certs / "ca.pem"), server_hostname="localhost", ssl_handshake_timeout=0.5)

        start = time.monotonic()
        with pytest.raises((TimeoutError, ConnectionAbortedError)):
            run(main())
        assert time.monotonic() - start < 5


async def close_from(closer_is_client: bool, cctx, sctx, objects: list) -> tuple[bytes, bytes]:
    """One line each way, then the closer's writer.close(); returns what the other side
    reads next (b"" for a clean close_notify) and the line it got. ``objects`` gets both
    sides' SSL objects."""
    got: asyncio.Future = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        objects.append(writer.get_extra_info("ssl_object"))
        line = await reader.readline()
        if closer_is_client:
            got.set_result((await reader.read(), line))
        else:
            writer.write(line)
            await writer.drain()
            writer.close()
            await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=sctx)
    async with server:
        reader, writer = await asyncio.open_connection(
            *server.sockets[0].getsockname(), ssl=cctx, server_hostname="localhost")
        objects.append(writer.get_extra_info("ssl_object"))
        writer.write(b"bye\n")
        await writer.drain()
        if closer_is_client:
            writer.close()
            await writer.wait_closed()
            return await got
        line = await reader.readline()
        rest = await reader.read()
        writer.close()
        await writer.wait_closed()
        return rest, line


@pytest.mark.parametrize("tls12_side", ["client", "server"])
@pytest.mark.parametrize("closer", ["client", "server"])
def test_shutdown_is_a_clean_eof(certs, tls12_side, closer):
    if tls12_side == "client":
        cctx, sctx = tls12.create_default_context(cafile=certs / "ca.pem"), py_server_context(certs)
    else:
        cctx, sctx = py_client_context(certs), tls12_server(certs)
    objects: list = []
    rest, line = run(close_from(closer == "client", cctx, sctx, objects))
    assert (rest, line) == (b"", b"bye\n")
    (ours,) = [o for o in objects if isinstance(o, tls12.SSLObject)]
    # close_notify both sent and received (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN).
    assert _lib.lib.tls12_SSL_get_shutdown(ours._ssl) == 3

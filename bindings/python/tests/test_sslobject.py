"""The sans-IO object (MemoryBIO + SSLObject) against Python's ssl, in memory and
under asyncio."""

from __future__ import annotations

import asyncio
import ssl

import pytest

import tls12
from conftest import Peer, py_client_context, py_server_context


def pump(a_out: object, b_in: object, b_out: object, a_in: object) -> int:
    """Moves the bytes each side wrote to the other side; returns how many moved."""
    moved = 0
    data = a_out.read()
    if data:
        b_in.write(data)
        moved += len(data)
    data = b_out.read()
    if data:
        a_in.write(data)
        moved += len(data)
    return moved


def handshake(step_a, step_b, move) -> None:
    done_a = done_b = False
    for _ in range(50):
        for name in ("a", "b"):
            step = step_a if name == "a" else step_b
            if (done_a if name == "a" else done_b):
                continue
            try:
                step()
                if name == "a":
                    done_a = True
                else:
                    done_b = True
            except (tls12.SSLWantReadError, ssl.SSLWantReadError):
                pass
        moved = move()
        if done_a and done_b and not moved:
            return
    raise AssertionError("handshake did not finish")


def test_in_memory_tls12_client_python_server(certs):
    sctx = py_server_context(certs)
    sctx.set_alpn_protocols(["h2"])
    s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    server = sctx.wrap_bio(s_in, s_out, server_side=True)

    cctx = tls12.Context()
    cctx.load_verify_locations(certs / "ca.pem")
    cctx.set_alpn_protocols(["h2"])
    c_in, c_out = tls12.MemoryBIO(), tls12.MemoryBIO()
    client = cctx.wrap_bio(c_in, c_out, server_hostname="localhost")

    with pytest.raises(tls12.SSLWantReadError):
        client.do_handshake()
    assert c_out.pending > 0  # the ClientHello waits in the outgoing BIO

    handshake(client.do_handshake, server.do_handshake, lambda: pump(c_out, s_in, s_out, c_in))
    assert client.version() == server.version() == "TLSv1.2"
    assert client.cipher()[0] == server.cipher()[0]
    assert client.selected_alpn_protocol() == server.selected_alpn_protocol() == "h2"

    client.write(b"over memory")
    pump(c_out, s_in, s_out, c_in)
    assert server.read(100) == b"over memory"
    server.write(b"x" * 50000)
    pump(c_out, s_in, s_out, c_in)
    got = b""
    while len(got) < 50000:
        got += client.read(16384)
    assert got == b"x" * 50000
    with pytest.raises(tls12.SSLWantReadError):
        client.read(10)

    # Orderly shutdown started by our side.
    with pytest.raises(tls12.SSLWantReadError):
        client.unwrap()
    pump(c_out, s_in, s_out, c_in)
    server.unwrap()
    pump(c_out, s_in, s_out, c_in)
    client.unwrap()


def test_in_memory_python_client_tls12_server_read_into(certs):
    cctx = py_client_context(certs)
    c_in, c_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    client = cctx.wrap_bio(c_in, c_out, server_hostname="localhost")
    sctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(certs / "ecdsa-chain.pem", certs / "ecdsa.key")
    s_in, s_out = tls12.MemoryBIO(), tls12.MemoryBIO()
    server = sctx.wrap_bio(s_in, s_out, server_side=True)
    handshake(client.do_handshake, server.do_handshake, lambda: pump(c_out, s_in, s_out, c_in))
    assert "ECDSA" in server.cipher()[0] and server.cipher()[0] == client.cipher()[0]
    client.write(b"into a buffer")
    pump(c_out, s_in, s_out, c_in)
    buf = bytearray(64)
    n = server.read(64, buf)
    assert bytes(buf[:n]) == b"into a buffer"
    # EOF on the transport without close_notify is an SSLEOFError.
    s_in.write_eof()
    with pytest.raises(tls12.SSLEOFError) as info:
        server.read(10)
    assert info.value.reason == "UNEXPECTED_EOF_WHILE_READING"


def test_memory_bio_basics():
    bio = tls12.MemoryBIO()
    assert bio.pending == 0 and not bio.eof
    bio.write(b"abc")
    bio.write(memoryview(b"def"))
    assert bio.pending == 6
    assert bio.read(2) == b"ab"
    assert bio.read() == b"cdef"
    bio.write_eof()
    assert bio.eof
    with pytest.raises(ValueError):
        bio.write(b"x")


async def tls12_over_asyncio(certs, port: int) -> tuple[bytes, str]:
    """A libtls12 client on asyncio streams, moving bytes through the MemoryBIOs."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    ctx = tls12.Context()
    ctx.load_verify_locations(certs / "ca.pem")
    incoming, outgoing = tls12.MemoryBIO(), tls12.MemoryBIO()
    conn = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")

    async def flush() -> None:
        data = outgoing.read()
        if data:
            writer.write(data)
            await writer.drain()

    while True:
        try:
            conn.do_handshake()
            break
        except tls12.SSLWantReadError:
            await flush()
            incoming.write(await reader.read(65536))
    await flush()
    conn.write(b"hello asyncio")
    await flush()
    reply = b""
    while not reply.endswith(b"!"):
        try:
            reply += conn.read(1024)
        except tls12.SSLWantReadError:
            incoming.write(await reader.read(65536))
    version = conn.version()
    writer.close()
    await writer.wait_closed()
    return reply, version


def test_asyncio_client_against_asyncio_ssl_server(certs):
    sctx = py_server_context(certs)

    async def handle(reader, writer):
        data = await reader.read(100)
        writer.write(data.upper() + b"!")
        await writer.drain()
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=sctx)
        port = server.sockets[0].getsockname()[1]
        async with server:
            return await asyncio.wait_for(tls12_over_asyncio(certs, port), 10)

    reply, version = asyncio.run(main())
    assert reply == b"HELLO ASYNCIO!"
    assert version == "TLSv1.2"


def test_sslobject_server_over_socket_with_python_client(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            tls.sendall(b"sock")
            return tls.recv(10)

    peer = Peer(client, a)
    sctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(certs / "rsa-chain.pem", certs / "rsa.key")
    incoming, outgoing = tls12.MemoryBIO(), tls12.MemoryBIO()
    conn = sctx.wrap_bio(incoming, outgoing)
    assert conn.server_side

    def io(fn):
        while True:
            try:
                result = fn()
                b.sendall(outgoing.read())
                return result
            except tls12.SSLWantReadError:
                b.sendall(outgoing.read())
                incoming.write(b.recv(65536))

    io(conn.do_handshake)
    assert io(lambda: conn.read(10)) == b"sock"
    io(lambda: conn.write(b"ok"))
    assert peer.join() == b"ok"

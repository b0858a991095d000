"""libtls12 (through the binding) against Python's ssl (OpenSSL) in both directions."""

from __future__ import annotations

import hashlib
import os
import select
import ssl
import time

import pytest

import tls12
from conftest import Peer, py_client_context, py_server_context


def tls12_client(certs, **kw):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(certs / "ca.pem")
    for k, v in kw.items():
        setattr(ctx, k, v)
    return ctx


def tls12_server(certs, chain="rsa-chain.pem", key="rsa.key"):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs / chain, certs / key)
    return ctx


def test_tls12_client_python_server(certs, loopback):
    csock, ssock = loopback()
    sctx = py_server_context(certs)

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            data = tls.recv(100)
            tls.sendall(data.upper())
            return tls.version(), tls.cipher()

    peer = Peer(serve, ssock)
    tls = tls12_client(certs).wrap_socket(csock, server_hostname="localhost")
    tls.sendall(b"hello openssl")
    assert tls.recv(100) == b"HELLO OPENSSL"
    version, cipher = peer.join()
    assert tls.version() == version == "TLSv1.2"
    assert tls.cipher()[0] == cipher[0]
    assert tls.cipher()[1] == "TLSv1.2" and tls.cipher()[2] == cipher[2]
    cert = tls.getpeercert()
    # The same fields as Python's ssl decodes from the same certificate.
    expected = ssl._ssl._test_decode_cert(str(certs / "rsa.pem"))
    for key in ("subject", "issuer", "serialNumber", "notBefore", "notAfter"):
        assert cert[key] == expected[key], key
    der = tls.getpeercert(binary_form=True)
    assert der == ssl.PEM_cert_to_DER_cert((certs / "rsa.pem").read_text())
    tls.close()


def test_python_client_tls12_server_ecdsa(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            tls.sendall(b"ping")
            reply = tls.recv(100)
            return reply, tls.version(), tls.cipher()

    peer = Peer(client, a)
    tls = tls12_server(certs, "ecdsa-chain.pem", "ecdsa.key").wrap_socket(b, server_side=True)
    assert tls.recv(100) == b"ping"
    tls.sendall(b"pong")
    reply, version, cipher = peer.join()
    assert reply == b"pong"
    assert version == tls.version() == "TLSv1.2"
    assert cipher[0] == tls.cipher()[0]
    assert "ECDSA" in cipher[0]
    tls.close()


@pytest.mark.parametrize("suite", ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305",
                                   "ECDHE-RSA-AES256-SHA384", "AES128-SHA"])
def test_set_ciphers(certs, pair, suite):
    a, b = pair()
    sctx = py_server_context(certs)
    sctx.set_ciphers("ALL:@SECLEVEL=0")

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(tls.recv(10))
            return tls.cipher()[0]

    peer = Peer(serve, b)
    ctx = tls12_client(certs)
    ctx.set_ciphers(suite)
    tls = ctx.wrap_socket(a, server_hostname="localhost")
    tls.sendall(b"x")
    assert tls.recv(10) == b"x"
    assert peer.join() == suite == tls.cipher()[0]
    tls.close()


def test_large_transfer_both_directions(certs, loopback):
    csock, ssock = loopback()
    payload = os.urandom(8 * 1024 * 1024)
    digest = hashlib.sha256(payload).hexdigest()
    sctx = py_server_context(certs)

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            h = hashlib.sha256()
            got = 0
            while got < len(payload):
                chunk = tls.recv(65536)
                assert chunk
                h.update(chunk)
                got += len(chunk)
            tls.sendall(payload)
            return h.hexdigest()

    peer = Peer(serve, ssock)
    tls = tls12_client(certs).wrap_socket(csock, server_hostname="localhost")
    tls.sendall(payload)
    buf = bytearray(len(payload))
    view = memoryview(buf)
    got = 0
    while got < len(payload):
        n = tls.recv_into(view[got:], 65536)
        assert n > 0
        got += n
    assert peer.join() == digest
    assert hashlib.sha256(buf).hexdigest() == digest
    tls.close()


def test_non_blocking_client(certs, pair):
    a, b = pair()
    sctx = py_server_context(certs)

    def serve(sock):
        # Answer late, so that the client's first handshake step finds nothing to read.
        time.sleep(0.2)
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(tls.recv(100)[::-1])

    peer = Peer(serve, b)
    a.setblocking(False)
    tls = tls12_client(certs).wrap_socket(a, server_hostname="localhost",
                                          do_handshake_on_connect=False)
    wants = 0
    while True:
        try:
            tls.do_handshake()
            break
        except tls12.SSLWantReadError:
            wants += 1
            select.select([tls], [], [], 10)
        except tls12.SSLWantWriteError:
            wants += 1
            select.select([], [tls], [], 10)
    assert wants > 0, "a non-blocking handshake must have waited at least once"
    tls.sendall(b"abcdef")
    while True:
        try:
            data = tls.recv(100)
            break
        except tls12.SSLWantReadError:
            select.select([tls], [], [], 10)
    assert data == b"fedcba"
    peer.join()
    tls.close()


def test_timeout_socket_and_unwrap(certs, pair):
    a, b = pair()
    sctx = py_server_context(certs)

    def serve(sock):
        tls = sctx.wrap_socket(sock, server_side=True)
        assert tls.recv(10) == b"bye"
        with tls.unwrap() as plain:
            return plain.recv(10)

    peer = Peer(serve, b)
    a.settimeout(5)
    tls = tls12_client(certs).wrap_socket(a, server_hostname="localhost")
    tls.sendall(b"bye")
    plain = tls.unwrap()
    plain.sendall(b"clear")
    assert peer.join() == b"clear"


def test_clean_close_gives_eof(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        tls = cctx.wrap_socket(sock, server_hostname="localhost")
        tls.sendall(b"one")
        tls.unwrap().close()

    peer = Peer(client, a)
    tls = tls12_server(certs).wrap_socket(b, server_side=True)
    assert tls.recv(10) == b"one"
    assert tls.recv(10) == b""
    tls.unwrap().close()  # answers the client's close_notify
    peer.join()


def test_client_certificate_to_python_server(certs, pair):
    a, b = pair()
    sctx = py_server_context(certs)
    sctx.verify_mode = ssl.CERT_REQUIRED
    sctx.load_verify_locations(certs / "ca.pem")

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(b"ok")
            return tls.getpeercert()

    peer = Peer(serve, b)
    ctx = tls12_client(certs)
    ctx.load_cert_chain(certs / "client-chain.pem", certs / "client.key")
    tls = ctx.wrap_socket(a, server_hostname="localhost")
    assert tls.recv(10) == b"ok"
    cert = peer.join()
    assert cert and cert["subject"]
    tls.close()


def test_tls12_server_requires_client_certificate(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)
    cctx.load_cert_chain(certs / "client-chain.pem", certs / "client.key")

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            return tls.recv(10)

    peer = Peer(client, a)
    sctx = tls12_server(certs)
    sctx.verify_mode = tls12.CERT_REQUIRED
    sctx.load_verify_locations(certs / "ca.pem")
    tls = sctx.wrap_socket(b, server_side=True)
    tls.sendall(b"hi")
    assert peer.join() == b"hi"
    der = tls.getpeercert(binary_form=True)
    assert der == ssl.PEM_cert_to_DER_cert((certs / "client.pem").read_text())
    assert tls.getpeercert()["subject"]
    tls.close()


def test_tls12_server_rejects_missing_client_certificate(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)
    cctx.maximum_version = ssl.TLSVersion.TLSv1_2

    def client(sock):
        with pytest.raises((ssl.SSLError, ConnectionError)):
            with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
                tls.recv(10)

    peer = Peer(client, a)
    sctx = tls12_server(certs)
    sctx.verify_mode = tls12.CERT_REQUIRED
    sctx.load_verify_locations(certs / "ca.pem")
    with pytest.raises(tls12.SSLError) as info:
        sctx.wrap_socket(b, server_side=True)
    assert "certificate" in str(info.value).lower()
    peer.join()


def test_ip_address_server_hostname(certs, loopback):
    """An IP address is checked against the certificate's IP SAN, and sent without SNI."""
    csock, ssock = loopback()
    sctx = py_server_context(certs)
    names = []
    sctx.sni_callback = lambda sock, name, ctx: names.append(name)

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(b"ip")

    peer = Peer(serve, ssock)
    tls = tls12_client(certs).wrap_socket(csock, server_hostname="127.0.0.1")
    assert tls.recv(10) == b"ip"
    peer.join()
    assert names == [None]
    tls.close()


def test_connect_after_wrap(certs):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        sctx = py_server_context(certs)

        def serve(lsock):
            conn, _ = lsock.accept()
            with sctx.wrap_socket(conn, server_side=True) as tls:
                tls.sendall(b"late")

        peer = Peer(serve, listener.dup())
        raw = socket.socket()
        raw.settimeout(10)
        tls = tls12_client(certs).wrap_socket(raw, server_hostname="localhost")
        assert tls.version() is None
        tls.connect(listener.getsockname())
        assert tls.recv(10) == b"late"
        assert tls.version() == "TLSv1.2"
        peer.join()
        tls.close()


def test_concurrent_connections_in_threads(certs):
    """Eight libtls12 clients on eight threads at once, each against an OpenSSL server
    thread: library calls release the GIL and the error queue is per thread."""
    import socket
    import threading

    sctx = py_server_context(certs)
    cctx = tls12_client(certs)
    results: list = []
    errors: list = []

    def one(i):
        a, b = socket.socketpair()
        a.settimeout(10)
        b.settimeout(10)

        def serve(sock):
            with sctx.wrap_socket(sock, server_side=True) as tls:
                tls.sendall(tls.recv(100) * 2)

        peer = Peer(serve, b)
        try:
            with cctx.wrap_socket(a, server_hostname="localhost") as tls:
                msg = f"thread {i}".encode()
                tls.sendall(msg)
                got = b""
                while len(got) < 2 * len(msg):
                    got += tls.recv(100)
                results.append(got == msg * 2)
            peer.join()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not errors
    assert results == [True] * 8

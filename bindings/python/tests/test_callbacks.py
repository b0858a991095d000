"""ALPN, SNI and PSK, and Python exceptions raised in callbacks."""

from __future__ import annotations

import gc
import ssl

import pytest

import tls12
from conftest import Peer, py_client_context, py_server_context


def client_ctx(certs):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(certs / "ca.pem")
    return ctx


def server_ctx(certs, chain="rsa-chain.pem", key="rsa.key"):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs / chain, certs / key)
    return ctx


def test_alpn_tls12_client_python_server(certs, pair):
    a, b = pair()
    sctx = py_server_context(certs)
    sctx.set_alpn_protocols(["h2", "http/1.1"])

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(b"x")
            return tls.selected_alpn_protocol()

    peer = Peer(serve, b)
    ctx = client_ctx(certs)
    ctx.set_alpn_protocols(["http/1.1", "spdy/3"])
    tls = ctx.wrap_socket(a, server_hostname="localhost")
    assert tls.recv(1) == b"x"
    assert peer.join() == "http/1.1" == tls.selected_alpn_protocol()
    tls.close()


@pytest.mark.parametrize("offered,expected", [
    (["spdy/3", "http/1.1", "h2"], "h2"),  # the server's preference wins
    (["http/1.1"], "http/1.1"),
    (["imap"], None),  # no overlap: no ALPN (as Python's ssl server does)
])
def test_alpn_python_client_tls12_server(certs, pair, offered, expected):
    a, b = pair()
    cctx = py_client_context(certs)
    cctx.set_alpn_protocols(offered)

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            tls.recv(1)
            return tls.selected_alpn_protocol()

    peer = Peer(client, a)
    sctx = server_ctx(certs)
    sctx.set_alpn_protocols(["h2", "http/1.1"])
    tls = sctx.wrap_socket(b, server_side=True)
    tls.sendall(b"x")
    assert peer.join() == expected
    assert tls.selected_alpn_protocol() == expected
    tls.close()


def test_sni_callback_switches_certificate(certs, pair):
    a, b = pair()
    # The Python client asks for "other.test": only the wronghost certificate fits.
    cctx = py_client_context(certs)

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="other.test") as tls:
            tls.sendall(b"hi")
            return tls.getpeercert()["subject"], tls.recv(10)

    default = server_ctx(certs)
    other = server_ctx(certs, "wronghost-chain.pem", "wronghost.key")
    seen = []

    def on_sni(conn, name, ctx):
        seen.append((name, ctx is default, conn.server_side))
        if name == "other.test":
            conn.context = other
        return None

    default.set_servername_callback(on_sni)
    peer = Peer(client, a)
    tls = default.wrap_socket(b, server_side=True)
    assert tls.recv(10) == b"hi"
    tls.sendall(b"bye")
    subject, reply = peer.join()
    assert reply == b"bye"
    assert seen == [("other.test", True, True)]
    assert tls.context is other
    assert tls.server_name() == "other.test"
    tls.close()


def test_sni_callback_alert(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        with pytest.raises(ssl.SSLError) as info:
            cctx.wrap_socket(sock, server_hostname="unknown.test")
        return info.value.reason

    sctx = server_ctx(certs)
    sctx.sni_callback = lambda conn, name, ctx: tls12.ALERT_DESCRIPTION_UNRECOGNIZED_NAME
    peer = Peer(client, a)
    with pytest.raises(tls12.SSLError):
        sctx.wrap_socket(b, server_side=True)
    assert "UNRECOGNIZED_NAME" in peer.join().upper()


class Boom(Exception):
    pass


def test_exception_in_sni_callback_fails_handshake_chained(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        with pytest.raises(ssl.SSLError) as info:
            cctx.wrap_socket(sock, server_hostname="localhost")
        return info.value.reason

    def on_sni(conn, name, ctx):
        raise Boom("no certificate for " + str(name))

    sctx = server_ctx(certs)
    sctx.set_servername_callback(on_sni)
    peer = Peer(client, a)
    with pytest.raises(tls12.SSLError) as info:
        sctx.wrap_socket(b, server_side=True)
    assert isinstance(info.value.__cause__, Boom)
    assert "localhost" in str(info.value.__cause__)
    assert "HANDSHAKE_FAILURE" in peer.join().upper()


def test_callbacks_live_as_long_as_the_context(certs, pair):
    """The context goes out of scope (only the connection holds it) and the garbage
    collector runs before the handshake: the callback must still be there."""
    a, b = pair()
    cctx = py_client_context(certs)
    cctx.set_alpn_protocols(["x"])

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            tls.sendall(b"1")
            return tls.selected_alpn_protocol()

    def make():
        sctx = server_ctx(certs)
        sctx.set_alpn_protocols(["x"])
        sctx.set_servername_callback(lambda conn, name, ctx: None)
        return sctx.wrap_socket(b, server_side=True, do_handshake_on_connect=False)

    tls = make()
    gc.collect()
    peer = Peer(client, a)
    tls.do_handshake()
    assert tls.recv(1) == b"1"
    assert peer.join() == "x"
    tls.close()


psk = pytest.mark.skipif(not tls12.Context.psk_supported(),
                         reason="libtls12 build without the PSK functions")


def psk_pair(certs, pair, server_cb, client_cb, suites="PSK", hint="hint-1"):
    a, b = pair()
    sctx = server_ctx(certs)
    sctx.set_ciphers(suites)
    sctx.set_psk_server_callback(server_cb, identity_hint=hint)
    cctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = tls12.CERT_NONE
    cctx.set_ciphers(suites)
    cctx.set_psk_client_callback(client_cb)

    def serve(sock):
        tls = sctx.wrap_socket(sock, server_side=True)
        tls.sendall(tls.recv(10))
        return tls.cipher()[0], tls.psk_identity()

    peer = Peer(serve, b)
    return peer, cctx, a


@psk
def test_psk_tls12_both_ends(certs, pair):
    """Python 3.11's ssl has no PSK API, so both ends are libtls12 here."""
    key = bytes(range(32))
    hints = []

    def client_cb(hint):
        hints.append(hint)
        return "client-1", key

    peer, cctx, a = psk_pair(certs, pair, lambda ident: key if ident == "client-1" else b"",
                             client_cb)
    tls = cctx.wrap_socket(a)
    tls.sendall(b"psk!")
    assert tls.recv(10) == b"psk!"
    cipher, identity = peer.join()
    assert identity == "client-1"
    assert "PSK" in cipher and cipher == tls.cipher()[0]
    assert hints == ["hint-1"]
    tls.close()


@psk
def test_psk_unknown_identity(certs, pair):
    peer, cctx, a = psk_pair(certs, pair, lambda ident: b"", lambda hint: ("who", b"k" * 16))
    with pytest.raises(tls12.SSLError) as info:
        cctx.wrap_socket(a)
    assert "psk" in str(info.value).lower()
    with pytest.raises(tls12.SSLError):
        peer.join()


@psk
def test_exception_in_psk_client_callback_is_chained(certs, pair):
    def client_cb(hint):
        raise Boom("no key")

    peer, cctx, a = psk_pair(certs, pair, lambda ident: b"k" * 16, client_cb)
    with pytest.raises(tls12.SSLError) as info:
        cctx.wrap_socket(a)
    assert isinstance(info.value.__cause__, Boom)
    with pytest.raises(tls12.SSLError):
        peer.join()


@psk
def test_exception_in_psk_server_callback_is_chained(certs, pair):
    a, b = pair()
    sctx = server_ctx(certs)
    sctx.set_ciphers("PSK")

    def server_cb(identity):
        raise Boom(identity)

    sctx.set_psk_server_callback(server_cb)
    cctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = tls12.CERT_NONE
    cctx.set_ciphers("PSK")
    cctx.set_psk_client_callback(lambda hint: ("id-9", b"k" * 16))

    def client(sock):
        with pytest.raises(tls12.SSLError):
            cctx.wrap_socket(sock)

    peer = Peer(client, a)
    with pytest.raises(tls12.SSLError) as info:
        sctx.wrap_socket(b, server_side=True)
    assert isinstance(info.value.__cause__, Boom)
    assert str(info.value.__cause__) == "id-9"
    peer.join()


def test_keylog_matches_openssl(certs, pair, tmp_path):
    """Both ends write the key log: libtls12's line equals OpenSSL's."""
    a, b = pair()
    sctx = py_server_context(certs)
    sctx.keylog_filename = str(tmp_path / "openssl.log")

    def serve(sock):
        with sctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(b"k")

    peer = Peer(serve, b)
    ctx = client_ctx(certs)
    ctx.keylog_filename = tmp_path / "tls12.log"
    tls = ctx.wrap_socket(a, server_hostname="localhost")
    assert tls.recv(1) == b"k"
    peer.join()
    tls.close()
    ours = [l for l in (tmp_path / "tls12.log").read_text().splitlines() if l.startswith("CLIENT_RANDOM")]
    theirs = [l for l in (tmp_path / "openssl.log").read_text().splitlines() if l.startswith("CLIENT_RANDOM")]
    assert ours and ours == theirs


def test_callbacks_can_be_removed(certs, pair):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            return tls.recv(2)

    sctx = server_ctx(certs)
    sctx.set_servername_callback(lambda conn, name, ctx: 1 / 0)
    sctx.set_servername_callback(None)
    sctx.set_session_callbacks(new_session=lambda conn, s: 1 / 0)
    sctx.set_session_callbacks()
    sctx.keylog_filename = None
    assert sctx.sni_callback is None
    peer = Peer(client, a)
    tls = sctx.wrap_socket(b, server_side=True)
    tls.sendall(b"ok")
    assert peer.join() == b"ok"
    tls.close()

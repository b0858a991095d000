"""Encrypted private keys in load_cert_chain, side by side with Python's ssl module."""

from __future__ import annotations

import ssl

import pytest

import tls12
from conftest import Peer, py_client_context

# (chain, encrypted key) for both encryptions: PKCS#8 PBES2 and the older PEM one.
KEYS = [("rsa-chain.pem", "encrypted/rsa.key"), ("ecdsa-chain.pem", "encrypted/ecdsa.key")]


def outcome(load):
    """What a load_cert_chain call did: "ok", or the exception's class in the terms
    both modules share (ssl.SSLError, TypeError, ValueError, or a callback's own)."""
    try:
        load()
        return "ok"
    except ssl.SSLError:
        return "SSLError"
    except tls12.SSLError:
        return "SSLError"
    except (TypeError, ValueError, KeyError) as exc:
        return type(exc).__name__


class Boom(KeyError):
    """Raised by a password callback; must reach the caller unchanged."""


def raising():
    raise Boom("no password today")


PASSWORDS = [
    ("str", "secret"),
    ("bytes", b"secret"),
    ("bytearray", bytearray(b"secret")),
    ("callable returning str", lambda: "secret"),
    ("callable returning bytes", lambda: b"secret"),
    ("wrong password", "wrong"),
    ("wrong callable", lambda: "wrong"),
    ("callable returning an int", lambda: 7),
    ("callable raising", raising),
    ("too long", lambda: "x" * 5000),
    ("an int", 7),
]


@pytest.mark.parametrize("chain,key", KEYS)
@pytest.mark.parametrize("title,password", PASSWORDS, ids=[t for t, _ in PASSWORDS])
def test_load_cert_chain_password_like_ssl(certs, chain, key, title, password):
    ours = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    theirs = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    got = outcome(lambda: ours.load_cert_chain(certs / chain, certs / key, password=password))
    want = outcome(lambda: theirs.load_cert_chain(certs / chain, certs / key, password=password))
    assert got == want, title


def test_no_password_for_an_encrypted_key_is_an_error(certs):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    with pytest.raises(tls12.SSLError, match="encrypted"):
        ctx.load_cert_chain(certs / "rsa-chain.pem", certs / "encrypted/rsa.key")


def test_password_callback_not_called_for_a_plain_key(certs):
    calls = []
    ctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs / "rsa-chain.pem", certs / "rsa.key", password=lambda: calls.append(1))
    assert calls == []


@pytest.mark.parametrize("chain,key", KEYS)
def test_python_client_against_a_server_with_an_encrypted_key(certs, pair, chain, key):
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
            tls.sendall(b"ping")
            return tls.recv(100)

    peer = Peer(client, a)
    sctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(certs / chain, certs / key, password=lambda: b"secret")
    tls = sctx.wrap_socket(b, server_side=True)
    assert tls.recv(100) == b"ping"
    tls.sendall(b"pong")
    assert peer.join() == b"pong"
    tls.close()

"""Shared fixtures: the test PKI and a helper that runs a peer on a thread."""

from __future__ import annotations

import http.server
import os
import socket
import ssl
import subprocess
import threading
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def certs() -> Path:
    """The test PKI (tests/gen-certs.sh), made if missing."""
    path = Path(os.environ.get("TLS12_TEST_CERTS", REPO / "target" / "test-certs"))
    if not (path / "ca.pem").exists():
        subprocess.run(["bash", str(REPO / "tests" / "gen-certs.sh"), str(path)], check=True)
    return path


class Peer:
    """Runs ``fn(sock)`` on a thread; ``join()`` returns its result or re-raises."""

    def __init__(self, fn: Callable[[socket.socket], Any], sock: socket.socket) -> None:
        self.result: Any = None
        self.error: Optional[BaseException] = None

        def run() -> None:
            try:
                self.result = fn(sock)
            except BaseException as exc:  # noqa: BLE001 - reported by join()
                self.error = exc
            finally:
                sock.close()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self, timeout: float = 10.0) -> Any:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "peer thread hung"
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def pair() -> Any:
    """A connected socket pair (AF_UNIX) with a timeout so that a bug cannot hang."""
    made: list[socket.socket] = []

    def make() -> tuple[socket.socket, socket.socket]:
        a, b = socket.socketpair()
        for s in (a, b):
            s.settimeout(20)
        made.extend((a, b))
        return a, b

    yield make
    for s in made:
        try:
            s.close()
        except OSError:
            pass


@pytest.fixture
def loopback() -> Any:
    """A connected TCP pair over 127.0.0.1 (client, server)."""
    made: list[socket.socket] = []

    def make() -> tuple[socket.socket, socket.socket]:
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            client = socket.create_connection(listener.getsockname(), timeout=20)
            server, _ = listener.accept()
            server.settimeout(20)
        made.extend((client, server))
        return client, server

    yield make
    for s in made:
        try:
            s.close()
        except OSError:
            pass


def py_server_context(certs: Path, chain: str = "rsa-chain.pem", key: str = "rsa.key") -> ssl.SSLContext:
    """Python's ssl (OpenSSL) as a TLS 1.2 server."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(certs / chain, certs / key)
    return ctx


def py_client_context(certs: Path) -> ssl.SSLContext:
    """Python's ssl (OpenSSL) as a client trusting the test CA."""
    ctx = ssl.create_default_context(cafile=str(certs / "ca.pem"))
    return ctx


class Hello(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the request path."""

    def do_GET(self) -> None:
        body = self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def https_server(wrap):
    """An http.server on 127.0.0.1 whose listening socket ``wrap`` wrapped."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Hello)
    httpd.socket = wrap(httpd.socket)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def python_https(certs: Path) -> Any:
    """An http.server HTTPS server on Python's ssl (OpenSSL), shut down after the test."""
    sctx = py_server_context(certs)
    httpd = https_server(lambda s: sctx.wrap_socket(s, server_side=True))
    yield httpd
    httpd.shutdown()
    httpd.server_close()

"""A STARTTLS user of the standard library: smtplib.SMTP.starttls(context=tls12 context)
against a small SMTP-like server that upgrades with Python's ssl."""

from __future__ import annotations

import smtplib
import socket
import threading

import tls12
from conftest import py_server_context


def smtp_server(listener: socket.socket, sctx) -> list[bytes]:
    """Serves one session: EHLO, STARTTLS, then EHLO and NOOP over TLS, QUIT."""
    seen: list[bytes] = []
    conn, _ = listener.accept()
    conn.settimeout(10)
    f = conn.makefile("rwb")

    def reply(text: bytes) -> None:
        f.write(text + b"\r\n")
        f.flush()

    reply(b"220 test ESMTP")
    tls = None
    while True:
        line = f.readline().strip()
        if not line:
            break
        seen.append(line)
        verb = line.split()[0].upper()
        if verb == b"EHLO":
            reply(b"250-test" + (b"" if tls else b"\r\n250-STARTTLS") + b"\r\n250 OK")
        elif verb == b"STARTTLS":
            reply(b"220 go ahead")
            f.close()
            tls = sctx.wrap_socket(conn, server_side=True)
            f = tls.makefile("rwb")
            seen.append(tls.version().encode())
        elif verb == b"QUIT":
            reply(b"221 bye")
            break
        else:
            reply(b"250 OK")
    f.close()
    (tls or conn).close()
    return seen


def test_smtplib_starttls(certs):
    sctx = py_server_context(certs)
    result: list[list[bytes]] = []
    with socket.create_server(("127.0.0.1", 0)) as listener:
        t = threading.Thread(target=lambda: result.append(smtp_server(listener, sctx)), daemon=True)
        t.start()
        port = listener.getsockname()[1]
        cctx = tls12.create_default_context(cafile=certs / "ca.pem")
        with smtplib.SMTP("localhost", port, timeout=10) as smtp:
            smtp.ehlo()
            code, _ = smtp.starttls(context=cctx)
            assert code == 220
            assert isinstance(smtp.sock, tls12.SSLSocket) and smtp.sock.version() == "TLSv1.2"
            assert smtp.noop()[0] == 250
        t.join(10)
    assert result and b"TLSv1.2" in result[0] and [s.upper() for s in result[0][-2:]] == [b"NOOP", b"QUIT"]

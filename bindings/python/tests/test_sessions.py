"""Session resumption by ID and by ticket, both directions, and the session cache
callbacks."""

from __future__ import annotations

import ssl

import pytest

import tls12
from conftest import Peer, py_client_context, py_server_context


def client_ctx(certs):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(certs / "ca.pem")
    return ctx


def server_ctx(certs):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs / "rsa-chain.pem", certs / "rsa.key")
    return ctx


def connect_to_python(certs, pair, sctx, cctx, session=None):
    a, b = pair()

    def serve(sock):
        tls = sctx.wrap_socket(sock, server_side=True)
        tls.sendall(tls.recv(10))
        reused = tls.session_reused
        # OpenSSL drops a session from its cache when the connection ends without
        # close_notify: shut down properly.
        tls.unwrap().close()
        return reused

    peer = Peer(serve, b)
    tls = cctx.wrap_socket(a, server_hostname="localhost", session=session)
    tls.sendall(b"s")
    assert tls.recv(10) == b"s"
    result_session, reused = tls.session, tls.session_reused
    tls.unwrap().close()
    server_reused = peer.join()
    result = (result_session, reused, server_reused)
    return result


@pytest.mark.parametrize("tickets", [False, True], ids=["by-id", "by-ticket"])
def test_tls12_client_resumes_with_python_server(certs, pair, tickets):
    sctx = py_server_context(certs)
    if not tickets:
        sctx.options |= ssl.OP_NO_TICKET
    cctx = client_ctx(certs)
    session, reused, sreused = connect_to_python(certs, pair, sctx, cctx)
    assert not reused and not sreused
    assert session is not None and session.has_ticket == tickets
    if not tickets:
        assert len(session.id) == 32
    session2, reused, sreused = connect_to_python(certs, pair, sctx, cctx, session)
    assert reused and sreused
    # Saved and restored as bytes, the session still resumes.
    restored = tls12.Session.from_bytes(session.to_bytes())
    assert restored.id == session.id
    _, reused, sreused = connect_to_python(certs, pair, sctx, cctx, restored)
    assert reused and sreused


def connect_python_client(certs, pair, sctx, cctx, session=None):
    a, b = pair()

    def client(sock):
        with cctx.wrap_socket(sock, server_hostname="localhost", session=session) as tls:
            tls.sendall(b"c")
            tls.recv(10)
            return tls.session, tls.session_reused

    peer = Peer(client, a)
    tls = sctx.wrap_socket(b, server_side=True)
    tls.sendall(tls.recv(10))
    psession, preused = peer.join()
    reused = tls.session_reused
    tls.close()
    return psession, preused, reused


@pytest.mark.parametrize("tickets", [False, True], ids=["by-id", "by-ticket"])
def test_python_client_resumes_with_tls12_server(certs, pair, tickets):
    sctx = server_ctx(certs)
    sctx.session_tickets = tickets
    assert sctx.session_tickets == tickets
    cctx = py_client_context(certs)
    cctx.maximum_version = ssl.TLSVersion.TLSv1_2
    psession, preused, reused = connect_python_client(certs, pair, sctx, cctx)
    assert not preused and not reused
    assert psession.has_ticket == tickets
    _, preused, reused = connect_python_client(certs, pair, sctx, cctx, psession)
    assert preused and reused
    stats = sctx.session_stats()
    assert stats["accept_good"] == 2
    if not tickets:
        assert stats["hits"] == 1


def test_shared_ticket_keys_between_servers(certs, pair):
    keys = bytes(range(48))
    first, second = server_ctx(certs), server_ctx(certs)
    for ctx in (first, second):
        ctx.set_ticket_keys(keys)
    cctx = py_client_context(certs)
    cctx.maximum_version = ssl.TLSVersion.TLSv1_2
    psession, _, _ = connect_python_client(certs, pair, first, cctx)
    _, preused, reused = connect_python_client(certs, pair, second, cctx, psession)
    assert preused and reused


def test_external_session_cache_callbacks(certs, pair):
    store: dict[bytes, tls12.Session] = {}
    looked_up = []
    sctx = server_ctx(certs)
    sctx.session_tickets = False
    sctx.session_cache_mode = tls12.SESS_CACHE_SERVER | tls12.SESS_CACHE_NO_INTERNAL

    def new_session(conn, session):
        assert conn.server_side
        store[session.id] = session

    def get_session(conn, sid):
        looked_up.append(sid)
        return store.get(sid)

    sctx.set_session_callbacks(new_session=new_session, get_session=get_session)
    cctx = py_client_context(certs)
    cctx.maximum_version = ssl.TLSVersion.TLSv1_2
    psession, _, reused = connect_python_client(certs, pair, sctx, cctx)
    assert not reused and list(store) == [psession.id]
    _, preused, reused = connect_python_client(certs, pair, sctx, cctx, psession)
    assert preused and reused
    assert looked_up == [psession.id]


def test_exception_in_session_callback_fails_the_connection(certs, pair):
    sctx = server_ctx(certs)
    sctx.session_tickets = False

    class Full(Exception):
        pass

    def new_session(conn, session):
        raise Full("cache full")

    sctx.set_session_callbacks(new_session=new_session)
    a, b = pair()
    cctx = py_client_context(certs)

    def client(sock):
        try:
            with cctx.wrap_socket(sock, server_hostname="localhost") as tls:
                tls.recv(1)
        except (ssl.SSLError, OSError):
            pass

    peer = Peer(client, a)
    with pytest.raises(tls12.SSLError) as info:
        sctx.wrap_socket(b, server_side=True)
    assert isinstance(info.value.__cause__, Full)
    b.close()
    peer.join()


def test_client_session_cache_callback(certs, pair):
    got = []
    sctx = py_server_context(certs)
    cctx = client_ctx(certs)
    cctx.session_cache_mode = tls12.SESS_CACHE_CLIENT
    cctx.set_session_callbacks(new_session=lambda conn, s: got.append(s))
    session, _, _ = connect_to_python(certs, pair, sctx, cctx)
    assert len(got) == 1 and got[0].is_resumable

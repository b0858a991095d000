"""tls12.Context is an ssl.SSLContext subclass that never runs OpenSSL: what code that
checks isinstance(ctx, ssl.SSLContext) needs (httpx here), and no inherited attribute
that would act on OpenSSL's context."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest
import tls12


def test_is_an_ssl_context():
    for protocol in (tls12.PROTOCOL_TLS_CLIENT, tls12.PROTOCOL_TLS_SERVER):
        ctx = tls12.Context(protocol)
        assert isinstance(ctx, ssl.SSLContext) and ctx.protocol == protocol
    with pytest.raises(ValueError):
        tls12.Context(ssl.PROTOCOL_TLS)  # ssl's generic method is not a tls12 side


def test_every_inherited_attribute_is_ours_or_refused():
    ctx = tls12.Context()
    refused = []
    for name in dir(ssl.SSLContext):
        if name.startswith("__"):
            continue
        owner = next(c for c in type(ctx).__mro__ if name in vars(c))
        assert owner is tls12.Context, f"{name} would come from {owner}"
        if not hasattr(ctx, name):
            refused.append(name)
            with pytest.raises(AttributeError, match="OpenSSL"):
                setattr(ctx, name, None)
    # What libtls12 has no use for: TLS 1.3 tickets, NPN, ssl's internals.
    assert {"num_tickets", "set_npn_protocols", "_wrap_socket", "_wrap_bio"} <= set(refused)
    assert "wrap_socket" not in refused and "load_verify_locations" not in refused


def test_common_name_checks_default_as_ssl():
    ctx = tls12.Context()
    assert ctx.hostname_checks_common_name is ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).hostname_checks_common_name
    ctx.hostname_checks_common_name = False
    assert ctx.hostname_checks_common_name is False
    ctx.hostname_checks_common_name = True
    assert ctx.hostname_checks_common_name is True


def test_httpx_sync(certs, python_https):
    ctx = tls12.create_default_context(cafile=certs / "ca.pem")
    with httpx.Client(verify=ctx) as client:
        resp = client.get(f"https://localhost:{python_https.server_port}/httpx")
    assert resp.status_code == 200 and resp.text == "/httpx"
    assert ctx.session_stats()["connect_good"] == 1  # the handshake was libtls12's


def test_httpx_async_verify_failure(python_https):
    ctx = tls12.Context(tls12.PROTOCOL_TLS_CLIENT)  # trusts no CA

    async def fetch() -> None:
        async with httpx.AsyncClient(verify=ctx) as client:
            await client.get(f"https://localhost:{python_https.server_port}/")

    with pytest.raises(httpx.ConnectError) as info:
        asyncio.run(asyncio.wait_for(fetch(), 20))
    chain = [info.value]
    while chain[-1].__context__ is not None:  # httpx's error wraps httpcore's wrapping ours
        chain.append(chain[-1].__context__)
    cause = chain[-1]
    assert isinstance(cause, ssl.SSLCertVerificationError) and isinstance(cause, tls12.SSLError)
    assert cause.verify_code == 20
    assert ctx.session_stats()["connect"] == 1

"""Context attributes compared with ssl.SSLContext: the same settings give the same
results or the same exception types; versions other than TLS 1.2 are refused."""

from __future__ import annotations

import ssl

import pytest

import tls12


def _both() -> tuple[ssl.SSLContext, tls12.Context]:
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), tls12.Context(tls12.PROTOCOL_TLS_CLIENT)


def test_tls12_version_accepted_like_ssl() -> None:
    theirs, ours = _both()
    for attr in ("minimum_version", "maximum_version"):
        for value in (ssl.TLSVersion.TLSv1_2, tls12.TLSVersion.TLSv1_2):
            setattr(theirs, attr, value)
            setattr(ours, attr, value)
            assert int(getattr(ours, attr)) == int(getattr(theirs, attr))
    ours.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    ours.maximum_version = tls12.TLSVersion.MAXIMUM_SUPPORTED
    assert ours.maximum_version == tls12.TLSVersion.MAXIMUM_SUPPORTED


def test_invalid_version_raises_value_error_like_ssl() -> None:
    theirs, ours = _both()
    with pytest.raises(ValueError):
        theirs.minimum_version = 999
    with pytest.raises(ValueError):
        ours.minimum_version = 999


@pytest.mark.parametrize(
    "attr, version",
    [("minimum_version", ssl.TLSVersion.TLSv1_3), ("maximum_version", ssl.TLSVersion.TLSv1)],
)
def test_other_versions_refused(attr: str, version: ssl.TLSVersion) -> None:
    _, ours = _both()
    with pytest.raises(ValueError, match="TLS 1.2 only"):
        setattr(ours, attr, version)


def test_security_level_read_only_like_ssl() -> None:
    theirs, ours = _both()
    assert isinstance(ours.security_level, int)
    with pytest.raises(AttributeError):
        theirs.security_level = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ours.security_level = 2  # type: ignore[misc]


def test_post_handshake_auth_like_ssl() -> None:
    theirs, ours = _both()
    assert ours.post_handshake_auth is theirs.post_handshake_auth is False
    theirs.post_handshake_auth = True
    ours.post_handshake_auth = True
    assert ours.post_handshake_auth == theirs.post_handshake_auth


@pytest.mark.parametrize("files", [["ca.pem"], ["ca.pem", "int.pem"], ["ca.pem", "rsa.pem"]])
def test_store_stats_and_ca_certs_like_ssl(certs, files: list[str]) -> None:  # type: ignore[no-untyped-def]
    theirs, ours = _both()
    for name in files:
        theirs.load_verify_locations(cafile=str(certs / name))
        ours.load_verify_locations(cafile=str(certs / name))
    assert ours.cert_store_stats() == theirs.cert_store_stats()
    assert ours.get_ca_certs() == theirs.get_ca_certs()
    assert ours.get_ca_certs(binary_form=True) == theirs.get_ca_certs(binary_form=True)


def test_load_default_certs_like_ssl() -> None:
    theirs, ours = _both()
    theirs.load_default_certs(ssl.Purpose.SERVER_AUTH)
    ours.load_default_certs(tls12.Purpose.SERVER_AUTH)
    # OpenSSL reads the default directory lazily (by hash, during verification), so
    # ssl lists only the default file's certificates; libtls12 reads the directory
    # at once and may list more.
    assert set(theirs.get_ca_certs(binary_form=True)) <= set(ours.get_ca_certs(binary_form=True))
    assert ours.cert_store_stats()["x509"] >= theirs.cert_store_stats()["x509"] > 0


def _handshake(certs, ours: tls12.Context) -> str:  # type: ignore[no-untyped-def]
    """A handshake of `ours` (a client) with a Python ssl server (rsa leaf + int)."""
    import socket

    from conftest import Peer, py_server_context

    server_ctx = py_server_context(certs)
    a, b = socket.socketpair()

    def serve(sock: socket.socket) -> None:
        try:
            with server_ctx.wrap_socket(sock, server_side=True) as s:
                s.recv(1)
        except (ssl.SSLError, OSError):
            pass

    peer = Peer(serve, b)
    try:
        with ours.wrap_socket(a, server_hostname="localhost") as c:
            c.sendall(b"x")
            return c.version() or ""
    finally:
        peer.join()


def test_partial_chain_like_ssl(certs) -> None:  # type: ignore[no-untyped-def]
    """Only int.pem trusted: fails without the flag, succeeds with it, as with ssl."""
    theirs, ours = _both()
    theirs.load_verify_locations(cafile=str(certs / "int.pem"))
    ours.load_verify_locations(cafile=str(certs / "int.pem"))
    with pytest.raises(ssl.SSLError):
        _handshake(certs, theirs)  # type: ignore[arg-type]
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(certs, ours)
    theirs.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    ours.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    assert ours.verify_flags & ssl.VERIFY_X509_PARTIAL_CHAIN
    assert ours.verify_flags == theirs.verify_flags
    assert _handshake(certs, ours) == "TLSv1.2"
    assert _handshake(certs, theirs) is not None  # type: ignore[arg-type]


def test_unimplemented_verify_flags_refused() -> None:
    _, ours = _both()
    with pytest.raises(ValueError):
        ours.verify_flags = ssl.VERIFY_CRL_CHECK_LEAF


def test_ecdh_curve_like_ssl() -> None:
    theirs, ours = _both()
    theirs.set_ecdh_curve("prime256v1")
    ours.set_ecdh_curve("prime256v1")
    with pytest.raises(ValueError):
        theirs.set_ecdh_curve("no-such-curve")
    with pytest.raises(ValueError):
        ours.set_ecdh_curve("no-such-curve")


def test_load_dh_params_like_ssl(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    path = tmp_path / "dh.pem"
    subprocess.run(["openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "dh_param:ffdhe2048",
                    "-out", str(path)], check=True, capture_output=True)
    theirs = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ours = tls12.Context(tls12.PROTOCOL_TLS_SERVER)
    theirs.load_dh_params(str(path))
    ours.load_dh_params(str(path))
    with pytest.raises(FileNotFoundError):
        theirs.load_dh_params(str(tmp_path / "missing.pem"))
    with pytest.raises(FileNotFoundError):
        ours.load_dh_params(str(tmp_path / "missing.pem"))


def test_keylog_gets_client_random(certs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, ours = _both()
    ours.load_verify_locations(cafile=str(certs / "ca.pem"))
    ours.keylog_filename = str(tmp_path / "keys.log")
    assert ours.keylog_filename == str(tmp_path / "keys.log")
    _handshake(certs, ours)
    lines = (tmp_path / "keys.log").read_text().splitlines()
    assert any(line.startswith("CLIENT_RANDOM ") and len(line.split()) == 3 for line in lines)

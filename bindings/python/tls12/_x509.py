"""Certificates: the peer certificate as DER, or decoded to the dictionary shape that
:meth:`ssl.SSLSocket.getpeercert` returns (subject, issuer, serialNumber, notBefore,
notAfter)."""

from __future__ import annotations

import ctypes
from typing import Any, Optional

from . import _lib
from ._lib import lib

_LONG_NAMES = {
    "C": "countryName",
    "ST": "stateOrProvinceName",
    "L": "localityName",
    "O": "organizationName",
    "OU": "organizationalUnitName",
    "CN": "commonName",
    "emailAddress": "emailAddress",
    "DC": "domainComponent",
    "serialNumber": "serialNumber",
}

_BIO_CTRL_INFO = 3


def der(x509: Any) -> bytes:
    """The DER encoding of an ``X509 *``."""
    n = lib.tls12_i2d_X509(x509, None)
    if n <= 0:
        return b""
    buf = (ctypes.c_ubyte * n)()
    p = ctypes.cast(buf, _lib.ubyte_p)
    lib.tls12_i2d_X509(x509, ctypes.byref(p))
    return bytes(buf)


def _name(name_ptr: Any) -> tuple[tuple[tuple[str, str], ...], ...]:
    if not name_ptr:
        return ()
    buf = ctypes.create_string_buffer(1024)
    raw = lib.tls12_X509_NAME_oneline(name_ptr, buf, len(buf))
    text = (raw or b"").decode(errors="replace")
    rdns = []
    for part in text.split("/"):
        if "=" not in part:
            continue
        key, value = part.split("=", 1)
        rdns.append(((_LONG_NAMES.get(key, key), value),))
    return tuple(rdns)


def _mem_text(fill: Any, obj: Any) -> Optional[str]:
    bio = lib.tls12_BIO_new(lib.tls12_BIO_s_mem())
    if not bio:
        return None
    try:
        if fill(bio, obj) <= 0:
            return None
        n = lib.tls12_BIO_ctrl_pending(bio)
        buf = ctypes.create_string_buffer(n + 1)
        got = lib.tls12_BIO_read(bio, buf, n)
        return buf.raw[: max(got, 0)].decode(errors="replace")
    finally:
        lib.tls12_BIO_free(bio)


def decoded(x509: Any) -> dict[str, Any]:
    """The certificate as a dictionary in :mod:`ssl`'s shape."""
    out: dict[str, Any] = {
        "subject": _name(lib.tls12_X509_get_subject_name(x509)),
        "issuer": _name(lib.tls12_X509_get_issuer_name(x509)),
    }
    serial = _mem_text(lib.tls12_i2a_ASN1_INTEGER, lib.tls12_X509_get0_serialNumber(x509))
    if serial is not None:
        out["serialNumber"] = serial.upper()
    not_before = _mem_text(lib.tls12_ASN1_TIME_print, lib.tls12_X509_get0_notBefore(x509))
    if not_before is not None:
        out["notBefore"] = not_before
    not_after = _mem_text(lib.tls12_ASN1_TIME_print, lib.tls12_X509_get0_notAfter(x509))
    if not_after is not None:
        out["notAfter"] = not_after
    return out

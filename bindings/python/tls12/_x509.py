"""Certificates: the peer certificate as DER, or decoded to the dictionary shape that
:meth:`ssl.SSLSocket.getpeercert` returns (subject, issuer, version, serialNumber,
notBefore, notAfter, subjectAltName, OCSP, caIssuers, crlDistributionPoints). Every
field is read by libtls12's C accessors; nothing here parses DER."""

from __future__ import annotations

import ctypes
from typing import Any, Optional

from . import _lib
from ._lib import lib

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


def _text(obj: Any) -> str:
    buf = ctypes.create_string_buffer(256)
    n = lib.tls12_OBJ_obj2txt(buf, len(buf), obj, 0)
    if n >= len(buf):
        buf = ctypes.create_string_buffer(n + 1)
        lib.tls12_OBJ_obj2txt(buf, len(buf), obj, 0)
    return buf.value.decode(errors="replace")


def _utf8(data: Any) -> str:
    out = _lib.ubyte_p()
    n = lib.tls12_ASN1_STRING_to_UTF8(ctypes.byref(out), data)
    if n < 0:
        return ""
    try:
        return ctypes.string_at(out, n).decode(errors="replace")
    finally:
        lib.tls12_CRYPTO_free(out, None, 0)


def _name(name_ptr: Any) -> tuple[tuple[tuple[str, str], ...], ...]:
    """A name as ssl gives it: a tuple of RDNs, each a tuple of (long name, value)."""
    if not name_ptr:
        return ()
    rdns: list[list[tuple[str, str]]] = []
    last_set = None
    for i in range(lib.tls12_X509_NAME_entry_count(name_ptr)):
        entry = lib.tls12_X509_NAME_get_entry(name_ptr, i)
        pair = (_text(lib.tls12_X509_NAME_ENTRY_get_object(entry)), _utf8(lib.tls12_X509_NAME_ENTRY_get_data(entry)))
        rdn_set = lib.tls12_X509_NAME_ENTRY_set(entry)
        if rdns and rdn_set == last_set:
            rdns[-1].append(pair)
        else:
            rdns.append([pair])
        last_set = rdn_set
    return tuple(tuple(rdn) for rdn in rdns)


# X509_get0_general_name's lists (OpenSSL's NIDs) and GEN_* kinds.
_NID_SUBJECT_ALT_NAME = 85
_NID_CRL_DISTRIBUTION_POINTS = 103
_NID_AD_OCSP = 178
_NID_AD_CA_ISSUERS = 179
_GEN_OTHERNAME, _GEN_EMAIL, _GEN_DNS, _GEN_X400, _GEN_DIRNAME = 0, 1, 2, 3, 4
_GEN_EDIPARTY, _GEN_URI, _GEN_IPADD, _GEN_RID = 5, 6, 7, 8
_UNSUPPORTED = {_GEN_OTHERNAME: "othername", _GEN_X400: "X400Name", _GEN_EDIPARTY: "EdiPartyName"}


def _general_names(x509: Any, nid: int) -> list[tuple[int, bytes]]:
    out = []
    data = _lib.ubyte_p()
    n = ctypes.c_int()
    i = 0
    while True:
        kind = lib.tls12_X509_get0_general_name(x509, nid, i, ctypes.byref(data), ctypes.byref(n))
        if kind < 0:
            return out
        out.append((kind, ctypes.string_at(data, n.value)))
        i += 1


def _ip_text(raw: bytes) -> str:
    # ssl's format: dotted decimal, or eight upper-case hexadecimal groups.
    if len(raw) == 4:
        return ".".join(str(b) for b in raw)
    if len(raw) == 16:
        return ":".join(f"{int.from_bytes(raw[i:i + 2], 'big'):X}" for i in range(0, 16, 2))
    return "<invalid>"


def _dir_name(der_name: bytes) -> Any:
    buf = (ctypes.c_ubyte * len(der_name)).from_buffer_copy(der_name)
    p = ctypes.cast(buf, _lib.ubyte_p)
    name = lib.tls12_d2i_X509_NAME(None, ctypes.byref(p), len(der_name))
    try:
        return _name(name)
    finally:
        if name:
            lib.tls12_X509_NAME_free(name)


def _alt_name(kind: int, value: bytes) -> tuple[str, Any]:
    text = value.decode(errors="replace")
    if kind == _GEN_EMAIL:
        return ("email", text)
    if kind == _GEN_DNS:
        return ("DNS", text)
    if kind == _GEN_URI:
        return ("URI", text)
    if kind == _GEN_IPADD:
        return ("IP Address", _ip_text(value))
    if kind == _GEN_RID:
        return ("Registered ID", text)
    if kind == _GEN_DIRNAME:
        return ("DirName", _dir_name(value))
    return (_UNSUPPORTED.get(kind, "othername"), "<unsupported>")


def _uris(x509: Any, nid: int) -> tuple[str, ...]:
    return tuple(v.decode(errors="replace") for k, v in _general_names(x509, nid) if k == _GEN_URI)


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
    out["version"] = int(lib.tls12_X509_get_version(x509)) + 1
    serial = _mem_text(lib.tls12_i2a_ASN1_INTEGER, lib.tls12_X509_get0_serialNumber(x509))
    if serial is not None:
        out["serialNumber"] = serial.upper()
    not_before = _mem_text(lib.tls12_ASN1_TIME_print, lib.tls12_X509_get0_notBefore(x509))
    if not_before is not None:
        out["notBefore"] = not_before
    not_after = _mem_text(lib.tls12_ASN1_TIME_print, lib.tls12_X509_get0_notAfter(x509))
    if not_after is not None:
        out["notAfter"] = not_after
    alt = tuple(_alt_name(k, v) for k, v in _general_names(x509, _NID_SUBJECT_ALT_NAME))
    if alt:
        out["subjectAltName"] = alt
    for key, nid in (("OCSP", _NID_AD_OCSP), ("caIssuers", _NID_AD_CA_ISSUERS)):
        uris = _uris(x509, nid)
        if uris:
            out[key] = uris
    points = _uris(x509, _NID_CRL_DISTRIBUTION_POINTS)
    if points:
        out["crlDistributionPoints"] = points
    return out


def decode_der(data: bytes) -> dict[str, Any]:
    """A DER certificate as :func:`decoded` gives it (libtls12 reads it)."""
    buf = (ctypes.c_ubyte * len(data)).from_buffer_copy(data)
    p = ctypes.cast(buf, _lib.ubyte_p)
    x509 = lib.tls12_d2i_X509(None, ctypes.byref(p), len(data))
    if not x509:
        from .errors import error_from_queue

        raise error_from_queue("not a DER certificate")
    try:
        return decoded(x509)
    finally:
        lib.tls12_X509_free(x509)

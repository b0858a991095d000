"""tls12: Python bindings for libtls12 (TLS 1.2 in Rust with an OpenSSL-style C API),
shaped like the standard :mod:`ssl` module.

>>> import socket, tls12
>>> ctx = tls12.create_default_context(cafile="ca.pem")
>>> with socket.create_connection(("localhost", 4433)) as raw:     # doctest: +SKIP
...     with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
...         tls.sendall(b"hello")
...         print(tls.version(), tls.cipher())

The shared library is found through ``TLS12_LIBRARY``, the build tree, or the system
loader (see :mod:`tls12._lib`).
"""

from __future__ import annotations

from ._lib import library_path, version_text
from .connection import SSLSocket
from .context import (
    ALERT_DESCRIPTION_HANDSHAKE_FAILURE,
    ALERT_DESCRIPTION_INTERNAL_ERROR,
    ALERT_DESCRIPTION_UNRECOGNIZED_NAME,
    CERT_NONE,
    CERT_OPTIONAL,
    CERT_REQUIRED,
    OP_NO_EXTENDED_MASTER_SECRET,
    OP_NO_TICKET,
    PROTOCOL_TLS_CLIENT,
    PROTOCOL_TLS_SERVER,
    SESS_CACHE_BOTH,
    SESS_CACHE_CLIENT,
    SESS_CACHE_NO_AUTO_CLEAR,
    SESS_CACHE_NO_INTERNAL,
    SESS_CACHE_NO_INTERNAL_LOOKUP,
    SESS_CACHE_NO_INTERNAL_STORE,
    SESS_CACHE_OFF,
    SESS_CACHE_SERVER,
    Context,
    Purpose,
    TLSVersion,
    VERIFY_DEFAULT,
    VERIFY_X509_PARTIAL_CHAIN,
    VERIFY_X509_TRUSTED_FIRST,
    VerifyMode,
    create_default_context,
)
from .errors import (
    CertificateError,
    SSLCertVerificationError,
    SSLEOFError,
    SSLError,
    SSLSyscallError,
    SSLWantReadError,
    SSLWantWriteError,
    SSLZeroReturnError,
)
from .session import Session
from .sslobject import MemoryBIO, SSLObject

#: The library's version text, for example "libtls12 0.1.0".
LIBRARY_VERSION: str = version_text()
#: Where the loaded libtls12.so is.
LIBRARY_PATH: str = library_path

__version__ = "0.1.0"

__all__ = [
    "ALERT_DESCRIPTION_HANDSHAKE_FAILURE",
    "ALERT_DESCRIPTION_INTERNAL_ERROR",
    "ALERT_DESCRIPTION_UNRECOGNIZED_NAME",
    "CERT_NONE",
    "CERT_OPTIONAL",
    "CERT_REQUIRED",
    "CertificateError",
    "Context",
    "LIBRARY_PATH",
    "LIBRARY_VERSION",
    "MemoryBIO",
    "OP_NO_EXTENDED_MASTER_SECRET",
    "OP_NO_TICKET",
    "PROTOCOL_TLS_CLIENT",
    "PROTOCOL_TLS_SERVER",
    "Purpose",
    "SESS_CACHE_BOTH",
    "SESS_CACHE_CLIENT",
    "SESS_CACHE_NO_AUTO_CLEAR",
    "SESS_CACHE_NO_INTERNAL",
    "SESS_CACHE_NO_INTERNAL_LOOKUP",
    "SESS_CACHE_NO_INTERNAL_STORE",
    "SESS_CACHE_OFF",
    "SESS_CACHE_SERVER",
    "SSLCertVerificationError",
    "SSLEOFError",
    "SSLError",
    "SSLObject",
    "SSLSocket",
    "SSLSyscallError",
    "SSLWantReadError",
    "SSLWantWriteError",
    "SSLZeroReturnError",
    "Session",
    "TLSVersion",
    "VERIFY_DEFAULT",
    "VERIFY_X509_PARTIAL_CHAIN",
    "VERIFY_X509_TRUSTED_FIRST",
    "VerifyMode",
    "create_default_context",
]

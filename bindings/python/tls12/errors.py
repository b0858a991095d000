"""Exceptions, shaped like the standard :mod:`ssl` module's, built from libtls12's
per-thread error queue.

Every class is also the standard module's class of the same name, so that code
written against :mod:`ssl` (``except ssl.SSLError``, asyncio, urllib3) catches them::

    ssl.SSLError
     +-- SSLError                      library ('SSL'), reason ('CERTIFICATE_VERIFY_FAILED')
          +-- SSLZeroReturnError       the peer closed the TLS connection cleanly
          +-- SSLWantReadError         non-blocking: needs more input
          +-- SSLWantWriteError        non-blocking: output must drain first
          +-- SSLSyscallError          the transport failed
          +-- SSLEOFError              the transport ended without close_notify
          +-- SSLCertVerificationError verify_code, verify_message (also ValueError)

(``tls12.SSLWantReadError`` is both a ``tls12.SSLError`` and an ``ssl.SSLWantReadError``,
and so on.) A failure of the operating system (a missing file, a connection reset)
is the :class:`OSError` subclass for its errno, as :mod:`ssl` raises it.
"""

from __future__ import annotations

import ctypes
import os
import ssl as _ssl
from typing import Any, Optional

from ._lib import lib

# SSL_get_error results (OpenSSL's values).
SSL_ERROR_NONE = 0
SSL_ERROR_SSL = 1
SSL_ERROR_WANT_READ = 2
SSL_ERROR_WANT_WRITE = 3
SSL_ERROR_SYSCALL = 5
SSL_ERROR_ZERO_RETURN = 6

# The error codes' layout (OpenSSL 3): lib in bits 23..30, reason in bits 0..22, and the
# top bit for system errors.
_ERR_SYSTEM_FLAG = 0x80000000
_ERR_LIB_SSL = 20
# OpenSSL's short library names, as ssl.SSLError.library gives them.
_LIBRARY_NAMES = {2: "SYS", 9: "PEM", 11: "X509", 13: "ASN1", 20: "SSL", 32: "BIO"}
# SSL reasons whose OpenSSL name is not their text in capitals.
_REASON_NAMES = {
    104: "INCONSISTENT_EXTMS",
    133: "CCS_RECEIVED_EARLY",
    196: "PASSED_NULL_PARAMETER",
    306: "BAD_ECPOINT",
}
# A received alert is reason 1000 + alert; OpenSSL names it after the protocol version
# that defined the alert.
_ALERT_REASON_BASE = 1000
_SSLV3_ALERTS = frozenset((10, 20, 30, 40, 41, 42, 43, 44, 45, 46, 47))
_TLSV1_EXTENSION_ALERTS = frozenset((110, 111, 112, 113, 114))
_TLSV13_ALERTS = frozenset((109, 116))
_ALERT_NAMES = {90: "USER_CANCELLED"}
SSL_R_CERTIFICATE_VERIFY_FAILED = 134
SSL_R_UNEXPECTED_EOF_WHILE_READING = 294
SSL_R_CALLBACK_FAILED = 234
X509_V_OK = 0


class SSLError(_ssl.SSLError):
    """A TLS failure (an :class:`ssl.SSLError`). ``args`` is ``(code, message)`` like
    :class:`ssl.SSLError`; ``library`` and ``reason`` are OpenSSL's names for where it
    came from ('SSL', 'WRONG_VERSION_NUMBER'), ``errors`` lists every entry the
    library's error queue held (code, text)."""

    library: Optional[str] = None
    reason: Optional[str] = None
    errors: list[tuple[int, str]]

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.errors = []

    def __str__(self) -> str:
        if len(self.args) >= 2 and isinstance(self.args[1], str):
            return self.args[1]
        return super().__str__()


class SSLZeroReturnError(SSLError, _ssl.SSLZeroReturnError):
    """The peer sent close_notify: the TLS connection is closed."""


class SSLWantReadError(SSLError, _ssl.SSLWantReadError):
    """The operation needs more data from the peer before it can go on."""


class SSLWantWriteError(SSLError, _ssl.SSLWantWriteError):
    """The operation needs the transport to accept data before it can go on."""


class SSLSyscallError(SSLError, _ssl.SSLSyscallError):
    """The transport under the TLS connection failed."""


class SSLEOFError(SSLError, _ssl.SSLEOFError):
    """The transport ended without the peer's close_notify."""


class SSLCertVerificationError(SSLError, _ssl.SSLCertVerificationError):
    """The peer's certificate failed verification. ``verify_code`` is the X509_V_*
    code and ``verify_message`` its text, as in :class:`ssl.SSLCertVerificationError`."""

    verify_code: int = 0
    verify_message: str = ""


class CertificateError(SSLCertVerificationError):
    """Alias kept for code written against :mod:`ssl` (``ssl.CertificateError``)."""


def reason_code(code: int) -> int:
    """The reason part of a packed error code."""
    if code & _ERR_SYSTEM_FLAG:
        return code & 0x7FFFFFFF
    return code & 0x7FFFFF


def _text(code: int) -> str:
    buf = ctypes.create_string_buffer(256)
    lib.tls12_ERR_error_string_n(code, buf, len(buf))
    return buf.value.decode(errors="replace")


def drain_queue() -> list[tuple[int, str]]:
    """Takes every entry off this thread's error queue, oldest first: its code and the
    library's sentence about it (the ERR_error_string text when it has none)."""
    entries: list[tuple[int, str]] = []
    while True:
        data = ctypes.c_char_p()
        code = lib.tls12_ERR_get_error_all(None, None, None, ctypes.byref(data), None)
        if code == 0:
            return entries
        detail = data.value.decode(errors="replace") if data.value else ""
        entries.append((code, detail or _text(code)))


def clear_queue() -> None:
    """Empties this thread's error queue (before a call whose failure is examined)."""
    lib.tls12_ERR_clear_error()


def verify_message(code: int) -> str:
    """The text of an X509_V_* verification result."""
    raw = lib.tls12_X509_verify_cert_error_string(code)
    return raw.decode(errors="replace") if raw else f"verification error {code}"


def library_name(code: int) -> Optional[str]:
    """OpenSSL's short name of the library a packed error code comes from ('SSL')."""
    lib_number = 2 if code & _ERR_SYSTEM_FLAG else (code >> 23) & 0xFF
    return _LIBRARY_NAMES.get(lib_number)


def _alert_name(alert: int, text: str) -> str:
    if alert in _SSLV3_ALERTS:
        prefix = "SSLV3_ALERT_"
    elif alert in _TLSV1_EXTENSION_ALERTS:
        prefix = "TLSV1_"
    elif alert in _TLSV13_ALERTS:
        prefix = "TLSV13_ALERT_"
    else:
        prefix = "TLSV1_ALERT_"
    return prefix + _ALERT_NAMES.get(alert, _capitals(text))


def _capitals(text: str) -> str:
    return text.upper().replace(" ", "_")


def reason_name(code: int) -> Optional[str]:
    """OpenSSL's name of a packed error code's reason, as :attr:`ssl.SSLError.reason`
    gives it ('CERTIFICATE_VERIFY_FAILED', 'TLSV1_ALERT_UNKNOWN_CA'), or None."""
    raw = lib.tls12_ERR_reason_error_string(code)
    if not raw or code & _ERR_SYSTEM_FLAG:
        return None
    text = raw.decode(errors="replace")
    reason = reason_code(code)
    if (code >> 23) & 0xFF == _ERR_LIB_SSL:
        if reason in _REASON_NAMES:
            return _REASON_NAMES[reason]
        if reason > _ALERT_REASON_BASE:
            return _alert_name(reason - _ALERT_REASON_BASE, text.rpartition(": ")[2])
    return _capitals(text)


def error_from_queue(
    default: str = "libtls12 call failed",
    cls: type[SSLError] = SSLError,
    verify_result: Optional[int] = None,
) -> OSError:
    """An exception for the entries on this thread's error queue (emptying it).

    The first entry decides the class and the message: a system error is the
    :class:`OSError` for its errno (FileNotFoundError, ConnectionResetError ...), as
    :mod:`ssl` raises it; a certificate verification failure becomes
    :class:`SSLCertVerificationError` when ``verify_result`` is given and is not
    X509_V_OK; an unexpected EOF becomes :class:`SSLEOFError`. The message reads like
    :mod:`ssl`'s: ``[SSL: REASON_NAME] what happened``.
    """
    entries = drain_queue()
    if not entries:
        return cls(0, default)
    code, text = entries[0]
    reason = reason_code(code)
    if code & _ERR_SYSTEM_FLAG:
        return OSError(reason, f"{os.strerror(reason)} ({text})")
    if reason == SSL_R_UNEXPECTED_EOF_WHILE_READING:
        cls = SSLEOFError
    elif verify_result not in (None, X509_V_OK) and reason == SSL_R_CERTIFICATE_VERIFY_FAILED:
        cls = SSLCertVerificationError
    library = library_name(code)
    name = reason_name(code) or f"reason {reason}"
    prefix = f"[{library}: {name}]" if library else f"[{name}]"
    if cls is SSLCertVerificationError:
        assert verify_result is not None
        vmsg = verify_message(verify_result)
        exc: SSLError = SSLCertVerificationError(
            reason, f"{prefix} certificate verify failed: {vmsg} ({text})"
        )
        exc.verify_code = verify_result
        exc.verify_message = vmsg
    else:
        exc = cls(reason, f"{prefix} {text}")
    exc.library = library
    exc.reason = name
    exc.errors = entries
    return exc


def raise_for_io(
    ssl: Any, ret: int, what: str, verify_result: Optional[int] = None
) -> None:
    """Raises the exception that ``SSL_get_error(ssl, ret)`` calls for.

    ``what`` names the operation for messages that the error queue does not give.
    """
    err = lib.tls12_SSL_get_error(ssl, ret)
    if err == SSL_ERROR_WANT_READ:
        drain_queue()
        raise SSLWantReadError(err, f"The operation did not complete (read) in {what}")
    if err == SSL_ERROR_WANT_WRITE:
        drain_queue()
        raise SSLWantWriteError(err, f"The operation did not complete (write) in {what}")
    if err == SSL_ERROR_ZERO_RETURN:
        drain_queue()
        raise SSLZeroReturnError(err, "TLS/SSL connection has been closed (EOF)")
    if err == SSL_ERROR_SYSCALL:
        errno = ctypes.get_errno()
        exc = error_from_queue(
            f"EOF occurred in violation of protocol ({what})", SSLEOFError
        )
        if isinstance(exc, SSLError) and not exc.errors and errno and ret != 0:
            raise OSError(errno, os.strerror(errno))
        raise exc
    raise error_from_queue(f"{what} failed", SSLError, verify_result)

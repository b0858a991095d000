"""Exceptions, shaped like the standard :mod:`ssl` module's, built from libtls12's
per-thread error queue.

Hierarchy::

    OSError
     +-- SSLError                      library, reason, reason text
          +-- SSLZeroReturnError       the peer closed the TLS connection cleanly
          +-- SSLWantReadError         non-blocking: needs more input
          +-- SSLWantWriteError        non-blocking: output must drain first
          +-- SSLSyscallError          the transport failed
          +-- SSLEOFError              the transport ended without close_notify
          +-- SSLCertVerificationError verify_code, verify_message (also ValueError)
"""

from __future__ import annotations

import ctypes
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
SSL_R_CERTIFICATE_VERIFY_FAILED = 134
SSL_R_UNEXPECTED_EOF_WHILE_READING = 294
SSL_R_CALLBACK_FAILED = 234
X509_V_OK = 0


class SSLError(OSError):
    """A TLS failure. ``args`` is ``(code, message)`` like :class:`ssl.SSLError`;
    ``library`` and ``reason`` name where it came from, ``errors`` lists every entry the
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


class SSLZeroReturnError(SSLError):
    """The peer sent close_notify: the TLS connection is closed."""


class SSLWantReadError(SSLError):
    """The operation needs more data from the peer before it can go on."""


class SSLWantWriteError(SSLError):
    """The operation needs the transport to accept data before it can go on."""


class SSLSyscallError(SSLError):
    """The transport under the TLS connection failed."""


class SSLEOFError(SSLError):
    """The transport ended without the peer's close_notify."""


class SSLCertVerificationError(SSLError, ValueError):
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


def error_from_queue(
    default: str = "libtls12 call failed",
    cls: type[SSLError] = SSLError,
    verify_result: Optional[int] = None,
) -> SSLError:
    """An exception for the entries on this thread's error queue (emptying it).

    The first entry decides the class and the message; a certificate verification
    failure becomes :class:`SSLCertVerificationError` when ``verify_result`` is given
    and is not X509_V_OK; an unexpected EOF becomes :class:`SSLEOFError`.
    """
    entries = drain_queue()
    if not entries:
        exc = cls(0, default)
        return exc
    code, text = entries[0]
    reason = reason_code(code)
    raw = lib.tls12_ERR_reason_error_string(code)
    reason_text = raw.decode(errors="replace") if raw else text
    if code & _ERR_SYSTEM_FLAG:
        cls = SSLSyscallError
    elif reason == SSL_R_UNEXPECTED_EOF_WHILE_READING:
        cls = SSLEOFError
    elif verify_result not in (None, X509_V_OK) and reason == SSL_R_CERTIFICATE_VERIFY_FAILED:
        cls = SSLCertVerificationError
    message = f"[{reason_text}] {text}"
    if cls is SSLCertVerificationError:
        assert verify_result is not None
        vmsg = verify_message(verify_result)
        message = f"[{reason_text}] certificate verify failed: {vmsg} ({text})"
        exc = SSLCertVerificationError(reason, message)
        exc.verify_code = verify_result
        exc.verify_message = vmsg
    else:
        exc = cls(reason, message)
    raw_lib = lib.tls12_ERR_lib_error_string(code)
    exc.library = raw_lib.decode(errors="replace") if raw_lib else None
    exc.reason = reason_text
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
        if not exc.errors and errno and ret != 0:
            exc = SSLSyscallError(errno, f"{what}: transport error (errno {errno})")
        raise exc
    raise error_from_queue(f"{what} failed", SSLError, verify_result)

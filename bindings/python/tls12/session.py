"""TLS sessions (:class:`Session`, like :class:`ssl.SSLSession`)."""

from __future__ import annotations

import ctypes
from typing import Any

from . import _lib
from ._lib import lib
from .errors import error_from_queue


class Session:
    """A TLS 1.2 session that a client can resume (``wrap_socket(..., session=s)``).

    Holds one reference to the library's ``SSL_SESSION``. Sessions can be saved with
    :meth:`to_bytes` and restored with :meth:`from_bytes`.
    """

    __slots__ = ("_ptr", "__weakref__")

    def __init__(self, ptr: Any) -> None:
        """Takes over one reference to ``ptr`` (an ``SSL_SESSION *``)."""
        if not ptr:
            raise ValueError("NULL session")
        self._ptr = ptr

    @classmethod
    def borrowed(cls, ptr: Any) -> "Session":
        """A Session for a pointer the caller does not own (adds a reference)."""
        lib.tls12_SSL_SESSION_up_ref(ptr)
        return cls(ptr)

    def __del__(self) -> None:
        ptr = getattr(self, "_ptr", None)
        if ptr:
            lib.tls12_SSL_SESSION_free(ptr)
            self._ptr = None

    @property
    def id(self) -> bytes:
        """The session ID (may be empty for a ticket-only session)."""
        n = ctypes.c_uint(0)
        p = lib.tls12_SSL_SESSION_get_id(self._ptr, ctypes.byref(n))
        return ctypes.string_at(p, n.value) if p and n.value else b""

    @property
    def time(self) -> int:
        """When the session was made (seconds since the epoch)."""
        return int(lib.tls12_SSL_SESSION_get_time(self._ptr))

    @property
    def timeout(self) -> int:
        """The session's lifetime in seconds."""
        return int(lib.tls12_SSL_SESSION_get_timeout(self._ptr))

    @property
    def has_ticket(self) -> bool:
        """Whether the server gave a session ticket."""
        return bool(lib.tls12_SSL_SESSION_has_ticket(self._ptr))

    @property
    def ticket_lifetime_hint(self) -> int:
        """The ticket lifetime hint the server sent (seconds)."""
        return int(lib.tls12_SSL_SESSION_get_ticket_lifetime_hint(self._ptr))

    @property
    def is_resumable(self) -> bool:
        """Whether the session can be offered for resumption."""
        return bool(lib.tls12_SSL_SESSION_is_resumable(self._ptr))

    def to_bytes(self) -> bytes:
        """The session in DER (``i2d_SSL_SESSION``)."""
        n = lib.tls12_i2d_SSL_SESSION(self._ptr, None)
        if n <= 0:
            raise error_from_queue("cannot encode the session")
        buf = (ctypes.c_ubyte * n)()
        p = ctypes.cast(buf, _lib.ubyte_p)
        written = lib.tls12_i2d_SSL_SESSION(self._ptr, ctypes.byref(p))
        if written != n:
            raise error_from_queue("cannot encode the session")
        return bytes(buf)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Session":
        """A session from :meth:`to_bytes`'s output (``d2i_SSL_SESSION``)."""
        buf = (ctypes.c_ubyte * len(data)).from_buffer_copy(data)
        p = ctypes.cast(buf, _lib.ubyte_p)
        ptr = lib.tls12_d2i_SSL_SESSION(None, ctypes.byref(p), len(data))
        if not ptr:
            raise error_from_queue("cannot decode the session")
        return cls(ptr)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Session):
            return NotImplemented
        return self.id == other.id and bool(self.id)

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"<tls12.Session id={self.id.hex()[:16]}... ticket={self.has_ticket}>"

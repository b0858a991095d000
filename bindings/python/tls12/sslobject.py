"""Sans-IO TLS: :class:`MemoryBIO` and :class:`SSLObject`, in the spirit of
:class:`ssl.MemoryBIO` and :class:`ssl.SSLObject`, for asyncio and other event loops.

The connection reads the peer's bytes from an ``incoming`` MemoryBIO and writes its own
to an ``outgoing`` one (libtls12 memory BIOs attached with ``SSL_set_bio``); the
application moves bytes between those and the network. A call that needs more input
raises :class:`SSLWantReadError`: feed ``incoming`` and call again.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ._core import TLSConnectionBase, shutdown_step
from ._lib import lib
from .errors import SSLZeroReturnError, error_from_queue
from .session import Session

if TYPE_CHECKING:
    from .context import Context

_BIO_CTRL_PENDING = 10
_BIO_C_SET_BUF_MEM_EOF_RETURN = 130


class MemoryBIO:
    """A buffer of bytes (libtls12's ``BIO_s_mem``)."""

    def __init__(self) -> None:
        self._bio: Any = None
        bio = lib.tls12_BIO_new(lib.tls12_BIO_s_mem())
        if not bio:
            raise error_from_queue("BIO_new failed")
        self._bio = bio
        self._eof_written = False

    def __del__(self) -> None:
        bio, self._bio = getattr(self, "_bio", None), None
        if bio:
            lib.tls12_BIO_free(bio)

    @property
    def pending(self) -> int:
        """How many bytes are buffered."""
        return int(lib.tls12_BIO_ctrl_pending(self._bio))

    @property
    def eof_written(self) -> bool:
        """Whether :meth:`write_eof` was called."""
        return self._eof_written

    @property
    def eof(self) -> bool:
        """True once :meth:`write_eof` was called and everything was read."""
        return self._eof_written and self.pending == 0

    def read(self, n: int = -1) -> bytes:
        """Takes up to ``n`` bytes (all when ``n`` < 0)."""
        avail = self.pending
        if n < 0 or n > avail:
            n = avail
        if n == 0:
            return b""
        buf = ctypes.create_string_buffer(n)
        got = lib.tls12_BIO_read(self._bio, buf, n)
        return buf.raw[: max(got, 0)]

    def write(self, data: Union[bytes, bytearray, memoryview]) -> int:
        """Appends ``data``; returns its length."""
        if self._eof_written:
            raise ValueError("cannot write to a MemoryBIO after write_eof()")
        raw = bytes(data)
        if not raw:
            return 0
        n = lib.tls12_BIO_write(self._bio, raw, len(raw))
        if n != len(raw):
            raise error_from_queue("BIO_write failed")
        return int(n)

    def write_eof(self) -> None:
        """Marks the end of the stream: reads past the buffered bytes see EOF."""
        self._eof_written = True
        lib.tls12_BIO_ctrl(self._bio, _BIO_C_SET_BUF_MEM_EOF_RETURN, 0, None)


class SSLObject(TLSConnectionBase):
    """A TLS 1.2 connection over two memory BIOs (made by :meth:`Context.wrap_bio`).

    ``incoming`` and ``outgoing`` are :class:`MemoryBIO` objects, or any objects with
    :class:`ssl.MemoryBIO`'s ``read``, ``write``, ``write_eof``, ``pending`` and
    ``eof`` (the standard module's own, as asyncio passes them): the bytes of those
    are moved to and from libtls12 memory BIOs around every call."""

    def __init__(
        self,
        context: "Context",
        incoming: Any,
        outgoing: Any,
        *,
        server_side: bool,
        server_hostname: Optional[str] = None,
        session: Optional[Session] = None,
    ) -> None:
        super().__init__(context, server_side, server_hostname, session)
        self._incoming = incoming
        self._outgoing = outgoing
        # The libtls12 BIOs the SSL reads and writes: the given ones when they are ours.
        self._in = incoming if isinstance(incoming, MemoryBIO) else MemoryBIO()
        self._out = outgoing if isinstance(outgoing, MemoryBIO) else MemoryBIO()
        # SSL_set_bio takes one reference to each BIO; the MemoryBIO objects keep theirs.
        lib.tls12_BIO_up_ref(self._in._bio)
        lib.tls12_BIO_up_ref(self._out._bio)
        lib.tls12_SSL_set_bio(self._ssl, self._in._bio, self._out._bio)

    def _call(self, fn: Callable[..., int], what: str, *args: Any) -> int:
        """Runs one library call between moving the caller's incoming bytes in and the
        connection's outgoing bytes out."""
        self._pull()
        try:
            return super()._call(fn, what, *args)
        finally:
            self._push()

    def _pull(self) -> None:
        if self._in is self._incoming:
            return
        data = self._incoming.read()
        if data:
            self._in.write(data)
        if self._incoming.eof and not self._in.eof_written:
            self._in.write_eof()

    def _push(self) -> None:
        if self._out is self._outgoing:
            return
        data = self._out.read()
        if data:
            self._outgoing.write(data)

    def do_handshake(self) -> None:
        """Advances the handshake; raises :class:`SSLWantReadError` until it is done."""
        self._call(lib.tls12_SSL_do_handshake, "do_handshake")

    def read(  # noqa: A002 - ssl.SSLObject.read's parameter name
        self, len: int = 16384, buffer: Optional[Any] = None
    ) -> Union[bytes, int]:
        """Reads up to ``len`` decrypted bytes (into ``buffer`` when given: returns the
        count). ``b""`` / 0 after the peer's close_notify; :class:`SSLEOFError` when
        ``incoming`` reached its end (``write_eof``) without one."""
        if buffer is not None:
            view = memoryview(buffer).cast("B")
            n = min(len, view.nbytes) if len > 0 else view.nbytes
            target: Any = (ctypes.c_ubyte * view.nbytes).from_buffer(view)
        else:
            n = len
            target = ctypes.create_string_buffer(max(n, 1))
        if n <= 0:
            return 0 if buffer is not None else b""
        try:
            got = self._call(lib.tls12_SSL_read, "read", target, n)
        except SSLZeroReturnError:
            return 0 if buffer is not None else b""
        if buffer is not None:
            return got
        return bytes(target.raw[:got])

    def write(self, data: Union[bytes, bytearray, memoryview]) -> int:
        """Encrypts ``data`` into ``outgoing``; returns the count taken."""
        raw = bytes(data)
        if not raw:
            return 0
        return self._call(lib.tls12_SSL_write, "write", raw, len(raw))

    def unwrap(self) -> None:
        """Starts or completes the TLS shutdown (close_notify); raises
        :class:`SSLWantReadError` until the peer's close_notify has arrived."""
        self._call(shutdown_step, "shutdown")

    def __repr__(self) -> str:
        side = "server" if self.server_side else "client"
        return f"<tls12.SSLObject {side} version={self.version()}>"

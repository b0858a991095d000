"""The socket wrapper (:class:`SSLSocket`), like :class:`ssl.SSLSocket`.

libtls12 reads and writes the socket's descriptor itself (``SSL_set_fd``); the GIL is
released during every library call, so other Python threads run meanwhile. The
socket's mode decides how calls behave, as with :mod:`ssl`:

* blocking (``settimeout(None)``): calls block until done;
* non-blocking (``setblocking(False)``): calls raise :class:`SSLWantReadError` /
  :class:`SSLWantWriteError` when the socket is not ready;
* with a timeout: calls wait for the socket with :func:`select.select` up to the
  timeout each time, and raise :class:`TimeoutError`.
"""

from __future__ import annotations

import ctypes
import select
import socket as _socket
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ._core import TLSConnectionBase
from ._lib import lib
from .errors import (
    SSLEOFError,
    SSLError,
    SSLWantReadError,
    SSLWantWriteError,
    SSLZeroReturnError,
    error_from_queue,
)
from .session import Session

if TYPE_CHECKING:
    from .context import Context

Buffer = Union[bytes, bytearray, memoryview]

_SSL_RECEIVED_SHUTDOWN = 2
_MAX_CHUNK = 1 << 30


class SSLSocket(TLSConnectionBase):
    """A TLS 1.2 connection over a connected socket (made by
    :meth:`Context.wrap_socket`). The socket stays owned by this object until
    :meth:`unwrap` gives it back or :meth:`close` closes it."""

    _sock: Optional[_socket.socket] = None

    def __init__(
        self,
        context: "Context",
        sock: _socket.socket,
        *,
        server_side: bool,
        do_handshake_on_connect: bool = True,
        suppress_ragged_eofs: bool = True,
        server_hostname: Optional[str] = None,
        session: Optional[Session] = None,
    ) -> None:
        if sock.type != _socket.SOCK_STREAM:
            raise NotImplementedError("only stream sockets are supported")
        super().__init__(context, server_side, server_hostname, session)
        self._sock: Optional[_socket.socket] = sock
        self.do_handshake_on_connect = do_handshake_on_connect
        self.suppress_ragged_eofs = suppress_ragged_eofs
        if lib.tls12_SSL_set_fd(self._ssl, sock.fileno()) != 1:
            raise error_from_queue("SSL_set_fd failed")
        connected = True
        try:
            sock.getpeername()
        except OSError:
            connected = False
        if connected and do_handshake_on_connect:
            self.do_handshake()

    # ------------------------------------------------------------ I/O core
    @property
    def socket(self) -> _socket.socket:
        """The underlying socket."""
        if self._sock is None:
            raise ValueError("the TLS socket is closed")
        return self._sock

    def _run(self, fn: Callable[..., int], what: str, *args: Any) -> int:
        """Calls ``fn(ssl, *args)`` until it succeeds or fails for good, waiting on the
        socket when it has a timeout."""
        timeout = self.socket.gettimeout()
        while True:
            try:
                return self._call(fn, what, *args)
            except (SSLWantReadError, SSLWantWriteError) as exc:
                if timeout is None or timeout == 0.0:
                    raise
                reading = isinstance(exc, SSLWantReadError)
                fd = self.socket.fileno()
                rlist, wlist = ([fd], []) if reading else ([], [fd])
                r, w, _ = select.select(rlist, wlist, [], timeout)
                if not r and not w:
                    raise TimeoutError(f"The {what} operation timed out") from None

    def connect(self, address: Any) -> None:
        """Connects the (not yet connected) socket, then runs the handshake when
        ``do_handshake_on_connect`` is set."""
        self.socket.connect(address)
        if self.do_handshake_on_connect:
            self.do_handshake()

    def do_handshake(self) -> None:
        """Runs the TLS handshake (on first I/O otherwise)."""
        self._run(lib.tls12_SSL_do_handshake, "do_handshake")

    # ------------------------------------------------------------ sending
    def send(self, data: Buffer, flags: int = 0) -> int:
        """Sends up to ``len(data)`` bytes; returns how many were taken."""
        if flags:
            raise ValueError("non-zero flags not allowed in calls to send()")
        view = memoryview(data).cast("B")
        if len(view) == 0:
            return 0
        chunk = view[:_MAX_CHUNK]
        buf = bytes(chunk) if chunk.readonly else (ctypes.c_ubyte * len(chunk)).from_buffer(chunk)
        return self._run(lib.tls12_SSL_write, "write", buf, len(chunk))

    def sendall(self, data: Buffer, flags: int = 0) -> None:
        """Sends all of ``data``."""
        if flags:
            raise ValueError("non-zero flags not allowed in calls to sendall()")
        view = memoryview(data).cast("B")
        sent = 0
        while sent < len(view):
            sent += self.send(view[sent:])

    def write(self, data: Buffer) -> int:
        """Like :meth:`send` (:mod:`ssl`'s lower-level name)."""
        return self.send(data)

    # ------------------------------------------------------------ receiving
    def recv_into(self, buffer: Any, nbytes: Optional[int] = None, flags: int = 0) -> int:
        """Reads into ``buffer`` (up to ``nbytes``); returns the count, 0 at the end of
        the stream (close_notify, or a ragged EOF with ``suppress_ragged_eofs``)."""
        if flags:
            raise ValueError("non-zero flags not allowed in calls to recv_into()")
        view = memoryview(buffer).cast("B")
        n = len(view) if nbytes is None or nbytes <= 0 else min(nbytes, len(view))
        if n == 0:
            return 0
        target = (ctypes.c_ubyte * len(view)).from_buffer(view)
        try:
            return self._run(lib.tls12_SSL_read, "read", target, min(n, _MAX_CHUNK))
        except SSLZeroReturnError:
            return 0
        except SSLEOFError:
            if self.suppress_ragged_eofs:
                return 0
            raise

    def recv(self, buflen: int = 16384, flags: int = 0) -> bytes:
        """Reads up to ``buflen`` bytes; ``b""`` at the end of the stream."""
        if flags:
            raise ValueError("non-zero flags not allowed in calls to recv()")
        if buflen <= 0:
            return b""
        buf = bytearray(buflen)
        n = self.recv_into(buf, buflen)
        return bytes(buf[:n])

    def read(self, len: int = 16384) -> bytes:  # noqa: A002 - ssl's signature
        """Like :meth:`recv` (:mod:`ssl`'s lower-level name)."""
        return self.recv(len)

    # ------------------------------------------------------------ closing
    def unwrap(self) -> _socket.socket:
        """Sends close_notify, waits for the peer's, and returns the plain socket."""
        sock = self.socket
        self._run(_shutdown_step, "shutdown")
        self._free()
        self._sock = None
        return sock

    def close(self) -> None:
        """Closes the socket (without a TLS shutdown; see :meth:`unwrap`)."""
        sock, self._sock = self._sock, None
        self._free()
        if sock is not None:
            sock.close()

    def shutdown(self, how: int) -> None:
        """Shuts the socket down (as :meth:`socket.socket.shutdown`)."""
        self.socket.shutdown(how)

    def __enter__(self) -> "SSLSocket":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ socket things
    def fileno(self) -> int:
        """The socket's descriptor."""
        return self.socket.fileno()

    def settimeout(self, timeout: Optional[float]) -> None:
        """As :meth:`socket.socket.settimeout`."""
        self.socket.settimeout(timeout)

    def gettimeout(self) -> Optional[float]:
        """As :meth:`socket.socket.gettimeout`."""
        return self.socket.gettimeout()

    def setblocking(self, flag: bool) -> None:
        """As :meth:`socket.socket.setblocking`."""
        self.socket.setblocking(flag)

    def getpeername(self) -> Any:
        """As :meth:`socket.socket.getpeername`."""
        return self.socket.getpeername()

    def getsockname(self) -> Any:
        """As :meth:`socket.socket.getsockname`."""
        return self.socket.getsockname()

    def __repr__(self) -> str:
        side = "server" if self.server_side else "client"
        fd = self._sock.fileno() if self._sock is not None else -1
        return f"<tls12.SSLSocket {side} fd={fd} version={self.version()}>"


def _shutdown_step(ssl: Any) -> int:
    """SSL_shutdown until both close_notify alerts have passed (1)."""
    ret = int(lib.tls12_SSL_shutdown(ssl))
    if ret == 0:
        ret = int(lib.tls12_SSL_shutdown(ssl))
    return ret


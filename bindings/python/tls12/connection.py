"""The socket wrapper (:class:`SSLSocket`), like :class:`ssl.SSLSocket`: a
:class:`socket.socket` that takes over the wrapped socket's descriptor (the wrapped
object is detached) and speaks TLS on it, so that whatever works with a socket
(``makefile``, :mod:`socketserver`, :mod:`http.client`, ``select``) works with it.

libtls12 reads and writes the descriptor itself (``SSL_set_fd``); the GIL is released
during every library call, so other Python threads run meanwhile. The socket's mode
decides how calls behave, as with :mod:`ssl`:

* blocking (``settimeout(None)``): calls block until done;
* non-blocking (``setblocking(False)``): calls raise :class:`SSLWantReadError` /
  :class:`SSLWantWriteError` when the socket is not ready;
* with a timeout: calls wait for the socket with :func:`select.select` up to the
  timeout each time, and raise :class:`TimeoutError`.

Once :meth:`SSLSocket.unwrap` has ended TLS (or :meth:`SSLSocket.shutdown` shut the
socket down), the object is a plain socket again, as with :mod:`ssl`.
"""

from __future__ import annotations

import ctypes
import select
import socket as _socket
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ._core import TLSConnectionBase, shutdown_step
from ._lib import lib
from .errors import (
    SSLEOFError,
    SSLWantReadError,
    SSLWantWriteError,
    SSLZeroReturnError,
    error_from_queue,
)
from .session import Session

if TYPE_CHECKING:
    from .context import Context

Buffer = Union[bytes, bytearray, memoryview]

_MAX_CHUNK = 1 << 30


class SSLSocket(_socket.socket, TLSConnectionBase):
    """A TLS 1.2 connection over a stream socket (made by :meth:`Context.wrap_socket`).
    An unconnected socket starts TLS when :meth:`connect` connects it; a listening one
    gives TLS connections from :meth:`accept`."""

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
        timeout = sock.gettimeout()
        if do_handshake_on_connect and timeout == 0.0:
            raise ValueError("do_handshake_on_connect should not be specified for non-blocking sockets")
        # Settings are checked (and the SSL made) before the descriptor changes hands:
        # a refused wrap leaves ``sock`` as it was.
        TLSConnectionBase.__init__(self, context, server_side, server_hostname, session)
        _socket.socket.__init__(self, sock.family, sock.type, sock.proto, sock.fileno())
        sock.detach()
        self.settimeout(timeout)
        self.do_handshake_on_connect = do_handshake_on_connect
        self.suppress_ragged_eofs = suppress_ragged_eofs
        try:
            if lib.tls12_SSL_set_fd(self._ssl, self.fileno()) != 1:
                raise error_from_queue("SSL_set_fd failed")
            if do_handshake_on_connect and self._connected():
                self.do_handshake()
        except BaseException:
            self.close()
            raise

    def _connected(self) -> bool:
        try:
            self.getpeername()
        except OSError:
            return False
        return True

    def __del__(self) -> None:
        self._free()
        _socket.socket.__del__(self)  # type: ignore[misc] # closes a forgotten descriptor

    # ------------------------------------------------------------ I/O core
    def _run(self, fn: Callable[..., int], what: str, *args: Any) -> int:
        """Calls ``fn(ssl, *args)`` until it succeeds or fails for good, waiting on the
        socket when it has a timeout."""
        timeout = self.gettimeout()
        while True:
            try:
                return self._call(fn, what, *args)
            except (SSLWantReadError, SSLWantWriteError) as exc:
                if timeout is None or timeout == 0.0:
                    raise
                reading = isinstance(exc, SSLWantReadError)
                fd = self.fileno()
                rlist, wlist = ([fd], []) if reading else ([], [fd])
                r, w, _ = select.select(rlist, wlist, [], timeout)
                if not r and not w:
                    raise TimeoutError(f"The {what} operation timed out") from None

    def _tls_active(self, what: str, flags: int = 0) -> bool:
        """Whether TLS runs on the socket (False once unwrapped or closed: the plain
        socket's method serves then); non-zero ``flags`` are refused under TLS."""
        if self._ssl is None:
            return False
        if flags:
            raise ValueError(f"non-zero flags not allowed in calls to {what}() on {type(self).__name__}")
        return True

    def connect(self, address: Any) -> None:
        """Connects the (not yet connected) socket, then runs the handshake when
        ``do_handshake_on_connect`` is set."""
        if self.server_side:
            raise ValueError("can't connect in server-side mode")
        _socket.socket.connect(self, address)
        if self.do_handshake_on_connect:
            self.do_handshake()

    def connect_ex(self, address: Any) -> int:
        """Like :meth:`connect`, but returns the errno of a failed connect (0 when it
        connected and the handshake, if due, succeeded)."""
        if self.server_side:
            raise ValueError("can't connect in server-side mode")
        rc = _socket.socket.connect_ex(self, address)
        if rc == 0 and self.do_handshake_on_connect:
            self.do_handshake()
        return rc

    def accept(self) -> tuple["SSLSocket", Any]:
        """Accepts a connection on a listening socket: ``(TLS socket, address)``, the
        new socket server-side with this one's context and settings."""
        conn, address = _socket.socket.accept(self)
        tls = self.context.wrap_socket(
            conn,
            server_side=True,
            do_handshake_on_connect=self.do_handshake_on_connect,
            suppress_ragged_eofs=self.suppress_ragged_eofs,
        )
        return tls, address

    def do_handshake(self, block: bool = False) -> None:
        """Runs the TLS handshake (on first I/O otherwise). ``block=True`` waits
        even when the socket has a timeout (as :meth:`ssl.SSLSocket.do_handshake`)."""
        timeout = self.gettimeout()
        if block:
            self.settimeout(None)
        try:
            self._run(lib.tls12_SSL_do_handshake, "do_handshake")
        finally:
            if block:
                self.settimeout(timeout)

    # ------------------------------------------------------------ sending
    def send(self, data: Buffer, flags: int = 0) -> int:
        """Sends up to ``len(data)`` bytes; returns how many were taken."""
        if not self._tls_active("send", flags):
            return _socket.socket.send(self, data, flags)
        view = memoryview(data).cast("B")
        if len(view) == 0:
            return 0
        chunk = view[:_MAX_CHUNK]
        buf = bytes(chunk) if chunk.readonly else (ctypes.c_ubyte * len(chunk)).from_buffer(chunk)
        return self._run(lib.tls12_SSL_write, "write", buf, len(chunk))

    def sendall(self, data: Buffer, flags: int = 0) -> None:
        """Sends all of ``data``."""
        if not self._tls_active("sendall", flags):
            _socket.socket.sendall(self, data, flags)
            return
        view = memoryview(data).cast("B")
        sent = 0
        while sent < len(view):
            sent += self.send(view[sent:])

    def sendfile(self, file: Any, offset: int = 0, count: Optional[int] = None) -> int:
        """Sends a file's contents (through TLS: read and sent in chunks, since the
        kernel's sendfile would bypass the encryption)."""
        if self._ssl is None:
            return _socket.socket.sendfile(self, file, offset, count)
        return self._sendfile_use_send(file, offset, count)  # type: ignore[attr-defined]

    def write(self, data: Buffer) -> int:
        """Like :meth:`send` (:mod:`ssl`'s lower-level name)."""
        if self._ssl is None:
            raise ValueError("Write on closed or unwrapped SSL socket.")
        return self.send(data)

    def sendto(self, data: Buffer, *args: Any) -> int:
        """Refused under TLS (a connected stream has no destination to name)."""
        if self._ssl is not None:
            raise ValueError(f"sendto not allowed on instances of {type(self).__name__}")
        return _socket.socket.sendto(self, data, *args)

    def sendmsg(self, *args: Any, **kwargs: Any) -> int:
        """Not supported (as with :mod:`ssl`): ancillary data cannot go through TLS."""
        raise NotImplementedError(f"sendmsg not allowed on instances of {type(self).__name__}")

    # ------------------------------------------------------------ receiving
    def recv_into(self, buffer: Any, nbytes: Optional[int] = None, flags: int = 0) -> int:
        """Reads into ``buffer`` (up to ``nbytes``); returns the count, 0 at the end of
        the stream (close_notify, or a ragged EOF with ``suppress_ragged_eofs``)."""
        if not self._tls_active("recv_into", flags):
            return _socket.socket.recv_into(self, buffer, nbytes or 0, flags)
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
        if not self._tls_active("recv", flags):
            return _socket.socket.recv(self, buflen, flags)
        if buflen <= 0:
            return b""
        buf = bytearray(buflen)
        n = self.recv_into(buf, buflen)
        return bytes(buf[:n])

    def read(self, len: int = 16384, buffer: Optional[Any] = None) -> Union[bytes, int]:  # noqa: A002
        """Like :meth:`recv` (:mod:`ssl`'s lower-level name); into ``buffer`` when
        given, returning the count."""
        if self._ssl is None:
            raise ValueError("Read on closed or unwrapped SSL socket.")
        if buffer is not None:
            return self.recv_into(buffer, len)
        return self.recv(len)

    def recvfrom(self, buflen: int = 1024, flags: int = 0) -> tuple[bytes, Any]:
        """Refused under TLS (as with :mod:`ssl`)."""
        if self._ssl is not None:
            raise ValueError(f"recvfrom not allowed on instances of {type(self).__name__}")
        return _socket.socket.recvfrom(self, buflen, flags)

    def recvfrom_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> tuple[int, Any]:
        """Refused under TLS (as with :mod:`ssl`)."""
        if self._ssl is not None:
            raise ValueError(f"recvfrom_into not allowed on instances of {type(self).__name__}")
        return _socket.socket.recvfrom_into(self, buffer, nbytes, flags)

    def recvmsg(self, *args: Any, **kwargs: Any) -> Any:
        """Not supported (as with :mod:`ssl`)."""
        raise NotImplementedError(f"recvmsg not allowed on instances of {type(self).__name__}")

    def recvmsg_into(self, *args: Any, **kwargs: Any) -> Any:
        """Not supported (as with :mod:`ssl`)."""
        raise NotImplementedError(f"recvmsg_into not allowed on instances of {type(self).__name__}")

    # ------------------------------------------------------------ closing
    def unwrap(self) -> "SSLSocket":
        """Sends close_notify, waits for the peer's, and returns this socket, now a
        plain one (as :meth:`ssl.SSLSocket.unwrap`)."""
        if self._ssl is None:
            raise ValueError(f"No SSL wrapper around {self}")
        self._run(shutdown_step, "shutdown")
        self._free()
        return self

    def shutdown(self, how: int) -> None:
        """Shuts the socket down (:meth:`socket.socket.shutdown`, without a TLS
        close_notify); TLS is over on this socket then."""
        self._free()
        _socket.socket.shutdown(self, how)

    def detach(self) -> int:
        """Gives up the descriptor (ending TLS on it) and returns it."""
        self._free()
        return _socket.socket.detach(self)

    def _real_close(self, *args: Any) -> None:
        # socket.close() calls this once no makefile() object uses the socket any more.
        self._free()
        _socket.socket._real_close(self, *args)  # type: ignore[attr-defined]

    def dup(self) -> "SSLSocket":
        """Not supported (as with :mod:`ssl`): two objects cannot share one TLS state."""
        raise NotImplementedError(f"Can't dup() {type(self).__name__} instances")

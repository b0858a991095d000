"""What the socket wrapper and the sans-IO object share: one libtls12 ``SSL``, the
map from ``SSL *`` back to its Python object (for callbacks), the connection's
queries (version, cipher, ALPN, peer certificate, session) and error translation."""

from __future__ import annotations

import ctypes
import ipaddress
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union

from . import _lib, _x509
from ._lib import lib
from .errors import (
    SSLCertVerificationError,
    SSLError,
    SSLWantReadError,
    SSLWantWriteError,
    clear_queue,
    error_from_queue,
    raise_for_io,
)
from .session import Session

if TYPE_CHECKING:
    from .context import Context

_T = TypeVar("_T")

_registry_lock = threading.Lock()
_registry: dict[int, "weakref.ref[TLSConnectionBase]"] = {}

TLSEXT_NAMETYPE_host_name = 0
X509_V_ERR_HOSTNAME_MISMATCH = 62
SSL_R_CALLBACK_FAILED = 234


def connection_for(ssl_ptr: Any) -> Optional["TLSConnectionBase"]:
    """The Python object that owns ``ssl_ptr`` (an ``SSL *``), if it is still alive."""
    with _registry_lock:
        ref = _registry.get(_lib.address(ssl_ptr))
    return ref() if ref is not None else None


def shutdown_step(ssl: Any) -> int:
    """``SSL_shutdown``, twice when the first call only sent our close_notify: 1 once
    both close_notify alerts have passed."""
    ret = int(lib.tls12_SSL_shutdown(ssl))
    if ret == 0:
        ret = int(lib.tls12_SSL_shutdown(ssl))
    return ret


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class TLSConnectionBase:
    """One TLS connection over libtls12 (the part independent of the transport)."""

    _ssl: Any = None
    _callback_error: Optional[BaseException] = None

    def __init__(
        self,
        context: "Context",
        server_side: bool,
        server_hostname: Union[str, bytes, None],
        session: Optional[Session],
    ) -> None:
        if isinstance(server_hostname, (bytes, bytearray)):
            server_hostname = bytes(server_hostname).decode("ascii")  # as ssl takes it
        if server_side and server_hostname:
            raise ValueError("server_hostname can only be specified in client mode")
        if server_side and session is not None:
            raise ValueError("session can only be specified in client mode")
        if not server_side and context.check_hostname and not server_hostname:
            raise ValueError("check_hostname requires server_hostname")
        self._ssl: Any = None
        self._context = context
        # Every context the connection has used stays alive with it: the library holds
        # references to their SSL_CTX, whose callbacks point into those objects.
        self._contexts: list["Context"] = [context]
        self._callback_error: Optional[BaseException] = None
        self.server_side = server_side
        self.server_hostname = server_hostname
        clear_queue()
        ssl = lib.tls12_SSL_new(context._ctx)
        if not ssl:
            raise error_from_queue("SSL_new failed")
        self._ssl = ssl
        with _registry_lock:
            _registry[_lib.address(ssl)] = weakref.ref(self)
        if server_side:
            lib.tls12_SSL_set_accept_state(ssl)
        else:
            lib.tls12_SSL_set_connect_state(ssl)
            if server_hostname:
                is_ip = _is_ip(server_hostname)
                host = server_hostname.encode() if is_ip else server_hostname.encode("idna")
                if not is_ip:
                    if lib.tls12_SSL_set_tlsext_host_name(ssl, host) != 1:
                        raise error_from_queue("cannot set the server name")
                if context.check_hostname and lib.tls12_SSL_set1_host(ssl, host) != 1:
                    raise error_from_queue("cannot set the host name to check")
            if session is not None:
                self.session = session

    # ----------------------------------------------------------------- lifetime
    def _free(self) -> None:
        ssl = self._ssl
        self._ssl = None
        if ssl:
            with _registry_lock:
                _registry.pop(_lib.address(ssl), None)
            lib.tls12_SSL_free(ssl)

    def __del__(self) -> None:
        self._free()

    def _require(self) -> Any:
        if not self._ssl:
            raise ValueError("the TLS connection is closed")
        return self._ssl

    # ----------------------------------------------------------------- errors
    def _note_callback_error(self, exc: BaseException) -> None:
        """Called by the callback trampolines: the first exception a Python callback
        raised during this connection's handshake."""
        if self._callback_error is None:
            self._callback_error = exc

    def _raise_for(self, ret: int, what: str) -> None:
        """Raises the exception for a failed ``what``, chained to the exception a
        Python callback raised during it, if one did."""
        ssl = self._require()
        try:
            raise_for_io(ssl, ret, what, int(lib.tls12_SSL_get_verify_result(ssl)))
        except (SSLWantReadError, SSLWantWriteError):
            raise
        except SSLError as exc:
            if isinstance(exc, SSLCertVerificationError):
                self._describe_verify_failure(exc)
            cause, self._callback_error = self._callback_error, None
            if cause is not None:
                raise exc from cause
            raise

    def _describe_verify_failure(self, exc: SSLCertVerificationError) -> None:
        """Names the host in a host-name mismatch, with :mod:`ssl`'s wording."""
        host = self.server_hostname
        if exc.verify_code == X509_V_ERR_HOSTNAME_MISMATCH and host:
            what = "IP address" if _is_ip(host) else "Hostname"
            msg = f"{what} mismatch, certificate is not valid for '{host}'."
            exc.args = (exc.args[0], str(exc).replace(exc.verify_message, msg, 1))
            exc.verify_message = msg

    def _call(self, fn: Callable[..., int], what: str, *args: Any) -> int:
        """Calls ``fn(ssl, *args)`` and returns its positive result, or raises."""
        ssl = self._require()
        clear_queue()
        ret = fn(ssl, *args)
        if ret > 0:
            cause = self._callback_error
            if cause is not None:
                # A callback whose C result cannot say "fail" (session cache callbacks)
                # raised: the connection must not go on as if nothing happened.
                self._callback_error = None
                exc = SSLError(
                    SSL_R_CALLBACK_FAILED,
                    f"[SSL: CALLBACK_FAILED] a Python callback raised {cause!r}",
                )
                exc.library = "SSL"
                exc.reason = "CALLBACK_FAILED"
                raise exc from cause
            return ret
        self._raise_for(ret, what)
        return ret  # not reached

    # ----------------------------------------------------------------- context
    @property
    def context(self) -> "Context":
        """The :class:`~tls12.Context` in use. An SNI callback may assign another one
        (``SSL_set_SSL_CTX``) to serve that context's certificate."""
        return self._context

    @context.setter
    def context(self, ctx: "Context") -> None:
        clear_queue()
        if not lib.tls12_SSL_set_SSL_CTX(self._require(), ctx._ctx):
            raise error_from_queue("cannot switch the context")
        self._context = ctx
        if ctx not in self._contexts:
            self._contexts.append(ctx)

    # ----------------------------------------------------------------- queries
    def _handshake_done(self) -> bool:
        return bool(self._ssl) and bool(lib.tls12_SSL_is_init_finished(self._ssl))

    def version(self) -> Optional[str]:
        """The protocol negotiated ("TLSv1.2"), or None before the handshake."""
        if not self._handshake_done():
            return None
        raw = lib.tls12_SSL_get_version(self._ssl)
        return raw.decode() if raw else None

    def cipher(self) -> Optional[tuple[str, str, int]]:
        """``(name, protocol, secret bits)`` of the suite in use, like
        :meth:`ssl.SSLSocket.cipher`, or None before the handshake."""
        if not self._handshake_done():
            return None
        c = lib.tls12_SSL_get_current_cipher(self._ssl)
        if not c:
            return None
        name = (lib.tls12_SSL_CIPHER_get_name(c) or b"").decode()
        bits = lib.tls12_SSL_CIPHER_get_bits(c, None)
        return name, "TLSv1.2", int(bits)

    def compression(self) -> None:
        """The compression in use: always None (TLS compression is not supported)."""
        return None

    def selected_alpn_protocol(self) -> Optional[str]:
        """The protocol ALPN chose, or None."""
        if not self._ssl:
            return None
        data = _lib.ubyte_p()
        n = ctypes.c_uint(0)
        lib.tls12_SSL_get0_alpn_selected(self._ssl, ctypes.byref(data), ctypes.byref(n))
        if not data or n.value == 0:
            return None
        return ctypes.string_at(data, n.value).decode(errors="replace")

    def getpeercert(self, binary_form: bool = False) -> Any:
        """The peer's certificate: DER bytes with ``binary_form=True``; otherwise a
        dictionary (subject, issuer, serialNumber, notBefore, notAfter) when the
        certificate was verified, ``{}`` when it was not, and None without one."""
        if not self._handshake_done():
            raise ValueError("handshake not done yet")
        x = lib.tls12_SSL_get1_peer_certificate(self._ssl)
        if not x:
            return None
        try:
            if binary_form:
                return _x509.der(x)
            if self._context.verify_mode == 0 and not self.server_side:
                return {}
            return _x509.decoded(x)
        finally:
            lib.tls12_X509_free(x)

    def get_verify_result(self) -> int:
        """``SSL_get_verify_result``: X509_V_OK (0) or the verification error code."""
        return int(lib.tls12_SSL_get_verify_result(self._require()))

    @property
    def session(self) -> Optional[Session]:
        """The connection's session (to resume later), or None."""
        if not self._ssl:
            return None
        ptr = lib.tls12_SSL_get1_session(self._ssl)
        return Session(ptr) if ptr else None

    @session.setter
    def session(self, session: Session) -> None:
        if self.server_side:
            raise ValueError("cannot set a session on the server side")
        if self._handshake_done():
            raise ValueError("cannot set a session after the handshake")
        if not isinstance(session, Session):
            raise TypeError("session must be a tls12.Session")
        clear_queue()
        if lib.tls12_SSL_set_session(self._require(), session._ptr) != 1:
            raise error_from_queue("cannot set the session")

    @property
    def session_reused(self) -> bool:
        """Whether the handshake resumed a session."""
        return bool(self._ssl) and bool(lib.tls12_SSL_session_reused(self._ssl))

    def pending(self) -> int:
        """Decrypted bytes buffered and ready to read."""
        return int(lib.tls12_SSL_pending(self._ssl)) if self._ssl else 0

    def server_name(self) -> Optional[str]:
        """On a server, the name the client asked for with SNI."""
        if not self._ssl:
            return None
        raw = lib.tls12_SSL_get_servername(self._ssl, TLSEXT_NAMETYPE_host_name)
        return raw.decode(errors="replace") if raw else None

    def psk_identity(self) -> Optional[str]:
        """On a PSK connection's server, the identity the client named."""
        if not self._ssl:
            return None
        raw = lib.tls12_SSL_get_psk_identity(self._ssl)
        return raw.decode(errors="replace") if raw else None

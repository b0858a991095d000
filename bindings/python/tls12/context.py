"""The :class:`Context`: settings shared by connections, like :class:`ssl.SSLContext`.

Callbacks into Python (SNI, ALPN selection, PSK, session cache, key log) are ctypes
function objects stored on the Context, so they live as long as it does; every
connection keeps its contexts alive, so the library never calls a freed callback. A
Python callback that raises fails the handshake: the exception is kept and chained
(``__cause__``) to the :class:`~tls12.SSLError` the handshake raises.
"""

from __future__ import annotations

import ctypes
import enum
import os
import socket as _socket
import ssl as _ssl
import tempfile
import threading
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

from . import _lib
from ._core import TLSConnectionBase, connection_for
from ._lib import lib
from .errors import SSLError, clear_queue, error_from_queue
from .session import Session

if TYPE_CHECKING:
    from .connection import SSLSocket
    from .sslobject import MemoryBIO, SSLObject

StrPath = Union[str, bytes, "os.PathLike[str]"]

# ssl-compatible protocol selectors.
PROTOCOL_TLS_CLIENT = 16
PROTOCOL_TLS_SERVER = 17

# SSL_OP_* (OpenSSL's values).
OP_NO_TICKET = 0x4000
OP_NO_EXTENDED_MASTER_SECRET = 0x1

# Session cache modes (SSL_SESS_CACHE_*).
SESS_CACHE_OFF = 0x0
SESS_CACHE_CLIENT = 0x1
SESS_CACHE_SERVER = 0x2
SESS_CACHE_BOTH = 0x3
SESS_CACHE_NO_AUTO_CLEAR = 0x80
SESS_CACHE_NO_INTERNAL_LOOKUP = 0x100
SESS_CACHE_NO_INTERNAL_STORE = 0x200
SESS_CACHE_NO_INTERNAL = 0x300

_SSL_VERIFY_NONE = 0
_SSL_VERIFY_PEER = 1
_SSL_VERIFY_FAIL_IF_NO_PEER_CERT = 2
_SSL_FILETYPE_PEM = 1
_TLSEXT_ERR_OK = 0
_TLSEXT_ERR_ALERT_FATAL = 2
# X509_CHECK_FLAG_* (X509_VERIFY_PARAM_set_hostflags).
_NO_PARTIAL_WILDCARDS = 0x4
_NEVER_CHECK_SUBJECT = 0x20
_TLSEXT_ERR_NOACK = 3
# X509_V_FLAG_* as ssl.VerifyFlags names them.
VERIFY_DEFAULT = 0
VERIFY_X509_TRUSTED_FIRST = 0x8000
VERIFY_X509_PARTIAL_CHAIN = 0x80000
ALERT_DESCRIPTION_HANDSHAKE_FAILURE = 40
ALERT_DESCRIPTION_INTERNAL_ERROR = 80
ALERT_DESCRIPTION_UNRECOGNIZED_NAME = 112


class VerifyMode(enum.IntEnum):
    """Certificate verification, with :mod:`ssl`'s names and values."""

    CERT_NONE = 0
    CERT_OPTIONAL = 1
    CERT_REQUIRED = 2


class TLSVersion(enum.IntEnum):
    """Protocol versions, with :class:`ssl.TLSVersion`'s names and values. libtls12
    speaks TLS 1.2 only: :attr:`Context.minimum_version` and
    :attr:`Context.maximum_version` take TLSv1_2 and the MINIMUM_SUPPORTED /
    MAXIMUM_SUPPORTED markers, and refuse any other version with ValueError rather
    than ignore it."""

    MINIMUM_SUPPORTED = -2
    SSLv3 = 0x0300
    TLSv1 = 0x0301
    TLSv1_1 = 0x0302
    TLSv1_2 = 0x0303
    TLSv1_3 = 0x0304
    MAXIMUM_SUPPORTED = -1


CERT_NONE = VerifyMode.CERT_NONE
CERT_OPTIONAL = VerifyMode.CERT_OPTIONAL
CERT_REQUIRED = VerifyMode.CERT_REQUIRED

ServernameCallback = Callable[[TLSConnectionBase, Optional[str], "Context"], Optional[int]]
PskClientCallback = Callable[[Optional[str]], tuple[Union[str, bytes, None], bytes]]
PskServerCallback = Callable[[Optional[str]], bytes]


def _password_bytes(password: Any) -> bytes:
    """A key password as bytes: str (UTF-8), bytes or bytearray, as :mod:`ssl` takes it."""
    if isinstance(password, str):
        return password.encode()
    if isinstance(password, (bytes, bytearray)):
        return bytes(password)
    raise TypeError("password should be a string or callable")


def _fs(path: StrPath) -> bytes:
    return os.fsencode(path)


def _split_der(data: bytes) -> list[bytes]:
    """Splits concatenated DER certificates (each a SEQUENCE with a definite length)."""
    out: list[bytes] = []
    i = 0
    while i < len(data):
        if data[i] != 0x30 or i + 2 > len(data):
            raise ValueError("cadata: not DER certificates")
        first = data[i + 1]
        if first < 0x80:
            header, length = 2, first
        else:
            n = first & 0x7F
            if n == 0 or n > 4 or i + 2 + n > len(data):
                raise ValueError("cadata: bad DER length")
            header = 2 + n
            length = int.from_bytes(data[i + 2 : i + 2 + n], "big")
        end = i + header + length
        if end > len(data):
            raise ValueError("cadata: truncated DER certificate")
        out.append(data[i:end])
        i = end
    return out


def _der_to_pem(der: bytes) -> str:
    import base64

    body = base64.encodebytes(der).decode().replace("\n", "")
    lines = [body[j : j + 64] for j in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def _wire_protocols(protocols: Iterable[str]) -> bytes:
    out = bytearray()
    for proto in protocols:
        raw = proto.encode() if isinstance(proto, str) else bytes(proto)
        if not 0 < len(raw) < 256:
            raise ValueError(f"ALPN protocol {proto!r} must be 1 to 255 bytes")
        out.append(len(raw))
        out += raw
    return bytes(out)


def _parse_wire(data: bytes) -> list[bytes]:
    out: list[bytes] = []
    i = 0
    while i < len(data):
        n = data[i]
        out.append(data[i + 1 : i + 1 + n])
        i += 1 + n
    return out


class Context(_ssl.SSLContext):
    """Settings for TLS 1.2 connections over libtls12 (``SSL_CTX``).

    ``Context(PROTOCOL_TLS_CLIENT)`` (the default) verifies the server's certificate and
    host name, like :func:`ssl.create_default_context`, once CAs are loaded;
    ``Context(PROTOCOL_TLS_SERVER)`` does not ask for client certificates.

    A Context is an :class:`ssl.SSLContext` (a subclass), so that code that checks
    ``isinstance(ctx, ssl.SSLContext)`` (httpx, aiohttp) takes it. It never falls back to
    OpenSSL: every attribute of :class:`ssl.SSLContext` is either implemented here on
    libtls12 or refused with AttributeError (see :func:`_refuse_inherited`).
    """

    def __new__(cls, protocol: int = PROTOCOL_TLS_CLIENT, *args: Any, **kwargs: Any) -> "Context":
        if protocol not in (PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER):
            raise ValueError("protocol must be PROTOCOL_TLS_CLIENT or PROTOCOL_TLS_SERVER")
        # ssl.SSLContext's own state (an OpenSSL SSL_CTX) is made and never used.
        return super().__new__(cls, protocol)

    def __init__(self, protocol: int = PROTOCOL_TLS_CLIENT) -> None:
        self._ctx: Any = None
        self._protocol = protocol
        self._server = protocol == PROTOCOL_TLS_SERVER
        method = lib.tls12_TLS_server_method() if self._server else lib.tls12_TLS_client_method()
        clear_queue()
        ctx = lib.tls12_SSL_CTX_new(method)
        if not ctx:
            raise error_from_queue("SSL_CTX_new failed")
        self._ctx = ctx
        # As ssl: a "*" stands only for a whole label.
        lib.tls12_X509_VERIFY_PARAM_set_hostflags(lib.tls12_SSL_CTX_get0_param(ctx), _NO_PARTIAL_WILDCARDS)
        # ctypes function objects handed to the library, kept alive with the context.
        self._callbacks: dict[str, Any] = {}
        self._alpn: Optional[bytes] = None
        self._verify_mode = VerifyMode.CERT_NONE
        self._check_hostname = False
        self._keylog_file: Optional[str] = None
        self._keylog_lock = threading.Lock()
        self._versions: dict[str, TLSVersion] = {}
        self._post_handshake_auth = False
        self.sni_callback_fn: Optional[ServernameCallback] = None
        if not self._server:
            self.verify_mode = VerifyMode.CERT_REQUIRED
            self._check_hostname = True

    def __del__(self) -> None:
        ctx, self._ctx = getattr(self, "_ctx", None), None
        if ctx:
            lib.tls12_SSL_CTX_free(ctx)

    @property
    def protocol(self) -> int:
        """PROTOCOL_TLS_CLIENT or PROTOCOL_TLS_SERVER, as given to the constructor."""
        return self._protocol

    @property
    def hostname_checks_common_name(self) -> bool:
        """Whether check_hostname falls back to the subject's common name when the
        certificate has no DNS name in subjectAltName (True by default, as in ssl)."""
        flags = lib.tls12_X509_VERIFY_PARAM_get_hostflags(lib.tls12_SSL_CTX_get0_param(self._ctx))
        return not flags & _NEVER_CHECK_SUBJECT

    @hostname_checks_common_name.setter
    def hostname_checks_common_name(self, value: bool) -> None:
        param = lib.tls12_SSL_CTX_get0_param(self._ctx)
        flags = lib.tls12_X509_VERIFY_PARAM_get_hostflags(param)
        flags = flags & ~_NEVER_CHECK_SUBJECT if value else flags | _NEVER_CHECK_SUBJECT
        lib.tls12_X509_VERIFY_PARAM_set_hostflags(param, flags)

    @property
    def server_side(self) -> bool:
        """Whether this context makes server connections."""
        return self._server

    def _check(self, ok: bool, what: str) -> None:
        if not ok:
            raise error_from_queue(what)

    # ------------------------------------------------------------ certificates
    def load_cert_chain(
        self,
        certfile: StrPath,
        keyfile: Optional[StrPath] = None,
        password: Optional[Any] = None,
    ) -> None:
        """Loads a PEM certificate chain (leaf first) and its private key (from
        ``keyfile``, or from ``certfile`` when None). An encrypted key (PKCS#8 PBES2 or
        OpenSSL's older PEM encryption, AES) is decrypted with ``password``: a str,
        bytes or bytearray, or a callable returning one, called only if the key is
        encrypted (as in :meth:`ssl.SSLContext.load_cert_chain`)."""
        if password is not None and not callable(password):
            _password_bytes(password)  # the type error comes before any file is read
        clear_queue()
        self._check(
            lib.tls12_SSL_CTX_use_certificate_chain_file(self._ctx, _fs(certfile)) == 1,
            f"cannot load the certificate chain {os.fsdecode(certfile)}",
        )
        key = keyfile if keyfile is not None else certfile
        failure: list[BaseException] = []

        def give_password(buf: int, size: int, rwflag: int, userdata: int) -> int:
            try:
                secret = _password_bytes(password() if callable(password) else password)
                if len(secret) > size:
                    raise ValueError(f"password cannot be longer than {size} bytes")
                ctypes.memmove(buf, secret, len(secret))
                return len(secret)
            except BaseException as exc:  # handed back to the caller below
                failure.append(exc)
                return -1

        # No password: no callback, and an encrypted key fails saying so.
        callback = _lib.pem_password_cb_t(give_password) if password is not None else _lib.pem_password_cb_t()
        lib.tls12_SSL_CTX_set_default_passwd_cb(self._ctx, callback)
        try:
            loaded = lib.tls12_SSL_CTX_use_PrivateKey_file(self._ctx, _fs(key), _SSL_FILETYPE_PEM) == 1
        finally:
            lib.tls12_SSL_CTX_set_default_passwd_cb(self._ctx, _lib.pem_password_cb_t())
        if failure:
            clear_queue()
            raise failure[0]
        self._check(loaded, f"cannot load the private key {os.fsdecode(key)}")
        self._check(
            lib.tls12_SSL_CTX_check_private_key(self._ctx) == 1,
            "the private key does not match the certificate",
        )

    def load_verify_locations(
        self,
        cafile: Optional[StrPath] = None,
        capath: Optional[StrPath] = None,
        cadata: Union[str, bytes, None] = None,
    ) -> None:
        """Trusts the CA certificates in ``cafile`` (PEM), the directory ``capath``
        (hashed names), or ``cadata`` (PEM text, or DER bytes, one or several)."""
        if cafile is None and capath is None and cadata is None:
            raise TypeError("cafile, capath and cadata cannot be all omitted")
        clear_queue()
        if cafile is not None or capath is not None:
            self._check(
                lib.tls12_SSL_CTX_load_verify_locations(
                    self._ctx,
                    _fs(cafile) if cafile is not None else None,
                    _fs(capath) if capath is not None else None,
                )
                == 1,
                "cannot load the verify locations",
            )
        if cadata is not None:
            if isinstance(cadata, str):
                pem = cadata
            else:
                pem = "".join(_der_to_pem(d) for d in _split_der(bytes(cadata)))
            # The C API loads CAs from files: go through a private temporary file.
            fd, path = tempfile.mkstemp(prefix="tls12-ca-", suffix=".pem")
            try:
                with os.fdopen(fd, "w") as f:
                    f.write(pem)
                self._check(
                    lib.tls12_SSL_CTX_load_verify_locations(self._ctx, _fs(path), None) == 1,
                    "cannot load cadata",
                )
            finally:
                os.unlink(path)

    def set_default_verify_paths(self) -> None:
        """Trusts the system's default CA certificates."""
        clear_queue()
        self._check(
            lib.tls12_SSL_CTX_set_default_verify_paths(self._ctx) == 1,
            "cannot load the default verify paths",
        )

    def load_default_certs(self, purpose: "Purpose" = None) -> None:  # type: ignore[assignment]
        """Trusts the system's CA certificates, as :meth:`ssl.SSLContext.load_default_certs`
        (``purpose`` must be a :class:`Purpose`; both purposes use the same store)."""
        if purpose is not None and not isinstance(purpose, Purpose):
            if getattr(purpose, "name", None) not in ("SERVER_AUTH", "CLIENT_AUTH"):
                raise TypeError(purpose)
        self.set_default_verify_paths()

    def _store_certs(self) -> list[tuple[bytes, bool]]:
        """The trusted certificates: (DER, whether X509_check_ca says it is a CA)."""
        from . import _x509

        sk = lib.tls12_X509_STORE_get1_all_certs(lib.tls12_SSL_CTX_get_cert_store(self._ctx))
        if not sk:
            raise error_from_queue("cannot list the trusted certificates")
        out = []
        try:
            for i in range(lib.tls12_OPENSSL_sk_num(sk)):
                x = lib.tls12_OPENSSL_sk_value(sk, i)
                out.append((_x509.der(x), lib.tls12_X509_check_ca(x) != 0))
                lib.tls12_X509_free(x)
        finally:
            lib.tls12_OPENSSL_sk_free(sk)
        return out

    def cert_store_stats(self) -> dict[str, int]:
        """Counts of the trusted certificates, with :meth:`ssl.SSLContext.cert_store_stats`'s
        keys (``crl`` is 0: libtls12 has no CRLs)."""
        certs = self._store_certs()
        return {"x509": len(certs), "crl": 0, "x509_ca": sum(ca for _, ca in certs)}

    def get_ca_certs(self, binary_form: bool = False) -> list[Any]:
        """The trusted CA certificates, as :meth:`ssl.SSLContext.get_ca_certs`: DER, or
        the dictionaries :meth:`~tls12.SSLSocket.getpeercert` gives."""
        from . import _x509

        cas = [der for der, ca in self._store_certs() if ca]
        return cas if binary_form else [_x509.decode_der(der) for der in cas]

    # ------------------------------------------------------------ verification
    @property
    def verify_mode(self) -> VerifyMode:
        """CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED (on a server: whether and how
        client certificates are asked for)."""
        return self._verify_mode

    @verify_mode.setter
    def verify_mode(self, mode: int) -> None:
        mode = VerifyMode(mode)
        if mode == VerifyMode.CERT_NONE and self._check_hostname:
            raise ValueError("Cannot set verify_mode to CERT_NONE when check_hostname is enabled.")
        bits = {
            VerifyMode.CERT_NONE: _SSL_VERIFY_NONE,
            VerifyMode.CERT_OPTIONAL: _SSL_VERIFY_PEER,
            VerifyMode.CERT_REQUIRED: _SSL_VERIFY_PEER | _SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
        }[mode]
        lib.tls12_SSL_CTX_set_verify(self._ctx, bits, None)
        self._verify_mode = mode

    @property
    def check_hostname(self) -> bool:
        """Whether a client checks the server's certificate against
        ``server_hostname``. Turning it on sets CERT_REQUIRED when verification was off."""
        return self._check_hostname

    @check_hostname.setter
    def check_hostname(self, value: bool) -> None:
        value = bool(value)
        if value and self._verify_mode == VerifyMode.CERT_NONE:
            self._check_hostname = False
            self.verify_mode = VerifyMode.CERT_REQUIRED
        self._check_hostname = value

    def load_dh_params(self, path: StrPath) -> None:
        """Uses the PEM DH parameters in ``path`` for DHE suites, as
        :meth:`ssl.SSLContext.load_dh_params` (a missing file raises FileNotFoundError)."""
        with open(path, "rb") as f:
            pem = f.read()
        bio = lib.tls12_BIO_new(lib.tls12_BIO_s_mem())
        if not bio:
            raise error_from_queue("BIO_new failed")
        clear_queue()
        try:
            lib.tls12_BIO_write(bio, pem, len(pem))
            dh = lib.tls12_PEM_read_bio_DHparams(bio, None, None, None)
        finally:
            lib.tls12_BIO_free(bio)
        if not dh:
            raise error_from_queue(f"cannot read DH parameters from {os.fsdecode(path)}")
        try:
            self._check(lib.tls12_SSL_CTX_set_tmp_dh(self._ctx, dh) == 1, "cannot use the DH parameters")
        finally:
            lib.tls12_DH_free(dh)

    @property
    def verify_flags(self) -> int:
        """X509_V_FLAG_* bits, as :attr:`ssl.SSLContext.verify_flags`: only
        :data:`VERIFY_X509_PARTIAL_CHAIN` can change (every trusted certificate is then
        an anchor); :data:`VERIFY_X509_TRUSTED_FIRST` is always on. Any other flag (CRL
        checks, strict mode ...) raises ValueError: libtls12 does not implement it."""
        return int(lib.tls12_X509_VERIFY_PARAM_get_flags(lib.tls12_SSL_CTX_get0_param(self._ctx))) | (
            VERIFY_X509_TRUSTED_FIRST
        )

    @verify_flags.setter
    def verify_flags(self, flags: int) -> None:
        flags = int(flags)
        unknown = flags & ~(VERIFY_X509_PARTIAL_CHAIN | VERIFY_X509_TRUSTED_FIRST)
        if unknown:
            raise ValueError(f"verify_flags {unknown:#x} are not implemented by libtls12")
        param = lib.tls12_SSL_CTX_get0_param(self._ctx)
        clear_queue()
        if flags & VERIFY_X509_PARTIAL_CHAIN:
            ok = lib.tls12_X509_VERIFY_PARAM_set_flags(param, VERIFY_X509_PARTIAL_CHAIN)
        else:
            ok = lib.tls12_X509_VERIFY_PARAM_clear_flags(param, VERIFY_X509_PARTIAL_CHAIN)
        self._check(ok == 1, "cannot set verify_flags")

    def set_ecdh_curve(self, curve_name: str) -> None:
        """Limits the key exchange to the named curve ("prime256v1", "secp384r1",
        "X25519" ...), as :meth:`ssl.SSLContext.set_ecdh_curve`; ValueError for an
        unknown name."""
        clear_queue()
        if lib.tls12_SSL_CTX_set1_groups_list(self._ctx, curve_name.encode()) != 1:
            clear_queue()
            raise ValueError(f"unknown elliptic curve name {curve_name!r}")

    def set_verify_depth(self, depth: int) -> None:
        """The longest certificate chain accepted."""
        lib.tls12_SSL_CTX_set_verify_depth(self._ctx, depth)

    # ------------------------------------------------------------ suites, options
    def set_ciphers(self, ciphers: str) -> None:
        """Restricts the suites with an OpenSSL cipher string."""
        clear_queue()
        self._check(
            lib.tls12_SSL_CTX_set_cipher_list(self._ctx, ciphers.encode()) == 1,
            f"No cipher can be selected: {ciphers!r}",
        )

    def get_ciphers(self) -> list[dict[str, Any]]:
        """The suites this context enables, in preference order (``name`` is
        OpenSSL's name), like :meth:`ssl.SSLContext.get_ciphers`."""
        ssl = lib.tls12_SSL_new(self._ctx)
        if not ssl:
            raise error_from_queue("SSL_new failed")
        try:
            out: list[dict[str, Any]] = []
            i = 0
            while True:
                raw = lib.tls12_SSL_get_cipher_list(ssl, i)
                if not raw:
                    return out
                out.append({"name": raw.decode(), "protocol": "TLSv1.2"})
                i += 1
        finally:
            lib.tls12_SSL_free(ssl)

    @property
    def options(self) -> int:
        """The SSL_OP_* bits (for example :data:`OP_NO_TICKET`)."""
        return int(lib.tls12_SSL_CTX_get_options(self._ctx))

    @options.setter
    def options(self, value: int) -> None:
        current = self.options
        lib.tls12_SSL_CTX_clear_options(self._ctx, current & ~value)
        lib.tls12_SSL_CTX_set_options(self._ctx, value & ~current)

    # ------------------------------------------------------------ versions
    def _set_version(self, value: int, setter: Any, which: str) -> None:
        try:
            version = TLSVersion(int(value))
        except ValueError:
            raise ValueError(f"Unsupported TLS/SSL version 0x{int(value):x}") from None
        if version not in (TLSVersion.TLSv1_2, TLSVersion.MINIMUM_SUPPORTED, TLSVersion.MAXIMUM_SUPPORTED):
            raise ValueError(
                f"libtls12 speaks TLS 1.2 only: {which} {version.name} is not possible "
                "(use TLSVersion.TLSv1_2, MINIMUM_SUPPORTED or MAXIMUM_SUPPORTED)"
            )
        clear_queue()
        # The markers mean "no limit" (0); TLS 1.2 is then the only version either way.
        wire = 0 if version < 0 else int(version)
        self._check(setter(self._ctx, wire) == 1, f"cannot set the {which}")
        self._versions[which] = version

    @property
    def minimum_version(self) -> TLSVersion:
        """The lowest version allowed (see :class:`TLSVersion`)."""
        return self._versions.get("minimum version", TLSVersion.MINIMUM_SUPPORTED)

    @minimum_version.setter
    def minimum_version(self, value: int) -> None:
        self._set_version(value, lib.tls12_SSL_CTX_set_min_proto_version, "minimum version")

    @property
    def maximum_version(self) -> TLSVersion:
        """The highest version allowed (see :class:`TLSVersion`)."""
        return self._versions.get("maximum version", TLSVersion.MAXIMUM_SUPPORTED)

    @maximum_version.setter
    def maximum_version(self, value: int) -> None:
        self._set_version(value, lib.tls12_SSL_CTX_set_max_proto_version, "maximum version")

    @property
    def security_level(self) -> int:
        """The security level (read-only, as in :mod:`ssl`)."""
        return int(lib.tls12_SSL_CTX_get_security_level(self._ctx))

    @property
    def post_handshake_auth(self) -> bool:
        """TLS 1.3 post-handshake authentication: it does not exist in TLS 1.2, so, as
        :mod:`ssl` on a TLS 1.2 connection, the setting is kept and changes nothing."""
        return self._post_handshake_auth

    @post_handshake_auth.setter
    def post_handshake_auth(self, value: bool) -> None:
        self._post_handshake_auth = bool(value)

    # ------------------------------------------------------------ ALPN
    def set_alpn_protocols(self, protocols: Iterable[str]) -> None:
        """The ALPN protocols, most preferred first. A client offers them; a server
        picks its most preferred one that the client offered (and none when they
        share none)."""
        wire = _wire_protocols(protocols)
        if not self._server:
            clear_queue()
            # SSL_CTX_set_alpn_protos returns 0 on success (OpenSSL's inverted convention).
            if lib.tls12_SSL_CTX_set_alpn_protos(self._ctx, wire, len(wire)) != 0:
                raise error_from_queue("cannot set the ALPN protocols")
            return
        self._alpn = wire
        preferred = _parse_wire(wire)
        me = self

        def select(ssl: Any, out: Any, outlen: Any, inp: int, inlen: int, arg: int) -> int:
            try:
                offered = ctypes.string_at(inp, inlen)
                offsets: dict[bytes, int] = {}
                i = 0
                while i < len(offered):
                    n = offered[i]
                    offsets.setdefault(offered[i + 1 : i + 1 + n], i + 1)
                    i += 1 + n
                for proto in preferred:
                    if proto in offsets:
                        # Point into the client's list, which outlives the callback.
                        out[0] = inp + offsets[proto]
                        outlen[0] = len(proto)
                        return _TLSEXT_ERR_OK
                return _TLSEXT_ERR_NOACK
            except BaseException as exc:  # noqa: BLE001 - must never cross into C
                me._record(ssl, exc)
                return _TLSEXT_ERR_ALERT_FATAL

        cb = _lib.alpn_select_cb_t(select)
        self._callbacks["alpn"] = cb
        lib.tls12_SSL_CTX_set_alpn_select_cb(self._ctx, cb, None)

    # ------------------------------------------------------------ SNI
    def set_servername_callback(self, callback: Optional[ServernameCallback]) -> None:
        """On a server, ``callback(conn, server_name, context)`` runs when a client's
        hello arrives (``server_name`` is None without SNI). It may set
        ``conn.context`` to another Context to serve that context's certificate.
        Returning None accepts; returning an ALERT_DESCRIPTION_* number fails the
        handshake with that alert; raising fails it with handshake_failure and the
        exception chained. None removes the callback."""
        self.sni_callback_fn = callback
        if callback is None:
            self._callbacks.pop("sni", None)
            lib.tls12_SSL_CTX_set_tlsext_servername_callback(
                self._ctx, _lib.servername_cb_t()
            )
            return
        me = self

        def servername(ssl: Any, al: Any, arg: int) -> int:
            conn = connection_for(ssl)
            if conn is None:
                al[0] = ALERT_DESCRIPTION_INTERNAL_ERROR
                return _TLSEXT_ERR_ALERT_FATAL
            try:
                result = callback(conn, conn.server_name(), me)
            except BaseException as exc:  # noqa: BLE001 - must never cross into C
                conn._note_callback_error(exc)
                al[0] = ALERT_DESCRIPTION_HANDSHAKE_FAILURE
                return _TLSEXT_ERR_ALERT_FATAL
            if result is None:
                return _TLSEXT_ERR_OK
            al[0] = int(result)
            return _TLSEXT_ERR_ALERT_FATAL

        cb = _lib.servername_cb_t(servername)
        self._callbacks["sni"] = cb
        lib.tls12_SSL_CTX_set_tlsext_servername_callback(self._ctx, cb)

    @property
    def sni_callback(self) -> Optional[ServernameCallback]:
        """The SNI callback (see :meth:`set_servername_callback`)."""
        return self.sni_callback_fn

    @sni_callback.setter
    def sni_callback(self, callback: Optional[ServernameCallback]) -> None:
        self.set_servername_callback(callback)

    # ------------------------------------------------------------ PSK
    @staticmethod
    def psk_supported() -> bool:
        """Whether the loaded libtls12 has the PSK functions."""
        return {"SSL_CTX_set_psk_client_callback", "SSL_CTX_set_psk_server_callback"} <= (
            _lib.available_optional
        )

    def _need_psk(self) -> None:
        if not self.psk_supported():
            raise NotImplementedError("this libtls12 build has no PSK support")

    def set_psk_client_callback(
        self, callback: Optional[Callable[[Optional[str]], tuple[Union[str, bytes, None], bytes]]]
    ) -> None:
        """On a client, ``callback(hint)`` returns ``(identity, psk)`` for PSK suites
        (``hint`` is the server's identity hint or None). Enable PSK suites with
        :meth:`set_ciphers` (for example ``"PSK"``). None removes the callback."""
        self._need_psk()
        if callback is None:
            self._callbacks.pop("psk_client", None)
            lib.tls12_SSL_CTX_set_psk_client_callback(
                self._ctx, _lib.psk_client_cb_t()
            )
            return
        me = self

        def psk_client(
            ssl: Any, hint: Optional[bytes], ident: int, max_ident: int, psk: int, max_psk: int
        ) -> int:
            try:
                text = hint.decode(errors="replace") if hint is not None else None
                identity, key = callback(text)
                raw_id = b"" if identity is None else (
                    identity.encode() if isinstance(identity, str) else bytes(identity)
                )
                key = bytes(key)
                if len(raw_id) + 1 > max_ident:
                    raise ValueError(f"PSK identity longer than {max_ident - 1} bytes")
                if len(key) > max_psk:
                    raise ValueError(f"PSK longer than {max_psk} bytes")
                ctypes.memmove(ident, raw_id + b"\0", len(raw_id) + 1)
                ctypes.memmove(psk, key, len(key))
                return len(key)
            except BaseException as exc:  # noqa: BLE001 - must never cross into C
                me._record(ssl, exc)
                return 0

        cb = _lib.psk_client_cb_t(psk_client)
        self._callbacks["psk_client"] = cb
        lib.tls12_SSL_CTX_set_psk_client_callback(self._ctx, cb)

    def set_psk_server_callback(
        self,
        callback: Optional[Callable[[Optional[str]], bytes]],
        identity_hint: Optional[str] = None,
    ) -> None:
        """On a server, ``callback(identity)`` returns the key for the identity the
        client named, or ``b""`` when it is unknown (the handshake then fails with
        unknown_psk_identity). ``identity_hint`` is sent to clients. None removes it."""
        self._need_psk()
        if identity_hint is not None and "SSL_CTX_use_psk_identity_hint" in _lib.available_optional:
            clear_queue()
            self._check(
                lib.tls12_SSL_CTX_use_psk_identity_hint(self._ctx, identity_hint.encode()) == 1,
                "cannot set the PSK identity hint",
            )
        if callback is None:
            self._callbacks.pop("psk_server", None)
            lib.tls12_SSL_CTX_set_psk_server_callback(
                self._ctx, _lib.psk_server_cb_t()
            )
            return
        me = self

        def psk_server(ssl: Any, identity: Optional[bytes], psk: int, max_psk: int) -> int:
            try:
                name = identity.decode(errors="replace") if identity is not None else None
                key = bytes(callback(name))
                if len(key) > max_psk:
                    raise ValueError(f"PSK longer than {max_psk} bytes")
                ctypes.memmove(psk, key, len(key))
                return len(key)
            except BaseException as exc:  # noqa: BLE001 - must never cross into C
                me._record(ssl, exc)
                return 0

        cb = _lib.psk_server_cb_t(psk_server)
        self._callbacks["psk_server"] = cb
        lib.tls12_SSL_CTX_set_psk_server_callback(self._ctx, cb)

    # ------------------------------------------------------------ sessions
    @property
    def session_cache_mode(self) -> int:
        """SESS_CACHE_* bits (servers cache by default)."""
        return int(lib.tls12_SSL_CTX_get_session_cache_mode(self._ctx))

    @session_cache_mode.setter
    def session_cache_mode(self, mode: int) -> None:
        lib.tls12_SSL_CTX_set_session_cache_mode(self._ctx, mode)

    @property
    def session_cache_size(self) -> int:
        """How many sessions the internal cache holds (0: no limit)."""
        return int(lib.tls12_SSL_CTX_sess_get_cache_size(self._ctx))

    @session_cache_size.setter
    def session_cache_size(self, size: int) -> None:
        lib.tls12_SSL_CTX_sess_set_cache_size(self._ctx, size)

    @property
    def session_timeout(self) -> int:
        """The lifetime of new sessions, in seconds."""
        return int(lib.tls12_SSL_CTX_get_timeout(self._ctx))

    @session_timeout.setter
    def session_timeout(self, seconds: int) -> None:
        lib.tls12_SSL_CTX_set_timeout(self._ctx, seconds)

    def set_session_id_context(self, sid_ctx: bytes) -> None:
        """The session ID context (at most 32 bytes) sessions are bound to."""
        clear_queue()
        self._check(
            lib.tls12_SSL_CTX_set_session_id_context(self._ctx, bytes(sid_ctx), len(sid_ctx)) == 1,
            "cannot set the session ID context",
        )

    @property
    def session_tickets(self) -> bool:
        """Whether session tickets are used (clearing sets :data:`OP_NO_TICKET`)."""
        return not self.options & OP_NO_TICKET

    @session_tickets.setter
    def session_tickets(self, enabled: bool) -> None:
        if enabled:
            lib.tls12_SSL_CTX_clear_options(self._ctx, OP_NO_TICKET)
        else:
            lib.tls12_SSL_CTX_set_options(self._ctx, OP_NO_TICKET)

    def set_ticket_keys(self, keys: bytes) -> None:
        """The 48-byte ticket key (16 name, 32 secret) that seals and opens tickets,
        so that several servers can share tickets."""
        keys = bytes(keys)
        if len(keys) != 48:
            raise ValueError("ticket keys are 48 bytes")
        clear_queue()
        self._check(
            lib.tls12_SSL_CTX_set_tlsext_ticket_keys(self._ctx, keys, 48) == 1,
            "cannot set the ticket keys",
        )

    def load_ticket_key_file(self, path: StrPath) -> None:
        """Loads the ticket key from a file (``SSL_CTX_load_ticket_key_file``)."""
        clear_queue()
        self._check(
            lib.tls12_SSL_CTX_load_ticket_key_file(self._ctx, _fs(path)) == 1,
            f"cannot load the ticket key file {os.fsdecode(path)}",
        )

    def flush_sessions(self, now: Optional[int] = None) -> None:
        """Drops the cached sessions that expired at ``now`` (default: the current time)."""
        import time

        lib.tls12_SSL_CTX_flush_sessions(self._ctx, int(time.time() if now is None else now))

    def session_stats(self) -> dict[str, int]:
        """Session cache statistics, with :meth:`ssl.SSLContext.session_stats`'s keys."""
        c = self._ctx
        return {
            "number": lib.tls12_SSL_CTX_sess_number(c),
            "connect": lib.tls12_SSL_CTX_sess_connect(c),
            "connect_good": lib.tls12_SSL_CTX_sess_connect_good(c),
            "accept": lib.tls12_SSL_CTX_sess_accept(c),
            "accept_good": lib.tls12_SSL_CTX_sess_accept_good(c),
            "hits": lib.tls12_SSL_CTX_sess_hits(c),
            "misses": lib.tls12_SSL_CTX_sess_misses(c),
            "timeouts": lib.tls12_SSL_CTX_sess_timeouts(c),
            "cache_full": lib.tls12_SSL_CTX_sess_cache_full(c),
            "cb_hits": lib.tls12_SSL_CTX_sess_cb_hits(c),
        }

    def set_session_callbacks(
        self,
        new_session: Optional[Callable[[TLSConnectionBase, Session], Any]] = None,
        get_session: Optional[Callable[[TLSConnectionBase, bytes], Optional[Session]]] = None,
        remove_session: Optional[Callable[[Session], Any]] = None,
    ) -> None:
        """An external session cache. ``new_session(conn, session)`` gets each new
        session; a server's ``get_session(conn, session_id)`` returns a Session (or
        None) for an ID its internal cache lacks; ``remove_session(session)`` hears of
        sessions leaving the internal cache. An exception in ``new_session`` or
        ``get_session`` fails the handshake, chained; one in ``remove_session`` (which
        may run outside any handshake) is reported through :func:`sys.unraisablehook`."""
        me = self

        def new_cb(ssl: Any, sess: Any) -> int:
            conn = connection_for(ssl)
            try:
                lib.tls12_SSL_SESSION_up_ref(sess)
                session = Session(sess)
                if new_session is not None and conn is not None:
                    new_session(conn, session)
            except BaseException as exc:  # noqa: BLE001
                me._record(ssl, exc)
            return 0  # the library drops its reference; `session` holds its own

        def get_cb(ssl: Any, data: int, length: int, copy: Any) -> Any:
            conn = connection_for(ssl)
            try:
                sid = ctypes.string_at(data, length)
                found = get_session(conn, sid) if get_session is not None and conn else None
                if found is None:
                    return None
                if not isinstance(found, Session):
                    raise TypeError("get_session must return a tls12.Session or None")
                # Hand the library a reference of its own (so the Python object may go).
                lib.tls12_SSL_SESSION_up_ref(found._ptr)
                copy[0] = 0
                return ctypes.cast(found._ptr, ctypes.c_void_p).value
            except BaseException as exc:  # noqa: BLE001
                me._record(ssl, exc)
                return None

        def remove_cb(ctx: Any, sess: Any) -> None:
            try:
                if remove_session is not None:
                    remove_session(Session.borrowed(sess))
            except BaseException as exc:  # noqa: BLE001
                import sys
                import types

                sys.unraisablehook(
                    types.SimpleNamespace(
                        exc_type=type(exc),
                        exc_value=exc,
                        exc_traceback=exc.__traceback__,
                        err_msg="Exception in the tls12 remove_session callback",
                        object=remove_session,
                    )
                )

        new_t = _lib.new_session_cb_t(new_cb) if new_session else None
        get_t = _lib.get_session_raw_cb_t(get_cb) if get_session else None
        rem_t = _lib.remove_session_cb_t(remove_cb) if remove_session else None
        self._callbacks["sess_new"] = new_t
        self._callbacks["sess_get"] = get_t
        self._callbacks["sess_remove"] = rem_t
        lib.tls12_SSL_CTX_sess_set_new_cb(
            self._ctx, new_t if new_t else _lib.new_session_cb_t()
        )
        lib.tls12_SSL_CTX_sess_set_get_cb(
            self._ctx,
            ctypes.cast(get_t, _lib.get_session_cb_t) if get_t else _lib.get_session_cb_t(),
        )
        lib.tls12_SSL_CTX_sess_set_remove_cb(
            self._ctx, rem_t if rem_t else _lib.remove_session_cb_t()
        )

    # ------------------------------------------------------------ key log
    @property
    def keylog_filename(self) -> Optional[str]:
        """A file that gets the connections' secrets in NSS key log format (for
        Wireshark), like :attr:`ssl.SSLContext.keylog_filename`; None turns it off."""
        return self._keylog_file

    @keylog_filename.setter
    def keylog_filename(self, path: Optional[StrPath]) -> None:
        if path is None:
            self._keylog_file = None
            self._callbacks.pop("keylog", None)
            lib.tls12_SSL_CTX_set_keylog_callback(self._ctx, _lib.keylog_cb_t())
            return
        name = os.fsdecode(path)
        open(name, "a").close()  # fail now, not in the callback
        self._keylog_file = name
        lock = self._keylog_lock

        def keylog(ssl: Any, line: bytes) -> None:
            try:
                with lock, open(name, "ab") as f:
                    f.write(line + b"\n")
            except OSError:
                pass

        cb = _lib.keylog_cb_t(keylog)
        self._callbacks["keylog"] = cb
        lib.tls12_SSL_CTX_set_keylog_callback(self._ctx, cb)

    # ------------------------------------------------------------ helpers
    def _record(self, ssl: Any, exc: BaseException) -> None:
        conn = connection_for(ssl)
        if conn is not None:
            conn._note_callback_error(exc)

    # ------------------------------------------------------------ connections
    def wrap_socket(
        self,
        sock: _socket.socket,
        server_side: Optional[bool] = None,
        do_handshake_on_connect: bool = True,
        suppress_ragged_eofs: bool = True,
        server_hostname: Optional[str] = None,
        session: Optional[Session] = None,
    ) -> "SSLSocket":
        """A TLS connection over the connected socket ``sock`` (see
        :class:`~tls12.SSLSocket`). ``server_side`` defaults to the context's side."""
        from .connection import SSLSocket

        return SSLSocket(
            self,
            sock,
            server_side=self._server if server_side is None else server_side,
            do_handshake_on_connect=do_handshake_on_connect,
            suppress_ragged_eofs=suppress_ragged_eofs,
            server_hostname=server_hostname,
            session=session,
        )

    def wrap_bio(
        self,
        incoming: "MemoryBIO",
        outgoing: "MemoryBIO",
        server_side: Optional[bool] = None,
        server_hostname: Optional[str] = None,
        session: Optional[Session] = None,
    ) -> "SSLObject":
        """A sans-IO TLS connection reading from ``incoming`` and writing to
        ``outgoing`` (see :class:`~tls12.SSLObject`)."""
        from .sslobject import SSLObject

        return SSLObject(
            self,
            incoming,
            outgoing,
            server_side=self._server if server_side is None else server_side,
            server_hostname=server_hostname,
            session=session,
        )


def _refuse_inherited(cls: type) -> None:
    """Replaces every attribute that ``cls`` would inherit from :class:`ssl.SSLContext`
    (and so run on OpenSSL) by one that raises AttributeError: TLS 1.3 tickets, NPN,
    OpenSSL's message callback, the Windows stores and ssl's private wrap functions."""

    def refused(name: str) -> property:
        def fail(self: Any, *value: Any) -> Any:
            raise AttributeError(
                f"tls12.Context has no {name!r}: ssl.SSLContext's would act on OpenSSL, "
                "not on libtls12")

        return property(fail, fail, doc=f"Refused: ssl.SSLContext.{name} is OpenSSL's.")

    own = set(vars(cls))
    for name in dir(_ssl.SSLContext):
        if not name.startswith("__") and name not in own:
            setattr(cls, name, refused(name))


_refuse_inherited(Context)


class Purpose(enum.Enum):
    """What a default context is for, as in :class:`ssl.Purpose`."""

    SERVER_AUTH = "serverAuth"  # a client authenticating servers
    CLIENT_AUTH = "clientAuth"  # a server authenticating clients


def create_default_context(
    purpose: Purpose = Purpose.SERVER_AUTH,
    *,
    cafile: Optional[StrPath] = None,
    capath: Optional[StrPath] = None,
    cadata: Union[str, bytes, None] = None,
) -> Context:
    """A Context with secure defaults, like :func:`ssl.create_default_context`: for
    SERVER_AUTH a client that verifies the server and its host name (with the given
    CAs, or the system's); for CLIENT_AUTH a server."""
    if purpose == Purpose.SERVER_AUTH:
        ctx = Context(PROTOCOL_TLS_CLIENT)
    else:
        ctx = Context(PROTOCOL_TLS_SERVER)
    if cafile or capath or cadata:
        ctx.load_verify_locations(cafile, capath, cadata)
    elif ctx.verify_mode != CERT_NONE:
        try:
            ctx.set_default_verify_paths()
        except SSLError:
            pass
    return ctx

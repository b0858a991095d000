"""Loading libtls12 with ctypes and declaring the C prototypes the package uses.

The library is looked up in this order:

1. the copy bundled in the package (``tls12/libtls12.so``), which ``pip install`` and
   ``pip wheel`` put there (the build backend in ``setup.py`` runs cargo);
2. the path in the ``TLS12_LIBRARY`` environment variable;
3. the build tree (``target/release/libtls12.so`` at the root of the repository this
   package sits in, i.e. ``../../target/release`` relative to ``bindings/python``), for
   an editable install in a checkout;
4. the system loader (``ctypes.util.find_library("tls12")``).

Every exported symbol of libtls12 carries the ``tls12_`` prefix, so the library lives
side by side with the OpenSSL that Python's own :mod:`ssl` module loads. It is loaded
with a plain :class:`ctypes.CDLL` (local symbol scope); nothing here relies on global
symbol resolution.

Every function used by the package is declared below with explicit ``argtypes`` and
``restype``; the rest of the package calls them as ``lib.tls12_...``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import (
    CFUNCTYPE,
    POINTER,
    c_char_p,
    c_int,
    c_long,
    c_size_t,
    c_ubyte,
    c_uint,
    c_uint16,
    c_uint32,
    c_uint64,
    c_ulong,
    c_void_p,
)
from pathlib import Path
from typing import Any, Optional

__all__ = ["lib", "library_path", "LibraryNotFoundError"]


class LibraryNotFoundError(ImportError):
    """libtls12.so could not be found or loaded."""


# Opaque C types: distinct pointer types so that passing an SSL where an SSL_CTX is
# expected fails in ctypes instead of in the library.
class _Opaque(ctypes.Structure):
    """Base of the opaque C types: never built from Python, only pointed at."""


class SSL_CTX(_Opaque):
    """struct SSL_CTX (opaque)."""


class SSL(_Opaque):
    """struct SSL (opaque)."""


class SSL_METHOD(_Opaque):
    """struct SSL_METHOD (opaque)."""


class SSL_SESSION(_Opaque):
    """struct SSL_SESSION (opaque)."""


class SSL_CIPHER(_Opaque):
    """struct SSL_CIPHER (opaque)."""


class BIO(_Opaque):
    """struct BIO (opaque)."""


class BIO_METHOD(_Opaque):
    """struct BIO_METHOD (opaque)."""


class X509(_Opaque):
    """struct X509 (opaque)."""


class X509_NAME(_Opaque):
    """struct X509_NAME (opaque)."""


class ASN1_TIME(_Opaque):
    """struct ASN1_TIME (opaque)."""


class ASN1_INTEGER(_Opaque):
    """struct ASN1_INTEGER (opaque)."""


SSL_CTX_p = POINTER(SSL_CTX)
SSL_p = POINTER(SSL)
SSL_METHOD_p = POINTER(SSL_METHOD)
SSL_SESSION_p = POINTER(SSL_SESSION)
SSL_CIPHER_p = POINTER(SSL_CIPHER)
BIO_p = POINTER(BIO)
BIO_METHOD_p = POINTER(BIO_METHOD)
X509_p = POINTER(X509)
X509_NAME_p = POINTER(X509_NAME)
ASN1_TIME_p = POINTER(ASN1_TIME)
ASN1_INTEGER_p = POINTER(ASN1_INTEGER)
ubyte_p = POINTER(c_ubyte)

# Callback types (tls12.h typedefs). Buffers the callbacks fill are declared c_void_p
# so that the Python side gets a plain address to write at with ctypes.memmove.
servername_cb_t = CFUNCTYPE(c_int, SSL_p, POINTER(c_int), c_void_p)
alpn_select_cb_t = CFUNCTYPE(
    c_int, SSL_p, POINTER(c_void_p), POINTER(c_ubyte), c_void_p, c_uint, c_void_p
)
psk_client_cb_t = CFUNCTYPE(c_uint, SSL_p, c_char_p, c_void_p, c_uint, c_void_p, c_uint)
psk_server_cb_t = CFUNCTYPE(c_uint, SSL_p, c_char_p, c_void_p, c_uint)
new_session_cb_t = CFUNCTYPE(c_int, SSL_p, SSL_SESSION_p)
get_session_cb_t = CFUNCTYPE(SSL_SESSION_p, SSL_p, c_void_p, c_int, POINTER(c_int))
# The same signature with a c_void_p result, which Python callbacks can return (ctypes
# callbacks cannot return a structure pointer type); cast to get_session_cb_t to install.
get_session_raw_cb_t = CFUNCTYPE(c_void_p, SSL_p, c_void_p, c_int, POINTER(c_int))
remove_session_cb_t = CFUNCTYPE(None, SSL_CTX_p, SSL_SESSION_p)
keylog_cb_t = CFUNCTYPE(None, SSL_p, c_char_p)
pem_password_cb_t = CFUNCTYPE(c_int, c_void_p, c_int, c_int, c_void_p)


#: The file name of the library bundled inside the package by the build backend.
BUNDLED_NAME = "libtls12.so"


def address(ptr: Any) -> int:
    """The address a ctypes pointer holds (0 for NULL)."""
    return ctypes.cast(ptr, c_void_p).value or 0


def _candidates() -> list[str]:
    found: list[str] = []
    here = Path(__file__).resolve().parent
    bundled = here / BUNDLED_NAME
    if bundled.exists():
        found.append(str(bundled))
    env = os.environ.get("TLS12_LIBRARY")
    if env:
        found.append(env)
    # bindings/python/tls12/_lib.py -> repository root is three levels up.
    for root in (here.parent.parent.parent, here.parent.parent):
        build = root / "target" / "release" / "libtls12.so"
        if build.exists():
            found.append(str(build))
    system = ctypes.util.find_library("tls12")
    if system:
        found.append(system)
    return found


def _load() -> tuple[ctypes.CDLL, str]:
    errors: list[str] = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path, use_errno=True), path
        except OSError as exc:
            errors.append(f"{path}: {exc}")
            # An explicit TLS12_LIBRARY that does not load is an error, not a hint.
            if path == os.environ.get("TLS12_LIBRARY"):
                break
    detail = "; ".join(errors) if errors else "no candidate found"
    raise LibraryNotFoundError(
        "libtls12.so not found (set TLS12_LIBRARY, build it with `make lib`, or "
        f"install it): {detail}"
    )


lib, library_path = _load()

# name -> (restype, argtypes)
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # version and methods
    "OpenSSL_version": (c_char_p, [c_int]),
    "OpenSSL_version_num": (c_ulong, []),
    "TLS_client_method": (SSL_METHOD_p, []),
    "TLS_server_method": (SSL_METHOD_p, []),
    # error queue
    "ERR_get_error": (c_ulong, []),
    "ERR_get_error_all": (
        c_ulong,
        [POINTER(c_char_p), POINTER(c_int), POINTER(c_char_p), POINTER(c_char_p), POINTER(c_int)],
    ),
    "ERR_peek_error": (c_ulong, []),
    "ERR_clear_error": (None, []),
    "ERR_error_string_n": (None, [c_ulong, c_char_p, c_size_t]),
    "ERR_reason_error_string": (c_char_p, [c_ulong]),
    "ERR_lib_error_string": (c_char_p, [c_ulong]),
    "X509_verify_cert_error_string": (c_char_p, [c_long]),
    # SSL_CTX
    "SSL_CTX_new": (SSL_CTX_p, [SSL_METHOD_p]),
    "SSL_CTX_free": (None, [SSL_CTX_p]),
    "SSL_CTX_use_certificate_chain_file": (c_int, [SSL_CTX_p, c_char_p]),
    "SSL_CTX_use_PrivateKey_file": (c_int, [SSL_CTX_p, c_char_p, c_int]),
    "SSL_CTX_set_default_passwd_cb": (None, [SSL_CTX_p, pem_password_cb_t]),
    "SSL_CTX_check_private_key": (c_int, [SSL_CTX_p]),
    "SSL_CTX_load_verify_locations": (c_int, [SSL_CTX_p, c_char_p, c_char_p]),
    "SSL_CTX_set_default_verify_paths": (c_int, [SSL_CTX_p]),
    "SSL_CTX_set_cipher_list": (c_int, [SSL_CTX_p, c_char_p]),
    "SSL_CTX_set_verify": (None, [SSL_CTX_p, c_int, c_void_p]),
    "SSL_CTX_set_verify_depth": (None, [SSL_CTX_p, c_int]),
    "SSL_CTX_set_alpn_protos": (c_int, [SSL_CTX_p, c_char_p, c_uint]),
    "SSL_CTX_set_alpn_select_cb": (None, [SSL_CTX_p, alpn_select_cb_t, c_void_p]),
    "SSL_CTX_set_tlsext_servername_callback": (c_long, [SSL_CTX_p, servername_cb_t]),
    "SSL_CTX_set_tlsext_servername_arg": (c_long, [SSL_CTX_p, c_void_p]),
    "SSL_CTX_set_options": (c_uint64, [SSL_CTX_p, c_uint64]),
    "SSL_CTX_clear_options": (c_uint64, [SSL_CTX_p, c_uint64]),
    "SSL_CTX_get_options": (c_uint64, [SSL_CTX_p]),
    "SSL_CTX_set_session_cache_mode": (c_long, [SSL_CTX_p, c_long]),
    "SSL_CTX_get_session_cache_mode": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_set_cache_size": (c_long, [SSL_CTX_p, c_long]),
    "SSL_CTX_sess_get_cache_size": (c_long, [SSL_CTX_p]),
    "SSL_CTX_set_timeout": (c_long, [SSL_CTX_p, c_long]),
    "SSL_CTX_get_timeout": (c_long, [SSL_CTX_p]),
    "SSL_CTX_set_session_id_context": (c_int, [SSL_CTX_p, c_char_p, c_uint]),
    "SSL_CTX_set_tlsext_ticket_keys": (c_long, [SSL_CTX_p, c_char_p, c_long]),
    "SSL_CTX_load_ticket_key_file": (c_int, [SSL_CTX_p, c_char_p]),
    "SSL_CTX_flush_sessions": (None, [SSL_CTX_p, c_long]),
    "SSL_CTX_sess_set_new_cb": (None, [SSL_CTX_p, new_session_cb_t]),
    "SSL_CTX_sess_set_get_cb": (None, [SSL_CTX_p, get_session_cb_t]),
    "SSL_CTX_sess_set_remove_cb": (None, [SSL_CTX_p, remove_session_cb_t]),
    "SSL_CTX_set_keylog_callback": (None, [SSL_CTX_p, keylog_cb_t]),
    "SSL_CTX_sess_number": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_connect": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_connect_good": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_accept": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_accept_good": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_hits": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_misses": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_timeouts": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_cache_full": (c_long, [SSL_CTX_p]),
    "SSL_CTX_sess_cb_hits": (c_long, [SSL_CTX_p]),
    # SSL
    "SSL_new": (SSL_p, [SSL_CTX_p]),
    "SSL_free": (None, [SSL_p]),
    "SSL_set_fd": (c_int, [SSL_p, c_int]),
    "SSL_set_bio": (None, [SSL_p, BIO_p, BIO_p]),
    "SSL_set_connect_state": (None, [SSL_p]),
    "SSL_set_accept_state": (None, [SSL_p]),
    "SSL_do_handshake": (c_int, [SSL_p]),
    "SSL_read": (c_int, [SSL_p, c_void_p, c_int]),
    "SSL_write": (c_int, [SSL_p, c_void_p, c_int]),
    "SSL_shutdown": (c_int, [SSL_p]),
    "SSL_get_error": (c_int, [SSL_p, c_int]),
    "SSL_pending": (c_int, [SSL_p]),
    "SSL_is_init_finished": (c_int, [SSL_p]),
    "SSL_get_shutdown": (c_int, [SSL_p]),
    "SSL_set_tlsext_host_name": (c_int, [SSL_p, c_char_p]),
    "SSL_set1_host": (c_int, [SSL_p, c_char_p]),
    "SSL_get_servername": (c_char_p, [SSL_p, c_int]),
    "SSL_set_SSL_CTX": (SSL_CTX_p, [SSL_p, SSL_CTX_p]),
    "SSL_get_version": (c_char_p, [SSL_p]),
    "SSL_get_current_cipher": (SSL_CIPHER_p, [SSL_p]),
    "SSL_CIPHER_get_name": (c_char_p, [SSL_CIPHER_p]),
    "SSL_CIPHER_get_bits": (c_int, [SSL_CIPHER_p, POINTER(c_int)]),
    "SSL_CIPHER_get_version": (c_char_p, [SSL_CIPHER_p]),
    "SSL_CIPHER_standard_name": (c_char_p, [SSL_CIPHER_p]),
    "SSL_CIPHER_get_protocol_id": (c_uint16, [SSL_CIPHER_p]),
    "SSL_CIPHER_get_id": (c_uint32, [SSL_CIPHER_p]),
    "SSL_get_cipher_list": (c_char_p, [SSL_p, c_int]),
    "SSL_get0_alpn_selected": (None, [SSL_p, POINTER(ubyte_p), POINTER(c_uint)]),
    "SSL_get_verify_result": (c_long, [SSL_p]),
    "SSL_get1_peer_certificate": (X509_p, [SSL_p]),
    "SSL_get1_session": (SSL_SESSION_p, [SSL_p]),
    "SSL_set_session": (c_int, [SSL_p, SSL_SESSION_p]),
    "SSL_session_reused": (c_int, [SSL_p]),
    "SSL_get_psk_identity": (c_char_p, [SSL_p]),
    # sessions
    "SSL_SESSION_free": (None, [SSL_SESSION_p]),
    "SSL_SESSION_up_ref": (c_int, [SSL_SESSION_p]),
    "SSL_SESSION_get_id": (ubyte_p, [SSL_SESSION_p, POINTER(c_uint)]),
    "SSL_SESSION_get_time": (c_long, [SSL_SESSION_p]),
    "SSL_SESSION_get_timeout": (c_long, [SSL_SESSION_p]),
    "SSL_SESSION_has_ticket": (c_int, [SSL_SESSION_p]),
    "SSL_SESSION_get_ticket_lifetime_hint": (c_ulong, [SSL_SESSION_p]),
    "SSL_SESSION_is_resumable": (c_int, [SSL_SESSION_p]),
    "i2d_SSL_SESSION": (c_int, [SSL_SESSION_p, POINTER(ubyte_p)]),
    "d2i_SSL_SESSION": (SSL_SESSION_p, [c_void_p, POINTER(ubyte_p), c_long]),
    # certificates
    "X509_free": (None, [X509_p]),
    "i2d_X509": (c_int, [X509_p, POINTER(ubyte_p)]),
    "X509_get_subject_name": (X509_NAME_p, [X509_p]),
    "X509_get_issuer_name": (X509_NAME_p, [X509_p]),
    "X509_NAME_oneline": (c_char_p, [X509_NAME_p, c_char_p, c_int]),
    "X509_get0_notBefore": (ASN1_TIME_p, [X509_p]),
    "X509_get0_notAfter": (ASN1_TIME_p, [X509_p]),
    "X509_get0_serialNumber": (ASN1_INTEGER_p, [X509_p]),
    "ASN1_TIME_print": (c_int, [BIO_p, ASN1_TIME_p]),
    "i2a_ASN1_INTEGER": (c_int, [BIO_p, ASN1_INTEGER_p]),
    # memory BIOs
    "BIO_s_mem": (BIO_METHOD_p, []),
    "BIO_new": (BIO_p, [BIO_METHOD_p]),
    "BIO_free": (c_int, [BIO_p]),
    "BIO_up_ref": (c_int, [BIO_p]),
    "BIO_read": (c_int, [BIO_p, c_void_p, c_int]),
    "BIO_write": (c_int, [BIO_p, c_void_p, c_int]),
    "BIO_ctrl": (c_long, [BIO_p, c_int, c_long, c_void_p]),
    "BIO_ctrl_pending": (c_size_t, [BIO_p]),
    # certificate contents, as ssl's getpeercert reports them
    "X509_get_version": (c_long, [X509_p]),
    "X509_get0_general_name": (c_int, [X509_p, c_int, c_int, POINTER(ubyte_p), POINTER(c_int)]),
    "X509_NAME_entry_count": (c_int, [X509_NAME_p]),
    "X509_NAME_get_entry": (c_void_p, [X509_NAME_p, c_int]),
    "X509_NAME_ENTRY_get_object": (c_void_p, [c_void_p]),
    "X509_NAME_ENTRY_get_data": (c_void_p, [c_void_p]),
    "X509_NAME_ENTRY_set": (c_int, [c_void_p]),
    "OBJ_obj2txt": (c_int, [c_char_p, c_int, c_void_p, c_int]),
    "ASN1_STRING_to_UTF8": (c_int, [POINTER(ubyte_p), c_void_p]),
    "CRYPTO_free": (None, [c_void_p, c_char_p, c_int]),
    "d2i_X509_NAME": (X509_NAME_p, [c_void_p, POINTER(ubyte_p), c_long]),
    "X509_NAME_free": (None, [X509_NAME_p]),
    "d2i_X509": (X509_p, [c_void_p, POINTER(ubyte_p), c_long]),
    # protocol versions and security level
    "SSL_CTX_set_min_proto_version": (c_int, [SSL_CTX_p, c_int]),
    "SSL_CTX_set_max_proto_version": (c_int, [SSL_CTX_p, c_int]),
    "SSL_CTX_get_security_level": (c_int, [SSL_CTX_p]),
    # the trust store's certificates
    "SSL_CTX_get_cert_store": (c_void_p, [SSL_CTX_p]),
    "X509_STORE_get1_all_certs": (c_void_p, [c_void_p]),
    "OPENSSL_sk_num": (c_int, [c_void_p]),
    "OPENSSL_sk_value": (X509_p, [c_void_p, c_int]),
    "OPENSSL_sk_free": (None, [c_void_p]),
    "X509_check_ca": (c_int, [X509_p]),
    # verification flags and key exchange groups
    "SSL_CTX_get0_param": (c_void_p, [SSL_CTX_p]),
    "X509_VERIFY_PARAM_set_flags": (c_int, [c_void_p, c_ulong]),
    "X509_VERIFY_PARAM_clear_flags": (c_int, [c_void_p, c_ulong]),
    "X509_VERIFY_PARAM_get_flags": (c_ulong, [c_void_p]),
    "X509_VERIFY_PARAM_set_hostflags": (None, [c_void_p, c_uint]),
    "X509_VERIFY_PARAM_get_hostflags": (c_uint, [c_void_p]),
    "SSL_CTX_set1_groups_list": (c_int, [SSL_CTX_p, c_char_p]),
    # DH parameters
    "PEM_read_bio_DHparams": (c_void_p, [BIO_p, c_void_p, c_void_p, c_void_p]),
    "SSL_CTX_set_tmp_dh": (c_long, [SSL_CTX_p, c_void_p]),
    "DH_free": (None, [c_void_p]),
}

# Functions that another part of the project may not have landed yet: the package
# works without them and says so when they are used.
_OPTIONAL: dict[str, tuple[object, list[object]]] = {
    "SSL_CTX_set_psk_client_callback": (None, [SSL_CTX_p, psk_client_cb_t]),
    "SSL_CTX_set_psk_server_callback": (None, [SSL_CTX_p, psk_server_cb_t]),
    "SSL_CTX_use_psk_identity_hint": (c_int, [SSL_CTX_p, c_char_p]),
}


def _declare(name: str, restype: object, argtypes: list[object]) -> None:
    fn = getattr(lib, "tls12_" + name)
    fn.restype = restype
    fn.argtypes = argtypes


for _name, (_res, _args) in _PROTOTYPES.items():
    _declare(_name, _res, _args)

#: Names (without the prefix) of the optional functions this library build exports.
available_optional: set[str] = set()
for _name, (_res, _args) in _OPTIONAL.items():
    try:
        _declare(_name, _res, _args)
    except AttributeError:
        continue
    available_optional.add(_name)


def has(name: str) -> bool:
    """Whether the loaded library exports ``tls12_<name>``."""
    return hasattr(lib, "tls12_" + name)


def version_text() -> str:
    """The library's own version text, for example ``"libtls12 0.1.0"``."""
    raw: Optional[bytes] = lib.tls12_OpenSSL_version(0)
    return raw.decode() if raw else "libtls12"

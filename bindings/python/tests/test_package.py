"""The package itself: `python -m tls12`, library lookup, symbol coexistence."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys

import tls12
from tls12 import _lib


def test_python_m_tls12_prints_version_and_suites():
    out = subprocess.run([sys.executable, "-m", "tls12"], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    assert out.startswith("libtls12 ")
    assert tls12.LIBRARY_VERSION in out
    assert "ECDHE-RSA-AES128-GCM-SHA256" in out
    assert "ECDHE-ECDSA-CHACHA20-POLY1305" in out


def test_tls12_library_env_is_used_first():
    assert os.path.realpath(tls12.LIBRARY_PATH) == os.path.realpath(
        os.environ.get("TLS12_LIBRARY", tls12.LIBRARY_PATH))


def test_bad_tls12_library_is_an_import_error():
    env = dict(os.environ, TLS12_LIBRARY="/nonexistent/libtls12.so")
    proc = subprocess.run([sys.executable, "-c", "import tls12"], capture_output=True,
                          text=True, env=env, timeout=30)
    assert proc.returncode != 0
    assert "LibraryNotFoundError" in proc.stderr and "TLS12_LIBRARY" in proc.stderr


def test_coexists_with_openssl():
    # Python's ssl (OpenSSL) is loaded in this process too; ours are tls12_-prefixed.
    assert ssl.OPENSSL_VERSION.startswith("OpenSSL")
    assert not hasattr(_lib.lib, "SSL_CTX_new")
    assert hasattr(_lib.lib, "tls12_SSL_CTX_new")


def test_error_hierarchy_like_ssl():
    for cls in (tls12.SSLWantReadError, tls12.SSLWantWriteError, tls12.SSLZeroReturnError,
                tls12.SSLEOFError, tls12.SSLSyscallError, tls12.SSLCertVerificationError):
        assert issubclass(cls, tls12.SSLError)
        assert issubclass(cls, getattr(ssl, cls.__name__))  # caught by except ssl.<name>
    assert issubclass(tls12.SSLError, ssl.SSLError)
    assert issubclass(tls12.SSLCertVerificationError, ValueError)


def test_ciphers_listing():
    names = [c["name"] for c in tls12.Context().get_ciphers()]
    assert "ECDHE-RSA-AES256-GCM-SHA384" in names

"""The package as a user installs it: `pip install ./bindings/python` in a fresh venv and
`pip wheel ./bindings/python` give a tls12 that carries libtls12.so and connects to
Python's ssl with no environment variable."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]

# Run by the fresh venv's python, from /, without TLS12_LIBRARY: a Python ssl server on a
# thread, a tls12 client that verifies it and exchanges a line.
CLIENT = r"""
import socket, ssl, sys, threading, tls12
certs = sys.argv[1]
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(certs + "/rsa-chain.pem", certs + "/rsa.key")
listener = socket.create_server(("127.0.0.1", 0))
def serve():
    conn, _ = listener.accept()
    with sctx.wrap_socket(conn, server_side=True) as tls:
        tls.sendall(tls.recv(100).upper())
threading.Thread(target=serve, daemon=True).start()
ctx = tls12.create_default_context(cafile=certs + "/ca.pem")
with socket.create_connection(listener.getsockname(), timeout=10) as raw:
    with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        tls.sendall(b"hello")
        print(tls12.LIBRARY_PATH, tls.version(), tls.recv(100).decode())
"""


def fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(path)
    return path / "bin" / "python"


def run(args: list[str], **kw) -> str:
    env = {k: v for k, v in os.environ.items() if k != "TLS12_LIBRARY"}
    proc = subprocess.run(args, cwd="/", env=env, capture_output=True, text=True,
                          timeout=600, **kw)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    python = fresh_venv(tmp_path_factory.mktemp("venv") / "v")
    run([str(python), "-m", "pip", "install", "--quiet", str(PACKAGE)])
    return python


def test_pip_install_connects_without_environment(installed, certs):
    path, version, echoed = run([str(installed), "-c", CLIENT, str(certs)]).split()
    site = run([str(installed), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    assert path == os.path.join(site.strip(), "tls12", "libtls12.so")  # the bundled copy
    assert (version, echoed) == ("TLSv1.2", "HELLO")


def test_installed_metadata(installed):
    out = run([str(installed), "-c",
               "import importlib.metadata as m, tls12; d = m.metadata('tls12'); "
               "print(d['Name'], d['Version'], tls12.__version__, tls12.LIBRARY_VERSION)"])
    name, version, module_version, _, library_version = out.split()
    assert name == "tls12" and version == module_version == library_version


def test_bundled_copy_comes_before_tls12_library(installed):
    env = dict(os.environ, TLS12_LIBRARY="/nonexistent/libtls12.so")
    out = subprocess.run([str(installed), "-c", "import tls12; print(tls12.LIBRARY_PATH)"],
                         cwd="/", env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(os.path.join("site-packages", "tls12", "libtls12.so"))


def test_wheel_carries_the_library(tmp_path):
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(PACKAGE)])
    (wheel,) = tmp_path.glob("tls12-*.whl")
    assert not wheel.name.endswith("-none-any.whl")  # a native library: a platform wheel
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "tls12/libtls12.so" in names and "tls12/__init__.py" in names
        assert zf.read("tls12/libtls12.so")[:4] == b"\x7fELF"

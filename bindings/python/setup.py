"""Build steps beyond pyproject.toml: the wheel carries libtls12.so.

``pip install ./bindings/python`` and ``pip wheel ./bindings/python`` run ``build_py``
below, which builds the library with ``cargo build --release`` in the repository the
package sits in (cargo is incremental: an up-to-date target/release costs a second)
and copies ``target/release/libtls12.so`` into the package as ``tls12/libtls12.so``
(without debug info, when ``strip`` is there), the copy the package loads first. Outside a checkout (no ../../Cargo.toml), the
library named by ``TLS12_LIBRARY`` is bundled instead. The wheel is tagged for this
platform since it holds a native library.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUNDLED_NAME = "libtls12.so"


def built_library() -> Path:
    """Builds libtls12 with cargo in the enclosing repository and returns its path."""
    if (REPO / "Cargo.toml").exists():
        cargo = os.environ.get("CARGO", "cargo")
        subprocess.run([cargo, "build", "--release", "--lib"], cwd=REPO, check=True)
        return REPO / "target" / "release" / BUNDLED_NAME
    env = os.environ.get("TLS12_LIBRARY")
    if env:
        return Path(env)
    raise SystemExit(
        "tls12: not inside the libtls12 repository and TLS12_LIBRARY is not set: "
        "nothing to bundle (build from a checkout, or point TLS12_LIBRARY at libtls12.so)"
    )


class BuildWithLibrary(build_py):
    """build_py that also puts libtls12.so into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install in a checkout loads target/release's library
        target = Path(self.build_lib) / "tls12" / BUNDLED_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built_library(), target)
        strip = shutil.which("strip")
        if strip:  # the release profile keeps debug info; the package needs none
            subprocess.run([strip, "--strip-debug", str(target)], check=True)


class NativeDistribution(Distribution):
    """A distribution with native code, so that the wheel gets a platform tag."""

    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildWithLibrary}, distclass=NativeDistribution)

#!/usr/bin/env bash
# Tests the Python binding (bindings/python) against Python's own ssl module.
#
#   bindings/python/run-tests.sh [pytest arguments]
#
# Creates the virtual environment .venv at the repository root when it is missing,
# installs pytest, urllib3, requests, httpx and the package into it, and runs pytest with TLS12_LIBRARY pointing
# at target/release/libtls12.so (build it first: make lib). Exits with pytest's status.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${TLS12_VENV:-$root/.venv}
python=${TLS12_PYTHON:-python3}

if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -m venv "$venv"; then
        echo "run-tests.sh: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
        exit 1
    fi
fi
# pytest, and the third-party HTTP clients the tests hand a tls12 context to.
if ! "$venv/bin/python" -c 'import pytest, urllib3, requests, httpx' 2> /dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check pytest urllib3 requests httpx
fi
# The package itself: installed from the source tree (editable, so edits need no reinstall).
# (Checked from / so that the source directory itself is not on sys.path.)
if ! (cd / && "$venv/bin/python" -c 'import importlib.util as u, sys; s = u.find_spec("tls12"); sys.exit(0 if s and s.origin.startswith(sys.argv[1]) else 1)' "$here") 2> /dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$here"
fi

export TLS12_LIBRARY=${TLS12_LIBRARY:-$root/target/release/libtls12.so}
export TLS12_TEST_CERTS=${TLS12_TEST_CERTS:-$root/target/test-certs}
if [ ! -e "$TLS12_LIBRARY" ]; then
    echo "run-tests.sh: $TLS12_LIBRARY is missing (run make lib)" >&2
    exit 1
fi
cd "$here"
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
status=$?
exit $status

#!/usr/bin/env bash
# Hostile peers: tlslite-ng plays a misbehaving TLS 1.2 client against libtls12's
# `tls12 s_server` and `openssl s_server`, and each case asserts what libtls12 does and
# prints what OpenSSL does (tests/hostile/hostile.py says how to add a case).
#
#   tests/hostile/run.sh [pytest arguments]
#
# Builds nothing: it expects target/release/libtls12.so and build/tls12/tls12 (make
# tool) and the test certificates (make certs; TLS12_TEST_CERTS to use others). Creates
# the virtual environment .venv at the repository root when it is missing and installs
# pytest and tlslite-ng into it. Exits with pytest's status.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${TLS12_VENV:-$root/.venv}
python=${TLS12_PYTHON:-python3}
# The cases use tlslite-ng's record layer directly, which is not a stable interface.
tlslite=tlslite-ng==0.8.2

if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -m venv "$venv"; then
        echo "run.sh: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
        exit 1
    fi
fi
if ! "$venv/bin/python" -c 'import pytest' 2> /dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check pytest
fi
if ! "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("tlslite-ng") != sys.argv[1])' "${tlslite#*==}" 2> /dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$tlslite"
fi

export TLS12_TOOL=${TLS12_TOOL:-$root/build/tls12/tls12}
export TLS12_TEST_CERTS=${TLS12_TEST_CERTS:-$root/target/test-certs}
for needed in "$root/target/release/libtls12.so" "$TLS12_TOOL"; do
    if [ ! -e "$needed" ]; then
        echo "run.sh: $needed is missing (run make tool)" >&2
        exit 1
    fi
done
if [ ! -e "$TLS12_TEST_CERTS/rsa-chain.pem" ]; then
    echo "run.sh: no test certificates in $TLS12_TEST_CERTS (run make certs)" >&2
    exit 1
fi
command -v openssl > /dev/null || { echo "run.sh: the openssl command is missing" >&2; exit 1; }
cd "$here"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"

#!/bin/sh
# Regenerates include/tls12/tls12.h from the Rust sources with cbindgen (the settings
# are in cbindgen.toml). `make header` runs this; tests/header_fresh.rs checks that the
# committed header is current.
set -eu
cd "$(dirname "$0")/.."
TLS12_WRITE_HEADER=1 cargo test --quiet --test header_fresh
echo "wrote include/tls12/tls12.h"

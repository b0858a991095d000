#!/bin/sh
# Fails when libtls12.so exports a symbol without the tls12_ prefix: OpenSSL's own names
# must never be defined by libtls12, or it would capture calls meant for libssl in a
# process that loads both (see docs: the symbol trap). Also checks the soname.
# Usage: scripts/check-exports.sh [path/to/libtls12.so]   (default: target/release)
set -eu
cd "$(dirname "$0")/.."
lib=${1:-target/release/libtls12.so}
if [ ! -f "$lib" ]; then
    echo "check-exports: $lib not found; build it first (cargo build --release)" >&2
    exit 2
fi
symbols=$(nm -D --defined-only "$lib" | awk '{ sub(/@.*/, "", $NF); print $NF }')
allowed='^(tls12_.*|_init|_fini|_edata|_end|__bss_start|rust_eh_personality)$'
bad=$(printf '%s\n' "$symbols" | grep -Ev "$allowed" || true)
if [ -n "$bad" ]; then
    echo "check-exports: $lib exports symbols without the tls12_ prefix:" >&2
    printf '%s\n' "$bad" >&2
    exit 1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" != "libtls12.so.0" ]; then
    echo "check-exports: $lib has soname '$soname', expected libtls12.so.0" >&2
    exit 1
fi
count=$(printf '%s\n' "$symbols" | grep -c '^tls12_' || true)
echo "check-exports: $count exported functions, all tls12_-prefixed; soname $soname"

#!/usr/bin/env bash
# Prints the names of the C test programs of one kind, from the "ctest:" line each test
# has in its opening comment, so that adding a test means adding only its .c file:
#
#   ctests/list.sh compared      built against OpenSSL and libtls12, outputs compared
#   ctests/list.sh tls12-only    built against libtls12 only, asserting for themselves
set -euo pipefail
case ${1:-} in
    compared) marker='compared' ;;
    tls12-only) marker='libtls12 only' ;;
    *) echo "usage: $0 compared|tls12-only" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
grep -l -- "^ \* ctest: $marker" ./*.c | sed 's|^\./||; s|\.c$||' | sort | tr '\n' ' ' | sed 's/ $//'
echo

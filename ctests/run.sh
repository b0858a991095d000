#!/usr/bin/env bash
# Runs the C tests and prints "N passed, M failed".
#
#   ctests/run.sh -c CERTS_DIR -o OPENSSL_BINDIR [-t TLS12_BINDIR] [-v]
#
# OPENSSL_BINDIR and TLS12_BINDIR hold the same programs built against OpenSSL and
# against libtls12 (see the Makefile), plus demo_server. For each compared program:
#   - the OpenSSL build must exit 0 (its own checks hold): that is the reference;
#   - the libtls12 build must exit 0 and print exactly what the reference printed;
#   - with -v, the libtls12 build also runs under valgrind, which must find no error
#     and no definite leak, and must print the same again.
# Programs only for libtls12 (ctests/list.sh tls12-only, and cpp_wrapper: the C++ wrapper's
# test, whose messages differ between the libraries) must exit 0 (and pass valgrind with -v).
# old_peer.sh runs against both builds of demo_server.
# ctests/list.sh names the programs of each kind, from the "ctest:" line of each .c file.
# Without -t only the reference builds run (useful before the library exists).
set -uo pipefail

certs= openssl_dir= tls12_dir= valgrind=0
while getopts "c:o:t:v" opt; do
    case $opt in
        c) certs=$OPTARG ;;
        o) openssl_dir=$OPTARG ;;
        t) tls12_dir=$OPTARG ;;
        v) valgrind=1 ;;
        *) echo "usage: $0 -c CERTS_DIR -o OPENSSL_BINDIR [-t TLS12_BINDIR] [-v]" >&2; exit 2 ;;
    esac
done
if [ -z "$certs" ] || [ -z "$openssl_dir" ]; then
    echo "usage: $0 -c CERTS_DIR -o OPENSSL_BINDIR [-t TLS12_BINDIR] [-v]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
compared=$("$here/list.sh" compared)
tls12_only="$("$here/list.sh" tls12-only) cpp_wrapper"
out=$(mktemp -d "${TMPDIR:-/tmp}/libtls12-ctests.XXXXXX")
trap 'rm -rf "$out"' EXIT

passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
    failed=$((failed + 1))
    failures+=("$1")
    echo "FAIL $1: $2"
    if [ -n "${3:-}" ] && [ -s "$3" ]; then
        sed -n '1,80p' "$3" | sed 's/^/    /'
    fi
}

# run NAME LOGFILE COMMAND...: runs the command with stdout to $out/NAME.out and
# stderr to LOGFILE; returns its status.
run() {
    local name=$1 log=$2
    shift 2
    CERTS_DIR=$certs "$@" > "$out/$name.out" 2> "$log"
}

valgrind_cmd=(valgrind --quiet --error-exitcode=1 --suppressions="$here/valgrind.supp" --leak-check=full
              --errors-for-leak-kinds=definite --show-leak-kinds=definite)

# check_tls12 TEST REFERENCE_OUT: the libtls12 build, natively and under valgrind.
check_tls12() {
    local name=$1 reference=$2
    if [ ! -x "$tls12_dir/$name" ]; then
        fail "$name (libtls12)" "$tls12_dir/$name was not built"
        return
    fi
    local status=0
    run "$name.tls12" "$out/$name.tls12.err" "$tls12_dir/$name" || status=$?
    if [ "$status" -ne 0 ]; then
        cat "$out/$name.tls12.out" >> "$out/$name.tls12.err"
        fail "$name (libtls12)" "exit status $status" "$out/$name.tls12.err"
    elif [ -n "$reference" ] && ! diff -u "$reference" "$out/$name.tls12.out" > "$out/$name.diff"; then
        fail "$name (libtls12)" "output differs from OpenSSL's (- OpenSSL, + libtls12)" \
            "$out/$name.diff"
    else
        pass "$name (libtls12)"
    fi
    if [ "$valgrind" -eq 1 ]; then
        if ! CTEST_TIMEOUT=900 run "$name.vg" "$out/$name.vg.err" "${valgrind_cmd[@]}" \
                "$tls12_dir/$name"; then
            fail "$name (libtls12, valgrind)" "valgrind or the test failed" "$out/$name.vg.err"
        elif ! diff -u "$out/$name.tls12.out" "$out/$name.vg.out" > "$out/$name.vg.diff"; then
            fail "$name (libtls12, valgrind)" "output differs from the run without valgrind" \
                "$out/$name.vg.diff"
        else
            pass "$name (libtls12, valgrind)"
        fi
    fi
}

for name in $compared; do
    reference=
    if run "$name.openssl" "$out/$name.openssl.err" "$openssl_dir/$name"; then
        pass "$name (OpenSSL reference)"
        reference=$out/$name.openssl.out
    else
        cat "$out/$name.openssl.out" >> "$out/$name.openssl.err"
        fail "$name (OpenSSL reference)" "the reference run failed" "$out/$name.openssl.err"
    fi
    if [ -n "$tls12_dir" ]; then
        # Without a reference the libtls12 build still runs, for its own checks.
        check_tls12 "$name" "$reference"
    fi
done

if [ -n "$tls12_dir" ]; then
    for name in $tls12_only; do
        check_tls12 "$name" ""
    done
fi

# The suppressions in valgrind.supp cover AES-GCM records only, but match any write.
# Records protected otherwise must raise nothing at all: the ChaCha20-Poly1305 and CBC
# suites (handshake, data both ways, encrypted close_notify) run under valgrind with no
# suppression, so uninitialised bytes on the wire there (padding, a tag, an alert)
# would fail.
if [ -n "$tls12_dir" ] && [ "$valgrind" -eq 1 ]; then
    for family in chacha cbc; do
        label="suites, $family records (libtls12, valgrind without suppressions)"
        if SUITE_FAMILY=$family CTEST_TIMEOUT=900 run "suites.$family" "$out/suites.$family.err" \
                "${valgrind_cmd[@]/--suppressions=*/--suppressions=/dev/null}" "$tls12_dir/suites"; then
            pass "$label"
        else
            fail "$label" "valgrind or the test failed" "$out/suites.$family.err"
        fi
    done
fi

for dir in "$openssl_dir" ${tls12_dir:+"$tls12_dir"}; do
    label="old_peer (demo_server built against $([ "$dir" = "$openssl_dir" ] && echo OpenSSL || echo libtls12))"
    if "$here/old_peer.sh" "$dir" "$certs" > "$out/old_peer.out" 2>&1; then
        pass "$label"
    else
        fail "$label" "see below" "$out/old_peer.out"
    fi
done

echo
if [ "$failed" -gt 0 ]; then
    echo "failed: ${failures[*]}"
fi
echo "ctests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Benchmark: libtls12 against OpenSSL, with the same C program (bench/bench.c) built
# against each. Builds what it needs (the library, the test PKI, both programs), runs
# them in turn, and prints one table: full and resumed (session ID, ticket) handshakes
# per second, heap per connection, bulk throughput and peak RSS, with the ratio
# libtls12 / OpenSSL. Not a test: it checks nothing about speed, and `make test` does
# not run it.
#
#   bench/run.sh [CASE...]          (from anywhere; CASE as in bench/bench.c, default all)
#
# Rates are per second of CPU time of the process (client and server together), timed
# over a wall-clock budget: on a shared machine that stays comparable between runs.
#
# Environment: BENCH_SECONDS  wall-clock budget of each timed case (default 1.5)
#              BENCH_ROUNDS   runs of each program, alternating (default 3); the table
#                             keeps the best rate and the smallest heap of the runs, which
#                             is what the libraries can do when the machine lets them
#              CARGO          (default cargo)
# Programs: build/bench-tls12, build/bench-openssl. Raw results: build/bench-raw-*.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
seconds=${BENCH_SECONDS:-1.5}
rounds=${BENCH_ROUNDS:-3}
certs=target/test-certs
lib=target/release
out=build
cflags=(-std=gnu11 -Wall -Wextra -Werror -O2)

echo "building the library (cargo build --release)" >&2
"${CARGO:-cargo}" build --release >&2
# Programs record the soname; the Makefile makes the same link.
ln -sf libtls12.so "$lib/libtls12.so.0"
bash tests/gen-certs.sh "$certs" >&2

mkdir -p "$out"
gcc "${cflags[@]}" bench/bench.c -lssl -lcrypto -o "$out/bench-openssl"
gcc "${cflags[@]}" -I include/tls12 bench/bench.c -L"$lib" -ltls12 \
    -Wl,-rpath,"$root/$lib" -o "$out/bench-tls12"

: > "$out/bench-raw-tls12.txt"
: > "$out/bench-raw-openssl.txt"
for round in $(seq 1 "$rounds"); do
    # Alternate which library goes first, so that neither always meets the same load.
    if [ $((round % 2)) -eq 1 ]; then order="tls12 openssl"; else order="openssl tls12"; fi
    for which in $order; do
        echo "round $round/$rounds: $which" >&2
        "$out/bench-$which" "$certs" "$seconds" "$@" >> "$out/bench-raw-$which.txt"
    done
done

# Merges the raw lines of both programs into the table.
awk -v rounds="$rounds" -v seconds="$seconds" '
    # Keeps the best value of a metric (the largest, or the smallest when smaller is 1)
    # and remembers the metric in the order seen within its group of the table.
    function keep(group, key, value, smaller) {
        if (!((lib, key) in best) || (smaller ? value < best[lib, key] : value > best[lib, key]))
            best[lib, key] = value
        if (!(key in seen)) { seen[key] = 1; order[group, ++count[group]] = key }
    }
    function cell(which, key) {
        return ((which, key) in best) ? sprintf("%.1f", best[which, key]) : "n/a"
    }
    FNR == 1 { lib = (FILENAME ~ /tls12/) ? "tls12" : "openssl" }
    $1 == "library" { sub(/^library /, ""); name[lib] = $0 }
    $1 == "handshake" { keep(1, "handshakes/s " $2, $3, 0) }
    $1 == "resumed" { keep(1, "handshakes/s " $2, $3, 0) }
    $1 == "memory" { keep(2, "heap KiB/connection " $2, $3, 1) }
    $1 == "bulk" { keep(3, "bulk MB/s " $2, $3, 0) }
    $1 == "peak_rss" { keep(4, "peak RSS MiB (whole run)", $2, 0) }
    $1 == "skipped" && !((lib, $2) in skip) { skip[lib, $2] = 1; skipped[lib] = skipped[lib] " " $2 }
    END {
        printf "libtls12: %s\nOpenSSL:  %s\n", name["tls12"], name["openssl"]
        printf "TLS 1.2, client and server in one process over a BIO pair; "
        printf "best of %d runs of %s s per case; rates per CPU second\n\n", rounds, seconds
        printf "%-36s %10s %10s %7s\n", "metric", "libtls12", "OpenSSL", "ratio"
        for (group = 1; group <= 4; group++) {
            for (i = 1; i <= count[group]; i++) {
                key = order[group, i]
                t = cell("tls12", key)
                o = cell("openssl", key)
                ratio = (t != "n/a" && o != "n/a" && best["openssl", key] > 0) ? \
                    sprintf("%.2f", best["tls12", key] / best["openssl", key]) : "-"
                printf "%-36s %10s %10s %7s\n", key, t, o, ratio
            }
        }
        print "\nratio = libtls12 / OpenSSL: above 1 means faster (rates) or more memory (heap, RSS)."
        print "heap KiB/connection: heap held by one established connection, client and server side."
        for (which in skipped)
            printf "%s could not run:%s (reasons above)\n", \
                (which == "tls12" ? "libtls12" : "OpenSSL"), skipped[which]
    }
' "$out/bench-raw-tls12.txt" "$out/bench-raw-openssl.txt"

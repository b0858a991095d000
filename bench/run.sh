#!/usr/bin/env bash
# Benchmark: libtls12 against two anchors, OpenSSL and rustls, in one run. OpenSSL and
# libtls12 run the same C program (bench/bench.c) built against each; rustls runs the
# same cases in a small Rust program (bench/rustls, rustls 0.23 with its ring provider)
# over an in-memory pipe, in one thread as bench.c does. Builds what it needs (the
# library, the test PKI, the three programs), runs them in turn, and prints one table:
# full and resumed (session ID, ticket) handshakes per second, server heap per
# connection, bulk send and receive throughput and peak RSS, with the ratios libtls12 /
# OpenSSL and libtls12 / rustls. Not a test: it checks nothing about speed, and
# `make test` does not run it.
#
#   bench/run.sh [CASE...]          (from anywhere; CASE as in bench/bench.c, default all)
#
# Rates are per second of CPU time of the process (client and server together), timed
# over a wall-clock budget: on a shared machine that stays comparable between runs. Heap
# is counted block by block (malloc_usable_size) in all three programs: bench.c replaces
# malloc and its family, the rustls program has a counting global allocator.
#
# Environment: BENCH_SECONDS  wall-clock budget of each timed case (default 1.5)
#              BENCH_ROUNDS   runs of each program, in turn (default 3); the table keeps
#                             the best rate and the smallest heap of the runs, which is
#                             what the libraries can do when the machine lets them
#              CARGO          (default cargo)
# Programs: build/bench-tls12, build/bench-openssl, target/bench-rustls/release/
# bench-rustls (its own Cargo project, built into target/bench-rustls). Raw results:
# build/bench-raw-*.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
seconds=${BENCH_SECONDS:-1.5}
rounds=${BENCH_ROUNDS:-3}
certs=target/test-certs
lib=target/release
out=build
cflags=(-std=gnu11 -Wall -Wextra -Werror -O2)
rustls_target=target/bench-rustls

echo "building the library (cargo build --release)" >&2
"${CARGO:-cargo}" build --release >&2
# Programs record the soname; the Makefile makes the same link.
ln -sf libtls12.so "$lib/libtls12.so.0"
bash tests/gen-certs.sh "$certs" >&2

mkdir -p "$out"
gcc "${cflags[@]}" bench/bench.c -lssl -lcrypto -o "$out/bench-openssl"
gcc "${cflags[@]}" -I include/tls12 bench/bench.c -L"$lib" -ltls12 \
    -Wl,-rpath,"$root/$lib" -o "$out/bench-tls12"
echo "building the rustls program (bench/rustls)" >&2
CARGO_TARGET_DIR="$rustls_target" "${CARGO:-cargo}" build --release --locked \
    --manifest-path bench/rustls/Cargo.toml >&2
ln -sf "$root/$rustls_target/release/bench-rustls" "$out/bench-rustls"

programs=(tls12 openssl rustls)
for which in "${programs[@]}"; do : > "$out/bench-raw-$which.txt"; done
for round in $(seq 1 "$rounds"); do
    # Rotate which program goes first, so that none always meets the same load.
    for i in 0 1 2; do
        which=${programs[$(((round - 1 + i) % 3))]}
        echo "round $round/$rounds: $which" >&2
        "$out/bench-$which" "$certs" "$seconds" "$@" >> "$out/bench-raw-$which.txt"
    done
done

# Merges the raw lines of the three programs into the table.
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
    # libtls12 / the anchor for a metric, or "-" when either is missing.
    function ratio(anchor, key) {
        return (("tls12", key) in best && (anchor, key) in best && best[anchor, key] > 0) ? \
            sprintf("%.2f", best["tls12", key] / best[anchor, key]) : "-"
    }
    FNR == 1 { lib = FILENAME; sub(/.*bench-raw-/, "", lib); sub(/\.txt$/, "", lib) }
    $1 == "library" { sub(/^library /, ""); name[lib] = $0 }
    $1 == "handshake" { keep(1, "handshakes/s " $2, $3, 0) }
    $1 == "resumed" { keep(1, "handshakes/s " $2, $3, 0) }
    $1 == "memory" { keep(2, "server heap KiB/connection " $2, $3, 1) }
    $1 == "bulk" { keep(3, "bulk MB/s " $2 " " $3, $4, 0) }
    $1 == "peak_rss" { keep(4, "peak RSS MiB (whole run)", $2, 0) }
    $1 == "skipped" && !((lib, $2) in skip) { skip[lib, $2] = 1; skipped[lib] = skipped[lib] " " $2 }
    END {
        label["tls12"] = "libtls12"; label["openssl"] = "OpenSSL"; label["rustls"] = "rustls"
        printf "libtls12: %s\nOpenSSL:  %s\nrustls:   %s\n", name["tls12"], name["openssl"], name["rustls"]
        printf "TLS 1.2, client and server in one process and thread over a BIO pair (rustls: "
        printf "an in-memory pipe);\nbest of %d runs of %s s per case; rates per CPU second\n\n", rounds, seconds
        printf "%-42s %9s %9s %9s %8s %8s\n", "metric", "libtls12", "OpenSSL", "rustls", "vs OSSL", "vs rustls"
        for (group = 1; group <= 4; group++) {
            for (i = 1; i <= count[group]; i++) {
                key = order[group, i]
                printf "%-42s %9s %9s %9s %8s %8s\n", key, cell("tls12", key), cell("openssl", key), \
                    cell("rustls", key), ratio("openssl", key), ratio("rustls", key)
            }
        }
        print "\nvs = libtls12 / that library: above 1 means faster (rates) or more memory (heap, RSS)."
        print "server heap: what freeing an established server connection releases (its transport kept)."
        print "bulk send: SSL_write of 16 KiB records; recv: SSL_read of them (rustls: writer / reader)."
        print "rustls n/a: it has no DHE, RSA key exchange or CBC suites."
        for (which in skipped)
            printf "%s could not run:%s (reasons above)\n", label[which], skipped[which]
    }
' "$out/bench-raw-tls12.txt" "$out/bench-raw-openssl.txt" "$out/bench-raw-rustls.txt"

#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/: builds them all once, then for each target runs
# every saved regression input (fuzz/regressions/TARGET/*) once and fuzzes for SECONDS,
# starting from fuzz/seeds/TARGET (bytes captured from real OpenSSL handshakes).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (SECONDS defaults to $FUZZ_SECONDS or 60;
#                                              no TARGET means all of them)
#
# Uses the nightly toolchain when rustup has one, otherwise stable with
# RUSTC_BOOTSTRAP=1 (cargo-fuzz needs unstable compiler flags). Installs cargo-fuzz when
# it is missing. New corpus entries go to fuzz/corpus/TARGET (not kept in git); crashes
# are written to fuzz/artifacts/TARGET/, and inputs worth keeping go to
# fuzz/regressions/TARGET/. Exits non-zero if any target failed.
set -euo pipefail

secs=${1:-${FUZZ_SECONDS:-60}}
if [ $# -gt 0 ]; then shift; fi
case $secs in
    '' | *[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/../fuzz"
here=$PWD

if rustup run nightly rustc --version > /dev/null 2>&1; then
    cargo=(cargo +nightly)
    rustc=(rustup run nightly rustc)
else
    cargo=(cargo)
    rustc=(rustc)
    export RUSTC_BOOTSTRAP=1
fi
if ! "${cargo[@]}" fuzz --version > /dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <("${cargo[@]}" fuzz list)
fi

# One build of every target, then the binaries run directly: `cargo fuzz run` would
# rebuild whenever a source file changed in between.
echo "=== building ${#targets[@]} fuzz target(s)"
"${cargo[@]}" fuzz build
host=$("${rustc[@]}" -vV | sed -n 's/^host: //p')
bin_dir=$here/target/$host/release

failed=()
for target in "${targets[@]}"; do
    bin=$bin_dir/$target
    mkdir -p "corpus/$target" "artifacts/$target"
    # Inputs up to 128 KiB, the largest a handshake message may reach (a Certificate
    # list, a ClientHello), so that cost growing with size shows. An input taking over
    # TLS12_FUZZ_SLOW_MS (100 ms of CPU time, checked by the targets) is a finding;
    # -timeout is the last resort for a hang.
    opts=(-timeout=10 -max_len=131072 -rss_limit_mb=2048 "-artifact_prefix=$here/artifacts/$target/")
    saved=(regressions/"$target"/*)
    if [ -e "${saved[0]}" ]; then
        echo "=== $target: ${#saved[@]} regression input(s)"
        if ! timeout 300 "$bin" "${opts[@]}" "${saved[@]}"; then
            failed+=("$target (regression)")
            continue
        fi
    fi
    echo "=== $target: fuzzing for $secs s"
    dirs=("$here/corpus/$target")
    if [ -d "seeds/$target" ]; then dirs+=("$here/seeds/$target"); fi
    # The outer timeout is a last resort so that nothing here can run away.
    if ! timeout $((secs + 60)) "$bin" "${opts[@]}" -max_total_time="$secs" \
        "-dict=$here/tls.dict" -print_final_stats=1 "${dirs[@]}"; then
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzzing: ${#targets[@]} target(s), no crash"

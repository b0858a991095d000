#!/usr/bin/env bash
# Runs the demo: starts demo_server on a free port of 127.0.0.1, runs demo_client
# against it, and waits for the server; then the same with tls12 s_server / s_client.
#
#   examples/run-demo.sh BINDIR CERTS_DIR     (BINDIR holds demo_server and demo_client)
set -euo pipefail
bindir=$1
certs=$2
log=$(mktemp "${TMPDIR:-/tmp}/libtls12-demo.XXXXXX")
trap 'rm -f "$log"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null; true' EXIT

"$bindir/demo_server" -p 0 -n 1 -d "$certs" > "$log" &
server=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "run-demo: the server did not start" >&2; exit 1; }

echo "--- demo_client (connecting to 127.0.0.1:$port)"
"$bindir/demo_client" -p "$port" -d "$certs"
wait "$server"
server=
echo "--- demo_server"
cat "$log"

# The same, with the command-line tool built on the C API (make tool): an s_server
# answering one HTTP GET with a page describing the connection, fetched by s_client.
tool="$bindir/tls12"
if [ -x "$tool" ]; then
    "$tool" s_server -accept 127.0.0.1:0 -naccept 1 -www -alpn h2,http/1.1 -quiet \
        -cert "$certs/ecdsa-chain.pem" -key "$certs/ecdsa.key" > "$log" 2>&1 &
    server=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$log")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "run-demo: tls12 s_server did not start" >&2; cat "$log" >&2; exit 1; }
    echo
    echo "--- tls12 s_client -connect 127.0.0.1:$port (against tls12 s_server -www)"
    printf 'GET / HTTP/1.0\r\n\r\n' | "$tool" s_client -connect "127.0.0.1:$port" -servername localhost \
        -CAfile "$certs/ca.pem" -verify 1 -alpn h2 -brief
    wait "$server"
    server=
fi

#!/usr/bin/env bash
# Runs the demo: starts demo_server on a free port of 127.0.0.1, runs demo_client
# against it, and waits for the server.
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

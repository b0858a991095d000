#!/usr/bin/env bash
# An older-version-only peer: `openssl s_client -tls1_1` (OpenSSL's own client, which
# cannot share a process with libtls12) against demo_server. The server speaks only
# TLS 1.2, so the handshake must fail with a protocol_version alert, and the server
# must report the failure.
#
#   ctests/old_peer.sh BINDIR CERTS_DIR      (BINDIR holds demo_server)
#
# Prints the facts it checked; exits non-zero when one does not hold.
set -euo pipefail
bindir=$1
certs=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/libtls12-old-peer.XXXXXX")
trap 'rm -rf "$tmp"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null; true' EXIT

"$bindir/demo_server" -p 0 -n 1 -d "$certs" > "$tmp/server.out" 2> "$tmp/server.err" &
server=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/server.out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "old_peer: the server did not start" >&2; exit 1; }

# SECLEVEL=0: OpenSSL 3 refuses to send a TLS 1.1 hello at its default level.
client_status=0
timeout 30 openssl s_client -connect "127.0.0.1:$port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' \
    < /dev/null > "$tmp/client.out" 2> "$tmp/client.err" || client_status=$?
server_status=0
wait "$server" || server_status=$?
server=

failed=0
expect() {
    if eval "$2"; then
        echo "old_peer: $1: yes"
    else
        echo "old_peer: $1: NO"
        failed=1
    fi
}
expect "the TLS 1.1 client fails" '[ "$client_status" -ne 0 ]'
expect "the client received a protocol_version alert" \
    'grep -q "alert protocol version" "$tmp/client.err"'
expect "the server reports a failed handshake" '[ "$server_status" -ne 0 ]'
if [ "$failed" -ne 0 ]; then
    echo "--- client stderr"; cat "$tmp/client.err"
    echo "--- server stderr"; cat "$tmp/server.err"
fi
exit "$failed"

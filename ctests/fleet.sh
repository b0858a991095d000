#!/usr/bin/env bash
# The fleet test (issue 4): two servers built on libtls12 (ctests/fleet_server.c) share
# their sessions through a real Redis server (started and stopped here, on loopback) and
# one ticket key file, which they reload on SIGHUP. `openssl s_client` is the client:
#   1. a full handshake with server A, then a resumption by session ID on server B
#      (B finds the session in Redis through its get-session callback);
#   2. a ticket from A resumes on B while both use the same key;
#   3. after a rotation (a new key first in the file, the old one after it), B still
#      accepts the ticket A issued before, and renews it under the new key;
#   4. after the old key has left the file, that ticket means a full handshake.
# Prints one PASS/FAIL line per check and "N passed, M failed"; exits 0 only when all
# checks passed. Every wait is bounded, and every process started here is stopped on exit.
#
#   ctests/fleet.sh -c CERTS_DIR -s FLEET_SERVER_BINARY
set -uo pipefail

certs= server=
while getopts "c:s:" opt; do
    case $opt in
        c) certs=$OPTARG ;;
        s) server=$OPTARG ;;
        *) echo "usage: $0 -c CERTS_DIR -s FLEET_SERVER_BINARY" >&2; exit 2 ;;
    esac
done
if [ -z "$certs" ] || [ -z "$server" ]; then
    echo "usage: $0 -c CERTS_DIR -s FLEET_SERVER_BINARY" >&2
    exit 2
fi
for tool in redis-server redis-cli openssl python3 timeout; do
    if ! command -v "$tool" > /dev/null; then
        echo "fleet: $tool is missing (make deps installs it)" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/libtls12-fleet.XXXXXX")
pids=()
cleanup() {
    local pid
    trap '' INT TERM HUP # finish cleaning up whatever arrives meanwhile
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null
    done
    for pid in "${pids[@]}"; do
        timeout 5 tail --pid="$pid" -f /dev/null 2> /dev/null || kill -9 "$pid" 2> /dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    if [ -n "${2:-}" ] && [ -s "$2" ]; then
        sed -n '1,60p' "$2" | sed 's/^/    /'
    fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

# A free TCP port on loopback.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for FILE TEXT [COUNT]: waits up to 10 s until FILE has COUNT lines with TEXT.
wait_for() {
    local i
    for i in $(seq 100); do
        [ "$(grep -c -- "$2" "$1" 2> /dev/null)" -ge "${3:-1}" ] && return 0
        sleep 0.1
    done
    return 1
}

# A ticket key line: a 16-byte name made of the byte $1 (so the ticket shows which key
# sealed it) and a random 32-byte secret.
key_line() {
    printf '%s%s\n' "$(printf "$1%.0s" $(seq 16))" "$(openssl rand -hex 32)"
}

# Replaces the key file at once (rename), as a rotation job would.
write_keys() {
    printf '# libtls12 fleet ticket keys: the first seals, all open\n' > "$work/keys.new"
    printf '%s\n' "$@" >> "$work/keys.new"
    mv "$work/keys.new" "$work/keys"
}

# client NAME PORT ARGS...: one s_client connection, output in $work/NAME.out.
client() {
    local out=$work/$1.out port=$2
    shift 2
    timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile "$certs/ca.pem" \
        -verify_return_error "$@" < /dev/null > "$out" 2>&1
}

# The hex dump of the ticket that s_client printed for the session, one line per row.
ticket_dump() {
    sed -n '/TLS session ticket:/,/^ *$/p' "$work/$1.out" | grep -E '^ *[0-9a-f]{4} - '
}

# ------------------------------------------------------------------ start everything

redis_port=$(free_port)
timeout 300 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no --dir "$work" --logfile "$work/redis.log" &
pids+=($!)
redis_up=0
for i in $(seq 100); do
    if [ "$(timeout 2 redis-cli -p "$redis_port" ping 2> /dev/null)" = PONG ]; then
        redis_up=1
        break
    fi
    sleep 0.1
done
if [ $redis_up -eq 1 ]; then pass "redis-server answers on port $redis_port"; else fail "redis-server did not start" "$work/redis.log"; finish; fi

key1=$(key_line 11) key2=$(key_line 22) key3=$(key_line 33)
write_keys "$key1"

# The servers run under timeout(1), which must not be the one signalled: it passes a
# signal on to its child once and ignores that signal from then on. So SIGHUP goes to
# the server itself, whose pid it prints when it is ready.
declare -A port pid
for name in A B; do
    port[$name]=$(free_port)
    timeout 300 "$server" -n "$name" -p "${port[$name]}" -c "$certs/rsa-chain.pem" -k "$certs/rsa.key" \
        -t "$work/keys" -r "$redis_port" > "$work/$name.log" 2>&1 &
    pids+=($!)
    if wait_for "$work/$name.log" "$name listening"; then
        pid[$name]=$(sed -n "s/^$name listening on [0-9]* pid \([0-9]*\)$/\1/p" "$work/$name.log")
        pass "server $name started"
    else
        fail "server $name did not start" "$work/$name.log"
        finish
    fi
done

# ------------------------------------------------- 1. session ID through Redis

client id-a "${port[A]}" -no_ticket -sess_out "$work/id.pem"
if grep -q '^New, TLSv1.2' "$work/id-a.out" && [ -s "$work/id.pem" ]; then
    pass "full handshake with A (session ID, no ticket)"
else
    fail "full handshake with A" "$work/id-a.out"
fi
stored=$(timeout 5 redis-cli -p "$redis_port" --scan --pattern 'tls12:sess:*' | wc -l)
if [ "$stored" -ge 1 ]; then pass "A stored the session in Redis"; else fail "no session in Redis" "$work/A.log"; fi

client id-b "${port[B]}" -no_ticket -sess_in "$work/id.pem"
if grep -q '^Reused, TLSv1.2' "$work/id-b.out" && grep -q 'B conn 1 reused=1 cb_hits=1' "$work/B.log"; then
    pass "B resumed A's session by ID from Redis"
else
    fail "B did not resume A's session by ID" "$work/id-b.out"
    sed 's/^/    B: /' "$work/B.log"
fi

# ----------------------------------------- 2. tickets under one key, shared

client t1 "${port[A]}" -sess_out "$work/ticket.pem"
if grep -q '^New, TLSv1.2' "$work/t1.out" && ticket_dump t1 | head -n 1 | grep -q '0000 - 11 11 11 11 11 11 11 11-11 11'; then
    pass "A issued a ticket under key 1"
else
    fail "A issued no ticket under key 1" "$work/t1.out"
fi
client t2 "${port[B]}" -sess_in "$work/ticket.pem"
if grep -q '^Reused, TLSv1.2' "$work/t2.out" && [ "$(ticket_dump t2)" = "$(ticket_dump t1)" ]; then
    pass "B resumed A's ticket (same key, no renewal)"
else
    fail "B did not resume A's ticket" "$work/t2.out"
fi

# --------------------------------------------- 3. rotation: key 2 first, key 1 kept

write_keys "$key2" "$key1"
kill -HUP "${pid[A]}" "${pid[B]}"
if wait_for "$work/A.log" "reloaded ticket keys" && wait_for "$work/B.log" "reloaded ticket keys"; then
    pass "both servers reloaded the key file"
else
    fail "the servers did not reload the key file" "$work/A.log"
fi
client t3 "${port[B]}" -sess_in "$work/ticket.pem"
if grep -q '^Reused, TLSv1.2' "$work/t3.out"; then
    pass "B accepted the ticket A issued before the rotation"
else
    fail "B refused the ticket A issued before the rotation" "$work/t3.out"
fi
if [ "$(ticket_dump t3)" != "$(ticket_dump t1)" ] && ticket_dump t3 | head -n 1 | grep -q '0000 - 22 22 22 22 22 22 22 22-22 22'; then
    pass "B renewed the ticket under key 2"
else
    fail "B did not renew the ticket under key 2" "$work/t3.out"
fi

# ----------------------------------------- 4. key 1 leaves the file: full handshake

write_keys "$key3" "$key2"
kill -HUP "${pid[A]}" "${pid[B]}"
if wait_for "$work/A.log" "reloaded ticket keys" 2 && wait_for "$work/B.log" "reloaded ticket keys" 2; then
    pass "both servers reloaded the key file again"
else
    fail "the servers did not reload the key file again" "$work/B.log"
fi
client t4 "${port[A]}" -sess_in "$work/ticket.pem"
if grep -q '^New, TLSv1.2' "$work/t4.out"; then
    pass "a ticket under a key no longer in the file means a full handshake"
else
    fail "a ticket under a dropped key was accepted" "$work/t4.out"
fi

finish

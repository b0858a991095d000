#!/usr/bin/env bash
# Tests for the tls12 command-line tool against the openssl command, both ways.
#
#   tools/test.sh [TOOL [CERTS_DIR]]
#
# TOOL is the tls12 binary (default build/tls12/tls12, or $TLS12_TOOL); CERTS_DIR holds
# the test PKI of tests/gen-certs.sh (default target/test-certs, made when missing).
# Every command runs under a timeout; servers are killed on exit, however the script ends.
# The last line is "N passed, M failed"; the exit status is 1 when anything failed.
set -uo pipefail

tool=${1:-${TLS12_TOOL:-}}
certs=${2:-}
[ -n "$tool" ] && tool=$(realpath -m "$tool")
[ -n "$certs" ] && certs=$(realpath -m "$certs")
cd "$(dirname "$0")/.." || exit 2
tool=${tool:-$PWD/build/tls12/tls12}
certs=${certs:-$PWD/target/test-certs}
client_timeout=10      # seconds for one client run
server_lifetime=120    # seconds a server may live at most
ready_timeout=10       # seconds for a server to start listening

if [ ! -x "$tool" ]; then
    echo "tools/test.sh: no tls12 tool at '$tool' (build it first)" >&2
    exit 2
fi
command -v openssl > /dev/null || { echo "tools/test.sh: the openssl command is missing" >&2; exit 2; }
bash tests/gen-certs.sh "$certs" > /dev/null || { echo "tools/test.sh: cannot make certificates" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tls12-tool-test.XXXXXX")
server_pids=()
cleanup() {
    for pid in "${server_pids[@]}"; do
        kill "$pid" 2> /dev/null
    done
    wait 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
server_port=
server_pid=
server_log=

# ---- servers

# start_server NAME COMMAND...: runs a server that prints "ACCEPT host:port" and sets
# server_port, server_pid and server_log. The command should listen on 127.0.0.1:0.
start_server() {
    local name=$1
    shift
    server_log=$work/$name.server.log
    timeout -k 2 "$server_lifetime" "$@" < /dev/null > "$server_log" 2>&1 &
    server_pid=$!
    server_pids+=("$server_pid")
    local waited=0
    server_port=
    while [ -z "$server_port" ]; do
        server_port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$server_log" | head -n 1)
        if [ -z "$server_port" ]; then
            if ! kill -0 "$server_pid" 2> /dev/null || [ "$waited" -ge $((ready_timeout * 10)) ]; then
                echo "server $name did not start:" >&2
                cat "$server_log" >&2
                return 1
            fi
            sleep 0.1
            waited=$((waited + 1))
        fi
    done
}

stop_server() {
    kill "$server_pid" 2> /dev/null
    wait "$server_pid" 2> /dev/null
}

# The openssl server with an RSA and an ECDSA certificate, each with its chain.
start_openssl_server() {
    local name=$1
    shift
    start_server "$name" openssl s_server -accept 127.0.0.1:0 -tls1_2 \
        -cert "$certs/rsa.pem" -cert_chain "$certs/int.pem" -key "$certs/rsa.key" \
        -dcert "$certs/ecdsa.pem" -dcert_chain "$certs/int.pem" -dkey "$certs/ecdsa.key" \
        -cipher ALL:@SECLEVEL=0 "$@"
}

# Our server with an RSA and an ECDSA certificate, and other.test as a second vhost.
start_tool_server() {
    local name=$1
    shift
    start_server "$name" "$tool" s_server -accept 127.0.0.1:0 \
        -cert "$certs/rsa-chain.pem" -key "$certs/rsa.key" \
        -dcert "$certs/ecdsa-chain.pem" -dkey "$certs/ecdsa.key" \
        -cert2 "$certs/wronghost-chain.pem" -key2 "$certs/wronghost.key" \
        -servername other.test "$@"
}

# ---- clients and checks

# run_client NAME INPUT COMMAND...: runs a client with INPUT on stdin; output (stdout and
# stderr) in $work/NAME.out, exit status in client_status.
client_status=0
run_client() {
    local name=$1 input=$2
    shift 2
    printf '%b' "$input" | timeout -k 2 "$client_timeout" "$@" > "$work/$name.out" 2>&1
    client_status=$?
}

# Openssl's client; the first argument is what it sends. It keeps reading after the end
# of its input (-ign_eof) until the server closes.
run_openssl_client() {
    local name=$1 input=$2
    shift 2
    run_client "$name" "$input" openssl s_client -connect "127.0.0.1:$server_port" -tls1_2 \
        -CAfile "$certs/ca.pem" -verify_return_error -ign_eof -cipher ALL:@SECLEVEL=0 "$@"
}

run_tool_client() {
    local name=$1 input=$2
    shift 2
    run_client "$name" "$input" "$tool" s_client -connect "localhost:$server_port" \
        -CAfile "$certs/ca.pem" -verify 4 "$@"
}

pass() {
    passed=$((passed + 1))
    echo "ok   $1"
}

fail() {
    failed=$((failed + 1))
    echo "FAIL $1: $2"
    for file in "$work/$1.out" "$server_log"; do
        [ -f "$file" ] && sed 's/^/    | /' "$file" | tail -n 25
    done
}

# expect NAME STATUS PATTERN...: the client of test NAME exited with STATUS and its output
# has a line matching each PATTERN (grep -E).
expect() {
    local name=$1 status=$2
    shift 2
    if [ "$client_status" -ne "$status" ]; then
        fail "$name" "exit status $client_status, expected $status"
        return
    fi
    for pattern in "$@"; do
        if ! grep -a -q -E -- "$pattern" "$work/$name.out"; then
            fail "$name" "no line matches '$pattern'"
            return
        fi
    done
    pass "$name"
}

# ---- the tests

suites=(
    ECDHE-ECDSA-AES128-GCM-SHA256
    ECDHE-RSA-AES256-GCM-SHA384
    ECDHE-ECDSA-CHACHA20-POLY1305
    ECDHE-RSA-CHACHA20-POLY1305
    DHE-RSA-AES128-GCM-SHA256
    AES128-SHA
)

test_tool_client_with_openssl_server() {
    start_openssl_server openssl-rev -rev -alpn http/1.1 || { fail openssl-server "did not start"; return; }
    for suite in "${suites[@]}"; do
        run_tool_client "client-$suite" 'hello tls\n' -cipher "$suite"
        expect "client-$suite" 0 "^    Protocol  : TLSv1\.2$" "^    Cipher    : $suite$" \
            "Verify return code: 0 \(ok\)" "^slt olleh$"
    done
    run_tool_client client-alpn 'x\n' -alpn h2,http/1.1
    expect client-alpn 0 "^    ALPN      : http/1\.1$"
    run_tool_client client-brief 'x\n' -brief
    expect client-brief 0 "^CONNECTION ESTABLISHED$" "^Verification: OK$"
    run_tool_client client-host-mismatch 'x\n' -servername other.test
    expect client-host-mismatch 1 "handshake failed" "Verify return code: 62"
    stop_server

    start_server openssl-untrusted openssl s_server -accept 127.0.0.1:0 -tls1_2 \
        -cert "$certs/untrusted.pem" -key "$certs/untrusted.key" -rev ||
        { fail openssl-server "did not start"; return; }
    run_tool_client client-untrusted 'x\n'
    expect client-untrusted 1 "handshake failed" "Verify return code: (19|20|21) "
    run_client client-untrusted-noverify 'x\n' "$tool" s_client -connect "127.0.0.1:$server_port" \
        -CAfile "$certs/ca.pem"
    expect client-untrusted-noverify 0 "Verify return code: [1-9][0-9]* " "^x$"
    stop_server
}

test_openssl_client_with_tool_server() {
    start_tool_server tool-www -www -alpn http/1.1,h2 || { fail tool-server "did not start"; return; }
    for suite in "${suites[@]}"; do
        run_openssl_client "server-$suite" 'GET / HTTP/1.0\r\n\r\n' -cipher "$suite"
        expect "server-$suite" 0 "^HTTP/1\.0 200 OK" "^Protocol  : TLSv1\.2$" \
            "^Cipher    : $suite$" "^SNI       : none$"
    done
    run_openssl_client server-alpn 'GET / HTTP/1.0\r\n\r\n' -alpn h2
    expect server-alpn 0 "^ALPN protocol: h2$" "^ALPN      : h2$"
    run_openssl_client server-sni-vhost 'GET / HTTP/1.0\r\n\r\n' -servername other.test \
        -verify_hostname other.test
    expect server-sni-vhost 0 "^subject=.*CN ?= ?other\.test" "^SNI       : other\.test$" \
        "Verify return code: 0 \(ok\)"
    run_openssl_client server-sni-default 'GET / HTTP/1.0\r\n\r\n' -servername localhost
    expect server-sni-default 0 "^subject=.*CN ?= ?localhost" "^SNI       : localhost$"
    run_tool_client tool-sni-vhost 'GET / HTTP/1.0\r\n\r\n' -servername other.test
    expect tool-sni-vhost 0 "^    Peer      : .*CN=other\.test" "^SNI       : other\.test$"
    stop_server

    start_tool_server tool-rev -rev || { fail tool-server "did not start"; return; }
    run_client server-rev 'hello\n' bash -c \
        "{ printf 'hello\\n'; sleep 1; } | openssl s_client -connect 127.0.0.1:$server_port \
            -tls1_2 -CAfile '$certs/ca.pem' -verify_return_error"
    expect server-rev 0 "^olleh$"
    run_tool_client tool-rev-lines 'abc\r\nxyz\n'
    expect tool-rev-lines 0 "^cba" "^zyx$"
    stop_server

    start_tool_server tool-require-cert -www -Verify 3 -CAfile "$certs/ca.pem" ||
        { fail tool-server "did not start"; return; }
    run_tool_client client-cert 'GET / HTTP/1.0\r\n\r\n' \
        -cert "$certs/client-chain.pem" -key "$certs/client.key"
    expect client-cert 0 "^Client certificate: .*CN=" "^Verify return code: 0 \(ok\)$"
    run_tool_client client-no-cert 'GET / HTTP/1.0\r\n\r\n'
    expect client-no-cert 1 "handshake failed"
    stop_server
}

test_usage_and_signals() {
    run_client usage '' "$tool" s_client -no_such_option
    expect usage 2 "unknown option"
    run_client usage-server-only '' "$tool" s_client -www
    expect usage-server-only 2 "unknown option"
    run_client refused '' "$tool" s_client -connect 127.0.0.1:1
    expect refused 1 "cannot connect"

    start_tool_server tool-sigterm || { fail tool-server "did not start"; return; }
    kill -TERM "$server_pid"
    local status=0 waited=0
    while kill -0 "$server_pid" 2> /dev/null && [ "$waited" -lt 50 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    wait "$server_pid"
    status=$?
    if [ "$status" -eq 0 ]; then pass sigterm; else fail sigterm "server exit status $status"; fi
}

echo "tool: $tool ($("$tool" -help | sed -n 's/^library: //p'))"
test_tool_client_with_openssl_server
test_openssl_client_with_tool_server
test_usage_and_signals

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

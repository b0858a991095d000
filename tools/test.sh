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

# An OCSP response for rsa.pem (status unknown: an empty index), for -status_file.
: > "$work/ocsp-index.txt"
openssl ocsp -issuer "$certs/int.pem" -cert "$certs/rsa.pem" -reqout "$work/ocsp-req.der" \
    -no_nonce > /dev/null 2>&1 &&
    openssl ocsp -index "$work/ocsp-index.txt" -rsigner "$certs/int.pem" -rkey "$certs/int.key" \
        -CA "$certs/int.pem" -reqin "$work/ocsp-req.der" -respout "$work/ocsp.der" -ndays 1 \
        > /dev/null 2>&1 || { echo "tools/test.sh: cannot make an OCSP response" >&2; exit 2; }

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
    : > "$server_log"
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
    for file in "$work/$1.out" "$work/$1.openssl.out" "$server_log"; do
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

# ---- side by side: the same command line for the tool and for openssl

# both NAME INPUT ARGS...: runs "openssl s_client ARGS", then "tls12 s_client ARGS" (the
# same command line) with INPUT; outputs in $work/NAME.openssl.out and $work/NAME.out,
# exit statuses in openssl_status and tool_status.
openssl_status=0
tool_status=0
both() {
    local name=$1 input=$2
    shift 2
    run_client "$name.openssl" "$input" openssl s_client "$@"
    openssl_status=$client_status
    run_client "$name" "$input" "$tool" s_client "$@"
    tool_status=$client_status
}

# expect_both NAME STATUS PATTERN...: both clients of NAME exited with STATUS and both
# outputs have a line matching each PATTERN.
expect_both() {
    local name=$1 status=$2 out
    shift 2
    if [ "$tool_status" -ne "$status" ] || [ "$openssl_status" -ne "$status" ]; then
        fail "$name" "exit status tls12 $tool_status, openssl $openssl_status; expected $status"
        return
    fi
    for pattern in "$@"; do
        for out in "$work/$name.out" "$work/$name.openssl.out"; do
            if ! grep -a -q -E -- "$pattern" "$out"; then
                fail "$name" "no line matches '$pattern' in $(basename "$out")"
                return
            fi
        done
    done
    pass "$name"
}

# same NAME PATTERN [SED]: the parts of lines matching PATTERN (after the sed script
# SED) are the same in both outputs of NAME, and there is at least one.
same() {
    local name=$1 pattern=$2 script=${3:-} ours theirs
    ours=$(grep -a -o -E -- "$pattern" "$work/$name.out" | sed -E "$script")
    theirs=$(grep -a -o -E -- "$pattern" "$work/$name.openssl.out" | sed -E "$script")
    if [ -z "$ours" ] || [ "$ours" != "$theirs" ]; then
        fail "$name" "lines matching '$pattern' differ: tls12 [$ours], openssl [$theirs]"
    else
        pass "$name ($(printf '%s\n' "$ours" | wc -l) lines alike)"
    fi
}

# serve_both NAME ARGS...: "openssl s_server ARGS" and "tls12 s_server ARGS" (the same
# command line, listening on 127.0.0.1:0); their ports in openssl_port and tool_port.
openssl_port=
tool_port=
openssl_server_pid=
tool_server_pid=
serve_both() {
    local name=$1
    shift
    start_server "$name.openssl" openssl s_server -accept 127.0.0.1:0 "$@" || return 1
    openssl_port=$server_port
    openssl_server_pid=$server_pid
    openssl_server_log=$server_log
    start_server "$name" "$tool" s_server -accept 127.0.0.1:0 "$@" || return 1
    tool_port=$server_port
    tool_server_pid=$server_pid
}

stop_both() {
    kill "$openssl_server_pid" "$tool_server_pid" 2> /dev/null
    wait "$openssl_server_pid" "$tool_server_pid" 2> /dev/null
}

# against_both NAME INPUT ARGS...: "openssl s_client ARGS" against each server of
# serve_both: the openssl server's answer in NAME.openssl.out, ours in NAME.out.
against_both() {
    local name=$1 input=$2
    shift 2
    run_client "$name.openssl" "$input" openssl s_client -connect "127.0.0.1:$openssl_port" "$@"
    openssl_status=$client_status
    run_client "$name" "$input" openssl s_client -connect "127.0.0.1:$tool_port" "$@"
    tool_status=$client_status
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
    run_tool_client client-host-mismatch 'x\n' -verify_hostname other.test -verify_return_error
    expect client-host-mismatch 1 "handshake failed" "Verify return code: 62"
    stop_server

    start_server openssl-untrusted openssl s_server -accept 127.0.0.1:0 -tls1_2 \
        -cert "$certs/untrusted.pem" -key "$certs/untrusted.key" -rev ||
        { fail openssl-server "did not start"; return; }
    run_tool_client client-untrusted 'x\n' -verify_return_error
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
    both usage '' -no_such_option
    expect_both usage 1 "nknown option"
    both usage-server-only '' -www
    expect_both usage-server-only 1 "nknown option"
    both usage-help '' -help
    expect_both usage-help 0 "-connect"
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

# The client's options side by side with openssl s_client's, against an openssl server.
test_client_options_like_openssl() {
    start_openssl_server openssl-www -www -status_file "$work/ocsp.der" ||
        { fail openssl-server "did not start"; return; }
    local get='GET / HTTP/1.0\r\n\r\n'
    local to=(-connect "127.0.0.1:$server_port")
    local trusted=("${to[@]}" -CAfile "$certs/ca.pem")

    both tls1_2 "$get" "${trusted[@]}" -tls1_2 -ign_eof
    expect_both tls1_2 0 "^    Protocol  : TLSv1\.2$" "^HTTP/1\.0 200 ok"
    both no-other-protocols "$get" "${trusted[@]}" -no_tls1_3 -no_tls1_1 -no_tls1 -no_ssl3 -ign_eof
    expect_both no-other-protocols 0 "^    Protocol  : TLSv1\.2$" "^HTTP/1\.0 200 ok"
    both older-protocol '' "${trusted[@]}" -tls1_1
    expect_both older-protocol 1
    both host-port "$get" -host 127.0.0.1 -port "$server_port" -CAfile "$certs/ca.pem" -ign_eof \
        -timeout
    expect_both host-port 0 "^HTTP/1\.0 200 ok"

    both verify-ok '' "${trusted[@]}" -verify 4
    expect_both verify-ok 0 "^depth=0 .*CN ?= ?localhost" "^verify return:1$"
    same verify-ok "Verify return code: [0-9]+ \([a-z ]+\)"
    both verify-untrusted '' "${to[@]}" -CAfile "$certs/untrusted-ca.pem" -verify 4
    expect_both verify-untrusted 0 "^verify error:num=[0-9]+:"
    same verify-untrusted "Verify return code: [0-9]+ \([a-z ]+\)"
    both verify-return-error '' "${to[@]}" -CAfile "$certs/untrusted-ca.pem" -verify 4 \
        -verify_return_error
    expect_both verify-return-error 1
    same verify-return-error "^verify error:num=[0-9]+:[a-z ]+"
    both verify-hostname '' "${trusted[@]}" -verify 4 -verify_hostname other.test
    expect_both verify-hostname 0
    same verify-hostname "Verify return code: [0-9]+ \([a-z ]+\)"
    both verify-hostname-error '' "${trusted[@]}" -verify 4 -verify_hostname other.test \
        -verify_return_error
    expect_both verify-hostname-error 1
    mkdir -p "$work/capath" && cp "$certs/ca.pem" "$work/capath/" && openssl rehash "$work/capath"
    both capath '' "${to[@]}" -CApath "$work/capath" -verify 4
    expect_both capath 0 "Verify return code: 0 \(ok\)"

    both showcerts '' "${trusted[@]}" -showcerts
    same showcerts "^-----BEGIN CERTIFICATE-----$"
    both state '' "${trusted[@]}" -state
    same state "^SSL_connect:.*"
    both msg '' "${trusted[@]}" -tls1_2 -msg -cipher ECDHE-RSA-AES128-GCM-SHA256
    # (stderr shares the file: a line may begin in the middle of another; OpenSSL 3.0
    # shows only the record header of a ChangeCipherSpec it receives)
    same msg "((<<<|>>>) TLS 1\.2, Handshake|>>> TLS 1\.2, ChangeCipherSpec) \[length [0-9a-f]+\].*" \
        's/\[length [0-9a-f]+\]//'
    both trace '' "${trusted[@]}" -trace -cipher ECDHE-RSA-AES128-GCM-SHA256
    same trace "^      cipher_suite \{0x[0-9A-F]+, 0x[0-9A-F]+\} TLS_[A-Z0-9_]+$"
    same trace "^    (ClientHello|ServerHello|Certificate|ServerKeyExchange|ServerHelloDone|ClientKeyExchange|Finished)" \
        's/, Length=.*//'
    both status '' "${trusted[@]}" -status
    expect_both status 0 "^    Cert Status: |^OCSP response: [0-9]+ bytes"
    both reconnect '' "${trusted[@]}" -reconnect
    same reconnect "^(New|Reused), TLSv1\.2, Cipher is [A-Z0-9-]+"
    both prexit '' "${trusted[@]}" -prexit
    same prexit "^SSL-Session:$"
    both groups '' "${trusted[@]}" -curves P-384 -sigalgs RSA-PSS+SHA256
    expect_both groups 0
    expect groups 0 "^    Group     : P-384$"
    stop_server

    start_server openssl-status-none openssl s_server -accept 127.0.0.1:0 -tls1_2 \
        -cert "$certs/rsa-chain.pem" -key "$certs/rsa.key" -www ||
        { fail openssl-server "did not start"; return; }
    both no-status '' -connect "127.0.0.1:$server_port" -status
    expect_both no-status 0 "^OCSP response: no response sent$"
    stop_server

    local out
    for out in tool openssl; do
        # openssl's echo server stops at the end of its standard input: give it one that
        # stays open.
        start_server "crlf-$out" bash -c 'exec openssl s_server -accept 127.0.0.1:0 -naccept 1 \
            -cert "$1" -key "$2" < <(sleep "$3")' - "$certs/rsa-chain.pem" "$certs/rsa.key" \
            "$client_timeout" || { fail openssl-server "did not start"; return; }
        if [ $out = tool ]; then
            run_client crlf 'hello\n' "$tool" s_client -connect "127.0.0.1:$server_port" -crlf
        else
            run_client crlf.openssl 'hello\n' openssl s_client -connect "127.0.0.1:$server_port" -crlf
        fi
        sleep 0.3
        cp "$server_log" "$work/crlf${out/tool/}.received"
        stop_server
    done
    mv "$work/crlf.received" "$work/crlf.out"
    mv "$work/crlfopenssl.received" "$work/crlf.openssl.out"
    same crlf $'^hello\r$'
}

# -starttls against small servers of each protocol, and -proxy through an HTTP proxy.
test_starttls_and_proxy() {
    local protocol
    for protocol in smtp pop3 imap ftp xmpp ldap postgres mysql; do
        start_server "starttls-$protocol" python3 tools/test-peers.py starttls "$protocol" \
            "$certs/rsa-chain.pem" "$certs/rsa.key" || { fail "starttls-$protocol" "no server"; continue; }
        both "starttls-$protocol" 'hello\n' -connect "127.0.0.1:$server_port" -starttls "$protocol" \
            -CAfile "$certs/ca.pem" -verify 2 -ign_eof
        expect_both "starttls-$protocol" 0 "olleh$" "Verify return code: 0 \(ok\)"
        stop_server
    done
    start_server starttls-smtp-again python3 tools/test-peers.py starttls smtp \
        "$certs/rsa-chain.pem" "$certs/rsa.key" || { fail proxy "no server"; return; }
    local target=$server_port target_pid=$server_pid
    start_server proxy python3 tools/test-peers.py proxy || { fail proxy "no proxy"; return; }
    both proxy 'hello\n' -connect "127.0.0.1:$target" -proxy "127.0.0.1:$server_port" \
        -starttls smtp -ign_eof
    expect_both proxy 0 "^olleh$"
    grep -q "^CONNECT 127.0.0.1:$target$" "$server_log" && pass proxy-used || fail proxy "no CONNECT"
    stop_server
    kill "$target_pid" 2> /dev/null
}

# The server's options: the same s_server command line for openssl and tls12, an
# openssl client against each, the same outcome.
test_server_options_like_openssl() {
    local get='GET / HTTP/1.0\r\n\r\n'
    local pki=(-cert "$certs/rsa-chain.pem" -key "$certs/rsa.key" -tls1_2)

    serve_both www -cert "$certs/rsa-chain.pem" -key "$certs/rsa.key" -no_tls1_3 -www \
        -no_resumption_on_reneg || { fail www "no servers"; return; }
    against_both www-one-record "$get" -msg -ign_eof
    # The records that arrive after the handshake: the reply must be a single one.
    local f
    for f in "$work/www-one-record.out" "$work/www-one-record.openssl.out"; do
        awk '/^<<< TLS 1\.2, RecordHeader/ { getline; if ($1 == "17") n++ } END { print "application data records: " n }' \
            "$f" >> "$f"
    done
    same www-one-record "^application data records: 1$"
    stop_both

    mkdir -p "$work/docroot" && printf 'file served over TLS\n' > "$work/docroot/hello.txt"
    cd "$work/docroot" || return
    serve_both http "${pki[@]}" -HTTP
    local started=$?
    cd - > /dev/null || return
    [ $started -eq 0 ] || { fail http "no servers"; return; }
    against_both http 'GET /hello.txt HTTP/1.0\r\n\r\n' -ign_eof -quiet
    stop_both
    expect_both http 0 "^file served over TLS$"

    serve_both named-curve "${pki[@]}" -www -named_curve P-384 || { fail named-curve "no servers"; return; }
    against_both named-curve '' -cipher ECDHE-RSA-AES128-GCM-SHA256
    same named-curve "^Server Temp Key: .*"
    stop_both

    openssl genpkey -genparam -algorithm DH -pkeyopt dh_param:ffdhe3072 -out "$work/dh.pem" 2> /dev/null
    serve_both dhparam "${pki[@]}" -www -dhparam "$work/dh.pem" || { fail dhparam "no servers"; return; }
    # (a client that names FFDHE groups gets one of them, RFC 7919; this one names none)
    against_both dhparam '' -cipher DHE-RSA-AES128-GCM-SHA256 -groups P-256
    same dhparam "^Server Temp Key: .*"
    stop_both

    serve_both serverpref "${pki[@]}" -www -serverpref \
        -cipher ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256 || { fail serverpref "no servers"; return; }
    against_both serverpref '' -cipher ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384
    same serverpref "^New, TLSv1\.2, Cipher is [A-Z0-9-]+"
    stop_both
    serve_both clientpref "${pki[@]}" -www \
        -cipher ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256 || { fail clientpref "no servers"; return; }
    against_both clientpref '' -cipher ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384
    same clientpref "^New, TLSv1\.2, Cipher is [A-Z0-9-]+"
    stop_both

    serve_both no-cache "${pki[@]}" -www -no_cache -no_ticket || { fail no-cache "no servers"; return; }
    against_both no-cache '' -reconnect
    same no-cache "^(New|Reused), TLSv1\.2"
    stop_both
    serve_both context "${pki[@]}" -www -context ctx1 -no_ticket || { fail context "no servers"; return; }
    against_both context '' -reconnect
    same context "^(New|Reused), TLSv1\.2"
    stop_both

    serve_both status-file "${pki[@]}" -www -status_file "$work/ocsp.der" ||
        { fail status-file "no servers"; return; }
    against_both status-file '' -status
    same status-file "^    OCSP Response Status: .*"
    stop_both

    serve_both state "${pki[@]}" -www -state -CApath "$work/capath" || { fail state "no servers"; return; }
    against_both state "$get" -ign_eof
    sleep 0.3
    cp "$openssl_server_log" "$work/server-state.openssl.out"
    cp "$server_log" "$work/server-state.out"
    same server-state "^SSL_accept:.*"
    stop_both
}

# The small commands against openssl's: ciphers lists the same suites in the same order
# (openssl's listing cut to the TLS 1.2 suites libtls12 implements), version, sess_id, help.
test_commands_like_openssl() {
    local known spec
    known=$("$tool" ciphers 'ALL:COMPLEMENTOFALL:@SECLEVEL=0' | tr ':' '\n')
    for spec in DEFAULT ALL 'ECDHE+AESGCM' 'HIGH:!aNULL' kRSA 'AESGCM:CHACHA20:@STRENGTH' \
        'ECDHE:DHE:-SHA:@STRENGTH' 'aECDSA' 'kEECDH+CHACHA20:DHE'; do
        "$tool" ciphers -v "$spec" > "$work/ciphers.out" 2>&1
        openssl ciphers -v -tls1_2 "$spec" | grep -v TLSv1\.3 | awk 'NR == FNR { k[$1] = 1; next } k[$1]' \
            <(printf '%s\n' "$known") - > "$work/ciphers.openssl.out"
        if [ -s "$work/ciphers.out" ] && cmp -s "$work/ciphers.out" "$work/ciphers.openssl.out"; then
            pass "ciphers -v '$spec'"
        else
            fail ciphers "ciphers -v '$spec' differs: $(diff "$work/ciphers.out" "$work/ciphers.openssl.out" | head -n 4)"
        fi
    done
    "$tool" ciphers -stdname 'ECDHE+AESGCM' > "$work/stdname.out"
    openssl ciphers -stdname -tls1_2 'ECDHE+AESGCM' | grep -v TLSv1\.3 > "$work/stdname.openssl.out"
    same stdname "^TLS_[A-Z0-9_]+ +- [A-Z0-9-]+"
    "$tool" ciphers 'ECDHE+AESGCM:kRSA+AESGCM' > "$work/cipher-names.out"
    openssl ciphers -s -tls1_2 'ECDHE+AESGCM:kRSA+AESGCM' > "$work/cipher-names.openssl.out"
    same cipher-names "^[A-Z0-9:-]+$"
    run_client ciphers-bad '' "$tool" ciphers NO-SUCH-SUITE
    expect ciphers-bad 1 "Error in cipher list"

    run_client version '' "$tool" version
    expect version 0 "^libtls12 [0-9]+\.[0-9]+\.[0-9]+$"
    run_client version-all '' "$tool" version -a
    expect version-all 0 "^libtls12 " "."
    run_client help '' "$tool" help
    expect help 0 "^  s_client " "^  ciphers " "^  sess_id "

    start_openssl_server sess-id-server -www || { fail sess-id "no server"; return; }
    run_tool_client sess-out '' -sess_out "$work/session.pem"
    local printed
    printed=$(grep -a -o -E "Master-Key: [0-9A-F]+" "$work/sess-out.out")
    run_client sess-id '' "$tool" sess_id -in "$work/session.pem" -text -noout
    expect sess-id 0 "^SSL-Session:$" "^    Protocol  : TLSv1\.2$" "^    $printed$"
    stop_server
}

echo "tool: $tool ($("$tool" -help | sed -n 's/^library: //p'))"
test_tool_client_with_openssl_server
test_openssl_client_with_tool_server
test_usage_and_signals
test_client_options_like_openssl
test_starttls_and_proxy
test_server_options_like_openssl
test_commands_like_openssl

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

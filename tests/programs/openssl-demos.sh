#!/usr/bin/env bash
# OpenSSL's own TLS 1.2 demos, built from unchanged sources twice (against the system
# OpenSSL and against libtls12), each build run against the same real peer (openssl
# s_server -tls1_2 or openssl s_client -tls1_2), and what the two builds print and send
# compared. One line per demo: built / ran / identical.
#
#   tests/programs/openssl-demos.sh [CERTS]      (CERTS: the test PKI, target/test-certs)
#
# The demos in $must_match (below; DEMOS_MUST_MATCH overrides it) must be identical:
# the script fails when one of them is not. Each other demo is reported as "not yet
# supported" with what it lacks (the names its libtls12 build does not find, or the
# files whose contents differ), or as "now identical" (move it to $must_match), and
# does not fail the script.
#
# Environment: TLS12_DEMO_CFLAGS / TLS12_DEMO_LIBS (how a program finds libtls12, one
# place), OPENSSL_DEMO_LIBS, DEMO_BUILD (default build/openssl-demos).
# The libtls12 build must not see the system's OpenSSL headers: for each source file,
# `gcc -M` with the libtls12 flags is checked to name no file under /usr/include/openssl.
# Demos with hard-coded ports (4433) are run as written, one at a time.
# TLS 1.3-only behaviour: none of these demos needs it; the guide clients ask for at
# least TLS 1.2 and get TLS 1.2 from the -tls1_2 peer.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
certs=$(cd "${1:-$repo/target/test-certs}" && pwd) || exit 1
build=${DEMO_BUILD:-$repo/build/openssl-demos}
TLS12_DEMO_CFLAGS=${TLS12_DEMO_CFLAGS:-"-I $repo/include/tls12"}
TLS12_DEMO_LIBS=${TLS12_DEMO_LIBS:-"-L $repo/target/release -ltls12 -Wl,-rpath,$repo/target/release"}
OPENSSL_DEMO_LIBS=${OPENSSL_DEMO_LIBS:-"-lssl -lcrypto"}
STEP_TIMEOUT=20
# A peer that is gone makes a write fail (EPIPE), not the script die.
trap '' PIPE

[ -f "$certs/ca.pem" ] || { echo "no test PKI in $certs (make certs)" >&2; exit 1; }
[ -e "$repo/target/release/libtls12.so.0" ] || { echo "no libtls12.so.0 (make lib)" >&2; exit 1; }
src=$("$repo/tests/programs/fetch-source.sh" openssl trixie) || { echo "cannot fetch OpenSSL's sources" >&2; exit 1; }
rm -rf "$build"
mkdir -p "$build/src" "$build/openssl" "$build/tls12" "$build/out"
cp -r "$src/demos/guide" "$src/demos/bio" "$src/demos/sslecho" "$build/src/"

# The demos, as DIR/NAME of their source file.
demos="guide/tls-client-block guide/tls-client-non-block guide/tls-server-block
bio/sconnect bio/saccept bio/client-arg bio/server-arg bio/client-conf bio/server-conf
sslecho/main"
# The demos libtls12 runs as OpenSSL does: the ones that must stay identical.
must_match=${DEMOS_MUST_MATCH:-"guide/tls-client-block guide/tls-client-non-block guide/tls-server-block
bio/sconnect bio/saccept sslecho/main"}

failed=0
for demo in $must_match; do
    case " $(echo $demos) " in *" $demo "*) ;; *)
        echo "$demo: FAILED, must be identical but is not a demo this script knows"
        failed=$((failed + 1))
        ;;
    esac
done

# A name a header does not declare is an error, not a guess at its type. The compiler
# speaks plain ASCII (LC_ALL=C), so that what a build lacks can be read from its log.
export LC_ALL=C
strict="-Werror=implicit-function-declaration -Werror=int-conversion"

# build DEMO: builds build/{openssl,tls12}/NAME; says whether both built.
build_demo() {
    local demo=$1 name file
    name=$(basename "$demo")
    file=$build/src/$demo.c
    # shellcheck disable=SC2086 # the flag variables are lists of words
    timeout 120 gcc -O1 $strict -o "$build/openssl/$name" "$file" $OPENSSL_DEMO_LIBS \
        > "$build/out/$name.openssl.build" 2>&1 || return 1
    # shellcheck disable=SC2086
    if timeout 60 gcc -M $TLS12_DEMO_CFLAGS "$file" 2> /dev/null | grep -q '/usr/include/openssl'; then
        echo "the libtls12 build of $name would read the system's OpenSSL headers" \
            > "$build/out/$name.tls12.build"
        return 1
    fi
    # shellcheck disable=SC2086
    timeout 120 gcc -O1 $strict $TLS12_DEMO_CFLAGS -o "$build/tls12/$name" "$file" $TLS12_DEMO_LIBS \
        > "$build/out/$name.tls12.build" 2>&1
}

# wait_for FILE PATTERN: waits (up to STEP_TIMEOUT s) until FILE has a line matching PATTERN.
wait_for() {
    local i
    for ((i = 0; i < STEP_TIMEOUT * 10; i++)); do
        grep -aq -- "$2" "$1" 2> /dev/null && return 0
        sleep 0.1
    done
    return 1
}

# listening PORT: whether a socket listens on TCP port PORT (asked of the kernel, so that
# single-connection servers never see a probe).
listening() {
    ss -Hltn "sport = :$1" | grep -q .
}

# wait_port PORT: waits until something listens on PORT.
wait_port() {
    local i
    for ((i = 0; i < STEP_TIMEOUT * 10; i++)); do
        listening "$1" && return 0
        sleep 0.1
    done
    return 1
}

# port_free PORT: waits until nothing listens on PORT (demos with fixed ports).
port_free() {
    local i
    for ((i = 0; i < STEP_TIMEOUT * 10; i++)); do
        listening "$1" || return 0
        sleep 0.1
    done
    return 1
}

stop() {
    kill "$1" 2> /dev/null
    wait "$1" 2> /dev/null
}

# The HTTP answer the s_server peer sends to client demos.
response='HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello from openssl s_server\r\n'

# client_run BUILD NAME OUT PORT_MODE ARGS...: runs a client demo against
# `openssl s_server -tls1_2` that answers its request with $response and closes.
# PORT_MODE "any": the server picks its port, ARGS' @PORT@ is replaced by it;
# otherwise PORT_MODE is the fixed port the demo uses. Server options come from
# $server_opts; the demo runs in $rundir. OUT.client gets what the demo prints,
# OUT.request what the server received.
client_run() {
    local bin=$1 name=$2 out=$3 mode=$4 port accept args=() a fifo srv
    shift 4
    fifo=$out.fifo
    rm -f "$fifo"
    mkfifo "$fifo"
    if [ "$mode" = any ]; then accept=127.0.0.1:0; else port_free "$mode"; accept=$mode; fi
    # shellcheck disable=SC2086 # server_opts is a list of words
    timeout $((STEP_TIMEOUT * 2)) openssl s_server -tls1_2 -naccept 1 -accept "$accept" $server_opts \
        < "$fifo" > "$out.server" 2>&1 &
    srv=$!
    exec 9> "$fifo"
    if ! wait_for "$out.server" '^ACCEPT'; then
        exec 9>&-
        stop $srv
        return 1
    fi
    if [ "$mode" = any ]; then
        port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$out.server")
    else
        port=$mode
    fi
    for a in "$@"; do args+=("${a//@PORT@/$port}"); done
    (cd "$rundir" && timeout "$STEP_TIMEOUT" "$build/$bin/$name" "${args[@]}" > "$out.client" 2> "$out.stderr") &
    local cli=$!
    # The request ends with an empty line; answer it, then end the server's input.
    wait_for "$out.server" $'^\r\\{0,1\\}$' && sleep 0.2
    # shellcheck disable=SC2059 # the response holds printf escapes
    printf "$response" >&9
    # A line "q" on its own read is s_server's command to close the connection.
    sleep 0.5
    printf 'q\n' >&9
    exec 9>&-
    wait $cli
    local rc=$?
    stop $srv
    echo "exit $rc" >> "$out.client"
    sed -n $'/^GET /,/^\r\\{0,1\\}$/p' "$out.server" > "$out.request"
    rm -f "$fifo"
}

# server_run BUILD NAME OUT PORT CLIENT_OPTS ARGS...: starts a server demo (ARGS' @PORT@
# is PORT), sends it "hello demo" with `openssl s_client -tls1_2` and keeps the
# connection 1 s for the answer, then stops the server. OUT.server gets what the demo
# printed, OUT.peer what s_client received.
server_run() {
    local bin=$1 name=$2 out=$3 port=$4 copts=$5 args=() a srv
    shift 5
    port_free "$port"
    for a in "$@"; do args+=("${a//@PORT@/$port}"); done
    # Line-buffered stdout (stdbuf), so that what the demo printed survives its stop.
    (cd "$rundir" && exec timeout $((STEP_TIMEOUT * 2)) stdbuf -oL "$build/$bin/$name" "${args[@]}") \
        > "$out.server" 2> "$out.stderr" &
    srv=$!
    wait_port "$port" || { stop $srv; return 1; }
    # shellcheck disable=SC2086 # copts is a list of words
    (printf 'hello demo\n'; sleep 1) |
        timeout "$STEP_TIMEOUT" openssl s_client -tls1_2 -connect "127.0.0.1:$port" -quiet -no_ign_eof \
            -verify_return_error $copts > "$out.peer" 2> "$out.peer-stderr"
    echo "s_client exit $?" >> "$out.peer"
    sleep 0.3
    stop $srv
    return 0
}

# free_port: a port nothing listens on now (for demos that take one and do not say it).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# run_demo NAME BUILD OUT: runs the demo's scenario with one build.
run_demo() {
    local name=$1 bin=$2 out=$3
    rundir=$build/run-$bin-$name
    rm -rf "$rundir"
    mkdir -p "$rundir"
    case $name in
    tls-client-block | tls-client-non-block)
        server_opts="-cert $certs/rsa.pem -key $certs/rsa.key -cert_chain $certs/int.pem"
        SSL_CERT_FILE=$certs/ca.pem client_run "$bin" "$name" "$out" any localhost @PORT@
        ;;
    tls-server-block)
        cp "$certs/rsa-chain.pem" "$rundir/chain.pem"
        cp "$certs/rsa.key" "$rundir/pkey.pem"
        server_run "$bin" "$name" "$out" "$(free_port)" "-CAfile $certs/ca.pem -verify_hostname localhost" \
            "127.0.0.1:@PORT@"
        ;;
    sconnect | client-arg | client-conf)
        cp "$build/src/bio/"*.pem "$build/src/bio/"*.cnf "$rundir/"
        server_opts="-cert $build/src/bio/server.pem -cert_chain $build/src/bio/intca.pem"
        case $name in
        sconnect) client_run "$bin" "$name" "$out" 4433 localhost:4433 root.pem ;;
        client-arg) client_run "$bin" "$name" "$out" 4433 -connect localhost:4433 ;;
        client-conf) client_run "$bin" "$name" "$out" 4433 ;;
        esac
        ;;
    saccept | server-arg | server-conf)
        cp "$build/src/bio/"*.pem "$build/src/bio/"*.cnf "$rundir/"
        local copts="-CAfile $build/src/bio/root.pem"
        case $name in
        # A port of its own: OpenSSL's accept BIO binds without SO_REUSEADDR, and the
        # connection sconnect made leaves 4433 in TIME_WAIT for a minute.
        saccept) server_run "$bin" "$name" "$out" "$(free_port)" "$copts" "*:@PORT@" ;;
        server-arg) server_run "$bin" "$name" "$out" 4433 "$copts" -cert server.pem ;;
        server-conf) server_run "$bin" "$name" "$out" 4433 "$copts" ;;
        esac
        ;;
    main)
        cp "$build/src/sslecho/"*.pem "$rundir/"
        server_run "$bin" "$name" "$out.s" 4433 "-CAfile $build/src/sslecho/cert.pem" s
        server_opts="-rev -cert $build/src/sslecho/cert.pem -key $build/src/sslecho/key.pem"
        printf 'hello echo\n' > "$rundir/stdin"
        client_run_stdin "$bin" "$name" "$out.c"
        ;;
    esac
}

# client_run_stdin BUILD NAME OUT: sslecho's client mode, against `s_server -rev` on its
# fixed port 4433, with one line of input; it prints what came back.
client_run_stdin() {
    local bin=$1 name=$2 out=$3 srv
    port_free 4433
    # shellcheck disable=SC2086 # server_opts is a list of words
    (sleep $((STEP_TIMEOUT + 2))) | timeout $((STEP_TIMEOUT * 2)) openssl s_server -tls1_2 -naccept 1 \
        -accept 4433 $server_opts > "$out.server" 2>&1 &
    srv=$!
    wait_for "$out.server" '^ACCEPT' || { stop $srv; return 1; }
    (cd "$rundir" && (cat stdin; sleep 1) | timeout "$STEP_TIMEOUT" "$build/$bin/$name" c 127.0.0.1 \
        > "$out.client" 2> "$out.stderr")
    echo "exit $?" >> "$out.client"
    stop $srv
    return 0
}

# The files a demo's two runs are compared on.
compared_files() {
    case $1 in
    tls-client-block | tls-client-non-block | sconnect | client-arg | client-conf) echo client request ;;
    main) echo s.server s.peer c.client ;;
    *) echo server peer ;;
    esac
}

# normalise FILE: what may differ between two correct runs: a build's __DATE__ __TIME__
# (sslecho's banner) and ports the peer picked.
normalise() {
    sed -E -e 's/[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{4} : [0-9]{2}:[0-9]{2}:[0-9]{2}/BUILD-TIME/' \
        -e 's/(127\.0\.0\.1|localhost):[0-9]+/\1:PORT/g' "$1"
}

# missing NAME: what the libtls12 build of demo NAME lacks, in a few words: the names
# its compiler and linker did not find, or what did not run or differ.
missing() {
    local name=$1 log=$build/out/$1.tls12.build names
    if [ ! -x "$build/openssl/$name" ]; then
        echo "its OpenSSL build failed (see $build/out/$name.openssl.build)"
        return
    fi
    if [ ! -x "$build/tls12/$name" ]; then
        names=$(sed -n -E -e "s/.*implicit declaration of function '([^']*)'.*/\1/p" \
            -e "s/.*unknown type name '([^']*)'.*/\1/p" \
            -e "s/.*'([^']*)' undeclared.*/\1/p" \
            -e "s/.*undefined reference to \`([^']*)'.*/\1/p" "$log" 2> /dev/null | sort -u | tr '\n' ' ' | sed 's/ $//')
        echo "${names:-its libtls12 build failed (see $log)}"
        return
    fi
    if [ "$2" = no ]; then
        echo "it did not run to the end (see $build/out/$name.*)"
        return
    fi
    echo "different $(cd "$build/out" && find . -name "$name.*.diff" -size +0 | sed "s|^./$name\.||; s|\.diff$||" | tr '\n' ' ' | sed 's/ $//')"
}

for demo in $demos; do
    name=$(basename "$demo")
    built=no ran=no identical=no
    if build_demo "$demo"; then
        built=yes
        run_demo "$name" openssl "$build/out/$name.openssl" &&
            run_demo "$name" tls12 "$build/out/$name.tls12" && ran=yes
        if [ $ran = yes ]; then
            identical=yes
            for f in $(compared_files "$name"); do
                if ! diff -u <(normalise "$build/out/$name.openssl.$f") \
                    <(normalise "$build/out/$name.tls12.$f") > "$build/out/$name.$f.diff"; then
                    identical=no
                fi
            done
        fi
    fi
    required=no
    case " $(echo $must_match) " in *" $demo "*) required=yes ;; esac
    if [ $identical = yes ] && [ $required = yes ]; then
        echo "$demo: identical"
    elif [ $required = yes ]; then
        echo "$demo: FAILED, must be identical: built=$built ran=$ran; $(missing "$name" $ran)"
        failed=$((failed + 1))
    elif [ $identical = yes ]; then
        echo "$demo: now identical (add it to must_match)"
    else
        echo "$demo: not yet supported: $(missing "$name" $ran)"
    fi
done
echo "openssl demos: $failed of $(echo $must_match | wc -w) that must be identical are not (details in $build/out)"
[ $failed -eq 0 ]

#!/bin/bash
# Build systems find libtls12 as "OpenSSL" through the prefix scripts/openssl-prefix.sh
# makes (`make openssl-prefix`):
#   - pkg-config answers for openssl, libssl and libcrypto with the prefix's flags;
#   - autoconf-style link checks (no headers, `char NAME(void);`) link with -lssl -lcrypto;
#   - the companions export exactly libtls12's functions under their plain names, and a
#     program linked through them runs like its build against the system's OpenSSL,
#     variadic calls included, without loading the system's libssl.so.3/libcrypto.so.3;
#   - CMake's find_package(OpenSSL) finds our version and headers, and a client built
#     with OpenSSL::SSL talks to `openssl s_server` as its OpenSSL build does;
#   - a C file including every header in include/tls12/openssl compiles, and `gcc -M`
#     shows that none of the system's OpenSSL headers was read.
# Usage: tests/programs/compat-prefix.sh PREFIX CERTS_DIR
set -u
cd "$(dirname "$0")/../.."
if [ $# -ne 2 ]; then
    sed -n 's/^# Usage: /usage: /p' "$0" >&2
    exit 2
fi
prefix=$(cd "$1" && pwd)
certs=$(cd "$2" && pwd)
here=tests/programs
cc=${CC:-gcc}
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null; rm -rf "$work"' EXIT

passed=0
failed=0
check() { # check NAME: the status of the last command decides
    if [ "$1" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok   $2"
    else
        failed=$((failed + 1))
        echo "FAIL $2"
    fi
    return "$1"
}
# same NAME EXPECTED ACTUAL
same() {
    if [ "$2" = "$3" ]; then check 0 "$1"; else
        check 1 "$1"
        diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/     /'
    fi
}

version=$(sed -n 's/^#define OPENSSL_VERSION_STR "\(.*\)"/\1/p' include/tls12/openssl/opensslv.h)

# ---- pkg-config: only the prefix's .pc files can answer.
for module in openssl libssl libcrypto; do
    flags=$(PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig pkg-config --cflags --libs "$module")
    grep -qe " -I$prefix/include " <<< " $flags " && grep -qe " -L$prefix/lib " <<< " $flags "
    check $? "pkg-config --cflags --libs $module: $flags"
    same "pkg-config --modversion $module is opensslv.h's $version" "$version" \
        "$(PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig pkg-config --modversion "$module")"
done

# ---- exports: the companions hold exactly libtls12's functions, each in one of them.
# Every defined symbol, of any type: a jump forwards only functions, so a tls12_ variable
# would be missing from the companions, and anything else they define would be extra.
defined_symbols() {
    for lib in "$@"; do nm -D --defined-only "$lib"; done | awk '{ sub(/@.*/, "", $NF); print $NF }'
}
expected=$(defined_symbols "$prefix/lib/libtls12.so.0" | sed -n 's/^tls12_//p' | sort)
exported=$(defined_symbols "$prefix"/lib/libtls12-{ssl,crypto}-names.so.0 | sort)
same "the companions export libtls12's $(wc -l <<< "$expected") functions under their plain names" \
    "$expected" "$exported"
# No name sits in the other library than the one where OpenSSL's libssl.so.3 or
# libcrypto.so.3 defines it.
misplaced=$(
    for part in ssl crypto; do
        other=$([ $part = ssl ] && echo crypto || echo ssl)
        comm -12 <(defined_symbols "$prefix/lib/libtls12-$part-names.so.0" | sort) \
            <(defined_symbols "$("$cc" -print-file-name="lib$other.so")" | sort) |
            sed "s/\$/ is in our lib$part, in OpenSSL's lib$other/"
    done
)
same "every name is in the library OpenSSL has it in" "" "$misplaced"

# ---- autoconf's AC_CHECK_LIB program, for names from each library.
for name in SSL_CTX_new SSL_connect TLS_client_method OPENSSL_init_ssl SSL_get_error \
    ERR_get_error BIO_new X509_free OPENSSL_init_crypto OpenSSL_version_num; do
    printf 'char %s(void);\nint main(void) { return %s(); }\n' "$name" "$name" > "$work/conftest.c"
    "$cc" -o "$work/conftest" "$work/conftest.c" -L"$prefix/lib" -lssl -lcrypto > "$work/conftest.log" 2>&1
    check $? "autoconf link check finds $name in -lssl -lcrypto"
done

# ---- the same program through the system's OpenSSL and through the prefix.
variadic=()
for name in BIO_printf ERR_add_error_data; do
    if grep -qx "$name" <<< "$exported"; then
        variadic+=("-DHAVE_$(tr '[:lower:]' '[:upper:]' <<< "$name")")
    else
        echo "note: libtls12 has no $name yet; link-check.c leaves that variadic call out"
    fi
done
"$cc" -Wall -Werror "${variadic[@]}" -o "$work/link-check-openssl" "$here/link-check.c" -lssl -lcrypto
check $? "link-check.c builds against the system's OpenSSL"
"$cc" -Wall -Werror "${variadic[@]}" -o "$work/link-check-tls12" "$here/link-check.c" \
    $(PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig pkg-config --libs openssl)
check $? "link-check.c builds with pkg-config --libs openssl from the prefix"
same "link-check.c prints the same through the prefix as through OpenSSL" \
    "$("$work/link-check-openssl" 2>&1)" "$("$work/link-check-tls12" 2>&1)"
libs=$(ldd "$work/link-check-tls12")
grep -q 'libtls12-ssl-names.so.0 => '"$prefix" <<< "$libs" && grep -q 'libtls12.so.0 => '"$prefix" <<< "$libs"
check $? "link-check.c through the prefix loads the companion and libtls12 from the prefix"
! grep -Eq 'lib(ssl|crypto)\.so\.3' <<< "$libs"
check $? "link-check.c through the prefix loads no libssl.so.3 or libcrypto.so.3"

# ---- CMake: find_package(OpenSSL) with OPENSSL_ROOT_DIR, and without (the system's).
cmake_build() { # cmake_build DIR [ARGS...]
    local dir=$1
    shift
    cmake -S "$here/cmake-openssl" -B "$dir" "$@" > "$dir.log" 2>&1 &&
        cmake --build "$dir" >> "$dir.log" 2>&1
}
cmake_build "$work/cmake-tls12" -DOPENSSL_ROOT_DIR="$prefix"
check $? "CMake project builds with -DOPENSSL_ROOT_DIR=$prefix" || cat "$work/cmake-tls12.log"
grep -q "OpenSSL version: $version\$" "$work/cmake-tls12.log"
check $? "CMake's FindOpenSSL reports version $version"
grep -q "OpenSSL include dir: $prefix/include\$" "$work/cmake-tls12.log"
check $? "CMake's FindOpenSSL takes the prefix's headers"
libs=$(ldd "$work/cmake-tls12/client")
grep -q "libtls12.so.0 => $prefix" <<< "$libs" && ! grep -Eq 'lib(ssl|crypto)\.so\.3' <<< "$libs"
check $? "the CMake-built client loads libtls12, not the system's OpenSSL"
cmake_build "$work/cmake-openssl"
check $? "CMake project builds against the system's OpenSSL"

openssl s_server -accept 127.0.0.1:0 -naccept 2 -rev -tls1_2 -cert "$certs/rsa.pem" \
    -cert_chain "$certs/int.pem" -key "$certs/rsa.key" < /dev/null > "$work/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$work/server.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    check 1 "openssl s_server started"
    cat "$work/server.log"
else
    openssl_run=$(timeout 20 "$work/cmake-openssl/client" "$port" "$certs/ca.pem" "hello libtls12" 2>&1)
    tls12_run=$(timeout 20 "$work/cmake-tls12/client" "$port" "$certs/ca.pem" "hello libtls12" 2>&1)
    grep -q '^reply: 21slt' <<< "$openssl_run"
    check $? "the client built against OpenSSL talks to openssl s_server: $(tr '\n' ' ' <<< "$openssl_run")"
    same "the client built through CMake on libtls12 does the same" "$openssl_run" "$tls12_run"
fi

# ---- every header compiles, and none of the system's OpenSSL headers is read.
{
    for header in include/tls12/openssl/*.h; do
        echo "#include <openssl/$(basename "$header")>"
    done
    echo 'int main(void) { return OPENSSL_VERSION_MAJOR == 3 ? 0 : 1; }'
} > "$work/all_headers.c"
"$cc" -std=c11 -Wall -Wextra -Werror -pedantic -I"$prefix/include" -o "$work/all_headers" \
    "$work/all_headers.c" -L"$prefix/lib" -lssl -lcrypto -Wl,-rpath,"$prefix/lib" &&
    "$work/all_headers"
check $? "a C program including all $(ls include/tls12/openssl/*.h | wc -l) headers from the prefix builds and runs"
"$cc" -std=c11 -I"$prefix/include" -M "$work/all_headers.c" > "$work/all_headers.d"
read_system=$(grep -Eo '/usr/(local/)?include/([^ ]*/)?openssl/[^ ]*' "$work/all_headers.d" || true)
[ -s "$work/all_headers.d" ] && grep -q "$prefix/include/openssl/ssl.h" "$work/all_headers.d"
check $? "gcc -M lists the prefix's headers"
same "gcc -M lists none of the system's OpenSSL headers" "" "$read_system"

echo "compat-prefix: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

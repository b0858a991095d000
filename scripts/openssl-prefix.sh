#!/bin/sh
# Makes a directory that build systems take for an OpenSSL installation, over libtls12:
#   include/openssl/    libtls12's compatibility headers (+ tls12.h, tls12_openssl_names.h)
#   lib/libssl.so       GNU ld scripts: INPUT(libtls12-ssl-names.so.0 libtls12.so.0),
#   lib/libcrypto.so      INPUT(libtls12-crypto-names.so.0 libtls12.so.0)
#   lib/libtls12-{ssl,crypto}-names.so.0
#                       companions exporting OpenSSL's plain names (SSL_CTX_new, ...),
#                       each a jump to libtls12's tls12_ function, so that link checks
#                       written for OpenSSL (autoconf's AC_CHECK_LIB) find them; programs
#                       compiled with the headers call the tls12_ names directly
#   lib/libtls12.so.0   a link to libtls12.so
#   lib/pkgconfig/{openssl,libssl,libcrypto}.pc
# CMake's FindOpenSSL finds it with -DOPENSSL_ROOT_DIR=<dir>. The companions are generated
# from the library's own exports, never from a list kept by hand.
#
# Usage: scripts/openssl-prefix.sh LIBTLS12_SO OUT_DIR [PC_PREFIX [LINK_TARGET]]
#   LIBTLS12_SO  the built libtls12.so
#   OUT_DIR      the directory to fill (created)
#   PC_PREFIX    the directory's final place, written into the .pc files (default OUT_DIR)
#   LINK_TARGET  where lib/libtls12.so.0 points (default: LIBTLS12_SO's absolute path)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 2 ]; then
    sed -n 's/^# Usage: /usage: /p' "$0" >&2
    exit 2
fi
libtls12=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
pc_prefix=${3:-$(mkdir -p "$out" && cd "$out" && pwd)}
link_target=${4:-$libtls12}
cc=${CC:-gcc}

[ -f "$libtls12" ] || { echo "openssl-prefix: $libtls12 not found; build it first" >&2; exit 2; }

rm -rf "$out/include/openssl" "$out/lib"
mkdir -p "$out/include/openssl" "$out/lib/pkgconfig"
cp "$root"/include/tls12/openssl/*.h "$out/include/openssl/"
cp "$root"/include/tls12/*.h "$out/include/"
ln -s "$link_target" "$out/lib/libtls12.so.0"

# libtls12's functions under OpenSSL's names, one library each, as OpenSSL divides them.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nm -D --defined-only "$libtls12" | awk '{ sub(/@.*/, "", $3); print $2, $3 }' |
    sed -n 's/^\(.\) tls12_/\1 /p' | sort -k 2 > "$work/symbols"
if ! awk '$1 != "T" { exit 1 }' "$work/symbols"; then
    echo "openssl-prefix: a jump forwards only functions; libtls12 exports other symbols:" >&2
    awk '$1 != "T" { print "  tls12_" $2 " (" $1 ")" }' "$work/symbols" >&2
    exit 1
fi
cut -d ' ' -f 2 "$work/symbols" > "$work/names"
libssl_names='^(SSL_|TLS|DTLS|d2i_SSL|i2d_SSL|PEM_.*SSL_SESSION|BIO_f_ssl$|BIO_new_ssl|BIO_ssl_|OPENSSL_init_ssl$|ERR_load_SSL_strings$)'
grep -E "$libssl_names" "$work/names" > "$work/ssl" || true
grep -Ev "$libssl_names" "$work/names" > "$work/crypto" || true

# A jump keeps every argument where the caller put it, variadic functions included.
case $(uname -m) in
    x86_64) jump='jmp tls12_%s@PLT' ;;
    aarch64) jump='b tls12_%s' ;;
    *) echo "openssl-prefix: no jump instruction known for $(uname -m)" >&2; exit 1 ;;
esac
for part in ssl crypto; do
    {
        printf '\t.text\n'
        while read -r name; do
            printf '\t.globl %s\n\t.type %s, %%function\n%s:\n\t' "$name" "$name" "$name"
            # shellcheck disable=SC2059 # the instruction is the format
            printf "$jump\n" "$name"
            printf '\t.size %s, .-%s\n' "$name" "$name"
        done < "$work/$part"
        printf '\t.section .note.GNU-stack,"",%%progbits\n'
    } > "$work/$part.s"
    soname=libtls12-$part-names.so.0
    "$cc" -shared -nostdlib -o "$out/lib/$soname" "$work/$part.s" -Wl,-soname,$soname \
        -Wl,--no-undefined -L"$out/lib" -l:libtls12.so.0 -Wl,-rpath,'$ORIGIN'
    printf '/* GNU ld script: OpenSSL'"'"'s lib%s names, and libtls12 itself. */\nINPUT(%s libtls12.so.0)\n' \
        "$part" "$soname" > "$out/lib/lib$part.so"
done

# The version our opensslv.h claims.
version=$(sed -n 's/^#define OPENSSL_VERSION_STR "\(.*\)"/\1/p' "$root/include/tls12/openssl/opensslv.h")
[ -n "$version" ] || { echo "openssl-prefix: no OPENSSL_VERSION_STR in opensslv.h" >&2; exit 1; }
pc() {
    name=$1 description=$2
    shift 2
    {
        printf '%s\n' "prefix=$pc_prefix" 'libdir=${prefix}/lib' 'includedir=${prefix}/include' ''
        printf '%s\n' "Name: $name" "Description: $description (libtls12)" "Version: $version"
        printf '%s\n' "$@"
    } > "$out/lib/pkgconfig/$name.pc"
}
# The rpath lets programs find libtls12 where the prefix keeps it, without LD_LIBRARY_PATH.
pc libcrypto "OpenSSL's cryptography library names" \
    'Libs: -L${libdir} -Wl,-rpath,${libdir} -lcrypto' 'Libs.private: -lpthread -ldl -lm' \
    'Cflags: -I${includedir}'
pc libssl "OpenSSL's TLS library names" 'Requires.private: libcrypto' \
    'Libs: -L${libdir} -Wl,-rpath,${libdir} -lssl' 'Cflags: -I${includedir}'
pc openssl "TLS 1.2 with OpenSSL's API" 'Requires: libssl libcrypto'
echo "openssl-prefix: $out ($(wc -l < "$work/ssl") libssl names, $(wc -l < "$work/crypto") libcrypto names, version $version)"

#!/bin/sh
# Fetches and unpacks a Debian source package for the real-program tests, and prints the
# directory it was unpacked in. Sources are cached outside the repository (in
# $TLS12_SOURCE_CACHE, default /var/cache/libtls12/sources) and never committed; the
# deb-src list lives in a private apt directory beside the cache, so the system's apt
# configuration is never changed.
# Usage: tests/programs/fetch-source.sh PACKAGE SUITE   (e.g. openssl trixie)
set -eu
if [ $# -ne 2 ]; then
    echo "usage: $0 PACKAGE SUITE" >&2
    exit 2
fi
package=$1
suite=$2
cache=${TLS12_SOURCE_CACHE:-/var/cache/libtls12/sources}
apt_dir=$cache/apt
dest=$cache/$suite/$package
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

if [ -f "$dest/.unpacked" ]; then
    cat "$dest/.unpacked"
    exit 0
fi

mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dest"
printf 'deb-src [signed-by=%s] http://deb.debian.org/debian %s main\n' "$keyring" "$suite" \
    > "$apt_dir/sources-$suite.list"
apt_options="-o Dir::Etc::SourceList=$apt_dir/sources-$suite.list -o Dir::Etc::SourceParts=/dev/null
 -o Dir::State::Lists=$apt_dir/lists-$suite -o Dir::Cache=$apt_dir/cache -o APT::Sandbox::User=root"
mkdir -p "$apt_dir/lists-$suite/partial"
# shellcheck disable=SC2086 # the options are separate words
apt-get -q $apt_options update > "$dest/apt-update.log" 2>&1 ||
    { cat "$dest/apt-update.log" >&2; exit 1; }
# The index may list versions the mirror no longer has: try each, newest first.
# shellcheck disable=SC2086
versions=$(apt-cache $apt_options showsrc "$package" | sed -n 's/^Version: //p' | sort -r -V)
fetched=
for version in $versions; do
    # shellcheck disable=SC2086
    if (cd "$dest" && apt-get -q $apt_options source "$package=$version" > apt-source.log 2>&1); then
        fetched=$version
        break
    fi
done
if [ -z "$fetched" ]; then
    echo "fetch-source: no version of $package ($suite) could be fetched:" >&2
    cat "$dest/apt-source.log" >&2
    exit 1
fi
dir=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name "$package-*" | head -n 1)
if [ -z "$dir" ]; then
    echo "fetch-source: apt-get source $package ($suite) unpacked nothing in $dest" >&2
    exit 1
fi
echo "$dir" > "$dest/.unpacked"
echo "$dir"

#!/usr/bin/env bash
# Generates the test PKI used by the C tests (ctests/), the Rust tests (tests/) and the
# demo, with the `openssl` command.
#
#   tests/gen-certs.sh OUTDIR        (the Makefile uses target/test-certs)
#
# Idempotent: when OUTDIR is complete (.done and the newest file, encrypted/ecdsa.key,
# exist) nothing is done; an OUTDIR from an older version of this script is replaced.
# Files (PEM):
#   ca.pem ca.key                 root CA "libtls12 Test Root CA" (RSA 2048)
#   int.pem int.key               intermediate CA signed by the root
#   rsa.pem rsa.key               RSA 2048 server leaf (key PKCS#8), signed by int
#   rsa-pkcs1.key                 the same key as "RSA PRIVATE KEY" (PKCS#1)
#   rsa-chain.pem                 leaf + intermediate
#   rsa4096.pem .key -chain.pem   RSA 4096 server leaf
#   ecdsa.pem ecdsa.key           P-256 server leaf, key in SEC1 ("EC PRIVATE KEY")
#   ecdsa-pkcs8.key               the same key in PKCS#8
#   ecdsa-chain.pem
#   ecdsa384.pem .key -chain.pem  P-384 server leaf (SEC1 key)
#   ed25519.pem .key -chain.pem   Ed25519 server leaf (PKCS#8 key, as genpkey writes it)
#   expired.pem .key -chain.pem   RSA server leaf valid 2020-01-01 .. 2021-01-01
#   wronghost.pem .key -chain.pem RSA server leaf for DNS:other.test only
#   selfsigned.pem .key           self-signed RSA certificate for localhost
#   client.pem client.key client-chain.pem   RSA client leaf (clientAuth)
#   untrusted-ca.pem              a root nobody trusts
#   untrusted.pem .key -chain.pem RSA server leaf issued by that root
#   cases/NAME-chain.pem          chains OpenSSL's verifier rejects (or accepts only with
#                                 X509_V_FLAG_PARTIAL_CHAIN), served with rsa.key:
#                                 notyet, nameconstraints, badsig, cafalse, nobasic,
#                                 pathlen; cases/selfclient.pem .key is a self-signed
#                                 clientAuth-only leaf
#   flood/chain.pem flood/leaf.key  a leaf and 4 levels of 40 CA certificates that share
#                                 one name and one key per level and reach no root
#   encrypted/rsa.key             rsa.key encrypted with the password "secret": PKCS#8
#                                 PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)
#   encrypted/ecdsa.key           ecdsa.key, same password, OpenSSL's older PEM
#                                 encryption (Proc-Type/DEK-Info, AES-128-CBC)
# Server leaves: SAN DNS:localhost, DNS:server.test, IP:127.0.0.1 and EKU serverAuth.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
complete() { [ -e "$1/.done" ] && [ -e "$1/encrypted/ecdsa.key" ]; }
if complete "$out"; then
    exit 0
fi
# Everything is made in a fresh directory beside OUTDIR and renamed into place at the
# end, so a run that is interrupted, or two runs at once (make and cargo test), never
# leave a mix of files from different runs.
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
fresh=$(mktemp -d "$out.new.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/gen-certs.XXXXXX")
trap 'rm -rf "$work" "$fresh"' EXIT
cd "$fresh"

days=3650
server_san="DNS:localhost,DNS:server.test,IP:127.0.0.1"

# Extension sections, one file for all; selected with -extensions NAME.
cat > "$work/ext.cnf" <<EOF
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[int_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $server_san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ed25519_server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $server_san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[wronghost_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[selfsigned_ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
extendedKeyUsage = serverAuth

[selfclient_ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
extendedKeyUsage = clientAuth

[nameconstraints_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
nameConstraints = critical, permitted;DNS:.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[cafalse_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[nobasic_ext]
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF

# Key generation. All keys are written as PKCS#8 ("PRIVATE KEY") by genpkey.
rsa_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"; }
ec_pkcs8_key() { openssl genpkey -quiet -algorithm EC -pkeyopt "ec_paramgen_curve:$2" -out "$1"; }
# SEC1 ("EC PRIVATE KEY") copy of a PKCS#8 EC key.
to_sec1() { openssl ec -in "$1" -out "$2" 2>/dev/null; }

# csr KEY SUBJECT CSR
csr() { openssl req -new -key "$1" -subj "$2" -out "$3"; }

# issue NAME SUBJECT EXT ISSUER: signs NAME.csr (from NAME.key) with ISSUER.pem/.key.
issue() {
    csr "$1.key" "$2" "$work/$1.csr"
    openssl x509 -req -in "$work/$1.csr" -CA "$4.pem" -CAkey "$4.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$days" -sha256 \
        -extfile "$work/ext.cnf" -extensions "$3" -out "$1.pem" 2>/dev/null
}

# Root and intermediate.
rsa_key ca.key 2048
openssl req -x509 -new -key ca.key -subj "/O=libtls12/CN=libtls12 Test Root CA" \
    -days "$days" -sha256 -config "$work/ext.cnf" -extensions ca_ext -out ca.pem
rsa_key int.key 2048
issue int "/O=libtls12/CN=libtls12 Test Intermediate CA" int_ext ca

# Server leaves signed by the intermediate.
rsa_key rsa.key 2048
issue rsa "/O=libtls12/CN=localhost" server_ext int
openssl rsa -in rsa.key -traditional -out rsa-pkcs1.key 2>/dev/null

rsa_key rsa4096.key 4096
issue rsa4096 "/O=libtls12/CN=localhost" server_ext int

ec_pkcs8_key ecdsa-pkcs8.key P-256
to_sec1 ecdsa-pkcs8.key ecdsa.key
issue ecdsa "/O=libtls12/CN=localhost" server_ext int

ec_pkcs8_key "$work/ecdsa384-pkcs8.key" P-384
to_sec1 "$work/ecdsa384-pkcs8.key" ecdsa384.key
issue ecdsa384 "/O=libtls12/CN=localhost" server_ext int

openssl genpkey -algorithm ed25519 -out ed25519.key
issue ed25519 "/O=libtls12/CN=localhost" ed25519_server_ext int

rsa_key wronghost.key 2048
issue wronghost "/O=libtls12/CN=other.test" wronghost_ext int

rsa_key client.key 2048
issue client "/O=libtls12/CN=libtls12 test client" client_ext int

# Expired leaf: `openssl ca` is the command that takes an explicit start and end date.
mkdir -p "$work/ca/new"
: > "$work/ca/index.txt"
cat > "$work/ca.cnf" <<EOF
[ca]
default_ca = expired_ca

[expired_ca]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
certificate = $PWD/int.pem
private_key = $PWD/int.key
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none

[anything]
organizationName = optional
commonName = supplied
EOF
openssl rand -hex 16 > "$work/ca/serial"
rsa_key expired.key 2048
csr expired.key "/O=libtls12/CN=localhost" "$work/expired.csr"
openssl ca -batch -config "$work/ca.cnf" -notext -in "$work/expired.csr" \
    -startdate 20200101000000Z -enddate 20210101000000Z \
    -extfile "$work/ext.cnf" -extensions server_ext -out expired.pem 2>/dev/null

# Self-signed server certificate (carries CA:TRUE, as `req -x509` makes it).
rsa_key selfsigned.key 2048
openssl req -x509 -new -key selfsigned.key -subj "/O=libtls12/CN=localhost" \
    -days "$days" -sha256 -config "$work/ext.cnf" -extensions selfsigned_ext \
    -out selfsigned.pem

# A second root that nobody trusts, and a server leaf under it.
rsa_key untrusted-ca.key 2048
openssl req -x509 -new -key untrusted-ca.key \
    -subj "/O=libtls12/CN=libtls12 Untrusted Root CA" \
    -days "$days" -sha256 -config "$work/ext.cnf" -extensions ca_ext -out untrusted-ca.pem
rsa_key untrusted.key 2048
issue untrusted "/O=libtls12/CN=localhost" server_ext untrusted-ca

# Chains: leaf first, then the issuing CA (the root is never sent).
for name in rsa rsa4096 ecdsa ecdsa384 ed25519 expired wronghost client; do
    cat "$name.pem" int.pem > "$name-chain.pem"
done
cat untrusted.pem untrusted-ca.pem > untrusted-chain.pem

# Sanity: every leaf verifies against its root (the expired one only at a past time).
for name in rsa rsa4096 ecdsa ecdsa384 ed25519 wronghost client; do
    openssl verify -CAfile ca.pem -untrusted int.pem "$name.pem" > /dev/null
done
openssl verify -CAfile ca.pem -untrusted int.pem -no_check_time expired.pem > /dev/null
openssl verify -CAfile untrusted-ca.pem untrusted.pem > /dev/null

# Chains for the verification cases (cases/): each is served with rsa.key.
mkdir cases
csr rsa.key "/O=libtls12/CN=localhost" "$work/leaf.csr"
# leaf_under ISSUER OUT: a localhost server leaf for rsa.key signed by ISSUER.pem/.key.
leaf_under() {
    openssl x509 -req -in "$work/leaf.csr" -CA "$1.pem" -CAkey "$1.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$days" -sha256 \
        -extfile "$work/ext.cnf" -extensions server_ext -out "$2" 2>/dev/null
}
# ca_case NAME EXT ISSUER: cases/NAME-chain.pem = leaf, a CA "NAME CA" made with EXT
# under ISSUER, and the intermediate when ISSUER is int.
ca_case() {
    ec_pkcs8_key "$work/$1-ca.key" P-256
    csr "$work/$1-ca.key" "/O=libtls12/CN=$1 CA" "$work/$1-ca.csr"
    openssl x509 -req -in "$work/$1-ca.csr" -CA "$3.pem" -CAkey "$3.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$days" -sha256 \
        -extfile "$work/ext.cnf" -extensions "$2" -out "$work/$1-ca.pem" 2>/dev/null
    leaf_under "$work/$1-ca" "$work/$1-leaf.pem"
    cat "$work/$1-leaf.pem" "$work/$1-ca.pem" > "cases/$1-chain.pem"
    if [ "$3" = int ]; then cat int.pem >> "cases/$1-chain.pem"; fi
}
ca_case nameconstraints nameconstraints_ext ca
ca_case cafalse cafalse_ext ca
ca_case nobasic nobasic_ext ca
ca_case pathlen int_ext int
# Not yet valid, from the `openssl ca` set up above.
openssl ca -batch -config "$work/ca.cnf" -notext -in "$work/leaf.csr" \
    -startdate 20400101000000Z -enddate 20410101000000Z \
    -extfile "$work/ext.cnf" -extensions server_ext -out "$work/notyet.pem" 2>/dev/null
cat "$work/notyet.pem" int.pem > cases/notyet-chain.pem
# A bad signature: rsa.pem with the last byte of its signature changed.
openssl x509 -in rsa.pem -outform DER -out "$work/badsig.der"
python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[-1] ^= 1; open(p, "wb").write(b)' "$work/badsig.der"
openssl x509 -inform DER -in "$work/badsig.der" -out "$work/badsig.pem"
cat "$work/badsig.pem" int.pem > cases/badsig-chain.pem
# A self-signed leaf for clientAuth only.
rsa_key cases/selfclient.key 2048
openssl req -x509 -new -key cases/selfclient.key -subj "/O=libtls12/CN=localhost" \
    -days "$days" -sha256 -config "$work/ext.cnf" -extensions selfclient_ext \
    -out cases/selfclient.pem

# The path-building flood: level L (1..4) is 40 CA certificates named "Flood L", all
# with key L, issued by "Flood L+1" (level 5 is a root that is never sent or trusted).
mkdir flood
for level in 5 4 3 2 1; do
    ec_pkcs8_key "$work/flood$level.key" P-256
    csr "$work/flood$level.key" "/O=libtls12/CN=Flood $level" "$work/flood$level.csr"
done
openssl req -x509 -new -key "$work/flood5.key" -subj "/O=libtls12/CN=Flood 5" \
    -days "$days" -sha256 -config "$work/ext.cnf" -extensions ca_ext -out "$work/flood5.pem"
ec_pkcs8_key flood/leaf.key P-256
openssl req -new -key flood/leaf.key -subj "/O=libtls12/CN=localhost" -out "$work/floodleaf.csr"
: > "$work/flood-cas.pem"
for level in 4 3 2 1; do
    for i in $(seq 40); do
        openssl x509 -req -in "$work/flood$level.csr" -CA "$work/flood$((level + 1)).pem" \
            -CAkey "$work/flood$((level + 1)).key" -set_serial "$((level * 100 + i))" \
            -days "$days" -sha256 -extfile "$work/ext.cnf" -extensions ca_ext \
            -out "$work/flood$level-$i.pem" 2>/dev/null
    done
    cp "$work/flood$level-1.pem" "$work/flood$level.pem"
done
openssl x509 -req -in "$work/floodleaf.csr" -CA "$work/flood1.pem" -CAkey "$work/flood1.key" \
    -set_serial 1 -days "$days" -sha256 -extfile "$work/ext.cnf" -extensions server_ext \
    -out "$work/floodleaf.pem" 2>/dev/null
cat "$work/floodleaf.pem" "$work"/flood[1-4]-*.pem > flood/chain.pem

# Encrypted copies of two server keys.
mkdir -p encrypted
openssl pkcs8 -topk8 -in rsa.key -v2 aes-256-cbc -passout pass:secret -out encrypted/rsa.key
openssl ec -in ecdsa.key -aes128 -passout pass:secret -out encrypted/ecdsa.key 2>/dev/null

touch .done
cd ..
# An empty or unfinished OUTDIR is replaced; one finished meanwhile by another run wins.
if [ -d "$out" ] && ! complete "$out"; then
    rm -rf "$out"
fi
mv -T "$fresh" "$out" 2>/dev/null || complete "$out"

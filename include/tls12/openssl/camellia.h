/*
 * libtls12 compatibility header: <openssl/camellia.h>.
 * libtls12 has no Camellia (OPENSSL_NO_CAMELLIA in opensslconf.h): like OpenSSL's header
 * in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_CAMELLIA_H
#define TLS12_OPENSSL_CAMELLIA_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_CAMELLIA
# error "libtls12 has no Camellia, but OPENSSL_NO_CAMELLIA is not defined"
#endif

#endif /* TLS12_OPENSSL_CAMELLIA_H */

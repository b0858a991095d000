/*
 * libtls12 compatibility header: <openssl/md4.h>.
 * libtls12 has no MD4 (OPENSSL_NO_MD4 in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_MD4_H
#define TLS12_OPENSSL_MD4_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_MD4
# error "libtls12 has no MD4, but OPENSSL_NO_MD4 is not defined"
#endif

#endif /* TLS12_OPENSSL_MD4_H */

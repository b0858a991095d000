/*
 * libtls12 compatibility header: <openssl/cast.h>.
 * libtls12 has no CAST (OPENSSL_NO_CAST in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_CAST_H
#define TLS12_OPENSSL_CAST_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_CAST
# error "libtls12 has no CAST, but OPENSSL_NO_CAST is not defined"
#endif

#endif /* TLS12_OPENSSL_CAST_H */

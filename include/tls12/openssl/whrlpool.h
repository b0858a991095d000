/*
 * libtls12 compatibility header: <openssl/whrlpool.h>.
 * libtls12 has no Whirlpool (OPENSSL_NO_WHIRLPOOL in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_WHRLPOOL_H
#define TLS12_OPENSSL_WHRLPOOL_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_WHIRLPOOL
# error "libtls12 has no Whirlpool, but OPENSSL_NO_WHIRLPOOL is not defined"
#endif

#endif /* TLS12_OPENSSL_WHRLPOOL_H */

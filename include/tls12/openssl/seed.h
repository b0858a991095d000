/*
 * libtls12 compatibility header: <openssl/seed.h>.
 * libtls12 has no SEED (OPENSSL_NO_SEED in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_SEED_H
#define TLS12_OPENSSL_SEED_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_SEED
# error "libtls12 has no SEED, but OPENSSL_NO_SEED is not defined"
#endif

#endif /* TLS12_OPENSSL_SEED_H */

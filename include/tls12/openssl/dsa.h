/*
 * libtls12 compatibility header: <openssl/dsa.h>.
 * libtls12 has no DSA keys and signatures (OPENSSL_NO_DSA in opensslconf.h): like
 * OpenSSL's header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_DSA_H
#define TLS12_OPENSSL_DSA_H

#include "opensslconf.h"
#include "types.h"

#ifndef OPENSSL_NO_DSA
# error "libtls12 has no DSA keys and signatures, but OPENSSL_NO_DSA is not defined"
#endif

#endif /* TLS12_OPENSSL_DSA_H */

/*
 * libtls12 compatibility header: <openssl/ripemd.h>.
 * libtls12 has no RIPEMD-160 (OPENSSL_NO_RMD160 in opensslconf.h): like OpenSSL's header
 * in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_RIPEMD_H
#define TLS12_OPENSSL_RIPEMD_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_RMD160
# error "libtls12 has no RIPEMD-160, but OPENSSL_NO_RMD160 is not defined"
#endif

#endif /* TLS12_OPENSSL_RIPEMD_H */

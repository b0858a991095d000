/*
 * libtls12 compatibility header: <openssl/rc4.h>.
 * libtls12 has no RC4 (OPENSSL_NO_RC4 in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_RC4_H
#define TLS12_OPENSSL_RC4_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_RC4
# error "libtls12 has no RC4, but OPENSSL_NO_RC4 is not defined"
#endif

#endif /* TLS12_OPENSSL_RC4_H */

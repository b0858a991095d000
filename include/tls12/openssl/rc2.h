/*
 * libtls12 compatibility header: <openssl/rc2.h>.
 * libtls12 has no RC2 (OPENSSL_NO_RC2 in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_RC2_H
#define TLS12_OPENSSL_RC2_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_RC2
# error "libtls12 has no RC2, but OPENSSL_NO_RC2 is not defined"
#endif

#endif /* TLS12_OPENSSL_RC2_H */

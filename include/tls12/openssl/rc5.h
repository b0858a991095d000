/*
 * libtls12 compatibility header: <openssl/rc5.h>.
 * libtls12 has no RC5 (OPENSSL_NO_RC5 in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_RC5_H
#define TLS12_OPENSSL_RC5_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_RC5
# error "libtls12 has no RC5, but OPENSSL_NO_RC5 is not defined"
#endif

#endif /* TLS12_OPENSSL_RC5_H */

/*
 * libtls12 compatibility header: <openssl/mdc2.h>.
 * libtls12 has no MDC2 (OPENSSL_NO_MDC2 in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_MDC2_H
#define TLS12_OPENSSL_MDC2_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_MDC2
# error "libtls12 has no MDC2, but OPENSSL_NO_MDC2 is not defined"
#endif

#endif /* TLS12_OPENSSL_MDC2_H */

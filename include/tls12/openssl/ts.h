/*
 * libtls12 compatibility header: <openssl/ts.h>.
 * libtls12 has no time-stamping (RFC 3161) (OPENSSL_NO_TS in opensslconf.h): like
 * OpenSSL's header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_TS_H
#define TLS12_OPENSSL_TS_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_TS
# error "libtls12 has no time-stamping (RFC 3161), but OPENSSL_NO_TS is not defined"
#endif

#endif /* TLS12_OPENSSL_TS_H */

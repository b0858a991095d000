/*
 * libtls12 compatibility header: <openssl/cmp.h>.
 * libtls12 has no CMP (RFC 4210) (OPENSSL_NO_CMP in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_CMP_H
#define TLS12_OPENSSL_CMP_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_CMP
# error "libtls12 has no CMP (RFC 4210), but OPENSSL_NO_CMP is not defined"
#endif

#endif /* TLS12_OPENSSL_CMP_H */

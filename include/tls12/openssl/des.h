/*
 * libtls12 compatibility header: <openssl/des.h>.
 * libtls12 has no DES or triple DES (OPENSSL_NO_DES in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_DES_H
#define TLS12_OPENSSL_DES_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_DES
# error "libtls12 has no DES or triple DES, but OPENSSL_NO_DES is not defined"
#endif

#endif /* TLS12_OPENSSL_DES_H */

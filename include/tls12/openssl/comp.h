/*
 * libtls12 compatibility header: <openssl/comp.h>.
 * libtls12 has no TLS compression (OPENSSL_NO_COMP in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_COMP_H
#define TLS12_OPENSSL_COMP_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_COMP
# error "libtls12 has no TLS compression, but OPENSSL_NO_COMP is not defined"
#endif

#endif /* TLS12_OPENSSL_COMP_H */

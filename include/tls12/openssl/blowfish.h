/*
 * libtls12 compatibility header: <openssl/blowfish.h>.
 * libtls12 has no Blowfish (OPENSSL_NO_BF in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_BLOWFISH_H
#define TLS12_OPENSSL_BLOWFISH_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_BF
# error "libtls12 has no Blowfish, but OPENSSL_NO_BF is not defined"
#endif

#endif /* TLS12_OPENSSL_BLOWFISH_H */

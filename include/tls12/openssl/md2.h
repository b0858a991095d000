/*
 * libtls12 compatibility header: <openssl/md2.h>.
 * libtls12 has no MD2 (OPENSSL_NO_MD2 in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_MD2_H
#define TLS12_OPENSSL_MD2_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_MD2
# error "libtls12 has no MD2, but OPENSSL_NO_MD2 is not defined"
#endif

#endif /* TLS12_OPENSSL_MD2_H */

/*
 * libtls12 compatibility header: <openssl/ossl_typ.h>, OpenSSL 1.1's name for types.h.
 */
#ifndef TLS12_OPENSSL_OSSL_TYP_H
#define TLS12_OPENSSL_OSSL_TYP_H

#include "types.h"

#endif /* TLS12_OPENSSL_OSSL_TYP_H */

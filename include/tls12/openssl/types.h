/*
 * libtls12 compatibility header: <openssl/types.h>.
 * The opaque types libtls12 has (SSL_CTX, SSL, X509, BIO, EVP_PKEY, ...) are declared by
 * tls12.h under OpenSSL's names.
 */
#ifndef TLS12_OPENSSL_TYPES_H
#define TLS12_OPENSSL_TYPES_H

#include "e_os2.h"
#include "../tls12.h"

#endif /* TLS12_OPENSSL_TYPES_H */

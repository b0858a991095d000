/*
 * libtls12 compatibility header: <openssl/evp.h>.
 * libtls12 has no EVP API; this header exists so that TLS code that includes it for
 * initialisation macros compiles.
 */
#ifndef TLS12_OPENSSL_EVP_H
#define TLS12_OPENSSL_EVP_H

#include "crypto.h"

#endif /* TLS12_OPENSSL_EVP_H */

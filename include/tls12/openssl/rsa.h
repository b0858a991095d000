/*
 * libtls12 compatibility header: <openssl/rsa.h>.
 * OpenSSL's RSA constants. libtls12 uses RSA keys through EVP_PKEY and certificates and
 * has none of the low-level RSA_* functions.
 */
#ifndef TLS12_OPENSSL_RSA_H
#define TLS12_OPENSSL_RSA_H

#include "bio.h"
#include "bn.h"
#include "crypto.h"
#include "safestack.h"
#include "types.h"

/* Public exponents. */
#define RSA_3 0x3L
#define RSA_F4 0x10001L

/* Padding modes. */
#define RSA_PKCS1_PADDING 1
#define RSA_NO_PADDING 3
#define RSA_PKCS1_OAEP_PADDING 4
#define RSA_X931_PADDING 5
#define RSA_PKCS1_PSS_PADDING 6
#define RSA_PKCS1_WITH_TLS_PADDING 7
#define RSA_PKCS1_PADDING_SIZE 11

#endif /* TLS12_OPENSSL_RSA_H */

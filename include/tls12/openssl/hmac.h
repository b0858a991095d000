/*
 * libtls12 compatibility header: <openssl/hmac.h>.
 * HMAC_CTX (HMAC_CTX_new, HMAC_Init_ex, HMAC_Update, HMAC_Final ...) and HMAC().
 */
#ifndef TLS12_OPENSSL_HMAC_H
#define TLS12_OPENSSL_HMAC_H

#include "evp.h"

#define HMAC_MAX_MD_CBLOCK 200

#endif /* TLS12_OPENSSL_HMAC_H */

/*
 * libtls12 compatibility header: <openssl/sha.h>.
 * SHA1_*, SHA224_*, SHA256_*, SHA384_*, SHA512_* and the one-shots SHA1() ...;
 * SHA_CTX, SHA256_CTX and SHA512_CTX hold the running hash (copy them by assignment;
 * their fields are private).
 */
#ifndef TLS12_OPENSSL_SHA_H
#define TLS12_OPENSSL_SHA_H

#include <stddef.h>
#include "../tls12_openssl_names.h"

#define SHA_DIGEST_LENGTH 20
#define SHA_LONG unsigned int
#define SHA_LBLOCK 16
#define SHA_CBLOCK (SHA_LBLOCK * 4)
#define SHA_LAST_BLOCK (SHA_CBLOCK - 8)
#define SHA256_CBLOCK (SHA_LBLOCK * 4)
#define SHA224_DIGEST_LENGTH 28
#define SHA256_DIGEST_LENGTH 32
#define SHA384_DIGEST_LENGTH 48
#define SHA512_DIGEST_LENGTH 64
#define SHA512_CBLOCK (SHA_LBLOCK * 8)
#define SHA_LONG64 unsigned long long

#endif /* TLS12_OPENSSL_SHA_H */

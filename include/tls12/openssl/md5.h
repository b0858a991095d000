/*
 * libtls12 compatibility header: <openssl/md5.h>.
 * MD5_Init/MD5_Update/MD5_Final and MD5(); MD5_CTX holds the running hash (copy it by
 * assignment; its fields are private).
 */
#ifndef TLS12_OPENSSL_MD5_H
#define TLS12_OPENSSL_MD5_H

#include <stddef.h>
#include "../tls12_openssl_names.h"

#define MD5_LONG unsigned int
#define MD5_CBLOCK 64
#define MD5_LBLOCK (MD5_CBLOCK / 4)
#define MD5_DIGEST_LENGTH 16

#endif /* TLS12_OPENSSL_MD5_H */

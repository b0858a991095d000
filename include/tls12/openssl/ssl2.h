/*
 * libtls12 compatibility header: <openssl/ssl2.h>.
 * SSL 2.0's numbers, which programs compare record bytes with; libtls12 refuses SSL 2.0
 * (OPENSSL_NO_SSL2), as OpenSSL 3 does.
 */
#ifndef TLS12_OPENSSL_SSL2_H
#define TLS12_OPENSSL_SSL2_H

#include "macros.h"

#define SSL2_VERSION 0x0002
#define SSL2_MT_CLIENT_HELLO 1

#endif /* TLS12_OPENSSL_SSL2_H */

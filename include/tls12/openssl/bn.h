/*
 * libtls12 compatibility header: <openssl/bn.h>.
 * libtls12 has no BIGNUM functions yet; the header exists, with OpenSSL's includes, so
 * that programs which include it for other declarations compile.
 */
#ifndef TLS12_OPENSSL_BN_H
#define TLS12_OPENSSL_BN_H

#include <stdio.h>
#include "e_os2.h"
#include "types.h"
#include "crypto.h"

#endif /* TLS12_OPENSSL_BN_H */

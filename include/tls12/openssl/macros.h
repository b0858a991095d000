/*
 * libtls12 compatibility header: <openssl/macros.h>.
 * OpenSSL's helper macros: the API level a program asks for, source locations, and the
 * deprecation markers (empty: libtls12 does not warn about OpenSSL's deprecations).
 */
#ifndef TLS12_OPENSSL_MACROS_H
#define TLS12_OPENSSL_MACROS_H

#include "opensslconf.h"
#include "opensslv.h"

#define OPENSSL_MSTR_HELPER(x) #x
#define OPENSSL_MSTR(x) OPENSSL_MSTR_HELPER(x)

/* A program may ask for an older API with OPENSSL_API_COMPAT (0x10100000L or 10100). */
#ifndef OPENSSL_API_LEVEL
# ifdef OPENSSL_API_COMPAT
#  if OPENSSL_API_COMPAT < 0x900000L
#   define OPENSSL_API_LEVEL (OPENSSL_API_COMPAT)
#  else
#   define OPENSSL_API_LEVEL \
        (((OPENSSL_API_COMPAT >> 28) & 0xF) * 10000 + ((OPENSSL_API_COMPAT >> 20) & 0xFF) * 100)
#  endif
# else
#  define OPENSSL_API_LEVEL OPENSSL_CONFIGURED_API
# endif
#endif
#if OPENSSL_API_LEVEL > OPENSSL_CONFIGURED_API
# error "libtls12 offers OpenSSL 3.0's API; OPENSSL_API_COMPAT or OPENSSL_API_LEVEL asks for more"
#endif

#define OSSL_DEPRECATED(since)
#define OSSL_DEPRECATED_FOR(since, message)
#define OSSL_DEPRECATEDIN_3_0
#define OSSL_DEPRECATEDIN_3_0_FOR(message)
#define OSSL_DEPRECATEDIN_1_1_1
#define OSSL_DEPRECATEDIN_1_1_0
#define OSSL_DEPRECATEDIN_1_0_2
#define OSSL_DEPRECATEDIN_1_0_1
#define OSSL_DEPRECATEDIN_1_0_0
#define OSSL_DEPRECATEDIN_0_9_8

#define OPENSSL_FILE __FILE__
#define OPENSSL_LINE __LINE__
#define OPENSSL_FUNC __func__

#endif /* TLS12_OPENSSL_MACROS_H */

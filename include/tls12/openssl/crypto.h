/*
 * libtls12 compatibility header: <openssl/crypto.h>.
 * OpenSSL's names for libtls12's functions, memory helpers and initialisation.
 */
#ifndef TLS12_OPENSSL_CRYPTO_H
#define TLS12_OPENSSL_CRYPTO_H

#include <stdlib.h>
#include "e_os2.h"
#include "opensslv.h"
#include "types.h"
#include "../tls12_openssl_names.h"

#define OPENSSL_malloc(num) tls12_CRYPTO_malloc((num), __FILE__, __LINE__)
#define OPENSSL_free(addr) tls12_CRYPTO_free((addr), __FILE__, __LINE__)

/* OpenSSL_version */
#define OPENSSL_VERSION 0
#define OPENSSL_CFLAGS 1
#define OPENSSL_BUILT_ON 2
#define OPENSSL_PLATFORM 3
#define OPENSSL_DIR 4
#define OPENSSL_ENGINES_DIR 5
#define OPENSSL_VERSION_STRING 6
#define OPENSSL_FULL_VERSION_STRING 7
#define OPENSSL_MODULES_DIR 8
#define OPENSSL_CPU_INFO 9
#define SSLEAY_VERSION OPENSSL_VERSION
#define SSLEAY_VERSION_NUMBER OPENSSL_VERSION_NUMBER
#define SSLeay OpenSSL_version_num
#define SSLeay_version OpenSSL_version

#define OPENSSL_INIT_LOAD_CRYPTO_STRINGS 0x00000002L
#define OPENSSL_INIT_ADD_ALL_CIPHERS 0x00000004L
#define OPENSSL_INIT_ADD_ALL_DIGESTS 0x00000008L
#define OPENSSL_INIT_LOAD_CONFIG 0x00000040L
#define OPENSSL_INIT_LOAD_SSL_STRINGS 0x00200000L

#define OpenSSL_add_all_algorithms() \
    tls12_OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_CIPHERS | OPENSSL_INIT_ADD_ALL_DIGESTS, NULL)
#define OPENSSL_add_all_algorithms_noconf() OpenSSL_add_all_algorithms()
#define EVP_cleanup() ((void)0)
#define CRYPTO_cleanup_all_ex_data() ((void)0)

#endif /* TLS12_OPENSSL_CRYPTO_H */

/*
 * libtls12 compatibility header: <openssl/opensslv.h>.
 * libtls12 offers OpenSSL 3.0's API for TLS 1.2, so it reports that version.
 */
#ifndef TLS12_OPENSSL_OPENSSLV_H
#define TLS12_OPENSSL_OPENSSLV_H

/* Set by every libtls12 compatibility header: code can tell it is not OpenSSL. */
#define TLS12_COMPAT 1

#define OPENSSL_VERSION_MAJOR 3
#define OPENSSL_VERSION_MINOR 0
#define OPENSSL_VERSION_PATCH 0
#define OPENSSL_VERSION_NUMBER 0x30000000L
#define OPENSSL_VERSION_STR "3.0.0"
#define OPENSSL_FULL_VERSION_STR "3.0.0"
#define OPENSSL_VERSION_TEXT "libtls12 (OpenSSL 3.0 API)"
#define OPENSSL_VERSION_PREREQ(maj, min) \
    ((OPENSSL_VERSION_MAJOR << 16) + OPENSSL_VERSION_MINOR >= ((maj) << 16) + (min))

#endif /* TLS12_OPENSSL_OPENSSLV_H */

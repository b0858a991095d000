/*
 * libtls12 compatibility header: <openssl/pkcs12.h>.
 * libtls12 reads keys and certificates from PEM and DER, not from PKCS#12 files, and has
 * no PKCS12_* functions; the header exists, with OpenSSL's includes, so that programs
 * which include it for other declarations compile.
 */
#ifndef TLS12_OPENSSL_PKCS12_H
#define TLS12_OPENSSL_PKCS12_H

#include "bio.h"
#include "x509.h"

#endif /* TLS12_OPENSSL_PKCS12_H */

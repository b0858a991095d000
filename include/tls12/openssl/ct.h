/*
 * libtls12 compatibility header: <openssl/ct.h>.
 * libtls12 has no Certificate Transparency (OPENSSL_NO_CT in opensslconf.h): like
 * OpenSSL's header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_CT_H
#define TLS12_OPENSSL_CT_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_CT
# error "libtls12 has no Certificate Transparency, but OPENSSL_NO_CT is not defined"
#endif

#endif /* TLS12_OPENSSL_CT_H */

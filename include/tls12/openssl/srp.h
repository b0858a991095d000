/*
 * libtls12 compatibility header: <openssl/srp.h>.
 * libtls12 has no SRP (RFC 5054) (OPENSSL_NO_SRP in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_SRP_H
#define TLS12_OPENSSL_SRP_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_SRP
# error "libtls12 has no SRP (RFC 5054), but OPENSSL_NO_SRP is not defined"
#endif

#endif /* TLS12_OPENSSL_SRP_H */

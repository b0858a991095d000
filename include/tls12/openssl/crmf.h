/*
 * libtls12 compatibility header: <openssl/crmf.h>.
 * libtls12 has no CRMF (RFC 4211) (OPENSSL_NO_CRMF in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_CRMF_H
#define TLS12_OPENSSL_CRMF_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_CRMF
# error "libtls12 has no CRMF (RFC 4211), but OPENSSL_NO_CRMF is not defined"
#endif

#endif /* TLS12_OPENSSL_CRMF_H */

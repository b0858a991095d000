/*
 * libtls12 compatibility header: <openssl/cms.h>.
 * libtls12 has no CMS (RFC 5652) (OPENSSL_NO_CMS in opensslconf.h): like OpenSSL's
 * header in a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_CMS_H
#define TLS12_OPENSSL_CMS_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_CMS
# error "libtls12 has no CMS (RFC 5652), but OPENSSL_NO_CMS is not defined"
#endif

#endif /* TLS12_OPENSSL_CMS_H */

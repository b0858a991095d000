/*
 * libtls12 compatibility header: <openssl/opensslconf.h>.
 * The build's configuration: what libtls12 leaves out (configuration.h) and OpenSSL's
 * helper macros (macros.h).
 */
#ifndef TLS12_OPENSSL_OPENSSLCONF_H
#define TLS12_OPENSSL_OPENSSLCONF_H

#include "configuration.h"
#include "macros.h"

#endif /* TLS12_OPENSSL_OPENSSLCONF_H */

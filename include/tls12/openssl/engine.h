/*
 * libtls12 compatibility header: <openssl/engine.h>.
 * libtls12 has no engines (OPENSSL_NO_ENGINE in opensslconf.h): like OpenSSL's header in
 * a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_ENGINE_H
#define TLS12_OPENSSL_ENGINE_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_ENGINE
# error "libtls12 has no engines, but OPENSSL_NO_ENGINE is not defined"
#endif

#endif /* TLS12_OPENSSL_ENGINE_H */

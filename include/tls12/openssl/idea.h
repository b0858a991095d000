/*
 * libtls12 compatibility header: <openssl/idea.h>.
 * libtls12 has no IDEA (OPENSSL_NO_IDEA in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_IDEA_H
#define TLS12_OPENSSL_IDEA_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_IDEA
# error "libtls12 has no IDEA, but OPENSSL_NO_IDEA is not defined"
#endif

#endif /* TLS12_OPENSSL_IDEA_H */

/*
 * libtls12 compatibility header: <openssl/quic.h>.
 * libtls12 has no QUIC (OPENSSL_NO_QUIC in opensslconf.h): like OpenSSL's header in a
 * build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_QUIC_H
#define TLS12_OPENSSL_QUIC_H

#include "opensslconf.h"
#include "macros.h"

#ifndef OPENSSL_NO_QUIC
# error "libtls12 has no QUIC, but OPENSSL_NO_QUIC is not defined"
#endif

#endif /* TLS12_OPENSSL_QUIC_H */

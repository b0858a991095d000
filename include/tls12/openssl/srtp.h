/*
 * libtls12 compatibility header: <openssl/srtp.h>.
 * libtls12 has no DTLS-SRTP (OPENSSL_NO_SRTP in opensslconf.h): like OpenSSL's header in
 * a build without it, this one declares nothing.
 */
#ifndef TLS12_OPENSSL_SRTP_H
#define TLS12_OPENSSL_SRTP_H

#include "opensslconf.h"

#ifndef OPENSSL_NO_SRTP
# error "libtls12 has no DTLS-SRTP, but OPENSSL_NO_SRTP is not defined"
#endif

#endif /* TLS12_OPENSSL_SRTP_H */

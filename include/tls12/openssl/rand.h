/*
 * libtls12 compatibility header: <openssl/rand.h>.
 * RAND_bytes and friends, always from the operating system's generator.
 */
#ifndef TLS12_OPENSSL_RAND_H
#define TLS12_OPENSSL_RAND_H

#include "../tls12_openssl_names.h"

#endif /* TLS12_OPENSSL_RAND_H */

/*
 * libtls12 compatibility header: <openssl/dh.h>.
 * DH parameters for the server's DHE key exchange (PEM_read_bio_DHparams, DH_free,
 * SSL_CTX_set_tmp_dh); the DH type is declared in tls12.h.
 */
#ifndef TLS12_OPENSSL_DH_H
#define TLS12_OPENSSL_DH_H

#include "crypto.h"

#endif /* TLS12_OPENSSL_DH_H */

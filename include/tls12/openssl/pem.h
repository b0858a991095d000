/*
 * libtls12 compatibility header: <openssl/pem.h>.
 * Reading and writing PEM certificates (PEM_read_bio_X509, PEM_read_X509,
 * PEM_write_bio_X509, PEM_write_X509).
 */
#ifndef TLS12_OPENSSL_PEM_H
#define TLS12_OPENSSL_PEM_H

#include "x509.h"
#include "err.h"

typedef int pem_password_cb(char *buf, int size, int rwflag, void *userdata);

/* Certificates carry no auxiliary trust data here: the _AUX readers are the plain ones. */
#define PEM_read_bio_X509_AUX(bp, x, cb, u) PEM_read_bio_X509((bp), (x), (cb), (u))
#define PEM_read_X509_AUX(fp, x, cb, u) PEM_read_X509((fp), (x), (cb), (u))

#endif /* TLS12_OPENSSL_PEM_H */

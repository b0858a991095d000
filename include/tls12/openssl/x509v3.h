/*
 * libtls12 compatibility header: <openssl/x509v3.h>.
 * Host name and IP address checks (X509_check_host, X509_check_ip_asc) are declared
 * with the other certificate functions in x509.h.
 */
#ifndef TLS12_OPENSSL_X509V3_H
#define TLS12_OPENSSL_X509V3_H

#include "x509.h"

#endif /* TLS12_OPENSSL_X509V3_H */

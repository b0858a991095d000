/*
 * libtls12 compatibility header: <openssl/core_names.h>.
 * OpenSSL 3's names of key parameters (for EVP_PKEY_get_*_param), with OpenSSL's values.
 */
#ifndef TLS12_OPENSSL_CORE_NAMES_H
#define TLS12_OPENSSL_CORE_NAMES_H

/* Every key. */
#define OSSL_PKEY_PARAM_BITS "bits"
#define OSSL_PKEY_PARAM_MAX_SIZE "max-size"
#define OSSL_PKEY_PARAM_SECURITY_BITS "security-bits"
#define OSSL_PKEY_PARAM_GROUP_NAME "group"
#define OSSL_PKEY_PARAM_PUB_KEY "pub"
#define OSSL_PKEY_PARAM_PRIV_KEY "priv"

/* Finite-field (DH) parameters. */
#define OSSL_PKEY_PARAM_FFC_P "p"
#define OSSL_PKEY_PARAM_FFC_G "g"
#define OSSL_PKEY_PARAM_FFC_Q "q"

/* EC public key coordinates. */
#define OSSL_PKEY_PARAM_EC_PUB_X "qx"
#define OSSL_PKEY_PARAM_EC_PUB_Y "qy"

/* RSA. */
#define OSSL_PKEY_PARAM_RSA_N "n"
#define OSSL_PKEY_PARAM_RSA_E "e"

#endif /* TLS12_OPENSSL_CORE_NAMES_H */

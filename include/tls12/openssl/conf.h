/*
 * libtls12 compatibility header: <openssl/conf.h>.
 * libtls12 reads no configuration files; OpenSSL's configuration calls do nothing.
 */
#ifndef TLS12_OPENSSL_CONF_H
#define TLS12_OPENSSL_CONF_H

#include "crypto.h"

#define OPENSSL_config(name) ((void)(name))
#define OPENSSL_no_config() ((void)0)
#define CONF_modules_unload(all) ((void)(all))
#define CONF_modules_free() ((void)0)

#endif /* TLS12_OPENSSL_CONF_H */

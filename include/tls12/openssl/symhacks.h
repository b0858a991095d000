/*
 * libtls12 compatibility header: <openssl/symhacks.h>.
 * OpenSSL renames long symbols here for linkers with short names; libtls12's platforms
 * need no renaming.
 */
#ifndef TLS12_OPENSSL_SYMHACKS_H
#define TLS12_OPENSSL_SYMHACKS_H

#include "e_os2.h"

#endif /* TLS12_OPENSSL_SYMHACKS_H */

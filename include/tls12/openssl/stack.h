/*
 * libtls12 compatibility header: <openssl/stack.h>.
 * The untyped stack (OPENSSL_STACK and the OPENSSL_sk_* functions); libtls12 declares it
 * with the typed macros in safestack.h.
 */
#ifndef TLS12_OPENSSL_STACK_H
#define TLS12_OPENSSL_STACK_H

#include "macros.h"
#include "safestack.h"

#endif /* TLS12_OPENSSL_STACK_H */

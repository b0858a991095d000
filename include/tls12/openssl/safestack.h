/*
 * libtls12 compatibility header: <openssl/safestack.h>.
 * The only stacks libtls12 hands out are STACK_OF(X509), read with sk_X509_num and
 * sk_X509_value.
 */
#ifndef TLS12_OPENSSL_SAFESTACK_H
#define TLS12_OPENSSL_SAFESTACK_H

#include "../tls12_openssl_names.h"

#define STACK_OF(type) struct stack_st_##type
typedef struct stack_st OPENSSL_STACK;

#define sk_X509_num(sk) tls12_OPENSSL_sk_num(sk)
#define sk_X509_value(sk, idx) ((X509 *)tls12_OPENSSL_sk_value((sk), (idx)))

#endif /* TLS12_OPENSSL_SAFESTACK_H */

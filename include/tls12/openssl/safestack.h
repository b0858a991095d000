/*
 * libtls12 compatibility header: <openssl/safestack.h>.
 * One stack object (OPENSSL_STACK) for every element type; the typed sk_<type>_*
 * macros cast to and from the OPENSSL_sk_* functions, as OpenSSL's safestack does.
 * Stacks of X509, X509_NAME and SSL_CIPHER are what libtls12 takes and hands out.
 */
#ifndef TLS12_OPENSSL_SAFESTACK_H
#define TLS12_OPENSSL_SAFESTACK_H

#include "../tls12_openssl_names.h"

#define STACK_OF(type) struct stack_st_##type
typedef struct stack_st OPENSSL_STACK;
typedef tls12_sk_freefunc OPENSSL_sk_freefunc;

/* Every element type's macros, as casts over the OPENSSL_sk_* functions. */
#define TLS12_SK_NUM(t, sk) OPENSSL_sk_num((const OPENSSL_STACK *)(sk))
#define TLS12_SK_VALUE(t, sk, idx) ((t *)OPENSSL_sk_value((const OPENSSL_STACK *)(sk), (idx)))
#define TLS12_SK_NEW_NULL(t) ((STACK_OF(t) *)OPENSSL_sk_new_null())
#define TLS12_SK_PUSH(t, sk, ptr) OPENSSL_sk_push((OPENSSL_STACK *)(sk), (const void *)(ptr))
#define TLS12_SK_FREE(t, sk) OPENSSL_sk_free((OPENSSL_STACK *)(sk))
#define TLS12_SK_POP_FREE(t, sk, freefunc) \
    OPENSSL_sk_pop_free((OPENSSL_STACK *)(sk), (OPENSSL_sk_freefunc)(freefunc))

#define sk_X509_num(sk) TLS12_SK_NUM(X509, sk)
#define sk_X509_value(sk, idx) TLS12_SK_VALUE(X509, sk, idx)
#define sk_X509_new_null() TLS12_SK_NEW_NULL(X509)
#define sk_X509_push(sk, ptr) TLS12_SK_PUSH(X509, sk, ptr)
#define sk_X509_free(sk) TLS12_SK_FREE(X509, sk)
#define sk_X509_pop_free(sk, freefunc) TLS12_SK_POP_FREE(X509, sk, freefunc)

#define sk_X509_NAME_num(sk) TLS12_SK_NUM(X509_NAME, sk)
#define sk_X509_NAME_value(sk, idx) TLS12_SK_VALUE(X509_NAME, sk, idx)
#define sk_X509_NAME_new_null() TLS12_SK_NEW_NULL(X509_NAME)
#define sk_X509_NAME_push(sk, ptr) TLS12_SK_PUSH(X509_NAME, sk, ptr)
#define sk_X509_NAME_free(sk) TLS12_SK_FREE(X509_NAME, sk)
#define sk_X509_NAME_pop_free(sk, freefunc) TLS12_SK_POP_FREE(X509_NAME, sk, freefunc)

#define sk_SSL_CIPHER_num(sk) TLS12_SK_NUM(SSL_CIPHER, sk)
#define sk_SSL_CIPHER_value(sk, idx) TLS12_SK_VALUE(SSL_CIPHER, sk, idx)

#endif /* TLS12_OPENSSL_SAFESTACK_H */

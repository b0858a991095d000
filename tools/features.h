/*
 * Which optional parts of OpenSSL's API this build of the tool can use.
 *
 * Built against real OpenSSL everything is there. Built against libtls12's
 * compatibility headers (which define TLS12_COMPAT), a function exists exactly when the
 * headers map its OpenSSL name onto a tls12_ function with a macro, so each feature is
 * detected by the macros of the functions it needs; a header may also announce a feature
 * outright with TLS12_HAVE_<FEATURE>.
 */
#ifndef TOOLS_FEATURES_H
#define TOOLS_FEATURES_H

#include <openssl/ssl.h>
#include <openssl/pem.h>

#if !defined(TLS12_COMPAT) || defined(TLS12_HAVE_SESSIONS) ||                             \
    (defined(SSL_get1_session) && defined(SSL_set_session) && defined(SSL_SESSION_free) &&  \
     defined(PEM_read_SSL_SESSION) && defined(PEM_write_SSL_SESSION))
#define HAVE_SESSIONS 1
#else
#define HAVE_SESSIONS 0
#endif

#if !defined(TLS12_COMPAT) || defined(TLS12_HAVE_KEYLOG) || defined(SSL_CTX_set_keylog_callback)
#define HAVE_KEYLOG 1
#else
#define HAVE_KEYLOG 0
#endif

#if !defined(TLS12_COMPAT) || defined(TLS12_HAVE_MSG_CALLBACK) ||                         \
    (defined(SSL_set_msg_callback) && defined(SSL_set_msg_callback_arg))
#define HAVE_MSG_CALLBACK 1
#else
#define HAVE_MSG_CALLBACK 0
#endif

#if !defined(TLS12_COMPAT) || defined(TLS12_HAVE_PSK) ||                                  \
    (defined(SSL_CTX_set_psk_client_callback) && defined(SSL_CTX_set_psk_server_callback) && \
     defined(SSL_CTX_use_psk_identity_hint))
#define HAVE_PSK 1
#else
#define HAVE_PSK 0
#endif

#if !defined(TLS12_COMPAT) || defined(SSL_CTX_set1_client_sigalgs_list)
#define HAVE_CLIENT_SIGALGS 1
#else
#define HAVE_CLIENT_SIGALGS 0
#endif

#if !defined(TLS12_COMPAT) || defined(SSL_CTX_set_max_send_fragment)
#define HAVE_MAX_SEND_FRAGMENT 1
#else
#define HAVE_MAX_SEND_FRAGMENT 0
#endif

#endif

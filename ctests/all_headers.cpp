// Compiles every libtls12 header in one C++ translation unit, so that the headers
// stay valid C++ and do not clash with one another:
//   g++ -std=c++17 -Wall -Wextra -Werror -I include/tls12 -c ctests/all_headers.cpp
// It also uses a few of OpenSSL's macros, to check that they expand to declared names.

#include <tls12.h>
#include <tls12_openssl_names.h>
#include <openssl/bio.h>
#include <openssl/blowfish.h>
#include <openssl/bn.h>
#include <openssl/camellia.h>
#include <openssl/cast.h>
#include <openssl/cmp.h>
#include <openssl/cms.h>
#include <openssl/comp.h>
#include <openssl/conf.h>
#include <openssl/configuration.h>
#include <openssl/core_names.h>
#include <openssl/crmf.h>
#include <openssl/crypto.h>
#include <openssl/ct.h>
#include <openssl/des.h>
#include <openssl/dh.h>
#include <openssl/dsa.h>
#include <openssl/e_os2.h>
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/idea.h>
#include <openssl/macros.h>
#include <openssl/md2.h>
#include <openssl/md4.h>
#include <openssl/md5.h>
#include <openssl/mdc2.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/opensslconf.h>
#include <openssl/opensslv.h>
#include <openssl/ossl_typ.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/quic.h>
#include <openssl/rand.h>
#include <openssl/rc2.h>
#include <openssl/rc4.h>
#include <openssl/rc5.h>
#include <openssl/ripemd.h>
#include <openssl/rsa.h>
#include <openssl/safestack.h>
#include <openssl/seed.h>
#include <openssl/sha.h>
#include <openssl/srp.h>
#include <openssl/srtp.h>
#include <openssl/ssl.h>
#include <openssl/ssl2.h>
#include <openssl/ssl3.h>
#include <openssl/sslerr.h>
#include <openssl/stack.h>
#include <openssl/symhacks.h>
#include <openssl/tls1.h>
#include <openssl/ts.h>
#include <openssl/types.h>
#include <openssl/whrlpool.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

static_assert(TLS12_COMPAT == 1, "compatibility headers are in use");
static_assert(OPENSSL_VERSION_NUMBER >= 0x30000000L, "OpenSSL 3 API");
static_assert(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_CERTIFICATE_VERIFY_FAILED) == 0x0A000086UL, "packing");
static_assert(ERR_GET_LIB(0x0A000086UL) == ERR_LIB_SSL, "library of a code");
static_assert(ERR_GET_REASON(0x0A000086UL) == SSL_R_CERTIFICATE_VERIFY_FAILED, "reason of a code");
static_assert(SSL_ERROR_WANT_READ == 2 && SSL_VERIFY_PEER == 1, "OpenSSL's values");
static_assert(SSL_OP_NO_TICKET == 0x4000 && TLS1_2_VERSION == 0x0303, "OpenSSL's values");
static_assert(XN_FLAG_ONELINE == 0x82031fUL, "OpenSSL's value of XN_FLAG_ONELINE");

// Not called: it only has to compile.
int tls12_all_headers_use_macros(BIO *b, const STACK_OF(X509) *chain, X509_STORE_CTX *store) {
    char buf[256];
    unsigned long e = ERR_peek_last_error();
    ERR_error_string_n(e, buf, sizeof buf);
    char *data = NULL;
    long n = BIO_get_mem_data(b, &data);
    X509 *leaf = sk_X509_num(chain) > 0 ? sk_X509_value(chain, 0) : X509_STORE_CTX_get_current_cert(store);
    X509_NAME_print_ex(b, X509_get_subject_name(leaf), 0, XN_FLAG_ONELINE);
    char *line = X509_NAME_oneline(X509_get_subject_name(leaf), NULL, 0);
    OPENSSL_free(line);
    BIO_printf(b, "%s: %d\n", line == NULL ? "none" : "some", 42);
    printf("%s %lx\n", OpenSSL_version(OPENSSL_VERSION), SSLeay());
    SSL_library_init();
    SSL_load_error_strings();
    return BIO_should_retry(b) + BIO_pending(b) + (int)n + (data != NULL) +
           (ERR_GET_REASON(e) == PEM_R_NO_START_LINE);
}

// OpenSSL-style client and server code, unchanged from what builds against OpenSSL 3.
static int verify_cb(int preverify_ok, X509_STORE_CTX *store) {
    SSL *ssl = (SSL *)X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx());
    return ssl != NULL && (preverify_ok || X509_STORE_CTX_get_error(store) == X509_V_ERR_CERT_HAS_EXPIRED);
}

static int servername_cb(SSL *ssl, int *al, void *arg) {
    (void)arg;
    *al = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) ? SSL_TLSEXT_ERR_OK : SSL_TLSEXT_ERR_NOACK;
}

int tls12_all_headers_client(int fd, const char *host) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_set1_groups_list(ctx, "X25519:P-256");
    SSL_CTX_set1_curves_list(ctx, "X25519");
    SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256");
    if (SSL_CTX_load_verify_locations(ctx, "ca.pem", NULL) != 1) {
        ERR_print_errors_fp(stderr);
    }
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, host);
    SSL_set1_host(ssl, host);
    int ret = SSL_connect(ssl);
    if (ret <= 0) {
        switch (SSL_get_error(ssl, ret)) {
        case SSL_ERROR_WANT_READ:
        case SSL_ERROR_WANT_WRITE:
            break;
        default:
            fprintf(stderr, "%s\n", X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
        }
    }
    X509 *peer = SSL_get_peer_certificate(ssl);
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    printf("%s %s %d\n", SSL_get_version(ssl), SSL_get_cipher_name(ssl), sk_X509_num(chain));
    X509_free(peer);
    char buf[100];
    ret = SSL_write(ssl, "GET /\r\n", 7) + SSL_read(ssl, buf, sizeof buf);
    SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return ret;
}

int tls12_all_headers_server(void) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate_chain_file(ctx, "chain.pem");
    SSL_CTX_use_PrivateKey_file(ctx, "key.pem", SSL_FILETYPE_PEM);
    SSL_CTX_check_private_key(ctx);
    SSL_CTX_set_tlsext_servername_callback(ctx, servername_cb);
    SSL_CTX_set_tlsext_servername_arg(ctx, NULL);
    BIO *net = NULL, *app = NULL;
    BIO_new_bio_pair(&net, 0, &app, 0);
    SSL *ssl = SSL_new(ctx);
    SSL_set_bio(ssl, app, app);
    SSL_set_accept_state(ssl);
    int ret = SSL_do_handshake(ssl);
    ret += (int)BIO_ctrl_pending(net) + (int)BIO_ctrl_get_write_guarantee(net);
    SSL_free(ssl);
    BIO_free(net);
    SSL_CTX_free(ctx);
    return ret;
}

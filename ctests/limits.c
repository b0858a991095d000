/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * The verification and size limits a program can change: X509_V_FLAG_PARTIAL_CHAIN
 * through each of the three ways OpenSSL programs set it (the context's
 * X509_VERIFY_PARAM, its X509_STORE, one connection's X509_VERIFY_PARAM), a trust
 * store filled through X509_STORE_add_cert, the verify depth through
 * X509_VERIFY_PARAM_set_depth, and SSL_CTX_set_max_cert_list: its default, what the
 * setter returns, and a peer whose Certificate message is larger than the limit.
 */
#include "common.h"

#include <stdio.h>

/* A client context that trusts only the intermediate CA (int.pem), verifying the peer. */
static SSL_CTX *intermediate_only_client(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        die("SSL_CTX_new failed");
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    if (SSL_CTX_load_verify_locations(ctx, cert_path("int.pem"), NULL) != 1)
        die("cannot load %s", cert_path("int.pem"));
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

/* How a case changes the client before the handshake. */
enum change {
    NOTHING,
    CTX_PARAM_PARTIAL_CHAIN,   /* X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param) */
    STORE_PARTIAL_CHAIN,       /* X509_STORE_set_flags(SSL_CTX_get_cert_store) */
    SSL_PARAM_PARTIAL_CHAIN,   /* X509_VERIFY_PARAM_set_flags(SSL_get0_param) */
    PARTIAL_CHAIN_CLEARED,     /* set on the context, cleared on the connection */
    DEPTH_ZERO,                /* X509_VERIFY_PARAM_set_depth(..., 0) */
    MAX_CERT_LIST_SMALL,       /* SSL_set_max_cert_list(ssl, 1000) */
    MAX_CERT_LIST_FLOOD,       /* the default, against a 161-certificate chain */
};

static void run_case(const char *title, SSL_CTX *client_ctx, const char *chain,
                     const char *key, enum change change, int expect_ok)
{
    struct side c, s;
    SSL_CTX *server_ctx = new_server_ctx(chain, key);
    if (change == CTX_PARAM_PARTIAL_CHAIN || change == PARTIAL_CHAIN_CLEARED)
        check(X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(client_ctx),
                                          X509_V_FLAG_PARTIAL_CHAIN) == 1,
              "%s: X509_VERIFY_PARAM_set_flags", title);
    if (change == STORE_PARTIAL_CHAIN) {
        X509_STORE *store = SSL_CTX_get_cert_store(client_ctx);
        check(X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN) == 1,
              "%s: X509_STORE_set_flags", title);
        check(X509_VERIFY_PARAM_get_flags(X509_STORE_get0_param(store)) &
                  X509_V_FLAG_PARTIAL_CHAIN,
              "%s: the store's own parameters carry the flag", title);
    }
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    X509_VERIFY_PARAM *param = SSL_get0_param(c.ssl);
    check(param != NULL, "%s: SSL_get0_param", title);
    if (change == SSL_PARAM_PARTIAL_CHAIN)
        check(X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN) == 1,
              "%s: X509_VERIFY_PARAM_set_flags on the connection", title);
    if (change == PARTIAL_CHAIN_CLEARED)
        check(X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_PARTIAL_CHAIN) == 1,
              "%s: X509_VERIFY_PARAM_clear_flags", title);
    if (change == DEPTH_ZERO) {
        X509_VERIFY_PARAM_set_depth(param, 0);
        check(X509_VERIFY_PARAM_get_depth(param) == 0 && SSL_get_verify_depth(c.ssl) == 0,
              "%s: the depth set through the parameters is the connection's", title);
    }
    if (change == MAX_CERT_LIST_SMALL) {
        check(SSL_set_max_cert_list(c.ssl, 1000) == 102400,
              "%s: SSL_set_max_cert_list returns the previous limit", title);
        check(SSL_get_max_cert_list(c.ssl) == 1000, "%s: SSL_get_max_cert_list", title);
    }
    note(&c, "partial chain flag: %s",
         (X509_VERIFY_PARAM_get_flags(param) & X509_V_FLAG_PARTIAL_CHAIN) ? "on" : "off");
    if (SSL_set1_host(c.ssl, "localhost") != 1)
        die("SSL_set1_host failed");
    connect_sockets(&c, &s, 1);

    int ok = drive_handshake(&c, &s, NULL, NULL);
    check(ok == expect_ok, "%s: handshake outcome", title);
    long verify = SSL_get_verify_result(c.ssl);
    note(&c, "verify result: %ld (%s)", verify, X509_verify_cert_error_string(verify));
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(server_ctx);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    struct {
        const char *title;
        enum change change;
        int ok;
    } partial[] = {
        {"only the intermediate trusted", NOTHING, 0},
        {"partial chain through SSL_CTX_get0_param", CTX_PARAM_PARTIAL_CHAIN, 1},
        {"partial chain through SSL_CTX_get_cert_store", STORE_PARTIAL_CHAIN, 1},
        {"partial chain through SSL_get0_param", SSL_PARAM_PARTIAL_CHAIN, 1},
        {"partial chain cleared on the connection", PARTIAL_CHAIN_CLEARED, 0},
    };
    for (size_t i = 0; i < sizeof partial / sizeof partial[0]; i++) {
        SSL_CTX *ctx = intermediate_only_client();
        run_case(partial[i].title, ctx, "rsa-chain.pem", "rsa.key", partial[i].change,
                 partial[i].ok);
        SSL_CTX_free(ctx);
    }

    /* A store that starts empty and is filled through X509_STORE_add_cert. */
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        die("SSL_CTX_new failed");
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    FILE *f = fopen(cert_path("ca.pem"), "r");
    if (f == NULL)
        die("cannot open %s", cert_path("ca.pem"));
    X509 *root = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    if (root == NULL)
        die("cannot read %s", cert_path("ca.pem"));
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    check(X509_STORE_add_cert(store, root) == 1, "X509_STORE_add_cert");
    X509_free(root);
    run_case("root added with X509_STORE_add_cert", ctx, "rsa-chain.pem", "rsa.key", NOTHING,
             1);
    run_case("verify depth 0 through the parameters", ctx, "rsa-chain.pem", "rsa.key",
             DEPTH_ZERO, 0);
    SSL_CTX_free(ctx);

    ctx = new_client_ctx();
    check(SSL_CTX_get_max_cert_list(ctx) == 102400, "SSL_CTX_get_max_cert_list default");
    run_case("certificate list larger than SSL_set_max_cert_list", ctx, "rsa-chain.pem",
             "rsa.key", MAX_CERT_LIST_SMALL, 0);
    run_case("161-certificate flood under the default limit", ctx, "flood/chain.pem",
             "flood/leaf.key", MAX_CERT_LIST_FLOOD, 0);
    SSL_CTX_free(ctx);
    return test_status();
}

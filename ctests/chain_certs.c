/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Chain certificates and quiet shutdown, as servers such as nginx set them up: a server
 * loads its leaf (rsa.pem) alone and gives the intermediate (int.pem) with
 * SSL_CTX_add_extra_chain_cert, SSL_CTX_add0_chain_cert (before the key),
 * SSL_CTX_add1_chain_cert (after the key) or SSL_CTX_set0_chain; a client that trusts
 * only the root must then verify the server. Without the intermediate, or after
 * SSL_CTX_clear_chain_certs, it must not. Then SSL_set_quiet_shutdown: SSL_shutdown
 * returns 1 at once and the peer receives nothing.
 */
#include "common.h"

#include <openssl/pem.h>

#include <stdio.h>
#include <string.h>

enum how { LEAF_ONLY, EXTRA, ADD0_BEFORE_KEY, ADD1_AFTER_KEY, SET0_CHAIN, CLEARED };

/* A server context with rsa.pem, rsa.key and the intermediate given as `how` says. */
static SSL_CTX *server_ctx(enum how how)
{
    SSL_CTX *ctx = new_server_ctx(NULL, NULL);
    const char *leaf = how == CLEARED ? "rsa-chain.pem" : "rsa.pem";
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_path(leaf)) != 1)
        die("cannot load %s", leaf);
    X509 *inter = read_cert("int.pem");
    long ret = 1;
    switch (how) {
    case EXTRA:
        ret = SSL_CTX_add_extra_chain_cert(ctx, inter); /* takes the reference */
        inter = NULL;
        break;
    case ADD0_BEFORE_KEY:
        ret = SSL_CTX_add0_chain_cert(ctx, inter); /* takes the reference */
        inter = NULL;
        break;
    case SET0_CHAIN: {
        STACK_OF(X509) *chain = sk_X509_new_null();
        sk_X509_push(chain, inter);
        inter = NULL;
        ret = SSL_CTX_set0_chain(ctx, chain); /* takes the stack and its certificates */
        break;
    }
    case CLEARED:
        ret = SSL_CTX_clear_chain_certs(ctx);
        break;
    default:
        break;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, cert_path("rsa.key"), SSL_FILETYPE_PEM) != 1)
        die("cannot load rsa.key");
    if (how == ADD1_AFTER_KEY)
        ret = SSL_CTX_add1_chain_cert(ctx, inter); /* copies: we keep ours */
    X509_free(inter);
    printf("  setting the chain: %ld\n", ret);

    STACK_OF(X509) *chain = NULL, *extra = NULL;
    SSL_CTX_get0_chain_certs(ctx, &chain);
    SSL_CTX_get_extra_chain_certs_only(ctx, &extra);
    printf("  chain certificates: %d, extra chain certificates: %d\n",
           chain == NULL ? 0 : sk_X509_num(chain), extra == NULL ? 0 : sk_X509_num(extra));
    return ctx;
}

static void chain_case(const char *title, enum how how, int expect_verified)
{
    printf("-- %s\n", title);
    SSL_CTX *server = server_ctx(how);
    SSL_CTX *client = new_client_ctx();
    struct side c, s;
    side_init(&c, "client", client);
    side_init(&s, "server", server);
    connect_sockets(&c, &s, 1);
    int ok = drive_handshake(&c, &s, NULL, NULL);
    check(ok == expect_verified, "%s: handshake %s", title, ok ? "succeeded" : "failed");
    if (ok) {
        STACK_OF(X509) *sent = SSL_get_peer_cert_chain(c.ssl);
        note(&c, "certificates received: %d", sent == NULL ? 0 : sk_X509_num(sent));
    }
    note(&c, "verify result: %ld", SSL_get_verify_result(c.ssl));
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(client);
    SSL_CTX_free(server);
}

static void quiet_shutdown_case(void)
{
    const char *title = "quiet shutdown";
    SSL_CTX *server = new_server_ctx("rsa-chain.pem", "rsa.key");
    SSL_CTX *client = new_client_ctx();
    SSL_CTX_set_quiet_shutdown(client, 1);
    printf("-- %s\n  SSL_CTX_get_quiet_shutdown: %d\n", title, SSL_CTX_get_quiet_shutdown(client));
    struct side c, s;
    side_init(&c, "client", client);
    side_init(&s, "server", server);
    note(&c, "SSL_get_quiet_shutdown: %d", SSL_get_quiet_shutdown(c.ssl));
    note(&s, "SSL_get_quiet_shutdown: %d", SSL_get_quiet_shutdown(s.ssl));
    connect_sockets(&c, &s, 1);
    check(drive_handshake(&c, &s, NULL, NULL), "%s: handshake", title);
    note_shutdown(&c, "SSL_shutdown", SSL_shutdown(c.ssl));
    note(&c, "SSL_get_shutdown: %d", SSL_get_shutdown(c.ssl));
    char buf[16];
    note_result(&s, "SSL_read", SSL_read(s.ssl, buf, sizeof buf));
    note(&s, "SSL_get_shutdown: %d", SSL_get_shutdown(s.ssl));
    SSL_set_quiet_shutdown(s.ssl, 1);
    note(&s, "SSL_get_quiet_shutdown after SSL_set_quiet_shutdown: %d", SSL_get_quiet_shutdown(s.ssl));
    note_shutdown(&s, "SSL_shutdown", SSL_shutdown(s.ssl));
    note_result(&c, "SSL_read", SSL_read(c.ssl, buf, sizeof buf));
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(client);
    SSL_CTX_free(server);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    chain_case("leaf only: the client cannot verify", LEAF_ONLY, 0);
    chain_case("SSL_CTX_add_extra_chain_cert", EXTRA, 1);
    chain_case("SSL_CTX_add0_chain_cert before the key", ADD0_BEFORE_KEY, 1);
    chain_case("SSL_CTX_add1_chain_cert after the key", ADD1_AFTER_KEY, 1);
    chain_case("SSL_CTX_set0_chain", SET0_CHAIN, 1);
    chain_case("SSL_CTX_clear_chain_certs after a chain file", CLEARED, 0);
    quiet_shutdown_case();
    return test_status();
}

/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Certificate verification. The client trusts ca.pem and checks the host name
 * "localhost" (SSL_set1_host); the server presents a certificate that is expired, from
 * an unknown CA, for another host, self-signed, or missing its intermediate. With
 * SSL_VERIFY_PEER the handshake fails: the client's verify result and error reason are
 * noted, and what the server saw (the alert). With SSL_VERIFY_NONE it succeeds and the
 * verify result is still recorded. Then client certificates: required, requested,
 * missing, and one that is not meant for clients.
 */
#include "common.h"

#include <stdio.h>

struct server_cert {
    const char *title, *chain, *key;
    int ok;  /* whether verification succeeds */
};

static const struct server_cert server_certs[] = {
    {"valid chain", "rsa-chain.pem", "rsa.key", 1},
    {"expired", "expired-chain.pem", "expired.key", 0},
    {"unknown CA, leaf only", "untrusted.pem", "untrusted.key", 0},
    {"unknown CA, with its root", "untrusted-chain.pem", "untrusted.key", 0},
    {"wrong host", "wronghost-chain.pem", "wronghost.key", 0},
    {"self-signed", "selfsigned.pem", "selfsigned.key", 0},
    {"intermediate missing", "rsa.pem", "rsa.key", 0},
};

/* Notes what a side ended with: the session when the handshake succeeded, else the
 * verification result alone. */
static void note_outcome(struct side *side)
{
    if (side->handshake_done) {
        note_session(side);
    } else {
        long verify = SSL_get_verify_result(side->ssl);
        note(side, "verify result: %ld (%s)", verify, X509_verify_cert_error_string(verify));
    }
}

static void server_cert_case(const struct server_cert *cert, SSL_CTX *client_ctx,
                             int verify_mode)
{
    char title[256];
    struct side c, s;
    SSL_CTX *server_ctx = new_server_ctx(cert->chain, cert->key);
    snprintf(title, sizeof title, "server certificate: %s, client %s", cert->title,
             verify_mode == SSL_VERIFY_PEER ? "SSL_VERIFY_PEER" : "SSL_VERIFY_NONE");
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    SSL_set_verify(c.ssl, verify_mode, NULL);
    if (SSL_set1_host(c.ssl, "localhost") != 1)
        die("SSL_set1_host failed");
    connect_sockets(&c, &s, 1);

    int ok = drive_handshake(&c, &s, NULL, NULL);
    check(ok == (cert->ok || verify_mode == SSL_VERIFY_NONE), "%s: handshake outcome", title);
    check(SSL_get_verify_result(c.ssl) == X509_V_OK ? cert->ok : !cert->ok,
          "%s: verify result", title);
    note_outcome(&c);
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(server_ctx);
}

struct client_cert_case {
    const char *title;
    const char *chain, *key;  /* what the client presents, or NULL */
    int server_mode;
    int ok;
};

static const struct client_cert_case client_cases[] = {
    {"client certificate required and given", "client-chain.pem", "client.key",
     SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, 1},
    {"client certificate required, none given", NULL, NULL,
     SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, 0},
    {"client certificate requested, none given", NULL, NULL, SSL_VERIFY_PEER, 1},
    {"client certificate not for client authentication", "rsa-chain.pem", "rsa.key",
     SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, 0},
};

static void client_cert_case(const struct client_cert_case *cc, SSL_CTX *server_ctx)
{
    struct side c, s;
    SSL_CTX *client_ctx = new_client_ctx();
    if (cc->chain != NULL)
        use_cert_and_key(client_ctx, cc->chain, cc->key);
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    SSL_set_verify(s.ssl, cc->server_mode, NULL);
    connect_sockets(&c, &s, 1);

    int ok = drive_handshake(&c, &s, NULL, NULL);
    check(ok == cc->ok, "%s: handshake outcome", cc->title);
    note_outcome(&s);
    print_case(cc->title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(client_ctx);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    for (size_t i = 0; i < sizeof server_certs / sizeof server_certs[0]; i++) {
        server_cert_case(&server_certs[i], client_ctx, SSL_VERIFY_PEER);
        server_cert_case(&server_certs[i], client_ctx, SSL_VERIFY_NONE);
    }
    SSL_CTX_free(client_ctx);

    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    if (SSL_CTX_load_verify_locations(server_ctx, cert_path("ca.pem"), NULL) != 1)
        die("cannot load %s", cert_path("ca.pem"));
    for (size_t i = 0; i < sizeof client_cases / sizeof client_cases[0]; i++)
        client_cert_case(&client_cases[i], server_ctx);
    SSL_CTX_free(server_ctx);
    return test_status();
}

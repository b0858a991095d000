/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Handshakes that cannot succeed, and what each side reports (SSL_get_error and the
 * reason of the first error entry):
 *  - no suite, no group in common, a server without a certificate;
 *  - a peer that does not speak TLS (an HTTP request, an HTTP answer, garbage) or hangs
 *    up in the middle of the handshake;
 *  - a cipher list that matches nothing.
 */
#include "common.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct mismatch {
    const char *title;
    const char *client_suites, *client_groups;   /* NULL: defaults */
    const char *server_chain, *server_key;       /* NULL: no certificate */
    const char *server_groups;
};

static const struct mismatch mismatches[] = {
    {"no suite in common (client ECDSA only, server RSA only)", "ECDHE-ECDSA-AES128-GCM-SHA256",
     NULL, "rsa-chain.pem", "rsa.key", NULL},
    /* ECDHE suites only: OpenSSL's client would fall back to RSA key exchange. */
    {"no group in common (client X25519, server P-384)", "ECDHE-RSA-AES128-GCM-SHA256",
     "X25519", "rsa-chain.pem", "rsa.key", "P-384"},
    {"server without a certificate", NULL, NULL, NULL, NULL, NULL},
};

static void mismatch_case(const struct mismatch *m, SSL_CTX *client_ctx)
{
    struct side c, s;
    SSL_CTX *server_ctx = new_server_ctx(m->server_chain, m->server_key);
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    if (m->client_suites != NULL && SSL_set_cipher_list(c.ssl, m->client_suites) != 1)
        die("SSL_set_cipher_list failed");
    if (m->client_groups != NULL && SSL_set1_groups_list(c.ssl, m->client_groups) != 1)
        die("SSL_set1_groups_list failed");
    if (m->server_groups != NULL && SSL_set1_groups_list(s.ssl, m->server_groups) != 1)
        die("SSL_set1_groups_list failed");
    connect_sockets(&c, &s, 1);
    check(!drive_handshake(&c, &s, NULL, NULL), "%s: the handshake fails", m->title);
    print_case(m->title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(server_ctx);
}

/* The test plays the peer: it sends bytes (or nothing), then ends the stream. */
static void raw_peer_case(const char *title, SSL_CTX *ctx, const char *name,
                          const char *bytes)
{
    struct side side;
    side_init(&side, name, ctx);
    int peer = connect_raw_peer(&side);
    size_t len = strlen(bytes);
    if (len > 0 && write(peer, bytes, len) != (ssize_t)len)
        die("write to the socket failed");
    shutdown(peer, SHUT_WR);
    int is_server = strcmp(name, "server") == 0;
    check(!drive_handshake(is_server ? NULL : &side, is_server ? &side : NULL, NULL, NULL),
          "%s: the handshake fails", title);
    print_case(title, is_server ? NULL : &side, is_server ? &side : NULL);
    side_free(&side);
    close(peer);
}

static void cipher_list_case(SSL_CTX *ctx)
{
    struct side side;
    side_init(&side, "client", ctx);
    ERR_clear_error();
    int ret = SSL_CTX_set_cipher_list(ctx, "NO-SUCH-SUITE");
    unsigned long e = ERR_get_error();
    note(&side, "SSL_CTX_set_cipher_list(\"NO-SUCH-SUITE\"): ret=%d reason=%d", ret,
         ERR_GET_REASON(e));
    check(ret == 0, "a cipher list that matches nothing is refused");
    ERR_clear_error();
    print_case("cipher list that matches nothing", &side, NULL);
    side_free(&side);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");

    for (size_t i = 0; i < sizeof mismatches / sizeof mismatches[0]; i++)
        mismatch_case(&mismatches[i], client_ctx);

    raw_peer_case("server gets an HTTP request", server_ctx, "server",
                  "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    raw_peer_case("server gets garbage", server_ctx, "server",
                  "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f");
    raw_peer_case("server gets a truncated ClientHello", server_ctx, "server",
                  "\x16\x03\x01\x00\x80\x01\x00\x00\x7c\x03\x03");
    raw_peer_case("server's peer hangs up at once", server_ctx, "server", "");
    raw_peer_case("client gets an HTTP answer", client_ctx, "client",
                  "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    raw_peer_case("client's peer hangs up at once", client_ctx, "client", "");

    cipher_list_case(client_ctx);

    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

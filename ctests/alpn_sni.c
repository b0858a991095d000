/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * ALPN: the client offers h2 and http/1.1; the server's selection callback picks with
 * SSL_select_next_proto from its own list, declines, or fails the handshake.
 * SNI: the server's callback reads the name and, for "other.test", moves the
 * connection to a second SSL_CTX with another certificate (SSL_set_SSL_CTX); for an
 * unknown name it fails the handshake with unrecognized_name.
 */
#include "common.h"

#include <string.h>

#define WIRE_H2_HTTP11 "\x02h2\x08http/1.1"
#define WIRE_HTTP11 "\x08http/1.1"
#define WIRE_SPDY "\x06spdy/3"

/* What the server's callbacks do in the current case. */
static struct {
    struct side *server;             /* where the callbacks note what they see */
    const char *alpn_list;           /* the server's protocols, wire format */
    int alpn_no_overlap;             /* what to return when nothing matches */
    SSL_CTX *other_ctx;              /* the context for "other.test" */
} current;

static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)ssl;
    (void)arg;
    note(current.server, "alpn callback: client offered %u bytes of protocol list", inlen);
    unsigned char *selected = NULL;
    int r = SSL_select_next_proto(&selected, outlen, (const unsigned char *)current.alpn_list,
                                  (unsigned)strlen(current.alpn_list), in, inlen);
    if (r != OPENSSL_NPN_NEGOTIATED) {
        note(current.server, "alpn callback: no protocol in common");
        return current.alpn_no_overlap;
    }
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

static int servername(SSL *ssl, int *alert, void *arg)
{
    (void)arg;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    note(current.server, "servername callback: %s", name != NULL ? name : "no name");
    if (name == NULL || strcmp(name, "localhost") == 0 || strcmp(name, "server.test") == 0)
        return SSL_TLSEXT_ERR_OK;
    if (strcmp(name, "other.test") == 0) {
        if (SSL_set_SSL_CTX(ssl, current.other_ctx) != current.other_ctx)
            die("SSL_set_SSL_CTX failed");
        return SSL_TLSEXT_ERR_OK;
    }
    *alert = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

static SSL_CTX *new_callback_server_ctx(const char *chain, const char *key)
{
    SSL_CTX *ctx = new_server_ctx(chain, key);
    SSL_CTX_set_alpn_select_cb(ctx, select_alpn, NULL);
    SSL_CTX_set_tlsext_servername_callback(ctx, servername);
    SSL_CTX_set_tlsext_servername_arg(ctx, NULL);
    return ctx;
}

struct test_case {
    const char *title;
    const char *client_alpn;     /* wire format, or NULL for no ALPN */
    const char *server_alpn;     /* wire format, or NULL for no ALPN callback */
    int alpn_no_overlap;
    const char *sni;             /* or NULL */
    int ok;
};

static const struct test_case cases[] = {
    {"alpn: server prefers h2", WIRE_H2_HTTP11, WIRE_H2_HTTP11, SSL_TLSEXT_ERR_NOACK, NULL, 1},
    {"alpn: server speaks http/1.1 only", WIRE_H2_HTTP11, WIRE_HTTP11, SSL_TLSEXT_ERR_NOACK,
     NULL, 1},
    {"alpn: nothing in common, server declines", WIRE_H2_HTTP11, WIRE_SPDY,
     SSL_TLSEXT_ERR_NOACK, NULL, 1},
    {"alpn: nothing in common, server fails", WIRE_H2_HTTP11, WIRE_SPDY,
     SSL_TLSEXT_ERR_ALERT_FATAL, NULL, 0},
    {"alpn: client offers none", NULL, WIRE_H2_HTTP11, SSL_TLSEXT_ERR_NOACK, NULL, 1},
    {"alpn: server has no callback", WIRE_H2_HTTP11, NULL, SSL_TLSEXT_ERR_NOACK, NULL, 1},
    {"sni: server.test stays on the first context", NULL, NULL, 0, "server.test", 1},
    {"sni: other.test switches context, with alpn", WIRE_H2_HTTP11, WIRE_HTTP11,
     SSL_TLSEXT_ERR_NOACK, "other.test", 1},
    {"sni: client sends no name", NULL, NULL, 0, NULL, 1},
    {"sni: unknown name is refused", NULL, NULL, 0, "unknown.test", 0},
};

static void run_case(const struct test_case *tc, SSL_CTX *client_ctx)
{
    struct side c, s;
    SSL_CTX *server_ctx = new_callback_server_ctx("rsa-chain.pem", "rsa.key");
    if (tc->server_alpn == NULL)
        SSL_CTX_set_alpn_select_cb(server_ctx, NULL, NULL);
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    current.server = &s;
    current.alpn_list = tc->server_alpn;
    current.alpn_no_overlap = tc->alpn_no_overlap;

    if (tc->client_alpn != NULL &&
        SSL_set_alpn_protos(c.ssl, (const unsigned char *)tc->client_alpn,
                            (unsigned)strlen(tc->client_alpn)) != 0)
        die("SSL_set_alpn_protos failed");
    if (tc->sni != NULL) {
        if (SSL_set_tlsext_host_name(c.ssl, tc->sni) != 1)
            die("SSL_set_tlsext_host_name failed");
        if (SSL_set1_host(c.ssl, tc->sni) != 1)
            die("SSL_set1_host failed");
    }
    connect_sockets(&c, &s, 1);

    int ok = drive_handshake(&c, &s, NULL, NULL);
    check(ok == tc->ok, "%s: handshake outcome", tc->title);
    if (ok) {
        note_session(&c);
        note_session(&s);
        check(drive_shutdown(&c, &s, NULL, NULL), "%s: shutdown", tc->title);
    }
    print_case(tc->title, &c, &s);
    side_free(&c);
    side_free(&s);
    SSL_CTX_free(server_ctx);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    current.other_ctx = new_callback_server_ctx("wronghost-chain.pem", "wronghost.key");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i], client_ctx);
    SSL_CTX_free(current.other_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

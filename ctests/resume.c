/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Session resumption: a full handshake, a clean shutdown, then a second connection that
 * offers the saved session (SSL_get1_session, SSL_set_session). With a session ID
 * (server cache, SSL_OP_NO_TICKET) and with a session ticket the second handshake is
 * abbreviated (SSL_session_reused); with the server's cache and tickets off it is a full
 * handshake again. (A session whose suite the client no longer enables is not compared:
 * RFC 5246 7.4.1.2 says the offer must include that suite; OpenSSL's client offers the
 * session anyway and its server refuses, while libtls12's client does not offer the
 * session and gets a full handshake.)
 */
#include "common.h"

#include <stdio.h>

enum { RESUMED, FULL };

struct resume_case {
    const char *title;
    long server_options;
    long cache_mode;
    int outcome;                /* of the second handshake: RESUMED or FULL */
};

static const struct resume_case cases[] = {
    {"session ID", SSL_OP_NO_TICKET, SSL_SESS_CACHE_SERVER, RESUMED},
    {"session ticket", 0, SSL_SESS_CACHE_OFF, RESUMED},
    {"server cache and tickets off", SSL_OP_NO_TICKET, SSL_SESS_CACHE_OFF, FULL},
};

/* One connection; returns the client's session (owned by the caller) when offer is
 * NULL, else checks the outcome. */
static SSL_SESSION *connect_once(const char *title, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                                 SSL_SESSION *offer, int outcome)
{
    struct side c, s;
    SSL_SESSION *session = NULL;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    if (offer != NULL && SSL_set_session(c.ssl, offer) != 1)
        die("SSL_set_session failed");
    connect_sockets(&c, &s, 1);
    int ok = drive_handshake(&c, &s, NULL, NULL);
    check(ok, "%s: handshake", title);
    if (ok) {
        note(&c, "cipher: %s", SSL_get_cipher_name(c.ssl));
        note(&c, "session reused: %d", SSL_session_reused(c.ssl));
        note(&s, "session reused: %d", SSL_session_reused(s.ssl));
        check(SSL_session_reused(c.ssl) == (outcome == RESUMED), "%s: resumption", title);
        check(drive_shutdown(&c, &s, NULL, NULL), "%s: shutdown", title);
        if (offer == NULL)
            session = SSL_get1_session(c.ssl);
    }
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    return session;
}

static void run_case(const struct resume_case *rc)
{
    char title[256];
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX_set_options(server_ctx, rc->server_options);
    SSL_CTX_set_session_cache_mode(server_ctx, rc->cache_mode);
    SSL_CTX_set_cipher_list(client_ctx, "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305");

    snprintf(title, sizeof title, "%s: first connection", rc->title);
    SSL_SESSION *session = connect_once(title, server_ctx, client_ctx, NULL, FULL);
    if (check(session != NULL, "%s: the client has a session", rc->title)) {
        snprintf(title, sizeof title, "%s: second connection", rc->title);
        connect_once(title, server_ctx, client_ctx, session, rc->outcome);
        SSL_SESSION_free(session);
    }
    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
    return test_status();
}

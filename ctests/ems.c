/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Extended master secret (RFC 7627) on and off on each side
 * (SSL_OP_NO_EXTENDED_MASTER_SECRET): the handshake works in every combination, and
 * the extension is used only when both sides want it (SSL_get_extms_support).
 */
#include "common.h"

#include <stdio.h>

static void run_case(SSL_CTX *server_ctx, SSL_CTX *client_ctx, int client_ems, int server_ems)
{
    char title[128];
    struct side c, s;
    snprintf(title, sizeof title, "extended master secret: client %s, server %s",
             client_ems ? "on" : "off", server_ems ? "on" : "off");
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    if (!client_ems)
        SSL_set_options(c.ssl, SSL_OP_NO_EXTENDED_MASTER_SECRET);
    if (!server_ems)
        SSL_set_options(s.ssl, SSL_OP_NO_EXTENDED_MASTER_SECRET);
    connect_sockets(&c, &s, 1);
    c.out.total = s.out.total = 100000;

    if (exchange(title, &c, &s, NULL, NULL)) {
        note(&c, "extended master secret used: %ld", (long)SSL_get_extms_support(c.ssl));
        note(&s, "extended master secret used: %ld", (long)SSL_get_extms_support(s.ssl));
    }
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("ecdsa-chain.pem", "ecdsa.key");
    for (int client_ems = 1; client_ems >= 0; client_ems--)
        for (int server_ems = 1; server_ems >= 0; server_ems--)
            run_case(server_ctx, client_ctx, client_ems, server_ems);
    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

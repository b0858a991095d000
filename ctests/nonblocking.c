/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Non-blocking sockets with small buffers, both sides stepped by one loop: handshake,
 * 4 MiB in each direction at the same time with random write and read sizes (so that
 * SSL_write and SSL_read keep asking to wait), then shutdown. Writes that had to wait
 * are retried from a different buffer (SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER).
 */
#include "common.h"

#define TRANSFER_BYTES (4u << 20)

static void run_case(const char *title, SSL_CTX *server_ctx, SSL_CTX *client_ctx, long mode)
{
    struct side c, s;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    connect_sockets(&c, &s, 1);
    struct side *both[] = {&c, &s};
    for (int i = 0; i < 2; i++) {
        struct side *side = both[i];
        SSL_set_mode(side->ssl, mode);
        side->moving_buffer = (mode & SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER) != 0;
        side->max_write = 65536;
        side->max_read = 32768;
        side->out.total = TRANSFER_BYTES;
    }
    note(&c, "mode includes partial writes: %s",
         (SSL_get_mode(c.ssl) & SSL_MODE_ENABLE_PARTIAL_WRITE) ? "yes" : "no");

    exchange(title, &c, &s, NULL, NULL);
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    use_cert_and_key(server_ctx, "ecdsa-chain.pem", "ecdsa.key");

    run_case("partial writes, moving write buffer", server_ctx, client_ctx,
             SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    run_case("whole writes, moving write buffer", server_ctx, client_ctx,
             SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    run_case("whole writes, same write buffer", server_ctx, client_ctx, 0);

    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

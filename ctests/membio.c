/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * No sockets: the two sides talk through BIOs that one event loop drives.
 *  - a BIO pair (BIO_new_bio_pair), whose small buffers make writes wait;
 *  - four memory BIOs, with the loop moving bytes from each side's write BIO to the
 *    other's read BIO, in big chunks and one byte at a time;
 *  - the stream ending without close_notify (a memory BIO that reports end of file).
 */
#include "common.h"

#include <string.h>

static void bio_pair_case(SSL_CTX *server_ctx, SSL_CTX *client_ctx)
{
    const char *title = "BIO pair, 1 MiB each way";
    struct side c, s;
    BIO *client_bio, *server_bio;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    if (BIO_new_bio_pair(&client_bio, 0, &server_bio, 0) != 1)
        die("BIO_new_bio_pair failed");
    SSL_set_bio(c.ssl, client_bio, client_bio);
    SSL_set_bio(s.ssl, server_bio, server_bio);
    c.out.total = s.out.total = 1u << 20;
    exchange(title, &c, &s, NULL, NULL);
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

static void mem_bio_case(const char *title, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                         size_t chunk, size_t bytes)
{
    struct side c, s;
    struct wires w;
    unsigned char buf[16];
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    connect_mem_bios(&c, &s, &w, chunk);
    /* Reading first starts the handshake, and has to wait for the server. */
    note_result(&c, "read before the handshake", SSL_read(c.ssl, buf, sizeof buf));
    c.out.total = bytes;
    s.out.total = bytes / 2;
    exchange(title, &c, &s, mem_shuttle, &w);
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

/* The client's bytes arrive, then the stream ends without close_notify. */
static void truncation_case(SSL_CTX *server_ctx, SSL_CTX *client_ctx)
{
    const char *title = "stream ends without close_notify";
    struct side c, s;
    struct wires w;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    connect_mem_bios(&c, &s, &w, 65536);
    c.out.total = 1000;
    if (check(drive_handshake(&c, &s, mem_shuttle, &w), "%s: handshake", title)) {
        check(drive_transfer(&c, &s, mem_shuttle, &w), "%s: transfer", title);
        note_transfer(&s);
        /* An empty memory BIO now reports the end of the stream instead of "retry". */
        BIO_set_mem_eof_return(w.server_in, 0);
        unsigned char buf[100];
        int err = note_result(&s, "read at the end of the stream",
                              SSL_read(s.ssl, buf, sizeof buf));
        check(err == SSL_ERROR_SSL || err == SSL_ERROR_SYSCALL,
              "%s: a truncated stream is an error", title);
    }
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");

    bio_pair_case(server_ctx, client_ctx);
    mem_bio_case("memory BIOs, 64 KiB moves, 1 MiB out and 512 KiB back", server_ctx,
                 client_ctx, 65536, 1u << 20);
    mem_bio_case("memory BIOs, one byte at a time, 20 KiB out and 10 KiB back", server_ctx,
                 client_ctx, 1, 20480);
    truncation_case(server_ctx, client_ctx);

    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

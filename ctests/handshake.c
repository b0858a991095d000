/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Blocking sockets, one thread per side: a full handshake for every suite and group,
 * an echo of messages of several sizes, and a bidirectional shutdown. Then the server's
 * certificate and key in other forms (PKCS#1 and PKCS#8 keys, RSA 4096, ECDSA P-384),
 * and both sides on their defaults.
 */
#include "common.h"

#include <stdio.h>
#include <string.h>

static const char *const suites[] = {
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384",   "ECDHE-RSA-CHACHA20-POLY1305",
};
static const char *const groups[] = {"X25519", "P-256", "P-384"};

/* Message sizes the client sends: around one byte, one record and several records. */
static const size_t message_sizes[] = {1, 100, 16383, 16384, 16385, 40000};

static void server(struct side *side)
{
    unsigned char buf[16384];
    size_t echoed = 0;
    int ret = SSL_accept(side->ssl);
    note_result(side, "accept", ret);
    if (!check(ret == 1, "server handshake"))
        return;
    note_session(side);
    while ((ret = SSL_read(side->ssl, buf, sizeof buf)) > 0) {
        int written = SSL_write(side->ssl, buf, ret);
        if (!check(written == ret, "server echo write")) {
            note_result(side, "write", written);
            return;
        }
        echoed += (size_t)ret;
    }
    int err = note_result(side, "read at the end", ret);
    check(err == SSL_ERROR_ZERO_RETURN, "server reads close_notify");
    note(side, "echoed %zu bytes", echoed);
    ret = SSL_shutdown(side->ssl);
    note_shutdown(side, "shutdown", ret);
    check(ret == 1, "server shutdown completes");
}

/* Sends one message and reads it back. Returns 0 when something went wrong. */
static int echo(struct side *side, size_t size)
{
    static unsigned char out[65536], in[65536];
    for (size_t i = 0; i < size; i++)
        out[i] = stream_byte(i + size);
    int ret = SSL_write(side->ssl, out, (int)size);
    if (ret != (int)size) {
        note_result(side, "write", ret);
        return 0;
    }
    for (size_t got = 0; got < size; got += (size_t)ret) {
        ret = SSL_read(side->ssl, in + got, (int)(size - got));
        if (ret <= 0) {
            note_result(side, "read", ret);
            return 0;
        }
    }
    if (memcmp(in, out, size) != 0) {
        note(side, "echo of %zu bytes came back different", size);
        return 0;
    }
    return 1;
}

static void client(struct side *side)
{
    size_t total = 0;
    SSL_set_tlsext_host_name(side->ssl, "localhost");
    if (SSL_set1_host(side->ssl, "localhost") != 1)
        die("SSL_set1_host failed");
    int ret = SSL_connect(side->ssl);
    note_result(side, "connect", ret);
    if (!check(ret == 1, "client handshake"))
        return;
    note_session(side);
    for (size_t i = 0; i < sizeof message_sizes / sizeof message_sizes[0]; i++) {
        if (!check(echo(side, message_sizes[i]), "echo of %zu bytes", message_sizes[i]))
            return;
        total += message_sizes[i];
    }
    note(side, "echo: %zu bytes sent and received back intact", total);
    ret = SSL_shutdown(side->ssl);
    note_shutdown(side, "first shutdown", ret);
    check(ret == 0, "client's first shutdown sends close_notify");
    ret = SSL_shutdown(side->ssl);
    note_shutdown(side, "second shutdown", ret);
    check(ret == 1, "client's second shutdown sees the server's close_notify");
}

/* One connection: suite and group NULL keep the defaults. */
static void run_case(const char *title, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                     const char *suite, const char *group)
{
    struct side c, s;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    if (suite != NULL && SSL_set_cipher_list(c.ssl, suite) != 1)
        die("SSL_set_cipher_list(%s) failed", suite);
    if (group != NULL && SSL_set1_groups_list(s.ssl, group) != 1)
        die("SSL_set1_groups_list(%s) failed", group);
    run_threads(&c, client, &s, server);
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

int main(int argc, char **argv)
{
    char title[256];
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();

    /* Every suite with every group; the server holds an RSA and an ECDSA certificate. */
    SSL_CTX *both = new_server_ctx("rsa-chain.pem", "rsa.key");
    use_cert_and_key(both, "ecdsa-chain.pem", "ecdsa.key");
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        for (size_t j = 0; j < sizeof groups / sizeof groups[0]; j++) {
            snprintf(title, sizeof title, "suite %s, group %s", suites[i], groups[j]);
            run_case(title, both, client_ctx, suites[i], groups[j]);
        }
    }
    run_case("both sides on their defaults", both, client_ctx, NULL, NULL);
    SSL_CTX_free(both);

    /* The server's certificate and key in other forms. */
    static const struct {
        const char *chain, *key, *suite;
    } variants[] = {
        {"rsa-chain.pem", "rsa-pkcs1.key", "ECDHE-RSA-AES128-GCM-SHA256"},
        {"rsa4096-chain.pem", "rsa4096.key", "ECDHE-RSA-AES256-GCM-SHA384"},
        {"ecdsa-chain.pem", "ecdsa-pkcs8.key", "ECDHE-ECDSA-AES128-GCM-SHA256"},
        {"ecdsa384-chain.pem", "ecdsa384.key", "ECDHE-ECDSA-AES256-GCM-SHA384"},
    };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        SSL_CTX *ctx = new_server_ctx(variants[i].chain, variants[i].key);
        snprintf(title, sizeof title, "server certificate %s with key %s",
                 variants[i].chain, variants[i].key);
        run_case(title, ctx, client_ctx, variants[i].suite, NULL);
        SSL_CTX_free(ctx);
    }

    SSL_CTX_free(client_ctx);
    return test_status();
}

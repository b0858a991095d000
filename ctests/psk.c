/*
 * ctest: libtls12 only (asserts its own expectations; no OpenSSL build)
 *
 * A starting point for devices: a TLS 1.2 client and server that authenticate each
 * other with a pre-shared key (RFC 4279) instead of certificates, and move their bytes
 * through callbacks (tls12_SSL_set_io_callbacks) instead of sockets, as firmware with
 * its own transport (UART, radio, a vendor socket API) would.
 *
 * libtls12 only (OpenSSL has no callback I/O). Build it like the other C tests:
 *   gcc -I include/tls12 ctests/psk.c -L target/release -ltls12
 * Both ends run in this one process, stepping in turns over two in-memory queues.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

/* The key and the name the device goes by. Keep real keys out of the source. */
static const unsigned char device_key[16] = {0x1f, 0x8e, 0x47, 0xa2, 0x90, 0x3c, 0xd5, 0x6b,
                                              0x0e, 0x71, 0xc4, 0x29, 0xbb, 0x58, 0x13, 0xf6};
static const char device_id[] = "device-7";

/* Forward secrecy first (ECDHE-PSK), then plain PSK for the smallest devices. */
static const char suites[] = "ECDHE-PSK-CHACHA20-POLY1305:PSK-AES128-GCM-SHA256";

/* One direction of the transport: a small queue standing in for the wire. */
struct queue {
    unsigned char data[16384];
    size_t len;
};

/* What one end reads from and writes to. */
struct transport {
    struct queue *in, *out;
};

/* Read callback: the bytes moved, or -1 with errno EAGAIN when nothing has arrived
 * (the TLS call then returns SSL_ERROR_WANT_READ and is retried later). */
static int transport_read(void *user_data, unsigned char *buf, int len)
{
    struct transport *t = user_data;
    if (t->in->len == 0) {
        errno = EAGAIN;
        return -1;
    }
    size_t n = t->in->len < (size_t)len ? t->in->len : (size_t)len;
    memcpy(buf, t->in->data, n);
    memmove(t->in->data, t->in->data + n, t->in->len - n);
    t->in->len -= n;
    return (int)n;
}

/* Write callback: the bytes taken, or -1 with errno EAGAIN when the queue is full. */
static int transport_write(void *user_data, const unsigned char *buf, int len)
{
    struct transport *t = user_data;
    size_t room = sizeof t->out->data - t->out->len;
    if (room == 0) {
        errno = EAGAIN;
        return -1;
    }
    size_t n = room < (size_t)len ? room : (size_t)len;
    memcpy(t->out->data + t->out->len, buf, n);
    t->out->len += n;
    return (int)n;
}

/* Client: name ourselves and hand over our key. The hint is the server's (or NULL). */
static unsigned int client_psk(SSL *ssl, const char *hint, char *identity, unsigned int max_identity_len,
                               unsigned char *psk, unsigned int max_psk_len)
{
    (void)ssl;
    printf("client: server hint \"%s\"\n", hint ? hint : "(none)");
    if (strlen(device_id) > max_identity_len || sizeof device_key > max_psk_len)
        return 0; /* 0 fails the handshake */
    strcpy(identity, device_id);
    memcpy(psk, device_key, sizeof device_key);
    return sizeof device_key;
}

/* Server: look the client's identity up; 0 means "unknown" (unknown_psk_identity). */
static unsigned int server_psk(SSL *ssl, const char *identity, unsigned char *psk, unsigned int max_psk_len)
{
    (void)ssl;
    if (strcmp(identity, device_id) != 0 || sizeof device_key > max_psk_len)
        return 0;
    memcpy(psk, device_key, sizeof device_key);
    return sizeof device_key;
}

/* Makes one end: a context with the PSK callback and suites, no certificate at all. */
static SSL *make_end(int server, struct transport *t)
{
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (ctx == NULL || SSL_CTX_set_cipher_list(ctx, suites) != 1)
        return NULL;
    if (server) {
        SSL_CTX_set_psk_server_callback(ctx, server_psk);
        SSL_CTX_use_psk_identity_hint(ctx, "sensor-gateway");
    } else {
        SSL_CTX_set_psk_client_callback(ctx, client_psk);
    }
    SSL *ssl = SSL_new(ctx);
    SSL_CTX_free(ctx); /* the SSL keeps its own reference */
    if (ssl != NULL && SSL_set_io_callbacks(ssl, transport_read, transport_write, t) != 1) {
        SSL_free(ssl);
        return NULL;
    }
    return ssl;
}

/* One step of a non-blocking call: 1 done, 0 try again later, -1 failed. */
static int step(SSL *ssl, int ret, const char *who)
{
    if (ret > 0)
        return 1;
    int e = SSL_get_error(ssl, ret);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
        return 0;
    fprintf(stderr, "%s failed (SSL_get_error %d):\n", who, e);
    ERR_print_errors_fp(stderr);
    return -1;
}

int main(void)
{
    struct queue to_server = {{0}, 0}, to_client = {{0}, 0};
    struct transport client_t = {&to_client, &to_server}, server_t = {&to_server, &to_client};
    SSL *client = make_end(0, &client_t), *server = make_end(1, &server_t);
    if (client == NULL || server == NULL) {
        ERR_print_errors_fp(stderr);
        return 1;
    }

    /* The handshake: on a device, retry when the transport has news instead. */
    int c = 0, s = 0;
    for (int round = 0; round < 50 && (c == 0 || s == 0); round++) {
        if (c == 0)
            c = step(client, SSL_connect(client), "client handshake");
        if (s == 0)
            s = step(server, SSL_accept(server), "server handshake");
        if (c < 0 || s < 0)
            return 1;
    }
    if (c != 1 || s != 1)
        return 1;
    printf("suite %s, identity \"%s\"\n", SSL_get_cipher_name(client), SSL_get_psk_identity(server));

    /* A reading from the device, and the gateway's answer. */
    char buf[64] = {0};
    const char reading[] = "temperature=21.5";
    if (SSL_write(client, reading, sizeof reading) != (int)sizeof reading ||
        SSL_read(server, buf, sizeof buf - 1) != (int)sizeof reading)
        return 1;
    printf("server got \"%s\"\n", buf);
    memset(buf, 0, sizeof buf);
    if (SSL_write(server, "ok", 2) != 2 || SSL_read(client, buf, sizeof buf - 1) != 2)
        return 1;
    printf("client got \"%s\"\n", buf);

    /* Close: each side sends close_notify. */
    SSL_shutdown(client);
    SSL_shutdown(server);
    SSL_free(client);
    SSL_free(server);
    return 0;
}

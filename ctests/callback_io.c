/*
 * ctest: libtls12 only (asserts its own expectations; no OpenSSL build)
 *
 * libtls12 only: I/O through application callbacks (tls12_SSL_set_io_callbacks), which
 * OpenSSL does not have, so this program asserts the expected behaviour itself instead
 * of being compared with a reference run.
 *
 * The two sides talk through in-memory queues of limited capacity; the callbacks
 * report "would block" (-1 with errno EAGAIN or EINTR) when a queue is empty or full,
 * the end of the stream (0), or an error (-1 with another errno).
 */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define QUEUE_SIZE 65536

/* One direction of the connection. */
struct queue {
    unsigned char data[QUEUE_SIZE];
    size_t head, len;
    size_t capacity;   /* at most QUEUE_SIZE: the writer sees "would block" beyond it */
    int eof;           /* the reader gets the end of the stream once the queue is empty */
};

/* What one side's callbacks use and count. */
struct endpoint {
    unsigned magic;
    struct queue *in, *out;
    size_t max_read;        /* the most a read callback hands over at once */
    int fail_reads, fail_writes;  /* report this errno instead of moving bytes */
    int eintr_next_read;    /* report EINTR once */
    unsigned reads, writes, read_blocks, write_blocks, bad_args;
    size_t moved;           /* bytes moved since the driver last asked */
};

#define ENDPOINT_MAGIC 0x7e57ca11u

static int read_cb(void *user_data, unsigned char *buf, int len)
{
    struct endpoint *ep = user_data;
    if (ep == NULL || ep->magic != ENDPOINT_MAGIC || buf == NULL || len <= 0) {
        if (ep != NULL)
            ep->bad_args++;
        errno = EINVAL;
        return -1;
    }
    ep->reads++;
    if (ep->fail_reads) {
        errno = ep->fail_reads;
        return -1;
    }
    if (ep->eintr_next_read) {
        ep->eintr_next_read = 0;
        errno = EINTR;
        return -1;
    }
    struct queue *q = ep->in;
    if (q->len == 0) {
        if (q->eof)
            return 0;
        ep->read_blocks++;
        errno = EAGAIN;
        return -1;
    }
    size_t n = q->len < (size_t)len ? q->len : (size_t)len;
    if (n > ep->max_read)
        n = ep->max_read;
    for (size_t i = 0; i < n; i++)
        buf[i] = q->data[(q->head + i) % QUEUE_SIZE];
    q->head = (q->head + n) % QUEUE_SIZE;
    q->len -= n;
    ep->moved += n;
    return (int)n;
}

static int write_cb(void *user_data, const unsigned char *buf, int len)
{
    struct endpoint *ep = user_data;
    if (ep == NULL || ep->magic != ENDPOINT_MAGIC || buf == NULL || len <= 0) {
        if (ep != NULL)
            ep->bad_args++;
        errno = EINVAL;
        return -1;
    }
    ep->writes++;
    if (ep->fail_writes) {
        errno = ep->fail_writes;
        return -1;
    }
    struct queue *q = ep->out;
    size_t space = q->capacity - q->len;
    if (space == 0) {
        ep->write_blocks++;
        errno = EWOULDBLOCK;
        return -1;
    }
    size_t n = space < (size_t)len ? space : (size_t)len;
    for (size_t i = 0; i < n; i++)
        q->data[(q->head + q->len + i) % QUEUE_SIZE] = buf[i];
    q->len += n;
    ep->moved += n;
    return (int)n;
}

/* A connection: two sides, two queues, two endpoints. */
struct link {
    struct side client, server;
    struct queue to_server, to_client;
    struct endpoint client_ep, server_ep;
};

/* For the drivers: the callbacks move the bytes themselves, so this only reports how
 * many they moved, which tells the driver that the connection is not stuck. */
static size_t bytes_moved(void *arg)
{
    struct link *l = arg;
    size_t moved = l->client_ep.moved + l->server_ep.moved;
    l->client_ep.moved = l->server_ep.moved = 0;
    return moved;
}

static void link_init(struct link *l, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                      size_t capacity, size_t max_read)
{
    memset(&l->to_server, 0, sizeof l->to_server);
    memset(&l->to_client, 0, sizeof l->to_client);
    l->to_server.capacity = l->to_client.capacity = capacity;
    struct endpoint ep = {.magic = ENDPOINT_MAGIC, .max_read = max_read};
    l->client_ep = ep;
    l->server_ep = ep;
    l->client_ep.in = &l->to_client;
    l->client_ep.out = &l->to_server;
    l->server_ep.in = &l->to_server;
    l->server_ep.out = &l->to_client;
    side_init(&l->client, "client", client_ctx);
    side_init(&l->server, "server", server_ctx);
    check(tls12_SSL_set_io_callbacks(l->client.ssl, read_cb, write_cb, &l->client_ep) == 1,
          "set the client's callbacks");
    check(tls12_SSL_set_io_callbacks(l->server.ssl, read_cb, write_cb, &l->server_ep) == 1,
          "set the server's callbacks");
}

static void link_free(struct link *l, const char *title)
{
    check(l->client_ep.bad_args == 0 && l->server_ep.bad_args == 0,
          "%s: callbacks always get their user data, a buffer and a positive length", title);
    print_case(title, &l->client, &l->server);
    side_free(&l->client);
    side_free(&l->server);
}

/* Handshake, transfer both ways, shutdown; with a queue capacity and a largest read. */
static void exchange_case(const char *title, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                          size_t capacity, size_t max_read, size_t bytes)
{
    struct link l;
    unsigned char buf[16];
    link_init(&l, server_ctx, client_ctx, capacity, max_read);
    l.client.out.total = l.server.out.total = bytes;
    l.client.max_write = l.server.max_write = 40000;

    /* Reading first sends the ClientHello, then waits for the server: "would block"
     * from the write callback (the hello does not fit) gives SSL_ERROR_WANT_WRITE, and
     * from the read callback SSL_ERROR_WANT_READ. */
    int err = note_result(&l.client, "read before the handshake",
                          SSL_read(l.client.ssl, buf, sizeof buf));
    if (l.client_ep.write_blocks > 0)
        check(err == SSL_ERROR_WANT_WRITE, "%s: a full queue gives SSL_ERROR_WANT_WRITE",
              title);
    else
        check(err == SSL_ERROR_WANT_READ && l.client_ep.read_blocks > 0,
              "%s: an empty queue gives SSL_ERROR_WANT_READ", title);
    if (exchange(title, &l.client, &l.server, bytes_moved, &l) && capacity < QUEUE_SIZE)
        check(l.client.saw_want_write && l.client_ep.write_blocks > 0,
              "%s: a full queue gives SSL_ERROR_WANT_WRITE", title);
    link_free(&l, title);
}

/* After the handshake, the stream ends (read callback returns 0) without close_notify. */
static void eof_case(SSL_CTX *server_ctx, SSL_CTX *client_ctx)
{
    const char *title = "read callback reports the end of the stream";
    struct link l;
    unsigned char buf[100];
    link_init(&l, server_ctx, client_ctx, QUEUE_SIZE, QUEUE_SIZE);
    if (check(drive_handshake(&l.client, &l.server, bytes_moved, &l), "%s: handshake", title)) {
        l.to_server.eof = 1;
        int err = note_result(&l.server, "read", SSL_read(l.server.ssl, buf, sizeof buf));
        check(err == SSL_ERROR_SSL || err == SSL_ERROR_SYSCALL,
              "%s: an end of stream without close_notify is an error, not %d", title, err);
    }
    link_free(&l, title);
}

/* A callback fails with an errno that is not "would block". */
static void error_case(SSL_CTX *server_ctx, SSL_CTX *client_ctx, int in_read)
{
    const char *title = in_read ? "read callback fails with ECONNRESET"
                                : "write callback fails with EPIPE";
    struct link l;
    unsigned char buf[100] = {0};
    link_init(&l, server_ctx, client_ctx, QUEUE_SIZE, QUEUE_SIZE);
    if (check(drive_handshake(&l.client, &l.server, bytes_moved, &l), "%s: handshake", title)) {
        int ret, err;
        if (in_read) {
            l.server_ep.fail_reads = ECONNRESET;
            ret = SSL_read(l.server.ssl, buf, sizeof buf);
            err = note_result(&l.server, "read", ret);
        } else {
            l.client_ep.fail_writes = EPIPE;
            ret = SSL_write(l.client.ssl, buf, sizeof buf);
            err = note_result(&l.client, "write", ret);
        }
        check(ret <= 0 && err == SSL_ERROR_SYSCALL,
              "%s: the I/O error gives SSL_ERROR_SYSCALL (ret %d, error %d)", title, ret, err);
    }
    link_free(&l, title);
}

/* EINTR from the read callback asks to try again, like EAGAIN. */
static void eintr_case(SSL_CTX *server_ctx, SSL_CTX *client_ctx)
{
    const char *title = "read callback interrupted (EINTR)";
    struct link l;
    unsigned char buf[100];
    link_init(&l, server_ctx, client_ctx, QUEUE_SIZE, QUEUE_SIZE);
    if (check(drive_handshake(&l.client, &l.server, bytes_moved, &l), "%s: handshake", title)) {
        l.server_ep.eintr_next_read = 1;
        int err = note_result(&l.server, "read", SSL_read(l.server.ssl, buf, sizeof buf));
        check(err == SSL_ERROR_WANT_READ, "%s: gives SSL_ERROR_WANT_READ, not %d", title, err);
        /* The connection still works. */
        check(SSL_write(l.client.ssl, "ping", 4) == 4, "%s: client writes", title);
        int n = SSL_read(l.server.ssl, buf, sizeof buf);
        check(n == 4 && memcmp(buf, "ping", 4) == 0, "%s: server reads after EINTR", title);
    }
    link_free(&l, title);
}

/* A NULL SSL is refused with an error entry, not a crash. */
static void null_case(void)
{
    ERR_clear_error();
    int ret = tls12_SSL_set_io_callbacks(NULL, read_cb, write_cb, NULL);
    check(ret == 0, "tls12_SSL_set_io_callbacks(NULL, ...) returns 0, not %d", ret);
    check(ERR_peek_error() != 0, "tls12_SSL_set_io_callbacks(NULL, ...) queues an error");
    ERR_clear_error();
    printf("== NULL SSL refused: ret=%d\n", ret);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    use_cert_and_key(server_ctx, "ecdsa-chain.pem", "ecdsa.key");

    exchange_case("roomy queues, 1 MiB each way", server_ctx, client_ctx, QUEUE_SIZE,
                  QUEUE_SIZE, 1u << 20);
    exchange_case("queues of 1000 bytes, reads of at most 7 bytes", server_ctx, client_ctx,
                  1000, 7, 256u << 10);
    exchange_case("queues of 1 byte, reads of 1 byte", server_ctx, client_ctx, 1, 1,
                  16u << 10);
    eof_case(server_ctx, client_ctx);
    error_case(server_ctx, client_ctx, 1);
    error_case(server_ctx, client_ctx, 0);
    eintr_case(server_ctx, client_ctx);
    null_case();

    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    int status = test_status();
    printf("callback_io: %s\n", status == 0 ? "all checks held" : "some checks failed");
    return status;
}

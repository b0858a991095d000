/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * A user-defined BIO_METHOD shaped like curl's (BIO_meth_new with write, read, ctrl,
 * create and destroy; the connection in BIO_get_data; BIO_clear_retry_flags and
 * BIO_set_retry_read/write for "would block"; BIO_CTRL_EOF answering whether the
 * input ended) carries the whole connection between two SSLs:
 *  - through small queues that take and give a few bytes per call (partial reads and
 *    writes, and retries when a queue is full or empty);
 *  - to a stream that ends without close_notify, with BIO_CTRL_EOF saying so (an
 *    unexpected end of file) and not saying so (a system call error);
 * and the BIO calls themselves: BIO_write/BIO_read/_ex through the method, a method
 * without puts/gets, BIO_method_type/name, shutdown and init, destroy on the last free.
 */
#include "common.h"

#include <string.h>

#define QUEUE_SIZE 1500

/* One direction of the wire: bytes written and not yet read. */
struct queue {
    unsigned char bytes[QUEUE_SIZE];
    size_t len;
    int closed;                 /* the writer is gone: reads give 0 once empty */
};

/* What the BIO's data points to, like curl's connection filter. */
struct endpoint {
    struct queue *in, *out;
    size_t max_move;            /* bytes moved per call at most */
    int peer_closed;            /* a read returned 0 (curl's connssl->peer_closed) */
    int report_eof;             /* answer BIO_CTRL_EOF with peer_closed, or always 0 */
    int flushes, retried_reads, retried_writes;
};

static int destroyed;

static int endpoint_create(BIO *bio)
{
    BIO_set_shutdown(bio, 1);
    BIO_set_init(bio, 1);
    BIO_set_data(bio, NULL);
    return 1;
}

static int endpoint_destroy(BIO *bio)
{
    if (!bio)
        return 0;
    destroyed++;
    return 1;
}

static long endpoint_ctrl(BIO *bio, int cmd, long num, void *ptr)
{
    struct endpoint *e = BIO_get_data(bio);
    (void)ptr;
    switch (cmd) {
    case BIO_CTRL_GET_CLOSE:
        return BIO_get_shutdown(bio);
    case BIO_CTRL_SET_CLOSE:
        BIO_set_shutdown(bio, (int)num);
        return 1;
    case BIO_CTRL_FLUSH:
        if (e)
            e->flushes++;
        return 1;
    case BIO_CTRL_DUP:
        return 1;
    case BIO_CTRL_EOF:
        return e && e->report_eof ? e->peer_closed : 0;
    default:
        return 0;
    }
}

static int endpoint_write(BIO *bio, const char *buf, int len)
{
    struct endpoint *e = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    if (len < 0)
        return 0;
    size_t room = QUEUE_SIZE - e->out->len;
    if (room == 0) {
        e->retried_writes++;
        BIO_set_retry_write(bio);
        return -1;
    }
    size_t n = (size_t)len < room ? (size_t)len : room;
    if (n > e->max_move)
        n = e->max_move;
    memcpy(e->out->bytes + e->out->len, buf, n);
    e->out->len += n;
    return (int)n;
}

static int endpoint_read(BIO *bio, char *buf, int len)
{
    struct endpoint *e = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    if (!buf || len < 0)
        return 0;
    if (e->in->len == 0) {
        if (e->in->closed) {
            e->peer_closed = 1;
            return 0;
        }
        e->retried_reads++;
        BIO_set_retry_read(bio);
        return -1;
    }
    size_t n = (size_t)len < e->in->len ? (size_t)len : e->in->len;
    if (n > e->max_move)
        n = e->max_move;
    memcpy(buf, e->in->bytes, n);
    memmove(e->in->bytes, e->in->bytes + n, e->in->len - n);
    e->in->len -= n;
    return (int)n;
}

static BIO_METHOD *new_method(void)
{
    BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "curl-like BIO");
    if (!m || !BIO_meth_set_write(m, endpoint_write) || !BIO_meth_set_read(m, endpoint_read) ||
        !BIO_meth_set_ctrl(m, endpoint_ctrl) || !BIO_meth_set_create(m, endpoint_create) ||
        !BIO_meth_set_destroy(m, endpoint_destroy))
        die("BIO_meth_new and its setters failed");
    return m;
}

/* Gives the side a BIO of the method over (in, out), as curl does: BIO_up_ref, then
 * SSL_set0_rbio and SSL_set0_wbio each take one reference. */
static void attach(struct side *side, BIO_METHOD *m, struct endpoint *e)
{
    BIO *bio = BIO_new(m);
    if (!bio)
        die("BIO_new of the user-defined method failed");
    BIO_set_data(bio, e);
    BIO_up_ref(bio);
    SSL_set0_rbio(side->ssl, bio);
    SSL_set0_wbio(side->ssl, bio);
}

static void connection_case(BIO_METHOD *m, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                            size_t max_move)
{
    char title[100];
    snprintf(title, sizeof title, "user-defined BIO, %zu bytes per call, 100 KiB each way",
             max_move);
    static struct queue up, down;
    memset(&up, 0, sizeof up);
    memset(&down, 0, sizeof down);
    struct endpoint ce = {&down, &up, max_move, 0, 1, 0, 0, 0};
    struct endpoint se = {&up, &down, max_move, 0, 1, 0, 0, 0};
    struct side c, s;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    attach(&c, m, &ce);
    attach(&s, m, &se);
    c.out.total = s.out.total = 100 * 1024;
    destroyed = 0;
    exchange(title, &c, &s, NULL, NULL);
    note(&c, "flushed: %s; reads retried: %s; writes retried: %s", ce.flushes > 0 ? "yes" : "no",
         ce.retried_reads > 0 ? "yes" : "no", ce.retried_writes > 0 ? "yes" : "no");
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    printf("destroy called %d times for 2 BIOs\n", destroyed);
}

/* The client's bytes arrive, then the client's side of the wire goes away without
 * close_notify; report_eof decides what BIO_CTRL_EOF answers. */
static void truncation_case(BIO_METHOD *m, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                            int report_eof)
{
    const char *title = report_eof ? "stream ends, BIO_CTRL_EOF says so"
                                   : "stream ends, BIO_CTRL_EOF says nothing";
    static struct queue up, down;
    memset(&up, 0, sizeof up);
    memset(&down, 0, sizeof down);
    struct endpoint ce = {&down, &up, 512, 0, 1, 0, 0, 0};
    struct endpoint se = {&up, &down, 512, 0, report_eof, 0, 0, 0};
    struct side c, s;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    attach(&c, m, &ce);
    attach(&s, m, &se);
    c.out.total = 1000;
    if (check(drive_handshake(&c, &s, NULL, NULL), "%s: handshake", title)) {
        check(drive_transfer(&c, &s, NULL, NULL), "%s: transfer", title);
        note_transfer(&s);
        up.closed = 1;
        unsigned char buf[100];
        int err = note_result(&s, "read at the end of the stream", SSL_read(s.ssl, buf, sizeof buf));
        check(err == (report_eof ? SSL_ERROR_SSL : SSL_ERROR_SYSCALL), "%s: the error", title);
        note(&s, "BIO_eof: %d", BIO_eof(SSL_get_rbio(s.ssl)));
    }
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
}

/* BIO calls on a BIO of the method, without an SSL. */
static void bio_calls_case(BIO_METHOD *m)
{
    static struct queue q;
    memset(&q, 0, sizeof q);
    struct endpoint e = {&q, &q, 4, 0, 1, 0, 0, 0};
    printf("== BIO calls on a user-defined BIO\n");
    destroyed = 0;
    BIO *bio = BIO_new(m);
    printf("init %d, shutdown %d, data %s\n", BIO_get_init(bio), BIO_get_shutdown(bio),
           BIO_get_data(bio) ? "set" : "NULL");
    BIO_set_data(bio, &e);
    printf("type is the index | SOURCE_SINK: %s; name: %s\n",
           (BIO_method_type(bio) & BIO_TYPE_SOURCE_SINK) &&
                   (BIO_method_type(bio) & 0xff) > BIO_TYPE_START
               ? "yes"
               : "no",
           BIO_method_name(bio));
    int r = BIO_write(bio, "0123456789", 10);
    printf("BIO_write of 10 bytes: %d\n", r);
    size_t done = 99;
    r = BIO_write_ex(bio, "abc", 3, &done);
    printf("BIO_write_ex of 3 bytes: %d, wrote %zu\n", r, done);
    char buf[16] = "";
    r = BIO_read(bio, buf, sizeof buf);
    printf("BIO_read of 16: %d\n", r);
    r = BIO_read_ex(bio, buf, sizeof buf, &done);
    printf("BIO_read_ex of 16: %d, read %zu\n", r, done);
    r = BIO_read(bio, buf, sizeof buf);
    printf("BIO_read of an empty queue: %d, should_retry %d, should_read %d\n", r,
           BIO_should_retry(bio) != 0, BIO_should_read(bio) != 0);
    done = 99;
    r = BIO_read_ex(bio, buf, sizeof buf, &done);
    printf("BIO_read_ex of an empty queue: %d, read %zu\n", r, done);
    q.closed = 1;
    r = BIO_read(bio, buf, sizeof buf);
    printf("BIO_read at the end: %d, should_retry %d, BIO_eof %d\n", r, BIO_should_retry(bio) != 0,
           BIO_eof(bio));
    printf("BIO_puts without a puts function: %d\n", BIO_puts(bio, "text"));
    printf("BIO_gets without a gets function: %d\n", BIO_gets(bio, buf, sizeof buf));
    ERR_clear_error();
    r = BIO_get_close(bio);
    int set = BIO_set_close(bio, BIO_NOCLOSE);
    printf("BIO_get_close %d; BIO_set_close(0) %d; BIO_get_shutdown %d\n", r, set,
           BIO_get_shutdown(bio));
    printf("BIO_pending (ctrl answers 0): %d\n", BIO_pending(bio));
    printf("BIO_meth_get_read is the read function: %s\n",
           BIO_meth_get_read(m) == endpoint_read ? "yes" : "no");
    BIO_up_ref(bio);
    BIO_free(bio);
    printf("destroy after the first of two frees: %d\n", destroyed);
    BIO_free(bio);
    printf("destroy after the last free: %d\n", destroyed);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    BIO_METHOD *m = new_method();

    connection_case(m, server_ctx, client_ctx, 7);
    connection_case(m, server_ctx, client_ctx, QUEUE_SIZE);
    truncation_case(m, server_ctx, client_ctx, 1);
    truncation_case(m, server_ctx, client_ctx, 0);
    bio_calls_case(m);

    BIO_meth_free(m);
    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

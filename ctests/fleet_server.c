/*
 * fleet_server: one TLS server of a fleet, for ctests/fleet.sh. Written against
 * OpenSSL's API plus libtls12's own tls12_SSL_CTX_load_ticket_key_file, so it builds only
 * against libtls12.
 *
 * The servers of a fleet share their sessions two ways:
 *   - by session ID, in a Redis server, through the external cache callbacks
 *     (SSL_CTX_sess_set_new_cb / _get_cb / _remove_cb) and a minimal RESP client over a
 *     loopback socket: SET tls12:sess:<hex id> <i2d_SSL_SESSION bytes> EX <timeout>;
 *   - by ticket, with the keys of one ticket key file, read at start and again on SIGHUP
 *     (rotation: a new key first, the old ones after it).
 *
 * Usage: fleet_server -n NAME -p PORT -c CHAIN -k KEY -t TICKET_KEY_FILE -r REDIS_PORT
 *
 * Prints "NAME listening on PORT pid PID" once it accepts connections, "NAME reloaded ticket
 * keys" after each SIGHUP, and after each handshake
 * "NAME conn N reused=R cb_hits=C hits=H". Each connection gets "hello from NAME\n" and
 * is read until the client closes. SIGTERM or SIGINT stops the server.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* How long one socket operation (Redis or a client) may block, in seconds. */
#define IO_TIMEOUT_SECONDS 5
/* The largest Redis reply accepted (a session is a few kilobytes). */
#define MAX_REPLY (1 << 20)
/* The Redis key prefix of the shared sessions. */
#define KEY_PREFIX "tls12:sess:"

static const char *name = "server";
static const char *ticket_key_file;
static int redis_port;
static int redis_fd = -1;
static volatile sig_atomic_t reload_requested, stop_requested;

static void fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", name, what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static void say(const char *format, ...)
{
    va_list args;
    printf("%s ", name);
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
    fflush(stdout);
}

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        reload_requested = 1;
    else
        stop_requested = 1;
}

static void set_timeouts(int fd)
{
    struct timeval tv = {IO_TIMEOUT_SECONDS, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* ------------------------------------------------------------ a minimal RESP client */

static void redis_close(void)
{
    if (redis_fd >= 0)
        close(redis_fd);
    redis_fd = -1;
}

static int redis_connect(void)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)redis_port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    redis_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (redis_fd < 0)
        return 0;
    set_timeouts(redis_fd);
    if (connect(redis_fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        redis_close();
        return 0;
    }
    return 1;
}

static int send_all(const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = send(redis_fd, p, len, MSG_NOSIGNAL);
        if (n <= 0)
            return 0;
        p += n;
        len -= (size_t)n;
    }
    return 1;
}

static int recv_all(void *data, size_t len)
{
    char *p = data;
    while (len > 0) {
        ssize_t n = recv(redis_fd, p, len, 0);
        if (n <= 0)
            return 0;
        p += n;
        len -= (size_t)n;
    }
    return 1;
}

/* Reads one CRLF-terminated line (without the CRLF) into buf. */
static int recv_line(char *buf, size_t size)
{
    size_t len = 0;
    for (;;) {
        char c;
        if (!recv_all(&c, 1) || len + 1 >= size)
            return 0;
        if (c == '\n' && len > 0 && buf[len - 1] == '\r') {
            buf[len - 1] = '\0';
            return 1;
        }
        buf[len++] = c;
    }
}

struct reply {
    char type;            /* '+', '-', ':' or '$' */
    long number;          /* ':' value, or '$' length (-1: nil) */
    unsigned char *data;  /* '$' contents (malloc'ed), NULL for nil */
};

static int send_command(int argc, const void *const *argv, const size_t *lens)
{
    char header[64];
    int n = snprintf(header, sizeof header, "*%d\r\n", argc);
    if (!send_all(header, (size_t)n))
        return 0;
    for (int i = 0; i < argc; i++) {
        n = snprintf(header, sizeof header, "$%zu\r\n", lens[i]);
        if (!send_all(header, (size_t)n) || !send_all(argv[i], lens[i]) || !send_all("\r\n", 2))
            return 0;
    }
    return 1;
}

static int read_reply(struct reply *r)
{
    char line[512];
    memset(r, 0, sizeof *r);
    if (!recv_line(line, sizeof line))
        return 0;
    r->type = line[0];
    r->number = strtol(line + 1, NULL, 10);
    if (r->type == '-')
        fprintf(stderr, "%s: redis: %s\n", name, line + 1);
    if (r->type != '$' || r->number < 0)
        return r->type == '+' || r->type == ':' || r->type == '$' || r->type == '-';
    if (r->number > MAX_REPLY || (r->data = malloc((size_t)r->number + 2)) == NULL)
        return 0;
    if (!recv_all(r->data, (size_t)r->number + 2)) {
        free(r->data);
        r->data = NULL;
        return 0;
    }
    return 1;
}

/* Runs one command, connecting (again) when needed; 0 when Redis cannot be reached. */
static int redis_command(int argc, const void *const *argv, const size_t *lens, struct reply *r)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (redis_fd < 0 && !redis_connect())
            continue;
        if (send_command(argc, argv, lens) && read_reply(r))
            return r->type != '-';
        redis_close();
    }
    fprintf(stderr, "%s: redis on port %d is not answering\n", name, redis_port);
    return 0;
}

/* ------------------------------------------------------- external session cache */

/* The Redis key of a session ID: the prefix and the ID in hex. */
static void session_key(const unsigned char *id, unsigned int len, char *key)
{
    strcpy(key, KEY_PREFIX);
    for (unsigned int i = 0; i < len; i++)
        sprintf(key + strlen(KEY_PREFIX) + 2 * i, "%02x", id[i]);
}

static int new_session_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int der_len = i2d_SSL_SESSION(sess, NULL);
    if (id_len == 0 || der_len <= 0)
        return 0;
    unsigned char *der = malloc((size_t)der_len), *p = der;
    if (der == NULL || i2d_SSL_SESSION(sess, &p) != der_len) {
        free(der);
        return 0;
    }
    char key[sizeof KEY_PREFIX + 2 * SSL_MAX_SSL_SESSION_ID_LENGTH], ttl[32];
    session_key(id, id_len, key);
    snprintf(ttl, sizeof ttl, "%ld", SSL_SESSION_get_timeout(sess) > 0 ? SSL_SESSION_get_timeout(sess) : 1);
    const void *argv[] = {"SET", key, der, "EX", ttl};
    size_t lens[] = {3, strlen(key), (size_t)der_len, 2, strlen(ttl)};
    struct reply r;
    if (redis_command(5, argv, lens, &r))
        say("stored session %s", key + strlen(KEY_PREFIX));
    free(r.data);
    /* The encoding holds the master secret. */
    memset(der, 0, (size_t)der_len);
    free(der);
    return 0; /* the library keeps (and drops) its reference */
}

static SSL_SESSION *get_session_cb(SSL *ssl, const unsigned char *id, int id_len, int *copy)
{
    (void)ssl;
    if (id_len <= 0 || id_len > SSL_MAX_SSL_SESSION_ID_LENGTH)
        return NULL;
    char key[sizeof KEY_PREFIX + 2 * SSL_MAX_SSL_SESSION_ID_LENGTH];
    session_key(id, (unsigned int)id_len, key);
    const void *argv[] = {"GET", key};
    size_t lens[] = {3, strlen(key)};
    struct reply r;
    SSL_SESSION *sess = NULL;
    if (redis_command(2, argv, lens, &r) && r.data != NULL) {
        const unsigned char *p = r.data;
        sess = d2i_SSL_SESSION(NULL, &p, r.number);
        memset(r.data, 0, (size_t)r.number);
    }
    free(r.data);
    say("looked up session %s: %s", key + strlen(KEY_PREFIX), sess != NULL ? "found" : "not found");
    *copy = 0; /* the library takes over our reference */
    return sess;
}

static void remove_session_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    char key[sizeof KEY_PREFIX + 2 * SSL_MAX_SSL_SESSION_ID_LENGTH];
    session_key(id, id_len, key);
    const void *argv[] = {"DEL", key};
    size_t lens[] = {3, strlen(key)};
    struct reply r;
    redis_command(2, argv, lens, &r);
    free(r.data);
}

/* ------------------------------------------------------------------ the server */

static void load_ticket_keys(SSL_CTX *ctx)
{
    if (tls12_SSL_CTX_load_ticket_key_file(ctx, ticket_key_file) != 1) {
        fprintf(stderr, "%s: cannot load the ticket keys from %s (the old ones stay)\n", name, ticket_key_file);
        ERR_print_errors_fp(stderr);
        return;
    }
    say("reloaded ticket keys");
}

static SSL_CTX *make_ctx(const char *chain, const char *key)
{
    static const unsigned char sid_ctx[] = "libtls12 fleet";
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, chain) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        fail("cannot load the certificate and key");
    /* Every session goes to Redis and comes from there: the fleet's shared cache. */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_set_session_id_context(ctx, sid_ctx, sizeof sid_ctx - 1);
    SSL_CTX_sess_set_new_cb(ctx, new_session_cb);
    SSL_CTX_sess_set_get_cb(ctx, get_session_cb);
    SSL_CTX_sess_set_remove_cb(ctx, remove_session_cb);
    if (tls12_SSL_CTX_load_ticket_key_file(ctx, ticket_key_file) != 1)
        fail("cannot load the ticket key file");
    return ctx;
}

static int listen_on(int port)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
        || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 16) != 0)
        fail("cannot listen");
    return fd;
}

static void serve(SSL_CTX *ctx, int fd, int n)
{
    char buf[1024], hello[64];
    set_timeouts(fd);
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1)
        fail("SSL_new");
    if (SSL_accept(ssl) == 1) {
        say("conn %d reused=%d cb_hits=%ld hits=%ld", n, SSL_session_reused(ssl), SSL_CTX_sess_cb_hits(ctx),
            SSL_CTX_sess_hits(ctx));
        int len = snprintf(hello, sizeof hello, "hello from %s\n", name);
        if (SSL_write(ssl, hello, len) == len)
            while (SSL_read(ssl, buf, sizeof buf) > 0)
                continue;
        SSL_shutdown(ssl);
    } else {
        say("conn %d handshake failed", n);
        ERR_print_errors_fp(stderr);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
}

int main(int argc, char **argv)
{
    const char *chain = NULL, *key = NULL;
    int port = 0, opt;
    while ((opt = getopt(argc, argv, "n:p:c:k:t:r:")) != -1) {
        switch (opt) {
        case 'n': name = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'c': chain = optarg; break;
        case 'k': key = optarg; break;
        case 't': ticket_key_file = optarg; break;
        case 'r': redis_port = atoi(optarg); break;
        default: port = 0; break;
        }
    }
    if (port <= 0 || redis_port <= 0 || chain == NULL || key == NULL || ticket_key_file == NULL) {
        fprintf(stderr, "usage: %s -n NAME -p PORT -c CHAIN -k KEY -t TICKET_KEY_FILE -r REDIS_PORT\n", argv[0]);
        return 2;
    }
    struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: poll returns */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    SSL_CTX *ctx = make_ctx(chain, key);
    int listener = listen_on(port);
    say("listening on %d pid %ld", port, (long)getpid());
    for (int n = 1; !stop_requested;) {
        if (reload_requested) {
            reload_requested = 0;
            load_ticket_keys(ctx);
        }
        struct pollfd pfd = {.fd = listener, .events = POLLIN};
        if (poll(&pfd, 1, 200) <= 0)
            continue;
        int fd = accept(listener, NULL, NULL);
        if (fd >= 0)
            serve(ctx, fd, n++);
    }
    close(listener);
    redis_close();
    SSL_CTX_free(ctx);
    say("stopped");
    return 0;
}

/* Helpers shared by the C tests: see common.h. */
#define _GNU_SOURCE
#include "common.h"

#include <openssl/pem.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Rounds of a non-blocking driver in a row without visible progress before it gives up. */
#define STALL_ROUNDS 200
/* Socket buffer size for non-blocking sockets: small, so that writes block often. */
#define SMALL_SOCKET_BUFFER 32768

static const char *certs_dir = "target/test-certs";

/* ------------------------------------------------------------------ setup */

void test_init(int argc, char **argv)
{
    const char *env = getenv("CERTS_DIR");
    if (argc > 1)
        certs_dir = argv[1];
    else if (env != NULL && *env != '\0')
        certs_dir = env;
    signal(SIGPIPE, SIG_IGN);
    /* A test that hangs fails instead; valgrind runs are slower, hence the margin. */
    const char *timeout = getenv("CTEST_TIMEOUT");
    alarm(timeout != NULL ? (unsigned)atoi(timeout) : 120);
}

const char *cert_path(const char *name)
{
    static __thread char paths[8][1024];
    static __thread unsigned next;
    char *path = paths[next++ % 8];
    snprintf(path, sizeof paths[0], "%s/%s", certs_dir, name);
    return path;
}

X509 *read_cert(const char *name)
{
    FILE *fp = fopen(cert_path(name), "r");
    if (fp == NULL)
        die("cannot open %s", name);
    X509 *cert = PEM_read_X509(fp, NULL, NULL, NULL);
    fclose(fp);
    if (cert == NULL)
        die("cannot read a certificate from %s", name);
    return cert;
}

void die(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static int checks_failed;

int check(int cond, const char *fmt, ...)
{
    if (!cond) {
        va_list ap;
        char what[512];
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        flockfile(stdout);
        printf("check failed: %s\n", what);
        funlockfile(stdout);
        __atomic_store_n(&checks_failed, 1, __ATOMIC_SEQ_CST);
    }
    return cond;
}

int test_status(void)
{
    return __atomic_load_n(&checks_failed, __ATOMIC_SEQ_CST) ? 1 : 0;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL)
        die("out of memory");
    return p;
}

/* --------------------------------------------------------------- contexts */

static void tls12_only(SSL_CTX *ctx)
{
    if (!SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) ||
        !SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION))
        die("cannot limit the context to TLS 1.2");
}

void use_cert_and_key(SSL_CTX *ctx, const char *chain, const char *key)
{
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_path(chain)) != 1)
        die("cannot load %s", cert_path(chain));
    if (SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), SSL_FILETYPE_PEM) != 1)
        die("cannot load %s", cert_path(key));
    if (SSL_CTX_check_private_key(ctx) != 1)
        die("%s does not match %s", key, chain);
}

SSL_CTX *new_server_ctx(const char *chain, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL)
        die("SSL_CTX_new failed");
    tls12_only(ctx);
    if (chain != NULL)
        use_cert_and_key(ctx, chain, key);
    return ctx;
}

SSL_CTX *new_client_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        die("SSL_CTX_new failed");
    tls12_only(ctx);
    if (SSL_CTX_load_verify_locations(ctx, cert_path("ca.pem"), NULL) != 1)
        die("cannot load %s", cert_path("ca.pem"));
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

/* ------------------------------------------------------------------ sides */

void side_init(struct side *side, const char *name, SSL_CTX *ctx)
{
    memset(side, 0, sizeof *side);
    side->name = name;
    side->fd = -1;
    side->ssl = SSL_new(ctx);
    if (side->ssl == NULL)
        die("SSL_new failed");
    if (strcmp(name, "server") == 0)
        SSL_set_accept_state(side->ssl);
    else
        SSL_set_connect_state(side->ssl);
    side->rng = 0x9e3779b97f4a7c15ULL ^ (uint64_t)strlen(name) ^ ((uint64_t)name[0] << 32);
    side->max_write = 16384;
    side->max_read = 16384;
}

void side_free(struct side *side)
{
    SSL_free(side->ssl);
    side->ssl = NULL;
    if (side->fd >= 0)
        close(side->fd);
    side->fd = -1;
    free(side->log);
    free(side->bufs[0]);
    free(side->bufs[1]);
    side->log = NULL;
    side->bufs[0] = side->bufs[1] = NULL;
}

void note(struct side *side, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        die("vsnprintf failed");
    size_t len = strlen(line);
    if (side->log_len + len + 2 > side->log_cap) {
        side->log_cap = 2 * (side->log_len + len + 2);
        side->log = realloc(side->log, side->log_cap);
        if (side->log == NULL)
            die("out of memory");
    }
    memcpy(side->log + side->log_len, line, len);
    side->log_len += len;
    side->log[side->log_len++] = '\n';
    side->log[side->log_len] = '\0';
}

static void print_log(struct side *side)
{
    const char *line = side->log;
    while (line != NULL && *line != '\0') {
        const char *end = strchr(line, '\n');
        printf("  %s: %.*s\n", side->name, (int)(end - line), line);
        line = end + 1;
    }
    side->log_len = 0;
    if (side->log != NULL)
        side->log[0] = '\0';
}

void print_case(const char *title, struct side *client, struct side *server)
{
    printf("== %s\n", title);
    if (client != NULL)
        print_log(client);
    if (server != NULL)
        print_log(server);
    fflush(stdout);
}

/* -------------------------------------------------------------- reporting */

static const char *error_name(int err)
{
    switch (err) {
    case SSL_ERROR_NONE: return "NONE";
    case SSL_ERROR_SSL: return "SSL";
    case SSL_ERROR_WANT_READ: return "WANT_READ";
    case SSL_ERROR_WANT_WRITE: return "WANT_WRITE";
    case SSL_ERROR_SYSCALL: return "SYSCALL";
    case SSL_ERROR_ZERO_RETURN: return "ZERO_RETURN";
    default: return "OTHER";
    }
}

/* TLS alert descriptions (RFC 5246 and later registrations). */
static const char *alert_name(int alert)
{
    static const struct { int code; const char *name; } alerts[] = {
        {0, "close_notify"}, {10, "unexpected_message"}, {20, "bad_record_mac"},
        {22, "record_overflow"}, {40, "handshake_failure"}, {42, "bad_certificate"},
        {43, "unsupported_certificate"}, {44, "certificate_revoked"},
        {45, "certificate_expired"}, {46, "certificate_unknown"},
        {47, "illegal_parameter"}, {48, "unknown_ca"}, {49, "access_denied"},
        {50, "decode_error"}, {51, "decrypt_error"}, {70, "protocol_version"},
        {71, "insufficient_security"}, {80, "internal_error"},
        {86, "inappropriate_fallback"}, {90, "user_canceled"},
        {100, "no_renegotiation"}, {109, "missing_extension"},
        {110, "unsupported_extension"}, {112, "unrecognized_name"},
        {116, "certificate_required"}, {120, "no_application_protocol"},
    };
    for (size_t i = 0; i < sizeof alerts / sizeof alerts[0]; i++)
        if (alerts[i].code == alert)
            return alerts[i].name;
    return "unknown alert";
}

int note_result(struct side *side, const char *op, int ret)
{
    int err = SSL_get_error(side->ssl, ret);
    unsigned long e = ERR_get_error();
    char reason[128] = "";
    if (e != 0) {
        int r = ERR_GET_REASON(e);
        if (r >= 1000 && r < 1256)
            snprintf(reason, sizeof reason, " reason=%d (received alert %s)", r,
                     alert_name(r - 1000));
        else
            snprintf(reason, sizeof reason, " reason=%d", r);
    }
    ERR_clear_error();
    note(side, "%s: ret=%d error=%s%s", op, ret, error_name(err), reason);
    return err;
}

int note_shutdown(struct side *side, const char *op, int ret)
{
    if (ret < 0)
        return note_result(side, op, ret);
    note(side, "%s: ret=%d", op, ret);
    ERR_clear_error();
    return SSL_ERROR_NONE;
}

/* Names of the key exchange groups a TLS 1.2 peer may negotiate, by NID. */
static const char *group_name(int nid)
{
    switch (nid) {
    case 1034: return "X25519";
    case 415: return "P-256";
    case 715: return "P-384";
    case 716: return "P-521";
    case 0: return "none";
    default: return "other";
    }
}

void note_session(struct side *side)
{
    SSL *ssl = side->ssl;
    note(side, "version: %s", SSL_get_version(ssl));

    const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl);
    if (cipher == NULL) {
        note(side, "cipher: none");
    } else {
        int alg_bits = 0;
        int bits = SSL_CIPHER_get_bits(cipher, &alg_bits);
        note(side, "cipher: %s (%s), %d bits (algorithm %d)", SSL_CIPHER_get_name(cipher),
             SSL_CIPHER_standard_name(cipher), bits, alg_bits);
    }

    int group = (int)SSL_get_negotiated_group(ssl);
    note(side, "group: %s (NID %d)", group_name(group), group);

    const unsigned char *alpn = NULL;
    unsigned alpn_len = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    if (alpn_len == 0)
        note(side, "alpn: none");
    else
        note(side, "alpn: %.*s", (int)alpn_len, (const char *)alpn);

    const char *sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    note(side, "server name: %s", sni != NULL ? sni : "none");

    X509 *peer = SSL_get_peer_certificate(ssl);
    if (peer == NULL) {
        note(side, "peer certificate: none");
    } else {
        char subject[256], issuer[256];
        X509_NAME_oneline(X509_get_subject_name(peer), subject, sizeof subject);
        X509_NAME_oneline(X509_get_issuer_name(peer), issuer, sizeof issuer);
        note(side, "peer certificate: %s issued by %s", subject, issuer);
        X509_free(peer);
    }

    long verify = SSL_get_verify_result(ssl);
    note(side, "verify result: %ld (%s)", verify, X509_verify_cert_error_string(verify));
    note(side, "session reused: %d", SSL_session_reused(ssl));
}

/* ------------------------------------------------------------ connections */

static void set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    int size = SMALL_SOCKET_BUFFER;
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        die("fcntl: %s", strerror(errno));
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) < 0)
        die("setsockopt: %s", strerror(errno));
}

void connect_sockets(struct side *client, struct side *server, int nonblocking)
{
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) < 0)
        die("socketpair: %s", strerror(errno));
    if (nonblocking) {
        set_nonblocking(fds[0]);
        set_nonblocking(fds[1]);
    }
    client->fd = fds[0];
    server->fd = fds[1];
    if (SSL_set_fd(client->ssl, fds[0]) != 1 || SSL_set_fd(server->ssl, fds[1]) != 1)
        die("SSL_set_fd failed");
}

int connect_raw_peer(struct side *side)
{
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) < 0)
        die("socketpair: %s", strerror(errno));
    set_nonblocking(fds[0]);
    set_nonblocking(fds[1]);
    side->fd = fds[0];
    if (SSL_set_fd(side->ssl, fds[0]) != 1)
        die("SSL_set_fd failed");
    return fds[1];
}

static BIO *new_mem_bio(void)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL)
        die("BIO_new failed");
    return bio;
}

void connect_mem_bios(struct side *client, struct side *server, struct wires *w, size_t chunk)
{
    w->client_in = new_mem_bio();
    w->client_out = new_mem_bio();
    w->server_in = new_mem_bio();
    w->server_out = new_mem_bio();
    w->chunk = chunk;
    SSL_set_bio(client->ssl, w->client_in, w->client_out);
    SSL_set_bio(server->ssl, w->server_in, w->server_out);
}

static size_t move(BIO *from, BIO *to, size_t chunk)
{
    unsigned char buf[65536];
    size_t max = chunk < sizeof buf ? chunk : sizeof buf;
    int n = BIO_read(from, buf, (int)max);
    if (n <= 0)
        return 0;
    if (BIO_write(to, buf, n) != n)
        die("BIO_write to a memory BIO failed");
    return (size_t)n;
}

size_t mem_shuttle(void *wires)
{
    struct wires *w = wires;
    return move(w->client_out, w->server_in, w->chunk) +
           move(w->server_out, w->client_in, w->chunk);
}

struct thread_job {
    struct side *side;
    void (*fn)(struct side *);
};

/* Runs one side, then releases its connection on the same thread, so that the peer
 * sees the end of the stream instead of waiting forever when this side gives up. */
static void *run_side(void *arg)
{
    struct thread_job *job = arg;
    job->fn(job->side);
    SSL_free(job->side->ssl);
    job->side->ssl = NULL;
    close(job->side->fd);
    job->side->fd = -1;
    return NULL;
}

void run_threads(struct side *client, void (*client_fn)(struct side *),
                 struct side *server, void (*server_fn)(struct side *))
{
    pthread_t thread;
    struct thread_job server_job = {server, server_fn}, client_job = {client, client_fn};
    connect_sockets(client, server, 0);
    if (pthread_create(&thread, NULL, run_side, &server_job) != 0)
        die("pthread_create failed");
    run_side(&client_job);
    if (pthread_join(thread, NULL) != 0)
        die("pthread_join failed");
}

/* ----------------------------------------------------- non-blocking drivers */

uint64_t next_random(uint64_t *state)
{
    /* xorshift64* */
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

unsigned char stream_byte(size_t pos)
{
    uint32_t x = (uint32_t)pos * 2654435761u;
    return (unsigned char)((x >> 24) ^ (pos >> 16));
}

static int is_blocked(int err)
{
    return err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE;
}

static void remember_wait(struct side *side, int err)
{
    if (err == SSL_ERROR_WANT_READ)
        side->saw_want_read = 1;
    if (err == SSL_ERROR_WANT_WRITE)
        side->saw_want_write = 1;
}

/* One handshake step. Returns 1 when the side's state visibly changed. */
static int step_handshake(struct side *side)
{
    if (side->handshake_done || side->failed)
        return 0;
    int ret = SSL_do_handshake(side->ssl);
    int err = SSL_get_error(side->ssl, ret);
    if (ret == 1) {
        side->handshake_done = 1;
        note(side, "handshake: ret=1, waited for read: %s, for write: %s",
             side->saw_want_read ? "yes" : "no", side->saw_want_write ? "yes" : "no");
        return 1;
    }
    if (is_blocked(err)) {
        remember_wait(side, err);
        return 0;
    }
    note_result(side, "handshake", ret);
    side->failed = 1;
    return 1;
}

/* Whether a side (NULL: none) has nothing more to do in a phase. */
static int over(struct side *side, int (*done)(struct side *))
{
    return side == NULL || side->failed || done(side);
}

static int stepped(struct side *side, int (*step)(struct side *))
{
    return side != NULL && !side->failed && step(side);
}

/* Runs step on both sides, with the shuttle in between, until done(side) holds for both
 * sides or a side failed and the other cannot move any more. A NULL side is a peer that
 * is not driven (raw bytes written by the test). */
static int drive(struct side *client, struct side *server, shuttle_fn shuttle, void *arg,
                 int (*step)(struct side *), int (*done)(struct side *), const char *phase)
{
    int idle = 0;
    while (idle < STALL_ROUNDS) {
        int progress = stepped(client, step);
        if (shuttle != NULL && shuttle(arg) > 0)
            progress = 1;
        progress |= stepped(server, step);
        if (shuttle != NULL && shuttle(arg) > 0)
            progress = 1;
        if (over(client, done) && over(server, done))
            return (client == NULL || !client->failed) && (server == NULL || !server->failed);
        idle = progress ? 0 : idle + 1;
    }
    struct side *sides[] = {client, server};
    for (int i = 0; i < 2; i++)
        if (!over(sides[i], done))
            note(sides[i], "%s: stalled, nothing more to read or write", phase);
    return 0;
}

static int handshake_done(struct side *side)
{
    return side->handshake_done;
}

int drive_handshake(struct side *client, struct side *server, shuttle_fn shuttle, void *arg)
{
    if (client != NULL)
        client->saw_want_read = client->saw_want_write = 0;
    if (server != NULL)
        server->saw_want_read = server->saw_want_write = 0;
    return drive(client, server, shuttle, arg, step_handshake, handshake_done, "handshake");
}

static unsigned char *side_buffer(struct side *side, int index)
{
    size_t size = side->max_write > side->max_read ? side->max_write : side->max_read;
    if (side->bufs[index] == NULL)
        side->bufs[index] = xmalloc(size);
    return side->bufs[index];
}

static int step_write(struct side *side)
{
    if (side->pending_len == 0) {
        size_t left = side->out.total - side->out.done;
        if (left == 0)
            return 0;
        size_t len = 1 + next_random(&side->rng) % side->max_write;
        if (len > left)
            len = left;
        side->pending = side_buffer(side, side->buf_index);
        for (size_t i = 0; i < len; i++)
            side->pending[i] = stream_byte(side->out.done + i);
        side->pending_len = len;
    } else if (side->moving_buffer) {
        /* SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: retry the same bytes from elsewhere. */
        side->buf_index ^= 1;
        unsigned char *moved = side_buffer(side, side->buf_index);
        memcpy(moved, side->pending, side->pending_len);
        memset(side->pending, 0xee, side->pending_len);
        side->pending = moved;
    }
    int ret = SSL_write(side->ssl, side->pending, (int)side->pending_len);
    if (ret > 0) {
        if ((size_t)ret < side->pending_len)
            side->partial_writes++;
        side->out.done += (size_t)ret;
        side->pending_len = 0;
        return 1;
    }
    int err = SSL_get_error(side->ssl, ret);
    if (is_blocked(err)) {
        remember_wait(side, err);
        return 0;
    }
    note_result(side, "write", ret);
    side->failed = 1;
    return 1;
}

static int step_read(struct side *side)
{
    unsigned char buf[65536];
    if (side->in.done >= side->in.total)
        return 0;
    size_t len = 1 + next_random(&side->rng) % side->max_read;
    if (len > sizeof buf)
        len = sizeof buf;
    int ret = SSL_read(side->ssl, buf, (int)len);
    if (ret > 0) {
        if ((size_t)ret > len || side->in.done + (size_t)ret > side->in.total) {
            note(side, "read: %d bytes returned for a %zu byte buffer", ret, len);
            side->failed = 1;
            return 1;
        }
        for (int i = 0; i < ret; i++) {
            if (buf[i] != stream_byte(side->in.done + (size_t)i)) {
                note(side, "read: byte %zu differs", side->in.done + (size_t)i);
                side->failed = 1;
                return 1;
            }
        }
        side->in.done += (size_t)ret;
        return 1;
    }
    int err = SSL_get_error(side->ssl, ret);
    if (is_blocked(err)) {
        remember_wait(side, err);
        return 0;
    }
    note_result(side, "read", ret);
    side->failed = 1;
    return 1;
}

static int step_transfer(struct side *side)
{
    int progress = step_write(side);
    if (!side->failed)
        progress |= step_read(side);
    return progress;
}

static int transfer_done(struct side *side)
{
    return side->out.done == side->out.total && side->pending_len == 0 &&
           side->in.done == side->in.total;
}

int drive_transfer(struct side *client, struct side *server, shuttle_fn shuttle, void *arg)
{
    client->in.total = server->out.total;
    server->in.total = client->out.total;
    client->in.done = server->in.done = client->out.done = server->out.done = 0;
    client->saw_want_read = client->saw_want_write = client->partial_writes = 0;
    server->saw_want_read = server->saw_want_write = server->partial_writes = 0;
    return drive(client, server, shuttle, arg, step_transfer, transfer_done, "transfer");
}

void note_transfer(struct side *side)
{
    note(side, "transfer: sent %zu of %zu, received %zu of %zu", side->out.done,
         side->out.total, side->in.done, side->in.total);
    /* Whether a write returns early is the implementation's choice with
     * SSL_MODE_ENABLE_PARTIAL_WRITE; without it, it never may. */
    if (!(SSL_get_mode(side->ssl) & SSL_MODE_ENABLE_PARTIAL_WRITE))
        check(side->partial_writes == 0, "%s: SSL_write returned early without "
              "SSL_MODE_ENABLE_PARTIAL_WRITE", side->name);
    /* With 4 MiB to move through small buffers, a write has to wait at some point; when
     * a read has to wait depends on the timing of the loop, so it is not reported. */
    note(side, "transfer: a write had to wait: %s", side->saw_want_write ? "yes" : "no");
}

int exchange(const char *title, struct side *client, struct side *server, shuttle_fn shuttle,
             void *arg)
{
    if (!check(drive_handshake(client, server, shuttle, arg), "%s: handshake", title))
        return 0;
    note_session(client);
    int ok = check(drive_transfer(client, server, shuttle, arg), "%s: transfer", title);
    note_transfer(client);
    note_transfer(server);
    return check(drive_shutdown(client, server, shuttle, arg), "%s: shutdown", title) && ok;
}

/* Result of an SSL_shutdown or SSL_read call that asked to wait. */
static int must_wait(struct side *side, int ret)
{
    return ret < 0 && is_blocked(SSL_get_error(side->ssl, ret));
}

/* One shutdown step. The client sends close_notify (its first SSL_shutdown returns 0,
 * and one more call at once has to wait for the reply), then waits for the server's.
 * The server reads the client's close_notify (SSL_read returns 0, ZERO_RETURN) and
 * answers with its own. Calls that have to wait are repeated and not noted. */
static int step_shutdown(struct side *side)
{
    char buf[64];
    int ret, server = strcmp(side->name, "server") == 0;
    if (side->shutdown_stage == 0 && server) {
        ret = SSL_read(side->ssl, buf, sizeof buf);
        if (must_wait(side, ret))
            return 0;
        if (note_result(side, "read after close_notify", ret) != SSL_ERROR_ZERO_RETURN) {
            side->failed = 1;
            return 1;
        }
        side->shutdown_stage = 1;
    } else if (side->shutdown_stage == 0) {
        ret = SSL_shutdown(side->ssl);
        if (must_wait(side, ret))
            return 0;
        note_shutdown(side, "first shutdown", ret);
        if (ret < 0) {
            side->failed = 1;
            return 1;
        }
        if (ret == 0)
            note_shutdown(side, "second shutdown before the reply", SSL_shutdown(side->ssl));
        side->shutdown_stage = 1;
    }
    if (side->shutdown_stage == 1) {
        ret = SSL_shutdown(side->ssl);
        if (must_wait(side, ret))
            return 1;
        note_shutdown(side, server ? "shutdown" : "shutdown after the reply", ret);
        side->failed = ret != 1;
        side->shutdown_stage = 2;
    }
    return 1;
}

static int shutdown_done(struct side *side)
{
    return side->shutdown_stage == 2;
}

int drive_shutdown(struct side *client, struct side *server, shuttle_fn shuttle, void *arg)
{
    client->shutdown_stage = server->shutdown_stage = 0;
    int ok = drive(client, server, shuttle, arg, step_shutdown, shutdown_done, "shutdown");
    note(client, "shutdown state: %d", SSL_get_shutdown(client->ssl));
    note(server, "shutdown state: %d", SSL_get_shutdown(server->ssl));
    return ok && SSL_get_shutdown(client->ssl) == (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN) &&
           SSL_get_shutdown(server->ssl) == (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

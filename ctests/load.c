/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Load: one server SSL_CTX (session cache and tickets on) shared by SERVERS threads that
 * accept on one listening TCP socket on 127.0.0.1, and CLIENTS threads, each with its own
 * client SSL_CTX, each making HANDSHAKES connections in a fixed cycle of full handshakes,
 * resumptions by session ID (SSL_OP_NO_TICKET) and resumptions by ticket (the previous
 * connection's session, itself resumed or not). Every connection echoes a pseudo-random
 * message of 1 to 16 KiB, checked byte by byte, and ends with a clean shutdown.
 *
 * Which thread serves which connection, and when, depends on scheduling; what is printed
 * does not: the totals of each kind, the bytes echoed and the statistics of the contexts
 * (SSL_CTX_sess_*), which the clients' cycle determines.
 */
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SERVERS 8
#define CLIENTS 8
/* Connections per client: a whole number of cycles. */
#define HANDSHAKES 120
#define MIN_MESSAGE 1024
#define MAX_MESSAGE 16384

/* What a connection of the cycle does. */
enum kind {
    FULL_ID,        /* full handshake without a ticket: the session is kept by ID */
    RESUME_ID,      /* offers the session ID of the last FULL_ID */
    FULL_TICKET,    /* full handshake with a ticket */
    RESUME_TICKET,  /* offers the ticket of the previous connection */
    KINDS
};

static const enum kind cycle[] = {
    FULL_ID, RESUME_ID, RESUME_ID, FULL_TICKET, RESUME_TICKET, RESUME_TICKET,
};
#define CYCLE (sizeof cycle / sizeof cycle[0])

static const char *const kind_names[KINDS] = {
    [FULL_ID] = "full handshakes without a ticket",
    [RESUME_ID] = "resumptions by session ID",
    [FULL_TICKET] = "full handshakes with a ticket",
    [RESUME_TICKET] = "resumptions by ticket",
};

static int is_resumption(enum kind kind)
{
    return kind == RESUME_ID || kind == RESUME_TICKET;
}

static int uses_ticket(enum kind kind)
{
    return kind == FULL_TICKET || kind == RESUME_TICKET;
}

struct server {
    SSL_CTX *ctx;
    int listen_fd;
    long unclaimed;        /* connections no server thread has taken yet */
    long resumed, full;    /* handshakes as the server saw them */
    long bytes;            /* bytes echoed */
};

struct client {
    int index;
    struct sockaddr_in addr;
    SSL_CTX *ctx;
    long done[KINDS];      /* connections of each kind that went well */
    long bytes;            /* bytes sent and received back intact */
};

static void add(long *counter, long n)
{
    __atomic_add_fetch(counter, n, __ATOMIC_SEQ_CST);
}

/* Sends each record at once: without it, a record written while the previous one is not
 * yet acknowledged waits for the peer's delayed acknowledgement. */
static void no_delay(int fd)
{
    int on = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) < 0)
        die("setsockopt TCP_NODELAY: %s", strerror(errno));
}

/* Reads and writes back whatever the client sends until its close_notify. */
static void serve(struct server *server, int fd)
{
    unsigned char buf[MAX_MESSAGE];
    no_delay(fd);
    SSL *ssl = SSL_new(server->ctx);
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1)
        die("server: SSL_new or SSL_set_fd failed");
    if (check(SSL_accept(ssl) == 1, "server: handshake failed")) {
        add(SSL_session_reused(ssl) ? &server->resumed : &server->full, 1);
        int n;
        while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) {
            if (!check(SSL_write(ssl, buf, n) == n, "server: echo failed"))
                break;
            add(&server->bytes, n);
        }
        if (n <= 0) {
            check(SSL_get_error(ssl, n) == SSL_ERROR_ZERO_RETURN,
                  "server: read failed (error %d)", SSL_get_error(ssl, n));
            check(SSL_shutdown(ssl) == 1, "server: shutdown failed");
        }
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
}

/* Accepts connections until every one the clients make has been taken. */
static void *server_thread(void *arg)
{
    struct server *server = arg;
    while (__atomic_fetch_sub(&server->unclaimed, 1, __ATOMIC_SEQ_CST) > 0) {
        int fd = accept(server->listen_fd, NULL, NULL);
        if (fd < 0)
            die("accept: %s", strerror(errno));
        serve(server, fd);
    }
    return NULL;
}

/* Sends len pseudo-random bytes and checks that the same come back. */
static int echo(SSL *ssl, uint64_t *rng, size_t len, const char *what)
{
    unsigned char sent[MAX_MESSAGE] = {0}, received[MAX_MESSAGE];
    for (size_t i = 0; i < len; i++)
        sent[i] = (unsigned char)next_random(rng);
    if (!check(SSL_write(ssl, sent, (int)len) == (int)len, "%s: write failed", what))
        return 0;
    size_t got = 0;
    while (got < len) {
        int n = SSL_read(ssl, received + got, (int)(len - got));
        if (!check(n > 0, "%s: read failed after %zu of %zu bytes", what, got, len))
            return 0;
        got += (size_t)n;
    }
    return check(memcmp(sent, received, len) == 0, "%s: the echo differs", what);
}

/* One connection of the given kind; offer is the session to resume (or NULL). Returns
 * the connection's session (owned by the caller) when it went well. */
static SSL_SESSION *connect_once(struct client *client, enum kind kind, SSL_SESSION *offer,
                                 uint64_t *rng)
{
    char what[128];
    SSL_SESSION *session = NULL;
    snprintf(what, sizeof what, "client %d, %s", client->index, kind_names[kind]);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&client->addr, sizeof client->addr) < 0)
        die("%s: connect: %s", what, strerror(errno));
    no_delay(fd);
    SSL *ssl = SSL_new(client->ctx);
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 || SSL_set1_host(ssl, "localhost") != 1)
        die("%s: SSL_new, SSL_set_fd or SSL_set1_host failed", what);
    if (!uses_ticket(kind))
        SSL_set_options(ssl, SSL_OP_NO_TICKET);
    if (offer != NULL && SSL_set_session(ssl, offer) != 1)
        die("%s: SSL_set_session failed", what);

    size_t len = MIN_MESSAGE + next_random(rng) % (MAX_MESSAGE - MIN_MESSAGE + 1);
    if (check(SSL_connect(ssl) == 1, "%s: handshake failed", what) &&
        check(SSL_session_reused(ssl) == is_resumption(kind), "%s: session reused: %d",
              what, SSL_session_reused(ssl)) &&
        echo(ssl, rng, len, what) &&
        check(SSL_shutdown(ssl) == 0, "%s: first shutdown", what) &&
        check(SSL_shutdown(ssl) == 1, "%s: shutdown after the reply", what)) {
        client->done[kind]++;
        client->bytes += (long)len;
        session = SSL_get1_session(ssl);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
    return session;
}

/* Runs the cycle HANDSHAKES / CYCLE times. A resumption offers the session of the
 * previous connection; when that one failed it offers nothing and fails its check. */
static void *client_thread(void *arg)
{
    struct client *client = arg;
    uint64_t rng = 0x2545f4914f6cdd1dULL * (uint64_t)(client->index + 1);
    SSL_SESSION *previous = NULL;
    for (int i = 0; i < HANDSHAKES; i++) {
        enum kind kind = cycle[i % CYCLE];
        SSL_SESSION *offer = is_resumption(kind) ? previous : NULL;
        SSL_SESSION *session = connect_once(client, kind, offer, &rng);
        SSL_SESSION_free(previous);
        previous = session;
    }
    SSL_SESSION_free(previous);
    return NULL;
}

static int listen_locally(struct sockaddr_in *addr)
{
    socklen_t len = sizeof *addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0 ||
        listen(fd, CLIENTS * 2) < 0 || getsockname(fd, (struct sockaddr *)addr, &len) < 0)
        die("cannot listen on 127.0.0.1: %s", strerror(errno));
    return fd;
}

int main(int argc, char **argv)
{
    _Static_assert(HANDSHAKES % CYCLE == 0, "HANDSHAKES is a whole number of cycles");
    test_init(argc, argv);
    struct server server = {
        .ctx = new_server_ctx("rsa-chain.pem", "rsa.key"),
        .unclaimed = (long)CLIENTS * HANDSHAKES,
    };
    /* The defaults, stated: the server caches sessions and issues tickets. */
    SSL_CTX_set_session_cache_mode(server.ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_clear_options(server.ctx, SSL_OP_NO_TICKET);
    struct client clients[CLIENTS];
    server.listen_fd = listen_locally(&clients[0].addr);

    pthread_t server_threads[SERVERS], client_threads[CLIENTS];
    for (int i = 0; i < SERVERS; i++)
        if (pthread_create(&server_threads[i], NULL, server_thread, &server) != 0)
            die("pthread_create failed");
    for (int i = 0; i < CLIENTS; i++) {
        clients[i] = (struct client){.index = i, .addr = clients[0].addr,
                                     .ctx = new_client_ctx()};
        if (pthread_create(&client_threads[i], NULL, client_thread, &clients[i]) != 0)
            die("pthread_create failed");
    }
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(client_threads[i], NULL);
    for (int i = 0; i < SERVERS; i++)
        pthread_join(server_threads[i], NULL);
    close(server.listen_fd);

    long done[KINDS] = {0}, bytes = 0, connect = 0, connect_good = 0, client_hits = 0;
    long client_misses = 0;
    for (int i = 0; i < CLIENTS; i++) {
        for (int k = 0; k < KINDS; k++)
            done[k] += clients[i].done[k];
        bytes += clients[i].bytes;
        connect += SSL_CTX_sess_connect(clients[i].ctx);
        connect_good += SSL_CTX_sess_connect_good(clients[i].ctx);
        client_hits += SSL_CTX_sess_hits(clients[i].ctx);
        client_misses += SSL_CTX_sess_misses(clients[i].ctx);
        SSL_CTX_free(clients[i].ctx);
    }
    long total = (long)CLIENTS * HANDSHAKES, resumptions = done[RESUME_ID] + done[RESUME_TICKET];
    printf("%d server threads, %d clients, %d connections each\n", SERVERS, CLIENTS, HANDSHAKES);
    for (int k = 0; k < KINDS; k++) {
        long expected = 0;
        for (size_t i = 0; i < HANDSHAKES; i++)
            expected += cycle[i % CYCLE] == (enum kind)k;
        printf("%s: %ld\n", kind_names[k], done[k]);
        check(done[k] == expected * CLIENTS, "%s: %ld expected", kind_names[k],
              expected * CLIENTS);
    }
    printf("bytes echoed: %ld\n", bytes);
    printf("server: handshakes resumed %ld, full %ld, bytes echoed %ld\n", server.resumed,
           server.full, server.bytes);
    check(server.resumed == resumptions && server.full == total - resumptions,
          "the server resumed what the clients resumed");
    check(server.bytes == bytes, "the server echoed what the clients sent");

    long hits = SSL_CTX_sess_hits(server.ctx), misses = SSL_CTX_sess_misses(server.ctx);
    long accept = SSL_CTX_sess_accept(server.ctx);
    long accept_good = SSL_CTX_sess_accept_good(server.ctx);
    printf("server SSL_CTX: accept %ld, accept_good %ld, hits %ld, misses %ld\n", accept,
           accept_good, hits, misses);
    printf("client SSL_CTXs: connect %ld, connect_good %ld, hits %ld, misses %ld\n", connect,
           connect_good, client_hits, client_misses);
    check(hits == resumptions, "server: a hit for every resumption, by ID or by ticket");
    check(misses == 0, "server: no miss");
    check(accept == total && accept_good == total, "server: every handshake accepted");
    check(connect == total && connect_good == total, "clients: every handshake completed");
    check(client_hits == resumptions && client_misses == 0,
          "clients: a hit for every resumption, no miss");
    SSL_CTX_free(server.ctx);
    return test_status();
}

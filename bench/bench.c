/*
 * TLS 1.2 benchmark written only against OpenSSL's API, so that the same source builds
 * against OpenSSL and against libtls12 (-I include/tls12 -ltls12) and compares the two
 * libraries. Client and server live in this one process and talk through a BIO pair: no
 * sockets and no threads, so what is timed is the TLS work of both sides.
 *
 *   bench CERTDIR [SECONDS [CASE...]]
 *
 * CERTDIR holds the test PKI of tests/gen-certs.sh; SECONDS is the wall-clock budget of
 * each timed case (default 1.5); rates are per second of the process's CPU time, which a
 * busy machine disturbs less than wall-clock time. The CASE names (as printed) select
 * cases, all by default. One line per result on stdout, for bench/run.sh:
 *
 *   handshake NAME RATE   full handshakes per CPU second, client and server together
 *   resumed NAME RATE     abbreviated handshakes per CPU second (session ID or ticket)
 *   memory NAME KIB       heap held by one established server connection, KiB
 *   bulk NAME send RATE   MB (10^6 bytes) per CPU second of SSL_write, 16 KiB records
 *   bulk NAME recv RATE   MB per CPU second of SSL_read of those records
 *   peak_rss MIB          the process's peak resident set size
 *   library TEXT          OpenSSL_version(OPENSSL_VERSION) of the library measured
 *   skipped NAME          the case could not run; the reason is on stderr
 *
 * Handshake and bulk cases make full handshakes only: session caches and tickets are off
 * on both sides. The resumption cases turn one mechanism on: resume-ID the server's
 * session cache (tickets stay off), resume-ticket tickets (the server's cache stays off).
 * Their first, untimed handshake is a full one that makes the session (SSL_get1_session);
 * every timed one offers it (SSL_set_session) and must be resumed on both sides
 * (SSL_session_reused). The client verifies the server's chain and host name, as a real
 * client does.
 *
 * Heap: this program replaces malloc and its family (they forward to glibc's and keep a
 * count of the live bytes, by malloc_usable_size), so it sees every block that either
 * library allocates. The memory line is what SSL_free of an established server
 * connection releases, its BIO kept alive by a reference, so the transport's buffers do
 * not count; the mean of MEMORY_CONNECTIONS connections. bench/rustls counts rustls's
 * heap the same way, with a counting global allocator.
 */
#define _GNU_SOURCE /* clock_gettime and malloc_usable_size under a strict -std */
#include <openssl/ssl.h>
#include <openssl/err.h>

#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define HOST "localhost"
#define RECORD_BYTES 16384
/* Records sent between looks at the clocks (reading the CPU clock is a system call). */
#define RECORDS_PER_CHECK 8
/* Room for a few full records in each direction of a handshake's BIO pair. */
#define BIO_PAIR_BYTES 65536
/* Room for RECORDS_PER_CHECK full records, with their headers and tags, in a bulk case. */
#define BULK_BIO_PAIR_BYTES (RECORDS_PER_CHECK * (RECORD_BYTES + 1024))
/* Connections held open at once to measure the heap each one holds. */
#define MEMORY_CONNECTIONS 32
/* A handshake over a BIO pair needs a handful of steps; more means it is stuck. */
#define MAX_HANDSHAKE_STEPS 64

/* What both sides are configured with for one case. */
struct setup {
    const char *cipher; /* the only suite either side offers */
    const char *groups; /* key exchange groups of both sides, or NULL for the default */
    const char *server; /* server credentials in CERTDIR: NAME-chain.pem and NAME.key */
};

enum kind { HANDSHAKE, RESUME_ID, RESUME_TICKET, BULK };

struct bench_case {
    enum kind kind;
    const char *name;
    struct setup setup;
};

/*
 * Handshakes: one per key exchange. DHE uses ffdhe2048, libtls12's default with no
 * settings; OpenSSL's server needs SSL_CTX_set_dh_auto (see enable_dhe). ECDHE negotiates X25519, the client's first choice; P-256 is offered too,
 * as real clients do, since OpenSSL's server will not use a P-256 ECDSA certificate with a
 * client that does not list P-256. Bulk: the key exchange does not matter, the record
 * protection does.
 */
static const struct bench_case CASES[] = {
    {HANDSHAKE, "ECDHE-RSA", {"ECDHE-RSA-AES128-GCM-SHA256", "X25519:P-256", "rsa"}},
    {HANDSHAKE, "ECDHE-ECDSA", {"ECDHE-ECDSA-AES128-GCM-SHA256", "X25519:P-256", "ecdsa"}},
    {HANDSHAKE, "DHE-RSA", {"DHE-RSA-AES128-GCM-SHA256", NULL, "rsa"}},
    {HANDSHAKE, "RSA", {"AES128-GCM-SHA256", NULL, "rsa"}},
    {RESUME_ID, "resume-ID", {"ECDHE-RSA-AES128-GCM-SHA256", "X25519:P-256", "rsa"}},
    {RESUME_TICKET, "resume-ticket", {"ECDHE-RSA-AES128-GCM-SHA256", "X25519:P-256", "rsa"}},
    {BULK, "AES128-GCM", {"ECDHE-RSA-AES128-GCM-SHA256", "X25519:P-256", "rsa"}},
    {BULK, "CHACHA20-POLY1305", {"ECDHE-RSA-CHACHA20-POLY1305", "X25519:P-256", "rsa"}},
    {BULK, "AES128-CBC-SHA256", {"ECDHE-RSA-AES128-SHA256", "X25519:P-256", "rsa"}},
    {BULK, "AES128-CBC-SHA1", {"ECDHE-RSA-AES128-SHA", "X25519:P-256", "rsa"}},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A client and a server SSL joined by a BIO pair. */
struct pair {
    SSL *client;
    SSL *server;
};

/* The two contexts of one case. */
struct contexts {
    SSL_CTX *client;
    SSL_CTX *server;
};

static const char *cert_dir;

/* glibc's own allocator, which the replacements below forward to. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *block, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *block);

/* Bytes of live heap blocks (their malloc_usable_size); one thread runs here. */
static long long live_heap;

void *malloc(size_t size)
{
    void *block = __libc_malloc(size);
    live_heap += (long long)malloc_usable_size(block);
    return block;
}

void *calloc(size_t count, size_t size)
{
    void *block = __libc_calloc(count, size);
    live_heap += (long long)malloc_usable_size(block);
    return block;
}

void *realloc(void *block, size_t size)
{
    long long old = (long long)malloc_usable_size(block);
    void *moved = __libc_realloc(block, size);
    if (moved != NULL)
        live_heap += (long long)malloc_usable_size(moved) - old;
    else if (size == 0)
        live_heap -= old; /* glibc frees the block */
    return moved;
}

void free(void *block)
{
    live_heap -= (long long)malloc_usable_size(block);
    __libc_free(block);
}

void *memalign(size_t alignment, size_t size)
{
    void *block = __libc_memalign(alignment, size);
    live_heap += (long long)malloc_usable_size(block);
    return block;
}

void *aligned_alloc(size_t alignment, size_t size)
{
    return memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    void *block = memalign(alignment, size);
    if (block == NULL)
        return ENOMEM;
    *out = block;
    return 0;
}

/* Prints why a case cannot run, with the library's error queue, and returns 0. */
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    ERR_print_errors_fp(stderr);
    return 0;
}

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * A timed loop runs for a budget of wall-clock time, but its rate is counted per second
 * of CPU time of the process (all threads): on a shared machine, time spent waiting for
 * a core belongs to neither library.
 */
struct timer {
    double wall_start, cpu_start, budget;
};

static struct timer timer_start(double budget)
{
    struct timer t = {clock_seconds(CLOCK_MONOTONIC), clock_seconds(CLOCK_PROCESS_CPUTIME_ID),
                      budget};
    return t;
}

static int timer_running(const struct timer *t)
{
    return clock_seconds(CLOCK_MONOTONIC) - t->wall_start < t->budget;
}

/* amount per CPU second since the timer started */
static double timer_rate(const struct timer *t, double amount)
{
    return amount / (clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - t->cpu_start);
}

/* CERTDIR/NAMESUFFIX */
static void cert_path(char *buf, size_t size, const char *name, const char *suffix)
{
    snprintf(buf, size, "%s/%s%s", cert_dir, name, suffix);
}

/* Settings that both sides share: TLS 1.2 only, one suite, full handshakes only. */
static int configure_common(SSL_CTX *ctx, const struct setup *setup)
{
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) != 1)
        return fail("cannot restrict the protocol to TLS 1.2");
    if (SSL_CTX_set_cipher_list(ctx, setup->cipher) != 1)
        return fail("cipher suite %s is not available", setup->cipher);
    if (setup->groups != NULL && SSL_CTX_set1_groups_list(ctx, setup->groups) != 1)
        return fail("group list %s is not available", setup->groups);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    return 1;
}

/*
 * OpenSSL's server offers no DHE suite until it is given a group. SSL_CTX_set_dh_auto
 * picks RFC 3526's 2048-bit MODP group for a 2048-bit RSA key: the size of ffdhe2048 and,
 * measured with OpenSSL 3.0, the same handshake rate as ffdhe2048 itself (set with
 * SSL_CTX_set0_tmp_dh_pkey, which libtls12 lacks). libtls12 has no such macro and uses
 * ffdhe2048 by default.
 */
static int enable_dhe(SSL_CTX *ctx)
{
#ifdef SSL_CTX_set_dh_auto
    if (SSL_CTX_set_dh_auto(ctx, 1) != 1)
        return fail("SSL_CTX_set_dh_auto failed");
#else
    (void)ctx;
#endif
    return 1;
}

static void contexts_free(struct contexts *ctxs)
{
    SSL_CTX_free(ctxs->client);
    SSL_CTX_free(ctxs->server);
    ctxs->client = ctxs->server = NULL;
}

static int contexts_new(struct contexts *ctxs, const struct setup *setup)
{
    char cert[1024], key[1024], ca[1024];
    cert_path(cert, sizeof cert, setup->server, "-chain.pem");
    cert_path(key, sizeof key, setup->server, ".key");
    cert_path(ca, sizeof ca, "ca", ".pem");

    ctxs->server = SSL_CTX_new(TLS_server_method());
    ctxs->client = SSL_CTX_new(TLS_client_method());
    if (ctxs->server == NULL || ctxs->client == NULL) {
        contexts_free(ctxs);
        return fail("SSL_CTX_new failed");
    }
    int ok = configure_common(ctxs->server, setup) && configure_common(ctxs->client, setup) &&
             enable_dhe(ctxs->server);
    if (ok && (SSL_CTX_use_certificate_chain_file(ctxs->server, cert) != 1 ||
               SSL_CTX_use_PrivateKey_file(ctxs->server, key, SSL_FILETYPE_PEM) != 1))
        ok = fail("cannot load %s and %s", cert, key);
    if (ok && SSL_CTX_load_verify_locations(ctxs->client, ca, NULL) != 1)
        ok = fail("cannot load %s", ca);
    if (ok)
        SSL_CTX_set_verify(ctxs->client, SSL_VERIFY_PEER, NULL);
    if (!ok)
        contexts_free(ctxs);
    return ok;
}

static void pair_free(struct pair *p)
{
    SSL_free(p->client);
    SSL_free(p->server);
    p->client = p->server = NULL;
}

/* Two fresh SSLs over a new BIO pair of bio_bytes each way; each SSL owns its end. */
static int pair_new(struct pair *p, const struct contexts *ctxs, size_t bio_bytes)
{
    BIO *client_bio = NULL, *server_bio = NULL;
    p->client = SSL_new(ctxs->client);
    p->server = SSL_new(ctxs->server);
    if (p->client == NULL || p->server == NULL ||
        BIO_new_bio_pair(&client_bio, bio_bytes, &server_bio, bio_bytes) != 1) {
        pair_free(p);
        return fail("SSL_new or BIO_new_bio_pair failed");
    }
    SSL_set_bio(p->client, client_bio, client_bio);
    SSL_set_bio(p->server, server_bio, server_bio);
    SSL_set_connect_state(p->client);
    SSL_set_accept_state(p->server);
    if (SSL_set1_host(p->client, HOST) != 1) {
        pair_free(p);
        return fail("SSL_set1_host failed");
    }
    return 1;
}

/* 1 when ret is done or a wait for the peer, 0 on failure. */
static int step_ok(SSL *ssl, int ret)
{
    if (ret == 1)
        return 1;
    int err = SSL_get_error(ssl, ret);
    return err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE;
}

/* Runs both sides in turn until both have finished the handshake. */
static int pair_handshake(struct pair *p)
{
    for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
        int c = SSL_do_handshake(p->client);
        if (!step_ok(p->client, c))
            return fail("client handshake failed");
        int s = SSL_do_handshake(p->server);
        if (!step_ok(p->server, s))
            return fail("server handshake failed");
        if (c == 1 && s == 1)
            return 1;
    }
    return fail("handshake stuck after %d steps", MAX_HANDSHAKE_STEPS);
}

static int pair_connect(struct pair *p, const struct contexts *ctxs, size_t bio_bytes)
{
    if (!pair_new(p, ctxs, bio_bytes))
        return 0;
    if (!pair_handshake(p)) {
        pair_free(p);
        return 0;
    }
    return 1;
}

/* One untimed connection: it checks the case works and does any lazy initialisation. */
static int warm_up(const struct contexts *ctxs, const struct setup *setup)
{
    struct pair p;
    if (!pair_connect(&p, ctxs, BIO_PAIR_BYTES))
        return 0;
    const char *got = SSL_get_cipher_name(p.client);
    int ok = got != NULL && strcmp(got, setup->cipher) == 0;
    if (!ok)
        fail("negotiated %s instead of %s", got ? got : "nothing", setup->cipher);
    pair_free(&p);
    return ok;
}

/*
 * Turns on the resumption mechanism a case measures (see the top of the file): the
 * server's session cache for RESUME_ID, tickets on both sides for RESUME_TICKET.
 */
static void enable_resumption(const struct contexts *ctxs, enum kind kind)
{
    if (kind == RESUME_ID) {
        SSL_CTX_set_session_cache_mode(ctxs->server, SSL_SESS_CACHE_SERVER);
    } else if (kind == RESUME_TICKET) {
        SSL_CTX_clear_options(ctxs->client, SSL_OP_NO_TICKET);
        SSL_CTX_clear_options(ctxs->server, SSL_OP_NO_TICKET);
    }
}

/*
 * Frees a pair after a handshake, marking both sides as shut down without sending
 * anything: OpenSSL drops from its cache (and marks not resumable) the session of a
 * connection freed without a shutdown.
 */
static void pair_close(struct pair *p)
{
    SSL_set_shutdown(p->client, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_set_shutdown(p->server, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    pair_free(p);
}

/* A full handshake that makes the session to resume (owned by the caller), or NULL. */
static SSL_SESSION *first_session(const struct contexts *ctxs)
{
    struct pair p;
    if (!pair_connect(&p, ctxs, BIO_PAIR_BYTES))
        return NULL;
    SSL_SESSION *session = SSL_get1_session(p.client);
    pair_close(&p);
    if (session == NULL)
        fail("SSL_get1_session gave no session");
    return session;
}

/*
 * One connection offering session; 1 when both sides resumed it. Never inlined, so that a
 * profiler can count it alone (valgrind --tool=callgrind --toggle-collect=pair_resume).
 */
__attribute__((noinline)) static int pair_resume(const struct contexts *ctxs, SSL_SESSION *session)
{
    struct pair p;
    if (!pair_new(&p, ctxs, BIO_PAIR_BYTES))
        return 0;
    int ok = SSL_set_session(p.client, session) == 1 ? pair_handshake(&p)
                                                       : fail("SSL_set_session failed");
    if (ok && (SSL_session_reused(p.client) != 1 || SSL_session_reused(p.server) != 1))
        ok = fail("the session was not resumed (client %d, server %d)",
                  SSL_session_reused(p.client), SSL_session_reused(p.server));
    pair_close(&p);
    return ok;
}

/* Abbreviated handshakes per CPU second, for the budget, all resuming one session. */
static double resume_rate(const struct contexts *ctxs, double budget)
{
    SSL_SESSION *session = first_session(ctxs);
    if (session == NULL)
        return -1;
    long count = 0;
    struct timer t = timer_start(budget);
    do {
        if (!pair_resume(ctxs, session)) {
            SSL_SESSION_free(session);
            return -1;
        }
        count++;
    } while (timer_running(&t));
    double rate = timer_rate(&t, (double)count);
    SSL_SESSION_free(session);
    return rate;
}

/* Full handshakes per CPU second, for the budget. */
static double handshake_rate(const struct contexts *ctxs, double budget)
{
    long count = 0;
    struct timer t = timer_start(budget);
    do {
        struct pair p;
        if (!pair_connect(&p, ctxs, BIO_PAIR_BYTES))
            return -1;
        pair_free(&p);
        count++;
    } while (timer_running(&t));
    return timer_rate(&t, (double)count);
}

/*
 * KiB of heap that an established server connection holds: what SSL_free of it releases,
 * its BIO kept by a reference meanwhile (see the top of the file), averaged over
 * MEMORY_CONNECTIONS connections held open at once.
 */
static double server_connection_kib(const struct contexts *ctxs)
{
    struct pair pairs[MEMORY_CONNECTIONS];
    int open = 0;
    while (open < MEMORY_CONNECTIONS && pair_connect(&pairs[open], ctxs, BIO_PAIR_BYTES))
        open++;
    long long released = 0;
    for (int i = 0; i < open; i++) {
        SSL_free(pairs[i].client);
        BIO *transport = SSL_get_rbio(pairs[i].server);
        BIO_up_ref(transport);
        long long before = live_heap;
        SSL_free(pairs[i].server);
        released += before - live_heap;
        BIO_free(transport);
    }
    return open == MEMORY_CONNECTIONS ? (double)released / MEMORY_CONNECTIONS / 1024 : -1;
}

/* Sends one full record from client to server. */
static int send_record(const struct pair *p, const unsigned char *data)
{
    int n = SSL_write(p->client, data, RECORD_BYTES);
    if (n != RECORD_BYTES)
        return fail("SSL_write returned %d (error %d)", n, SSL_get_error(p->client, n));
    return 1;
}

/* Reads one record's worth of plaintext on the server into sink. */
static int receive_record(const struct pair *p, unsigned char *sink)
{
    for (int got = 0, n; got < RECORD_BYTES; got += n) {
        n = SSL_read(p->server, sink + got, RECORD_BYTES - got);
        if (n <= 0)
            return fail("SSL_read returned %d (error %d)", n, SSL_get_error(p->server, n));
    }
    return 1;
}

/* MB per CPU second of sending (SSL_write) and of receiving (SSL_read). */
struct bulk_rates {
    double send, recv;
};

/*
 * Application data client to server in 16 KiB records, for the budget: RECORDS_PER_CHECK
 * records written (timed as sending), then read (timed as receiving). Rates are negative
 * when the case failed.
 */
static struct bulk_rates bulk_rates(const struct contexts *ctxs, double budget)
{
    static unsigned char data[RECORD_BYTES], sink[RECORD_BYTES];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 31 + 7);

    struct bulk_rates failed = {-1, -1};
    struct pair p;
    if (!pair_connect(&p, ctxs, BULK_BIO_PAIR_BYTES))
        return failed;
    double bytes = 0, send_cpu = 0, recv_cpu = 0;
    double wall_start = clock_seconds(CLOCK_MONOTONIC);
    do {
        double t0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        for (int i = 0; i < RECORDS_PER_CHECK; i++) {
            if (!send_record(&p, data)) {
                pair_free(&p);
                return failed;
            }
        }
        double t1 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        for (int i = 0; i < RECORDS_PER_CHECK; i++) {
            if (!receive_record(&p, sink)) {
                pair_free(&p);
                return failed;
            }
        }
        double t2 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        send_cpu += t1 - t0;
        recv_cpu += t2 - t1;
        bytes += RECORDS_PER_CHECK * RECORD_BYTES;
    } while (clock_seconds(CLOCK_MONOTONIC) - wall_start < budget);
    pair_free(&p);
    struct bulk_rates rates = {bytes / 1e6 / send_cpu, bytes / 1e6 / recv_cpu};
    return rates;
}

/* 1 when the case is selected on the command line (or no case is named). */
static int selected(const char *name, int argc, char **argv)
{
    if (argc <= 3)
        return 1;
    for (int i = 3; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

/* Sets up one case's contexts; prints "skipped NAME" when it cannot run. */
static int prepare(struct contexts *ctxs, const struct bench_case *bc)
{
    const char *name = bc->name;
    const struct setup *setup = &bc->setup;
    if (contexts_new(ctxs, setup)) {
        enable_resumption(ctxs, bc->kind);
        if (warm_up(ctxs, setup))
            return 1;
        contexts_free(ctxs);
    }
    printf("skipped %s\n", name);
    fflush(stdout);
    return 0;
}

/* Prints "KIND NAME VALUE", or "skipped NAME" when the measurement failed. */
static void report(const char *kind, const char *name, double value)
{
    if (value < 0)
        printf("skipped %s\n", name);
    else
        printf("%s %s %.1f\n", kind, name, value);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CERTDIR [SECONDS [CASE...]]\n", argv[0]);
        return 2;
    }
    cert_dir = argv[1];
    double budget = argc > 2 ? atof(argv[2]) : 1.5;
    if (budget <= 0) {
        fprintf(stderr, "bench: SECONDS must be positive\n");
        return 2;
    }
    printf("library %s\n", OpenSSL_version(OPENSSL_VERSION));

    for (size_t i = 0; i < COUNT(CASES); i++) {
        const struct bench_case *bc = &CASES[i];
        struct contexts ctxs;
        if (!selected(bc->name, argc, argv) || !prepare(&ctxs, bc))
            continue;
        if (bc->kind == HANDSHAKE) {
            report("handshake", bc->name, handshake_rate(&ctxs, budget));
            report("memory", bc->name, server_connection_kib(&ctxs));
        } else if (bc->kind == BULK) {
            struct bulk_rates rates = bulk_rates(&ctxs, budget);
            if (rates.send < 0) {
                report("bulk", bc->name, -1);
            } else {
                printf("bulk %s send %.1f\nbulk %s recv %.1f\n", bc->name, rates.send, bc->name,
                       rates.recv);
                fflush(stdout);
            }
        } else {
            report("resumed", bc->name, resume_rate(&ctxs, budget));
        }
        contexts_free(&ctxs);
    }

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("peak_rss %.1f\n", (double)usage.ru_maxrss / 1024);
    return 0;
}

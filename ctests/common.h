/*
 * Helpers shared by the C tests. The tests are written only against OpenSSL's API and
 * are built twice: against real OpenSSL, and against libtls12 through its compatibility
 * headers (-I include/tls12). Each program prints facts about what happened; the two
 * builds must print the same thing.
 *
 * A test case has two sides, a client and a server. Each side writes its facts into its
 * own log, and the logs are printed in a fixed order when the case ends, so that the
 * output does not depend on how the two sides were scheduled.
 */
#ifndef CTESTS_COMMON_H
#define CTESTS_COMMON_H

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stddef.h>
#include <stdint.h>

/* Bytes sent and expected by the transfer helpers. */
struct stream {
    size_t total;     /* bytes to move in this direction */
    size_t done;      /* bytes moved so far */
};

struct side {
    const char *name;          /* "client" or "server" */
    SSL *ssl;
    int fd;                    /* socket, or -1 when the side uses BIOs */

    char *log;                 /* facts, one per line */
    size_t log_len, log_cap;

    /* State of the non-blocking drivers. */
    int handshake_done;
    int failed;                /* the last operation failed for good */
    int saw_want_read, saw_want_write;
    int partial_writes;
    int moving_buffer;         /* retry writes from a different buffer */
    size_t max_write, max_read;
    uint64_t rng;              /* write and read sizes */
    struct stream out, in;
    unsigned char *pending;    /* a write to retry with the same length */
    size_t pending_len;
    unsigned char *bufs[2];    /* for pending, alternating when moving_buffer */
    int buf_index;
    int shutdown_stage;        /* 0: nothing done, 1: first step done, 2: finished */
};

/* ---- setup and failure ---- */

/* Reads the certificate directory from argv[1], the CERTS_DIR environment variable or
 * target/test-certs, ignores SIGPIPE and arms a watchdog. */
void test_init(int argc, char **argv);
/* The path of a file of the test PKI (see tests/gen-certs.sh). Valid until the next
 * eight calls on the same thread. */
const char *cert_path(const char *name);
/* The first certificate of a PEM file of the test PKI (free it with X509_free); dies
 * when there is none. */
X509 *read_cert(const char *name);
/* Prints a message and the error queue to stderr and exits with status 1. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Records a failed expectation: prints "check failed: ..." and makes test_status()
 * return 1. Returns cond. Safe to call from both sides' threads. */
int check(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The exit status of the program: 0 when every check held. */
int test_status(void);

/* ---- contexts ---- */

/* A TLS 1.2-only server context. chain and key name files of the test PKI; chain may
 * be NULL for a context without a certificate. */
SSL_CTX *new_server_ctx(const char *chain, const char *key);
/* Loads a certificate chain and its key into a context (a server may hold one per key
 * type; a client presents it when asked). */
void use_cert_and_key(SSL_CTX *ctx, const char *chain, const char *key);
/* A TLS 1.2-only client context that trusts ca.pem and verifies the server. */
SSL_CTX *new_client_ctx(void);

/* ---- sides ---- */

void side_init(struct side *side, const char *name, SSL_CTX *ctx);
void side_free(struct side *side);
/* Appends a line to the side's log. */
void note(struct side *side, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "== title", then every line of the client's and then the server's log,
 * prefixed with the side's name, and empties the logs. A side may be NULL. */
void print_case(const char *title, struct side *client, struct side *server);

/* Notes "OP: ret=R error=E" and, when the error queue is not empty, the reason of its
 * first entry (and the alert when the reason is a received alert). Empties the error
 * queue. Returns SSL_get_error(ssl, ret). */
int note_result(struct side *side, const char *op, int ret);
/* Notes the result of SSL_shutdown. SSL_get_error is consulted only when ret < 0, as
 * OpenSSL's manual asks (its answer after a 0 return means nothing). */
int note_shutdown(struct side *side, const char *op, int ret);
/* Notes what was negotiated: version, suite, group, ALPN, server name, the peer's
 * certificate and the verification result. */
void note_session(struct side *side);

/* ---- connections ---- */

/* Connects the two sides with a socketpair; each SSL gets its end with SSL_set_fd. */
void connect_sockets(struct side *client, struct side *server, int nonblocking);
/* Connects a side to a socket that the test drives itself; returns the test's end
 * (non-blocking), which the caller closes. */
int connect_raw_peer(struct side *side);
/* Four memory BIOs between two sides, and how many bytes mem_shuttle moves per call. */
struct wires {
    BIO *client_in, *client_out, *server_in, *server_out;
    size_t chunk;
};
/* Gives each side a memory BIO to read from and one to write to (the SSLs own them). */
void connect_mem_bios(struct side *client, struct side *server, struct wires *w, size_t chunk);
/* A shuttle_fn for wires: moves up to chunk bytes from each side's write BIO to the
 * other's read BIO. */
size_t mem_shuttle(void *wires);
/* Runs server_fn on a second thread and client_fn on this one (blocking sockets), then
 * frees each side's SSL and closes its socket on its own thread. */
void run_threads(struct side *client, void (*client_fn)(struct side *),
                 struct side *server, void (*server_fn)(struct side *));

/* Non-blocking drivers: one thread steps both sides in turn. shuttle, when not NULL, is
 * called between steps to move bytes between the sides (memory BIOs); it returns the
 * number of bytes it moved. Each returns 1 when the phase finished on both sides, and 0
 * when a side failed or nothing moved any more (the reason is in the logs).
 * drive_handshake also takes one NULL side: a peer the test plays by hand. */
typedef size_t (*shuttle_fn)(void *arg);
int drive_handshake(struct side *client, struct side *server, shuttle_fn shuttle, void *arg);
/* Sends client->out.total bytes to the server and server->out.total to the client at
 * the same time, with write and read sizes drawn from each side's rng up to max_write
 * and max_read, and checks every byte received. */
int drive_transfer(struct side *client, struct side *server, shuttle_fn shuttle, void *arg);
/* The client sends close_notify first; both sides complete the shutdown. */
int drive_shutdown(struct side *client, struct side *server, shuttle_fn shuttle, void *arg);
/* Notes the transfer's totals and what the loop saw. */
void note_transfer(struct side *side);
/* The usual life of a connection with the drivers above: handshake, the client notes
 * the session, transfer (out.total bytes from each side), both note the transfer,
 * shutdown. Failed steps are checks that fail (named after title). Returns 1 when all
 * went well. */
int exchange(const char *title, struct side *client, struct side *server, shuttle_fn shuttle,
             void *arg);

/* Byte number pos of the test data stream. */
unsigned char stream_byte(size_t pos);
/* A small deterministic random number generator. */
uint64_t next_random(uint64_t *state);

#endif

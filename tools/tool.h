/*
 * tls12: a command-line TLS 1.2 client and server (s_client, s_server), written only
 * against OpenSSL's API so that the same source builds against libtls12 and OpenSSL.
 * Declarations shared by the files in tools/.
 */
#ifndef TOOLS_TOOL_H
#define TOOLS_TOOL_H

#include <openssl/ssl.h>

#include <signal.h>
#include <stdio.h>

/* Exit statuses a script can rely on. */
enum {
    EXIT_OK = 0,
    EXIT_FAILED = 1,   /* connection, handshake or verification failed */
    EXIT_USAGE = 2,    /* bad command line or unusable option */
};

enum command { CMD_CLIENT = 1, CMD_SERVER = 2 };

/* Everything the command line can say; options.c fills it in. */
struct options {
    enum command command;
    const char *connect;       /* host:port (client) */
    const char *accept;        /* [host:]port (server) */
    const char *cert, *key;
    const char *dcert, *dkey;  /* a second certificate in the same context (server) */
    const char *cert2, *key2;  /* the virtual host named by -servername (server) */
    const char *cafile;
    const char *servername;
    const char *alpn;          /* comma-separated list */
    const char *cipher;
    const char *groups;
    const char *sigalgs;
    const char *keylogfile;
    const char *sess_out, *sess_in;
    const char *psk;           /* hex key */
    const char *psk_identity;
    const char *psk_hint;
    int verify_depth;          /* -1: no verification */
    int verify_require;        /* -Verify: the peer must present a certificate */
    int naccept;               /* server: stop after this many connections; 0: never */
    int no_ticket, nocert, www, rev, msg, quiet, brief, reconnect;
};

/* options.c */
/* Parses argv (after the command name). Prints a message and returns 0 on a usage error. */
int parse_options(struct options *opts, enum command command, int argc, char **argv);

/* setup.c: building the SSL_CTX from the options */
/* A TLS 1.2 context with the options' certificates, trust, suites, groups, sigalgs,
 * verification, ALPN, keylog and PSK. Returns NULL after printing why. */
SSL_CTX *make_context(const struct options *opts, const char *cert, const char *key,
                      int with_dcert);
/* Sets up the per-connection parts: SNI, host check, ALPN offer, message trace. */
int prepare_connection(SSL *ssl, const struct options *opts, const char *host);
/* Reports that the build lacks what an option needs; returns EXIT_USAGE. */
int not_supported(const char *option, const char *what);

/* session.c: -sess_in, -sess_out, -reconnect */
/* Returns 0 after saying so when the build cannot do what the options ask. */
int check_session_options(const struct options *opts);
int load_session(SSL *ssl, const char *path);
int save_session(SSL *ssl, const char *path);
/* Keeps this connection's session for the next connect (-reconnect). */
void remember_session(SSL *ssl);
int reuse_remembered_session(SSL *ssl);
void forget_session(void);

/* report.c: what the handshake produced, in words */
/* Prints the session summary, or the -brief lines (client: stderr), or nothing under
 * -quiet unless -msg has only the summary to show. */
void describe_connection(SSL *ssl, const struct options *opts);
/* Writes the -www status page body into buf; returns its length. */
size_t status_page(SSL *ssl, char *buf, size_t cap);
/* Prints the error queue (or "no further detail") after a message. */
void print_errors(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* trace.c: -msg */
void enable_trace(SSL *ssl);
/* 1 when -msg can trace messages; 0 when the library lacks SSL_set_msg_callback and
 * -msg falls back to the info callback and the session summary. */
int trace_has_messages(void);

/* net.c: sockets and signals */
/* Splits "host:port" (host may be empty or [v6]); returns 0 on bad input. */
int split_host_port(const char *spec, char *host, size_t host_cap, char *port,
                    size_t port_cap, const char *default_host);
int tcp_connect(const char *host, const char *port);
int tcp_listen(const char *host, const char *port);
/* Installs SIGINT/SIGTERM handlers that set stop_requested (no SA_RESTART) and ignores
 * SIGPIPE. */
void install_signal_handlers(void);
extern volatile sig_atomic_t stop_requested;

/* client.c, server.c */
int run_client(const struct options *opts);
int run_server(const struct options *opts);

#endif

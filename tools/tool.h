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
    EXIT_USAGE = 1,    /* bad command line or unusable option (1, as openssl) */
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
    const char *cafile, *capath;
    const char *servername;
    const char *alpn;          /* comma-separated list */
    const char *cipher;
    const char *groups;
    const char *sigalgs, *client_sigalgs;
    const char *host, *port;   /* -host and -port, another way to say -connect (client) */
    const char *proxy;         /* host:port of an HTTP proxy (client) */
    const char *starttls;      /* the plain-text protocol to switch from (client) */
    const char *xmpphost, *ehlo_name;
    const char *verify_hostname;
    const char *dhparam, *context, *status_file;   /* server */
    const char *keylogfile;
    const char *sess_out, *sess_in;
    const char *psk;           /* hex key */
    const char *psk_identity;
    const char *psk_hint;
    int verify_depth;          /* -1: no verification */
    int verify_require;        /* -Verify: the peer must present a certificate */
    int naccept;               /* server: stop after this many connections; 0: never */
    int max_send_frag;         /* server: 0 for the default */
    int verify_return_error;
    int no_ticket, no_cache, nocert, serverpref, www, http, rev, status;
    int msg, trace, state, quiet, brief, prexit, showcerts, ign_eof, crlf, reconnect;
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
/* The session saved (PEM) in path, or on stdin for NULL; NULL when there is none. */
SSL_SESSION *read_session(const char *path);
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
/* Prints a session's SSL-Session block as openssl does (Protocol, Cipher, Session-ID,
 * Session-ID-ctx, Master-Key, ticket, times). */
void print_session(FILE *out, const SSL_SESSION *session);
/* Writes the -www status page body into buf; returns its length. */
size_t status_page(SSL *ssl, char *buf, size_t cap);
/* Prints the error queue (or "no further detail") after a message. */
void print_errors(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* trace.c: -msg, -trace, -state */
/* Prints every message in and out: in hex (-msg) or decoded (-trace). Returns 0 after
 * saying so when the library lacks SSL_set_msg_callback. */
int enable_trace(SSL *ssl, int decoded);
/* Prints the handshake's state transitions (-state). */
void enable_state(SSL *ssl);

/* net.c: sockets and signals */
/* Splits "host:port" (host may be empty or [v6]); returns 0 on bad input. */
int split_host_port(const char *spec, char *host, size_t host_cap, char *port,
                    size_t port_cap, const char *default_host);
int tcp_connect(const char *host, const char *port);
/* All of buf out, or exactly len bytes in; 0 on an error or the end of the stream. */
int write_all(int fd, const void *buf, size_t len);
int read_all(int fd, void *buf, size_t len);
int tcp_listen(const char *host, const char *port);
/* Installs SIGINT/SIGTERM handlers that set stop_requested (no SA_RESTART) and ignores
 * SIGPIPE. */
void install_signal_handlers(void);
extern volatile sig_atomic_t stop_requested;

/* starttls.c: the plain-text talk before TLS (-starttls, -proxy) */
int known_starttls(const char *name);
/* Talks the -starttls protocol on fd until the server is ready for TLS; returns 0
 * after saying why when it is not. host names the server (XMPP's "to"). */
int starttls(int fd, const struct options *opts, const char *host);
/* Asks the HTTP proxy on fd for a tunnel to host:port; returns 0 after saying why when
 * it refuses. */
int proxy_connect(int fd, const char *host, const char *port);

/* commands.c: tls12 ciphers, version, sess_id (argv after the command name) */
int run_ciphers(int argc, char **argv);
int run_version(int argc, char **argv);
int run_sess_id(int argc, char **argv);

/* client.c, server.c */
int run_client(const struct options *opts);
int run_server(const struct options *opts);

#endif

/*
 * tls12 s_client: connect, handshake, describe the connection, then copy standard input
 * to the server and the server's data to standard output until either side ends.
 * At the end of standard input the client sends close_notify and still prints what the
 * server sends until it closes too, so "echo hello | tls12 s_client" sees the answer.
 */
#define _POSIX_C_SOURCE 200809L

#include "tool.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

#define RECONNECTS 5

/* One SSL_read; returns 0 when the connection has ended (for any reason). */
static int pass_server_data(SSL *ssl, const struct options *opts, int *failed)
{
    char buf[16384];
    int n = SSL_read(ssl, buf, sizeof buf);
    if (n > 0)
        return write_all(STDOUT_FILENO, buf, (size_t)n);
    int err = SSL_get_error(ssl, n);
    if (err == SSL_ERROR_ZERO_RETURN) {
        if (!opts->quiet && !opts->brief)
            fprintf(stderr, "closed by the server (close_notify)\n");
        if ((SSL_get_shutdown(ssl) & SSL_SENT_SHUTDOWN) == 0)
            SSL_shutdown(ssl);
    } else if (err == SSL_ERROR_SSL) {
        print_errors("read failed");
        *failed = 1;
    } else if (!(err == SSL_ERROR_SYSCALL && stop_requested) && !opts->quiet && !opts->brief) {
        fprintf(stderr, "connection closed by the server without close_notify\n");
    }
    return 0;
}

/* -crlf: buf with each "\n" made "\r\n" into out (twice buf's size); returns the length. */
static size_t to_crlf(const char *buf, size_t len, char *out)
{
    size_t used = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n' && (i == 0 || buf[i - 1] != '\r'))
            out[used++] = '\r';
        out[used++] = buf[i];
    }
    return used;
}

/* Reads a block of stdin and sends it; at the end of input sends close_notify (unless
 * -ign_eof). Returns 0 when there is no more input. */
static int pass_input(SSL *ssl, const struct options *opts, int *failed)
{
    char buf[8192], crlf[2 * sizeof buf];
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
        return 1;
    if (n <= 0) {
        if (!opts->ign_eof)
            SSL_shutdown(ssl);
        return 0;
    }
    const char *data = buf;
    size_t len = (size_t)n;
    if (opts->crlf) {
        len = to_crlf(buf, len, crlf);
        data = crlf;
    }
    if (SSL_write(ssl, data, (int)len) != (int)len) {
        print_errors("write failed");
        *failed = 1;
        SSL_shutdown(ssl);
        return 0;
    }
    return 1;
}

/* Copies data both ways until the connection ends; returns an exit status. */
static int relay(SSL *ssl, int fd, const struct options *opts)
{
    struct pollfd fds[2] = {{.fd = fd, .events = POLLIN}, {.fd = STDIN_FILENO, .events = POLLIN}};
    int input_open = 1, failed = 0;
    while (!stop_requested) {
        fds[0].revents = fds[1].revents = 0;
        if (!SSL_has_pending(ssl) && poll(fds, input_open ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (SSL_has_pending(ssl) || fds[0].revents != 0) {
            if (!pass_server_data(ssl, opts, &failed))
                break;
        }
        if (input_open && fds[1].revents != 0)
            input_open = pass_input(ssl, opts, &failed);
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}

static void report_handshake_failure(SSL *ssl)
{
    print_errors("handshake failed");
    long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK)
        fprintf(stderr, "Verify return code: %ld (%s)\n", verify,
                X509_verify_cert_error_string(verify));
}

/* The TCP connection, through -proxy and -starttls when asked; -1 on failure. */
static int open_channel(const struct options *opts, const char *host, const char *port)
{
    char proxy_host[256], proxy_port[16];
    int fd;
    if (opts->proxy != NULL) {
        split_host_port(opts->proxy, proxy_host, sizeof proxy_host, proxy_port,
                        sizeof proxy_port, "localhost");
        fd = tcp_connect(proxy_host, proxy_port);
    } else {
        fd = tcp_connect(host, port);
    }
    if (fd < 0)
        return -1;
    if (!opts->quiet)
        printf("CONNECTED(%08X)\n", (unsigned)fd);
    if ((opts->proxy != NULL && !proxy_connect(fd, host, port)) ||
        (opts->starttls != NULL && !starttls(fd, opts, host))) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One connection. round 0 is the first; later rounds resume its session. Sets *reused
 * when the session was resumed. */
static int connect_once(SSL_CTX *ctx, const struct options *opts, const char *host,
                        const char *port, int round, int *reused)
{
    int fd = open_channel(opts, host, port);
    if (fd < 0)
        return EXIT_FAILED;
    int status = EXIT_FAILED;
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 || !prepare_connection(ssl, opts, host)) {
        print_errors("cannot set up the connection");
        goto done;
    }
    if (round == 0 && opts->sess_in != NULL && !load_session(ssl, opts->sess_in))
        goto done;
    if (round > 0 && !reuse_remembered_session(ssl))
        goto done;
    if (SSL_connect(ssl) != 1) {
        report_handshake_failure(ssl);
        goto done;
    }
    describe_connection(ssl, opts);
    *reused = SSL_session_reused(ssl);
    if (opts->sess_out != NULL && !save_session(ssl, opts->sess_out))
        goto done;
    if (opts->reconnect && round < RECONNECTS) {
        if (round == 0)
            remember_session(ssl);
        if (!opts->quiet)
            printf("drop connection and then reconnect\n");
        SSL_shutdown(ssl);
        status = EXIT_OK;
    } else {
        status = relay(ssl, fd, opts);
        if (opts->prexit)
            describe_connection(ssl, opts);
    }
done:
    SSL_free(ssl);
    close(fd);
    return status;
}

int run_client(const struct options *opts)
{
    char host[256], port[16], target[300];
    if (opts->host != NULL || opts->port != NULL)
        snprintf(target, sizeof target, "%s:%s", opts->host != NULL ? opts->host : "localhost",
                 opts->port != NULL ? opts->port : "4433");
    else
        snprintf(target, sizeof target, "%s",
                 opts->connect != NULL ? opts->connect : "localhost:4433");
    if (!split_host_port(target, host, sizeof host, port, sizeof port, "localhost")) {
        fprintf(stderr, "tls12 s_client: -connect wants host:port, not \"%s\"\n", target);
        return EXIT_USAGE;
    }
    char proxy_host[256], proxy_port[16];
    if (opts->proxy != NULL && !split_host_port(opts->proxy, proxy_host, sizeof proxy_host,
                                                proxy_port, sizeof proxy_port, "localhost")) {
        fprintf(stderr, "tls12 s_client: -proxy wants host:port, not \"%s\"\n", opts->proxy);
        return EXIT_USAGE;
    }
    if (opts->starttls != NULL && !known_starttls(opts->starttls)) {
        fprintf(stderr, "tls12 s_client: -starttls %s: not a protocol the tool knows (smtp, "
                        "pop3, imap, ftp, xmpp, xmpp-server, ldap, postgres, mysql)\n",
                opts->starttls);
        return EXIT_USAGE;
    }
    if (!check_session_options(opts))
        return EXIT_USAGE;
    SSL_CTX *ctx = make_context(opts, opts->cert, opts->key, 0);
    if (ctx == NULL)
        return EXIT_USAGE;
    int status = EXIT_OK, resumed = 0;
    int rounds = opts->reconnect ? 1 + RECONNECTS : 1;
    for (int round = 0; round < rounds && status == EXIT_OK && !stop_requested; round++) {
        int reused = 0;
        status = connect_once(ctx, opts, host, port, round, &reused);
        resumed += round > 0 && reused;
    }
    if (opts->reconnect && !opts->quiet)
        printf("reconnect: %d of %d connections resumed the session\n", resumed, RECONNECTS);
    forget_session();
    SSL_CTX_free(ctx);
    return status;
}

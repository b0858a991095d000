/*
 * tls12 s_server: accept connections one after another until SIGINT or SIGTERM (or
 * -naccept connections). Each connection gets a handshake, a description on stdout, and
 * then one of three services: echo (default), -rev (each line reversed) or -www (an HTTP
 * status page describing the connection).
 */
#define _POSIX_C_SOURCE 200809L

#include "tool.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

/* The second virtual host: its name and context, chosen by SNI. */
struct vhost {
    const char *name;
    SSL_CTX *ctx;
};

static int choose_vhost(SSL *ssl, int *alert, void *arg)
{
    const struct vhost *vhost = arg;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    (void)alert;
    if (name != NULL && strcasecmp(name, vhost->name) == 0 &&
        SSL_set_SSL_CTX(ssl, vhost->ctx) != vhost->ctx)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    return SSL_TLSEXT_ERR_OK;
}

/* Set when this connection failed (a read or write error): it gets no close_notify,
 * which OpenSSL forbids after a fatal error. */
static int connection_failed;

/* Writes all of buf; returns 0 on failure. */
static int send_all(SSL *ssl, const char *buf, size_t len)
{
    if (len == 0 || SSL_write(ssl, buf, (int)len) == (int)len)
        return 1;
    print_errors("write failed");
    connection_failed = 1;
    return 0;
}

/* Reads some data; returns the byte count, or 0 when the connection has ended. */
static size_t receive(SSL *ssl, char *buf, size_t cap)
{
    int n = SSL_read(ssl, buf, (int)cap);
    if (n > 0)
        return (size_t)n;
    int err = SSL_get_error(ssl, n);
    if (err == SSL_ERROR_SSL)
        print_errors("read failed");
    connection_failed = err != SSL_ERROR_ZERO_RETURN;
    return 0;
}

static void reverse(char *text, size_t len)
{
    for (size_t i = 0; i < len / 2; i++) {
        char c = text[i];
        text[i] = text[len - 1 - i];
        text[len - 1 - i] = c;
    }
}

/* Echo, or with rev each complete line reversed (a line longer than the buffer is
 * reversed in pieces). */
static void serve_stream(SSL *ssl, int rev)
{
    char line[16384];
    size_t used = 0, n;
    while (!stop_requested && (n = receive(ssl, line + used, sizeof line - used)) > 0) {
        if (!rev) {
            if (!send_all(ssl, line, n))
                return;
            continue;
        }
        used += n;
        char *start = line, *newline;
        while ((newline = memchr(start, '\n', used - (size_t)(start - line))) != NULL) {
            size_t text_len = (size_t)(newline - start);
            if (text_len > 0 && start[text_len - 1] == '\r')
                text_len--;
            reverse(start, text_len);
            if (!send_all(ssl, start, (size_t)(newline + 1 - start)))
                return;
            start = newline + 1;
        }
        used -= (size_t)(start - line);
        memmove(line, start, used);
        if (used == sizeof line) {
            reverse(line, used);
            if (!send_all(ssl, line, used))
                return;
            used = 0;
        }
    }
}

/* Reads an HTTP request head (up to its empty line) into request; returns 0 when the
 * connection ends first or the head does not fit. */
static int read_request_head(SSL *ssl, char *request, size_t cap)
{
    size_t used = 0, n;
    request[0] = '\0';
    while (strstr(request, "\r\n\r\n") == NULL && strstr(request, "\n\n") == NULL) {
        if (used == cap - 1 || (n = receive(ssl, request + used, cap - 1 - used)) == 0)
            return 0;
        used += n;
        request[used] = '\0';
    }
    return 1;
}

/* Sends an HTTP/1.0 response, head and body in one SSL_write so that it travels in a
 * single record (harnesses written for openssl s_server -www expect that) when it fits
 * in one. */
static void send_response(SSL *ssl, const char *status, const char *type, const char *body,
                          size_t body_len)
{
    static char response[16384];
    int head_len = snprintf(response, sizeof response,
                            "HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                            "Connection: close\r\n\r\n",
                            status, type, body_len);
    size_t room = sizeof response - (size_t)head_len;
    if (body_len <= room) {
        memcpy(response + head_len, body, body_len);
        send_all(ssl, response, (size_t)head_len + body_len);
    } else if (send_all(ssl, response, (size_t)head_len)) {
        send_all(ssl, body, body_len);
    }
}

/* -www: answers a GET with the status page. */
static void serve_www(SSL *ssl)
{
    char request[8192], page[4096];
    if (!read_request_head(ssl, request, sizeof request))
        return;
    if (strncmp(request, "GET ", 4) != 0) {
        send_response(ssl, "405 Method Not Allowed", "text/plain", "", 0);
        return;
    }
    send_response(ssl, "200 OK", "text/plain", page, status_page(ssl, page, sizeof page));
}

/* -HTTP: answers "GET /path" with the file path names under the current directory. */
static void serve_file(SSL *ssl)
{
    static char content[1 << 20];
    char request[8192], path[4096];
    if (!read_request_head(ssl, request, sizeof request))
        return;
    if (sscanf(request, "GET /%4095s", path) != 1 || strstr(path, "..") != NULL ||
        path[0] == '/') {
        const char *text = "only GET of a file under the server's directory\n";
        send_response(ssl, "400 Bad Request", "text/plain", text, strlen(text));
        return;
    }
    FILE *file = fopen(path, "rb");
    size_t len = file != NULL ? fread(content, 1, sizeof content, file) : 0;
    int whole = file != NULL && feof(file) && !ferror(file);
    if (file != NULL)
        fclose(file);
    if (!whole) {
        const char *text = "no such file (or larger than 1 MiB)\n";
        send_response(ssl, "404 Not Found", "text/plain", text, strlen(text));
        return;
    }
    send_response(ssl, "200 OK", "text/plain", content, len);
}

static void serve_connection(SSL_CTX *ctx, int fd, const struct options *opts)
{
    SSL *ssl = SSL_new(ctx);
    connection_failed = 0;
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 || !prepare_connection(ssl, opts, NULL)) {
        print_errors("cannot set up the connection");
    } else if (SSL_accept(ssl) != 1) {
        print_errors("handshake failed");
    } else {
        describe_connection(ssl, opts);
        if (opts->www)
            serve_www(ssl);
        else if (opts->http)
            serve_file(ssl);
        else
            serve_stream(ssl, opts->rev);
        if (!connection_failed)
            SSL_shutdown(ssl);
        if (!opts->quiet)
            printf("DONE\n");
        fflush(stdout);
    }
    SSL_free(ssl);
    close(fd);
}

static int serve_forever(SSL_CTX *ctx, int listener, const struct options *opts)
{
    int served = 0;
    while (!stop_requested && (opts->naccept == 0 || served < opts->naccept)) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            perror("accept");
            return EXIT_FAILED;
        }
        serve_connection(ctx, fd, opts);
        served++;
    }
    return EXIT_OK;
}

int run_server(const struct options *opts)
{
    char host[256], port[16];
    const char *spec = opts->accept != NULL ? opts->accept : "4433";
    if (!split_host_port(spec, host, sizeof host, port, sizeof port, "")) {
        fprintf(stderr, "tls12 s_server: -accept wants [host:]port, not \"%s\"\n", spec);
        return EXIT_USAGE;
    }
    const char *cert = opts->nocert ? NULL : opts->cert != NULL ? opts->cert : "server.pem";
    SSL_CTX *ctx = make_context(opts, cert, opts->key, 1);
    struct vhost vhost = {opts->servername, NULL};
    int status = EXIT_USAGE;
    if (ctx == NULL)
        return status;
    if (opts->cert2 != NULL) {
        if ((vhost.ctx = make_context(opts, opts->cert2, opts->key2, 0)) == NULL)
            goto done;
        SSL_CTX_set_tlsext_servername_callback(ctx, choose_vhost);
        SSL_CTX_set_tlsext_servername_arg(ctx, &vhost);
    }
    int listener = tcp_listen(host, port);
    if (listener < 0) {
        status = EXIT_FAILED;
        goto done;
    }
    status = serve_forever(ctx, listener, opts);
    close(listener);
done:
    SSL_CTX_free(vhost.ctx);
    SSL_CTX_free(ctx);
    return status;
}

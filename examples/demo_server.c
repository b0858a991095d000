/*
 * libtls12 demo server: OpenSSL-style code, built against libtls12's headers
 * (-I include/tls12) or OpenSSL's; nothing in it is specific to either.
 *
 *   demo_server [-p PORT] [-n CONNECTIONS] [-d CERTS_DIR]
 *
 * Listens on 127.0.0.1:PORT (0, the default, picks a free port), prints
 * "listening on 127.0.0.1:PORT", then serves CONNECTIONS connections (default 1) one
 * after another: TLS 1.2 handshake with an RSA and an ECDSA certificate, ALPN (h2 or
 * http/1.1), one line read and answered, close_notify both ways.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void fail(const char *what)
{
    fprintf(stderr, "demo_server: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* ALPN: the first of the server's protocols that the client offers. */
static int select_protocol(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                           const unsigned char *in, unsigned int inlen, void *arg)
{
    static const unsigned char ours[] = "\x02h2\x08http/1.1";
    unsigned char *selected;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&selected, outlen, ours, sizeof ours - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

static SSL_CTX *make_context(const char *dir)
{
    static const char *const pairs[][2] = {
        {"rsa-chain.pem", "rsa.key"},
        {"ecdsa-chain.pem", "ecdsa.key"},
    };
    char path[1024];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL)
        fail("SSL_CTX_new failed");
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, pairs[i][0]);
        if (SSL_CTX_use_certificate_chain_file(ctx, path) != 1)
            fail(path);
        snprintf(path, sizeof path, "%s/%s", dir, pairs[i][1]);
        if (SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) != 1)
            fail(path);
    }
    SSL_CTX_set_alpn_select_cb(ctx, select_protocol, NULL);
    return ctx;
}

static int listen_on(int port)
{
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        fail("socket failed");
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 8) < 0)
        fail("cannot listen on 127.0.0.1");
    if (getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
        fail("getsockname failed");
    printf("listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
    fflush(stdout);
    return fd;
}

/* One connection: handshake, one line in, one line out, shutdown. */
static int serve(SSL_CTX *ctx, int fd)
{
    char line[1024], reply[1200];
    SSL *ssl = SSL_new(ctx);
    int ok = 0;
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1)
        fail("SSL_new or SSL_set_fd failed");
    if (SSL_accept(ssl) != 1) {
        fprintf(stderr, "demo_server: handshake failed\n");
        ERR_print_errors_fp(stderr);
        goto done;
    }
    int n = SSL_read(ssl, line, sizeof line - 1);
    if (n <= 0) {
        fprintf(stderr, "demo_server: read failed\n");
        ERR_print_errors_fp(stderr);
        goto done;
    }
    line[n] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    printf("served a %s connection with %s; client said \"%s\"\n", SSL_get_version(ssl),
           SSL_get_cipher_name(ssl), line);
    n = snprintf(reply, sizeof reply, "hello from the libtls12 demo server, you said: %s\n",
                 line);
    if (SSL_write(ssl, reply, n) != n) {
        ERR_print_errors_fp(stderr);
        goto done;
    }
    /* close_notify both ways: send ours, then wait for the client's. */
    if (SSL_shutdown(ssl) == 0)
        SSL_shutdown(ssl);
    ok = 1;
done:
    SSL_free(ssl);
    close(fd);
    return ok;
}

int main(int argc, char **argv)
{
    const char *dir = "target/test-certs";
    int port = 0, count = 1, opt, failures = 0;
    while ((opt = getopt(argc, argv, "p:n:d:")) != -1) {
        switch (opt) {
        case 'p': port = atoi(optarg); break;
        case 'n': count = atoi(optarg); break;
        case 'd': dir = optarg; break;
        default:
            fprintf(stderr, "usage: %s [-p PORT] [-n CONNECTIONS] [-d CERTS_DIR]\n", argv[0]);
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    SSL_CTX *ctx = make_context(dir);
    int listener = listen_on(port);
    for (int i = 0; i < count; i++) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            fail("accept failed");
        if (!serve(ctx, fd))
            failures++;
        fflush(stdout);
    }
    close(listener);
    SSL_CTX_free(ctx);
    return failures == 0 ? 0 : 1;
}

/*
 * A TLS client written only against OpenSSL's API: connects to 127.0.0.1:PORT, checks
 * the server's certificate for "localhost" against CAFILE, sends a line and prints the
 * facts both libraries must agree on (protocol, verification, the server's reply).
 * Usage: client PORT CAFILE LINE
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int connect_to(int port)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("connect");
        exit(1);
    }
    return fd;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT CAFILE LINE\n", argv[0]);
        return 2;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, argv[2], NULL) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    SSL *ssl = SSL_new(ctx);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    SSL_set_fd(ssl, connect_to(atoi(argv[1])));
    if (SSL_connect(ssl) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    printf("protocol: %s\n", SSL_get_version(ssl));
    printf("verify result: %ld\n", SSL_get_verify_result(ssl));
    char line[256];
    snprintf(line, sizeof line, "%s\n", argv[3]);
    if (SSL_write(ssl, line, (int)strlen(line)) != (int)strlen(line)) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    char reply[256];
    int n = SSL_read(ssl, reply, sizeof reply - 1);
    if (n <= 0) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    reply[n] = '\0';
    printf("reply: %s", reply);
    SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}

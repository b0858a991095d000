/*
 * libtls12 demo client: OpenSSL-style code, built against libtls12's headers
 * (-I include/tls12) or OpenSSL's.
 *
 *   demo_client -p PORT [-d CERTS_DIR] [-H HOST]
 *
 * Connects to 127.0.0.1:PORT, checks the server's certificate against CERTS_DIR/ca.pem
 * and the name HOST (default localhost), offers ALPN h2 and http/1.1, prints what was
 * negotiated, sends a line, prints the answer and closes with close_notify.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void fail(const char *what)
{
    fprintf(stderr, "demo_client: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* The key exchange groups of TLS 1.2, by the NID SSL_get_negotiated_group returns. */
static const char *group_name(int nid)
{
    switch (nid) {
    case 1034: return "X25519";
    case 415: return "P-256 (secp256r1)";
    case 715: return "P-384 (secp384r1)";
    default: return "unknown";
    }
}

static int connect_to(int port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        fail("socket failed");
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        fail("cannot connect to 127.0.0.1");
    return fd;
}

int main(int argc, char **argv)
{
    static const unsigned char protocols[] = "\x02h2\x08http/1.1";
    const char *dir = "target/test-certs", *host = "localhost";
    char path[1024], name[256], reply[2048];
    int port = 0, opt;
    while ((opt = getopt(argc, argv, "p:d:H:")) != -1) {
        switch (opt) {
        case 'p': port = atoi(optarg); break;
        case 'd': dir = optarg; break;
        case 'H': host = optarg; break;
        default:
            fprintf(stderr, "usage: %s -p PORT [-d CERTS_DIR] [-H HOST]\n", argv[0]);
            return 2;
        }
    }
    if (port <= 0)
        fail("give the server's port with -p");

    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        fail("SSL_CTX_new failed");
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    snprintf(path, sizeof path, "%s/ca.pem", dir);
    if (SSL_CTX_load_verify_locations(ctx, path, NULL) != 1)
        fail(path);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);

    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL)
        fail("SSL_new failed");
    SSL_set_tlsext_host_name(ssl, host);
    SSL_set1_host(ssl, host);
    SSL_set_alpn_protos(ssl, protocols, sizeof protocols - 1);
    int fd = connect_to(port);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) != 1) {
        long result = SSL_get_verify_result(ssl);
        fprintf(stderr, "demo_client: handshake failed (verify result %ld: %s)\n", result,
                X509_verify_cert_error_string(result));
        fail("SSL_connect failed");
    }

    const unsigned char *alpn;
    unsigned alpn_len;
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    X509 *peer = SSL_get_peer_certificate(ssl);
    if (peer == NULL)
        fail("no server certificate");
    X509_NAME_oneline(X509_get_subject_name(peer), name, sizeof name);
    X509_free(peer);
    long result = SSL_get_verify_result(ssl);

    printf("version:      %s\n", SSL_get_version(ssl));
    printf("cipher suite: %s (%s)\n", SSL_get_cipher_name(ssl),
           SSL_CIPHER_standard_name(SSL_get_current_cipher(ssl)));
    printf("group:        %s\n", group_name((int)SSL_get_negotiated_group(ssl)));
    printf("ALPN:         %.*s\n", (int)alpn_len, alpn_len ? (const char *)alpn : "");
    printf("server:       %s\n", name);
    printf("verification: %ld (%s)\n", result, X509_verify_cert_error_string(result));

    const char *message = "hello from the libtls12 demo client\n";
    if (SSL_write(ssl, message, (int)strlen(message)) != (int)strlen(message))
        fail("SSL_write failed");
    int n = SSL_read(ssl, reply, sizeof reply - 1);
    if (n <= 0)
        fail("SSL_read failed");
    reply[n] = '\0';
    printf("server said:  %s", reply);

    /* close_notify both ways. */
    if (SSL_shutdown(ssl) == 0)
        SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    return result == X509_V_OK ? 0 : 1;
}

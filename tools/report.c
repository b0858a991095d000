/*
 * Describing a connection in words: the session summary printed after a handshake,
 * the -brief lines, the -www status page and error messages with the error queue.
 */
#include "tool.h"

#include <openssl/err.h>
#include <openssl/x509.h>

#include <stdarg.h>
#include <string.h>

void print_errors(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fputs("tls12: ", stderr);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    unsigned long code;
    char text[256];
    while ((code = ERR_get_error()) != 0) {
        ERR_error_string_n(code, text, sizeof text);
        fprintf(stderr, "  %s\n", text);
    }
}

/* Group NIDs as SSL_get_negotiated_group reports them. */
static const struct {
    int nid;
    const char *name;
} groups[] = {
    {1034, "X25519"},    {1035, "X448"},      {415, "P-256"},      {715, "P-384"},
    {716, "P-521"},      {1126, "ffdhe2048"}, {1127, "ffdhe3072"}, {1128, "ffdhe4096"},
};

static const char *group_name(int nid)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (groups[i].nid == nid)
            return groups[i].name;
    return nid == 0 ? "none" : "unknown";
}

/* Facts about a connection, gathered once and printed by each format. */
struct facts {
    const char *version;
    const char *cipher;
    const char *group;
    char alpn[256];
    const char *sni;
    char peer_subject[256];
    char peer_issuer[256];
    long verify;
    int reused;
    int ems;
    int secure_reneg;
};

static void gather(SSL *ssl, struct facts *f)
{
    const unsigned char *alpn = NULL;
    unsigned int alpn_len = 0;
    f->version = SSL_get_version(ssl);
    f->cipher = SSL_get_cipher_name(ssl);
    f->group = group_name((int)SSL_get_negotiated_group(ssl));
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    if (alpn_len == 0 || alpn_len >= sizeof f->alpn)
        strcpy(f->alpn, "none");
    else
        snprintf(f->alpn, sizeof f->alpn, "%.*s", (int)alpn_len, (const char *)alpn);
    f->sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (f->sni == NULL)
        f->sni = "none";
    X509 *peer = SSL_get1_peer_certificate(ssl);
    strcpy(f->peer_subject, "none");
    strcpy(f->peer_issuer, "none");
    if (peer != NULL) {
        X509_NAME_oneline(X509_get_subject_name(peer), f->peer_subject, sizeof f->peer_subject);
        X509_NAME_oneline(X509_get_issuer_name(peer), f->peer_issuer, sizeof f->peer_issuer);
        X509_free(peer);
    }
    f->verify = SSL_get_verify_result(ssl);
    f->reused = SSL_session_reused(ssl);
    f->ems = (int)SSL_get_extms_support(ssl);
    f->secure_reneg = (int)SSL_get_secure_renegotiation_support(ssl);
}

static void print_chain(FILE *out, SSL *ssl)
{
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    int count = chain != NULL ? sk_X509_num(chain) : 0;
    if (count == 0) {
        fprintf(out, "No peer certificate\n");
        return;
    }
    fprintf(out, "Certificate chain\n");
    for (int i = 0; i < count; i++) {
        char subject[256], issuer[256];
        X509 *cert = sk_X509_value(chain, i);
        X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
        X509_NAME_oneline(X509_get_issuer_name(cert), issuer, sizeof issuer);
        fprintf(out, " %d s:%s\n   i:%s\n", i, subject, issuer);
    }
}

static void print_summary(FILE *out, SSL *ssl)
{
    struct facts f;
    gather(ssl, &f);
    fprintf(out, "---\n");
    print_chain(out, ssl);
    fprintf(out, "---\n");
    fprintf(out, "%s, %s, Cipher is %s\n", f.reused ? "Reused" : "New", f.version, f.cipher);
    fprintf(out, "Secure Renegotiation IS%s supported\n", f.secure_reneg ? "" : " NOT");
    fprintf(out, "SSL-Session:\n");
    fprintf(out, "    Protocol  : %s\n", f.version);
    fprintf(out, "    Cipher    : %s\n", f.cipher);
    fprintf(out, "    Group     : %s\n", f.group);
    fprintf(out, "    ALPN      : %s\n", f.alpn);
    fprintf(out, "    SNI       : %s\n", f.sni);
    fprintf(out, "    Extended master secret: %s\n", f.ems ? "yes" : "no");
    fprintf(out, "    Peer      : %s\n", f.peer_subject);
    fprintf(out, "    Verify return code: %ld (%s)\n", f.verify,
            X509_verify_cert_error_string(f.verify));
    fprintf(out, "---\n");
    fflush(out);
}

static void print_brief(FILE *out, SSL *ssl)
{
    struct facts f;
    gather(ssl, &f);
    fprintf(out, "CONNECTION ESTABLISHED\n");
    fprintf(out, "Protocol version: %s\n", f.version);
    fprintf(out, "Ciphersuite: %s\n", f.cipher);
    fprintf(out, "Peer certificate: %s\n", f.peer_subject);
    fprintf(out, "Verification: %s\n",
            f.verify == X509_V_OK ? "OK" : X509_verify_cert_error_string(f.verify));
    fflush(out);
}

void describe_connection(SSL *ssl, const struct options *opts)
{
    if (opts->brief)
        print_brief(opts->command == CMD_CLIENT ? stderr : stdout, ssl);
    else if (!opts->quiet || (opts->msg && !trace_has_messages()))
        print_summary(stdout, ssl);
}

size_t status_page(SSL *ssl, char *buf, size_t cap)
{
    struct facts f;
    gather(ssl, &f);
    int n = snprintf(buf, cap,
                     "tls12 s_server status\n"
                     "\n"
                     "Protocol  : %s\n"
                     "Cipher    : %s\n"
                     "Group     : %s\n"
                     "ALPN      : %s\n"
                     "SNI       : %s\n"
                     "Reused    : %s\n"
                     "Extended master secret: %s\n"
                     "Client certificate: %s\n"
                     "Client issuer     : %s\n"
                     "Verify return code: %ld (%s)\n",
                     f.version, f.cipher, f.group, f.alpn, f.sni, f.reused ? "yes" : "no",
                     f.ems ? "yes" : "no", f.peer_subject, f.peer_issuer, f.verify,
                     X509_verify_cert_error_string(f.verify));
    if (n < 0)
        return 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

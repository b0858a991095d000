/*
 * Describing a connection in words: the session summary printed after a handshake,
 * the -brief lines, the -www status page and error messages with the error queue.
 */
#include "tool.h"

#include <openssl/err.h>
#include <openssl/pem.h>
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

static void print_hex_line(FILE *out, const char *label, const unsigned char *bytes,
                           size_t len)
{
    fprintf(out, "    %s: ", label);
    for (size_t i = 0; i < len; i++)
        fprintf(out, "%02X", bytes[i]);
    fprintf(out, "\n");
}

void print_session(FILE *out, const SSL_SESSION *session)
{
    unsigned int id_len = 0, ctx_len = 0;
    const unsigned char *id = SSL_SESSION_get_id(session, &id_len);
    const unsigned char *ctx = SSL_SESSION_get0_id_context(session, &ctx_len);
    unsigned char master[48];
    size_t master_len = SSL_SESSION_get_master_key(session, master, sizeof master);
    const SSL_CIPHER *cipher = SSL_SESSION_get0_cipher(session);
    fprintf(out, "SSL-Session:\n");
    fprintf(out, "    Protocol  : %s\n",
            SSL_SESSION_get_protocol_version(session) == TLS1_2_VERSION ? "TLSv1.2" : "unknown");
    fprintf(out, "    Cipher    : %s\n", cipher != NULL ? SSL_CIPHER_get_name(cipher) : "0000");
    print_hex_line(out, "Session-ID", id, id_len);
    print_hex_line(out, "Session-ID-ctx", ctx, ctx_len);
    print_hex_line(out, "Master-Key", master, master_len);
    if (SSL_SESSION_has_ticket(session))
        fprintf(out, "    TLS session ticket lifetime hint: %lu (seconds)\n",
                SSL_SESSION_get_ticket_lifetime_hint(session));
    fprintf(out, "    Start Time: %ld\n", (long)SSL_SESSION_get_time(session));
    fprintf(out, "    Timeout   : %ld (sec)\n", (long)SSL_SESSION_get_timeout(session));
}

static void print_name_lines(FILE *out, X509 *cert)
{
    char name[256];
    X509_NAME_oneline(X509_get_subject_name(cert), name, sizeof name);
    fprintf(out, "subject=%s\n", name);
    X509_NAME_oneline(X509_get_issuer_name(cert), name, sizeof name);
    fprintf(out, "issuer=%s\n", name);
}

/* The client's view: the chain the server sent (in PEM too with -showcerts), then the
 * server's certificate. A server sees only the client's certificate (OpenSSL's
 * SSL_get_peer_cert_chain leaves a client's leaf out). */
static void print_certificates(FILE *out, SSL *ssl, const struct options *opts)
{
    int client = opts->command == CMD_CLIENT;
    STACK_OF(X509) *chain = client ? SSL_get_peer_cert_chain(ssl) : NULL;
    int count = chain != NULL ? sk_X509_num(chain) : 0;
    if (count > 0) {
        fprintf(out, "Certificate chain\n");
        for (int i = 0; i < count; i++) {
            char subject[256], issuer[256];
            X509 *cert = sk_X509_value(chain, i);
            X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
            X509_NAME_oneline(X509_get_issuer_name(cert), issuer, sizeof issuer);
            fprintf(out, " %d s:%s\n   i:%s\n", i, subject, issuer);
            if (opts->showcerts)
                PEM_write_X509(out, cert);
        }
        fprintf(out, "---\n");
    }
    X509 *peer = SSL_get1_peer_certificate(ssl);
    if (peer == NULL) {
        fprintf(out, client ? "no peer certificate available\n" : "No client certificate\n");
    } else {
        fprintf(out, client ? "Server certificate\n" : "Client certificate\n");
        if (!opts->showcerts || count == 0)
            PEM_write_X509(out, peer);
        print_name_lines(out, peer);
        X509_free(peer);
    }
    fprintf(out, "---\n");
}

/* -status: the OCSP response the server stapled. */
static void print_status(FILE *out, SSL *ssl)
{
    const unsigned char *response = NULL;
    long len = SSL_get_tlsext_status_ocsp_resp(ssl, &response);
    if (response == NULL || len <= 0)
        fprintf(out, "OCSP response: no response sent\n");
    else
        fprintf(out, "OCSP response: %ld bytes (DER)\n", len);
}

static void print_summary(FILE *out, SSL *ssl, const struct options *opts)
{
    struct facts f;
    gather(ssl, &f);
    fprintf(out, "---\n");
    print_certificates(out, ssl, opts);
    if (opts->status)
        print_status(out, ssl);
    if (f.verify == X509_V_OK)
        fprintf(out, "Verification: OK\n");
    else
        fprintf(out, "Verification error: %s\n", X509_verify_cert_error_string(f.verify));
    fprintf(out, "---\n");
    fprintf(out, "%s, %s, Cipher is %s\n", f.reused ? "Reused" : "New", f.version, f.cipher);
    fprintf(out, "Secure Renegotiation IS%s supported\n", f.secure_reneg ? "" : " NOT");
    fprintf(out, "Compression: NONE\nExpansion: NONE\n");
    if (strcmp(f.alpn, "none") == 0)
        fprintf(out, "No ALPN negotiated\n");
    else
        fprintf(out, "ALPN protocol: %s\n", f.alpn);
    SSL_SESSION *session = SSL_get1_session(ssl);
    if (session != NULL) {
        print_session(out, session);
        SSL_SESSION_free(session);
    }
    fprintf(out, "    Verify return code: %ld (%s)\n", f.verify,
            X509_verify_cert_error_string(f.verify));
    fprintf(out, "    Extended master secret: %s\n", f.ems ? "yes" : "no");
    fprintf(out, "    Group     : %s\n", f.group);
    fprintf(out, "    ALPN      : %s\n", f.alpn);
    fprintf(out, "    SNI       : %s\n", f.sni);
    fprintf(out, "    Peer      : %s\n", f.peer_subject);
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
    else if (!opts->quiet)
        print_summary(stdout, ssl, opts);
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

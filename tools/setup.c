/*
 * Turning the options into an SSL_CTX, and the per-connection settings of an SSL.
 */
#include "features.h"
#include "tool.h"

#include <openssl/err.h>
#include <openssl/x509.h>

#include <string.h>

/* The options of this run, for callbacks that have no argument of their own. */
static const struct options *current;

int not_supported(const char *option, const char *what)
{
    fprintf(stderr, "tls12: %s is not supported by this build: the library lacks %s\n", option,
            what);
    return EXIT_USAGE;
}

/* "h2,http/1.1" -> wire format in out; returns its length, or 0 when it does not fit. */
static size_t alpn_wire(const char *list, unsigned char *out, size_t cap)
{
    size_t len = 0;
    while (*list != '\0') {
        size_t n = strcspn(list, ",");
        if (n == 0 || n > 255 || len + 1 + n > cap)
            return 0;
        out[len++] = (unsigned char)n;
        memcpy(out + len, list, n);
        len += n;
        list += n;
        if (*list == ',')
            list++;
    }
    return len;
}

/* ---- callbacks ---- */

static int print_verify_problem(int ok, X509_STORE_CTX *store)
{
    if (!ok && !current->quiet) {
        char subject[256] = "(no certificate)";
        X509 *cert = X509_STORE_CTX_get_current_cert(store);
        if (cert != NULL)
            X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
        int err = X509_STORE_CTX_get_error(store);
        fprintf(stderr, "verify error: depth=%d %s: %d (%s)\n",
                X509_STORE_CTX_get_error_depth(store), subject, err,
                X509_verify_cert_error_string(err));
    }
    return ok;
}

/* The server's ALPN list, in wire format. */
static struct {
    unsigned char wire[512];
    size_t len;
} server_alpn;

static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    unsigned char *selected;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&selected, outlen, server_alpn.wire, (unsigned)server_alpn.len, in,
                              inlen) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_ALERT_FATAL;   /* RFC 7301: no_application_protocol */
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

#if HAVE_KEYLOG
static FILE *keylog_file;

static void write_keylog(const SSL *ssl, const char *line)
{
    (void)ssl;
    fprintf(keylog_file, "%s\n", line);
    fflush(keylog_file);
}
#endif

#if HAVE_PSK
/* Decodes the -psk hex key; returns its length, or 0 when it is not hex or too long. */
static unsigned int decode_psk(unsigned char *out, unsigned int cap)
{
    const char *hex = current->psk;
    size_t digits = strlen(hex);
    if (digits == 0 || digits % 2 != 0 || digits / 2 > cap)
        return 0;
    for (size_t i = 0; i < digits / 2; i++) {
        unsigned int byte;
        if (strspn(hex + 2 * i, "0123456789abcdefABCDEF") < 2 ||
            sscanf(hex + 2 * i, "%2x", &byte) != 1)
            return 0;
        out[i] = (unsigned char)byte;
    }
    return (unsigned int)(digits / 2);
}

static unsigned int client_psk(SSL *ssl, const char *hint, char *identity,
                               unsigned int max_identity_len, unsigned char *psk,
                               unsigned int max_psk_len)
{
    (void)ssl;
    const char *id = current->psk_identity != NULL ? current->psk_identity : "Client_identity";
    if (!current->quiet)
        printf("PSK identity hint: %s\n", hint != NULL ? hint : "(none)");
    if (strlen(id) >= max_identity_len)
        return 0;
    strcpy(identity, id);
    return decode_psk(psk, max_psk_len);
}

static unsigned int server_psk(SSL *ssl, const char *identity, unsigned char *psk,
                               unsigned int max_psk_len)
{
    (void)ssl;
    if (!current->quiet)
        printf("PSK identity: %s\n", identity != NULL ? identity : "(none)");
    return decode_psk(psk, max_psk_len);
}
#endif

/* ---- the context ---- */

static int load_pair(SSL_CTX *ctx, const char *cert, const char *key)
{
    if (key == NULL)
        key = cert;
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
        print_errors("cannot load the certificate chain %s", cert);
        return 0;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
        print_errors("cannot load the private key %s", key);
        return 0;
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
        print_errors("the key %s does not match the certificate %s", key, cert);
        return 0;
    }
    return 1;
}

/* A setting applied with a list-taking function; value NULL means "not given". */
struct list_setting {
    const char *option;
    const char *value;
    int (*apply)(SSL_CTX *, const char *);
};

static int set_cipher_list(SSL_CTX *ctx, const char *list)
{
    return SSL_CTX_set_cipher_list(ctx, list);
}

static int set_groups(SSL_CTX *ctx, const char *list)
{
    return (int)SSL_CTX_set1_groups_list(ctx, list);
}

static int set_sigalgs(SSL_CTX *ctx, const char *list)
{
    return (int)SSL_CTX_set1_sigalgs_list(ctx, list);
}

static int apply_lists(SSL_CTX *ctx, const struct options *opts)
{
    const struct list_setting settings[] = {
        {"-cipher", opts->cipher, set_cipher_list},
        {"-groups", opts->groups, set_groups},
        {"-sigalgs", opts->sigalgs, set_sigalgs},
    };
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        if (settings[i].value != NULL && settings[i].apply(ctx, settings[i].value) != 1) {
            print_errors("%s %s: not accepted", settings[i].option, settings[i].value);
            return 0;
        }
    }
    return 1;
}

static int setup_trust(SSL_CTX *ctx, const struct options *opts)
{
    int ok = opts->cafile != NULL ? SSL_CTX_load_verify_locations(ctx, opts->cafile, NULL)
                                  : SSL_CTX_set_default_verify_paths(ctx);
    if (ok != 1) {
        print_errors("cannot load trusted certificates%s%s", opts->cafile ? " from " : "",
                     opts->cafile ? opts->cafile : "");
        return 0;
    }
    if (opts->verify_depth >= 0) {
        int mode = SSL_VERIFY_PEER;
        if (opts->command == CMD_SERVER)
            mode |= SSL_VERIFY_CLIENT_ONCE;
        if (opts->verify_require)
            mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
        SSL_CTX_set_verify(ctx, mode, print_verify_problem);
        SSL_CTX_set_verify_depth(ctx, opts->verify_depth);
    }
    return 1;
}

static int setup_extras(SSL_CTX *ctx, const struct options *opts)
{
    if (opts->keylogfile != NULL) {
#if HAVE_KEYLOG
        if (keylog_file == NULL && (keylog_file = fopen(opts->keylogfile, "a")) == NULL) {
            perror(opts->keylogfile);
            return 0;
        }
        SSL_CTX_set_keylog_callback(ctx, write_keylog);
#else
        not_supported("-keylogfile", "SSL_CTX_set_keylog_callback");
        return 0;
#endif
    }
    if (opts->psk != NULL) {
#if HAVE_PSK
        if (opts->command == CMD_CLIENT) {
            SSL_CTX_set_psk_client_callback(ctx, client_psk);
        } else {
            SSL_CTX_set_psk_server_callback(ctx, server_psk);
            if (opts->psk_hint != NULL && SSL_CTX_use_psk_identity_hint(ctx, opts->psk_hint) != 1) {
                print_errors("-psk_hint: not accepted");
                return 0;
            }
        }
#else
        not_supported("-psk", "SSL_CTX_set_psk_client_callback, "
                              "SSL_CTX_set_psk_server_callback and SSL_CTX_use_psk_identity_hint");
        return 0;
#endif
    }
    if (opts->alpn != NULL && opts->command == CMD_SERVER) {
        server_alpn.len = alpn_wire(opts->alpn, server_alpn.wire, sizeof server_alpn.wire);
        if (server_alpn.len == 0) {
            fprintf(stderr, "-alpn %s: not a list of protocol names\n", opts->alpn);
            return 0;
        }
        SSL_CTX_set_alpn_select_cb(ctx, select_alpn, NULL);
    }
    return 1;
}

SSL_CTX *make_context(const struct options *opts, const char *cert, const char *key,
                      int with_dcert)
{
    current = opts;
    SSL_CTX *ctx = SSL_CTX_new(opts->command == CMD_CLIENT ? TLS_client_method()
                                                            : TLS_server_method());
    if (ctx == NULL) {
        print_errors("SSL_CTX_new failed");
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    if (opts->no_ticket)
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    /* Sessions of a server that verifies clients resume only within a named context. */
    static const unsigned char session_context[] = "tls12 s_server";
    if (opts->command == CMD_SERVER)
        SSL_CTX_set_session_id_context(ctx, session_context, sizeof session_context - 1);
#ifdef SSL_CTX_set_dh_auto
    SSL_CTX_set_dh_auto(ctx, 1);   /* DHE suites with the group that fits the key */
#endif
    int ok = apply_lists(ctx, opts) && setup_trust(ctx, opts) && setup_extras(ctx, opts) &&
             (cert == NULL || load_pair(ctx, cert, key)) &&
             (!with_dcert || opts->dcert == NULL || load_pair(ctx, opts->dcert, opts->dkey));
    if (!ok) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

static int is_ip_literal(const char *host)
{
    return strspn(host, "0123456789.") == strlen(host) || strchr(host, ':') != NULL;
}

int prepare_connection(SSL *ssl, const struct options *opts, const char *host)
{
    if (opts->msg)
        enable_trace(ssl);
    if (opts->command != CMD_CLIENT)
        return 1;
    const char *name = opts->servername != NULL ? opts->servername : host;
    if (!is_ip_literal(name) && SSL_set_tlsext_host_name(ssl, name) != 1) {
        print_errors("cannot send the server name %s", name);
        return 0;
    }
    if (opts->verify_depth >= 0 && SSL_set1_host(ssl, name) != 1) {
        print_errors("cannot check the certificate for %s", name);
        return 0;
    }
    if (opts->alpn != NULL) {
        unsigned char wire[512];
        size_t len = alpn_wire(opts->alpn, wire, sizeof wire);
        /* SSL_set_alpn_protos returns 0 on success. */
        if (len == 0 || SSL_set_alpn_protos(ssl, wire, (unsigned)len) != 0) {
            print_errors("-alpn %s: not a list of protocol names", opts->alpn);
            return 0;
        }
    }
    return 1;
}

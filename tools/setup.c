/*
 * Turning the options into an SSL_CTX, and the per-connection settings of an SSL.
 */
/* -dhparam uses SSL_CTX_set_tmp_dh, which OpenSSL 3.0 keeps but deprecates. */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "features.h"
#include "tool.h"

#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/pem.h>
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

/* As openssl's apps: each certificate of the chain as "depth=N subject", a problem as
 * "verify error:num=E:text", and the verdict; a problem ends the handshake only under
 * -verify_return_error. */
static int report_verify(int ok, X509_STORE_CTX *store)
{
    int err = X509_STORE_CTX_get_error(store);
    if (!current->quiet) {
        char subject[256] = "<no certificate>";
        X509 *cert = X509_STORE_CTX_get_current_cert(store);
        if (cert != NULL)
            X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
        fprintf(stderr, "depth=%d %s\n", X509_STORE_CTX_get_error_depth(store), subject);
        if (!ok)
            fprintf(stderr, "verify error:num=%d:%s\n", err, X509_verify_cert_error_string(err));
    }
    if (!current->verify_return_error)
        ok = 1;
    if (!current->quiet)
        fprintf(stderr, "verify return:%d\n", ok);
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

/* -status_file: the DER OCSP response, stapled for every client that asks. */
static struct {
    unsigned char der[65536];
    size_t len;
} staple;

static int load_staple(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        perror(path);
        return 0;
    }
    staple.len = fread(staple.der, 1, sizeof staple.der, in);
    int whole = feof(in) && !ferror(in);
    fclose(in);
    if (!whole || staple.len == 0) {
        fprintf(stderr, "-status_file %s: not an OCSP response of at most %zu bytes\n", path,
                sizeof staple.der);
        return 0;
    }
    return 1;
}

static int staple_status(SSL *ssl, void *arg)
{
    (void)arg;
    unsigned char *copy = OPENSSL_malloc(staple.len);
    if (copy == NULL)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    memcpy(copy, staple.der, staple.len);
    SSL_set_tlsext_status_ocsp_resp(ssl, copy, (long)staple.len);
    return SSL_TLSEXT_ERR_OK;
}

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

static int set_client_sigalgs(SSL_CTX *ctx, const char *list)
{
#if HAVE_CLIENT_SIGALGS
    return (int)SSL_CTX_set1_client_sigalgs_list(ctx, list);
#else
    (void)ctx;
    (void)list;
    return not_supported("-client_sigalgs", "SSL_CTX_set1_client_sigalgs_list");
#endif
}

static int apply_lists(SSL_CTX *ctx, const struct options *opts)
{
    const struct list_setting settings[] = {
        {"-cipher", opts->cipher, set_cipher_list},
        {"-groups", opts->groups, set_groups},
        {"-sigalgs", opts->sigalgs, set_sigalgs},
        {"-client_sigalgs", opts->client_sigalgs, set_client_sigalgs},
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
    int ok = opts->cafile != NULL || opts->capath != NULL
                 ? SSL_CTX_load_verify_locations(ctx, opts->cafile, opts->capath)
                 : SSL_CTX_set_default_verify_paths(ctx);
    if (ok != 1) {
        print_errors("cannot load trusted certificates from %s",
                     opts->cafile != NULL ? opts->cafile : opts->capath != NULL ? opts->capath
                                                                                : "the system");
        return 0;
    }
    int mode = SSL_VERIFY_NONE;
    if (opts->verify_depth >= 0) {
        mode = SSL_VERIFY_PEER;
        if (opts->command == CMD_SERVER)
            mode |= SSL_VERIFY_CLIENT_ONCE;
        if (opts->verify_require)
            mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
        SSL_CTX_set_verify_depth(ctx, opts->verify_depth);
    }
    SSL_CTX_set_verify(ctx, mode, report_verify);
    return 1;
}

/* -dhparam: the server's DH group. */
static int load_dhparam(SSL_CTX *ctx, const char *path)
{
    FILE *in = fopen(path, "r");
    DH *dh = in != NULL ? PEM_read_DHparams(in, NULL, NULL, NULL) : NULL;
    if (in != NULL)
        fclose(in);
    int ok = dh != NULL && SSL_CTX_set_tmp_dh(ctx, dh) == 1;
    if (!ok)
        print_errors("-dhparam %s: no usable DH parameters", path);
    DH_free(dh);
    return ok;
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
    if (opts->status_file != NULL) {
        if (staple.len == 0 && !load_staple(opts->status_file))
            return 0;
        SSL_CTX_set_tlsext_status_cb(ctx, staple_status);
    }
    if (opts->max_send_frag != 0) {
#if HAVE_MAX_SEND_FRAGMENT
        if (SSL_CTX_set_max_send_fragment(ctx, opts->max_send_frag) != 1) {
            print_errors("-max_send_frag %d: not accepted", opts->max_send_frag);
            return 0;
        }
#else
        not_supported("-max_send_frag", "SSL_CTX_set_max_send_fragment");
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
    if (opts->serverpref)
        SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (opts->no_cache)
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    /* Sessions of a server that verifies clients resume only within a named context. */
    const char *context = opts->context != NULL ? opts->context : "tls12 s_server";
    if (opts->command == CMD_SERVER &&
        SSL_CTX_set_session_id_context(ctx, (const unsigned char *)context,
                                       (unsigned)strlen(context)) != 1) {
        print_errors("-context %s: not accepted (at most 32 bytes)", context);
        SSL_CTX_free(ctx);
        return NULL;
    }
#ifdef SSL_CTX_set_dh_auto
    if (opts->dhparam == NULL)
        SSL_CTX_set_dh_auto(ctx, 1);   /* DHE suites with the group that fits the key */
#endif
    int ok = apply_lists(ctx, opts) && setup_trust(ctx, opts) && setup_extras(ctx, opts) &&
             (opts->dhparam == NULL || load_dhparam(ctx, opts->dhparam)) &&
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
    if ((opts->msg || opts->trace) && !enable_trace(ssl, opts->trace))
        return 0;
    if (opts->state)
        enable_state(ssl);
    if (opts->command != CMD_CLIENT)
        return 1;
    const char *name = opts->servername != NULL ? opts->servername : host;
    if (!is_ip_literal(name) && SSL_set_tlsext_host_name(ssl, name) != 1) {
        print_errors("cannot send the server name %s", name);
        return 0;
    }
    if (opts->verify_hostname != NULL && SSL_set1_host(ssl, opts->verify_hostname) != 1) {
        print_errors("cannot check the certificate for %s", opts->verify_hostname);
        return 0;
    }
    if (opts->status && SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp) != 1) {
        print_errors("-status: cannot ask for the certificate status");
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

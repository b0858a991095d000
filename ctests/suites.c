/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * The suites beyond ECDHE with AEAD (handshake.c covers those with every group):
 * finite-field DHE, AES-CBC with SHA-1, SHA-256 and SHA-384 MACs, and RSA key exchange.
 * For each: handshake (the client offers only that suite), 200 KiB each way over
 * non-blocking sockets with random record sizes, shutdown.
 *
 * With SUITE_FAMILY set to "gcm", "chacha" or "cbc", only the suites of that record
 * protection run (ctests/run.sh runs the ChaCha and CBC ones under valgrind with no
 * suppression: see ctests/valgrind.supp).
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

static const char *const suites[] = {
    "DHE-RSA-AES256-GCM-SHA384",  "DHE-RSA-CHACHA20-POLY1305", "DHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-SHA384",  "ECDHE-RSA-AES256-SHA384",   "DHE-RSA-AES256-SHA256",
    "ECDHE-ECDSA-AES128-SHA256",  "ECDHE-RSA-AES128-SHA256",   "DHE-RSA-AES128-SHA256",
    "ECDHE-ECDSA-AES256-SHA",     "ECDHE-RSA-AES256-SHA",      "DHE-RSA-AES256-SHA",
    "ECDHE-ECDSA-AES128-SHA",     "ECDHE-RSA-AES128-SHA",      "DHE-RSA-AES128-SHA",
    "AES256-GCM-SHA384",          "AES128-GCM-SHA256",         "AES256-SHA256",
    "AES128-SHA256",              "AES256-SHA",                "AES128-SHA",
};

/* Whether `suite` protects records the way `family` names (NULL: every suite). */
static int in_family(const char *suite, const char *family)
{
    if (family == NULL || *family == '\0')
        return 1;
    int gcm = strstr(suite, "GCM") != NULL, chacha = strstr(suite, "CHACHA20") != NULL;
    if (strcmp(family, "gcm") == 0)
        return gcm;
    if (strcmp(family, "chacha") == 0)
        return chacha;
    if (strcmp(family, "cbc") == 0)
        return !gcm && !chacha;
    die("SUITE_FAMILY must be gcm, chacha or cbc, not \"%s\"", family);
}

static void run_case(const char *suite, SSL_CTX *server_ctx, SSL_CTX *client_ctx)
{
    struct side c, s;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    if (SSL_set_cipher_list(c.ssl, suite) != 1)
        die("SSL_set_cipher_list(%s) failed", suite);
    connect_sockets(&c, &s, 1);
    c.out.total = s.out.total = 200u << 10;
    c.max_write = s.max_write = 20000;

    exchange(suite, &c, &s, NULL, NULL);
    print_case(suite, &c, &s);
    side_free(&c);
    side_free(&s);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    use_cert_and_key(server_ctx, "ecdsa-chain.pem", "ecdsa.key");
    /* OpenSSL's server offers DHE only with parameters; these follow the key size. */
    SSL_CTX_set_dh_auto(server_ctx, 1);
    const char *family = getenv("SUITE_FAMILY");
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        if (in_family(suites[i], family))
            run_case(suites[i], server_ctx, client_ctx);
    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

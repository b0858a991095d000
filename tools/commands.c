/*
 * The small commands beside s_client and s_server, with openssl's options and output:
 * ciphers, version and sess_id.
 */
#include "features.h"
#include "tool.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <string.h>

/* Says that arg is not an option of command; returns EXIT_USAGE. */
static int unknown_option(const char *command, const char *arg)
{
    fprintf(stderr, "tls12 %s: unknown option %s (try -help)\n", command, arg);
    return EXIT_USAGE;
}

/* tls12 ciphers [-v] [-V] [-stdname] [-s] [-tls1_2] [STRING] */
int run_ciphers(int argc, char **argv)
{
    int verbose = 0, stdname = 0;
    const char *spec = "DEFAULT";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "-V") == 0) {
            verbose = 1;
        } else if (strcmp(argv[i], "-stdname") == 0) {
            stdname = 1;
        } else if (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-tls1_2") == 0) {
            continue;   /* the listing holds only TLS 1.2 suites the library supports */
        } else if (strcmp(argv[i], "-help") == 0) {
            printf("usage: tls12 ciphers [-v] [-stdname] [-s] [-tls1_2] [cipherlist]\n"
                   "  -v        one line per suite: name, protocol, key exchange, "
                   "authentication, encryption, MAC\n"
                   "  -stdname  each suite's standard (RFC) name first\n"
                   "  -s, -tls1_2  accepted: the list holds only the TLS 1.2 suites the library "
                   "supports\n");
            return EXIT_OK;
        } else if (argv[i][0] == '-' || i != argc - 1) {
            return unknown_option("ciphers", argv[i]);
        } else {
            spec = argv[i];
        }
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = NULL;
    int status = EXIT_FAILED;
    if (ctx == NULL || SSL_CTX_set_cipher_list(ctx, spec) != 1 || (ssl = SSL_new(ctx)) == NULL) {
        print_errors("Error in cipher list %s", spec);
        goto done;
    }
    STACK_OF(SSL_CIPHER) *ciphers = SSL_get_ciphers(ssl);
    for (int i = 0; ciphers != NULL && i < sk_SSL_CIPHER_num(ciphers); i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(ciphers, i);
        char line[256];
        if (verbose || stdname) {
            if (stdname)
                printf("%-45s - ", SSL_CIPHER_standard_name(c));
            fputs(SSL_CIPHER_description(c, line, sizeof line), stdout);
        } else {
            printf("%s%s", i > 0 ? ":" : "", SSL_CIPHER_get_name(c));
        }
    }
    if (!verbose && !stdname)
        printf("\n");
    status = EXIT_OK;
done:
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return status;
}

/* tls12 version [-a] [-v] [-b] [-p] [-f] [-d] */
int run_version(int argc, char **argv)
{
    static const struct {
        const char *flag;
        int type;
    } parts[] = {
        {"-v", OPENSSL_VERSION}, {"-b", OPENSSL_BUILT_ON}, {"-p", OPENSSL_PLATFORM},
        {"-f", OPENSSL_CFLAGS},  {"-d", OPENSSL_DIR},
    };
    enum { PART_COUNT = sizeof parts / sizeof parts[0] };
    int wanted[PART_COUNT] = {0}, any = 0;
    for (int i = 0; i < argc; i++) {
        int known = 0;
        for (int p = 0; p < PART_COUNT; p++) {
            if (strcmp(argv[i], "-a") == 0 || strcmp(argv[i], parts[p].flag) == 0)
                wanted[p] = known = any = 1;
        }
        if (strcmp(argv[i], "-help") == 0) {
            printf("usage: tls12 version [-a] [-v] [-b] [-p] [-f] [-d]\n"
                   "  -a all, -v version, -b build date, -p platform, -f compiler flags, "
                   "-d directory\n");
            return EXIT_OK;
        }
        if (!known)
            return unknown_option("version", argv[i]);
    }
    if (!any)
        wanted[0] = 1;
    for (int p = 0; p < PART_COUNT; p++)
        if (wanted[p])
            printf("%s\n", OpenSSL_version(parts[p].type));
    return EXIT_OK;
}

#if HAVE_SESSIONS

/* tls12 sess_id [-in FILE] [-out FILE] [-text] [-noout] */
int run_sess_id(int argc, char **argv)
{
    const char *in_path = NULL, *out_path = NULL;
    int text = 0, noout = 0;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-in") == 0 || strcmp(argv[i], "-out") == 0) && i + 1 < argc) {
            *(argv[i][1] == 'i' ? &in_path : &out_path) = argv[i + 1];
            i++;
        } else if (strcmp(argv[i], "-text") == 0) {
            text = 1;
        } else if (strcmp(argv[i], "-noout") == 0) {
            noout = 1;
        } else if (strcmp(argv[i], "-help") == 0) {
            printf("usage: tls12 sess_id [-in file] [-out file] [-text] [-noout]\n"
                   "  reads a session saved by s_client -sess_out (PEM; default stdin)\n"
                   "  -text   print its fields   -noout  do not write it back out\n");
            return EXIT_OK;
        } else {
            return unknown_option("sess_id", argv[i]);
        }
    }
    SSL_SESSION *session = read_session(in_path);
    if (session == NULL) {
        print_errors("unable to load SSL_SESSION from %s", in_path != NULL ? in_path : "stdin");
        return EXIT_FAILED;
    }
    FILE *out = out_path != NULL ? fopen(out_path, "w") : stdout;
    int ok = out != NULL;
    if (ok && text)
        print_session(out, session);
    if (ok && !noout)
        ok = PEM_write_SSL_SESSION(out, session) == 1;
    if (out != NULL && out != stdout && fclose(out) != 0)
        ok = 0;
    if (!ok)
        print_errors("cannot write the session to %s", out_path != NULL ? out_path : "stdout");
    SSL_SESSION_free(session);
    return ok ? EXIT_OK : EXIT_FAILED;
}

#else

int run_sess_id(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return not_supported("sess_id", "PEM_read_SSL_SESSION and PEM_write_SSL_SESSION");
}

#endif

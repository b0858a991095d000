/*
 * Sessions: -sess_out saves the client's session to a PEM file, -sess_in resumes one,
 * and -reconnect keeps it in memory between connections.
 */
#include "features.h"
#include "tool.h"

#if HAVE_SESSIONS

#include <openssl/pem.h>

static SSL_SESSION *remembered;

int check_session_options(const struct options *opts)
{
    (void)opts;
    return 1;
}

SSL_SESSION *read_session(const char *path)
{
    FILE *in = path != NULL ? fopen(path, "r") : stdin;
    SSL_SESSION *session = in != NULL ? PEM_read_SSL_SESSION(in, NULL, NULL, NULL) : NULL;
    if (in != NULL && in != stdin)
        fclose(in);
    return session;
}

int load_session(SSL *ssl, const char *path)
{
    SSL_SESSION *session = read_session(path);
    int ok = session != NULL && SSL_set_session(ssl, session) == 1;
    if (!ok)
        print_errors("cannot resume the session in %s", path);
    SSL_SESSION_free(session);
    return ok;
}

int save_session(SSL *ssl, const char *path)
{
    SSL_SESSION *session = SSL_get1_session(ssl);
    FILE *out = session != NULL ? fopen(path, "w") : NULL;
    int ok = out != NULL && PEM_write_SSL_SESSION(out, session) == 1;
    if (out != NULL && fclose(out) != 0)
        ok = 0;
    if (!ok)
        print_errors("cannot save the session to %s", path);
    SSL_SESSION_free(session);
    return ok;
}

void remember_session(SSL *ssl)
{
    forget_session();
    remembered = SSL_get1_session(ssl);
}

int reuse_remembered_session(SSL *ssl)
{
    return remembered == NULL || SSL_set_session(ssl, remembered) == 1;
}

void forget_session(void)
{
    SSL_SESSION_free(remembered);
    remembered = NULL;
}

#else

static const char *const session_api =
    "SSL_get1_session, SSL_set_session, SSL_SESSION_free and PEM_read/write_SSL_SESSION";

int check_session_options(const struct options *opts)
{
    const char *option = opts->sess_in != NULL  ? "-sess_in" :
                         opts->sess_out != NULL ? "-sess_out" :
                         opts->reconnect        ? "-reconnect" : NULL;
    if (option == NULL)
        return 1;
    not_supported(option, session_api);
    return 0;
}

int load_session(SSL *ssl, const char *path)
{
    (void)ssl;
    (void)path;
    not_supported("-sess_in", session_api);
    return 0;
}

int save_session(SSL *ssl, const char *path)
{
    (void)ssl;
    (void)path;
    not_supported("-sess_out", session_api);
    return 0;
}

void remember_session(SSL *ssl)
{
    (void)ssl;
}

int reuse_remembered_session(SSL *ssl)
{
    (void)ssl;
    not_supported("-reconnect", session_api);
    return 0;
}

void forget_session(void)
{
}

#endif

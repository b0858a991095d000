/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Encrypted private keys, as servers load them: SSL_CTX_set_default_passwd_cb and its
 * userdata with SSL_CTX_use_PrivateKey_file, for a PKCS#8 key (PBES2, AES-256) and a key
 * in OpenSSL's older PEM encryption (AES-128); the right password, a wrong one, a
 * callback that gives none, the userdata alone as the password; PEM_read_PrivateKey
 * with a callback; and a handshake with the server key loaded so.
 */
#include "common.h"

#include <stdio.h>
#include <string.h>

/* What the password callback saw. */
struct password {
    const char *text; /* what it gives; NULL: nothing */
    int calls;
    int last_rwflag;
};

static int give_password(char *buf, int size, int rwflag, void *userdata)
{
    struct password *p = userdata;
    p->calls++;
    p->last_rwflag = rwflag;
    if (p->text == NULL)
        return 0;
    int len = (int)strlen(p->text);
    if (len > size)
        return -1;
    memcpy(buf, p->text, (size_t)len);
    return len;
}

/* Loads `key` into a new server context with `text` as the callback's password (or
 * `userdata_only` as the userdata with no callback); prints what happened. */
static SSL_CTX *load_case(const char *title, const char *key, const char *text,
                          const char *userdata_only, int expect_ok)
{
    struct password p = {text, 0, -1};
    SSL_CTX *ctx = new_server_ctx(NULL, NULL);
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_path(strstr(key, "rsa") ? "rsa-chain.pem"
                                                                             : "ecdsa-chain.pem")) != 1)
        die("cannot load the chain for %s", key);
    if (userdata_only != NULL) {
        SSL_CTX_set_default_passwd_cb_userdata(ctx, (void *)userdata_only);
    } else {
        SSL_CTX_set_default_passwd_cb(ctx, give_password);
        SSL_CTX_set_default_passwd_cb_userdata(ctx, &p);
        check(SSL_CTX_get_default_passwd_cb(ctx) == give_password,
              "%s: SSL_CTX_get_default_passwd_cb", title);
        check(SSL_CTX_get_default_passwd_cb_userdata(ctx) == &p,
              "%s: SSL_CTX_get_default_passwd_cb_userdata", title);
    }
    int ret = SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), SSL_FILETYPE_PEM);
    int queued = ERR_peek_error() != 0;
    ERR_clear_error();
    printf("== %s\n  SSL_CTX_use_PrivateKey_file: %d, error queued: %s\n", title, ret,
           queued ? "yes" : "no");
    if (userdata_only == NULL)
        printf("  callback calls: %d, rwflag: %d\n", p.calls, p.last_rwflag);
    check(ret == expect_ok, "%s: outcome", title);
    check(queued == !expect_ok, "%s: error entry", title);
    if (ret == 1)
        check(SSL_CTX_check_private_key(ctx) == 1, "%s: SSL_CTX_check_private_key", title);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
    if (ret != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *rsa = load_case("PKCS#8 key, right password", "encrypted/rsa.key", "secret", NULL, 1);
    SSL_CTX *ecdsa = load_case("older PEM encryption, right password", "encrypted/ecdsa.key",
                               "secret", NULL, 1);
    load_case("PKCS#8 key, wrong password", "encrypted/rsa.key", "wrong", NULL, 0);
    load_case("older PEM encryption, wrong password", "encrypted/ecdsa.key", "wrong", NULL, 0);
    load_case("callback gives no password", "encrypted/rsa.key", NULL, NULL, 0);
    SSL_CTX_free(load_case("userdata as the password", "encrypted/rsa.key", NULL, "secret", 1));
    SSL_CTX_free(load_case("unencrypted key: the callback is not called", "rsa.key", "secret",
                           NULL, 1));

    struct password p = {"secret", 0, -1};
    FILE *f = fopen(cert_path("encrypted/ecdsa.key"), "r");
    if (f == NULL)
        die("cannot open %s", cert_path("encrypted/ecdsa.key"));
    EVP_PKEY *pkey = PEM_read_PrivateKey(f, NULL, give_password, &p);
    fclose(f);
    printf("== PEM_read_PrivateKey with a callback\n  key: %s, callback calls: %d\n",
           pkey != NULL ? "read" : "none", p.calls);
    check(pkey != NULL && p.calls == 1, "PEM_read_PrivateKey");
    EVP_PKEY_free(pkey);
    ERR_clear_error();

    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *servers[] = {rsa, ecdsa};
    const char *titles[] = {"handshake with the PKCS#8 key", "handshake with the older PEM key"};
    for (int i = 0; i < 2; i++) {
        if (servers[i] == NULL)
            continue;
        struct side c, s;
        side_init(&c, "client", client_ctx);
        side_init(&s, "server", servers[i]);
        connect_sockets(&c, &s, 1);
        check(drive_handshake(&c, &s, NULL, NULL), "%s", titles[i]);
        note_session(&c);
        print_case(titles[i], &c, &s);
        side_free(&c);
        side_free(&s);
        SSL_CTX_free(servers[i]);
    }
    SSL_CTX_free(client_ctx);
    return test_status();
}

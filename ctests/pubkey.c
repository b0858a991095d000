/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Public keys: X509_get_X509_PUBKEY and i2d_X509_PUBKEY on the test PKI's certificates
 * of each key type, used as public key pinning uses them: the length first (out NULL),
 * then the encoding into the caller's buffer (the pointer moves past it) and into a
 * buffer the library allocates. The three must agree; the encoding is printed in hex.
 */
#include "common.h"

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const files[] = {"ca.pem", "rsa.pem", "rsa4096.pem", "ecdsa.pem",
                                    "ecdsa384.pem", "ed25519.pem", "selfsigned.pem"};

static void print_pubkey(const char *file)
{
    X509 *cert = read_cert(file);
    X509_PUBKEY *key = X509_get_X509_PUBKEY(cert);
    int len = i2d_X509_PUBKEY(key, NULL);
    if (!check(key != NULL && len > 0, "%s has a public key", file)) {
        X509_free(cert);
        return;
    }
    unsigned char *mine = malloc((size_t)len), *p = mine, *theirs = NULL;
    if (mine == NULL)
        die("out of memory");
    check(i2d_X509_PUBKEY(key, &p) == len && p == mine + len,
          "%s: written into the caller's buffer, the pointer advanced", file);
    check(i2d_X509_PUBKEY(key, &theirs) == len && theirs != NULL && memcmp(mine, theirs, len) == 0,
          "%s: the allocated copy is the same", file);
    printf("%s: %d bytes ", file, len);
    for (int i = 0; i < len; i++)
        printf("%02x", mine[i]);
    printf("\n");
    OPENSSL_free(theirs);
    free(mine);
    X509_free(cert);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        print_pubkey(files[i]);
    return test_status();
}

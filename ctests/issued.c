/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Issuers: X509_check_issued on every ordered pair of the test PKI's certificates
 * (roots, intermediates, leaves of each key type, self-signed ones and the certificates
 * of the chains OpenSSL's verifier rejects), and X509_get_signature_nid of each, with
 * the NID's short name.
 */
#include "common.h"

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdio.h>

#define MAX_CERTS 64

static const char *const files[] = {
    "ca.pem", "rsa-chain.pem", "ecdsa-chain.pem", "ecdsa384-chain.pem", "ed25519-chain.pem",
    "rsa4096-chain.pem", "client-chain.pem", "selfsigned.pem", "untrusted-chain.pem",
    "untrusted-ca.pem", "expired-chain.pem", "cases/badsig-chain.pem", "cases/cafalse-chain.pem",
    "cases/nameconstraints-chain.pem", "cases/nobasic-chain.pem", "cases/notyet-chain.pem",
    "cases/pathlen-chain.pem", "cases/selfclient.pem",
};

static X509 *certs[MAX_CERTS];
static char labels[MAX_CERTS][64];
static int count;

/* Reads every certificate of `file`, labelled "file#index". */
static void load(const char *file)
{
    FILE *fp = fopen(cert_path(file), "r");
    if (fp == NULL)
        die("cannot open %s", file);
    X509 *cert;
    for (int i = 0; count < MAX_CERTS && (cert = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL; i++) {
        snprintf(labels[count], sizeof labels[count], "%s#%d", file, i);
        certs[count++] = cert;
    }
    fclose(fp);
    ERR_clear_error(); /* the end of the file */
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        load(files[i]);
    check(count > 20, "the test PKI has its certificates");
    for (int i = 0; i < count; i++) {
        int nid = X509_get_signature_nid(certs[i]);
        const char *sn = OBJ_nid2sn(nid);
        printf("%s: signature nid %d (%s)\n", labels[i], nid, sn ? sn : "(null)");
    }
    for (int i = 0; i < count; i++)
        for (int j = 0; j < count; j++) {
            int verdict = X509_check_issued(certs[i], certs[j]);
            if (verdict != X509_V_ERR_SUBJECT_ISSUER_MISMATCH)
                printf("X509_check_issued(%s, %s) = %d\n", labels[i], labels[j], verdict);
        }
    for (int i = 0; i < count; i++)
        X509_free(certs[i]);
    return test_status();
}

/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Objects: OBJ_nid2sn, OBJ_nid2ln, OBJ_sn2nid, OBJ_ln2nid, OBJ_txt2nid and OBJ_obj2nid
 * on the objects TLS programs name (name attributes, key types, curves, digests,
 * signature algorithms, extensions and extended key usages), on text that names nothing
 * and on the attributes of the test PKI's certificate names. Also ERR_peek_error_data
 * and ERR_peek_last_error_data: they return the entry's code and leave it queued.
 */
#include "common.h"

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>

static const int nids[] = {
    NID_commonName, NID_countryName, NID_localityName, NID_stateOrProvinceName,
    NID_organizationName, NID_organizationalUnitName, NID_pkcs9_emailAddress,
    NID_domainComponent, NID_serialNumber, NID_rsaEncryption, NID_rsassaPss,
    NID_X9_62_id_ecPublicKey, NID_ED25519, NID_X25519, NID_X9_62_prime256v1, NID_secp384r1,
    NID_secp521r1, NID_sha1, NID_sha256, NID_sha384, NID_sha512, NID_md5,
    NID_sha1WithRSAEncryption, NID_sha256WithRSAEncryption, NID_sha384WithRSAEncryption,
    NID_sha512WithRSAEncryption, NID_ecdsa_with_SHA256, NID_ecdsa_with_SHA384,
    NID_ecdsa_with_SHA512, NID_subject_alt_name, NID_basic_constraints, NID_key_usage,
    NID_ext_key_usage, NID_subject_key_identifier, NID_authority_key_identifier,
    NID_crl_distribution_points, NID_info_access, NID_ad_OCSP, NID_ad_ca_issuers,
    NID_server_auth, NID_client_auth, NID_netscape_cert_type, NID_undef,
};

/* Text that names nothing, or that is not an object at all. */
static const char *const unknown_texts[] = {"", "nonsense", "cn", "2.5.4", "1.2.3.4.5", "2.5.x"};

static const char *text(const char *s) { return s ? s : "(null)"; }

static void print_nid(int nid)
{
    const char *sn = OBJ_nid2sn(nid), *ln = OBJ_nid2ln(nid);
    printf("nid %d: sn=%s ln=%s", nid, text(sn), text(ln));
    if (sn != NULL)
        printf(" sn2nid=%d txt2nid(sn)=%d", OBJ_sn2nid(sn), OBJ_txt2nid(sn));
    if (ln != NULL)
        printf(" ln2nid=%d txt2nid(ln)=%d", OBJ_ln2nid(ln), OBJ_txt2nid(ln));
    printf("\n");
}

static void print_name_objects(const char *file)
{
    X509 *cert = read_cert(file);
    const X509_NAME *names[] = {X509_get_subject_name(cert), X509_get_issuer_name(cert)};
    for (int n = 0; n < 2; n++) {
        for (int i = 0; i < X509_NAME_entry_count(names[n]); i++) {
            const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object(X509_NAME_get_entry(names[n], i));
            char dotted[80];
            OBJ_obj2txt(dotted, sizeof dotted, obj, 1);
            int nid = OBJ_obj2nid(obj);
            printf("%s %s entry %d: %s nid=%d txt2nid(dotted)=%d sn=%s\n", file,
                   n == 0 ? "subject" : "issuer", i, dotted, nid, OBJ_txt2nid(dotted),
                   text(OBJ_nid2sn(nid)));
        }
    }
    X509_free(cert);
}

static void check_peek_data(void)
{
    ERR_clear_error();
    check(OBJ_nid2sn(-5) == NULL, "OBJ_nid2sn(-5) is NULL");
    check(OBJ_nid2ln(99999) == NULL, "OBJ_nid2ln(99999) is NULL");
    check(ERR_peek_error() == 0, "an unknown NID is no error");
    BIO *junk = BIO_new_mem_buf("no certificate here", -1);
    check(PEM_read_bio_X509(junk, NULL, NULL, NULL) == NULL, "junk is no certificate");
    BIO_free(junk);
    unsigned long oldest = ERR_peek_error(), newest = ERR_peek_last_error();
    const char *data = NULL;
    int flags = -1;
    check(oldest != 0, "an error is queued");
    check(ERR_peek_error_data(&data, &flags) == oldest, "ERR_peek_error_data gives the oldest");
    check(data != NULL && (flags & ERR_TXT_STRING), "ERR_peek_error_data gives text");
    check(ERR_peek_last_error_data(NULL, NULL) == newest,
          "ERR_peek_last_error_data gives the newest");
    check(ERR_peek_error() == oldest, "the entries stay queued");
    ERR_clear_error();
    check(ERR_peek_error_data(&data, &flags) == 0, "an empty queue gives 0");
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    for (size_t i = 0; i < sizeof nids / sizeof nids[0]; i++)
        print_nid(nids[i]);
    for (size_t i = 0; i < sizeof unknown_texts / sizeof unknown_texts[0]; i++)
        printf("\"%s\": sn2nid=%d ln2nid=%d txt2nid=%d\n", unknown_texts[i],
               OBJ_sn2nid(unknown_texts[i]), OBJ_ln2nid(unknown_texts[i]),
               OBJ_txt2nid(unknown_texts[i]));
    print_name_objects("rsa.pem");
    print_name_objects("ecdsa384.pem");
    check_peek_data();
    ERR_clear_error();
    return test_status();
}

/*
 * libtls12 compatibility header: <openssl/x509.h>.
 * Certificates (X509), their names (X509_NAME) and the STACK_OF(X509) of a peer's chain.
 */
#ifndef TLS12_OPENSSL_X509_H
#define TLS12_OPENSSL_X509_H

#include "bio.h"
#include "safestack.h"
#include "x509_vfy.h"

#define X509_FILETYPE_PEM 1
#define X509_FILETYPE_ASN1 2
#define X509_FILETYPE_DEFAULT 3

#define X509_get_notBefore(x) ((ASN1_TIME *)X509_get0_notBefore(x))
#define X509_get_notAfter(x) ((ASN1_TIME *)X509_get0_notAfter(x))
#define X509_getm_notBefore(x) ((ASN1_TIME *)X509_get0_notBefore(x))
#define X509_getm_notAfter(x) ((ASN1_TIME *)X509_get0_notAfter(x))

#define ASN1_STRING_data(x) ((unsigned char *)ASN1_STRING_get0_data(x))

#define V_ASN1_UTF8STRING 12
#define V_ASN1_NUMERICSTRING 18
#define V_ASN1_PRINTABLESTRING 19
#define V_ASN1_T61STRING 20
#define V_ASN1_TELETEXSTRING 20
#define V_ASN1_IA5STRING 22
#define V_ASN1_VISIBLESTRING 26
#define V_ASN1_UNIVERSALSTRING 28
#define V_ASN1_BMPSTRING 30

/* X509_check_host, X509_check_ip (x509v3.h in OpenSSL) */
#define X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT 0x1
#define X509_CHECK_FLAG_NO_WILDCARDS 0x2
#define X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS 0x4
#define X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS 0x8
#define X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS 0x10
#define X509_CHECK_FLAG_NEVER_CHECK_SUBJECT 0x20

#define NID_undef 0
#define NID_commonName 13
#define NID_countryName 14
#define NID_localityName 15
#define NID_stateOrProvinceName 16
#define NID_organizationName 17
#define NID_organizationalUnitName 18
#define NID_pkcs9_emailAddress 48
#define NID_givenName 99
#define NID_surname 100
#define NID_initials 101
#define NID_serialNumber 105
#define NID_title 106
#define NID_name 173
#define NID_dnQualifier 174
#define NID_domainComponent 391
#define NID_userId 458
#define NID_generationQualifier 509
#define NID_pseudonym 510
#define NID_streetAddress 660
#define NID_postalCode 661
#define NID_businessCategory 860
#define NID_jurisdictionLocalityName 955
#define NID_jurisdictionStateOrProvinceName 956
#define NID_jurisdictionCountryName 957
#define NID_organizationIdentifier 1089

#define ASN1_STRFLGS_ESC_2253 1
#define ASN1_STRFLGS_ESC_CTRL 2
#define ASN1_STRFLGS_ESC_MSB 4
#define ASN1_STRFLGS_ESC_QUOTE 8
#define ASN1_STRFLGS_UTF8_CONVERT 0x10
#define ASN1_STRFLGS_DUMP_ALL 0x80
#define ASN1_STRFLGS_DUMP_UNKNOWN 0x100
#define ASN1_STRFLGS_DUMP_DER 0x200
#define ASN1_STRFLGS_RFC2253 \
    (ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB | \
     ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER)

#define XN_FLAG_SEP_MASK (0xf << 16)
#define XN_FLAG_COMPAT 0
#define XN_FLAG_SEP_COMMA_PLUS (1 << 16)
#define XN_FLAG_SEP_CPLUS_SPC (2 << 16)
#define XN_FLAG_SEP_SPLUS_SPC (3 << 16)
#define XN_FLAG_SEP_MULTILINE (4 << 16)
#define XN_FLAG_DN_REV (1 << 20)
#define XN_FLAG_FN_MASK (0x3 << 21)
#define XN_FLAG_FN_SN 0
#define XN_FLAG_FN_LN (1 << 21)
#define XN_FLAG_FN_OID (2 << 21)
#define XN_FLAG_FN_NONE (3 << 21)
#define XN_FLAG_SPC_EQ (1 << 23)
#define XN_FLAG_DUMP_UNKNOWN_FIELDS (1 << 24)
#define XN_FLAG_FN_ALIGN (1 << 25)
#define XN_FLAG_RFC2253 \
    (ASN1_STRFLGS_RFC2253 | XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_DN_REV | XN_FLAG_FN_SN | \
     XN_FLAG_DUMP_UNKNOWN_FIELDS)
#define XN_FLAG_ONELINE \
    (ASN1_STRFLGS_RFC2253 | ASN1_STRFLGS_ESC_QUOTE | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_SPC_EQ | \
     XN_FLAG_FN_SN)
#define XN_FLAG_MULTILINE \
    (ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB | XN_FLAG_SEP_MULTILINE | XN_FLAG_SPC_EQ | \
     XN_FLAG_FN_LN | XN_FLAG_FN_ALIGN)

#endif /* TLS12_OPENSSL_X509_H */

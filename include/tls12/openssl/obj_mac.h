/*
 * libtls12 compatibility header: <openssl/obj_mac.h>.
 * OpenSSL's NIDs (same values) of the objects this library knows: name attributes, key
 * types, curves, digests, signature algorithms, extensions and extended key usages.
 */
#ifndef TLS12_OPENSSL_OBJ_MAC_H
#define TLS12_OPENSSL_OBJ_MAC_H
#define NID_undef 0
#define NID_md5 4
#define NID_rsaEncryption 6
#define NID_X509 12
#define NID_commonName 13
#define NID_countryName 14
#define NID_localityName 15
#define NID_stateOrProvinceName 16
#define NID_organizationName 17
#define NID_organizationalUnitName 18
#define NID_pkcs9_emailAddress 48
#define NID_sha1 64
#define NID_sha1WithRSAEncryption 65
#define NID_netscape_cert_type 71
#define NID_subject_key_identifier 82
#define NID_key_usage 83
#define NID_subject_alt_name 85
#define NID_basic_constraints 87
#define NID_authority_key_identifier 90
#define NID_givenName 99
#define NID_surname 100
#define NID_initials 101
#define NID_crl_distribution_points 103
#define NID_serialNumber 105
#define NID_title 106
#define NID_ext_key_usage 126
#define NID_server_auth 129
#define NID_client_auth 130
#define NID_name 173
#define NID_dnQualifier 174
#define NID_info_access 177
#define NID_ad_OCSP 178
#define NID_ad_ca_issuers 179
#define NID_domainComponent 391
#define NID_X9_62_id_ecPublicKey 408
#define NID_X9_62_prime256v1 415
#define NID_userId 458
#define NID_generationQualifier 509
#define NID_pseudonym 510
#define NID_streetAddress 660
#define NID_postalCode 661
#define NID_sha256WithRSAEncryption 668
#define NID_sha384WithRSAEncryption 669
#define NID_sha512WithRSAEncryption 670
#define NID_sha256 672
#define NID_sha384 673
#define NID_sha512 674
#define NID_secp384r1 715
#define NID_secp521r1 716
#define NID_ecdsa_with_SHA256 794
#define NID_ecdsa_with_SHA384 795
#define NID_ecdsa_with_SHA512 796
#define NID_businessCategory 860
#define NID_rsassaPss 912
#define NID_jurisdictionLocalityName 955
#define NID_jurisdictionStateOrProvinceName 956
#define NID_jurisdictionCountryName 957
#define NID_X25519 1034
#define NID_ED25519 1087
#define NID_organizationIdentifier 1089
#endif /* TLS12_OPENSSL_OBJ_MAC_H */

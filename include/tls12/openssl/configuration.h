/*
 * libtls12 compatibility header: <openssl/configuration.h>.
 * What libtls12 leaves out, said with OpenSSL's own OPENSSL_NO_* macros, so that programs
 * compile it out as they do for an OpenSSL built without it. libtls12 speaks TLS 1.2 only
 * and has PSK, OCSP stapling, EC, DH, RSA, ALPN, SNI and session tickets.
 */
#ifndef TLS12_OPENSSL_CONFIGURATION_H
#define TLS12_OPENSSL_CONFIGURATION_H

/* The API level libtls12 offers: OpenSSL 3.0's. */
#define OPENSSL_CONFIGURED_API 30000
#define OPENSSL_THREADS

/* Protocols and their methods: TLS 1.2 alone, no datagrams, no QUIC. */
#define OPENSSL_NO_SSL2
#define OPENSSL_NO_SSL3
#define OPENSSL_NO_SSL3_METHOD
#define OPENSSL_NO_TLS1
#define OPENSSL_NO_TLS1_METHOD
#define OPENSSL_NO_TLS1_1
#define OPENSSL_NO_TLS1_1_METHOD
#define OPENSSL_NO_TLS1_3
#define OPENSSL_NO_DTLS
#define OPENSSL_NO_DTLS1
#define OPENSSL_NO_DTLS1_METHOD
#define OPENSSL_NO_DTLS1_2
#define OPENSSL_NO_DTLS1_2_METHOD
#define OPENSSL_NO_DGRAM
#define OPENSSL_NO_SCTP
#define OPENSSL_NO_QUIC
#define OPENSSL_NO_ECH

/* TLS features. */
#define OPENSSL_NO_COMP
#define OPENSSL_NO_CT
#define OPENSSL_NO_HEARTBEATS
#define OPENSSL_NO_KTLS
#define OPENSSL_NO_NEXTPROTONEG
#define OPENSSL_NO_SRP
#define OPENSSL_NO_SRTP
#define OPENSSL_NO_WEAK_SSL_CIPHERS
#define OPENSSL_NO_SSL_TRACE

/* Algorithms. */
#define OPENSSL_NO_ARIA
#define OPENSSL_NO_BF
#define OPENSSL_NO_CAMELLIA
#define OPENSSL_NO_CAST
#define OPENSSL_NO_DES
#define OPENSSL_NO_DSA
#define OPENSSL_NO_EC2M
#define OPENSSL_NO_GOST
#define OPENSSL_NO_IDEA
#define OPENSSL_NO_MD2
#define OPENSSL_NO_MD4
#define OPENSSL_NO_MDC2
#define OPENSSL_NO_RC2
#define OPENSSL_NO_RC4
#define OPENSSL_NO_RC5
#define OPENSSL_NO_RMD160
#define OPENSSL_NO_SEED
#define OPENSSL_NO_SM2
#define OPENSSL_NO_SM3
#define OPENSSL_NO_SM4
#define OPENSSL_NO_WHIRLPOOL

/* Facilities around the cryptography. */
#define OPENSSL_NO_ASYNC
#define OPENSSL_NO_CMP
#define OPENSSL_NO_CMS
#define OPENSSL_NO_CRMF
#define OPENSSL_NO_EGD
#define OPENSSL_NO_ENGINE
#define OPENSSL_NO_STATIC_ENGINE
#define OPENSSL_NO_TS
#define OPENSSL_NO_UI_CONSOLE

#endif /* TLS12_OPENSSL_CONFIGURATION_H */

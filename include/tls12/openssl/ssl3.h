/*
 * libtls12 compatibility header: <openssl/ssl3.h>.
 * SSL 3.0 era constants that TLS code still uses (alert numbers, version).
 */
#ifndef TLS12_OPENSSL_SSL3_H
#define TLS12_OPENSSL_SSL3_H

#define SSL3_VERSION 0x0300

#define SSL3_AL_WARNING 1
#define SSL3_AL_FATAL 2

#define SSL3_AD_CLOSE_NOTIFY 0
#define SSL3_AD_UNEXPECTED_MESSAGE 10
#define SSL3_AD_BAD_RECORD_MAC 20
#define SSL3_AD_DECOMPRESSION_FAILURE 30
#define SSL3_AD_HANDSHAKE_FAILURE 40
#define SSL3_AD_NO_CERTIFICATE 41
#define SSL3_AD_BAD_CERTIFICATE 42
#define SSL3_AD_UNSUPPORTED_CERTIFICATE 43
#define SSL3_AD_CERTIFICATE_REVOKED 44
#define SSL3_AD_CERTIFICATE_EXPIRED 45
#define SSL3_AD_CERTIFICATE_UNKNOWN 46
#define SSL3_AD_ILLEGAL_PARAMETER 47

#define SSL3_RT_CHANGE_CIPHER_SPEC 20
#define SSL3_RT_ALERT 21
#define SSL3_RT_HANDSHAKE 22
#define SSL3_RT_APPLICATION_DATA 23
/* Pseudo content types of the message callback (SSL_set_msg_callback): a record's
 * 5-byte header, and (TLS 1.3 only, never seen here) the inner content type. */
#define SSL3_RT_HEADER 0x100
#define SSL3_RT_INNER_CONTENT_TYPE 0x101

#define SSL3_RT_HEADER_LENGTH 5
#define SSL3_HM_HEADER_LENGTH 4

/* Handshake message types (the first byte of a handshake message). */
#define SSL3_MT_HELLO_REQUEST 0
#define SSL3_MT_CLIENT_HELLO 1
#define SSL3_MT_SERVER_HELLO 2
#define SSL3_MT_NEWSESSION_TICKET 4
#define SSL3_MT_END_OF_EARLY_DATA 5
#define SSL3_MT_ENCRYPTED_EXTENSIONS 8
#define SSL3_MT_CERTIFICATE 11
#define SSL3_MT_SERVER_KEY_EXCHANGE 12
#define SSL3_MT_CERTIFICATE_REQUEST 13
#define SSL3_MT_SERVER_DONE 14
#define SSL3_MT_CERTIFICATE_VERIFY 15
#define SSL3_MT_CLIENT_KEY_EXCHANGE 16
#define SSL3_MT_FINISHED 20
#define SSL3_MT_CERTIFICATE_URL 21
#define SSL3_MT_CERTIFICATE_STATUS 22
#define SSL3_MT_SUPPLEMENTAL_DATA 23
#define SSL3_MT_KEY_UPDATE 24
#define SSL3_MT_NEXT_PROTO 67
#define SSL3_MT_MESSAGE_HASH 254
/* Not a handshake message: what OpenSSL's state machine calls a ChangeCipherSpec. */
#define SSL3_MT_CHANGE_CIPHER_SPEC 0x0101
/* The one byte of a ChangeCipherSpec message. */
#define SSL3_MT_CCS 1

#endif /* TLS12_OPENSSL_SSL3_H */

/*
 * libtls12: TLS 1.2 in Rust with an OpenSSL-style C API.
 *
 * Every function is declared under its exported name, tls12_ + OpenSSL's name.
 * To compile code written for OpenSSL unchanged, add -I include/tls12 and include
 * <openssl/ssl.h> (and friends): those compatibility headers map OpenSSL's names,
 * constants and macros onto these declarations.
 */

#ifndef TLS12_TLS12_H
#define TLS12_TLS12_H

/* Generated from the Rust sources by cbindgen (scripts/gen-header.sh). Do not edit. */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/**
 * An `ASN1_INTEGER`: the certificate's serial number, owned by the `X509`.
 */
typedef struct ASN1_INTEGER ASN1_INTEGER;

/**
 * An `ASN1_OBJECT`: an OID (DER content bytes), owned by what it came from.
 */
typedef struct ASN1_OBJECT ASN1_OBJECT;

/**
 * An `ASN1_STRING`: an attribute's value as encoded, with its string type (the DER
 * tag, OpenSSL's `V_ASN1_*` value), owned by the `X509_NAME_ENTRY`.
 */
typedef struct ASN1_STRING ASN1_STRING;

/**
 * An `ASN1_TIME`: one end of a certificate's validity, owned by the `X509`.
 */
typedef struct ASN1_TIME ASN1_TIME;

/**
 * A `BIO`: a reference-counted byte pipe. C sees it only through pointers.
 */
typedef struct BIO BIO;

/**
 * A `BIO_ADDR`: one socket address.
 */
typedef struct BIO_ADDR BIO_ADDR;

/**
 * A `BIO_ADDRINFO`: one entry of the list `BIO_lookup_ex` gives, owning the rest.
 */
typedef struct BIO_ADDRINFO BIO_ADDRINFO;

/**
 * A `BIO_METHOD`: which kind of BIO `BIO_new` makes.
 */
typedef struct BIO_METHOD BIO_METHOD;

/**
 * `STACK_OF(SSL_CIPHER)`: cipher suites (static objects), as `SSL_get_ciphers`
 * returns them.
 */
typedef struct stack_st_SSL_CIPHER stack_st_SSL_CIPHER;

/**
 * `DH`: a prime and generator for DHE, as read by `PEM_read_DHparams`. Free it with
 * `DH_free`.
 */
typedef struct DH DH;

/**
 * `EVP_CIPHER`: a cipher. Never freed (static).
 */
typedef struct EVP_CIPHER EVP_CIPHER;

/**
 * `EVP_CIPHER_CTX`: a cipher operation in progress. Free it with
 * `EVP_CIPHER_CTX_free`.
 */
typedef struct EVP_CIPHER_CTX EVP_CIPHER_CTX;

/**
 * `EVP_MD`: a digest algorithm. Never freed (static).
 */
typedef struct EVP_MD EVP_MD;

/**
 * `EVP_MD_CTX`: a digest in progress. Free it with `EVP_MD_CTX_free`.
 */
typedef struct EVP_MD_CTX EVP_MD_CTX;

/**
 * `EVP_PKEY`: an RSA or ECDSA private key. Free it with `EVP_PKEY_free`.
 */
typedef struct EVP_PKEY EVP_PKEY;

/**
 * `HMAC_CTX`: an HMAC in progress. Free it with `HMAC_CTX_free`.
 */
typedef struct HMAC_CTX HMAC_CTX;

/**
 * `OPENSSL_STACK`: the elements, and for a stack the library owns, how to free them
 * when the stack goes.
 */
typedef struct stack_st stack_st;

/**
 * `SSL`: one TLS connection. C sees it only through pointers.
 */
typedef struct SSL SSL;

/**
 * `SSL_CIPHER`: a cipher suite. The objects are static; never free them.
 */
typedef struct SSL_CIPHER SSL_CIPHER;

/**
 * `SSL_CTX`: settings and callbacks shared by the connections made from it.
 */
typedef struct SSL_CTX SSL_CTX;

/**
 * `SSL_METHOD`: which end the connections made with it play. TLS 1.2 is the only
 * protocol, so the version-flexible and the TLS 1.2 methods are the same objects.
 */
typedef struct SSL_METHOD SSL_METHOD;

/**
 * `SSL_SESSION`: one session, shared by reference count (`SSL_SESSION_up_ref`,
 * `SSL_SESSION_free`). C sees it only through pointers.
 */
typedef struct SSL_SESSION SSL_SESSION;

/**
 * A certificate: its DER encoding and what [`Certificate`] reads from it.
 */
typedef struct X509 X509;

/**
 * A distinguished name: owned by the `X509` it came from, or on its own (from
 * `X509_NAME_dup` or a stack of names) and freed with `X509_NAME_free`.
 */
typedef struct X509_NAME X509_NAME;

/**
 * An `X509_NAME_ENTRY`: one attribute of a name, owned by the `X509_NAME`.
 */
typedef struct X509_NAME_ENTRY X509_NAME_ENTRY;

/**
 * `STACK_OF(X509_NAME)`: distinguished names, as the client CA list functions
 * take and return them.
 */
typedef struct stack_st_X509_NAME stack_st_X509_NAME;

/**
 * An `X509_PUBKEY`: a certificate's subjectPublicKeyInfo (DER), owned by the `X509`.
 */
typedef struct X509_PUBKEY X509_PUBKEY;

/**
 * `STACK_OF(X509)`: certificates, as `SSL_get_peer_cert_chain` returns them.
 */
typedef struct stack_st_X509 stack_st_X509;

/**
 * `X509_STORE`: the trust store of an `SSL_CTX`: certificates added to it become
 * trusted, flags set on it are added to every connection's.
 */
typedef struct X509_STORE X509_STORE;

/**
 * The `X509_STORE_CTX` a verify callback receives: the connection, the verification
 * result so far, and the certificate it is about. Made by the SSL layer for the
 * duration of the callback.
 */
typedef struct X509_STORE_CTX X509_STORE_CTX;

/**
 * `X509_VERIFY_PARAM`: the verification flags and depth of an `SSL_CTX` or an `SSL`.
 */
typedef struct X509_VERIFY_PARAM X509_VERIFY_PARAM;

/**
 * `BIO_info_cb`: `int cb(BIO *, int state, int res)`.
 */
typedef int (*BioInfoCb)(struct BIO*, int, int);

/**
 * A method's callback control function: `long callback_ctrl(BIO *, int cmd, BIO_info_cb *fp)`.
 */
typedef long (*BioCallbackCtrlFn)(struct BIO*, int, BioInfoCb);

/**
 * A method's create or destroy function: `int create(BIO *)`.
 */
typedef int (*BioLifeFn)(struct BIO*);

/**
 * A method's control function: `long ctrl(BIO *, int cmd, long larg, void *parg)`.
 */
typedef long (*BioCtrlFn)(struct BIO*, int, long, void*);

/**
 * A method's gets function: `int gets(BIO *, char *buf, int size)`.
 */
typedef int (*BioGetsFn)(struct BIO*, char*, int);

/**
 * A method's puts function: `int puts(BIO *, const char *text)`.
 */
typedef int (*BioPutsFn)(struct BIO*, const char*);

/**
 * A method's read function: `int read(BIO *, char *buf, int len)`.
 */
typedef int (*BioReadFn)(struct BIO*, char*, int);

/**
 * A method's `_ex` read function: `int read_ex(BIO *, char *, size_t, size_t *readbytes)`.
 */
typedef int (*BioReadExFn)(struct BIO*, char*, size_t, size_t*);

/**
 * A method's write function: `int write(BIO *, const char *data, int len)`.
 */
typedef int (*BioWriteFn)(struct BIO*, const char*, int);

/**
 * A method's `_ex` write function: `int write_ex(BIO *, const char *, size_t, size_t *written)`.
 */
typedef int (*BioWriteExFn)(struct BIO*, const char*, size_t, size_t*);

/**
 * The callback `ERR_print_errors_cb` calls for each line: the text, its length and
 * the caller's `u`; a return value of 0 or less stops the printing.
 */
typedef int (*tls12_err_print_cb)(const char *str, size_t len, void *u);

/**
 *`MD5_CTX`: an MD5 hash in progress.
 * The running hash lives inside; copy it by assignment, never use it before
 * the init function.
 */
typedef struct MD5_CTX {
    uint64_t tls12_state[32];
} MD5_CTX;

/**
 * `OPENSSL_sk_freefunc`: frees one element (`X509_free`, `X509_NAME_free` ...).
 */
typedef void (*tls12_sk_freefunc)(void *ptr);

/**
 * OpenSSL's `pem_password_cb`: `int cb(char *buf, int size, int rwflag, void *u)`
 * writes the password into `buf` (at most `size` bytes) and returns its length, or 0 or
 * less for none. Only private keys are ever encrypted, so only key reads call it.
 */
typedef int (*tls12_pem_password_cb)(char *buf, int size, int rwflag, void *u);

/**
 *`SHA_CTX`: a SHA-1 hash in progress.
 * The running hash lives inside; copy it by assignment, never use it before
 * the init function.
 */
typedef struct SHA_CTX {
    uint64_t tls12_state[32];
} SHA_CTX;

/**
 *`SHA256_CTX`: a SHA-224 or SHA-256 hash in progress.
 * The running hash lives inside; copy it by assignment, never use it before
 * the init function.
 */
typedef struct SHA256_CTX {
    uint64_t tls12_state[32];
} SHA256_CTX;

/**
 *`SHA512_CTX`: a SHA-384 or SHA-512 hash in progress.
 * The running hash lives inside; copy it by assignment, never use it before
 * the init function.
 */
typedef struct SHA512_CTX {
    uint64_t tls12_state[32];
} SHA512_CTX;

/**
 * The client certificate callback: called when the server asks for a certificate and
 * none configured fits. Returning 1 with `*x509` and `*pkey` set sends that
 * certificate (the library takes over both references); 0 sends none. A negative
 * value (OpenSSL's "retry later") is not supported and also sends none.
 */
typedef int (*tls12_client_cert_cb)(struct SSL *ssl, struct X509 **x509, struct EVP_PKEY **pkey);

/**
 * The constructor, duplicator and destructor callbacks of `*_get_ex_new_index`. They
 * are accepted for source compatibility and not called.
 */
typedef void (*tls12_ex_data_cb)(void);

/**
 * The callback of `SSL_CTX_set_info_callback` / `SSL_set_info_callback`: called with
 * `where_` (`SSL_CB_*` bits) and `ret` as the handshake moves on (see
 * `capi::ssl::trace`).
 */
typedef void (*tls12_info_cb)(const struct SSL *ssl, int where_, int ret);

/**
 * The key-log callback: gets the connection and one NUL-terminated line (without a
 * newline), valid during the call.
 */
typedef void (*tls12_keylog_cb)(const struct SSL *ssl, const char *line);

/**
 * The status callback of `SSL_CTX_set_tlsext_status_cb`, called with the argument of
 * `SSL_CTX_set_tlsext_status_arg`. On a server (when a client asks and a certificate
 * is sent) it sets the response with `SSL_set_tlsext_status_ocsp_resp` and returns
 * `SSL_TLSEXT_ERR_OK` (0) to staple it, `SSL_TLSEXT_ERR_NOACK` (3) to staple nothing,
 * or `SSL_TLSEXT_ERR_ALERT_FATAL` (2) to abort with `internal_error`. On a client
 * that asked, it reads the response with `SSL_get_tlsext_status_ocsp_resp` (after the
 * server's Certificate) and returns 1 to go on, 0 to abort with
 * `bad_certificate_status_response`, or a negative value for an internal error.
 */
typedef int (*tls12_status_cb)(struct SSL *ssl, void *arg);

/**
 * The certificate-verification callback of `SSL_CTX_set_verify` / `SSL_set_verify`:
 * called for each certificate of the peer's chain, from the top down to the leaf
 * (depth 0), with `preverify_ok` 1 unless that certificate failed. Its return value
 * decides: 0 aborts the handshake (under `SSL_VERIFY_PEER`), 1 goes on.
 */
typedef int (*tls12_verify_cb)(int preverify_ok, struct X509_STORE_CTX *x509_ctx);

/**
 * The callback of `SSL_CTX_sess_set_get_cb`: a server looks for the session with ID
 * `data` (`len` bytes) that its internal cache does not have. It returns the session
 * or NULL. `*copy` is 1 on entry: left at 1 the callback keeps its reference to the
 * session returned (the library copies it); set to 0 it hands that reference over.
 */
typedef struct SSL_SESSION *(*tls12_get_session_cb)(struct SSL *ssl,
                                                    const unsigned char *data,
                                                    int len,
                                                    int *copy);

/**
 * The callback of `SSL_CTX_sess_set_new_cb`: a handshake made a new session (a server
 * with `SSL_SESS_CACHE_SERVER`, a client with `SSL_SESS_CACHE_CLIENT`). It gets a
 * reference to `sess`: returning 1 keeps it (release it later with
 * `SSL_SESSION_free`), returning 0 lets the library drop it.
 */
typedef int (*tls12_new_session_cb)(struct SSL *ssl, struct SSL_SESSION *sess);

/**
 * The callback of `SSL_CTX_sess_set_remove_cb`: `sess` left the internal cache
 * (expired, evicted, flushed or removed). The session is borrowed for the call
 * (`SSL_SESSION_up_ref` keeps it).
 */
typedef void (*tls12_remove_session_cb)(struct SSL_CTX *ctx, struct SSL_SESSION *sess);

/**
 * The callback `SSL_CTX_set_alpn_select_cb` installs: called on a server with the
 * client's protocol list (wire format) in `input`; it points `out`/`outlen` at the
 * chosen protocol and returns `SSL_TLSEXT_ERR_OK`, or `SSL_TLSEXT_ERR_NOACK` to go on
 * without ALPN, or `SSL_TLSEXT_ERR_ALERT_FATAL` to abort.
 */
typedef int (*tls12_alpn_select_cb)(struct SSL *ssl,
                                    const unsigned char **out,
                                    unsigned char *outlen,
                                    const unsigned char *input,
                                    unsigned int inlen,
                                    void *arg);

/**
 * The callback of `SSL_CTX_set_msg_callback` / `SSL_set_msg_callback`: called for
 * every record header, handshake message, alert and ChangeCipherSpec sent
 * (`write_p` 1) or received, with `content_type` `SSL3_RT_*` (`SSL3_RT_HEADER` for a
 * record header) and the bytes, valid during the call.
 */
typedef void (*tls12_msg_cb)(int write_p,
                             int version,
                             int content_type,
                             const void *buf,
                             size_t len,
                             struct SSL *ssl,
                             void *arg);

/**
 * The client callback (`SSL_psk_client_cb_func`): given the server's identity hint
 * (NULL if it sent none), it writes a NUL-terminated identity of at most
 * `max_identity_len` bytes into `identity` and the key into `psk` (room for
 * `max_psk_len` bytes), and returns the key's length; 0 fails the handshake.
 */
typedef unsigned int (*tls12_psk_client_cb)(struct SSL *ssl,
                                            const char *hint,
                                            char *identity,
                                            unsigned int max_identity_len,
                                            unsigned char *psk,
                                            unsigned int max_psk_len);

/**
 * The server callback (`SSL_psk_server_cb_func`): given the identity the client
 * named, it writes that identity's key into `psk` (room for `max_psk_len` bytes) and
 * returns its length; 0 means the identity is unknown (`unknown_psk_identity`).
 */
typedef unsigned int (*tls12_psk_server_cb)(struct SSL *ssl,
                                            const char *identity,
                                            unsigned char *psk,
                                            unsigned int max_psk_len);

/**
 * The callback of `tls12_SSL_CTX_set_ticket_key_cb` (libtls12's counterpart of
 * `SSL_CTX_set_tlsext_ticket_key_evp_cb`): it chooses the key a server seals a ticket
 * with and finds the key that opens one, so that several servers share keys and rotate
 * them. `key` is 48 bytes in the layout of `SSL_CTX_set_tlsext_ticket_keys`: the key
 * name (which must equal `key_name`), then 32 secret bytes (OpenSSL's HMAC secret and
 * AES key; libtls12 derives its AES-256-GCM key from them).
 *
 * - `enc` = 1, sealing a new ticket: the callback writes the name to `key_name` and the
 *   48 bytes to `key`, and returns 1, or 0 to issue no ticket, or -1 to fail the
 *   handshake.
 * - `enc` = 0, opening a ticket: `key_name` holds the name the ticket carries; the
 *   callback writes that key's 48 bytes to `key` and returns 1 (use it), 2 (use it and
 *   issue a fresh ticket, for a key being retired), 0 (unknown key: a full handshake),
 *   or -1 (fail the handshake).
 *
 * A failure fails the handshake with an `internal_error` alert and an error entry. The
 * buffers are the library's, valid for the call; `key` is wiped after it.
 */
typedef int (*tls12_ticket_key_cb)(struct SSL *ssl,
                                   unsigned char *key_name,
                                   unsigned char *key,
                                   int enc,
                                   void *arg);

/**
 * The callback `SSL_CTX_set_tlsext_servername_callback` installs: called on a server
 * with the connection, a place for the alert to send and the argument given with
 * `SSL_CTX_set_tlsext_servername_arg`. It returns `SSL_TLSEXT_ERR_OK` (0),
 * `SSL_TLSEXT_ERR_ALERT_WARNING` (1), `SSL_TLSEXT_ERR_ALERT_FATAL` (2) or
 * `SSL_TLSEXT_ERR_NOACK` (3).
 */
typedef int (*tls12_servername_cb)(struct SSL *ssl, int *al, void *arg);

/**
 * The application's read callback for `tls12_SSL_set_io_callbacks`:
 * `int read_cb(void *user_data, unsigned char *buf, int len)`.
 *
 * Store up to `len` bytes in `buf` and return how many (at least 1); return 0 at the
 * end of the stream; return -1 with `errno` set to `EAGAIN` or `EWOULDBLOCK` (or
 * `EINTR`) when no data is available yet ("would block": `SSL_get_error` then says
 * `SSL_ERROR_WANT_READ`), or -1 with any other `errno` for an error.
 */
typedef int (*tls12_read_cb)(void *user_data, unsigned char *buf, int len);

/**
 * The application's write callback for `tls12_SSL_set_io_callbacks`:
 * `int write_cb(void *user_data, const unsigned char *buf, int len)`.
 *
 * Send up to `len` bytes from `buf` and return how many (at least 1); return -1 with
 * `errno` set to `EAGAIN` or `EWOULDBLOCK` (or `EINTR`) when nothing can be sent yet
 * ("would block": `SSL_ERROR_WANT_WRITE`), or -1 with any other `errno` for an error
 * (0 is also taken as an error: the peer cannot be reached).
 */
typedef int (*tls12_write_cb)(void *user_data, const unsigned char *buf, int len);

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * `ASN1_INTEGER_get`: the value as a `long`; -1 when it does not fit, 0 for NULL.
 *
 * # Safety
 * `a` is NULL or a live `ASN1_INTEGER`.
 */
long tls12_ASN1_INTEGER_get(const struct ASN1_INTEGER *a);

/**
 * `ASN1_STRING_get0_data`: the string's bytes as encoded (followed by a NUL that is
 * not counted by `ASN1_STRING_length`), or NULL.
 *
 * # Safety
 * `x` is NULL or a live `ASN1_STRING`.
 */
const unsigned char *tls12_ASN1_STRING_get0_data(const struct ASN1_STRING *x);

/**
 * `ASN1_STRING_length`: the number of bytes in the string (0 for NULL).
 *
 * # Safety
 * `x` is NULL or a live `ASN1_STRING`.
 */
int tls12_ASN1_STRING_length(const struct ASN1_STRING *x);

/**
 * `ASN1_STRING_to_UTF8`: the string converted to UTF-8 in a new NUL-terminated buffer
 * stored in `*out` (free it with `OPENSSL_free`). Returns its length, or -1.
 *
 * # Safety
 * `out` is NULL or valid for one pointer write; `in_` is NULL or a live `ASN1_STRING`.
 */
int tls12_ASN1_STRING_to_UTF8(unsigned char **out, const struct ASN1_STRING *in_);

/**
 * `ASN1_STRING_type`: the string type (`V_ASN1_UTF8STRING` 12, `V_ASN1_PRINTABLESTRING`
 * 19, `V_ASN1_IA5STRING` 22, `V_ASN1_BMPSTRING` 30 ...), or 0 for NULL.
 *
 * # Safety
 * `x` is NULL or a live `ASN1_STRING`.
 */
int tls12_ASN1_STRING_type(const struct ASN1_STRING *x);

/**
 * `ASN1_TIME_print`: writes the time to `bp` as OpenSSL does: `Nov  2 13:00:19 2026 GMT`.
 * Returns 1, or 0 on failure.
 *
 * # Safety
 * `bp` is NULL or a live BIO; `tm` is NULL or a live `ASN1_TIME`.
 */
int tls12_ASN1_TIME_print(struct BIO *bp, const struct ASN1_TIME *tm);

/**
 * `BIO_ADDRINFO_address`: the entry's address, owned by the list.
 *
 * # Safety
 * `bai` is NULL or an entry of a list that is not yet freed.
 */
const struct BIO_ADDR *tls12_BIO_ADDRINFO_address(const struct BIO_ADDRINFO *bai);

/**
 * `BIO_ADDRINFO_family`: `AF_INET` or `AF_INET6` (0 for NULL).
 *
 * # Safety
 * `bai` is NULL or an entry of a list that is not yet freed.
 */
int tls12_BIO_ADDRINFO_family(const struct BIO_ADDRINFO *bai);

/**
 * `BIO_ADDRINFO_free`: frees the list that starts at `bai` (NULL is ignored).
 *
 * # Safety
 * `bai` is NULL or the first entry of a list from `BIO_lookup_ex`, not used after.
 */
void tls12_BIO_ADDRINFO_free(struct BIO_ADDRINFO *bai);

/**
 * `BIO_ADDRINFO_next`: the entry after `bai`, or NULL at the end of the list.
 *
 * # Safety
 * `bai` is NULL or an entry of a list that is not yet freed.
 */
const struct BIO_ADDRINFO *tls12_BIO_ADDRINFO_next(const struct BIO_ADDRINFO *bai);

/**
 * `BIO_ADDRINFO_protocol`: the protocol (`IPPROTO_TCP` for a stream socket asked
 * for with protocol 0).
 *
 * # Safety
 * `bai` is NULL or an entry of a list that is not yet freed.
 */
int tls12_BIO_ADDRINFO_protocol(const struct BIO_ADDRINFO *bai);

/**
 * `BIO_ADDRINFO_socktype`: the socket type asked for (`SOCK_STREAM` ...).
 *
 * # Safety
 * `bai` is NULL or an entry of a list that is not yet freed.
 */
int tls12_BIO_ADDRINFO_socktype(const struct BIO_ADDRINFO *bai);

/**
 * `BIO_callback_ctrl`: passes a callback to a user-defined BIO's callback control
 * function. Returns what it returns, or -2 when the BIO has none.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
long tls12_BIO_callback_ctrl(struct BIO *b, int cmd, BioInfoCb fp);

/**
 * `BIO_clear_flags`: clears `flags` on `b`.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
void tls12_BIO_clear_flags(struct BIO *b, int flags);

/**
 * `BIO_closesocket`: closes `sock`. Returns 1, or 0 with a system error entry.
 */
int tls12_BIO_closesocket(int sock);

/**
 * `BIO_connect`: connects `sock` to `addr` after applying `options`
 * (`BIO_SOCK_KEEPALIVE`, `BIO_SOCK_NONBLOCK`, `BIO_SOCK_NODELAY`). Returns 1, or 0: with
 * a system error entry, except for a non-blocking connect still in progress
 * (`BIO_sock_should_retry`).
 *
 * # Safety
 * `addr` is NULL or an address from `BIO_ADDRINFO_address` that is still alive.
 */
int tls12_BIO_connect(int sock, const struct BIO_ADDR *addr, int options);

/**
 * `BIO_ctrl`: the control commands the `BIO_*` macros use: `BIO_CTRL_RESET`,
 * `BIO_CTRL_EOF`, `BIO_CTRL_INFO` (`BIO_get_mem_data`), `BIO_CTRL_GET_CLOSE`,
 * `BIO_CTRL_SET_CLOSE`, `BIO_CTRL_PENDING`, `BIO_CTRL_WPENDING`, `BIO_CTRL_FLUSH`,
 * `BIO_C_SET_BUF_MEM_EOF_RETURN`, `BIO_C_SET_FD`, `BIO_C_GET_FD`, `BIO_C_SET_NBIO`
 * and the pair commands (`BIO_C_GET_WRITE_GUARANTEE`, `BIO_C_GET_READ_REQUEST`,
 * `BIO_C_RESET_READ_REQUEST`, `BIO_C_SHUTDOWN_WR`, `BIO_C_GET_WRITE_BUF_SIZE`).
 * Anything else returns 0.
 *
 * # Safety
 * `b` is NULL or a live BIO; `parg` is what the command expects (see OpenSSL).
 */
long tls12_BIO_ctrl(struct BIO *b, int cmd, long larg, void *parg);

/**
 * `BIO_ctrl_get_read_request`: how many bytes the other half of the pair last
 * wanted to read and could not (at most its buffer size; 0 once something was
 * written to this half).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
size_t tls12_BIO_ctrl_get_read_request(struct BIO *b);

/**
 * `BIO_ctrl_get_write_guarantee`: how many bytes a write to this pair half can
 * take now.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
size_t tls12_BIO_ctrl_get_write_guarantee(struct BIO *b);

/**
 * `BIO_ctrl_pending`: bytes buffered for reading.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
size_t tls12_BIO_ctrl_pending(struct BIO *b);

/**
 * `BIO_ctrl_reset_read_request`: sets what `BIO_ctrl_get_read_request` reports for this
 * pair half back to 0. Returns 1, or 0 for other BIOs.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
int tls12_BIO_ctrl_reset_read_request(struct BIO *b);

/**
 * `BIO_ctrl_wpending`: bytes written and not yet taken by the other end.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
size_t tls12_BIO_ctrl_wpending(struct BIO *b);

/**
 * `BIO_f_ssl`: the method of SSL BIOs (give it its connection with `BIO_set_ssl`).
 */
const struct BIO_METHOD *tls12_BIO_f_ssl(void);

/**
 * `BIO_free`: drops a reference; the last one frees the BIO (closing its descriptor
 * if it was made with `BIO_CLOSE`). Returns 1, or 0 for NULL.
 *
 * # Safety
 * `b` is NULL or a live BIO whose reference the caller gives up.
 */
int tls12_BIO_free(struct BIO *b);

/**
 * `BIO_free_all`: frees each BIO of the chain that starts at `b` (`BIO_push`), stopping
 * after one that still has other references.
 *
 * # Safety
 * As for `BIO_free`, for each BIO of the chain.
 */
void tls12_BIO_free_all(struct BIO *b);

/**
 * `BIO_set_data` / `BIO_get_data`: the application's pointer kept in the BIO (for
 * its method's functions), NULL at first.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
void *tls12_BIO_get_data(const struct BIO *b);

/**
 * `BIO_set_init` / `BIO_get_init`: whether the BIO is ready for I/O (a user-defined
 * BIO's create function sets it; reads and writes fail until then).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
int tls12_BIO_get_init(const struct BIO *b);

/**
 * `BIO_get_new_index`: a new type number for an application's method (combine it
 * with `BIO_TYPE_SOURCE_SINK` or `BIO_TYPE_FILTER`), or -1 when none is left.
 */
int tls12_BIO_get_new_index(void);

/**
 * `BIO_set_shutdown` / `BIO_get_shutdown`: whether freeing the BIO also closes what
 * it wraps (`BIO_CLOSE` 1, `BIO_NOCLOSE` 0).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
int tls12_BIO_get_shutdown(const struct BIO *b);

/**
 * `BIO_gets`: reads one line, through the newline, storing at most `size - 1` bytes
 * and a NUL. Returns the length, 0 when there is nothing to read, or -1.
 *
 * # Safety
 * `b` is NULL or a live BIO; `buf` has `size` writable bytes.
 */
int tls12_BIO_gets(struct BIO *b, char *buf, int size);

/**
 * `BIO_int_ctrl`: `BIO_ctrl` with a pointer to `iarg` (how `BIO_set_fd` passes the
 * descriptor).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
long tls12_BIO_int_ctrl(struct BIO *b, int cmd, long larg, int iarg);

/**
 * `BIO_lookup`: `BIO_lookup_ex` with any protocol.
 *
 * # Safety
 * As for `BIO_lookup_ex`.
 */
int tls12_BIO_lookup(const char *host,
                     const char *service,
                     int lookup_type,
                     int family,
                     int socktype,
                     struct BIO_ADDRINFO **res);

/**
 * `BIO_lookup_ex`: resolves `host` and `service` (either may be NULL) for a client
 * (`BIO_LOOKUP_CLIENT`) or a server (`BIO_LOOKUP_SERVER`), limited to `family`
 * (`AF_INET`, `AF_INET6` or `AF_UNSPEC`), and stores the list in `*res` (free it with
 * `BIO_ADDRINFO_free`). Returns 1, or 0 with an error entry.
 *
 * # Safety
 * `host` and `service` are NULL or NUL-terminated strings; `res` is valid for a write.
 */
int tls12_BIO_lookup_ex(const char *host,
                        const char *service,
                        int lookup_type,
                        int family,
                        int socktype,
                        int protocol,
                        struct BIO_ADDRINFO **res);

/**
 * `BIO_meth_free`: frees a method from `BIO_meth_new` (NULL is ignored).
 *
 * # Safety
 * `biom` is NULL or a method from `BIO_meth_new` that no live BIO uses.
 */
void tls12_BIO_meth_free(struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_callback_ctrl`: the method's callback_ctrl function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioCallbackCtrlFn tls12_BIO_meth_get_callback_ctrl(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_create`: the method's create function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioLifeFn tls12_BIO_meth_get_create(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_ctrl`: the method's ctrl function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioCtrlFn tls12_BIO_meth_get_ctrl(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_destroy`: the method's destroy function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioLifeFn tls12_BIO_meth_get_destroy(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_gets`: the method's gets function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioGetsFn tls12_BIO_meth_get_gets(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_puts`: the method's puts function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioPutsFn tls12_BIO_meth_get_puts(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_read`: the method's read function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioReadFn tls12_BIO_meth_get_read(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_read_ex`: the method's read_ex function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioReadExFn tls12_BIO_meth_get_read_ex(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_write`: the method's write function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioWriteFn tls12_BIO_meth_get_write(const struct BIO_METHOD *biom);

/**
 *`BIO_meth_get_write_ex`: the method's write_ex function, or NULL (also for the library's own methods).
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
BioWriteExFn tls12_BIO_meth_get_write_ex(const struct BIO_METHOD *biom);

/**
 * `BIO_meth_new`: a new method with no functions, of type `type_` and called `name`
 * (copied). Free it with `BIO_meth_free` once no BIO uses it.
 *
 * # Safety
 * `name` is NULL or a NUL-terminated string.
 */
struct BIO_METHOD *tls12_BIO_meth_new(int type_, const char *name);

/**
 *`BIO_meth_set_callback_ctrl`: sets the method's callback_ctrl function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_callback_ctrl(struct BIO_METHOD *biom,
                                     BioCallbackCtrlFn f);

/**
 *`BIO_meth_set_create`: sets the method's create function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_create(struct BIO_METHOD *biom,
                              BioLifeFn f);

/**
 *`BIO_meth_set_ctrl`: sets the method's ctrl function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_ctrl(struct BIO_METHOD *biom,
                            BioCtrlFn f);

/**
 *`BIO_meth_set_destroy`: sets the method's destroy function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_destroy(struct BIO_METHOD *biom,
                               BioLifeFn f);

/**
 *`BIO_meth_set_gets`: sets the method's gets function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_gets(struct BIO_METHOD *biom,
                            BioGetsFn f);

/**
 *`BIO_meth_set_puts`: sets the method's puts function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_puts(struct BIO_METHOD *biom,
                            BioPutsFn f);

/**
 *`BIO_meth_set_read`: sets the method's read function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_read(struct BIO_METHOD *biom,
                            BioReadFn f);

/**
 *`BIO_meth_set_read_ex`: sets the method's read_ex function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_read_ex(struct BIO_METHOD *biom,
                               BioReadExFn f);

/**
 *`BIO_meth_set_write`: sets the method's write function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_write(struct BIO_METHOD *biom,
                             BioWriteFn f);

/**
 *`BIO_meth_set_write_ex`: sets the method's write_ex function (NULL unsets it). Returns 1, or 0 for a NULL or built-in method.
 *
 * # Safety
 * `biom` is NULL or a live method.
 */
int tls12_BIO_meth_set_write_ex(struct BIO_METHOD *biom,
                                BioWriteExFn f);

/**
 * `BIO_method_name`: the name of the BIO's method ("memory buffer", "socket", or the
 * one given to `BIO_meth_new`), or NULL for NULL.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
const char *tls12_BIO_method_name(const struct BIO *b);

/**
 * `BIO_method_type`: the BIO's `BIO_TYPE_*` number (for a user-defined BIO, the one
 * given to `BIO_meth_new`), or 0 for NULL.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
int tls12_BIO_method_type(const struct BIO *b);

/**
 * `BIO_new`: a new BIO of the given method, or NULL (with an error entry).
 *
 * # Safety
 * `method` is NULL or a method from `BIO_s_mem`, `BIO_s_socket`, `BIO_s_fd`,
 * `BIO_s_connect`, `BIO_f_ssl` or a live one from `BIO_meth_new`.
 */
struct BIO *tls12_BIO_new(const struct BIO_METHOD *method);

/**
 * `BIO_new_accept`: an accept BIO that will listen on `host_port` (`[host:]port`,
 * `*:port` for every interface). NULL (with an error entry) for a NULL argument.
 *
 * # Safety
 * `host_port` is NULL or a NUL-terminated string.
 */
struct BIO *tls12_BIO_new_accept(const char *host_port);

/**
 * `BIO_new_bio_pair`: two connected BIOs; what one writes the other reads. Each half
 * buffers at most its `writebuf` bytes (0: 17 KiB); a write that finds the buffer
 * full fails with the retry flags, and a read of an empty pair fails with them too
 * until the writer calls `BIO_shutdown_wr` (then reads give 0). Returns 1, or 0 when
 * an output pointer is NULL.
 *
 * # Safety
 * `bio1` and `bio2` are valid for one write each.
 */
int tls12_BIO_new_bio_pair(struct BIO **bio1,
                           size_t writebuf1,
                           struct BIO **bio2,
                           size_t writebuf2);

/**
 * `BIO_new_connect`: a connect BIO for `host_port` (`host:port`, `[v6]:port`, or a host
 * whose port `BIO_set_conn_port` gives). NULL (with an error entry) for NULL.
 *
 * # Safety
 * `host_port` is NULL or a NUL-terminated string.
 */
struct BIO *tls12_BIO_new_connect(const char *host_port);

/**
 * `BIO_new_fd`: a BIO over the file descriptor `fd` (`read`/`write`); `close_flag`
 * as for `BIO_new_socket`.
 */
struct BIO *tls12_BIO_new_fd(int fd, int close_flag);

/**
 * `BIO_new_file`: a BIO over the file `filename` opened with the `fopen` `mode` ("r",
 * "w", "a" ...), closed when the BIO is freed. NULL (with a system error entry) when
 * the file cannot be opened.
 *
 * # Safety
 * `filename` and `mode` are NULL or NUL-terminated strings.
 */
struct BIO *tls12_BIO_new_file(const char *filename, const char *mode);

/**
 * `BIO_new_fp`: a BIO over the stdio stream `stream` (for example `stdout`, to print
 * with `X509_NAME_print_ex` or `ERR_print_errors`); `close_flag` `BIO_CLOSE` closes the
 * stream when the BIO is freed, `BIO_NOCLOSE` only flushes it. NULL for a NULL stream.
 *
 * # Safety
 * `stream` is NULL or an open `FILE *` that outlives the BIO.
 */
struct BIO *tls12_BIO_new_fp(FILE *stream, int close_flag);

/**
 * `BIO_new_mem_buf`: a read-only memory BIO holding a copy of `len` bytes at `buf`
 * (`len` -1: `buf` is a NUL-terminated string). At the end of the data reads return
 * 0; writes fail.
 *
 * # Safety
 * `buf` points to `len` readable bytes, or to a NUL-terminated string if `len` is -1.
 */
struct BIO *tls12_BIO_new_mem_buf(const void *buf, int len);

/**
 * `BIO_new_socket`: a BIO over the socket `sock`; `close_flag` `BIO_CLOSE` closes the
 * socket when the BIO is freed, `BIO_NOCLOSE` leaves it open.
 */
struct BIO *tls12_BIO_new_socket(int sock, int close_flag);

/**
 * `BIO_new_ssl`: an SSL BIO owning a new connection of `ctx`, a client if `client` is
 * not 0, else a server. NULL (with an error entry) on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct BIO *tls12_BIO_new_ssl(struct SSL_CTX *ctx, int client);

/**
 * `BIO_new_ssl_connect`: a client SSL BIO of `ctx` with a connect BIO after it (name
 * the peer with `BIO_set_conn_hostname` on the returned BIO). NULL on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct BIO *tls12_BIO_new_ssl_connect(struct SSL_CTX *ctx);

/**
 * `BIO_next`: the BIO after `b` in its chain, or NULL.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
struct BIO *tls12_BIO_next(struct BIO *b);

/**
 * `BIO_pop`: takes `b` out of its chain (its neighbours are joined) and returns the
 * BIO that followed it, or NULL.
 *
 * # Safety
 * `b` is NULL or a live BIO, and so are the BIOs chained to it.
 */
struct BIO *tls12_BIO_pop(struct BIO *b);

/**
 * `BIO_push`: appends `append` (may be NULL) to the end of the chain that starts at
 * `b`. Returns `b`; for a NULL `b`, `append` (the chain is `append` alone).
 *
 * # Safety
 * `b` and `append` are NULL or live BIOs, and so are the BIOs chained to them.
 */
struct BIO *tls12_BIO_push(struct BIO *b, struct BIO *append);

/**
 * `BIO_puts`: writes the NUL-terminated string `buf`. Returns the count, or -1.
 *
 * # Safety
 * `b` is NULL or a live BIO; `buf` is NULL or a NUL-terminated string.
 */
int tls12_BIO_puts(struct BIO *b, const char *buf);

/**
 * `BIO_read`: reads up to `dlen` bytes into `data`. Returns the count, 0 at the end
 * of data, or -1 (see `BIO_should_retry`).
 *
 * # Safety
 * `b` is NULL or a live BIO; `data` has `dlen` writable bytes.
 */
int tls12_BIO_read(struct BIO *b, void *data, int dlen);

/**
 * `BIO_read_ex`: reads up to `dlen` bytes into `data`, storing the count in
 * `*readbytes`. Returns 1 when something was read, else 0 (see `BIO_should_retry`).
 *
 * # Safety
 * `b` is NULL or a live BIO; `data` has `dlen` writable bytes; `readbytes` is NULL or
 * valid for one write.
 */
int tls12_BIO_read_ex(struct BIO *b, void *data, size_t dlen, size_t *readbytes);

/**
 * `BIO_s_connect`: the method of connect BIOs (name the peer with
 * `BIO_set_conn_hostname`).
 */
const struct BIO_METHOD *tls12_BIO_s_connect(void);

/**
 * `BIO_s_fd`: the method of file descriptor BIOs (set it with `BIO_set_fd`).
 */
const struct BIO_METHOD *tls12_BIO_s_fd(void);

/**
 * `BIO_s_file`: the method of stdio stream BIOs, which get their file from
 * `BIO_read_filename` (and `_write_`, `_append_`, `_rw_`) or `BIO_set_fp`.
 */
const struct BIO_METHOD *tls12_BIO_s_file(void);

/**
 * `BIO_s_mem`: the method of growable memory BIOs. Reading an empty one fails with
 * -1 and the retry flags, unless `BIO_set_mem_eof_return(b, 0)` made it report end
 * of data (0).
 */
const struct BIO_METHOD *tls12_BIO_s_mem(void);

/**
 * `BIO_s_socket`: the method of socket BIOs (set the socket with `BIO_set_fd`).
 */
const struct BIO_METHOD *tls12_BIO_s_socket(void);

/**
 * `BIO_set_data` / `BIO_get_data`: the application's pointer kept in the BIO (for
 * its method's functions), NULL at first.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
void tls12_BIO_set_data(struct BIO *b, void *value);

/**
 * `BIO_set_flags`: sets `flags` on `b`.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
void tls12_BIO_set_flags(struct BIO *b, int flags);

/**
 * `BIO_set_init` / `BIO_get_init`: whether the BIO is ready for I/O (a user-defined
 * BIO's create function sets it; reads and writes fail until then).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
void tls12_BIO_set_init(struct BIO *b, int value);

/**
 * `BIO_set_shutdown` / `BIO_get_shutdown`: whether freeing the BIO also closes what
 * it wraps (`BIO_CLOSE` 1, `BIO_NOCLOSE` 0).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
void tls12_BIO_set_shutdown(struct BIO *b, int value);

/**
 * `BIO_sock_init`: nothing to initialise on this system; returns 1.
 */
int tls12_BIO_sock_init(void);

/**
 * `BIO_socket`: a new socket (`socket(2)`; `options` is unused, as in OpenSSL), or -1
 * (`INVALID_SOCKET`) with a system error entry.
 */
int tls12_BIO_socket(int domain, int socktype, int protocol, int options);

/**
 * `BIO_socket_nbio`: makes `sock` non-blocking (`mode` 1) or blocking (0). Returns 1,
 * or 0 with a system error entry.
 */
int tls12_BIO_socket_nbio(int sock, int mode);

/**
 * `BIO_ssl_shutdown`: `SSL_shutdown` on the connection of the first SSL BIO of the
 * chain that starts at `ssl_bio` (nothing if there is none).
 *
 * # Safety
 * `ssl_bio` is NULL or a live BIO whose chain is live.
 */
void tls12_BIO_ssl_shutdown(struct BIO *ssl_bio);

/**
 * `BIO_test_flags`: the flags of `b` among `flags` (the retry flags behind
 * `BIO_should_retry`, `BIO_should_read`, `BIO_should_write`).
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
int tls12_BIO_test_flags(const struct BIO *b, int flags);

/**
 * `BIO_up_ref`: adds a reference. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `b` is NULL or a live BIO.
 */
int tls12_BIO_up_ref(struct BIO *b);

/**
 * `BIO_vfree`: as `BIO_free`, without a result.
 *
 * # Safety
 * As for `BIO_free`.
 */
void tls12_BIO_vfree(struct BIO *b);

/**
 * `BIO_write`: writes up to `dlen` bytes from `data`. Returns the count taken (a pair
 * or a socket may take fewer), or -1 (see `BIO_should_retry`).
 *
 * # Safety
 * `b` is NULL or a live BIO; `data` has `dlen` readable bytes.
 */
int tls12_BIO_write(struct BIO *b, const void *data, int dlen);

/**
 * `BIO_write_ex`: writes up to `dlen` bytes from `data`, storing the count taken in
 * `*written`. Returns 1 when something was written, else 0.
 *
 * # Safety
 * `b` is NULL or a live BIO; `data` has `dlen` readable bytes; `written` is NULL or
 * valid for one write.
 */
int tls12_BIO_write_ex(struct BIO *b, const void *data, size_t dlen, size_t *written);

/**
 * `CRYPTO_free` (behind OpenSSL's `OPENSSL_free` macro): `free`. NULL is ignored.
 *
 * # Safety
 * `ptr` is NULL or memory from `OPENSSL_malloc` or from this library (for example
 * `X509_NAME_oneline` or `i2d_X509` with `*out` NULL) that is not used afterwards.
 */
void tls12_CRYPTO_free(void *ptr, const char *file, int line);

/**
 * `CRYPTO_malloc` (behind OpenSSL's `OPENSSL_malloc` macro): `malloc`. Memory this
 * library hands out for the caller to free comes from here too; free it with
 * `OPENSSL_free`.
 */
void *tls12_CRYPTO_malloc(size_t num, const char *file, int line);

/**
 * `DH_free`: releases a `DH` (NULL is ignored).
 *
 * # Safety
 * `dh` is NULL or a live `DH` whose reference the caller gives up.
 */
void tls12_DH_free(struct DH *dh);

/**
 * `ERR_clear_error`: empties the calling thread's queue.
 */
void tls12_ERR_clear_error(void);

/**
 * `ERR_clear_last_mark`: removes the newest mark, keeping the entries. Returns 1 if a
 * mark was removed, else 0.
 */
int tls12_ERR_clear_last_mark(void);

/**
 * `ERR_error_string`: as `ERR_error_string_n` with a 256-byte buffer. With `buf`
 * NULL the text goes to a buffer of the calling thread that the next call reuses.
 *
 * # Safety
 * `buf` is NULL or points to at least 256 writable bytes.
 */
char *tls12_ERR_error_string(unsigned long e, char *buf);

/**
 * `ERR_error_string_n`: writes OpenSSL 3's text for `e`, such as
 * `error:0A000086:SSL routines::certificate verify failed`, into `buf` (at most `len`
 * bytes including the terminating NUL).
 *
 * # Safety
 * `buf` is NULL (nothing is written) or points to `len` writable bytes.
 */
void tls12_ERR_error_string_n(unsigned long e, char *buf, size_t len);

/**
 * `ERR_free_strings`: nothing to free.
 */
void tls12_ERR_free_strings(void);

/**
 * `ERR_func_error_string`: always NULL, as in OpenSSL 3 (entries carry no function).
 */
const char *tls12_ERR_func_error_string(unsigned long e);

/**
 * `ERR_get_error`: takes the oldest entry off the queue and returns its code, or 0
 * when the queue is empty.
 */
unsigned long tls12_ERR_get_error(void);

/**
 * `ERR_get_error_all`: as `ERR_get_error_line_data`, also giving the function
 * name (always "").
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_get_error_all(const char **file,
                                      int *line,
                                      const char **func,
                                      const char **data,
                                      int *flags);

/**
 * `ERR_get_error_line`: as `ERR_get_error`, also giving the source file and line.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_get_error_line(const char **file, int *line);

/**
 * `ERR_get_error_line_data`: as `ERR_get_error_line`, also giving the entry's detail
 * text in `data` (`flags` gets `ERR_TXT_STRING`). The texts stay valid until the
 * next entry is taken off this thread's queue.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_get_error_line_data(const char **file,
                                            int *line,
                                            const char **data,
                                            int *flags);

/**
 * `ERR_lib_error_string`: the name of `e`'s library ("SSL routines"), or NULL.
 */
const char *tls12_ERR_lib_error_string(unsigned long e);

/**
 * `ERR_load_ERR_strings`: nothing to load; the texts are built in.
 */
void tls12_ERR_load_ERR_strings(void);

/**
 * `ERR_load_SSL_strings`: nothing to load; the texts are built in.
 */
void tls12_ERR_load_SSL_strings(void);

/**
 * `ERR_load_crypto_strings`: nothing to load; the texts are built in.
 */
void tls12_ERR_load_crypto_strings(void);

/**
 * `ERR_peek_error`: the oldest entry's code, leaving it on the queue (0 if none).
 */
unsigned long tls12_ERR_peek_error(void);

/**
 * `ERR_peek_error_all`: as `ERR_get_error_all`, leaving the entry.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_error_all(const char **file,
                                       int *line,
                                       const char **func,
                                       const char **data,
                                       int *flags);

/**
 * `ERR_peek_error_data`: the oldest entry's code and detail text, left on the queue.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_error_data(const char **data, int *flags);

/**
 * `ERR_peek_error_line`: as `ERR_peek_error`, also giving the source file and line.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_error_line(const char **file, int *line);

/**
 * `ERR_peek_error_line_data`: as `ERR_get_error_line_data`, leaving the entry.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_error_line_data(const char **file,
                                             int *line,
                                             const char **data,
                                             int *flags);

/**
 * `ERR_peek_last_error`: the newest entry's code, leaving it on the queue (0 if none).
 */
unsigned long tls12_ERR_peek_last_error(void);

/**
 * `ERR_peek_last_error_all`: the newest entry, left on the queue.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_last_error_all(const char **file,
                                            int *line,
                                            const char **func,
                                            const char **data,
                                            int *flags);

/**
 * `ERR_peek_last_error_data`: the newest entry's code and detail text, left on the
 * queue.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_last_error_data(const char **data, int *flags);

/**
 * `ERR_peek_last_error_line_data`: the newest entry, left on the queue.
 *
 * # Safety
 * Every non-NULL output pointer is valid for one write.
 */
unsigned long tls12_ERR_peek_last_error_line_data(const char **file,
                                                  int *line,
                                                  const char **data,
                                                  int *flags);

/**
 * `ERR_pop_to_mark`: removes the entries pushed since the newest mark and the mark.
 * Returns 0 if no mark was found (the queue is then empty), 1 otherwise.
 */
int tls12_ERR_pop_to_mark(void);

/**
 * `ERR_print_errors`: as `ERR_print_errors_cb`, writing the lines to the BIO `bp`.
 *
 * # Safety
 * `bp` is NULL or a live BIO.
 */
void tls12_ERR_print_errors(struct BIO *bp);

/**
 * `ERR_print_errors_cb`: takes every entry off the queue and gives `cb` one line per
 * entry, OpenSSL 3's format: `<thread id>:error:<code>:<library>:<function>:<reason>:
 * <file>:<line>:<detail>` and a newline.
 *
 * # Safety
 * `cb` is safe to call with `u`.
 */
void tls12_ERR_print_errors_cb(tls12_err_print_cb cb, void *u);

/**
 * `ERR_print_errors_fp`: as `ERR_print_errors_cb`, writing the lines to `fp`.
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`.
 */
void tls12_ERR_print_errors_fp(FILE *fp);

/**
 * `ERR_reason_error_string`: the text of `e`'s reason (for example
 * "certificate verify failed"), or NULL when it has none. The text is static.
 */
const char *tls12_ERR_reason_error_string(unsigned long e);

/**
 * `ERR_remove_thread_state` (and OpenSSL's `ERR_remove_state` macro): does nothing; a
 * thread's queue is freed when the thread ends.
 */
void tls12_ERR_remove_thread_state(const void *tid);

/**
 * `ERR_set_mark`: marks the newest entry, so that `ERR_pop_to_mark` can remove what
 * comes after it. Returns 0 when the queue is empty, 1 otherwise.
 */
int tls12_ERR_set_mark(void);

/**
 * `EVP_CIPHER_CTX_free`: frees a cipher context, wiping its key (NULL is ignored).
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX` not used afterwards.
 */
void tls12_EVP_CIPHER_CTX_free(struct EVP_CIPHER_CTX *ctx);

/**
 * `EVP_CIPHER_CTX_get0_cipher` (also `EVP_CIPHER_CTX_cipher`): the context's cipher
 * (borrowed), or NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`.
 */
const struct EVP_CIPHER *tls12_EVP_CIPHER_CTX_get0_cipher(const struct EVP_CIPHER_CTX *ctx);

/**
 * `EVP_CIPHER_CTX_is_encrypting` (also `EVP_CIPHER_CTX_encrypting`): 1 when the
 * context encrypts, 0 when it decrypts.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`.
 */
int tls12_EVP_CIPHER_CTX_is_encrypting(const struct EVP_CIPHER_CTX *ctx);

/**
 * `EVP_CIPHER_CTX_new`: a new, empty cipher context.
 */
struct EVP_CIPHER_CTX *tls12_EVP_CIPHER_CTX_new(void);

/**
 * `EVP_CIPHER_CTX_reset`: empties a context for reuse. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`.
 */
int tls12_EVP_CIPHER_CTX_reset(struct EVP_CIPHER_CTX *ctx);

/**
 * `EVP_CIPHER_CTX_set_padding`: turns PKCS#7 padding on (non-zero, the default) or
 * off. Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`.
 */
int tls12_EVP_CIPHER_CTX_set_padding(struct EVP_CIPHER_CTX *ctx, int pad);

/**
 * `tls12_EVP_CIPHER_fetch`: the cipher called `algorithm`, or NULL with an
 * error entry. The library context and properties are not used (one provider).
 *
 * # Safety
 * `algorithm` is NULL or a NUL-terminated string.
 */
const struct EVP_CIPHER *tls12_EVP_CIPHER_fetch(void *libctx,
                                                const char *algorithm,
                                                const char *properties);

/**
 * `tls12_EVP_CIPHER_free`: cipher objects are static, so nothing is freed.
 */
void tls12_EVP_CIPHER_free(const struct EVP_CIPHER *object);

/**
 *`EVP_CIPHER_get0_name` (also `EVP_CIPHER_name`): `"AES-256-CBC"` ...
 *
 * # Safety
 * `cipher` is NULL or an `EVP_CIPHER` from this library.
 */
const char *tls12_EVP_CIPHER_get0_name(const struct EVP_CIPHER *cipher);

/**
 *`EVP_CIPHER_get_block_size` (also `EVP_CIPHER_block_size`): bytes in a block.
 *
 * # Safety
 * `cipher` is NULL or an `EVP_CIPHER` from this library.
 */
int tls12_EVP_CIPHER_get_block_size(const struct EVP_CIPHER *cipher);

/**
 *`EVP_CIPHER_get_iv_length` (also `EVP_CIPHER_iv_length`): bytes in an IV.
 *
 * # Safety
 * `cipher` is NULL or an `EVP_CIPHER` from this library.
 */
int tls12_EVP_CIPHER_get_iv_length(const struct EVP_CIPHER *cipher);

/**
 *`EVP_CIPHER_get_key_length` (also `EVP_CIPHER_key_length`): bytes in a key.
 *
 * # Safety
 * `cipher` is NULL or an `EVP_CIPHER` from this library.
 */
int tls12_EVP_CIPHER_get_key_length(const struct EVP_CIPHER *cipher);

/**
 *`EVP_CIPHER_get_mode` (also `EVP_CIPHER_mode`): `EVP_CIPH_CBC_MODE` for CBC.
 *
 * # Safety
 * `cipher` is NULL or an `EVP_CIPHER` from this library.
 */
unsigned long tls12_EVP_CIPHER_get_mode(const struct EVP_CIPHER *cipher);

/**
 *`EVP_CIPHER_get_nid` (also `EVP_CIPHER_nid`, `EVP_CIPHER_type`): the cipher's NID.
 *
 * # Safety
 * `cipher` is NULL or an `EVP_CIPHER` from this library.
 */
int tls12_EVP_CIPHER_get_nid(const struct EVP_CIPHER *cipher);

/**
 * `tls12_EVP_CIPHER_up_ref`: cipher objects are static, so this only returns 1
 * (0 for NULL).
 */
int tls12_EVP_CIPHER_up_ref(const struct EVP_CIPHER *object);

/**
 *`EVP_CipherFinal_ex`: ends the operation, writing the last block (padded when
 * encrypting, its padding checked and removed when decrypting) to `out` (room
 * for one block) and its length to `*outl`. Returns 1, or 0 for bad padding.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `out` has room for 16 bytes;
 * `outl` is writable.
 */
int tls12_EVP_CipherFinal_ex(struct EVP_CIPHER_CTX *ctx, uint8_t *out, int *outl);

/**
 * `EVP_CipherInit_ex`: sets up `ctx` in stages: the cipher (NULL keeps the current
 * one), the key and IV (NULL keeps them; lengths as the cipher says) and the
 * direction (`enc` 1 encrypts, 0 decrypts, -1 keeps it). The engine is not used.
 * Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `cipher` is NULL or an `EVP_CIPHER`;
 * `key` and `iv` are NULL or hold the cipher's key and IV lengths.
 */
int tls12_EVP_CipherInit_ex(struct EVP_CIPHER_CTX *ctx,
                            const struct EVP_CIPHER *cipher,
                            void *engine,
                            const uint8_t *key,
                            const uint8_t *iv,
                            int enc);

/**
 *`EVP_CipherUpdate`: takes `inl` bytes at `in_` and writes the whole blocks they
 * complete to `out` (room for `inl` plus one block; it may be `in_`), their
 * count to `*outl`. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `in_` has `inl` bytes; `out` has
 * room for `inl + 16` bytes; `outl` is writable.
 */
int tls12_EVP_CipherUpdate(struct EVP_CIPHER_CTX *ctx,
                           uint8_t *out,
                           int *outl,
                           const uint8_t *in_,
                           int inl);

/**
 *`EVP_DecryptFinal_ex`: ends the operation, writing the last block (padded when
 * encrypting, its padding checked and removed when decrypting) to `out` (room
 * for one block) and its length to `*outl`. Returns 1, or 0 for bad padding.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `out` has room for 16 bytes;
 * `outl` is writable.
 */
int tls12_EVP_DecryptFinal_ex(struct EVP_CIPHER_CTX *ctx, uint8_t *out, int *outl);

/**
 *`EVP_DecryptInit_ex`: `EVP_CipherInit_ex` for decryption.
 *
 * # Safety
 * As for `EVP_CipherInit_ex`.
 */
int tls12_EVP_DecryptInit_ex(struct EVP_CIPHER_CTX *ctx,
                             const struct EVP_CIPHER *cipher,
                             void *engine,
                             const uint8_t *key,
                             const uint8_t *iv);

/**
 *`EVP_DecryptUpdate`: takes `inl` bytes at `in_` and writes the whole blocks they
 * complete to `out` (room for `inl` plus one block; it may be `in_`), their
 * count to `*outl`. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `in_` has `inl` bytes; `out` has
 * room for `inl + 16` bytes; `outl` is writable.
 */
int tls12_EVP_DecryptUpdate(struct EVP_CIPHER_CTX *ctx,
                            uint8_t *out,
                            int *outl,
                            const uint8_t *in_,
                            int inl);

/**
 * `EVP_Digest`: the digest of `count` bytes at `data` in one go, written to `md`,
 * its length to `*size` (when not NULL). The engine is not used. Returns 1 or 0.
 *
 * # Safety
 * `data` points to `count` readable bytes; `md` has room for the digest; `size` is
 * NULL or writable; `type_` is NULL or an `EVP_MD`.
 */
int tls12_EVP_Digest(const void *data,
                     size_t count,
                     uint8_t *md,
                     unsigned int *size,
                     const struct EVP_MD *type_,
                     void *engine);

/**
 * `EVP_DigestFinal`: as `EVP_DigestFinal_ex`, then resets the context.
 *
 * # Safety
 * As for `EVP_DigestFinal_ex`.
 */
int tls12_EVP_DigestFinal(struct EVP_MD_CTX *ctx, uint8_t *md, unsigned int *s);

/**
 * `EVP_DigestFinal_ex`: writes the digest to `md` (room for `EVP_MAX_MD_SIZE`) and
 * its length to `*s` (when not NULL). The context keeps its digest for another
 * `EVP_DigestInit_ex`. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_MD_CTX`; `md` has room for the digest; `s` is NULL or
 * writable.
 */
int tls12_EVP_DigestFinal_ex(struct EVP_MD_CTX *ctx, uint8_t *md, unsigned int *s);

/**
 * `EVP_DigestInit`: resets `ctx` and starts a hash of `type_`. Returns 1 or 0.
 *
 * # Safety
 * As for `EVP_DigestInit_ex`.
 */
int tls12_EVP_DigestInit(struct EVP_MD_CTX *ctx, const struct EVP_MD *type_);

/**
 * `EVP_DigestInit_ex`: starts a hash of `type_` in `ctx` (of the context's previous
 * digest when `type_` is NULL). The engine is not used. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_MD_CTX`; `type_` is NULL or an `EVP_MD`.
 */
int tls12_EVP_DigestInit_ex(struct EVP_MD_CTX *ctx, const struct EVP_MD *type_, void *engine);

/**
 * `EVP_DigestInit_ex2`: as `EVP_DigestInit_ex`; the parameters are not used.
 *
 * # Safety
 * As for `EVP_DigestInit_ex`.
 */
int tls12_EVP_DigestInit_ex2(struct EVP_MD_CTX *ctx,
                             const struct EVP_MD *type_,
                             const void *params);

/**
 * `EVP_DigestUpdate`: hashes `cnt` bytes at `d`. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_MD_CTX`; `d` points to `cnt` readable bytes.
 */
int tls12_EVP_DigestUpdate(struct EVP_MD_CTX *ctx, const void *d, size_t cnt);

/**
 *`EVP_EncryptFinal_ex`: ends the operation, writing the last block (padded when
 * encrypting, its padding checked and removed when decrypting) to `out` (room
 * for one block) and its length to `*outl`. Returns 1, or 0 for bad padding.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `out` has room for 16 bytes;
 * `outl` is writable.
 */
int tls12_EVP_EncryptFinal_ex(struct EVP_CIPHER_CTX *ctx, uint8_t *out, int *outl);

/**
 *`EVP_EncryptInit_ex`: `EVP_CipherInit_ex` for encryption.
 *
 * # Safety
 * As for `EVP_CipherInit_ex`.
 */
int tls12_EVP_EncryptInit_ex(struct EVP_CIPHER_CTX *ctx,
                             const struct EVP_CIPHER *cipher,
                             void *engine,
                             const uint8_t *key,
                             const uint8_t *iv);

/**
 *`EVP_EncryptUpdate`: takes `inl` bytes at `in_` and writes the whole blocks they
 * complete to `out` (room for `inl` plus one block; it may be `in_`), their
 * count to `*outl`. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_CIPHER_CTX`; `in_` has `inl` bytes; `out` has
 * room for `inl + 16` bytes; `outl` is writable.
 */
int tls12_EVP_EncryptUpdate(struct EVP_CIPHER_CTX *ctx,
                            uint8_t *out,
                            int *outl,
                            const uint8_t *in_,
                            int inl);

/**
 * `EVP_MD_CTX_copy_ex`: makes `out` a copy of `in_` (digest and data so far).
 * Returns 1, or 0 when `in_` is NULL or not initialised.
 *
 * # Safety
 * `out` and `in_` are NULL or live, distinct `EVP_MD_CTX`s.
 */
int tls12_EVP_MD_CTX_copy_ex(struct EVP_MD_CTX *out, const struct EVP_MD_CTX *in_);

/**
 * `EVP_MD_CTX_free` (also `EVP_MD_CTX_destroy`): frees a digest context (NULL is
 * ignored).
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_MD_CTX` not used afterwards.
 */
void tls12_EVP_MD_CTX_free(struct EVP_MD_CTX *ctx);

/**
 * `EVP_MD_CTX_get0_md` (also `EVP_MD_CTX_md`): the context's digest (borrowed), or
 * NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_MD_CTX`.
 */
const struct EVP_MD *tls12_EVP_MD_CTX_get0_md(const struct EVP_MD_CTX *ctx);

/**
 * `EVP_MD_CTX_new` (also `EVP_MD_CTX_create`): a new, empty digest context.
 */
struct EVP_MD_CTX *tls12_EVP_MD_CTX_new(void);

/**
 * `EVP_MD_CTX_reset`: empties a context for reuse. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `EVP_MD_CTX`.
 */
int tls12_EVP_MD_CTX_reset(struct EVP_MD_CTX *ctx);

/**
 * `tls12_EVP_MD_fetch`: the digest called `algorithm`, or NULL with an
 * error entry. The library context and properties are not used (one provider).
 *
 * # Safety
 * `algorithm` is NULL or a NUL-terminated string.
 */
const struct EVP_MD *tls12_EVP_MD_fetch(void *libctx,
                                        const char *algorithm,
                                        const char *properties);

/**
 * `tls12_EVP_MD_free`: digest objects are static, so nothing is freed.
 */
void tls12_EVP_MD_free(const struct EVP_MD *object);

/**
 *`EVP_MD_get0_name` (also `EVP_MD_name`): the digest's name (`"SHA256"`), or NULL.
 *
 * # Safety
 * `md` is NULL or an `EVP_MD` from this library.
 */
const char *tls12_EVP_MD_get0_name(const struct EVP_MD *md);

/**
 *`EVP_MD_get_block_size` (also `EVP_MD_block_size`): bytes in an input block, or -1.
 *
 * # Safety
 * `md` is NULL or an `EVP_MD` from this library.
 */
int tls12_EVP_MD_get_block_size(const struct EVP_MD *md);

/**
 *`EVP_MD_get_size` (also `EVP_MD_size`): bytes in a digest, or -1 for NULL.
 *
 * # Safety
 * `md` is NULL or an `EVP_MD` from this library.
 */
int tls12_EVP_MD_get_size(const struct EVP_MD *md);

/**
 *`EVP_MD_get_type` (also `EVP_MD_type`, `EVP_MD_nid`): the digest's NID, or 0.
 *
 * # Safety
 * `md` is NULL or an `EVP_MD` from this library.
 */
int tls12_EVP_MD_get_type(const struct EVP_MD *md);

/**
 * `tls12_EVP_MD_up_ref`: digest objects are static, so this only returns 1
 * (0 for NULL).
 */
int tls12_EVP_MD_up_ref(const struct EVP_MD *object);

/**
 * `EVP_PKEY_free`: drops a reference; the key is wiped with the last (NULL is ignored).
 *
 * # Safety
 * `pkey` is NULL or a live `EVP_PKEY` whose reference the caller gives up.
 */
void tls12_EVP_PKEY_free(struct EVP_PKEY *pkey);

/**
 * `EVP_PKEY_up_ref`: adds a reference. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `pkey` is NULL or a live `EVP_PKEY`.
 */
int tls12_EVP_PKEY_up_ref(struct EVP_PKEY *pkey);

/**
 *`EVP_aes_128_cbc`: AES-128 in CBC mode.
 */
const struct EVP_CIPHER *tls12_EVP_aes_128_cbc(void);

/**
 *`EVP_aes_192_cbc`: AES-192 in CBC mode.
 */
const struct EVP_CIPHER *tls12_EVP_aes_192_cbc(void);

/**
 *`EVP_aes_256_cbc`: AES-256 in CBC mode.
 */
const struct EVP_CIPHER *tls12_EVP_aes_256_cbc(void);

/**
 * `tls12_EVP_get_cipherbyname`: the cipher
 * called `name` (a name OpenSSL accepts for it), or NULL.
 *
 * # Safety
 * `name` is NULL or a NUL-terminated string.
 */
const struct EVP_CIPHER *tls12_EVP_get_cipherbyname(const char *name);

/**
 * `tls12_EVP_get_cipherbynid` (a macro over `OBJ_nid2sn` in OpenSSL): the cipher
 * whose NID is `nid`, or NULL.
 */
const struct EVP_CIPHER *tls12_EVP_get_cipherbynid(int nid);

/**
 * `tls12_EVP_get_digestbyname`: the digest
 * called `name` (a name OpenSSL accepts for it), or NULL.
 *
 * # Safety
 * `name` is NULL or a NUL-terminated string.
 */
const struct EVP_MD *tls12_EVP_get_digestbyname(const char *name);

/**
 * `tls12_EVP_get_digestbynid` (a macro over `OBJ_nid2sn` in OpenSSL): the digest
 * whose NID is `nid`, or NULL.
 */
const struct EVP_MD *tls12_EVP_get_digestbynid(int nid);

/**
 *`EVP_md5`: MD5.
 */
const struct EVP_MD *tls12_EVP_md5(void);

/**
 *`EVP_sha1`: SHA-1.
 */
const struct EVP_MD *tls12_EVP_sha1(void);

/**
 *`EVP_sha224`: SHA-224.
 */
const struct EVP_MD *tls12_EVP_sha224(void);

/**
 *`EVP_sha256`: SHA-256.
 */
const struct EVP_MD *tls12_EVP_sha256(void);

/**
 *`EVP_sha384`: SHA-384.
 */
const struct EVP_MD *tls12_EVP_sha384(void);

/**
 *`EVP_sha512`: SHA-512.
 */
const struct EVP_MD *tls12_EVP_sha512(void);

/**
 *`EVP_sha512_256`: SHA-512/256.
 */
const struct EVP_MD *tls12_EVP_sha512_256(void);

/**
 * `HMAC()`: the MAC of `n` bytes at `d` under `key_len` bytes at `key` with digest
 * `evp_md`, written to `md` (a per-thread buffer when NULL) and its length to
 * `*md_len` (when not NULL). Returns where it went, or NULL.
 *
 * # Safety
 * `evp_md` is NULL or an `EVP_MD`; `key` has `key_len` bytes; `d` has `n` bytes; `md`
 * is NULL or has room for the MAC; `md_len` is NULL or writable.
 */
uint8_t *tls12_HMAC(const struct EVP_MD *evp_md,
                    const void *key,
                    int key_len,
                    const uint8_t *d,
                    size_t n,
                    uint8_t *md,
                    unsigned int *md_len);

/**
 * `HMAC_CTX_copy`: makes `dctx` a copy of `sctx` (key and data so far). Returns 1 or 0.
 *
 * # Safety
 * `dctx` and `sctx` are NULL or live, distinct `HMAC_CTX`s.
 */
int tls12_HMAC_CTX_copy(struct HMAC_CTX *dctx, struct HMAC_CTX *sctx);

/**
 * `HMAC_CTX_free`: frees an HMAC context, wiping its key (NULL is ignored).
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX` not used afterwards.
 */
void tls12_HMAC_CTX_free(struct HMAC_CTX *ctx);

/**
 * `HMAC_CTX_get_md`: the context's digest (borrowed), or NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX`.
 */
const struct EVP_MD *tls12_HMAC_CTX_get_md(const struct HMAC_CTX *ctx);

/**
 * `HMAC_CTX_new`: a new HMAC context without a key.
 */
struct HMAC_CTX *tls12_HMAC_CTX_new(void);

/**
 * `HMAC_CTX_reset`: forgets the key and data. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX`.
 */
int tls12_HMAC_CTX_reset(struct HMAC_CTX *ctx);

/**
 * `HMAC_Final`: writes the MAC to `md` and its length to `*len` (when not NULL); the
 * context can then start again under the same key. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX`; `md` has room for the MAC; `len` is NULL or
 * writable.
 */
int tls12_HMAC_Final(struct HMAC_CTX *ctx, uint8_t *md, unsigned int *len);

/**
 * `HMAC_Init_ex`: keys the HMAC with `len` bytes at `key` and digest `md` (NULL: the
 * current one). A NULL `key` keeps the current key and restarts. The engine is not
 * used. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX`; `key` is NULL or has `len` bytes; `md` is NULL
 * or an `EVP_MD`.
 */
int tls12_HMAC_Init_ex(struct HMAC_CTX *ctx,
                       const void *key,
                       int len,
                       const struct EVP_MD *md,
                       void *engine);

/**
 * `HMAC_Update`: absorbs `len` bytes at `data`. Returns 1 or 0.
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX`; `data` has `len` readable bytes.
 */
int tls12_HMAC_Update(struct HMAC_CTX *ctx, const uint8_t *data, size_t len);

/**
 * `HMAC_size`: bytes in the MAC, or 0 when the context has no key yet.
 *
 * # Safety
 * `ctx` is NULL or a live `HMAC_CTX`.
 */
size_t tls12_HMAC_size(const struct HMAC_CTX *ctx);

/**
 *`MD5()`: the digest of `n` bytes at `d`, written to `md` (a per-thread
 * buffer when NULL); returns where it went, or NULL.
 *
 * # Safety
 * `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
 */
uint8_t *tls12_MD5(const uint8_t *d, size_t n, uint8_t *md);

/**
 *`MD5_Final`: writes the digest to `md`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `MD5_Init` started; `md` has room for the digest.
 */
int tls12_MD5_Final(uint8_t *md, struct MD5_CTX *c);

/**
 *`MD5_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `c` is NULL or a writable context.
 */
int tls12_MD5_Init(struct MD5_CTX *c);

/**
 *`MD5_Update`: hashes `len` bytes at `data`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `MD5_Init` started; `data` has `len` bytes.
 */
int tls12_MD5_Update(struct MD5_CTX *c, const void *data, size_t len);

/**
 * `OBJ_ln2nid`: the NID of the object whose long name is `s` ("commonName").
 *
 * # Safety
 * `s` is NULL or a NUL-terminated string.
 */
int tls12_OBJ_ln2nid(const char *s);

/**
 * `OBJ_nid2ln`: the long name of the object with `nid` ("commonName"), as
 * `OBJ_nid2sn`.
 */
const char *tls12_OBJ_nid2ln(int nid);

/**
 * `OBJ_nid2sn`: the short name of the object with `nid` ("CN" for `NID_commonName`), a
 * static string, or NULL (without an error entry, as OpenSSL) for a NID this library
 * does not know.
 */
const char *tls12_OBJ_nid2sn(int nid);

/**
 * `OBJ_obj2nid`: the NID of the object `o` (`NID_undef` for an object this library
 * does not know, and for NULL).
 *
 * # Safety
 * `o` is NULL or a live `ASN1_OBJECT`.
 */
int tls12_OBJ_obj2nid(const struct ASN1_OBJECT *o);

/**
 * `OBJ_obj2txt`: writes the object's name to `buf` (at most `buf_len` bytes with the
 * NUL): its long name ("commonName") when it is a known object and `no_name`
 * is 0, else the dotted OID ("2.5.4.3"). Returns the length of the whole text (which
 * may exceed what fitted), or -1 for NULL.
 *
 * # Safety
 * `buf` is NULL or has `buf_len` writable bytes; `a` is NULL or a live `ASN1_OBJECT`.
 */
int tls12_OBJ_obj2txt(char *buf, int buf_len, const struct ASN1_OBJECT *a, int no_name);

/**
 * `OBJ_sn2nid`: the NID of the object whose short name is `s` ("CN").
 *
 * # Safety
 * `s` is NULL or a NUL-terminated string.
 */
int tls12_OBJ_sn2nid(const char *s);

/**
 * `OBJ_txt2nid`: the NID of the object that `s` names: a short name, a long name or
 * a dotted OID ("2.5.4.3").
 *
 * # Safety
 * `s` is NULL or a NUL-terminated string.
 */
int tls12_OBJ_txt2nid(const char *s);

/**
 * `OPENSSL_init_crypto`: nothing needs initialising; returns 1.
 */
int tls12_OPENSSL_init_crypto(uint64_t opts, const void *settings);

/**
 * `OPENSSL_init_ssl`: nothing needs initialising; returns 1. Also what OpenSSL's
 * `SSL_library_init`, `SSL_load_error_strings` and `OpenSSL_add_ssl_algorithms`
 * macros expand to.
 */
int tls12_OPENSSL_init_ssl(uint64_t opts, const void *settings);

/**
 * `OPENSSL_sk_free` (behind `sk_<type>_free`): frees the stack but not its elements.
 * NULL is ignored.
 *
 * # Safety
 * `sk` is NULL or a stack from `OPENSSL_sk_new_null` or one the caller owns (such as
 * `SSL_load_client_CA_file`'s), not used afterwards.
 */
void tls12_OPENSSL_sk_free(struct stack_st *sk);

/**
 * `OPENSSL_sk_new_null` (behind `sk_<type>_new_null`): a new empty stack, which the
 * caller frees with `OPENSSL_sk_free` or `OPENSSL_sk_pop_free`.
 */
struct stack_st *tls12_OPENSSL_sk_new_null(void);

/**
 * `OPENSSL_sk_num` (behind `sk_<type>_num`): the number of elements, or -1 for NULL.
 *
 * # Safety
 * `sk` is NULL or a live stack from this library.
 */
int tls12_OPENSSL_sk_num(const struct stack_st *sk);

/**
 * `OPENSSL_sk_pop_free` (behind `sk_<type>_pop_free`): calls `func` on each non-NULL
 * element, then frees the stack. NULL `sk` is ignored; a NULL `func` frees only the
 * stack (with an error entry).
 *
 * # Safety
 * As for `OPENSSL_sk_free`; `func` frees elements of the stack's type.
 */
void tls12_OPENSSL_sk_pop_free(struct stack_st *sk, tls12_sk_freefunc func);

/**
 * `OPENSSL_sk_push` (behind `sk_<type>_push`): appends `data` (the stack does not
 * take ownership: free the elements with `OPENSSL_sk_pop_free`). Returns the new
 * number of elements, or 0 on failure.
 *
 * # Safety
 * `sk` is NULL or a live stack from this library.
 */
int tls12_OPENSSL_sk_push(struct stack_st *sk, const void *data);

/**
 * `OPENSSL_sk_value` (behind `sk_<type>_value`): the element at `i` (borrowed), or
 * NULL when `i` is out of range.
 *
 * # Safety
 * `sk` is NULL or a live stack from this library.
 */
void *tls12_OPENSSL_sk_value(const struct stack_st *sk, int i);

/**
 * `OpenSSL_version`: texts about the library. `OPENSSL_VERSION` (0) gives
 * "libtls12 <version>", `OPENSSL_VERSION_STRING` (6) and `OPENSSL_FULL_VERSION_STRING`
 * (7) the bare version; the other items OpenSSL knows give "not available".
 */
const char *tls12_OpenSSL_version(int t);

/**
 * `OpenSSL_version_num`: the OpenSSL API level (`0x30000000`), the same number programs
 * saw at compile time, so that their version checks agree; libtls12's own version is
 * in `OpenSSL_version(OPENSSL_VERSION)`.
 */
unsigned long tls12_OpenSSL_version_num(void);

/**
 * `PEM_read_DHparams`: reads the next PEM block of DH parameters from `fp`.
 * Returns a new `DH` (also stored in `*x` when `x` is not NULL), or NULL. The
 * password callback is not used (parameters are never encrypted).
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`; `x` is NULL or valid, holding NULL or a `DH`.
 */
struct DH *tls12_PEM_read_DHparams(FILE *fp, struct DH **x, tls12_pem_password_cb cb, void *u);

/**
 * `PEM_read_PrivateKey`: reads the next private key in PEM from `fp` (other PEM blocks
 * before it are skipped); an encrypted one is decrypted with the password `cb` gives
 * (called with `u`), or with `u` itself as the password when `cb` is NULL. Returns a
 * new `EVP_PKEY` (also stored in `*x` when `x` is not NULL), or NULL.
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`; `x` is NULL or valid, holding NULL or an `EVP_PKEY`.
 */
struct EVP_PKEY *tls12_PEM_read_PrivateKey(FILE *fp,
                                           struct EVP_PKEY **x,
                                           tls12_pem_password_cb cb,
                                           void *u);

/**
 * `PEM_read_SSL_SESSION`: as `PEM_read_bio_SSL_SESSION`, reading from the stdio
 * stream `fp` (a file written by `PEM_write_SSL_SESSION`, say by an earlier run).
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`; `x` as for `PEM_read_bio_SSL_SESSION`.
 */
struct SSL_SESSION *tls12_PEM_read_SSL_SESSION(FILE *fp,
                                               struct SSL_SESSION **x,
                                               tls12_pem_password_cb cb,
                                               void *u);

/**
 * `PEM_read_X509`: as `PEM_read_bio_X509`, reading from the stdio stream `fp`.
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`; `x` as for `PEM_read_bio_X509`.
 */
struct X509 *tls12_PEM_read_X509(FILE *fp, struct X509 **x, tls12_pem_password_cb cb, void *u);

/**
 * `PEM_read_bio_DHparams`: as `PEM_read_DHparams`, reading from a `BIO`.
 *
 * # Safety
 * `bp` is NULL or a live `BIO`; `x` is NULL or valid, holding NULL or a `DH`.
 */
struct DH *tls12_PEM_read_bio_DHparams(struct BIO *bp,
                                       struct DH **x,
                                       tls12_pem_password_cb cb,
                                       void *u);

/**
 * `PEM_read_bio_PrivateKey`: as `PEM_read_PrivateKey`, reading from a `BIO`.
 *
 * # Safety
 * `bp` is NULL or a live `BIO`; `x` is NULL or valid, holding NULL or an `EVP_PKEY`.
 */
struct EVP_PKEY *tls12_PEM_read_bio_PrivateKey(struct BIO *bp,
                                               struct EVP_PKEY **x,
                                               tls12_pem_password_cb cb,
                                               void *u);

/**
 * `PEM_read_bio_SSL_SESSION`: reads the next PEM session (as `PEM_write_bio_SSL_SESSION`
 * writes it) from `bp`, consuming the input through its END line. Returns it (also in
 * `*x` if `x` is not NULL), or NULL with an error entry; at the end of the input the
 * entry is PEM's "no start line". `cb` and `u` are not used (sessions are not
 * encrypted).
 *
 * # Safety
 * `bp` is NULL or a live BIO; `x` is NULL, or points to NULL or a live `SSL_SESSION`.
 */
struct SSL_SESSION *tls12_PEM_read_bio_SSL_SESSION(struct BIO *bp,
                                                   struct SSL_SESSION **x,
                                                   tls12_pem_password_cb cb,
                                                   void *u);

/**
 * `PEM_read_bio_X509`: reads the next PEM certificate from `bp` (consuming the input
 * through its END line). Returns it (also in `*x` if `x` is not NULL), or NULL with
 * an error entry; at the end of the input the entry is PEM's "no start line"
 * (`ERR_GET_REASON` = `PEM_R_NO_START_LINE`). `cb` and `u` are not used
 * (certificates are not encrypted).
 *
 * # Safety
 * `bp` is NULL or a live BIO; `x` is NULL or points to NULL or a live `X509`.
 */
struct X509 *tls12_PEM_read_bio_X509(struct BIO *bp,
                                     struct X509 **x,
                                     tls12_pem_password_cb cb,
                                     void *u);

/**
 * `PEM_write_SSL_SESSION`: as `PEM_write_bio_SSL_SESSION`, to the stdio stream `fp`.
 * Returns 1, or 0.
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`; `x` is NULL or a live `SSL_SESSION`.
 */
int tls12_PEM_write_SSL_SESSION(FILE *fp, const struct SSL_SESSION *x);

/**
 * `PEM_write_X509`: writes `x` to the stdio stream `fp` as PEM. Returns 1, or 0.
 *
 * # Safety
 * `fp` is NULL or an open `FILE *`; `x` is NULL or a live `X509`.
 */
int tls12_PEM_write_X509(FILE *fp, const struct X509 *x);

/**
 * `PEM_write_bio_SSL_SESSION`: writes the session to `bp` as an `SSL SESSION
 * PARAMETERS` PEM block (it holds the master secret: keep it secret). Returns 1, or 0.
 *
 * # Safety
 * `bp` is NULL or a live BIO; `x` is NULL or a live `SSL_SESSION`.
 */
int tls12_PEM_write_bio_SSL_SESSION(struct BIO *bp, const struct SSL_SESSION *x);

/**
 * `PEM_write_bio_X509`: writes `x` to `bp` as a PEM CERTIFICATE block. Returns 1, or
 * 0 on failure.
 *
 * # Safety
 * `bp` is NULL or a live BIO; `x` is NULL or a live `X509`.
 */
int tls12_PEM_write_bio_X509(struct BIO *bp, const struct X509 *x);

/**
 * `RAND_add`: accepted; the bytes are not needed.
 */
void tls12_RAND_add(const void *buf, int num, double randomness);

/**
 * `RAND_bytes`: `num` random bytes at `buf`. Returns 1, or 0.
 *
 * # Safety
 * `buf` has `num` writable bytes.
 */
int tls12_RAND_bytes(uint8_t *buf, int num);

/**
 * `RAND_file_name`: writes the default seed file's path (`$RANDFILE`, else
 * `$HOME/.rnd`) to `buf` (`num` bytes) and returns `buf`, or NULL when neither is
 * set or the path does not fit.
 *
 * # Safety
 * `buf` is NULL or has `num` writable bytes.
 */
const char *tls12_RAND_file_name(char *buf, size_t num);

/**
 * `RAND_load_file`: reads up to `max_bytes` of the seed file `filename` (all of it
 * when -1). Returns the bytes read, 0 when `max_bytes` is 0, or -1 (with an error
 * entry) when the file cannot be read.
 *
 * # Safety
 * `filename` is NULL or a NUL-terminated string.
 */
int tls12_RAND_load_file(const char *filename, long max_bytes);

/**
 * `RAND_poll`: 1; the operating system's generator needs no polling.
 */
int tls12_RAND_poll(void);

/**
 * `RAND_priv_bytes`: as `RAND_bytes` (one generator serves both).
 *
 * # Safety
 * `buf` has `num` writable bytes.
 */
int tls12_RAND_priv_bytes(uint8_t *buf, int num);

/**
 * `RAND_seed`: accepted; the bytes are not needed.
 */
void tls12_RAND_seed(const void *buf, int num);

/**
 * `RAND_status`: 1, the generator is always seeded (by the operating system).
 */
int tls12_RAND_status(void);

/**
 *`SHA1()`: the digest of `n` bytes at `d`, written to `md` (a per-thread
 * buffer when NULL); returns where it went, or NULL.
 *
 * # Safety
 * `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
 */
uint8_t *tls12_SHA1(const uint8_t *d, size_t n, uint8_t *md);

/**
 *`SHA1_Final`: writes the digest to `md`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA1_Init` started; `md` has room for the digest.
 */
int tls12_SHA1_Final(uint8_t *md, struct SHA_CTX *c);

/**
 *`SHA1_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `c` is NULL or a writable context.
 */
int tls12_SHA1_Init(struct SHA_CTX *c);

/**
 *`SHA1_Update`: hashes `len` bytes at `data`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA1_Init` started; `data` has `len` bytes.
 */
int tls12_SHA1_Update(struct SHA_CTX *c, const void *data, size_t len);

/**
 *`SHA224()`: the digest of `n` bytes at `d`, written to `md` (a per-thread
 * buffer when NULL); returns where it went, or NULL.
 *
 * # Safety
 * `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
 */
uint8_t *tls12_SHA224(const uint8_t *d, size_t n, uint8_t *md);

/**
 *`SHA224_Final`: writes the digest to `md`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA224_Init` started; `md` has room for the digest.
 */
int tls12_SHA224_Final(uint8_t *md, struct SHA256_CTX *c);

/**
 *`SHA224_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `c` is NULL or a writable context.
 */
int tls12_SHA224_Init(struct SHA256_CTX *c);

/**
 *`SHA224_Update`: hashes `len` bytes at `data`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA224_Init` started; `data` has `len` bytes.
 */
int tls12_SHA224_Update(struct SHA256_CTX *c, const void *data, size_t len);

/**
 *`SHA256()`: the digest of `n` bytes at `d`, written to `md` (a per-thread
 * buffer when NULL); returns where it went, or NULL.
 *
 * # Safety
 * `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
 */
uint8_t *tls12_SHA256(const uint8_t *d, size_t n, uint8_t *md);

/**
 *`SHA256_Final`: writes the digest to `md`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA256_Init` started; `md` has room for the digest.
 */
int tls12_SHA256_Final(uint8_t *md, struct SHA256_CTX *c);

/**
 *`SHA256_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `c` is NULL or a writable context.
 */
int tls12_SHA256_Init(struct SHA256_CTX *c);

/**
 *`SHA256_Update`: hashes `len` bytes at `data`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA256_Init` started; `data` has `len` bytes.
 */
int tls12_SHA256_Update(struct SHA256_CTX *c, const void *data, size_t len);

/**
 *`SHA384()`: the digest of `n` bytes at `d`, written to `md` (a per-thread
 * buffer when NULL); returns where it went, or NULL.
 *
 * # Safety
 * `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
 */
uint8_t *tls12_SHA384(const uint8_t *d, size_t n, uint8_t *md);

/**
 *`SHA384_Final`: writes the digest to `md`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA384_Init` started; `md` has room for the digest.
 */
int tls12_SHA384_Final(uint8_t *md, struct SHA512_CTX *c);

/**
 *`SHA384_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `c` is NULL or a writable context.
 */
int tls12_SHA384_Init(struct SHA512_CTX *c);

/**
 *`SHA384_Update`: hashes `len` bytes at `data`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA384_Init` started; `data` has `len` bytes.
 */
int tls12_SHA384_Update(struct SHA512_CTX *c, const void *data, size_t len);

/**
 *`SHA512()`: the digest of `n` bytes at `d`, written to `md` (a per-thread
 * buffer when NULL); returns where it went, or NULL.
 *
 * # Safety
 * `d` points to `n` readable bytes; `md` is NULL or has room for the digest.
 */
uint8_t *tls12_SHA512(const uint8_t *d, size_t n, uint8_t *md);

/**
 *`SHA512_Final`: writes the digest to `md`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA512_Init` started; `md` has room for the digest.
 */
int tls12_SHA512_Final(uint8_t *md, struct SHA512_CTX *c);

/**
 *`SHA512_Init`: starts a hash in `c`. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `c` is NULL or a writable context.
 */
int tls12_SHA512_Init(struct SHA512_CTX *c);

/**
 *`SHA512_Update`: hashes `len` bytes at `data`. Returns 1, or 0.
 *
 * # Safety
 *`c` is NULL or a context `SHA512_Init` started; `data` has `len` bytes.
 */
int tls12_SHA512_Update(struct SHA512_CTX *c, const void *data, size_t len);

/**
 * `SSL_CIPHER_description`: OpenSSL 3's one-line description ("ECDHE-RSA-AES128-GCM-SHA256
 * TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD" in padded columns, and a newline)
 * written into `buf` (`size` bytes, at least 128), or with `buf` NULL into memory the
 * caller frees with `OPENSSL_free`. Returns the text, or NULL on failure.
 *
 * # Safety
 * `c` is NULL or an `SSL_CIPHER`; `buf` is NULL or has `size` writable bytes.
 */
char *tls12_SSL_CIPHER_description(const struct SSL_CIPHER *c, char *buf, int size);

/**
 * `SSL_CIPHER_get_auth_nid`: `NID_auth_rsa` (1046, also for RSA-PSK suites, as in
 * OpenSSL), `NID_auth_ecdsa` (1047) or `NID_auth_psk` (1048); `NID_undef` (0) for NULL.
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
int tls12_SSL_CIPHER_get_auth_nid(const struct SSL_CIPHER *c);

/**
 * `SSL_CIPHER_get_bits`: the secret bits of the bulk cipher (also stored in
 * `*alg_bits` when it is not NULL); 0 for NULL.
 *
 * # Safety
 * `c` is NULL or an `SSL_CIPHER`; `alg_bits` is NULL or valid for one write.
 */
int tls12_SSL_CIPHER_get_bits(const struct SSL_CIPHER *c, int *alg_bits);

/**
 * `SSL_CIPHER_get_id`: `0x03000000` plus the suite's two-byte code; 0 for NULL.
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
uint32_t tls12_SSL_CIPHER_get_id(const struct SSL_CIPHER *c);

/**
 * `SSL_CIPHER_get_kx_nid`: `NID_kx_ecdhe` (1038), `NID_kx_dhe` (1039), `NID_kx_rsa`
 * (1037), `NID_kx_psk` (1043), `NID_kx_ecdhe_psk` (1040), `NID_kx_dhe_psk` (1041) or
 * `NID_kx_rsa_psk` (1042); `NID_undef` (0) for NULL.
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
int tls12_SSL_CIPHER_get_kx_nid(const struct SSL_CIPHER *c);

/**
 * `SSL_CIPHER_get_name`: OpenSSL's name, e.g. "ECDHE-RSA-AES128-GCM-SHA256".
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
const char *tls12_SSL_CIPHER_get_name(const struct SSL_CIPHER *c);

/**
 * `SSL_CIPHER_get_protocol_id`: the suite's two-byte code on the wire; 0 for NULL.
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
uint16_t tls12_SSL_CIPHER_get_protocol_id(const struct SSL_CIPHER *c);

/**
 * `SSL_CIPHER_get_version`: the protocol version that first defined the suite, as
 * OpenSSL reports it ("TLSv1.2" for AEAD suites, "SSLv3" or "TLSv1" for older CBC
 * suites, which TLS 1.2 still uses).
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
const char *tls12_SSL_CIPHER_get_version(const struct SSL_CIPHER *c);

/**
 * `SSL_CIPHER_standard_name`: the IANA name, e.g.
 * "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".
 *
 * # Safety
 * `c` is NULL or one of the library's `SSL_CIPHER` objects.
 */
const char *tls12_SSL_CIPHER_standard_name(const struct SSL_CIPHER *c);

/**
 * `SSL_CTX_add_client_CA`: adds the subject name of `x` to the names a server sends
 * in its CertificateRequest as acceptable issuers of client certificates (the
 * certificate is not kept). Returns 1, or 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `x` is NULL or a live `X509`.
 */
int tls12_SSL_CTX_add_client_CA(struct SSL_CTX *ctx, struct X509 *x);

/**
 * `SSL_CTX_add_session`: puts `session` in the internal cache as the most recently
 * used, replacing a session with the same ID (the remove callback hears of it, and of
 * one evicted to make room). Returns 1, or 0 when that very session was already
 * there, has no session ID, or an argument is NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `session` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_CTX_add_session(struct SSL_CTX *ctx, struct SSL_SESSION *session);

/**
 * `SSL_CTX_check_private_key`: 1 if the last certificate and private key loaded
 * belong together, else 0 with an error entry saying what is missing.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
int tls12_SSL_CTX_check_private_key(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_clear_mode` / `SSL_clear_mode` (macros in OpenSSL): turns off the bits
 * in `mode`; returns the mode now in force.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
long tls12_SSL_CTX_clear_mode(struct SSL_CTX *ctx, long mode);

/**
 * `SSL_CTX_clear_options` / `SSL_clear_options`: turns off the bits in `op`;
 * returns the options now in force.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
uint64_t tls12_SSL_CTX_clear_options(struct SSL_CTX *ctx, uint64_t op);

/**
 * `SSL_CTX_ctrl`: runs command `cmd` with `larg` and `parg` as OpenSSL's macros pass
 * them. The "0" forms (`larg` 0: `add0`, `set0`, `add_extra`) take the caller's
 * reference on success; the "1" forms copy. The getters store a stack the context
 * keeps (NULL when empty) in `*parg`. Returns 1 on success (the previous value for
 * `SSL_CTRL_SET_READ_AHEAD`, the value for `SSL_CTRL_GET_READ_AHEAD`), 0 on failure
 * or for a command this library does not take, with an error entry.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `parg` is what the command expects: NULL or a
 * live `X509`, NULL or a live `STACK_OF(X509)`, or a writable `STACK_OF(X509) **`.
 */
long tls12_SSL_CTX_ctrl(struct SSL_CTX *ctx, int cmd, long larg, void *parg);

/**
 * `SSL_CTX_flush_sessions`: removes from the internal cache every session expired at
 * time `tm` (seconds since 1970; 0 or less removes them all). The remove callback
 * hears of each.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
void tls12_SSL_CTX_flush_sessions(struct SSL_CTX *ctx, long tm);

/**
 * `SSL_CTX_free`: drops the caller's reference; the context goes when the last
 * reference (connections hold one each) is dropped. NULL is ignored.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX` whose reference the caller gives up.
 */
void tls12_SSL_CTX_free(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get0_param`: the context's verification parameters, owned by the context
 * (valid while it lives); changes apply to connections made afterwards. NULL for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct X509_VERIFY_PARAM *tls12_SSL_CTX_get0_param(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_app_data` / `SSL_get_app_data` (macros in OpenSSL): the pointer
 * stored with `set_app_data`.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void *tls12_SSL_CTX_get_app_data(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_cert_store`: the context's trust store, owned by the context (valid
 * while it lives). NULL for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct X509_STORE *tls12_SSL_CTX_get_cert_store(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_ciphers`: the context's cipher suites in order of preference, as a
 * `STACK_OF(SSL_CIPHER)` the context owns (valid until the list changes or the
 * context goes; do not free it or its elements), or NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct stack_st_SSL_CIPHER *tls12_SSL_CTX_get_ciphers(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_client_CA_list`: the CA names a server sends, as a
 * `STACK_OF(X509_NAME)` the context owns (valid until the names change or the
 * context goes; read it, do not change or free it), or NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct stack_st_X509_NAME *tls12_SSL_CTX_get_client_CA_list(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_client_cert_cb`: the client certificate callback (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
tls12_client_cert_cb tls12_SSL_CTX_get_client_cert_cb(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_default_passwd_cb` / `SSL_get_default_passwd_cb`: that callback.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
tls12_pem_password_cb tls12_SSL_CTX_get_default_passwd_cb(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_default_passwd_cb_userdata` / `SSL_get_default_passwd_cb_userdata`:
 * its argument.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void *tls12_SSL_CTX_get_default_passwd_cb_userdata(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_ex_data` / `SSL_get_ex_data`: the pointer stored at `idx` (NULL if
 * none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void *tls12_SSL_CTX_get_ex_data(const struct SSL_CTX *ctx, int idx);

/**
 * `SSL_CTX_get_ex_new_index` (a macro over `CRYPTO_get_ex_new_index` in OpenSSL):
 * a new index for `SSL_CTX_set_ex_data`.
 * The callbacks and `argl`/`argp` are accepted for source compatibility and not
 * used. Indexes start at 1 (0 is the app data).
 */
int tls12_SSL_CTX_get_ex_new_index(long argl,
                                   void *argp,
                                   tls12_ex_data_cb new_func,
                                   tls12_ex_data_cb dup_func,
                                   tls12_ex_data_cb free_func);

/**
 * `SSL_CTX_get_info_callback` / `SSL_get_info_callback`: the info callback set on
 * this object (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
tls12_info_cb tls12_SSL_CTX_get_info_callback(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_keylog_callback`: the key-log callback (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
tls12_keylog_cb tls12_SSL_CTX_get_keylog_callback(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_max_cert_list` / `SSL_get_max_cert_list`: that limit (102400, 100
 * KiB, by default as in OpenSSL).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
long tls12_SSL_CTX_get_max_cert_list(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_max_proto_version` / `SSL_get_max_proto_version` (macros in
 * OpenSSL): the maximum set (0 = no limit).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_get_max_proto_version(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_min_proto_version` / `SSL_get_min_proto_version` (macros in
 * OpenSSL): the minimum set (0 = no limit).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_get_min_proto_version(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_mode` / `SSL_get_mode` (macros in OpenSSL): the `SSL_MODE_*` bits
 * in force (`SSL_MODE_AUTO_RETRY` by default).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
long tls12_SSL_CTX_get_mode(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_options` / `SSL_get_options`: the `SSL_OP_*` bits in force.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
uint64_t tls12_SSL_CTX_get_options(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_quiet_shutdown` / `SSL_get_quiet_shutdown`: 1 when quiet shutdown is
 * on, else 0.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_get_quiet_shutdown(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_security_level` / `SSL_get_security_level`: the stored level
 * (1 by default).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_get_security_level(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_session_cache_mode` (a macro in OpenSSL): the `SSL_SESS_CACHE_*` bits
 * (`SSL_SESS_CACHE_SERVER` by default; 0 for NULL).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_get_session_cache_mode(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_ssl_method`: the method the context was made with (NULL for NULL).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
const struct SSL_METHOD *tls12_SSL_CTX_get_ssl_method(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_timeout`: the session lifetime in seconds (0 for NULL).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_get_timeout(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_tlsext_status_arg`: stores the status callback's argument in `*arg`.
 * Returns 1, or 0 for NULL arguments.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `arg` is NULL or valid for one write.
 */
long tls12_SSL_CTX_get_tlsext_status_arg(const struct SSL_CTX *ctx, void **arg);

/**
 * `SSL_CTX_get_tlsext_status_cb`: stores the status callback (NULL if none) in
 * `*callback`. Returns 1, or 0 for NULL arguments.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `callback` is NULL or valid for one write.
 */
long tls12_SSL_CTX_get_tlsext_status_cb(const struct SSL_CTX *ctx, tls12_status_cb *callback);

/**
 * `SSL_CTX_get_tlsext_ticket_keys` (a macro over `SSL_CTX_ctrl` in OpenSSL): writes
 * the 48 bytes of the key that seals tickets now to `keys`. Returns 1, 48 when `keys`
 * is NULL, or 0 when `keylen` is not 48.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `keys` is NULL or has `keylen` writable bytes.
 */
long tls12_SSL_CTX_get_tlsext_ticket_keys(struct SSL_CTX *ctx, void *keys, long keylen);

/**
 * `SSL_CTX_get_verify_callback` / `SSL_get_verify_callback`: the verify callback
 * (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
tls12_verify_cb tls12_SSL_CTX_get_verify_callback(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_verify_depth` / `SSL_get_verify_depth`: the depth limit (100 by
 * default).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_get_verify_depth(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_get_verify_mode` / `SSL_get_verify_mode`: the `SSL_VERIFY_*` bits.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_get_verify_mode(const struct SSL_CTX *ctx);

/**
 * `tls12_SSL_CTX_load_ticket_key_file` (libtls12's own): reads the ticket keys from the
 * text file at `path`, one key per line as 96 hex digits (48 bytes: 16 of name, 32 of
 * secret), `#` comments and blank lines ignored, at most 5 keys. The first key seals
 * new tickets; all of them open tickets, and a ticket opened with a key other than the
 * first is renewed. Servers sharing the file accept each other's tickets; to rotate,
 * put a new key first, keep the old ones after it for as long as their tickets should
 * stay valid, and call this again on every server (connections made from then on use
 * the new keys). Returns 1, or 0 with an error entry (the keys in use stay).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `path` is NULL or a NUL-terminated string.
 */
int tls12_SSL_CTX_load_ticket_key_file(struct SSL_CTX *ctx, const char *path);

/**
 * `SSL_CTX_load_verify_locations`: trusts the PEM certificates in `CAfile` and in the
 * files of directory `CApath` (either may be NULL, not both). Returns 1 on success, 0
 * when the file cannot be read or holds no certificate.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `CAfile` and `CApath` are NULL or
 * NUL-terminated strings.
 */
int tls12_SSL_CTX_load_verify_locations(struct SSL_CTX *ctx,
                                        const char *CAfile,
                                        const char *CApath);

/**
 * `SSL_CTX_new`: a context for `method`, with OpenSSL's defaults; NULL on failure.
 * The caller owns it and releases it with `SSL_CTX_free`.
 *
 * # Safety
 * `method` is NULL or one of the library's `SSL_METHOD` objects.
 */
struct SSL_CTX *tls12_SSL_CTX_new(const struct SSL_METHOD *method);

/**
 * `SSL_CTX_remove_session`: takes the session with `session`'s ID out of the internal
 * cache (the remove callback hears of it). Returns 1 when it was there, else 0.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `session` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_CTX_remove_session(struct SSL_CTX *ctx, struct SSL_SESSION *session);

/**
 * `SSL_CTX_sess_accept`: server handshakes started.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_accept(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_accept_good`: server handshakes completed.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_accept_good(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_accept_renegotiate`: server renegotiations started (never:
 * renegotiation is refused).
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_accept_renegotiate(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_cache_full`: sessions evicted because the cache was full.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_cache_full(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_cb_hits`: sessions the get-session callback supplied.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_cb_hits(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_connect`: client handshakes started.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_connect(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_connect_good`: client handshakes completed.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_connect_good(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_connect_renegotiate`: client renegotiations started (never:
 * renegotiation is refused).
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_connect_renegotiate(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_get_cache_size` (a macro in OpenSSL): the internal cache's capacity
 * (0: no limit).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_get_cache_size(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_set_get_cb` / `SSL_CTX_sess_get_get_cb`: the get-session callback
 * (`tls12_get_session_cb`).
 * The getter returns the callback installed (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
tls12_get_session_cb tls12_SSL_CTX_sess_get_get_cb(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_set_new_cb` / `SSL_CTX_sess_get_new_cb`: the new-session callback
 * (`tls12_new_session_cb`).
 * The getter returns the callback installed (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
tls12_new_session_cb tls12_SSL_CTX_sess_get_new_cb(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_set_remove_cb` / `SSL_CTX_sess_get_remove_cb`: the remove-session
 * callback (`tls12_remove_session_cb`).
 * The getter returns the callback installed (NULL if none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
tls12_remove_session_cb tls12_SSL_CTX_sess_get_remove_cb(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_hits`: sessions a server resumed from the internal cache or a
 * ticket; resumed handshakes a client completed.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_hits(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_misses`: sessions a client asked a server for that were not found;
 * sessions a client offered that the server did not resume.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_misses(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_number`: the sessions in the internal cache.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_number(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_sess_set_cache_size` (a macro in OpenSSL): how many sessions the internal
 * cache holds (0: no limit; 20480 by default). Shrinking evicts the least recently
 * used sessions at once (the remove callback hears of each). Returns the previous
 * size, or 0 for NULL or a negative size.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_set_cache_size(struct SSL_CTX *ctx, long size);

/**
 * `SSL_CTX_sess_set_get_cb` / `SSL_CTX_sess_get_get_cb`: the get-session callback
 * (`tls12_get_session_cb`).
 * The setter installs the callback (NULL removes it) for the connections made
 * from now on.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_sess_set_get_cb(struct SSL_CTX *ctx, tls12_get_session_cb cb);

/**
 * `SSL_CTX_sess_set_new_cb` / `SSL_CTX_sess_get_new_cb`: the new-session callback
 * (`tls12_new_session_cb`).
 * The setter installs the callback (NULL removes it) for the connections made
 * from now on.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_sess_set_new_cb(struct SSL_CTX *ctx, tls12_new_session_cb cb);

/**
 * `SSL_CTX_sess_set_remove_cb` / `SSL_CTX_sess_get_remove_cb`: the remove-session
 * callback (`tls12_remove_session_cb`).
 * The setter installs the callback (NULL removes it) for the connections made
 * from now on.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_sess_set_remove_cb(struct SSL_CTX *ctx, tls12_remove_session_cb cb);

/**
 * `SSL_CTX_sess_timeouts`: sessions found expired.
 * 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_sess_timeouts(const struct SSL_CTX *ctx);

/**
 * `SSL_CTX_set1_groups_list` / `SSL_set1_groups_list` (macros in OpenSSL; also
 * `*_set1_curves_list`): the key exchange groups in preference order, such as
 * "X25519:P-256:prime256v1:secp384r1:P-384:ffdhe2048". The FFDHE groups
 * (ffdhe2048, ffdhe3072, ffdhe4096) are offered by a client for DHE suites and
 * preferred in this order by a server when the client names them. Returns 1, or 0
 * with an error entry for an unknown name or when no implemented group is left.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set1_groups_list(struct SSL_CTX *ctx, const char *list);

/**
 * `SSL_CTX_set1_sigalgs_list` / `SSL_set1_sigalgs_list` (macros in OpenSSL): the
 * signature algorithms offered and accepted, in preference order, such as
 * "ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_rsae_sha384". Returns 1, or 0 with an error
 * entry for an unknown name or when no usable algorithm is left.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set1_sigalgs_list(struct SSL_CTX *ctx, const char *list);

/**
 * `SSL_CTX_set_alpn_protos` / `SSL_set_alpn_protos`: the protocols a client offers,
 * in ALPN wire format (each name preceded by its length). An empty list turns ALPN
 * off. Returns 0 on success and 1 on failure, as OpenSSL does.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_alpn_protos(struct SSL_CTX *ctx,
                                  const unsigned char *protos,
                                  unsigned int protos_len);

/**
 * `SSL_CTX_set_alpn_select_cb`: installs the server's ALPN selection callback and its
 * argument (NULL removes it).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_set_alpn_select_cb(struct SSL_CTX *ctx, tls12_alpn_select_cb cb, void *arg);

/**
 * `SSL_CTX_set_app_data` / `SSL_set_app_data` (macros in OpenSSL): stores `arg`
 * at extra-data index 0. Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_app_data(struct SSL_CTX *ctx, void *arg);

/**
 * `SSL_CTX_set_cipher_list` / `SSL_set_cipher_list`: the TLS 1.2 suites to use,
 * in order, by OpenSSL or IANA names separated by `:` (and the keywords DEFAULT,
 * ALL, HIGH, ECDHE, AESGCM, CHACHA20, aRSA, aECDSA). Names of suites this library
 * does not implement are skipped; `@SECLEVEL=n` sets the security level. Returns
 * 1, or 0 with an error entry when nothing usable is left.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_cipher_list(struct SSL_CTX *ctx, const char *str);

/**
 * `SSL_CTX_set_ciphersuites` / `SSL_set_ciphersuites`: TLS 1.3 suites, which this
 * library does not speak; the list is accepted and ignored. Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_ciphersuites(struct SSL_CTX *ctx, const char *str);

/**
 * `SSL_CTX_set_client_CA_list`: the CA names a server sends in its CertificateRequest
 * become those on `list` (their DER encodings are kept). The context takes ownership
 * of `list` and its names, and frees them; NULL clears the names.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `list` is NULL or a `STACK_OF(X509_NAME)` of
 * names from `X509_NAME_dup` or `SSL_load_client_CA_file`, not used afterwards.
 */
void tls12_SSL_CTX_set_client_CA_list(struct SSL_CTX *ctx, struct stack_st_X509_NAME *list);

/**
 * `SSL_CTX_set_client_cert_cb`: installs the client certificate callback (NULL
 * removes it). Read when a server asks for a certificate.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_set_client_cert_cb(struct SSL_CTX *ctx, tls12_client_cert_cb cb);

/**
 * `SSL_CTX_set_default_passwd_cb` / `SSL_set_default_passwd_cb`: the callback that
 * gives the password when an encrypted private key is loaded (NULL: none).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_default_passwd_cb(struct SSL_CTX *ctx, tls12_pem_password_cb cb);

/**
 * `SSL_CTX_set_default_passwd_cb_userdata` / `SSL_set_default_passwd_cb_userdata`:
 * the callback's last argument; with no callback, the password itself as a
 * NUL-terminated string (as OpenSSL's default callback takes it).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_default_passwd_cb_userdata(struct SSL_CTX *ctx, void *u);

/**
 * `SSL_CTX_set_default_verify_paths`: trusts the system's certificates: the file
 * named by `SSL_CERT_FILE` (default `/etc/ssl/certs/ca-certificates.crt`) and the
 * directories named by `SSL_CERT_DIR` (colon separated, default `/etc/ssl/certs`). Missing locations
 * are skipped, as in OpenSSL. Returns 1 (0 for NULL).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
int tls12_SSL_CTX_set_default_verify_paths(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_set_dh_auto` (a macro over `SSL_CTX_ctrl` in OpenSSL): with `onoff` 1 the
 * server uses the RFC 7919 groups (ffdhe2048 unless the client names others),
 * dropping parameters set with `SSL_CTX_set_tmp_dh`. That is the default here; 0
 * changes nothing. Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_set_dh_auto(struct SSL_CTX *ctx, int onoff);

/**
 * `tls12_SSL_CTX_set_dh_min_bits` (libtls12's own): the smallest DH prime, in bits,
 * a client accepts from a server for DHE suites (default 2048; 1024 to 10000). A
 * security level may raise it further (see `SSL_CTX_set_security_level`). Returns 1,
 * or 0 for a value out of range.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
int tls12_SSL_CTX_set_dh_min_bits(struct SSL_CTX *ctx, int bits);

/**
 * `SSL_CTX_set_ex_data` / `SSL_set_ex_data`: stores `arg` at index `idx` (from
 * `*_get_ex_new_index`). Returns 1, or 0 for a bad index.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_ex_data(struct SSL_CTX *ctx, int idx, void *arg);

/**
 * `SSL_CTX_set_info_callback` / `SSL_set_info_callback`: the callback told where
 * the handshake is (`SSL_CB_HANDSHAKE_START`, `SSL_CB_CONNECT_LOOP` /
 * `SSL_CB_ACCEPT_LOOP` before each step, `SSL_CB_HANDSHAKE_DONE`,
 * `SSL_CB_CONNECT_EXIT` / `SSL_CB_ACCEPT_EXIT` when a handshake call returns,
 * `SSL_CB_READ_ALERT` / `SSL_CB_WRITE_ALERT`), as OpenSSL does. NULL removes it;
 * a connection without one of its own uses its context's.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_info_callback(struct SSL_CTX *ctx, tls12_info_cb cb);

/**
 * `SSL_CTX_set_keylog_callback`: installs the key-log callback (NULL removes it, and
 * `SSLKEYLOGFILE` applies again). Read when a handshake makes its keys.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_set_keylog_callback(struct SSL_CTX *ctx, tls12_keylog_cb cb);

/**
 * `SSL_CTX_set_max_cert_list` / `SSL_set_max_cert_list`: the largest Certificate
 * (and, for a client, CertificateRequest) message accepted from the peer, in bytes;
 * returns the previous limit. A negative limit counts as 0.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
long tls12_SSL_CTX_set_max_cert_list(struct SSL_CTX *ctx, long max);

/**
 * `SSL_CTX_set_max_proto_version` / `SSL_set_max_proto_version` (macros in
 * OpenSSL): the highest version allowed (0 = no limit). A maximum below TLS 1.2
 * is kept, and handshakes then fail with "no protocols available". Returns 1, or 0
 * for a value that is not a TLS version.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_max_proto_version(struct SSL_CTX *ctx, int version);

/**
 * `SSL_CTX_set_min_proto_version` / `SSL_set_min_proto_version` (macros in
 * OpenSSL): the lowest version allowed (0 = no limit). TLS 1.2 is the only
 * protocol, so a minimum above it fails (0 with an error entry); lower values are
 * kept and change nothing. Returns 1 on success.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_min_proto_version(struct SSL_CTX *ctx, int version);

/**
 * `SSL_CTX_set_mode` / `SSL_set_mode` (macros in OpenSSL): turns on the
 * `SSL_MODE_*` bits in `mode`; returns the mode now in force. The bits that change
 * behaviour are `SSL_MODE_ENABLE_PARTIAL_WRITE`, `SSL_MODE_RELEASE_BUFFERS` and
 * `SSL_MODE_AUTO_RETRY` (always in effect: records that carry no data never make
 * a call return early); the others are kept and reported (a retried write may
 * always come from another address).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
long tls12_SSL_CTX_set_mode(struct SSL_CTX *ctx, long mode);

/**
 * `SSL_CTX_set_msg_callback` / `SSL_set_msg_callback`: the callback shown every
 * record header, handshake message, alert and ChangeCipherSpec in both directions
 * (NULL removes it). A connection takes its context's when it is made.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_msg_callback(struct SSL_CTX *ctx, tls12_msg_cb cb);

/**
 * `SSL_CTX_set_msg_callback_arg` / `SSL_set_msg_callback_arg` (macros in OpenSSL):
 * the last argument the message callback gets.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_msg_callback_arg(struct SSL_CTX *ctx, void *arg);

/**
 * `SSL_CTX_set_options` / `SSL_set_options`: turns on the `SSL_OP_*` bits in `op`;
 * returns the options now in force.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
uint64_t tls12_SSL_CTX_set_options(struct SSL_CTX *ctx, uint64_t op);

/**
 * `SSL_CTX_set_psk_client_callback`: the client callback (NULL removes it) for the
 * connections made from now on; with one, PSK suites in the cipher list are offered.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_set_psk_client_callback(struct SSL_CTX *ctx, tls12_psk_client_cb cb);

/**
 * `SSL_CTX_set_psk_server_callback`: the server callback (NULL removes it) for the
 * connections made from now on; with one, PSK suites may be chosen.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_set_psk_server_callback(struct SSL_CTX *ctx, tls12_psk_server_cb cb);

/**
 * `SSL_CTX_set_quiet_shutdown` / `SSL_set_quiet_shutdown`: with `mode` non-zero,
 * `SSL_shutdown` sends no close_notify, waits for none and returns 1, marking the
 * connection shut down both ways (as OpenSSL's quiet shutdown does).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_quiet_shutdown(struct SSL_CTX *ctx, int mode);

/**
 * `SSL_CTX_set_security_level` / `SSL_set_security_level`: OpenSSL's security
 * level, applied when a connection starts. Levels 0 to 2: every suite, DH groups
 * of 2048 bits or more (the library's floor); 3: forward-secret suites only
 * (ECDHE, DHE, ECDHE-PSK, DHE-PSK), DH groups of 3072 bits or more; 4: also no
 * SHA-1 MAC and 256-bit ciphers, DH of 7680 bits (so no DHE: the built-in groups
 * end at 4096); 5: DH of 15360 bits. Certificate key sizes are not checked.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_security_level(struct SSL_CTX *ctx, int level);

/**
 * `SSL_CTX_set_session_cache_mode` (a macro in OpenSSL): the `SSL_SESS_CACHE_*` bits
 * (`OFF`, `CLIENT`, `SERVER`, `BOTH`, `NO_AUTO_CLEAR`, `NO_INTERNAL_LOOKUP`,
 * `NO_INTERNAL_STORE`, `NO_INTERNAL`) for the connections made from now on. Returns
 * the previous mode (0 for NULL).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_set_session_cache_mode(struct SSL_CTX *ctx, long mode);

/**
 * `SSL_CTX_set_session_id_context` / `SSL_set_session_id_context`: the session id
 * context (at most 32 bytes): sessions are resumed only under the context they were
 * made in. Returns 1, or 0 when it is too long.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_CTX_set_session_id_context(struct SSL_CTX *ctx,
                                         const unsigned char *sid_ctx,
                                         unsigned int sid_ctx_len);

/**
 * `tls12_SSL_CTX_set_ticket_key_cb` (libtls12's own, in the spirit of OpenSSL's
 * `SSL_CTX_set_tlsext_ticket_key_evp_cb`): installs the callback that gives the keys
 * sealing and opening session tickets (`tls12_ticket_key_cb`, see [`TicketKeyCallback`]), with `arg` passed to
 * every call, for the connections made from now on. While it is installed the keys of
 * `SSL_CTX_set_tlsext_ticket_keys` and key files are not used; NULL removes it. Servers
 * whose callbacks give the same keys resume each other's tickets. Returns 1, or 0 for a
 * NULL `ctx`.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented, with
 * `arg`, from any thread that drives a connection of `ctx`.
 */
int tls12_SSL_CTX_set_ticket_key_cb(struct SSL_CTX *ctx,
                                    tls12_ticket_key_cb cb,
                                    void *arg);

/**
 * `SSL_CTX_set_timeout`: how many seconds the sessions made from now on may be resumed
 * (7200 by default; also the lifetime hint sent with tickets). Returns the previous
 * value, or 0 for NULL or a negative value.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_set_timeout(struct SSL_CTX *ctx, long t);

/**
 * `SSL_CTX_set_tlsext_servername_arg` (a macro over `SSL_CTX_ctrl` in OpenSSL): the
 * argument the SNI callback gets. Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_set_tlsext_servername_arg(struct SSL_CTX *ctx, void *arg);

/**
 * `SSL_CTX_set_tlsext_servername_callback` (a macro over `SSL_CTX_callback_ctrl` in
 * OpenSSL): installs the server's SNI callback (NULL removes it). Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
long tls12_SSL_CTX_set_tlsext_servername_callback(struct SSL_CTX *ctx, tls12_servername_cb cb);

/**
 * `SSL_CTX_set_tlsext_status_arg`: the argument the status callback gets. Returns 1.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_set_tlsext_status_arg(struct SSL_CTX *ctx, void *arg);

/**
 * `SSL_CTX_set_tlsext_status_cb`: installs the status callback (NULL removes it).
 * Returns 1, 0 for NULL `ctx`.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
long tls12_SSL_CTX_set_tlsext_status_cb(struct SSL_CTX *ctx, tls12_status_cb cb);

/**
 * `SSL_CTX_set_tlsext_status_type`: as `SSL_set_tlsext_status_type`, for the
 * connections made from the context from now on.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
long tls12_SSL_CTX_set_tlsext_status_type(struct SSL_CTX *ctx, int type_);

/**
 * `SSL_CTX_set_tlsext_ticket_keys` (a macro over `SSL_CTX_ctrl` in OpenSSL): the 48
 * bytes at `keys` (16 of key name, 32 of secret) become the only key that seals and
 * opens tickets, replacing the random one a context starts with. Returns 1, 48 when
 * `keys` is NULL, or 0 when `keylen` is not 48.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `keys` is NULL or has `keylen` readable bytes.
 */
long tls12_SSL_CTX_set_tlsext_ticket_keys(struct SSL_CTX *ctx, const void *keys, long keylen);

/**
 * `SSL_CTX_set_tmp_dh` (a macro over `SSL_CTX_ctrl` in OpenSSL): the DH parameters a
 * server uses for DHE suites when the client names no FFDHE group (copied; the caller
 * still frees `dh`). Returns 1, or 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `dh` is NULL or a live `DH`.
 */
long tls12_SSL_CTX_set_tmp_dh(struct SSL_CTX *ctx, const struct DH *dh);

/**
 * `SSL_CTX_set_verify`: the verify mode (`SSL_VERIFY_*` bits) and callback (NULL for
 * none) for the connections made from now on.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_CTX_set_verify(struct SSL_CTX *ctx, int mode, tls12_verify_cb cb);

/**
 * `SSL_CTX_set_verify_depth` / `SSL_set_verify_depth`: the longest chain accepted
 * (intermediates below the trust anchor; a negative depth counts as 0).
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; pointer arguments are NULL or valid for
 * the lengths given.
 */
void tls12_SSL_CTX_set_verify_depth(struct SSL_CTX *ctx, int depth);

/**
 * `SSL_CTX_up_ref`: adds a reference. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
int tls12_SSL_CTX_up_ref(struct SSL_CTX *ctx);

/**
 * `SSL_CTX_use_PrivateKey`: uses the private key `pkey` (copied; the caller keeps its
 * reference). It must belong to the certificate loaded before it, if any. Returns 1
 * on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `pkey` is NULL or a live `EVP_PKEY`.
 */
int tls12_SSL_CTX_use_PrivateKey(struct SSL_CTX *ctx, struct EVP_PKEY *pkey);

/**
 * `SSL_CTX_use_PrivateKey_ASN1`: uses the DER private key of `len` bytes at `d`
 * (`pk`, the key type, is not needed: the DER says it). Returns 1 on success, 0 on
 * failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `d` is NULL or points to `len` bytes.
 */
int tls12_SSL_CTX_use_PrivateKey_ASN1(int pk,
                                      struct SSL_CTX *ctx,
                                      const unsigned char *d,
                                      long len);

/**
 * `SSL_CTX_use_PrivateKey_file`: uses the private key in `file` (PEM or DER as `type_`
 * says; RSA or ECDSA, PKCS#1, SEC1 or PKCS#8). It must belong to the certificate
 * loaded before it, if any. Returns 1 on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
 */
int tls12_SSL_CTX_use_PrivateKey_file(struct SSL_CTX *ctx, const char *file, int type_);

/**
 * `SSL_CTX_use_RSAPrivateKey_file`: as `SSL_CTX_use_PrivateKey_file`, for a file that
 * must hold an RSA key. Returns 1 on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
 */
int tls12_SSL_CTX_use_RSAPrivateKey_file(struct SSL_CTX *ctx, const char *file, int type_);

/**
 * `SSL_CTX_use_certificate`: uses the certificate `x` (copied; the caller keeps its
 * reference). Returns 1 on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `x` is NULL or a live `X509`.
 */
int tls12_SSL_CTX_use_certificate(struct SSL_CTX *ctx, struct X509 *x);

/**
 * `SSL_CTX_use_certificate_ASN1`: uses the DER certificate of `len` bytes at `d`.
 * Returns 1 on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `d` is NULL or points to `len` bytes.
 */
int tls12_SSL_CTX_use_certificate_ASN1(struct SSL_CTX *ctx, int len, const unsigned char *d);

/**
 * `SSL_CTX_use_certificate_chain_file`: uses the PEM certificates in `file`, leaf
 * first, as the context's certificate chain. Returns 1 on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
 */
int tls12_SSL_CTX_use_certificate_chain_file(struct SSL_CTX *ctx, const char *file);

/**
 * `SSL_CTX_use_certificate_file`: uses the first certificate in `file` (PEM or DER as
 * `type_` says) as the context's certificate. Returns 1 on success, 0 on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `file` is NULL or a NUL-terminated string.
 */
int tls12_SSL_CTX_use_certificate_file(struct SSL_CTX *ctx, const char *file, int type_);

/**
 * `SSL_CTX_use_psk_identity_hint`: the hint a server sends with PSK suites (copied;
 * NULL sends none). Returns 1, or 0 when it is longer than 256 bytes.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`; `identity_hint` is NULL or a NUL-terminated string.
 */
int tls12_SSL_CTX_use_psk_identity_hint(struct SSL_CTX *ctx, const char *identity_hint);

/**
 * `SSL_SESSION_free`: drops the caller's reference; the session goes with the last
 * one. NULL is ignored.
 *
 * # Safety
 * `session` is NULL or a live `SSL_SESSION` whose reference the caller gives up.
 */
void tls12_SSL_SESSION_free(struct SSL_SESSION *session);

/**
 * `SSL_SESSION_get0_cipher`: the suite the session was negotiated with (static).
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
const struct SSL_CIPHER *tls12_SSL_SESSION_get0_cipher(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_get0_id_context`: the session id context the session was made under
 * (0 to 32 bytes, owned by the session), its length in `*len` when `len` is not NULL.
 * NULL for a NULL session.
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`; `len` is NULL or valid for one write.
 */
const unsigned char *tls12_SSL_SESSION_get0_id_context(const struct SSL_SESSION *s,
                                                       unsigned int *len);

/**
 * `SSL_SESSION_get0_ticket`: points `*tick` at the session's ticket (owned by the
 * session) and sets `*len` to its length; NULL and 0 without a ticket. NULL output
 * pointers are skipped.
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`; `tick` and `len` are NULL or valid for one write.
 */
void tls12_SSL_SESSION_get0_ticket(const struct SSL_SESSION *s,
                                   const unsigned char **tick,
                                   size_t *len);

/**
 * `SSL_SESSION_get_id`: the session ID (0 to 32 bytes, owned by the session), its
 * length in `*len` when `len` is not NULL. NULL for a NULL session.
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`; `len` is NULL or valid for one write.
 */
const unsigned char *tls12_SSL_SESSION_get_id(const struct SSL_SESSION *s, unsigned int *len);

/**
 * `SSL_SESSION_get_master_key`: copies up to `outlen` bytes of the 48-byte master
 * secret to `out` and returns how many; with `outlen` 0 it returns 48 and copies
 * nothing. 0 for a NULL session.
 *
 * # Safety
 * `sess` is NULL or a live `SSL_SESSION`; `out` is NULL or has `outlen` writable bytes.
 */
size_t tls12_SSL_SESSION_get_master_key(const struct SSL_SESSION *sess,
                                        unsigned char *out,
                                        size_t outlen);

/**
 * `SSL_SESSION_get_protocol_version`: `TLS1_2_VERSION` (0x0303), the only protocol
 * (0 for NULL).
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_SESSION_get_protocol_version(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_get_ticket_lifetime_hint`: the lifetime in seconds the server gave
 * with the ticket (0 without a ticket).
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
unsigned long tls12_SSL_SESSION_get_ticket_lifetime_hint(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_get_time`: when the session was made, in seconds since 1970 (0 for
 * NULL).
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
long tls12_SSL_SESSION_get_time(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_get_timeout`: how many seconds after it was made the session may be
 * resumed (0 for NULL).
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
long tls12_SSL_SESSION_get_timeout(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_has_ticket`: 1 when a client's session carries a ticket from the
 * server (RFC 5077), else 0.
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_SESSION_has_ticket(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_is_resumable`: 1 when the session can be offered again (it has a
 * session ID or a ticket), else 0. As in OpenSSL, expiry is not considered.
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_SESSION_is_resumable(const struct SSL_SESSION *s);

/**
 * `SSL_SESSION_set_timeout`: changes the session's lifetime to `t` seconds from when
 * it was made. It applies where this handle goes afterwards (`SSL_set_session`,
 * `SSL_CTX_add_session`, `i2d_SSL_SESSION`, PEM), not to copies already in a cache.
 * Returns 1, or 0 for NULL or a negative `t`.
 *
 * # Safety
 * `s` is NULL or a live `SSL_SESSION`.
 */
long tls12_SSL_SESSION_set_timeout(struct SSL_SESSION *s, long t);

/**
 * `SSL_SESSION_up_ref`: adds a reference. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `session` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_SESSION_up_ref(struct SSL_SESSION *session);

/**
 * `SSL_accept`: runs the server handshake (putting the connection in accept
 * state).
 * Returns 1 when the handshake is complete, or -1: see `SSL_get_error`
 * (`SSL_ERROR_WANT_READ` / `WANT_WRITE`: call again with the same arguments
 * when the transport is ready).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_accept(struct SSL *ssl);

/**
 * `SSL_add_client_CA`: as `SSL_CTX_add_client_CA`, for one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `x` is NULL or a live `X509`.
 */
int tls12_SSL_add_client_CA(struct SSL *ssl, struct X509 *x);

/**
 * `SSL_alert_desc_string`: OpenSSL's two-letter code for the alert in
 * `value & 0xff` ("HF" for handshake_failure, "UK" when unknown).
 */
const char *tls12_SSL_alert_desc_string(int value);

/**
 * `SSL_alert_desc_string_long`: OpenSSL's text for the alert in `value & 0xff`
 * ("handshake failure", "unknown CA" ...).
 */
const char *tls12_SSL_alert_desc_string_long(int value);

/**
 * `SSL_alert_type_string`: "W", "F" or "U" for the level in `value >> 8`.
 */
const char *tls12_SSL_alert_type_string(int value);

/**
 * `SSL_alert_type_string_long`: "warning", "fatal" or "unknown".
 */
const char *tls12_SSL_alert_type_string_long(int value);

/**
 * `SSL_clear`: makes the connection ready for a new handshake on the same object,
 * keeping its settings, context and BIOs: the engine, the shutdown state, the verify
 * result and what the peer presented are reset. Returns 1, or 0 when called from one
 * of the connection's own callbacks.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_clear(struct SSL *ssl);

/**
 * `SSL_CTX_clear_mode` / `SSL_clear_mode` (macros in OpenSSL): turns off the bits
 * in `mode`; returns the mode now in force.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
long tls12_SSL_clear_mode(struct SSL *ssl, long mode);

/**
 * `SSL_CTX_clear_options` / `SSL_clear_options`: turns off the bits in `op`;
 * returns the options now in force.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
uint64_t tls12_SSL_clear_options(struct SSL *ssl, uint64_t op);

/**
 * `SSL_connect`: runs the client handshake (putting the connection in connect
 * state).
 * Returns 1 when the handshake is complete, or -1: see `SSL_get_error`
 * (`SSL_ERROR_WANT_READ` / `WANT_WRITE`: call again with the same arguments
 * when the transport is ready).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_connect(struct SSL *ssl);

/**
 * `SSL_do_handshake`: runs the handshake in the state set before
 * (`SSL_set_connect_state` / `SSL_set_accept_state`, or the method's end).
 * Returns 1 when the handshake is complete, or -1: see `SSL_get_error`
 * (`SSL_ERROR_WANT_READ` / `WANT_WRITE`: call again with the same arguments
 * when the transport is ready).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_do_handshake(struct SSL *ssl);

/**
 * `SSL_dup_CA_list`: a copy of a `STACK_OF(X509_NAME)` with copies of its names,
 * owned by the caller (free it with `sk_X509_NAME_pop_free(list, X509_NAME_free)`),
 * or NULL.
 *
 * # Safety
 * `sk` is NULL or a live `STACK_OF(X509_NAME)` of live names.
 */
struct stack_st_X509_NAME *tls12_SSL_dup_CA_list(const struct stack_st_X509_NAME *sk);

/**
 * `SSL_export_keying_material`: fills `out` (`olen` bytes) with keying material
 * derived from the master secret, the label (`llen` bytes, without a NUL) and, when
 * `use_context` is not 0, the context (`contextlen` bytes, possibly empty). Both ends
 * of a connection get the same bytes. Returns 1, or 0 before the handshake has
 * completed or for bad arguments.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `out`, `label` and `context` are NULL or valid for
 * the lengths given.
 */
int tls12_SSL_export_keying_material(struct SSL *ssl,
                                     unsigned char *out,
                                     size_t olen,
                                     const char *label,
                                     size_t llen,
                                     const unsigned char *context,
                                     size_t contextlen,
                                     int use_context);

/**
 * `SSL_free`: drops the caller's reference; the connection, its BIOs and its
 * reference to the context go with the last one. NULL is ignored.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL` whose reference the caller gives up; no callback of
 * this connection is running.
 */
void tls12_SSL_free(struct SSL *ssl);

/**
 * `SSL_get0_alpn_selected`: the protocol ALPN agreed on (`*data` NULL and `*len` 0
 * when none). The bytes belong to the connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `data` and `len` are NULL or valid for one write.
 */
void tls12_SSL_get0_alpn_selected(const struct SSL *ssl,
                                  const unsigned char **data,
                                  unsigned int *len);

/**
 * `SSL_get0_param`: the connection's verification parameters (copied from its context
 * when it was made), owned by the connection. NULL for NULL.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct X509_VERIFY_PARAM *tls12_SSL_get0_param(struct SSL *ssl);

/**
 * `SSL_get0_peer_certificate`: the peer's certificate, borrowed from the connection
 * (NULL if it sent none or the handshake has not got that far).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct X509 *tls12_SSL_get0_peer_certificate(const struct SSL *ssl);

/**
 * `SSL_get1_peer_certificate`: the peer's certificate with a reference for the
 * caller, who releases it with `X509_free` (NULL if none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct X509 *tls12_SSL_get1_peer_certificate(const struct SSL *ssl);

/**
 * `SSL_get1_session`: as `SSL_get_session`, with a reference for the caller, who
 * releases it with `SSL_SESSION_free`; the session can then outlive the connection
 * and be offered by another one with `SSL_set_session`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct SSL_SESSION *tls12_SSL_get1_session(struct SSL *ssl);

/**
 * `SSL_get_SSL_CTX`: the context in force (borrowed).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct SSL_CTX *tls12_SSL_get_SSL_CTX(const struct SSL *ssl);

/**
 * `SSL_CTX_get_app_data` / `SSL_get_app_data` (macros in OpenSSL): the pointer
 * stored with `set_app_data`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void *tls12_SSL_get_app_data(const struct SSL *ssl);

/**
 * `SSL_get_cipher_list`: the OpenSSL name of the `n`th suite the connection may use
 * (static), or NULL past the end.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_get_cipher_list(const struct SSL *ssl, int n);

/**
 * `SSL_get_ciphers`: as `SSL_CTX_get_ciphers`, for the suites the connection may use
 * (owned by the `SSL`).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct stack_st_SSL_CIPHER *tls12_SSL_get_ciphers(const struct SSL *ssl);

/**
 * `SSL_get_client_CA_list`: a server's: the CA names it sends (as
 * `SSL_CTX_get_client_CA_list`); a client's: the names the server listed in its
 * CertificateRequest (NULL before one came). Owned by the `SSL`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct stack_st_X509_NAME *tls12_SSL_get_client_CA_list(const struct SSL *ssl);

/**
 * `SSL_get_current_cipher`: the suite in use (static; NULL before it is agreed).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const struct SSL_CIPHER *tls12_SSL_get_current_cipher(const struct SSL *ssl);

/**
 * `SSL_CTX_get_default_passwd_cb` / `SSL_get_default_passwd_cb`: that callback.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
tls12_pem_password_cb tls12_SSL_get_default_passwd_cb(const struct SSL *ssl);

/**
 * `SSL_CTX_get_default_passwd_cb_userdata` / `SSL_get_default_passwd_cb_userdata`:
 * its argument.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void *tls12_SSL_get_default_passwd_cb_userdata(const struct SSL *ssl);

/**
 * `SSL_get_error`: why the call that returned `ret` on `ssl` stopped, as OpenSSL 3
 * decides it: `SSL_ERROR_NONE` for `ret > 0`; `SSL_ERROR_SSL` (or `SSL_ERROR_SYSCALL`
 * for a system entry) when this thread's error queue has an entry; `WANT_READ` /
 * `WANT_WRITE` when the transport was not ready; `ZERO_RETURN` after the peer's
 * close_notify; otherwise `SSL_ERROR_SYSCALL` (see `errno`).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_error(const struct SSL *ssl, int ret);

/**
 * `SSL_CTX_get_ex_data` / `SSL_get_ex_data`: the pointer stored at `idx` (NULL if
 * none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void *tls12_SSL_get_ex_data(const struct SSL *ssl, int idx);

/**
 * `SSL_get_ex_data_X509_STORE_CTX_idx`: the index under which a verify callback's
 * `X509_STORE_CTX` holds the `SSL *`.
 */
int tls12_SSL_get_ex_data_X509_STORE_CTX_idx(void);

/**
 * `SSL_get_ex_new_index` (a macro over `CRYPTO_get_ex_new_index` in OpenSSL): a
 * new index for `SSL_set_ex_data`.
 * The callbacks and `argl`/`argp` are accepted for source compatibility and not
 * used. Indexes start at 1 (0 is the app data).
 */
int tls12_SSL_get_ex_new_index(long argl,
                               void *argp,
                               tls12_ex_data_cb new_func,
                               tls12_ex_data_cb dup_func,
                               tls12_ex_data_cb free_func);

/**
 * `SSL_get_extms_support` (a macro over `SSL_ctrl` in OpenSSL): 1 if the
 * extended master secret (RFC 7627) is in use, 0 if not.
 * -1 before the handshake has completed.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
long tls12_SSL_get_extms_support(const struct SSL *ssl);

/**
 * `SSL_get_fd`: the descriptor read from, or -1 when the read BIO has none.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_fd(const struct SSL *ssl);

/**
 * `SSL_get_finished`: copies up to `count` bytes of the verify_data of the last
 * Finished message this end sent into `buf`; returns its full length (12), or 0
 * before it was sent.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `count` writable bytes.
 */
size_t tls12_SSL_get_finished(const struct SSL *ssl, void *buf, size_t count);

/**
 * `SSL_CTX_get_info_callback` / `SSL_get_info_callback`: the info callback set on
 * this object (NULL if none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
tls12_info_cb tls12_SSL_get_info_callback(const struct SSL *ssl);

/**
 * `SSL_CTX_get_max_cert_list` / `SSL_get_max_cert_list`: that limit (102400, 100
 * KiB, by default as in OpenSSL).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
long tls12_SSL_get_max_cert_list(const struct SSL *ssl);

/**
 * `SSL_CTX_get_max_proto_version` / `SSL_get_max_proto_version` (macros in
 * OpenSSL): the maximum set (0 = no limit).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_get_max_proto_version(const struct SSL *ssl);

/**
 * `SSL_CTX_get_min_proto_version` / `SSL_get_min_proto_version` (macros in
 * OpenSSL): the minimum set (0 = no limit).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_get_min_proto_version(const struct SSL *ssl);

/**
 * `SSL_CTX_get_mode` / `SSL_get_mode` (macros in OpenSSL): the `SSL_MODE_*` bits
 * in force (`SSL_MODE_AUTO_RETRY` by default).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
long tls12_SSL_get_mode(const struct SSL *ssl);

/**
 * `SSL_get_negotiated_group` (a macro over `SSL_ctrl` in OpenSSL): the NID of the key
 * exchange group (`NID_X25519` 1034, `NID_X9_62_prime256v1` 415, `NID_secp384r1` 715),
 * or 0 before the key exchange.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_negotiated_group(const struct SSL *ssl);

/**
 * `SSL_CTX_get_options` / `SSL_get_options`: the `SSL_OP_*` bits in force.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
uint64_t tls12_SSL_get_options(const struct SSL *ssl);

/**
 * `SSL_get_peer_cert_chain`: the peer's chain as a `STACK_OF(X509)` borrowed from the
 * connection (NULL if none). As in OpenSSL, a client's stack includes the server's
 * own certificate and a server's stack does not include the client's.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct stack_st_X509 *tls12_SSL_get_peer_cert_chain(const struct SSL *ssl);

/**
 * `SSL_get_peer_certificate` (OpenSSL 1.1's name of `SSL_get1_peer_certificate`):
 * the peer's certificate, owned by the caller.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct X509 *tls12_SSL_get_peer_certificate(const struct SSL *ssl);

/**
 * `SSL_get_peer_finished`: as `SSL_get_finished`, for the peer's Finished message.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `count` writable bytes.
 */
size_t tls12_SSL_get_peer_finished(const struct SSL *ssl, void *buf, size_t count);

/**
 * `SSL_get_pending_cipher`: the suite agreed in the handshake under way (static;
 * NULL before the ServerHello).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const struct SSL_CIPHER *tls12_SSL_get_pending_cipher(const struct SSL *ssl);

/**
 * `SSL_get_psk_identity`: the PSK identity of the handshake (a client's own, the one
 * a server's client named), or NULL. The text belongs to the connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_get_psk_identity(const struct SSL *ssl);

/**
 * `SSL_get_psk_identity_hint`: a client's: the hint the server sent; a server's: the
 * hint it sends. NULL if none. The text belongs to the connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_get_psk_identity_hint(const struct SSL *ssl);

/**
 * `SSL_CTX_get_quiet_shutdown` / `SSL_get_quiet_shutdown`: 1 when quiet shutdown is
 * on, else 0.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_get_quiet_shutdown(const struct SSL *ssl);

/**
 * `SSL_get_rbio`: the BIO read from (borrowed; NULL if none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct BIO *tls12_SSL_get_rbio(const struct SSL *ssl);

/**
 * `SSL_get_rfd`: the descriptor read from, or -1.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_rfd(const struct SSL *ssl);

/**
 * `SSL_get_secure_renegotiation_support` (a macro over `SSL_ctrl` in OpenSSL): 1
 * if the peer supports secure renegotiation (RFC 5746), 0 if not.
 * -1 before the handshake has completed.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
long tls12_SSL_get_secure_renegotiation_support(const struct SSL *ssl);

/**
 * `SSL_CTX_get_security_level` / `SSL_get_security_level`: the stored level
 * (1 by default).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_get_security_level(const struct SSL *ssl);

/**
 * `SSL_get_servername`: for `TLSEXT_NAMETYPE_host_name`, a client's SNI name as set,
 * or the name a server received (available in the SNI callback). NULL when there is
 * none or for another type. The text belongs to the connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_get_servername(const struct SSL *ssl, int type_);

/**
 * `SSL_get_servername_type`: `TLSEXT_NAMETYPE_host_name` (0) when
 * `SSL_get_servername` has a name, else -1.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_servername_type(const struct SSL *ssl);

/**
 * `SSL_get_session` (also `SSL_get0_session`): the connection's session, borrowed
 * (valid until the connection is freed or gets another session): the one its
 * handshake made or resumed, or before that the one set with `SSL_set_session`. NULL
 * if there is none.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct SSL_SESSION *tls12_SSL_get_session(const struct SSL *ssl);

/**
 * `SSL_get_shutdown`: the `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_shutdown(const struct SSL *ssl);

/**
 * `SSL_get_tlsext_status_ocsp_resp`: points `*resp` at the OCSP response (a client's:
 * the one the server stapled; a server's: the one set) and returns its length, or
 * sets `*resp` to NULL and returns -1 when there is none. The bytes belong to the
 * connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `resp` is NULL or valid for one write.
 */
long tls12_SSL_get_tlsext_status_ocsp_resp(struct SSL *ssl, const unsigned char **resp);

/**
 * `SSL_get_tlsext_status_type`: `TLSEXT_STATUSTYPE_ocsp` (1) when the client asks
 * for a stapled response, else -1.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
long tls12_SSL_get_tlsext_status_type(const struct SSL *ssl);

/**
 * `SSL_CTX_get_verify_callback` / `SSL_get_verify_callback`: the verify callback
 * (NULL if none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
tls12_verify_cb tls12_SSL_get_verify_callback(const struct SSL *ssl);

/**
 * `SSL_CTX_get_verify_depth` / `SSL_get_verify_depth`: the depth limit (100 by
 * default).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_get_verify_depth(const struct SSL *ssl);

/**
 * `SSL_CTX_get_verify_mode` / `SSL_get_verify_mode`: the `SSL_VERIFY_*` bits.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_get_verify_mode(const struct SSL *ssl);

/**
 * `SSL_get_verify_result`: the `X509_V_*` code of checking the peer's certificate
 * (`X509_V_OK` when nothing was checked). It is recorded even when
 * `SSL_VERIFY_NONE` let the handshake go on.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
long tls12_SSL_get_verify_result(const struct SSL *ssl);

/**
 * `SSL_get_version`: "TLSv1.2", the only protocol.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_get_version(const struct SSL *ssl);

/**
 * `SSL_get_wbio`: the BIO written to (borrowed; NULL if none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
struct BIO *tls12_SSL_get_wbio(const struct SSL *ssl);

/**
 * `SSL_get_wfd`: the descriptor written to, or -1.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_get_wfd(const struct SSL *ssl);

/**
 * `SSL_has_pending`: 1 if decrypted data, or received bytes not processed yet, are
 * waiting in the connection. A close_notify the engine read along with the last data
 * counts until `SSL_read` has reported it: OpenSSL would still hold its record, and a
 * caller that polls the socket only when nothing is pending would otherwise wait for
 * bytes that already arrived.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_has_pending(const struct SSL *ssl);

/**
 * `SSL_in_accept_init` (a macro in OpenSSL): 1 while a server's handshake runs.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_in_accept_init(const struct SSL *ssl);

/**
 * `SSL_in_before`: 1 before the first handshake step.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_in_before(const struct SSL *ssl);

/**
 * `SSL_in_connect_init` (a macro in OpenSSL): 1 while a client's handshake runs.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_in_connect_init(const struct SSL *ssl);

/**
 * `SSL_in_init`: 1 while the handshake has not completed (before it starts too).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_in_init(const struct SSL *ssl);

/**
 * `SSL_is_init_finished`: 1 once the handshake has completed (and not failed).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_is_init_finished(const struct SSL *ssl);

/**
 * `SSL_is_server`: 1 for a server, 0 for a client. As in OpenSSL, a connection from
 * `TLS_method` counts as a server until it is put in connect state.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_is_server(const struct SSL *ssl);

/**
 * `SSL_load_client_CA_file`: the subject names of the certificates in the PEM file
 * `file`, each once, as a `STACK_OF(X509_NAME)` the caller owns (free it with
 * `sk_X509_NAME_pop_free(list, X509_NAME_free)`), or NULL with an error entry when
 * the file cannot be read or holds no certificate.
 *
 * # Safety
 * `file` is NULL or a NUL-terminated path.
 */
struct stack_st_X509_NAME *tls12_SSL_load_client_CA_file(const char *file);

/**
 * `SSL_new`: a connection using `ctx`'s settings as they are now (later changes to
 * `ctx` do not reach it). A context made with a client or server method makes
 * connections already in connect or accept state. NULL on failure.
 *
 * # Safety
 * `ctx` is NULL or a live `SSL_CTX`.
 */
struct SSL *tls12_SSL_new(struct SSL_CTX *ctx);

/**
 * `SSL_peek` / `SSL_peek_ex`: as `SSL_read`, leaving the data to be read again.
 * Returns the count (> 0); 0 when the peer closed the connection
 * (`SSL_ERROR_ZERO_RETURN` after close_notify, `SSL_ERROR_SSL` with "unexpected
 * eof while reading" without it); -1 otherwise: see `SSL_get_error`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes.
 */
int tls12_SSL_peek(struct SSL *ssl, void *buf, int num);

/**
 * `SSL_peek` / `SSL_peek_ex`: as `SSL_read`, leaving the data to be read again.
 * Returns 1 with the count in `*readbytes`, or 0: see `SSL_get_error`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes;
 * `readbytes` is NULL or valid for one write.
 */
int tls12_SSL_peek_ex(struct SSL *ssl, void *buf, size_t num, size_t *readbytes);

/**
 * `SSL_pending`: how many decrypted bytes `SSL_read` can return without reading
 * from the transport.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_pending(const struct SSL *ssl);

/**
 * `SSL_read` / `SSL_read_ex`: reads decrypted data (running the handshake first
 * if it has not completed).
 * Returns the count (> 0); 0 when the peer closed the connection
 * (`SSL_ERROR_ZERO_RETURN` after close_notify, `SSL_ERROR_SSL` with "unexpected
 * eof while reading" without it); -1 otherwise: see `SSL_get_error`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes.
 */
int tls12_SSL_read(struct SSL *ssl, void *buf, int num);

/**
 * `SSL_read` / `SSL_read_ex`: reads decrypted data (running the handshake first
 * if it has not completed).
 * Returns 1 with the count in `*readbytes`, or 0: see `SSL_get_error`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` writable bytes;
 * `readbytes` is NULL or valid for one write.
 */
int tls12_SSL_read_ex(struct SSL *ssl, void *buf, size_t num, size_t *readbytes);

/**
 * `SSL_select_next_proto`: picks the first protocol of `server` (ALPN wire format,
 * in preference order) that `client` also lists, points `*out`/`*outlen` at it (in
 * `server`) and returns `OPENSSL_NPN_NEGOTIATED` (1). Without a common protocol it
 * points at the first protocol of `client` (NULL and 0 if there is none) and returns
 * `OPENSSL_NPN_NO_OVERLAP` (2). Meant for ALPN selection callbacks.
 *
 * # Safety
 * `out` and `outlen` are valid for one write; `server` and `client` are NULL or have
 * `server_len` and `client_len` readable bytes.
 */
int tls12_SSL_select_next_proto(unsigned char **out,
                                unsigned char *outlen,
                                const unsigned char *server,
                                unsigned int server_len,
                                const unsigned char *client,
                                unsigned int client_len);

/**
 * `SSL_session_reused`: 1 when the handshake resumed a session (abbreviated
 * handshake), 0 otherwise (and before the ServerHello).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_session_reused(const struct SSL *ssl);

/**
 * `SSL_set0_rbio`: the BIO to read from; the SSL takes over the caller's reference
 * and drops the one it held on the previous read BIO.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `rbio` is NULL or a live BIO.
 */
void tls12_SSL_set0_rbio(struct SSL *ssl, struct BIO *rbio);

/**
 * `SSL_set0_wbio`: the BIO to write to; the SSL takes over the caller's reference
 * and drops the one it held on the previous write BIO.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `wbio` is NULL or a live BIO.
 */
void tls12_SSL_set0_wbio(struct SSL *ssl, struct BIO *wbio);

/**
 * `SSL_CTX_set1_groups_list` / `SSL_set1_groups_list` (macros in OpenSSL; also
 * `*_set1_curves_list`): the key exchange groups in preference order, such as
 * "X25519:P-256:prime256v1:secp384r1:P-384:ffdhe2048". The FFDHE groups
 * (ffdhe2048, ffdhe3072, ffdhe4096) are offered by a client for DHE suites and
 * preferred in this order by a server when the client names them. Returns 1, or 0
 * with an error entry for an unknown name or when no implemented group is left.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set1_groups_list(struct SSL *ssl, const char *list);

/**
 * `SSL_set1_host`: the name the peer's certificate must match (NULL: no name check
 * beyond the SNI name). Returns 1, or 0 on failure.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `hostname` is NULL or a NUL-terminated string.
 */
int tls12_SSL_set1_host(struct SSL *ssl, const char *hostname);

/**
 * `SSL_CTX_set1_sigalgs_list` / `SSL_set1_sigalgs_list` (macros in OpenSSL): the
 * signature algorithms offered and accepted, in preference order, such as
 * "ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_rsae_sha384". Returns 1, or 0 with an error
 * entry for an unknown name or when no usable algorithm is left.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set1_sigalgs_list(struct SSL *ssl, const char *list);

/**
 * `SSL_set_SSL_CTX`: switches the connection to `ctx`'s certificates and keys (and its
 * SNI and ALPN callbacks), keeping its other settings, as OpenSSL does. Called from
 * the SNI callback, the handshake goes on with the new certificates. The connection
 * holds a reference to `ctx` from now on. Returns `ctx`, or NULL on failure.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `ctx` is NULL or a live `SSL_CTX`.
 */
struct SSL_CTX *tls12_SSL_set_SSL_CTX(struct SSL *ssl, struct SSL_CTX *ctx);

/**
 * `SSL_set_accept_state`: the connection is a server.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
void tls12_SSL_set_accept_state(struct SSL *ssl);

/**
 * `SSL_CTX_set_alpn_protos` / `SSL_set_alpn_protos`: the protocols a client offers,
 * in ALPN wire format (each name preceded by its length). An empty list turns ALPN
 * off. Returns 0 on success and 1 on failure, as OpenSSL does.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_alpn_protos(struct SSL *ssl,
                              const unsigned char *protos,
                              unsigned int protos_len);

/**
 * `SSL_CTX_set_app_data` / `SSL_set_app_data` (macros in OpenSSL): stores `arg`
 * at extra-data index 0. Returns 1.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_app_data(struct SSL *ssl, void *arg);

/**
 * `SSL_set_bio`: the BIOs to read from and write to (either may be NULL; they may be
 * the same). Ownership follows OpenSSL: the SSL takes over one reference per BIO that
 * is new to it, none for a BIO it already holds in that role.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `rbio` and `wbio` are NULL or live BIOs whose
 * references pass as described.
 */
void tls12_SSL_set_bio(struct SSL *ssl, struct BIO *rbio, struct BIO *wbio);

/**
 * `SSL_CTX_set_cipher_list` / `SSL_set_cipher_list`: the TLS 1.2 suites to use,
 * in order, by OpenSSL or IANA names separated by `:` (and the keywords DEFAULT,
 * ALL, HIGH, ECDHE, AESGCM, CHACHA20, aRSA, aECDSA). Names of suites this library
 * does not implement are skipped; `@SECLEVEL=n` sets the security level. Returns
 * 1, or 0 with an error entry when nothing usable is left.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_cipher_list(struct SSL *ssl, const char *str);

/**
 * `SSL_CTX_set_ciphersuites` / `SSL_set_ciphersuites`: TLS 1.3 suites, which this
 * library does not speak; the list is accepted and ignored. Returns 1.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_ciphersuites(struct SSL *ssl, const char *str);

/**
 * `SSL_set_client_CA_list`: as `SSL_CTX_set_client_CA_list`, for one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `list` as for `SSL_CTX_set_client_CA_list`.
 */
void tls12_SSL_set_client_CA_list(struct SSL *ssl, struct stack_st_X509_NAME *list);

/**
 * `SSL_set_connect_state`: the connection is a client.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
void tls12_SSL_set_connect_state(struct SSL *ssl);

/**
 * `SSL_CTX_set_default_passwd_cb` / `SSL_set_default_passwd_cb`: the callback that
 * gives the password when an encrypted private key is loaded (NULL: none).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_default_passwd_cb(struct SSL *ssl, tls12_pem_password_cb cb);

/**
 * `SSL_CTX_set_default_passwd_cb_userdata` / `SSL_set_default_passwd_cb_userdata`:
 * the callback's last argument; with no callback, the password itself as a
 * NUL-terminated string (as OpenSSL's default callback takes it).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_default_passwd_cb_userdata(struct SSL *ssl, void *u);

/**
 * `SSL_set_dh_auto`: as `SSL_CTX_set_dh_auto`, for one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
long tls12_SSL_set_dh_auto(struct SSL *ssl, int onoff);

/**
 * `tls12_SSL_set_dh_min_bits` (libtls12's own): as `tls12_SSL_CTX_set_dh_min_bits`,
 * for one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_set_dh_min_bits(struct SSL *ssl, int bits);

/**
 * `SSL_CTX_set_ex_data` / `SSL_set_ex_data`: stores `arg` at index `idx` (from
 * `*_get_ex_new_index`). Returns 1, or 0 for a bad index.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_ex_data(struct SSL *ssl, int idx, void *arg);

/**
 * `SSL_set_fd`: reads from and writes to the socket (or other descriptor) `fd`,
 * blocking or not as `fd` is. The descriptor is not closed by the library. Returns
 * 1, or 0 on failure.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_set_fd(struct SSL *ssl, int fd);

/**
 * `SSL_CTX_set_info_callback` / `SSL_set_info_callback`: the callback told where
 * the handshake is (`SSL_CB_HANDSHAKE_START`, `SSL_CB_CONNECT_LOOP` /
 * `SSL_CB_ACCEPT_LOOP` before each step, `SSL_CB_HANDSHAKE_DONE`,
 * `SSL_CB_CONNECT_EXIT` / `SSL_CB_ACCEPT_EXIT` when a handshake call returns,
 * `SSL_CB_READ_ALERT` / `SSL_CB_WRITE_ALERT`), as OpenSSL does. NULL removes it;
 * a connection without one of its own uses its context's.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_info_callback(struct SSL *ssl, tls12_info_cb cb);

/**
 * `tls12_SSL_set_io_callbacks` (libtls12's own): the connection reads and writes
 * through the application's functions instead of a socket. `read_cb` and `write_cb`
 * get `user_data` and follow the rules documented with their types: bytes moved,
 * 0 for end of stream (reads), or -1 with `errno` `EAGAIN`/`EWOULDBLOCK` for "would
 * block" (`SSL_ERROR_WANT_READ` / `WANT_WRITE`) or another `errno` for an error.
 * Returns 1, or 0 on failure.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; the callbacks are NULL or safe to call with
 * `user_data` for as long as the connection uses them.
 */
int tls12_SSL_set_io_callbacks(struct SSL *ssl,
                               tls12_read_cb read_cb,
                               tls12_write_cb write_cb,
                               void *user_data);

/**
 * `SSL_CTX_set_max_cert_list` / `SSL_set_max_cert_list`: the largest Certificate
 * (and, for a client, CertificateRequest) message accepted from the peer, in bytes;
 * returns the previous limit. A negative limit counts as 0.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
long tls12_SSL_set_max_cert_list(struct SSL *ssl, long max);

/**
 * `SSL_CTX_set_max_proto_version` / `SSL_set_max_proto_version` (macros in
 * OpenSSL): the highest version allowed (0 = no limit). A maximum below TLS 1.2
 * is kept, and handshakes then fail with "no protocols available". Returns 1, or 0
 * for a value that is not a TLS version.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_max_proto_version(struct SSL *ssl, int version);

/**
 * `SSL_CTX_set_min_proto_version` / `SSL_set_min_proto_version` (macros in
 * OpenSSL): the lowest version allowed (0 = no limit). TLS 1.2 is the only
 * protocol, so a minimum above it fails (0 with an error entry); lower values are
 * kept and change nothing. Returns 1 on success.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_min_proto_version(struct SSL *ssl, int version);

/**
 * `SSL_CTX_set_mode` / `SSL_set_mode` (macros in OpenSSL): turns on the
 * `SSL_MODE_*` bits in `mode`; returns the mode now in force. The bits that change
 * behaviour are `SSL_MODE_ENABLE_PARTIAL_WRITE`, `SSL_MODE_RELEASE_BUFFERS` and
 * `SSL_MODE_AUTO_RETRY` (always in effect: records that carry no data never make
 * a call return early); the others are kept and reported (a retried write may
 * always come from another address).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
long tls12_SSL_set_mode(struct SSL *ssl, long mode);

/**
 * `SSL_CTX_set_msg_callback` / `SSL_set_msg_callback`: the callback shown every
 * record header, handshake message, alert and ChangeCipherSpec in both directions
 * (NULL removes it). A connection takes its context's when it is made.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_msg_callback(struct SSL *ssl, tls12_msg_cb cb);

/**
 * `SSL_CTX_set_msg_callback_arg` / `SSL_set_msg_callback_arg` (macros in OpenSSL):
 * the last argument the message callback gets.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_msg_callback_arg(struct SSL *ssl, void *arg);

/**
 * `SSL_CTX_set_options` / `SSL_set_options`: turns on the `SSL_OP_*` bits in `op`;
 * returns the options now in force.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
uint64_t tls12_SSL_set_options(struct SSL *ssl, uint64_t op);

/**
 * `SSL_set_psk_client_callback`: the client callback of one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_set_psk_client_callback(struct SSL *ssl, tls12_psk_client_cb cb);

/**
 * `SSL_set_psk_server_callback`: the server callback of one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_set_psk_server_callback(struct SSL *ssl, tls12_psk_server_cb cb);

/**
 * `SSL_CTX_set_quiet_shutdown` / `SSL_set_quiet_shutdown`: with `mode` non-zero,
 * `SSL_shutdown` sends no close_notify, waits for none and returns 1, marking the
 * connection shut down both ways (as OpenSSL's quiet shutdown does).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_quiet_shutdown(struct SSL *ssl, int mode);

/**
 * `SSL_set_rfd`: reads from `fd` (see `SSL_set_fd`). Returns 1, or 0 on failure.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_set_rfd(struct SSL *ssl, int fd);

/**
 * `SSL_CTX_set_security_level` / `SSL_set_security_level`: OpenSSL's security
 * level, applied when a connection starts. Levels 0 to 2: every suite, DH groups
 * of 2048 bits or more (the library's floor); 3: forward-secret suites only
 * (ECDHE, DHE, ECDHE-PSK, DHE-PSK), DH groups of 3072 bits or more; 4: also no
 * SHA-1 MAC and 256-bit ciphers, DH of 7680 bits (so no DHE: the built-in groups
 * end at 4096); 5: DH of 15360 bits. Certificate key sizes are not checked.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_security_level(struct SSL *ssl, int level);

/**
 * `SSL_set_session`: a client offers `session` in its next handshake (by ticket if
 * it has one, else by session ID); the server may decline, and a full handshake
 * follows. The connection takes its own reference (the caller keeps theirs). NULL
 * offers nothing. Returns 1, or 0 for a NULL `ssl`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `session` is NULL or a live `SSL_SESSION`.
 */
int tls12_SSL_set_session(struct SSL *ssl, struct SSL_SESSION *session);

/**
 * `SSL_CTX_set_session_id_context` / `SSL_set_session_id_context`: the session id
 * context (at most 32 bytes): sessions are resumed only under the context they were
 * made in. Returns 1, or 0 when it is too long.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
int tls12_SSL_set_session_id_context(struct SSL *ssl,
                                     const unsigned char *sid_ctx,
                                     unsigned int sid_ctx_len);

/**
 * `SSL_set_shutdown`: sets the `SSL_SENT_SHUTDOWN` / `SSL_RECEIVED_SHUTDOWN` bits
 * (`SSL_SENT_SHUTDOWN` makes `SSL_shutdown` send no close_notify).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
void tls12_SSL_set_shutdown(struct SSL *ssl, int mode);

/**
 * `SSL_set_tlsext_host_name` (a macro over `SSL_ctrl` in OpenSSL): the host name a
 * client sends with SNI (NULL sends none). Unless `SSL_set1_host` says otherwise, the
 * server's certificate must also match it. Returns 1, or 0 for a name that is too long.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `name` is NULL or a NUL-terminated string.
 */
int tls12_SSL_set_tlsext_host_name(struct SSL *ssl, const char *name);

/**
 * `SSL_set_tlsext_status_ocsp_resp`: the DER OCSP response a server staples (call it
 * from the status callback). As in OpenSSL, the library takes ownership of `resp`,
 * which must come from `OPENSSL_malloc` (it is freed here); NULL clears the response.
 * Returns 1, or 0 (keeping nothing) for a negative length or NULL `ssl`.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `resp` is NULL or `len` bytes from `OPENSSL_malloc`
 * that the caller no longer uses.
 */
long tls12_SSL_set_tlsext_status_ocsp_resp(struct SSL *ssl, unsigned char *resp, long len);

/**
 * `SSL_set_tlsext_status_type`: with `TLSEXT_STATUSTYPE_ocsp` (1) the client asks the
 * server to staple an OCSP response (status_request); -1 asks for nothing. Returns 1,
 * or 0 for another type.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
long tls12_SSL_set_tlsext_status_type(struct SSL *ssl, int type_);

/**
 * `SSL_set_tmp_dh`: as `SSL_CTX_set_tmp_dh`, for one connection.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `dh` is NULL or a live `DH`.
 */
long tls12_SSL_set_tmp_dh(struct SSL *ssl, const struct DH *dh);

/**
 * `SSL_set_verify`: the verify mode and, when `cb` is not NULL, the callback (a NULL
 * `cb` keeps the one in place, as in OpenSSL).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `cb` is NULL or safe to call as documented.
 */
void tls12_SSL_set_verify(struct SSL *ssl, int mode, tls12_verify_cb cb);

/**
 * `SSL_CTX_set_verify_depth` / `SSL_set_verify_depth`: the longest chain accepted
 * (intermediates below the trust anchor; a negative depth counts as 0).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; pointer arguments are NULL or valid for the
 * lengths given.
 */
void tls12_SSL_set_verify_depth(struct SSL *ssl, int depth);

/**
 * `SSL_set_verify_result`: overrides the recorded verify result.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
void tls12_SSL_set_verify_result(struct SSL *ssl, long v);

/**
 * `SSL_set_wfd`: writes to `fd` (see `SSL_set_fd`). Returns 1, or 0 on failure.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_set_wfd(struct SSL *ssl, int fd);

/**
 * `SSL_shutdown`: the first call sends close_notify and returns 0 (1 if the peer's
 * close_notify already arrived); a later call waits for the peer's close_notify and
 * returns 1. With quiet shutdown on (`SSL_set_quiet_shutdown`), nothing is sent and
 * the call returns 1. -1 on failure or when the transport is not ready: see `SSL_get_error`.
 * Fails before the handshake has completed.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_shutdown(struct SSL *ssl);

/**
 * `SSL_state_string`: OpenSSL's short code for where the handshake is ("PINIT",
 * "TWCH", "TRSH" ... "SSLOK", "SSLERR").
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_state_string(const struct SSL *ssl);

/**
 * `SSL_state_string_long`: OpenSSL's sentence for where the handshake is ("before SSL
 * initialization", "SSLv3/TLS write client hello", ... "SSL negotiation finished
 * successfully", "error").
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
const char *tls12_SSL_state_string_long(const struct SSL *ssl);

/**
 * `SSL_up_ref`: adds a reference. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_up_ref(struct SSL *ssl);

/**
 * `SSL_use_psk_identity_hint`: the hint of one connection (see the context's).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `identity_hint` is NULL or a NUL-terminated string.
 */
int tls12_SSL_use_psk_identity_hint(struct SSL *ssl, const char *identity_hint);

/**
 * `SSL_version`: `TLS1_2_VERSION` (0x0303).
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_version(const struct SSL *ssl);

/**
 * `SSL_want`: what the last call waits for: `SSL_NOTHING` (1), `SSL_WRITING` (2) or
 * `SSL_READING` (3). (`SSL_want_read` / `SSL_want_write` are macros over it.)
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`.
 */
int tls12_SSL_want(const struct SSL *ssl);

/**
 * `SSL_write`: encrypts and sends `num` bytes (running the handshake first if it has
 * not completed). Returns `num` once everything is sent, or with
 * `SSL_MODE_ENABLE_PARTIAL_WRITE` the count sent so far (at least one record), or -1:
 * see `SSL_get_error`; after `SSL_ERROR_WANT_WRITE` call again with the same data.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` readable bytes.
 */
int tls12_SSL_write(struct SSL *ssl, const void *buf, int num);

/**
 * `SSL_write_ex`: as `SSL_write`; returns 1 with the count in `*written`, or 0.
 *
 * # Safety
 * `ssl` is NULL or a live `SSL`; `buf` is NULL or has `num` readable bytes;
 * `written` is NULL or valid for one write.
 */
int tls12_SSL_write_ex(struct SSL *ssl, const void *buf, size_t num, size_t *written);

/**
 * `TLS_client_method`: client connections (TLS 1.2).
 */
const struct SSL_METHOD *tls12_TLS_client_method(void);

/**
 * `TLS_method`: connections for either end (TLS 1.2).
 */
const struct SSL_METHOD *tls12_TLS_method(void);

/**
 * `TLS_server_method`: server connections (TLS 1.2).
 */
const struct SSL_METHOD *tls12_TLS_server_method(void);

/**
 * `TLSv1_2_client_method`: client connections, TLS 1.2 only.
 */
const struct SSL_METHOD *tls12_TLSv1_2_client_method(void);

/**
 * `TLSv1_2_method`: connections for either end, TLS 1.2 only.
 */
const struct SSL_METHOD *tls12_TLSv1_2_method(void);

/**
 * `TLSv1_2_server_method`: server connections, TLS 1.2 only.
 */
const struct SSL_METHOD *tls12_TLSv1_2_server_method(void);

/**
 * `X509_NAME_ENTRY_get_data`: the attribute's value (owned by the entry), or NULL.
 *
 * # Safety
 * `ne` is NULL or a live `X509_NAME_ENTRY`.
 */
struct ASN1_STRING *tls12_X509_NAME_ENTRY_get_data(const struct X509_NAME_ENTRY *ne);

/**
 * `X509_NAME_ENTRY_get_object`: the attribute's type (owned by the entry), or NULL.
 *
 * # Safety
 * `ne` is NULL or a live `X509_NAME_ENTRY`.
 */
struct ASN1_OBJECT *tls12_X509_NAME_ENTRY_get_object(const struct X509_NAME_ENTRY *ne);

/**
 * `X509_NAME_ENTRY_set`: the index of the entry's RDN in its name (entries of a
 * multi-valued RDN share it); -1 for NULL.
 *
 * # Safety
 * `ne` is NULL or a live `X509_NAME_ENTRY`.
 */
int tls12_X509_NAME_ENTRY_set(const struct X509_NAME_ENTRY *ne);

/**
 * `X509_NAME_cmp`: 0 when the two names have the same encoding, otherwise a stable
 * order (<0 or >0). NULL sorts before everything else.
 *
 * # Safety
 * `a` and `b` are NULL or live `X509_NAME`s.
 */
int tls12_X509_NAME_cmp(const struct X509_NAME *a, const struct X509_NAME *b);

/**
 * `X509_NAME_dup`: a copy of `name` that stands on its own (free it with
 * `X509_NAME_free`), or NULL.
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`.
 */
struct X509_NAME *tls12_X509_NAME_dup(const struct X509_NAME *name);

/**
 * `X509_NAME_entry_count`: the number of attributes in the name (0 for NULL).
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`.
 */
int tls12_X509_NAME_entry_count(const struct X509_NAME *name);

/**
 * `X509_NAME_free`: frees a name from `X509_NAME_dup` or a stack of names. NULL is
 * ignored; a name that belongs to a certificate (`X509_get_subject_name`) is left
 * alone, with an error entry.
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`; one the caller owns is not used afterwards.
 */
void tls12_X509_NAME_free(struct X509_NAME *name);

/**
 * `X509_NAME_get_entry`: the attribute at position `loc` (owned by the name), or NULL.
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`.
 */
struct X509_NAME_ENTRY *tls12_X509_NAME_get_entry(const struct X509_NAME *name, int loc);

/**
 * `X509_NAME_get_index_by_NID`: the position of the next attribute of type `nid` after
 * `lastpos` (-1: from the start), or -1 when there is none.
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`.
 */
int tls12_X509_NAME_get_index_by_NID(const struct X509_NAME *name, int nid, int lastpos);

/**
 * `X509_NAME_get_text_by_NID`: copies the value of the first attribute of type `nid`
 * (`NID_commonName` ...) into `buf` (at most `len - 1` bytes and a NUL). Returns the
 * number of bytes copied (with `buf` NULL: the value's length), or -1 if the name has
 * no such attribute.
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`; `buf` is NULL or has `len` writable bytes.
 */
int tls12_X509_NAME_get_text_by_NID(const struct X509_NAME *name, int nid, char *buf, int len);

/**
 * `X509_NAME_oneline`: the name as `/C=XX/O=Org/CN=name`. With `buf` NULL the text
 * is returned in a new buffer (free it with `OPENSSL_free`); otherwise at most `size`
 * bytes including the NUL are written to `buf` (entries that do not fit are left
 * out) and `buf` is returned. NULL on failure.
 *
 * # Safety
 * `a` is NULL or a live `X509_NAME`; `buf` is NULL or has `size` writable bytes.
 */
char *tls12_X509_NAME_oneline(const struct X509_NAME *a, char *buf, int size);

/**
 * `X509_NAME_print_ex`: writes `nm` to `out` in the form `flags` selects:
 * `XN_FLAG_ONELINE` (`C = XX, O = Org, CN = name`), `XN_FLAG_RFC2253`
 * (`CN=name,O=Org,C=XX`), `XN_FLAG_MULTILINE`, other combinations of the `XN_FLAG_*`
 * and `ASN1_STRFLGS_*` bits, or 0 (`XN_FLAG_COMPAT`: `C=XX, O=Org, CN=name`),
 * indented by `indent` spaces (not in the compat form). Returns the number of bytes
 * written (1 for the compat form), or -1 (0 for compat) on failure.
 *
 * # Safety
 * `out` is NULL or a live BIO; `nm` is NULL or a live `X509_NAME`.
 */
int tls12_X509_NAME_print_ex(struct BIO *out,
                             const struct X509_NAME *nm,
                             int indent,
                             unsigned long flags);

/**
 * `X509_STORE_CTX_get_current_cert`: the certificate the callback is about
 * (borrowed: do not free it), or NULL.
 *
 * # Safety
 * `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
 */
struct X509 *tls12_X509_STORE_CTX_get_current_cert(const struct X509_STORE_CTX *ctx);

/**
 * `X509_STORE_CTX_get_error`: the `X509_V_*` code of the verification so far.
 *
 * # Safety
 * `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
 */
int tls12_X509_STORE_CTX_get_error(const struct X509_STORE_CTX *ctx);

/**
 * `X509_STORE_CTX_get_error_depth`: the depth of the certificate the callback is
 * about (0 = the peer's own).
 *
 * # Safety
 * `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
 */
int tls12_X509_STORE_CTX_get_error_depth(const struct X509_STORE_CTX *ctx);

/**
 * `X509_STORE_CTX_get_ex_data`: with `SSL_get_ex_data_X509_STORE_CTX_idx()` the
 * `SSL *` being verified; NULL for other indexes.
 *
 * # Safety
 * `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
 */
void *tls12_X509_STORE_CTX_get_ex_data(const struct X509_STORE_CTX *ctx, int idx);

/**
 * `X509_STORE_CTX_set_error`: changes the `X509_V_*` code (what the connection's
 * verify result becomes).
 *
 * # Safety
 * `ctx` is NULL or the live `X509_STORE_CTX` given to a verify callback.
 */
void tls12_X509_STORE_CTX_set_error(struct X509_STORE_CTX *ctx, int s);

/**
 * `X509_STORE_add_cert`: trusts `x509` (the store keeps its own copy). Returns 1 (also
 * for a certificate already trusted, as OpenSSL 3), or 0 with an error entry for NULL.
 *
 * # Safety
 * `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive; `x509` is
 * NULL or a live `X509`.
 */
int tls12_X509_STORE_add_cert(struct X509_STORE *store, struct X509 *x509);

/**
 * `X509_STORE_get0_param`: the store's own parameters: flags set there are added to
 * every connection's (made afterwards) when a chain is checked.
 *
 * # Safety
 * `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive.
 */
struct X509_VERIFY_PARAM *tls12_X509_STORE_get0_param(struct X509_STORE *store);

/**
 * `X509_STORE_get1_all_certs`: a new stack of the trusted certificates (each with a
 * reference of its own), owned by the caller: free it with
 * `sk_X509_pop_free(sk, X509_free)`. NULL for NULL.
 *
 * # Safety
 * `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive.
 */
struct stack_st_X509 *tls12_X509_STORE_get1_all_certs(struct X509_STORE *store);

/**
 * `X509_STORE_set_flags`: sets the store's own flags (see `X509_STORE_get0_param`).
 *
 * # Safety
 * `store` is NULL or from `SSL_CTX_get_cert_store` with its context alive.
 */
int tls12_X509_STORE_set_flags(struct X509_STORE *store, unsigned long flags);

/**
 * `X509_VERIFY_PARAM_clear_flags`: turns off `flags` (`X509_V_FLAG_PARTIAL_CHAIN`).
 * Returns 1, or 0 with an error entry for NULL or flags that cannot be turned off.
 *
 * # Safety
 * As for `X509_VERIFY_PARAM_set_flags`.
 */
int tls12_X509_VERIFY_PARAM_clear_flags(struct X509_VERIFY_PARAM *param, unsigned long flags);

/**
 * `X509_VERIFY_PARAM_get_depth`: the depth limit (-1 for NULL).
 *
 * # Safety
 * As for `X509_VERIFY_PARAM_set_flags`.
 */
int tls12_X509_VERIFY_PARAM_get_depth(const struct X509_VERIFY_PARAM *param);

/**
 * `X509_VERIFY_PARAM_get_flags`: the flags in force (0 for NULL).
 *
 * # Safety
 * As for `X509_VERIFY_PARAM_set_flags`.
 */
unsigned long tls12_X509_VERIFY_PARAM_get_flags(const struct X509_VERIFY_PARAM *param);

/**
 * `X509_VERIFY_PARAM_get_hostflags`: the `X509_CHECK_FLAG_*` bits in force (0 for
 * NULL).
 *
 * # Safety
 * As for `X509_VERIFY_PARAM_set_flags`.
 */
unsigned int tls12_X509_VERIFY_PARAM_get_hostflags(const struct X509_VERIFY_PARAM *param);

/**
 * `X509_VERIFY_PARAM_set_depth`: the longest chain accepted, as
 * `SSL_CTX_set_verify_depth` (a negative depth counts as 0).
 *
 * # Safety
 * As for `X509_VERIFY_PARAM_set_flags`.
 */
void tls12_X509_VERIFY_PARAM_set_depth(struct X509_VERIFY_PARAM *param, int depth);

/**
 * `X509_VERIFY_PARAM_set_flags`: turns on `flags` (`X509_V_FLAG_PARTIAL_CHAIN`;
 * `X509_V_FLAG_TRUSTED_FIRST` is always on). Returns 1, or 0 with an error entry for
 * NULL or flags this library does not implement.
 *
 * # Safety
 * `param` is NULL or from `SSL_CTX_get0_param` / `SSL_get0_param` with its owner alive.
 */
int tls12_X509_VERIFY_PARAM_set_flags(struct X509_VERIFY_PARAM *param, unsigned long flags);

/**
 * `X509_VERIFY_PARAM_set_hostflags`: how the peer's names are matched against the
 * name given to `SSL_set1_host` (`X509_CHECK_FLAG_*`: `ALWAYS_CHECK_SUBJECT`,
 * `NO_WILDCARDS`, `NO_PARTIAL_WILDCARDS`, `NEVER_CHECK_SUBJECT`), replacing the flags
 * set before. NULL does nothing.
 *
 * # Safety
 * As for `X509_VERIFY_PARAM_set_flags`.
 */
void tls12_X509_VERIFY_PARAM_set_hostflags(struct X509_VERIFY_PARAM *param, unsigned int flags);

/**
 * `X509_check_ca`: whether the certificate may issue certificates: 1 when
 * basicConstraints says cA (0 when it says not), and without basicConstraints 3 for a
 * self-issued v1 certificate, 4 when keyUsage is present, 5 when the Netscape
 * certificate type names a CA; otherwise 0. A keyUsage without keyCertSign gives 0.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
int tls12_X509_check_ca(const struct X509 *x);

/**
 * `X509_check_host`: whether the certificate is for the host name `chk` (`chklen`
 * bytes, or a NUL-terminated string if `chklen` is 0): its subjectAltName DNS names,
 * or its subject's common name when it has none; a `*` in the leftmost label of a
 * certificate name stands for one label. `flags` are `X509_CHECK_FLAG_*`
 * (`ALWAYS_CHECK_SUBJECT`, `NO_WILDCARDS`, `NO_PARTIAL_WILDCARDS`,
 * `NEVER_CHECK_SUBJECT`). On a match `*peername` (if `peername` is not NULL) gets a
 * copy of the certificate's name (free it with `OPENSSL_free`). Returns 1 for a match,
 * 0 for none, -2 for a malformed name, -1 on failure.
 *
 * # Safety
 * `x` is NULL or a live `X509`; `chk` points to `chklen` bytes (a NUL-terminated
 * string when `chklen` is 0); `peername` is NULL or valid for one pointer write.
 */
int tls12_X509_check_host(const struct X509 *x,
                          const char *chk,
                          size_t chklen,
                          unsigned int flags,
                          char **peername);

/**
 * `X509_check_ip`: whether the certificate's subjectAltName lists the IP address of
 * `chklen` bytes at `chk` (4 for IPv4, 16 for IPv6). Returns 1, 0, or -2 for a
 * malformed address.
 *
 * # Safety
 * `x` is NULL or a live `X509`; `chk` points to `chklen` readable bytes.
 */
int tls12_X509_check_ip(const struct X509 *x,
                        const unsigned char *chk,
                        size_t chklen,
                        unsigned int flags);

/**
 * `X509_check_ip_asc`: as `X509_check_ip` with the address as text ("192.0.2.1",
 * "2001:db8::1"). Returns 1, 0, or -2 when `address` is not an IP address.
 *
 * # Safety
 * `x` is NULL or a live `X509`; `address` is NULL or a NUL-terminated string.
 */
int tls12_X509_check_ip_asc(const struct X509 *x, const char *address, unsigned int flags);

/**
 * `X509_check_issued`: `X509_V_OK` (0) when `issuer` may have issued `subject` (the
 * names link, the key identifiers agree, the signature algorithm fits the issuer's key
 * and its keyUsage, if any, allows certificate signing), else the `X509_V_ERR_*` code
 * that says why not. No signature is checked. NULL gives `X509_V_ERR_UNSPECIFIED`
 * with an error entry.
 *
 * # Safety
 * `issuer` and `subject` are NULL or live `X509`s.
 */
int tls12_X509_check_issued(const struct X509 *issuer, const struct X509 *subject);

/**
 * `X509_cmp`: 0 when `a` and `b` are the same certificate (same encoding), otherwise
 * a stable order (<0 or >0). NULL sorts before everything else.
 *
 * # Safety
 * `a` and `b` are NULL or live `X509`s.
 */
int tls12_X509_cmp(const struct X509 *a, const struct X509 *b);

/**
 * `X509_cmp_current_time`: -1 if the time is before now, 1 if it is after, 0 on
 * failure.
 *
 * # Safety
 * `tm` is NULL or a live `ASN1_TIME`.
 */
int tls12_X509_cmp_current_time(const struct ASN1_TIME *tm);

/**
 * `X509_dup`: a new certificate (one reference for the caller) with the contents of
 * `x`, or NULL.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
struct X509 *tls12_X509_dup(const struct X509 *x);

/**
 * `X509_free`: drops a reference; the last one frees the certificate (and its names).
 *
 * # Safety
 * `x` is NULL or a live `X509` whose reference the caller gives up.
 */
void tls12_X509_free(struct X509 *x);

/**
 * `X509_get0_general_name` (this library's own: OpenSSL decodes these extensions
 * with `X509_get_ext_d2i` into structures this library does not have): the `idx`th
 * (from 0) name of one list of the certificate, chosen by `nid`:
 * `NID_subject_alt_name` (85) the subjectAltName names, `NID_ad_OCSP` (178) the OCSP
 * responders and `NID_ad_ca_issuers` (179) the CA issuers of authorityInfoAccess,
 * `NID_crl_distribution_points` (103) the full names of the CRL distribution points.
 * Stores a pointer to the value (owned by `x`) in `*data` and its length in `*len`:
 * the text of an email address, DNS name or URI, the 4 or 16 bytes of an IP address,
 * the dotted text of a registered ID, the DER Name of a directory name, the encoded
 * content of the other kinds. Returns the kind (`GEN_EMAIL` 1, `GEN_DNS` 2,
 * `GEN_DIRNAME` 4, `GEN_URI` 6, `GEN_IPADD` 7, `GEN_RID` 8; 0, 3 and 5 for otherName,
 * x400Address and ediPartyName), or -1 past the end of the list (no error entry) or
 * for NULL or an unknown `nid` (with an error entry).
 *
 * # Safety
 * `x` is NULL or a live `X509`; `data` and `len` are NULL or writable.
 */
int tls12_X509_get0_general_name(const struct X509 *x,
                                 int nid,
                                 int idx,
                                 const unsigned char **data,
                                 int *len);

/**
 * `X509_get0_notAfter`: the end of the validity period, owned by `x`.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
const struct ASN1_TIME *tls12_X509_get0_notAfter(const struct X509 *x);

/**
 * `X509_get0_notBefore`: the start of the validity period, owned by `x`.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
const struct ASN1_TIME *tls12_X509_get0_notBefore(const struct X509 *x);

/**
 * `X509_get0_serialNumber`: the serial number, owned by `x`.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
const struct ASN1_INTEGER *tls12_X509_get0_serialNumber(const struct X509 *x);

/**
 * `X509_get_X509_PUBKEY`: the certificate's public key, owned by the certificate
 * (valid while it lives; not to be freed), or NULL for NULL.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
struct X509_PUBKEY *tls12_X509_get_X509_PUBKEY(const struct X509 *x);

/**
 * `X509_get_issuer_name`: the issuer's name, owned by `x` (do not free it).
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
struct X509_NAME *tls12_X509_get_issuer_name(const struct X509 *x);

/**
 * `X509_get_serialNumber`: the serial number, owned by `x`.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
struct ASN1_INTEGER *tls12_X509_get_serialNumber(struct X509 *x);

/**
 * `X509_get_signature_nid`: the NID of the algorithm the certificate is signed with
 * (`NID_sha256WithRSAEncryption` ...), `NID_undef` for one this library does not know
 * and for NULL.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
int tls12_X509_get_signature_nid(const struct X509 *x);

/**
 * `X509_get_subject_name`: the subject's name, owned by `x` (do not free it).
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
struct X509_NAME *tls12_X509_get_subject_name(const struct X509 *x);

/**
 * `X509_get_version`: the version field (0 for v1, 2 for v3), or -1 for NULL.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
long tls12_X509_get_version(const struct X509 *x);

/**
 * `X509_up_ref`: adds a reference. Returns 1, or 0 for NULL.
 *
 * # Safety
 * `x` is NULL or a live `X509`.
 */
int tls12_X509_up_ref(struct X509 *x);

/**
 * `X509_verify_cert_error_string`: OpenSSL's text for an `X509_V_*` code, such as
 * "certificate has expired". The text is static.
 */
const char *tls12_X509_verify_cert_error_string(long n);

/**
 * `d2i_SSL_SESSION`: reads one session in the DER form of `i2d_SSL_SESSION` from the
 * `length` bytes at `*pp`, advancing `*pp` past it. Returns the session (also in `*a`
 * if `a` is not NULL), or NULL with an error entry.
 *
 * # Safety
 * `pp` is NULL or valid for reading and writing one pointer, and `*pp` points to
 * `length` readable bytes; `a` is NULL, or points to NULL or a live `SSL_SESSION`.
 */
struct SSL_SESSION *tls12_d2i_SSL_SESSION(struct SSL_SESSION **a,
                                          const unsigned char **pp,
                                          long length);

/**
 * `d2i_X509`: reads one DER certificate from the `len` bytes at `*in`, advancing
 * `*in` past it. Returns the certificate (also stored in `*px` if `px` is not NULL),
 * or NULL with an error entry.
 *
 * # Safety
 * `in_` is valid for reading and writing one pointer, and `*in_` points to `len`
 * readable bytes; `px` is as for OpenSSL (NULL, or a pointer to NULL or a live `X509`).
 */
struct X509 *tls12_d2i_X509(struct X509 **px, const unsigned char **in_, long len);

/**
 * `d2i_X509_NAME`: reads the DER Name at `*in_` (`len` bytes), a name of its own
 * (free it with `X509_NAME_free`); advances `*in_` past it and, when `a` is not NULL,
 * also stores it in `*a` (freeing the name there). NULL with an error entry when no
 * name can be read.
 *
 * # Safety
 * `in_` is NULL or holds a pointer to `len` readable bytes; `a` is NULL or valid,
 * holding NULL or a name the caller owns.
 */
struct X509_NAME *tls12_d2i_X509_NAME(struct X509_NAME **a, const unsigned char **in_, long len);

/**
 * `i2a_ASN1_INTEGER`: writes the value to `bp` in hexadecimal as OpenSSL does (two
 * upper-case digits a byte, `-` before a negative value, `00` for zero, a backslash
 * and newline every 35 bytes). Returns the number of characters written, or -1.
 *
 * # Safety
 * `bp` is NULL or a live BIO; `a` is NULL or a live `ASN1_INTEGER`.
 */
int tls12_i2a_ASN1_INTEGER(struct BIO *bp, const struct ASN1_INTEGER *a);

/**
 * `i2d_SSL_SESSION`: the session's DER encoding (it holds the master secret: keep it
 * secret). With `pp` NULL only the length is returned; with `*pp` NULL a buffer is
 * allocated (free it with `OPENSSL_free`) and stored in `*pp`; otherwise the encoding
 * is written at `*pp`, which is advanced past it. Returns the length, or 0 on failure.
 *
 * # Safety
 * `in_` is NULL or a live `SSL_SESSION`; `pp` is NULL or valid for reading and writing
 * one pointer, and a non-NULL `*pp` has room for the encoding.
 */
int tls12_i2d_SSL_SESSION(const struct SSL_SESSION *in_, unsigned char **pp);

/**
 * `i2d_X509`: the DER encoding of `x`. With `out` NULL only the length is returned;
 * with `*out` NULL a buffer is allocated (free it with `OPENSSL_free`) and stored in
 * `*out`; otherwise the encoding is written at `*out`, which is advanced past it.
 * Returns the length, or -1 on failure.
 *
 * # Safety
 * `x` is NULL or a live `X509`; `out` is NULL or valid for reading and writing one
 * pointer, and a non-NULL `*out` has room for the encoding.
 */
int tls12_i2d_X509(const struct X509 *x, unsigned char **out);

/**
 * `i2d_X509_NAME`: the DER encoding of `name`, written as `i2d_X509` writes a
 * certificate's. Returns the length, or -1 on failure.
 *
 * # Safety
 * `name` is NULL or a live `X509_NAME`; `out` as for `i2d_X509`.
 */
int tls12_i2d_X509_NAME(const struct X509_NAME *name, unsigned char **out);

/**
 * `i2d_X509_PUBKEY`: the DER subjectPublicKeyInfo of `a`, written as `i2d_X509`
 * writes a certificate (length only when `out` is NULL; a new buffer when `*out` is
 * NULL; else written at `*out`, which is advanced). Returns the length, or -1.
 *
 * # Safety
 * `a` is NULL or from `X509_get_X509_PUBKEY` with its certificate alive; `out` as for
 * `i2d_X509`.
 */
int tls12_i2d_X509_PUBKEY(const struct X509_PUBKEY *a, unsigned char **out);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* TLS12_TLS12_H */

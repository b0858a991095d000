/*
 * Tracing a connection as openssl's apps do: -msg prints every record header and
 * message in and out with its length and bytes in hex, -trace decodes them (record
 * headers; hellos with their versions, suites, extensions, groups and signature
 * schemes by name), -state prints the handshake's state transitions.
 */
#include "features.h"
#include "tool.h"

#include <stdint.h>
#include <string.h>

static void print_state(const SSL *ssl, int where, int ret)
{
    const char *role = (where & SSL_ST_CONNECT) ? "SSL_connect" :
                       (where & SSL_ST_ACCEPT)  ? "SSL_accept" : "undefined";
    if (where & SSL_CB_LOOP)
        printf("%s:%s\n", role, SSL_state_string_long(ssl));
    else if (where & SSL_CB_ALERT)
        printf("SSL3 alert %s:%s:%s\n", (where & SSL_CB_READ) ? "read" : "write",
               SSL_alert_type_string_long(ret), SSL_alert_desc_string_long(ret));
    else if ((where & SSL_CB_EXIT) && ret == 0)
        printf("%s:failed in %s\n", role, SSL_state_string_long(ssl));
    else if ((where & SSL_CB_EXIT) && ret < 0)
        printf("%s:error in %s\n", role, SSL_state_string_long(ssl));
    fflush(stdout);
}

void enable_state(SSL *ssl)
{
    SSL_set_info_callback(ssl, print_state);
}

#if HAVE_MSG_CALLBACK

struct name {
    int value;
    const char *text;
};

static const char *lookup(const struct name *table, size_t count, int value)
{
    for (size_t i = 0; i < count; i++)
        if (table[i].value == value)
            return table[i].text;
    return "unknown";
}

#define LOOKUP(table, value) lookup((table), sizeof(table) / sizeof((table)[0]), (value))

enum { RT_HEADER = 256, RT_CCS = 20, RT_ALERT = 21, RT_HANDSHAKE = 22, RT_DATA = 23 };

static const struct name content_types[] = {
    {RT_CCS, "ChangeCipherSpec"}, {RT_ALERT, "Alert"}, {RT_HANDSHAKE, "Handshake"},
    {RT_DATA, "ApplicationData"}, {RT_HEADER, "RecordHeader"},
};

static const struct name handshake_types[] = {
    {0, "HelloRequest"},        {1, "ClientHello"},        {2, "ServerHello"},
    {4, "NewSessionTicket"},    {11, "Certificate"},       {12, "ServerKeyExchange"},
    {13, "CertificateRequest"}, {14, "ServerHelloDone"},   {15, "CertificateVerify"},
    {16, "ClientKeyExchange"},  {20, "Finished"},          {22, "CertificateStatus"},
};

static const struct name versions[] = {
    {0x0300, "SSL 3.0"}, {0x0301, "TLS 1.0"}, {0x0302, "TLS 1.1"}, {0x0303, "TLS 1.2"},
    {0x0304, "TLS 1.3"},
};

static const struct name extensions[] = {
    {0, "server_name"},         {1, "max_fragment_length"},  {5, "status_request"},
    {10, "supported_groups"},   {11, "ec_point_formats"},    {13, "signature_algorithms"},
    {16, "application_layer_protocol_negotiation"},          {18, "signed_certificate_timestamp"},
    {21, "padding"},            {22, "encrypt_then_mac"},    {23, "extended_master_secret"},
    {35, "session_ticket"},     {43, "supported_versions"},  {45, "psk_key_exchange_modes"},
    {51, "key_share"},          {0xff01, "renegotiate"},
};

static const struct name groups[] = {
    {23, "secp256r1 (P-256)"}, {24, "secp384r1 (P-384)"}, {25, "secp521r1 (P-521)"},
    {29, "ecdh_x25519"},       {30, "ecdh_x448"},         {256, "ffdhe2048"},
    {257, "ffdhe3072"},        {258, "ffdhe4096"},        {259, "ffdhe6144"},
    {260, "ffdhe8192"},
};

static const struct name signature_schemes[] = {
    {0x0201, "rsa_pkcs1_sha1"},         {0x0203, "ecdsa_sha1"},
    {0x0301, "rsa_pkcs1_sha224"},       {0x0303, "ecdsa_sha224"},
    {0x0401, "rsa_pkcs1_sha256"},       {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0501, "rsa_pkcs1_sha384"},       {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0601, "rsa_pkcs1_sha512"},       {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0804, "rsa_pss_rsae_sha256"},    {0x0805, "rsa_pss_rsae_sha384"},
    {0x0806, "rsa_pss_rsae_sha512"},    {0x0807, "ed25519"},
    {0x0808, "ed448"},                  {0x0809, "rsa_pss_pss_sha256"},
    {0x080a, "rsa_pss_pss_sha384"},     {0x080b, "rsa_pss_pss_sha512"},
};

/* Alert descriptions as openssl's apps spell them (RFC 5246 7.2 and later RFCs). */
static const struct name alerts[] = {
    {0, "close_notify"},           {10, "unexpected_message"},    {20, "bad_record_mac"},
    {21, "decryption_failed"},     {22, "record_overflow"},       {30, "decompression_failure"},
    {40, "handshake_failure"},     {42, "bad_certificate"},       {43, "unsupported_certificate"},
    {44, "certificate_revoked"},   {45, "certificate_expired"},   {46, "certificate_unknown"},
    {47, "illegal_parameter"},     {48, "unknown_ca"},            {49, "access_denied"},
    {50, "decode_error"},          {51, "decrypt_error"},         {60, "export_restriction"},
    {70, "protocol_version"},      {71, "insufficient_security"}, {80, "internal_error"},
    {86, "inappropriate_fallback"}, {90, "user_canceled"},        {100, "no_renegotiation"},
    {109, "missing_extension"},    {110, "unsupported_extension"}, {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},                    {115, "unknown_psk_identity"},
    {116, "certificate_required"}, {120, "no_application_protocol"},
};

static const struct name point_formats[] = {
    {0, "uncompressed"}, {1, "ansiX962_compressed_prime"}, {2, "ansiX962_compressed_char2"},
};

/* ---- -msg ---- */

static void hex_dump(const uint8_t *bytes, size_t len)
{
    if (len == 0)
        return;
    printf("   ");
    for (size_t i = 0; i < len; i++)
        printf("%s %02x", i > 0 && i % 16 == 0 ? "\n   " : "", bytes[i]);
    printf("\n");
}

static void print_message(int write_p, int version, int content_type, const void *buf,
                          size_t len, SSL *ssl, void *arg)
{
    const uint8_t *bytes = buf;
    (void)ssl;
    (void)arg;
    if (content_type == RT_HEADER && len >= 3)
        version = bytes[1] << 8 | bytes[2];
    printf("%s %s, %s [length %04zx]", write_p ? ">>>" : "<<<", LOOKUP(versions, version),
           LOOKUP(content_types, content_type), len);
    if (content_type == RT_HANDSHAKE && len >= 1)
        printf(", %s", LOOKUP(handshake_types, bytes[0]));
    else if (content_type == RT_ALERT && len >= 2)
        printf(", %s %s", bytes[0] == 1 ? "warning" : "fatal", LOOKUP(alerts, bytes[1]));
    printf("\n");
    hex_dump(bytes, len);
    fflush(stdout);
}

/* ---- -trace ---- */

/* A cursor over a message's bytes; reads past the end give 0 and set `short_read`. */
struct reader {
    const uint8_t *p;
    size_t left;
    int short_read;
};

static unsigned take(struct reader *r, size_t n)
{
    unsigned value = 0;
    if (r->left < n) {
        r->short_read = 1;
        r->left = 0;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        value = value << 8 | r->p[i];
    r->p += n;
    r->left -= n;
    return value;
}

/* A length-prefixed part (prefix of `n` bytes) as a reader of its own. */
static struct reader sub(struct reader *r, size_t n)
{
    size_t len = take(r, n);
    struct reader part = {r->p, len <= r->left ? len : r->left, len > r->left};
    r->p += part.left;
    r->left -= part.left;
    return part;
}

static void print_bytes(const char *label, struct reader *r, size_t len)
{
    printf("%s (len=%zu): ", label, len);
    for (size_t i = 0; i < len && i < r->left; i++)
        printf("%02X", r->p[i]);
    printf("\n");
    take(r, len);
}

/* The standard name of suite `id` when this library knows it. */
static const char *suite_name(SSL *ssl, unsigned id)
{
    STACK_OF(SSL_CIPHER) *ciphers = SSL_get_ciphers(ssl);
    for (int i = 0; ciphers != NULL && i < sk_SSL_CIPHER_num(ciphers); i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(ciphers, i);
        if ((SSL_CIPHER_get_id(c) & 0xffff) == id)
            return SSL_CIPHER_standard_name(c);
    }
    return id == 0x00ff ? "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" : "unknown";
}

static void print_suite(SSL *ssl, const char *prefix, unsigned id)
{
    printf("%s{0x%02X, 0x%02X} %s\n", prefix, id >> 8, id & 0xff, suite_name(ssl, id));
}

/* Lists of 1- or 2-byte values inside an extension, named by `table`. */
static void print_list(struct reader *r, size_t prefix, size_t width, const struct name *table,
                       size_t count)
{
    struct reader list = sub(r, prefix);
    while (list.left >= width) {
        unsigned value = take(&list, width);
        printf(width == 1 ? "          %s (%u)\n" : "          %s (0x%04x)\n",
               lookup(table, count, (int)value), value);
    }
}

static void print_extensions(struct reader *r)
{
    if (r->left == 0)
        return;
    struct reader all = sub(r, 2);
    printf("      extensions, length = %zu\n", all.left);
    while (all.left >= 4) {
        unsigned type = take(&all, 2);
        struct reader ext = sub(&all, 2);
        printf("        extension_type=%s(%u), length=%zu\n", LOOKUP(extensions, (int)type), type,
               ext.left);
        if (type == 10)
            print_list(&ext, 2, 2, groups, sizeof groups / sizeof groups[0]);
        else if (type == 13)
            print_list(&ext, 2, 2, signature_schemes,
                       sizeof signature_schemes / sizeof signature_schemes[0]);
        else if (type == 11)
            print_list(&ext, 1, 1, point_formats, sizeof point_formats / sizeof point_formats[0]);
    }
}

static void print_hello(SSL *ssl, struct reader *r, int client)
{
    unsigned version = take(r, 2);
    printf("      %s_version=0x%x (%s)\n", client ? "client" : "server", version,
           LOOKUP(versions, (int)version));
    printf("      Random:\n        gmt_unix_time=0x%08X\n", take(r, 4));
    print_bytes("        random_bytes", r, 28);
    struct reader id = sub(r, 1);
    print_bytes("      session_id", &id, id.left);
    if (client) {
        struct reader suites = sub(r, 2);
        printf("      cipher_suites (len=%zu)\n", suites.left);
        while (suites.left >= 2)
            print_suite(ssl, "        ", take(&suites, 2));
        struct reader methods = sub(r, 1);
        printf("      compression_methods (len=%zu)\n", methods.left);
        while (methods.left > 0)
            printf("        %s\n", take(&methods, 1) == 0 ? "No Compression (0x00)" : "unknown");
    } else {
        print_suite(ssl, "      cipher_suite ", take(r, 2));
        printf("      compression_method: %s\n",
               take(r, 1) == 0 ? "No Compression (0x00)" : "unknown");
    }
    print_extensions(r);
}

static void print_decoded(int write_p, int version, int content_type, const void *buf,
                          size_t len, SSL *ssl, void *arg)
{
    struct reader r = {buf, len, 0};
    (void)version;
    (void)arg;
    if (content_type == RT_HEADER && len == 5) {
        unsigned type = take(&r, 1), record_version = take(&r, 2);
        printf("%s Record\nHeader:\n  Version = %s (0x%x)\n  Content Type = %s (%u)\n"
               "  Length = %u\n", write_p ? "Sent" : "Received",
               LOOKUP(versions, (int)record_version), record_version,
               LOOKUP(content_types, (int)type), type, take(&r, 2));
    } else if (content_type == RT_HANDSHAKE && len >= 4) {
        unsigned type = take(&r, 1), body = take(&r, 3);
        printf("    %s, Length=%u\n", LOOKUP(handshake_types, (int)type), body);
        if (type == 1 || type == 2)
            print_hello(ssl, &r, type == 1);
        if (r.short_read)
            printf("      (message shorter than its fields)\n");
    } else if (content_type == RT_ALERT && len == 2) {
        printf("    Level=%s(%u), description=%s(%u)\n", r.p[0] == 1 ? "warning" : "fatal",
               r.p[0], LOOKUP(alerts, r.p[1]), r.p[1]);
    } else if (content_type == RT_CCS) {
        printf("    change_cipher_spec (1)\n");
    }
    fflush(stdout);
}

int enable_trace(SSL *ssl, int decoded)
{
    SSL_set_msg_callback(ssl, decoded ? print_decoded : print_message);
    SSL_set_msg_callback_arg(ssl, NULL);
    return 1;
}

#else

int enable_trace(SSL *ssl, int decoded)
{
    (void)ssl;
    not_supported(decoded ? "-trace" : "-msg", "SSL_set_msg_callback");
    return 0;
}

#endif

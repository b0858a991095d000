/*
 * -msg: a readable line for every protocol message sent (">>>") or received ("<<<").
 * A library without SSL_set_msg_callback gets a trace of the handshake's states from
 * the info callback instead.
 */
#include "features.h"
#include "tool.h"

#include <stdint.h>

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

static const struct name content_types[] = {
    {20, "ChangeCipherSpec"}, {21, "Alert"}, {22, "Handshake"}, {23, "ApplicationData"},
};

static const struct name handshake_types[] = {
    {0, "HelloRequest"},        {1, "ClientHello"},        {2, "ServerHello"},
    {4, "NewSessionTicket"},    {11, "Certificate"},       {12, "ServerKeyExchange"},
    {13, "CertificateRequest"}, {14, "ServerHelloDone"},   {15, "CertificateVerify"},
    {16, "ClientKeyExchange"},  {20, "Finished"},          {22, "CertificateStatus"},
};

static const struct name alert_levels[] = {{1, "warning"}, {2, "fatal"}};

static void on_message(int write_p, int version, int content_type, const void *buf,
                       size_t len, SSL *ssl, void *arg)
{
    const uint8_t *bytes = buf;
    (void)ssl;
    (void)arg;
    if (content_type != 20 && content_type != 21 && content_type != 22)
        return;   /* record headers, inner types and application data */
    printf("%s %s %s, %zu bytes", write_p ? ">>>" : "<<<",
           version == TLS1_2_VERSION ? "TLSv1.2" : "TLS", LOOKUP(content_types, content_type),
           len);
    if (content_type == 22 && len >= 1)
        printf(": %s", LOOKUP(handshake_types, bytes[0]));
    else if (content_type == 21 && len >= 2)
        printf(": %s %s", LOOKUP(alert_levels, bytes[0]), SSL_alert_desc_string_long(bytes[1]));
    printf("\n");
    fflush(stdout);
}

int trace_has_messages(void)
{
    return 1;
}

void enable_trace(SSL *ssl)
{
    SSL_set_msg_callback(ssl, on_message);
    SSL_set_msg_callback_arg(ssl, NULL);
}

#else

static void on_info(const SSL *ssl, int where, int ret)
{
    const char *role = (where & SSL_ST_CONNECT) ? "SSL_connect" :
                       (where & SSL_ST_ACCEPT)  ? "SSL_accept" : "SSL";
    if (where & SSL_CB_ALERT)
        printf("%s alert %s: %s\n", (where & SSL_CB_READ) ? "<<< read" : ">>> write",
               SSL_alert_type_string_long(ret), SSL_alert_desc_string_long(ret));
    else if (where & SSL_CB_LOOP)
        printf("%s: %s\n", role, SSL_state_string_long(ssl));
    else if (where & SSL_CB_HANDSHAKE_DONE)
        printf("%s: handshake done\n", role);
    else if ((where & SSL_CB_EXIT) && ret <= 0)
        printf("%s: %s in %s\n", role, ret == 0 ? "failed" : "waiting",
               SSL_state_string_long(ssl));
    fflush(stdout);
}

int trace_has_messages(void)
{
    return 0;
}

void enable_trace(SSL *ssl)
{
    static int told;
    if (!told++)
        fprintf(stderr, "tls12: -msg: this build has no message callback "
                        "(SSL_set_msg_callback); showing handshake states and the session "
                        "summary instead\n");
    SSL_set_info_callback(ssl, on_info);
}

#endif

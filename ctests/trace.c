/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * The message callback (SSL_set_msg_callback, SSL_set_msg_callback_arg) and the info
 * callback (SSL_set_info_callback, SSL_CTX_set_info_callback): each side notes every
 * event in order — record headers, handshake messages, alerts and ChangeCipherSpec in
 * and out, and the info callback's HANDSHAKE_START / LOOP / EXIT / HANDSHAKE_DONE /
 * ALERT events with SSL_state_string_long — for a full handshake, a resumed one, one
 * with a client certificate and one that fails, each with some data and a shutdown
 * where it succeeds. Both sides run over memory BIOs in one thread, so the order of
 * each side's events (and where a call waits) does not depend on scheduling.
 *
 * What is printed is what does not depend on the library's choices: record headers
 * by content type and version, handshake messages by type, alerts by level and
 * description; not lengths or bytes (the hello extensions differ between libraries).
 *
 * One deliberate difference: OpenSSL 3.0 shows the message callback only the record
 * header of a ChangeCipherSpec it receives, not the message; libtls12 shows the message
 * as well (the callback sees every message in both directions). Received
 * ChangeCipherSpec messages are therefore counted, not printed, and each build checks
 * its own count (0 for OpenSSL, one per handshake for libtls12).
 */
#include "common.h"

#include <stdio.h>
#include <string.h>

/* What a side's callbacks write to: its log, and the count of received CCS messages. */
struct tracer {
    struct side *side;
    int ccs_received;
};

static const char *content_name(int type)
{
    switch (type) {
    case SSL3_RT_CHANGE_CIPHER_SPEC: return "ChangeCipherSpec";
    case SSL3_RT_ALERT: return "Alert";
    case SSL3_RT_HANDSHAKE: return "Handshake";
    case SSL3_RT_APPLICATION_DATA: return "ApplicationData";
    default: return "unknown";
    }
}

static const char *handshake_name(int type)
{
    switch (type) {
    case SSL3_MT_HELLO_REQUEST: return "HelloRequest";
    case SSL3_MT_CLIENT_HELLO: return "ClientHello";
    case SSL3_MT_SERVER_HELLO: return "ServerHello";
    case SSL3_MT_NEWSESSION_TICKET: return "NewSessionTicket";
    case SSL3_MT_CERTIFICATE: return "Certificate";
    case SSL3_MT_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case SSL3_MT_CERTIFICATE_REQUEST: return "CertificateRequest";
    case SSL3_MT_SERVER_DONE: return "ServerHelloDone";
    case SSL3_MT_CERTIFICATE_VERIFY: return "CertificateVerify";
    case SSL3_MT_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case SSL3_MT_FINISHED: return "Finished";
    case SSL3_MT_CERTIFICATE_STATUS: return "CertificateStatus";
    default: return "unknown";
    }
}

static void on_message(int write_p, int version, int content_type, const void *buf,
                       size_t len, SSL *ssl, void *arg)
{
    struct tracer *t = arg;
    const unsigned char *p = buf;
    const char *way = write_p ? ">>>" : "<<<";
    check(ssl == t->side->ssl, "the message callback gets its own SSL");
    if (content_type == SSL3_RT_HEADER) {
        check(len == SSL3_RT_HEADER_LENGTH, "a record header is 5 bytes, not %zu", len);
        note(t->side, "msg %s header %s version %04x", way, content_name(p[0]),
             (unsigned)(p[1] << 8 | p[2]));
        return;
    }
    /* OpenSSL's server gives a ClientHello the highest version it knows (TLS 1.3 even
     * when limited to TLS 1.2); libtls12 speaks only TLS 1.2. */
    int server_hello_in = !write_p && SSL_is_server(ssl) && content_type == SSL3_RT_HANDSHAKE;
    check(version == TLS1_2_VERSION || server_hello_in, "message version %04x", (unsigned)version);
    switch (content_type) {
    case SSL3_RT_HANDSHAKE:
        check(len >= SSL3_HM_HEADER_LENGTH &&
                  len == SSL3_HM_HEADER_LENGTH + (size_t)(p[1] << 16 | p[2] << 8 | p[3]),
              "a handshake message comes whole with its header");
        note(t->side, "msg %s %s", way, handshake_name(p[0]));
        break;
    case SSL3_RT_ALERT:
        check(len == 2, "an alert is 2 bytes");
        note(t->side, "msg %s alert %s %s", way, SSL_alert_type_string_long(p[0] << 8),
             SSL_alert_desc_string_long(p[1]));
        break;
    case SSL3_RT_CHANGE_CIPHER_SPEC:
        check(len == 1 && p[0] == SSL3_MT_CCS, "a ChangeCipherSpec is one byte 01");
        if (write_p)
            note(t->side, "msg >>> ChangeCipherSpec");
        else
            t->ccs_received++;
        break;
    default:
        note(t->side, "msg %s content type %d", way, content_type);
    }
}

/* The info callback finds its tracer through the SSL's app data. */
static void on_info(const SSL *ssl, int where, int ret)
{
    struct tracer *t = SSL_get_app_data(ssl);
    const char *role = (where & SSL_ST_CONNECT) ? "connect" :
                       (where & SSL_ST_ACCEPT)  ? "accept" : "-";
    const char *state = SSL_state_string_long(ssl);
    if (where & SSL_CB_ALERT)
        note(t->side, "info alert %s %s:%s", (where & SSL_CB_READ) ? "read" : "write",
             SSL_alert_type_string_long(ret), SSL_alert_desc_string_long(ret));
    else if (where & SSL_CB_HANDSHAKE_START)
        note(t->side, "info handshake start (%s)", state);
    else if (where & SSL_CB_HANDSHAKE_DONE)
        note(t->side, "info handshake done (%s)", state);
    else if (where & SSL_CB_LOOP)
        note(t->side, "info %s loop: %s", role, state);
    else if (where & SSL_CB_EXIT)
        note(t->side, "info %s exit %d: %s", role, ret, state);
    else
        note(t->side, "info where=%#x ret=%d", (unsigned)where, ret);
}

/* The client's callbacks are set on its SSL, the server's info callback on its
 * context and its message callback on its SSL, so that both ways are exercised. */
static void trace_side(struct tracer *t, struct side *side, int info_on_ctx)
{
    t->side = side;
    t->ccs_received = 0;
    SSL_set_app_data(side->ssl, t);
    SSL_set_msg_callback(side->ssl, on_message);
    SSL_set_msg_callback_arg(side->ssl, t);
    if (!info_on_ctx)
        SSL_set_info_callback(side->ssl, on_info);
}

/* One connection; returns the client's session when it asks for one. */
static SSL_SESSION *run_case(const char *title, SSL_CTX *server_ctx, SSL_CTX *client_ctx,
                             SSL_SESSION *resume, int want_session)
{
    struct side c, s;
    struct tracer ct, st;
    struct wires w;
    SSL_SESSION *session = NULL;
    side_init(&c, "client", client_ctx);
    side_init(&s, "server", server_ctx);
    connect_mem_bios(&c, &s, &w, 65536);
    trace_side(&ct, &c, 0);
    trace_side(&st, &s, 1);
    if (resume != NULL && SSL_set_session(c.ssl, resume) != 1)
        die("SSL_set_session failed");
    c.out.total = s.out.total = 100;
    int ok = drive_handshake(&c, &s, mem_shuttle, &w);
    if (ok) {
        note(&c, "reused: %d", SSL_session_reused(c.ssl));
        note(&c, "after the handshake: %s (%s)", SSL_state_string_long(c.ssl),
             SSL_state_string(c.ssl));
        if (want_session)
            session = SSL_get1_session(c.ssl);
        ok = drive_transfer(&c, &s, mem_shuttle, &w) && drive_shutdown(&c, &s, mem_shuttle, &w);
        note(&c, "exchanged data and shut down: %s", ok ? "yes" : "no");
    } else {
        note(&c, "after the failure: %s (%s)", SSL_state_string_long(c.ssl),
             SSL_state_string(c.ssl));
        note(&s, "after the failure: %s (%s)", SSL_state_string_long(s.ssl),
             SSL_state_string(s.ssl));
    }
#ifdef TLS12_COMPAT
    int expected = ok ? 1 : 0;
#else
    int expected = 0;
#endif
    check(ct.ccs_received == expected && st.ccs_received == expected,
          "%s: ChangeCipherSpec messages shown as received: client %d, server %d (expected %d)",
          title, ct.ccs_received, st.ccs_received, expected);
    print_case(title, &c, &s);
    side_free(&c);
    side_free(&s);
    return session;
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    SSL_CTX *client_ctx = new_client_ctx();
    SSL_CTX *server_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    SSL_CTX_set_info_callback(server_ctx, on_info);
    if (SSL_CTX_set_cipher_list(client_ctx, "ECDHE-RSA-AES128-GCM-SHA256") != 1)
        die("cannot choose the suite");
    check(SSL_CTX_get_info_callback(server_ctx) == on_info, "SSL_CTX_get_info_callback");

    SSL_SESSION *session = run_case("full handshake", server_ctx, client_ctx, NULL, 1);
    if (session == NULL)
        die("no session to resume");
    run_case("resumed handshake", server_ctx, client_ctx, session, 0);
    SSL_SESSION_free(session);

    SSL_CTX *asking_ctx = new_server_ctx("rsa-chain.pem", "rsa.key");
    SSL_CTX_set_info_callback(asking_ctx, on_info);
    SSL_CTX_set_options(asking_ctx, SSL_OP_NO_TICKET);
    if (SSL_CTX_load_verify_locations(asking_ctx, cert_path("ca.pem"), NULL) != 1)
        die("cannot load ca.pem");
    SSL_CTX_set_verify(asking_ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    use_cert_and_key(client_ctx, "client-chain.pem", "client.key");
    run_case("client certificate, no ticket", asking_ctx, client_ctx, NULL, 0);
    SSL_CTX_free(asking_ctx);

    SSL_CTX *untrusted_ctx = new_server_ctx("untrusted-chain.pem", "untrusted.key");
    SSL_CTX_set_info_callback(untrusted_ctx, on_info);
    run_case("the client refuses the certificate", untrusted_ctx, client_ctx, NULL, 0);
    SSL_CTX_free(untrusted_ctx);

    SSL_CTX_free(server_ctx);
    SSL_CTX_free(client_ctx);
    return test_status();
}

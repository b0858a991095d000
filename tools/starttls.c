/*
 * -starttls and -proxy: the plain-text talk on a fresh TCP connection before TLS
 * starts. Each protocol's exchange follows its RFC (SMTP 3207, POP3 and IMAP 2595,
 * FTP 4217, XMPP 6120, LDAP 4511 and 4513) or its documentation (PostgreSQL's
 * SSLRequest, MySQL's SSL request packet), as openssl s_client does it.
 */
#define _POSIX_C_SOURCE 200809L

#include "tool.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int send_text(int fd, const char *text)
{
    return write_all(fd, text, strlen(text));
}

/* Reads one line (up to "\n", dropped with a "\r" before it) byte by byte, so that
 * nothing after it, such as the server's first TLS bytes, is taken. A longer line is
 * cut to fit. */
static int read_line(int fd, char *line, size_t cap)
{
    size_t used = 0;
    char c;
    while (read_all(fd, &c, 1)) {
        if (c == '\n') {
            if (used > 0 && line[used - 1] == '\r')
                used--;
            line[used] = '\0';
            return 1;
        }
        if (used + 1 < cap)
            line[used++] = c;
    }
    return 0;
}

/* Reads a reply of numbered lines ("250-..." until "250 ...", RFC 5321 4.2); returns 1
 * when every line carries `code`. */
static int numbered_reply(int fd, const char *code)
{
    char line[1024];
    do {
        if (!read_line(fd, line, sizeof line) || strncmp(line, code, 3) != 0)
            return 0;
    } while (line[3] == '-');
    return 1;
}

/* Reads lines until one starts with `prefix` (case-insensitive); returns 0 when the
 * stream ends first or a line starts with `failure`. */
static int line_starting(int fd, const char *prefix, const char *failure)
{
    char line[1024];
    while (read_line(fd, line, sizeof line)) {
        if (strncasecmp(line, prefix, strlen(prefix)) == 0)
            return 1;
        if (failure != NULL && strncasecmp(line, failure, strlen(failure)) == 0)
            return 0;
    }
    return 0;
}

static int smtp(int fd, const struct options *opts)
{
    char ehlo[300];
    snprintf(ehlo, sizeof ehlo, "EHLO %s\r\n",
             opts->ehlo_name != NULL ? opts->ehlo_name : "mail.example.com");
    return numbered_reply(fd, "220") && send_text(fd, ehlo) && numbered_reply(fd, "250") &&
           send_text(fd, "STARTTLS\r\n") && numbered_reply(fd, "220");
}

static int pop3(int fd, const struct options *opts)
{
    (void)opts;
    return line_starting(fd, "+OK", "-ERR") && send_text(fd, "STLS\r\n") &&
           line_starting(fd, "+OK", "-ERR");
}

static int imap(int fd, const struct options *opts)
{
    (void)opts;
    return line_starting(fd, "* OK", "* BYE") && send_text(fd, ". CAPABILITY\r\n") &&
           line_starting(fd, ". OK", ". ") && send_text(fd, ". STARTTLS\r\n") &&
           line_starting(fd, ". OK", ". ");
}

static int ftp(int fd, const struct options *opts)
{
    (void)opts;
    return numbered_reply(fd, "220") && send_text(fd, "AUTH TLS\r\n") &&
           numbered_reply(fd, "234");
}

/* Reads XMPP stream data until `wanted` appears (or `failure`); XMPP has no lines, so
 * this reads what arrives and looks in the last few kilobytes. */
static int xml_until(int fd, const char *wanted, const char *failure)
{
    char text[4096];
    size_t used = 0;
    while (used < sizeof text - 1) {
        ssize_t n = read(fd, text + used, sizeof text - 1 - used);
        if (n < 0 && errno == EINTR && !stop_requested)
            continue;
        if (n <= 0)
            return 0;
        used += (size_t)n;
        text[used] = '\0';
        if (strstr(text, wanted) != NULL)
            return 1;
        if (strstr(text, failure) != NULL)
            return 0;
    }
    return 0;
}

static int xmpp_as(int fd, const struct options *opts, const char *host, const char *ns)
{
    char header[512];
    snprintf(header, sizeof header,
             "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='%s' "
             "to='%s' version='1.0'>",
             ns, opts->xmpphost != NULL ? opts->xmpphost : host);
    return send_text(fd, header) && xml_until(fd, "<starttls", "</stream:features>") &&
           send_text(fd, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>") &&
           xml_until(fd, "<proceed", "<failure");
}

/* The host this run names the server by (for XMPP's "to"); set by starttls(). */
static const char *peer_host;

static int xmpp(int fd, const struct options *opts)
{
    return xmpp_as(fd, opts, peer_host, "jabber:client");
}

static int xmpp_server(int fd, const struct options *opts)
{
    return xmpp_as(fd, opts, peer_host, "jabber:server");
}

/* LDAP: the StartTLS extended request (RFC 4511 4.14.1, message id 1) and a response
 * whose resultCode is success (0). */
static int ldap(int fd, const struct options *opts)
{
    static const unsigned char request[] = {
        0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16, '1', '.', '3', '.', '6', '.',
        '1',  '.',  '4',  '.',  '1',  '.',  '1',  '4',  '6',  '6', '.', '2', '0', '0', '3', '7',
    };
    unsigned char head[2], body[128];
    (void)opts;
    if (!write_all(fd, request, sizeof request) || !read_all(fd, head, 2) ||
        head[0] != 0x30 || (head[1] & 0x80) != 0 || !read_all(fd, body, head[1]))
        return 0;
    /* messageID (02 01 01), then [APPLICATION 24] ExtendedResponse with the
     * resultCode ENUMERATED first. */
    size_t len = head[1];
    return len >= 8 && body[0] == 0x02 && body[1] == 0x01 && body[3] == 0x78 &&
           body[5] == 0x0a && body[6] == 0x01 && body[7] == 0x00;
}

/* PostgreSQL: the SSLRequest message (length 8, code 80877103); 'S' means go on. */
static int postgres(int fd, const struct options *opts)
{
    static const unsigned char request[] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f};
    char answer;
    (void)opts;
    return write_all(fd, request, sizeof request) && read_all(fd, &answer, 1) &&
           answer == 'S';
}

/* MySQL: read the server's greeting (protocol 10), check that it offers SSL, and send
 * the 32-byte SSL request packet. */
static int mysql(int fd, const struct options *opts)
{
    enum { CLIENT_PROTOCOL_41 = 0x0200, CLIENT_SSL = 0x0800, CLIENT_SECURE_CONNECTION = 0x8000 };
    unsigned char head[4], greeting[1024];
    (void)opts;
    if (!read_all(fd, head, 4))
        return 0;
    size_t len = head[0] | (size_t)head[1] << 8 | (size_t)head[2] << 16;
    if (len > sizeof greeting || !read_all(fd, greeting, len) || len < 1 ||
        greeting[0] != 10)
        return 0;
    /* protocol, server version (NUL-terminated), connection id (4), auth data (8),
     * filler (1), capabilities (2). */
    const unsigned char *end = memchr(greeting + 1, 0, len - 1);
    if (end == NULL || (size_t)(end - greeting) + 1 + 4 + 8 + 1 + 2 > len)
        return 0;
    const unsigned char *caps = end + 1 + 4 + 8 + 1;
    if (((caps[0] | caps[1] << 8) & CLIENT_SSL) == 0) {
        fprintf(stderr, "tls12: the MySQL server does not offer SSL\n");
        return 0;
    }
    unsigned int flags = CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION;
    /* Header (length 32, sequence 1), capabilities (4), max packet size 1 GiB,
     * charset utf8 (0x21), 23 zero bytes. */
    unsigned char packet[4 + 32] = {32, 0, 0, 1, (unsigned char)flags, (unsigned char)(flags >> 8),
                                    0,  0, 0, 0, 0, 0x40, 0x21};
    return write_all(fd, packet, sizeof packet);
}

static const struct {
    const char *name;
    int (*talk)(int fd, const struct options *opts);
} protocols[] = {
    {"smtp", smtp},       {"pop3", pop3},         {"imap", imap},         {"ftp", ftp},
    {"xmpp", xmpp},       {"xmpp-server", xmpp_server}, {"ldap", ldap},   {"postgres", postgres},
    {"mysql", mysql},
};

int known_starttls(const char *name)
{
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
        if (strcmp(name, protocols[i].name) == 0)
            return 1;
    return 0;
}

int starttls(int fd, const struct options *opts, const char *host)
{
    peer_host = host;
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
        if (strcmp(opts->starttls, protocols[i].name) != 0)
            continue;
        if (protocols[i].talk(fd, opts))
            return 1;
        fprintf(stderr, "tls12: -starttls %s: the server did not agree to start TLS\n",
                opts->starttls);
        return 0;
    }
    return 0;
}

int proxy_connect(int fd, const char *host, const char *port)
{
    char request[600];
    snprintf(request, sizeof request, "CONNECT %s:%s HTTP/1.0\r\n\r\n", host, port);
    char status[1024];
    if (!send_text(fd, request) || !read_line(fd, status, sizeof status)) {
        fprintf(stderr, "tls12: -proxy: no answer from the proxy\n");
        return 0;
    }
    int ok = strncmp(status, "HTTP/1.", 7) == 0 && strncmp(status + 8, " 200", 4) == 0;
    if (!ok)
        fprintf(stderr, "tls12: -proxy: the proxy refused: %s\n", status);
    /* The rest of the response head, up to its empty line. */
    while (ok && read_line(fd, status, sizeof status) && status[0] != '\0')
        ;
    return ok;
}

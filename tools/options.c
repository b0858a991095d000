/*
 * The command line: one table row per option, naming the field it sets, the commands
 * that take it and its help text. Parsing and the usage text both read the table.
 */
#include "tool.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum kind {
    STRING,        /* takes a value, stored as const char * */
    FLAG,          /* no value, sets an int to 1 */
    NUMBER,        /* takes a non-negative integer */
    VERIFY,        /* -verify N: sets verify_depth */
    VERIFY_REQUIRE, /* -Verify N: sets verify_depth and verify_require */
    ACCEPTED,      /* no value, no effect: what it asks is what the tool always does */
    REFUSED        /* names another protocol version: a usage error; help says why */
};

#define BOTH (CMD_CLIENT | CMD_SERVER)
#define FIELD(name) offsetof(struct options, name)

struct option_row {
    const char *name;
    const char *alias;     /* another spelling, or NULL */
    enum kind kind;
    size_t field;
    int commands;          /* CMD_CLIENT, CMD_SERVER or both */
    const char *arg;       /* the value's name in the help text */
    const char *help;
};

static const struct option_row rows[] = {
    {"connect", NULL, STRING, FIELD(connect), CMD_CLIENT, "host:port",
     "the server to connect to (default localhost:4433)"},
    {"host", NULL, STRING, FIELD(host), CMD_CLIENT, "host", "the server's host (with -port)"},
    {"port", NULL, STRING, FIELD(port), CMD_CLIENT, "port", "the server's port (with -host)"},
    {"proxy", NULL, STRING, FIELD(proxy), CMD_CLIENT, "host:port",
     "connect through this HTTP proxy (CONNECT)"},
    {"starttls", NULL, STRING, FIELD(starttls), CMD_CLIENT, "protocol",
     "switch to TLS inside smtp, imap, pop3, ftp, xmpp, xmpp-server, ldap, postgres or mysql"},
    {"xmpphost", NULL, STRING, FIELD(xmpphost), CMD_CLIENT, "host",
     "the host named in the XMPP stream header (default: the -connect host)"},
    {"name", NULL, STRING, FIELD(ehlo_name), CMD_CLIENT, "host",
     "the name sent in SMTP EHLO (default mail.example.com)"},
    {"accept", "port", STRING, FIELD(accept), CMD_SERVER, "[host:]port",
     "where to listen (default 4433 on every address; port 0 picks a free one)"},
    {"naccept", NULL, NUMBER, FIELD(naccept), CMD_SERVER, "n",
     "stop after n connections (default: serve until SIGINT or SIGTERM)"},
    {"cert", NULL, STRING, FIELD(cert), CMD_CLIENT, "file",
     "client certificate chain (PEM, leaf first), sent when the server asks"},
    {"cert", NULL, STRING, FIELD(cert), CMD_SERVER, "file",
     "certificate chain (PEM, leaf first; default server.pem)"},
    {"key", NULL, STRING, FIELD(key), BOTH, "file", "private key (PEM; default: -cert's file)"},
    {"dcert", NULL, STRING, FIELD(dcert), CMD_SERVER, "file",
     "a second certificate chain, for instance ECDSA beside RSA"},
    {"dkey", NULL, STRING, FIELD(dkey), CMD_SERVER, "file", "the second certificate's key"},
    {"cert2", NULL, STRING, FIELD(cert2), CMD_SERVER, "file",
     "certificate chain of the virtual host named by -servername"},
    {"key2", NULL, STRING, FIELD(key2), CMD_SERVER, "file", "that virtual host's key"},
    {"nocert", NULL, FLAG, FIELD(nocert), CMD_SERVER, NULL,
     "use no certificate (PSK suites only)"},
    {"dhparam", NULL, STRING, FIELD(dhparam), CMD_SERVER, "file",
     "DH parameters (PEM) for DHE suites (default: the RFC 7919 group that fits the key)"},
    {"CAfile", NULL, STRING, FIELD(cafile), BOTH, "file", "trusted certificates (PEM)"},
    {"CApath", NULL, STRING, FIELD(capath), BOTH, "dir",
     "a directory of trusted certificates (PEM files)"},
    {"verify", NULL, VERIFY, FIELD(verify_depth), CMD_CLIENT, "depth",
     "verify the server's chain and report each certificate; a failure is reported and "
     "the connection goes on (see -verify_return_error)"},
    {"verify", NULL, VERIFY, FIELD(verify_depth), CMD_SERVER, "depth",
     "ask for a client certificate and verify it when one is sent"},
    {"Verify", NULL, VERIFY_REQUIRE, FIELD(verify_depth), CMD_SERVER, "depth",
     "like -verify, and the client must present a certificate"},
    {"verify_return_error", NULL, FLAG, FIELD(verify_return_error), BOTH, NULL,
     "end the handshake when verification fails (exit 1)"},
    {"verify_hostname", NULL, STRING, FIELD(verify_hostname), CMD_CLIENT, "name",
     "the server's certificate must be valid for this host name"},
    {"servername", NULL, STRING, FIELD(servername), CMD_CLIENT, "name",
     "the name sent in SNI (default: the -connect host unless it is an address)"},
    {"servername", NULL, STRING, FIELD(servername), CMD_SERVER, "name",
     "the name of the -cert2 virtual host"},
    {"alpn", NULL, STRING, FIELD(alpn), CMD_CLIENT, "list",
     "protocols to offer, comma-separated, e.g. h2,http/1.1"},
    {"alpn", NULL, STRING, FIELD(alpn), CMD_SERVER, "list",
     "protocols to accept, comma-separated, in order of preference"},
    {"cipher", NULL, STRING, FIELD(cipher), BOTH, "list", "TLS 1.2 cipher suites (OpenSSL names)"},
    {"serverpref", NULL, FLAG, FIELD(serverpref), CMD_SERVER, NULL,
     "choose the suite by the server's order, not the client's"},
    {"groups", "curves", STRING, FIELD(groups), BOTH, "list",
     "key exchange groups, e.g. X25519:P-256"},
    {"named_curve", NULL, STRING, FIELD(groups), CMD_SERVER, "group",
     "the one ECDHE group to use (like -groups)"},
    {"sigalgs", NULL, STRING, FIELD(sigalgs), BOTH, "list",
     "signature algorithms, e.g. ECDSA+SHA256:RSA-PSS+SHA256"},
    {"client_sigalgs", NULL, STRING, FIELD(client_sigalgs), BOTH, "list",
     "signature algorithms for client certificates (client: the ones it signs with)"},
    {"no_ticket", NULL, FLAG, FIELD(no_ticket), BOTH, NULL, "no session tickets"},
    {"no_cache", NULL, FLAG, FIELD(no_cache), CMD_SERVER, NULL,
     "keep no session cache (only tickets resume)"},
    {"context", NULL, STRING, FIELD(context), CMD_SERVER, "text",
     "the session id context (default \"tls12 s_server\")"},
    {"no_resumption_on_reneg", NULL, ACCEPTED, 0, CMD_SERVER, NULL,
     "accepted: the tool never renegotiates"},
    {"max_send_frag", NULL, NUMBER, FIELD(max_send_frag), CMD_SERVER, "n",
     "send records of at most n bytes (512 to 16384)"},
    {"status", NULL, FLAG, FIELD(status), CMD_CLIENT, NULL,
     "ask for the server's OCSP response and show it"},
    {"status_file", NULL, STRING, FIELD(status_file), CMD_SERVER, "file",
     "an OCSP response (DER) to staple when a client asks"},
    {"keylogfile", NULL, STRING, FIELD(keylogfile), BOTH, "file",
     "append the secrets in NSS key log format (for Wireshark)"},
    {"showcerts", NULL, FLAG, FIELD(showcerts), CMD_CLIENT, NULL,
     "print every certificate the server sent, in PEM"},
    {"msg", NULL, FLAG, FIELD(msg), BOTH, NULL,
     "trace every protocol message in and out (type, length, hex)"},
    {"trace", NULL, FLAG, FIELD(trace), BOTH, NULL,
     "trace every protocol message with its fields decoded"},
    {"state", NULL, FLAG, FIELD(state), BOTH, NULL, "print the handshake's state transitions"},
    {"quiet", NULL, FLAG, FIELD(quiet), BOTH, NULL, "print no session information"},
    {"brief", NULL, FLAG, FIELD(brief), BOTH, NULL, "print a short session summary only"},
    {"prexit", NULL, FLAG, FIELD(prexit), CMD_CLIENT, NULL,
     "print the session information again when the connection ends"},
    {"ign_eof", NULL, FLAG, FIELD(ign_eof), CMD_CLIENT, NULL,
     "keep the connection open at the end of standard input"},
    {"ign_eof", NULL, ACCEPTED, 0, CMD_SERVER, NULL,
     "accepted: the server does not read standard input"},
    {"crlf", NULL, FLAG, FIELD(crlf), CMD_CLIENT, NULL, "send each newline of the input as CRLF"},
    {"timeout", NULL, ACCEPTED, 0, CMD_CLIENT, NULL,
     "accepted: timeouts concern DTLS, which the tool does not speak"},
    {"www", NULL, FLAG, FIELD(www), CMD_SERVER, NULL,
     "answer an HTTP GET with a page describing the connection"},
    {"HTTP", NULL, FLAG, FIELD(http), CMD_SERVER, NULL,
     "answer an HTTP GET with the file it names (relative to the current directory)"},
    {"rev", NULL, FLAG, FIELD(rev), CMD_SERVER, NULL,
     "send each line back reversed (default: echo what arrives)"},
    {"sess_out", NULL, STRING, FIELD(sess_out), CMD_CLIENT, "file", "save the session (PEM)"},
    {"sess_in", NULL, STRING, FIELD(sess_in), CMD_CLIENT, "file",
     "resume the session saved in file"},
    {"reconnect", NULL, FLAG, FIELD(reconnect), CMD_CLIENT, NULL,
     "connect five more times resuming the session, then exit"},
    {"psk", NULL, STRING, FIELD(psk), BOTH, "hex", "pre-shared key"},
    {"psk_identity", NULL, STRING, FIELD(psk_identity), CMD_CLIENT, "name",
     "PSK identity (default Client_identity)"},
    {"psk_hint", NULL, STRING, FIELD(psk_hint), CMD_SERVER, "text", "PSK identity hint"},
    {"tls1_2", NULL, ACCEPTED, 0, BOTH, NULL, "accepted: TLS 1.2 is the only protocol"},
    {"no_ssl3", NULL, ACCEPTED, 0, BOTH, NULL, "accepted: SSL 3.0 is never used"},
    {"no_tls1", NULL, ACCEPTED, 0, BOTH, NULL, "accepted: TLS 1.0 is never used"},
    {"no_tls1_1", NULL, ACCEPTED, 0, BOTH, NULL, "accepted: TLS 1.1 is never used"},
    {"no_tls1_3", NULL, ACCEPTED, 0, BOTH, NULL, "accepted: TLS 1.3 is never used"},
    {"ssl3", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"tls1", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"tls1_1", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"tls1_3", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"dtls", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"dtls1", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"dtls1_2", NULL, REFUSED, 0, BOTH, NULL, "refused: only TLS 1.2 is supported"},
    {"no_tls1_2", NULL, REFUSED, 0, BOTH, NULL,
     "refused: TLS 1.2 is the only protocol, so nothing would be left"},
};

#define ROW_COUNT (sizeof rows / sizeof rows[0])

static void print_usage(FILE *out, enum command command);

static const char *command_name(enum command command)
{
    return command == CMD_CLIENT ? "s_client" : "s_server";
}

static const struct option_row *find_row(const char *name, enum command command)
{
    for (size_t i = 0; i < ROW_COUNT; i++) {
        const struct option_row *row = &rows[i];
        if ((row->commands & command) == 0)
            continue;
        if (strcmp(name, row->name) == 0 || (row->alias != NULL && strcmp(name, row->alias) == 0))
            return row;
    }
    return NULL;
}

static int parse_number(const char *text, int *out)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < 0 || value > 1000000)
        return 0;
    *out = (int)value;
    return 1;
}

int parse_options(struct options *opts, enum command command, int argc, char **argv)
{
    memset(opts, 0, sizeof *opts);
    opts->command = command;
    opts->verify_depth = -1;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            print_usage(stdout, command);
            exit(EXIT_OK);
        }
        const struct option_row *row = arg[0] == '-' ? find_row(arg + 1, command) : NULL;
        if (row == NULL) {
            fprintf(stderr, "tls12 %s: unknown option %s (try -help)\n", command_name(command),
                    arg);
            return 0;
        }
        char *field = (char *)opts + row->field;
        if (row->kind == REFUSED) {
            fprintf(stderr, "tls12 %s: %s %s\n", command_name(command), arg, row->help);
            return 0;
        }
        if (row->kind == ACCEPTED)
            continue;
        if (row->kind == FLAG) {
            *(int *)field = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "tls12 %s: %s needs a value (%s)\n", command_name(command), arg,
                    row->arg);
            return 0;
        }
        const char *value = argv[++i];
        switch (row->kind) {
        case STRING:
            *(const char **)field = value;
            break;
        case VERIFY_REQUIRE:
            opts->verify_require = 1;
            /* fall through */
        case NUMBER:
        case VERIFY:
            if (!parse_number(value, (int *)field)) {
                fprintf(stderr, "tls12 %s: %s wants a number, not \"%s\"\n",
                        command_name(command), arg, value);
                return 0;
            }
            break;
        case FLAG:
        case ACCEPTED:
        case REFUSED:
            break;
        }
    }
    if (opts->quiet && opts->brief)
        opts->brief = 0;
    if ((opts->cert2 == NULL) != (opts->key2 == NULL) ||
        (opts->dkey != NULL && opts->dcert == NULL)) {
        fprintf(stderr, "tls12 %s: -cert2 and -key2 go together, and -dkey needs -dcert\n",
                command_name(command));
        return 0;
    }
    if (command == CMD_SERVER && opts->cert2 != NULL && opts->servername == NULL) {
        fprintf(stderr, "tls12 s_server: -cert2 needs -servername to name its virtual host\n");
        return 0;
    }
    if (opts->www + opts->http + opts->rev > 1) {
        fprintf(stderr, "tls12 s_server: choose one of -www, -HTTP and -rev\n");
        return 0;
    }
    if ((opts->host != NULL || opts->port != NULL) && opts->connect != NULL) {
        fprintf(stderr, "tls12 s_client: give -connect or -host/-port, not both\n");
        return 0;
    }
    if (opts->max_send_frag != 0 && (opts->max_send_frag < 512 || opts->max_send_frag > 16384)) {
        fprintf(stderr, "tls12 s_server: -max_send_frag wants 512 to 16384\n");
        return 0;
    }
    return 1;
}

static void print_usage(FILE *out, enum command command)
{
    fprintf(out, "usage: tls12 %s [options]\n\noptions:\n", command_name(command));
    for (size_t i = 0; i < ROW_COUNT; i++) {
        const struct option_row *row = &rows[i];
        if ((row->commands & command) == 0)
            continue;
        char left[64];
        snprintf(left, sizeof left, "-%s%s%s%s%s", row->name, row->alias ? ", -" : "",
                 row->alias ? row->alias : "", row->arg ? " " : "", row->arg ? row->arg : "");
        fprintf(out, "  %-26s %s\n", left, row->help);
    }
    fprintf(out, "\nexit status (as openssl's): 0 success, 1 usage error or connection, "
                 "handshake or verification failure\n");
}

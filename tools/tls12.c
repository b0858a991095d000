/*
 * tls12: a command-line TLS 1.2 client and server, and openssl's small helpers.
 *
 *   tls12 s_client [-connect host:port] [options]
 *   tls12 s_server [-accept [host:]port] [options]
 *   tls12 ciphers [-v] [-stdname] [cipherlist]
 *   tls12 version [-a]
 *   tls12 sess_id [-in file] [-text] [-noout]
 *   tls12 help | tls12 COMMAND -help
 *
 * Written only against OpenSSL's API: built with -I include/tls12 it uses libtls12, built
 * plainly it uses OpenSSL. Exit status, as openssl's: 0 success, 1 a usage error or a
 * connection, handshake or verification failure.
 */
#include "tool.h"

#include <string.h>

static const struct {
    const char *name;
    enum command command;   /* 0 for a command that takes argc and argv itself */
    int (*run_connection)(const struct options *);
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"s_client", CMD_CLIENT, run_client, NULL, "a TLS 1.2 client (options as openssl s_client)"},
    {"s_server", CMD_SERVER, run_server, NULL, "a TLS 1.2 server (options as openssl s_server)"},
    {"ciphers", 0, NULL, run_ciphers, "the TLS 1.2 suites a cipher list selects"},
    {"version", 0, NULL, run_version, "the library's version and build"},
    {"sess_id", 0, NULL, run_sess_id, "show a session saved by s_client -sess_out"},
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: tls12 COMMAND [options]   (tls12 COMMAND -help for its options)\n\n"
                 "commands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-10s %s\n\nlibrary: %s\n", "help", "this list", OpenSSL_version(0));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (commands[i].run != NULL)
            return commands[i].run(argc - 2, argv + 2);
        struct options opts;
        if (!parse_options(&opts, commands[i].command, argc - 2, argv + 2))
            return EXIT_USAGE;
        install_signal_handlers();
        setvbuf(stdout, NULL, _IOLBF, 0);
        return commands[i].run_connection(&opts);
    }
    int help = strcmp(argv[1], "-help") == 0 || strcmp(argv[1], "help") == 0;
    if (!help)
        fprintf(stderr, "tls12: unknown command %s\n", argv[1]);
    usage(help ? stdout : stderr);
    return help ? EXIT_OK : EXIT_USAGE;
}

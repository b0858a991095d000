/*
 * tls12: a command-line TLS 1.2 client and server.
 *
 *   tls12 s_client [-connect host:port] [options]
 *   tls12 s_server [-accept [host:]port] [options]
 *   tls12 COMMAND -help        the options of a command
 *
 * Written only against OpenSSL's API: built with -I include/tls12 it uses libtls12, built
 * plainly it uses OpenSSL. Exit status: 0 success, 1 connection, handshake or
 * verification failure, 2 usage error.
 */
#include "tool.h"

#include <string.h>

static const struct {
    const char *name;
    enum command command;
    int (*run)(const struct options *);
} commands[] = {
    {"s_client", CMD_CLIENT, run_client},
    {"s_server", CMD_SERVER, run_server},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: tls12 s_client|s_server [options]   (tls12 COMMAND -help for the "
                 "options)\nlibrary: %s\n", OpenSSL_version(0));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        struct options opts;
        if (!parse_options(&opts, commands[i].command, argc - 2, argv + 2))
            return EXIT_USAGE;
        install_signal_handlers();
        setvbuf(stdout, NULL, _IOLBF, 0);
        return commands[i].run(&opts);
    }
    int help = strcmp(argv[1], "-help") == 0 || strcmp(argv[1], "help") == 0;
    usage(help ? stdout : stderr);
    return help ? EXIT_OK : EXIT_USAGE;
}

/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * BIO chains and address lookup without a handshake:
 *  - BIO_push appends to the end of a chain, BIO_next walks it, BIO_pop takes a BIO
 *    out of the middle and joins its neighbours, BIO_free_all stops after a BIO that
 *    still has another reference;
 *  - BIO_lookup_ex for a client and a server, by family, with the entries' family,
 *    socket type and protocol; an unknown service fails.
 */
#include "common.h"

#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

static const char *which(BIO *b, BIO *const *bios, const char *const *names, int n)
{
    if (b == NULL)
        return "NULL";
    for (int i = 0; i < n; i++)
        if (bios[i] == b)
            return names[i];
    return "?";
}

static void print_chain(const char *title, BIO *head, BIO *const *bios, const char *const *names, int n)
{
    printf("%s:", title);
    for (BIO *b = head; b != NULL; b = BIO_next(b))
        printf(" %s", which(b, bios, names, n));
    printf("\n");
}

static void chain_case(void)
{
    const char *names[] = {"a", "b", "c", "d"};
    BIO *bios[4];
    for (int i = 0; i < 4; i++)
        bios[i] = BIO_new(BIO_s_mem());
    BIO *a = bios[0], *b = bios[1], *c = bios[2], *d = bios[3];
    printf("push a b returns %s\n", which(BIO_push(a, b), bios, names, 4));
    printf("push a c returns %s\n", which(BIO_push(a, c), bios, names, 4));
    print_chain("chain from a", a, bios, names, 4);
    print_chain("chain from b", b, bios, names, 4);
    printf("pop b returns %s\n", which(BIO_pop(b), bios, names, 4));
    print_chain("after pop b, from a", a, bios, names, 4);
    print_chain("b alone", b, bios, names, 4);
    printf("pop c returns %s\n", which(BIO_pop(c), bios, names, 4));
    print_chain("after pop c, from a", a, bios, names, 4);
    printf("push NULL d returns %s\n", which(BIO_push(NULL, d), bios, names, 4));
    BIO_push(a, d);
    BIO_push(d, c);
    print_chain("a d c", a, bios, names, 4);
    /* d has a second reference: BIO_free_all(a) frees a, drops one of d's, stops. */
    BIO_up_ref(d);
    BIO_free_all(a);
    printf("d still usable: write %d\n", BIO_write(d, "x", 1));
    print_chain("from d after free_all(a)", d, bios, names, 4);
    BIO_free_all(d);
    BIO_free(b);
}

static void lookup_case(const char *title, const char *host, const char *service, int type, int family)
{
    BIO_ADDRINFO *res = NULL;
    int ok = BIO_lookup_ex(host, service, type, family, SOCK_STREAM, 0, &res);
    printf("%s: %s\n", title, ok ? "found" : "failed");
    if (!ok) {
        ERR_clear_error();
        return;
    }
    for (const BIO_ADDRINFO *ai = res; ai != NULL; ai = BIO_ADDRINFO_next(ai))
        printf("  family %s socktype %d protocol %d address %s\n",
               BIO_ADDRINFO_family(ai) == AF_INET ? "AF_INET" : BIO_ADDRINFO_family(ai) == AF_INET6 ? "AF_INET6" : "other",
               BIO_ADDRINFO_socktype(ai), BIO_ADDRINFO_protocol(ai),
               BIO_ADDRINFO_address(ai) != NULL ? "present" : "NULL");
    BIO_ADDRINFO_free(res);
}

int main(void)
{
    chain_case();
    lookup_case("client 127.0.0.1:4433 any family", "127.0.0.1", "4433", BIO_LOOKUP_CLIENT, AF_UNSPEC);
    lookup_case("client 127.0.0.1:4433 IPv6 only", "127.0.0.1", "4433", BIO_LOOKUP_CLIENT, AF_INET6);
    lookup_case("server, no host, port 443, IPv4", NULL, "443", BIO_LOOKUP_SERVER, AF_INET);
    lookup_case("client ::1 port https", "::1", "https", BIO_LOOKUP_CLIENT, AF_INET6);
    lookup_case("unknown service", "127.0.0.1", "no-such-service-x", BIO_LOOKUP_CLIENT, AF_UNSPEC);
    int s = BIO_socket(AF_INET, SOCK_STREAM, 0, 0);
    printf("BIO_socket: %s\n", s >= 0 ? "a socket" : "failed");
    printf("BIO_socket_nbio: %d\n", BIO_socket_nbio(s, 1));
    printf("BIO_closesocket: %d\n", BIO_closesocket(s));
    return 0;
}

/*
 * TCP sockets and signals: the parts of the tool that know nothing about TLS.
 */
#define _POSIX_C_SOURCE 200809L

#include "tool.h"

#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

volatile sig_atomic_t stop_requested = 0;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

void install_signal_handlers(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;   /* no SA_RESTART: blocking calls return EINTR */
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Moves len bytes with read or write, going on after short counts and interrupted
 * calls (unless a stop was asked for); returns 0 at the end of the stream or on an
 * error. */
static int transfer(int fd, char *p, size_t len, int writing)
{
    while (len > 0) {
        ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);
        if (n < 0 && errno == EINTR && !stop_requested)
            continue;
        if (n <= 0)
            return 0;
        p += n;
        len -= (size_t)n;
    }
    return 1;
}

int write_all(int fd, const void *buf, size_t len)
{
    return transfer(fd, (char *)buf, len, 1);
}

int read_all(int fd, void *buf, size_t len)
{
    return transfer(fd, buf, len, 0);
}

static int copy_part(char *dst, size_t cap, const char *src, size_t len)
{
    if (len >= cap)
        return 0;
    memcpy(dst, src, len);
    dst[len] = '\0';
    return 1;
}

int split_host_port(const char *spec, char *host, size_t host_cap, char *port,
                    size_t port_cap, const char *default_host)
{
    const char *colon = strrchr(spec, ':');
    const char *port_text = colon != NULL ? colon + 1 : spec;
    const char *host_text = spec;
    size_t host_len = colon != NULL ? (size_t)(colon - spec) : 0;
    if (host_len >= 2 && host_text[0] == '[' && host_text[host_len - 1] == ']') {
        host_text++;
        host_len -= 2;
    }
    if (host_len == 0) {
        host_text = default_host;
        host_len = strlen(default_host);
    }
    if (*port_text == '\0' || strspn(port_text, "0123456789") != strlen(port_text))
        return 0;
    return copy_part(host, host_cap, host_text, host_len) &&
           copy_part(port, port_cap, port_text, strlen(port_text));
}

/* Runs attempt() on each address of host:port until one gives a socket. */
static int for_each_address(const char *host, const char *port, int passive,
                            int (*attempt)(const struct addrinfo *))
{
    struct addrinfo hints, *list;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    int rc = getaddrinfo(*host != '\0' ? host : NULL, port, &hints, &list);
    if (rc != 0) {
        fprintf(stderr, "cannot resolve %s:%s: %s\n", host, port, gai_strerror(rc));
        return -1;
    }
    int fd = -1, saved = 0;
    for (const struct addrinfo *ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = attempt(ai);
        if (fd < 0)
            saved = errno;
    }
    freeaddrinfo(list);
    if (fd < 0)
        fprintf(stderr, "%s %s:%s: %s\n", passive ? "cannot listen on" : "cannot connect to",
                host, port, strerror(saved));
    return fd;
}

static int connect_one(const struct addrinfo *ai)
{
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0)
        return -1;
    while (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno == EINTR && !stop_requested)
            continue;
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static int listen_one(const struct addrinfo *ai)
{
    int one = 1;
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 16) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int tcp_connect(const char *host, const char *port)
{
    return for_each_address(host, port, 0, connect_one);
}

int tcp_listen(const char *host, const char *port)
{
    int fd = for_each_address(host, port, 1, listen_one);
    if (fd < 0)
        return -1;
    struct sockaddr_storage addr;
    socklen_t len = sizeof addr;
    char name[256], service[32];
    if (getsockname(fd, (struct sockaddr *)&addr, &len) == 0 &&
        getnameinfo((struct sockaddr *)&addr, len, name, sizeof name, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0)
        printf("ACCEPT %s%s%s:%s\n", strchr(name, ':') ? "[" : "", name,
               strchr(name, ':') ? "]" : "", service);
    fflush(stdout);
    return fd;
}

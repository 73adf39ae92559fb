#define _POSIX_C_SOURCE 200809L
#include "loopback.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* host and port of "host:port" (the last colon: IPv6 hosts hold colons too); false when malformed */
static bool split_hostport(const char *hostport, size_t len, char *host, size_t host_cap, int *port)
{
    const char *colon = NULL;
    for (const char *p = hostport; p < hostport + len; p++)
        if (*p == ':') colon = p;
    if (!colon || (size_t)(colon - hostport) >= host_cap) return false;
    size_t hl = (size_t)(colon - hostport);
    memcpy(host, hostport, hl);
    host[hl] = 0;
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = 0;
    }
    char digits[8];
    size_t pl = len - hl - 1;
    if (pl == 0 || pl >= sizeof digits) return false;
    memcpy(digits, colon + 1, pl);
    digits[pl] = 0;
    *port = atoi(digits);
    return *port > 0 && *port <= 65535;
}

int connect_loopback(const char *who, const char *hostport, size_t len, bool nonblocking)
{
    char host[64];
    int port;
    if (!split_hostport(hostport, len, host, sizeof host, &port)) {
        fprintf(stderr, "%s: bad address %.*s\n", who, (int)len, hostport);
        return -1;
    }
    struct sockaddr_storage ss;
    socklen_t sl;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127) {
            fprintf(stderr, "%s: refusing non-loopback address %s\n", who, host);
            return -1;
        }
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        sl = sizeof *v4;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        if (!IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) {
            fprintf(stderr, "%s: refusing non-loopback address %s\n", who, host);
            return -1;
        }
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        sl = sizeof *v6;
    } else {
        fprintf(stderr, "%s: %s is not a numeric loopback address\n", who, host);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    if (nonblocking && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        close(fd);
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&ss, sl) != 0 && !(nonblocking && errno == EINPROGRESS)) {
        fprintf(stderr, "%s: connect %.*s: %s\n", who, (int)len, hostport, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

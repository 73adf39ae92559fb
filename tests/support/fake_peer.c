#define _POSIX_C_SOURCE 200809L
#include "fake_peer.h"

#include "common/file_bytes.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int fake_listen_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &sl) != 0) {
        perror("listen");
        exit(1);
    }
    *port = ntohs(a.sin_port);
    return fd;
}

const uint8_t *fake_vector(const char *vectors, const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", vectors, rel);
    uint8_t *bytes = read_file_bytes(path, len);
    /* a few small vectors at a time: static copies, so callers never free */
    static uint8_t store[4][1 << 16];
    static int used;
    if (!bytes || *len > sizeof store[0]) {
        printf("FAIL cannot read %s\n", path);
        exit(1);
    }
    uint8_t *buf = store[used++ % 4];
    memcpy(buf, bytes, *len);
    free(bytes);
    return buf;
}

size_t fake_loopback_route(const char *vectors, int port_a, int port_b, bool rewrite, uint8_t *out, size_t cap)
{
    size_t len;
    const uint8_t *body = fake_vector(vectors, "route/many_brokers_plain.bin", &len);
    static uint8_t mem[1 << 18];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_route r;
    rmq_error err;
    if (rmq_route_decode(body, len, NULL, &a, &r, &err) != RMQ_OK) {
        printf("FAIL route vector does not decode: %s\n", err.message);
        exit(1);
    }
    static char addr[2][32];
    int al[2] = {snprintf(addr[0], sizeof addr[0], "127.0.0.1:%d", port_a),
                 snprintf(addr[1], sizeof addr[1], "127.0.0.1:%d", port_b)};
    static rmq_broker_data brokers[64];
    static rmq_broker_addr addrs[64][8];
    for (size_t i = 0; i < r.broker_count && i < 64; i++) {
        brokers[i] = r.broker_datas[i];
        for (size_t j = 0; j < brokers[i].addr_count && j < 8; j++) {
            addrs[i][j] = brokers[i].addrs[j];
            if (rewrite) addrs[i][j].addr = (rmq_str){addr[i % 2], (size_t)al[i % 2]};
        }
        brokers[i].addrs = addrs[i];
    }
    r.broker_datas = brokers;
    size_t written;
    if (rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, out, cap, &written, &err) !=
        RMQ_OK) {
        printf("FAIL route encode: %s\n", err.message);
        exit(1);
    }
    return written;
}

size_t fake_encode(const rmq_command *cmd, uint8_t *out, size_t cap)
{
    size_t written;
    return rmq_frame_encode(cmd, out, cap, &written, NULL) == RMQ_OK ? written : 0;
}

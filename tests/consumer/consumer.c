/* A program that uses rmqwire the way an embedder does: through the installed or
 * subproject headers only. It encodes a frame, decodes it back and checks the
 * version it was compiled against is the one it runs with. */
#include <rmqwire.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    if (rmq_version() != RMQ_VERSION_NUMBER || strcmp(rmq_version_string(), RMQ_VERSION_STRING) != 0) {
        fprintf(stderr, "headers %s, library %s\n", RMQ_VERSION_STRING, rmq_version_string());
        return 1;
    }
    rmq_command cmd;
    rmq_command_init(&cmd);
    cmd.code = RMQ_REQ_GET_ROUTEINFO_BY_TOPIC;
    cmd.opaque = 42;
    unsigned char frame[256];
    size_t written = 0;
    rmq_error err;
    if (rmq_frame_encode(&cmd, frame, sizeof frame, &written, &err) != RMQ_OK) {
        fprintf(stderr, "encode: %s\n", err.message);
        return 1;
    }
    unsigned char memory[1024];
    rmq_arena arena;
    rmq_arena_init(&arena, memory, sizeof memory);
    rmq_command back;
    if (rmq_frame_decode(frame, written, NULL, &arena, &back, &err) != RMQ_OK || back.opaque != 42 ||
        back.code != RMQ_REQ_GET_ROUTEINFO_BY_TOPIC) {
        fprintf(stderr, "decode: %s\n", rmq_strerror(err.code));
        return 1;
    }
    printf("rmqwire %s: %s opaque %d\n", rmq_version_string(), rmq_request_code_name(back.code, RMQ_RELEASE_4_9_8),
           (int)back.opaque);
    return 0;
}

// Every documented idiom of the public headers compiles as C++ with -pedantic-errors and
// -Wold-style-cast, and works: a C++ client is a first-class user of the library.
#include "rmqwire.h"

#include <cstdio>
#include <cstring>

int main()
{
    rmq_decode_options opts;
    rmq_decode_options_default(&opts);
    opts.leniency = RMQ_LENIENCY_JAVA_498;
    opts.leniency = RMQ_LENIENCY_JAVA_533 | RMQ_LENIENT_JSON_MISSING_OPAQUE;
    opts.leniency = RMQ_LENIENCY_STRICT;

    rmq_command cmd;
    rmq_command_init(&cmd);
    cmd.code = RMQ_REQ_SEND_MESSAGE_V2;
    cmd.opaque = 7;
    cmd.remark = RMQ_STR_NULL;
    rmq_ext_field ext[] = {{rmq_str_from_cstr("a"), rmq_str_from_cstr("group")}, {rmq_str_from_cstr("b"), RMQ_STR_NULL}};
    cmd.has_ext = true;
    cmd.ext = ext;
    cmd.ext_count = 2;

    size_t size = 0, written = 0;
    unsigned char out[256];
    rmq_error err;
    if (rmq_frame_encoded_size(&cmd, &size, &err) != RMQ_OK || size > sizeof out) return 1;
    if (rmq_frame_encode(&cmd, out, sizeof out, &written, &err) != RMQ_OK) return 1;

    unsigned char scratch[4096];
    rmq_arena arena;
    rmq_arena_init(&arena, scratch, sizeof scratch);
    rmq_command back;
    if (rmq_frame_decode(out, written, &opts, &arena, &back, &err) != RMQ_OK) {
        std::printf("decode failed: %s at %zu\n", err.message, err.offset);
        return 1;
    }
    rmq_str v;
    if (!rmq_ext_get(&back, "a", 1, &v) || !rmq_str_equal_cstr(v, "group")) return 1;
    if (back.opaque != 7 || rmq_command_is_response(&back) || rmq_command_is_oneway(&back)) return 1;
    std::printf("rmqwire %s from C++: code %d, %zu ext entries\n", rmq_version_string(), back.code, back.ext_count);
    return back.code == 310 && back.ext_count == 1 ? 0 : 1;
}

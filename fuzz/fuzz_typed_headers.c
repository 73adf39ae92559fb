/*
 * Typed headers from extFields: send V1/V2, send response, pull request/response,
 * route request, end transaction, the generic schema view and the send result.
 * Input: a whole frame (the vectors), or, when it is not one, a code byte followed by
 * NUL-separated key/value texts, which lets the fuzzer reach the number parsers fast.
 * Oracle: decode → to_ext → decode → to_ext reaches a fixed point, and what a decoder
 * accepts its encoder can always write.
 */
#include "fuzz_common.h"

static const int32_t interesting_codes[] = {10, 310, 320, 324, 325, 11, 105, 37, 0, 1, 2, 12, 14, 17, 36, 38};
#define CODE_COUNT (sizeof interesting_codes / sizeof interesting_codes[0])

/* ext entries of one typed header, rendered; the comparison key for the fixed point. */
typedef struct rendered {
    rmq_ext_field *fields;
    size_t count;
} rendered;

static bool same_ext(const rendered *a, const rendered *b)
{
    if (a->count != b->count) return false;
    for (size_t i = 0; i < a->count; i++)
        if (!rmq_str_equal(a->fields[i].key, b->fields[i].key) || !rmq_str_equal(a->fields[i].value, b->fields[i].value))
            return false;
    return true;
}

static rmq_command with_ext(const rmq_command *base, const rendered *r)
{
    rmq_command c = *base;
    c.has_ext = true;
    c.ext = r->fields;
    c.ext_count = r->count;
    return c;
}

/* One typed header kind: decode, render, decode the rendering, render again. */
#define TYPED_ROUND_TRIP(type, decode_call, render_call)                                               \
    do {                                                                                               \
        type h1, h2;                                                                                   \
        uint32_t notes = 0;                                                                            \
        rmq_error err;                                                                                 \
        const rmq_command *in = cmd;                                                                   \
        type *h = &h1;                                                                                 \
        int rc = decode_call;                                                                          \
        if (rc != RMQ_OK) {                                                                            \
            FUZZ_CHECK_ERROR(rc, err);                                                                 \
            break;                                                                                     \
        }                                                                                              \
        rendered r1, r2;                                                                               \
        const type *src = &h1;                                                                         \
        rmq_ext_field **fields = &r1.fields;                                                           \
        size_t *count = &r1.count;                                                                     \
        rc = render_call;                                                                              \
        FUZZ_ASSERT(rc == RMQ_OK, "a decoded " #type " cannot be rendered");                           \
        rmq_command c2 = with_ext(cmd, &r1);                                                           \
        in = &c2;                                                                                      \
        h = &h2;                                                                                       \
        rc = decode_call;                                                                              \
        FUZZ_ASSERT(rc == RMQ_OK, "the rendering of a " #type " does not decode");                     \
        FUZZ_ASSERT(h1.present == h2.present, #type " fields changed presence");                       \
        src = &h2;                                                                                     \
        fields = &r2.fields;                                                                           \
        count = &r2.count;                                                                             \
        rc = render_call;                                                                              \
        FUZZ_ASSERT(rc == RMQ_OK && same_ext(&r1, &r2), #type " has no fixed point");                  \
    } while (0)

static void typed_headers(const rmq_command *cmd, rmq_arena *arena)
{
    for (int v = RMQ_SEND_V1; v <= RMQ_SEND_V2; v++) {
        /* 5.3.3 rendering: absent booleans stay absent, so presence is stable */
        TYPED_ROUND_TRIP(rmq_send_request, rmq_send_request_decode_as(in, (rmq_send_variant)v, h, &notes, &err),
                         rmq_send_request_to_ext(src, (rmq_send_variant)v, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS,
                                                 arena, fields, count, &err));
    }
    {
        rmq_send_request h;
        uint32_t notes = 0;
        rmq_error err;
        int rc = rmq_send_request_decode(cmd, &h, &notes, &err);
        if (rc != RMQ_OK) FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(rc != RMQ_OK || rmq_send_variant_for_code(cmd->code) != RMQ_SEND_NOT_A_SEND,
                    "a non-send code decoded as a send");
    }
    TYPED_ROUND_TRIP(rmq_send_response, rmq_send_response_decode(in, h, &notes, &err),
                     rmq_send_response_to_ext(src, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, arena, fields, count, &err));
    TYPED_ROUND_TRIP(rmq_pull_request, rmq_pull_request_decode(in, h, &notes, &err),
                     rmq_pull_request_to_ext(src, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_JAVA_MAP, arena, fields, count, &err));
    TYPED_ROUND_TRIP(rmq_pull_response, rmq_pull_response_decode(in, h, &notes, &err),
                     rmq_pull_response_to_ext(src, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, arena, fields, count, &err));
    TYPED_ROUND_TRIP(rmq_route_request, rmq_route_request_decode(in, h, &notes, &err),
                     rmq_route_request_to_ext(src, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, arena, fields, count, &err));
    TYPED_ROUND_TRIP(rmq_end_tx_request, rmq_end_tx_request_decode(in, h, &notes, &err),
                     rmq_end_tx_request_to_ext(src, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_JAVA_MAP, arena, fields, count, &err));

    for (int resp = 0; resp <= 1; resp++) {
        const rmq_header_schema *s = rmq_header_schema_for(cmd->code, resp != 0);
        if (!s) continue;
        size_t n = rmq_header_schema_field_count(s);
        FUZZ_ASSERT(n <= RMQ_HEADER_MAX_FIELDS && rmq_header_schema_name(s), "schema out of its bounds");
        rmq_header_values vals;
        uint32_t notes = 0;
        rmq_error err;
        int rc = rmq_header_decode(s, cmd, &vals, &notes, &err);
        if (rc != RMQ_OK) FUZZ_CHECK_ERROR(rc, err);
        else FUZZ_ASSERT(n >= 32 || (vals.present >> n) == 0, "generic view marks a field past the schema");
    }

    rmq_send_result result;
    rmq_error err;
    rmq_str uniq = {"C0A8000100002A9F0000000000000001", 32};
    int rc = rmq_send_result_from_response(cmd, uniq, RMQ_STR_NULL, &result, &err);
    if (rc != RMQ_OK) FUZZ_CHECK_ERROR(rc, err);
    else FUZZ_ASSERT(rmq_send_status_name(result.status) != NULL, "send status without a name");
}

/* code byte, then key\0value\0key\0value… */
static size_t ext_from_pairs(const uint8_t *data, size_t size, rmq_ext_field *out, size_t cap)
{
    size_t n = 0, pos = 1;
    while (pos < size && n < cap) {
        rmq_str parts[2] = {RMQ_STR_NULL, RMQ_STR_NULL};
        for (int k = 0; k < 2 && pos <= size; k++) {
            const uint8_t *end = memchr(data + pos, 0, size - pos);
            size_t len = end ? (size_t)(end - (data + pos)) : size - pos;
            /* a lone 0xFF stands for Java null */
            if (!(len == 1 && data[pos] == 0xFF)) parts[k] = (rmq_str){(const char *)data + pos, len};
            pos += len + 1;
        }
        out[n].key = parts[0];
        out[n].value = parts[1];
        n++;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t scratch[1 << 16];
    rmq_arena arena;
    rmq_arena_init(&arena, scratch, sizeof scratch);
    size_t bound = rmq_frame_decode_bound(size);
    void *mem = malloc(bound ? bound : 1);
    rmq_arena frame_arena;
    rmq_arena_init(&frame_arena, mem, bound);
    rmq_command cmd;
    rmq_error err;
    if (rmq_frame_decode(data, size, NULL, &frame_arena, &cmd, &err) == RMQ_OK) {
        typed_headers(&cmd, &arena);
    } else if (size > 0) {
        rmq_ext_field fields[64];
        rmq_command_init(&cmd);
        cmd.code = interesting_codes[data[0] % CODE_COUNT];
        cmd.flag = (data[0] & 0x80) ? RMQ_FLAG_RESPONSE : 0;
        cmd.has_ext = (data[0] & 0x40) == 0;
        cmd.ext = fields;
        cmd.ext_count = cmd.has_ext ? ext_from_pairs(data, size, fields, 64) : 0;
        typed_headers(&cmd, &arena);
    }
    free(mem);
    return 0;
}

/*
 * TopicRouteData bodies, both dialects, every leniency preset. Oracle: a decoded
 * route encodes in both dialects; each encoding decodes strictly enough to come back
 * as the same bytes (fixed point); the publish list and the selector stay in bounds.
 */
#include "fuzz_common.h"

static uint8_t *encode_route(const rmq_route *r, rmq_route_dialect d, rmq_route_map_order order, size_t *len)
{
    size_t size = 0, written = 0;
    rmq_error err;
    int rc = rmq_route_encoded_size(r, d, order, RMQ_RELEASE_5_3_3, &size, &err);
    if (rc != RMQ_OK) {
        /* a route can hold more map entries than the HashMap-order computation allows */
        FUZZ_ASSERT(rc == RMQ_ERR_UNREPRESENTABLE || rc == RMQ_ERR_TOO_MANY_FIELDS, "decoded route cannot be sized");
        return NULL;
    }
    uint8_t *out = malloc(size ? size : 1);
    rc = rmq_route_encode(r, d, order, RMQ_RELEASE_5_3_3, out, size, &written, &err);
    FUZZ_ASSERT(rc == RMQ_OK && written == size, "route encode disagrees with its size");
    *len = size;
    return out;
}

static int decode_route(const uint8_t *body, size_t len, const rmq_decode_options *o, void **mem, rmq_route *r)
{
    size_t bound = rmq_route_decode_bound(len);
    *mem = malloc(bound ? bound : 1);
    rmq_arena a;
    rmq_arena_init(&a, *mem, bound);
    rmq_error err;
    int rc = rmq_route_decode(body, len, o, &a, r, &err);
    if (rc != RMQ_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(rc != RMQ_ERR_NO_MEMORY, "route decode needed more than rmq_route_decode_bound");
        FUZZ_ASSERT(err.offset <= len, "route error offset past the body");
    }
    return rc;
}

static void check_publish(const rmq_route *r)
{
    static uint8_t scratch[1 << 20];
    rmq_arena a;
    rmq_arena_init(&a, scratch, sizeof scratch);
    rmq_publish_info info;
    rmq_error err;
    int rc = rmq_route_publish_info(r, (rmq_str){"T", 1}, &a, &info, &err);
    if (rc != RMQ_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        return;
    }
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 0x7FFFFFF0u); /* wraps past INT_MAX on the way */
    rmq_str last = RMQ_STR_NULL;
    for (int i = 0; i < 40; i++) {
        const rmq_message_queue *q = rmq_queue_select(&sel, &info, last);
        FUZZ_ASSERT((q == NULL) == (info.count == 0), "selector and list disagree");
        if (!q) break;
        FUZZ_ASSERT(q >= info.queues && q < info.queues + info.count, "selector left the list");
        last = q->broker_name;
    }
    for (size_t i = 0; i < r->broker_count && i < 8; i++) {
        (void)rmq_route_master_addr(r, r->broker_datas[i].broker_name);
        (void)rmq_route_find_queue_data(r, r->broker_datas[i].broker_name);
    }
    (void)rmq_route_static_broker(r, 0);
}

/* A 5.x queue mapping with a null scope or currIdMap: never written, and read back as
 * TopicQueueMappingInfo() makes them ("__global__", empty) */
static bool mapping_nulls(const rmq_route *r)
{
    for (size_t i = 0; i < r->mapping_count; i++)
        if (!r->queue_mappings[i].scope.ptr || !r->queue_mappings[i].has_curr_id_map) return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the presets, then one mask taken from the input */
    for (size_t i = 0; i <= FUZZ_LENIENCY_COUNT; i++) {
        rmq_decode_options o = i < FUZZ_LENIENCY_COUNT ? fuzz_options(i) : fuzz_input_options(data, size);
        void *m1 = NULL;
        rmq_route r1;
        if (decode_route(data, size, &o, &m1, &r1) == RMQ_OK) {
            check_publish(&r1);
            static const rmq_route_dialect dialects[] = {RMQ_ROUTE_PLAIN, RMQ_ROUTE_STANDARD};
            for (size_t d = 0; d < 2; d++) {
                for (int ord = 0; ord < 2; ord++) {
                    size_t n1 = 0, n2 = 0;
                    uint8_t *y1 = encode_route(&r1, dialects[d], (rmq_route_map_order)ord, &n1);
                    if (!y1) continue;
                    rmq_decode_options std;
                    rmq_decode_options_default(&std);
                    /* the standard dialect is JSON, except that BrowserCompatible writes a long
                     * beyond 2^53 (epoch) as a string */
                    std.leniency = dialects[d] == RMQ_ROUTE_PLAIN ? RMQ_LENIENCY_JAVA_533
                                                                  : RMQ_LENIENCY_STRICT | RMQ_LENIENT_JSON_NUMERIC_STRINGS;
                    std.release = o.release; /* absent lists: null in 4.9.8, empty in 5.3.3 */
                    void *m2 = NULL;
                    rmq_route r2;
                    FUZZ_ASSERT(decode_route(y1, n1, &std, &m2, &r2) == RMQ_OK, "our route encoding does not decode");
                    FUZZ_ASSERT(r2.broker_count == r1.broker_count && r2.queue_count == r1.queue_count &&
                                    r2.filter_count == r1.filter_count && r2.mapping_count == r1.mapping_count,
                                "route counts changed");
                    uint8_t *y2 = encode_route(&r2, dialects[d], (rmq_route_map_order)ord, &n2);
                    FUZZ_ASSERT(y2 != NULL, "a decoded route encoding cannot be written again");
                    /* 5.3.3 reads an absent list as empty (and a mapping's absent scope and
                     * currIdMap as its defaults): a null one (never written) comes back so once,
                     * and from then on the bytes stay */
                    bool lists_settle = o.release != RMQ_RELEASE_4_9_8 &&
                                        (!r1.has_queue_datas || !r1.has_broker_datas || !r1.has_filter_server_table ||
                                         mapping_nulls(&r1));
                    if (lists_settle) {
                        void *m3 = NULL;
                        rmq_route r3;
                        size_t n3 = 0;
                        FUZZ_ASSERT(decode_route(y2, n2, &std, &m3, &r3) == RMQ_OK, "our route encoding does not decode");
                        uint8_t *y3 = encode_route(&r3, dialects[d], (rmq_route_map_order)ord, &n3);
                        FUZZ_ASSERT(y3 && n3 == n2 && !memcmp(y2, y3, n2), "route encoding has no fixed point");
                        free(y3);
                        free(m3);
                    } else {
                        FUZZ_ASSERT(n2 == n1 && !memcmp(y1, y2, n1), "route encoding has no fixed point");
                    }
                    free(y2);
                    free(m2);
                    free(y1);
                }
            }
        }
        free(m1);
    }
    return 0;
}

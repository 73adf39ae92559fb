/* TopicRouteData bodies as Java writes them (SPEC §12.3): plain and standard dialects. */
#include "rmqwire/route.h"

#include "internal/bytes.h"
#include "internal/error_set.h"
#include "internal/hex.h"
#include "internal/java_string.h"
#include "internal/json_writer.h"
#include "internal/utf8.h"

#include <string.h>

/* Maps larger than this can only be written in the order given (ordering uses a stack index). */
#define MAX_ORDERED_MAP 1024

typedef struct enc {
    rmq_writer *w;
    rmq_route_dialect dialect;
    rmq_route_map_order order;
    rmq_release release;
    rmq_error *err;
} enc;

/* BrowserCompatible string: '/' and every char >= U+007F escaped, surrogate pairs for the rest. */
static void std_string(rmq_writer *w, const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    rmq_write_u8(w, '"');
    for (size_t i = 0; i < len;) {
        uint8_t c = p[i];
        char e[12];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/') {
            rmq_write_u8(w, c);
            i++;
            continue;
        }
        if (c < 0x80) {
            const char *short_esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '/' ? "\\/" : c == '\b' ? "\\b"
                                  : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
            if (short_esc) {
                rmq_jw_raw(w, short_esc);
            } else {
                memcpy(e, "\\u00", 4);
                e[4] = rmq_hex_upper[c >> 4];
                e[5] = rmq_hex_upper[c & 15];
                rmq_write_bytes(w, e, 6);
            }
            i++;
            continue;
        }
        bool valid;
        size_t k = rmq_utf8_unit(p + i, len - i, &valid);
        if (!valid) rmq_writer_note_bad_utf8(w);
        uint32_t cp = valid ? rmq_utf8_code_point(p + i, k) : 0xFFFD;
        uint32_t units[2] = {cp, 0};
        int n = 1;
        if (cp >= 0x10000) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            n = 2;
        }
        for (int u = 0; u < n; u++) {
            e[0] = '\\';
            e[1] = 'u';
            e[2] = rmq_hex_upper[(units[u] >> 12) & 15];
            e[3] = rmq_hex_upper[(units[u] >> 8) & 15];
            e[4] = rmq_hex_upper[(units[u] >> 4) & 15];
            e[5] = rmq_hex_upper[units[u] & 15];
            rmq_write_bytes(w, e, 6);
        }
        i += k;
    }
    rmq_write_u8(w, '"');
}

static void string_value(enc *e, rmq_str s)
{
    if (!s.ptr) rmq_jw_raw(e->w, "null");
    else if (e->dialect == RMQ_ROUTE_STANDARD) std_string(e->w, s.ptr, s.len);
    else rmq_jw_string(e->w, s.ptr, s.len);
}

/* BrowserCompatible writes longs beyond JavaScript's exact range as strings. */
static void long_value(enc *e, int64_t v)
{
    bool quote = e->dialect == RMQ_ROUTE_STANDARD && (v > 9007199254740991LL || v < -9007199254740991LL);
    if (quote) rmq_write_u8(e->w, '"');
    rmq_jw_int(e->w, v);
    if (quote) rmq_write_u8(e->w, '"');
}

/* Integer map key: bare in the plain dialect, quoted in the standard one. */
static void int_key(enc *e, int64_t v)
{
    if (e->dialect == RMQ_ROUTE_STANDARD) rmq_write_u8(e->w, '"');
    rmq_jw_int(e->w, v);
    if (e->dialect == RMQ_ROUTE_STANDARD) rmq_write_u8(e->w, '"');
    rmq_write_u8(e->w, ':');
}

/* Field name, with the comma when it is not the first. */
static void field(enc *e, bool *first, const char *name)
{
    if (!*first) rmq_write_u8(e->w, ',');
    *first = false;
    rmq_write_u8(e->w, '"');
    rmq_jw_raw(e->w, name);
    rmq_jw_raw(e->w, "\":");
}

/* Map entry order: as given, Java HashMap order (plain), or sorted by key (standard). */
typedef struct map_keys {
    const int64_t *ints;     /* numeric keys, stride in bytes */
    size_t int_stride;
    const rmq_str *strs;     /* string keys, stride in bytes */
    size_t str_stride;
} map_keys;

static int64_t key_int(const map_keys *k, size_t i) { return *(const int64_t *)((const char *)k->ints + i * k->int_stride); }
static rmq_str key_str(const map_keys *k, size_t i) { return *(const rmq_str *)((const char *)k->strs + i * k->str_stride); }

static int compare_keys(const map_keys *k, size_t a, size_t b)
{
    if (k->ints) {
        int64_t x = key_int(k, a), y = key_int(k, b);
        return x < y ? -1 : x > y;
    }
    rmq_str x = key_str(k, a), y = key_str(k, b);
    return rmq_java_string_compare(x.ptr, x.len, y.ptr, y.len);
}

static size_t bucket_of(const map_keys *k, size_t i, size_t cap)
{
    uint32_t h;
    if (k->ints) h = rmq_java_long_hash(key_int(k, i));
    else {
        rmq_str s = key_str(k, i);
        h = rmq_java_string_hash(s.ptr, s.len);
    }
    return rmq_java_bucket(h, cap);
}

static int map_order(enc *e, const map_keys *k, size_t n, size_t *idx)
{
    for (size_t i = 0; i < n; i++) idx[i] = i;
    bool sorted = e->dialect == RMQ_ROUTE_STANDARD;
    bool hashed = !sorted && e->order == RMQ_ROUTE_ORDER_JAVA_HASHMAP;
    if (!sorted && !hashed) return RMQ_OK;
    if (n > MAX_ORDERED_MAP) return rmq_fail(e->err, RMQ_ERR_UNREPRESENTABLE, 0, "map too large to order");
    size_t cap = rmq_java_map_capacity(16, n);
    for (size_t i = 1; i < n; i++) { /* stable insertion sort */
        size_t cur = idx[i], j = i;
        while (j > 0) {
            int c = sorted ? compare_keys(k, idx[j - 1], cur)
                           : (bucket_of(k, idx[j - 1], cap) > bucket_of(k, cur, cap)) - (bucket_of(k, idx[j - 1], cap) < bucket_of(k, cur, cap));
            if (c <= 0) break;
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = cur;
    }
    return RMQ_OK;
}

static int broker_data(enc *e, const rmq_broker_data *b)
{
    bool first = true;
    rmq_write_u8(e->w, '{');
    if (b->has_addrs) {
        field(e, &first, "brokerAddrs");
        rmq_write_u8(e->w, '{');
        size_t idx[MAX_ORDERED_MAP];
        size_t n = b->addr_count;
        if (n > MAX_ORDERED_MAP && (e->dialect == RMQ_ROUTE_STANDARD || e->order == RMQ_ROUTE_ORDER_JAVA_HASHMAP))
            return rmq_fail(e->err, RMQ_ERR_UNREPRESENTABLE, 0, "map too large to order");
        if (n <= MAX_ORDERED_MAP && n) {
            map_keys k = {&b->addrs[0].id, sizeof(rmq_broker_addr), NULL, 0};
            int rc = map_order(e, &k, n, idx);
            if (rc) return rc;
        }
        bool wrote = false;
        for (size_t i = 0; i < n; i++) {
            const rmq_broker_addr *a = &b->addrs[n <= MAX_ORDERED_MAP ? idx[i] : i];
            if (!a->addr.ptr) continue; /* null map values are not written */
            if (wrote) rmq_write_u8(e->w, ',');
            wrote = true;
            int_key(e, a->id);
            string_value(e, a->addr);
        }
        rmq_write_u8(e->w, '}');
    }
    if (b->broker_name.ptr) { field(e, &first, "brokerName"); string_value(e, b->broker_name); }
    if (b->cluster.ptr) { field(e, &first, "cluster"); string_value(e, b->cluster); }
    if (b->has_acting_master || e->release == RMQ_RELEASE_5_3_3) {
        field(e, &first, "enableActingMaster");
        rmq_jw_raw(e->w, b->enable_acting_master ? "true" : "false");
    }
    if (b->zone_name.ptr) { field(e, &first, "zoneName"); string_value(e, b->zone_name); }
    rmq_write_u8(e->w, '}');
    return RMQ_OK;
}

static void queue_data(enc *e, const rmq_queue_data *q)
{
    bool first = true;
    rmq_write_u8(e->w, '{');
    if (q->broker_name.ptr) { field(e, &first, "brokerName"); string_value(e, q->broker_name); }
    field(e, &first, "perm");
    rmq_jw_int(e->w, q->perm);
    field(e, &first, "readQueueNums");
    rmq_jw_int(e->w, q->read_queue_nums);
    field(e, &first, "topicSysFlag");
    rmq_jw_int(e->w, q->topic_sys_flag);
    field(e, &first, "writeQueueNums");
    rmq_jw_int(e->w, q->write_queue_nums);
    rmq_write_u8(e->w, '}');
}

static int mapping(enc *e, const rmq_queue_mapping *m)
{
    bool first = true;
    rmq_write_u8(e->w, '{');
    if (m->bname.ptr) { field(e, &first, "bname"); string_value(e, m->bname); }
    if (m->has_curr_id_map) {
        field(e, &first, "currIdMap");
        rmq_write_u8(e->w, '{');
        size_t n = m->curr_id_count, idx[MAX_ORDERED_MAP];
        int64_t keys[MAX_ORDERED_MAP];
        bool ordered = e->dialect == RMQ_ROUTE_STANDARD || e->order == RMQ_ROUTE_ORDER_JAVA_HASHMAP;
        if (n > MAX_ORDERED_MAP && ordered) return rmq_fail(e->err, RMQ_ERR_UNREPRESENTABLE, 0, "map too large to order");
        if (n <= MAX_ORDERED_MAP) {
            for (size_t i = 0; i < n; i++) keys[i] = m->curr_id_map[i].logical; /* Integer.hashCode == Long.hashCode here */
            map_keys k = {keys, sizeof keys[0], NULL, 0};
            int rc = map_order(e, &k, n, idx);
            if (rc) return rc;
        }
        for (size_t i = 0; i < n; i++) {
            const rmq_id_pair *p = &m->curr_id_map[n <= MAX_ORDERED_MAP ? idx[i] : i];
            if (i) rmq_write_u8(e->w, ',');
            int_key(e, p->logical);
            rmq_jw_int(e->w, p->physical);
        }
        rmq_write_u8(e->w, '}');
    }
    field(e, &first, "dirty");
    rmq_jw_raw(e->w, m->dirty ? "true" : "false");
    field(e, &first, "epoch");
    long_value(e, m->epoch);
    if (m->scope.ptr) { field(e, &first, "scope"); string_value(e, m->scope); }
    if (m->topic.ptr) { field(e, &first, "topic"); string_value(e, m->topic); }
    field(e, &first, "totalQueues");
    rmq_jw_int(e->w, m->total_queues);
    rmq_write_u8(e->w, '}');
    return RMQ_OK;
}

/* A map with string keys (filterServerTable, topicQueueMappingByBroker). */
static int string_map(enc *e, const void *items, size_t stride, size_t n, const rmq_str *first_key,
                      int (*value)(enc *, const void *))
{
    size_t idx[MAX_ORDERED_MAP];
    bool ordered = e->dialect == RMQ_ROUTE_STANDARD || e->order == RMQ_ROUTE_ORDER_JAVA_HASHMAP;
    if (n > MAX_ORDERED_MAP && ordered) return rmq_fail(e->err, RMQ_ERR_UNREPRESENTABLE, 0, "map too large to order");
    if (n <= MAX_ORDERED_MAP && n) {
        map_keys k = {NULL, 0, first_key, stride};
        int rc = map_order(e, &k, n, idx);
        if (rc) return rc;
    }
    rmq_write_u8(e->w, '{');
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        size_t at = n <= MAX_ORDERED_MAP ? idx[i] : i;
        const void *item = (const char *)items + at * stride;
        rmq_str key = *(const rmq_str *)((const char *)first_key + at * stride);
        if (!first) rmq_write_u8(e->w, ',');
        first = false;
        string_value(e, key.ptr ? key : rmq_str_from_cstr("null"));
        rmq_write_u8(e->w, ':');
        int rc = value(e, item);
        if (rc) return rc;
    }
    rmq_write_u8(e->w, '}');
    return RMQ_OK;
}

static int filter_value(enc *e, const void *item)
{
    const rmq_filter_servers *f = item;
    if (!f->has_servers) {
        rmq_jw_raw(e->w, "null");
        return RMQ_OK;
    }
    rmq_write_u8(e->w, '[');
    for (size_t i = 0; i < f->count; i++) {
        if (i) rmq_write_u8(e->w, ',');
        string_value(e, f->servers[i]);
    }
    rmq_write_u8(e->w, ']');
    return RMQ_OK;
}

static int mapping_value(enc *e, const void *item) { return mapping(e, item); }

static int encode(enc *e, const rmq_route *r)
{
    bool first = true;
    int rc;
    rmq_write_u8(e->w, '{');
    if (r->has_broker_datas) {
        field(e, &first, "brokerDatas");
        rmq_write_u8(e->w, '[');
        for (size_t i = 0; i < r->broker_count; i++) {
            if (i) rmq_write_u8(e->w, ',');
            if ((rc = broker_data(e, &r->broker_datas[i]))) return rc;
        }
        rmq_write_u8(e->w, ']');
    }
    if (r->has_filter_server_table) {
        field(e, &first, "filterServerTable");
        if ((rc = string_map(e, r->filter_servers, sizeof(rmq_filter_servers), r->filter_count,
                             r->filter_count ? &r->filter_servers[0].broker_addr : NULL, filter_value)))
            return rc;
    }
    if (r->order_topic_conf.ptr) {
        field(e, &first, "orderTopicConf");
        string_value(e, r->order_topic_conf);
    }
    if (r->has_queue_datas) {
        field(e, &first, "queueDatas");
        rmq_write_u8(e->w, '[');
        for (size_t i = 0; i < r->queue_count; i++) {
            if (i) rmq_write_u8(e->w, ',');
            queue_data(e, &r->queue_datas[i]);
        }
        rmq_write_u8(e->w, ']');
    }
    if (r->has_queue_mapping) {
        field(e, &first, "topicQueueMappingByBroker");
        if ((rc = string_map(e, r->queue_mappings, sizeof(rmq_queue_mapping), r->mapping_count,
                             r->mapping_count ? &r->queue_mappings[0].key : NULL, mapping_value)))
            return rc;
    }
    rmq_write_u8(e->w, '}');
    return RMQ_OK;
}

static int run(const rmq_route *r, rmq_route_dialect d, rmq_route_map_order o, rmq_release rel, rmq_writer *w, rmq_error *err)
{
    if (!r) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    enc e = {w, d, o, rel, err};
    int rc = encode(&e, r);
    if (rc == RMQ_OK && w->bad_utf8_at != SIZE_MAX)
        return rmq_fail(err, RMQ_ERR_UTF8, w->bad_utf8_at, "a string is not UTF-8 (no Java String holds it)");
    return rc;
}

int rmq_route_encoded_size(const rmq_route *route, rmq_route_dialect dialect, rmq_route_map_order order,
                           rmq_release release, size_t *size, rmq_error *err)
{
    if (!route || !size) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    int rc = run(route, dialect, order, release, &w, err);
    if (rc == RMQ_OK && size) *size = w.len;
    return rc;
}

int rmq_route_encode(const rmq_route *route, rmq_route_dialect dialect, rmq_route_map_order order, rmq_release release,
                     uint8_t *out, size_t cap, size_t *written, rmq_error *err)
{
    if (!route || (!out && cap)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, out, cap);
    int rc = run(route, dialect, order, release, &w, err);
    if (rc) return rc;
    if (rmq_writer_overflowed(&w)) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    if (written) *written = w.len;
    return RMQ_OK;
}

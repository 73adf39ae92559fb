/*
 * TopicRouteData as fastjson writes it, in both dialects (SPEC §12.2–12.3): one
 * pass over the bytes with no tokens. Whatever is not exactly that — whitespace,
 * nulls, escapes, unknown or repeated keys, numbers out of range, limits reached,
 * the 5.x queue mapping table — is declined and read by the general reader
 * (route_decode.c), so results and errors are the general reader's by construction.
 */
#include "internal/arena.h"
#include "internal/bytes.h"
#include "internal/gather.h"
#include "internal/route_codec.h"
#include "internal/scan.h"

#include <string.h>

typedef struct croute {
    const uint8_t *s;
    size_t n;
    size_t pos;
    size_t max_string;
    size_t max_list;
    bool bare_keys;    /* plain dialect's {0:"…"} needs the unquoted-keys tolerance */
    rmq_arena *arena;
    bool v5_fields;    /* zoneName, enableActingMaster: 4.9.8 ignores them, the general reader skips */
} croute;

#if defined(__GNUC__)
#define CR_INLINE static inline __attribute__((always_inline))
#else
#define CR_INLINE static inline
#endif

CR_INLINE bool take(croute *restrict c, uint8_t ch)
{
    if (c->pos < c->n && c->s[c->pos] == ch) {
        c->pos++;
        return true;
    }
    return false;
}

/* A plain string (no escapes) in place. */
CR_INLINE bool str(croute *restrict c, rmq_str *out)
{
    return rmq_scan_plain_string(c->s, c->n, &c->pos, c->max_string, out) && !(out->len & RMQ_SCAN_ESCAPED);
}

/* A quoted key and its ':'; *k spans the key's bytes. */
CR_INLINE bool key(croute *restrict c, rmq_str *k) { return str(c, k) && take(c, ':'); }

/*
 * The key `"lit":` at the cursor, consumed when it is there. The general reader
 * holds keys to max_string too ("lit": is 3 bytes longer than the key).
 */
#define KEY(c, lit) key_is((c), "\"" lit "\":", sizeof("\"" lit "\":") - 1)

/* The first letter of the key at the cursor ("x…), or 0. */
CR_INLINE uint8_t first_letter(const croute *restrict c)
{
    return c->n - c->pos >= 2 && c->s[c->pos] == '"' ? c->s[c->pos + 1] : 0;
}

CR_INLINE bool key_is(croute *restrict c, const char *quoted, size_t len)
{
    if (c->n - c->pos < len || !rmq_bytes_equal(c->s + c->pos, quoted, len) || len - 3 > c->max_string) return false;
    c->pos += len;
    return true;
}

/* `,"lit":` — the next key in fastjson's order. */
#define NEXT_KEY(c, lit) next_key_is((c), ",\"" lit "\":", sizeof(",\"" lit "\":") - 1)

CR_INLINE bool next_key_is(croute *restrict c, const char *quoted, size_t len)
{
    if (c->n - c->pos < len || !rmq_bytes_equal(c->s + c->pos, quoted, len) || len - 4 > c->max_string) return false;
    c->pos += len;
    return true;
}

/* An integer value inside [lo, hi] (up to 18 digits; the general reader decides the rest). */
CR_INLINE bool integer(croute *restrict c, int64_t lo, int64_t hi, int64_t *v)
{
    return rmq_scan_plain_integer(c->s, c->n, &c->pos, 18, lo, hi, v);
}

CR_INLINE bool int32(croute *restrict c, int32_t *v)
{
    int64_t w;
    if (!integer(c, INT32_MIN, INT32_MAX, &w)) return false;
    *v = (int32_t)w;
    return true;
}

CR_INLINE bool boolean(croute *restrict c, bool *b)
{
    size_t left = c->n - c->pos;
    const uint8_t *s = c->s + c->pos;
    if (left >= 5 && memcmp(s, "true", 4) == 0 && (s[4] == ',' || s[4] == '}')) {
        *b = true;
        c->pos += 4;
        return true;
    }
    if (left >= 6 && memcmp(s, "false", 5) == 0 && (s[5] == ',' || s[5] == '}')) {
        *b = false;
        c->pos += 5;
        return true;
    }
    return false;
}

/* An integer map key: bare digits (plain dialect) or quoted digits (standard), then ':'. */
CR_INLINE bool int_key(croute *restrict c, int64_t *v)
{
    bool quoted = take(c, '"');
    if (!quoted && !c->bare_keys) return false;
    const uint8_t *s = c->s;
    size_t i = c->pos, n = c->n, first = i, stop = n - i > 18 ? i + 18 : n;
    int64_t acc = 0;
    for (; i < stop; i++) {
        unsigned d = (unsigned)s[i] - '0';
        if (d > 9) break;
        acc = acc * 10 + (int64_t)d;
    }
    if (i == first || i - first > c->max_string) return false;
    if (quoted && !(i < n && s[i++] == '"')) return false;
    c->pos = i;
    *v = acc;
    return take(c, ':');
}

/* Separators: ',' continues, `close` ends (consumed); false for anything else. */
CR_INLINE bool next(croute *restrict c, uint8_t close, bool *more)
{
    if (c->pos >= c->n) return false;
    uint8_t ch = c->s[c->pos++];
    *more = ch == ',';
    return ch == ',' || ch == close;
}

#define ITEM(c, g, type) ((g)->count < (c)->max_list ? (type *)RMQ_GATHER_NEXT((g), (c)->arena, sizeof(type)) : NULL)

#define ADDRS_FIRST 8
#define LIST_ON_STACK 16
#define MAP_ON_STACK 8

/* brokerAddrs: nothing else is allocated while the map is read (the strings stay in
 * place), so it is gathered at the arena's top. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool broker_addrs(croute *restrict c, rmq_broker_data *b)
{
    if (!take(c, '{')) return false;
    b->has_addrs = true;
    if (take(c, '}')) return true;
    rmq_top_list t;
    if (!rmq_top_list_init(&t, c->arena, ADDRS_FIRST, sizeof(rmq_broker_addr), _Alignof(rmq_broker_addr))) return false;
    for (bool more = true; more;) {
        rmq_broker_addr *a = t.count < c->max_list ? RMQ_TOP_NEXT(&t, c->arena, sizeof *a) : NULL;
        /* both fields are always set: no zeroing */
        if (!a || !int_key(c, &a->id) || !str(c, &a->addr) || !next(c, '}', &more)) {
            rmq_top_list_abandon(&t, c->arena); /* broker() may read the object again */
            return false;
        }
    }
    b->addr_count = t.count;
    b->addrs = rmq_top_list_finish(&t, c->arena);
    return true;
}

/* A broker's members in the order fastjson writes them: brokerAddrs, brokerName,
 * cluster, then 5.x's enableActingMaster and zoneName when present. */
static bool broker_in_order(croute *restrict c, rmq_broker_data *b)
{
    if (!KEY(c, "brokerAddrs") || !broker_addrs(c, b) || !NEXT_KEY(c, "brokerName") || !str(c, &b->broker_name) ||
        !NEXT_KEY(c, "cluster") || !str(c, &b->cluster))
        return false;
    if (NEXT_KEY(c, "enableActingMaster")) {
        if (!c->v5_fields || !boolean(c, &b->enable_acting_master)) return false;
        b->has_acting_master = true;
    }
    if (NEXT_KEY(c, "zoneName") && (!c->v5_fields || !str(c, &b->zone_name))) return false;
    return take(c, '}');
}

static bool broker(croute *restrict outer, rmq_broker_data *b)
{
    croute local = *outer, *restrict c = &local;
    if (broker_in_order(c, b)) {
        outer->pos = c->pos;
        return true;
    }
    /* any other order: from the object's start again, with nothing kept (the addresses
     * read are the arena's last block, or none) */
    if (b->addr_count)
        rmq_arena_trim_quick(c->arena, b->addrs, b->addr_count * sizeof *b->addrs, 0);
    *b = (rmq_broker_data){0};
    local = *outer;
    unsigned seen = 0;
    bool more = !take(c, '}');
    while (more) {
        unsigned bit;
        bool ok;
        switch (first_letter(c)) { /* one literal compare per key */
        case 'b':
            if (KEY(c, "brokerAddrs")) bit = 1, ok = broker_addrs(c, b);
            else if (KEY(c, "brokerName")) bit = 2, ok = str(c, &b->broker_name);
            else return false;
            break;
        case 'c':
            if (!KEY(c, "cluster")) return false;
            bit = 4, ok = str(c, &b->cluster);
            break;
        case 'e':
            if (!c->v5_fields || !KEY(c, "enableActingMaster")) return false;
            bit = 8, ok = boolean(c, &b->enable_acting_master), b->has_acting_master = true;
            break;
        case 'z':
            if (!c->v5_fields || !KEY(c, "zoneName")) return false;
            bit = 16, ok = str(c, &b->zone_name);
            break;
        default: return false;
        }
        if (!ok || (seen & bit) || !next(c, '}', &more)) return false;
        seen |= bit;
    }
    outer->pos = c->pos;
    return true;
}

static bool queue(croute *restrict outer, rmq_queue_data *q)
{
    /* a local cursor the compiler keeps in registers */
    croute local = *outer, *restrict c = &local;
    /* fastjson's order, every member there */
    if (KEY(c, "brokerName") && str(c, &q->broker_name) && NEXT_KEY(c, "perm") && int32(c, &q->perm) &&
        NEXT_KEY(c, "readQueueNums") && int32(c, &q->read_queue_nums) && NEXT_KEY(c, "topicSysFlag") &&
        int32(c, &q->topic_sys_flag) && NEXT_KEY(c, "writeQueueNums") && int32(c, &q->write_queue_nums) &&
        take(c, '}')) {
        outer->pos = c->pos;
        return true;
    }
    *q = (rmq_queue_data){0};
    local = *outer;
    unsigned seen = 0;
    bool more = !take(c, '}');
    while (more) {
        unsigned bit;
        bool ok;
        switch (first_letter(c)) { /* one literal compare per key */
        case 'b': if (!KEY(c, "brokerName")) return false; bit = 1, ok = str(c, &q->broker_name); break;
        case 'p': if (!KEY(c, "perm")) return false; bit = 2, ok = int32(c, &q->perm); break;
        case 'r': if (!KEY(c, "readQueueNums")) return false; bit = 4, ok = int32(c, &q->read_queue_nums); break;
        case 't': if (!KEY(c, "topicSysFlag")) return false; bit = 8, ok = int32(c, &q->topic_sys_flag); break;
        case 'w': if (!KEY(c, "writeQueueNums")) return false; bit = 16, ok = int32(c, &q->write_queue_nums); break;
        default: return false;
        }
        if (!ok || (seen & bit) || !next(c, '}', &more)) return false;
        seen |= bit;
    }
    outer->pos = c->pos;
    return true;
}

/* brokerDatas: [{…},…], gathered on the stack first (each broker allocates its addresses). */
static bool broker_list(croute *restrict outer, rmq_route *r)
{
    croute local = *outer, *restrict c = &local;
    rmq_broker_data stack[LIST_ON_STACK];
    rmq_gather g;
    rmq_gather_init(&g, stack, LIST_ON_STACK, sizeof *stack, _Alignof(rmq_broker_data));
    if (!take(c, '[')) return false;
    bool more = !take(c, ']');
    while (more) {
        rmq_broker_data *b = ITEM(c, &g, rmq_broker_data);
        if (!b || !take(c, '{') || !broker(c, b) || !next(c, ']', &more)) return false;
    }
    void *items;
    if (!rmq_gather_finish(&g, c->arena, &items)) return false;
    r->broker_datas = items;
    r->broker_count = g.count;
    r->has_broker_datas = true;
    outer->pos = c->pos;
    return true;
}

/* queueDatas: [{…},…], nothing allocated inside, so gathered at the arena's top. */
static bool queue_list(croute *restrict outer, rmq_route *r)
{
    croute local = *outer, *restrict c = &local;
    if (!take(c, '[')) return false;
    r->has_queue_datas = true;
    if (take(c, ']')) {
        outer->pos = c->pos;
        return true;
    }
    rmq_top_list t;
    if (!rmq_top_list_init(&t, c->arena, LIST_ON_STACK, sizeof(rmq_queue_data), _Alignof(rmq_queue_data)))
        return false;
    for (bool more = true; more;) {
        rmq_queue_data *q = t.count < c->max_list ? RMQ_TOP_NEXT(&t, c->arena, sizeof *q) : NULL;
        if (!q || !take(c, '{') || !queue(c, q) || !next(c, ']', &more)) return false;
    }
    r->queue_count = t.count;
    r->queue_datas = rmq_top_list_finish(&t, c->arena);
    outer->pos = c->pos;
    return true;
}

/* filterServerTable: {"addr":["server",…],…} */
static bool filter_servers(croute *restrict c, rmq_route *r)
{
    rmq_filter_servers stack[MAP_ON_STACK];
    rmq_gather g;
    rmq_gather_init(&g, stack, MAP_ON_STACK, sizeof *stack, _Alignof(rmq_filter_servers));
    if (!take(c, '{')) return false;
    bool more = !take(c, '}');
    while (more) {
        rmq_filter_servers *f = ITEM(c, &g, rmq_filter_servers);
        if (!f || !key(c, &f->broker_addr) || !take(c, '[')) return false;
        rmq_str servers[MAP_ON_STACK];
        rmq_gather sg;
        rmq_gather_init(&sg, servers, MAP_ON_STACK, sizeof *servers, _Alignof(rmq_str));
        bool in = !take(c, ']');
        while (in) {
            rmq_str *sv = ITEM(c, &sg, rmq_str);
            if (!sv || !str(c, sv) || !next(c, ']', &in)) return false;
        }
        void *items;
        if (!rmq_gather_finish(&sg, c->arena, &items)) return false;
        f->has_servers = true;
        f->servers = items;
        f->count = sg.count;
        if (!next(c, '}', &more)) return false;
    }
    void *items;
    if (!rmq_gather_finish(&g, c->arena, &items)) return false;
    r->has_filter_server_table = true;
    r->filter_servers = items;
    r->filter_count = g.count;
    return true;
}

bool rmq_route_decode_canonical(const uint8_t *body, size_t len, const rmq_limits *lim, rmq_arena *arena,
                                rmq_route *r)
{
    /* the general reader's depth checks reach 4 levels here; tighter limits are its to report */
    if (lim->max_json_depth < 8 || len < 2) return false;
    croute c = {body, len, 0, lim->max_string, lim->max_list,
                (lim->leniency & RMQ_LENIENT_JSON_UNQUOTED_KEYS) != 0, arena, lim->release != RMQ_RELEASE_4_9_8};
    if (!take(&c, '{')) return false;
    unsigned seen = 0;
    bool more = !take(&c, '}');
    while (more) {
        unsigned bit;
        bool ok;
        if (KEY(&c, "brokerDatas")) {
            bit = 1;
            ok = broker_list(&c, r);
        } else if (KEY(&c, "queueDatas")) {
            bit = 2;
            ok = queue_list(&c, r);
        } else if (KEY(&c, "filterServerTable")) {
            bit = 4;
            ok = filter_servers(&c, r);
        } else if (KEY(&c, "orderTopicConf")) {
            bit = 8;
            ok = str(&c, &r->order_topic_conf);
        } else {
            return false; /* topicQueueMappingByBroker and anything unknown */
        }
        if (!ok || (seen & bit) || !next(&c, '}', &more)) return false;
        seen |= bit;
    }
    return c.pos == len;
}

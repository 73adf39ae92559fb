/*
 * Correlator driven by operation sequences: each input byte pair is one operation
 * (track, match, cancel, expire, next opaque) against a table of 1..16 slots.
 * Oracle: a plain array model of the pending set gives the same answers.
 */
#include "fuzz_common.h"

#define MODEL_MAX 16

typedef struct model {
    int32_t opaque[MODEL_MAX];
    int64_t deadline[MODEL_MAX];
    size_t n;
} model;

static int model_find(const model *m, int32_t opaque)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->opaque[i] == opaque) return (int)i;
    return -1;
}

static void model_remove(model *m, int i)
{
    m->opaque[i] = m->opaque[m->n - 1];
    m->deadline[i] = m->deadline[m->n - 1];
    m->n--;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t cap = 1 + data[0] % MODEL_MAX;
    rmq_pending slots[MODEL_MAX], out[MODEL_MAX];
    rmq_correlator c;
    FUZZ_ASSERT(rmq_correlator_init(&c, slots, cap, (int32_t)0x7FFFFFF8) == RMQ_OK, "init");
    model m = {{0}, {0}, 0};
    int64_t now = 0;
    for (size_t i = 1; i + 1 < size; i += 2) {
        uint8_t op = data[i], arg = data[i + 1];
        /* small opaque space so collisions and wrap-around happen */
        int32_t opaque = (int32_t)(arg & 0x1F) - 16 + ((arg & 0x20) ? INT32_MAX - 15 : 0);
        rmq_error err;
        now += op >> 5;
        switch (op & 7) {
        case 0: case 1: case 2: {
            rmq_command req;
            rmq_command_init(&req);
            req.opaque = opaque;
            req.flag = (arg & 0x40) ? RMQ_FLAG_ONEWAY : 0;
            bool tracked;
            int rc = rmq_correlator_track(&c, &req, now, arg >> 4, NULL, &tracked, &err);
            if (req.flag) {
                FUZZ_ASSERT(rc == RMQ_OK && !tracked, "oneway tracked");
            } else if (model_find(&m, opaque) >= 0) {
                FUZZ_ASSERT(rc == RMQ_ERR_DUPLICATE_OPAQUE, "duplicate accepted");
            } else if (m.n == cap) {
                FUZZ_ASSERT(rc == RMQ_ERR_TABLE_FULL, "full table accepted");
            } else {
                FUZZ_ASSERT(rc == RMQ_OK && tracked, "track refused");
                m.opaque[m.n] = opaque;
                m.deadline[m.n] = now + (arg >> 4);
                m.n++;
            }
            break;
        }
        case 3: case 4: {
            rmq_command resp;
            rmq_command_init(&resp);
            resp.opaque = opaque;
            resp.flag = RMQ_FLAG_RESPONSE;
            rmq_pending got;
            int rc = rmq_correlator_match(&c, &resp, &got, &err);
            int k = model_find(&m, opaque);
            FUZZ_ASSERT((rc == RMQ_OK) == (k >= 0), "match disagrees with the model");
            if (k >= 0) {
                FUZZ_ASSERT(got.opaque == opaque && got.deadline == m.deadline[k], "matched the wrong request");
                model_remove(&m, k);
            } else {
                FUZZ_ASSERT(rc == RMQ_ERR_UNKNOWN_OPAQUE, "unknown opaque error");
            }
            break;
        }
        case 5: {
            int k = model_find(&m, opaque);
            FUZZ_ASSERT(rmq_correlator_cancel(&c, opaque, NULL) == (k >= 0), "cancel disagrees");
            if (k >= 0) model_remove(&m, k);
            break;
        }
        case 6: {
            size_t max = arg % (MODEL_MAX + 1);
            size_t due = 0;
            for (size_t k = 0; k < m.n; k++) due += m.deadline[k] <= now;
            size_t got = rmq_correlator_expire(&c, now, out, max);
            FUZZ_ASSERT(got == (due < max ? due : max), "expire count");
            for (size_t k = 0; k < got; k++) {
                int j = model_find(&m, out[k].opaque);
                FUZZ_ASSERT(j >= 0 && m.deadline[j] <= now, "expired a request not due");
                model_remove(&m, j);
            }
            break;
        }
        default: {
            int32_t v = rmq_correlator_next_opaque(&c);
            FUZZ_ASSERT(model_find(&m, v) < 0, "next opaque collides with a pending one");
            break;
        }
        }
        FUZZ_ASSERT(rmq_correlator_pending(&c) == m.n, "pending count");
        for (size_t k = 0; k < m.n; k++) {
            /* every model entry must still be reachable: cancel and re-track it */
            rmq_pending p;
            FUZZ_ASSERT(rmq_correlator_cancel(&c, m.opaque[k], &p), "entry unreachable");
            rmq_command req;
            rmq_command_init(&req);
            req.opaque = p.opaque;
            FUZZ_ASSERT(rmq_correlator_track(&c, &req, p.sent_at, p.deadline - p.sent_at, NULL, NULL, &err) == RMQ_OK,
                        "re-track");
        }
    }
    return 0;
}

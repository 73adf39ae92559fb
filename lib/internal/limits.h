/* Decode options resolved into concrete limits, shared by every decoder. */
#ifndef RMQ_INTERNAL_LIMITS_H
#define RMQ_INTERNAL_LIMITS_H

#include "rmqwire/options.h"

#include <stdbool.h>

/* Limits resolved from the options (0 → defaults). */
typedef struct rmq_limits {
    uint32_t leniency;
    rmq_release release;
    uint32_t max_frame;
    uint32_t max_header;
    uint32_t max_ext_fields;
    uint32_t max_json_depth;
    uint32_t max_string;
    uint32_t max_list;
    bool general_reader_only;   /* skip fast paths (tests and fuzz oracles compare the two) */
} rmq_limits;

void rmq_limits_resolve(rmq_limits *lim, const rmq_decode_options *opts);

/* Options a decoder can take: no leniency bit beyond RMQ_LENIENCY_ALL, release 0 (the default) or a known one. */
bool rmq_options_valid(const rmq_decode_options *opts);

/* The resolved limits: the shared defaults for opts == NULL (nothing copied), else resolved into scratch. */
const rmq_limits *rmq_limits_for(rmq_limits *scratch, const rmq_decode_options *opts);

#endif

/* Decode options: defaults, release presets, validation, and their resolution into limits. */
#include "internal/limits.h"
#include "rmqwire/frame.h"

void rmq_decode_options_default(rmq_decode_options *opts)
{
    if (!opts) return;
    opts->leniency = RMQ_LENIENCY_JAVA_498;
    opts->release = RMQ_RELEASE_5_3_3;
    opts->max_frame = RMQ_DEFAULT_MAX_FRAME;
    opts->max_header = 0;
    opts->max_ext_fields = RMQ_DEFAULT_MAX_EXT_FIELDS;
    opts->max_json_depth = RMQ_DEFAULT_MAX_JSON_DEPTH;
    opts->max_string = RMQ_DEFAULT_MAX_STRING;
    opts->max_list = RMQ_DEFAULT_MAX_LIST;
}

void rmq_decode_options_for_release(rmq_decode_options *opts, rmq_release release)
{
    if (!opts) return;
    rmq_decode_options_default(opts);
    opts->release = release;
    opts->leniency = release == RMQ_RELEASE_4_9_8 ? RMQ_LENIENCY_JAVA_498 : RMQ_LENIENCY_JAVA_533;
}

/* rmq_decode_options_default resolved once, for the common opts == NULL */
static const rmq_limits default_limits = {
    RMQ_LENIENCY_JAVA_498, RMQ_RELEASE_5_3_3, RMQ_DEFAULT_MAX_FRAME, RMQ_MAX_HEADER_FIELD,
    RMQ_DEFAULT_MAX_EXT_FIELDS, RMQ_DEFAULT_MAX_JSON_DEPTH, RMQ_DEFAULT_MAX_STRING, RMQ_DEFAULT_MAX_LIST, false,
};

bool rmq_options_valid(const rmq_decode_options *opts)
{
    if (!opts) return true;
    if (opts->leniency & ~(uint32_t)RMQ_LENIENCY_ALL) return false;
    return opts->release == 0 || opts->release == RMQ_RELEASE_4_9_8 || opts->release == RMQ_RELEASE_5_3_3;
}

const rmq_limits *rmq_limits_for(rmq_limits *scratch, const rmq_decode_options *opts)
{
    if (!opts) return &default_limits;
    rmq_limits_resolve(scratch, opts);
    return scratch;
}

void rmq_limits_resolve(rmq_limits *lim, const rmq_decode_options *opts)
{
    if (!opts) {
        *lim = default_limits;
        return;
    }
    lim->leniency = opts->leniency;
    lim->release = opts->release == RMQ_RELEASE_4_9_8 ? RMQ_RELEASE_4_9_8 : RMQ_RELEASE_5_3_3;
    lim->max_frame = opts->max_frame ? opts->max_frame : RMQ_DEFAULT_MAX_FRAME;
    lim->max_header = opts->max_header ? opts->max_header : RMQ_MAX_HEADER_FIELD;
    lim->max_ext_fields = opts->max_ext_fields ? opts->max_ext_fields : RMQ_DEFAULT_MAX_EXT_FIELDS;
    lim->max_json_depth = opts->max_json_depth ? opts->max_json_depth : RMQ_DEFAULT_MAX_JSON_DEPTH;
    /* skipping an unknown value recurses once per level: a fixed bound keeps the stack bounded */
    if (lim->max_json_depth > RMQ_MAX_JSON_DEPTH) lim->max_json_depth = RMQ_MAX_JSON_DEPTH;
    lim->max_string = opts->max_string ? opts->max_string : RMQ_DEFAULT_MAX_STRING;
    lim->max_list = opts->max_list ? opts->max_list : RMQ_DEFAULT_MAX_LIST;
    lim->general_reader_only = false;
}

/* Whole-frame decode (SPEC §1.2 steps 1–5). */
#include "internal/error_set.h"
#include "internal/frame_check.h"
#include "internal/ext_dups.h"
#include "internal/header_codec.h"
#include "internal/json_reader.h"

/* Frame without prefix at data[0..len); `base` = its offset for error reports. */
static int decode_unprefixed(const uint8_t *data, size_t len, size_t base, const rmq_limits *lim,
                             rmq_arena *arena, rmq_command *cmd, rmq_error *err)
{
    if (len < 4) return rmq_fail(err, RMQ_ERR_FRAME_TOO_SHORT, base, NULL);
    rmq_serialize_type type = RMQ_SERIALIZE_JSON;
    size_t hlen = 0;
    int rc = rmq_header_word_check(rmq_load_be32(data), len, base, &type, &hlen, err);
    if (rc) return rc;
    if (hlen > lim->max_header) return rmq_fail(err, RMQ_ERR_HEADER_TOO_LONG, base, NULL);

    rmq_command_init(cmd);
    cmd->serialize_type = type;
    const uint8_t *header = data + 4;
    size_t used = hlen;
    if (type == RMQ_SERIALIZE_JSON)
        rc = rmq_json_header_decode(header, hlen, base + 4, lim, arena, cmd, err);
    else
        rc = rmq_rocketmq_header_decode(header, hlen, base + 4, lim, arena, cmd, &used, err);
    if (rc) return rc;

    /* Java sizes the body from the header length but reads it from where header
     * parsing stopped (SPEC §1.2 step 5); they differ only under HEADER_SLACK. */
    size_t body_len = len - 4 - hlen;
    cmd->body = body_len ? header + used : NULL;
    cmd->body_len = body_len;
    return RMQ_OK;
}

int rmq_frame_decode_unprefixed(const uint8_t *data, size_t len, const rmq_decode_options *opts,
                                rmq_arena *arena, rmq_command *cmd, rmq_error *err)
{
    if ((!data && len) || !cmd) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (!rmq_options_valid(opts)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "unknown leniency bits or release");
    rmq_limits lim;
    return decode_unprefixed(data, len, 0, rmq_limits_for(&lim, opts), arena, cmd, err);
}

int rmq_frame_decode(const uint8_t *data, size_t len, const rmq_decode_options *opts,
                     rmq_arena *arena, rmq_command *cmd, rmq_error *err)
{
    if (!rmq_options_valid(opts)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "unknown leniency bits or release");
    rmq_limits lim;
    return rmq_frame_decode_limits(data, len, rmq_limits_for(&lim, opts), arena, cmd, err);
}

int rmq_frame_decode_limits(const uint8_t *data, size_t len, const rmq_limits *limits, rmq_arena *arena,
                            rmq_command *cmd, rmq_error *err)
{
    if ((!data && len) || !cmd) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (len < RMQ_FRAME_PREFIX_LEN) return rmq_fail(err, RMQ_ERR_TRUNCATED, 0, "no complete length prefix");
    uint32_t total = rmq_load_be32(data);
    int rc = rmq_frame_length_check(total, limits->max_frame, 0, err);
    if (rc) return rc;
    if (len - RMQ_FRAME_PREFIX_LEN < total) return rmq_fail(err, RMQ_ERR_TRUNCATED, len, NULL);
    if (len - RMQ_FRAME_PREFIX_LEN > total)
        return rmq_fail(err, RMQ_ERR_TRAILING_DATA, RMQ_FRAME_PREFIX_LEN + (size_t)total, NULL);
    return decode_unprefixed(data + RMQ_FRAME_PREFIX_LEN, total, RMQ_FRAME_PREFIX_LEN, limits, arena, cmd, err);
}

size_t rmq_frame_decode_bound(size_t len)
{
    /* Strings grow at most 3x (one bad byte becomes U+FFFD), and each unescaped one
     * (at least 4 input bytes, "\n") takes RMQ_UNESCAPE_SLACK more; ext entries need
     * at least 4 header bytes each in JSON (`a:1,`) and 6 in ROCKETMQ, and the
     * duplicate check sorts two records per entry for a moment; the rest is
     * alignment padding of the arrays. */
    size_t entries = len / 4 + 2;
    size_t per_entry = sizeof(rmq_ext_field) + RMQ_EXT_DUPS_SCRATCH(1);
    if (len > (SIZE_MAX - 128) / 16 || entries > (SIZE_MAX / 2) / per_entry) return SIZE_MAX;
    return 3 * len + (len / 4) * RMQ_UNESCAPE_SLACK + entries * per_entry + 128;
}

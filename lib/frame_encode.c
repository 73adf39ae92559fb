/* Whole-frame encode, the layout of RemotingCommand.encode() (SPEC §1.3). */
#include "internal/error_set.h"
#include "internal/header_codec.h"

static int encode(const rmq_command *cmd, rmq_writer *w, rmq_error *err)
{
    if (!cmd || (cmd->ext_count && !cmd->ext) || (cmd->body_len && !cmd->body))
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (cmd->serialize_type != RMQ_SERIALIZE_JSON && cmd->serialize_type != RMQ_SERIALIZE_ROCKETMQ)
        return rmq_fail(err, RMQ_ERR_SERIALIZE_TYPE, 0, NULL);
    /* total length and header word, patched below */
    if (rmq_writer_room(w, 8)) w->len += 8;
    else rmq_write_bytes(w, "\0\0\0\0\0\0\0\0", 8);
    size_t header_start = w->len;
    int rc = cmd->serialize_type == RMQ_SERIALIZE_JSON ? rmq_json_header_encode(w, cmd, err)
                                                        : rmq_rocketmq_header_encode(w, cmd, err);
    if (rc) return rc;
    size_t header_len = w->len - header_start;
    if (header_len > RMQ_MAX_HEADER_FIELD)
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "header longer than 16 MiB - 1");
    if (cmd->body_len) rmq_write_bytes(w, cmd->body, cmd->body_len);
    size_t total = w->len - RMQ_FRAME_PREFIX_LEN;
    if (total > UINT32_MAX || w->len == SIZE_MAX)
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "frame longer than 4 GiB");
    rmq_patch_be32(w, 0, (uint32_t)total);
    rmq_patch_be32(w, 4, ((uint32_t)cmd->serialize_type << 24) | (uint32_t)header_len);
    return RMQ_OK;
}

int rmq_frame_encoded_size(const rmq_command *cmd, size_t *size, rmq_error *err)
{
    if (!size) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    int rc = encode(cmd, &w, err);
    if (rc == RMQ_OK && size) *size = w.len;
    return rc;
}

int rmq_frame_encode(const rmq_command *cmd, uint8_t *out, size_t cap, size_t *written, rmq_error *err)
{
    if (!out && cap) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, out, cap);
    int rc = encode(cmd, &w, err);
    if (rc) return rc;
    if (rmq_writer_overflowed(&w)) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    if (written) *written = w.len;
    return RMQ_OK;
}

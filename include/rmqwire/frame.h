/* rmqwire — whole-frame decode and encode (SPEC §1–3). */
#ifndef RMQWIRE_FRAME_H
#define RMQWIRE_FRAME_H

#include "alloc.h"
#include "command.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Frame format constants (SPEC §1–2). */
#define RMQ_FRAME_PREFIX_LEN 4
#define RMQ_MAX_HEADER_FIELD 0x00FFFFFFu     /* 24-bit header length field */
#define RMQ_ROCKETMQ_FIXED_HEADER 21u

/*
 * Decode one whole frame that starts with the 4-byte length prefix. `len` must be
 * exactly total_length + 4 (RMQ_ERR_TRUNCATED when shorter, RMQ_ERR_TRAILING_DATA
 * when longer). Strings and body point into `data` where they can be used as they
 * are; unescaped or repaired strings and the ext array go into `arena`.
 * opts may be NULL (defaults). On failure *err (if not NULL) holds code, message
 * and the offset from `data`; *cmd is then unspecified.
 * Memory: at most rmq_frame_decode_bound(len) arena bytes.
 */
RMQ_API int rmq_frame_decode(const uint8_t *data, size_t len, const rmq_decode_options *opts,
                             rmq_arena *arena, rmq_command *cmd, rmq_error *err);

/* The same for a frame without its length prefix (what Java's RemotingCommand.decode
 * gets): `len` is total_length. Offsets in *err count from `data`. */
RMQ_API int rmq_frame_decode_unprefixed(const uint8_t *data, size_t len,
                                        const rmq_decode_options *opts, rmq_arena *arena,
                                        rmq_command *cmd, rmq_error *err);

/* Most arena bytes a decode of a frame of `len` bytes can use (any input, any options). */
RMQ_API size_t rmq_frame_decode_bound(size_t len);

/*
 * Exact number of bytes rmq_frame_encode will write for cmd in cmd->serialize_type
 * (prefix included). Fails with RMQ_ERR_UNREPRESENTABLE for what the encoding cannot
 * carry (ROCKETMQ: key over 32767 bytes, language RMQ_LANG_NULL or > 255; JSON: a
 * language byte with no LanguageCode name (RMQ_LANG_NULL is written as no
 * language, as fastjson omits Java's null); any: a header over 16 MiB - 1, a frame
 * over 4 GiB). Fails with RMQ_ERR_UTF8 (offset: where the string would start) when
 * the remark or an ext key or value is not UTF-8: Java writes the UTF-8 of its
 * Strings, so no Java peer sends such bytes, and the 5.3.3 reader (and this library's
 * strict options) would refuse the frame. Decoded frames always pass: decoders
 * either refuse bad UTF-8 or repair it as Java does.
 */
RMQ_API int rmq_frame_encoded_size(const rmq_command *cmd, size_t *size, rmq_error *err);

/*
 * Write cmd as Java's RemotingCommand.encode() does: prefix, header word, header
 * (JSON exactly as fastjson writes it, or ROCKETMQ), body. Ext entries are written
 * in array order. JSON omits entries whose key or value is null, as fastjson omits
 * null map values; ROCKETMQ writes a null key or value with length 0, the same bytes
 * as an empty string (which Java reads back as null), so decoded frames re-encode
 * byte for byte.
 * ROCKETMQ code and version keep their low 16 bits, as Java's writeShort does.
 */
RMQ_API int rmq_frame_encode(const rmq_command *cmd, uint8_t *out, size_t cap,
                             size_t *written, rmq_error *err);

/*
 * Zero-allocation view of a complete frame at the start of `data` (with prefix):
 * header type, header bytes and body bytes, no header parsing.
 */
typedef struct rmq_frame_view {
    size_t frame_len;                 /* total_length + 4 */
    rmq_serialize_type serialize_type;
    const uint8_t *header;
    size_t header_len;
    const uint8_t *body;              /* NULL when body_len is 0 */
    size_t body_len;
} rmq_frame_view;

/*
 * Look at the start of `data`: RMQ_OK and *view when a whole frame is there,
 * RMQ_INCOMPLETE and *need (bytes still missing, at least 1) when it is not yet,
 * or an error (length too small/large for max_frame (0 = default), bad header
 * length, unknown serialize type). Never reads past data + len.
 */
RMQ_API int rmq_frame_peek(const uint8_t *data, size_t len, uint32_t max_frame,
                           rmq_frame_view *view, size_t *need, rmq_error *err);

#ifdef __cplusplus
}
#endif
#endif

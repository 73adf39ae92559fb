/* rmqwire — is this byte stream RocketMQ, and where does the next frame start? */
#ifndef RMQWIRE_PROBE_H
#define RMQWIRE_PROBE_H

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes the probe needs to decide: length prefix, header word, first header byte. */
#define RMQ_PROBE_BYTES 9u

/*
 * Whether `data` starts with a plausible RocketMQ frame, by the checks every decoder
 * makes (length prefix against 4 and max_frame, 0 = default; header length inside the
 * frame; serialize type 0 or 1) plus the header's first byte: '{' for JSON, and for
 * ROCKETMQ a header of at least 21 bytes. It never decodes the header, so it is cheap
 * enough for every TCP segment a heuristic dissector sees.
 * RMQ_OK: plausible. RMQ_INCOMPLETE: fewer than RMQ_PROBE_BYTES bytes (*need, if not
 * NULL, says how many more). An error: the check that failed (RMQ_ERR_FRAME_TOO_SHORT,
 * _FRAME_TOO_LONG, _HEADER_LENGTH, _SERIALIZE_TYPE, _JSON_NOT_OBJECT, _RMQ_SHORT_HEADER).
 */
RMQ_API int rmq_stream_probe(const uint8_t *data, size_t len, uint32_t max_frame, size_t *need, rmq_error *err);

/*
 * Offset of the first position in data[0..len) where rmq_stream_probe says RMQ_OK, or
 * where fewer than RMQ_PROBE_BYTES bytes remain and it cannot yet say no (then more
 * bytes decide); len when neither. What an analyzer does after a gap: resynchronise on
 * the next plausible frame start. Linear in len.
 */
RMQ_API size_t rmq_find_frame_start(const uint8_t *data, size_t len, uint32_t max_frame);

#ifdef __cplusplus
}
#endif
#endif

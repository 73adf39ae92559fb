/* rmqwire — names of request codes, response codes, languages and versions (SPEC §4–5). */
#ifndef RMQWIRE_NAMES_H
#define RMQWIRE_NAMES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* RequestCode name of `code` in `release`, or NULL when that release has none. */
RMQ_API const char *rmq_request_code_name(int32_t code, rmq_release release);

/* ResponseCode / RemotingSysResponseCode name (209–211 differ between releases). */
RMQ_API const char *rmq_response_code_name(int32_t code, rmq_release release);

/* LanguageCode name ("JAVA"…), or NULL (NODE_JS is 5.x only). */
RMQ_API const char *rmq_language_name(int32_t language, rmq_release release);

/* LanguageCode of a name, exact match; -1 when the release has no such name. */
RMQ_API int32_t rmq_language_from_name(const char *name, size_t len, rmq_release release);

/* Name of a peer's RocketMQ release: the MQVersion.Version ordinal a frame carries in
 * its `version` field ("V4_9_8" for 409; not this library's version, see rmq_version_string).
 * Ordinals >= 612 give "HIGHER_VERSION" like Java's clamp, negative ones NULL. */
RMQ_API const char *rmq_mq_version_name(int32_t ordinal);

/* The release whose tables describe a peer that sends this MQVersion ordinal: 5.3.3 from
 * V5_0_0 (413) on, 4.9.8 below (and for negative ordinals). */
RMQ_API rmq_release rmq_release_for_mq_version(int32_t ordinal);

/* MQVersion ordinal of a version name, or -1. */
RMQ_API int32_t rmq_mq_version_from_name(const char *name, size_t len);

/* Request code of a name in `release`, or INT32_MIN when unknown. */
RMQ_API int32_t rmq_request_code_from_name(const char *name, size_t len, rmq_release release);

#ifdef __cplusplus
}
#endif
#endif

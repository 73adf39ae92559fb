/* rmqwire — Java's client-side Validators: what a producer refuses before it sends. */
#ifndef RMQWIRE_VALIDATORS_H
#define RMQWIRE_VALIDATORS_H

#include "common.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_TOPIC_MAX_LENGTH 127            /* Validators.TOPIC_MAX_LENGTH, in UTF-16 units */
#define RMQ_GROUP_MAX_LENGTH 255            /* Validators.CHARACTER_MAX_LENGTH */
#define RMQ_DEFAULT_MAX_MESSAGE_SIZE 4194304u /* DefaultMQProducer.maxMessageSize */

/*
 * Validators.checkTopic, in Java's order: blank (null, empty or only Java whitespace) →
 * RMQ_ERR_TOPIC_BLANK; more than 127 UTF-16 units → RMQ_ERR_TOPIC_TOO_LONG; a character
 * outside ^[%|a-zA-Z0-9_-]+$ → RMQ_ERR_TOPIC_ILLEGAL. err->offset is the byte of the first
 * bad character. Text that is not UTF-8 is RMQ_ERR_UTF8 (no Java String holds it).
 */
RMQ_API int rmq_validate_topic(rmq_str topic, rmq_error *err);

/* checkTopic, then isNotAllowedSendTopic (RMQ_ERR_TOPIC_FORBIDDEN): what send() checks. */
RMQ_API int rmq_validate_send_topic(rmq_str topic, rmq_error *err);

/* Validators.checkGroup: RMQ_ERR_GROUP_BLANK, _GROUP_TOO_LONG (255), _GROUP_ILLEGAL. */
RMQ_API int rmq_validate_group(rmq_str group, rmq_error *err);

/* TopicValidator.isSystemTopic: a reserved name (TBW102, SCHEDULE_TOPIC_XXXX, …; 5.3.3 adds
 * CHECKPOINT_TOPIC) or the rmq_sys_ prefix. */
RMQ_API bool rmq_topic_is_system(rmq_str topic, rmq_release release);

/*
 * Validators.checkMessage: the send topic, then the body (NULL or 0 bytes →
 * RMQ_ERR_BODY_EMPTY; more than max_message_size, 0 = 4 MiB → RMQ_ERR_BODY_TOO_LARGE), and
 * for 5.3.3 the INNER_MULTI_DISPATCH property (a '/' in it → RMQ_ERR_LMQ_PATH). properties
 * is the message's §7 properties string (null or empty when it has none).
 */
RMQ_API int rmq_validate_message(rmq_str topic, const uint8_t *body, size_t body_len, rmq_str properties,
                                 uint32_t max_message_size, rmq_release release, rmq_error *err);

#ifdef __cplusplus
}
#endif
#endif

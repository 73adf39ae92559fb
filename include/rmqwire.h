/*
 * rmqwire — Apache RocketMQ remoting protocol codec.
 * Pure encode/decode, no I/O; every byte it writes lives in caller memory.
 */
#ifndef RMQWIRE_H
#define RMQWIRE_H

#include "rmqwire/common.h"
#include "rmqwire/error.h"
#include "rmqwire/alloc.h"
#include "rmqwire/command.h"
#include "rmqwire/frame.h"
#include "rmqwire/splitter.h"
#include "rmqwire/codes.h"
#include "rmqwire/names.h"
#include "rmqwire/json.h"
#include "rmqwire/json_body.h"
#include "rmqwire/body_kind.h"
#include "rmqwire/properties.h"
#include "rmqwire/sysflag.h"
#include "rmqwire/compress.h"
#include "rmqwire/batch.h"
#include "rmqwire/msgid.h"
#include "rmqwire/stored.h"
#include "rmqwire/headers.h"
#include "rmqwire/send_result.h"
#include "rmqwire/route.h"
#include "rmqwire/correlator.h"
#include "rmqwire/validators.h"
#include "rmqwire/acl.h"
#include "rmqwire/fault.h"
#include "rmqwire/heartbeat.h"
#include "rmqwire/probe.h"
#include "rmqwire/conversation.h"

#ifdef __cplusplus
extern "C" {
#endif

/* RMQ_VERSION_NUMBER of the library actually linked. */
RMQ_API unsigned rmq_version(void);
/* RMQ_VERSION_STRING of the library actually linked. */
RMQ_API const char *rmq_version_string(void);

#ifdef __cplusplus
}
#endif
#endif

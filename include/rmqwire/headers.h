/* rmqwire — typed custom headers ↔ extFields (SPEC §4.5, §6, §13). */
#ifndef RMQWIRE_HEADERS_H
#define RMQWIRE_HEADERS_H

#include "alloc.h"
#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every typed header starts with `present`: bit i is set when field i (the order of
 * the struct members after it) was on the wire / is to be written. `present` is the
 * only source of truth: decoders set a string's ptr exactly when they set its bit
 * (and leave absent fields zeroed); encoders write exactly the fields whose bit is
 * set, ignore the values of the others, and refuse a set bit on a string whose ptr
 * is NULL (RMQ_ERR_INVALID_ARGUMENT: Java would not write a null field, and an empty
 * string is ""). A header has at most RMQ_HEADER_MAX_FIELDS fields.
 *
 * Decoding follows Java (decodeCommandCustomHeader): a missing or null key leaves
 * the field absent; reflection-decoded headers leave a value Java cannot parse
 * absent too (noted with RMQ_NOTE_FIELD_UNPARSED), while FastCodesHeader classes
 * (V2 send, send response, pull request/response) fail with RMQ_ERR_FIELD_VALUE as
 * Java throws. Booleans are Boolean.parseBoolean: "true" in any case, else false.
 * Integers are Integer/Long.parseLong: optional sign, ASCII digits, in range.
 */
enum { RMQ_NOTE_FIELD_UNPARSED = 1u << 20 };

/* Key order for the ext array a header becomes. */
typedef enum rmq_ext_order {
    RMQ_EXT_ORDER_FIELDS = 0,   /* declaration order: what fastEncodeHeader writes for FastCodesHeader classes */
    RMQ_EXT_ORDER_JAVA_MAP = 1  /* HashMap(16) iteration order with the release's field visiting order:
                                   what makeCustomHeaderToNet and then encode()/JSON write (SPEC Appendix A) */
} rmq_ext_order;

/* SendMessageRequestHeader (V1, code 10/324) and V2 (single letters, code 310/320/325). */
typedef struct rmq_send_request {
    uint32_t present;
    rmq_str producer_group;            /* a */
    rmq_str topic;                     /* b */
    rmq_str default_topic;             /* c */
    int32_t default_topic_queue_nums;  /* d */
    int32_t queue_id;                  /* e */
    int32_t sys_flag;                  /* f */
    int64_t born_timestamp;            /* g */
    int32_t flag;                      /* h */
    rmq_str properties;                /* i */
    int32_t reconsume_times;           /* j */
    bool unit_mode;                    /* k */
    int32_t max_reconsume_times;       /* l */
    bool batch;                        /* m */
    rmq_str broker_name;               /* n (V1 key "bname") */
} rmq_send_request;

enum {
    RMQ_SEND_PRODUCER_GROUP = 1u << 0, RMQ_SEND_TOPIC = 1u << 1, RMQ_SEND_DEFAULT_TOPIC = 1u << 2,
    RMQ_SEND_DEFAULT_TOPIC_QUEUE_NUMS = 1u << 3, RMQ_SEND_QUEUE_ID = 1u << 4, RMQ_SEND_SYS_FLAG = 1u << 5,
    RMQ_SEND_BORN_TIMESTAMP = 1u << 6, RMQ_SEND_FLAG = 1u << 7, RMQ_SEND_PROPERTIES = 1u << 8,
    RMQ_SEND_RECONSUME_TIMES = 1u << 9, RMQ_SEND_UNIT_MODE = 1u << 10, RMQ_SEND_MAX_RECONSUME_TIMES = 1u << 11,
    RMQ_SEND_BATCH = 1u << 12, RMQ_SEND_BROKER_NAME = 1u << 13
};

typedef enum rmq_send_variant {
    RMQ_SEND_NOT_A_SEND = 0,
    RMQ_SEND_V1 = 1,   /* codes 10, 324 */
    RMQ_SEND_V2 = 2    /* codes 310, 320, 325 */
} rmq_send_variant;

/* Which header a request code carries (SPEC §6.1). */
RMQ_API rmq_send_variant rmq_send_variant_for_code(int32_t code);

/*
 * The send header of a send request, V1 or V2 by cmd->code. RMQ_ERR_WRONG_HEADER for
 * a code that is not a send, or when the keys belong to the other variant (Java
 * would decode an all-null header and fail later).
 */
RMQ_API int rmq_send_request_decode(const rmq_command *cmd, rmq_send_request *h, uint32_t *notes, rmq_error *err);

/* The same with the variant chosen by the caller (V1⇄V2 conversion: decode one, encode the other). */
RMQ_API int rmq_send_request_decode_as(const rmq_command *cmd, rmq_send_variant variant, rmq_send_request *h,
                                       uint32_t *notes, rmq_error *err);

/*
 * The ext entries of a header, with Java's rendering (decimal numbers, true/false),
 * absent fields skipped. The array and the number texts go into `arena`. For V1 the
 * 4.9.8 primitive booleans (unitMode, batch) are written even when absent, as Java
 * does; 5.3.3 omits them when absent.
 */
RMQ_API int rmq_send_request_to_ext(const rmq_send_request *h, rmq_send_variant variant, rmq_release release,
                                    rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields,
                                    size_t *count, rmq_error *err);

/* SendMessageResponseHeader (FastCodesHeader). */
typedef struct rmq_send_response {
    uint32_t present;
    rmq_str msg_id;         /* offset msg id(s), comma-joined for a batch */
    int32_t queue_id;
    int64_t queue_offset;
    rmq_str transaction_id;
    rmq_str batch_uniq_id;  /* 5.x */
    rmq_str recall_handle;  /* 5.x */
} rmq_send_response;

enum {
    RMQ_SEND_RESP_MSG_ID = 1u << 0, RMQ_SEND_RESP_QUEUE_ID = 1u << 1, RMQ_SEND_RESP_QUEUE_OFFSET = 1u << 2,
    RMQ_SEND_RESP_TRANSACTION_ID = 1u << 3, RMQ_SEND_RESP_BATCH_UNIQ_ID = 1u << 4, RMQ_SEND_RESP_RECALL_HANDLE = 1u << 5
};

/* PullMessageRequestHeader (FastCodesHeader). */
typedef struct rmq_pull_request {
    uint32_t present;
    rmq_str consumer_group;
    rmq_str topic;
    int32_t queue_id;
    int64_t queue_offset;
    int32_t max_msg_nums;
    int32_t sys_flag;
    int64_t commit_offset;
    int64_t suspend_timeout_millis;
    rmq_str subscription;
    int64_t sub_version;
    rmq_str expression_type;
    int32_t max_msg_bytes;          /* 5.x */
    int32_t request_source;         /* 5.x */
    rmq_str proxy_forward_client_id;/* 5.x, key "proxyFrowardClientId" (sic) */
    bool lo;                        /* 5.x */
    rmq_str ns;                     /* 5.x */
    bool nsd;                       /* 5.x */
    rmq_str broker_name;            /* "bname" */
    bool oway;                      /* 5.x */
} rmq_pull_request;

/* PullMessageResponseHeader (FastCodesHeader). */
typedef struct rmq_pull_response {
    uint32_t present;
    int64_t suggest_which_broker_id;
    int64_t next_begin_offset;
    int64_t min_offset;
    int64_t max_offset;
    int64_t offset_delta;     /* 5.x */
    int32_t topic_sys_flag;   /* 5.x */
    int32_t group_sys_flag;   /* 5.x */
    int32_t forbidden_type;   /* 5.x */
} rmq_pull_response;

/* GetRouteInfoRequestHeader (code 105). */
typedef struct rmq_route_request {
    uint32_t present;
    rmq_str topic;
    bool accept_standard_json_only; /* 5.x */
} rmq_route_request;

/* EndTransactionRequestHeader (code 37). */
typedef struct rmq_end_tx_request {
    uint32_t present;
    rmq_str producer_group;
    int64_t tran_state_table_offset;
    int64_t commit_log_offset;
    int32_t commit_or_rollback;   /* RMQ_MSG_TRANSACTION_* type value */
    bool from_transaction_check;
    rmq_str msg_id;
    rmq_str transaction_id;
    rmq_str topic;                /* 5.x */
    rmq_str broker_name;          /* "bname" (RpcRequestHeader; the 4.9.8 client sends it) */
} rmq_end_tx_request;

/* Decode/encode for the headers above: same contract as the send request functions. The release
 * decides the map order (RMQ_EXT_ORDER_JAVA_MAP): Java visits a header's fields in an order of
 * their hashes, which differs between 4.9.8 and 5.3.3. */
RMQ_API int rmq_send_response_decode(const rmq_command *cmd, rmq_send_response *h, uint32_t *notes, rmq_error *err);
RMQ_API int rmq_send_response_to_ext(const rmq_send_response *h, rmq_release release,
        rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err);
RMQ_API int rmq_pull_request_decode(const rmq_command *cmd, rmq_pull_request *h, uint32_t *notes, rmq_error *err);
RMQ_API int rmq_pull_request_to_ext(const rmq_pull_request *h, rmq_release release,
        rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err);
RMQ_API int rmq_pull_response_decode(const rmq_command *cmd, rmq_pull_response *h, uint32_t *notes, rmq_error *err);
RMQ_API int rmq_pull_response_to_ext(const rmq_pull_response *h, rmq_release release,
        rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err);
RMQ_API int rmq_route_request_decode(const rmq_command *cmd, rmq_route_request *h, uint32_t *notes, rmq_error *err);
RMQ_API int rmq_route_request_to_ext(const rmq_route_request *h, rmq_release release,
        rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err);
RMQ_API int rmq_end_tx_request_decode(const rmq_command *cmd, rmq_end_tx_request *h, uint32_t *notes, rmq_error *err);
RMQ_API int rmq_end_tx_request_to_ext(const rmq_end_tx_request *h, rmq_release release,
        rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err);

/*
 * Generic typed view, for analyzers: the header class a code carries (requests by
 * code; responses by the code of the request they answer) with typed values.
 */
typedef enum rmq_field_type { RMQ_FIELD_STRING, RMQ_FIELD_INT32, RMQ_FIELD_INT64, RMQ_FIELD_BOOL } rmq_field_type;

typedef struct rmq_header_schema rmq_header_schema;

typedef union rmq_field_value {
    rmq_str s;
    int32_t i32;
    int64_t i64;
    bool b;
} rmq_field_value;

#define RMQ_HEADER_MAX_FIELDS 24

typedef struct rmq_header_values {
    uint32_t present;
    rmq_field_value v[RMQ_HEADER_MAX_FIELDS];
} rmq_header_values;

/* Schema of the header a request code carries (is_response false) or of the response
 * to request `code`; NULL when unknown or the header has no fields. */
RMQ_API const rmq_header_schema *rmq_header_schema_for(int32_t code, bool is_response);

/* "The request this answers is not known" (an analyzer that joined mid-stream). */
#define RMQ_REQUEST_CODE_UNKNOWN INT32_MIN

/* Schema of a response's header: the answered request's (request_code), or when that is
 * RMQ_REQUEST_CODE_UNKNOWN, guessed from keys only those headers carry (nextBeginOffset:
 * pull, msgId: send, offset: query consumer offset); NULL when there is no telling. */
RMQ_API const rmq_header_schema *rmq_header_schema_for_response(const rmq_command *resp, int32_t request_code);
RMQ_API const char *rmq_header_schema_name(const rmq_header_schema *s);   /* Java class name */
RMQ_API size_t rmq_header_schema_field_count(const rmq_header_schema *s);
RMQ_API const char *rmq_header_schema_field(const rmq_header_schema *s, size_t i, rmq_field_type *type);
RMQ_API int rmq_header_decode(const rmq_header_schema *s, const rmq_command *cmd, rmq_header_values *vals,
                              uint32_t *notes, rmq_error *err);

/*
 * Reorder ext entries the way a Java HashMap with this initial capacity (16 for
 * makeCustomHeaderToNet and 4.9.8 addExtField, 256 for 5.3.3 addExtField) iterates
 * them; entries in the same bucket keep their relative order (insertion order).
 */
RMQ_API void rmq_ext_java_map_order(rmq_ext_field *fields, size_t count, size_t initial_capacity);

#ifdef __cplusplus
}
#endif
#endif

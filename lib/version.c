#include "rmqwire.h"

unsigned rmq_version(void) { return RMQ_VERSION_NUMBER; }

const char *rmq_version_string(void) { return RMQ_VERSION_STRING; }

/* Whole files into memory, the one reader the tools and tests share. */
#ifndef RMQ_TOOLS_FILE_BYTES_H
#define RMQ_TOOLS_FILE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The rest of a stream into malloc'ed memory (NUL-terminated, not counted); NULL on failure. */
uint8_t *read_stream_bytes(FILE *f, size_t *len);

/* A whole file the same way; NULL when it cannot be opened or read. */
uint8_t *read_file_bytes(const char *path, size_t *len);

#endif

#!/bin/sh
# The library must not reference the C allocator: every byte it uses comes from
# the caller (buffers, arena, hooks). Checks the undefined symbols of the archive.
set -eu
lib="$1"
nm_tool="${NM:-nm}"
found=$("$nm_tool" -u "$lib" | awk '{print $NF}' | grep -E '^(malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign|reallocarray)(@.*)?$' || true)
if [ -n "$found" ]; then
    echo "library references the C allocator: $found"
    exit 1
fi
echo "no C allocator symbols in $lib"

/*
 * Replay driver for the harnesses in the normal build: runs every file given (or
 * every file of a directory given) through LLVMFuzzerTestOneInput. A failed
 * oracle aborts. A path that does not exist, a file that cannot be read, or no
 * input at all is a failure too: a replay that checks nothing must not pass.
 * (A directory may be empty: fuzz/regress/NAME/ holds only .keep until a finding.)
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"

#include "common/file_bytes.h"

#include <dirent.h>
#include <sys/stat.h>

static size_t replayed;
static int problems;

static void replay_file(const char *path)
{
    size_t n;
    uint8_t *buf = read_file_bytes(path, &n);
    if (!buf) {
        fprintf(stderr, "cannot read %s\n", path);
        problems++;
        return;
    }
    /* an exact-size copy so a read past the end is caught by the sanitizers */
    uint8_t *exact = malloc(n ? n : 1);
    if (exact) {
        memcpy(exact, buf, n);
        LLVMFuzzerTestOneInput(exact, n);
        replayed++;
    } else {
        problems++;
    }
    free(exact);
    free(buf);
}

static void replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "missing %s\n", path);
        problems++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        replay_file(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "cannot list %s\n", path);
        problems++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        replay_path(full);
    }
    closedir(d);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) replay_path(argv[i]);
    if (problems || replayed == 0) {
        fprintf(stderr, "%zu inputs replayed, %d paths missing or unreadable: failing\n", replayed, problems);
        return 1;
    }
    printf("%zu inputs replayed, no oracle failed\n", replayed);
    return 0;
}

/*
 * fuzz.h - what the libFuzzer harnesses share: every reader of libmlp takes
 * a path, so each harness writes its input to a file of its own (one per
 * process and slot, reused for every input, removed at exit) and calls the
 * reader on it. Any status is fine; only crashes, sanitizer reports, leaks
 * and timeouts are findings.
 */
#ifndef MLP_FUZZ_H
#define MLP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define FUZZ_SLOTS 4

static char fuzz_paths[FUZZ_SLOTS][300];

static void fuzz_cleanup(void)
{
    for (int i = 0; i < FUZZ_SLOTS; i++)
        if (fuzz_paths[i][0]) unlink(fuzz_paths[i]);
}

/* The temporary path of slot i (0 .. FUZZ_SLOTS-1) of this process. */
static inline const char *fuzz_path(int i, const char *name)
{
    if (!fuzz_paths[i][0]) {
        static int registered;
        if (!registered) { atexit(fuzz_cleanup); registered = 1; }
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_paths[i], sizeof fuzz_paths[i], "%s/mlp-fuzz-%s-%ld-%d",
                 dir && *dir ? dir : "/tmp", name, (long)getpid(), i);
    }
    return fuzz_paths[i];
}

/* Replaces the file at path with the n bytes at data; aborts when it cannot
 * (a harness that cannot write its input tests nothing). */
static inline void fuzz_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

/* The little-endian CRC-32 (zlib's) of the first n - 4 bytes, stored in
 * the last 4: model and checkpoint files end with one, and a mutated input
 * would otherwise stop at the checksum. */
static inline void fuzz_fix_crc(unsigned char *buf, size_t n)
{
    if (n < 4) return;
    uLong c = crc32(crc32(0L, Z_NULL, 0), buf, (uInt)(n - 4));
    for (int i = 0; i < 4; i++) buf[n - 4 + i] = (unsigned char)(c >> (8 * i));
}

#endif

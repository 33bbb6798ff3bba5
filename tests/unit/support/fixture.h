/* fixture.h - what the cmocka unit tests share for their files: one
 * temporary folder per test program, paths inside it, files written from
 * bytes and read back whole, recursive removal, and a growable byte buffer
 * for building file images.
 *
 * A test program hands fx_setup and fx_teardown to cmocka as its group
 * setup and teardown:
 *
 *     return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
 *
 * The other functions are for tests: where something goes wrong (a file
 * that cannot be written, a path too long for its buffer) they fail the
 * running test through cmocka, so a test never goes on with a bad fixture.
 * Link build/obj/tests/unit/support/fixture.o with the test (the Makefile
 * does). */
#ifndef MLP_TEST_FIXTURE_H
#define MLP_TEST_FIXTURE_H

#include <stddef.h>

/* Group setup: makes a fresh folder $TMPDIR/mlp-test-XXXXXX (/tmp when
 * TMPDIR is unset or empty). Returns 0, or -1 with a line on stderr. */
int fx_setup(void **state);

/* Group teardown: removes the folder and everything in it. Returns 0, or
 * -1 when anything could not be removed. */
int fx_teardown(void **state);

/* The folder fx_setup made. */
const char *fx_dir(void);

/* "dir/name" in one of FX_RING static buffers used in turn: a test may
 * hold up to FX_RING paths from fx_join, fx_path and fx_subdir at once. */
enum { FX_RING = 1024, FX_PATH_MAX = 512 };
const char *fx_join(const char *dir, const char *name);

/* fx_join(fx_dir(), name). */
const char *fx_path(const char *name);

/* fx_path(name) as a fresh, empty folder: whatever stood there is removed
 * first. */
const char *fx_subdir(const char *name);

/* Writes len bytes (len < 0: strlen(bytes)) to path, replacing the file,
 * and returns path. */
const char *fx_write_to(const char *path, const void *bytes, long len);

/* fx_write_to(fx_path(name), bytes, len). */
const char *fx_write(const char *name, const void *bytes, long len);

/* The whole file at path in a malloc'd buffer that the caller frees, with
 * its length in *len and a NUL byte after the last byte (not counted). */
unsigned char *fx_read(const char *path, size_t *len);

/* Removes path: a file, a link (not followed) or a folder with everything
 * in it. Returns 0, or -1 when path is missing or anything stayed. */
int fx_remove(const char *path);

/* A growable byte buffer: start from {0}, append with fx_put, free(b). */
typedef struct {
    unsigned char *b;
    size_t len, cap;
} fx_bytes;

/* Appends n bytes from p to o. */
void fx_put(fx_bytes *o, const void *p, size_t n);

#endif

/*
 * atomic.h - files that appear whole or not at all. Output is written to a
 * temporary file beside the target, flushed to disk and renamed over it, so
 * a crash, a full disk or an error never leaves a half-written file and an
 * earlier file at that path survives any failure.
 */
#ifndef MLP_ATOMIC_H
#define MLP_ATOMIC_H

#include "internal.h"

#include <stdio.h>

typedef struct {
    FILE *f;      /* write here between open and commit */
    char *path;   /* final name */
    char *tmp;    /* temporary name in the same directory */
    int   failed; /* set by mlp_afile_write on a short write */
} mlp_afile;

/* Whether path can be written atomically: not an existing device, folder or
 * link, in a folder that takes new files. MLP_ECANTCREAT with a message. */
mlp_status mlp_afile_check(const char *path);
/* Creates the temporary file. MLP_ECANTCREAT with a message on failure. */
mlp_status mlp_afile_open(mlp_afile *a, const char *path);
/* fwrite that remembers failure; returns MLP_OK or MLP_EIO. */
mlp_status mlp_afile_write(mlp_afile *a, const void *buf, size_t len);
/* Flushes, fsyncs, closes and renames onto the final name; on any failure
 * removes the temporary file and returns MLP_EIO with a message. */
mlp_status mlp_afile_commit(mlp_afile *a);
/* Gives up: closes and removes the temporary file. Safe after commit. */
void mlp_afile_abort(mlp_afile *a);

#endif

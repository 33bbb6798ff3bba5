/* error.c - the per-thread last error message behind mlp_errmsg(). */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static _Thread_local char last_error[512];

const char *mlp_errmsg(void) { return last_error; }

const char *mlp_version(void) { return MLP_VERSION; }

int mlp_is_double(void) { return sizeof(mlp_real) == sizeof(double); }

mlp_status mlp_fail(mlp_status s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return s;
}

void *mlp_alloc(size_t count, size_t size, const char *what)
{
    if (size != 0 && count > SIZE_MAX / size) {
        mlp_fail(MLP_ENOMEM, "%s: size overflows memory", what);
        return NULL;
    }
    size_t bytes = count * size;
    void *p = malloc(bytes ? bytes : 1);
    if (!p) mlp_fail(MLP_ENOMEM, "%s: out of memory (%zu bytes)", what, count * size);
    return p;
}

void *mlp_zalloc(size_t count, size_t size, const char *what)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) mlp_fail(MLP_ENOMEM, "%s: out of memory (%zu x %zu bytes)", what, count, size);
    return p;
}

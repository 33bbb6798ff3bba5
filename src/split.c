/* split.c - validation hold-out and feature statistics of a data set. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = mlp_alloc(n, 1, "class name");
    if (c) memcpy(c, s, n);
    return c;
}

mlp_status mlp_data_split_tail(mlp_data *d, int32_t n, mlp_data *val)
{
    memset(val, 0, sizeof *val);
    if (n < 1 || n >= d->n)
        return mlp_fail(MLP_EUSAGE, "--val: %d rows cannot be held out of %d (leave at least one for training)", (int)n, (int)d->n);
    size_t keep = (size_t)(d->n - n), dim = (size_t)d->d;
    val->n = n;
    val->d = d->d;
    val->classes = d->classes;
    memcpy(val->shape, d->shape, sizeof val->shape);
    int ok = 1;
    if (d->x8) {
        ok = (val->x8 = mlp_alloc((size_t)n * dim, 1, "validation set")) != NULL;
        if (ok) memcpy(val->x8, d->x8 + keep * dim, (size_t)n * dim);
    } else {
        ok = (val->x = mlp_alloc((size_t)n * dim, sizeof *val->x, "validation set")) != NULL;
        if (ok) memcpy(val->x, d->x + keep * dim, (size_t)n * dim * sizeof *val->x);
    }
    ok = ok && (val->y = mlp_alloc((size_t)n, sizeof *val->y, "validation labels")) != NULL;
    if (ok) memcpy(val->y, d->y + keep, (size_t)n * sizeof *val->y);
    if (ok && d->class_names) {
        ok = (val->class_names = mlp_zalloc((size_t)d->classes, sizeof *val->class_names, "class names")) != NULL;
        for (int32_t k = 0; ok && k < d->classes; k++) ok = (val->class_names[k] = dup_str(d->class_names[k])) != NULL;
    }
    if (!ok) { mlp_data_free(val); return MLP_ENOMEM; }
    /* The rows stay allocated in d; only its count shrinks. */
    d->n = (int32_t)keep;
    return MLP_OK;
}

mlp_status mlp_data_stats(const mlp_data *d, mlp_real *mean, mlp_real *std)
{
    if (d->n < 1) return mlp_fail(MLP_EDATA, "cannot compute statistics of an empty set");
    size_t dim = (size_t)d->d;
    double *sum = calloc(dim, sizeof *sum), *sq = calloc(dim, sizeof *sq);
    if (!sum || !sq) { free(sum); free(sq); return mlp_fail(MLP_ENOMEM, "out of memory for feature statistics"); }
    for (int32_t i = 0; i < d->n; i++)
        for (size_t j = 0; j < dim; j++) {
            double v = d->x8 ? d->x8[(size_t)i * dim + j] / 255.0 : (double)d->x[(size_t)i * dim + j];
            sum[j] += v;
            sq[j] += v * v;
        }
    for (size_t j = 0; j < dim; j++) {
        double m = sum[j] / d->n, var = sq[j] / d->n - m * m;
        double s = var > 1e-12 ? sqrt(var) : 1.0;
        mean[j] = (mlp_real)m;
        std[j] = (mlp_real)s;
    }
    free(sum);
    free(sq);
    return MLP_OK;
}

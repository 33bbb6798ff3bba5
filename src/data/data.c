/* data.c - data sources by name, and batches gathered from a set. */
#include "data/data.h"
#include "data/csv.h"
#include "kernels/gemm.h"

#include <stdlib.h>
#include <string.h>

mlp_status data_alloc(mlp_data *d, int32_t n, int32_t dim, int32_t classes)
{
    memset(d, 0, sizeof *d);
    d->x = mlp_alloc((size_t)n * dim, sizeof *d->x, "data");
    d->y = mlp_alloc((size_t)n, sizeof *d->y, "labels");
    if (!d->x || !d->y) { mlp_data_free(d); return MLP_ENOMEM; }
    d->n = n;
    d->d = dim;
    d->classes = classes;
    return MLP_OK;
}

void mlp_data_free(mlp_data *d)
{
    if (!d) return;
    free(d->x8);
    free(d->x);
    free(d->y);
    if (d->class_names)
        for (int32_t k = 0; k < d->classes; k++) free(d->class_names[k]);
    free(d->class_names);
    memset(d, 0, sizeof *d);
}

void mlp_data_gather(const mlp_data *d, const int32_t *idx, int n, mlp_real *x, int32_t *y)
{
    size_t dim = (size_t)d->d;
    for (int i = 0; i < n; i++) {
        size_t r = idx ? (size_t)idx[i] : (size_t)i;
        mlp_real *dst = x + i * dim;
        if (d->x8) {
            mlp_kern()->u8_scale(dim, d->x8 + r * dim, (mlp_real)(1.0 / 255.0), dst);
        } else {
            memcpy(dst, d->x + r * dim, dim * sizeof *dst);
        }
        if (y) y[i] = d->y[r];
    }
}

/* csv:TRAIN[,TEST] with the CSV options (docs/DATA.md, "CSV"). */
static mlp_status load_csv_pair(const char *spec, const mlp_data_opts *o, mlp_data *train, mlp_data *test)
{
    const char *comma = strchr(spec, ',');
    size_t len = comma ? (size_t)(comma - spec) : strlen(spec);
    if (!len) return mlp_fail(MLP_EUSAGE, "--data csv: needs a file name, as in csv:train.csv[,test.csv]");
    char *first = mlp_alloc(len + 1, 1, "path");
    if (!first) return MLP_ENOMEM;
    memcpy(first, spec, len);
    first[len] = 0;
    mlp_status s = csv_load_pair_opts(first, comma ? comma + 1 : NULL, o, train, test);
    free(first);
    return s;
}

mlp_status mlp_data_load(const char *src, const mlp_data_opts *opts, mlp_data *train, mlp_data *test)
{
    memset(train, 0, sizeof *train);
    memset(test, 0, sizeof *test);
    mlp_data_opts def = {0, -1, 1, NULL, 0};
    if (!opts) opts = &def;
    if (strncmp(src, "csv:", 4) == 0) return load_csv_pair(src + 4, opts, train, test);
    int known = 1;
    mlp_status s = idx_load_source(src, train, test, &known);
    if (known) return s;
    s = synth_load(src, opts, train, test, &known);
    if (!known)
        return mlp_fail(MLP_EUSAGE, "--data: unknown source '%s' (expected mnist, fashion-mnist, idx:DIR, csv:FILE[,TEST] or a synthetic set such as circles; see mlp data list)", src);
    return s;
}

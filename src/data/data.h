/* data.h - what the data readers share. */
#ifndef MLP_DATA_H
#define MLP_DATA_H

#include "internal.h"

/* Allocates d->x (n x dim reals) and d->y for n rows; fields set. */
mlp_status data_alloc(mlp_data *d, int32_t n, int32_t dim, int32_t classes);

/* Synthetic 2-D sets (synth.c): fills train and test for NAME, or returns
 * MLP_EUSAGE when NAME is not a synthetic set and *known is set to 0. */
mlp_status synth_load(const char *name, const mlp_data_opts *o, mlp_data *train,
                      mlp_data *test, int *known);

/* CSV with the integer label in the first column (csv.c). */
mlp_status csv_load(const char *path, mlp_data *d);

#endif

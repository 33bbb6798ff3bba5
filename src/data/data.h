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

/* IDX files (idx.c, docs/DATA.md "IDX"), raw or gzip. */
typedef enum { IDX_IMAGES, IDX_LABELS } idx_kind;

/* Reads and validates one IDX file into d. IDX_IMAGES: 2 to 4 dimensions
 * (n x features, n x h x w, n x h x w x c); sets n, d, shape and x8 (type
 * ubyte) or x (every other type, finite values only). IDX_LABELS: one
 * dimension of whole numbers 0..255; sets n, y and classes = max + 1.
 * When expect_n >= 0 the item count must equal it (the count of the file
 * named other), checked before anything is allocated. */
mlp_status idx_read(const char *path, idx_kind kind, int32_t expect_n,
                    const char *other, mlp_data *d);
/* An images file and its labels file, of equal counts, into one set. */
mlp_status idx_load_pair(const char *images, const char *labels, mlp_data *d);

/* IDX sources (find.c): "mnist", "fashion-mnist" and "idx:DIR" into train
 * and test; *known is set to 0 (and nothing done) for any other name. */
mlp_status idx_load_source(const char *src, mlp_data *train, mlp_data *test, int *known);

#endif

/*
 * internal.h - what the library's files share and users never see: the
 * layout of a network and its workspace, and the error helper.
 */
#ifndef MLP_INTERNAL_H
#define MLP_INTERNAL_H

#include "mlp.h"

#include <stdarg.h>

/* Limits on a network, shared by its builder and every file reader: wider
 * layers would not fit in memory anyway, and the bound keeps every size
 * product below 2^62. */
#define MLP_MAX_WIDTH (1 << 24)
#define MLP_MAX_LAYERS 32

struct mlp_net {
    int       n_layers;   /* dense layers */
    int      *sizes;      /* n_layers + 1 widths */
    mlp_act  *acts;       /* n_layers - 1 hidden activations */
    mlp_loss  loss;
    size_t    n_params;
    mlp_real *params;     /* W1, b1, W2, b2, ... each W out x in row-major */
    size_t   *w_off;      /* n_layers offsets of W into params */
    size_t   *b_off;      /* n_layers offsets of b into params */
    /* Metadata kept with the model (NULL when not set); see mlp.h. */
    char    **class_names; /* sizes[n_layers] names */
    mlp_real *in_mean;     /* sizes[0] per-feature means */
    mlp_real *in_scale;    /* sizes[0] per-feature divisors */
    int       in_shape[3]; /* height, width, channels of image inputs, or 0s */
};

/* Buffers for one batch of up to max_batch rows, allocated once.
 * act[l] holds the input of dense layer l (act[0] is the batch itself) and,
 * for l >= 1, the activation of hidden layer l; out holds the output layer
 * (probabilities for CE). d0 and d1 are ping-pong buffers for the gradient
 * flowing backwards, wide enough for any layer. */
struct mlp_work {
    int        max_batch;
    int        n_layers;
    mlp_real **act;       /* n_layers buffers: act[l] is max_batch x sizes[l] */
    mlp_real  *out;       /* max_batch x sizes[n_layers] */
    mlp_real  *d0, *d1;   /* max_batch x max width */
    int32_t   *y;         /* max_batch labels, for callers that gather */
    /* Inverted dropout on hidden layers, training only (work_dropout). */
    double     dropout;   /* drop probability; 0: off */
    mlp_rng   *drop_rng;
    uint8_t  **mask;      /* n_layers entries; mask[l] for hidden act[l], l >= 1 */
    /* Scratch of the kernels (layers.h, dense_scratch): W^T in panels,
     * each thread's panels of B, and the lists of act[0]'s nonzeros for
     * the first layer's products. */
    int        threads;
    mlp_real  *wt, *pack;
    size_t     pack_stride;
    int32_t   *row_ks, *row_kofs, *col_ks, *col_kofs;
};

/* Turns dropout on for the training passes of w (p > 0) or off (p = 0);
 * allocates the masks once. The rng is borrowed. */
mlp_status work_dropout(mlp_work *w, const mlp_net *net, double p, mlp_rng *rng);

/* Internal passes over a workspace whose act[0] already holds n rows
 * (propagate.c); the public mlp_forward/mlp_backward copy rows in first. */
void       mlp_scale_inputs(const mlp_net *net, mlp_real *X, int n);
/* Copies rows first..first+m of d into w->act[0] and w->y, scaled. */
void       mlp_load_rows(const mlp_net *net, mlp_work *w, const mlp_data *d, int32_t first, int m);
void       mlp_forward_ws(const mlp_net *net, mlp_work *w, int n);
mlp_status mlp_backward_ws(const mlp_net *net, mlp_work *w, const int32_t *y, int n,
                           double *loss, mlp_real *grad, int *correct);

/* Records a formatted one-line message for mlp_errmsg() and returns s. */
mlp_status mlp_fail(mlp_status s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* malloc/calloc that report MLP_ENOMEM through mlp_fail on failure; what
 * names the buffer in the message. Sizes are checked for overflow. */
void *mlp_alloc(size_t count, size_t size, const char *what);
void *mlp_zalloc(size_t count, size_t size, const char *what);

#endif

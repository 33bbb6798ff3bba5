/* propagate.c - the workspace and the whole-network forward and backward
 * passes, built from the layer functions in layers.c. */
#include "layers.h"
#include "kernels/gemm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void mlp_work_free(mlp_work *w)
{
    if (!w) return;
    if (w->act)
        for (int l = 0; l < w->n_layers; l++) free(w->act[l]);
    free(w->act);
    free(w->out);
    free(w->d0);
    free(w->d1);
    free(w->y);
    if (w->mask)
        for (int l = 0; l < w->n_layers; l++) free(w->mask[l]);
    free(w->mask);
    free(w->wt);
    free(w->pack);
    free(w->row_ks);
    free(w->row_kofs);
    free(w->col_ks);
    free(w->col_kofs);
    free(w);
}

mlp_status work_dropout(mlp_work *w, const mlp_net *net, double p, mlp_rng *rng)
{
    w->dropout = 0;
    if (p <= 0) return MLP_OK;
    if (p >= 1) return mlp_fail(MLP_EUSAGE, "dropout probability must be below 1, not %g", p);
    if (!w->mask) {
        w->mask = mlp_zalloc((size_t)w->n_layers, sizeof *w->mask, "dropout masks");
        if (!w->mask) return MLP_ENOMEM;
        for (int l = 1; l < w->n_layers; l++)
            if (!(w->mask[l] = mlp_alloc((size_t)w->max_batch * net->sizes[l], 1, "dropout masks"))) return MLP_ENOMEM;
    }
    w->dropout = p;
    w->drop_rng = rng;
    return MLP_OK;
}

/* Zeroes each hidden unit with probability p and scales the kept ones by
 * 1/(1-p), so the expected activation is unchanged (inverted dropout). */
static void dropout_forward(mlp_real *A, uint8_t *mask, size_t count, double p, mlp_rng *rng)
{
    mlp_real keep_scale = (mlp_real)(1 / (1 - p));
    for (size_t i = 0; i < count; i++) {
        mask[i] = mlp_rng_uniform(rng) >= p;
        A[i] = mask[i] ? A[i] * keep_scale : 0;
    }
}

mlp_status mlp_work_new(mlp_work **out, const mlp_net *net, int max_batch)
{
    *out = NULL;
    if (max_batch < 1) return mlp_fail(MLP_EUSAGE, "batch size must be at least 1, not %d", max_batch);
    mlp_work *w = mlp_zalloc(1, sizeof *w, "workspace");
    if (!w) return MLP_ENOMEM;
    int L = net->n_layers, widest = 1;
    const mlp_kernels *k = mlp_kern();
    size_t biggest = 1;
    for (int l = 1; l <= L; l++) {
        if (net->sizes[l] > widest) widest = net->sizes[l];
        size_t wt = mlp_pack_t_size(k, net->sizes[l], net->sizes[l - 1]);
        if (wt > biggest) biggest = wt;
    }
    w->threads = mlp_threads();
    w->pack_stride = (size_t)(max_batch > widest ? max_batch : widest) * k->nb;
    size_t d = (size_t)net->sizes[0], rblocks = ((size_t)max_batch + k->mr - 1) / k->mr,
           cblocks = (d + k->nb - 1) / k->nb;
    w->max_batch = max_batch;
    w->n_layers = L;
    w->act = mlp_zalloc((size_t)L, sizeof *w->act, "workspace");
    int ok = w->act != NULL;
    for (int l = 0; ok && l < L; l++)
        ok = (w->act[l] = mlp_alloc((size_t)max_batch * net->sizes[l], sizeof(mlp_real), "activations")) != NULL;
    ok = ok && (w->out = mlp_alloc((size_t)max_batch * net->sizes[L], sizeof(mlp_real), "outputs"));
    ok = ok && (w->d0 = mlp_alloc((size_t)max_batch * widest, sizeof(mlp_real), "gradients"));
    ok = ok && (w->d1 = mlp_alloc((size_t)max_batch * widest, sizeof(mlp_real), "gradients"));
    ok = ok && (w->y = mlp_alloc((size_t)max_batch, sizeof(int32_t), "labels"));
    ok = ok && (w->wt = mlp_alloc(biggest, sizeof(mlp_real), "workspace"));
    ok = ok && (w->pack = mlp_alloc(w->pack_stride * (size_t)w->threads, sizeof(mlp_real), "workspace"));
    ok = ok && (w->row_ks = mlp_alloc(rblocks * d, sizeof(int32_t), "workspace"));
    ok = ok && (w->row_kofs = mlp_alloc(2 * rblocks, sizeof(int32_t), "workspace"));
    ok = ok && (w->col_ks = mlp_alloc(cblocks * (size_t)max_batch, sizeof(int32_t), "workspace"));
    ok = ok && (w->col_kofs = mlp_alloc(2 * cblocks, sizeof(int32_t), "workspace"));
    if (!ok) { mlp_work_free(w); return MLP_ENOMEM; }
    *out = w;
    return MLP_OK;
}

/* Applies the model's input scaling, if any, to n rows in place. */
void mlp_scale_inputs(const mlp_net *net, mlp_real *X, int n)
{
    if (!net->in_mean) return;
    int d = net->sizes[0];
    for (int i = 0; i < n; i++) {
        mlp_real *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++) x[j] = (x[j] - net->in_mean[j]) / net->in_scale[j];
    }
}

void mlp_load_rows(const mlp_net *net, mlp_work *w, const mlp_data *d, int32_t first, int m)
{
    /* Rows first..first+m are contiguous: gather them through an offset view. */
    mlp_data view = *d;
    size_t off = (size_t)first * d->d;
    if (view.x8) view.x8 += off; else view.x += off;
    view.y += first;
    mlp_data_gather(&view, NULL, m, w->act[0], w->y);
    mlp_scale_inputs(net, w->act[0], m);
}

/* Forward pass over the n rows already in w->act[0]; leaves the output
 * layer's affine values (logits) in w->out. */
void mlp_forward_ws(const mlp_net *net, mlp_work *w, int n)
{
    int L = net->n_layers;
    /* The input's zeros (most pixels of MNIST-like data) are skipped in the
     * first layer's products; hidden activations are used dense. */
    dense_scratch sp = {w->wt, w->pack, w->pack_stride, w->threads, w->row_ks, w->row_kofs, NULL, NULL};
    mlp_kern()->nz_lists(w->act[0], n, net->sizes[0], 1, w->row_ks, w->row_kofs, w->threads);
    for (int l = 0; l < L; l++) {
        int in = net->sizes[l], out = net->sizes[l + 1];
        mlp_real *Z = l + 1 < L ? w->act[l + 1] : w->out;
        dense_forward(Z, w->act[l], net->params + net->w_off[l], net->params + net->b_off[l], n, in, out, &sp);
        sp.row_ks = sp.row_kofs = NULL; /* hidden activations: dense */
        if (l + 1 < L) {
            act_forward(net->acts[l], Z, (size_t)n * out);
            if (w->dropout > 0) dropout_forward(Z, w->mask[l + 1], (size_t)n * out, w->dropout, w->drop_rng);
        }
    }
}

static mlp_status check_labels(const mlp_net *net, const int32_t *y, int n)
{
    int k = net->sizes[net->n_layers];
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return mlp_fail(MLP_EDATA, "label %d of row %d is outside 0..%d (the network has %d outputs)", (int)y[i], i, k - 1, k);
    return MLP_OK;
}

/* Loss and backward pass over the n rows in w->act[0] with labels y; see
 * mlp_backward. */
mlp_status mlp_backward_ws(const mlp_net *net, mlp_work *w, const int32_t *y, int n,
                           double *loss, mlp_real *grad, int *correct)
{
    mlp_status s = check_labels(net, y, n);
    if (s != MLP_OK) return s;
    int L = net->n_layers, k = net->sizes[L];
    /* Dropout belongs to training passes only: a pass without gradients
     * (evaluation) sees the whole network. */
    double dropout = w->dropout;
    if (!grad) w->dropout = 0;
    mlp_forward_ws(net, w, n);
    w->dropout = dropout;
    mlp_real *G = grad ? w->d0 : NULL;
    double total = net->loss == MLP_CE ? softmax_ce(w->out, y, G, n, k)
                                       : mse_onehot(w->out, y, G, n, k);
    *loss = total / n;
    if (correct) *correct = count_correct(w->out, y, n, k);
    if (!grad) return MLP_OK;
    mlp_real *other = w->d1;
    dense_scratch sp = {w->wt, w->pack, w->pack_stride, w->threads, NULL, NULL, NULL, NULL};
    mlp_kern()->nz_lists(w->act[0], n, net->sizes[0], 0, w->col_ks, w->col_kofs, w->threads);
    for (int l = L - 1; l >= 0; l--) {
        int in = net->sizes[l], out = net->sizes[l + 1];
        mlp_real *dX = l > 0 ? other : NULL; /* the input needs no gradient */
        if (l == 0) {
            sp.col_ks = w->col_ks;
            sp.col_kofs = w->col_kofs;
        }
        dense_backward(dX, grad + net->w_off[l], grad + net->b_off[l], G, w->act[l],
                       net->params + net->w_off[l], n, in, out, &sp);
        if (l > 0) {
            size_t count = (size_t)n * in;
            if (w->dropout > 0) {
                /* Through the mask: dropped units pass nothing back; kept
                 * ones were scaled by s = 1/(1-p), and their activation
                 * before scaling (a = A/s) gives f'. act[l] is not needed
                 * after dW above, so it is unscaled in place. */
                const uint8_t *mask = w->mask[l];
                mlp_real scale = (mlp_real)(1 / (1 - w->dropout)), inv = (mlp_real)(1 - w->dropout);
                for (size_t i = 0; i < count; i++) {
                    dX[i] = mask[i] ? dX[i] * scale : 0;
                    w->act[l][i] *= inv;
                }
            }
            act_backward(net->acts[l - 1], dX, w->act[l], count);
            other = G;
            G = dX;
        }
    }
    return MLP_OK;
}

static mlp_status load_batch(const mlp_net *net, mlp_work *w, const mlp_real *x, int n)
{
    if (n < 1 || n > w->max_batch)
        return mlp_fail(MLP_EUSAGE, "batch of %d rows does not fit a workspace of %d", n, w->max_batch);
    memcpy(w->act[0], x, (size_t)n * net->sizes[0] * sizeof *x);
    mlp_scale_inputs(net, w->act[0], n);
    return MLP_OK;
}

const mlp_real *mlp_forward(const mlp_net *net, mlp_work *w, const mlp_real *x, int n)
{
    if (load_batch(net, w, x, n) != MLP_OK) return NULL;
    mlp_forward_ws(net, w, n);
    if (net->loss == MLP_CE) {
        /* Probabilities: softmax through the same stable code as the loss. */
        int k = net->sizes[net->n_layers];
        for (int i = 0; i < n; i++) w->y[i] = 0;
        softmax_ce(w->out, w->y, NULL, n, k);
    }
    return w->out;
}

mlp_status mlp_backward(const mlp_net *net, mlp_work *w, const mlp_real *x,
                        const int32_t *y, int n, double *loss,
                        mlp_real *grad, int *correct)
{
    mlp_status s = load_batch(net, w, x, n);
    return s != MLP_OK ? s : mlp_backward_ws(net, w, y, n, loss, grad, correct);
}

mlp_status mlp_run(const mlp_net *net, const mlp_real *x, int n, mlp_real *out)
{
    int chunk = n < 256 ? (n > 0 ? n : 1) : 256;
    mlp_work *w;
    mlp_status s = mlp_work_new(&w, net, chunk);
    if (s != MLP_OK) return s;
    int k = net->sizes[net->n_layers], d = net->sizes[0];
    for (int i = 0; i < n; i += chunk) {
        int m = n - i < chunk ? n - i : chunk;
        const mlp_real *p = mlp_forward(net, w, x + (size_t)i * d, m);
        memcpy(out + (size_t)i * k, p, (size_t)m * k * sizeof *out);
    }
    mlp_work_free(w);
    return MLP_OK;
}

/*
 * layers.h - each piece of a network as a forward/backward pair of plain
 * functions over flat batch-first arrays (docs/MATH.md has the derivations).
 * n is the number of rows in the batch.
 */
#ifndef MLP_LAYERS_H
#define MLP_LAYERS_H

#include "internal.h"

/* What the products of a dense layer work in (kernels/gemm.h), owned by
 * the workspace: wt for W^T in panels (mlp_pack_t_size(out, in) values),
 * pack for panels of B (pack_stride values per thread, at least
 * max(n, out) * nb), the thread count, and the lists of X's nonzeros when
 * X is an input worth skipping zeros in (NULL lists: dense). */
typedef struct {
    mlp_real *wt, *pack;
    size_t pack_stride;
    int threads;
    const int32_t *row_ks, *row_kofs;   /* per block of rows of X: forward */
    const int32_t *col_ks, *col_kofs;   /* per panel of columns of X: dW */
} dense_scratch;

/* Batches up to this many rows read W^T from W by gathers instead of
 * transposing it first (which costs as much as the product at n = 1). */
#define DENSE_GATHER_MAX 4

/* Z (n x out) = X (n x in) W^T + b. */
void dense_forward(mlp_real *Z, const mlp_real *X, const mlp_real *W, const mlp_real *b,
                   int n, int in, int out, const dense_scratch *s);
/* Given G = dL/dZ (n x out): dW = G^T X, db = column sums of G, and when dX
 * is not NULL dX = G W (n x in). */
void dense_backward(mlp_real *dX, mlp_real *dW, mlp_real *db, const mlp_real *G,
                    const mlp_real *X, const mlp_real *W, int n, int in, int out,
                    const dense_scratch *s);

/* A = f(A) in place over count values (the kernels' version: SIMD
 * sigmoid and tanh are within a few ulp of libm's). */
void act_forward(mlp_act f, mlp_real *A, size_t count);
/* G = G * f'(z), with f' computed from the activation's output A. */
void act_backward(mlp_act f, mlp_real *G, const mlp_real *A, size_t count);

/* Softmax fused with cross-entropy on logits Z (n x k), in place: Z becomes
 * the probabilities P. Returns the sum over rows of -log P[y] (computed via
 * log-sum-exp, finite for any finite logits). When G is not NULL it receives
 * dL/dZ = (P - onehot(y)) / n for the batch mean. */
double softmax_ce(mlp_real *Z, const int32_t *y, mlp_real *G, int n, int k);
/* MSE against one-hot targets: returns the sum over rows and outputs of
 * (z - t)^2 / k (so that dividing by n gives the mean over all n*k
 * elements); G receives 2 (Z - T) / (n k). */
double mse_onehot(const mlp_real *Z, const int32_t *y, mlp_real *G, int n, int k);

/* Number of rows whose argmax (first maximum) equals the label. */
int count_correct(const mlp_real *P, const int32_t *y, int n, int k);

#endif

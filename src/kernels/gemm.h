/*
 * gemm.h - the kernels a dense layer needs: one general matrix product,
 * a transpose into its packed layout, the lists of an input's nonzeros,
 * and the activations,
 * each in a portable form and in SIMD forms (kernels.inc) picked at run
 * time for the CPU (mlp_kern).
 *
 * The product: C (M x N) = [bias +] sum over k of a(i,k) b(k,j), with
 *   a(i,k) = A[i*rsa + k*csa]   (any strides: A, or A transposed)
 *   b(k,j) = B[k*ldb + j]       (rows of B contiguous)
 * It covers the three products of a dense layer over a batch X (n x in),
 * weights W (out x in) and output gradients G (n x out):
 *   forward   Z  = X W^T   A = X, B = W^T (pack_t, once per step)
 *   backward  dW = G^T X   A = G read transposed (rsa 1, csa out), B = X
 *             dX = G W     A = G, B = W
 * C is overwritten, never accumulated. Every entry of C is summed over k
 * in order, the same way whatever the shape, block or thread: a row's
 * result does not depend on the other rows of its batch.
 *
 * Sparse inputs (mostly-zero pixels): the k that can be skipped are given as
 * lists, per block of mr rows of C (by_rows: the k where some row of the
 * block has a(i,k) != 0) or per block of nb columns (the k where some column
 * has b(k,j) != 0). The skipped terms are exact zeros, so the result is
 * bit-identical to the dense product in the same order.
 */
#ifndef MLP_GEMM_H
#define MLP_GEMM_H

#include "internal.h"

#include <stddef.h>

typedef struct {
    int M, N, K;
    const mlp_real *A;
    ptrdiff_t rsa, csa;
    const mlp_real *B;
    ptrdiff_t ldb;            /* unless b_packed */
    mlp_real *C;
    ptrdiff_t ldc;
    const mlp_real *bias;     /* NULL, or N values added to every row */
    const int32_t *ks;        /* NULL: every k in 0..K-1 */
    const int32_t *kofs;      /* block t uses ks[kofs[2t] .. kofs[2t+1]) */
    int by_rows;              /* blocks are mr rows (1) or nb columns (0) */
    /* B already in panels (pack_t's layout): nb columns at a time, panel p
     * at B + p*K*nb, its row k at + k*nb (the lanes past column N unused). */
    int b_packed;
    /* Or B given transposed, b(k,j) = B[j*ldb + k], read by gathers: for
     * batches too small to pay for a transpose (N * ldb < 2^31). */
    int b_trans;
    /* Otherwise each thread copies B a panel at a time into its part of
     * pack: pack + thread * pack_stride, pack_stride >= K * nb. */
    mlp_real *pack;
    size_t pack_stride;
    int threads;              /* at most this many threads (>= 1) */
} mlp_gemm_job;

typedef struct {
    const char *name;         /* "avx512", "avx2", "portable" */
    int mr, nb;               /* rows of a block; columns of a panel */
    void (*gemm)(const mlp_gemm_job *g);
    /* T = A^T (A rows x cols) in the panel layout of b_packed, as the B of
     * a product with K = cols and N = rows: ceil(rows/nb)*nb*cols values. */
    void (*pack_t)(int rows, int cols, const mlp_real *A, int lda, mlp_real *T, int threads);
    /* The k lists of X (n x d, rows contiguous) for gemm: by_rows, blocks
     * of mr rows (ks needs ceil(n/mr) * d entries, kofs 2 ceil(n/mr)); or
     * by columns, panels of nb columns of X where k runs over the rows
     * (ks n * ceil(d/nb), kofs 2 ceil(d/nb)). Block t's list is in its own
     * slot, ks + t*d (rows) or ks + t*n (columns). */
    void (*nz_lists)(const mlp_real *X, int n, int d, int by_rows, int32_t *ks, int32_t *kofs, int threads);
    void (*act_forward)(mlp_act f, mlp_real *A, size_t count);
    void (*act_backward)(mlp_act f, mlp_real *G, const mlp_real *A, size_t count);
    /* y += a x over n values: the plain SGD step */
    void (*axpy)(size_t n, mlp_real a, const mlp_real *x, mlp_real *y, int threads);
    /* dst = src * scale over n bytes: pixels to inputs */
    void (*u8_scale)(size_t n, const uint8_t *src, mlp_real scale, mlp_real *dst);
    /* n rounds of fma_lanes independent multiply-adds (mlp_fma_peak) */
    float (*fma_loop)(long n);
    int fma_lanes;
} mlp_kernels;

/* The kernels for this CPU: AVX-512, then AVX2+FMA, then portable; the
 * environment variable MLP_KERNELS=portable|avx2|avx512 forces one (a name
 * the CPU cannot run falls back down the list). The double build always
 * uses the portable kernels. */
const mlp_kernels *mlp_kern(void);

extern const mlp_kernels mlp_kernels_portable;
#if !defined(MLP_DOUBLE) && (defined(__x86_64__) || defined(__i386__))
extern const mlp_kernels mlp_kernels_avx2, mlp_kernels_avx512;
#define MLP_HAVE_SIMD 1
#endif

/* Values of pack_t's output for a rows x cols A. */
size_t mlp_pack_t_size(const mlp_kernels *k, int rows, int cols);

/* Work below this many multiply-adds runs on one thread. */
#define MLP_PAR_MIN_FMAS (1L << 17)

#endif

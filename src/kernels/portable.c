/*
 * portable.c - the kernels in plain C: the fallback for CPUs without
 * AVX2, the double build, and the reference the SIMD kernels are tested
 * against. Loop orders keep the innermost loop on contiguous memory.
 */
#include "kernels/gemm.h"

#include <math.h>
#include <string.h>

#define P_MR 4  /* block sizes of the sparse lists (ignored by this gemm) */
#define P_NB 64

/* The lists only skip exact zero terms, so the dense sum is the same. */
static void gemm(const mlp_gemm_job *g)
{
    for (int i = 0; i < g->M; i++) {
        mlp_real *c = g->C + (ptrdiff_t)i * g->ldc;
        if (g->bias) memcpy(c, g->bias, (size_t)g->N * sizeof *c);
        else memset(c, 0, (size_t)g->N * sizeof *c);
        for (int k = 0; k < g->K; k++) {
            mlp_real a = g->A[(ptrdiff_t)i * g->rsa + (ptrdiff_t)k * g->csa];
            if (g->b_trans)
                for (int j = 0; j < g->N; j++) c[j] += a * g->B[(ptrdiff_t)j * g->ldb + k];
            else if (g->b_packed)
                for (int j = 0; j < g->N; j++) c[j] += a * g->B[(ptrdiff_t)(j / P_NB) * g->K * P_NB + (ptrdiff_t)k * P_NB + j % P_NB];
            else
                for (int j = 0; j < g->N; j++) c[j] += a * g->B[(ptrdiff_t)k * g->ldb + j];
        }
    }
}

static void pack_t(int rows, int cols, const mlp_real *A, int lda, mlp_real *T, int threads)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            T[(ptrdiff_t)(i / P_NB) * cols * P_NB + (ptrdiff_t)j * P_NB + i % P_NB] = A[(ptrdiff_t)i * lda + j];
}

static void nz_lists(const mlp_real *X, int n, int d, int by_rows, int32_t *ks, int32_t *kofs, int threads)
{
    int bs = by_rows ? P_MR : P_NB, blocks = ((by_rows ? n : d) + bs - 1) / bs;
    for (int b = 0; b < blocks; b++) {
        int32_t start = b * (by_rows ? d : n), len = start;
        int lo = b * bs, hi = lo + bs < (by_rows ? n : d) ? lo + bs : (by_rows ? n : d);
        for (int k = 0; k < (by_rows ? d : n); k++) {
            int any = 0;
            for (int q = lo; q < hi && !any; q++) any = (by_rows ? X[(ptrdiff_t)q * d + k] : X[(ptrdiff_t)k * d + q]) != 0;
            if (any) ks[len++] = k;
        }
        kofs[2 * b] = start;
        kofs[2 * b + 1] = len;
    }
}

static void act_forward(mlp_act f, mlp_real *A, size_t count)
{
    switch (f) {
    case MLP_SIGMOID:
        /* 1/(1+e^-z) overflows harmlessly to 0 for z << 0; exp of a large
         * positive argument is avoided on that side. */
        for (size_t i = 0; i < count; i++) {
            mlp_real z = A[i];
            if (z >= 0) A[i] = 1 / (1 + exp(-z));
            else { mlp_real e = exp(z); A[i] = e / (1 + e); }
        }
        break;
    case MLP_TANH:
        for (size_t i = 0; i < count; i++) A[i] = tanh(A[i]);
        break;
    case MLP_RELU:
        for (size_t i = 0; i < count; i++) A[i] = A[i] > 0 ? A[i] : 0;
        break;
    case MLP_LEAKY_RELU:
        for (size_t i = 0; i < count; i++) A[i] = A[i] > 0 ? A[i] : (mlp_real)MLP_LEAKY_SLOPE * A[i];
        break;
    case MLP_STEP:
        for (size_t i = 0; i < count; i++) A[i] = A[i] > 0 ? 1 : 0;
        break;
    case MLP_IDENTITY:
    case MLP_ACT_COUNT:
        break;
    }
}

static void act_backward(mlp_act f, mlp_real *G, const mlp_real *A, size_t count)
{
    switch (f) {
    case MLP_SIGMOID:
        for (size_t i = 0; i < count; i++) G[i] *= A[i] * (1 - A[i]);
        break;
    case MLP_TANH:
        for (size_t i = 0; i < count; i++) G[i] *= 1 - A[i] * A[i];
        break;
    case MLP_RELU:
        for (size_t i = 0; i < count; i++) G[i] = A[i] > 0 ? G[i] : 0;
        break;
    case MLP_LEAKY_RELU:
        /* The slope is positive, so a > 0 exactly when z > 0. */
        for (size_t i = 0; i < count; i++) G[i] = A[i] > 0 ? G[i] : (mlp_real)MLP_LEAKY_SLOPE * G[i];
        break;
    case MLP_STEP:
        memset(G, 0, count * sizeof *G);
        break;
    case MLP_IDENTITY:
    case MLP_ACT_COUNT:
        break;
    }
}

static void axpy(size_t n, mlp_real a, const mlp_real *x, mlp_real *y, int threads)
{
    for (size_t i = 0; i < n; i++) y[i] += a * x[i];
}

static void u8_scale(size_t n, const uint8_t *src, mlp_real scale, mlp_real *dst)
{
    for (size_t i = 0; i < n; i++) dst[i] = src[i] * scale;
}

static float fma_loop(long n)
{
    mlp_real c[8] = {0, 1, 2, 3, 4, 5, 6, 7}, s = 0;
    for (long t = 0; t < n; t++)
        for (int i = 0; i < 8; i++) c[i] = c[i] * (mlp_real)0.999999 + (mlp_real)1e-7;
    for (int i = 0; i < 8; i++) s += c[i];
    return (float)s;
}

const mlp_kernels mlp_kernels_portable = {
    "portable", P_MR, P_NB, gemm, pack_t, nz_lists, act_forward, act_backward, axpy, u8_scale, fma_loop, 8,
};

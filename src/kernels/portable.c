/*
 * gemm.c - portable matrix products. Loop orders keep the innermost loop
 * running over contiguous memory so the compiler can vectorise it; the dot
 * products of mlp_gemm_nt use four partial sums for the same reason.
 */
#include "kernels/gemm.h"

#include <string.h>

static mlp_real dot(const mlp_real *a, const mlp_real *b, int k)
{
    mlp_real s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 4 <= k; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    for (; i < k; i++) s0 += a[i] * b[i];
    return (s0 + s1) + (s2 + s3);
}

void mlp_gemm_nt(int M, int N, int K, const mlp_real *A, int lda,
                 const mlp_real *B, int ldb, mlp_real *C, int ldc)
{
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++)
            C[(size_t)i * ldc + j] = dot(A + (size_t)i * lda, B + (size_t)j * ldb, K);
}

/* c[0..n) += a * b[0..n) */
static void axpy(mlp_real *restrict c, mlp_real a, const mlp_real *restrict b, int n)
{
    for (int j = 0; j < n; j++) c[j] += a * b[j];
}

void mlp_gemm_tn(int M, int N, int K, const mlp_real *A, int lda,
                 const mlp_real *B, int ldb, mlp_real *C, int ldc)
{
    for (int i = 0; i < M; i++) memset(C + (size_t)i * ldc, 0, (size_t)N * sizeof *C);
    for (int k = 0; k < K; k++)
        for (int i = 0; i < M; i++) {
            mlp_real a = A[(size_t)k * lda + i];
            if (a != 0) axpy(C + (size_t)i * ldc, a, B + (size_t)k * ldb, N);
        }
}

void mlp_gemm_nn(int M, int N, int K, const mlp_real *A, int lda,
                 const mlp_real *B, int ldb, mlp_real *C, int ldc)
{
    for (int i = 0; i < M; i++) {
        mlp_real *c = C + (size_t)i * ldc;
        memset(c, 0, (size_t)N * sizeof *C);
        for (int k = 0; k < K; k++) {
            mlp_real a = A[(size_t)i * lda + k];
            if (a != 0) axpy(c, a, B + (size_t)k * ldb, N);
        }
    }
}

/*
 * gemm.h - the three matrix products a dense layer needs, row-major with
 * leading dimensions. C is M x N in every case.
 *   mlp_gemm_nt: C = A B^T, A M x K, B N x K   (forward:   Z = X W^T)
 *   mlp_gemm_tn: C = A^T B, A K x M, B K x N   (backward:  dW = G^T X)
 *   mlp_gemm_nn: C = A B,   A M x K, B K x N   (backward:  dX = G W)
 * C is overwritten (not accumulated).
 */
#ifndef MLP_GEMM_H
#define MLP_GEMM_H

#include "internal.h"

void mlp_gemm_nt(int M, int N, int K, const mlp_real *A, int lda,
                 const mlp_real *B, int ldb, mlp_real *C, int ldc);
void mlp_gemm_tn(int M, int N, int K, const mlp_real *A, int lda,
                 const mlp_real *B, int ldb, mlp_real *C, int ldc);
void mlp_gemm_nn(int M, int N, int K, const mlp_real *A, int lda,
                 const mlp_real *B, int ldb, mlp_real *C, int ldc);

#endif

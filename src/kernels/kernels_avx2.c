/* kernels_avx2.c - kernels.inc compiled for AVX2 with FMA (8 floats a vector). */
#include "kernels/gemm.h"
#ifdef MLP_HAVE_SIMD
#define SIMD_AVX2
#define KNAME mlp_kernels_avx2
#define KLABEL "avx2"
#include "kernels/kernels.inc"
#endif

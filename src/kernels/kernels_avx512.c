/* kernels_avx512.c - kernels.inc compiled for AVX-512 (16 floats a vector). */
#include "kernels/gemm.h"
#ifdef MLP_HAVE_SIMD
#define SIMD_AVX512
#define KNAME mlp_kernels_avx512
#define KLABEL "avx512"
#include "kernels/kernels.inc"
#endif

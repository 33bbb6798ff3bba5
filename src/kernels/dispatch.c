/* dispatch.c - picks the kernels for this CPU once (gemm.h, mlp_kern). */
#include "kernels/gemm.h"

#include <stdlib.h>
#include <string.h>

static const mlp_kernels *pick(void)
{
#ifdef MLP_HAVE_SIMD
    const char *want = getenv("MLP_KERNELS");
    int avx512 = 0, avx2 = 0;
    __builtin_cpu_init();
    avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (want && !strcmp(want, "portable")) return &mlp_kernels_portable;
    if (avx512 && !(want && !strcmp(want, "avx2"))) return &mlp_kernels_avx512;
    if (avx2) return &mlp_kernels_avx2;
#endif
    return &mlp_kernels_portable;
}

const mlp_kernels *mlp_kern(void)
{
    /* Every thread that races here computes the same pointer. */
    static const mlp_kernels *k;
    const mlp_kernels *got = __atomic_load_n(&k, __ATOMIC_ACQUIRE);
    if (!got) __atomic_store_n(&k, got = pick(), __ATOMIC_RELEASE);
    return got;
}

size_t mlp_pack_t_size(const mlp_kernels *k, int rows, int cols)
{
    return (size_t)((rows + k->nb - 1) / k->nb) * k->nb * (size_t)cols;
}

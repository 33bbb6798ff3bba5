/* threads.c - how many threads the kernels use (mlp_set_threads). */
#include "internal.h"
#include "kernels/gemm.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static int asked; /* 0: the default */

mlp_status mlp_set_threads(int n)
{
    if (n < 0 || n > 1024) return mlp_fail(MLP_EUSAGE, "threads must be 0 (all cores) to 1024, not %d", n);
    asked = n;
    return MLP_OK;
}

int mlp_threads(void)
{
#ifdef _OPENMP
    int n = asked ? asked : omp_get_max_threads();
    return n > 0 ? n : 1;
#else
    return 1;
#endif
}

const char *mlp_kernels_name(void)
{
    return mlp_kern()->name;
}

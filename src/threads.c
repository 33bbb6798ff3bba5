/* threads.c - how many threads the kernels use (mlp_set_threads). */
#include "internal.h"
#include "kernels/gemm.h"

#include <time.h>

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

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The best of three timings, each of as many rounds of the FMA loop as fit
 * in about 50 ms: a fixed count would take minutes where the loop runs
 * slowly (under valgrind, or on the portable kernels). */
double mlp_fma_peak(int threads)
{
    const mlp_kernels *k = mlp_kern();
    const long n = 250000; /* rounds per call: about 0.5 ms with AVX-512 */
    volatile float sink = 0;
    double best = 0;
    if (threads < 1) threads = mlp_threads();
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now(), secs;
        long calls = 0;
        do {
#ifdef _OPENMP
#pragma omp parallel num_threads(threads)
#endif
            {
                float r = k->fma_loop(n);
#ifdef _OPENMP
#pragma omp atomic
#endif
                sink += r;
            }
            calls++;
        } while ((secs = now() - t0) < 0.05);
        double gf = 2.0 * k->fma_lanes * (double)n * (double)calls * threads / secs / 1e9;
        if (gf > best) best = gf;
    }
    (void)sink;
    return best;
}

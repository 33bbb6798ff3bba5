/*
 * par.h - loops split across threads with OpenMP when the library is built
 * with it (-fopenmp), and plain loops otherwise. Work is split by output
 * blocks only, never inside a sum, so results do not depend on the number
 * of threads.
 */
#ifndef MLP_PAR_H
#define MLP_PAR_H

#define MLP_PRAGMA(x) _Pragma(#x)
#ifdef _OPENMP
#  include <omp.h>
/* The next statement run by `threads` threads; inside, each takes its
 * share by mlp_thread_id/count. Callers run small work directly instead:
 * even a region with one thread costs libgomp an allocation. */
#  define MLP_PAR_REGION(threads) MLP_PRAGMA(omp parallel num_threads(threads))
static inline int mlp_thread_id(void) { return omp_get_thread_num(); }
static inline int mlp_thread_count(void) { return omp_get_num_threads(); }
#else
#  define MLP_PAR_REGION(threads)
static inline int mlp_thread_id(void) { return 0; }
static inline int mlp_thread_count(void) { return 1; }
#endif

#endif

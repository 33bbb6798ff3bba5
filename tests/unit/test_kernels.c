/* test_kernels.c - every kernel set this CPU can run (portable, AVX2,
 * AVX-512; kernels/gemm.h) against reference code in double: the product
 * in its three layer forms on ragged shapes, with and without bias and
 * sparse-k lists (which must give bit-identical results to the dense
 * product), the packed transpose (exact), the nonzero lists
 * themselves, the activations against libm, axpy and u8_scale. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernels/gemm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const mlp_kernels *sets[3];
static int nsets;

static int find_sets(void **state)
{
    (void)state;
    sets[nsets++] = &mlp_kernels_portable;
#ifdef MLP_HAVE_SIMD
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) sets[nsets++] = &mlp_kernels_avx2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) sets[nsets++] = &mlp_kernels_avx512;
#endif
    for (int i = 0; i < nsets; i++) printf("# kernels: %s\n", sets[i]->name);
    return 0;
}

/* Normal values with about a fraction `zeros` of exact zeros in runs, as
 * image backgrounds have. */
static mlp_real *rnd(mlp_rng *r, size_t n, double zeros)
{
    mlp_real *p = malloc((n ? n : 1) * sizeof *p);
    assert_non_null(p);
    int run = 0;
    for (size_t i = 0; i < n; i++) {
        if (run == 0 && mlp_rng_uniform(r) < zeros / 8) run = 1 + (int)mlp_rng_below(r, 16);
        p[i] = run > 0 ? 0 : (mlp_real)mlp_rng_normal(r);
        if (run > 0) run--;
    }
    return p;
}

/* C = [bias +] a(i,k) b(k,j) in double, and the sum of |terms| per entry. */
static void reference(const mlp_gemm_job *g, int nb, double *c, double *mag)
{
    for (int i = 0; i < g->M; i++)
        for (int j = 0; j < g->N; j++) {
            double s = g->bias ? g->bias[j] : 0, m = fabs(s);
            for (int k = 0; k < g->K; k++) {
                double b = g->b_packed ? g->B[(ptrdiff_t)(j / nb) * g->K * nb + (ptrdiff_t)k * nb + j % nb]
                                       : g->B[(ptrdiff_t)k * g->ldb + j];
                double t = (double)g->A[i * g->rsa + k * g->csa] * b;
                s += t;
                m += fabs(t);
            }
            c[(size_t)i * g->N + j] = s;
            mag[(size_t)i * g->N + j] = m;
        }
}

static void check_close(const mlp_gemm_job *g, const double *c, const double *mag, const char *what)
{
    double u = mlp_is_double() ? 1e-15 : 1e-7;
    for (int i = 0; i < g->M; i++)
        for (int j = 0; j < g->N; j++) {
            double got = g->C[(ptrdiff_t)i * g->ldc + j], want = c[(size_t)i * g->N + j];
            double tol = 2 * u * (g->K + 2) * mag[(size_t)i * g->N + j] + 1e-30;
            if (!(fabs(got - want) <= tol)) {
                print_error("%s: M=%d N=%d K=%d C[%d][%d] = %.9g, want %.9g (tol %.3g)\n", what, g->M, g->N, g->K, i, j, got, want, tol);
                fail();
            }
        }
}

/* The three layer forms on one shape, for every kernel set. */
static void check_shape(mlp_rng *r, int n, int in, int out)
{
    mlp_real *X = rnd(r, (size_t)n * in, 0.6), *W = rnd(r, (size_t)out * in, 0), *G = rnd(r, (size_t)n * out, 0);
    /* panels of 64 or fewer columns: room for 64 past the last */
    size_t stride = (size_t)(n > out ? n : out) * 64;
    mlp_real *Wt = malloc((size_t)in * (out + 64) * sizeof *Wt), *bias = rnd(r, (size_t)out, 0);
    mlp_real *pack = malloc(2 * stride * sizeof *pack);
    size_t big = (size_t)(n > out ? n : out) * (in > out ? in : out);
    mlp_real *C = malloc(big * sizeof *C), *C2 = malloc(big * sizeof *C2);
    double *c = malloc(big * sizeof *c), *mag = malloc(big * sizeof *mag);
    int32_t *ks = malloc(((size_t)n + 1) * (in + 1) * sizeof *ks), *kofs = malloc(((size_t)n + in + 2) * sizeof *kofs);
    assert_true(Wt && pack && C && C2 && c && mag && ks && kofs);
    for (int s = 0; s < nsets; s++) {
        const mlp_kernels *k = sets[s];
        char what[64];
        /* pack_t: exact, in panels */
        k->pack_t(out, in, W, in, Wt, 2);
        for (int j = 0; j < out; j++)
            for (int i = 0; i < in; i++)
                assert_true(Wt[(size_t)(j / k->nb) * in * k->nb + (size_t)i * k->nb + j % k->nb] == W[(size_t)j * in + i]);

        /* forward: Z = X W^T + b, dense and with row lists */
        mlp_gemm_job f = {.M = n, .N = out, .K = in, .A = X, .rsa = in, .csa = 1, .B = Wt, .C = C, .ldc = out,
                          .bias = bias, .by_rows = 1, .b_packed = 1, .threads = 2};
        reference(&f, k->nb, c, mag);
        k->gemm(&f);
        snprintf(what, sizeof what, "%s forward", k->name);
        check_close(&f, c, mag, what);
        k->nz_lists(X, n, in, 1, ks, kofs, 2);
        f.C = C2;
        f.ks = ks;
        f.kofs = kofs;
        k->gemm(&f);
        assert_memory_equal(C, C2, (size_t)n * out * sizeof *C);
        /* W^T read by gathers straight from W: the same sums */
        f.B = W;
        f.ldb = in;
        f.b_packed = 0;
        f.b_trans = 1;
        k->gemm(&f);
        assert_memory_equal(C, C2, (size_t)n * out * sizeof *C);
        f.ks = f.kofs = NULL;
        k->gemm(&f);
        assert_memory_equal(C, C2, (size_t)n * out * sizeof *C);
        /* dW = G^T X, dense and with column lists */
        mlp_gemm_job w = {.M = out, .N = in, .K = n, .A = G, .rsa = 1, .csa = out, .B = X, .ldb = in, .C = C, .ldc = in,
                          .pack = pack, .pack_stride = stride, .threads = 2};
        reference(&w, k->nb, c, mag);
        k->gemm(&w);
        snprintf(what, sizeof what, "%s dW", k->name);
        check_close(&w, c, mag, what);
        k->nz_lists(X, n, in, 0, ks, kofs, 2);
        w.C = C2;
        w.ks = ks;
        w.kofs = kofs;
        k->gemm(&w);
        assert_memory_equal(C, C2, (size_t)out * in * sizeof *C);

        /* dX = G W */
        mlp_gemm_job x = {.M = n, .N = in, .K = out, .A = G, .rsa = out, .csa = 1, .B = W, .ldb = in, .C = C, .ldc = in,
                          .pack = pack, .pack_stride = stride, .threads = 2};
        reference(&x, k->nb, c, mag);
        k->gemm(&x);
        snprintf(what, sizeof what, "%s dX", k->name);
        check_close(&x, c, mag, what);
    }
    free(X); free(W); free(G); free(Wt); free(pack); free(bias); free(C); free(C2); free(c); free(mag); free(ks); free(kofs);
}

static void test_products_ragged_shapes(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 7);
    static const int sizes[] = {1, 2, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 97};
    int ns = (int)(sizeof sizes / sizeof *sizes);
    for (int a = 0; a < ns; a++)
        for (int b = 0; b < ns; b += 3)
            check_shape(&r, sizes[a], sizes[(a + b) % ns], sizes[b]);
    check_shape(&r, 64, 784, 300);
    check_shape(&r, 13, 300, 10);
}

/* The lists name exactly the k with a nonzero in the block, in order. */
static void test_nonzero_lists(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 3);
    int n = 230, d = 351; /* big enough to be split between threads */
    mlp_real *X = rnd(&r, (size_t)n * d, 0.7);
    X[5 * d + 17] = (mlp_real)NAN; /* NaN is not zero: never skipped */
    X[6 * d + 140] = (mlp_real)-0.0;
    int32_t *ks = malloc((size_t)n * d * sizeof *ks), *kofs = malloc((size_t)(n + d + 1) * sizeof *kofs);
    assert_true(X && ks && kofs);
    for (int s = 0; s < nsets; s++) {
        const mlp_kernels *k = sets[s];
        for (int by_rows = 0; by_rows < 2; by_rows++) {
            k->nz_lists(X, n, d, by_rows, ks, kofs, 2);
            int bs = by_rows ? k->mr : k->nb, blocks = ((by_rows ? n : d) + bs - 1) / bs;
            for (int b = 0; b < blocks; b++) {
                int32_t at = kofs[2 * b];
                for (int kk = 0; kk < (by_rows ? d : n); kk++) {
                    int any = 0;
                    for (int q = b * bs; q < (b + 1) * bs && q < (by_rows ? n : d); q++) {
                        mlp_real v = by_rows ? X[(size_t)q * d + kk] : X[(size_t)kk * d + q];
                        any |= v != 0;
                    }
                    if (any) assert_int_equal(ks[at++], kk);
                }
                assert_int_equal(at, kofs[2 * b + 1]);
            }
        }
    }
    free(X); free(ks); free(kofs);
}

/* Activations: within a few float ulp of libm's, finite for any input,
 * and the backward forms equal to the closed forms. */
static void test_activations(void **state)
{
    (void)state;
    enum { N = 4001 };
    mlp_real *z = malloc(N * sizeof *z), *a = malloc(N * sizeof *a), *g = malloc(N * sizeof *g);
    assert_true(z && a && g);
    for (int i = 0; i < N; i++) z[i] = (mlp_real)((i - N / 2) * 0.01);
    z[0] = (mlp_real)-1e30; z[1] = (mlp_real)1e30; z[2] = (mlp_real)1e-30; z[3] = (mlp_real)-1e-7;
    z[4] = (mlp_real)-100; z[5] = (mlp_real)100; z[6] = (mlp_real)88.5; z[7] = (mlp_real)-88.5;
    double tol = mlp_is_double() ? 1e-15 : 4e-7;
    mlp_act acts[] = {MLP_SIGMOID, MLP_TANH, MLP_RELU, MLP_LEAKY_RELU, MLP_STEP, MLP_IDENTITY};
    for (int s = 0; s < nsets; s++)
        for (size_t q = 0; q < sizeof acts / sizeof *acts; q++) {
            mlp_act f = acts[q];
            memcpy(a, z, N * sizeof *a);
            sets[s]->act_forward(f, a, N);
            for (int i = 0; i < N; i++) {
                double x = z[i], want = f == MLP_SIGMOID ? 1 / (1 + exp(-x)) : f == MLP_TANH ? tanh(x)
                                      : f == MLP_RELU ? (x > 0 ? x : 0) : f == MLP_LEAKY_RELU ? (x > 0 ? x : MLP_LEAKY_SLOPE * x)
                                      : f == MLP_STEP ? (x > 0) : x;
                if (!(isfinite(a[i]) && fabs(a[i] - want) <= tol * fabs(want) + 1e-37)) {
                    print_error("%s act %d: f(%.9g) = %.9g, want %.9g\n", sets[s]->name, (int)f, x, (double)a[i], want);
                    fail();
                }
            }
            for (int i = 0; i < N; i++) g[i] = (mlp_real)(1 + (i % 7));
            sets[s]->act_backward(f, g, a, N);
            for (int i = 0; i < N; i++) {
                double y = a[i], g0 = 1 + (i % 7);
                double want = f == MLP_SIGMOID ? g0 * (y * (1 - y)) : f == MLP_TANH ? g0 * (1 - y * y)
                            : f == MLP_RELU ? (y > 0 ? g0 : 0) : f == MLP_LEAKY_RELU ? (y > 0 ? g0 : MLP_LEAKY_SLOPE * g0)
                            : f == MLP_STEP ? 0 : g0;
                /* 1 - y^2 cancels near |y| = 1: the error is relative to y^2 */
                double mag = fabs(want) + (f == MLP_TANH ? g0 * y * y : 0);
                if (!(fabs(g[i] - want) <= 2 * tol * mag + 1e-37)) {
                    print_error("%s act %d: backward at a = %.9g: %.9g, want %.9g\n", sets[s]->name, (int)f, y, (double)g[i], want);
                    fail();
                }
            }
        }
    free(z); free(a); free(g);
}

/* axpy: y + a x, one rounding or two per value, on every length's tail */
static void test_axpy(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 5);
    /* every tail length, and one long enough to be split between threads */
    for (size_t n = 0; n <= 70000; n = n < 70 ? n + 1 : n * 1000) {
        mlp_real *x = rnd(&r, n, 0), *y = rnd(&r, n, 0), *y0 = malloc((n ? n : 1) * sizeof *y0);
        assert_non_null(y0);
        for (int s = 0; s < nsets; s++) {
            memcpy(y0, y, n * sizeof *y);
            sets[s]->axpy(n, (mlp_real)-0.37, x, y0, 2);
            for (size_t i = 0; i < n; i++) {
                double want = y[i] - 0.37 * x[i];
                assert_true(fabs(y0[i] - want) <= 4e-7 * (fabs(y[i]) + fabs(0.37 * x[i])) + 1e-30);
            }
        }
        free(x); free(y); free(y0);
    }
}

/* u8_scale: exactly byte * scale, as the portable loop computes it */
static void test_u8_scale(void **state)
{
    (void)state;
    uint8_t b[300];
    mlp_real want[300], got[300];
    for (int i = 0; i < 300; i++) b[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= 300; n += 13) {
        for (size_t i = 0; i < n; i++) want[i] = b[i] * (mlp_real)(1.0 / 255.0);
        for (int s = 0; s < nsets; s++) {
            sets[s]->u8_scale(n, b, (mlp_real)(1.0 / 255.0), got);
            assert_memory_equal(got, want, n * sizeof *got);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_products_ragged_shapes),
        cmocka_unit_test(test_nonzero_lists),
        cmocka_unit_test(test_activations),
        cmocka_unit_test(test_axpy),
        cmocka_unit_test(test_u8_scale),
    };
    return cmocka_run_group_tests(tests, find_sets, NULL);
}

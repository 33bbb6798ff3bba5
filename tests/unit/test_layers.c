/* test_layers.c - the layer functions of src/layers.h against naive
 * reference code computed in double: dense forward and backward on awkward
 * shapes, every activation and its derivative against the closed forms,
 * softmax-cross-entropy on extreme logits, MSE and the argmax count. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "layers.h"
#include "kernels/gemm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Relative accuracy of one rounding in mlp_real, with room for a few. */
#define U (mlp_is_double() ? 1e-14 : 1e-6)

static mlp_real *rnd(mlp_rng *r, size_t n)
{
    mlp_real *p = malloc((n ? n : 1) * sizeof *p);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) p[i] = (mlp_real)mlp_rng_normal(r);
    return p;
}

static mlp_real *nans(size_t n)
{
    mlp_real *p = malloc((n ? n : 1) * sizeof *p);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) p[i] = (mlp_real)NAN;
    return p;
}

/* |got - want| within the error of summing terms whose magnitudes add up
 * to mag (k terms): k roundings of at most mag each, plus slack. */
static void assert_sum_close(double got, double want, double mag, int k, const char *what)
{
    double tol = (mlp_is_double() ? 2.3e-16 : 1.2e-7) * (k + 2) * (mag + 1e-30) * 2;
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: got %.17g, want %.17g (tolerance %.3g)", what, got, want, tol);
}

static void assert_rel(double got, double want, double rel, const char *what)
{
    double tol = rel * fmax(fabs(want), 1e-300);
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: got %.17g, want %.17g (relative tolerance %.3g)", what, got, want, rel);
}

/* ---- dense layers ----------------------------------------------------------- */

static const int shapes[][3] = { /* n, in, out */
    { 1, 1, 1 },   { 1, 33, 1 },  { 1, 1, 29 }, { 37, 1, 1 },  { 1, 64, 7 }, { 9, 1, 11 },
    { 17, 13, 5 }, { 5, 31, 19 }, { 64, 8, 3 }, { 3, 2, 65 }, { 7, 5, 1 },  { 1, 3, 2 },
    { 11, 1, 3 },  { 2, 127, 9 },
};

/* The products' scratch for one layer, as a workspace would hold it, on
 * two threads (one, in a build without OpenMP). */
static dense_scratch scratch(int n, int in, int out)
{
    const mlp_kernels *k = mlp_kern();
    dense_scratch s = {0};
    s.threads = 2;
    s.pack_stride = (size_t)(n > out ? n : out) * k->nb;
    s.wt = nans(mlp_pack_t_size(k, out, in));
    s.pack = nans(2 * s.pack_stride);
    return s;
}

static void scratch_free(dense_scratch *s)
{
    free(s->wt);
    free(s->pack);
}

static void test_dense_forward(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 11);
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        int n = shapes[s][0], in = shapes[s][1], out = shapes[s][2];
        mlp_real *X = rnd(&r, (size_t)n * in), *W = rnd(&r, (size_t)out * in), *b = rnd(&r, (size_t)out);
        mlp_real *Z = nans((size_t)n * out);
        dense_scratch sc = scratch(n, in, out);
        dense_forward(Z, X, W, b, n, in, out, &sc);
        scratch_free(&sc);
        char what[96];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < out; j++) {
                double want = b[j], mag = fabs((double)b[j]);
                for (int k = 0; k < in; k++) {
                    want += (double)X[i * in + k] * W[j * in + k];
                    mag += fabs((double)X[i * in + k] * W[j * in + k]);
                }
                snprintf(what, sizeof what, "Z[%d][%d] of %dx%d -> %d", i, j, n, in, out);
                assert_sum_close(Z[i * out + j], want, mag, in + 1, what);
            }
        free(X); free(W); free(b); free(Z);
    }
}

static void test_dense_backward(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 12);
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        int n = shapes[s][0], in = shapes[s][1], out = shapes[s][2];
        mlp_real *X = rnd(&r, (size_t)n * in), *W = rnd(&r, (size_t)out * in), *G = rnd(&r, (size_t)n * out);
        /* Outputs start as NaN: they must be overwritten, never accumulated. */
        mlp_real *dX = nans((size_t)n * in), *dW = nans((size_t)out * in), *db = nans((size_t)out);
        {
            dense_scratch sc = scratch(n, in, out);
            dense_backward(dX, dW, db, G, X, W, n, in, out, &sc);
            scratch_free(&sc);
        }
        char what[96];
        for (int j = 0; j < out; j++)
            for (int k = 0; k < in; k++) {
                double want = 0, mag = 0;
                for (int i = 0; i < n; i++) {
                    want += (double)G[i * out + j] * X[i * in + k];
                    mag += fabs((double)G[i * out + j] * X[i * in + k]);
                }
                snprintf(what, sizeof what, "dW[%d][%d] of %dx%d -> %d", j, k, n, in, out);
                assert_sum_close(dW[j * in + k], want, mag, n, what);
            }
        for (int j = 0; j < out; j++) {
            double want = 0, mag = 0;
            for (int i = 0; i < n; i++) { want += G[i * out + j]; mag += fabs((double)G[i * out + j]); }
            snprintf(what, sizeof what, "db[%d] of %dx%d -> %d", j, n, in, out);
            assert_sum_close(db[j], want, mag, n, what);
        }
        for (int i = 0; i < n; i++)
            for (int k = 0; k < in; k++) {
                double want = 0, mag = 0;
                for (int j = 0; j < out; j++) {
                    want += (double)G[i * out + j] * W[j * in + k];
                    mag += fabs((double)G[i * out + j] * W[j * in + k]);
                }
                snprintf(what, sizeof what, "dX[%d][%d] of %dx%d -> %d", i, k, n, in, out);
                assert_sum_close(dX[i * in + k], want, mag, out, what);
            }

        /* dX = NULL skips the input gradient and gives the same dW and db. */
        mlp_real *dW2 = nans((size_t)out * in), *db2 = nans((size_t)out);
        {
            dense_scratch sc = scratch(n, in, out);
            dense_backward(NULL, dW2, db2, G, X, W, n, in, out, &sc);
            scratch_free(&sc);
        }
        assert_memory_equal(dW2, dW, (size_t)out * in * sizeof *dW);
        assert_memory_equal(db2, db, (size_t)out * sizeof *db);
        free(X); free(W); free(G); free(dX); free(dW); free(db); free(dW2); free(db2);
    }
}

/* A zero row of G must still give exact zeros (the kernels skip zeros). */
static void test_dense_zero_gradient(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 13);
    int n = 4, in = 5, out = 3;
    mlp_real *X = rnd(&r, 20), *W = rnd(&r, 15), G[12] = { 0 };
    mlp_real dX[20], dW[15], db[3];
    for (int i = 0; i < 20; i++) dX[i] = 7;
    for (int i = 0; i < 15; i++) dW[i] = 7;
    for (int i = 0; i < 3; i++) db[i] = 7;
    {
        dense_scratch sc = scratch(n, in, out);
        dense_backward(dX, dW, db, G, X, W, n, in, out, &sc);
        scratch_free(&sc);
    }
    for (int i = 0; i < 20; i++) assert_true(dX[i] == 0);
    for (int i = 0; i < 15; i++) assert_true(dW[i] == 0);
    for (int i = 0; i < 3; i++) assert_true(db[i] == 0);
    free(X); free(W);
}

/* ---- activations ---------------------------------------------------------- */

static double ref_f(mlp_act f, double z)
{
    switch (f) {
    case MLP_SIGMOID: return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
    case MLP_TANH: return tanh(z);
    case MLP_RELU: return z > 0 ? z : 0;
    case MLP_LEAKY_RELU: return z > 0 ? z : 0.01 * z;
    case MLP_IDENTITY: return z;
    case MLP_STEP: return z > 0 ? 1 : 0;
    default: fail(); return 0;
    }
}

/* f'(z) from z itself; at z = 0 the conventions of docs/MATH.md. */
static double ref_df(mlp_act f, double z)
{
    switch (f) {
    case MLP_SIGMOID: { double s = ref_f(f, z); return s * (1 - s); }
    case MLP_TANH: { double c = cosh(z); return 1 / (c * c); }
    case MLP_RELU: return z > 0 ? 1 : 0;
    case MLP_LEAKY_RELU: return z > 0 ? 1 : 0.01;
    case MLP_IDENTITY: return 1;
    case MLP_STEP: return 0;
    default: fail(); return 0;
    }
}

static const double zs[] = { 0, 1e-3, -1e-3, 0.5, -0.5, 1, -1, 2, -2, 3.7, -3.7, 6, -6, 9, -9, 20, -20 };
#define NZ (sizeof zs / sizeof *zs)

static void test_act_forward(void **state)
{
    (void)state;
    for (int f = 0; f < MLP_ACT_COUNT; f++) {
        mlp_real A[NZ];
        for (size_t i = 0; i < NZ; i++) A[i] = (mlp_real)zs[i];
        act_forward((mlp_act)f, A, NZ);
        for (size_t i = 0; i < NZ; i++) {
            double z = (mlp_real)zs[i], want = ref_f((mlp_act)f, z);
            char what[64];
            snprintf(what, sizeof what, "%s(%g)", mlp_act_name((mlp_act)f), z);
            if (want == 0) {
                if (A[i] != 0) fail_msg("%s: got %.17g, want 0", what, (double)A[i]);
            } else {
                assert_rel(A[i], want, 4 * U, what);
            }
        }
    }
}

static void test_act_specifics(void **state)
{
    (void)state;
    /* step(0) = 0, step of anything positive = 1 */
    mlp_real s[5] = { 0, (mlp_real)1e-30, -0.0, -1e-30, 5 };
    act_forward(MLP_STEP, s, 5);
    assert_true(s[0] == 0 && s[1] == 1 && s[2] == 0 && s[3] == 0 && s[4] == 1);
    /* leaky slope 0.01 */
    mlp_real l[3] = { -2, -100, 3 };
    act_forward(MLP_LEAKY_RELU, l, 3);
    assert_rel(l[0], -0.02, 4 * U, "leaky(-2)");
    assert_rel(l[1], -1.0, 4 * U, "leaky(-100)");
    assert_true(l[2] == 3);
    assert_true(MLP_LEAKY_SLOPE == 0.01);
    /* relu(0) = 0, relu(-0) is not negative */
    mlp_real r[2] = { 0, -0.0 };
    act_forward(MLP_RELU, r, 2);
    assert_true(r[0] == 0 && r[1] == 0);
    /* identity leaves values bit for bit */
    mlp_real id[3] = { (mlp_real)0.1, (mlp_real)-1e30, (mlp_real)3.25 }, keep[3];
    memcpy(keep, id, sizeof id);
    act_forward(MLP_IDENTITY, id, 3);
    assert_memory_equal(id, keep, sizeof id);
}

static void test_sigmoid_extremes(void **state)
{
    (void)state;
    const double z[] = { 50, -50, 1000, -1000, 88, -88, 745, -745 };
    mlp_real A[8], G[8];
    for (int i = 0; i < 8; i++) { A[i] = (mlp_real)z[i]; G[i] = 1; }
    act_forward(MLP_SIGMOID, A, 8);
    for (int i = 0; i < 8; i++) {
        char what[64];
        snprintf(what, sizeof what, "sigmoid(%g)", z[i]);
        assert_false(isnan(A[i]));
        assert_true(A[i] >= 0 && A[i] <= 1);
        double want = ref_f(MLP_SIGMOID, z[i]);
        if ((mlp_real)want == 0) assert_true(A[i] == 0);
        else assert_rel(A[i], want, 4 * U, what);
    }
    assert_true(A[2] == 1);
    assert_true(A[3] == 0);
    assert_rel(A[1], 1.9287498479639178e-22, 4 * U, "sigmoid(-50)");
    act_backward(MLP_SIGMOID, G, A, 8);
    for (int i = 0; i < 8; i++) {
        assert_false(isnan(G[i]));
        assert_true(G[i] >= 0 && G[i] <= 0.25);
    }
    assert_true(G[2] == 0 && G[3] == 0);
    /* tanh at the same extremes */
    for (int i = 0; i < 8; i++) { A[i] = (mlp_real)z[i]; G[i] = 1; }
    act_forward(MLP_TANH, A, 8);
    act_backward(MLP_TANH, G, A, 8);
    for (int i = 0; i < 8; i++) {
        assert_true(A[i] == (z[i] > 0 ? 1 : -1));
        assert_true(G[i] == 0);
    }
}

static void test_act_backward(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 14);
    for (int f = 0; f < MLP_ACT_COUNT; f++) {
        mlp_real A[NZ], G[NZ], G0[NZ];
        for (size_t i = 0; i < NZ; i++) {
            A[i] = (mlp_real)zs[i];
            G[i] = G0[i] = (mlp_real)(mlp_rng_normal(&r) * 3);
        }
        act_forward((mlp_act)f, A, NZ);
        act_backward((mlp_act)f, G, A, NZ);
        for (size_t i = 0; i < NZ; i++) {
            double z = (mlp_real)zs[i], want = G0[i] * ref_df((mlp_act)f, z);
            /* f' computed from the rounded output a: absolute error of a few
             * roundings of a (|a| <= 20 here) times |g|. */
            double tol = 8 * U * fabs((double)G0[i]) * (f == MLP_TANH || f == MLP_SIGMOID ? 1 : fabs(want) + 1);
            if (!(fabs(G[i] - want) <= tol))
                fail_msg("%s'(%g) * %g: got %.17g, want %.17g", mlp_act_name((mlp_act)f), z,
                         (double)G0[i], (double)G[i], want);
        }
    }
    /* at the kink: relu'(0) = 0, leaky'(0) = 0.01, step' = 0 everywhere */
    mlp_real a0[1] = { 0 }, g[1] = { 2 };
    act_backward(MLP_RELU, g, a0, 1);
    assert_true(g[0] == 0);
    g[0] = 2;
    act_backward(MLP_LEAKY_RELU, g, a0, 1);
    assert_rel(g[0], 0.02, 4 * U, "leaky'(0) * 2");
    mlp_real a1[2] = { 1, 0 }, g2[2] = { 3, 4 };
    act_backward(MLP_STEP, g2, a1, 2);
    assert_true(g2[0] == 0 && g2[1] == 0);
    mlp_real gi[2] = { 3, -4 }, ai[2] = { -5, 6 };
    act_backward(MLP_IDENTITY, gi, ai, 2);
    assert_true(gi[0] == 3 && gi[1] == -4);
}

/* ---- softmax cross-entropy ----------------------------------------------------- */

static void test_softmax_ce_extreme(void **state)
{
    (void)state;
    /* n = 2: the same logits with both labels */
    mlp_real Z[4] = { 1000, -1000, 1000, -1000 }, G[4];
    int32_t y[2] = { 0, 1 };
    double total = softmax_ce(Z, y, G, 2, 2);
    assert_true(total == 2000); /* 0 + 2000, exact */
    assert_true(Z[0] == 1 && Z[1] == 0 && Z[2] == 1 && Z[3] == 0);
    assert_true(G[0] == 0 && G[1] == 0);       /* (0, 0) / 2 */
    assert_true(G[2] == 0.5 && G[3] == -0.5);  /* (1, -1) / 2 */

    /* n = 1, each label alone */
    mlp_real Z1[2] = { 1000, -1000 }, G1[2];
    int32_t y0 = 0, y1 = 1;
    assert_true(softmax_ce(Z1, &y0, G1, 1, 2) == 0);
    assert_true(G1[0] == 0 && G1[1] == 0);
    Z1[0] = 1000; Z1[1] = -1000;
    assert_true(softmax_ce(Z1, &y1, G1, 1, 2) == 2000);
    assert_true(G1[0] == 1 && G1[1] == -1);
    /* the larger logit second */
    Z1[0] = -1000; Z1[1] = 1000;
    assert_true(softmax_ce(Z1, &y0, G1, 1, 2) == 2000);
    assert_true(Z1[0] == 0 && Z1[1] == 1);
    assert_true(G1[0] == -1 && G1[1] == 1);

    /* spreads of 1e4 over three classes */
    mlp_real Z3[9] = { 1e4, -1e4, 0, 0, 1e4, -1e4, -1e4, 0, 1e4 };
    int32_t y3[3] = { 2, 2, 1 };
    mlp_real G3[9];
    assert_true(softmax_ce(Z3, y3, G3, 3, 3) == 1e4 + 2e4 + 1e4);
    for (int i = 0; i < 3; i++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
            assert_true(Z3[i * 3 + j] >= 0 && Z3[i * 3 + j] <= 1);
            sum += Z3[i * 3 + j];
        }
        assert_true(sum == 1);
    }
    mlp_real third = (mlp_real)1 / 3;
    assert_true(G3[0] == third && G3[1] == 0 && G3[2] == -third);

    /* equal huge logits: probabilities 1/2, loss log 2 */
    mlp_real Ze[2] = { 1e4, 1e4 };
    assert_rel(softmax_ce(Ze, &y1, NULL, 1, 2), log(2.0), 4 * U, "loss of (1e4, 1e4)");
    assert_rel(Ze[0], 0.5, 4 * U, "p0 of (1e4, 1e4)");
    assert_rel(Ze[1], 0.5, 4 * U, "p1 of (1e4, 1e4)");

    /* close logits far from zero: (10000, 9999), label 1 -> log(1 + e^-1) + 1 */
    mlp_real Zc[2] = { 10000, 9999 };
    assert_rel(softmax_ce(Zc, &y1, NULL, 1, 2), log1p(exp(-1.0)) + 1, 4 * U, "loss of (1e4, 1e4 - 1)");
    assert_rel(Zc[0], 1 / (1 + exp(-1.0)), 4 * U, "p0 of (1e4, 1e4 - 1)");
}

static void test_softmax_ce_random(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 15);
    for (int trial = 0; trial < 40; trial++) {
        int n = 1 + (int)mlp_rng_below(&r, 6), k = 2 + (int)mlp_rng_below(&r, 9);
        double scale = trial < 20 ? 3 : 300;
        mlp_real *Z = malloc((size_t)n * k * sizeof *Z), *Z0 = malloc((size_t)n * k * sizeof *Z);
        mlp_real *G = nans((size_t)n * k);
        int32_t *y = malloc((size_t)n * sizeof *y);
        assert_true(Z && Z0 && y);
        for (int i = 0; i < n * k; i++) Z[i] = Z0[i] = (mlp_real)(scale * mlp_rng_normal(&r));
        for (int i = 0; i < n; i++) y[i] = (int32_t)mlp_rng_below(&r, (uint64_t)k);
        double total = softmax_ce(Z, y, G, n, k), want_total = 0;
        for (int i = 0; i < n; i++) {
            const mlp_real *z = Z0 + i * k;
            double m = z[0], s = 0, psum = 0;
            for (int j = 1; j < k; j++) m = fmax(m, z[j]);
            for (int j = 0; j < k; j++) s += exp((double)z[j] - m);
            double lse = m + log(s);
            want_total += lse - z[y[i]];
            for (int j = 0; j < k; j++) {
                double p = exp((double)z[j] - lse);
                psum += Z[i * k + j];
                assert_true(fabs(Z[i * k + j] - p) <= 4 * U);
                double g = (p - (j == y[i])) / n;
                assert_true(fabs(G[i * k + j] - g) <= 4 * U);
            }
            assert_true(fabs(psum - 1) <= k * 2 * U);
        }
        assert_true(isfinite(total));
        /* z - m is rounded once in mlp_real: an error of |z| u per row */
        assert_true(fabs(total - want_total) <= 4 * U * (n * scale * 10 + fabs(want_total)));
        free(Z); free(Z0); free(G); free(y);
    }
}

/* ---- mean squared error ---------------------------------------------------- */

static void test_mse_onehot(void **state)
{
    (void)state;
    /* by hand: n = 2, k = 3 */
    mlp_real Z[6] = { 1, 0, 0, 0.5, 2, -1 }, G[6];
    int32_t y[2] = { 0, 1 };
    /* row 0 is exact (0); row 1: (0.25 + 1 + 1) / 3 */
    double total = mse_onehot(Z, y, G, 2, 3);
    assert_rel(total, 2.25 / 3, 4 * U, "mse total");
    assert_rel(total / 2, 2.25 / 6, 4 * U, "mse mean over n*K elements");
    const double want_g[6] = { 0, 0, 0, 2 * 0.5 / 6, 2 * 1.0 / 6, 2 * -1.0 / 6 };
    for (int i = 0; i < 6; i++) {
        if (want_g[i] == 0) assert_true(G[i] == 0);
        else assert_rel(G[i], want_g[i], 4 * U, "mse gradient");
    }
    /* G may be NULL */
    assert_true(mse_onehot(Z, y, NULL, 2, 3) == total);

    mlp_rng r;
    mlp_rng_seed(&r, 16);
    for (int trial = 0; trial < 20; trial++) {
        int n = 1 + (int)mlp_rng_below(&r, 7), k = 1 + (int)mlp_rng_below(&r, 6);
        mlp_real *Zr = rnd(&r, (size_t)n * k), *Gr = nans((size_t)n * k);
        int32_t *yr = malloc((size_t)n * sizeof *yr);
        assert_non_null(yr);
        for (int i = 0; i < n; i++) yr[i] = (int32_t)mlp_rng_below(&r, (uint64_t)k);
        double got = mse_onehot(Zr, yr, Gr, n, k), sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) {
                double e = (double)Zr[i * k + j] - (j == yr[i]);
                sum += e * e;
                assert_true(fabs(Gr[i * k + j] - 2 * e / (n * k)) <= 4 * U * (fabs(2 * e / (n * k)) + 1e-30));
            }
        /* returned / n is the mean over all n*k elements */
        assert_true(fabs(got / n - sum / (n * k)) <= 4 * U * (sum / (n * k) + 1e-30));
        free(Zr); free(Gr); free(yr);
    }
}

/* ---- argmax ------------------------------------------------------------------ */

static void test_count_correct(void **state)
{
    (void)state;
    const mlp_real P[] = {
        0.3f, 0.3f, 0.4f,   /* max unique at 2 */
        0.5f, 0.5f, 0.0f,   /* tie 0/1: first wins */
        0.1f, 0.6f, 0.6f,   /* tie 1/2: 1 wins */
        0.2f, 0.2f, 0.2f,   /* all equal: 0 wins */
        0.7f, 0.2f, 0.1f,
    };
    int32_t right[5] = { 2, 0, 1, 0, 0 };
    int32_t wrong[5] = { 0, 1, 2, 2, 1 };
    assert_int_equal(count_correct(P, right, 5, 3), 5);
    assert_int_equal(count_correct(P, wrong, 5, 3), 0);
    int32_t mixed[5] = { 2, 1, 1, 2, 0 };
    assert_int_equal(count_correct(P, mixed, 5, 3), 3);
    /* negative values (MSE outputs) and a single row */
    const mlp_real Q[] = { -3, -1, -2 };
    int32_t one = 1, zero = 0;
    assert_int_equal(count_correct(Q, &one, 1, 3), 1);
    assert_int_equal(count_correct(Q, &zero, 1, 3), 0);
    /* one output: the argmax is always 0 */
    const mlp_real S[] = { -5, 7 };
    int32_t z2[2] = { 0, 0 };
    assert_int_equal(count_correct(S, z2, 2, 1), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dense_forward),
        cmocka_unit_test(test_dense_backward),
        cmocka_unit_test(test_dense_zero_gradient),
        cmocka_unit_test(test_act_forward),
        cmocka_unit_test(test_act_specifics),
        cmocka_unit_test(test_sigmoid_extremes),
        cmocka_unit_test(test_act_backward),
        cmocka_unit_test(test_softmax_ce_extreme),
        cmocka_unit_test(test_softmax_ce_random),
        cmocka_unit_test(test_mse_onehot),
        cmocka_unit_test(test_count_correct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

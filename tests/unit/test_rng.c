/* test_rng.c - the generator against an independent transcription of
 * docs/MATH.md section 16 (splitmix64 seeding, xoshiro256**), its
 * distributions, shuffling, and the weight initialisers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mlp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reference generator, written from the documentation -------------------- */

static uint64_t ref_splitmix(uint64_t *x)
{
    *x += 0x9e3779b97f4a7c15ULL;
    uint64_t z = *x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef struct { uint64_t s[4]; } ref_rng;

static void ref_seed(ref_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = ref_splitmix(&seed);
}

static uint64_t ref_next(ref_rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5;
    uint64_t result = ((x << 7) | (x >> 57)) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

static void test_reference_stream(void **state)
{
    (void)state;
    /* the first splitmix64 output for seed 0 is a published constant */
    mlp_rng r;
    mlp_rng_seed(&r, 0);
    assert_true(r.s[0] == 0xe220a8397b1dcdafULL);
    const uint64_t seeds[] = { 0, 1, 2, 42, 0xffffffffffffffffULL, 0x123456789abcdefULL };
    for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++) {
        ref_rng q;
        mlp_rng_seed(&r, seeds[k]);
        ref_seed(&q, seeds[k]);
        assert_memory_equal(r.s, q.s, sizeof q.s);
        assert_false(r.s[0] == 0 && r.s[1] == 0 && r.s[2] == 0 && r.s[3] == 0);
        for (int i = 0; i < 1000; i++) {
            uint64_t a = mlp_rng_next(&r), b = ref_next(&q);
            if (a != b) fail_msg("seed %llu draw %d: %llx != %llx", (unsigned long long)seeds[k], i,
                                 (unsigned long long)a, (unsigned long long)b);
        }
    }
    /* uniform is the top 53 bits of one output times 2^-53 */
    ref_rng q;
    mlp_rng_seed(&r, 7);
    ref_seed(&q, 7);
    for (int i = 0; i < 100; i++) assert_true(mlp_rng_uniform(&r) == (double)(ref_next(&q) >> 11) * 0x1.0p-53);
    /* normal consumes exactly two outputs: u1 = 1 - u, u2 = u */
    mlp_rng_seed(&r, 8);
    ref_seed(&q, 8);
    for (int i = 0; i < 100; i++) {
        double u1 = 1.0 - (double)(ref_next(&q) >> 11) * 0x1.0p-53;
        double u2 = (double)(ref_next(&q) >> 11) * 0x1.0p-53;
        double want = sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2);
        assert_true(fabs(mlp_rng_normal(&r) - want) <= 1e-15 * (1 + fabs(want)));
    }
    assert_memory_equal(r.s, q.s, sizeof q.s);
}

static void test_same_seed_same_stream(void **state)
{
    (void)state;
    mlp_rng a, b, c;
    mlp_rng_seed(&a, 12345);
    mlp_rng_seed(&b, 12345);
    mlp_rng_seed(&c, 12346);
    int same_ac = 0;
    for (int i = 0; i < 10000; i++) {
        uint64_t x = mlp_rng_next(&a), y = mlp_rng_next(&b), z = mlp_rng_next(&c);
        assert_true(x == y);
        same_ac += x == z;
    }
    assert_int_equal(same_ac, 0);
    /* seeds 0 and 1 differ from the first draw on */
    mlp_rng_seed(&a, 0);
    mlp_rng_seed(&b, 1);
    assert_true(mlp_rng_next(&a) != mlp_rng_next(&b));
    /* reseeding restarts the stream */
    mlp_rng_seed(&a, 99);
    uint64_t first = mlp_rng_next(&a);
    mlp_rng_next(&a);
    mlp_rng_seed(&a, 99);
    assert_true(mlp_rng_next(&a) == first);
}

static void test_uniform(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 3);
    const int n = 100000;
    double sum = 0, sq = 0, lo = 1, hi = 0;
    int bins[10] = { 0 };
    for (int i = 0; i < n; i++) {
        double u = mlp_rng_uniform(&r);
        assert_true(u >= 0 && u < 1);
        /* a multiple of 2^-53 */
        assert_true(ldexp(u, 53) == floor(ldexp(u, 53)));
        sum += u;
        sq += u * u;
        if (u < lo) lo = u;
        if (u > hi) hi = u;
        bins[(int)(u * 10)]++;
    }
    double mean = sum / n, var = sq / n - mean * mean;
    assert_true(fabs(mean - 0.5) < 0.01);
    assert_true(fabs(var - 1.0 / 12) < 0.005);
    assert_true(lo < 1e-3 && hi > 1 - 1e-3);
    for (int b = 0; b < 10; b++) assert_true(abs(bins[b] - n / 10) < 600); /* sd ~95 */
}

static void test_normal(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 4);
    const int n = 100000;
    double sum = 0, sq = 0, q4 = 0;
    int within1 = 0;
    for (int i = 0; i < n; i++) {
        double z = mlp_rng_normal(&r);
        assert_true(isfinite(z));
        sum += z;
        sq += z * z;
        q4 += z * z * z * z;
        within1 += fabs(z) < 1;
    }
    double mean = sum / n, sd = sqrt(sq / n - mean * mean);
    assert_true(fabs(mean) < 0.02);
    assert_true(fabs(sd - 1) < 0.02);
    assert_true(fabs(q4 / n - 3) < 0.15);                  /* kurtosis of a normal */
    assert_true(fabs((double)within1 / n - 0.6827) < 0.01); /* one-sigma mass */
}

static void test_below(void **state)
{
    (void)state;
    mlp_rng r;
    mlp_rng_seed(&r, 5);
    const uint64_t ns[] = { 1, 2, 3, 5, 7, 10, 17 };
    for (size_t k = 0; k < sizeof ns / sizeof *ns; k++) {
        uint64_t n = ns[k];
        int seen[17] = { 0 };
        const int draws = 20000;
        for (int i = 0; i < draws; i++) {
            uint64_t v = mlp_rng_below(&r, n);
            assert_true(v < n);
            seen[v]++;
        }
        for (uint64_t v = 0; v < n; v++) {
            assert_true(seen[v] > 0);
            /* roughly uniform: within 5 standard deviations */
            double e = (double)draws / n, sd = sqrt(e * (1 - 1.0 / n));
            assert_true(fabs(seen[v] - e) <= 5 * sd + 1e-9);
        }
    }
    /* large n: never reaches n, and the top half is reached */
    uint64_t big = (1ULL << 63) + 12345;
    int top = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t v = mlp_rng_below(&r, big);
        assert_true(v < big);
        top += v >= big / 2;
    }
    assert_true(top > 400 && top < 600);
    assert_true(mlp_rng_below(&r, UINT64_MAX) < UINT64_MAX);
}

static void test_shuffle(void **state)
{
    (void)state;
    enum { N = 100 };
    int32_t a[N], b[N], c[N];
    mlp_rng r1, r2, r3;
    mlp_rng_seed(&r1, 6);
    mlp_rng_seed(&r2, 6);
    mlp_rng_seed(&r3, 7);
    for (int i = 0; i < N; i++) a[i] = b[i] = c[i] = i;
    mlp_rng_shuffle(&r1, a, N);
    mlp_rng_shuffle(&r2, b, N);
    mlp_rng_shuffle(&r3, c, N);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_not_equal(a, c, sizeof a);
    int seen[N] = { 0 }, fixed = 0;
    for (int i = 0; i < N; i++) {
        assert_true(a[i] >= 0 && a[i] < N);
        seen[a[i]]++;
        fixed += a[i] == i;
    }
    for (int i = 0; i < N; i++) assert_int_equal(seen[i], 1);
    assert_true(fixed < 10); /* about 1 expected */
    /* the values are moved, not renumbered */
    int32_t v[5] = { 50, -3, 7, 7, 1000 }, sorted[5] = { -3, 7, 7, 50, 1000 };
    mlp_rng_shuffle(&r1, v, 5);
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++)
            if (v[j] < v[i]) { int32_t t = v[i]; v[i] = v[j]; v[j] = t; }
    assert_memory_equal(v, sorted, sizeof v);
    /* 0 and 1 elements are fine and draw nothing */
    mlp_rng before = r1;
    int32_t one = 42;
    mlp_rng_shuffle(&r1, &one, 1);
    mlp_rng_shuffle(&r1, NULL, 0);
    assert_int_equal(one, 42);
    assert_memory_equal(&before, &r1, sizeof r1);
    /* all 6 orders of 3 elements occur, about equally often */
    int count[6] = { 0 };
    for (int t = 0; t < 6000; t++) {
        int32_t p[3] = { 0, 1, 2 };
        mlp_rng_shuffle(&r1, p, 3);
        count[p[0] * 2 + (p[1] > p[2])]++;
    }
    for (int i = 0; i < 6; i++) assert_true(count[i] > 850 && count[i] < 1150);
}

/* ---- initialisers ------------------------------------------------------------- */

static void test_init_parse(void **state)
{
    (void)state;
    const struct { const char *spec; mlp_init_kind kind; double arg; } good[] = {
        { "zeros", MLP_INIT_ZEROS, 0 },        { "normal:0.01", MLP_INIT_NORMAL, 0.01 },
        { "normal:0", MLP_INIT_NORMAL, 0 },    { "normal:2.5", MLP_INIT_NORMAL, 2.5 },
        { "uniform:0.5", MLP_INIT_UNIFORM, 0.5 }, { "uniform:1e-2", MLP_INIT_UNIFORM, 0.01 },
        { "xavier", MLP_INIT_XAVIER, 0 },      { "xavier-uniform", MLP_INIT_XAVIER_UNIFORM, 0 },
        { "he", MLP_INIT_HE, 0 },              { "lecun", MLP_INIT_LECUN, 0 },
        { "maxfan", MLP_INIT_MAXFAN, 0 },      { "pytorch", MLP_INIT_PYTORCH, 0 },
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        mlp_init in = { MLP_INIT_PYTORCH, -7 };
        if (mlp_init_parse(good[i].spec, &in) != MLP_OK) fail_msg("'%s' refused: %s", good[i].spec, mlp_errmsg());
        assert_int_equal(in.kind, good[i].kind);
        assert_true(in.arg == good[i].arg);
        /* the canonical spelling parses back to the same thing */
        char buf[64];
        mlp_init_format(in, buf, sizeof buf);
        mlp_init back;
        assert_int_equal(mlp_init_parse(buf, &back), MLP_OK);
        assert_int_equal(back.kind, in.kind);
        assert_true(back.arg == in.arg);
    }
    char buf[64];
    mlp_init_format((mlp_init){ MLP_INIT_XAVIER_UNIFORM, 0 }, buf, sizeof buf);
    assert_string_equal(buf, "xavier-uniform");
    mlp_init_format((mlp_init){ MLP_INIT_NORMAL, 0.25 }, buf, sizeof buf);
    assert_string_equal(buf, "normal:0.25");

    const char *bad[] = { "normal", "normal:-1", "normal:abc", "xavier:3", "bogus", "", "normal:",
                          "uniform", "uniform:-0.5", "normal:1x", "normal:nan", "normal:inf",
                          "he:", "Xavier", "zeros:0", "xavier-", "xavieruniform", "pytorch:1" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mlp_init in;
        mlp_status s = mlp_init_parse(bad[i], &in);
        if (s != MLP_EUSAGE) fail_msg("'%s' gave status %d, want MLP_EUSAGE", bad[i], (int)s);
        assert_true(strlen(mlp_errmsg()) > 0);
        assert_non_null(strstr(mlp_errmsg(), "initialiser"));
    }
}

/* A 400 x 300 layer (out x in) per kind: the empirical std of the weights
 * within 3% of the formula, the mean near 0, uniform bounds respected. */
static void test_init_stats(void **state)
{
    (void)state;
    const int in = 300, out = 400;
    const struct { const char *spec; double sd; double bound; } kinds[] = {
        { "normal:0.05", 0.05, 0 },
        { "uniform:0.3", 0.3 / sqrt(3.0), 0.3 },
        { "xavier", sqrt(2.0 / (in + out)), 0 },
        { "xavier-uniform", sqrt(2.0 / (in + out)), sqrt(6.0 / (in + out)) },
        { "he", sqrt(2.0 / in), 0 },
        { "lecun", sqrt(1.0 / in), 0 },
        { "maxfan", sqrt(1.0 / out), 0 },
        { "pytorch", 1 / sqrt(3.0 * in), 1 / sqrt((double)in) },
    };
    int sizes[] = { in, out };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 1, sizes, NULL, MLP_MSE), MLP_OK);
    mlp_init zeros = { MLP_INIT_ZEROS, 0 };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        mlp_init w;
        assert_int_equal(mlp_init_parse(kinds[k].spec, &w), MLP_OK);
        mlp_rng r;
        mlp_rng_seed(&r, 100 + k);
        mlp_real *p = mlp_params(net);
        for (size_t i = 0; i < mlp_param_count(net); i++) p[i] = 9; /* must all be overwritten */
        assert_int_equal(mlp_init_params(net, w, zeros, &r), MLP_OK);
        const mlp_real *W = p + mlp_weight_offset(net, 0), *b = p + mlp_bias_offset(net, 0);
        size_t n = (size_t)in * out;
        double sum = 0, sq = 0, mx = 0;
        for (size_t i = 0; i < n; i++) {
            sum += W[i];
            sq += (double)W[i] * W[i];
            if (fabs((double)W[i]) > mx) mx = fabs((double)W[i]);
        }
        double mean = sum / n, sd = sqrt(sq / n - mean * mean);
        if (fabs(sd / kinds[k].sd - 1) > 0.03)
            fail_msg("%s: std %.6g, want %.6g", kinds[k].spec, sd, kinds[k].sd);
        assert_true(fabs(mean) < 0.02 * kinds[k].sd);
        if (kinds[k].bound > 0) {
            assert_true(mx <= kinds[k].bound * (1 + 1e-6));
            assert_true(mx > kinds[k].bound * 0.999);
        } else {
            assert_true(mx > 3 * kinds[k].sd); /* normal tails */
        }
        for (int j = 0; j < out; j++) assert_true(b[j] == 0);
    }
    mlp_free(net);
}

static void test_init_layers_and_biases(void **state)
{
    (void)state;
    /* fans are each layer's own; biases get their own kind */
    int sizes[] = { 200, 800, 50 };
    mlp_act acts[] = { MLP_RELU };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 2, sizes, acts, MLP_CE), MLP_OK);
    mlp_init he, bias;
    assert_int_equal(mlp_init_parse("he", &he), MLP_OK);
    assert_int_equal(mlp_init_parse("uniform:0.1", &bias), MLP_OK);
    mlp_rng r;
    mlp_rng_seed(&r, 200);
    assert_int_equal(mlp_init_params(net, he, bias, &r), MLP_OK);
    const mlp_real *p = mlp_params_const(net);
    for (int l = 0; l < 2; l++) {
        size_t n = (size_t)sizes[l] * sizes[l + 1];
        const mlp_real *W = p + mlp_weight_offset(net, l);
        double sq = 0;
        for (size_t i = 0; i < n; i++) sq += (double)W[i] * W[i];
        assert_true(fabs(sqrt(sq / n) / sqrt(2.0 / sizes[l]) - 1) < 0.03);
        const mlp_real *b = p + mlp_bias_offset(net, l);
        double bmx = 0;
        for (int j = 0; j < sizes[l + 1]; j++) bmx = fmax(bmx, fabs((double)b[j]));
        assert_true(bmx <= 0.1 && bmx > 0.05);
    }
    /* the same seed gives the same parameters, another seed others */
    size_t np = mlp_param_count(net);
    mlp_real *keep = malloc(np * sizeof *keep);
    assert_non_null(keep);
    memcpy(keep, p, np * sizeof *keep);
    mlp_rng_seed(&r, 200);
    assert_int_equal(mlp_init_params(net, he, bias, &r), MLP_OK);
    assert_memory_equal(keep, p, np * sizeof *keep);
    mlp_rng_seed(&r, 201);
    assert_int_equal(mlp_init_params(net, he, bias, &r), MLP_OK);
    assert_memory_not_equal(keep, p, np * sizeof *keep);
    /* zeros everywhere */
    mlp_init z = { MLP_INIT_ZEROS, 0 };
    assert_int_equal(mlp_init_params(net, z, z, &r), MLP_OK);
    for (size_t i = 0; i < np; i++) assert_true(p[i] == 0);
    free(keep);
    mlp_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_stream),
        cmocka_unit_test(test_same_seed_same_stream),
        cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_normal),
        cmocka_unit_test(test_below),
        cmocka_unit_test(test_shuffle),
        cmocka_unit_test(test_init_parse),
        cmocka_unit_test(test_init_stats),
        cmocka_unit_test(test_init_layers_and_biases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_optim.c - each optimiser's first two steps against the formulas of
 * torch.optim, computed here by hand in double; schedules at chosen steps;
 * L2 on weights only; dropout in training and not in evaluation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "optim.h"

/* A 1-2 network with no hidden layer: W (2x1) and b (2): 4 parameters. */
static mlp_net *tiny(void)
{
    mlp_net *net;
    int sizes[] = {1, 2};
    assert_int_equal(mlp_new(&net, 1, sizes, NULL, MLP_CE), MLP_OK);
    mlp_real p0[4] = {0.5f, -1.0f, 0.25f, 2.0f};
    memcpy(mlp_params(net), p0, sizeof p0);
    return net;
}

static const double P0[4] = {0.5, -1.0, 0.25, 2.0};
static const double G1[4] = {0.1, -0.2, 0.3, -0.4};
static const double G2[4] = {-0.05, 0.15, 0.25, 0.5};

/* The tiny net, and st set up for it from the default options with
 * optimiser kind. */
static mlp_net *tiny_with(mlp_opt kind, optim *st)
{
    mlp_net *net = tiny();
    mlp_train_opts o;
    mlp_train_defaults(&o);
    o.opt = kind;
    assert_int_equal(optim_init(st, &o, net), MLP_OK);
    return net;
}

/* Runs two steps of opt with lr and returns the parameters. */
static void two_steps(mlp_opt kind, double lr, double out[4])
{
    optim st;
    mlp_net *net = tiny_with(kind, &st);
    const double *gs[2] = {G1, G2};
    for (int t = 0; t < 2; t++) {
        mlp_real g[4];
        for (int i = 0; i < 4; i++) g[i] = (mlp_real)gs[t][i];
        optim_step(&st, net, g, lr);
    }
    for (int i = 0; i < 4; i++) out[i] = mlp_params(net)[i];
    optim_free(&st);
    mlp_free(net);
}

static void near(const double got[4], const double want[4])
{
    for (int i = 0; i < 4; i++) {
        if (fabs(got[i] - want[i]) > 1e-6) fail_msg("parameter %d: got %.9g, want %.9g", i, got[i], want[i]);
    }
}

static void test_sgd(void **state)
{
    (void)state;
    double got[4], want[4];
    two_steps(MLP_SGD, 0.1, got);
    for (int i = 0; i < 4; i++) want[i] = P0[i] - 0.1 * G1[i] - 0.1 * G2[i];
    near(got, want);
}

static void test_momentum_and_nesterov(void **state)
{
    (void)state;
    double got[4], want[4], mu = 0.9, lr = 0.1;
    two_steps(MLP_MOMENTUM, lr, got);
    for (int i = 0; i < 4; i++) {
        double b1 = G1[i], b2 = mu * b1 + G2[i];
        want[i] = P0[i] - lr * b1 - lr * b2;
    }
    near(got, want);
    two_steps(MLP_NESTEROV, lr, got);
    for (int i = 0; i < 4; i++) {
        double b1 = G1[i], b2 = mu * b1 + G2[i];
        want[i] = P0[i] - lr * (G1[i] + mu * b1) - lr * (G2[i] + mu * b2);
    }
    near(got, want);
}

static void test_adagrad(void **state)
{
    (void)state;
    double got[4], want[4], lr = 0.1, eps = 1e-10;
    two_steps(MLP_ADAGRAD, lr, got);
    for (int i = 0; i < 4; i++) {
        double s1 = G1[i] * G1[i], s2 = s1 + G2[i] * G2[i];
        want[i] = P0[i] - lr * G1[i] / (sqrt(s1) + eps) - lr * G2[i] / (sqrt(s2) + eps);
    }
    near(got, want);
}

static void test_rmsprop(void **state)
{
    (void)state;
    double got[4], want[4], lr = 0.01, a = 0.99, eps = 1e-8;
    two_steps(MLP_RMSPROP, lr, got);
    for (int i = 0; i < 4; i++) {
        double v1 = (1 - a) * G1[i] * G1[i], v2 = a * v1 + (1 - a) * G2[i] * G2[i];
        want[i] = P0[i] - lr * G1[i] / (sqrt(v1) + eps) - lr * G2[i] / (sqrt(v2) + eps);
    }
    near(got, want);
}

static void test_adam(void **state)
{
    (void)state;
    double got[4], want[4], lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    two_steps(MLP_ADAM, lr, got);
    for (int i = 0; i < 4; i++) {
        double p = P0[i], m = 0, v = 0;
        const double *gs[2] = {G1, G2};
        for (int t = 1; t <= 2; t++) {
            double g = gs[t - 1][i];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mh = m / (1 - pow(b1, t)), vh = v / (1 - pow(b2, t));
            p -= lr * mh / (sqrt(vh) + eps);
        }
        want[i] = p;
    }
    near(got, want);
    /* Adam's first step moves every parameter by lr against the sign of g,
     * whatever the size of g (m_hat / sqrt(v_hat) = g / |g|). */
    optim st;
    mlp_net *net = tiny_with(MLP_ADAM, &st);
    mlp_real g[4];
    for (int i = 0; i < 4; i++) g[i] = (mlp_real)G1[i];
    optim_step(&st, net, g, lr);
    for (int i = 0; i < 4; i++)
        assert_true(fabs(mlp_params(net)[i] - (P0[i] - lr * (G1[i] > 0 ? 1 : -1))) < 1e-7);
    optim_free(&st);
    mlp_free(net);
}

static void test_l2_on_weights_only(void **state)
{
    (void)state;
    mlp_net *net = tiny();
    mlp_train_opts o;
    mlp_train_defaults(&o);
    o.l2 = 0.5;
    optim st;
    assert_int_equal(optim_init(&st, &o, net), MLP_OK);
    mlp_real g[4] = {0, 0, 0, 0};
    optim_step(&st, net, g, 0.1);
    const mlp_real *p = mlp_params(net);
    assert_true(fabs(p[0] - 0.5 * (1 - 0.05)) < 1e-7);  /* W shrinks */
    assert_true(fabs(p[1] + 1.0 * (1 - 0.05)) < 1e-7);
    assert_true(p[2] == (mlp_real)0.25 && p[3] == 2);  /* b does not */
    optim_free(&st);
    mlp_free(net);
}

static void test_schedules(void **state)
{
    (void)state;
    mlp_schedule s;
    assert_int_equal(mlp_schedule_parse("const", &s), MLP_OK);
    assert_true(mlp_schedule_lr(&s, 0.3, 1000, 7, 10) == 0.3);
    /* Seed 001's rule: lr_it = (1 - it/tau) lr0 + (it/tau) lr_tau, then held. */
    assert_int_equal(mlp_schedule_parse("linear:395:0.001", &s), MLP_OK);
    assert_true(fabs(mlp_schedule_lr(&s, 0.1, 0, 0, 5) - 0.1) < 1e-15);
    assert_true(fabs(mlp_schedule_lr(&s, 0.1, 100, 0, 5) - ((1 - 100 / 395.0) * 0.1 + 100 / 395.0 * 0.001)) < 1e-15);
    assert_true(mlp_schedule_lr(&s, 0.1, 395, 0, 5) == 0.001);
    assert_true(mlp_schedule_lr(&s, 0.1, 5000, 3, 5) == 0.001);
    assert_int_equal(mlp_schedule_parse("step:3:0.5", &s), MLP_OK);
    assert_true(mlp_schedule_lr(&s, 0.2, 0, 2, 10) == 0.2);
    assert_true(mlp_schedule_lr(&s, 0.2, 0, 3, 10) == 0.1);
    assert_true(mlp_schedule_lr(&s, 0.2, 0, 7, 10) == 0.05);
    assert_int_equal(mlp_schedule_parse("exp:0.9", &s), MLP_OK);
    assert_true(fabs(mlp_schedule_lr(&s, 1, 0, 2, 10) - 0.81) < 1e-15);
    assert_int_equal(mlp_schedule_parse("cosine", &s), MLP_OK);
    assert_true(fabs(mlp_schedule_lr(&s, 1, 0, 0, 10) - 1) < 1e-15);
    assert_true(fabs(mlp_schedule_lr(&s, 1, 0, 5, 10) - 0.5) < 1e-15);
    assert_int_equal(mlp_schedule_parse("cosine:4", &s), MLP_OK);
    assert_true(fabs(mlp_schedule_lr(&s, 1, 0, 4, 10)) < 1e-15);
    assert_true(fabs(mlp_schedule_lr(&s, 1, 0, 9, 10)) < 1e-15);
    const char *bad[] = {"linear", "linear:0:0.1", "linear:10", "step:0:0.5", "step:2", "exp", "exp:0",
                         "cosine:0", "cosine:x", "warm", "const:1", "linear:10:0.1:3", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (mlp_schedule_parse(bad[i], &s) != MLP_EUSAGE) fail_msg("schedule '%s' was accepted", bad[i]);
    mlp_opt k;
    assert_int_equal(mlp_opt_parse("adam", &k), MLP_OK);
    assert_int_equal(k, MLP_ADAM);
    assert_int_equal(mlp_opt_parse("adamw", &k), MLP_EUSAGE);
}

/* Dropout acts in training passes (gradients differ between two draws of the
 * mask) and never in evaluation (outputs equal those without dropout). */
static void test_dropout_train_only(void **state)
{
    (void)state;
    mlp_net *net;
    int sizes[] = {3, 16, 2};
    mlp_act acts[] = {MLP_TANH};
    assert_int_equal(mlp_new(&net, 2, sizes, acts, MLP_CE), MLP_OK);
    mlp_rng rng;
    mlp_rng_seed(&rng, 4);
    mlp_init xav = {MLP_INIT_XAVIER, 0}, nb = {MLP_INIT_NORMAL, 0.1};
    mlp_init_params(net, xav, nb, &rng);
    mlp_work *w;
    assert_int_equal(mlp_work_new(&w, net, 4), MLP_OK);
    mlp_real x[12], g1[64 + 16 + 32 + 2], g2[64 + 16 + 32 + 2], g0[64 + 16 + 32 + 2];
    int32_t y[4] = {0, 1, 1, 0};
    for (int i = 0; i < 12; i++) x[i] = (mlp_real)mlp_rng_normal(&rng);
    double l0, l1, l2, le;
    assert_int_equal(mlp_backward(net, w, x, y, 4, &l0, g0, NULL), MLP_OK);
    assert_int_equal(work_dropout(w, net, 0.5, &rng), MLP_OK);
    assert_int_equal(mlp_backward(net, w, x, y, 4, &l1, g1, NULL), MLP_OK);
    assert_int_equal(mlp_backward(net, w, x, y, 4, &l2, g2, NULL), MLP_OK);
    assert_true(memcmp(g1, g2, sizeof g1) != 0);
    assert_true(memcmp(g0, g1, sizeof g1) != 0);
    /* A pass without gradients is evaluation: no dropout. */
    assert_int_equal(mlp_backward(net, w, x, y, 4, &le, NULL, NULL), MLP_OK);
    assert_true(le == l0);
    assert_int_equal(work_dropout(w, net, 1.0, &rng), MLP_EUSAGE);
    mlp_work_free(w);
    mlp_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sgd),
        cmocka_unit_test(test_momentum_and_nesterov),
        cmocka_unit_test(test_adagrad),
        cmocka_unit_test(test_rmsprop),
        cmocka_unit_test(test_adam),
        cmocka_unit_test(test_l2_on_weights_only),
        cmocka_unit_test(test_schedules),
        cmocka_unit_test(test_dropout_train_only),
    };
    return cmocka_run_group_tests_name("optim", tests, NULL, NULL);
}

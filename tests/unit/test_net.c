/* test_net.c - building networks, the parameter layout, the E0a worked
 * example (docs/MATH.md section 7) through mlp_backward, gradient checks
 * over activations x losses x depths, clone, run and label checks. */
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

/* mlp_errmsg() is per thread and sticky: clear it between checks by
 * provoking a known, different failure. */
static void reset_errmsg(void)
{
    mlp_act a;
    assert_int_equal(mlp_act_parse("#reset#", &a), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "#reset#"));
}

static void expect_new_fails(int n_layers, const int *sizes, const mlp_act *acts, mlp_loss loss,
                             const char *needle)
{
    reset_errmsg();
    mlp_net *net = (mlp_net *)1;
    mlp_status s = mlp_new(&net, n_layers, sizes, acts, loss);
    if (s != MLP_EUSAGE || !strstr(mlp_errmsg(), needle))
        print_error("status %d, message: %s (want '%s')\n", (int)s, mlp_errmsg(), needle);
    assert_int_equal(s, MLP_EUSAGE);
    assert_null(net);
    assert_true(strlen(mlp_errmsg()) > 0);
    assert_null(strstr(mlp_errmsg(), "#reset#"));
    assert_non_null(strstr(mlp_errmsg(), needle));
}

static void test_new_validation(void **state)
{
    (void)state;
    int s232[] = { 2, 3, 2 };
    mlp_act sig[] = { MLP_SIGMOID, MLP_SIGMOID };
    expect_new_fails(0, s232, sig, MLP_CE, "layers");
    expect_new_fails(-1, s232, sig, MLP_CE, "layers");
    int many[40];
    mlp_act many_acts[40];
    for (int i = 0; i < 40; i++) { many[i] = 2; many_acts[i] = MLP_RELU; }
    expect_new_fails(33, many, many_acts, MLP_CE, "layers");
    int w0[] = { 2, 0, 2 }, wneg[] = { 2, 3, -4 }, in0[] = { 0, 3, 2 };
    expect_new_fails(2, w0, sig, MLP_CE, "width");
    expect_new_fails(2, wneg, sig, MLP_MSE, "width");
    expect_new_fails(2, in0, sig, MLP_CE, "width");
    int huge[] = { 2, (1 << 24) + 1, 2 };
    expect_new_fails(2, huge, sig, MLP_CE, "width");
    int one_out[] = { 2, 3, 1 };
    expect_new_fails(2, one_out, sig, MLP_CE, "cross-entropy");
    mlp_act bad[] = { (mlp_act)MLP_ACT_COUNT }, worse[] = { (mlp_act)-1 };
    expect_new_fails(2, s232, bad, MLP_CE, "activation");
    expect_new_fails(2, s232, worse, MLP_CE, "activation");
    mlp_act good_then_bad[] = { MLP_TANH, (mlp_act)99 };
    int s4[] = { 2, 3, 3, 2 };
    expect_new_fails(3, s4, good_then_bad, MLP_CE, "activation");
    expect_new_fails(2, s232, sig, (mlp_loss)7, "loss");

    /* what is allowed: MSE with one output, one layer (no acts), step, 32 layers */
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 2, one_out, sig, MLP_MSE), MLP_OK);
    mlp_free(net);
    assert_int_equal(mlp_new(&net, 1, s232, NULL, MLP_CE), MLP_OK);
    assert_int_equal(mlp_layers(net), 1);
    mlp_free(net);
    mlp_act step[] = { MLP_STEP };
    assert_int_equal(mlp_new(&net, 2, s232, step, MLP_MSE), MLP_OK);
    assert_int_equal(mlp_activation(net, 0), MLP_STEP);
    mlp_free(net);
    assert_int_equal(mlp_new(&net, 32, many, many_acts, MLP_CE), MLP_OK);
    assert_int_equal(mlp_param_count(net), 32 * (2 * 2 + 2));
    mlp_free(net);
    mlp_free(NULL);
}

static void test_names(void **state)
{
    (void)state;
    for (int a = 0; a < MLP_ACT_COUNT; a++) {
        mlp_act back;
        assert_int_equal(mlp_act_parse(mlp_act_name((mlp_act)a), &back), MLP_OK);
        assert_int_equal(back, a);
    }
    mlp_act a;
    assert_int_equal(mlp_act_parse("leaky-relu", &a), MLP_OK);
    assert_int_equal(a, MLP_LEAKY_RELU);
    assert_int_equal(mlp_act_parse("softmax", &a), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "softmax"));
    assert_int_equal(mlp_act_parse("", &a), MLP_EUSAGE);
    mlp_loss l;
    assert_int_equal(mlp_loss_parse(mlp_loss_name(MLP_CE), &l), MLP_OK);
    assert_int_equal(l, MLP_CE);
    assert_int_equal(mlp_loss_parse(mlp_loss_name(MLP_MSE), &l), MLP_OK);
    assert_int_equal(l, MLP_MSE);
    assert_int_equal(mlp_loss_parse("hinge", &l), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "hinge"));
}

static void test_layout(void **state)
{
    (void)state;
    int sizes[] = { 3, 5, 4, 2 };
    mlp_act acts[] = { MLP_TANH, MLP_RELU };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 3, sizes, acts, MLP_CE), MLP_OK);
    assert_int_equal(mlp_layers(net), 3);
    for (int i = 0; i <= 3; i++) assert_int_equal(mlp_width(net, i), sizes[i]);
    assert_int_equal(mlp_width(net, 4), 0);
    assert_int_equal(mlp_width(net, -1), 0);
    assert_int_equal(mlp_activation(net, 0), MLP_TANH);
    assert_int_equal(mlp_activation(net, 1), MLP_RELU);
    assert_int_equal(mlp_loss_kind(net), MLP_CE);
    /* W1 (5x3), b1 (5), W2 (4x5), b2 (4), W3 (2x4), b3 (2), back to back */
    const size_t w[] = { 0, 20, 44 }, b[] = { 15, 40, 52 };
    for (int l = 0; l < 3; l++) {
        assert_int_equal(mlp_weight_offset(net, l), w[l]);
        assert_int_equal(mlp_bias_offset(net, l), b[l]);
        assert_int_equal(mlp_bias_offset(net, l) - mlp_weight_offset(net, l), (size_t)sizes[l] * sizes[l + 1]);
        if (l < 2) assert_int_equal(mlp_weight_offset(net, l + 1) - mlp_bias_offset(net, l), (size_t)sizes[l + 1]);
    }
    assert_int_equal(mlp_param_count(net), 54);
    assert_ptr_equal(mlp_params(net), mlp_params_const(net));
    /* parameters start at zero */
    const mlp_real *p = mlp_params_const(net);
    for (size_t i = 0; i < 54; i++) assert_true(p[i] == 0);
    mlp_free(net);
}

/* ---- E0a ------------------------------------------------------------------- */

static mlp_net *e0a_net(void)
{
    int sizes[] = { 2, 3, 2 };
    mlp_act acts[] = { MLP_SIGMOID };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 2, sizes, acts, MLP_CE), MLP_OK);
    mlp_real *p = mlp_params(net);
    const mlp_real W1[6] = { 1, -1, 1, -1, 1, -1 }, W2[6] = { 1, -1, -1, 1, -1, -1 };
    memcpy(p + mlp_weight_offset(net, 0), W1, sizeof W1);
    memcpy(p + mlp_weight_offset(net, 1), W2, sizeof W2);
    return net; /* biases stay 0 */
}

static void assert_near(double got, double want, double tol, const char *what)
{
    if (!(fabs(got - want) <= tol)) fail_msg("%s: got %.9f, want %.9f", what, got, want);
}

static void test_e0a(void **state)
{
    (void)state;
    mlp_net *net = e0a_net();
    mlp_work *w;
    assert_int_equal(mlp_work_new(&w, net, 1), MLP_OK);
    const mlp_real x[2] = { 1, -1 };
    const int32_t y = 0;

    const mlp_real *p = mlp_forward(net, w, x, 1);
    assert_non_null(p);
    assert_near(p[0], 0.5, 1e-6, "p0");
    assert_near(p[1], 0.5, 1e-6, "p1");

    size_t np = mlp_param_count(net);
    assert_int_equal(np, 6 + 3 + 6 + 2);
    mlp_real *g = malloc(np * sizeof *g);
    assert_non_null(g);
    for (size_t i = 0; i < np; i++) g[i] = (mlp_real)NAN;
    double loss = -1;
    int correct = -1;
    assert_int_equal(mlp_backward(net, w, x, &y, 1, &loss, g, &correct), MLP_OK);
    assert_near(loss, 0.693147, 1e-6, "loss");
    assert_near(loss, log(2.0), 1e-6, "loss = log 2");
    assert_int_equal(correct, 1); /* tie (0.5, 0.5): the first maximum, class 0 */

    const mlp_real *dW1 = g + mlp_weight_offset(net, 0), *db1 = g + mlp_bias_offset(net, 0);
    const mlp_real *dW2 = g + mlp_weight_offset(net, 1), *db2 = g + mlp_bias_offset(net, 1);
    for (int i = 0; i < 6; i++) assert_near(dW1[i], 0, 1e-6, "dW1");
    for (int i = 0; i < 3; i++) assert_near(db1[i], 0, 1e-6, "db1");
    for (int j = 0; j < 3; j++) {
        assert_near(dW2[j], -0.440399, 1e-6, "dW2 row 0");
        assert_near(dW2[3 + j], 0.440399, 1e-6, "dW2 row 1");
    }
    assert_near(db2[0], -0.5, 1e-6, "db2[0]");
    assert_near(db2[1], 0.5, 1e-6, "db2[1]");

    /* label 1 is symmetric: the same loss, the signs of dW2 and db2 flip */
    const int32_t y1 = 1;
    assert_int_equal(mlp_backward(net, w, x, &y1, 1, &loss, g, &correct), MLP_OK);
    assert_near(loss, log(2.0), 1e-6, "loss, label 1");
    assert_int_equal(correct, 0);
    for (int j = 0; j < 3; j++) assert_near(dW2[j], 0.440399, 1e-6, "dW2 row 0, label 1");
    assert_near(db2[0], 0.5, 1e-6, "db2[0], label 1");

    /* grad NULL: loss only */
    loss = -1;
    assert_int_equal(mlp_backward(net, w, x, &y, 1, &loss, NULL, NULL), MLP_OK);
    assert_near(loss, log(2.0), 1e-6, "loss without gradient");
    free(g);
    mlp_work_free(w);
    mlp_free(net);
}

/* ---- gradient checks ---------------------------------------------------------- */

static void test_gradcheck_matrix(void **state)
{
    (void)state;
    const mlp_act acts[] = { MLP_SIGMOID, MLP_TANH, MLP_RELU, MLP_LEAKY_RELU, MLP_IDENTITY };
    const mlp_loss losses[] = { MLP_CE, MLP_MSE };
    const double limit = mlp_is_double() ? 1e-7 : 2e-2;
    mlp_init wi, bi;
    assert_int_equal(mlp_init_parse("xavier", &wi), MLP_OK);
    assert_int_equal(mlp_init_parse("normal:0.1", &bi), MLP_OK);
    enum { N = 5, D = 4, K = 3 };
    int checks = 0, over = 0;
    for (size_t a = 0; a < sizeof acts / sizeof *acts; a++)
        for (size_t l = 0; l < 2; l++)
            for (int hidden = 1; hidden <= 3; hidden++) {
                int sizes[5] = { D, 5, 4, 6, K };
                sizes[hidden + 1] = K;
                mlp_act hacts[3] = { acts[a], acts[a], acts[a] };
                mlp_net *net;
                assert_int_equal(mlp_new(&net, hidden + 1, sizes, hacts, losses[l]), MLP_OK);
                mlp_rng r;
                mlp_rng_seed(&r, 1000 + 10 * a + 3 * l + (uint64_t)hidden);
                assert_int_equal(mlp_init_params(net, wi, bi, &r), MLP_OK);
                mlp_real x[N * D];
                int32_t y[N];
                for (int i = 0; i < N * D; i++) x[i] = (mlp_real)mlp_rng_normal(&r);
                for (int i = 0; i < N; i++) y[i] = (int32_t)mlp_rng_below(&r, K);
                size_t np = mlp_param_count(net);
                mlp_real *keep = malloc(np * sizeof *keep);
                assert_non_null(keep);
                memcpy(keep, mlp_params_const(net), np * sizeof *keep);

                mlp_gradcheck_result res;
                assert_int_equal(mlp_gradcheck(net, x, y, N, 0, &res), MLP_OK);
                /* every configuration is checked and reported before failing */
                if (!(res.max_rel_all <= limit) || getenv("TEST_NET_VERBOSE"))
                    print_message("# %s %s %d hidden: max_rel_all %.3g (limit %g), kinks %ld\n",
                                  mlp_act_name(acts[a]), mlp_loss_name(losses[l]), hidden,
                                  res.max_rel_all, limit, res.kinks);
                over += !(res.max_rel_all <= limit);
                assert_int_equal(res.n_tensors, 2 * (hidden + 1));
                double worst = 0;
                for (int t = 0; t < res.n_tensors; t++) {
                    assert_true(res.max_rel[t] >= 0);
                    if (res.max_rel[t] > worst) worst = res.max_rel[t];
                }
                assert_true(worst == res.max_rel_all);
                /* most entries were compared, not skipped as kinks */
                assert_true(res.kinks >= 0 && (size_t)res.kinks * 10 < np);
                if (acts[a] != MLP_RELU && acts[a] != MLP_LEAKY_RELU) assert_int_equal(res.kinks, 0);
                /* the check restores every parameter */
                assert_memory_equal(mlp_params_const(net), keep, np * sizeof *keep);
                free(keep);
                mlp_free(net);
                checks++;
            }
    assert_int_equal(checks, 30);
    assert_int_equal(over, 0);
}

/* ---- clone, run, labels --------------------------------------------------------- */

static mlp_net *random_net(mlp_loss loss, uint64_t seed)
{
    int sizes[] = { 4, 6, 5, 3 };
    mlp_act acts[] = { MLP_TANH, MLP_LEAKY_RELU };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 3, sizes, acts, loss), MLP_OK);
    mlp_rng r;
    mlp_rng_seed(&r, seed);
    mlp_init wi = { MLP_INIT_XAVIER, 0 }, bi = { MLP_INIT_NORMAL, 0.5 };
    assert_int_equal(mlp_init_params(net, wi, bi, &r), MLP_OK);
    return net;
}

static void test_clone(void **state)
{
    (void)state;
    mlp_net *net = random_net(MLP_MSE, 21), *c;
    const char *names[] = { "cat", "dog", "emu" };
    const mlp_real mean[4] = { 1, 2, 3, 4 }, scale[4] = { 2, 0.5, 1, -3 };
    assert_int_equal(mlp_set_class_names(net, 3, names), MLP_OK);
    assert_int_equal(mlp_set_input_scaling(net, mean, scale), MLP_OK);
    assert_int_equal(mlp_set_input_shape(net, 2, 2, 1), MLP_OK);
    assert_int_equal(mlp_clone(&c, net), MLP_OK);
    assert_ptr_not_equal(c, net);
    assert_int_equal(mlp_layers(c), 3);
    for (int i = 0; i <= 3; i++) assert_int_equal(mlp_width(c, i), mlp_width(net, i));
    assert_int_equal(mlp_activation(c, 0), MLP_TANH);
    assert_int_equal(mlp_activation(c, 1), MLP_LEAKY_RELU);
    assert_int_equal(mlp_loss_kind(c), MLP_MSE);
    size_t np = mlp_param_count(net);
    assert_int_equal(mlp_param_count(c), np);
    assert_ptr_not_equal(mlp_params(c), mlp_params(net));
    assert_memory_equal(mlp_params_const(c), mlp_params_const(net), np * sizeof(mlp_real));
    for (int k = 0; k < 3; k++) {
        assert_string_equal(mlp_class_name(c, k), names[k]);
        assert_ptr_not_equal(mlp_class_name(c, k), mlp_class_name(net, k));
    }
    const mlp_real *m, *s;
    mlp_input_scaling(c, &m, &s);
    assert_non_null(m);
    assert_non_null(s);
    assert_memory_equal(m, mean, sizeof mean);
    assert_memory_equal(s, scale, sizeof scale);
    int h, wd, ch;
    mlp_input_shape(c, &h, &wd, &ch);
    assert_true(h == 2 && wd == 2 && ch == 1);

    /* independent: changing the clone leaves the original alone */
    mlp_params(c)[0] += 1;
    assert_true(mlp_params_const(net)[0] != mlp_params_const(c)[0]);
    assert_int_equal(mlp_set_class_names(c, 0, NULL), MLP_OK);
    assert_null(mlp_class_name(c, 0));
    assert_string_equal(mlp_class_name(net, 0), "cat");
    mlp_free(c);

    /* a clone of a network without metadata has none */
    mlp_net *plain = random_net(MLP_CE, 22);
    assert_int_equal(mlp_clone(&c, plain), MLP_OK);
    assert_null(mlp_class_name(c, 0));
    mlp_input_scaling(c, &m, &s);
    assert_null(m);
    assert_null(s);
    mlp_input_shape(c, &h, &wd, &ch);
    assert_true(h == 0 && wd == 0 && ch == 0);
    assert_memory_equal(mlp_params_const(c), mlp_params_const(plain), mlp_param_count(plain) * sizeof(mlp_real));
    mlp_free(c);
    mlp_free(plain);
    mlp_free(net);
}

static void check_run_equals_forward(mlp_net *net, int n)
{
    int d = mlp_width(net, 0), k = mlp_width(net, mlp_layers(net));
    mlp_rng r;
    mlp_rng_seed(&r, 31 + (uint64_t)n);
    mlp_real *x = malloc((size_t)n * d * sizeof *x), *out = malloc((size_t)n * k * sizeof *out);
    assert_true(x && out);
    for (int i = 0; i < n * d; i++) x[i] = (mlp_real)(2 * mlp_rng_normal(&r));
    for (int i = 0; i < n * k; i++) out[i] = (mlp_real)NAN;
    assert_int_equal(mlp_run(net, x, n, out), MLP_OK);
    mlp_work *w;
    assert_int_equal(mlp_work_new(&w, net, n), MLP_OK);
    const mlp_real *p = mlp_forward(net, w, x, n);
    assert_non_null(p);
    assert_memory_equal(out, p, (size_t)n * k * sizeof *out);
    if (mlp_loss_kind(net) == MLP_CE)
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += out[i * k + j];
            assert_true(fabs(sum - 1) <= 1e-5);
        }
    /* row by row gives the same rows */
    mlp_work *w1;
    assert_int_equal(mlp_work_new(&w1, net, 1), MLP_OK);
    for (int i = 0; i < n; i += 37) {
        const mlp_real *q = mlp_forward(net, w1, x + (size_t)i * d, 1);
        assert_memory_equal(q, out + (size_t)i * k, (size_t)k * sizeof *q);
    }
    mlp_work_free(w1);
    mlp_work_free(w);
    free(x);
    free(out);
}

static void test_run_equals_forward(void **state)
{
    (void)state;
    mlp_net *ce = random_net(MLP_CE, 41), *mse = random_net(MLP_MSE, 42);
    check_run_equals_forward(ce, 1);
    check_run_equals_forward(ce, 300); /* more than mlp_run's chunk of 256 */
    check_run_equals_forward(mse, 7);
    check_run_equals_forward(mse, 513);
    /* with input scaling, both apply it */
    const mlp_real mean[4] = { 0.5, -1, 2, 0 }, scale[4] = { 3, 0.25, -1, 1 };
    assert_int_equal(mlp_set_input_scaling(ce, mean, scale), MLP_OK);
    check_run_equals_forward(ce, 260);
    mlp_free(ce);
    mlp_free(mse);
}

static void test_input_scaling_applied(void **state)
{
    (void)state;
    /* forward of x with scaling equals forward of (x - mean) / scale without */
    mlp_net *net = random_net(MLP_MSE, 43);
    const mlp_real mean[4] = { 0.5, -1, 2, 0 }, scale[4] = { 4, 0.25, -1, 1 };
    const mlp_real x[4] = { 1.5, 1, 0, 3 }, xs[4] = { 0.25, 8, 2, 3 };
    mlp_real a[3], b[3];
    assert_int_equal(mlp_run(net, xs, 1, a), MLP_OK);
    assert_int_equal(mlp_set_input_scaling(net, mean, scale), MLP_OK);
    assert_int_equal(mlp_run(net, x, 1, b), MLP_OK);
    assert_memory_equal(a, b, sizeof a);
    mlp_free(net);
}

static void test_bad_labels_and_batches(void **state)
{
    (void)state;
    mlp_net *net = random_net(MLP_CE, 51);
    mlp_work *w;
    assert_int_equal(mlp_work_new(&w, net, 4), MLP_OK);
    const mlp_real x[16] = { 0 };
    size_t np = mlp_param_count(net);
    mlp_real *g = calloc(np, sizeof *g);
    assert_non_null(g);
    double loss;
    const int32_t too_big[4] = { 0, 1, 3, 2 }, negative[4] = { 0, -1, 1, 2 }, ok[4] = { 0, 1, 2, 2 };
    reset_errmsg();
    assert_int_equal(mlp_backward(net, w, x, too_big, 4, &loss, g, NULL), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "label 3"));
    reset_errmsg();
    assert_int_equal(mlp_backward(net, w, x, negative, 4, &loss, g, NULL), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "label -1"));
    /* the MSE network checks labels too */
    mlp_net *mse = random_net(MLP_MSE, 52);
    reset_errmsg();
    assert_int_equal(mlp_backward(mse, w, x, too_big, 4, &loss, NULL, NULL), MLP_EDATA);
    assert_true(strlen(mlp_errmsg()) > 0 && !strstr(mlp_errmsg(), "#reset#"));
    mlp_free(mse);
    assert_int_equal(mlp_backward(net, w, x, ok, 4, &loss, g, NULL), MLP_OK);
    assert_true(isfinite(loss));

    /* batches that do not fit the workspace */
    assert_int_equal(mlp_backward(net, w, x, ok, 5, &loss, g, NULL), MLP_EUSAGE);
    assert_int_equal(mlp_backward(net, w, x, ok, 0, &loss, g, NULL), MLP_EUSAGE);
    assert_null(mlp_forward(net, w, x, 5));
    assert_null(mlp_forward(net, w, x, 0));
    mlp_work *w0 = (mlp_work *)1;
    assert_int_equal(mlp_work_new(&w0, net, 0), MLP_EUSAGE);
    assert_null(w0);
    free(g);
    mlp_work_free(w);
    mlp_work_free(NULL);
    mlp_free(net);
}

/* The gradient of a batch mean is the mean of the per-row gradients. */
static void test_batch_mean(void **state)
{
    (void)state;
    for (int l = 0; l < 2; l++) {
        mlp_net *net = random_net(l ? MLP_MSE : MLP_CE, 61 + (uint64_t)l);
        enum { N = 6 };
        mlp_rng r;
        mlp_rng_seed(&r, 62);
        mlp_real x[N * 4];
        int32_t y[N];
        for (int i = 0; i < N * 4; i++) x[i] = (mlp_real)mlp_rng_normal(&r);
        for (int i = 0; i < N; i++) y[i] = (int32_t)mlp_rng_below(&r, 3);
        size_t np = mlp_param_count(net);
        mlp_real *g = malloc(np * sizeof *g), *gi = malloc(np * sizeof *g);
        double *sum = calloc(np, sizeof *sum);
        assert_true(g && gi && sum);
        mlp_work *w;
        assert_int_equal(mlp_work_new(&w, net, N), MLP_OK);
        double loss, li, lsum = 0;
        int correct, ci, csum = 0;
        for (int i = 0; i < N; i++) {
            assert_int_equal(mlp_backward(net, w, x + 4 * i, y + i, 1, &li, gi, &ci), MLP_OK);
            lsum += li;
            csum += ci;
            for (size_t p = 0; p < np; p++) sum[p] += gi[p];
        }
        assert_int_equal(mlp_backward(net, w, x, y, N, &loss, g, &correct), MLP_OK);
        assert_true(fabs(loss - lsum / N) <= 1e-5 * (1 + fabs(loss)));
        assert_int_equal(correct, csum);
        for (size_t p = 0; p < np; p++) assert_true(fabs(g[p] - sum[p] / N) <= 1e-5 * (1 + fabs(g[p])));
        mlp_work_free(w);
        free(g); free(gi); free(sum);
        mlp_free(net);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_validation),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_e0a),
        cmocka_unit_test(test_gradcheck_matrix),
        cmocka_unit_test(test_clone),
        cmocka_unit_test(test_run_equals_forward),
        cmocka_unit_test(test_input_scaling_applied),
        cmocka_unit_test(test_bad_labels_and_batches),
        cmocka_unit_test(test_batch_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

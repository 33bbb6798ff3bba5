/* test_train.c - the SGD loop: it learns the circles set, is bit-for-bit
 * reproducible, stops on divergence, reports metrics once per epoch and
 * split, and refuses data or networks it cannot train. */
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

static mlp_data train_set, test_set; /* circles, seed 1, 1000 + 1000 points */

static int setup(void **state)
{
    (void)state;
    mlp_data_opts o = { .noise = -1, .seed = 1 };
    return mlp_data_load("circles", &o, &train_set, &test_set) == MLP_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    mlp_data_free(&train_set);
    mlp_data_free(&test_set);
    return 0;
}

/* 2-10-2 tanh with cross-entropy, xavier weights and zero biases. */
static mlp_net *circles_net(uint64_t init_seed, mlp_act act, mlp_loss loss)
{
    int sizes[] = { 2, 10, 2 };
    mlp_act acts[] = { act };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 2, sizes, acts, loss), MLP_OK);
    mlp_init w = { MLP_INIT_XAVIER, 0 }, b = { MLP_INIT_ZEROS, 0 };
    mlp_rng r;
    mlp_rng_seed(&r, init_seed);
    assert_int_equal(mlp_init_params(net, w, b, &r), MLP_OK);
    return net;
}

static mlp_train_opts opts(int epochs, int batch, double lr, uint64_t seed)
{
    mlp_train_opts o;
    mlp_train_defaults(&o);
    o.epochs = epochs;
    o.batch = batch;
    o.lr = lr;
    o.seed = seed;
    return o;
}

static void test_defaults(void **state)
{
    (void)state;
    mlp_train_opts o;
    memset(&o, 0xff, sizeof o);
    mlp_train_defaults(&o);
    assert_int_equal(o.epochs, 20);
    assert_int_equal(o.batch, 16);
    assert_true(o.lr == 0.1);
    assert_true(o.seed == 1);
    assert_null(o.on_metrics);
    assert_null(o.ctx);
}

static void test_learns_circles(void **state)
{
    (void)state;
    mlp_net *net = circles_net(1, MLP_TANH, MLP_CE);
    double loss0, acc0;
    assert_int_equal(mlp_evaluate(net, &test_set, &loss0, &acc0), MLP_OK);
    mlp_train_opts o = opts(20, 32, 0.1, 1);
    mlp_train_result res;
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, &res), MLP_OK);
    if (res.test_acc < 0.95) print_error("test accuracy %.4f (loss %.4f)\n", res.test_acc, res.test_loss);
    assert_true(res.test_acc >= 0.95);
    assert_true(res.train_acc >= 0.9);
    assert_true(res.test_loss < loss0);
    assert_int_equal(res.epochs, 20);
    assert_true(res.train_seconds >= 0);
    assert_true(res.samples_per_second >= 0);
    /* mlp_evaluate gives the test metrics of the last epoch */
    double loss, acc;
    assert_int_equal(mlp_evaluate(net, &test_set, &loss, &acc), MLP_OK);
    assert_true(acc == res.test_acc);
    assert_true(loss == res.test_loss);
    /* and its own idea of the training set agrees in accuracy roughly */
    assert_int_equal(mlp_evaluate(net, &train_set, &loss, &acc), MLP_OK);
    assert_true(acc >= 0.9);
    mlp_free(net);
}

static void test_reproducible(void **state)
{
    (void)state;
    mlp_train_opts o = opts(3, 16, 0.05, 42);
    mlp_net *a = circles_net(7, MLP_TANH, MLP_CE), *b = circles_net(7, MLP_TANH, MLP_CE);
    mlp_net *c = circles_net(7, MLP_TANH, MLP_CE);
    size_t np = mlp_param_count(a);
    assert_memory_equal(mlp_params_const(a), mlp_params_const(b), np * sizeof(mlp_real));
    mlp_train_result ra, rb, rc;
    assert_int_equal(mlp_train(a, &train_set, &test_set, &o, &ra), MLP_OK);
    assert_int_equal(mlp_train(b, &train_set, &test_set, &o, &rb), MLP_OK);
    assert_memory_equal(mlp_params_const(a), mlp_params_const(b), np * sizeof(mlp_real));
    assert_true(ra.train_loss == rb.train_loss && ra.test_loss == rb.test_loss);
    /* another shuffling seed, same initial weights: different result */
    o.seed = 43;
    assert_int_equal(mlp_train(c, &train_set, &test_set, &o, &rc), MLP_OK);
    assert_memory_not_equal(mlp_params_const(a), mlp_params_const(c), np * sizeof(mlp_real));
    mlp_free(a);
    mlp_free(b);
    mlp_free(c);
}

typedef struct {
    int calls;
    mlp_metrics m[64];
    char split[64][8];
} recorder;

static void record(void *ctx, const mlp_metrics *m)
{
    recorder *r = ctx;
    assert_true(r->calls < 64);
    r->m[r->calls] = *m;
    snprintf(r->split[r->calls], sizeof r->split[0], "%s", m->split);
    r->calls++;
}

/* opts() with every metrics report recorded in rec, emptied first. */
static mlp_train_opts recording(recorder *rec, int epochs, int batch, double lr, uint64_t seed)
{
    memset(rec, 0, sizeof *rec);
    mlp_train_opts o = opts(epochs, batch, lr, seed);
    o.on_metrics = record;
    o.ctx = rec;
    return o;
}

static void test_metrics_callback(void **state)
{
    (void)state;
    mlp_net *net = circles_net(3, MLP_TANH, MLP_CE);
    recorder rec;
    mlp_train_opts o = recording(&rec, 4, 64, 0.1, 5);
    mlp_train_result res;
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, &res), MLP_OK);
    assert_int_equal(rec.calls, 8); /* 4 epochs x (train, test) */
    const long steps = (1000 + 63) / 64;
    for (int e = 1; e <= 4; e++) {
        const mlp_metrics *tr = &rec.m[2 * (e - 1)], *te = &rec.m[2 * (e - 1) + 1];
        assert_string_equal(rec.split[2 * (e - 1)], "train");
        assert_string_equal(rec.split[2 * (e - 1) + 1], "test");
        assert_int_equal(tr->epoch, e);
        assert_int_equal(te->epoch, e);
        assert_int_equal(tr->iter, e * steps);
        assert_int_equal(te->iter, e * steps);
        if (e > 1) assert_true(tr->iter > rec.m[2 * (e - 2)].iter);
        assert_true(tr->lr == 0.1);
        assert_true(isfinite(tr->loss) && tr->loss > 0);
        assert_true(isfinite(te->loss) && te->loss > 0);
        assert_true(tr->acc >= 0 && tr->acc <= 1 && te->acc >= 0 && te->acc <= 1);
        assert_true(tr->seconds >= 0);
        if (e > 1) assert_true(tr->seconds >= rec.m[2 * (e - 2)].seconds);
    }
    assert_true(rec.m[6].loss == res.train_loss && rec.m[6].acc == res.train_acc);
    assert_true(rec.m[7].loss == res.test_loss && rec.m[7].acc == res.test_acc);

    /* without a test set: train only, and the test metrics are NaN */
    rec.calls = 0;
    assert_int_equal(mlp_train(net, &train_set, NULL, &o, &res), MLP_OK);
    assert_int_equal(rec.calls, 4);
    for (int i = 0; i < 4; i++) assert_string_equal(rec.split[i], "train");
    assert_true(isnan(res.test_loss) && isnan(res.test_acc));
    mlp_free(net);
}

static void test_diverges(void **state)
{
    (void)state;
    /* MSE with a huge step: the outputs overshoot further every step */
    mlp_net *net = circles_net(9, MLP_TANH, MLP_MSE);
    recorder rec;
    mlp_train_opts o = recording(&rec, 3, 1, 1e6, 1);
    mlp_train_result res;
    mlp_status s = mlp_train(net, &train_set, &test_set, &o, &res);
    assert_int_equal(s, MLP_EDIVERGED);
    const char *msg = mlp_errmsg();
    assert_non_null(strstr(msg, "epoch 1"));
    const char *it = strstr(msg, "iteration ");
    assert_non_null(it);
    long iter = strtol(it + strlen("iteration "), NULL, 10);
    assert_true(iter >= 1 && iter <= 1000);
    assert_int_equal(rec.calls, 0);
    assert_int_equal(res.epochs, 0);
    mlp_free(net);

    /* the same run with online steps of a sane size does not diverge */
    net = circles_net(9, MLP_TANH, MLP_MSE);
    o.lr = 0.01;
    o.epochs = 1;
    assert_int_equal(mlp_train(net, &train_set, NULL, &o, &res), MLP_OK);
    assert_true(isfinite(res.train_loss));
    mlp_free(net);
}

static void test_zero_epochs(void **state)
{
    (void)state;
    mlp_net *net = circles_net(11, MLP_TANH, MLP_CE);
    size_t np = mlp_param_count(net);
    mlp_real *keep = malloc(np * sizeof *keep);
    assert_non_null(keep);
    memcpy(keep, mlp_params_const(net), np * sizeof *keep);
    recorder rec;
    mlp_train_opts o = recording(&rec, 0, 32, 0.1, 1);
    mlp_train_result res;
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, &res), MLP_OK);
    assert_memory_equal(mlp_params_const(net), keep, np * sizeof *keep);
    assert_int_equal(res.epochs, 0);
    assert_int_equal(rec.calls, 0);
    /* the test set is still measured */
    double loss, acc;
    assert_int_equal(mlp_evaluate(net, &test_set, &loss, &acc), MLP_OK);
    assert_true(res.test_loss == loss && res.test_acc == acc);
    free(keep);
    mlp_free(net);
}

static void test_full_batch(void **state)
{
    (void)state;
    mlp_data tr = train_set;
    tr.n = 200; /* a view of the first 200 rows */
    mlp_net *net = circles_net(13, MLP_TANH, MLP_CE);
    recorder rec;
    mlp_train_opts o = recording(&rec, 30, 5000, 0.5, 1);
    mlp_train_result res;
    assert_int_equal(mlp_train(net, &tr, NULL, &o, &res), MLP_OK);
    assert_int_equal(rec.calls, 30);
    for (int e = 0; e < 30; e++) assert_int_equal(rec.m[e].iter, e + 1); /* one step per epoch */
    assert_true(rec.m[29].loss < rec.m[0].loss);
    /* full batch sees every row each step: the order of rows does not
     * matter, so two shuffling seeds agree up to rounding */
    mlp_net *other = circles_net(13, MLP_TANH, MLP_CE);
    o.seed = 2;
    o.on_metrics = NULL;
    assert_int_equal(mlp_train(other, &tr, NULL, &o, NULL), MLP_OK);
    const mlp_real *p = mlp_params_const(net), *q = mlp_params_const(other);
    for (size_t i = 0; i < mlp_param_count(net); i++) assert_true(fabs(p[i] - q[i]) <= 1e-4 * (1 + fabs(p[i])));
    /* batch equal to n behaves like batch larger than n */
    mlp_net *exact = circles_net(13, MLP_TANH, MLP_CE);
    o.batch = 200;
    o.seed = 1;
    assert_int_equal(mlp_train(exact, &tr, NULL, &o, NULL), MLP_OK);
    assert_memory_equal(mlp_params_const(exact), mlp_params_const(net), mlp_param_count(net) * sizeof(mlp_real));
    mlp_free(net);
    mlp_free(other);
    mlp_free(exact);
}

static void test_refusals(void **state)
{
    (void)state;
    mlp_train_opts o = opts(1, 32, 0.1, 1);
    mlp_net *net;
    /* data with more features than the network takes */
    int s1[] = { 1, 4, 2 }, s3[] = { 3, 4, 2 };
    mlp_act t[] = { MLP_TANH };
    assert_int_equal(mlp_new(&net, 2, s1, t, MLP_CE), MLP_OK);
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, NULL), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "2 features"));
    double l, a;
    assert_int_equal(mlp_evaluate(net, &test_set, &l, &a), MLP_EDATA);
    mlp_free(net);
    /* and fewer */
    assert_int_equal(mlp_new(&net, 2, s3, t, MLP_CE), MLP_OK);
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, NULL), MLP_EDATA);
    mlp_free(net);

    net = circles_net(1, MLP_TANH, MLP_CE);
    size_t np = mlp_param_count(net);
    mlp_real *keep = malloc(np * sizeof *keep);
    assert_non_null(keep);
    memcpy(keep, mlp_params_const(net), np * sizeof *keep);
    /* a test set whose width differs from the training set's */
    mlp_data wide = test_set;
    wide.d = 1;
    wide.n = 500;
    assert_int_equal(mlp_train(net, &train_set, &wide, &o, NULL), MLP_EDATA);
    /* more classes than outputs */
    mlp_data many = train_set;
    many.classes = 3;
    assert_int_equal(mlp_train(net, &many, NULL, &o, NULL), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "classes"));
    /* an empty training set */
    mlp_data empty = train_set;
    empty.n = 0;
    assert_int_equal(mlp_train(net, &empty, NULL, &o, NULL), MLP_EDATA);
    /* bad options */
    mlp_train_opts bad = o;
    bad.batch = 0;
    assert_int_equal(mlp_train(net, &train_set, NULL, &bad, NULL), MLP_EUSAGE);
    bad = o;
    bad.epochs = -1;
    assert_int_equal(mlp_train(net, &train_set, NULL, &bad, NULL), MLP_EUSAGE);
    /* none of the refusals touched the parameters */
    assert_memory_equal(mlp_params_const(net), keep, np * sizeof *keep);
    free(keep);
    /* a label the network cannot have: 2 in a set that claims 2 classes */
    mlp_data lab = train_set;
    int32_t *y = malloc((size_t)lab.n * sizeof *y);
    assert_non_null(y);
    memcpy(y, train_set.y, (size_t)lab.n * sizeof *y);
    y[17] = 2;
    lab.y = y;
    mlp_train_result res;
    assert_int_equal(mlp_train(net, &lab, NULL, &o, &res), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "label 2"));
    assert_int_equal(res.epochs, 0);
    free(y);
    mlp_free(net);

    /* step hidden units: forward-only */
    net = circles_net(1, MLP_STEP, MLP_CE);
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, NULL), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "step"));
    o.epochs = 0;
    mlp_train_result r0;
    assert_int_equal(mlp_train(net, &train_set, &test_set, &o, &r0), MLP_OK);
    assert_true(r0.test_acc >= 0 && r0.test_acc <= 1);
    mlp_free(net);
}

/* Training works on byte data too (scaled by 1/255 as batches are gathered). */
static void test_byte_data(void **state)
{
    (void)state;
    mlp_data d = { 0 };
    d.n = 400;
    d.d = 2;
    d.classes = 2;
    d.x8 = malloc(800);
    d.y = malloc(400 * sizeof *d.y);
    assert_true(d.x8 && d.y);
    mlp_rng r;
    mlp_rng_seed(&r, 17);
    for (int i = 0; i < 400; i++) {
        /* class 1 when the first byte is large */
        d.x8[2 * i] = (uint8_t)mlp_rng_below(&r, 256);
        d.x8[2 * i + 1] = (uint8_t)mlp_rng_below(&r, 256);
        d.y[i] = d.x8[2 * i] >= 128;
    }
    mlp_net *net = circles_net(19, MLP_TANH, MLP_CE);
    mlp_train_opts o = opts(30, 16, 0.5, 1);
    mlp_train_result res;
    assert_int_equal(mlp_train(net, &d, &d, &o, &res), MLP_OK);
    assert_true(res.test_acc >= 0.9);
    mlp_free(net);
    mlp_data_free(&d);
    assert_null(d.x8);
    assert_null(d.y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_learns_circles),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_metrics_callback),
        cmocka_unit_test(test_diverges),
        cmocka_unit_test(test_zero_epochs),
        cmocka_unit_test(test_full_batch),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_byte_data),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

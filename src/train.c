/* train.c - the training loop: shuffle, gather a batch, forward, backward,
 * step; metrics after every epoch. All memory is allocated before the loop. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void mlp_train_defaults(mlp_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 20;
    o->batch = 16;
    o->lr = 0.1;
    o->seed = 1;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

#define EVAL_CHUNK 256

/* Loss and accuracy of net over d with a workspace of at least EVAL_CHUNK
 * rows (or d->n, if smaller). */
static mlp_status evaluate_with(const mlp_net *net, mlp_work *w, const mlp_data *d,
                                double *loss, double *acc)
{
    double total = 0;
    long right = 0;
    for (int32_t i = 0; i < d->n; i += w->max_batch) {
        int m = d->n - i < w->max_batch ? (int)(d->n - i) : w->max_batch;
        double l;
        int c;
        /* Rows i..i+m are contiguous: gather them with an offset view. */
        mlp_data view = *d;
        size_t off = (size_t)i * d->d;
        if (view.x8) view.x8 += off; else view.x += off;
        view.y += i;
        mlp_data_gather(&view, NULL, m, w->act[0], w->y);
        mlp_scale_inputs(net, w->act[0], m);
        mlp_status s = mlp_backward_ws(net, w, w->y, m, &l, NULL, &c);
        if (s != MLP_OK) return s;
        total += l * m;
        right += c;
    }
    *loss = d->n ? total / d->n : NAN;
    *acc = d->n ? (double)right / d->n : NAN;
    return MLP_OK;
}

mlp_status mlp_evaluate(const mlp_net *net, const mlp_data *d, double *loss, double *acc)
{
    if (d->d != net->sizes[0])
        return mlp_fail(MLP_EDATA, "the data has %d features but the network takes %d inputs", (int)d->d, net->sizes[0]);
    mlp_work *w;
    mlp_status s = mlp_work_new(&w, net, d->n < EVAL_CHUNK ? (d->n > 0 ? d->n : 1) : EVAL_CHUNK);
    if (s != MLP_OK) return s;
    s = evaluate_with(net, w, d, loss, acc);
    mlp_work_free(w);
    return s;
}

static void report(const mlp_train_opts *o, int epoch, long iter, const char *split,
                   double loss, double acc, double lr, double seconds)
{
    if (!o->on_metrics) return;
    mlp_metrics m = {epoch, iter, split, loss, acc, lr, seconds};
    o->on_metrics(o->ctx, &m);
}

mlp_status mlp_train(mlp_net *net, const mlp_data *train, const mlp_data *test,
                     const mlp_train_opts *o, mlp_train_result *res)
{
    mlp_train_result r = {0, NAN, NAN, NAN, NAN, NAN, NAN, 0, 0};
    if (res) *res = r;
    if (train->n < 1) return mlp_fail(MLP_EDATA, "the training set is empty");
    if (train->d != net->sizes[0])
        return mlp_fail(MLP_EDATA, "the data has %d features but the network takes %d inputs", (int)train->d, net->sizes[0]);
    int k = net->sizes[net->n_layers];
    if (train->classes > k)
        return mlp_fail(MLP_EDATA, "the data has %d classes but the network has %d outputs", (int)train->classes, k);
    const mlp_data *val = o->val && o->val->n > 0 ? o->val : NULL;
    if (test && test->n == 0) test = NULL;
    if (test && test->d != train->d)
        return mlp_fail(MLP_EDATA, "the test set has %d features but the training set has %d", (int)test->d, (int)train->d);
    if (val && val->d != train->d)
        return mlp_fail(MLP_EDATA, "the validation set has %d features but the training set has %d", (int)val->d, (int)train->d);
    if (o->epochs < 0) return mlp_fail(MLP_EUSAGE, "epochs must be >= 0");
    if (o->batch < 1) return mlp_fail(MLP_EUSAGE, "batch size must be >= 1");
    if (o->epochs > 0 && net->n_layers > 1)
        for (int l = 0; l < net->n_layers - 1; l++)
            if (net->acts[l] == MLP_STEP)
                return mlp_fail(MLP_EUSAGE, "hidden layer %d uses step, whose gradient is zero almost everywhere: "
                                "it is forward-only (use --epochs 0)", l + 1);

    int batch = o->batch < train->n ? o->batch : (int)train->n;
    int wrows = batch > EVAL_CHUNK ? batch : EVAL_CHUNK;
    mlp_work *w;
    mlp_status s = mlp_work_new(&w, net, wrows);
    if (s != MLP_OK) return s;
    mlp_real *grad = mlp_alloc(net->n_params, sizeof *grad, "gradients");
    int32_t *order = mlp_alloc((size_t)train->n, sizeof *order, "permutation");
    if (!grad || !order) { free(grad); free(order); mlp_work_free(w); return MLP_ENOMEM; }
    for (int32_t i = 0; i < train->n; i++) order[i] = i;

    mlp_rng rng;
    mlp_rng_seed(&rng, o->seed ^ 0x7368756666ULL); /* "shuff": not the init stream */
    long iter = 0;
    double seconds = 0;
    for (int epoch = 1; epoch <= o->epochs && s == MLP_OK; epoch++) {
        double t0 = now(), total = 0;
        long right = 0;
        mlp_rng_shuffle(&rng, order, train->n);
        for (int32_t i = 0; i < train->n; i += batch) {
            int m = train->n - i < batch ? (int)(train->n - i) : batch;
            mlp_data_gather(train, order + i, m, w->act[0], w->y);
            mlp_scale_inputs(net, w->act[0], m);
            double loss;
            int c;
            s = mlp_backward_ws(net, w, w->y, m, &loss, grad, &c);
            if (s != MLP_OK) break;
            iter++;
            if (!isfinite(loss)) {
                s = mlp_fail(MLP_EDIVERGED, "training diverged: the loss became %s at epoch %d, iteration %ld; "
                             "try a smaller --lr", isnan(loss) ? "NaN" : "infinite", epoch, iter);
                break;
            }
            mlp_real lr = (mlp_real)o->lr;
            for (size_t p = 0; p < net->n_params; p++) net->params[p] -= lr * grad[p];
            total += loss * m;
            right += c;
        }
        seconds += now() - t0;
        if (s != MLP_OK) break;
        r.epochs = epoch;
        r.train_loss = total / train->n;
        r.train_acc = (double)right / train->n;
        report(o, epoch, iter, "train", r.train_loss, r.train_acc, o->lr, seconds);
        if (val && (s = evaluate_with(net, w, val, &r.val_loss, &r.val_acc)) == MLP_OK)
            report(o, epoch, iter, "val", r.val_loss, r.val_acc, o->lr, seconds);
        if (s == MLP_OK && test && (s = evaluate_with(net, w, test, &r.test_loss, &r.test_acc)) == MLP_OK)
            report(o, epoch, iter, "test", r.test_loss, r.test_acc, o->lr, seconds);
    }
    /* With no epochs, still say how good the starting weights are. */
    if (s == MLP_OK && o->epochs == 0 && val)
        s = evaluate_with(net, w, val, &r.val_loss, &r.val_acc);
    if (s == MLP_OK && o->epochs == 0 && test)
        s = evaluate_with(net, w, test, &r.test_loss, &r.test_acc);
    r.train_seconds = seconds;
    r.samples_per_second = seconds > 0 ? (double)r.epochs * train->n / seconds : 0;
    if (res) *res = r;
    free(grad);
    free(order);
    mlp_work_free(w);
    return s;
}

/* train.c - the training loop: shuffle, gather a batch, forward, backward,
 * step; metrics after every epoch. All memory is allocated before the loop. */
#include "internal.h"
#include "optim.h"

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
    o->opt = MLP_SGD;
    o->momentum = 0.9;
    o->beta1 = 0.9;
    o->beta2 = 0.999;
    o->alpha = 0.99;
    o->eps = -1;
    o->schedule.kind = MLP_SCHED_CONST;
    o->diverge_factor = 10;
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
        mlp_load_rows(net, w, d, i, m);
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

static mlp_status check_opts(const mlp_net *net, const mlp_data *train, const mlp_data *val,
                             const mlp_data *test, const mlp_train_opts *o)
{
    if (train->n < 1) return mlp_fail(MLP_EDATA, "the training set is empty");
    const mlp_data *sets[3] = {train, val, test};
    static const char *names[3] = {"training", "validation", "test"};
    for (int i = 0; i < 3; i++)
        if (sets[i] && sets[i]->d != net->sizes[0])
            return mlp_fail(MLP_EDATA, "the %s set has %d features but the network takes %d inputs", names[i], (int)sets[i]->d, net->sizes[0]);
    int k = net->sizes[net->n_layers];
    if (train->classes > k)
        return mlp_fail(MLP_EDATA, "the data has %d classes but the network has %d outputs", (int)train->classes, k);
    if (o->epochs < 0) return mlp_fail(MLP_EUSAGE, "epochs must be >= 0");
    if (o->batch < 1) return mlp_fail(MLP_EUSAGE, "batch size must be >= 1");
    if (!(o->lr >= 0) || !(o->l2 >= 0) || !(o->dropout >= 0 && o->dropout < 1) || o->eval_every < 0 || o->early_stop < 0)
        return mlp_fail(MLP_EUSAGE, "learning rate, l2, eval-every and early-stop must be >= 0 and dropout in [0, 1)");
    if (o->early_stop > 0 && !val) return mlp_fail(MLP_EUSAGE, "early stopping needs a validation set (--val)");
    if (o->epochs > 0)
        for (int l = 0; l < net->n_layers - 1; l++)
            if (net->acts[l] == MLP_STEP)
                return mlp_fail(MLP_EUSAGE, "hidden layer %d uses step, whose gradient is zero almost everywhere: "
                                "it is forward-only (use --epochs 0)", l + 1);
    return MLP_OK;
}

/* The loss of always predicting the uniform output: ln K for cross-entropy,
 * (K - 1) / K^2 for MSE against one-hot targets. */
static double chance_loss(const mlp_net *net)
{
    double k = net->sizes[net->n_layers];
    return net->loss == MLP_CE ? log(k) : (k - 1) / (k * k);
}

/* Everything the loop allocates, allocated before it starts. */
typedef struct {
    mlp_work *w;
    mlp_real *grad, *best;
    int32_t  *order, *pick;
    optim     opt;
} train_mem;

static void train_mem_free(train_mem *m)
{
    mlp_work_free(m->w);
    free(m->grad);
    free(m->best);
    free(m->order);
    free(m->pick);
    optim_free(&m->opt);
}

mlp_status mlp_train(mlp_net *net, const mlp_data *train, const mlp_data *test,
                     const mlp_train_opts *o, mlp_train_result *res)
{
    mlp_train_result r = {0, 0, NAN, NAN, NAN, NAN, NAN, NAN, 0, 0};
    if (res) *res = r;
    const mlp_data *val = o->val && o->val->n > 0 ? o->val : NULL;
    if (test && test->n == 0) test = NULL;
    mlp_status s = check_opts(net, train, val, test, o);
    if (s != MLP_OK) return s;

    int batch = o->batch < train->n ? o->batch : (int)train->n;
    long steps = (train->n + batch - 1) / batch, total = steps * o->epochs;
    train_mem m = {0};
    s = mlp_work_new(&m.w, net, batch > EVAL_CHUNK ? batch : EVAL_CHUNK);
    if (s == MLP_OK) s = optim_init(&m.opt, o, net);
    if (s == MLP_OK) {
        m.grad = mlp_alloc(net->n_params, sizeof *m.grad, "gradients");
        m.order = mlp_alloc((size_t)train->n, sizeof *m.order, "permutation");
        m.pick = mlp_alloc((size_t)batch, sizeof *m.pick, "batch");
        if (o->early_stop > 0) m.best = mlp_alloc(net->n_params, sizeof *m.best, "best weights");
        if (!m.grad || !m.order || !m.pick || (o->early_stop > 0 && !m.best)) s = MLP_ENOMEM;
    }
    mlp_rng rng, drop_rng;
    mlp_rng_seed(&rng, o->seed ^ 0x7368756666ULL);   /* "shuff": not the init stream */
    mlp_rng_seed(&drop_rng, o->seed ^ 0x64726f70ULL); /* "drop" */
    if (s == MLP_OK) s = work_dropout(m.w, net, o->dropout, &drop_rng);
    if (s != MLP_OK) { train_mem_free(&m); return s; }
    for (int32_t i = 0; i < train->n; i++) m.order[i] = i;
    mlp_work *w = m.w;

    /* Divergence threshold: diverge_factor times the worse of the starting
     * loss (on up to the first EVAL_CHUNK rows) and the chance loss. */
    double limit = INFINITY;
    if (o->diverge_factor > 0 && o->epochs > 0) {
        mlp_data head = *train;
        head.n = train->n < EVAL_CHUNK ? train->n : EVAL_CHUNK;
        double l0, a0;
        s = evaluate_with(net, w, &head, &l0, &a0);
        limit = o->diverge_factor * fmax(isfinite(l0) ? l0 : 0, chance_loss(net));
    }

    long iter = 0, samples = 0;
    double seconds = 0, lr = o->lr, best_loss = INFINITY;
    int since_best = 0;
    r.best_epoch = 0;
    for (int epoch = 1; epoch <= o->epochs && s == MLP_OK; epoch++) {
        double t0 = now(), total_loss = 0;
        long right = 0, seen = 0;
        if (!o->sample_replace) mlp_rng_shuffle(&rng, m.order, train->n);
        for (long step = 0; step < steps; step++) {
            const int32_t *idx;
            int rows;
            if (o->sample_replace) {
                rows = batch;
                for (int i = 0; i < rows; i++) m.pick[i] = (int32_t)mlp_rng_below(&rng, (uint64_t)train->n);
                idx = m.pick;
            } else {
                long first = step * batch;
                rows = train->n - first < batch ? (int)(train->n - first) : batch;
                idx = m.order + first;
            }
            mlp_data_gather(train, idx, rows, w->act[0], w->y);
            mlp_scale_inputs(net, w->act[0], rows);
            double loss;
            int c;
            s = mlp_backward_ws(net, w, w->y, rows, &loss, m.grad, &c);
            if (s != MLP_OK) break;
            if (!isfinite(loss)) {
                s = mlp_fail(MLP_EDIVERGED, "training diverged: the loss became %s at epoch %d, iteration %ld; "
                             "try a smaller --lr", isnan(loss) ? "NaN" : "infinite", epoch, iter + 1);
                break;
            }
            lr = mlp_schedule_lr(&o->schedule, o->lr, iter, epoch - 1, o->epochs);
            optim_step(&m.opt, net, m.grad, lr);
            iter++;
            total_loss += loss * rows;
            right += c;
            seen += rows;
            samples += rows;
            if (o->on_progress) o->on_progress(o->ctx, iter, total, seconds + now() - t0);
            if (o->eval_every > 0 && iter % o->eval_every == 0) {
                double t1 = now();
                seconds += t1 - t0; /* evaluation is not training time */
                double el, ea;
                report(o, epoch, iter, "train", total_loss / seen, (double)right / seen, lr, seconds);
                if (val && (s = evaluate_with(net, w, val, &el, &ea)) == MLP_OK) report(o, epoch, iter, "val", el, ea, lr, seconds);
                if (s == MLP_OK && test && (s = evaluate_with(net, w, test, &el, &ea)) == MLP_OK) report(o, epoch, iter, "test", el, ea, lr, seconds);
                if (s != MLP_OK) break;
                t0 = now();
            }
        }
        seconds += now() - t0;
        if (s != MLP_OK) break;
        r.epochs = epoch;
        r.train_loss = total_loss / seen;
        r.train_acc = (double)right / seen;
        if (r.train_loss > limit) {
            s = mlp_fail(MLP_EDIVERGED, "training diverged: the mean loss of epoch %d (iteration %ld) is %.4g, more than %g times "
                         "the starting or chance loss (%.4g); try a smaller --lr", epoch, iter, r.train_loss,
                         o->diverge_factor, limit / o->diverge_factor);
            break;
        }
        report(o, epoch, iter, "train", r.train_loss, r.train_acc, lr, seconds);
        if (val && (s = evaluate_with(net, w, val, &r.val_loss, &r.val_acc)) == MLP_OK)
            report(o, epoch, iter, "val", r.val_loss, r.val_acc, lr, seconds);
        if (s == MLP_OK && test && (s = evaluate_with(net, w, test, &r.test_loss, &r.test_acc)) == MLP_OK)
            report(o, epoch, iter, "test", r.test_loss, r.test_acc, lr, seconds);
        if (s != MLP_OK || o->early_stop <= 0) continue;
        if (r.val_loss < best_loss) {
            best_loss = r.val_loss;
            r.best_epoch = epoch;
            since_best = 0;
            memcpy(m.best, net->params, net->n_params * sizeof *m.best);
        } else if (++since_best >= o->early_stop) {
            break;
        }
    }
    if (s == MLP_OK && o->early_stop > 0 && r.best_epoch > 0 && r.best_epoch != r.epochs) {
        /* Keep the best weights, and report the metrics they have. */
        memcpy(net->params, m.best, net->n_params * sizeof *m.best);
        s = evaluate_with(net, w, val, &r.val_loss, &r.val_acc);
        if (s == MLP_OK && test) s = evaluate_with(net, w, test, &r.test_loss, &r.test_acc);
    } else if (r.best_epoch == 0) {
        r.best_epoch = r.epochs;
    }
    /* With no epochs, still say how good the starting weights are. */
    if (s == MLP_OK && o->epochs == 0 && val) s = evaluate_with(net, w, val, &r.val_loss, &r.val_acc);
    if (s == MLP_OK && o->epochs == 0 && test) s = evaluate_with(net, w, test, &r.test_loss, &r.test_acc);
    r.train_seconds = seconds;
    r.samples_per_second = seconds > 0 ? (double)samples / seconds : 0;
    if (res) *res = r;
    train_mem_free(&m);
    return s;
}

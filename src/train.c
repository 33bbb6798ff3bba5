/* train.c - the training loop: shuffle, gather a batch, forward, backward,
 * step; metrics after every epoch. All memory is allocated before the loop. */
#include "internal.h"
#include "train_state.h"

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
    mlp_work   *w;
    mlp_real   *grad;
    int32_t    *pick;
    train_state st;
} train_mem;

static void train_mem_free(train_mem *m)
{
    mlp_work_free(m->w);
    free(m->grad);
    free(m->pick);
    free(m->st.order);
    free(m->st.best);
    optim_free(&m->st.opt);
}

static mlp_status train_mem_init(train_mem *m, const mlp_net *net, const mlp_data *train,
                                 const mlp_train_opts *o, int batch)
{
    memset(m, 0, sizeof *m);
    train_state *st = &m->st;
    mlp_status s = mlp_work_new(&m->w, net, batch > EVAL_CHUNK ? batch : EVAL_CHUNK);
    if (s == MLP_OK) s = optim_init(&st->opt, o, net);
    if (s != MLP_OK) return s;
    m->grad = mlp_alloc(net->n_params, sizeof *m->grad, "gradients");
    m->pick = mlp_alloc((size_t)batch, sizeof *m->pick, "batch");
    st->order = mlp_alloc((size_t)train->n, sizeof *st->order, "permutation");
    if (o->early_stop > 0) st->best = mlp_alloc(net->n_params, sizeof *st->best, "best weights");
    if (!m->grad || !m->pick || !st->order || (o->early_stop > 0 && !st->best)) return MLP_ENOMEM;
    st->n = train->n;
    for (int32_t i = 0; i < train->n; i++) st->order[i] = i;
    mlp_rng_seed(&st->shuffle, o->seed ^ 0x7368756666ULL); /* "shuff": not the init stream */
    mlp_rng_seed(&st->drop, o->seed ^ 0x64726f70ULL);      /* "drop" */
    st->best_loss = INFINITY;
    for (int i = 0; i < 6; i++) st->metrics[i] = NAN;
    return work_dropout(m->w, net, o->dropout, &st->drop);
}

/* One epoch of steps; adds the epoch's loss sum, correct count and rows. */
/* Steps of one epoch from st->step on, adding to the epoch's sums in st.
 * Returns MLP_EINTR (with st->step the steps done) when o->stop is raised. */
static mlp_status run_epoch(mlp_net *net, train_mem *m, const mlp_data *train, const mlp_data *val,
                            const mlp_data *test, const mlp_train_opts *o, int batch, long steps,
                            int epoch)
{
    train_state *st = &m->st;
    mlp_work *w = m->w;
    long total = steps * o->epochs;
    double t0 = now(), lr = o->lr;
    mlp_status s = MLP_OK;
    double *total_loss = &st->epoch_loss;
    long *right = &st->epoch_right, *seen = &st->epoch_seen;
    if (st->step == 0) {
        *total_loss = 0;
        *right = *seen = 0;
        if (!o->sample_replace) mlp_rng_shuffle(&st->shuffle, st->order, train->n);
    }
    for (long step = st->step; step < steps; step++) {
        const int32_t *idx;
        int rows;
        if (o->sample_replace) {
            rows = batch;
            for (int i = 0; i < rows; i++) m->pick[i] = (int32_t)mlp_rng_below(&st->shuffle, (uint64_t)train->n);
            idx = m->pick;
        } else {
            long first = step * batch;
            rows = train->n - first < batch ? (int)(train->n - first) : batch;
            idx = st->order + first;
        }
        mlp_data_gather(train, idx, rows, w->act[0], w->y);
        mlp_scale_inputs(net, w->act[0], rows);
        double loss;
        int c;
        s = mlp_backward_ws(net, w, w->y, rows, &loss, m->grad, &c);
        if (s != MLP_OK) break;
        if (!isfinite(loss)) {
            s = mlp_fail(MLP_EDIVERGED, "training diverged: the loss became %s at epoch %d, iteration %ld; "
                         "try a smaller --lr", isnan(loss) ? "NaN" : "infinite", epoch, st->iter + 1);
            break;
        }
        lr = mlp_schedule_lr(&o->schedule, o->lr, st->iter, epoch - 1, o->epochs);
        optim_step(&st->opt, net, m->grad, lr);
        st->iter++;
        st->samples += rows;
        *total_loss += loss * rows;
        *right += c;
        *seen += rows;
        if (o->on_progress) o->on_progress(o->ctx, st->iter, total, st->seconds + now() - t0);
        if (o->eval_every > 0 && st->iter % o->eval_every == 0) {
            st->seconds += now() - t0; /* evaluation is not training time */
            double el, ea;
            report(o, epoch, st->iter, "train", *total_loss / *seen, (double)*right / *seen, lr, st->seconds);
            if (val && (s = evaluate_with(net, w, val, &el, &ea)) == MLP_OK) report(o, epoch, st->iter, "val", el, ea, lr, st->seconds);
            if (s == MLP_OK && test && (s = evaluate_with(net, w, test, &el, &ea)) == MLP_OK) report(o, epoch, st->iter, "test", el, ea, lr, st->seconds);
            if (s != MLP_OK) break;
            t0 = now();
        }
        if (o->stop && *o->stop && step + 1 < steps) {
            st->step = step + 1;
            st->seconds += now() - t0;
            return MLP_EINTR;
        }
    }
    st->step = 0;
    st->seconds += now() - t0;
    return s;
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
    long steps = (train->n + batch - 1) / batch;
    train_mem m;
    s = train_mem_init(&m, net, train, o, batch);
    if (s != MLP_OK) { train_mem_free(&m); return s; }
    train_state *st = &m.st;
    mlp_work *w = m.w;
    train_fingerprint fp;
    train_fingerprint_make(&fp, net, train, o);

    if (o->resume) {
        s = checkpoint_load(o->resume, net, &fp, st);
        if (s == MLP_OK && st->step >= steps)
            s = mlp_fail(MLP_EDATA, "%s: the checkpoint is %ld steps into an epoch of %ld", o->resume, st->step, steps);
    } else if (o->diverge_factor > 0 && o->epochs > 0) {
        /* Divergence threshold: diverge_factor times the worse of the
         * starting loss (on up to the first EVAL_CHUNK rows) and the chance
         * loss. */
        mlp_data head = *train;
        head.n = train->n < EVAL_CHUNK ? train->n : EVAL_CHUNK;
        double l0 = 0, a0 = 0;
        s = evaluate_with(net, w, &head, &l0, &a0);
        if (s == MLP_OK) st->limit = o->diverge_factor * fmax(isfinite(l0) ? l0 : 0, chance_loss(net));
    } else {
        st->limit = INFINITY;
    }

    double *mt = st->metrics; /* train loss, acc, val loss, acc, test loss, acc */
    for (int epoch = st->epoch + 1; s == MLP_OK && !st->stopped && epoch <= o->epochs; epoch++) {
        s = run_epoch(net, &m, train, val, test, o, batch, steps, epoch);
        if (s == MLP_EINTR) {
            if (o->checkpoint && checkpoint_save(o->checkpoint, net, &fp, st) != MLP_OK) {
                s = mlp_fail(MLP_EIO, "interrupted at epoch %d, step %ld of %ld (iteration %ld), and %s",
                             epoch, st->step, steps, st->iter, mlp_errmsg());
                break;
            }
            s = mlp_fail(MLP_EINTR, "interrupted at epoch %d, step %ld of %ld (iteration %ld)%s%s", epoch, st->step,
                         steps, st->iter, o->checkpoint ? "; resume with --resume " : "; no checkpoint was asked for",
                         o->checkpoint ? o->checkpoint : "");
            break;
        }
        if (s != MLP_OK) break;
        double lr = mlp_schedule_lr(&o->schedule, o->lr, st->iter - 1, epoch - 1, o->epochs);
        mt[0] = st->epoch_loss / st->epoch_seen;
        mt[1] = (double)st->epoch_right / st->epoch_seen;
        if (mt[0] > st->limit) {
            s = mlp_fail(MLP_EDIVERGED, "training diverged: the mean loss of epoch %d (iteration %ld) is %.4g, more than %g times "
                         "the starting or chance loss (%.4g); try a smaller --lr", epoch, st->iter, mt[0],
                         o->diverge_factor, st->limit / o->diverge_factor);
            break;
        }
        st->epoch = epoch;
        report(o, epoch, st->iter, "train", mt[0], mt[1], lr, st->seconds);
        if (val && (s = evaluate_with(net, w, val, &mt[2], &mt[3])) == MLP_OK)
            report(o, epoch, st->iter, "val", mt[2], mt[3], lr, st->seconds);
        if (s == MLP_OK && test && (s = evaluate_with(net, w, test, &mt[4], &mt[5])) == MLP_OK)
            report(o, epoch, st->iter, "test", mt[4], mt[5], lr, st->seconds);
        if (s == MLP_OK && o->early_stop > 0) {
            if (mt[2] < st->best_loss) {
                st->best_loss = mt[2];
                st->best_epoch = epoch;
                st->since_best = 0;
                memcpy(st->best, net->params, net->n_params * sizeof *st->best);
            } else if (++st->since_best >= o->early_stop) {
                st->stopped = 1;
            }
        }
        if (s == MLP_OK && o->checkpoint) s = checkpoint_save(o->checkpoint, net, &fp, st);
        if (s == MLP_OK && o->stop && *o->stop && epoch < o->epochs && !st->stopped) {
            s = mlp_fail(MLP_EINTR, "interrupted after epoch %d (iteration %ld)%s%s", epoch, st->iter,
                         o->checkpoint ? "; resume with --resume " : "; no checkpoint was asked for",
                         o->checkpoint ? o->checkpoint : "");
            break;
        }
    }
    r.epochs = st->epoch;
    r.best_epoch = st->epoch;
    if (s == MLP_OK && o->early_stop > 0 && st->best_epoch > 0 && st->best_epoch != st->epoch) {
        /* Keep the best weights, and report the metrics they have. */
        memcpy(net->params, st->best, net->n_params * sizeof *st->best);
        r.best_epoch = st->best_epoch;
        s = evaluate_with(net, w, val, &mt[2], &mt[3]);
        if (s == MLP_OK && test) s = evaluate_with(net, w, test, &mt[4], &mt[5]);
    }
    /* With no epochs, still say how good the starting weights are. */
    if (s == MLP_OK && st->epoch == 0 && val) s = evaluate_with(net, w, val, &mt[2], &mt[3]);
    if (s == MLP_OK && st->epoch == 0 && test) s = evaluate_with(net, w, test, &mt[4], &mt[5]);
    r.train_loss = mt[0];
    r.train_acc = mt[1];
    r.val_loss = mt[2];
    r.val_acc = mt[3];
    r.test_loss = mt[4];
    r.test_acc = mt[5];
    r.train_seconds = st->seconds;
    r.samples_per_second = st->seconds > 0 ? (double)st->samples / st->seconds : 0;
    if (res) *res = r;
    train_mem_free(&m);
    return s;
}

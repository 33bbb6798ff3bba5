/* train.c - `mlp train`: build or load a network, train it, save it. */
#include "common.h"
#include "draw.h"
#include "io/atomic.h"
#include "rundir.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cmd_info info = {
    "train", "mlp train [flags]",
    "Trains a multilayer perceptron with mini-batch SGD. One line per epoch and\n"
    "split on stdout; with --json a JSON summary as the last line.",
    "--plots DIR makes DIR a run folder (docs/PLOTS.md): run.json (the command,\n"
    "every flag, the final metrics), log.csv, model.mlp, and the pictures that\n"
    "fit: curves.png, weights.png (image inputs), regions.png (2-D data),\n"
    "samples.png (images) and confusion.png; mlp report DIR makes a web page.\n"
    "Ctrl-C (SIGINT) stops after the step under way, saves a checkpoint when\n"
    "--checkpoint was given (resume it with --resume) and exits 130.\n"
    "exit status: 0 done, 1 training diverged, 2 bad usage, 65 bad data,\n"
    "66 missing input, 73 cannot create output, 74 write error, 130 interrupted.\n"
};

typedef struct {
    mlp_afile log, plots_log; /* --log, and DIR/log.csv of --plots */
    int       has_log, has_plots_log, quiet;
    int       epochs, batch;
    int       bar;        /* draw a progress bar on stderr */
    double    last_draw;  /* seconds of the last drawing */
} train_ctx;

/* A progress bar on stderr, at most ten times a second: steps done of
 * planned, samples per second, elapsed and remaining time. */
static void on_progress(void *p, long done, long total, double seconds)
{
    train_ctx *c = p;
    if (!c->bar || (done < total && seconds - c->last_draw < 0.1)) return;
    c->last_draw = seconds;
    int width = 30, filled = total > 0 ? (int)(width * done / total) : width;
    double rate = seconds > 0 ? done * (double)c->batch / seconds : 0;
    double left = done > 0 ? seconds * (total - done) / done : 0;
    fprintf(stderr, "\r[%.*s%*s] %ld/%ld steps  %.0f samples/s  %.0fs elapsed  %.0fs left ",
            filled, "==============================", width - filled, "", done, total, rate, seconds, left);
    if (done == total) fputc('\n', stderr);
    fflush(stderr);
}

static void on_metrics(void *p, const mlp_metrics *m)
{
    train_ctx *c = p;
    if (c->bar && c->last_draw >= 0) { fputs("\r\033[K", stderr); c->last_draw = -1; }
    if (!c->quiet)
        printf("epoch %d/%d  iter %ld  %-5s loss %.6f  acc %.4f  lr %g  %.2fs\n",
               m->epoch, c->epochs, m->iter, m->split, m->loss, m->acc, m->lr, m->seconds);
    char line[256];
    int len = snprintf(line, sizeof line, "%d,%ld,%s,%.9g,%.9g,%.9g,%.6f\n",
                       m->epoch, m->iter, m->split, m->loss, m->acc, m->lr, m->seconds);
    if (c->has_log) {
        mlp_afile_write(&c->log, line, (size_t)len);
    }
    if (c->has_plots_log) mlp_afile_write(&c->plots_log, line, (size_t)len);
}

/* --standardize: per-feature mean and std of the training split, stored in
 * the network so that evaluation and prediction apply the same scaling. */
static int set_standardization(mlp_net *net, const mlp_data *train)
{
    size_t d = (size_t)train->d;
    mlp_real *mean = malloc(d * sizeof *mean), *sd = malloc(d * sizeof *sd);
    mlp_status s = mean && sd ? mlp_data_stats(train, mean, sd) : MLP_ENOMEM;
    if (s == MLP_OK) s = mlp_set_input_scaling(net, mean, sd);
    free(mean);
    free(sd);
    if (s == MLP_ENOMEM) return cli_error("train", s, "out of memory");
    return s == MLP_OK ? 0 : cli_fail("train", s);
}

/* Class names and the image shape of the data travel with the model, for
 * eval, predict and pictures. */
static int keep_data_metadata(mlp_net *net, const mlp_data *train)
{
    mlp_status s = MLP_OK;
    if (train->class_names && train->classes == mlp_width(net, mlp_layers(net)))
        s = mlp_set_class_names(net, train->classes, (const char *const *)train->class_names);
    if (s == MLP_OK && train->shape[0] > 0)
        s = mlp_set_input_shape(net, train->shape[0], train->shape[1], train->shape[2] > 0 ? train->shape[2] : 1);
    return s == MLP_OK ? 0 : cli_fail("train", s);
}

/* --dry-run (mlp sweep checks every combination with it): the network
 * flags are checked by building the network for a stand-in 2-input,
 * 2-class problem; the data source, when it is a named IDX set, by finding
 * it. Nothing is loaded or written. */
static int check_only(const net_flags *nf, int layers_given)
{
    char dir[4096];
    if (mlp_data_locate(nf->data, dir, sizeof dir) == MLP_ENOINPUT) return cli_fail("train", MLP_ENOINPUT);
    if (nf->init_from) {
        FILE *f = fopen(nf->init_from, "rb");
        if (!f) return cli_error("train", MLP_ENOINPUT, "%s: %s", nf->init_from, strerror(errno));
        fclose(f);
        return 0;
    }
    mlp_net *net = NULL;
    int r = cli_build_net("train", nf, layers_given, 2, 2, &net);
    mlp_free(net);
    return r;
}

/* --plots DIR: run.json, model.mlp and the pictures that fit (log.csv is
 * written as training goes). net is NULL when training diverged. */
static int write_run_folder(const char *dir, int argc, char **argv, const arg_spec *specs, const mlp_net *net,
                            const mlp_data *train, const mlp_data *val, const mlp_data *test,
                            const char *status, const mlp_train_result *res)
{
    int r = 0;
    if (net) {
        char *p = rundir_path(dir, RUNDIR_MODEL);
        mlp_status s = p ? mlp_save(net, p) : MLP_ENOMEM;
        free(p);
        if (s != MLP_OK) return s == MLP_ENOMEM ? cli_error("train", s, "out of memory") : cli_fail("train", s);
    }
    const mlp_data *eval = test->n > 0 ? test : val->n > 0 ? val : train;
    const char *eval_name = test->n > 0 ? "test" : val->n > 0 ? "val" : "train";
    int drawn;
    char *log = rundir_path(dir, RUNDIR_LOG);
    r = log ? rundir_pictures("train", dir, "png", log, net, train, eval, eval_name, &drawn) : cli_error("train", MLP_ENOMEM, "out of memory");
    free(log);
    if (!r) r = rundir_write_info("train", dir, argc, argv, specs, status, res);
    return r;
}

/* SIGINT asks training to stop after the step under way (mlp_train_opts.stop). */
static volatile sig_atomic_t interrupted;
static void on_sigint(int sig) { (void)sig; interrupted = 1; }

int cmd_train(int argc, char **argv)
{
    net_flags nf;
    net_flags_defaults(&nf);
    mlp_train_opts o;
    mlp_train_defaults(&o);
    const char *out = NULL, *log = NULL, *plots = NULL, *opt = "sgd", *schedule = "const", *sample = "shuffle";
    int json = 0, quiet = 0, standardize = 0, dry_run = 0, threads = 0;
    double eps = -1;
    int eval_every = 0;
    arg_spec specs[48];
    int k = 0;
    data_flags_specs(&nf, specs, &k);
    net_flags_specs(&nf, specs, &k);
    specs[k++] = (arg_spec){"--lr", ARG_REAL, &o.lr, 0, 1e6, "X", "learning rate (default 0.1)", 0};
    specs[k++] = (arg_spec){"--batch", ARG_INT, &o.batch, 1, 1e9, "N", "rows per step: 1 online, >= set size full batch (default 16)", 0};
    specs[k++] = (arg_spec){"--epochs", ARG_INT, &o.epochs, 0, 1e7, "N", "passes over the training set (default 20)", 0};
    specs[k++] = (arg_spec){"--opt", ARG_STR, &opt, 0, 0, "NAME", "sgd momentum nesterov adagrad rmsprop adam (default sgd)", 0};
    specs[k++] = (arg_spec){"--momentum", ARG_REAL, &o.momentum, 0, 1, "M", "momentum of momentum/nesterov (default 0.9)", 0};
    specs[k++] = (arg_spec){"--beta1", ARG_REAL, &o.beta1, 0, 0.999999, "B", "adam's first-moment decay (default 0.9)", 0};
    specs[k++] = (arg_spec){"--beta2", ARG_REAL, &o.beta2, 0, 0.999999999, "B", "adam's second-moment decay (default 0.999)", 0};
    specs[k++] = (arg_spec){"--alpha", ARG_REAL, &o.alpha, 0, 0.999999999, "A", "rmsprop's smoothing constant (default 0.99)", 0};
    specs[k++] = (arg_spec){"--eps", ARG_REAL, &eps, 0, 1, "X", "adam/rmsprop/adagrad epsilon (default 1e-8, adagrad 1e-10)", 0};
    specs[k++] = (arg_spec){"--schedule", ARG_STR, &schedule, 0, 0, "NAME[:ARGS]", "const linear:TAU:LR_END step:EVERY:GAMMA exp:GAMMA cosine[:T]", 0};
    specs[k++] = (arg_spec){"--sample", ARG_STR, &sample, 0, 0, "shuffle|replace", "new permutation each epoch, or batches drawn with replacement", 0};
    specs[k++] = (arg_spec){"--l2", ARG_REAL, &o.l2, 0, 1e6, "X", "weight decay on weights, not biases (default 0)", 0};
    specs[k++] = (arg_spec){"--dropout", ARG_REAL, &o.dropout, 0, 0.99, "P", "inverted dropout on hidden layers while training (default 0)", 0};
    specs[k++] = (arg_spec){"--eval-every", ARG_INT, &eval_every, 0, 2e9, "K", "also log metrics every K steps (default 0: off)", 0};
    specs[k++] = (arg_spec){"--early-stop", ARG_INT, &o.early_stop, 0, 1e7, "N", "stop after N epochs without a better val loss; keep the best", 0};
    specs[k++] = (arg_spec){"--standardize", ARG_FLAG, &standardize, 0, 0, NULL, "scale features to mean 0, std 1 (training statistics, kept in the model)", 0};
    specs[k++] = (arg_spec){"--checkpoint", ARG_STR, &o.checkpoint, 0, 0, "FILE", "save the whole training state here after every epoch", 0};
    specs[k++] = (arg_spec){"--resume", ARG_STR, &o.resume, 0, 0, "FILE", "continue from a checkpoint (same flags as the original run)", 0};
    specs[k++] = (arg_spec){"--out", ARG_STR, &out, 0, 0, "MODEL", "write the trained model here (docs/FORMAT.md)", 0};
    specs[k++] = (arg_spec){"--log", ARG_STR, &log, 0, 0, "RUN.csv", "write metrics: epoch,iter,split,loss,acc,lr,seconds", 0};
    specs[k++] = (arg_spec){"--plots", ARG_STR, &plots, 0, 0, "DIR", "write a run folder: run.json, log.csv, model.mlp and pictures (PNG)", 0};
    specs[k++] = (arg_spec){"--json", ARG_FLAG, &json, 0, 0, NULL, "end with a JSON summary line", 0};
    specs[k++] = (arg_spec){"--quiet", ARG_FLAG, &quiet, 0, 0, NULL, "no per-epoch lines", 0};
    threads_flag_spec(&threads, specs, &k);
    specs[k++] = (arg_spec){"--dry-run", ARG_FLAG, &dry_run, 0, 0, NULL, "check the flags and outputs, then exit without loading data or training", 0};
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos;
    int r = args_parse(&info, specs, argc, argv, pos, 0, &npos);
    if (!r) mlp_set_threads(threads);
    if (r) return r < 0 ? 0 : r;
    o.seed = nf.seed;
    o.eps = eps;
    o.eval_every = eval_every;
    if (mlp_opt_parse(opt, &o.opt) != MLP_OK) return cli_error("train", MLP_EUSAGE, "--opt: %s", mlp_errmsg());
    if (mlp_schedule_parse(schedule, &o.schedule) != MLP_OK) return cli_error("train", MLP_EUSAGE, "--schedule: %s", mlp_errmsg());
    if (strcmp(sample, "shuffle") == 0) o.sample_replace = 0;
    else if (strcmp(sample, "replace") == 0) o.sample_replace = 1;
    else return cli_error("train", MLP_EUSAGE, "--sample: '%s' is not shuffle or replace", sample);
    if (o.early_stop > 0 && !nf.val) return cli_error("train", MLP_EUSAGE, "--early-stop needs a validation set: add --val N|FRACTION");

    /* Refuse an output that cannot be written before spending time training. */
    const char *outputs[3] = {out, o.checkpoint, log};
    for (int i = 0; i < 3; i++)
        if (outputs[i] && mlp_afile_check(outputs[i]) != MLP_OK) return cli_fail("train", MLP_ECANTCREAT);
    if (dry_run) return check_only(&nf, args_seen(specs, "--layers"));
    if (plots && (r = rundir_make("train", plots))) return r;
    mlp_data train, test, val;
    if ((r = cli_load_data("train", &nf, &train, &val, &test))) return r;
    mlp_net *net = NULL;
    if (!r) r = cli_build_net("train", &nf, args_seen(specs, "--layers"), train.d, train.classes, &net);
    if (!r && standardize) r = set_standardization(net, &train);
    if (!r) r = keep_data_metadata(net, &train);
    o.val = &val;
    train_ctx ctx = {.quiet = quiet, .epochs = o.epochs, .batch = o.batch,
                     .bar = !quiet && isatty(STDERR_FILENO), .last_draw = -1};
    if (!r && log) {
        mlp_status s = mlp_afile_open(&ctx.log, log);
        if (s != MLP_OK) r = cli_fail("train", s);
        else {
            ctx.has_log = 1;
            mlp_afile_write(&ctx.log, "epoch,iter,split,loss,acc,lr,seconds\n", 37);
        }
    }
    if (!r && plots) {
        char *p = rundir_path(plots, RUNDIR_LOG);
        mlp_status s = p ? mlp_afile_open(&ctx.plots_log, p) : MLP_ENOMEM;
        free(p);
        if (s != MLP_OK) r = s == MLP_ENOMEM ? cli_error("train", s, "out of memory") : cli_fail("train", s);
        else {
            ctx.has_plots_log = 1;
            mlp_afile_write(&ctx.plots_log, "epoch,iter,split,loss,acc,lr,seconds\n", 37);
        }
    }
    mlp_train_result res;
    int trained = 0;
    if (!r) {
        o.on_metrics = on_metrics;
        o.on_progress = on_progress;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        o.stop = &interrupted;
        o.ctx = &ctx;
        mlp_status s = mlp_train(net, &train, &test, &o, &res);
        if (s != MLP_OK) r = cli_fail("train", s);
        trained = s == MLP_OK || s == MLP_EDIVERGED;
    }
    fflush(stdout);
    /* The log is kept even when training diverged: it shows how. */
    if (ctx.has_log) {
        mlp_status s = mlp_afile_commit(&ctx.log);
        if (s != MLP_OK && !r) r = cli_fail("train", s);
    }
    if (ctx.has_plots_log) {
        mlp_status s = mlp_afile_commit(&ctx.plots_log);
        if (s != MLP_OK && !r) r = cli_fail("train", s);
    }
    if (!r && out) {
        mlp_status s = mlp_save(net, out);
        if (s != MLP_OK) r = cli_fail("train", s);
    }
    /* The run folder: also for a run that diverged (its log shows how). */
    if (plots && trained && (!r || r == MLP_EDIVERGED)) {
        int e = write_run_folder(plots, argc, argv, specs, r ? NULL : net, &train, &val, &test, r ? "diverged" : "ok", r ? NULL : &res);
        if (e && !r) r = e;
    }
    if (!r && json) {
        /* The contract's keys, in its order; null where not measured. */
        const struct { const char *key; double v; } f[] = {
            {"train_loss", res.train_loss}, {"train_acc", res.train_acc},
            {"val_loss", res.val_loss}, {"val_acc", res.val_acc},
            {"test_loss", res.test_loss}, {"test_acc", res.test_acc},
            {"train_seconds", res.train_seconds},
            {"samples_per_second", res.epochs > 0 ? res.samples_per_second : NAN},
        };
        printf("{\"epochs\":%d", res.epochs);
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
            printf(",\"%s\":", f[i].key);
            json_num(stdout, f[i].v);
        }
        printf("}\n");
    }
    mlp_free(net);
    mlp_data_free(&train);
    mlp_data_free(&test);
    mlp_data_free(&val);
    return r;
}

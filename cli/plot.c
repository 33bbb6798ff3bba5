/* plot.c - `mlp plot`: one picture, PNG or SVG by the output's extension:
 * training curves from logs (the default), or a model's weights, decision
 * regions, sample predictions or confusion matrix, or a sweep's heatmap. */
#include "common.h"
#include "draw.h"

#include <stdlib.h>
#include <string.h>

static const cmd_info info = {
    "plot", "mlp plot [LABEL=]RUN.csv... --out FILE.(png|svg) [flags]\n"
            "       mlp plot --kind weights|regions|samples|confusion MODEL --out FILE [--data SRC ...]\n"
            "       mlp plot --kind sweep RESULTS.csv --x FLAG --y FLAG [--metric NAME] --out FILE",
    "Draws one picture with gnuplot; PNG or SVG by the output's extension\n"
    "(docs/PLOTS.md). Kinds:\n"
    "  curves     (default) loss and accuracy of train/val/test from training logs\n"
    "             (mlp train --log) against epochs, or iterations for --eval-every\n"
    "             logs. Several logs share one chart with a legend; logs with the\n"
    "             same LABEL (LABEL=RUN.csv, or all of them with --mean) are one\n"
    "             configuration repeated, drawn as mean and a +-1 std band.\n"
    "  weights    the first layer's weights of MODEL as image tiles (the class\n"
    "             templates of softmax regression)\n"
    "  regions    MODEL's decision regions over 2-D data with the points on top\n"
    "  samples    a grid of images: true class, predicted class, probability\n"
    "  confusion  MODEL's confusion matrix on a split as a heatmap\n"
    "  sweep      a sweep's final metric over two swept flags, diverged marked",
    "exit status: 0 done, 2 bad usage (or an extension other than .png/.svg),\n"
    "65 bad data, 66 missing input, 73 cannot create output (or gnuplot missing),\n"
    "74 write error.\n"
};

static int model_kind(const char *cmd, const char *kind, const char *model, net_flags *nf,
                      const char *split, int tiles, int samples, const char *out)
{
    mlp_net *net;
    mlp_status s = mlp_load(&net, model);
    if (s != MLP_OK) return cli_fail(cmd, s);
    int r = 0;
    if (strcmp(kind, "weights") == 0) {
        r = draw_weights(cmd, net, tiles, out);
        mlp_free(net);
        return r;
    }
    draw_format fmt;
    if ((r = draw_format_of(cmd, out, &fmt))) { mlp_free(net); return r; }
    mlp_data train, val, test;
    if ((r = cli_load_data(cmd, nf, &train, nf->val ? &val : NULL, &test))) { mlp_free(net); return r; }
    if (!nf->val) memset(&val, 0, sizeof val);
    if (!split) split = strcmp(kind, "regions") == 0 || test.n == 0 ? "train" : "test";
    const mlp_data *d = strcmp(split, "train") == 0 ? &train : strcmp(split, "val") == 0 ? &val : &test;
    if (d->n == 0) r = cli_error(cmd, MLP_EUSAGE, "--split: %s has no %s split", nf->data, split);
    else if (d->d != mlp_width(net, 0))
        r = cli_error(cmd, MLP_EDATA, "%s: the model takes %d inputs, %s has %d features", model, mlp_width(net, 0), nf->data, (int)d->d);
    else if (strcmp(kind, "regions") == 0) r = draw_regions(cmd, net, d, out);
    else if (strcmp(kind, "samples") == 0) r = draw_samples(cmd, net, d, samples, out);
    else {
        mlp_report rep;
        if ((s = mlp_report_data(net, d, &rep)) != MLP_OK) r = cli_fail(cmd, s);
        else {
            char title[128];
            snprintf(title, sizeof title, "confusion matrix, %s split", split);
            r = draw_confusion(cmd, net, &rep, title, out);
            mlp_report_free(&rep);
        }
    }
    mlp_data_free(&train);
    mlp_data_free(&val);
    mlp_data_free(&test);
    mlp_free(net);
    return r;
}

int cmd_plot(int argc, char **argv)
{
    const char *cmd = "plot";
    net_flags nf;
    net_flags_defaults(&nf);
    const char *out = NULL, *kind = "curves", *against = "auto", *title = NULL, *split = NULL;
    const char *xf = NULL, *yf = NULL, *metric = "test_acc";
    int mean = 0, tiles = 100, samples = 24;
    arg_spec specs[32];
    int k = 0;
    specs[k++] = (arg_spec){"--out", ARG_STR, &out, 0, 0, "FILE", "the picture: FILE.png or FILE.svg (required)", 0};
    specs[k++] = (arg_spec){"--kind", ARG_STR, &kind, 0, 0, "NAME", "curves (default) weights regions samples confusion sweep", 0};
    specs[k++] = (arg_spec){"--title", ARG_STR, &title, 0, 0, "TEXT", "curves: the chart's title", 0};
    specs[k++] = (arg_spec){"--against", ARG_STR, &against, 0, 0, "epoch|iter|auto", "curves: x axis (auto: iterations when a log has --eval-every rows)", 0};
    specs[k++] = (arg_spec){"--mean", ARG_FLAG, &mean, 0, 0, NULL, "curves: every log is a repeat of one configuration: mean and std band", 0};
    specs[k++] = (arg_spec){"--tiles", ARG_INT, &tiles, 1, 1024, "N", "weights: at most N tiles (default 100)", 0};
    specs[k++] = (arg_spec){"--samples", ARG_INT, &samples, 1, 200, "N", "samples: the first N images of the split (default 24)", 0};
    specs[k++] = (arg_spec){"--split", ARG_STR, &split, 0, 0, "test|train|val", "regions, samples, confusion: the split (default test; regions train)", 0};
    specs[k++] = (arg_spec){"--x", ARG_STR, &xf, 0, 0, "FLAG", "sweep: the column across (e.g. --batch)", 0};
    specs[k++] = (arg_spec){"--y", ARG_STR, &yf, 0, 0, "FLAG", "sweep: the column down (e.g. --lr)", 0};
    specs[k++] = (arg_spec){"--metric", ARG_STR, &metric, 0, 0, "NAME", "sweep: the column to colour by (default test_acc)", 0};
    data_flags_specs(&nf, specs, &k);
    specs[k] = (arg_spec){0};
    enum { MAX_RUNS = 1024 };
    static char *pos[MAX_RUNS + 1];
    int npos, r = args_parse(&info, specs, argc, argv, pos, MAX_RUNS + 1, &npos);
    if (r) return r < 0 ? 0 : r;
    if (!out) return cli_error(cmd, MLP_EUSAGE, "--out FILE.png|FILE.svg is required");
    draw_format fmt;
    if ((r = draw_format_of(cmd, out, &fmt))) return r;
    if (split && strcmp(split, "test") && strcmp(split, "train") && strcmp(split, "val"))
        return cli_error(cmd, MLP_EUSAGE, "--split: '%s' is not test, train or val", split);

    if (strcmp(kind, "curves") == 0) {
        if (npos < 1) return cli_error(cmd, MLP_EUSAGE, "needs at least one RUN.csv (see mlp help plot)");
        int x_iter = strcmp(against, "iter") == 0 || strcmp(against, "iteration") == 0 ? 1
                   : strcmp(against, "epoch") == 0 ? 0 : strcmp(against, "auto") == 0 ? -1 : -2;
        if (x_iter == -2) return cli_error(cmd, MLP_EUSAGE, "--against: '%s' is not epoch, iter or auto", against);
        const char *runs[MAX_RUNS], *labels[MAX_RUNS];
        char group[64];
        snprintf(group, sizeof group, "mean of %d runs", npos);
        for (int i = 0; i < npos; i++) {
            /* LABEL=FILE, where LABEL has no '/'. */
            char *eq = strchr(pos[i], '=');
            if (eq && eq != pos[i] && memchr(pos[i], '/', (size_t)(eq - pos[i])) == NULL) {
                *eq = 0;
                labels[i] = pos[i];
                runs[i] = eq + 1;
            } else {
                labels[i] = mean ? (title ? title : group) : NULL;
                runs[i] = pos[i];
            }
        }
        return draw_curves(cmd, npos, runs, labels, x_iter, title, out);
    }
    if (strcmp(kind, "sweep") == 0) {
        if (npos != 1) return cli_error(cmd, MLP_EUSAGE, "--kind sweep needs one RESULTS.csv (see mlp help plot)");
        if (!xf || !yf) return cli_error(cmd, MLP_EUSAGE, "--kind sweep needs --x FLAG and --y FLAG (columns of %s)", pos[0]);
        return draw_sweep_csv(cmd, pos[0], xf, yf, metric, out);
    }
    if (strcmp(kind, "weights") && strcmp(kind, "regions") && strcmp(kind, "samples") && strcmp(kind, "confusion"))
        return cli_error(cmd, MLP_EUSAGE, "--kind: '%s' is not curves, weights, regions, samples, confusion or sweep", kind);
    if (npos != 1) return cli_error(cmd, MLP_EUSAGE, "--kind %s needs one MODEL file (see mlp help plot)", kind);
    return model_kind(cmd, kind, pos[0], &nf, split, tiles, samples, out);
}

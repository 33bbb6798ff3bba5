/* common.c - data and network flags shared by the subcommands. */
#include "common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HIDDEN 30

void net_flags_defaults(net_flags *f)
{
    memset(f, 0, sizeof *f);
    f->data = "fashion-mnist";
    f->layers = "100";
    f->act = "relu";
    f->loss = "ce";
    f->init = "auto";
    f->bias_init = "zeros";
    f->seed = 1;
    f->n = 0;
    f->noise = -1;
}

void data_flags_specs(net_flags *f, arg_spec *s, int *k)
{
    s[(*k)++] = (arg_spec){"--data", ARG_STR, &f->data, 0, 0, "SRC", "data source (docs/DATA.md): fashion-mnist (default), mnist, idx:DIR, csv:TRAIN.csv[,TEST.csv], circles, xor, spiral, ...", 0};
    s[(*k)++] = (arg_spec){"--n", ARG_INT, &f->n, 1, 1e8, "N", "samples in each split of a synthetic set (default 1000)", 0};
    s[(*k)++] = (arg_spec){"--noise", ARG_REAL, &f->noise, 0, 10, "X", "noise of a synthetic set (default 0.1)", 0};
    s[(*k)++] = (arg_spec){"--label-col", ARG_STR, &f->label_col, 0, 0, "N|NAME|last", "CSV label column (default: the first)", 0};
    s[(*k)++] = (arg_spec){"--test", ARG_REAL, &f->test_fraction, 0, 0.99, "FRACTION", "CSV without a test file: hold out this fraction as test", 0};
    s[(*k)++] = (arg_spec){"--val", ARG_STR, &f->val, 0, 0, "N|FRACTION", "hold out the last N (or FRACTION) training rows for validation", 0};
    s[(*k)++] = (arg_spec){"--seed", ARG_U64, &f->seed, 0, 0, "N", "seed of everything random (default 1)", 0};
}

void net_flags_specs(net_flags *f, arg_spec *s, int *k)
{
    s[(*k)++] = (arg_spec){"--layers", ARG_STR, &f->layers, 0, 0, "W1,W2,..", "hidden layer widths, or none (default 100)", 0};
    s[(*k)++] = (arg_spec){"--act", ARG_STR, &f->act, 0, 0, "A[,A..]", "hidden activation(s): sigmoid tanh relu leaky-relu identity step (default relu)", 0};
    s[(*k)++] = (arg_spec){"--loss", ARG_STR, &f->loss, 0, 0, "ce|mse", "softmax cross-entropy or mean squared error (default ce)", 0};
    s[(*k)++] = (arg_spec){"--init", ARG_STR, &f->init, 0, 0, "NAME", "weights: normal:STD uniform:A xavier xavier-uniform he lecun maxfan pytorch zeros (default: he for relu, xavier otherwise)", 0};
    s[(*k)++] = (arg_spec){"--bias-init", ARG_STR, &f->bias_init, 0, 0, "NAME", "biases, same names (default zeros)", 0};
    s[(*k)++] = (arg_spec){"--init-from", ARG_STR, &f->init_from, 0, 0, "W.npz", "start from weights W1,b1,... in a NumPy archive", 0};
}

void threads_flag_spec(int *threads, arg_spec *s, int *k)
{
    s[(*k)++] = (arg_spec){"--threads", ARG_INT, threads, 0, 1024, "N",
                           "threads for the products (default 0: every core); results do not depend on it", 0};
}

/* --val N or --val FRACTION (0 < FRACTION < 1): the last rows of train. */
static int hold_out(const char *cmd, mlp_data *train, const char *spec, mlp_data *val)
{
    char *end;
    double v = strtod(spec, &end);
    if (end == spec || *end || !(v > 0))
        return cli_error(cmd, MLP_EUSAGE, "--val: '%s' is not a row count or a fraction between 0 and 1", spec);
    if (v >= 1 && v != floor(v))
        return cli_error(cmd, MLP_EUSAGE, "--val: '%s' is neither a whole row count nor a fraction below 1", spec);
    double rows = v < 1 ? floor(v * train->n + 0.5) : v;
    if (rows < 1 || rows >= train->n)
        return cli_error(cmd, MLP_EUSAGE, "--val: %.0f rows cannot be held out of %d training rows", rows, (int)train->n);
    mlp_status s = mlp_data_split_tail(train, (int32_t)rows, val);
    return s == MLP_OK ? 0 : cli_fail(cmd, s);
}

int cli_load_data(const char *cmd, const net_flags *f, mlp_data *train, mlp_data *val, mlp_data *test)
{
    mlp_data_opts o = {.n = f->n, .noise = f->noise, .seed = f->seed,
                       .label_col = f->label_col, .test_fraction = f->test_fraction};
    if (val) memset(val, 0, sizeof *val);
    mlp_status s = mlp_data_load(f->data, &o, train, test);
    if (s != MLP_OK) return cli_fail(cmd, s);
    int r = 0;
    if (f->val && val) r = hold_out(cmd, train, f->val, val);
    else if (f->val) r = cli_error(cmd, MLP_EUSAGE, "--val has no use here");
    if (r) { mlp_data_free(train); mlp_data_free(test); }
    return r;
}

int cli_parse_acts(const char *cmd, const char *spec, mlp_act *acts, int max)
{
    int n = 0;
    char buf[64];
    const char *p = spec;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (n == max) return cli_error(cmd, MLP_EUSAGE, "--act: more than %d activations", max), -1;
        if (len == 0 || len >= sizeof buf) return cli_error(cmd, MLP_EUSAGE, "--act: '%s' is not a list of activations", spec), -1;
        memcpy(buf, p, len);
        buf[len] = 0;
        if (mlp_act_parse(buf, &acts[n]) != MLP_OK) return cli_error(cmd, MLP_EUSAGE, "--act: %s", mlp_errmsg()), -1;
        n++;
        if (!p[len]) break;
        p += len + 1;
    }
    return n;
}

/* Parses "300,100" (or "none"/"") into widths; returns the count or -1. */
static int parse_layers(const char *cmd, const char *spec, int *w, int max)
{
    if (!*spec || strcmp(spec, "none") == 0 || strcmp(spec, "0") == 0) return 0;
    int n = 0;
    const char *p = spec;
    for (;;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || (*end && *end != ',') || v < 1 || v > (1 << 24))
            return cli_error(cmd, MLP_EUSAGE, "--layers: '%s' is not a list of widths like 300,100", spec), -1;
        if (n == max) return cli_error(cmd, MLP_EUSAGE, "--layers: more than %d hidden layers", max), -1;
        w[n++] = (int)v;
        if (!*end) break;
        p = end + 1;
    }
    return n;
}

int cli_build_net(const char *cmd, const net_flags *f, int layers_given, int in, int out, mlp_net **net)
{
    mlp_act acts[MAX_HIDDEN];
    mlp_loss loss;
    if (mlp_loss_parse(f->loss, &loss) != MLP_OK) return cli_error(cmd, MLP_EUSAGE, "--loss: %s", mlp_errmsg());
    int n_acts = cli_parse_acts(cmd, f->act, acts, MAX_HIDDEN);
    if (n_acts < 0) return MLP_EUSAGE;

    if (f->init_from) {
        if (layers_given)
            return cli_error(cmd, MLP_EUSAGE, "--layers conflicts with --init-from: the widths come from %s", f->init_from);
        mlp_status s = mlp_import_npz(net, f->init_from, acts, n_acts, loss);
        if (s != MLP_OK) return cli_fail(cmd, s);
        if (mlp_width(*net, 0) != in || mlp_width(*net, mlp_layers(*net)) < out) {
            int r = cli_error(cmd, MLP_EDATA, "%s: the network takes %d inputs and has %d outputs, but the data has %d features and %d classes",
                              f->init_from, mlp_width(*net, 0), mlp_width(*net, mlp_layers(*net)), in, out);
            mlp_free(*net);
            *net = NULL;
            return r;
        }
        return 0;
    }

    int sizes[MAX_HIDDEN + 2];
    int hidden = parse_layers(cmd, f->layers, sizes + 1, MAX_HIDDEN);
    if (hidden < 0) return MLP_EUSAGE;
    if (n_acts != 1 && n_acts != hidden)
        return cli_error(cmd, MLP_EUSAGE, "--act: %d activations for %d hidden layers (give one, or one per layer)", n_acts, hidden);
    for (int i = n_acts; i < hidden; i++) acts[i] = acts[0];
    sizes[0] = in;
    sizes[hidden + 1] = out;

    mlp_init wi, bi;
    if (strcmp(f->init, "auto") == 0) {
        wi.kind = hidden > 0 && (acts[0] == MLP_RELU || acts[0] == MLP_LEAKY_RELU) ? MLP_INIT_HE : MLP_INIT_XAVIER;
        wi.arg = 0;
    } else if (mlp_init_parse(f->init, &wi) != MLP_OK) {
        return cli_error(cmd, MLP_EUSAGE, "--init: %s", mlp_errmsg());
    }
    if (mlp_init_parse(f->bias_init, &bi) != MLP_OK) return cli_error(cmd, MLP_EUSAGE, "--bias-init: %s", mlp_errmsg());

    mlp_status s = mlp_new(net, hidden + 1, sizes, acts, loss);
    if (s != MLP_OK) return cli_error(cmd, s, "%s", mlp_errmsg());
    mlp_rng rng;
    mlp_rng_seed(&rng, f->seed);
    mlp_init_params(*net, wi, bi, &rng);
    return 0;
}

void json_num(FILE *f, double v)
{
    if (isfinite(v)) fprintf(f, "%.9g", v);
    else fputs("null", f);
}

void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

/* predict.c - `mlp predict MODEL INPUT...`: the top classes of each input:
 * PNG/PGM images, IDX image files (every image) and CSV files (every row). */
#include "common.h"
#include "data/data.h"
#include "data/csv.h"
#include "data/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cmd_info info = {
    "predict", "mlp predict MODEL INPUT... [--top K] [--invert] [--json]",
    "Prints the K most probable classes of each input with their probabilities.\n"
    "An INPUT is a PNG or PGM image (the model's input size, e.g. 28x28;\n"
    "colour is converted to gray, pixels scaled to [0,1]), an IDX images file\n"
    "(raw or .gz; every image), or a CSV file laid out as for training (every\n"
    "row; its label, named as the model names its classes, shown as true).",
    "exit status: 0 done, 2 bad usage, 65 bad model or input, 66 missing input.\n"
};

typedef struct {
    int json, top, first;
    const mlp_net *net;
    const char *label_col;
} out_ctx;

static void print_one(out_ctx *c, const char *input, long row, int truth, const mlp_real *p)
{
    int k = mlp_width(c->net, mlp_layers(c->net));
    int order[64], top = c->top < k ? c->top : k;
    if (top > 64) top = 64;
    /* Selection of the top classes, highest first, ties to the lower class. */
    for (int t = 0; t < top; t++) {
        int best = -1;
        for (int j = 0; j < k; j++) {
            int used = 0;
            for (int u = 0; u < t; u++) used |= order[u] == j;
            if (!used && (best < 0 || p[j] > p[best])) best = j;
        }
        order[t] = best;
    }
    if (c->json) {
        printf("%s{\"input\":", c->first ? "" : ",");
        json_str(stdout, input);
        if (row >= 0) printf(",\"row\":%ld", row);
        if (truth >= 0) printf(",\"true\":%d", truth);
        printf(",\"top\":[");
        for (int t = 0; t < top; t++) {
            const char *name = mlp_class_name(c->net, order[t]);
            printf("%s{\"class\":%d,", t ? "," : "", order[t]);
            if (name) { printf("\"name\":"); json_str(stdout, name); putchar(','); }
            printf("\"p\":");
            json_num(stdout, p[order[t]]);
            putchar('}');
        }
        printf("]}");
    } else {
        if (row >= 0) printf("%s[%ld]:", input, row);
        else printf("%s:", input);
        if (truth >= 0) printf(" (true %d)", truth);
        for (int t = 0; t < top; t++) {
            const char *name = mlp_class_name(c->net, order[t]);
            printf("  %d%s%s%s %.4f", order[t], name ? " (" : "", name ? name : "", name ? ")" : "", (double)p[order[t]]);
        }
        putchar('\n');
    }
    c->first = 0;
}

/* The height and width an image input must have. */
static void image_shape(const mlp_net *net, int *h, int *w)
{
    int c;
    mlp_input_shape(net, h, w, &c);
    if (*h > 0) return;
    int d = mlp_width(net, 0), s = 1;
    while ((s + 1) * (s + 1) <= d) s++;
    *h = *w = s * s == d ? s : 0; /* a square input is taken as a square image */
}

static int predict_set(out_ctx *c, const char *path, const mlp_data *d)
{
    int in = mlp_width(c->net, 0), k = mlp_width(c->net, mlp_layers(c->net));
    if (d->d != in)
        return cli_error("predict", MLP_EDATA, "%s: %d features per row, the model takes %d", path, (int)d->d, in);
    mlp_real *x = malloc((size_t)in * sizeof *x), *p = malloc((size_t)k * sizeof *p);
    int r = x && p ? 0 : cli_error("predict", MLP_ENOMEM, "out of memory");
    for (int32_t i = 0; !r && i < d->n; i++) {
        int32_t idx = i;
        mlp_data_gather(d, &idx, 1, x, NULL);
        mlp_status s = mlp_run(c->net, x, 1, p);
        if (s != MLP_OK) r = cli_fail("predict", s);
        else print_one(c, path, i, d->y ? d->y[i] : -1, p);
    }
    free(x);
    free(p);
    return r;
}

static int predict_input(out_ctx *c, const char *path, int invert)
{
    image_kind kind;
    mlp_status s = image_probe(path, &kind);
    if (s != MLP_OK) return cli_fail("predict", s);
    if (kind == IMAGE_PNG || kind == IMAGE_PGM) {
        int h, w, in = mlp_width(c->net, 0), k = mlp_width(c->net, mlp_layers(c->net));
        image_shape(c->net, &h, &w);
        if (h * w != in)
            return cli_error("predict", MLP_EDATA, "%s: the model takes %d inputs, not an image", path, in);
        mlp_real *x = malloc((size_t)in * sizeof *x), *p = malloc((size_t)k * sizeof *p);
        int r = x && p ? 0 : cli_error("predict", MLP_ENOMEM, "out of memory");
        if (!r && (s = image_load(path, h, w, invert, x)) != MLP_OK) r = cli_fail("predict", s);
        if (!r && (s = mlp_run(c->net, x, 1, p)) != MLP_OK) r = cli_fail("predict", s);
        if (!r) print_one(c, path, -1, -1, p);
        free(x);
        free(p);
        return r;
    }
    mlp_data d;
    const char *dot = strrchr(path, '.');
    if (dot && strcmp(dot, ".csv") == 0) {
        /* Labels are read as the model knows its classes: by name when it
         * has names, else as class numbers. */
        int k = mlp_width(c->net, mlp_layers(c->net));
        const char **names = mlp_class_name(c->net, 0) ? malloc((size_t)k * sizeof *names) : NULL;
        for (int j = 0; names && j < k; j++) names[j] = mlp_class_name(c->net, j);
        mlp_data_opts o = {.label_col = c->label_col};
        s = csv_load_named(path, &o, k, names, &d);
        free(names);
    }
    else s = idx_read(path, IDX_IMAGES, -1, NULL, &d);
    if (s != MLP_OK) return cli_fail("predict", s);
    if (invert && d.x8)
        for (size_t i = 0; i < (size_t)d.n * d.d; i++) d.x8[i] = (uint8_t)(255 - d.x8[i]);
    int r = predict_set(c, path, &d);
    mlp_data_free(&d);
    return r;
}

int cmd_predict(int argc, char **argv)
{
    int top = 3, json = 0, invert = 0;
    const char *label_col = NULL;
    arg_spec specs[] = {
        {"--label-col", ARG_STR, &label_col, 0, 0, "N|NAME|last", "label column of CSV inputs (default: the first)", 0},
        {"--top", ARG_INT, &top, 1, 64, "K", "how many classes to show (default 3)", 0},
        {"--invert", ARG_FLAG, &invert, 0, 0, NULL, "invert pixels (v -> 1 - v) for dark-on-light drawings", 0},
        {"--json", ARG_FLAG, &json, 0, 0, NULL, "print one JSON object {predictions: [...]}", 0},
        {0},
    };
    enum { MAX_INPUTS = 4096 };
    static char *pos[MAX_INPUTS + 1];
    int npos, r = args_parse(&info, specs, argc, argv, pos, MAX_INPUTS + 1, &npos);
    if (r) return r < 0 ? 0 : r;
    if (npos < 2) return cli_error("predict", MLP_EUSAGE, "needs a MODEL and at least one INPUT (see mlp help predict)");
    mlp_net *net;
    mlp_status s = mlp_load(&net, pos[0]);
    if (s != MLP_OK) return cli_fail("predict", s);
    out_ctx c = {json, top, 1, net, label_col};
    if (json) printf("{\"predictions\":[");
    for (int i = 1; !r && i < npos; i++) r = predict_input(&c, pos[i], invert);
    if (json) printf("]}\n");
    mlp_free(net);
    return r;
}

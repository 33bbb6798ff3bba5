/* eval.c - `mlp eval MODEL`: loss, accuracy, confusion matrix and
 * per-class precision, recall and F1 on a split of a data source. */
#include "common.h"

#include <stdio.h>
#include <string.h>

static const cmd_info info = {
    "eval", "mlp eval MODEL [--data SRC] [--split test|train|val] [--json]",
    "Evaluates a model on one split of a data source (default: the test split\n"
    "of the default source): mean loss, accuracy, the confusion matrix (rows are\n"
    "true classes, columns predictions) and per-class precision, recall and F1.",
    "--split val needs the same --val as training (the last rows of the training\n"
    "split). exit status: 0 done, 2 bad usage, 65 bad data or model, 66 missing input.\n"
};

static void json_array(const double *v, int n)
{
    putchar('[');
    for (int i = 0; i < n; i++) {
        if (i) putchar(',');
        json_num(stdout, v[i]);
    }
    putchar(']');
}

static void print_json(const mlp_report *r)
{
    printf("{\"n\":%d,\"loss\":", (int)r->n);
    json_num(stdout, r->loss);
    printf(",\"accuracy\":");
    json_num(stdout, r->accuracy);
    printf(",\"confusion\":[");
    for (int i = 0; i < r->k; i++) {
        printf("%s[", i ? "," : "");
        for (int j = 0; j < r->k; j++) printf("%s%lld", j ? "," : "", (long long)r->confusion[(size_t)i * r->k + j]);
        putchar(']');
    }
    printf("],\"precision\":");
    json_array(r->precision, r->k);
    printf(",\"recall\":");
    json_array(r->recall, r->k);
    printf(",\"f1\":");
    json_array(r->f1, r->k);
    printf(",\"macro_f1\":");
    json_num(stdout, r->macro_f1);
    printf("}\n");
}

static void print_table(const mlp_net *net, const mlp_report *r, const char *split)
{
    printf("%s split: %d rows  loss %.6f  accuracy %.4f  macro F1 %.4f\n\n", split, (int)r->n, r->loss, r->accuracy, r->macro_f1);
    printf("confusion matrix (rows: true class, columns: predicted)\n%10s", "");
    for (int j = 0; j < r->k; j++) printf(" %6d", j);
    putchar('\n');
    for (int i = 0; i < r->k; i++) {
        const char *name = mlp_class_name(net, i);
        printf("%3d %-6.6s", i, name ? name : "");
        for (int j = 0; j < r->k; j++) printf(" %6lld", (long long)r->confusion[(size_t)i * r->k + j]);
        putchar('\n');
    }
    printf("\n%-12s %9s %9s %9s %8s\n", "class", "precision", "recall", "f1", "support");
    for (int i = 0; i < r->k; i++) {
        int64_t support = 0;
        for (int j = 0; j < r->k; j++) support += r->confusion[(size_t)i * r->k + j];
        const char *name = mlp_class_name(net, i);
        char label[32];
        snprintf(label, sizeof label, "%d%s%.20s", i, name ? " " : "", name ? name : "");
        printf("%-12s %9.4f %9.4f %9.4f %8lld\n", label, r->precision[i], r->recall[i], r->f1[i], (long long)support);
    }
}

int cmd_eval(int argc, char **argv)
{
    net_flags nf;
    net_flags_defaults(&nf);
    const char *split = "test";
    int json = 0, threads = 0;
    arg_spec specs[16];
    int k = 0;
    data_flags_specs(&nf, specs, &k);
    specs[k++] = (arg_spec){"--split", ARG_STR, &split, 0, 0, "test|train|val", "which split to evaluate (default test)", 0};
    specs[k++] = (arg_spec){"--json", ARG_FLAG, &json, 0, 0, NULL, "print one JSON object {n, loss, accuracy, confusion, precision, recall, f1}", 0};
    threads_flag_spec(&threads, specs, &k);
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos, r = args_parse(&info, specs, argc, argv, pos, 1, &npos);
    if (r) return r < 0 ? 0 : r;
    mlp_set_threads(threads);
    if (npos != 1) return cli_error("eval", MLP_EUSAGE, "needs a MODEL file (see mlp help eval)");
    if (strcmp(split, "test") && strcmp(split, "train") && strcmp(split, "val"))
        return cli_error("eval", MLP_EUSAGE, "--split: '%s' is not test, train or val", split);
    if (strcmp(split, "val") == 0 && !nf.val)
        return cli_error("eval", MLP_EUSAGE, "--split val needs --val N|FRACTION, as given to mlp train");

    mlp_net *net;
    mlp_status s = mlp_load(&net, pos[0]);
    if (s != MLP_OK) return cli_fail("eval", s);
    mlp_data train, val, test;
    if ((r = cli_load_data("eval", &nf, &train, &val, &test))) { mlp_free(net); return r; }
    const mlp_data *d = strcmp(split, "train") == 0 ? &train : strcmp(split, "val") == 0 ? &val : &test;
    mlp_report rep;
    if (d->n == 0) {
        r = cli_error("eval", MLP_EUSAGE, "%s has no %s split", nf.data, split);
    } else if ((s = mlp_report_data(net, d, &rep)) != MLP_OK) {
        r = cli_fail("eval", s);
    } else {
        if (json) print_json(&rep);
        else print_table(net, &rep, split);
        mlp_report_free(&rep);
    }
    mlp_free(net);
    mlp_data_free(&train);
    mlp_data_free(&val);
    mlp_data_free(&test);
    return r;
}

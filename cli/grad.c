/* grad.c - `mlp grad`: the loss, the outputs and every gradient of a batch,
 * for checking a hand derivation (seed 000's worked example). */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cmd_info info = {
    "grad", "mlp grad (MODEL | --init-from W.npz --act A) --data SRC [--batch N] [--json]",
    "Prints the mean loss, the network's outputs (probabilities for ce) and the\n"
    "gradient of the loss with respect to every weight and bias, for the first\n"
    "N rows of the training split (default: all of them).",
    "Tensors are named W1, b1, W2, b2, ...; W has shape out x in.\n"
    "exit status: 0 done, 2 bad usage, 65 bad data, 66 missing input.\n"
};

/* Prints rows x cols values as text (%.6g) or as a JSON nested array. */
static void print_matrix(const mlp_real *v, int rows, int cols, int json, int vector)
{
    if (json && !vector) putchar('[');
    for (int i = 0; i < rows; i++) {
        if (json) printf("%s[", i ? "," : "");
        else printf("  ");
        for (int j = 0; j < cols; j++) {
            if (json) {
                if (j) putchar(',');
                json_num(stdout, v[(size_t)i * cols + j]);
            } else {
                printf("%s%.6g", j ? " " : "", (double)v[(size_t)i * cols + j]);
            }
        }
        printf(json ? "]" : "\n");
    }
    if (json && !vector) putchar(']');
}

int cmd_grad(int argc, char **argv)
{
    net_flags nf;
    net_flags_defaults(&nf);
    nf.data = NULL;
    int batch = 0, json = 0;
    arg_spec specs[24];
    int k = 0;
    data_flags_specs(&nf, specs, &k);
    net_flags_specs(&nf, specs, &k);
    specs[k++] = (arg_spec){"--batch", ARG_INT, &batch, 1, 1e9, "N", "use the first N rows (default all)", 0};
    specs[k++] = (arg_spec){"--json", ARG_FLAG, &json, 0, 0, NULL, "print one JSON object {loss, outputs, grads}", 0};
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos;
    int r = args_parse(&info, specs, argc, argv, pos, 1, &npos);
    if (r) return r < 0 ? 0 : r;
    if (!nf.data) return cli_error("grad", MLP_EUSAGE, "--data is required (for example --data csv:sample.csv)");
    if (npos == 0 && !nf.init_from) return cli_error("grad", MLP_EUSAGE, "give a MODEL file or --init-from W.npz");
    if (npos == 1 && nf.init_from) return cli_error("grad", MLP_EUSAGE, "give a MODEL file or --init-from, not both");

    mlp_data train, test;
    if ((r = cli_load_data("grad", &nf, &train, NULL, &test))) return r;
    mlp_net *net = NULL;
    if (npos == 1) {
        mlp_status s = mlp_load(&net, pos[0]);
        if (s != MLP_OK) r = cli_fail("grad", s);
        else if (mlp_width(net, 0) != train.d)
            r = cli_error("grad", MLP_EDATA, "%s takes %d inputs but %s has %d features", pos[0], mlp_width(net, 0), nf.data, (int)train.d);
    } else {
        r = cli_build_net("grad", &nf, args_seen(specs, "--layers"), train.d, train.classes, &net);
    }
    int n = batch > 0 && batch < train.n ? batch : (int)train.n;
    mlp_work *w = NULL;
    mlp_real *x = NULL, *g = NULL;
    int32_t *y = NULL;
    if (!r) {
        mlp_status s = mlp_work_new(&w, net, n);
        if (s == MLP_OK) {
            x = malloc((size_t)n * train.d * sizeof *x);
            y = malloc((size_t)n * sizeof *y);
            g = malloc(mlp_param_count(net) * sizeof *g);
            if (!x || !y || !g) s = MLP_ENOMEM;
        }
        double loss = 0;
        if (s == MLP_OK) {
            mlp_data_gather(&train, NULL, n, x, y);
            s = mlp_backward(net, w, x, y, n, &loss, g, NULL);
        }
        if (s == MLP_ENOMEM) r = cli_error("grad", s, "out of memory");
        else if (s != MLP_OK) r = cli_fail("grad", s);
        if (!r) {
            const mlp_real *p = mlp_forward(net, w, x, n);
            int L = mlp_layers(net), K = mlp_width(net, L);
            if (json) {
                printf("{\"loss\":");
                json_num(stdout, loss);
                printf(",\"outputs\":");
                print_matrix(p, n, K, 1, 0);
                printf(",\"grads\":{");
            } else {
                printf("loss %.6f (mean over %d rows)\noutputs (%d x %d)\n", loss, n, n, K);
                print_matrix(p, n, K, 0, 0);
            }
            for (int l = 0; l < L; l++) {
                int in = mlp_width(net, l), out = mlp_width(net, l + 1);
                if (json) {
                    printf("%s\"W%d\":", l ? "," : "", l + 1);
                    print_matrix(g + mlp_weight_offset(net, l), out, in, 1, 0);
                    printf(",\"b%d\":", l + 1);
                    print_matrix(g + mlp_bias_offset(net, l), 1, out, 1, 1);
                } else {
                    printf("dW%d (%d x %d)\n", l + 1, out, in);
                    print_matrix(g + mlp_weight_offset(net, l), out, in, 0, 0);
                    printf("db%d (%d)\n", l + 1, out);
                    print_matrix(g + mlp_bias_offset(net, l), 1, out, 0, 0);
                }
            }
            if (json) printf("}}\n");
        }
    }
    free(x);
    free(y);
    free(g);
    mlp_work_free(w);
    mlp_free(net);
    mlp_data_free(&train);
    mlp_data_free(&test);
    return r;
}

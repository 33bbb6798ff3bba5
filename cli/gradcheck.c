/* gradcheck.c - `mlp gradcheck`: backprop against central differences. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>

static const cmd_info info = {
    "gradcheck", "mlp gradcheck [architecture flags] [--json]",
    "Builds a network from the flags, draws a small random batch (inputs from\n"
    "N(0,1), random labels) or takes the first rows of --data, and compares\n"
    "every analytic gradient with a central difference. Prints the largest\n"
    "relative error |a-n|/max(|a|,|n|,f) per tensor (f = 1e-6 double, 1e-3 float; docs/MATH.md).",
    "exit status: 0 every tensor within --tol, 1 some tensor above it, 2 bad usage.\n"
};

int cmd_gradcheck(int argc, char **argv)
{
    net_flags nf;
    net_flags_defaults(&nf);
    nf.data = NULL;
    nf.layers = "5";
    nf.act = "tanh";
    nf.init = "xavier";
    nf.bias_init = "normal:0.1";
    int inputs = 4, classes = 3, samples = 6, json = 0;
    double double_build = mlp_is_double();
    double eps = double_build ? 3e-3 : 3e-2, tol = double_build ? 1e-7 : 2e-2;
    arg_spec specs[24];
    int k = 0;
    data_flags_specs(&nf, specs, &k);
    net_flags_specs(&nf, specs, &k);
    specs[k++] = (arg_spec){"--inputs", ARG_INT, &inputs, 1, 4096, "N", "input width of the random batch (default 4)", 0};
    specs[k++] = (arg_spec){"--classes", ARG_INT, &classes, 2, 4096, "K", "outputs of the random batch (default 3)", 0};
    specs[k++] = (arg_spec){"--samples", ARG_INT, &samples, 1, 4096, "N", "rows in the batch (default 6)", 0};
    specs[k++] = (arg_spec){"--eps", ARG_REAL, &eps, 1e-12, 1, "X", "finite-difference step (default 3e-3 double build, 3e-2 float)", 0};
    specs[k++] = (arg_spec){"--tol", ARG_REAL, &tol, 0, 1e9, "X", "largest relative error that passes (default 1e-7 double, 2e-2 float)", 0};
    specs[k++] = (arg_spec){"--json", ARG_FLAG, &json, 0, 0, NULL, "print one JSON object", 0};
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos, r = args_parse(&info, specs, argc, argv, pos, 0, &npos);
    if (r) return r < 0 ? 0 : r;

    mlp_data train = {0}, test = {0};
    if (nf.data) {
        if ((r = cli_load_data("gradcheck", &nf, &train, NULL, &test))) return r;
        inputs = train.d;
        classes = train.classes;
        if (samples > train.n) samples = train.n;
    }
    mlp_net *net = NULL;
    r = cli_build_net("gradcheck", &nf, args_seen(specs, "--layers"), inputs, classes, &net);
    mlp_real *x = malloc((size_t)samples * inputs * sizeof *x);
    int32_t *y = malloc((size_t)samples * sizeof *y);
    if (!r && (!x || !y)) r = cli_error("gradcheck", MLP_ENOMEM, "out of memory");
    if (!r) {
        if (nf.data) {
            mlp_data_gather(&train, NULL, samples, x, y);
        } else {
            mlp_rng rng;
            mlp_rng_seed(&rng, nf.seed + 0x6772); /* not the init stream */
            for (int i = 0; i < samples * inputs; i++) x[i] = (mlp_real)mlp_rng_normal(&rng);
            for (int i = 0; i < samples; i++) y[i] = (int32_t)mlp_rng_below(&rng, (uint64_t)classes);
        }
        mlp_gradcheck_result res;
        mlp_status s = mlp_gradcheck(net, x, y, samples, eps, &res);
        if (s != MLP_OK) r = cli_fail("gradcheck", s);
        else {
            int pass = res.max_rel_all <= tol;
            if (json) printf("{\"eps\":%g,\"tol\":%g,\"max_rel\":{", eps, tol);
            for (int t = 0; t < res.n_tensors; t++) {
                if (json) {
                    printf("%s\"%c%d\":", t ? "," : "", t % 2 ? 'b' : 'W', t / 2 + 1);
                    json_num(stdout, res.max_rel[t]);
                } else {
                    printf("%c%d  max relative error %.3e  %s\n", t % 2 ? 'b' : 'W', t / 2 + 1, res.max_rel[t],
                           res.max_rel[t] <= tol ? "ok" : "FAIL");
                }
            }
            if (json) {
                printf("},\"max\":");
                json_num(stdout, res.max_rel_all);
                printf(",\"kinks\":%ld,\"pass\":%s}\n", res.kinks, pass ? "true" : "false");
            } else {
                printf("%s: largest relative error %.3e (tolerance %.1e, eps %.1e, %s build)\n",
                       pass ? "pass" : "FAIL", res.max_rel_all, tol, eps, double_build ? "double" : "float");
                if (res.kinks)
                    printf("%ld entries not compared: every step crossed a kink of relu/leaky-relu/step\n", res.kinks);
            }
            if (!pass) r = 1;
        }
    }
    free(x);
    free(y);
    mlp_free(net);
    mlp_data_free(&train);
    mlp_data_free(&test);
    return r;
}

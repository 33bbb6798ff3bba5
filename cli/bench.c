/* bench.c - `mlp bench`: speed of training steps on synthetic data. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cmd_info info = {
    "bench", "mlp bench [architecture flags] [--batch N] [--inputs N] [--classes K] [--steps N] [--repeat N]",
    "Times plain-SGD training steps of the network on random byte inputs\n"
    "(MNIST-shaped by default: 784 inputs, 10 classes) and prints the median\n"
    "over --repeat runs of samples per second and GFLOP/s, counting\n"
    "3 x 2 x in x out floating-point operations per layer per sample\n"
    "(forward, and the two products of backward), as docs/PERFORMANCE.md does.",
    "exit status: 0 done, 2 bad usage.\n"
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int cmd_bench(int argc, char **argv)
{
    net_flags nf;
    net_flags_defaults(&nf);
    nf.layers = "300";
    nf.act = "sigmoid";
    int batch = 64, inputs = 784, classes = 10, steps = 200, repeat = 5, json = 0, threads = 0, roof = 0;
    arg_spec specs[20];
    int k = 0;
    net_flags_specs(&nf, specs, &k);
    specs[k++] = (arg_spec){"--batch", ARG_INT, &batch, 1, 1 << 20, "N", "rows per step (default 64)", 0};
    specs[k++] = (arg_spec){"--inputs", ARG_INT, &inputs, 1, 1 << 20, "N", "input width (default 784)", 0};
    specs[k++] = (arg_spec){"--classes", ARG_INT, &classes, 2, 1 << 16, "K", "outputs (default 10)", 0};
    specs[k++] = (arg_spec){"--steps", ARG_INT, &steps, 1, 1 << 24, "N", "steps per timed run (default 200)", 0};
    specs[k++] = (arg_spec){"--repeat", ARG_INT, &repeat, 1, 101, "N", "timed runs; the median is reported (default 5)", 0};
    specs[k++] = (arg_spec){"--seed", ARG_U64, &nf.seed, 0, 0, "N", "seed of the data and weights (default 1)", 0};
    specs[k++] = (arg_spec){"--json", ARG_FLAG, &json, 0, 0, NULL, "print one JSON object", 0};
    threads_flag_spec(&threads, specs, &k);
    specs[k++] = (arg_spec){"--roof", ARG_FLAG, &roof, 0, 0, NULL, "instead: GFLOP/s of a pure multiply-add loop (the FMA roof)", 0};
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos, r = args_parse(&info, specs, argc, argv, pos, 0, &npos);
    if (r) return r < 0 ? 0 : r;
    mlp_set_threads(threads);
    if (roof) {
        double gf = mlp_fma_peak(0);
        if (json) printf("{\"threads\":%d,\"kernels\":\"%s\",\"fma_gflops\":%.4g}\n", mlp_threads(), mlp_kernels_name(), gf);
        else printf("FMA roof: %.1f GFLOP/s (%s kernels, %d threads)\n", gf, mlp_kernels_name(), mlp_threads());
        return 0;
    }
    if ((long)batch * steps > (1L << 28) / (inputs > 0 ? inputs : 1))
        return cli_error("bench", MLP_EUSAGE, "--batch x --steps x --inputs is too large for a synthetic set in memory");

    mlp_net *net = NULL;
    if ((r = cli_build_net("bench", &nf, args_seen(specs, "--layers"), inputs, classes, &net))) return r;
    /* One epoch of `steps` batches over random bytes and labels. */
    mlp_data d = {.n = (int32_t)((long)batch * steps), .d = inputs, .classes = classes};
    d.x8 = malloc((size_t)d.n * (size_t)inputs);
    d.y = malloc((size_t)d.n * sizeof *d.y);
    if (!d.x8 || !d.y) { free(d.x8); free(d.y); mlp_free(net); return cli_error("bench", MLP_ENOMEM, "out of memory"); }
    mlp_rng rng;
    mlp_rng_seed(&rng, nf.seed + 0xbe9c);
    for (size_t i = 0; i < (size_t)d.n * inputs; i++) d.x8[i] = (uint8_t)mlp_rng_below(&rng, 256);
    for (int32_t i = 0; i < d.n; i++) d.y[i] = (int32_t)mlp_rng_below(&rng, (uint64_t)classes);

    double flops_per_sample = 0;
    for (int l = 0; l < mlp_layers(net); l++) flops_per_sample += 6.0 * mlp_width(net, l) * mlp_width(net, l + 1);
    mlp_train_opts o;
    mlp_train_defaults(&o);
    o.epochs = 1;
    o.batch = batch;
    o.lr = 1e-4; /* small: the weights stay sane over every run */
    o.diverge_factor = 0;
    o.seed = nf.seed;
    double *secs = malloc((size_t)repeat * sizeof *secs);
    for (int i = 0; !r && secs && i < repeat; i++) {
        mlp_train_result res;
        mlp_status s = mlp_train(net, &d, NULL, &o, &res);
        if (s != MLP_OK) r = cli_fail("bench", s);
        else secs[i] = res.train_seconds;
    }
    if (!secs) r = cli_error("bench", MLP_ENOMEM, "out of memory");
    if (!r) {
        qsort(secs, (size_t)repeat, sizeof *secs, cmp_double);
        double med = secs[repeat / 2], sps = d.n / med, gflops = sps * flops_per_sample / 1e9;
        if (json)
            printf("{\"batch\":%d,\"steps\":%d,\"repeat\":%d,\"threads\":%d,\"kernels\":\"%s\",\"seconds\":%.6f,"
                   "\"samples_per_second\":%.1f,\"gflops\":%.3f}\n",
                   batch, steps, repeat, mlp_threads(), mlp_kernels_name(), med, sps, gflops);
        else
            printf("batch %d, %d steps, median of %d runs: %.4f s, %.0f samples/s, %.2f GFLOP/s (%s build, %s kernels, %d threads)\n",
                   batch, steps, repeat, med, sps, gflops, mlp_is_double() ? "double" : "float", mlp_kernels_name(), mlp_threads());
    }
    free(secs);
    mlp_data_free(&d);
    mlp_free(net);
    return r;
}

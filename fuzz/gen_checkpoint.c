/*
 * gen_checkpoint.c - writes one checkpoint of each fixed run of
 * ckpt_fixture.h into the directory given, with weights, moments and a
 * permutation drawn from a fixed seed: the seed corpus of fuzz_checkpoint
 * (fuzz/make-corpus runs it).
 */
#include "ckpt_fixture.h"

#include <math.h>
#include <stdio.h>

static void fill(mlp_real *v, size_t n, mlp_rng *r, int positive)
{
    for (size_t i = 0; v && i < n; i++) {
        double x = mlp_rng_normal(r);
        v[i] = (mlp_real)(positive ? x * x : x);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_checkpoint DIR\n");
        return 2;
    }
    mlp_rng r;
    mlp_rng_seed(&r, 42);
    for (int c = 0; c < CKPT_CONFIGS; c++) {
        ckpt_fixture fx;
        if (ckpt_fixture_init(&fx, c) != MLP_OK) {
            fprintf(stderr, "gen_checkpoint: %s\n", mlp_errmsg());
            return 1;
        }
        train_state *st = &fx.st;
        fill(mlp_params(fx.net), mlp_param_count(fx.net), &r, 0);
        fill(st->opt.m, st->opt.n, &r, 0);
        fill(st->opt.v, st->opt.n, &r, 1);
        fill(st->best, mlp_param_count(fx.net), &r, 0);
        mlp_rng_shuffle(&r, st->order, st->n);
        st->epoch = 1 + c;
        st->iter = 3L * (1 + c);
        st->samples = (long)st->n * (1 + c);
        st->seconds = 0.125;
        st->limit = 23.5;
        st->opt.t = st->iter;
        mlp_rng_seed(&st->shuffle, 1 + (uint64_t)c);
        mlp_rng_seed(&st->drop, 100 + (uint64_t)c);
        for (int i = 0; i < 6; i++) st->metrics[i] = i % 2 ? 0.5 : 1.25;
        st->best_loss = st->best ? 0.75 : INFINITY;
        st->best_epoch = st->best ? 1 : 0;
        st->since_best = c;
        char path[1024];
        snprintf(path, sizeof path, "%s/config%d.ckpt", argv[1], c);
        mlp_status s = checkpoint_save(path, fx.net, &fx.fp, st);
        ckpt_fixture_free(&fx);
        if (s != MLP_OK) {
            fprintf(stderr, "gen_checkpoint: %s\n", mlp_errmsg());
            return 1;
        }
    }
    return 0;
}

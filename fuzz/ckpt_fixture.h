/*
 * ckpt_fixture.h - small fixed training runs for checkpoint files: a
 * network, the options and the train_state buffers, allocated as
 * train_mem_init in src/train.c allocates them. fuzz_checkpoint.c loads
 * every input into each of them; gen_checkpoint.c (run by make-corpus)
 * saves one checkpoint of each as the seed corpus. Config 0 is plain SGD,
 * 1 Adam with early stopping (both optimiser moments and the best weights),
 * 2 RMSProp (the second moment only).
 */
#ifndef MLP_CKPT_FIXTURE_H
#define MLP_CKPT_FIXTURE_H

#include "train_state.h"

#include <stdlib.h>
#include <string.h>

#define CKPT_CONFIGS 3

typedef struct {
    mlp_net          *net;
    mlp_train_opts    o;
    mlp_data          train; /* only n is used (the fingerprint's row count) */
    train_fingerprint fp;
    train_state       st;
} ckpt_fixture;

static void ckpt_fixture_free(ckpt_fixture *fx)
{
    mlp_free(fx->net);
    free(fx->st.order);
    free(fx->st.best);
    optim_free(&fx->st.opt);
    memset(fx, 0, sizeof *fx);
}

static mlp_status ckpt_fixture_init(ckpt_fixture *fx, int config)
{
    memset(fx, 0, sizeof *fx);
    static const int sizes0[] = { 3, 4, 2 }, sizes1[] = { 2, 3, 3, 2 }, sizes2[] = { 4, 2 };
    static const mlp_act acts0[] = { MLP_TANH }, acts1[] = { MLP_RELU, MLP_SIGMOID };
    mlp_train_defaults(&fx->o);
    mlp_status s;
    switch (config) {
    case 0:
        s = mlp_new(&fx->net, 2, sizes0, acts0, MLP_CE);
        fx->train.n = 6;
        fx->o.epochs = 3;
        fx->o.batch = 2;
        break;
    case 1:
        s = mlp_new(&fx->net, 3, sizes1, acts1, MLP_MSE);
        fx->train.n = 5;
        fx->o.opt = MLP_ADAM;
        fx->o.early_stop = 2;
        fx->o.dropout = 0.25;
        fx->o.schedule.kind = MLP_SCHED_COSINE;
        break;
    default:
        s = mlp_new(&fx->net, 1, sizes2, NULL, MLP_CE);
        fx->train.n = 1;
        fx->o.opt = MLP_RMSPROP;
        fx->o.lr = 0.01;
        break;
    }
    if (s != MLP_OK) return s;
    train_state *st = &fx->st;
    s = optim_init(&st->opt, &fx->o, fx->net);
    if (s != MLP_OK) { ckpt_fixture_free(fx); return s; }
    st->n = fx->train.n;
    st->order = mlp_alloc((size_t)st->n, sizeof *st->order, "permutation");
    if (fx->o.early_stop > 0) st->best = mlp_alloc(fx->net->n_params, sizeof *st->best, "best weights");
    if (!st->order || (fx->o.early_stop > 0 && !st->best)) { ckpt_fixture_free(fx); return MLP_ENOMEM; }
    for (int32_t i = 0; i < st->n; i++) st->order[i] = i;
    train_fingerprint_make(&fx->fp, fx->net, &fx->train, &fx->o);
    return MLP_OK;
}

#endif

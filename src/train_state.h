/*
 * train_state.h - everything a training run carries from one epoch to the
 * next, so that a checkpoint taken between epochs and resumed gives the same
 * model, byte for byte, as a run that was never interrupted.
 */
#ifndef MLP_TRAIN_STATE_H
#define MLP_TRAIN_STATE_H

#include "optim.h"

typedef struct {
    int       epoch;          /* epochs completed */
    long      step;           /* steps done in the epoch under way (0 between
                               * epochs; > 0 only in an interrupted run) */
    double    epoch_loss;     /* that epoch's loss sum, correct count and rows */
    long      epoch_right, epoch_seen;
    int       stopped;        /* early stopping has ended the run */
    long      iter, samples;  /* optimiser steps and rows seen so far */
    double    seconds;        /* training wall time so far */
    double    limit;          /* divergence threshold of this run */
    mlp_rng   shuffle, drop;  /* shuffling/sampling and dropout streams */
    int32_t   n;              /* training rows */
    int32_t  *order;          /* the current permutation of them */
    optim     opt;            /* optimiser moments and step count */
    double    best_loss;      /* early stopping: lowest validation loss */
    int       since_best, best_epoch;
    mlp_real *best;           /* its weights (NULL without early stopping) */
    double    metrics[6];     /* last epoch: train, val, test loss and accuracy */
} train_state;

/* Checkpoint files (checkpoint.c, docs/FORMAT.md "Checkpoint file"). The
 * fingerprint holds the settings a resumed run must share with the original;
 * names[i] labels value[i] in messages. */
typedef struct {
    int         count;
    const char *names[96];
    double      values[96];
} train_fingerprint;

void       train_fingerprint_make(train_fingerprint *fp, const mlp_net *net, const mlp_data *train,
                                  const mlp_train_opts *o);
mlp_status checkpoint_save(const char *path, const mlp_net *net, const train_fingerprint *fp,
                           const train_state *st);
/* Loads into st (whose buffers are already allocated for this run) and
 * net's parameters, after checking the file and the fingerprint. */
mlp_status checkpoint_load(const char *path, mlp_net *net, const train_fingerprint *fp,
                           train_state *st);

#endif

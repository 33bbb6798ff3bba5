/* optim.h - optimiser state and one update step (docs/MATH.md, "Optimisers"). */
#ifndef MLP_OPTIM_H
#define MLP_OPTIM_H

#include "internal.h"

typedef struct {
    mlp_opt   kind;
    double    momentum, beta1, beta2, alpha, eps, l2;
    size_t    n;      /* parameters */
    mlp_real *m;      /* velocity (momentum, nesterov) or first moment (adam) */
    mlp_real *v;      /* sum of squares (adagrad) or second moment (rmsprop, adam) */
    long      t;      /* steps taken */
    int       threads; /* for the SGD step (mlp_threads when made) */
} optim;

/* Allocates the state the optimiser of o needs for net's parameters. */
mlp_status optim_init(optim *st, const mlp_train_opts *o, const mlp_net *net);
void       optim_free(optim *st);
/* Adds L2 to the weights' gradient, then updates every parameter in place. */
void       optim_step(optim *st, mlp_net *net, mlp_real *grad, double lr);

#endif

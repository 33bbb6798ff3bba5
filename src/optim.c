/* optim.c - SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam, each as
 * torch.optim defines it (docs/MATH.md, "Optimisers"). */
#include "optim.h"
#include "kernels/gemm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

mlp_status optim_init(optim *st, const mlp_train_opts *o, const mlp_net *net)
{
    memset(st, 0, sizeof *st);
    st->kind = o->opt;
    st->momentum = o->momentum;
    st->beta1 = o->beta1;
    st->beta2 = o->beta2;
    st->alpha = o->alpha;
    st->l2 = o->l2;
    st->eps = o->eps >= 0 ? o->eps : (o->opt == MLP_ADAGRAD ? 1e-10 : 1e-8);
    st->n = net->n_params;
    st->threads = mlp_threads();
    int need_m = o->opt == MLP_MOMENTUM || o->opt == MLP_NESTEROV || o->opt == MLP_ADAM;
    int need_v = o->opt == MLP_ADAGRAD || o->opt == MLP_RMSPROP || o->opt == MLP_ADAM;
    if (need_m && !(st->m = mlp_zalloc(st->n, sizeof *st->m, "optimiser state"))) return MLP_ENOMEM;
    if (need_v && !(st->v = mlp_zalloc(st->n, sizeof *st->v, "optimiser state"))) { optim_free(st); return MLP_ENOMEM; }
    return MLP_OK;
}

void optim_free(optim *st)
{
    free(st->m);
    free(st->v);
    st->m = st->v = NULL;
}

void optim_step(optim *st, mlp_net *net, mlp_real *g, double lr)
{
    mlp_real *p = net->params;
    size_t n = st->n;
    if (st->l2 > 0) {
        mlp_real l2 = (mlp_real)st->l2;
        for (int l = 0; l < net->n_layers; l++) {
            size_t off = net->w_off[l], len = (size_t)net->sizes[l] * net->sizes[l + 1];
            for (size_t i = off; i < off + len; i++) g[i] += l2 * p[i];
        }
    }
    st->t++;
    mlp_real r = (mlp_real)lr;
    switch (st->kind) {
    case MLP_SGD:
        mlp_kern()->axpy(n, -r, g, p, st->threads);
        break;
    case MLP_MOMENTUM:
    case MLP_NESTEROV: {
        /* b = mu b + g (b = g on the first step); PyTorch's dampening 0. */
        mlp_real mu = (mlp_real)st->momentum, *b = st->m;
        int nesterov = st->kind == MLP_NESTEROV;
        for (size_t i = 0; i < n; i++) {
            b[i] = st->t == 1 ? g[i] : mu * b[i] + g[i];
            p[i] -= r * (nesterov ? g[i] + mu * b[i] : b[i]);
        }
        break;
    }
    case MLP_ADAGRAD: {
        mlp_real eps = (mlp_real)st->eps, *s = st->v;
        for (size_t i = 0; i < n; i++) {
            s[i] += g[i] * g[i];
            p[i] -= r * g[i] / (sqrt(s[i]) + eps);
        }
        break;
    }
    case MLP_RMSPROP: {
        mlp_real a = (mlp_real)st->alpha, eps = (mlp_real)st->eps, *s = st->v;
        for (size_t i = 0; i < n; i++) {
            s[i] = a * s[i] + (1 - a) * g[i] * g[i];
            p[i] -= r * g[i] / (sqrt(s[i]) + eps);
        }
        break;
    }
    case MLP_ADAM: {
        mlp_real b1 = (mlp_real)st->beta1, b2 = (mlp_real)st->beta2, eps = (mlp_real)st->eps;
        mlp_real *m = st->m, *v = st->v;
        /* Bias corrections as torch.optim.Adam: step = lr / (1 - b1^t) and
         * denominator sqrt(v) / sqrt(1 - b2^t) + eps. */
        double c1 = 1 - pow(st->beta1, (double)st->t), c2 = sqrt(1 - pow(st->beta2, (double)st->t));
        mlp_real step = (mlp_real)(lr / c1), inv_c2 = (mlp_real)(1 / c2);
        for (size_t i = 0; i < n; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= step * m[i] / (sqrt(v[i]) * inv_c2 + eps);
        }
        break;
    }
    }
}

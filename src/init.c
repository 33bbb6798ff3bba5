/* init.c - weight and bias initialisers (docs/MATH.md, "Initialisation"). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; mlp_init_kind kind; int has_arg; } inits[] = {
    {"zeros", MLP_INIT_ZEROS, 0},      {"normal", MLP_INIT_NORMAL, 1},
    {"uniform", MLP_INIT_UNIFORM, 1},  {"xavier", MLP_INIT_XAVIER, 0},
    {"xavier-uniform", MLP_INIT_XAVIER_UNIFORM, 0}, {"he", MLP_INIT_HE, 0},
    {"lecun", MLP_INIT_LECUN, 0},      {"maxfan", MLP_INIT_MAXFAN, 0},
    {"pytorch", MLP_INIT_PYTORCH, 0},
};
#define N_INITS (sizeof inits / sizeof inits[0])

mlp_status mlp_init_parse(const char *spec, mlp_init *out)
{
    const char *colon = strchr(spec, ':');
    size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
    for (size_t i = 0; i < N_INITS; i++) {
        if (strlen(inits[i].name) != len || strncmp(spec, inits[i].name, len) != 0) continue;
        out->kind = inits[i].kind;
        out->arg = 0;
        if (!inits[i].has_arg) {
            if (colon) return mlp_fail(MLP_EUSAGE, "initialiser '%s' takes no argument", inits[i].name);
            return MLP_OK;
        }
        if (!colon) return mlp_fail(MLP_EUSAGE, "initialiser '%s' needs a value, as in %s:0.01", inits[i].name, inits[i].name);
        char *end;
        double v = strtod(colon + 1, &end);
        if (end == colon + 1 || *end || !isfinite(v) || v < 0)
            return mlp_fail(MLP_EUSAGE, "initialiser '%s': '%s' is not a non-negative number", inits[i].name, colon + 1);
        out->arg = v;
        return MLP_OK;
    }
    return mlp_fail(MLP_EUSAGE, "unknown initialiser '%s' (expected zeros, normal:STD, uniform:A, xavier, "
                    "xavier-uniform, he, lecun, maxfan or pytorch)", spec);
}

void mlp_init_format(mlp_init init, char *buf, size_t size)
{
    for (size_t i = 0; i < N_INITS; i++) {
        if (inits[i].kind != init.kind) continue;
        if (inits[i].has_arg) snprintf(buf, size, "%s:%g", inits[i].name, init.arg);
        else snprintf(buf, size, "%s", inits[i].name);
        return;
    }
    snprintf(buf, size, "?");
}

/* Fills n values for a layer of fan-in fi and fan-out fo. */
static void fill(mlp_real *p, size_t n, mlp_init in, int fi, int fo, mlp_rng *rng)
{
    double std = 0, a = 0;
    int normal = 1;
    switch (in.kind) {
    case MLP_INIT_ZEROS: memset(p, 0, n * sizeof *p); return;
    case MLP_INIT_NORMAL: std = in.arg; break;
    case MLP_INIT_UNIFORM: a = in.arg; normal = 0; break;
    case MLP_INIT_XAVIER: std = sqrt(2.0 / (fi + fo)); break;
    case MLP_INIT_XAVIER_UNIFORM: a = sqrt(6.0 / (fi + fo)); normal = 0; break;
    case MLP_INIT_HE: std = sqrt(2.0 / fi); break;
    case MLP_INIT_LECUN: std = sqrt(1.0 / fi); break;
    case MLP_INIT_MAXFAN: std = sqrt(1.0 / (fi > fo ? fi : fo)); break;
    case MLP_INIT_PYTORCH: a = 1.0 / sqrt(fi); normal = 0; break;
    }
    for (size_t i = 0; i < n; i++)
        p[i] = (mlp_real)(normal ? std * mlp_rng_normal(rng) : a * (2.0 * mlp_rng_uniform(rng) - 1.0));
}

mlp_status mlp_init_params(mlp_net *net, mlp_init w, mlp_init b, mlp_rng *rng)
{
    for (int l = 0; l < net->n_layers; l++) {
        int fi = net->sizes[l], fo = net->sizes[l + 1];
        fill(net->params + net->w_off[l], (size_t)fi * fo, w, fi, fo, rng);
        fill(net->params + net->b_off[l], (size_t)fo, b, fi, fo, rng);
    }
    return MLP_OK;
}

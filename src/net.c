/* net.c - building a network: widths, activations, one parameter array. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *act_names[MLP_ACT_COUNT] = {
    "sigmoid", "tanh", "relu", "leaky-relu", "identity", "step"
};

const char *mlp_act_name(mlp_act a)
{
    return (unsigned)a < MLP_ACT_COUNT ? act_names[a] : "?";
}

const char *mlp_loss_name(mlp_loss l) { return l == MLP_CE ? "ce" : l == MLP_MSE ? "mse" : "?"; }

mlp_status mlp_act_parse(const char *name, mlp_act *out)
{
    for (int i = 0; i < MLP_ACT_COUNT; i++)
        if (strcmp(name, act_names[i]) == 0) { *out = (mlp_act)i; return MLP_OK; }
    if (strcmp(name, "leaky_relu") == 0 || strcmp(name, "lrelu") == 0) { *out = MLP_LEAKY_RELU; return MLP_OK; }
    if (strcmp(name, "linear") == 0) { *out = MLP_IDENTITY; return MLP_OK; }
    return mlp_fail(MLP_EUSAGE, "unknown activation '%s' (expected sigmoid, tanh, relu, leaky-relu, identity or step)", name);
}

mlp_status mlp_loss_parse(const char *name, mlp_loss *out)
{
    if (strcmp(name, "ce") == 0 || strcmp(name, "cross-entropy") == 0) { *out = MLP_CE; return MLP_OK; }
    if (strcmp(name, "mse") == 0) { *out = MLP_MSE; return MLP_OK; }
    return mlp_fail(MLP_EUSAGE, "unknown loss '%s' (expected ce or mse)", name);
}


mlp_status mlp_new(mlp_net **out, int n_layers, const int *sizes,
                   const mlp_act *acts, mlp_loss loss)
{
    *out = NULL;
    if (n_layers < 1 || n_layers > MLP_MAX_LAYERS)
        return mlp_fail(MLP_EUSAGE, "a network needs 1 to %d dense layers, not %d", MLP_MAX_LAYERS, n_layers);
    for (int i = 0; i <= n_layers; i++)
        if (sizes[i] < 1 || sizes[i] > MLP_MAX_WIDTH)
            return mlp_fail(MLP_EUSAGE, "layer width %d is out of range (1..%d)", sizes[i], MLP_MAX_WIDTH);
    for (int i = 0; i < n_layers - 1; i++)
        if ((unsigned)acts[i] >= MLP_ACT_COUNT)
            return mlp_fail(MLP_EUSAGE, "hidden layer %d has an unknown activation", i + 1);
    if (loss != MLP_CE && loss != MLP_MSE) return mlp_fail(MLP_EUSAGE, "unknown loss");
    if (loss == MLP_CE && sizes[n_layers] < 2)
        return mlp_fail(MLP_EUSAGE, "cross-entropy needs at least 2 outputs, not %d", sizes[n_layers]);

    mlp_net *net = mlp_zalloc(1, sizeof *net, "network");
    if (!net) return MLP_ENOMEM;
    net->n_layers = n_layers;
    net->loss = loss;
    net->sizes = mlp_alloc((size_t)n_layers + 1, sizeof *net->sizes, "network");
    net->acts = mlp_alloc((size_t)n_layers, sizeof *net->acts, "network");
    net->w_off = mlp_alloc((size_t)n_layers, sizeof *net->w_off, "network");
    net->b_off = mlp_alloc((size_t)n_layers, sizeof *net->b_off, "network");
    if (!net->sizes || !net->acts || !net->w_off || !net->b_off) { mlp_free(net); return MLP_ENOMEM; }
    memcpy(net->sizes, sizes, ((size_t)n_layers + 1) * sizeof *sizes);
    if (n_layers > 1) memcpy(net->acts, acts, ((size_t)n_layers - 1) * sizeof *acts);
    size_t off = 0;
    for (int l = 0; l < n_layers; l++) {
        net->w_off[l] = off;
        off += (size_t)sizes[l] * (size_t)sizes[l + 1];
        net->b_off[l] = off;
        off += (size_t)sizes[l + 1];
    }
    net->n_params = off;
    net->params = mlp_zalloc(off, sizeof *net->params, "network parameters");
    if (!net->params) { mlp_free(net); return MLP_ENOMEM; }
    *out = net;
    return MLP_OK;
}

void mlp_free(mlp_net *net)
{
    if (!net) return;
    /* Class names first: their count is read from sizes. */
    if (net->class_names)
        for (int k = 0; k < net->sizes[net->n_layers]; k++) free(net->class_names[k]);
    free(net->class_names);
    free(net->sizes);
    free(net->acts);
    free(net->w_off);
    free(net->b_off);
    free(net->params);
    free(net->in_mean);
    free(net->in_scale);
    free(net);
}

mlp_status mlp_clone(mlp_net **out, const mlp_net *net)
{
    mlp_status s = mlp_new(out, net->n_layers, net->sizes, net->acts, net->loss);
    if (s != MLP_OK) return s;
    mlp_net *c = *out;
    memcpy(c->params, net->params, net->n_params * sizeof *net->params);
    if (s == MLP_OK && net->class_names)
        s = mlp_set_class_names(c, net->sizes[net->n_layers], (const char *const *)net->class_names);
    if (s == MLP_OK && net->in_mean)
        s = mlp_set_input_scaling(c, net->in_mean, net->in_scale);
    memcpy(c->in_shape, net->in_shape, sizeof c->in_shape);
    if (s != MLP_OK) { mlp_free(c); *out = NULL; }
    return s;
}

int mlp_layers(const mlp_net *net) { return net->n_layers; }
int mlp_width(const mlp_net *net, int i) { return (i >= 0 && i <= net->n_layers) ? net->sizes[i] : 0; }
mlp_act mlp_activation(const mlp_net *net, int hidden) { return net->acts[hidden]; }
mlp_loss mlp_loss_kind(const mlp_net *net) { return net->loss; }
size_t mlp_param_count(const mlp_net *net) { return net->n_params; }
mlp_real *mlp_params(mlp_net *net) { return net->params; }
const mlp_real *mlp_params_const(const mlp_net *net) { return net->params; }
size_t mlp_weight_offset(const mlp_net *net, int l) { return net->w_off[l]; }
size_t mlp_bias_offset(const mlp_net *net, int l) { return net->b_off[l]; }

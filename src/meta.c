/* meta.c - metadata that travels with a model: class names, input scaling
 * and input image shape. The network owns copies of everything it is given;
 * a failed setter leaves the earlier metadata in place. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MLP_MAX_NAME 255 /* bytes of one class name, as the model file stores it */

static void free_names(char **names, int n)
{
    if (!names) return;
    for (int k = 0; k < n; k++) free(names[k]);
    free(names);
}

mlp_status mlp_set_class_names(mlp_net *net, int n, const char *const *names)
{
    if (!net) return mlp_fail(MLP_EUSAGE, "class names: no network");
    int k_out = net->sizes[net->n_layers];
    if (!names) {
        free_names(net->class_names, k_out);
        net->class_names = NULL;
        return MLP_OK;
    }
    if (n != k_out)
        return mlp_fail(MLP_EUSAGE, "%d class names given for a network with %d outputs", n, k_out);
    for (int k = 0; k < n; k++) {
        const char *s = names[k];
        if (!s) return mlp_fail(MLP_EUSAGE, "class name %d is missing", k);
        size_t len = strlen(s);
        if (len == 0) return mlp_fail(MLP_EUSAGE, "class name %d is empty", k);
        if (len > MLP_MAX_NAME)
            return mlp_fail(MLP_EUSAGE, "class name %d is %zu bytes long (at most %d)", k, len, MLP_MAX_NAME);
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x20 || c == 0x7f)
                return mlp_fail(MLP_EUSAGE, "class name %d contains a control character (byte %zu)", k, i);
        }
    }
    char **copy = mlp_zalloc((size_t)n, sizeof *copy, "class names");
    if (!copy) return MLP_ENOMEM;
    for (int k = 0; k < n; k++) {
        size_t len = strlen(names[k]);
        copy[k] = mlp_alloc(len + 1, 1, "class names");
        if (!copy[k]) { free_names(copy, n); return MLP_ENOMEM; }
        memcpy(copy[k], names[k], len + 1);
    }
    /* Only now drop the old names: names may point into them. */
    free_names(net->class_names, k_out);
    net->class_names = copy;
    return MLP_OK;
}

const char *mlp_class_name(const mlp_net *net, int k)
{
    if (!net || !net->class_names || k < 0 || k >= net->sizes[net->n_layers]) return NULL;
    return net->class_names[k];
}

mlp_status mlp_set_input_scaling(mlp_net *net, const mlp_real *mean, const mlp_real *scale)
{
    if (!net) return mlp_fail(MLP_EUSAGE, "input scaling: no network");
    if (!mean && !scale) {
        free(net->in_mean);
        free(net->in_scale);
        net->in_mean = net->in_scale = NULL;
        return MLP_OK;
    }
    if (!mean || !scale)
        return mlp_fail(MLP_EUSAGE, "input scaling needs both a mean and a scale (or neither)");
    size_t d = (size_t)net->sizes[0];
    for (size_t i = 0; i < d; i++) {
        if (!isfinite(mean[i]))
            return mlp_fail(MLP_EUSAGE, "input scaling: mean of feature %zu is not finite", i);
        if (!isfinite(scale[i]) || scale[i] == 0)
            return mlp_fail(MLP_EUSAGE, "input scaling: scale of feature %zu must be finite and non-zero, not %g",
                            i, (double)scale[i]);
    }
    mlp_real *m = mlp_alloc(d, sizeof *m, "input scaling");
    mlp_real *s = mlp_alloc(d, sizeof *s, "input scaling");
    if (!m || !s) { free(m); free(s); return MLP_ENOMEM; }
    memcpy(m, mean, d * sizeof *m);
    memcpy(s, scale, d * sizeof *s);
    free(net->in_mean);
    free(net->in_scale);
    net->in_mean = m;
    net->in_scale = s;
    return MLP_OK;
}

void mlp_input_scaling(const mlp_net *net, const mlp_real **mean, const mlp_real **scale)
{
    if (mean) *mean = net ? net->in_mean : NULL;
    if (scale) *scale = net ? net->in_scale : NULL;
}

mlp_status mlp_set_input_shape(mlp_net *net, int height, int width, int channels)
{
    if (!net) return mlp_fail(MLP_EUSAGE, "input shape: no network");
    if (height == 0 && width == 0 && channels == 0) {
        net->in_shape[0] = net->in_shape[1] = net->in_shape[2] = 0;
        return MLP_OK;
    }
    int d = net->sizes[0];
    /* Each factor is at most d <= 2^24, so no product below overflows. */
    if (height < 1 || width < 1 || channels < 1 || height > d || width > d || channels > d ||
        (long long)height * width > d || (long long)height * width * channels != d)
        return mlp_fail(MLP_EUSAGE, "input shape %dx%dx%d does not match the input width %d",
                        height, width, channels, d);
    net->in_shape[0] = height;
    net->in_shape[1] = width;
    net->in_shape[2] = channels;
    return MLP_OK;
}

void mlp_input_shape(const mlp_net *net, int *height, int *width, int *channels)
{
    if (height) *height = net ? net->in_shape[0] : 0;
    if (width) *width = net ? net->in_shape[1] : 0;
    if (channels) *channels = net ? net->in_shape[2] : 0;
}

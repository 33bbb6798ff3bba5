/*
 * fuzz_model.c - the binary model file (mlp_load, src/io/model.c). Each
 * input is loaded as it is, then with its trailing CRC-32 recomputed (when
 * that changes it), so that mutations get past the checksum into the
 * metadata and the weights. A model that loads is used once (its metadata
 * read, one forward pass), saved and loaded again: the copy must load and
 * hold the same parameters.
 */
#include "fuzz.h"
#include "internal.h"

static void use(mlp_net *net)
{
    const char *path = fuzz_path(1, "model-saved");
    int L = mlp_layers(net);
    for (int k = 0; k < mlp_width(net, L); k++) (void)mlp_class_name(net, k);
    const mlp_real *mean, *scale;
    mlp_input_scaling(net, &mean, &scale);
    int h, w, c;
    mlp_input_shape(net, &h, &w, &c);
    mlp_real *x = calloc((size_t)mlp_width(net, 0), sizeof *x);
    mlp_real *y = calloc((size_t)mlp_width(net, L), sizeof *y);
    if (x && y) (void)mlp_run(net, x, 1, y);
    free(x);
    free(y);
    if (mlp_save(net, path) != MLP_OK) {
        fprintf(stderr, "a loaded model did not save: %s\n", mlp_errmsg());
        abort();
    }
    mlp_net *again;
    if (mlp_load(&again, path) != MLP_OK) {
        fprintf(stderr, "a saved model did not load: %s\n", mlp_errmsg());
        abort();
    }
    if (mlp_param_count(again) != mlp_param_count(net) ||
        memcmp(mlp_params_const(again), mlp_params_const(net), mlp_param_count(net) * sizeof(mlp_real)) != 0)
        abort();
    mlp_free(again);
}

static void load(const char *path)
{
    mlp_net *net = NULL;
    if (mlp_load(&net, path) == MLP_OK) {
        use(net);
        mlp_free(net);
    } else if (net) {
        abort(); /* a failed load leaves *out NULL */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(0, "model");
    fuzz_write(path, data, size);
    load(path);
    if (size >= 4) {
        unsigned char *fixed = malloc(size);
        if (!fixed) return 0;
        memcpy(fixed, data, size);
        fuzz_fix_crc(fixed, size);
        if (memcmp(fixed + size - 4, data + size - 4, 4) != 0) {
            fuzz_write(path, fixed, size);
            load(path);
        }
        free(fixed);
    }
    return 0;
}

/*
 * fuzz_npz.c - NumPy .npz weights (mlp_import_npz, src/io/npz.c and npy.c):
 * the zip archive through libzip, each member's .npy header, shapes,
 * dtypes, byte order and Fortran order. A network that imports is exported
 * and imported again: the copy must hold the same parameters.
 */
#include "fuzz.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(0, "npz");
    fuzz_write(path, data, size);
    const mlp_act act = MLP_RELU;
    mlp_net *net = NULL;
    if (mlp_import_npz(&net, path, &act, 1, MLP_CE) != MLP_OK) {
        if (net) abort(); /* a failed import leaves *out NULL */
        return 0;
    }
    const char *copy = fuzz_path(1, "npz-exported");
    mlp_net *again = NULL;
    if (mlp_export_npz(net, copy) != MLP_OK || mlp_import_npz(&again, copy, &act, 1, MLP_CE) != MLP_OK) {
        fprintf(stderr, "an imported network did not round-trip: %s\n", mlp_errmsg());
        abort();
    }
    if (mlp_param_count(again) != mlp_param_count(net) ||
        memcmp(mlp_params_const(again), mlp_params_const(net), mlp_param_count(net) * sizeof(mlp_real)) != 0)
        abort();
    mlp_free(again);
    mlp_free(net);
    return 0;
}

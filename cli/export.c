/* export.c - `mlp export MODEL OUT.npz`: weights to NumPy. */
#include "common.h"

static const cmd_info info = {
    "export", "mlp export MODEL OUT.npz",
    "Writes the model's weights as a NumPy archive with arrays W1, b1, W2, b2, ...\n"
    "(float32; W of shape out x in, as torch.nn.Linear.weight). docs/NPZ.md.",
    "exit status: 0 done, 2 bad usage, 65 bad model, 66 missing model,\n"
    "73 cannot create output, 74 write error.\n"
};

int cmd_export(int argc, char **argv)
{
    arg_spec specs[] = {{0}};
    char *pos[2];
    int npos, r = args_parse(&info, specs, argc, argv, pos, 2, &npos);
    if (r) return r < 0 ? 0 : r;
    if (npos != 2) return cli_error("export", MLP_EUSAGE, "needs MODEL and OUT.npz (see mlp help export)");
    mlp_net *net;
    mlp_status s = mlp_load(&net, pos[0]);
    if (s != MLP_OK) return cli_fail("export", s);
    s = mlp_export_npz(net, pos[1]);
    mlp_free(net);
    return s == MLP_OK ? 0 : cli_fail("export", s);
}

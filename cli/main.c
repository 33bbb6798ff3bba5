/* main.c - the `mlp` command: dispatch to one file per subcommand. */
#include "args.h"

#include <stdio.h>
#include <string.h>

int cmd_train(int argc, char **argv);
int cmd_grad(int argc, char **argv);
int cmd_gradcheck(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_predict(int argc, char **argv);
int cmd_data(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sweep(int argc, char **argv);

static const struct { const char *name; int (*run)(int, char **); const char *summary; } cmds[] = {
    {"train", cmd_train, "train a network; per-epoch metrics on stdout"},
    {"grad", cmd_grad, "print the loss and every gradient for given weights and data"},
    {"gradcheck", cmd_gradcheck, "compare backprop with central differences"},
    {"eval", cmd_eval, "loss, accuracy, confusion matrix and per-class F1 of a model"},
    {"predict", cmd_predict, "the most probable classes of images, IDX files or CSV rows"},
    {"export", cmd_export, "write a model's weights as a NumPy .npz"},
    {"data", cmd_data, "list data sources, describe one, write a synthetic set"},
    {"sweep", cmd_sweep, "train every combination of some flags' values; results.csv and a heatmap"},
    {"plot", cmd_plot, "draw training curves, weights, decision regions, samples, confusion (PNG/SVG)"},
    {"report", cmd_report, "a self-contained HTML page of a run folder (mlp train --plots DIR)"},
    {"bench", cmd_bench, "samples per second and GFLOP/s of training steps"},
};
#define N_CMDS (int)(sizeof cmds / sizeof cmds[0])

static void usage(FILE *f)
{
    fprintf(f, "mlp %s - multilayer perceptrons with hand-derived backpropagation\n\n"
               "usage: mlp COMMAND [flags]\n\ncommands:\n", MLP_VERSION);
    for (int i = 0; i < N_CMDS; i++) fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
    fprintf(f, "  %-10s %s\n\n", "help", "mlp help COMMAND shows a command's flags");
    fprintf(f, "mlp --version prints the version. Documentation: docs/ in the source tree.\n");
}

static int finish(int r)
{
    /* A full disk or closed pipe on stdout is a write error, not success. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mlp: cannot write to standard output\n");
        return r ? r : MLP_EIO;
    }
    return r;
}

int main(int argc, char **argv)
{
    if (argc < 2) { usage(stderr); return MLP_EUSAGE; }
    const char *c = argv[1];
    if (strcmp(c, "--version") == 0 || strcmp(c, "version") == 0) {
        printf("mlp %s (%s)\n", mlp_version(), mlp_is_double() ? "double" : "float");
        return finish(0);
    }
    if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0) { usage(stdout); return finish(0); }
    if (strcmp(c, "help") == 0) {
        if (argc < 3) { usage(stdout); return finish(0); }
        for (int i = 0; i < N_CMDS; i++)
            if (strcmp(argv[2], cmds[i].name) == 0) {
                char *av[] = {argv[2], "--help", NULL};
                return finish(cmds[i].run(2, av));
            }
        fprintf(stderr, "mlp help: unknown command '%s' (try mlp help)\n", argv[2]);
        return MLP_EUSAGE;
    }
    for (int i = 0; i < N_CMDS; i++)
        if (strcmp(c, cmds[i].name) == 0) return finish(cmds[i].run(argc - 1, argv + 1));
    fprintf(stderr, "mlp: unknown command '%s' (try mlp help)\n", c);
    return MLP_EUSAGE;
}

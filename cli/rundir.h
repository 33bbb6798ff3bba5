/*
 * rundir.h - a run folder (RUNDIR, docs/PLOTS.md): what `mlp train --plots
 * DIR` writes and `mlp report DIR` reads.
 *
 *   DIR/run.json     the command, every flag's value, status, final metrics
 *   DIR/log.csv      the metrics log (epoch,iter,split,loss,acc,lr,seconds)
 *   DIR/model.mlp    the trained model (absent when training failed)
 *   DIR/curves.png   and weights.png, regions.png, samples.png, confusion.png:
 *                    the pictures that fit the run
 */
#ifndef MLP_CLI_RUNDIR_H
#define MLP_CLI_RUNDIR_H

#include "args.h"

#define RUNDIR_INFO  "run.json"
#define RUNDIR_LOG   "log.csv"
#define RUNDIR_MODEL "model.mlp"

/* dir/name, malloc'd (NULL when out of memory). */
char *rundir_path(const char *dir, const char *name);
/* Creates dir (one level) unless it is a folder already; MLP_ECANTCREAT. */
int   rundir_make(const char *cmd, const char *dir);

/* Writes dir/run.json atomically: {"mlp_version", "command": [argv...],
 * "status": status ("ok", "diverged", ...), "flags": {every flag in specs
 * with its value, null when unset, name without "--"}, "result": {res's
 * keys as mlp train --json prints them}} (res may be NULL: no result). */
int   rundir_write_info(const char *cmd, const char *dir, int argc, char **argv,
                        const arg_spec *specs, const char *status, const mlp_train_result *res);

/* The pictures of a run, as bits. */
enum { PIC_CURVES = 1, PIC_WEIGHTS = 2, PIC_REGIONS = 4, PIC_SAMPLES = 8, PIC_CONFUSION = 16 };
extern const char *const rundir_pic_names[5]; /* "curves", "weights", ... by bit */

/* Draws into dir every picture that fits, as NAME.ext (ext "png" or
 * "svg"): curves from the log when it is not NULL and exists; with a model (net may be
 * NULL): weights when its input is an image, decision regions over train
 * for 2-D data, sample predictions of eval for images, the confusion matrix
 * on eval (eval_name: "test", "val", ...). *drawn gets the bits drawn. */
int   rundir_pictures(const char *cmd, const char *dir, const char *ext, const char *log, const mlp_net *net,
                      const mlp_data *train, const mlp_data *eval, const char *eval_name, int *drawn);

#endif

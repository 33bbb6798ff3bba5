/*
 * draw.h - pictures (PNG or SVG, by the output's extension) drawn by gnuplot
 * through a pipe (docs/PLOTS.md). Each picture type has one function in one
 * file cli/draw_*.c; they all end in draw_finish, which runs gnuplot and
 * writes its output atomically (temporary file, fsync, rename), so a failed
 * picture never leaves a partial file.
 *
 * Every function takes the subcommand's name (for "mlp CMD: ..." errors),
 * prints a one-line error and returns an exit status (include/mlp.h) on
 * failure: MLP_EUSAGE for an extension other than .png/.svg, MLP_ECANTCREAT
 * when the output cannot be created or gnuplot cannot be run, MLP_EIO when a
 * write fails; 0 on success.
 */
#ifndef MLP_CLI_DRAW_H
#define MLP_CLI_DRAW_H

#include "mlp.h"

#include <stddef.h>
#include <stdio.h>

typedef enum { DRAW_PNG, DRAW_SVG } draw_format;

/* The format an output path asks for (.png or .svg, any case); prints
 * "mlp CMD: PATH: ..." and returns MLP_EUSAGE for anything else. */
int draw_format_of(const char *cmd, const char *path, draw_format *fmt);

/* ---- the pictures ---------------------------------------------------------- */

/* Sweep heatmap: a final metric over two swept flags. Cell (i, j) is the
 * run with y_values[i] and x_values[j]; value[i * nx + j] is its metric
 * (NaN: no run), diverged[i * nx + j] non-zero marks it diverged (drawn grey,
 * labelled "diverged"). x_flag, y_flag name the axes ("--batch", "--lr");
 * metric names the colour bar ("test_acc"); title may be NULL. */
typedef struct {
    const char  *x_flag, *y_flag, *metric, *title;
    int          nx, ny;
    const char *const *x_values, *const *y_values; /* labels as given */
    const double *value;
    const int    *diverged;
} draw_sweep_spec;
int draw_sweep_heatmap(const char *cmd, const draw_sweep_spec *s, const char *out);

/* The sweep heatmap straight from a sweep's results.csv: a header row, then
 * one row per run. Columns x_col and y_col hold the swept values (named with
 * or without the leading "--"), metric_col the metric (default "test_acc"),
 * and a column "diverged" (0/1, true/false, yes/no) when present. Repeats of
 * one point are averaged; a point is diverged when any repeat diverged.
 * MLP_ENOINPUT for a missing file, MLP_EDATA for a malformed one. */
int draw_sweep_csv(const char *cmd, const char *results_csv, const char *x_col,
                   const char *y_col, const char *metric_col, const char *out);

/* Loss and accuracy curves of one or more training logs (mlp train --log:
 * epoch,iter,split,loss,acc,lr,seconds). runs[i] is a log file; labels[i]
 * its legend name (NULL: the file's base name). Runs with the same label are
 * one configuration repeated (say, over seeds): drawn as the mean with a
 * shaded band of +-1 standard deviation. x_iter: 1 against iterations, 0
 * against epochs, -1 choose (iterations when a log has --eval-every rows). */
int draw_curves(const char *cmd, int n, const char *const *runs,
                const char *const *labels, int x_iter, const char *title,
                const char *out);

/* The first layer's weights, one tile per hidden unit (at most max_tiles;
 * for a model without hidden layers, one template per class), shaped by the
 * model's input shape (or a square input). MLP_EDATA when the input is not
 * image-shaped. */
int draw_weights(const char *cmd, const mlp_net *net, int max_tiles, const char *out);

/* Decision regions of a model with 2 inputs over a grid covering d, with
 * d's points (at most 2000) on top. MLP_EDATA when the model or data is not
 * 2-D. */
int draw_regions(const char *cmd, const mlp_net *net, const mlp_data *d, const char *out);

/* The first n rows of an image set d as a grid of images, each titled with
 * its true class, predicted class and probability; wrong ones in red with a
 * red frame. MLP_EDATA when the rows are not image-shaped. */
int draw_samples(const char *cmd, const mlp_net *net, const mlp_data *d, int n, const char *out);

/* The confusion matrix of r (rows true, columns predicted) as a heatmap,
 * each cell coloured by its share of the row and labelled with its count;
 * class names from net when it has them (net may be NULL). */
int draw_confusion(const char *cmd, const mlp_net *net, const mlp_report *r,
                   const char *title, const char *out);

/* ---- the machinery the functions above share -------------------------------- */

/* A gnuplot script being written (f, an in-memory stream) for one output. */
typedef struct {
    FILE       *f;
    char       *buf;
    size_t      len;
    const char *cmd, *out;
    draw_format fmt;
} draw_ctx;

/* Starts a script for out (checked: extension, and that it can be created)
 * on a canvas of width x height pixels (SVG: the same size in user units).
 * out may be NULL with fmt_if_null giving the format: draw_finish_mem then
 * returns the picture in memory (mlp report inlines SVGs so). */
int  draw_begin(draw_ctx *d, const char *cmd, const char *out, draw_format fmt_if_null,
                int width, int height);
/* Runs gnuplot on the script and writes the picture to d->out atomically. */
int  draw_finish(draw_ctx *d);
/* Runs gnuplot and returns its output in *pic (malloc'd, *len bytes). */
int  draw_finish_mem(draw_ctx *d, char **pic, size_t *len);
/* Frees the script without drawing. */
void draw_abort(draw_ctx *d);

/* Writes s as a gnuplot single-quoted string ('' for '). */
void draw_quote(FILE *f, const char *s);

/* Tiles of h x w pixels (px: ntiles * h * w values, row-major per tile) laid
 * out in rows of cols tiles with gap blank (NaN) pixels between them (tile t
 * starts at column (t % cols) * (w + gap), row (t / cols) * (h + gap)), as a
 * gnuplot matrix datablock called name (for "plot name matrix with image";
 * row 0 at the top once the y axis is reversed). */
void draw_tiles_block(FILE *f, const char *name, const double *px, int ntiles, int cols, int h, int w, int gap);

/* The image shape of a model's input: its stored shape, else a square
 * input taken as a square image; 0 when the input is not an image.
 * Channels are averaged into one gray value (images are height x width x
 * channels, channels last). */
int  draw_image_shape(const mlp_net *net, int *h, int *w, int *c);

/* Class k's name as the pictures show it: the model's name, or its number. */
void draw_class_label(const mlp_net *net, int k, char *buf, size_t size);

#endif

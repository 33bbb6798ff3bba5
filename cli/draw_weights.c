/* draw_weights.c - the first layer's weights as image tiles: one per hidden
 * unit, or one template per class for softmax regression. */
#include "draw.h"
#include "args.h"

#include <math.h>
#include <stdlib.h>

int draw_weights(const char *cmd, const mlp_net *net, int max_tiles, const char *out)
{
    draw_format fmt;
    int r = draw_format_of(cmd, out, &fmt);
    if (r) return r;
    int h, w, c;
    if (!draw_image_shape(net, &h, &w, &c))
        return cli_error(cmd, MLP_EDATA, "the model's %d inputs are not an image: no weight tiles to draw", mlp_width(net, 0));
    int units = mlp_width(net, 1), in = mlp_width(net, 0);
    int templates = mlp_layers(net) == 1; /* softmax regression: class templates */
    int n = units < max_tiles ? units : max_tiles;
    int cols = n <= 10 ? (n <= 5 ? n : 5) : (int)ceil(sqrt((double)n));
    int rows = (n + cols - 1) / cols;
    double *px = malloc((size_t)n * h * w * sizeof *px);
    if (!px) return cli_error(cmd, MLP_ENOMEM, "out of memory");
    const mlp_real *W = mlp_params_const(net) + mlp_weight_offset(net, 0);
    for (int t = 0; t < n; t++) {
        /* Each tile on its own symmetric scale: -1 (blue), 0 (white), 1 (red). */
        const mlp_real *row = W + (size_t)t * in;
        double m = 0;
        for (int i = 0; i < in; i++) m = fabs((double)row[i]) > m ? fabs((double)row[i]) : m;
        for (int p = 0; p < h * w; p++) {
            double v = 0;
            for (int ch = 0; ch < c; ch++) v += row[(size_t)p * c + ch];
            px[(size_t)t * h * w + p] = m > 0 ? v / c / m : 0;
        }
    }
    int tile = templates ? 150 : n > 64 ? 60 : 90;
    draw_ctx d;
    int wd = 200 + cols * tile, ht = 110 + rows * (tile + (templates ? 22 : 0));
    if ((r = draw_begin(&d, cmd, out, fmt, wd < 760 ? 760 : wd, ht < 300 ? 300 : ht))) { free(px); return r; }
    FILE *f = d.f;
    int gap = templates ? 6 : 1;
    draw_tiles_block(f, "$tiles", px, n, cols, h, w, gap);
    free(px);
    char title[160];
    if (templates) snprintf(title, sizeof title, "softmax regression: the %d class templates", n);
    else if (n < units) snprintf(title, sizeof title, "first-layer weights: %d of %d hidden units", n, units);
    else snprintf(title, sizeof title, "first-layer weights of %d hidden units", n);
    fprintf(f, "set title ");
    draw_quote(f, title);
    fprintf(f, " font ',14'\nunset xtics\nunset ytics\nunset border\nunset key\nset size ratio -1\n"
               "set xrange [-0.5:%g]\nset yrange [%g:-0.5]\n"
               "set palette defined (-1 '#2166ac', 0 '#ffffff', 1 '#b2182b')\nset cbrange [-1:1]\n"
               "set cbtics ('-max' -1, '0' 0, '+max' 1)\n",
            cols * (w + gap) - gap - 0.5, rows * (h + gap) - gap - 0.5);
    if (templates)
        for (int t = 0; t < n; t++) {
            char label[64];
            draw_class_label(net, t, label, sizeof label);
            fprintf(f, "set label %d ", t + 1);
            draw_quote(f, label);
            fprintf(f, " at %g,%g center front font ',10' noenhanced\n", (t % cols) * (w + gap) + (w - 1) / 2.0, (t / cols) * (h + gap) - 3.0);
        }
    if (templates) fprintf(f, "set yrange [%g:-6]\n", rows * (h + gap) - gap - 0.5);
    fprintf(f, "plot $tiles matrix with image\n");
    return draw_finish(&d);
}

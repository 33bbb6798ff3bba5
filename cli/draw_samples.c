/* draw_samples.c - a grid of images with true class, predicted class and
 * its probability; wrong predictions in red, framed. */
#include "draw.h"
#include "args.h"

#include <stdlib.h>

int draw_samples(const char *cmd, const mlp_net *net, const mlp_data *d, int n, const char *out)
{
    draw_format fmt;
    int r = draw_format_of(cmd, out, &fmt);
    if (r) return r;
    int h, w, c, in = mlp_width(net, 0), k = mlp_width(net, mlp_layers(net));
    if (!draw_image_shape(net, &h, &w, &c) || d->d != in)
        return cli_error(cmd, MLP_EDATA, "sample images need image data: the model takes %d inputs, the data has %d features",
                         in, (int)d->d);
    if (n > d->n) n = d->n;
    if (n <= 0) return cli_error(cmd, MLP_EDATA, "sample images need data: the split is empty");
    int cols = n < 6 ? n : 6, rows = (n + cols - 1) / cols, gap = 9;
    mlp_real *x = malloc((size_t)n * in * sizeof *x), *p = malloc((size_t)n * k * sizeof *p);
    int32_t *idx = malloc((size_t)n * sizeof *idx), *y = malloc((size_t)n * sizeof *y);
    double *px = malloc((size_t)n * h * w * sizeof *px);
    if (!x || !p || !idx || !y || !px) { r = cli_error(cmd, MLP_ENOMEM, "out of memory"); goto done; }
    for (int i = 0; i < n; i++) idx[i] = i;
    mlp_data_gather(d, idx, n, x, y);
    for (int t = 0; t < n; t++)
        for (int q = 0; q < h * w; q++) {
            double v = 0;
            for (int ch = 0; ch < c; ch++) v += x[(size_t)t * in + (size_t)q * c + ch];
            px[(size_t)t * h * w + q] = v / c;
        }
    mlp_status s = mlp_run(net, x, n, p);
    if (s != MLP_OK) { r = cli_fail(cmd, s); goto done; }
    draw_ctx dc;
    if ((r = draw_begin(&dc, cmd, out, fmt, 80 + cols * 180, 90 + rows * 210))) goto done;
    FILE *f = dc.f;
    draw_tiles_block(f, "$img", px, n, cols, h, w, gap);
    int wrong = 0;
    for (int t = 0; t < n; t++) {
        const mlp_real *q = p + (size_t)t * k;
        int best = 0;
        for (int j = 1; j < k; j++) if (q[j] > q[best]) best = j;
        int bad = best != y[t];
        wrong += bad;
        char tl[64], pl[64], text[200];
        draw_class_label(net, y[t], tl, sizeof tl);
        draw_class_label(net, best, pl, sizeof pl);
        snprintf(text, sizeof text, "true %s\npred %s %.2f", tl, pl, (double)q[best]);
        double cx = (t % cols) * (w + gap) + (w - 1) / 2.0, top = (t / cols) * (h + gap);
        /* Two lines: a double-quoted gnuplot string, where \n breaks. */
        fprintf(f, "set label %d \"", t + 1);
        for (const char *ch = text; *ch; ch++) {
            if (*ch == '\n') fputs("\\n", f);
            else if (*ch == '"' || *ch == '\\') fprintf(f, "\\%c", *ch);
            else fputc(*ch, f);
        }
        fputc('"', f);
        fprintf(f, " at %g,%g center front font ',9' tc rgb '%s' noenhanced\n", cx, top - gap * 0.62, bad ? "#d00000" : "#222222");
        if (bad)
            fprintf(f, "set object %d rect from %g,%g to %g,%g front fs empty border rgb '#d00000' lw 3\n",
                    t + 1, (t % cols) * (w + gap) - 0.9, top - 0.9, (t % cols) * (w + gap) + w - 0.1, top + h - 0.1);
    }
    fprintf(f, "set title 'the first %d images: true class, predicted class and its probability (%d wrong, in red)' font ',13'\n"
               "unset xtics\nunset ytics\nunset border\nunset key\nunset colorbox\nset size ratio -1\n"
               "set palette gray\nset cbrange [0:1]\nset xrange [-1.5:%g]\nset yrange [%g:%g]\n"
               "plot $img matrix with image\n",
            n, wrong, cols * (w + gap) - gap + 0.5, rows * (h + gap) - gap + 0.5, -gap - 0.5);
    r = draw_finish(&dc);
done:
    free(x); free(p); free(idx); free(y); free(px);
    return r;
}

/* draw_regions.c - the decision regions of a 2-D classifier over a grid,
 * shaded by confidence, with the data's points on top. */
#include "draw.h"
#include "args.h"

#include <math.h>
#include <stdlib.h>

static const unsigned class_rgb[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                     0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};

int draw_regions(const char *cmd, const mlp_net *net, const mlp_data *d, const char *out)
{
    draw_format fmt;
    int r = draw_format_of(cmd, out, &fmt);
    if (r) return r;
    if (mlp_width(net, 0) != 2 || d->d != 2)
        return cli_error(cmd, MLP_EDATA, "decision regions need 2-D data: the model takes %d inputs, the data has %d features",
                         mlp_width(net, 0), (int)d->d);
    if (d->n == 0) return cli_error(cmd, MLP_EDATA, "decision regions need data points: the split is empty");
    int k = mlp_width(net, mlp_layers(net)), G = 160;
    int npts = d->n < 2000 ? d->n : 2000;
    mlp_real *x = malloc((size_t)(npts > G * G ? npts : G * G) * 2 * sizeof *x);
    int32_t *idx = malloc((size_t)npts * sizeof *idx), *y = malloc((size_t)npts * sizeof *y);
    mlp_real *p = malloc((size_t)G * G * k * sizeof *p);
    if (!x || !idx || !y || !p) { free(x); free(idx); free(y); free(p); return cli_error(cmd, MLP_ENOMEM, "out of memory"); }
    /* Evenly spaced rows of d, at most 2000, and the box around them. */
    for (int i = 0; i < npts; i++) idx[i] = (int32_t)((int64_t)i * d->n / npts);
    mlp_data_gather(d, idx, npts, x, y);
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < npts; i++) {
        x0 = fmin(x0, x[2 * i]); x1 = fmax(x1, x[2 * i]);
        y0 = fmin(y0, x[2 * i + 1]); y1 = fmax(y1, x[2 * i + 1]);
    }
    double mx = (x1 - x0) * 0.08 + 1e-6, my = (y1 - y0) * 0.08 + 1e-6;
    x0 -= mx; x1 += mx; y0 -= my; y1 += my;
    draw_ctx dc;
    if ((r = draw_begin(&dc, cmd, out, fmt, 820, 720))) goto done;
    FILE *f = dc.f;
    fprintf(f, "$pts << EOD\n");
    for (int i = 0; i < npts; i++)
        fprintf(f, "%.6g %.6g %u\n", (double)x[2 * i], (double)x[2 * i + 1], class_rgb[y[i] % 10]);
    fprintf(f, "EOD\n");
    for (int gy = 0; gy < G; gy++)
        for (int gx = 0; gx < G; gx++) {
            x[2 * (gy * G + gx)] = (mlp_real)(x0 + (x1 - x0) * (gx + 0.5) / G);
            x[2 * (gy * G + gx) + 1] = (mlp_real)(y0 + (y1 - y0) * (gy + 0.5) / G);
        }
    mlp_status s = mlp_run(net, x, G * G, p);
    if (s != MLP_OK) { draw_abort(&dc); r = cli_fail(cmd, s); goto done; }
    /* Each cell in its class's colour, paler where the model is less sure. */
    fprintf(f, "$grid << EOD\n");
    for (int i = 0; i < G * G; i++) {
        const mlp_real *q = p + (size_t)i * k;
        int best = 0;
        for (int j = 1; j < k; j++) if (q[j] > q[best]) best = j;
        double conf = k > 1 ? ((double)q[best] - 1.0 / k) / (1 - 1.0 / k) : 1;
        conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
        double a = 0.25 + 0.35 * conf; /* share of the class colour */
        unsigned c = class_rgb[best % 10];
        int rgb[3] = {(int)(c >> 16), (int)(c >> 8 & 255), (int)(c & 255)};
        fprintf(f, "%.6g %.6g", (double)x[2 * i], (double)x[2 * i + 1]);
        for (int ch = 0; ch < 3; ch++) fprintf(f, " %d", (int)lround(255 * (1 - a) + rgb[ch] * a));
        fputc('\n', f);
        if (i % G == G - 1) fputc('\n', f);
    }
    fprintf(f, "EOD\n");
    fprintf(f, "set title 'decision regions (%d classes) and %d data points' font ',14'\n"
               "set xlabel 'x1'\nset ylabel 'x2'\nset xrange [%g:%g]\nset yrange [%g:%g]\n"
               "set key outside right top noenhanced\nset size ratio -1\n", k, npts, x0, x1, y0, y1);
    fprintf(f, "plot $grid using 1:2:3:4:5 with rgbimage notitle, "
               "$pts using 1:2:3 with points pt 7 ps 0.9 lc rgb variable notitle, "
               "$pts using 1:2 with points pt 6 ps 0.9 lc rgb '#333333' lw 0.6 notitle");
    for (int j = 0; j < k && j < 10; j++) {
        char label[64];
        draw_class_label(net, j, label, sizeof label);
        fprintf(f, ", NaN with points pt 7 ps 1.2 lc rgb '#%06x' title ", class_rgb[j]);
        char t[80];
        snprintf(t, sizeof t, "class %s", label);
        draw_quote(f, t);
    }
    fprintf(f, "\n");
    r = draw_finish(&dc);
done:
    free(x); free(idx); free(y); free(p);
    return r;
}

/* draw_sweep.c - a sweep's final metric as a heatmap over two swept flags,
 * diverged runs marked; from arrays or from a sweep's results.csv. */
#include "draw.h"
#include "args.h"
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int draw_sweep_heatmap(const char *cmd, const draw_sweep_spec *s, const char *out)
{
    int cw = s->nx > 8 ? 90 : 120, ch = s->ny > 8 ? 50 : 70;
    int width = 260 + cw * s->nx, height = 200 + ch * s->ny;
    draw_ctx d;
    int r = draw_begin(&d, cmd, out, DRAW_SVG, width < 640 ? 640 : width, height < 400 ? 400 : height);
    if (r) return r;
    FILE *f = d.f;
    fprintf(f, "set title ");
    draw_quote(f, s->title ? s->title : "final metric over the sweep");
    fprintf(f, " font ',14'\nset xlabel ");
    draw_quote(f, s->x_flag);
    fprintf(f, "\nset ylabel ");
    draw_quote(f, s->y_flag);
    fprintf(f, "\nset cblabel ");
    draw_quote(f, s->metric);
    fprintf(f, "\nset xrange [-0.5:%g]\nset yrange [-0.5:%g]\nset xtics (", s->nx - 0.5, s->ny - 0.5);
    for (int j = 0; j < s->nx; j++) { fprintf(f, "%s", j ? ", " : ""); draw_quote(f, s->x_values[j]); fprintf(f, " %d", j); }
    fprintf(f, ") scale 0\nset ytics (");
    for (int i = 0; i < s->ny; i++) { fprintf(f, "%s", i ? ", " : ""); draw_quote(f, s->y_values[i]); fprintf(f, " %d", i); }
    fprintf(f, ") scale 0\nset palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')\n"
               "set key off\nset style fill solid 1.0 border rgb '#ffffff'\n");
    double lo = INFINITY, hi = -INFINITY;
    int any = 0, anydiv = 0;
    fprintf(f, "$ok << EOD\n");
    for (int i = 0; i < s->ny; i++)
        for (int j = 0; j < s->nx; j++) {
            double v = s->value[i * s->nx + j];
            if (s->diverged && s->diverged[i * s->nx + j]) { anydiv = 1; continue; }
            if (!isfinite(v)) continue;
            fprintf(f, "%d %d %.9g\n", j, i, v);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            any = 1;
        }
    fprintf(f, "EOD\n$div << EOD\n");
    for (int i = 0; i < s->ny; i++)
        for (int j = 0; j < s->nx; j++)
            if (s->diverged && s->diverged[i * s->nx + j]) fprintf(f, "%d %d\n", j, i);
    fprintf(f, "EOD\n");
    if (any) fprintf(f, "set cbrange [%.9g:%.9g]\n", lo, hi > lo ? hi : lo + 1e-9);
    /* Dark labels on light cells, light labels on dark cells. */
    double mid = any ? (lo + hi) / 2 : 0;
    fprintf(f, "plot ");
    const char *sep = "";
    if (any) {
        fprintf(f, "$ok using 1:2:(0.5):(0.5):3 with boxxyerror fc palette, "
                   "$ok using 1:2:(sprintf('%%.4g', $3)):($3 > %.9g ? 0 : 0xffffff) with labels tc rgb variable font ',11'", mid);
        sep = ", ";
    }
    if (anydiv)
        fprintf(f, "%s$div using 1:2:(0.5):(0.5) with boxxyerror fc rgb '#9e9e9e', "
                   "$div using 1:2:('diverged') with labels tc rgb '#b00020' font ',11'", sep);
    if (!any && !anydiv) fprintf(f, "NaN notitle");
    fprintf(f, "\n");
    return draw_finish(&d);
}

/* Whether a results.csv field says diverged. */
static int truthy(const char *s)
{
    return strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 || strcasecmp(s, "diverged") == 0;
}

/* The distinct values of column c in order of first appearance; numeric
 * columns sorted by value. Returns their count. */
static int distinct(const table *t, int c, const char **vals)
{
    int n = 0, numeric = 1;
    for (int row = 0; row < t->nrow; row++) {
        const char *v = table_get(t, row, c);
        int seen = 0;
        for (int i = 0; i < n && !seen; i++) seen = strcmp(vals[i], v) == 0;
        if (!seen) vals[n++] = v;
        double x;
        if (table_num(t, row, c, &x) != 0) numeric = 0;
    }
    if (numeric) /* insertion sort by value; n is small */
        for (int i = 1; i < n; i++)
            for (int j = i; j > 0 && strtod(vals[j - 1], NULL) > strtod(vals[j], NULL); j--) {
                const char *tmp = vals[j]; vals[j] = vals[j - 1]; vals[j - 1] = tmp;
            }
    return n;
}

static int index_of(const char **vals, int n, const char *v)
{
    for (int i = 0; i < n; i++) if (strcmp(vals[i], v) == 0) return i;
    return -1;
}

int draw_sweep_csv(const char *cmd, const char *path, const char *x_col, const char *y_col,
                   const char *metric_col, const char *out)
{
    draw_format fmt;
    int r = draw_format_of(cmd, out, &fmt);
    if (r) return r;
    if (!metric_col) metric_col = "test_acc";
    table t;
    if ((r = table_read(cmd, path, &t))) return r;
    int cx = table_col(&t, x_col), cy = table_col(&t, y_col), cm = table_col(&t, metric_col), cd = table_col(&t, "diverged");
    const char *missing = cx < 0 ? x_col : cy < 0 ? y_col : cm < 0 ? metric_col : NULL;
    if (missing) { table_free(&t); return cli_error(cmd, MLP_EDATA, "%s: no column '%s' in the header", path, missing); }
    if (t.nrow == 0) { table_free(&t); return cli_error(cmd, MLP_EDATA, "%s: no runs (only a header)", path); }
    const char **xs = malloc((size_t)t.nrow * sizeof *xs), **ys = malloc((size_t)t.nrow * sizeof *ys);
    double *sum = NULL;
    int *cnt = NULL, *div = NULL;
    if (!xs || !ys) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
    int nx = 0, ny = 0;
    if (!r) {
        nx = distinct(&t, cx, xs);
        ny = distinct(&t, cy, ys);
        sum = calloc((size_t)nx * ny, sizeof *sum);
        cnt = calloc((size_t)nx * ny, sizeof *cnt);
        div = calloc((size_t)nx * ny, sizeof *div);
        if (!sum || !cnt || !div) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
    }
    for (int row = 0; !r && row < t.nrow; row++) {
        int k = index_of(ys, ny, table_get(&t, row, cy)) * nx + index_of(xs, nx, table_get(&t, row, cx));
        double v;
        int dv = cd >= 0 && truthy(table_get(&t, row, cd));
        if (table_num(&t, row, cm, &v) != 0) {
            const char *s = table_get(&t, row, cm);
            if (*s && strcasecmp(s, "null") && strcasecmp(s, "nan") && !dv) {
                r = cli_error(cmd, MLP_EDATA, "%s:%d: %s '%s' is not a number", path, row + 2, metric_col, s);
                break;
            }
            v = NAN;
        }
        div[k] |= dv;
        if (isfinite(v) && !dv) { sum[k] += v; cnt[k]++; }
    }
    if (!r) {
        for (int k = 0; k < nx * ny; k++) sum[k] = cnt[k] ? sum[k] / cnt[k] : NAN;
        char title[256];
        snprintf(title, sizeof title, "%s over %s and %s", metric_col, x_col, y_col);
        draw_sweep_spec s = {x_col, y_col, metric_col, title, nx, ny, xs, ys, sum, div};
        r = draw_sweep_heatmap(cmd, &s, out);
    }
    free(xs); free(ys); free(sum); free(cnt); free(div);
    table_free(&t);
    return r;
}

/* draw_curves.c - loss and accuracy of train/val/test against epochs or
 * iterations, from training logs; repeated runs as mean +- 1 std bands. */
#include "draw.h"
#include "args.h"
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { N_SPLITS = 3 };
static const char *const split_names[N_SPLITS] = {"train", "val", "test"};
static const char *const split_colors[N_SPLITS] = {"#1f77b4", "#ff7f0e", "#2ca02c"};
static const char *const group_colors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

/* One split of one log: points in log order, one per x (the last wins). */
typedef struct { int n; double *x, *loss, *acc; } series;
typedef struct { series s[N_SPLITS]; int epochs_distinct, iters_distinct; } run_log;

static void run_free(run_log *r)
{
    for (int k = 0; k < N_SPLITS; k++) { free(r->s[k].x); free(r->s[k].loss); free(r->s[k].acc); }
}

/* Reads a log into r with x = iteration (x_iter) or epoch. */
static int read_log(const char *cmd, const char *path, int x_iter, run_log *r)
{
    memset(r, 0, sizeof *r);
    table t;
    int e = table_read(cmd, path, &t);
    if (e) return e;
    const char *need[] = {"epoch", "iter", "split", "loss", "acc"};
    int col[5];
    for (int i = 0; i < 5; i++)
        if ((col[i] = table_col(&t, need[i])) < 0) {
            table_free(&t);
            return cli_error(cmd, MLP_EDATA, "%s: not a training log (mlp train --log): no column '%s'", path, need[i]);
        }
    if (t.nrow == 0) { table_free(&t); return cli_error(cmd, MLP_EDATA, "%s: no metrics (only a header)", path); }
    for (int k = 0; k < N_SPLITS && !e; k++) {
        series *s = &r->s[k];
        s->x = malloc((size_t)t.nrow * sizeof *s->x);
        s->loss = malloc((size_t)t.nrow * sizeof *s->loss);
        s->acc = malloc((size_t)t.nrow * sizeof *s->acc);
        if (!s->x || !s->loss || !s->acc) e = cli_error(cmd, MLP_ENOMEM, "out of memory");
    }
    double last_epoch = NAN, last_iter = NAN;
    for (int row = 0; !e && row < t.nrow; row++) {
        double v[5] = {0};
        for (int i = 0; i < 5; i++)
            if (i != 2 && table_num(&t, row, col[i], &v[i]) != 0)
                e = cli_error(cmd, MLP_EDATA, "%s:%d: %s '%s' is not a number", path, row + 2, need[i], table_get(&t, row, col[i]));
        if (e) break;
        if (!isfinite(v[0]) || !isfinite(v[1]) || v[0] < 0 || v[1] < 0) {
            e = cli_error(cmd, MLP_EDATA, "%s:%d: epoch and iter must be counts", path, row + 2);
            break;
        }
        const char *sp = table_get(&t, row, col[2]);
        int k = 0;
        while (k < N_SPLITS && strcmp(sp, split_names[k])) k++;
        if (k == N_SPLITS) { e = cli_error(cmd, MLP_EDATA, "%s:%d: split '%s' is not train, val or test", path, row + 2, sp); break; }
        if (v[0] != last_epoch) r->epochs_distinct++;
        if (v[1] != last_iter) r->iters_distinct++;
        last_epoch = v[0];
        last_iter = v[1];
        series *s = &r->s[k];
        double x = x_iter ? v[1] : v[0];
        int at = s->n;
        for (int i = 0; i < s->n; i++) if (s->x[i] == x) at = i;
        if (at == s->n) s->n++;
        s->x[at] = x;
        s->loss[at] = v[3];
        s->acc[at] = v[4];
    }
    table_free(&t);
    if (e) run_free(r);
    return e;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Writes the mean (and std over the runs) of one split of a group as a
 * datablock: x, loss mean, loss std, acc mean, acc std; only the x values
 * that every run has. Returns the number of points. */
static int write_block(FILE *f, const char *name, run_log *runs, const int *members, int m, int k)
{
    const series *first = &runs[members[0]].s[k];
    int points = 0;
    fprintf(f, "%s << EOD\n", name);
    for (int i = 0; i < first->n; i++) {
        double x = first->x[i], sl = 0, sl2 = 0, sa = 0, sa2 = 0;
        int have = 1;
        for (int j = 0; j < m && have; j++) {
            const series *s = &runs[members[j]].s[k];
            int at = -1;
            for (int q = 0; q < s->n; q++) if (s->x[q] == x) at = q;
            if (at < 0) { have = 0; break; }
            sl += s->loss[at]; sl2 += s->loss[at] * s->loss[at];
            sa += s->acc[at]; sa2 += s->acc[at] * s->acc[at];
        }
        if (!have) continue;
        double ml = sl / m, ma = sa / m;
        double vl = sl2 / m - ml * ml, va = sa2 / m - ma * ma;
        double out[5] = {x, ml, sqrt(vl > 0 ? vl : 0), ma, sqrt(va > 0 ? va : 0)};
        for (int c = 0; c < 5; c++) {
            if (isfinite(out[c])) fprintf(f, "%s%.9g", c ? " " : "", out[c]);
            else fprintf(f, "%sNaN", c ? " " : "");
        }
        fputc('\n', f);
        points++;
    }
    fprintf(f, "EOD\n");
    return points;
}

int draw_curves(const char *cmd, int n, const char *const *runs, const char *const *labels,
                int x_iter, const char *title, const char *out)
{
    draw_format fmt;
    int r = draw_format_of(cmd, out, &fmt);
    if (r) return r;
    run_log *logs = calloc((size_t)n, sizeof *logs);
    int *group = calloc((size_t)n, sizeof *group), *members = calloc((size_t)n, sizeof *members);
    const char **gname = calloc((size_t)n, sizeof *gname);
    if (!logs || !group || !members || !gname) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
    /* Against iterations when asked, or (x_iter < 0) when some log has
     * --eval-every rows: more distinct iterations than epochs. */
    if (!r && x_iter < 0) {
        x_iter = 0;
        for (int i = 0; !r && i < n; i++) {
            run_log probe;
            if ((r = read_log(cmd, runs[i], 0, &probe))) break;
            if (probe.iters_distinct > probe.epochs_distinct) x_iter = 1;
            run_free(&probe);
        }
    }
    int loaded = 0, ngroups = 0;
    for (int i = 0; !r && i < n; i++, loaded++) {
        if ((r = read_log(cmd, runs[i], x_iter, &logs[i]))) break;
        const char *label = labels && labels[i] ? labels[i] : base_name(runs[i]);
        int g = 0;
        while (g < ngroups && strcmp(gname[g], label)) g++;
        if (g == ngroups) gname[ngroups++] = label;
        group[i] = g;
    }
    draw_ctx d;
    if (!r) r = draw_begin(&d, cmd, out, fmt, 1200, 520);
    if (!r) {
        FILE *f = d.f;
        /* Datablocks $g<G>s<K>, and which exist with how many runs. */
        int *count = calloc((size_t)ngroups, sizeof *count), *has = calloc((size_t)ngroups * N_SPLITS, sizeof *has);
        double lo = INFINITY, hi = -INFINITY, xmax = 0;
        if (!count || !has) { draw_abort(&d); r = cli_error(cmd, MLP_ENOMEM, "out of memory"); }
        for (int g = 0; !r && g < ngroups; g++) {
            int m = 0;
            for (int i = 0; i < n; i++) if (group[i] == g) members[m++] = i;
            count[g] = m;
            for (int k = 0; k < N_SPLITS; k++) {
                char name[32];
                snprintf(name, sizeof name, "$g%ds%d", g, k);
                has[g * N_SPLITS + k] = write_block(f, name, logs, members, m, k);
                for (int j = 0; j < m; j++) {
                    const series *s = &logs[members[j]].s[k];
                    for (int q = 0; q < s->n; q++) xmax = s->x[q] > xmax ? s->x[q] : xmax;
                    for (int q = 0; q < s->n; q++)
                        if (isfinite(s->loss[q]) && s->loss[q] > 0) {
                            lo = s->loss[q] < lo ? s->loss[q] : lo;
                            hi = s->loss[q] > hi ? s->loss[q] : hi;
                        }
                }
            }
        }
        if (!r) {
            fprintf(f, "set multiplot layout 1,2 title ");
            draw_quote(f, title ? title : ngroups == 1 ? gname[0] : "training curves");
            fprintf(f, " font ',15' noenhanced\nset grid lc rgb '#dddddd'\n"
                       "set xlabel '%s'\nset style fill transparent solid 0.2 noborder\n", x_iter ? "iteration" : "epoch");
            /* Whole epochs on the axis, not 1.5. */
            if (!x_iter) fprintf(f, xmax <= 25 ? "set xtics 1\n" : "set format x '%%.0f'\n");
            for (int panel = 0; panel < 2; panel++) {
                fprintf(f, "set title '%s'\nset ylabel '%s'\nset key %s right opaque box lc rgb '#cccccc' noenhanced\n",
                        panel ? "accuracy" : "loss", panel ? "accuracy" : "loss", panel ? "bottom" : "top");
                /* A loss spread over more than two decades (a blow-up) on a log scale. */
                fprintf(f, panel == 0 && hi > 100 * lo ? "set logscale y\n" : "unset logscale y\n");
                if (panel) fprintf(f, "set yrange [*:*]\n");
                fprintf(f, "plot ");
                int first = 1, col = panel ? 4 : 2;
                for (int g = 0; g < ngroups; g++)
                    for (int k = 0; k < N_SPLITS; k++) {
                        if (!has[g * N_SPLITS + k]) continue;
                        const char *color = ngroups == 1 ? split_colors[k] : group_colors[g % 10];
                        int dt = ngroups == 1 ? 1 : k + 1;
                        if (count[g] > 1) {
                            fprintf(f, "%s$g%ds%d using 1:($%d-$%d):($%d+$%d) with filledcurves fc rgb '%s' notitle",
                                    first ? "" : ", ", g, k, col, col + 1, col, col + 1, color);
                            first = 0;
                        }
                        char t[300];
                        if (ngroups == 1) snprintf(t, sizeof t, "%s", split_names[k]);
                        else snprintf(t, sizeof t, "%s %s", gname[g], split_names[k]);
                        char nm[340];
                        if (count[g] > 1) snprintf(nm, sizeof nm, "%s, mean \xc2\xb1 std of %d runs", t, count[g]);
                        else snprintf(nm, sizeof nm, "%s", t);
                        fprintf(f, "%s$g%ds%d using 1:%d with lines lw 2 dt %d lc rgb '%s' title ", first ? "" : ", ", g, k, col, dt, color);
                        draw_quote(f, nm);
                        first = 0;
                    }
                if (first) fprintf(f, "NaN notitle");
                fprintf(f, "\n");
            }
            fprintf(f, "unset multiplot\n");
            r = draw_finish(&d);
        }
        free(count);
        free(has);
    }
    for (int i = 0; i < loaded; i++) run_free(&logs[i]);
    free(logs); free(group); free(members); free(gname);
    return r;
}

/* report.c - `mlp report RUNDIR --out FILE.html`: one self-contained web
 * page of a run folder (docs/PLOTS.md): configuration, final metrics,
 * curves, confusion matrix, sample predictions, decision regions (2-D
 * data) and weights (image data), every picture an inline SVG. */
#include "common.h"
#include "draw.h"
#include "io/atomic.h"
#include "jsonread.h"
#include "rundir.h"
#include "table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const cmd_info info = {
    "report", "mlp report RUNDIR --out FILE.html",
    "Writes one self-contained HTML page about a run folder (what mlp train\n"
    "--plots DIR writes; docs/PLOTS.md): the command and every flag, the final\n"
    "metrics, loss and accuracy curves, the confusion matrix, sample\n"
    "predictions, the decision regions of 2-D data and the first layer's\n"
    "weights of image data. Pictures are inline SVG; the page loads nothing\n"
    "from the network and reads well on phones and desktops. The data is\n"
    "loaded again as run.json's command names it (relative paths from the\n"
    "current folder).",
    "exit status: 0 done, 2 bad usage, 65 bad run folder, 66 missing run folder\n"
    "or data, 73 cannot create output (or gnuplot missing), 74 write error.\n"
};

static const char *const data_flag_names[] = {"--data", "--n", "--noise", "--label-col", "--test", "--val", "--seed"};

static void html(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* Reads a whole file into memory (pictures just drawn). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len + 65536 + 1 > cap) {
            char *nb = realloc(buf, cap = cap ? 2 * cap : 131072);
            if (!nb) { free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + *len, 1, cap - *len - 1, f);
        *len += got;
        if (!got) break;
    }
    fclose(f);
    buf[*len] = 0;
    return buf;
}

/* An SVG from gnuplot, inline: from "<svg" on, without the namespace
 * declarations (HTML needs none, and the page names no URL), its ids and
 * references to them prefixed with "fN-" (each gnuplot SVG has the same
 * ids; a page must not). */
static void inline_svg(FILE *f, const char *svg, int fig)
{
    static const char *const refs[] = {"id=\"", "id='", "href=\"#", "href='#", "url(#"};
    const char *p = strstr(svg, "<svg");
    if (!p) return;
    static const char *const drop[] = {" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
                                       "\n xmlns=\"http://www.w3.org/2000/svg\"", "\n xmlns:xlink=\"http://www.w3.org/1999/xlink\""};
    while (*p) {
        int skipped = 0;
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
            size_t n = strlen(drop[i]);
            if (strncmp(p, drop[i], n) == 0) { p += n; skipped = 1; break; }
        }
        for (size_t i = 0; !skipped && i < sizeof refs / sizeof refs[0]; i++) {
            size_t len = strlen(refs[i]);
            if (strncmp(p, refs[i], len) == 0) { fprintf(f, "%sf%d-", refs[i], fig); p += len; skipped = 1; }
        }
        if (!skipped) fputc(*p++, f);
    }
}

/* The data flags of the training command in run.json, parsed again. */
static int load_run_data(const char *cmd, const json_flat *j, mlp_data *train, mlp_data *val, mlp_data *test, int *have_val)
{
    char *av[64];
    int ac = 0;
    av[ac++] = (char *)"report";
    for (int i = 2; ac < 62; i++) {
        char key[32];
        snprintf(key, sizeof key, "command.%d", i);
        const char *a = json_flat_get(j, key);
        if (!a) break;
        for (size_t q = 0; q < sizeof data_flag_names / sizeof data_flag_names[0]; q++) {
            size_t n = strlen(data_flag_names[q]);
            if (strncmp(a, data_flag_names[q], n) == 0 && (a[n] == 0 || a[n] == '=')) {
                av[ac++] = (char *)a;
                if (a[n] == 0) {
                    snprintf(key, sizeof key, "command.%d", ++i);
                    const char *v = json_flat_get(j, key);
                    if (v) av[ac++] = (char *)v;
                }
            }
        }
    }
    net_flags nf;
    net_flags_defaults(&nf);
    arg_spec specs[16];
    int k = 0;
    data_flags_specs(&nf, specs, &k);
    specs[k] = (arg_spec){0};
    cmd_info ci = {cmd, "", "", NULL};
    char *pos[1];
    int npos, r = args_parse(&ci, specs, ac, av, pos, 0, &npos);
    if (r) return r < 0 ? MLP_EUSAGE : r;
    *have_val = nf.val != NULL;
    return cli_load_data(cmd, &nf, train, val, test);
}

static void metric_cell(FILE *f, const char *v)
{
    fputs("<td class=\"num\">", f);
    if (v) {
        double x = strtod(v, NULL);
        fprintf(f, "%.4f", x);
    } else {
        fputs("&ndash;", f);
    }
    fputs("</td>", f);
}

/* The last row of each split in the log, for runs without a result. */
static void metrics_from_log(FILE *f, const char *log)
{
    table t;
    if (table_read("report", log, &t) != 0) return;
    int cs = table_col(&t, "split"), cl = table_col(&t, "loss"), ca = table_col(&t, "acc"), ce = table_col(&t, "epoch");
    if (cs >= 0 && cl >= 0 && ca >= 0 && ce >= 0) {
        static const char *const splits[] = {"train", "val", "test"};
        for (int k = 0; k < 3; k++) {
            int last = -1;
            for (int row = 0; row < t.nrow; row++) if (strcmp(table_get(&t, row, cs), splits[k]) == 0) last = row;
            if (last < 0) continue;
            fprintf(f, "<tr><th>%s</th>", splits[k]);
            metric_cell(f, table_get(&t, last, cl));
            metric_cell(f, table_get(&t, last, ca));
            fprintf(f, "</tr>\n");
        }
        if (t.nrow) fprintf(f, "</table></div><p>From the last rows of the log (epoch %s).</p>\n", table_get(&t, t.nrow - 1, ce));
        else fprintf(f, "</table></div>\n");
    } else fprintf(f, "</table></div>\n");
    table_free(&t);
}

static void figure(FILE *f, const char *tmp, int bit, int drawn, const char *caption, const char *absent)
{
    if (!(drawn & (1 << bit))) { fprintf(f, "<p class=\"absent\">%s</p>\n", absent); return; }
    char name[64];
    snprintf(name, sizeof name, "%s.svg", rundir_pic_names[bit]);
    char *path = rundir_path(tmp, name);
    size_t len;
    char *svg = path ? slurp(path, &len) : NULL;
    if (svg) {
        fprintf(f, "<figure>");
        inline_svg(f, svg, bit);
        fprintf(f, "<figcaption>%s</figcaption></figure>\n", caption);
    }
    free(svg);
    free(path);
}

/* Sample predictions of data that is not images: a table. */
static void sample_table(FILE *f, const mlp_net *net, const mlp_data *d)
{
    int n = d->n < 12 ? d->n : 12, in = d->d, k = mlp_width(net, mlp_layers(net));
    mlp_real *x = malloc((size_t)in * sizeof *x), *p = malloc((size_t)k * sizeof *p);
    if (!x || !p) { free(x); free(p); return; }
    fprintf(f, "<div class=\"scroll\"><table><tr><th>row</th><th>features</th><th>true</th><th>predicted</th><th>probability</th></tr>\n");
    for (int i = 0; i < n; i++) {
        int32_t idx = i, y;
        mlp_data_gather(d, &idx, 1, x, &y);
        if (mlp_run(net, x, 1, p) != MLP_OK) break;
        int best = 0;
        for (int j = 1; j < k; j++) if (p[j] > p[best]) best = j;
        char tl[64], pl[64];
        draw_class_label(net, y, tl, sizeof tl);
        draw_class_label(net, best, pl, sizeof pl);
        fprintf(f, "<tr%s><td class=\"num\">%d</td><td>", best != y ? " class=\"wrong\"" : "", i);
        for (int q = 0; q < in && q < 6; q++) fprintf(f, "%s%.4g", q ? ", " : "", (double)x[q]);
        if (in > 6) fprintf(f, ", &hellip; (%d)", in);
        fprintf(f, "</td><td>");
        html(f, tl);
        fprintf(f, "</td><td>");
        html(f, pl);
        fprintf(f, "%s</td><td class=\"num\">%.4f</td></tr>\n", best != y ? " &#x2717;" : "", (double)p[best]);
    }
    fprintf(f, "</table></div>\n");
    free(x);
    free(p);
}

static const char *style =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;background:#fff;"
    "margin:0 auto;max-width:1100px;padding:1rem 1.2rem;line-height:1.45}\n"
    "h1{font-size:1.6rem;margin:.4rem 0}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}\n"
    "nav a{margin-right:.8rem;white-space:nowrap}\n"
    "table{border-collapse:collapse;font-size:.95rem;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}tr.wrong td{color:#b00020}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "figure{margin:1rem 0}figure svg{display:block;width:100%;height:auto;max-width:100%}\n"
    "figure svg image{image-rendering:pixelated}figcaption{font-size:.9rem;color:#555}\n"
    "pre{background:#f5f5f5;padding:.6rem;white-space:pre-wrap;word-break:break-word;font-size:.85rem}\n"
    ".absent{color:#666;font-style:italic}\n"
    "@media (max-width:640px){body{padding:.5rem}h1{font-size:1.3rem}th,td{padding:.2rem .35rem;font-size:.85rem}}\n";

static int write_page(FILE *f, const char *dir, const json_flat *j, const char *log, const char *tmp, int drawn,
                      const mlp_net *net, const mlp_data *eval, const char *eval_name, const char *no_model)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>mlp run: ");
    html(f, dir);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>mlp run: ", style);
    html(f, dir);
    const char *status = j ? json_flat_get(j, "status") : NULL;
    fprintf(f, "</h1>\n<p>Status: <strong>");
    html(f, status ? status : "unknown");
    fprintf(f, "</strong>%s%s</p>\n", j && json_flat_get(j, "mlp_version") ? ", mlp " : "",
            j && json_flat_get(j, "mlp_version") ? json_flat_get(j, "mlp_version") : "");
    fprintf(f, "<nav><a href=\"#configuration\">configuration</a><a href=\"#metrics\">metrics</a><a href=\"#curves\">curves</a>"
               "<a href=\"#confusion\">confusion matrix</a><a href=\"#samples\">sample predictions</a>"
               "<a href=\"#regions\">decision regions</a><a href=\"#weights\">weights</a></nav>\n");

    fprintf(f, "<section id=\"configuration\">\n<h2>Configuration</h2>\n");
    if (j && json_flat_get(j, "command.0")) {
        fprintf(f, "<pre>");
        for (int i = 0;; i++) {
            char key[32];
            snprintf(key, sizeof key, "command.%d", i);
            const char *a = json_flat_get(j, key);
            if (!a) break;
            if (i) fputc(' ', f);
            html(f, a);
        }
        fprintf(f, "</pre>\n<div class=\"scroll\"><table><tr><th>flag</th><th>value</th></tr>\n");
        for (int i = 0; i < j->n; i++)
            if (strncmp(j->key[i], "flags.", 6) == 0) {
                fprintf(f, "<tr><td>--");
                html(f, j->key[i] + 6);
                fprintf(f, "</td><td>");
                html(f, j->val[i] ? j->val[i] : "(unset)");
                fprintf(f, "</td></tr>\n");
            }
        fprintf(f, "</table></div>\n");
    } else {
        fprintf(f, "<p class=\"absent\">No run.json in this folder: the configuration is unknown.</p>\n");
    }
    fprintf(f, "</section>\n");

    fprintf(f, "<section id=\"metrics\">\n<h2>Final metrics</h2>\n<div class=\"scroll\"><table><tr><th>split</th><th>loss</th><th>accuracy</th></tr>\n");
    if (j && json_flat_get(j, "result.epochs")) {
        static const char *const splits[] = {"train", "val", "test"};
        for (int k = 0; k < 3; k++) {
            char kl[32], ka[32];
            snprintf(kl, sizeof kl, "result.%s_loss", splits[k]);
            snprintf(ka, sizeof ka, "result.%s_acc", splits[k]);
            if (!json_flat_get(j, kl) && !json_flat_get(j, ka)) continue;
            fprintf(f, "<tr><th>%s</th>", splits[k]);
            metric_cell(f, json_flat_get(j, kl));
            metric_cell(f, json_flat_get(j, ka));
            fprintf(f, "</tr>\n");
        }
        const char *secs = json_flat_get(j, "result.train_seconds"), *sps = json_flat_get(j, "result.samples_per_second");
        fprintf(f, "</table></div>\n<p>%s epochs; training time %.3g s", json_flat_get(j, "result.epochs"), secs ? strtod(secs, NULL) : 0.0);
        if (sps) fprintf(f, "; %.0f samples per second", strtod(sps, NULL));
        fprintf(f, ".</p>\n");
    } else if (log) {
        metrics_from_log(f, log);
    } else {
        fprintf(f, "</table></div>\n");
    }
    fprintf(f, "</section>\n");

    fprintf(f, "<section id=\"curves\">\n<h2>Curves</h2>\n");
    figure(f, tmp, 0, drawn, "Loss and accuracy of each split as training went on.",
           log ? "The log has no metrics (the run stopped before its first evaluation)." : "No log.csv in this folder.");
    fprintf(f, "</section>\n<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n");
    char cap[160];
    snprintf(cap, sizeof cap, "Rows are true classes, columns predictions, on the %s split; colour is the share of the row.", eval_name);
    figure(f, tmp, 4, drawn, cap, no_model);
    fprintf(f, "</section>\n<section id=\"samples\">\n<h2>Sample predictions</h2>\n");
    if (drawn & PIC_SAMPLES) {
        snprintf(cap, sizeof cap, "The first images of the %s split; wrong predictions in red.", eval_name);
        figure(f, tmp, 3, drawn, cap, no_model);
    } else if (net && eval && eval->n > 0 && eval->d == mlp_width(net, 0)) {
        fprintf(f, "<p>The first rows of the %s split; wrong predictions in red.</p>\n", eval_name);
        sample_table(f, net, eval);
    } else {
        fprintf(f, "<p class=\"absent\">%s</p>\n", no_model);
    }
    fprintf(f, "</section>\n<section id=\"regions\">\n<h2>Decision regions</h2>\n");
    figure(f, tmp, 2, drawn, "Each class's region over the plane, paler where the model is less sure, with the training points.",
           net && mlp_width(net, 0) != 2 ? "Not 2-D data: decision regions are drawn for two inputs only." : no_model);
    fprintf(f, "</section>\n<section id=\"weights\">\n<h2>First-layer weights</h2>\n");
    figure(f, tmp, 1, drawn, "Each hidden unit's (or, without hidden layers, each class's) input weights as an image; red positive, blue negative.",
           net ? "The input is not an image: no weight tiles." : no_model);
    fprintf(f, "</section>\n</body>\n</html>\n");
    return 0;
}

int cmd_report(int argc, char **argv)
{
    const char *cmd = "report", *out = NULL;
    arg_spec specs[] = {
        {"--out", ARG_STR, &out, 0, 0, "FILE.html", "the page to write (required)", 0},
        {0},
    };
    char *pos[1];
    int npos, r = args_parse(&info, specs, argc, argv, pos, 1, &npos);
    if (r) return r < 0 ? 0 : r;
    if (npos != 1) return cli_error(cmd, MLP_EUSAGE, "needs a RUNDIR (see mlp help report)");
    if (!out) return cli_error(cmd, MLP_EUSAGE, "--out FILE.html is required");
    const char *dot = strrchr(out, '.');
    if (!dot || strchr(dot, '/') || (strcasecmp(dot, ".html") && strcasecmp(dot, ".htm")))
        return cli_error(cmd, MLP_EUSAGE, "--out: %s: the page's name must end in .html", out);
    if (mlp_afile_check(out) != MLP_OK) return cli_fail(cmd, MLP_ECANTCREAT);
    const char *dir = pos[0];
    struct stat st;
    if (stat(dir, &st) != 0) return cli_error(cmd, MLP_ENOINPUT, "%s: cannot open: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode)) return cli_error(cmd, MLP_EUSAGE, "%s: not a folder (a RUNDIR, as mlp train --plots DIR writes)", dir);

    char *info_path = rundir_path(dir, RUNDIR_INFO), *log = rundir_path(dir, RUNDIR_LOG), *model = rundir_path(dir, RUNDIR_MODEL);
    if (!info_path || !log || !model) { free(info_path); free(log); free(model); return cli_error(cmd, MLP_ENOMEM, "out of memory"); }
    int has_info = access(info_path, F_OK) == 0, has_log = access(log, F_OK) == 0, has_model = access(model, F_OK) == 0;
    json_flat j = {0};
    mlp_net *net = NULL;
    mlp_data train = {0}, val = {0}, test = {0};
    int data_loaded = 0, have_val = 0;
    char tmp[4096] = "";
    if (!has_info && !has_log)
        r = cli_error(cmd, MLP_ENOINPUT, "%s: not a run folder: no %s or %s (see mlp help report)", dir, RUNDIR_INFO, RUNDIR_LOG);
    if (!r && has_info) r = json_flat_read(cmd, info_path, &j);
    if (!r && has_model) {
        mlp_status s = mlp_load(&net, model);
        if (s != MLP_OK) r = cli_fail(cmd, s);
    }
    /* Without run.json's command the data is unknown: only the pictures
     * of the model alone (its weights) are drawn. */
    if (!r && net && has_info && json_flat_get(&j, "command.1"))
        if (!(r = load_run_data(cmd, &j, &train, &val, &test, &have_val))) data_loaded = 1;
    /* The pictures, drawn as SVG into a temporary folder. */
    if (!r) {
        const char *t = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/mlp-report-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmp)) { r = cli_error(cmd, MLP_ECANTCREAT, "%s: cannot create a temporary folder: %s", tmp, strerror(errno)); tmp[0] = 0; }
    }
    const mlp_data *eval = test.n > 0 ? &test : val.n > 0 ? &val : &train;
    const char *eval_name = test.n > 0 ? "test" : val.n > 0 ? "val" : "train";
    int drawn = 0;
    if (!r) {
        const char *status = has_info ? json_flat_get(&j, "status") : NULL;
        if (net && eval->n > 0 && eval->d != mlp_width(net, 0))
            r = cli_error(cmd, MLP_EDATA, "%s: the model takes %d inputs, its data has %d features", model, mlp_width(net, 0), (int)eval->d);
        else
            r = rundir_pictures(cmd, tmp, "svg", has_log ? log : NULL, net, data_loaded ? &train : NULL,
                                data_loaded ? eval : NULL, eval_name, &drawn);
        if (!r) {
            char no_model[200];
            if (net && !data_loaded)
                snprintf(no_model, sizeof no_model, "No %s with the training command: the model's data is unknown.", RUNDIR_INFO);
            else
                snprintf(no_model, sizeof no_model, "No model in this folder%s%s%s.", status ? " (the run's status: " : "",
                         status ? status : "", status ? ")" : "");
            char *page = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&page, &len);
            if (!f) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
            else {
                write_page(f, dir, has_info ? &j : NULL, has_log ? log : NULL, tmp, drawn, net,
                           data_loaded ? eval : NULL, eval_name, no_model);
                if (fclose(f) != 0) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
            }
            if (!r) {
                mlp_afile a;
                mlp_status s = mlp_afile_open(&a, out);
                if (s == MLP_OK) {
                    mlp_afile_write(&a, page, len);
                    s = mlp_afile_commit(&a);
                }
                if (s != MLP_OK) r = cli_fail(cmd, s);
            }
            free(page);
        }
    }
    if (tmp[0]) {
        for (int b = 0; b < 5; b++) {
            char name[64];
            snprintf(name, sizeof name, "%s.svg", rundir_pic_names[b]);
            char *p = rundir_path(tmp, name);
            if (p) unlink(p);
            free(p);
        }
        rmdir(tmp);
    }
    if (data_loaded) { mlp_data_free(&train); mlp_data_free(&test); if (have_val) mlp_data_free(&val); }
    mlp_free(net);
    json_flat_free(&j);
    free(info_path);
    free(log);
    free(model);
    return r;
}

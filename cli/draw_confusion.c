/* draw_confusion.c - a confusion matrix as a heatmap: rows true classes,
 * columns predictions, colour the share of the row, labels the counts. */
#include "draw.h"
#include "args.h"

int draw_confusion(const char *cmd, const mlp_net *net, const mlp_report *rep,
                   const char *title, const char *out)
{
    draw_format fmt;
    int r = draw_format_of(cmd, out, &fmt);
    if (r) return r;
    int k = rep->k, cell = k <= 10 ? 56 : k <= 30 ? 24 : 12;
    draw_ctx d;
    int wd = 300 + k * cell, ht = 200 + k * cell;
    if ((r = draw_begin(&d, cmd, out, fmt, wd < 640 ? 640 : wd, ht < 520 ? 520 : ht))) return r;
    FILE *f = d.f;
    fprintf(f, "$m << EOD\n");
    for (int i = 0; i < k; i++) {
        int64_t row = 0;
        for (int j = 0; j < k; j++) row += rep->confusion[(size_t)i * k + j];
        for (int j = 0; j < k; j++) {
            int64_t v = rep->confusion[(size_t)i * k + j];
            fprintf(f, "%d %d %lld %.6g\n", j, i, (long long)v, row ? (double)v / row : 0.0);
        }
    }
    fprintf(f, "EOD\nset title ");
    char t[256];
    snprintf(t, sizeof t, "%s (%d rows, accuracy %.4f)", title ? title : "confusion matrix", (int)rep->n, rep->accuracy);
    draw_quote(f, t);
    fprintf(f, " font ',14' noenhanced\nset xlabel 'predicted class'\nset ylabel 'true class'\nset cblabel 'share of the true class'\n"
               "set xrange [-0.5:%g]\nset yrange [%g:-0.5]\nset size ratio -1\nunset key\nset cbrange [0:1]\n"
               "set palette defined (0 '#ffffff', 0.2 '#c6dbef', 0.6 '#4292c6', 1 '#08306b')\n"
               "set style fill solid 1.0 noborder\n", k - 0.5, k - 0.5);
    for (int axis = 0; axis < 2; axis++) {
        fprintf(f, "set %s (", axis ? "ytics" : "xtics");
        for (int j = 0; j < k; j++) {
            char label[64];
            draw_class_label(net, j, label, sizeof label);
            fprintf(f, "%s", j ? ", " : "");
            draw_quote(f, label);
            fprintf(f, " %d", j);
        }
        fprintf(f, ") scale 0 noenhanced%s\n", axis == 0 && net && mlp_class_name(net, 0) ? " rotate by 45 right" : "");
    }
    fprintf(f, "plot $m using 1:2:(0.5):(0.5):4 with boxxyerror fc palette");
    if (k <= 30)
        fprintf(f, ", $m using 1:2:(sprintf('%%d', $3)):($4 > 0.5 ? 0xffffff : 0x222222) with labels tc rgb variable font ',%d'", k <= 10 ? 11 : 7);
    fprintf(f, "\n");
    return draw_finish(&d);
}

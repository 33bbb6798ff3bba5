/* rundir.c - run folders: run.json and the pictures that fit a run. */
#include "rundir.h"
#include "common.h"
#include "draw.h"
#include "io/atomic.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const rundir_pic_names[5] = {"curves", "weights", "regions", "samples", "confusion"};

char *rundir_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

int rundir_make(const char *cmd, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        return cli_error(cmd, MLP_ECANTCREAT, "%s: cannot create: exists and is not a folder", dir);
    }
    if (mkdir(dir, 0777) != 0) return cli_error(cmd, MLP_ECANTCREAT, "%s: cannot create: %s", dir, strerror(errno));
    return 0;
}

int rundir_write_info(const char *cmd, const char *dir, int argc, char **argv,
                      const arg_spec *specs, const char *status, const mlp_train_result *res)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return cli_error(cmd, MLP_ENOMEM, "out of memory");
    fprintf(f, "{\n  \"mlp_version\": \"%s\",\n  \"command\": [\"mlp\"", mlp_version());
    for (int i = 0; i < argc; i++) { fputs(", ", f); json_str(f, argv[i]); }
    fprintf(f, "],\n  \"status\": ");
    json_str(f, status);
    fprintf(f, ",\n  \"flags\": {");
    for (int i = 0; specs[i].name; i++) {
        const arg_spec *s = &specs[i];
        fprintf(f, "%s\n    ", i ? "," : "");
        json_str(f, s->name + 2);
        fputs(": ", f);
        switch (s->type) {
        case ARG_STR: {
            const char *v = *(const char *const *)s->dest;
            if (v) json_str(f, v); else fputs("null", f);
            break;
        }
        case ARG_INT: fprintf(f, "%d", *(const int *)s->dest); break;
        case ARG_U64: fprintf(f, "%llu", (unsigned long long)*(const uint64_t *)s->dest); break;
        case ARG_REAL: json_num(f, *(const double *)s->dest); break;
        case ARG_FLAG: fputs(*(const int *)s->dest ? "true" : "false", f); break;
        }
    }
    fprintf(f, "\n  },\n  \"result\": ");
    if (res) {
        const struct { const char *key; double v; } r[] = {
            {"train_loss", res->train_loss}, {"train_acc", res->train_acc},
            {"val_loss", res->val_loss}, {"val_acc", res->val_acc},
            {"test_loss", res->test_loss}, {"test_acc", res->test_acc},
            {"train_seconds", res->train_seconds},
            {"samples_per_second", res->epochs > 0 ? res->samples_per_second : NAN},
        };
        fprintf(f, "{\"epochs\": %d", res->epochs);
        for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
            fprintf(f, ", \"%s\": ", r[i].key);
            json_num(f, r[i].v);
        }
        fputc('}', f);
    } else {
        fputs("null", f);
    }
    fprintf(f, "\n}\n");
    if (fclose(f) != 0) { free(buf); return cli_error(cmd, MLP_ENOMEM, "out of memory"); }
    char *path = rundir_path(dir, RUNDIR_INFO);
    int r = 0;
    mlp_afile a;
    if (!path) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
    else if (mlp_afile_open(&a, path) != MLP_OK) r = cli_fail(cmd, MLP_ECANTCREAT);
    else {
        mlp_afile_write(&a, buf, len);
        mlp_status s = mlp_afile_commit(&a);
        if (s != MLP_OK) r = cli_fail(cmd, s);
    }
    free(path);
    free(buf);
    return r;
}

/* Whether a log has a row of metrics under its header (a run that diverged
 * in its first epoch has none). */
static int log_has_rows(const char *log)
{
    FILE *f = fopen(log, "rb");
    if (!f) return 0;
    int c, lines = 0, last = '\n';
    while (lines < 2 && (c = getc(f)) != EOF) {
        if (c == '\n') lines++;
        last = c;
    }
    fclose(f);
    return lines >= 2 || (lines == 1 && last != '\n');
}

/* dir/NAME.ext */
static char *pic_path(const char *dir, int bit, const char *ext)
{
    char name[64];
    snprintf(name, sizeof name, "%s.%s", rundir_pic_names[bit], ext);
    return rundir_path(dir, name);
}

int rundir_pictures(const char *cmd, const char *dir, const char *ext, const char *log, const mlp_net *net,
                    const mlp_data *train, const mlp_data *eval, const char *eval_name, int *drawn)
{
    *drawn = 0;
    int r = 0, h, w, c;
    char *paths[5] = {0};
    for (int b = 0; b < 5; b++)
        if (!(paths[b] = pic_path(dir, b, ext))) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
    if (!r && log && log_has_rows(log)) {
        const char *runs[1] = {log};
        if (!(r = draw_curves(cmd, 1, runs, NULL, -1, "training curves", paths[0]))) *drawn |= PIC_CURVES;
    }
    int image = net && draw_image_shape(net, &h, &w, &c);
    if (!r && image && (r = draw_weights(cmd, net, 100, paths[1])) == 0) *drawn |= PIC_WEIGHTS;
    if (!r && net && mlp_width(net, 0) == 2 && train && train->n > 0 && train->d == 2
        && (r = draw_regions(cmd, net, train, paths[2])) == 0) *drawn |= PIC_REGIONS;
    int have_eval = net && eval && eval->n > 0 && eval->d == mlp_width(net, 0);
    if (!r && image && have_eval && (r = draw_samples(cmd, net, eval, 24, paths[3])) == 0) *drawn |= PIC_SAMPLES;
    if (!r && have_eval) {
        mlp_report rep;
        mlp_status s = mlp_report_data(net, eval, &rep);
        if (s != MLP_OK) r = cli_fail(cmd, s);
        else {
            char title[96];
            snprintf(title, sizeof title, "confusion matrix, %s split", eval_name);
            if ((r = draw_confusion(cmd, net, &rep, title, paths[4])) == 0) *drawn |= PIC_CONFUSION;
            mlp_report_free(&rep);
        }
    }
    for (int b = 0; b < 5; b++) free(paths[b]);
    return r;
}

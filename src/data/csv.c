/*
 * csv.c - comma-separated tables: the integer class label in the first
 * column, numeric features after it (docs/DATA.md). A first row holding any
 * cell that is not a number is a header and is skipped. Every row must have
 * the same number of cells; every feature must be a finite number.
 */
#include "data/data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CSV_MAX_COLS (1 << 24)
#define CSV_MAX_CLASSES 65536

/* Splits line in place at commas; returns the cell count (cells in *cells,
 * grown as needed) or -1 when out of memory. Strips CR/LF and spaces. */
static long split(char *line, char ***cells, size_t *cap)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        if (n == *cap) {
            size_t nc = *cap ? *cap * 2 : 64;
            char **c = realloc(*cells, nc * sizeof *c);
            if (!c) return -1;
            *cells = c;
            *cap = nc;
        }
        while (*p == ' ' || *p == '\t') p++;
        (*cells)[n++] = p;
        char *e = p + strcspn(p, ",\r\n");
        char end = *e;
        *e = 0;
        for (char *t = e; t > p && (t[-1] == ' ' || t[-1] == '\t'); t--) t[-1] = 0;
        if (end != ',') break;
        p = e + 1;
    }
    return (long)n;
}

static int is_number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && *end == 0;
}

static int blank(const char *s) { return s[strspn(s, " \t\r\n")] == 0; }

mlp_status csv_load(const char *path, mlp_data *d)
{
    memset(d, 0, sizeof *d);
    struct stat st;
    if (stat(path, &st) != 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return mlp_fail(MLP_ENOINPUT, "%s: is a directory, not a CSV file", path);
    FILE *f = fopen(path, "r");
    if (!f) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));

    char *line = NULL, **cells = NULL;
    size_t linecap = 0, cellcap = 0, rowcap = 0;
    long cols = -1, lineno = 0;
    int32_t n = 0, maxlab = -1;
    mlp_real *x = NULL;
    int32_t *y = NULL;
    mlp_status s = MLP_OK;
    ssize_t len;
    while ((len = getline(&line, &linecap, f)) >= 0) {
        lineno++;
        if (memchr(line, 0, (size_t)len)) { s = mlp_fail(MLP_EDATA, "%s:%ld: contains a NUL byte; not a text file", path, lineno); break; }
        if (blank(line)) continue;
        long nc = split(line, &cells, &cellcap);
        if (nc < 0) { s = mlp_fail(MLP_ENOMEM, "%s: out of memory", path); break; }
        double v;
        if (cols < 0) {
            int numeric = 1;
            for (long j = 0; j < nc && numeric; j++) numeric = is_number(cells[j], &v);
            cols = nc;
            if (cols < 2) { s = mlp_fail(MLP_EDATA, "%s:%ld: needs a label column and at least one feature column", path, lineno); break; }
            if (cols - 1 > CSV_MAX_COLS) { s = mlp_fail(MLP_EDATA, "%s:%ld: %ld columns is too many", path, lineno, cols); break; }
            if (!numeric) continue; /* header row */
        }
        if (nc != cols) { s = mlp_fail(MLP_EDATA, "%s:%ld: %ld cells, but the first row has %ld", path, lineno, nc, cols); break; }
        if (n == INT32_MAX) { s = mlp_fail(MLP_EDATA, "%s: too many rows", path); break; }
        if ((size_t)n == rowcap) {
            size_t nr = rowcap ? rowcap * 2 : 256;
            mlp_real *nx = realloc(x, nr * (size_t)(cols - 1) * sizeof *nx);
            if (nx) x = nx;
            int32_t *ny = nx ? realloc(y, nr * sizeof *ny) : NULL;
            if (ny) y = ny;
            if (!nx || !ny) { s = mlp_fail(MLP_ENOMEM, "%s: out of memory at row %ld", path, lineno); break; }
            rowcap = nr;
        }
        char *end;
        errno = 0;
        long lab = strtol(cells[0], &end, 10);
        if (end == cells[0] || *end || errno || lab < 0 || lab >= CSV_MAX_CLASSES) {
            s = mlp_fail(MLP_EDATA, "%s:%ld: label '%.40s' is not a class number in 0..%d", path, lineno, cells[0], CSV_MAX_CLASSES - 1);
            break;
        }
        y[n] = (int32_t)lab;
        if (lab > maxlab) maxlab = (int32_t)lab;
        for (long j = 1; j < cols && s == MLP_OK; j++) {
            if (!is_number(cells[j], &v))
                s = mlp_fail(MLP_EDATA, "%s:%ld: column %ld: '%.40s' is not a number", path, lineno, j + 1, cells[j]);
            else if (!isfinite((mlp_real)v)) /* finite as a double is not enough in float */
                s = mlp_fail(MLP_EDATA, "%s:%ld: column %ld: '%.40s' is not finite", path, lineno, j + 1, cells[j]);
            else
                x[(size_t)n * (cols - 1) + j - 1] = (mlp_real)v;
        }
        if (s != MLP_OK) break;
        n++;
    }
    if (s == MLP_OK && ferror(f)) s = mlp_fail(MLP_EIO, "%s: read error", path);
    if (s == MLP_OK && n == 0) s = mlp_fail(MLP_EDATA, "%s: no data rows", path);
    fclose(f);
    free(line);
    free(cells);
    if (s != MLP_OK) { free(x); free(y); return s; }
    d->x = x;
    d->y = y;
    d->n = n;
    d->d = (int32_t)(cols - 1);
    d->classes = maxlab + 1 < 2 ? 2 : maxlab + 1;
    return MLP_OK;
}

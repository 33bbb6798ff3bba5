/* table.c - CSV files with a header row read whole into strings. */
#include "table.h"
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits line (modified in place) into fields; returns their count, -1 on
 * an unterminated quote. */
static int split(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *start = p, *w = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p) return -1;
                if (*p == '"' && p[1] == '"') { *w++ = '"'; p += 2; continue; }
                if (*p == '"') { p++; break; }
                *w++ = *p++;
            }
            while (*p && *p != ',') p++;
        } else {
            while (*p && *p != ',') *w++ = *p++;
        }
        int last = *p == 0;
        if (n < max) fields[n] = start;
        n++;
        *w = 0;
        if (last) break;
        p++;
    }
    return n;
}

int table_read(const char *cmd, const char *path, table *t)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) return cli_error(cmd, MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int r = 0, lineno = 0;
    size_t rows_cap = 0;
    enum { MAXF = 1024 };
    char *fields[MAXF];
    while (!r && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if ((size_t)len != strlen(line)) { r = cli_error(cmd, MLP_EDATA, "%s:%d: not a text CSV file (NUL byte)", path, lineno); break; }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (len == 0) continue;
        int n = split(line, fields, MAXF);
        if (n < 0) { r = cli_error(cmd, MLP_EDATA, "%s:%d: unterminated quote", path, lineno); break; }
        if (n > MAXF) { r = cli_error(cmd, MLP_EDATA, "%s:%d: more than %d columns", path, lineno, MAXF); break; }
        if (!t->head) {
            t->ncol = n;
            t->head = calloc((size_t)n, sizeof *t->head);
            if (!t->head) { r = cli_error(cmd, MLP_ENOMEM, "out of memory"); break; }
            for (int i = 0; i < n; i++)
                if (!(t->head[i] = strdup(fields[i]))) r = cli_error(cmd, MLP_ENOMEM, "out of memory");
            continue;
        }
        if (n != t->ncol) { r = cli_error(cmd, MLP_EDATA, "%s:%d: %d fields, the header has %d", path, lineno, n, t->ncol); break; }
        if ((size_t)t->nrow == rows_cap) {
            size_t nc = rows_cap ? 2 * rows_cap : 64;
            char **nb = realloc(t->cell, nc * (size_t)t->ncol * sizeof *nb);
            if (!nb) { r = cli_error(cmd, MLP_ENOMEM, "out of memory"); break; }
            t->cell = nb;
            rows_cap = nc;
        }
        char **row = t->cell + (size_t)t->nrow * t->ncol;
        int i = 0;
        for (; i < n && (row[i] = strdup(fields[i])); i++) {}
        if (i < n) {
            while (i > 0) free(row[--i]);
            r = cli_error(cmd, MLP_ENOMEM, "out of memory");
            break;
        }
        t->nrow++;
    }
    if (!r && ferror(f)) r = cli_error(cmd, MLP_EIO, "%s: read error: %s", path, strerror(errno));
    if (!r && !t->head) r = cli_error(cmd, MLP_EDATA, "%s: empty file (no header row)", path);
    free(line);
    fclose(f);
    if (r) table_free(t);
    return r;
}

int table_col(const table *t, const char *name)
{
    const char *bare = strncmp(name, "--", 2) == 0 ? name + 2 : name;
    for (int i = 0; i < t->ncol; i++) {
        const char *h = t->head[i], *hb = strncmp(h, "--", 2) == 0 ? h + 2 : h;
        if (strcmp(hb, bare) == 0) return i;
    }
    return -1;
}

const char *table_get(const table *t, int row, int col)
{
    return t->cell[(size_t)row * t->ncol + col];
}

int table_num(const table *t, int row, int col, double *v)
{
    const char *s = table_get(t, row, col);
    char *end;
    while (*s == ' ') s++;
    if (!*s) return -1;
    *v = strtod(s, &end);
    while (*end == ' ') end++;
    return *end ? -1 : 0;
}

void table_free(table *t)
{
    if (t->head)
        for (int i = 0; i < t->ncol; i++) free(t->head[i]);
    for (size_t i = 0; t->cell && i < (size_t)t->nrow * t->ncol; i++) free(t->cell[i]);
    free(t->head);
    free(t->cell);
    memset(t, 0, sizeof *t);
}

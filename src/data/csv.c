/*
 * csv.c - CSV tables as labelled sets (rules in csv.h and docs/DATA.md,
 * "CSV"): a streaming cell reader with quotes, delimiter and header
 * detection, labels as class numbers or as names in sorted order, test files
 * held to the training file's classes, and the seeded train/test split.
 */
#include "data/csv.h"
#include "data/data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

csv_limits csv_limit = { 1L << 24, 1L << 20, (int64_t)1 << 31 };

#define BUFCAP 65536
#define NAMES_MAX_BYTES (64L << 20) /* all distinct label strings together */

/* ---- messages --------------------------------------------------------------- */

/* "PATH:LINE: message", or "PATH: message" when line <= 0. */
static void vformat(char *buf, size_t size, const char *path, long line, const char *fmt, va_list ap)
{
    int k = line > 0 ? snprintf(buf, size, "%s:%ld: ", path, line) : snprintf(buf, size, "%s: ", path);
    if (k < 0) k = 0;
    if ((size_t)k < size) vsnprintf(buf + k, size - (size_t)k, fmt, ap);
}

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

static mlp_status failf(mlp_status s, const char *path, long line, const char *fmt, ...) PRINTF_LIKE(4, 5);
static mlp_status failf(mlp_status s, const char *path, long line, const char *fmt, ...)
{
    char buf[480];
    va_list ap;
    va_start(ap, fmt);
    vformat(buf, sizeof buf, path, line, fmt, ap);
    va_end(ap);
    return mlp_fail(s, "%s", buf);
}

/* The first problem found in a record, reported once the record is known
 * not to be ragged (a wrong cell count is the more useful message). */
typedef struct { mlp_status s; char msg[480]; } pending;

static void pendf(pending *p, mlp_status s, const char *path, long line, const char *fmt, ...) PRINTF_LIKE(5, 6);
static void pendf(pending *p, mlp_status s, const char *path, long line, const char *fmt, ...)
{
    if (p->s != MLP_OK) return;
    va_list ap;
    va_start(ap, fmt);
    vformat(p->msg, sizeof p->msg, path, line, fmt, ap);
    va_end(ap);
    p->s = s;
}

/* A cell as shown in a message: at most 40 bytes, control bytes as '?', so
 * that the message stays on one line. */
typedef struct { char s[48]; } shown;

static shown show(const char *text)
{
    shown o;
    size_t i = 0;
    for (; text[i] && i < 40; i++) {
        unsigned char c = (unsigned char)text[i];
        o.s[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    if (text[i]) { memcpy(o.s + i, "...", 3); i += 3; }
    o.s[i] = 0;
    return o;
}

/* ---- the cell reader ----------------------------------------------------------- */

typedef struct {
    FILE *f;
    const char *path;
    unsigned char *buf;
    size_t pos, len;
    int eof, ioerr;
    long line;       /* line of the next character, 1-based */
    int delim;
    char *cell;      /* the current cell, NUL-terminated */
    size_t clen, ccap;
    int quoted;      /* the current cell was double-quoted */
    mlp_status s;    /* why the last call returned -1 */
} reader;

static int fill(reader *r)
{
    if (r->pos < r->len) return 1;
    if (r->eof) return 0;
    r->pos = 0;
    r->len = fread(r->buf, 1, BUFCAP, r->f);
    if (r->len < BUFCAP) {
        r->eof = 1;
        r->ioerr = ferror(r->f) != 0;
    }
    return r->len > 0;
}

static inline int peekc(reader *r)
{
    return (r->pos < r->len || fill(r)) ? r->buf[r->pos] : -1;
}

static int rfail(reader *r, mlp_status s, long line, const char *what)
{
    r->s = failf(s, r->path, line, "%s", what);
    return -1;
}

static int io_fail(reader *r) { return rfail(r, MLP_EIO, 0, "read error"); }
static int nul_fail(reader *r) { return rfail(r, MLP_EDATA, r->line, "contains a NUL byte; not a text file"); }

static int is_space(const reader *r, int c)
{
    return c == ' ' || c == '\r' || (c == '\t' && r->delim != '\t');
}

/* Appends k bytes to the cell, which may hold csv_limit.max_cell. */
static int append_n(reader *r, const unsigned char *s, size_t k)
{
    if (r->clen + k + 1 > r->ccap) {
        if (r->clen + k > (size_t)csv_limit.max_cell) {
            r->s = failf(MLP_EDATA, r->path, r->line, "a cell longer than %ld bytes; not a table this reads", csv_limit.max_cell);
            return -1;
        }
        size_t nc = r->ccap;
        while (nc < r->clen + k + 1) nc *= 2;
        if (nc > (size_t)csv_limit.max_cell + 1) nc = (size_t)csv_limit.max_cell + 1; /* and the NUL */
        char *p = realloc(r->cell, nc);
        if (!p) { r->s = failf(MLP_ENOMEM, r->path, r->line, "out of memory"); return -1; }
        r->cell = p;
        r->ccap = nc;
    }
    memcpy(r->cell + r->clen, s, k);
    r->clen += k;
    return 0;
}

static int append(reader *r, int c)
{
    unsigned char b = (unsigned char)c;
    return append_n(r, &b, 1);
}

/* Reads the next cell into r->cell. at_start: it would begin a record.
 * Returns 1 with *end set when the cell closes its record, 0 at the end of
 * the file when at_start, -1 after a failure (in r->s). */
static int read_cell(reader *r, int at_start, int *end)
{
    int c;
    r->clen = 0;
    r->quoted = 0;
    if (at_start && peekc(r) < 0) return r->ioerr ? io_fail(r) : 0;
    while (is_space(r, c = peekc(r))) r->pos++;
    if (c == '"') {
        long start = r->line;
        r->quoted = 1;
        r->pos++;
        for (;;) {
            c = peekc(r);
            if (c < 0) return r->ioerr ? io_fail(r) : rfail(r, MLP_EDATA, start, "a quoted cell is never closed");
            r->pos++;
            if (c == '"') {
                if (peekc(r) != '"') break;
                r->pos++;
            } else if (c == 0) {
                return nul_fail(r);
            } else if (c == '\n') {
                r->line++;
            }
            if (append(r, c) < 0) return -1;
        }
        while (is_space(r, c = peekc(r))) r->pos++;
        if (c == 0) return nul_fail(r);
        if (c >= 0 && c != r->delim && c != '\n')
            return rfail(r, MLP_EDATA, r->line, "text after the closing quote of a cell");
    } else {
        /* the bytes up to the delimiter or the end of the line, a buffer at a time */
        for (;;) {
            if (!(r->pos < r->len || fill(r))) { c = -1; break; }
            const unsigned char *b = r->buf + r->pos, *e = r->buf + r->len, *q = b;
            while (q < e && *q != r->delim && *q != '\n' && *q) q++;
            if (q > b && append_n(r, b, (size_t)(q - b)) < 0) return -1;
            r->pos += (size_t)(q - b);
            if (q < e) {
                c = *q;
                if (c == 0) return nul_fail(r);
                break;
            }
        }
        while (r->clen && is_space(r, (unsigned char)r->cell[r->clen - 1])) r->clen--;
    }
    if (c < 0 && r->ioerr) return io_fail(r);
    *end = c != r->delim;
    if (c >= 0) {
        r->pos++;
        if (c == '\n') r->line++;
    }
    r->cell[r->clen] = 0;
    return 1;
}

/* Chooses the delimiter from the first non-blank line (its first 64 KiB):
 * the most frequent of ',' ';' TAB outside double quotes, ties in that
 * order, ',' when there is none. A UTF-8 byte order mark (as Excel writes
 * it) and blank lines before that line are consumed. */
static void detect_delimiter(reader *r)
{
    if (fill(r) && r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) r->pos = 3;
    for (;;) {
        if (!fill(r)) break;
        size_t i = r->pos;
        while (i < r->len && (r->buf[i] == ' ' || r->buf[i] == '\t' || r->buf[i] == '\r')) i++;
        if (i == r->len) { r->pos = i; continue; }
        if (r->buf[i] == '\n') { r->pos = i + 1; r->line++; continue; }
        break;
    }
    /* the line at pos, as much of it as the buffer holds */
    memmove(r->buf, r->buf + r->pos, r->len - r->pos);
    r->len -= r->pos;
    r->pos = 0;
    if (!r->eof && r->len < BUFCAP) {
        r->len += fread(r->buf + r->len, 1, BUFCAP - r->len, r->f);
        if (r->len < BUFCAP) {
            r->eof = 1;
            r->ioerr = ferror(r->f) != 0;
        }
    }
    long count[3] = { 0, 0, 0 };
    int quoted = 0;
    for (size_t i = 0; i < r->len && (quoted || r->buf[i] != '\n'); i++) {
        unsigned char c = r->buf[i];
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == ',') count[0]++;
        else if (!quoted && c == ';') count[1]++;
        else if (!quoted && c == '\t') count[2]++;
    }
    static const char delims[3] = { ',', ';', '\t' };
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best]) best = k;
    r->delim = delims[best];
}

/* ---- numbers and labels --------------------------------------------------------- */

enum { NUM_OK, NUM_NAN, NUM_RANGE, NUM_NOT };

/* Parses a whole cell as a number (C strtod syntax) that mlp_real holds. */
static int parse_number(const char *s, double *v)
{
    /* Fast path: an integer of up to 15 digits is exact in a double (and
     * is what strtod would give); tables of pixels are mostly these. */
    const char *p = s + (*s == '-' || *s == '+');
    if (*p >= '0' && *p <= '9') {
        int64_t x = 0;
        int k = 0;
        for (; k < 16 && p[k] >= '0' && p[k] <= '9'; k++) x = x * 10 + (p[k] - '0');
        if (!p[k] && k <= 15) {
            *v = *s == '-' ? -(double)x : (double)x;
            return NUM_OK; /* below 10^15: finite in float too */
        }
    }
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s || *end) return NUM_NOT;
    if (isnan(*v)) return NUM_NAN;
    if (isinf(*v)) return errno == ERANGE ? NUM_RANGE : NUM_NAN;
    if (!isfinite((mlp_real)*v)) return NUM_RANGE; /* finite in double is not enough in float */
    return NUM_OK;
}

/* Whole number: digits only. 1 with *v for 0..CSV_MAX_CLASSES-1, 2 when
 * larger, 0 when not a whole number. */
static int whole(const char *s, int32_t *v)
{
    if (!*s) return 0;
    long x = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        if (x < CSV_MAX_CLASSES) x = x * 10 + (*p - '0');
    }
    if (x >= CSV_MAX_CLASSES) return 2;
    *v = (int32_t)x;
    return 1;
}

/* Distinct labels: names in order of first appearance and a hash index. */
typedef struct {
    char    **name;
    int32_t  *val;    /* whole-number value, -1 not whole, -2 too large */
    long     *line;   /* line where the label first appeared */
    int32_t   n, cap;
    int32_t  *slot;   /* index + 1, 0 when empty */
    uint32_t  nslot;  /* a power of two */
    size_t    bytes;
    int       borrowed; /* names belong to the caller */
} dict;

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int32_t dict_find(const dict *t, const char *s)
{
    if (!t->nslot) return -1;
    for (uint32_t i = hash(s) & (t->nslot - 1);; i = (i + 1) & (t->nslot - 1)) {
        int32_t e = t->slot[i];
        if (!e) return -1;
        if (strcmp(t->name[e - 1], s) == 0) return e - 1;
    }
}

static void dict_free(dict *t)
{
    if (!t->borrowed && t->name)
        for (int32_t i = 0; i < t->n; i++) free(t->name[i]);
    free(t->name);
    free(t->val);
    free(t->line);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* Adds s (not present); returns its index or -1 (mlp_fail). */
static int32_t dict_add(dict *t, const char *s, long line)
{
    if (t->n == t->cap) {
        int32_t nc = t->cap ? t->cap * 2 : 16;
        char **nm = realloc(t->name, (size_t)nc * sizeof *nm);
        if (nm) t->name = nm;
        int32_t *nv = nm ? realloc(t->val, (size_t)nc * sizeof *nv) : NULL;
        if (nv) t->val = nv;
        long *nl = nv ? realloc(t->line, (size_t)nc * sizeof *nl) : NULL;
        if (nl) t->line = nl;
        if (!nl) { mlp_fail(MLP_ENOMEM, "labels: out of memory"); return -1; }
        t->cap = nc;
    }
    if ((uint32_t)(t->n + 1) * 2 > t->nslot) {
        uint32_t ns = t->nslot ? t->nslot * 2 : 64;
        int32_t *sl = calloc(ns, sizeof *sl);
        if (!sl) { mlp_fail(MLP_ENOMEM, "labels: out of memory"); return -1; }
        for (int32_t k = 0; k < t->n; k++) {
            uint32_t i = hash(t->name[k]) & (ns - 1);
            while (sl[i]) i = (i + 1) & (ns - 1);
            sl[i] = k + 1;
        }
        free(t->slot);
        t->slot = sl;
        t->nslot = ns;
    }
    size_t len = strlen(s);
    char *copy = (char *)s;
    if (!t->borrowed) {
        copy = malloc(len + 1);
        if (!copy) { mlp_fail(MLP_ENOMEM, "labels: out of memory"); return -1; }
        memcpy(copy, s, len + 1);
    }
    int32_t v;
    int w = whole(s, &v);
    t->val[t->n] = w == 1 ? v : w == 2 ? -2 : -1;
    t->line[t->n] = line;
    t->name[t->n] = copy;
    t->bytes += len + 1;
    uint32_t i = hash(s) & (t->nslot - 1);
    while (t->slot[i]) i = (i + 1) & (t->nslot - 1);
    t->slot[i] = t->n + 1;
    return t->n++;
}

/* ---- loading ----------------------------------------------------------------------- */

enum { LC_INDEX, LC_LAST, LC_NAME };

typedef struct {
    const char *label_col;  /* as in mlp_data_opts */
    int strict;             /* csv_load's rules */
    int ref;                /* labels must be the classes below */
    int32_t ref_n;          /* class numbers below ref_n (when ref_names is NULL) */
    const char *const *ref_names; /* class names, ref_n of them */
    const char *ref_path;   /* the training file, for messages */
    int32_t want_d;         /* features per row the file must have, 0: any */
} cfg;

static mlp_status parse_label_col(const char *spec, int *mode, long *idx)
{
    *mode = LC_INDEX;
    *idx = 0;
    if (!spec) return MLP_OK;
    if (!*spec) return mlp_fail(MLP_EUSAGE, "--label-col: empty; give a column number (from 1), a header name or 'last'");
    if (strcmp(spec, "last") == 0) { *mode = LC_LAST; return MLP_OK; }
    if (strspn(spec, "0123456789") == strlen(spec)) {
        long v = 0;
        for (const char *p = spec; *p && v <= csv_limit.max_cols; p++) v = v * 10 + (*p - '0');
        if (v == 0) return mlp_fail(MLP_EUSAGE, "--label-col %s: columns count from 1", spec);
        if (v > csv_limit.max_cols) return mlp_fail(MLP_EUSAGE, "--label-col %s: more columns than a table may have (%ld)", show(spec).s, csv_limit.max_cols);
        *idx = v - 1;
        return MLP_OK;
    }
    *mode = LC_NAME;
    return MLP_OK;
}

/* The state of one load. */
typedef struct {
    const cfg *c;
    const char *path;
    dict lab;
    int all_whole;       /* every distinct label so far is a whole number */
    int32_t maxlab;      /* strict / number modes: the largest class number */
} labels;

/* Class of one label: into *y (own mode: an index into lab, remapped at
 * the end). Problems go to p. */
static void take_label(labels *L, const char *text, long line, int32_t *y, pending *p)
{
    const cfg *c = L->c;
    if (c->strict) {
        char *end;
        errno = 0;
        long v = strtol(text, &end, 10);
        if (end == text || *end || errno || v < 0 || v >= CSV_MAX_CLASSES) {
            pendf(p, MLP_EDATA, L->path, line, "label '%s' is not a class number in 0..%d", show(text).s, CSV_MAX_CLASSES - 1);
            return;
        }
        *y = (int32_t)v;
        if (*y > L->maxlab) L->maxlab = *y;
        return;
    }
    if (!*text) { pendf(p, MLP_EDATA, L->path, line, "empty label"); return; }
    if (c->ref && c->ref_names) {
        int32_t k = dict_find(&L->lab, text);
        if (k < 0) {
            if (c->ref_path)
                pendf(p, MLP_EDATA, L->path, line, "label '%s' is not one of the %d classes of the training file %s", show(text).s, (int)c->ref_n, c->ref_path);
            else
                pendf(p, MLP_EDATA, L->path, line, "label '%s' is not one of the model's %d classes", show(text).s, (int)c->ref_n);
            return;
        }
        *y = L->lab.val[k]; /* its index in the caller's names */
        return;
    }
    if (c->ref) {
        int32_t v;
        int w = whole(text, &v);
        if (w != 1 || v >= c->ref_n) {
            if (c->ref_path)
                pendf(p, MLP_EDATA, L->path, line, "label '%s' is not a class number 0..%d, and the labels of the training file %s are class numbers", show(text).s, CSV_MAX_CLASSES - 1, c->ref_path);
            else
                pendf(p, MLP_EDATA, L->path, line, "label '%s' is not a class number below %d", show(text).s, (int)c->ref_n);
            return;
        }
        *y = v;
        if (v > L->maxlab) L->maxlab = v;
        return;
    }
    int32_t k = dict_find(&L->lab, text);
    if (k < 0) {
        if (L->lab.n >= CSV_MAX_CLASSES) {
            pendf(p, MLP_EDATA, L->path, line, "more than %d distinct labels", CSV_MAX_CLASSES);
            return;
        }
        if (L->lab.bytes + strlen(text) + 1 > (size_t)NAMES_MAX_BYTES) {
            pendf(p, MLP_EDATA, L->path, line, "the distinct labels take more than %ld MiB", NAMES_MAX_BYTES >> 20);
            return;
        }
        k = dict_add(&L->lab, text, line);
        if (k < 0) { pendf(p, MLP_ENOMEM, L->path, line, "out of memory for labels"); return; }
        if (L->lab.val[k] == -1) L->all_whole = 0;
    }
    *y = k;
}

typedef struct { const char *name; int32_t id; } named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* Own mode, after the last row: class numbers or sorted names. */
static mlp_status finish_labels(labels *L, mlp_data *d)
{
    dict *t = &L->lab;
    if (L->all_whole) {
        int32_t mx = 0;
        for (int32_t k = 0; k < t->n; k++) {
            if (t->val[k] == -2)
                return failf(MLP_EDATA, L->path, t->line[k], "label '%s' is too large for a class number (0..%d)", show(t->name[k]).s, CSV_MAX_CLASSES - 1);
            if (t->val[k] > mx) mx = t->val[k];
        }
        for (int32_t i = 0; i < d->n; i++) d->y[i] = t->val[d->y[i]];
        d->classes = mx + 1 < 2 ? 2 : mx + 1;
        return MLP_OK;
    }
    if (t->n < 2)
        return failf(MLP_EDATA, L->path, 0, "every label is '%s'; a classifier needs at least two classes", show(t->name[0]).s);
    named *v = mlp_alloc((size_t)t->n, sizeof *v, "labels");
    int32_t *rank = v ? mlp_alloc((size_t)t->n, sizeof *rank, "labels") : NULL;
    char **names = rank ? mlp_alloc((size_t)t->n, sizeof *names, "labels") : NULL;
    if (!names) { free(v); free(rank); return MLP_ENOMEM; }
    for (int32_t k = 0; k < t->n; k++) v[k] = (named){ t->name[k], k };
    qsort(v, (size_t)t->n, sizeof *v, by_name);
    for (int32_t k = 0; k < t->n; k++) {
        rank[v[k].id] = k;
        names[k] = (char *)v[k].name;
    }
    for (int32_t i = 0; i < d->n; i++) d->y[i] = rank[d->y[i]];
    d->class_names = names;
    d->classes = t->n;
    t->borrowed = 1; /* the names now belong to d */
    free(v);
    free(rank);
    return MLP_OK;
}

static const char *num_problem(int kind)
{
    return kind == NUM_NAN ? "is not finite"
         : kind == NUM_RANGE ? (mlp_is_double() ? "is out of the range of a double" : "is out of the range of a float")
         : "is not a number";
}

static mlp_status load(const char *path, const cfg *c, mlp_data *d)
{
    memset(d, 0, sizeof *d);
    int lc_mode = LC_INDEX;
    long lc_idx = 0;
    mlp_status s = c->strict ? MLP_OK : parse_label_col(c->label_col, &lc_mode, &lc_idx);
    if (s != MLP_OK) return s;
    struct stat st;
    if (stat(path, &st) != 0) return failf(MLP_ENOINPUT, path, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) return failf(MLP_ENOINPUT, path, 0, "is a directory, not a CSV file");
    FILE *f = fopen(path, "rb");
    if (!f) return failf(MLP_ENOINPUT, path, 0, "cannot open: %s", strerror(errno));

    reader r = { .f = f, .path = path, .line = 1 };
    labels L = { .c = c, .path = path, .all_whole = 1, .maxlab = -1 };
    double *fv = NULL;          /* the first record: values */
    unsigned char *fk = NULL;   /*   and kinds (NUM_*) */
    char *ltext = NULL;         /*   and the text of its label cell */
    size_t fcap = 0, lcap = 0;
    long bad[2] = { -1, -1 }, nbad = 0; /* and its first cells out of range */
    char badtext[2][48] = { "", "" };
    mlp_real *x = NULL;
    int32_t *y = NULL;
    int32_t n = 0;
    size_t rowcap = 0;
    long cols = 0, lab = 0, name_at = -1, first_line = 0;
    int header = 0, end = 0, k, any_text = 0;
    int32_t dim = 0;
    pending p = { MLP_OK, "" };

    r.buf = malloc(BUFCAP);
    r.cell = malloc(r.ccap = 256);
    if (!r.buf || !r.cell) { s = failf(MLP_ENOMEM, path, 0, "out of memory"); goto out; }
    if (c->ref && c->ref_names) {
        L.lab.borrowed = 1;
        for (int32_t i = 0; i < c->ref_n; i++) {
            if (dict_find(&L.lab, c->ref_names[i]) >= 0) continue; /* a repeated name: the first one counts */
            int32_t e = dict_add(&L.lab, c->ref_names[i], 0);
            if (e < 0) { s = MLP_ENOMEM; goto out; }
            L.lab.val[e] = i;
        }
    }
    detect_delimiter(&r);

    /* The first record: kept whole until it is known to be a header or data. */
    for (;;) {
        first_line = r.line;
        k = read_cell(&r, 1, &end);
        if (k < 0) { s = r.s; goto out; }
        if (k == 0) { s = failf(MLP_EDATA, path, 0, "no data rows (the file is empty)"); goto out; }
        if (!(end && r.clen == 0 && !r.quoted)) break; /* not a blank line */
    }
    for (;;) {
        if (cols >= csv_limit.max_cols) { s = failf(MLP_EDATA, path, first_line, "more than %ld columns", csv_limit.max_cols); goto out; }
        if ((size_t)cols == fcap) {
            size_t nc = fcap ? fcap * 2 : 64;
            double *nv = realloc(fv, nc * sizeof *nv);
            if (nv) fv = nv;
            unsigned char *nk = nv ? realloc(fk, nc) : NULL;
            if (nk) fk = nk;
            if (!nk) { s = failf(MLP_ENOMEM, path, first_line, "out of memory"); goto out; }
            fcap = nc;
        }
        fk[cols] = (unsigned char)parse_number(r.cell, &fv[cols]);
        if ((fk[cols] == NUM_NAN || fk[cols] == NUM_RANGE) && nbad < 2) {
            bad[nbad] = cols;
            snprintf(badtext[nbad], sizeof badtext[nbad], "%s", show(r.cell).s);
            nbad++;
        }
        if (lc_mode == LC_NAME && name_at < 0 && strcmp(r.cell, c->label_col) == 0) name_at = cols;
        if ((lc_mode == LC_INDEX && cols == lc_idx) || lc_mode == LC_LAST) {
            if (r.clen + 1 > lcap) {
                char *nt = realloc(ltext, r.clen + 1);
                if (!nt) { s = failf(MLP_ENOMEM, path, first_line, "out of memory"); goto out; }
                ltext = nt;
                lcap = r.clen + 1;
            }
            memcpy(ltext, r.cell, r.clen + 1);
        }
        cols++;
        if (end) break;
        if ((k = read_cell(&r, 0, &end)) < 0) { s = r.s; goto out; }
    }
    if (cols < 2) { s = failf(MLP_EDATA, path, first_line, "needs a label column and at least one feature column"); goto out; }
    for (long j = 0; j < cols; j++) any_text |= fk[j] == NUM_NOT;
    if (lc_mode == LC_INDEX) {
        if (lc_idx >= cols) { s = failf(MLP_EUSAGE, path, 0, "--label-col %ld: the file has %ld columns", lc_idx + 1, cols); goto out; }
        lab = lc_idx;
    } else if (lc_mode == LC_LAST) {
        lab = cols - 1;
    } else {
        if (name_at < 0 && any_text) { s = failf(MLP_EUSAGE, path, first_line, "--label-col '%s': no column of that name in the header", show(c->label_col).s); goto out; }
        if (name_at < 0) { s = failf(MLP_EUSAGE, path, 0, "--label-col '%s' names a column, but the file has no header row; give the column's number", show(c->label_col).s); goto out; }
        lab = name_at;
    }
    if (c->strict) header = any_text;        /* csv_load: any cell that is not a number */
    else if (lc_mode == LC_NAME) header = 1; /* it holds the name */
    else
        for (long j = 0; j < cols; j++) header |= fk[j] == NUM_NOT && j != lab;
    dim = (int32_t)(cols - 1);
    if (c->want_d && dim != c->want_d) {
        s = failf(MLP_EDATA, path, first_line, "%d features per row, but the training file %s has %d", (int)dim, c->ref_path ? c->ref_path : "", (int)c->want_d);
        goto out;
    }

    /* The rows. */
    for (int first = !header;; first = 0) {
        long line0 = first ? first_line : r.line;
        if (!first) {
            k = read_cell(&r, 1, &end);
            if (k < 0) { s = r.s; goto out; }
            if (k == 0) break;
            if (end && r.clen == 0 && !r.quoted) continue;
        }
        if (n == INT32_MAX || (int64_t)(n + 1) * cols > csv_limit.max_values) {
            s = failf(MLP_EDATA, path, line0, "more than %lld values (rows x columns); too large a table to load", (long long)csv_limit.max_values);
            goto out;
        }
        if ((size_t)n == rowcap) {
            size_t nr = rowcap ? rowcap * 2 : 256, most = (size_t)(csv_limit.max_values / cols);
            if (nr > most) nr = most;
            mlp_real *nx = realloc(x, nr * (size_t)dim * sizeof *nx);
            if (nx) x = nx;
            int32_t *ny = nx ? realloc(y, nr * sizeof *ny) : NULL;
            if (ny) y = ny;
            if (!ny) { s = failf(MLP_ENOMEM, path, line0, "out of memory"); goto out; }
            rowcap = nr;
        }
        mlp_real *row = x + (size_t)n * dim;
        p.s = MLP_OK;
        long j = 0;
        if (first) {
            for (; j < cols; j++) {
                if (j == lab) { take_label(&L, ltext, line0, &y[n], &p); continue; }
                if (fk[j] != NUM_OK) {
                    const char *t = bad[0] == j ? badtext[0] : badtext[1];
                    pendf(&p, MLP_EDATA, path, line0, "column %ld: '%s' %s", j + 1, t, num_problem(fk[j]));
                } else {
                    row[j < lab ? j : j - 1] = (mlp_real)fv[j];
                }
            }
        } else {
            for (;;) {
                if (j == lab) {
                    take_label(&L, r.cell, line0, &y[n], &p);
                } else if (j < cols) {
                    double v;
                    int kind = parse_number(r.cell, &v);
                    if (kind == NUM_OK) row[j < lab ? j : j - 1] = (mlp_real)v;
                    else if (!r.clen) pendf(&p, MLP_EDATA, path, line0, "column %ld is empty", j + 1);
                    else pendf(&p, MLP_EDATA, path, line0, "column %ld: '%s' %s", j + 1, show(r.cell).s, num_problem(kind));
                }
                j++;
                if (end) break;
                if ((k = read_cell(&r, 0, &end)) < 0) { s = r.s; goto out; }
            }
            if (j != cols) { s = failf(MLP_EDATA, path, line0, "%ld cells, but the first row has %ld", j, cols); goto out; }
        }
        if (p.s != MLP_OK) { s = mlp_fail(p.s, "%s", p.msg); goto out; }
        n++;
        if (first) {
            free(fv);
            free(fk);
            fv = NULL;
            fk = NULL;
        }
    }
    if (n == 0) { s = failf(MLP_EDATA, path, 0, "no data rows (only a header)"); goto out; }

    d->x = x;
    d->y = y;
    d->n = n;
    d->d = dim;
    x = NULL;
    y = NULL;
    if (c->ref && (c->ref_names || !c->ref_path))
        d->classes = c->ref_n;                             /* the caller's classes */
    else if (c->strict || c->ref)
        d->classes = L.maxlab + 1 < 2 ? 2 : L.maxlab + 1;  /* a test file: the pair takes the larger count */
    else
        s = finish_labels(&L, d);
    if (s != MLP_OK) mlp_data_free(d);

out:
    if (s != MLP_OK) memset(d, 0, sizeof *d);
    dict_free(&L.lab);
    free(fv);
    free(fk);
    free(ltext);
    free(x);
    free(y);
    free(r.buf);
    free(r.cell);
    fclose(f);
    return s;
}

/* ---- entry points --------------------------------------------------------------------- */

mlp_status csv_load(const char *path, mlp_data *d)
{
    cfg c = { .strict = 1 };
    return load(path, &c, d);
}

mlp_status csv_load_opts(const char *path, const mlp_data_opts *o, mlp_data *d)
{
    cfg c = { .label_col = o ? o->label_col : NULL };
    return load(path, &c, d);
}

mlp_status csv_load_named(const char *path, const mlp_data_opts *o, int32_t n,
                          const char *const *names, mlp_data *d)
{
    memset(d, 0, sizeof *d);
    if (n < 1 || n > CSV_MAX_CLASSES) return mlp_fail(MLP_EUSAGE, "%s: %d classes; expected 1..%d", path, (int)n, CSV_MAX_CLASSES);
    if (names)
        for (int32_t i = 0; i < n; i++)
            if (!names[i]) return mlp_fail(MLP_EUSAGE, "%s: class name %d is missing", path, (int)i);
    cfg c = { .label_col = o ? o->label_col : NULL, .ref = 1, .ref_n = n, .ref_names = names };
    mlp_status s = load(path, &c, d);
    if (s == MLP_OK && names) {
        d->class_names = mlp_zalloc((size_t)n, sizeof *d->class_names, "class names");
        s = d->class_names ? MLP_OK : MLP_ENOMEM;
        for (int32_t i = 0; i < n && s == MLP_OK; i++) {
            size_t len = strlen(names[i]) + 1;
            d->class_names[i] = mlp_alloc(len, 1, "class names");
            if (!d->class_names[i]) s = MLP_ENOMEM;
            else memcpy(d->class_names[i], names[i], len);
        }
        if (s != MLP_OK) mlp_data_free(d);
    }
    return s;
}

/* A copy of n names (NULL when names is NULL); *ok = 0 when out of memory. */
static char **copy_names(char *const *names, int32_t n, int *ok)
{
    *ok = 1;
    if (!names) return NULL;
    char **c = mlp_zalloc((size_t)n, sizeof *c, "class names");
    if (!c) { *ok = 0; return NULL; }
    for (int32_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]) + 1;
        c[i] = mlp_alloc(len, 1, "class names");
        if (!c[i]) {
            for (int32_t k = 0; k < i; k++) free(c[k]);
            free(c);
            *ok = 0;
            return NULL;
        }
        memcpy(c[i], names[i], len);
    }
    return c;
}

mlp_status csv_load_pair_opts(const char *train_path, const char *test_path,
                              const mlp_data_opts *o, mlp_data *train, mlp_data *test)
{
    memset(train, 0, sizeof *train);
    memset(test, 0, sizeof *test);
    double frac = o ? o->test_fraction : 0;
    if (test_path && frac != 0)
        return mlp_fail(MLP_EUSAGE, "--test %g: the source already has a test file (%s)", frac, test_path);
    mlp_status s = csv_load_opts(train_path, o, train);
    if (s != MLP_OK) return s;
    if (!test_path) {
        if (frac != 0) s = csv_split(train, frac, o->seed, test);
        if (s != MLP_OK) mlp_data_free(train);
        return s;
    }
    cfg c = { .label_col = o ? o->label_col : NULL, .ref = 1, .ref_path = train_path, .want_d = train->d };
    c.ref_n = train->class_names ? train->classes : CSV_MAX_CLASSES;
    c.ref_names = (const char *const *)train->class_names;
    s = load(test_path, &c, test);
    if (s == MLP_OK && train->class_names) {
        int ok;
        test->class_names = copy_names(train->class_names, train->classes, &ok);
        test->classes = train->classes;
        if (!ok) s = MLP_ENOMEM;
    } else if (s == MLP_OK) {
        int32_t k = train->classes > test->classes ? train->classes : test->classes;
        train->classes = test->classes = k;
    }
    if (s != MLP_OK) {
        mlp_data_free(train);
        mlp_data_free(test);
    }
    return s;
}

/* ---- the split ------------------------------------------------------------------------- */

mlp_status csv_split(mlp_data *set, double fraction, uint64_t seed, mlp_data *test)
{
    memset(test, 0, sizeof *test);
    if (!(fraction > 0 && fraction < 1))
        return mlp_fail(MLP_EUSAGE, "--test %g: the test fraction must be between 0 and 1", fraction);
    int32_t n = set->n;
    double want = ceil(fraction * n);
    if (want >= n)
        return mlp_fail(MLP_EUSAGE, "--test %g: %d rows leave none for training", fraction, (int)n);
    int32_t k = (int32_t)want, dim = set->d;
    int bytes = set->x8 != NULL;
    size_t esize = bytes ? sizeof *set->x8 : sizeof *set->x;
    int32_t *perm = mlp_alloc((size_t)n, sizeof *perm, "split");
    unsigned char *mark = perm ? mlp_zalloc((size_t)n, 1, "split") : NULL;
    void *tx = mark ? mlp_alloc((size_t)k * dim, esize, "test split") : NULL;
    int32_t *ty = tx ? mlp_alloc((size_t)k, sizeof *ty, "test split") : NULL;
    int ok = 1;
    char **names = ty ? copy_names(set->class_names, set->classes, &ok) : NULL;
    if (!ty || !ok) {
        free(perm); free(mark); free(tx); free(ty);
        return MLP_ENOMEM;
    }
    mlp_rng r;
    mlp_rng_seed(&r, seed ^ 0x73706c6974ULL); /* "split" */
    for (int32_t i = 0; i < n; i++) perm[i] = i;
    mlp_rng_shuffle(&r, perm, n);
    for (int32_t i = 0; i < k; i++) mark[perm[i]] = 1;
    unsigned char *src = bytes ? (unsigned char *)set->x8 : (unsigned char *)set->x;
    size_t rowb = (size_t)dim * esize;
    int32_t a = 0, b = 0; /* rows kept, rows moved */
    for (int32_t i = 0; i < n; i++) {
        if (mark[i]) {
            memcpy((unsigned char *)tx + (size_t)b * rowb, src + (size_t)i * rowb, rowb);
            ty[b++] = set->y[i];
        } else {
            if (a != i) memmove(src + (size_t)a * rowb, src + (size_t)i * rowb, rowb);
            set->y[a++] = set->y[i];
        }
    }
    free(perm);
    free(mark);
    /* give back the tail; keeping the larger block is harmless */
    void *nx = realloc(src, (size_t)a * rowb);
    if (nx) src = nx;
    int32_t *ny = realloc(set->y, (size_t)a * sizeof *ny);
    if (ny) set->y = ny;
    if (bytes) set->x8 = src; else set->x = (mlp_real *)src;
    set->n = a;
    test->n = k;
    test->d = dim;
    test->classes = set->classes;
    test->class_names = names;
    memcpy(test->shape, set->shape, sizeof test->shape);
    if (bytes) test->x8 = tx; else test->x = tx;
    test->y = ty;
    return MLP_OK;
}

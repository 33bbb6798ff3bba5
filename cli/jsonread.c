/* jsonread.c - JSON flattened into (path, value) pairs. */
#include "jsonread.h"
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s, *p;
    json_flat  *j;
    int         cap, err;
} parser;

static void ws(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r') ps->p++;
}

static int add(parser *ps, const char *key, char *val, jv_type t)
{
    json_flat *j = ps->j;
    if (j->n == ps->cap) {
        int nc = ps->cap ? 2 * ps->cap : 32;
        char **k = realloc(j->key, (size_t)nc * sizeof *k);
        if (k) j->key = k;
        char **v = realloc(j->val, (size_t)nc * sizeof *v);
        if (v) j->val = v;
        jv_type *ty = realloc(j->type, (size_t)nc * sizeof *ty);
        if (ty) j->type = ty;
        if (!k || !v || !ty) { free(val); return -1; }
        ps->cap = nc;
    }
    j->key[j->n] = strdup(key);
    if (!j->key[j->n]) { free(val); return -1; }
    j->val[j->n] = val;
    j->type[j->n] = t;
    j->n++;
    return 0;
}

/* A string at ps->p (after its opening quote); malloc'd, UTF-8 kept,
 * \uXXXX below 0x80 decoded, others replaced by '?'. */
static char *string(parser *ps)
{
    size_t cap = 32, n = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    for (;;) {
        char c = *ps->p++;
        if (c == 0 || c == '\n') { free(out); return NULL; }
        if (c == '"') break;
        if (c == '\\') {
            char e = *ps->p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '/': case '\\': case '"': c = e; break;
            case 'u': {
                unsigned v = 0;
                for (int i = 0; i < 4; i++) {
                    char h = *ps->p++;
                    v = v * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
                    if (v > 0xffff) { free(out); return NULL; }
                }
                c = v < 0x80 && v > 0 ? (char)v : '?';
                break;
            }
            default: free(out); return NULL;
            }
        }
        if (n + 2 > cap) {
            char *nb = realloc(out, cap *= 2);
            if (!nb) { free(out); return NULL; }
            out = nb;
        }
        out[n++] = c;
    }
    out[n] = 0;
    return out;
}

static int value(parser *ps, const char *key, int depth);

static int member_key(char *buf, size_t size, const char *key, const char *name)
{
    int len = snprintf(buf, size, "%s%s%s", key, *key ? "." : "", name);
    return len < 0 || (size_t)len >= size ? -1 : 0;
}

static int value(parser *ps, const char *key, int depth)
{
    if (depth > 16) return -1;
    ws(ps);
    char sub[512];
    if (*ps->p == '{' || *ps->p == '[') {
        int obj = *ps->p == '{';
        ps->p++;
        ws(ps);
        if (*ps->p == (obj ? '}' : ']')) { ps->p++; return 0; }
        for (int i = 0;; i++) {
            ws(ps);
            if (obj) {
                if (*ps->p++ != '"') return -1;
                char *name = string(ps);
                if (!name) return -1;
                int bad = member_key(sub, sizeof sub, key, name);
                free(name);
                if (bad) return -1;
                ws(ps);
                if (*ps->p++ != ':') return -1;
            } else {
                char idx[16];
                snprintf(idx, sizeof idx, "%d", i);
                if (member_key(sub, sizeof sub, key, idx)) return -1;
            }
            if (value(ps, sub, depth + 1)) return -1;
            ws(ps);
            if (*ps->p == ',') { ps->p++; continue; }
            if (*ps->p++ != (obj ? '}' : ']')) return -1;
            return 0;
        }
    }
    if (*ps->p == '"') {
        ps->p++;
        char *s = string(ps);
        return s ? add(ps, key, s, JV_STR) : -1;
    }
    static const char *const words[] = {"null", "true", "false"};
    for (int w = 0; w < 3; w++)
        if (strncmp(ps->p, words[w], strlen(words[w])) == 0) {
            ps->p += strlen(words[w]);
            char *v = w ? strdup(words[w]) : NULL;
            if (w && !v) return -1;
            return add(ps, key, v, w ? JV_BOOL : JV_NULL);
        }
    char *end;
    strtod(ps->p, &end);
    if (end == ps->p) return -1;
    char *v = strndup(ps->p, (size_t)(end - ps->p));
    ps->p = end;
    return v ? add(ps, key, v, JV_NUM) : -1;
}

int json_flat_read(const char *cmd, const char *path, json_flat *j)
{
    memset(j, 0, sizeof *j);
    FILE *f = fopen(path, "rb");
    if (!f) return cli_error(cmd, MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? 2 * cap : 8192;
            if (cap > ((size_t)16 << 20)) { free(buf); fclose(f); return cli_error(cmd, MLP_EDATA, "%s: larger than 16 MiB", path); }
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); fclose(f); return cli_error(cmd, MLP_ENOMEM, "out of memory"); }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) break;
    }
    int rerr = ferror(f);
    fclose(f);
    if (rerr) { free(buf); return cli_error(cmd, MLP_EIO, "%s: read error", path); }
    buf[len] = 0;
    parser ps = {buf, buf, j, 0, 0};
    int bad = strlen(buf) != len || value(&ps, "", 0);
    if (!bad) { ws(&ps); bad = *ps.p != 0; }
    if (bad) {
        int line = 1;
        for (const char *q = buf; q < ps.p && *q; q++) line += *q == '\n';
        free(buf);
        json_flat_free(j);
        return cli_error(cmd, MLP_EDATA, "%s:%d: not valid JSON", path, line);
    }
    free(buf);
    return 0;
}

const char *json_flat_get(const json_flat *j, const char *key)
{
    for (int i = 0; i < j->n; i++)
        if (strcmp(j->key[i], key) == 0) return j->val[i];
    return NULL;
}

void json_flat_free(json_flat *j)
{
    for (int i = 0; i < j->n; i++) { free(j->key[i]); free(j->val[i]); }
    free(j->key);
    free(j->val);
    free(j->type);
    memset(j, 0, sizeof *j);
}

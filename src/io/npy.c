/* npy.c - the .npy header: preamble, the header dict, numpy's padding. */
#include "io/npy.h"

#include <stdio.h>
#include <string.h>

static const unsigned char npy_magic[MLP_NPY_MAGIC_LEN] = { 0x93, 'N', 'U', 'M', 'P', 'Y' };

const char *mlp_npy_preamble(const unsigned char pre[8], mlp_npy_info *info,
                             size_t *pre_len)
{
    if (memcmp(pre, npy_magic, sizeof npy_magic) != 0)
        return "not a .npy array (bad magic)";
    info->major = pre[6];
    info->minor = pre[7];
    if (pre[7] != 0 || pre[6] < 1 || pre[6] > 3)
        return "unsupported .npy format version (expected 1.0, 2.0 or 3.0)";
    *pre_len = pre[6] == 1 ? 10 : 12;
    return NULL;
}

size_t mlp_npy_header_len(const unsigned char *pre, size_t pre_len)
{
    size_t n = (size_t)pre[8] | (size_t)pre[9] << 8;
    if (pre_len == 12) n |= (size_t)pre[10] << 16 | (size_t)pre[11] << 24;
    return n;
}

/* ---- the header dict: a Python literal such as
 *   {'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }
 * Keys may come in any order, with either quote; exactly these three keys. */

typedef struct {
    const char *p, *end;
    char *err;
    size_t errsz;
} parser;

static const char *perr(parser *ps, const char *what)
{
    snprintf(ps->err, ps->errsz, "malformed .npy header: %s", what);
    return ps->err;
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int accept(parser *ps, char c)
{
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == c) { ps->p++; return 1; }
    return 0;
}

/* A quoted string without escapes; copies up to cap-1 characters into out
 * and sets *truncated when there were more. */
static const char *parse_string(parser *ps, char *out, size_t cap, int *truncated)
{
    skip_ws(ps);
    if (ps->p >= ps->end || (*ps->p != '\'' && *ps->p != '"')) return perr(ps, "expected a quoted string");
    char q = *ps->p++;
    size_t n = 0;
    *truncated = 0;
    for (;;) {
        if (ps->p >= ps->end) return perr(ps, "unterminated string");
        char c = *ps->p++;
        if (c == q) break;
        if (c == '\\' || c == '\n' || c == '\0') return perr(ps, "unexpected character in a string");
        if (n + 1 < cap) out[n++] = c; else *truncated = 1;
    }
    out[n] = '\0';
    return NULL;
}

static int match_word(parser *ps, const char *w)
{
    size_t n = strlen(w);
    skip_ws(ps);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0) return 0;
    const char *after = ps->p + n;
    if (after < ps->end && ((*after >= 'a' && *after <= 'z') || (*after >= 'A' && *after <= 'Z') ||
                            (*after >= '0' && *after <= '9') || *after == '_'))
        return 0;
    ps->p = after;
    return 1;
}

/* A tuple of non-negative integers: (), (3,), (3, 2), (3, 2,). Python 2
 * era files may write 3L; the L is accepted. Values over 2^62 read as 2^62,
 * so a caller's range check rejects them without overflow. */
static const char *parse_shape(parser *ps, mlp_npy_info *info)
{
    if (!accept(ps, '(')) return perr(ps, "shape is not a tuple");
    info->ndim = 0;
    for (;;) {
        if (accept(ps, ')')) break;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
            return perr(ps, "shape holds something other than non-negative integers");
        uint64_t v = 0;
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            v = v > MLP_NPY_HUGE / 10 ? MLP_NPY_HUGE : v * 10 + (uint64_t)(*ps->p - '0');
            if (v > MLP_NPY_HUGE) v = MLP_NPY_HUGE;
            ps->p++;
        }
        if (ps->p < ps->end && (*ps->p == 'L' || *ps->p == 'l')) ps->p++;
        if (info->ndim >= MLP_NPY_MAX_DIMS) return perr(ps, "shape has too many dimensions");
        info->shape[info->ndim++] = v;
        if (accept(ps, ',')) continue;
        /* "(3)" (no comma) is accepted as (3,): numpy never writes it. */
        if (accept(ps, ')')) break;
        return perr(ps, "expected ',' or ')' in shape");
    }
    return NULL;
}

static const char *set_descr(parser *ps, mlp_npy_info *info, const char *d, int truncated)
{
    if (!truncated && (strcmp(d, "<f4") == 0 || strcmp(d, "<f8") == 0 ||
                       strcmp(d, ">f4") == 0 || strcmp(d, ">f8") == 0)) {
        info->big_endian = d[0] == '>';
        info->item_size = d[2] == '4' ? 4 : 8;
        return NULL;
    }
    snprintf(ps->err, ps->errsz, "unsupported dtype '%s%s' (expected '<f4' or '<f8')",
             d, truncated ? "..." : "");
    return ps->err;
}

const char *mlp_npy_parse_header(const char *hdr, size_t len, mlp_npy_info *info,
                                 char *err, size_t errsz)
{
    parser ps = { hdr, hdr + len, err, errsz };
    int have_descr = 0, have_fortran = 0, have_shape = 0;
    const char *e;
    info->descr[0] = '\0';
    if (!accept(&ps, '{')) return perr(&ps, "does not start with '{'");
    for (;;) {
        if (accept(&ps, '}')) break;
        char key[32];
        int trunc;
        if ((e = parse_string(&ps, key, sizeof key, &trunc))) return e;
        if (!accept(&ps, ':')) return perr(&ps, "expected ':' after a key");
        if (!trunc && strcmp(key, "descr") == 0) {
            if (have_descr++) return perr(&ps, "duplicate key 'descr'");
            skip_ws(&ps);
            if (ps.p < ps.end && *ps.p == '[') {
                snprintf(err, errsz, "unsupported dtype (a structured array; expected '<f4' or '<f8')");
                return err;
            }
            if ((e = parse_string(&ps, info->descr, sizeof info->descr, &trunc))) return e;
            if ((e = set_descr(&ps, info, info->descr, trunc))) return e;
        } else if (!trunc && strcmp(key, "fortran_order") == 0) {
            if (have_fortran++) return perr(&ps, "duplicate key 'fortran_order'");
            if (match_word(&ps, "True")) info->fortran_order = 1;
            else if (match_word(&ps, "False")) info->fortran_order = 0;
            else return perr(&ps, "fortran_order is not True or False");
        } else if (!trunc && strcmp(key, "shape") == 0) {
            if (have_shape++) return perr(&ps, "duplicate key 'shape'");
            if ((e = parse_shape(&ps, info))) return e;
        } else {
            snprintf(err, errsz, "malformed .npy header: unexpected key '%s%s'", key, trunc ? "..." : "");
            return err;
        }
        if (accept(&ps, ',')) continue;
        if (accept(&ps, '}')) break;
        return perr(&ps, "expected ',' or '}'");
    }
    skip_ws(&ps);
    if (ps.p != ps.end) return perr(&ps, "text after the closing '}'");
    if (!have_descr || !have_fortran || !have_shape)
        return perr(&ps, "missing one of the keys 'descr', 'fortran_order', 'shape'");
    return NULL;
}

/* ---- writing: numpy.save's header for a C-order '<f4' array ---------------- */

size_t mlp_npy_write_header_f4(unsigned char *buf, size_t size, int ndim,
                               const uint64_t *shape)
{
    char dict[160];
    int n;
    if (ndim == 1)
        n = snprintf(dict, sizeof dict, "{'descr': '<f4', 'fortran_order': False, 'shape': (%llu,), }",
                     (unsigned long long)shape[0]);
    else if (ndim == 2)
        n = snprintf(dict, sizeof dict, "{'descr': '<f4', 'fortran_order': False, 'shape': (%llu, %llu), }",
                     (unsigned long long)shape[0], (unsigned long long)shape[1]);
    else
        return 0;
    if (n < 0 || (size_t)n >= sizeof dict) return 0;
    /* numpy (>= 1.24) leaves room to grow the first axis in place: 21 minus
     * the digits of shape[0] spaces, then pads with spaces and a final '\n'
     * so that the data starts at a multiple of 64 bytes. */
    char first[24];
    int digits = snprintf(first, sizeof first, "%llu", (unsigned long long)shape[0]);
    size_t hlen = (size_t)n + (size_t)(digits < 21 ? 21 - digits : 0);
    size_t pad = 64 - (10 + hlen + 1) % 64; /* 64, not 0, when aligned: as numpy */
    size_t total = 10 + hlen + pad + 1;
    if (total > size || total - 10 > 65535) return 0;
    memcpy(buf, npy_magic, sizeof npy_magic);
    buf[6] = 1;
    buf[7] = 0;
    buf[8] = (unsigned char)((total - 10) & 0xff);
    buf[9] = (unsigned char)((total - 10) >> 8);
    memcpy(buf + 10, dict, (size_t)n);
    memset(buf + 10 + n, ' ', total - 10 - (size_t)n - 1);
    buf[total - 1] = '\n';
    return total;
}

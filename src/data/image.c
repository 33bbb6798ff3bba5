/*
 * image.c - one PNG or PGM image as gray values in [0, 1] (image.h,
 * docs/DATA.md "Images"). PNG goes through libpng with its errors caught by
 * setjmp; PGM (P2 and P5) is read here.
 */
#include "data/image.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static int is_ws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

image_kind image_sniff(const void *head, size_t n)
{
    const unsigned char *h = head;
    if (n >= 8 && memcmp(h, png_sig, 8) == 0) return IMAGE_PNG;
    if (n >= 3 && h[0] == 'P' && (h[1] == '2' || h[1] == '5') && (is_ws(h[2]) || h[2] == '#')) return IMAGE_PGM;
    return IMAGE_OTHER;
}

/* Opens path for reading and reads up to 8 leading bytes into head. */
static mlp_status open_image(const char *path, FILE **f, unsigned char head[8], size_t *n)
{
    struct stat st;
    if (stat(path, &st) != 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return mlp_fail(MLP_ENOINPUT, "%s: is a directory, not an image", path);
    *f = fopen(path, "rb");
    if (!*f) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    *n = fread(head, 1, 8, *f);
    if (*n < 8 && ferror(*f)) {
        fclose(*f);
        return mlp_fail(MLP_ENOINPUT, "%s: cannot read: %s", path, strerror(errno));
    }
    return MLP_OK;
}

mlp_status image_probe(const char *path, image_kind *kind)
{
    FILE *f;
    unsigned char head[8];
    size_t n;
    *kind = IMAGE_OTHER;
    mlp_status s = open_image(path, &f, head, &n);
    if (s != MLP_OK) return s;
    fclose(f);
    *kind = image_sniff(head, n);
    return MLP_OK;
}

/* What the caller wants: the size only (out NULL), or the pixels of an
 * image of exactly want_w x want_h. */
typedef struct {
    const char *path;
    int want_h, want_w, invert;
    mlp_real *out;
    int w, h;        /* found in the header */
} request;

static mlp_status check_size(const request *q, long w, long h)
{
    if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
        return mlp_fail(MLP_EDATA, "%s: image is %ldx%ld (width x height); this reads 1 to %d pixels a side", q->path, w, h, IMAGE_MAX_SIDE);
    if (q->out && (w != q->want_w || h != q->want_h))
        return mlp_fail(MLP_EDATA, "%s: image is %ldx%ld (width x height), the model needs %dx%d", q->path, w, h, q->want_w, q->want_h);
    return MLP_OK;
}

static void put(const request *q, size_t i, double v)
{
    if (v < 0) v = 0;
    if (v > 1) v = 1;
    q->out[i] = (mlp_real)(q->invert ? 1.0 - v : v);
}

/* ---- PNG ------------------------------------------------------------------------ */

typedef struct { char msg[200]; } png_ctx;

static void on_png_error(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    snprintf(c->msg, sizeof c->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* Everything libpng may jump out of happens here; the buffers that live
 * across the jump are volatile so the handler sees their current values. */
static mlp_status decode_png(png_structp png, png_infop info, FILE *f, png_ctx *ctx, request *q)
{
    unsigned char *volatile buf = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(buf);
        free(rows);
        if (feof(f)) return mlp_fail(MLP_EDATA, "%s: truncated PNG: the file ends after %ld bytes", q->path, ftell(f));
        return mlp_fail(MLP_EDATA, "%s: not a valid PNG: %s", q->path, ctx->msg);
    }
    png_init_io(png, f);
    png_set_sig_bytes(png, 8);
    /* Only IHDR, PLTE, tRNS and IDAT matter here: every other chunk (text,
     * ICC profiles, gamma, ...) is skipped unread. libpng would otherwise
     * allocate whatever length such a chunk claims, 1.7 GB for a 100-byte
     * file, before finding that the file ends. */
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    mlp_status s = check_size(q, (long)w, (long)h);
    if (s != MLP_OK) return s;
    q->w = (int)w;
    q->h = (int)h;
    if (!q->out) return MLP_OK;

    /* Whatever the colour type and depth: 8-bit RGBA. */
    png_set_expand(png);    /* palette to RGB, gray below 8 bits to 8, tRNS to alpha */
#ifdef PNG_READ_SCALE_16_TO_8_SUPPORTED
    png_set_scale_16(png);  /* 16 bits to 8, rounded */
#else
    png_set_strip_16(png);
#endif
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER); /* opaque where there is no alpha */
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_channels(png, info) != 4 || png_get_bit_depth(png, info) != 8 || png_get_rowbytes(png, info) != (size_t)w * 4)
        return mlp_fail(MLP_EDATA, "%s: a PNG layout this cannot convert to gray", q->path);
    buf = mlp_alloc((size_t)w * h, 4, "image");
    rows = buf ? mlp_alloc(h, sizeof *rows, "image") : NULL;
    if (!rows) {
        free(buf);
        return MLP_ENOMEM;
    }
    for (png_uint_32 r = 0; r < h; r++) rows[r] = buf + (size_t)r * w * 4;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    for (size_t i = 0; i < (size_t)w * h; i++) {
        const unsigned char *p = buf + 4 * i;
        double gray = p[0] == p[1] && p[1] == p[2] ? p[0] : 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        double v = p[3] == 255 ? gray / 255.0 : (gray * p[3] + 255.0 * (255 - p[3])) / (255.0 * 255.0); /* on white */
        put(q, i, v);
    }
    free(buf);
    free(rows);
    return MLP_OK;
}

static mlp_status read_png(FILE *f, request *q)
{
    png_ctx ctx = { "" };
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_png_error, on_png_warning);
    if (!png) return mlp_fail(MLP_ENOMEM, "%s: out of memory for the PNG reader", q->path);
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return mlp_fail(MLP_ENOMEM, "%s: out of memory for the PNG reader", q->path);
    }
    mlp_status s = decode_png(png, info, f, &ctx, q);
    png_destroy_read_struct(&png, &info, NULL);
    return s;
}

/* ---- PGM ------------------------------------------------------------------------- */

/* The bytes of the file: the ones already read to tell its kind, then the rest. */
typedef struct {
    FILE *f;
    const unsigned char *head;
    size_t nhead, ihead;
} bytes;

static int next_byte(bytes *b)
{
    return b->ihead < b->nhead ? b->head[b->ihead++] : getc(b->f);
}

/* Skips white space and '#' comments, then reads a decimal number; *after
 * is the byte that ended it, and a '#' comment that starts right there is
 * skipped too ("3# width" is 3). Returns the number (capped above 10^9),
 * -1 when something else comes, -2 at the end of the file. */
static long number(bytes *b, int *after)
{
    int c = next_byte(b);
    for (;;) {
        if (c == '#') {
            do c = next_byte(b); while (c != EOF && c != '\n' && c != '\r');
        } else if (is_ws(c)) {
            c = next_byte(b);
        } else {
            break;
        }
    }
    if (c == EOF) return -2;
    if (c < '0' || c > '9') return -1;
    long v = 0;
    for (; c >= '0' && c <= '9'; c = next_byte(b))
        if (v < 1000000000L) v = v * 10 + (c - '0');
    *after = c;
    if (c == '#') /* a comment right after the number runs to the end of its line */
        do c = next_byte(b); while (c != EOF && c != '\n' && c != '\r');
    return v;
}

static mlp_status read_pgm(FILE *f, const unsigned char *head, size_t nhead, request *q)
{
    bytes b = { f, head, nhead, 2 }; /* past "P2" or "P5" */
    int binary = head[1] == '5', after = 0;
    static const char *what[3] = { "width", "height", "maxval" };
    long v[3];
    for (int k = 0; k < 3; k++) {
        v[k] = number(&b, &after);
        if (v[k] < 0 || !(is_ws(after) || after == '#' || (k < 2 && after == EOF)))
            return mlp_fail(MLP_EDATA, "%s: bad PGM header: no %s", q->path, what[k]);
        if (v[k] > 100000000L) /* a number this large was not read exactly */
            return mlp_fail(MLP_EDATA, "%s: bad PGM header: the %s is too large", q->path, what[k]);
    }
    if (v[2] < 1 || v[2] > 65535)
        return mlp_fail(MLP_EDATA, "%s: bad PGM header: maxval %ld is not in 1..65535", q->path, v[2]);
    mlp_status s = check_size(q, v[0], v[1]);
    if (s != MLP_OK) return s;
    q->w = (int)v[0];
    q->h = (int)v[1];
    if (!q->out) return MLP_OK;
    if (binary && !is_ws(after))
        return mlp_fail(MLP_EDATA, "%s: bad PGM header: the maxval must end with one white-space byte", q->path);

    size_t n = (size_t)v[0] * (size_t)v[1];
    long maxval = v[2];
    for (size_t i = 0; i < n; i++) {
        long x;
        if (binary) {
            int hi = next_byte(&b), lo = 0;
            if (maxval > 255 && hi != EOF) lo = next_byte(&b);
            if (hi == EOF || lo == EOF) x = -2;
            else x = maxval > 255 ? hi << 8 | lo : hi;
        } else {
            x = number(&b, &after);
            if (x >= 0 && !(is_ws(after) || after == '#' || after == EOF)) x = -1;
        }
        if (x == -2)
            return mlp_fail(MLP_EDATA, "%s: truncated PGM: %zu of the %zu pixels of a %ldx%ld image", q->path, i, n, v[0], v[1]);
        if (x == -1)
            return mlp_fail(MLP_EDATA, "%s: PGM pixel %zu (row %zu, column %zu) is not a number", q->path, i + 1, i / (size_t)v[0] + 1, i % (size_t)v[0] + 1);
        if (x > maxval)
            return mlp_fail(MLP_EDATA, "%s: PGM pixel %zu (row %zu, column %zu) is %ld, above the maxval %ld", q->path, i + 1, i / (size_t)v[0] + 1, i % (size_t)v[0] + 1, x, maxval);
        put(q, i, (double)x / (double)maxval);
    }
    if (ferror(f)) return mlp_fail(MLP_EIO, "%s: read error", q->path);
    return MLP_OK;
}

/* ---- entry points ------------------------------------------------------------------ */

static mlp_status read_image(request *q)
{
    FILE *f;
    unsigned char head[8];
    size_t n;
    mlp_status s = open_image(q->path, &f, head, &n);
    if (s != MLP_OK) return s;
    switch (image_sniff(head, n)) {
    case IMAGE_PNG: s = read_png(f, q); break;
    case IMAGE_PGM: s = read_pgm(f, head, n, q); break;
    default:
        s = n == 0 ? mlp_fail(MLP_EDATA, "%s: empty file, not an image", q->path)
                   : mlp_fail(MLP_EDATA, "%s: not a PNG or PGM image", q->path);
    }
    fclose(f);
    return s;
}

mlp_status image_size(const char *path, int *width, int *height)
{
    request q = { .path = path };
    *width = *height = 0;
    mlp_status s = read_image(&q);
    if (s == MLP_OK) *width = q.w, *height = q.h;
    return s;
}

mlp_status image_load(const char *path, int height, int width, int invert, mlp_real *out)
{
    if (height < 1 || width < 1 || height > IMAGE_MAX_SIDE || width > IMAGE_MAX_SIDE || !out)
        return mlp_fail(MLP_EUSAGE, "%s: cannot read an image into %dx%d pixels", path, width, height);
    request q = { .path = path, .want_h = height, .want_w = width, .invert = invert, .out = out };
    return read_image(&q);
}

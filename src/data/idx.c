/*
 * idx.c - IDX files, the format of MNIST and its family (docs/DATA.md,
 * "IDX"), raw or gzip-compressed: zlib reads both through one stream.
 *
 * One validating reader serves images and labels. Everything the header
 * claims is checked before anything is allocated: the magic number, the
 * type code, the number of dimensions, every dimension and their product;
 * for an uncompressed file also the byte length the header implies against
 * the file's real size. A compressed file's real length is only known by
 * reading it, so its buffer grows with the data actually decompressed
 * (never more than twice that, plus IDX_FIRST_ALLOC, or less when the
 * compressed file is too small to hold that much), and a short or
 * over-long stream is found as it is read.
 *
 * Images of type ubyte stay bytes (mlp_data.x8, scaled per batch); every
 * other type becomes mlp_real and must be finite. Labels must be whole
 * numbers 0..255.
 */
#include "data/data.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define IDX_MAX_DIMS 4
#define IDX_MAX_ITEMS INT32_MAX               /* rows: mlp_data.n is int32 */
#define IDX_MAX_VALUES ((uint64_t)1 << 32)    /* values in one file */
#define IDX_FIRST_ALLOC ((size_t)64 << 20)    /* bytes allocated before data is seen */
#define IDX_MAX_RATIO 1032                    /* deflate expands at most this much */
#define IDX_STAGE 65536                       /* bytes decoded per read */

typedef struct {
    const char *path;
    gzFile gz;
    int regular;       /* a regular file: its size is known */
    long long size;    /* bytes as stored */
} idx_in;

static const struct { int code; int size; const char *name; } types[] = {
    {0x08, 1, "ubyte"}, {0x09, 1, "sbyte"}, {0x0B, 2, "short"},
    {0x0C, 4, "int"}, {0x0D, 4, "float"}, {0x0E, 8, "double"},
};

static mlp_status in_open(idx_in *f, const char *path)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return mlp_fail(MLP_EIO, "%s: cannot read: %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return mlp_fail(MLP_ENOINPUT, "%s: is a directory, not an IDX file", path);
    }
    f->regular = S_ISREG(st.st_mode);
    f->size = (long long)st.st_size;
    f->gz = gzdopen(fd, "rb");
    if (!f->gz) {
        close(fd);
        return mlp_fail(MLP_ENOMEM, "%s: out of memory", path);
    }
    gzbuffer(f->gz, 1 << 17);
    return MLP_OK;
}

static void in_close(idx_in *f)
{
    if (f->gz) gzclose_r(f->gz);
    f->gz = NULL;
}

/* Reads up to len bytes into buf; *got is how many came. A short count is
 * the end of the data; a read error or damaged gzip stream is an error. */
static mlp_status in_read(idx_in *f, void *buf, size_t len, size_t *got)
{
    *got = 0;
    while (*got < len) {
        size_t want = len - *got;
        if (want > (1u << 30)) want = 1u << 30;
        int r = gzread(f->gz, (char *)buf + *got, (unsigned)want);
        int err = Z_OK;
        const char *msg = r < (int)want ? gzerror(f->gz, &err) : "";
        if (err == Z_ERRNO)
            return mlp_fail(MLP_EIO, "%s: read error: %s", f->path, strerror(errno));
        if (err == Z_BUF_ERROR)
            return mlp_fail(MLP_EDATA, "%s: the gzip stream is cut short (truncated .gz file)", f->path);
        if (err == Z_MEM_ERROR)
            return mlp_fail(MLP_ENOMEM, "%s: out of memory", f->path);
        if (err != Z_OK || r < 0)
            return mlp_fail(MLP_EDATA, "%s: corrupt gzip data (%s)", f->path, msg);
        *got += (size_t)r;
        if (r == 0) break;
    }
    return MLP_OK;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The value at p of IDX type code t, big-endian. */
static double value(const unsigned char *p, int t)
{
    switch (t) {
    case 0x08: return p[0];
    case 0x09: return (int8_t)p[0];
    case 0x0B: return (int16_t)(uint16_t)(p[0] << 8 | p[1]);
    case 0x0C: return (int32_t)be32(p);
    case 0x0D: {
        uint32_t u = be32(p);
        float v;
        memcpy(&v, &u, sizeof v);
        return v;
    }
    default: {
        uint64_t u = (uint64_t)be32(p) << 32 | be32(p + 4);
        double v;
        memcpy(&v, &u, sizeof v);
        return v;
    }
    }
}

/* Grows *buf (cap elements of size es) towards total elements, doubling. */
static mlp_status grow(void **buf, size_t *cap, size_t total, size_t es, const char *path)
{
    size_t nc = *cap * 2 > total ? total : *cap * 2;
    void *p = realloc(*buf, nc * es);
    if (!p) return mlp_fail(MLP_ENOMEM, "%s: out of memory (%zu bytes)", path, nc * es);
    *buf = p;
    *cap = nc;
    return MLP_OK;
}

/* Reads the header; dims and the element type land in the out arguments. */
static mlp_status read_header(idx_in *f, idx_kind kind, int *type, int *esize,
                              int *ndims, uint32_t *dims)
{
    const char *path = f->path;
    unsigned char h[4 + 4 * IDX_MAX_DIMS];
    size_t got;
    mlp_status s = in_read(f, h, 4, &got);
    if (s != MLP_OK) return s;
    if (got == 0) return mlp_fail(MLP_EDATA, "%s: empty file, not an IDX file", path);
    if (got < 4) return mlp_fail(MLP_EDATA, "%s: truncated header (%zu bytes), not an IDX file", path, got);
    if (h[0] || h[1])
        return mlp_fail(MLP_EDATA, "%s: not an IDX file: magic %02x %02x %02x %02x, wanted 00 00 TYPE DIMS",
                        path, h[0], h[1], h[2], h[3]);
    *esize = 0;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (types[i].code == h[2]) *esize = types[i].size;
    if (!*esize)
        return mlp_fail(MLP_EDATA, "%s: unknown IDX type code 0x%02x (known: 08 ubyte, 09 sbyte, 0B short, 0C int, 0D float, 0E double)",
                        path, h[2]);
    *type = h[2];
    *ndims = h[3];
    if (kind == IDX_LABELS && *ndims != 1)
        return mlp_fail(MLP_EDATA, "%s: %d dimensions; a labels file has 1 (the item count)", path, *ndims);
    if (kind == IDX_IMAGES && (*ndims < 2 || *ndims > IDX_MAX_DIMS))
        return mlp_fail(MLP_EDATA, "%s: %d dimensions; an images file has 2 to %d (n x features, n x height x width, n x height x width x channels)",
                        path, *ndims, IDX_MAX_DIMS);
    s = in_read(f, h + 4, 4 * (size_t)*ndims, &got);
    if (s != MLP_OK) return s;
    if (got < 4 * (size_t)*ndims)
        return mlp_fail(MLP_EDATA, "%s: truncated header: %d dimensions announced, %zu bytes of them present", path, *ndims, got);
    uint64_t features = 1;
    for (int i = 0; i < *ndims; i++) {
        dims[i] = be32(h + 4 + 4 * i);
        if (dims[i] == 0)
            return mlp_fail(MLP_EDATA, "%s: dimension %d is 0", path, i + 1);
        if (dims[i] > IDX_MAX_ITEMS)
            return mlp_fail(MLP_EDATA, "%s: dimension %d is %lu, more than the limit %ld",
                            path, i + 1, (unsigned long)dims[i], (long)IDX_MAX_ITEMS);
        if (i > 0) {
            features *= dims[i];
            if (features > MLP_MAX_WIDTH)
                return mlp_fail(MLP_EDATA, "%s: more than %d values per item (dimensions 2..%d multiply to over the limit)",
                                path, MLP_MAX_WIDTH, *ndims);
        }
    }
    if (features * dims[0] > IDX_MAX_VALUES)
        return mlp_fail(MLP_EDATA, "%s: %lu items of %llu values is more than the limit of %llu values",
                        path, (unsigned long)dims[0], (unsigned long long)features, (unsigned long long)IDX_MAX_VALUES);
    return MLP_OK;
}

mlp_status idx_read(const char *path, idx_kind kind, int32_t expect_n, const char *other, mlp_data *d)
{
    memset(d, 0, sizeof *d);
    idx_in f;
    mlp_status s = in_open(&f, path);
    if (s != MLP_OK) return s;

    int type = 0, es = 0, nd = 0;
    uint32_t dims[IDX_MAX_DIMS] = {0};
    s = read_header(&f, kind, &type, &es, &nd, dims);
    uint64_t n = dims[0], feat = 1;
    for (int i = 1; s == MLP_OK && i < nd; i++) feat *= dims[i];
    size_t total = (size_t)(n * feat); /* <= IDX_MAX_VALUES when s is MLP_OK */
    const char *what = kind == IDX_LABELS ? "labels" : "images";
    if (s == MLP_OK && expect_n >= 0 && n != (uint64_t)expect_n)
        s = mlp_fail(MLP_EDATA, "%s: %lu %s, but %s has %ld %s", path, (unsigned long)n, what, other,
                     (long)expect_n, kind == IDX_LABELS ? "images" : "labels");
    /* An uncompressed file's length must be what the header implies; that
     * is known before anything is allocated. */
    int known_len = s == MLP_OK && f.regular && gzdirect(f.gz);
    if (known_len) {
        unsigned long long want = 4 + 4 * (unsigned long long)nd + (unsigned long long)total * (unsigned)es;
        if ((unsigned long long)f.size < want)
            s = mlp_fail(MLP_EDATA, "%s: truncated: the header implies %llu bytes, the file has %lld",
                         path, want, f.size);
        else if ((unsigned long long)f.size > want)
            s = mlp_fail(MLP_EDATA, "%s: %llu trailing bytes after the %llu the header implies",
                         path, (unsigned long long)f.size - want, want);
    }
    if (s != MLP_OK) { in_close(&f); return s; }

    /* Destination: bytes for ubyte images, labels as int32, else reals. */
    int bytes = kind == IDX_IMAGES && type == 0x08;
    size_t os = bytes ? 1 : kind == IDX_LABELS ? sizeof(int32_t) : sizeof(mlp_real);
    size_t cap = total;
    if (!known_len) {
        /* Before any data is seen: at most IDX_FIRST_ALLOC bytes, and no
         * more values than a file of this size can decompress to. */
        uint64_t most = IDX_FIRST_ALLOC / os;
        if (f.regular && (uint64_t)f.size < most) {
            uint64_t fit = (uint64_t)f.size * IDX_MAX_RATIO / (unsigned)es + 1;
            if (fit < most) most = fit;
        }
        if (cap > most) cap = (size_t)most;
    }
    void *buf = mlp_alloc(cap, os, path);
    unsigned char *stage = mlp_alloc(IDX_STAGE, 1, path);
    if (!buf || !stage) s = MLP_ENOMEM;

    size_t pos = 0, per = IDX_STAGE / (size_t)es;
    int32_t maxlab = -1;
    while (s == MLP_OK && pos < total) {
        size_t m = total - pos < per ? total - pos : per, got;
        if ((s = in_read(&f, stage, m * (size_t)es, &got)) != MLP_OK) break;
        if (got < m * (size_t)es) {
            s = mlp_fail(MLP_EDATA, "%s: truncated: the header implies %llu bytes of data, the file ends after %llu",
                         path, (unsigned long long)total * (unsigned)es,
                         (unsigned long long)pos * (unsigned)es + got);
            break;
        }
        while (pos + m > cap)
            if ((s = grow(&buf, &cap, total, os, path)) != MLP_OK) break;
        if (s != MLP_OK) break;
        if (bytes) {
            memcpy((uint8_t *)buf + pos, stage, m);
        } else if (kind == IDX_LABELS) {
            int32_t *y = (int32_t *)buf + pos;
            for (size_t i = 0; i < m; i++) {
                double v = value(stage + i * (size_t)es, type);
                if (!(v >= 0 && v <= 255) || v != floor(v)) {
                    s = mlp_fail(MLP_EDATA, "%s: label %.9g at item %zu is not a class number 0..255",
                                 path, v, pos + i);
                    break;
                }
                y[i] = (int32_t)v;
                if (y[i] > maxlab) maxlab = y[i];
            }
        } else {
            mlp_real *x = (mlp_real *)buf + pos;
            for (size_t i = 0; i < m; i++) {
                double v = value(stage + i * (size_t)es, type);
                x[i] = (mlp_real)v;
                if (!isfinite(x[i])) { /* NaN, inf, or beyond float's range */
                    s = mlp_fail(MLP_EDATA, "%s: item %zu, value %zu: %g is not a finite number%s",
                                 path, (pos + i) / (size_t)feat, (pos + i) % (size_t)feat, v,
                                 isfinite(v) ? " in single precision" : "");
                    break;
                }
            }
        }
        pos += m;
    }
    if (s == MLP_OK) {
        /* Nothing may follow the data; reading on also makes zlib check the
         * gzip trailer (CRC-32 and length). */
        size_t got;
        s = in_read(&f, stage, 1, &got);
        if (s == MLP_OK && got)
            s = mlp_fail(MLP_EDATA, "%s: trailing data after the %llu bytes the header implies",
                         path, 4 + 4 * (unsigned long long)nd + (unsigned long long)total * (unsigned)es);
    }
    in_close(&f);
    free(stage);
    if (s != MLP_OK) { free(buf); return s; }

    d->n = (int32_t)n;
    if (kind == IDX_LABELS) {
        d->y = buf;
        d->classes = maxlab + 1;
    } else {
        d->d = (int32_t)feat;
        if (bytes) d->x8 = buf;
        else d->x = buf;
        if (nd >= 3) {
            d->shape[0] = (int32_t)dims[1];
            d->shape[1] = (int32_t)dims[2];
            d->shape[2] = nd == 4 ? (int32_t)dims[3] : 1;
        }
    }
    return MLP_OK;
}

mlp_status idx_load_pair(const char *images, const char *labels, mlp_data *d)
{
    mlp_data lab, img;
    memset(d, 0, sizeof *d);
    /* Labels first: they are small, and their count bounds the images. */
    mlp_status s = idx_read(labels, IDX_LABELS, -1, NULL, &lab);
    if (s != MLP_OK) return s;
    s = idx_read(images, IDX_IMAGES, lab.n, labels, &img);
    if (s != MLP_OK) { mlp_data_free(&lab); return s; }
    *d = img;
    d->y = lab.y;
    d->classes = lab.classes;
    return MLP_OK;
}

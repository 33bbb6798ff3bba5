/* model.c - the binary model file, version 1; docs/FORMAT.md describes it
 * byte for byte.
 *
 * Saving encodes little-endian into a small buffer, feeds each full buffer
 * to crc32 and to the atomic file, and ends with the CRC. Loading reads the
 * fixed header and layer table, checks every field against its limits and
 * the length they imply against the file's size, checks the CRC over the
 * whole file, and only then allocates: the network, then the metadata. */
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MODEL_VERSION   1
#define HEADER_SIZE     48
#define FLAG_NAMES      0x1u
#define FLAG_SCALING    0x2u
#define FLAGS_KNOWN     (FLAG_NAMES | FLAG_SCALING)
#define MODEL_MAX_LAYERS MLP_MAX_LAYERS
#define MODEL_MAX_WIDTH ((uint32_t)MLP_MAX_WIDTH)
#define MODEL_MAX_NAME  255
#define CHUNK           16384

_Static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE 754 binary32/binary64 expected");
_Static_assert(FLT_MANT_DIG == 24 && DBL_MANT_DIG == 53, "IEEE 754 binary32/binary64 expected");

static const unsigned char model_magic[8] = { 0x89, 'M', 'L', 'P', 0x0D, 0x0A, 0x1A, 0x0A };

/* ---- little-endian encoding ---------------------------------------------- */

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

/* Stores v as an IEEE 754 value of sizeof(mlp_real) bytes. */
static void put_real(unsigned char *p, mlp_real v)
{
    if (sizeof(mlp_real) == 8) {
        double d = (double)v;
        uint64_t u;
        memcpy(&u, &d, 8);
        put_u64(p, u);
    } else {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, 4);
        put_u32(p, u);
    }
}

/* Reads an IEEE 754 value of size bytes (4 or 8); float widens exactly. */
static double get_real(const unsigned char *p, unsigned size)
{
    if (size == 8) {
        uint64_t u = get_u64(p);
        double d;
        memcpy(&d, &u, 8);
        return d;
    }
    uint32_t u = get_u32(p);
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* ---- saving -------------------------------------------------------------- */

typedef struct {
    mlp_afile a;
    uLong crc;
    size_t n;
    mlp_status st;
    unsigned char buf[CHUNK];
} writer;

static void w_flush(writer *w)
{
    if (w->st == MLP_OK && w->n) {
        w->crc = crc32(w->crc, w->buf, (uInt)w->n);
        w->st = mlp_afile_write(&w->a, w->buf, w->n);
    }
    w->n = 0;
}

/* Room for len (<= CHUNK) more bytes; returns where to put them. */
static unsigned char *w_room(writer *w, size_t len)
{
    if (w->n + len > CHUNK) w_flush(w);
    unsigned char *p = w->buf + w->n;
    w->n += len;
    return p;
}

static void w_bytes(writer *w, const void *data, size_t len)
{
    memcpy(w_room(w, len), data, len);
}

static void w_u32(writer *w, uint32_t v) { put_u32(w_room(w, 4), v); }

static void w_reals(writer *w, const mlp_real *v, size_t n)
{
    for (size_t i = 0; i < n; i++) put_real(w_room(w, sizeof(mlp_real)), v[i]);
}

mlp_status mlp_save(const mlp_net *net, const char *path)
{
    if (!net || !path) return mlp_fail(MLP_EUSAGE, "mlp_save: no network or no path");
    for (size_t i = 0; i < net->n_params; i++)
        if (!isfinite(net->params[i]))
            return mlp_fail(MLP_EUSAGE, "%s: not saved: parameter %zu is not finite (NaN or infinite)", path, i);

    int L = net->n_layers;
    int K = net->sizes[L];
    uint32_t flags = 0;
    uint64_t names_bytes = 0;
    if (net->class_names) {
        flags |= FLAG_NAMES;
        for (int k = 0; k < K; k++) names_bytes += 1 + strlen(net->class_names[k]);
    }
    if (net->in_mean) flags |= FLAG_SCALING;

    writer *w = mlp_alloc(1, sizeof *w, "model writer");
    if (!w) return MLP_ENOMEM;
    w->crc = crc32(0L, Z_NULL, 0);
    w->n = 0;
    w->st = mlp_afile_open(&w->a, path);
    if (w->st != MLP_OK) {
        mlp_status s = w->st;
        free(w);
        return s;
    }

    /* Header, 48 bytes. */
    unsigned char *h = w_room(w, HEADER_SIZE);
    memcpy(h, model_magic, 8);
    put_u32(h + 8, MODEL_VERSION);
    put_u32(h + 12, flags);
    put_u32(h + 16, (uint32_t)L);
    put_u32(h + 20, (uint32_t)net->loss);
    put_u32(h + 24, (uint32_t)sizeof(mlp_real));
    put_u32(h + 28, (uint32_t)net->in_shape[0]);
    put_u32(h + 32, (uint32_t)net->in_shape[1]);
    put_u32(h + 36, (uint32_t)net->in_shape[2]);
    put_u64(h + 40, names_bytes);

    /* Layer table: widths, then hidden activations. */
    for (int i = 0; i <= L; i++) w_u32(w, (uint32_t)net->sizes[i]);
    for (int i = 0; i < L - 1; i++) w_u32(w, (uint32_t)net->acts[i]);

    if (flags & FLAG_NAMES)
        for (int k = 0; k < K; k++) {
            size_t len = strlen(net->class_names[k]);
            unsigned char n8 = (unsigned char)len;
            w_bytes(w, &n8, 1);
            w_bytes(w, net->class_names[k], len);
        }
    if (flags & FLAG_SCALING) {
        w_reals(w, net->in_mean, (size_t)net->sizes[0]);
        w_reals(w, net->in_scale, (size_t)net->sizes[0]);
    }
    w_reals(w, net->params, net->n_params);
    w_flush(w);

    mlp_status s = w->st;
    if (s == MLP_OK) {
        unsigned char crc[4];
        put_u32(crc, (uint32_t)w->crc);
        s = mlp_afile_write(&w->a, crc, 4);
    }
    if (s == MLP_OK)
        s = mlp_afile_commit(&w->a);
    else
        mlp_afile_abort(&w->a);
    free(w);
    return s;
}

/* ---- loading ------------------------------------------------------------- */

/* Reads exactly len bytes; a short read is a truncated file (the length
 * was checked, so only a file changing under us gets here after that). */
static mlp_status read_exact(FILE *f, const char *path, void *buf, size_t len)
{
    if (len == 0 || fread(buf, 1, len, f) == len) return MLP_OK;
    if (ferror(f)) return mlp_fail(MLP_EIO, "%s: read error: %s", path, strerror(errno));
    return mlp_fail(MLP_EDATA, "%s: truncated model file", path);
}

/* Reads n values of size bytes each into dst, converting to mlp_real;
 * every value must be finite and representable. */
static mlp_status read_reals(FILE *f, const char *path, unsigned size, mlp_real *dst,
                             size_t n, const char *what)
{
    unsigned char buf[CHUNK];
    size_t per = CHUNK / size;
    for (size_t i = 0; i < n;) {
        size_t m = n - i < per ? n - i : per;
        mlp_status s = read_exact(f, path, buf, m * size);
        if (s != MLP_OK) return s;
        for (size_t j = 0; j < m; j++, i++) {
            double v = get_real(buf + j * size, size);
            if (!isfinite(v))
                return mlp_fail(MLP_EDATA, "%s: %s %zu is not finite", path, what, i);
            if (sizeof(mlp_real) == 4 && fabs(v) > FLT_MAX)
                return mlp_fail(MLP_EDATA, "%s: %s %zu (%g) is out of float range", path, what, i, v);
            dst[i] = (mlp_real)v;
        }
    }
    return MLP_OK;
}

/* A setter's complaint about loaded data is a fault of the file. */
static mlp_status as_data_error(mlp_status s, const char *path)
{
    if (s == MLP_OK || s == MLP_ENOMEM) return s;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", mlp_errmsg());
    return mlp_fail(MLP_EDATA, "%s: %s", path, msg);
}

/* Everything the header and layer table say, checked. */
typedef struct {
    uint32_t flags, loss, size, shape[3];
    uint64_t names_bytes;
    int      layers;
    int      widths[MODEL_MAX_LAYERS + 1];
    mlp_act  acts[MODEL_MAX_LAYERS];
    long     table_end;       /* offset of the first byte after the table */
    uint64_t length;          /* total file length the header implies */
} model_header;

static mlp_status read_header(FILE *f, const char *path, uint64_t file_size, model_header *mh)
{
    unsigned char h[HEADER_SIZE];
    size_t got = fread(h, 1, HEADER_SIZE, f);
    if (got < HEADER_SIZE && ferror(f))
        return mlp_fail(MLP_EIO, "%s: read error: %s", path, strerror(errno));
    if (got == 0) return mlp_fail(MLP_EDATA, "%s: empty file, not an mlp model", path);
    if (memcmp(h, model_magic, got < 8 ? got : 8) != 0)
        return mlp_fail(MLP_EDATA, "%s: not an mlp model file (wrong magic number)", path);
    if (got < 12) return mlp_fail(MLP_EDATA, "%s: truncated model file (%zu bytes)", path, got);
    uint32_t version = get_u32(h + 8);
    if (version > MODEL_VERSION)
        return mlp_fail(MLP_EDATA, "%s: model format version %u is newer than this mlp understands (%d); upgrade mlp",
                        path, (unsigned)version, MODEL_VERSION);
    if (version == 0) return mlp_fail(MLP_EDATA, "%s: invalid model format version 0", path);
    if (got < HEADER_SIZE)
        return mlp_fail(MLP_EDATA, "%s: truncated model file (%zu bytes, shorter than the header)", path, got);

    mh->flags = get_u32(h + 12);
    uint32_t layers = get_u32(h + 16);
    mh->loss = get_u32(h + 20);
    mh->size = get_u32(h + 24);
    for (int i = 0; i < 3; i++) mh->shape[i] = get_u32(h + 28 + 4 * i);
    mh->names_bytes = get_u64(h + 40);

    if (mh->flags & ~FLAGS_KNOWN)
        return mlp_fail(MLP_EDATA, "%s: unknown flags 0x%08x in a version 1 model", path, (unsigned)mh->flags);
    if (layers < 1 || layers > MODEL_MAX_LAYERS)
        return mlp_fail(MLP_EDATA, "%s: layer count %u is out of range (1..%d)", path, (unsigned)layers, MODEL_MAX_LAYERS);
    if (mh->loss != MLP_CE && mh->loss != MLP_MSE)
        return mlp_fail(MLP_EDATA, "%s: unknown loss code %u", path, (unsigned)mh->loss);
    if (mh->size != 4 && mh->size != 8)
        return mlp_fail(MLP_EDATA, "%s: scalar size %u is neither 4 nor 8", path, (unsigned)mh->size);
    mh->layers = (int)layers;

    unsigned char t[8 * MODEL_MAX_LAYERS];
    size_t tlen = 8 * (size_t)layers;
    if (fread(t, 1, tlen, f) != tlen) {
        if (ferror(f)) return mlp_fail(MLP_EIO, "%s: read error: %s", path, strerror(errno));
        return mlp_fail(MLP_EDATA, "%s: truncated model file (file ends inside the layer table)", path);
    }
    mh->table_end = (long)(HEADER_SIZE + tlen);
    for (uint32_t i = 0; i <= layers; i++) {
        uint32_t wd = get_u32(t + 4 * i);
        if (wd < 1 || wd > MODEL_MAX_WIDTH)
            return mlp_fail(MLP_EDATA, "%s: width %u of layer %u is out of range (1..%u)",
                            path, (unsigned)wd, (unsigned)i, MODEL_MAX_WIDTH);
        mh->widths[i] = (int)wd;
    }
    for (uint32_t i = 0; i + 1 < layers; i++) {
        uint32_t a = get_u32(t + 4 * (layers + 1) + 4 * i);
        if (a >= MLP_ACT_COUNT)
            return mlp_fail(MLP_EDATA, "%s: unknown activation code %u for hidden layer %u",
                            path, (unsigned)a, (unsigned)i + 1);
        mh->acts[i] = (mlp_act)a;
    }
    uint64_t in = (uint64_t)mh->widths[0], out = (uint64_t)mh->widths[layers];
    if (mh->loss == MLP_CE && out < 2)
        return mlp_fail(MLP_EDATA, "%s: cross-entropy model with %u output (needs 2 or more)", path, (unsigned)out);

    const uint32_t *sh = mh->shape;
    if (sh[0] || sh[1] || sh[2]) {
        if (sh[0] < 1 || sh[1] < 1 || sh[2] < 1 || sh[0] > in || sh[1] > in || sh[2] > in ||
            (uint64_t)sh[0] * sh[1] > in || (uint64_t)sh[0] * sh[1] * sh[2] != in)
            return mlp_fail(MLP_EDATA, "%s: input shape %ux%ux%u does not match the input width %u", path,
                            (unsigned)sh[0], (unsigned)sh[1], (unsigned)sh[2], (unsigned)in);
    }
    if (!(mh->flags & FLAG_NAMES) && mh->names_bytes != 0)
        return mlp_fail(MLP_EDATA, "%s: class names length is %llu but the names flag is clear",
                        path, (unsigned long long)mh->names_bytes);
    if ((mh->flags & FLAG_NAMES) &&
        (mh->names_bytes < 2 * out || mh->names_bytes > (MODEL_MAX_NAME + 1) * out))
        return mlp_fail(MLP_EDATA, "%s: %llu bytes cannot hold %u class names", path,
                        (unsigned long long)mh->names_bytes, (unsigned)out);

    /* Every term is below 2^58: no overflow. */
    uint64_t n_params = 0;
    for (uint32_t l = 0; l < layers; l++)
        n_params += (uint64_t)mh->widths[l] * (uint64_t)mh->widths[l + 1] + (uint64_t)mh->widths[l + 1];
    uint64_t len = HEADER_SIZE + tlen + mh->names_bytes;
    if (mh->flags & FLAG_SCALING) len += 2 * in * mh->size;
    len += n_params * mh->size + 4;
    mh->length = len;
    if (file_size < len)
        return mlp_fail(MLP_EDATA, "%s: truncated model file (%llu bytes, the header needs %llu)", path,
                        (unsigned long long)file_size, (unsigned long long)len);
    if (file_size > len)
        return mlp_fail(MLP_EDATA, "%s: %llu trailing byte(s) after the model (file is %llu bytes, the header says %llu)",
                        path, (unsigned long long)(file_size - len), (unsigned long long)file_size,
                        (unsigned long long)len);
    return MLP_OK;
}

/* CRC32 of the first length - 4 bytes against the last 4. */
static mlp_status check_crc(FILE *f, const char *path, uint64_t length)
{
    unsigned char buf[CHUNK];
    if (fseek(f, 0, SEEK_SET) != 0) return mlp_fail(MLP_EIO, "%s: cannot seek: %s", path, strerror(errno));
    uLong crc = crc32(0L, Z_NULL, 0);
    for (uint64_t left = length - 4; left > 0;) {
        size_t m = left < CHUNK ? (size_t)left : CHUNK;
        mlp_status s = read_exact(f, path, buf, m);
        if (s != MLP_OK) return s;
        crc = crc32(crc, buf, (uInt)m);
        left -= m;
    }
    mlp_status s = read_exact(f, path, buf, 4);
    if (s != MLP_OK) return s;
    uint32_t stored = get_u32(buf);
    if (stored != (uint32_t)crc)
        return mlp_fail(MLP_EDATA, "%s: checksum mismatch (stored %08x, computed %08x): the file is corrupted",
                        path, (unsigned)stored, (unsigned)crc);
    return MLP_OK;
}

/* Reads the class names block (names_bytes, checked against K already)
 * and hands the names to the network. */
static mlp_status read_names(FILE *f, const char *path, mlp_net *net, uint64_t names_bytes)
{
    int K = net->sizes[net->n_layers];
    unsigned char *buf = mlp_alloc((size_t)names_bytes, 1, "class names");
    const char **names = mlp_alloc((size_t)K, sizeof *names, "class names");
    mlp_status s = (buf && names) ? MLP_OK : MLP_ENOMEM;
    if (s == MLP_OK) s = read_exact(f, path, buf, (size_t)names_bytes);
    size_t pos = 0;
    for (int k = 0; s == MLP_OK && k < K; k++) {
        if (pos >= names_bytes) {
            s = mlp_fail(MLP_EDATA, "%s: the class names block ends after %d of %d names", path, k, K);
            break;
        }
        size_t n = buf[pos];
        if (n == 0) { s = mlp_fail(MLP_EDATA, "%s: class name %d is empty", path, k); break; }
        if (pos + 1 + n > names_bytes) {
            s = mlp_fail(MLP_EDATA, "%s: class name %d runs past the class names block", path, k);
            break;
        }
        for (size_t i = 1; i <= n; i++)
            if (buf[pos + i] < 0x20 || buf[pos + i] == 0x7f) {
                s = mlp_fail(MLP_EDATA, "%s: class name %d contains a control character", path, k);
                break;
            }
        if (s != MLP_OK) break;
        /* Turn the length-prefixed record into a C string in place. */
        memmove(buf + pos, buf + pos + 1, n);
        buf[pos + n] = '\0';
        names[k] = (const char *)buf + pos;
        pos += n + 1;
    }
    if (s == MLP_OK && pos != names_bytes)
        s = mlp_fail(MLP_EDATA, "%s: %llu stray bytes after the class names", path,
                     (unsigned long long)(names_bytes - pos));
    if (s == MLP_OK) s = as_data_error(mlp_set_class_names(net, K, names), path);
    free(buf);
    free(names);
    return s;
}

static mlp_status read_scaling(FILE *f, const char *path, mlp_net *net, unsigned size)
{
    size_t d = (size_t)net->sizes[0];
    mlp_real *mean = mlp_alloc(d, sizeof *mean, "input scaling");
    mlp_real *scale = mlp_alloc(d, sizeof *scale, "input scaling");
    mlp_status s = (mean && scale) ? MLP_OK : MLP_ENOMEM;
    if (s == MLP_OK) s = read_reals(f, path, size, mean, d, "input mean");
    if (s == MLP_OK) s = read_reals(f, path, size, scale, d, "input scale");
    for (size_t i = 0; s == MLP_OK && i < d; i++)
        if (scale[i] == 0) s = mlp_fail(MLP_EDATA, "%s: input scale %zu is zero", path, i);
    if (s == MLP_OK) s = as_data_error(mlp_set_input_scaling(net, mean, scale), path);
    free(mean);
    free(scale);
    return s;
}

static mlp_status load_open(FILE *f, const char *path, uint64_t file_size, mlp_net **out)
{
    model_header mh;
    mlp_status s = read_header(f, path, file_size, &mh);
    if (s == MLP_OK) s = check_crc(f, path, mh.length);
    if (s == MLP_OK && fseek(f, mh.table_end, SEEK_SET) != 0)
        s = mlp_fail(MLP_EIO, "%s: cannot seek: %s", path, strerror(errno));
    if (s != MLP_OK) return s;

    mlp_net *net;
    s = as_data_error(mlp_new(&net, mh.layers, mh.widths, mh.acts, (mlp_loss)mh.loss), path);
    if (s != MLP_OK) return s;
    if (mh.flags & FLAG_NAMES) s = read_names(f, path, net, mh.names_bytes);
    if (s == MLP_OK && (mh.flags & FLAG_SCALING)) s = read_scaling(f, path, net, mh.size);
    if (s == MLP_OK)
        s = as_data_error(mlp_set_input_shape(net, (int)mh.shape[0], (int)mh.shape[1], (int)mh.shape[2]), path);
    if (s == MLP_OK) s = read_reals(f, path, mh.size, net->params, net->n_params, "parameter");
    if (s != MLP_OK) { mlp_free(net); return s; }
    *out = net;
    return MLP_OK;
}

mlp_status mlp_load(mlp_net **out, const char *path)
{
    if (!out || !path) return mlp_fail(MLP_EUSAGE, "mlp_load: no output or no path");
    *out = NULL;
    /* O_NONBLOCK: a FIFO is refused below instead of blocking the open. */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(e));
    }
    struct stat st;
    mlp_status s = MLP_OK;
    if (fstat(fileno(f), &st) != 0)
        s = mlp_fail(MLP_ENOINPUT, "%s: cannot stat: %s", path, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        s = mlp_fail(MLP_ENOINPUT, "%s: is a directory, not a model file", path);
    else if (!S_ISREG(st.st_mode))
        s = mlp_fail(MLP_ENOINPUT, "%s: not a regular file", path);
    else
        s = load_open(f, path, (uint64_t)st.st_size, out);
    fclose(f);
    return s;
}

/*
 * npz.c - network weights as a NumPy .npz archive (docs/NPZ.md): members
 * W1.npy, b1.npy, W2.npy, b2.npy, ... with W_l of shape (out, in) as
 * torch.nn.Linear.weight and b_l of shape (out,).
 *
 * Export builds the whole zip in memory with libzip (members stored, fixed
 * timestamps, so the same network always gives the same bytes) and writes it
 * through an atomic file. Import checks every header and size before it
 * allocates anything, then streams the data straight into the network.
 */
#include "internal.h"
#include "io/atomic.h"
#include "io/npy.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#define NPZ_MAX_DIM    MLP_MAX_WIDTH
#define NPZ_MAX_LAYERS MLP_MAX_LAYERS
#define NPZ_CHUNK      65536     /* bytes read at a time; a multiple of 8 */
#define NPZ_DOS_DATE   0x21      /* 1980-01-01, the earliest zip date */
#define NPZ_DOS_TIME   0         /* 00:00:00 */
/* Deflate cannot expand data by more than about 1032:1; a member that
 * claims more than this is lying about its size. */
#define NPZ_MAX_RATIO  1100

/* ---- export ---------------------------------------------------------------- */

static mlp_status zip_failure(const char *path, const char *what, zip_error_t *ze)
{
    int code = ze ? zip_error_code_zip(ze) : ZIP_ER_INTERNAL;
    return mlp_fail(code == ZIP_ER_MEMORY ? MLP_ENOMEM : MLP_EIO, "%s: %s: %s", path, what,
                    ze ? zip_error_strerror(ze) : "unknown libzip error");
}

static void put_le32(unsigned char *p, uint32_t u)
{
    p[0] = (unsigned char)u;
    p[1] = (unsigned char)(u >> 8);
    p[2] = (unsigned char)(u >> 16);
    p[3] = (unsigned char)(u >> 24);
}

/* Adds one member NAME holding a '<f4' array of shape (rows) or (rows, cols). */
static mlp_status add_member(zip_t *za, const char *path, const char *name, int ndim,
                             int rows, int cols, const mlp_real *v)
{
    uint64_t shape[2] = { (uint64_t)rows, (uint64_t)cols };
    size_t count = (size_t)rows * (ndim == 2 ? (size_t)cols : 1);
    unsigned char hdr[256];
    size_t hl = mlp_npy_write_header_f4(hdr, sizeof hdr, ndim, shape);
    if (!hl) return mlp_fail(MLP_EIO, "%s: %s: cannot format the .npy header", path, name);
    if (count > (SIZE_MAX - hl) / 4) return mlp_fail(MLP_ENOMEM, "%s: %s is too large", path, name);
    size_t len = hl + count * 4;
    unsigned char *buf = mlp_alloc(len, 1, path);
    if (!buf) return MLP_ENOMEM;
    memcpy(buf, hdr, hl);
    for (size_t i = 0; i < count; i++) {
#ifdef MLP_DOUBLE
        double d = v[i];
        if (isfinite(d) && fabs(d) > FLT_MAX) {
            free(buf);
            return mlp_fail(MLP_EDATA, "%s: %s[%zu] = %g is outside the float32 range", path, name, i, d);
        }
        float f = (float)d;
#else
        float f = v[i];
#endif
        uint32_t u;
        memcpy(&u, &f, sizeof u);
        put_le32(buf + hl + 4 * i, u);
    }
    zip_source_t *s = zip_source_buffer(za, buf, len, 1);
    if (!s) { free(buf); return zip_failure(path, "cannot build the archive", zip_get_error(za)); }
    zip_int64_t idx = zip_file_add(za, name, s, ZIP_FL_ENC_GUESS);
    if (idx < 0) { zip_source_free(s); return zip_failure(path, "cannot build the archive", zip_get_error(za)); }
    zip_uint64_t ix = (zip_uint64_t)idx;
    if (zip_set_file_compression(za, ix, ZIP_CM_STORE, 0) < 0 ||
        zip_file_set_dostime(za, ix, NPZ_DOS_TIME, NPZ_DOS_DATE, 0) < 0 ||
        zip_file_set_external_attributes(za, ix, 0, ZIP_OPSYS_UNIX, (zip_uint32_t)0100644 << 16) < 0)
        return zip_failure(path, "cannot build the archive", zip_get_error(za));
    return MLP_OK;
}

/* Reads the whole of a (closed) source into a new buffer. */
static mlp_status source_bytes(zip_source_t *src, const char *path, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (zip_source_open(src) < 0) return zip_failure(path, "cannot read the archive back", zip_source_error(src));
    mlp_status s = MLP_OK;
    zip_int64_t n = -1;
    if (zip_source_seek(src, 0, SEEK_END) < 0 || (n = zip_source_tell(src)) < 0 ||
        zip_source_seek(src, 0, SEEK_SET) < 0) {
        s = zip_failure(path, "cannot read the archive back", zip_source_error(src));
    } else if ((uint64_t)n > SIZE_MAX) {
        s = mlp_fail(MLP_ENOMEM, "%s: the archive is too large", path);
    } else if (!(*out = mlp_alloc((size_t)n, 1, path))) {
        s = MLP_ENOMEM;
    } else {
        size_t got = 0;
        while (got < (size_t)n) {
            zip_int64_t r = zip_source_read(src, *out + got, (zip_uint64_t)((size_t)n - got));
            if (r <= 0) break;
            got += (size_t)r;
        }
        if (got != (size_t)n) {
            s = zip_failure(path, "cannot read the archive back", zip_source_error(src));
            free(*out);
            *out = NULL;
        } else {
            *len = got;
        }
    }
    zip_source_close(src);
    return s;
}

mlp_status mlp_export_npz(const mlp_net *net, const char *path)
{
    if (!net || !path) return mlp_fail(MLP_EUSAGE, "mlp_export_npz: no network or no path");
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) {
        mlp_status s = zip_failure(path, "cannot build the archive", &ze);
        zip_error_fini(&ze);
        return s;
    }
    zip_t *za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!za) {
        mlp_status s = zip_failure(path, "cannot build the archive", &ze);
        zip_error_fini(&ze);
        zip_source_free(src);
        return s;
    }
    zip_error_fini(&ze);
    zip_source_keep(src); /* keep the buffer alive after zip_close */

    mlp_status s = MLP_OK;
    for (int l = 0; l < net->n_layers && s == MLP_OK; l++) {
        char name[32];
        int in = net->sizes[l], out = net->sizes[l + 1];
        snprintf(name, sizeof name, "W%d.npy", l + 1);
        s = add_member(za, path, name, 2, out, in, net->params + net->w_off[l]);
        if (s != MLP_OK) break;
        snprintf(name, sizeof name, "b%d.npy", l + 1);
        s = add_member(za, path, name, 1, out, 0, net->params + net->b_off[l]);
    }
    if (s != MLP_OK) {
        zip_discard(za);
        zip_source_free(src);
        return s;
    }
    if (zip_close(za) < 0) {
        s = zip_failure(path, "cannot build the archive", zip_get_error(za));
        zip_discard(za);
        zip_source_free(src);
        return s;
    }
    unsigned char *bytes;
    size_t len;
    s = source_bytes(src, path, &bytes, &len);
    zip_source_free(src);
    if (s != MLP_OK) return s;

    mlp_afile af;
    s = mlp_afile_open(&af, path);
    if (s == MLP_OK) {
        s = mlp_afile_write(&af, bytes, len);
        if (s == MLP_OK) s = mlp_afile_commit(&af);
        else mlp_afile_abort(&af);
    }
    free(bytes);
    return s;
}

/* ---- import ---------------------------------------------------------------- */

typedef struct {
    char         name[32];  /* member name as found, e.g. "W1.npy" */
    zip_file_t  *zf;        /* open, positioned at the first data byte */
    mlp_npy_info info;
    uint64_t     count;     /* elements */
} npz_member;

/* Status and message for a failed read of a member. */
static mlp_status member_error(const char *path, const char *name, zip_error_t *ze)
{
    int code = zip_error_code_zip(ze);
    mlp_status s = MLP_EDATA;
    if (code == ZIP_ER_MEMORY) s = MLP_ENOMEM;
    else if (code == ZIP_ER_READ && zip_error_system_type(ze) == ZIP_ET_SYS &&
             zip_error_code_system(ze) == EIO) s = MLP_EIO;
    return mlp_fail(s, "%s: %s: cannot read: %s", path, name, zip_error_strerror(ze));
}

/* Reads exactly n bytes unless the member ends first; -1 on error. */
static zip_int64_t read_full(zip_file_t *zf, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        zip_int64_t r = zip_fread(zf, (char *)buf + got, (zip_uint64_t)(n - got));
        if (r < 0) return -1;
        if (r == 0) break;
        got += (size_t)r;
    }
    return (zip_int64_t)got;
}

/* Index of member KIND<l>.npy (or KIND<l>, which numpy.load also reads as
 * KIND<l>), or -1. */
static zip_int64_t find_member(zip_t *za, char kind, int l, char *name, size_t size)
{
    snprintf(name, size, "%c%d.npy", kind, l);
    zip_int64_t i = zip_name_locate(za, name, 0);
    if (i >= 0) return i;
    snprintf(name, size, "%c%d", kind, l);
    i = zip_name_locate(za, name, 0);
    if (i < 0) snprintf(name, size, "%c%d.npy", kind, l);
    return i;
}

/* Recognises "W3.npy", "b12", ...: sets *kind and *l and returns 1. */
static int parse_member_name(const char *name, char *kind, long *l)
{
    if (name[0] != 'W' && name[0] != 'b') return 0;
    const char *p = name + 1;
    if (*p < '1' || *p > '9') return 0;
    long v = 0;
    while (*p >= '0' && *p <= '9') {
        if (v < 100000000) v = v * 10 + (*p - '0');
        p++;
    }
    if (*p != '\0' && strcmp(p, ".npy") != 0) return 0;
    *kind = name[0];
    *l = v;
    return 1;
}

static const char *shape_str(const mlp_npy_info *in, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    n += (size_t)snprintf(buf + n, size - n, "(");
    for (int d = 0; d < in->ndim && n < size; d++) {
        char v[24];
        if (in->shape[d] >= MLP_NPY_HUGE) snprintf(v, sizeof v, "huge");
        else snprintf(v, sizeof v, "%llu", (unsigned long long)in->shape[d]);
        n += (size_t)snprintf(buf + n, size - n, "%s%s%s", d ? ", " : "", v, in->ndim == 1 ? "," : "");
    }
    if (n < size) snprintf(buf + n, size - n, ")");
    return buf;
}

/* Opens member m (its name already in m->name, index idx), reads and checks
 * its header: ndim as expected, every dimension in range, the stored data
 * length equal to the shape's. Leaves m->zf positioned at the data. */
static mlp_status open_member(zip_t *za, zip_int64_t idx, const char *path, uint64_t file_size,
                              npz_member *m, int want_ndim)
{
    const char *name = m->name;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0)
        return member_error(path, name, zip_get_error(za));
    const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
    if ((st.valid & need) != need) return mlp_fail(MLP_EDATA, "%s: %s: sizes unknown", path, name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return mlp_fail(MLP_EDATA, "%s: %s: encrypted members are not supported", path, name);
    if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
        return mlp_fail(MLP_EDATA, "%s: %s: compression method %d is not supported (stored or deflated only)",
                        path, name, (int)st.comp_method);
    if (st.comp_size > file_size ||
        (st.comp_method == ZIP_CM_STORE && st.size != st.comp_size) ||
        st.size / NPZ_MAX_RATIO > st.comp_size + 64)
        return mlp_fail(MLP_EDATA, "%s: %s: inconsistent sizes (%llu bytes from %llu compressed)", path, name,
                        (unsigned long long)st.size, (unsigned long long)st.comp_size);

    m->zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!m->zf) return member_error(path, name, zip_get_error(za));

    unsigned char pre[12];
    size_t pre_len = 0;
    zip_int64_t r = read_full(m->zf, pre, 8);
    if (r < 0) return member_error(path, name, zip_file_get_error(m->zf));
    if (r < 8) return mlp_fail(MLP_EDATA, "%s: %s: too short to be a .npy array", path, name);
    const char *e = mlp_npy_preamble(pre, &m->info, &pre_len);
    if (e) return mlp_fail(MLP_EDATA, "%s: %s: %s", path, name, e);
    r = read_full(m->zf, pre + 8, pre_len - 8);
    if (r < 0) return member_error(path, name, zip_file_get_error(m->zf));
    if ((size_t)r < pre_len - 8) return mlp_fail(MLP_EDATA, "%s: %s: truncated .npy header", path, name);
    size_t hlen = mlp_npy_header_len(pre, pre_len);
    if (hlen > MLP_NPY_MAX_HEADER)
        return mlp_fail(MLP_EDATA, "%s: %s: .npy header too long (%zu bytes, at most %d)", path, name,
                        hlen, MLP_NPY_MAX_HEADER);
    uint64_t data_off = (uint64_t)pre_len + hlen;
    if (data_off > st.size) return mlp_fail(MLP_EDATA, "%s: %s: truncated .npy header", path, name);
    char *hdr = mlp_alloc(hlen, 1, path);
    if (!hdr) return MLP_ENOMEM;
    r = read_full(m->zf, hdr, hlen);
    if (r < 0) { free(hdr); return member_error(path, name, zip_file_get_error(m->zf)); }
    if ((size_t)r < hlen) { free(hdr); return mlp_fail(MLP_EDATA, "%s: %s: truncated .npy header", path, name); }
    char why[160];
    e = mlp_npy_parse_header(hdr, hlen, &m->info, why, sizeof why);
    free(hdr);
    if (e) return mlp_fail(MLP_EDATA, "%s: %s: %s", path, name, e);

    char sh[96];
    if (m->info.ndim != want_ndim)
        return mlp_fail(MLP_EDATA, "%s: %s: shape %s has %d dimension%s, expected %d%s", path, name,
                        shape_str(&m->info, sh, sizeof sh), m->info.ndim, m->info.ndim == 1 ? "" : "s", want_ndim,
                        want_ndim == 2 ? " (out, in)" : " (out,)");
    uint64_t count = 1;
    for (int d = 0; d < m->info.ndim; d++) {
        if (m->info.shape[d] < 1 || m->info.shape[d] > NPZ_MAX_DIM)
            return mlp_fail(MLP_EDATA, "%s: %s: shape %s is out of range (each dimension 1 to %d)", path, name,
                            shape_str(&m->info, sh, sizeof sh), NPZ_MAX_DIM);
        count *= m->info.shape[d]; /* at most 2^48: no overflow */
    }
    uint64_t data_len = count * (uint64_t)m->info.item_size;
    if (st.size - data_off != data_len)
        return mlp_fail(MLP_EDATA, "%s: %s: holds %llu data bytes, but shape %s of '%s' needs %llu%s", path, name,
                        (unsigned long long)(st.size - data_off), shape_str(&m->info, sh, sizeof sh),
                        m->info.descr, (unsigned long long)data_len,
                        st.size - data_off < data_len ? " (truncated)" : "");
    m->count = count;
    return MLP_OK;
}

static double decode(const unsigned char *p, int size, int big)
{
    if (size == 4) {
        uint32_t u = 0;
        for (int i = 0; i < 4; i++) u |= (uint32_t)p[big ? i : 3 - i] << (8 * (3 - i));
        float f;
        memcpy(&f, &u, sizeof f);
        return f;
    }
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u |= (uint64_t)p[big ? i : 7 - i] << (8 * (7 - i));
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Streams member m's data into dst (rows x cols, row-major; cols = 1 for a
 * bias), transposing Fortran-order data and refusing non-finite values. */
static mlp_status load_member(npz_member *m, const char *path, unsigned char *chunk,
                              mlp_real *dst, uint64_t rows, uint64_t cols)
{
    const int isz = m->info.item_size;
    const int fortran = m->info.fortran_order && cols > 1;
    uint64_t k = 0;
    while (k < m->count) {
        uint64_t n = m->count - k;
        if (n > NPZ_CHUNK / (uint64_t)isz) n = NPZ_CHUNK / (uint64_t)isz;
        zip_int64_t r = read_full(m->zf, chunk, (size_t)n * (size_t)isz);
        if (r < 0) return member_error(path, m->name, zip_file_get_error(m->zf));
        if ((uint64_t)r != n * (uint64_t)isz)
            return mlp_fail(MLP_EDATA, "%s: %s: data ends early (truncated)", path, m->name);
        for (uint64_t i = 0; i < n; i++, k++) {
            double v = decode(chunk + (size_t)i * (size_t)isz, isz, m->info.big_endian);
            uint64_t row = fortran ? k % rows : k / cols;
            uint64_t col = fortran ? k / rows : k % cols;
#ifdef MLP_DOUBLE
            int bad = !isfinite(v);
#else
            int bad = !isfinite(v) || fabs(v) > FLT_MAX; /* (float)v would be undefined */
#endif
            if (bad) {
                const char *what = isnan(v) ? "NaN" : isinf(v) ? "infinite" : "outside the float range";
                if (cols > 1 || m->info.ndim == 2)
                    return mlp_fail(MLP_EDATA, "%s: %s: element (%llu, %llu) is %s", path, m->name,
                                    (unsigned long long)row, (unsigned long long)col, what);
                return mlp_fail(MLP_EDATA, "%s: %s: element %llu is %s", path, m->name,
                                (unsigned long long)row, what);
            }
            dst[row * cols + col] = (mlp_real)v;
        }
    }
    /* Reading at the end makes libzip check the CRC. */
    unsigned char extra;
    zip_int64_t r = zip_fread(m->zf, &extra, 1);
    if (r < 0) return member_error(path, m->name, zip_file_get_error(m->zf));
    if (r > 0) return mlp_fail(MLP_EDATA, "%s: %s: more data than its shape holds", path, m->name);
    return MLP_OK;
}

/* Opens the archive: MLP_ENOINPUT when it cannot be read, MLP_EDATA when it
 * is not a zip. */
static mlp_status open_archive(const char *path, zip_t **out, uint64_t *size)
{
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    if (S_ISDIR(sb.st_mode)) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: is a directory", path);
    if (S_ISREG(sb.st_mode) && sb.st_size == 0)
        return mlp_fail(MLP_EDATA, "%s: empty file, not a .npz archive", path);
    *size = S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : UINT64_MAX;

    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_file_create(path, 0, -1, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        int code = zip_error_code_zip(&ze);
        mlp_status s;
        if (code == ZIP_ER_MEMORY)
            s = mlp_fail(MLP_ENOMEM, "%s: out of memory opening the archive", path);
        else if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_READ || code == ZIP_ER_SEEK)
            s = mlp_fail(MLP_ENOINPUT, "%s: cannot read: %s", path, zip_error_strerror(&ze));
        else
            s = mlp_fail(MLP_EDATA, "%s: not a .npz (zip) archive: %s", path, zip_error_strerror(&ze));
        if (src) zip_source_free(src);
        zip_error_fini(&ze);
        return s;
    }
    zip_error_fini(&ze);
    *out = za;
    return MLP_OK;
}

/* Counts layers (consecutive W1, W2, ...) and refuses gaps and strays. */
static mlp_status count_layers(zip_t *za, const char *path, int *n_layers)
{
    char name[32];
    int L = 0;
    while (L <= NPZ_MAX_LAYERS && find_member(za, 'W', L + 1, name, sizeof name) >= 0) L++;
    if (L == 0) return mlp_fail(MLP_EDATA, "%s: no member W1.npy: not a weights archive", path);
    if (L > NPZ_MAX_LAYERS)
        return mlp_fail(MLP_EDATA, "%s: more than %d layers (W1 .. W%d are all present)", path,
                        NPZ_MAX_LAYERS, NPZ_MAX_LAYERS + 1);
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *nm = zip_get_name(za, (zip_uint64_t)i, 0);
        char kind;
        long l;
        if (!nm || !parse_member_name(nm, &kind, &l) || l <= L) continue;
        if (kind == 'W')
            return mlp_fail(MLP_EDATA, "%s: %s is present but W%d.npy is missing (layers must be W1, W2, ... without gaps)",
                            path, nm, L + 1);
        return mlp_fail(MLP_EDATA, "%s: %s has no matching W%ld.npy", path, nm, l);
    }
    *n_layers = L;
    return MLP_OK;
}

mlp_status mlp_import_npz(mlp_net **out, const char *path, const mlp_act *acts, int n_acts,
                          mlp_loss loss)
{
    if (!out || !path) return mlp_fail(MLP_EUSAGE, "mlp_import_npz: no output or no path");
    *out = NULL;
    if (n_acts < 0 || (n_acts > 0 && !acts))
        return mlp_fail(MLP_EUSAGE, "%s: activations: %d given but no array", path, n_acts);

    zip_t *za;
    uint64_t file_size = 0;
    mlp_status s = open_archive(path, &za, &file_size);
    if (s != MLP_OK) return s;

    int L = 0;
    npz_member mem[2 * NPZ_MAX_LAYERS];
    memset(mem, 0, sizeof mem);
    unsigned char *chunk = NULL;
    mlp_net *net = NULL;

    s = count_layers(za, path, &L);
    if (s != MLP_OK) goto done;
    if (!(n_acts == 1 || n_acts == L - 1 || (L == 1 && n_acts == 0))) {
        s = mlp_fail(MLP_EUSAGE, "%s: the file has %d hidden layer%s but %d activations were given (give 1 for all%s)",
                     path, L - 1, L - 1 == 1 ? "" : "s", n_acts,
                     L > 2 ? ", or one per hidden layer" : "");
        goto done;
    }

    int sizes[NPZ_MAX_LAYERS + 1];
    for (int l = 0; l < L && s == MLP_OK; l++) {
        npz_member *w = &mem[2 * l], *b = &mem[2 * l + 1];
        zip_int64_t wi = find_member(za, 'W', l + 1, w->name, sizeof w->name);
        s = open_member(za, wi, path, file_size, w, 2);
        if (s != MLP_OK) break;
        zip_int64_t bi = find_member(za, 'b', l + 1, b->name, sizeof b->name);
        if (bi < 0) {
            s = mlp_fail(MLP_EDATA, "%s: %s is present but %s is missing", path, w->name, b->name);
            break;
        }
        s = open_member(za, bi, path, file_size, b, 1);
        if (s != MLP_OK) break;
        char sh[96];
        uint64_t rows = w->info.shape[0], cols = w->info.shape[1];
        if (l == 0) sizes[0] = (int)cols;
        else if (cols != (uint64_t)sizes[l]) {
            s = mlp_fail(MLP_EDATA, "%s: %s has shape %s but %s has %d outputs, so it needs %d columns",
                         path, w->name, shape_str(&w->info, sh, sizeof sh), mem[2 * l - 2].name,
                         sizes[l], sizes[l]);
            break;
        }
        sizes[l + 1] = (int)rows;
        if (b->info.shape[0] != rows) {
            s = mlp_fail(MLP_EDATA, "%s: %s has %llu entries but %s has %llu outputs", path, b->name,
                         (unsigned long long)b->info.shape[0], w->name, (unsigned long long)rows);
            break;
        }
    }
    if (s != MLP_OK) goto done;

    mlp_act hidden[NPZ_MAX_LAYERS];
    for (int l = 0; l < L - 1; l++) hidden[l] = n_acts == 1 ? acts[0] : acts[l];
    s = mlp_new(&net, L, sizes, hidden, loss);
    if (s != MLP_OK) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", mlp_errmsg());
        s = mlp_fail(s, "%s: %s", path, msg);
        goto done;
    }
    chunk = mlp_alloc(NPZ_CHUNK, 1, path);
    if (!chunk) { s = MLP_ENOMEM; goto done; }
    for (int l = 0; l < L && s == MLP_OK; l++) {
        s = load_member(&mem[2 * l], path, chunk, net->params + net->w_off[l],
                        (uint64_t)sizes[l + 1], (uint64_t)sizes[l]);
        if (s == MLP_OK)
            s = load_member(&mem[2 * l + 1], path, chunk, net->params + net->b_off[l],
                            (uint64_t)sizes[l + 1], 1);
    }

done:
    for (int i = 0; i < 2 * NPZ_MAX_LAYERS; i++)
        if (mem[i].zf) zip_fclose(mem[i].zf);
    zip_discard(za);
    free(chunk);
    if (s != MLP_OK) {
        mlp_free(net);
        return s;
    }
    *out = net;
    return MLP_OK;
}

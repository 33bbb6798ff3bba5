/*
 * checkpoint.c - the whole training state between two epochs, in one file
 * (docs/FORMAT.md, "Checkpoint file"), written atomically after every epoch
 * and read back by --resume. All numbers little-endian.
 */
#include "train_state.h"
#include "io/atomic.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static const unsigned char MAGIC[8] = {'M', 'L', 'P', 'C', 'K', 'P', 'T', '\n'};
#define CKPT_VERSION 1
#define CKPT_MAX_BYTES ((uint64_t)1 << 36)

void train_fingerprint_make(train_fingerprint *fp, const mlp_net *net, const mlp_data *train,
                            const mlp_train_opts *o)
{
    int k = 0;
#define ADD(name, v) do { fp->names[k] = (name); fp->values[k] = (double)(v); k++; } while (0)
    ADD("scalar size", sizeof(mlp_real));
    ADD("layers", net->n_layers);
    for (int l = 0; l <= net->n_layers && l < 32; l++) ADD("layer width", net->sizes[l]);
    for (int l = 0; l < net->n_layers - 1 && l < 31; l++) ADD("activation", net->acts[l]);
    ADD("loss", net->loss);
    ADD("training rows", train->n);
    ADD("epochs", o->epochs);
    ADD("batch", o->batch);
    ADD("lr", o->lr);
    ADD("seed", (double)o->seed);
    ADD("optimiser", o->opt);
    ADD("momentum", o->momentum);
    ADD("beta1", o->beta1);
    ADD("beta2", o->beta2);
    ADD("alpha", o->alpha);
    ADD("eps", o->eps);
    ADD("l2", o->l2);
    ADD("dropout", o->dropout);
    ADD("schedule", o->schedule.kind);
    ADD("schedule argument", o->schedule.a);
    ADD("schedule argument", o->schedule.b);
    ADD("sampling", o->sample_replace);
    ADD("early stop", o->early_stop);
#undef ADD
    fp->count = k;
}

/* ---- writing ---------------------------------------------------------- */

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    int oom;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->oom) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) cap *= 2;
        unsigned char *nb = realloc(b->buf, cap);
        if (!nb) { b->oom = 1; return; }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, p, n);
    b->len += n;
}

static void put_u64(bytes *b, uint64_t v)
{
    unsigned char t[8];
    for (int i = 0; i < 8; i++) t[i] = (unsigned char)(v >> (8 * i));
    put(b, t, 8);
}

static void put_u32(bytes *b, uint32_t v)
{
    unsigned char t[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    put(b, t, 4);
}

static void put_f64(bytes *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    put_u64(b, u);
}

static void put_reals(bytes *b, const mlp_real *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (sizeof(mlp_real) == 8) put_f64(b, (double)v[i]);
        else { uint32_t u; float f = (float)v[i]; memcpy(&u, &f, 4); put_u32(b, u); }
    }
}

static void put_rng(bytes *b, const mlp_rng *r)
{
    for (int i = 0; i < 4; i++) put_u64(b, r->s[i]);
}

mlp_status checkpoint_save(const char *path, const mlp_net *net, const train_fingerprint *fp,
                           const train_state *st)
{
    bytes b = {0};
    put(&b, MAGIC, 8);
    put_u32(&b, CKPT_VERSION);
    put_u32(&b, (uint32_t)fp->count);
    for (int i = 0; i < fp->count; i++) put_f64(&b, fp->values[i]);
    put_u32(&b, (uint32_t)st->epoch);
    put_u32(&b, (uint32_t)st->stopped);
    put_u64(&b, (uint64_t)st->step);
    put_f64(&b, st->epoch_loss);
    put_u64(&b, (uint64_t)st->epoch_right);
    put_u64(&b, (uint64_t)st->epoch_seen);
    put_u64(&b, (uint64_t)st->iter);
    put_u64(&b, (uint64_t)st->samples);
    put_f64(&b, st->seconds);
    put_f64(&b, st->limit);
    put_rng(&b, &st->shuffle);
    put_rng(&b, &st->drop);
    for (int i = 0; i < 6; i++) put_f64(&b, st->metrics[i]);
    put_u32(&b, (uint32_t)st->n);
    for (int32_t i = 0; i < st->n; i++) put_u32(&b, (uint32_t)st->order[i]);
    put_u64(&b, (uint64_t)net->n_params);
    put_reals(&b, net->params, net->n_params);
    put_u64(&b, (uint64_t)st->opt.t);
    put_u32(&b, st->opt.m != NULL);
    if (st->opt.m) put_reals(&b, st->opt.m, st->opt.n);
    put_u32(&b, st->opt.v != NULL);
    if (st->opt.v) put_reals(&b, st->opt.v, st->opt.n);
    put_f64(&b, st->best_loss);
    put_u32(&b, (uint32_t)st->since_best);
    put_u32(&b, (uint32_t)st->best_epoch);
    put_u32(&b, st->best != NULL);
    if (st->best) put_reals(&b, st->best, net->n_params);
    if (!b.oom) put_u32(&b, (uint32_t)crc32(crc32(0, Z_NULL, 0), b.buf, (uInt)b.len));
    if (b.oom) { free(b.buf); return mlp_fail(MLP_ENOMEM, "%s: out of memory for the checkpoint", path); }
    mlp_afile f;
    mlp_status s = mlp_afile_open(&f, path);
    if (s == MLP_OK) s = mlp_afile_write(&f, b.buf, b.len);
    if (s == MLP_OK) s = mlp_afile_commit(&f);
    else mlp_afile_abort(&f);
    free(b.buf);
    return s;
}

/* ---- reading ---------------------------------------------------------- */

typedef struct {
    const unsigned char *p;
    size_t left;
    int short_read;
} cursor;

static uint64_t get_u64(cursor *c)
{
    if (c->left < 8) { c->short_read = 1; c->left = 0; return 0; }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)c->p[i] << (8 * i);
    c->p += 8;
    c->left -= 8;
    return v;
}

static uint32_t get_u32(cursor *c)
{
    if (c->left < 4) { c->short_read = 1; c->left = 0; return 0; }
    uint32_t v = (uint32_t)c->p[0] | (uint32_t)c->p[1] << 8 | (uint32_t)c->p[2] << 16 | (uint32_t)c->p[3] << 24;
    c->p += 4;
    c->left -= 4;
    return v;
}

static double get_f64(cursor *c)
{
    uint64_t u = get_u64(c);
    double v;
    memcpy(&v, &u, 8);
    return v;
}

static void get_reals(cursor *c, mlp_real *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (sizeof(mlp_real) == 8) v[i] = (mlp_real)get_f64(c);
        else { uint32_t u = get_u32(c); float f; memcpy(&f, &u, 4); v[i] = (mlp_real)f; }
    }
}

static void get_rng(cursor *c, mlp_rng *r)
{
    for (int i = 0; i < 4; i++) r->s[i] = get_u64(c);
}

static mlp_status read_all(const char *path, unsigned char **out, size_t *len)
{
    struct stat sb;
    if (stat(path, &sb) != 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open checkpoint: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode)) return mlp_fail(MLP_ENOINPUT, "%s: is not a regular file", path);
    if ((uint64_t)sb.st_size > CKPT_MAX_BYTES) return mlp_fail(MLP_EDATA, "%s: too large for a checkpoint", path);
    FILE *f = fopen(path, "rb");
    if (!f) return mlp_fail(MLP_ENOINPUT, "%s: cannot open checkpoint: %s", path, strerror(errno));
    size_t n = (size_t)sb.st_size;
    unsigned char *buf = malloc(n ? n : 1);
    if (!buf) { fclose(f); return mlp_fail(MLP_ENOMEM, "%s: out of memory", path); }
    size_t got = fread(buf, 1, n, f);
    int err = ferror(f) || fgetc(f) != EOF;
    fclose(f);
    if (got != n || err) { free(buf); return mlp_fail(MLP_EIO, "%s: read error", path); }
    *out = buf;
    *len = n;
    return MLP_OK;
}

mlp_status checkpoint_load(const char *path, mlp_net *net, const train_fingerprint *fp, train_state *st)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    mlp_status s = read_all(path, &buf, &len);
    if (s != MLP_OK) return s;
#define BAD(...) do { s = mlp_fail(MLP_EDATA, __VA_ARGS__); goto done; } while (0)
    if (len < 16 || memcmp(buf, MAGIC, 8) != 0) BAD("%s: not an mlp checkpoint (bad magic number)", path);
    cursor c = {buf + 8, len - 8, 0};
    uint32_t version = get_u32(&c);
    if (version > CKPT_VERSION) BAD("%s: checkpoint format version %u is newer than this mlp understands (%d); upgrade mlp", path, version, CKPT_VERSION);
    if (version != CKPT_VERSION) BAD("%s: unknown checkpoint format version %u", path, version);
    if (len < 20) BAD("%s: truncated checkpoint", path);
    uint32_t stored = (uint32_t)buf[len - 4] | (uint32_t)buf[len - 3] << 8 | (uint32_t)buf[len - 2] << 16 | (uint32_t)buf[len - 1] << 24;
    if (stored != (uint32_t)crc32(crc32(0, Z_NULL, 0), buf, (uInt)(len - 4)))
        BAD("%s: checksum mismatch: the checkpoint is damaged or truncated", path);
    c.left -= 4; /* the CRC is not content */
    uint32_t count = get_u32(&c);
    if (count != (uint32_t)fp->count) BAD("%s: the checkpoint was made by a different network or settings (%u settings, not %d)", path, count, fp->count);
    for (int i = 0; i < fp->count; i++) {
        double v = get_f64(&c);
        if (!(v == fp->values[i]) && !(isnan(v) && isnan(fp->values[i])))
            BAD("%s: the checkpoint was made with %s %.10g, this run has %.10g; resume with the original settings", path, fp->names[i], v, fp->values[i]);
    }
    st->epoch = (int)get_u32(&c);
    st->stopped = (int)get_u32(&c);
    st->step = (long)get_u64(&c);
    st->epoch_loss = get_f64(&c);
    st->epoch_right = (long)get_u64(&c);
    st->epoch_seen = (long)get_u64(&c);
    if (st->step < 0 || st->epoch_seen < 0 || st->epoch_right < 0 || st->epoch_right > st->epoch_seen)
        BAD("%s: damaged epoch progress in the checkpoint", path);
    st->iter = (long)get_u64(&c);
    st->samples = (long)get_u64(&c);
    st->seconds = get_f64(&c);
    st->limit = get_f64(&c);
    get_rng(&c, &st->shuffle);
    get_rng(&c, &st->drop);
    for (int i = 0; i < 6; i++) st->metrics[i] = get_f64(&c);
    if (get_u32(&c) != (uint32_t)st->n) BAD("%s: the checkpoint has a different number of training rows", path);
    for (int32_t i = 0; i < st->n; i++) {
        uint32_t v = get_u32(&c);
        if (v >= (uint32_t)st->n) BAD("%s: damaged permutation in the checkpoint", path);
        st->order[i] = (int32_t)v;
    }
    if (get_u64(&c) != (uint64_t)net->n_params) BAD("%s: the checkpoint has a different number of parameters", path);
    get_reals(&c, net->params, net->n_params);
    st->opt.t = (long)get_u64(&c);
    if (get_u32(&c) != (st->opt.m != NULL)) BAD("%s: the checkpoint's optimiser state does not match", path);
    if (st->opt.m) get_reals(&c, st->opt.m, st->opt.n);
    if (get_u32(&c) != (st->opt.v != NULL)) BAD("%s: the checkpoint's optimiser state does not match", path);
    if (st->opt.v) get_reals(&c, st->opt.v, st->opt.n);
    st->best_loss = get_f64(&c);
    st->since_best = (int)get_u32(&c);
    st->best_epoch = (int)get_u32(&c);
    if (get_u32(&c) != (st->best != NULL)) BAD("%s: the checkpoint's early-stopping state does not match", path);
    if (st->best) get_reals(&c, st->best, net->n_params);
    if (c.short_read) BAD("%s: truncated checkpoint", path);
    if (c.left != 0) BAD("%s: %zu unexpected bytes at the end of the checkpoint", path, c.left);
    for (size_t i = 0; i < net->n_params; i++)
        if (!isfinite(net->params[i])) BAD("%s: the checkpoint holds a non-finite weight", path);
done:
#undef BAD
    free(buf);
    return s;
}

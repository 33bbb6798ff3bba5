/* test_model.c - model metadata setters and the binary model file
 * (src/meta.c, src/io/model.c, docs/FORMAT.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mlp.h"
#include "support/fixture.h"

#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* ---- helpers ------------------------------------------------------------- */

/* Entries of dir whose name contains ".tmp-". */
static int temp_files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp-")) n++;
    closedir(d);
    return n;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

/* Recomputes the trailing CRC32 of a model image. */
static void fix_crc(unsigned char *buf, size_t len)
{
    uLong c = crc32(0L, Z_NULL, 0);
    c = crc32(c, buf, (uInt)(len - 4));
    wr32(buf + len - 4, (uint32_t)c);
}

/* Loads path and expects failure with status want; the output stays NULL. */
static void expect_load_fails(const char *path, mlp_status want)
{
    mlp_net *net = (mlp_net *)&net; /* anything but NULL */
    mlp_status s = mlp_load(&net, path);
    if (s != want) fail_msg("%s: status %d, wanted %d (%s)", path, (int)s, (int)want, mlp_errmsg());
    assert_null(net);
    assert_true(strncmp(mlp_errmsg(), path, strlen(path)) == 0);
    assert_null(strchr(mlp_errmsg(), '\n'));
}

/* Loads path and expects MLP_EDATA with the output left NULL; what (a
 * printf format) names the case in the failure message. */
static void expect_edata(const char *path, const char *what, ...) __attribute__((format(printf, 2, 3)));
static void expect_edata(const char *path, const char *what, ...)
{
    mlp_net *net = (mlp_net *)&net; /* anything but NULL */
    mlp_status s = mlp_load(&net, path);
    if (s != MLP_EDATA) {
        char msg[256];
        va_list ap;
        va_start(ap, what);
        vsnprintf(msg, sizeof msg, what, ap);
        va_end(ap);
        fail_msg("%s: status %d (%s)", msg, (int)s, mlp_errmsg());
    }
    assert_null(net);
}

/* A 6-5-4-3 network with awkward weights (-0, a subnormal, values with
 * no short decimal form) and, when meta, every kind of metadata. */
static mlp_net *make_net(int meta)
{
    int sizes[] = { 6, 5, 4, 3 };
    mlp_act acts[] = { MLP_TANH, MLP_LEAKY_RELU };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 3, sizes, acts, MLP_CE), MLP_OK);
    mlp_real *p = mlp_params(net);
    for (size_t i = 0; i < mlp_param_count(net); i++)
        p[i] = (mlp_real)((double)((i * 37) % 101) / 7.0 - 6.0);
    p[0] = (mlp_real)-0.0;
    p[1] = (mlp_real)(FLT_MIN / 4);
    p[2] = (mlp_real)1e30;
    if (meta) {
        const char *names[] = { "cat", "dog", "bird \xc3\xbc" };
        assert_int_equal(mlp_set_class_names(net, 3, names), MLP_OK);
        mlp_real mean[6], scale[6];
        for (int i = 0; i < 6; i++) { mean[i] = (mlp_real)(i * 0.3); scale[i] = (mlp_real)(1.0 / (i + 3)); }
        assert_int_equal(mlp_set_input_scaling(net, mean, scale), MLP_OK);
        assert_int_equal(mlp_set_input_shape(net, 2, 3, 1), MLP_OK);
    }
    return net;
}

/* A 3-2-2 network with names, scaling and shape: small enough to flip
 * every bit of its file. */
static mlp_net *make_small(void)
{
    int sizes[] = { 3, 2, 2 };
    mlp_act acts[] = { MLP_RELU };
    mlp_net *net;
    assert_int_equal(mlp_new(&net, 2, sizes, acts, MLP_CE), MLP_OK);
    mlp_real *p = mlp_params(net);
    for (size_t i = 0; i < mlp_param_count(net); i++) p[i] = (mlp_real)(0.25 * (double)i - 1.0);
    const char *names[] = { "a", "b" };
    assert_int_equal(mlp_set_class_names(net, 2, names), MLP_OK);
    mlp_real mean[3] = { 1, 2, 3 }, scale[3] = { 4, 5, 6 };
    assert_int_equal(mlp_set_input_scaling(net, mean, scale), MLP_OK);
    assert_int_equal(mlp_set_input_shape(net, 1, 3, 1), MLP_OK);
    return net;
}

/* Saves make_small() to path; returns the file's bytes, their count in *n. */
static unsigned char *save_small(const char *path, size_t *n)
{
    mlp_net *net = make_small();
    assert_int_equal(mlp_save(net, path), MLP_OK);
    mlp_free(net);
    return fx_read(path, n);
}

static void assert_same_net(const mlp_net *a, const mlp_net *b)
{
    assert_int_equal(mlp_layers(a), mlp_layers(b));
    for (int i = 0; i <= mlp_layers(a); i++) assert_int_equal(mlp_width(a, i), mlp_width(b, i));
    for (int i = 0; i < mlp_layers(a) - 1; i++) assert_int_equal(mlp_activation(a, i), mlp_activation(b, i));
    assert_int_equal(mlp_loss_kind(a), mlp_loss_kind(b));
    assert_int_equal(mlp_param_count(a), mlp_param_count(b));
    assert_memory_equal(mlp_params_const(a), mlp_params_const(b), mlp_param_count(a) * sizeof(mlp_real));
    int out = mlp_width(a, mlp_layers(a));
    for (int k = 0; k < out; k++) {
        const char *na = mlp_class_name(a, k), *nb = mlp_class_name(b, k);
        if (!na) assert_null(nb);
        else { assert_non_null(nb); assert_string_equal(na, nb); }
    }
    const mlp_real *ma, *sa, *mb, *sb;
    mlp_input_scaling(a, &ma, &sa);
    mlp_input_scaling(b, &mb, &sb);
    size_t d = (size_t)mlp_width(a, 0);
    if (!ma) { assert_null(mb); assert_null(sb); }
    else {
        assert_non_null(mb);
        assert_memory_equal(ma, mb, d * sizeof(mlp_real));
        assert_memory_equal(sa, sb, d * sizeof(mlp_real));
    }
    int ha, wa, ca, hb, wb, cb;
    mlp_input_shape(a, &ha, &wa, &ca);
    mlp_input_shape(b, &hb, &wb, &cb);
    assert_int_equal(ha, hb);
    assert_int_equal(wa, wb);
    assert_int_equal(ca, cb);
}

/* ---- an independent writer, straight from docs/FORMAT.md ----------------- */

static void ob_u32(fx_bytes *o, uint32_t v) { unsigned char t[4]; wr32(t, v); fx_put(o, t, 4); }

static void ob_u64(fx_bytes *o, uint64_t v)
{
    unsigned char t[8];
    for (int i = 0; i < 8; i++) t[i] = (unsigned char)(v >> (8 * i));
    fx_put(o, t, 8);
}

static void ob_real(fx_bytes *o, unsigned size, double v)
{
    if (size == 4) {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, 4);
        ob_u32(o, u);
    } else {
        uint64_t u;
        memcpy(&u, &v, 8);
        ob_u64(o, u);
    }
}

typedef struct {
    int layers;
    const int *sizes;
    const uint32_t *acts;
    uint32_t loss, size;
    const char *const *names; /* NULL: none */
    int scaling;              /* mean i+1, scale 2 */
    uint32_t shape[3];
} craft_spec;

/* Weight i of a crafted file is (i - 5) / 4, exact in float and double. */
static fx_bytes craft(const craft_spec *c)
{
    fx_bytes o = { 0 };
    static const unsigned char magic[8] = { 0x89, 'M', 'L', 'P', 0x0D, 0x0A, 0x1A, 0x0A };
    int out = c->sizes[c->layers];
    uint64_t names_bytes = 0;
    if (c->names)
        for (int k = 0; k < out; k++) names_bytes += 1 + strlen(c->names[k]);
    fx_put(&o, magic, 8);
    ob_u32(&o, 1);
    ob_u32(&o, (c->names ? 1u : 0u) | (c->scaling ? 2u : 0u));
    ob_u32(&o, (uint32_t)c->layers);
    ob_u32(&o, c->loss);
    ob_u32(&o, c->size);
    for (int i = 0; i < 3; i++) ob_u32(&o, c->shape[i]);
    ob_u64(&o, names_bytes);
    assert_int_equal(o.len, 48);
    for (int i = 0; i <= c->layers; i++) ob_u32(&o, (uint32_t)c->sizes[i]);
    for (int i = 0; i < c->layers - 1; i++) ob_u32(&o, c->acts[i]);
    if (c->names)
        for (int k = 0; k < out; k++) {
            unsigned char n = (unsigned char)strlen(c->names[k]);
            fx_put(&o, &n, 1);
            fx_put(&o, c->names[k], n);
        }
    if (c->scaling) {
        for (int i = 0; i < c->sizes[0]; i++) ob_real(&o, c->size, i + 1);
        for (int i = 0; i < c->sizes[0]; i++) ob_real(&o, c->size, 2);
    }
    size_t np = 0;
    for (int l = 0; l < c->layers; l++) np += (size_t)c->sizes[l] * c->sizes[l + 1] + c->sizes[l + 1];
    for (size_t i = 0; i < np; i++) ob_real(&o, c->size, ((double)i - 5) / 4);
    ob_u32(&o, 0);
    fix_crc(o.b, o.len);
    return o;
}

/* 2-3-2, sigmoid, MSE, names "x" and "yz", scaling, shape 1x1x2. Offsets
 * in a 4-byte file: widths 48, act 60, names 64..68, mean 69, scale 77,
 * weights 85. */
static const int small_sizes[] = { 2, 3, 2 };
static const uint32_t small_acts[] = { MLP_SIGMOID };
static const char *const small_names[] = { "x", "yz" };

static craft_spec small_spec(unsigned size)
{
    craft_spec c = { 2, small_sizes, small_acts, MLP_MSE, size, small_names, 1, { 1, 1, 2 } };
    return c;
}

/* ---- metadata setters ---------------------------------------------------- */

static void test_class_names(void **state)
{
    (void)state;
    mlp_net *net = make_net(0);
    assert_null(mlp_class_name(net, 0));
    const char *good[] = { "zero", "one", "two" };
    assert_int_equal(mlp_set_class_names(net, 2, good), MLP_EUSAGE);
    assert_int_equal(mlp_set_class_names(net, 4, good), MLP_EUSAGE);
    assert_null(mlp_class_name(net, 0));

    char buf[3][16];
    const char *names[3];
    for (int i = 0; i < 3; i++) { snprintf(buf[i], sizeof buf[i], "c%d", i); names[i] = buf[i]; }
    assert_int_equal(mlp_set_class_names(net, 3, names), MLP_OK);
    buf[0][0] = 'X'; /* the net holds copies */
    assert_string_equal(mlp_class_name(net, 0), "c0");
    assert_string_equal(mlp_class_name(net, 2), "c2");
    assert_null(mlp_class_name(net, 3));
    assert_null(mlp_class_name(net, -1));

    /* Bad names are refused and leave the old ones in place. */
    const char *empty[] = { "a", "", "c" };
    assert_int_equal(mlp_set_class_names(net, 3, empty), MLP_EUSAGE);
    const char *ctrl[] = { "a", "b\tc", "d" };
    assert_int_equal(mlp_set_class_names(net, 3, ctrl), MLP_EUSAGE);
    const char *del[] = { "a", "b\x7f", "d" };
    assert_int_equal(mlp_set_class_names(net, 3, del), MLP_EUSAGE);
    const char *nul[] = { "a", NULL, "d" };
    assert_int_equal(mlp_set_class_names(net, 3, nul), MLP_EUSAGE);
    char longname[300];
    memset(longname, 'n', 256);
    longname[256] = '\0';
    const char *too_long[] = { "a", longname, "d" };
    assert_int_equal(mlp_set_class_names(net, 3, too_long), MLP_EUSAGE);
    assert_string_equal(mlp_class_name(net, 1), "c1");
    longname[255] = '\0';
    assert_int_equal(mlp_set_class_names(net, 3, too_long), MLP_OK);
    assert_int_equal(strlen(mlp_class_name(net, 1)), 255);

    /* Setting a net's names from its own names works. */
    const char *own[] = { mlp_class_name(net, 0), mlp_class_name(net, 1), mlp_class_name(net, 2) };
    assert_int_equal(mlp_set_class_names(net, 3, own), MLP_OK);
    assert_string_equal(mlp_class_name(net, 0), "a");

    assert_int_equal(mlp_set_class_names(net, 0, NULL), MLP_OK);
    assert_null(mlp_class_name(net, 0));
    mlp_free(net);
}

static void test_input_scaling(void **state)
{
    (void)state;
    mlp_net *net = make_net(0);
    const mlp_real *m, *s;
    mlp_input_scaling(net, &m, &s);
    assert_null(m);
    assert_null(s);
    mlp_real mean[6] = { 0, 1, 2, 3, 4, 5 }, scale[6] = { 1, 2, 3, 4, 5, -6 };
    assert_int_equal(mlp_set_input_scaling(net, mean, NULL), MLP_EUSAGE);
    assert_int_equal(mlp_set_input_scaling(net, NULL, scale), MLP_EUSAGE);
    assert_int_equal(mlp_set_input_scaling(net, mean, scale), MLP_OK);
    mean[0] = 99; /* copied */
    mlp_input_scaling(net, &m, &s);
    assert_non_null(m);
    assert_true(m[0] == 0 && m[5] == 5 && s[5] == -6);

    mlp_real bad[6] = { 1, 1, 0, 1, 1, 1 };
    assert_int_equal(mlp_set_input_scaling(net, mean, bad), MLP_EUSAGE);
    bad[2] = (mlp_real)INFINITY;
    assert_int_equal(mlp_set_input_scaling(net, mean, bad), MLP_EUSAGE);
    bad[2] = (mlp_real)NAN;
    assert_int_equal(mlp_set_input_scaling(net, mean, bad), MLP_EUSAGE);
    mlp_real badmean[6] = { 0, 0, 0, (mlp_real)NAN, 0, 0 };
    assert_int_equal(mlp_set_input_scaling(net, badmean, scale), MLP_EUSAGE);
    mlp_input_scaling(net, &m, &s);
    assert_true(m[0] == 0 && s[1] == 2); /* unchanged */

    assert_int_equal(mlp_set_input_scaling(net, NULL, NULL), MLP_OK);
    mlp_input_scaling(net, &m, &s);
    assert_null(m);
    assert_null(s);
    mlp_free(net);
}

static void test_input_shape(void **state)
{
    (void)state;
    mlp_net *net = make_net(0); /* input width 6 */
    int h, w, c;
    mlp_input_shape(net, &h, &w, &c);
    assert_true(h == 0 && w == 0 && c == 0);
    assert_int_equal(mlp_set_input_shape(net, 2, 3, 1), MLP_OK);
    mlp_input_shape(net, &h, &w, &c);
    assert_true(h == 2 && w == 3 && c == 1);
    assert_int_equal(mlp_set_input_shape(net, 1, 2, 3), MLP_OK);
    assert_int_equal(mlp_set_input_shape(net, 2, 2, 2), MLP_EUSAGE);
    assert_int_equal(mlp_set_input_shape(net, 6, 1, 0), MLP_EUSAGE);
    assert_int_equal(mlp_set_input_shape(net, -2, -3, 1), MLP_EUSAGE);
    assert_int_equal(mlp_set_input_shape(net, 65536, 65536, 65536), MLP_EUSAGE);
    mlp_input_shape(net, &h, &w, &c);
    assert_true(h == 1 && w == 2 && c == 3);
    assert_int_equal(mlp_set_input_shape(net, 0, 0, 0), MLP_OK);
    mlp_input_shape(net, &h, &w, &c);
    assert_true(h == 0 && w == 0 && c == 0);
    mlp_free(net);
}

static void test_clone_keeps_metadata(void **state)
{
    (void)state;
    mlp_net *net = make_net(1), *c;
    assert_int_equal(mlp_clone(&c, net), MLP_OK);
    assert_same_net(net, c);
    mlp_free(c);
    mlp_free(net);
}

/* ---- saving and loading -------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    const char *p = fx_path("rt.mlp");
    for (int meta = 0; meta <= 1; meta++) {
        mlp_net *net = make_net(meta), *back = NULL;
        assert_int_equal(mlp_save(net, p), MLP_OK);
        assert_int_equal(mlp_load(&back, p), MLP_OK);
        assert_non_null(back);
        assert_same_net(net, back);
        if (meta) {
            assert_string_equal(mlp_class_name(back, 2), "bird \xc3\xbc");
            int h, w, c;
            mlp_input_shape(back, &h, &w, &c);
            assert_true(h == 2 && w == 3 && c == 1);
        } else {
            assert_null(mlp_class_name(back, 0));
        }
        mlp_free(back);
        mlp_free(net);
    }

    /* One layer, MSE, every activation in a deep net. */
    int sizes1[] = { 4, 1 };
    mlp_net *one, *back;
    assert_int_equal(mlp_new(&one, 1, sizes1, NULL, MLP_MSE), MLP_OK);
    mlp_params(one)[3] = (mlp_real)-2.5;
    p = fx_path("one.mlp");
    assert_int_equal(mlp_save(one, p), MLP_OK);
    assert_int_equal(mlp_load(&back, p), MLP_OK);
    assert_same_net(one, back);
    mlp_free(back);
    mlp_free(one);

    int sizes7[] = { 3, 4, 5, 4, 3, 4, 5, 2 };
    mlp_act acts[] = { MLP_SIGMOID, MLP_TANH, MLP_RELU, MLP_LEAKY_RELU, MLP_IDENTITY, MLP_STEP };
    mlp_net *deep;
    assert_int_equal(mlp_new(&deep, 7, sizes7, acts, MLP_MSE), MLP_OK);
    for (size_t i = 0; i < mlp_param_count(deep); i++) mlp_params(deep)[i] = (mlp_real)sin((double)i);
    p = fx_path("deep.mlp");
    assert_int_equal(mlp_save(deep, p), MLP_OK);
    assert_int_equal(mlp_load(&back, p), MLP_OK);
    assert_same_net(deep, back);
    for (int i = 0; i < 6; i++) assert_int_equal(mlp_activation(back, i), acts[i]);
    mlp_free(back);
    mlp_free(deep);
}

static void test_deterministic_bytes(void **state)
{
    (void)state;
    const char *p1 = fx_path("a.mlp"), *p2 = fx_path("b.mlp"), *p3 = fx_path("c.mlp");
    mlp_net *net = make_net(1), *back;
    assert_int_equal(mlp_save(net, p1), MLP_OK);
    assert_int_equal(mlp_save(net, p2), MLP_OK);
    assert_int_equal(mlp_load(&back, p1), MLP_OK);
    assert_int_equal(mlp_save(back, p3), MLP_OK);
    size_t n1, n2, n3;
    unsigned char *b1 = fx_read(p1, &n1), *b2 = fx_read(p2, &n2), *b3 = fx_read(p3, &n3);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, n3);
    assert_memory_equal(b1, b2, n1);
    assert_memory_equal(b1, b3, n1);
    /* Header: magic, version 1, scalar size of this build. */
    assert_memory_equal(b1, "\x89MLP\r\n\x1a\n", 8);
    assert_int_equal(rd32(b1 + 8), 1);
    assert_int_equal(rd32(b1 + 24), sizeof(mlp_real));
    free(b1);
    free(b2);
    free(b3);
    mlp_free(back);
    mlp_free(net);
}

static void test_overwrite(void **state)
{
    (void)state;
    const char *p = fx_path("over.mlp");
    mlp_net *a = make_net(1), *b = make_small(), *back;
    assert_int_equal(mlp_save(a, p), MLP_OK);
    assert_int_equal(mlp_save(b, p), MLP_OK);
    assert_int_equal(mlp_load(&back, p), MLP_OK);
    assert_same_net(b, back);
    assert_int_equal(temp_files_in(fx_dir()), 0);
    mlp_free(back);
    mlp_free(a);
    mlp_free(b);
}

static void test_failed_save(void **state)
{
    (void)state;
    const char *p = fx_path("keep.mlp");
    mlp_net *net = make_net(1), *big;
    assert_int_equal(mlp_save(net, p), MLP_OK);
    size_t n0;
    unsigned char *before = fx_read(p, &n0);

    /* A folder that does not exist. */
    assert_int_equal(mlp_save(net, fx_path("no/such/dir/m.mlp")), MLP_ECANTCREAT);
    assert_true(strstr(mlp_errmsg(), "no/such/dir/m.mlp") != NULL);
    assert_int_equal(access(fx_path("no"), F_OK), -1);

    /* A path whose parent is a file. */
    assert_int_equal(mlp_save(net, fx_path("keep.mlp/m.mlp")), MLP_ECANTCREAT);

    /* The target is a folder: the rename fails, the folder stays as it was. */
    const char *sub = fx_path("adir");
    assert_int_equal(mkdir(sub, 0755), 0);
    const char *inside = fx_write("adir/inside", "x", 1);
    assert_int_not_equal(mlp_save(net, sub), MLP_OK);
    assert_int_equal(access(inside, F_OK), 0);
    assert_int_equal(temp_files_in(fx_dir()), 0);

    /* A network that cannot be saved leaves the old file alone. */
    mlp_net *nan = make_net(0);
    mlp_params(nan)[7] = (mlp_real)NAN;
    assert_int_equal(mlp_save(nan, p), MLP_EUSAGE);
    mlp_params(nan)[7] = (mlp_real)INFINITY;
    assert_int_equal(mlp_save(nan, p), MLP_EUSAGE);
    mlp_free(nan);

    /* A write that fails half way (file size limit): EIO or ECANTCREAT,
     * the old file intact and no temporary file left. */
    int sizes[] = { 64, 64, 10 };
    mlp_act acts[] = { MLP_RELU };
    assert_int_equal(mlp_new(&big, 2, sizes, acts, MLP_CE), MLP_OK);
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    lim = old;
    lim.rlim_cur = 4096;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    mlp_status s = mlp_save(big, p);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    assert_int_equal(s, MLP_EIO);
    assert_true(strstr(mlp_errmsg(), "keep.mlp") != NULL);
    mlp_free(big);

    size_t n1;
    unsigned char *after = fx_read(p, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    assert_int_equal(temp_files_in(fx_dir()), 0);
    mlp_net *back;
    assert_int_equal(mlp_load(&back, p), MLP_OK);
    assert_same_net(net, back);
    mlp_free(back);
    free(before);
    free(after);
    mlp_free(net);
}

static void test_every_bit_flip(void **state)
{
    (void)state;
    size_t n;
    unsigned char *good = save_small(fx_path("small.mlp"), &n);
    unsigned char *bad = malloc(n);
    assert_non_null(bad);
    const char *q = fx_path("flipped.mlp");
    for (size_t bit = 0; bit < 8 * n; bit++) {
        memcpy(bad, good, n);
        bad[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        fx_write_to(q, bad, n);
        expect_edata(q, "bit %zu flipped", bit);
    }
    free(bad);
    free(good);
}

static void test_every_truncation(void **state)
{
    (void)state;
    size_t n;
    unsigned char *good = save_small(fx_path("small.mlp"), &n);
    const char *q = fx_path("cut.mlp");
    for (size_t len = 0; len < n; len++) {
        fx_write_to(q, good, len);
        expect_edata(q, "cut to %zu bytes", len);
    }
    fx_write_to(q, good, 0);
    expect_load_fails(q, MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "empty"));

    /* Trailing bytes, with or without a matching CRC. */
    unsigned char *longer = malloc(n + 1);
    assert_non_null(longer);
    memcpy(longer, good, n);
    longer[n] = 0;
    fx_write_to(q, longer, n + 1);
    expect_load_fails(q, MLP_EDATA);
    fix_crc(longer, n + 1);
    fx_write_to(q, longer, n + 1);
    expect_load_fails(q, MLP_EDATA);
    free(longer);
    free(good);
}

static void test_newer_version(void **state)
{
    (void)state;
    char msg[1024];
    const char *p = fx_path("v.mlp");
    size_t n;
    unsigned char *b = save_small(p, &n);
    wr32(b + 8, 2);
    fix_crc(b, n);
    fx_write_to(p, b, n);
    expect_load_fails(p, MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "newer"));

    wr32(b + 8, 7);
    fix_crc(b, n);
    fx_write_to(p, b, n);
    expect_load_fails(p, MLP_EDATA);
    snprintf(msg, sizeof msg, "%s: model format version 7 is newer than this mlp understands (1); upgrade mlp", p);
    assert_string_equal(mlp_errmsg(), msg);

    /* A newer file need not follow version 1's layout at all. */
    fx_write_to(p, b, 12);
    expect_load_fails(p, MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "newer"));

    wr32(b + 8, 0);
    fix_crc(b, n);
    fx_write_to(p, b, n);
    expect_load_fails(p, MLP_EDATA);
    free(b);
}

static void test_missing_and_directory(void **state)
{
    (void)state;
    expect_load_fails(fx_path("does-not-exist.mlp"), MLP_ENOINPUT);
    const char *p = fx_path("dir.mlp");
    assert_int_equal(mkdir(p, 0755), 0);
    expect_load_fails(p, MLP_ENOINPUT);
    expect_load_fails(fx_dir(), MLP_ENOINPUT);
    /* Not regular files: refused, and a FIFO without a writer does not hang. */
    p = fx_path("fifo.mlp");
    assert_int_equal(mkfifo(p, 0600), 0);
    expect_load_fails(p, MLP_ENOINPUT);
    expect_load_fails("/dev/null", MLP_ENOINPUT);
    p = fx_write("text.mlp", "hello world, this is not a model at all\n", 40);
    expect_load_fails(p, MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "magic"));
}

/* Files written from docs/FORMAT.md alone, in both scalar sizes. */
static void test_crafted_files(void **state)
{
    (void)state;
    const char *p = fx_path("crafted.mlp");
    for (unsigned size = 4; size <= 8; size += 4) {
        craft_spec c = small_spec(size);
        fx_bytes o = craft(&c);
        fx_write_to(p, o.b, o.len);
        mlp_net *net;
        assert_int_equal(mlp_load(&net, p), MLP_OK);
        assert_int_equal(mlp_layers(net), 2);
        assert_int_equal(mlp_width(net, 1), 3);
        assert_int_equal(mlp_activation(net, 0), MLP_SIGMOID);
        assert_int_equal(mlp_loss_kind(net), MLP_MSE);
        assert_string_equal(mlp_class_name(net, 1), "yz");
        const mlp_real *m, *s;
        mlp_input_scaling(net, &m, &s);
        assert_true(m[0] == 1 && m[1] == 2 && s[0] == 2 && s[1] == 2);
        int h, w, ch;
        mlp_input_shape(net, &h, &w, &ch);
        assert_true(h == 1 && w == 1 && ch == 2);
        for (size_t i = 0; i < mlp_param_count(net); i++)
            assert_true(mlp_params(net)[i] == (mlp_real)(((double)i - 5) / 4));
        /* Saved again in this build's scalar size, it reads back the same. */
        mlp_net *back;
        assert_int_equal(mlp_save(net, p), MLP_OK);
        assert_int_equal(mlp_load(&back, p), MLP_OK);
        assert_same_net(net, back);
        mlp_free(back);
        mlp_free(net);
        free(o.b);
    }

    /* A float64 weight that float cannot hold: refused in a float build. */
    {
        craft_spec c = small_spec(8);
        fx_bytes o = craft(&c);
        double big = 1e300;
        uint64_t u;
        memcpy(&u, &big, 8);
        size_t at = 48 + 16 + 5 + 2 * 8 * 2; /* first weight */
        for (int i = 0; i < 8; i++) o.b[at + (size_t)i] = (unsigned char)(u >> (8 * i));
        fix_crc(o.b, o.len);
        fx_write_to(p, o.b, o.len);
        mlp_net *net = NULL;
        mlp_status s = mlp_load(&net, p);
        if (mlp_is_double()) {
            assert_int_equal(s, MLP_OK);
            assert_true(mlp_params(net)[0] == 1e300);
            mlp_free(net);
        } else {
            assert_int_equal(s, MLP_EDATA);
            assert_null(net);
        }
        free(o.b);
    }

    /* Well-formed files (CRC right) with one bad field each. */
    struct { size_t off; uint32_t value; const char *why; } patch[] = {
        { 12, 4, "unknown flag" },
        { 12, 0, "names flag clear, names present" },
        { 16, 0, "no layers" },
        { 16, 33, "too many layers" },
        { 20, 2, "unknown loss" },
        { 24, 2, "scalar size 2" },
        { 28, 2, "shape does not match" },
        { 40, 4, "names block too short" },
        { 44, 1, "names length above 2^32" },
        { 48, 0, "input width 0" },
        { 52, (1u << 24) + 1, "hidden width too large" },
        { 60, 6, "activation code 6" },
        { 60, 0xffffffffu, "activation code -1" },
    };
    for (size_t i = 0; i < sizeof patch / sizeof patch[0]; i++) {
        craft_spec c = small_spec(4);
        fx_bytes o = craft(&c);
        wr32(o.b + patch[i].off, patch[i].value);
        fix_crc(o.b, o.len);
        fx_write_to(p, o.b, o.len);
        expect_edata(p, "%s", patch[i].why);
        free(o.b);
    }

    /* Single bytes: names and values. */
    struct { size_t off; unsigned char value; const char *why; } bytes[] = {
        { 64, 0, "empty class name" },
        { 64, 2, "name runs into the next" },
        { 66, 3, "name runs past the block" },
        { 65, '\n', "control character in a name" },
        { 67, 0x7f, "DEL in a name" },
        { 80, 0, "zero scale" },     /* scale[0] = 2.0f is 00 00 00 40 */
        { 88, 0x7f, "NaN weight" },  /* weight 0 = -1.25f is 00 00 a0 bf; make it 7f..: NaN */
    };
    for (size_t i = 0; i < sizeof bytes / sizeof bytes[0]; i++) {
        craft_spec c = small_spec(4);
        fx_bytes o = craft(&c);
        o.b[bytes[i].off] = bytes[i].value;
        if (bytes[i].off == 88) o.b[87] = 0xc0; /* 7f c0 00 00: quiet NaN */
        fix_crc(o.b, o.len);
        fx_write_to(p, o.b, o.len);
        expect_edata(p, "%s", bytes[i].why);
        free(o.b);
    }

    /* Infinite weight, infinite mean. */
    for (int which = 0; which < 2; which++) {
        craft_spec c = small_spec(4);
        fx_bytes o = craft(&c);
        size_t at = which ? 85 : 69;
        wr32(o.b + at, 0x7f800000u);
        fix_crc(o.b, o.len);
        fx_write_to(p, o.b, o.len);
        expect_load_fails(p, MLP_EDATA);
        assert_non_null(strstr(mlp_errmsg(), "not finite"));
        free(o.b);
    }

    /* Cross-entropy with one output cannot be built. */
    {
        static const int sizes[] = { 2, 1 };
        craft_spec c = { 1, sizes, NULL, MLP_CE, 4, NULL, 0, { 0, 0, 0 } };
        fx_bytes o = craft(&c);
        fx_write_to(p, o.b, o.len);
        expect_load_fails(p, MLP_EDATA);
        free(o.b);
        c.loss = MLP_MSE;
        o = craft(&c);
        fx_write_to(p, o.b, o.len);
        mlp_net *net;
        assert_int_equal(mlp_load(&net, p), MLP_OK);
        mlp_free(net);
        free(o.b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_names),
        cmocka_unit_test(test_input_scaling),
        cmocka_unit_test(test_input_shape),
        cmocka_unit_test(test_clone_keeps_metadata),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_deterministic_bytes),
        cmocka_unit_test(test_overwrite),
        cmocka_unit_test(test_failed_save),
        cmocka_unit_test(test_every_bit_flip),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_newer_version),
        cmocka_unit_test(test_missing_and_directory),
        cmocka_unit_test(test_crafted_files),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

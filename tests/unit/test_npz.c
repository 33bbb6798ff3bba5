/* test_npz.c - NumPy .npz export and import: round trips, determinism,
 * files numpy could have written (float64, Fortran order, big-endian, NPY
 * versions 2.0 and 3.0, deflated members) and hostile files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mlp.h"
#include "support/fixture.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* ---- building .npy members and .npz archives by hand ---------------------- */

typedef struct {
    unsigned char *b;
    size_t n;
} blob;

/* A .npy member: version major (1, 2 or 3), header dict from descr,
 * fortran and shape (a Python tuple literal), padded to 64 bytes, then data. */
static blob npy(int major, const char *descr, int fortran, const char *shape,
                const void *data, size_t len)
{
    char dict[256];
    int n = snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }",
                     descr, fortran ? "True" : "False", shape);
    size_t pre = major == 1 ? 10 : 12;
    size_t hlen = (size_t)n + 1;
    while ((pre + hlen) % 64) hlen++;
    blob r = { malloc(pre + hlen + len), pre + hlen + len };
    assert_non_null(r.b);
    memcpy(r.b, "\x93NUMPY", 6);
    r.b[6] = (unsigned char)major;
    r.b[7] = 0;
    r.b[8] = (unsigned char)(hlen & 0xff);
    r.b[9] = (unsigned char)(hlen >> 8);
    if (major != 1) r.b[10] = r.b[11] = 0;
    memset(r.b + pre, ' ', hlen);
    memcpy(r.b + pre, dict, (size_t)n);
    r.b[pre + hlen - 1] = '\n';
    if (len) memcpy(r.b + pre + hlen, data, len);
    return r;
}

static blob npy_f4(const char *shape, const float *v, size_t count)
{
    return npy(1, "<f4", 0, shape, v, count * sizeof *v); /* the test host is little-endian */
}

/* Writes an archive of n members (freeing their blobs); deflate: compress. */
static void write_npz(const char *path, int n, const char *const *names, blob *m, int deflate)
{
    int err;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (int i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, m[i].b, m[i].n, 1);
        assert_non_null(s);
        zip_int64_t idx = zip_file_add(za, names[i], s, 0);
        assert_true(idx >= 0);
        assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
                                                  deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0), 0);
    }
    assert_int_equal(zip_close(za), 0);
}

/* W1 (2, 3), b1 (2,), W2 (2, 2), b2 (2,) as floats, for the hostile tests. */
static const float W1v[6] = { 1, 2, 3, 4, 5, 6 }, b1v[2] = { .5f, -.5f };
static const float W2v[4] = { 1, -1, .25f, 2 }, b2v[2] = { 0, 1 };

static void write_small(const char *path, blob w1, blob b1, blob w2, blob b2)
{
    const char *names[] = { "W1.npy", "b1.npy", "W2.npy", "b2.npy" };
    blob m[] = { w1, b1, w2, b2 };
    write_npz(path, 4, names, m, 0);
}

enum { W1, B1, W2, B2 };

/* The small network with member k (W1, B1, W2 or B2) replaced by bad and
 * the other three well-formed: W1 (2, 3), b1 (2,), W2 (2, 2), b2 (2,). */
static void write_small_but(const char *path, int k, blob bad)
{
    write_small(path, k == W1 ? bad : npy_f4("(2, 3)", W1v, 6), k == B1 ? bad : npy_f4("(2,)", b1v, 2),
                k == W2 ? bad : npy_f4("(2, 2)", W2v, 4), k == B2 ? bad : npy_f4("(2,)", b2v, 2));
}

static void expect_fail(const char *path, mlp_status want, const char *needle)
{
    mlp_net *net = (mlp_net *)1;
    mlp_act a = MLP_RELU;
    mlp_status s = mlp_import_npz(&net, path, &a, 1, MLP_CE);
    if (s != want || !strstr(mlp_errmsg(), path) || (needle && !strstr(mlp_errmsg(), needle)))
        print_error("status %d (want %d), message: %s\n", (int)s, (int)want, mlp_errmsg());
    if (getenv("TEST_NPZ_VERBOSE")) print_message("# %d %s\n", (int)s, mlp_errmsg());
    assert_int_equal(s, want);
    assert_null(net);
    assert_non_null(strstr(mlp_errmsg(), path));
    if (needle) assert_non_null(strstr(mlp_errmsg(), needle));
    assert_null(strchr(mlp_errmsg(), '\n'));
}

/* ---- a network with awkward values: exact in float, so both builds round-trip */

static mlp_net *make_net(int n_layers, const int *sizes, const mlp_act *acts, mlp_loss loss)
{
    mlp_net *net;
    assert_int_equal(mlp_new(&net, n_layers, sizes, acts, loss), MLP_OK);
    mlp_real *p = mlp_params(net);
    size_t n = mlp_param_count(net);
    for (size_t i = 0; i < n; i++) p[i] = (float)(sin((double)i * 1.7 + .3) * pow(10.0, (double)(i % 7) - 3));
    p[0] = -0.0f;
    if (n > 3) { p[1] = FLT_MIN / 8; p[2] = FLT_MAX; p[3] = -FLT_MAX; }
    return net;
}

static void assert_same_net(const mlp_net *a, const mlp_net *b)
{
    assert_int_equal(mlp_layers(a), mlp_layers(b));
    for (int i = 0; i <= mlp_layers(a); i++) assert_int_equal(mlp_width(a, i), mlp_width(b, i));
    assert_int_equal(mlp_param_count(a), mlp_param_count(b));
    assert_memory_equal(mlp_params_const(a), mlp_params_const(b), mlp_param_count(a) * sizeof(mlp_real));
}

/* ---- tests ---------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    int sizes[] = { 5, 7, 4, 3 };
    mlp_act acts[] = { MLP_TANH, MLP_RELU };
    mlp_net *net = make_net(3, sizes, acts, MLP_MSE), *back = NULL;
    const char *p = fx_path("rt.npz");
    assert_int_equal(mlp_export_npz(net, p), MLP_OK);

    assert_int_equal(mlp_import_npz(&back, p, acts, 2, MLP_MSE), MLP_OK);
    assert_same_net(net, back);
    assert_int_equal(mlp_activation(back, 0), MLP_TANH);
    assert_int_equal(mlp_activation(back, 1), MLP_RELU);
    assert_int_equal(mlp_loss_kind(back), MLP_MSE);
    mlp_free(back);

    /* one activation for every hidden layer */
    mlp_act one = MLP_SIGMOID;
    assert_int_equal(mlp_import_npz(&back, p, &one, 1, MLP_CE), MLP_OK);
    assert_same_net(net, back);
    assert_int_equal(mlp_activation(back, 0), MLP_SIGMOID);
    assert_int_equal(mlp_activation(back, 1), MLP_SIGMOID);
    assert_int_equal(mlp_loss_kind(back), MLP_CE);
    mlp_free(back);

    /* three activations for two hidden layers */
    mlp_act three[] = { MLP_TANH, MLP_TANH, MLP_TANH };
    back = (mlp_net *)1;
    assert_int_equal(mlp_import_npz(&back, p, three, 3, MLP_CE), MLP_EUSAGE);
    assert_null(back);
    assert_non_null(strstr(mlp_errmsg(), p));
    assert_non_null(strstr(mlp_errmsg(), "2 hidden layers"));
    assert_int_equal(mlp_import_npz(&back, p, NULL, 0, MLP_CE), MLP_EUSAGE);
    mlp_free(net);
}

static void test_single_layer(void **state)
{
    (void)state;
    int sizes[] = { 4, 3 };
    mlp_net *net = make_net(1, sizes, NULL, MLP_CE), *back = NULL;
    const char *p = fx_path("one.npz");
    assert_int_equal(mlp_export_npz(net, p), MLP_OK);
    assert_int_equal(mlp_import_npz(&back, p, NULL, 0, MLP_CE), MLP_OK);
    assert_same_net(net, back);
    mlp_free(back);
    mlp_free(net);
}

static void test_export_layout(void **state)
{
    (void)state;
    int sizes[] = { 2, 3, 2 };
    mlp_act acts[] = { MLP_RELU };
    mlp_net *net = make_net(2, sizes, acts, MLP_CE);
    const char *p = fx_path("layout.npz");
    assert_int_equal(mlp_export_npz(net, p), MLP_OK);

    int err;
    zip_t *za = zip_open(p, ZIP_RDONLY, &err);
    assert_non_null(za);
    assert_int_equal(zip_get_num_entries(za, 0), 4);
    const char *names[] = { "W1.npy", "b1.npy", "W2.npy", "b2.npy" };
    for (int i = 0; i < 4; i++) assert_string_equal(zip_get_name(za, (zip_uint64_t)i, 0), names[i]);

    zip_stat_t st;
    assert_int_equal(zip_stat(za, "W1.npy", 0, &st), 0);
    assert_int_equal(st.comp_method, ZIP_CM_STORE);
    assert_int_equal(st.size, 128 + 3 * 2 * 4);
    unsigned char buf[256];
    zip_file_t *zf = zip_fopen(za, "W1.npy", 0);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_discard(za);

    assert_memory_equal(buf, "\x93NUMPY\x01\x00\x76\x00", 10); /* version 1.0, header 118 bytes */
    const char *dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }";
    assert_memory_equal(buf + 10, dict, strlen(dict));
    for (size_t i = 10 + strlen(dict); i < 127; i++) assert_int_equal(buf[i], ' ');
    assert_int_equal(buf[127], '\n');
    /* W1 row-major (out x in): element (r, c) at r * 2 + c */
    const mlp_real *w = mlp_params_const(net) + mlp_weight_offset(net, 0);
    for (int i = 0; i < 6; i++) {
        float f;
        memcpy(&f, buf + 128 + 4 * i, 4);
        assert_memory_equal(&f, &(float){ (float)w[i] }, 4);
    }
    mlp_free(net);
}

static void test_deterministic(void **state)
{
    (void)state;
    int sizes[] = { 6, 5, 3 };
    mlp_act acts[] = { MLP_TANH };
    mlp_net *net = make_net(2, sizes, acts, MLP_CE);
    const char *a = fx_path("a.npz"), *b = fx_path("b.npz");
    assert_int_equal(mlp_export_npz(net, a), MLP_OK);
    sleep(2); /* zip times have 2-second resolution: a clock leak would show */
    assert_int_equal(mlp_export_npz(net, b), MLP_OK);
    size_t na, nb;
    unsigned char *ba = fx_read(a, &na), *bb = fx_read(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(ba, bb, na);
    assert_memory_equal(ba, "PK\x03\x04", 4);
    free(ba);
    free(bb);
    /* overwriting an existing file replaces it whole */
    assert_int_equal(mlp_export_npz(net, a), MLP_OK);
    ba = fx_read(a, &na);
    assert_int_equal(na, nb);
    free(ba);
    mlp_free(net);
}

static void test_export_unwritable(void **state)
{
    (void)state;
    int sizes[] = { 2, 2 };
    mlp_net *net = make_net(1, sizes, NULL, MLP_CE);
    const char *p = fx_path("no-such-dir/x.npz");
    assert_int_equal(mlp_export_npz(net, p), MLP_ECANTCREAT);
    assert_non_null(strstr(mlp_errmsg(), p));
    mlp_free(net);
}

static void test_float64_versions_deflated(void **state)
{
    (void)state;
    const double w1[6] = { 0.1, -0.2, 0.3, 1e-3, 2.5, -7.0 }, b1[2] = { 0.7, -1e-7 };
    const double w2[4] = { 1.0 / 3, 2, -3, 4 }, b2[2] = { 5, 6 };
    const char *names[] = { "W1.npy", "b1.npy", "W2.npy", "b2.npy" };
    blob m[] = { npy(1, "<f8", 0, "(2, 3)", w1, sizeof w1), npy(2, "<f8", 0, "(2,)", b1, sizeof b1),
                 npy(3, "<f8", 0, "(2, 2)", w2, sizeof w2), npy(2, "<f8", 0, "(2,)", b2, sizeof b2) };
    const char *p = fx_path("f64.npz");
    write_npz(p, 4, names, m, 1);
    mlp_net *net;
    mlp_act a = MLP_TANH;
    assert_int_equal(mlp_import_npz(&net, p, &a, 1, MLP_CE), MLP_OK);
    assert_int_equal(mlp_layers(net), 2);
    assert_int_equal(mlp_width(net, 0), 3);
    assert_int_equal(mlp_width(net, 1), 2);
    assert_int_equal(mlp_width(net, 2), 2);
    const mlp_real *q = mlp_params_const(net);
    for (int i = 0; i < 6; i++) assert_true(q[mlp_weight_offset(net, 0) + (size_t)i] == (mlp_real)w1[i]);
    for (int i = 0; i < 2; i++) assert_true(q[mlp_bias_offset(net, 0) + (size_t)i] == (mlp_real)b1[i]);
    for (int i = 0; i < 4; i++) assert_true(q[mlp_weight_offset(net, 1) + (size_t)i] == (mlp_real)w2[i]);
    for (int i = 0; i < 2; i++) assert_true(q[mlp_bias_offset(net, 1) + (size_t)i] == (mlp_real)b2[i]);
    mlp_free(net);
}

static void test_fortran_order(void **state)
{
    (void)state;
    /* W1 is [[1, 2, 3], [4, 5, 6]]; Fortran order stores it by columns. */
    const float w1f[6] = { 1, 4, 2, 5, 3, 6 };
    const char *p = fx_path("fortran.npz");
    write_small(p, npy(1, "<f4", 1, "(2, 3)", w1f, sizeof w1f), npy_f4("(2,)", b1v, 2),
                npy(1, "<f4", 1, "(2, 2)", (float[]){ 1, .25f, -1, 2 }, 16), npy_f4("(2,)", b2v, 2));
    mlp_net *net;
    mlp_act a = MLP_RELU;
    assert_int_equal(mlp_import_npz(&net, p, &a, 1, MLP_CE), MLP_OK);
    const mlp_real *q = mlp_params_const(net);
    for (int i = 0; i < 6; i++) assert_true(q[mlp_weight_offset(net, 0) + (size_t)i] == W1v[i]);
    for (int i = 0; i < 4; i++) assert_true(q[mlp_weight_offset(net, 1) + (size_t)i] == W2v[i]);
    for (int i = 0; i < 2; i++) assert_true(q[mlp_bias_offset(net, 1) + (size_t)i] == b2v[i]);
    mlp_free(net);
}

static void test_big_endian(void **state)
{
    (void)state;
    unsigned char be[6 * 4];
    for (int i = 0; i < 6; i++) {
        uint32_t u;
        memcpy(&u, &W1v[i], 4);
        for (int k = 0; k < 4; k++) be[4 * i + k] = (unsigned char)(u >> (24 - 8 * k));
    }
    const char *p = fx_path("be.npz");
    write_small_but(p, W1, npy(1, ">f4", 0, "(2, 3)", be, sizeof be));
    mlp_net *net;
    mlp_act a = MLP_RELU;
    assert_int_equal(mlp_import_npz(&net, p, &a, 1, MLP_CE), MLP_OK);
    const mlp_real *q = mlp_params_const(net);
    for (int i = 0; i < 6; i++) assert_true(q[mlp_weight_offset(net, 0) + (size_t)i] == W1v[i]);
    mlp_free(net);
}

/* ---- hostile files ---------------------------------------------------------- */

static void test_missing_file(void **state)
{
    (void)state;
    expect_fail(fx_path("does-not-exist.npz"), MLP_ENOINPUT, NULL);
    expect_fail(fx_dir(), MLP_ENOINPUT, "directory");
}

static void test_empty_file(void **state)
{
    (void)state;
    const char *p = fx_write("empty.npz", "", 0);
    expect_fail(p, MLP_EDATA, "empty");
}

static void test_random_bytes(void **state)
{
    (void)state;
    unsigned char junk[4096];
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < sizeof junk; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        junk[i] = (unsigned char)x;
    }
    const char *p = fx_write("random.npz", junk, sizeof junk);
    expect_fail(p, MLP_EDATA, "zip");
}

static void test_no_w1(void **state)
{
    (void)state;
    const char *p = fx_path("now1.npz");
    const char *names[] = { "weights.npy", "b1.npy" };
    blob m[] = { npy_f4("(2, 3)", W1v, 6), npy_f4("(2,)", b1v, 2) };
    write_npz(p, 2, names, m, 0);
    expect_fail(p, MLP_EDATA, "W1");
}

static void test_gap(void **state)
{
    (void)state;
    const char *p = fx_path("gap.npz");
    const char *names[] = { "W1.npy", "b1.npy", "W3.npy", "b3.npy" };
    blob m[] = { npy_f4("(2, 3)", W1v, 6), npy_f4("(2,)", b1v, 2), npy_f4("(2, 2)", W2v, 4),
                 npy_f4("(2,)", b2v, 2) };
    write_npz(p, 4, names, m, 0);
    expect_fail(p, MLP_EDATA, "W3.npy");
}

static void test_missing_bias(void **state)
{
    (void)state;
    const char *p = fx_path("nob.npz");
    const char *names[] = { "W1.npy", "W2.npy", "b2.npy" };
    blob m[] = { npy_f4("(2, 3)", W1v, 6), npy_f4("(2, 2)", W2v, 4), npy_f4("(2,)", b2v, 2) };
    write_npz(p, 3, names, m, 0);
    expect_fail(p, MLP_EDATA, "b1.npy");
}

static void test_w2_mismatch(void **state)
{
    (void)state;
    const char *p = fx_path("w2.npz");
    const float w2[6] = { 0 };
    write_small_but(p, W2, npy_f4("(2, 3)", w2, 6));
    expect_fail(p, MLP_EDATA, "W2.npy");
}

static void test_b1_length(void **state)
{
    (void)state;
    const char *p = fx_path("b1.npz");
    const float b1[3] = { 0 };
    write_small_but(p, B1, npy_f4("(3,)", b1, 3));
    expect_fail(p, MLP_EDATA, "b1.npy");
}

static void test_wrong_ndim(void **state)
{
    (void)state;
    const char *p = fx_path("ndim.npz");
    write_small_but(p, W1, npy_f4("(6,)", W1v, 6));
    expect_fail(p, MLP_EDATA, "dimension");
    write_small_but(p, B1, npy_f4("(1, 2)", b1v, 2));
    expect_fail(p, MLP_EDATA, "b1.npy");
}

static void test_int_dtype(void **state)
{
    (void)state;
    const int32_t w1[6] = { 1, 2, 3, 4, 5, 6 };
    const char *p = fx_path("i4.npz");
    write_small_but(p, W1, npy(1, "<i4", 0, "(2, 3)", w1, sizeof w1));
    expect_fail(p, MLP_EDATA, "<i4");
}

static void test_absurd_shape(void **state)
{
    (void)state;
    const char *p = fx_path("huge.npz");
    write_small_but(p, W1, npy_f4("(4294967295, 4294967295)", W1v, 6));
    expect_fail(p, MLP_EDATA, "W1.npy");
    /* a size that fits the width limits but not the data */
    write_small_but(p, W1, npy_f4("(16777216, 16777216)", W1v, 6));
    expect_fail(p, MLP_EDATA, "W1.npy");
    /* and a number too long for any integer type */
    write_small_but(p, W1, npy_f4("(99999999999999999999999999999, 3)", W1v, 6));
    expect_fail(p, MLP_EDATA, "W1.npy");
}

static void test_truncated_data(void **state)
{
    (void)state;
    const char *p = fx_path("trunc.npz");
    write_small_but(p, W1, npy_f4("(2, 3)", W1v, 5));
    expect_fail(p, MLP_EDATA, "truncated");
    /* too much data is as wrong as too little */
    write_small_but(p, B2, npy_f4("(1,)", b2v, 2));
    expect_fail(p, MLP_EDATA, "b2.npy");
}

static void test_nan(void **state)
{
    (void)state;
    const char *p = fx_path("nan.npz");
    float w2[4] = { 1, 2, NAN, 4 };
    write_small_but(p, W2, npy_f4("(2, 2)", w2, 4));
    expect_fail(p, MLP_EDATA, "NaN");
    float b1[2] = { INFINITY, 0 };
    write_small_but(p, B1, npy_f4("(2,)", b1, 2));
    expect_fail(p, MLP_EDATA, "infinite");
#ifndef MLP_DOUBLE
    double big[2] = { 1e300, 0 };
    write_small_but(p, B1, npy(1, "<f8", 0, "(2,)", big, sizeof big));
    expect_fail(p, MLP_EDATA, "range");
#endif
}

static void test_bad_headers(void **state)
{
    (void)state;
    const char *p = fx_path("hdr.npz");
    /* a header length of 100000 bytes in a version 2.0 preamble */
    blob w = npy(2, "<f4", 0, "(2, 3)", W1v, sizeof W1v);
    w.b[8] = 0xa0; w.b[9] = 0x86; w.b[10] = 0x01; w.b[11] = 0;
    write_small_but(p, W1, w);
    expect_fail(p, MLP_EDATA, "too long");
    /* not a dict */
    w = npy_f4("(2, 3)", W1v, 6);
    w.b[10] = '[';
    write_small_but(p, W1, w);
    expect_fail(p, MLP_EDATA, "header");
    /* bad magic */
    w = npy_f4("(2, 3)", W1v, 6);
    w.b[1] = 'X';
    write_small_but(p, W1, w);
    expect_fail(p, MLP_EDATA, "magic");
    /* unknown version */
    w = npy_f4("(2, 3)", W1v, 6);
    w.b[6] = 4;
    write_small_but(p, W1, w);
    expect_fail(p, MLP_EDATA, "version");
    /* a member of four bytes */
    w = npy_f4("(2, 3)", W1v, 6);
    w.n = 4;
    write_small_but(p, W1, w);
    expect_fail(p, MLP_EDATA, "W1.npy");
    /* a header cut short by the end of the member */
    w = npy_f4("(2, 3)", W1v, 6);
    w.n = 40;
    write_small_but(p, W1, w);
    expect_fail(p, MLP_EDATA, "truncated");
    /* structured dtype, boolean spelled wrong, extra key */
    const char *bad[] = {
        "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2, 3), }",
        "{'descr': '<f4', 'fortran_order': false, 'shape': (2, 3), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1, }",
        "{'descr': '<f4', 'fortran_order': False, }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        w = npy_f4("(2, 3)", W1v, 6);
        memset(w.b + 10, ' ', 64 * 2 - 11);
        memcpy(w.b + 10, bad[i], strlen(bad[i]));
        write_small_but(p, W1, w);
        expect_fail(p, MLP_EDATA, "W1.npy");
    }
}

static void test_corrupt_crc(void **state)
{
    (void)state;
    const char *p = fx_path("crc.npz");
    write_small(p, npy_f4("(2, 3)", W1v, 6), npy_f4("(2,)", b1v, 2), npy_f4("(2, 2)", W2v, 4),
                npy_f4("(2,)", b2v, 2));
    size_t n;
    unsigned char *b = fx_read(p, &n);
    /* W1's last data byte: the first member's local header is 30 + 6 bytes,
     * then 128 header bytes and 24 data bytes. */
    assert_memory_equal(b, "PK\x03\x04", 4);
    size_t name_len = (size_t)b[26] | (size_t)b[27] << 8, extra = (size_t)b[28] | (size_t)b[29] << 8;
    b[30 + name_len + extra + 128 + 23] ^= 0x40;
    fx_write_to(p, b, n);
    free(b);
    expect_fail(p, MLP_EDATA, "CRC");
}

static void test_ce_needs_two_outputs(void **state)
{
    (void)state;
    const char *p = fx_path("ce1.npz");
    const char *names[] = { "W1.npy", "b1.npy" };
    blob m[] = { npy_f4("(1, 3)", W1v, 3), npy_f4("(1,)", b1v, 1) };
    write_npz(p, 2, names, m, 0);
    mlp_net *net = (mlp_net *)1;
    assert_int_equal(mlp_import_npz(&net, p, NULL, 0, MLP_CE), MLP_EUSAGE);
    assert_null(net);
    assert_non_null(strstr(mlp_errmsg(), p));
    assert_int_equal(mlp_import_npz(&net, p, NULL, 0, MLP_MSE), MLP_OK);
    assert_int_equal(mlp_width(net, 1), 1);
    mlp_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_single_layer),
        cmocka_unit_test(test_export_layout),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_export_unwritable),
        cmocka_unit_test(test_float64_versions_deflated),
        cmocka_unit_test(test_fortran_order),
        cmocka_unit_test(test_big_endian),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_no_w1),
        cmocka_unit_test(test_gap),
        cmocka_unit_test(test_missing_bias),
        cmocka_unit_test(test_w2_mismatch),
        cmocka_unit_test(test_b1_length),
        cmocka_unit_test(test_wrong_ndim),
        cmocka_unit_test(test_int_dtype),
        cmocka_unit_test(test_absurd_shape),
        cmocka_unit_test(test_truncated_data),
        cmocka_unit_test(test_nan),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_corrupt_crc),
        cmocka_unit_test(test_ce_needs_two_outputs),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

/* test_idx.c - IDX files through the public API (idx:DIR, mnist): every
 * type code raw and gzip-compressed, image shapes, the standard file names
 * and the search for named sets, and every hostile file of issue 3 that is
 * an IDX file, generated here into a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mlp.h"
#include "support/fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

enum { UBYTE = 0x08, SBYTE = 0x09, SHORT = 0x0B, INT = 0x0C, FLOAT = 0x0D, DOUBLE = 0x0E };

/* ---- writing IDX files ------------------------------------------------------ */

static void put_be(fx_bytes *o, uint64_t v, int size)
{
    unsigned char b[8];
    for (int i = 0; i < size; i++) b[i] = (unsigned char)(v >> (8 * (size - 1 - i)));
    fx_put(o, b, (size_t)size);
}

/* The bytes of an IDX file: header for nd dims, then count values. */
static fx_bytes encode(int type, int nd, const uint32_t *dims, const double *v, size_t count)
{
    fx_bytes o = {0};
    unsigned char magic[4] = {0, 0, (unsigned char)type, (unsigned char)nd};
    fx_put(&o, magic, 4);
    for (int i = 0; i < nd; i++) put_be(&o, dims[i], 4);
    for (size_t i = 0; i < count; i++) {
        switch (type) {
        case UBYTE: case SBYTE: put_be(&o, (uint64_t)(int64_t)v[i] & 0xff, 1); break;
        case SHORT: put_be(&o, (uint64_t)(int64_t)v[i] & 0xffff, 2); break;
        case INT: put_be(&o, (uint64_t)(int64_t)v[i] & 0xffffffff, 4); break;
        case FLOAT: {
            float f = (float)v[i];
            uint32_t u;
            memcpy(&u, &f, 4);
            put_be(&o, u, 4);
            break;
        }
        default: {
            uint64_t u;
            memcpy(&u, &v[i], 8);
            put_be(&o, u, 8);
        }
        }
    }
    return o;
}

/* Writes len bytes to path, gzip-compressed when gz. */
static void write_file(const char *path, const void *b, size_t len, int gz)
{
    if (gz) {
        gzFile g = gzopen(path, "wb");
        assert_non_null(g);
        if (len) assert_int_equal(gzwrite(g, b, (unsigned)len), (int)len);
        assert_int_equal(gzclose(g), Z_OK);
    } else {
        fx_write_to(path, b, (long)len);
    }
}

static void write_idx(const char *path, int gz, int type, int nd, const uint32_t *dims,
                      const double *v, size_t count)
{
    fx_bytes o = encode(type, nd, dims, v, count);
    write_file(path, o.b, o.len, gz);
    free(o.b);
}

/* A small valid set: n images of h x w (ubyte, values i*7+j mod 256) and
 * labels i mod classes, as dir/train-* (and dir/t10k-* when test). */
static void write_set(const char *dir, int gz, int n, int h, int w, int classes, int test)
{
    const char *suffix = gz ? ".gz" : "";
    for (int split = 0; split < 1 + test; split++) {
        size_t count = (size_t)n * h * w;
        double *px = malloc(count * sizeof *px), *lab = malloc((size_t)n * sizeof *lab);
        for (size_t i = 0; i < count; i++) px[i] = (double)((i * 7 + (size_t)split) % 256);
        for (int i = 0; i < n; i++) lab[i] = (i + split) % classes;
        char name[64];
        snprintf(name, sizeof name, "%s-images-idx3-ubyte%s", split ? "t10k" : "train", suffix);
        write_idx(fx_join(dir, name), gz, UBYTE, 3, (uint32_t[]){(uint32_t)n, (uint32_t)h, (uint32_t)w}, px, count);
        snprintf(name, sizeof name, "%s-labels-idx1-ubyte%s", split ? "t10k" : "train", suffix);
        write_idx(fx_join(dir, name), gz, UBYTE, 1, (uint32_t[]){(uint32_t)n}, lab, (size_t)n);
        free(px);
        free(lab);
    }
}

static mlp_status load_dir(const char *dir, mlp_data *tr, mlp_data *te)
{
    char src[300];
    snprintf(src, sizeof src, "idx:%s", dir);
    return mlp_data_load(src, NULL, tr, te);
}

/* ---- valid files ------------------------------------------------------------ */

static void test_ubyte_set(void **state)
{
    (void)state;
    for (int gz = 0; gz < 2; gz++) {
        const char *dir = fx_subdir(gz ? "set-gz" : "set-raw");
        write_set(dir, gz, 20, 3, 4, 5, 1);
        mlp_data tr, te;
        mlp_status s = load_dir(dir, &tr, &te);
        if (s != MLP_OK) fail_msg("%s", mlp_errmsg());
        assert_int_equal(tr.n, 20);
        assert_int_equal(te.n, 20);
        assert_int_equal(tr.d, 12);
        assert_int_equal(tr.classes, 5);
        assert_int_equal(te.classes, 5);
        assert_int_equal(tr.shape[0], 3);
        assert_int_equal(tr.shape[1], 4);
        assert_int_equal(tr.shape[2], 1);
        assert_int_equal(te.shape[1], 4);
        /* bytes stay bytes */
        assert_non_null(tr.x8);
        assert_null(tr.x);
        assert_null(tr.class_names);
        for (int i = 0; i < 20 * 12; i++) assert_int_equal(tr.x8[i], (i * 7) % 256);
        for (int i = 0; i < 20 * 12; i++) assert_int_equal(te.x8[i], (i * 7 + 1) % 256);
        for (int i = 0; i < 20; i++) assert_int_equal(tr.y[i], i % 5);
        for (int i = 0; i < 20; i++) assert_int_equal(te.y[i], (i + 1) % 5);
        /* and are scaled to [0,1] as batches are gathered */
        mlp_real x[12];
        int32_t y, idx = 3;
        mlp_data_gather(&tr, &idx, 1, x, &y);
        assert_int_equal(y, 3);
        for (int j = 0; j < 12; j++)
            assert_true(fabs(x[j] - ((3 * 12 + j) * 7 % 256) / 255.0) < 1e-6);
        mlp_data_free(&tr);
        mlp_data_free(&te);
    }
}

/* Every type code, raw and gzip, as images and as labels. */
static void test_type_codes(void **state)
{
    (void)state;
    const int codes[] = {UBYTE, SBYTE, SHORT, INT, FLOAT, DOUBLE};
    const double pix[6][8] = {
        {0, 1, 127, 128, 200, 255, 3, 9},
        {-128, -1, 0, 1, 127, 5, -7, 100},
        {-32768, -1, 0, 1, 32767, 300, -300, 12},
        {-2147483647.0 - 1, -1, 0, 1, 2147483647.0, 65536, -65536, 16777216},
        {-1.5, 0.25, 0, 1e-3, 3.25e10, -7, 0.1f, 1e30},
        {-1.5, 0.25, 0, 1e-300, 3.25e10, -7, 0.1, 1e30},
    };
    const double lab[2] = {1, 0};
    for (int gz = 0; gz < 2; gz++)
        for (int t = 0; t < 6; t++) {
            /* images of type codes[t] (2 items of 2x2), labels ubyte */
            const char *dir = fx_subdir("types");
            const char *sfx = gz ? ".gz" : "";
            char name[64];
            snprintf(name, sizeof name, "train-images-idx3-ubyte%s", sfx);
            write_idx(fx_join(dir, name), gz, codes[t], 3, (uint32_t[]){2, 2, 2}, pix[t], 8);
            snprintf(name, sizeof name, "train-labels-idx1-ubyte%s", sfx);
            write_idx(fx_join(dir, name), gz, UBYTE, 1, (uint32_t[]){2}, lab, 2);
            mlp_data tr, te;
            mlp_status s = load_dir(dir, &tr, &te);
            if (s != MLP_OK) fail_msg("type 0x%02x gz %d: %s", codes[t], gz, mlp_errmsg());
            assert_int_equal(tr.n, 2);
            assert_int_equal(tr.d, 4);
            assert_int_equal(te.n, 0); /* no test files */
            if (codes[t] == UBYTE) {
                assert_non_null(tr.x8);
                for (int i = 0; i < 8; i++) assert_int_equal(tr.x8[i], (int)pix[t][i]);
            } else {
                assert_null(tr.x8);
                assert_non_null(tr.x);
                for (int i = 0; i < 8; i++) {
                    mlp_real want = codes[t] == FLOAT ? (mlp_real)(float)pix[t][i] : (mlp_real)pix[t][i];
                    if (tr.x[i] != want) fail_msg("type 0x%02x value %d: got %.17g want %.17g", codes[t], i, (double)tr.x[i], (double)want);
                }
            }
            mlp_data_free(&tr);

            /* labels of type codes[t], images ubyte */
            const double labs[6] = {2, 0, 1, 2, 1, 0};
            const double px[6] = {1, 2, 3, 4, 5, 6};
            snprintf(name, sizeof name, "train-images-idx3-ubyte%s", sfx);
            write_idx(fx_join(dir, name), gz, UBYTE, 2, (uint32_t[]){6, 1}, px, 6);
            snprintf(name, sizeof name, "train-labels-idx1-ubyte%s", sfx);
            write_idx(fx_join(dir, name), gz, codes[t], 1, (uint32_t[]){6}, labs, 6);
            s = load_dir(dir, &tr, &te);
            if (s != MLP_OK) fail_msg("labels 0x%02x gz %d: %s", codes[t], gz, mlp_errmsg());
            assert_int_equal(tr.classes, 3);
            assert_int_equal(tr.d, 1);
            assert_int_equal(tr.shape[0], 0); /* n x d: not an image */
            for (int i = 0; i < 6; i++) assert_int_equal(tr.y[i], (int)labs[i]);
            mlp_data_free(&tr);
        }
}

static void test_labels_up_to_255(void **state)
{
    (void)state;
    /* 256 classes, every one present: the largest set IDX labels allow */
    const char *dir = fx_subdir("classes256");
    double lab[256], px[256];
    for (int i = 0; i < 256; i++) lab[i] = 255 - i, px[i] = i;
    write_idx(fx_join(dir, "train-images-idx3-ubyte"), 0, UBYTE, 2, (uint32_t[]){256, 1}, px, 256);
    write_idx(fx_join(dir, "train-labels-idx1-ubyte"), 0, UBYTE, 1, (uint32_t[]){256}, lab, 256);
    mlp_data tr, te;
    assert_int_equal(load_dir(dir, &tr, &te), MLP_OK);
    assert_int_equal(tr.classes, 256);
    mlp_data_free(&tr);
}

static void test_shapes(void **state)
{
    (void)state;
    /* n x h x w x c: colour images */
    const char *dir = fx_subdir("colour");
    double px[2 * 2 * 3 * 3], lab[2] = {0, 1};
    for (int i = 0; i < 36; i++) px[i] = i;
    write_idx(fx_join(dir, "train-images-idx3-ubyte"), 0, UBYTE, 4, (uint32_t[]){2, 2, 3, 3}, px, 36);
    write_idx(fx_join(dir, "train-labels-idx1-ubyte"), 0, UBYTE, 1, (uint32_t[]){2}, lab, 2);
    mlp_data tr, te;
    assert_int_equal(load_dir(dir, &tr, &te), MLP_OK);
    assert_int_equal(tr.d, 18);
    assert_int_equal(tr.shape[0], 2);
    assert_int_equal(tr.shape[1], 3);
    assert_int_equal(tr.shape[2], 3);
    mlp_data_free(&tr);
}

/* The standard names with and without .gz, a dot spelling, mixed forms,
 * and a raw file preferred over its .gz beside it. */
static void test_file_names(void **state)
{
    (void)state;
    const char *dir = fx_subdir("names");
    write_set(dir, 1, 4, 2, 2, 2, 1);
    /* an uncompressed training-images file beside the .gz wins */
    double px[4 * 4];
    for (int i = 0; i < 16; i++) px[i] = 100 + i;
    write_idx(fx_join(dir, "train-images-idx3-ubyte"), 0, UBYTE, 3, (uint32_t[]){4, 2, 2}, px, 16);
    mlp_data tr, te;
    assert_int_equal(load_dir(dir, &tr, &te), MLP_OK);
    assert_int_equal(tr.x8[0], 100);
    assert_int_equal(te.n, 4);
    mlp_data_free(&tr);
    mlp_data_free(&te);
    char path[512];
    assert_int_equal(mlp_data_idx_file(dir, 0, path, sizeof path), MLP_OK);
    assert_string_equal(path, fx_join(dir, "train-images-idx3-ubyte"));
    assert_int_equal(mlp_data_idx_file(dir, 3, path, sizeof path), MLP_OK);
    assert_string_equal(path, fx_join(dir, "t10k-labels-idx1-ubyte.gz"));
    assert_int_equal(mlp_data_idx_file(dir, 4, path, sizeof path), MLP_EUSAGE);

    /* train-images.idx3-ubyte, as some mirrors name them */
    const char *dot = fx_subdir("dots");
    write_set(dot, 0, 4, 2, 2, 2, 0);
    assert_int_equal(rename(fx_join(dot, "train-images-idx3-ubyte"), fx_join(dot, "train-images.idx3-ubyte")), 0);
    assert_int_equal(load_dir(dot, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 4);
    mlp_data_free(&tr);
    /* a trailing slash on the directory */
    char src[300];
    snprintf(src, sizeof src, "idx:%s/", dot);
    assert_int_equal(mlp_data_load(src, NULL, &tr, &te), MLP_OK);
    mlp_data_free(&tr);
}

/* $MLP_DATA/NAME first, then ./data/NAME; the error says where it looked. */
static void test_named_search(void **state)
{
    (void)state;
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char root[256];
    snprintf(root, sizeof root, "%s", fx_subdir("search"));
    assert_int_equal(chdir(root), 0);
    const char *old = getenv("MLP_DATA");
    char *saved = old ? strdup(old) : NULL;

    /* nothing anywhere (mnist has no Debian package in /usr/share/datasets) */
    unsetenv("MLP_DATA");
    mlp_data tr, te;
    char dir[512];
    if (mlp_data_locate("mnist", dir, sizeof dir) != MLP_ENOINPUT) {
        print_message("# skipped: mnist is installed in %s\n", dir);
    } else {
        assert_int_equal(mlp_data_load("mnist", NULL, &tr, &te), MLP_ENOINPUT);
        assert_non_null(strstr(mlp_errmsg(), "./data/mnist"));
        assert_non_null(strstr(mlp_errmsg(), "/usr/share/datasets/mnist"));
        assert_non_null(strstr(mlp_errmsg(), "MLP_DATA"));
        assert_null(strchr(mlp_errmsg(), '\n'));
        assert_true(tr.n == 0 && tr.x8 == NULL && te.n == 0);

        /* ./data/mnist */
        assert_int_equal(mkdir("data", 0700), 0);
        assert_int_equal(mkdir("data/mnist", 0700), 0);
        write_set("data/mnist", 1, 10, 2, 2, 10, 1);
        assert_int_equal(mlp_data_load("mnist", NULL, &tr, &te), MLP_OK);
        assert_int_equal(tr.n, 10);
        mlp_data_free(&tr);
        mlp_data_free(&te);

        /* $MLP_DATA/mnist comes before it */
        char env[290], envm[300];
        snprintf(env, sizeof env, "%s/env", root);
        snprintf(envm, sizeof envm, "%s/mnist", env);
        assert_int_equal(mkdir(env, 0700), 0);
        assert_int_equal(mkdir(envm, 0700), 0);
        write_set(envm, 0, 20, 2, 2, 10, 1);
        setenv("MLP_DATA", env, 1);
        assert_int_equal(mlp_data_locate("mnist", dir, sizeof dir), MLP_OK);
        assert_string_equal(dir, envm);
        assert_int_equal(mlp_data_load("mnist", NULL, &tr, &te), MLP_OK);
        assert_int_equal(tr.n, 20);
        mlp_data_free(&tr);
        mlp_data_free(&te);

        /* a folder without the files is passed over */
        write_idx(fx_join(envm, "junk"), 0, UBYTE, 1, (uint32_t[]){1}, (double[]){0}, 1);
        unlink(fx_join(envm, "train-images-idx3-ubyte"));
        assert_int_equal(mlp_data_locate("mnist", dir, sizeof dir), MLP_OK);
        assert_string_equal(dir, "./data/mnist");

        /* MNIST has ten classes */
        write_set("data/mnist", 1, 10, 2, 2, 5, 1);
        assert_int_equal(mlp_data_load("mnist", NULL, &tr, &te), MLP_EDATA);
        assert_non_null(strstr(mlp_errmsg(), "train-labels-idx1-ubyte.gz"));
    }
    /* not IDX sources */
    assert_int_equal(mlp_data_locate("circles", dir, sizeof dir), MLP_EUSAGE);
    assert_int_equal(mlp_data_locate("idx:", dir, sizeof dir), MLP_EUSAGE);
    assert_int_equal(mlp_data_load("idx:", NULL, &tr, &te), MLP_EUSAGE);

    if (saved) setenv("MLP_DATA", saved, 1);
    else unsetenv("MLP_DATA");
    free(saved);
    assert_int_equal(chdir(cwd), 0);
}

/* ---- hostile files ------------------------------------------------------------ */

/* Loads idx:dir, which must fail with want and a one-line message that
 * names path (and needle, when given); nothing may be left allocated. */
static void expect_fail(const char *what, const char *dir, mlp_status want, const char *path, const char *needle)
{
    mlp_data tr, te;
    memset(&tr, 0x5a, sizeof tr);
    memset(&te, 0x5a, sizeof te);
    mlp_status s = load_dir(dir, &tr, &te);
    const char *m = mlp_errmsg();
    if (s != want || !strstr(m, path) || (needle && !strstr(m, needle)) || strchr(m, '\n'))
        fail_msg("%s: status %d (want %d), message: %s (want %s and %s)", what, (int)s, (int)want, m, path,
                 needle ? needle : "");
    assert_true(tr.n == 0 && tr.x == NULL && tr.x8 == NULL && tr.y == NULL && tr.class_names == NULL);
    assert_true(te.n == 0 && te.x == NULL && te.x8 == NULL && te.y == NULL);
}

/* A valid 2-item set in dir, raw; returns the path of the training images. */
static const char *base_set(const char *name)
{
    const char *dir = fx_subdir(name);
    write_set(dir, 0, 2, 2, 2, 2, 0);
    return dir;
}

static void test_hostile_header(void **state)
{
    (void)state;
    const char *dir = base_set("hostile-header");
    const char *img = fx_join(dir, "train-images-idx3-ubyte");
    const char *lab = fx_join(dir, "train-labels-idx1-ubyte");

    write_file(img, "", 0, 0);
    expect_fail("empty file", dir, MLP_EDATA, img, "empty");
    write_file(img, "", 0, 1);
    expect_fail("empty gzip file", dir, MLP_EDATA, img, "empty");
    write_file(img, "\0\0\x08", 3, 0);
    expect_fail("3-byte file", dir, MLP_EDATA, img, "header");
    write_file(img, "P5\n28 28\n255\n", 13, 0);
    expect_fail("wrong magic", dir, MLP_EDATA, img, "magic");
    write_file(img, "\x01\0\x08\x03", 4, 0);
    expect_fail("wrong magic 2", dir, MLP_EDATA, img, "magic");

    fx_bytes o = encode(UBYTE, 3, (uint32_t[]){2, 2, 2}, (double[]){0, 0, 0, 0, 0, 0, 0, 0}, 8);
    o.b[2] = 0x0A; /* not a type code */
    write_file(img, o.b, o.len, 0);
    expect_fail("wrong type code", dir, MLP_EDATA, img, "0x0a");
    o.b[2] = 0x07;
    write_file(img, o.b, o.len, 1);
    expect_fail("wrong type code gz", dir, MLP_EDATA, img, "type");
    o.b[2] = UBYTE;
    write_file(img, o.b, 10, 0);
    expect_fail("truncated dimensions", dir, MLP_EDATA, img, "header");
    free(o.b);

    /* dimension counts */
    write_idx(img, 0, UBYTE, 1, (uint32_t[]){2}, (double[]){1, 2}, 2);
    expect_fail("images of one dimension", dir, MLP_EDATA, img, "dimensions");
    write_idx(img, 0, UBYTE, 5, (uint32_t[]){2, 1, 1, 1, 1}, (double[]){1, 2}, 2);
    expect_fail("images of five dimensions", dir, MLP_EDATA, img, "dimensions");
    write_idx(img, 0, UBYTE, 0, NULL, NULL, 0);
    expect_fail("no dimensions", dir, MLP_EDATA, img, "dimensions");
    write_idx(img, 0, UBYTE, 3, (uint32_t[]){2, 2, 2}, (double[]){0, 0, 0, 0, 0, 0, 0, 0}, 8);
    write_idx(lab, 0, UBYTE, 2, (uint32_t[]){2, 1}, (double[]){0, 1}, 2);
    expect_fail("labels of two dimensions", dir, MLP_EDATA, lab, "dimensions");
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){2}, (double[]){0, 1}, 2);

    /* dimensions of 0 and of 0xFFFFFFFF, and products over the limits */
    write_idx(img, 0, UBYTE, 3, (uint32_t[]){2, 0, 2}, NULL, 0);
    expect_fail("dimension 0", dir, MLP_EDATA, img, "dimension 2 is 0");
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){0}, NULL, 0);
    expect_fail("no labels", dir, MLP_EDATA, lab, "dimension 1 is 0");
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){2}, (double[]){0, 1}, 2);
    write_idx(img, 0, UBYTE, 3, (uint32_t[]){0xFFFFFFFF, 28, 28}, NULL, 0);
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){0xFFFFFFFF}, NULL, 0);
    expect_fail("labels dimension 0xFFFFFFFF", dir, MLP_EDATA, lab, "4294967295");
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){2}, (double[]){0, 1}, 2);
    expect_fail("images dimension 0xFFFFFFFF", dir, MLP_EDATA, img, "4294967295");
    write_idx(img, 0, UBYTE, 3, (uint32_t[]){2, 0xFFFFFFFF, 0xFFFFFFFF}, NULL, 0);
    expect_fail("row dimension 0xFFFFFFFF", dir, MLP_EDATA, img, "4294967295");
    write_idx(img, 0, UBYTE, 3, (uint32_t[]){2, 65536, 65536}, NULL, 0);
    expect_fail("rows over the width limit", dir, MLP_EDATA, img, "values per item");
    write_idx(img, 1, DOUBLE, 3, (uint32_t[]){2, 0x7FFFFFFF, 1}, NULL, 0);
    expect_fail("rows over the width limit gz", dir, MLP_EDATA, img, "values per item");
}

/* A header claiming 2^32 - 1 items must be refused before anything is
 * allocated: in a child whose address space is capped a little above what
 * it uses, an attempt to allocate gigabytes would fail with MLP_ENOMEM. */
static void test_huge_dimension_no_allocation(void **state)
{
    (void)state;
    const char *dir = base_set("huge");
    const char *img = fx_join(dir, "train-images-idx3-ubyte");
    const char *lab = fx_join(dir, "train-labels-idx1-ubyte");
    const struct { const char *path; int nd; uint32_t dims[3]; int gz; } cases[] = {
        {lab, 1, {0xFFFFFFFF}, 0}, {lab, 1, {0xFFFFFFFF}, 1},
        {img, 3, {0xFFFFFFFF, 28, 28}, 0}, {img, 3, {0xFFFFFFFF, 28, 28}, 1},
        {img, 3, {0xFFFFFFFF, 1, 1}, 1}, {img, 2, {1, 0xFFFFFFFF}, 1},
        {img, 3, {0x7FFFFFFF, 28, 28}, 1},     /* 1.7e12 values: over the total */
        {lab, 1, {0x7FFFFFFF}, 0},             /* raw: longer than the file */
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        write_set(dir, 0, 2, 2, 2, 2, 0);
        write_idx(cases[c].path, cases[c].gz, UBYTE, cases[c].nd, cases[c].dims, NULL, 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
#ifndef UNDER_ASAN
            /* current virtual size plus 256 MB (not under valgrind, which
             * needs far more address space for itself) */
            long pages = 0;
            FILE *f = RUNNING_ON_VALGRIND ? NULL : fopen("/proc/self/statm", "r");
            if (f && fscanf(f, "%ld", &pages) == 1) {
                struct rlimit rl;
                rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)256 << 20);
                setrlimit(RLIMIT_AS, &rl);
            }
            if (f) fclose(f);
#endif
            mlp_data tr, te;
            mlp_status s = load_dir(dir, &tr, &te);
            int ok = s == MLP_EDATA && strstr(mlp_errmsg(), cases[c].path) != NULL;
            if (!ok) fprintf(stderr, "# case %zu: status %d: %s\n", c, (int)s, mlp_errmsg());
            _exit(ok ? 0 : 1);
        }
        int st;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fail_msg("case %zu failed (status %d)", c, st);
    }
}

static void test_hostile_body(void **state)
{
    (void)state;
    const char *dir = base_set("hostile-body");
    const char *img = fx_join(dir, "train-images-idx3-ubyte");
    const char *lab = fx_join(dir, "train-labels-idx1-ubyte");
    const double px[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    fx_bytes o = encode(UBYTE, 3, (uint32_t[]){2, 2, 2}, px, 8);

    for (int gz = 0; gz < 2; gz++) {
        const char *p = gz ? fx_join(dir, "train-images-idx3-ubyte.gz") : img;
        unlink(img);
        unlink(fx_join(dir, "train-images-idx3-ubyte.gz"));
        write_file(p, o.b, o.len - 1, gz);
        expect_fail(gz ? "truncated body gz" : "truncated body", dir, MLP_EDATA, p, "truncated");
        write_file(p, o.b, 16, gz); /* header only */
        expect_fail("header only", dir, MLP_EDATA, p, "truncated");
        fx_bytes t = {0};
        fx_put(&t, o.b, o.len);
        fx_put(&t, "\0\0", 2);
        write_file(p, t.b, t.len, gz);
        expect_fail(gz ? "trailing bytes gz" : "trailing bytes", dir, MLP_EDATA, p, "trailing");
        free(t.b);
        unlink(p);
    }

    /* gzip streams cut short or damaged: a big enough body to compress */
    enum { N = 64, H = 28 };
    double *big = malloc(N * H * H * sizeof *big), labs[N];
    for (int i = 0; i < N * H * H; i++) big[i] = (i * 37 + i / 100) % 256;
    for (int i = 0; i < N; i++) labs[i] = i % 2;
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){N}, labs, N);
    const char *gzp = fx_join(dir, "train-images-idx3-ubyte.gz");
    unlink(img);
    write_idx(gzp, 1, UBYTE, 3, (uint32_t[]){N, H, H}, big, N * H * H);
    free(big);
    size_t glen;
    unsigned char *gzb = fx_read(gzp, &glen);
    assert_true(glen > 100 && glen < 1 << 16);
    mlp_data tr, te;
    assert_int_equal(load_dir(dir, &tr, &te), MLP_OK);
    mlp_data_free(&tr);

    write_file(gzp, gzb, glen / 2, 0);
    expect_fail("truncated gzip", dir, MLP_EDATA, gzp, "gzip");
    write_file(gzp, gzb, glen - 4, 0); /* only the length trailer missing */
    expect_fail("truncated gzip trailer", dir, MLP_EDATA, gzp, "gzip");
    unsigned char *bad = malloc(glen);
    assert_non_null(bad);
    memcpy(bad, gzb, glen);
    for (size_t i = glen / 3; i < glen / 3 + 16; i++) bad[i] ^= 0x5a;
    write_file(gzp, bad, glen, 0);
    expect_fail("corrupt gzip", dir, MLP_EDATA, gzp, NULL);
    memcpy(bad, gzb, glen);
    bad[glen - 8] ^= 0xff; /* the CRC-32 of the trailer */
    write_file(gzp, bad, glen, 0);
    expect_fail("gzip with a wrong CRC", dir, MLP_EDATA, gzp, "corrupt gzip");
    free(bad);
    free(gzb);
    free(o.b);
}

static void test_hostile_values(void **state)
{
    (void)state;
    const char *dir = base_set("hostile-values");
    const char *img = fx_join(dir, "train-images-idx3-ubyte");
    const char *lab = fx_join(dir, "train-labels-idx1-ubyte");
    write_idx(img, 0, FLOAT, 3, (uint32_t[]){2, 1, 2}, (double[]){1, NAN, 3, 4}, 4);
    expect_fail("NaN pixel", dir, MLP_EDATA, img, "finite");
    write_idx(img, 1, DOUBLE, 3, (uint32_t[]){2, 1, 2}, (double[]){1, 2, -INFINITY, 4}, 4);
    expect_fail("inf pixel", dir, MLP_EDATA, img, "item 1");
    write_idx(img, 0, DOUBLE, 2, (uint32_t[]){2, 1}, (double[]){1e39, 0}, 2);
    if (mlp_is_double()) {
        mlp_data tr, te;
        assert_int_equal(load_dir(dir, &tr, &te), MLP_OK);
        assert_true(tr.x[0] == 1e39);
        mlp_data_free(&tr);
    } else {
        expect_fail("beyond float", dir, MLP_EDATA, img, "single precision");
    }
    write_idx(img, 0, UBYTE, 3, (uint32_t[]){2, 1, 2}, (double[]){1, 2, 3, 4}, 4);

    write_idx(lab, 0, SBYTE, 1, (uint32_t[]){2}, (double[]){0, -1}, 2);
    expect_fail("negative label", dir, MLP_EDATA, lab, "label -1");
    write_idx(lab, 0, SHORT, 1, (uint32_t[]){2}, (double[]){0, 256}, 2);
    expect_fail("label 256", dir, MLP_EDATA, lab, "label 256");
    write_idx(lab, 0, FLOAT, 1, (uint32_t[]){2}, (double[]){0, 1.5}, 2);
    expect_fail("fractional label", dir, MLP_EDATA, lab, "1.5");
    write_idx(lab, 1, DOUBLE, 1, (uint32_t[]){2}, (double[]){NAN, 1}, 2);
    expect_fail("NaN label", dir, MLP_EDATA, lab, "item 0");
}

static void test_hostile_pairs(void **state)
{
    (void)state;
    const char *dir = fx_subdir("pairs");
    write_set(dir, 0, 30, 2, 2, 10, 1);
    const char *img = fx_join(dir, "train-images-idx3-ubyte");
    const char *lab = fx_join(dir, "train-labels-idx1-ubyte");
    const char *timg = fx_join(dir, "t10k-images-idx3-ubyte");
    const char *tlab = fx_join(dir, "t10k-labels-idx1-ubyte");
    double labs[30];

    /* 30 images, 29 labels */
    for (int i = 0; i < 30; i++) labs[i] = i % 10;
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){29}, labs, 29);
    expect_fail("count mismatch", dir, MLP_EDATA, img, lab);
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);

    /* label 200 among labels 0..9: classes 10..199 would have no sample */
    labs[17] = 200;
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);
    expect_fail("label 200", dir, MLP_EDATA, lab, "label 200 at item 17");
    /* the same in the test labels: beyond the training classes */
    write_idx(tlab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);
    labs[17] = 7;
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);
    expect_fail("test label 200", dir, MLP_EDATA, tlab, "label 200 at item 17");
    write_idx(tlab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);
    /* one missing class in the middle */
    for (int i = 0; i < 30; i++) labs[i] = labs[i] == 4 ? 3 : labs[i];
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);
    expect_fail("missing class", dir, MLP_EDATA, lab, "no item has label 4");
    for (int i = 0; i < 30; i++) labs[i] = i % 10;
    write_idx(lab, 0, UBYTE, 1, (uint32_t[]){30}, labs, 30);

    /* test images of another width */
    double px[30 * 3];
    memset(px, 0, sizeof px);
    write_idx(timg, 0, UBYTE, 3, (uint32_t[]){30, 1, 3}, px, 90);
    expect_fail("test width", dir, MLP_EDATA, timg, "values per image");
    double px4[30 * 4] = {0};
    write_idx(timg, 0, UBYTE, 3, (uint32_t[]){30, 1, 4}, px4, 120);
    expect_fail("test shape", dir, MLP_EDATA, timg, "1x4x1");
    write_set(dir, 0, 30, 2, 2, 10, 1);
    mlp_data tr, te;
    assert_int_equal(load_dir(dir, &tr, &te), MLP_OK);
    mlp_data_free(&tr);
    mlp_data_free(&te);
}

static void test_missing(void **state)
{
    (void)state;
    const char *dir = fx_subdir("missing");
    write_set(dir, 0, 10, 2, 2, 2, 1);
    const char *tlab = fx_join(dir, "t10k-labels-idx1-ubyte");
    const char *lab = fx_join(dir, "train-labels-idx1-ubyte");

    /* the test images without their labels */
    unlink(tlab);
    expect_fail("missing test labels", dir, MLP_ENOINPUT, dir, "t10k-labels-idx1-ubyte");
    /* a directory where a file should be */
    assert_int_equal(mkdir(tlab, 0700), 0);
    expect_fail("directory as test labels", dir, MLP_ENOINPUT, tlab, "directory");
    rmdir(tlab);
    write_set(dir, 0, 10, 2, 2, 2, 1);
    unlink(lab);
    assert_int_equal(mkdir(lab, 0700), 0);
    expect_fail("directory as labels", dir, MLP_ENOINPUT, lab, "directory");
    rmdir(lab);
    expect_fail("missing labels", dir, MLP_ENOINPUT, dir, "train-labels-idx1-ubyte");
    /* a dangling symbolic link is a missing file */
    assert_int_equal(symlink(fx_join(dir, "nowhere"), lab), 0);
    expect_fail("dangling link", dir, MLP_ENOINPUT, dir, "train-labels-idx1-ubyte");
    unlink(lab);
    /* an unreadable file */
    write_set(dir, 0, 10, 2, 2, 2, 1);
    if (geteuid() != 0) {
        chmod(lab, 0);
        expect_fail("unreadable labels", dir, MLP_ENOINPUT, lab, "cannot open");
        chmod(lab, 0600);
    }
    /* no such directory, a file as the directory, an empty directory */
    const char *none = fx_join(fx_dir(), "no-such-dir");
    expect_fail("missing directory", none, MLP_ENOINPUT, none, NULL);
    expect_fail("file as directory", lab, MLP_ENOINPUT, lab, "not a directory");
    const char *empty = fx_subdir("empty");
    expect_fail("empty directory", empty, MLP_ENOINPUT, empty, "train-images-idx3-ubyte");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ubyte_set),
        cmocka_unit_test(test_type_codes),
        cmocka_unit_test(test_labels_up_to_255),
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_file_names),
        cmocka_unit_test(test_named_search),
        cmocka_unit_test(test_hostile_header),
        cmocka_unit_test(test_huge_dimension_no_allocation),
        cmocka_unit_test(test_hostile_body),
        cmocka_unit_test(test_hostile_values),
        cmocka_unit_test(test_hostile_pairs),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

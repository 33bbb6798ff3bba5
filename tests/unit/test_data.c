/* test_data.c - data sources: CSV files (well-formed and hostile), the
 * synthetic circles and xor sets, unknown sources, and batch gathering
 * from byte data. */
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

/* Loads csv:PATH as a training set. */
static mlp_status load1(const char *path, mlp_data *tr, mlp_data *te)
{
    char src[300];
    snprintf(src, sizeof src, "csv:%s", path);
    return mlp_data_load(src, NULL, tr, te);
}

static void assert_row(const mlp_data *d, int i, int32_t label, const double *x)
{
    assert_int_equal(d->y[i], label);
    for (int j = 0; j < d->d; j++) {
        double got = d->x[(size_t)i * d->d + j];
        if (got != (mlp_real)x[j]) fail_msg("row %d column %d: got %.9g, want %.9g", i, j, got, x[j]);
    }
}

/* ---- well-formed CSV ------------------------------------------------------ */

static void test_csv_simple(void **state)
{
    (void)state;
    mlp_data tr, te;
    const char *p = fx_write("simple.csv", "0,1.5,2\n1,-3,4e2\n2,0.25,-0\n", -1);
    assert_int_equal(load1(p, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 3);
    assert_int_equal(tr.d, 2);
    assert_int_equal(tr.classes, 3);
    assert_null(tr.x8);
    assert_non_null(tr.x);
    assert_row(&tr, 0, 0, (double[]){ 1.5, 2 });
    assert_row(&tr, 1, 1, (double[]){ -3, 400 });
    assert_row(&tr, 2, 2, (double[]){ 0.25, 0 });
    assert_int_equal(te.n, 0); /* no test file given */
    assert_null(te.x);
    mlp_data_free(&tr);
    mlp_data_free(&te);
    assert_null(tr.x);
    assert_int_equal(tr.n, 0);
}

static void test_csv_header_crlf_blank(void **state)
{
    (void)state;
    mlp_data tr, te;
    const double r0[] = { 1, 2, 3 }, r1[] = { 4, 5, 6 };
    const struct { const char *name, *text; } files[] = {
        { "header.csv", "label,a,b,c\n0,1,2,3\n1,4,5,6\n" },
        { "crlf.csv", "0,1,2,3\r\n1,4,5,6\r\n" },
        { "header-crlf.csv", "label,a,b,c\r\n0,1,2,3\r\n1,4,5,6\r\n" },
        { "blank-tail.csv", "0,1,2,3\n1,4,5,6\n\n\n   \n\r\n" },
        { "no-final-newline.csv", "0,1,2,3\n1,4,5,6" },
        { "spaces.csv", "  0 , 1 ,2,\t3\n1,4 , 5,6  \n" },
        { "blank-inside.csv", "\n0,1,2,3\n\n1,4,5,6\n" },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        const char *p = fx_write(files[i].name, files[i].text, -1);
        mlp_status s = load1(p, &tr, &te);
        if (s != MLP_OK) fail_msg("%s: %s", files[i].name, mlp_errmsg());
        assert_int_equal(tr.n, 2);
        assert_int_equal(tr.d, 3);
        assert_int_equal(tr.classes, 2);
        assert_row(&tr, 0, 0, r0);
        assert_row(&tr, 1, 1, r1);
        mlp_data_free(&tr);
    }
    /* one class only still makes a two-class problem */
    const char *p = fx_write("one-class.csv", "0,1\n0,2\n", -1);
    assert_int_equal(load1(p, &tr, &te), MLP_OK);
    assert_int_equal(tr.classes, 2);
    mlp_data_free(&tr);
    /* a wide label range */
    p = fx_write("labels.csv", "9,1\n0,2\n", -1);
    assert_int_equal(load1(p, &tr, &te), MLP_OK);
    assert_int_equal(tr.classes, 10);
    mlp_data_free(&tr);
}

static void test_csv_many_rows(void **state)
{
    (void)state;
    /* more rows than the first allocation holds */
    const char *p = fx_path("many.csv");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fprintf(f, "y,x1,x2\n");
    for (int i = 0; i < 1000; i++) fprintf(f, "%d,%d,%g\n", i % 3, i, i * 0.5);
    assert_int_equal(fclose(f), 0);
    mlp_data tr, te;
    assert_int_equal(load1(p, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 1000);
    assert_int_equal(tr.classes, 3);
    for (int i = 0; i < 1000; i += 97) assert_row(&tr, i, i % 3, (double[]){ i, i * 0.5 });
    assert_row(&tr, 999, 0, (double[]){ 999, 499.5 });
    mlp_data_free(&tr);
}

static void test_csv_pair(void **state)
{
    (void)state;
    const char *a = fx_write("a.csv", "0,1,2\n1,3,4\n", -1);
    const char *b = fx_write("b.csv", "2,5,6\n0,7,8\n1,9,10\n", -1);
    const char *c = fx_write("c.csv", "0,1,2,3\n", -1);
    char src[600];
    mlp_data tr, te;
    snprintf(src, sizeof src, "csv:%s,%s", a, b);
    assert_int_equal(mlp_data_load(src, NULL, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 2);
    assert_int_equal(te.n, 3);
    assert_int_equal(te.d, 2);
    /* both sets take the larger class count */
    assert_int_equal(tr.classes, 3);
    assert_int_equal(te.classes, 3);
    assert_row(&te, 2, 1, (double[]){ 9, 10 });
    mlp_data_free(&tr);
    mlp_data_free(&te);

    /* different widths: refused, nothing left allocated */
    snprintf(src, sizeof src, "csv:%s,%s", a, c);
    assert_int_equal(mlp_data_load(src, NULL, &tr, &te), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), c));
    assert_true(tr.n == 0 && tr.x == NULL && tr.y == NULL);
    assert_true(te.n == 0 && te.x == NULL && te.y == NULL);

    /* a missing test file */
    snprintf(src, sizeof src, "csv:%s,%s", a, fx_path("nope.csv"));
    assert_int_equal(mlp_data_load(src, NULL, &tr, &te), MLP_ENOINPUT);
    assert_non_null(strstr(mlp_errmsg(), "nope.csv"));
    assert_true(tr.n == 0 && tr.x == NULL);

    /* no file name */
    assert_int_equal(mlp_data_load("csv:", NULL, &tr, &te), MLP_EUSAGE);
    assert_int_equal(mlp_data_load("csv:,x.csv", NULL, &tr, &te), MLP_EUSAGE);
}

/* ---- hostile CSV ---------------------------------------------------------------- */

static void expect_csv_fail(const char *name, const char *text, long len, mlp_status want, const char *needle)
{
    const char *p = text ? fx_write(name, text, len) : name;
    mlp_data tr, te;
    memset(&tr, 0x5a, sizeof tr);
    mlp_status s = load1(p, &tr, &te);
    if (s != want || !strstr(mlp_errmsg(), p) || (needle && !strstr(mlp_errmsg(), needle)))
        print_error("%s: status %d (want %d), message: %s\n", name, (int)s, (int)want, mlp_errmsg());
    assert_int_equal(s, want);
    assert_non_null(strstr(mlp_errmsg(), p));
    if (needle) assert_non_null(strstr(mlp_errmsg(), needle));
    assert_null(strchr(mlp_errmsg(), '\n'));
    assert_true(tr.n == 0 && tr.x == NULL && tr.y == NULL && tr.x8 == NULL);
    assert_true(te.n == 0 && te.x == NULL);
}

static void test_csv_hostile(void **state)
{
    (void)state;
    expect_csv_fail("empty.csv", "", 0, MLP_EDATA, "no data rows");
    expect_csv_fail("blank.csv", "\n\n  \n", -1, MLP_EDATA, "no data rows");
    expect_csv_fail("header-only.csv", "label,a,b\n", -1, MLP_EDATA, "no data rows");
    expect_csv_fail("ragged.csv", "0,1,2\n1,3\n", -1, MLP_EDATA, ":2:");
    expect_csv_fail("ragged-long.csv", "0,1,2\n1,3,4,5\n", -1, MLP_EDATA, ":2:");
    expect_csv_fail("word.csv", "0,1,2\n1,abc,4\n", -1, MLP_EDATA, "abc");
    expect_csv_fail("empty-cell.csv", "0,1,2\n1,,4\n", -1, MLP_EDATA, ":2:");
    expect_csv_fail("trailing-junk.csv", "0,1,2\n1,3x,4\n", -1, MLP_EDATA, "3x");
    expect_csv_fail("nan.csv", "0,1,2\n1,nan,4\n", -1, MLP_EDATA, "nan");
    expect_csv_fail("nan-first.csv", "0,NaN,2\n", -1, MLP_EDATA, "NaN");
    expect_csv_fail("inf.csv", "0,1,inf\n", -1, MLP_EDATA, "inf");
    expect_csv_fail("minus-inf.csv", "0,1,2\n1,-Infinity,4\n", -1, MLP_EDATA, "Infinity");
    expect_csv_fail("overflow.csv", "0,1,2\n1,1e400,4\n", -1, MLP_EDATA, "1e400");
    expect_csv_fail("one-column.csv", "0\n1\n", -1, MLP_EDATA, "feature");
    expect_csv_fail("nul.csv", "0,1,2\n1,3\0,4\n", 13, MLP_EDATA, "NUL");
    expect_csv_fail("nul-first.csv", "\0\n0,1,2\n", 8, MLP_EDATA, "NUL");
    expect_csv_fail(fx_path("missing.csv"), NULL, 0, MLP_ENOINPUT, NULL);
    expect_csv_fail(fx_dir(), NULL, 0, MLP_ENOINPUT, "directory");
    expect_csv_fail(fx_subdir("sub.csv"), NULL, 0, MLP_ENOINPUT, "directory");
}

/* Labels that are not whole numbers make every label a name, numbered in
 * sorted (byte) order as scikit-learn's LabelEncoder does (docs/DATA.md). */
static void test_csv_string_labels(void **state)
{
    (void)state;
    const char *p = fx_write("names.csv", "0,1,2\n-1,3,4\ncat,5,6\n1.5,7,8\n-1,9,9\n", -1);
    mlp_data tr, te;
    assert_int_equal(load1(p, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 5);
    assert_int_equal(tr.classes, 4);
    assert_non_null(tr.class_names);
    const char *want[4] = {"-1", "0", "1.5", "cat"};
    for (int k = 0; k < 4; k++) assert_string_equal(tr.class_names[k], want[k]);
    int32_t labels[5] = {1, 0, 3, 2, 0};
    for (int i = 0; i < 5; i++) assert_int_equal(tr.y[i], labels[i]);
    mlp_data_free(&tr);
    mlp_data_free(&te);
}

/* 1e39 is finite as a double but not as a float: the float build must
 * refuse it rather than store infinity; the double build keeps it. */
static void test_csv_out_of_range(void **state)
{
    (void)state;
    if (!mlp_is_double()) {
        expect_csv_fail("float-overflow.csv", "0,1,2\n1,1e39,4\n", -1, MLP_EDATA, "1e39");
        expect_csv_fail("float-overflow2.csv", "0,-3.5e38,2\n", -1, MLP_EDATA, "-3.5e38");
    } else {
        mlp_data tr, te;
        const char *p = fx_write("double-range.csv", "0,1,2\n1,1e39,-3.5e38\n", -1);
        assert_int_equal(load1(p, &tr, &te), MLP_OK);
        assert_true(tr.x[2] == 1e39 && tr.x[3] == -3.5e38);
        mlp_data_free(&tr);
    }
    /* the largest float itself is fine in both builds */
    mlp_data tr, te;
    const char *p = fx_write("float-max.csv", "0,3.4028234e38,-3.4028234e38\n", -1);
    assert_int_equal(load1(p, &tr, &te), MLP_OK);
    assert_true(isfinite(tr.x[0]) && isfinite(tr.x[1]));
    mlp_data_free(&tr);
}

static void test_unknown_source(void **state)
{
    (void)state;
    mlp_data tr, te;
    assert_int_equal(mlp_data_load("mnist-but-misspelt", NULL, &tr, &te), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "mnist-but-misspelt"));
    assert_true(tr.n == 0 && tr.x == NULL && te.n == 0 && te.x == NULL);
    assert_int_equal(mlp_data_load("", NULL, &tr, &te), MLP_EUSAGE);
    assert_int_equal(mlp_data_load("Circles", NULL, &tr, &te), MLP_EUSAGE);
    assert_int_equal(mlp_data_load("csv", NULL, &tr, &te), MLP_EUSAGE);
}

/* ---- synthetic sets ---------------------------------------------------------------- */

static void check_synth(const char *name)
{
    mlp_data tr, te, tr2, te2, tr3, te3;
    mlp_data_opts o = { .noise = -1, .seed = 5 };
    assert_int_equal(mlp_data_load(name, &o, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 1000);
    assert_int_equal(te.n, 1000);
    assert_int_equal(tr.d, 2);
    assert_int_equal(te.d, 2);
    assert_int_equal(tr.classes, 2);
    assert_int_equal(te.classes, 2);
    assert_non_null(tr.x);
    assert_null(tr.x8);
    int count[2][2] = { { 0 } };
    for (int i = 0; i < 1000; i++) {
        assert_true(tr.y[i] == 0 || tr.y[i] == 1);
        assert_true(te.y[i] == 0 || te.y[i] == 1);
        count[0][tr.y[i]]++;
        count[1][te.y[i]]++;
        assert_true(isfinite(tr.x[2 * i]) && isfinite(tr.x[2 * i + 1]));
    }
    for (int s = 0; s < 2; s++)
        for (int c = 0; c < 2; c++) assert_true(count[s][c] > 400); /* both classes, roughly even */
    /* train and test differ */
    assert_memory_not_equal(tr.x, te.x, 2000 * sizeof(mlp_real));

    /* deterministic for a seed */
    assert_int_equal(mlp_data_load(name, &o, &tr2, &te2), MLP_OK);
    assert_memory_equal(tr.x, tr2.x, 2000 * sizeof(mlp_real));
    assert_memory_equal(tr.y, tr2.y, 1000 * sizeof(int32_t));
    assert_memory_equal(te.x, te2.x, 2000 * sizeof(mlp_real));
    mlp_data_free(&tr2);
    mlp_data_free(&te2);
    /* another seed, other points */
    o.seed = 6;
    assert_int_equal(mlp_data_load(name, &o, &tr2, &te2), MLP_OK);
    assert_memory_not_equal(tr.x, tr2.x, 2000 * sizeof(mlp_real));
    /* the training size does not move the test points */
    o.seed = 5;
    o.n = 50;
    assert_int_equal(mlp_data_load(name, &o, &tr3, &te3), MLP_OK);
    assert_int_equal(tr3.n, 50);
    assert_int_equal(te3.n, 50);
    assert_memory_equal(tr3.x, tr.x, 100 * sizeof(mlp_real));
    assert_memory_equal(te3.x, te.x, 100 * sizeof(mlp_real));
    mlp_data_free(&tr);
    mlp_data_free(&te);
    mlp_data_free(&tr2);
    mlp_data_free(&te2);
    mlp_data_free(&tr3);
    mlp_data_free(&te3);
}

static void test_synth_sets(void **state)
{
    (void)state;
    check_synth("circles");
    check_synth("xor");
    /* the default options are seed 1 */
    mlp_data a, b, c, d;
    mlp_data_opts one = { .noise = -1, .seed = 1 };
    assert_int_equal(mlp_data_load("circles", NULL, &a, &b), MLP_OK);
    assert_int_equal(mlp_data_load("circles", &one, &c, &d), MLP_OK);
    assert_memory_equal(a.x, c.x, 2000 * sizeof(mlp_real));
    mlp_data_free(&a);
    mlp_data_free(&b);
    mlp_data_free(&c);
    mlp_data_free(&d);
}

static void test_synth_geometry(void **state)
{
    (void)state;
    /* without noise: circles lie on radius 1 (class 0) and 0.5 (class 1) */
    mlp_data tr, te;
    mlp_data_opts o = { .n = 300, .noise = 0, .seed = 3 };
    assert_int_equal(mlp_data_load("circles", &o, &tr, &te), MLP_OK);
    for (int i = 0; i < 300; i++) {
        double r = hypot(tr.x[2 * i], tr.x[2 * i + 1]);
        assert_true(fabs(r - (tr.y[i] ? 0.5 : 1.0)) < 1e-5);
    }
    mlp_data_free(&tr);
    mlp_data_free(&te);
    /* xor: inside [-1, 1]^2, class 1 where the signs differ */
    assert_int_equal(mlp_data_load("xor", &o, &tr, &te), MLP_OK);
    for (int i = 0; i < 300; i++) {
        double a = tr.x[2 * i], b = tr.x[2 * i + 1];
        assert_true(fabs(a) <= 1 && fabs(b) <= 1);
        assert_int_equal(tr.y[i], (a > 0) != (b > 0));
    }
    mlp_data_free(&tr);
    mlp_data_free(&te);
    /* with the default noise the radii spread, about 0.1 */
    o.noise = -1;
    assert_int_equal(mlp_data_load("circles", &o, &tr, &te), MLP_OK);
    double sq = 0;
    for (int i = 0; i < 300; i++) {
        double r = hypot(tr.x[2 * i], tr.x[2 * i + 1]) - (tr.y[i] ? 0.5 : 1.0);
        sq += r * r;
    }
    double sd = sqrt(sq / 300);
    assert_true(sd > 0.07 && sd < 0.13);
    mlp_data_free(&tr);
    mlp_data_free(&te);
}

/* ---- gathering ------------------------------------------------------------------- */

static void test_gather(void **state)
{
    (void)state;
    mlp_data d = { 0 };
    d.n = 4;
    d.d = 3;
    d.classes = 4;
    d.x8 = malloc(12);
    d.y = malloc(4 * sizeof *d.y);
    assert_true(d.x8 && d.y);
    const uint8_t bytes[12] = { 0, 255, 128, 1, 2, 3, 254, 100, 51, 17, 0, 255 };
    memcpy(d.x8, bytes, 12);
    for (int i = 0; i < 4; i++) d.y[i] = 3 - i;
    mlp_real x[12];
    int32_t y[4];
    const int32_t idx[3] = { 2, 0, 2 };
    mlp_data_gather(&d, idx, 3, x, y);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(y[i], 3 - idx[i]);
        for (int j = 0; j < 3; j++) {
            double want = bytes[idx[i] * 3 + j] / 255.0;
            assert_true(fabs(x[i * 3 + j] - want) <= 1e-7 * fmax(want, 1e-30) + 1e-300);
        }
    }
    assert_true(x[3] == 0 && x[4] == 1); /* 0 and 255 map to 0 and 1 exactly */
    /* idx NULL: rows 0.. in order; y may be NULL */
    mlp_data_gather(&d, NULL, 4, x, NULL);
    for (int i = 0; i < 12; i++) assert_true(fabs(x[i] - bytes[i] / 255.0) <= 1e-7);
    mlp_data_free(&d);

    /* real data is copied as is */
    mlp_data r = { 0 };
    r.n = 3;
    r.d = 2;
    r.classes = 2;
    r.x = malloc(6 * sizeof *r.x);
    r.y = malloc(3 * sizeof *r.y);
    assert_true(r.x && r.y);
    const mlp_real vals[6] = { 0.5, -7, 1e10, 3, 0, 2 };
    memcpy(r.x, vals, sizeof vals);
    for (int i = 0; i < 3; i++) r.y[i] = i % 2;
    const int32_t back[3] = { 2, 1, 0 };
    mlp_data_gather(&r, back, 3, x, y);
    for (int i = 0; i < 3; i++) {
        assert_memory_equal(x + 2 * i, vals + 2 * (2 - i), 2 * sizeof *x);
        assert_int_equal(y[i], (2 - i) % 2);
    }
    mlp_data_free(&r);
    mlp_data_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_simple),
        cmocka_unit_test(test_csv_header_crlf_blank),
        cmocka_unit_test(test_csv_many_rows),
        cmocka_unit_test(test_csv_pair),
        cmocka_unit_test(test_csv_hostile),
        cmocka_unit_test(test_csv_string_labels),
        cmocka_unit_test(test_csv_out_of_range),
        cmocka_unit_test(test_unknown_source),
        cmocka_unit_test(test_synth_sets),
        cmocka_unit_test(test_synth_geometry),
        cmocka_unit_test(test_gather),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

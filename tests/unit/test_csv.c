/* test_csv.c - the CSV reader (src/data/csv.c): delimiters, quotes,
 * headers, the label column, class numbers and sorted class names, test
 * files held to the training file's classes, the seeded split, and every
 * hostile input with its one-line message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "data/csv.h"
#include "support/fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mlp_status load_col(const char *path, const char *label_col, mlp_data *d)
{
    mlp_data_opts o = { .noise = -1, .seed = 1, .label_col = label_col };
    return csv_load_opts(path, &o, d);
}

static void must_load(const char *name, const char *text, const char *label_col, mlp_data *d)
{
    const char *p = fx_write(name, text, -1);
    mlp_status s = load_col(p, label_col, d);
    if (s != MLP_OK) fail_msg("%s: status %d: %s", name, (int)s, mlp_errmsg());
}

static void assert_row(const mlp_data *d, int i, int32_t label, const double *x)
{
    assert_int_equal(d->y[i], label);
    for (int j = 0; j < d->d; j++) {
        double got = d->x[(size_t)i * d->d + j];
        if (got != (mlp_real)x[j]) fail_msg("row %d column %d: got %.9g, want %.9g", i, j, got, x[j]);
    }
}

static void assert_names(const mlp_data *d, int n, const char *const *names)
{
    assert_int_equal(d->classes, n);
    assert_non_null(d->class_names);
    for (int k = 0; k < n; k++) assert_string_equal(d->class_names[k], names[k]);
}

static void assert_zeroed(const mlp_data *d)
{
    assert_true(d->n == 0 && d->d == 0 && d->classes == 0);
    assert_true(d->x == NULL && d->y == NULL && d->x8 == NULL && d->class_names == NULL);
}

/* A file with one feature row whose cell is refused (a header can not be
 * made of a number-like row, so use a second row). */
static void expect_fail_early(const char *name, const char *row, const char *needle)
{
    char text[200];
    snprintf(text, sizeof text, "0,1\n%s", row);
    const char *p = fx_write(name, text, -1);
    mlp_data d;
    assert_int_equal(load_col(p, NULL, &d), MLP_EDATA);
    if (!strstr(mlp_errmsg(), needle)) fail_msg("%s: %s", name, mlp_errmsg());
}

/* ---- delimiters and quotes ---------------------------------------------------- */

static void test_delimiters(void **state)
{
    (void)state;
    const double r0[] = { 1.5, 2, 3 }, r1[] = { 4, -5, 6e-1 };
    const struct { const char *name, *text; } files[] = {
        { "comma.csv", "0,1.5,2,3\n1,4,-5,6e-1\n" },
        { "semicolon.csv", "0;1.5;2;3\n1;4;-5;6e-1\n" },
        { "tab.tsv", "0\t1.5\t2\t3\n1\t4\t-5\t6e-1\n" },
        { "tab-spaces.tsv", " 0 \t 1.5\t2 \t3\r\n1\t4\t-5\t6e-1\r\n" },
        { "semicolon-header.csv", "y;a;b;c\n0;1.5;2;3\n1;4;-5;6e-1\n" },
        /* the most frequent one wins: 3 tabs against 1 comma */
        { "tab-with-comma.tsv", "y\ta,b\tc\td\n0\t1.5\t2\t3\n1\t4\t-5\t6e-1\n" },
        /* delimiters inside quotes do not count: 3 commas outside, 4 semicolons inside */
        { "quoted-semicolons.csv", "\"y;;;;\",a,b,c\n0,1.5,2,3\n1,4,-5,6e-1\n" },
        /* blank lines before the first line */
        { "leading-blank.csv", "\n  \n\r\n0;1.5;2;3\n\n1;4;-5;6e-1\n" },
        /* a UTF-8 byte order mark, as Excel writes it */
        { "bom.csv", "\xef\xbb\xbf" "0;1.5;2;3\r\n1;4;-5;6e-1\r\n" },
        { "bom-header.csv", "\xef\xbb\xbf" "y,a,b,c\n0,1.5,2,3\n1,4,-5,6e-1\n" },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        mlp_data d;
        must_load(files[i].name, files[i].text, NULL, &d);
        if (d.n != 2 || d.d != 3) fail_msg("%s: %d rows of %d", files[i].name, (int)d.n, (int)d.d);
        assert_int_equal(d.classes, 2);
        assert_null(d.class_names);
        assert_row(&d, 0, 0, r0);
        assert_row(&d, 1, 1, r1);
        mlp_data_free(&d);
    }
    /* a tie between comma and semicolon goes to the comma */
    mlp_data d;
    const char *p = fx_write("tie.csv", "0,1;2\n1,3;4\n", -1);
    assert_int_equal(load_col(p, NULL, &d), MLP_EDATA); /* "1;2" makes a header, "3;4" is no number */
    assert_non_null(strstr(mlp_errmsg(), ":2: column 2: '3;4' is not a number"));
    /* with a comma as the delimiter a tab is space around a cell */
    must_load("comma-tab.csv", "0,\t1\t,2\n", NULL, &d);
    assert_int_equal(d.d, 2);
    assert_row(&d, 0, 0, (double[]){ 1, 2 });
    mlp_data_free(&d);
}

static void test_quotes(void **state)
{
    (void)state;
    mlp_data d;
    /* quoted label with the delimiter, an escaped quote, quoted numbers,
     * spaces around quotes, and a label spanning two lines */
    must_load("quoted.csv",
              "name,x,y\n"
              "\"a,b\",1,2\n"
              "  \"say \"\"hi\"\"\" , \"3.5\" ,4\n"
              "\"two\nlines\",5,\"6\"\n"
              "\"a,b\",7,8\n",
              NULL, &d);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.d, 2);
    const char *names[] = { "a,b", "say \"hi\"", "two\nlines" };
    assert_names(&d, 3, names);
    assert_row(&d, 0, 0, (double[]){ 1, 2 });
    assert_row(&d, 1, 1, (double[]){ 3.5, 4 });
    assert_row(&d, 2, 2, (double[]){ 5, 6 });
    assert_row(&d, 3, 0, (double[]){ 7, 8 });
    mlp_data_free(&d);
    /* a quote inside an unquoted cell is kept as it is */
    must_load("inner-quote.csv", "a\"b,1\nc,2\n", NULL, &d);
    assert_string_equal(d.class_names[0], "a\"b");
    mlp_data_free(&d);
    /* a quoted empty cell is not a blank line */
    const char *p = fx_write("quoted-empty.csv", "0,1\n\"\"\n", -1);
    assert_int_equal(load_col(p, NULL, &d), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), ":2:"));
}

static void test_numbers(void **state)
{
    (void)state;
    /* integers take a fast path below 16 digits; everything else strtod */
    mlp_data d;
    must_load("numbers.csv",
              "0,123456789012345,1234567890123456,-7,+3,-0,007,1.5,-2.5e-3,0x10,1e-400\n", NULL, &d);
    const double want[] = { 123456789012345.0, 1234567890123456.0, -7, 3, 0, 7, 1.5, -2.5e-3, 16, 0 };
    assert_int_equal(d.d, 10);
    assert_row(&d, 0, 0, want);
    assert_true(signbit(d.x[4]));
    mlp_data_free(&d);
    expect_fail_early("sign-only.csv", "0,-\n", "'-' is not a number");
    expect_fail_early("two-signs.csv", "0,+-1\n", "'+-1' is not a number");
    expect_fail_early("digits-space.csv", "0,1 2\n", "'1 2' is not a number");
}

/* ---- headers and the label column ---------------------------------------------- */

static void test_header(void **state)
{
    (void)state;
    mlp_data d;
    /* a header: some feature cell is not a number */
    must_load("h1.csv", "label,a,b\n0,1,2\n1,3,4\n", NULL, &d);
    assert_int_equal(d.n, 2);
    assert_row(&d, 0, 0, (double[]){ 1, 2 });
    mlp_data_free(&d);
    must_load("h2.csv", "0,a,2\n0,1,2\n1,3,4\n", NULL, &d); /* one word is enough */
    assert_int_equal(d.n, 2);
    mlp_data_free(&d);
    must_load("h3.csv", ",x,y\n0,1,2\n1,3,4\n", NULL, &d); /* pandas' index column */
    assert_int_equal(d.n, 2);
    mlp_data_free(&d);
    /* not a header: only the label is a word, so it is a data row */
    must_load("nh.csv", "cat,1,2\ndog,3,4\n", NULL, &d);
    assert_int_equal(d.n, 2);
    const char *names[] = { "cat", "dog" };
    assert_names(&d, 2, names);
    mlp_data_free(&d);
    /* feature columns named by numbers are a header when the label column is named */
    must_load("numeric-names.csv", "\xef\xbb\xbf" "label,0,1\n1,5,6\n0,7,8\n", "label", &d);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.classes, 2);
    assert_null(d.class_names);
    assert_row(&d, 0, 1, (double[]){ 5, 6 });
    mlp_data_free(&d);
    /* ... and without naming it, that first row is data with the label "label" */
    must_load("numeric-names2.csv", "label,0,1\n1,5,6\n0,7,8\n", NULL, &d);
    assert_int_equal(d.n, 3);
    const char *n3[] = { "0", "1", "label" };
    assert_names(&d, 3, n3);
    mlp_data_free(&d);
}

static void test_label_col(void **state)
{
    (void)state;
    const char *text = "a,b,species,c\n1,2,x,3\n4,5,y,6\n";
    const char *names[] = { "x", "y" };
    const char *specs[] = { "3", "species" };
    for (int i = 0; i < 2; i++) {
        mlp_data d;
        must_load("mid.csv", text, specs[i], &d);
        assert_int_equal(d.n, 2);
        assert_int_equal(d.d, 3);
        assert_names(&d, 2, names);
        assert_row(&d, 0, 0, (double[]){ 1, 2, 3 });
        assert_row(&d, 1, 1, (double[]){ 4, 5, 6 });
        mlp_data_free(&d);
    }
    mlp_data d;
    /* last */
    must_load("last.csv", "1,2,0\n3,4,2\n", "last", &d);
    assert_int_equal(d.classes, 3);
    assert_row(&d, 0, 0, (double[]){ 1, 2 });
    assert_row(&d, 1, 2, (double[]){ 3, 4 });
    mlp_data_free(&d);
    /* "1" is the first column, as the default */
    must_load("one.csv", "2,7,8\n0,9,10\n", "1", &d);
    assert_row(&d, 0, 2, (double[]){ 7, 8 });
    mlp_data_free(&d);
    /* a number in the middle, no header */
    must_load("two.csv", "7,1,8\n9,0,10\n", "2", &d);
    assert_row(&d, 0, 1, (double[]){ 7, 8 });
    assert_row(&d, 1, 0, (double[]){ 9, 10 });
    mlp_data_free(&d);

    /* label columns that do not fit the file */
    const char *p = fx_write("lc.csv", "y,a,b\n0,1,2\n", -1);
    const struct { const char *spec, *needle; } bad[] = {
        { "0", "from 1" }, { "4", "3 columns" }, { "99999999999999999999", "--label-col" },
        { "", "empty" }, { "Y", "no column" }, { "a b", "no column" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&d, 0x5a, sizeof d);
        assert_int_equal(load_col(p, bad[i].spec, &d), MLP_EUSAGE);
        if (!strstr(mlp_errmsg(), bad[i].needle)) fail_msg("'%s': %s", bad[i].spec, mlp_errmsg());
        assert_zeroed(&d);
    }
    /* a name needs a header */
    p = fx_write("noheader.csv", "0,1,2\n1,3,4\n", -1);
    assert_int_equal(load_col(p, "label", &d), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "no header"));
    assert_non_null(strstr(mlp_errmsg(), p));
}

/* ---- labels -------------------------------------------------------------------- */

static void test_labels(void **state)
{
    (void)state;
    mlp_data d;
    /* whole numbers are the classes themselves */
    must_load("ints.csv", "3,1\n0,2\n007,3\n3,4\n", NULL, &d);
    assert_int_equal(d.classes, 8);
    assert_null(d.class_names);
    const int32_t want[] = { 3, 0, 7, 3 };
    for (int i = 0; i < 4; i++) assert_int_equal(d.y[i], want[i]);
    mlp_data_free(&d);
    must_load("int-one.csv", "0,1\n0,2\n", NULL, &d); /* still two classes */
    assert_int_equal(d.classes, 2);
    mlp_data_free(&d);
    must_load("int-max.csv", "65535,1\n", NULL, &d);
    assert_int_equal(d.classes, 65536);
    mlp_data_free(&d);

    /* strings, numbered in byte order as LabelEncoder does */
    must_load("iris.csv",
              "sepal,petal,class\n"
              "1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n9,10,Zebra\n",
              "class", &d);
    const char *iris[] = { "Zebra", "setosa", "versicolor", "virginica" };
    assert_names(&d, 4, iris);
    const int32_t iy[] = { 3, 1, 2, 1, 0 };
    for (int i = 0; i < 5; i++) assert_int_equal(d.y[i], iy[i]);
    mlp_data_free(&d);
    /* one label that is not a whole number makes every label a string */
    must_load("mixed.csv", "2,1\n10,2\n1,3\ncat,4\n1.0,5\n-1,6\n", NULL, &d);
    const char *mixed[] = { "-1", "1", "1.0", "10", "2", "cat" };
    assert_names(&d, 6, mixed);
    const int32_t my[] = { 4, 3, 1, 5, 2, 0 };
    for (int i = 0; i < 6; i++) assert_int_equal(d.y[i], my[i]);
    mlp_data_free(&d);
    /* UTF-8 names sort by bytes, so by code point */
    must_load("utf8.csv", "\xc3\xa9t\xc3\xa9,1\nhiver,2\n\xc3\xa0,3\n", NULL, &d);
    const char *utf[] = { "hiver", "\xc3\xa0", "\xc3\xa9t\xc3\xa9" };
    assert_names(&d, 3, utf);
    mlp_data_free(&d);

    /* the original reader keeps class numbers only */
    const char *p = fx_write("words.csv", "0,1\ncat,2\n", -1);
    assert_int_equal(csv_load(p, &d), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), ":2: label 'cat' is not a class number"));
    p = fx_write("words2.csv", "cat,1\n0,2\n", -1); /* there, any word makes a header */
    assert_int_equal(csv_load(p, &d), MLP_OK);
    assert_int_equal(d.n, 1);
    mlp_data_free(&d);
    p = fx_write("nums.csv", "2,1\n0,2\n", -1);
    assert_int_equal(csv_load(p, &d), MLP_OK);
    assert_int_equal(d.classes, 3);
    assert_int_equal(d.y[0], 2);
    mlp_data_free(&d);
}

static void test_many_labels(void **state)
{
    (void)state;
    /* 65536 distinct names are fine, one more is refused */
    const char *p = fx_path("names.csv");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    for (int i = 0; i < 65536; i++) fprintf(f, "c%d,%d\n", i, i);
    assert_int_equal(fclose(f), 0);
    mlp_data d;
    assert_int_equal(load_col(p, NULL, &d), MLP_OK);
    assert_int_equal(d.classes, 65536);
    assert_int_equal(d.n, 65536);
    /* sorted: c0 c1 c10 c100 ... so row 10 ("c10") is class 2 */
    assert_string_equal(d.class_names[2], "c10");
    assert_int_equal(d.y[10], 2);
    for (int i = 0; i < 65536; i += 4099) assert_true(d.x[i] == i);
    char want[16];
    for (int i = 0; i < 65536; i += 4099) {
        snprintf(want, sizeof want, "c%d", i);
        assert_string_equal(d.class_names[d.y[i]], want);
    }
    mlp_data_free(&d);
    f = fopen(p, "a");
    assert_non_null(f);
    fprintf(f, "extra,1\n");
    assert_int_equal(fclose(f), 0);
    assert_int_equal(load_col(p, NULL, &d), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), ":65537:"));
    assert_non_null(strstr(mlp_errmsg(), "distinct labels"));
    assert_zeroed(&d);
}

/* ---- train and test files -------------------------------------------------------- */

static void test_pair(void **state)
{
    (void)state;
    mlp_data tr, te;
    mlp_data_opts o = { .noise = -1, .seed = 1, .label_col = "kind" };
    const char *a = fx_write("tr.csv", "x,kind\n1,pear\n2,apple\n3,fig\n", -1);
    const char *b = fx_write("te.csv", "kind;x\nfig;4\napple;5\n", -1); /* own header and delimiter */
    assert_int_equal(csv_load_pair_opts(a, b, &o, &tr, &te), MLP_OK);
    const char *names[] = { "apple", "fig", "pear" };
    assert_names(&tr, 3, names);
    assert_names(&te, 3, names);
    assert_ptr_not_equal(tr.class_names, te.class_names);
    assert_ptr_not_equal(tr.class_names[0], te.class_names[0]);
    assert_int_equal(te.n, 2);
    assert_row(&te, 0, 1, (double[]){ 4 });
    assert_row(&te, 1, 0, (double[]){ 5 });
    mlp_data_free(&tr);
    mlp_data_free(&te);

    /* a label the training file never had */
    const char *c = fx_write("te-unseen.csv", "x,kind\n4,fig\n\n5,kiwi\n", -1);
    memset(&tr, 0x5a, sizeof tr);
    assert_int_equal(csv_load_pair_opts(a, c, &o, &tr, &te), MLP_EDATA);
    char needle[300];
    snprintf(needle, sizeof needle, "%s:4: label 'kiwi'", c);
    if (!strstr(mlp_errmsg(), needle)) fail_msg("%s", mlp_errmsg());
    assert_non_null(strstr(mlp_errmsg(), a));
    assert_zeroed(&tr);
    assert_zeroed(&te);
    /* a class number is no name */
    c = fx_write("te-number.csv", "x,kind\n4,0\n", -1);
    assert_int_equal(csv_load_pair_opts(a, c, &o, &tr, &te), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "'0'"));
    assert_zeroed(&tr);

    /* class numbers: the larger count for both; a name in the test file is refused */
    o.label_col = NULL;
    a = fx_write("ntr.csv", "0,1\n1,2\n", -1);
    b = fx_write("nte.csv", "4,1\n", -1);
    assert_int_equal(csv_load_pair_opts(a, b, &o, &tr, &te), MLP_OK);
    assert_int_equal(tr.classes, 5);
    assert_int_equal(te.classes, 5);
    assert_null(te.class_names);
    mlp_data_free(&tr);
    mlp_data_free(&te);
    c = fx_write("nte-word.csv", "1,1\ncat,2\n", -1);
    assert_int_equal(csv_load_pair_opts(a, c, &o, &tr, &te), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), ":2:"));
    assert_non_null(strstr(mlp_errmsg(), "cat"));
    /* widths differ */
    c = fx_write("nte-wide.csv", "1,1,2\n", -1);
    assert_int_equal(csv_load_pair_opts(a, c, &o, &tr, &te), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), c));
    assert_non_null(strstr(mlp_errmsg(), "2 features"));
    assert_zeroed(&tr);
    /* a test file and a test fraction */
    o.test_fraction = 0.5;
    assert_int_equal(csv_load_pair_opts(a, b, &o, &tr, &te), MLP_EUSAGE);
    assert_non_null(strstr(mlp_errmsg(), "--test"));
    /* a missing test file */
    o.test_fraction = 0;
    assert_int_equal(csv_load_pair_opts(a, fx_path("none.csv"), &o, &tr, &te), MLP_ENOINPUT);
    assert_zeroed(&tr);
    /* no test file: an empty test set */
    assert_int_equal(csv_load_pair_opts(a, NULL, &o, &tr, &te), MLP_OK);
    assert_int_equal(tr.n, 2);
    assert_zeroed(&te);
    mlp_data_free(&tr);
}

static void test_named(void **state)
{
    (void)state;
    mlp_data d;
    const char *names[] = { "b", "a", "c", "a" };
    const char *p = fx_write("named.csv", "a,1\nc,2\nb,3\n", -1);
    assert_int_equal(csv_load_named(p, NULL, 4, names, &d), MLP_OK);
    assert_int_equal(d.classes, 4);
    const int32_t want[] = { 1, 2, 0 };
    for (int i = 0; i < 3; i++) assert_int_equal(d.y[i], want[i]);
    assert_string_equal(d.class_names[3], "a");
    mlp_data_free(&d);
    assert_int_equal(csv_load_named(p, NULL, 2, names, &d), MLP_EDATA); /* no "c" */
    assert_non_null(strstr(mlp_errmsg(), ":2: label 'c'"));
    assert_zeroed(&d);
    p = fx_write("numbered.csv", "0,1\n2,2\n", -1);
    assert_int_equal(csv_load_named(p, NULL, 3, NULL, &d), MLP_OK);
    assert_int_equal(d.classes, 3);
    assert_null(d.class_names);
    mlp_data_free(&d);
    assert_int_equal(csv_load_named(p, NULL, 2, NULL, &d), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "below 2"));
}

/* ---- the split ------------------------------------------------------------------------ */

/* n rows whose single feature is the row number; labels as strings. */
static void make_rows(mlp_data *d, int n)
{
    const char *p = fx_path("split.csv");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fprintf(f, "id,label\n");
    for (int i = 0; i < n; i++) fprintf(f, "%d,%s\n", i, i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue");
    assert_int_equal(fclose(f), 0);
    assert_int_equal(load_col(p, "last", d), MLP_OK);
    assert_int_equal(d->n, n);
}

static void check_split(const mlp_data *tr, const mlp_data *te, int n, int k)
{
    assert_int_equal(te->n, k);
    assert_int_equal(tr->n, n - k);
    assert_int_equal(te->d, 1);
    char *seen = calloc((size_t)n, 1);
    assert_non_null(seen);
    const mlp_data *sets[2] = { tr, te };
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < sets[s]->n; i++) {
            int id = (int)sets[s]->x[i];
            assert_true(id >= 0 && id < n);
            assert_false(seen[id]); /* disjoint */
            seen[id] = 1;
            if (i) assert_true(sets[s]->x[i - 1] < sets[s]->x[i]); /* file order kept */
            int32_t want = id % 3 == 0 ? 2 : id % 3 == 1 ? 1 : 0; /* blue, green, red */
            assert_int_equal(sets[s]->y[i], want);
        }
    for (int i = 0; i < n; i++) assert_true(seen[i]); /* complete */
    free(seen);
    const char *names[] = { "blue", "green", "red" };
    assert_names(tr, 3, names);
    assert_names(te, 3, names);
}

static void test_split(void **state)
{
    (void)state;
    mlp_data a, ta, b, tb, c, tc;
    make_rows(&a, 100);
    make_rows(&b, 100);
    make_rows(&c, 100);
    assert_int_equal(csv_split(&a, 0.25, 7, &ta), MLP_OK);
    assert_int_equal(csv_split(&b, 0.25, 7, &tb), MLP_OK);
    assert_int_equal(csv_split(&c, 0.25, 8, &tc), MLP_OK);
    check_split(&a, &ta, 100, 25);
    check_split(&c, &tc, 100, 25);
    /* the same seed picks the same rows, another seed others */
    assert_memory_equal(ta.x, tb.x, 25 * sizeof(mlp_real));
    assert_memory_equal(a.x, b.x, 75 * sizeof(mlp_real));
    assert_memory_not_equal(ta.x, tc.x, 25 * sizeof(mlp_real));
    assert_ptr_not_equal(a.class_names, ta.class_names);
    mlp_data *all[] = { &a, &ta, &b, &tb, &c, &tc };
    for (int i = 0; i < 6; i++) mlp_data_free(all[i]);

    /* ceil(fraction * n) rows, as scikit-learn counts them */
    make_rows(&a, 10);
    assert_int_equal(csv_split(&a, 0.01, 3, &ta), MLP_OK);
    check_split(&a, &ta, 10, 1);
    mlp_data_free(&a);
    mlp_data_free(&ta);
    make_rows(&a, 10);
    assert_int_equal(csv_split(&a, 0.85, 3, &ta), MLP_OK);
    check_split(&a, &ta, 10, 9);
    mlp_data_free(&a);
    mlp_data_free(&ta);

    /* bad fractions leave the set as it was */
    make_rows(&a, 10);
    const double bad[] = { 0, 1, -0.5, 1.5, NAN, 0.95 };
    for (int i = 0; i < 6; i++) {
        memset(&ta, 0x5a, sizeof ta);
        assert_int_equal(csv_split(&a, bad[i], 1, &ta), MLP_EUSAGE);
        assert_non_null(strstr(mlp_errmsg(), "--test"));
        assert_int_equal(a.n, 10);
        assert_zeroed(&ta);
    }
    for (int i = 0; i < 10; i++) assert_true(a.x[i] == i);
    mlp_data_free(&a);

    /* byte features split the same way */
    mlp_data u = { 0 };
    u.n = 50;
    u.d = 2;
    u.classes = 2;
    u.shape[0] = 1, u.shape[1] = 2, u.shape[2] = 1;
    u.x8 = malloc(100);
    u.y = malloc(50 * sizeof *u.y);
    assert_true(u.x8 && u.y);
    for (int i = 0; i < 50; i++) u.x8[2 * i] = (uint8_t)i, u.x8[2 * i + 1] = (uint8_t)(200 - i), u.y[i] = i % 2;
    assert_int_equal(csv_split(&u, 0.2, 9, &ta), MLP_OK);
    assert_int_equal(ta.n, 10);
    assert_int_equal(u.n, 40);
    assert_null(ta.x);
    assert_non_null(ta.x8);
    assert_int_equal(ta.shape[1], 2);
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        assert_int_equal(ta.x8[2 * i + 1], 200 - ta.x8[2 * i]);
        assert_int_equal(ta.y[i], ta.x8[2 * i] % 2);
        sum += ta.x8[2 * i];
    }
    for (int i = 0; i < 40; i++) sum += u.x8[2 * i];
    assert_int_equal(sum, 49 * 50 / 2);
    mlp_data_free(&u);
    mlp_data_free(&ta);

    /* through the pair loader: test_fraction with the run's seed */
    make_rows(&a, 20);
    mlp_data_opts o = { .noise = -1, .seed = 7, .label_col = "last", .test_fraction = 0.25 };
    assert_int_equal(csv_load_pair_opts(fx_path("split.csv"), NULL, &o, &b, &tb), MLP_OK);
    assert_int_equal(csv_split(&a, 0.25, 7, &ta), MLP_OK);
    assert_int_equal(tb.n, 5);
    assert_memory_equal(ta.x, tb.x, 5 * sizeof(mlp_real));
    mlp_data_free(&a);
    mlp_data_free(&ta);
    mlp_data_free(&b);
    mlp_data_free(&tb);
    o.test_fraction = 1;
    assert_int_equal(csv_load_pair_opts(fx_path("split.csv"), NULL, &o, &b, &tb), MLP_EUSAGE);
    assert_zeroed(&b);
    assert_zeroed(&tb);
}

/* ---- hostile input ---------------------------------------------------------------------- */

/* Loads name (text written first when not NULL) and expects status want
 * with a one-line message naming the file, holding needle. */
static void expect_fail(const char *name, const char *text, long len, const char *label_col,
                        mlp_status want, const char *needle)
{
    const char *p = text ? fx_write(name, text, len) : name;
    mlp_data d;
    memset(&d, 0x5a, sizeof d);
    mlp_status s = load_col(p, label_col, &d);
    if (s != want || !strstr(mlp_errmsg(), p) || (needle && !strstr(mlp_errmsg(), needle)))
        fail_msg("%s: status %d (want %d), message: %s", name, (int)s, (int)want, mlp_errmsg());
    assert_null(strchr(mlp_errmsg(), '\n'));
    assert_zeroed(&d);
}

static void test_hostile(void **state)
{
    (void)state;
    expect_fail("empty.csv", "", 0, NULL, MLP_EDATA, "no data rows");
    expect_fail("blank.csv", "\n \n\t\r\n", -1, NULL, MLP_EDATA, "no data rows");
    expect_fail("header-only.csv", "label,a,b\n", -1, NULL, MLP_EDATA, "no data rows");
    expect_fail("header-blank.csv", "label,a,b\n\n\n", -1, NULL, MLP_EDATA, "no data rows");
    expect_fail("ragged.csv", "0,1,2\n1,3\n", -1, NULL, MLP_EDATA, ":2: 2 cells, but the first row has 3");
    expect_fail("ragged-long.csv", "0,1,2\n1,3,4,5\n", -1, NULL, MLP_EDATA, ":2: 4 cells");
    expect_fail("ragged-semicolon.csv", "0;1;2\n\n1;3\n", -1, NULL, MLP_EDATA, ":3:");
    expect_fail("ragged-before-word.csv", "0,1,2\n1,abc\n", -1, NULL, MLP_EDATA, "2 cells");
    expect_fail("word.csv", "0,1,2\n1,abc,4\n", -1, NULL, MLP_EDATA, ":2: column 2: 'abc' is not a number");
    expect_fail("word-last.csv", "1,2,0\n3,x,1\n", -1, "last", MLP_EDATA, "column 2: 'x'");
    expect_fail("empty-cell.csv", "0,1,2\n1,,4\n", -1, NULL, MLP_EDATA, ":2: column 2 is empty");
    expect_fail("trailing-junk.csv", "0,1,2\n1,3x,4\n", -1, NULL, MLP_EDATA, "3x");
    expect_fail("nan.csv", "0,1,2\n1,nan,4\n", -1, NULL, MLP_EDATA, "'nan' is not finite");
    expect_fail("nan-first.csv", "0,NaN,2\n", -1, NULL, MLP_EDATA, ":1: column 2: 'NaN' is not finite");
    expect_fail("nan-first-last.csv", "inf,1,2,nan\n", -1, "last", MLP_EDATA, "column 1: 'inf'");
    expect_fail("inf.csv", "0,1,inf\n", -1, NULL, MLP_EDATA, "'inf' is not finite");
    expect_fail("minus-inf.csv", "0,1,2\n1,-Infinity,4\n", -1, NULL, MLP_EDATA, "-Infinity");
    expect_fail("overflow.csv", "0,1,2\n1,1e400,4\n", -1, NULL, MLP_EDATA, "'1e400' is out of the range");
    expect_fail("overflow-first.csv", "0,-1e400,2\n", -1, NULL, MLP_EDATA, "'-1e400' is out of the range");
    if (!mlp_is_double()) expect_fail("float-overflow.csv", "0,1,2\n1,1e39,4\n", -1, NULL, MLP_EDATA, "'1e39' is out of the range of a float");
    expect_fail("one-column.csv", "0\n1\n", -1, NULL, MLP_EDATA, "at least one feature column");
    expect_fail("nul.csv", "0,1,2\n1,3\0,4\n", 13, NULL, MLP_EDATA, ":2: contains a NUL byte");
    expect_fail("nul-first.csv", "\0\n0,1,2\n", 8, NULL, MLP_EDATA, ":1:");
    expect_fail("nul-quoted.csv", "0,1\n\"a\0b\",2\n", 12, NULL, MLP_EDATA, "NUL");
    expect_fail("unclosed.csv", "0,1\n\"abc,2\n3,4\n", -1, NULL, MLP_EDATA, ":2: a quoted cell is never closed");
    expect_fail("after-quote.csv", "0,1\n\"ab\"c,2\n", -1, NULL, MLP_EDATA, ":2: text after the closing quote");
    expect_fail("empty-label.csv", "a,1\n,2\n", -1, NULL, MLP_EDATA, ":2: empty label");
    expect_fail("one-name.csv", "cat,1\ncat,2\n", -1, NULL, MLP_EDATA, "at least two classes");
    expect_fail("big-label.csv", "0,1\n1,2\n70000,3\n", -1, NULL, MLP_EDATA, ":3: label '70000' is too large");
    expect_fail("huge-label.csv", "0,1\n99999999999999999999,3\n", -1, NULL, MLP_EDATA, "too large");
    /* a label that spans lines shows on one line in the message */
    expect_fail("multiline-cell.csv", "0,1\n1,\"2\n3\"\n", -1, NULL, MLP_EDATA, ":2: column 2: '2?3' is not a number");
    expect_fail(fx_path("missing.csv"), NULL, 0, NULL, MLP_ENOINPUT, "cannot open");
    expect_fail(fx_dir(), NULL, 0, NULL, MLP_ENOINPUT, "directory");
}

static void test_limits(void **state)
{
    (void)state;
    /* a cell of 1 MiB is fine, one byte more is not (the real limit) */
    long big = 1L << 20;
    char *text = malloc((size_t)big + 16);
    assert_non_null(text);
    memcpy(text, "0,1\n1,", 6);
    memset(text + 6, '1', (size_t)big);
    memcpy(text + 6 + big, "\n", 2);
    mlp_data d;
    const char *p = fx_write("cell-ok.csv", text, 6 + big + 1);
    assert_int_equal(load_col(p, NULL, &d), MLP_EDATA); /* 1e1048575 overflows, but it was read */
    assert_non_null(strstr(mlp_errmsg(), "out of the range"));
    memset(text + 6, 'a', (size_t)big + 1);
    memcpy(text + 7 + big, "\n", 2);
    expect_fail("cell-long.csv", text, 6 + big + 2, NULL, MLP_EDATA, ":2: a cell longer than 1048576 bytes");
    text[6] = '"';
    expect_fail("cell-long-quoted.csv", text, 6 + big + 2, NULL, MLP_EDATA, "a cell longer than");
    free(text);

    /* columns and values, against lowered limits */
    csv_limits saved = csv_limit;
    csv_limit.max_cols = 4;
    must_load("cols-ok.csv", "0,1,2,3\n", NULL, &d);
    assert_int_equal(d.d, 3);
    mlp_data_free(&d);
    expect_fail("cols.csv", "0,1,2,3,4\n", -1, NULL, MLP_EDATA, ":1: more than 4 columns");
    assert_int_equal(load_col(fx_path("cols.csv"), "5", &d), MLP_EUSAGE); /* beyond the limit: refused at once */
    csv_limit = saved;
    csv_limit.max_values = 9;
    must_load("values-ok.csv", "0,1,2\n1,2,3\n0,3,4\n", NULL, &d);
    assert_int_equal(d.n, 3);
    mlp_data_free(&d);
    expect_fail("values.csv", "0,1,2\n1,2,3\n\n0,3,4\n1,4,5\n", -1, NULL, MLP_EDATA, ":5: more than 9 values");
    csv_limit = saved;
    /* many rows grow the buffers */
    p = fx_path("rows.csv");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    for (int i = 0; i < 5000; i++) fprintf(f, "%d;%d;%d\n", i % 7, i, -i);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(load_col(p, NULL, &d), MLP_OK);
    assert_int_equal(d.n, 5000);
    assert_int_equal(d.classes, 7);
    for (int i = 0; i < 5000; i += 499) assert_row(&d, i, i % 7, (double[]){ i, -i });
    mlp_data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_label_col),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_many_labels),
        cmocka_unit_test(test_pair),
        cmocka_unit_test(test_named),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

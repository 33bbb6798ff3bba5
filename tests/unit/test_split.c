/* test_split.c - validation hold-out and feature statistics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "internal.h"

static void make_set(mlp_data *d, int n, int bytes)
{
    memset(d, 0, sizeof *d);
    d->n = n;
    d->d = 2;
    d->classes = 3;
    d->y = test_malloc(sizeof *d->y * n);
    if (bytes) d->x8 = test_malloc((size_t)n * 2);
    else d->x = test_malloc(sizeof *d->x * n * 2);
    for (int i = 0; i < n; i++) {
        d->y[i] = i % 3;
        if (bytes) { d->x8[2 * i] = (uint8_t)i; d->x8[2 * i + 1] = 255; }
        else { d->x[2 * i] = (mlp_real)i; d->x[2 * i + 1] = 7; }
    }
}

static void free_set(mlp_data *d)
{
    test_free(d->x);
    test_free(d->x8);
    test_free(d->y);
}

static void test_tail_moves_last_rows(void **state)
{
    (void)state;
    for (int bytes = 0; bytes <= 1; bytes++) {
        mlp_data d, v;
        make_set(&d, 10, bytes);
        assert_int_equal(mlp_data_split_tail(&d, 3, &v), MLP_OK);
        assert_int_equal(d.n, 7);
        assert_int_equal(v.n, 3);
        assert_int_equal(v.d, 2);
        assert_int_equal(v.classes, 3);
        for (int i = 0; i < 3; i++) {
            assert_int_equal(v.y[i], (7 + i) % 3);
            double x0 = bytes ? v.x8[2 * i] : v.x[2 * i];
            assert_true(x0 == 7 + i);
        }
        mlp_data_free(&v);
        d.n = 10;
        free_set(&d);
    }
}

static void test_tail_refuses_bad_counts(void **state)
{
    (void)state;
    mlp_data d, v;
    make_set(&d, 5, 0);
    assert_int_equal(mlp_data_split_tail(&d, 0, &v), MLP_EUSAGE);
    assert_int_equal(mlp_data_split_tail(&d, 5, &v), MLP_EUSAGE);
    assert_int_equal(mlp_data_split_tail(&d, -1, &v), MLP_EUSAGE);
    assert_true(strlen(mlp_errmsg()) > 0);
    assert_int_equal(d.n, 5);
    free_set(&d);
}

static void test_stats(void **state)
{
    (void)state;
    mlp_data d;
    mlp_real mean[2], sd[2];
    make_set(&d, 4, 0); /* column 0: 0 1 2 3, column 1: constant 7 */
    assert_int_equal(mlp_data_stats(&d, mean, sd), MLP_OK);
    assert_true(fabs(mean[0] - 1.5) < 1e-6);
    assert_true(fabs(sd[0] - sqrt(1.25)) < 1e-6);
    assert_true(fabs(mean[1] - 7) < 1e-6);
    assert_true(sd[1] == 1); /* zero deviation becomes 1 */
    free_set(&d);
    make_set(&d, 2, 1); /* bytes are seen scaled: 0/255 and 1/255, 1.0 */
    assert_int_equal(mlp_data_stats(&d, mean, sd), MLP_OK);
    assert_true(fabs(mean[0] - 0.5 / 255) < 1e-7);
    assert_true(fabs(mean[1] - 1) < 1e-6);
    free_set(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tail_moves_last_rows),
        cmocka_unit_test(test_tail_refuses_bad_counts),
        cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}

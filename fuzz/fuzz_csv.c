/*
 * fuzz_csv.c - CSV tables (src/data/csv.c). The first input byte picks the
 * reader and its options, the rest is the file:
 *   bits 0-2: 0 csv_load (the strict reader), 1 csv_load_opts with the label
 *             in the first column, 2 label_col "last", 3 label_col "2",
 *             4 label_col "label" (a header name), 5 csv_load_pair_opts with
 *             test fraction 0.25, 6 the same with "last" and 0.5, 7 a
 *             training file and a test file: the input up to "\n===\n"
 *             is one, the rest the other, through csv_load_pair_opts;
 *   bit 3:    csv_load_named against 3 names "a" "b" "c" (bit 4 set) or
 *             against class numbers below 3 (bit 4 clear), instead;
 *   bit 5:    small limits (64 columns, 64-byte cells, 1024 values), so the
 *             limit checks are reached by small inputs.
 */
#include "fuzz.h"
#include "data/csv.h"
#include "data/data.h"

static const char *const names3[3] = { "a", "b", "c" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned sel = data[0];
    data++;
    size--;
    const char *path = fuzz_path(0, "csv"), *test_path = NULL;
    const csv_limits saved = csv_limit;
    if (sel & 0x20) {
        csv_limit.max_cols = 64;
        csv_limit.max_cell = 64;
        csv_limit.max_values = 1024;
    }
    mlp_data_opts o;
    memset(&o, 0, sizeof o);
    o.seed = 7;
    static const char *cols[8] = { NULL, NULL, "last", "2", "label", NULL, "last", NULL };
    unsigned mode = sel & 7;
    o.label_col = cols[mode];
    mlp_data a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);

    if (mode == 7 && !(sel & 0x08)) {
        static const char mark[] = "\n===\n";
        const uint8_t *m = NULL;
        for (size_t i = 0; i + 5 <= size && !m; i++)
            if (memcmp(data + i, mark, 5) == 0) m = data + i;
        size_t n1 = m ? (size_t)(m - data) : size;
        fuzz_write(path, data, n1 + (m ? 1 : 0)); /* keep the line's end */
        if (m) {
            test_path = fuzz_path(1, "csv");
            fuzz_write(test_path, m + 5, size - n1 - 5);
        }
    } else {
        fuzz_write(path, data, size);
    }

    if (sel & 0x08) {
        if (csv_load_named(path, &o, 3, (sel & 0x10) ? names3 : NULL, &a) == MLP_OK) mlp_data_free(&a);
    } else if (mode == 0) {
        if (csv_load(path, &a) == MLP_OK) mlp_data_free(&a);
    } else if (mode <= 4) {
        if (csv_load_opts(path, &o, &a) == MLP_OK) mlp_data_free(&a);
    } else {
        o.test_fraction = mode == 5 ? 0.25 : mode == 6 ? 0.5 : 0;
        if (csv_load_pair_opts(path, test_path, &o, &a, &b) == MLP_OK) {
            mlp_data_free(&a);
            mlp_data_free(&b);
        }
    }
    csv_limit = saved;
    return 0;
}

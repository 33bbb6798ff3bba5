/*
 * fuzz_table.c - the CSV tables the command reads back (cli/table.c):
 * training logs for mlp plot and mlp report, results.csv for the sweep
 * heatmap. The input is the file; every cell of a table that loads is
 * then read as text and as a number, and a column looked up by name.
 * The reader prints its one-line errors to stderr (the fuzzer's log).
 */
#include "fuzz.h"
#include "table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(0, "table");
    fuzz_write(path, data, size);
    table t;
    if (table_read("fuzz", path, &t) != 0) return 0;
    volatile size_t sink = 0;
    for (int r = 0; r < t.nrow; r++)
        for (int c = 0; c < t.ncol; c++) {
            double v;
            sink += strlen(table_get(&t, r, c));
            if (table_num(&t, r, c, &v) == 0) sink += v > 0;
        }
    sink += (size_t)(table_col(&t, "lr") + table_col(&t, "acc"));
    (void)sink;
    table_free(&t);
    return 0;
}

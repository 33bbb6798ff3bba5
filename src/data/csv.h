/*
 * csv.h - CSV tables as labelled sets (docs/DATA.md, "CSV").
 *
 * A table is read as a stream, one cell at a time, so memory is the rows
 * themselves plus one cell; nothing is held per line. Rules in short:
 *  - the delimiter is the one of ',' ';' TAB found most often on the first
 *    non-blank line outside double quotes (ties: ',' then ';' then TAB);
 *  - a cell may be double-quoted ("a,b" is one cell, "" inside is a quote,
 *    a quoted cell may span lines); spaces around cells are dropped;
 *  - the first record is a header when any of its feature cells is not a
 *    number, or when it holds the label column named by label_col=NAME;
 *  - the label column is the first, or opts->label_col: "N" (1-based),
 *    "last", or a header NAME;
 *  - labels that are all whole numbers (digits only, at most 65535) are the
 *    class indices themselves (classes = largest + 1, at least 2); otherwise
 *    every label is a string, classes are numbered in byte (strcmp) order as
 *    scikit-learn's LabelEncoder does, and the names are kept in
 *    mlp_data.class_names.
 * Errors are one line, "PATH:LINE: problem" (or "PATH: problem"); bad data
 * is MLP_EDATA, a missing file or a directory MLP_ENOINPUT, a label_col that
 * does not fit the file MLP_EUSAGE. On failure every output set is zeroed.
 */
#ifndef MLP_CSV_H
#define MLP_CSV_H

#include "internal.h"

/* Bounds on what one file may hold; larger files are refused with a message
 * before the memory is taken. Tests may lower them (never raise them
 * beyond these defaults). */
typedef struct {
    long    max_cols;   /* cells per row: 1 << 24 */
    long    max_cell;   /* bytes in one cell: 1 MiB */
    int64_t max_values; /* rows x columns: 1 << 31 */
} csv_limits;
extern csv_limits csv_limit;

#define CSV_MAX_CLASSES 65536 /* distinct labels, and 1 + the largest class number */

/* The original reader, kept as it was: label in the first column, which
 * must be a class number 0..65535 (no string labels); a first row with any
 * non-numeric cell is a header. */
mlp_status csv_load(const char *path, mlp_data *d);

/* One file with the rules above; o may be NULL (label in the first column).
 * o->test_fraction is not applied here (see csv_load_pair_opts). */
mlp_status csv_load_opts(const char *path, const mlp_data_opts *o, mlp_data *d);

/* One file whose labels must be classes already known: with names (n of
 * them, any order) every label must be one of the names, and its class is
 * its index in names; with names NULL every label must be a class number
 * below n. For a test file, or a CSV evaluated with a model. */
mlp_status csv_load_named(const char *path, const mlp_data_opts *o, int32_t n,
                          const char *const *names, mlp_data *d);

/* csv:TRAIN[,TEST]. test_path NULL: test is empty, or, when
 * o->test_fraction > 0, split off train by csv_split with o->seed. With a
 * test file: both must have the same number of features; with string labels
 * in train, every test label must be one of train's names (else MLP_EDATA
 * naming the test file, line and label), and test gets a copy of the names;
 * with class numbers, both sets take the larger class count. A test file
 * together with a test fraction is MLP_EUSAGE. */
mlp_status csv_load_pair_opts(const char *train_path, const char *test_path,
                              const mlp_data_opts *o, mlp_data *train, mlp_data *test);

/* Moves ceil(fraction * n) rows of set (as scikit-learn's train_test_split
 * counts them) into test, a new set with the same width, classes, class
 * names (copied) and shape. Which rows: the first ones of a permutation of
 * 0..n-1 drawn by mlp_rng_shuffle from mlp_rng_seed(seed ^ 0x73706c6974)
 * ("split"); both sets keep the rows' original order. Works on real and on
 * byte features. 0 < fraction < 1, and at least one row must stay in set,
 * else MLP_EUSAGE. On failure set is unchanged and test zeroed. */
mlp_status csv_split(mlp_data *set, double fraction, uint64_t seed, mlp_data *test);

#endif

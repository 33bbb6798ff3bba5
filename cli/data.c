/* data.c - `mlp data`: list the sources, describe one, write a synthetic
 * set as CSV (docs/DATA.md, "mlp data"). */
#include "common.h"
#include "io/atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define PATH_SIZE 4096

static const cmd_info info_data = {
    "data", "mlp data list | info SRC | make NAME --out FILE.csv",
    "Data sources: list them and where they were found, describe one, or write\n"
    "a synthetic set as CSV. mlp data COMMAND --help shows a command's flags.",
    "commands:\n"
    "  list                  every source: mnist and fashion-mnist with where they\n"
    "                        were found (or why not), the synthetic sets, csv: and idx:\n"
    "  info SRC              per split: samples, features, image shape, classes with\n"
    "                        their counts, value range; each file's path, size and CRC-32\n"
    "  make NAME --out FILE  write the training split of a synthetic set as CSV\n\n"
    "exit status: 0 done, 2 bad usage, 65 bad data, 66 missing input,\n"
    "73 cannot create output, 74 I/O error.\n"
};

static const cmd_info info_list = {
    "data list", "mlp data list",
    "Lists every data source: mnist and fashion-mnist with the directory where\n"
    "each was found ($MLP_DATA/NAME, ./data/NAME, /usr/share/datasets/NAME) or\n"
    "why not, the synthetic sets, and the csv: and idx: forms.", NULL
};

static const cmd_info info_info = {
    "data info", "mlp data info SRC [flags]",
    "Loads SRC and describes each split: samples, features, image shape, classes\n"
    "and the samples in each, and the range of the values. For file sources also\n"
    "each file's path, size in bytes and CRC-32 (zlib's, of the file as stored).",
    "exit status: 0 done, 2 bad usage, 65 bad data, 66 missing input, 74 I/O error.\n"
};

static const cmd_info info_make = {
    "data make", "mlp data make NAME --out FILE.csv [flags]",
    "Writes the training split of the synthetic set NAME as CSV: a header line,\n"
    "then one sample per line, the class label first. The file appears whole or\n"
    "not at all; `mlp train --data csv:FILE.csv` reads it back.",
    "exit status: 0 done, 2 bad usage, 73 cannot create output, 74 write error.\n"
};

/* The synthetic names the issue defines; `list` shows those the library has. */
static const char *const synth_names[] = {"circles", "synth", "xor", "spiral", "moons", "blobs"};
#define N_SYNTH (int)(sizeof synth_names / sizeof *synth_names)

static int is_file_source(const char *src)
{
    return strcmp(src, "mnist") == 0 || strcmp(src, "fashion-mnist") == 0 ||
           strncmp(src, "idx:", 4) == 0 || strncmp(src, "csv:", 4) == 0;
}

/* The data flags of info and make: --n, --noise, --seed. */
typedef struct { int n; double noise; uint64_t seed; } synth_flags;

static int add_synth_specs(synth_flags *f, arg_spec *s, int k)
{
    s[k++] = (arg_spec){"--n", ARG_INT, &f->n, 1, 1e8, "N", "samples in each split of a synthetic set (default 1000)", 0};
    s[k++] = (arg_spec){"--noise", ARG_REAL, &f->noise, 0, 10, "X", "noise of a synthetic set (default: the set's own)", 0};
    s[k++] = (arg_spec){"--seed", ARG_U64, &f->seed, 0, 0, "N", "seed of a synthetic set (default 1)", 0};
    return k;
}

/* ---- list ---------------------------------------------------------------- */

static int data_list(int argc, char **argv)
{
    arg_spec specs[] = {{0}};
    char *pos[1];
    int npos;
    int r = args_parse(&info_list, specs, argc, argv, pos, 0, &npos);
    if (r) return r < 0 ? 0 : r;

    const char *named[] = {"mnist", "fashion-mnist"};
    char dir[PATH_SIZE];
    for (int i = 0; i < 2; i++) {
        mlp_status s = mlp_data_locate(named[i], dir, sizeof dir);
        if (s == MLP_OK) {
            printf("%-26s found in %s\n", named[i], dir);
        } else {
            const char *m = mlp_errmsg();
            size_t len = strlen(named[i]);
            if (strncmp(m, named[i], len) == 0 && m[len] == ':') m += len + 2;
            printf("%-26s %s\n", named[i], m);
        }
    }
    for (int i = 0; i < N_SYNTH; i++) {
        mlp_data tr, te;
        mlp_data_opts o = {.n = 2, .noise = -1, .seed = 1};
        if (mlp_data_load(synth_names[i], &o, &tr, &te) != MLP_OK) continue;
        printf("%-26s synthetic: %d features, %d classes (--n, --noise, --seed)\n",
               synth_names[i], (int)tr.d, (int)tr.classes);
        mlp_data_free(&tr);
        mlp_data_free(&te);
    }
    printf("%-26s %s\n", "idx:DIR", "IDX files in DIR: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-... (.gz or not)");
    printf("%-26s %s\n", "csv:TRAIN.csv[,TEST.csv]", "CSV tables, the class label in the first column");
    return 0;
}

/* ---- info ---------------------------------------------------------------- */

/* Prints a file's path, size and CRC-32; MLP_EIO/MLP_ENOINPUT on failure. */
static int describe_file(const char *role, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return cli_error("data info", MLP_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    unsigned char buf[1 << 16];
    uLong crc = crc32(0L, Z_NULL, 0);
    long long size = 0;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        crc = crc32(crc, buf, (uInt)got);
        size += (long long)got;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) return cli_error("data info", MLP_EIO, "%s: read error", path);
    printf("file %-12s %s  %lld bytes  crc32 %08lx\n", role, path, size, (unsigned long)crc);
    return 0;
}

static int describe_files(const char *src)
{
    if (strncmp(src, "csv:", 4) == 0) {
        const char *spec = src + 4, *comma = strchr(spec, ',');
        char first[PATH_SIZE];
        size_t len = comma ? (size_t)(comma - spec) : strlen(spec);
        if (len >= sizeof first) return cli_error("data info", MLP_ENOINPUT, "%.60s...: path too long", spec);
        memcpy(first, spec, len);
        first[len] = 0;
        int r = describe_file("train", first);
        if (!r && comma) r = describe_file("test", comma + 1);
        return r;
    }
    char dir[PATH_SIZE], path[PATH_SIZE];
    if (mlp_data_locate(src, dir, sizeof dir) != MLP_OK) return cli_fail("data info", MLP_ENOINPUT);
    printf("found in %s\n", dir);
    static const char *const roles[4] = {"train-images", "train-labels", "test-images", "test-labels"};
    for (int i = 0; i < 4; i++) {
        if (mlp_data_idx_file(dir, i, path, sizeof path) != MLP_OK) continue; /* no test split */
        int r = describe_file(roles[i], path);
        if (r) return r;
    }
    return 0;
}

static void describe_split(const char *name, const mlp_data *d)
{
    if (d->n == 0) {
        printf("%s: none\n", name);
        return;
    }
    printf("%s: %ld samples, %ld features", name, (long)d->n, (long)d->d);
    if (d->shape[0]) {
        printf(", images %dx%d", (int)d->shape[0], (int)d->shape[1]);
        if (d->shape[2] != 1) printf("x%d", (int)d->shape[2]);
    }
    printf(", %ld classes", (long)d->classes);
    size_t total = (size_t)d->n * (size_t)d->d;
    if (d->x8) {
        uint8_t lo = 255, hi = 0;
        for (size_t i = 0; i < total; i++) {
            if (d->x8[i] < lo) lo = d->x8[i];
            if (d->x8[i] > hi) hi = d->x8[i];
        }
        printf(", values %d..%d (bytes, scaled to %g..%g as batches are read)\n", lo, hi, lo / 255.0, hi / 255.0);
    } else {
        mlp_real lo = d->x[0], hi = d->x[0];
        for (size_t i = 1; i < total; i++) {
            if (d->x[i] < lo) lo = d->x[i];
            if (d->x[i] > hi) hi = d->x[i];
        }
        printf(", values %.9g..%.9g\n", (double)lo, (double)hi);
    }
    long *count = calloc((size_t)d->classes, sizeof *count);
    if (!count) return;
    for (int32_t i = 0; i < d->n; i++)
        if (d->y[i] >= 0 && d->y[i] < d->classes) count[d->y[i]]++;
    printf("%s class counts:", name);
    for (int32_t k = 0; k < d->classes; k++) printf(" %ld", count[k]);
    printf("\n");
    if (d->class_names) {
        printf("%s class names:", name);
        for (int32_t k = 0; k < d->classes; k++) printf(" %d=%s", (int)k, d->class_names[k]);
        printf("\n");
    }
    free(count);
}

static int data_info(int argc, char **argv)
{
    synth_flags sf = {0, -1, 1};
    const char *label_col = NULL;
    double test_fraction = 0;
    arg_spec specs[8];
    int k = add_synth_specs(&sf, specs, 0);
    specs[k++] = (arg_spec){"--label-col", ARG_STR, &label_col, 0, 0, "N|NAME|last", "CSV label column (default: the first)", 0};
    specs[k++] = (arg_spec){"--test", ARG_REAL, &test_fraction, 0, 0.99, "FRACTION", "CSV without a test file: hold out this fraction as test", 0};
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos;
    int r = args_parse(&info_info, specs, argc, argv, pos, 1, &npos);
    if (r) return r < 0 ? 0 : r;
    if (npos != 1) return cli_error("data info", MLP_EUSAGE, "needs a source, as in mlp data info fashion-mnist (see mlp data list)");
    const char *src = pos[0];

    mlp_data tr, te;
    mlp_data_opts o = {.n = sf.n, .noise = sf.noise, .seed = sf.seed,
                       .label_col = label_col, .test_fraction = test_fraction};
    mlp_status s = mlp_data_load(src, &o, &tr, &te);
    if (s != MLP_OK) return cli_fail("data info", s);
    printf("source %s\n", src);
    if (is_file_source(src)) r = describe_files(src);
    if (!r) {
        describe_split("train", &tr);
        describe_split("test", &te);
    }
    mlp_data_free(&tr);
    mlp_data_free(&te);
    return r;
}

/* ---- make ---------------------------------------------------------------- */

static int data_make(int argc, char **argv)
{
    synth_flags sf = {0, -1, 1};
    const char *out = NULL;
    arg_spec specs[8];
    int k = 0;
    specs[k++] = (arg_spec){"--out", ARG_STR, &out, 0, 0, "FILE.csv", "write the CSV here (required)", 0};
    k = add_synth_specs(&sf, specs, k);
    specs[k] = (arg_spec){0};
    char *pos[1];
    int npos;
    int r = args_parse(&info_make, specs, argc, argv, pos, 1, &npos);
    if (r) return r < 0 ? 0 : r;
    if (npos != 1) return cli_error("data make", MLP_EUSAGE, "needs the name of a synthetic set, as in mlp data make circles --out circles.csv");
    if (!out) return cli_error("data make", MLP_EUSAGE, "needs --out FILE.csv");
    const char *name = pos[0];
    if (is_file_source(name))
        return cli_error("data make", MLP_EUSAGE, "'%s' is not a synthetic set (see mlp data list)", name);

    mlp_data tr, te;
    mlp_data_opts o = {.n = sf.n, .noise = sf.noise, .seed = sf.seed};
    mlp_status s = mlp_data_load(name, &o, &tr, &te);
    if (s == MLP_EUSAGE) return cli_error("data make", MLP_EUSAGE, "unknown synthetic set '%s' (see mlp data list)", name);
    if (s != MLP_OK) return cli_fail("data make", s);

    mlp_afile f;
    s = mlp_afile_open(&f, out);
    char line[256];
    int prec = mlp_is_double() ? 17 : 9;
    if (s == MLP_OK) {
        int len = snprintf(line, sizeof line, "label");
        for (int32_t j = 0; j < tr.d && s == MLP_OK; j++) {
            len += snprintf(line + len, sizeof line - (size_t)len, ",x%d", (int)j + 1);
            if ((size_t)len > sizeof line - 32) { s = mlp_afile_write(&f, line, (size_t)len); len = 0; }
        }
        line[len++] = '\n';
        if (s == MLP_OK) s = mlp_afile_write(&f, line, (size_t)len);
    }
    mlp_real *row = s == MLP_OK ? mlp_alloc((size_t)tr.d, sizeof *row, "row") : NULL;
    if (s == MLP_OK && !row) { mlp_afile_abort(&f); s = MLP_ENOMEM; }
    for (int32_t i = 0; i < tr.n && s == MLP_OK; i++) {
        int len = snprintf(line, sizeof line, "%d", (int)tr.y[i]);
        mlp_data_gather(&tr, &i, 1, row, NULL);
        for (int32_t j = 0; j < tr.d && s == MLP_OK; j++) {
            len += snprintf(line + len, sizeof line - (size_t)len, ",%.*g", prec, (double)row[j]);
            if ((size_t)len > sizeof line - 40) { s = mlp_afile_write(&f, line, (size_t)len); len = 0; }
        }
        line[len++] = '\n';
        if (s == MLP_OK) s = mlp_afile_write(&f, line, (size_t)len);
    }
    free(row);
    if (s == MLP_OK) s = mlp_afile_commit(&f);
    else if (f.f) mlp_afile_abort(&f);
    if (s == MLP_OK) printf("wrote %ld samples of %s (%ld features, %ld classes) to %s\n",
                            (long)tr.n, name, (long)tr.d, (long)tr.classes, out);
    mlp_data_free(&tr);
    mlp_data_free(&te);
    return s == MLP_OK ? 0 : cli_fail("data make", s);
}

int cmd_data(int argc, char **argv)
{
    if (argc < 2) return cli_error("data", MLP_EUSAGE, "needs a command: list, info SRC or make NAME --out FILE.csv (see mlp help data)");
    const char *c = argv[1];
    if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0) {
        printf("usage: %s\n\n%s\n\n%s", info_data.usage, info_data.summary, info_data.details);
        return 0;
    }
    if (strcmp(c, "list") == 0) return data_list(argc - 1, argv + 1);
    if (strcmp(c, "info") == 0) return data_info(argc - 1, argv + 1);
    if (strcmp(c, "make") == 0) return data_make(argc - 1, argv + 1);
    return cli_error("data", MLP_EUSAGE, "unknown command '%s' (expected list, info or make; see mlp help data)", c);
}

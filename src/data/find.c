/*
 * find.c - IDX sources by name (docs/DATA.md, "Named sources"): where
 * `mnist` and `fashion-mnist` are found, the four standard file names of an
 * IDX directory, and the rules that tie its training and test files
 * together (same width, labels that number the classes).
 */
#include "data/data.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PATH_SIZE 4096

/* The four files of an IDX directory, by their standard names; each may
 * also be gzip-compressed (.gz, as Debian's dataset-fashion-mnist ships
 * them) or spelt with a dot before idxN (as some mirrors do). */
static const char *const idx_names[4] = {
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
};

static const char *const fashion_names[10] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
};

static const struct { const char *name, *how; } named[] = {
    {"mnist", "put MNIST's four IDX files (train-images-idx3-ubyte.gz, ...) in $MLP_DATA/mnist/ or ./data/mnist/"},
    {"fashion-mnist", "install it with 'apt-get install dataset-fashion-mnist', or put its four IDX files in $MLP_DATA/fashion-mnist/"},
};

static int is_named(const char *src)
{
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strcmp(src, named[i].name) == 0) return (int)i;
    return -1;
}

/* dir/name into out; 0 when it does not fit. */
static int join(char *out, size_t size, const char *dir, const char *name)
{
    size_t len = strlen(dir);
    const char *sep = len && dir[len - 1] == '/' ? "" : "/";
    int r = snprintf(out, size, "%s%s%s", dir, sep, name);
    return r >= 0 && (size_t)r < size;
}

mlp_status mlp_data_idx_file(const char *dir, int which, char *path, size_t size)
{
    if (which < 0 || which > 3) return mlp_fail(MLP_EUSAGE, "IDX file number %d (wanted 0..3)", which);
    char name[64];
    for (int v = 0; v < 4; v++) {
        snprintf(name, sizeof name, "%s%s", idx_names[which], v & 1 ? ".gz" : "");
        if (v >= 2) { /* train-images.idx3-ubyte */
            char *dash = strstr(name, "-idx");
            if (!dash) continue;
            *dash = '.';
        }
        if (!join(path, size, dir, name)) return mlp_fail(MLP_ENOINPUT, "%s: path too long", dir);
        struct stat st;
        if (stat(path, &st) == 0) return MLP_OK;
    }
    if (size) *path = 0;
    return mlp_fail(MLP_ENOINPUT, "%s: no %s or %s.gz in this directory", dir, idx_names[which], idx_names[which]);
}

mlp_status mlp_data_locate(const char *src, char *dir, size_t size)
{
    char path[PATH_SIZE];
    if (strncmp(src, "idx:", 4) == 0) {
        const char *d = src + 4;
        if (!*d) return mlp_fail(MLP_EUSAGE, "idx: needs a directory, as in idx:data/mnist");
        struct stat st;
        if (stat(d, &st) != 0) return mlp_fail(MLP_ENOINPUT, "%s: cannot open: %s", d, strerror(errno));
        if (!S_ISDIR(st.st_mode))
            return mlp_fail(MLP_ENOINPUT, "%s: not a directory (idx:DIR names the folder holding the four IDX files)", d);
        mlp_status s = mlp_data_idx_file(d, 0, path, sizeof path);
        if (s != MLP_OK) return s;
        if (snprintf(dir, size, "%s", d) >= (int)size) return mlp_fail(MLP_ENOINPUT, "%s: path too long", d);
        return MLP_OK;
    }
    int k = is_named(src);
    if (k < 0)
        return mlp_fail(MLP_EUSAGE, "'%s' is not an IDX source (mnist, fashion-mnist or idx:DIR)", src);

    /* $MLP_DATA/NAME, ./data/NAME, /usr/share/datasets/NAME: the first that
     * holds the training images. */
    char cand[3][PATH_SIZE];
    int nc = 0;
    const char *env = getenv("MLP_DATA");
    if (env && *env && join(cand[nc], PATH_SIZE, env, src)) nc++;
    join(cand[nc++], PATH_SIZE, "./data", src);
    join(cand[nc++], PATH_SIZE, "/usr/share/datasets", src);
    for (int i = 0; i < nc; i++) {
        struct stat st;
        if (stat(cand[i], &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        if (mlp_data_idx_file(cand[i], 0, path, sizeof path) != MLP_OK) continue;
        if (snprintf(dir, size, "%s", cand[i]) >= (int)size) return mlp_fail(MLP_ENOINPUT, "%s: path too long", cand[i]);
        return MLP_OK;
    }
    if (size) *dir = 0;
    return mlp_fail(MLP_ENOINPUT, "%s: not found: no %s[.gz] in %s%s%s or %s%s; %s", src, idx_names[0],
                    cand[0], nc == 3 ? ", " : "", nc == 3 ? cand[1] : "", cand[nc - 1],
                    nc == 3 ? "" : " (MLP_DATA is not set)", named[k].how);
}

/* Checks that the training labels number the classes 0..K-1 with every
 * class present, and that the test labels stay below K. */
static mlp_status check_classes(const char *train_labels, mlp_data *train,
                                const char *test_labels, mlp_data *test, int expect)
{
    int32_t K = train->classes; /* max label + 1, at most 256 */
    long count[256] = {0};
    for (int32_t i = 0; i < train->n; i++) count[train->y[i]]++;
    int32_t gap = 0;
    while (gap < K && count[gap]) gap++;
    if (gap < K) {
        int32_t above = gap;
        while (!count[above]) above++;
        int32_t item = 0;
        while (train->y[item] != above) item++;
        char missing[32];
        if (above - 1 > gap) snprintf(missing, sizeof missing, "s %d..%d", (int)gap, (int)above - 1);
        else snprintf(missing, sizeof missing, " %d", (int)gap);
        return mlp_fail(MLP_EDATA, "%s: label %d at item %ld, but no item has label%s: labels must number the classes 0..K-1, each present (docs/DATA.md)",
                        train_labels, (int)above, (long)item, missing);
    }
    if (expect && K != expect)
        return mlp_fail(MLP_EDATA, "%s: labels 0..%d, but this set has the %d classes 0..%d",
                        train_labels, (int)K - 1, expect, expect - 1);
    if (test->n && test->classes > K) {
        int32_t item = 0;
        while (test->y[item] < K) item++;
        return mlp_fail(MLP_EDATA, "%s: label %d at item %ld, but the training labels (%s) have classes 0..%d",
                        test_labels, (int)test->y[item], (long)item, train_labels, (int)K - 1);
    }
    if (test->n) test->classes = K;
    return MLP_OK;
}

static mlp_status set_names(mlp_data *d, const char *const *names, int32_t k)
{
    d->class_names = mlp_zalloc((size_t)k, sizeof *d->class_names, "class names");
    if (!d->class_names) return MLP_ENOMEM;
    for (int32_t i = 0; i < k; i++) {
        size_t len = strlen(names[i]) + 1;
        if (!(d->class_names[i] = mlp_alloc(len, 1, "class names"))) return MLP_ENOMEM;
        memcpy(d->class_names[i], names[i], len);
    }
    return MLP_OK;
}

static mlp_status load_dir(const char *dir, int k, mlp_data *train, mlp_data *test)
{
    char path[4][PATH_SIZE];
    mlp_status s = MLP_OK, found[4];
    for (int i = 0; i < 4; i++) found[i] = mlp_data_idx_file(dir, i, path[i], PATH_SIZE);
    /* The training pair is required; the test pair is both or neither. */
    for (int i = 0; i < 4; i++)
        if (found[i] != MLP_OK && (i < 2 || found[5 - i] == MLP_OK))
            return mlp_data_idx_file(dir, i, path[i], PATH_SIZE);
    s = idx_load_pair(path[0], path[1], train);
    if (s == MLP_OK && found[2] == MLP_OK) s = idx_load_pair(path[2], path[3], test);
    if (s == MLP_OK && test->n && test->d != train->d)
        s = mlp_fail(MLP_EDATA, "%s: %d values per image, but %s has %d", path[2], (int)test->d, path[0], (int)train->d);
    if (s == MLP_OK && test->n && memcmp(test->shape, train->shape, sizeof test->shape) != 0)
        s = mlp_fail(MLP_EDATA, "%s: images of %dx%dx%d, but %s has %dx%dx%d", path[2],
                     (int)test->shape[0], (int)test->shape[1], (int)test->shape[2], path[0],
                     (int)train->shape[0], (int)train->shape[1], (int)train->shape[2]);
    if (s == MLP_OK) s = check_classes(path[1], train, path[3], test, k >= 0 ? 10 : 0);
    if (s == MLP_OK && k == 1) {
        s = set_names(train, fashion_names, 10);
        if (s == MLP_OK && test->n) s = set_names(test, fashion_names, 10);
    }
    if (s != MLP_OK) { mlp_data_free(train); mlp_data_free(test); }
    return s;
}

mlp_status idx_load_source(const char *src, mlp_data *train, mlp_data *test, int *known)
{
    int k = is_named(src);
    *known = k >= 0 || strncmp(src, "idx:", 4) == 0;
    if (!*known) return MLP_EUSAGE;
    char dir[PATH_SIZE];
    mlp_status s = mlp_data_locate(src, dir, sizeof dir);
    if (s != MLP_OK) return s;
    return load_dir(dir, k, train, test);
}

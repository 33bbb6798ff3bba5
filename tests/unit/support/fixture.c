/* fixture.c - the temporary folder and file helpers of the unit tests
 * (fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

int fx_setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    int n = snprintf(dir, sizeof dir, "%s/mlp-test-XXXXXX", base);
    if (n < 0 || (size_t)n >= sizeof dir) {
        fprintf(stderr, "fixture: TMPDIR is too long: %s\n", base);
        dir[0] = '\0';
        return -1;
    }
    if (!mkdtemp(dir)) {
        fprintf(stderr, "fixture: cannot make a folder %s\n", dir);
        dir[0] = '\0';
        return -1;
    }
    return 0;
}

int fx_teardown(void **state)
{
    (void)state;
    return dir[0] ? fx_remove(dir) : -1;
}

const char *fx_dir(void)
{
    return dir;
}

const char *fx_join(const char *parent, const char *name)
{
    static char buf[FX_RING][FX_PATH_MAX];
    static int k;
    k = (k + 1) % FX_RING;
    int n = snprintf(buf[k], sizeof buf[k], "%s/%s", parent, name);
    if (n < 0 || (size_t)n >= sizeof buf[k]) fail_msg("fixture: path too long: %s/%s", parent, name);
    return buf[k];
}

const char *fx_path(const char *name)
{
    return fx_join(dir, name);
}

const char *fx_subdir(const char *name)
{
    const char *p = fx_path(name);
    fx_remove(p);
    if (mkdir(p, 0700) != 0) fail_msg("fixture: cannot make the folder %s", p);
    return p;
}

const char *fx_write_to(const char *path, const void *bytes, long len)
{
    size_t n = len < 0 ? strlen(bytes) : (size_t)len;
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("fixture: cannot write %s", path);
    if (n) assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

const char *fx_write(const char *name, const void *bytes, long len)
{
    return fx_write_to(fx_path(name), bytes, len);
}

unsigned char *fx_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("fixture: cannot read %s", path);
    unsigned char *b = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 2) {
            cap = cap ? 2 * cap : 4096;
            b = realloc(b, cap);
            assert_non_null(b);
        }
        size_t got = fread(b + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    assert_false(ferror(f));
    fclose(f);
    b[n] = 0;
    *len = n;
    return b;
}

int fx_remove(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) return unlink(path);
    int status = 0;
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        char sub[4096];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            int n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            if (n < 0 || (size_t)n >= sizeof sub || fx_remove(sub) != 0) status = -1;
        }
        closedir(d);
    }
    return rmdir(path) != 0 ? -1 : status;
}

void fx_put(fx_bytes *o, const void *p, size_t n)
{
    if (o->len + n > o->cap) {
        o->cap = (o->len + n) * 2 + 64;
        o->b = realloc(o->b, o->cap);
        assert_non_null(o->b);
    }
    memcpy(o->b + o->len, p, n);
    o->len += n;
}

/* test_regress.c - every input the fuzzers of fuzz/ found a problem with
 * (docs/RELIABILITY.md lists them), kept in tests/unit/regress/ and fed to
 * the reader that had the problem, which must now read it correctly or
 * refuse it cleanly: the status and message given, nothing left allocated
 * (the sanitizer and valgrind runs of the suite check that), and the output
 * zeroed or NULL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mlp.h"
#include "data/data.h"
#include "data/csv.h"
#include "data/image.h"
#include "support/fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* tests/unit/regress/NAME, found beside this source file. */
static const char *regress(const char *name)
{
    static char buf[FX_PATH_MAX];
    const char *src = __FILE__, *slash = strrchr(src, '/');
    int n = snprintf(buf, sizeof buf, "%.*sregress/%s", slash ? (int)(slash - src + 1) : 0, src, name);
    assert_true(n > 0 && (size_t)n < sizeof buf);
    return buf;
}

static void expect_error(mlp_status got, mlp_status want, const char *needle)
{
    assert_int_equal(got, want);
    if (!strstr(mlp_errmsg(), needle)) fail_msg("message \"%s\" lacks \"%s\"", mlp_errmsg(), needle);
}

/* Limits this process's address space to what it uses now plus extra
 * bytes, so that an allocation larger than that fails. Not under
 * AddressSanitizer or valgrind, which need far more address space for
 * themselves: there it does nothing and returns 0. */
static int limit_address_space(size_t extra)
{
#ifdef UNDER_ASAN
    (void)extra;
    return 0;
#else
    long pages = 0;
    FILE *f = RUNNING_ON_VALGRIND ? NULL : fopen("/proc/self/statm", "r");
    int ok = f && fscanf(f, "%ld", &pages) == 1;
    if (f) fclose(f);
    if (!ok) return 0;
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (rlim_t)extra;
    return setrlimit(RLIMIT_AS, &rl) == 0;
#endif
}

/* A field of /proc/self/status in kB ("VmPeak:", "VmSize:"), -1 when it
 * cannot be read. */
static long vm_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (v < 0 && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0) v = strtol(line + n, NULL, 10);
    fclose(f);
    return v;
}

/* How far the address space's peak has grown since a mark: vm_mark()
 * before a call, vm_growth_kb(mark) after it gives the most the call held
 * at once beyond what the process had at the mark, in kB (0 when the peak
 * did not move, or when /proc cannot be read). */
typedef struct { long size, peak; } vm_mark_t;

static vm_mark_t vm_mark(void)
{
    vm_mark_t m = { vm_kb("VmSize:"), vm_kb("VmPeak:") };
    return m;
}

static long vm_growth_kb(vm_mark_t m)
{
    long peak = vm_kb("VmPeak:");
    return m.size < 0 || peak <= m.peak ? 0 : peak - m.size;
}

/* ---- IDX -------------------------------------------------------------------- */

/* A 35-byte gzip file whose header announces 1000000 images of 28x28
 * bytes: before any data was decompressed the reader allocated
 * IDX_FIRST_ALLOC (64 MiB) for it, more than the file could ever hold
 * (deflate expands at most 1032:1). Found by fuzz_idx as its slowest
 * inputs (18 ms each under ASan against 0.3 ms for the others). Now the
 * first allocation is bounded by the file's size: with only 32 MiB of
 * address space to spare the file is still refused as truncated, not as
 * out of memory. */
static void test_idx_gz_huge_header(void **state)
{
    (void)state;
    const char *p = regress("idx-gz-huge-header.gz");
    mlp_data d;
    expect_error(idx_read(p, IDX_IMAGES, -1, NULL, &d), MLP_EDATA, "truncated");
    assert_null(d.x8);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        limit_address_space((size_t)32 << 20);
        mlp_status s = idx_read(p, IDX_IMAGES, -1, NULL, &d);
        int ok = s == MLP_EDATA && strstr(mlp_errmsg(), "truncated") != NULL;
        if (!ok) fprintf(stderr, "# status %d: %s\n", (int)s, mlp_errmsg());
        _exit(ok ? 0 : 1);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* ---- PGM -------------------------------------------------------------------- */

/* A '#' comment right after a number ("2#w") was taken as the number's end
 * but its text was then read as the next number: the header failed with
 * "no height". Found while building the PGM seed corpus. */
static void test_pgm_comment_after_number(void **state)
{
    (void)state;
    const char *p = regress("pgm-comment-after-number.pgm");
    int w, h;
    assert_int_equal(image_size(p, &w, &h), MLP_OK);
    assert_true(w == 2 && h == 1);
    mlp_real px[2];
    assert_int_equal(image_load(p, 1, 2, 0, px), MLP_OK);
    assert_true(px[0] == 0 && px[1] == 1);
}

/* ---- PNG -------------------------------------------------------------------- */

/* A 107-byte PNG whose tEXt chunk claims 0x6a000000 bytes: libpng warned
 * that the chunk was too large, then allocated 1.7 GB for it anyway before
 * finding the end of the file (fuzz_png: out of memory under ASan). Every
 * chunk but IHDR, PLTE, tRNS, IDAT and IEND is now skipped unread: the file
 * is refused as truncated without allocating more than a few MB. */
static void test_png_huge_text_chunk(void **state)
{
    (void)state;
    const char *p = regress("png-huge-text-chunk.png");
    int w, h;
    vm_mark_t m = vm_mark();
    expect_error(image_size(p, &w, &h), MLP_EDATA, "truncated PNG");
    assert_true(w == 0 && h == 0);
    mlp_real px[8];
    expect_error(image_load(p, 2, 4, 0, px), MLP_EDATA, "truncated PNG");
    long grew = vm_growth_kb(m);
    if (grew > 64 * 1024) fail_msg("reading a 107-byte PNG took %ld kB of address space", grew);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idx_gz_huge_header),
        cmocka_unit_test(test_pgm_comment_after_number),
        cmocka_unit_test(test_png_huge_text_chunk),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

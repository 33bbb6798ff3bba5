/* test_image.c - PNG and PGM images for prediction (src/data/image.c):
 * PNGs of every colour type written here with libpng, PGMs P2 and P5 of 8
 * and 16 bits, gray conversion, alpha on white, invert, the size rule, and
 * hostile files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "data/image.h"
#include "support/fixture.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A PNG written by libpng: rows of packed samples as libpng takes them
 * (16-bit samples big-endian, depths below 8 packed from the high bit). */
typedef struct {
    int w, h, color, depth, interlace;
    const unsigned char *data;
    const png_color *palette;
    int npalette;
    const unsigned char *trans;
    int ntrans;
    int trans_gray; /* gray value + 1 that is transparent (tRNS of a gray image), 0: none */
} png_spec;

static void png_fail(png_structp png, png_const_charp msg)
{
    (void)png;
    fail_msg("libpng while writing a fixture: %s", msg);
}

static const char *write_png(const char *name, const png_spec *sp)
{
    const char *p = fx_path(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, NULL);
    assert_non_null(png);
    png_infop info = png_create_info_struct(png);
    assert_non_null(info);
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)sp->w, (png_uint_32)sp->h, sp->depth, sp->color,
                 sp->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (sp->palette) png_set_PLTE(png, info, sp->palette, sp->npalette);
    if (sp->trans) png_set_tRNS(png, info, sp->trans, sp->ntrans, NULL);
    if (sp->trans_gray) {
        png_color_16 t = { 0 };
        t.gray = (png_uint_16)(sp->trans_gray - 1);
        png_set_tRNS(png, info, NULL, 0, &t);
    }
    png_write_info(png, info);
    int channels = sp->color == PNG_COLOR_TYPE_RGB ? 3 : sp->color == PNG_COLOR_TYPE_RGBA ? 4
                 : sp->color == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
    size_t rowbytes = ((size_t)sp->w * channels * sp->depth + 7) / 8;
    png_bytep *rows = malloc((size_t)sp->h * sizeof *rows);
    assert_non_null(rows);
    for (int r = 0; r < sp->h; r++) rows[r] = (png_bytep)sp->data + (size_t)r * rowbytes;
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    assert_int_equal(fclose(f), 0);
    return p;
}

/* Loads path as w x h and compares with want (within tol). */
static void expect_pixels(const char *path, int w, int h, int invert, const double *want, double tol)
{
    mlp_real *out = malloc((size_t)w * h * sizeof *out);
    assert_non_null(out);
    mlp_status s = image_load(path, h, w, invert, out);
    if (s != MLP_OK) fail_msg("%s: status %d: %s", path, (int)s, mlp_errmsg());
    for (int i = 0; i < w * h; i++) {
        double v = out[i];
        if (!(fabs(v - want[i]) <= tol) || v < 0 || v > 1)
            fail_msg("%s: pixel %d: got %.9g, want %.9g", path, i, v, want[i]);
    }
    free(out);
}

/* mlp_real's own rounding of an exact value */
static const double exact = 0;
static double real_tol(void) { return mlp_is_double() ? 1e-12 : 1e-7; }

/* ---- PNG of every kind ---------------------------------------------------------- */

static void test_png_gray(void **state)
{
    (void)state;
    const unsigned char g8[6] = { 0, 128, 255, 1, 254, 64 };
    png_spec sp = { 3, 2, PNG_COLOR_TYPE_GRAY, 8, 0, g8, NULL, 0, NULL, 0, 0 };
    const char *p = write_png("gray8.png", &sp);
    double want[6], inv[6];
    for (int i = 0; i < 6; i++) want[i] = (mlp_real)(g8[i] / 255.0), inv[i] = 1 - g8[i] / 255.0;
    expect_pixels(p, 3, 2, 0, want, exact);
    expect_pixels(p, 3, 2, 1, inv, real_tol());
    int w, h;
    assert_int_equal(image_size(p, &w, &h), MLP_OK);
    assert_int_equal(w, 3);
    assert_int_equal(h, 2);

    /* 16 bits, big-endian: scaled to 8 bits, so within half a step of v / 65535 */
    const unsigned v16[6] = { 0, 65535, 32768, 257, 1000, 65280 };
    unsigned char b16[12];
    for (int i = 0; i < 6; i++) b16[2 * i] = (unsigned char)(v16[i] >> 8), b16[2 * i + 1] = (unsigned char)v16[i];
    sp = (png_spec){ 2, 3, PNG_COLOR_TYPE_GRAY, 16, 0, b16, NULL, 0, NULL, 0, 0 };
    p = write_png("gray16.png", &sp);
    for (int i = 0; i < 6; i++) want[i] = v16[i] / 65535.0;
    expect_pixels(p, 2, 3, 0, want, 0.5 / 255 + 1e-6);
    /* multiples of 257 are exact */
    mlp_real out[6];
    assert_int_equal(image_load(p, 3, 2, 0, out), MLP_OK);
    assert_true(out[0] == 0 && out[1] == 1 && out[3] == (mlp_real)(1 / 255.0) && out[5] == (mlp_real)(254 / 255.0));

    /* 1 bit: 10110010 */
    const unsigned char bits[1] = { 0xb2 };
    sp = (png_spec){ 8, 1, PNG_COLOR_TYPE_GRAY, 1, 0, bits, NULL, 0, NULL, 0, 0 };
    p = write_png("gray1.png", &sp);
    const double w1[8] = { 1, 0, 1, 1, 0, 0, 1, 0 };
    expect_pixels(p, 8, 1, 0, w1, exact);
    /* 4 bits: 0x0f -> 0 and 1, 0x7a -> 7/15 and 10/15 */
    const unsigned char nib[2] = { 0x0f, 0x7a };
    sp = (png_spec){ 4, 1, PNG_COLOR_TYPE_GRAY, 4, 0, nib, NULL, 0, NULL, 0, 0 };
    p = write_png("gray4.png", &sp);
    const double w4[4] = { 0, 1, 7 / 15.0, 10 / 15.0 };
    expect_pixels(p, 4, 1, 0, w4, 1e-6);

    /* interlaced (Adam7), 9 x 9 */
    unsigned char big[81];
    double wb[81];
    for (int i = 0; i < 81; i++) big[i] = (unsigned char)(i * 3), wb[i] = (mlp_real)(i * 3 / 255.0);
    sp = (png_spec){ 9, 9, PNG_COLOR_TYPE_GRAY, 8, 1, big, NULL, 0, NULL, 0, 0 };
    p = write_png("interlaced.png", &sp);
    expect_pixels(p, 9, 9, 0, wb, exact);

    /* gray with alpha: on white */
    const unsigned char ga[8] = { 0, 255, 0, 0, 100, 51, 200, 128 };
    sp = (png_spec){ 4, 1, PNG_COLOR_TYPE_GRAY_ALPHA, 8, 0, ga, NULL, 0, NULL, 0, 0 };
    p = write_png("gray-alpha.png", &sp);
    const double wga[4] = { 0, 1, (100 * 51 + 255 * 204) / 65025.0, (200 * 128 + 255 * 127) / 65025.0 };
    expect_pixels(p, 4, 1, 0, wga, real_tol());
    /* gray with a transparent value (tRNS): that value is white */
    const unsigned char gt[3] = { 0, 50, 100 };
    sp = (png_spec){ 3, 1, PNG_COLOR_TYPE_GRAY, 8, 0, gt, NULL, 0, NULL, 0, 50 + 1 };
    p = write_png("gray-trns.png", &sp);
    const double wgt[3] = { 0, 1, 100 / 255.0 };
    expect_pixels(p, 3, 1, 0, wgt, real_tol());
}

static void test_png_colour(void **state)
{
    (void)state;
    /* RGB: the weights 0.299, 0.587, 0.114; equal channels are exact */
    const unsigned char rgb[18] = { 255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 255, 255, 255, 7, 7, 7 };
    png_spec sp = { 3, 2, PNG_COLOR_TYPE_RGB, 8, 0, rgb, NULL, 0, NULL, 0, 0 };
    const char *p = write_png("rgb.png", &sp);
    const double want[6] = { 0.299, 0.587, 0.114, (0.299 * 10 + 0.587 * 20 + 0.114 * 30) / 255, 1, 7 / 255.0 };
    expect_pixels(p, 3, 2, 0, want, real_tol());
    const double inv[6] = { 1 - 0.299, 1 - 0.587, 1 - 0.114, 1 - want[3], 0, 1 - 7 / 255.0 };
    expect_pixels(p, 3, 2, 1, inv, real_tol());

    /* RGB, 16 bits */
    const unsigned char rgb16[12] = { 0xff, 0xff, 0, 0, 0, 0, /* red */ 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 /* gray 128 */ };
    sp = (png_spec){ 2, 1, PNG_COLOR_TYPE_RGB, 16, 0, rgb16, NULL, 0, NULL, 0, 0 };
    p = write_png("rgb16.png", &sp);
    const double w16[2] = { 0.299, 128 / 255.0 };
    expect_pixels(p, 2, 1, 0, w16, real_tol());

    /* RGBA: alpha composited on white */
    const unsigned char rgba[16] = { 0, 0, 0, 0, 0, 0, 0, 255, 255, 0, 0, 128, 100, 100, 100, 51 };
    sp = (png_spec){ 2, 2, PNG_COLOR_TYPE_RGBA, 8, 0, rgba, NULL, 0, NULL, 0, 0 };
    p = write_png("rgba.png", &sp);
    const double wa[4] = { 1, 0, (0.299 * 255 * 128 + 255 * 127) / 65025.0, (100 * 51 + 255 * 204) / 65025.0 };
    expect_pixels(p, 2, 2, 0, wa, real_tol());

    /* palette, 2 bits a pixel, entry 3 transparent */
    const png_color pal[4] = { { 0, 0, 0 }, { 255, 255, 255 }, { 0, 0, 255 }, { 0, 0, 0 } };
    const unsigned char trans[4] = { 255, 255, 255, 0 };
    const unsigned char idx[2] = { 0x1b, 0xe4 }; /* 0 1 2 3 | 3 2 1 0 */
    sp = (png_spec){ 4, 2, PNG_COLOR_TYPE_PALETTE, 2, 0, idx, pal, 4, trans, 4, 0 };
    p = write_png("palette.png", &sp);
    const double wp[8] = { 0, 1, 0.114, 1, 1, 0.114, 1, 0 };
    expect_pixels(p, 4, 2, 0, wp, real_tol());
    /* palette, 8 bits, no transparency */
    const unsigned char idx8[3] = { 2, 1, 0 };
    sp = (png_spec){ 3, 1, PNG_COLOR_TYPE_PALETTE, 8, 0, idx8, pal, 3, NULL, 0, 0 };
    p = write_png("palette8.png", &sp);
    const double wp8[3] = { 0.114, 1, 0 };
    expect_pixels(p, 3, 1, 0, wp8, real_tol());
}

/* ---- PGM ------------------------------------------------------------------------ */

static void test_pgm(void **state)
{
    (void)state;
    /* P2 with comments everywhere in the header and between pixels */
    const char *p2 = "P2\n# made by hand\n3 # width\n2\n255\n0 128 255\n# row two\n1\t254\n64\n";
    const char *p = fx_write("ascii.pgm", p2, strlen(p2));
    const double w8[6] = { 0, 128 / 255.0, 1, 1 / 255.0, 254 / 255.0, 64 / 255.0 };
    expect_pixels(p, 3, 2, 0, w8, real_tol());
    int w, h;
    assert_int_equal(image_size(p, &w, &h), MLP_OK);
    assert_true(w == 3 && h == 2);
    /* P2, maxval 1000 (16-bit) */
    const char *p2b = "P2 2 2 1000 0 1000 500 1";
    p = fx_write("ascii16.pgm", p2b, strlen(p2b));
    const double w16[4] = { 0, 1, 0.5, 0.001 };
    expect_pixels(p, 2, 2, 0, w16, real_tol());
    expect_pixels(p, 2, 2, 1, (double[]){ 1, 0, 0.5, 0.999 }, real_tol());
    /* P5, 8 bits, maxval 255; the pixel bytes may look like white space or '#' */
    unsigned char b5[32];
    int n = snprintf((char *)b5, sizeof b5, "P5\n# c\n2 3\n255\n");
    const unsigned char px[6] = { 0, 10, 32, '#', 255, 200 };
    memcpy(b5 + n, px, 6);
    p = fx_write("binary.pgm", b5, (size_t)n + 6);
    double wb[6];
    for (int i = 0; i < 6; i++) wb[i] = px[i] / 255.0;
    expect_pixels(p, 2, 3, 0, wb, real_tol());
    /* P5, maxval 15 */
    n = snprintf((char *)b5, sizeof b5, "P5 2 1 15 ");
    b5[n] = 15, b5[n + 1] = 3;
    p = fx_write("binary15.pgm", b5, (size_t)n + 2);
    expect_pixels(p, 2, 1, 0, (double[]){ 1, 0.2 }, real_tol());
    /* P5, 16 bits big-endian, maxval 65535 and 1000 */
    n = snprintf((char *)b5, sizeof b5, "P5 3 1 65535\n");
    const unsigned char be[6] = { 0xff, 0xff, 0x80, 0x00, 0x00, 0x01 };
    memcpy(b5 + n, be, 6);
    p = fx_write("binary16.pgm", b5, (size_t)n + 6);
    expect_pixels(p, 3, 1, 0, (double[]){ 1, 32768 / 65535.0, 1 / 65535.0 }, real_tol());
    n = snprintf((char *)b5, sizeof b5, "P5 2 1 1000\n");
    const unsigned char be2[4] = { 0x03, 0xe8, 0x01, 0xf4 }; /* 1000, 500 */
    memcpy(b5 + n, be2, 4);
    p = fx_write("binary1000.pgm", b5, (size_t)n + 4);
    expect_pixels(p, 2, 1, 0, (double[]){ 1, 0.5 }, real_tol());
    /* maxval 1 */
    p = fx_write("bilevel.pgm", "P2 3 1 1 1 0 1", 14);
    expect_pixels(p, 3, 1, 0, (double[]){ 1, 0, 1 }, exact);
    /* trailing bytes after the pixels are ignored (PGM files may hold more images) */
    p = fx_write("more.pgm", "P2 1 1 9 9\nP2 1 1 9 0\n", 22);
    expect_pixels(p, 1, 1, 0, (double[]){ 1 }, exact);
}

/* ---- kinds ---------------------------------------------------------------------- */

static void test_kinds(void **state)
{
    (void)state;
    image_kind k;
    const unsigned char g[1] = { 9 };
    png_spec sp = { 1, 1, PNG_COLOR_TYPE_GRAY, 8, 0, g, NULL, 0, NULL, 0, 0 };
    assert_int_equal(image_probe(write_png("k.png", &sp), &k), MLP_OK);
    assert_int_equal(k, IMAGE_PNG);
    assert_int_equal(image_probe(fx_write("k.pgm", "P5 1 1 255 x", 12), &k), MLP_OK);
    assert_int_equal(k, IMAGE_PGM);
    assert_int_equal(image_probe(fx_write("k2.pgm", "P2#c\n1 1 1 1", 12), &k), MLP_OK);
    assert_int_equal(k, IMAGE_PGM);
    const char *others[][2] = {
        { "k.txt", "hello, world" }, { "k.ppm", "P6 1 1 255 abc" }, { "k.pbm", "P1 1 1 0" },
        { "k-p5.txt", "P5x" }, { "short.png", "\x89PNG" },
    };
    for (int i = 0; i < 5; i++) {
        k = IMAGE_PNG;
        assert_int_equal(image_probe(fx_write(others[i][0], others[i][1], strlen(others[i][1])), &k), MLP_OK);
        assert_int_equal(k, IMAGE_OTHER);
    }
    assert_int_equal(image_probe(fx_write("k-empty", "", 0), &k), MLP_OK);
    assert_int_equal(k, IMAGE_OTHER);
    assert_int_equal(image_probe(fx_path("nope.png"), &k), MLP_ENOINPUT);
    assert_non_null(strstr(mlp_errmsg(), "nope.png"));
    assert_int_equal(image_probe(fx_dir(), &k), MLP_ENOINPUT);
    assert_non_null(strstr(mlp_errmsg(), "directory"));
    assert_int_equal(image_sniff("\x89PNG\r\n\x1a\n", 8), IMAGE_PNG);
    assert_int_equal(image_sniff("\x89PNG\r\n\x1a", 7), IMAGE_OTHER);
    assert_int_equal(image_sniff("P5\n", 3), IMAGE_PGM);
    assert_int_equal(image_sniff("P5", 2), IMAGE_OTHER);
}

/* ---- sizes and hostile files ------------------------------------------------------ */

static void expect_fail(const char *path, int w, int h, mlp_status want, const char *needle)
{
    mlp_real out[64];
    mlp_status s = image_load(path, h, w, 0, out);
    if (s != want || !strstr(mlp_errmsg(), path) || (needle && !strstr(mlp_errmsg(), needle)))
        fail_msg("%s: status %d (want %d), message: %s", path, (int)s, (int)want, mlp_errmsg());
    assert_null(strchr(mlp_errmsg(), '\n'));
}

static void expect_pgm_fail(const char *name, const char *text, size_t n, int w, int h, const char *needle)
{
    expect_fail(fx_write(name, text, n ? n : strlen(text)), w, h, MLP_EDATA, needle);
}

static void test_wrong_size(void **state)
{
    (void)state;
    unsigned char *px = calloc(32 * 30, 1);
    assert_non_null(px);
    png_spec sp = { 32, 30, PNG_COLOR_TYPE_GRAY, 8, 0, px, NULL, 0, NULL, 0, 0 };
    const char *p = write_png("digit.png", &sp);
    char want[400];
    snprintf(want, sizeof want, "%s: image is 32x30 (width x height), the model needs 28x28", p);
    mlp_real out[28 * 28];
    assert_int_equal(image_load(p, 28, 28, 0, out), MLP_EDATA);
    assert_string_equal(mlp_errmsg(), want);
    /* transposed is wrong too */
    assert_int_equal(image_load(p, 32, 30, 0, out), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "the model needs 30x32"));
    free(px);
    p = fx_write("digit.pgm", "P2 2 3 255 0 0 0 0 0 0", 22);
    snprintf(want, sizeof want, "%s: image is 2x3 (width x height), the model needs 3x2", p);
    assert_int_equal(image_load(p, 2, 3, 0, out), MLP_EDATA);
    assert_string_equal(mlp_errmsg(), want);
    /* requests that make no sense */
    assert_int_equal(image_load(p, 0, 3, 0, out), MLP_EUSAGE);
    assert_int_equal(image_load(p, 3, 2, 0, NULL), MLP_EUSAGE);
    assert_int_equal(image_load(p, 3, IMAGE_MAX_SIDE + 1, 0, out), MLP_EUSAGE);
}

static void test_hostile_png(void **state)
{
    (void)state;
    /* not a PNG at all */
    expect_fail(fx_write("text.png", "just text\n", 10), 2, 2, MLP_EDATA, "not a PNG or PGM image");
    expect_fail(fx_write("empty.png", "", 0), 2, 2, MLP_EDATA, "empty file");
    expect_fail(fx_write("jpeg.png", "\xff\xd8\xff\xe0\0\x10JFIF", 10), 2, 2, MLP_EDATA, "not a PNG or PGM");
    expect_fail(fx_path("missing.png"), 2, 2, MLP_ENOINPUT, "cannot open");
    expect_fail(fx_dir(), 2, 2, MLP_ENOINPUT, "is a directory");

    /* a good PNG, then broken copies of it */
    unsigned char px[64];
    for (int i = 0; i < 64; i++) px[i] = (unsigned char)(i * 37);
    png_spec sp = { 8, 8, PNG_COLOR_TYPE_GRAY, 8, 0, px, NULL, 0, NULL, 0, 0 };
    const char *good = write_png("good.png", &sp), *p;
    size_t n;
    unsigned char *b = fx_read(good, &n);
    assert_true(n > 0);
    mlp_real out[64];
    assert_int_equal(image_load(good, 8, 8, 0, out), MLP_OK);
    assert_true(out[1] == (mlp_real)(37 / 255.0));
    expect_fail(fx_write("sig-only.png", b, 8), 8, 8, MLP_EDATA, "truncated PNG: the file ends after 8 bytes");
    expect_fail(fx_write("half-header.png", b, 20), 8, 8, MLP_EDATA, "truncated PNG");
    expect_fail(fx_write("half.png", b, n / 2 + 8), 8, 8, MLP_EDATA, "truncated PNG");
    expect_fail(fx_write("no-iend.png", b, n - 12), 8, 8, MLP_EDATA, "truncated PNG");
    /* cut in the image data: the size is still known from the header */
    int w, h;
    assert_int_equal(memcmp(b + 37, "IDAT", 4), 0);
    p = fx_write("header-only.png", b, 41);
    assert_int_equal(image_size(p, &w, &h), MLP_OK);
    assert_true(w == 8 && h == 8);
    expect_fail(p, 8, 8, MLP_EDATA, "truncated PNG");
    /* a damaged IHDR (its CRC no longer matches) */
    unsigned char *bad = malloc(n);
    assert_non_null(bad);
    memcpy(bad, b, n);
    bad[19] ^= 0x01; /* the width's low byte */
    expect_fail(fx_write("crc.png", bad, n), 8, 8, MLP_EDATA, "not a valid PNG");
    /* a width of 0 with a correct CRC is still refused (by libpng) */
    memcpy(bad, b, n);
    bad[16] = bad[17] = bad[18] = bad[19] = 0;
    uLong crc = crc32(0, bad + 12, 17);
    bad[29] = (unsigned char)(crc >> 24), bad[30] = (unsigned char)(crc >> 16);
    bad[31] = (unsigned char)(crc >> 8), bad[32] = (unsigned char)crc;
    expect_fail(fx_write("width0.png", bad, n), 8, 8, MLP_EDATA, "not a valid PNG: Invalid IHDR data");
    /* damaged image data */
    memcpy(bad, b, n);
    for (size_t i = 41; i < n - 20; i++) bad[i] ^= 0x5a;
    expect_fail(fx_write("garbled.png", bad, n), 8, 8, MLP_EDATA, "PNG");
    free(bad);
    free(b);

    /* larger than the bound: refused from the header, before any pixel is read */
    unsigned char ihdr[41];
    memcpy(ihdr, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    const unsigned char dims[13] = { 0, 0, 0x40, 0x01, 0, 0, 0, 1, 8, 0, 0, 0, 0 }; /* 16385 x 1 */
    memcpy(ihdr + 16, dims, 13);
    crc = crc32(0, ihdr + 12, 17);
    ihdr[29] = (unsigned char)(crc >> 24), ihdr[30] = (unsigned char)(crc >> 16);
    ihdr[31] = (unsigned char)(crc >> 8), ihdr[32] = (unsigned char)crc;
    memcpy(ihdr + 33, "\0\0\0\x01IDAT", 8);
    p = fx_write("wide.png", ihdr, 41);
    assert_int_equal(image_size(p, &w, &h), MLP_EDATA);
    assert_non_null(strstr(mlp_errmsg(), "image is 16385x1"));
    expect_fail(p, 8, 8, MLP_EDATA, "16385x1");
}

static void test_hostile_pgm(void **state)
{
    (void)state;
    expect_pgm_fail("magic-only.pgm", "P5\n", 0, 2, 2, "bad PGM header: no width");
    expect_pgm_fail("word.pgm", "P2 two 2 255\n", 0, 2, 2, "no width");
    expect_pgm_fail("no-height.pgm", "P2 2 # c\n", 0, 2, 2, "no height");
    expect_pgm_fail("no-maxval.pgm", "P5 2 2\n", 0, 2, 2, "no maxval");
    expect_pgm_fail("negative.pgm", "P2 2 2 -1\n", 0, 2, 2, "no maxval");
    expect_pgm_fail("glued.pgm", "P2 2x2 255\n", 0, 2, 2, "no width");
    expect_pgm_fail("maxval0.pgm", "P2 2 2 0\n0 0 0 0\n", 0, 2, 2, "maxval 0 is not in 1..65535");
    expect_pgm_fail("maxval-big.pgm", "P2 2 2 65536\n0 0 0 0\n", 0, 2, 2, "maxval 65536");
    expect_pgm_fail("width0.pgm", "P2 0 2 255\n", 0, 2, 2, "image is 0x2");
    expect_pgm_fail("huge.pgm", "P5 99999999999999 99999999999999 255\n", 0, 2, 2, "bad PGM header: the width is too large");
    expect_pgm_fail("large.pgm", "P5 20000 1 255\n", 0, 2, 2, "image is 20000x1 (width x height); this reads 1 to 16384 pixels a side");
    expect_pgm_fail("big-side.pgm", "P5 16385 1 255\n", 0, 2, 2, "16385x1");
    expect_pgm_fail("few-p2.pgm", "P2 2 2 255\n1 2 3\n", 0, 2, 2, "truncated PGM: 3 of the 4 pixels");
    expect_pgm_fail("few-p5.pgm", "P5 2 2 255\nabc", 0, 2, 2, "truncated PGM: 3 of the 4");
    expect_pgm_fail("few-p5-16.pgm", "P5 2 1 1000\n\x01\x02\x03", 0, 2, 1, "truncated PGM: 1 of the 2");
    expect_pgm_fail("above-p2.pgm", "P2 2 2 255\n1 2 300 4\n", 0, 2, 2, "pixel 3 (row 2, column 1) is 300, above the maxval 255");
    expect_pgm_fail("above-p5.pgm", "P5 1 1 1000\n\x03\xe9", 0, 1, 1, "is 1001, above the maxval 1000");
    expect_pgm_fail("above-p5-8.pgm", "P5 1 2 100\n\x10\x65", 0, 1, 2, "pixel 2 (row 2, column 1) is 101");
    expect_pgm_fail("nan-p2.pgm", "P2 2 2 255\n1 2 x 4\n", 0, 2, 2, "pixel 3 (row 2, column 1) is not a number");
    expect_pgm_fail("minus-p2.pgm", "P2 2 1 255\n1 -2\n", 0, 2, 1, "pixel 2");
    expect_pgm_fail("glued-p2.pgm", "P2 2 1 255\n1 2a\n", 0, 2, 1, "pixel 2");
    expect_pgm_fail("p5-no-space.pgm", "P5 1 1 255#\n\x01", 0, 1, 1, "one white-space byte");
    expect_pgm_fail("nul.pgm", "P2 1 1 255\n\0", 13, 1, 1, "not a number");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_gray),
        cmocka_unit_test(test_png_colour),
        cmocka_unit_test(test_pgm),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_wrong_size),
        cmocka_unit_test(test_hostile_png),
        cmocka_unit_test(test_hostile_pgm),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

/*
 * fuzz_image.h - the body of fuzz_png.c and fuzz_pgm.c: both readers sit
 * behind the same entry points (src/data/image.c), which pick the format by
 * the first bytes; the two harnesses differ in their seed corpus and
 * dictionary. Per input: image_sniff, image_probe and image_size; then
 * image_load once at a size the image does not have and, for an image of
 * at most FUZZ_MAX_PIXELS (the command only ever loads images of its model's
 * input size, so a huge one would test the allocator, not the reader), at
 * the size found, inverted or not by the last byte.
 */
#include "fuzz.h"
#include "data/image.h"

#define FUZZ_MAX_PIXELS (1 << 20)

static int image_one(const uint8_t *data, size_t size, const char *name)
{
    const char *path = fuzz_path(0, name);
    fuzz_write(path, data, size);
    (void)image_sniff(data, size);
    image_kind kind;
    (void)image_probe(path, &kind);
    int w = 0, h = 0;
    if (image_size(path, &w, &h) != MLP_OK) return 0;
    if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) abort(); /* image_size's promise */
    int invert = size && (data[size - 1] & 1);
    /* A size the image does not have is refused before any pixel is
     * written: a one-value buffer shows any write to ASan. */
    mlp_real one;
    (void)image_load(path, h < IMAGE_MAX_SIDE ? h + 1 : h - 1, w, invert, &one);
    if ((size_t)w * (size_t)h > FUZZ_MAX_PIXELS) return 0;
    mlp_real *out = malloc((size_t)w * (size_t)h * sizeof *out);
    if (!out) return 0;
    (void)image_load(path, h, w, invert, out);
    free(out);
    return 0;
}

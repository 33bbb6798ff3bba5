/* fuzz_png.c - PNG images through image_load and friends (fuzz_image.h). */
#include "fuzz_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return image_one(data, size, "png");
}

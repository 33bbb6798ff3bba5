/*
 * image.h - single images for prediction (docs/DATA.md, "Images"): PNG
 * through libpng, PGM (P2 and P5) read directly, as gray values in [0, 1].
 *
 *  - PNG of any colour type and bit depth: palettes expanded, 16-bit
 *    samples scaled to 8 bits, colour made gray as
 *    0.299 R + 0.587 G + 0.114 B (on the stored values, no gamma),
 *    alpha composited on white; the value is gray / 255.
 *  - PGM: maxval 1..65535 (two bytes, big-endian, above 255 in P5), '#'
 *    comments in the header; the value is sample / maxval.
 *  - invert maps every value v to 1 - v (dark-on-light drawings to MNIST's
 *    light-on-dark).
 * Errors are one line, "PATH: problem": MLP_ENOINPUT for a missing file or
 * a directory, MLP_EDATA for anything malformed or of the wrong size.
 */
#ifndef MLP_IMAGE_H
#define MLP_IMAGE_H

#include "internal.h"

#define IMAGE_MAX_SIDE 16384 /* pixels per side this reads at most */

typedef enum { IMAGE_OTHER = 0, IMAGE_PNG, IMAGE_PGM } image_kind;

/* The kind of n leading bytes of a file: the 8-byte PNG signature, or
 * "P2"/"P5" followed by white space or '#' (PGM); anything else is
 * IMAGE_OTHER. */
image_kind image_sniff(const void *head, size_t n);

/* The kind of the file at path by its first bytes (an empty or short file
 * is IMAGE_OTHER). MLP_ENOINPUT when it is missing, unreadable or a
 * directory. */
mlp_status image_probe(const char *path, image_kind *kind);

/* Width and height from the file's header, without reading the pixels. */
mlp_status image_size(const char *path, int *width, int *height);

/* Reads the image at path into out, height * width values in [0, 1], row
 * by row from the top. The image must be exactly width x height pixels
 * (1..IMAGE_MAX_SIDE each), else MLP_EDATA: "PATH: image is 32x30
 * (width x height), the model needs 28x28". Nothing is allocated for the
 * pixels before the size is known to match. */
mlp_status image_load(const char *path, int height, int width, int invert, mlp_real *out);

#endif

/*
 * npy.h - the NumPy .npy header (format versions 1.0, 2.0 and 3.0): parsing
 * the preamble and the header dict, and writing the header numpy.save
 * writes for a float32 array. See docs/NPZ.md.
 */
#ifndef MLP_NPY_H
#define MLP_NPY_H

#include <stddef.h>
#include <stdint.h>

#define MLP_NPY_MAGIC_LEN 6      /* "\x93NUMPY" */
#define MLP_NPY_MAX_HEADER 65536 /* longest header dict accepted, in bytes */
#define MLP_NPY_MAX_DIMS 8       /* more dimensions than this: rejected */
#define MLP_NPY_HUGE ((uint64_t)1 << 62) /* shape values this large or larger read as this */

/* What a header says about the array that follows it. */
typedef struct {
    int      major, minor;              /* format version */
    int      item_size;                 /* 4 (float32) or 8 (float64) */
    int      big_endian;                /* '>' byte order */
    int      fortran_order;             /* column-major data */
    int      ndim;
    uint64_t shape[MLP_NPY_MAX_DIMS];   /* values over MLP_NPY_HUGE read as it */
    char     descr[24];                 /* the descr string as written (for messages) */
} mlp_npy_info;

/* Checks the first 8 bytes of a member (magic and version) and sets
 * info->major/minor and *pre_len, the length of the whole preamble: 10 for
 * version 1.0 (2-byte header length), 12 for 2.0 and 3.0 (4 bytes). Returns
 * NULL, or a static description of the problem. */
const char *mlp_npy_preamble(const unsigned char pre[8], mlp_npy_info *info,
                             size_t *pre_len);
/* The header length stored in a complete preamble of pre_len bytes. */
size_t mlp_npy_header_len(const unsigned char *pre, size_t pre_len);

/* Parses the header dict (len bytes, not NUL-terminated) into info. Returns
 * NULL, or a description of the problem written into err (size errsz). */
const char *mlp_npy_parse_header(const char *hdr, size_t len, mlp_npy_info *info,
                                 char *err, size_t errsz);

/* Writes into buf the complete version 1.0 preamble and header of a C-order
 * '<f4' array of the given shape (ndim 1 or 2), byte for byte as numpy.save
 * writes it, data aligned to 64 bytes. Returns its length, or 0 when buf
 * (size bytes) is too small. 256 bytes are always enough for ndim <= 2. */
size_t mlp_npy_write_header_f4(unsigned char *buf, size_t size, int ndim,
                               const uint64_t *shape);

#endif

/*
 * fuzz_idx.c - IDX files (src/data/idx.c), raw and gzip. Each input is read
 * as it is (raw IDX, or a .gz stream when it is one: zlib's gzread reads
 * either) as an images file and as a labels file, then gzipped here and
 * read again, so the parser behind the gzip path (unknown length, growing
 * buffer, stream errors) sees every mutation of the IDX content too.
 */
#include "fuzz.h"
#include "data/data.h"

static void read_both(const char *path, int32_t expect)
{
    mlp_data d;
    if (idx_read(path, IDX_IMAGES, -1, NULL, &d) == MLP_OK) mlp_data_free(&d);
    if (idx_read(path, IDX_LABELS, -1, NULL, &d) == MLP_OK) mlp_data_free(&d);
    /* The count check against a labels file, done before allocating. */
    if (idx_read(path, IDX_IMAGES, expect, "labels", &d) == MLP_OK) mlp_data_free(&d);
}

/* gzip (the format of .gz files) of n bytes into a new buffer; NULL when
 * zlib refuses. */
static unsigned char *gzip(const uint8_t *data, size_t n, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    size_t cap = deflateBound(&z, (uLong)n) + 32;
    unsigned char *buf = malloc(cap);
    if (!buf) { deflateEnd(&z); return NULL; }
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)n;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    int r = deflate(&z, Z_FINISH);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    if (r != Z_STREAM_END) { free(buf); return NULL; }
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(0, "idx");
    /* A count for the pair check: the first dimension when it is there. */
    int32_t expect = size >= 8 ? (int32_t)(((uint32_t)data[4] << 24 | (uint32_t)data[5] << 16 |
                                            (uint32_t)data[6] << 8 | data[7]) & 0x7fffffff) : 0;
    if (size && (data[size - 1] & 1)) expect ^= 1; /* sometimes off by one */
    fuzz_write(path, data, size);
    read_both(path, expect);
    size_t glen;
    unsigned char *gz = gzip(data, size, &glen);
    if (gz) {
        fuzz_write(path, gz, glen);
        read_both(path, expect);
        free(gz);
    }
    return 0;
}

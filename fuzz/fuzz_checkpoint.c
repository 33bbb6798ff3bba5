/*
 * fuzz_checkpoint.c - checkpoint files (checkpoint_load, src/io/checkpoint.c).
 * Every input is loaded into each fixed run of ckpt_fixture.h, as it is and
 * with its trailing CRC-32 recomputed (so that mutations get past the
 * checksum to the fields behind it).
 */
#include "fuzz.h"
#include "ckpt_fixture.h"

static ckpt_fixture fx[CKPT_CONFIGS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < CKPT_CONFIGS; i++)
        if (ckpt_fixture_init(&fx[i], i) != MLP_OK) {
            fprintf(stderr, "fuzz_checkpoint: %s\n", mlp_errmsg());
            abort();
        }
    return 0;
}

static void load_all(const char *path)
{
    for (int i = 0; i < CKPT_CONFIGS; i++)
        (void)checkpoint_load(path, fx[i].net, &fx[i].fp, &fx[i].st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(0, "ckpt");
    fuzz_write(path, data, size);
    load_all(path);
    if (size >= 4) {
        unsigned char *fixed = malloc(size);
        if (!fixed) return 0;
        memcpy(fixed, data, size);
        fuzz_fix_crc(fixed, size);
        if (memcmp(fixed + size - 4, data + size - 4, 4) != 0) {
            fuzz_write(path, fixed, size);
            load_all(path);
        }
        free(fixed);
    }
    return 0;
}

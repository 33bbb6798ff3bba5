/*
 * fuzz_json.c - the JSON reader of mlp report (cli/jsonread.c), which
 * reads run.json. The input is the file; every flattened pair of a
 * document that loads is read back, and a key looked up.
 * The reader prints its one-line errors to stderr (the fuzzer's log).
 */
#include "fuzz.h"
#include "jsonread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(0, "json");
    fuzz_write(path, data, size);
    json_flat j;
    if (json_flat_read("fuzz", path, &j) != 0) return 0;
    volatile size_t sink = 0;
    for (int i = 0; i < j.n; i++) sink += strlen(j.key[i]) + (j.val[i] ? strlen(j.val[i]) : 0) + j.type[i];
    const char *v = json_flat_get(&j, "flags.lr");
    sink += v ? strlen(v) : 0;
    (void)sink;
    json_flat_free(&j);
    return 0;
}

/* jsonread.h - a small JSON reader for run.json (docs/PLOTS.md): the whole
 * document flattened into (path, value) pairs, "flags.lr" for a member of
 * a member, "command.2" for an array element. */
#ifndef MLP_CLI_JSONREAD_H
#define MLP_CLI_JSONREAD_H

typedef enum { JV_NULL, JV_BOOL, JV_NUM, JV_STR } jv_type;

typedef struct {
    int    n;
    char **key;    /* paths */
    char **val;    /* strings unescaped, numbers as written, "true"/"false", NULL for null */
    jv_type *type;
} json_flat;

/* Reads and flattens path. MLP_ENOINPUT when it cannot be opened,
 * MLP_EDATA (with line) when it is not JSON; prints "mlp CMD: ..." */
int  json_flat_read(const char *cmd, const char *path, json_flat *j);
/* The value at key, or NULL (absent or null). */
const char *json_flat_get(const json_flat *j, const char *key);
void json_flat_free(json_flat *j);

#endif

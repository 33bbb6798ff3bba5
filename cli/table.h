/* table.h - a CSV file with a header row read whole into strings: training
 * logs (mlp plot, mlp report) and sweep results (the sweep heatmap). */
#ifndef MLP_CLI_TABLE_H
#define MLP_CLI_TABLE_H

typedef struct {
    int    ncol, nrow;
    char **head;   /* ncol names */
    char **cell;   /* nrow * ncol fields, row-major */
} table;

/* Reads path: comma-separated fields, double quotes around a field that
 * holds commas ("" for a quote), a header row, then rows with as many
 * fields as the header. Prints "mlp CMD: PATH: ..." and returns
 * MLP_ENOINPUT (cannot open), MLP_EDATA (empty, ragged, binary) or
 * MLP_ENOMEM; 0 on success. */
int  table_read(const char *cmd, const char *path, table *t);
/* The column named name, or named "--"name / name less its "--"; -1 if none. */
int  table_col(const table *t, const char *name);
const char *table_get(const table *t, int row, int col);
/* The field as a number: 0 and *v set, or -1 when it is not one ("nan",
 * "inf" are numbers). */
int  table_num(const table *t, int row, int col, double *v);
void table_free(table *t);

#endif

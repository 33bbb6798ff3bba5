/*
 * args.h - the command line: one table of flags per subcommand, parsed by
 * one function that checks types and ranges and prints one-line errors.
 */
#ifndef MLP_CLI_ARGS_H
#define MLP_CLI_ARGS_H

#include "mlp.h"

typedef enum { ARG_STR, ARG_INT, ARG_REAL, ARG_U64, ARG_FLAG } arg_type;

typedef struct {
    const char *name;  /* "--lr" */
    arg_type    type;
    void       *dest;  /* const char **, int *, double *, uint64_t *, int * (flag) */
    double      min, max; /* accepted range of numbers */
    const char *meta;  /* placeholder in help, e.g. "X" */
    const char *help;  /* one line */
    int         seen;  /* set by the parser */
} arg_spec;

typedef struct {
    const char *name;     /* "train" */
    const char *usage;    /* "mlp train [flags]" */
    const char *summary;  /* one line */
    const char *details;  /* more text after the flag list, may be NULL */
} cmd_info;

/* Parses argv[1..argc) (argv[0] is the subcommand). Positional arguments go
 * to pos (at most maxpos, their count in *npos). Returns -1 when --help was
 * printed (exit 0), MLP_EUSAGE after printing a one-line error, else 0. */
int args_parse(const cmd_info *cmd, arg_spec *specs, int argc, char **argv,
               char **pos, int maxpos, int *npos);
void args_help(const cmd_info *cmd, const arg_spec *specs);
/* Whether the flag named name was given. */
int args_seen(const arg_spec *specs, const char *name);

/* Prints "mlp CMD: message" on stderr; returns status. */
int cli_error(const char *cmd, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Prints "mlp CMD: " and mlp_errmsg(); returns status. */
int cli_fail(const char *cmd, mlp_status status);

#endif

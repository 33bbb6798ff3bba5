/* common.h - what several subcommands share: data and network flags. */
#ifndef MLP_CLI_COMMON_H
#define MLP_CLI_COMMON_H

#include "args.h"

#include <stdio.h>

/* Flags that describe the data, the network and its initialisation. */
typedef struct {
    /* data */
    const char *data, *label_col, *val;
    uint64_t    seed;
    int         n;
    double      noise, test_fraction;
    /* network */
    const char *layers, *act, *loss, *init, *bias_init, *init_from;
} net_flags;

void net_flags_defaults(net_flags *f);

/* Append the spec entries of the data flags (--data --n --noise --seed
 * --label-col --test --val) or of the network flags to specs at *k. */
void data_flags_specs(net_flags *f, arg_spec *specs, int *k);
void net_flags_specs(net_flags *f, arg_spec *specs, int *k);

/* Appends --threads N (0..1024; default 0, every core) writing *threads;
 * the command hands it to mlp_set_threads after parsing. */
void threads_flag_spec(int *threads, arg_spec *specs, int *k);

/* Loads f->data into train and test and, with --val, moves the last rows of
 * train into val (val may be NULL when the command has no use for it).
 * Prints the error and returns the status on failure. */
int cli_load_data(const char *cmd, const net_flags *f, mlp_data *train, mlp_data *val, mlp_data *test);

/* Builds and initialises the network for in inputs and out outputs from the
 * flags (or loads it from --init-from). layers_given says --layers was on the
 * command line. Prints the error and returns the status on failure. */
int cli_build_net(const char *cmd, const net_flags *f, int layers_given, int in, int out, mlp_net **net);

/* Parses "relu" or "relu,tanh" into acts (up to max); returns the count, or
 * -1 after printing an error. */
int cli_parse_acts(const char *cmd, const char *spec, mlp_act *acts, int max);

/* A JSON string with quotes, backslashes and control characters escaped. */
void json_str(FILE *f, const char *s);
/* JSON number or null for non-finite values. */
void json_num(FILE *f, double v);

#endif

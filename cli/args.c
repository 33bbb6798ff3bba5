/* args.c - table-driven flag parsing with one-line errors. */
#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_error(const char *cmd, int status, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mlp %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

int cli_fail(const char *cmd, mlp_status status)
{
    return cli_error(cmd, (int)status, "%s", mlp_errmsg());
}

void args_help(const cmd_info *cmd, const arg_spec *specs)
{
    printf("usage: %s\n\n%s\n", cmd->usage, cmd->summary);
    if (specs && specs[0].name) printf("\nflags:\n");
    for (const arg_spec *s = specs; s && s->name; s++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", s->name, s->meta ? " " : "", s->meta ? s->meta : "");
        printf("  %-24s %s\n", left, s->help);
    }
    printf("  %-24s %s\n", "--help", "show this help");
    if (cmd->details) printf("\n%s", cmd->details);
}

int args_seen(const arg_spec *specs, const char *name)
{
    for (const arg_spec *s = specs; s->name; s++)
        if (strcmp(s->name, name) == 0) return s->seen;
    return 0;
}

static int set_value(const cmd_info *cmd, arg_spec *s, const char *v)
{
    char *end;
    errno = 0;
    switch (s->type) {
    case ARG_STR:
        *(const char **)s->dest = v;
        return 0;
    case ARG_FLAG:
        *(int *)s->dest = 1;
        return 0;
    case ARG_INT: {
        long x = strtol(v, &end, 10);
        if (end == v || *end || errno)
            return cli_error(cmd->name, MLP_EUSAGE, "%s: '%s' is not a whole number", s->name, v);
        if (x < s->min || x > s->max)
            return cli_error(cmd->name, MLP_EUSAGE, "%s: %ld is out of range (%.15g to %.15g)", s->name, x, s->min, s->max);
        *(int *)s->dest = (int)x;
        return 0;
    }
    case ARG_U64: {
        if (*v == '-') return cli_error(cmd->name, MLP_EUSAGE, "%s: '%s' must not be negative", s->name, v);
        unsigned long long x = strtoull(v, &end, 10);
        if (end == v || *end || errno)
            return cli_error(cmd->name, MLP_EUSAGE, "%s: '%s' is not a whole number", s->name, v);
        *(uint64_t *)s->dest = (uint64_t)x;
        return 0;
    }
    case ARG_REAL: {
        double x = strtod(v, &end);
        if (end == v || *end || !isfinite(x))
            return cli_error(cmd->name, MLP_EUSAGE, "%s: '%s' is not a number", s->name, v);
        if (x < s->min || x > s->max)
            return cli_error(cmd->name, MLP_EUSAGE, "%s: %g is out of range (%g to %g)", s->name, x, s->min, s->max);
        *(double *)s->dest = x;
        return 0;
    }
    }
    return 0;
}

int args_parse(const cmd_info *cmd, arg_spec *specs, int argc, char **argv,
               char **pos, int maxpos, int *npos)
{
    *npos = 0;
    int only_pos = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == 0) {
            if (*npos >= maxpos)
                return cli_error(cmd->name, MLP_EUSAGE, "unexpected argument '%s' (see mlp help %s)", a, cmd->name);
            pos[(*npos)++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) { only_pos = 1; continue; }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { args_help(cmd, specs); return -1; }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        arg_spec *s = specs;
        while (s->name && (strlen(s->name) != len || strncmp(s->name, a, len) != 0)) s++;
        if (!s->name)
            return cli_error(cmd->name, MLP_EUSAGE, "unknown flag '%.*s' (see mlp help %s)", (int)len, a, cmd->name);
        const char *v = NULL;
        if (s->type == ARG_FLAG) {
            if (eq) return cli_error(cmd->name, MLP_EUSAGE, "%s takes no value", s->name);
        } else if (eq) {
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        } else {
            return cli_error(cmd->name, MLP_EUSAGE, "%s needs a value%s%s", s->name, s->meta ? ": " : "", s->meta ? s->meta : "");
        }
        int r = set_value(cmd, s, v);
        if (r) return r;
        s->seen = 1;
    }
    return 0;
}

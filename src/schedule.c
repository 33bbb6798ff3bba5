/* schedule.c - learning-rate schedules (docs/MATH.md, "Schedules"). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *opt_names[] = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"};

const char *mlp_opt_name(mlp_opt o)
{
    return (unsigned)o < sizeof opt_names / sizeof opt_names[0] ? opt_names[o] : "?";
}

mlp_status mlp_opt_parse(const char *name, mlp_opt *out)
{
    for (size_t i = 0; i < sizeof opt_names / sizeof opt_names[0]; i++)
        if (strcmp(name, opt_names[i]) == 0) { *out = (mlp_opt)i; return MLP_OK; }
    return mlp_fail(MLP_EUSAGE, "unknown optimiser '%s' (expected sgd, momentum, nesterov, adagrad, rmsprop or adam)", name);
}

/* Reads up to two ':'-separated numbers after the name; returns how many. */
static int numbers(const char *args, double *v, int max, int *bad)
{
    int n = 0;
    *bad = 0;
    while (args && *args) {
        if (*args != ':' || n == max) { *bad = 1; return n; }
        char *end;
        v[n] = strtod(args + 1, &end);
        if (end == args + 1 || !isfinite(v[n])) { *bad = 1; return n; }
        n++;
        args = end;
    }
    return n;
}

mlp_status mlp_schedule_parse(const char *spec, mlp_schedule *out)
{
    static const struct { const char *name; mlp_sched_kind kind; int min, max; const char *form; } k[] = {
        {"const", MLP_SCHED_CONST, 0, 0, "const"},
        {"linear", MLP_SCHED_LINEAR, 2, 2, "linear:TAU:LR_END"},
        {"step", MLP_SCHED_STEP, 2, 2, "step:EVERY:GAMMA"},
        {"exp", MLP_SCHED_EXP, 1, 1, "exp:GAMMA"},
        {"cosine", MLP_SCHED_COSINE, 0, 1, "cosine[:T]"},
    };
    size_t len = strcspn(spec, ":");
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        if (strlen(k[i].name) != len || strncmp(spec, k[i].name, len) != 0) continue;
        double v[2] = {0, 0};
        int bad, n = numbers(spec + len, v, 2, &bad);
        if (bad || n < k[i].min || n > k[i].max)
            return mlp_fail(MLP_EUSAGE, "schedule '%s': expected %s", spec, k[i].form);
        out->kind = k[i].kind;
        out->a = v[0];
        out->b = v[1];
        int ok = 1;
        switch (out->kind) {
        case MLP_SCHED_LINEAR: ok = v[0] >= 1 && v[1] >= 0; break;
        case MLP_SCHED_STEP: ok = v[0] >= 1 && v[0] == floor(v[0]) && v[1] > 0; break;
        case MLP_SCHED_EXP: out->b = v[0]; out->a = 0; ok = v[0] > 0; break;
        case MLP_SCHED_COSINE: ok = n == 0 || v[0] >= 1; break;
        case MLP_SCHED_CONST: break;
        }
        if (!ok) return mlp_fail(MLP_EUSAGE, "schedule '%s': values out of range (%s; steps and periods >= 1, rates > 0)", spec, k[i].form);
        return MLP_OK;
    }
    return mlp_fail(MLP_EUSAGE, "unknown schedule '%s' (expected const, linear:TAU:LR_END, step:EVERY:GAMMA, exp:GAMMA or cosine[:T])", spec);
}

double mlp_schedule_lr(const mlp_schedule *s, double lr0, long iter, int epoch, int total)
{
    switch (s->kind) {
    case MLP_SCHED_LINEAR: {
        if (iter >= s->a) return s->b;
        double f = iter / s->a;
        return (1 - f) * lr0 + f * s->b;
    }
    case MLP_SCHED_STEP: return lr0 * pow(s->b, floor(epoch / s->a));
    case MLP_SCHED_EXP: return lr0 * pow(s->b, epoch);
    case MLP_SCHED_COSINE: {
        double T = s->a > 0 ? s->a : (total > 0 ? total : 1);
        double e = epoch < T ? epoch : T;
        return lr0 * (1 + cos(3.14159265358979323846 * e / T)) / 2;
    }
    case MLP_SCHED_CONST: break;
    }
    return lr0;
}

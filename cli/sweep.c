/*
 * sweep.c - `mlp sweep`: train every combination of some flags' values,
 * each repeated over seeds, as child processes of this same program
 * (`mlp train`), and tabulate the results (docs/SWEEP.md).
 *
 * Children rather than library calls: a run that crashes or runs out of
 * memory costs one row, not the sweep; every run starts from a clean
 * process; and the wall time of a run is simply the child's lifetime.
 */
#include "args.h"
#include "draw.h"
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int cmd_train(int argc, char **argv);

#define MAX_GRID 16
#define MAX_RUNS 100000

static const cmd_info info = {
    "sweep", "mlp sweep [train flags] --grid FLAG=V1,V2,... [--grid ...] [--repeat N]\n"
              "       [--metric NAME] [--no-plots] --out DIR",
    "Trains every combination of the --grid values (each --repeat times, with\n"
    "seeds S, S+1, ... where S is --seed, default 1) by running `mlp train`\n"
    "with the other flags, and writes DIR/results.csv (docs/SWEEP.md), one\n"
    "run folder DIR/runs/NNN per run (mlp train --plots: run.json, log.csv,\n"
    "model.mlp and pictures, so mlp report works on it; plus stdout.txt and\n"
    "stderr.txt) and DIR/heatmap.png of --metric over the first two swept\n"
    "flags that have more than one value.",
    "FLAG is any flag of mlp train, with or without the leading --. Values are\n"
    "separated by commas, or by semicolons when one contains a comma:\n"
    "  --grid 'layers=300;300,100'. Every combination is checked (mlp train\n"
    "--dry-run) before the first run starts. Set by the sweep for each run, so\n"
    "not accepted here: --log --out --json --quiet --checkpoint --resume\n"
    "--plots --dry-run. --no-plots leaves out run.json and the pictures of\n"
    "each run (log.csv and model.mlp only), for speed.\n"
    "A run that diverges (mlp train exit 1) is recorded with diverged=yes and\n"
    "the sweep goes on. results.csv is rewritten after every run.\n"
    "exit status: 0 every run finished or diverged; 1 a run crashed or was\n"
    "killed (recorded, the sweep went on); 2 bad usage (nothing run or written);\n"
    "65, 66, 73, 74 a run failed so (bad data, missing input, cannot create,\n"
    "write error): the sweep stops there; 73 DIR cannot be created; 130\n"
    "interrupted (results.csv holds the runs finished).\n"
};

/* Train flags the sweep sets itself for every run. */
static const char *const reserved[] = {"--log", "--out", "--json", "--quiet", "--checkpoint",
                                       "--resume", "--plots", "--dry-run", NULL};

static const char *const metric_names[] = {"train_loss", "train_acc", "val_loss", "val_acc",
                                           "test_loss", "test_acc", "train_seconds", NULL};
#define N_JSON_METRICS 7

typedef struct {
    char  *flag;    /* "--lr" */
    char  *spec;    /* the --grid argument as given, for messages */
    char **values;
    int    n;
} grid_dim;

typedef struct {
    int      point;    /* index of the grid point */
    int      repeat;
    uint64_t seed;
    int      status;   /* exit status of mlp train; 128+N when killed by signal N */
    int      diverged;
    int      epochs;
    double   metric[N_JSON_METRICS];
    double   wall;
} run_result;

static int reserved_flag(const char *flag)
{
    for (int i = 0; reserved[i]; i++)
        if (strcmp(flag, reserved[i]) == 0) return 1;
    return 0;
}

/* "lr=0.1,0.5" into d; prints the error and returns MLP_EUSAGE when bad. */
static int parse_grid(char *spec, grid_dim *d)
{
    d->spec = spec;
    char *eq = strchr(spec, '=');
    if (!eq) return cli_error("sweep", MLP_EUSAGE, "--grid '%s': expected FLAG=V1,V2,...", spec);
    const char *name = spec;
    size_t len = (size_t)(eq - spec);
    if (len >= 2 && spec[0] == '-' && spec[1] == '-') { name += 2; len -= 2; }
    if (len == 0) return cli_error("sweep", MLP_EUSAGE, "--grid '%s': no flag name before '='", spec);
    d->flag = malloc(len + 3);
    if (!d->flag) return cli_error("sweep", MLP_ENOMEM, "out of memory");
    snprintf(d->flag, len + 3, "--%.*s", (int)len, name);
    if (reserved_flag(d->flag))
        return cli_error("sweep", MLP_EUSAGE, "--grid %s: %s is set by the sweep for each run and cannot be swept", spec, d->flag);
    if (strcmp(d->flag, "--grid") == 0 || strcmp(d->flag, "--repeat") == 0 || strcmp(d->flag, "--metric") == 0)
        return cli_error("sweep", MLP_EUSAGE, "--grid %s: %s is a flag of the sweep, not of mlp train", spec, d->flag);
    const char *list = eq + 1;
    if (!*list) return cli_error("sweep", MLP_EUSAGE, "--grid %s: empty list of values", spec);
    char sep = strchr(list, ';') ? ';' : ',';
    int n = 1;
    for (const char *p = list; *p; p++) n += *p == sep;
    d->values = calloc((size_t)n, sizeof *d->values);
    if (!d->values) return cli_error("sweep", MLP_ENOMEM, "out of memory");
    const char *p = list;
    for (int i = 0; i < n; i++) {
        size_t l = strcspn(p, sep == ';' ? ";" : ",");
        if (l == 0) return cli_error("sweep", MLP_EUSAGE, "--grid %s: value %d of the list is empty", spec, i + 1);
        d->values[i] = strndup(p, l);
        if (!d->values[i]) return cli_error("sweep", MLP_ENOMEM, "out of memory");
        d->n = i + 1;
        p += l + (p[l] != 0);
    }
    return 0;
}

/* Runs `mlp train ARGS --dry-run` in this process with stderr caught, and
 * prints its message (if any) as "mlp sweep: WHAT: message". Returns its
 * status. */
static int dry_run(int argc, char **argv, const char *what)
{
    fflush(stdout);
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved = dup(STDERR_FILENO);
    if (!tmp || saved < 0 || dup2(fileno(tmp), STDERR_FILENO) < 0) {
        if (tmp) fclose(tmp);
        if (saved >= 0) close(saved);
        return cli_error("sweep", MLP_ECANTCREAT, "cannot create a temporary file: %s", strerror(errno));
    }
    int r = cmd_train(argc, argv);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    if (r) {
        char msg[1024] = "";
        rewind(tmp);
        if (!fgets(msg, sizeof msg, tmp)) strcpy(msg, "rejected\n");
        msg[strcspn(msg, "\n")] = 0;
        const char *m = msg;
        if (strncmp(m, "mlp train: ", 11) == 0) m += 11;
        if (what) fprintf(stderr, "mlp sweep: %s: %s\n", what, m);
        else fprintf(stderr, "mlp sweep: %s\n", m);
    }
    fclose(tmp);
    return r;
}

/* mkdir -p; 0, or MLP_ECANTCREAT after printing why. */
static int make_dirs(const char *path)
{
    char buf[4096];
    if (strlen(path) >= sizeof buf) return cli_error("sweep", MLP_ECANTCREAT, "%s: path too long", path);
    strcpy(buf, path);
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            struct stat st;
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return cli_error("sweep", MLP_ECANTCREAT, "%s: cannot create: %s", buf, strerror(errno));
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
                return cli_error("sweep", MLP_ECANTCREAT, "%s: cannot create: %s is not a folder", path, buf);
            *p = c;
            if (!c) break;
        }
    }
    if (access(path, W_OK | X_OK) != 0)
        return cli_error("sweep", MLP_ECANTCREAT, "%s: cannot create files there: %s", path, strerror(errno));
    return 0;
}

/* One CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(char *line, size_t size, const char *s)
{
    size_t n = strlen(line);
    if (!strpbrk(s, ",\"\n\r")) { snprintf(line + n, size - n, "%s", s); return; }
    if (n + 1 < size) line[n++] = '"';
    for (; *s && n + 2 < size; s++) {
        if (*s == '"') line[n++] = '"';
        line[n++] = *s;
    }
    if (n + 1 < size) line[n++] = '"';
    line[n] = 0;
}

static void csv_num(char *line, size_t size, double v)
{
    size_t n = strlen(line);
    if (isfinite(v)) snprintf(line + n, size - n, "%.9g", v);
}

/* The values of grid point p, one per dimension (first dimension slowest). */
static void point_values(const grid_dim *g, int ng, int p, int *idx)
{
    for (int d = ng - 1; d >= 0; d--) {
        idx[d] = p % g[d].n;
        p /= g[d].n;
    }
}

static int write_results(const char *path, const grid_dim *g, int ng, const run_result *rs, int nr, int width)
{
    mlp_afile a;
    mlp_status s = mlp_afile_open(&a, path);
    if (s != MLP_OK) return cli_fail("sweep", s);
    char line[8192] = "run";
    for (int d = 0; d < ng; d++) {
        strcat(line, ",");
        csv_field(line, sizeof line, g[d].flag + 2);
    }
    strcat(line, ",seed,exit,diverged,epochs");
    for (int m = 0; metric_names[m]; m++) { strcat(line, ","); strcat(line, metric_names[m]); }
    strcat(line, ",wall_seconds,dir\n");
    mlp_afile_write(&a, line, strlen(line));
    for (int i = 0; i < nr; i++) {
        const run_result *r = &rs[i];
        int idx[MAX_GRID];
        point_values(g, ng, r->point, idx);
        snprintf(line, sizeof line, "%d", i + 1);
        for (int d = 0; d < ng; d++) {
            strcat(line, ",");
            csv_field(line, sizeof line, g[d].values[idx[d]]);
        }
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, ",%llu,%d,%s,", (unsigned long long)r->seed, r->status,
                 r->diverged ? "yes" : "no");
        if (r->epochs >= 0) {
            n = strlen(line);
            snprintf(line + n, sizeof line - n, "%d", r->epochs);
        }
        for (int m = 0; m < N_JSON_METRICS; m++) {
            strcat(line, ",");
            csv_num(line, sizeof line, r->metric[m]);
        }
        n = strlen(line);
        snprintf(line + n, sizeof line - n, ",%.3f,runs/%0*d\n", r->wall, width, i + 1);
        mlp_afile_write(&a, line, strlen(line));
    }
    s = mlp_afile_commit(&a);
    return s == MLP_OK ? 0 : cli_fail("sweep", s);
}

/* The value of "key": in a JSON line; NaN when absent or null. */
static double json_get(const char *json, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(json, pat);
    if (!p) return NAN;
    p += strlen(pat);
    char *end;
    double v = strtod(p, &end);
    return end == p ? NAN : v;
}

/* Reads the last line of a run's stdout that starts with '{' into r. */
static void read_summary(const char *path, run_result *r)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[4096], last[4096] = "";
    while (fgets(line, sizeof line, f))
        if (line[0] == '{') strcpy(last, line);
    fclose(f);
    if (!last[0]) return;
    double e = json_get(last, "epochs");
    r->epochs = isfinite(e) ? (int)e : -1;
    for (int m = 0; m < N_JSON_METRICS; m++) r->metric[m] = json_get(last, metric_names[m]);
}

/* The first line of a file, for messages. */
static void first_line(const char *path, char *buf, size_t size)
{
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) return;
    if (!fgets(buf, (int)size, f)) buf[0] = 0;
    fclose(f);
    buf[strcspn(buf, "\n")] = 0;
}

static volatile sig_atomic_t interrupted;
static void on_sigint(int sig) { (void)sig; interrupted = 1; }

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Runs argv (argv[0] the program) with stdout and stderr going to the
 * open temporary files of out and err; returns its exit status, 128+N
 * when killed by signal N, or -1 when it could not be started. */
static int run_child(int exe_fd, const char *exe, char **argv, mlp_afile *out, mlp_afile *err)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        dup2(fileno(out->f), STDOUT_FILENO);
        dup2(fileno(err->f), STDERR_FILENO);
        /* This very program, through the descriptor opened when the sweep
         * began, so a rebuilt binary does not change a sweep under way. */
        extern char **environ;
        if (exe_fd >= 0) fexecve(exe_fd, argv, environ);
        execv(exe, argv);
        fprintf(stderr, "mlp sweep: cannot run %s: %s\n", exe, strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(st)) return WEXITSTATUS(st);
    if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
    return -1;
}

/* The heatmap of metric over grid dimensions dx (x axis) and dy: the mean
 * over every run at each (x, y) that did not diverge; diverged when any did. */
static int draw_heatmap(const char *path, const grid_dim *g, int ng, int dx, int dy,
                        const run_result *rs, int nr, int metric)
{
    int nx = g[dx].n, ny = g[dy].n;
    double *sum = calloc((size_t)(nx * ny), sizeof *sum);
    int *cnt = calloc((size_t)(nx * ny), sizeof *cnt), *div = calloc((size_t)(nx * ny), sizeof *div);
    if (!sum || !cnt || !div) {
        free(sum); free(cnt); free(div);
        return cli_error("sweep", MLP_ENOMEM, "out of memory");
    }
    for (int i = 0; i < nr; i++) {
        int idx[MAX_GRID];
        point_values(g, ng, rs[i].point, idx);
        int c = idx[dy] * nx + idx[dx];
        double v = metric < N_JSON_METRICS ? rs[i].metric[metric] : rs[i].wall;
        if (rs[i].diverged) div[c] = 1;
        else if (isfinite(v)) { sum[c] += v; cnt[c]++; }
    }
    for (int c = 0; c < nx * ny; c++) sum[c] = cnt[c] ? sum[c] / cnt[c] : NAN;
    char title[256];
    snprintf(title, sizeof title, "%s over %s and %s (%d runs)", metric < N_JSON_METRICS ? metric_names[metric] : "wall_seconds",
             g[dx].flag, g[dy].flag, nr);
    draw_sweep_spec s = {g[dx].flag, g[dy].flag, metric < N_JSON_METRICS ? metric_names[metric] : "wall_seconds",
                         title, nx, ny, (const char *const *)g[dx].values, (const char *const *)g[dy].values,
                         sum, div};
    int r = draw_sweep_heatmap("sweep", &s, path);
    free(sum);
    free(cnt);
    free(div);
    return r;
}

int cmd_sweep(int argc, char **argv)
{
    grid_dim grid[MAX_GRID];
    memset(grid, 0, sizeof grid);
    int ng = 0, repeat = 1, r = 0, no_plots = 0;
    const char *out = NULL, *metric = "test_acc";
    char **pass = calloc((size_t)argc + 1, sizeof *pass); /* flags for mlp train */
    int npass = 0;
    uint64_t seed = 1;
    /* The sweep's own flags, for the help text and value checks. */
    arg_spec own[] = {
        {"--grid", ARG_STR, NULL, 0, 0, "FLAG=V1,V2,...", "a train flag and its values (repeatable; ';' separates values holding commas)", 0},
        {"--repeat", ARG_INT, &repeat, 1, 10000, "N", "runs per grid point, with seeds S, S+1, ..., S+N-1 (default 1)", 0},
        {"--metric", ARG_STR, &metric, 0, 0, "NAME", "heatmap metric: test_acc (default) test_loss train_acc train_loss val_acc val_loss train_seconds wall_seconds", 0},
        {"--out", ARG_STR, &out, 0, 0, "DIR", "write results.csv, runs/ and heatmap.png here (created if missing)", 0},
        {"--no-plots", ARG_FLAG, &no_plots, 0, 0, NULL, "runs write log.csv and model.mlp only: no run.json, no pictures", 0},
        {0}};
    if (!pass) return cli_error("sweep", MLP_ENOMEM, "out of memory");
    pass[npass++] = "train";

    /* 1. Separate the sweep's flags from mlp train's. */
    for (int i = 1; i < argc && !r; i++) {
        char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            args_help(&info, own);
            free(pass);
            return 0;
        }
        if (strcmp(a, "--no-plots") == 0) { no_plots = 1; continue; }
        const char *own_names[] = {"--grid", "--repeat", "--metric", "--out"};
        int which = -1;
        size_t len = strcspn(a, "=");
        for (int k = 0; k < 4; k++)
            if (strlen(own_names[k]) == len && strncmp(a, own_names[k], len) == 0) which = k;
        if (which < 0) {
            if (a[0] == '-' && a[1] == '-') {
                char flag[64];
                snprintf(flag, sizeof flag, "%.*s", (int)(len < 63 ? len : 63), a);
                if (reserved_flag(flag)) {
                    r = cli_error("sweep", MLP_EUSAGE, "%s is set by the sweep for each run (see mlp help sweep)", flag);
                    break;
                }
                if (strcmp(flag, "--seed") == 0) {
                    const char *v = a[len] == '=' ? a + len + 1 : i + 1 < argc ? argv[i + 1] : "";
                    char *end;
                    errno = 0;
                    seed = strtoull(v, &end, 10);
                    if (!*v || *v == '-' || *end || errno) {
                        r = cli_error("sweep", MLP_EUSAGE, "--seed: '%s' is not a whole number", v);
                        break;
                    }
                }
            }
            pass[npass++] = a;
            continue;
        }
        const char *v = NULL;
        if (a[len] == '=') v = a + len + 1;
        else if (i + 1 < argc) v = argv[++i];
        else { r = cli_error("sweep", MLP_EUSAGE, "%s needs a value: %s", own[which].name, own[which].meta); break; }
        if (which == 0) {
            if (ng == MAX_GRID) { r = cli_error("sweep", MLP_EUSAGE, "--grid: more than %d flags", MAX_GRID); break; }
            r = parse_grid((char *)v, &grid[ng++]);
        } else if (which == 1) {
            char *end;
            long x = strtol(v, &end, 10);
            if (end == v || *end) r = cli_error("sweep", MLP_EUSAGE, "--repeat: '%s' is not a whole number", v);
            else if (x < 1 || x > 10000) r = cli_error("sweep", MLP_EUSAGE, "--repeat: %ld is out of range (1 to 10000)", x);
            else repeat = (int)x;
        } else if (which == 2) {
            metric = v;
        } else {
            out = v;
        }
    }
    int metric_i = -1;
    if (!r) {
        for (int m = 0; metric_names[m]; m++)
            if (strcmp(metric, metric_names[m]) == 0) metric_i = m;
        if (strcmp(metric, "wall_seconds") == 0) metric_i = N_JSON_METRICS;
        if (metric_i < 0) r = cli_error("sweep", MLP_EUSAGE, "--metric: '%s' is not one of test_acc test_loss train_acc train_loss val_acc val_loss train_seconds wall_seconds", metric);
    }
    if (!r && ng == 0) r = cli_error("sweep", MLP_EUSAGE, "no --grid FLAG=V1,V2,... given (see mlp help sweep)");
    if (!r && !out) r = cli_error("sweep", MLP_EUSAGE, "no --out DIR given");
    for (int d = 0; !r && d < ng; d++)
        for (int e = 0; e < d; e++)
            if (strcmp(grid[d].flag, grid[e].flag) == 0) {
                r = cli_error("sweep", MLP_EUSAGE, "--grid %s: %s is swept twice", grid[d].spec, grid[d].flag);
                break;
            }
    long points = 1;
    for (int d = 0; d < ng; d++) points *= grid[d].n;
    if (!r && points * repeat > MAX_RUNS)
        r = cli_error("sweep", MLP_EUSAGE, "%ld runs asked for; at most %d", points * repeat, MAX_RUNS);

    /* 2. Check the train flags, each value, and every combination with
     * mlp train --dry-run, before anything is written or run. */
    char **av = calloc((size_t)(npass + ng + 8), sizeof *av);
    char **own_vals = calloc((size_t)ng + 1, sizeof *own_vals);
    if (!r && (!av || !own_vals)) r = cli_error("sweep", MLP_ENOMEM, "out of memory");
    if (!r) {
        memcpy(av, pass, (size_t)npass * sizeof *av);
        av[npass] = "--dry-run";
        r = dry_run(npass + 1, av, NULL);
    }
    for (int d = 0; !r && d < ng; d++)
        for (int j = 0; !r && j < grid[d].n; j++) {
            char arg[1024], what[1100];
            snprintf(arg, sizeof arg, "%s=%s", grid[d].flag, grid[d].values[j]);
            snprintf(what, sizeof what, "--grid %s", grid[d].spec);
            memcpy(av, pass, (size_t)npass * sizeof *av);
            av[npass] = arg;
            av[npass + 1] = "--dry-run";
            r = dry_run(npass + 2, av, what);
        }
    char (*args)[1024] = calloc((size_t)ng + 1, sizeof *args);
    if (!r && !args) r = cli_error("sweep", MLP_ENOMEM, "out of memory");
    for (long p = 0; !r && ng > 1 && p < points; p++) {
        int idx[MAX_GRID];
        point_values(grid, ng, (int)p, idx);
        char what[2048] = "the combination";
        memcpy(av, pass, (size_t)npass * sizeof *av);
        for (int d = 0; d < ng; d++) {
            snprintf(args[d], sizeof args[d], "%s=%s", grid[d].flag, grid[d].values[idx[d]]);
            av[npass + d] = args[d];
            size_t n = strlen(what);
            snprintf(what + n, sizeof what - n, " %s %s", grid[d].flag, grid[d].values[idx[d]]);
        }
        av[npass + ng] = "--dry-run";
        r = dry_run(npass + ng + 1, av, what);
    }

    /* 3. The output folder. */
    char exe[4096] = "mlp";
    if (!r) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n <= 0) r = cli_error("sweep", MLP_ECANTCREAT, "cannot find this program (/proc/self/exe): %s", strerror(errno));
        else exe[n] = 0;
    }
    int exe_fd = r ? -1 : open(exe, O_RDONLY | O_CLOEXEC);
    if (!r && exe_fd < 0) r = cli_error("sweep", MLP_ECANTCREAT, "%s: cannot open this program: %s", exe, strerror(errno));
    size_t olen = out ? strlen(out) : 0;
    char *path = malloc(olen + 64);
    if (!r && !path) r = cli_error("sweep", MLP_ENOMEM, "out of memory");
    if (!r) r = make_dirs(out);
    if (!r) {
        snprintf(path, olen + 64, "%s/results.csv", out);
        if (mlp_afile_check(path) != MLP_OK) r = cli_fail("sweep", MLP_ECANTCREAT);
    }
    if (!r) {
        snprintf(path, olen + 64, "%s/runs", out);
        r = make_dirs(path);
    }

    /* 4. The runs. */
    long total = points * repeat;
    int width = total >= 1000 ? (total >= 10000 ? (total >= 100000 ? 6 : 5) : 4) : 3;
    run_result *rs = r ? NULL : calloc((size_t)total, sizeof *rs);
    if (!r && !rs) r = cli_error("sweep", MLP_ENOMEM, "out of memory");
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    if (!r) sigaction(SIGINT, &sa, &old);
    int done = 0, n_div = 0, n_crash = 0;
    double t_start = now();
    char *results = malloc(olen + 64);
    if (!r && !results) r = cli_error("sweep", MLP_ENOMEM, "out of memory");
    if (results) snprintf(results, olen + 64, "%s/results.csv", out);
    for (long i = 0; !r && i < total && !interrupted; i++) {
        run_result *rr = &rs[i];
        rr->point = (int)(i / repeat);
        rr->repeat = (int)(i % repeat);
        rr->epochs = -1;
        for (int m = 0; m < N_JSON_METRICS; m++) rr->metric[m] = NAN;
        int idx[MAX_GRID];
        point_values(grid, ng, rr->point, idx);
        /* The seed: a swept --seed, or --seed, or 1; plus the repeat. */
        uint64_t s0 = seed;
        for (int d = 0; d < ng; d++)
            if (strcmp(grid[d].flag, "--seed") == 0) s0 = strtoull(grid[d].values[idx[d]], NULL, 10);
        rr->seed = s0 + (uint64_t)rr->repeat;
        char rundir[4200], logarg[4300], outarg[4300], seedarg[64], f_out[4300], f_err[4300];
        snprintf(rundir, sizeof rundir, "%s/runs/%0*ld", out, width, i + 1);
        if ((r = make_dirs(rundir))) break;
        if (no_plots) {
            snprintf(logarg, sizeof logarg, "--log=%s/log.csv", rundir);
            snprintf(outarg, sizeof outarg, "--out=%s/model.mlp", rundir);
        } else {
            snprintf(logarg, sizeof logarg, "--plots=%s", rundir);
        }
        snprintf(seedarg, sizeof seedarg, "--seed=%llu", (unsigned long long)rr->seed);
        snprintf(f_out, sizeof f_out, "%s/stdout.txt", rundir);
        snprintf(f_err, sizeof f_err, "%s/stderr.txt", rundir);
        int k = 0;
        av[k++] = exe;
        for (int j = 0; j < npass; j++) av[k++] = pass[j];
        char desc[2048] = "";
        for (int d = 0; d < ng; d++) {
            snprintf(args[d], sizeof args[d], "%s=%s", grid[d].flag, grid[d].values[idx[d]]);
            av[k++] = args[d];
            size_t n = strlen(desc);
            if (strcmp(grid[d].flag, "--seed") != 0)
                snprintf(desc + n, sizeof desc - n, "%s %s  ", grid[d].flag, grid[d].values[idx[d]]);
        }
        av[k++] = seedarg;
        av[k++] = logarg;
        if (no_plots) av[k++] = outarg;
        av[k++] = "--json";
        av[k] = NULL;
        mlp_afile fo, fe;
        mlp_status s = mlp_afile_open(&fo, f_out);
        if (s != MLP_OK) { r = cli_fail("sweep", s); break; }
        s = mlp_afile_open(&fe, f_err);
        if (s != MLP_OK) { mlp_afile_abort(&fo); r = cli_fail("sweep", s); break; }
        double t0 = now();
        int st = run_child(exe_fd, exe, av, &fo, &fe);
        rr->wall = now() - t0;
        mlp_status s1 = mlp_afile_commit(&fo), s2 = mlp_afile_commit(&fe);
        if (st < 0) { r = cli_error("sweep", MLP_ECANTCREAT, "cannot start %s: %s", exe, strerror(errno)); break; }
        rr->status = st;
        read_summary(f_out, rr);
        done = (int)i + 1;
        char msg[512];
        first_line(f_err, msg, sizeof msg);
        /* Exit 1 with mlp train's own message; any other exit 1 is a failure. */
        rr->diverged = st == MLP_EDIVERGED && strstr(msg, "diverged") != NULL;
        printf("run %ld/%ld  %s--seed %llu  ", i + 1, total, desc, (unsigned long long)rr->seed);
        if (st == 0) {
            printf("test_acc %.4f  test_loss %.4f  train_loss %.4f", rr->metric[5], rr->metric[4], rr->metric[0]);
        } else if (rr->diverged) {
            printf("diverged");
            n_div++;
        } else if (st == MLP_EINTR || interrupted) {
            printf("interrupted");
            interrupted = 1;
            done = (int)i; /* not a result */
        } else {
            printf("failed (exit %d): %s", st, msg);
            if (st == 1) n_crash++; /* exit 1 without the divergence message */
        }
        printf("  %.2f s\n", rr->wall);
        fflush(stdout);
        if (s1 != MLP_OK || s2 != MLP_OK) { r = cli_fail("sweep", s1 != MLP_OK ? s1 : s2); break; }
        if ((r = write_results(results, grid, ng, rs, done, width))) break;
        if (interrupted) break;
        if (st > 128 || st == 127) {
            n_crash++;
        } else if (st != 0 && !rr->diverged) {
            /* A usage, data or output error is the same for every run. */
            r = cli_error("sweep", st, "run %ld failed (exit %d; %s/stderr.txt): %s", i + 1, st, rundir, msg);
        }
    }
    if (rs) sigaction(SIGINT, &old, NULL);
    if (!r && rs && done == 0 && !interrupted) r = write_results(results, grid, ng, rs, 0, width);

    /* 5. The heatmap over the first two swept flags with several values. */
    if (!r && done > 0) {
        int dx = -1, dy = -1;
        for (int d = 0; d < ng; d++)
            if (grid[d].n > 1 && strcmp(grid[d].flag, "--seed") != 0) {
                if (dx < 0) dx = d;
                else if (dy < 0) dy = d;
            }
        if (dy >= 0) {
            snprintf(path, olen + 64, "%s/heatmap.png", out);
            r = draw_heatmap(path, grid, ng, dx, dy, rs, done, metric_i);
        }
    }
    if (!r || interrupted) {
        printf("%d of %ld runs done, %d diverged, %d crashed, in %.1f s: %s\n", done, total, n_div, n_crash,
               now() - t_start, results ? results : "");
        if (interrupted) { fprintf(stderr, "mlp sweep: interrupted; %s holds the %d runs finished\n", results, done); r = MLP_EINTR; }
        else if (n_crash) r = cli_error("sweep", 1, "%d runs crashed or were killed (see their stderr.txt)", n_crash);
    }
    for (int d = 0; d < ng; d++) {
        for (int j = 0; j < grid[d].n; j++) free(grid[d].values[j]);
        free(grid[d].values);
        free(grid[d].flag);
    }
    if (exe_fd >= 0) close(exe_fd);
    free(pass);
    free(av);
    free(own_vals);
    free(args);
    free(path);
    free(results);
    free(rs);
    return r;
}

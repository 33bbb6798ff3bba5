/* draw.c - the machinery every picture shares: the output's format, the
 * gnuplot script in memory, running gnuplot and writing what it draws
 * atomically. The pictures themselves are in cli/draw_*.c. */
#include "draw.h"
#include "args.h"
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int draw_format_of(const char *cmd, const char *path, draw_format *fmt)
{
    const char *dot = strrchr(path, '.');
    if (dot && strchr(dot, '/') == NULL) {
        if (strcasecmp(dot, ".png") == 0) { *fmt = DRAW_PNG; return 0; }
        if (strcasecmp(dot, ".svg") == 0) { *fmt = DRAW_SVG; return 0; }
    }
    return cli_error(cmd, MLP_EUSAGE, "%s: unknown picture type: the name must end in .png or .svg", path);
}

void draw_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputs("''", f);
        else if (*s == '\n' || *s == '\r') fputc(' ', f);
        else fputc(*s, f);
    }
    fputc('\'', f);
}

int draw_begin(draw_ctx *d, const char *cmd, const char *out, draw_format fmt_if_null,
               int width, int height)
{
    memset(d, 0, sizeof *d);
    d->cmd = cmd;
    d->out = out;
    d->fmt = fmt_if_null;
    if (out) {
        int r = draw_format_of(cmd, out, &d->fmt);
        if (r) return r;
        if (mlp_afile_check(out) != MLP_OK) return cli_fail(cmd, MLP_ECANTCREAT);
    }
    d->f = open_memstream(&d->buf, &d->len);
    if (!d->f) return cli_error(cmd, MLP_ENOMEM, "out of memory");
    if (d->fmt == DRAW_PNG)
        fprintf(d->f, "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,11' background '#ffffff'\n", width, height);
    else
        fprintf(d->f, "set terminal svg size %d,%d noenhanced font 'DejaVu Sans,12' background '#ffffff'\n", width, height);
    fprintf(d->f, "set encoding utf8\nset output\n");
    return 0;
}

void draw_abort(draw_ctx *d)
{
    if (d->f) fclose(d->f);
    free(d->buf);
    memset(d, 0, sizeof *d);
}

/* A temporary file of our own, its name in path (PATH_MAX-sized). */
static int temp_file(char *path, size_t size, const char *what)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    snprintf(path, size, "%s/mlp-%s-XXXXXX", dir, what);
    return mkstemp(path);
}

/* The first line of the file at fd (gnuplot's error), into buf. */
static void first_line(int fd, char *buf, size_t size)
{
    ssize_t n = pread(fd, buf, size - 1, 0);
    buf[n > 0 ? n : 0] = 0;
    /* gnuplot echoes the offending script line first; its message is the
     * line that names the problem ("... line N: message"). */
    char *msg = strstr(buf, "line ");
    char *start = msg ? msg : buf;
    while (*start == '\n' || *start == ' ') start++;
    start[strcspn(start, "\n")] = 0;
    memmove(buf, start, strlen(start) + 1);
}

int draw_finish_mem(draw_ctx *d, char **pic, size_t *plen)
{
    *pic = NULL;
    *plen = 0;
    fprintf(d->f, "unset output\n");
    if (fclose(d->f) != 0) { d->f = NULL; draw_abort(d); return cli_error(d->cmd, MLP_ENOMEM, "out of memory"); }
    d->f = NULL;
    const char *prog = getenv("MLP_GNUPLOT");
    if (!prog || !*prog) prog = "gnuplot";
    char script[4096], errpath[4096];
    int sfd = temp_file(script, sizeof script, "plot"), efd = -1, pfd[2] = {-1, -1};
    int r = 0;
    if (sfd < 0) r = cli_error(d->cmd, MLP_ECANTCREAT, "%s: cannot create a temporary file: %s", script, strerror(errno));
    else {
        size_t off = 0;
        while (off < d->len) {
            ssize_t w = write(sfd, d->buf + off, d->len - off);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) { r = cli_error(d->cmd, MLP_EIO, "%s: write failed: %s", script, strerror(errno)); break; }
            off += (size_t)w;
        }
        close(sfd);
    }
    if (!r && (efd = temp_file(errpath, sizeof errpath, "gnuplot-err")) < 0)
        r = cli_error(d->cmd, MLP_ECANTCREAT, "%s: cannot create a temporary file: %s", errpath, strerror(errno));
    if (!r && pipe(pfd) != 0) r = cli_error(d->cmd, MLP_ECANTCREAT, "cannot start gnuplot: %s", strerror(errno));
    pid_t pid = -1;
    if (!r) {
        fflush(stdout);
        fflush(stderr);
        pid = fork();
        if (pid < 0) r = cli_error(d->cmd, MLP_ECANTCREAT, "cannot start gnuplot: %s", strerror(errno));
        else if (pid == 0) {
            dup2(pfd[1], 1);
            dup2(efd, 2);
            close(pfd[0]);
            close(pfd[1]);
            close(efd);
            int nul = open("/dev/null", O_RDONLY);
            if (nul >= 0) { dup2(nul, 0); close(nul); }
            /* -d: no ~/.gnuplot or system init file changes the pictures. */
            execlp(prog, prog, "-d", script, (char *)NULL);
            _exit(127);
        }
    }
    if (pfd[1] >= 0) close(pfd[1]);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (pid > 0) {
        for (;;) {
            if (len == cap) {
                size_t ncap = cap ? 2 * cap : 65536;
                char *nb = realloc(buf, ncap + 1);
                if (!nb) { r = cli_error(d->cmd, MLP_ENOMEM, "out of memory"); break; }
                buf = nb;
                cap = ncap;
            }
            ssize_t n = read(pfd[0], buf + len, cap - len);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            len += (size_t)n;
        }
        close(pfd[0]);
        pfd[0] = -1;
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
        if (!r) {
            if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
                r = cli_error(d->cmd, MLP_ECANTCREAT, "cannot run %s to draw %s (install gnuplot-nox: make deps)", prog, d->out ? d->out : "a picture");
            else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || len == 0) {
                char msg[512];
                first_line(efd, msg, sizeof msg);
                r = cli_error(d->cmd, MLP_ECANTCREAT, "%s: gnuplot failed: %s", d->out ? d->out : "picture", *msg ? msg : "no output");
            }
        }
    }
    if (pfd[0] >= 0) close(pfd[0]);
    if (efd >= 0) { close(efd); unlink(errpath); }
    if (sfd >= 0) unlink(script);
    free(d->buf);
    d->buf = NULL;
    if (r) { free(buf); return r; }
    buf[len] = 0;
    *pic = buf;
    *plen = len;
    return 0;
}

int draw_finish(draw_ctx *d)
{
    char *pic;
    size_t len;
    int r = draw_finish_mem(d, &pic, &len);
    if (r) return r;
    mlp_afile a;
    mlp_status s = mlp_afile_open(&a, d->out);
    if (s == MLP_OK) {
        mlp_afile_write(&a, pic, len);
        s = mlp_afile_commit(&a);
    }
    free(pic);
    return s == MLP_OK ? 0 : cli_fail(d->cmd, s);
}

void draw_tiles_block(FILE *f, const char *name, const double *px, int ntiles, int cols, int h, int w, int gap)
{
    int rows = (ntiles + cols - 1) / cols;
    fprintf(f, "%s << EOD\n", name);
    for (int Y = 0; Y < rows * (h + gap) - gap; Y++) {
        int tr = Y / (h + gap), y = Y % (h + gap);
        for (int X = 0; X < cols * (w + gap) - gap; X++) {
            int tc = X / (w + gap), x = X % (w + gap), t = tr * cols + tc;
            if (X) fputc(' ', f);
            if (y >= h || x >= w || t >= ntiles) fputs("NaN", f);
            else fprintf(f, "%.4g", px[((size_t)t * h + y) * w + x]);
        }
        fputc('\n', f);
    }
    fprintf(f, "EOD\n");
}

int draw_image_shape(const mlp_net *net, int *h, int *w, int *c)
{
    mlp_input_shape(net, h, w, c);
    if (*h > 0) { if (*c < 1) *c = 1; return 1; }
    int d = mlp_width(net, 0), s = 1;
    while ((s + 1) * (s + 1) <= d) s++;
    *c = 1;
    *h = *w = s * s == d && d >= 64 ? s : 0; /* 8x8 and up */
    return *h > 0;
}

void draw_class_label(const mlp_net *net, int k, char *buf, size_t size)
{
    const char *name = net ? mlp_class_name(net, k) : NULL;
    if (name) snprintf(buf, size, "%.20s", name);
    else snprintf(buf, size, "%d", k);
}

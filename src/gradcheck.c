/* gradcheck.c - analytic gradients against seven-point central differences
 * (docs/MATH.md, "Checking gradients"). */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this size a gradient counts as zero: rounding in the loss makes
 * smaller differences noise (about u/h, with u the unit roundoff). */
#define REL_FLOOR (mlp_is_double() ? 1e-6 : 1e-3)

/* Bytes needed for the on/off pattern of every hidden unit in the batch. */
static size_t pattern_size(const mlp_net *net, int n)
{
    size_t k = 0;
    for (int l = 1; l < net->n_layers; l++) k += (size_t)n * net->sizes[l];
    return k;
}

/* Records which hidden units are on (a > 0) after a forward pass. relu,
 * leaky-relu and step change slope exactly where this flips; a difference
 * quotient taken across such a kink measures nothing. */
static void pattern(const mlp_net *net, const mlp_work *w, int n, unsigned char *out)
{
    for (int l = 1; l < net->n_layers; l++) {
        size_t m = (size_t)n * net->sizes[l];
        mlp_act f = net->acts[l - 1];
        int kinked = f == MLP_RELU || f == MLP_LEAKY_RELU || f == MLP_STEP;
        for (size_t i = 0; i < m; i++) *out++ = kinked && w->act[l][i] > 0;
    }
}

/* Loss with parameter p set to v; *crossed is set when the hidden on/off
 * pattern differs from base. */
static mlp_status loss_at(mlp_net *net, mlp_work *w, const mlp_real *x, const int32_t *y, int n,
                          mlp_real *p, double v, const unsigned char *base, unsigned char *scratch,
                          size_t plen, double *loss, int *crossed)
{
    *p = (mlp_real)v;
    mlp_status s = mlp_backward(net, w, x, y, n, loss, NULL, NULL);
    pattern(net, w, n, scratch);
    if (memcmp(scratch, base, plen) != 0) *crossed = 1;
    return s;
}

mlp_status mlp_gradcheck(mlp_net *net, const mlp_real *x, const int32_t *y,
                         int n, double eps, mlp_gradcheck_result *res)
{
    int L = net->n_layers;
    memset(res, 0, sizeof *res);
    if (2 * L > (int)(sizeof res->max_rel / sizeof res->max_rel[0]))
        return mlp_fail(MLP_EUSAGE, "gradcheck handles at most %d layers", (int)(sizeof res->max_rel / sizeof res->max_rel[0]) / 2);
    if (!(eps > 0)) eps = mlp_is_double() ? 3e-3 : 3e-2;
    mlp_work *w;
    mlp_status s = mlp_work_new(&w, net, n);
    if (s != MLP_OK) return s;
    size_t plen = pattern_size(net, n);
    mlp_real *grad = mlp_alloc(net->n_params, sizeof *grad, "gradients");
    unsigned char *base = mlp_alloc(plen + 1, 2, "activation pattern");
    if (!grad || !base) { free(grad); free(base); mlp_work_free(w); return MLP_ENOMEM; }
    unsigned char *scratch = base + plen + 1;
    double loss;
    s = mlp_backward(net, w, x, y, n, &loss, grad, NULL);
    pattern(net, w, n, base);
    res->n_tensors = 2 * L;
    for (int t = 0; s == MLP_OK && t < 2 * L; t++) {
        int l = t / 2;
        size_t off = t % 2 ? net->b_off[l] : net->w_off[l];
        size_t len = t % 2 ? (size_t)net->sizes[l + 1] : (size_t)net->sizes[l] * net->sizes[l + 1];
        double worst = 0;
        for (size_t i = 0; s == MLP_OK && i < len; i++) {
            mlp_real *p = net->params + off + i, keep = *p;
            /* Seven-point central difference, error O(h^6): a step large
             * enough to keep rounding small is still accurate. A step that
             * crosses a kink is retried ten and a hundred times smaller. */
            double num = 0, h = eps;
            int crossed = 1;
            for (int tries = 0; crossed && tries < 3 && s == MLP_OK; tries++) {
                if (tries) h /= 10;
                double d[4] = {0}; /* d[j] = L(keep + j h) - L(keep - j h) */
                crossed = 0;
                for (int j = 1; j <= 3 && s == MLP_OK; j++) {
                    double up = 0, down = 0;
                    s = loss_at(net, w, x, y, n, p, keep + j * h, base, scratch, plen, &up, &crossed);
                    if (s == MLP_OK) s = loss_at(net, w, x, y, n, p, keep - j * h, base, scratch, plen, &down, &crossed);
                    d[j] = up - down; /* differences first: equal losses give exactly 0 */
                }
                num = (45 * d[1] - 9 * d[2] + d[3]) / (60 * h);
            }
            *p = keep;
            if (crossed) { res->kinks++; continue; }
            double a = grad[off + i];
            /* Rounding noise grows as u/h: a smaller retry step raises the
             * size below which a gradient is noise by the same factor. */
            double zero_below = REL_FLOOR * eps / h;
            double rel = fabs(a - num) / fmax(fmax(fabs(a), fabs(num)), zero_below);
            if (!(rel <= worst)) worst = rel; /* NaN propagates as the worst */
        }
        res->max_rel[t] = worst;
        if (!(worst <= res->max_rel_all)) res->max_rel_all = worst;
    }
    free(grad);
    free(base);
    mlp_work_free(w);
    return s;
}

/* gradcheck.c - analytic gradients against central differences
 * (docs/MATH.md, "Checking gradients"). */
#include "internal.h"

#include <math.h>
#include <stdlib.h>

#define REL_FLOOR 1e-6

mlp_status mlp_gradcheck(mlp_net *net, const mlp_real *x, const int32_t *y,
                         int n, double eps, mlp_gradcheck_result *res)
{
    int L = net->n_layers;
    if (2 * L > (int)(sizeof res->max_rel / sizeof res->max_rel[0]))
        return mlp_fail(MLP_EUSAGE, "gradcheck handles at most %d layers", (int)(sizeof res->max_rel / sizeof res->max_rel[0]) / 2);
    if (!(eps > 0)) eps = mlp_is_double() ? 1e-5 : 1e-2;
    mlp_work *w;
    mlp_status s = mlp_work_new(&w, net, n);
    if (s != MLP_OK) return s;
    mlp_real *grad = mlp_alloc(net->n_params, sizeof *grad, "gradients");
    if (!grad) { mlp_work_free(w); return MLP_ENOMEM; }
    double loss, lp, lm;
    s = mlp_backward(net, w, x, y, n, &loss, grad, NULL);
    res->n_tensors = 2 * L;
    res->max_rel_all = 0;
    for (int t = 0; s == MLP_OK && t < 2 * L; t++) {
        int l = t / 2;
        size_t off = t % 2 ? net->b_off[l] : net->w_off[l];
        size_t len = t % 2 ? (size_t)net->sizes[l + 1] : (size_t)net->sizes[l] * net->sizes[l + 1];
        double worst = 0;
        for (size_t i = 0; s == MLP_OK && i < len; i++) {
            mlp_real *p = net->params + off + i, keep = *p;
            *p = (mlp_real)(keep + eps);
            double up = *p - (double)keep; /* the step actually taken */
            s = mlp_backward(net, w, x, y, n, &lp, NULL, NULL);
            *p = (mlp_real)(keep - eps);
            double down = (double)keep - *p;
            if (s == MLP_OK) s = mlp_backward(net, w, x, y, n, &lm, NULL, NULL);
            *p = keep;
            double num = (lp - lm) / (up + down), a = grad[off + i];
            double den = fmax(fmax(fabs(a), fabs(num)), REL_FLOOR);
            double rel = fabs(a - num) / den;
            if (!(rel <= worst)) worst = rel; /* NaN propagates as the worst */
        }
        res->max_rel[t] = worst;
        if (!(worst <= res->max_rel_all)) res->max_rel_all = worst;
    }
    free(grad);
    mlp_work_free(w);
    return s;
}

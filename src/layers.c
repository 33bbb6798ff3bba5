/* layers.c - dense layers, activations and losses, forward and backward. */
#include "layers.h"
#include "kernels/gemm.h"

#include <math.h>
#include <string.h>

void dense_forward(mlp_real *Z, const mlp_real *X, const mlp_real *W, const mlp_real *b,
                   int n, int in, int out, const dense_scratch *s)
{
    const mlp_kernels *k = mlp_kern();
    mlp_gemm_job g = {.M = n, .N = out, .K = in, .A = X, .rsa = in, .csa = 1, .C = Z, .ldc = out,
                      .bias = b, .ks = s->row_ks, .kofs = s->row_kofs, .by_rows = 1, .threads = s->threads};
    if (n <= DENSE_GATHER_MAX && (double)out * in < 2147483647.0) {
        /* A row or a few: read W^T straight from W, by gathers. */
        g.B = W;
        g.ldb = in;
        g.b_trans = 1;
    } else {
        /* W^T in panels puts each input's weights in a contiguous row: the
         * product runs over k with whole vectors of outputs. */
        k->pack_t(out, in, W, in, s->wt, s->threads);
        g.B = s->wt;
        g.b_packed = 1;
    }
    k->gemm(&g);
}

void dense_backward(mlp_real *dX, mlp_real *dW, mlp_real *db, const mlp_real *G,
                    const mlp_real *X, const mlp_real *W, int n, int in, int out,
                    const dense_scratch *s)
{
    const mlp_kernels *k = mlp_kern();
    mlp_gemm_job gw = {.M = out, .N = in, .K = n, .A = G, .rsa = 1, .csa = out, .B = X, .ldb = in,
                       .C = dW, .ldc = in, .ks = s->col_ks, .kofs = s->col_kofs,
                       .pack = s->pack, .pack_stride = s->pack_stride, .threads = s->threads};
    k->gemm(&gw);
    memset(db, 0, (size_t)out * sizeof *db);
    for (int i = 0; i < n; i++) {
        const mlp_real *g = G + (size_t)i * out;
        for (int j = 0; j < out; j++) db[j] += g[j];
    }
    if (dX) {
        mlp_gemm_job gx = {.M = n, .N = in, .K = out, .A = G, .rsa = out, .csa = 1, .B = W, .ldb = in,
                           .C = dX, .ldc = in, .pack = s->pack, .pack_stride = s->pack_stride,
                           .threads = s->threads};
        k->gemm(&gx);
    }
}

void act_forward(mlp_act f, mlp_real *A, size_t count)
{
    mlp_kern()->act_forward(f, A, count);
}

void act_backward(mlp_act f, mlp_real *G, const mlp_real *A, size_t count)
{
    mlp_kern()->act_backward(f, G, A, count);
}

double softmax_ce(mlp_real *Z, const int32_t *y, mlp_real *G, int n, int k)
{
    double total = 0;
    for (int i = 0; i < n; i++) {
        mlp_real *z = Z + (size_t)i * k;
        mlp_real m = z[0];
        for (int j = 1; j < k; j++) if (z[j] > m) m = z[j];
        double s = 0;
        /* Differences in double: z - m cannot overflow even for float
         * logits of opposite sign near FLT_MAX. */
        for (int j = 0; j < k; j++) s += exp((double)z[j] - (double)m);
        double lse = log(s);
        /* -log p_y = log sum exp(z - m) - (z_y - m): exact and finite. */
        total += lse - ((double)z[y[i]] - (double)m);
        for (int j = 0; j < k; j++) z[j] = (mlp_real)exp((double)z[j] - (double)m - lse);
        if (G) {
            mlp_real *g = G + (size_t)i * k;
            mlp_real inv_n = (mlp_real)1 / n;
            for (int j = 0; j < k; j++) g[j] = z[j] * inv_n;
            g[y[i]] -= inv_n;
        }
    }
    return total;
}

double mse_onehot(const mlp_real *Z, const int32_t *y, mlp_real *G, int n, int k)
{
    double total = 0;
    mlp_real scale = (mlp_real)2 / ((mlp_real)n * k);
    for (int i = 0; i < n; i++) {
        const mlp_real *z = Z + (size_t)i * k;
        double row = 0;
        for (int j = 0; j < k; j++) {
            mlp_real e = z[j] - (j == y[i] ? 1 : 0);
            row += (double)e * e;
            if (G) G[(size_t)i * k + j] = scale * e;
        }
        total += row / k;
    }
    return total;
}

int count_correct(const mlp_real *P, const int32_t *y, int n, int k)
{
    int c = 0;
    for (int i = 0; i < n; i++) {
        const mlp_real *p = P + (size_t)i * k;
        int best = 0;
        for (int j = 1; j < k; j++) if (p[j] > p[best]) best = j;
        c += best == y[i];
    }
    return c;
}

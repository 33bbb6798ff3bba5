/* layers.c - dense layers, activations and losses, forward and backward. */
#include "layers.h"
#include "kernels/gemm.h"

#include <math.h>
#include <string.h>

void dense_forward(mlp_real *Z, const mlp_real *X, const mlp_real *W,
                   const mlp_real *b, int n, int in, int out)
{
    mlp_gemm_nt(n, out, in, X, in, W, in, Z, out);
    for (int i = 0; i < n; i++) {
        mlp_real *z = Z + (size_t)i * out;
        for (int j = 0; j < out; j++) z[j] += b[j];
    }
}

void dense_backward(mlp_real *dX, mlp_real *dW, mlp_real *db, const mlp_real *G,
                    const mlp_real *X, const mlp_real *W, int n, int in, int out)
{
    mlp_gemm_tn(out, in, n, G, out, X, in, dW, in);
    memset(db, 0, (size_t)out * sizeof *db);
    for (int i = 0; i < n; i++) {
        const mlp_real *g = G + (size_t)i * out;
        for (int j = 0; j < out; j++) db[j] += g[j];
    }
    if (dX) mlp_gemm_nn(n, in, out, G, out, W, in, dX, in);
}

void act_forward(mlp_act f, mlp_real *A, size_t count)
{
    switch (f) {
    case MLP_SIGMOID:
        /* 1/(1+e^-z) overflows harmlessly to 0 for z << 0; exp of a large
         * positive argument is avoided on that side. */
        for (size_t i = 0; i < count; i++) {
            mlp_real z = A[i];
            if (z >= 0) A[i] = 1 / (1 + exp(-z));
            else { mlp_real e = exp(z); A[i] = e / (1 + e); }
        }
        break;
    case MLP_TANH:
        for (size_t i = 0; i < count; i++) A[i] = tanh(A[i]);
        break;
    case MLP_RELU:
        for (size_t i = 0; i < count; i++) A[i] = A[i] > 0 ? A[i] : 0;
        break;
    case MLP_LEAKY_RELU:
        for (size_t i = 0; i < count; i++) A[i] = A[i] > 0 ? A[i] : (mlp_real)MLP_LEAKY_SLOPE * A[i];
        break;
    case MLP_STEP:
        for (size_t i = 0; i < count; i++) A[i] = A[i] > 0 ? 1 : 0;
        break;
    case MLP_IDENTITY:
    case MLP_ACT_COUNT:
        break;
    }
}

void act_backward(mlp_act f, mlp_real *G, const mlp_real *A, size_t count)
{
    switch (f) {
    case MLP_SIGMOID:
        for (size_t i = 0; i < count; i++) G[i] *= A[i] * (1 - A[i]);
        break;
    case MLP_TANH:
        for (size_t i = 0; i < count; i++) G[i] *= 1 - A[i] * A[i];
        break;
    case MLP_RELU:
        for (size_t i = 0; i < count; i++) G[i] = A[i] > 0 ? G[i] : 0;
        break;
    case MLP_LEAKY_RELU:
        /* The slope is positive, so a > 0 exactly when z > 0. */
        for (size_t i = 0; i < count; i++) G[i] = A[i] > 0 ? G[i] : (mlp_real)MLP_LEAKY_SLOPE * G[i];
        break;
    case MLP_STEP:
        memset(G, 0, count * sizeof *G);
        break;
    case MLP_IDENTITY:
    case MLP_ACT_COUNT:
        break;
    }
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

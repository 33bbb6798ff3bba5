/* metrics.c - confusion matrix, precision, recall and F1 of a data set. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void mlp_report_free(mlp_report *r)
{
    free(r->confusion);
    free(r->precision);
    free(r->recall);
    free(r->f1);
    memset(r, 0, sizeof *r);
}

#define CHUNK 256

mlp_status mlp_report_data(const mlp_net *net, const mlp_data *d, mlp_report *r)
{
    memset(r, 0, sizeof *r);
    int k = net->sizes[net->n_layers];
    if (d->d != net->sizes[0])
        return mlp_fail(MLP_EDATA, "the data has %d features but the network takes %d inputs", (int)d->d, net->sizes[0]);
    if (d->n < 1) return mlp_fail(MLP_EDATA, "there are no rows to evaluate");
    r->k = k;
    r->n = d->n;
    r->confusion = mlp_zalloc((size_t)k * k, sizeof *r->confusion, "confusion matrix");
    r->precision = mlp_zalloc((size_t)k, sizeof(double), "metrics");
    r->recall = mlp_zalloc((size_t)k, sizeof(double), "metrics");
    r->f1 = mlp_zalloc((size_t)k, sizeof(double), "metrics");
    mlp_work *w = NULL;
    int rows = d->n < CHUNK ? (int)d->n : CHUNK;
    mlp_status s = r->confusion && r->precision && r->recall && r->f1 ? mlp_work_new(&w, net, rows) : MLP_ENOMEM;
    double total = 0;
    for (int32_t i = 0; s == MLP_OK && i < d->n; i += rows) {
        int m = d->n - i < rows ? (int)(d->n - i) : rows;
        mlp_load_rows(net, w, d, i, m);
        double loss;
        s = mlp_backward_ws(net, w, w->y, m, &loss, NULL, NULL);
        if (s != MLP_OK) break;
        total += loss * m;
        for (int j = 0; j < m; j++) {
            const mlp_real *p = w->out + (size_t)j * k;
            int best = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            r->confusion[(size_t)w->y[j] * k + best]++;
        }
    }
    mlp_work_free(w);
    if (s != MLP_OK) { mlp_report_free(r); return s; }
    int64_t right = 0;
    for (int c = 0; c < k; c++) {
        int64_t tp = r->confusion[(size_t)c * k + c], row = 0, col = 0;
        for (int j = 0; j < k; j++) {
            row += r->confusion[(size_t)c * k + j];
            col += r->confusion[(size_t)j * k + c];
        }
        right += tp;
        r->precision[c] = col ? (double)tp / col : 0;
        r->recall[c] = row ? (double)tp / row : 0;
        double pr = r->precision[c] + r->recall[c];
        r->f1[c] = pr > 0 ? 2 * r->precision[c] * r->recall[c] / pr : 0;
        r->macro_f1 += r->f1[c] / k;
    }
    r->loss = total / d->n;
    r->accuracy = (double)right / d->n;
    return MLP_OK;
}

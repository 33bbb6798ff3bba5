/* synth.c - synthetic 2-D classification sets drawn from the run's seed
 * (docs/DATA.md). The test set comes from its own stream, so changing the
 * training size does not change the test points. */
#include "data/data.h"

#include <math.h>
#include <string.h>

#define PI 3.14159265358979323846

/* circles: class 0 on the unit circle, class 1 on the circle of radius 0.5,
 * angles uniform, both coordinates jittered by N(0, noise^2). */
static void circles(mlp_rng *r, double noise, mlp_real *x, int32_t *y)
{
    int c = (int)mlp_rng_below(r, 2);
    double t = 2 * PI * mlp_rng_uniform(r), rad = c ? 0.5 : 1.0;
    x[0] = (mlp_real)(rad * cos(t) + noise * mlp_rng_normal(r));
    x[1] = (mlp_real)(rad * sin(t) + noise * mlp_rng_normal(r));
    *y = c;
}

/* xor: uniform in [-1, 1]^2, class 1 where the signs differ; the label is
 * taken before the N(0, noise^2) jitter, so noise blurs the axes. */
static void xor_point(mlp_rng *r, double noise, mlp_real *x, int32_t *y)
{
    double a = 2 * mlp_rng_uniform(r) - 1, b = 2 * mlp_rng_uniform(r) - 1;
    *y = (a > 0) != (b > 0);
    x[0] = (mlp_real)(a + noise * mlp_rng_normal(r));
    x[1] = (mlp_real)(b + noise * mlp_rng_normal(r));
}

typedef void (*point_fn)(mlp_rng *, double, mlp_real *, int32_t *);

static const struct { const char *name; point_fn fn; double noise; } sets[] = {
    {"circles", circles, 0.1},
    {"xor", xor_point, 0.1},
};

static mlp_status draw(point_fn fn, int32_t n, double noise, uint64_t seed, mlp_data *d)
{
    mlp_status s = data_alloc(d, n, 2, 2);
    if (s != MLP_OK) return s;
    mlp_rng r;
    mlp_rng_seed(&r, seed);
    for (int32_t i = 0; i < n; i++) fn(&r, noise, d->x + 2 * (size_t)i, d->y + i);
    return MLP_OK;
}

mlp_status synth_load(const char *name, const mlp_data_opts *o, mlp_data *train,
                      mlp_data *test, int *known)
{
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        if (strcmp(name, sets[i].name) != 0) continue;
        *known = 1;
        int32_t n = o->n > 0 ? o->n : 1000;
        double noise = o->noise >= 0 ? o->noise : sets[i].noise;
        /* Distinct streams for train and test, both fixed by the seed. */
        mlp_status s = draw(sets[i].fn, n, noise, o->seed * 2 + 0x5eed, train);
        if (s == MLP_OK) s = draw(sets[i].fn, n, noise, o->seed * 2 + 0x5eed + 1, test);
        if (s != MLP_OK) mlp_data_free(train);
        return s;
    }
    *known = 0;
    return MLP_EUSAGE;
}

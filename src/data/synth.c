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

/* synth: seed 000's set. Points from N(0, I); class 1 where the quadratic
 * form x1^2 + (x2/2)^2 exceeds 1, outside an ellipse with semi-axes 1 and
 * 2; N(0, noise^2) jitter after labelling. */
static void synth_point(mlp_rng *r, double noise, mlp_real *x, int32_t *y)
{
    double a = mlp_rng_normal(r), b = mlp_rng_normal(r);
    *y = a * a + b * b / 4 > 1;
    x[0] = (mlp_real)(a + noise * mlp_rng_normal(r));
    x[1] = (mlp_real)(b + noise * mlp_rng_normal(r));
}

/* spiral: two arms; t uniform in [0, 1], radius t, angle
 * class * pi + 3 pi t + noise * N(0, 1) (the noise is in radians). */
static void spiral(mlp_rng *r, double noise, mlp_real *x, int32_t *y)
{
    int c = (int)mlp_rng_below(r, 2);
    double t = mlp_rng_uniform(r), th = c * PI + 3 * PI * t + noise * mlp_rng_normal(r);
    x[0] = (mlp_real)(t * cos(th));
    x[1] = (mlp_real)(t * sin(th));
    *y = c;
}

/* moons: scikit-learn's make_moons: class 0 on (cos a, sin a), class 1 on
 * (1 - cos a, 1/2 - sin a), a uniform in [0, pi], N(0, noise^2) jitter. */
static void moons(mlp_rng *r, double noise, mlp_real *x, int32_t *y)
{
    int c = (int)mlp_rng_below(r, 2);
    double a = PI * mlp_rng_uniform(r);
    double u = c ? 1 - cos(a) : cos(a), v = c ? 0.5 - sin(a) : sin(a);
    x[0] = (mlp_real)(u + noise * mlp_rng_normal(r));
    x[1] = (mlp_real)(v + noise * mlp_rng_normal(r));
    *y = c;
}

/* blobs: three classes, Gaussian clusters of standard deviation noise
 * around centres on the circle of radius 2 at angles 90, 210 and 330 deg. */
static void blobs(mlp_rng *r, double noise, mlp_real *x, int32_t *y)
{
    int c = (int)mlp_rng_below(r, 3);
    double th = PI / 2 + c * 2 * PI / 3;
    x[0] = (mlp_real)(2 * cos(th) + noise * mlp_rng_normal(r));
    x[1] = (mlp_real)(2 * sin(th) + noise * mlp_rng_normal(r));
    *y = c;
}

typedef void (*point_fn)(mlp_rng *, double, mlp_real *, int32_t *);

static const struct { const char *name; point_fn fn; double noise; int classes; } sets[] = {
    {"circles", circles, 0.1, 2},
    {"xor", xor_point, 0.1, 2},
    {"synth", synth_point, 0.0, 2},
    {"spiral", spiral, 0.2, 2},
    {"moons", moons, 0.1, 2},
    {"blobs", blobs, 0.5, 3},
};

static mlp_status draw(point_fn fn, int classes, int32_t n, double noise, uint64_t seed, mlp_data *d)
{
    mlp_status s = data_alloc(d, n, 2, classes);
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
        mlp_status s = draw(sets[i].fn, sets[i].classes, n, noise, o->seed * 2 + 0x5eed, train);
        if (s == MLP_OK) s = draw(sets[i].fn, sets[i].classes, n, noise, o->seed * 2 + 0x5eed + 1, test);
        if (s != MLP_OK) mlp_data_free(train);
        return s;
    }
    *known = 0;
    return MLP_EUSAGE;
}

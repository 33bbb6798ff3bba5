/* rng.c - xoshiro256** seeded by splitmix64: the one source of randomness. */
#include "internal.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void mlp_rng_seed(mlp_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t mlp_rng_next(mlp_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double mlp_rng_uniform(mlp_rng *r)
{
    return (double)(mlp_rng_next(r) >> 11) * 0x1.0p-53;
}

double mlp_rng_normal(mlp_rng *r)
{
    /* Box-Muller; u1 in (0, 1] keeps the log finite. One normal per call so
     * the stream position never depends on a cached spare. */
    double u1 = 1.0 - mlp_rng_uniform(r);
    double u2 = mlp_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2);
}

uint64_t mlp_rng_below(mlp_rng *r, uint64_t n)
{
    if (n <= 1) return 0;
    /* Reject the tail that would make x % n biased. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = mlp_rng_next(r); while (x >= limit);
    return x % n;
}

void mlp_rng_shuffle(mlp_rng *r, int32_t *a, int32_t n)
{
    for (int32_t i = n - 1; i > 0; i--) {
        int32_t j = (int32_t)mlp_rng_below(r, (uint64_t)i + 1);
        int32_t t = a[i]; a[i] = a[j]; a[j] = t;
    }
}

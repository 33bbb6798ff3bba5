/*
 * simd.h - the handful of float vector operations the kernels are written
 * in (kernels.inc), for one instruction set chosen by the includer:
 *   #define SIMD_AVX512 or SIMD_AVX2, then #include "kernels/simd.h".
 * Every function here is compiled for that instruction set only (target
 * pragmas), so the rest of the library stays portable and the choice is
 * made at run time (kernels.c). SIMD_END closes the target region.
 *
 * vec: VL floats. Loads and stores of the first n < VL lanes (the ends of
 * rows) are masked, so they never touch memory past the row.
 */
#include <immintrin.h>
#include <stdint.h>

/* Pragmas take no macros, hence one line per compiler and instruction set. */
#if defined(__clang__) && defined(SIMD_AVX512)
#  pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx2,fma"))), apply_to = function)
#elif defined(__clang__) && defined(SIMD_AVX2)
#  pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#elif defined(SIMD_AVX512)
#  pragma GCC push_options
#  pragma GCC target("avx512f,avx512vl,avx2,fma")
#elif defined(SIMD_AVX2)
#  pragma GCC push_options
#  pragma GCC target("avx2,fma")
#else
#  error "define SIMD_AVX512 or SIMD_AVX2 before including simd.h"
#endif
#if defined(__clang__)
#  define SIMD_END _Pragma("clang attribute pop")
#else
#  define SIMD_END _Pragma("GCC pop_options")
#endif

#if defined(SIMD_AVX512)

#define VL 16
typedef __m512 vec;
static inline vec vzero(void) { return _mm512_setzero_ps(); }
static inline vec vset1(float a) { return _mm512_set1_ps(a); }
static inline vec vload(const float *p) { return _mm512_loadu_ps(p); }
static inline void vstore(float *p, vec a) { _mm512_storeu_ps(p, a); }
static inline __mmask16 vmask(int n) { return (__mmask16)((1u << n) - 1); }
static inline vec vload_n(const float *p, int n) { return _mm512_maskz_loadu_ps(vmask(n), p); }
static inline void vstore_n(float *p, vec a, int n) { _mm512_mask_storeu_ps(p, vmask(n), a); }
static inline vec vfma(vec a, vec b, vec c) { return _mm512_fmadd_ps(a, b, c); }
static inline vec vadd(vec a, vec b) { return _mm512_add_ps(a, b); }
static inline vec vsub(vec a, vec b) { return _mm512_sub_ps(a, b); }
static inline vec vmul(vec a, vec b) { return _mm512_mul_ps(a, b); }
static inline vec vdiv(vec a, vec b) { return _mm512_div_ps(a, b); }
static inline vec vmax(vec a, vec b) { return _mm512_max_ps(a, b); }
static inline vec vmin(vec a, vec b) { return _mm512_min_ps(a, b); }
static inline float vsum(vec a) { return _mm512_reduce_add_ps(a); }
/* a where m is set, else b; m from vlt */
typedef __mmask16 vbool;
static inline vbool vlt(vec a, vec b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline vbool vgt(vec a, vec b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
static inline vec vselect(vbool m, vec a, vec b) { return _mm512_mask_blend_ps(m, b, a); }
static inline vec vabs(vec a) { return _mm512_abs_ps(a); }
/* bit q set when lane q is not +-0 (NaN counts as nonzero) */
static inline unsigned vnzmask(vec a) { return _mm512_cmp_ps_mask(a, vzero(), _CMP_NEQ_UQ); }
static inline vec vround(vec a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
/* VL bytes as floats */
static inline vec vload_u8(const uint8_t *p) { return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)p))); }
/* Offsets (v*VL + lane) * stride, and the first n lanes of base[offset]. */
typedef __m512i vidx;
static inline vidx vidx_stride(int stride, int v)
{
    __m512i lane = _mm512_add_epi32(_mm512_set1_epi32(v * VL), _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    return _mm512_mullo_epi32(lane, _mm512_set1_epi32(stride));
}
static inline vec vgather_n(const float *base, vidx idx, int n)
{
    return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), vmask(n), idx, base, 4);
}
/* 2^n for integral n in [-126, 127] */
static inline vec vpow2i(vec n)
{
    __m512i e = _mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127));
    return _mm512_castsi512_ps(_mm512_slli_epi32(e, 23));
}

#else /* SIMD_AVX2 */

#define VL 8
typedef __m256 vec;
static inline vec vzero(void) { return _mm256_setzero_ps(); }
static inline vec vset1(float a) { return _mm256_set1_ps(a); }
static inline vec vload(const float *p) { return _mm256_loadu_ps(p); }
static inline void vstore(float *p, vec a) { _mm256_storeu_ps(p, a); }
static inline __m256i vmask(int n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline vec vload_n(const float *p, int n) { return _mm256_maskload_ps(p, vmask(n)); }
static inline void vstore_n(float *p, vec a, int n) { _mm256_maskstore_ps(p, vmask(n), a); }
static inline vec vfma(vec a, vec b, vec c) { return _mm256_fmadd_ps(a, b, c); }
static inline vec vadd(vec a, vec b) { return _mm256_add_ps(a, b); }
static inline vec vsub(vec a, vec b) { return _mm256_sub_ps(a, b); }
static inline vec vmul(vec a, vec b) { return _mm256_mul_ps(a, b); }
static inline vec vdiv(vec a, vec b) { return _mm256_div_ps(a, b); }
static inline vec vmax(vec a, vec b) { return _mm256_max_ps(a, b); }
static inline vec vmin(vec a, vec b) { return _mm256_min_ps(a, b); }
static inline float vsum(vec a)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
typedef __m256 vbool;
static inline vbool vlt(vec a, vec b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline vbool vgt(vec a, vec b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline vec vselect(vbool m, vec a, vec b) { return _mm256_blendv_ps(b, a, m); }
static inline vec vabs(vec a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
static inline unsigned vnzmask(vec a) { return (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(a, vzero(), _CMP_NEQ_UQ)); }
static inline vec vround(vec a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
static inline vec vload_u8(const uint8_t *p) { return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)p))); }
typedef __m256i vidx;
static inline vidx vidx_stride(int stride, int v)
{
    __m256i lane = _mm256_add_epi32(_mm256_set1_epi32(v * VL), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    return _mm256_mullo_epi32(lane, _mm256_set1_epi32(stride));
}
static inline vec vgather_n(const float *base, vidx idx, int n)
{
    return _mm256_mask_i32gather_ps(_mm256_setzero_ps(), base, idx, _mm256_castsi256_ps(vmask(n)), 4);
}
static inline vec vpow2i(vec n)
{
    __m256i e = _mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127));
    return _mm256_castsi256_ps(_mm256_slli_epi32(e, 23));
}

#endif

// Thin wrappers so Swift calls GMP's documented `mpn_*` names. gmp.h defines those
// names as macros that expand to internal symbols (`__gmpn_*`), which the Swift
// importer cannot see through; these inline functions use the public names only.
#ifndef SHEAF_CGMP_SHIM_H
#define SHEAF_CGMP_SHIM_H
#include <gmp.h>

static inline void sheaf_mpn_mul_n(mp_limb_t *rp, const mp_limb_t *ap, const mp_limb_t *bp, mp_size_t n) { mpn_mul_n(rp, ap, bp, n); }
static inline void sheaf_mpn_sqr(mp_limb_t *rp, const mp_limb_t *ap, mp_size_t n) { mpn_sqr(rp, ap, n); }
static inline mp_limb_t sheaf_mpn_addmul_1(mp_limb_t *rp, const mp_limb_t *ap, mp_size_t n, mp_limb_t b) { return mpn_addmul_1(rp, ap, n, b); }
static inline mp_limb_t sheaf_mpn_add_n(mp_limb_t *rp, const mp_limb_t *ap, const mp_limb_t *bp, mp_size_t n) { return mpn_add_n(rp, ap, bp, n); }
static inline mp_limb_t sheaf_mpn_sub_n(mp_limb_t *rp, const mp_limb_t *ap, const mp_limb_t *bp, mp_size_t n) { return mpn_sub_n(rp, ap, bp, n); }
static inline int sheaf_mpn_cmp(const mp_limb_t *ap, const mp_limb_t *bp, mp_size_t n) { return mpn_cmp(ap, bp, n); }
static inline void sheaf_mpn_tdiv_qr(mp_limb_t *qp, mp_limb_t *rp, mp_size_t qxn, const mp_limb_t *np, mp_size_t nn, const mp_limb_t *dp, mp_size_t dn) { mpn_tdiv_qr(qp, rp, qxn, np, nn, dp, dn); }
static inline mp_size_t sheaf_mpn_sec_invert_itch(mp_size_t n) { return mpn_sec_invert_itch(n); }
static inline int sheaf_mpn_sec_invert(mp_limb_t *rp, mp_limb_t *ap, const mp_limb_t *mp, mp_size_t n, mp_bitcnt_t nbcnt, mp_limb_t *tp) { return mpn_sec_invert(rp, ap, mp, n, nbcnt, tp); }

// r = a^-1 mod m (4 limbs each, 0 < a < m, m odd prime) by GMP's extended GCD
// through read-only mpz views of the limbs. Variable time: for public values.
// Returns 0 when a has no inverse.
static inline int sheaf_mod_invert4(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *m) {
    mpz_t za, zm, zr;
    mpz_roinit_n(za, a, 4);
    mpz_roinit_n(zm, m, 4);
    mpz_init2(zr, 256);
    int ok = mpz_invert(zr, za, zm);
    size_t n = mpz_size(zr);
    const mp_limb_t *limbs = mpz_limbs_read(zr);
    for (size_t i = 0; i < 4; i++) r[i] = (ok && i < n) ? limbs[i] : 0;
    mpz_clear(zr);
    return ok;
}

// Four-limb modular helpers for Sheaf's Montgomery fields. Carry chains are data
// dependent, so they are written with add-with-carry builtins and masks: clang
// emits adc/sbb chains and no branches, which Swift's optimiser does not guarantee.
typedef unsigned __int128 sheaf_u128;

// Swift's importer compiles these header functions without the loop unrolling
// and inlining a C build at -O2 would do, so both are requested explicitly: the
// short carry chains must become straight adc/sbb sequences.
#define SHEAF_KERNEL static inline __attribute__((always_inline))
#define SHEAF_UNROLL _Pragma("clang loop unroll(full)")

// One limb of an add-with-carry / subtract-with-borrow chain. Clang's builtins
// become single adc/sbb instructions; the 128-bit form is the portable fallback
// (correct, but compiled to setb/movzx sequences).
#if defined(__has_builtin) && __has_builtin(__builtin_addcl) && __has_builtin(__builtin_subcl)
#define SHEAF_ADC(a, b, carry) __builtin_addcl((a), (b), (carry), &(carry))
#define SHEAF_SBB(a, b, borrow) __builtin_subcl((a), (b), (borrow), &(borrow))
#else
SHEAF_KERNEL mp_limb_t sheaf_adc_fallback(mp_limb_t a, mp_limb_t b, mp_limb_t *carry) {
    sheaf_u128 t = (sheaf_u128)a + b + *carry;
    *carry = (mp_limb_t)(t >> 64);
    return (mp_limb_t)t;
}
SHEAF_KERNEL mp_limb_t sheaf_sbb_fallback(mp_limb_t a, mp_limb_t b, mp_limb_t *borrow) {
    sheaf_u128 t = (sheaf_u128)a - b - *borrow;
    *borrow = (mp_limb_t)(t >> 64) & 1;
    return (mp_limb_t)t;
}
#define SHEAF_ADC(a, b, carry) sheaf_adc_fallback((a), (b), &(carry))
#define SHEAF_SBB(a, b, borrow) sheaf_sbb_fallback((a), (b), &(borrow))
#endif

// r = (s, carry) reduced once modulo m: s - m unless that borrows past the carry.
SHEAF_KERNEL void sheaf_reduce_once4(mp_limb_t *r, const mp_limb_t *s, mp_limb_t carry, const mp_limb_t *m) {
    mp_limb_t d[4], borrow = 0;
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        d[i] = SHEAF_SBB(s[i], m[i], borrow);
    }
    mp_limb_t keep = (mp_limb_t)0 - (borrow & ~carry & 1);
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) r[i] = (s[i] & keep) | (d[i] & ~keep);
}

// r = a + b mod m, for a, b < m < 2^255.
SHEAF_KERNEL void sheaf_mod_add4(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b, const mp_limb_t *m) {
    mp_limb_t s[4], carry = 0;
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        s[i] = SHEAF_ADC(a[i], b[i], carry);
    }
    sheaf_reduce_once4(r, s, carry, m);
}

// r = a - b mod m, for a, b < m.
SHEAF_KERNEL void sheaf_mod_sub4(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b, const mp_limb_t *m) {
    mp_limb_t d[4], borrow = 0;
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        d[i] = SHEAF_SBB(a[i], b[i], borrow);
    }
    mp_limb_t mask = (mp_limb_t)0 - borrow, carry = 0;
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        r[i] = SHEAF_ADC(d[i], m[i] & mask, carry);
    }
}

// Carry chains on short operands written inline: for 4- and 8-limb additions the
// call into GMP (a fat-binary dispatch on Debian) costs more than the adc chain.
// The products and the reduction rounds stay on mpn_mul_n, mpn_sqr, mpn_addmul_1.
SHEAF_KERNEL mp_limb_t sheaf_add_inline(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b, int n) {
    mp_limb_t carry = 0;
    SHEAF_UNROLL
    for (int i = 0; i < n; i++) {
        r[i] = SHEAF_ADC(a[i], b[i], carry);
    }
    return carry;
}

SHEAF_KERNEL mp_limb_t sheaf_sub_inline(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b, int n) {
    mp_limb_t borrow = 0;
    SHEAF_UNROLL
    for (int i = 0; i < n; i++) {
        r[i] = SHEAF_SBB(a[i], b[i], borrow);
    }
    return borrow;
}

// Montgomery reduction of t (8 limbs, t < m * 2^256) in the style of GMP's redc_1:
// mpn_addmul_1 clears one low limb per round and the carry is parked in it; one
// addition folds the parked carries into the high half. t is clobbered.
SHEAF_KERNEL void sheaf_redc4(mp_limb_t *r, mp_limb_t *t, const mp_limb_t *m, mp_limb_t n0) {
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        mp_limb_t q = t[i] * n0;
        t[i] = mpn_addmul_1(t + i, m, 4, q);
    }
    mp_limb_t s[4];
    mp_limb_t carry = sheaf_add_inline(s, t + 4, t, 4);
    sheaf_reduce_once4(r, s, carry, m);
}

// Two independent reductions with their mpn_addmul_1 rounds interleaved: each
// round's quotient digit waits for the previous round of its own value only, so
// the processor overlaps the two chains (about 20% off an Fp2 product).
SHEAF_KERNEL void sheaf_redc4x2(mp_limb_t *r0, mp_limb_t *t0, mp_limb_t *r1, mp_limb_t *t1,
                                 const mp_limb_t *m, mp_limb_t n0) {
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        mp_limb_t q0 = t0[i] * n0;
        t0[i] = mpn_addmul_1(t0 + i, m, 4, q0);
        mp_limb_t q1 = t1[i] * n0;
        t1[i] = mpn_addmul_1(t1 + i, m, 4, q1);
    }
    mp_limb_t s[4];
    mp_limb_t carry = sheaf_add_inline(s, t0 + 4, t0, 4);
    sheaf_reduce_once4(r0, s, carry, m);
    carry = sheaf_add_inline(s, t1 + 4, t1, 4);
    sheaf_reduce_once4(r1, s, carry, m);
}

// r = a * b / 2^256 mod m (Montgomery product) on mpn_mul_n.
SHEAF_KERNEL void sheaf_mont_mul4(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b, const mp_limb_t *m, mp_limb_t n0) {
    mp_limb_t t[8];
    mpn_mul_n(t, a, b, 4);
    sheaf_redc4(r, t, m, n0);
}

// r = a^2 / 2^256 mod m on mpn_sqr.
SHEAF_KERNEL void sheaf_mont_sqr4(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *m, mp_limb_t n0) {
    mp_limb_t t[8];
    mpn_sqr(t, a, 4);
    sheaf_redc4(r, t, m, n0);
}

// Fp2 product (a0 + a1 u)(b0 + b1 u) with u^2 = -1 and lazy reduction: three
// mpn_mul_n products, the Karatsuba combination on 8-limb values, and two
// reductions instead of three. c0 = a0 b0 - a1 b1 + m^2 keeps the value
// non-negative; both wide values stay below 2 m^2 < m 2^256, the bound REDC needs.
SHEAF_KERNEL void sheaf_fp2_mul4(mp_limb_t *r0, mp_limb_t *r1,
                                  const mp_limb_t *a0, const mp_limb_t *a1,
                                  const mp_limb_t *b0, const mp_limb_t *b1,
                                  const mp_limb_t *m, const mp_limb_t *m2, mp_limb_t n0) {
    mp_limb_t t0[8], t1[8], t2[8], sa[4], sb[4];
    mpn_mul_n(t0, a0, b0, 4);
    mpn_mul_n(t1, a1, b1, 4);
    // a0 + a1 < 2m < 2^255: no carry out of four limbs.
    sheaf_add_inline(sa, a0, a1, 4);
    sheaf_add_inline(sb, b0, b1, 4);
    mpn_mul_n(t2, sa, sb, 4);
    sheaf_sub_inline(t2, t2, t0, 8);
    sheaf_sub_inline(t2, t2, t1, 8);
    sheaf_add_inline(t0, t0, m2, 8);
    sheaf_sub_inline(t0, t0, t1, 8);
    sheaf_redc4x2(r0, t0, r1, t2, m, n0);
}

// Fp2 square (a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u: two mpn_mul_n
// products on unreduced sums (a0 + a1 < 2m, a0 - a1 + m < 2m, 2 a1 < 2m, so both
// products stay below 4 m^2 < m 2^256) and two interleaved reductions.
SHEAF_KERNEL void sheaf_fp2_sqr4(mp_limb_t *r0, mp_limb_t *r1,
                                  const mp_limb_t *a0, const mp_limb_t *a1,
                                  const mp_limb_t *m, mp_limb_t n0) {
    mp_limb_t t0[8], t1[8], s[4], d[4], a1x2[4];
    sheaf_add_inline(s, a0, a1, 4);
    sheaf_add_inline(d, a0, m, 4);
    sheaf_sub_inline(d, d, a1, 4);
    sheaf_add_inline(a1x2, a1, a1, 4);
    mpn_mul_n(t0, s, d, 4);
    mpn_mul_n(t1, a0, a1x2, 4);
    sheaf_redc4x2(r0, t0, r1, t1, m, n0);
}

// (a0 + a1 u) * b for b in the base field: two products, interleaved reductions.
SHEAF_KERNEL void sheaf_fp2_mul_fp4(mp_limb_t *r0, mp_limb_t *r1,
                                     const mp_limb_t *a0, const mp_limb_t *a1, const mp_limb_t *b,
                                     const mp_limb_t *m, mp_limb_t n0) {
    mp_limb_t t0[8], t1[8];
    mpn_mul_n(t0, a0, b, 4);
    mpn_mul_n(t1, a1, b, 4);
    sheaf_redc4x2(r0, t0, r1, t1, m, n0);
}

// Unreduced Fp2 product for sums of products: re = a0 b0 - a1 b1 + m^2 in
// (0, 2 m^2) and im = a0 b1 + a1 b0 in [0, 2 m^2), eight limbs each, for
// a0, a1, b0, b1 < m. Three mpn_mul_n products (Karatsuba), no reduction.
SHEAF_KERNEL void sheaf_fp2_mul_wide4(mp_limb_t *re, mp_limb_t *im,
                                       const mp_limb_t *a0, const mp_limb_t *a1,
                                       const mp_limb_t *b0, const mp_limb_t *b1, const mp_limb_t *m2) {
    mp_limb_t t1[8], sa[4], sb[4];
    mpn_mul_n(re, a0, b0, 4);
    mpn_mul_n(t1, a1, b1, 4);
    sheaf_add_inline(sa, a0, a1, 4);
    sheaf_add_inline(sb, b0, b1, 4);
    mpn_mul_n(im, sa, sb, 4);
    sheaf_sub_inline(im, im, re, 8);
    sheaf_sub_inline(im, im, t1, 8);
    sheaf_add_inline(re, re, m2, 8);
    sheaf_sub_inline(re, re, t1, 8);
}

// Two interleaved Montgomery reductions of values t < 2 m 2^256 (twice REDC's
// usual bound; fine here because 3m < 2^256): (t + q m) / 2^256 < 3m, so two
// conditional subtractions bring each result below m. t0 and t1 are clobbered.
SHEAF_KERNEL void sheaf_redc4x2_wide(mp_limb_t *r0, mp_limb_t *t0, mp_limb_t *r1, mp_limb_t *t1,
                                      const mp_limb_t *m, mp_limb_t n0) {
    SHEAF_UNROLL
    for (int i = 0; i < 4; i++) {
        mp_limb_t q0 = t0[i] * n0;
        t0[i] = mpn_addmul_1(t0 + i, m, 4, q0);
        mp_limb_t q1 = t1[i] * n0;
        t1[i] = mpn_addmul_1(t1 + i, m, 4, q1);
    }
    mp_limb_t s[4];
    mp_limb_t carry = sheaf_add_inline(s, t0 + 4, t0, 4);
    sheaf_reduce_once4(s, s, carry, m);
    sheaf_reduce_once4(r0, s, 0, m);
    carry = sheaf_add_inline(s, t1 + 4, t1, 4);
    sheaf_reduce_once4(s, s, carry, m);
    sheaf_reduce_once4(r1, s, 0, m);
}

// The sparse Fp6 product (c0 + c1 v + c2 v^2)(b0 + b1 v) with v^3 = xi, the shape
// of every Miller-loop line, with one reduction per output coefficient:
//   r0 = c0 b0 + c2 (xi b1),  r1 = (c0 + c1)(b0 + b1) - c0 b0 - c1 b1,  r2 = c1 b1 + c2 b0.
// Taking xi b1 (reduced, computed by the caller) as an operand keeps xi out of the
// wide sums. Five unreduced Fp2 products (fifteen mpn_mul_n) and six reductions
// instead of ten. Bounds, with the +m^2 each wide real part carries: r0 and r2 are
// below 4 m^2; r1 gets +4 m^2 so that it is its true value plus 3 m^2 (real) or
// plus 4 m^2 (imaginary), in (0, 6 m^2). All stay below 2 m 2^256 (about
// 10.6 m^2), the bound of sheaf_redc4x2_wide.
// Layout: c is c0.re c0.im c1.re c1.im c2.re c2.im (four limbs each), b0, b1 and
// xb1 are re im (eight limbs each), r like c. m2 = m^2, m2x4 = 4 m^2.
SHEAF_KERNEL void sheaf_fp6_mul_by_01(mp_limb_t *r, const mp_limb_t *c,
                                      const mp_limb_t *b0, const mp_limb_t *b1, const mp_limb_t *xb1,
                                      const mp_limb_t *m, const mp_limb_t *m2, const mp_limb_t *m2x4, mp_limb_t n0) {
    mp_limb_t aa[16], bb[16], t[16], e[16], s[16], cs[8], bs[8];
    sheaf_fp2_mul_wide4(aa, aa + 8, c, c + 4, b0, b0 + 4, m2);           // c0 b0
    sheaf_fp2_mul_wide4(bb, bb + 8, c + 8, c + 12, b1, b1 + 4, m2);      // c1 b1
    sheaf_fp2_mul_wide4(t, t + 8, c + 16, c + 20, xb1, xb1 + 4, m2);     // c2 (xi b1)
    sheaf_fp2_mul_wide4(e, e + 8, c + 16, c + 20, b0, b0 + 4, m2);       // c2 b0
    sheaf_mod_add4(cs, c, c + 8, m);
    sheaf_mod_add4(cs + 4, c + 4, c + 12, m);
    sheaf_mod_add4(bs, b0, b1, m);
    sheaf_mod_add4(bs + 4, b0 + 4, b1 + 4, m);
    sheaf_fp2_mul_wide4(s, s + 8, cs, cs + 4, bs, bs + 4, m2);          // (c0 + c1)(b0 + b1)
    // r0 = t + aa and r2 = e + bb: re below 4 m^2 (each re carries +m^2), im below 4 m^2.
    sheaf_add_inline(t, t, aa, 8);
    sheaf_add_inline(t + 8, t + 8, aa + 8, 8);
    sheaf_add_inline(e, e, bb, 8);
    sheaf_add_inline(e + 8, e + 8, bb + 8, 8);
    // r1 = s - aa - bb + 4 m^2. Real parts carry +m^2 each, so the true value plus
    // 3 m^2 remains, in (0, 6 m^2); imaginary parts: true value + 4 m^2, in (0, 6 m^2).
    SHEAF_UNROLL
    for (int k = 0; k < 16; k += 8) {
        sheaf_add_inline(s + k, s + k, m2x4, 8);
        sheaf_sub_inline(s + k, s + k, aa + k, 8);
        sheaf_sub_inline(s + k, s + k, bb + k, 8);
    }
    sheaf_redc4x2_wide(r, t, r + 4, t + 8, m, n0);
    sheaf_redc4x2_wide(r + 8, s, r + 12, s + 8, m, n0);
    sheaf_redc4x2_wide(r + 16, e, r + 20, e + 8, m, n0);
}

// The full Fp6 product (a0 + a1 v + a2 v^2)(b0 + b1 v + b2 v^2), v^3 = xi, with one
// reduction per output coefficient:
//   r0 = a0 b0 + a1 (xi b2) + a2 (xi b1)
//   r1 = (a0 + a1)(b0 + b1) - a0 b0 - a1 b1 + a2 (xi b2)
//   r2 = (a0 + a2)(b0 + b2) - a0 b0 - a2 b2 + a1 b1
// Eight unreduced Fp2 products (24 mpn_mul_n) and six reductions, where Karatsuba
// with a reduction per product takes six products and twelve; xi b1 and xi b2
// (reduced, from the caller) keep xi out of the wide sums. Bounds, with the +m^2
// each wide real part carries: r0 below 6 m^2; r1 and r2 get +4 m^2 and stay in
// (0, 8 m^2). All below 2 m 2^256 (about 10.6 m^2), as sheaf_redc4x2_wide needs.
// Layout: a, b and r are c0.re c0.im c1.re c1.im c2.re c2.im (four limbs each);
// xb1 and xb2 are re im.
SHEAF_KERNEL void sheaf_fp6_mul(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b,
                                const mp_limb_t *xb1, const mp_limb_t *xb2,
                                const mp_limb_t *m, const mp_limb_t *m2, const mp_limb_t *m2x4, mp_limb_t n0) {
    mp_limb_t v0[16], v1[16], v2[16], t[16], u[16], s01[16], s02[16], sa[8], sb[8];
    sheaf_fp2_mul_wide4(v0, v0 + 8, a, a + 4, b, b + 4, m2);              // a0 b0
    sheaf_fp2_mul_wide4(v1, v1 + 8, a + 8, a + 12, b + 8, b + 12, m2);    // a1 b1
    sheaf_fp2_mul_wide4(v2, v2 + 8, a + 16, a + 20, b + 16, b + 20, m2);  // a2 b2
    sheaf_fp2_mul_wide4(t, t + 8, a + 8, a + 12, xb2, xb2 + 4, m2);       // a1 (xi b2)
    sheaf_fp2_mul_wide4(u, u + 8, a + 16, a + 20, xb1, xb1 + 4, m2);      // a2 (xi b1)
    // r0 = v0 + t + u, in t.
    SHEAF_UNROLL
    for (int k = 0; k < 16; k += 8) {
        sheaf_add_inline(t + k, t + k, u + k, 8);
        sheaf_add_inline(t + k, t + k, v0 + k, 8);
    }
    sheaf_fp2_mul_wide4(u, u + 8, a + 16, a + 20, xb2, xb2 + 4, m2);      // a2 (xi b2)
    sheaf_mod_add4(sa, a, a + 8, m);
    sheaf_mod_add4(sa + 4, a + 4, a + 12, m);
    sheaf_mod_add4(sb, b, b + 8, m);
    sheaf_mod_add4(sb + 4, b + 4, b + 12, m);
    sheaf_fp2_mul_wide4(s01, s01 + 8, sa, sa + 4, sb, sb + 4, m2);       // (a0 + a1)(b0 + b1)
    sheaf_mod_add4(sa, a, a + 16, m);
    sheaf_mod_add4(sa + 4, a + 4, a + 20, m);
    sheaf_mod_add4(sb, b, b + 16, m);
    sheaf_mod_add4(sb + 4, b + 4, b + 20, m);
    sheaf_fp2_mul_wide4(s02, s02 + 8, sa, sa + 4, sb, sb + 4, m2);       // (a0 + a2)(b0 + b2)
    SHEAF_UNROLL
    for (int k = 0; k < 16; k += 8) {
        // r1 = s01 - v0 - v1 + u + 4 m^2
        sheaf_add_inline(s01 + k, s01 + k, m2x4, 8);
        sheaf_sub_inline(s01 + k, s01 + k, v0 + k, 8);
        sheaf_sub_inline(s01 + k, s01 + k, v1 + k, 8);
        sheaf_add_inline(s01 + k, s01 + k, u + k, 8);
        // r2 = s02 - v0 - v2 + v1 + 4 m^2
        sheaf_add_inline(s02 + k, s02 + k, m2x4, 8);
        sheaf_sub_inline(s02 + k, s02 + k, v0 + k, 8);
        sheaf_sub_inline(s02 + k, s02 + k, v2 + k, 8);
        sheaf_add_inline(s02 + k, s02 + k, v1 + k, 8);
    }
    sheaf_redc4x2_wide(r, t, r + 4, t + 8, m, n0);
    sheaf_redc4x2_wide(r + 8, s01, r + 12, s01 + 8, m, n0);
    sheaf_redc4x2_wide(r + 16, s02, r + 20, s02 + 8, m, n0);
}

// mpz helpers for conversions (mpz_t is an array type, awkward from Swift).
static inline void sheaf_mpz_import_limbs(mpz_ptr z, const mp_limb_t *limbs, size_t count) { mpz_import(z, count, -1, sizeof(mp_limb_t), 0, 0, limbs); }
static inline size_t sheaf_mpz_export_limbs(mp_limb_t *limbs, size_t capacity, mpz_srcptr z) {
    if (mpz_sizeinbase(z, 2) > capacity * 64) return (size_t)-1;
    size_t count = 0;
    for (size_t i = 0; i < capacity; i++) limbs[i] = 0;
    mpz_export(limbs, &count, -1, sizeof(mp_limb_t), 0, 0, z);
    return count;
}
static inline int sheaf_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline void sheaf_mpz_init(mpz_ptr z) { mpz_init(z); }
static inline void sheaf_mpz_clear(mpz_ptr z) { mpz_clear(z); }
static inline int sheaf_mpz_set_str(mpz_ptr z, const char *s, int base) { return mpz_set_str(z, s, base); }
static inline size_t sheaf_mpz_sizeinbase(mpz_srcptr z, int base) { return mpz_sizeinbase(z, base); }
static inline char *sheaf_mpz_get_str(char *s, int base, mpz_srcptr z) { return mpz_get_str(s, base, z); }
static inline int sheaf_mpz_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline void sheaf_mpz_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void sheaf_mpz_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void sheaf_mpz_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void sheaf_mpz_mod(mpz_ptr r, mpz_srcptr a, mpz_srcptr m) { mpz_mod(r, a, m); }
static inline int sheaf_mpz_invert(mpz_ptr r, mpz_srcptr a, mpz_srcptr m) { return mpz_invert(r, a, m); }
static inline void sheaf_mpz_powm(mpz_ptr r, mpz_srcptr b, mpz_srcptr e, mpz_srcptr m) { mpz_powm(r, b, e, m); }
static inline void sheaf_mpz_set_ui(mpz_ptr r, unsigned long v) { mpz_set_ui(r, v); }
static inline void sheaf_mpz_ui_pow_ui(mpz_ptr r, unsigned long b, unsigned long e) { mpz_ui_pow_ui(r, b, e); }
#endif

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

/// # SheafField
///
/// Prime fields and the BN254 extension tower.
///
/// - ``MontgomeryField`` is a prime field element in Montgomery form with four
///   64-bit limbs stored inline: copying, passing and arithmetic never allocate.
///   Multiplication, squaring and Montgomery reduction call GMP's public `mpn`
///   functions (`mpn_mul_n`, `mpn_sqr`, `mpn_addmul_1`, `mpn_add_n`) through the
///   `CGMP` shim; addition, subtraction and comparison are a few inline Swift
///   instructions because a C call would cost more than the work.
/// - ``Fp`` and ``Fr`` are BN254's base and scalar fields.
/// - ``Fp2``, ``Fp6`` and ``Fp12`` are the tower
///   Fp2 = Fp[u]/(u²+1), Fp6 = Fp2[v]/(v³−(9+u)), Fp12 = Fp6[w]/(w²−v).
///
/// Arithmetic here is variable-time: it is meant for verification and for public
/// data. Untrusted bytes and strings enter through throwing initialisers that
/// reject values outside the field with a ``FieldError``.
public enum SheafFieldModule {}

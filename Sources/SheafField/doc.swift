/// # SheafField
///
/// Prime fields and the BN254 extension tower.
///
/// - ``MontgomeryField`` is a prime field element in Montgomery form with four
///   64-bit limbs stored inline: copying, passing and arithmetic never allocate.
///   Multiplication, squaring and Montgomery reduction call GMP's public `mpn`
///   functions (`mpn_mul_n`, `mpn_sqr`, `mpn_addmul_1`, `mpn_add_n`) through the
///   `CGMP` shim; addition and subtraction are branch-free carry chains in the
///   shim's inline C (no GMP call, which would cost more than the work).
///   Inversion uses GMP's extended GCD (`mpz_invert`), with a constant-time
///   `mpn_sec_invert` variant for secrets.
/// - ``Fp`` and ``Fr`` are BN254's base and scalar fields.
/// - ``Fp2``, ``Fp6`` and ``Fp12`` are the tower
///   Fp2 = Fp[u]/(u²+1), Fp6 = Fp2[v]/(v³−(9+u)), Fp12 = Fp6[w]/(w²−v).
///
/// Arithmetic here is variable-time: it is meant for verification and for public
/// data. Untrusted bytes and strings enter through throwing initialisers that
/// reject values outside the field with a ``FieldError``.
public enum SheafFieldModule {}

/// SheafField: Montgomery prime fields on GMP `mpn` kernels with inline limbs, the
/// BN254 base field `Fp` and scalar field `Fr`, and the tower `Fp2`/`Fp6`/`Fp12`.
///
/// Field elements are plain value types: four 64-bit limbs stored inline, so no
/// operation allocates. Multiplication, squaring and Montgomery reduction call GMP's
/// public `mpn` functions through the `CGMP` shim.
public enum SheafFieldModule {}

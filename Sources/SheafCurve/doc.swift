/// # SheafCurve
///
/// BN254's groups and pairing.
///
/// - ``AffinePoint`` and ``JacobianPoint`` implement the group law of
///   y² = x³ + b once, for any ``CurveParameters``; ``G1Affine``/``G1Jacobian``
///   (over ``Fp``, b = 3) and ``G2Affine``/``G2Jacobian`` (the sextic twist over
///   ``Fp2``, b = 3/(9+u)) are parameter sets, not copies.
/// - Scalar multiplication by an ``Fr`` element uses the curves' endomorphisms:
///   GLV on G1 (two 127-bit halves, ``GLV``) and four-dimensional GLS on G2
///   (four 64-bit quarters through ψ, ``GLS``), each an interleaved wNAF over one
///   shared doubling chain. The GLS method is valid on G2 only (the order-r
///   subgroup); ``JacobianPoint/multiplied(byLimbs:)`` is the generic width-5
///   wNAF for any point. ``MultiScalarMultiplication`` is Pippenger's bucket
///   method with the window chosen by size, split across cores.
/// - ``Pairing`` is the optimal ate pairing: a Miller loop over 6x+2 with sparse
///   line evaluation in homogeneous projective coordinates, then the final
///   exponentiation (easy part, hard part built on the BN parameter x).
///   ``G2Prepared`` holds the line coefficients of a fixed G2 argument.
/// - ``EVMPrecompiles`` gives byte-exact `ecAdd` (0x06), `ecMul` (0x07) and
///   `ecPairing` (0x08) as EIP-196/197 define them.
///
/// All of this is variable-time and meant for public data (verification).
public enum SheafCurveModule {}

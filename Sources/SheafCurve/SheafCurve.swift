/// SheafCurve: BN254 G1 and G2 (affine and Jacobian), multi-scalar multiplication,
/// subgroup checks, EVM encodings, the optimal-ate pairing and the EVM precompiles.
public enum SheafCurveModule {}

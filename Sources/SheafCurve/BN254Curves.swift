import SheafField

/// BN254's G1: y² = x³ + 3 over Fp, generator (1, 2), cofactor 1.
public enum BN254G1Parameters: CurveParameters {
    /// G1's coordinates lie in the base field Fp.
    public typealias Field = Fp
    /// The name used in messages.
    public static let name = "G1"
    /// b = 3 in y² = x³ + 3.
    public static let b = Fp(3)
    /// The generator (1, 2), as fixed by EIP-196.
    public static let generator = AffinePoint<BN254G1Parameters>(x: Fp(1), y: Fp(2))
    /// Every point of y² = x³ + 3 over Fp is in the order-r group, so no subgroup
    /// check is needed.
    public static let hasCofactorOne = true
}

/// BN254's G2: the sextic D-type twist y² = x³ + 3/(9+u) over Fp2. The twist has a
/// large cofactor, so decoded points must pass the subgroup check.
public enum BN254G2Parameters: CurveParameters {
    /// G2's coordinates lie in Fp2 (u² = −1).
    public typealias Field = Fp2
    /// The name used in messages.
    public static let name = "G2"
    /// b = 3/(9 + u) in y² = x³ + b, the D-type twist of G1's curve.
    public static let b = Fp2(
        try! Fp(decimal: "19485874751759354771024239261021720505790618469301721065564631296452457478373"),
        try! Fp(decimal: "266929791119991161246907387137283842545076965332900288569378510910307636690"))
    /// The generator fixed by EIP-197.
    public static let generator = AffinePoint<BN254G2Parameters>(
        x: Fp2(try! Fp(decimal: "10857046999023057135944570762232829481370756359578518086990519993285655852781"),
               try! Fp(decimal: "11559732032986387107991004021392285783925812861821192530917403151452391805634")),
        y: Fp2(try! Fp(decimal: "8495653923123431417604973247489272438418190587263600148770280649306958101930"),
               try! Fp(decimal: "4082367875863433681332203403145435568316851327593401208105741076214120093531")))
    /// The twist's cofactor is large: decoded points need a subgroup check.
    public static let hasCofactorOne = false
}

/// A G1 point in affine coordinates.
public typealias G1Affine = AffinePoint<BN254G1Parameters>
/// A G1 point in Jacobian coordinates.
public typealias G1Jacobian = JacobianPoint<BN254G1Parameters>
/// A G2 point in affine coordinates.
public typealias G2Affine = AffinePoint<BN254G2Parameters>
/// A G2 point in Jacobian coordinates.
public typealias G2Jacobian = JacobianPoint<BN254G2Parameters>

/// Constants of the BN254 family member used by Ethereum.
public enum BN254 {
    /// The BN parameter x (also called u or z): p and r are polynomials in it.
    public static let x: UInt64 = 4_965_661_367_192_848_881
    /// 6x + 2 in non-adjacent form, most significant digit first (66 digits):
    /// the optimal-ate Miller loop walks these.
    public static let ateLoopNAF: [Int8] = [
        1, 0, -1, 0, 1, 0, 0, 0, -1, 0, -1, 0, 0, 0, -1, 0, 1, 0, -1, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 1,
        0, 0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0, -1, 0, -1, 0, 0, 1, 0, 0, 0, -1, 0, 0, -1, 0, 1, 0, 1, 0, 0, 0,
    ]
}

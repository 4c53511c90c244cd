/// The constants that define a prime field in Montgomery form with R = 2²⁵⁶.
///
/// One conforming type per field (``BN254FpParameters``, ``BN254FrParameters``);
/// a second curve adds parameter types, not code. The modulus must be odd and
/// below 2²⁵⁵ so that a sum of two reduced elements never carries out of the top
/// limb. Every constant is derived by `scripts/bn254_constants.py` and re-checked
/// with GMP by the test suite.
public protocol MontgomeryParameters: Sendable {
    /// A short name for messages, such as "BN254 Fp".
    static var name: String { get }
    /// The prime modulus p.
    static var modulus: Limbs4 { get }
    /// R mod p, which is the Montgomery form of 1.
    static var r1: Limbs4 { get }
    /// R² mod p, used to enter Montgomery form.
    static var r2: Limbs4 { get }
    /// R³ mod p, used to bring an inverse computed on raw limbs back into form.
    static var r3: Limbs4 { get }
    /// −p⁻¹ mod 2⁶⁴.
    static var inverseNegModulus: UInt { get }
    /// The number of bits of p.
    static var bitWidth: Int { get }
}

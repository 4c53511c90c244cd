import CGMP

/// An element c0 + c1·v + c2·v² of Fp6 = Fp2[v]/(v³ − ξ), ξ = 9 + u.
public struct Fp6: FieldElement {
    /// The constant coefficient.
    public var c0: Fp2
    /// The coefficient of v.
    public var c1: Fp2
    /// The coefficient of v² (v³ = ξ = 9 + u).
    public var c2: Fp2

    /// The element c0 + c1·v + c2·v².
    @inlinable @inline(__always)
    public init(_ c0: Fp2, _ c1: Fp2, _ c2: Fp2) { self.c0 = c0; self.c1 = c1; self.c2 = c2 }

    /// The additive identity.
    @inlinable public static var zero: Fp6 { Fp6(.zero, .zero, .zero) }
    /// The multiplicative identity.
    @inlinable public static var one: Fp6 { Fp6(.one, .zero, .zero) }
    /// Whether all three coefficients are zero.
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    /// The sum, coefficient by coefficient.
    @inlinable @inline(__always)
    public static func + (a: Fp6, b: Fp6) -> Fp6 { Fp6(a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2) }
    /// The difference, coefficient by coefficient.
    @inlinable @inline(__always)
    public static func - (a: Fp6, b: Fp6) -> Fp6 { Fp6(a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2) }
    /// The additive inverse.
    @inlinable @inline(__always)
    public static prefix func - (a: Fp6) -> Fp6 { Fp6(-a.c0, -a.c1, -a.c2) }
    /// Twice the element, coefficient by coefficient.
    @inlinable @inline(__always)
    public func doubled() -> Fp6 { Fp6(c0.doubled(), c1.doubled(), c2.doubled()) }

    /// The product, with one Montgomery reduction per output coefficient: eight
    /// Fp2 products summed at double width, six reductions (`sheaf_fp6_mul`).
    @inlinable
    public static func * (a: Fp6, b: Fp6) -> Fp6 {
        var operands = (a, b, b.c1.mulByNonResidue(), b.c2.mulByNonResidue())
        var result = Fp6.zero
        withKernelConstants { m, m2, m2x4, n0 in
            withUnsafeMutableBytes(of: &operands) { operandBytes in
                withUnsafeMutableBytes(of: &result) { resultBytes in
                    let base = operandBytes.baseAddress!.assumingMemoryBound(to: UInt.self)
                    sheaf_fp6_mul(resultBytes.baseAddress!.assumingMemoryBound(to: UInt.self),
                                  base, base + 24, base + 48, base + 56, m, m2, m2x4, n0)
                }
            }
        }
        return result
    }

    /// Karatsuba over Fp2 with a reduction per Fp2 product (six multiplications):
    /// the reference the kernel is tested against.
    static func karatsubaProduct(_ a: Fp6, _ b: Fp6) -> Fp6 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let v2 = a.c2 * b.c2
        let c0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - v1 - v2).mulByNonResidue() + v0
        let c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1 + v2.mulByNonResidue()
        let c2 = (a.c0 + a.c2) * (b.c0 + b.c2) - v0 - v2 + v1
        return Fp6(c0, c1, c2)
    }

    /// Runs a kernel with pointers to p, p², 4p² and −p⁻¹ mod 2⁶⁴.
    @inlinable @inline(__always) @usableFromInline
    static func withKernelConstants(
        _ body: (UnsafePointer<UInt>, UnsafePointer<UInt>, UnsafePointer<UInt>, UInt) -> Void
    ) {
        var constants = (BN254FpParameters.modulus, Fp2.modulusSquared, Fp6.modulusSquaredTimes4)
        withUnsafeBytes(of: &constants) { bytes in
            let base = bytes.baseAddress!.assumingMemoryBound(to: UInt.self)
            body(base, base + 4, base + 12, BN254FpParameters.inverseNegModulus)
        }
    }

    /// Adds `b` to `a` in place.
    @inlinable @inline(__always) public static func += (a: inout Fp6, b: Fp6) { a = a + b }
    /// Subtracts `b` from `a` in place.
    @inlinable @inline(__always) public static func -= (a: inout Fp6, b: Fp6) { a = a - b }
    /// Multiplies `a` by `b` in place (v³ = 9 + u).
    @inlinable @inline(__always) public static func *= (a: inout Fp6, b: Fp6) { a = a * b }

    /// Multiplication by an Fp2 scalar.
    @inlinable @inline(__always)
    public static func * (a: Fp6, b: Fp2) -> Fp6 { Fp6(a.c0 * b, a.c1 * b, a.c2 * b) }

    /// Chung–Hasan squaring (SQR2): two multiplications and three squarings in Fp2.
    @inlinable
    public func squared() -> Fp6 {
        let s0 = c0.squared()
        let ab = c0 * c1
        let s1 = ab.doubled()
        let s2 = (c0 - c1 + c2).squared()
        let bc = c1 * c2
        let s3 = bc.doubled()
        let s4 = c2.squared()
        return Fp6(s0 + s3.mulByNonResidue(), s1 + s4.mulByNonResidue(), s1 + s2 + s3 - s0 - s4)
    }

    /// Multiplication by v: (c0, c1, c2) ↦ (ξc2, c0, c1).
    @inlinable @inline(__always)
    public func mulByV() -> Fp6 { Fp6(c2.mulByNonResidue(), c0, c1) }

    /// Product with the sparse element b0 + b1·v, the shape line functions take:
    /// five Fp2 products summed at double width and six Montgomery reductions
    /// (`sheaf_fp6_mul_by_01`) instead of five full Fp2 multiplications and ten.
    @inlinable
    public func mulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        var operands = (self, b0, b1, b1.mulByNonResidue())
        var result = Fp6.zero
        Fp6.withKernelConstants { m, m2, m2x4, n0 in
            withUnsafeMutableBytes(of: &operands) { operandBytes in
                withUnsafeMutableBytes(of: &result) { resultBytes in
                    let base = operandBytes.baseAddress!.assumingMemoryBound(to: UInt.self)
                    sheaf_fp6_mul_by_01(resultBytes.baseAddress!.assumingMemoryBound(to: UInt.self),
                                        base, base + 24, base + 32, base + 40, m, m2, m2x4, n0)
                }
            }
        }
        return result
    }

    /// The same product with one Fp2 multiplication per term and no shared
    /// reduction: the reference the kernel is tested against.
    func mulBy01Reference(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        let aa = c0 * b0
        let bb = c1 * b1
        let r0 = (c2 * b1).mulByNonResidue() + aa
        let r1 = (c0 + c1) * (b0 + b1) - aa - bb
        let r2 = c2 * b0 + bb
        return Fp6(r0, r1, r2)
    }

    /// 4p² as eight limbs: the offset that keeps the kernel's wide differences
    /// non-negative.
    @usableFromInline
    static let modulusSquaredTimes4: Limbs8 = {
        let m2 = Fp2.modulusSquared
        let limbs = [m2.0, m2.1, m2.2, m2.3, m2.4, m2.5, m2.6, m2.7]
        var shifted = [UInt](repeating: 0, count: 8)
        for i in 0..<8 { shifted[i] = (limbs[i] << 2) | (i > 0 ? limbs[i - 1] >> 62 : 0) }
        precondition(limbs[7] >> 62 == 0, "4p² fits in eight limbs")
        return (shifted[0], shifted[1], shifted[2], shifted[3], shifted[4], shifted[5], shifted[6], shifted[7])
    }()

    /// The inverse, or `nil` for zero.
    @inlinable
    public func inverse() -> Fp6? {
        let a = c0.squared() - (c1 * c2).mulByNonResidue()
        let b = c2.squared().mulByNonResidue() - c0 * c1
        let c = c1.squared() - c0 * c2
        let f = c0 * a + (c2 * b + c1 * c).mulByNonResidue()
        guard let fInverse = f.inverse() else { return nil }
        return Fp6(a * fInverse, b * fInverse, c * fInverse)
    }

    /// The Frobenius map x ↦ x^(pᵏ) for k in 0..<6 (only k mod 6 matters).
    @inlinable
    public func frobenius(_ k: Int) -> Fp6 {
        let k = k % 6
        if k == 0 { return self }
        let g = FrobeniusCoefficients.gamma[k]
        // v = w², v² = w⁴: coefficients are conjugated (k odd) and scaled by γ_{k,2i}.
        return Fp6(c0.frobenius(k), c1.frobenius(k) * g[2], c2.frobenius(k) * g[4])
    }

    /// A uniformly random element.
    @inlinable
    public static func random<G: RandomNumberGenerator>(using g: inout G) -> Fp6 {
        Fp6(Fp2.random(using: &g), Fp2.random(using: &g), Fp2.random(using: &g))
    }
}

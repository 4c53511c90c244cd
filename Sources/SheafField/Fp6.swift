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

    /// Karatsuba-style product: six Fp2 multiplications.
    @inlinable
    public static func * (a: Fp6, b: Fp6) -> Fp6 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let v2 = a.c2 * b.c2
        let c0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - v1 - v2).mulByNonResidue() + v0
        let c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1 + v2.mulByNonResidue()
        let c2 = (a.c0 + a.c2) * (b.c0 + b.c2) - v0 - v2 + v1
        return Fp6(c0, c1, c2)
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

    /// Product with the sparse element b0 + b1·v (five Fp2 multiplications), the
    /// shape line functions take.
    @inlinable
    public func mulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        let aa = c0 * b0
        let bb = c1 * b1
        let r0 = (c2 * b1).mulByNonResidue() + aa
        let r1 = (c0 + c1) * (b0 + b1) - aa - bb
        let r2 = c2 * b0 + bb
        return Fp6(r0, r1, r2)
    }

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

import CGMP

/// An element c0 + c1·u of Fp2 = Fp[u]/(u² + 1).
public struct Fp2: FieldElement, CustomStringConvertible {
    /// The real part.
    public var c0: Fp
    /// The coefficient of u.
    public var c1: Fp

    /// The element c0 + c1·u.
    @inlinable @inline(__always)
    public init(_ c0: Fp, _ c1: Fp) { self.c0 = c0; self.c1 = c1 }

    /// The element c0 + c1·u (labelled form).
    @inlinable @inline(__always)
    public init(c0: Fp, c1: Fp) { self.c0 = c0; self.c1 = c1 }

    /// The additive identity 0 + 0·u.
    @inlinable public static var zero: Fp2 { Fp2(.zero, .zero) }
    /// The multiplicative identity 1 + 0·u.
    @inlinable public static var one: Fp2 { Fp2(.one, .zero) }
    /// Whether both coefficients are zero.
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    /// The sum, coefficient by coefficient.
    @inlinable @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 + b.c0, a.c1 + b.c1) }
    /// The difference, coefficient by coefficient.
    @inlinable @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 - b.c0, a.c1 - b.c1) }
    /// The additive inverse −c0 − c1·u.
    @inlinable @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(-a.c0, -a.c1) }

    /// Karatsuba with lazy reduction: three `mpn_mul_n` products combined at
    /// double width, then two interleaved Montgomery reductions (see `sheaf_fp2_mul4`).
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        var m2 = Fp2.modulusSquared
        return withUnsafePointer(to: &m2) { m2 in
            withKernelPointers(a, b.c0.montgomeryLimbs, b.c1.montgomeryLimbs) { r0, r1, a0, a1, b0, b1, m, n0 in
                sheaf_fp2_mul4(r0, r1, a0, a1, b0, b1, m, UnsafeRawPointer(m2).assumingMemoryBound(to: UInt.self), n0)
            }
        }
    }

    /// Runs an Fp2 kernel with pointers to fresh result limbs, the limbs of `a`,
    /// two further 4-limb operands and the modulus. Everything stays on the stack.
    @inlinable @inline(__always)
    static func withKernelPointers(
        _ a: Fp2, _ x: Limbs4, _ y: Limbs4,
        _ body: (UnsafeMutablePointer<UInt>, UnsafeMutablePointer<UInt>, UnsafePointer<UInt>, UnsafePointer<UInt>,
                 UnsafePointer<UInt>, UnsafePointer<UInt>, UnsafePointer<UInt>, UInt) -> Void
    ) -> Fp2 {
        // One contiguous buffer: r0 r1 a0 a1 x y m, four limbs each.
        var buffer: (Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4, Limbs4) =
            (limbsZero4, limbsZero4, a.c0.montgomeryLimbs, a.c1.montgomeryLimbs, x, y, BN254FpParameters.modulus)
        withUnsafeMutableBytes(of: &buffer) { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt.self)
            body(base, base + 4, UnsafePointer(base + 8), UnsafePointer(base + 12), UnsafePointer(base + 16),
                 UnsafePointer(base + 20), UnsafePointer(base + 24), BN254FpParameters.inverseNegModulus)
        }
        return Fp2(Fp(montgomeryLimbs: buffer.0), Fp(montgomeryLimbs: buffer.1))
    }

    /// p² as eight limbs, the offset that keeps a0·b0 − a1·b1 non-negative.
    @usableFromInline
    static let modulusSquared: Limbs8 = (
        0x3b54_58a2_275d_69b1, 0xa602_072d_09ea_c101, 0x4a50_189c_6d96_cadc, 0x0468_9e95_7a12_42c8,
        0x26ed_fa5c_34c6_b38d, 0xb00b_8551_1637_5606, 0x599a_6f7c_0348_d21c, 0x0925_c4b8_763c_bf9c)

    /// Adds `b` to `a` in place.
    @inlinable @inline(__always) public static func += (a: inout Fp2, b: Fp2) { a = a + b }
    /// Subtracts `b` from `a` in place.
    @inlinable @inline(__always) public static func -= (a: inout Fp2, b: Fp2) { a = a - b }
    /// Multiplies `a` by `b` in place (u² = −1).
    @inlinable @inline(__always) public static func *= (a: inout Fp2, b: Fp2) { a = a * b }

    /// Multiplication by an element of the base field.
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp) -> Fp2 {
        withKernelPointers(a, b.montgomeryLimbs, limbsZero4) { r0, r1, a0, a1, b, _, m, n0 in
            sheaf_fp2_mul_fp4(r0, r1, a0, a1, b, m, n0)
        }
    }

    /// (c0 + c1u)² = (c0 + c1)(c0 − c1) + 2c0c1·u: two products on unreduced
    /// sums and two interleaved reductions (see `sheaf_fp2_sqr4`).
    @inlinable @inline(__always)
    public func squared() -> Fp2 {
        Fp2.withKernelPointers(self, limbsZero4, limbsZero4) { r0, r1, a0, a1, _, _, m, n0 in
            sheaf_fp2_sqr4(r0, r1, a0, a1, m, n0)
        }
    }

    /// Twice the element, coefficient by coefficient.
    @inlinable @inline(__always)
    public func doubled() -> Fp2 { Fp2(c0.doubled(), c1.doubled()) }

    /// The conjugate c0 − c1·u, which is also the Frobenius map x ↦ xᵖ.
    @inlinable @inline(__always)
    public func conjugate() -> Fp2 { Fp2(c0, -c1) }

    /// Multiplication by the sextic non-residue ξ = 9 + u, which defines Fp6.
    @inlinable @inline(__always)
    public func mulByNonResidue() -> Fp2 {
        // (9 + u)(c0 + c1u) = (9c0 − c1) + (9c1 + c0)u, with 9a = 8a + a.
        let c0x8 = c0.doubled().doubled().doubled()
        let c1x8 = c1.doubled().doubled().doubled()
        return Fp2(c0x8 + c0 - c1, c1x8 + c1 + c0)
    }

    /// The norm c0² + c1² in Fp.
    @inlinable
    public var norm: Fp { c0.squared() + c1.squared() }

    /// The inverse (c0 − c1u)/(c0² + c1²), or `nil` for zero.
    @inlinable
    public func inverse() -> Fp2? {
        guard let n = norm.inverse() else { return nil }
        return Fp2(c0 * n, -(c1 * n))
    }

    /// The Frobenius map applied `power` times (conjugation when odd).
    @inlinable
    public func frobenius(_ power: Int) -> Fp2 { power & 1 == 1 ? conjugate() : self }

    /// A square root, or `nil` when none exists.
    ///
    /// Uses the norm: a = c0 + c1u is a square iff N(a) = c0² + c1² is a square in Fp;
    /// then x0² = (c0 ± √N)/2 and x1 = c1/(2x0).
    public func squareRoot() -> Fp2? {
        if isZero { return self }
        guard let n = norm.squareRoot() else { return nil }
        var x0squared = (c0 + n).halved()
        if x0squared.legendreSymbol == -1 { x0squared = (c0 - n).halved() }
        guard let x0 = x0squared.squareRoot() else { return nil }
        let candidate: Fp2
        if x0.isZero {
            // c0 + n = c0 − n = 0 implies c1 = 0 and c0 = −t²: root is t·u.
            guard let t = (-c0).squareRoot() else { return nil }
            candidate = Fp2(.zero, t)
        } else {
            candidate = Fp2(x0, c1 * x0.doubled().inverse()!)
        }
        return candidate.squared() == self ? candidate : nil
    }

    /// A uniformly random element.
    @inlinable
    public static func random<G: RandomNumberGenerator>(using g: inout G) -> Fp2 {
        Fp2(Fp.random(using: &g), Fp.random(using: &g))
    }

    /// The element as "(c0 + c1·u)" with decimal coefficients.
    public var description: String { "(\(c0) + \(c1)·u)" }
}

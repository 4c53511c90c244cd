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

    @inlinable public static var zero: Fp2 { Fp2(.zero, .zero) }
    @inlinable public static var one: Fp2 { Fp2(.one, .zero) }
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    @inlinable @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 + b.c0, a.c1 + b.c1) }
    @inlinable @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 - b.c0, a.c1 - b.c1) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(-a.c0, -a.c1) }

    /// Karatsuba: three Fp multiplications.
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        return Fp2(v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1)
    }

    @inlinable @inline(__always) public static func += (a: inout Fp2, b: Fp2) { a = a + b }
    @inlinable @inline(__always) public static func -= (a: inout Fp2, b: Fp2) { a = a - b }
    @inlinable @inline(__always) public static func *= (a: inout Fp2, b: Fp2) { a = a * b }

    /// Multiplication by an element of the base field.
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp) -> Fp2 { Fp2(a.c0 * b, a.c1 * b) }

    /// (c0 + c1u)² = (c0 + c1)(c0 − c1) + 2c0c1·u: two multiplications.
    @inlinable @inline(__always)
    public func squared() -> Fp2 {
        let t = c0 * c1
        return Fp2((c0 + c1) * (c0 - c1), t + t)
    }

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

    public var description: String { "(\(c0) + \(c1)·u)" }
}

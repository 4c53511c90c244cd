import CGMP

/// An element of the prime field defined by `P`, kept in Montgomery form.
///
/// The four limbs live inline, so the type is a 32-byte value with no references:
/// arrays of elements are contiguous and no operation allocates. The stored value
/// `limbs` is `a·R mod p` for the element `a`, always fully reduced (< p), so
/// equality is limb equality.
public struct MontgomeryField<P: MontgomeryParameters>: Sendable {
    /// The Montgomery representation a·R mod p, least significant limb first.
    public var montgomeryLimbs: Limbs4

    /// Wraps limbs that are already in Montgomery form and reduced.
    @inlinable @inline(__always)
    public init(montgomeryLimbs: Limbs4) {
        self.montgomeryLimbs = montgomeryLimbs
    }

    /// The element with canonical value `limbs`, which must be < p (checked).
    @inlinable
    public init(canonicalLimbs limbs: Limbs4) {
        precondition(!Limbs.greaterOrEqual(limbs, P.modulus), "limbs are not reduced modulo \(P.name)")
        self.montgomeryLimbs = Self.montgomeryMultiply(limbs, P.r2)
    }

    /// The element `value mod p` for a small integer.
    @inlinable
    public init(_ value: UInt64) {
        self.init(canonicalLimbs: (UInt(value), 0, 0, 0))
    }

    /// The canonical value in [0, p), least significant limb first.
    @inlinable
    public var canonicalLimbs: Limbs4 {
        Self.montgomeryMultiply(montgomeryLimbs, (1, 0, 0, 0))
    }

    /// The additive identity.
    @inlinable
    public static var zero: Self { Self(montgomeryLimbs: limbsZero4) }

    /// The multiplicative identity.
    @inlinable
    public static var one: Self { Self(montgomeryLimbs: P.r1) }

    /// The modulus p as limbs.
    @inlinable
    public static var modulus: Limbs4 { P.modulus }

    /// Whether this is zero.
    @inlinable
    public var isZero: Bool { Limbs.isZero(montgomeryLimbs) }

    /// Whether this is one.
    @inlinable
    public var isOne: Bool { Limbs.equal(montgomeryLimbs, P.r1) }

    // MARK: - The mpn kernels

    /// Runs `body` with pointers to the limbs of `a`, `b` and the modulus and a
    /// pointer to fresh result limbs. Everything stays on the stack.
    @inlinable @inline(__always)
    static func withLimbPointers(
        _ a: Limbs4, _ b: Limbs4,
        _ body: (UnsafeMutablePointer<UInt>, UnsafePointer<UInt>, UnsafePointer<UInt>, UnsafePointer<UInt>) -> Void
    ) -> Limbs4 {
        var a = a, b = b, m = P.modulus, r = limbsZero4
        withUnsafeMutablePointer(to: &r) { rp in
            withUnsafePointer(to: &a) { ap in
                withUnsafePointer(to: &b) { bp in
                    withUnsafePointer(to: &m) { mp in
                        rp.withMemoryRebound(to: UInt.self, capacity: 4) { r in
                            ap.withMemoryRebound(to: UInt.self, capacity: 4) { a in
                                bp.withMemoryRebound(to: UInt.self, capacity: 4) { b in
                                    mp.withMemoryRebound(to: UInt.self, capacity: 4) { m in
                                        body(r, a, b, m)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return r
    }

    /// Montgomery multiplication a·b·R⁻¹ mod p: `mpn_mul_n` for the 8-limb
    /// product, then REDC with `mpn_addmul_1` and `mpn_add_n` (see `CGMP/shim.h`).
    @inlinable @inline(__always)
    public static func montgomeryMultiply(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        let n0 = P.inverseNegModulus
        return withLimbPointers(a, b) { r, a, b, m in sheaf_mont_mul4(r, a, b, m, n0) }
    }

    /// Montgomery squaring a²·R⁻¹ mod p: `mpn_sqr`, then the same reduction.
    @inlinable @inline(__always)
    public static func montgomerySquare(_ a: Limbs4) -> Limbs4 {
        let n0 = P.inverseNegModulus
        return withLimbPointers(a, a) { r, a, _, m in sheaf_mont_sqr4(r, a, m, n0) }
    }

    // MARK: - Arithmetic

    /// The sum modulo p (branch-free carry chain).
    @inlinable @inline(__always)
    public static func + (a: Self, b: Self) -> Self {
        Self(montgomeryLimbs: withLimbPointers(a.montgomeryLimbs, b.montgomeryLimbs) { r, a, b, m in
            sheaf_mod_add4(r, a, b, m)
        })
    }

    /// The difference modulo p (branch-free borrow chain).
    @inlinable @inline(__always)
    public static func - (a: Self, b: Self) -> Self {
        Self(montgomeryLimbs: withLimbPointers(a.montgomeryLimbs, b.montgomeryLimbs) { r, a, b, m in
            sheaf_mod_sub4(r, a, b, m)
        })
    }

    /// The additive inverse, 0 − a.
    @inlinable @inline(__always)
    public static prefix func - (a: Self) -> Self { zero - a }

    /// The product modulo p.
    @inlinable @inline(__always)
    public static func * (a: Self, b: Self) -> Self {
        Self(montgomeryLimbs: montgomeryMultiply(a.montgomeryLimbs, b.montgomeryLimbs))
    }

    /// Adds `b` to `a` in place, modulo p.
    @inlinable @inline(__always)
    public static func += (a: inout Self, b: Self) { a = a + b }
    /// Subtracts `b` from `a` in place, modulo p.
    @inlinable @inline(__always)
    public static func -= (a: inout Self, b: Self) { a = a - b }
    /// Multiplies `a` by `b` in place, modulo p.
    @inlinable @inline(__always)
    public static func *= (a: inout Self, b: Self) { a = a * b }

    /// The square.
    @inlinable @inline(__always)
    public func squared() -> Self {
        Self(montgomeryLimbs: Self.montgomerySquare(montgomeryLimbs))
    }

    /// Twice this element.
    @inlinable @inline(__always)
    public func doubled() -> Self { self + self }

    /// Half of this element (multiplication by 2⁻¹).
    @inlinable
    public func halved() -> Self {
        // x/2 = x >> 1 when x is even, (x + p) >> 1 when odd; in Montgomery form the
        // same rule applies to the stored limbs because R is a power of two.
        let m = montgomeryLimbs
        if m.0 & 1 == 0 { return Self(montgomeryLimbs: Limbs.shiftedRightOne(m)) }
        let (s, carry) = Limbs.add(m, P.modulus)
        var h = Limbs.shiftedRightOne(s)
        if carry { h.3 |= 1 << 63 }
        return Self(montgomeryLimbs: h)
    }
}

extension MontgomeryField: Equatable {
    /// Value equality: both operands are fully reduced, so equal elements have equal
    /// Montgomery limbs.
    @inlinable @inline(__always)
    public static func == (a: Self, b: Self) -> Bool {
        Limbs.equal(a.montgomeryLimbs, b.montgomeryLimbs)
    }
}

extension MontgomeryField: Hashable {
    /// Hashes the four Montgomery limbs (unique per element, since they are reduced).
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(montgomeryLimbs.0)
        hasher.combine(montgomeryLimbs.1)
        hasher.combine(montgomeryLimbs.2)
        hasher.combine(montgomeryLimbs.3)
    }
}

extension MontgomeryField: CustomStringConvertible {
    /// The canonical value in decimal.
    public var description: String { decimalString }
}

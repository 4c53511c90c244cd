import SheafField

/// A point (x, y) on the curve described by `C`, or the point at infinity.
///
/// Values built with ``init(x:y:)`` are not checked; untrusted coordinates go
/// through ``init(validatingX:y:)``, which checks the curve equation and, where the
/// cofactor is not 1, membership of the order-r subgroup.
public struct AffinePoint<C: CurveParameters>: Hashable, Sendable {
    /// The x coordinate (zero for infinity).
    public var x: C.Field
    /// The y coordinate (zero for infinity).
    public var y: C.Field
    /// Whether this is the point at infinity.
    public var isInfinity: Bool

    /// A point from trusted coordinates (not checked).
    @inlinable
    public init(x: C.Field, y: C.Field) {
        self.x = x; self.y = y; self.isInfinity = false
    }

    /// The point at infinity, the group identity.
    @inlinable
    public static var infinity: Self {
        var p = Self(x: .zero, y: .zero)
        p.isInfinity = true
        return p
    }

    /// The generator of the order-r subgroup.
    @inlinable
    public static var generator: Self { C.generator }

    /// A point from untrusted coordinates.
    ///
    /// - Throws: ``CurveError/notOnCurve(_:)`` or ``CurveError/notInSubgroup(_:)``.
    @inlinable
    public init(validatingX x: C.Field, y: C.Field) throws {
        self.init(x: x, y: y)
        guard isOnCurve else { throw CurveError.notOnCurve(C.name) }
        guard isInSubgroup else { throw CurveError.notInSubgroup(C.name) }
    }

    /// Whether y² = x³ + b (infinity counts as on the curve).
    @inlinable
    public var isOnCurve: Bool {
        if isInfinity { return true }
        return y.squared() == x.squared() * x + C.b
    }

    /// Whether the point lies in the order-r subgroup: always true on a curve of
    /// cofactor 1; otherwise the curve's test (for G2 an endomorphism check
    /// costing one 63-bit scalar multiplication, see `G2SubgroupCheck.swift`).
    @inlinable
    public var isInSubgroup: Bool { C.isInPrimeOrderSubgroup(self) }

    /// Whether [r]P = O, the definition of subgroup membership: the reference
    /// against which faster tests are checked.
    @inlinable
    public var isAnnihilatedByGroupOrder: Bool {
        isInfinity || JacobianPoint(self).multiplied(byLimbs: Fr.modulus).isInfinity
    }

    /// The inverse point (x, −y).
    @inlinable
    public static prefix func - (p: Self) -> Self {
        if p.isInfinity { return p }
        return Self(x: p.x, y: -p.y)
    }

    /// The sum, through Jacobian coordinates.
    @inlinable
    public static func + (a: Self, b: Self) -> Self {
        (JacobianPoint(a) + b).affine
    }

    /// Scalar multiplication by an element of Fr (``JacobianPoint/multiplied(by:)``).
    ///
    /// - Precondition: the point lies in the order-r subgroup (for G2 points
    ///   outside it use ``JacobianPoint/multiplied(byLimbs:)``).
    @inlinable
    public static func * (p: Self, k: Fr) -> Self {
        JacobianPoint(p).multiplied(by: k).affine
    }
}

extension AffinePoint: CustomStringConvertible {
    /// The group name and coordinates, such as "G1(1, 2)", or "G1(∞)" for infinity.
    public var description: String { isInfinity ? "\(C.name)(∞)" : "\(C.name)(\(x), \(y))" }
}

import SheafField

/// A short Weierstrass curve y² = x³ + b over `Field` with a prime-order subgroup
/// of order r (BN254's scalar field order).
public protocol CurveParameters: Sendable {
    /// The field of coordinates.
    associatedtype Field: FieldElement
    /// A short name for messages, such as "G1".
    static var name: String { get }
    /// The constant b of y² = x³ + b.
    static var b: Field { get }
    /// The generator of the order-r subgroup.
    static var generator: AffinePoint<Self> { get }
    /// Whether every point on the curve is in the order-r subgroup (cofactor 1).
    static var hasCofactorOne: Bool { get }
    /// Whether an on-curve point lies in the order-r subgroup. The default
    /// multiplies by r; a curve with a cheaper endomorphism test overrides it.
    static func isInPrimeOrderSubgroup(_ p: AffinePoint<Self>) -> Bool
    /// [k]P for a point P of the order-r subgroup: the implementation behind
    /// ``JacobianPoint/multiplied(by:)``. The default is the generic wNAF
    /// (``JacobianPoint/multiplied(byLimbs:)``), correct for any point; a curve
    /// with an efficient endomorphism overrides it (BN254's G1 with GLV, G2 with
    /// four-dimensional GLS, which is correct only on the subgroup).
    static func multiply(_ point: JacobianPoint<Self>, by k: Fr) -> JacobianPoint<Self>
}

extension CurveParameters {
    /// The generic test: true on a curve of cofactor 1, otherwise [r]P = O.
    @inlinable
    public static func isInPrimeOrderSubgroup(_ p: AffinePoint<Self>) -> Bool {
        if p.isInfinity || hasCofactorOne { return true }
        return p.isAnnihilatedByGroupOrder
    }

    /// The generic method: the width-5 wNAF of ``JacobianPoint/multiplied(byLimbs:)``.
    @inlinable
    public static func multiply(_ point: JacobianPoint<Self>, by k: Fr) -> JacobianPoint<Self> {
        point.multiplied(byLimbs: k.canonicalLimbs)
    }
}

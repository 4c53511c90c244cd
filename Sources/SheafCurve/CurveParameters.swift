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
}

extension CurveParameters {
    /// The generic test: true on a curve of cofactor 1, otherwise [r]P = O.
    @inlinable
    public static func isInPrimeOrderSubgroup(_ p: AffinePoint<Self>) -> Bool {
        if p.isInfinity || hasCofactorOne { return true }
        return p.isAnnihilatedByGroupOrder
    }
}

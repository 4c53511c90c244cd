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
}

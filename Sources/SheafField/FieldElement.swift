/// The arithmetic every field in Sheaf offers, so that curve code is written once
/// for G1 (over ``Fp``) and G2 (over ``Fp2``).
public protocol FieldElement: Hashable, Sendable {
    /// The additive identity.
    static var zero: Self { get }
    /// The multiplicative identity.
    static var one: Self { get }
    /// Whether this is zero.
    var isZero: Bool { get }
    /// The sum.
    static func + (a: Self, b: Self) -> Self
    /// The difference.
    static func - (a: Self, b: Self) -> Self
    /// The product.
    static func * (a: Self, b: Self) -> Self
    /// The additive inverse.
    static prefix func - (a: Self) -> Self
    /// The square.
    func squared() -> Self
    /// Twice the element.
    func doubled() -> Self
    /// The multiplicative inverse, or `nil` for zero.
    func inverse() -> Self?
}

extension MontgomeryField: FieldElement {}

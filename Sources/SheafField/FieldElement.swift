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

extension FieldElement {
    /// Inverts every nonzero element in place with one field inversion
    /// (Montgomery's trick: three multiplications an element); zeros stay zero.
    @inlinable
    public static func batchInvert(_ elements: inout [Self]) {
        var prefix = [Self]()
        prefix.reserveCapacity(elements.count)
        var accumulator = Self.one
        for e in elements {
            prefix.append(accumulator)
            if !e.isZero { accumulator = accumulator * e }
        }
        guard var inverse = accumulator.inverse() else { return }
        for i in stride(from: elements.count - 1, through: 0, by: -1) where !elements[i].isZero {
            let e = elements[i]
            elements[i] = inverse * prefix[i]
            inverse = inverse * e
        }
    }
}

import SheafField
import SheafGroth16

/// An element c0 + c1·v + c2·v² of Fp6 = Fp2[v]/(v³ − ξ), ξ = 9 + u, inside a
/// circuit: the same tower and basis as native `Fp6`.
///
/// A product reduces each of its six Fp coefficients once, from the schoolbook sum
/// of its limb products (`TowerProduct.swift`): six reductions. Measured with
/// reduced operands, that is 4,756 constraints; Karatsuba over ``EmulatedFp2``
/// (six Fp2 products, each two reductions, then free additions) measured 9,024, so
/// the schoolbook form is kept (`EmulatedFp6Tests` re-measures both).
public struct EmulatedFp6: Sendable, Equatable {
    /// The constant coefficient.
    public let c0: EmulatedFp2
    /// The coefficient of v.
    public let c1: EmulatedFp2
    /// The coefficient of v² (v³ = ξ).
    public let c2: EmulatedFp2

    /// The element c0 + c1·v + c2·v².
    public init(_ c0: EmulatedFp2, _ c1: EmulatedFp2, _ c2: EmulatedFp2) {
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
    }

    /// The coefficients of v⁰, v¹, v², as `towerProduct` takes them.
    var coefficients: [EmulatedFp2] { [c0, c1, c2] }

    /// The element with coefficients of v⁰, v¹, v².
    init(coefficients c: [EmulatedFp2]) {
        precondition(c.count == 3, "an Fp6 element has three Fp2 coefficients")
        self.init(c[0], c[1], c[2])
    }
}

extension CircuitBuilder {
    /// The constant `value`. Free.
    public func emulatedConstant(_ value: Fp6) -> EmulatedFp6 {
        EmulatedFp6(emulatedConstant(value.c0), emulatedConstant(value.c1), emulatedConstant(value.c2))
    }

    /// A private element: six hinted Fp coefficients, each range-checked (1,560
    /// constraints).
    public mutating func allocateEmulated(_ value: @autoclosure () -> Fp6, _ name: String = "fp6.input") -> EmulatedFp6 {
        withNamespace(name) { cs in
            EmulatedFp6(cs.allocateEmulated(value().c0, "c0"), cs.allocateEmulated(value().c1, "c1"),
                        cs.allocateEmulated(value().c2, "c2"))
        }
    }

    /// The element's value in Fp6 under the witness so far (0 in shape mode).
    public func emulatedValue(of element: EmulatedFp6) -> Fp6 {
        Fp6(emulatedValue(of: element.c0), emulatedValue(of: element.c1), emulatedValue(of: element.c2))
    }

    /// a + b, unreduced. Free.
    public mutating func add(_ a: EmulatedFp6, _ b: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(add(a.c0, b.c0), add(a.c1, b.c1), add(a.c2, b.c2))
    }

    /// a − b, unreduced. Free.
    public mutating func subtract(_ a: EmulatedFp6, _ b: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(subtract(a.c0, b.c0), subtract(a.c1, b.c1), subtract(a.c2, b.c2))
    }

    /// −a, unreduced. Free.
    public mutating func negate(_ a: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(negate(a.c0), negate(a.c1), negate(a.c2))
    }

    /// a · b: each of the six Fp coefficients is one reduction of a sum of limb
    /// products (c0 = a0b0 + ξ(a1b2 + a2b1), c1 = a0b1 + a1b0 + ξa2b2,
    /// c2 = a0b2 + a1b1 + a2b0).
    public mutating func multiply(_ a: EmulatedFp6, _ b: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(coefficients: towerProduct(a.coefficients, b.coefficients, "fp6.mul"))
    }

    /// a², six reductions over fewer products than ``multiply(_:_:)-(EmulatedFp6,_)``
    /// (cross products merged, Fp2 squares at two limb products).
    public mutating func square(_ a: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(coefficients: towerProduct(a.coefficients, [], squaring: true, "fp6.square"))
    }

    /// a · s for an Fp2 element s: six reductions of two limb products each.
    public mutating func multiply(_ a: EmulatedFp6, by s: EmulatedFp2) -> EmulatedFp6 {
        EmulatedFp6(coefficients: towerProduct(a.coefficients, [s, nil, nil], "fp6.mulByFp2"))
    }

    /// v·a = ξc2 + c0·v + c1·v² (as native `Fp6.mulByV`). Free: a shuffle and a
    /// multiplication by the small constant ξ, left unreduced.
    public mutating func multiplyByV(_ a: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(multiplyByNonResidue(a.c2), a.c0, a.c1)
    }

    /// a⁻¹, hinted and checked by a·x ≡ 1: six reductions with fixed remainders
    /// (1, 0, …, 0), plus the range checks of x. Zero has no inverse: the hint fails
    /// and no x satisfies the check, since a·x ≡ 0 for a ≡ 0.
    public mutating func inverse(_ a: EmulatedFp6) -> EmulatedFp6 {
        withNamespace("fp6.inverse") { cs in
            let x = cs.hintedTowerElement("inverse", a.coefficients) { (values: [Fp2]) throws(HintError) -> [Fp2] in
                guard let inverse = Fp6(values[0], values[1], values[2]).inverse() else {
                    throw HintError("the inverse of 0 in Fp6 does not exist")
                }
                return [inverse.c0, inverse.c1, inverse.c2]
            }
            _ = cs.towerProduct(a.coefficients, x, remainders: [.one, .zero, .zero], "check")
            return EmulatedFp6(coefficients: x)
        }
    }

    /// Constrains a ≡ b coefficient by coefficient.
    public mutating func assertEqual(_ a: EmulatedFp6, _ b: EmulatedFp6) {
        for (x, y) in zip(a.coefficients, b.coefficients) { assertEqual(x, y) }
    }

    /// `ifTrue` when `condition` is 1, else `ifFalse`; `condition` must be boolean.
    /// 24 constraints.
    public mutating func select(_ condition: LinearCombination, ifTrue: EmulatedFp6, ifFalse: EmulatedFp6) -> EmulatedFp6 {
        EmulatedFp6(coefficients: zip(ifTrue.coefficients, ifFalse.coefficients).map {
            select(condition, ifTrue: $0, ifFalse: $1)
        })
    }
}

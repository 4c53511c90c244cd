import SheafField
import SheafGroth16

/// An element c0 + c1·w of Fp12 = Fp6[w]/(w² − v) inside a circuit: the same tower
/// and basis as native `Fp12`, where pairing values live.
///
/// Products see the element as Σ gᵢ·wⁱ over Fp2 with w⁶ = ξ, where (g0, …, g5) =
/// (c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2), and reduce each of the twelve Fp
/// coefficients once from the schoolbook sum of its limb products
/// (`TowerProduct.swift`). Measured with reduced operands that is 10,094
/// constraints, against 14,314 for Karatsuba over ``EmulatedFp6`` (three of its
/// six-reduction products, eighteen reductions), so the flat form is kept
/// (`EmulatedFp12Tests` re-measures both).
public struct EmulatedFp12: Sendable, Equatable {
    /// The coefficient in Fp6 of w⁰.
    public let c0: EmulatedFp6
    /// The coefficient in Fp6 of w (w² = v).
    public let c1: EmulatedFp6

    /// The element c0 + c1·w.
    public init(_ c0: EmulatedFp6, _ c1: EmulatedFp6) {
        self.c0 = c0
        self.c1 = c1
    }

    /// The coefficients g0…g5 over Fp2 of w⁰…w⁵.
    var coefficients: [EmulatedFp2] { [c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2] }

    /// The element Σ gᵢ·wⁱ.
    init(coefficients g: [EmulatedFp2]) {
        precondition(g.count == 6, "an Fp12 element has six Fp2 coefficients over w")
        self.init(EmulatedFp6(g[0], g[2], g[4]), EmulatedFp6(g[1], g[3], g[5]))
    }

    /// The native coefficients g0…g5 of w⁰…w⁵.
    static func coefficients(of x: Fp12) -> [Fp2] { [x.c0.c0, x.c1.c0, x.c0.c1, x.c1.c1, x.c0.c2, x.c1.c2] }

    /// The native element Σ gᵢ·wⁱ.
    static func element(coefficients g: [Fp2]) -> Fp12 { Fp12(Fp6(g[0], g[2], g[4]), Fp6(g[1], g[3], g[5])) }

    /// `frobeniusCoefficients[k][i]` = γ with (wⁱ)^(pᵏ) = γ·wⁱ, k, i in 0..<6: read off
    /// native `Fp12.frobenius` applied to the basis elements, so that the circuit
    /// and the native map use the same constants by construction.
    static let frobeniusCoefficients: [[Fp2]] = (0..<6).map { k in
        (0..<6).map { i in
            var basis = [Fp2](repeating: .zero, count: 6)
            basis[i] = .one
            return coefficients(of: element(coefficients: basis).frobenius(k))[i]
        }
    }
}

extension CircuitBuilder {
    /// The constant `value`. Free.
    public func emulatedConstant(_ value: Fp12) -> EmulatedFp12 {
        EmulatedFp12(emulatedConstant(value.c0), emulatedConstant(value.c1))
    }

    /// A private element: twelve hinted Fp coefficients, each range-checked (3,120
    /// constraints).
    public mutating func allocateEmulated(_ value: @autoclosure () -> Fp12, _ name: String = "fp12.input") -> EmulatedFp12 {
        withNamespace(name) { cs in
            EmulatedFp12(cs.allocateEmulated(value().c0, "c0"), cs.allocateEmulated(value().c1, "c1"))
        }
    }

    /// The element's value in Fp12 under the witness so far (0 in shape mode).
    public func emulatedValue(of element: EmulatedFp12) -> Fp12 {
        Fp12(emulatedValue(of: element.c0), emulatedValue(of: element.c1))
    }

    /// a + b, unreduced. Free.
    public mutating func add(_ a: EmulatedFp12, _ b: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(add(a.c0, b.c0), add(a.c1, b.c1))
    }

    /// a − b, unreduced. Free.
    public mutating func subtract(_ a: EmulatedFp12, _ b: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(subtract(a.c0, b.c0), subtract(a.c1, b.c1))
    }

    /// −a, unreduced. Free.
    public mutating func negate(_ a: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(negate(a.c0), negate(a.c1))
    }

    /// a · b: twelve reductions, one per Fp coefficient, each over the twelve limb
    /// products that contribute to it.
    public mutating func multiply(_ a: EmulatedFp12, _ b: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(coefficients: towerProduct(a.coefficients, b.coefficients, "fp12.mul"))
    }

    /// a²: twelve reductions over about half the limb products of a general
    /// product (cross products merged, Fp2 squares at two limb products).
    public mutating func square(_ a: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(coefficients: towerProduct(a.coefficients, [], squaring: true, "fp12.square"))
    }

    /// a⁻¹, hinted and checked by a·x ≡ 1: twelve reductions with fixed remainders,
    /// plus the range checks of x. Zero has no inverse: the hint fails and no x
    /// satisfies the check.
    public mutating func inverse(_ a: EmulatedFp12) -> EmulatedFp12 {
        withNamespace("fp12.inverse") { cs in
            let x = cs.hintedTowerElement("inverse", a.coefficients) { (values: [Fp2]) throws(HintError) -> [Fp2] in
                guard let inverse = EmulatedFp12.element(coefficients: values).inverse() else {
                    throw HintError("the inverse of 0 in Fp12 does not exist")
                }
                return EmulatedFp12.coefficients(of: inverse)
            }
            _ = cs.towerProduct(a.coefficients, x, remainders: [.one] + Array(repeating: .zero, count: 5), "check")
            return EmulatedFp12(coefficients: x)
        }
    }

    /// The conjugate c0 − c1·w, which is a^(p⁶) (and the inverse in the cyclotomic
    /// subgroup, where pairing values live). Free.
    public mutating func conjugate(_ a: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(a.c0, negate(a.c1))
    }

    /// The Frobenius map a ↦ a^(pᵏ) (as native `Fp12.frobenius`): each coefficient
    /// gᵢ of wⁱ becomes its conjugate (k odd) times the constant γ_{k,i}. Constant
    /// products need no evaluation constraints, so the cost is the reductions: none
    /// for γ = ±1, one per Fp coefficient otherwise (k = 1 or 3: ten reductions;
    /// k = 2, where γ lies in Fp and γ_{2,3} = −1: eight). k ≥ 6 adds a free
    /// conjugation.
    public mutating func frobenius(_ a: EmulatedFp12, _ k: Int) -> EmulatedFp12 {
        let k = ((k % 12) + 12) % 12
        if k == 0 { return a }
        if k >= 6 { return conjugate(frobenius(a, k - 6)) }
        return withNamespace("fp12.frobenius[\(k)]") { cs in
            let gamma = EmulatedFp12.frobeniusCoefficients[k]
            let images = a.coefficients.enumerated().map { i, g in
                let conjugated = k % 2 == 1 ? cs.conjugate(g) : g
                return cs.withNamespace("c\(i)") { $0.multiply(conjugated, byConstant: gamma[i]) }
            }
            return EmulatedFp12(coefficients: images)
        }
    }

    /// f·ℓ for a line value ℓ = a + (b + c·v)·w (as native `Fp12.mulByLine`):
    /// ℓ = a + b·w + c·w³ over w, so each Fp coefficient of the product is one
    /// reduction over six limb products, twelve reductions in all.
    public mutating func multiplyByLine(_ f: EmulatedFp12, _ a: EmulatedFp2, _ b: EmulatedFp2, _ c: EmulatedFp2) -> EmulatedFp12 {
        EmulatedFp12(coefficients: towerProduct(f.coefficients, [a, b, nil, c, nil, nil], "fp12.mulByLine"))
    }

    /// f·ℓ for a normalised line value ℓ = 1 + (b + c·v)·w, the form the native
    /// Miller loop uses (`Fp12.mulByNormalizedLine`): f + f·(b·w + c·w³), each Fp
    /// coefficient one reduction over four limb products and f's own coefficient.
    public mutating func multiplyByNormalizedLine(_ f: EmulatedFp12, _ b: EmulatedFp2, _ c: EmulatedFp2) -> EmulatedFp12 {
        EmulatedFp12(coefficients: towerProduct(f.coefficients, [nil, b, nil, c, nil, nil],
                                                adding: f.coefficients, "fp12.mulByNormalizedLine"))
    }

    /// Constrains a ≡ b coefficient by coefficient.
    public mutating func assertEqual(_ a: EmulatedFp12, _ b: EmulatedFp12) {
        assertEqual(a.c0, b.c0)
        assertEqual(a.c1, b.c1)
    }

    /// `ifTrue` when `condition` is 1, else `ifFalse`; `condition` must be boolean.
    /// 48 constraints.
    public mutating func select(_ condition: LinearCombination, ifTrue: EmulatedFp12, ifFalse: EmulatedFp12) -> EmulatedFp12 {
        EmulatedFp12(select(condition, ifTrue: ifTrue.c0, ifFalse: ifFalse.c0),
                     select(condition, ifTrue: ifTrue.c1, ifFalse: ifFalse.c1))
    }
}

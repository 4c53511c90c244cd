import SheafField
import SheafGroth16

/// An element c0 + c1·u of Fp2 = Fp[u]/(u² + 1) inside a circuit, over two
/// ``EmulatedFp`` coefficients.
///
/// Products reduce each output coefficient once: c0 = a0b0 − a1b1 is a single
/// ``ProductSum`` with two products (gnark's `Eval` idea), not two multiplications
/// and a subtraction, so an Fp2 product costs two reductions, not three or four.
public struct EmulatedFp2: Sendable, Equatable {
    /// The real part.
    public let c0: EmulatedFp
    /// The coefficient of u.
    public let c1: EmulatedFp

    /// The element c0 + c1·u.
    public init(_ c0: EmulatedFp, _ c1: EmulatedFp) {
        self.c0 = c0
        self.c1 = c1
    }
}

extension CircuitBuilder {
    /// The constant `value`. Free.
    public func emulatedConstant(_ value: Fp2) -> EmulatedFp2 {
        EmulatedFp2(emulatedConstant(value.c0), emulatedConstant(value.c1))
    }

    /// A private element, both coefficients hinted and range-checked (520 constraints).
    public mutating func allocateEmulated(_ value: @autoclosure () -> Fp2, _ name: String = "fp2.input") -> EmulatedFp2 {
        withNamespace(name) { cs in
            EmulatedFp2(cs.allocateEmulated(value().c0, "c0"), cs.allocateEmulated(value().c1, "c1"))
        }
    }

    /// The element's value in Fp2 under the witness so far (0 in shape mode).
    public func emulatedValue(of element: EmulatedFp2) -> Fp2 {
        Fp2(emulatedValue(of: element.c0), emulatedValue(of: element.c1))
    }

    /// a + b, unreduced. Free.
    public mutating func add(_ a: EmulatedFp2, _ b: EmulatedFp2) -> EmulatedFp2 {
        EmulatedFp2(add(a.c0, b.c0), add(a.c1, b.c1))
    }

    /// a − b, unreduced. Free.
    public mutating func subtract(_ a: EmulatedFp2, _ b: EmulatedFp2) -> EmulatedFp2 {
        EmulatedFp2(subtract(a.c0, b.c0), subtract(a.c1, b.c1))
    }

    /// −a, unreduced. Free.
    public mutating func negate(_ a: EmulatedFp2) -> EmulatedFp2 {
        EmulatedFp2(negate(a.c0), negate(a.c1))
    }

    /// The conjugate c0 − c1·u, which is also aᵖ. Free.
    public mutating func conjugate(_ a: EmulatedFp2) -> EmulatedFp2 {
        EmulatedFp2(a.c0, negate(a.c1))
    }

    /// ξ·a for the sextic non-residue ξ = 9 + u that defines Fp6 (as native
    /// `Fp2.mulByNonResidue`): (9c0 − c1) + (c0 + 9c1)·u. Free: the constants are
    /// small, so limbs grow by about six bits instead of being reduced.
    public mutating func multiplyByNonResidue(_ a: EmulatedFp2) -> EmulatedFp2 {
        EmulatedFp2(subtract(multiply(a.c0, byConstant: 9), a.c1), add(a.c0, multiply(a.c1, byConstant: 9)))
    }

    /// a · c for a constant c, as the Frobenius maps need: free when c is ±1, one
    /// reduction per coefficient otherwise (products with a constant are linear in
    /// a's limbs, so only the reductions cost: two products each, or one when c lies
    /// in Fp).
    public mutating func multiply(_ a: EmulatedFp2, byConstant c: Fp2) -> EmulatedFp2 {
        if c == .one { return a }
        if c == -Fp2.one { return negate(a) }
        return withNamespace("fp2.mulByConstant") { cs in
            let c0 = cs.emulatedConstant(c.c0), c1 = cs.emulatedConstant(c.c1)
            if c.c1.isZero {
                return EmulatedFp2(cs.reduce(ProductSum(products: [(a.c0, c0, false)]), remainder: .hinted, "c0"),
                                   cs.reduce(ProductSum(products: [(a.c1, c0, false)]), remainder: .hinted, "c1"))
            }
            let real = cs.reduce(ProductSum(products: [(a.c0, c0, false), (a.c1, c1, true)]), remainder: .hinted, "c0")
            let imaginary = cs.reduce(ProductSum(products: [(a.c0, c1, false), (a.c1, c0, false)]), remainder: .hinted, "c1")
            return EmulatedFp2(real, imaginary)
        }
    }

    /// a · b: c0 = a0b0 − a1b1 and c1 = a0b1 + a1b0, one reduction each.
    public mutating func multiply(_ a: EmulatedFp2, _ b: EmulatedFp2) -> EmulatedFp2 {
        withNamespace("fp2.mul") { cs in
            let (a0, b0) = cs.operandsForProduct(a.c0, b.c0)
            let (a1, b1) = cs.operandsForProduct(a.c1, b.c1)
            let (a0b1, b1a0) = cs.operandsForProduct(a0, b1)
            let (a1b0, b0a1) = cs.operandsForProduct(a1, b0)
            let c0 = cs.reduce(ProductSum(products: [(a0, b0, false), (a1, b1, true)]), remainder: .hinted, "c0")
            let c1 = cs.reduce(ProductSum(products: [(a0b1, b1a0, false), (a1b0, b0a1, false)]), remainder: .hinted, "c1")
            return EmulatedFp2(c0, c1)
        }
    }

    /// a²: c0 = (a0 + a1)(a0 − a1) and c1 = 2·a0·a1, one product and one reduction
    /// each.
    public mutating func square(_ a: EmulatedFp2) -> EmulatedFp2 {
        withNamespace("fp2.square") { cs in
            let (s, d) = cs.operandsForProduct(cs.add(a.c0, a.c1), cs.subtract(a.c0, a.c1))
            let (twice, a1) = cs.operandsForProduct(cs.multiply(a.c0, byConstant: 2), a.c1)
            let c0 = cs.reduce(ProductSum(products: [(s, d, false)]), remainder: .hinted, "c0")
            let c1 = cs.reduce(ProductSum(products: [(twice, a1, false)]), remainder: .hinted, "c1")
            return EmulatedFp2(c0, c1)
        }
    }

    /// a⁻¹, hinted and checked by a·x ≡ 1 (two reductions with fixed remainders 1
    /// and 0). Zero has no inverse: the hint fails and the check cannot pass.
    public mutating func inverse(_ a: EmulatedFp2) -> EmulatedFp2 {
        withNamespace("fp2.inverse") { cs in
            let elements = cs.hintedElements("inverse", inputs: a.c0.limbs + a.c1.limbs, namespaces: ["c0", "c1"]) { values throws(HintError) in
                let value = Fp2(EmulatedFp.integer(fromLimbValues: values[0..<4]).fp,
                                EmulatedFp.integer(fromLimbValues: values[4..<8]).fp)
                guard let inverse = value.inverse() else { throw HintError("the inverse of 0 in Fp2 does not exist") }
                return EmulatedFp.limbValues(of: Natural(inverse.c0)) + EmulatedFp.limbValues(of: Natural(inverse.c1))
            }
            let x = EmulatedFp2(elements[0], elements[1])
            let (a0, x0) = cs.operandsForProduct(a.c0, x.c0)
            let (a1, x1) = cs.operandsForProduct(a.c1, x.c1)
            _ = cs.reduce(ProductSum(products: [(a0, x0, false), (a1, x1, true)]),
                          remainder: .fixed(cs.emulatedConstant(Fp.one)), "check.c0")
            _ = cs.reduce(ProductSum(products: [(a0, x1, false), (a1, x0, false)]),
                          remainder: .fixed(cs.emulatedConstant(Fp.zero)), "check.c1")
            return x
        }
    }

    /// Constrains a ≡ b coefficient by coefficient.
    public mutating func assertEqual(_ a: EmulatedFp2, _ b: EmulatedFp2) {
        assertEqual(a.c0, b.c0)
        assertEqual(a.c1, b.c1)
    }

    /// `ifTrue` when `condition` is 1, else `ifFalse`; `condition` must be boolean.
    /// Eight constraints.
    public mutating func select(_ condition: LinearCombination, ifTrue: EmulatedFp2, ifFalse: EmulatedFp2) -> EmulatedFp2 {
        EmulatedFp2(select(condition, ifTrue: ifTrue.c0, ifFalse: ifFalse.c0),
                    select(condition, ifTrue: ifTrue.c1, ifFalse: ifFalse.c1))
    }
}

import SheafField
import SheafGroth16

// Checks that fix the remainder: equality (r = 0), inverse (r = 1), and the
// canonical form (r < p).

extension CircuitBuilder {
    /// Constrains a ≡ b (mod p), for elements in any representation: proves
    /// a − b + O = k·p over the integers. About 20 constraints for reduced operands
    /// (the quotient is a few bits; the carries are small).
    public mutating func assertEqual(_ a: EmulatedFp, _ b: EmulatedFp) {
        _ = reduce(ProductSum(terms: [(a, false), (b, true)]), remainder: .fixed(emulatedConstant(.zero)), "fp.equal")
    }

    /// a⁻¹ mod p, hinted and checked by a·a⁻¹ ≡ 1. Zero has no inverse: the hint
    /// fails (recorded in ``CircuitBuilder/hintFailures``) and no witness can
    /// satisfy a·x − 1 = k·p with a ≡ 0, so the circuit is unsatisfiable.
    public mutating func inverse(_ a: EmulatedFp) -> EmulatedFp {
        withNamespace("fp.inverse") { cs in
            let x = cs.hintedElement("inverse", inputs: a.limbs) { values throws(HintError) in
                guard let inverse = EmulatedFp.integer(fromLimbValues: values[...]).fp.inverse() else {
                    throw HintError("the inverse of 0 mod p does not exist")
                }
                return EmulatedFp.limbValues(of: Natural(inverse))
            }
            let (a, _) = cs.operandsForProduct(a, x)
            _ = cs.reduce(ProductSum(products: [(a, x, false)]), remainder: .fixed(cs.emulatedConstant(.one)), "check")
            return x
        }
    }

    /// a / b mod p, as a · b⁻¹. Refuses b ≡ 0 exactly as ``inverse(_:)`` does (a
    /// quotient hint checked only by b·x ≡ a would accept any x for 0/0).
    public mutating func divide(_ a: EmulatedFp, _ b: EmulatedFp) -> EmulatedFp {
        withNamespace("fp.divide") { cs in
            let inverse = cs.inverse(b)
            return cs.multiply(a, inverse)
        }
    }

    /// The canonical representative of a: 64-bit limbs and X < p, proved by a hinted
    /// s with X + s = p − 1 over the integers (s's limbs range-checked to 64 bits).
    /// Needed where the representation itself matters (hashing, public outputs,
    /// comparison with a native value); arithmetic does not need it.
    public mutating func canonical(_ a: EmulatedFp) -> EmulatedFp {
        withNamespace("fp.canonical") { cs in
            let r = cs.reduce(a)
            let s = cs.hintedElement("complement", inputs: r.limbs) { values in
                let x = EmulatedFp.integer(fromLimbValues: values[...])
                return EmulatedFp.limbValues(of: (Natural.p - Natural(1)).saturatingSubtract(x))
            }
            let pMinusOne = Natural.p - Natural(1)
            let coefficients = (0..<EmulatedFp.limbCount).map { m in
                let digit = Natural(pMinusOne.word(m))
                return BoundedCoefficient(lc: r.limbs[m] + s.limbs[m] - .constant(digit.fr),
                                          positive: r.limbMaximum + s.limbMaximum, negative: digit)
            }
            cs.assertIntegerZero(coefficients, "sum")
            return r
        }
    }
}

import Testing
import SheafField
import SheafGroth16
@testable import SheafRecursion

@Suite("Emulated Fp2 and stats")
struct EmulatedFp2Tests {
    @Test("Product, square, inverse, sum, difference agree with native Fp2 (random and edge inputs)")
    func agreement() {
        var rng = SeededGenerator(seed: 31)
        let pMinusOne = (Natural.p - Natural(1)).fp
        var pairs: [(Fp2, Fp2)] = (0..<4).map { _ in (Fp2.random(using: &rng), Fp2.random(using: &rng)) }
        pairs += [(Fp2(pMinusOne, pMinusOne), Fp2(pMinusOne, .one)), (Fp2(.zero, .one), Fp2(.one, .zero)),
                  (Fp2(pMinusOne, .zero), Fp2(.zero, pMinusOne))]
        for (x, y) in pairs {
            let (cs, results) = circuit { cs -> [(EmulatedFp2, Fp2)] in
                let a = cs.allocateEmulated(x), b = cs.allocateEmulated(y)
                let product = cs.multiply(a, b)
                cs.assertEqual(product, cs.multiply(b, a))
                return [(product, x * y), (cs.square(a), x.squared()), (cs.inverse(b), y.inverse()!),
                        (cs.add(a, b), x + y), (cs.subtract(a, b), x - y),
                        (cs.select(.one, ifTrue: a, ifFalse: b), x),
                        (cs.multiply(cs.add(a, a), cs.subtract(b, a)), (x + x) * (y - x))]
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            for (index, (element, expected)) in results.enumerated() {
                #expect(cs.emulatedValue(of: element) == expected, "result \(index) on \(x), \(y)")
            }
        }
    }

    @Test("Every Fp2 hint value is checked; the inverse of 0 is refused")
    func soundness() {
        var rng = SeededGenerator(seed: 32)
        let x = Fp2.random(using: &rng), y = Fp2.random(using: &rng)
        let (cs, _) = circuit { cs in
            let a = cs.allocateEmulated(x), b = cs.allocateEmulated(y)
            _ = cs.inverse(cs.multiply(a, b))
            _ = cs.square(a)
        }
        #expect(cs.check().isSatisfied)
        let witness = cs.witness()
        for hint in cs.hints {
            for variable in hint.variables {
                var wrong = witness
                wrong[variable] -= .one
                #expect(cs.check(witness: wrong).failure?.hints.contains(hint.name) == true, "\(hint.name)")
            }
        }
        let (zero, _) = circuit { cs in _ = cs.inverse(cs.allocateEmulated(Fp2.zero)) }
        #expect(zero.check().failure?.hintFailures.first?.hint == "fp2.inverse/inverse")
        let (lying, _) = circuit(adversary: { name, values in
            name == "fp2.inverse/inverse" ? [Fr.one] + values.dropFirst() : values
        }) { cs in _ = cs.inverse(cs.allocateEmulated(Fp2.zero)) }
        #expect(!lying.check().isSatisfied)
    }

    @Test("Stats: every gadget measured, counts match a direct build, range checks dominate products")
    func stats() {
        let stats = RecursionStats.measure()
        #expect(stats.gadgets.count == 40)
        // G2 membership proved by the Miller loop costs under a thousand
        // constraints over the unchecked loop; the standalone check over 60k.
        let loops = stats.gadgets.filter { $0.name == "miller.loop" }
        #expect(loops.count == 3)
        let inLoop = loops[2].constraints - loops[0].constraints
        #expect(inLoop > 0 && inLoop < 1_000, "\(inLoop)")
        #expect(stats["g2.subgroup"]!.constraints > 60_000)
        #expect(stats["fp.add"]?.constraints == 0)
        #expect(stats["fp.sub"]?.constraints == 0)
        // Four 64-bit limbs, each hinted as four 16-bit chunks: one query each.
        #expect(stats["fp.allocate"]?.constraints == 4 * 4)
        #expect(RecursionStats.measure(lookups: nil)["fp.allocate"]?.constraints == 4 * 65)
        #expect(stats["fp.select"]?.constraints == 4)
        let mul = stats["fp.mul"]!
        var cs = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: Groth16BatchCircuit.defaultLookups)
        let a = cs.allocateEmulated(Fp.zero), b = cs.allocateEmulated(Fp.zero)
        let before = cs.constraintCount
        _ = cs.multiply(a, b)
        #expect(cs.constraintCount - before == mul.constraints)
        #expect(mul.rangeCheckConstraints * 10 > mul.constraints * 8, "range checks are most of a product")
        #expect(stats.gadgets.allSatisfy { $0.rangeCheckConstraints <= $0.constraints })
        // An Fp2 product costs less than four Fp products (two reductions, not four).
        #expect(stats["fp2.mul"]!.constraints < 3 * mul.constraints)
    }
}

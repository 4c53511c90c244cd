import Testing
import SheafField
import SheafGroth16
@testable import SheafRecursion

/// p − 1, the largest canonical Fp value.
let fpMinusOne = (Natural.p - Natural(1)).fp

/// Edge elements of Fp6: 0, 1, every coefficient p − 1, and v itself.
let edgeFp6: [Fp6] = {
    let top = Fp2(fpMinusOne, fpMinusOne)
    return [.zero, .one, Fp6(top, top, top), Fp6(.zero, .one, .zero)]
}()

/// The witness positions of every hint, one per hint: a seeded random position
/// among its outputs, so that large gadgets are tampered with in reasonable time.
func oneVariablePerHint(_ cs: CircuitBuilder, seed: UInt64) -> [(name: String, variable: Int)] {
    var rng = SeededGenerator(seed: seed)
    return cs.hints.compactMap { hint in
        hint.variables.isEmpty ? nil : (hint.name, hint.variables.randomElement(using: &rng)!)
    }
}

/// Checks that adding 1 to any one of the given hinted values breaks the circuit
/// and that the failure names that hint.
func expectEveryHintChecked(_ cs: CircuitBuilder, _ targets: [(name: String, variable: Int)],
                            _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let witness = cs.witness()
    for target in targets {
        var wrong = witness
        wrong[target.variable] += .one
        guard let failure = cs.check(witness: wrong).failure else {
            Issue.record("\(context): +1 on \(target.name) is not caught", sourceLocation: sourceLocation)
            continue
        }
        #expect(failure.hints.contains(target.name), "\(context): \(failure)", sourceLocation: sourceLocation)
    }
}

/// A cheating prover that adds 1 to the first output of the hint `target` and
/// computes every later hint honestly from that forgery.
func forging(_ target: String) -> @Sendable (String, [Fr]) -> [Fr] {
    { name, values in name == target ? [values[0] + .one] + values.dropFirst() : values }
}

@Suite("Emulated Fp6")
struct EmulatedFp6Tests {
    @Test("Every operation agrees with native Fp6 (random and edge inputs); honest witnesses satisfy the circuit")
    func agreement() {
        var rng = SeededGenerator(seed: 61)
        var pairs: [(Fp6, Fp6)] = (0..<3).map { _ in (Fp6.random(using: &rng), Fp6.random(using: &rng)) }
        pairs += edgeFp6.map { ($0, Fp6.random(using: &rng)) }
        pairs += [(edgeFp6[2], edgeFp6[2]), (edgeFp6[2], edgeFp6[3])]
        for (x, y) in pairs {
            let s = y.c1
            let (cs, results) = circuit { cs -> [(EmulatedFp6, Fp6)] in
                let a = cs.allocateEmulated(x), b = cs.allocateEmulated(y)
                let scalar = cs.allocateEmulated(s)
                var wide = a
                for _ in 0..<30 { wide = cs.add(wide, wide) }  // limbs past the tower bound: reduced first
                var out: [(EmulatedFp6, Fp6)] = [
                    (cs.multiply(a, b), x * y), (cs.square(a), x.squared()), (cs.square(b), y.squared()),
                    (cs.multiply(a, by: scalar), x * s), (cs.multiplyByV(a), x.mulByV()),
                    (cs.add(a, b), x + y), (cs.subtract(a, b), x - y), (cs.negate(a), -x),
                    (cs.select(.one, ifTrue: a, ifFalse: b), x), (cs.select(.zero, ifTrue: a, ifFalse: b), y),
                    (cs.emulatedConstant(y), y),
                    (cs.multiply(cs.add(a, a), cs.subtract(b, cs.multiplyByV(a))), (x + x) * (y - x.mulByV())),
                    (cs.multiply(wide, b), Fp6(Fp2(Fp(1 << 30), .zero), .zero, .zero) * x * y),
                    (cs.square(cs.multiplyByV(b)), y.mulByV().squared()),
                ]
                if let inverse = x.inverse() { out.append((cs.inverse(a), inverse)) }
                cs.assertEqual(cs.multiply(a, b), cs.multiply(b, a))
                return out
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            #expect(cs.hintFailures.isEmpty)
            for (index, (element, expected)) in results.enumerated() {
                #expect(cs.emulatedValue(of: element) == expected, "result \(index) on \(x), \(y)")
            }
        }
    }

    @Test("Every hinted value of a product, square, Fp2 product and inverse is checked")
    func everyHint() {
        var rng = SeededGenerator(seed: 62)
        let x = Fp6.random(using: &rng), y = Fp6.random(using: &rng)
        let gadgets: [(String, (inout CircuitBuilder) -> Void)] = [
            ("fp6.mul", { cs in _ = cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }),
            ("fp6.square", { cs in _ = cs.square(cs.allocateEmulated(x)) }),
            ("fp6.mulByFp2", { cs in _ = cs.multiply(cs.allocateEmulated(x), by: cs.allocateEmulated(y.c2)) }),
            ("fp6.inverse", { cs in _ = cs.inverse(cs.allocateEmulated(x)) }),
        ]
        for (name, body) in gadgets {
            let (cs, _) = circuit(body)
            #expect(cs.check().isSatisfied, "\(name): \(cs.check())")
            let targets = oneVariablePerHint(cs, seed: 63).filter { $0.name.hasPrefix(name) }
            #expect(targets.count >= 6 * 3, "\(name): \(targets.count) hints")
            expectEveryHintChecked(cs, targets, name)
        }
    }

    @Test("A cheating prover's wrong remainder, product coefficient or inverse is refused; the inverse of 0 is unsatisfiable")
    func adversary() {
        var rng = SeededGenerator(seed: 64)
        let x = Fp6.random(using: &rng), y = Fp6.random(using: &rng)
        for target in ["fp6.mul/c0.c0/remainder", "fp6.mul/c2.c1/remainder", "fp6.mul/c1.c0/product[3]",
                       "fp6.mul/c2.c1/quotient"] {
            let (cs, product) = circuit(adversary: forging(target)) { cs in
                cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y))
            }
            #expect(cs.hints.contains { $0.name == target }, "\(target) exists")
            #expect(!cs.check().isSatisfied, "\(target)")
            if target.hasSuffix("remainder") { #expect(cs.emulatedValue(of: product) != x * y) }
        }
        let (square, _) = circuit(adversary: forging("fp6.square/c1.c1/remainder")) { cs in
            cs.square(cs.allocateEmulated(x))
        }
        #expect(!square.check().isSatisfied)
        // A wrong inverse (that of another element), with every later hint honest.
        let (wrongInverse, _) = circuit(adversary: { name, values in
            guard name == "fp6.inverse/inverse" else { return values }
            let other = y.inverse()!
            return [other.c0, other.c1, other.c2].flatMap {
                EmulatedFp.limbValues(of: Natural($0.c0)) + EmulatedFp.limbValues(of: Natural($0.c1))
            }
        }) { cs in cs.inverse(cs.allocateEmulated(x)) }
        #expect(!wrongInverse.check().isSatisfied)
        // Zero: the hint fails, and no value offered instead satisfies the check.
        let (zero, _) = circuit { cs in cs.inverse(cs.allocateEmulated(Fp6.zero)) }
        #expect(zero.check().failure?.hintFailures.first?.hint == "fp6.inverse/inverse")
        for _ in 0..<3 {
            let guess = (0..<24).map { _ in Fr(UInt64.random(in: 0...UInt64.max, using: &rng)) }
            let (lying, _) = circuit(adversary: { name, values in name == "fp6.inverse/inverse" ? guess : values }) { cs in
                cs.inverse(cs.allocateEmulated(Fp6.zero))
            }
            #expect(!lying.check().isSatisfied)
        }
    }

    @Test("Cost: the schoolbook product with one reduction per Fp coefficient beats Karatsuba over Fp2; the stats row matches")
    func cost() {
        let flat = constraintCount(inputs: 12) { cs, x in _ = cs.multiply(fp6(x, 0), fp6(x, 1)) }
        // Karatsuba over Fp2: six Fp2 products (two reductions each), free additions.
        let karatsuba = constraintCount(inputs: 12) { cs, x in
            let (a, b) = (fp6(x, 0), fp6(x, 1))
            let v0 = cs.multiply(a.c0, b.c0), v1 = cs.multiply(a.c1, b.c1), v2 = cs.multiply(a.c2, b.c2)
            let t0 = cs.multiply(cs.add(a.c1, a.c2), cs.add(b.c1, b.c2))
            let t1 = cs.multiply(cs.add(a.c0, a.c1), cs.add(b.c0, b.c1))
            let t2 = cs.multiply(cs.add(a.c0, a.c2), cs.add(b.c0, b.c2))
            _ = EmulatedFp6(cs.add(cs.multiplyByNonResidue(cs.subtract(cs.subtract(t0, v1), v2)), v0),
                            cs.add(cs.subtract(cs.subtract(t1, v0), v1), cs.multiplyByNonResidue(v2)),
                            cs.add(cs.subtract(cs.subtract(t2, v0), v2), v1))
        }
        #expect(flat < karatsuba, "schoolbook \(flat), Karatsuba \(karatsuba)")
        let stats = RecursionStats.measure()
        #expect(stats["fp6.mul"]?.constraints == flat)
        // Six reductions and 36 limb products (7 constraints each), against one
        // reduction and one limb product for an Fp product.
        #expect(flat < 10 * stats["fp.mul"]!.constraints)
        // With bit decomposition (a reduction is about 730 constraints) the order is the same.
        let flatBits = constraintCount(inputs: 12, lookups: nil) { cs, x in _ = cs.multiply(fp6(x, 0), fp6(x, 1)) }
        let bitStats = RecursionStats.measure(lookups: nil)
        #expect(flatBits == bitStats["fp6.mul"]?.constraints)
        #expect(flatBits < 7 * bitStats["fp.mul"]!.constraints)
        #expect(stats["fp6.square"]!.constraints <= flat)
    }
}

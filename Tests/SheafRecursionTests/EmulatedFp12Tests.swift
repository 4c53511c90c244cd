import Testing
import SheafField
import SheafGroth16
@testable import SheafRecursion

/// Edge elements of Fp12: 0, 1, every coefficient p − 1, and w itself.
let edgeFp12: [Fp12] = [.zero, .one, Fp12(edgeFp6[2], edgeFp6[2]), Fp12(.zero, .one)]

@Suite("Emulated Fp12")
struct EmulatedFp12Tests {
    @Test("Products, squares, inverses, lines, sums agree with native Fp12 (random and edge inputs)")
    func agreement() {
        var rng = SeededGenerator(seed: 121)
        var pairs: [(Fp12, Fp12)] = (0..<2).map { _ in (Fp12.random(using: &rng), Fp12.random(using: &rng)) }
        pairs += edgeFp12.map { ($0, Fp12.random(using: &rng)) }
        pairs.append((edgeFp12[2], edgeFp12[2]))
        for (x, y) in pairs {
            let (a0, b0, c0) = (Fp2.random(using: &rng), Fp2.random(using: &rng), Fp2.random(using: &rng))
            let (cs, results) = circuit { cs -> [(EmulatedFp12, Fp12)] in
                let f = cs.allocateEmulated(x), g = cs.allocateEmulated(y)
                let la = cs.allocateEmulated(a0), lb = cs.allocateEmulated(b0), lc = cs.allocateEmulated(c0)
                var out: [(EmulatedFp12, Fp12)] = [
                    (cs.multiply(f, g), x * y), (cs.square(f), x.squared()), (cs.square(g), y.squared()),
                    (cs.multiplyByLine(f, la, lb, lc), x.mulByLine(a0, b0, c0)),
                    (cs.multiplyByNormalizedLine(f, lb, lc), x.mulByNormalizedLine(b0, c0)),
                    (cs.add(f, g), x + y), (cs.subtract(f, g), x - y), (cs.negate(g), -y),
                    (cs.conjugate(f), x.conjugate()),
                    (cs.select(.one, ifTrue: f, ifFalse: g), x), (cs.select(.zero, ifTrue: f, ifFalse: g), y),
                    (cs.emulatedConstant(y), y),
                    (cs.multiply(cs.subtract(f, g), cs.conjugate(g)), (x - y) * y.conjugate()),
                ]
                if let inverse = x.inverse() { out.append((cs.inverse(f), inverse)) }
                return out
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            #expect(cs.hintFailures.isEmpty)
            for (index, (element, expected)) in results.enumerated() {
                #expect(cs.emulatedValue(of: element) == expected, "result \(index) on \(x), \(y)")
            }
        }
    }

    @Test("Frobenius maps p, p², p³ (and p⁶, p⁸) agree with native Fp12, also on unreduced input")
    func frobenius() {
        var rng = SeededGenerator(seed: 122)
        let inputs = [Fp12.random(using: &rng), edgeFp12[2], edgeFp12[3], edgeFp12[1]]
        for x in inputs {
            let (cs, results) = circuit { cs -> [(EmulatedFp12, Fp12)] in
                let f = cs.allocateEmulated(x)
                let unreduced = cs.subtract(cs.add(f, f), f)
                return [1, 2, 3, 6, 8].map { k in (cs.frobenius(f, k), x.frobenius(k)) }
                    + [(cs.frobenius(unreduced, 1), x.frobenius(1))]
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            for (index, (element, expected)) in results.enumerated() {
                #expect(cs.emulatedValue(of: element) == expected, "Frobenius result \(index) on \(x)")
            }
        }
        // The constants were read off the native map: γ_{k,0} = 1 and γ_{2,3} = −1.
        #expect(EmulatedFp12.frobeniusCoefficients.allSatisfy { $0[0] == .one })
        #expect(EmulatedFp12.frobeniusCoefficients[2][3] == -Fp2.one)
    }

    @Test("One wrong value in any hint of a product, square, line product, Frobenius map or inverse breaks the circuit")
    func everyHint() {
        var rng = SeededGenerator(seed: 123)
        let x = Fp12.random(using: &rng), y = Fp12.random(using: &rng)
        let (b, c) = (Fp2.random(using: &rng), Fp2.random(using: &rng))
        let gadgets: [(String, (inout CircuitBuilder) -> Void)] = [
            ("fp12.mul", { cs in _ = cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }),
            ("fp12.square", { cs in _ = cs.square(cs.allocateEmulated(x)) }),
            ("fp12.mulByNormalizedLine", { cs in
                _ = cs.multiplyByNormalizedLine(cs.allocateEmulated(x), cs.allocateEmulated(b), cs.allocateEmulated(c))
            }),
            ("fp12.mulByLine", { cs in
                _ = cs.multiplyByLine(cs.allocateEmulated(x), cs.allocateEmulated(c), cs.allocateEmulated(b),
                                      cs.allocateEmulated(c))
            }),
            ("fp12.frobenius[1]", { cs in _ = cs.frobenius(cs.allocateEmulated(x), 1) }),
            ("fp12.inverse", { cs in _ = cs.inverse(cs.allocateEmulated(x)) }),
        ]
        for (name, body) in gadgets {
            let (cs, _) = circuit(body)
            #expect(cs.check().isSatisfied, "\(name): \(cs.check())")
            let targets = oneVariablePerHint(cs, seed: 124).filter { $0.name.hasPrefix(name + "/") }
            #expect(targets.count >= 10 * 2, "\(name): \(targets.count) hints")
            expectEveryHintChecked(cs, targets, name)
        }
    }

    @Test("A cheating prover's wrong remainder or inverse is refused; the inverse of 0 is unsatisfiable")
    func adversary() {
        var rng = SeededGenerator(seed: 125)
        let x = Fp12.random(using: &rng), y = Fp12.random(using: &rng)
        let (b, c) = (Fp2.random(using: &rng), Fp2.random(using: &rng))
        let cases: [(String, (inout CircuitBuilder) -> Void)] = [
            ("fp12.mul/c5.c1/remainder", { cs in _ = cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }),
            ("fp12.mul/c0.c0/product[11]", { cs in _ = cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }),
            ("fp12.square/c3.c0/remainder", { cs in _ = cs.square(cs.allocateEmulated(x)) }),
            ("fp12.mulByNormalizedLine/c2.c1/remainder", { cs in
                _ = cs.multiplyByNormalizedLine(cs.allocateEmulated(x), cs.allocateEmulated(b), cs.allocateEmulated(c))
            }),
            ("fp12.frobenius[3]/c4/fp2.mulByConstant/c0/remainder", { cs in _ = cs.frobenius(cs.allocateEmulated(x), 3) }),
            ("fp12.frobenius[2]/c1/fp2.mulByConstant/c1/remainder", { cs in _ = cs.frobenius(cs.allocateEmulated(x), 2) }),
        ]
        for (target, body) in cases {
            let (cs, _) = circuit(adversary: forging(target), body)
            #expect(cs.hints.contains { $0.name == target }, "\(target) exists")
            #expect(!cs.check().isSatisfied, "\(target)")
        }
        // A wrong inverse (that of another element), every later hint honest.
        let (wrongInverse, _) = circuit(adversary: { name, values in
            guard name == "fp12.inverse/inverse" else { return values }
            return EmulatedFp12.coefficients(of: y.inverse()!).flatMap {
                EmulatedFp.limbValues(of: Natural($0.c0)) + EmulatedFp.limbValues(of: Natural($0.c1))
            }
        }) { cs in _ = cs.inverse(cs.allocateEmulated(x)) }
        #expect(!wrongInverse.check().isSatisfied)
        let (zero, _) = circuit { cs in _ = cs.inverse(cs.allocateEmulated(Fp12.zero)) }
        #expect(zero.check().failure?.hintFailures.first?.hint == "fp12.inverse/inverse")
        let guess = (0..<48).map { _ in Fr(UInt64.random(in: 0...UInt64.max, using: &rng)) }
        let (lying, _) = circuit(adversary: { name, values in name == "fp12.inverse/inverse" ? guess : values }) { cs in
            _ = cs.inverse(cs.allocateEmulated(Fp12.zero))
        }
        #expect(!lying.check().isSatisfied)
    }

    @Test("Cost: twelve reductions beat Karatsuba over Fp6; stats rows match direct builds")
    func cost() {
        let flat = constraintCount(inputs: 24) { cs, x in _ = cs.multiply(fp12(x, 0), fp12(x, 1)) }
        // Karatsuba over Fp6: three Fp6 products (six reductions each), free additions.
        let karatsuba = constraintCount(inputs: 24) { cs, x in
            let (a0, a1, b0, b1) = (fp6(x, 0), fp6(x, 1), fp6(x, 2), fp6(x, 3))
            let v0 = cs.multiply(a0, b0), v1 = cs.multiply(a1, b1)
            let t = cs.multiply(cs.add(a0, a1), cs.add(b0, b1))
            _ = EmulatedFp12(cs.add(v0, cs.multiplyByV(v1)), cs.subtract(cs.subtract(t, v0), v1))
        }
        #expect(flat < karatsuba, "flat \(flat), Karatsuba \(karatsuba)")
        let stats = RecursionStats.measure()
        #expect(stats["fp12.mul"]?.constraints == flat)
        #expect(stats["fp12.square"]!.constraints < flat)
        #expect(stats["fp12.mulByNormalizedLine"]!.constraints < flat)
        #expect(stats["fp12.mulByLine"]!.constraints < flat)
        let normalized = constraintCount(inputs: 16) { cs, x in _ = cs.multiplyByNormalizedLine(fp12(x, 0), fp2(x, 6), fp2(x, 7)) }
        #expect(stats["fp12.mulByNormalizedLine"]?.constraints == normalized)
        // Frobenius: no product constraints, only reductions (ten for p and p³, eight for p²).
        let reduce = stats["fp.mul"]!.constraints
        #expect(stats["fp12.frobenius1"]!.constraints < 10 * reduce)
        #expect(stats["fp12.frobenius2"]!.constraints < 8 * reduce)
        #expect(stats["fp12.frobenius2"]!.constraints < stats["fp12.frobenius1"]!.constraints)
    }
}

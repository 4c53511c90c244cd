import Testing
import SheafField
import SheafGroth16
@testable import SheafRecursion

/// The results of every gadget on (a, b), with the native answers.
private func checkAllGadgets(_ cs: inout CircuitBuilder, _ a: EmulatedFp, _ b: EmulatedFp,
                             _ x: Fp, _ y: Fp) -> [(String, EmulatedFp, Fp)] {
    var out: [(String, EmulatedFp, Fp)] = [
        ("add", cs.add(a, b), x + y),
        ("subtract", cs.subtract(a, b), x - y),
        ("negate", cs.negate(a), -x),
        ("multiply", cs.multiply(a, b), x * y),
        ("square", cs.square(a), x * x),
        ("byConstant", cs.multiply(a, byConstant: 9), x * Fp(9)),
        ("reduce", cs.reduce(cs.add(a, b)), x + y),
        ("canonical", cs.canonical(cs.add(a, b)), x + y),
    ]
    let one = cs.allocateBit(true), zero = cs.allocateBit(false)
    out.append(("selectTrue", cs.select(one, ifTrue: a, ifFalse: b), x))
    out.append(("selectFalse", cs.select(zero, ifTrue: a, ifFalse: b), y))
    if let inverse = y.inverse() {
        out.append(("inverse", cs.inverse(b), inverse))
        out.append(("divide", cs.divide(a, b), x * inverse))
    }
    cs.assertEqual(cs.add(a, b), cs.add(b, a))
    return out
}

@Suite("Emulated Fp")
struct EmulatedFpTests {
    @Test("Every gadget agrees with native Fp on random inputs")
    func random() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<6 {
            let x = randomFp(&rng), y = randomFp(&rng)
            let (cs, results) = circuit { cs in
                checkAllGadgets(&cs, cs.allocateEmulated(x), cs.allocateEmulated(y), x, y)
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            for (name, element, expected) in results {
                #expect(cs.emulatedValue(of: element) == expected, "\(name)")
            }
        }
    }

    @Test("Edge inputs: 0, 1, 2, p − 1, p − 2, (p − 1)/2 in every pair")
    func edges() {
        for x in edgeValues {
            for y in edgeValues {
                let (cs, results) = circuit { cs in
                    checkAllGadgets(&cs, cs.allocateEmulated(x), cs.allocateEmulated(y), x, y)
                }
                #expect(cs.check().isSatisfied, "\(x) \(y): \(cs.check())")
                for (name, element, expected) in results {
                    #expect(cs.emulatedValue(of: element) == expected, "\(name) on \(x), \(y)")
                }
            }
        }
    }

    @Test("Unreduced inputs up to 2^256 − 1 (p, p + 1, 2^255, 2^256 − p)")
    func unreducedInputs() throws {
        for limbs in unreducedLimbVectors {
            for other in unreducedLimbVectors + [[3, 0, 0, 0]] {
                let x = EmulatedFp.integer(fromLimbValues: limbs.map { Fr($0) }[...]).fp
                let y = EmulatedFp.integer(fromLimbValues: other.map { Fr($0) }[...]).fp
                let (cs, results) = try circuit { cs in
                    checkAllGadgets(&cs, try cs.allocateEmulated(limbs: limbs), try cs.allocateEmulated(limbs: other), x, y)
                }
                #expect(cs.check().isSatisfied, "\(limbs) \(other): \(cs.check())")
                for (name, element, expected) in results {
                    #expect(cs.emulatedValue(of: element) == expected, "\(name) on \(limbs), \(other)")
                }
            }
        }
    }

    @Test("Canonical form: the limbs are exactly the native value's, also for p and 2^256 − 1")
    func canonicalLimbs() throws {
        for limbs in unreducedLimbVectors {
            let (cs, element) = try circuit { cs in cs.canonical(try cs.allocateEmulated(limbs: limbs)) }
            #expect(cs.check().isSatisfied)
            let expected = EmulatedFp.integer(fromLimbValues: limbs.map { Fr($0) }[...]).fp
            #expect(element.limbs.map { cs.value(of: $0) } == EmulatedFp.limbValues(of: Natural(expected)))
        }
    }

    @Test("Maximal overflow: limbs grown to the 124-bit limit by sums and differences still multiply correctly")
    func overflow() {
        var rng = SeededGenerator(seed: 11)
        let x = randomFp(&rng), y = randomFp(&rng)
        let (cs, results) = circuit { cs -> [(EmulatedFp, Fp)] in
            var a = cs.allocateEmulated(x), b = cs.allocateEmulated(y)
            var xv = x, yv = y
            // Doubling adds one bit per step: 64 → 123 bits.
            for _ in 0..<59 {
                a = cs.add(a, a); xv = xv + xv
                b = cs.subtract(b, cs.emulatedConstant(.one)); yv = yv - .one
            }
            #expect(a.limbBits == 123)
            #expect(b.limbBits >= 120 && b.limbBits <= EmulatedFp.maxLimbBits)
            let sum = cs.add(a, b)  // forces a reduction of one operand
            #expect(sum.limbBits <= EmulatedFp.maxLimbBits)
            return [
                (a, xv), (b, yv), (sum, xv + yv),
                (cs.multiply(a, b), xv * yv),
                (cs.square(a), xv * xv),
                (cs.subtract(a, b), xv - yv),
                (cs.inverse(a), xv.inverse()!),
                (cs.multiply(a, byConstant: .max), xv * (Natural(UInt(UInt64.max)).fp)),
            ]
        }
        #expect(cs.check().isSatisfied, "\(cs.check())")
        for (index, (element, expected)) in results.enumerated() {
            #expect(cs.emulatedValue(of: element) == expected, "result \(index)")
        }
    }

    @Test("Equality: congruent representations pass, different values fail")
    func equality() throws {
        var rng = SeededGenerator(seed: 12)
        let x = randomFp(&rng)
        let (good, _) = try circuit { cs in
            // p + 1 against 1, and x + x against 2x.
            cs.assertEqual(try cs.allocateEmulated(limbs: unreducedLimbVectors[2]), cs.emulatedConstant(.one))
            let a = cs.allocateEmulated(x)
            cs.assertEqual(cs.add(a, a), cs.multiply(a, byConstant: 2))
        }
        #expect(good.check().isSatisfied)
        let (bad, _) = circuit { cs in cs.assertEqual(cs.allocateEmulated(x), cs.allocateEmulated(x + .one)) }
        #expect(bad.check().failure?.constraint.label.hasPrefix("fp.equal/carries") == true, "\(bad.check())")
    }

    @Test("Shape mode builds the identical constraint system without calling any hint")
    func shapeDeterminism() throws {
        var rng = SeededGenerator(seed: 13)
        let x = randomFp(&rng), y = randomFp(&rng)
        func body(_ cs: inout CircuitBuilder) -> Void {
            let a = cs.allocateEmulated(x), b = cs.allocateEmulated(y)
            var c = cs.multiply(cs.add(a, b), cs.subtract(a, b))
            for _ in 0..<3 { c = cs.add(c, c) }
            _ = cs.canonical(cs.divide(c, b))
        }
        var shape = CircuitBuilder(publicInputCount: 0, mode: .shape)
        body(&shape)
        let (witness, _) = circuit(body)
        #expect(shape.constraintSystem() == witness.constraintSystem())
        #expect(witness.check().isSatisfied)
    }
}

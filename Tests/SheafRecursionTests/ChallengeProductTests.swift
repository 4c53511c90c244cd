import Testing
import SheafCurve
import SheafField
import SheafGroth16
@testable import SheafRecursion

/// Tower products whose limb products are checked at the lookup challenge
/// (`CircuitBuilder+ChallengeProducts.swift`), against the same products checked
/// at seven fixed points.
@Suite("Products checked at the lookup challenge")
struct ChallengeProductTests {
    /// x·y, x², two line products, an inverse, and a product of selected
    /// elements (whose limbs are not lookup chunks), in one circuit.
    static func towerCircuit(_ x: Fp12, _ y: Fp12, atChallenge: Bool, mode: CircuitBuilder.Mode = .witness,
                             storage: CircuitBuilder.ConstraintStorage = .record,
                             challenge: (@Sendable ([Fr]) -> Fr)? = nil,
                             adversary: (@Sendable (String, [Fr]) -> [Fr])? = nil) -> (CircuitBuilder, [(EmulatedFp12, Fp12)]) {
        var cs = CircuitBuilder(publicInputCount: 0, mode: mode, storage: storage, lookups: testLookups)
        cs.productsAtChallenge = atChallenge
        cs.commitmentChallenge = challenge
        cs.adversary = adversary
        let (b, c) = (Fp2(Fp(3), Fp(5)), Fp2(Fp(7), Fp(11)))
        let f = cs.allocateEmulated(x), g = cs.allocateEmulated(y)
        let lb = cs.allocateEmulated(b), lc = cs.allocateEmulated(c)
        let picked = cs.select(.one, ifTrue: g, ifFalse: f)
        var out: [(EmulatedFp12, Fp12)] = [
            (cs.multiply(f, g), x * y), (cs.square(f), x.squared()),
            (cs.multiplyByNormalizedLine(f, lb, lc), x.mulByNormalizedLine(b, c)),
            (cs.multiplyByLine(g, lc, lb, lc), y.mulByLine(c, b, c)),
            (cs.multiply(cs.subtract(f, g), picked), (x - y) * y),
        ]
        if let inverse = x.inverse() { out.append((cs.inverse(f), inverse)) }
        cs.finalize()
        return (cs, out)
    }

    @Test("Results equal native Fp12 and the circuit is satisfied, recorded and discarded, for fewer constraints")
    func agreementAndCost() {
        var rng = SeededGenerator(seed: 171)
        let inputs = [(Fp12.random(using: &rng), Fp12.random(using: &rng)), (edgeFp12[2], edgeFp12[2]), (edgeFp12[1], edgeFp12[3])]
        for (x, y) in inputs {
            for storage in [CircuitBuilder.ConstraintStorage.record, .discard] {
                let (cs, results) = Self.towerCircuit(x, y, atChallenge: true, storage: storage)
                #expect(cs.check().isSatisfied, "\(cs.check())")
                #expect(cs.hintFailures.isEmpty)
                for (index, (element, expected)) in results.enumerated() {
                    #expect(cs.emulatedValue(of: element) == expected, "result \(index)")
                }
            }
        }
        let (x, y) = inputs[0]
        let fixed = Self.towerCircuit(x, y, atChallenge: false, mode: .shape, storage: .discard).0.constraintCount
        let random = Self.towerCircuit(x, y, atChallenge: true, mode: .shape, storage: .discard).0.constraintCount
        #expect(random * 10 < fixed * 8, "at the challenge \(random), at fixed points \(fixed)")
        // One Fp12 product with 16-bit lookups, as the stats measure it.
        func fp12Product(atChallenge: Bool) -> Int {
            var cs = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: Groth16BatchCircuit.defaultLookups)
            cs.productsAtChallenge = atChallenge
            let v = (0..<24).map { _ in cs.allocateEmulated(Fp.zero) }
            let before = cs.constraintCount
            _ = cs.multiply(fp12(v, 0), fp12(v, 1))
            return cs.constraintCount - before
        }
        let (mulFixed, mulRandom) = (fp12Product(atChallenge: false), fp12Product(atChallenge: true))
        #expect(mulRandom * 10 < mulFixed * 7, "fp12.mul: \(mulRandom) at the challenge, \(mulFixed) at fixed points")
    }

    @Test("Adding 1 to any hinted value, the sums' coefficients included, breaks the circuit and names the hint")
    func everyHint() {
        var rng = SeededGenerator(seed: 172)
        let (cs, _) = Self.towerCircuit(Fp12.random(using: &rng), Fp12.random(using: &rng), atChallenge: true)
        #expect(cs.check().isSatisfied)
        let targets = oneVariablePerHint(cs, seed: 173)
        #expect(targets.filter { $0.name.hasSuffix("/products") }.count >= 12 * 4, "\(targets.count) hints")
        expectEveryHintChecked(cs, targets, "tower products at the challenge")
    }

    @Test("A prover whose sum coefficient is wrong is refused by the check at the challenge, recorded or discarded")
    func forgedCoefficient() {
        var rng = SeededGenerator(seed: 174)
        let (x, y) = (Fp12.random(using: &rng), Fp12.random(using: &rng))
        let target = "fp12.mul/c2.c1/products"
        // The wrong coefficient, compensated in the next one so that the value at
        // 2^64 is unchanged: only the polynomial identity can catch it.
        let shifted: @Sendable (String, [Fr]) -> [Fr] = { name, values in
            guard name == target else { return values }
            var out = values
            out[0] += Fr(UInt64(1) << 32) * Fr(UInt64(1) << 32)
            out[1] -= .one
            return out
        }
        for storage in [CircuitBuilder.ConstraintStorage.record, .discard] {
            let (cs, _) = Self.towerCircuit(x, y, atChallenge: true, storage: storage, adversary: shifted)
            #expect(cs.hints.contains { $0.name == target })
            let failure = cs.check().failure
            #expect(failure?.constraint.label.hasPrefix(target.dropLast("products".count) + "products/") == true,
                    "\(String(describing: failure))")
        }
    }

    @Test("The commitment covers the sums' coefficients and selected operands; the proof verifies from evaluated rows")
    func committedProof() throws {
        var rng = SeededGenerator(seed: 175)
        let (x, y) = (Fp12.random(using: &rng), Fp12.random(using: &rng))
        let (recorded, _) = Self.towerCircuit(x, y, atChallenge: true)
        let system = recorded.constraintSystem()
        let layout = try #require(system.commitment)
        let committed = Set(layout.committedVariables)
        #expect(layout.committedVariables == layout.committedVariables.sorted())
        for hint in recorded.hints where hint.name.hasSuffix("/products") {
            #expect(hint.variables.allSatisfy(committed.contains), "\(hint.name)")
        }
        #expect(recorded.hints.contains { $0.name.hasSuffix("/products") })
        // The selected element's limbs are variables of their own, not chunks.
        let selects = system.constraints.filter { $0.label.hasPrefix("fp.select") || $0.label.contains("/fp.select/") }
        #expect(!selects.isEmpty && selects.allSatisfy { $0.c.terms.contains { committed.contains($0.variable) } })

        let key = try Groth16.insecureSetup(seed: 176) { storage in
            Self.towerCircuit(x, y, atChallenge: true, mode: .shape, storage: storage).0
        }
        #expect(key.commitment?.layout == layout, "the key's commitment layout differs from the recorded system's")
        var builder = Self.towerCircuit(x, y, atChallenge: true, storage: .evaluate,
                                        challenge: Groth16.commitmentChallenge(key: key)).0
        #expect(builder.check().isSatisfied)
        let inputs = Array(builder.witness()[1..<builder.publicInputCount])
        let proof = try Groth16.proveCommitted(key: key, builder: &builder, using: &rng)
        let verifyingKey = try #require(key.committedVerifyingKey)
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: verifyingKey))
    }
}

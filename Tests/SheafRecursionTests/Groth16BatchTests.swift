import Foundation
import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

/// `BatchFixture`'s inner application with ℓ inputs and `count` proofs, each
/// checked by the native verifier first.
func innerApplication(publicInputs ℓ: Int, proofs count: Int, seed: UInt64) throws
    -> (key: VerifyingKey, proofs: [Groth16Proof], inputs: [[Fr]]) {
    let app = try BatchFixture.application(publicInputs: ℓ, proofs: count, seed: seed)
    for (proof, x) in zip(app.proofs, app.inputs) {
        #expect(try Groth16.verify(proof: proof, publicInputs: x, key: app.key))
    }
    return app
}

@Suite("Groth16 batch verification in the circuit", .serialized)
struct Groth16BatchTests {
    @Test("The Poseidon transcript gadget equals the native chain for 1 to 12 elements")
    func transcript() {
        var rng = SeededGenerator(seed: 41)
        for length in [1, 2, 5, 6, 11, 12] {
            let elements = (0..<length).map { _ in Fr.random(using: &rng) }
            var cs = CircuitBuilder(publicInputCount: 0)
            let vars = elements.map { cs.allocate($0) }
            let hash = cs.poseidonTranscript(vars)
            #expect(cs.value(of: hash) == PoseidonTranscript.hash(elements), "length \(length)")
            #expect(cs.check().isSatisfied)
        }
        // Different lengths with the same prefix hash differently.
        #expect(PoseidonTranscript.hash([.one]) != PoseidonTranscript.hash([.one, .zero]))
    }

    @Test("A key's in-circuit hash equals Groth16BatchVerifier.keyHash, and keys differ")
    func keyHash() throws {
        let one = try innerApplication(publicInputs: 1, proofs: 0, seed: 5).key
        let two = try innerApplication(publicInputs: 1, proofs: 0, seed: 6).key
        var cs = CircuitBuilder(publicInputCount: 0)
        let key = cs.allocateEmulatedKey(one, publicInputCount: 1)
        #expect(cs.value(of: key.hash) == Groth16BatchVerifier.keyHash(one))
        #expect(cs.check().isSatisfied)
        #expect(Groth16BatchVerifier.keyHash(one) != Groth16BatchVerifier.keyHash(two))
    }

    @Test("Multi-scalar multiplication equals SheafCurve for mixed widths, including 1-bit and 254-bit scalars")
    func msm() {
        var rng = SeededGenerator(seed: 42)
        let widths = [1, 2, 7, 128, 254]
        let points = widths.map { _ in (G1Jacobian.generator * Fr.random(using: &rng)).affine }
        var scalars = widths.map { bits -> Fr in
            let value = Natural(Fr.random(using: &rng))
            var reduced = Natural.zero
            for i in 0..<min(bits, 253) where value.word(i / 64) >> UInt(i % 64) & 1 == 1 { reduced = reduced + .powerOfTwo(i) }
            return reduced.fr
        }
        scalars[0] = .one
        scalars[4] = Fr.zero - .one  // r − 1 needs all 254 bits
        var expected = G1Jacobian.infinity
        for (p, s) in zip(points, scalars) { expected += G1Jacobian(p) * s }
        var cs = CircuitBuilder(publicInputCount: 0)
        let terms = widths.indices.map { j in
            EmulatedMSMTerm(point: cs.allocateEmulatedG1(x: points[j].x, y: points[j].y), scalar: cs.allocate(scalars[j]), bits: widths[j])
        }
        let sum = cs.multiScalarMultiply(terms)
        let value = cs.emulatedValue(of: sum)
        #expect(G1Affine(x: value.x, y: value.y) == expected.affine)
        #expect(cs.check().isSatisfied)

        // A scalar wider than declared cannot be decomposed.
        var narrow = CircuitBuilder(publicInputCount: 0)
        let term = EmulatedMSMTerm(point: narrow.allocateEmulatedG1(x: points[1].x, y: points[1].y), scalar: narrow.allocate(Fr(4)), bits: 2)
        _ = narrow.multiScalarMultiply([term])
        #expect(narrow.check().failure?.constraint.label.hasSuffix("scalar/recompose") == true)

        // A sum at infinity (s·P + s·(−P)) has no affine form: unsatisfiable, not wrong.
        var zero = CircuitBuilder(publicInputCount: 0)
        let p = zero.allocateEmulatedG1(x: points[2].x, y: points[2].y)
        _ = zero.multiScalarMultiply([EmulatedMSMTerm(point: p, scalar: zero.allocate(Fr(3)), bits: 2),
                                      EmulatedMSMTerm(point: zero.negate(p), scalar: zero.allocate(Fr(3)), bits: 2)])
        #expect(!zero.check().isSatisfied)
    }

    @Test("Batch weights are the canonical low halves; a split of h + r is refused")
    func weights() {
        var rng = SeededGenerator(seed: 43)
        let h = Fr.random(using: &rng)
        var cs = CircuitBuilder(publicInputCount: 0)
        let low = cs.lowHalf(of: cs.allocate(h))
        let n = Natural(h)
        #expect(Natural(cs.value(of: low)) == Natural(words: [n.word(0), n.word(1)]))
        #expect(cs.check().isSatisfied)
        // The prover offers the halves of h + r (another split of the same h when
        // h + r < 2²⁵⁴): the bound on the high half or the low slack refuses it.
        let small = Fr(12345)
        var cheat = CircuitBuilder(publicInputCount: 0)
        cheat.adversary = { name, honest in
            guard name.hasSuffix("split") else { return honest }
            let r = Natural(Fr.zero - .one) + Natural(1)
            let lifted = Natural(small) + r
            let two64 = PoseidonTranscript.twoTo64
            return [Fr(UInt64(lifted.word(0))) + two64 * Fr(UInt64(lifted.word(1))),
                    Fr(UInt64(lifted.word(2))) + two64 * Fr(UInt64(lifted.word(3)))]
        }
        _ = cheat.lowHalf(of: cheat.allocate(small))
        let failure = cheat.check().failure
        #expect(failure != nil)
        #expect(failure?.constraint.label.contains("lowBound") == true || failure?.constraint.label.contains("highBound") == true,
                "\(String(describing: failure))")
    }

    @Test("Out-of-range batches and malformed inputs are refused with typed errors")
    func badInput() throws {
        #expect(throws: RecursionError.emptyBatch) { _ = try Groth16BatchCircuit.distinctKeys(proofs: 0, publicInputs: 1) }
        #expect(throws: RecursionError.tooManyProofs(count: 65, maximum: 64)) {
            _ = try Groth16BatchCircuit.sharedKey(proofs: 65, publicInputs: 1)
        }
        #expect(throws: RecursionError.unsupportedPublicInputCount(key: 0, count: 33, maximum: 32)) {
            _ = try Groth16BatchCircuit.sharedKey(proofs: 1, publicInputs: 33)
        }
        #expect(throws: RecursionError.unknownKey(proof: 1, key: 2)) {
            _ = try Groth16BatchCircuit(publicInputCounts: [1, 1], keyOfProof: [0, 2])
        }
        #expect(throws: RecursionError.unusedKey(1)) { _ = try Groth16BatchCircuit(publicInputCounts: [1, 1], keyOfProof: [0, 0]) }

        let app = try innerApplication(publicInputs: 1, proofs: 1, seed: 7)
        let circuit = try Groth16BatchCircuit.sharedKey(proofs: 1, publicInputs: 1)
        #expect(throws: RecursionError.wrongCount(what: "keys", expected: 1, actual: 2)) {
            _ = try circuit.build(keys: [app.key, app.key], proofs: app.proofs, publicInputs: app.inputs)
        }
        #expect(throws: RecursionError.wrongPublicInputCount(proof: 0, expected: 1, actual: 2)) {
            _ = try circuit.build(keys: [app.key], proofs: app.proofs, publicInputs: [[.one, .one]])
        }
        let other = try innerApplication(publicInputs: 2, proofs: 0, seed: 8).key
        #expect(throws: RecursionError.keyShapeMismatch(key: 0, expected: 1, actual: 2)) {
            _ = try circuit.build(keys: [other], proofs: app.proofs, publicInputs: app.inputs)
        }
        // A key point outside G2: a twist point of the wrong order.
        var bad = app.key
        bad.gamma = twistPointOutsideG2()
        #expect(throws: RecursionError.malformedKey(key: 0, reason: "gamma is not in G2")) {
            _ = try circuit.build(keys: [bad], proofs: app.proofs, publicInputs: app.inputs)
        }
        bad = app.key
        bad.alpha = G1Affine(x: Fp(1), y: Fp(1))
        #expect(throws: RecursionError.malformedKey(key: 0, reason: "alpha is not on the curve")) {
            _ = try circuit.build(keys: [bad], proofs: app.proofs, publicInputs: app.inputs)
        }
        var proof = app.proofs[0]
        proof.c = .infinity
        #expect(throws: RecursionError.pointAtInfinity(proof: 0, what: "C")) {
            _ = try circuit.build(keys: [app.key], proofs: [proof], publicInputs: app.inputs)
        }
        // Inputs that make Σ = IC₀ + x·IC₁ infinity: x = −log(IC₀)/log(IC₁) is
        // unknown for a real key, so build a key with IC₁ = −IC₀.
        bad = app.key
        bad.ic[1] = -bad.ic[0]
        #expect(throws: RecursionError.pointAtInfinity(proof: 0, what: "the input point IC₀ + Σ xⱼ·ICⱼ")) {
            _ = try circuit.build(keys: [bad], proofs: app.proofs, publicInputs: [[.one]])
        }
        for error in [RecursionError.emptyBatch, .malformedKey(key: 3, reason: "beta is not in G2")] {
            #expect(!error.localizedDescription.isEmpty)
        }
    }

    @Test("Two proofs under one key verify in the circuit, and the counts match the shape")
    func sharedKeyBatch() throws {
        let app = try innerApplication(publicInputs: 1, proofs: 2, seed: 11)
        let circuit = try Groth16BatchCircuit.sharedKey(proofs: 2, publicInputs: 1)
        let cs = try circuit.build(keys: [app.key], proofs: app.proofs, publicInputs: app.inputs, storage: .discard)
        #expect(cs.check().isSatisfied, "\(cs.check())")
        #expect(cs.hintFailures.isEmpty)
        #expect(cs.constraintCount == circuit.shape(storage: .discard).constraintCount)
        #expect(circuit.publicInputs(keys: [app.key], publicInputs: app.inputs).count == 3)
    }

    @Test("Proofs under distinct keys with 0 and 2 inputs verify in one check")
    func distinctKeyBatch() throws {
        let first = try innerApplication(publicInputs: 0, proofs: 1, seed: 12)
        let second = try innerApplication(publicInputs: 2, proofs: 1, seed: 13)
        let circuit = try Groth16BatchCircuit(publicInputCounts: [0, 2], keyOfProof: [0, 1])
        let cs = try circuit.build(keys: [first.key, second.key], proofs: first.proofs + second.proofs,
                                   publicInputs: first.inputs + second.inputs, storage: .discard)
        #expect(cs.check().isSatisfied, "\(cs.check())")
    }

    @Test("An invalid proof leaves the batch unsatisfiable: tampered A, wrong input, wrong key, mismatched key hash")
    func invalidBatches() throws {
        let app = try innerApplication(publicInputs: 1, proofs: 2, seed: 21)
        let stranger = try innerApplication(publicInputs: 1, proofs: 1, seed: 22)
        let shared = try Groth16BatchCircuit.sharedKey(proofs: 2, publicInputs: 1)

        func refused(_ cs: CircuitBuilder, _ what: String, label: String) {
            let check = cs.check()
            #expect(!check.isSatisfied, "\(what) was accepted")
            #expect(check.failure?.constraint.label.contains(label) == true, "\(what): \(check)")
        }
        // A tampered A in the second proof (still on the curve).
        var proofs = app.proofs
        proofs[1].a = (G1Jacobian(proofs[1].a) + G1Jacobian.generator).affine
        refused(try shared.build(keys: [app.key], proofs: proofs, publicInputs: app.inputs, storage: .discard),
                "a tampered A", label: "pairingCheck")
        // A wrong public input for the first proof.
        var inputs = app.inputs
        inputs[0][0] += .one
        refused(try shared.build(keys: [app.key], proofs: app.proofs, publicInputs: inputs, storage: .discard),
                "a wrong input", label: "pairingCheck")
        // A proof checked against the wrong key: the stranger's proof under app's key.
        refused(try shared.build(keys: [app.key], proofs: [app.proofs[0], stranger.proofs[0]],
                                 publicInputs: [app.inputs[0], stranger.inputs[0]], storage: .discard),
                "a proof under the wrong key", label: "pairingCheck")
        // A key that does not match its public hash.
        refused(try shared.build(keys: [app.key], proofs: app.proofs, publicInputs: app.inputs,
                                 keyHashes: [Groth16BatchVerifier.keyHash(stranger.key)], storage: .discard),
                "a mismatched key hash", label: "key[0]/hashMatches")
    }

    @Test("A B outside G2 is refused inside the circuit")
    func proofOutsideG2() throws {
        let app = try innerApplication(publicInputs: 1, proofs: 1, seed: 31)
        var proofs = app.proofs
        proofs[0].b = twistPointOutsideG2()
        let circuit = try Groth16BatchCircuit.sharedKey(proofs: 1, publicInputs: 1)
        let cs = try circuit.build(keys: [app.key], proofs: proofs, publicInputs: app.inputs, storage: .record)
        #expect(!cs.check().isSatisfied)
        // The pairing product fails too (B is not the proof's), and its residue
        // constraints come first; the membership equation must fail by itself.
        let witness = cs.witness()
        let violated = cs.constraintSystem().constraints.filter { c in
            c.a.evaluate(witness) * c.b.evaluate(witness) != c.c.evaluate(witness)
        }
        #expect(violated.contains { $0.label.contains("bInG2/proof[0]/") }, "\(violated.prefix(3).map(\.label))")
    }
}

/// A point on the twist that is not in G2 (the twist's group has a large
/// cofactor): the first x = 1, 2, … with a square root on the twist, which is
/// outside G2 with overwhelming probability, as checked.
func twistPointOutsideG2() -> G2Affine {
    var x = Fp2(Fp(1), Fp(0))
    while true {
        if let y = (x * x * x + BN254G2Parameters.b).squareRoot() {
            let point = G2Affine(x: x, y: y)
            if !point.isInSubgroup { return point }
        }
        x = x + Fp2.one
    }
}

/// The complete prove-and-verify of the batch gadget: a commit-and-prove
/// The outer proof end to end (``OuterProof``): a commit-and-prove Groth16
/// proof, under a seeded insecure key, that one inner proof verifies and that
/// its statement is the leaf of the public statement root (about 1.1M
/// constraints with lookups: setup under a minute, proof about 30 s on 2
/// cores). Part of the test suite; `make recursion-prove` runs it alone and
/// prints the time of each step, which docs/benchmarks.md records.
@Suite("Groth16 batch gadget: prove and verify", .serialized)
struct Groth16BatchProveTests {
    @Test("One inner proof: the outer proof verifies on its statement root; a changed root, a swapped statement and an invalid inner proof are refused")
    func proveAndVerifyOuter() throws {
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ what: String) {
            print("recursion-prove[outer, 1]: \(what) in \(start.duration(to: clock.now))")
            start = clock.now
        }
        let app = try innerApplication(publicInputs: 1, proofs: 2, seed: 51)
        let circuit = try OuterCircuit(publicInputCounts: [1], keyOfProof: [0])
        let statements = outerStatements(keys: [app.key], keyOfProof: [0], inputs: [app.inputs[0]])
        let key = try OuterProof.insecureSetup(circuit: circuit, seed: 52)
        lap("insecure setup (\(key.variableCount) variables)")
        // 840,115 constraints and 3 input rows fit 2²⁰ points, the smaller of
        // 2²⁰ and 3·2¹⁹ (outer keys may take the compact domain; 1,090,114
        // constraints took 3·2¹⁹ before G2 membership moved into the Miller loop).
        #expect(key.domainSize == 1 << 20 && key.hQuery.count == (1 << 20) - 1)
        let vk = try #require(key.committedVerifyingKey)
        #expect(vk.g == vk.base.gamma, "outer keys take gamma as the Pedersen base")
        var rng = SeededGenerator(seed: 53)
        // The key "read" on another thread while the witness is built, as the
        // CLI reads a key file: the witness waits for it at the lookup challenge.
        let pending = PendingProvingKey { [key] in
            Thread.sleep(forTimeInterval: 1)
            return key
        }
        var phases = [String]()
        let outer = try OuterProof.prove(circuit: circuit, pendingKey: pending, keys: [app.key], proofs: [app.proofs[0]],
                                         statements: statements, using: &rng) { phases.append($0) }
        lap("witness and proof")
        #expect(phases.first?.hasPrefix("witness (") == true)
        #expect(phases.dropFirst().first?.hasPrefix("proving key, read beside the witness in ") == true)
        #expect(Array(phases.suffix(5)) == Groth16ProverPhase.multiScalarMultiplications.map(\.rawValue))
        #expect(try outer.verify(key: vk))
        lap("verify")
        // The same proof for another statement (the other proof's input) or
        // another application id: another root, refused.
        let other = OuterProof(statements: outerStatements(keys: [app.key], keyOfProof: [0], inputs: [app.inputs[1]]), proof: outer.proof)
        #expect(try !other.verify(key: vk))
        let renamed = OuterStatement(applicationId: Keccak256.hash(Array("someone-else".utf8)), keyHash: statements[0].keyHash,
                                     publicInputs: statements[0].publicInputs)
        #expect(try !OuterProof(statements: [renamed], proof: outer.proof).verify(key: vk))
        // A forged proof: another A.
        var forged = outer.proof
        forged.proof.a = (G1Jacobian(forged.proof.a) + G1Jacobian.generator).affine
        #expect(try !OuterProof(statements: statements, proof: forged).verify(key: vk))
        // An invalid inner proof: the prover refuses before building, naming it.
        var bad = app.proofs[0]
        bad.c = (G1Jacobian(bad.c) + G1Jacobian.generator).affine
        #expect(throws: RecursionError.invalidInnerProof(proof: 0)) {
            _ = try OuterProof.prove(circuit: circuit, key: key, keys: [app.key], proofs: [bad], statements: statements, using: &rng)
        }
    }

    /// Eight proofs under one key (about 3M constraints: a setup of about ten
    /// minutes), opt-in with SHEAF_RECURSION_PROVE_8=1 for issue 15's prover
    /// figures; docs/benchmarks.md records the run.
    @Test("Eight inner proofs under one key (opt-in: SHEAF_RECURSION_PROVE_8=1)",
          .enabled(if: ProcessInfo.processInfo.environment["SHEAF_RECURSION_PROVE_8"] == "1",
                   "a 3M-constraint setup and proof: set SHEAF_RECURSION_PROVE_8=1"))
    func proveAndVerifyEight() throws {
        try Self.proveAndVerify(proofs: 8)
    }

    /// n inner proofs under one key: setup, witness, commit-and-prove proof,
    /// verification on the public inputs and on changed ones, and the prover's
    /// refusal of a tampered residue; prints the time of each step.
    static func proveAndVerify(proofs n: Int) throws {
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ what: String) {
            print("recursion-prove[\(n)]: \(what) in \(start.duration(to: clock.now))")
            start = clock.now
        }
        let app = try innerApplication(publicInputs: 1, proofs: n, seed: 51)
        let circuit = try Groth16BatchCircuit.sharedKey(proofs: n, publicInputs: 1)
        // The key comes first: the witness's lookup challenge is the hash of the
        // commitment made with it.
        let system = circuit.shape().constraintSystem()
        lap("constraint system (\(system.constraints.count) constraints)")
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: 52)
        lap("insecure setup")
        let cs = try circuit.build(keys: [app.key], proofs: app.proofs, publicInputs: app.inputs,
                                   commitmentChallenge: Groth16.commitmentChallenge(key: key))
        var witness = cs.witness()
        #expect(cs.constraintSystem() == system)
        lap("witness")
        var rng = SeededGenerator(seed: 53)
        let proof = try Groth16.proveCommitted(key: key, constraintSystem: system, witness: witness, using: &rng)
        lap("prove")
        let publicInputs = circuit.publicInputs(keys: [app.key], publicInputs: app.inputs)
        #expect(publicInputs == [Groth16BatchVerifier.keyHash(app.key)] + app.inputs.flatMap { $0 })
        let vk = try #require(key.committedVerifyingKey)
        #expect(try Groth16.verify(proof: proof, publicInputs: publicInputs, key: vk))
        var wrongInputs = publicInputs
        wrongInputs[n] += .one
        #expect(try !Groth16.verify(proof: proof, publicInputs: wrongInputs, key: vk))
        lap("verify")
        // A tampered residue witness: the prover refuses.
        let residue = cs.hints.first { $0.name.contains("pairingCheck/residue") }!
        witness[residue.variables.lowerBound] += .one
        #expect(throws: R1CSError.self) {
            _ = try Groth16.proveCommitted(key: key, constraintSystem: system, witness: witness, using: &rng)
        }
    }
}

@Suite("Batch verifier constraint counts")
struct BatchStatsTests {
    @Test("The n = 1 row: 4 pairs, parts that add up, mostly range checks, equal to the circuit's shape")
    func singleProofRow() throws {
        let rows = try RecursionStats.measureBatches(sizes: [1])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.pairs == 4 && row.proofs == 1 && !row.sharedKey)
        #expect(row.parts.map(\.constraints).reduce(0, +) == row.constraints)
        #expect(row.parts.allSatisfy { $0.constraints > 0 }, "\(row.parts)")
        // Lookups: the table is one part, and the whole is under a fifth of the
        // same circuit with bit decomposition (where range checks are 96%).
        #expect(row.parts.first { $0.name == "lookup table" }?.constraints == 65_537)
        let bits = try #require(try RecursionStats.measureBatches(sizes: [1], lookups: nil).first)
        #expect(bits.rangeCheckConstraints * 10 > bits.constraints * 9, "range checks are most of a bit-decomposed batch")
        #expect(row.constraints * 5 < bits.constraints, "\(row.constraints) with lookups, \(bits.constraints) without")
        let circuit = try Groth16BatchCircuit.distinctKeys(proofs: 1, publicInputs: 1)
        #expect(circuit.shape(storage: .discard).constraintCount == row.constraints)
        #expect(circuit.publicInputCount == 2)
    }
}

import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// z = x·y with x and y range-checked by lookups: the public input is z, the
/// challenge is appended by `finalize`.
private func product(x: Fr, y: Fr, bits: Int = 12, chunkBits: Int = 4, mode: CircuitBuilder.Mode = .witness,
                     storage: CircuitBuilder.ConstraintStorage = .record,
                     challenge: (@Sendable ([Fr]) -> Fr)? = nil) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 1, mode: mode, storage: storage,
                            lookups: LookupRangeChecks(chunkBits: chunkBits))
    cs.commitmentChallenge = challenge
    let z = cs.publicInput("z", x * y)
    let xv = cs.allocate(x), yv = cs.allocate(y)
    cs.assertRange(xv, bits: bits, "x")
    cs.assertRange(yv, bits: bits, "y")
    cs.enforce(xv, yv, z, "product")
    cs.finalize()
    return cs
}

/// 2^k as an Fr element (k < 254).
private func two(_ k: Int) -> Fr { Fr.powerOfTwo(k) }

@Suite("Lookup range checks (LogUp) in the circuit builder")
struct LookupRangeCheckTests {
    @Test("Values at the edges of every width: 0 and 2^b − 1 pass, 2^b fails, in both storage modes")
    func edges() {
        for chunkBits in [4, 8] {
            for bits in [1, 3, 4, 8, 13, 16, 64, 67, 200, 253] {
                let lookups = LookupRangeChecks(chunkBits: chunkBits)
                var cases: [(Fr, Bool)] = [(.zero, true), (two(bits) - .one, true), (-Fr.one, false)]
                if bits < 253 { cases.append((two(bits), false)) }
                if bits > 1 { cases.append((two(bits - 1), true)) }
                for (value, expected) in cases {
                    for storage in [CircuitBuilder.ConstraintStorage.record, .discard] {
                        var cs = CircuitBuilder(publicInputCount: 0, storage: storage, lookups: lookups)
                        let x = cs.allocate(value)
                        cs.assertRange(x, bits: bits, "x")
                        cs.finalize()
                        let result = cs.check()
                        #expect(result.isSatisfied == expected, "c = \(chunkBits), \(bits) bits, \(value): \(result)")
                        #expect(cs.constraintCount == lookups.constraintCount(bits: bits) + lookups.tableConstraintCount)
                        if !expected {
                            // Reported at the sum, naming the chunk outside the table.
                            #expect(result.failure?.constraint.label == "lookup/sum")
                            #expect(result.failure?.hintFailures.first?.hint.hasPrefix("x/chunk[") == true)
                        }
                    }
                }
            }
        }
    }

    @Test("Range-checked hints: in range passes, out of range fails, offsets and width 0, in both modes")
    func rangeCheckedHints() {
        let outputs = [RangeCheckedOutput(label: "a", bits: 20), RangeCheckedOutput(label: "carry", bits: 19, offset: Fr(1000)),
                       RangeCheckedOutput(label: "zero", bits: 0)]
        // (a, carry, zero) values, and whether they fit: a < 2^20, −1000 ≤ carry < 2^19 − 1000, zero = 0.
        let cases: [([Fr], Bool)] = [
            ([two(20) - .one, two(19) - Fr(1001), .zero], true),
            ([.zero, -Fr(1000), .zero], true),
            ([two(20), .zero, .zero], false),
            ([.zero, -Fr(1001), .zero], false),
            ([.zero, two(19) - Fr(1000), .zero], false),
        ]
        for lookups in [LookupRangeChecks(chunkBits: 8), nil] {
            for (values, fits) in cases {
                var cs = CircuitBuilder(publicInputCount: 0, lookups: lookups)
                let out = cs.rangeCheckedHint("h", inputs: [], outputs: outputs) { _ in values }
                // The outputs carry the hinted values (zero's is forced to 0 with lookups).
                let sum = cs.allocate(values[0] + values[1])
                cs.enforce(out[0] + out[1], .one, sum, "sum")
                cs.finalize()
                let result = cs.check()
                #expect(result.isSatisfied == fits, "\(lookups == nil ? "bits" : "lookups"), \(values): \(result)")
                if !fits, lookups != nil {
                    #expect(result.failure?.hintFailures.first?.hint.hasPrefix("h") == true
                            || result.failure?.hintFailures.first?.hint.contains("/range/chunk") == true, "\(result)")
                }
            }
        }
        // With lookups a hinted value is its chunks: 20 bits are 3 chunks, no recomposition.
        var cs = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: LookupRangeChecks(chunkBits: 8))
        _ = cs.rangeCheckedHint("h", inputs: [], outputs: [RangeCheckedOutput(label: "a", bits: 20)]) { _ in [.zero] }
        #expect(cs.constraintCount == 3 + 1)  // three chunk queries and the shifted top chunk
        #expect(cs.hints.first?.variables.count == 3)
    }

    @Test("Shape and witness builds give the same system, commitment layout included")
    func shapeMatchesWitness() throws {
        let witness = product(x: Fr(100), y: Fr(4000))
        let shape = product(x: .zero, y: .zero, mode: .shape)
        #expect(witness.check().isSatisfied)
        #expect(witness.constraintSystem() == shape.constraintSystem())
        let layout = try #require(witness.constraintSystem().commitment)
        // Two 12-bit values in 4-bit chunks and the 16 multiplicities.
        #expect(layout.committedVariables.count == 3 + 3 + 16)
        #expect(layout.challengeVariable == 2)
        #expect(witness.publicInputCount == 2)
    }

    @Test("A tampered chunk, multiplicity or inverse leaves the system unsatisfied")
    func tamperedWitness() throws {
        let cs = product(x: Fr(100), y: Fr(4000))
        let system = cs.constraintSystem()
        let honest = cs.witness()
        let layout = try #require(system.commitment)
        for variable in layout.committedVariables + [honest.count - 1] {
            var w = honest
            w[variable] += .one
            #expect(!(try system.isSatisfied(by: w)).isSatisfied, "variable \(variable)")
        }
    }
}

@Suite("Commit-and-prove Groth16 (BSB22)")
struct CommittedGroth16Tests {
    static let key: ProvingKey = {
        let system = product(x: .zero, y: .zero, mode: .shape).constraintSystem()
        return try! Groth16.insecureSetup(constraintSystem: system, seed: 0xC0FFEE)
    }()

    static func proof(x: Fr, y: Fr, seed: UInt64 = 1) throws -> Groth16CommittedProof {
        let cs = product(x: x, y: y, challenge: Groth16.commitmentChallenge(key: key))
        var rng = SeededGenerator(seed: seed)
        return try Groth16.proveCommitted(key: key, constraintSystem: cs.constraintSystem(), witness: cs.witness(),
                                          using: &rng)
    }

    @Test("Evaluated storage keeps only row values: the same rows and h as the recorded system, a proof that verifies, a bad witness refused")
    func evaluatedStorage() throws {
        let challenge = Groth16.commitmentChallenge(key: Self.key)
        let recorded = product(x: Fr(100), y: Fr(4000), challenge: challenge)
        var evaluated = product(x: Fr(100), y: Fr(4000), storage: .evaluate, challenge: challenge)
        #expect(evaluated.check().isSatisfied)
        #expect(evaluated.witness() == recorded.witness() && evaluated.constraintCount == recorded.constraintCount)
        let system = recorded.constraintSystem()
        let (a, b, c) = try QAP.rowEvaluations(constraintSystem: system, witness: recorded.witness())
        var copy = evaluated
        let rows = copy.takeRowEvaluations()
        let m = system.constraintCount
        #expect(rows.a == Array(a[..<m]) && rows.b == Array(b[..<m]) && rows.c == Array(c[..<m]))
        #expect(try QAP.computeH(rows: rows, witness: evaluated.witness(), publicInputCount: evaluated.publicInputCount)
                == QAP.computeH(constraintSystem: system, witness: recorded.witness()))
        var rng = SeededGenerator(seed: 5)
        let proof = try Groth16.proveCommitted(key: Self.key, builder: &evaluated, using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [Fr(400_000)], key: #require(Self.key.committedVerifyingKey)))
        // x outside its 12 bits: the lookup sum fails; the row check refuses to prove.
        var bad = product(x: two(12), y: Fr(3), storage: .evaluate, challenge: challenge)
        #expect(!bad.check().isSatisfied)
        #expect(throws: R1CSError.self) { try Groth16.proveCommitted(key: Self.key, builder: &bad, using: &rng) }
    }

    @Test("An honest proof verifies, and only for its own statement")
    func honest() throws {
        let vk = try #require(Self.key.committedVerifyingKey)
        #expect(vk.publicInputCount == 1)
        let proof = try Self.proof(x: Fr(100), y: Fr(4000))
        #expect(try Groth16.verify(proof: proof, publicInputs: [Fr(400_000)], key: vk))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [Fr(400_001)], key: vk)))
        #expect(throws: Groth16Error.wrongPublicInputCount(expected: 1, got: 2)) {
            try Groth16.verify(proof: proof, publicInputs: [Fr(400_000), Fr(1)], key: vk)
        }
        // The EVM encoding round-trips.
        #expect(try Groth16CommittedProof(evmBytes: proof.evmBytes) == proof)
    }

    @Test("A changed commitment, knowledge proof or a commitment from another proof is rejected")
    func tampered() throws {
        let vk = try #require(Self.key.committedVerifyingKey)
        let proof = try Self.proof(x: Fr(100), y: Fr(4000))
        let other = try Self.proof(x: Fr(200), y: Fr(2000), seed: 2)
        let g = G1Jacobian.generator
        var movedD = proof
        movedD.commitment = (G1Jacobian(proof.commitment) + g).affine
        var movedPi = proof
        movedPi.knowledgeProof = (G1Jacobian(proof.knowledgeProof) + g).affine
        var swapped = proof
        swapped.commitment = other.commitment
        swapped.knowledgeProof = other.knowledgeProof
        for forged in [movedD, movedPi, swapped] {
            #expect(!(try Groth16.verify(proof: forged, publicInputs: [Fr(400_000)], key: vk)))
        }
    }

    @Test("A prover that picks its own challenge is caught by the verifier")
    func ownChallenge() throws {
        let vk = try #require(Self.key.committedVerifyingKey)
        // A satisfying witness under the builder's check-only challenge: the
        // commit-and-prove prover refuses it ...
        let cs = product(x: Fr(100), y: Fr(4000))
        let system = cs.constraintSystem(), witness = cs.witness()
        #expect(throws: Groth16Error.commitmentChallengeMismatch) {
            try Groth16.proveCommitted(key: Self.key, constraintSystem: system, witness: witness)
        }
        // ... and a proof assembled from it by hand does not verify.
        let h = try QAP.computeH(constraintSystem: system, witness: witness)
        let layout = try #require(system.commitment), commitment = try #require(Self.key.commitment)
        let values = layout.committedVariables.map { witness[$0] }
        var rng = SeededGenerator(seed: 3)
        let forged = Groth16CommittedProof(
            proof: Groth16.prove(key: Self.key, witness: witness, h: h, using: &rng),
            commitment: MultiScalarMultiplication.compute(points: commitment.basis, scalars: values).affine,
            knowledgeProof: MultiScalarMultiplication.compute(points: commitment.basisSigma, scalars: values).affine)
        #expect(!(try Groth16.verify(proof: forged, publicInputs: [Fr(400_000)], key: vk)))
    }

    @Test("A streamed setup (the shape counted, then each constraint added into the QAP at τ) gives the recorded setup's key bit for bit")
    func streamedSetup() throws {
        // With lookups: committed variables, a challenge input allocated last.
        let streamed = try Groth16.insecureSetup(seed: 0xC0FFEE) { storage in
            product(x: .zero, y: .zero, mode: .shape, storage: storage)
        }
        #expect(sameKey(streamed, Self.key))
        // Without lookups, a public output allocated after the constraints that
        // read it, and the Pedersen-free path; a different seed differs.
        func circuit(_ storage: CircuitBuilder.ConstraintStorage) -> CircuitBuilder {
            var cs = CircuitBuilder(publicInputCount: 2, mode: .shape, storage: storage)
            let x = cs.publicInput("x", .zero)
            var acc = x
            for k in 0..<40 {
                let y = cs.allocate(.zero)
                cs.enforce(acc + LinearCombination.one * Fr(UInt64(k)), y - x, acc * Fr(3) + y, "step \(k)")
                acc = y
            }
            let out = cs.publicInput("out", .zero)
            cs.enforce(acc, .one, out, "out")
            return cs
        }
        let recorded = try Groth16.insecureSetup(constraintSystem: circuit(.record).constraintSystem(), seed: 8)
        #expect(sameKey(try Groth16.insecureSetup(seed: 8, shape: circuit), recorded))
        #expect(!sameKey(try Groth16.insecureSetup(seed: 9, shape: circuit), recorded))
        // The accumulation is the recorded QAP at any τ, domain padding included.
        let system = circuit(.record).constraintSystem()
        let domain = try QAP.domain(for: system)
        var rng = SeededGenerator(seed: 0x5E7)
        for tau in [Fr(7), Fr.random(using: &rng)] {
            var cs = circuit(.accumulate(CircuitBuilder.QAPPoint(tau: tau, domainSize: domain.size)))
            #expect(cs.takeQAPEvaluation() == (try QAP.evaluate(constraintSystem: system, at: tau)))
        }
    }

    @Test("Plain and committed APIs refuse each other's circuits; out-of-range witnesses are refused")
    func refusals() throws {
        let cs = product(x: Fr(100), y: Fr(4000), challenge: Groth16.commitmentChallenge(key: Self.key))
        #expect(throws: Groth16Error.commitmentRequired) {
            var rng = SeededGenerator(seed: 4)
            _ = try Groth16.prove(key: Self.key, constraintSystem: cs.constraintSystem(), witness: cs.witness(), using: &rng)
        }
        // A plain circuit under the committed prover.
        var plain = CircuitBuilder(publicInputCount: 1)
        let z = plain.publicInput("z", Fr(1))
        plain.enforce(z, .one, .one, "one")
        let plainSystem = plain.constraintSystem()
        let plainKey = try Groth16.insecureSetup(constraintSystem: plainSystem, seed: 5)
        #expect(plainKey.committedVerifyingKey == nil)
        #expect(throws: Groth16Error.commitmentMismatch("the circuit has no lookups")) {
            try Groth16.proveCommitted(key: plainKey, constraintSystem: plainSystem, witness: plain.witness())
        }
        // x = 2^12 is out of range: no proof.
        let bad = product(x: two(12), y: Fr(1), challenge: Groth16.commitmentChallenge(key: Self.key))
        #expect(throws: R1CSError.self) {
            try Groth16.proveCommitted(key: Self.key, constraintSystem: bad.constraintSystem(), witness: bad.witness())
        }
    }

    @Test("The asynchronous plain prover refuses a circuit with lookups too")
    func asyncRefusal() async throws {
        let cs = product(x: Fr(100), y: Fr(4000), challenge: Groth16.commitmentChallenge(key: Self.key))
        let system = cs.constraintSystem(), witness = cs.witness()
        await #expect(throws: Groth16Error.commitmentRequired) {
            var rng = SeededGenerator(seed: 6)
            _ = try await Groth16.prove(key: Self.key, constraintSystem: system, witness: witness, using: &rng) { _ in }
        }
    }

    @Test("Hostile proof bytes get typed errors")
    func hostileBytes() throws {
        let bytes = try Self.proof(x: Fr(3), y: Fr(5)).evmBytes
        #expect(throws: Groth16Error.wrongLength(what: "commit-and-prove Groth16 proof", expected: 384, actual: 256)) {
            try Groth16CommittedProof(evmBytes: Array(bytes[0..<256]))
        }
        var offCurve = bytes
        offCurve[319] ^= 1  // D's y coordinate
        #expect(throws: Groth16Error.self) { try Groth16CommittedProof(evmBytes: offCurve) }
        var outOfField = bytes
        for i in 320..<352 { outOfField[i] = 0xFF }  // π's x ≥ p
        #expect(throws: Groth16Error.coordinateNotInField(field: "knowledgeProof")) {
            try Groth16CommittedProof(evmBytes: outOfField)
        }
    }
}

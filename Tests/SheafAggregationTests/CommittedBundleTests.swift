import Foundation
import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

/// Commit-and-prove (BSB22) proofs of ``ThresholdCircuit`` under one seeded key.
enum CommittedProofs {
    static let circuit = ThresholdCircuit()
    static let provingKey = try! Groth16.insecureSetup(circuit: circuit, seed: 104)
    static let key = provingKey.committedVerifyingKey!

    /// A proof that `value` ≥ `threshold`, with its public inputs.
    static func prove(value: UInt64, threshold: UInt64, seed: UInt64) throws -> (Groth16CommittedProof, [Fr]) {
        var rng = SeededGenerator(seed: seed)
        let witness = ThresholdCircuit.Witness(value: value, salt: Fr.random(using: &rng), threshold: threshold)
        let (system, values) = try circuit.assign(witness, commitmentChallenge: Groth16.commitmentChallenge(key: provingKey))
        let proof = try Groth16.proveCommitted(key: provingKey, constraintSystem: system, witness: values, using: &rng)
        return (proof, [witness.commitment, Fr(witness.threshold)])
    }
}

@Suite("Bundles with commit-and-prove proofs")
struct CommittedBundleTests {
    /// Two plain proofs (one key) and two commit-and-prove proofs (one key).
    func mixedBundle(tamper: Bool = false) throws -> ProofBundle {
        let plain = TrapdoorKey(publicInputs: 2, seed: 31)
        var rng = SeededGenerator(seed: 32)
        var aggregator = Aggregator()
        for (i, x) in [[Fr(1), Fr(2)], [Fr(3), Fr(4)]].enumerated() {
            try aggregator.add(proof: plain.prove(x, using: &rng), publicInputs: x, key: plain.key, applicationID: "plain-\(i)")
        }
        for (i, value) in [UInt64(500), 90_000].enumerated() {
            var (proof, inputs) = try CommittedProofs.prove(value: value, threshold: 100, seed: 40 + UInt64(i))
            if tamper && i == 1 { proof.knowledgeProof = (G1Affine.generator * Fr(5)) }
            try aggregator.add(committedProof: proof, publicInputs: inputs, key: CommittedProofs.key, applicationID: "lookup-\(i)")
        }
        return try aggregator.seal()
    }

    @Test("A mixed bundle verifies, round-trips as version 2 (binary and JSON), and lists its statements in order")
    func roundTrip() throws {
        let bundle = try mixedBundle()
        #expect(try bundle.verify())
        #expect(try bundle.invalidProofs().isEmpty)
        let bytes = BundleCodec.encode(bundle)
        #expect(bytes[6] == 0 && bytes[7] == 2)
        #expect(try BundleCodec.decode(bytes) == bundle)
        #expect(try BundleJSON.decode(BundleJSON.encode(bundle)) == bundle)
        #expect(bundle.manifest.map(\.applicationID) == ["plain-0", "plain-1", "lookup-0", "lookup-1"])
        #expect(bundle.manifest[2].keyHash == CommittedProofs.key.hash)
        let proofs = try bundle.inclusionProofs(forApplication: "lookup-1")
        #expect(proofs.count == 1 && proofs[0].verifies(manifestRoot: bundle.manifestRoot))
        // A plain-only bundle keeps version 1.
        var plainOnly = Aggregator()
        let key = TrapdoorKey(publicInputs: 1, seed: 33)
        var rng = SeededGenerator(seed: 34)
        try plainOnly.add(proof: key.prove([Fr(9)], using: &rng), publicInputs: [Fr(9)], key: key.key, applicationID: "p")
        #expect(BundleCodec.encode(try plainOnly.seal())[7] == 1)
    }

    @Test("A bad commit-and-prove proof fails the bundle and is named; so is one in a child bundle")
    func badProofIsFound() throws {
        let bad = try mixedBundle(tamper: true)
        #expect(!(try bad.verify()))
        #expect(try bad.invalidProofs() == [3])
        var parent = Aggregator()
        let key = TrapdoorKey(publicInputs: 1, seed: 35)
        var rng = SeededGenerator(seed: 36)
        try parent.add(proof: key.prove([Fr(7)], using: &rng), publicInputs: [Fr(7)], key: key.key, applicationID: "top")
        parent.add(child: bad)
        let tree = try parent.seal()
        #expect(!(try tree.verify()))
        #expect(try tree.invalidProofs() == [4])
        var good = Aggregator()
        try good.add(proof: key.prove([Fr(7)], using: &rng), publicInputs: [Fr(7)], key: key.key, applicationID: "top")
        good.add(child: try mixedBundle())
        let goodTree = try good.seal()
        #expect(try goodTree.verify())
        #expect(try BundleCodec.decode(BundleCodec.encode(goodTree)) == goodTree)
    }

    @Test("A commit-and-prove proof checked against another statement fails the bundle")
    func wrongStatement() throws {
        let (proof, inputs) = try CommittedProofs.prove(value: 500, threshold: 100, seed: 50)
        var aggregator = Aggregator()
        try aggregator.add(committedProof: proof, publicInputs: [inputs[0], Fr(101)], key: CommittedProofs.key, applicationID: "x")
        #expect(throws: AggregationError.wrongPublicInputCount(application: "x", expected: 2, got: 1)) {
            try aggregator.add(committedProof: proof, publicInputs: [inputs[0]], key: CommittedProofs.key, applicationID: "x")
        }
        let bundle = try aggregator.seal()
        #expect(!(try bundle.verify()))
        #expect(try bundle.invalidProofs() == [0])
    }

    @Test("Hostile version-2 bytes: flips, truncations, empty sections, degenerate keys, unused keys")
    func hostileBytes() throws {
        let bytes = BundleCodec.encode(try mixedBundle())
        for length in stride(from: 0, to: bytes.count, by: 13) {
            #expect(throws: AggregationError.self) { try BundleCodec.decode(Array(bytes[0..<length])) }
        }
        // Every bit flip in the commit-and-prove section is rejected or fails verification.
        let start = bytes.count - 32 - 4 - 2 * (1 + 8 + 4 + 64 + 384) - 4 - (4 + 64 + 384 + 4 * 64 + 256) - 4
        var rejected = 0, failed = 0
        for bit in stride(from: start * 8, to: (bytes.count - 36) * 8, by: 5) {
            var flipped = bytes
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            do {
                let decoded = try BundleCodec.decode(flipped)
                #expect(!((try? decoded.verify()) ?? false), "bit \(bit) flipped still verifies")
                failed += 1
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 0)
        // The section starts with the key count: 1. Zero keys is not a version-2 bundle.
        #expect(Array(bytes[start..<start + 4]) == [0, 0, 0, 1])
        var empty = bytes; empty[start + 3] = 0
        #expect(throws: AggregationError.invalidEncoding("a version-2 bundle has commit-and-prove keys")) { try BundleCodec.decode(empty) }
        // g at infinity: zeros in place of g.
        let gAt = start + 4 + 4 + 64 + 3 * 128 + 4 * 64
        var degenerate = bytes
        for i in gAt..<gAt + 128 { degenerate[i] = 0 }
        #expect(throws: AggregationError.groth16(.degenerateVerifyingKey(field: "commit-and-prove key 0 g"))) {
            try BundleCodec.decode(degenerate)
        }
        // A version-1 header over a version-2 body leaves bytes unread.
        var v1 = bytes; v1[7] = 1
        #expect(throws: AggregationError.self) { try BundleCodec.decode(v1) }
    }
}

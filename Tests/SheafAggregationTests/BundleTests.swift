import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

/// Three circuits (1, 2 and 3 public inputs) and proofs from several applications.
func sampleBundle(proofsPerKey: Int, seed: UInt64) throws -> (ProofBundle, [TrapdoorKey]) {
    var rng = SeededGenerator(seed: seed)
    let keys = (1...3).map { TrapdoorKey(publicInputs: $0, seed: seed &+ UInt64($0)) }
    var aggregator = Aggregator()
    for (k, key) in keys.enumerated() {
        for i in 0..<proofsPerKey {
            let inputs = (0..<key.key.publicInputCount).map { _ in Fr.random(using: &rng) }
            try aggregator.add(proof: key.prove(inputs, using: &rng), publicInputs: inputs, key: key.key,
                               applicationID: "app-\(k)-\(i)")
        }
    }
    return (try aggregator.seal(), keys)
}

@Suite("Bundles: soundness")
struct BundleSoundnessTests {
    @Test func validMultiCircuitBundleVerifies() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 4, seed: 1)
        #expect(bundle.keys.count == 3 && bundle.proofCount == 12)
        #expect(try bundle.verify())
        #expect(try bundle.invalidProofs().isEmpty)
    }

    @Test func oneInvalidProofAmong1024Fails() throws {
        var rng = SeededGenerator(seed: 2)
        let key = TrapdoorKey(publicInputs: 1, seed: 3)
        var aggregator = Aggregator()
        let bad = 777
        for i in 0..<1024 {
            let inputs = [Fr.random(using: &rng)]
            var proof = key.prove(inputs, using: &rng)
            if i == bad { proof.c = proof.c + G1Affine.generator }
            try aggregator.add(proof: proof, publicInputs: inputs, key: key.key, applicationID: "app-\(i % 17)")
        }
        let bundle = try aggregator.seal()
        #expect(!(try bundle.verify()))
        #expect(try bundle.invalidProofs() == [bad])
    }

    @Test func swappedPublicInputsFail() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 2, seed: 4)
        var entries = bundle.entries
        let first = entries[0].publicInputs
        entries[0].publicInputs = entries[1].publicInputs
        entries[1].publicInputs = first
        #expect(!(try ProofBundle(keys: bundle.keys, entries: entries, children: []).verify()))
    }

    @Test func proofMovedToAnotherCircuitFails() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 2, seed: 5)
        var entries = bundle.entries
        // Entry 2 belongs to key 1 (two inputs); give it key 2's first two... keys
        // with the same input count are needed, so move a proof between two
        // proofs of equal arity under different keys instead.
        let other = TrapdoorKey(publicInputs: 1, seed: 99)
        let keys = bundle.keys + [other.key]
        entries[0].keyIndex = keys.count - 1
        #expect(!(try ProofBundle(keys: keys, entries: entries, children: []).verify()))
    }

    @Test func changedVerifyingKeyFails() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 2, seed: 6)
        var keys = bundle.keys
        keys[1].delta = keys[1].delta + G2Affine.generator
        #expect(!(try ProofBundle(keys: keys, entries: bundle.entries, children: []).verify()))
        keys = bundle.keys
        keys[2].ic[1] = keys[2].ic[1] + G1Affine.generator
        #expect(!(try ProofBundle(keys: keys, entries: bundle.entries, children: []).verify()))
    }

    @Test func nestedBundlesVerifyAndOneBadChildFails() throws {
        let (childA, _) = try sampleBundle(proofsPerKey: 2, seed: 7)
        let (childB, keys) = try sampleBundle(proofsPerKey: 1, seed: 8)
        var rng = SeededGenerator(seed: 9)
        var root = Aggregator()
        root.add(child: childA)
        root.add(child: childB)
        let inputs = [Fr.random(using: &rng)]
        try root.add(proof: keys[0].prove(inputs, using: &rng), publicInputs: inputs, key: keys[0].key, applicationID: "root-app")
        let good = try root.seal()
        #expect(good.proofCount == 6 + 3 + 1 && good.depth == 2)
        #expect(try good.verify())

        var badEntries = childB.entries
        badEntries[0].proof!.a = -badEntries[0].proof!.a
        let badChild = ProofBundle(keys: childB.keys, entries: badEntries, children: [])
        var bad = Aggregator()
        bad.add(child: childA)
        bad.add(child: badChild)
        let badRoot = try bad.seal()
        #expect(!(try badRoot.verify()))
        #expect(try badRoot.invalidProofs() == [6], "manifest index of the bad child's first proof")

        var deeper = Aggregator()
        deeper.add(child: badRoot)
        #expect(!(try deeper.seal().verify()), "a bad grandchild fails the root")
    }

    @Test(.enabled(if: SnarkJSVectors.available, Comment(rawValue: SnarkJSVectors.absentMessage)))
    func realSnarkjsProofsBundleTogether() throws {
        let vectors = try SnarkJSVectors.load()
        #expect(vectors.count == 3)
        var aggregator = Aggregator()
        for v in vectors {
            try aggregator.add(proof: v.proof, publicInputs: v.inputs, key: v.key, applicationID: v.name)
            // Re-randomised copies: new valid proofs of the same statements.
            for i in 0..<3 {
                try aggregator.add(proof: Groth16.rerandomize(v.proof, key: v.key), publicInputs: v.inputs, key: v.key,
                                   applicationID: "\(v.name)-\(i)")
            }
        }
        let bundle = try aggregator.seal()
        #expect(bundle.keys.count == 3 && bundle.proofCount == 12)
        #expect(try bundle.verify())
        #expect(try BundleCodec.decode(BundleCodec.encode(bundle)).verify())
    }
}

@Suite("Bundles: manifest, inclusion proofs and determinism")
struct BundleManifestTests {
    @Test func inclusionProofsVerifyAgainstTheRoot() throws {
        let (child, _) = try sampleBundle(proofsPerKey: 1, seed: 10)
        let (bundle0, keys) = try sampleBundle(proofsPerKey: 2, seed: 11)
        var aggregator = Aggregator()
        for e in bundle0.entries {
            try aggregator.add(proof: e.proof!, publicInputs: e.publicInputs, key: bundle0.keys[e.keyIndex], applicationID: e.applicationID)
        }
        aggregator.add(child: child)
        let bundle = try aggregator.seal()
        #expect(bundle.manifest.count == 9)
        let root = bundle.manifestRoot
        for app in ["app-0-0", "app-2-0"] {
            let proofs = try bundle.inclusionProofs(forApplication: app)
            #expect(proofs.count == 2, "\(app) has one proof in the parent and one in the child")
            for proof in proofs {
                #expect(proof.verifies(manifestRoot: root))
                var forged = proof.statement
                forged.publicInputs[0] += .one
                #expect(!InclusionProof(statement: forged, merklePath: proof.merklePath).verifies(manifestRoot: root))
            }
        }
        _ = keys
    }

    @Test func sealingIsDeterministic() throws {
        let (a, _) = try sampleBundle(proofsPerKey: 3, seed: 12)
        let (b, _) = try sampleBundle(proofsPerKey: 3, seed: 12)
        #expect(BundleCodec.encode(a) == BundleCodec.encode(b))
        #expect(try BundleCodec.decode(BundleCodec.encode(a)) == a)
    }

    @Test func aggregatorRejectsBadInput() throws {
        let key = TrapdoorKey(publicInputs: 2, seed: 13)
        var rng = SeededGenerator(seed: 14)
        var aggregator = Aggregator()
        let proof = key.prove([.one, .one], using: &rng)
        #expect(throws: AggregationError.wrongPublicInputCount(application: "x", expected: 2, got: 1)) {
            try aggregator.add(proof: proof, publicInputs: [.one], key: key.key, applicationID: "x")
        }
        for id in ["", String(repeating: "a", count: 129), "tab\there", "é"] {
            #expect(throws: AggregationError.invalidApplicationID(id)) {
                try aggregator.add(proof: proof, publicInputs: [.one, .one], key: key.key, applicationID: id)
            }
        }
        #expect(throws: AggregationError.emptyBundle) { try Aggregator().seal() }
    }
}

import Foundation
import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import SheafRecursion
import Testing
@testable import SheafAggregation

/// Bundles carrying their outer proof (format version 3), on the real outer
/// proof of Fixtures/outer and the three applications it covers.
@Suite("Bundles carrying an outer proof")
struct OuterBundleTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ path: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(path)) }

    /// The fixture applications' bundle, in Fixtures/outer's order, under `ids`.
    static func bundle(ids: [String] = ["note-spend", "rollup", "wallet-recovery"]) throws -> ProofBundle {
        var aggregator = Aggregator()
        for (name, id) in zip(["note-spend", "rollup", "wallet-recovery"], ids) {
            try aggregator.add(proof: SnarkJS.decodeProof(data(name + "/proof.json")),
                               publicInputs: SnarkJS.decodePublicInputs(data(name + "/public.json")),
                               key: SnarkJS.decodeVerifyingKey(data(name + "/verification_key.json")), applicationID: id)
        }
        return try aggregator.seal()
    }

    static func outer() throws -> (key: CommittedVerifyingKey, proof: Groth16CommittedProof) {
        (try SnarkJS.decodeCommittedVerifyingKey(data("outer/verification_key.json")),
         try SnarkJS.decodeCommittedProof(data("outer/proof.json")))
    }

    @Test("A bundle carries its outer proof through the codec (version 3), and verify checks it with everything else")
    func roundTrip() throws {
        let (key, proof) = try Self.outer()
        let plain = try Self.bundle()
        let carrying = try plain.carrying(outerProof: proof, key: key)
        #expect(carrying.verifyOuterProof() == true && plain.verifyOuterProof() == nil)
        let bytes = BundleCodec.encode(carrying)
        #expect(bytes[6] == 0 && bytes[7] == 3)
        #expect(bytes.count == BundleCodec.encode(plain).count + 768 + 384)
        let decoded = try BundleCodec.decode(bytes)
        #expect(decoded == carrying && decoded.outerProof?.key == key)
        #expect(try decoded.verify())
        #expect(decoded.manifestRoot == plain.manifestRoot && decoded.withoutOuterProof == plain)
        #expect(try BundleJSON.decode(BundleJSON.encode(carrying)) == carrying)
        // The outer proof's statements are Fixtures/outer's.
        let listed = try #require(try JSONSerialization.jsonObject(with: Self.data("outer/statements.json")) as? [String: Any])
        #expect(Hex.encode(OuterStatementTree(decoded.outerStatements).root) == listed["root"] as? String)
    }

    @Test("A proof of other statements is refused on attaching, and a carried proof altered in the file fails verification or decoding")
    func tampering() throws {
        let (key, proof) = try Self.outer()
        // Another application id: another statement root.
        let renamed = try Self.bundle(ids: ["note-spend", "rollup-2", "wallet-recovery"])
        #expect(throws: AggregationError.invalidOuterProof("the outer proof does not verify on this bundle's statements")) {
            try renamed.carrying(outerProof: proof, key: key)
        }
        let bytes = BundleCodec.encode(try Self.bundle().carrying(outerProof: proof, key: key))
        let proofStart = bytes.count - 32 - 4 - 384   // before the child count and the manifest root
        // C replaced by another valid point: decodes, and the bundle no longer verifies.
        var forged = bytes
        forged.replaceSubrange((proofStart + 192)..<(proofStart + 256), with: G1Affine.generator.evmBytes)
        let decoded = try BundleCodec.decode(forged)
        #expect(try !decoded.verify())
        #expect(decoded.verifyOuterProof() == false)
        #expect(try decoded.invalidProofs().isEmpty)   // the inner proofs are fine: the outer proof is what fails
        // D moved off the curve: refused by the decoder.
        var offCurve = bytes
        offCurve[proofStart + 256 + 63] ^= 1
        #expect(throws: AggregationError.self) { try BundleCodec.decode(offCurve) }
        // Truncated inside the outer section.
        #expect(throws: AggregationError.self) { try BundleCodec.decode(Array(bytes[..<(proofStart + 100)])) }
    }

    @Test("Only bundles of plain entries without children carry outer proofs, under outer keys")
    func shapes() throws {
        let (key, proof) = try Self.outer()
        let plain = try Self.bundle()
        var aggregator = Aggregator()
        aggregator.add(child: plain)
        let parent = try aggregator.seal()
        #expect(throws: AggregationError.invalidOuterProof("outer proofs cover bundles of plain Groth16 entries without children")) {
            try parent.carrying(outerProof: proof, key: key)
        }
        let notOuter = CommittedVerifyingKey(base: key.base, g: key.base.delta, gSigmaNeg: key.gSigmaNeg)
        #expect(throws: AggregationError.invalidOuterProof("the outer key's Pedersen base is not γ")) {
            try plain.carrying(outerProof: proof, key: notOuter)
        }
    }
}

/// Bundles padded for a fixed-size outer circuit (`ProofBundle.paddedForOuter`).
@Suite("Bundles padded to a fixed outer size")
struct OuterPaddingTests {
    @Test("Two applications padded to three slots: the last entry repeated, the bundle still verifying and round-tripping")
    func padsByRepeatingTheLastEntry() throws {
        let bundle = try OuterBundleTests.bundle()
        var aggregator = Aggregator()
        for entry in bundle.entries.prefix(2) {
            try aggregator.add(proof: #require(entry.proof), publicInputs: entry.publicInputs, key: bundle.keys[entry.keyIndex],
                               applicationID: entry.applicationID)
        }
        let two = try aggregator.seal()
        let padded = try two.paddedForOuter(slots: 3)
        #expect(padded.entries == two.entries + [two.entries[1]])
        #expect(padded.keys == two.keys)
        #expect(try padded.verify())
        #expect(try BundleCodec.decode(BundleCodec.encode(padded)) == padded)
        #expect(padded.outerStatements == two.outerStatements + [two.outerStatements[1]])
        #expect(padded.manifestRoot != two.manifestRoot)
        // The repeated statement opens from the manifest twice.
        #expect(try padded.inclusionProofs(forApplication: "rollup").count == 2)
        // A size that already fits adds nothing.
        #expect(try bundle.paddedForOuter(slots: 3) == bundle)
    }

    @Test("Padding refuses too many entries, mixed input counts, carried outer proofs and aggregated last proofs")
    func refusals() throws {
        let bundle = try OuterBundleTests.bundle()
        #expect(throws: AggregationError.cannotPadForOuter("3 proofs do not fit 2 slots")) {
            try bundle.paddedForOuter(slots: 2)
        }
        let (mixed, _) = try sampleBundle(proofsPerKey: 1, seed: 91)
        #expect(throws: AggregationError.cannotPadForOuter("a fixed size takes keys of one input count; these take 1, 2, 3")) {
            try mixed.paddedForOuter(slots: 4)
        }
        let (key, proof) = try OuterBundleTests.outer()
        #expect(throws: AggregationError.cannotPadForOuter("the bundle already carries an outer proof")) {
            try bundle.carrying(outerProof: proof, key: key).paddedForOuter(slots: 4)
        }
        let stripped = ProofBundle(keys: bundle.keys, entries: Array(bundle.entries.dropLast()) + [BundleEntry(
            applicationID: "wallet-recovery", keyIndex: 2, publicInputs: bundle.entries[2].publicInputs, proof: nil)], children: [])
        #expect(throws: AggregationError.cannotPadForOuter("wallet-recovery's proof is inside a SnarkPack aggregate")) {
            try stripped.paddedForOuter(slots: 4)
        }
    }
}

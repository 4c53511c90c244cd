import Foundation
import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

@Suite("Bundles with SnarkPack aggregates")
struct SnarkPackBundleTests {
    static let srs = SnarkPackSRS.insecure(maxProofs: 16, seedA: 31, seedB: 32)

    /// Key 0 gets 10 proofs (aggregated at threshold 4), key 1 gets 2 (carried).
    func mixedBundle(seed: UInt64, corrupt: Int? = nil) throws -> SheafAggregation.ProofBundle {
        var rng = SeededGenerator(seed: seed)
        let big = TrapdoorKey(publicInputs: 2, seed: seed &+ 1), small = TrapdoorKey(publicInputs: 1, seed: seed &+ 2)
        var aggregator = Aggregator()
        for i in 0..<10 {
            let x = [Fr.random(using: &rng), Fr.random(using: &rng)]
            var proof = big.prove(x, using: &rng)
            if i == corrupt { proof.a = proof.a + G1Affine.generator }
            try aggregator.add(proof: proof, publicInputs: x, key: big.key, applicationID: "rollup-\(i)")
        }
        for i in 0..<2 {
            let x = [Fr.random(using: &rng)]
            try aggregator.add(proof: small.prove(x, using: &rng), publicInputs: x, key: small.key, applicationID: "wallet-\(i)")
        }
        return try aggregator.seal(snarkPack: Self.srs, threshold: 4)
    }

    @Test func mixedBundleVerifiesInOneCheck() throws {
        let bundle = try mixedBundle(seed: 1)
        #expect(bundle.aggregates.count == 1 && bundle.aggregates[0].proof.proofCount == 10)
        #expect(bundle.entries.filter { $0.proof == nil }.count == 10)
        #expect(try bundle.verify(srs: Self.srs.verifierKey))
        let decoded = try BundleCodec.decode(BundleCodec.encode(bundle))
        #expect(decoded == bundle)
        #expect(try decoded.verify(srs: Self.srs.verifierKey))
        #expect(try bundle.inclusionProofs(forApplication: "rollup-7").first!.verifies(manifestRoot: bundle.manifestRoot))
    }

    @Test func aBadProofInsideTheAggregateFailsTheBundle() throws {
        #expect(!(try mixedBundle(seed: 2, corrupt: 6).verify(srs: Self.srs.verifierKey)))
    }

    @Test func srsMustBeGivenAndMustMatch() throws {
        let bundle = try mixedBundle(seed: 3)
        #expect(throws: AggregationError.missingSRS) { try bundle.verify() }
        let other = SnarkPackSRS.insecure(maxProofs: 2, seedA: 1, seedB: 2).verifierKey
        #expect(throws: AggregationError.srsMismatch) { try bundle.verify(srs: other) }
    }

    @Test func nestedBundleWithAggregatedChildren() throws {
        var root = Aggregator()
        root.add(child: try mixedBundle(seed: 4))
        root.add(child: try mixedBundle(seed: 5))
        let good = try root.seal()
        #expect(good.usesSnarkPack && good.proofCount == 24)
        #expect(try good.verify(srs: Self.srs.verifierKey))
        var bad = Aggregator()
        bad.add(child: try mixedBundle(seed: 4))
        bad.add(child: try mixedBundle(seed: 6, corrupt: 0))
        #expect(!(try bad.seal().verify(srs: Self.srs.verifierKey)))
    }

    @Test func statementsOfAnAggregateCannotBeAltered() throws {
        let bundle = try mixedBundle(seed: 7)
        var entries = bundle.entries
        entries[3].publicInputs[0] += .one
        let altered = SheafAggregation.ProofBundle(keys: bundle.keys, entries: entries, aggregates: bundle.aggregates,
                             srsHash: bundle.srsHash, children: [])
        #expect(!(try altered.verify(srs: Self.srs.verifierKey)))
        entries = bundle.entries
        entries.swapAt(1, 2)
        let reordered = SheafAggregation.ProofBundle(keys: bundle.keys, entries: entries, aggregates: bundle.aggregates,
                               srsHash: bundle.srsHash, children: [])
        #expect(!(try reordered.verify(srs: Self.srs.verifierKey)))
    }

    @Test func randomBitFlipsAreCaught() throws {
        let bytes = BundleCodec.encode(try mixedBundle(seed: 8))
        var rng = SeededGenerator(seed: 9)
        var caught = 0
        let trials = 150
        for _ in 0..<trials {
            var flipped = bytes
            let bit = Int.random(in: 0..<(bytes.count * 8), using: &rng)
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            do {
                let decoded = try BundleCodec.decode(flipped)
                let verified = (try? decoded.verify(srs: Self.srs.verifierKey)) ?? false
                #expect(!verified, "bit \(bit) flipped still verifies")
                if !verified { caught += 1 }
            } catch {  // an AggregationError: decoding is typed
                caught += 1
            }
        }
        #expect(caught == trials)
    }

    @Test func aggregateIsSmallerThanTheProofsForLargeGroups() {
        // 256 raw proofs take 256·256 bytes; the aggregate is logarithmic.
        #expect(BundleCodec.snarkPackSize(proofs: 256) < 256 * 256)
        #expect(BundleCodec.snarkPackSize(proofs: 8192) < BundleCodec.snarkPackSize(proofs: 4096) + 4200)
    }
}

@Suite("Bundle JSON")
struct BundleJSONTests {
    @Test func roundTripsAndSharesValidationWithTheBinaryCodec() throws {
        let srs = SnarkPackBundleTests.srs
        var rng = SeededGenerator(seed: 71)
        let key = TrapdoorKey(publicInputs: 2, seed: 72)
        var child = Aggregator()
        for i in 0..<5 {
            let x = [Fr.random(using: &rng), Fr.random(using: &rng)]
            try child.add(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key, applicationID: "child-\(i)")
        }
        var root = Aggregator()
        let x = [Fr(1), Fr(2)]
        try root.add(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key, applicationID: "root")
        root.add(child: try child.seal(snarkPack: srs, threshold: 4))
        let bundle = try root.seal()
        let json = BundleJSON.encode(bundle)
        let decoded = try BundleJSON.decode(json)
        #expect(decoded == bundle)
        #expect(BundleJSON.encode(decoded) == json, "deterministic")
        #expect(try decoded.verify(srs: srs.verifierKey))

        var text = String(decoding: json, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"root\"", with: "\"r00t\"")
        #expect(throws: AggregationError.manifestRootMismatch) { try BundleJSON.decode(Data(text.utf8)) }
        for bad in ["", "[]", "{\"format\":\"other\"}", "{\"format\":\"sheaf-bundle\",\"version\":9}",
                    "{\"format\":\"sheaf-bundle\",\"version\":1,\"keys\":{}}"] {
            #expect(throws: AggregationError.self) { try BundleJSON.decode(Data(bad.utf8)) }
        }
    }

    /// An object naming a key twice is refused, even when one spelling uses an
    /// escape; the same key in different objects is fine.
    @Test func duplicateObjectKeysAreRejected() throws {
        var rng = SeededGenerator(seed: 75)
        let key = TrapdoorKey(publicInputs: 1, seed: 76)
        var aggregator = Aggregator()
        for i in 0..<2 {
            let x = [Fr(UInt64(i + 3))]
            try aggregator.add(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key, applicationID: "app-\(i)")
        }
        let bundle = try aggregator.seal()
        let text = String(decoding: BundleJSON.encode(bundle), as: UTF8.self)
        #expect(try BundleJSON.decode(Data(text.utf8)) == bundle)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let entries = try #require(objects["entries"] as? [[String: Any]])
        let secondID = try #require(entries[1]["application"] as? String)
        // A second "application" in the first entry: one of the two ids would win silently.
        let firstEntry = "\"application\" : \"app-0\""
        #expect(text.contains(firstEntry))
        for duplicate in ["\"application\" : \"\(secondID)\"", "\"\\u0061pplication\" : \"app-0\""] {
            let doubled = text.replacingOccurrences(of: firstEntry, with: firstEntry + ",\n" + duplicate)
            #expect(throws: AggregationError.invalidEncoding("duplicate key \"application\" in a JSON object")) {
                try BundleJSON.decode(Data(doubled.utf8))
            }
        }
        let topLevel = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 1, \"version\" : 1")
        #expect(topLevel != text)
        #expect(throws: AggregationError.invalidEncoding("duplicate key \"version\" in a JSON object")) {
            try BundleJSON.decode(Data(topLevel.utf8))
        }
    }

    /// Field-level mistakes are reported where they are: an entry's key index
    /// out of range (2³² included, which must not wrap to 0), a public-input count
    /// that does not match the key, a proof of the wrong length.
    @Test func fieldMistakesAreNamed() throws {
        var rng = SeededGenerator(seed: 73)
        let key = TrapdoorKey(publicInputs: 1, seed: 74)
        var aggregator = Aggregator()
        let x = [Fr(3)]
        try aggregator.add(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key, applicationID: "app")
        let json = BundleJSON.encode(try aggregator.seal())
        func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
            var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            var entries = try #require(object["entries"] as? [[String: Any]])
            edit(&entries[0])
            object["entries"] = entries
            return try JSONSerialization.data(withJSONObject: object)
        }
        #expect(throws: AggregationError.keyIndexOutOfRange(1 << 32)) { try BundleJSON.decode(edited { $0["key"] = 1 << 32 }) }
        #expect(throws: AggregationError.keyIndexOutOfRange(-1)) { try BundleJSON.decode(edited { $0["key"] = -1 }) }
        #expect(throws: AggregationError.wrongPublicInputCount(application: "app", expected: 1, got: 2)) {
            try BundleJSON.decode(edited { $0["publicInputs"] = ["3", "4"] })
        }
        #expect(throws: AggregationError.invalidEncoding("entries[0].proof is 255 bytes; expected 256")) {
            try BundleJSON.decode(edited { $0["proof"] = "0x" + String(repeating: "00", count: 255) })
        }
    }
}

import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

@Suite("Bundle codec: hostile bytes")
struct BundleCodecTests {
    func smallBundle() throws -> ProofBundle {
        let key = TrapdoorKey(publicInputs: 1, seed: 21)
        var rng = SeededGenerator(seed: 22)
        var aggregator = Aggregator()
        let inputs = [Fr(5)]
        try aggregator.add(proof: key.prove(inputs, using: &rng), publicInputs: inputs, key: key.key, applicationID: "a")
        return try aggregator.seal()
    }

    /// Every single-bit flip of a one-proof bundle is either rejected by the
    /// decoder with a typed error or decodes to a bundle that fails verification.
    /// (With the manifest root in the encoding, in practice the decoder catches
    /// them all: points leave the curve, and any other change alters the root.)
    @Test func everySingleBitFlipIsCaught() throws {
        let bundle = try smallBundle()
        let bytes = BundleCodec.encode(bundle)
        var rejected = 0, failedVerification = 0
        for bit in 0..<(bytes.count * 8) {
            var flipped = bytes
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            do {
                let decoded = try BundleCodec.decode(flipped)
                #expect(!((try? decoded.verify()) ?? false), "bit \(bit) flipped still verifies")
                failedVerification += 1
            } catch is AggregationError {
                rejected += 1
            }
        }
        #expect(rejected + failedVerification == bytes.count * 8)
        #expect(rejected > 0)
    }

    @Test func truncationsAndGarbageAreTypedErrors() throws {
        let bytes = BundleCodec.encode(try smallBundle())
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: AggregationError.self) { try BundleCodec.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: AggregationError.trailingBytes(1)) { try BundleCodec.decode(bytes + [0]) }
        #expect(throws: AggregationError.badMagic) { try BundleCodec.decode(Array("NOTABUNDLE".utf8)) }
        var version = bytes; version[7] = 9
        #expect(throws: AggregationError.unsupportedVersion(9)) { try BundleCodec.decode(version) }
        // A huge entry count must be refused before anything is allocated.
        var huge = Array(bytes[0..<8]) + [0, 0, 0, 0] + [0xff, 0xff, 0xff, 0xff]
        huge += [UInt8](repeating: 0, count: 64)
        #expect(throws: AggregationError.limitExceeded(what: "entry count", limit: BundleCodec.Limits.maxEntries)) {
            try BundleCodec.decode(huge)
        }
        var rng = SeededGenerator(seed: 23)
        for _ in 0..<200 {
            let noise = (0..<Int.random(in: 0..<600, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(throws: AggregationError.self) { try BundleCodec.decode(Array("SHEAFB".utf8) + [0, 1] + noise) }
        }
    }

    /// The encoding is canonical: a bundle whose keys are listed out of first-use
    /// order, or that carries a key no entry uses, is rejected even though its
    /// manifest root is right.
    @Test func keyOrderAndUnusedKeysAreRejected() throws {
        let k0 = TrapdoorKey(publicInputs: 1, seed: 31), k1 = TrapdoorKey(publicInputs: 2, seed: 32)
        var rng = SeededGenerator(seed: 33)
        let x0 = [Fr(7)], x1 = [Fr(8), Fr(9)]
        let p0 = k0.prove(x0, using: &rng), p1 = k1.prove(x1, using: &rng)
        let e0 = BundleEntry(applicationID: "zero", keyIndex: 0, publicInputs: x0, proof: p0)
        let e1 = BundleEntry(applicationID: "one", keyIndex: 1, publicInputs: x1, proof: p1)

        let canonical = ProofBundle(keys: [k0.key, k1.key], entries: [e0, e1], children: [])
        #expect(try BundleCodec.decode(BundleCodec.encode(canonical)).verify())

        // The same statements with the key list swapped: valid proofs, right
        // root, but not the one encoding.
        var s0 = e0; s0.keyIndex = 1
        var s1 = e1; s1.keyIndex = 0
        let swapped = ProofBundle(keys: [k1.key, k0.key], entries: [s0, s1], children: [])
        #expect(try swapped.verify(), "the swapped bundle is itself valid")
        #expect(throws: AggregationError.invalidEncoding(
            "entry 0 uses key 1 before key 0: keys must be listed in order of first use")) {
            try BundleCodec.decode(BundleCodec.encode(swapped))
        }

        let unused = ProofBundle(keys: [k0.key, k1.key], entries: [e0], children: [])
        #expect(throws: AggregationError.invalidEncoding("key 1 is not used by any entry")) {
            try BundleCodec.decode(BundleCodec.encode(unused))
        }
    }
}

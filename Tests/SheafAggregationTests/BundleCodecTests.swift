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
            } catch {  // an AggregationError: decoding is typed
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

    /// A key listed twice gives a second encoding of the same statements (same
    /// manifest root, different bytes), so the decoder refuses it.
    @Test func aRepeatedKeyIsRejected() throws {
        let k0 = TrapdoorKey(publicInputs: 1, seed: 41)
        var rng = SeededGenerator(seed: 42)
        let x0 = [Fr(3)], x1 = [Fr(4)]
        let e0 = BundleEntry(applicationID: "zero", keyIndex: 0, publicInputs: x0, proof: k0.prove(x0, using: &rng))
        var e1 = BundleEntry(applicationID: "one", keyIndex: 0, publicInputs: x1, proof: k0.prove(x1, using: &rng))
        let canonical = ProofBundle(keys: [k0.key], entries: [e0, e1], children: [])
        e1.keyIndex = 1
        let doubled = ProofBundle(keys: [k0.key, k0.key], entries: [e0, e1], children: [])
        #expect(try doubled.verify(), "the doubled bundle's proofs are valid")
        #expect(doubled.manifestRoot == canonical.manifestRoot)
        #expect(BundleCodec.encode(doubled) != BundleCodec.encode(canonical))
        #expect(try BundleCodec.decode(BundleCodec.encode(canonical)) == canonical)
        #expect(throws: AggregationError.invalidEncoding("key 1 repeats key 0 (same key hash): each key is listed once")) {
            try BundleCodec.decode(BundleCodec.encode(doubled))
        }
        // The JSON form shares the binary decoder, so it refuses it too.
        #expect(throws: AggregationError.invalidEncoding("key 1 repeats key 0 (same key hash): each key is listed once")) {
            try BundleJSON.decode(BundleJSON.encode(doubled))
        }
    }

    /// With γ at infinity the input commitment drops out of the pairing check, so
    /// (α, β, ∞) "proves" any statement. Keys with α, β, γ or δ at infinity are
    /// refused by the decoder (binary and JSON alike).
    @Test func keysWithAPointAtInfinityAreRejected() throws {
        let good = TrapdoorKey(publicInputs: 1, seed: 51).key
        var degenerate = good
        degenerate.gamma = .infinity
        let forged = Groth16Proof(a: degenerate.alpha, b: degenerate.beta, c: .infinity)
        let entry = BundleEntry(applicationID: "forged", keyIndex: 0, publicInputs: [Fr(12345)], proof: forged)
        let bundle = ProofBundle(keys: [degenerate], entries: [entry], children: [])
        #expect(try bundle.verify(), "the forgery verifies under the degenerate key")
        #expect(throws: AggregationError.groth16(.degenerateVerifyingKey(field: "key 0 gamma"))) {
            try BundleCodec.decode(BundleCodec.encode(bundle))
        }
        #expect(throws: AggregationError.groth16(.degenerateVerifyingKey(field: "key 0 gamma"))) {
            try BundleJSON.decode(BundleJSON.encode(bundle))
        }
        for point in VerifyingKey.FixedPoint.allCases {
            var key = good
            switch point {
            case .alpha: key.alpha = .infinity
            case .beta: key.beta = .infinity
            case .gamma: key.gamma = .infinity
            case .delta: key.delta = .infinity
            }
            let b = ProofBundle(keys: [key], entries: [entry], children: [])
            #expect(throws: AggregationError.groth16(.degenerateVerifyingKey(field: "key 0 \(point.rawValue)"))) {
                try BundleCodec.decode(BundleCodec.encode(b))
            }
        }
    }
}

import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafHash

/// The SRS file: round trip, corruption, and degenerate secrets.
@Suite("SRS codec: hostile bytes")
struct SRSCodecTests {
    /// Re-seals a modified body with a fresh content hash, so that the checks
    /// behind the hash are reached.
    func resealed(_ bytes: [UInt8], _ edit: (inout [UInt8]) -> Void) -> [UInt8] {
        var body = Array(bytes.dropLast(32))
        edit(&body)
        return body + Keccak256.hash(body)
    }

    @Test func roundTripsAndRejectsCorruption() throws {
        let srs = SnarkPackSRS.insecure(maxProofs: 4, seedA: 41, seedB: 42)
        let bytes = SRSCodec.encode(srs)
        #expect(bytes.count == 47 + 512 * 4)
        let decoded = try SRSCodec.decode(bytes)
        #expect(decoded.verifierKey.hash == srs.verifierKey.hash && decoded.isInsecure)

        var flipped = bytes; flipped[100] ^= 1
        #expect(throws: AggregationError.invalidEncoding("SRS content hash does not match (corrupted file)")) {
            try SRSCodec.decode(flipped)
        }
        #expect(throws: AggregationError.truncated("SRS header")) { try SRSCodec.decode(Array(bytes.prefix(46))) }
        #expect(throws: AggregationError.self) { try SRSCodec.decode(Array(bytes.dropLast(64))) }
        #expect(throws: AggregationError.trailingBytes(64)) {
            try SRSCodec.decode(resealed(bytes) { $0 += [UInt8](repeating: 0, count: 64) })
        }
        #expect(throws: AggregationError.invalidEncoding("SRS flags 0x3 set unknown bits")) {
            try SRSCodec.decode(resealed(bytes) { $0[10] = 3 })
        }
        #expect(throws: AggregationError.unsupportedVersion(2)) {
            try SRSCodec.decode(resealed(bytes) { $0[9] = 2 })
        }
        // A point moved off the curve, behind a valid hash.
        #expect(throws: AggregationError.self) { try SRSCodec.decode(resealed(bytes) { $0[15 + 64 + 63] ^= 1 }) }
    }

    /// Powers that are consistent but of a degenerate secret (a = b, a = 1)
    /// would make SnarkPack's two commitment keys collapse; they are rejected.
    @Test func degenerateSecretsAreRejected() throws {
        var rng = SeededGenerator(seed: 43)
        let same = SnarkPackSRS.insecure(maxProofs: 4, seedA: 44, seedB: 44)
        #expect(!same.isWellFormed(using: &rng), "a = b")
        #expect(throws: AggregationError.invalidEncoding("SRS powers are inconsistent (the pairing checks fail)")) {
            try SRSCodec.decode(SRSCodec.encode(same))
        }
        let g = G1Affine.generator, h = G2Affine.generator
        let good = SnarkPackSRS.insecure(maxProofs: 4, seedA: 45, seedB: 46)
        #expect(good.isWellFormed(using: &rng))
        let one = SnarkPackSRS(gAlphaPowers: [G1Affine](repeating: g, count: 8), gBetaPowers: good.gBetaPowers,
                               hAlphaPowers: [G2Affine](repeating: h, count: 4), hBetaPowers: good.hBetaPowers, isInsecure: true)
        #expect(!one.isWellFormed(using: &rng), "a = 1")
    }
}

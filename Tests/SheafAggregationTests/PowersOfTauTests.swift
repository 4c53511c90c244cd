import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

@Suite("Powers of tau from snarkjs .ptau files")
struct PowersOfTauTests {
    func bytes(_ hex: String) -> [UInt8] {
        let d = Array(hex.utf8)
        return stride(from: 0, to: d.count, by: 2).map { UInt8(String(decoding: d[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
    func fp(_ s: String) -> Fp { try! Fp(decimal: s) }

    @Test func readsPyEccWrittenFilesExactly() throws {
        let first = try PowersOfTau(bytes: bytes(PtauVectors.firstHex))
        #expect(first.power == 2 && first.tauG1.count == 7 && first.tauG2.count == 4)
        #expect(first.tauG1[0] == .generator && first.tauG2[0] == .generator)
        let (x, y) = PtauVectors.firstTauG1
        #expect(first.tauG1[1] == G1Affine(x: fp(x), y: fp(y)))
        let (x0, x1, y0, y1) = PtauVectors.firstTauG2
        #expect(first.tauG2[1] == G2Affine(x: Fp2(fp(x0), fp(x1)), y: Fp2(fp(y0), fp(y1))))
        #expect(first.tauG1[1] == G1Affine.generator * Fr(1_234_567), "τ = 1234567 in the generator script")
    }

    @Test func twoCeremoniesMakeAWorkingSRS() throws {
        let first = try PowersOfTau(bytes: bytes(PtauVectors.firstHex))
        let second = try PowersOfTau(bytes: bytes(PtauVectors.secondHex))
        let srs = try SnarkPackSRS.fromCeremonies(first, second, maxProofs: 2)
        #expect(!srs.isInsecure)
        let key = InsecureTrapdoorKey(publicInputs: 1, seed: 3)
        var rng = SeededGenerator(seed: 4)
        let inputs = [[Fr(1)], [Fr(2)]]
        let proofs = inputs.map { key.prove($0, using: &rng) }
        let aggregate = try SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: key.key, srs: srs)
        #expect(try SnarkPack.verify(proof: aggregate, publicInputs: inputs, key: key.key, verifierKey: srs.verifierKey))
        #expect(throws: SnarkPackError.self) { try SnarkPackSRS.fromCeremonies(first, second, maxProofs: 4) }
        #expect(throws: AggregationError.self) { try SnarkPackSRS.fromCeremonies(first, first, maxProofs: 2) }
    }

    @Test func hostileFilesAreTypedErrors() throws {
        let good = bytes(PtauVectors.firstHex)
        var badMagic = good; badMagic[0] = UInt8(ascii: "x")
        var wrongPrime = good; wrongPrime[12 + 12 + 4 + 1] ^= 1           // a byte of q in the header
        var offCurve = good; offCurve[good.count - 1] ^= 1                // last byte of the last G2 point
        let headerEnd = 12 + 12 + 44                                      // container + section header + header data
        var coordinateTooBig = good
        for i in 0..<32 { coordinateTooBig[headerEnd + 12 + 64 + i] = 0xff }   // tauG1[1].x
        var tauG1Point = good; tauG1Point[headerEnd + 12 + 64] ^= 1            // perturb tauG1[1].x
        for (name, file) in [("magic", badMagic), ("prime", wrongPrime), ("off-curve G2", offCurve),
                             ("coordinate ≥ q", coordinateTooBig), ("off-curve G1", tauG1Point),
                             ("truncated", Array(good.prefix(good.count - 10))), ("empty", [UInt8]())] {
            #expect(throws: AggregationError.self, "\(name)") { try PowersOfTau(bytes: file) }
        }
        // A nonsensical number of powers to keep is a typed error, not a crash.
        for maxG2 in [-4, 0, SRSCodec.maxProofsLimit + 1] {
            #expect(throws: AggregationError.self, "maxG2 \(maxG2)") { try PowersOfTau(bytes: good, maxG2: maxG2) }
        }
    }
}

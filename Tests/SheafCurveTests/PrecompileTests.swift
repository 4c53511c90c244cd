import Testing
@testable import SheafCurve
import SheafField

@Suite("EVM precompiles: go-ethereum suites", .enabled(if: SharedVectors.available, Comment(rawValue: SharedVectors.absentMessage)))
struct PrecompileVectorTests {
    func run(_ file: String, expectedCount: Int, _ precompile: ([UInt8]) throws -> [UInt8]) throws {
        let cases = try SharedVectors.precompileCases(file)
        #expect(cases.count == expectedCount, "\(file) holds \(expectedCount) cases")
        for c in cases {
            #expect(try precompile(c.input) == c.expected, "\(file): \(c.name)")
        }
    }

    @Test func ecAdd() throws { try run("bn256Add.json", expectedCount: 16, EVMPrecompiles.ecAdd) }
    @Test func ecMul() throws { try run("bn256ScalarMul.json", expectedCount: 19, EVMPrecompiles.ecMul) }
    @Test func ecPairing() throws { try run("bn256Pairing.json", expectedCount: 14, EVMPrecompiles.ecPairing) }
}

@Suite("EVM precompiles: error cases")
struct PrecompileErrorTests {
    let g1 = G1Affine.generator.evmBytes
    let g2 = G2Affine.generator.evmBytes
    let pBytes = Limbs.bigEndianBytes(Fp.modulus)

    @Test func pairingRejectsLengthsNotMultipleOf192() throws {
        for length in [1, 64, 191, 193, 383] {
            #expect(throws: PrecompileError.invalidInputLength(precompile: "ecPairing", length: length)) {
                try EVMPrecompiles.ecPairing([UInt8](repeating: 0, count: length))
            }
        }
        #expect(try EVMPrecompiles.ecPairing([]).last == 1, "the empty product is 1")
    }

    @Test func coordinatesNotBelowPAreRejected() {
        let badG1 = pBytes + g1[32..<64]
        #expect(throws: PrecompileError.invalidPoint(precompile: "ecAdd", index: 0, reason: .coordinateNotInField("G1 point"))) {
            try EVMPrecompiles.ecAdd(badG1 + g1)
        }
        #expect(throws: PrecompileError.invalidPoint(precompile: "ecMul", index: 0, reason: .coordinateNotInField("G1 point"))) {
            try EVMPrecompiles.ecMul(badG1 + [UInt8](repeating: 1, count: 32))
        }
        for word in 0..<4 {
            var badG2 = g2
            badG2.replaceSubrange(word * 32..<word * 32 + 32, with: pBytes)
            #expect(throws: PrecompileError.invalidPoint(precompile: "ecPairing", index: 1, reason: .coordinateNotInField("G2 point"))) {
                try EVMPrecompiles.ecPairing(g1 + badG2)
            }
        }
    }

    @Test func pointsOffTheCurveAreRejected() {
        var offCurve = g1; offCurve[63] ^= 1
        #expect(throws: PrecompileError.invalidPoint(precompile: "ecAdd", index: 1, reason: .notOnCurve("G1"))) {
            try EVMPrecompiles.ecAdd(g1 + offCurve)
        }
        var offTwist = g2; offTwist[127] ^= 1
        #expect(throws: PrecompileError.invalidPoint(precompile: "ecPairing", index: 1, reason: .notOnCurve("G2"))) {
            try EVMPrecompiles.ecPairing(g1 + offTwist)
        }
    }

    @Test func g2OutsideTheSubgroupIsRejected() throws {
        var rng = SeededGenerator(seed: 41)
        var q: G2Affine? = nil
        while q == nil {
            let x = Fp2.random(using: &rng)
            if let y = (x.squared() * x + BN254G2Parameters.b).squareRoot() { q = G2Affine(x: x, y: y) }
        }
        #expect(q!.isOnCurve)
        #expect(throws: PrecompileError.invalidPoint(precompile: "ecPairing", index: 1, reason: .notInSubgroup("G2"))) {
            try EVMPrecompiles.ecPairing(g1 + q!.evmBytes)
        }
    }

    @Test func shortInputsArePaddedAndLongInputsTruncated() throws {
        // ecAdd(G, ∞) with the trailing zeros omitted equals G.
        #expect(try EVMPrecompiles.ecAdd(g1) == g1)
        #expect(try EVMPrecompiles.ecAdd(g1 + g1 + [1, 2, 3]) == (G1Affine.generator + G1Affine.generator).evmBytes)
        // ecMul by a scalar ≥ r acts modulo r: (r + 2)·G = 2·G.
        let rPlusTwo = Limbs.bigEndianBytes(Limbs.add(Fr.modulus, (2, 0, 0, 0)).0)
        #expect(try EVMPrecompiles.ecMul(g1 + rPlusTwo) == (G1Affine.generator * Fr(2)).evmBytes)
    }

    @Test func encodingsRoundTrip() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<5 {
            let p = G1Affine.generator * Fr.random(using: &rng)
            let q = G2Affine.generator * Fr.random(using: &rng)
            #expect(try G1Affine(evmBytes: p.evmBytes) == p)
            #expect(try G2Affine(evmBytes: q.evmBytes) == q)
        }
        #expect(throws: CurveError.wrongLength(what: "G2 point", expected: 128, actual: 127)) {
            try G2Affine(evmBytes: [UInt8](repeating: 0, count: 127))
        }
    }
}

import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// The single-proof verifier against proofs forged from a known trapdoor, whose
/// validity is decided by Fr arithmetic alone.
@Suite("Groth16 verifier")
struct VerifierTests {
    // 17 inputs: above PreparedVerifyingKey.maximumTabulatedInputs, so the
    // prepared key has no fixed-base tables and Σ comes from the MSM.
    @Test(arguments: [0, 1, 3, 6, 17])
    func forgedValidProofsVerifyAndInvalidOnesFail(inputCount: Int) throws {
        var rng = SeededGenerator(seed: 100 + UInt64(inputCount))
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: inputCount, using: &rng)
        for _ in 0..<2 {
            let inputs = trapdoor.randomInputs(using: &rng)
            let valid = trapdoor.validProof(for: inputs, using: &rng)
            #expect(try Groth16.verify(proof: valid, publicInputs: inputs, key: trapdoor.prepared))
            #expect(try Groth16.verify(proof: valid, publicInputs: inputs, key: trapdoor.key))

            let invalid = trapdoor.invalidProof(for: inputs, using: &rng)
            #expect(try !Groth16.verify(proof: invalid, publicInputs: inputs, key: trapdoor.prepared))
            #expect(try !Groth16.verify(proof: invalid, publicInputs: inputs, key: trapdoor.key))

            // The valid proof for other inputs (each one changed in turn).
            for i in inputs.indices {
                var other = inputs
                other[i] += .one
                #expect(try !Groth16.verify(proof: valid, publicInputs: other, key: trapdoor.prepared))
                #expect(try !Groth16.verify(proof: valid, publicInputs: other, key: trapdoor.key))
            }
        }
    }

    /// The prepared key's fixed-base tables and the plain MSM give the same Σ.
    @Test func tabulatedInputCommitmentMatchesMSM() {
        var rng = SeededGenerator(seed: 120)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 4, using: &rng)
        #expect(trapdoor.prepared.inputTables.count == 4)
        let edges: [[Fr]] = [[.zero, .one, -Fr.one, Fr(16)], [.zero, .zero, .zero, .zero]]
        for inputs in edges + (0..<5).map({ _ in trapdoor.randomInputs(using: &rng) }) {
            #expect(Groth16.inputCommitment(trapdoor.prepared, inputs: inputs)
                    == Groth16.inputCommitment(ic: trapdoor.key.ic, inputs: inputs))
        }
        let wide = TestSupportTrapdoorKey(publicInputCount: PreparedVerifyingKey.maximumTabulatedInputs + 1, using: &rng)
        #expect(wide.prepared.inputTables.isEmpty)
    }

    @Test func inputsEqualToZeroAndOneAreHandled() throws {
        // Σ skips zero inputs and adds ic[i] for inputs equal to one; both paths
        // must agree with the trapdoor arithmetic.
        var rng = SeededGenerator(seed: 110)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 4, using: &rng)
        let inputs: [Fr] = [.zero, .one, .zero, Fr(2)]
        let proof = trapdoor.validProof(for: inputs, using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: trapdoor.prepared))
        #expect(try !Groth16.verify(proof: proof, publicInputs: [.one, .one, .zero, Fr(2)], key: trapdoor.prepared))
    }

    @Test func everyProofPointMatters() throws {
        var rng = SeededGenerator(seed: 111)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        let inputs = trapdoor.randomInputs(using: &rng)
        let proof = trapdoor.validProof(for: inputs, using: &rng)
        var swapped = proof
        swapped.a = proof.c; swapped.c = proof.a
        var negatedB = proof
        negatedB.b = -proof.b
        var infiniteA = proof
        infiniteA.a = .infinity
        for bad in [swapped, negatedB, infiniteA] {
            #expect(try !Groth16.verify(proof: bad, publicInputs: inputs, key: trapdoor.prepared))
            #expect(try !Groth16.verify(proof: bad, publicInputs: inputs, key: trapdoor.key))
        }
    }

    @Test func wrongNumberOfPublicInputsThrows() throws {
        var rng = SeededGenerator(seed: 112)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        let proof = trapdoor.validProof(for: trapdoor.randomInputs(using: &rng), using: &rng)
        for got in [0, 1, 3] {
            let inputs = [Fr](repeating: .one, count: got)
            #expect(throws: Groth16Error.wrongPublicInputCount(expected: 2, got: got)) {
                try Groth16.verify(proof: proof, publicInputs: inputs, key: trapdoor.prepared)
            }
            #expect(throws: Groth16Error.wrongPublicInputCount(expected: 2, got: got)) {
                try Groth16.verify(proof: proof, publicInputs: inputs, key: trapdoor.key)
            }
        }
        #expect(Groth16Error.wrongPublicInputCount(expected: 2, got: 3).description.contains("expects 2, got 3"))
    }

    @Test func validatingProofInitialiserRejectsBadPoints() throws {
        var rng = SeededGenerator(seed: 113)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        let proof = trapdoor.validProof(for: [Fr(5)], using: &rng)
        #expect(try Groth16Proof(validatingA: proof.a, b: proof.b, c: proof.c) == proof)

        let offCurve = G1Affine(x: proof.a.x, y: proof.a.y + .one)
        #expect(throws: Groth16Error.invalidPoint(field: "a", reason: .notOnCurve("G1"))) {
            try Groth16Proof(validatingA: offCurve, b: proof.b, c: proof.c)
        }
        #expect(throws: Groth16Error.invalidPoint(field: "c", reason: .notOnCurve("G1"))) {
            try Groth16Proof(validatingA: proof.a, b: proof.b, c: offCurve)
        }
        let outside = testSupportTwistPointOutsideSubgroup()
        #expect(outside.isOnCurve && !outside.isInSubgroup, "the helper found a non-subgroup twist point")
        #expect(throws: Groth16Error.invalidPoint(field: "b", reason: .notInSubgroup("G2"))) {
            try Groth16Proof(validatingA: proof.a, b: outside, c: proof.c)
        }
        let offTwist = G2Affine(x: proof.b.x, y: proof.b.y + .one)
        #expect(throws: Groth16Error.invalidPoint(field: "b", reason: .notOnCurve("G2"))) {
            try Groth16Proof(validatingA: proof.a, b: offTwist, c: proof.c)
        }
    }

    @Test func evmByteEncodingRoundTripsAndRejectsBadInput() throws {
        var rng = SeededGenerator(seed: 114)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        let proof = trapdoor.validProof(for: [Fr(9)], using: &rng)
        let bytes = proof.evmBytes
        #expect(bytes.count == 256)
        // Layout written out by hand: A.x ‖ A.y ‖ B.x.c1 ‖ B.x.c0 ‖ B.y.c1 ‖ B.y.c0 ‖ C.x ‖ C.y.
        let words = [proof.a.x, proof.a.y, proof.b.x.c1, proof.b.x.c0, proof.b.y.c1, proof.b.y.c0, proof.c.x, proof.c.y]
        #expect(bytes == words.flatMap(\.bigEndianBytes))
        #expect(try Groth16Proof(evmBytes: bytes) == proof)

        #expect(throws: Groth16Error.wrongLength(what: "Groth16 proof", expected: 256, actual: 255)) {
            try Groth16Proof(evmBytes: Array(bytes.dropLast()))
        }
        var pAsX = bytes
        pAsX.replaceSubrange(0..<32, with: Fp.modulusBytesForTests)
        #expect(throws: Groth16Error.coordinateNotInField(field: "a")) { try Groth16Proof(evmBytes: pAsX) }
        var offCurve = bytes
        offCurve[255] ^= 1
        #expect(throws: Groth16Error.invalidPoint(field: "c", reason: .notOnCurve("G1"))) { try Groth16Proof(evmBytes: offCurve) }
        var notInSubgroup = bytes
        notInSubgroup.replaceSubrange(64..<192, with: testSupportTwistPointOutsideSubgroup().evmBytes)
        #expect(throws: Groth16Error.invalidPoint(field: "b", reason: .notInSubgroup("G2"))) {
            try Groth16Proof(evmBytes: notInSubgroup)
        }
    }

    @Test func everyErrorHasAReadableDescription() {
        let cases: [(Groth16Error, String)] = [
            (.wrongPublicInputCount(expected: 1, got: 2), "expects 1, got 2"),
            (.publicInputNotInField(index: 3), "public input 3"),
            (.coordinateNotInField(field: "pi_a[0]"), "pi_a[0]"),
            (.invalidPoint(field: "pi_b", reason: .notInSubgroup("G2")), "pi_b: point is on the curve but not in the prime-order G2 subgroup"),
            (.malformedNumber(field: "IC[2][1]"), "IC[2][1]"),
            (.malformedJSON("unexpected end"), "not valid JSON"),
            (.missingField("pi_c"), "missing field pi_c"),
            (.wrongShape(field: "pi_a", expected: "[x, y, z]"), "pi_a: expected [x, y, z]"),
            (.unsupportedProtocol("plonk"), "\"plonk\""),
            (.unsupportedCurve("bls12381"), "\"bls12381\""),
            (.publicCountMismatch(nPublic: 2, icCount: 2), "nPublic is 2 but IC has 2"),
            (.alphaBetaMismatch, "vk_alphabeta_12"),
            (.inputTooLarge(what: "JSON nesting depth", limit: 8), "limit of 8"),
            (.unreadableFile(path: "x.json", reason: "no such file"), "cannot read x.json"),
            (.wrongLength(what: "Groth16 proof", expected: 256, actual: 3), "expected 256 bytes, got 3"),
            (.batchEntry(index: 4, .wrongPublicInputCount(expected: 1, got: 0)), "batch entry 4: wrong number"),
        ]
        for (error, fragment) in cases {
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }
}

extension Fp {
    /// p as 32 big-endian bytes, from the decimal constant written in the tests.
    static var modulusBytesForTests: [UInt8] {
        var digits = Array(testSupportP.utf8).map { Int($0) - 48 }
        var bytes = [UInt8]()
        // Repeated division of the decimal digit string by 256.
        while !(digits.allSatisfy { $0 == 0 }) {
            var remainder = 0
            var quotient = [Int]()
            for d in digits {
                let value = remainder * 10 + d
                quotient.append(value / 256)
                remainder = value % 256
            }
            bytes.append(UInt8(remainder))
            digits = Array(quotient.drop { $0 == 0 })
            if digits.isEmpty { break }
        }
        let bigEndian = Array(bytes.reversed())
        return [UInt8](repeating: 0, count: 32 - bigEndian.count) + bigEndian
    }
}

import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// Real proofs made by snarkjs for circom circuits (`../shared/vectors/snarkjs/*/`,
/// provenance in each SOURCE.txt): they must verify, survive re-encoding byte for
/// byte, and every single-value mutation must fail or throw, as asserted per case.
@Suite("snarkjs vectors", .enabled(if: SnarkJSVectors.available, SnarkJSVectors.absentMessage))
struct SnarkJSVectorTests {
    /// One decoded vector.
    struct Decoded {
        let name: String
        let key: VerifyingKey
        let proof: Groth16Proof
        let inputs: [Fr]
    }

    func decodedVectors() throws -> [Decoded] {
        try SnarkJSVectors.all().map { v in
            Decoded(name: v.name, key: try SnarkJS.decodeVerifyingKey(v.key),
                    proof: try SnarkJS.decodeProof(v.proof), inputs: try SnarkJS.decodePublicInputs(v.publicInputs))
        }
    }

    @Test func everyVectorVerifies() throws {
        let vectors = try decodedVectors()
        #expect(vectors.count == (try SnarkJSVectors.directoryCount()), "every vector directory has its three files")
        #expect(vectors.count >= 3, "the three vectors known when this test was written ran")
        var verified = 0
        for v in vectors {
            #expect(try Groth16.verify(proof: v.proof, publicInputs: v.inputs, key: v.key), "\(v.name): one-shot")
            #expect(try Groth16.verify(proof: v.proof, publicInputs: v.inputs, key: PreparedVerifyingKey(v.key)), "\(v.name): prepared")
            verified += 1
        }
        #expect(verified == vectors.count)
        // The public-input counts the circuits declare (see SOURCE.txt): 5 for the
        // Merkle tree, 1 for the multiplier and for snarkjs's own test circuit.
        let counts = Dictionary(uniqueKeysWithValues: vectors.map { ($0.name, $0.inputs.count) })
        #expect(counts["merkletree-mimc-4undRaiser"] == 5)
        #expect(counts["multiplier2-0x79de"] == 1)
        #expect(counts["snarkjs-test-groth16"] == 1)
    }

    @Test func vectorsBatchTogetherUnderTheirDifferentKeys() throws {
        let vectors = try decodedVectors()
        var entries = vectors.map { BatchEntry(proof: $0.proof, publicInputs: $0.inputs, key: PreparedVerifyingKey($0.key)) }
        var rng = SeededGenerator(seed: 7)
        #expect(try Groth16.verifyBatch(entries, using: &rng))
        #expect(try Groth16.invalidProofIndices(in: entries, using: &rng) == [])
        entries[1].publicInputs[0] += .one
        #expect(try !Groth16.verifyBatch(entries, using: &rng))
        #expect(try Groth16.invalidProofIndices(in: entries, using: &rng) == [1])
    }

    @Test func aProofDoesNotVerifyUnderAnotherCircuitsKey() throws {
        let vectors = try decodedVectors()
        var pairsTried = 0
        for v in vectors {
            for w in vectors where w.name != v.name {
                if w.key.publicInputCount == v.inputs.count {
                    #expect(try !Groth16.verify(proof: v.proof, publicInputs: v.inputs, key: w.key), "\(v.name) under \(w.name)'s key")
                } else {
                    #expect(throws: Groth16Error.wrongPublicInputCount(expected: w.key.publicInputCount, got: v.inputs.count)) {
                        try Groth16.verify(proof: v.proof, publicInputs: v.inputs, key: w.key)
                    }
                }
                pairsTried += 1
            }
        }
        #expect(pairsTried == vectors.count * (vectors.count - 1))
    }

    /// What a single-value mutation must do.
    enum Outcome: Equatable {
        case fails
        case throwsError(Groth16Error)
    }

    /// The outcome of verifying the (possibly edited) files.
    func outcome(key: Data, proof: Data, publicInputs: Data) -> Outcome? {
        do throws(Groth16Error) {
            let ok = try Groth16.verify(
                proof: SnarkJS.decodeProof(proof), publicInputs: SnarkJS.decodePublicInputs(publicInputs),
                key: SnarkJS.decodeVerifyingKey(key))
            return ok ? nil : .fails
        } catch {
            return .throwsError(error)
        }
    }

    @Test func everySingleValueMutationFailsOrThrows() throws {
        var mutations = 0
        var expectedMutations = 0
        for v in try SnarkJSVectors.all() {
            let inputs = try testSupportJSONObject(v.publicInputs) as! [String]
            let proof = try testSupportJSONObject(v.proof)
            expectedMutations += 2 * inputs.count + 18

            // Each public input: the next field element is well formed and must fail;
            // r itself is not a field element and must be rejected by the decoder.
            for i in inputs.indices {
                var bumped = inputs
                bumped[i] = testSupportIncrementFr(inputs[i])
                #expect(outcome(key: v.key, proof: v.proof, publicInputs: try testSupportJSONData(bumped)) == .fails,
                        "\(v.name): public[\(i)] + 1")
                var outOfField = inputs
                outOfField[i] = testSupportR
                #expect(outcome(key: v.key, proof: v.proof, publicInputs: try testSupportJSONData(outOfField))
                        == .throwsError(.publicInputNotInField(index: i)), "\(v.name): public[\(i)] = r")
                mutations += 2
            }

            // Each proof coordinate + 1: the point leaves its curve (for z, the
            // Jacobian reading (x/z², y/z³) of an affine point is off the curve
            // unless z⁶ = 1, which neither 2 nor 1 + u satisfies).
            let coordinates: [(point: String, path: [Any], group: String)] =
                [("pi_a", [0], "G1"), ("pi_a", [1], "G1"), ("pi_a", [2], "G1"),
                 ("pi_c", [0], "G1"), ("pi_c", [1], "G1"), ("pi_c", [2], "G1")]
                + (0..<3).flatMap { i in (0..<2).map { j in ("pi_b", [i, j] as [Any], "G2") } }
            for (point, path, group) in coordinates {
                let edited = testSupportEdit(proof, at: [point as Any] + path) { testSupportIncrementFp($0 as! String) }
                #expect(outcome(key: v.key, proof: try testSupportJSONData(edited), publicInputs: v.publicInputs)
                        == .throwsError(.invalidPoint(field: point, reason: .notOnCurve(group))),
                        "\(v.name): \(point)\(path) + 1")
                mutations += 1
            }

            // Each point replaced by its negative (y → −y) is a valid group element,
            // so the proof is well formed and must fail.
            for (point, yPath) in [("pi_a", [[1]]), ("pi_c", [[1]]), ("pi_b", [[1, 0], [1, 1]])] as [(String, [[Int]])] {
                var edited = proof
                for path in yPath {
                    edited = testSupportEdit(edited, at: [point as Any] + path.map { $0 as Any }) { testSupportNegateFp($0 as! String) }
                }
                #expect(outcome(key: v.key, proof: try testSupportJSONData(edited), publicInputs: v.publicInputs) == .fails,
                        "\(v.name): \(point) negated")
                mutations += 1
            }

            // Each point's z set to 0 is the identity in snarkjs's reading: well
            // formed, and the proof must fail.
            for (point, zPath) in [("pi_a", [2]), ("pi_c", [2]), ("pi_b", [2, 0])] as [(String, [Int])] {
                let edited = testSupportEdit(proof, at: [point as Any] + zPath.map { $0 as Any }) { _ in "0" }
                #expect(outcome(key: v.key, proof: try testSupportJSONData(edited), publicInputs: v.publicInputs) == .fails,
                        "\(v.name): \(point) at infinity")
                mutations += 1
            }
        }
        // 3 vectors with 5, 1 and 1 public inputs: (10 + 18) + (2 + 18) + (2 + 18).
        #expect(mutations == expectedMutations)
        #expect(mutations >= 68)
    }

    @Test func keyAlphaBetaMatchesSnarkjsWhereGiven() throws {
        // Decoding checks vk_alphabeta_12 against Sheaf's e(α, β): two vectors carry
        // it, so this is a cross-check of the whole pairing against ffjavascript's.
        var withAlphaBeta = 0
        for v in try SnarkJSVectors.all() {
            let json = try testSupportJSONObject(v.key) as! [String: Any]
            guard json["vk_alphabeta_12"] != nil else { continue }
            _ = try SnarkJS.decodeVerifyingKey(v.key)
            withAlphaBeta += 1
        }
        #expect(withAlphaBeta == 2)
    }

    @Test func reEncodingReproducesTheFilesByteForByte() throws {
        var files = 0
        for v in try SnarkJSVectors.all() {
            let keyJSON = try testSupportJSONObject(v.key) as! [String: Any]
            let key = try SnarkJS.decodeVerifyingKey(v.key)
            let keyOut = SnarkJS.encodeVerifyingKey(key, includeAlphaBeta: keyJSON["vk_alphabeta_12"] != nil)
            let proofOut = SnarkJS.encodeProof(try SnarkJS.decodeProof(v.proof))
            let inputsOut = SnarkJS.encodePublicInputs(try SnarkJS.decodePublicInputs(v.publicInputs))
            for (name, original, written) in [("verification_key", v.key, keyOut), ("proof", v.proof, proofOut),
                                              ("public", v.publicInputs, inputsOut)] {
                // Semantically identical (same JSON values) …
                let a = try testSupportJSONObject(original) as! NSObject
                let b = try testSupportJSONObject(written) as! NSObject
                #expect(a.isEqual(b), "\(v.name)/\(name).json: same JSON value")
                // … and in snarkjs's exact layout.
                #expect(original == written, "\(v.name)/\(name).json: same bytes")
                files += 1
            }
        }
        #expect(files == 3 * (try SnarkJSVectors.directoryCount()))
    }

    @Test func keyHashesMatchAnIndependentKeccak() throws {
        // Keccak-256 of the canonical bytes computed outside Sheaf (Python,
        // pycryptodome) straight from the JSON decimals:
        //   w = lambda v: int(v).to_bytes(32, 'big'); g1 = x‖y; g2 = x.c1‖x.c0‖y.c1‖y.c0
        //   bytes = g1(α) ‖ g2(β) ‖ g2(γ) ‖ g2(δ) ‖ len(IC) as 32 bytes ‖ g1(IC[i])…
        let expected = [
            "merkletree-mimc-4undRaiser": "1ae57744589ca518e5d2101b145628eadcbbbc8999813ae6163c1d404bfb9a5e",
            "multiplier2-0x79de": "d49baf31f79bb8833c516141fca846ca0f25f972c249ba1183c34a2e8bbaac71",
            "snarkjs-test-groth16": "776233aa3beeba11df298e7cf48ffe0e135aaf8ed9af77ef4c0032b423e28b0d",
        ]
        var checked = 0
        for v in try SnarkJSVectors.all() {
            guard let hex = expected[v.name] else { continue }
            let key = try SnarkJS.decodeVerifyingKey(v.key)
            #expect(key.canonicalBytes.count == 448 + 32 + 64 * key.ic.count)
            #expect(key.hash.map { String(format: "%02x", $0) }.joined() == hex, "\(v.name)")
            checked += 1
        }
        #expect(checked == 3)
    }
}

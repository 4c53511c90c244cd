import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

@Suite("snarkjs JSON: writing and round trips")
struct SnarkJSRoundTripTests {
    @Test(arguments: [0, 1, 5])
    func writeThenReadGivesTheSameValues(inputCount: Int) throws {
        var rng = SeededGenerator(seed: 600 + UInt64(inputCount))
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: inputCount, using: &rng)
        let inputs = trapdoor.randomInputs(using: &rng)
        let proof = trapdoor.validProof(for: inputs, using: &rng)
        for includeAlphaBeta in [true, false] {
            // Reading checks the written vk_alphabeta_12 against e(α, β).
            #expect(try SnarkJS.decodeVerifyingKey(SnarkJS.encodeVerifyingKey(trapdoor.key, includeAlphaBeta: includeAlphaBeta)) == trapdoor.key)
        }
        #expect(try SnarkJS.decodeProof(SnarkJS.encodeProof(proof)) == proof)
        #expect(try SnarkJS.decodePublicInputs(SnarkJS.encodePublicInputs(inputs)) == inputs)
        let decoded = try SnarkJS.decodeProof(SnarkJS.encodeProof(proof))
        #expect(try Groth16.verify(proof: decoded, publicInputs: SnarkJS.decodePublicInputs(SnarkJS.encodePublicInputs(inputs)),
                                   key: SnarkJS.decodeVerifyingKey(SnarkJS.encodeVerifyingKey(trapdoor.key))))
    }

    @Test func pointsAtInfinityAreWrittenAsSnarkjsWritesThem() throws {
        let proof = Groth16Proof(a: .infinity, b: .infinity, c: .generator)
        let json = try testSupportJSONObject(SnarkJS.encodeProof(proof)) as! [String: Any]
        #expect(json["pi_a"] as? [String] == ["0", "1", "0"])
        #expect(json["pi_b"] as? [[String]] == [["0", "0"], ["1", "0"], ["0", "0"]])
        #expect(json["pi_c"] as? [String] == ["1", "2", "1"])
        #expect(try SnarkJS.decodeProof(SnarkJS.encodeProof(proof)) == proof)

        var rng = SeededGenerator(seed: 610)
        var key = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng).key
        key.ic[1] = .infinity
        #expect(try SnarkJS.decodeVerifyingKey(SnarkJS.encodeVerifyingKey(key)) == key)
    }

    @Test func layoutIsSnarkjsJSONStringifyWithOneSpace() {
        // The generators' coordinates (EIP-197), written out by hand in the exact
        // form JSON.stringify(proof, null, 1) gives.
        let proof = Groth16Proof(a: .generator, b: .generator, c: .infinity)
        let expected = """
        {
         "pi_a": [
          "1",
          "2",
          "1"
         ],
         "pi_b": [
          [
           "10857046999023057135944570762232829481370756359578518086990519993285655852781",
           "11559732032986387107991004021392285783925812861821192530917403151452391805634"
          ],
          [
           "8495653923123431417604973247489272438418190587263600148770280649306958101930",
           "4082367875863433681332203403145435568316851327593401208105741076214120093531"
          ],
          [
           "1",
           "0"
          ]
         ],
         "pi_c": [
          "0",
          "1",
          "0"
         ],
         "protocol": "groth16",
         "curve": "bn128"
        }
        """
        #expect(String(decoding: SnarkJS.encodeProof(proof), as: UTF8.self) == expected)
        #expect(String(decoding: SnarkJS.encodePublicInputs([Fr(33), .zero]), as: UTF8.self) == "[\n \"33\",\n \"0\"\n]")
        #expect(String(decoding: SnarkJS.encodePublicInputs([]), as: UTF8.self) == "[]")
    }

    @Test func alphaBetaIsWrittenInSnarkjsConvention() {
        // snarkjs's vk_alphabeta_12 is e(α, β)^m, m = 2x(6x² + 3x + 1) (the vectors
        // in ../shared confirm it); here m is applied as one exponent in Fr to the
        // trapdoor pairing e(G1, G2)^(αβ), independently of the cyclotomic chain.
        var rng = SeededGenerator(seed: 630)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        let x = Fr(BN254.x)
        let m = Fr(2) * x * (Fr(6) * x * x + Fr(3) * x + .one)
        let expected = Pairing.pairing(.generator, .generator)
            .power(Limbs.array((trapdoor.alpha * trapdoor.beta * m).canonicalLimbs))
        #expect(SnarkJS.snarkjsAlphaBeta(trapdoor.key.alpha, trapdoor.key.beta) == expected)
        #expect(expected != trapdoor.prepared.alphaBeta, "the convention differs from the plain reduced pairing")
    }

    @Test func keyFieldsAreInSnarkjsOrder() throws {
        var rng = SeededGenerator(seed: 620)
        let key = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng).key
        let text = String(decoding: SnarkJS.encodeVerifyingKey(key), as: UTF8.self)
        let order = ["\"protocol\"", "\"curve\"", "\"nPublic\"", "\"vk_alpha_1\"", "\"vk_beta_2\"", "\"vk_gamma_2\"",
                     "\"vk_delta_2\"", "\"vk_alphabeta_12\"", "\"IC\""]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(text.contains("\"nPublic\": 1,"))
        let withoutAlphaBeta = String(decoding: SnarkJS.encodeVerifyingKey(key, includeAlphaBeta: false), as: UTF8.self)
        #expect(!withoutAlphaBeta.contains("vk_alphabeta_12"))
    }
}

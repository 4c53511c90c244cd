import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// Sheaf's commit-and-prove JSON (protocol groth16-bsb22) and the circuit of
/// its fixture, `Fixtures/commit-and-prove/threshold`.
@Suite("Commit-and-prove files and the threshold circuit")
struct CommittedFilesTests {
    static let directory = FixtureTests.root.appendingPathComponent(FixtureFiles.committedExamplePath)

    static func committedFiles() throws -> FixtureFiles {
        func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))) }
        return FixtureFiles(verificationKey: try read("verification_key.json"), proof: try read("proof.json"),
                            publicInputs: try read("public.json"))
    }

    @Test("The fixture regenerates byte for byte and verifies; another statement does not")
    func fixtureIsReproducibleAndVerifies() throws {
        let committed = try Self.committedFiles()
        #expect(try FixtureFiles.makeCommittedExample() == committed, "regenerate with `sheaf fixtures`")
        let key = try SnarkJS.decodeCommittedVerifyingKey(Data(committed.verificationKey))
        let proof = try SnarkJS.decodeCommittedProof(Data(committed.proof))
        let inputs = try SnarkJS.decodePublicInputs(Data(committed.publicInputs))
        #expect(key.publicInputCount == 2 && inputs.count == 2)
        #expect(inputs[1] == Fr(250_000))
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: key))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [inputs[0], Fr(250_001)], key: key)))
        // The files round-trip through the encoders.
        #expect([UInt8](SnarkJS.encodeCommittedVerifyingKey(key)) == committed.verificationKey)
        #expect([UInt8](SnarkJS.encodeCommittedProof(proof)) == committed.proof)
    }

    @Test("Plain and commit-and-prove decoders refuse each other's files")
    func protocolsDoNotMix() throws {
        let committed = try Self.committedFiles()
        let plain = try FixtureFiles.make(.rollup)
        #expect(try SnarkJS.protocolName(of: Data(committed.verificationKey)) == "groth16-bsb22")
        #expect(try SnarkJS.protocolName(of: Data(plain.verificationKey)) == "groth16")
        #expect(throws: Groth16Error.unsupportedProtocol("groth16-bsb22")) { try SnarkJS.decodeVerifyingKey(Data(committed.verificationKey)) }
        #expect(throws: Groth16Error.unsupportedProtocol("groth16-bsb22")) { try SnarkJS.decodeProof(Data(committed.proof)) }
        #expect(throws: Groth16Error.wrongProtocol(found: "groth16", expected: "groth16-bsb22")) {
            try SnarkJS.decodeCommittedVerifyingKey(Data(plain.verificationKey))
        }
        #expect(throws: Groth16Error.wrongProtocol(found: "groth16", expected: "groth16-bsb22")) {
            try SnarkJS.decodeCommittedProof(Data(plain.proof))
        }
    }

    /// The committed key file as a mutable JSON object.
    static func keyObject() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(try committedFiles().verificationKey)) as? [String: Any])
    }

    static func decodeKey(_ object: [String: Any]) throws(Groth16Error) -> CommittedVerifyingKey {
        try SnarkJS.decodeCommittedVerifyingKey(try! JSONSerialization.data(withJSONObject: object))
    }

    @Test("Hostile keys: counts, missing fields, degenerate and invalid commitment points")
    func hostileKeys() throws {
        var object = try Self.keyObject()
        object["nPublic"] = 3
        #expect(throws: Groth16Error.committedPublicCountMismatch(nPublic: 3, icCount: 4)) { try Self.decodeKey(object) }
        object = try Self.keyObject()
        object["IC"] = Array((object["IC"] as! [Any]).dropLast())
        #expect(throws: Groth16Error.committedPublicCountMismatch(nPublic: 2, icCount: 3)) { try Self.decodeKey(object) }
        object = try Self.keyObject()
        object["vk_commitment_g_2"] = nil
        #expect(throws: Groth16Error.missingField("vk_commitment_g_2")) { try Self.decodeKey(object) }
        object = try Self.keyObject()
        object["vk_commitment_gsigmaneg_2"] = [["0", "0"], ["1", "0"], ["0", "0"]]
        #expect(throws: Groth16Error.degenerateVerifyingKey(field: "vk_commitment_gsigmaneg_2")) { try Self.decodeKey(object) }
        object = try Self.keyObject()
        object["vk_commitment_g_2"] = [["1", "0"], ["2", "0"], ["1", "0"]]
        #expect {
            try Self.decodeKey(object)
        } throws: { error in
            guard case .invalidPoint(field: "vk_commitment_g_2", reason: _) = error as? Groth16Error else { return false }
            return true
        }
        object = try Self.keyObject()
        var g = object["vk_commitment_g_2"] as! [[String]]
        g[0][0] = "21888242871839275222246405745257275088696311157297823662689037894645226208583"
        object["vk_commitment_g_2"] = g
        #expect(throws: Groth16Error.coordinateNotInField(field: "vk_commitment_g_2[0][0]")) { try Self.decodeKey(object) }
    }

    @Test("Hostile proofs: commitment or knowledge proof off the curve, above p, missing or malformed")
    func hostileProofs() throws {
        let files = try Self.committedFiles()
        func proof(_ change: (inout [String: Any]) -> Void) throws(Groth16Error) -> Groth16CommittedProof {
            var object = try! JSONSerialization.jsonObject(with: Data(files.proof)) as! [String: Any]
            change(&object)
            return try SnarkJS.decodeCommittedProof(try! JSONSerialization.data(withJSONObject: object))
        }
        #expect {
            try proof { $0["commitment"] = ["1", "3", "1"] }
        } throws: { error in
            guard case .invalidPoint(field: "commitment", reason: _) = error as? Groth16Error else { return false }
            return true
        }
        #expect(throws: Groth16Error.coordinateNotInField(field: "knowledge_proof[1]")) {
            try proof { $0["knowledge_proof"] = ["1", "21888242871839275222246405745257275088696311157297823662689037894645226208583", "1"] }
        }
        #expect(throws: Groth16Error.missingField("knowledge_proof")) { try proof { $0["knowledge_proof"] = nil } }
        #expect(throws: Groth16Error.malformedNumber(field: "commitment[0]")) { try proof { $0["commitment"] = ["-1", "2", "1"] } }
        // Infinity (all committed values zero) is a valid encoding.
        let zero = try proof { $0["commitment"] = ["0", "1", "0"]; $0["knowledge_proof"] = ["0", "1", "0"] }
        #expect(zero.commitment.isInfinity && zero.knowledgeProof.isInfinity)
    }

    @Test("The threshold circuit: honest witnesses satisfy it, a value below the threshold or a wrong opening does not")
    func thresholdCircuit() throws {
        let circuit = ThresholdCircuit()
        func check(_ witness: ThresholdCircuit.Witness, commitment: Fr? = nil) throws -> Bool {
            var (system, values) = try circuit.assign(witness)
            if let commitment { values[1] = commitment }
            return try system.isSatisfied(by: values).isSatisfied
        }
        let salt = Fr(987_654_321)
        #expect(try check(.init(value: 1_000, salt: salt, threshold: 1_000)))
        #expect(try check(.init(value: .max, salt: salt, threshold: 0)))
        #expect(!(try check(.init(value: 999, salt: salt, threshold: 1_000))))
        #expect(!(try check(.init(value: 0, salt: salt, threshold: .max))))
        #expect(!(try check(.init(value: 1_000, salt: salt, threshold: 1), commitment: Fr(42))))
        let system = try circuit.constraintSystem()
        #expect(system.publicInputCount == 3)   // commitment, threshold, the lookup challenge
        #expect(system.commitment != nil)
    }
}

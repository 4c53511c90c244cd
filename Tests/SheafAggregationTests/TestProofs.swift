import Foundation
import SheafCurve
import SheafField
import SheafGroth16

/// Keys with a known trapdoor (SheafGroth16's insecure test/demo type).
typealias TrapdoorKey = InsecureTrapdoorKey

/// The real snarkjs proofs in ../shared/vectors/snarkjs, when present.
enum SnarkJSVectors {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/vectors/snarkjs")
    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }
    static let absentMessage = "../shared/vectors/snarkjs is absent (CI places it beside the repository)"

    static func load() throws -> [(name: String, key: VerifyingKey, proof: Groth16Proof, inputs: [Fr])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        return try names.map { name in
            let dir = root.appendingPathComponent(name)
            let key = try SnarkJS.decodeVerifyingKey(Data(contentsOf: dir.appendingPathComponent("verification_key.json")))
            let proof = try SnarkJS.decodeProof(Data(contentsOf: dir.appendingPathComponent("proof.json")))
            let inputs = try SnarkJS.decodePublicInputs(Data(contentsOf: dir.appendingPathComponent("public.json")))
            return (name, key, proof, inputs)
        }
    }
}

import Foundation
import SheafCurve
import SheafField
import SheafGroth16

/// Test support: Groth16 keys and proofs made from a known trapdoor.
///
/// With α, β, γ, δ and the IC points as known multiples of the generators, a
/// valid proof is any (A, B, C) = (a·G1, b·G2, c·G1) with
/// a·b = α·β + s·γ + c·δ, where s is the public-input combination of the IC
/// scalars; so pick a, b at random and solve for c. These are real, valid Groth16
/// proofs for the key (the verifier cannot tell how they were made), which is
/// exactly why trapdoor keys are for tests only.
struct TrapdoorKey {
    let alpha, beta, gamma, delta: Fr
    let icScalars: [Fr]
    let key: VerifyingKey

    init(publicInputs: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        alpha = .random(using: &rng); beta = .random(using: &rng)
        gamma = .random(using: &rng); delta = .random(using: &rng)
        icScalars = (0...publicInputs).map { _ in Fr.random(using: &rng) }
        key = VerifyingKey(
            alpha: G1Affine.generator * alpha, beta: G2Affine.generator * beta,
            gamma: G2Affine.generator * gamma, delta: G2Affine.generator * delta,
            ic: icScalars.map { G1Affine.generator * $0 })
    }

    func prove<G: RandomNumberGenerator>(_ inputs: [Fr], using rng: inout G) -> Groth16Proof {
        var s = icScalars[0]
        for (i, x) in inputs.enumerated() { s += x * icScalars[i + 1] }
        let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
        let c = (a * b - alpha * beta - s * gamma) * delta.inverse()!
        return Groth16Proof(a: G1Affine.generator * a, b: G2Affine.generator * b, c: G1Affine.generator * c)
    }
}

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

import Foundation
import Sheaf
import Testing

/// `sheaf phase2 new | contribute | verify` on a real circom circuit
/// (../shared/vectors/circom/multiplier100), then a proof under the final key.
@Suite("CLI: phase 2 from powers of tau")
struct Phase2CLITests {
    static let circom = CircomCLITests.sharedCircom

    /// Test powers for known τ, α, β (NOT a ceremony) written as a .ptau.
    static func writePtau(to path: String, tau: Fr, size n: Int) throws {
        var taus = [Fr.one]
        for _ in 1..<(2 * n - 1) { taus.append(taus[taus.count - 1] * tau) }
        let alpha = Fr(31), beta = Fr(37)
        func g1(_ s: [Fr]) -> [G1Affine] { G1Jacobian.batchAffine(FixedBase.multiply(.generator, s)) }
        let powers = try Phase1Powers(tauG1: g1(taus), tauG2: G2Jacobian.batchAffine(FixedBase.multiply(.generator, Array(taus[..<n]))),
                                      alphaTauG1: g1(taus[..<n].map { $0 * alpha }), betaTauG1: g1(taus[..<n].map { $0 * beta }),
                                      betaG2: (G2Jacobian.generator * beta).affine)
        try Data(powers.encodePtau()).write(to: URL(fileURLWithPath: path))
    }

    @Test(.enabled(if: CircomCLITests.sharedAvailable, "../shared/vectors/circom is absent"))
    func newContributeVerifyProve() throws {
        let dir = try CLI.temporaryDirectory().path
        let ptau = dir + "/pot.ptau", r1cs = Self.circom + "/circuit.r1cs"
        try Self.writePtau(to: ptau, tau: Fr(123_456_789), size: 128)
        let made = try CLI.run(["phase2", "new", "--ptau", ptau, "--r1cs", r1cs, "--out", dir + "/k0.shpk"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("domain 128") && made.stdout.contains("anyone can forge"))
        var hashes = [String]()
        for (from, to) in [("k0", "k1"), ("k1", "k2")] {
            let step = try CLI.run(["phase2", "contribute", "--key", "\(dir)/\(from).shpk", "--out", "\(dir)/\(to).shpk"])
            #expect(step.status == 0, "\(step.stderr)")
            hashes.append(String(step.stdout.split(separator: " ").last!.dropLast()))
        }
        let checked = try CLI.run(["phase2", "verify", "--ptau", ptau, "--r1cs", r1cs, "--key", dir + "/k2.shpk"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("contribution 1: \(hashes[0])") && checked.stdout.contains("contribution 2: \(hashes[1])"))
        #expect(checked.stdout.contains("valid: ") && checked.stdout.contains("after 2 contributions"))
        let uncontributed = try CLI.run(["phase2", "verify", "--ptau", ptau, "--r1cs", r1cs, "--key", dir + "/k0.shpk"])
        #expect(uncontributed.status == 0 && uncontributed.stdout.contains("no contributions"))

        // The contributed key proves circom's own witness for the circuit.
        let key = try ProvingKeyFile.read(atPath: dir + "/k2.shpk")
        let system = try SnarkJS.decodeConstraintSystem(try SnarkJSBinaryFile.read(atPath: r1cs))
        let witness = try SnarkJS.decodeWitness(try SnarkJSBinaryFile.read(atPath: Self.circom + "/witness.wtns"))
        var rng = SeededGenerator(seed: 0x2F)
        let proof = try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng)
        let inputs = Array(witness[1...system.publicInputCount])
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: key.verifyingKey))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: inputs.map { $0 + .one }, key: key.verifyingKey)))

        // Another ceremony's powers: the key is not theirs (exit 1, the reason).
        let other = dir + "/other.ptau"
        try Self.writePtau(to: other, tau: Fr(987_654_321), size: 128)
        let wrong = try CLI.run(["phase2", "verify", "--ptau", other, "--r1cs", r1cs, "--key", dir + "/k2.shpk"])
        #expect(wrong.status == 1 && wrong.stdout.contains("invalid: not this circuit's phase-2 key"))
        // Too few powers, no circuit, a missing key: one line, exit 2.
        let small = dir + "/small.ptau"
        try Self.writePtau(to: small, tau: Fr(5), size: 64)
        let short = try CLI.run(["phase2", "new", "--ptau", small, "--r1cs", r1cs, "--out", dir + "/x.shpk"])
        #expect(short.status == 2 && short.stderr.contains("needs a domain of 128, the powers of tau serve at most 64"))
        let neither = try CLI.run(["phase2", "new", "--ptau", ptau, "--out", dir + "/x.shpk"])
        #expect(neither.status == 2 && neither.stderr.contains("exactly one of --bundle and --r1cs"))
        let missing = try CLI.run(["phase2", "contribute", "--key", dir + "/absent.shpk", "--out", dir + "/x.shpk"])
        #expect(missing.status == 2 && missing.stderr.split(separator: "\n").count == 1)
    }
}

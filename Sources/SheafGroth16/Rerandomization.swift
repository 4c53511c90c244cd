import SheafCurve
import SheafField

extension Groth16 {
    /// A fresh proof of the same statement, made from a valid proof and the key
    /// alone (no witness), with weights from the system CSPRNG.
    /// See ``rerandomize(_:key:using:)``.
    public static func rerandomize(_ proof: Groth16Proof, key: VerifyingKey) -> Groth16Proof {
        var generator = SystemRandomNumberGenerator()
        return rerandomize(proof, key: key, using: &generator)
    }

    /// A fresh proof of the same statement, made from a valid proof and the key
    /// alone (no witness): A′ = ρ⁻¹·A, B′ = ρ·(B + σ·δ), C′ = C + σ·A for random
    /// ρ ≠ 0 and σ.
    ///
    /// Why it verifies: e(A′, B′) = e(A, B + σδ) = e(A, B)·e(σA, δ), and
    /// e(C′, δ) = e(C, δ)·e(σA, δ), so the factor e(σA, δ) appears on both sides
    /// of e(A, B) = e(α, β)·e(Σ, γ)·e(C, δ). For uniform ρ and σ the result is
    /// distributed like a fresh honest proof, which is what makes proofs
    /// unlinkable; an invalid proof stays invalid.
    public static func rerandomize<G: RandomNumberGenerator>(
        _ proof: Groth16Proof, key: VerifyingKey, using generator: inout G
    ) -> Groth16Proof {
        var rho = Fr.zero
        var rhoInverse: Fr?
        while rhoInverse == nil {
            rho = Fr.random(using: &generator)
            rhoInverse = rho.inverse()
        }
        let sigma = Fr.random(using: &generator)
        let a = G1Jacobian(proof.a).multiplied(by: rhoInverse!)
        let b = (G2Jacobian(key.delta).multiplied(by: sigma) + proof.b).multiplied(by: rho)
        let c = G1Jacobian(proof.a).multiplied(by: sigma) + proof.c
        let g1 = G1Jacobian.batchAffine([a, c])
        return Groth16Proof(a: g1[0], b: b.affine, c: g1[1])
    }
}

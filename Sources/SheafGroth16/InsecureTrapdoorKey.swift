import SheafCurve
import SheafField

/// A Groth16 verifying key whose trapdoor ("toxic waste") is known, so that valid
/// proofs for any statement can be made without a circuit or a witness.
///
/// INSECURE BY CONSTRUCTION: whoever holds this value can prove anything under
/// its key. It exists for tests, benchmarks and demos of verification and
/// aggregation, where proofs must be plentiful and cheap. The proofs it makes
/// are ordinary valid Groth16 proofs: no verifier can tell them apart.
///
/// With α, β, γ, δ and the IC points as known multiples of the generators,
/// (A, B, C) = (a·G1, b·G2, c·G1) is valid exactly when
/// a·b = α·β + s·γ + c·δ, where s is the public-input combination of the IC
/// scalars; so a and b are drawn at random and c is solved for.
public struct InsecureTrapdoorKey: Sendable {
    private let alpha, beta, gamma, delta: Fr
    private let icScalars: [Fr]
    /// The verifying key.
    public let key: VerifyingKey

    /// A key for `publicInputs` public inputs, derived from `seed`.
    public init(publicInputs: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        func nonzero() -> Fr {
            while true { let x = Fr.random(using: &rng); if !x.isZero { return x } }
        }
        alpha = nonzero(); beta = nonzero(); gamma = nonzero(); delta = nonzero()
        icScalars = (0...publicInputs).map { _ in nonzero() }
        key = VerifyingKey(
            alpha: G1Affine.generator * alpha, beta: G2Affine.generator * beta,
            gamma: G2Affine.generator * gamma, delta: G2Affine.generator * delta,
            ic: icScalars.map { G1Affine.generator * $0 })
    }

    /// A valid proof for `inputs` (which must number `key.publicInputCount`).
    public func prove<G: RandomNumberGenerator>(_ inputs: [Fr], using rng: inout G) -> Groth16Proof {
        precondition(inputs.count == key.publicInputCount, "wrong number of public inputs")
        var s = icScalars[0]
        for (i, x) in inputs.enumerated() { s += x * icScalars[i + 1] }
        var a = Fr.zero
        while a.isZero { a = Fr.random(using: &rng) }
        let b = Fr.random(using: &rng)
        let c = (a * b - alpha * beta - s * gamma) * delta.inverse()!
        return Groth16Proof(a: G1Affine.generator * a, b: G2Affine.generator * b, c: G1Affine.generator * c)
    }
}

import SheafCurve
import SheafField

/// What the Groth16 prover needs: the verifying key and the query vectors of
/// the setup.
///
/// Variables follow the snarkjs/circom layout: index 0 is the constant one,
/// indices 1…ℓ are the public inputs, the rest are private.
public struct ProvingKey: Sendable {
    /// The verifying key (α, β, γ, δ and IC = the public part of the queries).
    public let verifyingKey: VerifyingKey
    /// [β]₁ and [δ]₁ (G1 images of β and δ, for B in G1 and for C).
    public let betaG1: G1Affine, deltaG1: G1Affine
    /// [uᵢ(τ)]₁ for every variable.
    public let aQuery: [G1Affine]
    /// [vᵢ(τ)]₁ and [vᵢ(τ)]₂ for every variable.
    public let bG1Query: [G1Affine], bG2Query: [G2Affine]
    /// [(β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ))/δ]₁ for the private variables.
    public let lQuery: [G1Affine]
    /// [τʲ·Z(τ)/δ]₁ for j < n − 1, Z(X) = Xⁿ − 1 on the evaluation domain.
    public let hQuery: [G1Affine]
    /// The size n of the evaluation domain.
    public let domainSize: Int

    /// The number of public inputs ℓ (without the constant one).
    public var publicInputCount: Int { verifyingKey.publicInputCount }
    /// The number of variables, the constant one included.
    public var variableCount: Int { aQuery.count }
}

/// The QAP of a constraint system evaluated at one point τ: for every variable i,
/// uᵢ(τ), vᵢ(τ), wᵢ(τ) (the A, B, C columns interpolated over the domain).
public struct QAPEvaluation: Sendable {
    public var u: [Fr], v: [Fr], w: [Fr]
    /// Z(τ) = τⁿ − 1.
    public var vanishing: Fr
    public var domainSize: Int

    public init(u: [Fr], v: [Fr], w: [Fr], vanishing: Fr, domainSize: Int) {
        self.u = u; self.v = v; self.w = w; self.vanishing = vanishing; self.domainSize = domainSize
    }
}

extension Groth16 {
    /// A proving key from a QAP, with the toxic waste (τ, α, β, γ, δ) drawn from
    /// `seed`.
    ///
    /// INSECURE FOR PRODUCTION: anyone who knows the seed can forge proofs under
    /// the resulting key. Seeded setup is for tests, fixtures and demos; real
    /// deployments use a multi-party ceremony (snarkjs zkeys).
    ///
    /// - Parameters:
    ///   - publicInputs: ℓ, the number of public inputs (variables 1…ℓ).
    ///   - qapAt: the QAP evaluated at the τ it is given.
    public static func insecureSetup(publicInputs: Int, seed: UInt64, qapAt: (Fr) -> QAPEvaluation) -> ProvingKey {
        var rng = SeededGenerator(seed: seed)
        func nonzero() -> Fr { while true { let x = Fr.random(using: &rng); if !x.isZero { return x } } }
        let tau = nonzero(), alpha = nonzero(), beta = nonzero(), gamma = nonzero(), delta = nonzero()
        let qap = qapAt(tau)
        let m = qap.u.count
        precondition(qap.v.count == m && qap.w.count == m && publicInputs < m, "inconsistent QAP")
        let gammaInverse = gamma.inverse()!, deltaInverse = delta.inverse()!
        let combined = (0..<m).map { beta * qap.u[$0] + alpha * qap.v[$0] + qap.w[$0] }
        let ic = (0...publicInputs).map { combined[$0] * gammaInverse }
        let l = ((publicInputs + 1)..<m).map { combined[$0] * deltaInverse }
        var hScalars = [Fr]()
        var power = qap.vanishing * deltaInverse
        for _ in 0..<max(0, qap.domainSize - 1) { hScalars.append(power); power *= tau }

        let g1 = G1Jacobian.generator, g2 = G2Jacobian.generator
        func inG1(_ s: [Fr]) -> [G1Affine] { G1Jacobian.batchAffine(FixedBase.multiply(g1, s)) }
        let singles = inG1([alpha, beta, delta])
        let g2Singles = G2Jacobian.batchAffine(FixedBase.multiply(g2, [beta, gamma, delta]))
        let vk = VerifyingKey(alpha: singles[0], beta: g2Singles[0], gamma: g2Singles[1], delta: g2Singles[2], ic: inG1(ic))
        return ProvingKey(
            verifyingKey: vk, betaG1: singles[1], deltaG1: singles[2],
            aQuery: inG1(qap.u), bG1Query: inG1(qap.v),
            bG2Query: G2Jacobian.batchAffine(FixedBase.multiply(g2, qap.v)),
            lQuery: inG1(l), hQuery: inG1(hScalars), domainSize: qap.domainSize)
    }

    /// A zero-knowledge Groth16 proof.
    ///
    /// - Parameters:
    ///   - witness: the full assignment (constant one first, then public inputs,
    ///     then private variables) that satisfies the constraint system.
    ///   - h: the coefficients of h(X) = (A(X)·B(X) − C(X))/Z(X), degree < n − 1.
    ///   - rng: the source of the blinding scalars r and s (the system generator
    ///     by default; a seeded one only for reproducible fixtures).
    public static func prove<G: RandomNumberGenerator>(
        key: ProvingKey, witness: [Fr], h: [Fr], using rng: inout G
    ) -> Groth16Proof {
        precondition(witness.count == key.variableCount, "the witness must assign every variable")
        precondition(h.count <= key.hQuery.count, "h has degree at least n − 1: the witness does not satisfy the QAP")
        let r = Fr.random(using: &rng), s = Fr.random(using: &rng)
        let l = key.publicInputCount
        let privateWitness = Array(witness[(l + 1)...])
        // The five MSMs, each spread across cores by Pippenger's windows.
        let sumA = MultiScalarMultiplication.compute(points: key.aQuery, scalars: witness)
        let sumB1 = MultiScalarMultiplication.compute(points: key.bG1Query, scalars: witness)
        let sumB2 = MultiScalarMultiplication.compute(points: key.bG2Query, scalars: witness)
        let sumL = MultiScalarMultiplication.compute(points: key.lQuery, scalars: privateWitness)
        let sumH = MultiScalarMultiplication.compute(points: Array(key.hQuery[..<h.count]), scalars: h)
        let delta1 = G1Jacobian(key.deltaG1)
        let a = G1Jacobian(key.verifyingKey.alpha) + sumA + delta1 * r
        let b2 = G2Jacobian(key.verifyingKey.beta) + sumB2 + G2Jacobian(key.verifyingKey.delta) * s
        let b1 = G1Jacobian(key.betaG1) + sumB1 + delta1 * s
        let c = sumL + sumH + a * s + b1 * r - delta1 * (r * s)
        let points = G1Jacobian.batchAffine([a, c])
        return Groth16Proof(a: points[0], b: b2.affine, c: points[1])
    }

    /// A proof with blinding from the system's cryptographically secure generator.
    public static func prove(key: ProvingKey, witness: [Fr], h: [Fr]) -> Groth16Proof {
        var generator = SystemRandomNumberGenerator()
        return prove(key: key, witness: witness, h: h, using: &generator)
    }
}

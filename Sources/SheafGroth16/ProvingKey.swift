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
    /// For a commit-and-prove circuit (one with lookups): the commitment's bases.
    /// The committed variables then have no ``lQuery`` entry. Nil for a plain key.
    public internal(set) var commitment: CommitmentProvingKey? = nil
    /// The phase-2 contributions this key went through, in order (empty for a
    /// seeded key or an initial phase-2 key; see ``Phase2``).
    public internal(set) var contributions: [Phase2Contribution] = []

    /// The number of public inputs ℓ (without the constant one).
    public var publicInputCount: Int { verifyingKey.publicInputCount }
    /// The number of variables, the constant one included.
    public var variableCount: Int { aQuery.count }
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
    ///   - committed: for a commit-and-prove circuit, its commitment layout: the
    ///     committed variables get commitment bases instead of ``ProvingKey/lQuery``
    ///     entries (see `Groth16+Commitment.swift`).
    ///   - pedersenBase: the G2 point g of the knowledge check e(D, −σg)·e(π, g) = 1:
    ///     a random point, or γ, which lets a verifier merge the pair (π, g) into
    ///     the Groth16 equation's (Σ + D, −γ) pair (``PedersenBase``).
    public static func insecureSetup(publicInputs: Int, seed: UInt64, committed: CommitmentLayout? = nil,
                                     pedersenBase: PedersenBase = .random,
                                     qapAt: (Fr) throws -> QAPEvaluation) rethrows -> ProvingKey {
        var rng = SeededGenerator(seed: seed)
        func nonzero() -> Fr { while true { let x = Fr.random(using: &rng); if !x.isZero { return x } } }
        let tau = nonzero(), alpha = nonzero(), beta = nonzero(), gamma = nonzero(), delta = nonzero()
        let qap = try qapAt(tau)
        // Drawn after the five trapdoors, so plain keys from a seed are unchanged.
        let sigma = committed == nil ? Fr.one : nonzero(), drawn = committed == nil ? Fr.one : nonzero()
        let trapdoors = SetupTrapdoors(tau: tau, alpha: alpha, beta: beta, gamma: gamma, delta: delta, sigma: sigma,
                                       pedersen: pedersenBase == .gamma ? gamma : drawn)
        return setup(publicInputs: publicInputs, trapdoors: trapdoors, committed: committed, qap: consume qap)
    }

    /// The key for known trapdoors: the seeded setup's core, and what a phase-2
    /// key from powers of tau must equal when the trapdoors are known (tests).
    /// Each scalar array is released as soon as its points are made, and the
    /// points are made in slices, so that the peak is the key plus a few
    /// values per variable (what lets the ten-million-constraint setups fit).
    static func setup(publicInputs: Int, trapdoors t: SetupTrapdoors, committed: CommitmentLayout?,
                      qap: consuming QAPEvaluation) -> ProvingKey {
        let domainSize = qap.domainSize, vanishing = qap.vanishing
        var u = qap.u, v = qap.v, w = qap.w
        _ = consume qap
        let m = u.count
        precondition(v.count == m && w.count == m && publicInputs < m, "inconsistent QAP")
        let gammaInverse = t.gamma.inverse()!, deltaInverse = t.delta.inverse()!
        var combined = (0..<m).map { t.beta * u[$0] + t.alpha * v[$0] + w[$0] }
        w = []
        let ic = (0...publicInputs).map { combined[$0] * gammaInverse }
        let isCommitted = committedMask(committed, variableCount: m)
        var l = ((publicInputs + 1)..<m).filter { !isCommitted[$0] }.map { combined[$0] * deltaInverse }
        // One table per generator, shared by every query: the setup's tens of
        // millions of products make the widest useful windows pay.
        let g1 = FixedBaseTable(G1Jacobian.generator, windowBits: FixedBase.windowBits(forCount: 4 * m + domainSize))
        let g2 = FixedBaseTable(G2Jacobian.generator, windowBits: FixedBase.windowBits(forCount: m))
        let singles = FixedBase.multiplyAffine(g1, [t.alpha, t.beta, t.delta])
        let g2Singles = FixedBase.multiplyAffine(g2, [t.beta, t.gamma, t.delta])
        let vk = VerifyingKey(alpha: singles[0], beta: g2Singles[0], gamma: g2Singles[1], delta: g2Singles[2],
                              ic: FixedBase.multiplyAffine(g1, ic))
        var commitment: CommitmentProvingKey?
        if let committed {
            let basis = committed.committedVariables.map { combined[$0] * gammaInverse }
            let points = FixedBase.multiplyAffine(g2, [t.pedersen, -(t.pedersen * t.sigma)])
            commitment = CommitmentProvingKey(layout: committed, basis: FixedBase.multiplyAffine(g1, basis),
                                              basisSigma: FixedBase.multiplyAffine(g1, basis.map { $0 * t.sigma }),
                                              g: points[0], gSigmaNeg: points[1])
        }
        combined = []
        let aQuery = FixedBase.multiplyAffine(g1, u)
        u = []
        let bG1Query = FixedBase.multiplyAffine(g1, v), bG2Query = FixedBase.multiplyAffine(g2, v)
        v = []
        let lQuery = FixedBase.multiplyAffine(g1, l)
        l = []
        var hScalars = [Fr]()
        hScalars.reserveCapacity(max(0, domainSize - 1))
        var power = vanishing * deltaInverse
        for _ in 0..<max(0, domainSize - 1) { hScalars.append(power); power *= t.tau }
        return ProvingKey(
            verifyingKey: vk, betaG1: singles[1], deltaG1: singles[2], aQuery: aQuery, bG1Query: bG1Query,
            bG2Query: bG2Query, lQuery: lQuery, hQuery: FixedBase.multiplyAffine(g1, hScalars), domainSize: domainSize,
            commitment: commitment)
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
        // Without a stop request the core always returns a proof.
        prove(key: key, witness: witness, h: h, using: &rng, afterStep: { _ in true })!
    }

    /// The names of the multi-scalar multiplications, in the order the prover
    /// runs them (reported by the asynchronous prover).
    static let msmSteps = Groth16ProverPhase.multiScalarMultiplications.compactMap(\.progressStep)

    /// The prover's work, calling `afterStep` with each finished MSM's name; nil
    /// as soon as it returns false.
    static func prove<G: RandomNumberGenerator>(
        key: ProvingKey, witness: [Fr], h: [Fr], using rng: inout G, afterStep: (String) -> Bool
    ) -> Groth16Proof? {
        precondition(witness.count == key.variableCount, "the witness must assign every variable")
        precondition(h.count <= key.hQuery.count, "h has degree at least n − 1: the witness does not satisfy the QAP")
        let r = Fr.random(using: &rng), s = Fr.random(using: &rng)
        let l = key.publicInputCount
        // The committed variables are paid for by the commitment D, not by C.
        let isCommitted = committedMask(key.commitment?.layout, variableCount: witness.count)
        let privateWitness = ((l + 1)..<witness.count).filter { !isCommitted[$0] }.map { witness[$0] }
        // The five MSMs, each spread across cores by Pippenger's windows.
        let sumA = MultiScalarMultiplication.compute(points: key.aQuery, scalars: witness)
        guard afterStep(msmSteps[0]) else { return nil }
        let sumB1 = MultiScalarMultiplication.compute(points: key.bG1Query, scalars: witness)
        guard afterStep(msmSteps[1]) else { return nil }
        let sumB2 = MultiScalarMultiplication.compute(points: key.bG2Query, scalars: witness)
        guard afterStep(msmSteps[2]) else { return nil }
        let sumL = MultiScalarMultiplication.compute(points: key.lQuery, scalars: privateWitness)
        guard afterStep(msmSteps[3]) else { return nil }
        // h usually has as many coefficients as the key has H points: no copy then.
        let hPoints = h.count == key.hQuery.count ? key.hQuery : Array(key.hQuery[..<h.count])
        let sumH = MultiScalarMultiplication.compute(points: hPoints, scalars: h)
        guard afterStep(msmSteps[4]) else { return nil }
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

extension Groth16 {
    /// A proving key for a constraint system, from a seeded (INSECURE, tests and
    /// demos only) setup.
    public static func insecureSetup(constraintSystem system: ConstraintSystem, seed: UInt64,
                                     pedersenBase: PedersenBase = .random) throws -> ProvingKey {
        try insecureSetup(publicInputs: system.publicInputCount, seed: seed, committed: system.commitment,
                          pedersenBase: pedersenBase) { tau in
            try QAP.evaluate(constraintSystem: system, at: tau)
        }
    }

    /// A proving key for a circuit that is never recorded (INSECURE seeded
    /// setup): the circuit's shape is built twice, once to count its
    /// constraints (``CircuitBuilder/ConstraintStorage/discard``) and once
    /// adding each constraint into the QAP at τ as it is enforced
    /// (``CircuitBuilder/ConstraintStorage/accumulate(_:)``). The key is the one
    /// ``insecureSetup(constraintSystem:seed:pedersenBase:)`` makes from the
    /// recorded system for the same seed, bit for bit; the setup's memory is the
    /// key's plus a few values per variable, not the constraint system's
    /// (tens of gigabytes at ten million constraints).
    ///
    /// - Parameters:
    ///   - compactDomain: let the domain be 3·2ᵏ when that is smaller than the
    ///     next power of two (``EvaluationDomain/init(atLeast:compact:)``): up to
    ///     a quarter less FFT work and H query for the prover. The key records its
    ///   domain, and provers follow it.
    ///   - shape: builds the finalized shape-mode circuit with the
    ///     storage it is given; it must build the same constraints each time.
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)``.
    public static func insecureSetup(seed: UInt64, pedersenBase: PedersenBase = .random, compactDomain: Bool = false,
                                     shape: (CircuitBuilder.ConstraintStorage) throws -> CircuitBuilder) throws -> ProvingKey {
        let counted = try shape(.discard)
        let domain = try EvaluationDomain(atLeast: counted.constraintCount + counted.publicInputCount + 1,
                                          compact: compactDomain)
        return try insecureSetup(publicInputs: counted.publicInputCount, seed: seed, committed: counted.commitmentLayout,
                                 pedersenBase: pedersenBase) { tau in
            var accumulated = try shape(.accumulate(CircuitBuilder.QAPPoint(tau: tau, domainSize: domain.size)))
            return accumulated.takeQAPEvaluation()
        }
    }

    /// A proving key for a circuit, from its shape alone (INSECURE seeded setup).
    public static func insecureSetup<C: CircuitDefinition>(circuit: C, seed: UInt64) throws -> ProvingKey {
        try insecureSetup(constraintSystem: circuit.constraintSystem(), seed: seed)
    }

    /// Proves that `witness` satisfies `system`.
    ///
    /// - Throws: `R1CSError.unsatisfied` naming the first failing constraint when
    ///   the witness does not satisfy the system (no proof is made), or
    ///   ``Groth16Error/wrongPublicInputCount(expected:got:)`` when the key is for a
    ///   different shape.
    public static func prove<G: RandomNumberGenerator>(
        key: ProvingKey, constraintSystem system: ConstraintSystem, witness: [Fr], using rng: inout G
    ) throws -> Groth16Proof {
        guard system.publicInputCount == key.publicInputCount, system.variableCount == key.variableCount else {
            throw Groth16Error.wrongPublicInputCount(expected: key.publicInputCount, got: system.publicInputCount)
        }
        guard system.commitment == nil, key.commitment == nil else { throw Groth16Error.commitmentRequired }
        let h = try QAP.computeH(constraintSystem: system, witness: witness, domainSize: key.domainSize)
        return prove(key: key, witness: witness, h: h, using: &rng)
    }

    /// Proves a circuit statement: builds the witness, proves, and returns the
    /// proof with its public inputs (in `public.json` order).
    public static func prove<C: CircuitDefinition, G: RandomNumberGenerator>(
        circuit: C, witness: C.Witness, key: ProvingKey, using rng: inout G
    ) throws -> (proof: Groth16Proof, publicInputs: [Fr]) {
        let (system, assignment) = try circuit.assign(witness)
        let proof = try prove(key: key, constraintSystem: system, witness: assignment, using: &rng)
        return (proof, try system.publicInputs(from: assignment))
    }
}

/// A setup's toxic waste: τ, α, β, γ, δ, and for a commit-and-prove key σ and
/// the Pedersen base's discrete logarithm (γ when the base is γ).
struct SetupTrapdoors {
    var tau, alpha, beta, gamma, delta: Fr
    var sigma: Fr = .one, pedersen: Fr = .one
}

/// Flags the committed variables of a layout (all false without one).
func committedMask(_ layout: CommitmentLayout?, variableCount: Int) -> [Bool] {
    var mask = [Bool](repeating: false, count: variableCount)
    for v in layout?.committedVariables ?? [] where v < variableCount { mask[v] = true }
    return mask
}

/// The G2 point g under which a commit-and-prove key checks its proof of
/// knowledge, e(D, −σg)·e(π, g) = 1.
///
/// With g = γ a verifier checks both equations over five pairs instead of six:
/// raising the knowledge check to a random ρ, e(ρπ, γ)·e(Σ + D, −γ) =
/// e(Σ + D − ρπ, −γ), one pair fewer (34,000 gas on Ethereum). The knowledge
/// assumption is unchanged: the prover still sees σ only in the G1 points σKᵢ
/// and in −σγ in G2, so it can form σ·D only for D built from the Kᵢ, exactly
/// as with an independent g. Sheaf's outer proofs use `.gamma`.
public enum PedersenBase: Sendable, Equatable {
    /// An independent random point (the default, and gnark's choice).
    case random
    /// γ itself.
    case gamma
}

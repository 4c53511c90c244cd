import SheafCurve
import SheafField
import SheafHash

// Commit-and-prove Groth16 (BSB22: Botrel and El Housni, "Recursion-friendly
// commit-and-prove Groth16", ePrint 2022/1072), the extension gnark uses for
// lookups inside circuits.
//
// A circuit with lookups needs a challenge X drawn after part of its witness
// (the chunks and multiplicities, `CircuitBuilder+Lookup.swift`) is fixed. The
// setup gives those committed variables bases Kᵢ = [(β·uᵢ + α·vᵢ + wᵢ)/γ]₁, the
// form public inputs have, instead of δ-bases in the L query. The prover
// publishes D = Σ wᵢ·Kᵢ over the committed variables, X is the hash of D, and
// the verifier adds D to the public-input point:
//
//     e(A, B) = e(α, β) · e(Σ + D, γ) · e(C, δ),   Σ = IC₀ + Σⱼ xⱼ·ICⱼ + X·IC_X.
//
// D is only meaningful if it is a combination of the Kᵢ the prover knows: a
// Pedersen proof of knowledge, π = Σ wᵢ·(σ·Kᵢ) with σ known only to the setup,
// checked by e(D, −σ·g)·e(π, g) = 1. Without it a prover could move terms of C
// into D after seeing X. The commitment is deterministic, so it does not hide the
// committed values: fine for the outer recursion circuit, whose witness (inner
// proofs and keys) is public, but not a zero-knowledge commitment.
//
// Every committed variable must appear in its own constraint (as lookup chunks
// and multiplicities do), so that the Kᵢ are independent and D fixes the values.

/// The commitment part of a commit-and-prove proving key.
public struct CommitmentProvingKey: Sendable {
    /// Which variables are committed and which public input is the challenge.
    public let layout: CommitmentLayout
    /// Kᵢ = [(β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ))/γ]₁ per committed variable, in layout order.
    public let basis: [G1Affine]
    /// σ·Kᵢ, for the proof of knowledge.
    public let basisSigma: [G1Affine]
    /// g ∈ G2 (a random multiple of the generator).
    public let g: G2Affine
    /// −σ·g.
    public let gSigmaNeg: G2Affine
}

/// A commit-and-prove verifying key: a Groth16 key whose last input is the
/// lookup challenge, with the two G2 points of the knowledge check.
///
/// It is deliberately a separate type: verifying a proof of such a circuit as a
/// plain Groth16 proof would let the prover pick the challenge, which breaks the
/// lookups. Plain APIs never accept it.
public struct CommittedVerifyingKey: Hashable, Sendable {
    /// The Groth16 key; its last IC point belongs to the challenge.
    public let base: VerifyingKey
    /// g ∈ G2.
    public let g: G2Affine
    /// −σ·g ∈ G2.
    public let gSigmaNeg: G2Affine

    /// A key from valid points; `base` must have at least the challenge's IC point.
    public init(base: VerifyingKey, g: G2Affine, gSigmaNeg: G2Affine) {
        precondition(base.publicInputCount >= 1, "a commit-and-prove key has the challenge as a public input")
        self.base = base; self.g = g; self.gSigmaNeg = gSigmaNeg
    }

    /// The public inputs a statement has (the challenge, computed by the
    /// verifier, not counted).
    public var publicInputCount: Int { base.publicInputCount - 1 }

    /// ``VerifyingKey/canonicalBytes`` of the base key, then g and −σ·g (128
    /// bytes each, EIP-197). Its length tells it apart from every plain key's.
    public var canonicalBytes: [UInt8] { base.canonicalBytes + g.evmBytes + gSigmaNeg.evmBytes }

    /// Keccak-256 of ``canonicalBytes``.
    public var hash: [UInt8] { Keccak256.hash(canonicalBytes) }
}

extension ProvingKey {
    /// The verifying key of a commit-and-prove key; nil for a plain key.
    public var committedVerifyingKey: CommittedVerifyingKey? {
        commitment.map { CommittedVerifyingKey(base: verifyingKey, g: $0.g, gSigmaNeg: $0.gSigmaNeg) }
    }
}

/// A commit-and-prove Groth16 proof: (A, B, C), the commitment D and its proof
/// of knowledge π.
public struct Groth16CommittedProof: Hashable, Sendable {
    /// The Groth16 part.
    public var proof: Groth16Proof
    /// D = Σ wᵢ·Kᵢ over the committed variables.
    public var commitment: G1Affine
    /// π = Σ wᵢ·σKᵢ.
    public var knowledgeProof: G1Affine

    /// A proof from points already known to be valid.
    public init(proof: Groth16Proof, commitment: G1Affine, knowledgeProof: G1Affine) {
        self.proof = proof; self.commitment = commitment; self.knowledgeProof = knowledgeProof
    }

    /// A ‖ B ‖ C ‖ D ‖ π with EIP-197 encodings: 384 bytes.
    public var evmBytes: [UInt8] { proof.evmBytes + commitment.evmBytes + knowledgeProof.evmBytes }

    /// Decodes ``evmBytes``; every point must be valid (G1 points on the curve,
    /// B in G2). D and π may be infinity (all committed values zero).
    ///
    /// - Throws: ``Groth16Error/wrongLength(what:expected:actual:)``,
    ///   ``Groth16Error/coordinateNotInField(field:)`` or
    ///   ``Groth16Error/invalidPoint(field:reason:)``.
    public init(evmBytes bytes: [UInt8]) throws(Groth16Error) {
        guard bytes.count == 384 else {
            throw .wrongLength(what: "commit-and-prove Groth16 proof", expected: 384, actual: bytes.count)
        }
        let proof = try Groth16Proof(evmBytes: Array(bytes[0..<256]))
        let d: G1Affine = try decodeEVMPoint(field: "commitment") { try G1Affine(evmBytes: bytes[256..<320]) }
        let pi: G1Affine = try decodeEVMPoint(field: "knowledgeProof") { try G1Affine(evmBytes: bytes[320..<384]) }
        self.init(proof: proof, commitment: d, knowledgeProof: pi)
    }
}

/// The steps of a commit-and-prove Groth16 proof, in order, as
/// ``Groth16/proveCommitted(key:constraintSystem:witness:using:onPhase:)`` reports them.
public enum Groth16ProverPhase: String, Sendable {
    /// h(X), the quotient by the vanishing polynomial: the FFTs.
    case quotient = "quotient h(X) (FFTs)"
    /// D and π, two MSMs over the committed variables.
    case commitment = "commitment D and π (MSMs)"
    /// A's MSM over the key's A query (G1), the whole witness.
    case msmA = "MSM for A (G1)"
    /// B's MSM in G1 (for C), the whole witness.
    case msmBInG1 = "MSM for B (G1)"
    /// B's MSM in G2, the whole witness.
    case msmBInG2 = "MSM for B (G2)"
    /// C's MSM over the L query (G1), the private variables not committed.
    case msmL = "MSM for C over L (G1)"
    /// C's MSM over the H query (G1), h's coefficients.
    case msmH = "MSM for C over H (G1)"

    /// The key's five MSMs, in the order the prover runs them.
    public static let multiScalarMultiplications: [Groth16ProverPhase] = [.msmA, .msmBInG1, .msmBInG2, .msmL, .msmH]

    /// The short name of an MSM step in ``ProvingProgress/step`` ("A",
    /// "B in G1", "B in G2", "L", "H"); nil for the other phases.
    public var progressStep: String? {
        switch self {
        case .msmA: "A"
        case .msmBInG1: "B in G1"
        case .msmBInG2: "B in G2"
        case .msmL: "L"
        case .msmH: "H"
        case .quotient, .commitment: nil
        }
    }
}

extension Groth16 {
    /// The lookup challenge for a commitment D: Keccak-256 of D's 64-byte EVM
    /// encoding (x ‖ y, zeros for infinity), read big-endian and reduced mod r.
    /// The same computation is one KECCAK256 and one MOD on the EVM.
    public static func commitmentChallenge(_ commitment: G1Affine) -> Fr {
        Fr(reducingBigEndian: Keccak256.hash(commitment.evmBytes))
    }

    /// The challenge function a ``CircuitBuilder`` with lookups needs in witness
    /// mode to build a provable witness: the committed values, in layout order,
    /// combined with the key's bases into D, then hashed. A key whose bases do
    /// not match the committed values (a key of another circuit, read from an
    /// untrusted file) gives the challenge 0 and so an unprovable witness; the
    /// prover refuses such a key before proving
    /// (``Groth16Error/commitmentMismatch(_:)``).
    public static func commitmentChallenge(key: ProvingKey) -> @Sendable ([Fr]) -> Fr {
        commitmentChallenge(pendingKey: PendingProvingKey(key))
    }

    /// Proves a commit-and-prove circuit (one built with lookups).
    ///
    /// - Throws: ``Groth16Error/commitmentMismatch(_:)`` for a plain system or
    ///   key or one of another layout, ``Groth16Error/commitmentChallengeMismatch``
    ///   when the witness's challenge is not the hash of its commitment, and the
    ///   errors of ``prove(key:constraintSystem:witness:using:)``.
    ///
    /// - Parameter onPhase: told as each step ends (the quotient's FFTs, the
    ///   commitment, each of the key's five MSMs), for callers that time them.
    public static func proveCommitted<G: RandomNumberGenerator>(
        key: ProvingKey, constraintSystem system: ConstraintSystem, witness: [Fr], using rng: inout G,
        onPhase: ((Groth16ProverPhase) -> Void)? = nil
    ) throws -> Groth16CommittedProof {
        let (commitment, layout) = try committedKeyFits(key, layout: system.commitment, publicInputCount: system.publicInputCount,
                                                        variableCount: system.variableCount)
        let h = try QAP.computeH(constraintSystem: system, witness: witness, domainSize: key.domainSize)
        onPhase?(.quotient)
        return try proveCommitted(key: key, commitment: commitment, layout: layout, witness: witness, h: h, using: &rng, onPhase: onPhase)
    }

    /// Proves a commit-and-prove circuit straight from a finalized builder with
    /// ``CircuitBuilder/ConstraintStorage/evaluate`` storage: its row evaluations
    /// are moved out (the builder keeps no constraints), so the prover's memory is
    /// the witness, three rows and the key, not the constraint system.
    ///
    /// - Throws: as ``proveCommitted(key:constraintSystem:witness:using:onPhase:)``;
    ///   an unsatisfied row is named by its index.
    public static func proveCommitted<G: RandomNumberGenerator>(
        key: ProvingKey, builder: inout CircuitBuilder, using rng: inout G,
        onPhase: ((Groth16ProverPhase) -> Void)? = nil
    ) throws -> Groth16CommittedProof {
        let (commitment, layout) = try committedKeyFits(key, layout: builder.commitmentLayout, publicInputCount: builder.publicInputCount,
                                                        variableCount: builder.variableCount)
        let witness = builder.witness()
        let h = try QAP.computeH(rows: builder.takeRowEvaluations(), witness: witness, publicInputCount: builder.publicInputCount,
                                 domainSize: key.domainSize)
        onPhase?(.quotient)
        return try proveCommitted(key: key, commitment: commitment, layout: layout, witness: witness, h: h, using: &rng, onPhase: onPhase)
    }

    /// The key's commitment part and the circuit's layout, once both are
    /// commit-and-prove, of one layout and one shape.
    static func committedKeyFits(_ key: ProvingKey, layout: CommitmentLayout?, publicInputCount: Int,
                                 variableCount: Int) throws(Groth16Error) -> (CommitmentProvingKey, CommitmentLayout) {
        guard let layout else { throw .commitmentMismatch("the circuit has no lookups") }
        guard let commitment = key.commitment else { throw .commitmentMismatch("the key is a plain Groth16 key") }
        guard commitment.layout == layout else { throw .commitmentMismatch("the key was made for another commitment layout") }
        guard publicInputCount == key.publicInputCount, variableCount == key.variableCount else {
            throw .wrongPublicInputCount(expected: key.publicInputCount, got: publicInputCount)
        }
        return (commitment, layout)
    }

    /// The commitment, its challenge check and the Groth16 proof, once h is known.
    static func proveCommitted<G: RandomNumberGenerator>(
        key: ProvingKey, commitment: CommitmentProvingKey, layout: CommitmentLayout, witness: [Fr], h: [Fr],
        using rng: inout G, onPhase: ((Groth16ProverPhase) -> Void)?
    ) throws -> Groth16CommittedProof {
        let committedValues = layout.committedVariables.map { witness[$0] }
        let sums = G1Jacobian.batchAffine([
            MultiScalarMultiplication.compute(points: commitment.basis, scalars: committedValues),
            MultiScalarMultiplication.compute(points: commitment.basisSigma, scalars: committedValues),
        ])
        guard commitmentChallenge(sums[0]) == witness[layout.challengeVariable] else {
            throw Groth16Error.commitmentChallengeMismatch
        }
        onPhase?(.commitment)
        // Without a stop request the core always returns a proof.
        let proof = prove(key: key, witness: witness, h: h, using: &rng) { step in
            if let phase = Groth16ProverPhase.multiScalarMultiplications.first(where: { $0.progressStep == step }) { onPhase?(phase) }
            return true
        }!
        return Groth16CommittedProof(proof: proof, commitment: sums[0], knowledgeProof: sums[1])
    }

    /// ``proveCommitted(key:constraintSystem:witness:using:)`` with blinding from
    /// the system's secure generator.
    public static func proveCommitted(key: ProvingKey, constraintSystem system: ConstraintSystem,
                                      witness: [Fr]) throws -> Groth16CommittedProof {
        var generator = SystemRandomNumberGenerator()
        return try proveCommitted(key: key, constraintSystem: system, witness: witness, using: &generator)
    }

    /// Whether a commit-and-prove proof is valid for `publicInputs` (the
    /// challenge excluded: it is recomputed from D).
    ///
    /// Checks the knowledge proof e(D, −σg)·e(π, g) = 1 and the Groth16 equation
    /// with Σ + D in place of Σ, the challenge appended to the inputs.
    ///
    /// - Returns: `false` only when the well-formed proof fails either equation.
    /// - Throws: ``Groth16Error/wrongPublicInputCount(expected:got:)``.
    public static func verify(proof: Groth16CommittedProof, publicInputs: [Fr],
                              key: CommittedVerifyingKey) throws(Groth16Error) -> Bool {
        guard publicInputs.count == key.publicInputCount else {
            throw .wrongPublicInputCount(expected: key.publicInputCount, got: publicInputs.count)
        }
        guard Pairing.pairingCheck([
            (proof.commitment, G2Prepared(key.gSigmaNeg)),
            (proof.knowledgeProof, G2Prepared(key.g)),
        ]) else { return false }
        let challenge = commitmentChallenge(proof.commitment)
        let sigma = (inputCommitment(ic: key.base.ic, inputs: publicInputs + [challenge]) + proof.commitment).affine
        return Pairing.pairingCheck([
            (proof.proof.a, G2Prepared(proof.proof.b)),
            (-key.base.alpha, G2Prepared(key.base.beta)),
            (sigma, G2Prepared(-key.base.gamma)),
            (proof.proof.c, G2Prepared(-key.base.delta)),
        ])
    }
}

extension CircuitDefinition {
    /// The constraint system and witness for `witness`, with the lookup
    /// challenge drawn by `commitmentChallenge` (``Groth16/commitmentChallenge(key:)``
    /// for a witness to prove); a plain circuit ignores it.
    public func assign(_ witness: Witness, commitmentChallenge: @escaping @Sendable ([Fr]) -> Fr)
        throws -> (system: ConstraintSystem, witness: [Fr]) {
        var builder = CircuitBuilder(publicInputCount: publicInputCount, mode: .witness, lookups: lookups)
        builder.commitmentChallenge = commitmentChallenge
        try synthesize(&builder, witness: witness)
        builder.finalize()
        return (builder.constraintSystem(), builder.witness())
    }
}

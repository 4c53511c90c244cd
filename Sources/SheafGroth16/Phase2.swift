import SheafCurve
import SheafField
import SheafHash

/// Groth16's circuit-specific setup (phase 2) from powers of tau, with
/// contributions that anyone can check.
///
/// **The initial key** (``initialKey(constraintSystem:powers:)``) is a
/// deterministic function of the circuit and the powers: γ = δ = 1 (the
/// generators), and for a commit-and-prove key σ = 1 and the Pedersen base
/// g = γ. From the Lagrange basis [Lⱼ(τ)] of the QAP's domain (an inverse FFT
/// over the group),
/// - the A, B queries are Σⱼ A[j][i]·[Lⱼ(τ)]₁, Σⱼ B[j][i]·[Lⱼ(τ)]₁ and ₂;
/// - IC, the L query and the commitment bases are
///   Σⱼ (A[j][i]·[β·Lⱼ(τ)]₁ + B[j][i]·[α·Lⱼ(τ)]₁ + C[j][i]·[Lⱼ(τ)]₁);
/// - the H query is [τʲ·Z(τ)]₁ = [τⁿ⁺ʲ]₁ − [τʲ]₁.
/// It is the key Sheaf's seeded setup would make for the ceremony's τ, α, β
/// with γ = δ = σ = 1 (a test checks this with known trapdoors). It is not
/// yet secure: δ = 1 lets anyone forge.
///
/// **A contribution** (``contribute(to:using:)``) draws secret d (and s) and
/// multiplies δ by d, divides the L and H queries by d (and multiplies σ by
/// s: the σ-bases and −σg), then forgets them. The key is secure if one
/// contributor forgot. Each contribution is recorded in the key
/// (``ProvingKey/contributions``) with Schnorr proofs of knowledge of d and s,
/// bound by Fiat–Shamir to the initial key and to every earlier contribution.
///
/// **Verification** (``verify(key:initial:)``) recomputes nothing secret: it
/// checks that every part of the key but δ, L, H and σ equals the initial key,
/// that each contribution's proofs hold and its δ is the same in G1 and G2,
/// that the last contribution's δ and σ are the key's, and, by random linear
/// combinations and pairings, that the L and H queries are the initial ones
/// divided by δ and the σ-bases the bases times σ.
public enum Phase2 {
    /// The initial phase-2 key for `system` from `powers` (see ``Phase2``).
    ///
    /// - Throws: ``Phase2Error/powersTooShort(needed:available:)`` when the
    ///   circuit's domain is larger than the powers', and
    ///   ``R1CSError/domainTooLarge(requested:maximum:)``.
    public static func initialKey(constraintSystem system: ConstraintSystem, powers: Phase1Powers) throws -> ProvingKey {
        let domain = try QAP.domain(for: system)
        let n = domain.size
        guard n <= powers.domainSize else { throw Phase2Error.powersTooShort(needed: n, available: powers.domainSize) }
        let (tauL1, tauL2, alphaL, betaL) = powers.lagrangeBases(size: n)

        // Column sums over the rows: constraint j, then public row m + i (A = xᵢ).
        let count = system.variableCount
        var u1 = [G1Jacobian](repeating: .infinity, count: count), v1 = u1, combined = u1
        var v2 = [G2Jacobian](repeating: .infinity, count: count)
        func add<C>(_ sum: inout JacobianPoint<C>, _ point: AffinePoint<C>, _ k: Fr) {
            if k == .one { sum += point } else if k == -Fr.one { sum += -point } else { sum += JacobianPoint(point) * k }
        }
        for (j, constraint) in system.constraints.enumerated() {
            for t in constraint.a.terms {
                add(&u1[t.variable], tauL1[j], t.coefficient)
                add(&combined[t.variable], betaL[j], t.coefficient)
            }
            for t in constraint.b.terms {
                add(&v1[t.variable], tauL1[j], t.coefficient)
                add(&v2[t.variable], tauL2[j], t.coefficient)
                add(&combined[t.variable], alphaL[j], t.coefficient)
            }
            for t in constraint.c.terms { add(&combined[t.variable], tauL1[j], t.coefficient) }
        }
        let m = system.constraintCount, l = system.publicInputCount
        for i in 0...l {
            u1[i] += tauL1[m + i]
            combined[i] += betaL[m + i]
        }
        let combinedAffine = G1Jacobian.batchAffine(combined)
        let committed = system.commitment
        let isCommitted = committedMask(committed, variableCount: count)
        let h = G1Jacobian.batchAffine((0..<(n - 1)).map { G1Jacobian(powers.tauG1[n + $0]) + -powers.tauG1[$0] })
        let vk = VerifyingKey(alpha: powers.alphaTauG1[0], beta: powers.betaG2, gamma: .generator, delta: .generator,
                              ic: Array(combinedAffine[0...l]))
        var commitment: CommitmentProvingKey?
        if let committed {
            let basis = committed.committedVariables.map { combinedAffine[$0] }
            commitment = CommitmentProvingKey(layout: committed, basis: basis, basisSigma: basis,
                                              g: .generator, gSigmaNeg: -G2Affine.generator)
        }
        return ProvingKey(
            verifyingKey: vk, betaG1: powers.betaTauG1[0], deltaG1: .generator,
            aQuery: G1Jacobian.batchAffine(u1), bG1Query: G1Jacobian.batchAffine(v1), bG2Query: G2Jacobian.batchAffine(v2),
            lQuery: ((l + 1)..<count).filter { !isCommitted[$0] }.map { combinedAffine[$0] },
            hQuery: h, domainSize: n, commitment: commitment)
    }

    /// `key` with one more contribution: δ ← d·δ, L and H ← (1/d)·L, H, and
    /// for a commit-and-prove key σ ← s·σ, for fresh secrets d and s drawn from
    /// `rng` and forgotten on return. The contribution is appended to
    /// ``ProvingKey/contributions`` with its proofs of knowledge.
    ///
    /// - Parameter rng: the secrets' source: the system's cryptographically
    ///   secure generator for a real contribution; a seeded one only in tests.
    public static func contribute<G: RandomNumberGenerator>(to key: ProvingKey, using rng: inout G) -> ProvingKey {
        func nonzero() -> Fr { while true { let x = Fr.random(using: &rng); if !x.isZero { return x } } }
        let d = nonzero(), dInverse = d.inverse()!
        let previous = transcript(of: key)
        let deltaG1 = (G1Jacobian(key.deltaG1) * d).affine, deltaG2 = (G2Jacobian(key.verifyingKey.delta) * d).affine
        let deltaProof = SchnorrProof.prove(secret: d, base: key.deltaG1, image: deltaG1,
                                            context: previous + [0x01] + g2Bytes(deltaG2), using: &rng)
        var sigma: (image: G2Affine, proof: SchnorrProof<BN254G2Parameters>)?
        var commitment = key.commitment
        if let c = key.commitment {
            let s = nonzero()
            let image = (G2Jacobian(c.gSigmaNeg) * s).affine
            sigma = (image, SchnorrProof.prove(secret: s, base: c.gSigmaNeg, image: image,
                                               context: previous + [0x02], using: &rng))
            commitment = CommitmentProvingKey(layout: c.layout, basis: c.basis, basisSigma: scaled(c.basisSigma, by: s),
                                              g: c.g, gSigmaNeg: image)
        }
        let vk = key.verifyingKey
        var next = ProvingKey(
            verifyingKey: VerifyingKey(alpha: vk.alpha, beta: vk.beta, gamma: vk.gamma, delta: deltaG2, ic: vk.ic),
            betaG1: key.betaG1, deltaG1: deltaG1, aQuery: key.aQuery, bG1Query: key.bG1Query, bG2Query: key.bG2Query,
            lQuery: scaled(key.lQuery, by: dInverse), hQuery: scaled(key.hQuery, by: dInverse),
            domainSize: key.domainSize, commitment: commitment)
        next.contributions = key.contributions + [Phase2Contribution(
            deltaG1: deltaG1, deltaG2: deltaG2, deltaProof: deltaProof,
            sigmaNeg: sigma?.image, sigmaProof: sigma?.proof)]
        return next
    }

    /// Checks that `key` is `initial` after its recorded contributions (see
    /// ``Phase2``); `initial` is recomputed by the verifier from the circuit and
    /// the powers with ``initialKey(constraintSystem:powers:)``.
    ///
    /// - Throws: ``Phase2Error/keyMismatch(_:)`` naming the first part that
    ///   differs, ``Phase2Error/invalidContribution(index:reason:)`` naming the
    ///   first contribution that fails.
    public static func verify(key: ProvingKey, initial: ProvingKey) throws(Phase2Error) {
        guard initial.contributions.isEmpty else { throw .keyMismatch("the initial key has contributions") }
        let vk = key.verifyingKey, vk0 = initial.verifyingKey
        let fixedParts: [(String, Bool)] = [
            ("domain size", key.domainSize == initial.domainSize), ("α", vk.alpha == vk0.alpha), ("β", vk.beta == vk0.beta),
            ("[β]₁", key.betaG1 == initial.betaG1), ("γ", vk.gamma == vk0.gamma), ("IC", vk.ic == vk0.ic),
            ("A query", key.aQuery == initial.aQuery), ("B query in G1", key.bG1Query == initial.bG1Query),
            ("B query in G2", key.bG2Query == initial.bG2Query),
            ("L query length", key.lQuery.count == initial.lQuery.count),
            ("H query length", key.hQuery.count == initial.hQuery.count),
            ("commitment layout", key.commitment?.layout == initial.commitment?.layout),
            ("commitment bases", key.commitment?.basis == initial.commitment?.basis),
            ("Pedersen base", key.commitment?.g == initial.commitment?.g),
            ("σ-bases length", key.commitment?.basisSigma.count == initial.commitment?.basisSigma.count),
        ]
        if let (part, _) = fixedParts.first(where: { !$0.1 }) { throw .keyMismatch("its \(part) is not the initial key's") }

        // The chain of contributions, each proof bound to all before it.
        var deltaG1 = initial.deltaG1, deltaG2 = vk0.delta, sigma = initial.commitment?.gSigmaNeg
        var transcriptKey = initial
        for (index, c) in key.contributions.enumerated() {
            let previous = transcript(of: transcriptKey)
            guard !c.deltaG1.isInfinity, !c.deltaG2.isInfinity, c.deltaG2.isInSubgroup,
                  c.deltaProof.verify(base: deltaG1, image: c.deltaG1, context: previous + [0x01] + g2Bytes(c.deltaG2)) else {
                throw .invalidContribution(index: index, reason: "its proof of knowledge of d does not verify")
            }
            guard Pairing.pairingCheck([(c.deltaG1, .generator), (-G1Affine.generator, c.deltaG2)]) else {
                throw .invalidContribution(index: index, reason: "its δ in G1 and in G2 differ")
            }
            switch (sigma, c.sigmaNeg, c.sigmaProof) {
            case (nil, nil, nil): break
            case let (before?, image?, proof?):
                guard !image.isInfinity, image.isInSubgroup,
                      proof.verify(base: before, image: image, context: previous + [0x02]) else {
                    throw .invalidContribution(index: index, reason: "its proof of knowledge of s does not verify")
                }
                sigma = image
            default:
                throw .invalidContribution(index: index, reason: "its σ update does not match the key's kind")
            }
            deltaG1 = c.deltaG1; deltaG2 = c.deltaG2
            transcriptKey.contributions.append(c)
        }
        guard deltaG1 == key.deltaG1, deltaG2 == vk.delta else {
            throw .keyMismatch("its δ is not the last contribution's")
        }
        guard sigma == key.commitment?.gSigmaNeg else { throw .keyMismatch("its −σg is not the last contribution's") }

        // L·δ = L₀ and H·δ = H₀ (δ₀ = 1), σ-bases = σ·bases, each by one
        // random combination: e(Σ rᵢPᵢ, δ)·e(−Σ rᵢP⁰ᵢ, 1) = 1.
        var rng = SystemRandomNumberGenerator()
        func scaledBy(_ points: [G1Affine], _ initialPoints: [G1Affine], _ g2: G2Affine, _ name: String) throws(Phase2Error) {
            guard !points.isEmpty else { return }
            let r = (0..<points.count).map { _ in Fr(UInt64.random(in: 1...UInt64.max, using: &rng)) }
            let sum = MultiScalarMultiplication.compute(points: points, scalars: r).affine
            let sum0 = MultiScalarMultiplication.compute(points: initialPoints, scalars: r).affine
            guard Pairing.pairingCheck([(sum, g2), (-sum0, .generator)]) else {
                throw .keyMismatch("its \(name) is not the initial one scaled by the contributions")
            }
        }
        try scaledBy(key.lQuery, initial.lQuery, vk.delta, "L query")
        try scaledBy(key.hQuery, initial.hQuery, vk.delta, "H query")
        if let c = key.commitment, let c0 = initial.commitment {
            // basisSigma = σ·basis and −σg = −σ·[1]₂: e(Σ rᵢσKᵢ, 1)·e(Σ rᵢKᵢ, −σg) = 1.
            guard !c.basis.isEmpty else { return }
            let r = (0..<c.basis.count).map { _ in Fr(UInt64.random(in: 1...UInt64.max, using: &rng)) }
            let sigmaSum = MultiScalarMultiplication.compute(points: c.basisSigma, scalars: r).affine
            let sum = MultiScalarMultiplication.compute(points: c0.basis, scalars: r).affine
            guard Pairing.pairingCheck([(sigmaSum, .generator), (sum, c.gSigmaNeg)]) else {
                throw .keyMismatch("its σ-bases are not the bases scaled by the contributions' σ")
            }
        }
    }

    /// Fiat–Shamir context for the next contribution to `key`: SHA-256 of a
    /// domain tag, the parts every contribution keeps (n, α, β, γ, IC, the
    /// commitment bases) and every contribution so far.
    static func transcript(of key: ProvingKey) -> [UInt8] {
        var bytes = Array("sheaf groth16 phase 2, v1".utf8)
        var size = UInt64(key.domainSize)
        for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: size)); size >>= 8 }
        let vk = key.verifyingKey
        bytes += vk.alpha.evmBytes + g2Bytes(vk.beta) + g2Bytes(vk.gamma) + vk.ic.flatMap(\.evmBytes)
        if let c = key.commitment { bytes += c.basis.flatMap(\.evmBytes) + g2Bytes(c.g) }
        for contribution in key.contributions { bytes += contribution.bytes }
        return SHA256.hash(bytes)
    }

    /// Every point times `k`, across cores.
    static func scaled(_ points: [G1Affine], by k: Fr) -> [G1Affine] {
        G1Jacobian.batchAffine(Parallel.map(points.count) { G1Jacobian(points[$0]) * k })
    }
}

/// G2 coordinates in the EVM's order (x.c1, x.c0, y.c1, y.c0), 32 bytes each.
func g2Bytes(_ p: G2Affine) -> [UInt8] { p.evmBytes }

/// One recorded phase-2 contribution: δ after it in G1 and G2, −σg after it
/// for a commit-and-prove key, and the Schnorr proofs that the contributor
/// knew the factors d and s.
public struct Phase2Contribution: Sendable, Equatable {
    /// [δ]₁ after the contribution.
    public let deltaG1: G1Affine
    /// [δ]₂ after the contribution.
    public let deltaG2: G2Affine
    /// Knowledge of d with [δ]₁ = d·[δ before]₁.
    public let deltaProof: SchnorrProof<BN254G1Parameters>
    /// −σg after the contribution (commit-and-prove keys only).
    public let sigmaNeg: G2Affine?
    /// Knowledge of s with −σg = s·(−σg before).
    public let sigmaProof: SchnorrProof<BN254G2Parameters>?

    /// The canonical bytes: δ₁ (64), δ₂ (128), the δ proof (64 + 32), then for a
    /// commit-and-prove key −σg (128) and its proof (128 + 32); EVM encoding.
    public var bytes: [UInt8] {
        var out = deltaG1.evmBytes + deltaG2.evmBytes + deltaProof.bytes
        if let sigmaNeg, let sigmaProof { out += sigmaNeg.evmBytes + sigmaProof.bytes }
        return out
    }

    /// SHA-256 of ``bytes``: what a contributor publishes so that anyone can
    /// find their contribution in a key.
    public var hash: [UInt8] { SHA256.hash(bytes) }
}

/// A non-interactive Schnorr proof of knowledge of x with image = x·base: a
/// commitment T = k·base and z = k + c·x, where c = SHA-256(context, base,
/// image, T) mod r.
public struct SchnorrProof<C: EVMEncodedCurve>: Sendable, Equatable {
    /// T = k·base.
    public let commitment: AffinePoint<C>
    /// z = k + c·x.
    public let response: Fr

    /// The proof from its parts (as read from a file; check with ``verify(base:image:context:)``).
    public init(commitment: AffinePoint<C>, response: Fr) {
        self.commitment = commitment
        self.response = response
    }

    static func prove<G: RandomNumberGenerator>(secret x: Fr, base: AffinePoint<C>, image: AffinePoint<C>,
                                               context: [UInt8], using rng: inout G) -> Self {
        let k = Fr.random(using: &rng)
        let t = (JacobianPoint(base) * k).affine
        return Self(commitment: t, response: k + challenge(base: base, image: image, t: t, context: context) * x)
    }

    /// Whether z·base = T + c·image.
    public func verify(base: AffinePoint<C>, image: AffinePoint<C>, context: [UInt8]) -> Bool {
        guard commitment.isOnCurve, !base.isInfinity else { return false }
        let c = Self.challenge(base: base, image: image, t: commitment, context: context)
        return (JacobianPoint(base) * response).affine == (JacobianPoint(commitment) + JacobianPoint(image) * c).affine
    }

    static func challenge(base: AffinePoint<C>, image: AffinePoint<C>, t: AffinePoint<C>, context: [UInt8]) -> Fr {
        Fr(reducingBigEndian: SHA256.hash(context + C.evmBytes(base) + C.evmBytes(image) + C.evmBytes(t)))
    }

    /// T then z (32 bytes big-endian).
    public var bytes: [UInt8] { C.evmBytes(commitment) + response.bigEndianBytes }
}

/// A curve whose points have an EVM encoding (BN254's G1 and G2): what a
/// ``SchnorrProof`` hashes.
public protocol EVMEncodedCurve: CurveParameters {
    /// The point's EVM bytes (64 for G1, 128 for G2).
    static func evmBytes(_ point: AffinePoint<Self>) -> [UInt8]
}

extension BN254G1Parameters: EVMEncodedCurve {
    public static func evmBytes(_ point: G1Affine) -> [UInt8] { point.evmBytes }
}

extension BN254G2Parameters: EVMEncodedCurve {
    public static func evmBytes(_ point: G2Affine) -> [UInt8] { point.evmBytes }
}

/// Why a phase-2 key or its powers were refused.
public enum Phase2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The circuit needs a larger domain than the powers serve.
    case powersTooShort(needed: Int, available: Int)
    /// The powers of tau are not powers of one τ (or are malformed).
    case inconsistentPowers(String)
    /// The key is not the initial key after its contributions.
    case keyMismatch(String)
    /// A recorded contribution fails its checks.
    case invalidContribution(index: Int, reason: String)

    public var description: String {
        switch self {
        case let .powersTooShort(needed, available):
            "the circuit needs a domain of \(needed), the powers of tau serve at most \(available)"
        case let .inconsistentPowers(reason): "inconsistent powers of tau: \(reason)"
        case let .keyMismatch(reason): "not this circuit's phase-2 key: \(reason)"
        case let .invalidContribution(index, reason): "contribution \(index + 1) is invalid: \(reason)"
        }
    }
}

import SheafCurve
import SheafField
import SheafHash

/// SnarkPack's structured reference string: powers of two independent secrets a
/// and b in G1 and G2, as two powers-of-tau ceremonies would produce.
///
/// From it come the commitment keys v = (h^(aⁱ), h^(bⁱ)) in G2 and
/// w = (g^(aⁿ⁺ⁱ), g^(bⁿ⁺ⁱ)) in G1 for n proofs, and the constant-size verifier key
/// (g, h, gᵃ, gᵇ, hᵃ, hᵇ). The two secrets must come from different ceremonies:
/// anyone who knows both can forge aggregates.
public struct SnarkPackSRS: Sendable, Hashable {
    /// g^(aⁱ) for i < 2·maxProofs.
    public let gAlphaPowers: [G1Affine]
    /// g^(bⁱ) for i < 2·maxProofs.
    public let gBetaPowers: [G1Affine]
    /// h^(aⁱ) for i < maxProofs.
    public let hAlphaPowers: [G2Affine]
    /// h^(bⁱ) for i < maxProofs.
    public let hBetaPowers: [G2Affine]
    /// Whether the secrets came from seeds (tests and demos only).
    public let isInsecure: Bool

    /// The largest number of proofs (a power of two) this SRS can aggregate.
    public var maxProofs: Int { hAlphaPowers.count }

    /// An SRS whose secrets are derived from two seeds.
    ///
    /// INSECURE: anyone who knows the seeds can forge aggregate proofs. For tests
    /// and demos only; real deployments import two independent ceremonies.
    public static func insecure(maxProofs: Int, seedA: UInt64, seedB: UInt64) -> SnarkPackSRS {
        insecure(maxProofs: maxProofs, seedA: seedA, seedB: seedB, afterStep: { _ in })
    }

    /// ``insecure(maxProofs:seedA:seedB:)`` for Swift concurrency: progress after
    /// each of its four fixed-base multiplications (the powers of a and b in G1,
    /// then in G2) and task cancellation honoured between them.
    ///
    /// - Parameter progress: called with `(0, 4)` first and `(k, 4)` after the
    ///   k-th multiplication.
    /// - Throws: `CancellationError` when the task is cancelled before the SRS is
    ///   made.
    public static func insecure(maxProofs: Int, seedA: UInt64, seedB: UInt64,
                                progress: (_ completed: Int, _ total: Int) -> Void) async throws -> SnarkPackSRS {
        try Task.checkCancellation()
        return try insecure(maxProofs: maxProofs, seedA: seedA, seedB: seedB) { completed in
            progress(completed, 4)
            if completed < 4 { try Task.checkCancellation() }
        }
    }

    /// The seeded SRS, calling `afterStep(k)` before the first of its four
    /// fixed-base multiplications (k = 0) and after the k-th.
    static func insecure(maxProofs: Int, seedA: UInt64, seedB: UInt64,
                         afterStep: (Int) throws -> Void) rethrows -> SnarkPackSRS {
        precondition(maxProofs >= 2 && maxProofs & (maxProofs - 1) == 0, "maxProofs must be a power of two ≥ 2")
        var ra = SeededGenerator(seed: seedA), rb = SeededGenerator(seed: seedB)
        let a = Fr.random(using: &ra), b = Fr.random(using: &rb)
        try afterStep(0)
        let gAlpha = FixedBase.multiplyAffine(G1Jacobian.generator, powers(of: a, count: 2 * maxProofs))
        try afterStep(1)
        let gBeta = FixedBase.multiplyAffine(G1Jacobian.generator, powers(of: b, count: 2 * maxProofs))
        try afterStep(2)
        let hAlpha = FixedBase.multiplyAffine(G2Jacobian.generator, powers(of: a, count: maxProofs))
        try afterStep(3)
        let hBeta = FixedBase.multiplyAffine(G2Jacobian.generator, powers(of: b, count: maxProofs))
        try afterStep(4)
        return SnarkPackSRS(gAlphaPowers: gAlpha, gBetaPowers: gBeta, hAlphaPowers: hAlpha, hBetaPowers: hBeta, isInsecure: true)
    }

    /// 1, s, s², …, s^(count−1).
    static func powers(of s: Fr, count: Int) -> [Fr] {
        var out = [Fr](); out.reserveCapacity(count)
        var x = Fr.one
        for _ in 0..<count { out.append(x); x *= s }
        return out
    }

    /// The prover's keys for exactly `proofs` proofs (a power of two).
    public func proverKey(proofs n: Int) throws(SnarkPackError) -> SnarkPackProverKey {
        guard n >= 2, n & (n - 1) == 0 else { throw SnarkPackError.notPowerOfTwo(n) }
        guard n <= maxProofs else { throw SnarkPackError.srsTooSmall(needed: n, available: maxProofs) }
        return SnarkPackProverKey(
            n: n,
            v1: Array(hAlphaPowers[0..<n]), v2: Array(hBetaPowers[0..<n]),
            w1: Array(gAlphaPowers[n..<2 * n]), w2: Array(gBetaPowers[n..<2 * n]),
            gAlphaPowers: Array(gAlphaPowers[0..<2 * n]), gBetaPowers: Array(gBetaPowers[0..<2 * n]),
            hAlphaPowers: Array(hAlphaPowers[0..<n]), hBetaPowers: Array(hBetaPowers[0..<n]),
            verifierKey: verifierKey)
    }

    /// The constant-size verifier key.
    public var verifierKey: SnarkPackVerifierKey {
        SnarkPackVerifierKey(g: gAlphaPowers[0], h: hAlphaPowers[0], gAlpha: gAlphaPowers[1], gBeta: gBetaPowers[1],
                             hAlpha: hAlphaPowers[1], hBeta: hBetaPowers[1])
    }

    /// Whether consecutive powers are consistent: for each list, a random linear
    /// combination of e(Pᵢ₊₁, h) = e(Pᵢ, hᵃ) (and the G2 analogue) holds, both
    /// lists start at the generators, and the secrets are not degenerate (a, b ∉
    /// {0, 1} and a ≠ b, which SnarkPack's two-key commitments need). Run on any
    /// imported SRS before use.
    public func isWellFormed<G: RandomNumberGenerator>(using rng: inout G) -> Bool {
        guard maxProofs >= 2, gAlphaPowers.count == 2 * maxProofs, gBetaPowers.count == 2 * maxProofs,
              hAlphaPowers.count == maxProofs, hBetaPowers.count == maxProofs,
              gAlphaPowers[0] == .generator, gBetaPowers[0] == .generator,
              hAlphaPowers[0] == .generator, hBetaPowers[0] == .generator else { return false }
        let ga = gAlphaPowers[1], gb = gBetaPowers[1]
        guard !ga.isInfinity, !gb.isInfinity, ga != .generator, gb != .generator, ga != gb else { return false }
        let h = G2Affine.generator, g = G1Affine.generator
        func check(_ gp: [G1Affine], _ hp: [G2Affine]) -> Bool {
            // Σρᵢ·Pᵢ₊₁ paired with h must equal Σρᵢ·Pᵢ paired with hˢ, for G1 and G2.
            let rho = (0..<(gp.count - 1)).map { _ in Fr.random(using: &rng) }
            let next = MultiScalarMultiplication.compute(points: Array(gp[1...]), scalars: rho).affine
            let prev = MultiScalarMultiplication.compute(points: Array(gp[0..<gp.count - 1]), scalars: rho).affine
            let sigma = (0..<(hp.count - 1)).map { _ in Fr.random(using: &rng) }
            let nextH = MultiScalarMultiplication.compute(points: Array(hp[1...]), scalars: sigma).affine
            let prevH = MultiScalarMultiplication.compute(points: Array(hp[0..<hp.count - 1]), scalars: sigma).affine
            return Pairing.pairingCheck([(next, h), (-prev, hp[1])])
                && Pairing.pairingCheck([(g, nextH), (-gp[1], prevH)])
        }
        return check(gAlphaPowers, hAlphaPowers) && check(gBetaPowers, hBetaPowers)
    }
}

/// The commitment keys and powers a SnarkPack prover needs for n proofs.
public struct SnarkPackProverKey: Sendable {
    /// The number of proofs these keys serve (a power of two ≥ 2).
    public let n: Int
    /// The G2 commitment keys v1ᵢ = h^(aⁱ) and v2ᵢ = h^(bⁱ) for i < n.
    public let v1: [G2Affine], v2: [G2Affine]
    /// The G1 commitment keys w1ᵢ = g^(aⁿ⁺ⁱ) and w2ᵢ = g^(bⁿ⁺ⁱ) for i < n.
    public let w1: [G1Affine], w2: [G1Affine]
    let gAlphaPowers: [G1Affine], gBetaPowers: [G1Affine]
    let hAlphaPowers: [G2Affine], hBetaPowers: [G2Affine]
    /// The verifier's part of the same SRS, bound into the prover's transcript.
    public let verifierKey: SnarkPackVerifierKey
}

/// The verifier's constant-size part of the SRS.
public struct SnarkPackVerifierKey: Sendable, Hashable {
    /// The generators of G1 and G2 (the SRS's zeroth powers).
    public let g: G1Affine, h: G2Affine
    /// gᵃ and gᵇ: the first powers of the two secrets in G1.
    public let gAlpha: G1Affine, gBeta: G1Affine
    /// hᵃ and hᵇ: the first powers of the two secrets in G2.
    public let hAlpha: G2Affine, hBeta: G2Affine

    /// Keccak-256 of the six points, bound into every transcript.
    public var hash: [UInt8] {
        Keccak256.hash(g.evmBytes + h.evmBytes + gAlpha.evmBytes + gBeta.evmBytes + hAlpha.evmBytes + hBeta.evmBytes)
    }
}


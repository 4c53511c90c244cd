import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// Two target-group elements: a commitment under the a-key and the b-key.
public struct GTPair: Sendable, Hashable {
    /// The commitment under the a-key (v1, w1).
    public var first: Fp12
    /// The commitment under the b-key (v2, w2).
    public var second: Fp12
}

/// The messages of one GIPA halving round.
public struct SnarkPackRound: Sendable, Hashable {
    /// Cross commitments of (A, B): T_L commits (A_R, B_L), T_R commits (A_L, B_R).
    public var tLeft: GTPair, tRight: GTPair
    /// Cross commitments of C: U_L commits C_R, U_R commits C_L.
    public var uLeft: GTPair, uRight: GTPair
    /// Cross pairing products ∏e(A_R, B_L) and ∏e(A_L, B_R).
    public var zLeft: Fp12, zRight: Fp12
    /// Cross inner products ⟨C_R, r_L⟩ and ⟨C_L, r_R⟩.
    public var zcLeft: G1Affine, zcRight: G1Affine
}

/// A SnarkPack aggregate of n Groth16 proofs under one verifying key: 5 + 10·log₂n
/// target-group elements, 7 + 2·log₂n G1 and 5 G2 elements (n padded to a power of two).
public struct SnarkPackProof: Sendable, Hashable {
    /// The number of proofs aggregated (before padding).
    public var proofCount: Int
    /// Commitment to (A, B) and to C under the SRS keys.
    public var comAB: GTPair, comC: GTPair
    /// ∏ e(Aᵢ, Bᵢ)^(rⁱ) and Σ rⁱ·Cᵢ.
    public var ipAB: Fp12, aggC: G1Affine
    /// One entry per halving round.
    public var rounds: [SnarkPackRound]
    /// The vectors and keys folded down to single elements.
    public var finalA: G1Affine, finalB: G2Affine, finalC: G1Affine
    /// The commitment keys v1, v2 (G2) and w1, w2 (G1) folded down with the same
    /// challenges, which the KZG openings below tie back to the SRS.
    public var finalV1: G2Affine, finalV2: G2Affine, finalW1: G1Affine, finalW2: G1Affine
    /// KZG openings showing the final keys were folded from the SRS honestly.
    public var vOpening1: G2Affine, vOpening2: G2Affine, wOpening1: G1Affine, wOpening2: G1Affine
}

/// A pairing equation ∏ e(Pᵢ, Qᵢ) = target, ready to be merged with others.
public struct PairingClaim: Sendable {
    /// The pairs (Pᵢ, Qᵢ) whose pairing product is claimed.
    public var pairs: [(G1Affine, G2Prepared)]
    /// The claimed value of ∏ e(Pᵢ, Qᵢ) in G_T.
    public var target: Fp12

    /// Whether the claim holds: one Miller loop (split across cores when it has
    /// hundreds of pairs) and one final exponentiation.
    public func holds() -> Bool {
        Pairing.finalExponentiation(Pairing.parallelMillerLoop(pairs)) == target
    }
}

/// SnarkPack (Gailly–Maller–Nitulescu, FC 2022) on BN254: TIPP for
/// ∏ e(Aᵢ, Bᵢ)^(rⁱ) and MIPP for Σ rⁱ·Cᵢ, proved together with GIPA (log₂ n
/// rounds of recursive halving) and closed with KZG openings of the final
/// commitment keys. Every challenge comes from a Keccak transcript that binds the
/// SRS, the verifying key, all public inputs and every commitment before use.
///
/// Padding: n is padded to the next power of two (at least 2) by repeating the
/// last proof and its public inputs; the verifier applies the same rule, so the
/// padding proves nothing new and costs nothing extra to check.
public enum SnarkPack {
    /// The padded size for n proofs.
    public static func paddedCount(_ n: Int) -> Int {
        var m = 2
        while m < n { m <<= 1 }
        return m
    }

    /// Aggregates proofs that all verify under `key`. Invalid proofs give an
    /// aggregate that fails verification.
    public static func aggregate(
        proofs: [Groth16Proof], publicInputs: [[Fr]], key: VerifyingKey, srs: SnarkPackSRS
    ) throws(SnarkPackError) -> SnarkPackProof {
        guard !proofs.isEmpty else { throw SnarkPackError.noProofs }
        guard proofs.count == publicInputs.count else {
            throw SnarkPackError.mismatchedInputs(proofs: proofs.count, inputs: publicInputs.count)
        }
        for (i, x) in publicInputs.enumerated() where x.count != key.publicInputCount {
            throw SnarkPackError.wrongPublicInputCount(index: i, expected: key.publicInputCount, got: x.count)
        }
        let n = proofs.count
        let m = paddedCount(n)
        let pk = try srs.proverKey(proofs: m)
        let padded = proofs + [Groth16Proof](repeating: proofs[n - 1], count: m - n)
        let paddedInputs = publicInputs + [[Fr]](repeating: publicInputs[n - 1], count: m - n)

        var transcript = start(verifierKey: pk.verifierKey, key: key, inputs: paddedInputs, count: n)
        var a = padded.map(\.a), b = padded.map(\.b), c = padded.map(\.c)
        let (pb0, pv10, pv20) = (prepare(b), prepare(pk.v1), prepare(pk.v2))
        let comAB = pairCommitment(a, pb0, pv10, pv20, pk.w1, pk.w2)
        let comC = singleCommitment(c, pv10, pv20)
        absorb(&transcript, "com_ab", comAB)
        absorb(&transcript, "com_c", comC)
        let r = transcript.challengeScalar("r")
        let rPowers = powers(of: r, count: m)
        let rInversePowers = powers(of: r.inverse()!, count: m)

        // B'ᵢ = rⁱ·Bᵢ so that ∏e(Aᵢ, B'ᵢ) is the randomised product, and w'ᵢ = r⁻ⁱ·wᵢ
        // so that the commitment to (A, B') under (v, w') is still com_ab.
        b = G2Jacobian.batchAffine(Parallel.map(m) { G2Jacobian(b[$0]) * rPowers[$0] })
        var w1 = G1Jacobian.batchAffine(Parallel.map(m) { G1Jacobian(pk.w1[$0]) * rInversePowers[$0] })
        var w2 = G1Jacobian.batchAffine(Parallel.map(m) { G1Jacobian(pk.w2[$0]) * rInversePowers[$0] })
        var v1 = pk.v1, v2 = pk.v2
        var rv = rPowers
        let ipAB = Pairing.finalExponentiation(millerProduct(zip(a, prepare(b)).map { ($0, $1) }))
        let aggC = MultiScalarMultiplication.compute(points: c, scalars: rPowers).affine
        transcript.append("ip_ab", bytes: ipAB.bytes)
        transcript.append("agg_c", bytes: aggC.evmBytes)

        var rounds = [SnarkPackRound]()
        var challenges = [Fr]()
        while a.count > 1 {
            let h = a.count / 2
            let aL = Array(a[..<h]), aR = Array(a[h...]), bL = Array(b[..<h]), bR = Array(b[h...])
            let cL = Array(c[..<h]), cR = Array(c[h...])
            let v1L = Array(v1[..<h]), v1R = Array(v1[h...]), v2L = Array(v2[..<h]), v2R = Array(v2[h...])
            let w1L = Array(w1[..<h]), w1R = Array(w1[h...]), w2L = Array(w2[..<h]), w2R = Array(w2[h...])
            // Each G2 point is prepared once and used by every product it enters.
            let (pbL, pbR) = (prepare(bL), prepare(bR))
            let (pv1L, pv1R, pv2L, pv2R) = (prepare(v1L), prepare(v1R), prepare(v2L), prepare(v2R))
            let round = SnarkPackRound(
                tLeft: pairCommitment(aR, pbL, pv1L, pv2L, w1R, w2R),
                tRight: pairCommitment(aL, pbR, pv1R, pv2R, w1L, w2L),
                uLeft: singleCommitment(cR, pv1L, pv2L),
                uRight: singleCommitment(cL, pv1R, pv2R),
                zLeft: Pairing.finalExponentiation(millerProduct(zip(aR, pbL).map { ($0, $1) })),
                zRight: Pairing.finalExponentiation(millerProduct(zip(aL, pbR).map { ($0, $1) })),
                zcLeft: MultiScalarMultiplication.compute(points: cR, scalars: Array(rv[..<h])).affine,
                zcRight: MultiScalarMultiplication.compute(points: cL, scalars: Array(rv[h...])).affine)
            absorb(&transcript, round)
            let x = transcript.challengeScalar("gipa")
            let xInverse = x.inverse()!
            challenges.append(x)
            rounds.append(round)
            // A ← A_L + x·A_R, C ← C_L + x·C_R, w ← w_L + x·w_R;
            // B ← B_L + x⁻¹·B_R, v ← v_L + x⁻¹·v_R, r ← r_L + x⁻¹·r_R.
            a = foldG1(aL, aR, x); c = foldG1(cL, cR, x)
            w1 = foldG1(w1L, w1R, x); w2 = foldG1(w2L, w2R, x)
            b = foldG2(bL, bR, xInverse); v1 = foldG2(v1L, v1R, xInverse); v2 = foldG2(v2L, v2R, xInverse)
            rv = (0..<h).map { rv[$0] + xInverse * rv[$0 + h] }
        }

        var proof = SnarkPackProof(
            proofCount: n, comAB: comAB, comC: comC, ipAB: ipAB, aggC: aggC, rounds: rounds,
            finalA: a[0], finalB: b[0], finalC: c[0], finalV1: v1[0], finalV2: v2[0], finalW1: w1[0], finalW2: w2[0],
            vOpening1: .infinity, vOpening2: .infinity, wOpening1: .infinity, wOpening2: .infinity)
        absorbFinals(&transcript, proof)
        let z = transcript.challengeScalar("kzg-z")

        // KZG: the final keys are commitments to f_v and f_w; open both at z.
        let fv = keyPolynomialV(challenges: challenges, m: m)
        let fw = keyPolynomialW(challenges: challenges, r: r, m: m)
        let qv = quotient(fv, at: z), qw = quotient(fw, at: z)
        proof.vOpening1 = MultiScalarMultiplication.compute(points: Array(pk.hAlphaPowers[..<qv.count]), scalars: qv).affine
        proof.vOpening2 = MultiScalarMultiplication.compute(points: Array(pk.hBetaPowers[..<qv.count]), scalars: qv).affine
        proof.wOpening1 = MultiScalarMultiplication.compute(points: Array(pk.gAlphaPowers[..<qw.count]), scalars: qw).affine
        proof.wOpening2 = MultiScalarMultiplication.compute(points: Array(pk.gBetaPowers[..<qw.count]), scalars: qw).affine
        return proof
    }

    /// The aggregate's checks as one pairing claim (merged with transcript
    /// weights), so that a bundle can fold it into its single final
    /// exponentiation. Throws when the aggregate's shape or the statements are
    /// malformed; a claim that does not hold means some proof is invalid.
    public static func claim(
        proof: SnarkPackProof, publicInputs: [[Fr]], key: VerifyingKey, verifierKey vk: SnarkPackVerifierKey
    ) throws(SnarkPackError) -> PairingClaim {
        let n = proof.proofCount
        guard n >= 1, n == publicInputs.count else {
            throw SnarkPackError.mismatchedInputs(proofs: n, inputs: publicInputs.count)
        }
        for (i, x) in publicInputs.enumerated() where x.count != key.publicInputCount {
            throw SnarkPackError.wrongPublicInputCount(index: i, expected: key.publicInputCount, got: x.count)
        }
        let m = paddedCount(n)
        let logM = m.trailingZeroBitCount
        guard proof.rounds.count == logM else {
            throw SnarkPackError.malformedProof("\(proof.rounds.count) rounds for \(n) proofs, expected \(logM)")
        }
        let paddedInputs = publicInputs + [[Fr]](repeating: publicInputs[n - 1], count: m - n)
        // The verifier's exponentiations use cyclotomic squaring, which is only
        // correct inside the cyclotomic subgroup: reject anything outside it.
        var targetElements = [proof.comAB.first, proof.comAB.second, proof.comC.first, proof.comC.second, proof.ipAB]
        for round in proof.rounds {
            targetElements += [round.tLeft.first, round.tLeft.second, round.tRight.first, round.tRight.second,
                               round.uLeft.first, round.uLeft.second, round.uRight.first, round.uRight.second,
                               round.zLeft, round.zRight]
        }
        guard targetElements.allSatisfy(\.isInCyclotomicSubgroup) else {
            throw SnarkPackError.malformedProof("a target-group element is outside the cyclotomic subgroup")
        }

        // Replay the transcript.
        var transcript = start(verifierKey: vk, key: key, inputs: paddedInputs, count: n)
        absorb(&transcript, "com_ab", proof.comAB)
        absorb(&transcript, "com_c", proof.comC)
        let r = transcript.challengeScalar("r")
        transcript.append("ip_ab", bytes: proof.ipAB.bytes)
        transcript.append("agg_c", bytes: proof.aggC.evmBytes)
        var challenges = [Fr]()
        for round in proof.rounds {
            absorb(&transcript, round)
            challenges.append(transcript.challengeScalar("gipa"))
        }
        absorbFinals(&transcript, proof)
        let z = transcript.challengeScalar("kzg-z")

        // Fold the commitments and products with the round messages: each folded
        // value is V·∏ⱼ Lⱼ^(xⱼ)·Rⱼ^(xⱼ⁻¹), one multi-exponentiation per value.
        let inverses = challenges.map { $0.inverse()! }
        let exponents = zip(challenges, inverses).flatMap { [$0.canonicalLimbs, $1.canonicalLimbs] }
        func fold(_ start: Fp12, _ left: (SnarkPackRound) -> Fp12, _ right: (SnarkPackRound) -> Fp12) -> Fp12 {
            start * Fp12.cyclotomicMultiPower(bases: proof.rounds.flatMap { [left($0), right($0)] }, exponents: exponents)
        }
        let t = GTPair(first: fold(proof.comAB.first, \.tLeft.first, \.tRight.first),
                       second: fold(proof.comAB.second, \.tLeft.second, \.tRight.second))
        let u = GTPair(first: fold(proof.comC.first, \.uLeft.first, \.uRight.first),
                       second: fold(proof.comC.second, \.uLeft.second, \.uRight.second))
        let zab = fold(proof.ipAB, \.zLeft, \.zRight)
        let zc = G1Jacobian(proof.aggC) + MultiScalarMultiplication.compute(
            points: proof.rounds.flatMap { [$0.zcLeft, $0.zcRight] },
            scalars: zip(challenges, inverses).flatMap { [$0, $1] })

        // MIPP's last step is a plain group check: ⟨C, r⟩ folded equals r_f·C_f.
        let rFinal = foldedR(r: r, challenges: challenges, m: m)
        guard zc == G1Jacobian(proof.finalC) * rFinal else {
            // The target 0 is not in G_T, so this claim can never hold, and it
            // still merges into a bundle's single check.
            return PairingClaim(pairs: [], target: Fp12.zero)
        }

        let g = vk.g, h = vk.h
        let fvz = evaluateKeyPolynomialV(challenges: challenges, m: m, at: z)
        let fwz = evaluateKeyPolynomialW(challenges: challenges, r: r, m: m, at: z)
        // The G2 side of every equation, by slot; prepared together below.
        let g2Points: [G2Affine] = [proof.finalB, proof.finalV1, proof.finalV2, h, proof.vOpening1, proof.vOpening2,
                                    vk.hAlpha, vk.hBeta, key.beta, key.gamma, key.delta]
        let (slotB, slotV1, slotV2, slotH, slotOpening1, slotOpening2) = (0, 1, 2, 3, 4, 5)
        let (slotHAlpha, slotHBeta, slotBeta, slotGamma, slotDelta) = (6, 7, 8, 9, 10)
        let zg = G1Jacobian(g) * z

        // Each equation: pairs (G1 point, G2 slot) and target.
        var equations: [([(G1Affine, Int)], Fp12)] = []
        equations.append(([(proof.finalA, slotB)], zab))
        equations.append(([(proof.finalA, slotV1), (proof.finalW1, slotB)], t.first))
        equations.append(([(proof.finalA, slotV2), (proof.finalW2, slotB)], t.second))
        equations.append(([(proof.finalC, slotV1)], u.first))
        equations.append(([(proof.finalC, slotV2)], u.second))
        // KZG for v (G2): e(g, V) · e(−f_v(z)·g, h) · e(z·g − gᵃ, π) = 1.
        let minusFvG = (-(G1Jacobian(g) * fvz)).affine
        equations.append(([(g, slotV1), (minusFvG, slotH), ((zg - G1Jacobian(vk.gAlpha)).affine, slotOpening1)], .one))
        equations.append(([(g, slotV2), (minusFvG, slotH), ((zg - G1Jacobian(vk.gBeta)).affine, slotOpening2)], .one))
        // KZG for w (G1): e(W − f_w(z)·g + z·π, h) · e(−π, hᵃ) = 1.
        let fwG = G1Jacobian(g) * fwz
        equations.append(([((G1Jacobian(proof.finalW1) - fwG + G1Jacobian(proof.wOpening1) * z).affine, slotH),
                           (-proof.wOpening1, slotHAlpha)], .one))
        equations.append(([((G1Jacobian(proof.finalW2) - fwG + G1Jacobian(proof.wOpening2) * z).affine, slotH),
                           (-proof.wOpening2, slotHBeta)], .one))

        // Groth16 over the aggregate: e(s·α, β)·e(Σ rⁱΣᵢ, γ)·e(agg_c, δ) = ip_ab.
        let rPowers = powers(of: r, count: m)
        var weights = [Fr](repeating: .zero, count: key.ic.count)
        for i in 0..<m {
            weights[0] += rPowers[i]
            for (j, x) in paddedInputs[i].enumerated() { weights[j + 1] += rPowers[i] * x }
        }
        let sigma = MultiScalarMultiplication.compute(points: key.ic, scalars: weights).affine
        let alphaS = (G1Jacobian(key.alpha) * weights[0]).affine
        equations.append(([(alphaS, slotBeta), (sigma, slotGamma), (proof.aggC, slotDelta)], proof.ipAB))

        // Merge with 128-bit weights from the transcript: ∏ₖ (∏ e(Pₖ,Qₖ))^(cₖ) = ∏ₖ targetₖ^(cₖ).
        // The weights are drawn only after every prover message, the four KZG
        // openings included, is in the transcript (the prover draws nothing after
        // z, so absorbing them here changes no proof). Pairs that share a G2
        // point merge into one (Σ cₖPₖ, Q), and the targets are raised together
        // with shared squarings.
        transcript.append("openings", bytes: proof.vOpening1.evmBytes + proof.vOpening2.evmBytes
                            + proof.wOpening1.evmBytes + proof.wOpening2.evmBytes)
        var sums = [G1Jacobian](repeating: .infinity, count: g2Points.count)
        var targets: [Fp12] = [], targetWeights: [Limbs4] = []
        for (k, equation) in equations.enumerated() {
            let full = transcript.challengeScalar("merge-\(k)").canonicalLimbs
            let weight = Fr(canonicalLimbs: (full.0, full.1, 0, 0))
            for (p, slot) in equation.0 { sums[slot] += G1Jacobian(p) * weight }
            if !equation.1.isOne {
                targets.append(equation.1)
                targetWeights.append(weight.canonicalLimbs)
            }
        }
        let target = Fp12.cyclotomicMultiPower(bases: targets, exponents: targetWeights)
        let prepared = G2Prepared.prepareAll(g2Points)
        let pairs = zip(G1Jacobian.batchAffine(sums), prepared).filter { !$0.0.isInfinity }
        return PairingClaim(pairs: pairs, target: target)
    }

    /// Whether the aggregate proves that every proof verifies under `key`.
    public static func verify(
        proof: SnarkPackProof, publicInputs: [[Fr]], key: VerifyingKey, verifierKey: SnarkPackVerifierKey
    ) throws(SnarkPackError) -> Bool {
        try claim(proof: proof, publicInputs: publicInputs, key: key, verifierKey: verifierKey).holds()
    }

    // MARK: - Pieces shared by prover and verifier

    static func start(verifierKey: SnarkPackVerifierKey, key: VerifyingKey, inputs: [[Fr]], count: Int) -> Transcript {
        var t = Transcript(domain: "sheaf.snarkpack.v1")
        t.append("srs", bytes: verifierKey.hash)
        t.append("vk", bytes: key.hash)
        t.append("count", bytes: (0..<8).map { UInt8(truncatingIfNeeded: UInt64(count) >> UInt64(56 - 8 * $0)) })
        t.append("inputs", bytes: inputs.flatMap { $0.flatMap(\.bigEndianBytes) })
        return t
    }

    static func absorb(_ t: inout Transcript, _ label: String, _ pair: GTPair) {
        t.append(label, bytes: pair.first.bytes + pair.second.bytes)
    }

    static func absorb(_ t: inout Transcript, _ round: SnarkPackRound) {
        t.append("round", bytes: [round.tLeft.first, round.tLeft.second, round.tRight.first, round.tRight.second,
                                  round.uLeft.first, round.uLeft.second, round.uRight.first, round.uRight.second,
                                  round.zLeft, round.zRight].flatMap(\.bytes)
                  + round.zcLeft.evmBytes + round.zcRight.evmBytes)
    }

    static func absorbFinals(_ t: inout Transcript, _ p: SnarkPackProof) {
        t.append("finals", bytes: p.finalA.evmBytes + p.finalB.evmBytes + p.finalC.evmBytes + p.finalV1.evmBytes
                    + p.finalV2.evmBytes + p.finalW1.evmBytes + p.finalW2.evmBytes)
    }

    static func powers(of x: Fr, count: Int) -> [Fr] {
        var out = [Fr](); out.reserveCapacity(count)
        var p = Fr.one
        for _ in 0..<count { out.append(p); p *= x }
        return out
    }

    /// r folded through the rounds: ∏ⱼ (1 + xⱼ⁻¹·r^(m/2ʲ)).
    static func foldedR(r: Fr, challenges: [Fr], m: Int) -> Fr {
        var result = Fr.one
        var d = m / 2
        for x in challenges {
            result *= .one + x.inverse()! * r.power([UInt(d)])
            d /= 2
        }
        return result
    }

    /// Coefficients of f_v(X) = ∏ⱼ (1 + xⱼ⁻¹·X^(m/2ʲ)), degree m − 1.
    static func keyPolynomialV(challenges: [Fr], m: Int) -> [Fr] {
        productPolynomial(factors: challenges.map { $0.inverse()! }, m: m)
    }

    /// Coefficients of f_w(X) = Xᵐ·∏ⱼ (1 + xⱼ·r^(−m/2ʲ)·X^(m/2ʲ)), degree 2m − 1.
    static func keyPolynomialW(challenges: [Fr], r: Fr, m: Int) -> [Fr] {
        let rInverse = r.inverse()!
        var d = m / 2
        var factors = [Fr]()
        for x in challenges { factors.append(x * rInverse.power([UInt(d)])); d /= 2 }
        return [Fr](repeating: .zero, count: m) + productPolynomial(factors: factors, m: m)
    }

    /// ∏ⱼ (1 + cⱼ·X^(m/2ʲ)): the coefficient of Xᵉ is the product of the cⱼ whose
    /// power m/2ʲ appears in the binary expansion of e.
    static func productPolynomial(factors: [Fr], m: Int) -> [Fr] {
        var coefficients = [Fr](repeating: .one, count: m)
        for (j, c) in factors.enumerated() {
            let bit = m >> (j + 1)
            for e in 0..<m where e & bit != 0 { coefficients[e] *= c }
        }
        return coefficients
    }

    static func evaluateKeyPolynomialV(challenges: [Fr], m: Int, at z: Fr) -> Fr {
        var result = Fr.one
        var d = m / 2
        for x in challenges { result *= .one + x.inverse()! * z.power([UInt(d)]); d /= 2 }
        return result
    }

    static func evaluateKeyPolynomialW(challenges: [Fr], r: Fr, m: Int, at z: Fr) -> Fr {
        let ratio = z * r.inverse()!
        var result = z.power([UInt(m)])
        var d = m / 2
        for x in challenges { result *= .one + x * ratio.power([UInt(d)]); d /= 2 }
        return result
    }

    /// (f(X) − f(z))/(X − z) by synthetic division.
    static func quotient(_ f: [Fr], at z: Fr) -> [Fr] {
        guard f.count > 1 else { return [] }
        var q = [Fr](repeating: .zero, count: f.count - 1)
        var carry = Fr.zero
        for i in stride(from: f.count - 1, through: 1, by: -1) {
            carry = f[i] + carry * z
            q[i - 1] = carry
        }
        return q
    }

    // MARK: - Prover-side commitments (parallel over cores)

    /// The Miller loop of many pairs, across cores.
    static func millerProduct(_ pairs: [(G1Affine, G2Prepared)]) -> Fp12 { Pairing.parallelMillerLoop(pairs) }

    /// Line coefficients for every point, across cores.
    static func prepare(_ points: [G2Affine]) -> [G2Prepared] { G2Prepared.parallelPrepareAll(points) }

    /// (∏ e(Aᵢ, v1ᵢ)·e(w1ᵢ, Bᵢ), ∏ e(Aᵢ, v2ᵢ)·e(w2ᵢ, Bᵢ)).
    static func pairCommitment(_ a: [G1Affine], _ pb: [G2Prepared], _ pv1: [G2Prepared], _ pv2: [G2Prepared],
                               _ w1: [G1Affine], _ w2: [G1Affine]) -> GTPair {
        let n = a.count
        let first = millerProduct((0..<n).map { (a[$0], pv1[$0]) } + (0..<n).map { (w1[$0], pb[$0]) })
        let second = millerProduct((0..<n).map { (a[$0], pv2[$0]) } + (0..<n).map { (w2[$0], pb[$0]) })
        return GTPair(first: Pairing.finalExponentiation(first), second: Pairing.finalExponentiation(second))
    }

    /// (∏ e(Cᵢ, v1ᵢ), ∏ e(Cᵢ, v2ᵢ)).
    static func singleCommitment(_ c: [G1Affine], _ pv1: [G2Prepared], _ pv2: [G2Prepared]) -> GTPair {
        let n = c.count
        return GTPair(first: Pairing.finalExponentiation(millerProduct((0..<n).map { (c[$0], pv1[$0]) })),
                      second: Pairing.finalExponentiation(millerProduct((0..<n).map { (c[$0], pv2[$0]) })))
    }

    static func foldG1(_ left: [G1Affine], _ right: [G1Affine], _ x: Fr) -> [G1Affine] {
        G1Jacobian.batchAffine(Parallel.map(left.count) { G1Jacobian(right[$0]) * x + left[$0] })
    }

    static func foldG2(_ left: [G2Affine], _ right: [G2Affine], _ x: Fr) -> [G2Affine] {
        G2Jacobian.batchAffine(Parallel.map(left.count) { G2Jacobian(right[$0]) * x + left[$0] })
    }
}

import SheafCurve
import SheafField

/// Groth16 verification on BN254.
///
/// Verification handles public data only, so it uses SheafCurve's variable-time
/// arithmetic throughout.
public enum Groth16 {
    /// Whether `proof` is valid for `publicInputs` under a prepared key.
    ///
    /// Checks e(A, B) = e(α, β) · e(Σ, γ) · e(C, δ) with Σ = ic[0] + Σᵢ xᵢ·ic[i] as
    /// one three-pair Miller loop, e(A, B)·e(Σ, −γ)·e(C, −δ), and one final
    /// exponentiation, compared with the precomputed e(α, β). The steps are kept
    /// separate below so that a tracing variant (what an on-chain verifier pays for
    /// each) can mirror them one to one.
    ///
    /// The proof's points must be valid group elements; decoders
    /// (``SnarkJS``, ``Groth16Proof/init(evmBytes:)``) and
    /// ``Groth16Proof/init(validatingA:b:c:)`` ensure that.
    ///
    /// - Returns: `false` only when the well-formed proof does not satisfy the
    ///   verification equation.
    /// - Throws: ``Groth16Error/wrongPublicInputCount(expected:got:)``.
    public static func verify(
        proof: Groth16Proof, publicInputs: [Fr], key: PreparedVerifyingKey
    ) throws(Groth16Error) -> Bool {
        // Step 1: the statement must fit the key.
        try checkInputCount(publicInputs, key: key.key)
        // Step 2: the public-input commitment Σ (ecMul/ecAdd on chain).
        let sigma = inputCommitment(key, inputs: publicInputs).affine
        // Step 3: one Miller loop over the three pairs (ecPairing on chain).
        let f = Pairing.millerLoop([
            (proof.a, G2Prepared(proof.b)),
            (sigma, key.negativeGamma),
            (proof.c, key.negativeDelta),
        ])
        // Step 4: one final exponentiation, then compare with e(α, β).
        return Pairing.finalExponentiation(f) == key.alphaBeta
    }

    /// Whether `proof` is valid for `publicInputs` under an unprepared `key`.
    ///
    /// For a single proof, computing e(α, β) separately would cost a second final
    /// exponentiation, so this checks e(A, B)·e(−α, β)·e(Σ, −γ)·e(C, −δ) = 1 as one
    /// four-pair Miller loop and one final exponentiation instead. Prepare the key
    /// (``PreparedVerifyingKey``) when verifying several proofs under it.
    ///
    /// - Throws: ``Groth16Error/wrongPublicInputCount(expected:got:)``.
    public static func verify(
        proof: Groth16Proof, publicInputs: [Fr], key: VerifyingKey
    ) throws(Groth16Error) -> Bool {
        try checkInputCount(publicInputs, key: key)
        let sigma = inputCommitment(ic: key.ic, inputs: publicInputs).affine
        return Pairing.pairingCheck([
            (proof.a, G2Prepared(proof.b)),
            (-key.alpha, G2Prepared(key.beta)),
            (sigma, G2Prepared(-key.gamma)),
            (proof.c, G2Prepared(-key.delta)),
        ])
    }

    static func checkInputCount(_ inputs: [Fr], key: VerifyingKey) throws(Groth16Error) {
        guard inputs.count == key.publicInputCount else {
            throw .wrongPublicInputCount(expected: key.publicInputCount, got: inputs.count)
        }
    }

    /// Σ = ic[0] + Σᵢ inputs[i−1]·ic[i] from the prepared key's fixed-base tables
    /// when it has them.
    static func inputCommitment(_ key: PreparedVerifyingKey, inputs: [Fr]) -> G1Jacobian {
        guard !key.inputTables.isEmpty else { return inputCommitment(ic: key.key.ic, inputs: inputs) }
        precondition(inputs.count == key.inputTables.count, "one input per IC point after ic[0]")
        var sum = G1Jacobian(key.key.ic[0])
        for (table, x) in zip(key.inputTables, inputs) { sum = sum + table.multiply(by: x) }
        return sum
    }

    /// Σ = ic[0] + Σᵢ inputs[i−1]·ic[i]; `inputs` must have ic.count − 1 entries.
    static func inputCommitment(ic: [G1Affine], inputs: [Fr]) -> G1Jacobian {
        precondition(inputs.count == ic.count - 1, "one input per IC point after ic[0]")
        return linearCombination(points: Array(ic.dropFirst()), scalars: inputs) + ic[0]
    }
}

/// Σ scalars[i]·points[i]: every multi-scalar multiplication of the verifier and
/// the batch verifier goes through here. SheafCurve's Pippenger MSM falls back to
/// wNAF multiplications for the handful of points of a typical statement and
/// wins for keys with many public inputs and for large batches (Σρⱼ·Cⱼ).
func linearCombination(points: [G1Affine], scalars: [Fr]) -> G1Jacobian {
    MultiScalarMultiplication.compute(points: points, scalars: scalars)
}

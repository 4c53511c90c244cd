import SheafCurve
import SheafField

/// One proof of a batch: the proof, its public inputs and the key it claims.
public struct BatchEntry: Sendable {
    /// The proof; its points must be valid group elements, as for single verification.
    public var proof: Groth16Proof
    /// Its public inputs.
    public var publicInputs: [Fr]
    /// The key it is checked against; entries may use different keys.
    public var key: PreparedVerifyingKey

    /// An entry of a batch.
    public init(proof: Groth16Proof, publicInputs: [Fr], key: PreparedVerifyingKey) {
        self.proof = proof; self.publicInputs = publicInputs; self.key = key
    }
}

extension Groth16 {
    /// Whether every proof of the batch is valid, with random weights from the
    /// system CSPRNG. See ``verifyBatch(_:using:)``.
    public static func verifyBatch(_ entries: [BatchEntry]) throws(Groth16Error) -> Bool {
        var generator = SystemRandomNumberGenerator()
        return try verifyBatch(entries, using: &generator)
    }

    /// Whether every proof of the batch is valid, checked with one multi-Miller
    /// loop and one final exponentiation.
    ///
    /// Each proof j gets a random nonzero weight ρⱼ from a set of 2¹²⁸ − 1
    /// (``batchWeight(using:)``), and the batch holds when
    /// ∏ⱼ e(ρⱼAⱼ, Bⱼ) = ∏_keys e(α, β)^(Σρⱼ) · e(Σⱼ ρⱼΣⱼ, γ) · e(Σⱼ ρⱼCⱼ, δ),
    /// the product over keys taking, for each key, the proofs under it. The factor
    /// e(α, β)^(Σρ) is computed as e((Σρ)·α, β) inside the Miller loop rather than
    /// by exponentiating in G_T. That is n + 3 Miller-loop pairs for n proofs under
    /// one key (n + 3k for k keys) instead of 3n. Valid proofs always pass; if any
    /// proof is invalid the batch passes with probability at most 1/(2¹²⁸ − 1) over the
    /// weights, so `generator` must be unpredictable to whoever made the proofs
    /// (inject a seeded one only in tests).
    ///
    /// An empty batch holds.
    ///
    /// - Throws: ``Groth16Error/batchEntry(index:_:)`` wrapping
    ///   ``Groth16Error/wrongPublicInputCount(expected:got:)``.
    public static func verifyBatch<G: RandomNumberGenerator>(
        _ entries: [BatchEntry], using generator: inout G
    ) throws(Groth16Error) -> Bool {
        let batch = try PreparedBatch(entries)
        return batch.holds(entries.indices, using: &generator)
    }

    /// The indices of the invalid proofs of a batch (ascending), with random
    /// weights from the system CSPRNG. See ``invalidProofIndices(in:using:)``.
    public static func invalidProofIndices(in entries: [BatchEntry]) throws(Groth16Error) -> [Int] {
        var generator = SystemRandomNumberGenerator()
        return try invalidProofIndices(in: entries, using: &generator)
    }

    /// The indices of the invalid proofs of a batch (ascending), by bisection: a
    /// failing batch is split in halves and each half checked as a batch, down to
    /// single proofs. For k bad proofs among n that is O(k log n) batch checks;
    /// when the left half of a failing batch passes, the right half is known to
    /// fail and is split without checking it.
    ///
    /// Each proof found is certainly invalid (a single-proof batch with a nonzero
    /// weight is exactly the verification equation raised to that weight) unless a
    /// sibling batch with an invalid proof passed by chance, which has probability
    /// at most 2⁻¹²⁸ per check; likewise an invalid proof escapes with at most that
    /// probability.
    ///
    /// - Throws: ``Groth16Error/batchEntry(index:_:)`` wrapping
    ///   ``Groth16Error/wrongPublicInputCount(expected:got:)``.
    public static func invalidProofIndices<G: RandomNumberGenerator>(
        in entries: [BatchEntry], using generator: inout G
    ) throws(Groth16Error) -> [Int] {
        let batch = try PreparedBatch(entries)
        var invalid = [Int]()
        batch.bisect(entries.indices, knownToFail: false, into: &invalid, using: &generator)
        return invalid
    }

    /// A random nonzero weight ρ = ρ₁ + λ·ρ₂ (mod r) with ρ₁, ρ₂ uniform 64-bit
    /// integers, not both zero, and λ the GLV eigenvalue (φ(P) = [λ]P on G1).
    ///
    /// Soundness needs 2¹²⁸ equally likely weights; this gives 2¹²⁸ − 1 distinct
    /// ones: two pairs with the same ρ would differ by a nonzero (d₁, d₂) with
    /// |dᵢ| < 2⁶⁴ and d₁ + λ·d₂ ≡ 0 (mod r), a vector of the GLV lattice shorter
    /// than its shortest vector (about 2¹²⁷ long). Speed: GLV splits ρ back into
    /// (ρ₁, ρ₂), so ρ·A costs about 64 doublings instead of the 127 a plain
    /// 128-bit weight costs.
    static func batchWeight<G: RandomNumberGenerator>(using generator: inout G) -> Fr {
        while true {
            let low = generator.next(), high = generator.next()
            if low | high != 0 {
                return Fr(canonicalLimbs: (UInt(low), 0, 0, 0)) + GLV.lambda * Fr(canonicalLimbs: (UInt(high), 0, 0, 0))
            }
        }
    }
}

/// A batch with its per-proof work done once: B's Miller-loop lines (reused by
/// every sub-batch during bisection) and the grouping of proofs by key.
struct PreparedBatch {
    /// The distinct keys, in order of first use.
    let keys: [PreparedVerifyingKey]
    /// For each entry, its index in `keys`.
    let keyIndex: [Int]
    let a: [G1Affine]
    let bLines: [G2Prepared]
    let c: [G1Affine]
    let inputs: [[Fr]]

    init(_ entries: [BatchEntry]) throws(Groth16Error) {
        var keys = [PreparedVerifyingKey]()
        var position = [VerifyingKey: Int]()
        var keyIndex = [Int]()
        keyIndex.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            do {
                try Groth16.checkInputCount(entry.publicInputs, key: entry.key.key)
            } catch {
                throw .batchEntry(index: index, error)
            }
            if let existing = position[entry.key.key] {
                keyIndex.append(existing)
            } else {
                position[entry.key.key] = keys.count
                keyIndex.append(keys.count)
                keys.append(entry.key)
            }
        }
        self.keys = keys
        self.keyIndex = keyIndex
        self.a = entries.map(\.proof.a)
        self.bLines = G2Prepared.parallelPrepareAll(entries.map(\.proof.b))
        self.c = entries.map(\.proof.c)
        self.inputs = entries.map(\.publicInputs)
    }

    /// The per-key sums of one random linear combination.
    private struct KeyAccumulator {
        var weightSum = Fr.zero
        /// Σⱼ ρⱼ·xⱼᵢ for each public input i.
        var inputWeights: [Fr]
        var cPoints = [G1Affine]()
        var cWeights = [Fr]()
    }

    /// Whether the entries at `indices` pass one randomised batch check.
    func holds<G: RandomNumberGenerator>(_ indices: Range<Int>, using generator: inout G) -> Bool {
        if indices.isEmpty { return true }
        var accumulators = [KeyAccumulator?](repeating: nil, count: keys.count)
        // The weights are drawn in order (the generator is not shared across
        // threads); the n multiplications ρⱼ·Aⱼ then run across cores.
        let weights = indices.map { _ in Groth16.batchWeight(using: &generator) }
        var g1 = Parallel.map(indices.count) { G1Jacobian(a[indices.lowerBound + $0]).multiplied(by: weights[$0]) }
        var g2 = indices.map { bLines[$0] }
        g1.reserveCapacity(indices.count + 3 * keys.count)
        g2.reserveCapacity(indices.count + 3 * keys.count)
        for (j, rho) in zip(indices, weights) {
            let k = keyIndex[j]
            var acc = accumulators[k] ?? KeyAccumulator(
                inputWeights: [Fr](repeating: .zero, count: keys[k].key.publicInputCount))
            acc.weightSum += rho
            for (i, x) in inputs[j].enumerated() { acc.inputWeights[i] += rho * x }
            acc.cPoints.append(c[j])
            acc.cWeights.append(rho)
            accumulators[k] = acc
        }
        for (k, entry) in accumulators.enumerated() {
            guard let acc = entry else { continue }
            let key = keys[k]
            // e(α, β)^(Σρ) moves to the left as e(−(Σρ)·α, β).
            g1.append(-G1Jacobian(key.key.alpha).multiplied(by: acc.weightSum))
            g2.append(key.beta)
            // Σⱼ ρⱼΣⱼ = (Σρ)·ic[0] + Σᵢ (Σⱼ ρⱼxⱼᵢ)·ic[i], paired with −γ.
            g1.append(linearCombination(points: key.key.ic, scalars: [acc.weightSum] + acc.inputWeights))
            g2.append(key.negativeGamma)
            // Σⱼ ρⱼCⱼ, paired with −δ.
            g1.append(linearCombination(points: acc.cPoints, scalars: acc.cWeights))
            g2.append(key.negativeDelta)
        }
        let affine = G1Jacobian.batchAffine(g1)
        return Pairing.finalExponentiation(Pairing.parallelMillerLoop(Array(zip(affine, g2)))).isOne
    }

    /// Appends to `invalid` the indices of the bad entries among `indices`.
    /// `knownToFail` says a batch check of exactly these entries would fail, so
    /// it need not be run.
    func bisect<G: RandomNumberGenerator>(
        _ indices: Range<Int>, knownToFail: Bool, into invalid: inout [Int], using generator: inout G
    ) {
        if indices.isEmpty { return }
        if !knownToFail && holds(indices, using: &generator) { return }
        if indices.count == 1 {
            invalid.append(indices.lowerBound)
            return
        }
        let middle = indices.lowerBound + indices.count / 2
        let left = indices.lowerBound..<middle, right = middle..<indices.upperBound
        if holds(left, using: &generator) {
            bisect(right, knownToFail: true, into: &invalid, using: &generator)
        } else {
            bisect(left, knownToFail: true, into: &invalid, using: &generator)
            bisect(right, knownToFail: false, into: &invalid, using: &generator)
        }
    }
}

import SheafCurve
import SheafField
import SheafHash

/// Groth16 verification performed the way an Ethereum contract performs it:
/// every curve operation goes through Sheaf's byte-exact BN254 precompiles
/// (`EVMPrecompiles.ecAdd/ecMul/ecPairing`) with exactly the input bytes the
/// contract would pass, and each step is recorded in an ``EVMTrace`` as it runs.
///
/// The gas model (SheafGas) prices these traces, so the gas figure comes from
/// the code path that verifies, not from a separate formula: change the
/// verification and the trace changes with it.
public enum EVMGroth16Verifier {
    /// The 4-byte selector of the snarkjs verifier's
    /// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[ℓ])`.
    public static func selector(publicInputs: Int) -> [UInt8] {
        Array(Keccak256.hash(Array("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[\(publicInputs)])".utf8)).prefix(4))
    }

    /// The calldata the snarkjs Solidity verifier receives: selector, A, B (with
    /// each Fp2 coordinate imaginary part first, as EIP-197 orders it), C and the
    /// public inputs, 32 bytes each (fixed-size arrays carry no ABI offsets).
    public static func calldata(proof: Groth16Proof, publicInputs: [Fr]) -> [UInt8] {
        selector(publicInputs: publicInputs.count) + proof.evmBytes + publicInputs.flatMap(\.bigEndianBytes)
    }

    /// Verifies one proof as the snarkjs Solidity verifier does, recording its
    /// steps: calldata, memory, ℓ × (ECMUL + ECADD) for the input commitment, one
    /// 4-pair ECPAIRING.
    public static func verify(proof: Groth16Proof, publicInputs: [Fr], key: VerifyingKey,
                              trace: inout EVMTrace) throws(Groth16Error) -> Bool {
        guard publicInputs.count == key.publicInputCount else {
            throw .wrongPublicInputCount(expected: key.publicInputCount, got: publicInputs.count)
        }
        trace.recordCalldata(calldata(proof: proof, publicInputs: publicInputs),
                             label: "calldata: verifyProof(a, b, c, input[\(publicInputs.count)])")
        trace.record(.memory(words: 32), label: "memory: free pointer 0x80 + pLastMem 896 bytes (snarkjs layout)")
        var vkX = key.ic[0].evmBytes
        for (i, x) in publicInputs.enumerated() {
            let product = try precompile(.ecMul, key.ic[i + 1].evmBytes + x.bigEndianBytes, "input \(i + 1) · IC[\(i + 1)]", &trace)
            vkX = try precompile(.ecAdd, vkX + product, "vk_x += input \(i + 1) · IC[\(i + 1)]", &trace)
        }
        let input = (-proof.a).evmBytes + proof.b.evmBytes + key.alpha.evmBytes + key.beta.evmBytes
            + vkX + key.gamma.evmBytes + proof.c.evmBytes + key.delta.evmBytes
        let output = try precompile(.ecPairing(pairs: 4), input, "e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1", &trace)
        return output.last == 1
    }

    /// One proof of a batch, with the verifying key it claims.
    public struct Statement: Sendable {
        /// The proof.
        public var proof: Groth16Proof
        /// Its public inputs, in circuit order.
        public var publicInputs: [Fr]
        /// The verifying key the proof claims.
        public var key: VerifyingKey
        /// A statement from its three parts (not checked until verified).
        public init(proof: Groth16Proof, publicInputs: [Fr], key: VerifyingKey) {
            self.proof = proof; self.publicInputs = publicInputs; self.key = key
        }
    }

    /// Verifies many proofs in one transaction by one random linear combination,
    /// as a bundle contract would, recording its steps.
    ///
    /// Contract: `verifyBundle(bytes32[] keys, uint256[] proofs, uint256[] inputs,
    /// uint256[] proofsPerKey)`; keys registered once beforehand as contract code
    /// (one cold SLOAD and one EXTCODECOPY each); a Fiat–Shamir seed over keys,
    /// proofs and inputs; weights ρⱼ = keccak(seed ‖ j) mod 2¹²⁸; per proof ρⱼ·Aⱼ
    /// and ρⱼ·Cⱼ; per key −(Σρ)·α, the input combination Σᵢ(Σⱼρⱼxⱼᵢ)·ICᵢ and Σρⱼ·Cⱼ;
    /// one ECPAIRING over n + 3k pairs (the β pair folded into the α term).
    public static func verifyBatch(_ statements: [Statement], trace: inout EVMTrace) throws(Groth16Error) -> Bool {
        guard !statements.isEmpty else { return true }
        for (i, s) in statements.enumerated() where s.publicInputs.count != s.key.publicInputCount {
            throw .batchEntry(index: i, .wrongPublicInputCount(expected: s.key.publicInputCount, got: s.publicInputs.count))
        }
        // Group by key, keeping first-appearance order.
        var keyOrder: [[UInt8]] = [], groups: [[UInt8]: [Statement]] = [:]
        for s in statements {
            let h = s.key.hash
            if groups[h] == nil { keyOrder.append(h) }
            groups[h, default: []].append(s)
        }
        let k = keyOrder.count, n = statements.count
        let inputTotal = statements.reduce(0) { $0 + $1.publicInputs.count }
        func word(_ v: Int) -> [UInt8] { [UInt8](repeating: 0, count: 24) + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(v) >> UInt64(56 - 8 * $0)) } }
        let ordered = keyOrder.flatMap { groups[$0]! }
        let proofBytes = ordered.flatMap(\.proof.evmBytes), inputBytes = ordered.flatMap { $0.publicInputs.flatMap(\.bigEndianBytes) }
        var call = Array(Keccak256.hash(Array("verifyBundle(bytes32[],uint256[],uint256[],uint256[])".utf8)).prefix(4))
        call += word(128) + word(160 + 32 * k) + word(192 + 32 * k + 256 * n) + word(224 + 32 * k + 256 * n + 32 * inputTotal)
        call += word(k) + keyOrder.flatMap { $0 } + word(8 * n) + proofBytes + word(inputTotal) + inputBytes
        call += word(k) + keyOrder.flatMap { word(groups[$0]!.count) }
        trace.recordCalldata(call, label: "calldata: verifyBundle(keys[\(k)], proofs[\(8 * n)], inputs[\(inputTotal)], proofsPerKey[\(k)])")
        let pairs = n + 3 * k
        trace.record(.memory(words: 4 + max(6 * pairs, (proofBytes.count + inputBytes.count) / 32 + 1)),
                     label: "memory: pairing input of \(pairs) pairs or the hashed bundle")
        for h in keyOrder {
            trace.record(.sload(cold: true), label: "registry: code address of each key")
            trace.record(.externalCodeCopy(bytes: groups[h]![0].key.canonicalBytes.count, cold: true),
                         label: "load each verifying key (SSTORE2 code)")
        }
        trace.record(.copy(bytes: proofBytes.count + inputBytes.count), label: "copy proofs and inputs to memory")
        let seedInput = keyOrder.flatMap { $0 } + proofBytes + inputBytes
        let seed = Keccak256.hash(seedInput)
        trace.record(.keccak256(bytes: seedInput.count), label: "Fiat–Shamir seed: keccak(keys ‖ proofs ‖ inputs)")

        var pairing = [UInt8]()
        var j = 0
        for h in keyOrder {
            let group = groups[h]!, key = group[0].key
            var weightSum = Fr.zero
            var inputWeights = [Fr](repeating: .zero, count: key.ic.count)
            var sumC: [UInt8]? = nil
            for s in group {
                let digest = Keccak256.hash(seed + word(j))
                trace.record(.keccak256(bytes: 64), label: "weight ρⱼ = keccak(seed ‖ j) mod 2¹²⁸")
                let rho = Fr(canonicalLimbs: Limbs.fromBigEndian([UInt8](repeating: 0, count: 16) + digest[16..<32]))
                let weightedA = try precompile(.ecMul, s.proof.a.evmBytes + rho.bigEndianBytes, "ρⱼ·Aⱼ", &trace)
                pairing += weightedA + s.proof.b.evmBytes
                trace.record(.fieldArithmetic(op: .frMul, count: s.publicInputs.count), label: "ρⱼ·xⱼᵢ for each input")
                trace.record(.fieldArithmetic(op: .frAdd, count: s.publicInputs.count + 1), label: "Σρ and Σⱼ ρⱼ·xⱼᵢ")
                weightSum += rho
                inputWeights[0] += rho
                for (i, x) in s.publicInputs.enumerated() { inputWeights[i + 1] += rho * x }
                let weightedC = try precompile(.ecMul, s.proof.c.evmBytes + rho.bigEndianBytes, "ρⱼ·Cⱼ", &trace)
                if let acc = sumC {
                    sumC = try precompile(.ecAdd, acc + weightedC, "Σⱼ ρⱼ·Cⱼ within each key", &trace)
                } else {
                    sumC = weightedC
                }
                j += 1
            }
            let alphaTerm = try precompile(.ecMul, (-key.alpha).evmBytes + weightSum.bigEndianBytes, "−(Σρ)·α of each key", &trace)
            var sigma = [UInt8]()
            for (i, w) in inputWeights.enumerated() {
                let term = try precompile(.ecMul, key.ic[i].evmBytes + w.bigEndianBytes,
                                          "input combination: (Σⱼ ρⱼ·xⱼᵢ)·IC[i] of each key", &trace)
                sigma = i == 0 ? term : try precompile(.ecAdd, sigma + term, "input combination: accumulate of each key", &trace)
            }
            // e(ρA, B)… · e(−Σρ·α, β) · e(−Σ, γ) · e(−ΣρC, δ) = 1; negation is a
            // subtraction modulo p on the y word, free next to the precompiles.
            pairing += alphaTerm + key.beta.evmBytes
            pairing += negate(sigma) + key.gamma.evmBytes
            pairing += negate(sumC!) + key.delta.evmBytes
        }
        let output = try precompile(.ecPairing(pairs: pairs), pairing, "one pairing check over n + 3k = \(n) + 3·\(k) pairs", &trace)
        return output.last == 1
    }

    /// The EVM encoding of −P from the encoding of P.
    static func negate(_ bytes: [UInt8]) -> [UInt8] {
        guard let p = try? G1Affine(evmBytes: bytes) else { return bytes }
        return (-p).evmBytes
    }

    /// Calls a precompile with `input`, recording the call and the precompile.
    static func precompile(_ step: EVMStep, _ input: [UInt8], _ label: String, _ trace: inout EVMTrace) throws(Groth16Error) -> [UInt8] {
        trace.record(.staticCall(cold: false), label: "call \(step.precompileName) (precompile, warm)")
        trace.record(step, label: label)
        do {
            switch step {
            case .ecAdd: return try EVMPrecompiles.ecAdd(input)
            case .ecMul: return try EVMPrecompiles.ecMul(input)
            default: return try EVMPrecompiles.ecPairing(input)
            }
        } catch {
            throw .precompileRejected("\(step.precompileName): \(error)")
        }
    }
}

extension EVMStep {
    /// The precompile's name, for labels.
    var precompileName: String {
        switch self {
        case .ecAdd: return "ECADD"
        case .ecMul: return "ECMUL"
        case .ecPairing: return "ECPAIRING"
        default: return "\(self)"
        }
    }
}

import Foundation
import SheafCurve
import SheafEthereum
import SheafField
import SheafGroth16
import SheafHash

/// Traces of Sheaf's own contracts, the ones the EVM tests run: the exported
/// Vyper verifier for a proof alone, and `SheafSettlement.settle` for a bundle,
/// each priced from its calldata, its precompile calls and the contract's own
/// work as calibrated in revm (``ContractCalibration``). The settlement
/// contract's per-application records (the root, one log per application) are
/// part of its calibrated work, so estimates built on these traces use
/// ``Bookkeeping/none``. SnarkPack on chain has no contract and stays modelled.
public struct MeasuredSettlementTraces: SettlementTraces {
    private let reference = ReferenceSettlementTraces()
    private let samples = Samples()
    /// What the bundle's distinct keys have in common, which `settle` turns
    /// into fewer pairing pairs.
    public let keySharing: KeySharing

    /// Which parts of the verifying keys a hypothetical bundle's keys share.
    /// `settle` merges the pairs of keys whose α and β, or whose γ, are the
    /// first key's into that key's (e(P₁, Q)·e(P₂, Q) = e(P₁ + P₂, Q)).
    public enum KeySharing: String, Sendable, CaseIterable {
        /// Keys made by separate setups (Sheaf's own, gnark's, arkworks'): 3 pairs a key.
        case none
        /// snarkjs keys: γ is always the G2 generator, so the γ pairs merge (2 pairs a key).
        case gamma
        /// snarkjs keys from one powers-of-tau file: α, β and γ shared (1 pair a key).
        case setup

        /// What is shared, in words ("" for none).
        public var sharedParts: String {
            switch self {
            case .none: return ""
            case .gamma: return "γ (snarkjs keys: the G2 generator)"
            case .setup: return "α, β and γ (snarkjs keys from one powers-of-tau file)"
            }
        }

        /// Keys, beyond the first, that share the first key's α and β; its γ.
        func shared(keys: Int) -> (alphaBeta: Int, gamma: Int) {
            let others = max(keys - 1, 0)
            switch self {
            case .none: return (0, 0)
            case .gamma: return (0, others)
            case .setup: return (others, others)
            }
        }
    }

    /// The provider, for keys that share `keySharing`.
    public init(keySharing: KeySharing = .none) { self.keySharing = keySharing }

    /// Says what is measured and what is modelled.
    public var provenance: String {
        "measured: Sheaf's Vyper contracts (exported verifier; SheafSettlement.settle) executed in \(ContractCalibration.current.source), "
            + "priced from their calldata bytes, precompile calls and calibrated execution; SnarkPack on-chain: modelled (no EVM contract)"
            + (keySharing == .none ? "" : "; distinct keys share \(keySharing.sharedParts), merged into the first key's pairs")
    }

    /// The exported verifier's trace for a sample proof with `publicInputs` inputs.
    public func individual(publicInputs: Int) throws(GasError) -> EVMTrace {
        guard publicInputs >= 0 else {
            throw .invalidParameter(name: "publicInputs", reason: "must not be negative (got \(publicInputs))")
        }
        let (proof, inputs) = samples.proof(publicInputs: publicInputs)
        return SettlementGas.verifierTrace(proof: proof, publicInputs: inputs)
    }

    /// `settle`'s trace for a bundle of `shape`, with sample calldata laid out
    /// exactly as the contract receives it (sample key hashes, application words,
    /// proofs and inputs).
    public func batched(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        var keyHashes = [[UInt8]](), claims = [(applicationIDHash: [UInt8], keyIndex: Int, proof: [UInt8])](), inputs = [[UInt8]]()
        var keyInputs = 0
        for (c, circuit) in shape.circuits.enumerated() {
            keyHashes.append(Keccak256.hash(Array("sheaf.sample.key.\(c)".utf8)))
            keyInputs += circuit.publicInputs
            for _ in 0..<circuit.proofs {
                let (proof, x) = samples.proof(publicInputs: circuit.publicInputs, index: claims.count)
                claims.append((Keccak256.hash(Array("sheaf.sample.app.\(claims.count)".utf8)), c, proof.evmBytes))
                inputs += x.map(\.bigEndianBytes)
            }
        }
        let calldata = SettlementCalldata.settle(keyHashes: keyHashes, claims: claims, inputs: inputs)
        let shared = keySharing.shared(keys: shape.circuitCount)
        return SettlementGas.settleTrace(calldata: calldata, shape: .init(
            claims: shape.proofCount, keys: shape.circuitCount, runs: shape.circuitCount,
            claimInputs: shape.publicInputTotal, runInputs: keyInputs,
            sharedAlphaBeta: shared.alphaBeta, sharedGamma: shared.gamma))
    }

    /// The settle calls of a bundle of `shape`, as ``SettlementPlanner``
    /// makes them: one call when the bundle is within the contract's bounds
    /// (n + 3k pairs less the shared ones, k keys); otherwise aligned parts of the largest
    /// power-of-two size that keeps every part within them, then `settleTree`
    /// over the parts' roots. Claims go in order, circuit by circuit.
    public func batchedTransactions(_ shape: BundleShape) throws(GasError) -> [(shape: BundleShape?, trace: EVMTrace)] {
        let bounds = ContractCalibration.current.settle
        if let wide = shape.circuits.first(where: { $0.publicInputs > bounds.maximumInputsPerKey }) {
            throw .invalidBundle("SheafSettlement takes keys with at most \(bounds.maximumInputsPerKey) public inputs (got \(wide.publicInputs))")
        }
        // The circuit of every claim, in order.
        let circuitOf = shape.circuits.indices.flatMap { [Int](repeating: $0, count: shape.circuits[$0].proofs) }
        func part(_ range: Range<Int>) -> [BundleShape.Circuit] {
            var out = [BundleShape.Circuit](), last = -1
            for c in circuitOf[range] {
                if c == last { out[out.count - 1].proofs += 1 } else { out.append(.init(proofs: 1, publicInputs: shape.circuits[c].publicInputs)) }
                last = c
            }
            return out
        }
        func fits(_ range: Range<Int>) -> Bool {
            let circuits = part(range).count
            let shared = keySharing.shared(keys: circuits)
            return range.count + 3 * circuits - shared.alphaBeta - shared.gamma <= bounds.maximumPairs && circuits <= bounds.maximumKeys
        }
        let n = circuitOf.count
        let width = SettlementPlanner.partWidth(count: n, maximum: bounds.maximumPairs - 3, fits: fits)
        var out = [(shape: BundleShape?, trace: EVMTrace)]()
        for start in stride(from: 0, to: n, by: width) {
            let settled = try BundleShape(circuits: part(start..<min(start + width, n)))
            out.append((settled, try batched(settled)))
        }
        if out.count > 1 { out.append((nil, SettlementGas.settleTreeTrace(parts: out.count))) }
        return out
    }

    /// The reference model's SnarkPack trace (modelled: no EVM SnarkPack verifier).
    public func snarkPack(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        try reference.snarkPack(shape)
    }

    /// Sample proofs from trapdoor keys, cached: a few distinct proofs per input
    /// count stand for any number of them (only their bytes reach the trace).
    private final class Samples: @unchecked Sendable {
        static let distinct = 8
        private let lock = NSLock()
        private var cache: [Int: [(Groth16Proof, [Fr])]] = [:]

        func proof(publicInputs: Int, index: Int = 0) -> (Groth16Proof, [Fr]) {
            if let pool = lock.withLock({ cache[publicInputs] }) { return pool[index % pool.count] }
            var rng = SeededGenerator(seed: 2026 &+ UInt64(publicInputs))
            let key = InsecureTrapdoorKey(publicInputs: publicInputs, seed: 4052 &+ UInt64(publicInputs))
            let pool = (0..<Self.distinct).map { _ -> (Groth16Proof, [Fr]) in
                let x = (0..<publicInputs).map { _ in Fr.random(using: &rng) }
                return (key.prove(x, using: &rng), x)
            }
            lock.withLock { cache[publicInputs] = pool }
            return pool[index % pool.count]
        }
    }
}

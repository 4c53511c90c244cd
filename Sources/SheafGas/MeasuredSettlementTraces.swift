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

    /// The provider.
    public init() {}

    /// Says what is measured and what is modelled.
    public var provenance: String {
        "measured: Sheaf's Vyper contracts (exported verifier; SheafSettlement.settle) executed in \(ContractCalibration.current.source), "
            + "priced from their calldata bytes, precompile calls and calibrated execution; SnarkPack on-chain: modelled (no EVM contract)"
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
        return SettlementGas.settleTrace(calldata: calldata, shape: .init(
            claims: shape.proofCount, keys: shape.circuitCount, runs: shape.circuitCount,
            claimInputs: shape.publicInputTotal, runInputs: keyInputs))
    }

    /// The settle calls of a bundle of `shape`, as ``SettlementPlanner``
    /// makes them: one call when the bundle is within the contract's bounds
    /// (n + 3k pairs, k keys); otherwise aligned parts of the largest
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
            return range.count + 3 * circuits <= bounds.maximumPairs && circuits <= bounds.maximumKeys
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

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

    /// The settle calls of a bundle of `shape` in the contract's bounds
    /// (n + 3k pairs and k keys per call): claims go in order, circuit by
    /// circuit, and a call is closed when the next claim would not fit, as
    /// ``SettlementPlanner`` does.
    public func batchedTransactions(_ shape: BundleShape) throws(GasError) -> [(shape: BundleShape, trace: EVMTrace)] {
        let bounds = ContractCalibration.current.settle
        if let wide = shape.circuits.first(where: { $0.publicInputs > bounds.maximumInputsPerKey }) {
            throw .invalidBundle("SheafSettlement takes keys with at most \(bounds.maximumInputsPerKey) public inputs (got \(wide.publicInputs))")
        }
        var parts = [[BundleShape.Circuit]](), current = [BundleShape.Circuit]()
        var claims = 0
        for circuit in shape.circuits {
            var left = circuit.proofs
            while left > 0 {
                let keys = current.count + 1
                let room = min(bounds.maximumPairs - 3 * keys - claims, left)
                if room < 1 || keys > bounds.maximumKeys {
                    parts.append(current); current = []; claims = 0
                    continue
                }
                current.append(.init(proofs: room, publicInputs: circuit.publicInputs))
                claims += room; left -= room
            }
        }
        if !current.isEmpty { parts.append(current) }
        return try parts.map { circuits throws(GasError) in
            let part = try BundleShape(circuits: circuits)
            return (part, try batched(part))
        }
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

import Foundation
import SheafCurve
import SheafField
import SheafGroth16

/// Traces recorded by running Sheaf's EVM-equivalent verifiers
/// (`EVMGroth16Verifier`) on valid sample proofs of the requested shape.
///
/// The individual and batched figures are therefore measured from code that
/// verifies through the byte-exact precompiles, not written out by hand. The
/// sample proofs come from keys with a known trapdoor (`InsecureTrapdoorKey`),
/// which gives valid proofs of any shape cheaply; gas depends only on the
/// shape and the calldata bytes, not on how a proof was made. The SnarkPack
/// mode has no EVM verifier in Sheaf, so it uses the reference model.
public struct VerifierSettlementTraces: SettlementTraces {
    private let reference = ReferenceSettlementTraces()
    private let seed: UInt64
    private let cache = TraceCache()

    /// A provider whose sample proofs derive from `seed`.
    public init(seed: UInt64 = 2026) { self.seed = seed }

    /// Traces already recorded, by shape: the estimator probes the same shapes
    /// repeatedly while searching for break-even sizes.
    private final class TraceCache: @unchecked Sendable {
        private let lock = NSLock()
        private var individual: [Int: EVMTrace] = [:]
        private var batched: [BundleShape: EVMTrace] = [:]
        func individual(_ key: Int, _ make: () throws(GasError) -> EVMTrace) throws(GasError) -> EVMTrace {
            if let hit = lock.withLock({ individual[key] }) { return hit }
            let trace = try make()
            lock.withLock { individual[key] = trace }
            return trace
        }
        func batched(_ key: BundleShape, _ make: () throws(GasError) -> EVMTrace) throws(GasError) -> EVMTrace {
            if let hit = lock.withLock({ batched[key] }) { return hit }
            let trace = try make()
            lock.withLock { batched[key] = trace }
            return trace
        }
    }

    /// Bundles larger than this are priced with the reference trace of the same
    /// contract, which the test suite checks against executed traces up to this
    /// size; executing the verifier for every size the estimator probes (up to
    /// thousands of proofs) would take minutes.
    public static let maxExecutedProofs = 64

    /// Says which figures were recorded by executing the verifiers and which come
    /// from the reference model.
    public var provenance: String {
        "recorded by Sheaf's EVM-equivalent Groth16 verifiers while they verify sample proofs through the byte-exact "
            + "BN254 precompiles (single proof: the snarkjs verifier's steps; bundle: one RLC pairing check, executed up to "
            + "\(Self.maxExecutedProofs) proofs, beyond that the contract's reference trace, which the tests match to the "
            + "executed one); SnarkPack on-chain: reference model (no EVM SnarkPack verifier exists in Sheaf)"
    }

    /// The trace ``EVMGroth16Verifier`` records verifying one sample proof with
    /// `publicInputs` inputs (cached per input count).
    public func individual(publicInputs: Int) throws(GasError) -> EVMTrace {
        try cache.individual(publicInputs) { () throws(GasError) -> EVMTrace in try recordIndividual(publicInputs: publicInputs) }
    }

    /// The trace of one batched verification of sample proofs of `shape`, recorded
    /// up to ``maxExecutedProofs`` proofs and taken from the reference model beyond.
    public func batched(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        if shape.proofCount > Self.maxExecutedProofs { return try reference.batched(shape) }
        return try cache.batched(shape) { () throws(GasError) -> EVMTrace in try recordBatched(shape) }
    }

    private func recordIndividual(publicInputs: Int) throws(GasError) -> EVMTrace {
        guard publicInputs >= 0 else {
            throw .invalidParameter(name: "publicInputs", reason: "must not be negative (got \(publicInputs))")
        }
        var rng = SeededGenerator(seed: seed)
        let key = InsecureTrapdoorKey(publicInputs: publicInputs, seed: seed &+ UInt64(publicInputs))
        let inputs = (0..<publicInputs).map { _ in Fr.random(using: &rng) }
        var trace = EVMTrace()
        let valid: Bool
        do { valid = try EVMGroth16Verifier.verify(proof: key.prove(inputs, using: &rng), publicInputs: inputs, key: key.key, trace: &trace) } catch {
            throw .invalidParameter(name: "publicInputs", reason: "the sample verification failed: \(error)")
        }
        guard valid else { throw .invalidParameter(name: "publicInputs", reason: "the sample proof did not verify") }
        return trace
    }

    private func recordBatched(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        var rng = SeededGenerator(seed: seed)
        var statements = [EVMGroth16Verifier.Statement]()
        for (c, circuit) in shape.circuits.enumerated() {
            let key = InsecureTrapdoorKey(publicInputs: circuit.publicInputs, seed: seed &+ 1000 &+ UInt64(c))
            for _ in 0..<circuit.proofs {
                let inputs = (0..<circuit.publicInputs).map { _ in Fr.random(using: &rng) }
                statements.append(.init(proof: key.prove(inputs, using: &rng), publicInputs: inputs, key: key.key))
            }
        }
        var trace = EVMTrace()
        let valid: Bool
        do { valid = try EVMGroth16Verifier.verifyBatch(statements, trace: &trace) } catch {
            throw .invalidBundle("the sample batch verification failed: \(error)")
        }
        guard valid else { throw .invalidBundle("the sample batch did not verify") }
        return trace
    }

    /// The reference model's SnarkPack trace: Sheaf has no EVM SnarkPack verifier.
    public func snarkPack(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        try reference.snarkPack(shape)
    }
}

import SheafCurve

/// The composition of a bundle: for each verifying key (circuit), how many proofs
/// and how many public inputs each of them has.
///
/// Costs depend on the composition, not just on the number of proofs: a random
/// linear combination needs n + 3k pairing pairs for n proofs under k keys, and
/// SnarkPack aggregates per key.
public struct BundleShape: Equatable, Hashable, Sendable, Codable {
    /// Proofs under one verifying key.
    public struct Circuit: Equatable, Hashable, Sendable, Codable {
        /// Proofs in the bundle under this key (at least 1).
        public var proofs: Int
        /// Public inputs of each proof (ℓ ≥ 0).
        public var publicInputs: Int

        /// A circuit's share of a bundle; checked by ``BundleShape/init(circuits:)``.
        public init(proofs: Int, publicInputs: Int) {
            self.proofs = proofs
            self.publicInputs = publicInputs
        }
    }

    /// The circuits, in bundle order.
    public let circuits: [Circuit]

    /// A bundle of the given circuits.
    ///
    /// - Throws: ``GasError/invalidBundle(_:)`` when there is no circuit, a circuit
    ///   has no proof, or a count is negative.
    public init(circuits: [Circuit]) throws(GasError) {
        guard !circuits.isEmpty else { throw .invalidBundle("a bundle needs at least one circuit") }
        for (index, circuit) in circuits.enumerated() {
            guard circuit.proofs >= 1 else {
                throw .invalidBundle("circuit \(index) has \(circuit.proofs) proofs; each circuit needs at least one")
            }
            guard circuit.publicInputs >= 0 else {
                throw .invalidBundle("circuit \(index) has \(circuit.publicInputs) public inputs")
            }
        }
        self.circuits = circuits
    }

    /// `proofs` proofs spread as evenly as possible over `circuits` keys (the first
    /// `proofs mod circuits` keys get one more), all with `publicInputs` inputs.
    ///
    /// - Throws: ``GasError/invalidBundle(_:)`` unless 1 ≤ circuits ≤ proofs and
    ///   publicInputs ≥ 0.
    public init(proofs: Int, circuits: Int, publicInputs: Int) throws(GasError) {
        guard circuits >= 1, proofs >= circuits else {
            throw .invalidBundle("\(proofs) proofs cannot come from \(circuits) circuits (need 1 ≤ circuits ≤ proofs)")
        }
        let base = proofs / circuits, extra = proofs % circuits
        try self.init(circuits: (0..<circuits).map {
            Circuit(proofs: base + ($0 < extra ? 1 : 0), publicInputs: publicInputs)
        })
    }

    /// Number of proofs n.
    public var proofCount: Int { circuits.reduce(0) { $0 + $1.proofs } }

    /// Number of distinct verifying keys k.
    public var circuitCount: Int { circuits.count }

    /// Public inputs over all proofs, Σ nᵢ·ℓᵢ.
    public var publicInputTotal: Int { circuits.reduce(0) { $0 + $1.proofs * $1.publicInputs } }
}

/// How a settlement contract tells each application that its proof was verified.
///
/// Verifying a bundle is not enough: each application must later find out that its
/// statement was accepted, so the contract records one entry per proof.
public enum Bookkeeping: String, Equatable, Sendable, Codable, CaseIterable {
    /// `verified[keccak(vkHash ‖ inputs)] = true`: a cold zero→nonzero `SSTORE`
    /// (22,100 gas) that any contract can read later.
    case storage
    /// An event `Verified(vkHash, statementId)`: `LOG2` without data (1,125 gas);
    /// cheaper, but only off-chain readers (and proofs against receipts) see it.
    case log
    /// No per-application record (verification only).
    case none

    /// Appends the bookkeeping steps for every proof of `shape`.
    public func record(into trace: inout EVMTrace, shape: BundleShape) {
        guard self != .none else { return }
        for circuit in shape.circuits {
            for _ in 0..<circuit.proofs {
                trace.record(.keccak256(bytes: 32 + 32 * circuit.publicInputs),
                             label: "bookkeeping: statement id keccak(vkHash ‖ inputs)")
                switch self {
                case .storage:
                    trace.record(.sstore(.set, cold: true), label: "bookkeeping: verified[statement] = true")
                case .log:
                    trace.record(.log(topics: 2, dataBytes: 0), label: "bookkeeping: event Verified(vkHash, statement)")
                case .none:
                    break
                }
            }
        }
    }
}

/// Where the steps of each settlement mode come from.
///
/// SheafGas only prices; it does not verify. A provider returns the trace an
/// on-chain verifier records for each mode. ``ReferenceSettlementTraces`` builds
/// them from the structure of the reference Solidity verifiers; once SheafGroth16
/// and SheafAggregation record their own traces while verifying, a provider backed
/// by those plugs in here unchanged.
public protocol SettlementTraces: Sendable {
    /// Where the traces come from, shown to users (for example under `--explain`).
    var provenance: String { get }

    /// One proof with `publicInputs` inputs verified alone, in its own transaction
    /// (calldata included).
    func individual(publicInputs: Int) throws(GasError) -> EVMTrace

    /// Every proof of `shape` checked in one transaction by one
    /// random-linear-combination pairing check (calldata included, bookkeeping not).
    func batched(_ shape: BundleShape) throws(GasError) -> EVMTrace

    /// The SnarkPack aggregates of `shape` (one per verifying key) verified by an
    /// EVM contract in one transaction (calldata included, bookkeeping not).
    func snarkPack(_ shape: BundleShape) throws(GasError) -> EVMTrace

    /// The batched bundle as the transactions that settle it, each with the
    /// part of `shape` it settles (`nil` for a transaction that settles no
    /// proof of its own, such as combining the parts' roots): one unless the
    /// contract's bounds split the bundle (as `sheaf settle` does).
    func batchedTransactions(_ shape: BundleShape) throws(GasError) -> [(shape: BundleShape?, trace: EVMTrace)]
}

extension SettlementTraces {
    /// One transaction for the whole bundle.
    public func batchedTransactions(_ shape: BundleShape) throws(GasError) -> [(shape: BundleShape?, trace: EVMTrace)] {
        [(shape, try batched(shape))]
    }
}

extension SettlementTraces {
    /// ``batched(_:)`` for `proofs` proofs spread over `circuits` keys with
    /// `publicInputs` inputs each.
    public func batched(proofs: Int, circuits: Int, publicInputs: Int) throws(GasError) -> EVMTrace {
        try batched(BundleShape(proofs: proofs, circuits: circuits, publicInputs: publicInputs))
    }

    /// ``snarkPack(_:)`` for `proofs` proofs spread over `circuits` keys with
    /// `publicInputs` inputs each.
    public func snarkPack(proofs: Int, circuits: Int, publicInputs: Int) throws(GasError) -> EVMTrace {
        try snarkPack(BundleShape(proofs: proofs, circuits: circuits, publicInputs: publicInputs))
    }
}

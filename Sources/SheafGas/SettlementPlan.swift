import SheafAggregation
import SheafCurve
import SheafEthereum
import SheafField
import SheafGroth16
import SheafHash

/// Everything needed to settle a bundle on `SheafSettlement`: the transactions
/// in the order to send them (key registrations first), each with complete
/// calldata and its expected gas, and one receipt per settled statement with
/// the root and Merkle path that `isSettled` checks.
public struct SettlementPlan: Sendable {
    /// One transaction of the plan.
    public struct Transaction: Sendable {
        /// What the transaction does.
        public enum Kind: Sendable, Equatable {
            /// `registerKey` for the key with this hash.
            case registerKey(keyHash: [UInt8])
            /// `settle` of claims `range` of the plan's claims, recording `root`.
            case settle(root: [UInt8], range: Range<Int>)
        }
        /// What it does.
        public let kind: Kind
        /// The complete calldata, selector included.
        public let calldata: [UInt8]
        /// The gas it is expected to use, from the calibrated contract model.
        public let expectedGas: Int
    }

    /// What one statement's application gets: where its statement was settled
    /// and what it paid.
    public struct Receipt: Sendable {
        /// The application id, as in the bundle.
        public let applicationID: String
        /// The statement (application id word ‖ statement hash) that was settled.
        public let claim: SettlementClaim
        /// The root recorded by the statement's `settle` transaction.
        public let root: [UInt8]
        /// The Merkle path from the statement's leaf to ``root``.
        public let path: MerkleInclusionProof
        /// Its share of the settle transaction's gas: the transaction's gas split
        /// evenly over the statements it settles (registrations are one-off and
        /// listed separately).
        public let gasShare: Int

        /// The `isSettled` call that confirms this statement on chain.
        public var isSettledCalldata: [UInt8] {
            SettlementCalldata.isSettled(root: root, applicationIDHash: claim.applicationIDHash,
                                         statementHash: claim.statementHash, path: path)
        }
    }

    /// The claims settled, in manifest order (without any dropped ones).
    public let claims: [SettlementClaim]
    /// The transactions, in the order to send them.
    public let transactions: [Transaction]
    /// One receipt per settled claim, in manifest order.
    public let receipts: [Receipt]
    /// Indices into the bundle's manifest of proofs left out as invalid.
    public let dropped: [Int]
    /// The fork whose gas cap the plan respects.
    public let schedule: ForkSchedule

    /// Whether the statements needed more than one settle transaction, so each
    /// part recorded its own root instead of the bundle's manifest root.
    public var isSplit: Bool { transactions.filter { if case .settle = $0.kind { return true } else { return false } }.count > 1 }
}

/// Why a bundle cannot be settled.
public enum SettlementPlanError: Error, Equatable, CustomStringConvertible {
    /// Statements whose proofs travel only inside a SnarkPack aggregate and were
    /// not supplied separately.
    case missingRawProofs(applications: [String])
    /// Invalid proofs, by application, found before any calldata was written.
    case invalidProofs(applications: [String])
    /// A supplied raw proof belongs to no statement of the bundle, or disagrees
    /// with the statement's key or inputs.
    case unmatchedProof(application: String, reason: String)
    /// A single statement cannot be settled: too many public inputs for the
    /// contract, or too much gas for one transaction under the fork's cap.
    case statementTooLarge(application: String, reason: String)
    /// Nothing left to settle.
    case empty
    /// A proof could not be checked at all (malformed key or inputs).
    case unusable(String)

    public var description: String {
        switch self {
        case .missingRawProofs(let apps):
            return "\(apps.count) statement(s) are covered only by SnarkPack aggregates and no EVM can check those; supply their raw proofs (\(Self.list(apps)))"
        case .invalidProofs(let apps):
            return "\(apps.count) invalid proof(s): \(Self.list(apps))"
        case .unmatchedProof(let app, let reason):
            return "the raw proof given for '\(app)' does not fit the bundle: \(reason)"
        case .statementTooLarge(let app, let reason):
            return "'\(app)' cannot be settled: \(reason)"
        case .empty:
            return "no statement is left to settle"
        case .unusable(let reason):
            return reason
        }
    }

    static func list(_ apps: [String]) -> String {
        apps.prefix(8).joined(separator: ", ") + (apps.count > 8 ? ", …" : "")
    }
}

/// Turns a bundle into a ``SettlementPlan``.
public enum SettlementPlanner {
    /// The plan that settles every statement of `bundle`.
    ///
    /// Every proof is checked first (one batch check, bisection when it fails);
    /// an invalid proof refuses the whole plan, naming its application, unless
    /// `dropInvalid` is set, in which case it is left out. Statements are settled
    /// in manifest order; when they do not fit in one transaction under the
    /// fork's gas cap (EIP-7825 from Osaka), they are split into consecutive
    /// parts, each recording its own root.
    ///
    /// - Parameters:
    ///   - rawProofs: proofs for statements the bundle covers only by SnarkPack
    ///     aggregates, keyed by application id (one proof per application; a
    ///     bundle whose applications repeat must carry those proofs itself).
    ///   - schedule: the fork (its gas cap and prices).
    ///   - dropInvalid: leave invalid proofs out instead of refusing.
    public static func plan(bundle: ProofBundle, rawProofs: [String: Groth16Proof] = [:], schedule: ForkSchedule,
                            dropInvalid: Bool = false) throws(SettlementPlanError) -> SettlementPlan {
        let items = bundle.manifestItems
        var claims = [SettlementClaim](), missing = [String]()
        for item in items {
            let id = item.statement.applicationID
            guard let proof = item.proof ?? rawProofs[id] else { missing.append(id); continue }
            claims.append(SettlementClaim(applicationID: id, key: item.key, publicInputs: item.statement.publicInputs, proof: proof))
        }
        guard missing.isEmpty else { throw .missingRawProofs(applications: missing) }
        let invalid = try invalidIndices(claims)
        if !invalid.isEmpty && !dropInvalid { throw .invalidProofs(applications: invalid.map { claims[$0].applicationID }) }
        let dropSet = Set(invalid)
        let kept = claims.indices.filter { !dropSet.contains($0) }.map { claims[$0] }
        guard !kept.isEmpty else { throw .empty }
        return try plan(claims: kept, dropped: invalid, schedule: schedule)
    }

    /// The plan for claims already checked, in the order given.
    public static func plan(claims: [SettlementClaim], dropped: [Int] = [], schedule: ForkSchedule) throws(SettlementPlanError) -> SettlementPlan {
        guard !claims.isEmpty else { throw .empty }
        let cap = schedule.maximumTransactionGas
        var transactions = [SettlementPlan.Transaction]()
        for key in SettlementCalldata.distinctKeys(claims) {
            let calldata = SettlementCalldata.registerKey(key)
            transactions.append(.init(kind: .registerKey(keyHash: key.hash), calldata: calldata,
                                      expectedGas: SettlementGas.registerKey(key, calldata: calldata, schedule: schedule)))
        }
        var receipts = [SettlementPlan.Receipt]()
        let bounds = ContractCalibration.current.settle
        for claim in claims where claim.publicInputs.count > bounds.maximumInputsPerKey {
            throw .statementTooLarge(application: claim.applicationID,
                                     reason: "\(claim.publicInputs.count) public inputs; SheafSettlement takes keys with at most \(bounds.maximumInputsPerKey)")
        }
        var start = 0
        while start < claims.count {
            // The longest run from `start` within the contract's bounds and the
            // fork's gas cap: both grow with every claim, so bisect on its length.
            func fits(_ count: Int) -> Bool {
                let part = Array(claims[start..<start + count])
                let shape = SettlementGas.SettleShape(part)
                return shape.pairs <= bounds.maximumPairs && shape.keys <= bounds.maximumKeys
                    && SettlementGas.settle(part, schedule: schedule) <= cap
            }
            guard fits(1) else {
                throw .statementTooLarge(application: claims[start].applicationID,
                                         reason: "settling it alone needs \(SettlementGas.settle([claims[start]], schedule: schedule)) gas, above the transaction cap of \(cap)")
            }
            var low = 1, high = min(claims.count - start, bounds.maximumPairs - 3)
            while low < high {
                let mid = (low + high + 1) / 2
                if fits(mid) { low = mid } else { high = mid - 1 }
            }
            let part = Array(claims[start..<start + low])
            let calldata = SettlementCalldata.settle(part)
            let gas = SettlementGas.settle(part, calldata: calldata, schedule: schedule)
            let tree = KeccakMerkleTree(leaves: part.map(\.leafBytes))
            transactions.append(.init(kind: .settle(root: tree.root, range: start..<start + low), calldata: calldata, expectedGas: gas))
            for (i, claim) in part.enumerated() {
                receipts.append(.init(applicationID: claim.applicationID, claim: claim, root: tree.root,
                                      path: tree.proof(forLeaf: i), gasShare: gas / part.count))
            }
            start += low
        }
        return SettlementPlan(claims: claims, transactions: transactions, receipts: receipts, dropped: dropped, schedule: schedule)
    }

    /// The indices of invalid proofs among `claims`: one batch check, bisection
    /// only when it fails.
    static func invalidIndices(_ claims: [SettlementClaim]) throws(SettlementPlanError) -> [Int] {
        var prepared = [[UInt8]: PreparedVerifyingKey]()
        for claim in claims where prepared[claim.key.hash] == nil { prepared[claim.key.hash] = PreparedVerifyingKey(claim.key) }
        let batch = claims.map { BatchEntry(proof: $0.proof, publicInputs: $0.publicInputs, key: prepared[$0.key.hash]!) }
        do { return try Groth16.invalidProofIndices(in: batch) } catch {
            throw .unusable("the proofs could not be checked: \(error)")
        }
    }
}

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
            /// `settleTree` over the parts' roots, recording the bundle's `root`.
            case settleTree(root: [UInt8], parts: Int)
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
        /// The root the statement is settled under: the manifest root of the
        /// settled statements (the bundle's own, unless invalid proofs were dropped).
        public let root: [UInt8]
        /// The Merkle path from the statement's leaf to ``root``.
        public let path: MerkleInclusionProof
        /// Its share of the settlement: the settle transactions' gas (and
        /// `settleTree`'s) split evenly over the statements (registrations are
        /// one-off and listed separately).
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

    /// Whether the statements needed more than one settle transaction (parts
    /// that `settleTree` then combines into the bundle's root).
    public var isSplit: Bool { transactions.filter { if case .settle = $0.kind { return true } else { return false } }.count > 1 }
}

/// Why a bundle cannot be settled.
public enum SettlementPlanError: Error, Equatable, CustomStringConvertible {
    /// Statements whose proofs travel only inside a SnarkPack aggregate and were
    /// not supplied separately.
    case missingRawProofs(applications: [String])
    /// Invalid proofs, by application, found before any calldata was written.
    case invalidProofs(applications: [String])
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
    /// in manifest order; when they do not fit in one call (the contract's
    /// bounds, the fork's gas cap: EIP-7825 from Osaka), they are split into
    /// aligned parts of a power-of-two size and a final `settleTree` records
    /// the bundle's own manifest root.
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
            if let committed = item.committed {
                claims.append(SettlementClaim(applicationID: id, committedKey: committed.key,
                                              publicInputs: item.statement.publicInputs, proof: committed.proof))
                continue
            }
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
        let bounds = ContractCalibration.current.settle
        for claim in claims where claim.publicInputs.count > bounds.maximumInputsPerKey {
            throw .statementTooLarge(application: claim.applicationID,
                                     reason: "\(claim.publicInputs.count) public inputs; SheafSettlement takes keys with at most \(bounds.maximumInputsPerKey)")
        }
        for key in SettlementCalldata.distinctKeys(claims) {
            let calldata = SettlementCalldata.registerKey(key)
            transactions.append(.init(kind: .registerKey(keyHash: key.hash), calldata: calldata,
                                      expectedGas: SettlementGas.registerKey(key, calldata: calldata, schedule: schedule)))
        }
        // A part fits one settle call when it is within the contract's bounds
        // and the fork's gas cap.
        func fits(_ range: Range<Int>) -> Bool {
            let part = Array(claims[range])
            let shape = SettlementGas.SettleShape(part)
            return shape.pairs <= bounds.maximumPairs && shape.keys <= bounds.maximumKeys
                && shape.committedKeys <= bounds.maximumCommittedKeys
                && SettlementGas.settle(part, schedule: schedule) <= cap
        }
        for i in claims.indices where !fits(i..<i + 1) {
            throw .statementTooLarge(application: claims[i].applicationID,
                                     reason: "settling it alone needs \(SettlementGas.settle([claims[i]], schedule: schedule)) gas, above the transaction cap of \(cap)")
        }
        let width = SettlementPlanner.partWidth(count: claims.count, maximum: bounds.maximumPairs - 3) { fits($0) }
        let tree = KeccakMerkleTree(leaves: claims.map(\.leafBytes))
        var partRoots = [[UInt8]](), settleGas = 0
        for start in stride(from: 0, to: claims.count, by: width) {
            let range = start..<min(start + width, claims.count)
            let part = Array(claims[range])
            let calldata = SettlementCalldata.settle(part)
            let gas = SettlementGas.settle(part, calldata: calldata, schedule: schedule)
            let root = KeccakMerkleTree(leaves: part.map(\.leafBytes)).root
            transactions.append(.init(kind: .settle(root: root, range: range), calldata: calldata, expectedGas: gas))
            partRoots.append(root)
            settleGas += gas
        }
        if partRoots.count > 1 {
            let calldata = SettlementCalldata.settleTree(roots: partRoots)
            let gas = SettlementGas.price(SettlementGas.settleTreeTrace(parts: partRoots.count, calldata: calldata), schedule)
            transactions.append(.init(kind: .settleTree(root: tree.root, parts: partRoots.count), calldata: calldata, expectedGas: gas))
            settleGas += gas
        }
        let receipts = claims.enumerated().map { i, claim in
            SettlementPlan.Receipt(applicationID: claim.applicationID, claim: claim, root: tree.root,
                                   path: tree.proof(forLeaf: i), gasShare: settleGas / claims.count)
        }
        return SettlementPlan(claims: claims, transactions: transactions, receipts: receipts, dropped: dropped, schedule: schedule)
    }

    /// How many statements each settle call takes: all of them when they fit
    /// one call; otherwise the largest power of two w for which every aligned
    /// part [i·w, (i+1)·w) fits, so that each part is a whole subtree of the
    /// bundle's Merkle tree and `settleTree` can record the bundle's own root.
    public static func partWidth(count: Int, maximum: Int, fits: (Range<Int>) -> Bool) -> Int {
        if fits(0..<count) { return count }
        var width = 1
        while width * 2 <= min(maximum, count) { width *= 2 }
        while width > 1 && !stride(from: 0, to: count, by: width).allSatisfy({ fits($0..<min($0 + width, count)) }) {
            width /= 2
        }
        return width
    }

    /// The indices of invalid proofs among `claims`: one batch check, bisection
    /// only when it fails.
    static func invalidIndices(_ claims: [SettlementClaim]) throws(SettlementPlanError) -> [Int] {
        // Plain claims: one batch check, bisection when it fails; commit-and-prove
        // claims one by one.
        let plain = claims.indices.filter { claims[$0].committed == nil }
        var prepared = [[UInt8]: PreparedVerifyingKey]()
        for i in plain where prepared[claims[i].key.hash] == nil { prepared[claims[i].key.hash] = PreparedVerifyingKey(claims[i].key) }
        let batch = plain.map { BatchEntry(proof: claims[$0].proof, publicInputs: claims[$0].publicInputs, key: prepared[claims[$0].key.hash]!) }
        var invalid: [Int]
        do { invalid = try Groth16.invalidProofIndices(in: batch).map { plain[$0] } } catch {
            throw .unusable("the proofs could not be checked: \(error)")
        }
        for (i, claim) in claims.enumerated() {
            guard let committed = claim.committed else { continue }
            let proof = Groth16CommittedProof(proof: claim.proof, commitment: committed.commitment, knowledgeProof: committed.knowledgeProof)
            do {
                if !(try Groth16.verify(proof: proof, publicInputs: claim.publicInputs, key: committed.key)) { invalid.append(i) }
            } catch {
                throw .unusable("the proofs could not be checked: \(error)")
            }
        }
        return invalid.sorted()
    }
}

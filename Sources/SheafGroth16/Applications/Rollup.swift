import SheafField
import SheafHash

/// An account of the rollup: leaf Poseidon(pubkey, balance, nonce) of the state tree.
public struct RollupAccount: Equatable, Hashable, Sendable {
    /// The owner's public key (any field element; signatures are checked outside
    /// this circuit, see ``RollupCircuit``).
    public var publicKey: Fr
    /// The balance, below 2⁶⁴.
    public var balance: UInt64
    /// The number of transfers sent so far; a transfer must carry the current value.
    public var nonce: UInt64

    /// An account.
    public init(publicKey: Fr, balance: UInt64, nonce: UInt64 = 0) {
        self.publicKey = publicKey
        self.balance = balance
        self.nonce = nonce
    }

    /// The unused slot: all zero. Its leaf Poseidon(0, 0, 0) is the state tree's
    /// empty leaf, so an unused slot can receive funds like any account.
    public static let empty = RollupAccount(publicKey: .zero, balance: 0, nonce: 0)

    /// Poseidon(pubkey, balance, nonce).
    public var leaf: Fr {
        // Three inputs are always supported.
        try! Poseidon.hash([publicKey, Fr(balance), Fr(nonce)])
    }
}

/// One balance transfer.
public struct RollupTransfer: Equatable, Hashable, Sendable {
    /// The sender's account index.
    public var from: Int
    /// The receiver's account index (may equal `from`).
    public var to: Int
    /// The amount moved.
    public var amount: UInt64
    /// The sender's nonce before the transfer.
    public var nonce: UInt64

    /// A transfer.
    public init(from: Int, to: Int, amount: UInt64, nonce: UInt64) {
        self.from = from
        self.to = to
        self.amount = amount
        self.nonce = nonce
    }

    /// The transfer's fields as the circuit and the commitment see them.
    var fields: [Fr] { [Fr(UInt64(from)), Fr(UInt64(to)), Fr(amount), Fr(nonce)] }
}

/// Sizes of the rollup circuit.
public struct RollupParameters: Equatable, Hashable, Sendable {
    /// Depth of the account tree (2^depth accounts).
    public let treeDepth: Int
    /// Transfers per batch (every batch has exactly this many).
    public let batchSize: Int
    /// Balances and amounts are range-checked to this many bits.
    public static let balanceBits = 64

    /// Parameters; the defaults (depth 6, 2 transfers) give about 15,000 constraints.
    ///
    /// - Throws: ``CircuitError/invalidParameters(_:)`` unless 1 ≤ depth ≤ 32 and
    ///   1 ≤ batchSize ≤ 1024.
    public init(treeDepth: Int = 6, batchSize: Int = 2) throws {
        guard (1...32).contains(treeDepth) else { throw CircuitError.invalidParameters("tree depth \(treeDepth) is not in 1...32") }
        guard (1...1024).contains(batchSize) else { throw CircuitError.invalidParameters("batch size \(batchSize) is not in 1...1024") }
        self.treeDepth = treeDepth
        self.batchSize = batchSize
    }
}

/// What the circuit needs for one transfer: the accounts it touches as they were
/// just before it, and their authentication paths at that moment.
public struct RollupTransferWitness: Equatable, Sendable {
    /// The transfer.
    public var transfer: RollupTransfer
    /// The sender's account before the transfer.
    public var sender: RollupAccount
    /// The sender's siblings (bottom up) in the tree before the transfer.
    public var senderPath: [Fr]
    /// The receiver's account after the sender was updated (for a self-transfer,
    /// the updated sender).
    public var receiver: RollupAccount
    /// The receiver's siblings in the tree after the sender was updated.
    public var receiverPath: [Fr]
}

/// A batch applied to a state: the circuit witness of ``RollupCircuit``, and its
/// public inputs.
public struct RollupTransition: Equatable, Sendable {
    /// The state root before the batch (public input 0).
    public var oldRoot: Fr
    /// The state root after the batch (public input 1).
    public var newRoot: Fr
    /// The batch commitment (public input 2), see ``RollupState/batchCommitment(_:)``.
    public var batchCommitment: Fr
    /// One entry per transfer, in order.
    public var steps: [RollupTransferWitness]

    /// The public inputs in circuit order: old root, new root, batch commitment.
    public var publicInputs: [Fr] { [oldRoot, newRoot, batchCommitment] }
}

/// The rollup's state: accounts in a Poseidon Merkle tree. The plain computation
/// that ``RollupCircuit`` proves was done correctly.
public struct RollupState: Equatable, Sendable {
    /// The circuit sizes this state is for.
    public let parameters: RollupParameters
    /// The accounts that differ from ``RollupAccount/empty``, by index.
    private var accounts: [Int: RollupAccount]
    /// The state tree, whose empty leaf is the empty account's leaf.
    public private(set) var tree: PoseidonMerkleTree

    /// A state whose first accounts are `initial`, the other 2^depth − count empty.
    ///
    /// - Throws: ``CircuitError/accountOutOfRange(index:capacity:)`` when there are
    ///   more accounts than 2^depth.
    public init(parameters: RollupParameters, accounts initial: [RollupAccount]) throws {
        let capacity = 1 << parameters.treeDepth
        guard initial.count <= capacity else {
            throw CircuitError.accountOutOfRange(index: initial.count - 1, capacity: capacity)
        }
        self.parameters = parameters
        accounts = [:]
        tree = try PoseidonMerkleTree(depth: parameters.treeDepth, emptyLeaf: RollupAccount.empty.leaf)
        for (index, account) in initial.enumerated() { try set(index, account) }
    }

    /// The number of account slots, 2^depth.
    public var capacity: Int { 1 << parameters.treeDepth }

    /// The account at `index` (``RollupAccount/empty`` for an unused slot).
    ///
    /// - Throws: ``CircuitError/accountOutOfRange(index:capacity:)``.
    public func account(at index: Int) throws -> RollupAccount {
        guard index >= 0, index < capacity else { throw CircuitError.accountOutOfRange(index: index, capacity: capacity) }
        return accounts[index] ?? .empty
    }

    /// The state root.
    public var root: Fr { tree.root }

    /// Poseidon-chains the transfers: c₀ = 0, cᵢ₊₁ = Poseidon(cᵢ, from, to, amount,
    /// nonce). Published with the batch (as calldata) so anyone can recompute it.
    public static func batchCommitment(_ transfers: [RollupTransfer]) -> Fr {
        transfers.reduce(Fr.zero) { acc, t in try! Poseidon.hash([acc] + t.fields) }
    }

    /// Applies a full batch, checking every rule the circuit enforces, and returns
    /// the circuit witness. On error the state is unchanged.
    ///
    /// - Throws: ``CircuitError/wrongBatchSize(expected:actual:)``,
    ///   ``CircuitError/accountOutOfRange(index:capacity:)``,
    ///   ``CircuitError/nonceMismatch(account:expected:actual:)``,
    ///   ``CircuitError/insufficientBalance(account:balance:amount:)`` or
    ///   ``CircuitError/overflow(account:)``.
    public mutating func apply(_ batch: [RollupTransfer]) throws -> RollupTransition {
        guard batch.count == parameters.batchSize else {
            throw CircuitError.wrongBatchSize(expected: parameters.batchSize, actual: batch.count)
        }
        var next = self
        let oldRoot = root
        var steps = [RollupTransferWitness]()
        for transfer in batch {
            var sender = try next.account(at: transfer.from)
            _ = try next.account(at: transfer.to)
            guard transfer.nonce == sender.nonce else {
                throw CircuitError.nonceMismatch(account: transfer.from, expected: sender.nonce, actual: transfer.nonce)
            }
            guard transfer.amount <= sender.balance else {
                throw CircuitError.insufficientBalance(account: transfer.from, balance: sender.balance, amount: transfer.amount)
            }
            guard sender.nonce < UInt64.max else { throw CircuitError.overflow(account: transfer.from) }
            let senderBefore = sender
            let senderPath = try next.tree.path(at: transfer.from).siblings
            sender.balance -= transfer.amount
            sender.nonce += 1
            try next.set(transfer.from, sender)

            var receiver = try next.account(at: transfer.to)
            let receiverBefore = receiver
            let receiverPath = try next.tree.path(at: transfer.to).siblings
            let (sum, overflow) = receiver.balance.addingReportingOverflow(transfer.amount)
            guard !overflow else { throw CircuitError.overflow(account: transfer.to) }
            receiver.balance = sum
            try next.set(transfer.to, receiver)
            steps.append(RollupTransferWitness(transfer: transfer, sender: senderBefore, senderPath: senderPath,
                                               receiver: receiverBefore, receiverPath: receiverPath))
        }
        self = next
        return RollupTransition(oldRoot: oldRoot, newRoot: root, batchCommitment: Self.batchCommitment(batch), steps: steps)
    }

    private mutating func set(_ index: Int, _ account: RollupAccount) throws {
        accounts[index] = account == .empty ? nil : account
        try tree.update(index: index, leaf: account.leaf)
    }
}

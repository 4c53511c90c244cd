import SheafField
import SheafHash

/// The rollup state-transition circuit: "applying these `batchSize` transfers, in
/// order, to the state with root `oldRoot` gives the state with root `newRoot`, and
/// `batchCommitment` commits to exactly these transfers."
///
/// Public inputs, in order: old root, new root, batch commitment
/// (``RollupState/batchCommitment(_:)``). For each transfer the circuit
///
/// 1. range-checks the amount to 64 bits (so it cannot be "negative" and drain the
///    receiver);
/// 2. opens the sender's leaf Poseidon(pubkey, balance, nonce) at index `from`
///    under the current root, checks the transfer's nonce against it, and
///    range-checks balance − amount to 64 bits, which with the amount check proves
///    balance ≥ amount;
/// 3. recomputes the root with the sender's leaf (balance − amount, nonce + 1) along
///    the same path;
/// 4. opens the receiver at index `to` under that intermediate root, range-checks
///    balance + amount (no overflow past 2⁶⁴) and recomputes the root with it;
/// 5. folds (from, to, amount, nonce) into the commitment chain.
///
/// The final root must equal `newRoot` and the chain `batchCommitment`. Index
/// decompositions bind the paths to the indices in the transfer, so an operator
/// cannot debit one account and claim another. Authorisation (owners' signatures
/// over their transfers) is outside this circuit: BN254 has no in-circuit signature
/// scheme here yet, so an operator proves correct bookkeeping, not consent.
///
/// Cost per transfer, depth d: 4 leaf hashes (264 each), 4 Merkle paths
/// (244·d each), 3 range checks (65 each), 2 index decompositions (d + 1 each), one
/// 5-input hash (324) and 3 equalities: 1,580 + 978·d; plus 2 final equalities.
/// Defaults (d = 6, 2 transfers): 14,898 constraints.
public struct RollupCircuit: CircuitDefinition {
    /// Sizes.
    public let parameters: RollupParameters

    /// The circuit for these sizes.
    public init(parameters: RollupParameters) { self.parameters = parameters }

    /// Old root, new root, batch commitment.
    public var publicInputCount: Int { 3 }

    /// All-zero values of the right shape.
    public func placeholderWitness() -> RollupTransition {
        let path = [Fr](repeating: .zero, count: parameters.treeDepth)
        let step = RollupTransferWitness(transfer: RollupTransfer(from: 0, to: 0, amount: 0, nonce: 0),
                                         sender: .empty, senderPath: path, receiver: .empty, receiverPath: path)
        return RollupTransition(oldRoot: .zero, newRoot: .zero, batchCommitment: .zero,
                                steps: Array(repeating: step, count: parameters.batchSize))
    }

    /// Enforces the transition; see the type's documentation.
    ///
    /// - Throws: ``CircuitError/wrongWitnessShape(_:)`` when the number of steps or a
    ///   path length does not match the parameters.
    public func synthesize(_ cs: inout CircuitBuilder, witness: RollupTransition) throws {
        let depth = parameters.treeDepth
        guard witness.steps.count == parameters.batchSize else {
            throw CircuitError.wrongWitnessShape("\(witness.steps.count) transfers for a batch of \(parameters.batchSize)")
        }
        for (k, step) in witness.steps.enumerated() where step.senderPath.count != depth || step.receiverPath.count != depth {
            throw CircuitError.wrongWitnessShape("transfer \(k): paths must have \(depth) siblings")
        }
        let oldRoot = cs.publicInput("oldRoot", witness.oldRoot)
        let newRoot = cs.publicInput("newRoot", witness.newRoot)
        let commitment = cs.publicInput("batchCommitment", witness.batchCommitment)

        var root = oldRoot
        var chain = LinearCombination.zero
        for (k, step) in witness.steps.enumerated() {
            try cs.withNamespace("transfer[\(k)]") { cs in
                let t = step.transfer
                let from = cs.allocate(Fr(UInt64(truncatingIfNeeded: t.from)))
                let to = cs.allocate(Fr(UInt64(truncatingIfNeeded: t.to)))
                let amount = cs.allocate(Fr(t.amount))
                let nonce = cs.allocate(Fr(t.nonce))
                cs.assertRange(amount, bits: RollupParameters.balanceBits, "amount/range")

                // Sender: open, check, debit, re-hash along the same path.
                root = try cs.withNamespace("sender") { cs in
                    let key = cs.allocate(step.sender.publicKey)
                    let balance = cs.allocate(Fr(step.sender.balance))
                    let accountNonce = cs.allocate(Fr(step.sender.nonce))
                    let siblings = step.senderPath.map { cs.allocate($0) }
                    let leaf = try cs.poseidon([key, balance, accountNonce], "leaf")
                    let bits = try cs.assertMerkleMembership(leaf: leaf, index: from, siblings: siblings,
                                                             root: root, "membership")
                    cs.assertEqual(accountNonce, nonce, "nonce")
                    let newBalance = balance - amount
                    cs.assertRange(newBalance, bits: RollupParameters.balanceBits, "sufficientFunds")
                    let newLeaf = try cs.poseidon([key, newBalance, accountNonce + 1], "newLeaf")
                    return try cs.merkleRoot(leaf: newLeaf, indexBits: bits, siblings: siblings, "update")
                }

                // Receiver: open under the intermediate root, credit, re-hash.
                root = try cs.withNamespace("receiver") { cs in
                    let key = cs.allocate(step.receiver.publicKey)
                    let balance = cs.allocate(Fr(step.receiver.balance))
                    let accountNonce = cs.allocate(Fr(step.receiver.nonce))
                    let siblings = step.receiverPath.map { cs.allocate($0) }
                    let leaf = try cs.poseidon([key, balance, accountNonce], "leaf")
                    let bits = try cs.assertMerkleMembership(leaf: leaf, index: to, siblings: siblings,
                                                             root: root, "membership")
                    let newBalance = balance + amount
                    cs.assertRange(newBalance, bits: RollupParameters.balanceBits, "noOverflow")
                    let newLeaf = try cs.poseidon([key, newBalance, accountNonce], "newLeaf")
                    return try cs.merkleRoot(leaf: newLeaf, indexBits: bits, siblings: siblings, "update")
                }

                chain = try cs.poseidon([chain, from, to, amount, nonce], "commitment")
            }
        }
        cs.assertEqual(root, newRoot, "newRoot")
        cs.assertEqual(chain, commitment, "batchCommitment")
    }
}

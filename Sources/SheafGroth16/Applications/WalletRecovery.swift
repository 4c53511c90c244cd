import SheafField
import SheafHash

/// A recovery guardian of a smart wallet, known to the wallet only through the
/// commitment Poseidon(secret).
public struct Guardian: Equatable, Hashable, Sendable {
    /// The guardian's secret; never leaves the guardian except into a proof's witness.
    public var secret: Fr

    /// A guardian.
    public init(secret: Fr) { self.secret = secret }

    /// Poseidon(secret): the guardian's public identity in the wallet's set.
    public var commitment: Fr { try! Poseidon.hash([secret]) }

    /// The guardian's approval of moving the wallet to `newOwner` at recovery
    /// `nonce`: Poseidon(secret, newOwner, nonce). It cannot be made without the
    /// secret and is worthless for any other request.
    public func approve(newOwner: Fr, nonce: Fr) -> GuardianApproval {
        GuardianApproval(secret: secret, newOwner: newOwner, nonce: nonce,
                         tag: try! Poseidon.hash([secret, newOwner, nonce]))
    }
}

/// One guardian's approval of one recovery request, as handed to the prover.
public struct GuardianApproval: Equatable, Hashable, Sendable {
    /// The approving guardian's secret (the prover needs it for the proof of knowledge).
    public var secret: Fr
    /// The new owner the guardian agreed to.
    public var newOwner: Fr
    /// The wallet's recovery nonce the guardian agreed to.
    public var nonce: Fr
    /// Poseidon(secret, newOwner, nonce).
    public var tag: Fr

    /// An approval from parts, unchecked.
    public init(secret: Fr, newOwner: Fr, nonce: Fr, tag: Fr) {
        self.secret = secret
        self.newOwner = newOwner
        self.nonce = nonce
        self.tag = tag
    }
}

/// Sizes of the wallet-recovery circuit.
public struct WalletRecoveryParameters: Equatable, Hashable, Sendable {
    /// n, the number of guardians.
    public let guardianCount: Int
    /// k, the number of distinct approvals required.
    public let threshold: Int
    /// ⌈log₂ n⌉ (at least 1): the depth of the guardian-set tree.
    public let treeDepth: Int

    /// Parameters; the defaults (3 of 5) give about 3,700 constraints.
    ///
    /// - Throws: ``CircuitError/invalidParameters(_:)`` unless 1 ≤ k ≤ n ≤ 2¹⁶.
    public init(guardianCount: Int = 5, threshold: Int = 3) throws {
        guard (1...(1 << 16)).contains(guardianCount) else {
            throw CircuitError.invalidParameters("guardian count \(guardianCount) is not in 1...65536")
        }
        guard (1...guardianCount).contains(threshold) else {
            throw CircuitError.invalidParameters("threshold \(threshold) is not in 1...\(guardianCount)")
        }
        self.guardianCount = guardianCount
        self.threshold = threshold
        var depth = 1
        while 1 << depth < guardianCount { depth += 1 }
        treeDepth = depth
    }
}

/// The wallet's guardian set: the commitments of its n guardians in a Poseidon
/// Merkle tree (unused leaves 0); the root is the set commitment the wallet stores.
public struct GuardianSet: Equatable, Sendable {
    /// The guardians' commitments, in order.
    public let commitments: [Fr]
    /// The tree over them.
    public let tree: PoseidonMerkleTree

    /// The set of these commitments, which must number `parameters.guardianCount`.
    ///
    /// - Throws: ``CircuitError/invalidParameters(_:)`` for a different count.
    public init(commitments: [Fr], parameters: WalletRecoveryParameters) throws {
        guard commitments.count == parameters.guardianCount else {
            throw CircuitError.invalidParameters("\(commitments.count) guardians for a set of \(parameters.guardianCount)")
        }
        self.commitments = commitments
        tree = try PoseidonMerkleTree(depth: parameters.treeDepth, leaves: commitments)
    }

    /// The set commitment (the tree's root).
    public var root: Fr { tree.root }
}

/// One approval slot of the circuit: which guardian, its approval, its path.
public struct RecoverySlot: Equatable, Sendable {
    /// The guardian's index in the set.
    public var guardianIndex: Int
    /// Its approval.
    public var approval: GuardianApproval
    /// Its siblings in the guardian-set tree.
    public var siblings: [Fr]

    /// A slot from parts, unchecked.
    public init(guardianIndex: Int, approval: GuardianApproval, siblings: [Fr]) {
        self.guardianIndex = guardianIndex
        self.approval = approval
        self.siblings = siblings
    }
}

/// The witness and public inputs of a recovery.
public struct WalletRecoveryWitness: Equatable, Sendable {
    /// The guardian-set commitment (public input 0).
    public var setCommitment: Fr
    /// The new owner, e.g. an address as a field element (public input 1).
    public var newOwner: Fr
    /// The wallet's recovery nonce (public input 2).
    public var nonce: Fr
    /// Exactly k approval slots, guardian indices strictly increasing.
    public var slots: [RecoverySlot]

    /// The public inputs in circuit order: set commitment, new owner, nonce.
    public var publicInputs: [Fr] { [setCommitment, newOwner, nonce] }

    /// Collects the approvals (guardian index → approval) for a request, checking
    /// everything the circuit checks; when more than k guardians approved, the k
    /// lowest indices are used.
    ///
    /// - Throws: ``CircuitError/notEnoughApprovals(required:actual:)``,
    ///   ``CircuitError/guardianOutOfRange(index:count:)``,
    ///   ``CircuitError/wrongGuardianSecret(index:)`` or
    ///   ``CircuitError/approvalForDifferentRequest(index:)``.
    public init(guardians: GuardianSet, approvals: [Int: GuardianApproval], newOwner: Fr, nonce: Fr,
                parameters: WalletRecoveryParameters) throws {
        guard guardians.tree.depth == parameters.treeDepth, guardians.commitments.count == parameters.guardianCount else {
            throw CircuitError.invalidParameters("guardian set does not match the circuit parameters")
        }
        guard approvals.count >= parameters.threshold else {
            throw CircuitError.notEnoughApprovals(required: parameters.threshold, actual: approvals.count)
        }
        var slots = [RecoverySlot]()
        for index in approvals.keys.sorted() {
            let approval = approvals[index]!
            guard index >= 0, index < parameters.guardianCount else {
                throw CircuitError.guardianOutOfRange(index: index, count: parameters.guardianCount)
            }
            guard Guardian(secret: approval.secret).commitment == guardians.commitments[index] else {
                throw CircuitError.wrongGuardianSecret(index: index)
            }
            guard approval.newOwner == newOwner, approval.nonce == nonce,
                  approval == Guardian(secret: approval.secret).approve(newOwner: newOwner, nonce: nonce) else {
                throw CircuitError.approvalForDifferentRequest(index: index)
            }
            if slots.count < parameters.threshold {
                slots.append(RecoverySlot(guardianIndex: index, approval: approval,
                                          siblings: try guardians.tree.path(at: index).siblings))
            }
        }
        self.init(setCommitment: guardians.root, newOwner: newOwner, nonce: nonce, slots: slots)
    }

    /// Assembles a witness from parts without checking them (for placeholders and
    /// for testing that the circuit rejects false ones).
    public init(setCommitment: Fr, newOwner: Fr, nonce: Fr, slots: [RecoverySlot]) {
        self.setCommitment = setCommitment
        self.newOwner = newOwner
        self.nonce = nonce
        self.slots = slots
    }
}

/// The k-of-n wallet recovery circuit: "k distinct guardians of the set with
/// commitment `setCommitment` approved moving the wallet to `newOwner` at recovery
/// `nonce`."
///
/// Public inputs, in order: set commitment, new owner, nonce. For each of the k
/// slots the circuit proves knowledge of a secret whose Poseidon(secret) is the leaf
/// at the slot's guardian index in the set tree, and that the slot's approval tag
/// equals Poseidon(secret, newOwner, nonce) for the public newOwner and nonce: the
/// approval a guardian gave for another owner or nonce does not fit. Distinctness:
/// guardian indices must be strictly increasing from slot to slot (which also makes
/// the proof independent of the order approvals arrived in), and the last must be
/// below n, so k slots name k different guardians of the set. Because the nonce is
/// public and the wallet increments it after each recovery, approvals cannot be
/// replayed.
///
/// Cost, depth d = ⌈log₂ n⌉, per slot: commitment 216, index d + 1, path 244·d,
/// root 1, approval tag 264 + 1, ordering d + 1 (from the second slot on); plus
/// d + 1 for the last index: 3,666 for 3 of 5 (d = 3).
public struct WalletRecoveryCircuit: CircuitDefinition {
    /// Sizes.
    public let parameters: WalletRecoveryParameters

    /// The circuit for these sizes.
    public init(parameters: WalletRecoveryParameters) { self.parameters = parameters }

    /// Set commitment, new owner, nonce.
    public var publicInputCount: Int { 3 }

    /// All-zero values of the right shape.
    public func placeholderWitness() -> WalletRecoveryWitness {
        let slot = RecoverySlot(guardianIndex: 0,
                                approval: GuardianApproval(secret: .zero, newOwner: .zero, nonce: .zero, tag: .zero),
                                siblings: Array(repeating: .zero, count: parameters.treeDepth))
        return WalletRecoveryWitness(setCommitment: .zero, newOwner: .zero, nonce: .zero,
                                     slots: Array(repeating: slot, count: parameters.threshold))
    }

    /// Enforces the recovery statement; see the type's documentation.
    ///
    /// - Throws: ``CircuitError/wrongWitnessShape(_:)`` unless there are exactly k
    ///   slots with paths of the tree's depth.
    public func synthesize(_ cs: inout CircuitBuilder, witness: WalletRecoveryWitness) throws {
        let depth = parameters.treeDepth
        guard witness.slots.count == parameters.threshold else {
            throw CircuitError.wrongWitnessShape("\(witness.slots.count) approval slots, threshold is \(parameters.threshold)")
        }
        for (s, slot) in witness.slots.enumerated() where slot.siblings.count != depth {
            throw CircuitError.wrongWitnessShape("slot \(s): path must have \(depth) siblings")
        }
        let setCommitment = cs.publicInput("setCommitment", witness.setCommitment)
        let newOwner = cs.publicInput("newOwner", witness.newOwner)
        let nonce = cs.publicInput("nonce", witness.nonce)

        var previousIndex: LinearCombination? = nil
        for (s, slot) in witness.slots.enumerated() {
            previousIndex = try cs.withNamespace("approval[\(s)]") { cs in
                let index = cs.allocate(Fr(UInt64(truncatingIfNeeded: slot.guardianIndex)))
                let secret = cs.allocate(slot.approval.secret)
                let tag = cs.allocate(slot.approval.tag)
                let siblings = slot.siblings.map { cs.allocate($0) }
                let commitment = try cs.poseidon([secret], "commitment")
                // Also range-checks the index to d bits, which the comparisons need.
                try cs.assertMerkleMembership(leaf: commitment, index: index, siblings: siblings,
                                              root: setCommitment, "membership")
                let expectedTag = try cs.poseidon([secret, newOwner, nonce], "approvalTag")
                cs.assertEqual(expectedTag, tag, "binding")
                if let previous = previousIndex {
                    cs.assertLessThan(previous, index, bits: depth, "distinct")
                }
                return index
            }
        }
        if let last = previousIndex {
            cs.assertLessThan(last, .constant(Fr(UInt64(parameters.guardianCount))), bits: depth, "lastIndexInSet")
        }
    }
}

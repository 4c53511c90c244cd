import Testing
import SheafField
import SheafHash
@testable import SheafGroth16

/// The label of the first constraint `witness` violates in `circuit`, or nil when
/// it satisfies the circuit (building a witness of the right shape must not throw).
func firstFailure<C: CircuitDefinition>(_ circuit: C, _ witness: C.Witness) throws -> String? {
    let (system, vector) = try circuit.assign(witness)
    return try system.isSatisfied(by: vector).failure?.label
}

/// Checks A·B − C = h·Z at a random point for a satisfying witness, through
/// ``QAP/computeH`` and ``QAP/evaluate``: the end-to-end use Groth16 makes of them.
func expectQuotientIdentity(_ system: ConstraintSystem, _ witness: [Fr], seed: UInt64) throws {
    let h = try QAP.computeH(constraintSystem: system, witness: witness)
    let r = randomElements(1, seed: seed)[0]
    let qap = try QAP.evaluate(constraintSystem: system, at: r)
    #expect(h.count == qap.domainSize - 1)
    #expect(dot(witness, qap.u) * dot(witness, qap.v) - dot(witness, qap.w) == Polynomial.evaluate(h, at: r) * qap.vanishing)
}

// MARK: - Rollup

struct RollupFixture {
    let circuit: RollupCircuit
    let before: RollupState
    let after: RollupState
    let transition: RollupTransition

    init(parameters: RollupParameters? = nil) throws {
        let parameters = try parameters ?? RollupParameters()
        var rng = SeededGenerator(seed: 404)
        let accounts = [1000, 500, 0, 70].map { RollupAccount(publicKey: .random(using: &rng), balance: $0) }
        before = try RollupState(parameters: parameters, accounts: accounts)
        var state = before
        // Account 2 starts empty and can only pay account 0 back with what it received.
        transition = try state.apply([
            RollupTransfer(from: 0, to: 2, amount: 300, nonce: 0),
            RollupTransfer(from: 2, to: 0, amount: 100, nonce: 0),
        ] + (2..<parameters.batchSize).map { RollupTransfer(from: 1, to: 3, amount: 1, nonce: UInt64($0 - 2)) })
        after = state
        circuit = RollupCircuit(parameters: parameters)
    }
}

@Suite("Application: rollup state transition")
struct RollupCircuitTests {
    @Test("The native model moves balances, bumps nonces and commits to the batch")
    func nativeModel() throws {
        let f = try RollupFixture()
        #expect(try f.after.account(at: 0).balance == 800 && f.after.account(at: 0).nonce == 1)
        #expect(try f.after.account(at: 2).balance == 200 && f.after.account(at: 2).nonce == 1)
        #expect(try f.after.account(at: 1) == f.before.account(at: 1))
        #expect(f.transition.oldRoot == f.before.root && f.transition.newRoot == f.after.root)
        #expect(f.before.root != f.after.root)
        // The commitment is the Poseidon chain over (from, to, amount, nonce).
        let c1 = try Poseidon.hash([0, 0, 2, 300, 0])
        #expect(f.transition.batchCommitment == (try Poseidon.hash([c1, 2, 0, 100, 0])))
        // The new root is the tree of the updated accounts, rebuilt from scratch.
        let rebuilt = try RollupState(parameters: f.after.parameters,
                                      accounts: (0..<4).map { try f.after.account(at: $0) })
        #expect(rebuilt.root == f.after.root)
    }

    @Test("The native model refuses invalid batches and leaves the state unchanged")
    func nativeRejections() throws {
        let f = try RollupFixture()
        var state = f.before
        func attempt(_ batch: [RollupTransfer]) -> CircuitError? {
            do { _ = try state.apply(batch); return nil } catch { return error as? CircuitError }
        }
        let ok = RollupTransfer(from: 1, to: 0, amount: 1, nonce: 0)
        #expect(attempt([ok]) == .wrongBatchSize(expected: 2, actual: 1))
        #expect(attempt([RollupTransfer(from: 3, to: 0, amount: 71, nonce: 0), ok])
                == .insufficientBalance(account: 3, balance: 70, amount: 71))
        #expect(attempt([RollupTransfer(from: 3, to: 0, amount: 1, nonce: 1), ok])
                == .nonceMismatch(account: 3, expected: 0, actual: 1))
        #expect(attempt([RollupTransfer(from: 3, to: 64, amount: 1, nonce: 0), ok]) == .accountOutOfRange(index: 64, capacity: 64))
        // The second transfer reuses nonce 0 after the first consumed it.
        #expect(attempt([ok, ok]) == .nonceMismatch(account: 1, expected: 1, actual: 0))
        #expect(state == f.before)
        var rich = try RollupState(parameters: f.before.parameters,
                                   accounts: [RollupAccount(publicKey: 1, balance: 10), RollupAccount(publicKey: 2, balance: .max - 5)])
        #expect(throws: CircuitError.overflow(account: 1)) {
            try rich.apply([RollupTransfer(from: 0, to: 1, amount: 6, nonce: 0), RollupTransfer(from: 0, to: 0, amount: 0, nonce: 1)])
        }
        #expect(throws: CircuitError.invalidParameters("tree depth 0 is not in 1...32")) { try RollupParameters(treeDepth: 0) }
    }

    @Test("Honest batch: satisfied, public inputs in order, shape-only system identical, h exists")
    func honest() throws {
        let f = try RollupFixture()
        let (system, witness) = try f.circuit.assign(f.transition)
        #expect(try system.isSatisfied(by: witness) == .satisfied)
        #expect(try system.publicInputs(from: witness) == [f.before.root, f.after.root, f.transition.batchCommitment])
        #expect(system.publicInputNames == ["oldRoot", "newRoot", "batchCommitment"])
        let d = f.circuit.parameters.treeDepth
        #expect(system.constraintCount == 2 * (1580 + 978 * d) + 2)
        #expect((1000...20000).contains(system.constraintCount))
        #expect(try f.circuit.constraintSystem() == system)
        try expectQuotientIdentity(system, witness, seed: 1)
    }

    @Test("Tampered batches fail at the constraint that catches them")
    func tampered() throws {
        let f = try RollupFixture()
        func failing(_ edit: (inout RollupTransition) -> Void) throws -> String? {
            var t = f.transition
            edit(&t)
            return try firstFailure(f.circuit, t)
        }
        #expect(try failing { $0.steps[0].sender.balance += 1 } == "transfer[0]/sender/membership/root")
        #expect(try failing { $0.steps[0].transfer.amount = 1001 } == "transfer[0]/sender/sufficientFunds/recompose")
        // Account 2 held 300 when it paid; 301 is more than it has.
        #expect(try failing { $0.steps[1].transfer.amount = 301 } == "transfer[1]/sender/sufficientFunds/recompose")
        #expect(try failing { $0.steps[1].receiverPath[3] += 1 } == "transfer[1]/receiver/membership/root")
        #expect(try failing { $0.steps[0].senderPath[0] += 1 } == "transfer[0]/sender/membership/root")
        #expect(try failing { $0.steps[0].transfer.nonce = 1 } == "transfer[0]/sender/nonce")
        #expect(try failing { $0.steps[0].transfer.from = 1 } == "transfer[0]/sender/membership/root")
        #expect(try failing { $0.steps[0].transfer.from = 64 } == "transfer[0]/sender/membership/index/recompose")
        #expect(try failing { $0.newRoot += 1 } == "newRoot")
        #expect(try failing { $0.oldRoot += 1 } == "transfer[0]/sender/membership/root")
        #expect(try failing { $0.batchCommitment += 1 } == "batchCommitment")
        // A receiver credited more than the sender was debited breaks the new root.
        #expect(try failing { $0.steps[1].receiver.balance += 1 } == "transfer[1]/receiver/membership/root")
        var short = f.transition
        short.steps[0].senderPath.removeLast()
        #expect(throws: CircuitError.wrongWitnessShape("transfer 0: paths must have 6 siblings")) { try f.circuit.assign(short) }
    }

    @Test("Smaller parameters give a smaller, still sound circuit")
    func parameters() throws {
        let f = try RollupFixture(parameters: RollupParameters(treeDepth: 3, batchSize: 3))
        let (system, witness) = try f.circuit.assign(f.transition)
        #expect(system.constraintCount == 3 * (1580 + 978 * 3) + 2)
        #expect(try system.isSatisfied(by: witness).isSatisfied)
        var t = f.transition
        t.steps[2].transfer.amount = 2
        #expect(try firstFailure(f.circuit, t) != nil)
    }
}

// MARK: - Private note spend

struct NoteFixture {
    let parameters: NoteSpendParameters
    let circuit: NoteSpendCircuit
    let notes: [Note]
    let tree: PoseidonMerkleTree
    let witness: NoteSpendWitness

    init() throws {
        parameters = try NoteSpendParameters()
        circuit = NoteSpendCircuit(parameters: parameters)
        var rng = SeededGenerator(seed: 505)
        notes = (0..<5).map { _ in Note.random(value: 1_000_000_000_000_000_000, using: &rng) }
        var tree = try PoseidonMerkleTree(depth: parameters.treeDepth)
        for (i, note) in notes.enumerated() { try tree.update(index: i, leaf: note.commitment) }
        self.tree = tree
        witness = try NoteSpendWitness(note: notes[3], leafIndex: 3, tree: tree,
                                       recipient: try Fr(hex: "0x00000000219ab540356cBB839Cbe05303d7705Fa"),
                                       parameters: parameters)
    }
}

@Suite("Application: private note spend")
struct NoteSpendCircuitTests {
    @Test("Honest spend: satisfied, public inputs root, nullifier, recipient; shape identical; h exists")
    func honest() throws {
        let f = try NoteFixture()
        let (system, witness) = try f.circuit.assign(f.witness)
        #expect(try system.isSatisfied(by: witness) == .satisfied)
        let expectedNullifier = Poseidon.hash(f.notes[3].nullifierKey, 3)
        #expect(try system.publicInputs(from: witness) == [f.tree.root, expectedNullifier, f.witness.recipient])
        #expect(system.constraintCount == 512 + 245 * 20)
        #expect(try f.circuit.constraintSystem() == system)
        try expectQuotientIdentity(system, witness, seed: 2)
    }

    @Test("Native checks: the note must be in the tree at that index, of the pool's denomination")
    func nativeRejections() throws {
        let f = try NoteFixture()
        #expect(throws: CircuitError.noteNotInTree(leafIndex: 2)) {
            try NoteSpendWitness(note: f.notes[3], leafIndex: 2, tree: f.tree, recipient: 1, parameters: f.parameters)
        }
        #expect(throws: CircuitError.noteNotInTree(leafIndex: -1)) {
            try NoteSpendWitness(note: f.notes[3], leafIndex: -1, tree: f.tree, recipient: 1, parameters: f.parameters)
        }
        var cheap = f.notes[0]
        cheap.value = 5
        #expect(throws: CircuitError.wrongDenomination(expected: 1_000_000_000_000_000_000, actual: 5)) {
            try NoteSpendWitness(note: cheap, leafIndex: 0, tree: f.tree, recipient: 1, parameters: f.parameters)
        }
    }

    @Test("Tampered spends fail at the constraint that catches them")
    func tampered() throws {
        let f = try NoteFixture()
        func failing(_ edit: (inout NoteSpendWitness) -> Void) throws -> String? {
            var w = f.witness
            edit(&w)
            return try firstFailure(f.circuit, w)
        }
        #expect(try failing { $0.nullifier += 1 } == "nullifier")
        // The nullifier of the same note at another position is not this spend's.
        #expect(try failing { $0.nullifier = f.notes[3].nullifier(leafIndex: 4) } == "nullifier")
        #expect(try failing { $0.siblings[5] += 1 } == "membership/root")
        #expect(try failing { $0.note.secret += 1 } == "membership/root")
        #expect(try failing { $0.note.nullifierKey += 1 } == "membership/root")
        #expect(try failing { $0.leafIndex = 2 } == "membership/root")
        #expect(try failing { $0.note.value = 5 } == "denomination")
        #expect(try failing { $0.root = f.tree.root + 1 } == "membership/root")
        // Someone else's note with a path of its own but the spender's nullifier.
        #expect(try failing {
            $0.note = f.notes[1]; $0.leafIndex = 1; $0.siblings = try! f.tree.path(at: 1).siblings
        } == "nullifier")
        // Redirecting a finished proof's witness to another recipient breaks recipient².
        let (system, witness) = try f.circuit.assign(f.witness)
        let redirected = SheafGroth16Tests.tampered(witness, 3, f.witness.recipient + 1)
        #expect(try system.isSatisfied(by: redirected).failure?.label == "recipientSquare")
    }
}

// MARK: - Wallet recovery

struct RecoveryFixture {
    let parameters: WalletRecoveryParameters
    let circuit: WalletRecoveryCircuit
    let guardians: [Guardian]
    let set: GuardianSet
    let newOwner: Fr = 0xC0FFEE
    let nonce: Fr = 7

    init() throws {
        parameters = try WalletRecoveryParameters()
        circuit = WalletRecoveryCircuit(parameters: parameters)
        var rng = SeededGenerator(seed: 606)
        guardians = (0..<5).map { _ in Guardian(secret: .random(using: &rng)) }
        set = try GuardianSet(commitments: guardians.map(\.commitment), parameters: parameters)
    }

    func approvals(_ indices: [Int]) -> [Int: GuardianApproval] {
        Dictionary(uniqueKeysWithValues: indices.map { ($0, guardians[$0].approve(newOwner: newOwner, nonce: nonce)) })
    }

    func witness(_ indices: [Int]) throws -> WalletRecoveryWitness {
        try WalletRecoveryWitness(guardians: set, approvals: approvals(indices), newOwner: newOwner, nonce: nonce,
                                  parameters: parameters)
    }

    /// A slot for guardian `index` with whatever approval, bypassing native checks.
    func slot(_ index: Int, _ approval: GuardianApproval) throws -> RecoverySlot {
        RecoverySlot(guardianIndex: index, approval: approval, siblings: try set.tree.path(at: index).siblings)
    }
}

@Suite("Application: k-of-n wallet recovery")
struct WalletRecoveryCircuitTests {
    @Test("Honest 3-of-5: satisfied, public inputs in order, shape identical, h exists")
    func honest() throws {
        let f = try RecoveryFixture()
        let w = try f.witness([4, 1, 3])
        #expect(w.slots.map(\.guardianIndex) == [1, 3, 4])
        let (system, witness) = try f.circuit.assign(w)
        #expect(try system.isSatisfied(by: witness) == .satisfied)
        #expect(try system.publicInputs(from: witness) == [f.set.root, f.newOwner, f.nonce])
        let d = f.parameters.treeDepth
        #expect(d == 3)
        #expect(system.constraintCount == 3 * (216 + (d + 1) + 244 * d + 1 + 264 + 1) + 2 * (d + 1) + (d + 1))
        #expect(try f.circuit.constraintSystem() == system)
        try expectQuotientIdentity(system, witness, seed: 3)
        // Five approvals: the three lowest indices are used.
        #expect(try f.witness([0, 1, 2, 3, 4]).slots.map(\.guardianIndex) == [0, 1, 2])
    }

    @Test("Native checks: threshold, secrets, request binding, indices")
    func nativeRejections() throws {
        let f = try RecoveryFixture()
        #expect(throws: CircuitError.notEnoughApprovals(required: 3, actual: 2)) { try f.witness([0, 2]) }
        var approvals = f.approvals([0, 1, 2])
        approvals[1] = f.guardians[1].approve(newOwner: f.newOwner + 1, nonce: f.nonce)
        #expect(throws: CircuitError.approvalForDifferentRequest(index: 1)) {
            try WalletRecoveryWitness(guardians: f.set, approvals: approvals, newOwner: f.newOwner, nonce: f.nonce,
                                      parameters: f.parameters)
        }
        approvals[1] = f.guardians[2].approve(newOwner: f.newOwner, nonce: f.nonce)
        #expect(throws: CircuitError.wrongGuardianSecret(index: 1)) {
            try WalletRecoveryWitness(guardians: f.set, approvals: approvals, newOwner: f.newOwner, nonce: f.nonce,
                                      parameters: f.parameters)
        }
        approvals[1] = nil
        approvals[5] = f.guardians[0].approve(newOwner: f.newOwner, nonce: f.nonce)
        #expect(throws: CircuitError.guardianOutOfRange(index: 5, count: 5)) {
            try WalletRecoveryWitness(guardians: f.set, approvals: approvals, newOwner: f.newOwner, nonce: f.nonce,
                                      parameters: f.parameters)
        }
        #expect(throws: CircuitError.invalidParameters("threshold 6 is not in 1...5")) {
            try WalletRecoveryParameters(guardianCount: 5, threshold: 6)
        }
    }

    @Test("Tampered recoveries fail at the constraint that catches them")
    func tampered() throws {
        let f = try RecoveryFixture()
        let honest = try f.witness([1, 3, 4])
        func failing(_ edit: (inout WalletRecoveryWitness) throws -> Void) throws -> String? {
            var w = honest
            try edit(&w)
            return try firstFailure(f.circuit, w)
        }
        // k − 1 guardians: the third slot repeats guardian 3, or uses a made-up secret.
        #expect(try failing { $0.slots[2] = $0.slots[1] } == "approval[2]/distinct/recompose")
        #expect(try failing {
            $0.slots[2] = try f.slot(4, Guardian(secret: 99).approve(newOwner: f.newOwner, nonce: f.nonce))
        } == "approval[2]/membership/root")
        // Duplicate guardian in the first two slots.
        #expect(try failing { $0.slots[0] = $0.slots[1] } == "approval[1]/distinct/recompose")
        // Out of order is refused too, so one guardian cannot appear twice by reordering.
        #expect(try failing { $0.slots.swapAt(0, 1) } == "approval[1]/distinct/recompose")
        // Approvals given for another owner or nonce do not fit the public request.
        #expect(try failing { $0.newOwner += 1 } == "approval[0]/binding")
        #expect(try failing { $0.nonce += 1 } == "approval[0]/binding")
        #expect(try failing {
            $0.slots[1].approval = f.guardians[3].approve(newOwner: f.newOwner + 1, nonce: f.nonce)
        } == "approval[1]/binding")
        // Another guardian set.
        #expect(try failing { $0.setCommitment += 1 } == "approval[0]/membership/root")
        #expect(try failing { $0.slots[0].approval.secret += 1 } == "approval[0]/membership/root")
        var short = honest
        short.slots.removeLast()
        #expect(throws: CircuitError.wrongWitnessShape("2 approval slots, threshold is 3")) { try f.circuit.assign(short) }
    }

    @Test("The index bound: a guardian index at or beyond n is refused")
    func lastIndexBound() throws {
        // 2 of 3 guardians: the tree has 4 leaves, leaf 3 is empty (0).
        let parameters = try WalletRecoveryParameters(guardianCount: 3, threshold: 2)
        let circuit = WalletRecoveryCircuit(parameters: parameters)
        let guardians = [Guardian(secret: 11), Guardian(secret: 12), Guardian(secret: 13)]
        // A set tree whose fourth leaf is filled in, as if n were 4: index 3 opens,
        // and only the bound on the last index catches it.
        let fourLeaves = try PoseidonMerkleTree(depth: 2, leaves: (guardians + [Guardian(secret: 14)]).map(\.commitment))
        let slots = try [1, 3].map { i in
            RecoverySlot(guardianIndex: i, approval: Guardian(secret: Fr(UInt64(11 + i))).approve(newOwner: 5, nonce: 1),
                         siblings: try fourLeaves.path(at: i).siblings)
        }
        let w = WalletRecoveryWitness(setCommitment: fourLeaves.root, newOwner: 5, nonce: 1, slots: slots)
        #expect(try firstFailure(circuit, w) == "lastIndexInSet/recompose")
    }
}
